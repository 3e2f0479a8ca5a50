//! The search index: its documents, and agreement between the Rust pipeline that built
//! it and the browser's pipeline (themes/default/static/sok-sv.js) on every word in it.

mod common;
use common::*;
use elasticlunr::Language;

fn json(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_str(&read(path)).unwrap()
}

/// The manifest, and the folder of the index files it names.
fn index(out: &std::path::Path) -> (serde_json::Value, std::path::PathBuf) {
    let manifest = json(&asset(out, "sokindex", "json"));
    let folder = out.join(manifest["mapp"].as_str().unwrap().trim_matches('/'));
    (manifest, folder)
}

/// Every document of the store, by number: [address, title, type, info].
fn store(manifest: &serde_json::Value, folder: &std::path::Path) -> Vec<serde_json::Value> {
    let per = manifest["dokument"].as_u64().unwrap() as usize;
    let n = manifest["antal"].as_u64().unwrap() as usize;
    let docs: Vec<serde_json::Value> = (0..n.div_ceil(per))
        .flat_map(|i| json(&folder.join(format!("d{i}.json"))).as_array().unwrap().clone())
        .collect();
    assert_eq!(docs.len(), n);
    docs
}

/// A term's postings in one field of a chunk: document numbers with their weights.
fn postings(groups: &serde_json::Value) -> Vec<(u64, f64)> {
    let mut out = Vec::new();
    for (weight, docs) in groups.as_object().into_iter().flatten() {
        let mut doc = 0;
        for d in docs.as_array().unwrap() {
            doc += d.as_u64().unwrap();
            out.push((doc, weight.parse().unwrap()));
        }
    }
    out.sort_by_key(|p| p.0);
    out
}

#[test]
fn the_index_holds_a_document_for_everything_searchable() {
    let out = built_bundled();
    let (manifest, folder) = index(out);
    assert_eq!(manifest["index"]["lang"], "Swedish");
    assert_eq!(manifest["index"]["pipeline"], serde_json::json!(["trimmer-sv", "stopWordFilter-sv", "stemmer-sv"]));
    let docs = store(&manifest, &folder);
    let count = |typ: &str| docs.iter().filter(|d| d[2] == typ).count();
    assert_eq!(count("Kommun"), 290);
    assert_eq!(count("Län"), 21);
    assert!(count("Verksamhet") >= 100, "{}", count("Verksamhet"));
    assert!(count("Utförare") >= 9);
    assert!(count("Sida") >= 6);
    let doc = |address: &str| docs.iter().position(|d| d[0] == address).unwrap();
    assert_eq!(docs[doc("/kommun/borlange/")][1], "Borlänge");
    assert_eq!(docs[doc("/kommun/borlange/")][3], "Har personligt ombud: samverkan mellan kommuner");
    assert_eq!(docs[doc("/kommun/bromolla/")][3], "Saknar personligt ombud enligt källan");
    assert_eq!(docs[doc("/kommun/bjuv/")][3], "Har personligt ombud: entreprenad");
    // Numbered by type (organisations first), then by the Swedish order of titles.
    assert!(doc("/kommun/alvesta/") < doc("/kommun/borlange/"));
    assert!(doc("/kommun/vaxjo/") < doc("/kommun/ostersund/"), "ö after v");
    assert!(docs.iter().position(|d| d[2] == "Verksamhet") < docs.iter().position(|d| d[2] == "Kommun"));

    // Folded names are indexed: "ostersund" is a term of the `enkel` field (field 1),
    // in the chunk the manifest's first terms place it in; Östersund's name begins with it.
    let firsts: Vec<&str> = manifest["termer"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    assert!(firsts.windows(2).all(|w| w[0] < w[1]), "chunks in term order");
    let i = firsts.iter().rposition(|f| *f <= "ostersund").unwrap();
    let chunk = json(&folder.join(format!("t{i}.json")));
    let term = &chunk["ostersund"];
    let enkel = postings(&term[1]);
    assert_eq!(enkel.iter().map(|p| p.0 as usize).collect::<Vec<_>>(), vec![doc("/kommun/ostersund/")]);
    assert_eq!(postings(&term[4]), vec![(doc("/kommun/ostersund/") as u64, 9.0)], "first word, name of 9 letters");
    // tf / √(field length): "ostersund" is the one term of Östersund's folded name.
    assert!((enkel[0].1 - 1.0).abs() < 1e-9);
    // Every chunk's terms lie between its first term and the next chunk's.
    for (i, first) in firsts.iter().enumerate() {
        let chunk = json(&folder.join(format!("t{i}.json")));
        for term in chunk.as_object().unwrap().keys() {
            assert!(term.as_str() >= *first && firsts.get(i + 1).is_none_or(|next| term.as_str() < *next), "{term}");
        }
    }
}

#[test]
fn title_lists_name_every_kommun_organisation_utforare_and_lan_by_first_letter_and_length() {
    let out = built_bundled();
    let (manifest, folder) = index(out);
    let docs = store(&manifest, &folder);
    let mut seen = std::collections::BTreeMap::new();
    for (key, size) in manifest["titlar"].as_object().unwrap() {
        let text = read(&folder.join(format!("n-{key}.json")));
        assert_eq!(text.len() as u64, size.as_u64().unwrap(), "{key}: size in the manifest");
        let (letter, n) = key.rsplit_once('-').unwrap();
        for e in json(&folder.join(format!("n-{key}.json"))).as_array().unwrap() {
            let titel = e[1].as_str().unwrap();
            let squashed = katalog::search::squash(titel);
            assert_eq!(squashed.chars().count().to_string(), n, "{titel}");
            assert_eq!(katalog::search::file_key(&squashed.chars().next().unwrap().to_string()), letter, "{titel}");
            let d = &docs[e[0].as_u64().unwrap() as usize];
            assert_eq!(d[1], titel);
            assert_ne!(d[2], "Sida");
            seen.insert(d[0].as_str().unwrap().to_string(), d[2].clone());
        }
    }
    assert_eq!(seen.values().filter(|t| *t == "Kommun").count(), 290);
    assert_eq!(seen.values().filter(|t| *t == "Län").count(), 21);
    assert_eq!(seen["/kommun/dals-ed/"], "Kommun");
    assert_eq!(katalog::search::squash("Dals-Ed"), "dalsed");
    assert_eq!(katalog::search::squash("Upplands Väsby"), "upplandsvasby");
    assert_eq!(katalog::search::file_key("ö"), "_f6");
}

/// The most a one-word query can fetch, as bench/search_bytes.py counts it (the
/// manifest, the word's chunks, five title lists and 20 store files): well below the
/// single index file of before (50.7 KB gzipped).
#[test]
fn a_query_downloads_less_than_the_single_index_did() {
    let out = built_bundled();
    let report = std::process::Command::new("python3")
        .arg(repo().join("bench/search_bytes.py"))
        .arg(out)
        .arg("--json")
        .output()
        .unwrap();
    assert!(report.status.success(), "{}", String::from_utf8_lossy(&report.stderr));
    let r: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
    eprintln!("{r}");
    let worst = r["worst_query_any"].as_u64().unwrap();
    assert!(worst <= 51_900, "a one-word query may fetch {worst} bytes gzipped");
    assert!(r["manifest"].as_u64().unwrap() < 2_000);
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
