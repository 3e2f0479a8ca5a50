//! Maps: projection accuracy, and the SVG maps of the fixture and national sites checked
//! against their data.

mod common;
use common::*;

#[test]
fn projection_matches_proj_within_a_millimetre() {
    let projector = katalog::geo::Projector::new().unwrap();
    let csv = read(&repo().join("tests/fixtures/projection/reference.csv"));
    let mut checked = 0;
    for line in csv.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let v: Vec<f64> = line.split(',').map(|x| x.trim().parse().unwrap()).collect();
        let (lat, lon, northing, easting) = (v[0], v[1], v[2], v[3]);
        let (e, n) = projector.project(lon, lat).unwrap();
        assert!((e - easting).abs() < 0.001 && (n - northing).abs() < 0.001, "{lat},{lon}: got {e},{n}");
        checked += 1;
    }
    assert!(checked >= 10, "too few reference points: {checked}");
}

/// `<a …>` elements of the map inside `<figure … id_prefix …>`, as (href, class) pairs.
fn map_links(html: &str, map_id: &str) -> Vec<(String, String)> {
    let start = html.find(&format!("aria-labelledby=\"{map_id}-rubrik\"")).expect("map present");
    let end = start + html[start..].find("</svg>").expect("map end");
    html[start..end]
        .split("<a href=\"")
        .skip(1)
        .map(|a| {
            let href = a.split('"').next().unwrap().to_string();
            let class = a.split("class=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
            (href, class)
        })
        .collect()
}

#[test]
fn fixture_maps_show_each_kommun_with_its_state() {
    let out = built_fixture();
    let karta = read(&out.join("karta/index.html"));
    let mut links = map_links(&karta, "po");
    links.sort();
    let expected = [
        ("/kommun/avesta/", "k-samverkan"),
        ("/kommun/borlange/", "k-samverkan"),
        ("/kommun/habo-jonkopings-lan/", "k-okand"),
        ("/kommun/habo-uppsala-lan/", "k-osaker"),
        ("/kommun/upplands-vasby/", "k-entreprenad"),
        ("/kommun/vallentuna/", "k-saknas"),
    ];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(links, expected);
    // Hatched states carry their pattern; every path is written once and reused by both maps.
    assert!(karta.contains(r#"class="k-saknas" fill="url(#po-saknas)""#));
    assert!(
        karta.contains(r##"aria-label="Vallentuna: saknar personligt ombud enligt källan"><use href="#k"##),
        "{karta}"
    );
    // Two elements per shape: the link and its <use>, nothing else.
    assert!(!karta.contains("<title>Vallentuna"), "{karta}");
    assert_eq!(karta.matches("<path id=\"k2084\"").count(), 1);
    assert_eq!(karta.matches("<use href=\"#k2084\"/>").count(), 2);
    let dmo = map_links(&karta, "dmo");
    assert!(dmo.contains(&("/kommun/habo-jonkopings-lan/".into(), "k-dmo-aktiv".into())));
    // The legend counts what the map shows.
    assert!(visible_text(&karta).contains("Saknar personligt ombud enligt källan (1)"));

    let lan = read(&out.join("lan/dalarnas-lan/index.html"));
    let lan_links: Vec<String> = map_links(&lan, "po").into_iter().map(|l| l.0).collect();
    assert_eq!(lan_links, ["/kommun/avesta/", "/kommun/borlange/"]);

    let org = read(&out.join("po/vasby-test/index.html"));
    let mut org_links = map_links(&org, "org");
    org_links.sort();
    assert_eq!(
        org_links,
        [
            ("/kommun/upplands-vasby/".to_string(), "k-medlem".to_string()),
            ("/kommun/vallentuna/".to_string(), "k-ovrig".to_string())
        ]
    );

    let kommun = read(&out.join("kommun/avesta/index.html"));
    assert!(kommun.contains(r#"<svg class="lagesbild""#) && kommun.contains("Karta: Avesta ligger i Dalarnas län."));
}

#[test]
fn missing_boundary_is_an_error() {
    let site = fixture("minimal");
    let path = site.path().join("data/geo/kommuner.geojson");
    let mut geojson: serde_json::Value = serde_json::from_str(&read(&path)).unwrap();
    geojson["features"].as_array_mut().unwrap().retain(|f| f["properties"]["kod"] != "2084");
    let without_avesta = geojson.to_string();
    write(site.path(), "data/geo/kommuner.geojson", &without_avesta);
    let err = stderr(&check(site.path()));
    assert!(err.contains("data/geo/kommuner.geojson: error: kommun 2084 has no boundary"), "{err}");
}

#[test]
fn national_map_is_complete_and_within_its_size_budget() {
    let out = built_bundled();
    let start = read(&out.join("index.html"));
    let links = map_links(&start, "po");
    assert_eq!(links.len(), 290);
    let mut hrefs: Vec<&String> = links.iter().map(|l| &l.0).collect();
    hrefs.sort();
    hrefs.dedup();
    assert_eq!(hrefs.len(), 290, "a kommun is drawn twice");
    // Spot checks against the data.
    assert!(links.contains(&("/kommun/kiruna/".into(), "k-kommunalforbund".into())));
    // Malmö runs PO itself since 2019 (Malmö stad, 2019-11-06), no longer by contract.
    assert!(links.contains(&("/kommun/malmo/".into(), "k-egen-regi".into())));
    assert!(links.contains(&("/kommun/goteborg/".into(), "k-entreprenad".into())));
    assert!(links.contains(&("/kommun/bromolla/".into(), "k-saknas".into())));
    // Sydnärke's closing (undated article) against Länsstyrelsen's undated list.
    assert!(links.contains(&("/kommun/kumla/".into(), "k-motstridig".into())));
    // Map weight: the shared paths plus the map itself.
    let defs_start = start.find("<svg class=\"kartdefs\"").unwrap();
    let defs_len = start[defs_start..].find("</svg>").unwrap();
    let fig_start = start.find("<figure class=\"karta\"").unwrap();
    let fig_len = start[fig_start..].find("</figure>").unwrap();
    let weight = defs_len + fig_len;
    eprintln!("national map weight: {weight} bytes");
    assert!(weight <= 120 * 1024, "national map is {weight} bytes");
    let kommun = std::fs::metadata(out.join("kommun/borlange/index.html")).unwrap().len();
    assert!(kommun < 15 * 1024, "kommun page is {kommun} bytes");
}
