//! Figures weighted by population, on the pages of fixture sites, against the fixture's
//! data: tests/fixtures/minimal/data/befolkning.yaml gives Upplands Väsby 50 323, Vallentuna
//! 35 119, Håbo 22 973, Habo 13 456, Borlänge 51 425 and Avesta 22 417 inhabitants
//! (195 713 in all). Upplands Väsby (vasby-test), Borlänge and Avesta (dalarna-test: 7
//! ombud and 6,5 årsarbetare from a 2023 source) have PO, Vallentuna lacks it, Håbo is
//! uncertain and Habo unknown.

mod common;
use common::*;

use std::path::Path;

fn page(out: &Path, rel: &str) -> String {
    visible_text(&read(&out.join(rel).join("index.html")))
}

/// The rows of the table of inhabitants by answer, as the fixture's data gives them:
/// with PO 50 323 + 51 425 + 22 417 = 124 165 of 195 713 (63,4 %), lacking 35 119
/// (17,9 %), uncertain 22 973 (11,7 %), unknown 13 456 (6,9 %), none conflicting.
const NATIONAL: &str = "Har personligt ombud 3 124 165 63,4 % \
    Saknar personligt ombud enligt källan 1 35 119 17,9 % \
    Osäkert om det finns personligt ombud 1 22 973 11,7 % \
    Uppgift saknas 1 13 456 6,9 % \
    Källorna säger olika 0 0 0,0 % \
    Alla kommuner 6 195 713 100,0 %";

#[test]
fn start_page_and_saknar_po_weigh_the_answers_by_inhabitants() {
    let out = built_fixture();
    let start = page(out, "");
    assert!(start.contains("63,4 % av Sveriges 195 713 invånare bor i en kommun som har personligt ombud"), "{start}");
    assert!(start.contains(NATIONAL), "{start}");
    assert!(start.contains("Invånarna räknas den 31 december 2024."), "the population's date is given");
    assert!(start.contains("Källa: Folkmängd i testkommunerna, 31 december 2024"), "and its source");
    let saknar = page(out, "saknar-po");
    assert!(saknar.contains(NATIONAL), "{saknar}");
}

#[test]
fn each_lan_page_weighs_its_own_kommuner() {
    let out = built_fixture();
    // Stockholms län: Upplands Väsby 50 323 with PO, Vallentuna 35 119 lacking: 85 442.
    let stockholm = page(out, "lan/stockholms-lan");
    assert!(
        stockholm.contains("58,9 % av de 85 442 invånarna i Stockholms län bor i en kommun som har personligt ombud"),
        "{stockholm}"
    );
    assert!(
        stockholm.contains(
            "Har personligt ombud 1 50 323 58,9 % Saknar personligt ombud enligt källan 1 35 119 41,1 % \
             Osäkert om det finns personligt ombud 0 0 0,0 % Uppgift saknas 0 0 0,0 % Källorna säger olika 0 0 0,0 % \
             Alla kommuner 2 85 442 100,0 %"
        ),
        "{stockholm}"
    );
    assert!(stockholm.contains("Upplands Väsby 50 323 Har PO"), "inhabitants per kommun: {stockholm}");
    // Jönköpings län: only Habo, of which nothing is known.
    let jonkoping = page(out, "lan/jonkopings-lan");
    assert!(jonkoping.contains("Uppgift saknas 1 13 456 100,0 %"), "{jonkoping}");
    assert!(jonkoping.contains("0,0 % av de 13 456 invånarna i Jönköpings län"), "{jonkoping}");
}

#[test]
fn organisation_pages_give_staff_per_inhabitants_with_both_years() {
    let out = built_fixture();
    let dalarna = page(out, "po/dalarna-test");
    // 7 ombud / 73 842 inhabitants = 9,48 per 100 000; 6,5 årsarbetare = 8,80.
    assert!(dalarna.contains("Invånare i medlemskommunerna 73 842 den 31 december 2024"), "{dalarna}");
    assert!(
        dalarna.contains("Ombud per 100 000 invånare 9,5 (7 ombud, antalet från 2023; invånarna från 2024)"),
        "{dalarna}"
    );
    assert!(
        dalarna
            .contains("Årsarbetare per 100 000 invånare 8,8 (6,5 årsarbetare, antalet från 2023; invånarna från 2024)"),
        "{dalarna}"
    );
    let vasby = page(out, "po/vasby-test");
    assert!(vasby.contains("Invånare i medlemskommunerna 50 323"), "{vasby}");
    assert!(
        vasby.contains("Ombud per 100 000 invånare Kan inte räknas: katalogen har ingen uppgift om antalet ombud."),
        "never imputed: {vasby}"
    );
}

#[test]
fn an_organisation_without_current_members_has_no_figure_per_inhabitant() {
    let po = read(&repo().join("tests/fixtures/minimal/data/po/dalarna-test.yaml"));
    let ended = format!("{po}slut:\n  datum: \"2024-06\"\n  kalla: rapport-2024\n");
    let kallor = format!(
        "{}  - id: rapport-2024\n    titel: \"Nedläggning\"\n    utgivare: \"Testombuden\"\n    datum: \"2024-06-15\"\n    beskrivning: \"Verksamheten lades ned.\"\n",
        read(&repo().join("tests/fixtures/minimal/data/kallor.yaml"))
    );
    let site = fixture_with(&[("data/po/dalarna-test.yaml", &ended), ("data/kallor.yaml", &kallor)]);
    let (output, out) = build(site.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let text = page(&out, "po/dalarna-test");
    assert!(text.contains("Invånare i medlemskommunerna Verksamheten har inga nuvarande medlemskommuner."), "{text}");
    assert!(
        text.contains("Ombud per 100 000 invånare Kan inte räknas: verksamheten har inga nuvarande medlemskommuner."),
        "{text}"
    );
}

/// The fixture with a third organisation: egen-regi in Habo (13 456 inhabitants) with 2
/// ombud from the 2023 source (14,9 per 100 000), and a page for the comparison.
fn site_with_three_organisations() -> (tempfile::TempDir, std::path::PathBuf) {
    let org = "id: habo-test\nnamn: \"Ombud i Habo\"\ndriftsform: egen-regi\nkommuner: [\"0643\"]\nombud: { varde: 2, kalla: rapport-2023 }\nkallor: [rapport-2023]\n";
    let page = "---\ntitel: \"Driftsformer\"\nbeskrivning: \"Jämförelse.\"\nmall: driftsformer\n---\nText.\n";
    let site = fixture_with(&[("data/po/habo-test.yaml", org), ("content/driftsformer.md", page)]);
    let (output, out) = build(site.path());
    assert!(output.status.success(), "{}", stderr(&output));
    (site, out)
}

/// The organisations' names in the order the page's sortable table lists them.
fn table_order(html: &str) -> Vec<&'static str> {
    let table = &html[html.find("id=\"tabell\"").expect("the table")..];
    let table = &table[..table.find("</table>").expect("end of table")];
    let mut found: Vec<(usize, &'static str)> =
        ["Ombud i Habo", "Personligt Ombud Dalarna Test", "Personligt ombud via Testföreningen"]
            .into_iter()
            .map(|name| (table.find(&format!(">{name}</a>")).unwrap_or_else(|| panic!("{name} in the table")), name))
            .collect();
    found.sort();
    found.into_iter().map(|(_, name)| name).collect()
}

#[test]
fn the_table_of_organisations_is_sorted_on_the_server_one_page_per_order() {
    let (_site, out) = site_with_three_organisations();
    let (habo, dalarna, vasby) =
        ("Ombud i Habo", "Personligt Ombud Dalarna Test", "Personligt ombud via Testföreningen");
    for (path, order, sorted_heading) in [
        ("verksamheter", [habo, dalarna, vasby], "Verksamhet"),
        // egen regi, samverkan, entreprenad
        ("verksamheter/driftsform", [habo, dalarna, vasby], "Driftsform"),
        // 2 kommuner, then the two with 1 in name order
        ("verksamheter/kommuner", [dalarna, habo, vasby], "Kommuner"),
        // 73 842, 50 323, 13 456
        ("verksamheter/invanare", [dalarna, vasby, habo], "Invånare 2024"),
        // 14,9 and 9,5 per 100 000; Testföreningen gives no count and comes last
        ("verksamheter/ombud", [habo, dalarna, vasby], "Ombud per 100 000 invånare"),
        // only Dalarna has årsarbetare; the others follow in name order
        ("verksamheter/arsarbetare", [dalarna, habo, vasby], "Årsarbetare per 100 000 invånare"),
    ] {
        let html = read(&out.join(path).join("index.html"));
        assert_eq!(table_order(&html), order, "{path}");
        // The sorted column says so to assistive technology and is not a link; the others link.
        let sorted = format!(
            "aria-sort=\"{}\">{sorted_heading}</th>",
            if path == "verksamheter" || path.ends_with("driftsform") { "ascending" } else { "descending" }
        );
        assert!(html.contains(&sorted), "{path}: {sorted}");
        assert_eq!(html.matches("aria-sort=").count(), 1, "{path}");
        for other in ["verksamheter/", "verksamheter/kommuner/", "verksamheter/ombud/", "verksamheter/arsarbetare/"] {
            if other != format!("{path}/") {
                assert!(html.contains(&format!("href=\"/{other}#tabell\"")), "{path} links {other}");
            }
        }
        assert!(!html.contains("<script>") && !html.contains("onclick"), "no script needed");
    }
    let ombud = page(&out, "verksamheter/ombud");
    assert!(ombud.contains("Ombud i Habo Egen regi 1 13 456 2 (2023) 14,9"), "{ombud}");
    assert!(
        ombud.contains("Personligt Ombud Dalarna Test Samverkan mellan kommuner 2 73 842 7 (2023) 9,5 6,5 (2023) 8,8"),
        "{ombud}"
    );
    // The comparison page has the same table, by name, and links the sorted pages.
    let html = read(&out.join("driftsformer/index.html"));
    assert_eq!(table_order(&html), [habo, dalarna, vasby]);
    assert!(html.contains("href=\"/verksamheter/ombud/#tabell\""));
}

#[test]
fn inhabitants_served_per_driftsform_count_each_kommun_once() {
    let (_site, out) = site_with_three_organisations();
    let text = page(&out, "driftsformer");
    // Egen regi: Habo, 13 456 of 195 713 (6,9 %), 2 ombud.
    assert!(text.contains("Egen regi 1 1 13 456 6,9 % 2 – –"), "{text}");
    // All three: 50 323 + 73 842 + 13 456 = 137 621 (70,3 %).
    assert!(text.contains("Alla verksamheter 3 4 137 621 70,3 %"), "{text}");
    // Habo now has PO, so the national table moves its inhabitants.
    assert!(text.contains("Har personligt ombud 4 137 621 70,3 %"), "{text}");
}

#[test]
fn a_site_without_population_shows_no_population_figures() {
    let site = fixture("minimal");
    std::fs::remove_file(site.path().join("data/befolkning.yaml")).expect("remove");
    let (output, out) = build(site.path());
    assert!(output.status.success(), "{}", stderr(&output));
    for rel in ["", "saknar-po", "lan/stockholms-lan", "po/dalarna-test"] {
        let text = page(&out, rel);
        assert!(!text.contains("Invånarna räknas") && !text.contains("Invånare i medlemskommunerna"), "{rel}: {text}");
        assert!(!text.contains("per 100 000"), "{rel}: {text}");
    }
    assert!(!out.join("verksamheter").exists(), "no table per inhabitant without inhabitants");
    let csv = read(&out.join("data/kommuner.csv"));
    assert!(csv.lines().nth(1).is_some_and(|l| l.ends_with(",ja,,")), "empty folkmangd cells: {csv}");
}

#[test]
fn organisations_json_gives_the_members_inhabitants() {
    let out = built_fixture();
    let orgs: serde_json::Value = serde_json::from_str(&read(&out.join("data/organisationer.json"))).expect("json");
    let dalarna = &orgs[0];
    assert_eq!(dalarna["id"], "dalarna-test");
    assert_eq!(dalarna["folkmangd_medlemmar"], 73842, "Borlänge 51 425 + Avesta 22 417");
    assert_eq!(dalarna["folkmangd_ar"], 2024);
    assert_eq!(orgs[1]["folkmangd_medlemmar"], 50323);
}
