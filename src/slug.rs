//! ASCII slugs for URLs: å/ä→a, ö→o (any other accent dropped), lowercase, spaces→-.

/// `Upplands Väsby` → `upplands-vasby`, `Malung-Sälen` → `malung-salen`.
pub fn slugify(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        let mapped = match c {
            'å' | 'ä' | 'á' | 'à' | 'â' => Some('a'),
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => Some('o'),
            'é' | 'è' | 'ê' | 'ë' => Some('e'),
            'ü' | 'ú' => Some('u'),
            c if c.is_ascii_alphanumeric() => Some(c),
            // Combining marks (names typed in NFD form) vanish; everything else separates words.
            c if ('\u{300}'..='\u{36f}').contains(&c) => continue,
            _ => None,
        };
        match mapped {
            Some(c) => out.push(c),
            None if !out.is_empty() && !out.ends_with('-') => out.push('-'),
            None => {}
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// True for a non-empty string of a-z, 0-9 and inner single hyphens: safe as a path segment.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_names_become_ascii() {
        assert_eq!(slugify("Upplands Väsby"), "upplands-vasby");
        assert_eq!(slugify("Malung-Sälen"), "malung-salen");
        assert_eq!(slugify("Östra Göinge"), "ostra-goinge");
        assert_eq!(slugify("Håbo"), "habo");
        assert_eq!(slugify("Dalarnas län"), "dalarnas-lan");
    }

    #[test]
    fn decomposed_names_give_the_same_slug() {
        // "Ö" as O + combining diaeresis (NFD), as some editors save it.
        assert_eq!(slugify("O\u{308}stersund"), "ostersund");
    }

    #[test]
    fn slugs_cannot_escape_a_folder() {
        assert!(is_slug("sodra-dalarna"));
        for bad in ["", "..", "a/b", "A", "-a", "a-", "a--b", "å", "a b"] {
            assert!(!is_slug(bad), "{bad:?} must be rejected");
        }
    }
}
