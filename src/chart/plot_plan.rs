//! How the chart's height is shared between the troop plot and the casualty plots: the troop
//! plot first, every casualty series a plot of its own while they fit, and an honest count of
//! the ones left out when they do not.

/// Fixed heights the plan works with, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlanSizes {
    /// The smallest useful troop plot (its event label rows included).
    pub min_troops: f64,
    /// The smallest useful casualty plot.
    pub min_casualty: f64,
    /// Height of a row of date labels: one under the troop plot, one under the last casualty
    /// plot (the casualty plots share it).
    pub axis_row: f64,
    /// Extra height each casualty plot needs for its title row.
    pub casualty_title: f64,
    /// The row introducing the casualty plots.
    pub caption: f64,
    /// The line saying how many casualty series did not fit.
    pub note: f64,
    /// Share of the height the troop plot gets when everything fits (0–1).
    pub troop_share: f64,
}

/// The heights chosen for one frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlotPlan {
    /// Height of the troop plot area.
    pub troops: f64,
    /// Height of each casualty plot area.
    pub casualty: f64,
    /// How many of the shown casualty series get a plot (the first ones).
    pub casualties: usize,
    /// How many shown casualty series did not fit.
    pub left_out: usize,
}

/// Shares `available` points between the troop plot and `casualty_series` casualty plots.
pub fn plan(available: f64, casualty_series: usize, sizes: PlanSizes) -> PlotPlan {
    let available = if available.is_finite() {
        available.max(0.0)
    } else {
        0.0
    };
    let troops_only = (available - sizes.axis_row).max(sizes.min_troops);
    if casualty_series == 0 {
        return PlotPlan {
            troops: troops_only,
            casualty: 0.0,
            casualties: 0,
            left_out: 0,
        };
    }
    // Casualty plots share one row of dates, under the last of them.
    let per_casualty_extra = sizes.casualty_title;
    let fits = |count: usize, note: bool| {
        let fixed = 2.0 * sizes.axis_row
            + sizes.caption
            + if note { sizes.note } else { 0.0 }
            + count as f64 * per_casualty_extra;
        available - fixed - sizes.min_troops - count as f64 * sizes.min_casualty >= 0.0
    };
    let shown = if fits(casualty_series, false) {
        casualty_series
    } else {
        (0..casualty_series)
            .rev()
            .find(|&count| fits(count, true))
            .unwrap_or(0)
    };
    let left_out = casualty_series - shown;
    if shown == 0 {
        let note = if left_out > 0 { sizes.note } else { 0.0 };
        return PlotPlan {
            troops: (available - sizes.axis_row - note).max(sizes.min_troops),
            casualty: 0.0,
            casualties: 0,
            left_out,
        };
    }
    let fixed = 2.0 * sizes.axis_row
        + sizes.caption
        + if left_out > 0 { sizes.note } else { 0.0 }
        + shown as f64 * per_casualty_extra;
    let plots = (available - fixed).max(0.0);
    let casualty_min = shown as f64 * sizes.min_casualty;
    let troops = (plots * sizes.troop_share.clamp(0.0, 1.0)).clamp(
        sizes.min_troops,
        (plots - casualty_min).max(sizes.min_troops),
    );
    PlotPlan {
        troops,
        casualty: ((plots - troops) / shown as f64).max(sizes.min_casualty),
        casualties: shown,
        left_out,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const SIZES: PlanSizes = PlanSizes {
        min_troops: 120.0,
        min_casualty: 48.0,
        axis_row: 16.0,
        casualty_title: 16.0,
        caption: 22.0,
        note: 16.0,
        troop_share: 0.55,
    };

    fn total(plan: PlotPlan) -> f64 {
        let casualties = plan.casualties as f64 * (plan.casualty + 16.0)
            + if plan.casualties > 0 { 16.0 } else { 0.0 };
        let caption = if plan.casualties > 0 { 22.0 } else { 0.0 };
        let note = if plan.left_out > 0 { 16.0 } else { 0.0 };
        plan.troops + 16.0 + casualties + caption + note
    }

    #[test]
    fn troops_alone_take_everything() {
        let plan = plan(600.0, 0, SIZES);
        assert_eq!(plan.troops, 584.0);
        assert_eq!((plan.casualties, plan.left_out), (0, 0));
    }

    #[test]
    fn three_series_share_the_rest() {
        let plan = plan(700.0, 3, SIZES);
        assert_eq!((plan.casualties, plan.left_out), (3, 0));
        assert!(plan.troops > plan.casualty);
        assert!((total(plan) - 700.0).abs() < 1e-6, "{plan:?}");
    }

    #[test]
    fn series_that_do_not_fit_are_counted() {
        let plan = plan(500.0, 8, SIZES);
        assert!(plan.casualties < 8 && plan.casualties > 0, "{plan:?}");
        assert_eq!(plan.casualties + plan.left_out, 8);
        assert!(total(plan) <= 500.0 + 1e-6, "{plan:?}");
        assert!(plan.casualty >= 48.0 && plan.troops >= 120.0);
    }

    #[test]
    fn nonsense_heights_give_the_minimum() {
        let plan = plan(f64::NAN, 2, SIZES);
        assert_eq!((plan.troops, plan.casualties, plan.left_out), (120.0, 0, 2));
    }

    proptest! {
        #[test]
        fn plans_fit_and_account_for_every_series(available in 0.0f64..3000.0, series in 0usize..12) {
            let plan = plan(available, series, SIZES);
            prop_assert_eq!(plan.casualties + plan.left_out, series);
            prop_assert!(plan.troops >= SIZES.min_troops);
            if plan.casualties > 0 {
                prop_assert!(plan.casualty >= SIZES.min_casualty);
                prop_assert!(total(plan) <= available.max(0.0) + 1e-6);
            }
            // Nothing is left out while there is room for it.
            if plan.left_out > 0 {
                let k = (plan.casualties + 1) as f64;
                let smallest_with_one_more = 32.0 + 22.0 + 16.0 + 120.0 + k * (16.0 + 48.0);
                prop_assert!(smallest_with_one_more > available);
            }
        }
    }
}
