//! The search index: its documents, and agreement between the Rust pipeline that built
//! it and the browser's pipeline (themes/default/static/sok-sv.js) on every word in it.

mod common;
use common::*;
use elasticlunr::Language;

fn json(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&read(path)).unwrap()
}

/// A file the manifest names, by its address.
fn file(out: &std::path::Path, url: &serde_json::Value) -> std::path::PathBuf {
    out.join(url.as_str().unwrap().trim_start_matches('/'))
}

fn gzipped(bytes: &[u8]) -> usize {
    let mut gz = std::process::Command::new("gzip")
        .args(["-9", "-c"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    gz.stdin.take().unwrap().write_all(bytes).unwrap();
    gz.wait_with_output().unwrap().stdout.len()
}

#[test]
fn shards_hold_a_document_for_everything_searchable() {
    let out = built_bundled();
    let manifest = json(&asset(out, "sokindex", "json"));
    assert_eq!(manifest["index"]["lang"], "Swedish");
    assert_eq!(manifest["index"]["pipeline"], serde_json::json!(["trimmer-sv", "stopWordFilter-sv", "stemmer-sv"]));
    assert_eq!(manifest["prefix"], 2);
    let delar = manifest["delar"].as_object().unwrap();
    assert!(delar.len() > 50, "only {} shards", delar.len());
    let mut docs = serde_json::Map::new();
    for (key, url) in delar {
        let shard = json(&file(out, url));
        // Every term in a shard begins with its key.
        for field in ["namn", "enkel", "sammanhang", "text"] {
            let mut node = &shard["index"][field];
            assert!(node.is_object(), "{key}: no {field}");
            for (i, c) in key.chars().enumerate() {
                let below = node.as_object().unwrap().keys().filter(|k| *k != "docs" && *k != "df").count();
                assert!(below <= 1, "{key}: {below} branches at depth {i} of {field}");
                if below == 0 {
                    break;
                }
                node = &node[c.to_string()];
                assert!(node.is_object(), "{key}: a term of {field} outside the shard");
            }
        }
        for (r, d) in shard["dokument"].as_object().unwrap() {
            assert!(shard["docInfo"][r].is_object(), "{key}: {r} without field lengths");
            docs.insert(r.clone(), d.clone());
        }
    }
    let count = |typ: &str| docs.values().filter(|d| d["typ"] == typ).count();
    assert_eq!(count("Kommun"), 290);
    assert_eq!(count("Län"), 21);
    assert!(count("Verksamhet") >= 100, "{}", count("Verksamhet"));
    assert!(count("Utförare") >= 9);
    assert!(count("Sida") >= 6);
    assert_eq!(manifest["antal"].as_u64().unwrap() as usize, docs.len());
    assert_eq!(docs["/kommun/borlange/"]["titel"], "Borlänge");
    assert_eq!(docs["/kommun/borlange/"]["info"], "Har personligt ombud: samverkan mellan kommuner");
    assert_eq!(docs["/kommun/bromolla/"]["info"], "Saknar personligt ombud enligt källan");
    assert_eq!(docs["/kommun/bjuv/"]["info"], "Har personligt ombud: entreprenad");
    // Folded names are indexed: "ostersund" is a token of the `enkel` field, in shard "os".
    let shard = json(&file(out, &delar["os"]));
    let mut node = &shard["index"]["enkel"];
    for c in "ostersund".chars() {
        node = &node[c.to_string()];
        assert!(!node.is_null(), "no 'ostersund' in the folded names");
    }
    assert!(node["docs"].as_object().unwrap().contains_key("/kommun/ostersund/"));
    assert_eq!(node["df"], 1);
}

#[test]
fn title_lists_name_every_kommun_organisation_utforare_and_lan_by_squashed_length() {
    let out = built_bundled();
    let manifest = json(&asset(out, "sokindex", "json"));
    let mut seen = std::collections::BTreeMap::new();
    for (n, url) in manifest["titlar"].as_object().unwrap() {
        for e in json(&file(out, url)).as_array().unwrap() {
            let titel = e[1].as_str().unwrap();
            assert_eq!(katalog::search::squash(titel).chars().count().to_string(), *n, "{titel}");
            assert_ne!(e[2], "Sida");
            seen.insert(e[0].as_str().unwrap().to_string(), e[2].clone());
        }
    }
    assert_eq!(seen.values().filter(|t| *t == "Kommun").count(), 290);
    assert_eq!(seen.values().filter(|t| *t == "Län").count(), 21);
    assert_eq!(seen["/kommun/dals-ed/"], "Kommun");
    assert_eq!(katalog::search::squash("Dals-Ed"), "dalsed");
    assert_eq!(katalog::search::squash("Upplands Väsby"), "upplandsvasby");
}

/// The most a one-word query can fetch: the manifest, the shards of a one-letter word
/// (every shard that begins with the letter) or of a longer word (one shard), and five
/// title lists. Today's budget: no more than the single index file of before (50.7 KB).
#[test]
fn a_query_downloads_no_more_than_the_single_index_did() {
    let out = built_bundled();
    let path = asset(out, "sokindex", "json");
    let manifest = json(&path);
    let manifest_gz = gzipped(&std::fs::read(&path).unwrap());
    let mut by_letter: std::collections::BTreeMap<char, usize> = std::collections::BTreeMap::new();
    let mut largest_shard = 0;
    for (key, url) in manifest["delar"].as_object().unwrap() {
        let gz = gzipped(&std::fs::read(file(out, url)).unwrap());
        *by_letter.entry(key.chars().next().unwrap()).or_default() += gz;
        largest_shard = largest_shard.max(gz);
    }
    let titles: std::collections::BTreeMap<usize, usize> = manifest["titlar"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(n, url)| (n.parse().unwrap(), gzipped(&std::fs::read(file(out, url)).unwrap())))
        .collect();
    let five = titles.keys().map(|&n| (n.saturating_sub(2)..=n + 2).filter_map(|m| titles.get(&m)).sum::<usize>());
    let worst_titles = five.max().unwrap();
    let worst_letter = *by_letter.values().max().unwrap();
    let worst = manifest_gz + worst_letter.max(largest_shard) + worst_titles;
    eprintln!(
        "gzipped: manifest {manifest_gz}, largest shard {largest_shard}, all shards of one letter {worst_letter}, \
         five title lists {worst_titles}, all title lists {}; worst one-word query {worst}",
        titles.values().sum::<usize>()
    );
    assert!(worst <= 51_900, "a one-word query may fetch {worst} bytes gzipped");
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
