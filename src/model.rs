//! Stage 3: the immutable site model, built once from validated records.
//!
//! Everything a page shows is decided here (a kommun's PO is derived from the
//! organisation files, dates are compared with the build date); templates only lay
//! it out. Lookups that validation guarantees are still written so that a miss skips
//! rather than panics.

use std::collections::{BTreeMap, BTreeSet};

use jiff::civil::Date;
use serde::Serialize;

use crate::datum::Datum;
use crate::load::Loaded;
use crate::records::{self, DmoStatus, Driftsform, PoStatus, Ungefar, Verksamhet};
use crate::slug::slugify;
use crate::text::{format_number, sort_key};

#[derive(Debug, Serialize)]
pub struct Site {
    pub titel: String,
    pub bas_url: String,
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
}

/// What the directory knows about PO in one kommun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PoLage {
    /// One organisation covers it.
    HarPo,
    /// A source says it lacks PO.
    Saknas,
    /// A source says it is uncertain.
    Osaker,
    /// No source says anything.
    Okand,
    /// The sources disagree (two organisations, or an organisation and a status).
    Motstridig,
}

#[derive(Debug, Serialize)]
pub struct Kommun {
    pub kod: String,
    pub namn: String,
    pub slug: String,
    pub lan_kod: String,
    pub webbplats: Option<String>,
    /// Other names or spellings the sources use.
    pub andra_namn: Vec<String>,
    pub po: PoLage,
    /// Organisation ids, sorted.
    pub organisationer: Vec<String>,
    /// The kommun's own PO status, when a source gives one.
    pub po_status: Option<PoStatus>,
    pub po_kallor: Vec<String>,
    pub po_anmarkning: Option<String>,
    pub dmo: DmoStatus,
    pub dmo_kallor: Vec<String>,
    pub dmo_anmarkning: Option<String>,
    pub konflikter: Vec<String>,
    /// Every source behind the page, newest first.
    pub kallor: Vec<String>,
    /// The date of the newest fact on the page.
    pub nyaste: Option<String>,
    /// True when even the newest fact is older than the site's age limit.
    pub inaktuell: bool,
    /// Map/CSS class: the driftsform when covered, else the PO state.
    pub klass: String,
}

#[derive(Debug, Serialize)]
pub struct Organisation {
    pub id: String,
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
    pub uppdaterad: String,
    pub inaktuell: bool,
    pub konflikter: Vec<String>,
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
    pub namn: String,
    pub typ: Option<String>,
    pub beskrivning: String,
    pub drivs_av: Vec<String>,
    pub verksamhet: Vec<Verksamhet>,
    pub kallor: Vec<String>,
    /// Organisations it runs, by id.
    pub organisationer: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Kalla {
    pub id: String,
    pub titel: String,
    pub utgivare: String,
    pub datum: String,
    pub datering: Option<String>,
    pub url: Option<String>,
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

/// The conflicts that name each id (kommun code or organisation id) in the list `names`
/// picks, in file order and once each: looked up per record instead of scanned.
fn index_konflikter(
    konflikter: &[Konflikt],
    names: impl Fn(&Konflikt) -> &Vec<String>,
) -> BTreeMap<&str, Vec<&Konflikt>> {
    let mut index: BTreeMap<&str, Vec<&Konflikt>> = BTreeMap::new();
    for c in konflikter {
        for id in names(c) {
            let list = index.entry(id.as_str()).or_default();
            if !list.last().is_some_and(|last| std::ptr::eq(*last, c)) {
                list.push(c);
            }
        }
    }
    index
}

pub fn build(loaded: &Loaded, today: Date) -> Site {
    let site = loaded.site.as_ref().map(|s| &s.record);
    let aldersgrans_ar = site.map(|s| s.aldersgrans_ar.value).unwrap_or(3);
    let is_old = |d: &Datum| d.is_older_than(aldersgrans_ar, today);

    let kallor_dates: BTreeMap<String, Datum> = loaded
        .kallor
        .iter()
        .flat_map(|k| &k.record.kallor)
        .filter_map(|k| Some((k.id.value.clone(), Datum::parse(&k.datum.value).ok()?)))
        .collect();
    let mut kallor: Vec<Kalla> = loaded
        .kallor
        .iter()
        .flat_map(|k| &k.record.kallor)
        .map(|k| Kalla {
            id: k.id.value.clone(),
            titel: k.titel.clone(),
            utgivare: k.utgivare.clone(),
            datum: k.datum.value.clone(),
            datering: k.datering.clone(),
            url: k.url.as_ref().map(|u| u.value.clone()),
            beskrivning: k.beskrivning.clone(),
            inaktuell: kallor_dates.get(&k.id.value).is_some_and(is_old),
        })
        .collect();
    let newest_first = |a: &String, b: &String| kallor_dates.get(b).cmp(&kallor_dates.get(a)).then(a.cmp(b));
    kallor.sort_by(|a, b| newest_first(&a.id, &b.id));

    let names: BTreeMap<&str, &str> = loaded
        .register
        .iter()
        .flat_map(|r| &r.record.kommuner)
        .map(|k| (k.kod.value.as_str(), k.namn.as_str()))
        .collect();
    let by_name = |codes: &mut Vec<String>| {
        codes.sort_by_key(|c| (sort_key(names.get(c.as_str()).copied().unwrap_or("")), c.clone()));
    };

    let konflikter: Vec<Konflikt> = loaded
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
        .collect();
    // Which conflicts name each kommun and organisation, looked up once rather than
    // scanned for each record.
    let konflikter_om_kommun = index_konflikter(&konflikter, |c| &c.kommuner);
    let konflikter_om_org = index_konflikter(&konflikter, |c| &c.organisationer);

    let mut organisationer: Vec<Organisation> = loaded
        .po
        .iter()
        .map(|file| {
            let o = &file.record;
            let mut kommuner = spanned_strings(&o.kommuner.value);
            by_name(&mut kommuner);
            let uppdaterad = Datum::parse(&o.uppdaterad.value).ok();
            let mut kallor = spanned_strings(&o.kallor.value);
            kallor.extend(org_fact_sources(o));
            kallor.sort();
            kallor.dedup();
            kallor.sort_by(newest_first);
            Organisation {
                id: o.id.value.clone(),
                namn: o.namn.value.clone(),
                driftsform: o.driftsform.value,
                vardkommun: o.vardkommun.as_ref().map(|v| v.value.clone()),
                huvudman: o.huvudman.clone(),
                utforare: o.utforare.as_ref().map(|u| u.value.clone()),
                kommuner,
                kommunuppgifter: o
                    .kommunuppgifter
                    .iter()
                    .map(|u| KommunUppgift {
                        kommun: u.kommun.value.clone(),
                        sedan: u.sedan,
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
                arsarbetare: o
                    .arsarbetare
                    .as_ref()
                    .map(|u| uppgift(u.varde.value, u.ungefar, &u.kalla.value, &u.anmarkning)),
                kontakt: o.kontakt.as_ref().map(kontakt),
                fakta: o.fakta.iter().map(|f| Faktum { text: f.text.clone(), kalla: f.kalla.value.clone() }).collect(),
                statistik: statistik_tables(&o.statistik, &names),
                anmarkning: o.anmarkning.clone(),
                kallor,
                inaktuell: uppdaterad.as_ref().is_some_and(is_old),
                uppdaterad: o.uppdaterad.value.clone(),
                konflikter: konflikter_om_org
                    .get(o.id.value.as_str())
                    .map(|cs| cs.iter().map(|c| c.id.clone()).collect())
                    .unwrap_or_default(),
            }
        })
        .collect();
    organisationer.sort_by_key(|o| (sort_key(&o.namn), o.id.clone()));

    let mut orgs_of: BTreeMap<&str, Vec<&Organisation>> = BTreeMap::new();
    for o in &organisationer {
        for k in &o.kommuner {
            orgs_of.entry(k.as_str()).or_default().push(o);
        }
    }

    let slugs = kommun_slugs(loaded);
    let mut kommuner: Vec<Kommun> = loaded
        .kommuner
        .iter()
        .map(|file| {
            let k = &file.record;
            let code = k.kod.value.clone();
            let orgs = orgs_of.get(code.as_str()).cloned().unwrap_or_default();
            let po_status = k.po.as_ref().and_then(|p| p.status.as_ref()).map(|s| s.value);
            let po = match (orgs.len(), po_status) {
                (1, None) => PoLage::HarPo,
                (0, Some(PoStatus::Saknas)) => PoLage::Saknas,
                (0, Some(PoStatus::Osaker)) => PoLage::Osaker,
                (0, None) => PoLage::Okand,
                _ => PoLage::Motstridig,
            };
            let klass = match (po, orgs.first()) {
                (PoLage::HarPo, Some(o)) => driftsform_key(o.driftsform).to_string(),
                _ => serde_json::to_value(po).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
            };
            let po_kallor = k.po.as_ref().map(|p| spanned_strings(&p.kallor)).unwrap_or_default();
            let dmo_kallor = k.dmo.as_ref().map(|d| spanned_strings(&d.kallor)).unwrap_or_default();
            let mut all_sources: Vec<String> = po_kallor
                .iter()
                .chain(&dmo_kallor)
                .cloned()
                .chain(orgs.iter().flat_map(|o| o.kallor.clone()))
                .collect();
            let own: &[&Konflikt] = konflikter_om_kommun.get(code.as_str()).map(Vec::as_slice).unwrap_or_default();
            all_sources.extend(own.iter().flat_map(|c| c.kallor.clone()));
            let own_konflikter: Vec<String> = own.iter().map(|c| c.id.clone()).collect();
            all_sources.sort();
            all_sources.dedup();
            all_sources.sort_by(newest_first);
            let nyaste = all_sources.iter().filter_map(|s| kallor_dates.get(s)).max().copied();
            Kommun {
                slug: slugs.get(code.as_str()).cloned().unwrap_or_else(|| slugify(&k.namn.value)),
                lan_kod: code.get(..2).unwrap_or("").to_string(),
                namn: k.namn.value.clone(),
                webbplats: k.webbplats.as_ref().map(|w| w.value.clone()),
                andra_namn: k.andra_namn.iter().map(|a| a.namn.value.clone()).collect(),
                po,
                organisationer: orgs.iter().map(|o| o.id.clone()).collect(),
                po_status,
                po_kallor,
                po_anmarkning: k.po.as_ref().and_then(|p| p.anmarkning.clone()),
                dmo: k.dmo.as_ref().map(|d| d.status.value).unwrap_or(DmoStatus::Okand),
                dmo_kallor,
                dmo_anmarkning: k.dmo.as_ref().and_then(|d| d.anmarkning.clone()),
                konflikter: own_konflikter,
                kallor: all_sources,
                inaktuell: nyaste.as_ref().is_some_and(is_old),
                nyaste: nyaste.map(|d| d.to_string()),
                klass,
                kod: code,
            }
        })
        .collect();
    kommuner.sort_by_key(|k| (sort_key(&k.namn), k.kod.clone()));

    let lan = loaded
        .lan
        .iter()
        .flat_map(|l| &l.record.lan)
        .map(|l| Lan { kod: l.kod.value.clone(), namn: l.namn.clone(), slug: slugify(&l.namn) })
        .collect();

    let mut utforare: Vec<Utforare> = loaded
        .utforare
        .iter()
        .map(|file| {
            let u = &file.record;
            Utforare {
                id: u.id.value.clone(),
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
            }
        })
        .collect();
    utforare.sort_by_key(|u| (sort_key(&u.namn), u.id.clone()));

    let nyckeltal = loaded
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
        .collect();

    let mut sidor: Vec<Sida> = loaded
        .pages
        .iter()
        .map(|p| Sida {
            titel: p.record.front.titel.clone(),
            beskrivning: p.record.front.beskrivning.clone(),
            ordning: p.record.front.ordning,
            sokvag: p.record.url_path.clone(),
            kallor: spanned_strings(&p.record.front.kallor),
            html: crate::markdown::to_html(&p.record.body),
            markdown: p.record.body.clone(),
            mall: p.record.front.mall.as_ref().map(|m| m.value).unwrap_or_default(),
            datum: p.record.front.datum.as_ref().map(|d| d.value.clone()),
            slut: p.record.front.slut.as_ref().map(|d| d.value.clone()),
            plats: p.record.front.plats.clone(),
            arrangor: p.record.front.arrangor.clone(),
            passerad: {
                let last = p.record.front.slut.as_ref().or(p.record.front.datum.as_ref());
                last.and_then(|d| Datum::parse(&d.value).ok()).is_some_and(|d| d.last_day() < today)
            },
        })
        .collect();
    sidor.sort_by(|a, b| a.ordning.cmp(&b.ordning).then_with(|| a.sokvag.cmp(&b.sokvag)));

    Site {
        titel: site.map(|s| s.titel.clone()).unwrap_or_default(),
        bas_url: site.and_then(|s| crate::validate::normalise_base_url(&s.bas_url.value).ok()).unwrap_or_default(),
        aldersgrans_ar,
        lan,
        kommuner,
        organisationer,
        utforare,
        kallor,
        konflikter,
        nyckeltal,
        sidor,
        idag: today.to_string(),
        karta: loaded.geo.as_ref().map(crate::map::build),
    }
}

/// URL slugs of all kommuner. Names that give the same slug (Habo and Håbo) both get
/// their län appended, so neither takes the plain address from the other.
fn kommun_slugs(loaded: &Loaded) -> BTreeMap<String, String> {
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

pub fn driftsform_key(d: Driftsform) -> &'static str {
    match d {
        Driftsform::EgenRegi => "egen-regi",
        Driftsform::Samverkan => "samverkan",
        Driftsform::Kommunalforbund => "kommunalforbund",
        Driftsform::Entreprenad => "entreprenad",
    }
}

fn org_fact_sources(o: &records::PoFile) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(o.kommunuppgifter.iter().map(|u| u.kalla.value.clone()));
    out.extend(o.sedan.iter().map(|u| u.kalla.value.clone()));
    out.extend(o.ombud.iter().chain(&o.arsarbetare).map(|u| u.kalla.value.clone()));
    out.extend(o.kontakt.iter().map(|k| k.kalla.value.clone()));
    out.extend(o.fakta.iter().map(|f| f.kalla.value.clone()));
    out.extend(o.statistik.iter().map(|r| r.kalla.value.clone()));
    out
}

fn spanned_strings(v: &[records::S<String>]) -> Vec<String> {
    v.iter().map(|s| s.value.clone()).collect()
}

fn qualified(value: &str, ungefar: Option<Ungefar>) -> String {
    match ungefar {
        None => value.to_string(),
        Some(Ungefar::Ca) => format!("ca {value}"),
        Some(Ungefar::Drygt) => format!("drygt {value}"),
        Some(Ungefar::Minst) => format!("minst {value}"),
    }
}

fn uppgift(number: f64, ungefar: Option<Ungefar>, kalla: &str, anmarkning: &Option<String>) -> Uppgift {
    Uppgift {
        varde: qualified(&format_number(number), ungefar),
        tal: number,
        ungefar,
        kalla: kalla.to_string(),
        anmarkning: anmarkning.clone(),
    }
}

fn kontakt(k: &records::Kontakt) -> Kontakt {
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

/// The measures in display order, with their column headings.
const MEASURES: [(&str, &str); 10] = [
    ("klienter", "Klienter under året"),
    ("aktuella", "Aktuella vid årets slut"),
    ("startade", "Nya under året"),
    ("avslutade", "Avslutade"),
    ("hanvisade", "Hänvisade"),
    ("i_ko", "I kö vid årets slut"),
    ("uppdrag", "Uppdrag"),
    ("orienteringsbesok", "Orienteringsbesök"),
    ("radgivningssamtal", "Rådgivningssamtal"),
    ("arenden_sedan_start", "Ärenden sedan start"),
];

fn measures_of(r: &records::StatistikRad) -> [Option<u32>; 10] {
    [
        r.klienter,
        r.aktuella,
        r.startade,
        r.avslutade,
        r.hanvisade,
        r.i_ko,
        r.uppdrag,
        r.orienteringsbesok,
        r.radgivningssamtal,
        r.arenden_sedan_start,
    ]
}

/// One table for the organisation as a whole and one per-kommun table, each with only
/// the columns that hold a figure.
fn statistik_tables(rows: &[records::StatistikRad], names: &BTreeMap<&str, &str>) -> Vec<StatistikTabell> {
    let mut tables = Vec::new();
    for per_kommun in [false, true] {
        let mut selected: Vec<&records::StatistikRad> =
            rows.iter().filter(|r| r.kommun.is_some() == per_kommun).collect();
        if selected.is_empty() {
            continue;
        }
        selected.sort_by_key(|r| {
            let name = r.kommun.as_ref().and_then(|k| names.get(k.value.as_str())).copied().unwrap_or("");
            (r.ar.value, sort_key(name))
        });
        let used: Vec<usize> =
            (0..MEASURES.len()).filter(|&i| selected.iter().any(|r| measures_of(r)[i].is_some())).collect();
        let kolumner = used.iter().map(|&i| Kolumn { nyckel: MEASURES[i].0, rubrik: MEASURES[i].1 }).collect();
        let rader = selected
            .iter()
            .map(|r| {
                let values = measures_of(r);
                StatistikRad {
                    ar: r.ar.value,
                    kommun: r.kommun.as_ref().map(|k| k.value.clone()),
                    varden: used
                        .iter()
                        .map(|&i| values[i].map(|v| qualified(&format_number(f64::from(v)), r.ungefar)))
                        .collect(),
                    tal: used.iter().map(|&i| values[i]).collect(),
                    ungefar: r.ungefar,
                    kalla: r.kalla.value.clone(),
                    anmarkning: r.anmarkning.clone(),
                }
            })
            .collect();
        tables.push(StatistikTabell { per_kommun, kolumner, rader });
    }
    tables
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
