//! Deployment: netlify.toml builds and publishes the site with the pinned toolchain, and
//! its headers forbid everything but the site's own files; every built page obeys that
//! policy (no inline script or style); likely kommun addresses redirect.

mod common;
use common::*;

fn netlify() -> toml::Table {
    read(&repo().join("netlify.toml")).parse().expect("netlify.toml is valid TOML")
}

fn headers_for<'a>(config: &'a toml::Table, path: &str) -> &'a toml::Table {
    config["headers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["for"].as_str() == Some(path))
        .unwrap_or_else(|| panic!("no [[headers]] for {path}"))["values"]
        .as_table()
        .unwrap()
}

#[test]
fn builds_with_the_pinned_toolchain_and_publishes_public() {
    let config = netlify();
    let build = config["build"].as_table().unwrap();
    assert_eq!(build["publish"].as_str(), Some("public"));
    let commands =
        [build["command"].as_str().unwrap(), config["context"]["deploy-preview"]["command"].as_str().unwrap()];
    for command in commands {
        assert!(command.starts_with("rustup toolchain install && "), "{command}");
        assert!(command.contains("cargo run --release -- build"), "{command}");
    }
    let toolchain: toml::Table = read(&repo().join("rust-toolchain.toml")).parse().unwrap();
    let channel = toolchain["toolchain"]["channel"].as_str().unwrap();
    assert!(channel.chars().next().is_some_and(|c| c.is_ascii_digit()), "pin a version, not {channel}");
}

#[test]
fn security_and_cache_headers() {
    let config = netlify();
    let all = headers_for(&config, "/*");
    let csp = all["Content-Security-Policy"].as_str().unwrap();
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{csp}");
    assert!(!csp.contains("http") && !csp.contains('*'), "no other hosts: {csp}");
    for directive in
        ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]
    {
        assert!(csp.contains(directive), "{directive} missing from {csp}");
    }
    assert!(all["Strict-Transport-Security"].as_str().unwrap().contains("max-age="));
    assert_eq!(all["X-Content-Type-Options"].as_str(), Some("nosniff"));
    assert!(all.contains_key("Referrer-Policy") && all.contains_key("Permissions-Policy"));
    let assets = headers_for(&config, "/resurser/*");
    assert!(assets["Cache-Control"].as_str().unwrap().contains("immutable"));
    let catalogue = headers_for(&config, "/data/katalog.jsonld");
    assert_eq!(catalogue["Content-Type"].as_str(), Some("application/ld+json; charset=utf-8"));
}

/// Whatever in a page the policy above would block.
fn inline_code(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, _) in html.match_indices('<') {
        let tag_end = html[i..].find('>').map(|e| i + e + 1).unwrap_or(html.len());
        let tag = &html[i..tag_end];
        let lower = tag.to_ascii_lowercase();
        if lower.starts_with("<script") && !lower.contains(" src=\"/") {
            found.push(tag.to_string());
        }
        if lower.starts_with("<style") || lower.contains(" style=\"") {
            found.push(tag.to_string());
        }
        if lower.split_whitespace().any(|attr| attr.starts_with("on") && attr.contains('=')) {
            found.push(tag.to_string());
        }
        if lower.contains("javascript:") {
            found.push(tag.to_string());
        }
        // Resources the page loads (not links to other pages: canonical and language
        // alternates are addresses, never fetched) must come from this site.
        let names_a_page = lower.contains("rel=\"canonical\"") || lower.contains("rel=\"alternate\"");
        let loads = lower.contains(" src=\"http")
            || (lower.starts_with("<link") && !names_a_page && lower.contains("href=\"http"));
        if loads {
            found.push(tag.to_string());
        }
    }
    found
}

#[test]
fn every_page_obeys_the_content_security_policy() {
    let out = built_bundled();
    let mut pages = 0;
    for (path, bytes) in snapshot(out) {
        if path.extension().is_some_and(|e| e == "html") {
            let html = String::from_utf8(bytes).unwrap();
            let blocked = inline_code(&html);
            assert!(blocked.is_empty(), "{}: {:?}", path.display(), &blocked[..blocked.len().min(3)]);
            pages += 1;
        }
    }
    assert!(pages > 400, "{pages}");
    assert!(inline_code(r#"<p style="color:red">"#).len() == 1, "the scan itself must catch inline styles");
    assert!(inline_code("<script>alert(1)</script>").len() == 1, "the scan itself must catch inline scripts");

    let redirects = read(&out.join("_redirects"));
    for rule in [
        "/kommun/malung/ /kommun/malung-salen/ 301",
        "/kommun/borl%C3%A4nge/ /kommun/borlange/ 301",
        "/kommun/upplands-bro/ /kommun/upplands-bro/ 301",
    ] {
        let expected_present = !rule.starts_with("/kommun/upplands-bro/ ");
        assert_eq!(redirects.lines().any(|l| l == rule), expected_present, "{rule}");
    }
    // Every rule is exactly "from to 301", from a percent-encoded or slug address to a
    // page of our own; a redirect never hides a real page.
    let mut rules = 0;
    for line in redirects.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split([' ', '\t']).collect();
        let [from, to, status] = fields[..] else { panic!("not three fields: {line:?}") };
        assert_eq!(status, "301", "{line}");
        let plain = |p: &str| p.bytes().all(|b| b.is_ascii_alphanumeric() || b"-/%".contains(&b));
        assert!(from.starts_with("/kommun/") && plain(from), "{line}");
        assert!(to.starts_with("/kommun/") && to.ends_with('/') && plain(to) && !to.contains('%'), "{line}");
        assert!(out.join(to.trim_matches('/')).join("index.html").is_file(), "{line}: target is not a page");
        assert!(!out.join(from.trim_matches('/')).join("index.html").exists(), "{line} shadows a page");
        rules += 1;
    }
    assert!(rules > 100, "{rules} rules");
}
