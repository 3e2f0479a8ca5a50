//! The planners' comparison: per driftsform and per utförare, how many organisations,
//! kommuner, ombud, årsarbetare and klienter the data holds, and how many records lack
//! each figure (so a sum is never mistaken for a national total).

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::labels;
use crate::model::{Organisation, Site};
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
    let order = [Driftsform::EgenRegi, Driftsform::Samverkan, Driftsform::Kommunalforbund, Driftsform::Entreprenad];
    let driftsformer = order
        .iter()
        .map(|&d| {
            let orgs: Vec<&Organisation> = site.organisationer.iter().filter(|o| o.driftsform == d).collect();
            group(labels::driftsform(d).to_string(), Some(format!("#{}", crate::model::driftsform_key(d))), &orgs)
        })
        .collect();
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
            let orgs: Vec<&Organisation> =
                site.organisationer.iter().filter(|o| run_by_it.contains(o.id.as_str())).collect();
            (!orgs.is_empty()).then(|| group(u.namn.clone(), Some(format!("/{}", u.sokvag)), &orgs))
        })
        .collect();
    let all: Vec<&Organisation> = site.organisationer.iter().collect();
    Jamforelse { driftsformer, utforare, totalt: group("Alla verksamheter".into(), None, &all) }
}

fn group(namn: String, lank: Option<String>, orgs: &[&Organisation]) -> Grupp {
    let kommuner: BTreeSet<&str> = orgs.iter().flat_map(|o| o.kommuner.iter().map(String::as_str)).collect();
    Grupp {
        namn,
        lank,
        organisationer: orgs.iter().map(|o| o.id.clone()).collect(),
        kommuner: kommuner.len(),
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
