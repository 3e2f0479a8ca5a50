//! The maintainers' to-do list (`katalog stale` and the page /underhall/): every kommun
//! and organisation with how old its newest evidence is, whether that evidence is
//! undated, whether the page has a way to reach an ombud, and open conflicts; worst
//! first, with totals per län.

use serde::Serialize;

use crate::datum::Datum;
use crate::model::{PoLage, Site};
use crate::text::sort_key;

#[derive(Debug, Serialize)]
pub struct Report {
    /// The build date the ages are counted to.
    pub idag: String,
    pub aldersgrans_ar: u32,
    /// Worst first.
    pub rader: Vec<Row>,
    /// One per län, in code order, then the whole country.
    pub lan: Vec<Totals>,
    pub totalt: Totals,
}

#[derive(Debug, Serialize)]
pub struct Row {
    /// `kommun` or `verksamhet`.
    pub typ: &'static str,
    pub namn: String,
    /// Kommun code or organisation id.
    pub id: String,
    pub lan: String,
    pub sokvag: String,
    /// The newest evidence's date (or earliest date, when undated), YYYY[-MM[-DD]].
    pub nyaste: Option<String>,
    /// Whole years from the last day the newest evidence can mean to the build date.
    pub alder_ar: Option<i64>,
    pub odaterad: bool,
    /// No evidence at all about PO.
    pub inga_uppgifter: bool,
    pub for_gammal: bool,
    /// Kommuner only: the page gives only general advice (and the kommun is not known to lack PO).
    pub ingen_kontaktvag: bool,
    pub konflikt: bool,
    /// How many of the problems above the record has.
    pub brister: usize,
}

#[derive(Debug, Default, Serialize)]
pub struct Totals {
    pub lan: String,
    pub kommuner: usize,
    pub inga_uppgifter: usize,
    pub for_gamla: usize,
    pub odaterade: usize,
    pub utan_kontaktvag: usize,
    pub konflikter: usize,
}

impl Totals {
    fn add(&mut self, r: &Row) {
        self.kommuner += 1;
        self.inga_uppgifter += usize::from(r.inga_uppgifter);
        self.for_gamla += usize::from(r.for_gammal);
        self.odaterade += usize::from(r.odaterad);
        self.utan_kontaktvag += usize::from(r.ingen_kontaktvag);
        self.konflikter += usize::from(r.konflikt);
    }
}

pub fn report(site: &Site) -> Report {
    let today = Datum::parse(&site.idag).ok().map(|d| d.first_day());
    // Whole years from the last day a date can mean ("2012" may be 31 December 2012).
    let age = |date: Option<&str>| -> Option<i64> {
        let last = Datum::parse(date?).ok()?.last_day();
        let span = last.until((jiff::Unit::Year, today?)).ok()?;
        Some(i64::from(span.get_years()).max(0))
    };
    let lan_name = |code: &str| site.lan.iter().find(|l| l.kod == code).map(|l| l.namn.clone()).unwrap_or_default();
    let mut rader: Vec<Row> = site
        .kommuner
        .iter()
        .map(|k| {
            let inga = k.bevis.is_empty();
            row(Row {
                typ: "kommun",
                namn: k.namn.clone(),
                id: k.kod.clone(),
                lan: lan_name(&k.lan_kod),
                sokvag: k.sokvag.clone(),
                nyaste: k.nyaste_datum.clone(),
                alder_ar: if k.nyaste_odaterad { None } else { age(k.nyaste_datum.as_deref()) },
                odaterad: k.nyaste_odaterad,
                inga_uppgifter: inga,
                for_gammal: k.inaktuell && !k.nyaste_odaterad,
                ingen_kontaktvag: k.kontaktvag.niva == 4 && k.po != PoLage::Saknas,
                konflikt: k.po == PoLage::Motstridig || !k.konflikter.is_empty(),
                brister: 0,
            })
        })
        .collect();
    let mut totals: Vec<Totals> =
        site.lan.iter().map(|l| Totals { lan: l.namn.clone(), ..Totals::default() }).collect();
    let mut totalt = Totals { lan: "Hela landet".into(), ..Totals::default() };
    for r in &rader {
        if let Some(t) = totals.iter_mut().find(|t| t.lan == r.lan) {
            t.add(r);
        }
        totalt.add(r);
    }
    rader.extend(site.organisationer.iter().map(|o| {
        let lan = o
            .kommuner
            .first()
            .and_then(|c| c.get(..2))
            .or(o.grannar_lan.first().map(String::as_str))
            .map(lan_name)
            .unwrap_or_default();
        row(Row {
            typ: "verksamhet",
            namn: o.namn.clone(),
            id: o.id.clone(),
            lan,
            sokvag: o.sokvag.clone(),
            nyaste: o.nyaste_datum.clone(),
            alder_ar: if o.nyaste_odaterad { None } else { age(o.nyaste_datum.as_deref()) },
            odaterad: o.nyaste_odaterad,
            inga_uppgifter: false,
            for_gammal: o.inaktuell && !o.nyaste_odaterad,
            ingen_kontaktvag: false,
            konflikt: !o.konflikter.is_empty(),
            brister: 0,
        })
    }));
    rader.sort_by(|a, b| {
        b.brister
            .cmp(&a.brister)
            .then(b.inga_uppgifter.cmp(&a.inga_uppgifter))
            .then(b.alder_ar.unwrap_or(-1).cmp(&a.alder_ar.unwrap_or(-1)))
            .then_with(|| sort_key(&a.namn).cmp(&sort_key(&b.namn)))
    });
    Report { idag: site.idag.clone(), aldersgrans_ar: site.aldersgrans_ar, rader, lan: totals, totalt }
}

fn row(mut r: Row) -> Row {
    r.brister =
        [r.inga_uppgifter, r.for_gammal, r.odaterad, r.ingen_kontaktvag, r.konflikt].iter().filter(|b| **b).count();
    r
}

/// The problems of a row in words, for the text report and the page.
pub fn problems(r: &Row) -> Vec<String> {
    let mut out = Vec::new();
    if r.inga_uppgifter {
        out.push("inga uppgifter om personligt ombud".to_string());
    }
    if let (true, Some(years)) = (r.for_gammal, r.alder_ar) {
        out.push(format!("nyaste uppgiften {years} år gammal"));
    }
    if r.odaterad {
        out.push("nyaste uppgiften odaterad".into());
    }
    if r.ingen_kontaktvag {
        out.push("ingen kontaktväg".into());
    }
    if r.konflikt {
        out.push("källorna säger olika".into());
    }
    out
}

/// The report as plain text: the rows with problems, then the totals per län.
pub fn to_text(report: &Report) -> String {
    let mut out = format!(
        "Underhåll: {} poster, räknat till {} (åldersgräns {} år)\n\n",
        report.rader.len(),
        report.idag,
        report.aldersgrans_ar
    );
    for r in report.rader.iter().filter(|r| r.brister > 0) {
        let nyaste = r.nyaste.as_deref().unwrap_or("–");
        out.push_str(&format!(
            "{:<10} {:<32} {:<22} nyaste {:<10} {}\n",
            r.typ,
            r.namn,
            r.lan,
            nyaste,
            problems(r).join("; ")
        ));
    }
    out.push_str("\nPer län (kommuner: inga uppgifter / för gamla / odaterade / utan kontaktväg / säger olika)\n");
    for t in report.lan.iter().chain(std::iter::once(&report.totalt)) {
        out.push_str(&format!(
            "{:<24} {:>3}: {:>3} / {:>3} / {:>3} / {:>3} / {:>3}\n",
            t.lan, t.kommuner, t.inga_uppgifter, t.for_gamla, t.odaterade, t.utan_kontaktvag, t.konflikter
        ));
    }
    out
}

/// One row per record, every column, for a spreadsheet.
pub fn to_csv(report: &Report) -> Result<String, String> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let header = [
        "typ",
        "id",
        "namn",
        "lan",
        "nyaste",
        "alder_ar",
        "odaterad",
        "inga_uppgifter",
        "for_gammal",
        "ingen_kontaktvag",
        "konflikt",
        "brister",
    ];
    w.write_record(header).map_err(|e| e.to_string())?;
    let yes = |b: bool| if b { "ja" } else { "nej" }.to_string();
    for r in &report.rader {
        let cells = [
            r.typ.to_string(),
            r.id.clone(),
            r.namn.clone(),
            r.lan.clone(),
            r.nyaste.clone().unwrap_or_default(),
            r.alder_ar.map(|a| a.to_string()).unwrap_or_default(),
            yes(r.odaterad),
            yes(r.inga_uppgifter),
            yes(r.for_gammal),
            yes(r.ingen_kontaktvag),
            yes(r.konflikt),
            r.brister.to_string(),
        ];
        w.write_record(cells.iter().map(|c| crate::export::not_a_formula(c).into_owned()))
            .map_err(|e| e.to_string())?;
    }
    String::from_utf8(w.into_inner().map_err(|e| e.to_string())?).map_err(|e| e.to_string())
}
