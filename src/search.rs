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

/// `/sokindex.json`: the elasticlunr index plus what to show for each hit.
pub fn index_json(site: &Site) -> String {
    let entries = entries(site);
    let mut index = IndexBuilder::with_language(Box::new(Swedish::new())).add_fields(FIELDS).save_docs(false).build();
    let mut dokument = BTreeMap::new();
    for e in entries {
        index.add_doc(&e.reference, e.fields.iter().map(String::as_str));
        dokument.insert(e.reference, e.dokument);
    }
    // Spliced as text: a round trip through serde_json::Value would hold the whole
    // index in memory several times over on a large site.
    let index = index.to_json();
    let dokument = serde_json::to_string(&dokument).unwrap_or_default();
    let json = format!(r#"{{"index":{index},"dokument":{dokument}}}"#);
    // Text from the data never appears as markup, even in a file only scripts read.
    crate::text::json_without_markup(&json)
}

/// Every word the index is built from, as the tokenizer splits it: for checking that the
/// browser's pipeline turns each into the same token as elasticlunr-rs does.
pub fn words(site: &Site) -> std::collections::BTreeSet<String> {
    use elasticlunr::Language;
    let swedish = Swedish::new();
    entries(site).iter().flat_map(|e| e.fields.iter().flat_map(|f| swedish.tokenize(f))).collect()
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
