//! Fuzzes loading and validation: arbitrary bytes as any kind of data file or content
//! page, checked together with the small valid fixture site. It must never panic.
//!
//! Run: `RUSTC_BOOTSTRAP=1 cargo fuzz run load_validate` (see README).
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// The files each input may replace, chosen by its first byte.
const TARGETS: [&str; 10] = [
    "data/kommuner/0115-vallentuna.yaml",
    "data/po/dalarna-test.yaml",
    "data/kallor.yaml",
    "data/konflikter.yaml",
    "data/nyckeltal.yaml",
    "data/befolkning.yaml",
    "data/site.yaml",
    "data/utforare/testforeningen.yaml",
    "content/om/testsida.md",
    "data/geo/kommuner.geojson",
];

fn site() -> &'static Path {
    static SITE: OnceLock<std::path::PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("katalog-fuzz-{}", std::process::id()));
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/minimal");
        copy(&fixture, &dir);
        dir
    })
}

fn copy(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy(&entry.path(), &target);
        } else {
            std::fs::create_dir_all(to).unwrap();
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, content)) = data.split_first() else { return };
    let target = site().join(TARGETS[selector as usize % TARGETS.len()]);
    // Optional files (nyckeltal.yaml) may be absent from the fixture: then the input adds
    // the file, and it is removed again afterwards.
    let original = std::fs::read(&target).ok();
    std::fs::write(&target, content).unwrap();
    let (model, diags) = katalog::check(site());
    let _ = diags.sorted();
    if let Some(model) = model {
        // A valid model must also plan without panicking.
        let _ = katalog::plan::plan(&model, site(), Vec::new());
    }
    match original {
        Some(bytes) => std::fs::write(&target, bytes).unwrap(),
        None => std::fs::remove_file(&target).unwrap(),
    }
});
