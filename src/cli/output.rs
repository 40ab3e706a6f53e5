//! What the command line prints, and how it ends.
//!
//! `println!` panics (exit 101) when standard output is closed (`troopline check … | head -1`)
//! or full (`> /dev/full`): Rust ignores SIGPIPE, so a write to a closed pipe fails with
//! "broken pipe" instead of ending the process. Everything the CLI prints goes through
//! [`say`] instead, which reports such a failure as a value: a closed pipe ends the command
//! quietly (whoever read the output has all they wanted), any other failure with a one-line
//! message and status 1. Messages to standard error are best effort: there is nowhere left to
//! report their failure.

use std::fmt::Display;
use std::io::{self, Write};
use std::process::ExitCode;

use crate::dataset::text::escape_controls;

/// How a command ended, when not simply with success.
#[derive(Debug)]
pub enum Failure {
    /// The command line is wrong: status 2. The message says what to change.
    Usage(String),
    /// A dataset has problems, or a file cannot be read or written: status 1.
    Data(String),
    /// The problems were printed already (as by `check`): status 1.
    Reported,
    /// Standard output was closed by its reader; `failed` tells whether something had failed
    /// before, which decides the status (0 or 1).
    Closed {
        /// Whether the command had already failed.
        failed: bool,
    },
    /// Standard output could not be written (a full disk, ...): status 1.
    Output(io::Error),
}

impl Failure {
    /// The status for a closed standard output (`Closed`), or another write failure.
    fn from_write(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::BrokenPipe {
            Self::Closed { failed: false }
        } else {
            Self::Output(error)
        }
    }
}

/// Exit status 2: the command line is wrong.
pub const USAGE: u8 = 2;

// Everything printed passes `escape_controls`: dataset text and file names may hold escape
// sequences, which must not reach the terminal (newlines stay: messages use them).

/// Writes `line` and a newline to standard output, at once (a reader sees each line as it is
/// ready).
pub fn say(line: impl Display) -> Result<(), Failure> {
    let line = line.to_string();
    let mut out = io::stdout().lock();
    writeln!(out, "{}", escape_controls(&line, true))
        .and_then(|()| out.flush())
        .map_err(Failure::from_write)
}

/// Writes `line` to standard error; a failure there is ignored, as it cannot be reported.
pub fn warn(line: impl Display) {
    let line = line.to_string();
    let _ = writeln!(io::stderr().lock(), "{}", escape_controls(&line, true));
}

/// The exit status of a command, printing the failure's message where it has one; `command`
/// names it in messages (`troopline export: …`).
pub fn finish(command: &str, result: Result<(), Failure>) -> ExitCode {
    match result {
        Ok(()) | Err(Failure::Closed { failed: false }) => ExitCode::SUCCESS,
        Err(Failure::Closed { failed: true } | Failure::Reported) => ExitCode::FAILURE,
        Err(Failure::Usage(message)) => {
            warn(format_args!("{command}: {message}"));
            ExitCode::from(USAGE)
        }
        Err(Failure::Data(message)) => {
            warn(format_args!("{command}: {message}"));
            ExitCode::FAILURE
        }
        Err(Failure::Output(error)) => {
            warn(format_args!(
                "{command}: cannot write to standard output: {}",
                describe(&error)
            ));
            ExitCode::FAILURE
        }
    }
}

/// A write error in the words the atomic writer uses for the same causes.
fn describe(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::StorageFull => "the disk is full".into(),
        _ => error.to_string(),
    }
}

/// Prints a clap error (or the help and version texts clap reports as errors) and gives its
/// status: 0 for help and version, 2 for a wrong command line, 1 when help could not be
/// written.
pub fn finish_clap(error: &clap::Error) -> ExitCode {
    let status = error.exit_code();
    match error.print() {
        Ok(()) => exit_code(status),
        // Usage errors go to standard error; if that fails the status still says what happened.
        Err(_) if error.use_stderr() => exit_code(status),
        Err(write) => match Failure::from_write(write) {
            Failure::Closed { .. } => exit_code(status),
            Failure::Output(write) => {
                warn(format_args!(
                    "troopline: cannot write to standard output: {}",
                    describe(&write)
                ));
                ExitCode::FAILURE
            }
            _ => ExitCode::FAILURE,
        },
    }
}

fn exit_code(status: i32) -> ExitCode {
    u8::try_from(status).map_or(ExitCode::FAILURE, ExitCode::from)
}
