//! The search index, built at build time with elasticlunr-rs and Swedish stemming, and
//! searched in the browser by elasticlunr.js with the same pipeline (themes/default/
//! static/sok-sv.js). One document per kommun, organisation, utförare, län and page.

use std::collections::BTreeMap;

use elasticlunr::{IndexBuilder, lang::Swedish};
use rayon::prelude::*;
use serde::Serialize;

use crate::labels;
use crate::model::Site;
use crate::slug::slugify;

/// Index fields, most important first; the browser boosts them in this order.
pub const FIELDS: [&str; 4] = ["namn", "enkel", "sammanhang", "text"];

/// What the result list shows for a hit.
#[derive(Serialize)]
struct Dokument {
    titel: String,
    typ: &'static str,
    info: Option<String>,
}

struct Entry {
    reference: String,
    fields: [String; 4],
    dokument: Dokument,
}

/// A chunk of terms is closed once its JSON passes this many bytes (a single term with
/// more postings gets a chunk of its own).
pub const CHUNK_BYTES: usize = 16_000;
/// Result details are stored this many documents to a file.
pub const STORE_DOCS: usize = 16;
/// How many chunks of terms one word of a query may fetch: the chunk it falls in and the
/// next ones that its prefix expands into. Beyond that a very short word ("o") expands
/// only into the nearest terms, so a query's download stays bounded at any size.
pub const CHUNKS_PER_WORD: usize = 3;
/// The browser fetches the result details of this many of the best hits.
pub const CANDIDATES: usize = 20;
/// "Menade du …?" fetches title lists beside the query's own within this many bytes.
pub const TITLE_BYTES: usize = 80_000;
/// Equal scores: an organisation before its kommuner (as `TYPE_ORDER` in sok.js); the
/// document numbers follow this order and then the Swedish order of titles.
const TYPE_ORDER: [&str; 5] = ["Verksamhet", "Utförare", "Län", "Kommun", "Sida"];

/// The search index as files, before the manifest gets its fingerprinted name.
pub struct Index {
    /// Under `resurser/sok-<hash of them all>/`: `t<n>.json` (chunks of terms in sorted
    /// order), `d<n>.json` (result details of `STORE_DOCS` documents each) and
    /// `n-<first letter>-<length>.json` (names for "Menade du …?").
    pub files: Vec<(String, Vec<u8>)>,
    /// `sokindex.json`, the one file the browser fetches first.
    pub manifest: Vec<u8>,
}

/// One term's postings: per field, (document, weight) in document order, and the
/// documents whose name begins with the term, with their folded name's length.
#[derive(Default)]
struct Postings {
    fields: [Vec<(u32, f64)>; 4],
    first_word: Vec<(u32, usize)>,
}

/// The index's files and manifest; documents numbered by type, then by Swedish title order.
pub fn build(site: &Site) -> Index {
    let mut entries = entries(site);
    entries.par_sort_by_cached_key(|e| {
        let typ = TYPE_ORDER.iter().position(|t| *t == e.dokument.typ).unwrap_or(TYPE_ORDER.len());
        (typ, crate::text::sort_key(&e.dokument.titel), e.reference.clone())
    });
    let chunks = term_chunks(&postings(&entries));
    let firsts: Vec<String> = chunks.iter().map(|(first, _)| first.clone()).collect();
    let mut files: Vec<(String, Vec<u8>)> =
        chunks.into_iter().enumerate().map(|(i, (_, json))| (format!("t{i}.json"), json.into_bytes())).collect();
    files.extend(store_chunks(&entries));
    let titles = title_lists(&entries);
    // Each list's size, so the browser can stay within its budget for "Menade du …?".
    let keys: BTreeMap<String, usize> = titles.iter().map(|(k, json)| (k.clone(), json.len())).collect();
    files.extend(titles.into_iter().map(|(k, json)| (format!("n-{k}.json"), json)));

    let folder = format!("{}/sok-{}", crate::assets::FOLDER, set_hash(&files));
    let manifest = serde_json::json!({
        "index": header(),
        "antal": entries.len(),
        "mapp": format!("/{folder}/"),
        "termer": firsts,
        "per_ord": CHUNKS_PER_WORD,
        "dokument": STORE_DOCS,
        "kandidater": CANDIDATES,
        "titelbudget": TITLE_BYTES,
        "titlar": keys,
    });
    Index {
        files: files.into_iter().map(|(name, bytes)| (format!("{folder}/{name}"), bytes)).collect(),
        manifest: crate::text::json_bytes_without_markup(&manifest, false).unwrap_or_default(),
    }
}

/// Every term's postings, the documents numbered in the order of `entries`, made with
/// elasticlunr-rs's Swedish tokenizer and pipeline as its `Index::add_doc` does (field
/// length = tokens after the pipeline, tf = √count), but with each tf already divided by
/// √(field length): elasticlunr.js then scores with a field length of 1, so the browser
/// needs no table of field lengths.
fn postings(entries: &[Entry]) -> BTreeMap<String, Postings> {
    // Tokenizing and stemming is most of the work: batches of documents in parallel, their
    // postings then appended in document order, so every list stays ascending.
    let batches: Vec<BTreeMap<String, Postings>> =
        entries.par_chunks(BATCH).enumerate().map(|(i, batch)| batch_postings(batch, i * BATCH)).collect();
    let mut terms: BTreeMap<String, Postings> = BTreeMap::new();
    for batch in batches {
        for (term, p) in batch {
            let all = terms.entry(term).or_default();
            for (list, more) in all.fields.iter_mut().zip(p.fields) {
                list.extend(more);
            }
            all.first_word.extend(p.first_word);
        }
    }
    terms
}

/// Documents or terms per batch of parallel work: enough to keep the threads busy without
/// holding much of the work's output at once.
const BATCH: usize = 2048;

/// The postings of `entries`, numbered from `first_doc`.
fn batch_postings(entries: &[Entry], first_doc: usize) -> BTreeMap<String, Postings> {
    use elasticlunr::Language;
    let swedish = Swedish::new();
    let pipeline = swedish.make_pipeline();
    let mut terms: BTreeMap<String, Postings> = BTreeMap::new();
    for (doc, entry) in (first_doc..).zip(entries) {
        let doc = u32::try_from(doc).unwrap_or(u32::MAX);
        for (f, text) in entry.fields.iter().enumerate() {
            let tokens = pipeline.run(swedish.tokenize(text));
            // The first term of the name, and of its folded form ("östersund", "ostersund").
            if f <= 1
                && let Some(first) = tokens.first()
            {
                let length = fold_name(&entry.dokument.titel).encode_utf16().count();
                let list = &mut terms.entry(first.clone()).or_default().first_word;
                if list.last().is_none_or(|&(d, _)| d != doc) {
                    list.push((doc, length));
                }
            }
            let length = tokens.len() as f64;
            let mut counts: BTreeMap<String, u32> = BTreeMap::new();
            for t in tokens {
                *counts.entry(t).or_insert(0) += 1;
            }
            for (token, count) in counts {
                let weight = f64::from(count).sqrt() / length.sqrt();
                terms.entry(token).or_default().fields[f].push((doc, weight));
            }
        }
    }
    terms
}

/// elasticlunr's own header (version, fields, ref, pipeline, language) of an empty index.
fn header() -> serde_json::Value {
    let empty = IndexBuilder::with_language(Box::new(Swedish::new())).add_fields(FIELDS).save_docs(false).build();
    match serde_json::from_str(&empty.to_json()) {
        Ok(serde_json::Value::Object(mut m)) => {
            m.remove("index");
            m.remove("documentStore");
            serde_json::Value::Object(m)
        }
        _ => serde_json::Value::Null,
    }
}

/// One name for the whole set, so the manifest names a folder instead of every file; a
/// change to any file gives a new folder, and the files may be cached for good.
fn set_hash(files: &[(String, Vec<u8>)]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for (name, bytes) in files {
        hasher.update(name.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    crate::text::hex(&hasher.finalize()[..5])
}

/// The terms in sorted order, cut into chunks of about `CHUNK_BYTES`: each chunk is
/// `{"term": [namn, enkel, sammanhang, text, first word]}` (see [`term_json`]), returned
/// with its first term.
fn term_chunks(terms: &BTreeMap<String, Postings>) -> Vec<(String, String)> {
    let terms: Vec<(&String, &Postings)> = terms.iter().collect();
    let mut chunks = Vec::new();
    let mut current: Option<(String, String)> = None;
    // Each term's JSON is made in parallel, a batch at a time so that only one batch of
    // it is held beside the chunks.
    let entries = terms.chunks(BATCH).flat_map(|batch| {
        batch
            .par_iter()
            .map(|(term, postings)| format!("{}:{}", json_string(term), term_json(postings)))
            .collect::<Vec<_>>()
    });
    for ((term, _), entry) in terms.iter().zip(entries) {
        match &mut current {
            Some((_, json)) if json.len() + entry.len() <= CHUNK_BYTES => {
                json.push(',');
                json.push_str(&entry);
            }
            _ => {
                chunks.extend(current.take());
                current = Some((term.to_string(), entry));
            }
        }
    }
    chunks.extend(current);
    chunks
        .into_par_iter()
        .map(|(first, json)| (first, crate::text::json_without_markup(&format!("{{{json}}}"))))
        .collect()
}

/// A term's postings: per field `0` (none) or `{"weight": [documents]}`, then the
/// documents whose name begins with it as `{"name length": [documents]}`. Document
/// numbers are ascending and written as differences from the one before, which
/// compresses well; weights have four significant digits.
fn term_json(p: &Postings) -> String {
    let mut parts: Vec<String> = p
        .fields
        .iter()
        .map(|postings| {
            let mut by_weight: BTreeMap<String, Vec<u32>> = BTreeMap::new();
            for &(doc, weight) in postings {
                by_weight.entry(format!("{weight:.3e}")).or_default().push(doc);
            }
            grouped_json(&by_weight)
        })
        .collect();
    let mut by_length: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for &(doc, length) in &p.first_word {
        by_length.entry(length.to_string()).or_default().push(doc);
    }
    parts.push(grouped_json(&by_length));
    format!("[{}]", parts.join(","))
}

fn grouped_json(groups: &BTreeMap<String, Vec<u32>>) -> String {
    use std::fmt::Write;
    if groups.is_empty() {
        return "0".into();
    }
    let mut out = String::from("{");
    for (i, (key, docs)) in groups.iter().enumerate() {
        let _ = write!(out, "{}\"{key}\":[", if i > 0 { "," } else { "" });
        let mut before = 0;
        for (j, &d) in docs.iter().enumerate() {
            let _ = write!(out, "{}{}", if j > 0 { "," } else { "" }, d - before);
            before = d;
        }
        out.push(']');
    }
    out.push('}');
    out
}

/// `d<n>.json`: `[[address, title, type, info], …]` for documents n·STORE_DOCS onwards.
fn store_chunks(entries: &[Entry]) -> Vec<(String, Vec<u8>)> {
    entries
        .chunks(STORE_DOCS)
        .enumerate()
        .map(|(i, chunk)| {
            let rows: Vec<(&str, &str, &str, Option<&str>)> = chunk
                .iter()
                .map(|e| (e.reference.as_str(), e.dokument.titel.as_str(), e.dokument.typ, e.dokument.info.as_deref()))
                .collect();
            (format!("d{i}.json"), crate::text::json_bytes_without_markup(&rows, false).unwrap_or_default())
        })
        .collect()
}

/// The named documents (kommuner, organisations, utförare, län) by the first letter and
/// the length of their squashed name (`squash`): key `<letter>-<length>` (the letter as
/// [`file_key`] writes it), list `[[document, title], …]` (the address comes from the
/// store, for the few names offered).
fn title_lists(entries: &[Entry]) -> Vec<(String, Vec<u8>)> {
    let mut lists: BTreeMap<String, Vec<(usize, &str)>> = BTreeMap::new();
    for (doc, e) in entries.iter().enumerate().filter(|(_, e)| e.dokument.typ != "Sida") {
        let squashed = squash(&e.dokument.titel);
        let Some(first) = squashed.chars().next() else { continue };
        let key = format!("{}-{}", file_key(&first.to_string()), squashed.chars().count());
        lists.entry(key).or_default().push((doc, &e.dokument.titel));
    }
    lists
        .into_iter()
        .map(|(key, list)| (key, crate::text::json_bytes_without_markup(&list, false).unwrap_or_default()))
        .collect()
}

/// A letter as a file name: `a`–`z` and `0`–`9` as they are, anything else as `_` and
/// its code point in hex (`ö` → `_f6`); sok.js names the files the same way.
pub fn file_key(key: &str) -> String {
    key.chars()
        .map(|c| if c.is_ascii_lowercase() || c.is_ascii_digit() { c.to_string() } else { format!("_{:x}", c as u32) })
        .collect()
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Every word the index is built from, as the tokenizer splits it: for checking that the
/// browser's pipeline turns each into the same token as elasticlunr-rs does.
pub fn words(site: &Site) -> std::collections::BTreeSet<String> {
    use elasticlunr::Language;
    let swedish = Swedish::new();
    entries(site).iter().flat_map(|e| e.fields.iter().flat_map(|f| swedish.tokenize(f))).collect()
}

/// Lower case, marks removed, ø → o, æ → ae, ß → ss: the folding sok.js `fold` does
/// before it collapses white space.
fn fold_letters(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.to_lowercase()
        .nfd()
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
        .flat_map(|c| match c {
            'ø' => vec!['o'],
            'æ' => vec!['a', 'e'],
            'ß' => vec!['s', 's'],
            c => vec![c],
        })
        .collect()
}

/// "Dals-Ed" → "dalsed", exactly as sok.js `squash` makes it (folded, no white space or
/// hyphens): its first letter and length pick the title list.
pub fn squash(text: &str) -> String {
    fold_letters(text)
        .chars()
        .filter(|&c| !(c.is_whitespace() || c == '-' || ('\u{2010}'..='\u{2015}').contains(&c)))
        .collect()
}

/// A name as sok.js `fold` makes it (folded, white space collapsed): its length in UTF-16
/// units ranks names that begin with the query, shortest first.
pub fn fold_name(text: &str) -> String {
    fold_letters(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words a visitor may type without å, ä, ö: "Östersund" → "ostersund".
pub fn fold(text: &str) -> String {
    slugify(text).replace('-', " ")
}

/// Text and its folded form, so that both spellings are found.
fn both(text: &str) -> String {
    let folded = fold(text);
    // Repeating a word that has no å, ä or ö would only weigh the field down.
    if folded == text.to_lowercase().replace('-', " ") { text.to_string() } else { format!("{text} {folded}") }
}

fn entries(site: &Site) -> Vec<Entry> {
    let org_by_id: BTreeMap<&str, _> = site.organisationer.iter().map(|o| (o.id.as_str(), o)).collect();
    let utforare_by_id: BTreeMap<&str, _> = site.utforare.iter().map(|u| (u.id.as_str(), u)).collect();
    let kommun_by_code: BTreeMap<&str, _> = site.kommuner.iter().map(|k| (k.kod.as_str(), k)).collect();
    let lan_by_code: BTreeMap<&str, _> = site.lan.iter().map(|l| (l.kod.as_str(), l)).collect();
    // An utförare's name and the names of those who run it (PO-Skåne: RSMH, Schizofreniförbundet).
    let utforare_words = |id: &str| -> String {
        let Some(u) = utforare_by_id.get(id) else {
            return String::new();
        };
        let mut words = vec![both(&u.namn), u.id.replace('-', " ")];
        words.extend(u.drivs_av.iter().filter_map(|d| utforare_by_id.get(d.as_str())).map(|d| both(&d.namn)));
        words.join(" ")
    };
    let org_words = |id: &str| -> String {
        let Some(o) = org_by_id.get(id) else {
            return String::new();
        };
        let mut words = vec![both(&o.namn), o.id.replace('-', " "), labels::driftsform(o.driftsform).to_string()];
        if let Some(u) = &o.utforare {
            words.push(utforare_words(u));
        }
        words.join(" ")
    };

    // Kommuner and organisations are most of the documents: made in parallel, in order.
    let mut out: Vec<Entry> = site
        .kommuner
        .par_iter()
        .map(|k| {
            let lan = lan_by_code.get(k.lan_kod.as_str()).map(|l| both(&l.namn)).unwrap_or_default();
            let orgs: Vec<String> = k.organisationer.iter().map(|id| org_words(id)).collect();
            let info = match k.driftsform {
                Some(d) => format!("{}: {}", labels::po_lage(k.po), labels::driftsform(d).to_lowercase()),
                None => labels::po_lage(k.po).to_string(),
            };
            Entry {
                reference: format!("/{}", k.sokvag),
                fields: [
                    k.namn.clone(),
                    std::iter::once(&k.namn).chain(&k.andra_namn).map(|n| fold(n)).collect::<Vec<_>>().join(" "),
                    format!("{lan} {}", orgs.join(" ")),
                    String::new(),
                ],
                dokument: Dokument { titel: k.namn.clone(), typ: "Kommun", info: Some(info) },
            }
        })
        .collect();
    out.par_extend(site.organisationer.par_iter().map(|o| {
        let members: Vec<String> =
            o.kommuner.iter().filter_map(|c| kommun_by_code.get(c.as_str())).map(|k| both(&k.namn)).collect();
        let utforare = o.utforare.as_deref().map(utforare_words).unwrap_or_default();
        let antal = o.kommuner.len();
        Entry {
            reference: format!("/{}", o.sokvag),
            fields: [
                o.namn.clone(),
                // Who runs it names it too: "rsmh" finds PO-Skåne's page before its 17 kommuner.
                format!("{} {} {utforare}", fold(&o.namn), o.id.replace('-', " ")),
                format!("{} {}", members.join(" "), labels::driftsform(o.driftsform)),
                o.anmarkning.clone().unwrap_or_default(),
            ],
            dokument: Dokument {
                titel: o.namn.clone(),
                typ: "Verksamhet",
                info: Some(format!(
                    "{}, {antal} {}",
                    labels::driftsform(o.driftsform),
                    if antal == 1 { "kommun" } else { "kommuner" }
                )),
            },
        }
    }));
    for u in &site.utforare {
        let orgs: Vec<String> = u.organisationer.iter().map(|id| org_words(id)).collect();
        out.push(Entry {
            reference: format!("/{}", u.sokvag),
            fields: [
                u.namn.clone(),
                format!("{} {}", fold(&u.namn), u.id.replace('-', " ")),
                format!("{} {}", utforare_words(&u.id), orgs.join(" ")),
                u.beskrivning.clone(),
            ],
            dokument: Dokument { titel: u.namn.clone(), typ: "Utförare", info: u.typ.clone() },
        });
    }
    for l in &site.lan {
        out.push(Entry {
            reference: format!("/{}", l.sokvag),
            fields: [l.namn.clone(), fold(&l.namn), String::new(), String::new()],
            dokument: Dokument { titel: l.namn.clone(), typ: "Län", info: None },
        });
    }
    for s in &site.sidor {
        out.push(Entry {
            reference: format!("/{}/", s.sokvag),
            fields: [s.titel.clone(), fold(&s.titel), s.beskrivning.clone(), crate::markdown::to_text(&s.markdown)],
            dokument: Dokument { titel: s.titel.clone(), typ: "Sida", info: Some(s.beskrivning.clone()) },
        });
    }
    out
}
