//! Problems found in the site's files, reported like a compiler does:
//! `path:line:col: error: message` plus an optional hint, all at once and sorted.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as shown to the maintainer: relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the file as a whole.
    pub line: u64,
    #[serde(rename = "column")]
    pub col: u64,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            col: 0,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, message) }
    }

    pub fn at(mut self, line: u64, col: u64) -> Self {
        self.line = line;
        self.col = col;
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn sort_key(&self) -> (&Path, u64, u64, Severity, &str) {
        (&self.file, self.line, self.col, self.severity, &self.message)
    }
}

impl Diagnostic {
    /// The diagnostic as a compiler prints it: the head line, the offending source line
    /// with a marker under the column, then the hint.
    pub fn render(&self, source_line: Option<&str>) -> String {
        let mut out = self.head();
        if let (Some(text), true) = (source_line, self.line > 0) {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            // Tabs would shift the marker; show them as single spaces.
            let shown: String = text.chars().map(|c| if c == '\t' { ' ' } else { c }).take(200).collect();
            let marker_at = (self.col.max(1) - 1) as usize;
            out.push_str(&format!("\n{pad} |\n{number} | {shown}\n{pad} | {}^", " ".repeat(marker_at.min(200))));
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!("\n  hint: {hint}"));
        }
        out
    }

    fn head(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let position = if self.line > 0 { format!(":{}:{}", self.line, self.col) } else { String::new() };
        // A message can quote a value from the file; keep absurdly long ones readable.
        let message: String = if self.message.chars().count() > 300 {
            self.message.chars().take(300).chain("…".chars()).collect()
        } else {
            self.message.clone()
        };
        format!("{}{position}: {kind}: {message}", self.file.display())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(None))
    }
}

/// Everything found in one run. Collecting (rather than returning early) is what lets
/// maintainers see every problem at once.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Pushes and returns the diagnostic so that a hint can still be added.
    pub fn push_mut(&mut self, diagnostic: Diagnostic) -> &mut Diagnostic {
        let index = self.items.len();
        self.items.push(diagnostic);
        &mut self.items[index]
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|d| d.severity == severity).count()
    }

    /// Sorted by file, position, severity and message, without repeats.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        items.dedup();
        items
    }

    /// Errors first (each sorted), then warnings: the problem that stops a build is never
    /// buried under the warnings every run repeats.
    pub fn errors_then_warnings(&self) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        self.sorted().into_iter().partition(|d| d.severity == Severity::Error)
    }

    /// Takes a stage's result into these diagnostics: its value, or its problems (and the
    /// build stops with [`Stopped`]).
    pub fn take<T>(&mut self, result: Result<T, Diagnostics>) -> Result<T, Stopped> {
        result.map_err(|d| {
            self.extend(d);
            Stopped
        })
    }

    /// Like [`Diagnostics::take`], for a stage that fails with one message about `file`.
    pub fn take_message<T>(&mut self, file: impl Into<PathBuf>, result: Result<T, String>) -> Result<T, Stopped> {
        result.map_err(|m| {
            self.push(Diagnostic::error(file, m));
            Stopped
        })
    }

    /// Stops when any error has been found so far.
    pub fn stop_on_errors(&self) -> Result<(), Stopped> {
        if self.has_errors() { Err(Stopped) } else { Ok(()) }
    }

    /// Everything as the terminal shows it: errors with their source line and marker,
    /// then warnings one line each, then the counts.
    pub fn to_terminal(&self, root: &Path) -> String {
        let (errors, warnings) = self.errors_then_warnings();
        let mut lines: Vec<String> =
            errors.iter().map(|d| d.render(source_line(&root.join(&d.file), d.line).as_deref())).collect();
        lines.extend(warnings.iter().map(|d| d.render(None)));
        if !errors.is_empty() || !warnings.is_empty() {
            lines.push(format!("{} error(s), {} warning(s)", errors.len(), warnings.len()));
        }
        lines.join("\n")
    }

    /// The same for a browser: errors with their count, warnings folded away.
    pub fn to_html(&self) -> String {
        let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
        let list = |items: &[Diagnostic]| -> String {
            items.iter().map(|d| format!("<li><pre>{}</pre></li>", escape(&d.render(None)))).collect()
        };
        let (errors, warnings) = self.errors_then_warnings();
        let mut html = format!("<h2>{} fel</h2><ol>{}</ol>", errors.len(), list(&errors));
        if !warnings.is_empty() {
            html.push_str(&format!(
                "<details><summary>{} varningar</summary><ol>{}</ol></details>",
                warnings.len(),
                list(&warnings)
            ));
        }
        html
    }
}

/// A stage stopped the build; its problems are already in the shared [`Diagnostics`].
#[derive(Debug)]
pub struct Stopped;

/// Line `number` (1-based) of a file, to show under a diagnostic.
fn source_line(path: &Path, number: u64) -> Option<String> {
    if number == 0 {
        return None;
    }
    let text = crate::load::read_text(path).ok()?;
    text.lines().nth(number as usize - 1).map(|l| l.trim_end_matches('\r').to_string())
}

/// The closest candidate to `wrong`, for "did you mean" hints.
pub fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wrong_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_a_compiler() {
        let d =
            Diagnostic::error("data/po/x.yaml", "unknown kommun code \"9999\"").at(4, 7).hint("did you mean \"0999\"?");
        assert_eq!(
            d.to_string(),
            "data/po/x.yaml:4:7: error: unknown kommun code \"9999\"\n  hint: did you mean \"0999\"?"
        );
    }

    #[test]
    fn shows_the_source_line_with_a_marker() {
        let d = Diagnostic::error("data/po/x.yaml", "unknown kommun code \"0116\"")
            .at(5, 20)
            .hint("did you mean \"0114\"?");
        assert_eq!(
            d.render(Some("kommuner: [\"0114\", \"0116\"]")),
            "data/po/x.yaml:5:20: error: unknown kommun code \"0116\"\n  |\n5 | kommuner: [\"0114\", \"0116\"]\n  |                    ^\n  hint: did you mean \"0114\"?"
        );
    }

    #[test]
    fn errors_come_before_warnings() {
        let mut d = Diagnostics::default();
        d.push(Diagnostic::warning("a.yaml", "known disagreement"));
        d.push(Diagnostic::error("z.yaml", "broken"));
        let text = d.to_terminal(Path::new("/nonexistent"));
        assert_eq!(text, "z.yaml: error: broken\na.yaml: warning: known disagreement\n1 error(s), 1 warning(s)");
        let html = d.to_html();
        assert!(
            html.starts_with("<h2>1 fel</h2><ol><li><pre>z.yaml: error: broken</pre></li></ol><details>"),
            "{html}"
        );
    }

    #[test]
    fn suggests_the_nearest_name() {
        let names = ["kommuner", "kallor", "kontakt"];
        assert_eq!(did_you_mean("komuner", names), Some("kommuner"));
        assert_eq!(did_you_mean("zzz", names), None);
    }
}
