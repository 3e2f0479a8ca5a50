//! JSON Schemas for the data files, generated from the record types (never written by
//! hand), and the field reference for CONTRIBUTING.md generated from the same schemas.

use schemars::{JsonSchema, Schema, schema_for};
use serde_json::Value;

use crate::records::*;

/// (kind, schema) for every kind of data file; `data/schema/<kind>.schema.json`.
pub fn all() -> Vec<(&'static str, Schema)> {
    fn one<T: JsonSchema>(kind: &'static str) -> (&'static str, Schema) {
        (kind, schema_for!(T))
    }
    vec![
        one::<SiteFile>("site"),
        one::<RegisterFile>("register"),
        one::<LanFile>("lan"),
        one::<BefolkningFile>("befolkning"),
        one::<KallorFile>("kallor"),
        one::<KommunFile>("kommun"),
        one::<PoFile>("po"),
        one::<UtforareFile>("utforare"),
        one::<KonflikterFile>("konflikter"),
        one::<NyckeltalFile>("nyckeltal"),
        one::<FrontMatter>("sida"),
    ]
}

/// The file text of one schema: pretty JSON with a trailing newline.
pub fn to_text(schema: &Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}

/// Markdown tables of every field of every kind, in Swedish, from the schemas.
pub fn field_reference() -> String {
    let mut out = String::new();
    for (kind, schema) in all() {
        let root = schema.as_value();
        let title = root.get("title").and_then(Value::as_str).unwrap_or(kind);
        out.push_str(&format!("### {title}\n\n"));
        table(&mut out, root, root);
        let mut defs: Vec<(&String, &Value)> =
            root.get("$defs").and_then(Value::as_object).map(|m| m.iter().collect()).unwrap_or_default();
        defs.sort_by_key(|(name, _)| name.as_str());
        for (name, def) in defs {
            if def.get("properties").is_some() {
                let heading = def.get("title").and_then(Value::as_str).unwrap_or(name);
                out.push_str(&format!("**{heading}**\n\n"));
                table(&mut out, def, root);
            }
        }
    }
    out
}

fn table(out: &mut String, object: &Value, root: &Value) {
    let Some(properties) = object.get("properties").and_then(Value::as_object) else { return };
    let required: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    out.push_str("| nyckel | typ | krävs | betydelse |\n|---|---|---|---|\n");
    for (name, property) in properties {
        let description = property.get("description").and_then(Value::as_str).unwrap_or("").replace('|', "\\|");
        let needed = if required.contains(&name.as_str()) { "ja" } else { "nej" };
        out.push_str(&format!("| `{name}` | {} | {needed} | {description} |\n", type_name(property, root)));
    }
    out.push('\n');
}

fn type_name(property: &Value, root: &Value) -> String {
    if let Some(reference) = property.get("$ref").and_then(Value::as_str) {
        let name = reference.rsplit('/').next().unwrap_or(reference);
        let target = root.get("$defs").and_then(|d| d.get(name));
        return match target.and_then(enum_values) {
            Some(values) => values,
            None => target.and_then(|t| t.get("title")).and_then(Value::as_str).unwrap_or(name).to_string(),
        };
    }
    if let Some(values) = enum_values(property) {
        return values;
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = property.get(key).and_then(Value::as_array) {
            let names: Vec<String> = options
                .iter()
                .filter(|o| o.get("type") != Some(&Value::from("null")))
                .map(|o| type_name(o, root))
                .collect();
            return names.join(" eller ");
        }
    }
    let types: Vec<&str> = match property.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).filter(|t| *t != "null").collect(),
        _ => vec![],
    };
    let swedish: Vec<String> = types
        .iter()
        .map(|t| match *t {
            "string" => "text".to_string(),
            "integer" => "heltal".to_string(),
            "number" => "tal".to_string(),
            "boolean" => "ja/nej".to_string(),
            "array" => format!("lista av {}", property.get("items").map(|i| type_name(i, root)).unwrap_or_default()),
            "object" => "mapping".to_string(),
            other => other.to_string(),
        })
        .collect();
    swedish.join(" eller ")
}

fn enum_values(schema: &Value) -> Option<String> {
    let values: Vec<String> = match (schema.get("enum"), schema.get("oneOf")) {
        (Some(Value::Array(values)), _) => values.iter().filter_map(Value::as_str).map(|v| format!("`{v}`")).collect(),
        (_, Some(Value::Array(options))) => options
            .iter()
            .filter_map(|o| o.get("const").or_else(|| o.get("enum").and_then(|e| e.get(0))))
            .filter_map(Value::as_str)
            .map(|v| format!("`{v}`"))
            .collect(),
        _ => return None,
    };
    if values.is_empty() { None } else { Some(values.join(", ")) }
}

pub const REFERENCE_START: &str = "<!-- fältreferens: start (skapas av `katalog schema`, ändra inte för hand) -->";
pub const REFERENCE_END: &str = "<!-- fältreferens: slut -->";

/// `document` with the text between the reference markers replaced, or None if the
/// markers are missing.
pub fn with_reference(document: &str) -> Option<String> {
    let start = document.find(REFERENCE_START)? + REFERENCE_START.len();
    let end = document.find(REFERENCE_END)?;
    if end < start {
        return None;
    }
    Some(format!("{}\n\n{}{}", &document[..start], field_reference(), &document[end..]))
}
