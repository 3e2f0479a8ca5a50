//! The search index: its documents, and agreement between the Rust pipeline that built
//! it and the browser's pipeline (themes/default/static/sok-sv.js) on every word in it.

mod common;
use common::*;
use elasticlunr::Language;

fn national_index() -> serde_json::Value {
    serde_json::from_str(&read(&asset(built_bundled(), "sokindex", "json"))).unwrap()
}

#[test]
fn index_has_a_document_for_everything_searchable() {
    let json = national_index();
    let docs = json["dokument"].as_object().unwrap();
    let count = |typ: &str| docs.values().filter(|d| d["typ"] == typ).count();
    assert_eq!(count("Kommun"), 290);
    assert_eq!(count("Län"), 21);
    assert!(count("Verksamhet") >= 100, "{}", count("Verksamhet"));
    assert!(count("Utförare") >= 9);
    assert!(count("Sida") >= 6);
    assert_eq!(docs["/kommun/borlange/"]["titel"], "Borlänge");
    assert_eq!(docs["/kommun/borlange/"]["info"], "Har personligt ombud: samverkan mellan kommuner");
    assert_eq!(docs["/kommun/bromolla/"]["info"], "Saknar personligt ombud enligt källan");
    assert_eq!(docs["/kommun/bjuv/"]["info"], "Har personligt ombud: entreprenad");
    assert_eq!(json["index"]["lang"], "Swedish");
    assert_eq!(json["index"]["pipeline"], serde_json::json!(["trimmer-sv", "stopWordFilter-sv", "stemmer-sv"]));
    // Folded names are indexed: "ostersund" is a token of the `enkel` field.
    let enkel = &json["index"]["index"]["enkel"]["root"];
    let mut node = enkel;
    for c in "ostersund".chars() {
        node = &node[c.to_string()];
        assert!(!node.is_null(), "no 'ostersund' in the folded names");
    }
    assert!(node["docs"].as_object().unwrap().contains_key("/kommun/ostersund/"));
}

#[test]
fn index_stays_within_its_size_budget() {
    let dir = bundled();
    let (output, out) = build(dir.path());
    assert!(output.status.success());
    let bytes = std::fs::read(asset(&out, "sokindex", "json")).unwrap();
    let mut gz = std::process::Command::new("gzip")
        .args(["-9", "-c"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    gz.stdin.take().unwrap().write_all(&bytes).unwrap();
    let gzipped = gz.wait_with_output().unwrap().stdout.len();
    eprintln!("sokindex.json: {} bytes, {gzipped} gzipped", bytes.len());
    assert!(gzipped <= 150 * 1024, "index is {gzipped} bytes gzipped");
}

#[test]
fn browser_pipeline_agrees_with_rust_on_every_word() {
    let dir = bundled();
    let loaded = katalog::check(dir.path()).0.expect("bundled site is valid");
    let pipeline = elasticlunr::lang::Swedish::new().make_pipeline();
    let mut words: Vec<String> = katalog::search::words(&loaded).into_iter().collect();
    // The stop words and a few hand-picked Swedish forms, whether or not the data has them.
    words.extend(
        ["och", "för", "över", "jaktkarlarne", "klokheten", "fullt", "löst", "kommunerna", "ombudens"]
            .map(String::from),
    );
    let expected: serde_json::Map<String, serde_json::Value> = words
        .iter()
        .map(|w| {
            let token = pipeline.run(vec![w.clone()]).into_iter().next();
            (w.clone(), token.map(serde_json::Value::from).unwrap_or(serde_json::Value::Null))
        })
        .collect();
    assert!(expected.len() > 1000, "only {} words", expected.len());
    let file = dir.path().join("words.json");
    std::fs::write(&file, serde_json::Value::Object(expected).to_string()).unwrap();
    let out = std::process::Command::new("node")
        .arg(repo().join("tests/js/pipeline-agrees.mjs"))
        .arg(&file)
        .output()
        .expect("node must be installed to test the browser pipeline");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "browser pipeline disagrees:\n{report}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(report.contains(" passed, 0 failed"), "{report}");
}
