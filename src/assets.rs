//! Fingerprinted assets: stylesheet, scripts and the search index are published under
//! `/resurser/` with a content hash in their names, so browsers and the CDN may cache
//! them for good (see netlify.toml) and a changed file always gets a new address.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

pub const FOLDER: &str = "resurser";

/// Published at the site root under its own name.
const ROOT_ICON: &str = "favicon.ico";

/// Files with their output paths, and each original name's URL for the templates.
pub struct Assets {
    pub files: Vec<(String, Vec<u8>)>,
    pub urls: BTreeMap<String, String>,
}

/// `style.css` → `resurser/style.3f2a9c01d4.css`. Licence texts keep their names so that
/// the notice inside a vendored file can point at them. `favicon.ico` goes to the site
/// root, where browsers ask for it whether a page links it or not.
pub fn fingerprint(inputs: Vec<(String, Vec<u8>)>) -> Assets {
    let mut files = Vec::new();
    let mut urls = BTreeMap::new();
    for (name, bytes) in inputs {
        let hashed = match name.rsplit_once('.') {
            Some((stem, ext)) if matches!(ext, "css" | "js" | "json") => {
                let digest = Sha256::digest(&bytes);
                let hex = crate::text::hex(&digest[..5]);
                format!("{stem}.{hex}.{ext}")
            }
            _ => name.clone(),
        };
        let path = if name == ROOT_ICON { name.clone() } else { format!("{FOLDER}/{hashed}") };
        urls.insert(name, format!("/{path}"));
        files.push((path, bytes));
    }
    Assets { files, urls }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_change_with_content_only() {
        let a = fingerprint(vec![("style.css".into(), b"a{}".to_vec()), ("LICENSE.txt".into(), b"MIT".to_vec())]);
        let b = fingerprint(vec![("style.css".into(), b"a{}".to_vec())]);
        let c = fingerprint(vec![("style.css".into(), b"b{}".to_vec())]);
        assert_eq!(a.urls["style.css"], b.urls["style.css"]);
        assert_ne!(a.urls["style.css"], c.urls["style.css"]);
        let d = fingerprint(vec![("favicon.ico".into(), vec![0]), ("favicon.svg".into(), b"<svg/>".to_vec())]);
        assert_eq!(d.urls["favicon.ico"], "/favicon.ico");
        assert_eq!(d.files[0].0, "favicon.ico");
        assert_eq!(d.urls["favicon.svg"], "/resurser/favicon.svg");
        assert!(a.urls["style.css"].starts_with("/resurser/style.") && a.urls["style.css"].ends_with(".css"));
        assert_eq!(a.urls["LICENSE.txt"], "/resurser/LICENSE.txt");
    }
}
