//! Command-line checks that clap cannot make alone: a misspelled command that would otherwise be
//! opened as a file, and values that are wrong only together (`--width` × `--scale`, `--to`
//! before `--from`, `gen` options that cannot be generated). Each gives a clap error, so every
//! wrong command line ends the same way: a message, the usage, and status 2.

use std::ffi::OsString;
use std::path::Path;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser as _};

use super::{Cli, Command, ExportArgs};

/// Parses the command line (`args` includes the program name) and checks what clap cannot.
pub fn parse<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    if let Some(error) = misspelled_command(&args) {
        return Err(error);
    }
    let cli = Cli::try_parse_from(&args)?;
    check(&cli)?;
    Ok(cli)
}

/// The window opens the file named by the first argument; a word that is no file and looks like
/// a command (`chek`, `exprot-csv`) is an error instead, with the command it probably meant.
/// An existing file is always opened, whatever its name.
fn misspelled_command(args: &[OsString]) -> Option<clap::Error> {
    let mut rest = args.iter().skip(1);
    let first = loop {
        let arg = rest.next()?;
        if arg == "--" {
            // Everything after `--` is a file name, however it looks.
            return None;
        }
        if !arg.to_string_lossy().starts_with('-') || arg == "-" {
            break arg;
        }
    };
    let mut command = Cli::command();
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .chain(["help".to_owned()])
        .collect();
    let word = first.to_str()?;
    if names.iter().any(|name| name == word) || Path::new(first).symlink_metadata().is_ok() {
        return None;
    }
    let commands = names[..names.len() - 1].join(", ");
    let message = match closest(word, &names) {
        Some(name) => {
            format!("`{word}` is not a command, and no file has that name; did you mean `{name}`?")
        }
        // A word with a dot or a slash is a file name, left to the window to report as missing
        // (status 1); any other word is taken for a command.
        None if word.contains(['.', '/', '\\']) || word.is_empty() => return None,
        None => format!(
            "`{word}` is neither a command nor a file; the commands are {commands}, and a dataset file opens in the window"
        ),
    };
    Some(command.error(ErrorKind::InvalidSubcommand, message))
}

/// The command name most like `word`, if any is alike enough: clap's own measure (Jaro
/// similarity above 0.7), also ignoring case.
fn closest<'a>(word: &str, names: &'a [String]) -> Option<&'a str> {
    let lower = word.to_lowercase();
    names
        .iter()
        .map(|name| (strsim::jaro(&lower, name), name))
        .filter(|(similarity, _)| *similarity > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name.as_str())
}

/// Values that are wrong together, found before any file is read.
fn check(cli: &Cli) -> Result<(), clap::Error> {
    match &cli.command {
        Some(Command::Export(args)) => {
            check_export(args).map_err(|message| subcommand_error("export", message))
        }
        Some(Command::Gen {
            points,
            events,
            series,
            seed,
            ..
        }) => crate::generate::check(crate::generate::Options {
            points: *points,
            events: *events,
            series: *series,
            seed: *seed,
        })
        .map_err(|error| subcommand_error("gen", error.to_string())),
        _ => Ok(()),
    }
}

/// A clap error for a subcommand, with that subcommand's usage line.
fn subcommand_error(name: &str, message: String) -> clap::Error {
    let mut command = Cli::command();
    command.build();
    match command.find_subcommand_mut(name) {
        Some(sub) => sub.error(ErrorKind::ValueValidation, message),
        None => command.error(ErrorKind::ValueValidation, message),
    }
}

fn check_export(args: &ExportArgs) -> Result<(), String> {
    let format = args.format()?;
    crate::export::settings::check_size(args.width, args.height, args.scale, format)
        .map_err(|error| error.to_string())?;
    if let (Some(from), Some(to)) = (args.from, args.to)
        && to < from
    {
        return Err(format!("--to {to} is before --from {from}"));
    }
    Ok(())
}
