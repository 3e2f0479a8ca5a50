//! The DMO calendar as an iCalendar feed (RFC 5545), from the events in content/kalender/.

use icalendar::{Calendar, Component, Event, EventLike};

use crate::datum::Datum;
use crate::model::{Sida, Site};

/// `kalender.ics`. Deterministic: the stamp and id of each event come from its data.
pub fn calendar(site: &Site) -> String {
    let mut calendar = Calendar::new();
    calendar.name(&format!("{}: kalender", site.titel));
    let host = site.bas_url.split("://").nth(1).unwrap_or("katalog").trim_end_matches('/').to_string();
    for event in events(site) {
        let Some(start) = event.datum.as_deref().and_then(to_date) else { continue };
        let end = event.slut.as_deref().and_then(to_date).unwrap_or(start);
        let mut e = Event::new();
        e.uid(&format!("{}@{host}", event.sokvag.replace('/', "-")))
            .timestamp(start.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
            .summary(&event.titel)
            .description(&event.beskrivning)
            .url(&format!("{}/{}/", site.bas_url, event.sokvag))
            .starts(start)
            .ends(end.succ_opt().unwrap_or(end));
        if let Some(place) = &event.plats {
            e.location(place);
        }
        calendar.push(e.done());
    }
    calendar.done().to_string()
}

/// The events: pages under kalender/ that have a date, oldest first.
pub fn events(site: &Site) -> Vec<&Sida> {
    let mut events: Vec<&Sida> =
        site.sidor.iter().filter(|s| s.sokvag.starts_with("kalender/") && s.datum.is_some()).collect();
    events.sort_by(|a, b| a.datum.cmp(&b.datum).then_with(|| a.sokvag.cmp(&b.sokvag)));
    events
}

fn to_date(s: &str) -> Option<chrono::NaiveDate> {
    let d = Datum::parse(s).ok()?;
    chrono::NaiveDate::from_ymd_opt(i32::from(d.year), u32::try_from(d.month?).ok()?, u32::try_from(d.day?).ok()?)
}
