//! The statistics measures, in one table: the key maintainers write in the data files,
//! the column heading, the chart's axis title, the description exports give, and how to
//! read it from a row. The model, charts, exports and comparison all take them from here.

use crate::records::StatistikRad;

pub struct Measure {
    /// As in the data files and exports: `klienter`.
    pub key: &'static str,
    /// Column heading on the pages.
    pub heading: &'static str,
    /// Value axis title of a chart.
    pub unit: &'static str,
    /// What the figure means, for the exports' field list.
    pub description: &'static str,
    pub value: fn(&StatistikRad) -> Option<u32>,
}

/// In display order.
pub const ALL: [Measure; 10] = [
    Measure {
        key: "klienter",
        heading: "Klienter under året",
        unit: "Antal klienter",
        description: "Klienter som fått stöd under året.",
        value: |r| r.klienter,
    },
    Measure {
        key: "aktuella",
        heading: "Aktuella vid årets slut",
        unit: "Antal aktuella klienter",
        description: "Aktuella klienter vid årets slut.",
        value: |r| r.aktuella,
    },
    Measure {
        key: "startade",
        heading: "Nya under året",
        unit: "Antal nya klienter",
        description: "Nya (uppstartade) klienter under året.",
        value: |r| r.startade,
    },
    Measure {
        key: "avslutade",
        heading: "Avslutade",
        unit: "Antal avslutade klienter",
        description: "Avslutade klienter under året.",
        value: |r| r.avslutade,
    },
    Measure {
        key: "hanvisade",
        heading: "Hänvisade",
        unit: "Antal hänvisade ärenden",
        description: "Hänvisade ärenden.",
        value: |r| r.hanvisade,
    },
    Measure {
        key: "i_ko",
        heading: "I kö vid årets slut",
        unit: "Antal klienter i kö",
        description: "Personer i kö vid årets slut.",
        value: |r| r.i_ko,
    },
    Measure {
        key: "uppdrag",
        heading: "Uppdrag",
        unit: "Antal uppdrag",
        description: "Antal uppdrag.",
        value: |r| r.uppdrag,
    },
    Measure {
        key: "orienteringsbesok",
        heading: "Orienteringsbesök",
        unit: "Antal orienteringsbesök",
        description: "Antal orienteringsbesök.",
        value: |r| r.orienteringsbesok,
    },
    Measure {
        key: "radgivningssamtal",
        heading: "Rådgivningssamtal",
        unit: "Antal rådgivningssamtal",
        description: "Antal rådgivningssamtal.",
        value: |r| r.radgivningssamtal,
    },
    Measure {
        key: "arenden_sedan_start",
        heading: "Ärenden sedan start",
        unit: "Antal ärenden sedan start",
        description: "Ärenden sedan verksamheten startade, räknat till och med året.",
        value: |r| r.arenden_sedan_start,
    },
];

/// The measure with this key.
pub fn by_key(key: &str) -> Option<&'static Measure> {
    ALL.iter().find(|m| m.key == key)
}
