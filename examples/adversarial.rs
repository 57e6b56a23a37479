//! Measures time and peak memory of extraction on the hostile inputs of
//! `tests/adversarial.rs`, each case in a child process so its peak memory (VmHWM) is its
//! own. The nesting, attributes and text-node cases run at two sizes to show linear scaling.
//! The multiple is (peak − baseline) / input, the baseline being the peak of extracting
//! `<p>x</p>` in a process of its own.
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

/// The case whose peak is the process's baseline.
const BASELINE: &str = "baseline: <p>x</p>";

/// Every case, in table order.
fn cases() -> Vec<Case> {
    let mut v: Vec<Case> = vec![(BASELINE.into(), Box::new(|| b"<p>x</p>".to_vec()))];
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
        "front matter: 120 KB anchor, 30,000 aliases".into(),
        Box::new(|| hostile::alias_amplification(120_000, 30_000).into_bytes()),
    ));
    v.push((
        "front matter: 100,000 one-letter tags".into(),
        Box::new(|| {
            format!(
                "---\ntitle: t\ntags: [{}]\n---\n<p>body</p>",
                vec!["a"; 100_000].join(",")
            )
            .into_bytes()
        }),
    ));
    v.push((
        "front matter: `- ` nested 100,000 deep".into(),
        Box::new(|| {
            format!(
                "---\ntitle: t\ntags:\n  {}x\n---\n<p>body</p>",
                "- ".repeat(100_000)
            )
            .into_bytes()
        }),
    ));
    v.push((
        "10 MB of `&amp` without `;`".into(),
        Box::new(|| hostile::repeated("<p>", "&amp", 10 << 20).into_bytes()),
    ));
    v.push((
        "10 MB of bare `& `".into(),
        Box::new(|| hostile::repeated("<p>", "& ", 10 << 20).into_bytes()),
    ));
    v.push((
        "10 MB of unmatched `(\"“`$`, `http://`, `1：`".into(),
        Box::new(|| hostile::repeated("<p>中", "( \" “ ` $ http:// 1：", 10 << 20).into_bytes()),
    ));
    v.push((
        "25 MB paragraph of ASCII after one Han".into(),
        Box::new(|| hostile::repeated("<p>中", "x", 25 << 20).into_bytes()),
    ));
    v.push((
        "25 MB of `()` after one Han".into(),
        Box::new(|| hostile::repeated("<p>中", "()", 25 << 20).into_bytes()),
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
    let warned = |needle: &str| article.warnings.iter().any(|w| w.contains(needle));
    let note = if ["max_dom_depth", "attributes", "more tags", "reopened"]
        .iter()
        .any(|k| warned(k))
    {
        "capped"
    } else if warned("read line by line") {
        "front matter read line by line"
    } else {
        "-"
    };
    println!(
        "{:.3}\t{:.1}\t{:.1}\t{}\t{}\t{}",
        secs,
        before,
        peak_mib(),
        input.len(),
        article.text().len(),
        note
    );
}

fn main() {
    if let Some(name) = std::env::args().nth(1) {
        run_one(&name);
        return;
    }
    let exe = std::env::current_exe().expect("own path");
    println!("| case | input | time | peak memory (input built) | × input | text out | note |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    let mut baseline = 0.0;
    for (name, _) in cases() {
        let out = Command::new(&exe).arg(&name).output().expect("run a case");
        let line = String::from_utf8_lossy(&out.stdout);
        let f: Vec<&str> = line.trim().split('\t').collect();
        if !out.status.success() || f.len() < 6 {
            println!("| {name} | | FAILED | | | | {} |", out.status);
            continue;
        }
        let num = |s: &str| s.parse::<f64>().unwrap_or(0.0);
        if name == BASELINE {
            baseline = num(f[2]);
            println!("| {name} | | | {baseline:.0} MiB | | | the baseline |");
            continue;
        }
        // Below 1 MiB of input the multiple is the allocator's noise.
        let multiple = (num(f[2]) - baseline) * f64::from(1 << 20) / num(f[3]).max(1.0);
        let multiple = if num(f[3]) >= f64::from(1 << 20) {
            format!("{multiple:.1}")
        } else {
            "–".into()
        };
        println!(
            "| {name} | {:.1} MB | {:.2} s | {:.0} MiB ({:.0}) | {multiple} | {} B | {} |",
            num(f[3]) / 1e6,
            num(f[0]),
            num(f[2]),
            num(f[1]),
            f[4],
            f[5]
        );
    }
}
