//! Wall time and memory of each stage of a Katalog build, in one process.
//!
//!     katalog-stages SITE_ROOT OUT_DIR
//!
//! Runs the same steps as `katalog::build` (src/lib.rs), in the same order, through the
//! library's public functions, and prints one JSON object: per stage the wall time in
//! seconds and the peak resident memory so far (VmHWM), plus the overall peak. It writes
//! the site to OUT_DIR like `katalog build --out OUT_DIR`.
//!
//! With BENCH_NO_INDEX set it writes an empty search index instead of building one: a
//! diagnostic of what the index costs, used by bench.py at the largest sizes.

use std::path::Path;
use std::time::Instant;

fn status(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(key)).map(|l| l.to_string()))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

fn static_files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let dir = root.join("themes/default/static");
    let mut files = Vec::new();
    for e in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/");
            files.push((rel, std::fs::read(e.path()).unwrap()));
        }
    }
    files
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (root, out) = (Path::new(&args[1]), Path::new(&args[2]));
    let mut stages: Vec<(&str, f64, u64)> = Vec::new();
    let start = Instant::now();
    let mut t = Instant::now();
    let mut lap = |name: &'static str, stages: &mut Vec<(&str, f64, u64)>| {
        stages.push((name, t.elapsed().as_secs_f64(), status("VmHWM:") / 1024));
        t = Instant::now();
    };

    let (loaded, diags) = katalog::load::load(root);
    lap("load (read + parse YAML/Markdown, geo)", &mut stages);
    assert!(!diags.has_errors(), "load errors");
    let v = katalog::validate::validate(&loaded);
    lap("validate", &mut stages);
    assert!(!v.has_errors(), "validation errors");
    let site = katalog::model::build(&loaded, katalog::datum::build_date());
    // As katalog::build does: the loaded records are not needed once the model exists.
    drop(loaded);
    lap("model", &mut stages);
    let mut statics = static_files(root);
    let index = match std::env::var_os("BENCH_NO_INDEX") {
        Some(_) => "{}".to_string(),
        None => katalog::search::index_json(&site),
    };
    statics.push(("sokindex.json".into(), index.into_bytes()));
    lap("search index", &mut stages);
    let assets = katalog::assets::fingerprint(statics);
    let theme = katalog::render::load_theme(root, &site, &assets.urls).unwrap_or_else(|_| panic!("theme"));
    lap("theme + globals", &mut stages);
    let (outputs, d) = katalog::plan::plan(&site, root, assets.files);
    assert!(!d.has_errors());
    let paths: Vec<String> = outputs.iter().map(|o| o.path.clone()).collect();
    lap("plan (incl. exports)", &mut stages);
    let staging = katalog::output::Staging::begin(out).unwrap();
    staging.create_folders(paths.iter().map(String::as_str)).unwrap();
    lap("create folders", &mut stages);
    let pages = katalog::render::render_into(&theme, outputs, &staging).unwrap_or_else(|_| panic!("render"));
    lap("render + write (minijinja, parallel)", &mut stages);
    let l = katalog::links::check(paths.iter().map(String::as_str), &pages);
    assert!(!l.has_errors(), "link errors");
    lap("link check", &mut stages);
    staging.commit().unwrap();
    lap("swap into place", &mut stages);
    let total = start.elapsed().as_secs_f64();
    let pages = pages.len();
    let bytes: u64 = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    let parts: Vec<String> = stages
        .iter()
        .map(|(n, s, rss)| format!("{{\"stage\":\"{n}\",\"seconds\":{s:.4},\"peak_rss_mb_so_far\":{rss}}}"))
        .collect();
    println!(
        "{{\"total_seconds\":{total:.4},\"pages\":{pages},\"output_bytes\":{bytes},\"peak_rss_mb\":{},\"stages\":[{}]}}",
        status("VmHWM:") / 1024,
        parts.join(",")
    );
}
