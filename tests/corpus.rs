//! The corpus of broken and hostile inputs in `tests/corpus/` (see its README.md).
//!
//! Every case is a folder of files laid over a copy of `tests/fixtures/minimal`:
//!
//! - `NN-name/` must FAIL: `katalog build` exits with 1, prints the lines of
//!   `expected.txt` in order, says "nothing written" and leaves the previous output
//!   byte-for-byte as it was.
//! - `ok-NN-name/` must BUILD: exit 0, and no page may carry markup from the data
//!   (`<script>`, event handlers, `javascript:` links); `present.txt` lists text that
//!   must appear in a given page (so that hostile text is shown escaped, not dropped).
//!
//! All cases run; the test fails once at the end, listing every failing case with its
//! full stderr. `CORPUS_CASE=substring` runs only the matching cases.

mod common;
use common::*;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `("<case>/<path>", what the file holds)`.
type Generated = (&'static str, fn() -> Vec<u8>);

/// Files too large (or too repetitive) to keep in the repository. A case asks for one
/// with a marker file `files/<path>.generated` (holding a one-line description); this
/// table says what the file holds.
const GENERATED: &[Generated] = &[
    ("48-absurdly-long-line/data/kommuner/2084-avesta.yaml", || {
        let mut v = b"kod: \"2084\"\nnamn: \"".to_vec();
        v.extend(std::iter::repeat_n(b'A', 300_000));
        v.extend(b"\"\n");
        v
    }),
    ("49-file-too-large/data/kommuner/2084-avesta.yaml", || {
        let mut v = b"kod: \"2084\"\nnamn: \"Avesta\"\n".to_vec();
        for _ in 0..50_000 {
            v.extend(b"# ");
            v.extend(std::iter::repeat_n(b'x', 98));
            v.push(b'\n');
        }
        v
    }),
    ("64-deep-nesting/data/kommuner/2081-borlange.yaml", || {
        let mut v = b"kod: \"2081\"\nnamn: ".to_vec();
        v.extend(std::iter::repeat_n(b'[', 10_000));
        v.push(b'\n');
        v
    }),
    ("ok-09-very-long-anmarkning/data/kommuner/2084-avesta.yaml", || {
        format!(
            "kod: \"2084\"\nnamn: \"Avesta\"\ndmo:\n  status: aktiv\n  kallor: [studie-2012]\n  anmarkning: \"{}\"\n",
            "Lång rad. ".repeat(20_000)
        )
        .into_bytes()
    }),
];

/// No line Katalog prints may be longer than this: a diagnostic must stay readable
/// even when the offending value is absurdly long.
const MAX_STDERR_LINE: usize = 1000;

#[test]
fn corpus() {
    let dir = repo().join("tests/corpus");
    let filter = std::env::var("CORPUS_CASE").unwrap_or_default();
    let cases: Vec<PathBuf> = {
        let mut v: Vec<PathBuf> = fs::read_dir(&dir)
            .expect("tests/corpus")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.is_dir())
            .filter(|p| name(p).contains(filter.as_str()))
            .collect();
        v.sort();
        v
    };
    assert!(!cases.is_empty(), "no corpus cases match {filter:?}");
    let mut failures: Vec<String> = Vec::new();
    if filter.is_empty() {
        failures.extend(check_generated_table(&cases));
    }
    let theme_tags = theme_script_tags();

    // The cases are independent: run them on a few threads, report in name order.
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(String, Vec<String>, String)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(case) = cases.get(i) else { break };
                    let (problems, err) = if name(case).starts_with("ok-") {
                        run_ok_case(case, &theme_tags)
                    } else {
                        run_error_case(case)
                    };
                    results.lock().expect("lock").push((name(case), problems, err));
                }
            });
        }
    });
    let mut results = results.into_inner().expect("lock");
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let total = results.len();
    for (case, problems, err) in results {
        if !problems.is_empty() {
            failures.push(format!(
                "=== {case}\n{}\n--- stderr of {case}:\n{}",
                problems.iter().map(|p| format!("  - {p}")).collect::<Vec<_>>().join("\n"),
                shorten(&err)
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {total} corpus case(s) failed:\n\n{}", failures.len(), failures.join("\n\n"));
}

/// A case that must fail: build once, break it, build again.
fn run_error_case(case: &Path) -> (Vec<String>, String) {
    let mut problems = Vec::new();
    let expected = match read_expected(case) {
        Ok(e) => e,
        Err(m) => return (vec![m], String::new()),
    };
    let site = fixture("minimal");
    let (first, out) = build(site.path());
    if !first.status.success() {
        return (vec!["the unmodified fixture does not build".into()], stderr(&first));
    }
    let before = snapshot(&out);
    if let Err(m) = apply_overlay(case, site.path()) {
        return (vec![m], String::new());
    }
    let (second, _) = build(site.path());
    let err = stderr(&second);
    if second.status.code() != Some(1) {
        problems.push(format!("exit code {:?}, expected 1 (a broken input was accepted?)", second.status.code()));
    }
    problems.extend(match_expected(&expected, &err));
    // After a build that (wrongly) succeeded, a new output is no further news.
    if !second.status.success() {
        if !err.contains("nothing written") {
            problems.push("stderr does not say \"nothing written\"".into());
        }
        if snapshot(&out) != before {
            problems.push("the previous output changed after a failed build".into());
        }
    }
    problems.extend(common_stderr_problems(&err));
    (problems, err)
}

/// A hostile input that must build, without letting markup from the data through.
fn run_ok_case(case: &Path, theme_tags: &BTreeSet<String>) -> (Vec<String>, String) {
    let mut problems = Vec::new();
    let site = fixture("minimal");
    if let Err(m) = apply_overlay(case, site.path()) {
        return (vec![m], String::new());
    }
    let (output, out) = build(site.path());
    let err = stderr(&output);
    if output.status.code() != Some(0) {
        problems.push(format!("exit code {:?}, expected 0 (this input must build)", output.status.code()));
        problems.extend(common_stderr_problems(&err));
        return (problems, err);
    }
    problems.extend(common_stderr_problems(&err));
    for (path, bytes) in snapshot(&out) {
        // Theme scripts and styles are copied as they are; data never reaches them. The
        // CSV download must hold the data verbatim (it is served as text/csv, never as HTML).
        if path.extension().is_some_and(|e| e == "js" || e == "css" || e == "csv") {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for tag in raw_tags(&text) {
            if let Some(why) = dangerous(&tag, theme_tags) {
                problems.push(format!("{}: {why}: {}", path.display(), shorten_line(&tag)));
            }
        }
    }
    let present = case.join("present.txt");
    if present.is_file() {
        for line in read(&present).lines().filter(|l| is_content_line(l)) {
            let Some((page, wanted)) = line.split_once(": ") else {
                problems.push(format!("present.txt: no 'page: text' in {line:?}"));
                continue;
            };
            match fs::read_to_string(out.join(page)) {
                Ok(html) if html.contains(wanted) => {}
                Ok(_) => problems.push(format!("{page} does not contain {wanted:?}")),
                Err(e) => problems.push(format!("{page}: {e}")),
            }
        }
    }
    (problems, err)
}

/// Problems every run must be free of, failing or not.
fn common_stderr_problems(err: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if err.contains("panicked") {
        problems.push("katalog panicked".into());
    }
    if let Some(long) = err.lines().find(|l| l.chars().count() > MAX_STDERR_LINE) {
        problems.push(format!(
            "a stderr line has {} characters (limit {MAX_STDERR_LINE}): {}",
            long.chars().count(),
            shorten_line(long)
        ));
    }
    problems
}

// ---- expected.txt ---------------------------------------------------------------------

enum Expect {
    /// A diagnostic head line; `true` when it ends in "..." (a prefix).
    Head(String, bool),
    /// A `  hint: ` line belonging to the head before it.
    Hint(String, bool),
    /// `! text`: must appear nowhere in stderr.
    Absent(String),
}

fn read_expected(case: &Path) -> Result<Vec<Expect>, String> {
    let path = case.join("expected.txt");
    let text = fs::read_to_string(&path).map_err(|e| format!("expected.txt: {e}"))?;
    let mut out = Vec::new();
    for line in text.lines().filter(|l| is_content_line(l)) {
        let line = line.trim_end();
        let (body, prefix) = match line.strip_suffix("...") {
            Some(b) => (b.to_string(), true),
            None => (line.to_string(), false),
        };
        if let Some(absent) = line.strip_prefix("! ") {
            out.push(Expect::Absent(absent.to_string()));
        } else if line.starts_with("  hint: ") {
            if !out.iter().any(|e| matches!(e, Expect::Head(..))) {
                return Err(format!("expected.txt: hint before any head: {line:?}"));
            }
            out.push(Expect::Hint(body, prefix));
        } else {
            out.push(Expect::Head(body, prefix));
        }
    }
    if !out.iter().any(|e| matches!(e, Expect::Head(..))) {
        return Err("expected.txt lists no diagnostic".into());
    }
    Ok(out)
}

/// Blank lines and lines starting with `#` are comments.
fn is_content_line(line: &str) -> bool {
    !line.trim().is_empty() && !line.starts_with('#')
}

/// Heads must appear in order; each hint among the lines of the head just matched.
fn match_expected(expected: &[Expect], err: &str) -> Vec<String> {
    let lines: Vec<&str> = err.lines().map(str::trim_end).collect();
    let matches = |line: &str, want: &str, prefix: bool| {
        if prefix { line.starts_with(want) } else { line == want }
    };
    let mut problems = Vec::new();
    let mut from = 0;
    // Index of the last head matched, and where its diagnostic ends.
    let mut head: Option<(usize, usize)> = None;
    for e in expected {
        match e {
            Expect::Head(want, prefix) => match (from..lines.len()).find(|&i| matches(lines[i], want, *prefix)) {
                Some(i) => {
                    let end = (i + 1..lines.len()).find(|&j| is_head(lines[j])).unwrap_or(lines.len());
                    head = Some((i, end));
                    from = i + 1;
                }
                None => {
                    let dots = if *prefix { "..." } else { "" };
                    let anywhere = lines.iter().any(|l| matches(l, want, *prefix));
                    problems.push(if anywhere {
                        format!("out of order: {want}{dots}")
                    } else {
                        format!("missing: {want}{dots}")
                    });
                    head = None;
                }
            },
            Expect::Hint(want, prefix) => {
                let Some((start, end)) = head else {
                    problems.push(format!("hint not checked (its head is missing): {want}"));
                    continue;
                };
                match (start + 1..end).find(|&i| matches(lines[i], want, *prefix)) {
                    Some(i) => from = from.max(i + 1),
                    None => problems.push(format!(
                        "missing hint under {:?}: {want}{}",
                        lines[start],
                        if *prefix { "..." } else { "" }
                    )),
                }
            }
            Expect::Absent(text) => {
                if let Some(line) = lines.iter().find(|l| l.contains(text.as_str())) {
                    problems.push(format!("must not appear: {text:?}, but stderr has: {}", shorten_line(line)));
                }
            }
        }
    }
    problems
}

/// The first line of a diagnostic (or the summary), as opposed to its hint and the
/// quoted source lines under it (`  |`, `12 | text`, `  |   ^`).
fn is_head(line: &str) -> bool {
    if line.is_empty() || line.starts_with(' ') {
        return false;
    }
    let digits = line.trim_start_matches(|c: char| c.is_ascii_digit());
    !(digits.len() < line.len() && digits.starts_with(" |"))
}

// ---- overlays ---------------------------------------------------------------------------

/// Lays `case/files/` over the site: `<name>.delete` deletes `<name>`, `<name>.hex`
/// writes the hex bytes it holds, `<name>.generated` writes the GENERATED entry; any
/// other file is copied as it is.
fn apply_overlay(case: &Path, root: &Path) -> Result<(), String> {
    let files = case.join("files");
    if !files.is_dir() {
        return Err("the case has no files/ folder".into());
    }
    for entry in walkdir::WalkDir::new(&files).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("files/: {e}"))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(&files).expect("prefix").to_string_lossy().replace('\\', "/");
        let write = |rel: &str, bytes: &[u8]| -> Result<(), String> {
            let target = root.join(rel);
            fs::create_dir_all(target.parent().expect("parent"))
                .and_then(|()| fs::write(&target, bytes))
                .map_err(|e| format!("{rel}: {e}"))
        };
        if let Some(target) = rel.strip_suffix(".delete") {
            let path = root.join(target);
            let removed = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
            removed.map_err(|e| format!("{rel}: cannot delete {target}: {e}"))?;
        } else if let Some(target) = rel.strip_suffix(".hex") {
            let bytes = decode_hex(&read(entry.path())).map_err(|m| format!("{rel}: {m}"))?;
            write(target, &bytes)?;
        } else if let Some(target) = rel.strip_suffix(".generated") {
            let key = format!("{}/{target}", name(case));
            let make = GENERATED
                .iter()
                .find(|(k, _)| *k == key)
                .ok_or_else(|| format!("{rel}: no entry {key:?} in GENERATED (tests/corpus.rs)"))?
                .1;
            write(target, &make())?;
        } else {
            write(&rel, &fs::read(entry.path()).map_err(|e| format!("{rel}: {e}"))?)?;
        }
    }
    Ok(())
}

/// Hex digits, white space ignored, `#` to the end of a line a comment.
fn decode_hex(text: &str) -> Result<Vec<u8>, String> {
    let digits: Vec<u8> = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .flat_map(|l| l.bytes())
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    if !digits.len().is_multiple_of(2) {
        return Err("odd number of hex digits".into());
    }
    digits
        .chunks(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|s| u8::from_str_radix(s, 16).ok())
                .ok_or_else(|| format!("not hex: {:?}", String::from_utf8_lossy(pair)))
        })
        .collect()
}

/// Every GENERATED entry must be asked for by a marker file, and the other way round.
fn check_generated_table(cases: &[PathBuf]) -> Vec<String> {
    let mut markers = BTreeSet::new();
    for case in cases {
        for entry in walkdir::WalkDir::new(case.join("files")).into_iter().filter_map(Result::ok) {
            let rel =
                entry.path().strip_prefix(case.join("files")).expect("prefix").to_string_lossy().replace('\\', "/");
            if let Some(target) = rel.strip_suffix(".generated") {
                markers.insert(format!("{}/{target}", name(case)));
            }
        }
    }
    GENERATED
        .iter()
        .filter(|(k, _)| !markers.contains(*k))
        .map(|(k, _)| format!("=== GENERATED entry {k:?} has no .generated marker in tests/corpus"))
        .collect()
}

// ---- hostile markup in the output -------------------------------------------------------

/// The `<script …>` tags the theme itself writes, from a build of the unmodified fixture.
fn theme_script_tags() -> BTreeSet<String> {
    let site = fixture("minimal");
    let (output, out) = build(site.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let files = snapshot(&out);
    let tags: BTreeSet<String> = files
        .iter()
        .flat_map(|(_, bytes)| raw_tags(&String::from_utf8_lossy(bytes)))
        .filter(|t| t.to_ascii_lowercase().starts_with("<script"))
        .map(|t| without_fingerprints(&t))
        .collect();
    // The check must hold for the theme's own pages, or it proves nothing about data.
    for (path, bytes) in &files {
        if path.extension().is_some_and(|e| e == "js" || e == "css") {
            continue;
        }
        for tag in raw_tags(&String::from_utf8_lossy(bytes)) {
            if let Some(why) = dangerous(&tag, &tags) {
                panic!(
                    "the unmodified fixture's {} has {why}: {tag}; update dangerous() in tests/corpus.rs",
                    path.display()
                );
            }
        }
    }
    tags
}

/// A tag with asset fingerprints (`sok.0123456789.js`) blanked: the search index's hash,
/// and so the theme's script tag, changes with the data.
fn without_fingerprints(tag: &str) -> String {
    let mut out = String::with_capacity(tag.len());
    let mut rest = tag;
    while let Some(i) = rest.find('.') {
        let after = &rest[i + 1..];
        let hash_len = after.bytes().take_while(u8::is_ascii_hexdigit).count();
        if hash_len == 10 && after[10..].starts_with('.') {
            out.push_str(&rest[..i]);
            out.push_str(".#");
            rest = &after[10..];
        } else {
            out.push_str(&rest[..=i]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Every raw tag `<name …>` in a text (escaped text such as `&lt;script&gt;` is not one).
fn raw_tags(text: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        let after = &rest[i + 1..];
        let starts_tag = after.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        match after.find('>') {
            Some(end) if starts_tag => {
                tags.push(rest[i..i + 1 + end + 1].to_string());
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
    tags
}

/// Why a raw tag in the output is dangerous, if it is.
fn dangerous(tag: &str, theme_tags: &BTreeSet<String>) -> Option<&'static str> {
    let lower = tag.to_ascii_lowercase();
    let name: String = lower[1..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    if name == "script" && !theme_tags.contains(&without_fingerprints(tag)) {
        return Some("a <script> tag the theme does not write");
    }
    if ["iframe", "object", "embed", "style", "base"].contains(&name.as_str()) {
        return Some("a tag that data must never produce");
    }
    for (attr, value) in attributes(&lower[1 + name.len()..]) {
        if attr.starts_with("on") {
            return Some("an event handler attribute");
        }
        let value: String = value.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect();
        if ["javascript:", "vbscript:", "data:"].iter().any(|s| value.starts_with(s)) {
            return Some("a script URL in an attribute");
        }
    }
    None
}

/// The attributes of a tag, after its name: `a="x" b='y' c=z d` → (name, value) pairs.
fn attributes(mut s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        s = s.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if s.is_empty() || s.starts_with('>') {
            return out;
        }
        let end = s.find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>' || c == '/').unwrap_or(s.len());
        let (attr, rest) = s.split_at(end.max(1));
        s = rest.trim_start();
        let mut value = String::new();
        if let Some(rest) = s.strip_prefix('=') {
            let rest = rest.trim_start();
            let (v, after) = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &rest[1..];
                    let close = body.find(q).unwrap_or(body.len());
                    (&body[..close], body.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let close = rest.find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(rest.len());
                    rest.split_at(close)
                }
            };
            value = v.to_string();
            s = after;
        }
        out.push((attr.to_string(), value));
    }
}

// ---- small helpers ----------------------------------------------------------------------

fn name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn shorten_line(line: &str) -> String {
    if line.chars().count() > 200 {
        let head: String = line.chars().take(200).collect();
        format!("{head}… ({} characters)", line.chars().count())
    } else {
        line.to_string()
    }
}

/// Stderr for the failure report, with absurd lines cut.
fn shorten(err: &str) -> String {
    err.lines().map(shorten_line).collect::<Vec<_>>().join("\n")
}
