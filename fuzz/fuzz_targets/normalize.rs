//! The normaliser on arbitrary text, under every policy: no panic, and idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use textsift::{normalize, Policy};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for policy in [Policy::Compact, Policy::Pangu, Policy::Keep] {
        let once = normalize(&text, policy);
        let twice = normalize(&once, policy);
        assert_eq!(once, twice, "not idempotent under {policy:?} for {text:?}");
    }
});
