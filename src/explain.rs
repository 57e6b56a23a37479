//! Why the content selection chose what it chose: [`Explanation`].

/// How the article's text was chosen: the strategy that won, every candidate the judge
/// weighed, and its reasons. Filled in only when asked for, with
/// [`ExtractorBuilder::explain`](crate::ExtractorBuilder::explain) (the batch tool's
/// `--explain`).
///
/// ```
/// let html = "<body><div id=nav><a href=/>Home</a></div><article><p>One sentence here, \
///             long enough to be prose, with a comma and a full stop at its end.</p>\
///             <p>And a second one, with the same shape, so the page has an article.</p>\
///             </article></body>";
/// let ex = textsift::Extractor::builder().explain(true).build().unwrap();
/// let why = ex.extract_str(html).unwrap().explanation.unwrap();
/// assert!(why.candidates.iter().any(|c| c.strategy == why.strategy));
/// assert!(!why.reasons.is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Explanation {
    /// The winning strategy: `front-matter` (a post: the whole body), `article-body` (the
    /// element matching the page's JSON-LD `articleBody`), `score` (the best-scoring
    /// container, as Readability scores), `markup` (`<article>`, `<main>`,
    /// `itemprop=articleBody`), `paragraphs` (the element holding the most prose, as a
    /// jusText-like pass classes the page's blocks), `headline` (the article wrapper around
    /// the heading that states the page's title, when the others lie outside it), `body`
    /// (the whole body) or `script-data` (the page shows little text and one of its state
    /// scripts, such as `__NEXT_DATA__`, holds the article: the body is read from there).
    pub strategy: String,
    /// Every candidate weighed, in the order the judge considered them.
    pub candidates: Vec<Candidate>,
    /// The judge's reasons, in order.
    pub reasons: Vec<String>,
}

/// One candidate of an [`Explanation`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Candidate {
    /// The strategy that proposed it.
    pub strategy: String,
    /// The elements proposed, as `tag#id.class` (first class only), in document order.
    pub elements: Vec<String>,
    /// Weighted length of their text (a wide character counts 2, spaces 0).
    pub text: u32,
    /// The part of it the paragraph pass classes as prose.
    pub prose: u32,
}
