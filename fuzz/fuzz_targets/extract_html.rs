//! HTML-shaped input (run with `-dict=html.dict`), through two extractors: the default one
//! and one with a base URL, a tiny depth cap and the Pangu policy, so the cap's paths run.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use textsift::{Extractor, Policy};

fn small() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| {
        Extractor::builder()
            .base_url("https://example.com/a/b.html")
            .max_dom_depth(6)
            .policy(Policy::Pangu)
            .build()
            .expect("valid options")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(article) = textsift::extract_str(&text) {
        textsift_fuzz::check(&article);
    }
    if let Ok(article) = small().extract_str(&text) {
        textsift_fuzz::check(&article);
    }
});
