//! Front matter through the public API: every input is a post that opens with `---`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = format!("---\n{}", String::from_utf8_lossy(data));
    if let Ok(article) = textsift::extract_str(&text) {
        textsift_fuzz::check(&article);
    }
});
