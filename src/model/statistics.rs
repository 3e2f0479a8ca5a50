//! Statistics rows of an organisation as tables: one for the whole organisation, one
//! per member kommun, each with only the columns that hold a figure.

use std::collections::BTreeMap;

use super::{Kolumn, StatistikRad, StatistikTabell, qualified};
use crate::records;
use crate::text::{format_number, sort_key};

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
pub(super) fn statistik_tables(rows: &[records::StatistikRad], names: &BTreeMap<&str, &str>) -> Vec<StatistikTabell> {
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
