//! The machine-readable descriptions of the open data, checked by real validators: the
//! Frictionless Data Package /data/datapackage.json with `frictionless validate` (which
//! also reads every file it describes against its Table Schema, size and checksum), and
//! the DCAT-AP-SE catalogue /data/katalog.jsonld parsed with rdflib by
//! tests/tools/dcat_check.py. Both come from PyPI, pinned in tools/requirements-test.txt
//! and installed into .venv-tools/ by `bash scripts/tools-venv` (scripts/test runs it).
//! Without them these tests fail and say how to install them.

mod common;
use common::*;

use std::path::{Path, PathBuf};
use std::process::Command;

fn tool(name: &str) -> PathBuf {
    let path = repo().join(".venv-tools/bin").join(name);
    assert!(
        path.exists(),
        "{} is missing: run `bash scripts/tools-venv` (scripts/test does) to install the validators from tools/requirements-test.txt",
        path.display()
    );
    path
}

/// `frictionless validate --json` on a Data Package: (exit success, its JSON report).
fn frictionless(package: &Path) -> (bool, serde_json::Value) {
    let output = Command::new(tool("frictionless"))
        .args(["validate", "--json", path_str(package)])
        .output()
        .expect("run frictionless");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "frictionless printed no JSON report ({e}):\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            stderr(&output)
        )
    });
    (output.status.success(), report)
}

fn assert_valid(package: &Path) {
    let (ok, report) = frictionless(package);
    let errors: Vec<String> = report["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|t| t["errors"].as_array().cloned().unwrap_or_default())
        .chain(report["errors"].as_array().cloned().unwrap_or_default())
        .map(|e| e["message"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(ok && report["valid"] == true && errors.is_empty(), "{}: {errors:#?}", package.display());
    assert_eq!(report["stats"]["warnings"], 0, "{report:#}");
    let tasks: Vec<&str> =
        report["tasks"].as_array().expect("tasks").iter().filter_map(|t| t["name"].as_str()).collect();
    assert!(tasks.contains(&"kommuner"), "the CSV was read as a table: {tasks:?}");
}

/// tests/tools/dcat_check.py on a catalogue: (exit success, its report lines).
fn dcat_check(catalogue: &Path) -> (bool, String) {
    let output = Command::new(tool("python"))
        .arg(repo().join("tests/tools/dcat_check.py"))
        .args([path_str(catalogue), "--recommended"])
        .output()
        .expect("run dcat_check.py");
    (output.status.success(), format!("{}{}", String::from_utf8_lossy(&output.stdout), stderr(&output)))
}

#[test]
fn frictionless_validates_the_fixtures_data_package() {
    assert_valid(&built_fixture().join("data/datapackage.json"));
}

#[test]
fn frictionless_validates_the_bundled_data_package() {
    let package = built_bundled().join("data/datapackage.json");
    assert_valid(&package);
    let (_, report) = frictionless(&package);
    let kommuner =
        report["tasks"].as_array().expect("tasks").iter().find(|t| t["name"] == "kommuner").expect("kommuner");
    assert_eq!(kommuner["stats"]["rows"], 290, "every kommun was read");
}

#[test]
fn frictionless_finds_what_is_wrong_in_a_changed_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&built_fixture().join("data"), dir.path());
    let csv = dir.path().join("kommuner.csv");
    // A kommun code that lost its leading zero, a population that is not a number.
    let broken = read(&csv).replace("\r\n0114,", "\r\n114,").replace(",50323,", ",många,");
    std::fs::write(&csv, broken).expect("write");
    let (ok, report) = frictionless(&dir.path().join("datapackage.json"));
    assert!(!ok && report["valid"] == false, "{report:#}");
    let text = report.to_string();
    for error in ["constraint-error", "type-error", "hash-count"] {
        assert!(text.contains(error), "{error} not reported: {report:#}");
    }
}

#[test]
fn the_fixtures_catalogue_has_every_mandatory_and_recommended_property() {
    let (ok, report) = dcat_check(&built_fixture().join("data/katalog.jsonld"));
    assert!(ok, "{report}");
    assert!(report.contains("\n0 missing"), "{report}");
    for needed in [
        "mandatory dcat:Catalog",
        "dct:license",
        "mandatory publisher https://test.example.se/#utgivare dct:type",
        "mandatory contact point https://test.example.se/data/#kontakt vcard:hasEmail",
        "mandatory dcat:Distribution https://test.example.se/data/kommuner.csv#distribution dcat:accessURL",
        "recommended dcat:Dataset https://test.example.se/data/#datamangd dct:temporal",
    ] {
        assert!(report.contains(needed), "{needed} not checked: {report}");
    }
    let catalogue = read(&built_fixture().join("data/katalog.jsonld"));
    // The period of the fixture's dated sources: from 21 May 2012 to the register's 2025.
    assert!(catalogue.contains("\"@value\": \"2012-05-21\""), "{catalogue}");
    assert!(catalogue.contains("http://purl.org/adms/publishertype/NonProfitOrganisation"));
    assert!(catalogue.contains("\"@id\": \"mailto:data@test.example.se\""));
}

#[test]
fn the_bundled_catalogue_parses_and_lacks_only_what_site_yaml_does_not_say() {
    let (ok, report) = dcat_check(&built_bundled().join("data/katalog.jsonld"));
    let missing: Vec<&str> = report.lines().filter(|l| l.starts_with("MISSING")).collect();
    // data/site.yaml names the licence but not the publisher's type or e-mail: those
    // are left out, not guessed, and `check` warns about the type.
    let site = read(&repo().join("data/site.yaml"));
    let configured = site.lines().any(|l| l.starts_with("utgivare:"));
    if configured {
        assert!(ok && missing.is_empty(), "{report}");
    } else {
        assert!(!missing.is_empty());
        for line in &missing {
            assert!(
                line.ends_with("#utgivare dct:type") || line.ends_with(" dcat:contactPoint"),
                "only the publisher's type and the contact point may be missing: {report}"
            );
        }
        let check = stderr(&check(&repo()));
        assert!(check.contains("data/site.yaml: warning: no utgivare with namn and typ"), "{check}");
    }
    assert!(report.contains("ok mandatory dcat:Catalog") && report.contains(" dct:license"), "{report}");
    assert!(!report.contains("MISSING parse"), "{report}");
}

#[test]
fn the_catalogue_check_fails_on_a_missing_mandatory_property() {
    let text = read(&built_fixture().join("data/katalog.jsonld"));
    let without = text.replace("\"dct:license\"", "\"dct:rights\"");
    assert_ne!(without, text);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("katalog.jsonld");
    std::fs::write(&path, without).expect("write");
    let (ok, report) = dcat_check(&path);
    assert!(!ok, "{report}");
    assert!(
        report
            .contains("MISSING mandatory dcat:Catalog https://test.example.se/data/katalog.jsonld#katalog dct:license"),
        "{report}"
    );
}

#[test]
fn the_data_package_describes_the_csv_as_written() {
    let out = built_fixture();
    let package: serde_json::Value = serde_json::from_str(&read(&out.join("data/datapackage.json"))).expect("json");
    let kommuner =
        package["resources"].as_array().expect("resources").iter().find(|r| r["name"] == "kommuner").expect("kommuner");
    let fields: Vec<&str> =
        kommuner["schema"]["fields"].as_array().expect("fields").iter().filter_map(|f| f["name"].as_str()).collect();
    let header = read(&out.join("data/kommuner.csv")).lines().next().unwrap_or("").to_string();
    assert_eq!(fields.join(","), header, "one field per column, in order");
    let field = |name: &str| {
        kommuner["schema"]["fields"].as_array().unwrap().iter().find(|f| f["name"] == name).unwrap().clone()
    };
    assert_eq!(field("kod")["type"], "string", "codes keep their leading zeros");
    assert_eq!(field("lan_kod")["type"], "string");
    assert_eq!(field("nyaste_uppgift")["type"], "date");
    assert_eq!(field("nyaste_uppgift_precision")["constraints"]["enum"], serde_json::json!(["dag", "manad", "ar"]));
    assert_eq!(
        field("po_lage")["constraints"]["enum"],
        serde_json::json!(["har-po", "saknas", "osaker", "okand", "motstridig"])
    );
    assert_eq!(kommuner["schema"]["primaryKey"], serde_json::json!(["kod"]));
    assert_eq!(package["licenses"][0]["name"], "CC0-1.0");
    // The newest date in the fixture's sources is the register's "2025".
    assert_eq!(package["version"], format!("{}+2025", katalog::datapackage::FORMAT_VERSION));
    assert_eq!(package["modified"], "2025");
    let titles: Vec<&str> =
        package["sources"].as_array().expect("sources").iter().filter_map(|s| s["title"].as_str()).collect();
    assert!(titles.contains(&"Folkmängd i testkommunerna. Teststatistiken, 31 december 2024"), "{titles:?}");
}
