//! The shapes of the data files, exactly as maintainers write them (keys in Swedish).
//!
//! Every field that a later check may point at is wrapped in [`S`], so that problems can
//! be reported with the line and column of the offending value. Unknown keys are
//! rejected. The same types generate the JSON Schemas in `data/schema/` (see
//! [`crate::schema`]); their `description`s are in Swedish because editors show them to
//! maintainers.

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

/// A value with the line and column (1-based, in characters) it was written at.
#[derive(Debug, Clone)]
pub struct S<T> {
    pub value: T,
    pub line: u64,
    pub col: u64,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for S<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<T>::deserialize(deserializer)?;
        Ok(S { value: spanned.value, line: spanned.referenced.line(), col: spanned.referenced.column() })
    }
}

/// In the schema a spanned value is just the value.
impl<T: JsonSchema> JsonSchema for S<T> {
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
}

/// `data/site.yaml`
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Webbplatsens inställningar (data/site.yaml)",
    description = "Webbplatsens inställningar (data/site.yaml)"
)]
pub struct SiteFile {
    #[schemars(description = "Webbplatsens namn, visas i sidhuvudet och i fliken.")]
    pub titel: String,
    #[schemars(description = "Adressen webbplatsen publiceras på, t.ex. https://exempel.se. Används i sitemap.xml.")]
    pub bas_url: S<String>,
    #[schemars(description = "Språkkod, sv.")]
    pub sprak: String,
    #[schemars(description = "Uppgifter äldre än så här många år märks som möjligen inaktuella.")]
    pub aldersgrans_ar: S<u32>,
    #[serde(default)]
    #[schemars(
        description = "Adressmall för \"Föreslå en ändring\": {fil} ersätts med filens sökväg, t.ex. https://github.com/ORG/REPO/edit/main/{fil}. Utan mallen visas ingen sådan länk."
    )]
    pub redigera_url: Option<S<String>>,
    #[serde(default)]
    #[schemars(
        description = "Adressmall för \"Rapportera ett fel\": {titel} och {text} ersätts med sidans namn och en text med sidans adress och filer, t.ex. https://github.com/ORG/REPO/issues/new?title={titel}&body={text}."
    )]
    pub felrapport_url: Option<S<String>>,
    #[serde(default)]
    #[schemars(
        description = "Vem som ger ut katalogen. Används i DCAT-AP-SE-katalogen /data/katalog.jsonld som Sveriges dataportal skördar. Utan den står webbplatsens titel som utgivare."
    )]
    pub utgivare: Option<Utgivare>,
    #[serde(default)]
    #[schemars(
        description = "Licensen för de öppna data som katalogen publicerar under /data/: cc0-1.0 eller cc-by-4.0. Utan den anger katalogen ingen licens."
    )]
    pub licens: Option<S<Licens>>,
}

/// Who publishes the directory, for the open-data catalogue.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Utgivare")]
#[schemars(description = "Organisationen som ger ut katalogen.")]
pub struct Utgivare {
    #[schemars(description = "Organisationens namn.")]
    pub namn: S<String>,
    #[serde(default)]
    #[schemars(
        description = "Vad för slags organisation det är, enligt EU:s lista (ADMS): myndighet, region, kommun, ideell-organisation, frivilligorganisation, foretag, akademi eller privatperson."
    )]
    pub typ: Option<UtgivarTyp>,
    #[serde(default)]
    #[schemars(
        description = "E-postadress dit frågor om de öppna data kan skickas, gärna en funktionsadress. Blir kontaktpunkt i DCAT-AP-SE-katalogen."
    )]
    pub epost: Option<S<String>>,
}

/// The kinds of publisher DCAT-AP-SE lets a catalogue name (ADMS publisher types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(
    description = "myndighet, region, kommun, ideell-organisation, frivilligorganisation, foretag, akademi eller privatperson."
)]
pub enum UtgivarTyp {
    Myndighet,
    Region,
    Kommun,
    IdeellOrganisation,
    Frivilligorganisation,
    Foretag,
    Akademi,
    Privatperson,
}

/// The licences Katalog can declare for its open data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(description = "cc0-1.0 (Creative Commons Zero) eller cc-by-4.0 (Creative Commons Erkännande 4.0).")]
pub enum Licens {
    #[serde(rename = "cc0-1.0")]
    Cc0,
    #[serde(rename = "cc-by-4.0")]
    CcBy4,
}

/// `data/register.yaml`, generated by tools/register.py.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "SCB:s kommunregister (data/register.yaml, skapas av tools/register.py)",
    description = "SCB:s kommunregister (data/register.yaml, skapas av tools/register.py)"
)]
pub struct RegisterFile {
    #[schemars(description = "Källans id i kallor.yaml.")]
    pub kalla: S<String>,
    #[schemars(description = "Alla kommuner med kod och namn enligt SCB.")]
    pub kommuner: Vec<RegisterEntry>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Kod och namn")]
#[schemars(description = "Kod och namn enligt SCB.")]
pub struct RegisterEntry {
    #[schemars(description = "Kod enligt SCB, inom citattecken: fyra siffror för kommuner, två för län.")]
    pub kod: S<String>,
    #[schemars(description = "Namnet enligt SCB.")]
    pub namn: String,
}

/// `data/befolkning.yaml`, generated by tools/befolkning.py from SCB's population figures.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Folkmängd per kommun (data/befolkning.yaml, skapas av tools/befolkning.py)",
    description = "Folkmängd per kommun (data/befolkning.yaml, skapas av tools/befolkning.py)"
)]
pub struct BefolkningFile {
    #[schemars(description = "Källans id i kallor.yaml, t.ex. scb-folkmangd-2024.")]
    pub kalla: S<String>,
    #[schemars(description = "Dagen som folkmängden gäller, ÅÅÅÅ-MM-DD, t.ex. \"2024-12-31\".")]
    pub datum: S<String>,
    #[schemars(description = "Varje kommun i registret precis en gång, med sin folkmängd.")]
    pub kommuner: Vec<Folkmangd>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Folkmängd i en kommun")]
#[schemars(description = "En kommuns kod och folkmängd.")]
pub struct Folkmangd {
    #[schemars(description = "Kommunkod enligt SCB, fyra siffror inom citattecken.")]
    pub kod: S<String>,
    #[schemars(description = "Antal folkbokförda i kommunen den dag datum anger: ett positivt heltal.")]
    #[schemars(range(min = 1))]
    pub folkmangd: S<i64>,
}

/// `data/lan.yaml`, generated by tools/register.py.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Sveriges län (data/lan.yaml, skapas av tools/register.py)",
    description = "Sveriges län (data/lan.yaml, skapas av tools/register.py)"
)]
pub struct LanFile {
    #[schemars(description = "Källans id i kallor.yaml.")]
    pub kalla: S<String>,
    #[schemars(description = "Alla län med kod och namn enligt SCB.")]
    pub lan: Vec<RegisterEntry>,
}

/// `data/kallor.yaml`
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Källor (data/kallor.yaml)", description = "Källor (data/kallor.yaml)")]
pub struct KallorFile {
    #[schemars(description = "Varje dokument som katalogens uppgifter kommer från.")]
    pub kallor: Vec<KallaRecord>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Källa")]
#[schemars(description = "Ett källdokument.")]
pub struct KallaRecord {
    #[schemars(
        description = "Unikt id med a–z, 0–9 och bindestreck, t.ex. serus-jamtland-2012. Används i kalla/kallor."
    )]
    pub id: S<String>,
    #[schemars(description = "Dokumentets titel.")]
    pub titel: String,
    #[schemars(description = "Vem som gav ut dokumentet.")]
    pub utgivare: String,
    #[serde(default)]
    #[schemars(
        description = "Källans eget datum: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD (för en webbsida det datum sidan själv anger). Utelämnas bara med odaterad: true."
    )]
    pub datum: Option<S<String>>,
    #[serde(default)]
    #[schemars(
        description = "true när källan inte anger något datum. Då gissas inget datum; ange i stället tidigast om något på sidan begränsar hur gammal den kan vara."
    )]
    pub odaterad: Option<S<bool>>,
    #[serde(default)]
    #[schemars(
        description = "För en odaterad källa: det tidigaste datum den kan vara från, t.ex. en händelse den beskriver (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD). Förklara i datering vad det bygger på."
    )]
    pub tidigast: Option<S<String>>,
    #[serde(default)]
    #[schemars(description = "Förklaring av datumet: var det står, eller vad tidigast bygger på. Krävs med tidigast.")]
    pub datering: Option<String>,
    #[serde(default)]
    #[schemars(description = "Källans webbadress, bara om källan själv anger den.")]
    pub url: Option<S<String>>,
    #[serde(default)]
    #[schemars(description = "För en webbsida: när sidan lästes (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD). Kräver url.")]
    pub sedd: Option<S<String>>,
    #[schemars(description = "En eller två meningar: vad källan är och vilka uppgifter den ger.")]
    pub beskrivning: String,
}

/// `data/kommuner/<kod>-<slug>.yaml`
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "En kommun (data/kommuner/KOD-namn.yaml)", description = "En kommun (data/kommuner/KOD-namn.yaml)")]
pub struct KommunFile {
    #[schemars(description = "Kommunkod enligt SCB, fyra siffror inom citattecken, t.ex. \"2081\".")]
    pub kod: S<String>,
    #[schemars(description = "Kommunens namn exakt som i SCB:s register.")]
    pub namn: S<String>,
    #[serde(default)]
    #[schemars(description = "Kommunens webbplats, bara om en källa anger den.")]
    pub webbplats: Option<S<String>>,
    #[serde(default)]
    #[schemars(
        description = "Andra namn eller stavningar som källorna använder, t.ex. \"Malung\" för Malung-Sälen. Sökningen hittar dem och gamla adresser leder rätt."
    )]
    pub andra_namn: Vec<AnnatNamn>,
    #[serde(default)]
    #[schemars(
        description = "Vad en källa säger om personligt ombud i kommunen när ingen verksamhet i data/po/ täcker den."
    )]
    pub po: Option<KommunPo>,
    #[serde(default)]
    #[schemars(description = "Vad en källa säger om Delaktighetsmodellen i kommunen.")]
    pub dmo: Option<KommunDmo>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Annat namn", description = "Ett namn eller en stavning som en källa använder.")]
pub struct AnnatNamn {
    #[schemars(description = "Namnet som källan skriver det.")]
    pub namn: S<String>,
    #[schemars(description = "Källans id.")]
    pub kalla: S<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "po (i en kommunfil)")]
#[schemars(description = "Personligt ombud i kommunen enligt en källa.")]
pub struct KommunPo {
    #[serde(default)]
    #[schemars(
        description = "saknas: en källa säger att kommunen saknar personligt ombud. osaker: en källa säger att det är osäkert. Utelämnas när en verksamhet i data/po/ täcker kommunen."
    )]
    pub status: Option<S<PoStatus>>,
    #[serde(default)]
    #[schemars(description = "Källornas id. Krävs när status anges.")]
    pub kallor: Vec<S<String>>,
    #[serde(default)]
    #[schemars(description = "Förklaring med egna ord, t.ex. hur källan stavar namnet.")]
    pub anmarkning: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "Daterade uppgifter om personligt ombud i kommunen, en per källa. Den nyaste uppgiften avgör svaret; äldre som säger annat visas som historik."
    )]
    pub uppgifter: Vec<PoUppgift>,
    #[serde(default)]
    #[schemars(
        description = "Hur man når personligt ombud för kommunens invånare, när en källa anger det för just kommunen."
    )]
    pub kontakt: Option<Kontakt>,
}

/// One dated statement from one source about PO in a kommun.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Uppgift om personligt ombud")]
#[schemars(description = "Vad en källa säger om personligt ombud i kommunen.")]
pub struct PoUppgift {
    #[schemars(description = "har-po, saknas eller osaker.")]
    pub status: S<Besked>,
    #[schemars(description = "Källans id.")]
    pub kalla: S<String>,
    #[serde(default)]
    #[schemars(
        description = "När uppgiften gäller från, om källan säger det (t.ex. att verksamheten lades ned 2019): ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD. Annars gäller källans datum."
    )]
    pub datum: Option<S<String>>,
    #[serde(default)]
    #[schemars(description = "Vad källan säger, med egna ord.")]
    pub anmarkning: Option<String>,
}

/// What one source says about PO in a kommun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(description = "har-po, saknas eller osaker.")]
pub enum Besked {
    HarPo,
    Saknas,
    Osaker,
}

/// What a source says about a kommun that no organisation covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "saknas eller osaker.")]
pub enum PoStatus {
    Saknas,
    Osaker,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "dmo (i en kommunfil)")]
#[schemars(description = "Delaktighetsmodellen i kommunen enligt en källa.")]
pub struct KommunDmo {
    #[schemars(
        description = "aktiv, regelbunden (mer eller mindre regelbundet), vilande (inte använt de senaste åren), startar eller okand."
    )]
    pub status: S<DmoStatus>,
    #[serde(default)]
    #[schemars(description = "Källornas id. Krävs utom för okand.")]
    pub kallor: Vec<S<String>>,
    #[serde(default)]
    #[schemars(description = "Vad källan säger, med egna ord.")]
    pub anmarkning: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "aktiv, regelbunden, vilande, startar eller okand.")]
pub enum DmoStatus {
    Aktiv,
    Regelbunden,
    Vilande,
    Startar,
    Okand,
}

/// `data/po/<id>.yaml`: one PO organisation, the single place its membership is stated.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "En verksamhet med personligt ombud (data/po/ID.yaml)",
    description = "En verksamhet med personligt ombud (data/po/ID.yaml)"
)]
pub struct PoFile {
    #[schemars(description = "Samma som filnamnet utan .yaml; a–z, 0–9 och bindestreck.")]
    pub id: S<String>,
    #[schemars(description = "Verksamhetens namn.")]
    pub namn: S<String>,
    #[schemars(description = "egen-regi, samverkan, kommunalforbund eller entreprenad.")]
    pub driftsform: S<Driftsform>,
    #[serde(default)]
    #[schemars(description = "Kommunkod för värdkommunen (arbetsgivaren), om en källa anger den. Måste vara medlem.")]
    pub vardkommun: Option<S<String>>,
    #[serde(default)]
    #[schemars(description = "Arbetsgivare eller ägare när det inte är en kommun, t.ex. Lapplands kommunalförbund.")]
    pub huvudman: Option<String>,
    #[serde(default)]
    #[schemars(description = "Id för en fil i data/utforare/. Krävs vid entreprenad, annars inte tillåtet.")]
    pub utforare: Option<S<String>>,
    #[schemars(description = "Medlemskommunernas koder. Det enda stället där medlemskap anges.")]
    pub kommuner: S<Vec<S<String>>>,
    #[serde(default)]
    #[schemars(description = "Uppgifter om enskilda medlemskommuner.")]
    pub kommunuppgifter: Vec<KommunUppgift>,
    #[serde(default)]
    #[schemars(description = "Startår, med källa.")]
    pub sedan: Option<Uppgift<u32>>,
    #[serde(default)]
    #[schemars(description = "Antal personliga ombud (personer), med källa.")]
    pub ombud: Option<Uppgift<f64>>,
    #[serde(default)]
    #[schemars(description = "Antal årsarbetare, med källa.")]
    pub arsarbetare: Option<Uppgift<f64>>,
    #[serde(default)]
    #[schemars(description = "Hur man når verksamheten. Bara uppgifter som en källa anger.")]
    pub kontakt: Option<Kontakt>,
    #[serde(default)]
    #[schemars(description = "Andra uppgifter, var och en en kort mening med källa.")]
    pub fakta: Vec<Faktum>,
    #[serde(default)]
    #[schemars(description = "Statistik per år, för hela verksamheten eller en medlemskommun.")]
    pub statistik: Vec<StatistikRad>,
    #[serde(default)]
    #[schemars(description = "Allmän anmärkning, t.ex. om en tolkning.")]
    pub anmarkning: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "Vilka medlemmar varje källa nämner, när källorna nämner olika kommuner. Då dateras en kommuns medlemskap bara av de källor som nämner den; annars av filens nyaste källa."
    )]
    pub kommuner_enligt: Vec<KommunerEnligt>,
    #[serde(default)]
    #[schemars(description = "Kommuner som har lämnat verksamheten, med datum och källa.")]
    pub tidigare: Vec<TidigareMedlem>,
    #[serde(default)]
    #[schemars(description = "När verksamheten upphörde, med källa. Då räknas alla kommuner som tidigare medlemmar.")]
    pub slut: Option<Slut>,
    #[schemars(
        description = "Alla källor som filen bygger på. Den nyaste av dem daterar uppgiften att medlemskommunerna har personligt ombud."
    )]
    pub kallor: S<Vec<S<String>>>,
    #[serde(default)]
    #[schemars(
        description = "Äldre fält, ersatt av källornas egna datum: datum för den nyaste uppgiften i filen (ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD)."
    )]
    pub uppdaterad: Option<S<String>>,
}

/// The members one source names.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Medlemmar enligt en källa")]
#[schemars(description = "De medlemskommuner som en källa nämner.")]
pub struct KommunerEnligt {
    #[schemars(description = "Källans id.")]
    pub kalla: S<String>,
    #[schemars(description = "Kommunkoderna källan nämner som medlemmar.")]
    pub kommuner: Vec<S<String>>,
}

/// A kommun that left an organisation.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Tidigare medlem")]
#[schemars(description = "En kommun som har lämnat verksamheten.")]
pub struct TidigareMedlem {
    #[schemars(description = "Kommunkod.")]
    pub kommun: S<String>,
    #[serde(default)]
    #[schemars(description = "När kommunen kom med, om källan säger det.")]
    pub fran: Option<S<String>>,
    #[schemars(description = "Första dagen (eller månaden, året) kommunen inte längre var med.")]
    pub till: S<String>,
    #[schemars(description = "Källans id.")]
    pub kalla: S<String>,
    #[serde(default)]
    #[schemars(description = "Anmärkning med egna ord.")]
    pub anmarkning: Option<String>,
}

/// When an organisation ended.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Slut")]
#[schemars(description = "När verksamheten upphörde.")]
pub struct Slut {
    #[schemars(description = "ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.")]
    pub datum: S<String>,
    #[schemars(description = "Källans id.")]
    pub kalla: S<String>,
    #[serde(default)]
    #[schemars(description = "Vad källan säger, med egna ord.")]
    pub anmarkning: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[schemars(description = "egen-regi, samverkan, kommunalforbund eller entreprenad.")]
pub enum Driftsform {
    EgenRegi,
    Samverkan,
    Kommunalforbund,
    Entreprenad,
}

/// How a source qualifies a number: "ca 90", "drygt 130", "minst 150".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "Hur källan anger ett ungefärligt tal: ca, drygt eller minst.")]
pub enum Ungefar {
    Ca,
    Drygt,
    Minst,
}

/// A number with its own source.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Uppgift (tal med källa)")]
#[schemars(description = "Ett tal med egen källa.")]
pub struct Uppgift<T> {
    #[schemars(description = "Talet.")]
    pub varde: S<T>,
    #[schemars(description = "Källans id.")]
    pub kalla: S<String>,
    #[serde(default)]
    #[schemars(description = "ca, drygt eller minst, om källan anger talet ungefärligt.")]
    pub ungefar: Option<Ungefar>,
    #[serde(default)]
    #[schemars(description = "Tolkning eller förbehåll.")]
    pub anmarkning: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Kommunuppgift")]
#[schemars(description = "Uppgift om en medlemskommun.")]
pub struct KommunUppgift {
    #[schemars(description = "Medlemskommunens kod.")]
    pub kommun: S<String>,
    #[serde(default)]
    #[schemars(description = "Året kommunen kom med.")]
    pub sedan: Option<u32>,
    #[serde(default)]
    #[schemars(description = "Dagen (eller månaden) kommunen kom med, om källan anger den: ÅÅÅÅ-MM-DD.")]
    pub fran: Option<S<String>>,
    #[serde(default)]
    #[schemars(description = "Antal tjänster för kommunen.")]
    pub tjanster: Option<f64>,
    #[serde(default)]
    #[schemars(description = "Anmärkning, t.ex. hur källan stavar namnet.")]
    pub anmarkning: Option<String>,
    #[schemars(description = "Källans id.")]
    pub kalla: S<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Kontakt")]
#[schemars(description = "Kontaktuppgifter med källa.")]
pub struct Kontakt {
    #[serde(default)]
    #[schemars(description = "Webbadress som börjar med https://.")]
    pub webb: Option<S<String>>,
    #[serde(default)]
    #[schemars(description = "Telefonnummer, t.ex. 0243-123 45 eller +46 243 123 45. Aldrig gissat.")]
    pub telefon: Option<S<String>>,
    #[serde(default)]
    #[schemars(description = "E-postadress. Aldrig gissad.")]
    pub epost: Option<S<String>>,
    #[serde(default)]
    #[schemars(description = "Gatuadress, bara om en källa anger den.")]
    pub adress: Option<String>,
    #[serde(default)]
    #[schemars(description = "Var verksamheten finns, i ord.")]
    pub plats: Option<String>,
    #[serde(default)]
    #[schemars(description = "När och hur man når verksamheten.")]
    pub tillganglighet: Option<String>,
    #[schemars(description = "Källans id för kontaktuppgifterna.")]
    pub kalla: S<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Faktum")]
#[schemars(description = "En uppgift med källa.")]
pub struct Faktum {
    #[schemars(description = "En kort svensk mening med egna ord.")]
    pub text: String,
    #[schemars(description = "Källans id.")]
    pub kalla: S<String>,
}

/// One row of statistics: a year (and optionally one member kommun) with any of the measures.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Statistikrad")]
#[schemars(description = "En rad statistik: ett år (och ev. en kommun) med de tal källan anger.")]
pub struct StatistikRad {
    #[schemars(description = "Året siffrorna gäller.")]
    pub ar: S<u32>,
    #[serde(default)]
    #[schemars(description = "Medlemskommunens kod, om raden gäller en kommun.")]
    pub kommun: Option<S<String>>,
    #[serde(default)]
    #[schemars(description = "ca, drygt eller minst, om radens tal är ungefärliga.")]
    pub ungefar: Option<Ungefar>,
    #[schemars(description = "Källans id.")]
    pub kalla: S<String>,
    #[serde(default)]
    #[schemars(description = "Anmärkning till raden.")]
    pub anmarkning: Option<String>,
    // The measures, inline rather than `#[serde(flatten)]`: flatten would lose the spans above.
    #[serde(default)]
    #[schemars(description = "Klienter som fått stöd under året.")]
    pub klienter: Option<u32>,
    #[serde(default)]
    #[schemars(description = "Aktuella klienter vid årets slut.")]
    pub aktuella: Option<u32>,
    #[serde(default)]
    #[schemars(description = "Nya (uppstartade) klienter under året.")]
    pub startade: Option<u32>,
    #[serde(default)]
    #[schemars(description = "Avslutade klienter under året.")]
    pub avslutade: Option<u32>,
    #[serde(default)]
    #[schemars(description = "Hänvisade ärenden.")]
    pub hanvisade: Option<u32>,
    #[serde(default)]
    #[schemars(description = "Personer i kö vid årets slut.")]
    pub i_ko: Option<u32>,
    #[serde(default)]
    #[schemars(description = "Antal uppdrag.")]
    pub uppdrag: Option<u32>,
    #[serde(default)]
    #[schemars(description = "Antal orienteringsbesök.")]
    pub orienteringsbesok: Option<u32>,
    #[serde(default)]
    #[schemars(description = "Antal rådgivningssamtal.")]
    pub radgivningssamtal: Option<u32>,
    #[serde(default)]
    #[schemars(description = "Ärenden sedan verksamheten startade, räknat till och med året.")]
    pub arenden_sedan_start: Option<u32>,
}

/// `data/utforare/<id>.yaml`
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "En utförare (data/utforare/ID.yaml)", description = "En utförare (data/utforare/ID.yaml)")]
pub struct UtforareFile {
    #[schemars(description = "Samma som filnamnet utan .yaml.")]
    pub id: S<String>,
    #[schemars(description = "Utförarens namn.")]
    pub namn: S<String>,
    #[serde(default)]
    #[schemars(description = "Typ av organisation, bara som källan säger, t.ex. ideell förening.")]
    pub typ: Option<String>,
    #[schemars(description = "Kort beskrivning utifrån källorna.")]
    pub beskrivning: String,
    #[serde(default)]
    #[schemars(description = "Id för andra utförare som driver denna.")]
    pub drivs_av: Vec<S<String>>,
    #[schemars(description = "po och/eller dmo.")]
    pub verksamhet: Vec<Verksamhet>,
    #[schemars(description = "Källornas id.")]
    pub kallor: S<Vec<S<String>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "po (personligt ombud) eller dmo (Delaktighetsmodellen).")]
pub enum Verksamhet {
    Po,
    Dmo,
}

/// `data/konflikter.yaml`: where the sources disagree, repeat or misspell.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Motsägelser i källorna (data/konflikter.yaml)",
    description = "Motsägelser i källorna (data/konflikter.yaml)"
)]
pub struct KonflikterFile {
    #[schemars(description = "Ställen där källorna säger emot varandra, upprepar sig eller stavar fel.")]
    pub konflikter: Vec<KonfliktRecord>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Konflikt")]
#[schemars(description = "Ett ställe där källorna säger emot varandra, upprepar sig eller stavar fel.")]
pub struct KonfliktRecord {
    #[schemars(description = "Unikt id med a–z, 0–9 och bindestreck.")]
    pub id: S<String>,
    #[schemars(description = "motsagelse, dubblett eller stavning.")]
    pub typ: KonfliktTyp,
    #[schemars(description = "Vad källorna säger, med egna ord. Visas på de berörda sidorna.")]
    pub beskrivning: String,
    #[schemars(description = "Källornas id.")]
    pub kallor: S<Vec<S<String>>>,
    #[serde(default)]
    #[schemars(
        description = "Berörda kommuners koder. En kommun som står här får finnas i två verksamheter eller ha egen status trots medlemskap."
    )]
    pub kommuner: Vec<S<String>>,
    #[serde(default)]
    #[schemars(description = "Berörda verksamheters id.")]
    pub organisationer: Vec<S<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(description = "motsagelse, dubblett eller stavning.")]
pub enum KonfliktTyp {
    Motsagelse,
    Dubblett,
    Stavning,
}

/// `data/nyckeltal.yaml`: national figures.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Nationella siffror (data/nyckeltal.yaml)",
    description = "Nationella siffror (data/nyckeltal.yaml)"
)]
pub struct NyckeltalFile {
    #[schemars(description = "Siffror om hela landet, var och en med källa.")]
    pub nyckeltal: Vec<NyckeltalRecord>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Nyckeltal")]
#[schemars(description = "En nationell siffra med källa.")]
pub struct NyckeltalRecord {
    #[schemars(description = "Unikt id med a–z, 0–9 och bindestreck.")]
    pub id: S<String>,
    #[schemars(description = "po eller dmo.")]
    pub amne: Verksamhet,
    #[schemars(description = "Vad siffran gäller, som en kort mening.")]
    pub text: String,
    #[schemars(description = "Siffran.")]
    pub varde: f64,
    #[serde(default)]
    #[schemars(description = "ca, drygt eller minst, om källan anger siffran ungefärligt.")]
    pub ungefar: Option<Ungefar>,
    #[schemars(description = "Källans id.")]
    pub kalla: S<String>,
    #[serde(default)]
    #[schemars(description = "Anmärkning.")]
    pub anmarkning: Option<String>,
}

/// Front matter of `content/**/*.md`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Inledningen (front matter) i en innehållssida (content/**/*.md)",
    description = "Inledningen (front matter) i en innehållssida (content/**/*.md)"
)]
pub struct FrontMatter {
    #[schemars(description = "Sidans rubrik.")]
    pub titel: String,
    #[schemars(description = "En mening som sammanfattar sidan.")]
    pub beskrivning: String,
    #[serde(default)]
    #[schemars(description = "Sidans plats i listan över sidor; lägre först.")]
    pub ordning: i32,
    #[serde(default)]
    #[schemars(description = "Källor som sidan bygger på.")]
    pub kallor: Vec<S<String>>,
    #[serde(default)]
    #[schemars(
        description = "Hur sidan visas: sida (vanlig sida), lista (listar sidorna i samma mapp), kalender (listar händelserna i samma mapp), driftsformer (med jämförelsetabellen) eller dmo (med enkätsiffror och karta)."
    )]
    pub mall: Option<S<Mall>>,
    #[serde(default)]
    #[schemars(description = "För händelser i content/kalender/: dagen den äger rum, ÅÅÅÅ-MM-DD.")]
    pub datum: Option<S<String>>,
    #[serde(default)]
    #[schemars(description = "För händelser som pågår flera dagar: sista dagen, ÅÅÅÅ-MM-DD.")]
    pub slut: Option<S<String>>,
    #[serde(default)]
    #[schemars(description = "För händelser: var den äger rum, om källan säger det.")]
    pub plats: Option<String>,
    #[serde(default)]
    #[schemars(description = "För händelser: vem som ordnar den.")]
    pub arrangor: Option<String>,
}

impl FrontMatter {
    /// Moves every position down by `lines`: front matter is parsed on its own, but
    /// maintainers count lines from the top of the Markdown file.
    pub fn shift_lines(&mut self, lines: u64) {
        for s in &mut self.kallor {
            s.line += lines;
        }
        if let Some(m) = &mut self.mall {
            m.line += lines;
        }
        for d in [&mut self.datum, &mut self.slut].into_iter().flatten() {
            d.line += lines;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(description = "sida, lista, kalender, driftsformer eller dmo.")]
#[serde(rename_all = "lowercase")]
pub enum Mall {
    #[default]
    Sida,
    Lista,
    Kalender,
    Driftsformer,
    Dmo,
}
