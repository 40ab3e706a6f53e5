//! The dataset file format, version 1, as serde types.
//!
//! This is a contract with dataset authors (see `docs/dataset-format.md`): later versions may
//! only add optional fields. Unknown fields are rejected so that typos cannot pass silently.

use serde::{Deserialize, Deserializer, Serialize, de};

use super::{Date, Precision};

/// The only format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole dataset: troop levels, casualties and events, with the sources they cite.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Dataset")]
pub struct Dataset {
    /// Format version; must be [`FORMAT_VERSION`].
    pub format: u32,
    /// Chart title, e.g. "US troops in Germany".
    pub title: String,
    /// Line under the title.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// What a reader must know to read the chart right (measures, gaps, caveats): the
    /// "Note:" line under exported charts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Publications the figures come from.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Troop-level series.
    pub deployments: Vec<Deployment>,
    /// Casualty-count series.
    #[serde(default)]
    pub casualties: Vec<Casualties>,
    /// Dated events and spans.
    #[serde(default)]
    pub events: Vec<Event>,
    /// Named date ranges offered as one-click presets.
    #[serde(default)]
    pub views: Vec<View>,
}

/// A named date range, offered as a preset view ("Surge", 2009-01-01 to 2009-12-31).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "View")]
pub struct View {
    /// Button label; unique among views.
    pub title: String,
    /// First day shown.
    pub from: Date,
    /// Last day shown; not before `from`.
    pub to: Date,
}

/// A publication cited by points, periods and events.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Source")]
pub struct Source {
    /// Short identifier used in `source:` references.
    pub id: String,
    /// Title, shown as the source's short name in tooltips.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Where to read it.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication date.
    #[serde(default)]
    pub published: Option<Date>,
}

/// A troop-level series: numbers of troops at dates.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Deployment")]
pub struct Deployment {
    /// Identifier, unique among deployments.
    pub id: String,
    /// Legend label.
    pub label: String,
    /// Default source for points that name none.
    #[serde(default)]
    pub source: Option<String>,
    /// What the series measures, in a sentence or two (legend tooltip, Sources panel).
    #[serde(default)]
    pub description: Option<String>,
    /// Default measure of its points, e.g. "DMDC quarterly count": where consecutive points
    /// differ in measure the line has a break, not a change in troop numbers.
    #[serde(default)]
    pub measure: Option<String>,
    /// How the line joins its points; [`LineShape::Straight`] when omitted.
    #[serde(default, skip_serializing_if = "LineShape::is_straight")]
    pub line: LineShape,
    /// Points with strictly increasing dates.
    pub points: Vec<Point>,
}

/// How a troop line joins consecutive points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum LineShape {
    /// A straight segment: the level is taken to change gradually between the two dates.
    #[default]
    Straight,
    /// A step: the level holds until the next point's date, then changes at once (an
    /// authorized cap, a quota). Drawn flat, then vertical.
    Steps,
}

impl LineShape {
    /// The default, left out when a dataset is written.
    pub fn is_straight(&self) -> bool {
        *self == Self::Straight
    }
}

/// One troop level at one date.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(from = "PointFields", into = "PointFields")]
pub struct Point {
    /// The day the figure applies to.
    pub date: Date,
    /// Number of troops; `None` when no figure is known for the date (not zero: the line
    /// has a gap there). Required in the file, written `troops: None` when unknown.
    pub troops: Option<u32>,
    /// Lowest credible figure for this date, where sources disagree (drawn as a band).
    pub low: Option<u32>,
    /// Highest credible figure for this date, where sources disagree (drawn as a band).
    pub high: Option<u32>,
    /// Source of this figure, overriding the series' default.
    pub source: Option<String>,
    /// Caveat shown with the figure.
    pub note: Option<String>,
    /// The rarely given fields, boxed: a series may hold millions of points, and most have
    /// none of these. Read them through [`Point::measure`] and [`Point::estimates`].
    pub extra: Option<Box<PointExtra>>,
}

/// The fields of a [`Point`] that few points give.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PointExtra {
    /// What this figure measures, overriding the series' default measure.
    pub measure: Option<String>,
    /// Figures that are not part of the range: from another date, another measure, or
    /// rejected. Drawn as separate markers.
    pub estimates: Vec<Estimate>,
    /// How much of the date the source gave.
    pub precision: Precision,
    /// What kind of figure it is.
    pub kind: PointKind,
}

/// What kind of figure a point is. Anything but `Reported` is drawn distinctly (a hollow
/// marker, the line to it dashed) and named in tooltips and the key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum PointKind {
    /// A level a source reported for the date (or counted).
    #[default]
    Reported,
    /// An estimate or approximation, not a reported level ("about 5,200").
    Estimated,
    /// A forecast or projection made before the date.
    Forecast,
    /// A figure carried forward from an earlier date, or a placeholder while sources gave
    /// none (e.g. while counts were withheld).
    CarriedForward,
}

impl PointKind {
    /// The default, left out when a dataset is written.
    pub fn is_reported(&self) -> bool {
        *self == Self::Reported
    }

    /// How tooltips and the key name it: "reported level", "estimate", "forecast",
    /// "carried forward (placeholder)".
    pub fn name(self) -> &'static str {
        match self {
            Self::Reported => "reported level",
            Self::Estimated => "estimate",
            Self::Forecast => "forecast",
            Self::CarriedForward => "carried forward (placeholder)",
        }
    }
}

impl Point {
    /// A point with only a date and a figure.
    pub fn new(date: Date, troops: u32) -> Self {
        Self {
            date,
            troops: Some(troops),
            low: None,
            high: None,
            source: None,
            note: None,
            extra: None,
        }
    }

    /// The measure this point names itself (see [`Deployment::measure_of`] for the default).
    pub fn measure(&self) -> Option<&str> {
        self.extra.as_ref()?.measure.as_deref()
    }

    /// Its other estimates, in file order.
    pub fn estimates(&self) -> &[Estimate] {
        self.extra.as_ref().map_or(&[], |extra| &extra.estimates)
    }

    /// How much of its date the source gave ([`Precision::Day`] unless said).
    pub fn precision(&self) -> Precision {
        self.extra
            .as_ref()
            .map_or(Precision::Day, |extra| extra.precision)
    }

    /// What kind of figure it is ([`PointKind::Reported`] unless said).
    pub fn kind(&self) -> PointKind {
        self.extra
            .as_ref()
            .map_or(PointKind::Reported, |extra| extra.kind)
    }

    /// Its date as labels show it, to the precision the source gave: "Oct 2007".
    pub fn date_label(&self) -> String {
        self.date.label(self.precision())
    }

    /// Sets the measure and other estimates, keeping the other rarely given fields; none
    /// given keeps the point small.
    pub fn set_extra(&mut self, measure: Option<String>, estimates: Vec<Estimate>) {
        let mut extra = self.extra.take().map(|extra| *extra).unwrap_or_default();
        extra.measure = measure;
        extra.estimates = estimates;
        self.put_extra(extra);
    }

    /// Sets the date's precision and the figure's kind, keeping the other rare fields.
    pub fn set_precision_and_kind(&mut self, precision: Precision, kind: PointKind) {
        let mut extra = self.extra.take().map(|extra| *extra).unwrap_or_default();
        extra.precision = precision;
        extra.kind = kind;
        self.put_extra(extra);
    }

    fn put_extra(&mut self, extra: PointExtra) {
        self.extra = (extra != PointExtra::default()).then(|| Box::new(extra));
    }
}

/// A point as written in the file.
#[derive(Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Point")]
struct PointFields {
    date: Date,
    #[serde(deserialize_with = "optional_count")]
    troops: Option<u32>,
    #[serde(default, deserialize_with = "optional_count")]
    low: Option<u32>,
    #[serde(default, deserialize_with = "optional_count")]
    high: Option<u32>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    measure: Option<String>,
    #[serde(default)]
    estimates: Vec<Estimate>,
    #[serde(default, skip_serializing_if = "Precision::is_day")]
    precision: Precision,
    #[serde(default, skip_serializing_if = "PointKind::is_reported")]
    kind: PointKind,
}

impl From<PointFields> for Point {
    fn from(fields: PointFields) -> Self {
        let mut point = Self {
            date: fields.date,
            troops: fields.troops,
            low: fields.low,
            high: fields.high,
            source: fields.source,
            note: fields.note,
            extra: None,
        };
        point.put_extra(PointExtra {
            measure: fields.measure,
            estimates: fields.estimates,
            precision: fields.precision,
            kind: fields.kind,
        });
        point
    }
}

impl From<Point> for PointFields {
    fn from(point: Point) -> Self {
        let extra = point.extra.map(|extra| *extra).unwrap_or_default();
        Self {
            date: point.date,
            troops: point.troops,
            low: point.low,
            high: point.high,
            source: point.source,
            note: point.note,
            measure: extra.measure,
            estimates: extra.estimates,
            precision: extra.precision,
            kind: extra.kind,
        }
    }
}

/// Another figure shown beside a point or period but not part of its range: one for another
/// date, of another measure, or one the dataset does not stand behind (the note says why).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Estimate")]
pub struct Estimate {
    /// The figure: troops for a point, people for a period.
    #[serde(deserialize_with = "count")]
    pub value: u32,
    /// For a point's estimate, the day the figure applies to (the point's date when omitted).
    /// A period's estimates cover the period and take no date.
    #[serde(default)]
    pub date: Option<Date>,
    /// Where the figure comes from; the point's or period's source when omitted.
    #[serde(default)]
    pub source: Option<String>,
    /// Why it is not part of the range.
    #[serde(default)]
    pub note: Option<String>,
    /// Whether the dataset stands behind the figure enough to draw it; `Shown` when omitted.
    #[serde(default, skip_serializing_if = "EstimateStatus::is_shown")]
    pub status: EstimateStatus,
    /// How much of its date the source gave; `Day` when omitted.
    #[serde(default, skip_serializing_if = "Precision::is_day")]
    pub precision: Precision,
}

/// Whether an [`Estimate`] is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
pub enum EstimateStatus {
    /// Drawn as a separate marker beside the line or bar.
    #[default]
    Shown,
    /// A figure the dataset does not stand behind (an anomaly, a typo): never drawn and never
    /// scales an axis, but listed in tooltips, the data table and the CSV, with its note.
    Rejected,
}

/// The words a table's `title` (points) or `category` (estimates) cell uses for how precise a
/// figure's date is, what kind of figure it is and whether it is rejected; the defaults have
/// none. `export-csv` writes them and the table reader reads them back.
pub mod words {
    use super::{EstimateStatus, PointKind, Precision};

    /// All the words, for messages.
    pub const ALL: &str = "month, year, estimated, forecast, carried-forward, rejected";

    /// The words for a point: "month forecast", or empty.
    pub fn of_point(precision: Precision, kind: PointKind) -> String {
        join(&[precision_word(precision), kind_word(kind)])
    }

    /// The words for an estimate: "rejected month", or empty.
    pub fn of_estimate(status: EstimateStatus, precision: Precision) -> String {
        join(&[status.word(), precision_word(precision)])
    }

    fn join(words: &[&str]) -> String {
        words
            .iter()
            .filter(|w| !w.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn precision_word(precision: Precision) -> &'static str {
        match precision {
            Precision::Day => "",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }

    fn kind_word(kind: PointKind) -> &'static str {
        match kind {
            PointKind::Reported => "",
            PointKind::Estimated => "estimated",
            PointKind::Forecast => "forecast",
            PointKind::CarriedForward => "carried-forward",
        }
    }

    /// What a cell's words say; `Err` names the first word that is none of [`ALL`].
    pub fn parse(text: &str) -> Result<(Precision, PointKind, EstimateStatus), String> {
        let (mut precision, mut kind, mut status) = Default::default();
        for word in text.split([' ', ',', ';']).filter(|w| !w.is_empty()) {
            match word.to_ascii_lowercase().as_str() {
                "day" => precision = Precision::Day,
                "month" => precision = Precision::Month,
                "year" => precision = Precision::Year,
                "reported" => kind = PointKind::Reported,
                "estimated" | "estimate" => kind = PointKind::Estimated,
                "forecast" => kind = PointKind::Forecast,
                "carried-forward" | "placeholder" => kind = PointKind::CarriedForward,
                "rejected" => status = EstimateStatus::Rejected,
                _ => return Err(word.to_owned()),
            }
        }
        Ok((precision, kind, status))
    }
}

impl EstimateStatus {
    /// The default, left out when a dataset is written.
    pub fn is_shown(&self) -> bool {
        *self == Self::Shown
    }

    /// The word in a CSV `category` cell: empty for `Shown`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Shown => "",
            Self::Rejected => "rejected",
        }
    }
}

impl Estimate {
    /// Whether the figure is drawn (not [`EstimateStatus::Rejected`]).
    pub fn is_drawn(&self) -> bool {
        self.status != EstimateStatus::Rejected
    }
}

/// A casualty series: counts over periods.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Casualties")]
pub struct Casualties {
    /// Identifier, unique among casualty series.
    pub id: String,
    /// Legend label.
    pub label: String,
    /// Default source for periods that name none.
    #[serde(default)]
    pub source: Option<String>,
    /// What the series counts, in a sentence or two (legend tooltip, Sources panel).
    #[serde(default)]
    pub description: Option<String>,
    /// What is counted, as a plural noun for captions ("deaths" gives "deaths per year");
    /// "people" when omitted.
    #[serde(default)]
    pub unit: Option<String>,
    /// Sorted, non-overlapping periods.
    pub periods: Vec<Period>,
}

/// A count over a period, both ends inclusive.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day of the period.
    pub from: Date,
    /// Last day of the period.
    pub to: Date,
    /// Number of people; `None` when no figure is known for the period (not zero: drawn as
    /// "no data"). Required in the file, written `count: None` when unknown.
    #[serde(deserialize_with = "optional_count")]
    pub count: Option<u32>,
    /// Lowest figure reported by any source.
    #[serde(default, deserialize_with = "optional_count")]
    pub low: Option<u32>,
    /// Highest figure reported by any source.
    #[serde(default, deserialize_with = "optional_count")]
    pub high: Option<u32>,
    /// Source of this count, overriding the series' default.
    #[serde(default)]
    pub source: Option<String>,
    /// Caveat shown with the count.
    #[serde(default)]
    pub note: Option<String>,
    /// Counts for the same period that are not part of the range (another measure, a
    /// superseded or rejected tally). Drawn as separate marks.
    #[serde(default)]
    pub estimates: Vec<Estimate>,
}

/// Something that happened on a day, or over a span of days when `end` is given.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Event")]
pub struct Event {
    /// The day it happened (or began).
    pub date: Date,
    /// Last day of a span.
    #[serde(default)]
    pub end: Option<Date>,
    /// Short title, drawn on the chart.
    pub title: String,
    /// A sentence or two of context.
    #[serde(default)]
    pub detail: Option<String>,
    /// Free-form category used for colour and filtering, e.g. "military".
    #[serde(default)]
    pub category: Option<String>,
    /// Where the event is documented.
    #[serde(default)]
    pub source: Option<String>,
    /// How prominent it is on the chart; [`Importance::Normal`] when omitted.
    #[serde(default)]
    pub importance: Option<Importance>,
}

/// How prominent an event is: written 1, 2 or 3 in the file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Importance {
    /// 1: a light mark, labelled only when there is room (when zoomed in).
    Minor,
    /// 2: labelled when there is room after the headline events.
    #[default]
    Normal,
    /// 3: a headline event, labelled first.
    Headline,
}

impl Importance {
    /// The importance written as `level` (1–3).
    pub fn from_level(level: u32) -> Option<Self> {
        match level {
            1 => Some(Self::Minor),
            2 => Some(Self::Normal),
            3 => Some(Self::Headline),
            _ => None,
        }
    }

    /// The number written in the file.
    pub fn level(self) -> u8 {
        match self {
            Self::Minor => 1,
            Self::Normal => 2,
            Self::Headline => 3,
        }
    }
}

impl<'de> Deserialize<'de> for Importance {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let level = count(deserializer)?;
        Self::from_level(level).ok_or_else(|| {
            de::Error::custom(format!(
                "importance {level} is not 1 (minor), 2 (normal) or 3 (headline)"
            ))
        })
    }
}

impl Serialize for Importance {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.level())
    }
}

impl Source {
    /// The link, only if it is a web address (`http://` or `https://`). Other schemes
    /// (`file:`, `javascript:`, custom handlers) are never offered: a dataset is untrusted input.
    pub fn web_url(&self) -> Option<&str> {
        let url = self.url.as_deref()?.trim();
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        (lower.starts_with("https://") || lower.starts_with("http://")).then_some(url)
    }
}

impl Deployment {
    /// The source id of `point`: its own, else the series' default.
    pub fn source_of<'a>(&'a self, point: &'a Point) -> Option<&'a str> {
        point.source.as_deref().or(self.source.as_deref())
    }

    /// The measure of `point`: its own, else the series' default.
    pub fn measure_of<'a>(&'a self, point: &'a Point) -> Option<&'a str> {
        point.measure().or(self.measure.as_deref())
    }

    /// The source id of estimate `estimate` of `point`: its own, else the point's.
    pub fn estimate_source<'a>(
        &'a self,
        point: &'a Point,
        estimate: &'a Estimate,
    ) -> Option<&'a str> {
        estimate.source.as_deref().or(self.source_of(point))
    }
}

impl Casualties {
    /// The source id of `period`: its own, else the series' default.
    pub fn source_of<'a>(&'a self, period: &'a Period) -> Option<&'a str> {
        period.source.as_deref().or(self.source.as_deref())
    }

    /// The source id of estimate `estimate` of `period`: its own, else the period's.
    pub fn estimate_source<'a>(
        &'a self,
        period: &'a Period,
        estimate: &'a Estimate,
    ) -> Option<&'a str> {
        estimate.source.as_deref().or(self.source_of(period))
    }

    /// What is counted, as a plural noun: the series' `unit`, else "people".
    pub fn unit(&self) -> &str {
        self.unit.as_deref().unwrap_or("people")
    }
}

impl Estimate {
    /// The day the figure applies to: its own date, else the point's.
    pub fn date_for(&self, point: &Point) -> Date {
        self.date.unwrap_or(point.date)
    }
}

impl Dataset {
    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|source| source.id == id)
    }

    /// Number of points and periods across all series.
    pub fn value_count(&self) -> usize {
        let points: usize = self.deployments.iter().map(|d| d.points.len()).sum();
        let periods: usize = self.casualties.iter().map(|c| c.periods.len()).sum();
        points + periods
    }

    /// First and last day mentioned by any point, period or event.
    pub fn date_range(&self) -> Option<(Date, Date)> {
        let points = self.deployments.iter().flat_map(|d| {
            d.points.iter().flat_map(|p| {
                let estimates = p.estimates().iter().map(|e| e.date_for(p));
                std::iter::once(p.date)
                    .chain(estimates)
                    .map(|date| (date, date))
            })
        });
        let periods = self
            .casualties
            .iter()
            .flat_map(|c| c.periods.iter().map(|p| (p.from, p.to)));
        let events = self
            .events
            .iter()
            .map(|e| (e.date, e.end.unwrap_or(e.date)));
        points
            .chain(periods)
            .chain(events)
            .fold(None, |range, (start, end)| match range {
                None => Some((start, end)),
                Some((lo, hi)) => Some((lo.min(start), hi.max(end))),
            })
    }
}

/// Counts are whole numbers of people; a value that does not fit gets a message naming the limit.
fn count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    struct Visitor;
    impl de::Visitor<'_> for Visitor {
        type Value = u32;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a whole number from 0 to 4294967295")
        }
        fn visit_u64<E: de::Error>(self, value: u64) -> Result<u32, E> {
            u32::try_from(value).map_err(|_| {
                E::custom(format!(
                    "{value} is too large: counts must be at most {}",
                    u32::MAX
                ))
            })
        }
        fn visit_i64<E: de::Error>(self, value: i64) -> Result<u32, E> {
            match u64::try_from(value) {
                Ok(value) => self.visit_u64(value),
                Err(_) => Err(E::custom(format!(
                    "{value} is negative: counts must be 0 or more"
                ))),
            }
        }
        fn visit_u128<E: de::Error>(self, value: u128) -> Result<u32, E> {
            Err(E::custom(format!(
                "{value} is too large: counts must be at most {}",
                u32::MAX
            )))
        }
        fn visit_i128<E: de::Error>(self, value: i128) -> Result<u32, E> {
            Err(E::custom(format!(
                "{value} is out of range: counts must be 0 to {}",
                u32::MAX
            )))
        }
        fn visit_f64<E: de::Error>(self, value: f64) -> Result<u32, E> {
            Err(E::custom(format!(
                "{value} is not a whole number: counts are whole people"
            )))
        }
    }
    deserializer.deserialize_any(Visitor)
}

fn optional_count<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    struct Visitor;
    impl<'de> de::Visitor<'de> for Visitor {
        type Value = Option<u32>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an optional whole number")
        }
        fn visit_none<E: de::Error>(self) -> Result<Option<u32>, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Option<u32>, D::Error> {
            count(deserializer).map(Some)
        }
    }
    deserializer.deserialize_option(Visitor)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(url: &str) -> Source {
        Source {
            id: "s".into(),
            title: "S".into(),
            publisher: "P".into(),
            url: Some(url.into()),
            published: None,
        }
    }

    #[test]
    fn rarely_given_point_fields_cost_one_pointer() {
        assert_eq!(
            size_of::<Point>(),
            // The date, the figure (unknown: None), low and high, source and note, and one
            // pointer for the rest, padded to the pointer's alignment.
            (size_of::<Date>()
                + 3 * size_of::<Option<u32>>()
                + 2 * size_of::<Option<String>>()
                + 8)
            .next_multiple_of(8)
        );
        let date = Date::parse("2007-10-15").unwrap();
        let mut point = Point::new(date, 170_000);
        assert_eq!((point.measure(), point.estimates().len()), (None, 0));
        point.set_extra(None, Vec::new());
        assert!(point.extra.is_none(), "nothing given, nothing allocated");
        let estimate = Estimate {
            value: 1,
            date: None,
            source: None,
            note: None,
            status: EstimateStatus::Shown,
            precision: Precision::Day,
        };
        point.set_extra(Some("count".into()), vec![estimate.clone()]);
        assert_eq!(point.measure(), Some("count"));
        assert_eq!(point.estimates(), [estimate]);
        // The file form round-trips.
        let text = ron::to_string(&point).unwrap();
        let back: Point = ron::from_str(&text).unwrap();
        assert_eq!(back, point);
    }

    #[test]
    fn only_web_links_are_offered() {
        assert_eq!(
            source("https://example.org/a").web_url(),
            Some("https://example.org/a")
        );
        assert_eq!(
            source("HTTP://example.org").web_url(),
            Some("HTTP://example.org")
        );
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "ftp://x",
            "mailto:a@b",
            "",
            "http:/x",
            "ssh://h",
        ] {
            assert_eq!(source(bad).web_url(), None, "{bad}");
        }
    }
}
