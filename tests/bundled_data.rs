//! The bundled national directory: built once, then checked against what the source
//! documents in ../shared/sources say (the lists below are copied from them by hand).

mod common;
use common::*;
use std::path::Path;

fn site() -> &'static Path {
    built_bundled()
}

fn page(rel: &str) -> String {
    visible_text(&read(&site().join(rel).join("index.html")))
}

/// Bilaga 1 of the 2012 study, "Saknar PO i 42 kommuner", with names as SCB writes them
/// (Essunga appears twice in the source; "Upplands bro", "Valdermarsvik" corrected).
const LACKING_2012: [&str; 41] = [
    "Alingsås",
    "Bjuv",
    "Bollebygd",
    "Bromölla",
    "Båstad",
    "Essunga",
    "Finspång",
    "Flen",
    "Grästorp",
    "Gullspång",
    "Herrljunga",
    "Höganäs",
    "Kramfors",
    "Lidingö",
    "Lilla Edet",
    "Lysekil",
    "Munkedal",
    "Orust",
    "Partille",
    "Perstorp",
    "Skinnskatteberg",
    "Skurup",
    "Sotenäs",
    "Strömstad",
    "Svalöv",
    "Svedala",
    "Svenljunga",
    "Söderköping",
    "Tanum",
    "Tjörn",
    "Tranemo",
    "Ulricehamn",
    "Upplands-Bro",
    "Vaggeryd",
    "Valdemarsvik",
    "Vaxholm",
    "Vellinge",
    "Vårgårda",
    "Ånge",
    "Åstorp",
    "Österåker",
];

#[test]
fn bundled_data_checks_and_shows_the_known_conflicts() {
    let out = check(&repo());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    for needle in [
        "Essunga",
        "Alingsås",
        "Falköping",
        "Nordanstig",
        "Eslöv",
        "Halstahammar",
        "Suramhammar",
        "Valdermarsvik",
        "Östra Göring",
        "Upplands bro",
        "Malung",
    ] {
        assert!(
            err.lines().any(|l| l.contains("warning: sources disagree") && l.contains(needle)),
            "no warning about {needle}:\n{err}"
        );
    }
}

#[test]
fn every_one_of_the_290_kommuner_has_a_page() {
    let register = read(&repo().join("data/register.yaml"));
    let names: Vec<&str> =
        register.lines().filter_map(|l| l.split("namn: \"").nth(1)).map(|s| s.trim_end_matches("\" }")).collect();
    assert_eq!(names.len(), 290);
    let start = read(&site().join("index.html"));
    let kommun_dir = site().join("kommun");
    let pages: Vec<String> =
        std::fs::read_dir(&kommun_dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    // 290 kommun pages plus one choice page for Habo/Håbo.
    assert_eq!(pages.len(), 291, "{pages:?}");
    for name in names {
        let linked = start.matches(&format!("/\">{name}</a>")).count();
        assert_eq!(linked, 1, "{name} should be linked once in the A–Ö list");
    }
    assert!(page("kommun/habo-uppsala-lan").contains("Personligt ombud i Håbo"));
    assert!(page("kommun/habo-jonkopings-lan").contains("Personligt ombud i Habo"));
}

#[test]
fn the_2012_lacking_list_stays_visible_as_answer_or_history() {
    let (mut nej, mut total) = (0, 0);
    for entry in std::fs::read_dir(site().join("kommun")).unwrap() {
        let path = entry.unwrap().path().join("index.html");
        let text = read(&path);
        total += 1;
        if text.contains("<strong>Nej, enligt den nyaste uppgiften.</strong>") {
            nej += 1;
        }
    }
    assert!(total > 290);
    let saknar = page("saknar-po");
    assert!(saknar.contains(&format!("Saknar personligt ombud enligt källan ({nej} kommuner, ")), "{nej}: {saknar}");
    for name in LACKING_2012 {
        let slug = katalog::slug::slugify(name);
        let text = page(&format!("kommun/{slug}"));
        // Either the answer (told in the past tense, being old) or "Tidigare uppgifter".
        assert!(text.contains(&format!("saknade {name} personligt ombud")), "{name}: {text}");
    }
    for name in ["Värnamo", "Öckerö", "Örkelljunga"] {
        let text = page(&format!("kommun/{}", katalog::slug::slugify(name)));
        assert!(text.contains(&format!("osäkert om {name}")), "{name}: {text}");
    }
}

#[test]
fn organisations_have_the_members_the_sources_name() {
    let sodra = page("po/sodra-dalarna");
    for name in ["Avesta", "Borlänge", "Falun", "Gagnef", "Hedemora", "Ludvika", "Smedjebacken", "Säter"] {
        assert!(sodra.contains(name), "Södra Dalarna lacks {name}");
    }
    assert!(sodra.contains("Kommuner (8)"), "{sodra}");
    assert!(sodra.contains("Antal ombud 7"), "{sodra}");
    assert!(sodra.contains("2023 162"), "{sodra}");

    // 2012's ten and the 16 on PO Skåne's undated list (Eslöv only in 2012).
    let skane = page("po/po-skane");
    assert!(skane.contains("Kommuner (17)"), "{skane}");
    assert!(skane.contains("Helsingborg: 5 tjänster"), "{skane}");

    for name in ["goteborg", "harryda", "molndal"] {
        let text = page(&format!("kommun/{name}"));
        assert!(text.contains("Entreprenad") && text.contains("Utförare Bräcke diakoni"), "{name}: {text}");
    }
    let norra = page("po/norra-dalarna");
    assert!(
        norra.contains("Startade 2002") && norra.contains("Vansbro") && norra.contains("med sedan 2006"),
        "{norra}"
    );
    let jamtland = page("po/jamtland");
    for year in 2004..=2011 {
        assert!(jamtland.contains(&format!(" {year} ")), "Jämtland lacks {year}");
    }
}

#[test]
fn old_facts_are_flagged_on_kommun_pages() {
    // 2012 facts are more than three years older than the test's build date (2026-11-23).
    assert!(page("kommun/arjeplog").contains("Uppgiften kan vara inaktuell"));
    // Södra Dalarna's figures are from 2023.
    assert!(!page("kommun/borlange").contains("Uppgiften kan vara inaktuell"));
}

#[test]
fn national_site_builds_byte_identically_twice() {
    let dir = bundled();
    let (first, out) = build(dir.path());
    assert!(first.status.success(), "{}", stderr(&first));
    let before = snapshot(&out);
    let (second, _) = build(dir.path());
    assert!(second.status.success());
    assert!(before == snapshot(&out), "two builds of the same input differ");
}

#[test]
fn lattlast_page_has_short_lines_and_every_kommun_page_links_it() {
    let html = read(&site().join("om/lattlast/index.html"));
    let start = html.find("<h1>").expect("h1");
    let body = &html[start..html.find("</main>").expect("main")];
    // Lättläst: one idea a line, short sentences.
    let mut paragraphs = 0;
    for p in body.split("<p>").skip(1) {
        let text = visible_text(p.split("</p>").next().unwrap());
        assert!(text.split_whitespace().count() <= 12, "too long for lättläst: {text}");
        assert!(text.matches(". ").count() == 0, "one sentence a line: {text}");
        paragraphs += 1;
    }
    assert!(paragraphs >= 20, "{paragraphs}");
    let text = visible_text(body);
    for needed in ["Det kostar inget", "Så tar du kontakt", "ring 112"] {
        assert!(text.contains(needed), "{needed}");
    }
    for slug in ["borlange", "bjuv", "dorotea"] {
        assert!(read(&site().join("kommun").join(slug).join("index.html")).contains(r#"<a href="/om/lattlast/">"#));
    }
}

/// SCB's population of Sweden on 31 December 2024, as its publication and
/// ../shared/sources/befolkning-2024/README.md give it.
const SWEDEN_2024: u64 = 10_587_710;

#[test]
fn the_population_adds_up_to_scbs_total_and_the_start_page_divides_all_of_it() {
    let csv = read(&site().join("data/kommuner.csv"));
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().expect("header").clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (lage, people) = (column("po_lage"), column("folkmangd"));
    let mut per: std::collections::BTreeMap<String, (usize, u64)> = Default::default();
    for row in reader.records() {
        let row = row.expect("row");
        let entry = per.entry(row[lage].to_string()).or_default();
        entry.0 += 1;
        entry.1 += row[people].parse::<u64>().expect("every kommun has a population");
    }
    let total: u64 = per.values().map(|(_, p)| p).sum();
    assert_eq!(total, SWEDEN_2024, "the kommun figures add up to SCB's figure for Sweden");
    let start = page("");
    let spaced = |n: u64| katalog::population::inhabitants(n).replace('\u{a0}', " ");
    for (key, label) in [
        ("har-po", "Har personligt ombud"),
        ("saknas", "Saknar personligt ombud enligt källan"),
        ("osaker", "Osäkert om det finns personligt ombud"),
        ("okand", "Uppgift saknas"),
        ("motstridig", "Källorna säger olika"),
    ] {
        let (kommuner, invanare) = per.get(key).copied().unwrap_or_default();
        let share = katalog::population::percent(invanare, total);
        let row = format!("{label} {kommuner} {} {share} %", spaced(invanare));
        assert!(start.contains(&row), "{row} missing from the start page");
    }
    assert!(start.contains(&format!("Alla kommuner 290 {} 100,0 %", spaced(SWEDEN_2024))), "{start}");
}

#[test]
fn the_population_file_is_what_tools_befolkning_py_writes() {
    // The committed file, turned back into SCB's CSV, gives the same file again.
    let committed = read(&repo().join("data/befolkning.yaml"));
    let register: katalog::records::RegisterFile =
        katalog::load::parse_yaml(&read(&repo().join("data/register.yaml")), 0).expect("register");
    let file: katalog::records::BefolkningFile = katalog::load::parse_yaml(&committed, 0).expect("befolkning");
    let year = &file.datum.value[..4];
    let mut csv = String::from("kod,kommun,folkmangd,ar\n");
    for k in &file.kommuner {
        let name = &register.kommuner.iter().find(|r| r.kod.value == k.kod.value).expect("in the register").namn;
        csv.push_str(&format!("{},{name},{},{year}\n", k.kod.value, k.folkmangd.value));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("data")).expect("data");
    std::fs::copy(repo().join("data/register.yaml"), dir.path().join("data/register.yaml")).expect("register");
    let run = |csv_text: &str| {
        let input = dir.path().join("in.csv");
        std::fs::write(&input, csv_text).expect("csv");
        std::process::Command::new(repo().join(".venv-tools/bin/python"))
            .arg(repo().join("tools/befolkning.py"))
            .args([path_str(&input), "--kalla", &file.kalla.value, "--root", path_str(dir.path())])
            .output()
            .expect("run tools/befolkning.py (bash scripts/tools-venv installs the Python it uses)")
    };
    let output = run(&csv);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(read(&dir.path().join("data/befolkning.yaml")), committed);
    // A kommun twice and a figure that is not a number: nothing is written.
    std::fs::remove_file(dir.path().join("data/befolkning.yaml")).expect("remove");
    let broken = csv.replacen("\n0115,Vallentuna,", "\n0114,Vallentuna,", 1).replacen(",50323,", ",ca 50000,", 1);
    let output = run(&broken);
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("kommun 0114 appears twice") && err.contains("is not a positive whole number"), "{err}");
    assert!(err.contains("kommun 0115 Vallentuna is missing"), "{err}");
    assert!(!dir.path().join("data/befolkning.yaml").exists(), "nothing written");
}
