//! Output types: [`Article`], [`Block`], [`BlockKind`], [`Image`].

/// What kind of text a [`Block`] holds.
///
/// ```
/// use textsift::BlockKind;
/// assert_eq!(BlockKind::Heading { level: 2 }.name(), "heading");
/// assert_eq!(BlockKind::default(), BlockKind::Paragraph);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum BlockKind {
    /// Running text.
    #[default]
    Paragraph,
    /// A heading, `level` 1 to 6 as in `<h1>`…`<h6>`.
    Heading {
        /// 1 to 6.
        level: u8,
    },
    /// One item of a list (`<li>`).
    ListItem,
    /// Quoted text (`<blockquote>`).
    Quote,
    /// Preformatted code; its whitespace is kept as written.
    Code,
    /// A caption of an image or table (`<figcaption>`, `<caption>`).
    Caption,
    /// One table row, cells separated by ` | `.
    TableRow,
}

impl BlockKind {
    /// The kind's name as it appears in JSON: `paragraph`, `heading`, `list_item`,
    /// `quote`, `code`, `caption` or `table_row`.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "paragraph",
            BlockKind::Heading { .. } => "heading",
            BlockKind::ListItem => "list_item",
            BlockKind::Quote => "quote",
            BlockKind::Code => "code",
            BlockKind::Caption => "caption",
            BlockKind::TableRow => "table_row",
        }
    }
}

/// One block of body text, in document order.
///
/// ```
/// let article = textsift::extract_str("<h2>Intro</h2><p>Hello there.</p>").unwrap();
/// assert_eq!(article.blocks[0].kind, textsift::BlockKind::Heading { level: 2 });
/// assert_eq!(article.blocks[1].text, "Hello there.");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its text, normalised (code keeps its whitespace). Never empty.
    pub text: String,
}

/// One image of the body.
///
/// ```
/// let html = r#"<p>a</p><img data-original="http://e.com/a.jpg" src="data:image/gif;base64,R0lGOD" width="10" height="20"><p>b</p>"#;
/// let article = textsift::extract_str(html).unwrap();
/// let image = &article.images[0];
/// assert_eq!(image.url, "http://e.com/a.jpg");
/// assert_eq!((image.width, image.height, image.block), (Some(10), Some(20), 1));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The real, absolute URL: lazy-load attributes and image proxies unwrapped.
    pub url: String,
    /// The `alt` text, when it says something.
    pub alt: Option<String>,
    /// The caption (`<figcaption>` or similar), when there is one, less its credit line.
    pub caption: Option<String>,
    /// Who made the picture, as its caption credits them (`Foto: Max Muster`,
    /// `(Photo: Reuters)`, `© AFP`, `摄影：张三`).
    ///
    /// ```
    /// let html = "<article><p>The new footbridge opened to walkers on Saturday morning.</p>\
    ///             <figure><img src='https://e.com/b.jpg'>\
    ///             <figcaption>The bridge at dawn. Photo: Jane Roe</figcaption></figure></article>";
    /// let article = textsift::extract_str(html).unwrap();
    /// assert_eq!(article.images[0].caption.as_deref(), Some("The bridge at dawn."));
    /// assert_eq!(article.images[0].credit.as_deref(), Some("Jane Roe"));
    /// ```
    pub credit: Option<String>,
    /// Width in pixels, from `width`/`data-width`, when known.
    pub width: Option<u32>,
    /// Height in pixels, from `height`/`data-height`, when known.
    pub height: Option<u32>,
    /// Index in [`Article::blocks`] of the block the image precedes
    /// (equal to `blocks.len()` for an image after the last block).
    pub block: usize,
}

/// The result of an extraction.
///
/// ```
/// let post = "---\ntitle: 'Hello'\ntags: [a, b]\n---\n<p>第一段 2021 年</p><p>Second.</p>";
/// let article = textsift::extract_str(post).unwrap();
/// assert_eq!(article.title.as_deref(), Some("Hello"));
/// assert_eq!(article.tags, ["a", "b"]);
/// assert_eq!(article.text(), "第一段2021年\n\nSecond.");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Article {
    /// The title: front matter, else the page's visible headline (its first `<h1>`, unless
    /// that is short or the site's name), `og:title`, `twitter:title`, JSON-LD `headline`,
    /// `<title>` (less its site name).
    pub title: Option<String>,
    /// The author, when the input names one: front matter, else the first source that
    /// names a person: `<meta name=author>`, `article:author` (unless a URL), JSON-LD
    /// `author` (names joined by `, `), the byline shown after the headline (`By Jane Doe`,
    /// `Von Max Muster`, `作者：…`), byline markup. Cleaned of `By`, `View all posts by`, a
    /// date glued on; `admin` or `No Author` is no one. The site's own name is the author
    /// only when no source names a person.
    pub author: Option<String>,
    /// Publication date: RFC 3339 when the zone is known (`2021-08-12T06:07:34Z`);
    /// a date given without a zone stays naive (`2021-10-28T14:08:07`). From front matter,
    /// else `article:published_time` or JSON-LD `datePublished` (unless the date the page
    /// shows or its URL states is a day off: the stated value is in another zone), a
    /// `<time datetime>` after the headline, the date line shown near the headline
    /// (`31. Mai 2012`, `May 31, 2012`, `2012年5月31日`…), the URL's (`/2012/05/31/`),
    /// other `<time>`s and date metas. A comment's date, a list's, a clock, a copyright or
    /// a last-modified footer is never taken.
    ///
    /// ```
    /// let html = "<h1>Neue Radwege für die Stadt</h1><p class=meta>Von Max Muster | 31. Mai 2012</p>\
    ///             <p>Der Stadtrat hat beschlossen, drei neue Radwege anzulegen.</p>";
    /// let article = textsift::extract_str(html).unwrap();
    /// assert_eq!(article.published.as_deref(), Some("2012-05-31"));
    /// assert_eq!(article.author.as_deref(), Some("Max Muster"));
    /// ```
    pub published: Option<String>,
    /// The authors, one name each, when [`Article::author`] names several (`A, B`,
    /// `A und B`, `A and B`, `A & B`, `A; B`, `A、B`; each part a name of two words or
    /// more, so `Müller, Hans` and `Jane Doe, CNN` stay one); empty when it names one.
    ///
    /// ```
    /// let html = "<h1>Lässt sich die Ausbreitung kontrollieren?</h1>\
    ///             <p class=byline>Von Lars Fischer und Alina Schadwinkel</p>\
    ///             <p>Die Zahl der bestätigten Fälle steigt seit Tagen an.</p>";
    /// let article = textsift::extract_str(html).unwrap();
    /// assert_eq!(article.author.as_deref(), Some("Lars Fischer und Alina Schadwinkel"));
    /// assert_eq!(article.authors, ["Lars Fischer", "Alina Schadwinkel"]);
    /// ```
    pub authors: Vec<String>,
    /// Last-modified date, as [`Article::published`] is written: `article:modified_time`,
    /// `og:updated_time`, JSON-LD `dateModified`.
    pub modified: Option<String>,
    /// Categories, in the order given.
    pub categories: Vec<String>,
    /// Tags, in the order given.
    pub tags: Vec<String>,
    /// The lead image's real URL (front matter `headimg`/`thumbnail`/`cover`, `og:image`,
    /// JSON-LD `image`, else the body's first image).
    pub lead_image: Option<String>,
    /// The page's language as a BCP 47 tag (`zh-CN`, `en`): `<html lang>`, else JSON-LD
    /// `inLanguage`, else `og:locale` (`zh_CN` becomes `zh-CN`), else `content-language`.
    ///
    /// ```
    /// let html = "<html lang='zh-CN'><body><p>你好。</p></body></html>";
    /// let article = textsift::extract_str(html).unwrap();
    /// assert_eq!(article.language.as_deref(), Some("zh-CN"));
    /// ```
    pub language: Option<String>,
    /// The page's canonical URL (`<link rel=canonical>`, else `og:url`), absolute: resolved
    /// against `<base href>` or the caller's base URL. Only `http`/`https` URLs.
    ///
    /// ```
    /// let html = "<head><link rel=canonical href='https://e.com/a'></head><p>Hi.</p>";
    /// let article = textsift::extract_str(html).unwrap();
    /// assert_eq!(article.canonical_url.as_deref(), Some("https://e.com/a"));
    /// ```
    pub canonical_url: Option<String>,
    /// The site's name: `og:site_name`, `application-name`, JSON-LD `publisher`.
    ///
    /// ```
    /// let html = "<meta property=og:site_name content='Daily Post'>\
    ///             <meta property=og:description content='Two new bridges.'>\
    ///             <meta property=article:modified_time content='2024-03-18T09:02:00Z'>\
    ///             <p>The council approved two new bridges.</p>";
    /// let article = textsift::extract_str(html).unwrap();
    /// assert_eq!(article.site_name.as_deref(), Some("Daily Post"));
    /// assert_eq!(article.description.as_deref(), Some("Two new bridges."));
    /// assert_eq!(article.modified.as_deref(), Some("2024-03-18T09:02:00Z"));
    /// ```
    pub site_name: Option<String>,
    /// The page's own summary of itself: `og:description`, `twitter:description`,
    /// `<meta name=description>` (normalised like the text).
    pub description: Option<String>,
    /// The body as typed blocks, in document order.
    ///
    /// The page's headline is left out (it is [`Article::title`]), except where the body
    /// has no sentence of its own: a body of images only, or a fragment of a line under
    /// 50 characters with no full stop, question or exclamation mark, is led by the title
    /// as a level-1 heading, as a reader sees it.
    ///
    /// ```
    /// let page = "<title>Ecosystem model consulting</title><p>Contact: 12345 (QQ)</p>";
    /// let article = textsift::extract_str(page).unwrap();
    /// assert_eq!(article.text(), "Ecosystem model consulting\n\nContact: 12345 (QQ)");
    /// let page = "<title>A headline</title><p>A sentence of the body.</p>";
    /// assert_eq!(textsift::extract_str(page).unwrap().text(), "A sentence of the body.");
    /// ```
    pub blocks: Vec<Block>,
    /// The body's images, each once, in document order.
    pub images: Vec<Image>,
    /// Soft problems met on the way (broken front matter, an unparsable date…).
    pub warnings: Vec<String>,
    /// The encoding the bytes were decoded with (`UTF-8`, `GBK`, `Big5`…); `None` for
    /// text passed in already decoded. Not part of the JSON output.
    pub encoding: Option<String>,
    /// How [`encoding`](Self::encoding) was chosen: `bom`, `hint` (the caller's label),
    /// `meta` (the page's `<meta charset>`), `utf-8` (the bytes are valid UTF-8) or
    /// `detected` (UTF-16's NUL pattern, else a statistical guess).
    pub encoding_source: Option<String>,
    /// Whether bytes invalid in that encoding were replaced with U+FFFD (a warning says so too).
    pub bytes_replaced: bool,
    /// How the content selection chose the body, when asked for with
    /// [`ExtractorBuilder::explain`](crate::ExtractorBuilder::explain); `None` otherwise.
    /// In the JSON output as `explain`.
    pub explanation: Option<crate::Explanation>,
}

impl Article {
    /// The body as plain text: the blocks' texts joined by a blank line.
    pub fn text(&self) -> String {
        let len = self.blocks.iter().map(|b| b.text.len() + 2).sum();
        let mut out = String::with_capacity(len);
        for (i, block) in self.blocks.iter().enumerate() {
            if i > 0 {
                out.push_str("\n\n");
            }
            out.push_str(&block.text);
        }
        out
    }
}
