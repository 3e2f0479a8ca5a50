//! Stage 3: the immutable site model, built once from validated records.
//!
//! Everything a page shows is decided here (a kommun's answer is derived from its newest
//! evidence, dates are compared with the build date); templates only lay it out. One
//! small builder per record kind: [`sources`], [`organisations`], [`kommuner`] (with the
//! evidence rules), [`other`] (län, utförare, conflicts, figures, pages) and
//! [`statistics`]. Lookups that validation guarantees are still written so that a miss
//! skips rather than panics.

mod kommuner;
mod organisations;
mod other;
pub mod sentences;
mod sources;
mod statistics;

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::Serialize;

use crate::diagnostics::Diagnostics;
use crate::evidence::When;
use crate::load::Loaded;
use crate::records::{self, Besked, DmoStatus, Driftsform, Ungefar, Verksamhet};
use crate::slug::slugify;
use crate::text::format_number;

#[derive(Debug, Serialize)]
pub struct Site {
    pub titel: String,
    pub bas_url: String,
    /// The address templates of "Föreslå en ändring" and "Rapportera ett fel".
    pub andringar: crate::feedback::Templates,
    pub aldersgrans_ar: u32,
    pub lan: Vec<Lan>,
    /// In Swedish alphabetical order.
    pub kommuner: Vec<Kommun>,
    pub organisationer: Vec<Organisation>,
    pub utforare: Vec<Utforare>,
    /// Newest first.
    pub kallor: Vec<Kalla>,
    pub konflikter: Vec<Konflikt>,
    pub nyckeltal: Vec<Nyckeltal>,
    /// SCB's population per kommun, when the site has data/befolkning.yaml.
    pub befolkning: Option<crate::population::Befolkning>,
    /// The data's licence and publisher, for the open-data files.
    pub oppna_data: OppnaData,
    pub sidor: Vec<Sida>,
    /// The build date (see `datum::build_date`): what "upcoming" means for events.
    pub idag: String,
    /// Map geometry, when the site has boundaries.
    pub karta: Option<crate::map::MapData>,
}

#[derive(Debug, Serialize)]
pub struct Lan {
    pub kod: String,
    pub namn: String,
    pub slug: String,
    /// The page's address below the site root, e.g. `lan/dalarnas-lan/`: computed once
    /// here for plan, search, exports, redirects and templates.
    pub sokvag: String,
}

/// What the directory knows about PO in one kommun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PoLage {
    /// The newest evidence says it has PO.
    HarPo,
    /// The newest evidence says it lacks PO.
    Saknas,
    /// The newest evidence says it is uncertain (or the kommun left its organisation and
    /// nothing newer says what followed).
    Osaker,
    /// No source says anything.
    Okand,
    /// The newest pieces of evidence disagree, or the kommun is in two current
    /// organisations.
    Motstridig,
}

#[derive(Debug, Serialize)]
pub struct Kommun {
    pub kod: String,
    pub namn: String,
    pub slug: String,
    /// `kommun/<slug>/`
    pub sokvag: String,
    pub lan_kod: String,
    pub webbplats: Option<String>,
    /// Other names or spellings the sources use.
    pub andra_namn: Vec<String>,
    /// The answer, from the newest evidence.
    pub po: PoLage,
    /// Current organisations, by id, sorted.
    pub organisationer: Vec<String>,
    /// The newest evidence, which the answer rests on; newest first.
    pub bevis: Vec<Bevis>,
    /// Older evidence that newer evidence replaces ("Tidigare uppgifter"); newest first.
    pub historik: Vec<Bevis>,
    /// The best way the data has to reach an ombud.
    pub kontaktvag: Kontaktvag,
    pub po_anmarkning: Option<String>,
    pub dmo: DmoStatus,
    pub dmo_kallor: Vec<String>,
    pub dmo_anmarkning: Option<String>,
    /// Recorded conflicts about the current evidence.
    pub konflikter: Vec<String>,
    /// Recorded conflicts about evidence that is now history.
    pub tidigare_konflikter: Vec<String>,
    /// Every source behind the page, newest first: the Swedish page's Källor list.
    pub kallor: Vec<String>,
    /// The sources of the answer and the contact section only, newest first: the list on
    /// the English page, which has no DMO or conflict sections.
    pub svar_kallor: Vec<String>,
    /// When the newest evidence holds, in words ("22 november 2023", "odaterad").
    pub nyaste: Option<String>,
    pub nyaste_en: Option<String>,
    /// The newest evidence's date (or earliest date, when undated) as YYYY[-MM[-DD]].
    pub nyaste_datum: Option<String>,
    pub nyaste_odaterad: bool,
    /// True when the newest evidence is older than the site's age limit, or undated.
    pub inaktuell: bool,
    /// The driftsform of its current organisation, when it has PO through one.
    pub driftsform: Option<Driftsform>,
    /// The files the page is made from: the kommun's own and its current organisations'.
    pub filer: Vec<String>,
    /// Map/CSS class: the driftsform when covered by an organisation, else the state.
    pub klass: String,
    /// Inhabitants on the day of the population figures, when the site has them.
    pub folkmangd: Option<u64>,
    pub folkmangd_text: Option<String>,
}

/// One piece of evidence about PO in a kommun, as the page tells it.
#[derive(Debug, Clone, Serialize)]
pub struct Bevis {
    pub besked: Besked,
    pub handelse: Handelse,
    pub kalla: String,
    /// The organisation, for memberships, leaving and endings.
    pub organisation: Option<String>,
    /// When it holds, in words: the event's date when the source gives one, else the
    /// source's.
    pub nar: String,
    pub nar_en: String,
    pub odaterad: bool,
    /// The evidence as a sentence in Swedish and English, now and in the past tense.
    pub mening: sentences::Meningar,
    pub anmarkning: Option<String>,
    #[serde(skip)]
    pub when: When,
}

/// What kind of evidence a [`Bevis`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Handelse {
    /// A source's statement about the kommun (kommun file).
    Uppgift,
    /// The kommun is a member of an organisation.
    Medlem,
    /// The kommun left an organisation.
    Lamnade,
    /// The organisation ended.
    Upphorde,
}

/// How a visitor reaches an ombud: the best level the data has.
#[derive(Debug, Serialize)]
pub struct Kontaktvag {
    /// 1: phone or e-mail; 2: the page with the contact details; 3: a page about PO for
    /// the kommun; 4: only general advice.
    pub niva: u8,
    /// Whose contact details (organisation name, or the kommun's).
    pub vem: Option<String>,
    pub kontakt: Option<Kontakt>,
    /// Level 3: the page about PO, its publisher and source id.
    pub sida: Option<String>,
    pub sida_utgivare: Option<String>,
    pub kalla: Option<String>,
    /// When the route's source holds, in words.
    pub nar: Option<String>,
    pub nar_en: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Organisation {
    pub id: String,
    /// `po/<id>/`
    pub sokvag: String,
    pub namn: String,
    pub driftsform: Driftsform,
    pub vardkommun: Option<String>,
    pub huvudman: Option<String>,
    pub utforare: Option<String>,
    /// Member kommun codes in Swedish alphabetical order of their names.
    pub kommuner: Vec<String>,
    pub kommunuppgifter: Vec<KommunUppgift>,
    pub sedan: Option<Uppgift>,
    pub ombud: Option<Uppgift>,
    pub arsarbetare: Option<Uppgift>,
    pub kontakt: Option<Kontakt>,
    pub fakta: Vec<Faktum>,
    pub statistik: Vec<StatistikTabell>,
    pub anmarkning: Option<String>,
    pub kallor: Vec<String>,
    /// Kommuner that left, or that newer evidence places elsewhere.
    pub tidigare: Vec<TidigareMedlem>,
    pub slut: Option<Slut>,
    /// When the newest of its sources holds, in words.
    pub nyaste: String,
    pub nyaste_en: String,
    pub nyaste_datum: Option<String>,
    pub nyaste_odaterad: bool,
    pub inaktuell: bool,
    pub konflikter: Vec<String>,
    /// The län of its current and former members (codes): its map shows every kommun in
    /// them (`lanens_kommuner` in templates), so the model need not list them per organisation.
    pub grannar_lan: Vec<String>,
    /// Inhabitants of its current member kommuner, when the site has population figures.
    pub folkmangd: Option<u64>,
    pub folkmangd_text: Option<String>,
    /// Ombud and årsarbetare per 100 000 inhabitants of the current members: None when
    /// the data has no such figure, no population or no current member.
    pub ombud_per_100000: Option<crate::population::PerInvanare>,
    pub arsarbetare_per_100000: Option<crate::population::PerInvanare>,
    /// The file the page is made from.
    pub filer: Vec<String>,
}

/// Who publishes the open data and under which licence (data/site.yaml), for the Data
/// Package and the DCAT-AP-SE catalogue under /data/.
#[derive(Debug, Clone, Serialize)]
pub struct OppnaData {
    /// The publisher's name: `utgivare.namn`, or the site's title.
    pub utgivare: String,
    /// True when the name comes from `utgivare`, not from the title.
    pub utgivare_angiven: bool,
    pub utgivare_typ: Option<records::UtgivarTyp>,
    pub epost: Option<String>,
    pub licens: Option<records::Licens>,
}

#[derive(Debug, Serialize)]
pub struct TidigareMedlem {
    pub kommun: String,
    /// When it joined and left, in words, when known.
    pub fran: Option<String>,
    pub till: Option<String>,
    /// The source saying so; for "newer evidence", the newer source.
    pub kalla: String,
    pub anmarkning: Option<String>,
    /// True when the kommun is listed as a member but newer evidence says otherwise.
    pub ersatt: bool,
}

#[derive(Debug, Serialize)]
pub struct Slut {
    pub nar: String,
    pub kalla: String,
    pub anmarkning: Option<String>,
}

/// A number as the page shows it ("ca 90", "6"), with its source.
#[derive(Debug, Serialize)]
pub struct Uppgift {
    pub varde: String,
    /// The number itself, for sums and exports.
    pub tal: f64,
    pub ungefar: Option<Ungefar>,
    pub kalla: String,
    pub anmarkning: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct KommunUppgift {
    pub kommun: String,
    pub sedan: Option<u32>,
    /// The day it joined, in words.
    pub fran: Option<String>,
    pub tjanster: Option<String>,
    pub anmarkning: Option<String>,
    pub kalla: String,
}

#[derive(Debug, Serialize)]
pub struct Kontakt {
    pub webb: Option<String>,
    pub telefon: Option<String>,
    /// `tel:` link target: digits only, +46 form.
    pub telefon_lank: Option<String>,
    pub epost: Option<String>,
    pub adress: Option<String>,
    pub plats: Option<String>,
    pub tillganglighet: Option<String>,
    pub kalla: String,
}

#[derive(Debug, Serialize)]
pub struct Faktum {
    pub text: String,
    pub kalla: String,
}

/// Statistics for one scope (the whole organisation, or per kommun), as a table.
#[derive(Debug, Serialize)]
pub struct StatistikTabell {
    pub per_kommun: bool,
    pub kolumner: Vec<Kolumn>,
    pub rader: Vec<StatistikRad>,
}

#[derive(Debug, Serialize)]
pub struct Kolumn {
    pub nyckel: &'static str,
    pub rubrik: &'static str,
}

#[derive(Debug, Serialize)]
pub struct StatistikRad {
    pub ar: u32,
    pub kommun: Option<String>,
    /// One cell per column; None where the source gives no figure.
    pub varden: Vec<Option<String>>,
    /// The same cells as numbers.
    pub tal: Vec<Option<u32>>,
    pub ungefar: Option<Ungefar>,
    pub kalla: String,
    pub anmarkning: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Utforare {
    pub id: String,
    /// `utforare/<id>/`
    pub sokvag: String,
    pub namn: String,
    pub typ: Option<String>,
    pub beskrivning: String,
    pub drivs_av: Vec<String>,
    pub verksamhet: Vec<Verksamhet>,
    pub kallor: Vec<String>,
    /// Organisations it runs, by id.
    pub organisationer: Vec<String>,
    /// Those and the organisations of the utförare it runs (RSMH: PO-Skåne's).
    pub alla_organisationer: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Kalla {
    pub id: String,
    pub titel: String,
    pub utgivare: String,
    /// The source's date in words, or "odaterad" (with its earliest date).
    pub datum: String,
    pub datum_en: String,
    /// YYYY[-MM[-DD]] for a dated source.
    pub datum_iso: Option<String>,
    pub odaterad: bool,
    pub datering: Option<String>,
    pub url: Option<String>,
    /// For a web page: when it was read, in words.
    pub sedd: Option<String>,
    /// The same as YYYY[-MM[-DD]].
    pub sedd_iso: Option<String>,
    pub beskrivning: String,
    pub inaktuell: bool,
}

#[derive(Debug, Serialize)]
pub struct Konflikt {
    pub id: String,
    pub typ: records::KonfliktTyp,
    pub beskrivning: String,
    pub kallor: Vec<String>,
    pub kommuner: Vec<String>,
    pub organisationer: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Nyckeltal {
    pub id: String,
    pub amne: Verksamhet,
    pub text: String,
    pub varde: String,
    pub kalla: String,
    pub anmarkning: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Sida {
    pub titel: String,
    pub beskrivning: String,
    pub ordning: i32,
    /// e.g. `om/personligt-ombud`
    pub sokvag: String,
    /// The Markdown file, e.g. `content/om/personligt-ombud.md`.
    pub filer: Vec<String>,
    pub kallor: Vec<String>,
    /// Rendered, sanitised HTML of the Markdown body.
    pub html: String,
    /// The Markdown body, for the search index.
    #[serde(skip)]
    pub markdown: String,
    pub mall: records::Mall,
    /// For calendar events: first and last day.
    pub datum: Option<String>,
    pub slut: Option<String>,
    pub plats: Option<String>,
    pub arrangor: Option<String>,
    /// True for an event whose last day is before the build date.
    pub passerad: bool,
}

/// What every builder needs: the loaded records, the build date and the age limit, and
/// the sources' dates.
pub(crate) struct Context<'a> {
    pub loaded: &'a Loaded,
    pub today: Date,
    pub aldersgrans_ar: u32,
    /// source id → when it holds
    pub dates: BTreeMap<String, When>,
    /// source id → its record, looked up once per piece of evidence
    pub sources: BTreeMap<&'a str, &'a records::KallaRecord>,
    /// kommun code → name, from the register
    pub names: BTreeMap<&'a str, &'a str>,
    /// source id → how sentences name it, shared by every sentence citing it
    pub namings: BTreeMap<&'a str, std::sync::Arc<sentences::Kallnamn>>,
}

impl<'a> Context<'a> {
    pub fn source(&self, id: &str) -> Option<&'a records::KallaRecord> {
        self.sources.get(id).copied()
    }

    pub fn naming(&self, id: &str) -> Option<std::sync::Arc<sentences::Kallnamn>> {
        self.namings.get(id).cloned()
    }

    pub fn when_of(&self, source: &str) -> When {
        self.dates.get(source).copied().unwrap_or(When::Undated { tidigast: None })
    }

    /// True when even the newest evidence is older than the age limit, or undated (an
    /// undated source is never taken for a fresh one).
    pub fn is_old(&self, when: &When) -> bool {
        match when {
            When::Dated(d) => d.is_older_than(self.aldersgrans_ar, self.today),
            When::Undated { .. } => true,
        }
    }

    /// Sorts source ids newest first (then by id).
    pub fn sort_newest_first(&self, ids: &mut Vec<String>) {
        ids.sort();
        ids.dedup();
        ids.sort_by(|a, b| self.when_of(b).sort_key().cmp(&self.when_of(a).sort_key()).then(a.cmp(b)));
    }
}

/// Builds the site model. Derived problems that only the whole model shows (a kommun in
/// two current organisations, newest evidence undated) come back as diagnostics.
pub fn build(loaded: &Loaded, today: Date) -> (Site, Diagnostics) {
    let site = loaded.site.as_ref().map(|s| &s.record);
    let dates = sources::dates(loaded);
    let names = loaded
        .register
        .iter()
        .flat_map(|r| &r.record.kommuner)
        .map(|k| (k.kod.value.as_str(), k.namn.as_str()))
        .collect();
    let sources = sources::by_id(loaded);
    let namings = sources.iter().map(|(id, k)| (*id, sentences::Kallnamn::of(k))).collect();
    let cx = Context {
        loaded,
        today,
        aldersgrans_ar: site.map(|s| s.aldersgrans_ar.value).unwrap_or(3),
        dates,
        sources,
        names,
        namings,
    };
    let mut diags = Diagnostics::default();

    let kallor = sources::build(&cx);
    let konflikter = other::konflikter(loaded);
    let drafts = organisations::drafts(&cx);
    let mut kommuner = kommuner::build(&cx, &drafts, &konflikter, &mut diags);
    let population = crate::population::read(loaded);
    if let Some((_, by_code)) = &population {
        for k in &mut kommuner {
            k.folkmangd = by_code.get(&k.kod).copied();
            k.folkmangd_text = k.folkmangd.map(crate::population::inhabitants);
        }
    }
    let mut organisationer = organisations::finish(&cx, drafts, &kommuner, &konflikter);
    if let Some((befolkning, _)) = &population {
        organisations::add_population(&cx, &mut organisationer, &kommuner, befolkning.ar);
    }
    let utforare = other::utforare(loaded, &organisationer);

    let site_model = Site {
        titel: site.map(|s| s.titel.clone()).unwrap_or_default(),
        bas_url: site.and_then(|s| crate::validate::normalise_base_url(&s.bas_url.value).ok()).unwrap_or_default(),
        andringar: crate::feedback::Templates {
            redigera_url: site.and_then(|s| s.redigera_url.as_ref()).map(|t| t.value.clone()),
            felrapport_url: site.and_then(|s| s.felrapport_url.as_ref()).map(|t| t.value.clone()),
        },
        aldersgrans_ar: cx.aldersgrans_ar,
        lan: other::lan(loaded),
        kommuner,
        organisationer,
        utforare,
        kallor,
        konflikter,
        nyckeltal: other::nyckeltal(loaded),
        befolkning: population.map(|(b, _)| b),
        oppna_data: OppnaData {
            utgivare: site
                .and_then(|s| s.utgivare.as_ref())
                .map(|u| u.namn.value.clone())
                .unwrap_or_else(|| site.map(|s| s.titel.clone()).unwrap_or_default()),
            utgivare_angiven: site.is_some_and(|s| s.utgivare.is_some()),
            utgivare_typ: site.and_then(|s| s.utgivare.as_ref()).and_then(|u| u.typ),
            epost: site.and_then(|s| s.utgivare.as_ref()).and_then(|u| u.epost.as_ref()).map(|e| e.value.clone()),
            licens: site.and_then(|s| s.licens.as_ref()).map(|l| l.value),
        },
        sidor: other::sidor(loaded, today),
        idag: today.to_string(),
        karta: loaded.geo.as_ref().map(crate::map::build),
    };
    (site_model, diags)
}

/// URL slugs of all kommuner. Names that give the same slug (Habo and Håbo) both get
/// their län appended, so neither takes the plain address from the other.
pub(crate) fn kommun_slugs(loaded: &Loaded) -> BTreeMap<String, String> {
    let lan_names: BTreeMap<&str, &str> =
        loaded.lan.iter().flat_map(|l| &l.record.lan).map(|l| (l.kod.value.as_str(), l.namn.as_str())).collect();
    let mut by_slug: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for k in &loaded.kommuner {
        by_slug.entry(slugify(&k.record.namn.value)).or_default().push(k.record.kod.value.as_str());
    }
    let mut out = BTreeMap::new();
    for (slug, codes) in by_slug {
        for code in &codes {
            let s = if codes.len() == 1 {
                slug.clone()
            } else {
                let lan = code.get(..2).and_then(|l| lan_names.get(l)).copied().unwrap_or(code);
                format!("{slug}-{}", slugify(lan))
            };
            out.insert(code.to_string(), s);
        }
    }
    out
}

/// Plain slugs shared by several kommuner, each with the codes that share it.
pub fn ambiguous_slugs(site: &Site) -> BTreeMap<String, Vec<String>> {
    let mut by_plain: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for k in &site.kommuner {
        by_plain.entry(slugify(&k.namn)).or_default().push(k.kod.clone());
    }
    by_plain.retain(|_, codes| codes.len() > 1);
    by_plain
}

/// The CSS and map class of a PO state.
pub fn po_lage_key(p: PoLage) -> &'static str {
    match p {
        PoLage::HarPo => "har-po",
        PoLage::Saknas => "saknas",
        PoLage::Osaker => "osaker",
        PoLage::Okand => "okand",
        PoLage::Motstridig => "motstridig",
    }
}

pub fn driftsform_key(d: Driftsform) -> &'static str {
    match d {
        Driftsform::EgenRegi => "egen-regi",
        Driftsform::Samverkan => "samverkan",
        Driftsform::Kommunalforbund => "kommunalforbund",
        Driftsform::Entreprenad => "entreprenad",
    }
}

pub(crate) fn spanned_strings(v: &[records::S<String>]) -> Vec<String> {
    v.iter().map(|s| s.value.clone()).collect()
}

pub(crate) fn qualified(value: &str, ungefar: Option<Ungefar>) -> String {
    match ungefar {
        None => value.to_string(),
        Some(Ungefar::Ca) => format!("ca {value}"),
        Some(Ungefar::Drygt) => format!("drygt {value}"),
        Some(Ungefar::Minst) => format!("minst {value}"),
    }
}

pub(crate) fn uppgift(number: f64, ungefar: Option<Ungefar>, kalla: &str, anmarkning: &Option<String>) -> Uppgift {
    Uppgift {
        varde: qualified(&format_number(number), ungefar),
        tal: number,
        ungefar,
        kalla: kalla.to_string(),
        anmarkning: anmarkning.clone(),
    }
}

pub(crate) fn kontakt(k: &records::Kontakt) -> Kontakt {
    let telefon = k.telefon.as_ref().map(|t| t.value.clone());
    Kontakt {
        telefon_lank: telefon.as_deref().map(tel_link),
        telefon,
        webb: k.webb.as_ref().map(|w| w.value.clone()),
        epost: k.epost.as_ref().map(|e| e.value.clone()),
        adress: k.adress.clone(),
        plats: k.plats.clone(),
        tillganglighet: k.tillganglighet.clone(),
        kalla: k.kalla.value.clone(),
    }
}

/// "0243-123 45" → "+4624312345", so phones dial it from a link.
fn tel_link(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix('0') {
        Some(rest) if !number.starts_with('+') => format!("+46{rest}"),
        _ => format!("+{digits}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_links_dial_internationally() {
        assert_eq!(tel_link("0243-123 45"), "+4624312345");
        assert_eq!(tel_link("+46 243 123 45"), "+4624312345");
    }
}
