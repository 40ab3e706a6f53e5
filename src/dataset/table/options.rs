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

/// What a column is, as the import dialog offers it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnRole {
    /// The date of each row.
    Date,
    /// The last day of each row's period (only guessed from a header: `to`, `end`).
    End,
    /// Troop levels (in a panel: a value column of troop levels).
    Troops,
    /// Casualty counts (in a panel: a value column of casualties).
    Casualties,
    /// The low end of the range of the series column on its left.
    Low,
    /// The high end, likewise.
    High,
    /// The source of each row's figures.
    Source,
    /// A note on each row's figures.
    Note,
    /// The entity (country, theatre, base) each row is about: a panel.
    Entity,
    /// Not read.
    Ignore,
}

impl ColumnRole {
    /// The roles a user can give a column, in the order offered.
    pub const CHOICES: [ColumnRole; 9] = [
        ColumnRole::Date,
        ColumnRole::Troops,
        ColumnRole::Casualties,
        ColumnRole::Low,
        ColumnRole::High,
        ColumnRole::Source,
        ColumnRole::Note,
        ColumnRole::Entity,
        ColumnRole::Ignore,
    ];

    /// The role in a user's words.
    pub fn name(self) -> &'static str {
        match self {
            ColumnRole::Date => "Date",
            ColumnRole::End => "Period end",
            ColumnRole::Troops => "Troop level",
            ColumnRole::Casualties => "Casualties",
            ColumnRole::Low => "Low end of range",
            ColumnRole::High => "High end of range",
            ColumnRole::Source => "Source",
            ColumnRole::Note => "Note",
            ColumnRole::Entity => "Entity (country…)",
            ColumnRole::Ignore => "Ignore",
        }
    }

    /// Whether a column of this role becomes a series of its own.
    pub fn is_series(self) -> bool {
        matches!(self, ColumnRole::Troops | ColumnRole::Casualties)
    }
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
            args.push(shell_word(value));
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
            args.extend(self.values.iter().map(|v| shell_word(v)));
        }
        if !self.only.is_empty() {
            args.push("--only".to_owned());
            args.extend(self.only.iter().map(|v| shell_word(v)));
        }
        if let Some(title) = &self.title {
            args.push("--title".to_owned());
            args.push(shell_word(title));
        }
        args
    }

    /// The role the user gave the column headed `header`, if any (`None`: guessed).
    pub fn role_of(&self, header: &str) -> Option<ColumnRole> {
        let is = |name: &String| name == header;
        let one = |name: &Option<String>| name.as_ref().is_some_and(is);
        if one(&self.date) {
            Some(ColumnRole::Date)
        } else if one(&self.entity) {
            Some(ColumnRole::Entity)
        } else if one(&self.source) {
            Some(ColumnRole::Source)
        } else if one(&self.note) {
            Some(ColumnRole::Note)
        } else if self.ignore.iter().any(is) {
            Some(ColumnRole::Ignore)
        } else if self.casualties.iter().any(is) {
            Some(ColumnRole::Casualties)
        } else if self.troops.iter().any(is) || self.values.iter().any(is) {
            Some(ColumnRole::Troops)
        } else {
            self.bounds
                .iter()
                .find(|(column, _)| column == header)
                .map(|(_, bound)| match bound {
                    Bound::Low => ColumnRole::Low,
                    Bound::High => ColumnRole::High,
                })
        }
    }

    /// Gives the column headed `header` the role `role`, or lets it be guessed (`None`). One
    /// column has one role; the date, entity, source and note are one column each, so giving
    /// another column that role takes it from the first. In a panel (an entity column chosen),
    /// troop and casualty columns are its value columns.
    pub fn set_role(&mut self, header: &str, role: Option<ColumnRole>) {
        let header = header.to_owned();
        let clear = |name: &mut Option<String>| {
            if name.as_ref() == Some(&header) {
                *name = None;
            }
        };
        clear(&mut self.date);
        clear(&mut self.entity);
        clear(&mut self.source);
        clear(&mut self.note);
        for list in [
            &mut self.ignore,
            &mut self.casualties,
            &mut self.troops,
            &mut self.values,
        ] {
            list.retain(|name| *name != header);
        }
        self.bounds.retain(|(column, _)| *column != header);
        match role {
            None | Some(ColumnRole::End) => {}
            Some(ColumnRole::Date) => self.date = Some(header),
            Some(ColumnRole::Entity) => {
                self.entity = Some(header);
                // The troop and casualty columns chosen so far are the panel's values.
                self.values = self
                    .troops
                    .iter()
                    .chain(&self.casualties)
                    .cloned()
                    .collect();
            }
            Some(ColumnRole::Source) => self.source = Some(header),
            Some(ColumnRole::Note) => self.note = Some(header),
            Some(ColumnRole::Ignore) => self.ignore.push(header),
            Some(ColumnRole::Troops | ColumnRole::Casualties) => {
                if self.entity.is_some() {
                    self.values.push(header.clone());
                }
                if role == Some(ColumnRole::Troops) {
                    self.troops.push(header);
                } else {
                    self.casualties.push(header);
                }
            }
            Some(ColumnRole::Low) => self.bounds.push((header, Bound::Low)),
            Some(ColumnRole::High) => self.bounds.push((header, Bound::High)),
        }
        if self.entity.is_none() {
            self.values.clear();
            self.only.clear();
        }
    }

    /// Forgets every choice made by column (roles, names, entities): for another sheet or
    /// header row, whose columns are others.
    pub fn clear_columns(&mut self) {
        *self = TableOptions {
            sheet: self.sheet.take(),
            header_row: self.header_row,
            decimal: self.decimal,
            thousands: self.thousands,
            dates: self.dates,
            title: self.title.take(),
            ..TableOptions::default()
        };
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
pub fn shell_word(text: &str) -> String {
    let safe = !text.is_empty()
        && text.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ',' | '/' | ':' | '=')
        });
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
    fn roles_read_in_a_user_s_words_and_two_make_series() {
        let names: Vec<&str> = ColumnRole::CHOICES.iter().map(|r| r.name()).collect();
        assert_eq!(
            names,
            [
                "Date",
                "Troop level",
                "Casualties",
                "Low end of range",
                "High end of range",
                "Source",
                "Note",
                "Entity (country…)",
                "Ignore"
            ]
        );
        assert_eq!(ColumnRole::End.name(), "Period end");
        let series: Vec<ColumnRole> = ColumnRole::CHOICES
            .into_iter()
            .chain([ColumnRole::End])
            .filter(|r| r.is_series())
            .collect();
        assert_eq!(series, [ColumnRole::Troops, ColumnRole::Casualties]);
    }

    #[test]
    fn a_column_has_one_role_and_single_roles_move() {
        let mut options = TableOptions::default();
        for role in ColumnRole::CHOICES {
            options.set_role("a", Some(role));
            assert_eq!(options.role_of("a"), Some(role), "{role:?}");
            assert_eq!(options.role_of("b"), None);
        }
        options.set_role("a", None);
        assert_eq!(options, TableOptions::default());
        options.set_role("a", Some(ColumnRole::Date));
        options.set_role("b", Some(ColumnRole::Date));
        assert_eq!(options.role_of("a"), None);
        assert_eq!(options.date.as_deref(), Some("b"));
    }

    #[test]
    fn a_chosen_entity_makes_troop_and_casualty_columns_its_values() {
        let mut options = TableOptions::default();
        options.set_role("troops", Some(ColumnRole::Troops));
        options.set_role("deaths", Some(ColumnRole::Casualties));
        assert!(options.values.is_empty());
        options.set_role("country", Some(ColumnRole::Entity));
        assert_eq!(options.values, ["troops", "deaths"]);
        options.set_role("army", Some(ColumnRole::Troops));
        assert_eq!(options.values, ["troops", "deaths", "army"]);
        options.only = vec!["Japan".into()];
        options.set_role("country", None);
        assert!(options.values.is_empty() && options.only.is_empty());
        assert_eq!(options.troops, ["troops", "army"]);
    }

    #[test]
    fn clearing_the_columns_keeps_the_file_wide_choices() {
        let mut options = TableOptions {
            sheet: Some("Data".into()),
            header_row: Some(2),
            decimal: Some(Decimal::Comma),
            thousands: Some(Thousands::Point),
            dates: Some(DateOrder::DayFirst),
            title: Some("T".into()),
            ..TableOptions::default()
        };
        let kept = options.clone();
        options.set_role("a", Some(ColumnRole::Ignore));
        options.set_role("b", Some(ColumnRole::Entity));
        options.names.push(("c".into(), "C".into()));
        options.only.push("Japan".into());
        options.clear_columns();
        assert_eq!(options, kept);
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
