//! URL handling: resolving against a base, refusing unsafe schemes, unwrapping image proxies.

use url::Url;

/// Hosts whose URLs wrap the real image URL, unwrapped by default.
///
/// Covered shapes: `https://HOST/?http://real/…`, `https://HOST/?url=…` (also `u=`, `src=`,
/// `image=`, `imgurl=`), `https://HOST/http://real/…`, Jetpack's `https://i0.wp.com/real-host/path`
/// and GitHub's camo (`https://camo.githubusercontent.com/DIGEST/HEX`).
pub const DEFAULT_PROXY_HOSTS: &[&str] = &[
    "cors.zfour.workers.dev",
    "images.weserv.nl",
    "wsrv.nl",
    "i0.wp.com",
    "i1.wp.com",
    "i2.wp.com",
    "i3.wp.com",
    "cors-anywhere.herokuapp.com",
    "corsproxy.io",
    "api.allorigins.win",
    "api.codetabs.com",
    "thingproxy.freeboard.io",
    "proxy.duckduckgo.com",
    "external-content.duckduckgo.com",
    "camo.githubusercontent.com",
    "imageproxy.pimg.tw",
    "pic1.xuehuaimg.com",
    "images.hxc.app",
];

/// The configured list of image-proxy hosts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProxyList {
    hosts: Vec<String>,
}

impl Default for ProxyList {
    fn default() -> Self {
        ProxyList {
            hosts: DEFAULT_PROXY_HOSTS.iter().map(|h| h.to_string()).collect(),
        }
    }
}

impl ProxyList {
    pub(crate) fn add(&mut self, host: &str) {
        let host = host.trim().trim_end_matches('/').to_ascii_lowercase();
        let host = host
            .strip_prefix("https://")
            .or_else(|| host.strip_prefix("http://"))
            .unwrap_or(&host)
            .to_string();
        if !host.is_empty() && !self.hosts.contains(&host) {
            self.hosts.push(host);
        }
    }

    pub(crate) fn clear(&mut self) {
        self.hosts.clear();
    }

    fn contains(&self, host: &str) -> bool {
        self.hosts.iter().any(|h| h.eq_ignore_ascii_case(host))
    }

    /// Unwraps `url` while it is a proxy URL (at most a few levels).
    pub(crate) fn unwrap(&self, url: &str) -> String {
        let mut current = url.to_string();
        for _ in 0..4 {
            match self.unwrap_once(&current) {
                Some(inner) if inner != current => current = inner,
                _ => break,
            }
        }
        current
    }

    fn unwrap_once(&self, url: &str) -> Option<String> {
        if self.hosts.is_empty() {
            return None;
        }
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"))
            .or_else(|| url.strip_prefix("//"))?;
        let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let host = &rest[..host_end];
        let host = host.rsplit('@').next().unwrap_or(host);
        let host = host.split(':').next().unwrap_or(host);
        if !self.contains(host) {
            return None;
        }
        let tail = &rest[host_end..];
        let (path, query) = match tail.find('?') {
            Some(q) => (&tail[..q], &tail[q + 1..]),
            None => (tail, ""),
        };
        // ?url=… and friends.
        for pair in query.split('&') {
            if let Some((key, value)) = pair.split_once('=') {
                if matches!(key, "url" | "u" | "src" | "image" | "imgurl" | "img") {
                    let value = percent_decode(value);
                    if let Some(inner) = absolute_inner(&value, true) {
                        return Some(inner);
                    }
                }
            }
        }
        // ?http://… (the whole query is the URL; keep its own query).
        if let Some(inner) = absolute_inner(&percent_decode_if_encoded(query), false) {
            return Some(inner);
        }
        let path = path.trim_start_matches('/');
        if let Some(inner) = absolute_inner(&percent_decode_if_encoded(path), false) {
            let inner = if query.is_empty() {
                inner
            } else {
                format!("{inner}?{query}")
            };
            return Some(inner);
        }
        if host.ends_with(".wp.com") && !path.is_empty() {
            // Jetpack Photon: https://i0.wp.com/example.com/a.jpg?resize=… -> https://example.com/a.jpg
            return Some(format!("https://{path}"));
        }
        if host == "camo.githubusercontent.com" {
            let hex = path.rsplit('/').next().unwrap_or("");
            return hex_decode(hex).and_then(|s| absolute_inner(&s, false));
        }
        None
    }
}

/// `s` as an absolute http(s) URL, when it is one. `bare_host_ok` accepts `example.com/a.jpg`.
fn absolute_inner(s: &str, bare_host_ok: bool) -> Option<String> {
    let s = s.trim();
    let lower_starts = |p: &str| s.len() >= p.len() && s[..p.len()].eq_ignore_ascii_case(p);
    if lower_starts("http://") || lower_starts("https://") {
        return Some(s.to_string());
    }
    if let Some(rest) = s.strip_prefix("//") {
        return Some(format!("https://{rest}"));
    }
    // A path segment collapsed by a server: "http:/example.com/…".
    for scheme in ["https:/", "http:/"] {
        if lower_starts(scheme) {
            return Some(format!("{scheme}/{}", &s[scheme.len()..]));
        }
    }
    if let Some(rest) = s.strip_prefix("ssl:") {
        return Some(format!("https://{rest}"));
    }
    if bare_host_ok {
        let host = s.split('/').next().unwrap_or("");
        if host.contains('.') && !host.contains(' ') && s.contains('/') {
            return Some(format!("https://{s}"));
        }
    }
    None
}

fn percent_decode_if_encoded(s: &str) -> String {
    let lower = s.get(..12).unwrap_or(s).to_ascii_lowercase();
    if lower.starts_with("http%3a") || lower.starts_with("https%3a") || lower.starts_with("%2f%2f")
    {
        percent_decode(s)
    } else {
        s.to_string()
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex_val(bytes[i + 1]), hex_val(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_val(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

fn hex_decode(s: &str) -> Option<String> {
    if s.len() % 2 != 0 || s.is_empty() {
        return None;
    }
    let bytes: Option<Vec<u8>> = s
        .as_bytes()
        .chunks(2)
        .map(|p| Some(hex_val(p[0])? * 16 + hex_val(p[1])?))
        .collect();
    String::from_utf8(bytes?).ok()
}

/// Resolves a raw attribute value to a safe URL: `http`/`https` only, absolute when a
/// base is known, proxies unwrapped. `None` for empty values, placeholders such as `data:`
/// URIs, and unsafe schemes (`javascript:`, `vbscript:`, `file:`…).
pub(crate) fn resolve(raw: &str, base: Option<&Url>, proxies: &ProxyList) -> Option<String> {
    let raw = raw.trim_matches(|c: char| c.is_whitespace() || c.is_control());
    // Browsers delete ASCII tabs and newlines anywhere in a URL (WHATWG URL parsing), so
    // `java\tscript:` means `javascript:` to them: delete them before judging the scheme.
    let stripped;
    let raw = if raw.contains(['\t', '\n', '\r']) {
        stripped = raw.replace(['\t', '\n', '\r'], "");
        stripped.as_str()
    } else {
        raw
    };
    if raw.is_empty() || raw.starts_with('#') {
        return None;
    }
    let resolved = if let Some(base) = base {
        let joined = base.join(raw).ok()?;
        if !matches!(joined.scheme(), "http" | "https") {
            return None;
        }
        joined.to_string()
    } else if let Some(rest) = raw.strip_prefix("//") {
        format!("https://{rest}")
    } else {
        match scheme_of(raw) {
            Some(s) if s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https") => {
                match Url::parse(raw) {
                    Ok(u) => u.to_string(),
                    Err(_) => return None,
                }
            }
            Some(_) => return None,
            // Relative, no base known: kept as written, control characters escaped.
            None => escape_controls(raw),
        }
    };
    let unwrapped = proxies.unwrap(&resolved);
    if unwrapped == resolved {
        return Some(resolved);
    }
    // The inner URL must itself be safe and well formed.
    match Url::parse(&unwrapped) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => Some(u.to_string()),
        _ => Some(resolved),
    }
}

/// `s` with control characters percent-encoded, as a URL parser would.
fn escape_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The scheme of `s` when it has one (`javascript:alert(1)` → `javascript`).
fn scheme_of(s: &str) -> Option<&str> {
    let colon = s.find(':')?;
    let scheme = &s[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    if first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        Some(scheme)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(raw: &str) -> Option<String> {
        resolve(raw, None, &ProxyList::default())
    }

    #[test]
    fn unwraps_query_proxy() {
        assert_eq!(
            r("https://cors.zfour.workers.dev/?http://zkres1.myzaker.com/a_1024.jpg").as_deref(),
            Some("http://zkres1.myzaker.com/a_1024.jpg")
        );
    }

    #[test]
    fn unwraps_url_parameter_and_photon_and_camo() {
        assert_eq!(
            r("https://images.weserv.nl/?url=https%3A%2F%2Fe.com%2Fa.png&w=300").as_deref(),
            Some("https://e.com/a.png")
        );
        assert_eq!(
            r("https://i2.wp.com/e.com/wp/a.jpg?resize=300%2C200").as_deref(),
            Some("https://e.com/wp/a.jpg")
        );
        let hex: String = "https://e.com/x.png"
            .bytes()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            r(&format!("https://camo.githubusercontent.com/abc123/{hex}")).as_deref(),
            Some("https://e.com/x.png")
        );
        assert_eq!(
            r("https://cors-anywhere.herokuapp.com/http://e.com/b.gif").as_deref(),
            Some("http://e.com/b.gif")
        );
    }

    #[test]
    fn refuses_unsafe_schemes_and_placeholders() {
        for bad in [
            "javascript:alert(1)",
            "data:image/gif;base64,AAAA",
            "vbscript:x",
            "file:///etc/passwd",
            "",
            "  ",
        ] {
            assert_eq!(r(bad), None, "{bad}");
        }
        let base = Url::parse("https://e.com/post/1").unwrap();
        let proxies = ProxyList::default();
        assert_eq!(resolve(" JaVaScRiPt:alert(1)", Some(&base), &proxies), None);
        assert_eq!(resolve("data:,x", Some(&base), &proxies), None);
        for hidden in [
            "java\tscript:alert(1)",
            "java\nscript:x",
            "j\ra\tvascript:x",
        ] {
            assert_eq!(r(hidden), None, "{hidden:?}");
            assert_eq!(resolve(hidden, Some(&base), &proxies), None, "{hidden:?}");
        }
        assert_eq!(r("a\u{1}b.png").as_deref(), Some("a%01b.png"));
    }

    #[test]
    fn resolves_relative_against_base() {
        let base = Url::parse("https://e.com/post/1").unwrap();
        let proxies = ProxyList::default();
        assert_eq!(
            resolve("../a.png", Some(&base), &proxies).as_deref(),
            Some("https://e.com/a.png")
        );
        assert_eq!(
            resolve("//cdn.e.com/b.png", None, &proxies).as_deref(),
            Some("https://cdn.e.com/b.png")
        );
        assert_eq!(
            resolve("img/c.png", None, &proxies).as_deref(),
            Some("img/c.png")
        );
    }

    #[test]
    fn custom_proxy_list() {
        let mut proxies = ProxyList::default();
        proxies.clear();
        let url = "https://cors.zfour.workers.dev/?http://e.com/a.jpg";
        assert_eq!(resolve(url, None, &proxies).as_deref(), Some(url));
        proxies.add("https://my.proxy.test/");
        assert_eq!(
            resolve(
                "https://my.proxy.test/?url=http://e.com/a.jpg",
                None,
                &proxies
            )
            .as_deref(),
            Some("http://e.com/a.jpg")
        );
    }
}
