//! `data/katalog.jsonld`: the open data described in DCAT-AP-SE, the Swedish profile of
//! DCAT-AP that Sveriges dataportal harvests, as JSON-LD.
//!
//! One catalogue (`dcat:Catalog`) with one dataset (`dcat:Dataset`) and one
//! distribution (`dcat:Distribution`) per file. DCAT-AP-SE makes these mandatory: for the
//! catalogue title, description, publisher, licence and dataset; for the dataset title,
//! description and publisher; for a distribution its access address and format; for the
//! publisher its name and type. The recommended properties the data has are added:
//! homepage, language, date of change, theme taxonomy, keywords, theme, spatial (Sweden),
//! temporal (the period of the dated sources), access rights, landing page, download
//! address, media type, size and, when data/site.yaml gives them, licence and contact
//! point. Publisher type, licence and contact e-mail come only from data/site.yaml: what
//! it does not say is left out, never guessed (check warns about it).
//!
//! Every node that DCAT-AP-SE asks to be named has an absolute IRI below the site's
//! address; the context is inline, so a reader needs no other request.

use serde_json::{Value, json};

use crate::datum::Datum;
use crate::model::Site;
use crate::records::UtgivarTyp;

pub const KATALOG_JSONLD: &str = "data/katalog.jsonld";

/// The dataset's keywords, as in datapackage.json.
pub const KEYWORDS: [&str; 6] = [
    "personligt ombud",
    "Delaktighetsmodellen",
    "kommuner",
    "socialtjänst",
    "psykisk funktionsnedsättning",
    "folkmängd",
];

const EU: &str = "http://publications.europa.eu/resource/authority";

/// The ADMS publisher type of the EU vocabulary DCAT-AP-SE uses.
pub fn publisher_type(t: UtgivarTyp) -> &'static str {
    match t {
        UtgivarTyp::Myndighet => "http://purl.org/adms/publishertype/NationalAuthority",
        UtgivarTyp::Region => "http://purl.org/adms/publishertype/RegionalAuthority",
        UtgivarTyp::Kommun => "http://purl.org/adms/publishertype/LocalAuthority",
        UtgivarTyp::IdeellOrganisation => "http://purl.org/adms/publishertype/NonProfitOrganisation",
        UtgivarTyp::Frivilligorganisation => "http://purl.org/adms/publishertype/NonGovernmentalOrganisation",
        UtgivarTyp::Foretag => "http://purl.org/adms/publishertype/Company",
        UtgivarTyp::Akademi => "http://purl.org/adms/publishertype/Academia-ScientificOrganisation",
        UtgivarTyp::Privatperson => "http://purl.org/adms/publishertype/PrivateIndividual(s)",
    }
}

/// The licence as DCAT-AP-SE writes it: http, with the closing slash.
fn licence_iri(l: crate::records::Licens) -> &'static str {
    match l {
        crate::records::Licens::Cc0 => "http://creativecommons.org/publicdomain/zero/1.0/",
        crate::records::Licens::CcBy4 => "http://creativecommons.org/licenses/by/4.0/",
    }
}

/// A date literal typed by its precision: xsd:date, xsd:gYearMonth or xsd:gYear.
fn date_literal(d: Datum) -> Value {
    let typ = match (d.month, d.day) {
        (Some(_), Some(_)) => "xsd:date",
        (Some(_), None) => "xsd:gYearMonth",
        _ => "xsd:gYear",
    };
    json!({"@value": d.to_string(), "@type": typ})
}

fn sv(text: &str) -> Value {
    json!({"@value": text, "@language": "sv"})
}

fn iri(s: &str) -> Value {
    json!({"@id": s})
}

/// What each file is, for its distribution.
fn distribution_text(path: &str) -> Option<(&'static str, &'static str, &'static str, &'static str)> {
    // (title, description, format as DCAT-AP-SE lists it, IANA media type)
    match path {
        crate::export::KOMMUNER_CSV => Some((
            "Kommunerna (CSV)",
            "En rad per kommun: personligt ombud, verksamheter, driftsform, Delaktighetsmodellen, källor och folkmängd. Kolumnernas typer står i datapackage.json.",
            "text/csv",
            "text/csv",
        )),
        crate::export::ORGANISATIONER_JSON => Some((
            "Verksamheterna med personligt ombud (JSON)",
            "Ett objekt per verksamhet: driftsform, medlemskommuner, antal ombud, kontakt, statistik, källor och folkmängd.",
            "application/json",
            "application/json",
        )),
        crate::export::KOMMUNER_GEOJSON => Some((
            "Kommungränser med uppgifterna (GeoJSON)",
            "Kommunernas gränser i WGS 84 med de viktigaste uppgifterna om varje kommun.",
            "application/geo+json",
            "application/geo+json",
        )),
        _ => None,
    }
}

/// The catalogue describing `files` (path relative to the output folder, and size).
pub fn catalogue(site: &Site, files: &[crate::export::Measured]) -> Result<Vec<u8>, String> {
    let base = &site.bas_url;
    let data_page = format!("{base}/data/");
    let catalog_id = format!("{base}/{KATALOG_JSONLD}#katalog");
    let dataset_id = format!("{base}/data/#datamangd");
    let publisher_id = format!("{base}/#utgivare");
    let contact_id = format!("{base}/data/#kontakt");
    let open = &site.oppna_data;
    let licence = open.licens.map(licence_iri);
    let modified = crate::datapackage::last_modified(site);

    let mut distributions = Vec::new();
    let mut graph = Vec::new();
    for crate::export::Measured { path, bytes, .. } in files {
        let (title, description, format, media) =
            distribution_text(path).ok_or_else(|| format!("{KATALOG_JSONLD}: no description of {path}"))?;
        let id = format!("{base}/{path}");
        let mut d = json!({
            "@id": format!("{id}#distribution"),
            "@type": "dcat:Distribution",
            "dct:title": sv(title),
            "dct:description": sv(description),
            "dcat:accessURL": iri(&id),
            "dcat:downloadURL": iri(&id),
            "dct:format": format,
            "dcat:mediaType": iri(&format!("https://www.iana.org/assignments/media-types/{media}")),
            "dcat:byteSize": {"@value": bytes.to_string(), "@type": "xsd:nonNegativeInteger"},
        });
        if let (Some(obj), Some(l)) = (d.as_object_mut(), licence) {
            obj.insert("dct:license".into(), iri(l));
        }
        distributions.push(iri(&format!("{id}#distribution")));
        graph.push(d);
    }

    let mut catalog = json!({
        "@id": catalog_id,
        "@type": "dcat:Catalog",
        "dct:title": sv(&format!("{}: öppna data", site.titel)),
        "dct:description": sv("Öppna data från den nationella katalogen över personligt ombud och Delaktighetsmodellen i Sveriges kommuner."),
        "dct:publisher": iri(&publisher_id),
        "dcat:dataset": iri(&dataset_id),
        "foaf:homepage": iri(&format!("{base}/")),
        "dct:language": iri(&format!("{EU}/language/SWE")),
        "dcat:themeTaxonomy": iri(&format!("{EU}/data-theme")),
        "dct:spatial": iri(&format!("{EU}/country/SWE")),
    });
    let mut publisher = json!({
        "@id": publisher_id,
        "@type": "foaf:Agent",
        "foaf:name": open.utgivare,
        "foaf:homepage": iri(&format!("{base}/")),
    });
    let keywords: Vec<Value> = KEYWORDS.iter().map(|k| sv(k)).collect();
    let mut dataset = json!({
        "@id": dataset_id,
        "@type": "dcat:Dataset",
        "dct:title": sv("Personligt ombud i Sveriges kommuner"),
        "dct:description": sv("Vilka kommuner som har personligt ombud enligt den nyaste källan om varje kommun, vilka verksamheter som täcker dem och hur de drivs (egen regi, samverkan, kommunalförbund eller entreprenad), antal ombud och årsarbetare, kontaktvägar, statistik, Delaktighetsmodellen och folkmängden i varje kommun enligt SCB. Varje uppgift anger sin källa och dess datum."),
        "dct:publisher": iri(&publisher_id),
        "dcat:distribution": distributions,
        "dcat:landingPage": iri(&data_page),
        "dcat:keyword": keywords,
        "dcat:theme": iri(&format!("{EU}/data-theme/SOCI")),
        "dct:spatial": iri(&format!("{EU}/country/SWE")),
        "dct:accessRights": iri(&format!("{EU}/access-right/PUBLIC")),
        "dcat:version": crate::datapackage::version(site),
        "dct:conformsTo": iri(&format!("{base}/{}", crate::datapackage::DATAPACKAGE_JSON)),
    });
    if let Some(d) = modified {
        for node in [&mut catalog, &mut dataset] {
            if let Some(obj) = node.as_object_mut() {
                obj.insert("dct:modified".into(), date_literal(d));
            }
        }
    }
    if let (Some(obj), Some((first, last))) = (dataset.as_object_mut(), crate::datapackage::period(site)) {
        obj.insert(
            "dct:temporal".into(),
            json!({"@type": "dct:PeriodOfTime", "dcat:startDate": date_literal(first), "dcat:endDate": date_literal(last)}),
        );
    }
    if let (Some(obj), Some(l)) = (catalog.as_object_mut(), licence) {
        obj.insert("dct:license".into(), iri(l));
    }
    if let (Some(obj), Some(t)) = (publisher.as_object_mut(), open.utgivare_typ) {
        obj.insert("dct:type".into(), iri(publisher_type(t)));
    }
    if let Some(email) = &open.epost {
        if let Some(obj) = dataset.as_object_mut() {
            obj.insert("dcat:contactPoint".into(), iri(&contact_id));
        }
        graph.push(json!({
            "@id": contact_id,
            "@type": "vcard:Organization",
            "vcard:fn": open.utgivare,
            "vcard:hasEmail": iri(&format!("mailto:{email}")),
        }));
    }
    let mut nodes = vec![catalog, publisher, dataset];
    nodes.extend(graph);
    let document = json!({
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "vcard": "http://www.w3.org/2006/vcard/ns#",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@graph": nodes,
    });
    crate::text::json_bytes_without_markup(&document, true).map_err(|e| format!("{KATALOG_JSONLD}: {e}"))
}
