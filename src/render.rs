//! Stage 5: render the planned pages with minijinja, in parallel.
//!
//! The site model is handed to templates once, as globals; each page's own context is
//! small. Autoescaping is on for .html and .xml templates, so data can never become markup.

use std::collections::BTreeMap;
use std::path::Path;

use minijinja::{Environment, Value};
use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{read_text, relative};
use crate::model::Site;
use crate::plan::{Content, Output};

pub struct Theme {
    env: Environment<'static>,
}

/// Loads every template of the theme; all problems at once.
pub fn load_theme(root: &Path, site: &Site, assets: &BTreeMap<String, String>) -> Result<Theme, Diagnostics> {
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
    if diags.has_errors() {
        return Err(diags);
    }
    add_globals(&mut env, site);
    // Template name of an asset → its fingerprinted address.
    env.add_global("tillgang", ser(assets));
    Ok(Theme { env })
}

fn add_globals(env: &mut Environment<'static>, site: &Site) {
    let by_key = |items: Vec<(String, Value)>| ser(items.into_iter().collect::<BTreeMap<String, Value>>());
    env.add_global("site", ser(site_summary(site)));
    env.add_global("kommuner", by_key(site.kommuner.iter().map(|k| (k.kod.clone(), ser(k))).collect()));
    env.add_global("organisationer", by_key(site.organisationer.iter().map(|o| (o.id.clone(), ser(o))).collect()));
    env.add_global("utforare", by_key(site.utforare.iter().map(|u| (u.id.clone(), ser(u))).collect()));
    env.add_global("kallor", by_key(site.kallor.iter().map(|k| (k.id.clone(), ser(k))).collect()));
    env.add_global("kallor_lista", ser(&site.kallor));
    env.add_global("konflikter", by_key(site.konflikter.iter().map(|k| (k.id.clone(), ser(k))).collect()));
    env.add_global("lan", by_key(site.lan.iter().map(|l| (l.kod.clone(), ser(l))).collect()));
    env.add_global("lan_lista", ser(&site.lan));
    env.add_global("nyckeltal", ser(&site.nyckeltal));
    env.add_global("kommuner_lista", ser(&site.kommuner));
    env.add_global("organisationer_lista", ser(&site.organisationer));
    env.add_global("utforare_lista", ser(&site.utforare));
    env.add_global("etiketter", ser(crate::labels::all()));
    add_map_globals(env, site);
}

/// `kartdata` (paths and the national frame) and `kartram(koder)`, the frame around some
/// kommuner. Without boundaries both are none and templates draw no maps.
fn add_map_globals(env: &mut Environment<'static>, site: &Site) {
    let Some(data) = &site.karta else {
        env.add_global("kartdata", Value::from(()));
        env.add_function("kartram", |_: Value| Value::from(()));
        return;
    };
    env.add_global("kartdata", ser(data));
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
    let sidor: Vec<Value> = site
        .sidor
        .iter()
        .map(|s| minijinja::context! { titel => s.titel.clone(), sokvag => s.sokvag.clone(), beskrivning => s.beskrivning.clone() })
        .collect();
    BTreeMap::from([
        ("titel", Value::from(site.titel.clone())),
        ("bas_url", Value::from(site.bas_url.clone())),
        ("aldersgrans_ar", Value::from(site.aldersgrans_ar)),
        ("sidor", Value::from(sidor)),
    ])
}

/// Renders every output; template errors are collected, not fatal one by one.
pub fn render_all(theme: &Theme, outputs: Vec<Output>) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let results: Vec<Result<(String, Vec<u8>), Diagnostic>> = outputs
        .into_par_iter()
        .map(|o| match o.content {
            Content::Bytes(b) => Ok((o.path, b)),
            Content::Page { template, context } => {
                let rendered = theme.env.get_template(template).and_then(|t| t.render(context)).map_err(|e| {
                    let mut d = template_diagnostic(Path::new("themes/default/templates"), &e);
                    d.message = format!("{} (while rendering {})", d.message, o.path);
                    d
                })?;
                Ok((o.path, rendered.into_bytes()))
            }
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    let mut diags = Diagnostics::default();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() { Err(diags) } else { Ok(files) }
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
    let text = value.to_string();
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    out.write_str(&escaped).map_err(minijinja::Error::from)
}

fn ser<T: serde::Serialize>(value: T) -> Value {
    Value::from(minijinja::value::Serde(value))
}
