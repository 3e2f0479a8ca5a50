//! `data/datapackage.json`: the open-data files described as a Frictionless Data Package,
//! so that tools can read kommuner.csv with the right types (codes as text, dates as
//! dates, `ja`/`nej` as booleans) and check it.
//!
//! The Table Schema of kommuner.csv is made from the same field list that writes the CSV
//! and documents it on /data/ ([`crate::export::KOMMUNER_CSV_FIELDS`]), plus the type and
//! constraints of each column below; a column without a type here stops the build. The
//! JSON and GeoJSON files are listed as plain files. Every resource carries its size and
//! SHA-256, so a validator also checks that the package describes exactly these bytes.
//! Nothing depends on the clock: the version and the date of last change come from the
//! data's own dates.

use serde_json::{Map, Value, json};

use crate::datum::Datum;
use crate::export::{DRIFTSFORMER, FieldDoc, KOMMUNER_CSV, KOMMUNER_CSV_FIELDS, KOMMUNER_GEOJSON, ORGANISATIONER_JSON};
use crate::model::Site;
use crate::records::{DmoStatus, Licens};

pub const DATAPACKAGE_JSON: &str = "data/datapackage.json";

/// The version of the files' format: the major number changes when a column or key
/// changes meaning or goes away, the minor when one is added.
pub const FORMAT_VERSION: &str = "2.0.0";

/// The newest date the data holds: the newest of the sources' own dates and the days web
/// pages were read, as YYYY[-MM[-DD]]. None for a site without dated sources.
pub fn last_modified(site: &Site) -> Option<Datum> {
    site.kallor
        .iter()
        .flat_map(|k| [k.datum_iso.as_deref(), k.sedd_iso.as_deref()])
        .flatten()
        .filter_map(|d| Datum::parse(d).ok())
        .max_by_key(|d| d.last_day())
}

/// The oldest and newest dates of the dated sources: the period the data describes.
pub fn period(site: &Site) -> Option<(Datum, Datum)> {
    let dates: Vec<Datum> = site
        .kallor
        .iter()
        .filter(|k| !k.odaterad)
        .filter_map(|k| k.datum_iso.as_deref())
        .filter_map(|d| Datum::parse(d).ok())
        .collect();
    let first = dates.iter().min_by_key(|d| d.first_day())?;
    let last = dates.iter().max_by_key(|d| d.last_day())?;
    Some((*first, *last))
}

/// "2.0.0+2026-11": the format's version, and the date of the newest data as build metadata.
pub fn version(site: &Site) -> String {
    match last_modified(site) {
        Some(d) => format!("{FORMAT_VERSION}+{d}"),
        None => FORMAT_VERSION.to_string(),
    }
}

/// The licence's SPDX id, address and name.
pub fn licence(l: Licens) -> (&'static str, &'static str, &'static str) {
    match l {
        Licens::Cc0 => {
            ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/", "Creative Commons Zero v1.0 Universal")
        }
        Licens::CcBy4 => (
            "CC-BY-4.0",
            "https://creativecommons.org/licenses/by/4.0/",
            "Creative Commons Attribution 4.0 International",
        ),
    }
}

fn enum_of<T: serde::Serialize>(values: &[T]) -> Value {
    Value::from(values.iter().map(|v| serde_json::to_value(v).unwrap_or(Value::Null)).collect::<Vec<_>>())
}

/// The Table Schema type and constraints of one column of kommuner.csv.
fn column(site: &Site, name: &str) -> Option<Value> {
    let lagen = enum_of(&crate::population::ORDER);
    let dmo =
        enum_of(&[DmoStatus::Aktiv, DmoStatus::Regelbunden, DmoStatus::Vilande, DmoStatus::Startar, DmoStatus::Okand]);
    let forms: Vec<String> =
        DRIFTSFORMER.iter().filter_map(|d| serde_json::to_value(d).ok()?.as_str().map(str::to_string)).collect();
    let one_form = format!("({})", forms.join("|"));
    let has_population = site.befolkning.is_some();
    Some(match name {
        "kod" => json!({"type": "string", "constraints": {"required": true, "unique": true, "pattern": "[0-9]{4}"}}),
        "namn" | "lan" | "po_lage_text" | "dmo_status_text" => {
            json!({"type": "string", "constraints": {"required": true}})
        }
        "lan_kod" => json!({"type": "string", "constraints": {"required": true, "pattern": "[0-9]{2}"}}),
        "po_lage" => json!({"type": "string", "constraints": {"required": true, "enum": lagen}}),
        "dmo_status" => json!({"type": "string", "constraints": {"required": true, "enum": dmo}}),
        "organisationer" | "utforare" | "kallor" => {
            json!({"type": "string", "constraints": {"pattern": "[a-z0-9-]+(;[a-z0-9-]+)*"}})
        }
        "organisationsnamn" => json!({"type": "string"}),
        "driftsform" => json!({"type": "string", "constraints": {"pattern": format!("{one_form}(;{one_form})*")}}),
        "nyaste_uppgift" => json!({"type": "date", "format": "default"}),
        "nyaste_uppgift_precision" => json!({"type": "string", "constraints": {"enum": ["dag", "manad", "ar"]}}),
        "inaktuell" => {
            json!({"type": "boolean", "trueValues": ["ja"], "falseValues": ["nej"], "constraints": {"required": true}})
        }
        "folkmangd" => json!({"type": "integer", "constraints": {"required": has_population, "minimum": 1}}),
        "folkmangd_ar" => json!({"type": "year", "constraints": {"required": has_population}}),
        _ => return None,
    })
}

fn table_schema(site: &Site, fields: &[FieldDoc]) -> Result<Value, String> {
    let mut out = Vec::new();
    for doc in fields {
        let mut field = Map::new();
        field.insert("name".into(), json!(doc.namn));
        field.insert("description".into(), json!(doc.betydelse));
        let Some(Value::Object(typed)) = column(site, doc.namn) else {
            return Err(format!(
                "{DATAPACKAGE_JSON}: column {} of kommuner.csv has no type in its Table Schema",
                doc.namn
            ));
        };
        field.extend(typed);
        out.push(Value::Object(field));
    }
    Ok(json!({"fields": out, "primaryKey": ["kod"], "missingValues": [""]}))
}

/// The Data Package describing `files` (path relative to the output folder, size, checksum).
pub fn datapackage(site: &Site, files: &[crate::export::Measured]) -> Result<Vec<u8>, String> {
    let base = &site.bas_url;
    let mut resources = Vec::new();
    for crate::export::Measured { path, bytes, sha256 } in files {
        let name = path.trim_start_matches("data/");
        let common = json!({
            "path": name,
            "bytes": bytes,
            "hash": format!("sha256:{sha256}"),
            "encoding": "utf-8",
        });
        let mut resource = match path.as_str() {
            KOMMUNER_CSV => json!({
                "name": "kommuner",
                "title": "Kommunerna",
                "description": "En rad per kommun: personligt ombud, verksamheter, driftsform, Delaktighetsmodellen, källor och folkmängd.",
                "type": "table",
                "format": "csv",
                "mediatype": "text/csv",
                "dialect": {"delimiter": ",", "quoteChar": "\"", "doubleQuote": true, "lineTerminator": "\r\n", "header": true},
                "schema": table_schema(site, &KOMMUNER_CSV_FIELDS)?,
            }),
            ORGANISATIONER_JSON => json!({
                "name": "organisationer",
                "title": "Verksamheterna med personligt ombud",
                "description": "En lista med ett objekt per verksamhet. Fälten beskrivs på sidan Öppna data.",
                "type": "file",
                "format": "json",
                "mediatype": "application/json",
            }),
            KOMMUNER_GEOJSON => json!({
                "name": "kommuner-geojson",
                "title": "Kommungränser med uppgifterna",
                "description": "Kommunernas gränser (WGS 84) med de viktigaste uppgifterna om varje kommun.",
                "type": "file",
                "format": "geojson",
                "mediatype": "application/geo+json",
            }),
            other => return Err(format!("{DATAPACKAGE_JSON}: no description of {other}")),
        };
        if let (Some(r), Some(c)) = (resource.as_object_mut(), common.as_object()) {
            r.extend(c.clone());
        }
        resources.push(resource);
    }
    let sources: Vec<Value> = site
        .kallor
        .iter()
        .map(|k| {
            let title = format!("{}. {}, {}", k.titel, k.utgivare, k.datum);
            match &k.url {
                Some(url) => json!({"title": title, "path": url}),
                None => json!({"title": title}),
            }
        })
        .collect();
    let mut package = json!({
        "name": crate::slug::slugify(&site.titel),
        "id": format!("{base}/{DATAPACKAGE_JSON}"),
        "title": site.titel,
        "description": "Katalogens uppgifter om personligt ombud och Delaktighetsmodellen i Sveriges kommuner: vilka kommuner som har personligt ombud enligt den nyaste källan om varje kommun, verksamheterna och deras driftsformer, och folkmängden i varje kommun enligt SCB. Varje uppgift anger sina källor.",
        "homepage": format!("{base}/data/"),
        "version": version(site),
        "keywords": crate::dcat::KEYWORDS,
        "contributors": [{"title": site.oppna_data.utgivare, "path": format!("{base}/"), "role": "publisher"}],
        "sources": sources,
        "resources": resources,
    });
    if let Some(obj) = package.as_object_mut() {
        if let Some(d) = last_modified(site) {
            // Not a Data Package property: the date of the newest data, as in version.
            obj.insert("modified".into(), json!(d.to_string()));
        }
        if let Some(l) = site.oppna_data.licens {
            let (id, path, title) = licence(l);
            obj.insert("licenses".into(), json!([{"name": id, "path": path, "title": title}]));
        }
    }
    crate::text::json_bytes_without_markup(&package, true).map_err(|e| format!("{DATAPACKAGE_JSON}: {e}"))
}
