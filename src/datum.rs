//! Dates as the sources give them: a year, a month or a day ("2012", "2025-01", "2012-05-21").

use std::fmt;

use jiff::civil::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Datum {
    pub year: i16,
    pub month: Option<i8>,
    pub day: Option<i8>,
}

impl Datum {
    pub fn parse(s: &str) -> Result<Datum, String> {
        let bad = || format!("'{s}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = s.split('-').collect();
        let number = |p: &str, len: usize| -> Result<i16, String> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse::<i16>().map_err(|_| bad())
        };
        let year = number(parts.first().ok_or_else(bad)?, 4)?;
        let month = parts.get(1).map(|p| number(p, 2)).transpose()?.map(|m| m as i8);
        let day = parts.get(2).map(|p| number(p, 2)).transpose()?.map(|d| d as i8);
        if parts.len() > 3 || !(1900..=2100).contains(&year) {
            return Err(bad());
        }
        let datum = Datum { year, month, day };
        // Checks that the month and day exist (no 2023-02-30).
        Date::new(year, month.unwrap_or(1), day.unwrap_or(1)).map_err(|_| format!("'{s}' is not a real date"))?;
        Ok(datum)
    }

    /// The first day the date can mean: "2012" may be 1 January 2012.
    pub fn first_day(&self) -> Date {
        Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1)).unwrap_or(Date::MIN)
    }

    /// The date in Swedish words: "22 november 2023", "november 2023", "2023".
    pub fn in_words(&self) -> String {
        const MONTHS: [&str; 12] = [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ];
        let month = self.month.and_then(|m| MONTHS.get(usize::try_from(m - 1).ok()?));
        match (self.day, month) {
            (Some(d), Some(m)) => format!("{d} {m} {}", self.year),
            (None, Some(m)) => format!("{m} {}", self.year),
            _ => self.year.to_string(),
        }
    }

    /// The date as an adverbial in running text: "den 1 januari 2020", "i juni 2024", "år 2019".
    pub fn as_adverbial(&self) -> String {
        match (self.day, self.month) {
            (Some(_), _) => format!("den {}", self.in_words()),
            (None, Some(_)) => format!("i {}", self.in_words()),
            _ => format!("år {}", self.year),
        }
    }

    /// "från den 1 januari 2020", "från juni 2024", "från 2019".
    pub fn as_from(&self) -> String {
        match self.day {
            Some(_) => format!("från den {}", self.in_words()),
            None => format!("från {}", self.in_words()),
        }
    }

    /// The last day the date can mean: a fact "from 2012" may be from 31 December 2012.
    pub fn last_day(&self) -> Date {
        let month = self.month.unwrap_or(12);
        let first = Date::new(self.year, month, 1).unwrap_or(Date::MIN);
        match self.day {
            Some(d) => Date::new(self.year, month, d).unwrap_or(first),
            None => first.last_of_month(),
        }
    }

    /// True when even the last day the date can mean lies more than `years` before `today`.
    pub fn is_older_than(&self, years: u32, today: Date) -> bool {
        let limit = today.checked_sub(jiff::Span::new().years(i64::from(years))).unwrap_or(Date::MIN);
        self.last_day() < limit
    }
}

impl fmt::Display for Datum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// The date that "today" means for the build: `SOURCE_DATE_EPOCH` when set (reproducible
/// builds), otherwise the current UTC date. Only the out-of-date notes depend on it.
pub fn build_date() -> Date {
    let from_env = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| jiff::Timestamp::from_second(secs).ok());
    let ts = from_env.unwrap_or_else(jiff::Timestamp::now);
    jiff::tz::Offset::UTC.to_datetime(ts).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_partial_dates() {
        assert_eq!(Datum::parse("2012").unwrap().to_string(), "2012");
        assert_eq!(Datum::parse("2025-01").unwrap().to_string(), "2025-01");
        assert_eq!(Datum::parse("2012-05-21").unwrap().to_string(), "2012-05-21");
        for bad in ["12", "2012-5", "2023-02-30", "2012-05-21-1", "idag", "", "2012-13"] {
            assert!(Datum::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn dates_in_swedish_words() {
        assert_eq!(Datum::parse("2023-11-22").unwrap().in_words(), "22 november 2023");
        assert_eq!(Datum::parse("2020-01-01").unwrap().in_words(), "1 januari 2020");
        assert_eq!(Datum::parse("2019-09").unwrap().in_words(), "september 2019");
        assert_eq!(Datum::parse("2012").unwrap().in_words(), "2012");
        assert_eq!(Datum::parse("2020-01-01").unwrap().as_adverbial(), "den 1 januari 2020");
        assert_eq!(Datum::parse("2024-06").unwrap().as_adverbial(), "i juni 2024");
        assert_eq!(Datum::parse("2019").unwrap().as_adverbial(), "år 2019");
        assert_eq!(Datum::parse("2020-01-01").unwrap().as_from(), "från den 1 januari 2020");
        assert_eq!(Datum::parse("2019").unwrap().as_from(), "från 2019");
    }

    #[test]
    fn age_counts_from_the_end_of_the_period() {
        let today = Date::new(2026, 11, 23).unwrap();
        assert!(Datum::parse("2012-05-21").unwrap().is_older_than(3, today));
        // "2023" may mean 31 December 2023: not yet three years old on 2026-11-23.
        assert!(!Datum::parse("2023").unwrap().is_older_than(3, today));
        assert!(Datum::parse("2023-06").unwrap().is_older_than(3, today));
    }
}
