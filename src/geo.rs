//! Kommun and län boundaries: read from `data/geo/*.geojson` (WGS 84, made by
//! tools/geo.py) and projected to SWEREF 99 TM (EPSG:3006), the projection Swedish
//! authorities draw their maps in.

use std::collections::BTreeMap;
use std::path::Path;

use proj4rs::proj::Proj;
use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::read_text;

/// A boundary in SWEREF 99 TM metres: polygons, each a list of rings of (easting, northing).
#[derive(Debug, Clone, Default)]
pub struct Shape {
    pub polygons: Vec<Vec<Vec<(f64, f64)>>>,
}

impl Shape {
    /// (min easting, min northing, max easting, max northing)
    pub fn bounds(&self) -> Option<(f64, f64, f64, f64)> {
        let mut points = self.polygons.iter().flatten().flatten();
        let &(e, n) = points.next()?;
        Some(points.fold((e, n, e, n), |(a, b, c, d), &(e, n)| (a.min(e), b.min(n), c.max(e), d.max(n))))
    }
}

/// Boundaries by code: kommun codes (four digits) and län codes (two digits).
#[derive(Debug, Default)]
pub struct Geo {
    pub kommuner: BTreeMap<String, Shape>,
    pub lan: BTreeMap<String, Shape>,
}

#[derive(Deserialize)]
struct FeatureCollection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Properties {
    kod: String,
}

#[derive(Deserialize)]
#[serde(tag = "type")]
enum Geometry {
    Polygon { coordinates: Vec<Vec<[f64; 2]>> },
    MultiPolygon { coordinates: Vec<Vec<Vec<[f64; 2]>>> },
}

pub const KOMMUNER_FILE: &str = "data/geo/kommuner.geojson";
pub const LAN_FILE: &str = "data/geo/lan.geojson";

/// Reads the boundary files if the site has them (a site without data/geo/ has no maps).
pub fn load(root: &Path) -> (Option<Geo>, Diagnostics) {
    let mut diags = Diagnostics::default();
    if !root.join(KOMMUNER_FILE).exists() {
        return (None, diags);
    }
    let projector = match Projector::new() {
        Ok(p) => p,
        Err(m) => {
            diags.push(Diagnostic::error(KOMMUNER_FILE, m));
            return (None, diags);
        }
    };
    let mut geo = Geo::default();
    for (rel, target) in [(KOMMUNER_FILE, &mut geo.kommuner), (LAN_FILE, &mut geo.lan)] {
        match read_layer(root, rel, &projector) {
            Ok(shapes) => *target = shapes,
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() { (None, diags) } else { (Some(geo), diags) }
}

fn read_layer(root: &Path, rel: &str, projector: &Projector) -> Result<BTreeMap<String, Shape>, Diagnostic> {
    let text = read_text(&root.join(rel)).map_err(|e| e.diagnostic(rel))?;
    let collection: FeatureCollection = serde_json::from_str(&text).map_err(|e| {
        Diagnostic::error(rel, format!("not a GeoJSON feature collection: {e}"))
            .at(e.line() as u64, e.column() as u64)
            .hint("regenerate it with python3 tools/geo.py")
    })?;
    let mut shapes = BTreeMap::new();
    for feature in collection.features {
        let polygons = match feature.geometry {
            Geometry::Polygon { coordinates } => vec![coordinates],
            Geometry::MultiPolygon { coordinates } => coordinates,
        };
        let mut shape = Shape::default();
        for polygon in polygons {
            let mut rings = Vec::new();
            for ring in polygon {
                let projected: Result<Vec<(f64, f64)>, String> =
                    ring.iter().map(|&[lon, lat]| projector.project(lon, lat)).collect();
                rings.push(projected.map_err(|m| Diagnostic::error(rel, format!("{}: {m}", feature.properties.kod)))?);
            }
            shape.polygons.push(rings);
        }
        if shapes.insert(feature.properties.kod.clone(), shape).is_some() {
            return Err(Diagnostic::error(rel, format!("code {} appears twice", feature.properties.kod)));
        }
    }
    Ok(shapes)
}

/// WGS 84 longitude/latitude → SWEREF 99 TM easting/northing in metres.
pub struct Projector {
    wgs84: Proj,
    sweref99tm: Proj,
}

impl Projector {
    pub fn new() -> Result<Self, String> {
        let wgs84 =
            Proj::from_proj_string("+proj=longlat +ellps=WGS84 +datum=WGS84 +no_defs").map_err(|e| e.to_string())?;
        // EPSG:3006 as PROJ defines it.
        let sweref99tm =
            Proj::from_proj_string("+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs")
                .map_err(|e| e.to_string())?;
        Ok(Projector { wgs84, sweref99tm })
    }

    pub fn project(&self, lon: f64, lat: f64) -> Result<(f64, f64), String> {
        if !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
            return Err(format!("coordinate out of range: {lon}, {lat}"));
        }
        let mut point = (lon.to_radians(), lat.to_radians(), 0.0);
        proj4rs::transform::transform(&self.wgs84, &self.sweref99tm, &mut point).map_err(|e| e.to_string())?;
        Ok((point.0, point.1))
    }
}
