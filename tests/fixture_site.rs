//! Builds the small fixture site and checks the pages as a visitor would read them.

mod common;
use common::*;

fn built() -> ((), std::path::PathBuf) {
    ((), built_fixture().to_path_buf())
}

#[test]
fn kommun_with_an_organisation_says_yes_and_how_to_reach_it() {
    let (_site, out) = built();
    let html = read(&out.join("kommun/avesta/index.html"));
    let text = visible_text(&html);
    assert!(text.contains("Personligt ombud i Avesta"), "{text}");
    assert!(
        text.contains(
            "Ja. Enligt Verksamhetsberättelse 2023 (Testombuden, 31 december 2023) ingår Avesta i Personligt Ombud Dalarna Test."
        ),
        "{text}"
    );
    assert!(text.contains("Samverkan mellan kommuner"));
    assert!(html.contains(r#"<a href="/po/dalarna-test/">"#));
    assert!(html.contains(r#"<a href="tel:+4624312345">0243-123 45</a>"#), "phone link missing");
    // Query strings keep their ampersands, escaped once.
    assert!(html.contains(r#"href="https://www.example.se/po?a=1&amp;b=2""#));
    // HTML in data is shown as text, never as markup.
    assert!(html.contains("Vardagar &lt;b&gt;8–16&lt;/b&gt;"), "data must be escaped");
    assert!(html.contains(r#"<html lang="sv">"#));
    // Newest fact is from 2023-12-31: less than three years before 2026-11-23.
    assert!(!text.contains("kan vara inaktuell"));
}

#[test]
fn the_three_kinds_of_missing_po_look_different() {
    let (_site, out) = built();
    let saknas = visible_text(&read(&out.join("kommun/vallentuna/index.html")));
    assert!(saknas.contains("Nej, enligt den nyaste uppgiften."), "{saknas}");
    let osaker = visible_text(&read(&out.join("kommun/habo-uppsala-lan/index.html")));
    assert!(osaker.contains("Det är osäkert."), "{osaker}");
    let okand = visible_text(&read(&out.join("kommun/borlange/index.html")));
    assert!(okand.contains("Ja."), "Borlänge is in the organisation");
    let unknown = visible_text(&read(&out.join("kommun/habo-jonkopings-lan/index.html")));
    assert!(unknown.contains("Vi vet inte."), "{unknown}");
    assert!(unknown.contains("Katalogen har inga kontaktuppgifter"), "{unknown}");
    assert!(unknown.contains("Aktiv med Delaktighetsmodellen"), "{unknown}");
}

#[test]
fn old_facts_are_flagged_and_data_html_is_escaped() {
    let (_site, out) = built();
    let html = read(&out.join("kommun/vallentuna/index.html"));
    let text = visible_text(&html);
    assert!(
        text.contains("Uppgiften kan vara inaktuell. Den nyaste uppgiften är från 21 maj 2012, mer än 3 år sedan."),
        "{text}"
    );
    assert!(!html.contains("<script>"), "script from data reached the page");
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
}

#[test]
fn kommuner_with_the_same_slug_get_their_lan_and_a_choice_page() {
    let (_site, out) = built();
    let choice = visible_text(&read(&out.join("kommun/habo/index.html")));
    assert!(choice.contains("Håbo i Uppsala län"), "{choice}");
    assert!(choice.contains("Habo i Jönköpings län"), "{choice}");
    let conflict = visible_text(&read(&out.join("kommun/habo-uppsala-lan/index.html")));
    assert!(conflict.contains("Källorna säger olika"), "{conflict}");
    assert!(conflict.contains("Källan stavar Håbo som Habo."), "{conflict}");
}

#[test]
fn start_page_lists_every_kommun_a_to_o() {
    let (_site, out) = built();
    let html = read(&out.join("index.html"));
    let text = visible_text(&html);
    assert!(text.contains("Finns personligt ombud i min kommun?"));
    let order = ["Avesta", "Borlänge", "Habo", "Håbo", "Upplands Väsby", "Vallentuna"];
    let positions: Vec<usize> = order.iter().map(|n| text.find(&format!("{n} ")).expect(n)).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "not in Swedish order: {positions:?}");
    for slug in ["avesta", "borlange", "habo-jonkopings-lan", "habo-uppsala-lan", "upplands-vasby", "vallentuna"] {
        assert!(html.contains(&format!("href=\"/kommun/{slug}/\"")), "{slug} not linked");
    }
}

#[test]
fn organisation_page_shows_figures_with_sources_and_statistics() {
    let (_site, out) = built();
    let html = read(&out.join("po/dalarna-test/index.html"));
    let text = visible_text(&html);
    assert!(text.contains("Antal ombud 7"), "{text}");
    assert!(text.contains("Årsarbetare 6,5"), "{text}");
    assert!(text.contains("Hela verksamheten"));
    assert!(text.contains("2023 162 97"), "{text}");
    // Per-kommun figures are grouped by year (the newest open, older ones in <details>).
    assert!(text.contains("Per kommun, 2022 Kommun"), "{text}");
    assert!(text.contains("Avesta ca 40"), "{text}");
    // Facts cite their source by a numbered reference into the page's Källor list.
    assert!(html.contains(r##"<a class="ref" href="#kalla-"##), "{html}");
    assert!(html.contains(r#"<ol class="kallor">"#) && html.contains(r#"<li id="kalla-"#), "{html}");
    let entreprenad = visible_text(&read(&out.join("po/vasby-test/index.html")));
    assert!(entreprenad.contains("Utförare Testföreningen (ideell förening)"), "{entreprenad}");
    assert!(entreprenad.contains("Uppgifterna kan vara inaktuella"), "{entreprenad}");
}

#[test]
fn lan_saknar_po_content_and_technical_pages_exist() {
    let (_site, out) = built();
    let lan = visible_text(&read(&out.join("lan/dalarnas-lan/index.html")));
    // With its inhabitants from data/befolkning.yaml.
    assert!(lan.contains("Avesta 22 417 Har PO Personligt Ombud Dalarna Test Samverkan mellan kommuner"), "{lan}");
    let saknar = visible_text(&read(&out.join("saknar-po/index.html")));
    let (saknas_at, osaker_at, okand_at) = (
        saknar.find("Saknar personligt ombud enligt källan (1 kommun, 35 119 invånare)").expect("saknas"),
        saknar.find("Osäkert om det finns personligt ombud (1 kommun, 22 973 invånare)").expect("osäker"),
        saknar.find("Uppgift saknas (1 kommun, 13 456 invånare)").expect("okänd"),
    );
    assert!(saknas_at < osaker_at && osaker_at < okand_at);
    let page = read(&out.join("om/testsida/index.html"));
    assert!(page.contains("<em>betoning</em>"));
    assert!(!page.contains("<script>"), "raw HTML from Markdown reached the page");
    assert!(read(&out.join("404.html")).contains("Sidan finns inte"));
    let sitemap = read(&out.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://test.example.se/kommun/avesta/</loc>"));
    assert!(!sitemap.contains("404"));
    assert!(read(&out.join("robots.txt")).contains("Sitemap: https://test.example.se/sitemap.xml"));
    let css = asset(&out, "style", "css");
    let url = format!("/resurser/{}", css.file_name().unwrap().to_str().unwrap());
    assert!(read(&out.join("index.html")).contains(&format!(r#"<link rel="stylesheet" href="{url}">"#)));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = fixture("minimal");
    let (first, out) = build(site.path());
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&out);
    let (second, _) = build(site.path());
    assert!(second.status.success());
    assert_eq!(before, snapshot(&out));
}

#[test]
fn edit_and_report_links_lead_to_the_files_each_page_is_made_from() {
    let site = fixture_with(&[(
        "data/site.yaml",
        "titel: \"Testkatalog\"\nbas_url: \"https://test.example.se\"\nsprak: sv\naldersgrans_ar: 3\n\
         redigera_url: \"https://github.com/org/katalog/edit/main/{fil}\"\n\
         felrapport_url: \"https://github.com/org/katalog/issues/new?title={titel}&body={text}\"\n",
    )]);
    let (output, out) = build(site.path());
    assert!(output.status.success(), "{}", stderr(&output));
    // A kommun page links its own file and the file of the organisation its answer comes from.
    let avesta = read(&out.join("kommun/avesta/index.html"));
    assert!(avesta.contains(r#"<a href="https://github.com/org/katalog/edit/main/data/kommuner/2084-avesta.yaml">Föreslå en ändring</a> i <code>data/kommuner/2084-avesta.yaml</code>"#), "{avesta}");
    assert!(avesta.contains(
        r#"<a href="https://github.com/org/katalog/edit/main/data/po/dalarna-test.yaml">Föreslå en ändring</a>"#
    ));
    assert!(avesta.contains(
        "https://github.com/org/katalog/issues/new?title=Fel+p%C3%A5+sidan+Avesta&amp;body=Sidan%3A+https%3A%2F%2Ftest.example.se%2Fkommun%2Favesta%2F%0AFiler%3A+data%2Fkommuner%2F2084-avesta.yaml%2C+data%2Fpo%2Fdalarna-test.yaml"
    ), "{avesta}");
    let org = read(&out.join("po/dalarna-test/index.html"));
    assert!(org.contains("edit/main/data/po/dalarna-test.yaml\">Föreslå en ändring</a>"));
    let lan = read(&out.join("lan/dalarnas-lan/index.html"));
    assert!(lan.contains("edit/main/data/lan.yaml\">Föreslå en ändring</a>"));
    let page = read(&out.join("om/testsida/index.html"));
    assert!(page.contains("edit/main/content/om/testsida.md\">Föreslå en ändring</a>"), "{page}");
    assert!(page.contains("Rapportera ett fel"));

    // Without the templates, no page has either link.
    let plain = read(&built_fixture().join("kommun/avesta/index.html"));
    assert!(!plain.contains("Föreslå en ändring") && !plain.contains("Rapportera ett fel"));
}
