//! [`Extractor`] and its [`ExtractorBuilder`]: configuration, compiled once, used many times.

use crate::url::ProxyList;
use crate::{Article, Error, Policy};

/// Default for [`ExtractorBuilder::max_input_bytes`]: 64 MiB.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 << 20;

/// Default for [`ExtractorBuilder::max_dom_depth`]: 512 (where Blink stops nesting too).
pub const DEFAULT_MAX_DOM_DEPTH: usize = crate::dom::DEFAULT_MAX_DEPTH;

/// Builds an [`Extractor`]. Every setter's doc states its default.
///
/// ```
/// use textsift::{Extractor, Policy};
/// let extractor = Extractor::builder()
///     .policy(Policy::Pangu)
///     .base_url("https://example.com/posts/1")
///     .build()
///     .unwrap();
/// let article = extractor.extract_str(r#"<p>2021年</p><img src="/a.png">"#).unwrap();
/// assert_eq!(article.text(), "2021 年");
/// assert_eq!(article.images[0].url, "https://example.com/a.png");
/// ```
#[derive(Debug, Clone)]
pub struct ExtractorBuilder {
    policy: Policy,
    base_url: Option<String>,
    proxies: ProxyList,
    keep_images: bool,
    max_input_bytes: usize,
    max_dom_depth: usize,
    explain: bool,
}

impl Default for ExtractorBuilder {
    fn default() -> Self {
        ExtractorBuilder {
            policy: Policy::Compact,
            base_url: None,
            proxies: ProxyList::default(),
            keep_images: true,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            max_dom_depth: DEFAULT_MAX_DOM_DEPTH,
            explain: false,
        }
    }
}

impl ExtractorBuilder {
    /// A builder with every option at its default.
    pub fn new() -> Self {
        Self::default()
    }

    /// The normaliser policy for titles, captions and body text. Default: [`Policy::Compact`].
    pub fn policy(&mut self, policy: Policy) -> &mut Self {
        self.policy = policy;
        self
    }

    /// The URL relative image links are resolved against. A `<base href>` in the page
    /// refines it. Its top-level domain (`.cn`, `.jp`, `.fr`) also weighs in when the
    /// encoding of an undeclared page must be guessed. Default: none (relative URLs are
    /// kept as written).
    pub fn base_url(&mut self, url: &str) -> &mut Self {
        self.base_url = Some(url.to_string());
        self
    }

    /// Adds a host whose URLs wrap another URL (`https://HOST/?http://real/…`,
    /// `?url=…`, or `/http://…` in the path) to the image-proxy list.
    /// Default list: [`url::DEFAULT_PROXY_HOSTS`](crate::DEFAULT_PROXY_HOSTS).
    pub fn add_proxy_host(&mut self, host: &str) -> &mut Self {
        self.proxies.add(host);
        self
    }

    /// Empties the image-proxy list, so no proxy URL is unwrapped.
    /// Default: the list in [`DEFAULT_PROXY_HOSTS`](crate::DEFAULT_PROXY_HOSTS).
    pub fn clear_proxy_hosts(&mut self) -> &mut Self {
        self.proxies.clear();
        self
    }

    /// Whether [`Article::images`] is filled. Default: `true`.
    pub fn keep_images(&mut self, yes: bool) -> &mut Self {
        self.keep_images = yes;
        self
    }

    /// The largest input accepted, in bytes; a larger one is refused with
    /// [`Error::InputTooLarge`]. Default: [`DEFAULT_MAX_INPUT_BYTES`] (64 MiB).
    pub fn max_input_bytes(&mut self, limit: usize) -> &mut Self {
        self.max_input_bytes = limit;
        self
    }

    /// The deepest nesting of elements kept while parsing (counting the parser's open and
    /// formatting elements). Start tags deeper than this are ignored, their text is kept,
    /// and [`Article::warnings`] says so. The cap keeps parsing linear in time: without it
    /// a page nested 100,000 deep takes minutes. Values below 1 count as 1.
    /// Default: [`DEFAULT_MAX_DOM_DEPTH`] (512).
    ///
    /// ```
    /// let extractor = textsift::Extractor::builder().max_dom_depth(16).build().unwrap();
    /// let page = format!("{}deep{}", "<div>".repeat(100), "</div>".repeat(100));
    /// let article = extractor.extract_str(&page).unwrap();
    /// assert_eq!(article.text(), "deep");
    /// assert!(article.warnings.iter().any(|w| w.contains("max_dom_depth")));
    /// ```
    pub fn max_dom_depth(&mut self, depth: usize) -> &mut Self {
        self.max_dom_depth = depth;
        self
    }

    /// Whether [`Article::explanation`] says how the body was chosen: which strategy won,
    /// the candidates the judge weighed and its reasons (for debugging a page whose text
    /// is wrong). Default: `false`.
    pub fn explain(&mut self, yes: bool) -> &mut Self {
        self.explain = yes;
        self
    }

    /// Checks the options and compiles what the extractor needs.
    ///
    /// Fails with [`Error::BadBaseUrl`] when the base URL is not absolute.
    pub fn build(&self) -> Result<Extractor, Error> {
        let base_url = match &self.base_url {
            None => None,
            Some(s) => Some(url::Url::parse(s).map_err(|e| Error::BadBaseUrl {
                url: s.clone(),
                reason: e.to_string(),
            })?),
        };
        Ok(Extractor {
            policy: self.policy,
            base_url,
            proxies: self.proxies.clone(),
            keep_images: self.keep_images,
            max_input_bytes: self.max_input_bytes,
            max_dom_depth: self.max_dom_depth,
            explain: self.explain,
        })
    }
}

/// A configured extractor: build once, share across threads (`Send + Sync`), run many times.
///
/// ```
/// let extractor = textsift::Extractor::default();
/// let article = extractor.extract(b"<title>T</title><p>The body.</p>").unwrap();
/// assert_eq!(article.title.as_deref(), Some("T"));
/// assert_eq!(article.text(), "The body.");
/// ```
#[derive(Debug, Clone)]
pub struct Extractor {
    pub(crate) policy: Policy,
    pub(crate) base_url: Option<url::Url>,
    pub(crate) proxies: ProxyList,
    pub(crate) keep_images: bool,
    pub(crate) max_input_bytes: usize,
    pub(crate) max_dom_depth: usize,
    pub(crate) explain: bool,
}

impl Default for Extractor {
    fn default() -> Self {
        ExtractorBuilder::default()
            .build()
            .expect("the default options are valid")
    }
}

impl Extractor {
    /// A builder with every option at its default.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// The normaliser policy in force.
    pub fn policy(&self) -> Policy {
        self.policy
    }

    /// The largest input accepted, in bytes (see [`ExtractorBuilder::max_input_bytes`]).
    pub fn max_input_bytes(&self) -> usize {
        self.max_input_bytes
    }

    /// Extracts an article from raw bytes. The encoding is the byte-order mark's, else
    /// UTF-16 when the bytes show its NUL pattern, else the page's `<meta charset>` (or
    /// `http-equiv`) declaration's as the HTML standard's prescan finds it, else UTF-8
    /// when the bytes are valid UTF-8, else a detector's guess (weighing the base URL's
    /// domain and the page's language); [`Article::encoding`] says which. A declaration
    /// of an encoding that would decode the page to nothing (`iso-2022-kr`,
    /// `hz-gb-2312`: the replacement encoding) is not trusted, and a warning says so.
    pub fn extract(&self, bytes: &[u8]) -> Result<Article, Error> {
        self.extract_with_encoding(bytes, None)
    }

    /// Like [`extract`](Self::extract), with the caller's encoding label (`"gbk"`, as an
    /// HTTP `Content-Type` header's `charset` gives it) preferred over the page's own
    /// declaration; only a byte-order mark or UTF-16's NUL pattern beats it. An unknown
    /// label, one of the replacement encoding and a UTF-16 one for bytes without a NUL
    /// are ignored with a warning.
    ///
    /// ```
    /// let gbk = b"<p>\xD6\xD0\xCE\xC4</p>"; // "中文" in GBK
    /// let article = textsift::Extractor::default()
    ///     .extract_with_encoding(gbk, Some("gb2312"))
    ///     .unwrap();
    /// assert_eq!(article.text(), "中文");
    /// assert_eq!(article.encoding.as_deref(), Some("GBK"));
    /// assert_eq!(article.encoding_source.as_deref(), Some("hint"));
    /// ```
    pub fn extract_with_encoding(
        &self,
        bytes: &[u8],
        label: Option<&str>,
    ) -> Result<Article, Error> {
        self.check_size(bytes.len())?;
        let mut decoded = crate::decode::decode(bytes, label, self.base_url.as_ref());
        // The pipeline frees the text once the tree is built.
        let text = std::mem::take(&mut decoded.text);
        let mut article = crate::pipeline::run(self, text);
        article.warnings.extend(decoded.warnings);
        article.encoding = Some(decoded.encoding.to_string());
        article.encoding_source = Some(decoded.source.to_string());
        article.bytes_replaced = decoded.replaced;
        Ok(article)
    }

    /// Extracts an article from text that is already decoded.
    pub fn extract_str(&self, text: &str) -> Result<Article, Error> {
        self.check_size(text.len())?;
        Ok(crate::pipeline::run(self, text.into()))
    }

    fn check_size(&self, size: usize) -> Result<(), Error> {
        if size > self.max_input_bytes {
            return Err(Error::InputTooLarge {
                size,
                limit: self.max_input_bytes,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extractor_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Extractor>();
    }

    #[test]
    fn documented_defaults_match_default() {
        let b = ExtractorBuilder::default();
        assert_eq!(b.policy, Policy::Compact);
        assert!(b.base_url.is_none());
        assert!(b.keep_images);
        assert_eq!(b.max_input_bytes, 64 * 1024 * 1024);
        assert_eq!(b.max_dom_depth, 512);
        assert_eq!(b.proxies, ProxyList::default());
    }

    #[test]
    fn bad_base_url_is_an_error() {
        let err = Extractor::builder()
            .base_url("/relative")
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::BadBaseUrl { .. }));
        assert!(err.to_string().contains("https://"));
    }
}
