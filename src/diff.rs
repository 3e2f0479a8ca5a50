//! `katalog diff OLD NEW`: what a change of the data means for visitors, as a reviewer
//! wants to read it in a pull request: kommuner whose answer, organisation, driftsform,
//! contact route, DMO status or newest evidence changed; organisations added, removed or
//! with other members; sources added or removed.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::labels;
use crate::model::{Kommun, Site};
use crate::text::sort_key;

#[derive(Debug, Default, Serialize)]
pub struct Diff {
    pub kommuner: Vec<KommunChange>,
    pub organisationer_tillagda: Vec<Named>,
    pub organisationer_borttagna: Vec<Named>,
    pub organisationer_andrade: Vec<MemberChange>,
    pub kallor_tillagda: Vec<Named>,
    pub kallor_borttagna: Vec<Named>,
}

#[derive(Debug, Serialize)]
pub struct KommunChange {
    pub kod: String,
    pub namn: String,
    pub andringar: Vec<Change>,
}

/// One thing a visitor sees differently: what, before and after, in words.
#[derive(Debug, Serialize)]
pub struct Change {
    pub vad: &'static str,
    pub fore: String,
    pub efter: String,
}

#[derive(Debug, Serialize)]
pub struct Named {
    pub id: String,
    pub namn: String,
}

#[derive(Debug, Serialize)]
pub struct MemberChange {
    pub id: String,
    pub namn: String,
    /// Names of kommuner that became, or stopped being, current members.
    pub nya: Vec<String>,
    pub borta: Vec<String>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.kommuner.is_empty()
            && self.organisationer_tillagda.is_empty()
            && self.organisationer_borttagna.is_empty()
            && self.organisationer_andrade.is_empty()
            && self.kallor_tillagda.is_empty()
            && self.kallor_borttagna.is_empty()
    }
}

pub fn diff(old: &Site, new: &Site) -> Diff {
    let mut d = Diff::default();
    let old_kommuner: BTreeMap<&str, &Kommun> = old.kommuner.iter().map(|k| (k.kod.as_str(), k)).collect();
    for k in &new.kommuner {
        let Some(before) = old_kommuner.get(k.kod.as_str()) else { continue };
        let andringar: Vec<Change> = facts(old, before)
            .into_iter()
            .zip(facts(new, k))
            .filter(|((_, a), (_, b))| a != b)
            .map(|((vad, fore), (_, efter))| Change { vad, fore, efter })
            .collect();
        if !andringar.is_empty() {
            d.kommuner.push(KommunChange { kod: k.kod.clone(), namn: k.namn.clone(), andringar });
        }
    }

    let old_orgs: BTreeMap<&str, _> = old.organisationer.iter().map(|o| (o.id.as_str(), o)).collect();
    let new_orgs: BTreeMap<&str, _> = new.organisationer.iter().map(|o| (o.id.as_str(), o)).collect();
    for (id, o) in &new_orgs {
        match old_orgs.get(id) {
            None => d.organisationer_tillagda.push(Named { id: id.to_string(), namn: o.namn.clone() }),
            Some(before) => {
                let name_of = |site: &Site, code: &String| {
                    site.kommuner.iter().find(|k| &k.kod == code).map(|k| k.namn.clone()).unwrap_or(code.clone())
                };
                let nya: Vec<String> =
                    o.kommuner.iter().filter(|c| !before.kommuner.contains(c)).map(|c| name_of(new, c)).collect();
                let borta: Vec<String> =
                    before.kommuner.iter().filter(|c| !o.kommuner.contains(c)).map(|c| name_of(old, c)).collect();
                if !nya.is_empty() || !borta.is_empty() {
                    d.organisationer_andrade.push(MemberChange {
                        id: id.to_string(),
                        namn: o.namn.clone(),
                        nya,
                        borta,
                    });
                }
            }
        }
    }
    for (id, o) in &old_orgs {
        if !new_orgs.contains_key(id) {
            d.organisationer_borttagna.push(Named { id: id.to_string(), namn: o.namn.clone() });
        }
    }

    let old_sources: BTreeMap<&str, &str> = old.kallor.iter().map(|k| (k.id.as_str(), k.titel.as_str())).collect();
    let new_sources: BTreeMap<&str, &str> = new.kallor.iter().map(|k| (k.id.as_str(), k.titel.as_str())).collect();
    let named = |(id, titel): (&&str, &&str)| Named { id: id.to_string(), namn: titel.to_string() };
    d.kallor_tillagda = new_sources.iter().filter(|(id, _)| !old_sources.contains_key(*id)).map(named).collect();
    d.kallor_borttagna = old_sources.iter().filter(|(id, _)| !new_sources.contains_key(*id)).map(named).collect();
    d
}

/// What a visitor reads about a kommun, fact by fact, in words.
fn facts(site: &Site, k: &Kommun) -> [(&'static str, String); 6] {
    let org_names: Vec<String> = k
        .organisationer
        .iter()
        .filter_map(|id| site.organisationer.iter().find(|o| &o.id == id))
        .map(|o| o.namn.clone())
        .collect();
    let route = &k.kontaktvag;
    let kontakt = match route.niva {
        1 => format!(
            "telefon eller e-post ({})",
            route.kontakt.as_ref().and_then(|c| c.telefon.clone().or(c.epost.clone())).unwrap_or_default()
        ),
        2 => format!(
            "sida med kontaktuppgifter ({})",
            route.kontakt.as_ref().and_then(|c| c.webb.clone()).unwrap_or_default()
        ),
        3 => format!("sida om personligt ombud ({})", route.sida.clone().unwrap_or_default()),
        _ => "bara allmänna råd".into(),
    };
    let dash = |s: String| if s.is_empty() { "–".to_string() } else { s };
    [
        ("Svar", labels::po_lage(k.po).to_string()),
        ("Verksamhet", dash(org_names.join(", "))),
        ("Driftsform", dash(k.driftsform.map(|d| labels::driftsform(d).to_string()).unwrap_or_default())),
        ("Kontaktväg", kontakt),
        ("DMO", labels::dmo_status(k.dmo).to_string()),
        ("Nyaste uppgift", dash(k.nyaste.clone().unwrap_or_default())),
    ]
}

/// The diff as Markdown for a pull-request comment.
pub fn to_markdown(d: &Diff) -> String {
    let mut out = String::from("### Vad ändringen betyder för besökarna\n\n");
    if d.is_empty() {
        out.push_str("Ingen ändring för besökarna: inga kommuners svar, verksamheter eller källor ändras.\n");
        return out;
    }
    if !d.kommuner.is_empty() {
        let mut kommuner: Vec<&KommunChange> = d.kommuner.iter().collect();
        kommuner.sort_by_key(|k| sort_key(&k.namn));
        out.push_str(&format!(
            "**{} {} ändras**\n\n",
            kommuner.len(),
            if kommuner.len() == 1 { "kommun" } else { "kommuner" }
        ));
        out.push_str("| Kommun | Vad | Före | Efter |\n|---|---|---|---|\n");
        for k in kommuner {
            for (i, c) in k.andringar.iter().enumerate() {
                let name = if i == 0 { md(&k.namn) } else { String::new() };
                out.push_str(&format!("| {name} | {} | {} | {} |\n", c.vad, md(&c.fore), md(&c.efter)));
            }
        }
        out.push('\n');
    }
    let list = |title: &str, items: &[Named], out: &mut String| {
        if !items.is_empty() {
            // Ids are slugs (a-z, 0-9, '-'), safe inside a code span.
            let names: Vec<String> = items.iter().map(|n| format!("{} (`{}`)", md(&n.namn), n.id)).collect();
            out.push_str(&format!("**{title}:** {}\n\n", names.join(", ")));
        }
    };
    list("Nya verksamheter", &d.organisationer_tillagda, &mut out);
    list("Borttagna verksamheter", &d.organisationer_borttagna, &mut out);
    for m in &d.organisationer_andrade {
        let mut parts = Vec::new();
        if !m.nya.is_empty() {
            parts.push(format!("nya medlemmar {}", md(&m.nya.join(", "))));
        }
        if !m.borta.is_empty() {
            parts.push(format!("inte längre medlemmar {}", md(&m.borta.join(", "))));
        }
        out.push_str(&format!("**{}:** {}\n\n", md(&m.namn), parts.join("; ")));
    }
    list("Nya källor", &d.kallor_tillagda, &mut out);
    list("Borttagna källor", &d.kallor_borttagna, &mut out);
    out
}

/// Text from the data inside Markdown: no markup, no table cells broken by `|`.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!') {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn data_cannot_add_markup_or_cells() {
        assert_eq!(super::md("A | B <script>"), "A \\| B \\<script\\>");
        assert_eq!(super::md("[x](javascript:1)"), "\\[x\\](javascript:1)");
    }
}
