//! The real batch loop driven with injected steps: a panic in one input, and the
//! outputs of `--out` that must never collide.

use super::super::args::parse_from;
use super::super::diag::Diag;
use super::batch;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// A fresh directory for one test, under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("textsift-run-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

/// Runs `batch` with `argv` and `step` on another thread, so a hang fails the test
/// instead of blocking it: (status, stdout, stderr).
fn run_batch(
    argv: Vec<String>,
    step: fn(&Path) -> (u64, Result<String, String>),
) -> (u8, String, String) {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let args = parse_from(argv).expect("arguments parse");
        let mut out = Vec::new();
        let mut err = Vec::new();
        let code = {
            let mut diag = Diag::new(&mut err);
            batch(&args, &step, &mut out, &mut diag, false)
        };
        let _ = tx.send((
            code,
            String::from_utf8_lossy(&out).into_owned(),
            String::from_utf8_lossy(&err).into_owned(),
        ));
    });
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the batch finishes (a worker that panicked must not leave the others waiting)")
}

/// Echoes the file's name, and panics (a byte index inside a character, as the URL bug
/// of issue 10 did) on the one called `boom.html`.
fn panicking_step(path: &Path) -> (u64, Result<String, String>) {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name == "boom.html" {
        let s = String::from("中文图片.jpg");
        let (_, _) = s.split_at(1);
    }
    (1, Ok(format!("{name}\n")))
}

#[test]
fn a_panic_in_one_input_is_its_error_and_the_batch_completes() {
    let dir = scratch("panic");
    let names = [
        "a.html",
        "b.html",
        "boom.html",
        "c.html",
        "d.html",
        "e.html",
    ];
    for name in names {
        std::fs::write(dir.join(name), "<p>x</p>").unwrap();
    }
    for jobs in ["1", "4"] {
        let argv = vec![
            "--json".to_string(),
            "-q".into(),
            "-j".into(),
            jobs.into(),
            dir.display().to_string(),
        ];
        let (code, out, err) = run_batch(argv, panicking_step);
        assert_eq!(
            code, 1,
            "-j {jobs}: exit status 1 when an input failed\n{err}"
        );
        let want: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| *n != "boom.html")
            .collect();
        assert_eq!(
            out.lines().collect::<Vec<_>>(),
            want,
            "-j {jobs}: the others, in order"
        );
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "-j {jobs}: one line for the panic, no hook noise:\n{err}"
        );
        let boom = dir.join("boom.html");
        let prefix = format!("textsift: {}: internal error: ", boom.display());
        assert!(lines[0].starts_with(&prefix), "-j {jobs}: {}", lines[0]);
        assert!(lines[0].contains("char boundary"), "{}", lines[0]);
    }
}

#[test]
fn every_input_panicking_still_ends_the_batch() {
    let dir = scratch("all-panic");
    for i in 0..40 {
        std::fs::write(dir.join(format!("{i:02}.html")), "<p>x</p>").unwrap();
    }
    fn always(_: &Path) -> (u64, Result<String, String>) {
        panic!("always");
    }
    let argv = vec![
        "-q".into(),
        "-j".into(),
        "3".into(),
        dir.display().to_string(),
    ];
    let (code, out, err) = run_batch(argv, always);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert_eq!(err.lines().count(), 40, "{err}");
    assert!(err
        .lines()
        .all(|l| l.ends_with(")") && l.contains("internal error: always")));
}

fn name_step(path: &Path) -> (u64, Result<String, String>) {
    (1, Ok(format!("{}\n", path.display())))
}

#[cfg(unix)]
#[test]
fn out_dir_two_directories_with_the_same_file_name_never_collide() {
    let dir = scratch("collide");
    for sub in ["a", "b"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(dir.join(sub).join("x.html"), "<p>x</p>").unwrap();
    }
    let out = dir.join("out");
    let argv = vec![
        "-q".to_string(),
        "--out".into(),
        out.display().to_string(),
        dir.join("a").display().to_string(),
        dir.join("b").display().to_string(),
    ];
    let (code, _, err) = run_batch(argv, name_step);
    assert_eq!(code, 0, "{err}");
    let a = std::fs::read_to_string(out.join(dir.join("a/x.html.txt").strip_prefix("/").unwrap()));
    let b = std::fs::read_to_string(out.join(dir.join("b/x.html.txt").strip_prefix("/").unwrap()));
    assert!(a.unwrap().contains("a/x.html") && b.unwrap().contains("b/x.html"));
}

#[test]
fn out_dir_inputs_that_would_share_an_output_are_refused_for_the_second() {
    let dir = scratch("same-target");
    std::fs::write(dir.join("x.html"), "<p>x</p>").unwrap();
    std::fs::write(dir.join("x.html.gz"), "not read").unwrap();
    let out = dir.join("out");
    let argv = vec![
        "-q".to_string(),
        "--out".into(),
        out.display().to_string(),
        dir.display().to_string(),
    ];
    let (code, _, err) = run_batch(argv, name_step);
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].contains("x.html.gz") && lines[0].contains("also the output"),
        "{err}"
    );
    // The first input's output is the one written (not replaced by the second).
    let written = std::fs::read_to_string(out.join("x.html.txt")).unwrap();
    assert!(written.trim_end().ends_with("x.html"), "{written}");
}

#[test]
fn out_dir_inside_the_input_is_not_read_back() {
    let dir = scratch("inside");
    std::fs::write(dir.join("x.html"), "<p>x</p>").unwrap();
    let out = dir.join("out");
    let argv = || {
        vec![
            "-q".to_string(),
            "--out".into(),
            out.display().to_string(),
            "--markdown".into(),
            dir.display().to_string(),
        ]
    };
    for _ in 0..3 {
        let (code, _, err) = run_batch(argv(), name_step);
        assert_eq!(code, 0, "{err}");
    }
    let mut found: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    found.sort();
    assert_eq!(found, ["x.html.md"], "no x.html.md.md on later runs");
    // Naming the output directory itself as the input is reported, not walked.
    let argv = vec![
        "-q".to_string(),
        "--out".into(),
        out.display().to_string(),
        out.display().to_string(),
    ];
    let (code, _, err) = run_batch(argv, name_step);
    assert_eq!(code, 1);
    assert!(err.contains("is the --out directory"), "{err}");
}

#[cfg(target_os = "linux")]
#[test]
fn out_file_that_could_not_be_written_whole_is_removed() {
    // A full disk left the part written (16 KiB of a page, or an empty file) where a
    // later reader takes it for the whole output. /dev/full behind the target's name
    // fails the write as a full disk does.
    let dir = scratch("full");
    std::fs::write(dir.join("x.html"), "<p>x</p>").unwrap();
    std::fs::write(dir.join("y.html"), "<p>y</p>").unwrap();
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::os::unix::fs::symlink("/dev/full", out.join("x.html.txt")).unwrap();
    let argv = vec![
        "-q".to_string(),
        "--out".into(),
        out.display().to_string(),
        dir.display().to_string(),
    ];
    let (code, _, err) = run_batch(argv, name_step);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("x.html: writing ") && err.lines().count() == 1,
        "{err}"
    );
    assert!(std::fs::symlink_metadata(out.join("x.html.txt")).is_err());
    assert!(std::fs::read_to_string(out.join("y.html.txt")).is_ok());
    let _ = std::fs::remove_dir_all(&dir);
}
