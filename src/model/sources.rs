//! Sources: when each holds, and how pages name them.

use std::collections::BTreeMap;

use super::{Context, Kalla};
use crate::datum::Datum;
use crate::evidence::When;
use crate::load::Loaded;
use crate::records::KallaRecord;

fn records(loaded: &Loaded) -> impl Iterator<Item = &KallaRecord> {
    loaded.kallor.iter().flat_map(|k| &k.record.kallor)
}

/// When a source holds: its own date, or undated with its earliest date.
pub fn when_of(k: &KallaRecord) -> When {
    match k.datum.as_ref().and_then(|d| Datum::parse(&d.value).ok()) {
        Some(d) => When::Dated(d),
        None => When::Undated { tidigast: k.tidigast.as_ref().and_then(|t| Datum::parse(&t.value).ok()) },
    }
}

pub fn by_id(loaded: &Loaded) -> BTreeMap<&str, &KallaRecord> {
    records(loaded).map(|k| (k.id.value.as_str(), k)).collect()
}

pub fn dates(loaded: &Loaded) -> BTreeMap<String, When> {
    records(loaded).map(|k| (k.id.value.clone(), when_of(k))).collect()
}

/// Newest first.
pub fn build(cx: &Context) -> Vec<Kalla> {
    let mut kallor: Vec<Kalla> = records(cx.loaded)
        .map(|k| {
            let when = when_of(k);
            Kalla {
                id: k.id.value.clone(),
                titel: k.titel.clone(),
                utgivare: k.utgivare.clone(),
                datum: when.in_words(),
                datum_en: super::sentences::when_in_english(&when),
                datum_iso: k.datum.as_ref().map(|d| d.value.clone()),
                odaterad: when.is_undated(),
                datering: k.datering.clone(),
                url: k.url.as_ref().map(|u| u.value.clone()),
                sedd: k.sedd.as_ref().and_then(|s| Datum::parse(&s.value).ok()).map(|d| d.in_words()),
                sedd_iso: k.sedd.as_ref().map(|s| s.value.clone()),
                beskrivning: k.beskrivning.clone(),
                inaktuell: cx.is_old(&when),
            }
        })
        .collect();
    let mut ids: Vec<String> = kallor.iter().map(|k| k.id.clone()).collect();
    cx.sort_newest_first(&mut ids);
    let rank: BTreeMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    kallor.sort_by_key(|k| rank.get(k.id.as_str()).copied().unwrap_or(usize::MAX));
    kallor
}

/// How a page names a source after "enligt": "en sida hos Alingsås kommun, daterad 22
/// november 2023," (the comma closes the apposition), "en odaterad sida hos PO Skåne", "Fördjupningsstudie Personligt
/// ombud i Jämtlands län (SERUS, 21 maj 2012)".
pub fn according_to(k: &KallaRecord) -> String {
    let when = when_of(k);
    match (k.sedd.is_some(), when) {
        (true, When::Dated(d)) => format!("en sida hos {}, daterad {},", k.utgivare, d.in_words()),
        (true, When::Undated { .. }) => format!("en odaterad sida hos {}", k.utgivare),
        (false, When::Dated(d)) => format!("{} ({}, {})", k.titel, k.utgivare, d.in_words()),
        (false, When::Undated { .. }) => format!("{} ({}, odaterad)", k.titel, k.utgivare),
    }
}
