//! Stage 4: every output file, its template and the context it is rendered from.
//!
//! One list, checked for two outputs with the same path before anything renders.

use std::collections::BTreeMap;
use std::sync::Arc;

use minijinja::{Value, context};
use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Kommun, PoLage, Site, ambiguous_slugs};
use crate::text::initial;

/// Makes a page's context when the page is rendered, not before: a large site's
/// contexts never need to be in memory all at once.
pub type LazyContext<'a> = Box<dyn FnOnce() -> Value + Send + 'a>;

pub enum Content<'a> {
    /// Rendered from a template with the context the closure makes.
    Page { template: &'static str, context: LazyContext<'a> },
    /// Written as it is.
    Bytes(Vec<u8>),
    /// Made while it is written (the open-data files, which can be tens of MB).
    Written(crate::export::WriteFn<'a>),
}

pub struct Output<'a> {
    /// Relative to the output folder, with forward slashes.
    pub path: String,
    pub content: Content<'a>,
}

fn v<T: Serialize>(value: T) -> Value {
    Value::from(minijinja::value::Serde(value))
}

fn page<'a>(path: String, template: &'static str, context: impl FnOnce() -> Value + Send + 'a) -> Output<'a> {
    Output { path, content: Content::Page { template, context: Box::new(context) } }
}

/// Kommuner as template values that read a field when a template asks (see
/// [`crate::lazy_value`]): the lists of every kommun on the start pages would otherwise
/// copy thousands of whole records into one page's context.
fn kommun_values(site: &Arc<Site>, kommuner: impl IntoIterator<Item = usize>) -> Vec<Value> {
    kommuner.into_iter().map(|index| kommun_value(site, index)).collect()
}

/// Kommun `index` of `site.kommuner` as such a value.
fn kommun_value(site: &Arc<Site>, index: usize) -> Value {
    crate::lazy_value::record(site, |s| &s.kommuner, index)
}

/// The positions in `site.kommuner` of the kommuner `keep` accepts.
fn kommuner_where<'a>(site: &'a Site, keep: impl Fn(&Kommun) -> bool + 'a) -> impl Iterator<Item = usize> + 'a {
    site.kommuner.iter().enumerate().filter(move |(_, k)| keep(k)).map(|(i, _)| i)
}

#[derive(Serialize)]
struct LetterGroup {
    bokstav: String,
    kommuner: Vec<Value>,
}

#[derive(Serialize)]
struct LanGroup<'a> {
    lan: &'a crate::model::Lan,
    kommuner: Vec<Value>,
}

#[derive(Serialize)]
struct StatusGroup<'a> {
    lage: PoLage,
    antal: usize,
    /// Inhabitants of those kommuner, when the site has population figures.
    invanare: Option<String>,
    lan: Vec<LanGroup<'a>>,
}

pub fn plan<'a>(
    shared: &'a Arc<Site>,
    exports: Result<Vec<crate::export::Export<'a>>, String>,
    static_files: Vec<(String, Vec<u8>)>,
) -> (Vec<Output<'a>>, Diagnostics) {
    let site: &'a Site = shared;
    let mut outputs = Vec::new();
    let mut export_problem = None;

    let letters = letter_groups(shared);
    let mut counts: BTreeMap<PoLage, usize> = BTreeMap::new();
    for k in &site.kommuner {
        *counts.entry(k.po).or_default() += 1;
    }
    let counts: Vec<(PoLage, usize)> = counts.into_iter().collect();
    outputs.push(page("index.html".into(), "index.html", move || {
        context! {
            bokstaver => v(letters),
            antal => v(counts),
            fordelning => v(crate::population::distribution(&site.kommuner)),
            sokvag => "",
            alternativ => both("", "en/"),
        }
    }));

    for k in &site.kommuner {
        outputs.push(page(
            format!("{}index.html", k.sokvag),
            "kommun.html",
            move || context! { kommun => v(k), sokvag => &k.sokvag, alternativ => both(&k.sokvag, &format!("en/{}", k.sokvag)) },
        ));
    }
    for (slug, codes) in ambiguous_slugs(site) {
        outputs.push(page(
            format!("kommun/{slug}/index.html"),
            "flertydig.html",
            move || context! { koder => v(codes), sokvag => format!("kommun/{slug}/") },
        ));
    }
    for o in &site.organisationer {
        outputs.push(page(
            format!("{}index.html", o.sokvag),
            "organisation.html",
            move || context! { org => v(o), diagram => v(charts_of(site, o)), sokvag => &o.sokvag },
        ));
    }
    for l in &site.lan {
        let positions: Vec<usize> = kommuner_where(site, |k| k.lan_kod == l.kod).collect();
        let kommuner: Vec<&Kommun> = positions.iter().map(|&i| &site.kommuner[i]).collect();
        let organisationer: std::collections::BTreeSet<&str> =
            kommuner.iter().flat_map(|k| &k.organisationer).map(String::as_str).collect();
        outputs.push(page(format!("{}index.html", l.sokvag), "lan.html", move || {
            context! {
                lan => v(l),
                fordelning => v(crate::population::distribution(kommuner.iter().copied())),
                lanets_kommuner => kommun_values(shared, positions),
                lanets_organisationer => v(organisationer),
                sokvag => &l.sokvag,
            }
        }));
    }

    let groups = status_groups(shared);
    outputs.push(page("saknar-po/index.html".into(), "saknar-po.html", move || {
        context! {
            grupper => v(groups),
            fordelning => v(crate::population::distribution(&site.kommuner)),
            sokvag => "saknar-po/",
            alternativ => both("saknar-po/", "en/saknar-po/"),
        }
    }));
    outputs.extend(english_pages(shared));
    // The organisations in every order a planner may sort them by, one page each: a
    // table per inhabitant, so only when the site has population figures.
    let rows = Arc::new(crate::compare::organisationstabell(site));
    let orders = if site.befolkning.is_some() { crate::compare::sorteringar() } else { Vec::new() };
    for order in &orders {
        let (rows, orders, order) = (rows.clone(), orders.clone(), order.clone());
        outputs.push(page(format!("{}index.html", order.sokvag), "verksamheter.html", move || {
            context! {
                rader => v(crate::compare::sorted(&rows, &order)),
                sortering => v(&order),
                sorteringar => v(&orders),
                sokvag => order.sokvag.clone(),
            }
        }));
    }
    // The maintainers' to-do list: published, but not in the menu or the sitemap.
    outputs.push(page("underhall/index.html".into(), "underhall.html", move || {
        context! { rapport => v(crate::stale::report(site)), sokvag => "underhall/" }
    }));
    // Pages drawn from the globals alone.
    for (dir, template) in [("kallor", "kallor.html"), ("karta", "karta.html"), ("sok", "sok.html")] {
        outputs.push(page(format!("{dir}/index.html"), template, move || context! { sokvag => format!("{dir}/") }));
    }
    for s in &site.sidor {
        let path = if s.sokvag.is_empty() { "index.html".to_string() } else { format!("{}/index.html", s.sokvag) };
        outputs.push(content_page(site, s, path));
    }
    outputs
        .push(Output { path: "_redirects".into(), content: Content::Bytes(crate::redirects::file(site).into_bytes()) });
    outputs
        .push(Output { path: "kalender.ics".into(), content: Content::Bytes(crate::ics::calendar(site).into_bytes()) });
    outputs.push(page("404.html".into(), "404.html", move || context! { sokvag => "404.html" }));

    for u in &site.utforare {
        outputs.push(page(
            format!("{}index.html", u.sokvag),
            "utforare.html",
            move || context! { utf => v(u), sokvag => &u.sokvag },
        ));
    }

    match exports {
        Ok(files) => {
            let docs = crate::export::docs_for(&files);
            outputs.push(page("data/index.html".into(), "data.html", move || {
                let licens = site.oppna_data.licens.map(crate::datapackage::licence);
                context! {
                    filer => v(docs),
                    licens => v(licens.map(|(id, url, namn)| context! { id => id, url => url, namn => namn })),
                    version => crate::datapackage::version(site),
                    andrad => crate::datapackage::last_modified(site).map(|d| d.in_words()),
                    sokvag => "data/",
                }
            }));
            outputs.extend(files.into_iter().map(|f| Output { path: f.path, content: Content::Written(f.write) }));
        }
        Err(m) => export_problem = Some(m),
    }

    let sitemap = sitemap(site, &outputs);
    outputs.push(Output { path: "sitemap.xml".into(), content: Content::Bytes(sitemap.into_bytes()) });
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n", site.bas_url);
    outputs.push(Output { path: "robots.txt".into(), content: Content::Bytes(robots.into_bytes()) });
    for (path, bytes) in static_files {
        outputs.push(Output { path, content: Content::Bytes(bytes) });
    }

    let mut diags = Diagnostics::default();
    if let Some(m) = export_problem {
        diags.push(Diagnostic::error("data", format!("open data exports: {m}")));
    }
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

/// The kommuner in Swedish alphabetical order, grouped by initial.
fn letter_groups(site: &Arc<Site>) -> Vec<LetterGroup> {
    let mut letters: Vec<LetterGroup> = Vec::new();
    for (index, k) in site.kommuner.iter().enumerate() {
        let letter = initial(&k.namn);
        let value = kommun_value(site, index);
        match letters.last_mut() {
            Some(g) if g.bokstav == letter => g.kommuner.push(value),
            _ => letters.push(LetterGroup { bokstav: letter, kommuner: vec![value] }),
        }
    }
    letters
}

/// The kommuner without a personal ombudsman, per state and län.
fn status_groups(shared: &Arc<Site>) -> Vec<StatusGroup<'_>> {
    let site: &Site = shared;
    [PoLage::Saknas, PoLage::Motstridig, PoLage::Osaker, PoLage::Okand]
        .into_iter()
        .map(|lage| {
            let in_state = |k: &Kommun| k.po == lage;
            let lan: Vec<LanGroup> = site
                .lan
                .iter()
                .map(|l| LanGroup {
                    lan: l,
                    kommuner: kommun_values(shared, kommuner_where(site, |k| k.lan_kod == l.kod && in_state(k))),
                })
                .filter(|g| !g.kommuner.is_empty())
                .collect();
            let people: Option<u64> = site.kommuner.iter().filter(|k| in_state(k)).map(|k| k.folkmangd).sum();
            StatusGroup {
                lage,
                antal: lan.iter().map(|g| g.kommuner.len()).sum(),
                invanare: people.filter(|_| site.befolkning.is_some()).map(crate::population::inhabitants),
                lan,
            }
        })
        .collect()
}

/// The same page in Swedish and English, for `hreflang` and the language link.
fn both(sv: &str, en: &str) -> Value {
    context! { sv => sv, en => en }
}

#[derive(Serialize)]
struct DmoGroup {
    status: crate::records::DmoStatus,
    kommuner: Vec<Value>,
}

/// The English pages: the start page, every kommun's answer and contact section, the
/// kommuner without an ombudsman and the DMO summary. One model, the English words.
fn english_pages(shared: &Arc<Site>) -> Vec<Output<'_>> {
    use crate::records::DmoStatus;
    let site: &Site = shared;
    let mut out = Vec::new();
    let letters = letter_groups(shared);
    out.push(page("en/index.html".into(), "en/index.html", move || {
        context! { bokstaver => v(letters), sokvag => "en/", lang => "en", alternativ => both("", "en/") }
    }));
    for k in &site.kommuner {
        let sokvag = format!("en/{}", k.sokvag);
        out.push(page(format!("{sokvag}index.html"), "en/kommun.html", move || {
            context! { kommun => v(k), lang => "en", alternativ => both(&k.sokvag, &sokvag), sokvag => sokvag }
        }));
    }
    let groups = status_groups(shared);
    out.push(page("en/saknar-po/index.html".into(), "en/saknar-po.html", move || {
        context! { grupper => v(groups), sokvag => "en/saknar-po/", lang => "en", alternativ => both("saknar-po/", "en/saknar-po/") }
    }));
    let dmo_groups: Vec<DmoGroup> = [DmoStatus::Aktiv, DmoStatus::Regelbunden, DmoStatus::Startar, DmoStatus::Vilande]
        .into_iter()
        .map(|status| DmoGroup { status, kommuner: kommun_values(shared, kommuner_where(site, |k| k.dmo == status)) })
        .filter(|g| !g.kommuner.is_empty())
        .collect();
    // The Swedish DMO page is a content page; without it the English one links the start page.
    let dmo_sv = site.sidor.iter().find(|s| s.mall == crate::records::Mall::Dmo).map(|s| format!("{}/", s.sokvag));
    out.push(page("en/dmo/index.html".into(), "en/dmo.html", move || {
        let sv = dmo_sv.unwrap_or_default();
        context! { dmo_grupper => v(dmo_groups), dmo_sokvag => &sv, sokvag => "en/dmo/", lang => "en", alternativ => both(&sv, "en/dmo/") }
    }));
    out
}

/// A content page, rendered with the template its front matter asks for.
fn content_page<'a>(site: &'a Site, s: &'a crate::model::Sida, path: String) -> Output<'a> {
    use crate::records::Mall;
    let sokvag = format!("{}/", s.sokvag);
    // The pages in the same folder, for list and calendar pages.
    let children: Vec<&crate::model::Sida> =
        site.sidor.iter().filter(|c| c.sokvag.starts_with(&sokvag) && c.sokvag != s.sokvag).collect();
    match s.mall {
        Mall::Sida => page(path, "sida.html", move || context! { sida => v(s), sokvag => sokvag }),
        Mall::Lista => {
            page(path, "lista.html", move || context! { sida => v(s), barn => v(children), sokvag => sokvag })
        }
        Mall::Kalender => {
            let events = crate::ics::events(site);
            let (past, upcoming): (Vec<_>, Vec<_>) = events.into_iter().partition(|e| e.passerad);
            let past: Vec<_> = past.into_iter().rev().collect();
            page(
                path,
                "kalender.html",
                move || context! { sida => v(s), kommande => v(upcoming), tidigare => v(past), sokvag => sokvag },
            )
        }
        Mall::Driftsformer => page(path, "driftsformer.html", move || {
            let rows = crate::compare::organisationstabell(site);
            let orders = crate::compare::sorteringar();
            context! {
                sida => v(s),
                jamforelse => v(crate::compare::build(site)),
                fordelning => v(crate::population::distribution(&site.kommuner)),
                rader => v(crate::compare::sorted(&rows, &orders[0])),
                sortering => v(&orders[0]),
                sorteringar => v(&orders),
                sokvag => sokvag,
            }
        }),
        Mall::Dmo => page(path, "dmo.html", move || {
            context! { sida => v(s), alternativ => both(&sokvag, "en/dmo/"), sokvag => sokvag }
        }),
    }
}

/// Charts for each statistics table of an organisation, in the tables' order.
fn charts_of(site: &Site, o: &crate::model::Organisation) -> Vec<Vec<crate::charts::Chart>> {
    let name = |code: &str| site.kommuner.iter().find(|k| k.kod == code).map(|k| k.namn.clone()).unwrap_or_default();
    o.statistik
        .iter()
        .enumerate()
        .map(|(i, t)| crate::charts::charts(t, &name, &format!("diagram-{}-{i}", o.id)))
        .collect()
}

/// Pages for maintainers, kept out of search engines (they also say `noindex`).
const NOT_IN_SITEMAP: [&str; 1] = ["underhall/index.html"];

fn sitemap(site: &Site, outputs: &[Output<'_>]) -> String {
    let mut urls: Vec<String> = outputs
        .iter()
        .filter(|o| o.path.ends_with("index.html") && !NOT_IN_SITEMAP.contains(&o.path.as_str()))
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
