//! `katalog diff OLD NEW` on pairs of fixture sites, read as a reviewer reads the
//! pull-request comment.

mod common;
use common::*;

use std::path::Path;

fn diff(old: &Path, new: &Path, format: &str) -> (i32, String, String) {
    let out = katalog(&["diff", path_str(old), path_str(new), "--format", format]);
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), stderr(&out))
}

#[test]
fn no_change_says_so_in_one_line() {
    let (old, new) = (fixture("minimal"), fixture("minimal"));
    let (code, md, _) = diff(old.path(), new.path(), "markdown");
    assert_eq!(code, 0);
    assert_eq!(
        md,
        "### Vad ändringen betyder för besökarna\n\nIngen ändring för besökarna: inga kommuners svar, verksamheter eller källor ändras.\n"
    );
}

#[test]
fn a_new_source_that_changes_an_answer() {
    let old = fixture("minimal");
    let kallor = read(&old.path().join("data/kallor.yaml"))
        + "  - id: webb-vallentuna\n    titel: \"Personligt ombud\"\n    utgivare: \"Vallentuna kommun\"\n    datum: \"2024-03-01\"\n    url: \"https://www.vallentuna.example.se/po\"\n    sedd: \"2026-11\"\n    beskrivning: \"Kommunens sida.\"\n";
    let new = fixture_with(&[
        ("data/kallor.yaml", &kallor),
        (
            "data/kommuner/0115-vallentuna.yaml",
            "kod: \"0115\"\nnamn: \"Vallentuna\"\npo:\n  status: saknas\n  kallor: [studie-2012]\n  uppgifter:\n    - status: har-po\n      kalla: webb-vallentuna\ndmo:\n  status: aktiv\n  kallor: [webb-vallentuna]\n",
        ),
    ]);
    let (code, md, _) = diff(old.path(), new.path(), "markdown");
    assert_eq!(code, 0);
    for row in [
        "**1 kommun ändras**",
        "| Vallentuna | Svar | Saknar personligt ombud enligt källan | Har personligt ombud |",
        "|  | Kontaktväg | bara allmänna råd | sida om personligt ombud (https://www.vallentuna.example.se/po) |",
        "|  | DMO | Uppgift saknas | Aktiv med Delaktighetsmodellen |",
        "|  | Nyaste uppgift | 21 maj 2012 | 1 mars 2024 |",
        "**Nya källor:** Personligt ombud (`webb-vallentuna`)",
    ] {
        assert!(md.contains(row), "missing {row:?} in\n{md}");
    }
    let (code, json, _) = diff(old.path(), new.path(), "json");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["kommuner"][0]["kod"], "0115");
    assert_eq!(v["kallor_tillagda"][0]["id"], "webb-vallentuna");
}

#[test]
fn organisations_added_removed_and_with_other_members() {
    let old = fixture("minimal");
    let new = fixture_with(&[
        // Avesta leaves dalarna-test for a new organisation; vasby-test is removed.
        (
            "data/po/dalarna-test.yaml",
            "id: dalarna-test\nnamn: \"Personligt Ombud Dalarna Test\"\ndriftsform: samverkan\nvardkommun: \"2081\"\nkommuner: [\"2081\"]\nkallor: [rapport-2023]\n",
        ),
        (
            "data/po/avesta-egen.yaml",
            "id: avesta-egen\nnamn: \"Avestas eget ombud\"\ndriftsform: egen-regi\nkommuner: [\"2084\"]\nkallor: [rapport-2023]\n",
        ),
    ]);
    std::fs::remove_file(new.path().join("data/po/vasby-test.yaml")).unwrap();
    let (code, md, err) = diff(old.path(), new.path(), "markdown");
    assert_eq!(code, 0, "{err}");
    for row in [
        "| Avesta | Verksamhet | Personligt Ombud Dalarna Test | Avestas eget ombud |",
        "|  | Driftsform | Samverkan mellan kommuner | Egen regi |",
        "| Upplands Väsby | Svar | Har personligt ombud | Uppgift saknas |",
        "**Nya verksamheter:** Avestas eget ombud (`avesta-egen`)",
        "**Borttagna verksamheter:** Personligt ombud via Testföreningen (`vasby-test`)",
        "**Personligt Ombud Dalarna Test:** inte längre medlemmar Avesta",
    ] {
        assert!(md.contains(row), "missing {row:?} in\n{md}");
    }
}

#[test]
fn a_side_that_does_not_validate_fails_with_its_diagnostics() {
    let old = fixture("minimal");
    let new = fixture_with(&[("data/po/vasby-test.yaml", "id: vasby-test\nnamn: [\n")]);
    let (code, md, err) = diff(old.path(), new.path(), "markdown");
    assert_eq!(code, 1);
    assert!(md.is_empty());
    assert!(err.contains("does not validate") && err.contains("data/po/vasby-test.yaml:2:7: error:"), "{err}");
}
