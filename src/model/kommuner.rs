//! Kommuner: every piece of evidence about PO in the kommun, weighed by date (see
//! [`crate::evidence`]), gives the answer, the history, the current organisations and the
//! best contact route.

use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

use super::organisations::Draft;
use super::sentences::{Fakta, in_english, meningar, when_in_english};
use super::{
    Bevis, Context, Handelse, Kommun, Konflikt, Kontaktvag, Organisation, PoLage, driftsform_key, kontakt,
    spanned_strings,
};
use crate::datum::Datum;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::evidence::{Standing, When, newest, standing, stated};
use crate::load::Sourced;
use crate::records::{Besked, DmoStatus, KommunFile, PoStatus};
use crate::slug::slugify;
use crate::text::sort_key;

pub fn build(cx: &Context, drafts: &[Draft], konflikter: &[Konflikt], diags: &mut Diagnostics) -> Vec<Kommun> {
    let slugs = super::kommun_slugs(cx.loaded);
    let conflicted: BTreeSet<&str> = konflikter.iter().flat_map(|c| &c.kommuner).map(String::as_str).collect();
    // Each kommun's organisations and conflicts, found once: scanning every organisation
    // for every kommun is quadratic (9 000 × 30 000 in the benchmark's largest site).
    let mut about: HashMap<&str, Vec<&Draft>> = HashMap::new();
    for d in drafts {
        let codes: BTreeSet<&str> = d
            .listed
            .iter()
            .map(String::as_str)
            .chain(d.file.record.tidigare.iter().map(|t| t.kommun.value.as_str()))
            .collect();
        for code in codes {
            about.entry(code).or_default().push(d);
        }
    }
    let mut conflicts_of: HashMap<&str, Vec<&Konflikt>> = HashMap::new();
    for c in konflikter {
        for code in &c.kommuner {
            conflicts_of.entry(code.as_str()).or_default().push(c);
        }
    }
    // In parallel, each kommun with its own diagnostics, kept in file order.
    let built: Vec<(Kommun, Diagnostics)> = cx
        .loaded
        .kommuner
        .par_iter()
        .map(|file| {
            let mut found = Diagnostics::default();
            let code = file.record.kod.value.as_str();
            let slug = slugs.get(code).cloned().unwrap_or_else(|| slugify(&file.record.namn.value));
            let drafts = about.get(code).map(Vec::as_slice).unwrap_or_default();
            let konflikter = conflicts_of.get(code).map(Vec::as_slice).unwrap_or_default();
            let k = kommun(cx, file, slug, drafts, konflikter);
            if k.organisationer.len() > 1 && !conflicted.contains(code) {
                two_organisations_error(&k, drafts, &mut found);
            }
            if let Some(undated) = k.bevis.iter().find(|b| b.odaterad) {
                found.push(Diagnostic::warning(
                    &file.path,
                    format!("the newest evidence about PO in {} is undated ({})", k.namn, undated.kalla),
                ));
            }
            (k, found)
        })
        .collect();
    let mut kommuner = Vec::with_capacity(built.len());
    for (k, found) in built {
        kommuner.push(k);
        diags.extend(found);
    }
    kommuner.par_sort_by_cached_key(|k| (sort_key(&k.namn), k.kod.clone()));
    kommuner
}

/// `drafts`: the organisations whose files name the kommun; `konflikter`: the conflicts about it.
fn kommun(
    cx: &Context,
    file: &Sourced<KommunFile>,
    slug: String,
    drafts: &[&Draft],
    konflikter: &[&Konflikt],
) -> Kommun {
    let k = &file.record;
    let code = k.kod.value.clone();
    let all = evidence(cx, k, drafts);
    let standings = standing(&all, |b| b.when);
    let (mut bevis, mut historik): (Vec<Bevis>, Vec<Bevis>) = (Vec::new(), Vec::new());
    for (b, s) in all.iter().zip(&standings) {
        if *s == Standing::Current { bevis.push(b.clone()) } else { historik.push(b.clone()) }
    }
    let newest_first = |v: &mut Vec<Bevis>| v.sort_by_key(|b| std::cmp::Reverse(b.when.sort_key()));
    newest_first(&mut bevis);
    newest_first(&mut historik);

    let organisationer = current_organisations(&all);
    let besked: BTreeSet<Besked> = bevis.iter().map(|b| b.besked).collect();
    let po = match (besked.len(), besked.first(), organisationer.len()) {
        (0, ..) => PoLage::Okand,
        (1, Some(Besked::HarPo), 0 | 1) => PoLage::HarPo,
        (1, Some(Besked::Saknas), _) => PoLage::Saknas,
        (1, Some(Besked::Osaker), _) => PoLage::Osaker,
        _ => PoLage::Motstridig,
    };
    let driftsform = match (po, organisationer.first().and_then(|id| drafts.iter().find(|d| &d.org.id == id))) {
        (PoLage::HarPo, Some(d)) => Some(d.org.driftsform),
        _ => None,
    };
    let klass = driftsform.map(driftsform_key).unwrap_or_else(|| super::po_lage_key(po)).to_string();
    // The current organisations' drafts, in file order: contact, sources and files come from them.
    let current: Vec<&Draft> = drafts.iter().copied().filter(|d| organisationer.contains(&d.org.id)).collect();

    let current_sources: BTreeSet<&str> = bevis.iter().map(|b| b.kalla.as_str()).collect();
    let (mut own, mut former) = (Vec::new(), Vec::new());
    for c in konflikter {
        let about_now = c.kallor.iter().any(|s| current_sources.contains(s.as_str()));
        if about_now { own.push(c.id.clone()) } else { former.push(c.id.clone()) }
    }
    let dmo_kallor = k.dmo.as_ref().map(|d| spanned_strings(&d.kallor)).unwrap_or_default();
    let nyaste = newest(bevis.iter().map(|b| b.when));
    let kontaktvag = contact_route(cx, k, po, &bevis, &current);
    let svar_kallor = answer_sources(cx, &all, &kontaktvag, &current);
    let mut kallor: Vec<String> = svar_kallor.iter().chain(&dmo_kallor).cloned().collect();
    kallor.extend(konflikter.iter().flat_map(|c| c.kallor.clone()));
    kallor.retain(|s| !s.is_empty());
    cx.sort_newest_first(&mut kallor);

    let mut filer = vec![super::organisations::file_name(&file.path)];
    filer.extend(current.iter().flat_map(|d| d.org.filer.clone()));
    Kommun {
        filer,
        sokvag: format!("kommun/{slug}/"),
        slug,
        lan_kod: code.get(..2).unwrap_or("").to_string(),
        namn: k.namn.value.clone(),
        webbplats: k.webbplats.as_ref().map(|w| w.value.clone()),
        andra_namn: k.andra_namn.iter().map(|a| a.namn.value.clone()).collect(),
        po,
        organisationer,
        bevis,
        historik,
        kontaktvag,
        // Without a status of its own, the note is about the kommun in general.
        po_anmarkning: k.po.as_ref().filter(|p| p.status.is_none()).and_then(|p| p.anmarkning.clone()),
        dmo: k.dmo.as_ref().map(|d| d.status.value).unwrap_or(DmoStatus::Okand),
        dmo_kallor,
        dmo_anmarkning: k.dmo.as_ref().and_then(|d| d.anmarkning.clone()),
        konflikter: own,
        tidigare_konflikter: former,
        kallor,
        svar_kallor,
        nyaste: nyaste.map(|w| w.in_words()),
        nyaste_en: nyaste.map(|w| when_in_english(&w)),
        nyaste_datum: nyaste.and_then(|w| w.known_date()).map(|d| d.to_string()),
        nyaste_odaterad: nyaste.is_some_and(|w| w.is_undated()),
        inaktuell: nyaste.is_some_and(|w| cx.is_old(&w)),
        driftsform,
        klass,
        folkmangd: None,
        folkmangd_text: None,
        kod: code,
    }
}

/// The sources that the answer and the contact section cite, newest first: every piece of
/// evidence (current and history), the current organisations' sources (which date the
/// organisation shown with the answer) and the contact route's source.
fn answer_sources(cx: &Context, all: &[Bevis], kontaktvag: &Kontaktvag, current: &[&Draft]) -> Vec<String> {
    let mut ids: Vec<String> = all.iter().map(|b| b.kalla.clone()).chain(kontaktvag.kalla.clone()).collect();
    for d in current {
        ids.extend(d.org.kallor.iter().cloned());
    }
    ids.retain(|s| !s.is_empty());
    cx.sort_newest_first(&mut ids);
    ids
}

/// What one source says, before it is dated.
struct Statement<'a> {
    besked: Besked,
    handelse: Handelse,
    kommun: &'a str,
    kalla: &'a str,
    organisation: Option<&'a Organisation>,
    /// The day the source says the event happened, if it does.
    event: Option<Datum>,
    anmarkning: Option<&'a String>,
}

impl Statement<'_> {
    fn dated(self, cx: &Context, when: When) -> Bevis {
        let fakta = Fakta {
            besked: self.besked,
            handelse: self.handelse,
            kommun: self.kommun,
            organisation: self.organisation.map(|o| (o.namn.as_str(), o.sokvag.as_str())),
            kalla: cx.naming(self.kalla),
            event: self.event,
        };
        Bevis {
            besked: self.besked,
            handelse: self.handelse,
            kalla: self.kalla.to_string(),
            organisation: self.organisation.map(|o| o.id.clone()),
            nar: self.event.map(|e| e.in_words()).unwrap_or_else(|| when.in_words()),
            nar_en: self.event.map(in_english).unwrap_or_else(|| when_in_english(&when)),
            odaterad: when.is_undated(),
            mening: meningar(fakta),
            anmarkning: self.anmarkning.cloned(),
            when,
        }
    }

    /// Dated by its source, and by the event it tells of (see [`stated`]).
    fn by_source(self, cx: &Context) -> Bevis {
        let when = stated(cx.when_of(self.kalla), self.event);
        self.dated(cx, when)
    }
}

/// Every piece of evidence about PO in the kommun: its own statements, its memberships,
/// its leaving an organisation, and the ending of an organisation it was in.
fn evidence(cx: &Context, k: &KommunFile, drafts: &[&Draft]) -> Vec<Bevis> {
    let code = k.kod.value.as_str();
    let parse = |d: &crate::records::S<String>| Datum::parse(&d.value).ok();
    let kommun = k.namn.value.as_str();
    let statement = |besked, handelse, kalla, organisation, event, anmarkning| Statement {
        besked,
        handelse,
        kommun,
        kalla,
        organisation,
        event,
        anmarkning,
    };
    let mut out = Vec::new();
    if let Some(po) = &k.po {
        if let Some(status) = &po.status {
            let besked = match status.value {
                PoStatus::Saknas => Besked::Saknas,
                PoStatus::Osaker => Besked::Osaker,
            };
            // The file's note explains this statement: it travels with it into history.
            for s in &po.kallor {
                let st = statement(besked, Handelse::Uppgift, &s.value, None, None, po.anmarkning.as_ref());
                out.push(st.by_source(cx));
            }
        }
        for u in &po.uppgifter {
            let event = u.datum.as_ref().and_then(parse);
            let st = statement(u.status.value, Handelse::Uppgift, &u.kalla.value, None, event, u.anmarkning.as_ref());
            out.push(st.by_source(cx));
        }
    }
    for &d in drafts {
        let organisation = Some(&d.org);
        if d.listed.iter().any(|c| c == code) {
            if let Some((source, when)) = d.membership_of(code) {
                // Joining on a known day counts from that day, if that is later.
                let event = d.joined.get(code).copied();
                let st = statement(Besked::HarPo, Handelse::Medlem, source, organisation, event, None);
                out.push(st.dated(cx, stated(*when, event)));
            }
            if let Some(slut) = &d.file.record.slut {
                let st = statement(
                    Besked::Saknas,
                    Handelse::Upphorde,
                    &slut.kalla.value,
                    organisation,
                    parse(&slut.datum),
                    slut.anmarkning.as_ref(),
                );
                out.push(st.by_source(cx));
            }
        }
        for t in d.file.record.tidigare.iter().filter(|t| t.kommun.value == code) {
            // Being a member from a known day is history from that day.
            if let Some(joined) = t.fran.as_ref().and_then(parse) {
                let st = statement(Besked::HarPo, Handelse::Medlem, &t.kalla.value, organisation, Some(joined), None);
                out.push(st.dated(cx, When::Dated(joined)));
            }
            let st = statement(
                Besked::Osaker,
                Handelse::Lamnade,
                &t.kalla.value,
                organisation,
                parse(&t.till),
                t.anmarkning.as_ref(),
            );
            out.push(st.by_source(cx));
        }
    }
    out
}

/// Organisations the kommun is still a member of: listed as a member, and no newer
/// evidence says otherwise (a newer statement that it lacks PO or is uncertain, or a
/// newer membership of another organisation). A newer page that only says the kommun
/// has PO does not end a membership.
fn current_organisations(all: &[Bevis]) -> Vec<String> {
    let mut ids: Vec<String> = all
        .iter()
        .filter(|m| m.handelse == Handelse::Medlem)
        .filter(|m| {
            !all.iter().any(|b| {
                b.when.is_newer_than(&m.when)
                    && (b.besked != Besked::HarPo
                        || (b.handelse == Handelse::Medlem && b.organisation != m.organisation))
            })
        })
        .filter(|m| !all.iter().any(|b| b.handelse == Handelse::Upphorde && b.organisation == m.organisation))
        .filter_map(|m| m.organisation.clone())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The best route the data has: the PO's phone or e-mail, then the page with its
/// contact details (the kommun's own first, then its organisations'), then a page about
/// PO for the kommun, then only general advice. None when the answer is that the
/// kommun lacks PO.
fn contact_route(cx: &Context, k: &KommunFile, po: PoLage, bevis: &[Bevis], current: &[&Draft]) -> Kontaktvag {
    let mut route = Kontaktvag {
        niva: 4,
        vem: None,
        kontakt: None,
        sida: None,
        sida_utgivare: None,
        kalla: None,
        nar: None,
        nar_en: None,
    };
    if po == PoLage::Saknas {
        return route;
    }
    let own = k.po.as_ref().and_then(|p| p.kontakt.as_ref()).map(|c| (k.namn.value.clone(), c));
    let orgs = current.iter().filter_map(|d| d.file.record.kontakt.as_ref().map(|c| (d.org.namn.clone(), c)));
    let candidates: Vec<(String, &crate::records::Kontakt)> = own.into_iter().chain(orgs).collect();
    let direct = candidates.iter().find(|(_, c)| c.telefon.is_some() || c.epost.is_some());
    let page = candidates.iter().find(|(_, c)| c.webb.is_some());
    if let Some((vem, c)) = direct.or(page) {
        route.niva = if direct.is_some() { 1 } else { 2 };
        route.vem = Some(vem.clone());
        route.kontakt = Some(kontakt(c));
        route.kalla = Some(c.kalla.value.clone());
        route.nar = Some(cx.when_of(&c.kalla.value).in_words());
        route.nar_en = Some(when_in_english(&cx.when_of(&c.kalla.value)));
        return route;
    }
    let about = bevis.iter().filter(|b| b.besked == Besked::HarPo).find_map(|b| {
        let source = cx.source(&b.kalla)?;
        Some((source, b))
    });
    if let Some((source, b)) = about
        && let Some(url) = &source.url
        && source.sedd.is_some()
    {
        route.niva = 3;
        route.sida = Some(url.value.clone());
        route.sida_utgivare = Some(source.utgivare.clone());
        route.kalla = Some(b.kalla.clone());
        route.nar = Some(b.nar.clone());
        route.nar_en = Some(b.nar_en.clone());
    }
    route
}

/// Two current organisations need a recorded conflict; the error points at the later
/// organisation file's listing of the kommun.
fn two_organisations_error(k: &Kommun, drafts: &[&Draft], diags: &mut Diagnostics) {
    let places: Vec<&Draft> = drafts.iter().copied().filter(|d| k.organisationer.contains(&d.org.id)).collect();
    let Some(last) = places.last() else { return };
    let Some(at) = last.file.record.kommuner.value.iter().find(|c| c.value == k.kod) else { return };
    let names: Vec<&str> = places.iter().map(|d| d.org.id.as_str()).collect();
    diags.push(
        Diagnostic::error(
            &last.file.path,
            format!("kommun {} is in {} current organisations: {}", k.kod, places.len(), names.join(", ")),
        )
        .at(at.line, at.col)
        .hint(
            "a kommun belongs to one organisation at a time: record when it left the other (tidigare:), or record the disagreement in data/konflikter.yaml",
        ),
    );
}
