//! The batch tool against hostile file systems: each bad input gives one line on stderr,
//! the rest of the batch completes, and the exit status says something failed.
//! Needs the `cli` feature: `cargo test --release --features cli --test cli`.
#![cfg(all(feature = "cli", unix))]

use std::path::Path;
use std::process::Command;

fn run(args: &[&Path]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_textsift"))
        .arg("--json")
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bad_inputs_each_get_one_line_and_the_batch_goes_on() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-hostile");
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.join("d");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.html"), "<p>first</p>").unwrap();
    std::fs::write(dir.join("z.html"), "<p>last</p>").unwrap();
    std::fs::write(dir.join("empty.html"), "").unwrap();
    let noise: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2654435761) >> 11) as u8)
        .collect();
    std::fs::write(dir.join("noise.html"), noise).unwrap();
    std::fs::write(dir.join("photo.html"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    std::os::unix::fs::symlink("..", dir.join("sub/loop")).unwrap();
    let fifo = dir.join("pipe.html");
    let made_fifo = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());

    let missing = root.join("missing.html");
    let (code, stdout, stderr) = run(&[&dir, &missing]);
    assert_eq!(code, 1, "stderr: {stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2, "the two good files, in order: {stdout}");
    assert!(lines[0].contains("first") && lines[1].contains("last"));
    let mut bad = vec![
        "empty.html",
        "noise.html",
        "photo.html",
        "sub/loop",
        "missing.html",
    ];
    if made_fifo {
        bad.push("pipe.html");
    }
    for name in bad {
        let hits = stderr
            .lines()
            .filter(|l| l.starts_with("textsift: ") && l.contains(name))
            .count();
        assert_eq!(
            hits, 1,
            "{name} should give exactly one error line:\n{stderr}"
        );
    }
}
