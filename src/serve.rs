//! `katalog serve`: a local preview on 127.0.0.1 that rebuilds when a file under
//! content/, data/ or themes/ changes and reloads the open page. A broken edit shows its
//! diagnostics in the browser and the terminal; the server keeps running and recovers
//! once the file is fixed.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};
use tiny_http::{Header, Request, Response, Server};

use crate::diagnostics::Diagnostics;

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

/// What the preview shows: the current build number, and the problems if it failed.
struct State {
    version: u64,
    problems: Option<String>,
}

pub fn serve(root: &Path, port: u16) -> Result<(), String> {
    let root = root.canonicalize().map_err(|e| format!("{}: {e}", root.display()))?;
    let out = std::env::temp_dir().join(format!("katalog-serve-{}", std::process::id()));
    let server = Server::http(("127.0.0.1", port)).map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let base_url = format!("http://127.0.0.1:{port}");
    let state = Arc::new((Mutex::new(State { version: 0, problems: None }), Condvar::new()));

    rebuild(&root, &out, &base_url, &state);
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
    {
        let (root, out, base_url, state) = (root.clone(), out.clone(), base_url.clone(), Arc::clone(&state));
        thread::spawn(move || {
            // Editors write several events per save: wait until they stop, then build once.
            while rx.recv().is_ok() {
                loop {
                    match rx.recv_timeout(Duration::from_millis(150)) {
                        Ok(_) => continue,
                        Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                rebuild(&root, &out, &base_url, &state);
            }
        });
    }

    eprintln!("serve: http://127.0.0.1:{port}/ (only on this computer); press Ctrl+C to stop");
    for request in server.incoming_requests() {
        let (out, state) = (out.clone(), Arc::clone(&state));
        thread::spawn(move || respond(request, &out, &state));
    }
    drop(watcher);
    Ok(())
}

fn rebuild(root: &Path, out: &Path, base_url: &str, state: &Arc<(Mutex<State>, Condvar)>) {
    let result = crate::build(root, out, Some(base_url));
    let problems = match &result {
        Ok(report) => {
            print(root, &report.diagnostics);
            eprintln!("serve: built {} pages", report.pages_written);
            None
        }
        Err(diags) => {
            print(root, diags);
            eprintln!("serve: the build failed; the browser shows the problems until they are fixed");
            Some(problems_html(diags))
        }
    };
    let (lock, changed) = &**state;
    if let Ok(mut s) = lock.lock() {
        s.version += 1;
        s.problems = problems;
    }
    changed.notify_all();
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

fn respond(request: Request, out: &Path, state: &Arc<(Mutex<State>, Condvar)>) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    let (lock, changed) = &**state;

    if path == "/__katalog/live.js" {
        let _ = request.respond(with_type(Response::from_string(LIVE_JS), "text/javascript; charset=utf-8"));
        return;
    }
    if path == "/__katalog/version" {
        let since: u64 = url.split("since=").nth(1).and_then(|v| v.parse().ok()).unwrap_or(0);
        let version = match lock.lock() {
            Ok(guard) => {
                let waited = changed.wait_timeout_while(guard, Duration::from_secs(25), |s| s.version == since);
                waited.map(|(s, _)| s.version).unwrap_or(since)
            }
            Err(_) => since,
        };
        let _ = request.respond(Response::from_string(version.to_string()));
        return;
    }

    let (version, problems) = match lock.lock() {
        Ok(s) => (s.version, s.problems.clone()),
        Err(_) => (0, None),
    };
    let Some(file) = resolve(out, &path) else {
        let _ = request.respond(Response::from_string("Not found").with_status_code(404));
        return;
    };
    let is_html = file.extension().is_some_and(|e| e == "html");
    if let (Some(page), true) = (&problems, is_html || !file.exists()) {
        let body = with_live_reload(page, version);
        let _ =
            request.respond(with_type(Response::from_string(body).with_status_code(500), "text/html; charset=utf-8"));
        return;
    }
    match std::fs::read(&file) {
        Ok(bytes) if is_html => {
            let body = with_live_reload(&String::from_utf8_lossy(&bytes), version);
            let _ = request.respond(with_type(Response::from_string(body), "text/html; charset=utf-8"));
        }
        Ok(bytes) => {
            let _ = request.respond(with_type(Response::from_data(bytes), content_type(&file)));
        }
        Err(_) => {
            let body = std::fs::read_to_string(out.join("404.html")).unwrap_or_else(|_| "Not found".into());
            let body = with_live_reload(&body, version);
            let _ = request
                .respond(with_type(Response::from_string(body).with_status_code(404), "text/html; charset=utf-8"));
        }
    }
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
}
