//! Katalog: the national directory of Personligt ombud and Delaktighetsmodellen as a
//! static site.
//!
//! The pipeline runs one way, each stage in its own module:
//! [`load`] (files → records) → [`validate`] (records → diagnostics) →
//! [`model`] (records → immutable [`model::Site`]) → [`plan`] (every output path with its
//! template and a closure making its context) → [`render`] (minijinja, in parallel, each
//! page written to [`output`]'s temporary folder as it is ready) → [`links`] (checked) →
//! [`output`] (the temporary folder swapped into place).

pub mod assets;
pub mod characters;
pub mod charts;
pub mod compare;
pub mod datapackage;
pub mod datum;
pub mod dcat;
pub mod diagnostics;
pub mod diff;
pub mod evidence;
pub mod export;
pub mod external;
pub mod feedback;
pub mod geo;
pub mod ics;
pub mod labels;
pub mod lazy_value;
pub mod links;
pub mod load;
pub mod map;
pub mod markdown;
pub mod measures;
pub mod model;
pub mod output;
pub mod parse_errors;
pub mod plan;
pub mod population;
pub mod records;
pub mod redirects;
pub mod render;
pub mod schema;
pub mod search;
pub mod serve;
pub mod slug;
pub mod stale;
pub mod text;
pub mod timings;
pub mod validate;

use std::path::Path;

use diagnostics::{Diagnostic, Diagnostics, Stopped};

/// What a successful check or build reports.
pub struct Report {
    /// Warnings (and, on failure, errors), sorted.
    pub diagnostics: Diagnostics,
    pub pages_written: usize,
    /// Each stage's time and the memory needed so far.
    pub timings: timings::Timings,
}

/// Loads and validates the site at `root`, returning the model when there are no errors.
pub fn check(root: &Path) -> (Option<model::Site>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let site = checked_model(root, &mut diags, &mut timings::Timings::default()).ok();
    (site, diags)
}

/// load → validate → model, every stage's problems in `diags`.
fn checked_model(root: &Path, diags: &mut Diagnostics, timings: &mut timings::Timings) -> Result<model::Site, Stopped> {
    let (loaded, load_diags) = load::load(root);
    diags.extend(load_diags);
    timings.lap("load");
    diags.extend(validate::validate(&loaded));
    diags.stop_on_errors()?;
    timings.lap("validate");
    let (site, model_diags) = model::build(&loaded, datum::build_date());
    drop(loaded);
    timings.lap("model");
    diags.extend(model_diags);
    diags.stop_on_errors()?;
    Ok(site)
}

/// Builds the site at `root` into `out`. On any error `out` is left untouched.
pub fn build(root: &Path, out: &Path, base_url: Option<&str>) -> Result<Report, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut timings = timings::Timings::default();
    match build_stages(root, out, base_url, &mut diags, &mut timings) {
        Ok(pages_written) => Ok(Report { diagnostics: diags, pages_written, timings }),
        Err(Stopped) => Err(diags),
    }
}

/// The whole pipeline; returns how many pages were written.
fn build_stages(
    root: &Path,
    out: &Path,
    base_url: Option<&str>,
    diags: &mut Diagnostics,
    timings: &mut timings::Timings,
) -> Result<usize, Stopped> {
    diags.take_message(out, output::check_replaceable(out))?;
    // The templates are read and parsed while the data loads; their problems are
    // reported together with the data's.
    let (site, templates) = rayon::join(|| checked_model(root, diags, timings), || render::read_templates(root));
    let templates = diags.take(templates);
    let mut site = site?;
    let templates = templates?;
    if let Some(url) = base_url {
        site.bas_url = diags.take_message("--base-url", validate::normalise_base_url(url))?;
    }
    let mut statics = diags.take(static_files(root))?;
    let site = std::sync::Arc::new(site);
    // Independent of each other: the search index, and the open-data files measured for
    // their descriptions (size and checksum), made side by side.
    let (index, exports) = rayon::join(|| search::build(&site), || export::exports(&site, root));
    statics.push(("sokindex.json".into(), index.manifest));
    let mut assets = assets::fingerprint(statics);
    assets.files.extend(index.files);
    timings.lap("search index, exports");
    let theme = render::load_theme(templates, &site, &assets.urls);
    timings.lap("theme");
    let (outputs, plan_diags) = plan::plan(&site, exports, assets.files);
    diags.extend(plan_diags);
    diags.stop_on_errors()?;
    timings.lap("plan");
    let paths: Vec<String> = outputs.iter().map(|o| o.path.clone()).collect();
    let pages_written = paths.iter().filter(|p| p.ends_with(".html")).count();
    // Dropping the staging folder on any error below removes it; `out` stays as it was.
    let staging = diags.take_message(
        out,
        output::Staging::begin(out).and_then(|s| {
            s.create_folders(paths.iter().map(String::as_str))?;
            Ok(s)
        }),
    )?;
    timings.lap("folders");
    let existing = paths.iter().map(String::as_str).collect();
    let pages = diags.take(render::render_into(&theme, outputs, &staging, &existing))?;
    timings.lap("render and write");
    diags.extend(links::check(&pages, out));
    diags.stop_on_errors()?;
    timings.lap("links");
    diags.take_message(out, staging.commit())?;
    timings.lap("swap");
    Ok(pages_written)
}

/// Files under themes/default/static/, published at the site root as they are.
fn static_files(root: &Path) -> Result<Vec<(String, Vec<u8>)>, Diagnostics> {
    let dir = root.join("themes/default/static");
    let mut files = Vec::new();
    let mut diags = Diagnostics::default();
    if !dir.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel =
                    e.path().strip_prefix(&dir).map(|p| p.to_string_lossy().replace('\\', "/")).unwrap_or_default();
                match std::fs::read(e.path()) {
                    Ok(bytes) => files.push((rel, bytes)),
                    Err(err) => {
                        diags.push(Diagnostic::error(load::relative(root, e.path()), format!("cannot read: {err}")))
                    }
                }
            }
            Ok(_) => {}
            Err(err) => diags.push(Diagnostic::error("themes/default/static", format!("cannot read folder: {err}"))),
        }
    }
    if diags.has_errors() { Err(diags) } else { Ok(files) }
}
