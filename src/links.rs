//! Link check: every internal link and `#anchor` in the rendered site must lead to a
//! file the build writes, or the build fails naming the page and the link.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};

/// What the link check keeps of one page, taken as the page is rendered so that neither
/// the page nor its links stay in memory: the problems found at once (links to files the
/// build does not write, `#anchors` missing on the page itself), its ids, and its links
/// to an anchor on another page, which can only be checked once every page is rendered.
pub struct PageLinks {
    /// The page's path in the output folder.
    pub path: String,
    /// The page's ids, each followed by a newline: one allocation per page.
    ids: String,
    /// (link as written, target file, fragment) for anchors on other pages.
    elsewhere: Vec<(String, String, String)>,
    problems: Vec<String>,
}

/// The paths the build writes, looked up for every link of every page. This set and the
/// small ones of each page are hashed with foldhash: SipHash (std's default, made against
/// hash flooding from outside input) made up a third of the link check's time.
pub type Paths<'a> = foldhash::HashSet<&'a str>;

impl PageLinks {
    /// Checks what one page's links can be checked against now: `existing`, the files the
    /// build writes, and the page's own ids.
    pub fn of(path: &str, html: &str, existing: &Paths) -> PageLinks {
        let (ids, links) = ids_and_links(html);
        let own: foldhash::HashSet<&str> = ids.iter().copied().collect();
        let mut page =
            PageLinks { path: path.to_string(), ids: String::new(), elsewhere: Vec::new(), problems: Vec::new() };
        for id in ids {
            page.ids.push_str(id);
            page.ids.push('\n');
        }
        let mut seen = foldhash::HashSet::default();
        for link in links.into_iter().filter(|l| seen.insert(*l)) {
            let link =
                if link.contains("&amp;") { Cow::Owned(link.replace("&amp;", "&")) } else { Cow::Borrowed(link) };
            let Some((target, fragment)) = resolve(path, &link) else { continue };
            if !existing.contains(target.as_str()) {
                page.problems.push(format!("link to {link} leads nowhere: the build writes no {target}"));
            } else if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                if target != path {
                    page.elsewhere.push((link.to_string(), target, f.to_string()));
                } else if !own.contains(f) {
                    page.problems.push(format!("link to {link}: {target} has no element with id \"{f}\""));
                }
            }
        }
        page
    }
}

/// Every internal link and `#anchor` of the rendered pages must resolve; problems name
/// the page inside the real output folder `out`.
pub fn check(pages: &[PageLinks], out: &Path) -> Diagnostics {
    let ids: BTreeMap<&str, BTreeSet<&str>> =
        pages.iter().map(|p| (p.path.as_str(), p.ids.lines().collect())).collect();
    let mut diags = Diagnostics::default();
    for page in pages {
        let later = page.elsewhere.iter().filter_map(|(link, target, f)| {
            let targets = ids.get(target.as_str())?;
            (!targets.contains(f.as_str())).then(|| format!("link to {link}: {target} has no element with id \"{f}\""))
        });
        for message in page.problems.iter().cloned().chain(later) {
            diags.push(
                Diagnostic::error(out.join(&page.path), message)
                    .hint("fix the link in the content page or template that writes it"),
            );
        }
    }
    diags
}

/// The values of the page's `id` attributes, and of its `href` and then its `src`
/// attributes, each in order, found in one pass over the page. Katalog's templates and
/// Markdown renderer always quote attributes with double quotes.
fn ids_and_links(html: &str) -> (Vec<&str>, Vec<&str>) {
    let (mut ids, mut hrefs, mut srcs) = (Vec::new(), Vec::new(), Vec::new());
    for at in memchr::memmem::find_iter(html.as_bytes(), b"=\"") {
        let name = &html.as_bytes()[..at];
        let values = if name.ends_with(b" id") {
            &mut ids
        } else if name.ends_with(b" href") {
            &mut hrefs
        } else if name.ends_with(b" src") {
            &mut srcs
        } else {
            continue;
        };
        // `=` is ASCII, so `at + 2` is on a character boundary.
        let rest = &html[at + 2..];
        if let Some(end) = rest.find('"') {
            values.push(&rest[..end]);
        }
    }
    hrefs.extend(srcs);
    (ids, hrefs)
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
        let existing: Paths = pages.iter().map(|(p, _)| *p).collect();
        let summaries: Vec<PageLinks> = pages.iter().map(|(p, h)| PageLinks::of(p, h, &existing)).collect();
        check(&summaries, Path::new("ut"))
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
