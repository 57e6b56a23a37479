//! Golden tests: every `fixtures/<case>/` holding an `input.md` or `input.html` is extracted
//! and compared byte for byte with `expected.json` (the article as JSON), `expected.txt`
//! (the text under the default policy, plus a newline) and, when present,
//! `expected.pangu.txt` (the text under `Policy::Pangu`).
//!
//! To write the expected files of a new case, run with `TEXTSIFT_BLESS=1`, then check every
//! line of them by hand before committing.

use std::fs;
use std::path::{Path, PathBuf};
use textsift::{Extractor, Policy};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut cases: Vec<PathBuf> = fs::read_dir(&root)
        .expect("fixtures/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| input_of(p).is_some())
        .collect();
    cases.sort();
    cases
}

fn input_of(case: &Path) -> Option<PathBuf> {
    ["input.md", "input.html"]
        .iter()
        .map(|n| case.join(n))
        .find(|p| p.is_file())
}

fn extractor(case: &Path, policy: Policy) -> Extractor {
    let mut builder = Extractor::builder();
    builder.policy(policy);
    if let Ok(url) = fs::read_to_string(case.join("base-url.txt")) {
        builder.base_url(url.trim());
    }
    builder.build().expect("valid fixture options")
}

/// Compares `got` with the file at `path`; returns a description of the first difference.
fn compare(path: &Path, got: &str) -> Option<String> {
    if std::env::var_os("TEXTSIFT_BLESS").is_some() {
        fs::write(path, got).expect("write expected file");
        return None;
    }
    let want = match fs::read_to_string(path) {
        Ok(w) => w,
        Err(e) => return Some(format!("{}: {e}", path.display())),
    };
    if want == got {
        return None;
    }
    let line = want
        .lines()
        .zip(got.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| want.lines().count().min(got.lines().count()));
    let show = |s: &str| s.lines().nth(line).unwrap_or("<end of file>").to_string();
    Some(format!(
        "{} differs at line {}:\n  want: {}\n  got:  {}",
        path.display(),
        line + 1,
        show(&want),
        show(got)
    ))
}

#[test]
fn golden_fixtures() {
    let cases = cases();
    assert!(
        cases.len() >= 13,
        "expected the seed and at least 12 cases, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let input = fs::read(input_of(case).unwrap()).unwrap();
        let article = extractor(case, Policy::Compact).extract(&input).unwrap();
        let json = serde_json::to_string_pretty(&article).unwrap();
        failures.extend(compare(&case.join("expected.json"), &json));
        failures.extend(compare(
            &case.join("expected.txt"),
            &format!("{}\n", article.text()),
        ));
        let pangu = case.join("expected.pangu.txt");
        if pangu.exists() {
            let article = extractor(case, Policy::Pangu).extract(&input).unwrap();
            failures.extend(compare(&pangu, &format!("{}\n", article.text())));
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden mismatch(es):\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The seed must also match the shared copy exactly, so the fixture cannot drift from it.
#[test]
fn seed_fixture_matches_shared_seed() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !shared.is_dir() {
        eprintln!("skipping: ../shared/seeds not found (the crate is tested standalone)");
        return;
    }
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/zaker-post");
    for (shared_name, fixture_name) in [
        ("zaker-post.md", "input.md"),
        ("zaker-post.expected.json", "expected.json"),
        ("zaker-post.compact.txt", "expected.txt"),
        ("zaker-post.pangu.txt", "expected.pangu.txt"),
    ] {
        assert_eq!(
            fs::read(shared.join(shared_name)).unwrap(),
            fs::read(fixture.join(fixture_name)).unwrap(),
            "fixtures/zaker-post/{fixture_name} differs from ../shared/seeds/{shared_name}"
        );
    }
}
