//! `katalog serve` as a maintainer uses it: the page is served, a broken edit shows its
//! problem in the browser, fixing it brings the page back, nothing outside the output can
//! be fetched, pages stay available while the site rebuilds, open live-reload polls do not
//! each take a thread, and stopping with Ctrl+C or SIGTERM leaves no temporary folder.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
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

/// `katalog serve` on `site`, with its temporary folder inside `tmp` (so a test can see
/// it, and nothing is left in the machine's /tmp), once it answers.
fn start(site: &Path, tmp: &Path) -> (Server, u16) {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_katalog"))
        .args(["serve", "--root", path_str(site), "--port", &port.to_string()])
        .env("TMPDIR", tmp)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server(child);
    wait_for("the server", || TcpStream::connect(("127.0.0.1", port)).is_ok() && get(port, "/").0 == 200);
    (server, port)
}

/// The build number the page was served from (its live-reload version).
fn version_of(page: &str) -> u64 {
    page.split("data-katalog-version=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap()
}

/// Everything inside `dir`, for "nothing is left behind".
fn contents(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir).min_depth(1).into_iter().filter_map(Result::ok).map(|e| e.into_path()).collect()
}

/// Sends a signal the way a terminal or a service manager would.
fn signal(child: &Child, name: &str) {
    let status = Command::new("sh").args(["-c", &format!("kill -{name} {}", child.id())]).status().unwrap();
    assert!(status.success(), "kill -{name} failed");
}

fn wait_exit(child: &mut Child) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "the server did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_rebuilds_shows_errors_and_recovers() {
    let site = fixture("minimal");
    let tmp = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_katalog"))
        .args(["serve", "--root", path_str(site.path()), "--port", &port.to_string()])
        .env("TMPDIR", tmp.path())
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
    // The error that broke the build comes first, with its count; the warnings every run
    // repeats (here the fixture's recorded conflict) are folded away below it.
    let errors = page.find("<h2>1 fel</h2>").expect("error count");
    let warnings = page.find("<details><summary>1 varningar</summary>").expect("folded warnings");
    assert!(
        errors < page.find("2084-avesta.yaml:2:7").unwrap() && page.find("2084-avesta.yaml:2:7").unwrap() < warnings
    );
    assert!(page[warnings..].contains("sources disagree (habo-stavning)"), "{page}");

    write(site.path(), "data/kommuner/2084-avesta.yaml", "kod: \"2084\"\nnamn: \"Avesta\"\n");
    wait_for("the page to come back", || get(port, "/kommun/avesta/").0 == 200);
}

#[test]
fn live_reload_answers_when_the_site_changes() {
    let site = fixture("minimal");
    let tmp = tempfile::tempdir().unwrap();
    let (_server, port) = start(site.path(), tmp.path());
    let version = version_of(&get(port, "/").1);
    let waiter = std::thread::spawn(move || get(port, &format!("/__katalog/version?since={version}")).1);
    std::thread::sleep(Duration::from_millis(300));
    write(site.path(), "content/om/testsida.md", "---\ntitel: \"Ny titel\"\nbeskrivning: \"x\"\n---\nText.\n");
    let answered: u64 = waiter.join().unwrap().trim().parse().unwrap();
    assert!(answered > version, "version did not move: {answered}");
    wait_for("the new title", || get(port, "/om/testsida/").1.contains("Ny titel"));
}

#[cfg(unix)]
#[test]
fn stopping_with_ctrl_c_or_sigterm_removes_the_temporary_folder() {
    let site = fixture("minimal");
    for name in ["INT", "TERM"] {
        let tmp = tempfile::tempdir().unwrap();
        let (mut server, port) = start(site.path(), tmp.path());
        let built = contents(tmp.path());
        assert!(built.iter().any(|p| p.ends_with("index.html")), "no build in the temporary folder: {built:?}");
        if name == "TERM" {
            // Stopped right after a save: a rebuild may be running.
            write(site.path(), "content/om/testsida.md", "---\ntitel: \"Sparad\"\nbeskrivning: \"x\"\n---\nText.\n");
            std::thread::sleep(Duration::from_millis(200));
        }
        signal(&server.0, name);
        let status = wait_exit(&mut server.0);
        assert!(status.success(), "SIG{name}: {status}");
        assert_eq!(contents(tmp.path()), Vec::<PathBuf>::new(), "left behind after SIG{name}");
        assert!(TcpStream::connect(("127.0.0.1", port)).is_err(), "still listening after SIG{name}");
    }
}

#[test]
fn pages_stay_available_while_the_site_rebuilds() {
    let site = fixture("minimal");
    let tmp = tempfile::tempdir().unwrap();
    let (_server, port) = start(site.path(), tmp.path());
    let home = get(port, "/").1;
    let css = home.split("href=\"").map(|s| s.split('"').next().unwrap()).find(|h| h.ends_with(".css")).unwrap();
    // Pages and an asset that exist before and after every rebuild.
    let paths = ["/", "/kommun/avesta/", "/om/testsida/", css].map(String::from);
    assert!(paths.iter().all(|p| get(port, p).0 == 200));

    let done = Arc::new(AtomicBool::new(false));
    let served = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(Mutex::new(Vec::new()));
    let clients: Vec<_> = (0..6)
        .map(|i| {
            let (done, served, failures, paths) =
                (Arc::clone(&done), Arc::clone(&served), Arc::clone(&failures), paths.clone());
            std::thread::spawn(move || {
                let mut n = i;
                while !done.load(Ordering::SeqCst) {
                    let path = &paths[n % paths.len()];
                    let (status, _) = get(port, path);
                    if status != 200 {
                        failures.lock().unwrap().push(format!("{path}: {status}"));
                    }
                    served.fetch_add(1, Ordering::SeqCst);
                    n += 1;
                }
            })
        })
        .collect();
    for round in 1..=10 {
        let before = version_of(&get(port, "/").1);
        let text = format!("---\ntitel: \"Version {round}\"\nbeskrivning: \"x\"\n---\nText.\n");
        write(site.path(), "content/om/testsida.md", &text);
        wait_for("the rebuild", || {
            let page = get(port, "/om/testsida/").1;
            page.contains(&format!("Version {round}")) && version_of(&page) > before
        });
    }
    done.store(true, Ordering::SeqCst);
    for client in clients {
        client.join().unwrap();
    }
    let failures = failures.lock().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} requests failed: {failures:?}",
        failures.len(),
        served.load(Ordering::SeqCst)
    );
    assert!(served.load(Ordering::SeqCst) >= 60, "too few requests to tell: {}", served.load(Ordering::SeqCst));
}

#[cfg(target_os = "linux")]
#[test]
fn open_live_reload_polls_do_not_each_take_a_thread() {
    let site = fixture("minimal");
    let tmp = tempfile::tempdir().unwrap();
    let (server, port) = start(site.path(), tmp.path());
    let task = PathBuf::from(format!("/proc/{}/task", server.0.id()));
    let threads = || std::fs::read_dir(&task).unwrap().count();
    let names = || {
        let mut names: Vec<String> = std::fs::read_dir(&task)
            .unwrap()
            .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("comm")).ok())
            .collect();
        names.sort();
        names.join(",").replace('\n', "")
    };
    for _ in 0..20 {
        assert_eq!(get(port, "/kommun/avesta/").0, 200);
    }
    let version = version_of(&get(port, "/").1);
    let before = threads();

    // Forty open preview tabs, each with its live-reload poll waiting for the next build.
    let polls: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
            write!(
                stream,
                "GET /__katalog/version?since={version} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            )
            .unwrap();
            // One tab after another, so that tiny_http's own connection readers stay few.
            std::thread::sleep(Duration::from_millis(10));
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let during = threads();
    assert!(during < before + 10, "{during} threads with 40 open polls, {before} before: {}", names());

    // They leave the workers free: a page is served at once.
    let asked = Instant::now();
    assert_eq!(get(port, "/kommun/avesta/").0, 200);
    assert!(asked.elapsed() < Duration::from_secs(2), "a page took {:?} with 40 open polls", asked.elapsed());

    // And the next build answers every one of them.
    write(site.path(), "content/om/testsida.md", "---\ntitel: \"Ny\"\nbeskrivning: \"x\"\n---\nText.\n");
    for mut stream in polls {
        let mut response = String::new();
        let _ = stream.read_to_string(&mut response);
        let answer: u64 = response.rsplit("\r\n\r\n").next().unwrap().trim().parse().unwrap_or(0);
        assert!(answer > version, "poll answered {response:?}");
    }
}
