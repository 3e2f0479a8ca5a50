//! Swedish text conventions: alphabetical order and number formatting.

/// A key that sorts names in Swedish order: a–z, then å, ä, ö; case and the accents
/// Swedish ignores (é, ü) do not count.
pub fn sort_key(name: &str) -> Vec<u32> {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' => 'z' as u32 + 1,
            'ä' | 'æ' => 'z' as u32 + 2,
            'ö' | 'ø' => 'z' as u32 + 3,
            'é' | 'è' | 'ê' | 'ë' => 'e' as u32,
            'á' | 'à' => 'a' as u32,
            'ü' => 'y' as u32,
            c => c as u32,
        })
        .collect()
}

/// The letter a name is filed under in the A–Ö list.
pub fn initial(name: &str) -> String {
    name.chars().next().map(|c| c.to_uppercase().collect()).unwrap_or_default()
}

/// Swedish number style: "302 400" (no-break space between thousands), "0,5", "6".
pub fn format_number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let abs = rounded.abs();
    let whole = abs.trunc() as u64;
    let mut digits = whole.to_string();
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!("\u{a0}{tail}{grouped}");
    }
    let mut out = format!("{}{digits}{grouped}", if negative { "-" } else { "" });
    let fraction = ((abs - abs.trunc()) * 100.0).round() as u64;
    if fraction > 0 {
        let f = format!("{fraction:02}");
        out.push(',');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// JSON text with `<`, `>` and `&` written as `\u003c` etc.: the same data once parsed,
/// but no markup from the data can ever appear in a file the site serves.
pub fn json_without_markup(json: &str) -> String {
    // One pass into one buffer: the search index and the exports can be tens of MB.
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// Bytes as lower-case hexadecimal: checksums and the fingerprints in file names.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `value` as JSON (pretty: two-space indents, and a final newline), with `<`, `>` and
/// `&` written as `\u003c` etc. as [`json_without_markup`] does, but serialized straight
/// into one buffer: an export of tens of MB is never held twice.
pub fn json_bytes_without_markup<T: serde::Serialize + ?Sized>(value: &T, pretty: bool) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::new();
    write_json_without_markup(&mut out, value, pretty)?;
    out.shrink_to_fit();
    Ok(out)
}

/// As [`json_bytes_without_markup`], into `w`.
pub fn write_json_without_markup<T: serde::Serialize + ?Sized>(
    mut w: &mut dyn std::io::Write,
    value: &T,
    pretty: bool,
) -> serde_json::Result<()> {
    if pretty {
        let formatter = MarkupFree(serde_json::ser::PrettyFormatter::new());
        value.serialize(&mut serde_json::Serializer::with_formatter(&mut w, formatter))?;
        w.write_all(b"\n").map_err(serde_json::Error::io)
    } else {
        value.serialize(&mut serde_json::Serializer::with_formatter(w, MarkupFree(serde_json::ser::CompactFormatter)))
    }
}

/// A JSON formatter that escapes `<`, `>` and `&` in strings and keys (the only places
/// they can occur in JSON) and otherwise writes as `F` does.
struct MarkupFree<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for MarkupFree<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        let mut start = 0;
        for (i, b) in fragment.bytes().enumerate() {
            let escaped: &[u8] = match b {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                b'&' => b"\\u0026",
                _ => continue,
            };
            w.write_all(&fragment.as_bytes()[start..i])?;
            w.write_all(escaped)?;
            start = i + 1;
        }
        w.write_all(&fragment.as_bytes()[start..])
    }
    // The layout is the inner formatter's (PrettyFormatter keeps its indent here).
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `text` with `& < > " '` escaped for HTML, the unescaped runs between them in one
/// piece: the templates' escaping (render.rs) and Rust-made fragments (map.rs) share it.
pub fn write_html_escaped(out: &mut impl std::fmt::Write, text: &str) -> std::fmt::Result {
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.write_str(&text[start..i])?;
        out.write_str(entity)?;
        start = i + 1;
    }
    out.write_str(&text[start..])
}

/// `text` escaped for HTML.
pub fn html_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = write_html_escaped(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_a_swedish_dictionary() {
        let mut names = vec!["Örebro", "Åre", "Ale", "Älvdalen", "Östersund", "Arboga", "Öckerö"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(names, ["Ale", "Arboga", "Åre", "Älvdalen", "Öckerö", "Örebro", "Östersund"]);
    }

    #[test]
    fn numbers_in_swedish_style() {
        assert_eq!(format_number(302400.0), "302\u{a0}400");
        assert_eq!(format_number(0.5), "0,5");
        assert_eq!(format_number(6.0), "6");
        assert_eq!(format_number(162.0), "162");
        assert_eq!(format_number(1234567.25), "1\u{a0}234\u{a0}567,25");
    }

    #[test]
    fn json_written_in_place_has_no_markup_and_reads_back_the_same() {
        let value = serde_json::json!({
            "<b>nyckel</b>": ["Ja & nej", {"t": "</script><script>alert(1)</script>", "n": 1.5}],
            "tom": [],
            "rad": "a\"b\n<c>",
        });
        for pretty in [true, false] {
            let bytes = json_bytes_without_markup(&value, pretty).unwrap();
            let text = String::from_utf8(bytes).unwrap();
            assert!(!text.contains(['<', '>', '&']), "{text}");
            assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
            // The same bytes as the text pass over serde_json's own output.
            let expected = if pretty {
                json_without_markup(&serde_json::to_string_pretty(&value).unwrap()) + "\n"
            } else {
                json_without_markup(&serde_json::to_string(&value).unwrap())
            };
            assert_eq!(text, expected);
        }
    }
}
