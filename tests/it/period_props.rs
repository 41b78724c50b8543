//! Period splitting covers the whole without gaps or overlaps, and periods
//! round trip through `Display`/`FromStr`.

use alliance_commitments::{Half, Month, Period, PeriodUnit, Quarter};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..=40_000).prop_map(|n| NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + Days::new(n))
}

fn year() -> impl Strategy<Value = i32> {
    1950i32..=2060
}

fn month() -> impl Strategy<Value = Month> {
    (1u8..=12).prop_map(|m| Month::try_from(m).unwrap())
}

fn period() -> impl Strategy<Value = Period> {
    prop_oneof![
        year().prop_map(|y| Period::year(y).unwrap()),
        (year(), prop::bool::ANY).prop_map(|(y, h)| Period::half(
            y,
            if h { Half::H1 } else { Half::H2 }
        )
        .unwrap()),
        (
            year(),
            prop::sample::select(vec![Quarter::Q1, Quarter::Q2, Quarter::Q3, Quarter::Q4])
        )
            .prop_map(|(y, q)| Period::quarter(y, q).unwrap()),
        (year(), month()).prop_map(|(y, m)| Period::month(y, m).unwrap()),
        (year(), month()).prop_map(|(y, m)| Period::fiscal_year_starting(y, m).unwrap()),
        (date(), 0u64..=3000).prop_map(|(d, n)| Period::range(d, d + Days::new(n)).unwrap()),
    ]
}

fn unit() -> impl Strategy<Value = PeriodUnit> {
    prop::sample::select(vec![
        PeriodUnit::Year,
        PeriodUnit::Half,
        PeriodUnit::Quarter,
        PeriodUnit::Month,
    ])
}

proptest! {
    #[test]
    fn split_parts_cover_the_whole_without_gaps_or_overlaps(p in period(), unit in unit()) {
        let parts = p.split(unit);
        prop_assert!(!parts.is_empty());
        prop_assert_eq!(parts[0].start(), p.start());
        prop_assert_eq!(parts[parts.len() - 1].end(), p.end());
        for pair in parts.windows(2) {
            // The next part starts the day after the previous one ends.
            prop_assert_eq!(pair[0].end().succ_opt(), Some(pair[1].start()));
        }
        prop_assert_eq!(parts.iter().map(Period::days).sum::<i64>(), p.days());
        for part in &parts {
            // Each part lies within one unit and within the period.
            let bucket = Period::containing(part.start(), unit).unwrap();
            prop_assert!(bucket.encloses(part), "{} not within {}", part, bucket);
            prop_assert!(p.encloses(part));
        }
    }

    #[test]
    fn display_then_parse_gives_the_same_period(p in period()) {
        let text = p.to_string();
        prop_assert_eq!(text.parse::<Period>().unwrap(), p, "{}", text);
    }

    #[test]
    fn intersection_is_exactly_the_shared_days(a in period(), b in period(), d in date()) {
        let both = a.contains(d) && b.contains(d);
        match a.intersection(&b) {
            Some(i) => {
                prop_assert!(a.overlaps(&b));
                prop_assert_eq!(i.contains(d), both);
            }
            None => {
                prop_assert!(!a.overlaps(&b));
                prop_assert!(!both);
            }
        }
    }

    #[test]
    fn contains_agrees_with_start_and_end(p in period(), d in date()) {
        prop_assert_eq!(p.contains(d), p.start() <= d && d <= p.end());
        prop_assert_eq!(p.days(), (p.end() - p.start()).num_days() + 1);
    }
}
