//! Open-data exports: the files under data/ read back with ordinary parsers and compared
//! with the fixture's data files, the documentation page rendered from the same field
//! lists, and byte-identical output for the same input.

mod common;
use common::*;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use katalog::export::{self, FieldDoc, FileDoc};
use katalog::model::Site;
use serde_json::{Value, json};

fn site_of(root: &Path) -> Site {
    let (site, diags) = katalog::check(root);
    site.unwrap_or_else(|| panic!("fixture does not check:\n{diags:?}"))
}

fn exports_of(root: &Path) -> BTreeMap<String, Vec<u8>> {
    made(&site_of(root), root).into_iter().collect()
}

/// Every export's path and bytes, in the order the build writes them.
fn made(site: &Site, root: &Path) -> Vec<(String, Vec<u8>)> {
    let files = export::exports(site, root).expect("exports");
    files.iter().map(|f| (f.path.clone(), f.bytes().expect("bytes"))).collect()
}

fn text<'a>(files: &'a BTreeMap<String, Vec<u8>>, path: &str) -> &'a str {
    std::str::from_utf8(files.get(path).unwrap_or_else(|| panic!("no {path}"))).expect("utf-8")
}

fn doc(id: &str) -> FileDoc {
    export::field_docs().into_iter().find(|d| d.id == id).unwrap_or_else(|| panic!("no docs for {id}"))
}

fn names(fields: &[FieldDoc]) -> Vec<&'static str> {
    fields.iter().map(|f| f.namn).collect()
}

fn group(file: &FileDoc, id: &str) -> Vec<&'static str> {
    file.grupper.iter().find(|g| g.id == id).map(|g| g.falt.iter().map(|f| f.namn).collect()).unwrap_or_default()
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default()
}

const HEADER: [&str; 18] = [
    "kod",
    "namn",
    "lan_kod",
    "lan",
    "po_lage",
    "po_lage_text",
    "organisationer",
    "organisationsnamn",
    "driftsform",
    "utforare",
    "dmo_status",
    "dmo_status_text",
    "kallor",
    "nyaste_uppgift",
    "nyaste_uppgift_precision",
    "inaktuell",
    "folkmangd",
    "folkmangd_ar",
];

#[test]
fn csv_has_the_documented_columns_and_one_row_per_kommun_in_code_order() {
    let dir = fixture("minimal");
    let site = site_of(dir.path());
    let files = exports_of(dir.path());
    let bytes = &files["data/kommuner.csv"];
    assert!(bytes.starts_with(b"kod,namn,"), "no BOM, header first");
    let raw = text(&files, "data/kommuner.csv");
    assert!(raw.ends_with("\r\n") && !raw.replace("\r\n", "").contains('\n'), "CRLF line ends");

    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader.headers().expect("header").iter().map(str::to_string).collect();
    assert_eq!(header, HEADER);
    assert_eq!(names(&doc("kommuner-csv").falt), HEADER, "the page documents the columns in file order");

    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.expect("row").iter().map(str::to_string).collect()).collect();
    // kod, namn, lan_kod, lan, po_lage, po_lage_text, organisationer, organisationsnamn,
    // driftsform, utforare, dmo_status, dmo_status_text, kallor, nyaste_uppgift
    let expected: [[&str; 14]; 6] = [
        [
            "0114",
            "Upplands Väsby",
            "01",
            "Stockholms län",
            "har-po",
            "Har personligt ombud",
            "vasby-test",
            "Personligt ombud via Testföreningen",
            "entreprenad",
            "testforeningen",
            "okand",
            "Uppgift saknas",
            "studie-2012",
            "2012-05-21",
        ],
        [
            "0115",
            "Vallentuna",
            "01",
            "Stockholms län",
            "saknas",
            "Saknar personligt ombud enligt källan",
            "",
            "",
            "",
            "",
            "okand",
            "Uppgift saknas",
            "studie-2012",
            "2012-05-21",
        ],
        [
            "0305",
            "Håbo",
            "03",
            "Uppsala län",
            "osaker",
            "Osäkert om det finns personligt ombud",
            "",
            "",
            "",
            "",
            "okand",
            "Uppgift saknas",
            "studie-2012",
            "2012-05-21",
        ],
        [
            "0643",
            "Habo",
            "06",
            "Jönköpings län",
            "okand",
            "Uppgift saknas",
            "",
            "",
            "",
            "",
            "aktiv",
            "Aktiv med Delaktighetsmodellen",
            "studie-2012",
            // Only a DMO fact: nothing dates an answer about PO.
            "",
        ],
        [
            "2081",
            "Borlänge",
            "20",
            "Dalarnas län",
            "har-po",
            "Har personligt ombud",
            "dalarna-test",
            "Personligt Ombud Dalarna Test",
            "samverkan",
            "",
            "okand",
            "Uppgift saknas",
            "rapport-2023",
            "2023-12-31",
        ],
        [
            "2084",
            "Avesta",
            "20",
            "Dalarnas län",
            "har-po",
            "Har personligt ombud",
            "dalarna-test",
            "Personligt Ombud Dalarna Test",
            "samverkan",
            "",
            "okand",
            "Uppgift saknas",
            "rapport-2023",
            "2023-12-31",
        ],
    ];
    assert_eq!(rows.len(), expected.len(), "one row per kommun");
    let population: katalog::records::BefolkningFile =
        katalog::load::parse_yaml(&read(&dir.path().join("data/befolkning.yaml")), 0).expect("befolkning");
    for (row, want) in rows.iter().zip(expected) {
        assert_eq!(row.len(), HEADER.len());
        assert_eq!(&row[..14], want, "row {}", want[0]);
        // Every source in the fixture gives a day; Habo has no date at all.
        assert_eq!(row[14], if want[13].is_empty() { "" } else { "dag" }, "precision of {}", want[0]);
        // Whether a 2023 fact is "old" depends on the day the test runs; it must agree with the pages.
        let kommun = site.kommuner.iter().find(|k| k.kod == row[0]).expect("kommun");
        assert_eq!(row[15], if kommun.inaktuell { "ja" } else { "nej" });
        let people = population.kommuner.iter().find(|p| p.kod.value == row[0]).expect("population").folkmangd.value;
        assert_eq!(row[16], people.to_string(), "folkmangd of {}", want[0]);
        assert_eq!(row[17], &population.datum.value[..4], "folkmangd_ar");
    }
    assert_eq!(rows[0][15], "ja", "a fact from 2012 is old");
}

#[test]
fn csv_rows_agree_with_the_fixture_files() {
    let dir = fixture("minimal");
    let files = exports_of(dir.path());
    let data = dir.path().join("data");
    let register: katalog::records::RegisterFile =
        katalog::load::parse_yaml(&read(&data.join("register.yaml")), 0).expect("register");
    let mut members: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for po in po_files(dir.path()) {
        for k in &po.kommuner.value {
            let driftsform = serde_json::to_value(po.driftsform.value).expect("driftsform");
            members
                .entry(k.value.clone())
                .or_default()
                .push((po.id.value.clone(), driftsform.as_str().unwrap_or_default().to_string()));
        }
    }
    let mut reader = csv::Reader::from_reader(files["data/kommuner.csv"].as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let mut codes: Vec<&str> = register.kommuner.iter().map(|k| k.kod.value.as_str()).collect();
    codes.sort();
    assert_eq!(rows.iter().map(|r| &r[0]).collect::<Vec<_>>(), codes, "every kommun of the register, by code");
    for (row, entry) in rows.iter().zip({
        let mut r: Vec<_> = register.kommuner.iter().collect();
        r.sort_by(|a, b| a.kod.value.cmp(&b.kod.value));
        r
    }) {
        assert_eq!(&row[1], entry.namn.as_str());
        assert_eq!(&row[2], &entry.kod.value[..2]);
        let own = members.get(&entry.kod.value).cloned().unwrap_or_default();
        let ids: Vec<&str> = own.iter().map(|(id, _)| id.as_str()).collect();
        // Each driftsform once, in the fixed order.
        let forms: Vec<&str> = ["egen-regi", "samverkan", "kommunalforbund", "entreprenad"]
            .into_iter()
            .filter(|f| own.iter().any(|(_, d)| d == f))
            .collect();
        assert_eq!(&row[6], ids.join(";"), "{}", &row[0]);
        assert_eq!(&row[8], forms.join(";"), "{}", &row[0]);
        let kommun_file: katalog::records::KommunFile = {
            let path = std::fs::read_dir(data.join("kommuner"))
                .expect("kommuner")
                .filter_map(Result::ok)
                .map(|e| e.path())
                .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&entry.kod.value)))
                .expect("kommun file");
            katalog::load::parse_yaml(&read(&path), 0).expect("kommun")
        };
        let dmo = kommun_file.dmo.map(|d| serde_json::to_value(d.status.value).expect("dmo"));
        assert_eq!(&row[10], dmo.as_ref().and_then(Value::as_str).unwrap_or("okand"), "{}", &row[0]);
    }
}

fn po_files(root: &Path) -> Vec<katalog::records::PoFile> {
    let mut paths: Vec<_> = std::fs::read_dir(root.join("data/po"))
        .expect("po folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths.iter().map(|p| katalog::load::parse_yaml(&read(p), 0).expect("po file")).collect()
}

#[test]
fn csv_quotes_commas_and_quotes_and_reads_back_exactly() {
    let dir = fixture("minimal");
    let path = dir.path().join("data/po/dalarna-test.yaml");
    let original = read(&path);
    let name = "Ombud, \"Dalarna\"; test";
    write(
        dir.path(),
        "data/po/dalarna-test.yaml",
        &original.replace("\"Personligt Ombud Dalarna Test\"", "'Ombud, \"Dalarna\"; test'"),
    );
    let files = exports_of(dir.path());
    assert!(text(&files, "data/kommuner.csv").contains("\"Ombud, \"\"Dalarna\"\"; test\""), "RFC 4180 quoting");
    let mut reader = csv::Reader::from_reader(files["data/kommuner.csv"].as_slice());
    let borlange = reader.records().map(|r| r.expect("row")).find(|r| &r[0] == "2081").expect("Borlänge");
    assert_eq!(&borlange[7], name);
}

#[test]
fn organisations_json_has_the_numbers_members_and_statistics_of_the_po_files() {
    let dir = fixture("minimal");
    let files = exports_of(dir.path());
    let orgs: Value = serde_json::from_str(text(&files, "data/organisationer.json")).expect("json");
    let orgs = orgs.as_array().expect("an array");
    let ids: Vec<&str> = orgs.iter().map(|o| o["id"].as_str().expect("id")).collect();
    assert_eq!(ids, ["dalarna-test", "vasby-test"], "sorted by id");

    let docs = doc("organisationer-json");
    let documented: BTreeSet<&str> = names(&docs.falt).into_iter().collect();
    for o in orgs {
        assert_eq!(keys(o), documented, "keys of {}", o["id"]);
    }

    // Against the po files themselves.
    for po in po_files(dir.path()) {
        let o = orgs.iter().find(|o| o["id"] == po.id.value.as_str()).expect("organisation in the export");
        assert_eq!(o["namn"], po.namn.value.as_str());
        let mut kommuner: Vec<&str> = po.kommuner.value.iter().map(|k| k.value.as_str()).collect();
        kommuner.sort();
        assert_eq!(o["kommuner"], json!(kommuner));
        assert_eq!(o["driftsform"], serde_json::to_value(po.driftsform.value).expect("driftsform"));
        assert_eq!(o["vardkommun"], json!(po.vardkommun.as_ref().map(|v| &v.value)));
        assert_eq!(o["utforare"], json!(po.utforare.as_ref().map(|v| &v.value)));
        for (key, value) in [("ombud", &po.ombud), ("arsarbetare", &po.arsarbetare)] {
            match value {
                Some(u) => {
                    assert_eq!(o[key]["varde"].as_f64(), Some(u.varde.value), "{key}");
                    assert_eq!(o[key]["kalla"], u.kalla.value.as_str());
                    assert_eq!(o[key]["ungefar"], json!(u.ungefar));
                }
                None => assert!(o[key].is_null(), "{key}"),
            }
        }
        let stats = o["statistik"].as_array().expect("statistik");
        assert_eq!(stats.len(), po.statistik.len());
        for r in &po.statistik {
            let row = stats
                .iter()
                .find(|s| s["ar"] == r.ar.value && s["kommun"] == json!(r.kommun.as_ref().map(|k| &k.value)))
                .expect("statistics row");
            assert_eq!(row["klienter"], json!(r.klienter));
            assert_eq!(row["avslutade"], json!(r.avslutade));
            assert_eq!(row["startade"], json!(r.startade));
            assert_eq!(row["ungefar"], json!(r.ungefar));
            assert_eq!(row["kalla"], r.kalla.value.as_str());
        }
    }

    let dalarna = &orgs[0];
    // The date of the newest source, now that organisations are dated by their sources.
    assert_eq!(dalarna["uppdaterad"], "2023-12-31");
    assert_eq!(dalarna["url"], "https://test.example.se/po/dalarna-test/");
    assert_eq!(dalarna["ombud"], json!({"varde": 7, "ungefar": null, "kalla": "rapport-2023", "anmarkning": null}));
    assert!(dalarna["ombud"]["varde"].is_u64(), "whole numbers are written without a fraction");
    assert_eq!(dalarna["arsarbetare"]["varde"], json!(6.5));
    assert_eq!(dalarna["driftsform_text"], "Samverkan mellan kommuner");
    assert_eq!(dalarna["kontakt"]["telefon"], "0243-123 45");
    assert_eq!(dalarna["kontakt"]["tillganglighet"], "Vardagar <b>8–16</b>", "data, not HTML");
    assert_eq!(keys(&dalarna["kontakt"]), group(&docs, "kontakt").into_iter().collect());
    assert_eq!(keys(&dalarna["ombud"]), group(&docs, "talobjekt").into_iter().collect());
    let stats = dalarna["statistik"].as_array().expect("statistik");
    assert_eq!(stats.len(), 2);
    assert_eq!(
        (stats[0]["ar"].clone(), stats[0]["kommun"].clone(), stats[0]["klienter"].clone()),
        (json!(2023), Value::Null, json!(162)),
        "the organisation's own rows first"
    );
    assert_eq!(
        (stats[1]["ar"].clone(), stats[1]["kommun"].clone(), stats[1]["ungefar"].clone()),
        (json!(2022), json!("2084"), json!("ca"))
    );
    for row in stats {
        assert_eq!(keys(row), group(&docs, "statistik").into_iter().collect(), "every measure, null when missing");
    }
    let vasby = &orgs[1];
    assert_eq!(vasby["utforare"], "testforeningen");
    assert!(vasby["ombud"].is_null() && vasby["kontakt"].is_null());
    assert_eq!(vasby["statistik"], json!([]));
    assert_eq!(vasby["kallor"], json!(["studie-2012"]));
}

#[test]
fn geojson_has_one_feature_per_kommun_with_the_original_coordinates() {
    let dir = fixture("minimal");
    let files = exports_of(dir.path());
    let raw = text(&files, "data/kommuner.geojson");
    let lines: Vec<&str> = raw.lines().collect();
    assert_eq!(lines.len(), 6 + 2, "one feature per line between the opening and the closing line");
    let geo: Value = serde_json::from_str(raw).expect("json");
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().expect("features");
    let codes: Vec<&str> = features.iter().map(|f| f["properties"]["kod"].as_str().expect("kod")).collect();
    assert_eq!(codes, ["0114", "0115", "0305", "0643", "2081", "2084"]);

    let source: Value = serde_json::from_str(&read(&dir.path().join("data/geo/kommuner.geojson"))).expect("source");
    let documented: BTreeSet<&str> = names(&doc("kommuner-geojson").falt).into_iter().collect();
    for f in features {
        assert_eq!(f["type"], "Feature");
        assert_eq!(keys(&f["properties"]), documented);
        let kod = &f["properties"]["kod"];
        let original = source["features"]
            .as_array()
            .and_then(|s| s.iter().find(|s| &s["properties"]["kod"] == kod))
            .expect("source feature");
        assert_eq!(f["geometry"], original["geometry"], "WGS 84 coordinates as in the source, for {kod}");
        assert_eq!(f["properties"]["namn"], original["properties"]["namn"]);
    }
    assert_eq!(
        features[4]["properties"],
        json!({
            "kod": "2081",
            "namn": "Borlänge",
            "lan": "Dalarnas län",
            "po_lage": "har-po",
            "driftsform": "samverkan",
            "organisationer": "dalarna-test",
            "dmo_status": "okand",
            "url": "https://test.example.se/kommun/borlange/",
            "folkmangd": 51425,
            "folkmangd_ar": 2024,
        })
    );
    assert_eq!(features[1]["properties"]["po_lage"], "saknas");
    assert_eq!(features[1]["properties"]["organisationer"], "");
    assert_eq!(features[3]["properties"]["dmo_status"], "aktiv");
    assert_eq!(features[3]["properties"]["url"], "https://test.example.se/kommun/habo-jonkopings-lan/");
}

#[test]
fn a_site_without_boundaries_has_no_geojson_and_no_link_to_it() {
    let dir = fixture("minimal");
    std::fs::remove_dir_all(dir.path().join("data/geo")).expect("remove geo");
    let files: Vec<(String, Vec<u8>)> = exports_of(dir.path()).into_iter().collect();
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        ["data/datapackage.json", "data/katalog.jsonld", "data/kommuner.csv", "data/organisationer.json"]
    );
    let site = site_of(dir.path());
    let documented: Vec<&str> =
        export::docs_for(&export::exports(&site, dir.path()).expect("exports")).iter().map(|d| d.fil).collect();
    assert_eq!(documented, ["data/kommuner.csv", "data/organisationer.json"]);
    // The machine-readable descriptions name only the files that exist.
    let package: Value = serde_json::from_slice(&files[0].1).expect("datapackage");
    let described: Vec<&str> =
        package["resources"].as_array().expect("resources").iter().filter_map(|r| r["path"].as_str()).collect();
    assert_eq!(described, ["kommuner.csv", "organisationer.json"]);
    assert!(!String::from_utf8_lossy(&files[1].1).contains("geojson"));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let dir = fixture("minimal");
    let site = site_of(dir.path());
    let first = made(&site, dir.path());
    let second = made(&site, dir.path());
    assert_eq!(first, second);
    let other = fixture("minimal");
    let third = made(&site_of(other.path()), other.path());
    assert_eq!(first, third, "a second check of a copy gives the same files");
}

#[test]
fn the_bundled_directory_exports_every_kommun() {
    let root = repo();
    let files = exports_of(&root);
    let mut reader = csv::Reader::from_reader(files["data/kommuner.csv"].as_slice());
    assert_eq!(reader.records().count(), 290);
    let geo: Value = serde_json::from_str(text(&files, "data/kommuner.geojson")).expect("geojson");
    assert_eq!(geo["features"].as_array().map(Vec::len), Some(290));
    // The coordinates are the committed WGS 84 ones, digit for digit.
    let geometry_of = |line: &str| -> (String, String) {
        let kod = line.split("\"kod\":\"").nth(1).and_then(|s| s.get(..4)).expect("kod").to_string();
        let at = line.find("\"geometry\":").expect("geometry");
        (kod, line[at..].trim_end_matches(',').to_string())
    };
    let source: BTreeMap<String, String> = read(&root.join("data/geo/kommuner.geojson"))
        .lines()
        .filter(|l| l.starts_with("{\"type\":\"Feature\""))
        .map(geometry_of)
        .collect();
    let exported: BTreeMap<String, String> = text(&files, "data/kommuner.geojson")
        .lines()
        .filter(|l| l.starts_with("{\"type\":\"Feature\""))
        .map(geometry_of)
        .collect();
    assert_eq!(exported.len(), 290);
    assert!(exported == source, "geometries differ from data/geo/kommuner.geojson");
    let orgs: Value = serde_json::from_str(text(&files, "data/organisationer.json")).expect("json");
    let ids: Vec<&str> = orgs.as_array().expect("array").iter().filter_map(|o| o["id"].as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert_eq!(ids.len(), std::fs::read_dir(root.join("data/po")).expect("po").count());
}

#[test]
fn the_data_page_documents_every_field_and_links_to_every_file() {
    let dir = fixture("minimal");
    let site = site_of(dir.path());
    let docs = export::docs_for(&export::exports(&site, dir.path()).expect("exports"));
    let files = made(&site, dir.path());
    // The page as the built site has it.
    let (output, out) = build(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let html = read(&out.join("data/index.html"));
    for (path, bytes) in &files {
        assert_eq!(&std::fs::read(out.join(path)).expect("exported file is written"), bytes, "{path}");
    }

    assert!(html.contains("<h1>Öppna data</h1>"));
    assert!(html.contains("<a href=\"/kallor/\">"), "points to the sources");
    for d in &docs {
        assert!(html.contains(&format!("<a href=\"/{}\" download>", d.fil)), "download link to {}", d.fil);
        assert!(files.iter().any(|(p, _)| p == d.fil), "the page links only to written files");
        for field in d.falt.iter().chain(d.grupper.iter().flat_map(|g| &g.falt)) {
            assert!(
                html.contains(&format!("<th scope=\"row\"><code>{}</code></th>", field.namn)),
                "{} documents {}",
                d.namn,
                field.namn
            );
        }
    }
    let text = visible_text(&html);
    assert!(text.contains("UTF-8 utan BOM"));
    assert!(text.contains("Ange gärna källorna"), "asks re-users to cite the sources");
    // The licence data/site.yaml names (cc0-1.0 in the fixture), and no other.
    assert!(text.contains("Filerna får användas enligt Creative Commons Zero v1.0 Universal (CC0-1.0)"), "{text}");
    assert!(!text.to_lowercase().contains("cc by") && !text.contains("CC-BY"), "only the licence the site names");
    for machine in ["datapackage.json", "katalog.jsonld"] {
        assert!(html.contains(&format!("<a href=\"/data/{machine}\">")), "the page links {machine}");
    }
    // Every in-page anchor leads to an element on the page.
    for anchor in html.split("href=\"#").skip(1).filter_map(|s| s.split('"').next()) {
        assert!(html.contains(&format!("id=\"{anchor}\"")), "anchor #{anchor}");
    }
}

#[test]
fn without_a_licence_in_site_yaml_none_is_claimed() {
    let site_yaml = read(&repo().join("tests/fixtures/minimal/data/site.yaml"));
    let without: String = site_yaml.lines().filter(|l| !l.starts_with("licens:")).map(|l| format!("{l}\n")).collect();
    let dir = fixture_with(&[("data/site.yaml", &without)]);
    let (output, out) = build(dir.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("data/site.yaml: warning: no licens"), "check says what is missing");
    let text = visible_text(&read(&out.join("data/index.html")));
    assert!(text.contains("Katalogen sätter ingen egen licens"), "{text}");
    assert!(!text.contains("CC0") && !text.to_lowercase().contains("creative commons"), "{text}");
    let package: Value = serde_json::from_str(&read(&out.join("data/datapackage.json"))).expect("datapackage");
    assert!(package.get("licenses").is_none(), "no licence in the Data Package");
    assert!(!read(&out.join("data/katalog.jsonld")).contains("creativecommons"), "nor in the catalogue");
}

#[test]
fn dates_of_every_precision_become_a_day_and_its_precision() {
    let kallor = read(&repo().join("tests/fixtures/minimal/data/kallor.yaml"));
    for (datum, day, precision) in [("2012", "2012-01-01", "ar"), ("2012-05", "2012-05-01", "manad")] {
        let changed = kallor.replace("datum: \"2012-05-21\"", &format!("datum: \"{datum}\""));
        assert_ne!(changed, kallor);
        let dir = fixture_with(&[("data/kallor.yaml", &changed)]);
        let files = exports_of(dir.path());
        let mut reader = csv::Reader::from_reader(files["data/kommuner.csv"].as_slice());
        let vallentuna = reader.records().map(|r| r.expect("row")).find(|r| &r[0] == "0115").expect("Vallentuna");
        assert_eq!((&vallentuna[13], &vallentuna[14]), (day, precision), "source dated {datum}");
    }
}

#[test]
fn a_combined_driftsform_is_written_in_one_fixed_order() {
    // A second, egen-regi organisation for Upplands Väsby whose id sorts after
    // vasby-test (entreprenad): by id the order would be entreprenad;egen-regi.
    let org = "id: zz-egen\nnamn: \"Egen regi i Väsby\"\ndriftsform: egen-regi\nkommuner: [\"0114\"]\nkallor: [studie-2012]\n";
    let konflikter = format!(
        "{}  - id: vasby-tva\n    typ: dubblett\n    beskrivning: \"Två verksamheter.\"\n    kallor: [studie-2012]\n    kommuner: [\"0114\"]\n",
        read(&repo().join("tests/fixtures/minimal/data/konflikter.yaml"))
    );
    let dir = fixture_with(&[("data/po/zz-egen.yaml", org), ("data/konflikter.yaml", &konflikter)]);
    let files = exports_of(dir.path());
    let mut reader = csv::Reader::from_reader(files["data/kommuner.csv"].as_slice());
    let vasby = reader.records().map(|r| r.expect("row")).find(|r| &r[0] == "0114").expect("Upplands Väsby");
    assert_eq!(&vasby[6], "vasby-test;zz-egen", "organisations by id");
    assert_eq!(&vasby[8], "egen-regi;entreprenad", "driftsformer in the fixed order");
    let geo: Value = serde_json::from_str(text(&files, "data/kommuner.geojson")).expect("geojson");
    assert_eq!(geo["features"][0]["properties"]["driftsform"], "egen-regi;entreprenad");
}
