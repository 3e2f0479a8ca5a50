//! Stage 5: render the planned pages with minijinja, in parallel, each written to the
//! staging folder as soon as it is ready so that the site is never held in memory whole.
//!
//! The site model is handed to templates once, as globals; each page's own context is
//! small. Autoescaping is on for .html and .xml templates, so data can never become markup.

use std::collections::BTreeMap;
use std::path::Path;

use minijinja::{Environment, Value};
use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::links::PageLinks;
use crate::load::{read_text, relative};
use crate::model::Site;
use crate::output::Staging;
use crate::plan::{Content, Output};

pub struct Theme {
    env: Environment<'static>,
}

/// The theme's templates, parsed, before the site's values are added: reading them needs
/// nothing from the data, so a build reads them while it loads the data.
pub struct Templates {
    env: Environment<'static>,
}

/// Reads and parses every template of the theme; all problems at once.
pub fn read_templates(root: &Path) -> Result<Templates, Diagnostics> {
    let dir = root.join("themes/default/templates");
    let mut diags = Diagnostics::default();
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    // Block tags take their own line without leaving blank lines behind in the HTML.
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).build() {
        env.set_syntax(syntax);
    }
    env.set_formatter(escape_html_text);
    if !dir.is_dir() {
        diags.push(Diagnostic::error(relative(root, &dir), "theme templates folder is missing"));
        return Err(diags);
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = relative(root, entry.path());
        let name = entry.path().strip_prefix(&dir).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        match read_text(entry.path()) {
            Ok(source) => {
                if let Err(e) = env.add_template_owned(name, source) {
                    diags.push(template_diagnostic(&rel, &e));
                }
            }
            Err(e) => diags.push(e.diagnostic(rel)),
        }
    }
    if diags.has_errors() { Err(diags) } else { Ok(Templates { env }) }
}

/// The templates with the site's values (`site`, `kommuner`, …) and the fingerprinted
/// addresses of its assets (`tillgang`).
pub fn load_theme(templates: Templates, site: &std::sync::Arc<Site>, assets: &BTreeMap<String, String>) -> Theme {
    let mut env = templates.env;
    add_globals(&mut env, site);
    // Template name of an asset → its fingerprinted address.
    env.add_global("tillgang", ser(assets));
    Theme { env }
}

fn add_globals(env: &mut Environment<'static>, site: &std::sync::Arc<Site>) {
    // Each record is a template value that reads its fields from the shared model when
    // asked (see lazy_value); the map by key and the list in the site's order share it.
    fn add_map_and_list<T: serde::Serialize + Send + Sync + 'static>(
        env: &mut Environment<'static>,
        site: &std::sync::Arc<Site>,
        (name, list_name): (&'static str, Option<&'static str>),
        list: fn(&Site) -> &[T],
        key: impl Fn(&T) -> &str,
    ) {
        let values = crate::lazy_value::records(site, list);
        if let Some(list_name) = list_name {
            env.add_global(list_name, Value::from(values.clone()));
        }
        let keyed: BTreeMap<String, Value> = list(site).iter().map(|i| key(i).to_string()).zip(values).collect();
        env.add_global(name, Value::from(keyed));
    }
    env.add_global("site", ser(site_summary(site)));
    add_map_and_list(env, site, ("kommuner", Some("kommuner_lista")), |s| &s.kommuner, |k| &k.kod);
    add_map_and_list(env, site, ("organisationer", Some("organisationer_lista")), |s| &s.organisationer, |o| &o.id);
    add_map_and_list(env, site, ("utforare", Some("utforare_lista")), |s| &s.utforare, |u| &u.id);
    add_map_and_list(env, site, ("kallor", Some("kallor_lista")), |s| &s.kallor, |k| &k.id);
    add_map_and_list(env, site, ("konflikter", None), |s| &s.konflikter, |k| &k.id);
    add_map_and_list(env, site, ("lan", Some("lan_lista")), |s| &s.lan, |l| &l.kod);
    env.add_global("nyckeltal", ser(&site.nyckeltal));
    env.add_global("befolkning", ser(&site.befolkning));
    env.add_global("etiketter", ser(crate::labels::all()));
    env.add_global("texter", ser(crate::labels::texts()));
    env.add_global("etiketter_en", ser(crate::labels::all_en()));
    add_map_globals(env, site);
    add_counts(env, site);
    let (templates, bas_url) = (site.andringar.clone(), site.bas_url.clone());
    env.add_function("andringslankar", move |sokvag: String, titel: String, filer: Vec<String>| {
        ser(crate::feedback::links(&templates, &bas_url, &sokvag, &titel, &filer))
    });
}

/// `antal_per_klass(koder)`: how many of the given kommuner have each map class and each DMO
/// status ("dmo-aktiv"), counted once here instead of once per legend entry.
fn add_counts(env: &mut Environment<'static>, site: &Site) {
    let classes: std::sync::Arc<BTreeMap<String, (String, String)>> = std::sync::Arc::new(
        site.kommuner
            .iter()
            .map(|k| {
                let dmo = serde_json::to_value(k.dmo).ok().and_then(|v| v.as_str().map(str::to_string));
                (k.kod.clone(), (k.klass.clone(), format!("dmo-{}", dmo.unwrap_or_default())))
            })
            .collect(),
    );
    env.add_function("antal_per_klass", move |codes: Vec<String>| {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for (klass, dmo) in codes.iter().filter_map(|c| classes.get(c)) {
            *counts.entry(klass.as_str()).or_default() += 1;
            *counts.entry(dmo.as_str()).or_default() += 1;
        }
        ser(counts)
    });
}

/// `kartdata` (paths and the national frame), `kartram(koder)`, the frame around some
/// kommuner, and the markup every map repeats, made in Rust from pieces built once per
/// build instead of by template loops on every page: `kartbanor(koder)` (the shared path
/// definitions) and `lansgranser(lan_kod)` (the locator map's län outlines). Without
/// boundaries all are none and templates draw no maps.
fn add_map_globals(env: &mut Environment<'static>, site: &Site) {
    let Some(data) = &site.karta else {
        env.add_global("kartdata", Value::from(()));
        env.add_function("kartram", |_: Value| Value::from(()));
        env.add_function("kartbanor", |_: Value| Value::from(()));
        env.add_function("lansgranser", |_: Value| Value::from(()));
        return;
    };
    env.add_global("kartdata", ser(data));
    let fragments = std::sync::Arc::new(crate::map::Fragments::new(data));
    let f = fragments.clone();
    env.add_function("kartbanor", move |codes: Vec<String>| {
        f.banor(codes.iter().map(String::as_str)).map(Value::from_safe_string).map_err(|code| {
            minijinja::Error::new(
                minijinja::ErrorKind::UndefinedError,
                format!("kartbanor: kommun {code} has no boundary in data/geo"),
            )
        })
    });
    env.add_function("lansgranser", move |lan: String| Value::from_safe_string(fragments.lansgranser(&lan)));
    // `lanens_kommuner(lan_koder)`: every kommun of those län, in the site's order.
    let mut by_lan: BTreeMap<String, Vec<(usize, String)>> = BTreeMap::new();
    for (i, k) in site.kommuner.iter().enumerate() {
        by_lan.entry(k.lan_kod.clone()).or_default().push((i, k.kod.clone()));
    }
    let by_lan = std::sync::Arc::new(by_lan);
    env.add_function("lanens_kommuner", move |lan: Vec<String>| {
        let mut codes: Vec<&(usize, String)> = lan.iter().filter_map(|l| by_lan.get(l)).flatten().collect();
        codes.sort();
        ser(codes.into_iter().map(|(_, c)| c).collect::<Vec<_>>())
    });
    let ramar = std::sync::Arc::new(data.ramar.clone());
    env.add_function("kartram", move |codes: Vec<String>| {
        match crate::map::frame_of(&ramar, codes.iter().map(String::as_str)) {
            Some(ram) => ser(ram),
            None => Value::from(()),
        }
    });
}

/// What every page may use about the site as a whole.
fn site_summary(site: &Site) -> BTreeMap<&'static str, Value> {
    // The footer lists top-level pages only: a page inside a folder that has its own
    // list page (an event under kalender/, an example under goda-exempel/) is reached
    // from that list, so the footer stays short however many items a section holds.
    let sokvagar: std::collections::HashSet<&str> = site.sidor.iter().map(|s| s.sokvag.as_str()).collect();
    let har_listsida = |sokvag: &str| sokvag.rsplit_once('/').is_some_and(|(mapp, _)| sokvagar.contains(mapp));
    let sidor: Vec<Value> = site
        .sidor
        .iter()
        .filter(|s| !har_listsida(&s.sokvag))
        .map(|s| {
            minijinja::context! {
                titel => s.titel.clone(),
                sokvag => s.sokvag.clone(),
                beskrivning => s.beskrivning.clone(),
                mall => ser(s.mall),
            }
        })
        .collect();
    BTreeMap::from([
        ("titel", Value::from(site.titel.clone())),
        ("bas_url", Value::from(site.bas_url.clone())),
        ("aldersgrans_ar", Value::from(site.aldersgrans_ar)),
        ("sidor", Value::from(sidor)),
    ])
}

/// Renders every output and writes it into `staging` as soon as it is ready, in
/// parallel, keeping of each page only what the link check needs: its links are checked
/// against `existing` (every path the build writes) as it is written. Template errors
/// and write errors are collected, not fatal one by one.
///
/// Files that are not pages (exports, search index, assets) come first in the one
/// parallel run, so their bytes are freed early, and no thread waits at a barrier
/// between them and the pages.
pub fn render_into(
    theme: &Theme,
    outputs: Vec<Output>,
    staging: &Staging,
    existing: &crate::links::Paths,
) -> Result<Vec<PageLinks>, Diagnostics> {
    let (mut outputs, pages): (Vec<Output>, Vec<Output>) =
        outputs.into_iter().partition(|o| !matches!(o.content, Content::Page { .. }));
    outputs.extend(pages);
    let results: Vec<Result<Option<PageLinks>, Diagnostic>> =
        outputs.into_par_iter().map(|o| emit(theme, o, staging, existing)).collect();
    let mut pages = Vec::with_capacity(results.len());
    let mut diags = Diagnostics::default();
    for r in results {
        match r {
            Ok(links) => pages.extend(links),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() { Err(diags) } else { Ok(pages) }
}

/// Renders one output if it is a page, writes it, and returns a page's links.
fn emit(
    theme: &Theme,
    o: Output,
    staging: &Staging,
    existing: &crate::links::Paths,
) -> Result<Option<PageLinks>, Diagnostic> {
    // A page's links are checked from the text it was rendered to, without decoding it again.
    let links = |html: &str| o.path.ends_with(".html").then(|| PageLinks::of(&o.path, html, existing));
    let write_error = |m| Diagnostic::error(&o.path, m);
    let (bytes, found) = match o.content {
        Content::Written(write) => {
            return staging.write_with(&o.path, write).map(|()| None).map_err(write_error);
        }
        Content::Bytes(bytes) => {
            let found = std::str::from_utf8(&bytes).ok().and_then(links);
            (bytes, found)
        }
        Content::Page { template, context } => {
            let html = theme.env.get_template(template).and_then(|t| t.render(context())).map_err(|e| {
                let mut d = template_diagnostic(Path::new("themes/default/templates"), &e);
                d.message = format!("{} (while rendering {})", d.message, o.path);
                d
            })?;
            let found = links(&html);
            (html.into_bytes(), found)
        }
    };
    staging.write(&o.path, &bytes).map_err(write_error)?;
    Ok(found)
}

fn template_diagnostic(fallback: &Path, e: &minijinja::Error) -> Diagnostic {
    let file = match e.name() {
        Some(name) => Path::new("themes/default/templates").join(name),
        None => fallback.to_path_buf(),
    };
    let detail = e.detail().map(str::to_string).unwrap_or_else(|| e.kind().to_string());
    let d = Diagnostic::error(file, format!("template error: {detail}"));
    match e.line() {
        Some(line) => d.at(line as u64, 1),
        None => d,
    }
}

/// HTML escaping of `& < > " '` only: minijinja also escapes `/`, which is safe but makes
/// every address in the page three times longer.
fn escape_html_text(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if !matches!(state.auto_escape(), minijinja::AutoEscape::Html) || value.is_safe() {
        return minijinja::escape_formatter(out, state, value);
    }
    // Strings (nearly every value) are escaped straight into the page, without copies.
    match value.as_str() {
        Some(text) => crate::text::write_html_escaped(out, text),
        None => crate::text::write_html_escaped(out, &value.to_string()),
    }
    .map_err(minijinja::Error::from)
}

fn ser<T: serde::Serialize>(value: T) -> Value {
    Value::from(minijinja::value::Serde(value))
}
