//! Data-driven conformance tests for the CJK normaliser.
//!
//! One harness over two JSONL files of cases (`id`, `input`, `expected_compact`,
//! `expected_pangu`, `rule`, ...):
//!
//! - `../shared/normalize/cases-dev.jsonl`, the shared developer set (skipped with a
//!   message when the shared folder is absent);
//! - `fixtures/normalize/cases.jsonl`, our own cases, always run.
//!
//! Every case is checked under both policies, byte for byte, together with idempotence
//! (normalising the expected output, and normalising twice). Cases listed in
//! `fixtures/normalize/known-failures.txt` (`cjk-NNN policy  # reason`) are expected to
//! fail; the harness fails if one of them starts passing, so the list stays honest.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use textsift::{normalize, Policy};

const SHARED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/normalize/cases-dev.jsonl"
);
const OWN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/normalize/cases.jsonl"
);
const KNOWN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/fixtures/normalize/known-failures.txt"
);
const MAX_KNOWN: usize = 8;

struct Case {
    id: String,
    rule: String,
    input: String,
    compact: String,
    pangu: String,
}

fn load(path: &str) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
            let field = |k: &str| {
                v[k].as_str()
                    .unwrap_or_else(|| panic!("{path}:{}: missing string field `{k}`", n + 1))
                    .to_string()
            };
            Case {
                id: field("id"),
                rule: v["rule"].as_str().unwrap_or("").to_string(),
                input: field("input"),
                compact: field("expected_compact"),
                pangu: field("expected_pangu"),
            }
        })
        .collect()
}

/// `(id, policy)` pairs from the known-failures list.
fn known_failures() -> BTreeSet<(String, String)> {
    let Ok(text) = std::fs::read_to_string(KNOWN) else {
        return BTreeSet::new();
    };
    let mut set = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        let (entry, reason) = line.split_once('#').unwrap_or((line, ""));
        let mut words = entry.split_whitespace();
        let Some(id) = words.next() else { continue };
        let policy = words
            .next()
            .unwrap_or_else(|| panic!("known-failures.txt:{}: no policy", n + 1));
        assert!(
            matches!(policy, "compact" | "pangu"),
            "known-failures.txt:{}: policy must be compact or pangu, not {policy}",
            n + 1
        );
        assert!(
            !reason.trim().is_empty(),
            "known-failures.txt:{}: every entry needs a reason",
            n + 1
        );
        set.insert((id.to_string(), policy.to_string()));
    }
    assert!(
        set.len() <= MAX_KNOWN,
        "known-failures.txt has {} entries, at most {MAX_KNOWN}",
        set.len()
    );
    set
}

/// Shows a string with spaces as `␣` and other invisible characters as `⟨U+XXXX⟩`.
fn visible(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            ' ' => out.push('␣'),
            '\n' => out.push('⏎'),
            c if c.is_whitespace()
                || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}') =>
            {
                let _ = write!(out, "⟨U+{:04X}⟩", c as u32);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A readable diff of two strings: both in full, then where they first differ.
fn diff(expected: &str, got: &str) -> String {
    let e: Vec<char> = expected.chars().collect();
    let g: Vec<char> = got.chars().collect();
    let at = e.iter().zip(&g).take_while(|(a, b)| a == b).count();
    let around = |v: &[char]| -> String {
        let s = at.saturating_sub(6);
        let t = (at + 8).min(v.len());
        visible(&v[s..t].iter().collect::<String>())
    };
    format!(
        "    expected: {}\n    got:      {}\n    first difference at char {at}: expected …{}… got …{}…",
        visible(expected),
        visible(got),
        around(&e),
        around(&g)
    )
}

struct Report {
    failures: Vec<String>,
    checked: usize,
    passed: [usize; 2],
    still_failing: BTreeSet<(String, String)>,
}

fn check(cases: &[Case], known: &BTreeSet<(String, String)>, report: &mut Report) {
    for case in cases {
        for (k, (policy, expected)) in [
            (Policy::Compact, &case.compact),
            (Policy::Pangu, &case.pangu),
        ]
        .into_iter()
        .enumerate()
        {
            report.checked += 1;
            let key = (case.id.clone(), policy.name().to_string());
            let got = normalize(&case.input, policy);
            let mut problems = Vec::new();
            if &got != expected {
                problems.push(format!("output differs\n{}", diff(expected, &got)));
            }
            let again = normalize(expected, policy);
            if &again != expected {
                problems.push(format!(
                    "expected output is not a fixed point\n{}",
                    diff(expected, &again)
                ));
            }
            let twice = normalize(&got, policy);
            if twice != got {
                problems.push(format!(
                    "not idempotent: normalize(normalize(x)) != normalize(x)\n{}",
                    diff(&got, &twice)
                ));
            }
            let idempotent = twice == got;
            if known.contains(&key) && idempotent {
                if problems.is_empty() {
                    report.failures.push(format!(
                        "{} [{}] {}: listed in known-failures.txt but passes now; remove it from the list",
                        case.id,
                        case.rule,
                        policy.name()
                    ));
                } else {
                    report.still_failing.insert(key);
                }
                continue;
            }
            if problems.is_empty() {
                report.passed[k] += 1;
            } else {
                let mut msg = format!(
                    "{} [{}] {}\n    input:    {}",
                    case.id,
                    case.rule,
                    policy.name(),
                    visible(&case.input)
                );
                for p in problems {
                    let _ = write!(msg, "\n  {p}");
                }
                report.failures.push(msg);
            }
        }
    }
}

fn run(path: &str, known: &BTreeSet<(String, String)>) -> Report {
    let cases = load(path);
    assert!(!cases.is_empty(), "{path} holds no cases");
    let mut report = Report {
        failures: Vec::new(),
        checked: 0,
        passed: [0, 0],
        still_failing: BTreeSet::new(),
    };
    check(&cases, known, &mut report);
    println!(
        "{path}: {} cases; compact {}/{} pass, pangu {}/{} pass, {} known failures",
        cases.len(),
        report.passed[0],
        cases.len(),
        report.passed[1],
        cases.len(),
        report.still_failing.len()
    );
    for f in &report.failures {
        println!("FAIL {f}\n");
    }
    report
}

#[test]
fn shared_dev_cases() {
    if !Path::new(SHARED).exists() {
        println!("skipping: ../shared/normalize not found");
        return;
    }
    let known = known_failures();
    let report = run(SHARED, &known);
    let unknown: Vec<_> = known.difference(&report.still_failing).collect();
    // Entries for ids that do not exist are stale too (passing entries are reported above).
    let ids: BTreeSet<String> = load(SHARED).into_iter().map(|c| c.id).collect();
    let stale: Vec<_> = unknown.iter().filter(|(id, _)| !ids.contains(id)).collect();
    assert!(
        stale.is_empty(),
        "known-failures.txt lists cases that do not exist: {stale:?}"
    );
    assert!(
        report.failures.is_empty(),
        "{} of {} checks failed (see above)",
        report.failures.len(),
        report.checked
    );
}

#[test]
fn own_cases() {
    let report = run(OWN, &BTreeSet::new());
    assert!(
        report.failures.is_empty(),
        "{} of {} checks failed (see above)",
        report.failures.len(),
        report.checked
    );
}

#[test]
fn known_failures_list_is_well_formed() {
    let _ = known_failures();
}
