//! `katalog serve` as a maintainer uses it: the page is served, a broken edit shows its
//! problem in the browser, fixing it brings the page back, and nothing outside the
//! output can be fetched.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// (status code, body) of a GET; the path is sent exactly as given.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    let status = response.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = response.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < Duration::from_secs(20), "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serves_rebuilds_shows_errors_and_recovers() {
    let site = fixture("minimal");
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_katalog"))
        .args(["serve", "--root", path_str(site.path()), "--port", &port.to_string()])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let _server = Server(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut log = String::new();
    wait_for("the server to start", || {
        while let Ok(line) = rx.try_recv() {
            log.push_str(&line);
            log.push('\n');
        }
        log.contains("serve: http://127.0.0.1:")
    });

    let (status, page) = get(port, "/kommun/avesta/");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Personligt ombud i Avesta"));
    assert!(page.contains(r#"<script src="/__katalog/live.js"></script>"#), "live reload missing");

    // Nothing outside the output folder, however the path is spelled.
    for evil in ["/../Cargo.toml", "/%2e%2e/data/site.yaml", "/..%2f..%2fetc%2fpasswd"] {
        let (status, body) = get(port, evil);
        assert_eq!(status, 404, "{evil}");
        assert!(!body.contains("bas_url"), "{evil} leaked a file");
    }

    write(site.path(), "data/kommuner/2084-avesta.yaml", "kod: \"2084\"\nnamn: [\n");
    wait_for("the error page", || get(port, "/kommun/avesta/").1.contains("Bygget misslyckades"));
    let (status, page) = get(port, "/kommun/avesta/");
    assert_eq!(status, 500);
    assert!(page.contains("data/kommuner/2084-avesta.yaml:2:7: error:"), "{page}");

    write(site.path(), "data/kommuner/2084-avesta.yaml", "kod: \"2084\"\nnamn: \"Avesta\"\n");
    wait_for("the page to come back", || get(port, "/kommun/avesta/").0 == 200);
}

#[test]
fn live_reload_answers_when_the_site_changes() {
    let site = fixture("minimal");
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_katalog"))
        .args(["serve", "--root", path_str(site.path()), "--port", &port.to_string()])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _server = Server(child);
    wait_for("the server", || TcpStream::connect(("127.0.0.1", port)).is_ok() && get(port, "/").0 == 200);
    let page = get(port, "/").1;
    let version: u64 =
        page.split("data-katalog-version=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
    let waiter = std::thread::spawn(move || get(port, &format!("/__katalog/version?since={version}")).1);
    std::thread::sleep(Duration::from_millis(300));
    write(site.path(), "content/om/testsida.md", "---\ntitel: \"Ny titel\"\nbeskrivning: \"x\"\n---\nText.\n");
    let answered: u64 = waiter.join().unwrap().trim().parse().unwrap();
    assert!(answered > version, "version did not move: {answered}");
    wait_for("the new title", || get(port, "/om/testsida/").1.contains("Ny titel"));
}
