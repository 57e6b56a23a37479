//! The textsift batch tool, runnable without `--features cli`:
//! `cargo run --release --example textsift -- [--json] PATH...`.
//!
//! It compiles the binary's own sources (`src/bin/textsift/`), with the dev-dependencies
//! standing in for the `cli` feature's crates, so the two never drift apart.

#[path = "../src/bin/textsift/main.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
