//! The bench's three Python scorers: run with `--json --per-page FILE`, and read back.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A scorer of `../shared/bench/` (its README.md describes them).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Scorer {
    /// `score.py`: 4-token shingle F1 (P and R macro means, F1 their harmonic mean).
    Shingle,
    /// `score_bag.py`: bag-of-tokens F1, each Han character a token (macro means).
    Bag,
    /// `score_segments.py`: segments found and boilerplate kept, plus metadata matches.
    Segments,
}

/// A scorer's verdict on one set.
pub struct Summary {
    pub scorer: Scorer,
    pub pages: u64,
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
    /// Pages whose F1 is under 0.5 (catastrophic misses).
    pub below_half: usize,
    /// Pages with empty output.
    pub empty: u64,
    pub notes: String,
}

/// One page's scores (`segments`: over its own segments).
pub struct PageScore {
    pub f1: f64,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub detail: String,
}

fn num(v: &Value, key: &str) -> f64 {
    v.get(key).and_then(Value::as_f64).unwrap_or(f64::NAN)
}

fn count(v: &Value, key: &str) -> u64 {
    v.get(key).and_then(Value::as_u64).unwrap_or(0)
}

impl Scorer {
    pub fn label(self) -> &'static str {
        match self {
            Scorer::Shingle => "shingle",
            Scorer::Bag => "bag",
            Scorer::Segments => "segments",
        }
    }

    fn script(self) -> &'static str {
        match self {
            Scorer::Shingle => "score.py",
            Scorer::Bag => "score_bag.py",
            Scorer::Segments => "score_segments.py",
        }
    }

    /// Starts the scorer on `pred`; it writes its per-page scores to `per_page`.
    pub fn spawn(
        self,
        bench: &Path,
        truth: &Path,
        pred: &Path,
        per_page: &Path,
    ) -> std::io::Result<Child> {
        Command::new("python3")
            .arg(bench.join(self.script()))
            .args([truth, pred])
            .arg("--per-page")
            .arg(per_page)
            .arg("--json")
            .stdout(Stdio::piped())
            .spawn()
    }

    /// Waits for the scorer and reads its summary and per-page scores.
    pub fn finish(
        self,
        child: Child,
        per_page: &Path,
    ) -> Result<(Summary, BTreeMap<String, PageScore>), Box<dyn std::error::Error>> {
        let out = child.wait_with_output()?;
        if !out.status.success() {
            return Err(format!("{} failed ({})", self.script(), out.status).into());
        }
        let stdout = String::from_utf8_lossy(&out.stdout);
        let last = stdout
            .lines()
            .rfind(|l| !l.trim().is_empty())
            .unwrap_or("{}");
        let m: Value = serde_json::from_str(last)?;
        let rows: BTreeMap<String, Value> = serde_json::from_slice(&std::fs::read(per_page)?)?;
        let pages: BTreeMap<String, PageScore> = rows
            .iter()
            .filter_map(|(id, row)| Some((id.clone(), self.page(row)?)))
            .collect();
        let below_half = pages.values().filter(|p| p.f1 < 0.5).count();
        let (f1, empty, notes) = match self {
            Scorer::Shingle => (
                num(&m, "f1"),
                count(&m, "empty_predictions"),
                format!(
                    "±{:.3}, exact {:.3}",
                    num(&m, "f1_std"),
                    num(&m, "accuracy")
                ),
            ),
            Scorer::Bag => (
                num(&m, "f1"),
                count(&m, "missing"),
                format!("median {:.3}", num(&m, "f1_median")),
            ),
            Scorer::Segments => {
                let meta = |k: &str| {
                    let v = &m[k];
                    match k {
                        "date" => format!("{k} {:.3}", num(v, "exact")),
                        _ => format!("{k} {:.3}/{:.3}", num(v, "exact"), num(v, "close")),
                    }
                };
                let invented =
                    ["author", "title", "date"].map(|k| count(&m[k], "invented").to_string());
                let notes = format!(
                    "acc {:.3}; {}, {}, {} (exact/close); invented {}",
                    num(&m, "accuracy"),
                    meta("author"),
                    meta("title"),
                    meta("date"),
                    invented.join("/"),
                );
                (num(&m, "f"), count(&m, "empty_pages"), notes)
            }
        };
        let summary = Summary {
            scorer: self,
            pages: count(&m, "pages"),
            f1,
            precision: num(&m, "precision"),
            recall: num(&m, "recall"),
            below_half,
            empty,
            notes,
        };
        Ok((summary, pages))
    }

    /// One row of the scorer's `--per-page` file (`None`: a page with nothing to score).
    fn page(self, row: &Value) -> Option<PageScore> {
        let opt = |k: &str| row.get(k).and_then(Value::as_f64);
        match self {
            Scorer::Shingle => Some(PageScore {
                f1: opt("f1")?,
                precision: opt("precision"),
                recall: opt("recall"),
                detail: format!(
                    "tokens {} of {}",
                    count(row, "pred_tokens"),
                    count(row, "truth_tokens")
                ),
            }),
            Scorer::Bag => Some(PageScore {
                f1: opt("f1")?,
                precision: opt("precision"),
                recall: opt("recall"),
                detail: String::new(),
            }),
            Scorer::Segments => {
                let [found, missed, kept] =
                    ["found", "missed", "boilerplate_kept"].map(|k| count(row, k) as f64);
                let ratio = |a: f64, b: f64| (b > 0.0).then(|| a / b);
                Some(PageScore {
                    f1: ratio(2.0 * found, 2.0 * found + missed + kept)?,
                    precision: ratio(found, found + kept),
                    recall: ratio(found, found + missed),
                    detail: format!("found {found}, missed {missed}, boilerplate kept {kept}"),
                })
            }
        }
    }
}
