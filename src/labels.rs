//! The Swedish words for the model's states, in one place: pages, search results and
//! (later) data exports all say the same thing.

use std::collections::BTreeMap;

use crate::model::PoLage;
use crate::records::{DmoStatus, Driftsform};

pub fn driftsform(d: Driftsform) -> &'static str {
    match d {
        Driftsform::EgenRegi => "Egen regi",
        Driftsform::Samverkan => "Samverkan mellan kommuner",
        Driftsform::Kommunalforbund => "Kommunalförbund",
        Driftsform::Entreprenad => "Entreprenad",
    }
}

pub fn po_lage(l: PoLage) -> &'static str {
    match l {
        PoLage::HarPo => "Har personligt ombud",
        PoLage::Saknas => "Saknar personligt ombud enligt källan",
        PoLage::Osaker => "Osäkert om det finns personligt ombud",
        PoLage::Okand => "Uppgift saknas",
        PoLage::Motstridig => "Källorna säger olika",
    }
}

pub fn dmo_status(s: DmoStatus) -> &'static str {
    match s {
        DmoStatus::Aktiv => "Aktiv med Delaktighetsmodellen",
        DmoStatus::Regelbunden => "Använder modellen mer eller mindre regelbundet",
        DmoStatus::Vilande => "Har inte använt modellen de senaste åren",
        DmoStatus::Startar => "Startar arbete med modellen",
        DmoStatus::Okand => "Uppgift saknas",
    }
}

/// Everything above as maps keyed by the values' YAML names, for the templates.
pub fn all() -> BTreeMap<&'static str, BTreeMap<String, &'static str>> {
    let key = |v: serde_json::Value| v.as_str().map(str::to_string).unwrap_or_default();
    let driftsformer =
        [Driftsform::EgenRegi, Driftsform::Samverkan, Driftsform::Kommunalforbund, Driftsform::Entreprenad];
    let lagen = [PoLage::HarPo, PoLage::Saknas, PoLage::Osaker, PoLage::Okand, PoLage::Motstridig];
    let dmo = [DmoStatus::Aktiv, DmoStatus::Regelbunden, DmoStatus::Vilande, DmoStatus::Startar, DmoStatus::Okand];
    BTreeMap::from([
        ("driftsform", driftsformer.iter().map(|&d| (key(serde_json::json!(d)), driftsform(d))).collect()),
        ("po", lagen.iter().map(|&l| (key(serde_json::json!(l)), po_lage(l))).collect()),
        ("dmo", dmo.iter().map(|&s| (key(serde_json::json!(s)), dmo_status(s))).collect()),
    ])
}
