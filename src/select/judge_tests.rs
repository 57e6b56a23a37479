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

fn explained(html: &str) -> (String, crate::Explanation) {
    let ex = crate::Extractor::builder().explain(true).build().unwrap();
    let article = ex.extract_str(html).unwrap();
    (article.text(), article.explanation.unwrap())
}

#[test]
fn a_comment_thread_is_doubted_when_the_page_has_prose_outside_it() {
    let prose = |n: usize| format!("<p>{PARA} Number {n}, said with care, at length. {PARA}</p>");
    let article: String = (0..4).map(prose).collect();
    let comments: String = (10..30).map(prose).collect();
    let html = format!(
        "<body><div class='story'>{article}</div><div id='disqus_thread'>{comments}</div></body>"
    );
    let (text, why) = explained(&html);
    assert!(
        text.contains("Number 0") && !text.contains("Number 10"),
        "{text}"
    );
    assert!(why.candidates.iter().any(|c| c.prose > 0), "{why:?}");
}

#[test]
fn a_consent_dialog_is_never_the_article() {
    let long =
        format!("<p>{PARA} We and our partners store cookies, for ads, measurement, and more.</p>");
    let html = format!(
        "<body><div role='dialog' aria-modal='true'>{}</div>\
         <article><p>{PARA} The story.</p></article></body>",
        long.repeat(6)
    );
    let (text, why) = explained(&html);
    assert!(!text.contains("partners"), "{text}");
    assert!(text.contains("The story."), "{text}");
    assert!(!why.strategy.is_empty());
}

#[test]
fn the_explanation_names_the_winner_among_the_candidates() {
    let html = format!("<body><div class='post'><p>{PARA}</p><p>{PARA}</p></div></body>");
    let (_, why) = explained(&html);
    assert!(
        why.candidates.iter().any(|c| c.strategy == why.strategy),
        "{why:?}"
    );
    assert!(!why.reasons.is_empty());
}

#[test]
fn a_footer_stamp_is_not_the_article() {
    let html = format!(
        "<body><div><p>{PARA} One.</p><p>{PARA} Two.</p>\
         <p>Page generated in 0.042 seconds.</p></div></body>"
    );
    let (text, _) = explained(&html);
    assert!(!text.contains("generated"), "{text}");
}

#[test]
fn an_article_named_as_a_widget_is_kept() {
    let posts: String = (0..5)
        .map(|n| format!("<p>{PARA} Post line {n}.</p>"))
        .collect();
    let html = format!(
        "<html><body><div class='header'><p>{PARA} About this blog.</p></div>\
         <div class='widget Blog'><div class='post-body'>{posts}</div></div>\
         <div class='sidebar'><ul><li><a href=/a>Archive</a></li><li><a href=/b>Links</a></li></ul></div>\
         </body></html>"
    );
    let (text, why) = explained(&html);
    assert_eq!(text.matches("Post line").count(), 5, "{text}\n{why:?}");
}

#[test]
fn a_widget_named_frame_around_a_post_is_judged_inside() {
    let about = format!("<p>{PARA} About me, at length. {PARA}</p>");
    let html = format!(
        "<html><body><div id='content'><div class='sidebar-box'>{about}{about}</div>\
         <div class='widget Blog'><h3 class='post-title'>A short post</h3>\
         <div class='post-body'>{PARA} The short post itself. {PARA}</div></div></div>\
         </body></html>"
    );
    let (text, why) = explained(&html);
    assert!(text.contains("The short post itself."), "{text}\n{why:?}");
}

#[test]
fn a_lead_set_apart_after_the_headline_is_kept() {
    let body: String = (0..4).map(|n| format!("<p>{PARA} Body {n}.</p>")).collect();
    let html = format!(
        "<html><head><title>Bridge vote passes after a decade of debate</title></head><body>\
         <div class='page'><h1>Bridge vote passes after a decade of debate</h1>\
         <p class='standfirst'>The council voted seven to two, and work starts in the spring, \
         so the bridge should open by the end of next year, the mayor said.</p>\
         <div class='meta'>By A. Writer</div><div class='article-body'>{body}</div></div>\
         <div class='footer'><a href=/>Home</a></div></body></html>"
    );
    let (text, why) = explained(&html);
    assert!(text.starts_with("The council voted"), "{text}\n{why:?}");
    assert!(
        text.contains("Body 3.") && !text.contains("A. Writer"),
        "{text}"
    );
}

#[test]
fn a_short_notice_beside_a_link_column_is_kept() {
    // An old layout: the page's only prose, a short notice, shares a table with a column of
    // links that makes the table link-dense; the notice must not go with the links.
    let links: String = (0..24)
        .map(|i| format!("<tr><td><a href='/r{i}'>Route number {i} timetable</a></td></tr>"))
        .collect();
    let html = format!(
        "<body><table><tr><td><table><tr><td>Sorry, the sailing you asked for could not be \
         found.<br><br>It may have been withdrawn from the winter timetable. You can search \
         again with other dates, or call our office to speak to a member of staff.</td>\
         <td><table>{links}</table></td></tr></table></td></tr></table>\
         <div>Winter greetings from our crews</div><div>to all of our passengers</div>\
         <div>Booking office 0800 555 0199</div><div>MON-SAT 8AM - 6PM</div></body>"
    );
    let (text, why) = explained(&html);
    assert!(text.contains("could not be found"), "{text}\n{why:?}");
    assert!(!text.contains("Route number"), "{text}");
}

#[test]
fn an_about_me_sidebar_does_not_make_a_short_post_implausible() {
    // The post is a list of credits, no prose; the sidebar's "about" box is all prose.
    let credits: String = [
        "Design Director: Ann Lee",
        "Photographer: Bo Ruiz",
        "Art Director: Cy Moss",
    ]
    .iter()
    .map(|c| format!("<p>{c}</p>"))
    .collect();
    let html = format!(
        "<body><div id='content'><div id='post-7' class='post'><h2>The Daily Edit</h2>{credits}\
         <p>Photo editors: Dee Ames, Eli Park, Fay Stone, Gus Hale and Hal Imes</p></div>\
         <ul><li><a href='/1'>Older posts</a></li><li><a href='/2'>Newer posts</a></li>\
         <li><a href='/3'>Archive by month</a></li></ul></div>\
         <div id='sidebars'><h3>About:</h3><p>{PARA} {PARA}</p><p>{PARA} {PARA}</p><p>{PARA}</p></div></body>"
    );
    let (text, why) = explained(&html);
    assert!(text.contains("Photographer: Bo Ruiz"), "{text}\n{why:?}");
    assert!(!text.contains("This paragraph"), "{text}\n{why:?}");
}

#[test]
fn a_lead_set_apart_from_the_body_is_kept() {
    let lead = "Frankfurt (dpa) - The council voted on Tuesday, after a long debate that went on into the night, to build the new bridge over the river at last. Work on its foundations starts in the spring, the mayor said.";
    let deck = "The vote ends a decade of argument over the crossing, and the work on its foundations starts in the spring. The bridge opens to traffic in three years.";
    for (tag, class, text) in [
        ("div", "header__abstract", lead),
        ("h2", "article-deck", deck),
    ] {
        let html = format!(
            "<html><head><title>Council approves the new bridge</title></head><body>\
             <div class='nav'><a href='/'>Home</a> <a href='/a'>About</a></div>\
             <article><div class='articleHeader'><h1>Council approves the new bridge</h1>\
             <{tag} class='{class}'>{text}</{tag}></div>\
             <div class='article-body'><p>{PARA} {PARA}</p><p>{PARA} {PARA}</p><p>{PARA} {PARA}</p></div>\
             </article></body></html>"
        );
        let (got, why) = explained(&html);
        assert!(got.starts_with(text), "{tag}: {got}\n{why:?}");
    }
}
