//! Helpers for the integration tests: fixture sites in temporary folders, and running
//! the real `katalog` binary on them.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of `tests/fixtures/<name>` with the real theme, in a fresh temporary folder.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&repo().join("tests/fixtures").join(name), dir.path());
    copy_tree(&repo().join("themes"), &dir.path().join("themes"));
    dir
}

/// The bundled national site (data, content, theme) copied to a temporary folder.
pub fn bundled() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for part in ["data", "content", "themes"] {
        copy_tree(&repo().join(part), &dir.path().join(part));
    }
    dir
}

/// A copy of the minimal fixture with `files` laid over it (path relative to the site
/// root, and the whole new text of the file).
pub fn fixture_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = fixture("minimal");
    for (rel, text) in files {
        write(dir.path(), rel, text);
    }
    dir
}

/// The minimal fixture with `sources` (YAML list items) added to data/kallor.yaml and the
/// given files laid over it, built; the build must succeed.
pub fn built_with_sources(sources: &str, files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let site = fixture_with(files);
    let kallor = read(&site.path().join("data/kallor.yaml")) + sources;
    write(site.path(), "data/kallor.yaml", &kallor);
    let (output, out) = build(site.path());
    assert!(output.status.success(), "build failed:\n{}", stderr(&output));
    (site, out)
}

/// The minimal fixture, built once per test binary. Read it, never change it: a test
/// that needs other files builds its own copy with [`fixture_with`].
pub fn built_fixture() -> &'static Path {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    built_once(&BUILT, || fixture("minimal"))
}

/// The bundled national site, built once per test binary; read-only like [`built_fixture`].
pub fn built_bundled() -> &'static Path {
    static BUILT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    built_once(&BUILT, bundled)
}

fn built_once(
    cell: &'static OnceLock<(tempfile::TempDir, PathBuf)>,
    make: impl FnOnce() -> tempfile::TempDir,
) -> &'static Path {
    let (_, out) = cell.get_or_init(|| {
        let dir = make();
        let (output, out) = build(dir.path());
        assert!(output.status.success(), "the site does not build:\n{}", stderr(&output));
        (dir, out)
    });
    out
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

pub fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

/// Runs `katalog` with a fixed build date, so out-of-date notes do not depend on the day.
pub fn katalog(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_katalog"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1795392000") // 2026-11-23
        .output()
        .expect("run katalog")
}

pub fn build(root: &Path) -> (Output, PathBuf) {
    let out = root.join("public");
    let output = katalog(&["build", "--root", path_str(root), "--out", path_str(&out)]);
    (output, out)
}

pub fn check(root: &Path) -> Output {
    katalog(&["check", "--root", path_str(root)])
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Every file below `dir` with its bytes, sorted: for comparing whole output trees.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).expect("prefix").to_path_buf(), fs::read(e.path()).expect("read")))
        .collect();
    files.sort();
    files
}

/// The text of an HTML page with tags removed and white space folded: what a reader sees.
/// Block-level tags separate words; inline ones (links, emphasis) do not.
pub fn visible_text(html: &str) -> String {
    const INLINE: [&str; 8] = ["a", "strong", "em", "span", "code", "abbr", "b", "time"];
    let mut out = String::new();
    let mut tag: Option<String> = None;
    for c in html.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(t), '>') => {
                let name: String =
                    t.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                if !INLINE.contains(&name.as_str()) {
                    out.push(' ');
                }
                tag = None;
            }
            (Some(t), c) => t.push(c),
            (None, c) => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A fingerprinted asset of a built site: `resurser/<stem>.<hash>.<ext>`.
pub fn asset(out: &Path, stem: &str, ext: &str) -> PathBuf {
    let dir = out.join("resurser");
    let found = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let hash = name.strip_prefix(&format!("{stem}.")).and_then(|r| r.strip_suffix(&format!(".{ext}")));
            hash.is_some_and(|h| h.len() == 10 && h.bytes().all(|b| b.is_ascii_hexdigit()))
        });
    found.unwrap_or_else(|| panic!("no {stem}.<hash>.{ext} in {}", dir.display()))
}
