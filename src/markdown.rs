//! Markdown of content pages to HTML. Raw HTML in the Markdown is shown as text, never
//! passed through, and links may only use web, mail and phone schemes or site paths.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, html};

pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events = Parser::new_ext(markdown, options).map(|event| match event {
        // Escaping raw HTML (instead of dropping it) keeps the author's text visible.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Link { link_type, dest_url: safe_url(dest_url), title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Image { link_type, dest_url: safe_url(dest_url), title, id })
        }
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    // Defence in depth: whatever the Markdown produced passes a well-kept sanitiser.
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .clean(&out)
        .to_string()
}

/// The words of a Markdown text, for the search index.
pub fn to_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        if let Event::Text(t) | Event::Code(t) = event {
            out.push_str(&t);
            out.push(' ');
        }
    }
    out
}

fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let lower = url.trim().to_ascii_lowercase();
    let has_scheme = lower.split(['/', '?', '#']).next().is_some_and(|first| first.contains(':'));
    let allowed = ["https:", "http:", "mailto:", "tel:"].iter().any(|s| lower.starts_with(s));
    if has_scheme && !allowed { CowStr::Borrowed("#") } else { url }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html("Hej <script>alert(1)</script> *du*\n\n<div onclick=x>y</div>\n");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(html.contains("<em>du</em>"), "{html}");
    }

    #[test]
    fn script_links_are_neutralised() {
        let html = to_html("[klicka](javascript:alert(1)) [ok](/kallor/) [ext](https://www.1177.se)");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("href=\"/kallor/\""));
        assert!(html.contains("href=\"https://www.1177.se\""));
    }
}
