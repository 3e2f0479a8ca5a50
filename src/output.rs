//! Stage 6: write the rendered site to a temporary folder, then swap it into place.
//!
//! A build that fails anywhere before the swap leaves the previous output exactly as it
//! was. The output folder is only ever replaced if it is empty or was written by Katalog.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// Marks a folder as Katalog's output, so that `--out` can never wipe anything else.
pub const MARKER: &str = ".katalog-output";

pub fn write_site(out: &Path, files: &[(String, Vec<u8>)]) -> Result<(), String> {
    check_replaceable(out)?;
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| format!("{}: cannot create folder: {e}", parent.display()))?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let staging = parent.join(format!(".{name}.katalog-new-{}", std::process::id()));
    let old = parent.join(format!(".{name}.katalog-old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);

    let result = write_all(&staging, files).and_then(|()| swap(&staging, out, &old));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_all(staging: &Path, files: &[(String, Vec<u8>)]) -> Result<(), String> {
    let create =
        |dir: &Path| fs::create_dir_all(dir).map_err(|e| format!("{}: cannot create folder: {e}", dir.display()));
    create(staging)?;
    let mut dirs: Vec<PathBuf> =
        files.iter().filter_map(|(p, _)| staging.join(p).parent().map(Path::to_path_buf)).collect();
    dirs.sort();
    dirs.dedup();
    for d in &dirs {
        create(d)?;
    }
    files.par_iter().try_for_each(|(path, bytes)| {
        let target = staging.join(path);
        fs::write(&target, bytes).map_err(|e| format!("{}: cannot write: {e}", target.display()))
    })?;
    fs::write(staging.join(MARKER), b"This folder is written by katalog build and replaced whole on each build.\n")
        .map_err(|e| format!("cannot write marker: {e}"))
}

fn swap(staging: &Path, out: &Path, old: &Path) -> Result<(), String> {
    let had_old = out.exists();
    if had_old {
        fs::rename(out, old).map_err(|e| format!("{}: cannot move the old output aside: {e}", out.display()))?;
    }
    if let Err(e) = fs::rename(staging, out) {
        if had_old {
            let _ = fs::rename(old, out);
        }
        return Err(format!("{}: cannot move the new output into place: {e}", out.display()));
    }
    if had_old {
        let _ = fs::remove_dir_all(old);
    }
    Ok(())
}

/// Refuses to replace a folder that holds anything but an earlier Katalog build.
pub fn check_replaceable(out: &Path) -> Result<(), String> {
    match fs::read_dir(out) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("{}: cannot read output folder: {e}", out.display())),
        Ok(mut entries) => {
            if out.join(MARKER).is_file() || entries.next().is_none() {
                Ok(())
            } else {
                Err(format!(
                    "{} exists and was not written by katalog; refusing to replace it (choose another --out, or empty it first)",
                    out.display()
                ))
            }
        }
    }
}
