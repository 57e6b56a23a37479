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

    /// Unwraps `url` while it is a proxy URL (at most a few levels). `None` when a proxy
    /// wraps something that is not an `http`/`https` URL (`?javascript:…`, `?data:…`): no
    /// real image is behind it.
    pub(crate) fn unwrap(&self, url: Url) -> Option<Url> {
        let mut current = url;
        for _ in 0..4 {
            match self.unwrap_once(&current) {
                Unwrapped::Inner(inner) if inner != current => current = inner,
                Unwrapped::Unsafe => return None,
                _ => break,
            }
        }
        Some(current)
    }

    fn unwrap_once(&self, url: &Url) -> Unwrapped {
        if self.hosts.is_empty() {
            return Unwrapped::NotProxy;
        }
        let Some(host) = url.host_str().filter(|h| self.contains(h)) else {
            return Unwrapped::NotProxy;
        };
        let query = url.query().unwrap_or("");
        // ?url=… and friends.
        for (key, value) in url.query_pairs() {
            if matches!(&*key, "url" | "u" | "src" | "image" | "imgurl" | "img") {
                match inner_url(&value, true) {
                    Unwrapped::NotProxy => {}
                    found => return found,
                }
            }
        }
        // ?http://… (the whole query is the URL; keep its own query).
        match inner_url_maybe_encoded(query) {
            Unwrapped::NotProxy => {}
            found => return found,
        }
        let path = url.path().trim_start_matches('/');
        match inner_url_maybe_encoded(path) {
            Unwrapped::Inner(inner) if !query.is_empty() => {
                let mut inner = inner;
                if inner.query().is_none() {
                    inner.set_query(Some(query));
                }
                return Unwrapped::Inner(inner);
            }
            Unwrapped::NotProxy => {}
            found => return found,
        }
        if host.ends_with(".wp.com") && !path.is_empty() {
            // Jetpack Photon: https://i0.wp.com/example.com/a.jpg?resize=… -> https://example.com/a.jpg
            return inner_url(&format!("https://{path}"), false);
        }
        if host == "camo.githubusercontent.com" {
            let hex = path.rsplit('/').next().unwrap_or("");
            return match hex_decode(hex) {
                Some(s) => inner_url(&s, false),
                None => Unwrapped::NotProxy,
            };
        }
        Unwrapped::NotProxy
    }
}

/// What a proxy URL wraps.
enum Unwrapped {
    /// An `http`/`https` URL.
    Inner(Url),
    /// Something with another scheme (`javascript:`, `data:`…): not an image.
    Unsafe,
    /// No URL found (or not a proxy at all).
    NotProxy,
}

/// The URL `s` names, when it is an absolute one. `bare_host_ok` accepts `example.com/a.jpg`.
fn inner_url(s: &str, bare_host_ok: bool) -> Unwrapped {
    let s = strip_tab_newline(s.trim_matches(is_c0_or_space));
    let s = s.as_ref();
    let absolute =
        if starts_with_ignore_case(s, "http://") || starts_with_ignore_case(s, "https://") {
            s.to_string()
        } else if let Some(rest) = s.strip_prefix("//") {
            format!("https://{rest}")
        } else if let Some(rest) = strip_prefix_ignore_case(s, "https:/")
            .map(|r| ("https", r))
            .or_else(|| strip_prefix_ignore_case(s, "http:/").map(|r| ("http", r)))
        {
            // A path segment collapsed by a server: "http:/example.com/…".
            format!("{}://{}", rest.0, rest.1)
        } else if let Some(rest) = s.strip_prefix("ssl:") {
            format!("https://{rest}")
        } else if scheme_of(s).is_some() && !has_port_after_colon(s) {
            // `javascript:…`, `data:…`, `ftp://…`: a proxy serves images over http(s) only.
            return Unwrapped::Unsafe;
        } else if bare_host_ok && {
            let host = s.split('/').next().unwrap_or("");
            host.contains('.') && !host.contains(' ') && s.contains('/')
        } {
            format!("https://{s}")
        } else {
            return Unwrapped::NotProxy;
        };
    match Url::parse(&absolute) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.host_str().is_some() => {
            Unwrapped::Inner(u)
        }
        _ => Unwrapped::NotProxy,
    }
}

/// `example.com:8080/a.jpg`: a host and port, not a scheme.
fn has_port_after_colon(s: &str) -> bool {
    s.split_once(':')
        .is_some_and(|(_, rest)| rest.starts_with(|c: char| c.is_ascii_digit()))
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    strip_prefix_ignore_case(s, prefix).is_some()
}

/// `s` less `prefix`, ASCII case ignored.
fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

/// [`inner_url`] of `s` as written, else of `s` percent-decoded (`?http%3A%2F%2F…`).
fn inner_url_maybe_encoded(s: &str) -> Unwrapped {
    match inner_url(s, false) {
        Unwrapped::NotProxy if s.contains('%') => inner_url(
            &percent_encoding::percent_decode_str(s).decode_utf8_lossy(),
            false,
        ),
        found => found,
    }
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
        .chunks_exact(2)
        .map(|p| Some(hex_val(p[0])? * 16 + hex_val(p[1])?))
        .collect();
    String::from_utf8(bytes?).ok()
}

/// C0 controls and space: what the URL standard trims from both ends of an input.
fn is_c0_or_space(c: char) -> bool {
    c <= ' '
}

/// `s` without ASCII tab and newline, which the URL standard removes anywhere in a URL
/// (WHATWG URL, "basic URL parser", step 3): browsers read `java<LF>script:` as
/// `javascript:` and `https://e.com/a<LF>b.jpg` as `https://e.com/ab.jpg`.
pub(crate) fn strip_tab_newline(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        std::borrow::Cow::Owned(s.replace(['\t', '\n', '\r'], ""))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// An attribute value that holds a URL, as the URL parser would read it: trimmed of C0
/// controls and spaces, tabs and newlines removed (see [`strip_tab_newline`]).
pub(crate) fn clean_attr(raw: &str) -> String {
    strip_tab_newline(raw.trim_matches(is_c0_or_space)).into_owned()
}

/// What a relative reference keeps escaped when no base is known to resolve it: C0
/// controls, space, `"`, `<`, `>`, `` ` ``, `{`, `}`, DEL and every non-ASCII byte (the
/// URL standard's fragment and path percent-encode sets, less the characters that would
/// change the reference's meaning).
const RELATIVE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'|')
    .add(b'^')
    .add(b'\\');

/// The longest URL kept, in bytes, before and after serialisation: Chrome's limit (2 MiB),
/// past which no browser loads it. Percent-encoding triples each non-ASCII byte, and an
/// image URL can be both the image's and the lead image: a page that is one 16 MB CJK
/// `src` peaked at 15 times its size.
pub(crate) const MAX_URL_BYTES: usize = 2 << 20;

/// Resolves a raw attribute value to a safe URL: `http`/`https` only, absolute when a
/// base is known, proxies unwrapped, serialised by the `url` crate (so percent-encoded).
/// `None` for empty values, fragments, unsafe schemes (`javascript:`, `vbscript:`,
/// `data:`, `file:`…), proxies wrapping one of those, and URLs longer than
/// [`MAX_URL_BYTES`].
pub(crate) fn resolve(raw: &str, base: Option<&Url>, proxies: &ProxyList) -> Option<String> {
    if raw.len() > MAX_URL_BYTES {
        return None;
    }
    resolve_any_length(raw, base, proxies).filter(|url| url.len() <= MAX_URL_BYTES)
}

/// [`resolve`] without the length limit.
fn resolve_any_length(raw: &str, base: Option<&Url>, proxies: &ProxyList) -> Option<String> {
    // Browsers delete ASCII tabs and newlines anywhere in a URL (WHATWG URL parsing), so
    // `java\tscript:` means `javascript:` to them: delete them before judging the scheme.
    let raw = strip_tab_newline(raw.trim_matches(|c: char| c.is_whitespace() || c.is_control()));
    let raw = raw.as_ref();
    if raw.is_empty() || raw.starts_with('#') {
        return None;
    }
    let parsed = if let Some(base) = base {
        base.join(raw).ok()?
    } else if raw.starts_with("//") {
        Url::parse(&format!("https:{raw}")).ok()?
    } else {
        match scheme_of(raw) {
            Some(_) => Url::parse(raw).ok()?,
            // Relative, no base known: kept as written, percent-encoded as a URL parser
            // would encode it.
            None => return Some(percent_encoding::utf8_percent_encode(raw, RELATIVE).to_string()),
        }
    };
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    proxies
        .unwrap(parsed)
        .filter(has_dns_host)
        .map(String::from)
}

/// Whether `url`'s host is an IP address or a name DNS could hold: letters, digits, `-`,
/// `_` and dots (IDNs arrive punycoded). The URL standard keeps `"`, `'`, `` ` ``, `{`…
/// in a host as written, so `//e.com"onerror="alert(1)/x.jpg` parsed as an image URL that
/// breaks out of an HTML attribute; no real host has such a name.
pub(crate) fn has_dns_host(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        }
        Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) => true,
        None => false,
    }
}

/// The scheme of `s` when it has one (`javascript:alert(1)` → `javascript`).
fn scheme_of(s: &str) -> Option<&str> {
    let (scheme, _) = s.split_once(':')?;
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
    fn host_with_quotes_or_braces_is_no_image_host() {
        for bad in [
            "https://e.com\"onerror=\"alert(1)/x.jpg",
            "//e.com'onerror='alert(1)/y.jpg",
            "https://e.com`x/z.jpg",
            "https://e.com{x}/w.jpg",
            "http://,\"/",
            "https://e.com!$&()*+,;=/u.jpg",
            "https://cors.zfour.workers.dev/?url=https://e.com%22x/a.jpg",
        ] {
            assert_eq!(r(bad), None, "{bad}");
        }
        for good in [
            "https://xn--e-qy2c.com/t.jpg",
            "https://例子.测试/a.jpg",
            "http://[::1]:8080/a.jpg",
            "http://10.0.0.1/a.jpg",
            "https://my_host.e.com/a.jpg",
            "https://e.com./a.jpg",
        ] {
            assert!(r(good).is_some(), "{good}");
        }
    }

    #[test]
    fn url_longer_than_two_mib_is_dropped_not_copied() {
        let long_cjk = format!("https://e.com/{}", "中".repeat(MAX_URL_BYTES / 3 + 1));
        assert_eq!(r(&long_cjk), None, "its raw form is over the limit");
        // Under the limit as written, over it once percent-encoded (each 中 is 9 bytes).
        let encodes_long = format!("https://e.com/{}", "中".repeat(MAX_URL_BYTES / 8));
        assert!(encodes_long.len() <= MAX_URL_BYTES);
        assert_eq!(r(&encodes_long), None);
        assert_eq!(
            r(&format!("{encodes_long}?{}", "x".repeat(MAX_URL_BYTES))),
            None
        );
        let fits = format!("https://e.com/{}", "a".repeat(MAX_URL_BYTES - 20));
        assert_eq!(r(&fits).map(|u| u.len()), Some(fits.len()));
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

    /// Issue 10: a proxy URL whose inner part is not ASCII panicked on a byte index inside a
    /// character (and hung the batch tool). Every shape must come back without a panic.
    #[test]
    fn proxy_url_with_non_ascii_inner_part_does_not_panic() {
        let hex: String = "中文图片.jpg".bytes().map(|b| format!("{b:02x}")).collect();
        let base = Url::parse("https://blog.example/post/").unwrap();
        for raw in [
            "https://cors.zfour.workers.dev/?url=中文图片.jpg",
            "https://cors.zfour.workers.dev/?中文图片.jpg",
            "https://cors.zfour.workers.dev/?url=%E4%B8%AD%E6%96%87%E5%9B%BE%E7%89%87.jpg",
            "https://cors.zfour.workers.dev/%E4%B8%AD%E6%96%87.jpg",
            &format!("https://camo.githubusercontent.com/abc/{hex}"),
            "//cors.zfour.workers.dev/?中文图片中文.jpg",
            "//cors.zfour.workers.dev/?url=ｈｔｔｐ：／／中文",
            "https://i0.wp.com/中文.example/图.jpg",
            "https://cors.zfour.workers.dev/?http://例子.测试/图片.jpg",
            "https://cors.zfour.workers.dev/?url=é",
        ] {
            for base in [None, Some(&base)] {
                let url = resolve(raw, base, &ProxyList::default());
                let url = url.unwrap_or_else(|| panic!("{raw}: an image URL is kept"));
                assert!(
                    url.is_ascii(),
                    "{raw} -> {url}: serialised, percent-encoded"
                );
            }
        }
        assert_eq!(
            r("https://cors.zfour.workers.dev/?http://例子.测试/图片.jpg").as_deref(),
            Some("http://xn--fsqu00a.xn--0zwm56d/%E5%9B%BE%E7%89%87.jpg")
        );
    }

    /// Issue 10: `?javascript:…` or `?data:…` behind a proxy came out as an image.
    #[test]
    fn proxy_wrapping_a_non_http_target_is_dropped() {
        for raw in [
            "https://cors.zfour.workers.dev/?javascript:alert(1)",
            "https://cors.zfour.workers.dev/?data:text/html,x",
            "https://cors.zfour.workers.dev/?url=javascript:alert(1)",
            "https://images.weserv.nl/?url=data%3Aimage%2Fgif%3Bbase64%2CAAAA",
            "https://cors.zfour.workers.dev/?java%0Ascript:alert(1)",
        ] {
            assert_eq!(r(raw), None, "{raw}");
        }
        // A host and port is not a scheme.
        assert_eq!(
            r("https://images.weserv.nl/?url=e.com:8080/a.jpg").as_deref(),
            Some("https://e.com:8080/a.jpg")
        );
    }

    /// Issue 10: a protocol-relative URL with spaces, `<`, `>` or controls was emitted raw,
    /// and `https://e.com/a<LF>b.jpg` became `a%20b.jpg` where a browser reads `ab.jpg`.
    #[test]
    fn every_url_is_serialised_and_loses_tabs_and_newlines() {
        assert_eq!(
            r("//e.com/a b<c>\u{1}.jpg").as_deref(),
            Some("https://e.com/a%20b%3Cc%3E%01.jpg")
        );
        assert_eq!(
            r("https://e.com/a\nb.jpg").as_deref(),
            Some("https://e.com/ab.jpg")
        );
        assert_eq!(
            r("img/a b\t<c>.png").as_deref(),
            Some("img/a%20b%3Cc%3E.png")
        );
        assert_eq!(r("图/片.png").as_deref(), Some("%E5%9B%BE/%E7%89%87.png"));
        assert_eq!(
            clean_attr(" java\nscript:alert(1)\u{0} "),
            "javascript:alert(1)"
        );
    }
}
