//! The `katalog` command: build, check.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use katalog::diagnostics::Diagnostics;

// Rendering runs on every core, and glibc's allocator keeps a growing arena per thread
// that never reuses what the loaded files freed: at 30 000 records mimalloc needs about
// 30 MB less at peak and builds about 15 % faster (BENCHMARKS.md, "Memory").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Katalog builds the national directory of Personligt ombud (PO) and
/// Delaktighetsmodellen (DMO) as a static website from YAML and Markdown files.
#[derive(Parser)]
#[command(name = "katalog", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    Markdown,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    Text,
    Csv,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the data and content, then write the site (default output: <root>/public).
    ///
    /// The previous output stays untouched unless the whole build succeeds.
    Build {
        /// The site folder, holding data/, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Absolute address the site is published at (overrides bas_url in data/site.yaml):
        /// https://, no user name, query or fragment.
        #[arg(long, value_parser = katalog::validate::normalise_base_url)]
        base_url: Option<String>,
        /// Print each stage's time and the peak memory so far as JSON on standard output
        /// (for the benchmark).
        #[arg(long)]
        timings: bool,
    },
    /// Build the site and serve it on 127.0.0.1, rebuilding and reloading the browser when a
    /// file under content/, data/ or themes/ changes.
    Serve {
        /// The site folder, holding data/, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on (on 127.0.0.1 only).
        #[arg(long, default_value_t = 8000)]
        port: u16,
    },
    /// Write the JSON Schemas of the data files to data/schema/ and the field reference
    /// in CONTRIBUTING.md, both generated from Katalog's own types.
    Schema {
        /// The site folder, holding data/ and CONTRIBUTING.md.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Validate the data and content without writing anything.
    Check {
        /// The site folder, holding data/, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// How to print the problems: `text` for people, `json` for bots.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also request every web address in data/ and content/ and warn about dead, moved
        /// and unreachable ones. Needs the network; results are kept a day in
        /// <root>/.katalog-cache/, so a re-run within the day makes no request.
        #[arg(long)]
        external: bool,
        /// With --external: seconds to wait for each answer.
        #[arg(long, value_name = "SECS", default_value_t = 20, requires = "external",
              value_parser = clap::value_parser!(u64).range(1..=600))]
        timeout: u64,
        /// With --external: further tries after a timeout or a server error.
        #[arg(long, value_name = "N", default_value_t = 2, requires = "external",
              value_parser = clap::value_parser!(u64).range(0..=5))]
        retries: u64,
    },
    /// What a data change means for visitors: kommuner whose answer, organisation,
    /// driftsform, contact route, DMO status or newest evidence changed, organisations and
    /// sources added or removed. Markdown for a pull-request comment, or JSON. Exits 0
    /// whatever changed, 1 only when a side does not validate.
    Diff {
        /// The site folder before the change (e.g. a checkout of the base branch).
        old: PathBuf,
        /// The site folder after the change.
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
        format: DiffFormat,
    },
    /// The maintainers' to-do list: every kommun and organisation with the age of its
    /// newest evidence, undated evidence, missing contact routes and open conflicts,
    /// worst first, with totals per län (the same report as the page /underhall/).
    Stale {
        /// The site folder, holding data/, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `text` for people, `csv` for a spreadsheet, `json` for bots.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
    },
}

fn main() -> ExitCode {
    // clap exits with 2 on wrong usage and 0 for --help, as promised in the README.
    let cli = Cli::parse();
    match cli.command {
        Command::Diff { old, new, format } => {
            let (before, before_diags) = katalog::check(&old);
            let (after, after_diags) = katalog::check(&new);
            let (Some(before), Some(after)) = (before, after) else {
                for (root, diags) in [(&old, &before_diags), (&new, &after_diags)] {
                    if diags.has_errors() {
                        eprintln!("diff: {} does not validate:", root.display());
                        print_diagnostics(root, diags);
                    }
                }
                return ExitCode::from(1);
            };
            let d = katalog::diff::diff(&before, &after);
            match format {
                DiffFormat::Markdown => print!("{}", katalog::diff::to_markdown(&d)),
                DiffFormat::Json => println!("{}", serde_json::to_string_pretty(&d).unwrap_or_default()),
            }
            ExitCode::SUCCESS
        }
        Command::Stale { root, format } => {
            let (site, diags) = katalog::check(&root);
            let Some(site) = site else {
                print_diagnostics(&root, &diags);
                return ExitCode::from(1);
            };
            let report = katalog::stale::report(&site);
            let text = match format {
                ReportFormat::Text => Ok(katalog::stale::to_text(&report)),
                ReportFormat::Csv => katalog::stale::to_csv(&report),
                ReportFormat::Json => serde_json::to_string_pretty(&report).map_err(|e| e.to_string()),
            };
            match text {
                Ok(t) => {
                    print!("{t}");
                    ExitCode::SUCCESS
                }
                Err(m) => {
                    eprintln!("error: {m}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { root, format, external, timeout, retries } => {
            let (_, mut diags) = katalog::check(&root);
            // Only on request: the default check stays offline and deterministic.
            let summary = external.then(|| {
                let options =
                    katalog::external::Options { timeout: Duration::from_secs(timeout), retries, ..Default::default() };
                let (found, summary) = katalog::external::check(&root, &options);
                diags.extend(found);
                summary
            });
            if format == Format::Json {
                println!("{}", serde_json::to_string_pretty(&diags.sorted()).unwrap_or_default());
            } else {
                print_diagnostics(&root, &diags);
            }
            if let Some(summary) = summary {
                eprintln!("{summary}");
            }
            if diags.has_errors() {
                return ExitCode::from(1);
            }
            if format == Format::Text {
                eprintln!("check: no errors");
            }
            ExitCode::SUCCESS
        }
        Command::Serve { root, port } => match katalog::serve::serve(&root, port) {
            Ok(()) => ExitCode::SUCCESS,
            Err(m) => {
                eprintln!("error: {m}");
                ExitCode::from(1)
            }
        },
        Command::Schema { root } => match write_schemas(&root) {
            Ok(n) => {
                eprintln!("schema: wrote {n} schemas to data/schema/ and the field reference in CONTRIBUTING.md");
                ExitCode::SUCCESS
            }
            Err(m) => {
                eprintln!("error: {m}");
                ExitCode::from(1)
            }
        },
        Command::Build { root, out, base_url, timings } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            match katalog::build(&root, &out, base_url.as_deref()) {
                Ok(report) => {
                    if timings {
                        println!("{}", report.timings.to_json());
                    }
                    print_diagnostics(&root, &report.diagnostics);
                    eprintln!("build: wrote {} pages to {}", report.pages_written, out.display());
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    print_diagnostics(&root, &diags);
                    eprintln!("build: nothing written; {} is unchanged", out.display());
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn print_diagnostics(root: &Path, diags: &Diagnostics) {
    let text = diags.to_terminal(root);
    if !text.is_empty() {
        eprintln!("{text}");
    }
}

fn write_schemas(root: &Path) -> Result<usize, String> {
    let dir = root.join("data/schema");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let schemas = katalog::schema::all();
    for (kind, schema) in &schemas {
        let path = dir.join(format!("{kind}.schema.json"));
        std::fs::write(&path, katalog::schema::to_text(schema)).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let guide = root.join("CONTRIBUTING.md");
    if let Ok(text) = std::fs::read_to_string(&guide) {
        let updated = katalog::schema::with_reference(&text)
            .ok_or_else(|| format!("{}: the field reference markers are missing", guide.display()))?;
        std::fs::write(&guide, updated).map_err(|e| format!("{}: {e}", guide.display()))?;
    }
    Ok(schemas.len())
}
