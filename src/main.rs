//! The `troopline` binary: see `troopline --help`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    troopline::cli::run(troopline::cli::Cli::parse())
}
