//! Evidence over time: when a piece of evidence holds, which of two is newer, and what a
//! kommun's answer is once the newest evidence has won.
//!
//! Dates are intervals: "2023" means some day in 2023, an undated page some day on or
//! after its `tidigast` (or any day at all). One piece of evidence is newer than another
//! only when it certainly is: its first possible day comes after the other's last. Two
//! pieces that cannot be ordered so are equally new, and if they disagree, the sources
//! disagree.

use jiff::civil::Date;
use serde::Serialize;

use crate::datum::Datum;

/// When a piece of evidence holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Dated(Datum),
    /// A source with no date of its own, perhaps with the earliest date it can be from.
    Undated {
        tidigast: Option<Datum>,
    },
}

impl When {
    fn first_day(&self) -> Date {
        match self {
            When::Dated(d) => d.first_day(),
            When::Undated { tidigast } => tidigast.map(|t| t.first_day()).unwrap_or(Date::MIN),
        }
    }

    /// The last day it can mean; an undated source may be from any later day.
    fn last_day(&self) -> Date {
        match self {
            When::Dated(d) => d.last_day(),
            When::Undated { .. } => Date::MAX,
        }
    }

    /// True when `self` certainly holds from a later day than `other`.
    pub fn is_newer_than(&self, other: &When) -> bool {
        self.first_day() > other.last_day()
    }

    pub fn is_undated(&self) -> bool {
        matches!(self, When::Undated { .. })
    }

    /// The date to age and sort by: the date, or the earliest date of an undated source.
    pub fn known_date(&self) -> Option<Datum> {
        match self {
            When::Dated(d) => Some(*d),
            When::Undated { tidigast } => *tidigast,
        }
    }

    /// For sorting newest first: later known dates first, undated before dated ones of the
    /// same earliest date (they may be later).
    pub fn sort_key(&self) -> (Option<Datum>, bool) {
        (self.known_date(), self.is_undated())
    }

    /// "22 november 2023", "odaterad", "odaterad, tidigast från 2017".
    pub fn in_words(&self) -> String {
        match self {
            When::Dated(d) => d.in_words(),
            When::Undated { tidigast: None } => "odaterad".into(),
            When::Undated { tidigast: Some(t) } => format!("odaterad, tidigast från {}", t.in_words()),
        }
    }
}

/// When a statement holds that a source makes about an event on a known day (joined,
/// left, ended): from the event until the source's own date. Against other evidence it
/// counts as of the source's date, or the event's if that is later; an undated source
/// stays undated, but can be no older than the event.
pub fn stated(source: When, event: Option<Datum>) -> When {
    match (source, event) {
        (w, None) => w,
        (When::Dated(d), Some(e)) => When::Dated(if e.first_day() > d.last_day() { e } else { d }),
        (When::Undated { tidigast }, Some(e)) => When::Undated {
            tidigast: Some(match tidigast {
                Some(t) if t.first_day() > e.first_day() => t,
                _ => e,
            }),
        },
    }
}

/// The newest of several times: among those no other is newer than, an undated one if
/// there is one (it may be the newest of all, and must never pass for a dated one), else
/// the latest date. `None` for no times.
pub fn newest(times: impl IntoIterator<Item = When>) -> Option<When> {
    let all: Vec<When> = times.into_iter().collect();
    let candidates = all.iter().filter(|w| !all.iter().any(|o| o.is_newer_than(w)));
    candidates.max_by_key(|w| (w.is_undated(), w.known_date())).copied()
}

/// Whether evidence is current (no newer evidence) or history (something newer exists).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    Current,
    History,
}

/// Splits evidence into current and history: a piece is history when any other piece is
/// certainly newer.
pub fn standing<T>(items: &[T], when: impl Fn(&T) -> When) -> Vec<Standing> {
    items
        .iter()
        .map(|a| {
            let wa = when(a);
            if items.iter().any(|b| when(b).is_newer_than(&wa)) { Standing::History } else { Standing::Current }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(s: &str) -> When {
        When::Dated(Datum::parse(s).unwrap())
    }
    fn undated(t: Option<&str>) -> When {
        When::Undated { tidigast: t.map(|t| Datum::parse(t).unwrap()) }
    }

    #[test]
    fn newer_only_when_certain() {
        assert!(dated("2023-11-22").is_newer_than(&dated("2012-05-21")));
        assert!(!dated("2012-05-21").is_newer_than(&dated("2023-11-22")));
        // "2023" and "2023-06" may be the same day: neither is newer.
        assert!(!dated("2023").is_newer_than(&dated("2023-06")));
        assert!(!dated("2023-06").is_newer_than(&dated("2023")));
        assert!(dated("2024-01").is_newer_than(&dated("2023")));
    }

    #[test]
    fn undated_is_ordered_only_through_tidigast() {
        assert!(undated(Some("2017")).is_newer_than(&dated("2012-05-21")));
        assert!(!undated(Some("2017")).is_newer_than(&dated("2017-03")));
        assert!(!undated(None).is_newer_than(&dated("2012")));
        // A dated source is never certainly newer than an undated one.
        assert!(!dated("2025").is_newer_than(&undated(Some("2017"))));
        assert!(!undated(Some("2020")).is_newer_than(&undated(Some("2017"))));
    }

    #[test]
    fn history_is_what_something_newer_replaces() {
        let items = [dated("2012"), dated("2023-11-22"), undated(None)];
        assert_eq!(standing(&items, |w| *w), [Standing::History, Standing::Current, Standing::Current]);
    }

    #[test]
    fn newest_never_hides_an_undated_source() {
        assert_eq!(newest([dated("2012"), dated("2023")]), Some(dated("2023")));
        assert_eq!(newest([dated("2012"), undated(Some("2017"))]), Some(undated(Some("2017"))));
        assert_eq!(newest([dated("2019"), undated(Some("2017"))]), Some(undated(Some("2017"))));
        assert_eq!(newest([dated("2019"), undated(None)]), Some(undated(None)));
        assert_eq!(newest([]), None);
    }

    #[test]
    fn an_event_counts_as_of_the_source_that_tells_it() {
        let e = Datum::parse("2019").unwrap();
        // A 2021 article about a closing in 2019 speaks for 2021.
        assert_eq!(stated(dated("2021-03"), Some(e)), dated("2021-03"));
        // An undated page about a closing in 2019 is undated, and no older than 2019.
        assert_eq!(stated(undated(None), Some(e)), undated(Some("2019")));
        assert_eq!(stated(undated(Some("2020")), Some(e)), undated(Some("2020")));
        // So a dated page from 2020 saying the organisation still runs cannot be ordered
        // against it: the sources disagree.
        let closing = stated(undated(None), Some(e));
        assert!(!dated("2020-02-10").is_newer_than(&closing) && !closing.is_newer_than(&dated("2020-02-10")));
    }

    #[test]
    fn words() {
        assert_eq!(dated("2023-11-22").in_words(), "22 november 2023");
        assert_eq!(undated(None).in_words(), "odaterad");
        assert_eq!(undated(Some("2017")).in_words(), "odaterad, tidigast från 2017");
    }
}
