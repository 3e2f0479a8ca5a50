//! Link check: every internal link and `#anchor` in the rendered site must lead to a
//! file the build writes, or the build fails naming the page and the link.

use std::collections::{BTreeMap, BTreeSet};

use crate::diagnostics::{Diagnostic, Diagnostics};

pub fn check(files: &[(String, Vec<u8>)]) -> Diagnostics {
    let pages: BTreeMap<&str, &str> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .filter_map(|(p, b)| Some((p.as_str(), std::str::from_utf8(b).ok()?)))
        .collect();
    let existing: BTreeSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    let ids: BTreeMap<&str, BTreeSet<&str>> =
        pages.iter().map(|(p, html)| (*p, attribute_values(html, "id").into_iter().collect())).collect();

    let mut diags = Diagnostics::default();
    for (page, html) in &pages {
        for link in attribute_values(html, "href").into_iter().chain(attribute_values(html, "src")) {
            let link = link.replace("&amp;", "&");
            let Some((target, fragment)) = resolve(page, &link) else { continue };
            let problem = if !existing.contains(target.as_str()) {
                Some(format!("link to {link} leads nowhere: the build writes no {target}"))
            } else {
                match (fragment, ids.get(target.as_str())) {
                    (Some(f), Some(targets)) if !f.is_empty() && !targets.contains(f) => {
                        Some(format!("link to {link}: {target} has no element with id \"{f}\""))
                    }
                    _ => None,
                }
            };
            if let Some(message) = problem {
                diags.push(
                    Diagnostic::error(format!("public/{page}"), message)
                        .hint("fix the link in the content page or template that writes it"),
                );
            }
        }
    }
    diags
}

/// The values of `name="…"` attributes, in order. Katalog's templates and Markdown
/// renderer always quote attributes with double quotes.
fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .filter_map(|(at, m)| {
            let rest = &html[at + m.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// An internal link as (output file, fragment); None for other hosts and schemes.
fn resolve<'a>(page: &str, link: &'a str) -> Option<(String, Option<&'a str>)> {
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or("");
    if path.contains(':') || path.starts_with("//") {
        return None;
    }
    let base = page.rsplit_once('/').map(|(dir, _)| dir).unwrap_or("");
    let joined = if path.is_empty() {
        return Some((page.to_string(), fragment));
    } else if let Some(absolute) = path.strip_prefix('/') {
        absolute.to_string()
    } else if base.is_empty() {
        path.to_string()
    } else {
        format!("{base}/{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    let mut target = parts.join("/");
    if joined.ends_with('/') || target.is_empty() {
        target = if target.is_empty() { "index.html".into() } else { format!("{target}/index.html") };
    }
    Some((target, fragment))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(pages: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        pages.iter().map(|(p, h)| (p.to_string(), h.as_bytes().to_vec())).collect()
    }

    #[test]
    fn resolves_links_like_a_browser() {
        assert_eq!(resolve("kommun/a/index.html", "/kommun/b/"), Some(("kommun/b/index.html".into(), None)));
        assert_eq!(resolve("om/x/index.html", "../y/#z"), Some(("om/y/index.html".into(), Some("z"))));
        assert_eq!(resolve("index.html", "/"), Some(("index.html".into(), None)));
        assert_eq!(resolve("index.html", "#ao"), Some(("index.html".into(), Some("ao"))));
        assert_eq!(resolve("index.html", "https://www.1177.se/"), None);
        assert_eq!(resolve("index.html", "mailto:a@b.se"), None);
    }

    #[test]
    fn reports_missing_pages_and_anchors() {
        let files = site(&[
            ("index.html", r##"<a href="/kallor/#scb">x</a> <a href="/finns-inte/">y</a> <a href="#topp">z</a>"##),
            ("kallor/index.html", r#"<h2 id="scb">SCB</h2> <a href="/">start</a>"#),
        ]);
        let found: Vec<String> = check(&files).sorted().iter().map(|d| d.message.clone()).collect();
        assert_eq!(
            found,
            [
                "link to #topp: index.html has no element with id \"topp\"",
                "link to /finns-inte/ leads nowhere: the build writes no finns-inte/index.html",
            ]
        );
    }
}
