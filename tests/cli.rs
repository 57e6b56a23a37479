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

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_textsift"))
}

fn page(text: &str) -> String {
    format!("<html><body><article><p>{text} This sentence makes the paragraph long enough to be the article.</p></article></body></html>")
}

#[test]
fn absurd_job_counts_exit_2_naming_j_without_spawning() {
    let dir = scratch("cli-jobs");
    let file = dir.join("a.html");
    std::fs::write(&file, page("Jobs.")).unwrap();
    for bad in [
        "10000000000",
        "18446744073709551615",
        "9223372036854775808",
        "1000000",
        "0",
        "x",
    ] {
        let started = std::time::Instant::now();
        let out = bin().args(["-j", bad]).arg(&file).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "-j {bad}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("textsift: -j: "), "-j {bad}: {err}");
        assert!(started.elapsed().as_secs() < 10, "-j {bad} took long");
    }
    // The maximum on one file starts one worker, not 256.
    let started = std::time::Instant::now();
    let out = bin()
        .args(["-j", "256", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(started.elapsed().as_secs() < 10);
}

#[test]
fn write_errors_are_reported_once_and_never_panic() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipping: no /dev/full on this system");
        return;
    };
    let dir = scratch("cli-full");
    let file = dir.join("a.html");
    std::fs::write(&file, page("Full disk.")).unwrap();
    let missing = dir.join("missing.html");

    // stdout on a full disk: one message, status 1.
    let out = bin()
        .arg("--json")
        .arg(&file)
        .stdout(full.try_clone().unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.matches("textsift: writing output: ").count(),
        1,
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    // stderr on a full disk (and a failing input to report): no panic, non-zero status.
    let out = bin()
        .arg("--json")
        .arg(&file)
        .arg(&missing)
        .stderr(full.try_clone().unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "a panic would be 101");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);

    // Both full: quiet, non-zero.
    let out = bin()
        .arg(&file)
        .stdout(full.try_clone().unwrap())
        .stderr(full.try_clone().unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));

    // The same for `normalize`, and for `--help`.
    for args in [&["normalize"][..], &["--help"][..]] {
        let mut child = bin()
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(full.try_clone().unwrap())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        {
            use std::io::Write;
            let mut stdin = child.stdin.take().unwrap();
            let _ = stdin.write_all("中文 ( 测试 )\n".repeat(10_000).as_bytes());
        }
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            err.matches("textsift: writing output: ").count(),
            1,
            "{args:?}: {err}"
        );
    }
    let out = bin()
        .arg("normalize")
        .stdin(std::process::Stdio::null())
        .stderr(full.try_clone().unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn non_utf8_names_lists_and_list_directories_are_all_read() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("cli-bytes");
    let walked = dir.join("walked");
    std::fs::create_dir_all(&walked).unwrap();
    let odd = walked.join(std::ffi::OsStr::from_bytes(b"caf\xe9.html"));
    std::fs::write(&odd, page("Latin-1 name.")).unwrap();
    let (code, stdout, stderr) = run(&[&walked]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Latin-1 name."),
        "the file with a non-UTF-8 name is walked"
    );

    let listed = dir.join("listed.html");
    std::fs::write(&listed, page("Listed after bad lines.")).unwrap();
    let mut list = Vec::new();
    list.extend_from_slice(b"/no/such/\xff\xfe.html\n");
    list.extend_from_slice(&vec![b'x'; 40_000]);
    list.push(b'\n');
    list.extend_from_slice(walked.as_os_str().as_bytes());
    list.push(b'\n');
    list.extend_from_slice(listed.as_os_str().as_bytes());
    list.extend_from_slice(b"\r\n");
    let list_file = dir.join("list.txt");
    std::fs::write(&list_file, list).unwrap();
    let mut arg = std::ffi::OsString::from("@");
    arg.push(&list_file);
    let out = bin().arg("--json").arg(arg).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stdout.contains("Latin-1 name."),
        "a directory in a list is walked: {stdout}"
    );
    assert!(
        stdout.contains("Listed after bad lines."),
        "lines after bad ones are read"
    );
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("textsift: "))
        .collect();
    assert_eq!(errors.len(), 2, "one line per bad list line: {stderr}");
    assert!(errors[1].contains("line 2: longer than"), "{stderr}");
}

#[test]
fn concatenated_gzip_members_are_all_read() {
    use flate2::write::GzEncoder;
    use std::io::Write;
    let dir = scratch("cli-gzip");
    let gz = |text: &str| {
        let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(text.as_bytes()).unwrap();
        e.finish().unwrap()
    };
    let html = page("First member.");
    let (head, tail) = html.split_at(html.find("This sentence").unwrap());
    let mut both = gz(head);
    both.extend(gz(&format!("Second member. {tail}")));
    let file = dir.join("c.html.gz");
    std::fs::write(&file, both).unwrap();
    let (code, stdout, stderr) = run(&[&file]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("First member.") && stdout.contains("Second member."),
        "{stdout}"
    );
}

#[test]
fn out_dir_two_directory_arguments_with_the_same_file_name_both_written() {
    let dir = scratch("cli-out");
    for (sub, text) in [("a", "From a."), ("b", "From b.")] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(dir.join(sub).join("x.html"), page(text)).unwrap();
    }
    let out = bin()
        .current_dir(&dir)
        .args(["--json", "--out", "o", "a", "b"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("2 files") && stderr.contains("0 failed"),
        "{stderr}"
    );
    let a = std::fs::read_to_string(dir.join("o/a/x.html.json")).unwrap();
    let b = std::fs::read_to_string(dir.join("o/b/x.html.json")).unwrap();
    assert!(a.contains("From a.") && b.contains("From b."));
    // A lone directory argument keeps the layout it always had.
    let out = bin()
        .current_dir(&dir)
        .args(["-q", "--json", "--out", "o2", "a"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.join("o2/x.html.json").is_file());
}

#[test]
fn markdown_from_a_hostile_page_has_no_live_links() {
    use pulldown_cmark::{Event, Parser, Tag};
    let dir = scratch("cli-markdown");
    let file = dir.join("evil.html");
    let html = r#"<html><body><article>
<p>A page whose text reads [click me](javascript:alert(1)) and is long enough to keep.</p>
<p>Escaped &lt;script&gt;alert(1)&lt;/script&gt; in the page, with more words in it.</p>
<img src="http://e.com/a.png)[x](javascript:alert(1))" alt="a">
<pre>code
```
[not](javascript:alert(2))
</pre>
<p>Last paragraph, also long enough to be part of the article body here.</p>
</article></body></html>"#;
    std::fs::write(&file, html).unwrap();
    let out = bin().arg("--markdown").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    let mut images = Vec::new();
    for event in Parser::new(&md) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => panic!("a link to {dest_url} in\n{md}"),
            Event::Html(h) | Event::InlineHtml(h) => panic!("HTML {h} in\n{md}"),
            Event::Start(Tag::Image { dest_url, .. }) => images.push(dest_url.to_string()),
            _ => {}
        }
    }
    assert_eq!(images.len(), 1, "{md}");
    assert!(images[0].starts_with("http://e.com/"), "{images:?}");
    assert!(
        md.contains("[not](javascript:alert(2))"),
        "the code keeps its text: {md}"
    );
}

#[test]
fn normalize_one_huge_line_in_bounded_memory() {
    if !Path::new("/usr/bin/time").exists() {
        eprintln!("skipping: no /usr/bin/time to measure peak memory");
        return;
    }
    let dir = scratch("cli-huge-line");
    let size = if cfg!(debug_assertions) { 8 } else { 48 } << 20;
    let unit = "今天 ( 8 月 12 日 ) 播出 \" 云外交 \" 节目。";
    let line = unit.repeat(size / unit.len());
    let file = dir.join("line.txt");
    std::fs::write(&file, &line).unwrap();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(env!("CARGO_BIN_EXE_textsift"))
        .arg("normalize")
        .stdin(std::fs::File::open(&file).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.starts_with("今天（8月12日）播出“云外交”节目。今天"));
    assert_eq!(
        stdout.matches("云外交").count(),
        line.matches("云外交").count(),
        "nothing lost"
    );
    let peak_kb: u64 = String::from_utf8_lossy(&out.stderr)
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .expect("time prints the peak");
    // Whole, the line would need about 18 bytes per byte of input.
    assert!(
        peak_kb < 64 * 1024,
        "peak {peak_kb} KB for a {size}-byte line"
    );
}
