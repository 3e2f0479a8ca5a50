//! "Föreslå en ändring" and "Rapportera ett fel": links from a page to the files it is
//! made from (an editor such as GitHub's) and to a prefilled error report, built from
//! the templates in data/site.yaml. Without the templates no link is made.

use serde::Serialize;

/// The templates of data/site.yaml: `{fil}` in `redigera_url`; `{titel}` and `{text}` in
/// `felrapport_url`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Templates {
    pub redigera_url: Option<String>,
    pub felrapport_url: Option<String>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct Links {
    /// One link per file the page is made from.
    pub redigera: Vec<EditLink>,
    pub felrapport: Option<String>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct EditLink {
    pub fil: String,
    pub url: String,
}

/// The links of one page: `sokvag` is its address below `bas_url`, `titel` its name,
/// `filer` the files (relative to the site root) it is made from.
pub fn links(t: &Templates, bas_url: &str, sokvag: &str, titel: &str, filer: &[String]) -> Option<Links> {
    if t.redigera_url.is_none() && t.felrapport_url.is_none() {
        return None;
    }
    let redigera = match &t.redigera_url {
        Some(template) => {
            filer.iter().map(|f| EditLink { fil: f.clone(), url: template.replace("{fil}", &path_encode(f)) }).collect()
        }
        None => Vec::new(),
    };
    let felrapport = t.felrapport_url.as_ref().map(|template| {
        let rubrik = format!("Fel på sidan {titel}");
        let text = format!(
            "Sidan: {bas_url}/{sokvag}\nFiler: {}\n\nVad är fel, och var står det rätta? (Skriv gärna en källa med datum.)\n",
            filer.join(", ")
        );
        template.replace("{titel}", &query_encode(&rubrik)).replace("{text}", &query_encode(&text))
    });
    Some(Links { redigera, felrapport })
}

/// A file path inside a URL path: every segment percent-encoded, the slashes kept.
fn path_encode(path: &str) -> String {
    path.split('/')
        .map(|segment| url::form_urlencoded::byte_serialize(segment.as_bytes()).collect::<String>().replace('+', "%20"))
        .collect::<Vec<_>>()
        .join("/")
}

/// A value inside a query string.
fn query_encode(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// Whether a template is usable: an https address (once its placeholders are filled in)
/// that holds the placeholder it needs.
pub fn check_template(template: &str, needs: &[&str]) -> Result<(), String> {
    if !needs.iter().any(|n| template.contains(n)) {
        return Err(format!("\"{template}\" needs {}", needs.join(" or ")));
    }
    let filled = needs.iter().fold(template.to_string(), |t, n| t.replace(n, "x"));
    let url = url::Url::parse(&filled).map_err(|e| format!("\"{template}\" is not a web address: {e}"))?;
    if url.scheme() != "https" {
        return Err(format!("\"{template}\" must start with https://"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn github() -> Templates {
        Templates {
            redigera_url: Some("https://github.com/org/katalog/edit/main/{fil}".into()),
            felrapport_url: Some("https://github.com/org/katalog/issues/new?title={titel}&body={text}".into()),
        }
    }

    #[test]
    fn links_are_encoded_for_their_place_in_the_address() {
        let files = ["data/kommuner/2081-borlänge.yaml".to_string(), "data/po/sodra-dalarna.yaml".to_string()];
        let l = links(&github(), "https://exempel.se", "kommun/borlange/", "Borlänge & Säter", &files).unwrap();
        assert_eq!(l.redigera[0].url, "https://github.com/org/katalog/edit/main/data/kommuner/2081-borl%C3%A4nge.yaml");
        assert_eq!(l.redigera[1].url, "https://github.com/org/katalog/edit/main/data/po/sodra-dalarna.yaml");
        let report = l.felrapport.unwrap();
        assert!(report.starts_with("https://github.com/org/katalog/issues/new?title=Fel+p%C3%A5+sidan+Borl%C3%A4nge+%26+S%C3%A4ter&body=Sidan%3A+https%3A%2F%2Fexempel.se%2Fkommun%2Fborlange%2F%0AFiler%3A+data%2Fkommuner"), "{report}");
    }

    #[test]
    fn no_templates_no_links() {
        assert_eq!(links(&Templates::default(), "https://x.se", "a/", "A", &["f".into()]), None);
    }

    #[test]
    fn templates_are_checked() {
        assert!(check_template("https://github.com/o/r/edit/main/{fil}", &["{fil}"]).is_ok());
        assert!(check_template("https://github.com/o/r/edit/main/", &["{fil}"]).is_err());
        assert!(check_template("http://github.com/{fil}", &["{fil}"]).is_err());
        assert!(check_template("javascript:alert(1)//{fil}", &["{fil}"]).is_err());
    }
}
