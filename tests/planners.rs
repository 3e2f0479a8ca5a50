//! Planners' and DMO pages of a fixture site, checked against its data: the driftsform
//! comparison, statistics charts, the DMO page and the calendar with its iCalendar feed.

mod common;
use common::*;

fn site_with_planner_pages() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = fixture("minimal");
    let root = site.path();
    write(
        root,
        "content/driftsformer.md",
        "---\ntitel: \"Driftsformer\"\nbeskrivning: \"Jämförelse.\"\nmall: driftsformer\n---\nStudien säger *något*.\n",
    );
    write(
        root,
        "content/dmo.md",
        "---\ntitel: \"DMO i landet\"\nbeskrivning: \"DMO.\"\nmall: dmo\n---\nOm modellen.\n",
    );
    write(
        root,
        "content/kalender/index.md",
        "---\ntitel: \"Kalender\"\nbeskrivning: \"Aktiviteter.\"\nmall: kalender\n---\nHär står aktiviteterna.\n",
    );
    write(
        root,
        "content/kalender/2019-03-27-traff.md",
        "---\ntitel: \"Vägledarträff; del 1, med komma\"\nbeskrivning: \"En träff.\"\ndatum: \"2019-03-27\"\narrangor: \"Testteamet\"\nkallor: [studie-2012]\n---\nText.\n",
    );
    write(
        root,
        "content/kalender/2027-01-10-kurs.md",
        "---\ntitel: \"Kurs\"\nbeskrivning: \"En kurs.\"\ndatum: \"2027-01-10\"\nslut: \"2027-01-11\"\nplats: \"Lund\"\nkallor: [studie-2012]\n---\nText.\n",
    );
    write(
        root,
        "content/material/index.md",
        "---\ntitel: \"Material\"\nbeskrivning: \"Mallar.\"\nmall: lista\n---\nMaterial.\n",
    );
    write(
        root,
        "content/material/parm.md",
        "---\ntitel: \"Pärm\"\nbeskrivning: \"En pärm för slingor.\"\nkallor: [studie-2012]\n---\nText.\n",
    );
    write(
        root,
        "data/nyckeltal.yaml",
        "nyckeltal:\n  - id: dmo-slingor\n    amne: dmo\n    text: \"Slingor sedan 2020\"\n    varde: 130\n    ungefar: drygt\n    kalla: studie-2012\n",
    );
    let (output, out) = build(root);
    assert!(output.status.success(), "{}", stderr(&output));
    (site, out)
}

#[test]
fn driftsform_comparison_is_computed_from_the_data() {
    let (_site, out) = site_with_planner_pages();
    let text = visible_text(&read(&out.join("driftsformer/index.html")));
    // Samverkan: dalarna-test with 2 kommuner (Borlänge 51 425 and Avesta 22 417 inhabitants
    // of the fixture's 195 713: 37,7 %), 7 ombud, 6,5 årsarbetare, 162 klienter (2023).
    assert!(text.contains("Samverkan mellan kommuner 1 2 73 842 37,7 % 7 6,5 162 (2023)"), "{text}");
    // Entreprenad: vasby-test, 1 kommun (Upplands Väsby, 50 323: 25,7 %), no figures.
    assert!(text.contains("Entreprenad 1 1 50 323 25,7 % – – –"), "{text}");
    assert!(text.contains("Egen regi 0 0 0 0,0 % – – –"), "{text}");
    assert!(
        text.contains(
            "Alla verksamheter 2 3 124 165 63,4 % 7 (1 saknar uppgift) 6,5 (1 saknar uppgift) 162 (1 saknar uppgift) (2023)"
        ),
        "{text}"
    );
    assert!(text.contains("Testföreningen 1 1 50 323 25,7 %"), "{text}");
    assert!(text.contains("Studien säger något."), "the Markdown text is missing");
}

#[test]
fn organisation_statistics_have_a_chart_and_a_table() {
    let (_site, out) = site_with_planner_pages();
    let html = read(&out.join("po/dalarna-test/index.html"));
    let svg_start = html.find("class=\"diagram\"").expect("chart present");
    let svg = &html[svg_start..svg_start + html[svg_start..].find("</svg>").unwrap()];
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("162") && svg.contains("97"), "{svg}");
    assert!(!svg.contains("style="), "inline styles break the CSP");
    assert!(visible_text(&html).contains("2023 162 97"), "the table is still there");
}

#[test]
fn dmo_page_shows_survey_figures_and_active_kommuner_from_data() {
    let (_site, out) = site_with_planner_pages();
    let text = visible_text(&read(&out.join("dmo/index.html")));
    assert!(text.contains("drygt 130 – Slingor sedan 2020"), "{text}");
    let list = text.split("nämns som aktiva").nth(1).unwrap().split("Hoppa förbi kartan").next().unwrap();
    assert_eq!(list.trim(), "Habo", "only Habo is named as active");
}

#[test]
fn calendar_lists_upcoming_and_past_events_and_has_a_feed() {
    let (_site, out) = site_with_planner_pages();
    let text = visible_text(&read(&out.join("kalender/index.html")));
    let (kommande, tidigare) = (text.find("Kommande").unwrap(), text.find("Tidigare").unwrap());
    let (kurs, traff) = (text.find("Kurs 2027-01-10–2027-01-11, Lund").unwrap(), text.find("Vägledarträff").unwrap());
    assert!(kommande < kurs && kurs < tidigare && tidigare < traff, "{text}");

    let ics = read(&out.join("kalender.ics"));
    assert!(ics.contains("\r\n"), "iCalendar lines end in CRLF");
    // Unfold continuation lines (RFC 5545 3.1) before reading properties.
    let unfolded = ics.replace("\r\n ", "");
    let events: Vec<&str> = unfolded.split("BEGIN:VEVENT").skip(1).collect();
    assert_eq!(events.len(), 2);
    let course = events.iter().find(|e| e.contains("SUMMARY:Kurs")).unwrap();
    assert!(course.contains("DTSTART;VALUE=DATE:20270110"));
    assert!(course.contains("DTEND;VALUE=DATE:20270112"), "DTEND is exclusive: {course}");
    assert!(course.contains("LOCATION:Lund"));
    assert!(course.contains("URL:https://test.example.se/kalender/2027-01-10-kurs/"));
    let meeting = events.iter().find(|e| e.contains("DTSTART;VALUE=DATE:20190327")).unwrap();
    assert!(meeting.contains("SUMMARY:Vägledarträff\\; del 1\\, med komma"), "text must be escaped: {meeting}");
    // Deterministic: the stamp comes from the data, not the clock.
    assert!(meeting.contains("DTSTAMP:20190327T000000Z"));
}

#[test]
fn list_pages_list_their_folder() {
    let (_site, out) = site_with_planner_pages();
    let text = visible_text(&read(&out.join("material/index.html")));
    assert!(text.contains("Pärm En pärm för slingor."), "{text}");
}

#[test]
fn the_footer_links_sections_not_the_items_in_them() {
    let (_site, out) = site_with_planner_pages();
    let html = read(&out.join("index.html"));
    let footer = &html[html.find("<footer").expect("a footer")..];
    for section in ["/material/", "/kalender/", "/driftsformer/", "/dmo/", "/kallor/", "/data/"] {
        assert!(footer.contains(&format!("href=\"{section}\"")), "{section} missing from the footer");
    }
    for item in ["/material/parm/", "/kalender/2027-01-10-kurs/"] {
        assert!(!footer.contains(item), "{item} is reached from its list, not the footer");
    }
}

#[test]
fn a_calendar_event_needs_a_date() {
    let site = fixture("minimal");
    write(site.path(), "content/kalender/traff.md", "---\ntitel: \"Träff\"\nbeskrivning: \"x\"\n---\nText.\n");
    let err = stderr(&check(site.path()));
    assert!(err.contains("content/kalender/traff.md:1:1: error: a calendar event needs datum"), "{err}");
}
