//! The English pages of the fixture site: one model, the English words.

mod common;
use common::*;

fn page(rel: &str) -> String {
    read(&built_fixture().join(rel).join("index.html"))
}

#[test]
fn every_kommun_has_an_english_answer_and_contact_section() {
    let html = page("en/kommun/avesta");
    assert!(html.contains(r#"<html lang="en">"#));
    let text = visible_text(&html);
    assert!(text.contains("Is there a personal ombudsman (personligt ombud) in Avesta?"), "{text}");
    assert!(
        text.contains("Yes. According to Verksamhetsberättelse 2023 (Testombuden, 31 December 2023), Avesta is part of Personligt Ombud Dalarna Test."),
        "{text}"
    );
    assert!(text.contains("How it is run Run jointly by several kommuner."), "{text}");
    assert!(
        text.contains("How to contact a personal ombudsman Personligt Ombud Dalarna Test Phone 0243-123 45"),
        "{text}"
    );
    // The source's own Swedish words are marked as Swedish for screen readers.
    assert!(html.contains(r#"<dd lang="sv">Vardagar &lt;b&gt;8–16&lt;/b&gt;</dd>"#), "{html}");
    // Old and undated evidence are said to be so in English too.
    let vallentuna = visible_text(&page("en/kommun/vallentuna"));
    assert!(vallentuna.contains("No, according to the newest information. According to Kartläggning 2012 (Testinstitutet, 21 May 2012), Vallentuna had no personligt ombud."), "{vallentuna}");
    assert!(vallentuna.contains("The newest information is from 21 May 2012, more than 3 years ago."), "{vallentuna}");
    let habo = visible_text(&page("en/kommun/habo-jonkopings-lan"));
    assert!(
        habo.contains("We do not know. None of the directory’s sources says anything about personligt ombud in Habo."),
        "{habo}"
    );
    let count = std::fs::read_dir(built_fixture().join("en/kommun")).unwrap().count();
    assert_eq!(count, 6, "one English page per kommun");
}

#[test]
fn each_language_links_the_other() {
    let sv = page("kommun/avesta");
    let en = page("en/kommun/avesta");
    for html in [&sv, &en] {
        assert!(html.contains(r#"<link rel="alternate" hreflang="sv" href="https://test.example.se/kommun/avesta/">"#));
        assert!(
            html.contains(r#"<link rel="alternate" hreflang="en" href="https://test.example.se/en/kommun/avesta/">"#)
        );
    }
    assert!(sv.contains(r#"<a href="/en/kommun/avesta/" hreflang="en" lang="en">In English</a>"#));
    assert!(en.contains(r#"<a href="/kommun/avesta/" hreflang="sv" lang="sv">På svenska</a>"#));
    let start = page("");
    assert!(start.contains(r#"hreflang="en" href="https://test.example.se/en/""#));
    let sitemap = read(&built_fixture().join("sitemap.xml"));
    for url in [
        "https://test.example.se/en/",
        "https://test.example.se/en/kommun/avesta/",
        "https://test.example.se/en/saknar-po/",
    ] {
        assert!(sitemap.contains(&format!("<loc>{url}</loc>")), "{url}");
    }
}

#[test]
fn english_start_lacking_and_dmo_pages() {
    let start = visible_text(&page("en"));
    assert!(start.contains("A personal ombudsman, in Swedish personligt ombud (PO), helps adults"), "{start}");
    assert!(start.contains("It is free of charge."));
    assert!(start.contains("Avesta Has a personal ombudsman"), "{start}");
    let lacking = visible_text(&page("en/saknar-po"));
    assert!(
        lacking.contains(
            "No personal ombudsman, according to the source (1 kommun) Stockholms län Vallentuna (21 May 2012)"
        ),
        "{lacking}"
    );
    let dmo = visible_text(&page("en/dmo"));
    assert!(dmo.contains("Active with the model (1 kommun) Habo"), "{dmo}");
}
