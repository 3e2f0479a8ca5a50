//! Link check: every internal link and `#anchor` in the rendered site must lead to a
//! file the build writes, or the build fails naming the page and the link.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// What the link check needs to know of one page: the ids it has and the links it makes.
/// Taken as each page is rendered, so that the pages themselves need not stay in memory.
pub struct PageLinks {
    /// The page's path in the output folder.
    pub path: String,
    ids: Vec<String>,
    links: Vec<String>,
}

impl PageLinks {
    pub fn of(path: &str, html: &str) -> PageLinks {
        let owned = |v: Vec<&str>| v.into_iter().map(str::to_string).collect();
        let mut links = attribute_values(html, "href");
        links.extend(attribute_values(html, "src"));
        PageLinks { path: path.to_string(), ids: owned(attribute_values(html, "id")), links: owned(links) }
    }
}

/// Checks every page's links against the files the build writes (`existing`) and the
/// ids on the target pages.
/// Every internal link and `#anchor` of the rendered pages must resolve; problems name
/// the page inside the real output folder `out`.
pub fn check<'a>(existing: impl IntoIterator<Item = &'a str>, pages: &[PageLinks], out: &Path) -> Diagnostics {
    let existing: BTreeSet<&str> = existing.into_iter().collect();
    let ids: BTreeMap<&str, BTreeSet<&str>> =
        pages.iter().map(|p| (p.path.as_str(), p.ids.iter().map(String::as_str).collect())).collect();

    let mut diags = Diagnostics::default();
    for page in pages {
        for link in &page.links {
            let link = link.replace("&amp;", "&");
            let Some((target, fragment)) = resolve(&page.path, &link) else { continue };
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
                    Diagnostic::error(out.join(&page.path), message)
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

    fn check_site(pages: &[(&str, &str)]) -> Diagnostics {
        let summaries: Vec<PageLinks> = pages.iter().map(|(p, h)| PageLinks::of(p, h)).collect();
        check(pages.iter().map(|(p, _)| *p), &summaries, Path::new("ut"))
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
        let diags = check_site(&[
            ("index.html", r##"<a href="/kallor/#scb">x</a> <a href="/finns-inte/">y</a> <a href="#topp">z</a>"##),
            ("kallor/index.html", r#"<h2 id="scb">SCB</h2> <a href="/">start</a>"#),
        ]);
        let found: Vec<String> = diags.sorted().iter().map(|d| d.message.clone()).collect();
        // Problems name the page inside the real output folder.
        assert_eq!(diags.sorted()[0].file, Path::new("ut/index.html"));
        assert_eq!(
            found,
            [
                "link to #topp: index.html has no element with id \"topp\"",
                "link to /finns-inte/ leads nowhere: the build writes no finns-inte/index.html",
            ]
        );
    }
}
