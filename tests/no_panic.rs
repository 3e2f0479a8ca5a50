//! No input may make Katalog panic: every prefix of real data files (cut anywhere,
//! as an editor crash or a bad merge might leave them) gives diagnostics, never a panic.

mod common;
use common::*;

fn check_every_prefix(rel: &str) {
    let site = fixture("minimal");
    let full = read(&site.path().join(rel));
    let mut cuts: Vec<usize> = full.char_indices().map(|(i, _)| i).collect();
    cuts.push(full.len());
    for cut in cuts {
        write(site.path(), rel, &full[..cut]);
        // A panic here fails the test; any result, with or without errors, is fine.
        let (_site, diags) = katalog::check(site.path());
        let _ = diags.sorted();
    }
}

#[test]
fn truncated_organisation_file() {
    check_every_prefix("data/po/dalarna-test.yaml");
}

#[test]
fn truncated_kommun_file() {
    check_every_prefix("data/kommuner/0115-vallentuna.yaml");
}

#[test]
fn truncated_population_file() {
    check_every_prefix("data/befolkning.yaml");
}

#[test]
fn truncated_content_page() {
    check_every_prefix("content/om/testsida.md");
}

#[test]
fn hostile_yaml_documents() {
    let site = fixture("minimal");
    let bomb = "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d]\n";
    let deep = format!("kod: {}\n", "[".repeat(10_000));
    let long = format!("kod: \"2081\"\nnamn: \"{}\"\n", "å".repeat(200_000));
    for text in [bomb, deep.as_str(), long.as_str(), "---\n---\n", "kod: !!binary aGVq\n", "\t\tkod: 1\n"] {
        write(site.path(), "data/kommuner/2081-borlange.yaml", text);
        let (site_model, diags) = katalog::check(site.path());
        assert!(site_model.is_none() && diags.has_errors(), "accepted: {:.60}", text);
    }
}
