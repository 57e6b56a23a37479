//! The textsift batch tool: extract articles from HTML and Markdown files, or normalise text.
//!
//! ```text
//! textsift [--json | --markdown] [--policy compact|pangu|keep] [--base-url URL]
//!          [--out DIR] [-j N] [--quiet] PATH...
//! textsift normalize [--policy compact|pangu|keep]      (stdin -> stdout, line by line)
//! ```
//! PATH is a file, a directory (searched recursively for .html, .htm, .md and gzipped
//! .html.gz/.htm.gz files, in name order), `@LIST` (a file naming one input per line) or `-`
//! for standard input. A file that fails is reported on stderr as `textsift: PATH: reason`
//! (a panic inside the library as `textsift: PATH: internal error: …`); the others go on,
//! and the exit status is 1. Bad arguments (such as `-j 0` or `-j 100000`) exit with 2.
//!
//! The example `examples/textsift.rs` compiles these same sources, so
//! `cargo run --example textsift` works without `--features cli`.

// No `str` slicing at computed offsets (see the library's lib.rs).
#![deny(clippy::string_slice)]

mod args;
mod diag;
mod inputs;
mod markdown;
mod normalize;
mod output;
mod panics;
mod pieces;
mod progress;
mod read;
mod run;
mod sniff;

/// Runs the command line.
pub fn main() -> std::process::ExitCode {
    run::main()
}
