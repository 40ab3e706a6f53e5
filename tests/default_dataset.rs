//! The built-in Iraq dataset carries every fact of the seed article (Danish, Feb 2024), and
//! every figure is traceable to a source.

// Test helpers fail loudly by design: a panic is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use troopline::dataset::{Dataset, Date, builtin};

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
    assert!((165_000..=172_000).contains(&peak.troops), "{peak:?}");
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
        early_2024.iter().all(|p| p.troops == 2500),
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
    assert!(gap.iter().all(|p| p.troops <= 200), "{gap:?}");
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
    let total: u32 = deaths
        .periods
        .iter()
        .filter(|p| p.to.year() <= 2020)
        .map(|p| p.count)
        .sum();
    assert!((4_400..=4_700).contains(&total), "{total}");
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
        .map(|p| p.count)
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
        for period in &series.periods {
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
    assert!(ranged >= 5, "{ranged}");
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
