//! Builders for the smaller record kinds: län, conflicts, utförare, national figures and
//! content pages.

use std::collections::BTreeSet;

use jiff::civil::Date;

use super::{Konflikt, Lan, Nyckeltal, Organisation, Sida, Utforare, qualified, spanned_strings};
use crate::datum::Datum;
use crate::load::Loaded;
use crate::slug::slugify;
use crate::text::{format_number, sort_key};

pub fn lan(loaded: &Loaded) -> Vec<Lan> {
    loaded
        .lan
        .iter()
        .flat_map(|l| &l.record.lan)
        .map(|l| {
            let slug = slugify(&l.namn);
            Lan { kod: l.kod.value.clone(), namn: l.namn.clone(), sokvag: format!("lan/{slug}/"), slug }
        })
        .collect()
}

pub fn konflikter(loaded: &Loaded) -> Vec<Konflikt> {
    loaded
        .konflikter
        .iter()
        .flat_map(|k| &k.record.konflikter)
        .map(|k| Konflikt {
            id: k.id.value.clone(),
            typ: k.typ,
            beskrivning: k.beskrivning.clone(),
            kallor: spanned_strings(&k.kallor.value),
            kommuner: spanned_strings(&k.kommuner),
            organisationer: spanned_strings(&k.organisationer),
        })
        .collect()
}

pub fn utforare(loaded: &Loaded, organisationer: &[Organisation]) -> Vec<Utforare> {
    let mut utforare: Vec<Utforare> = loaded
        .utforare
        .iter()
        .map(|file| {
            let u = &file.record;
            Utforare {
                id: u.id.value.clone(),
                sokvag: format!("utforare/{}/", u.id.value),
                namn: u.namn.value.clone(),
                typ: u.typ.clone(),
                beskrivning: u.beskrivning.clone(),
                drivs_av: spanned_strings(&u.drivs_av),
                verksamhet: u.verksamhet.iter().copied().collect::<BTreeSet<_>>().into_iter().collect(),
                kallor: spanned_strings(&u.kallor.value),
                organisationer: organisationer
                    .iter()
                    .filter(|o| o.utforare.as_deref() == Some(u.id.value.as_str()))
                    .map(|o| o.id.clone())
                    .collect(),
                alla_organisationer: Vec::new(),
            }
        })
        .collect();
    let runs: Vec<Vec<String>> = utforare
        .iter()
        .map(|u| {
            let run_by_it = utforare.iter().filter(|other| other.drivs_av.contains(&u.id));
            u.organisationer.iter().cloned().chain(run_by_it.flat_map(|o| o.organisationer.clone())).collect()
        })
        .collect();
    for (u, alla) in utforare.iter_mut().zip(runs) {
        u.alla_organisationer = alla;
    }
    utforare.sort_by_key(|u| (sort_key(&u.namn), u.id.clone()));
    utforare
}

pub fn nyckeltal(loaded: &Loaded) -> Vec<Nyckeltal> {
    loaded
        .nyckeltal
        .iter()
        .flat_map(|n| &n.record.nyckeltal)
        .map(|n| Nyckeltal {
            id: n.id.value.clone(),
            amne: n.amne,
            text: n.text.clone(),
            varde: qualified(&format_number(n.varde), n.ungefar),
            kalla: n.kalla.value.clone(),
            anmarkning: n.anmarkning.clone(),
        })
        .collect()
}

pub fn sidor(loaded: &Loaded, today: Date) -> Vec<Sida> {
    let mut sidor: Vec<Sida> = loaded
        .pages
        .iter()
        .map(|p| {
            let front = &p.record.front;
            let last = front.slut.as_ref().or(front.datum.as_ref());
            Sida {
                titel: front.titel.clone(),
                beskrivning: front.beskrivning.clone(),
                ordning: front.ordning,
                sokvag: p.record.url_path.clone(),
                filer: vec![super::organisations::file_name(&p.path)],
                kallor: spanned_strings(&front.kallor),
                html: crate::markdown::to_html(&p.record.body),
                markdown: p.record.body.clone(),
                mall: front.mall.as_ref().map(|m| m.value).unwrap_or_default(),
                datum: front.datum.as_ref().map(|d| d.value.clone()),
                slut: front.slut.as_ref().map(|d| d.value.clone()),
                plats: front.plats.clone(),
                arrangor: front.arrangor.clone(),
                passerad: last.and_then(|d| Datum::parse(&d.value).ok()).is_some_and(|d| d.last_day() < today),
            }
        })
        .collect();
    sidor.sort_by(|a, b| a.ordning.cmp(&b.ordning).then_with(|| a.sokvag.cmp(&b.sokvag)));
    sidor
}
