//! The `katalog` command: build, check.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use katalog::diagnostics::{Diagnostics, Severity};

/// Katalog builds the national directory of Personligt ombud (PO) and
/// Delaktighetsmodellen (DMO) as a static website from YAML and Markdown files.
#[derive(Parser)]
#[command(name = "katalog", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
        /// Absolute address the site is published at (overrides bas_url in data/site.yaml).
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Validate the data and content without writing anything.
    Check {
        /// The site folder, holding data/, content/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

fn main() -> ExitCode {
    // clap exits with 2 on wrong usage and 0 for --help, as promised in the README.
    let cli = Cli::parse();
    match cli.command {
        Command::Check { root } => {
            let (_, diags) = katalog::check(&root);
            print_diagnostics(&diags);
            if diags.has_errors() {
                return ExitCode::from(1);
            }
            eprintln!("check: no errors");
            ExitCode::SUCCESS
        }
        Command::Build {
            root,
            out,
            base_url,
        } => {
            let out = out.unwrap_or_else(|| root.join("public"));
            match katalog::build(&root, &out, base_url.as_deref()) {
                Ok(report) => {
                    print_diagnostics(&report.diagnostics);
                    eprintln!(
                        "build: wrote {} pages to {}",
                        report.pages_written,
                        out.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(diags) => {
                    print_diagnostics(&diags);
                    eprintln!("build: nothing written; {} is unchanged", out.display());
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn print_diagnostics(diags: &Diagnostics) {
    for d in diags.sorted() {
        eprintln!("{d}");
    }
    let (errors, warnings) = (diags.count(Severity::Error), diags.count(Severity::Warning));
    if errors + warnings > 0 {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
}
