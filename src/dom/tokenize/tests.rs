//! The trees this tokenizer builds are html5ever's, on real pages and generated markup.

use proptest::prelude::*;

use crate::dom::corpus::{self, dump};
use crate::dom::{build_by_html5ever, build_in, chain, pre_pass, Limits, CHUNK};

/// The page's tree (and warnings) read by this tokenizer and by html5ever's, from `text`
/// as given (`reduce`: after the pre-pass, as extraction reads it).
fn both(page: &str, reduce: bool, chunk: usize) -> (String, String) {
    let (text, cut) = if reduce {
        pre_pass(page)
    } else {
        (page.to_string(), 0)
    };
    let limits = Limits::default();
    let ours = build_in(text.clone(), cut, limits, page.len(), chunk);
    let theirs = build_by_html5ever(text, cut, limits, page.len(), chunk);
    (
        format!("{}{:?}", dump(&ours), ours.warnings),
        format!("{}{:?}", dump(&theirs), theirs.warnings),
    )
}

/// Whether this tokenizer reads `text` itself (rather than leaving it to html5ever's).
fn reads(text: &str) -> bool {
    if !super::can_read(text) {
        return false;
    }
    let text = html5ever::tendril::StrTendril::from_slice(text);
    super::feed(&text, &chain(Limits::default(), 0, 16), CHUNK).is_ok()
}

fn same(page: &str) {
    for reduce in [false, true] {
        let (ours, theirs) = both(page, reduce, CHUNK);
        assert_eq!(ours, theirs, "reduce {reduce}: {page:?}");
    }
}

#[test]
fn tags_attributes_and_references_read_as_html5ever_reads_them() {
    let pages = [
        "<p>a &amp; b &amp c &ampx &notit; &notin; &#x4E2D;&#25991; &#0; &#x110000; &#128; &#xD800; &# &#x; &; &zz;</p>",
        "<a href=&ampnot>x</a><a href='?a=1&amp=2&copy=3&copy;&lt&gt;' title=&quot;x&quot; data-x=&amp>t</a>",
        "<DIV CLASS=\"A\" Id=b class=c =d e= f = 'g' h=\"\" i/ j / k></DIV>",
        "<p a=b/>x<br/><img src=x / ><input value=a=b>",
        "<p\"a='x'<b c>1</p foo=bar><x-y:z Q=1>2</x-y:z>",
        "<title>a &amp; <b>b</b> </title x></TITLE><textarea>\n&lt;x</textarea>",
        "<style>p > a { x: '&amp;' } </style ><xmp><b>&amp;</xmp><iframe><p></iframe>",
        "<script type=\"application/ld+json\">{\"a\": \"</scr\" }</script><p>x",
        "<!DOCTYPE html><p>x", "<!doctype HTML SYSTEM \"about:legacy-compat\"><p>x",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\"><table><p>x",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\"><p><table>",
        "<!DOCTYPE><p>", "<!DOCTYPEhtml><p>", "<!DOCTYPE html x><p>", "<!DOCTYPE html PUBLIC><p>",
        "<!DOCTYPE html PUBLIC 'a' x><p>", "<!DOCTYPE html PUBLIC \"a>b\"><p>", "<!DOCTYPE html SYSTEM \"a\" b><p>",
        "<!-- a --> <!--> <!---> <!-- --!> x <!-- a -- b -->y",
        "<? php ?><!x><![CDATA[a]]></3 x><//>a</>b",
        "<svg><![CDATA[x<y]]><title>&amp;</title></svg><math><mi>m</mi></math>",
        "<table><tr><td>a<b>b<p>c</b>d</td></tr>x</table>",
        "<pre>\n\nx</pre><pre>&#10;y</pre><listing>\nz</listing><textarea>\n\nw</textarea>",
        "\u{FEFF}<p>bom</p>", "a\r\nb\rc<p title=\"x\r\ny\">", "<p>a<", "<p>a</", "<p a=\"b", "<p a=b", "<p a", "<!DOCTYPE",
        "<plaintext><p>&amp;</plaintext>", "<noscript><p>x</p></noscript><template><p>y</template>",
        "<p>中文<b 中=文>字</b>&#x1F600;&nbsp;</p>",
    ];
    for page in pages {
        same(page);
    }
}

#[test]
fn what_it_declines_goes_to_html5ever() {
    for page in [
        "<p>a\0b</p>",
        "<script>x <!-- <script> y </script> z</script><p>q",
    ] {
        assert!(!reads(page), "{page:?}");
        same(page);
    }
    assert!(reads("<script>if (a < b) x();</script>"));
}

/// Every shared page, as extraction reads it (pre-passed) and as it is written; says how
/// many this tokenizer left to html5ever's.
#[test]
fn the_shared_pages_build_the_same_trees() {
    let Some(pages) = corpus::pages(corpus::ALL) else {
        return;
    };
    let step = if cfg!(debug_assertions) { 8 } else { 1 };
    let mut declined = 0;
    let mut n = 0;
    for (path, page) in pages.iter().step_by(step) {
        n += 1;
        let (text, _) = pre_pass(page);
        declined += usize::from(!reads(&text));
        for reduce in [true, false] {
            let (ours, theirs) = both(page, reduce, CHUNK);
            assert!(
                ours == theirs,
                "{} (reduce {reduce}): the trees differ",
                path.display()
            );
        }
    }
    eprintln!("{declined} of {n} pre-passed pages left to html5ever's tokenizer");
    assert!(declined * 50 <= n, "{declined} of {n} declined");
}

/// Markup made of the pieces the tokenizer's states turn on.
fn markup() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<",
        "</",
        ">",
        "/>",
        "/",
        "=",
        "\"",
        "'",
        " ",
        "\n",
        "\r",
        "&",
        "amp;",
        "amp",
        "#x41;",
        "#65",
        "#",
        "not",
        "in;",
        "a",
        "p",
        "div",
        "b",
        "title",
        "script",
        "style",
        "svg",
        "table",
        "tr",
        "td",
        "textarea",
        "pre",
        "<!--",
        "-->",
        "--",
        "!",
        "?",
        "<!DOCTYPE",
        "html",
        "PUBLIC",
        "SYSTEM",
        "<![CDATA[",
        "]]>",
        "中",
        "x",
        "A",
        "<p>",
        "</p>",
        "<a href=",
        "<title>",
        "</title>",
        "<script>",
        "</script>",
        "<svg>",
        "</svg>",
        "<table>",
        "<td>",
        "<select>",
        "<option>",
        "<plaintext>",
        "<math>",
        "<frameset>",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(if cfg!(debug_assertions) { 300 } else { 3000 }))]
    #[test]
    fn generated_markup_builds_the_same_trees(page in markup(), chunk in 1usize..40) {
        for reduce in [false, true] {
            let (ours, theirs) = both(&page, reduce, chunk);
            prop_assert_eq!(ours, theirs, "reduce {}", reduce);
        }
    }
}
