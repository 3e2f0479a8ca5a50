//! Turns the YAML library's errors into plain messages at the place a maintainer must
//! look: the unclosed bracket rather than where the parser gave up, the start of the
//! record that lacks a key, words instead of Rust type names.

use crate::diagnostics::did_you_mean;

/// A parse problem: line and column (1-based; 0 when unknown), message and hint.
pub type ParseError = (u64, u64, String, Option<String>);

pub fn describe(text: &str, error: &serde_saphyr::Error) -> ParseError {
    let (line, col) = error.location().map(|l| (l.line(), l.column())).unwrap_or((0, 0));
    let raw = strip_position(&error.without_snippet().to_string());

    // A wrongly indented line or an unclosed bracket is the cause of most confusing
    // follow-on errors, so look for them first.
    if let Some((l, c)) = bad_indentation(text) {
        return (
            l,
            c,
            "bad indentation: this line does not line up with the lines above".into(),
            Some("keys of the same mapping must start in the same column; use two spaces per level".into()),
        );
    }
    if let Some((l, c, bracket)) = unclosed_bracket(text, line) {
        let closing = if bracket == '[' { ']' } else { '}' };
        return (l, c, format!("'{bracket}' is never closed"), Some(format!("add the missing '{closing}'")));
    }
    if raw.contains("tabs disallowed") || raw.contains("tab") && raw.contains("indent") {
        return (line, 1, "tab used for indentation".into(), Some("indent with spaces, not tabs".into()));
    }
    if raw.starts_with("duplicate mapping key") {
        let key = raw.split(": ").nth(1).and_then(|k| k.split(',').next()).unwrap_or("").trim();
        return (line, col, format!("key `{key}` appears twice"), Some("keep one of them".into()));
    }
    if raw.contains("from_str_multiple") || raw.contains("multiple documents") {
        let at = text.lines().enumerate().skip(1).find(|(_, l)| l.trim_end() == "---" || l.starts_with("--- "));
        let l = at.map(|(i, _)| i as u64 + 1).unwrap_or(line);
        return (
            l,
            1,
            "the file holds more than one YAML document".into(),
            Some("remove the '---' line and what follows, or move it to a file of its own".into()),
        );
    }
    if let Some(field) = raw.strip_prefix("missing field `").and_then(|r| r.split('`').next()) {
        let (l, c) = mapping_start(text, line, col);
        return (l, c, format!("missing field `{field}`"), Some(format!("add {field}: to this record")));
    }
    if raw.starts_with("unknown field") || raw.starts_with("unknown variant") {
        let hint = did_you_mean_hint(&raw);
        return (line, col, raw, hint);
    }
    if raw.contains("deserialize null") {
        let wanted = if raw.contains("into string") { "expected text" } else { "expected a value" };
        return (
            line,
            col,
            format!("{wanted}, found nothing"),
            Some("write a value after the colon, or remove the key".into()),
        );
    }
    let found = found_at(text, line, col);
    let wording = if raw.contains("string scalar") || raw.contains("expected a string") {
        Some("expected text")
    } else if raw.contains("floating point") || raw.contains("f64") {
        Some("expected a number")
    } else if raw.contains("u32") || raw.contains("u64") || raw.contains("i32") || raw.contains("integer") {
        Some("expected a whole number of zero or more")
    } else if raw.contains("Option<") || raw.contains("null") {
        Some("expected a value")
    } else {
        None
    };
    match wording {
        Some(w) => (line, col, format!("{w}, found {found}"), None),
        None => (line, col, raw, None),
    }
}

/// The library appends "at line N, column M"; we print positions as path:line:col.
fn strip_position(message: &str) -> String {
    if let Some(i) = message.rfind(" at line ") {
        let tail = &message[i + " at line ".len()..];
        let looks_like_position =
            tail.split(", column ").count() == 2 && tail.chars().all(|c| c.is_ascii_digit() || ", column".contains(c));
        if looks_like_position {
            return message[..i].to_string();
        }
    }
    message.to_string()
}

fn did_you_mean_hint(message: &str) -> Option<String> {
    let wrong = message.split('`').nth(1)?;
    let expected = message.split("expected one of ").nth(1)?;
    let candidates: Vec<&str> = expected.split(", ").map(|s| s.trim_matches('`')).collect();
    match did_you_mean(wrong, candidates.iter().copied()) {
        Some(best) => Some(format!("did you mean `{best}`?")),
        None => Some(format!("allowed here: {}", candidates.join(", "))),
    }
}

/// What stands at a position, in words: "a list", "a mapping", "nothing" or the value.
fn found_at(text: &str, line: u64, col: u64) -> String {
    let Some(source) = text.lines().nth((line as usize).saturating_sub(1)) else { return "nothing".into() };
    let rest: String = source.chars().skip((col as usize).saturating_sub(1)).collect();
    let rest = rest.trim();
    match rest.chars().next() {
        None | Some('#') | Some(':') => "nothing".into(),
        Some('[') => "a list".into(),
        Some('-') if rest.len() == 1 || rest[1..].starts_with(' ') => "a list".into(),
        Some('{') => "a mapping".into(),
        Some('*') => "a list or mapping (through an alias)".into(),
        Some(_) => {
            let value: String = rest.split(['#', ',', '}', ']']).next().unwrap_or("").trim().chars().take(60).collect();
            if value.starts_with('"') || value.parse::<f64>().is_ok() { value } else { format!("\"{value}\"") }
        }
    }
}

/// First line whose indentation matches none of the enclosing levels above it.
fn bad_indentation(text: &str) -> Option<(u64, u64)> {
    let mut levels = vec![0usize];
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("---") || trimmed.starts_with('\t') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let top = *levels.last().unwrap_or(&0);
        if indent > top {
            levels.push(indent);
            continue;
        }
        while levels.last().is_some_and(|&l| l > indent) {
            levels.pop();
        }
        if levels.last() != Some(&indent) {
            return Some((i as u64 + 1, indent as u64 + 1));
        }
        // A list item's own keys sit two columns in.
        if let Some(rest) = trimmed.strip_prefix("- ") {
            let inner = indent + 2 + (rest.len() - rest.trim_start().len());
            if !rest.trim().is_empty() && !rest.trim_start().starts_with('#') {
                levels.push(inner);
            }
        }
    }
    None
}

/// An opening bracket of a flow collection that is still open where parsing failed.
fn unclosed_bracket(text: &str, error_line: u64) -> Option<(u64, u64, char)> {
    let mut open: Vec<(u64, u64, char)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let number = i as u64 + 1;
        if number > error_line.max(1) {
            break;
        }
        let mut quote: Option<char> = None;
        for (j, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"') | (None, '\'') => quote = Some(c),
                (None, '#')
                    if j == 0 || line[..line.char_indices().nth(j).map(|(b, _)| b).unwrap_or(0)].ends_with(' ') =>
                {
                    break;
                }
                (None, '[') | (None, '{') => open.push((number, j as u64 + 1, c)),
                (None, ']') | (None, '}') => {
                    open.pop();
                }
                _ => {}
            }
        }
    }
    // A bracket still open on an earlier line than the error is the culprit.
    open.into_iter().find(|(l, _, _)| *l < error_line)
}

/// The start of the mapping whose last key is at (line, col): where a missing key belongs.
fn mapping_start(text: &str, line: u64, col: u64) -> (u64, u64) {
    let lines: Vec<&str> = text.lines().collect();
    let key_indent = (col as usize).saturating_sub(1);
    let mut start = (line, col);
    let mut i = (line as usize).min(lines.len());
    while i > 0 {
        let l = lines[i - 1];
        let trimmed = l.trim_start_matches(' ');
        i -= 1;
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = l.len() - trimmed.len();
        if indent + 2 == key_indent && trimmed.starts_with("- ") {
            return (i as u64 + 1, key_indent as u64 + 1);
        }
        if indent < key_indent {
            break;
        }
        if indent == key_indent {
            start = (i as u64 + 1, key_indent as u64 + 1);
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_lines_that_do_not_line_up() {
        assert_eq!(bad_indentation("a:\n  b: 1\n c: 2\n"), Some((3, 2)));
        assert_eq!(bad_indentation("a:\n  - x: 1\n    y: 2\n  - x: 3\nb: 1\n"), None);
    }

    #[test]
    fn finds_the_bracket_that_was_never_closed() {
        assert_eq!(unclosed_bracket("a: [1, 2\nb: 3\n", 2), Some((1, 4, '[')));
        assert_eq!(unclosed_bracket("a: \"[\"\nb: [1]\n", 2), None);
    }

    #[test]
    fn missing_keys_point_at_the_start_of_their_record() {
        let text = "# kommentar\nid: x\nnamn: y\nkallor: [a]\n";
        assert_eq!(mapping_start(text, 4, 1), (2, 1));
        let nested = "rader:\n  - ar: 2023\n    klienter: 5\n";
        assert_eq!(mapping_start(nested, 3, 5), (2, 5));
    }

    #[test]
    fn position_suffix_is_removed_only_when_it_is_one() {
        assert_eq!(strip_position("missing field `x` at line 3, column 1"), "missing field `x`");
        assert_eq!(strip_position("text (used at line 3 of alias) x"), "text (used at line 3 of alias) x");
    }
}
