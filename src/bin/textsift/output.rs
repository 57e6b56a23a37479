//! Rendering an article as text, a JSON line or Markdown, and where `--out` puts it.

use super::args::Format;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use textsift::{Article, BlockKind};

/// Renders one article. Text mode under `header` starts with `==> PATH <==`.
pub(crate) fn render(format: Format, path: &Path, article: &Article, header: bool) -> String {
    match format {
        Format::Json => json_line(path, article),
        Format::Markdown => markdown(article),
        Format::Text => {
            let mut out = String::new();
            if header {
                let _ = writeln!(out, "==> {} <==", path.display());
            }
            let _ = writeln!(out, "{}\n", article.title.as_deref().unwrap_or(""));
            let _ = writeln!(out, "{}", article.text());
            out
        }
    }
}

/// `{"path": …, <the article's fields>}` on one line, written straight into the line (a
/// `serde_json::Value` of the article first would hold a second copy of all its text, and a
/// map per block: 437 MB for 1.4 million blocks).
fn json_line(path: &Path, article: &Article) -> String {
    let mut line = b"{\"path\":".to_vec();
    // Writing into a `Vec` fails only on serialiser errors, which these types never raise.
    let _ = serde_json::to_writer(&mut line, &path.display().to_string());
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

/// The article as Markdown: `# title`, then each block, with images where they stand.
fn markdown(article: &Article) -> String {
    let mut out = String::new();
    if let Some(title) = &article.title {
        let _ = writeln!(out, "# {title}\n");
    }
    let mut images = article.images.iter().peekable();
    let mut put_images = |out: &mut String, before: usize| {
        while let Some(image) = images.next_if(|i| i.block <= before) {
            let alt = image.alt.as_deref().unwrap_or("");
            let _ = writeln!(out, "![{}]({})\n", escape(alt), image.url);
        }
    };
    for (i, block) in article.blocks.iter().enumerate() {
        put_images(&mut out, i);
        let text = block.text.as_str();
        let _ = match block.kind {
            BlockKind::Heading { level } => {
                writeln!(
                    out,
                    "{} {text}\n",
                    "#".repeat(usize::from(level.clamp(1, 6)))
                )
            }
            BlockKind::ListItem => writeln!(out, "- {text}\n"),
            BlockKind::Quote => writeln!(out, "> {}\n", text.replace('\n', "\n> ")),
            BlockKind::Code => {
                let fence = if text.contains("```") { "````" } else { "```" };
                writeln!(out, "{fence}\n{text}\n{fence}\n")
            }
            BlockKind::Caption => writeln!(out, "*{text}*\n"),
            BlockKind::TableRow => writeln!(out, "| {text} |\n"),
            _ => writeln!(out, "{text}\n"),
        };
    }
    put_images(&mut out, usize::MAX);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn escape(alt: &str) -> String {
    alt.replace('[', "\\[").replace(']', "\\]")
}

/// The output file for an input under `--out DIR`: its mirrored path plus the format's
/// extension (`a/post.html` → `DIR/a/post.html.txt`; a `.gz` suffix is dropped), so two
/// inputs never share an output.
pub(crate) fn out_path(dir: &Path, rel: &Path, format: Format) -> PathBuf {
    let mut name = rel.as_os_str().to_owned();
    if let Some(stripped) = rel.to_str().and_then(|s| s.strip_suffix(".gz")) {
        name = stripped.into();
    }
    name.push(match format {
        Format::Text => ".txt",
        Format::Json => ".json",
        Format::Markdown => ".md",
    });
    dir.join(name)
}
