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

// ---- text side: front matter, entities, long lines ------------------------------------

/// `unit` repeated after `head` until the text is at least `bytes` long.
pub fn repeated(head: &str, unit: &str, bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + head.len() + unit.len());
    s.push_str(head);
    while s.len() < bytes {
        s.push_str(unit);
    }
    s
}

/// A post whose front matter anchors a string of `anchor` bytes and uses it `aliases`
/// times in `tags` (120,000 and 30,000 keep it under the 256 KiB front-matter limit).
pub fn alias_amplification(anchor: usize, aliases: usize) -> String {
    format!(
        "---\ntitle: t\nbase: &a {}\ntags: [{}]\n---\n<p>body</p>",
        "x".repeat(anchor),
        vec!["*a"; aliases].join(", ")
    )
}

/// `<p><b class=c0>x</p><p><b class=c1>x</p>…` (`reopened` paragraphs), then `<p>x</p>` ×
/// `after`: every paragraph makes the tree builder reopen each `<b>` left open before it.
pub fn reopened_formatting(reopened: usize, after: usize) -> String {
    let mut page = String::new();
    for i in 0..reopened {
        page.push_str(&format!("<p><b class=c{i}>x</p>"));
    }
    page.push_str(&"<p>x</p>".repeat(after));
    page
}

/// `open` distinct `<b class=cN>` tags left open, then `<p>x</p>` × `after`.
pub fn open_formatting(open: usize, after: usize) -> String {
    let mut page: String = (0..open).map(|i| format!("<b class=c{i}>")).collect();
    page.push_str(&"<p>x</p>".repeat(after));
    page
}

/// `unit` repeated until the page is at least `len` bytes long.
pub fn flood(unit: &str, len: usize) -> String {
    unit.repeat(len.div_ceil(unit.len().max(1)))
}
