//! # textsift
//!
//! Turns messy article HTML into clean text: title, metadata, body blocks and images.
//!
//! Input is article HTML as bytes or `&str`: a whole web page, a fragment, or a blog post
//! with YAML front matter (`---` … `---`, as Hexo and Jekyll write it) followed by HTML.
//! Image boxes, lazy-load markup, scripts and widgets are dropped; lazy and proxied image
//! URLs are unwrapped; Chinese spacing and punctuation are repaired by the normaliser.
//!
//! textsift is **not** an HTML sanitiser (it returns text, not HTML), not a crawler, and
//! not a renderer: it runs no JavaScript.
//!
//! ```
//! let post = "---\ntitle: '示例'\n---\n<div><p>今天 ( 8 月 12 日 ) 播出</p><div class=\"img_box\">\
//!             <img data-original=\"http://e.com/1.jpg\" src=\"https://cors.zfour.workers.dev/?http://e.com/1.jpg\"></div></div>";
//! let article = textsift::extract_str(post).unwrap();
//! assert_eq!(article.title.as_deref(), Some("示例"));
//! assert_eq!(article.text(), "今天（8月12日）播出");
//! assert_eq!(article.images[0].url, "http://e.com/1.jpg");
//! ```
//!
//! Data flows one way: bytes → decode → front matter → DOM → clean → select content →
//! blocks → normalise → [`Article`].

#![forbid(unsafe_code)]
// Slicing a `str` at a computed offset panics inside a character: use `get`,
// `split_at_checked`, `strip_prefix`… (a proxy URL with CJK in it once hung the batch tool).
#![deny(clippy::string_slice)]

mod article;
mod blob;
mod blocks;
mod clean;
mod credit;
mod date;
mod decode;
mod dom;
mod entities;
mod error;
mod explain;
mod front_matter;
mod json;
mod metadata;
mod normalize;
mod options;
mod pipeline;
mod select;
#[cfg(feature = "serde")]
mod serde_impl;
mod url;
mod wordset;

pub use article::{Article, Block, BlockKind, Image};
pub use error::Error;
pub use explain::{Candidate, Explanation};
pub use normalize::{normalize, Policy};
pub use options::{Extractor, ExtractorBuilder, DEFAULT_MAX_DOM_DEPTH, DEFAULT_MAX_INPUT_BYTES};
pub use url::DEFAULT_PROXY_HOSTS;

/// Per-stage timing for `benches/extract.rs`; not part of the API (no stability promise).
#[doc(hidden)]
pub mod stages {
    use std::time::{Duration, Instant};

    /// Extracts `bytes` with the default extractor and returns how long each stage took,
    /// in pipeline order: decode, front matter, attribute pre-pass, parse, metadata,
    /// clean + select, blocks, drop tree, normalise + finish.
    pub fn times(bytes: &[u8]) -> Vec<(&'static str, Duration)> {
        struct Timer {
            last: Instant,
            times: Vec<(&'static str, Duration)>,
        }
        impl crate::pipeline::Marks for Timer {
            fn mark(&mut self, stage: &'static str) {
                let now = Instant::now();
                self.times.push((stage, now - self.last));
                self.last = now;
            }
        }
        let mut timer = Timer {
            last: Instant::now(),
            times: Vec::with_capacity(10),
        };
        let decoded = crate::decode::decode(bytes, None, None);
        crate::pipeline::Marks::mark(&mut timer, "decode");
        let article =
            crate::pipeline::run_marked(crate::default_extractor(), decoded.text, &mut timer);
        std::hint::black_box(article);
        timer.times
    }
}

/// The README's examples, run as doctests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// Extracts an article from raw bytes with the default [`Extractor`].
///
/// ```
/// let article = textsift::extract(b"<p>Hello <b>world</b></p>").unwrap();
/// assert_eq!(article.text(), "Hello world");
/// ```
pub fn extract(bytes: &[u8]) -> Result<Article, Error> {
    default_extractor().extract(bytes)
}

/// Extracts an article from decoded text with the default [`Extractor`].
///
/// ```
/// let article = textsift::extract_str("<p>a</p><p></p><p>b</p>").unwrap();
/// assert_eq!(article.blocks.len(), 2);
/// ```
pub fn extract_str(text: &str) -> Result<Article, Error> {
    default_extractor().extract_str(text)
}

fn default_extractor() -> &'static Extractor {
    static DEFAULT: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(Extractor::default)
}
