//! The built-in Iraq dataset carries every fact of the seed article (Danish, Feb 2024), and
//! every figure is traceable to a source.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use troopline::chart::{BarMode, ChartModel, describe};
use troopline::dataset::{Casualties, Dataset, Date, Importance, builtin, warnings::warnings};

fn data() -> Dataset {
    builtin().unwrap_or_else(|error| panic!("the built-in dataset must be valid:\n{error}"))
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn troops(dataset: &Dataset) -> &troopline::dataset::Deployment {
    dataset
        .deployments
        .iter()
        .find(|d| d.id == "us-troops")
        .expect("a us-troops series")
}

fn casualties<'a>(dataset: &'a Dataset, id: &str) -> &'a Casualties {
    dataset
        .casualties
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("a {id} series"))
}

fn event_on<'a>(dataset: &'a Dataset, day: &str, words: &[&str]) -> &'a troopline::dataset::Event {
    let day = date(day);
    dataset
        .events
        .iter()
        .find(|e| {
            let text =
                format!("{} {}", e.title, e.detail.as_deref().unwrap_or_default()).to_lowercase();
            e.date == day && words.iter().all(|w| text.contains(&w.to_lowercase()))
        })
        .unwrap_or_else(|| panic!("no event on {day} mentioning {words:?}"))
}

#[test]
fn peak_is_in_2007_between_165000_and_172000() {
    let dataset = data();
    let peak = troops(&dataset)
        .points
        .iter()
        .max_by_key(|p| p.troops)
        .unwrap();
    assert_eq!(peak.date.year(), 2007);
    assert!(
        (165_000..=172_000).contains(&peak.troops.unwrap()),
        "{peak:?}"
    );
}

#[test]
fn about_2500_troops_in_early_2024() {
    let dataset = data();
    let series = troops(&dataset);
    let early_2024: Vec<_> = series
        .points
        .iter()
        .filter(|p| p.date.year() == 2024 && p.date.month() <= 3)
        .collect();
    assert!(!early_2024.is_empty());
    assert!(
        early_2024.iter().all(|p| p.troops == Some(2500)),
        "{early_2024:?}"
    );
}

#[test]
fn near_zero_between_withdrawal_and_return() {
    let dataset = data();
    let gap: Vec<_> = troops(&dataset)
        .points
        .iter()
        .filter(|p| p.date >= date("2011-12-18") && p.date < date("2014-06-01"))
        .collect();
    assert!(!gap.is_empty());
    assert!(
        gap.iter().all(|p| p.troops.is_some_and(|t| t <= 200)),
        "{gap:?}"
    );
    assert!(gap.iter().all(|p| {
        p.note
            .as_deref()
            .is_some_and(|n| n.to_lowercase().contains("embassy"))
    }));
}

#[test]
fn us_deaths_2003_to_2020_sum_to_almost_4600() {
    let dataset = data();
    let deaths = dataset
        .casualties
        .iter()
        .find(|c| c.id == "us-military-deaths")
        .unwrap();
    let first = deaths.periods.first().unwrap();
    assert_eq!(
        first.from,
        date("2003-03-20"),
        "2003 counts from the invasion"
    );
    let sum = |id: &str| -> u32 {
        casualties(&dataset, id)
            .periods
            .iter()
            .filter(|p| p.to.year() <= 2020)
            .filter_map(|p| p.count)
            .sum()
    };
    // Deaths in Iraq and deaths of the whole anti-IS mission are two scopes, two series:
    // no one total mixes them, and together they give the article's "almost 4,600".
    let (iraq, anti_is) = (sum("us-military-deaths"), sum("us-military-deaths-anti-is"));
    assert_eq!((iraq, anti_is), (4_492, 94));
    assert!(
        deaths.periods.iter().all(|p| p.to.year() <= 2013),
        "Iraq-only years"
    );
    let event = event_on(&dataset, "2020-12-31", &["4,600"]);
    let detail = event.detail.as_deref().unwrap();
    assert!(
        detail.contains("4,586")
            && detail.contains("Syria")
            && !detail.contains("deaths in Iraq from"),
        "{detail}"
    );
}

#[test]
fn civilian_deaths_are_per_year_from_iraq_body_count() {
    let dataset = data();
    let civilians = dataset
        .casualties
        .iter()
        .find(|c| c.id == "iraqi-civilian-deaths")
        .unwrap();
    let through_2018: u32 = civilians
        .periods
        .iter()
        .filter(|p| p.to.year() <= 2018)
        .filter_map(|p| p.count)
        .sum();
    // The seed's "about 193,000" is the midpoint of the Costs of War range to Oct 2018.
    assert!(
        (182_000..=206_000).contains(&through_2018),
        "{through_2018}"
    );
    event_on(&dataset, "2018-11-15", &["193,000"]);
}

#[test]
fn seed_events_are_on_their_dates() {
    let dataset = data();
    event_on(&dataset, "2003-03-20", &["invasion"]);
    event_on(&dataset, "2010-08-31", &["combat"]);
    event_on(&dataset, "2011-10-21", &["withdrawal"]);
    event_on(&dataset, "2011-12-18", &["leave"]);
    event_on(&dataset, "2014-06-15", &["return"]);
    event_on(&dataset, "2017-12-09", &["victory"]);
    let biden = event_on(&dataset, "2021-07-26", &["biden"]);
    assert!(
        biden
            .detail
            .as_deref()
            .unwrap_or_default()
            .contains("2,500"),
        "Biden ended the combat mission; troops stayed"
    );
    event_on(&dataset, "2023-10-07", &["hamas", "1,200"]);
    event_on(&dataset, "2024-01-25", &["talks"]);
    event_on(&dataset, "2024-01-28", &["jordan", "three"]);
    event_on(&dataset, "2024-02-10", &["28,000"]);
}

#[test]
fn spans_cover_the_surge_new_dawn_and_the_anti_is_campaign() {
    let dataset = data();
    for (start, words) in [
        ("2007-01-10", "surge"),
        ("2010-09-01", "new dawn"),
        ("2014-08-08", "campaign"),
    ] {
        let event = event_on(&dataset, start, &[words]);
        assert!(event.end.is_some(), "{words} must be a span");
    }
    assert!(dataset.events.len() >= 30);
}

#[test]
fn every_figure_and_event_cites_a_source() {
    let dataset = data();
    for deployment in &dataset.deployments {
        for point in &deployment.points {
            assert!(
                point.source.is_some() || deployment.source.is_some(),
                "{} {point:?}",
                deployment.id
            );
        }
    }
    for series in &dataset.casualties {
        // A period without a figure has nothing to cite; its note says why.
        for period in series.periods.iter().filter(|p| p.count.is_some()) {
            assert!(
                period.source.is_some() || series.source.is_some(),
                "{} {period:?}",
                series.id
            );
        }
    }
    for event in &dataset.events {
        assert!(event.source.is_some(), "{}", event.title);
    }
}

#[test]
fn conflicting_sources_are_shown_as_ranges() {
    let dataset = data();
    let ranged = troops(&dataset)
        .points
        .iter()
        .filter(|p| p.low.is_some() || p.high.is_some())
        .count();
    // Ranges only where sources give both ends for the same date: the 161,000 "late 2005"
    // peak has no day, so it no longer widens the October 2005 point.
    assert!(ranged >= 4, "{ranged}");
    assert!(
        troops(&dataset)
            .points
            .iter()
            .all(|p| p.high != Some(161_000)),
        "an undated peak is no range"
    );
    let caps = dataset
        .deployments
        .iter()
        .find(|d| d.id == "authorized-cap")
        .expect("authorized caps as their own series");
    assert!(
        caps.points
            .iter()
            .all(|p| (2014..=2017).contains(&p.date.year()))
    );
}

#[test]
fn the_band_holds_only_figures_the_dataset_stands_behind() {
    let dataset = data();
    let series = troops(&dataset);
    // Figures the notes reject, or that belong to another date or measure: never in the band,
    // always drawn as other estimates at their own date.
    for (figure, day) in [
        (182_060, "2008-06-01"),
        (136_285, "2008-09-30"),
        (101_206, "2009-09-30"),
        (7_679, "2015-06-30"),
        (9_633, "2016-06-30"),
        (15_015, "2017-06-30"),
    ] {
        assert!(
            series
                .points
                .iter()
                .all(|p| p.low != Some(figure) && p.high != Some(figure)),
            "{figure} is in the band"
        );
        let estimate = series
            .points
            .iter()
            .flat_map(|p| p.estimates().iter().map(move |e| (p, e)))
            .find(|(_, e)| e.value == figure)
            .unwrap_or_else(|| panic!("{figure} is shown as another estimate"));
        assert_eq!(estimate.1.date_for(estimate.0), date(day), "{figure}");
    }
    let model = ChartModel::new(&dataset);
    let line = &model.lines[0];
    let (lows, highs) = line.band.as_ref().expect("a band");
    for (i, point) in series.points.iter().enumerate() {
        // The band is the point's own range and stays within half the value either way.
        let troops = point.troops.unwrap();
        assert_eq!(highs[i], f64::from(point.high.unwrap_or(troops)));
        assert_eq!(lows[i], f64::from(point.low.unwrap_or(troops)));
        let value = f64::from(troops);
        assert!(
            highs[i] <= value * 1.5 && lows[i] >= value * 0.5,
            "{}",
            point.date
        );
    }
    // After the surge peak the band never rises above the 170,000 of October 2007.
    let x = |d: &str| date(d).to_x();
    assert!(line.max_in(x("2007-11-02"), x("2024-12-31")) < 170_000.0);
    assert_eq!(line.max_in(x("2017-01-01"), x("2017-12-31")), 8_892.0);
}

#[test]
fn the_last_convoy_leaves_the_embassy_office_behind() {
    let dataset = data();
    let point = troops(&dataset)
        .points
        .iter()
        .find(|p| p.date == date("2011-12-18"))
        .unwrap();
    assert!((150..=200).contains(&point.troops.unwrap()), "{point:?}");
    assert_eq!(point.high, Some(200));
    assert!(point.note.as_deref().unwrap().contains("150"));
}

#[test]
fn deaths_at_the_withdrawal_agree_or_are_explained() {
    let dataset = data();
    let through_2011: u32 = casualties(&dataset, "us-military-deaths")
        .periods
        .iter()
        .filter(|p| p.to.year() <= 2011)
        .filter_map(|p| p.count)
        .sum();
    assert_eq!(through_2011, 4_490);
    let event = event_on(&dataset, "2011-12-18", &["leave"]);
    let detail = event.detail.as_deref().unwrap();
    assert!(
        detail.contains("4,474") && detail.contains("4,490") && detail.contains("4,492"),
        "{detail}"
    );
}

#[test]
fn missing_figures_are_explicit_and_never_zero() {
    let dataset = data();
    for (id, from) in [
        ("us-military-deaths", "2013-01-01"),
        ("iraqi-civilian-deaths", "2021-01-01"),
        ("us-wounded", "2010-08-03"),
    ] {
        let period = casualties(&dataset, id)
            .periods
            .iter()
            .find(|p| p.from == date(from))
            .unwrap_or_else(|| panic!("{id} has a period from {from}"));
        assert_eq!(period.count, None, "{id} {from}");
        assert!(period.note.as_deref().unwrap().contains("No figure"));
    }
    // Every stretch without a figure is an explicit unknown period, never a silent gap.
    let model = ChartModel::new(&dataset);
    for bars in &model.bars {
        assert!(
            bars.no_data.iter().all(|span| span.period.is_some()),
            "{}",
            bars.id
        );
    }
    let civilians = model
        .bars
        .iter()
        .position(|b| b.id == "iraqi-civilian-deaths")
        .unwrap();
    let x = |d: &str| date(d).to_x();
    let summary = describe::visible_summary(
        &dataset,
        &model,
        &|_| true,
        x("2019-01-01"),
        x("2024-01-01"),
    );
    assert!(
        summary.contains("4,541 (2019–2023, without 2021: no figure)"),
        "{summary}"
    );
    let last = model.bars[civilians].bars.len() - 1;
    let tooltip = describe::bar(&dataset, &model, civilians, last)
        .unwrap()
        .text();
    assert!(tooltip.contains("209,794, without 2021"), "{tooltip}");
    let unknown = last - 2;
    let tooltip = describe::bar(&dataset, &model, civilians, unknown)
        .unwrap()
        .text();
    assert!(tooltip.contains("No figure for this period"), "{tooltip}");
}

#[test]
fn unequal_wounded_periods_compare_as_rates() {
    let dataset = data();
    let model = ChartModel::new(&dataset);
    let wounded = model.bars.iter().find(|b| b.id == "us-wounded").unwrap();
    assert!(wounded.unequal_periods());
    assert_eq!(wounded.default_mode(), BarMode::Rate);
    assert_eq!(
        wounded.caption(BarMode::Rate),
        "wounded per year, averaged over each period"
    );
    // The 415-day period has the largest count, the 130-day one the highest rate.
    let tallest = |mode| {
        (0..wounded.bars.len())
            .max_by(|&a, &b| {
                let height = |i| wounded.height(i, mode).unwrap_or(0.0);
                height(a).total_cmp(&height(b))
            })
            .map(|i| wounded.bars[i].days())
    };
    assert_eq!(tallest(BarMode::PerPeriod), Some(415.0));
    assert_eq!(tallest(BarMode::Rate), Some(130.0));
}

#[test]
fn series_say_what_they_measure() {
    let dataset = data();
    let deaths = casualties(&dataset, "us-military-deaths");
    assert!(deaths.label.contains("in Iraq"), "{}", deaths.label);
    let anti_is = casualties(&dataset, "us-military-deaths-anti-is");
    assert!(anti_is.label.contains("Syria"), "{}", anti_is.label);
    assert!(anti_is.description.as_deref().unwrap().contains("Syria"));
    let civilians = casualties(&dataset, "iraqi-civilian-deaths");
    assert!(
        civilians.label.contains("upper") && civilians.label.contains("documented"),
        "{}",
        civilians.label
    );
    let description = civilians.description.as_deref().unwrap();
    assert!(
        description.contains("lower") && description.contains("209,794"),
        "{description}"
    );
    for series in &dataset.casualties {
        assert!(
            series.description.is_some() && series.unit.is_some(),
            "{}",
            series.id
        );
    }
    for series in &dataset.deployments {
        assert!(
            series.description.is_some() && series.measure.is_some(),
            "{}",
            series.id
        );
    }
}

#[test]
fn measure_changes_are_marked_breaks() {
    let dataset = data();
    let model = ChartModel::new(&dataset);
    let series = troops(&dataset);
    let line = &model.lines[0];
    let break_dates: Vec<String> = line
        .breaks
        .iter()
        .map(|&i| series.points[i].date.to_string())
        .collect();
    // Into DMDC's counts after the withdrawal, and out of them when DoD stopped publishing:
    // the drop from 8,892 to 5,200 is a change of measure.
    assert_eq!(break_dates, ["2012-09-30", "2018-01-01"]);
    let dmdc = |day: &str| {
        let index = series
            .points
            .iter()
            .position(|p| p.date == date(day))
            .unwrap();
        line.measure_at(index).unwrap().to_owned()
    };
    assert_eq!(dmdc("2017-09-30"), "DMDC quarterly count");
    // No sawtooth in 2008–2009: the White House figure follows reported levels, not DMDC.
    assert_eq!(dmdc("2008-07-11"), dmdc("2009-01-20"));
    let index = series
        .points
        .iter()
        .position(|p| p.date == date("2018-01-01"))
        .unwrap();
    let tooltip = describe::point(&dataset, &model, 0, index).unwrap().text();
    assert!(tooltip.contains("measure changes here"), "{tooltip}");
}

#[test]
fn the_dataset_passes_every_check() {
    let dataset = data();
    let found: Vec<String> = warnings(&dataset)
        .iter()
        .map(|w| w.headline("iraq.ron"))
        .collect();
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn the_full_view_reads_like_an_edited_chart() {
    let dataset = data();
    let headlines: Vec<&str> = dataset
        .events
        .iter()
        .filter(|e| e.importance == Some(Importance::Headline))
        .map(|e| e.title.as_str())
        .collect();
    assert!((8..=12).contains(&headlines.len()), "{headlines:?}");
    for title in [
        "Invasion begins",
        "Troop surge",
        "Last US troops leave",
        "Victory over IS declared",
    ] {
        assert!(headlines.contains(&title), "{title} in {headlines:?}");
    }
    assert!(dataset.events.iter().all(|e| e.importance.is_some()));
    let views: Vec<&str> = dataset.views.iter().map(|v| v.title.as_str()).collect();
    assert!(views.iter().any(|v| v.contains("Iraq War")), "{views:?}");
    assert!(views.iter().any(|v| v.contains("Anti-IS")), "{views:?}");
}

#[test]
fn the_built_in_dataset_is_named_from_its_own_file() {
    assert_eq!(
        troopline::dataset::builtin_name(),
        "Built-in: US troops in Iraq, 2003–2024"
    );
}
