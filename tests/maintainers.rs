//! Maintainers' tools as a maintainer uses them: `katalog stale` in its three formats,
//! and its page /underhall/, on the fixture site.

mod common;
use common::*;

fn stale(format: &str) -> (i32, String) {
    let out = katalog(&["stale", "--root", path_str(&repo().join("tests/fixtures/minimal")), "--format", format]);
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn stale_lists_what_needs_care_worst_first_with_totals_per_lan() {
    let (code, text) = stale("text");
    assert_eq!(code, 0);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Underhåll: 8 poster, räknat till 2026-11-23 (åldersgräns 3 år)");
    // Håbo: 2012, no contact route, and a recorded conflict: three problems, first.
    assert!(
        lines[2].starts_with("kommun     Håbo")
            && lines[2].ends_with("nyaste uppgiften 14 år gammal; ingen kontaktväg; källorna säger olika"),
        "{text}"
    );
    assert!(
        lines[3].starts_with("kommun     Habo")
            && lines[3].ends_with("inga uppgifter om personligt ombud; ingen kontaktväg"),
        "{text}"
    );
    // Avesta and Borlänge (2023, with a phone number) need nothing.
    assert!(!text.contains("Avesta") && !text.contains("Borlänge"), "{text}");
    assert!(text.contains("Dalarnas län               2:   0 /   0 /   0 /   0 /   0"), "{text}");
    assert!(text.contains("Hela landet                6:   1 /   3 /   0 /   3 /   1"), "{text}");
}

#[test]
fn stale_as_csv_and_json() {
    let (code, csv) = stale("csv");
    assert_eq!(code, 0);
    let mut rows = csv.lines();
    assert_eq!(
        rows.next(),
        Some("typ,id,namn,lan,nyaste,alder_ar,odaterad,inga_uppgifter,for_gammal,ingen_kontaktvag,konflikt,brister")
    );
    assert_eq!(rows.next(), Some("kommun,0305,Håbo,Uppsala län,2012-05-21,14,nej,nej,ja,ja,ja,3"));
    assert_eq!(csv.lines().count(), 1 + 6 + 2, "every kommun and organisation, problems or not");
    let (code, json) = stale("json");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["totalt"]["kommuner"], 6);
    assert_eq!(v["rader"][0]["namn"], "Håbo");
    assert_eq!(v["rader"][0]["brister"], 3);
}

#[test]
fn stale_on_broken_data_says_why_and_fails() {
    let site = fixture_with(&[("data/po/vasby-test.yaml", "id: [\n")]);
    let out = katalog(&["stale", "--root", path_str(site.path())]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("data/po/vasby-test.yaml:"), "{}", stderr(&out));
}

#[test]
fn the_underhall_page_is_published_but_not_indexed() {
    let out = built_fixture();
    let html = read(&out.join("underhall/index.html"));
    assert!(html.contains(r#"<meta name="robots" content="noindex">"#));
    let text = visible_text(&html);
    assert!(
        text.contains("Håbo Uppsala län 2012-05-21 14 år gammal. Ingen kontaktväg. Källorna säger olika."),
        "{text}"
    );
    assert!(text.contains("Hela landet 6 1 3 0 3 1"), "{text}");
    assert!(!read(&out.join("sitemap.xml")).contains("underhall"));
    assert!(!read(&out.join("index.html")).contains("/underhall/"), "not in the menu");
}
