//! Arbitrary bytes through the bytes API (decoding, front matter, parsing, extraction).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = textsift::extract(data) {
        textsift_fuzz::check(&article);
    }
});
