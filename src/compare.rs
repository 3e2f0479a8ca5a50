//! The planners' comparison: per driftsform and per utförare, how many organisations,
//! kommuner, inhabitants, ombud, årsarbetare and klienter the data holds, and how many
//! records lack each figure (so a sum is never mistaken for a national total); and one
//! row per organisation with ombud and årsarbetare per 100 000 inhabitants, in every
//! order a planner may sort it by (each order its own page, so no script is needed).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::labels;
use crate::model::{Organisation, Site, Uppgift};
use crate::population::{ByCode, PerInvanare, inhabitants, percent};
use crate::records::Driftsform;
use crate::text::format_number;

#[derive(Debug, Serialize)]
pub struct Jamforelse {
    pub driftsformer: Vec<Grupp>,
    pub utforare: Vec<Grupp>,
    pub totalt: Grupp,
}

/// One row of the comparison.
#[derive(Debug, Serialize)]
pub struct Grupp {
    pub namn: String,
    /// Where the row links: a driftsform anchor or an utförare page.
    pub lank: Option<String>,
    pub organisationer: Vec<String>,
    pub kommuner: usize,
    /// Inhabitants of those kommuner (each counted once), when the site has population
    /// figures, and their share of the whole country's.
    pub invanare: Option<String>,
    pub andel: Option<String>,
    pub ombud: Summa,
    pub arsarbetare: Summa,
    pub klienter: Summa,
}

/// A sum over the organisations that give the figure, and how many do not.
#[derive(Debug, Serialize, PartialEq)]
pub struct Summa {
    pub summa: String,
    pub tal: f64,
    pub med: usize,
    pub saknas: usize,
    /// Years the figures come from (for klienter: each organisation's latest year).
    pub ar: Option<String>,
    /// Some figures are approximate ("ca").
    pub ungefarlig: bool,
}

pub fn build(site: &Site) -> Jamforelse {
    let population = ByCode::new(&site.kommuner);
    let group = |namn: String, lank: Option<String>, orgs: &[&Organisation]| group(site, &population, namn, lank, orgs);
    let order = [Driftsform::EgenRegi, Driftsform::Samverkan, Driftsform::Kommunalforbund, Driftsform::Entreprenad];
    let driftsformer = order
        .iter()
        .map(|&d| {
            let orgs: Vec<&Organisation> = site.organisationer.iter().filter(|o| o.driftsform == d).collect();
            group(labels::driftsform(d).to_string(), Some(format!("#{}", crate::model::driftsform_key(d))), &orgs)
        })
        .collect();
    let position: BTreeMap<&str, usize> =
        site.organisationer.iter().enumerate().map(|(i, o)| (o.id.as_str(), i)).collect();
    let utforare = site
        .utforare
        .iter()
        .filter_map(|u| {
            // An utförare's own organisations, and those of the utförare it runs (RSMH → PO-Skåne).
            let run_by_it: BTreeSet<&str> = site
                .utforare
                .iter()
                .filter(|other| other.id == u.id || other.drivs_av.contains(&u.id))
                .flat_map(|other| other.organisationer.iter().map(String::as_str))
                .collect();
            // In the site's order of organisations, as every other list.
            let mut at: Vec<usize> = run_by_it.iter().filter_map(|id| position.get(id).copied()).collect();
            at.sort_unstable();
            let orgs: Vec<&Organisation> = at.into_iter().map(|i| &site.organisationer[i]).collect();
            (!orgs.is_empty()).then(|| group(u.namn.clone(), Some(format!("/{}", u.sokvag)), &orgs))
        })
        .collect();
    let all: Vec<&Organisation> = site.organisationer.iter().collect();
    Jamforelse { driftsformer, utforare, totalt: group("Alla verksamheter".into(), None, &all) }
}

fn group(site: &Site, population: &ByCode, namn: String, lank: Option<String>, orgs: &[&Organisation]) -> Grupp {
    let kommuner: BTreeSet<&str> = orgs.iter().flat_map(|o| o.kommuner.iter().map(String::as_str)).collect();
    // Each kommun once, even when it is in two of the organisations.
    let people: Option<u64> = site.befolkning.as_ref().and_then(|_| population.sum(kommuner.iter().copied()));
    let total = site.befolkning.as_ref().map(|b| b.totalt);
    Grupp {
        namn,
        lank,
        organisationer: orgs.iter().map(|o| o.id.clone()).collect(),
        kommuner: kommuner.len(),
        invanare: people.map(inhabitants),
        andel: people.zip(total).map(|(p, t)| percent(p, t)),
        ombud: sum(orgs.iter().map(|o| o.ombud.as_ref().map(|u| (u.tal, None, u.ungefar.is_some())))),
        arsarbetare: sum(orgs.iter().map(|o| o.arsarbetare.as_ref().map(|u| (u.tal, None, u.ungefar.is_some())))),
        klienter: sum(orgs.iter().map(|o| latest_clients(o))),
    }
}

/// The organisation's clients in its latest year with a whole-organisation figure.
fn latest_clients(o: &Organisation) -> Option<(f64, Option<u32>, bool)> {
    let mut best: Option<(f64, Option<u32>, bool)> = None;
    for table in o.statistik.iter().filter(|t| !t.per_kommun) {
        let Some(column) = table.kolumner.iter().position(|k| k.nyckel == "klienter") else { continue };
        for row in &table.rader {
            if let Some(Some(v)) = row.tal.get(column)
                && best.is_none_or(|(_, year, _)| year < Some(row.ar))
            {
                best = Some((f64::from(*v), Some(row.ar), row.ungefar.is_some()));
            }
        }
    }
    best
}

fn sum(values: impl Iterator<Item = Option<(f64, Option<u32>, bool)>>) -> Summa {
    let (mut total, mut med, mut saknas, mut ungefarlig) = (0.0, 0, 0, false);
    let mut years = BTreeMap::new();
    for v in values {
        match v {
            Some((x, year, approx)) => {
                total += x;
                med += 1;
                ungefarlig |= approx;
                if let Some(y) = year {
                    years.insert(y, ());
                }
            }
            None => saknas += 1,
        }
    }
    let ar = match (years.keys().next(), years.keys().last()) {
        (Some(a), Some(b)) if a == b => Some(a.to_string()),
        (Some(a), Some(b)) => Some(format!("{a}–{b}")),
        _ => None,
    };
    Summa { summa: if med > 0 { format_number(total) } else { "–".into() }, tal: total, med, saknas, ar, ungefarlig }
}

/// One organisation in the sortable table.
#[derive(Debug, Serialize)]
pub struct OrgRad {
    pub id: String,
    pub namn: String,
    pub sokvag: String,
    pub driftsform: Driftsform,
    pub kommuner: usize,
    pub invanare: Option<u64>,
    pub invanare_text: Option<String>,
    /// "7", "ca 90", with the year of its source ("2023", "odaterad").
    pub ombud: Option<String>,
    pub ombud_ar: Option<String>,
    pub ombud_per_100000: Option<PerInvanare>,
    pub arsarbetare: Option<String>,
    pub arsarbetare_ar: Option<String>,
    pub arsarbetare_per_100000: Option<PerInvanare>,
}

/// One order of the table, published at its own address.
#[derive(Debug, Clone, Serialize)]
pub struct Sortering {
    /// The column it sorts: `namn`, `driftsform`, `kommuner`, `invanare`, `ombud`, `arsarbetare`.
    pub nyckel: &'static str,
    /// "efter namn (A–Ö)"
    pub beskrivning: &'static str,
    /// `verksamheter/` for the first, `verksamheter/<nyckel>/` for the others.
    pub sokvag: String,
    /// Largest first.
    pub fallande: bool,
}

/// Where the sortable table is published.
pub const TABELL_SOKVAG: &str = "verksamheter/";

/// Every order of the table, the first (by name) at `verksamheter/`.
pub fn sorteringar() -> Vec<Sortering> {
    let orders: [(&str, &str, bool); 6] = [
        ("namn", "efter namn (A–Ö)", false),
        ("driftsform", "efter driftsform", false),
        ("kommuner", "efter antal kommuner, flest först", true),
        ("invanare", "efter antal invånare, flest först", true),
        ("ombud", "efter ombud per 100 000 invånare, flest först", true),
        ("arsarbetare", "efter årsarbetare per 100 000 invånare, flest först", true),
    ];
    orders
        .iter()
        .enumerate()
        .map(|(i, &(nyckel, beskrivning, fallande))| Sortering {
            nyckel,
            beskrivning,
            sokvag: if i == 0 { TABELL_SOKVAG.to_string() } else { format!("{TABELL_SOKVAG}{nyckel}/") },
            fallande,
        })
        .collect()
}

fn figure(u: &Option<Uppgift>, site: &Site) -> (Option<String>, Option<String>) {
    match u {
        Some(u) => {
            let when = site.kallor.iter().find(|k| k.id == u.kalla);
            let year = when.map(|k| match (&k.datum_iso, k.odaterad) {
                (Some(d), false) => d.get(..4).unwrap_or(d).to_string(),
                _ => "odaterad".to_string(),
            });
            (Some(u.varde.clone()), year)
        }
        None => (None, None),
    }
}

/// One row per organisation, in the site's order (Swedish alphabetical by name).
pub fn organisationstabell(site: &Site) -> Vec<OrgRad> {
    site.organisationer
        .iter()
        .map(|o| {
            let (ombud, ombud_ar) = figure(&o.ombud, site);
            let (arsarbetare, arsarbetare_ar) = figure(&o.arsarbetare, site);
            OrgRad {
                id: o.id.clone(),
                namn: o.namn.clone(),
                sokvag: o.sokvag.clone(),
                driftsform: o.driftsform,
                kommuner: o.kommuner.len(),
                invanare: o.folkmangd,
                invanare_text: o.folkmangd_text.clone(),
                ombud,
                ombud_ar,
                ombud_per_100000: o.ombud_per_100000.clone(),
                arsarbetare,
                arsarbetare_ar,
                arsarbetare_per_100000: o.arsarbetare_per_100000.clone(),
            }
        })
        .collect()
}

/// The rows in the order `nyckel` asks for. Rows without the value come last; ties keep
/// the order by name.
pub fn sorted<'a>(rows: &'a [OrgRad], sortering: &Sortering) -> Vec<&'a OrgRad> {
    let order = [Driftsform::EgenRegi, Driftsform::Samverkan, Driftsform::Kommunalforbund, Driftsform::Entreprenad];
    let value = |r: &OrgRad| -> Option<f64> {
        match sortering.nyckel {
            "driftsform" => order.iter().position(|d| *d == r.driftsform).map(|p| p as f64),
            "kommuner" => Some(r.kommuner as f64),
            "invanare" => r.invanare.map(|n| n as f64),
            "ombud" => r.ombud_per_100000.as_ref().map(|p| p.tal),
            "arsarbetare" => r.arsarbetare_per_100000.as_ref().map(|p| p.tal),
            _ => None,
        }
    };
    let mut out: Vec<(usize, &OrgRad)> = rows.iter().enumerate().collect();
    if sortering.nyckel != "namn" {
        out.sort_by(|(i, a), (j, b)| {
            let (x, y) = (value(a), value(b));
            let by_value = match (x, y) {
                (Some(x), Some(y)) if sortering.fallande => y.total_cmp(&x),
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            };
            by_value.then(i.cmp(j))
        });
    }
    out.into_iter().map(|(_, r)| r).collect()
}
