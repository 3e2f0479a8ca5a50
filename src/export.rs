//! Open data: the directory as files for re-use under `data/` in the built site
//! (`kommuner.csv`, `organisationer.json`, `kommuner.geojson`), and the documentation of
//! every field for the page /data/.
//!
//! The field lists below are the single source of both: the CSV header and the GeoJSON
//! properties are written in the order of the documented fields, and the tests compare
//! the JSON keys with them, so the page cannot describe a file that is not written.
//!
//! Every output is deterministic: rows and features in code order, organisations by id,
//! lists in a fixed order, no dates or random state.
//!
//! The CSV is UTF-8 *without* a byte-order mark, with CRLF line ends (RFC 4180). A BOM
//! only helps Excel when a file is opened by double-click, and that fails for this file
//! in Swedish Excel anyway, because Swedish Excel expects semicolons between fields; the
//! import dialog (Data → Från text/CSV) reads UTF-8 and commas correctly without one. A
//! BOM, on the other hand, ends up in the first column name for many parsers (Go's
//! encoding/csv, awk, cut, older pandas and R versions). The page /data/ says how to
//! open the file in Excel.

use rayon::prelude::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::labels;
use crate::model::{Kommun, Organisation, Site, Uppgift};
use crate::records::{Driftsform, Ungefar};

/// Where the files are published, relative to the output folder.
pub const KOMMUNER_CSV: &str = "data/kommuner.csv";
pub const ORGANISATIONER_JSON: &str = "data/organisationer.json";
pub const KOMMUNER_GEOJSON: &str = "data/kommuner.geojson";

/// One field of an exported file, for the documentation table.
#[derive(Debug, Clone, Serialize)]
pub struct FieldDoc {
    pub namn: &'static str,
    pub betydelse: &'static str,
    /// An example value as it is written in the file ("" when the example is empty).
    pub exempel: &'static str,
}

/// The fields of an object nested in the records of a file (e.g. a statistics row).
#[derive(Debug, Clone, Serialize)]
pub struct FieldGroup {
    /// For anchors and tests, e.g. `statistik`.
    pub id: &'static str,
    pub rubrik: &'static str,
    pub falt: Vec<FieldDoc>,
}

/// One exported file: what it is, how it is written, and every field.
#[derive(Debug, Clone, Serialize)]
pub struct FileDoc {
    /// For anchors, e.g. `kommuner-csv`.
    pub id: &'static str,
    /// Path relative to the site root, e.g. `data/kommuner.csv`.
    pub fil: &'static str,
    /// File name, e.g. `kommuner.csv`.
    pub namn: &'static str,
    pub rubrik: &'static str,
    pub beskrivning: &'static str,
    pub format: &'static str,
    pub kodning: &'static str,
    pub ordning: &'static str,
    /// The fields of each record (CSV column, JSON object key, GeoJSON property).
    pub falt: Vec<FieldDoc>,
    /// Nested objects, documented once each.
    pub grupper: Vec<FieldGroup>,
}

const fn f(namn: &'static str, betydelse: &'static str, exempel: &'static str) -> FieldDoc {
    FieldDoc { namn, betydelse, exempel }
}

/// The columns of kommuner.csv, in file order.
pub const KOMMUNER_CSV_FIELDS: [FieldDoc; 18] = [
    f(
        "kod",
        "Kommunkod enligt SCB, fyra siffror. Läs den som text, så att en inledande nolla inte försvinner.",
        "0114",
    ),
    f("namn", "Kommunens namn.", "Upplands Väsby"),
    f("lan_kod", "Länskod enligt SCB, två siffror: de två första siffrorna i kommunkoden.", "01"),
    f("lan", "Länets namn.", "Stockholms län"),
    f(
        "po_lage",
        "Vad katalogen vet om personligt ombud i kommunen, som kod: har-po (en verksamhet täcker kommunen), \
         saknas (en källa säger att kommunen saknar personligt ombud), osaker (en källa säger att det är osäkert), \
         okand (ingen källa säger något) eller motstridig (källorna säger olika).",
        "har-po",
    ),
    f("po_lage_text", "Samma sak i ord, som på webbplatsen.", "Har personligt ombud"),
    f(
        "organisationer",
        "Id för de verksamheter med personligt ombud som täcker kommunen, åtskilda med semikolon, i id-ordning. \
         Tomt om ingen gör det. Varje verksamhet finns i organisationer.json och på /po/id/.",
        "sodra-dalarna",
    ),
    f(
        "organisationsnamn",
        "Verksamheternas namn i samma ordning, åtskilda med semikolon och mellanslag.",
        "Personligt Ombud Södra Dalarna",
    ),
    f(
        "driftsform",
        "Driftsformerna för verksamheterna som täcker kommunen, var och en en gång och alltid i ordningen \
         egen-regi, samverkan, kommunalforbund, entreprenad, åtskilda med semikolon. Vilken verksamhet som har \
         vilken driftsform står i organisationer.json.",
        "samverkan",
    ),
    f(
        "utforare",
        "Id för utförarna som driver verksamheterna på entreprenad, åtskilda med semikolon. \
         Tomt när kommunerna driver verksamheten själva.",
        "",
    ),
    f(
        "dmo_status",
        "Delaktighetsmodellen i kommunen, som kod: aktiv, regelbunden (mer eller mindre regelbundet), \
         vilande (inte använt de senaste åren), startar eller okand (uppgift saknas).",
        "aktiv",
    ),
    f("dmo_status_text", "Samma sak i ord, som på webbplatsen.", "Aktiv med Delaktighetsmodellen"),
    f(
        "kallor",
        "Id för alla källor bakom kommunens uppgifter, åtskilda med semikolon, nyaste först. \
         Källorna beskrivs på sidan Källor.",
        "po-sodra-dalarna-2023;serus-jamtland-2012",
    ),
    f(
        "nyaste_uppgift",
        "Datum för den nyaste uppgiften om personligt ombud, som svaret bygger på, alltid som ÅÅÅÅ-MM-DD: den \
         första dagen i den period källan anger. Hur exakt datumet är står i nyaste_uppgift_precision. För en \
         odaterad källa det tidigaste datum den kan vara från. Tomt när inget datum är känt.",
        "2023-01-01",
    ),
    f(
        "nyaste_uppgift_precision",
        "Hur exakt nyaste_uppgift är: dag (källan anger dagen), manad (bara månaden; datumet är månadens första \
         dag) eller ar (bara året; datumet är den 1 januari). Tomt när nyaste_uppgift är tomt.",
        "ar",
    ),
    f(
        "inaktuell",
        "ja när även den nyaste uppgiften är så gammal att katalogen märker den som möjligen inaktuell, annars nej.",
        "nej",
    ),
    f(
        "folkmangd",
        "Antal invånare (folkbokförda) i kommunen enligt SCB, den dag folkmangd_ar anger: den 31 december det \
         året. Tomt om webbplatsen saknar befolkningssiffror.",
        "50323",
    ),
    f("folkmangd_ar", "Året folkmängden gäller (den 31 december), till exempel 2024.", "2024"),
];

/// The keys of each organisation in organisationer.json, in file order.
const ORGANISATION_FIELDS: [FieldDoc; 19] = [
    f("id", "Verksamhetens id, samma som i adressen /po/id/.", "sodra-dalarna"),
    f("namn", "Verksamhetens namn.", "Personligt Ombud Södra Dalarna"),
    f("url", "Adressen till verksamhetens sida i katalogen.", "https://exempel.se/po/sodra-dalarna/"),
    f("driftsform", "egen-regi, samverkan, kommunalforbund eller entreprenad.", "samverkan"),
    f("driftsform_text", "Driftsformen i ord, som på webbplatsen.", "Samverkan mellan kommuner"),
    f("vardkommun", "Kommunkod för värdkommunen (arbetsgivaren), eller null om ingen källa anger den.", "2081"),
    f("huvudman", "Arbetsgivare eller ägare när det inte är en kommun, annars null.", "null"),
    f("utforare", "Id för utföraren vid entreprenad, annars null.", "null"),
    f("kommuner", "Medlemskommunernas koder, i kodordning.", "[\"2026\", \"2061\", \"2080\"]"),
    f("ombud", "Antal personliga ombud (personer), som talobjekt, eller null.", "{\"varde\": 7, …}"),
    f("arsarbetare", "Antal årsarbetare, som talobjekt, eller null.", "{\"varde\": 6.5, …}"),
    f("sedan", "Året verksamheten startade, som talobjekt, eller null.", "{\"varde\": 2001, …}"),
    f("kontakt", "Kontaktuppgifter, eller null om katalogen inte har några.", "{\"webb\": \"https://…\", …}"),
    f(
        "fakta",
        "Andra uppgifter om verksamheten: en lista med text och kalla.",
        "[{\"text\": \"…\", \"kalla\": \"…\"}]",
    ),
    f(
        "statistik",
        "Statistik per år: först rader för hela verksamheten, sedan rader per medlemskommun, i årsordning.",
        "[{\"ar\": 2023, …}]",
    ),
    f(
        "kallor",
        "Id för alla källor bakom verksamhetens uppgifter, nyaste först. Källorna beskrivs på sidan Källor.",
        "[\"po-sodra-dalarna-2023\"]",
    ),
    f("uppdaterad", "Datum för den nyaste uppgiften om verksamheten: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.", "2023"),
    f(
        "folkmangd_medlemmar",
        "Antal invånare i de nuvarande medlemskommunerna tillsammans enligt SCB (se folkmangd_ar), eller null \
         när verksamheten saknar nuvarande medlemmar eller webbplatsen saknar befolkningssiffror. Talen för \
         ombud och årsarbetare kan vara från ett annat år; dela inte det ena med det andra utan att ange båda åren.",
        "73842",
    ),
    f("folkmangd_ar", "Året folkmängden gäller (den 31 december), eller null.", "2024"),
];

const TAL_FIELDS: [FieldDoc; 4] = [
    f("varde", "Talet, som JSON-tal med punkt som decimaltecken.", "6.5"),
    f("ungefar", "ca, drygt eller minst när källan anger talet ungefärligt, annars null.", "null"),
    f("kalla", "Id för källan till talet.", "po-sodra-dalarna-2023"),
    f("anmarkning", "Tolkning eller förbehåll, eller null.", "null"),
];

const KONTAKT_FIELDS: [FieldDoc; 7] = [
    f("webb", "Webbadress, eller null.", "https://exempel.se/personligt-ombud"),
    f("telefon", "Telefonnummer som källan skriver det, eller null.", "0243-123 45"),
    f("epost", "E-postadress, eller null.", "null"),
    f("adress", "Gatuadress, eller null.", "null"),
    f("plats", "Var verksamheten finns, i ord, eller null.", "Borlänge centrum"),
    f("tillganglighet", "När och hur man når verksamheten, eller null.", "Vardagar 8–16"),
    f("kalla", "Id för källan till kontaktuppgifterna.", "po-sodra-dalarna-2023"),
];

const FAKTA_FIELDS: [FieldDoc; 2] = [
    f("text", "En kort mening om verksamheten.", "Länsstyrelsen Dalarna har tillsyn över verksamheten."),
    f("kalla", "Id för källan.", "po-sodra-dalarna-2023"),
];

fn statistik_fields() -> Vec<FieldDoc> {
    let mut out = vec![
        f("ar", "Året siffrorna gäller.", "2023"),
        f("kommun", "Medlemskommunens kod när raden gäller en kommun, annars null (hela verksamheten).", "null"),
    ];
    for m in &crate::measures::ALL {
        out.push(FieldDoc {
            namn: m.key,
            betydelse: m.description,
            exempel: if m.key == "klienter" { "162" } else { "null" },
        });
    }
    out.extend([
        f(
            "ungefar",
            "ca, drygt eller minst när radens tal är ungefärliga, annars null. Tal som källan inte anger är null.",
            "null",
        ),
        f("kalla", "Id för källan till raden.", "po-sodra-dalarna-2023"),
        f("anmarkning", "Anmärkning till raden, eller null.", "null"),
    ]);
    out
}

/// The properties of each feature in kommuner.geojson, in file order.
const GEOJSON_FIELDS: [FieldDoc; 10] = [
    f("kod", "Kommunkod enligt SCB, fyra siffror.", "0114"),
    f("namn", "Kommunens namn.", "Upplands Väsby"),
    f("lan", "Länets namn.", "Stockholms län"),
    f(
        "po_lage",
        "Personligt ombud i kommunen, som kod: har-po, saknas, osaker, okand eller motstridig (se kommuner.csv).",
        "har-po",
    ),
    f(
        "driftsform",
        "Driftsformerna för verksamheterna som täcker kommunen, var och en en gång i ordningen egen-regi, \
         samverkan, kommunalforbund, entreprenad, åtskilda med semikolon. Tom text om ingen.",
        "samverkan",
    ),
    f(
        "organisationer",
        "Id för verksamheterna som täcker kommunen, åtskilda med semikolon, i samma ordning. Tom text om ingen.",
        "sodra-dalarna",
    ),
    f("dmo_status", "Delaktighetsmodellen: aktiv, regelbunden, vilande, startar eller okand.", "okand"),
    f("url", "Adressen till kommunens sida i katalogen.", "https://exempel.se/kommun/upplands-vasby/"),
    f("folkmangd", "Antal invånare i kommunen enligt SCB den 31 december folkmangd_ar, som tal, eller null.", "50323"),
    f("folkmangd_ar", "Året folkmängden gäller, som tal, eller null.", "2024"),
];

/// The documentation of every exported file, for the page /data/ (`filer` in data.html).
pub fn field_docs() -> Vec<FileDoc> {
    vec![
        FileDoc {
            id: "kommuner-csv",
            fil: KOMMUNER_CSV,
            namn: "kommuner.csv",
            rubrik: "Kommunerna (CSV)",
            beskrivning: "En rad per kommun: om kommunen har personligt ombud, vilka verksamheter som täcker den, \
                          Delaktighetsmodellen och källorna.",
            format: "CSV enligt RFC 4180: kommatecken mellan fälten, citattecken runt fält som innehåller \
                     kommatecken, citattecken eller radbrytningar, CRLF som radslut. Första raden är rubriker.",
            kodning: "UTF-8 utan BOM (byte-order mark).",
            ordning: "Kommunkodens ordning.",
            falt: KOMMUNER_CSV_FIELDS.to_vec(),
            grupper: Vec::new(),
        },
        FileDoc {
            id: "organisationer-json",
            fil: ORGANISATIONER_JSON,
            namn: "organisationer.json",
            rubrik: "Verksamheterna med personligt ombud (JSON)",
            beskrivning: "En lista med ett objekt per verksamhet: driftsform, medlemskommuner, antal ombud, kontakt, \
                          statistik och källor. Tal är JSON-tal, inte text. Saknade uppgifter är null.",
            format: "JSON (RFC 8259): en lista med objekt, indragen för att vara lätt att läsa.",
            kodning: "UTF-8.",
            ordning: "Verksamhetens id i bokstavsordning.",
            falt: ORGANISATION_FIELDS.to_vec(),
            grupper: vec![
                FieldGroup {
                    id: "talobjekt",
                    rubrik: "Fälten i ombud, arsarbetare och sedan",
                    falt: TAL_FIELDS.to_vec(),
                },
                FieldGroup { id: "kontakt", rubrik: "Fälten i kontakt", falt: KONTAKT_FIELDS.to_vec() },
                FieldGroup { id: "fakta", rubrik: "Fälten i varje post i fakta", falt: FAKTA_FIELDS.to_vec() },
                FieldGroup { id: "statistik", rubrik: "Fälten i varje rad i statistik", falt: statistik_fields() },
            ],
        },
        FileDoc {
            id: "kommuner-geojson",
            fil: KOMMUNER_GEOJSON,
            namn: "kommuner.geojson",
            rubrik: "Kommungränser med uppgifterna (GeoJSON)",
            beskrivning: "Kommunernas gränser med de viktigaste uppgifterna om varje kommun, för att göra egna \
                          kartor. Gränserna är förenklade för kartor över hela landet och inte avsedda för mätning.",
            format: "GeoJSON (RFC 7946): en FeatureCollection med en Feature per kommun, en per rad. Koordinaterna \
                     är i WGS 84 (EPSG:4326), i ordningen longitud, latitud.",
            kodning: "UTF-8.",
            ordning: "Kommunkodens ordning.",
            falt: GEOJSON_FIELDS.to_vec(),
            grupper: Vec::new(),
        },
    ]
}

/// The documentation of the files in `files` only (a site without boundaries has no
/// GeoJSON, and the page must not link to it).
pub fn docs_for(files: &[Export]) -> Vec<FileDoc> {
    field_docs().into_iter().filter(|d| files.iter().any(|f| f.path == d.fil)).collect()
}

/// Writes a file's bytes; may run more than once and gives the same bytes each time.
pub type WriteFn<'a> = Box<dyn Fn(&mut dyn Write) -> Result<(), String> + Send + Sync + 'a>;

/// An open-data file, made while it is written: the build writes it straight into the
/// output, and the descriptions are given its size and checksum by a first run into a
/// hash, so a file of tens of MB on a large site is never held in memory.
pub struct Export<'a> {
    /// Relative to the output folder.
    pub path: String,
    pub write: WriteFn<'a>,
}

impl Export<'_> {
    /// The file's bytes, in memory.
    pub fn bytes(&self) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        (self.write)(&mut out)?;
        Ok(out)
    }
}

/// A file's size and SHA-256, for the machine-readable descriptions.
pub struct Measured {
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// Runs `file`'s writer into a hash, keeping nothing of the bytes.
fn measure(file: &Export) -> Result<Measured, String> {
    struct Hashing(sha2::Sha256, u64);
    impl Write for Hashing {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            sha2::Digest::update(&mut self.0, buf);
            self.1 += buf.len() as u64;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut sink = Hashing(sha2::Digest::new(), 0);
    (file.write)(&mut sink)?;
    let sha256 = crate::text::hex(&sha2::Digest::finalize(sink.0));
    Ok(Measured { path: file.path.clone(), bytes: sink.1, sha256 })
}

/// The open-data files of the site, with paths relative to the output folder. The
/// GeoJSON is left out when the site has no `data/geo/kommuner.geojson`. Any problem in
/// the data shows here, when the files are measured, not first when they are written.
pub fn exports<'a>(site: &'a Site, root: &Path) -> Result<Vec<Export<'a>>, String> {
    let file = |path: &str, write: WriteFn<'a>| Export { path: path.to_string(), write };
    let mut files = vec![
        file(KOMMUNER_CSV, Box::new(move |w| kommuner_csv(site, w))),
        file(ORGANISATIONER_JSON, Box::new(move |w| organisationer_json(site, w))),
    ];
    let geo = root.join(crate::geo::KOMMUNER_FILE);
    if geo.exists() {
        files.push(file(KOMMUNER_GEOJSON, Box::new(move |w| kommuner_geojson(site, &geo, w))));
    }
    // The descriptions of the files above, for machines: after them, since they give
    // each file's size and checksum.
    let measured = files.par_iter().map(measure).collect::<Result<Vec<_>, _>>()?;
    let package = crate::datapackage::datapackage(site, &measured)?;
    let catalogue = crate::dcat::catalogue(site, &measured)?;
    files.push(file(crate::datapackage::DATAPACKAGE_JSON, written(package)));
    files.push(file(crate::dcat::KATALOG_JSONLD, written(catalogue)));
    Ok(files)
}

/// A writer of bytes already made.
fn written<'a>(bytes: Vec<u8>) -> WriteFn<'a> {
    Box::new(move |w| w.write_all(&bytes).map_err(|e| e.to_string()))
}

/// The YAML name of an enum value ("har-po", "egen-regi", "aktiv").
fn key<T: Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn kommuner_by_code(site: &Site) -> Vec<&Kommun> {
    let mut kommuner: Vec<&Kommun> = site.kommuner.iter().collect();
    kommuner.sort_by(|a, b| a.kod.cmp(&b.kod));
    kommuner
}

/// Organisations by id, looked up for each kommun.
type OrgsById<'a> = BTreeMap<&'a str, &'a Organisation>;

fn orgs_by_id(site: &Site) -> OrgsById<'_> {
    site.organisationer.iter().map(|o| (o.id.as_str(), o)).collect()
}

/// A kommun's organisations, by id.
fn organisations_of<'a>(orgs_by_id: &OrgsById<'a>, k: &Kommun) -> Vec<&'a Organisation> {
    let mut orgs: Vec<&Organisation> =
        k.organisationer.iter().filter_map(|id| orgs_by_id.get(id.as_str()).copied()).collect();
    orgs.sort_by(|a, b| a.id.cmp(&b.id));
    orgs
}

fn lan_name<'a>(site: &'a Site, k: &Kommun) -> &'a str {
    site.lan.iter().find(|l| l.kod == k.lan_kod).map(|l| l.namn.as_str()).unwrap_or("")
}

fn kommun_url(site: &Site, k: &Kommun) -> String {
    format!("{}/{}", site.bas_url, k.sokvag)
}

/// The order combined driftsformer are written in, whatever the organisations' order.
pub const DRIFTSFORMER: [Driftsform; 4] =
    [Driftsform::EgenRegi, Driftsform::Samverkan, Driftsform::Kommunalforbund, Driftsform::Entreprenad];

/// A date as the first day it can mean (YYYY-MM-DD) and how exact it is: `dag`, `manad`
/// or `ar`. Empty cells for no date.
pub fn date_and_precision(date: Option<&str>) -> (String, &'static str) {
    match date.and_then(|d| crate::datum::Datum::parse(d).ok()) {
        None => (String::new(), ""),
        Some(d) => {
            let precision = match (d.month, d.day) {
                (Some(_), Some(_)) => "dag",
                (Some(_), None) => "manad",
                _ => "ar",
            };
            (d.first_day().to_string(), precision)
        }
    }
}

/// The cells shared by the CSV and the GeoJSON: organisations, names, driftsformer and
/// utförare, each joined.
struct Coverage {
    ids: String,
    names: String,
    driftsformer: String,
    utforare: String,
}

fn coverage(orgs_by_id: &OrgsById<'_>, k: &Kommun) -> Coverage {
    let orgs = organisations_of(orgs_by_id, k);
    let mut utforare: Vec<&str> = Vec::new();
    for u in orgs.iter().filter_map(|o| o.utforare.as_deref()) {
        if !utforare.contains(&u) {
            utforare.push(u);
        }
    }
    Coverage {
        ids: orgs.iter().map(|o| o.id.as_str()).collect::<Vec<_>>().join(";"),
        names: orgs.iter().map(|o| o.namn.as_str()).collect::<Vec<_>>().join("; "),
        driftsformer: DRIFTSFORMER
            .iter()
            .filter(|d| orgs.iter().any(|o| o.driftsform == **d))
            .map(|d| key(*d))
            .collect::<Vec<_>>()
            .join(";"),
        utforare: utforare.join(";"),
    }
}

fn kommuner_csv(site: &Site, w: &mut dyn Write) -> Result<(), String> {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(w);
    let header: Vec<&str> = KOMMUNER_CSV_FIELDS.iter().map(|d| d.namn).collect();
    writer.write_record(&header).map_err(|e| format!("{KOMMUNER_CSV}: {e}"))?;
    let orgs = orgs_by_id(site);
    for k in kommuner_by_code(site) {
        let c = coverage(&orgs, k);
        let (nyaste, precision) = date_and_precision(k.nyaste_datum.as_deref());
        let year = site.befolkning.as_ref().filter(|_| k.folkmangd.is_some()).map(|b| b.ar.to_string());
        let row: [(&str, String); 18] = [
            ("kod", k.kod.clone()),
            ("namn", k.namn.clone()),
            ("lan_kod", k.lan_kod.clone()),
            ("lan", lan_name(site, k).to_string()),
            ("po_lage", key(k.po)),
            ("po_lage_text", labels::po_lage(k.po).to_string()),
            ("organisationer", c.ids),
            ("organisationsnamn", c.names),
            ("driftsform", c.driftsformer),
            ("utforare", c.utforare),
            ("dmo_status", key(k.dmo)),
            ("dmo_status_text", labels::dmo_status(k.dmo).to_string()),
            ("kallor", k.kallor.join(";")),
            ("nyaste_uppgift", nyaste),
            ("nyaste_uppgift_precision", precision.to_string()),
            ("inaktuell", if k.inaktuell { "ja" } else { "nej" }.to_string()),
            ("folkmangd", k.folkmangd.map(|n| n.to_string()).unwrap_or_default()),
            ("folkmangd_ar", year.unwrap_or_default()),
        ];
        if !row.iter().map(|(name, _)| *name).eq(header.iter().copied()) {
            return Err(format!("{KOMMUNER_CSV}: the columns differ from the documented fields"));
        }
        writer
            .write_record(row.iter().map(|(_, value)| not_a_formula(value).into_owned()))
            .map_err(|e| format!("{KOMMUNER_CSV}: {e}"))?;
    }
    writer.flush().map_err(|e| format!("{KOMMUNER_CSV}: {e}"))
}

/// A cell that a spreadsheet would read as a formula (it begins with `=`, `+`, `-`, `@`,
/// a tab or a carriage return) gets a leading `'`, as OWASP advises against CSV
/// injection. `check` already refuses such names and texts; this holds whatever it let
/// through.
pub fn not_a_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}").into() } else { cell.into() }
}

#[derive(Serialize)]
struct OrganisationOut<'a> {
    id: &'a str,
    namn: &'a str,
    url: String,
    driftsform: String,
    driftsform_text: &'static str,
    vardkommun: Option<&'a str>,
    huvudman: Option<&'a str>,
    utforare: Option<&'a str>,
    kommuner: Vec<&'a str>,
    ombud: Option<TalOut<'a>>,
    arsarbetare: Option<TalOut<'a>>,
    sedan: Option<TalOut<'a>>,
    kontakt: Option<KontaktOut<'a>>,
    fakta: Vec<FaktumOut<'a>>,
    statistik: Vec<StatistikOut<'a>>,
    kallor: &'a [String],
    uppdaterad: &'a str,
    folkmangd_medlemmar: Option<u64>,
    folkmangd_ar: Option<i16>,
}

#[derive(Serialize)]
struct TalOut<'a> {
    varde: serde_json::Number,
    ungefar: Option<Ungefar>,
    kalla: &'a str,
    anmarkning: Option<&'a str>,
}

#[derive(Serialize)]
struct KontaktOut<'a> {
    webb: Option<&'a str>,
    telefon: Option<&'a str>,
    epost: Option<&'a str>,
    adress: Option<&'a str>,
    plats: Option<&'a str>,
    tillganglighet: Option<&'a str>,
    kalla: &'a str,
}

#[derive(Serialize)]
struct FaktumOut<'a> {
    text: &'a str,
    kalla: &'a str,
}

/// A statistics row of organisations.json: every measure of [`crate::measures::ALL`] in
/// order, null where the source gives no figure.
#[derive(Default)]
struct StatistikOut<'a> {
    ar: u32,
    kommun: Option<&'a str>,
    varden: [Option<u32>; crate::measures::ALL.len()],
    ungefar: Option<Ungefar>,
    kalla: &'a str,
    anmarkning: Option<&'a str>,
}

impl Serialize for StatistikOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(crate::measures::ALL.len() + 5))?;
        map.serialize_entry("ar", &self.ar)?;
        map.serialize_entry("kommun", &self.kommun)?;
        for (m, v) in crate::measures::ALL.iter().zip(&self.varden) {
            map.serialize_entry(m.key, v)?;
        }
        map.serialize_entry("ungefar", &self.ungefar)?;
        map.serialize_entry("kalla", &self.kalla)?;
        map.serialize_entry("anmarkning", &self.anmarkning)?;
        map.end()
    }
}

impl StatistikOut<'_> {
    fn set(&mut self, measure: &str, value: Option<u32>) -> Result<(), String> {
        let index = crate::measures::ALL
            .iter()
            .position(|m| m.key == measure)
            .ok_or_else(|| format!("{ORGANISATIONER_JSON}: statistics measure {measure} is not documented"))?;
        self.varden[index] = value;
        Ok(())
    }
}

/// A number as JSON: whole numbers without a fraction ("7", not "7.0").
fn json_number(value: f64) -> Option<serde_json::Number> {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: larger floats are not exact integers
    if value.fract() == 0.0 && value.abs() < EXACT {
        Some(serde_json::Number::from(value as i64))
    } else {
        serde_json::Number::from_f64(value)
    }
}

fn tal<'a>(org: &str, what: &str, u: &'a Option<Uppgift>) -> Result<Option<TalOut<'a>>, String> {
    let Some(u) = u else { return Ok(None) };
    let varde = json_number(u.tal).ok_or_else(|| format!("{ORGANISATIONER_JSON}: {org}: {what} is not a number"))?;
    Ok(Some(TalOut { varde, ungefar: u.ungefar, kalla: &u.kalla, anmarkning: u.anmarkning.as_deref() }))
}

fn organisationer_json(site: &Site, w: &mut dyn Write) -> Result<(), String> {
    let mut orgs: Vec<&Organisation> = site.organisationer.iter().collect();
    orgs.sort_by(|a, b| a.id.cmp(&b.id));
    crate::text::write_json_without_markup(w, &OrganisationList { site, orgs }, true).map_err(|e| {
        // A problem in the data already names the file; a write error does not.
        if e.is_io() { format!("{ORGANISATIONER_JSON}: {e}") } else { e.to_string() }
    })
}

/// The organisations, each made as it is written.
struct OrganisationList<'a> {
    site: &'a Site,
    orgs: Vec<&'a Organisation>,
}

impl Serialize for OrganisationList<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = serializer.serialize_seq(Some(self.orgs.len()))?;
        for o in &self.orgs {
            seq.serialize_element(&organisation_out(self.site, o).map_err(S::Error::custom)?)?;
        }
        seq.end()
    }
}

fn organisation_out<'a>(site: &'a Site, o: &'a Organisation) -> Result<OrganisationOut<'a>, String> {
    let mut kommuner: Vec<&str> = o.kommuner.iter().map(String::as_str).collect();
    kommuner.sort();
    let mut statistik = Vec::new();
    for table in &o.statistik {
        for r in &table.rader {
            let mut row = StatistikOut {
                ar: r.ar,
                kommun: r.kommun.as_deref(),
                ungefar: r.ungefar,
                kalla: &r.kalla,
                anmarkning: r.anmarkning.as_deref(),
                ..StatistikOut::default()
            };
            if r.tal.len() != table.kolumner.len() {
                return Err(format!("{ORGANISATIONER_JSON}: {}: statistics row without its numbers", o.id));
            }
            for (column, value) in table.kolumner.iter().zip(&r.tal) {
                row.set(column.nyckel, *value)?;
            }
            statistik.push(row);
        }
    }
    Ok(OrganisationOut {
        id: &o.id,
        namn: &o.namn,
        url: format!("{}/{}", site.bas_url, o.sokvag),
        driftsform: key(o.driftsform),
        driftsform_text: labels::driftsform(o.driftsform),
        vardkommun: o.vardkommun.as_deref(),
        huvudman: o.huvudman.as_deref(),
        utforare: o.utforare.as_deref(),
        kommuner,
        ombud: tal(&o.id, "ombud", &o.ombud)?,
        arsarbetare: tal(&o.id, "arsarbetare", &o.arsarbetare)?,
        sedan: tal(&o.id, "sedan", &o.sedan)?,
        kontakt: o.kontakt.as_ref().map(|k| KontaktOut {
            webb: k.webb.as_deref(),
            telefon: k.telefon.as_deref(),
            epost: k.epost.as_deref(),
            adress: k.adress.as_deref(),
            plats: k.plats.as_deref(),
            tillganglighet: k.tillganglighet.as_deref(),
            kalla: &k.kalla,
        }),
        fakta: o.fakta.iter().map(|f| FaktumOut { text: &f.text, kalla: &f.kalla }).collect(),
        statistik,
        kallor: &o.kallor,
        uppdaterad: o.nyaste_datum.as_deref().unwrap_or(""),
        folkmangd_medlemmar: o.folkmangd,
        folkmangd_ar: site.befolkning.as_ref().filter(|_| o.folkmangd.is_some()).map(|b| b.ar),
    })
}

#[derive(serde::Deserialize)]
struct SourceCollection {
    features: Vec<SourceFeature>,
}

#[derive(serde::Deserialize)]
struct SourceFeature {
    properties: SourceProperties,
    geometry: Geometry,
}

#[derive(serde::Deserialize)]
struct SourceProperties {
    kod: String,
}

/// Polygon or MultiPolygon (geo.rs accepts nothing else); the coordinates are passed on
/// as read, so they stay the original WGS 84 values.
#[derive(serde::Deserialize, Serialize)]
struct Geometry {
    #[serde(rename = "type")]
    typ: String,
    coordinates: serde_json::Value,
}

#[derive(Serialize)]
struct FeatureOut<'a> {
    #[serde(rename = "type")]
    typ: &'static str,
    properties: GeoProperties<'a>,
    geometry: &'a Geometry,
}

#[derive(Serialize)]
struct GeoProperties<'a> {
    kod: &'a str,
    namn: &'a str,
    lan: &'a str,
    po_lage: String,
    driftsform: String,
    organisationer: String,
    dmo_status: String,
    url: String,
    folkmangd: Option<u64>,
    folkmangd_ar: Option<i16>,
}

fn kommuner_geojson(site: &Site, path: &Path, w: &mut dyn Write) -> Result<(), String> {
    let text = crate::load::read_text(path).map_err(|m| format!("{}: {m}", crate::geo::KOMMUNER_FILE))?;
    let source: SourceCollection = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a GeoJSON feature collection: {e}", crate::geo::KOMMUNER_FILE))?;
    let mut shapes: BTreeMap<&str, &Geometry> = BTreeMap::new();
    for feature in &source.features {
        if shapes.insert(&feature.properties.kod, &feature.geometry).is_some() {
            return Err(format!("{}: code {} appears twice", crate::geo::KOMMUNER_FILE, feature.properties.kod));
        }
    }
    let kommuner = kommuner_by_code(site);
    if let Some(stray) = shapes.keys().find(|code| !kommuner.iter().any(|k| k.kod == **code)) {
        return Err(format!("{}: code {stray} is not a kommun in the register", crate::geo::KOMMUNER_FILE));
    }
    let orgs = orgs_by_id(site);
    let put = |w: &mut dyn Write, bytes: &[u8]| w.write_all(bytes).map_err(|e| format!("{KOMMUNER_GEOJSON}: {e}"));
    put(w, b"{\"type\":\"FeatureCollection\",\"features\":[\n")?;
    for (i, k) in kommuner.iter().enumerate() {
        let geometry = shapes
            .get(k.kod.as_str())
            .ok_or_else(|| format!("{}: no boundary for kommun {}", crate::geo::KOMMUNER_FILE, k.kod))?;
        let c = coverage(&orgs, k);
        let feature = FeatureOut {
            typ: "Feature",
            properties: GeoProperties {
                kod: &k.kod,
                namn: &k.namn,
                lan: lan_name(site, k),
                po_lage: key(k.po),
                driftsform: c.driftsformer,
                organisationer: c.ids,
                dmo_status: key(k.dmo),
                url: kommun_url(site, k),
                folkmangd: k.folkmangd,
                folkmangd_ar: site.befolkning.as_ref().filter(|_| k.folkmangd.is_some()).map(|b| b.ar),
            },
            geometry,
        };
        crate::text::write_json_without_markup(w, &feature, false).map_err(|e| format!("{KOMMUNER_GEOJSON}: {e}"))?;
        put(w, if i + 1 < kommuner.len() { b",\n" } else { b"\n" })?;
    }
    put(w, b"]}\n")
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_are_neutralised() {
        for evil in ["=HYPERLINK(\"http://x\")", "+46 8 123", "-1+1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(super::not_a_formula(evil), format!("'{evil}"));
        }
        assert_eq!(super::not_a_formula("Borlänge"), "Borlänge");
        assert_eq!(super::not_a_formula(""), "");
    }

    use super::*;

    #[test]
    fn whole_numbers_have_no_fraction() {
        assert_eq!(json_number(7.0).map(|n| n.to_string()), Some("7".to_string()));
        assert_eq!(json_number(6.5).map(|n| n.to_string()), Some("6.5".to_string()));
        assert_eq!(json_number(f64::NAN), None);
    }

    #[test]
    fn geojson_properties_are_documented_in_order() {
        let json = serde_json::to_string(&GeoProperties {
            kod: "",
            namn: "",
            lan: "",
            po_lage: String::new(),
            driftsform: String::new(),
            organisationer: String::new(),
            dmo_status: String::new(),
            url: String::new(),
            folkmangd: None,
            folkmangd_ar: None,
        })
        .unwrap_or_default();
        let mut at = 0;
        for field in GEOJSON_FIELDS {
            let needle = format!("\"{}\":", field.namn);
            let found = json[at..].find(&needle).map(|i| i + at);
            assert!(found.is_some(), "{} missing or out of order in {json}", field.namn);
            at = found.unwrap_or(at);
        }
    }
}
