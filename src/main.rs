//! The `troopline` binary: see `troopline --help`.

use std::process::ExitCode;

fn main() -> ExitCode {
    troopline::cli::main()
}
