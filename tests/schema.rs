//! The JSON Schemas under data/schema/ are generated from the record types; editors use
//! them through the `yaml-language-server` line at the top of every data file.

mod common;
use common::*;

#[test]
fn committed_schemas_match_the_types() {
    for (kind, schema) in katalog::schema::all() {
        let path = repo().join(format!("data/schema/{kind}.schema.json"));
        assert_eq!(
            read(&path),
            katalog::schema::to_text(&schema),
            "{kind}: run `katalog schema` and commit the result"
        );
    }
}

#[test]
fn contributing_field_reference_matches_the_types() {
    let guide = read(&repo().join("CONTRIBUTING.md"));
    let regenerated = katalog::schema::with_reference(&guide).expect("field reference markers in CONTRIBUTING.md");
    assert!(guide == regenerated, "CONTRIBUTING.md's field reference is stale: run `katalog schema`");
    for field in
        ["driftsform", "vardkommun", "kommunuppgifter", "tillganglighet", "arenden_sedan_start", "aldersgrans_ar"]
    {
        assert!(guide.contains(&format!("| `{field}` |")), "{field} is not documented");
    }
}

/// The schema kind a data file must name, from where it lives.
fn kind_of(rel: &str) -> Option<(&'static str, &'static str)> {
    let prefix_kind = [("data/kommuner/", "kommun"), ("data/po/", "po"), ("data/utforare/", "utforare")];
    for (prefix, kind) in prefix_kind {
        if rel.starts_with(prefix) {
            return Some((kind, "../schema/"));
        }
    }
    let top = ["site", "register", "lan", "befolkning", "kallor", "konflikter", "nyckeltal"];
    top.iter().find(|k| rel == format!("data/{k}.yaml")).map(|k| (*k, "schema/"))
}

#[test]
fn every_data_file_names_its_schema_and_satisfies_it() {
    let schemas: std::collections::BTreeMap<&str, serde_json::Value> =
        katalog::schema::all().into_iter().map(|(k, s)| (k, s.as_value().clone())).collect();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(repo().join("data")).sort_by_file_name() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(repo()).unwrap().to_string_lossy().replace('\\', "/");
        if !rel.ends_with(".yaml") {
            continue;
        }
        let (kind, dir) = kind_of(&rel).unwrap_or_else(|| panic!("{rel}: unexpected data file"));
        let text = read(entry.path());
        let first = text.lines().next().unwrap_or("");
        assert_eq!(first, format!("# yaml-language-server: $schema={dir}{kind}.schema.json"), "{rel}");
        let value: serde_json::Value = serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"));
        let validator = jsonschema::validator_for(&schemas[kind]).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&value).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{rel} does not satisfy {kind}.schema.json: {errors:?}");
        checked += 1;
    }
    assert!(checked > 400, "{checked}");
}

#[test]
fn schema_rejects_what_check_rejects() {
    let schemas: std::collections::BTreeMap<&str, serde_json::Value> =
        katalog::schema::all().into_iter().map(|(k, s)| (k, s.as_value().clone())).collect();
    let validator = jsonschema::validator_for(&schemas["po"]).unwrap();
    let bad = serde_json::json!({"id": "x", "namn": "X", "driftsform": "privat", "kommuner": ["0114"], "kallor": ["a"], "uppdaterad": "2012", "okand": 1});
    let errors: Vec<String> = validator.iter_errors(&bad).map(|e| e.to_string()).collect();
    assert!(errors.iter().any(|e| e.contains("privat")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("okand")), "{errors:?}");
}
