//! Evidence over time, on the fixture site as a visitor reads the pages: the newest
//! evidence gives the answer, older evidence becomes history, real disagreements stay
//! visible, memberships and organisations have dates, and the contact route is the best
//! the data has.
//!
//! The fixture has: Vallentuna lacking PO in 2012 (studie-2012), Avesta and Borlänge in
//! dalarna-test (rapport-2023, 31 December 2023, with a phone number), Upplands Väsby
//! in vasby-test (2012), and Habo (Jönköpings län) with nothing about PO.

mod common;
use common::*;

use std::path::Path;

/// Sources appended to the fixture's data/kallor.yaml by the scenarios.
const SOURCES: &str = r#"
  - id: webb-vallentuna
    titel: "Personligt ombud"
    utgivare: "Vallentuna kommun"
    datum: "2024-03-01"
    url: "https://www.vallentuna.example.se/personligt-ombud"
    sedd: "2026-11"
    beskrivning: "Kommunens sida om personligt ombud."
  - id: webb-lista-2023
    titel: "Kommuner utan personligt ombud"
    utgivare: "Listverket"
    datum: "2024-03"
    url: "https://lista.example.se/utan-po"
    sedd: "2026-11"
    beskrivning: "En lista över kommuner som saknar personligt ombud."
  - id: webb-odaterad
    titel: "Om personligt ombud"
    utgivare: "Samordningsförbundet Test"
    odaterad: true
    url: "https://samordning.example.se/po"
    sedd: "2026-11"
    beskrivning: "En odaterad sida om personligt ombud."
  - id: webb-odaterad-2017
    titel: "Personligt ombud i länet"
    utgivare: "Länsstyrelsen Test"
    odaterad: true
    tidigast: "2017"
    datering: "Sidan anger inget datum men länkar en rapport från 2017."
    url: "https://lansstyrelsen.example.se/po"
    sedd: "2026-11"
    beskrivning: "En odaterad sida om personligt ombud i länet."
  - id: webb-dalarna-2024
    titel: "Nyheter om personligt ombud"
    utgivare: "Testombuden"
    datum: "2024-06-15"
    url: "https://dalarna.example.se/nyheter"
    sedd: "2026-11"
    beskrivning: "Nyhet om verksamheten."
"#;

/// The fixture with the extra sources and the given files laid over it, built.
fn site_with(files: &[(&str, &str)]) -> (tempfile::TempDir, std::path::PathBuf) {
    built_with_sources(SOURCES, files)
}

fn kommun(out: &Path, slug: &str) -> String {
    visible_text(&read(&out.join("kommun").join(slug).join("index.html")))
}

/// The answer box of a kommun page, as text.
fn answer(out: &Path, slug: &str) -> String {
    let text = kommun(out, slug);
    let start = text.find("Finns personligt ombud i").expect("answer");
    let end = text.find("Så kontaktar du personligt ombud").expect("contact");
    text[start..end].to_string()
}

/// The "lacking PO" section of /saknar-po/, as text.
fn saknar_list(out: &Path) -> String {
    let html = read(&out.join("saknar-po/index.html"));
    let start = html.find("<section aria-labelledby=\"saknas\"").expect("section");
    let end = start + html[start..].find("</section>").expect("end");
    visible_text(&html[start..end])
}

const VALLENTUNA_2012: &str = "kod: \"0115\"\nnamn: \"Vallentuna\"\npo:\n  status: saknas\n  kallor: [studie-2012]\n";

fn vallentuna_with(uppgifter: &str) -> String {
    format!("{VALLENTUNA_2012}  uppgifter:\n{uppgifter}")
}

#[test]
fn newer_evidence_gives_the_answer_and_older_becomes_history() {
    let (_s, out) = site_with(&[(
        "data/kommuner/0115-vallentuna.yaml",
        &vallentuna_with("    - status: har-po\n      kalla: webb-vallentuna\n"),
    )]);
    let text = answer(&out, "vallentuna");
    assert!(
        text.contains(
            "Ja. Enligt en sida hos Vallentuna kommun, daterad 1 mars 2024, har Vallentuna personligt ombud."
        ),
        "{text}"
    );
    assert!(text.contains("Tidigare uppgifter"), "{text}");
    assert!(
        text.contains(
            "21 maj 2012: Enligt Kartläggning 2012 (Testinstitutet, 21 maj 2012) saknade Vallentuna personligt ombud."
        ),
        "{text}"
    );
    assert!(!text.contains("Källorna säger olika"), "{text}");
    // The lists follow the answer: Vallentuna is no longer among those lacking PO.
    assert!(
        saknar_list(&out).contains("Saknar personligt ombud enligt källan (0 kommuner, 0 invånare)"),
        "{}",
        saknar_list(&out)
    );
}

#[test]
fn equally_new_evidence_that_disagrees_is_a_conflict() {
    // "2024-03" may be the same day as 2024-03-01: neither is newer.
    let (_s, out) = site_with(&[(
        "data/kommuner/0115-vallentuna.yaml",
        &vallentuna_with(
            "    - status: har-po\n      kalla: webb-vallentuna\n    - status: saknas\n      kalla: webb-lista-2023\n",
        ),
    )]);
    let text = answer(&out, "vallentuna");
    assert!(text.contains("Källorna säger olika."), "{text}");
    assert!(text.contains("daterad 1 mars 2024, har Vallentuna personligt ombud. (1 mars 2024)"), "{text}");
    assert!(text.contains("daterad mars 2024, saknar Vallentuna personligt ombud. (mars 2024)"), "{text}");
    // The 2012 statement is older than both: history, not part of the conflict.
    assert!(text.contains("Tidigare uppgifter") && text.contains("21 maj 2012: Enligt Kartläggning 2012"), "{text}");
}

#[test]
fn an_undated_source_is_ordered_only_through_its_earliest_date() {
    let (_s, out) = site_with(&[(
        "data/kommuner/0115-vallentuna.yaml",
        &vallentuna_with("    - status: har-po\n      kalla: webb-odaterad\n"),
    )]);
    let text = answer(&out, "vallentuna");
    assert!(text.contains("Källorna säger olika."), "undated vs 2012 cannot be ordered: {text}");
    assert!(text.contains("Enligt en odaterad sida hos Samordningsförbundet Test har Vallentuna"), "{text}");
    assert!(text.contains("Den nyaste uppgiften kommer från en källa utan datum (odaterad)"), "{text}");

    let (_s, out) = site_with(&[(
        "data/kommuner/0115-vallentuna.yaml",
        &vallentuna_with("    - status: har-po\n      kalla: webb-odaterad-2017\n"),
    )]);
    let text = answer(&out, "vallentuna");
    assert!(
        text.contains("Ja. Enligt en odaterad sida hos Länsstyrelsen Test har Vallentuna personligt ombud."),
        "{text}"
    );
    assert!(text.contains("Tidigare uppgifter") && text.contains("21 maj 2012: Enligt Kartläggning 2012"), "{text}");
    // Undated is never fresh.
    assert!(
        text.contains("Den nyaste uppgiften kommer från en källa utan datum (odaterad, tidigast från 2017)"),
        "{text}"
    );
}

#[test]
fn an_undated_newest_source_is_a_check_warning() {
    let site = fixture("minimal");
    let kallor = read(&site.path().join("data/kallor.yaml")) + SOURCES;
    write(site.path(), "data/kallor.yaml", &kallor);
    write(
        site.path(),
        "data/kommuner/0115-vallentuna.yaml",
        &vallentuna_with("    - status: har-po\n      kalla: webb-odaterad-2017\n"),
    );
    let out = check(site.path());
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains(
            "data/kommuner/0115-vallentuna.yaml: warning: the newest evidence about PO in Vallentuna is undated (webb-odaterad-2017)"
        ),
        "{}",
        stderr(&out)
    );
}

const DALARNA: &str =
    "id: dalarna-test\nnamn: \"Personligt Ombud Dalarna Test\"\ndriftsform: samverkan\nvardkommun: \"2081\"\n";
const DALARNA_CONTACT: &str = "kontakt:\n  telefon: \"0243-123 45\"\n  kalla: rapport-2023\n";

#[test]
fn joining_and_leaving_have_dates() {
    let po = format!(
        "{DALARNA}kommuner: [\"2081\"]\nkommunuppgifter:\n  - kommun: \"2081\"\n    fran: \"2020-01-01\"\n    kalla: rapport-2023\ntidigare:\n  - kommun: \"2084\"\n    till: \"2024-01-01\"\n    kalla: webb-dalarna-2024\n    fran: \"2015-01-01\"\n    anmarkning: \"Avesta gick ur samverkan.\"\n{DALARNA_CONTACT}kallor: [rapport-2023, webb-dalarna-2024]\n"
    );
    let (_s, out) = site_with(&[("data/po/dalarna-test.yaml", &po)]);
    let avesta = answer(&out, "avesta");
    assert!(avesta.contains("Det är osäkert."), "{avesta}");
    assert!(
        avesta.contains(
            "Enligt en sida hos Testombuden, daterad 15 juni 2024, lämnade Avesta Personligt Ombud Dalarna Test den 1 januari 2024."
        ),
        "{avesta}"
    );
    assert!(
        avesta.contains("1 januari 2015: Enligt en sida hos Testombuden, daterad 15 juni 2024, ingick Avesta i"),
        "{avesta}"
    );
    let org = visible_text(&read(&out.join("po/dalarna-test/index.html")));
    assert!(org.contains("Kommun Borlänge, med sedan 1 januari 2020"), "{org}");
    assert!(
        org.contains(
            "Tidigare medlemmar Avesta: med från 1 januari 2015 till 1 januari 2024. Avesta gick ur samverkan."
        ),
        "{org}"
    );
    // Maps and lists use current membership: Avesta is not counted as a member.
    let borlange = answer(&out, "borlange");
    assert!(borlange.contains("Ja."), "{borlange}");
    assert!(!borlange.contains("Kommuner i samma verksamhet"), "{borlange}");
}

#[test]
fn an_organisation_that_ended_leaves_its_kommuner_without_po() {
    let po = format!(
        "{DALARNA}kommuner: [\"2081\", \"2084\"]\nslut:\n  datum: \"2024-06\"\n  kalla: webb-dalarna-2024\n  anmarkning: \"Verksamheten lades ned.\"\n{DALARNA_CONTACT}kallor: [rapport-2023, webb-dalarna-2024]\n"
    );
    let (_s, out) = site_with(&[("data/po/dalarna-test.yaml", &po)]);
    let avesta = answer(&out, "avesta");
    assert!(avesta.contains("Nej, enligt den nyaste uppgiften."), "{avesta}");
    assert!(
        avesta.contains("upphörde Personligt Ombud Dalarna Test i juni 2024, och Avesta ingick i den."),
        "{avesta}"
    );
    assert!(avesta.contains("ingick Avesta i Personligt Ombud Dalarna Test"), "membership is history: {avesta}");
    // No route to an organisation that no longer exists.
    assert!(!kommun(&out, "avesta").contains("0243-123 45"));
    let org = visible_text(&read(&out.join("po/dalarna-test/index.html")));
    assert!(org.contains("Upphörde juni 2024. Verksamheten lades ned."), "{org}");
    assert!(org.contains("inga nuvarande medlemskommuner"), "{org}");
    let saknar = saknar_list(&out);
    assert!(
        // Vallentuna 35 119, Avesta 22 417 and Borlänge 51 425 in the fixture's population.
        saknar.contains("(3 kommuner, 108 961 invånare)")
            && saknar.contains("Dalarnas län Avesta (15 juni 2024) Borlänge (15 juni 2024)"),
        "{saknar}"
    );
}

#[test]
fn the_contact_route_is_the_best_the_data_has() {
    // Level 1: the organisation's phone (Avesta, unchanged fixture).
    let (_s, out) = site_with(&[(
        "data/kommuner/0115-vallentuna.yaml",
        &vallentuna_with("    - status: har-po\n      kalla: webb-vallentuna\n"),
    )]);
    let avesta = read(&out.join("kommun/avesta/index.html"));
    assert!(avesta.contains(r#"<a href="tel:+4624312345">0243-123 45</a>"#), "level 1");
    // Level 3: a page about PO for the kommun, with its source and date.
    let vallentuna = kommun(&out, "vallentuna");
    assert!(
        vallentuna.contains(
            "Vallentuna kommun har en sida om personligt ombud för Vallentuna: https://www.vallentuna.example.se/personligt-ombud."
        ),
        "level 3: {vallentuna}"
    );
    // The source is a reference [1] to the page's Källor list (tests/references.rs).
    assert!(vallentuna.contains("Källa: [1]"), "{vallentuna}");
    assert!(vallentuna.contains("Källor Personligt ombud, Vallentuna kommun, 1 mars 2024"), "{vallentuna}");
    // Level 4: only general advice.
    let habo = kommun(&out, "habo-jonkopings-lan");
    assert!(habo.contains("Katalogen har inga kontaktuppgifter till personligt ombud i Habo."), "level 4: {habo}");

    // Level 2: a contact page without phone or e-mail; the kommun's own details come first.
    let own = "kod: \"2084\"\nnamn: \"Avesta\"\npo:\n  kontakt:\n    webb: \"https://www.avesta.example.se/kontakt\"\n    kalla: webb-vallentuna\n";
    let po = format!(
        "{DALARNA}kommuner: [\"2081\", \"2084\"]\nkontakt:\n  webb: \"https://dalarna.example.se/po\"\n  kalla: rapport-2023\nkallor: [rapport-2023]\n"
    );
    let (_s, out) = site_with(&[("data/kommuner/2084-avesta.yaml", own), ("data/po/dalarna-test.yaml", &po)]);
    let avesta = kommun(&out, "avesta");
    assert!(
        avesta.contains(
            "Katalogen har inget telefonnummer eller e-postadress, men kontaktuppgifterna finns på webbsidan nedan."
        ),
        "level 2: {avesta}"
    );
    assert!(avesta.contains("https://www.avesta.example.se/kontakt"), "own details first: {avesta}");
    assert!(!avesta.contains("https://dalarna.example.se/po"), "{avesta}");
}

#[test]
fn absence_from_a_list_changes_nothing() {
    let (_s, before) = site_with(&[]);
    // A list of kommuner lacking PO names Vallentuna only.
    let (_s2, after) = site_with(&[(
        "data/kommuner/0115-vallentuna.yaml",
        &vallentuna_with("    - status: saknas\n      kalla: webb-lista-2023\n"),
    )]);
    for slug in ["avesta", "borlange", "habo-jonkopings-lan", "upplands-vasby", "habo-uppsala-lan"] {
        assert_eq!(answer(&before, slug), answer(&after, slug), "{slug} changed");
    }
    assert!(
        answer(&after, "vallentuna").contains("daterad mars 2024, saknar Vallentuna"),
        "{}",
        answer(&after, "vallentuna")
    );
}

#[test]
fn an_undated_page_about_an_ending_cannot_outweigh_a_newer_dated_page() {
    // The ending (2019) is told by an undated page; the 2023 report still lists the
    // members. Neither can be ordered before the other: the sources disagree.
    let po = format!(
        "{DALARNA}kommuner: [\"2081\", \"2084\"]\nslut:\n  datum: \"2019\"\n  kalla: webb-odaterad\n{DALARNA_CONTACT}kallor: [rapport-2023, webb-odaterad]\n"
    );
    let (_s, out) = site_with(&[("data/po/dalarna-test.yaml", &po)]);
    let avesta = answer(&out, "avesta");
    assert!(avesta.contains("Källorna säger olika."), "{avesta}");
    assert!(avesta.contains("upphörde Personligt Ombud Dalarna Test år 2019"), "{avesta}");
    assert!(avesta.contains("ingår Avesta i Personligt Ombud Dalarna Test"), "{avesta}");
}

#[test]
fn newer_membership_replaces_older_without_a_conflict() {
    // 2012 membership of vasby-test, 2023 membership of dalarna-test: the older is history.
    let vasby = "id: vasby-test\nnamn: \"X\"\ndriftsform: entreprenad\nutforare: testforeningen\nkommuner: [\"0114\", \"2084\"]\nkallor: [studie-2012]\n";
    let site = fixture_with(&[("data/po/vasby-test.yaml", vasby)]);
    let out = check(site.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (_s, built) = site_with(&[("data/po/vasby-test.yaml", vasby)]);
    let avesta = answer(&built, "avesta");
    assert!(avesta.contains("Ja. Enligt Verksamhetsberättelse 2023"), "{avesta}");
    assert!(
        avesta.contains("21 maj 2012: Enligt Kartläggning 2012 (Testinstitutet, 21 maj 2012) ingick Avesta i"),
        "{avesta}"
    );
    // A 2012 status beside a 2023 membership is history too, not an error.
    let site = fixture_with(&[(
        "data/kommuner/2084-avesta.yaml",
        "kod: \"2084\"\nnamn: \"Avesta\"\npo:\n  status: saknas\n  kallor: [studie-2012]\n",
    )]);
    let out = check(site.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}
