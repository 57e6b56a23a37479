//! Measures time and peak memory of extraction on the hostile inputs of
//! `tests/adversarial.rs`, each case in a child process so its peak memory (VmHWM) is its
//! own. The nesting, attributes and text-node cases run at two sizes to show linear scaling.
//!
//! ```sh
//! cargo run --release --example adversarial            # all cases, a Markdown table
//! cargo run --release --example adversarial -- CASE    # one case, in this process
//! ```

#[path = "../tests/support/hostile.rs"]
mod hostile;

use std::process::Command;
use std::time::Instant;

/// A named case and the function that builds its input.
type Case = (String, Box<dyn Fn() -> Vec<u8>>);

/// Every case, in table order.
fn cases() -> Vec<Case> {
    let mut v: Vec<Case> = Vec::new();
    for n in [50_000, 100_000] {
        v.push((
            format!("nested <div> ×{n}"),
            Box::new(move || nested("<div>", "</div>", n)),
        ));
        v.push((
            format!("nested <table><tr><td> ×{n}"),
            Box::new(move || nested("<table><tr><td>", "</td></tr></table>", n)),
        ));
        v.push((
            format!("nested <b> ×{n}"),
            Box::new(move || nested("<b>", "</b>", n)),
        ));
    }
    for n in [500_000, 1_000_000] {
        v.push((
            format!("one tag, {n} attributes"),
            Box::new(move || {
                let attrs: String = (0..n).map(|i| format!(" a{i}=\"{i}\"")).collect();
                format!("<p{attrs}>hello</p><p>world</p>").into_bytes()
            }),
        ));
    }
    for mb in [25, 50] {
        v.push((
            format!("text node of {mb} MB"),
            Box::new(move || {
                let mut s = String::from("<p>");
                while s.len() < mb << 20 {
                    s.push_str("lorem ipsum 中文 ");
                }
                s.into_bytes()
            }),
        ));
    }
    v.push((
        "<title> of 10 MB".into(),
        Box::new(|| format!("<title>{}</title><p>b</p>", "t ".repeat(5 << 20)).into_bytes()),
    ));
    v.push((
        "100,000 images".into(),
        Box::new(|| {
            (0..100_000)
                .map(|i| format!("<img src=\"https://e.com/{i}.jpg\">"))
                .collect::<String>()
                .into_bytes()
        }),
    ));
    v.push((
        "100,000 empty paragraphs".into(),
        Box::new(|| "<p></p>".repeat(100_000).into_bytes()),
    ));
    v.push((
        "unclosed tags ×50,000".into(),
        Box::new(|| {
            "<p>para <b>bold <i>it <a href=/x>link <li>item <td>cell <span>"
                .repeat(50_000)
                .into_bytes()
        }),
    ));
    v.push((
        "table 1,000 × 1,000".into(),
        Box::new(|| {
            let row = format!("<tr>{}</tr>", "<td>c</td>".repeat(1000));
            format!("<table>{}</table>", row.repeat(1000)).into_bytes()
        }),
    ));
    v.push((
        "<p><b class=cN>x</p> ×20,000 (reopened)".into(),
        Box::new(|| hostile::reopened_formatting(20_000, 0).into_bytes()),
    ));
    v.push((
        "500 reopened, then <p>x</p> ×40,000".into(),
        Box::new(|| hostile::reopened_formatting(500, 40_000).into_bytes()),
    ));
    v.push((
        "500 open <b class>, then <p>x</p> ×40,000".into(),
        Box::new(|| hostile::open_formatting(500, 40_000).into_bytes()),
    ));
    v.push((
        "<br> ×3,000,000".into(),
        Box::new(|| format!("<p>{}", "<br>".repeat(3_000_000)).into_bytes()),
    ));
    for mib in [16, 63] {
        v.push((
            format!("<p>x, {mib} MiB"),
            Box::new(move || hostile::flood("<p>x", mib << 20).into_bytes()),
        ));
    }
    v.push((
        "200,000 images with alt".into(),
        Box::new(|| {
            (0..200_000)
                .map(|i| format!("<img src=\"https://e.com/{i:08}.jpg\" alt=\"photo {i:06}\">"))
                .collect::<String>()
                .into_bytes()
        }),
    ));
    v.push((
        "<li>x, 16 MiB".into(),
        Box::new(|| hostile::flood("<li>x", 16 << 20).into_bytes()),
    ));
    v.push((
        "binary garbage, 8 MB".into(),
        Box::new(|| hostile::garbage(8 << 20, 0x9E37_79B9_7F4A_7C15)),
    ));
    v.push((
        "front matter never closed, 8 MB".into(),
        Box::new(|| format!("---\ntitle: x\n{}", "k: <p>v</p>\n".repeat(700_000)).into_bytes()),
    ));
    v.push((
        "YAML alias bomb (9^25)".into(),
        Box::new(|| {
            let mut y = String::from("---\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
            let mut prev = 'a';
            for name in 'b'..='z' {
                let refs = vec![format!("*{prev}"); 9].join(", ");
                y.push_str(&format!("{name}: &{name} [{refs}]\n"));
                prev = name;
            }
            y.push_str("tags: *z\n---\n<p>body</p>");
            y.into_bytes()
        }),
    ));
    v.push((
        "YAML nested 100,000 deep".into(),
        Box::new(|| {
            format!(
                "---\ntitle: {}x{}\n---\n<p>b</p>",
                "[".repeat(100_000),
                "]".repeat(100_000)
            )
            .into_bytes()
        }),
    ));
    v
}

fn nested(open: &str, close: &str, n: usize) -> Vec<u8> {
    hostile::nested(open, close, n).into_bytes()
}

/// Peak resident memory of this process so far, in MiB (Linux; 0 elsewhere).
fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn run_one(name: &str) {
    let Some((_, build)) = cases().into_iter().find(|(n, _)| n == name) else {
        eprintln!("unknown case {name:?}");
        std::process::exit(2);
    };
    let input = build();
    let before = peak_mib();
    let start = Instant::now();
    let article = textsift::extract(&input).expect("within the default limits");
    let secs = start.elapsed().as_secs_f64();
    let capped = article.warnings.iter().any(|w| {
        ["max_dom_depth", "attributes", "more tags", "reopened"]
            .iter()
            .any(|k| w.contains(k))
    });
    println!(
        "{:.3}\t{:.0}\t{:.0}\t{}\t{}\t{}",
        secs,
        before,
        peak_mib(),
        input.len(),
        article.text().len(),
        if capped { "capped" } else { "-" }
    );
}

fn main() {
    if let Some(name) = std::env::args().nth(1) {
        run_one(&name);
        return;
    }
    let exe = std::env::current_exe().expect("own path");
    println!(
        "| case | input | time | peak memory (input built) | peak ÷ input | text out | note |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    for (name, _) in cases() {
        let out = Command::new(&exe).arg(&name).output().expect("run a case");
        let line = String::from_utf8_lossy(&out.stdout);
        let f: Vec<&str> = line.trim().split('\t').collect();
        if !out.status.success() || f.len() < 6 {
            println!("| {name} | | FAILED | | | | {} |", out.status);
            continue;
        }
        let mib = |s: &str| s.parse::<f64>().unwrap_or(0.0);
        let input_mib = mib(f[3]) / f64::from(1 << 20);
        println!(
            "| {name} | {:.1} MB | {:.2} s | {:.0} MiB ({:.0}) | {:.1} | {} B | {} |",
            mib(f[3]) / 1e6,
            mib(f[0]),
            mib(f[2]),
            mib(f[1]),
            mib(f[2]) / input_mib,
            f[4],
            f[5]
        );
    }
}
