//! End-to-end extraction throughput against `dom_smoothie` and a bare parse, on the same
//! pages in the same run.
//!
//! Corpora: `../shared/bench/articles/html/*.html.gz` (181 real pages, gunzipped here) and
//! `../shared/corpus/hexo/dev/*.md` (Hexo posts with front matter). Without `../shared` the
//! bench says so and exits.
//!
//! Per corpus, one iteration handles every page once:
//! - `decode`: UTF-8 validation (what `extract` does before parsing valid UTF-8 input);
//! - `parse`: `scraper::Html::parse_document` (html5ever's tokenizer and tree builder);
//! - `textsift`: `textsift::extract` end to end (decode → … → normalised `Article`);
//! - `dom_smoothie`: `Readability::new(html, None, None)?.parse()` (its text output);
//! - `normalize`: `textsift::normalize` over the extracted text alone.
//!
//! A second table splits textsift's time by stage (decode, front matter, attribute
//! pre-pass, parse, metadata, clean + select, blocks, dropping the tree, normalise), from
//! the hidden `textsift::stages::times`, summed over the pages (median of 7 passes).
//!
//! Run with `cargo bench --bench extract` (add `-- --measurement-time 3 --warm-up-time 1`
//! while iterating). After criterion's report, a table gives MB/s, pages/s and each
//! extractor's ratio to the bare parse and to dom_smoothie.

use std::hint::black_box;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One corpus: a name and its pages as bytes.
struct Corpus {
    name: &'static str,
    pages: Vec<Vec<u8>>,
}

impl Corpus {
    fn bytes(&self) -> u64 {
        self.pages.iter().map(|p| p.len() as u64).sum()
    }
}

/// The files of `dir` whose name ends with `suffix`, in name order, read by `load`.
fn load_dir(dir: &Path, suffix: &str, load: impl Fn(&Path) -> Option<Vec<u8>>) -> Vec<Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_str().is_some_and(|s| s.ends_with(suffix)))
        .collect();
    paths.sort();
    paths.iter().filter_map(|p| load(p)).collect()
}

fn gunzip(path: &Path) -> Option<Vec<u8>> {
    let file = std::fs::read(path).ok()?;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(file.as_slice())
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

fn corpora() -> Vec<Corpus> {
    let shared = Path::new(ROOT).join("../shared");
    let articles = load_dir(&shared.join("bench/articles/html"), ".html.gz", gunzip);
    let hexo = load_dir(&shared.join("corpus/hexo/dev"), ".md", |p| {
        std::fs::read(p).ok()
    });
    [("articles", articles), ("hexo", hexo)]
        .into_iter()
        .filter(|(_, pages)| !pages.is_empty())
        .map(|(name, pages)| Corpus { name, pages })
        .collect()
}

/// The contenders: a name and what it does to one page.
type Run = fn(&[u8]);

fn decode(page: &[u8]) {
    black_box(std::str::from_utf8(page).is_ok());
}

fn parse(page: &[u8]) {
    let html = String::from_utf8_lossy(page);
    black_box(scraper::Html::parse_document(&html));
}

fn textsift(page: &[u8]) {
    black_box(textsift::extract(page).ok());
}

fn dom_smoothie(page: &[u8]) {
    let html = String::from_utf8_lossy(page);
    let article = dom_smoothie::Readability::new(html.as_ref(), None, None)
        .and_then(|mut r| r.parse())
        .map(|a| a.text_content.len());
    black_box(article.ok());
}

const RUNS: &[(&str, Run)] = &[
    ("decode", decode),
    ("parse", parse),
    ("textsift", textsift),
    ("dom_smoothie", dom_smoothie),
];

/// Seconds for one pass of each of `RUNS` over every page, `n` rounds, interleaved page by
/// page: each page is handled by every contender in turn (the order rotating from page to
/// page, so none is always first to a cold page) and each contender's times are summed, so
/// a change in the machine's load touches all of them alike. Returns, per contender, the
/// median pass time and the median over rounds of its time relative to the bare parse and
/// to dom_smoothie (paired within the round).
fn interleaved(corpus: &Corpus, n: usize) -> Vec<(f64, f64, f64)> {
    let rounds: Vec<Vec<f64>> = (0..n)
        .map(|_| {
            let mut sums = vec![0.0; RUNS.len()];
            for (p, page) in corpus.pages.iter().enumerate() {
                for k in 0..RUNS.len() {
                    let i = (p + k) % RUNS.len();
                    let start = Instant::now();
                    (RUNS[i].1)(page);
                    sums[i] += start.elapsed().as_secs_f64();
                }
            }
            sums
        })
        .collect();
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    (0..RUNS.len())
        .map(|i| {
            let secs = median(rounds.iter().map(|r| r[i]).collect());
            let vs_parse = median(rounds.iter().map(|r| r[1] / r[i]).collect());
            let vs_smoothie = median(rounds.iter().map(|r| r[3] / r[i]).collect());
            (secs, vs_parse, vs_smoothie)
        })
        .collect()
}

fn main() {
    let corpora = corpora();
    if corpora.is_empty() {
        println!("extract bench skipped: ../shared/bench and ../shared/corpus are absent");
        return;
    }
    let mut c = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(10))
        .configure_from_args();
    for corpus in &corpora {
        let texts: Vec<String> = corpus
            .pages
            .iter()
            .filter_map(|p| textsift::extract(p).ok().map(|a| a.text()))
            .collect();
        let mut group = c.benchmark_group(corpus.name);
        group.throughput(Throughput::Bytes(corpus.bytes()));
        for &(name, run) in RUNS {
            group.bench_function(name, |b| {
                b.iter(|| corpus.pages.iter().for_each(|p| run(p)))
            });
        }
        let text_bytes = texts.iter().map(|t| t.len() as u64).sum();
        group.throughput(Throughput::Bytes(text_bytes));
        group.bench_function("normalize (of the extracted text)", |b| {
            b.iter(|| {
                for t in &texts {
                    black_box(textsift::normalize(t, textsift::Policy::Compact));
                }
            })
        });
        group.finish();
    }
    c.final_summary();

    // The table: 7 interleaved rounds, same pages, same process.
    println!("\n| corpus | contender | MB/s | pages/s | vs parse | vs dom_smoothie |");
    println!("| --- | --- | ---: | ---: | ---: | ---: |");
    for corpus in &corpora {
        let mb = corpus.bytes() as f64 / 1e6;
        for (&(name, _), (s, vs_parse, vs_smoothie)) in RUNS.iter().zip(interleaved(corpus, 7)) {
            println!(
                "| {} ({} pages, {mb:.1} MB) | {name} | {:.1} | {:.0} | {vs_parse:.2}× | {vs_smoothie:.2}× |",
                corpus.name,
                corpus.pages.len(),
                mb / s,
                corpus.pages.len() as f64 / s,
            );
        }
    }

    stage_table(&corpora);
}

/// textsift's time per stage: for each stage the median over passes of its total over the
/// pages, its share of the whole, and the rate it alone would run at.
fn stage_table(corpora: &[Corpus]) {
    println!("\n| corpus | stage | ms per pass | share | MB/s alone |");
    println!("| --- | --- | ---: | ---: | ---: |");
    for corpus in corpora {
        let passes: Vec<Vec<(&str, f64)>> = (0..7)
            .map(|_| {
                let mut sums: Vec<(&str, f64)> = Vec::new();
                for page in &corpus.pages {
                    for (i, (stage, d)) in textsift::stages::times(page).into_iter().enumerate() {
                        match sums.get_mut(i) {
                            Some(slot) => slot.1 += d.as_secs_f64(),
                            None => sums.push((stage, d.as_secs_f64())),
                        }
                    }
                }
                sums
            })
            .collect();
        let stages = passes[0].len();
        let medians: Vec<(&str, f64)> = (0..stages)
            .map(|i| {
                let mut v: Vec<f64> = passes.iter().map(|p| p[i].1).collect();
                v.sort_by(f64::total_cmp);
                (passes[0][i].0, v[v.len() / 2])
            })
            .collect();
        let total: f64 = medians.iter().map(|(_, s)| s).sum();
        let mb = corpus.bytes() as f64 / 1e6;
        for (stage, secs) in medians {
            println!(
                "| {} | {stage} | {:.1} | {:.1}% | {:.0} |",
                corpus.name,
                secs * 1e3,
                100.0 * secs / total,
                mb / secs,
            );
        }
    }
}
