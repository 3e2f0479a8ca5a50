//! Organisations: first as drafts with every kommun their file lists (the kommuner
//! builder needs them to weigh membership as evidence), then finished with the members
//! that are current once all evidence is weighed.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::statistics::statistik_tables;
use super::{
    Context, Faktum, Kommun, KommunUppgift, Konflikt, Organisation, Slut, TidigareMedlem, Uppgift, kontakt, qualified,
    spanned_strings, uppgift,
};
use crate::datum::Datum;
use crate::evidence::When;
use crate::load::Sourced;
use crate::records::PoFile;
use crate::text::{format_number, sort_key};

/// An organisation before its current members are known.
pub struct Draft<'a> {
    pub file: &'a Sourced<PoFile>,
    pub org: Organisation,
    /// Kommuner the file lists as members, in file order.
    pub listed: Vec<String>,
    /// The source that dates membership (the newest of `kallor`, leaving out the source
    /// of the ending for an organisation that ended), and when it holds.
    pub membership_source: Option<(String, When)>,
    /// kommun code → the newest source that names it as a member, where the file says
    /// which sources name which members (`kommuner_enligt`).
    pub named_by: BTreeMap<String, (String, When)>,
    /// kommun code → the day it joined.
    pub joined: BTreeMap<String, Datum>,
    pub ended: Option<When>,
}

impl Draft<'_> {
    /// The source that dates `code`'s membership, and when it holds.
    pub fn membership_of(&self, code: &str) -> Option<&(String, When)> {
        self.named_by.get(code).or(self.membership_source.as_ref())
    }
}

pub fn drafts<'a>(cx: &Context<'a>) -> Vec<Draft<'a>> {
    cx.loaded.po.par_iter().map(|file| draft(cx, file)).collect()
}

fn draft<'a>(cx: &Context<'a>, file: &'a Sourced<PoFile>) -> Draft<'a> {
    let o = &file.record;
    let mut kallor = spanned_strings(&o.kallor.value);
    kallor.extend(fact_sources(o));
    cx.sort_newest_first(&mut kallor);
    let ended = o.slut.as_ref().and_then(|s| Datum::parse(&s.datum.value).ok()).map(When::Dated);
    let mut dating: Vec<String> = spanned_strings(&o.kallor.value)
        .into_iter()
        .filter(|k| ended.is_none() || o.slut.as_ref().is_none_or(|s| s.kalla.value != *k))
        .collect();
    cx.sort_newest_first(&mut dating);
    let membership_source = dating.first().map(|k| (k.clone(), cx.when_of(k)));
    let newest = kallor.first().map(|k| cx.when_of(k));
    let joined = o
        .kommunuppgifter
        .iter()
        .filter_map(|u| Some((u.kommun.value.clone(), Datum::parse(&u.fran.as_ref()?.value).ok()?)))
        .collect();
    let in_words = |s: &Option<crate::records::S<String>>| {
        s.as_ref().and_then(|d| Datum::parse(&d.value).ok()).map(|d| d.in_words())
    };
    let org = Organisation {
        id: o.id.value.clone(),
        sokvag: format!("po/{}/", o.id.value),
        namn: o.namn.value.clone(),
        driftsform: o.driftsform.value,
        vardkommun: o.vardkommun.as_ref().map(|v| v.value.clone()),
        huvudman: o.huvudman.clone(),
        utforare: o.utforare.as_ref().map(|u| u.value.clone()),
        kommuner: Vec::new(),
        kommunuppgifter: o
            .kommunuppgifter
            .iter()
            .map(|u| KommunUppgift {
                kommun: u.kommun.value.clone(),
                sedan: u.sedan,
                fran: in_words(&u.fran),
                tjanster: u.tjanster.map(format_number),
                anmarkning: u.anmarkning.clone(),
                kalla: u.kalla.value.clone(),
            })
            .collect(),
        sedan: o.sedan.as_ref().map(|u| Uppgift {
            // A year, not a quantity: no thousands separator.
            varde: qualified(&u.varde.value.to_string(), u.ungefar),
            ..uppgift(f64::from(u.varde.value), u.ungefar, &u.kalla.value, &u.anmarkning)
        }),
        ombud: o.ombud.as_ref().map(|u| uppgift(u.varde.value, u.ungefar, &u.kalla.value, &u.anmarkning)),
        arsarbetare: o.arsarbetare.as_ref().map(|u| uppgift(u.varde.value, u.ungefar, &u.kalla.value, &u.anmarkning)),
        kontakt: o.kontakt.as_ref().map(kontakt),
        fakta: o.fakta.iter().map(|f| Faktum { text: f.text.clone(), kalla: f.kalla.value.clone() }).collect(),
        statistik: statistik_tables(&o.statistik, &cx.names),
        anmarkning: o.anmarkning.clone(),
        kallor,
        tidigare: o
            .tidigare
            .iter()
            .map(|t| TidigareMedlem {
                kommun: t.kommun.value.clone(),
                fran: in_words(&t.fran),
                till: in_words(&Some(t.till.clone())),
                kalla: t.kalla.value.clone(),
                anmarkning: t.anmarkning.clone(),
                ersatt: false,
            })
            .collect(),
        slut: o.slut.as_ref().map(|s| Slut {
            nar: in_words(&Some(s.datum.clone())).unwrap_or_default(),
            kalla: s.kalla.value.clone(),
            anmarkning: s.anmarkning.clone(),
        }),
        nyaste: newest.map(|w| w.in_words()).unwrap_or_default(),
        nyaste_en: newest.map(|w| super::sentences::when_in_english(&w)).unwrap_or_default(),
        nyaste_datum: newest.and_then(|w| w.known_date()).map(|d| d.to_string()),
        nyaste_odaterad: newest.is_some_and(|w| w.is_undated()),
        inaktuell: newest.is_none_or(|w| cx.is_old(&w)),
        konflikter: Vec::new(),
        grannar_lan: Vec::new(),
        folkmangd: None,
        folkmangd_text: None,
        ombud_per_100000: None,
        arsarbetare_per_100000: None,
        filer: vec![file_name(&file.path)],
    };
    let mut named_by: BTreeMap<String, (String, When)> = BTreeMap::new();
    for named in &o.kommuner_enligt {
        let when = cx.when_of(&named.kalla.value);
        for k in &named.kommuner {
            let newer = named_by.get(&k.value).is_none_or(|(_, w)| when.sort_key() > w.sort_key());
            if newer {
                named_by.insert(k.value.clone(), (named.kalla.value.clone(), when));
            }
        }
    }
    Draft { file, org, listed: spanned_strings(&o.kommuner.value), membership_source, named_by, joined, ended }
}

/// The organisations with their current members (in Swedish order of name), and the
/// listed members that newer evidence places elsewhere as former members.
pub fn finish(cx: &Context, drafts: Vec<Draft>, kommuner: &[Kommun], konflikter: &[Konflikt]) -> Vec<Organisation> {
    let by_code: BTreeMap<&str, &Kommun> = kommuner.iter().map(|k| (k.kod.as_str(), k)).collect();
    // Kommun codes in the Swedish order of the kommuner's names.
    let name_order = |code: &str| (sort_key(cx.names.get(code).copied().unwrap_or("")), code.to_string());
    // Each organisation's conflicts, found once: scanning every conflict for every
    // organisation is quadratic (9 000 × 23 636 in the benchmark's largest site).
    let mut conflicts_of: HashMap<&str, Vec<String>> = HashMap::new();
    for c in konflikter {
        let named: BTreeSet<&str> = c.organisationer.iter().map(String::as_str).collect();
        for id in named {
            conflicts_of.entry(id).or_default().push(c.id.clone());
        }
    }
    let mut out: Vec<Organisation> = drafts
        .into_par_iter()
        .map(|d| {
            let mut org = d.org;
            for code in &d.listed {
                let Some(k) = by_code.get(code.as_str()) else { continue };
                if k.organisationer.contains(&org.id) {
                    org.kommuner.push(code.clone());
                } else {
                    let newest = k.bevis.first();
                    org.tidigare.push(TidigareMedlem {
                        kommun: code.clone(),
                        fran: None,
                        till: d.ended.map(|w| w.in_words()),
                        kalla: match (&org.slut, newest) {
                            (Some(s), _) => s.kalla.clone(),
                            (None, Some(b)) => b.kalla.clone(),
                            (None, None) => String::new(),
                        },
                        anmarkning: None,
                        ersatt: org.slut.is_none(),
                    });
                }
            }
            org.kommuner.sort_by_cached_key(|c| name_order(c));
            org.tidigare.sort_by_cached_key(|t| name_order(&t.kommun));
            let lan: BTreeSet<&str> =
                org.kommuner.iter().chain(org.tidigare.iter().map(|t| &t.kommun)).filter_map(|c| c.get(..2)).collect();
            org.grannar_lan = lan.into_iter().map(str::to_string).collect();
            org.konflikter = conflicts_of.get(org.id.as_str()).cloned().unwrap_or_default();
            org
        })
        .collect();
    out.par_sort_by_cached_key(|o| (sort_key(&o.namn), o.id.clone()));
    out
}

/// The inhabitants of each organisation's current members, and its ombud and årsarbetare
/// per 100 000 of them, each with the year of the staff figure's source beside the year of
/// the population. An organisation without current members, or without the figure, gets
/// none.
pub fn add_population(cx: &Context, organisationer: &mut [Organisation], kommuner: &[Kommun], year: i16) {
    let population = crate::population::ByCode::new(kommuner);
    for org in organisationer {
        let people: Option<u64> = match org.kommuner.is_empty() {
            true => None,
            false => population.sum(org.kommuner.iter().map(String::as_str)),
        };
        org.folkmangd = people;
        org.folkmangd_text = people.map(crate::population::inhabitants);
        let per = |u: &Option<Uppgift>| {
            let u = u.as_ref()?;
            let value = crate::population::per_100000(u.tal, people?)?;
            let (uppgift_ar, uppgift_ar_tal) = crate::population::year_of(cx.when_of(&u.kalla));
            Some(crate::population::PerInvanare {
                varde: qualified(&crate::population::one_decimal(value), u.ungefar),
                tal: value,
                uppgift_ar,
                uppgift_ar_tal,
                folkmangd_ar: year,
            })
        };
        org.ombud_per_100000 = per(&org.ombud);
        org.arsarbetare_per_100000 = per(&org.arsarbetare);
    }
}

fn fact_sources(o: &PoFile) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(o.kommunuppgifter.iter().map(|u| u.kalla.value.clone()));
    out.extend(o.sedan.iter().map(|u| u.kalla.value.clone()));
    out.extend(o.ombud.iter().chain(&o.arsarbetare).map(|u| u.kalla.value.clone()));
    out.extend(o.kontakt.iter().map(|k| k.kalla.value.clone()));
    out.extend(o.fakta.iter().map(|f| f.kalla.value.clone()));
    out.extend(o.statistik.iter().map(|r| r.kalla.value.clone()));
    out.extend(o.tidigare.iter().map(|t| t.kalla.value.clone()));
    out.extend(o.slut.iter().map(|s| s.kalla.value.clone()));
    out
}

/// A path as pages and links show it: forward slashes on every system.
pub fn file_name(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
