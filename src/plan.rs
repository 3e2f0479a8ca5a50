//! Stage 4: every output file, its template and the context it is rendered from.
//!
//! One list, checked for two outputs with the same path before anything renders.

use std::collections::BTreeMap;

use minijinja::{Value, context};
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Kommun, PoLage, Site, ambiguous_slugs};
use crate::text::initial;

pub enum Content {
    /// Rendered from a template with the given context.
    Page { template: &'static str, context: Value },
    /// Written as it is.
    Bytes(Vec<u8>),
}

pub struct Output {
    /// Relative to the output folder, with forward slashes.
    pub path: String,
    pub content: Content,
}

fn v<T: Serialize>(value: T) -> Value {
    Value::from(minijinja::value::Serde(value))
}

fn page(path: String, template: &'static str, context: Value) -> Output {
    Output { path, content: Content::Page { template, context } }
}

#[derive(Serialize)]
struct LetterGroup<'a> {
    bokstav: String,
    kommuner: Vec<&'a Kommun>,
}

#[derive(Serialize)]
struct LanGroup<'a> {
    lan: &'a crate::model::Lan,
    kommuner: Vec<&'a Kommun>,
}

#[derive(Serialize)]
struct StatusGroup<'a> {
    lage: PoLage,
    antal: usize,
    lan: Vec<LanGroup<'a>>,
}

pub fn plan(site: &Site, static_files: Vec<(String, Vec<u8>)>) -> (Vec<Output>, Diagnostics) {
    let mut outputs = Vec::new();

    let mut letters: Vec<LetterGroup> = Vec::new();
    for k in &site.kommuner {
        let letter = initial(&k.namn);
        match letters.last_mut() {
            Some(g) if g.bokstav == letter => g.kommuner.push(k),
            _ => letters.push(LetterGroup { bokstav: letter, kommuner: vec![k] }),
        }
    }
    let mut counts: BTreeMap<PoLage, usize> = BTreeMap::new();
    for k in &site.kommuner {
        *counts.entry(k.po).or_default() += 1;
    }
    let counts: Vec<(PoLage, usize)> = counts.into_iter().collect();
    outputs.push(page(
        "index.html".into(),
        "index.html",
        context! { bokstaver => v(letters), antal => v(counts), sokvag => "" },
    ));

    for k in &site.kommuner {
        outputs.push(page(
            format!("kommun/{}/index.html", k.slug),
            "kommun.html",
            context! { kommun => v(k), sokvag => format!("kommun/{}/", k.slug) },
        ));
    }
    for (slug, codes) in ambiguous_slugs(site) {
        outputs.push(page(
            format!("kommun/{slug}/index.html"),
            "flertydig.html",
            context! { koder => v(codes), sokvag => format!("kommun/{slug}/") },
        ));
    }
    for o in &site.organisationer {
        outputs.push(page(
            format!("po/{}/index.html", o.id),
            "organisation.html",
            context! { org => v(o), sokvag => format!("po/{}/", o.id) },
        ));
    }
    for l in &site.lan {
        let kommuner: Vec<&Kommun> = site.kommuner.iter().filter(|k| k.lan_kod == l.kod).collect();
        outputs.push(page(
            format!("lan/{}/index.html", l.slug),
            "lan.html",
            context! { lan => v(l), lanets_kommuner => v(kommuner), sokvag => format!("lan/{}/", l.slug) },
        ));
    }

    let groups: Vec<StatusGroup> = [PoLage::Saknas, PoLage::Motstridig, PoLage::Osaker, PoLage::Okand]
        .into_iter()
        .map(|lage| {
            let lan: Vec<LanGroup> = site
                .lan
                .iter()
                .map(|l| LanGroup {
                    lan: l,
                    kommuner: site.kommuner.iter().filter(|k| k.lan_kod == l.kod && k.po == lage).collect(),
                })
                .filter(|g| !g.kommuner.is_empty())
                .collect();
            StatusGroup { lage, antal: lan.iter().map(|g| g.kommuner.len()).sum(), lan }
        })
        .collect();
    outputs.push(page(
        "saknar-po/index.html".into(),
        "saknar-po.html",
        context! { grupper => v(groups), sokvag => "saknar-po/" },
    ));
    // Pages drawn from the globals alone.
    for (dir, template) in [("kallor", "kallor.html"), ("karta", "karta.html"), ("sok", "sok.html")] {
        outputs.push(page(format!("{dir}/index.html"), template, context! { sokvag => format!("{dir}/") }));
    }
    for s in &site.sidor {
        let path = if s.sokvag.is_empty() { "index.html".to_string() } else { format!("{}/index.html", s.sokvag) };
        outputs.push(page(path, "sida.html", context! { sida => v(s), sokvag => format!("{}/", s.sokvag) }));
    }
    outputs.push(page("404.html".into(), "404.html", context! { sokvag => "404.html" }));

    for u in &site.utforare {
        outputs.push(page(
            format!("utforare/{}/index.html", u.id),
            "utforare.html",
            context! { utf => v(u), sokvag => format!("utforare/{}/", u.id) },
        ));
    }
    outputs.push(Output {
        path: "sokindex.json".into(),
        content: Content::Bytes(crate::search::index_json(site).into_bytes()),
    });

    let sitemap = sitemap(site, &outputs);
    outputs.push(Output { path: "sitemap.xml".into(), content: Content::Bytes(sitemap.into_bytes()) });
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n", site.bas_url);
    outputs.push(Output { path: "robots.txt".into(), content: Content::Bytes(robots.into_bytes()) });
    for (path, bytes) in static_files {
        outputs.push(Output { path, content: Content::Bytes(bytes) });
    }

    let mut diags = Diagnostics::default();
    let mut seen = BTreeMap::new();
    for o in &outputs {
        if seen.insert(o.path.as_str(), ()).is_some() {
            diags.push(
                Diagnostic::error(&o.path, "two pages would be written to this path")
                    .hint("a content page or static file has the same address as a generated page; rename it"),
            );
        }
    }
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    (outputs, diags)
}

fn sitemap(site: &Site, outputs: &[Output]) -> String {
    let mut urls: Vec<String> = outputs
        .iter()
        .filter(|o| o.path.ends_with("index.html"))
        .map(|o| format!("{}/{}", site.bas_url, o.path.trim_end_matches("index.html")))
        .collect();
    urls.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls {
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", xml_escape(&u)));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
