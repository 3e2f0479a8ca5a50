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

/// A new output folder being written beside the old one. Dropping it without
/// [`Staging::commit`] removes it, so the previous output stays exactly as it was.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    old: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts a new output for `out`, refusing folders Katalog did not write.
    pub fn begin(out: &Path) -> Result<Staging, String> {
        check_replaceable(out)?;
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| format!("{}: cannot create folder: {e}", parent.display()))?;
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let dir = parent.join(format!(".{name}.katalog-new-{}", std::process::id()));
        let old = parent.join(format!(".{name}.katalog-old-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir(&dir).map_err(|e| format!("{}: cannot create folder: {e}", dir.display()))?;
        Ok(Staging { dir, out: out.to_path_buf(), old, committed: false })
    }

    /// Creates the folders for these files once, before the files are written in parallel.
    pub fn create_folders<'a>(&self, files: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
        let mut dirs: Vec<PathBuf> =
            files.into_iter().filter_map(|p| self.dir.join(p).parent().map(Path::to_path_buf)).collect();
        dirs.sort();
        dirs.dedup();
        // In parallel: on a large site creating folders costs as much as writing files.
        // create_dir_all tolerates another thread creating a shared parent first.
        dirs.par_iter()
            .try_for_each(|d| fs::create_dir_all(d).map_err(|e| format!("{}: cannot create folder: {e}", d.display())))
    }

    /// Writes one file; its folder must exist (see [`Staging::create_folders`]).
    pub fn write(&self, path: &str, bytes: &[u8]) -> Result<(), String> {
        let target = self.dir.join(path);
        fs::write(&target, bytes).map_err(|e| format!("{}: cannot write: {e}", target.display()))
    }

    /// Writes the file at `path` (relative) with what `write` writes into it.
    pub fn write_with(
        &self,
        path: &str,
        write: impl FnOnce(&mut dyn std::io::Write) -> Result<(), String>,
    ) -> Result<(), String> {
        let target = self.dir.join(path);
        let problem = |e: String| format!("{}: cannot write: {e}", target.display());
        let file = fs::File::create(&target).map_err(|e| problem(e.to_string()))?;
        let mut buffered = std::io::BufWriter::new(file);
        write(&mut buffered).map_err(problem)?;
        std::io::Write::flush(&mut buffered).map_err(|e| problem(e.to_string()))
    }

    /// Marks the new folder as Katalog's and swaps it into place of the old output.
    pub fn commit(mut self) -> Result<(), String> {
        fs::write(
            self.dir.join(MARKER),
            b"This folder is written by katalog build and replaced whole on each build.\n",
        )
        .map_err(|e| format!("cannot write marker: {e}"))?;
        swap(&self.dir, &self.out, &self.old)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
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
