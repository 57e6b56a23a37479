//! Throughput of the normaliser against `autocorrect::format` on the same text, in the
//! same run.
//!
//! The text is at least 4 MB of mixed Chinese: the Hexo posts of
//! `../shared/corpus/hexo/dev/*.md` with tags stripped, plus the inputs of
//! `../shared/normalize/cases-dev.jsonl`, repeated. Without `../shared` the crate's own
//! `fixtures/normalize/cases.jsonl` is used instead.
//!
//! Run with `cargo bench --bench normalize`. Besides criterion's report, a summary line
//! gives both MB/s and their ratio.

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use textsift::{normalize, Policy};

const MIN_BYTES: usize = 4 << 20;
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Removes everything between `<` and `>`, crudely, and drops blank lines.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.lines()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `input` fields of a JSONL file of cases.
fn case_inputs(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["input"].as_str().map(str::to_string))
        .collect()
}

/// Builds the benchmark text and says where it came from.
fn bench_text() -> (String, &'static str) {
    let shared = Path::new(ROOT).join("../shared");
    let mut parts: Vec<String> = Vec::new();
    let mut source = "fixtures/normalize/cases.jsonl";
    if let Ok(dir) = std::fs::read_dir(shared.join("corpus/hexo/dev")) {
        let mut paths: Vec<_> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .collect();
        paths.sort();
        for p in paths {
            if let Ok(md) = std::fs::read_to_string(&p) {
                parts.push(strip_tags(&md));
            }
        }
        parts.extend(case_inputs(&shared.join("normalize/cases-dev.jsonl")));
        source = "../shared/corpus/hexo/dev/*.md + ../shared/normalize/cases-dev.jsonl";
    }
    if parts.iter().all(|p| p.is_empty()) {
        parts = case_inputs(&Path::new(ROOT).join("fixtures/normalize/cases.jsonl"));
        source = "fixtures/normalize/cases.jsonl";
    }
    assert!(!parts.is_empty(), "no text to benchmark");
    let unit = parts.join("\n");
    let mut text = String::with_capacity(MIN_BYTES + unit.len() + 1);
    while text.len() < MIN_BYTES {
        text.push_str(&unit);
        text.push('\n');
    }
    (text, source)
}

/// Best-of time per call of `f`, over at least three calls and about a second.
fn best_time<T>(mut f: impl FnMut() -> T) -> Duration {
    let start = Instant::now();
    let mut best = Duration::MAX;
    let mut runs = 0;
    while runs < 3 || (start.elapsed() < Duration::from_secs(1) && runs < 50) {
        let t = Instant::now();
        black_box(f());
        best = best.min(t.elapsed());
        runs += 1;
    }
    best
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn bench(c: &mut Criterion) {
    let (text, source) = bench_text();
    let bytes = text.len();
    println!("benchmark text: {:.2} MB from {source}", bytes as f64 / 1e6);

    let mut group = c.benchmark_group("normalize");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("textsift_compact", |b| {
        b.iter(|| normalize(black_box(&text), Policy::Compact))
    });
    group.bench_function("autocorrect_format", |b| {
        b.iter(|| autocorrect::format(black_box(&text)))
    });
    group.finish();

    let ours = mb_per_s(bytes, best_time(|| normalize(&text, Policy::Compact)));
    let theirs = mb_per_s(bytes, best_time(|| autocorrect::format(&text)));
    println!(
        "summary: textsift::normalize(Compact) {ours:.1} MB/s, autocorrect::format {theirs:.1} MB/s, \
         ratio {:.1}x (best of several runs on the same {:.2} MB)",
        ours / theirs,
        bytes as f64 / 1e6
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
