//! The judge on whole pages.

const PARA: &str = "This paragraph is long enough to count, with commas, clauses, and a full stop at the end of it.";

fn page(article: &str) -> String {
    format!(
        "<html><head><title>T</title></head><body>\
         <div class='nav'><a href='/'>Home</a> <a href='/a'>About</a> <a href='/b'>World</a></div>\
         <div class='layout has-sidebar'><div class='post-content'><h1>T</h1>{article}\
         <div class='share'><a href='/s'>Share this</a></div></div>\
         <div class='comments'><p>{PARA} A comment.</p></div>\
         <div class='widget'><ul><li><a href='/1'>Related one</a></li><li><a href='/2'>Related two</a></li></ul></div></div>\
         <div class='footer'><p>© Site, all rights reserved.</p></div></body></html>"
    )
}

#[test]
fn finds_the_article_inside_a_full_page() {
    let body = format!("<p>{PARA} One.</p><p>{PARA} Two.</p><p>{PARA} Three.</p>");
    let text = crate::extract_str(&page(&body)).unwrap().text();
    assert_eq!(text.matches("This paragraph").count(), 3, "{text}");
    for junk in ["Home", "Share", "comment", "Related", "©", "T\n"] {
        assert!(!text.contains(junk), "{junk} in {text}");
    }
}

#[test]
fn a_fragment_keeps_everything() {
    let html = format!("<h2>Intro</h2><p>{PARA}</p><ul><li>one</li><li>two</li></ul><p>short</p>");
    let text = crate::extract_str(&html).unwrap().text();
    assert_eq!(text, format!("Intro\n\n{PARA}\n\none\n\ntwo\n\nshort"));
}
