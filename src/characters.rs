//! Characters no data value may hold.
//!
//! Every text in the data can end up in a line-oriented or structured file (Netlify's
//! `_redirects`, robots.txt, the sitemap, the ICS feed, CSV): a newline or tab in a name
//! could add a rule or a field there, and bidi overrides or zero-width characters make a
//! value read differently from what it is. So every scalar of every YAML file (after
//! YAML's own escapes such as `"\t"` are decoded) is checked here, with its position,
//! before any record is built from it. Only longer free texts may hold line breaks.

use serde_saphyr::granit_parser::{Event, Parser};

/// Keys whose values are names or prose: they reach kommuner.csv, where a value beginning
/// with `=`, `+`, `-` or `@` would be a formula to a spreadsheet. (A phone number may
/// begin with `+`: it is not here, and the exporter neutralises it.)
const TEXT_KEYS: [&str; 13] = [
    "namn",
    "titel",
    "utgivare",
    "beskrivning",
    "anmarkning",
    "text",
    "plats",
    "tillganglighet",
    "adress",
    "arrangor",
    "datering",
    "huvudman",
    "typ",
];

/// Keys whose values are prose, where a line break is ordinary.
const MULTILINE_KEYS: [&str; 6] = ["beskrivning", "anmarkning", "datering", "text", "tillganglighet", "sammanfattning"];

/// The first forbidden character in any scalar of `text`: (line, column, message, hint),
/// 1-based like every diagnostic. `None` when the text is clean or does not parse (the
/// parser's own error is reported instead).
pub fn first_problem(text: &str) -> Option<(u64, u64, String, String)> {
    // Mapping state per open collection: Some(is_key_next) for mappings, None for sequences.
    let mut stack: Vec<Option<bool>> = Vec::new();
    let mut current_key: Vec<Option<String>> = Vec::new();
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { return None };
        match event {
            Event::MappingStart(..) => {
                take_value_slot(&mut stack);
                stack.push(Some(true));
                current_key.push(None);
            }
            Event::SequenceStart(..) => {
                take_value_slot(&mut stack);
                stack.push(None);
                current_key.push(current_key.last().cloned().flatten());
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                current_key.pop();
            }
            Event::Scalar(value, ..) => {
                let is_key = matches!(stack.last(), Some(Some(true)));
                let key = current_key.last().cloned().flatten();
                let multiline = !is_key && key.as_deref().is_some_and(|k| MULTILINE_KEYS.contains(&k));
                let (line, col) = (span.start.line() as u64, span.start.col() as u64 + 1);
                if let Some(c) = forbidden(&value, multiline) {
                    return Some((line, col, describe(c, key.as_deref(), is_key), hint(c)));
                }
                if let (false, Some(k)) = (is_key, key.as_deref())
                    && TEXT_KEYS.contains(&k)
                    && let Some(first) = value.chars().next().filter(|c| ['=', '+', '-', '@'].contains(c))
                {
                    return Some((
                        line,
                        col,
                        format!("the value of {k} begins with \"{first}\", which a spreadsheet reads as a formula"),
                        "begin the text with a letter or a digit: kommuner.csv is opened in Excel".into(),
                    ));
                }
                if is_key && let Some(k) = current_key.last_mut() {
                    *k = Some(value.to_string());
                }
                take_value_slot(&mut stack);
            }
            _ => {}
        }
    }
    None
}

/// After a key the next node is its value; after a value the next is a key.
fn take_value_slot(stack: &mut [Option<bool>]) {
    if let Some(Some(key_next)) = stack.last_mut() {
        *key_next = !*key_next;
    }
}

/// The first character that no value may hold.
pub fn forbidden(value: &str, multiline: bool) -> Option<char> {
    value.chars().find(|&c| is_forbidden(c, multiline))
}

fn is_forbidden(c: char, multiline: bool) -> bool {
    match c {
        '\n' => !multiline,
        c if c.is_control() => true,
        // Bidi embeddings, overrides and isolates; zero-width and invisible formatting;
        // line and paragraph separators; the byte-order mark inside a value.
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' => true,
        '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{061C}' | '\u{180E}' => true,
        _ => false,
    }
}

fn describe(c: char, key: Option<&str>, is_key: bool) -> String {
    let what = match c {
        '\n' => "a line break".to_string(),
        '\r' => "a carriage return".to_string(),
        '\t' => "a tab".to_string(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        c => format!("the invisible formatting character U+{:04X}", c as u32),
    };
    match (key, is_key) {
        (_, true) => format!("a key holds {what}"),
        (Some(k), false) => format!("the value of {k} holds {what}"),
        (None, false) => format!("a value holds {what}"),
    }
}

fn hint(c: char) -> String {
    match c {
        '\n' | '\r' => "names, addresses and other one-line values must stay on one line; join the lines".into(),
        '\t' => "replace the tab with a space".into(),
        _ => "retype the value: this character is invisible and could make it mean something else".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_escaped_tab_in_a_name() {
        let text = "kod: \"2084\"\nandra_namn:\n  - namn: \"Alv\\n/*\\thttps://evil.example/:splat\\t200!\"\n";
        let (line, col, msg, _) = first_problem(text).expect("problem");
        assert_eq!((line, col), (3, 11));
        assert_eq!(msg, "the value of namn holds a line break");
    }

    #[test]
    fn prose_may_break_lines_but_not_hold_bidi_overrides() {
        assert!(first_problem("anmarkning: |\n  Rad ett.\n  Rad två.\n").is_none());
        let (_, _, msg, _) = first_problem("anmarkning: \"a\u{202E}b\"\n").expect("problem");
        assert!(msg.contains("U+202E"), "{msg}");
    }

    #[test]
    fn names_and_texts_cannot_begin_like_a_formula() {
        let (line, col, msg, _) = first_problem("namn: \"=HYPERLINK(\\\"http://x\\\")\"\n").expect("problem");
        assert_eq!((line, col), (1, 7));
        assert_eq!(msg, "the value of namn begins with \"=\", which a spreadsheet reads as a formula");
        assert!(first_problem("anmarkning: \"@SUM(A1)\"\n").is_some());
        // A phone number may begin with +; other keys are not texts.
        assert!(first_problem("telefon: \"+46 243 123 45\"\n").is_none());
        assert!(first_problem("namn: \"Borlänge\"\n").is_none());
    }

    #[test]
    fn keys_and_list_items_are_checked() {
        assert!(first_problem("\"a\\tb\": 1\n").unwrap().2.starts_with("a key holds a tab"));
        assert!(first_problem("kallor: [ok, \"x\\u200By\"]\n").unwrap().2.contains("value of kallor"));
        assert!(first_problem("kallor:\n  - id: x\n    beskrivning: \"a\\nb\"\n").is_none());
    }
}
