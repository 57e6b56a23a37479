//! Generators of hostile input shared by `tests/adversarial.rs` (which checks the results)
//! and `examples/adversarial.rs` (which measures them), so both build the same shapes.

/// `n` copies of `open`, the text `deep`, then `n` copies of `close`.
pub fn nested(open: &str, close: &str, n: usize) -> String {
    format!("{}deep{}", open.repeat(n), close.repeat(n))
}

/// A deterministic byte stream (xorshift) so failures reproduce.
pub fn garbage(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}
