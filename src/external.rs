//! `katalog check --external`: requests every web address written in data/ and content/
//! and reports dead, moved and unreachable ones as warnings at the place they are written.
//!
//! The requests are made by lychee-lib (per-host concurrency and spacing, backoff on 429
//! and 5xx, retries, redirects followed and recorded). Results are kept on disk for a day
//! under `.katalog-cache/`, one file per address, so a re-run within the day makes no
//! request. Nothing here runs unless asked for: `check` and `build` stay offline.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use pulldown_cmark::{Event, Options as MdOptions, Parser, Tag};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, Loaded};

/// The cache folder, under the site root.
pub const CACHE_DIR: &str = ".katalog-cache";

/// How the addresses are checked.
#[derive(Debug, Clone)]
pub struct Options {
    /// How long to wait for each answer.
    pub timeout: Duration,
    /// Further tries after a timeout, a 429 or a server error.
    pub retries: u64,
    /// Requests at once to one host: kommun web servers are small.
    pub per_host: usize,
    /// How long a result stays in the cache.
    pub max_age: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(20),
            retries: 2,
            per_host: 2,
            max_age: Duration::from_secs(24 * 60 * 60),
        }
    }
}

/// Requests in flight at once, over all hosts.
const MAX_IN_FLIGHT: usize = 32;

/// The first wait before another try, doubled after each (as lychee does).
const RETRY_WAIT: Duration = Duration::from_secs(1);

/// One place an address is written: file relative to the site root, 1-based line and
/// column (in characters).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub file: PathBuf,
    pub line: u64,
    pub col: u64,
}

/// What requesting an address gave. Stored in the cache as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// The final HTTP status, when the server answered.
    pub status: Option<u16>,
    /// Each redirect followed, in order.
    pub redirects: Vec<Hop>,
    /// Why there was no answer (or the address was not requested).
    pub failure: Option<Failure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    pub status: u16,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Failure {
    Timeout { after_secs: u64 },
    Unreachable { reason: String },
    NotChecked { reason: String },
}

/// The counts printed after the warnings.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub addresses: usize,
    pub places: usize,
    pub requested: usize,
    pub cached: usize,
    pub problems: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "external: {} address(es) in {} place(s): {} requested now, {} from the cache (less than a day old); {} with problems",
            self.addresses, self.places, self.requested, self.cached, self.problems
        )
    }
}

/// Checks every external address of the site at `root`, using and filling the cache.
pub fn check(root: &Path, options: &Options) -> (Diagnostics, Summary) {
    // The offline check has already reported the load problems; only the records matter here.
    let (loaded, _) = load::load(root);
    let addresses = collect(root, &loaded);
    let cache = Cache::new(root.join(CACHE_DIR), options.max_age, SystemTime::now());
    let mut diags = Diagnostics::default();
    let mut summary =
        Summary { addresses: addresses.len(), places: addresses.values().map(Vec::len).sum(), ..Summary::default() };

    let mut results: BTreeMap<String, (Outcome, Option<u64>)> = BTreeMap::new();
    let mut to_request = Vec::new();
    for url in addresses.keys() {
        match cache.get(url) {
            Some((outcome, age)) => {
                results.insert(url.clone(), (outcome, Some(age)));
            }
            None => to_request.push(url.clone()),
        }
    }
    summary.cached = results.len();
    summary.requested = to_request.len();
    if !to_request.is_empty() {
        eprintln!("external: requesting {} address(es)…", to_request.len());
        match request_all(to_request, options) {
            Ok(fresh) => {
                let mut unsaved = None;
                for (url, outcome) in fresh {
                    if let Err(m) = cache.put(&url, &outcome) {
                        unsaved.get_or_insert(m);
                    }
                    results.insert(url, (outcome, None));
                }
                // One warning is enough: the cause is the same for every address.
                if let Some(m) = unsaved {
                    diags.push(
                        Diagnostic::warning(CACHE_DIR, format!("cannot keep the results: {m}"))
                            .hint("the next run requests the addresses again"),
                    );
                }
            }
            Err(m) => {
                summary.requested = 0;
                diags.push(Diagnostic::warning("--external", format!("cannot check external addresses: {m}")));
                return (diags, summary);
            }
        }
    }

    for (url, places) in &addresses {
        let Some((outcome, age)) = results.get(url) else { continue };
        let Some((message, hint)) = describe(url, outcome) else { continue };
        summary.problems += 1;
        let hint = match age {
            Some(age) => {
                format!("{hint} (result from {CACHE_DIR}/, checked {}; delete it to check again now)", ago(*age))
            }
            None => hint,
        };
        for p in places {
            diags.push(Diagnostic::warning(&p.file, message.clone()).at(p.line, p.col).hint(hint.clone()));
        }
    }
    (diags, summary)
}

/// Every http(s) address in the data and content, with every place it is written.
pub fn collect(root: &Path, loaded: &Loaded) -> BTreeMap<String, Vec<Place>> {
    let mut found: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    let mut add = |url: &str, file: &Path, line: u64, col: u64| {
        if is_web_address(url) {
            found.entry(url.to_string()).or_default().push(Place { file: file.to_path_buf(), line, col });
        }
    };
    if let Some(kallor) = &loaded.kallor {
        for k in &kallor.record.kallor {
            if let Some(u) = &k.url {
                add(&u.value, &kallor.path, u.line, u.col);
            }
        }
    }
    for kommun in &loaded.kommuner {
        let record = &kommun.record;
        let kontakt = record.po.as_ref().and_then(|po| po.kontakt.as_ref());
        for u in [record.webbplats.as_ref(), kontakt.and_then(|k| k.webb.as_ref())].into_iter().flatten() {
            add(&u.value, &kommun.path, u.line, u.col);
        }
    }
    for po in &loaded.po {
        if let Some(u) = po.record.kontakt.as_ref().and_then(|k| k.webb.as_ref()) {
            add(&u.value, &po.path, u.line, u.col);
        }
    }
    for page in &loaded.pages {
        // Positions count from the top of the file, so read it again with its front matter.
        let Ok(text) = load::read_text(&root.join(&page.path)) else { continue };
        let text = text.replace("\r\n", "\n");
        let body = &page.record.body;
        let start = text.len().saturating_sub(body.len());
        let start = if text.get(start..) == Some(body.as_str()) { start } else { 0 };
        for (url, offset) in markdown_links(&text, start) {
            let (line, col) = position(&text, offset);
            add(&url, &page.path, line, col);
        }
    }
    for places in found.values_mut() {
        places.sort();
        places.dedup();
    }
    found
}

fn is_web_address(s: &str) -> bool {
    url::Url::parse(s).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}

/// The http(s) links and images of the Markdown in `text[start..]`, each with the byte
/// offset of its address (or of the link, when the address is written elsewhere, as in
/// a reference link).
fn markdown_links(text: &str, start: usize) -> Vec<(String, usize)> {
    // The same options as the renderer, so that the same text is a link here and there.
    let options = MdOptions::ENABLE_TABLES | MdOptions::ENABLE_STRIKETHROUGH;
    let body = &text[start..];
    let mut links = Vec::new();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
            let url = dest_url.trim();
            let lower = url.to_ascii_lowercase();
            if !(lower.starts_with("http://") || lower.starts_with("https://")) {
                continue;
            }
            let within = body[range.clone()].find(url).unwrap_or(0);
            links.push((url.to_string(), start + range.start + within));
        }
    }
    links
}

/// 1-based line and column (in characters) of a byte offset.
fn position(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u64, col as u64)
}

/// The warning for an outcome, as (message, hint); `None` when the address is fine.
pub fn describe(url: &str, outcome: &Outcome) -> Option<(String, String)> {
    let moved = outcome.redirects.last().map(|hop| {
        let first = outcome.redirects.first().map_or(hop.status, |h| h.status);
        (first, hop.to.as_str())
    });
    if let Some(failure) = &outcome.failure {
        let after_move = moved.map(|(_, to)| format!(" after a redirect to {to}")).unwrap_or_default();
        return Some(match failure {
            Failure::Timeout { after_secs } => (
                format!("link timed out: {url} gave no answer within {after_secs} s{after_move}"),
                "the server may be slow or down: open the address in a browser, or run again with a longer --timeout"
                    .into(),
            ),
            Failure::Unreachable { reason } => (
                format!("link unreachable: {url}{after_move}: {reason}"),
                "check the host name: the site may be down, closed or renamed".into(),
            ),
            Failure::NotChecked { reason } => {
                (format!("link not checked: {url}: {reason}"), "check the address by hand in a browser".into())
            }
        });
    }
    let status = outcome.status?;
    let text = status_text(status);
    if (200..300).contains(&status) {
        let (first, to) = moved?;
        return Some((
            format!("link moved: {url} redirects (HTTP {first}) to {to}, which answers HTTP {text}"),
            "write the new address if that page says the same; otherwise keep the old one".into(),
        ));
    }
    let after_move = moved.map(|(first, to)| format!(" after a redirect (HTTP {first}) to {to}")).unwrap_or_default();
    let hint = match status {
        404 | 410 => {
            "the page is gone: look for it on the same site or in a web archive, and change the address only to a page that says the same"
        }
        401 | 403 | 429 => {
            "the server refused an automatic check: open the address in a browser before changing anything"
        }
        500..=599 => "the server failed: it may be down for now; check again later before changing the address",
        _ => "open the address in a browser to see what is wrong",
    };
    Some((format!("dead link: {url} answers HTTP {text}{after_move}"), hint.into()))
}

/// `404` → `404 Not Found`.
fn status_text(status: u16) -> String {
    match http::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()) {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

fn ago(secs: u64) -> String {
    match secs {
        0..60 => "less than a minute ago".into(),
        60..3600 => format!("{} min ago", secs / 60),
        _ => format!("{} h ago", secs / 3600),
    }
}

/// Requests every address, concurrently, and returns what each gave.
fn request_all(urls: Vec<String>, options: &Options) -> Result<Vec<(String, Outcome)>, String> {
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| format!("no runtime: {e}"))?;
    runtime.block_on(async {
        let client = lychee_lib::ClientBuilder::builder()
            .timeout(options.timeout)
            .max_retries(options.retries)
            .retry_wait_time(RETRY_WAIT)
            .rate_limit_config(lychee_lib::ratelimit::RateLimitConfig {
                concurrency: options.per_host.max(1),
                request_interval: Duration::from_millis(100),
            })
            .build()
            .client()
            .map_err(|e| e.to_string())?;
        let in_flight = Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
        let mut tasks = tokio::task::JoinSet::new();
        for url in urls {
            let client = client.clone();
            let in_flight = Arc::clone(&in_flight);
            let timeout = options.timeout;
            let retries = options.retries;
            tasks.spawn(async move {
                let _permit = in_flight.acquire_owned().await;
                let mut outcome = outcome_of(client.check(url.as_str()).await, timeout);
                // lychee retries timeouts, dropped connections and 429 itself, but takes a 5xx
                // answer as final; a kommun's server is often down for a moment only.
                let mut wait = RETRY_WAIT;
                for _ in 0..retries {
                    if !outcome.status.is_some_and(|s| (500..600).contains(&s)) {
                        break;
                    }
                    tokio::time::sleep(wait).await;
                    wait *= 2;
                    outcome = outcome_of(client.check(url.as_str()).await, timeout);
                }
                (url, outcome)
            });
        }
        let mut results = Vec::new();
        while let Some(done) = tasks.join_next().await {
            results.push(done.map_err(|e| e.to_string())?);
        }
        Ok(results)
    })
}

fn outcome_of(response: lychee_lib::Result<lychee_lib::Response>, timeout: Duration) -> Outcome {
    use lychee_lib::{ErrorKind, Status};
    let response = match response {
        Ok(r) => r,
        Err(e) => {
            return Outcome {
                status: None,
                redirects: Vec::new(),
                failure: Some(Failure::NotChecked { reason: e.to_string() }),
            };
        }
    };
    let redirects = hops(response.redirects());
    let status = response.status();
    let code = status.code().map(|c| c.as_u16());
    let failure = match status {
        Status::Timeout(_) => Some(Failure::Timeout { after_secs: timeout.as_secs() }),
        _ if code.is_some() => None,
        Status::Ok(_) => None,
        Status::Error(ErrorKind::NetworkRequest(_)) => Some(Failure::Unreachable { reason: status.details() }),
        Status::Excluded => {
            Some(Failure::NotChecked { reason: "an example or reserved domain, which lychee never requests".into() })
        }
        other => Some(Failure::NotChecked { reason: other.to_string() }),
    };
    Outcome { status: code, redirects, failure }
}

/// The redirect chain lychee recorded. Its fields are private, but its JSON form is
/// lychee's documented output. A retried request records its hops again: keep the first
/// pass only.
fn hops(redirects: Option<&lychee_lib::Redirects>) -> Vec<Hop> {
    #[derive(Deserialize)]
    struct Chain {
        redirects: Vec<Step>,
    }
    #[derive(Deserialize)]
    struct Step {
        url: String,
        code: u16,
    }
    let Some(chain) =
        redirects.and_then(|r| serde_json::to_value(r).ok()).and_then(|v| serde_json::from_value::<Chain>(v).ok())
    else {
        return Vec::new();
    };
    let mut seen = HashSet::new();
    chain
        .redirects
        .into_iter()
        .map(|s| Hop { status: s.code, to: s.url })
        .take_while(|h| seen.insert((h.status, h.to.clone())))
        .collect()
}

/// Results on disk, one JSON file per address, named by the SHA-256 of the address.
pub struct Cache {
    dir: PathBuf,
    max_age: Duration,
    now: SystemTime,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    version: u32,
    url: String,
    /// Seconds since 1970 (UTC) when the address was requested.
    checked_at: u64,
    outcome: Outcome,
}

const CACHE_VERSION: u32 = 1;

impl Cache {
    pub fn new(dir: PathBuf, max_age: Duration, now: SystemTime) -> Self {
        Cache { dir, max_age, now }
    }

    fn path(&self, url: &str) -> PathBuf {
        let digest = Sha256::digest(url.as_bytes());
        let name = crate::text::hex(&digest);
        self.dir.join("links").join(format!("{name}.json"))
    }

    fn now_secs(&self) -> u64 {
        self.now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
    }

    /// The stored outcome and its age in seconds, only when it is for exactly this
    /// address and younger than `max_age`. A time in the future (a clock set back) is
    /// not trusted either.
    pub fn get(&self, url: &str) -> Option<(Outcome, u64)> {
        let text = std::fs::read_to_string(self.path(url)).ok()?;
        let entry: Entry = serde_json::from_str(&text).ok()?;
        let age = self.now_secs().checked_sub(entry.checked_at)?;
        (entry.version == CACHE_VERSION && entry.url == url && age < self.max_age.as_secs())
            .then_some((entry.outcome, age))
    }

    /// Stores an outcome as requested now. Written to a temporary file and renamed, so a
    /// reader never sees half a file.
    pub fn put(&self, url: &str, outcome: &Outcome) -> Result<(), String> {
        let path = self.path(url);
        let folder = path.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        // Keeps the cache out of git wherever the site root is.
        let ignore = self.dir.join(".gitignore");
        if !ignore.exists() {
            std::fs::write(&ignore, "*\n").map_err(|e| format!("{}: {e}", ignore.display()))?;
        }
        let entry = Entry {
            version: CACHE_VERSION,
            url: url.to_string(),
            checked_at: self.now_secs(),
            outcome: outcome.clone(),
        };
        let text = serde_json::to_string_pretty(&entry).map_err(|e| e.to_string())?;
        let temporary = path.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&temporary, text).map_err(|e| format!("{}: {e}", temporary.display()))?;
        std::fs::rename(&temporary, &path).map_err(|e| format!("{}: {e}", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok() -> Outcome {
        Outcome { status: Some(200), redirects: Vec::new(), failure: None }
    }

    #[test]
    fn markdown_links_point_at_the_address() {
        let text = "---\ntitel: x\n---\n\nSe [källan](https://a.se/x) och ![bild](http://b.se/y.png).\n\n\
                    [ref]: https://c.se/\n\n[intern](/om/) [post](mailto:a@b.se) [ref]\n";
        let start = text.find("\nSe").unwrap();
        let found: Vec<(String, (u64, u64))> =
            markdown_links(text, start).into_iter().map(|(u, o)| (u, position(text, o))).collect();
        assert_eq!(
            found,
            [
                ("https://a.se/x".to_string(), (5, 13)),
                ("http://b.se/y.png".to_string(), (5, 41)),
                // A reference link: the address is elsewhere, so the link itself.
                ("https://c.se/".to_string(), (9, 38)),
            ]
        );
    }

    #[test]
    fn columns_count_characters() {
        assert_eq!(position("åäö\nxåy", "åäö\nxå".len()), (2, 3));
    }

    #[test]
    fn fine_addresses_give_no_warning() {
        assert_eq!(describe("https://a.se/", &ok()), None);
    }

    #[test]
    fn each_problem_has_its_message() {
        let moved = Outcome {
            status: Some(200),
            redirects: vec![Hop { status: 301, to: "https://a.se/ny".into() }],
            failure: None,
        };
        assert_eq!(
            describe("https://a.se/", &moved).unwrap().0,
            "link moved: https://a.se/ redirects (HTTP 301) to https://a.se/ny, which answers HTTP 200 OK"
        );
        let dead = Outcome { status: Some(404), ..moved.clone() };
        assert_eq!(
            describe("https://a.se/", &dead).unwrap().0,
            "dead link: https://a.se/ answers HTTP 404 Not Found after a redirect (HTTP 301) to https://a.se/ny"
        );
        let timeout =
            Outcome { status: None, redirects: Vec::new(), failure: Some(Failure::Timeout { after_secs: 3 }) };
        assert_eq!(
            describe("https://a.se/", &timeout).unwrap().0,
            "link timed out: https://a.se/ gave no answer within 3 s"
        );
    }

    #[test]
    fn the_cache_answers_only_for_the_same_address_within_its_age() {
        let dir = tempfile::tempdir().unwrap();
        let day = Duration::from_secs(86_400);
        let then = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        Cache::new(dir.path().into(), day, then).put("https://a.se/", &ok()).unwrap();
        let at = |secs: u64| Cache::new(dir.path().into(), day, then + Duration::from_secs(secs));
        assert_eq!(at(3600).get("https://a.se/"), Some((ok(), 3600)));
        assert_eq!(at(86_399).get("https://a.se/").map(|(_, age)| age), Some(86_399));
        assert_eq!(at(86_400).get("https://a.se/"), None, "a day old is stale");
        assert_eq!(at(0).get("https://a.se/x"), None, "another address");
        let before = Cache::new(dir.path().into(), day, then - Duration::from_secs(60));
        assert_eq!(before.get("https://a.se/"), None, "a time in the future is not trusted");
        assert!(dir.path().join(".gitignore").is_file());
    }

    #[test]
    fn a_cache_entry_for_another_address_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let cache = Cache::new(dir.path().into(), Duration::from_secs(86_400), now);
        cache.put("https://a.se/", &ok()).unwrap();
        // Pretend a hash collision (or a hand-copied file): the stored address decides.
        std::fs::copy(cache.path("https://a.se/"), cache.path("https://b.se/")).unwrap();
        assert_eq!(cache.get("https://b.se/"), None);
        assert!(cache.get("https://a.se/").is_some());
    }
}
