//! `katalog serve`: a local preview on 127.0.0.1 that rebuilds when a file under
//! content/, data/ or themes/ changes and reloads the open page. A broken edit shows its
//! diagnostics in the browser and the terminal; the server keeps running and recovers
//! once the file is fixed.
//!
//! Every build of a run goes into a fresh folder inside one private temporary folder. A
//! request takes the current build (an `Arc`) when it starts and reads only from it, so a
//! rebuild never pulls files away mid-request; a replaced build's folder is removed when
//! its last request is done. A fixed pool of workers answers requests, and live-reload
//! polls are parked instead of holding a worker. Ctrl+C, SIGTERM and SIGHUP stop the
//! workers, and the temporary folder is removed before the process exits.

use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};
use tiny_http::{Header, Request, Response, Server};

use crate::diagnostics::Diagnostics;

/// Request workers: enough for the parallel requests of a few browser tabs on one computer,
/// since every answer is a file read or a page held in memory.
pub const WORKERS: usize = 4;
/// How long a live-reload poll stays open without a new build before it is answered anyway.
const POLL_WAIT: Duration = Duration::from_secs(25);

/// The live-reload script, served by the preview only (never part of a build).
const LIVE_JS: &str = r#"(function () {
  var version = document.documentElement.getAttribute("data-katalog-version");
  function poll() {
    fetch("/__katalog/version?since=" + version).then(function (r) { return r.text(); }).then(function (v) {
      if (v.trim() !== version) { location.reload(); } else { poll(); }
    }).catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
"#;

/// One successful build's folder. Dropping the last reference removes the folder.
struct Build {
    dir: PathBuf,
}

impl Drop for Build {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// What the preview shows: the build number, the newest successful build, the problems
/// if the newest build failed, and the live-reload polls waiting for the next build.
#[derive(Default)]
struct State {
    version: u64,
    site: Option<Arc<Build>>,
    problems: Option<String>,
    polls: Vec<(Request, Instant)>,
}

/// A panic in one request must not take the preview down: keep using the state.
fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state.lock().unwrap_or_else(PoisonError::into_inner)
}

pub fn serve(root: &Path, port: u16) -> Result<(), String> {
    let root = root.canonicalize().map_err(|e| format!("{}: {e}", root.display()))?;
    let server =
        Arc::new(Server::http(("127.0.0.1", port)).map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?);
    // Private (mode 0700) with an unpredictable name; dropping it on any return removes it.
    let temp = tempfile::Builder::new()
        .prefix("katalog-serve-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let stop = Arc::new(AtomicBool::new(false));
    {
        let (server, stop) = (Arc::clone(&server), Arc::clone(&stop));
        // The handler only ends the workers' loops; the cleanup runs below, on this thread.
        ctrlc::set_handler(move || shut_down(&server, &stop)).map_err(|e| format!("cannot handle Ctrl+C: {e}"))?;
    }

    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reading files (as every build does) raises access events too; only changes count.
        if event.is_ok_and(|e| !matches!(e.kind, notify::EventKind::Access(_))) {
            let _ = tx.send(());
        }
    })
    .map_err(|e| format!("cannot watch files: {e}"))?;
    for dir in ["content", "data", "themes"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }

    let state = Arc::new(Mutex::new(State::default()));
    let mut builder = Builder {
        root,
        builds: temp.path().to_path_buf(),
        base_url: format!("http://127.0.0.1:{port}"),
        state: Arc::clone(&state),
        count: 0,
    };
    builder.rebuild();
    let watching = {
        let stop = Arc::clone(&stop);
        thread::spawn(move || builder.watch(&rx, &stop))
    };

    eprintln!("serve: http://127.0.0.1:{port}/ (only on this computer); press Ctrl+C to stop");
    let mut workers = Vec::with_capacity(WORKERS);
    for i in 0..WORKERS {
        let (server, state, stop) = (Arc::clone(&server), Arc::clone(&state), Arc::clone(&stop));
        let worker =
            thread::Builder::new().name(format!("serve-worker-{i}")).spawn(move || work(&server, &state, &stop));
        workers.push(worker.map_err(|e| format!("cannot start a worker: {e}"))?);
    }
    let ended: Vec<_> = workers.into_iter().map(|w| w.join()).collect();
    let failure = ended.into_iter().find_map(|r| r.ok().flatten());

    // Stopping: no new build starts, a running one finishes, then every build is removed.
    stop.store(true, Ordering::SeqCst);
    drop(watcher);
    let _ = watching.join();
    drop(state);
    let folder = temp.path().display().to_string();
    temp.close().map_err(|e| format!("{folder}: cannot remove the temporary folder: {e}"))?;
    eprintln!("serve: stopped; removed {folder}");
    failure.map_or(Ok(()), Err)
}

/// Ends every worker's wait for requests (each unblock releases one waiting worker).
fn shut_down(server: &Server, stop: &AtomicBool) {
    stop.store(true, Ordering::SeqCst);
    for _ in 0..WORKERS {
        server.unblock();
    }
}

/// One worker: answers requests until the server is shut down; returns the server's
/// error if it failed (then it shuts the other workers down too).
fn work(server: &Server, state: &Mutex<State>, stop: &AtomicBool) -> Option<String> {
    loop {
        match server.recv() {
            // A panic answers this request with 500 (tiny_http does so on drop) and the
            // worker goes on, so the pool never shrinks.
            Ok(request) => {
                let _ = catch_unwind(AssertUnwindSafe(|| respond(request, state)));
            }
            Err(_) if stop.load(Ordering::SeqCst) => return None,
            Err(e) => {
                shut_down(server, stop);
                return Some(format!("the server stopped accepting connections: {e}"));
            }
        }
    }
}

/// Builds into a fresh folder each time and publishes the result.
struct Builder {
    root: PathBuf,
    builds: PathBuf,
    base_url: String,
    state: Arc<Mutex<State>>,
    count: u64,
}

impl Builder {
    /// Rebuilds after each burst of file changes; answers live-reload polls that waited
    /// too long. Returns when the watcher is gone or the server stops.
    fn watch(mut self, changes: &Receiver<()>, stop: &AtomicBool) {
        while !stop.load(Ordering::SeqCst) {
            match changes.recv_timeout(Duration::from_millis(500)) {
                Ok(()) => {
                    // Editors write several events per save: wait until they stop, then build once.
                    loop {
                        match changes.recv_timeout(Duration::from_millis(150)) {
                            Ok(()) => continue,
                            Err(RecvTimeoutError::Timeout) => break,
                            Err(RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    if !stop.load(Ordering::SeqCst) {
                        self.rebuild();
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            self.expire_polls();
        }
    }

    fn rebuild(&mut self) {
        self.count += 1;
        let dir = self.builds.join(format!("site-{}", self.count));
        let (site, problems) = match crate::build(&self.root, &dir, Some(&self.base_url)) {
            Ok(report) => {
                print(&self.root, &report.diagnostics);
                eprintln!("serve: built {} pages", report.pages_written);
                (Some(Arc::new(Build { dir })), None)
            }
            Err(diags) => {
                print(&self.root, &diags);
                eprintln!("serve: the build failed; the browser shows the problems until they are fixed");
                (None, Some(problems_html(&diags)))
            }
        };
        let (replaced, polls, version) = {
            let mut s = lock(&self.state);
            s.version += 1;
            s.problems = problems;
            // A failed build keeps the last good one for assets and non-HTML files.
            let replaced = site.and_then(|site| s.site.replace(site));
            (replaced, std::mem::take(&mut s.polls), s.version)
        };
        // Removes the replaced folder now, or when the last request still reading it is done.
        drop(replaced);
        answer(polls, version);
    }

    fn expire_polls(&self) {
        let now = Instant::now();
        let (due, version) = {
            let mut s = lock(&self.state);
            let (due, waiting) = std::mem::take(&mut s.polls).into_iter().partition(|(_, until)| *until <= now);
            s.polls = waiting;
            (due, s.version)
        };
        answer(due, version);
    }
}

/// Answers live-reload polls with the current build number (outside the lock).
fn answer(polls: Vec<(Request, Instant)>, version: u64) {
    for (request, _) in polls {
        let _ = request.respond(Response::from_string(version.to_string()));
    }
}

fn print(root: &Path, diags: &Diagnostics) {
    let text = diags.to_terminal(root);
    if !text.is_empty() {
        eprintln!("{text}");
    }
}

fn problems_html(diags: &Diagnostics) -> String {
    format!(
        "<!doctype html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Bygget misslyckades</title></head>\
         <body><main><h1>Bygget misslyckades</h1><p>Rätta felen nedan och spara filen; sidan laddas om av sig själv.</p>\
         {}</main></body></html>",
        diags.to_html()
    )
}

fn respond(request: Request, state: &Mutex<State>) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();

    if path == "/__katalog/live.js" {
        let _ = request.respond(with_type(Response::from_string(LIVE_JS), "text/javascript; charset=utf-8"));
        return;
    }
    if path == "/__katalog/version" {
        let since: u64 = url.split("since=").nth(1).and_then(|v| v.parse().ok()).unwrap_or(0);
        let mut s = lock(state);
        if s.version == since {
            // Parked without a thread: the next build, or the watcher after POLL_WAIT, answers.
            s.polls.push((request, Instant::now() + POLL_WAIT));
            return;
        }
        let version = s.version;
        drop(s);
        let _ = request.respond(Response::from_string(version.to_string()));
        return;
    }

    // One consistent view: this request reads only from the build it took here.
    let (version, site, problems) = {
        let s = lock(state);
        (s.version, s.site.clone(), s.problems.clone())
    };
    let Some(out) = site.as_ref().map(|b| b.dir.as_path()) else {
        // No build has succeeded yet: every page shows the problems.
        let body = with_live_reload(problems.as_deref().unwrap_or("Not found"), version);
        let _ = request.respond(html_response(body, 500));
        return;
    };
    let Some(file) = resolve(out, &path) else {
        let _ = request.respond(Response::from_string("Not found").with_status_code(404));
        return;
    };
    let is_html = file.extension().is_some_and(|e| e == "html");
    if let (Some(page), true) = (&problems, is_html || !file.exists()) {
        let _ = request.respond(html_response(with_live_reload(page, version), 500));
        return;
    }
    match fs::read(&file) {
        Ok(bytes) if is_html => {
            let body = with_live_reload(&String::from_utf8_lossy(&bytes), version);
            let _ = request.respond(html_response(body, 200));
        }
        Ok(bytes) => {
            let _ = request.respond(with_type(Response::from_data(bytes), content_type(&file)));
        }
        Err(_) => {
            let body = fs::read_to_string(out.join("404.html")).unwrap_or_else(|_| "Not found".into());
            let _ = request.respond(html_response(with_live_reload(&body, version), 404));
        }
    }
}

fn html_response(body: String, status: u16) -> Response<std::io::Cursor<Vec<u8>>> {
    with_type(Response::from_string(body).with_status_code(status), "text/html; charset=utf-8")
}

/// The file a URL path names inside `out`, or None when the path tries to leave it.
pub fn resolve(out: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let mut file = out.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            // "..", a root or a drive prefix: nothing outside the output may be served.
            _ => return None,
        }
    }
    if decoded.ends_with('/') || file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let text = String::from_utf8(out).ok()?;
    if text.contains('\0') || text.contains('\\') { None } else { Some(text) }
}

fn with_live_reload(html: &str, version: u64) -> String {
    let tagged =
        html.replacen("<html lang=\"sv\"", &format!("<html data-katalog-version=\"{version}\" lang=\"sv\""), 1);
    match tagged.rfind("</body>") {
        Some(at) => format!("{}<script src=\"/__katalog/live.js\"></script>{}", &tagged[..at], &tagged[at..]),
        None => tagged,
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn with_type<R: std::io::Read>(response: Response<R>, content_type: &str) -> Response<R> {
    match Header::from_bytes("Content-Type", content_type) {
        Ok(h) => response.with_header(h),
        Err(()) => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_output_folder() {
        let out = Path::new("/tmp/site");
        assert_eq!(resolve(out, "/kommun/borlange/"), Some(PathBuf::from("/tmp/site/kommun/borlange/index.html")));
        assert_eq!(resolve(out, "/style.css"), Some(PathBuf::from("/tmp/site/style.css")));
        for evil in ["/../etc/passwd", "/%2e%2e/etc/passwd", "/kommun/..%2f..%2fetc", "/a/%00", "/..\\x", "/%zz"] {
            assert_eq!(resolve(out, evil), None, "{evil}");
        }
    }

    #[test]
    fn a_replaced_build_stays_until_its_last_request_is_done() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("site-1");
        fs::create_dir(&dir).unwrap();
        let current = Arc::new(Build { dir: dir.clone() });
        let in_request = Arc::clone(&current);
        drop(current); // a newer build replaced it
        assert!(dir.is_dir(), "removed while a request still reads it");
        drop(in_request);
        assert!(!dir.exists(), "left behind after its last request");
    }
}
