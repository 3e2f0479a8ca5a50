//! `check --external` against a local HTTP server on 127.0.0.1 that answers 200, 404,
//! 301 → 200, 500 and too slowly, plus a port nothing listens on. Every request the
//! server gets is logged, so the tests can tell when the cache answered instead, and
//! that the plain `check` and `build` make none. No other host is ever requested.

mod common;
use common::*;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The paths requested so far, in order.
type Log = Arc<Mutex<Vec<String>>>;

/// Starts the test server on a free port; it lives as long as the test process.
fn serve() -> (u16, Log) {
    let server = tiny_http::Server::http("127.0.0.1:0").expect("test server");
    let port = server.server_addr().to_ip().expect("ip address").port();
    let log: Log = Arc::default();
    let seen = Arc::clone(&log);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            seen.lock().unwrap().push(request.url().to_string());
            // One thread per request, so the slow answer holds up no other.
            std::thread::spawn(move || answer(request, port));
        }
    });
    (port, log)
}

fn answer(request: tiny_http::Request, port: u16) {
    use tiny_http::{Header, Response};
    let response = match request.url() {
        "/ok" | "/ny" => Response::from_string("hej"),
        "/flyttad" => {
            let to = format!("http://127.0.0.1:{port}/ny");
            Response::from_string("").with_status_code(301).with_header(Header::from_bytes("Location", to).unwrap())
        }
        "/trasig" => Response::from_string("fel").with_status_code(500),
        "/seg" => {
            // Far past the 1 s timeout the tests use.
            std::thread::sleep(Duration::from_secs(4));
            Response::from_string("sent")
        }
        _ => Response::from_string("finns inte").with_status_code(404),
    };
    let _ = request.respond(response);
}

/// A port that refuses connections: bound to find a free one, then closed.
fn refused_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.local_addr().expect("address").port()
}

/// The minimal fixture with one address for each answer, in every kind of place the
/// check reads: a source's url, a kommun's webbplats, an organisation's kontakt.webb and
/// Markdown links (the dead one twice).
fn site(port: u16, refused: u16) -> tempfile::TempDir {
    let site = fixture("minimal");
    let root = site.path();
    let base = format!("http://127.0.0.1:{port}");
    write(
        root,
        "data/kallor.yaml",
        &format!(
            r#"kallor:
  - id: scb-test
    titel: "Testregister"
    utgivare: "Testverket"
    datum: "2025"
    url: "{base}/ok"
    beskrivning: "Kommunkoder för testet."
  - id: rapport-2023
    titel: "Verksamhetsberättelse 2023"
    utgivare: "Testombuden"
    datum: "2023-12-31"
    url: "{base}/borta"
    beskrivning: "Ombud, kontakt och statistik."
  - id: studie-2012
    titel: "Kartläggning 2012"
    utgivare: "Testinstitutet"
    datum: "2012-05-21"
    url: "{base}/flyttad"
    beskrivning: "Vilka kommuner som saknar ombud."
  - id: folkmangd-test
    titel: "Folkmängd i testkommunerna"
    utgivare: "Teststatistiken"
    datum: "2024-12-31"
    beskrivning: "Folkmängd per kommun den 31 december 2024."
"#
        ),
    );
    let po = read(&root.join("data/po/dalarna-test.yaml"));
    write(
        root,
        "data/po/dalarna-test.yaml",
        &po.replace("https://www.example.se/po?a=1&b=2", &format!("{base}/trasig")),
    );
    let kommun = read(&root.join("data/kommuner/0115-vallentuna.yaml"));
    write(
        root,
        "data/kommuner/0115-vallentuna.yaml",
        &kommun.replace(
            "namn: \"Vallentuna\"\n",
            &format!("namn: \"Vallentuna\"\nwebbplats: \"http://127.0.0.1:{refused}/\"\n"),
        ),
    );
    write(
        root,
        "content/om/testsida.md",
        &format!(
            "---\ntitel: \"Om testet\"\nbeskrivning: \"En sida för testet.\"\nordning: 1\n---\n\
             ## Rubrik\n\n{}\n\nEn [intern länk](/om/personligt-ombud/) och [e-post](mailto:a@exempel.se) kontrolleras inte här.\n",
            markdown_line(port)
        ),
    );
    site
}

/// Line 8 of the content page: two links, the second to the dead page.
fn markdown_line(port: u16) -> String {
    let base = format!("http://127.0.0.1:{port}");
    format!("Läs [den långsamma sidan]({base}/seg) och [den borttagna]({base}/borta).")
}

/// The 1-based column (in characters) where `url` starts in `line`.
fn column(line: &str, url: &str) -> usize {
    line[..line.find(url).expect("url in line")].chars().count() + 1
}

/// Runs `check --external` with a 1 s timeout and one retry, without any proxy settings
/// from the environment (every request must reach the local server directly).
fn external(root: &Path) -> (Output, Duration) {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_katalog"))
        .args(["check", "--root", path_str(root), "--external", "--timeout", "1", "--retries", "1"])
        .env("SOURCE_DATE_EPOCH", "1795392000")
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("all_proxy")
        .env_remove("ALL_PROXY")
        .output()
        .expect("run katalog");
    (output, started.elapsed())
}

fn count(log: &Log, path: &str) -> usize {
    log.lock().unwrap().iter().filter(|p| *p == path).count()
}

fn total(log: &Log) -> usize {
    log.lock().unwrap().len()
}

#[test]
fn every_answer_is_reported_at_its_place_and_a_rerun_uses_the_cache() {
    let (port, log) = serve();
    let refused = refused_port();
    let site = site(port, refused);
    let root = site.path();
    let base = format!("http://127.0.0.1:{port}");

    // Safety: the only addresses the check will request are on this machine.
    let (loaded, _) = katalog::load::load(root);
    let addresses = katalog::external::collect(root, &loaded);
    assert_eq!(addresses.len(), 6, "{addresses:?}");
    for url in addresses.keys() {
        assert!(url.starts_with("http://127.0.0.1:"), "a test must never request {url}");
    }

    let (out, took) = external(root);
    let err = stderr(&out);
    // Shown with `cargo test --test external -- --nocapture`.
    eprintln!("first run ({took:?}):\n{err}");
    assert_eq!(out.status.code(), Some(0), "warnings never fail the check:\n{err}");
    let line8 = markdown_line(port);
    let (seg, borta) = (column(&line8, "http://127.0.0.1:"), column(&line8, &format!("{base}/borta")));
    assert_eq!(seg, 27);
    let expected = [
        format!("data/kallor.yaml:12:10: warning: dead link: {base}/borta answers HTTP 404 Not Found"),
        format!("content/om/testsida.md:8:{borta}: warning: dead link: {base}/borta answers HTTP 404 Not Found"),
        format!(
            "data/kallor.yaml:18:10: warning: link moved: {base}/flyttad redirects (HTTP 301) to {base}/ny, which answers HTTP 200 OK"
        ),
        format!(
            "data/po/dalarna-test.yaml:9:9: warning: dead link: {base}/trasig answers HTTP 500 Internal Server Error"
        ),
        format!("content/om/testsida.md:8:{seg}: warning: link timed out: {base}/seg gave no answer within 1 s"),
    ];
    for line in &expected {
        assert!(err.lines().any(|l| l == line), "missing {line:?} in:\n{err}");
    }
    let refused_line = err
        .lines()
        .find(|l| l.starts_with("data/kommuner/0115-vallentuna.yaml:3:12: warning: link unreachable: "))
        .unwrap_or_else(|| panic!("no unreachable warning:\n{err}"));
    assert!(refused_line.contains(&format!("http://127.0.0.1:{refused}/")), "{refused_line}");
    assert!(refused_line.to_lowercase().contains("refused"), "{refused_line}");
    // Every problem comes with a hint; the page that answers 200 gives no warning.
    let lines: Vec<&str> = err.lines().collect();
    let link_warnings: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].contains(": warning: link ") || lines[i].contains(": warning: dead link"))
        .collect();
    assert_eq!(link_warnings.len(), 6, "{err}");
    for i in link_warnings {
        assert!(lines.get(i + 1).is_some_and(|l| l.starts_with("  hint: ")), "no hint for {}", lines[i]);
    }
    assert!(err.contains("hint: the page is gone"), "{err}");
    assert!(err.contains("hint: the server failed"), "{err}");
    assert!(!err.contains(&format!("{base}/ok")), "{err}");
    assert!(err.contains("external: 6 address(es) in 7 place(s): 6 requested now, 0 from the cache"), "{err}");
    assert!(took < Duration::from_secs(10), "took {took:?}");

    // One request per address, a second try after the 500 and the timeout, none for the
    // place that repeats an address.
    assert_eq!(count(&log, "/borta"), 1);
    assert_eq!(count(&log, "/trasig"), 2);
    assert_eq!(count(&log, "/seg"), 2);
    assert_eq!(count(&log, "/ok"), 1);
    assert_eq!(count(&log, "/flyttad"), 1);
    assert_eq!(count(&log, "/ny"), 1);
    let after_first = total(&log);
    assert!(root.join(".katalog-cache/.gitignore").is_file());

    // Within the day: the same warnings, from the cache, and no request at all.
    let (again, took) = external(root);
    let err_again = stderr(&again);
    eprintln!("second run ({took:?}):\n{err_again}");
    assert_eq!(total(&log), after_first, "the re-run requested something:\n{err_again}");
    for line in &expected {
        assert!(err_again.lines().any(|l| l == line), "missing {line:?} in:\n{err_again}");
    }
    assert!(
        err_again.contains("external: 6 address(es) in 7 place(s): 0 requested now, 6 from the cache"),
        "{err_again}"
    );
    assert!(err_again.contains("(result from .katalog-cache/, checked "), "{err_again}");
    assert!(took < Duration::from_secs(3), "a cached re-run took {took:?}");

    // An entry a day old is stale: only that address is requested again.
    age_cache_entry(root, &format!("{base}/ok"), 24 * 60 * 60);
    let (third, _) = external(root);
    assert!(stderr(&third).contains("1 requested now, 5 from the cache"), "{}", stderr(&third));
    assert_eq!(total(&log), after_first + 1);
    assert_eq!(count(&log, "/ok"), 2);
}

/// Moves the time a cached address was checked back by `secs`.
fn age_cache_entry(root: &Path, url: &str, secs: u64) {
    for entry in std::fs::read_dir(root.join(".katalog-cache/links")).expect("cache folder") {
        let path = entry.expect("entry").path();
        let mut json: serde_json::Value = serde_json::from_str(&read(&path)).expect("json");
        if json["url"] == url {
            let checked = json["checked_at"].as_u64().expect("checked_at");
            json["checked_at"] = (checked - secs).into();
            std::fs::write(&path, json.to_string()).expect("write");
            return;
        }
    }
    panic!("{url} is not in the cache");
}

#[test]
fn plain_check_and_build_make_no_request() {
    let (port, log) = serve();
    let site = site(port, refused_port());
    let root = site.path();
    let out = check(root);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("external:"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("dead link"), "{}", stderr(&out));
    let (out, _) = build(root);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(total(&log), 0, "offline commands requested {:?}", log.lock().unwrap());
    assert!(!root.join(".katalog-cache").exists());
}

#[test]
fn timeout_and_retries_need_external() {
    let out = katalog(&["check", "--timeout", "1"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// Offline: every address of the bundled site is found, and each place points at the
/// address itself in its file (after an opening quote in YAML), so an editor jumps there.
#[test]
fn the_bundled_sites_addresses_are_found_at_their_places() {
    let root = repo();
    let (loaded, _) = katalog::load::load(&root);
    let addresses = katalog::external::collect(&root, &loaded);
    assert!(addresses.len() > 40, "only {} addresses", addresses.len());
    let mut kinds = std::collections::BTreeSet::new();
    for (url, places) in &addresses {
        for place in places {
            let text = read(&root.join(&place.file));
            let line = text.lines().nth(place.line as usize - 1).expect("line");
            let from: String = line.chars().skip(place.col as usize - 1).collect();
            let from = from.trim_start_matches(['"', '\'']);
            assert!(
                from.starts_with(url.as_str()),
                "{}:{}:{} is not at {url}: {line}",
                place.file.display(),
                place.line,
                place.col
            );
            kinds.insert(place.file.iter().nth(1).and_then(|p| p.to_str()).unwrap_or("").to_string());
        }
    }
    // Sources, kommuner and organisations all contribute (the bundled pages link no other
    // site today; the fixture test above covers Markdown links).
    for kind in ["kallor.yaml", "kommuner", "po"] {
        assert!(kinds.contains(kind), "nothing found in {kind}: {kinds:?}");
    }
}
