//! Figures weighted by population: how many of Sweden's inhabitants live in a kommun
//! with each answer about PO, how many live in the kommuner an organisation serves, and
//! ombud and årsarbetare per 100 000 inhabitants.
//!
//! The population is SCB's figure for one day (data/befolkning.yaml); the answers about
//! PO and the staff figures come from sources of other dates. Every figure here therefore
//! carries both: the page says which year the population is from and which year the
//! staff figure is from, and nothing is estimated where a figure is missing.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::datum::Datum;
use crate::evidence::When;
use crate::load::Loaded;
use crate::model::{Kommun, PoLage};
use crate::text::format_number;

/// The population figures of the site: from which source, for which day, and the sum
/// over all kommuner.
#[derive(Debug, Clone, Serialize)]
pub struct Befolkning {
    /// Source id in kallor.yaml.
    pub kalla: String,
    /// The day the figures hold, YYYY-MM-DD.
    pub datum: String,
    /// The same in words: "31 december 2024".
    pub nar: String,
    pub ar: i16,
    /// Sum over every kommun.
    pub totalt: u64,
    pub totalt_text: String,
}

/// Each kommun's inhabitants by code, to add up groups of kommuner.
pub struct ByCode<'a>(BTreeMap<&'a str, Option<u64>>);

impl<'a> ByCode<'a> {
    pub fn new(kommuner: &'a [Kommun]) -> Self {
        ByCode(kommuner.iter().map(|k| (k.kod.as_str(), k.folkmangd)).collect())
    }

    /// The inhabitants of the kommuner `codes` together; None when any is unknown.
    pub fn sum<'c>(&self, codes: impl IntoIterator<Item = &'c str>) -> Option<u64> {
        codes.into_iter().map(|c| self.0.get(c).copied().flatten()).sum()
    }
}

/// The population file, read into a map from kommun code, with what is known about it.
/// None when the site has no data/befolkning.yaml.
pub fn read(loaded: &Loaded) -> Option<(Befolkning, BTreeMap<String, u64>)> {
    let file = &loaded.befolkning.as_ref()?.record;
    let datum = Datum::parse(&file.datum.value).ok()?;
    let by_code: BTreeMap<String, u64> = file
        .kommuner
        .iter()
        .filter_map(|k| Some((k.kod.value.clone(), u64::try_from(k.folkmangd.value).ok()?)))
        .collect();
    let totalt = by_code.values().sum();
    let befolkning = Befolkning {
        kalla: file.kalla.value.clone(),
        datum: file.datum.value.clone(),
        nar: datum.in_words(),
        ar: datum.year,
        totalt,
        totalt_text: inhabitants(totalt),
    };
    Some((befolkning, by_code))
}

/// "10 587 710": a count of people, with Swedish thousands separators.
pub fn inhabitants(n: u64) -> String {
    format_number(n as f64)
}

/// A share as a Swedish percentage with one decimal, always written: "63,4", "0,0".
/// Each share is rounded on its own, so shown shares may add up to 99,9 or 100,1.
pub fn percent(part: u64, total: u64) -> String {
    if total == 0 {
        return "0,0".into();
    }
    let tenths = (u128::from(part) * 2000 + u128::from(total)) / (u128::from(total) * 2);
    format!("{},{}", tenths / 10, tenths % 10)
}

/// The answers in the order the pages give them: with PO, lacking, uncertain, unknown,
/// conflicting.
pub const ORDER: [PoLage; 5] = [PoLage::HarPo, PoLage::Saknas, PoLage::Osaker, PoLage::Okand, PoLage::Motstridig];

/// How the inhabitants of some kommuner (the country, a län) divide by the answer about
/// PO in their kommun.
#[derive(Debug, Serialize)]
pub struct Fordelning {
    /// One row per answer, in [`ORDER`], also those with no kommun.
    pub rader: Vec<FordelningRad>,
    pub kommuner: usize,
    pub invanare: u64,
    pub invanare_text: String,
}

#[derive(Debug, Serialize)]
pub struct FordelningRad {
    pub lage: PoLage,
    pub kommuner: usize,
    pub invanare: u64,
    pub invanare_text: String,
    /// Share of the inhabitants of all the kommuner counted, "63,4".
    pub andel: String,
}

/// The division of the inhabitants of `kommuner`; None when any of them has no
/// population figure (the site has no population file), so no partial sum is shown.
pub fn distribution<'a>(kommuner: impl IntoIterator<Item = &'a Kommun>) -> Option<Fordelning> {
    let mut per: BTreeMap<PoLage, (usize, u64)> = BTreeMap::new();
    let (mut count, mut total) = (0, 0);
    for k in kommuner {
        let people = k.folkmangd?;
        let entry = per.entry(k.po).or_default();
        entry.0 += 1;
        entry.1 += people;
        count += 1;
        total += people;
    }
    if count == 0 {
        return None;
    }
    let rader = ORDER
        .iter()
        .map(|&lage| {
            let (kommuner, invanare) = per.get(&lage).copied().unwrap_or_default();
            FordelningRad {
                lage,
                kommuner,
                invanare,
                invanare_text: inhabitants(invanare),
                andel: percent(invanare, total),
            }
        })
        .collect();
    Some(Fordelning { rader, kommuner: count, invanare: total, invanare_text: inhabitants(total) })
}

/// A staff figure per 100 000 inhabitants, with the years it rests on.
#[derive(Debug, Clone, Serialize)]
pub struct PerInvanare {
    /// "9,3", or "ca 9,3" when the staff figure is approximate.
    pub varde: String,
    pub tal: f64,
    /// When the staff figure holds: "2023", "odaterad", "odaterad, tidigast 2023".
    pub uppgift_ar: String,
    /// The year of the staff figure, when its source is dated (for sorting and exports).
    pub uppgift_ar_tal: Option<i16>,
    /// The year of the population.
    pub folkmangd_ar: i16,
}

/// `count` per 100 000 of `population`, rounded to one decimal; None for no population.
pub fn per_100000(count: f64, population: u64) -> Option<f64> {
    if population == 0 || !count.is_finite() {
        return None;
    }
    Some((count * 100_000.0 / population as f64 * 10.0).round() / 10.0)
}

/// The year a source dates a figure to, in words, and as a number when dated.
pub fn year_of(when: When) -> (String, Option<i16>) {
    match when {
        When::Dated(d) => (d.year.to_string(), Some(d.year)),
        When::Undated { tidigast: Some(t) } => (format!("odaterad, tidigast {}", t.year), None),
        When::Undated { tidigast: None } => ("odaterad".into(), None),
    }
}

/// "9,3" with one decimal always written.
pub fn one_decimal(value: f64) -> String {
    let tenths = (value * 10.0).round() as i64;
    let whole = format_number((tenths / 10) as f64);
    format!("{whole},{}", (tenths % 10).abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_up_with_one_decimal() {
        assert_eq!(percent(124_165, 195_713), "63,4");
        assert_eq!(percent(35_119, 195_713), "17,9");
        assert_eq!(percent(1, 2000), "0,1"); // 0,05 rounds up
        assert_eq!(percent(0, 10), "0,0");
        assert_eq!(percent(10, 10), "100,0");
    }

    #[test]
    fn staff_per_inhabitants() {
        assert_eq!(per_100000(7.0, 73_842), Some(9.5));
        assert_eq!(per_100000(7.0, 0), None);
        assert_eq!(one_decimal(9.5), "9,5");
        assert_eq!(one_decimal(12.0), "12,0");
        assert_eq!(one_decimal(1234.25), "1\u{a0}234,3");
    }
}
