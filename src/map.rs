//! Map geometry for the templates: every boundary as compact SVG path data in one
//! national frame, so that any map (Sweden, a län, an organisation's kommuner) is the
//! same paths with a different `viewBox`. Colours, titles and links are the templates'.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::geo::{Geo, Shape};
use crate::text::html_escaped;

/// Metres per SVG unit. Sweden is about 1 570 km tall: 6 300 units, fine enough for a
/// zoomed-in län map while keeping the numbers short.
const METRES_PER_UNIT: f64 = 250.0;

/// The locator maps' län outlines are drawn this many times coarser (2 km): they are
/// shown a few centimetres tall, and each kommun page carries them.
pub const LAN_SCALE: i64 = 8;

/// Paths and boxes in SVG units, as templates see them.
#[derive(Debug, Default, Serialize)]
pub struct MapData {
    /// kommun code → path data
    pub kommuner: BTreeMap<String, String>,
    /// län code → path data (simplified outlines for small locator maps, in units
    /// `LAN_SCALE` times larger than the kommun paths)
    pub lan: BTreeMap<String, String>,
    /// kommun code → [min x, min y, max x, max y]
    pub ramar: BTreeMap<String, [i64; 4]>,
    /// The whole country.
    pub sverige: Ram,
    /// How much coarser the län outlines are than the kommun paths.
    pub lan_skala: i64,
}

/// What a map needs to know about its extent.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Ram {
    /// "x y width height" for the SVG `viewBox`
    pub viewbox: String,
    /// Side of one hatching tile, in the map's units: about 1/160 of its height, so
    /// patterns look the same on the national map and on a zoomed-in län.
    pub ruta: i64,
}

/// Origin (west, north) of the national frame in SWEREF 99 TM metres.
struct Frame {
    west: f64,
    north: f64,
    metres_per_unit: f64,
}

impl Frame {
    fn to_svg(&self, (e, n): (f64, f64)) -> (i64, i64) {
        (
            ((e - self.west) / self.metres_per_unit).round() as i64,
            ((self.north - n) / self.metres_per_unit).round() as i64,
        )
    }
}

pub fn build(geo: &Geo) -> MapData {
    let Some((west, south, east, north)) =
        union(geo.kommuner.values().chain(geo.lan.values()).filter_map(Shape::bounds))
    else {
        return MapData::default();
    };
    let frame = Frame { west, north, metres_per_unit: METRES_PER_UNIT };
    let coarse = Frame { metres_per_unit: METRES_PER_UNIT * LAN_SCALE as f64, ..frame };
    let (w, h) = frame.to_svg((east, south));
    let mut data = MapData { sverige: ram([0, 0, w, h], 0.01), lan_skala: LAN_SCALE, ..MapData::default() };
    for (code, shape) in &geo.kommuner {
        data.kommuner.insert(code.clone(), path_data(shape, &frame));
        if let Some((a, b, c, d)) = shape.bounds() {
            let (x0, y1) = frame.to_svg((a, b));
            let (x1, y0) = frame.to_svg((c, d));
            data.ramar.insert(code.clone(), [x0, y0, x1, y1]);
        }
    }
    for (code, shape) in &geo.lan {
        data.lan.insert(code.clone(), path_data(shape, &coarse));
    }
    data
}

/// The shared path definitions a page's maps `<use>`: one `<path id="k…">` per kommun,
/// in the order given, as kartor.html's `banor` wrote them. Each path line is made once
/// per build (see [`Fragments`]), so a page only concatenates. Err names a code without
/// a boundary.
pub struct Fragments {
    /// kommun code → `<path id="k…" d="…" vector-effect="non-scaling-stroke"/>` + newline
    kommun_paths: BTreeMap<String, String>,
    /// (län code, its coarse outline), in code order
    lan: Vec<(String, String)>,
    lan_skala: i64,
}

impl Fragments {
    pub fn new(data: &MapData) -> Fragments {
        let kommun_paths = data
            .kommuner
            .iter()
            .map(|(code, d)| {
                (
                    code.clone(),
                    format!(
                        r#"<path id="k{}" d="{}" vector-effect="non-scaling-stroke"/>"#,
                        html_escaped(code),
                        html_escaped(d)
                    ) + "\n",
                )
            })
            .collect();
        let lan = data.lan.iter().map(|(code, d)| (code.clone(), html_escaped(d))).collect();
        Fragments { kommun_paths, lan, lan_skala: data.lan_skala }
    }

    /// `<svg class="kartdefs">` holding the paths of these kommuner.
    pub fn banor<'a>(&self, codes: impl IntoIterator<Item = &'a str>) -> Result<String, &'a str> {
        let mut out = String::from(r#"<svg class="kartdefs" aria-hidden="true" focusable="false"><defs>"#);
        out.push('\n');
        for code in codes {
            out.push_str(self.kommun_paths.get(code).ok_or(code)?);
        }
        out.push_str("</defs></svg>");
        Ok(out)
    }

    /// The locator map's län outlines, `own` (a län code) drawn as the kommun's own län.
    pub fn lansgranser(&self, own: &str) -> String {
        let mut out = format!(r#"<g transform="scale({})">"#, self.lan_skala);
        out.push('\n');
        for (code, d) in &self.lan {
            let class = if code == own { "eget-lan" } else { "lan" };
            out.push_str(&format!(r#"<path class="{class}" d="{d}" vector-effect="non-scaling-stroke"/>"#));
            out.push('\n');
        }
        out.push_str("</g>");
        out
    }
}

/// The `viewBox` that shows the given kommuner with a margin, or None if none has a shape.
pub fn frame_of<'a>(ramar: &BTreeMap<String, [i64; 4]>, codes: impl IntoIterator<Item = &'a str>) -> Option<Ram> {
    let boxes: Vec<[i64; 4]> = codes.into_iter().filter_map(|c| ramar.get(c).copied()).collect();
    let first = *boxes.first()?;
    let b = boxes.iter().fold(first, |a, b| [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])]);
    Some(ram(b, 0.04))
}

fn ram([x0, y0, x1, y1]: [i64; 4], margin: f64) -> Ram {
    let pad = ((((x1 - x0).max(y1 - y0)) as f64) * margin).ceil() as i64 + 2;
    let (w, h) = (x1 - x0 + 2 * pad, y1 - y0 + 2 * pad);
    Ram { viewbox: format!("{} {} {w} {h}", x0 - pad, y0 - pad), ruta: (w.max(h) / 160).max(1) }
}

fn union(boxes: impl Iterator<Item = (f64, f64, f64, f64)>) -> Option<(f64, f64, f64, f64)> {
    boxes.reduce(|a, b| (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3)))
}

/// Rings as "M x y" then relative "l dx dy …" and "z", integers only, with points that
/// round onto their predecessor dropped.
fn path_data(shape: &Shape, frame: &Frame) -> String {
    let mut out = String::new();
    for ring in shape.polygons.iter().flatten() {
        let mut points: Vec<(i64, i64)> = ring.iter().map(|&p| frame.to_svg(p)).collect();
        points.dedup();
        if points.len() > 1 && points.first() == points.last() {
            points.pop();
        }
        if points.len() < 3 {
            continue;
        }
        let (x, y) = points[0];
        out.push_str(&format!("M{x} {y}l"));
        let mut first = true;
        for pair in points.windows(2) {
            let (dx, dy) = (pair[1].0 - pair[0].0, pair[1].1 - pair[0].1);
            for (i, v) in [dx, dy].into_iter().enumerate() {
                // A minus sign separates numbers by itself.
                if v >= 0 && !(first && i == 0) {
                    out.push(' ');
                }
                out.push_str(&v.to_string());
            }
            first = false;
        }
        out.push('z');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_compact_and_relative() {
        let square = Shape {
            polygons: vec![vec![vec![(0.0, 1000.0), (500.0, 1000.0), (500.0, 500.0), (0.0, 500.0), (0.0, 1000.0)]]],
        };
        let frame = Frame { west: 0.0, north: 1000.0, metres_per_unit: METRES_PER_UNIT };
        assert_eq!(path_data(&square, &frame), "M0 0l2 0 0 2-2 0z");
    }

    #[test]
    fn fragments_are_the_templates_markup() {
        let data = MapData {
            kommuner: BTreeMap::from([
                ("0114".into(), "M0 0l2 0 0 2z".into()),
                ("0115".into(), "M5 5l1 0 0 1z".into()),
            ]),
            lan: BTreeMap::from([("01".into(), "M0 0l1 0 0 1z".into()), ("03".into(), "M9 9l1 0 0 1z".into())]),
            lan_skala: 8,
            ..MapData::default()
        };
        let f = Fragments::new(&data);
        assert_eq!(
            f.banor(["0115", "0114"]).unwrap(),
            "<svg class=\"kartdefs\" aria-hidden=\"true\" focusable=\"false\"><defs>\n\
             <path id=\"k0115\" d=\"M5 5l1 0 0 1z\" vector-effect=\"non-scaling-stroke\"/>\n\
             <path id=\"k0114\" d=\"M0 0l2 0 0 2z\" vector-effect=\"non-scaling-stroke\"/>\n\
             </defs></svg>"
        );
        assert_eq!(f.banor(["0114", "9999"]), Err("9999"));
        assert_eq!(
            f.lansgranser("03"),
            "<g transform=\"scale(8)\">\n\
             <path class=\"lan\" d=\"M0 0l1 0 0 1z\" vector-effect=\"non-scaling-stroke\"/>\n\
             <path class=\"eget-lan\" d=\"M9 9l1 0 0 1z\" vector-effect=\"non-scaling-stroke\"/>\n\
             </g>"
        );
    }

    #[test]
    fn tiny_rings_vanish_instead_of_drawing_dots() {
        let speck = Shape { polygons: vec![vec![vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 0.0)]]] };
        assert_eq!(path_data(&speck, &Frame { west: 0.0, north: 0.0, metres_per_unit: METRES_PER_UNIT }), "");
    }
}
