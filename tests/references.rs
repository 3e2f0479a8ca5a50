//! Sources as references on kommun pages, Swedish and English, as a reader meets them: the
//! contact section cites its source by number ("[1]"), the answer and the history name
//! their sources in words, and every such reference leads to an entry in the page's own
//! Källor list with title, publisher and date. A screen reader hears which source.

mod common;
use common::*;

use std::collections::BTreeSet;
use std::path::Path;

/// An entry of the page's numbered Källor list.
#[derive(Debug)]
struct Entry {
    id: String,
    nr: usize,
    /// Title, publisher and date, as shown.
    text: String,
    /// Whether the entry is printed (the others carry the class ej-utskrift).
    printed: bool,
}

/// A numbered reference: what the eye sees ("[2]") and what a screen reader hears.
#[derive(Debug)]
struct Ref {
    target: String,
    seen: String,
    heard: String,
}

fn page(out: &Path, rel: &str) -> String {
    read(&out.join(rel).join("index.html"))
}

/// The section labelled by the heading with id `heading`.
fn section<'a>(html: &'a str, heading: &str) -> &'a str {
    let label = html.find(&format!(r#"aria-labelledby="{heading}""#)).unwrap_or_else(|| panic!("no {heading}"));
    let start = html[..label].rfind("<section").expect("section start");
    let end = label + html[label..].find("</section>").expect("section end");
    &html[start..end]
}

/// The text between the first `from` and the next `to`.
fn between<'a>(html: &'a str, from: &str, to: &str) -> Option<&'a str> {
    let start = html.find(from)? + from.len();
    let end = start + html[start..].find(to)?;
    Some(&html[start..end])
}

fn kallor_list(html: &str) -> Vec<Entry> {
    let list = between(html, r#"<ol class="kallor">"#, "</ol>").expect("a Källor list");
    list.split(r#"<li id="kalla-"#)
        .skip(1)
        .enumerate()
        .map(|(i, li)| {
            let (id, rest) = li.split_once('"').expect("id");
            let (open, body) = rest.split_once('>').expect("tag end");
            Entry {
                id: id.to_string(),
                nr: i + 1,
                text: visible_text(body.split("</li>").next().expect("li")),
                printed: !open.contains("ej-utskrift"),
            }
        })
        .collect()
}

fn refs(html: &str) -> Vec<Ref> {
    html.split(r##"<a class="ref" href="#kalla-"##)
        .skip(1)
        .map(|r| {
            let (target, rest) = r.split_once('"').expect("href");
            let a = rest.split("</a>").next().expect("a");
            Ref {
                target: target.to_string(),
                seen: between(a, r#"<span aria-hidden="true">"#, "</span>").expect("seen").to_string(),
                heard: visible_text(a.split(r#"<span class="osynlig-rubrik">"#).nth(1).expect("heard")),
            }
        })
        .collect()
}

/// Links that name a source in words and lead to its entry: (source id, link text).
fn named_sources(html: &str) -> Vec<(String, String)> {
    html.split(r##"<a href="#kalla-"##)
        .skip(1)
        .map(|a| {
            let (target, rest) = a.split_once('"').expect("href");
            let text = rest.split_once('>').expect("tag end").1.split("</a>").next().expect("a");
            (target.to_string(), visible_text(text))
        })
        .collect()
}

fn entry<'a>(list: &'a [Entry], id: &str) -> &'a Entry {
    list.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("{id} is not in the page's Källor list: {list:?}"))
}

/// Checks every numbered reference in `part` of page `html` against the page's list, and
/// returns their numbers: `kalla` is the word a screen reader hears before the number, and
/// `date` the source's date, which it hears last and the entry shows.
fn assert_refs_lead_to_entries(html: &str, part: &str, list: &[Entry], kalla: &str, date: &str) -> Vec<usize> {
    let found = refs(part);
    assert!(!found.is_empty(), "no reference in {part}");
    found
        .iter()
        .map(|r| {
            let e = entry(list, &r.target);
            assert_eq!(r.seen, format!("[{}]", e.nr), "{r:?}");
            let title = e.text.split(", ").next().expect("title");
            assert!(r.heard.starts_with(&format!("{kalla} {}: {title}, ", e.nr)), "{r:?} {e:?}");
            assert!(r.heard.ends_with(date) && e.text.contains(date), "{r:?} {e:?}");
            assert!(html.contains(&format!(r#"<li id="kalla-{}""#, r.target)));
            e.nr
        })
        .collect()
}

#[test]
fn the_contact_section_cites_its_source_by_number_in_swedish_and_english() {
    // Avesta: the organisation's phone number, from rapport-2023.
    let out = built_fixture();
    for (rel, kalla, date, full) in [
        ("kommun/avesta", "Källa", "31 december 2023", "Källa: Verksamhetsberättelse"),
        ("en/kommun/avesta", "Source", "31 December 2023", "Source: Verksamhetsberättelse"),
    ] {
        let html = page(out, rel);
        let contact = section(&html, "kontakt-rubrik");
        let list = kallor_list(&html);
        let nrs = assert_refs_lead_to_entries(&html, contact, &list, kalla, date);
        let text = visible_text(contact);
        assert!(text.contains(&format!("{kalla}: [{}]", nrs[0])), "{text}");
        assert!(!text.contains(full), "the full line is gone: {text}");
        let e = entry(&list, "rapport-2023");
        assert_eq!(e.text, format!("Verksamhetsberättelse 2023, Testombuden, {date}"));
        assert!(e.printed, "the contact's source is on paper too: {e:?}");
    }
    let list = |rel| visible_text(section(&page(out, rel), "kallor-rubrik"));
    assert!(list("kommun/avesta").starts_with("Källor Verksamhetsberättelse 2023"), "{}", list("kommun/avesta"));
    assert!(list("en/kommun/avesta").starts_with("Sources Verksamhetsberättelse 2023"), "{}", list("en/kommun/avesta"));
}

const KALLOR: &str = r#"
  - id: webb-vallentuna
    titel: "Personligt ombud"
    utgivare: "Vallentuna kommun"
    datum: "2024-03-01"
    url: "https://www.vallentuna.example.se/personligt-ombud"
    sedd: "2026-11"
    beskrivning: "Kommunens sida om personligt ombud."
  - id: webb-kontakt
    titel: "Kontakta personligt ombud"
    utgivare: "Avesta kommun"
    datum: "2025-02-03"
    beskrivning: "Kommunens kontaktuppgifter till personligt ombud."
"#;

fn site_with(files: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    built_with_sources(KALLOR, files)
}

#[test]
fn the_answer_and_the_history_name_their_sources_and_link_to_the_page_s_own_list() {
    // Vallentuna: a page of the kommun's (2024) says it has PO; the 2012 study, that it
    // lacked PO, becomes history; the page is also the contact route.
    let vallentuna = "kod: \"0115\"\nnamn: \"Vallentuna\"\npo:\n  status: saknas\n  kallor: [studie-2012]\n  uppgifter:\n    - status: har-po\n      kalla: webb-vallentuna\n";
    let (_s, out) = site_with(&[("data/kommuner/0115-vallentuna.yaml", vallentuna)]);
    for (rel, kalla, answer, history, old) in [
        (
            "kommun/vallentuna",
            "Källa",
            "en sida hos Vallentuna kommun, daterad 1 mars 2024,",
            "Kartläggning 2012 (Testinstitutet, 21 maj 2012)",
            "Kartläggning 2012, Testinstitutet, 21 maj 2012 (äldre än 3 år)",
        ),
        (
            "en/kommun/vallentuna",
            "Source",
            "a page by Vallentuna kommun dated 1 March 2024",
            "Kartläggning 2012 (Testinstitutet, 21 May 2012)",
            "Kartläggning 2012, Testinstitutet, 21 May 2012 (older than 3 years)",
        ),
    ] {
        let html = page(&out, rel);
        let list = kallor_list(&html);
        let svar = section(&html, "svar-rubrik");
        let besked = between(svar, r#"<p class="besked">"#, "</p>").expect("answer");
        // The answer's source, named in words, leads to its entry.
        assert_eq!(named_sources(besked), [("webb-vallentuna".to_string(), answer.to_string())], "{besked}");
        let e = entry(&list, "webb-vallentuna");
        assert!(e.text.starts_with("Personligt ombud, Vallentuna kommun, 1 "), "{e:?}");
        // So does the history's.
        let historik = between(svar, r#"<ul class="historik">"#, "</ul>").expect("history");
        assert_eq!(named_sources(historik), [("studie-2012".to_string(), history.to_string())], "{historik}");
        let e = entry(&list, "studie-2012");
        assert_eq!(e.text, old);
        assert!(!e.printed, "history is not printed, nor its source: {e:?}");
        // The contact route is the same page: a number for the same entry.
        let contact = section(&html, "kontakt-rubrik");
        let date = if rel.starts_with("en/") { "1 March 2024" } else { "1 mars 2024" };
        let nrs = assert_refs_lead_to_entries(&html, contact, &list, kalla, date);
        assert_eq!(nrs, [entry(&list, "webb-vallentuna").nr]);
        assert!(entry(&list, "webb-vallentuna").printed);
        assert!(!visible_text(contact).contains(&format!("{kalla}: Personligt ombud")), "no full line: {contact}");
    }
}

#[test]
fn a_contact_source_that_no_evidence_cites_is_in_the_list_too() {
    // Avesta's own contact details, from a source that says nothing else on the page.
    let avesta =
        "kod: \"2084\"\nnamn: \"Avesta\"\npo:\n  kontakt:\n    telefon: \"0226-100 00\"\n    kalla: webb-kontakt\n";
    let (_s, out) = site_with(&[("data/kommuner/2084-avesta.yaml", avesta)]);
    for (rel, kalla, date) in
        [("kommun/avesta", "Källa", "3 februari 2025"), ("en/kommun/avesta", "Source", "3 February 2025")]
    {
        let html = page(&out, rel);
        let contact = section(&html, "kontakt-rubrik");
        assert!(contact.contains("0226-100 00"), "{contact}");
        let list = kallor_list(&html);
        assert_refs_lead_to_entries(&html, contact, &list, kalla, date);
        let e = entry(&list, "webb-kontakt");
        assert_eq!(e.text, format!("Kontakta personligt ombud, Avesta kommun, {date}"));
        assert!(e.printed, "{e:?}");
    }
}

#[test]
fn kommun_pages_have_unique_ids_and_every_same_page_link_lands() {
    let out = built_fixture();
    for lang in ["", "en/"] {
        for dir in std::fs::read_dir(out.join(lang).join("kommun")).expect("kommun pages") {
            let path = dir.expect("entry").path().join("index.html");
            let html = read(&path);
            let ids: Vec<&str> = html.split(r#" id=""#).skip(1).filter_map(|s| s.split('"').next()).collect();
            let unique: BTreeSet<&str> = ids.iter().copied().collect();
            assert_eq!(ids.len(), unique.len(), "duplicate ids in {}", path.display());
            for target in html.split(r##"href="#"##).skip(1).filter_map(|s| s.split('"').next()) {
                assert!(unique.contains(target), "{}: #{target} leads nowhere", path.display());
            }
            // No source link leaves the page for the site-wide list from the answer (a page
            // that asks which of several kommuner is meant has no answer).
            if html.contains(r#"id="svar-rubrik""#) {
                let svar = section(&html, "svar-rubrik");
                assert!(!svar.contains(r#"href="/kallor/"#), "{}: {svar}", path.display());
            }
        }
    }
}
