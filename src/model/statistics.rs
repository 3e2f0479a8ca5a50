//! Statistics rows of an organisation as tables: one for the whole organisation, one
//! per member kommun, each with only the columns that hold a figure.

use std::collections::BTreeMap;

use super::{Kolumn, StatistikRad, StatistikTabell, qualified};
use crate::measures::{ALL, Measure};
use crate::records;
use crate::text::{format_number, sort_key};

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
        let used: Vec<&Measure> = ALL.iter().filter(|m| selected.iter().any(|r| (m.value)(r).is_some())).collect();
        let kolumner = used.iter().map(|m| Kolumn { nyckel: m.key, rubrik: m.heading }).collect();
        let rader = selected
            .iter()
            .map(|r| {
                let values: Vec<Option<u32>> = used.iter().map(|m| (m.value)(r)).collect();
                StatistikRad {
                    ar: r.ar.value,
                    kommun: r.kommun.as_ref().map(|k| k.value.clone()),
                    varden: values
                        .iter()
                        .map(|v| v.map(|v| qualified(&format_number(f64::from(v)), r.ungefar)))
                        .collect(),
                    tal: values,
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
