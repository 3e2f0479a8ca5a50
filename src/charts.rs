//! Bar charts of the statistics tables, drawn at build time as inline SVG.
//!
//! A chart repeats what its table says, for readers who take in a trend faster from a
//! picture; the table stays the full record. The markup is self-contained: no script,
//! no external references and no `style` attributes (the site's CSP forbids inline
//! styles), only presentation attributes and class names. Each chart has `role="img"`,
//! a `<title>` and a `<desc>` that lists every value, so a screen reader gets the same
//! figures as the picture.
//!
//! Which charts a table gives:
//! - not per kommun, several years: one vertical bar chart per measure that has figures
//!   for at least two years;
//! - not per kommun, a single year: one horizontal bar chart with a bar per measure;
//! - per kommun: one horizontal bar chart per (year, measure) with at least two kommuner,
//!   largest first.
//!
//! Missing figures are left out, never drawn as zero. A row with a note gets an asterisk
//! after its value labels, and the note goes into the description.

use serde::Serialize;

use crate::model::{Kolumn, StatistikRad, StatistikTabell};
use crate::text::{format_number, sort_key};

/// One chart: its heading (for the page to show) and its SVG markup.
#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub rubrik: String,
    pub svg: String,
}

/// The viewBox width; the height follows from the content.
const WIDTH: f64 = 640.0;
/// Rough advance of one character of 13-unit system-ui text.
const CHAR_W: f64 = 7.5;
/// Label text size (tick, category and value labels).
const FONT: f64 = 13.0;
/// Axis titles.
const TITLE_FONT: f64 = 14.0;
/// Baseline offset that centres a 13-unit line vertically on a point.
const CENTRE_BASELINE: f64 = 4.5;
/// Outer margin on every side.
const MARGIN: f64 = 12.0;
/// The widest the category label column may grow; longer labels wrap.
const LABEL_CAP: f64 = 300.0;
/// Room under the plot for tick labels and the axis title.
const BOTTOM: f64 = 52.0;
/// Extra room for the footnote explaining the asterisk.
const FOOTNOTE: f64 = 22.0;

const BAR_FILL: &str = "#0a4f94";
const BAR_STROKE: &str = "#06284a";
const GRID: &str = "#d9dde2";
const AXIS: &str = "#4a4a4a";
const TEXT: &str = "#1b1b1b";
const FONT_FAMILY: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

/// The charts for one statistics table. `kommun_namn` turns a kommun code into its
/// name; `prefix` makes the element ids unique on the page (use a different prefix for
/// each table on the page; characters other than ASCII letters, digits, `-` and `_`
/// become `-`). Charts within one call get ids `{prefix}-{n}-titel` and
/// `{prefix}-{n}-beskrivning`, n counting from 1.
pub fn charts(table: &StatistikTabell, kommun_namn: &dyn Fn(&str) -> String, prefix: &str) -> Vec<Chart> {
    let specs = if table.per_kommun { per_kommun(table, kommun_namn) } else { whole(table) };
    let prefix = id_safe(prefix);
    specs
        .into_iter()
        .enumerate()
        .map(|(i, spec)| {
            let svg = render(&spec, &format!("{prefix}-{}", i + 1));
            Chart { rubrik: spec.rubrik, svg }
        })
        .collect()
}

/// A chart before layout.
struct Spec {
    rubrik: String,
    /// Opening sentence of the description.
    intro: String,
    /// Value axis title, with the unit ("Antal klienter").
    unit: String,
    /// Category axis title ("År", "Kommun"), if any.
    category: Option<&'static str>,
    bars: Vec<Bar>,
    vertical: bool,
}

struct Bar {
    /// Category: a year, a kommun name or a measure.
    label: String,
    value: f64,
    /// The value as shown: Swedish style, with its qualifier ("ca 90").
    text: String,
    note: Option<String>,
}

impl Bar {
    fn value_label(&self) -> String {
        if self.note.is_some() { format!("{}*", self.text) } else { self.text.clone() }
    }
}

/// A cell of a row as a bar, when it holds a figure: the model's number and qualifier.
fn bar(row: &StatistikRad, column: usize, label: String) -> Option<Bar> {
    let value = f64::from(row.tal.get(column).copied().flatten()?);
    let text = crate::model::qualified(&format_number(value), row.ungefar);
    Some(Bar { label, value, text, note: row.anmarkning.clone() })
}

/// Value axis title for a measure.
fn unit(k: &Kolumn) -> String {
    match crate::measures::by_key(k.nyckel) {
        Some(m) => m.unit.to_string(),
        None => format!("Antal: {}", lower_first(k.rubrik)),
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// A table for the organisation as a whole.
fn whole(table: &StatistikTabell) -> Vec<Spec> {
    let mut years: Vec<u32> = table.rader.iter().map(|r| r.ar).collect();
    years.sort_unstable();
    years.dedup();
    if let [year] = years[..] {
        // One year: the measures side by side, in column order.
        let bars: Vec<Bar> = table
            .kolumner
            .iter()
            .enumerate()
            .flat_map(|(c, k)| table.rader.iter().filter_map(move |r| bar(r, c, k.rubrik.to_string())))
            .collect();
        if bars.len() < 2 {
            return Vec::new();
        }
        return vec![Spec {
            rubrik: format!("Hela verksamheten {year}"),
            intro: format!("Liggande stapeldiagram över verksamhetens siffror för {year}."),
            unit: "Antal".into(),
            category: None,
            bars,
            vertical: false,
        }];
    }
    table
        .kolumner
        .iter()
        .enumerate()
        .filter_map(|(c, k)| {
            // Rows come sorted by year; a year given twice (two sources) gets two bars.
            let bars: Vec<Bar> = table.rader.iter().filter_map(|r| bar(r, c, r.ar.to_string())).collect();
            let mut with_figures: Vec<&str> = bars.iter().map(|b| b.label.as_str()).collect();
            with_figures.dedup();
            if with_figures.len() < 2 {
                return None;
            }
            let (first, last) = (&bars[0].label, &bars[bars.len() - 1].label);
            let unit = unit(k);
            Some(Spec {
                rubrik: format!("{}, {first}–{last}", k.rubrik),
                intro: format!("Stapeldiagram: {} per år, {first}–{last}.", lower_first(&unit)),
                unit,
                category: Some("År"),
                bars,
                vertical: true,
            })
        })
        .collect()
}

/// A per-kommun table: a chart per year and measure.
fn per_kommun(table: &StatistikTabell, kommun_namn: &dyn Fn(&str) -> String) -> Vec<Spec> {
    let mut years: Vec<u32> = table.rader.iter().map(|r| r.ar).collect();
    years.sort_unstable();
    years.dedup();
    let mut specs = Vec::new();
    for year in years {
        for (c, k) in table.kolumner.iter().enumerate() {
            let mut bars: Vec<(Vec<u32>, &str, Bar)> = table
                .rader
                .iter()
                .filter(|r| r.ar == year)
                .filter_map(|r| {
                    let code = r.kommun.as_deref().unwrap_or("");
                    let name = if code.is_empty() { "Okänd kommun".to_string() } else { kommun_namn(code) };
                    bar(r, c, name.clone()).map(|b| (sort_key(&name), code, b))
                })
                .collect();
            let mut kommuner: Vec<&str> = bars.iter().map(|b| b.1).collect();
            kommuner.sort_unstable();
            kommuner.dedup();
            if kommuner.len() < 2 {
                continue;
            }
            bars.sort_by(|a, b| b.2.value.total_cmp(&a.2.value).then_with(|| a.0.cmp(&b.0)).then(a.1.cmp(b.1)));
            let unit = unit(k);
            specs.push(Spec {
                rubrik: format!("{} per kommun, {year}", k.rubrik),
                intro: format!("Liggande stapeldiagram: {} per kommun {year}, störst först.", lower_first(&unit)),
                unit,
                category: Some("Kommun"),
                bars: bars.into_iter().map(|b| b.2).collect(),
                vertical: false,
            });
        }
    }
    specs
}

/// Escapes text for XML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn id_safe(prefix: &str) -> String {
    let s: String =
        prefix.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    if s.is_empty() { "diagram".into() } else { s }
}

/// A coordinate with at most one decimal: "12", "12.5".
fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    let s = format!("{r:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn text_width(s: &str, font: f64) -> f64 {
    s.chars().count() as f64 * CHAR_W * font / FONT
}

/// "a", "a och b", "a, b och c".
fn swedish_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} och {last}", init.join(", ")),
    }
}

/// The description: intro, every value, then the notes (each note once, with the
/// categories it belongs to).
fn description(spec: &Spec) -> String {
    let values: Vec<String> = spec.bars.iter().map(|b| format!("{}: {}", b.label, b.text)).collect();
    let mut out = format!("{} {}.", spec.intro, values.join(", "));
    let mut notes: Vec<(&str, Vec<&str>)> = Vec::new();
    for b in &spec.bars {
        if let Some(note) = &b.note {
            match notes.iter_mut().find(|(n, _)| n == note) {
                Some((_, labels)) => {
                    if !labels.contains(&b.label.as_str()) {
                        labels.push(&b.label)
                    }
                }
                None => notes.push((note, vec![&b.label])),
            }
        }
    }
    for (note, labels) in notes {
        let note = note.trim();
        let stop = if note.ends_with(['.', '!', '?']) { "" } else { "." };
        out.push_str(&format!(" Anmärkning (*) för {}: {note}{stop}", swedish_list(&labels)));
    }
    out
}

/// Round tick steps (1, 2, 5 × 10ⁿ) from 0 to at least `max`, at most `count` steps.
fn ticks(max: f64, count: usize, integer: bool) -> Vec<f64> {
    let max = if max > 0.0 { max } else { 1.0 };
    let raw = max / count.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let mut step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw * (1.0 - 1e-9));
    if integer {
        step = step.map(|s| s.max(1.0));
    }
    let step = step.unwrap_or(10.0 * magnitude);
    let n = ((max / step) - 1e-9).ceil().max(1.0) as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// Splits a label into lines of at most `max_chars` characters, at spaces where it can.
fn wrap(label: &str, max_chars: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in label.split(' ') {
        let mut word: Vec<char> = word.chars().collect();
        // Hard-break words that alone exceed a line.
        while word.len() > max_chars {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..max_chars).collect());
        }
        let word: String = word.into_iter().collect();
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > max_chars {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// SVG element collector.
struct Svg {
    grid: Vec<String>,
    bars: Vec<String>,
    axes: Vec<String>,
    labels: Vec<String>,
}

impl Svg {
    fn new() -> Self {
        Svg { grid: Vec::new(), bars: Vec::new(), axes: Vec::new(), labels: Vec::new() }
    }

    fn text(&mut self, x: f64, y: f64, anchor: &str, content: &str) {
        self.labels.push(format!(
            r#"<text x="{}" y="{}" text-anchor="{anchor}">{}</text>"#,
            num(x),
            num(y),
            esc(content)
        ));
    }

    fn bar(&mut self, x: f64, y: f64, w: f64, h: f64) {
        self.bars.push(format!(
            r#"<rect class="stapel" x="{}" y="{}" width="{}" height="{}"/>"#,
            num(x),
            num(y),
            num(w),
            num(h)
        ));
    }

    fn finish(self, spec: &Spec, id: &str, height: f64) -> String {
        let title_id = format!("{id}-titel");
        let desc_id = format!("{id}-beskrivning");
        let mut out = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="0 0 {w} {h}" width="100%" role="img" aria-labelledby="{t}" aria-describedby="{d}" font-family="{FONT_FAMILY}" font-size="{FONT}" fill="{TEXT}">"#,
            w = num(WIDTH),
            h = num(height),
            t = esc(&title_id),
            d = esc(&desc_id),
        );
        out.push_str(&format!(r#"<title id="{}">{}</title>"#, esc(&title_id), esc(&spec.rubrik)));
        out.push_str(&format!(r#"<desc id="{}">{}</desc>"#, esc(&desc_id), esc(&description(spec))));
        out.push_str(&format!(r#"<g class="rutnat" stroke="{GRID}" stroke-width="1">"#));
        out.extend(self.grid);
        out.push_str("</g>");
        out.push_str(&format!(r#"<g class="staplar" fill="{BAR_FILL}" stroke="{BAR_STROKE}" stroke-width="1">"#));
        out.extend(self.bars);
        out.push_str("</g>");
        out.push_str(&format!(r#"<g class="axlar" stroke="{AXIS}" stroke-width="1.5">"#));
        out.extend(self.axes);
        out.push_str("</g>");
        out.push_str(r#"<g class="etiketter">"#);
        out.extend(self.labels);
        out.push_str("</g></svg>");
        out
    }
}

fn axis_title(x: f64, y: f64, anchor: &str, rotate: bool, content: &str) -> String {
    let transform = if rotate { format!(r#" transform="rotate(-90 {} {})""#, num(x), num(y)) } else { String::new() };
    format!(
        r#"<text class="axeltitel" x="{}" y="{}" text-anchor="{anchor}" font-size="{TITLE_FONT}" font-weight="bold"{transform}>{}</text>"#,
        num(x),
        num(y),
        esc(content)
    )
}

const FOOTNOTE_TEXT: &str = "* Se anmärkningen i tabellen.";

fn render(spec: &Spec, id: &str) -> String {
    let integer = spec.bars.iter().all(|b| b.value.fract() == 0.0);
    let max = spec.bars.iter().map(|b| b.value).fold(0.0, f64::max);
    let has_note = spec.bars.iter().any(|b| b.note.is_some());
    if spec.vertical
        && let Some(svg) = render_vertical(spec, id, max, integer, has_note)
    {
        return svg;
    }
    render_horizontal(spec, id, max, integer, has_note)
}

/// Years along the x axis. None when the labels would not fit side by side (very many
/// years); the caller then lays the same bars out horizontally.
fn render_vertical(spec: &Spec, id: &str, max: f64, integer: bool, has_note: bool) -> Option<String> {
    let ticks = ticks(max, 5, integer);
    let top_value = ticks[ticks.len() - 1];
    let tick_w = ticks.iter().map(|t| text_width(&format_number(*t), FONT)).fold(0.0, f64::max);
    let title_w = text_width(&spec.unit, TITLE_FONT);
    let plot_h = f64::max(220.0, title_w + 20.0);
    // Room above the tallest bar for its value label.
    let top = 32.0;
    let base = top + plot_h;
    let title_x = MARGIN + TITLE_FONT / 2.0;
    let x0 = title_x + TITLE_FONT / 2.0 + 8.0 + tick_w + 6.0;
    let x1 = WIDTH - MARGIN;
    let band = (x1 - x0) / spec.bars.len() as f64;
    let widest = spec
        .bars
        .iter()
        .map(|b| f64::max(text_width(&b.value_label(), FONT), text_width(&b.label, FONT)))
        .fold(0.0, f64::max);
    if widest + 4.0 > band {
        return None;
    }
    let bar_w = (band * 0.7).min(64.0);
    let mut svg = Svg::new();
    for t in &ticks {
        let y = base - t / top_value * plot_h;
        svg.grid.push(format!(r#"<line x1="{}" y1="{}" x2="{}" y2="{}"/>"#, num(x0), num(y), num(x1), num(y)));
        svg.text(x0 - 6.0, y + CENTRE_BASELINE, "end", &format_number(*t));
    }
    for (i, b) in spec.bars.iter().enumerate() {
        let cx = x0 + band * (i as f64 + 0.5);
        let h = b.value / top_value * plot_h;
        svg.bar(cx - bar_w / 2.0, base - h, bar_w, h);
        svg.text(cx, base - h - 6.0, "middle", &b.value_label());
        svg.text(cx, base + 18.0, "middle", &b.label);
    }
    svg.axes.push(format!(r#"<line x1="{}" y1="{}" x2="{}" y2="{}"/>"#, num(x0), num(base), num(x1), num(base)));
    svg.labels.push(axis_title(title_x, top + plot_h / 2.0, "middle", true, &spec.unit));
    svg.labels.push(axis_title((x0 + x1) / 2.0, base + 42.0, "middle", false, spec.category.unwrap_or("")));
    let mut height = base + BOTTOM;
    if has_note {
        svg.text(MARGIN, height + 8.0, "start", FOOTNOTE_TEXT);
        height += FOOTNOTE;
    }
    Some(svg.finish(spec, id, height))
}

/// One row per bar, categories in a label column on the left, values along the x axis.
fn render_horizontal(spec: &Spec, id: &str, max: f64, integer: bool, has_note: bool) -> String {
    let max_chars = (LABEL_CAP / CHAR_W).floor() as usize;
    let lines: Vec<Vec<String>> = spec.bars.iter().map(|b| wrap(&b.label, max_chars)).collect();
    let label_w = lines.iter().flatten().map(|l| text_width(l, FONT)).fold(0.0, f64::max);
    let category_w = spec.category.map(|c| text_width(c, TITLE_FONT)).unwrap_or(0.0);
    let label_right = MARGIN + f64::max(label_w, category_w);
    let x0 = label_right + 10.0;
    let value_w = spec.bars.iter().map(|b| text_width(&b.value_label(), FONT)).fold(0.0, f64::max);
    let x1 = WIDTH - MARGIN - value_w - 6.0;
    let plot_w = x1 - x0;
    // As many ticks as fit without their labels touching.
    let mut count = 6;
    let ticks = loop {
        let ticks = ticks(max, count, integer);
        let widest = ticks.iter().map(|t| text_width(&format_number(*t), FONT)).fold(0.0, f64::max);
        if count <= 1 || plot_w / (ticks.len() - 1) as f64 >= widest + 12.0 {
            break ticks;
        }
        count -= 1;
    };
    let top_value = ticks[ticks.len() - 1];
    let top = if spec.category.is_some() { 34.0 } else { MARGIN };
    let mut svg = Svg::new();
    if let Some(c) = spec.category {
        svg.labels.push(axis_title(label_right, top - 12.0, "end", false, c));
    }
    let mut y = top;
    for (b, lines) in spec.bars.iter().zip(&lines) {
        let row_h = f64::max(28.0, lines.len() as f64 * 16.0 + 12.0);
        let cy = y + row_h / 2.0;
        let w = b.value / top_value * plot_w;
        svg.bar(x0, cy - 9.0, w, 18.0);
        svg.text(x0 + w + 6.0, cy + CENTRE_BASELINE, "start", &b.value_label());
        let first = cy + CENTRE_BASELINE - (lines.len() as f64 - 1.0) * 8.0;
        for (i, line) in lines.iter().enumerate() {
            svg.text(label_right, first + i as f64 * 16.0, "end", line);
        }
        y += row_h;
    }
    let base = y;
    for t in &ticks {
        let x = x0 + t / top_value * plot_w;
        svg.grid.push(format!(r#"<line x1="{}" y1="{}" x2="{}" y2="{}"/>"#, num(x), num(top), num(x), num(base)));
        svg.text(x, base + 18.0, "middle", &format_number(*t));
    }
    svg.axes.push(format!(r#"<line x1="{}" y1="{}" x2="{}" y2="{}"/>"#, num(x0), num(top), num(x0), num(base)));
    svg.labels.push(axis_title((x0 + x1) / 2.0, base + 42.0, "middle", false, &spec.unit));
    let mut height = base + BOTTOM;
    if has_note {
        svg.text(MARGIN, height + 8.0, "start", FOOTNOTE_TEXT);
        height += FOOTNOTE;
    }
    svg.finish(spec, id, height)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::Ungefar;

    fn kolumn(nyckel: &'static str, rubrik: &'static str) -> Kolumn {
        Kolumn { nyckel, rubrik }
    }

    fn rad(ar: u32, kommun: Option<&str>, varden: &[Option<&str>], anmarkning: Option<&str>) -> StatistikRad {
        let approximate = varden.iter().flatten().any(|v| v.starts_with("ca "));
        StatistikRad {
            ar,
            kommun: kommun.map(str::to_string),
            varden: varden.iter().map(|v| v.map(str::to_string)).collect(),
            // The fixtures write cells as pages show them; the charts read only the numbers.
            tal: varden
                .iter()
                .map(|v| v.and_then(|c| c.trim_start_matches("ca ").replace('\u{a0}', "").parse().ok()))
                .collect(),
            ungefar: approximate.then_some(Ungefar::Ca),
            kalla: "kalla".into(),
            anmarkning: anmarkning.map(str::to_string),
        }
    }

    fn names(code: &str) -> String {
        match code {
            "2326" => "Berg".into(),
            "2305" => "Bräcke".into(),
            "2361" => "Härjedalen".into(),
            "2309" => "Krokom".into(),
            other => format!("Kommun {other}"),
        }
    }

    /// (x, y, width, height) of every bar.
    fn bars(svg: &str) -> Vec<[f64; 4]> {
        svg.split(r#"<rect class="stapel" "#)
            .skip(1)
            .map(|s| {
                let attr = |name: &str| -> f64 {
                    let start = s.find(&format!(r#"{name}=""#)).unwrap() + name.len() + 2;
                    s[start..].split('"').next().unwrap().parse().unwrap()
                };
                [attr("x"), attr("y"), attr("width"), attr("height")]
            })
            .collect()
    }

    /// (x, anchor, content, font size, rotated) of every <text>; content stays escaped.
    fn texts(svg: &str) -> Vec<(f64, String, String, f64, bool)> {
        svg.split("<text ")
            .skip(1)
            .map(|s| {
                let tag = format!(" {}", s.split('>').next().unwrap());
                let attr =
                    |name: &str| tag.split(&format!(r#" {name}=""#)).nth(1).map(|v| v.split('"').next().unwrap());
                let x: f64 = attr("x").unwrap().parse().unwrap();
                let anchor = attr("text-anchor").unwrap().to_string();
                let size = attr("font-size").map(|v| v.parse().unwrap()).unwrap_or(FONT);
                let content = s.split('>').nth(1).unwrap().split('<').next().unwrap().to_string();
                (x, anchor, content, size, tag.contains("rotate("))
            })
            .collect()
    }

    fn jamtland() -> StatistikTabell {
        let note_2005 = "Källan skriver \"År 2005 och 2006 totalt 60 klienter\".";
        StatistikTabell {
            per_kommun: false,
            kolumner: vec![kolumn("klienter", "Klienter under året"), kolumn("startade", "Nya under året")],
            rader: vec![
                rad(2004, None, &[Some("ca 90"), None], None),
                rad(2005, None, &[Some("60"), None], Some(note_2005)),
                rad(2006, None, &[Some("60"), None], Some(note_2005)),
                rad(2007, None, &[Some("110"), None], Some("Se konflikter")),
                rad(2008, None, &[Some("ca 95"), None], None),
                rad(2009, None, &[Some("150"), None], None),
                rad(2010, None, &[Some("130"), None], None),
                rad(2011, None, &[None, Some("107")], None),
            ],
        }
    }

    #[test]
    fn yearly_series_gives_one_vertical_chart_with_proportional_bars() {
        let charts = charts(&jamtland(), &names, "jamtland-0");
        // "Nya under året" has one year only, so no chart for it.
        assert_eq!(charts.len(), 1);
        let chart = &charts[0];
        assert_eq!(chart.rubrik, "Klienter under året, 2004–2010");
        let svg = &chart.svg;
        let b = bars(svg);
        assert_eq!(b.len(), 7);
        let values = [90.0, 60.0, 60.0, 110.0, 95.0, 150.0, 130.0];
        let scale = b[0][3] / values[0];
        for (bar, v) in b.iter().zip(values) {
            assert!((bar[3] - v * scale).abs() < 0.2, "bar {bar:?} not proportional to {v}");
            // All bars stand on the same baseline.
            assert!((bar[1] + bar[3] - (b[0][1] + b[0][3])).abs() < 0.2);
        }
        // Bars go left to right in year order.
        assert!(b.windows(2).all(|w| w[0][0] < w[1][0]));
        let labels: Vec<String> = texts(svg).into_iter().map(|t| t.2).collect();
        for l in ["ca 90", "60*", "110*", "ca 95", "150", "130", "2004", "2010", "År", "Antal klienter"] {
            assert!(labels.iter().any(|t| t == l), "missing label {l}: {labels:?}");
        }
        assert!(!labels.iter().any(|t| t == "2011"), "a year without a figure is not drawn");
        assert!(svg.contains(r#"role="img""#));
        assert!(svg.contains(r#"aria-labelledby="jamtland-0-1-titel""#));
        assert!(svg.contains(r#"<title id="jamtland-0-1-titel">Klienter under året, 2004–2010</title>"#));
        assert!(svg.contains(r#"<desc id="jamtland-0-1-beskrivning">"#));
        assert!(svg.contains("2004: ca 90, 2005: 60, 2006: 60, 2007: 110, 2008: ca 95, 2009: 150, 2010: 130."));
        assert!(svg.contains("Anmärkning (*) för 2005 och 2006: Källan skriver &quot;År 2005"));
        assert!(svg.contains("Anmärkning (*) för 2007: Se konflikter."));
        assert!(svg.contains(r#"viewBox="0 0 640 "#));
        assert!(svg.contains(r##"fill="#0a4f94""##));
    }

    #[test]
    fn single_year_gives_one_horizontal_chart_per_measure() {
        let table = StatistikTabell {
            per_kommun: false,
            kolumner: vec![
                kolumn("klienter", "Klienter under året"),
                kolumn("startade", "Nya under året"),
                kolumn("avslutade", "Avslutade"),
                kolumn("uppdrag", "Uppdrag"),
            ],
            rader: vec![rad(2023, None, &[Some("162"), Some("86"), Some("97"), Some("513")], None)],
        };
        let charts = charts(&table, &names, "sd");
        assert_eq!(charts.len(), 1);
        assert_eq!(charts[0].rubrik, "Hela verksamheten 2023");
        let svg = &charts[0].svg;
        let b = bars(svg);
        assert_eq!(b.len(), 4);
        let values = [162.0, 86.0, 97.0, 513.0];
        let scale = b[3][2] / 513.0;
        for (bar, v) in b.iter().zip(values) {
            assert!((bar[2] - v * scale).abs() < 0.2, "bar {bar:?} not proportional to {v}");
            assert_eq!(bar[0], b[0][0], "bars start at the same x");
        }
        // Rows go top to bottom in column order.
        assert!(b.windows(2).all(|w| w[0][1] < w[1][1]));
        let labels: Vec<String> = texts(svg).into_iter().map(|t| t.2).collect();
        for l in ["Klienter under året", "Nya under året", "Avslutade", "Uppdrag", "162", "513", "Antal"] {
            assert!(labels.iter().any(|t| t == l), "missing label {l}: {labels:?}");
        }
        assert!(svg.contains("Klienter under året: 162, Nya under året: 86, Avslutade: 97, Uppdrag: 513."));
        assert!(!svg.contains('*'), "no notes, no asterisks");
    }

    #[test]
    fn per_kommun_table_gives_a_chart_per_year_and_measure_sorted_by_value() {
        let table = StatistikTabell {
            per_kommun: true,
            kolumner: vec![kolumn("arenden_sedan_start", "Ärenden sedan start"), kolumn("aktuella", "Aktuella")],
            rader: vec![
                rad(2010, Some("2326"), &[Some("49"), Some("3")], None),
                rad(2010, Some("2305"), &[Some("40"), Some("5")], None),
                rad(2010, Some("2361"), &[Some("70"), None], Some("Till och med 2010.")),
                rad(2011, Some("2309"), &[Some("36"), Some("4")], None),
                rad(2011, Some("2326"), &[Some("ca 1\u{a0}200"), None], None),
            ],
        };
        let charts = charts(&table, &names, "pk");
        let rubriker: Vec<&str> = charts.iter().map(|c| c.rubrik.as_str()).collect();
        // 2011 Aktuella has one kommun only.
        assert_eq!(
            rubriker,
            [
                "Ärenden sedan start per kommun, 2010",
                "Aktuella per kommun, 2010",
                "Ärenden sedan start per kommun, 2011"
            ]
        );
        let first = &charts[0].svg;
        assert_eq!(bars(first).len(), 3);
        let labels: Vec<String> = texts(first).into_iter().map(|t| t.2).collect();
        let order: Vec<&String> =
            labels.iter().filter(|l| ["Berg", "Bräcke", "Härjedalen"].contains(&l.as_str())).collect();
        assert_eq!(order, ["Härjedalen", "Berg", "Bräcke"]);
        assert!(labels.iter().any(|l| l == "70*"));
        assert!(labels.iter().any(|l| l == "Kommun"));
        assert!(labels.iter().any(|l| l == "Antal ärenden sedan start"));
        assert!(first.contains("Härjedalen: 70, Berg: 49, Bräcke: 40."));
        assert!(first.contains("Anmärkning (*) för Härjedalen: Till och med 2010."));
        let third = &charts[2].svg;
        assert!(third.contains("ca 1\u{a0}200"));
        let b = bars(third);
        assert!((b[1][2] / b[0][2] - 36.0 / 1200.0).abs() < 0.01);
        // Ids are unique across the charts.
        assert!(charts[1].svg.contains(r#"id="pk-2-titel""#));
        assert!(charts[2].svg.contains(r#"id="pk-3-beskrivning""#));
    }

    #[test]
    fn text_is_escaped() {
        let table = StatistikTabell {
            per_kommun: true,
            kolumner: vec![kolumn("klienter", "Klienter under året")],
            rader: vec![
                rad(2020, Some("1"), &[Some("5")], Some("a < b & \"c\"")),
                rad(2020, Some("2"), &[Some("7")], None),
            ],
        };
        let name = |code: &str| if code == "1" { "Öst & <Väst> \"'".to_string() } else { "Norr".to_string() };
        let charts = charts(&table, &name, "x\"><script>");
        assert_eq!(charts.len(), 1);
        let svg = &charts[0].svg;
        assert!(svg.contains("Öst &amp; &lt;Väst&gt; &quot;&apos;"));
        assert!(svg.contains("a &lt; b &amp; &quot;c&quot;"));
        assert!(!svg.contains("<Väst>"));
        assert!(!svg.contains("<script"));
        assert!(svg.contains(r#"id="x---script--1-titel""#));
    }

    #[test]
    fn empty_tables_give_no_charts() {
        let empty = StatistikTabell { per_kommun: false, kolumner: vec![], rader: vec![] };
        assert!(charts(&empty, &names, "e").is_empty());
        let empty = StatistikTabell { per_kommun: true, kolumner: vec![], rader: vec![] };
        assert!(charts(&empty, &names, "e").is_empty());
        let gaps = StatistikTabell {
            per_kommun: false,
            kolumner: vec![kolumn("klienter", "Klienter under året")],
            rader: vec![rad(2004, None, &[None], None), rad(2005, None, &[Some("–")], None)],
        };
        assert!(charts(&gaps, &names, "e").is_empty());
    }

    #[test]
    fn output_is_deterministic_and_csp_safe() {
        let a = charts(&jamtland(), &names, "p");
        let b = charts(&jamtland(), &names, "p");
        assert_eq!(a[0].svg, b[0].svg);
        for forbidden in ["style=", "<script", "href", "url(", "<image", "NaN", "=\"inf", "=\"-"] {
            assert!(!a[0].svg.contains(forbidden), "contains {forbidden}");
        }
        let sizes: Vec<f64> =
            a[0].svg.split("font-size=\"").skip(1).map(|s| s.split('"').next().unwrap().parse().unwrap()).collect();
        assert!(!sizes.is_empty() && sizes.iter().all(|s| *s >= 13.0));
    }

    /// Every label, by its estimated width, stays inside the viewBox.
    fn assert_inside(svg: &str) {
        for (x, anchor, content, size, rotated) in texts(svg) {
            if rotated {
                // Rotated a quarter turn about (x, y): only its height spans x.
                assert!(x - size >= 0.0 && x + size <= WIDTH, "{content:?} at {x}");
                continue;
            }
            let w = text_width(&content, size);
            let (left, right) = match anchor.as_str() {
                "start" => (x, x + w),
                "end" => (x - w, x),
                _ => (x - w / 2.0, x + w / 2.0),
            };
            assert!(left >= 0.0 && right <= WIDTH, "{content:?} spans {left}..{right}");
        }
    }

    #[test]
    fn long_names_and_many_years_stay_inside() {
        let long = "Kommunalförbundet för personligt ombud i Norra Hälsinglands skogsbygder och kust";
        let table = StatistikTabell {
            per_kommun: true,
            kolumner: vec![kolumn("klienter", "Klienter under året")],
            rader: vec![
                rad(2020, Some("1"), &[Some("drygt 1\u{a0}234\u{a0}567")], Some("n")),
                rad(2020, Some("2"), &[Some("7")], None),
                rad(2020, Some("3"), &[Some("0")], None),
            ],
        };
        let name = |code: &str| if code == "1" { long.to_string() } else { format!("Kort {code}") };
        let c = charts(&table, &name, "l");
        assert_eq!(c.len(), 1);
        assert_inside(&c[0].svg);
        assert!(bars(&c[0].svg).iter().all(|b| b[0] + b[2] <= WIDTH));

        // Thirty years do not fit side by side: the same bars are laid out in rows.
        let rows: Vec<StatistikRad> =
            (1990..2020).map(|y| rad(y, None, &[Some(&format!("ca {}", y * 10))], None)).collect();
        let table = StatistikTabell { per_kommun: false, kolumner: vec![kolumn("uppdrag", "Uppdrag")], rader: rows };
        let c = charts(&table, &names, "m");
        assert_eq!(c.len(), 1);
        assert_eq!(bars(&c[0].svg).len(), 30);
        assert_inside(&c[0].svg);

        let c = charts(&jamtland(), &names, "j");
        assert_inside(&c[0].svg);
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(ticks(150.0, 5, true), [0.0, 50.0, 100.0, 150.0]);
        assert_eq!(ticks(513.0, 5, true), [0.0, 200.0, 400.0, 600.0]);
        assert_eq!(ticks(2.0, 5, true), [0.0, 1.0, 2.0]);
        assert_eq!(ticks(0.0, 5, true), [0.0, 1.0]);
    }
}
