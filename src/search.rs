//! The search index, built at build time with elasticlunr-rs and Swedish stemming, and
//! searched in the browser by elasticlunr.js with the same pipeline (themes/default/
//! static/sok-sv.js). One document per kommun, organisation, utförare, län and page.

use std::collections::BTreeMap;

use elasticlunr::{IndexBuilder, lang::Swedish};
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

/// Tokens are sharded by their first this many characters (a shorter token is its own key).
pub const SHARD_PREFIX: usize = 2;

/// The sharded search index, before its files get their fingerprinted names.
pub struct Sharded {
    /// `sok-<key>.json`: the postings of every token whose first characters are `key`,
    /// with the field lengths and result details of the documents they name.
    pub shards: Vec<(String, String, Vec<u8>)>,
    /// `sok-titlar-<n>.json`: the named documents (kommuner, organisations, utförare,
    /// län) whose folded name, without spaces and hyphens, has `n` characters.
    pub titles: Vec<(usize, String, Vec<u8>)>,
    /// The elasticlunr index's own header (version, fields, ref, pipeline, language).
    header: serde_json::Map<String, serde_json::Value>,
    documents: usize,
}

/// A document's postings in one field: (document number, term frequency).
type Postings = [Vec<(u32, f64)>; 4];

/// Builds the shards from elasticlunr-rs's Swedish tokenizer and pipeline, exactly as its
/// `Index::add_doc` does (field length = tokens after the pipeline, tf = √count), but
/// without its whole-index trie: each entry is dropped once its tokens are counted.
pub fn sharded(site: &Site) -> Sharded {
    use elasticlunr::Language;
    let swedish = Swedish::new();
    let pipeline = swedish.make_pipeline();
    let mut refs: Vec<String> = Vec::new();
    let mut lengths: Vec<[usize; 4]> = Vec::new();
    let mut dokument: Vec<Dokument> = Vec::new();
    let mut by_key: BTreeMap<String, BTreeMap<String, Postings>> = BTreeMap::new();
    let mut titles: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
    for entry in entries(site) {
        let doc = u32::try_from(refs.len()).unwrap_or(u32::MAX);
        let mut field_lengths = [0; 4];
        for (f, text) in entry.fields.iter().enumerate() {
            let tokens = pipeline.run(swedish.tokenize(text));
            field_lengths[f] = tokens.len();
            let mut counts: BTreeMap<String, u64> = BTreeMap::new();
            for t in tokens {
                *counts.entry(t).or_insert(0) += 1;
            }
            for (token, count) in counts {
                let key: String = token.chars().take(SHARD_PREFIX).collect();
                by_key.entry(key).or_default().entry(token).or_default()[f].push((doc, (count as f64).sqrt()));
            }
        }
        if entry.dokument.typ != "Sida" {
            titles.entry(squash(&entry.dokument.titel).chars().count()).or_default().push(doc);
        }
        refs.push(entry.reference);
        lengths.push(field_lengths);
        dokument.push(entry.dokument);
    }
    let shards = by_key
        .into_iter()
        .map(|(key, tokens)| {
            let json = shard_json(&tokens, &refs, &lengths, &dokument);
            (key.clone(), format!("sok-{}.json", file_key(&key)), json.into_bytes())
        })
        .collect();
    let titles = titles
        .into_iter()
        .map(|(n, docs)| {
            let list: Vec<(&str, &str, &str, Option<&str>)> = docs
                .iter()
                .map(|&d| {
                    let (r, k) = (&refs[d as usize], &dokument[d as usize]);
                    (r.as_str(), k.titel.as_str(), k.typ, k.info.as_deref())
                })
                .collect();
            let json = crate::text::json_without_markup(&serde_json::to_string(&list).unwrap_or_default());
            (n, format!("sok-titlar-{n}.json"), json.into_bytes())
        })
        .collect();
    let empty = IndexBuilder::with_language(Box::new(Swedish::new())).add_fields(FIELDS).save_docs(false).build();
    let header = match serde_json::from_str(&empty.to_json()) {
        Ok(serde_json::Value::Object(mut m)) => {
            m.remove("index");
            m.remove("documentStore");
            m
        }
        _ => serde_json::Map::new(),
    };
    Sharded { shards, titles, header, documents: refs.len() }
}

impl Sharded {
    /// All shard and title files, named as `sharded` named them.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let shards = self.shards.iter().map(|(_, name, bytes)| (name.clone(), bytes.clone()));
        shards.chain(self.titles.iter().map(|(_, name, bytes)| (name.clone(), bytes.clone()))).collect()
    }

    /// `/sokindex.json`, the manifest the browser fetches first: the index header, the
    /// number of documents (for idf), and the address of every shard and title file.
    pub fn manifest(&self, urls: &BTreeMap<String, String>) -> String {
        let url = |name: &String| urls.get(name).cloned().unwrap_or_else(|| format!("/{name}"));
        let shards: serde_json::Map<String, serde_json::Value> =
            self.shards.iter().map(|(key, name, _)| (key.clone(), url(name).into())).collect();
        let titles: serde_json::Map<String, serde_json::Value> =
            self.titles.iter().map(|(n, name, _)| (n.to_string(), url(name).into())).collect();
        let json = serde_json::json!({
            "index": self.header,
            "antal": self.documents,
            "prefix": SHARD_PREFIX,
            "delar": shards,
            "titlar": titles,
        });
        crate::text::json_without_markup(&json.to_string())
    }
}

/// A shard key as a file name: `a`–`z` and `0`–`9` as they are, anything else as `_` and
/// its code point in hex (`ös` → `_f6s`).
fn file_key(key: &str) -> String {
    key.chars()
        .map(|c| if c.is_ascii_lowercase() || c.is_ascii_digit() { c.to_string() } else { format!("_{:x}", c as u32) })
        .collect()
}

/// One shard: `{"index": {field: trie}, "docInfo": {ref: {field: length}}, "dokument": {ref: …}}`,
/// each trie in elasticlunr's format (`{"docs": {ref: {"tf": …}}, "df": n, "a": {…}}`).
fn shard_json(
    tokens: &BTreeMap<String, Postings>,
    refs: &[String],
    lengths: &[[usize; 4]],
    dokument: &[Dokument],
) -> String {
    use std::fmt::Write;
    let mut docs = std::collections::BTreeSet::new();
    let mut out = String::from(r#"{"index":{"#);
    for (f, field) in FIELDS.iter().enumerate() {
        if f > 0 {
            out.push(',');
        }
        let _ = write!(out, r#""{field}":"#);
        let in_field: Vec<(&str, &Vec<(u32, f64)>)> =
            tokens.iter().filter(|(_, p)| !p[f].is_empty()).map(|(t, p)| (t.as_str(), &p[f])).collect();
        for (_, postings) in &in_field {
            docs.extend(postings.iter().map(|&(d, _)| d));
        }
        write_trie(&mut out, &in_field, 0, refs);
    }
    out.push_str(r#"},"docInfo":{"#);
    for (i, &d) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let l = lengths[d as usize];
        let _ = write!(out, "{}:{{", json_string(&refs[d as usize]));
        for (f, field) in FIELDS.iter().enumerate() {
            let _ = write!(out, r#"{}"{field}":{}"#, if f > 0 { "," } else { "" }, l[f]);
        }
        out.push('}');
    }
    out.push_str(r#"},"dokument":{"#);
    for (i, &d) in docs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let doc = serde_json::to_string(&dokument[d as usize]).unwrap_or_default();
        let _ = write!(out, "{}:{doc}", json_string(&refs[d as usize]));
    }
    out.push_str("}}");
    crate::text::json_without_markup(&out)
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Writes the trie node reached after `depth` characters of the (sorted) tokens given,
/// all of which share those characters.
fn write_trie(out: &mut String, tokens: &[(&str, &Vec<(u32, f64)>)], depth: usize, refs: &[String]) {
    use std::fmt::Write;
    out.push_str(r#"{"docs":{"#);
    let mut rest = tokens;
    let mut df = 0;
    if let Some((t, postings)) = tokens.first()
        && t.chars().count() == depth
    {
        for (i, (d, tf)) in postings.iter().enumerate() {
            let tf = serde_json::to_string(tf).unwrap_or_default();
            let _ = write!(out, r#"{}{}:{{"tf":{tf}}}"#, if i > 0 { "," } else { "" }, json_string(&refs[*d as usize]));
        }
        df = postings.len();
        rest = &tokens[1..];
    }
    let _ = write!(out, r#"}},"df":{df}"#);
    while let Some((t, _)) = rest.first() {
        let Some(c) = t.chars().nth(depth) else { break };
        let n = rest.iter().take_while(|(t, _)| t.chars().nth(depth) == Some(c)).count();
        let _ = write!(out, ",{}:", json_string(&c.to_string()));
        write_trie(out, &rest[..n], depth + 1, refs);
        rest = &rest[n..];
    }
    out.push('}');
}

/// Every word the index is built from, as the tokenizer splits it: for checking that the
/// browser's pipeline turns each into the same token as elasticlunr-rs does.
pub fn words(site: &Site) -> std::collections::BTreeSet<String> {
    use elasticlunr::Language;
    let swedish = Swedish::new();
    entries(site).iter().flat_map(|e| e.fields.iter().flat_map(|f| swedish.tokenize(f))).collect()
}

/// "Dals-Ed" → "dalsed", exactly as sok.js `squash` makes it (lower case, marks
/// removed, ø → o, æ → ae, ß → ss, no white space or hyphens): its length in characters
/// picks the title file.
pub fn squash(text: &str) -> String {
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
        .filter(|&c| !(c.is_whitespace() || c == '-' || ('\u{2010}'..='\u{2015}').contains(&c)))
        .collect()
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

    let mut out = Vec::new();
    for k in &site.kommuner {
        let lan = lan_by_code.get(k.lan_kod.as_str()).map(|l| both(&l.namn)).unwrap_or_default();
        let orgs: Vec<String> = k.organisationer.iter().map(|id| org_words(id)).collect();
        let info = match k.driftsform {
            Some(d) => format!("{}: {}", labels::po_lage(k.po), labels::driftsform(d).to_lowercase()),
            None => labels::po_lage(k.po).to_string(),
        };
        out.push(Entry {
            reference: format!("/{}", k.sokvag),
            fields: [
                k.namn.clone(),
                std::iter::once(&k.namn).chain(&k.andra_namn).map(|n| fold(n)).collect::<Vec<_>>().join(" "),
                format!("{lan} {}", orgs.join(" ")),
                String::new(),
            ],
            dokument: Dokument { titel: k.namn.clone(), typ: "Kommun", info: Some(info) },
        });
    }
    for o in &site.organisationer {
        let members: Vec<String> =
            o.kommuner.iter().filter_map(|c| kommun_by_code.get(c.as_str())).map(|k| both(&k.namn)).collect();
        let utforare = o.utforare.as_deref().map(utforare_words).unwrap_or_default();
        let antal = o.kommuner.len();
        out.push(Entry {
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
        });
    }
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
