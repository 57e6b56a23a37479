//! The crate's error type: the only place errors are defined.

use std::path::PathBuf;

/// Everything that can stop an extraction.
///
/// Soft problems (a bad date, broken front matter, undecodable bytes) are not errors:
/// they are recorded on the [`Article`](crate::Article) in `warnings`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is larger than [`ExtractorBuilder::max_input_bytes`](crate::ExtractorBuilder::max_input_bytes).
    #[error("input is {size} bytes, over the limit of {limit} bytes: raise it with ExtractorBuilder::max_input_bytes")]
    InputTooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
    /// A policy name that is not `compact`, `pangu` or `keep`.
    #[error("unknown normaliser policy {name:?}: use compact, pangu or keep")]
    UnknownPolicy {
        /// The name that was given.
        name: String,
    },
    /// The base URL given to the builder does not parse as an absolute URL.
    #[error("base URL {url:?} is not an absolute URL ({reason}): give one like https://example.com/post")]
    BadBaseUrl {
        /// The URL that was given.
        url: String,
        /// Why it was rejected.
        reason: String,
    },
    /// Reading an input file failed.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}
