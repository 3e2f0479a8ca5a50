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

/// The same states in English, for the English pages.
pub fn po_lage_en(l: PoLage) -> &'static str {
    match l {
        PoLage::HarPo => "Has a personal ombudsman",
        PoLage::Saknas => "No personal ombudsman, according to the source",
        PoLage::Osaker => "Unclear whether there is a personal ombudsman",
        PoLage::Okand => "Not known",
        PoLage::Motstridig => "The sources disagree",
    }
}

pub fn dmo_status_en(s: DmoStatus) -> &'static str {
    match s {
        DmoStatus::Aktiv => "Active with the model",
        DmoStatus::Regelbunden => "Uses the model more or less regularly",
        DmoStatus::Vilande => "Has not used the model in recent years",
        DmoStatus::Startar => "Starting to use the model",
        DmoStatus::Okand => "Not known",
    }
}

/// The English state labels as maps keyed by the values' YAML names.
pub fn all_en() -> BTreeMap<&'static str, BTreeMap<String, &'static str>> {
    let key = |v: serde_json::Value| v.as_str().map(str::to_string).unwrap_or_default();
    let lagen = [PoLage::HarPo, PoLage::Saknas, PoLage::Osaker, PoLage::Okand, PoLage::Motstridig];
    let dmo = [DmoStatus::Aktiv, DmoStatus::Regelbunden, DmoStatus::Vilande, DmoStatus::Startar, DmoStatus::Okand];
    BTreeMap::from([
        ("po", lagen.iter().map(|&l| (key(serde_json::json!(l)), po_lage_en(l))).collect()),
        ("dmo", dmo.iter().map(|&s| (key(serde_json::json!(s)), dmo_status_en(s))).collect()),
    ])
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

/// The words of the pages that exist in two languages (a kommun's answer and contact
/// section, and what frames them), one table per language: `texter.sv` and `texter.en`
/// in the templates. Placeholders in braces are filled in by the templates.
pub fn texts() -> serde_json::Value {
    use crate::records::Driftsform as D;
    let driftsformer = [D::EgenRegi, D::Samverkan, D::Kommunalforbund, D::Entreprenad];
    let key = |d: D| crate::model::driftsform_key(d);
    let english_driftsform = |d: D| match d {
        D::EgenRegi => "Run by the kommun itself",
        D::Samverkan => "Run jointly by several kommuner",
        D::Kommunalforbund => "Run by a kommunalförbund (a federation of kommuner)",
        D::Entreprenad => "Contracted out to another organisation",
    };
    let sv_explained = |d: D| match d {
        D::EgenRegi => "Kommunen driver verksamheten själv.",
        D::Samverkan => "Flera kommuner driver verksamheten tillsammans.",
        D::Kommunalforbund => "Verksamheten drivs av ett kommunalförbund som kommunerna bildat.",
        D::Entreprenad => "Kommunen har upphandlat verksamheten av en annan organisation.",
    };
    let en_explained = |d: D| match d {
        D::EgenRegi => "The kommun runs the service itself.",
        D::Samverkan => "Several kommuner run the service together.",
        D::Kommunalforbund => "A federation the kommuner formed runs the service.",
        D::Entreprenad => "The kommun has bought the service from another organisation.",
    };
    let map = |f: &dyn Fn(D) -> &'static str| -> serde_json::Map<String, serde_json::Value> {
        driftsformer.iter().map(|&d| (key(d).to_string(), serde_json::Value::from(f(d)))).collect()
    };
    let table = |pairs: &[(&str, &str)],
                 names: serde_json::Map<String, serde_json::Value>,
                 explained: serde_json::Map<String, serde_json::Value>| {
        let mut t: serde_json::Map<String, serde_json::Value> =
            pairs.iter().map(|(k, v)| (k.to_string(), serde_json::Value::from(*v))).collect();
        t.insert("driftsformer".into(), names.into());
        t.insert("forklaring".into(), explained.into());
        serde_json::Value::Object(t)
    };
    serde_json::json!({
        "sv": table(&SV, map(&|d| driftsform(d)), map(&sv_explained)),
        "en": table(&EN, map(&english_driftsform), map(&en_explained)),
    })
}

const SV: [(&str, &str); 45] = [
    ("fraga", "Finns personligt ombud i {namn}?"),
    ("ja", "Ja."),
    ("nej", "Nej, enligt den nyaste uppgiften."),
    ("osaker", "Det är osäkert."),
    ("motstridig", "Källorna säger olika."),
    (
        "motstridig_text",
        "De nyaste uppgifterna går inte att ordna efter datum, och de säger inte samma sak. Fråga kommunen vad som gäller nu.",
    ),
    ("okand", "Vi vet inte."),
    ("okand_text", "Ingen av katalogens källor säger något om personligt ombud i {namn}."),
    ("samma_sak", "Andra aktuella uppgifter som säger samma sak:"),
    ("verksamhet", "Verksamhet"),
    ("nyaste_kallan", "nyaste källan"),
    ("driftsform", "Driftsform"),
    ("vardkommun", "Värdkommun"),
    ("huvudman", "Huvudman"),
    ("utforare", "Utförare"),
    ("samma_verksamhet", "Kommuner i samma verksamhet"),
    ("inaktuell", "Uppgiften kan vara inaktuell."),
    (
        "inaktuell_odaterad",
        "Den nyaste uppgiften kommer från en källa utan datum ({nar}). Kontrollera med kommunen vad som gäller i dag.",
    ),
    (
        "inaktuell_gammal",
        "Den nyaste uppgiften är från {nar}, mer än {ar} år sedan. Kontrollera med kommunen vad som gäller i dag.",
    ),
    ("tidigare", "Tidigare uppgifter"),
    ("tidigare_text", "Nyare uppgifter har ersatt de här. De visas för att du ska kunna se hur det har varit."),
    ("kontakt_rubrik", "Så kontaktar du personligt ombud"),
    ("niva2", "Katalogen har inget telefonnummer eller e-postadress, men kontaktuppgifterna finns på webbsidan nedan."),
    ("niva3", "Katalogen har inga kontaktuppgifter, men {utgivare} har en sida om personligt ombud för {namn}:"),
    ("niva3_efter", "Där kan du läsa mer och hitta vem du ska kontakta."),
    ("ocksa", "Du kan också göra så här:"),
    (
        "saknas_rad",
        "Enligt den nyaste uppgiften finns inget personligt ombud i {namn}. Det kan ha ändrats. Gör så här för att fråga:",
    ),
    ("inga_kontakter", "Katalogen har inga kontaktuppgifter till personligt ombud i {namn}. Gör så här i stället:"),
    ("rad_vaxel", "Ring kommunens växel eller kontaktcenter och fråga efter personligt ombud."),
    ("rad_webb", "Sök på ”personligt ombud” på kommunens webbplats."),
    (
        "rad_lan",
        "Länsstyrelsen i {lan} följer upp verksamheten med personligt ombud och kan svara på vad som finns i kommunen.",
    ),
    (
        "vem_som_helst",
        "Vem som helst får ta kontakten: du själv, en anhörig, en handläggare eller någon annan. Det är alltid du som bestämmer om du vill ha stöd. Stödet är gratis.",
    ),
    ("viktigt", "Viktigt att veta om personligt ombud"),
    ("viktigt_sokvag", "om/viktigt-att-veta/"),
    ("lattlast", "Läs om personligt ombud på lättläst svenska"),
    ("kalla", "Källa"),
    ("kallor", "Källor"),
    ("kallor_inga", "Ingen av katalogens källor nämner det här."),
    ("aldre_an", "äldre än {ar} år"),
    ("telefon", "Telefon"),
    ("epost", "E-post"),
    ("webbplats", "Webbplats"),
    ("adress", "Adress"),
    ("var", "Var"),
    ("nar", "När"),
];

const EN: [(&str, &str); 45] = [
    ("fraga", "Is there a personal ombudsman (personligt ombud) in {namn}?"),
    ("ja", "Yes."),
    ("nej", "No, according to the newest information."),
    ("osaker", "It is unclear."),
    ("motstridig", "The sources disagree."),
    (
        "motstridig_text",
        "The newest pieces of information cannot be ordered by date, and they do not say the same thing. Ask the kommun what applies now.",
    ),
    ("okand", "We do not know."),
    ("okand_text", "None of the directory’s sources says anything about personligt ombud in {namn}."),
    ("samma_sak", "Other current information that says the same:"),
    ("verksamhet", "Service"),
    ("nyaste_kallan", "newest source"),
    ("driftsform", "How it is run"),
    ("vardkommun", "Host kommun"),
    ("huvudman", "Run by"),
    ("utforare", "Provider"),
    ("samma_verksamhet", "Kommuner in the same service"),
    ("inaktuell", "This may be out of date."),
    (
        "inaktuell_odaterad",
        "The newest information comes from a source without a date ({nar}). Check with the kommun what applies today.",
    ),
    (
        "inaktuell_gammal",
        "The newest information is from {nar}, more than {ar} years ago. Check with the kommun what applies today.",
    ),
    ("tidigare", "Earlier information"),
    ("tidigare_text", "Newer information has replaced this. It is shown so that you can see how things were."),
    ("kontakt_rubrik", "How to contact a personal ombudsman"),
    (
        "niva2",
        "The directory has no phone number or e-mail address, but the contact details are on the web page below.",
    ),
    ("niva3", "The directory has no contact details, but {utgivare} has a page about personligt ombud for {namn}:"),
    ("niva3_efter", "There you can read more and find out whom to contact."),
    ("ocksa", "You can also do this:"),
    (
        "saknas_rad",
        "According to the newest information there is no personligt ombud in {namn}. This may have changed. To ask:",
    ),
    ("inga_kontakter", "The directory has no contact details for personligt ombud in {namn}. Do this instead:"),
    ("rad_vaxel", "Call the kommun’s switchboard or contact centre and ask for “personligt ombud”."),
    ("rad_webb", "Search for “personligt ombud” on the kommun’s website."),
    (
        "rad_lan",
        "The county administrative board (Länsstyrelsen i {lan}) follows up personligt ombud and can tell you what the kommun offers.",
    ),
    (
        "vem_som_helst",
        "Anyone may make the contact: you, a relative, a case worker or someone else. You always decide whether you want support. It is free of charge.",
    ),
    ("viktigt", "What a personal ombudsman is, in English"),
    ("viktigt_sokvag", "en/"),
    ("lattlast", "Read about personligt ombud in easy-to-read Swedish (lättläst)"),
    ("kalla", "Source"),
    ("kallor", "Sources"),
    ("kallor_inga", "None of the directory’s sources mentions this."),
    ("aldre_an", "older than {ar} years"),
    ("telefon", "Phone"),
    ("epost", "E-mail"),
    ("webbplats", "Website"),
    ("adress", "Address"),
    ("var", "Where"),
    ("nar", "When"),
];
