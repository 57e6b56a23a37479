//! End-to-end extraction benchmarks (filled in below).
fn main() {}
