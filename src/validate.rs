//! Stage 2: check the loaded records against each other and against the register.
//!
//! Every problem becomes a diagnostic; nothing stops early. The model stage only runs
//! when this found no errors, so it may rely on every reference resolving.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::datum::Datum;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::{Loaded, Sourced};
use crate::records::*;
use crate::slug::{is_slug, slugify};

pub fn validate(loaded: &Loaded) -> Diagnostics {
    let mut c = Checker::new(loaded);
    c.site();
    c.register_and_lan();
    c.befolkning();
    c.kallor();
    c.kommuner();
    c.utforare();
    c.organisations();
    c.konflikter();
    c.nyckeltal();
    c.pages();
    c.geo();
    c.diags
}

/// The sets every reference is checked against, and the diagnostics found so far.
struct Checker<'a> {
    loaded: &'a Loaded,
    diags: Diagnostics,
    /// kommun code → name, from the register.
    register: BTreeMap<&'a str, &'a str>,
    sources: BTreeSet<&'a str>,
    utforare: BTreeSet<&'a str>,
    organisations: BTreeSet<&'a str>,
    /// Whether the files defining sources and kommuner parsed: if not, references to
    /// them are not reported again.
    sources_known: bool,
    register_known: bool,
}

impl<'a> Checker<'a> {
    fn new(loaded: &'a Loaded) -> Self {
        let register = loaded
            .register
            .iter()
            .flat_map(|r| r.record.kommuner.iter())
            .map(|k| (k.kod.value.as_str(), k.namn.as_str()))
            .collect();
        let sources = loaded.kallor.iter().flat_map(|k| k.record.kallor.iter()).map(|k| k.id.value.as_str()).collect();
        let utforare = loaded.utforare.iter().map(|u| u.record.id.value.as_str()).collect();
        let organisations = loaded.po.iter().map(|p| p.record.id.value.as_str()).collect();
        let parsed = |rel: &str| !loaded.failed.contains(Path::new(rel));
        Checker {
            loaded,
            diags: Diagnostics::default(),
            register,
            sources,
            utforare,
            organisations,
            sources_known: parsed("data/kallor.yaml"),
            register_known: parsed("data/register.yaml"),
        }
    }

    fn error<T>(&mut self, file: &Path, at: &S<T>, message: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::error(file, message).at(at.line, at.col);
        self.diags.push_mut(d)
    }

    fn site(&mut self) {
        let Some(site) = &self.loaded.site else {
            return;
        };
        let f = &site.path;
        if let Err(m) = normalise_base_url(&site.record.bas_url.value) {
            self.error(f, &site.record.bas_url, m).hint =
                Some("write the address the site is published at, e.g. https://exempel.se".into());
        }
        for (template, needs) in
            [(&site.record.redigera_url, &["{fil}"][..]), (&site.record.felrapport_url, &["{titel}", "{text}"][..])]
        {
            if let Some(t) = template
                && let Err(m) = crate::feedback::check_template(&t.value, needs)
            {
                self.error(f, t, m);
            }
        }
        if let Some(e) = site.record.utgivare.as_ref().and_then(|u| u.epost.as_ref())
            && !email_address::EmailAddress::is_valid(&e.value)
        {
            self.error(f, e, format!("\"{}\" is not an e-mail address", e.value)).hint =
                Some("write it as namn@exempel.se".into());
        }
        if let Some(u) = &site.record.utgivare {
            self.not_empty(f, &u.namn, "namn");
        }
        // What Sveriges dataportal needs and only the publisher can say: never guessed.
        if site.record.utgivare.as_ref().is_none_or(|u| u.typ.is_none()) {
            self.diags.push(
                Diagnostic::warning(f, "no utgivare with namn and typ: data/katalog.jsonld lacks the publisher's type, which DCAT-AP-SE requires")
                    .hint("add utgivare: { namn: \"…\", typ: …, epost: \"…\" } as the publisher states them (see data/README.md)"),
            );
        }
        if site.record.licens.is_none() {
            self.diags.push(
                Diagnostic::warning(
                    f,
                    "no licens: the open data name no licence, and DCAT-AP-SE requires one for the catalogue",
                )
                .hint("add licens: cc0-1.0 or licens: cc-by-4.0 once the publisher has chosen"),
            );
        }
        let years = &site.record.aldersgrans_ar;
        if !(1..=50).contains(&years.value) {
            self.error(f, years, "aldersgrans_ar must be between 1 and 50 years");
        }
    }

    fn register_and_lan(&mut self) {
        let loaded = self.loaded;
        let mut lan_codes = BTreeSet::new();
        if let Some(lan) = &loaded.lan {
            self.source_ref(&lan.path, &lan.record.kalla);
            for l in &lan.record.lan {
                if !(l.kod.value.len() == 2 && l.kod.value.bytes().all(|b| b.is_ascii_digit())) {
                    self.error(&lan.path, &l.kod, format!("län code \"{}\" must be two digits", l.kod.value));
                }
                if !lan_codes.insert(l.kod.value.as_str()) {
                    self.error(&lan.path, &l.kod, format!("län code \"{}\" appears twice", l.kod.value));
                }
            }
        }
        let Some(register) = &loaded.register else {
            return;
        };
        self.source_ref(&register.path, &register.record.kalla);
        let mut seen = BTreeSet::new();
        for k in &register.record.kommuner {
            let code = k.kod.value.as_str();
            if !is_kommun_code(code) {
                self.error(&register.path, &k.kod, format!("kommun code \"{code}\" must be four digits"));
            } else if !lan_codes.contains(&code[..2]) && loaded.lan.is_some() {
                self.error(
                    &register.path,
                    &k.kod,
                    format!("kommun {code} belongs to län {}, which data/lan.yaml lacks", &code[..2]),
                );
            }
            if !seen.insert(code) {
                self.error(&register.path, &k.kod, format!("kommun code \"{code}\" appears twice"));
            }
        }
    }

    /// The population file, like the register: every kommun of the register exactly once,
    /// no other codes, each a positive whole number, from a source, on a real day.
    fn befolkning(&mut self) {
        let loaded = self.loaded;
        let Some(file) = &loaded.befolkning else {
            return;
        };
        let (f, b) = (&file.path, &file.record);
        self.source_ref(f, &b.kalla);
        match Datum::parse(&b.datum.value) {
            Err(m) => {
                self.error(f, &b.datum, m);
            }
            Ok(d) if d.day.is_none() => {
                self.error(f, &b.datum, format!("datum must be a full day, not \"{}\"", b.datum.value)).hint =
                    Some("write the day the figures are counted on, e.g. \"2024-12-31\"".into());
            }
            Ok(_) => {}
        }
        let mut seen: BTreeMap<&str, &S<String>> = BTreeMap::new();
        for k in &b.kommuner {
            let code = k.kod.value.as_str();
            if self.register_known && !self.register.contains_key(code) {
                let hint = self.code_hint(code);
                self.error(f, &k.kod, format!("kommun code \"{code}\" is not in the register")).hint = hint;
            }
            if let Some(first) = seen.insert(code, &k.kod) {
                let line = first.line;
                self.error(f, &k.kod, format!("kommun {code} has a population already (line {line})")).hint =
                    Some("each kommun appears once; regenerate the file with python3 tools/befolkning.py".into());
            }
            if k.folkmangd.value < 1 {
                self.error(
                    f,
                    &k.folkmangd,
                    format!("folkmangd must be a positive whole number, not {}", k.folkmangd.value),
                )
                .hint = Some("write the number of inhabitants SCB gives for the kommun".into());
            }
        }
        if self.register_known && loaded.register.is_some() {
            let missing: Vec<(String, String)> = self
                .register
                .iter()
                .filter(|(code, _)| !seen.contains_key(*code))
                .map(|(c, n)| (c.to_string(), n.to_string()))
                .collect();
            for (code, name) in missing {
                self.diags.push(
                    Diagnostic::error(f, format!("kommun {code} {name} has no population"))
                        .hint("add it with its folkmangd, or regenerate the file with python3 tools/befolkning.py"),
                );
            }
        }
    }

    fn kallor(&mut self) {
        let Some(kallor) = &self.loaded.kallor else {
            return;
        };
        let f = &kallor.path;
        let mut seen = BTreeSet::new();
        for k in &kallor.record.kallor {
            self.id_format(f, &k.id, "source");
            if !seen.insert(k.id.value.as_str()) {
                self.error(f, &k.id, format!("source id \"{}\" appears twice", k.id.value));
            }
            self.source_date(f, k);
            self.optional_url(f, &k.url);
        }
    }

    /// A source has its own date, or says it has none; an earliest date only for an
    /// undated source, explained; a web page (sedd) has an address.
    fn source_date(&mut self, f: &Path, k: &KallaRecord) {
        let undated = k.odaterad.as_ref().is_some_and(|o| o.value);
        match (&k.datum, undated) {
            (Some(d), false) => self.date(f, d),
            (None, true) => {}
            (Some(d), true) => {
                self.error(f, d, "a source cannot have datum and be odaterad").hint =
                    Some("keep datum if the source states its date, otherwise remove it".into());
            }
            (None, false) => {
                self.error(f, &k.id, format!("source \"{}\" has no date", k.id.value)).hint = Some(
                    "add datum: \"ÅÅÅÅ-MM-DD\" as the source states it, or odaterad: true (with tidigast: if something on it bounds its age)"
                        .into(),
                );
            }
        }
        if let Some(t) = &k.tidigast {
            self.date(f, t);
            if !undated {
                self.error(f, t, "tidigast is only for an undated source").hint =
                    Some("add odaterad: true, or remove tidigast".into());
            } else if k.datering.as_deref().is_none_or(|d| d.trim().is_empty()) {
                self.error(f, t, "say what tidigast rests on").hint =
                    Some("add datering: with what on the source bounds its age".into());
            }
        }
        if let Some(seen) = &k.sedd {
            self.date(f, seen);
            if k.url.is_none() {
                self.error(f, seen, "a web page (sedd) needs its address").hint = Some("add url:".into());
            }
        }
    }

    fn kommuner(&mut self) {
        let loaded = self.loaded;
        let mut files_by_code: BTreeMap<&str, &Path> = BTreeMap::new();
        for file in &loaded.kommuner {
            let (f, k) = (&file.path, &file.record);
            let code = k.kod.value.as_str();
            match self.register.get(code) {
                None => {
                    let hint = self.code_hint(code);
                    self.error(f, &k.kod, format!("kommun code \"{code}\" is not in the register")).hint = hint;
                }
                Some(&name) => {
                    if k.namn.value != name {
                        use unicode_normalization::UnicodeNormalization;
                        let hint = if k.namn.value.nfc().eq(name.chars()) {
                            format!("the letters look right but are stored decomposed (NFD); retype \"{name}\"")
                        } else {
                            format!("write namn: \"{name}\" (the name SCB uses)")
                        };
                        self.error(
                            f,
                            &k.namn,
                            format!("name \"{}\" differs from the register's \"{name}\"", k.namn.value),
                        )
                        .hint = Some(hint);
                    }
                    let expected_stem = format!("{code}-{}", slugify(name));
                    if file.stem != expected_stem {
                        self.diags.push(
                            Diagnostic::error(f, format!("file name does not match kommun {code} {name}"))
                                .hint(format!("rename the file to {expected_stem}.yaml")),
                        );
                    }
                }
            }
            if let Some(first) = files_by_code.insert(code, f) {
                self.error(f, &k.kod, format!("kommun {code} already has a file: {}", first.display())).hint =
                    Some("keep one file per kommun and delete the other".into());
            }
            self.optional_url(f, &k.webbplats);
            for other in &k.andra_namn {
                self.source_ref(f, &other.kalla);
                self.not_empty(f, &other.namn, "namn");
            }
            if let Some(po) = &k.po {
                if let Some(status) = &po.status
                    && po.kallor.is_empty()
                {
                    self.error(f, status, "a PO status needs a source").hint =
                        Some("add kallor: [id] with the id of the source in data/kallor.yaml".into());
                }
                self.source_refs(f, &po.kallor);
                for u in &po.uppgifter {
                    self.source_ref(f, &u.kalla);
                    if let Some(d) = &u.datum {
                        self.date(f, d);
                    }
                }
                if let Some(c) = &po.kontakt {
                    self.kontakt(f, c);
                }
            }
            if let Some(dmo) = &k.dmo {
                if dmo.kallor.is_empty() && dmo.status.value != DmoStatus::Okand {
                    self.error(f, &dmo.status, "a DMO status needs a source").hint =
                        Some("add kallor: [id] with the id of the source in data/kallor.yaml".into());
                }
                self.source_refs(f, &dmo.kallor);
            }
        }
        if loaded.register.is_some() {
            let missing: Vec<(String, String)> = self
                .register
                .iter()
                .filter(|(code, _)| !files_by_code.contains_key(*code))
                .filter(|(code, _)| {
                    !loaded.failed.iter().any(|f| {
                        f.starts_with("data/kommuner")
                            && f.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&format!("{code}-")))
                    })
                })
                .map(|(c, n)| (c.to_string(), n.to_string()))
                .collect();
            for (code, name) in missing {
                self.diags.push(Diagnostic::error("data/kommuner", format!("kommun {code} {name} has no file")).hint(
                    format!("create data/kommuner/{code}-{}.yaml, or run python3 tools/register.py", slugify(&name)),
                ));
            }
        }
    }

    fn utforare(&mut self) {
        let loaded = self.loaded;
        let mut seen = BTreeSet::new();
        for file in &loaded.utforare {
            let (f, u) = (&file.path, &file.record);
            self.id_matches_file(file, &u.id, "utförare");
            self.not_empty(f, &u.namn, "namn");
            if !seen.insert(u.id.value.as_str()) {
                self.error(f, &u.id, format!("utförare id \"{}\" appears twice", u.id.value));
            }
            for other in &u.drivs_av {
                if other.value == u.id.value {
                    self.error(f, other, "an utförare cannot run itself");
                } else {
                    self.utforare_ref(f, other);
                }
            }
            self.required_sources(f, &u.kallor);
        }
    }

    fn organisations(&mut self) {
        let loaded = self.loaded;
        let mut seen = BTreeSet::new();
        for file in &loaded.po {
            let (f, o) = (&file.path, &file.record);
            self.id_matches_file(file, &o.id, "organisation");
            self.not_empty(f, &o.namn, "namn");
            if !seen.insert(o.id.value.as_str()) {
                self.error(f, &o.id, format!("organisation id \"{}\" appears twice", o.id.value));
            }
            if o.kommuner.value.is_empty() {
                self.error(f, &o.kommuner, "an organisation needs at least one kommun in kommuner");
            }
            let mut members = BTreeSet::new();
            for k in &o.kommuner.value {
                self.kommun_ref(f, k);
                if !members.insert(k.value.as_str()) {
                    self.error(f, k, format!("kommun \"{}\" is listed twice", k.value));
                }
            }
            if let Some(v) = &o.vardkommun {
                self.kommun_ref(f, v);
                self.member_ref(f, v, &members);
            }
            match (&o.utforare, o.driftsform.value) {
                (Some(u), Driftsform::Entreprenad) => self.utforare_ref(f, u),
                (None, Driftsform::Entreprenad) => {
                    self.error(f, &o.driftsform, "driftsform entreprenad needs an utforare").hint =
                        Some("add utforare: <id> naming a file in data/utforare/".into());
                }
                (Some(u), _) => {
                    self.error(f, u, "utforare is only for driftsform entreprenad").hint =
                        Some("describe other parties in fakta: instead".into());
                }
                (None, _) => {}
            }
            for u in &o.kommunuppgifter {
                self.member_ref(f, &u.kommun, &members);
                self.source_ref(f, &u.kalla);
            }
            if let Some(s) = &o.sedan {
                self.source_ref(f, &s.kalla);
            }
            for n in [&o.ombud, &o.arsarbetare].into_iter().flatten() {
                self.source_ref(f, &n.kalla);
                if !n.varde.value.is_finite() || n.varde.value < 0.0 {
                    self.error(f, &n.varde, "must be a number of zero or more");
                }
            }
            if let Some(k) = &o.kontakt {
                self.kontakt(f, k);
            }
            for fact in &o.fakta {
                self.source_ref(f, &fact.kalla);
            }
            for row in &o.statistik {
                self.source_ref(f, &row.kalla);
                if let Some(k) = &row.kommun {
                    self.member_ref(f, k, &members);
                }
                if !(1990..=2100).contains(&row.ar.value) {
                    self.error(f, &row.ar, format!("{} is not a plausible year", row.ar.value));
                }
            }
            for named in &o.kommuner_enligt {
                self.source_ref(f, &named.kalla);
                for k in &named.kommuner {
                    self.member_ref(f, k, &members);
                }
            }
            self.membership_dates(f, o, &members);
            self.required_sources(f, &o.kallor);
            if let Some(d) = &o.uppdaterad {
                self.date(f, d);
            }
        }
    }

    fn kontakt(&mut self, f: &Path, k: &Kontakt) {
        self.source_ref(f, &k.kalla);
        self.optional_url(f, &k.webb);
        if let Some(e) = &k.epost
            && !email_address::EmailAddress::is_valid(&e.value)
        {
            self.error(f, e, format!("\"{}\" is not an e-mail address", e.value)).hint =
                Some("write it as namn@exempel.se".into());
        }
        if let Some(t) = &k.telefon
            && let Err(m) = check_phone(&t.value)
        {
            self.error(f, t, m).hint = Some("write it as 0243-123 45 or +46 243 123 45".into());
        }
    }

    /// Dated membership: joining, leaving and ending dates are real dates in order, and a
    /// kommun that left is not also listed as a member.
    fn membership_dates(&mut self, f: &Path, o: &PoFile, members: &BTreeSet<&str>) {
        let parse = |d: &S<String>| Datum::parse(&d.value).ok();
        for u in &o.kommunuppgifter {
            if let Some(d) = &u.fran {
                self.date(f, d);
            }
        }
        let mut left = BTreeSet::new();
        for t in &o.tidigare {
            self.kommun_ref(f, &t.kommun);
            self.source_ref(f, &t.kalla);
            self.date(f, &t.till);
            if members.contains(t.kommun.value.as_str()) {
                self.error(
                    f,
                    &t.kommun,
                    format!("kommun \"{}\" is both a member and a former member", t.kommun.value),
                )
                .hint = Some("remove it from kommuner, or remove its tidigare entry".into());
            }
            if !left.insert(t.kommun.value.as_str()) {
                self.error(f, &t.kommun, format!("kommun \"{}\" is listed twice in tidigare", t.kommun.value));
            }
            if let Some(from) = &t.fran {
                self.date(f, from);
                if let (Some(a), Some(b)) = (parse(from), parse(&t.till))
                    && b.last_day() < a.first_day()
                {
                    self.error(f, &t.till, "till is before fran");
                }
            }
        }
        if let Some(slut) = &o.slut {
            self.date(f, &slut.datum);
            self.source_ref(f, &slut.kalla);
            for u in &o.kommunuppgifter {
                if let (Some(from), Some(end)) = (u.fran.as_ref().and_then(parse), parse(&slut.datum))
                    && end.last_day() < from.first_day()
                {
                    self.error(
                        f,
                        &slut.datum,
                        format!("the organisation ended before kommun {} joined", u.kommun.value),
                    );
                }
            }
        }
    }

    fn konflikter(&mut self) {
        let Some(file) = &self.loaded.konflikter else {
            return;
        };
        let f = &file.path;
        let mut seen = BTreeSet::new();
        for k in &file.record.konflikter {
            self.id_format(f, &k.id, "conflict");
            if !seen.insert(k.id.value.as_str()) {
                self.error(f, &k.id, format!("conflict id \"{}\" appears twice", k.id.value));
            }
            self.required_sources(f, &k.kallor);
            for kommun in &k.kommuner {
                self.kommun_ref(f, kommun);
            }
            for org in &k.organisationer {
                self.organisation_ref(f, org);
            }
            // Known conflicts stay visible to maintainers on every run.
            self.diags.push(
                Diagnostic::warning(f, format!("sources disagree ({}): {}", k.id.value, k.beskrivning))
                    .at(k.id.line, k.id.col),
            );
        }
    }

    fn nyckeltal(&mut self) {
        let Some(file) = &self.loaded.nyckeltal else {
            return;
        };
        let f = &file.path;
        let mut seen = BTreeSet::new();
        for n in &file.record.nyckeltal {
            self.id_format(f, &n.id, "figure");
            if !seen.insert(n.id.value.as_str()) {
                self.error(f, &n.id, format!("figure id \"{}\" appears twice", n.id.value));
            }
            self.source_ref(f, &n.kalla);
            if !n.varde.is_finite() {
                self.error(f, &n.id, "varde must be a finite number");
            }
        }
    }

    fn pages(&mut self) {
        let loaded = self.loaded;
        let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
        for page in &loaded.pages {
            let f = &page.path;
            self.source_refs(f, &page.record.front.kallor);
            if page.record.front.titel.trim().is_empty() {
                self.diags.push(Diagnostic::error(f, "titel is empty").at(2, 1));
            }
            let front = &page.record.front;
            for d in [&front.datum, &front.slut].into_iter().flatten() {
                self.date(f, d);
            }
            let is_event = page.record.url_path.starts_with("kalender/");
            // The page and the iCalendar feed show the same events: a feed entry needs a day.
            for d in [&front.datum, &front.slut].into_iter().flatten() {
                if is_event && Datum::parse(&d.value).is_ok_and(|d| d.day.is_none()) {
                    self.error(f, d, format!("a calendar event needs a full date, not \"{}\"", d.value)).hint = Some(
                        "write the day as ÅÅÅÅ-MM-DD; move the page out of content/kalender/ if the day is not known"
                            .into(),
                    );
                }
            }
            if is_event && front.datum.is_none() {
                self.diags.push(
                    Diagnostic::error(f, "a calendar event needs datum")
                        .at(1, 1)
                        .hint("add datum: \"ÅÅÅÅ-MM-DD\" to the front matter"),
                );
            }
            if let (Some(start), Some(end)) = (&front.datum, &front.slut)
                && let (Ok(a), Ok(b)) = (Datum::parse(&start.value), Datum::parse(&end.value))
                && b < a
            {
                self.error(f, end, "slut is before datum");
            }
            if let Some(other) = seen.insert(page.record.url_path.as_str(), f) {
                self.diags.push(Diagnostic::error(f, format!("same address as {}", other.display())));
            }
        }
    }

    /// The boundary files must draw exactly the register's kommuner and län.
    fn geo(&mut self) {
        let loaded = self.loaded;
        let Some(geo) = &loaded.geo else { return };
        let register: BTreeSet<&str> = self.register.keys().copied().collect();
        let lan: BTreeSet<&str> = loaded.lan.iter().flat_map(|l| &l.record.lan).map(|l| l.kod.value.as_str()).collect();
        for (file, shapes, expected, what) in [
            (crate::geo::KOMMUNER_FILE, &geo.kommuner, &register, "kommun"),
            (crate::geo::LAN_FILE, &geo.lan, &lan, "län"),
        ] {
            let drawn: BTreeSet<&str> = shapes.keys().map(String::as_str).collect();
            for code in drawn.difference(expected) {
                self.diags.push(Diagnostic::error(
                    file,
                    format!("{what} code {code} has a boundary but is not in the register"),
                ));
            }
            for code in expected.difference(&drawn) {
                self.diags.push(
                    Diagnostic::error(file, format!("{what} {code} has no boundary"))
                        .hint("regenerate the file with python3 tools/geo.py"),
                );
            }
        }
    }

    // ---- reference checks -------------------------------------------------------------

    fn source_ref(&mut self, f: &Path, id: &S<String>) {
        if self.sources_known && !self.sources.contains(id.value.as_str()) {
            let hint = match did_you_mean(&id.value, self.sources.iter().copied()) {
                Some(best) => format!("did you mean \"{best}\"?"),
                None => "add the source to data/kallor.yaml first".into(),
            };
            self.error(f, id, format!("unknown source \"{}\"", id.value)).hint = Some(hint);
        }
    }

    fn source_refs(&mut self, f: &Path, ids: &[S<String>]) {
        for id in ids {
            self.source_ref(f, id);
        }
    }

    fn required_sources(&mut self, f: &Path, ids: &S<Vec<S<String>>>) {
        if ids.value.is_empty() {
            self.error(f, ids, "at least one source is required").hint =
                Some("list the ids of the sources in data/kallor.yaml this record is based on".into());
        }
        self.source_refs(f, &ids.value);
    }

    fn kommun_ref(&mut self, f: &Path, code: &S<String>) {
        if self.register_known && !self.register.contains_key(code.value.as_str()) {
            let hint = self.code_hint(&code.value);
            self.error(f, code, format!("unknown kommun code \"{}\"", code.value)).hint = hint;
        }
    }

    fn member_ref(&mut self, f: &Path, code: &S<String>, members: &BTreeSet<&str>) {
        if !members.contains(code.value.as_str()) {
            self.error(f, code, format!("kommun \"{}\" is not in this organisation's kommuner", code.value)).hint =
                Some("add it to kommuner, or correct the code".into());
        }
    }

    fn utforare_ref(&mut self, f: &Path, id: &S<String>) {
        let failed = self.loaded.failed.contains(&Path::new("data/utforare").join(format!("{}.yaml", id.value)));
        if !failed && !self.utforare.contains(id.value.as_str()) {
            let hint = did_you_mean(&id.value, self.utforare.iter().copied())
                .map(|b| format!("did you mean \"{b}\"?"))
                .unwrap_or_else(|| "add a file data/utforare/<id>.yaml first".into());
            self.error(f, id, format!("unknown utförare \"{}\"", id.value)).hint = Some(hint);
        }
    }

    fn organisation_ref(&mut self, f: &Path, id: &S<String>) {
        let failed = self.loaded.failed.contains(&Path::new("data/po").join(format!("{}.yaml", id.value)));
        if !failed && !self.organisations.contains(id.value.as_str()) {
            let hint =
                did_you_mean(&id.value, self.organisations.iter().copied()).map(|b| format!("did you mean \"{b}\"?"));
            self.error(f, id, format!("unknown organisation \"{}\"", id.value)).hint = hint;
        }
    }

    /// For a wrong kommun code: the register entry whose code or name is closest.
    fn code_hint(&self, wrong: &str) -> Option<String> {
        if let Some(name) = self.register.iter().find(|(_, n)| n.eq_ignore_ascii_case(wrong)) {
            return Some(format!("{} has code \"{}\"; codes are SCB's four digits in quotes", name.1, name.0));
        }
        let best = did_you_mean(wrong, self.register.keys().copied())?;
        Some(format!("did you mean \"{best}\" ({})?", self.register.get(best).copied().unwrap_or("")))
    }

    fn id_format(&mut self, f: &Path, id: &S<String>, what: &str) {
        if !is_slug(&id.value) {
            self.error(f, id, format!("{what} id \"{}\" may only use a-z, 0-9 and '-'", id.value)).hint =
                Some(format!("for example \"{}\"", slugify(&id.value)));
        }
    }

    fn id_matches_file<T>(&mut self, file: &Sourced<T>, id: &S<String>, what: &str) {
        self.id_format(&file.path, id, what);
        if file.stem != id.value && is_slug(&id.value) {
            self.error(&file.path, id, format!("{what} id \"{}\" differs from the file name", id.value)).hint =
                Some(format!("name the file {}.yaml, or set id: {}", id.value, file.stem));
        }
    }

    fn not_empty(&mut self, f: &Path, text: &S<String>, key: &str) {
        if text.value.trim().is_empty() {
            self.error(f, text, format!("{key} is empty")).hint = Some(format!("write the {key} within quotes"));
        }
    }

    fn optional_url(&mut self, f: &Path, url: &Option<S<String>>) {
        if let Some(url) = url
            && let Err(m) = check_url(&url.value)
        {
            self.error(f, url, m);
        }
    }

    fn date(&mut self, f: &Path, s: &S<String>) {
        if let Err(m) = Datum::parse(&s.value) {
            self.error(f, s, m);
        }
    }
}

pub fn is_kommun_code(code: &str) -> bool {
    code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit())
}

/// Only absolute http(s) addresses with a real host: the site links to them.
pub fn check_url(s: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("\"{s}\" is not a web address: {why}"));
    let url = match url::Url::parse(s) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => return bad("it must start with https://"),
        Err(e) => return bad(&e.to_string()),
    };
    if url.scheme() != "https" && url.scheme() != "http" {
        return bad("it must start with https://");
    }
    match url.host_str() {
        Some(h) if h.contains('.') => Ok(()),
        _ => bad("it has no host name"),
    }
}

/// The address the site is published at, normalised (lower-case host, no trailing
/// slash): https with a host name, no user name or password, no query or fragment. Plain
/// http is allowed only for a local preview on 127.0.0.1 or localhost.
pub fn normalise_base_url(s: &str) -> Result<String, String> {
    let bad = |why: &str| Err(format!("\"{}\" cannot be the site's address: {why}", s.escape_debug()));
    // The URL parser would silently drop tabs and newlines; refuse them instead.
    if s.chars().any(char::is_control) {
        return bad("it holds a control character");
    }
    let url = match url::Url::parse(s) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => return bad("it must start with https://"),
        Err(e) => return bad(&e.to_string()),
    };
    let host = url.host_str().unwrap_or("");
    let local = matches!(host, "127.0.0.1" | "localhost");
    match url.scheme() {
        "https" => {}
        "http" if local => {}
        _ => return bad("it must start with https://"),
    }
    if !(host.contains('.') || local) {
        return bad("it has no host name");
    }
    if !url.username().is_empty() || url.password().is_some() {
        return bad("it must not hold a user name or password");
    }
    if url.query().is_some() || url.fragment().is_some() {
        return bad("it must not have a query (?…) or fragment (#…)");
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// Swedish phone numbers as people write them: digits with spaces or hyphens, leading 0 or +46.
pub fn check_phone(s: &str) -> Result<(), String> {
    let allowed = s.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '+'));
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let plus_ok = !s.chars().skip(1).any(|c| c == '+');
    if allowed && plus_ok && (s.starts_with('0') || s.starts_with("+46")) && (7..=15).contains(&digits) {
        Ok(())
    } else {
        Err(format!("\"{s}\" is not a phone number"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers() {
        assert!(check_phone("0243-123 45").is_ok());
        assert!(check_phone("+46 243 123 45").is_ok());
        for bad in ["123", "ring kommunen", "0243+12345", "", "+1 555 1234", "ö+46"] {
            assert!(check_phone(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn base_urls_are_normalised_or_refused() {
        assert_eq!(normalise_base_url("https://Exempel.SE/katalog/").as_deref(), Ok("https://exempel.se/katalog"));
        assert_eq!(normalise_base_url("http://127.0.0.1:8000").as_deref(), Ok("http://127.0.0.1:8000"));
        for bad in [
            "http://exempel.se",
            "https://user:pw@exempel.se",
            "https://exempel.se/?a=1",
            "https://exempel.se/#x",
            "exempel.se",
            "https://exempel",
            "https://exempel.se/\n/*",
        ] {
            assert!(normalise_base_url(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn urls() {
        assert!(check_url("https://www.borlange.se/omsorg").is_ok());
        for bad in ["www.borlange.se", "javascript:alert(1)", "https://localhost", "ftp://x.se"] {
            assert!(check_url(bad).is_err(), "{bad:?}");
        }
    }
}
