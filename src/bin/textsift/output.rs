//! Rendering an article as text or a JSON line (Markdown: [`super::markdown`]), and where
//! `--out` puts it.

use super::args::Format;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use textsift::Article;

/// Renders one article. Text mode under `header` starts with `==> PATH <==`.
pub(crate) fn render(format: Format, path: &Path, article: &Article, header: bool) -> String {
    match format {
        Format::Json => json_line(path, article),
        Format::Markdown => super::markdown::render(article),
        Format::Text => {
            let mut out = String::new();
            if header {
                let _ = writeln!(out, "==> {} <==", shown(path));
            }
            let _ = writeln!(out, "{}\n", article.title.as_deref().unwrap_or(""));
            let _ = writeln!(out, "{}", article.text());
            if let Some(why) = &article.explanation {
                explain_lines(&mut out, why);
            }
            out
        }
    }
}

/// The explanation as `[explain]` lines.
fn explain_lines(out: &mut String, why: &textsift::Explanation) {
    let _ = writeln!(out, "[explain] strategy: {}", why.strategy);
    for c in &why.candidates {
        let _ = writeln!(
            out,
            "[explain] candidate {}: {} (text {}, prose {})",
            c.strategy,
            c.elements.join(" + "),
            c.text,
            c.prose
        );
    }
    for r in &why.reasons {
        let _ = writeln!(out, "[explain] reason: {r}");
    }
}

/// `{"path": …, <the article's fields>}` on one line, written straight into the line (a
/// `serde_json::Value` of the article first would hold a second copy of all its text, and a
/// map per block: 437 MB for 1.4 million blocks).
fn json_line(path: &Path, article: &Article) -> String {
    let mut line = b"{\"path\":".to_vec();
    // Writing into a `Vec` fails only on serialiser errors, which these types never raise.
    let _ = serde_json::to_writer(&mut line, &path_text(path, false));
    let start = line.len();
    let _ = serde_json::to_writer(&mut line, article);
    // The article's own `{` becomes the comma after the path (it always has a `text`).
    match line.get_mut(start) {
        Some(open) if *open == b'{' => *open = b',',
        _ => {
            line.truncate(start);
            line.push(b'}');
        }
    }
    line.push(b'\n');
    String::from_utf8(line).unwrap_or_default()
}

/// A path for a message or a text header: bytes that are not UTF-8 as `\xNN`, control
/// characters escaped (`\n`), so a hostile file name stays on one line and two names
/// never print the same.
pub(crate) fn shown(path: &Path) -> String {
    path_text(path, true)
}

/// A path as text: invalid UTF-8 as `\xNN`; with `escape_controls`, controls as `\n`,
/// `\u{1b}`… (JSON escapes them itself).
fn path_text(path: &Path, escape_controls: bool) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            if escape_controls && c.is_control() {
                out.extend(c.escape_default());
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02X}");
        }
    }
    out
}

/// The output file for an input under `--out DIR`: its mirrored path plus the format's
/// extension (`a/post.html` → `DIR/a/post.html.txt`; a `.gz` suffix is dropped), so
/// `post.html` and `post.md` never share an output.
pub(crate) fn out_path(dir: &Path, rel: &Path, format: Format) -> PathBuf {
    let gz = rel
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let mut name = if gz {
        rel.with_extension("").into_os_string()
    } else {
        rel.as_os_str().to_owned()
    };
    name.push(match format {
        Format::Text => ".txt",
        Format::Json => ".json",
        Format::Markdown => ".md",
    });
    dir.join(name)
}

/// A 64-bit hash of a path's bytes (ASCII case folded where file systems usually ignore
/// case).
pub(crate) fn hash_path(path: &Path) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    let bytes = path.as_os_str().as_encoded_bytes();
    if cfg!(any(target_os = "macos", target_os = "windows")) {
        bytes.to_ascii_lowercase().hash(&mut h);
    } else {
        bytes.hash(&mut h);
    }
    h.finish()
}

/// The output files claimed so far in one run, as 64-bit hashes (8 bytes and a little
/// table overhead per input, so a million inputs cost about 20 MB; two different paths
/// share a hash with odds of about n²/2⁶⁵, where the later input is refused).
#[derive(Default)]
pub(crate) struct Claims(HashSet<u64>);

impl Claims {
    /// Claims `target`; false when an earlier input of this run already did.
    pub(crate) fn claim(&mut self, target: &Path) -> bool {
        self.0.insert(hash_path(target))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_paths_drop_gz_and_add_the_format() {
        let dir = Path::new("o");
        let p = |rel: &str, f| out_path(dir, Path::new(rel), f);
        assert_eq!(p("a/x.html", Format::Json), Path::new("o/a/x.html.json"));
        assert_eq!(
            p("a/x.html.gz", Format::Markdown),
            Path::new("o/a/x.html.md")
        );
        assert_eq!(p("x.htm.GZ", Format::Text), Path::new("o/x.htm.txt"));
        let mut claims = Claims::default();
        assert!(claims.claim(&p("x.html", Format::Json)));
        assert!(!claims.claim(&p("x.html.gz", Format::Json)));
    }

    #[cfg(unix)]
    #[test]
    fn hostile_file_names_print_on_one_line_and_distinctly() {
        use std::os::unix::ffi::OsStrExt;
        let odd = Path::new(std::ffi::OsStr::from_bytes(b"a\nb\xff.html"));
        assert_eq!(shown(odd), "a\\nb\\xFF.html");
        assert_eq!(path_text(odd, false), "a\nb\\xFF.html");
        let other = Path::new(std::ffi::OsStr::from_bytes(b"a\nb\xfe.html"));
        assert_ne!(shown(odd), shown(other));
    }
}
