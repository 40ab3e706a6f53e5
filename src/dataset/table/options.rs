//! What a user tells the table reader where a table's content cannot tell: the choices of the
//! window's import dialog and of the command line's table flags, one type for both.
//!
//! Rules:
//! - Every field has exactly one command-line flag, and [`TableOptions::command_line`] writes
//!   them in the words a user would type, so the dialog can show the command that reads the
//!   table the same way (and docs/tables.md lists the flags).
//! - Columns are named by header (with or without its unit) or by the id troopline made of it;
//!   a header-less column by `Column N`. A name that matches no column is a problem listing
//!   the columns, never silently ignored.
//! - The type is remembered per file by the window, so it is serialisable, and every field
//!   defaults to "guess", so an older remembered copy still reads.

use serde::{Deserialize, Serialize};

use super::dates::DateOrder;
use super::numbers::{Decimal, Thousands};

/// Which end of a range a column of figures gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Bound {
    /// The low end.
    Low,
    /// The high end.
    High,
}

/// How to read a table where its content cannot tell.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TableOptions {
    /// The sheet of a workbook to read; the first one if `None`.
    pub sheet: Option<String>,
    /// The row (from 1) naming the columns; else the first row with two filled cells.
    pub header_row: Option<usize>,
    /// The decimal mark, where the numbers cannot tell (`170,000`, `170.000` in one file).
    pub decimal: Option<Decimal>,
    /// The thousands separator, likewise.
    pub thousands: Option<Thousands>,
    /// Which number of `03/04/2007` is the day, where no date in the file tells.
    pub dates: Option<DateOrder>,
    /// Columns (by header) of casualty counts rather than troop levels.
    pub casualties: Vec<String>,
    /// Columns (by header) of troop levels, whatever their header suggests.
    pub troops: Vec<String>,
    /// Columns (by header) left out.
    pub ignore: Vec<String>,
    /// The column (by header) that dates each row, where the headers do not say.
    pub date: Option<String>,
    /// The column (by header) naming each row's source, where its header does not say.
    pub source: Option<String>,
    /// The column (by header) of a note on each row's figures, where its header does not say.
    pub note: Option<String>,
    /// Columns (by header) giving the low or high end of the range of the series column
    /// nearest on their left.
    pub bounds: Vec<(String, Bound)>,
    /// Series names, by column: `(column, name)`.
    pub names: Vec<(String, String)>,
    /// The column (by header) naming each row's entity (country, theatre, base): a panel.
    pub entity: Option<String>,
    /// A panel's columns (by header) to chart for each entity.
    pub values: Vec<String>,
    /// A panel's entities to chart, by name.
    pub only: Vec<String>,
    /// The dataset's title, instead of the table's title row or file name.
    pub title: Option<String>,
}

impl TableOptions {
    /// The command-line flags that give these options, each argument as it would be typed
    /// (quoted where a shell needs it).
    pub fn command_line(&self) -> Vec<String> {
        let mut args = Vec::new();
        let mut flag = |name: &str, value: &str| {
            args.push(format!("--{name}"));
            args.push(quoted(value));
        };
        if let Some(sheet) = &self.sheet {
            flag("sheet", sheet);
        }
        if let Some(row) = self.header_row {
            flag("header-row", &row.to_string());
        }
        if let Some(decimal) = self.decimal {
            flag(
                "decimal",
                match decimal {
                    Decimal::Point => ".",
                    Decimal::Comma => ",",
                },
            );
        }
        if let Some(thousands) = self.thousands {
            flag(
                "thousands",
                match thousands {
                    Thousands::None => "none",
                    Thousands::Comma => ",",
                    Thousands::Point => ".",
                    Thousands::Space => "space",
                    Thousands::Apostrophe => "'",
                },
            );
        }
        if let Some(order) = self.dates {
            flag(
                "dates",
                match order {
                    DateOrder::DayFirst => "dmy",
                    DateOrder::MonthFirst => "mdy",
                },
            );
        }
        for (name, value) in [
            ("date", &self.date),
            ("source-column", &self.source),
            ("note-column", &self.note),
            ("entity", &self.entity),
        ] {
            if let Some(value) = value {
                flag(name, value);
            }
        }
        for (name, list) in [
            ("troops", &self.troops),
            ("casualties", &self.casualties),
            ("ignore", &self.ignore),
        ] {
            for column in list {
                flag(name, column);
            }
        }
        for (column, bound) in &self.bounds {
            let name = match bound {
                Bound::Low => "low",
                Bound::High => "high",
            };
            flag(name, column);
        }
        for (column, name) in &self.names {
            flag("name", &format!("{column}={name}"));
        }
        if !self.values.is_empty() {
            args.push("--values".to_owned());
            args.extend(self.values.iter().map(|v| quoted(v)));
        }
        if !self.only.is_empty() {
            args.push("--only".to_owned());
            args.extend(self.only.iter().map(|v| quoted(v)));
        }
        if let Some(title) = &self.title {
            args.push("--title".to_owned());
            args.push(quoted(title));
        }
        args
    }

    /// The name given to the series of `column`, if any.
    pub fn name_of(&self, matches: impl Fn(&str) -> bool) -> Option<&str> {
        self.names
            .iter()
            .find(|(column, _)| matches(column))
            .map(|(_, name)| name.as_str())
    }
}

/// A shell word: as it is when only safe characters, else in single quotes.
fn quoted(text: &str) -> String {
    let safe = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ',' | '/' | ':' | '='));
    if safe {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_choice_is_no_flag() {
        assert!(TableOptions::default().command_line().is_empty());
    }

    #[test]
    fn every_choice_is_written_as_its_flag_and_quoted_for_a_shell() {
        let options = TableOptions {
            sheet: Some("Data 2".into()),
            header_row: Some(3),
            decimal: Some(Decimal::Comma),
            thousands: Some(Thousands::Point),
            dates: Some(DateOrder::DayFirst),
            casualties: vec!["Tote".into()],
            troops: vec!["Total".into()],
            ignore: vec!["Change (%)".into()],
            date: Some("Stichtag".into()),
            source: Some("Quelle".into()),
            note: Some("Hinweis".into()),
            bounds: vec![("lo".into(), Bound::Low), ("hi".into(), Bound::High)],
            names: vec![("de".into(), "Germany".into())],
            entity: Some("countryname".into()),
            values: vec!["troops".into(), "army".into()],
            only: vec!["South Korea".into(), "Japan".into()],
            title: Some("Tom's troops".into()),
        };
        assert_eq!(
            options.command_line().join(" "),
            "--sheet 'Data 2' --header-row 3 --decimal , --thousands . --dates dmy \
             --date Stichtag --source-column Quelle --note-column Hinweis --entity countryname \
             --troops Total --casualties Tote --ignore 'Change (%)' --low lo --high hi \
             --name de=Germany --values troops army --only 'South Korea' Japan \
             --title 'Tom'\\''s troops'"
        );
    }

    #[test]
    fn remembered_options_read_back_and_missing_fields_default() {
        let options = TableOptions {
            header_row: Some(2),
            bounds: vec![("lo".into(), Bound::Low)],
            ..TableOptions::default()
        };
        let text = ron::to_string(&options).unwrap_or_default();
        assert_eq!(ron::from_str::<TableOptions>(&text).ok(), Some(options));
        assert_eq!(
            ron::from_str::<TableOptions>("(sheet: Some(\"A\"))").ok(),
            Some(TableOptions {
                sheet: Some("A".into()),
                ..TableOptions::default()
            })
        );
    }
}
