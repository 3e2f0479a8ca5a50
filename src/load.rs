//! Stage 1: read the site's files and parse them into the record types.
//!
//! Every file-system call names its path on failure; every parse problem becomes a
//! diagnostic with line and column. Nothing stops at the first problem.

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::records::*;

/// A parsed file and where it came from.
#[derive(Debug)]
pub struct Sourced<T> {
    /// Relative to the site root, for messages.
    pub path: PathBuf,
    /// File name without extension.
    pub stem: String,
    pub record: T,
}

/// A Markdown page from content/: its front matter and unrendered body.
#[derive(Debug)]
pub struct ContentPage {
    pub front: FrontMatter,
    pub body: String,
    /// Site path without slashes at the ends, e.g. `om/personligt-ombud`.
    pub url_path: String,
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub site: Option<Sourced<SiteFile>>,
    pub register: Option<Sourced<RegisterFile>>,
    pub lan: Option<Sourced<LanFile>>,
    /// Population per kommun, when the site has data/befolkning.yaml.
    pub befolkning: Option<Sourced<BefolkningFile>>,
    pub kallor: Option<Sourced<KallorFile>>,
    pub konflikter: Option<Sourced<KonflikterFile>>,
    pub nyckeltal: Option<Sourced<NyckeltalFile>>,
    pub kommuner: Vec<Sourced<KommunFile>>,
    pub po: Vec<Sourced<PoFile>>,
    pub utforare: Vec<Sourced<UtforareFile>>,
    pub pages: Vec<Sourced<ContentPage>>,
    /// Kommun and län boundaries, when the site has data/geo/.
    pub geo: Option<crate::geo::Geo>,
    /// Files that exist but could not be read or parsed (already reported): checks that
    /// would only repeat the same problem skip what these files define.
    pub failed: std::collections::BTreeSet<PathBuf>,
}

/// The largest file Katalog reads: far above any real data file, low enough that a
/// stray binary cannot exhaust memory.
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

pub fn load(root: &Path) -> (Loaded, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut loaded = Loaded::default();
    let data = root.join("data");
    if !data.is_dir() {
        diags.push(
            Diagnostic::error(root, "no data/ folder here")
                .hint("run katalog from the site's folder, or give it with --root DIR"),
        );
        return (loaded, diags);
    }

    // Every file and folder on its own task: reading and parsing is most of a small
    // build's loading, and the files do not depend on each other. Diagnostics are
    // sorted when shown, so the order they arrive in does not matter.
    let mut part_diags: [Diagnostics; 12] = Default::default();
    let [
        d_site,
        d_register,
        d_lan,
        d_befolkning,
        d_kallor,
        d_konflikter,
        d_nyckeltal,
        d_kommuner,
        d_po,
        d_utforare,
        d_pages,
        d_geo,
    ] = &mut part_diags;
    let l = &mut loaded;
    rayon::scope(|s| {
        s.spawn(|_| l.site = load_single(root, "data/site.yaml", d_site));
        s.spawn(|_| l.register = load_single(root, "data/register.yaml", d_register));
        s.spawn(|_| l.lan = load_single(root, "data/lan.yaml", d_lan));
        s.spawn(|_| l.befolkning = load_optional(root, "data/befolkning.yaml", d_befolkning));
        s.spawn(|_| l.kallor = load_single(root, "data/kallor.yaml", d_kallor));
        s.spawn(|_| l.konflikter = load_optional(root, "data/konflikter.yaml", d_konflikter));
        s.spawn(|_| l.nyckeltal = load_optional(root, "data/nyckeltal.yaml", d_nyckeltal));
        s.spawn(|_| l.kommuner = load_folder(root, "data/kommuner", d_kommuner));
        s.spawn(|_| l.po = load_folder(root, "data/po", d_po));
        s.spawn(|_| l.utforare = load_folder(root, "data/utforare", d_utforare));
        s.spawn(|_| l.pages = load_pages(root, d_pages));
        s.spawn(|_| (l.geo, *d_geo) = crate::geo::load(root));
    });
    for d in part_diags {
        diags.extend(d);
    }
    warn_about_stray_files(root, &mut diags);
    loaded.failed = diags
        .sorted()
        .into_iter()
        .filter(|d| d.severity == crate::diagnostics::Severity::Error && d.file.extension().is_some())
        .map(|d| d.file)
        .collect();
    (loaded, diags)
}

fn load_single<T: DeserializeOwned>(root: &Path, rel: &str, diags: &mut Diagnostics) -> Option<Sourced<T>> {
    if !root.join(rel).is_file() {
        diags.push(Diagnostic::error(rel, "required file is missing"));
        return None;
    }
    load_optional(root, rel, diags)
}

fn load_optional<T: DeserializeOwned>(root: &Path, rel: &str, diags: &mut Diagnostics) -> Option<Sourced<T>> {
    let path = root.join(rel);
    if !path.exists() {
        return None;
    }
    match parse_yaml_file(root, &path) {
        Ok(sourced) => Some(sourced),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// Every `*.yaml` directly inside `folder`, in parallel, sorted by path.
fn load_folder<T: DeserializeOwned + Send>(root: &Path, folder: &str, diags: &mut Diagnostics) -> Vec<Sourced<T>> {
    let dir = root.join(folder);
    if !dir.is_dir() {
        diags.push(Diagnostic::error(folder, "required folder is missing"));
        return Vec::new();
    }
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(&dir).min_depth(1).max_depth(1).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => paths.push(e.into_path()),
            Ok(e) if e.file_type().is_dir() => diags.push(Diagnostic::warning(
                relative(root, e.path()),
                "folder ignored: data files go directly in the folder above",
            )),
            Ok(_) => {}
            Err(e) => diags.push(Diagnostic::error(folder, format!("cannot read folder: {e}"))),
        }
    }
    let (yaml, other): (Vec<_>, Vec<_>) = paths.into_iter().partition(|p| has_extension(p, "yaml"));
    for p in other {
        let d = Diagnostic::warning(relative(root, &p), "file ignored: only .yaml files are read here");
        diags.push(if has_extension(&p, "yml") { d.hint("rename it to end in .yaml") } else { d });
    }
    let results: Vec<Result<Sourced<T>, Diagnostic>> = yaml.par_iter().map(|p| parse_yaml_file(root, p)).collect();
    let mut out = Vec::new();
    for r in results {
        match r {
            Ok(s) => out.push(s),
            Err(d) => diags.push(d),
        }
    }
    out
}

fn parse_yaml_file<T: DeserializeOwned>(root: &Path, path: &Path) -> Result<Sourced<T>, Diagnostic> {
    let rel = relative(root, path);
    let text = read_text(path).map_err(|e| e.diagnostic(&rel))?;
    let record = parse_yaml(&text, 0).map_err(|(line, col, msg, hint)| {
        let d = Diagnostic::error(&rel, msg).at(line, col);
        match hint {
            Some(h) => d.hint(h),
            None => d,
        }
    })?;
    Ok(Sourced { stem: stem(path), path: rel, record })
}

use crate::parse_errors::ParseError;

/// Parses YAML text; `line_offset` shifts reported lines (for front matter).
pub fn parse_yaml<T: DeserializeOwned>(text: &str, line_offset: u64) -> Result<T, ParseError> {
    let only_comments = text.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
    if only_comments {
        return Err((0, 0, "the file is empty".into(), Some("see data/README.md for what it must contain".into())));
    }
    let record = serde_saphyr::from_str::<T>(text).map_err(|e| {
        let (line, col, message, hint) = crate::parse_errors::describe(text, &e);
        (if line > 0 { line + line_offset } else { 0 }, col, message, hint)
    })?;
    match crate::characters::first_problem(text) {
        Some((line, col, message, hint)) => Err((line + line_offset, col, message, Some(hint))),
        None => Ok(record),
    }
}

/// Reads a text file, refusing what a maintainer cannot have meant as text.
/// Why a file could not be read as text, with the position where that is known.
#[derive(Debug)]
pub struct ReadError {
    pub line: u64,
    pub col: u64,
    pub message: String,
}

impl From<String> for ReadError {
    fn from(message: String) -> Self {
        ReadError { line: 0, col: 0, message }
    }
}

impl From<&str> for ReadError {
    fn from(message: &str) -> Self {
        message.to_string().into()
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ReadError {
    pub fn diagnostic(self, file: impl Into<PathBuf>) -> Diagnostic {
        Diagnostic::error(file, self.message).at(self.line, self.col)
    }
}

pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let meta = fs::metadata(path).map_err(|e| ReadError::from(format!("cannot read file: {e}")))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!("file is too large ({} bytes; the limit is {MAX_FILE_BYTES})", meta.len()).into());
    }
    let bytes = fs::read(path).map_err(|e| ReadError::from(format!("cannot read file: {e}")))?;
    if bytes.contains(&0) {
        return Err("file contains NUL bytes: is it a binary file?".into());
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]).into_owned();
        let line = valid.matches('\n').count() + 1;
        let col = valid.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
        ReadError {
            line: line as u64,
            col: col as u64,
            message: "file is not valid UTF-8 here; save it as UTF-8".into(),
        }
    })?;
    // A byte-order mark is harmless; drop it so positions stay right.
    Ok(text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text))
}

fn load_pages(root: &Path, diags: &mut Diagnostics) -> Vec<Sourced<ContentPage>> {
    let dir = root.join("content");
    let mut pages = Vec::new();
    if !dir.is_dir() {
        return pages;
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error("content", format!("cannot read folder: {e}")));
                continue;
            }
        };
        if !entry.file_type().is_file() || !has_extension(entry.path(), "md") {
            continue;
        }
        let rel = relative(root, entry.path());
        match load_page(&dir, entry.path()) {
            Ok(page) => pages.push(Sourced { stem: stem(entry.path()), path: rel, record: page }),
            Err(d) => diags.push(Diagnostic { file: rel, ..d }),
        }
    }
    pages
}

fn load_page(content_dir: &Path, path: &Path) -> Result<ContentPage, Diagnostic> {
    let url_path = page_url_path(content_dir, path).map_err(|m| {
        Diagnostic::error("", m).hint("use lowercase a-z, digits and '-' in content folder and file names")
    })?;
    let text = read_text(path).map_err(|e| e.diagnostic(""))?;
    let text = text.replace("\r\n", "\n");
    let Some(rest) = text.strip_prefix("---\n") else {
        return Err(Diagnostic::error("", "missing front matter")
            .at(1, 1)
            .hint("start the file with a line '---', then titel: and beskrivning:, then another '---' line"));
    };
    let Some(end) = rest.find("\n---\n").or_else(|| rest.strip_suffix("\n---").map(|r| r.len())) else {
        return Err(Diagnostic::error("", "front matter is not closed")
            .at(1, 1)
            .hint("add a line '---' after the front matter"));
    };
    let front_text = &rest[..end + 1];
    let body = rest.get(end + 5..).unwrap_or("").to_string();
    let mut front = parse_yaml::<FrontMatter>(front_text, 1).map_err(|(line, col, msg, hint)| {
        let d = Diagnostic::error("", msg).at(line, col);
        match hint {
            Some(h) => d.hint(h),
            None => d,
        }
    })?;
    front.shift_lines(1);
    Ok(ContentPage { front, body, url_path })
}

/// `content/om/personligt-ombud.md` → `om/personligt-ombud`; only safe slug characters,
/// so that no page can be written outside the output folder.
fn page_url_path(content_dir: &Path, path: &Path) -> Result<String, String> {
    let rel = path.strip_prefix(content_dir).map_err(|_| "page outside content/".to_string())?;
    let mut parts = Vec::new();
    for comp in rel.with_extension("").components() {
        let part = comp.as_os_str().to_str().ok_or("file name is not valid UTF-8")?;
        if !crate::slug::is_slug(part) {
            return Err(format!("'{part}' is not allowed in a page path"));
        }
        parts.push(part.to_string());
    }
    if parts.last().is_some_and(|p| p == "index") {
        parts.pop();
    }
    Ok(parts.join("/"))
}

fn warn_about_stray_files(root: &Path, diags: &mut Diagnostics) {
    const KNOWN: [&str; 7] = [
        "site.yaml",
        "register.yaml",
        "lan.yaml",
        "befolkning.yaml",
        "kallor.yaml",
        "konflikter.yaml",
        "nyckeltal.yaml",
    ];
    let Ok(entries) = fs::read_dir(root.join("data")) else {
        return;
    };
    let mut stray: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| (has_extension(p, "yaml") || has_extension(p, "yml")) && !KNOWN.iter().any(|k| p.ends_with(k)))
        .collect();
    stray.sort();
    for p in stray {
        diags.push(
            Diagnostic::warning(relative(root, &p), "file ignored: Katalog does not read this file")
                .hint(format!("the files read in data/ are: {}", KNOWN.join(", "))),
        );
    }
}

pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e == ext)
}
