//! A piece of evidence as a sentence, in Swedish and in English: "Enligt en sida hos
//! Alingsås kommun, daterad 22 november 2023, har Alingsås personligt ombud." The
//! sentence is built here, where the words and their order are known, as parts that
//! templates lay out (a part may be a link), so the pages never assemble grammar and
//! data can never become markup. The source's name links to its entry in the Källor
//! list of the page the sentence is on (a kommun page, in either language).

use std::sync::Arc;

use serde::Serialize;

use crate::datum::Datum;
use crate::evidence::When;
use crate::records::{Besked, KallaRecord};

use super::Handelse;

/// Text, or a link when `href` is set.
#[derive(Debug, Clone, Serialize)]
pub struct Del {
    pub text: String,
    pub href: Option<String>,
}

/// The sentence now (for the answer) and in the past tense (for history).
#[derive(Debug, Clone, Serialize)]
pub struct Mening {
    pub nu: Vec<Del>,
    pub forr: Vec<Del>,
}

/// A source as sentences name it, made once per source and shared by every sentence
/// citing it.
#[derive(Debug)]
pub struct Kallnamn {
    id: String,
    sv: String,
    en: String,
}

impl Kallnamn {
    pub fn of(k: &KallaRecord) -> Arc<Kallnamn> {
        Arc::new(Kallnamn { id: k.id.value.clone(), sv: according_to(k, Lang::Sv), en: according_to(k, Lang::En) })
    }
}

/// What a piece of evidence tells, kept as facts: the four sentences (Swedish and
/// English, present and past tense) are made when a page asks for them, so a large site
/// never holds every sentence of every kommun at once. Templates see
/// `mening[lang].nu` / `.forr` as lists of parts.
#[derive(Debug, Clone)]
pub struct Meningar {
    besked: Besked,
    handelse: Handelse,
    kommun: String,
    /// The organisation's name and page address.
    organisation: Option<(String, String)>,
    kalla: Option<Arc<Kallnamn>>,
    event: Option<Datum>,
}

/// What a sentence tells.
pub struct Fakta<'a> {
    pub besked: Besked,
    pub handelse: Handelse,
    pub kommun: &'a str,
    /// The organisation's name and page address, for memberships, leaving and endings.
    pub organisation: Option<(&'a str, &'a str)>,
    pub kalla: Option<Arc<Kallnamn>>,
    pub event: Option<Datum>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Sv,
    En,
}

pub fn meningar(f: Fakta) -> Meningar {
    Meningar {
        besked: f.besked,
        handelse: f.handelse,
        kommun: f.kommun.to_string(),
        organisation: f.organisation.map(|(name, href)| (name.to_string(), href.to_string())),
        kalla: f.kalla,
        event: f.event,
    }
}

impl Meningar {
    pub fn in_lang(&self, lang: Lang) -> Mening {
        Mening { nu: sentence(self, lang, false), forr: sentence(self, lang, true) }
    }
}

impl Serialize for Meningar {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Meningar", 2)?;
        s.serialize_field("sv", &self.in_lang(Lang::Sv))?;
        s.serialize_field("en", &self.in_lang(Lang::En))?;
        s.end()
    }
}

fn text(s: impl Into<String>) -> Del {
    Del { text: s.into(), href: None }
}

/// The link from a sentence's source to that source's entry in the kommun page's own
/// Källor list (the `kallforteckning` macro gives each entry this id).
fn source_anchor(id: &str) -> String {
    format!("#kalla-{id}")
}

fn sentence(f: &Meningar, lang: Lang, past: bool) -> Vec<Del> {
    let source = f.kalla.as_ref().map(|k| Del {
        text: match lang {
            Lang::Sv => k.sv.clone(),
            Lang::En => k.en.clone(),
        },
        href: Some(source_anchor(&k.id)),
    });
    let org = f.organisation.as_ref().map(|(name, href)| Del { text: name.clone(), href: Some(format!("/{href}")) });
    let mut parts = vec![text(match lang {
        Lang::Sv => "Enligt ",
        Lang::En => "According to ",
    })];
    parts.extend(source);
    if lang == Lang::En {
        parts.push(text(", "));
    } else {
        parts.push(text(" "));
    }
    parts.extend(match lang {
        Lang::Sv => clause_sv(f, org, past),
        Lang::En => clause_en(f, org, past),
    });
    parts.push(text("."));
    // Join neighbouring texts, so that a template sees as few parts as there are links.
    let mut joined: Vec<Del> = Vec::new();
    for p in parts {
        match joined.last_mut() {
            Some(last) if last.href.is_none() && p.href.is_none() => last.text.push_str(&p.text),
            _ => joined.push(p),
        }
    }
    joined
}

/// Swedish word order: after "Enligt …" the verb comes first.
fn clause_sv(f: &Meningar, org: Option<Del>, past: bool) -> Vec<Del> {
    let k = &f.kommun;
    let from = f.event.map(|e| format!(" {}", e.as_from())).unwrap_or_default();
    let at = f.event.map(|e| format!(" {}", e.as_adverbial())).unwrap_or_default();
    let tense = |now: &str, then: &str| if past { then.to_string() } else { now.to_string() };
    match (f.handelse, org) {
        (Handelse::Medlem, Some(o)) => {
            vec![text(format!("{} {k} i ", tense("ingår", "ingick"))), o, text(from)]
        }
        (Handelse::Lamnade, Some(o)) => vec![text(format!("lämnade {k} ")), o, text(at)],
        (Handelse::Upphorde, Some(o)) => vec![text("upphörde "), o, text(format!("{at}, och {k} ingick i den"))],
        _ => vec![text(match f.besked {
            Besked::HarPo => format!("{} {k} personligt ombud{from}", tense("har", "hade")),
            Besked::Saknas => format!("{} {k} personligt ombud{from}", tense("saknar", "saknade")),
            Besked::Osaker => {
                format!("{} det osäkert om {k} {} personligt ombud", tense("är", "var"), tense("har", "hade"))
            }
        })],
    }
}

fn clause_en(f: &Meningar, org: Option<Del>, past: bool) -> Vec<Del> {
    let k = &f.kommun;
    let from = f.event.map(|e| format!(" from {}", in_english(e))).unwrap_or_default();
    let at = f.event.map(|e| format!(" {}", english_adverbial(e))).unwrap_or_default();
    let tense = |now: &str, then: &str| if past { then.to_string() } else { now.to_string() };
    match (f.handelse, org) {
        (Handelse::Medlem, Some(o)) => vec![text(format!("{k} {} part of ", tense("is", "was"))), o, text(from)],
        (Handelse::Lamnade, Some(o)) => vec![text(format!("{k} left ")), o, text(at)],
        (Handelse::Upphorde, Some(o)) => vec![o, text(format!(", which {k} was part of, ended{at}"))],
        _ => vec![text(match f.besked {
            Besked::HarPo => format!("{k} {} personligt ombud{from}", tense("has", "had")),
            Besked::Saknas => format!("{k} {} no personligt ombud{from}", tense("has", "had")),
            Besked::Osaker => {
                format!("it {} unclear whether {k} {} personligt ombud", tense("is", "was"), tense("has", "had"))
            }
        })],
    }
}

/// How a sentence names its source (see `sources::according_to` for the Swedish).
fn according_to(k: &KallaRecord, lang: Lang) -> String {
    match lang {
        Lang::Sv => super::sources::according_to(k),
        Lang::En => {
            let when = super::sources::when_of(k);
            match (k.sedd.is_some(), when) {
                (true, When::Dated(d)) => format!("a page by {} dated {}", k.utgivare, in_english(d)),
                (true, When::Undated { .. }) => format!("an undated page by {}", k.utgivare),
                (false, When::Dated(d)) => format!("{} ({}, {})", k.titel, k.utgivare, in_english(d)),
                (false, When::Undated { .. }) => format!("{} ({}, undated)", k.titel, k.utgivare),
            }
        }
    }
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "22 November 2023", "November 2023", "2023".
pub fn in_english(d: Datum) -> String {
    let month = d.month.and_then(|m| MONTHS_EN.get(usize::try_from(m - 1).ok()?));
    match (d.day, month) {
        (Some(day), Some(m)) => format!("{day} {m} {}", d.year),
        (None, Some(m)) => format!("{m} {}", d.year),
        _ => d.year.to_string(),
    }
}

/// "on 1 January 2020", "in June 2024", "in 2019".
fn english_adverbial(d: Datum) -> String {
    match d.day {
        Some(_) => format!("on {}", in_english(d)),
        None => format!("in {}", in_english(d)),
    }
}

/// When evidence holds, in English: "22 November 2023", "undated", "undated, from 2017 at the earliest".
pub fn when_in_english(w: &When) -> String {
    match w {
        When::Dated(d) => in_english(*d),
        When::Undated { tidigast: None } => "undated".into(),
        When::Undated { tidigast: Some(t) } => format!("undated, from {} at the earliest", in_english(*t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_dates() {
        assert_eq!(in_english(Datum::parse("2023-11-22").unwrap()), "22 November 2023");
        assert_eq!(english_adverbial(Datum::parse("2024-06").unwrap()), "in June 2024");
        assert_eq!(
            when_in_english(&When::Undated { tidigast: Datum::parse("2017").ok() }),
            "undated, from 2017 at the earliest"
        );
    }

    fn plain(parts: &[Del]) -> String {
        parts.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn both_languages_keep_their_word_order() {
        let f = Fakta {
            besked: Besked::HarPo,
            handelse: Handelse::Medlem,
            kommun: "Lilla Edet",
            organisation: Some(("PO Fyrbodal", "po/po-fyrbodal/")),
            kalla: None,
            event: Datum::parse("2020-01-01").ok(),
        };
        let m = meningar(f);
        let (sv, en) = (m.in_lang(Lang::Sv), m.in_lang(Lang::En));
        assert_eq!(plain(&sv.nu), "Enligt  ingår Lilla Edet i PO Fyrbodal från den 1 januari 2020.");
        assert_eq!(plain(&en.forr), "According to , Lilla Edet was part of PO Fyrbodal from 1 January 2020.");
        assert_eq!(sv.nu[1].href.as_deref(), Some("/po/po-fyrbodal/"));
    }
}
