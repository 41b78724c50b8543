use crate::error::ErrorKind;
use chrono::{Month, NaiveDate};

use super::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn p(s: &str) -> Period {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn starts_ends_and_days() {
    let cases = [
        ("2025", d(2025, 1, 1), d(2025, 12, 31), 365),
        ("2024", d(2024, 1, 1), d(2024, 12, 31), 366),
        ("2025-H1", d(2025, 1, 1), d(2025, 6, 30), 181),
        ("2025-H2", d(2025, 7, 1), d(2025, 12, 31), 184),
        ("2025-Q1", d(2025, 1, 1), d(2025, 3, 31), 90),
        ("2024-Q1", d(2024, 1, 1), d(2024, 3, 31), 91),
        ("2025-Q4", d(2025, 10, 1), d(2025, 12, 31), 92),
        ("2025-02", d(2025, 2, 1), d(2025, 2, 28), 28),
        ("2024-02", d(2024, 2, 1), d(2024, 2, 29), 29),
        ("2025-12", d(2025, 12, 1), d(2025, 12, 31), 31),
        ("FY2024-10", d(2024, 10, 1), d(2025, 9, 30), 365),
        ("FY2025-04", d(2025, 4, 1), d(2026, 3, 31), 365),
        (
            "2024-01-01..2027-12-31",
            d(2024, 1, 1),
            d(2027, 12, 31),
            1461,
        ),
        ("2025-04-02", d(2025, 4, 2), d(2025, 4, 2), 1),
        ("9999-12", d(9999, 12, 1), d(9999, 12, 31), 31),
        ("0001", d(1, 1, 1), d(1, 12, 31), 365),
    ];
    for (text, start, end, days) in cases {
        let period = p(text);
        assert_eq!(
            (period.start(), period.end(), period.days()),
            (start, end, days),
            "{text}"
        );
    }
}

#[test]
fn display_round_trips_and_alternative_forms_parse() {
    for s in [
        "2025",
        "2025-H1",
        "2025-Q3",
        "2025-03",
        "FY2024-10",
        "2024-01-01..2027-12-31",
    ] {
        assert_eq!(p(s).to_string(), s);
    }
    assert_eq!(p("Q1 2025"), p("2025-Q1"));
    assert_eq!(p("h2 2025"), p("2025-H2"));
    assert_eq!(p("2025-q2"), p("2025-Q2"));
    assert_eq!(p("fy2024-10"), p("FY2024-10"));
    assert_eq!(
        p(" 2025-01-01 .. 2025-03-31 ").to_string(),
        "2025-01-01..2025-03-31"
    );
    assert_eq!(p("2025-04-02").to_string(), "2025-04-02..2025-04-02");
}

#[test]
fn fiscal_years_from_either_end() {
    let a = Period::fiscal_year_starting(2024, Month::October).unwrap();
    let b = Period::fiscal_year_ending(2025, Month::September).unwrap();
    assert_eq!(a, b);
    let jan = Period::fiscal_year_ending(2025, Month::December).unwrap();
    assert_eq!(jan.to_string(), "FY2025-01");
    assert!(jan.same_days(&p("2025")));
    assert_ne!(jan, p("2025"));
    assert!(Period::fiscal_year_starting(9999, Month::February).is_err());
}

#[test]
fn bad_periods_are_positioned_errors() {
    let syntax = |s: &str| match s.parse::<Period>().as_ref().map_err(Error::kind) {
        Err(ErrorKind::Syntax { offset, reason, .. }) => (*offset, *reason),
        other => panic!("{s}: {other:?}"),
    };
    assert_eq!(syntax("2025-Q5"), (6, "quarter must be Q1 to Q4"));
    assert_eq!(syntax("2025-Q0"), (6, "quarter must be Q1 to Q4"));
    assert_eq!(syntax("2025-H3"), (6, "half must be H1 or H2"));
    assert_eq!(syntax("2025-13"), (5, "month must be 01 to 12"));
    assert_eq!(syntax("2025-00"), (5, "month must be 01 to 12"));
    assert_eq!(syntax("25"), (0, "expected a four-digit year"));
    assert_eq!(syntax("20255"), (0, "expected a four-digit year"));
    assert_eq!(syntax("2025x"), (4, "unexpected text"));
    assert_eq!(syntax(""), (0, "expected a four-digit year"));
    assert_eq!(syntax("2025-1"), (5, "expected a two-digit month"));
    assert_eq!(syntax("2025-01-01..x"), (12, "expected a four-digit year"));
    assert_eq!(
        "2025-02-30".parse::<Period>(),
        Err(ErrorKind::InvalidDate {
            year: 2025,
            month: 2,
            day: 30
        }
        .into())
    );
    assert_eq!(syntax("2025-13-01"), (5, "month must be 01 to 12"));
    assert_eq!(
        "2025-12-31..2025-01-01".parse::<Period>(),
        Err(ErrorKind::PeriodEndsBeforeStart {
            start: d(2025, 12, 31),
            end: d(2025, 1, 1)
        }
        .into())
    );
    // Found by proptest and fuzzing: a multi-byte character where "FY"
    // might stand made the parser slice inside it and panic.
    assert_eq!(syntax("P£4"), (0, "expected a four-digit year"));
    assert_eq!(syntax("F£"), (0, "expected a four-digit year"));
    assert_eq!(
        "0000".parse::<Period>(),
        Err(ErrorKind::YearOutOfRange { year: 0 }.into())
    );
    assert_eq!(
        Period::year(10000),
        Err(ErrorKind::YearOutOfRange { year: 10000 }.into())
    );
    assert!(Period::range(d(9999, 12, 31), d(10000, 1, 1)).is_err());
}

#[test]
fn containment_overlap_and_intersection() {
    let y = p("2025");
    let q1 = p("2025-Q1");
    assert!(y.encloses(&q1) && !q1.encloses(&y));
    assert!(y.overlaps(&q1) && q1.overlaps(&y));
    assert!(!p("2024").overlaps(&y));
    assert!(p("2024-12-31..2025-01-01").overlaps(&p("2024")));
    assert_eq!(y.intersection(&q1), Some(q1));
    assert_eq!(q1.intersection(&y), Some(q1));
    assert_eq!(p("2024").intersection(&y), None);
    assert_eq!(
        p("2024-07-10..2025-07-09").intersection(&p("2024")),
        Some(p("2024-07-10..2024-12-31"))
    );
    assert!(y.contains(d(2025, 12, 31)) && !y.contains(d(2026, 1, 1)));
}

#[test]
fn splitting_keeps_whole_units_and_cuts_the_edges() {
    let names = |v: Vec<Period>| v.iter().map(ToString::to_string).collect::<Vec<_>>();
    assert_eq!(names(p("2025").halves()), ["2025-H1", "2025-H2"]);
    assert_eq!(names(p("2025-H2").quarters()), ["2025-Q3", "2025-Q4"]);
    assert_eq!(
        names(p("2025-Q1").months()),
        ["2025-01", "2025-02", "2025-03"]
    );
    assert_eq!(names(p("2025-02").years()), ["2025-02"]);
    assert_eq!(
        names(p("FY2024-10").years()),
        ["2024-10-01..2024-12-31", "2025-01-01..2025-09-30"]
    );
    assert_eq!(
        names(p("2024-07-10..2025-07-09").halves()),
        [
            "2024-07-10..2024-12-31",
            "2025-H1",
            "2025-07-01..2025-07-09"
        ]
    );
    assert_eq!(p("2024-01-01..2027-12-31").months().len(), 48);
    assert_eq!(
        names(p("9999-12-31..9999-12-31").years()),
        ["9999-12-31..9999-12-31"]
    );
}

#[test]
fn order_is_time_order() {
    let mut v = [
        p("2025-Q2"),
        p("2025"),
        p("2024-12"),
        p("2025-Q1"),
        p("2025-01-01..2025-12-31"),
    ];
    v.sort();
    let names: Vec<String> = v.iter().map(ToString::to_string).collect();
    assert_eq!(
        names,
        [
            "2024-12",
            "2025-Q1",
            "2025",
            "2025-01-01..2025-12-31",
            "2025-Q2"
        ]
    );
}

#[test]
fn containing_picks_the_unit_of_a_date() {
    let date = d(2025, 8, 15);
    assert_eq!(
        Period::containing(date, PeriodUnit::Year).unwrap(),
        p("2025")
    );
    assert_eq!(
        Period::containing(date, PeriodUnit::Half).unwrap(),
        p("2025-H2")
    );
    assert_eq!(
        Period::containing(date, PeriodUnit::Quarter).unwrap(),
        p("2025-Q3")
    );
    assert_eq!(
        Period::containing(date, PeriodUnit::Month).unwrap(),
        p("2025-08")
    );
}

proptest::proptest! {
    /// Splitting gives what cutting the calendar periods one by one to the
    /// span gives: each part the intersection of its unit with the span.
    #[test]
    fn split_is_each_unit_intersected_with_the_span(
        start in 0u32..3000,
        len in 0u32..1500,
        kind in 0usize..6,
        unit in 0usize..4,
    ) {
        let from = d(2020, 1, 1) + chrono::Days::new(u64::from(start));
        let span = match kind {
            0 => Period::containing(from, PeriodUnit::Year).unwrap(),
            1 => Period::containing(from, PeriodUnit::Half).unwrap(),
            2 => Period::containing(from, PeriodUnit::Quarter).unwrap(),
            3 => Period::containing(from, PeriodUnit::Month).unwrap(),
            4 => Period::day(from).unwrap(),
            _ => Period::range(from, from + chrono::Days::new(u64::from(len))).unwrap(),
        };
        let unit = [PeriodUnit::Year, PeriodUnit::Half, PeriodUnit::Quarter, PeriodUnit::Month][unit];
        let mut expected = Vec::new();
        let mut date = span.start();
        while date <= span.end() {
            let part = Period::containing(date, unit).unwrap().intersection(&span).unwrap();
            expected.push(part);
            date = part.end().succ_opt().unwrap();
        }
        proptest::prop_assert_eq!(span.split(unit), expected);
    }
}

proptest::proptest! {
    /// A period that is one whole unit says so, and is what the calendar
    /// gives for its start in that unit; a range never says so.
    #[test]
    fn a_whole_unit_is_its_own_containing_period(start in 0u32..3000, unit in 0usize..4) {
        let date = d(2020, 1, 1) + chrono::Days::new(u64::from(start));
        let unit = [PeriodUnit::Year, PeriodUnit::Half, PeriodUnit::Quarter, PeriodUnit::Month][unit];
        let whole = Period::containing(date, unit).unwrap();
        proptest::prop_assert_eq!(whole.unit(), Some(unit));
        proptest::prop_assert_eq!(Period::containing(whole.start(), unit).unwrap(), whole);
        let range = Period::range(whole.start(), whole.end()).unwrap();
        proptest::prop_assert_eq!(range.unit(), None);
    }
}

#[test]
fn debug_shows_the_period_as_written() {
    let q1 = Period::quarter(2025, Quarter::Q1).unwrap();
    assert_eq!(format!("{q1:?}"), "Period(2025-Q1)");
    let span: Period = "2024-07-10..2025-07-09".parse().unwrap();
    assert_eq!(format!("{span:?}"), "Period(2024-07-10..2025-07-09)");
}

/// Every calendar period of every year allowed ends the day before the
/// calendar's first day of the period after it, and the period after it
/// is the one that follows: the lengths counted without the calendar
/// agree with it.
#[test]
fn every_calendar_period_ends_where_the_calendar_says() {
    let first =
        |y: i32, m: u32| NaiveDate::from_ymd_opt(y + (m as i32 - 1) / 12, (m - 1) % 12 + 1, 1);
    let mut checked = 0;
    for y in MIN_YEAR..=MAX_YEAR {
        let mut kinds: Vec<(Period, u32, u32)> = vec![(Period::year(y).unwrap(), 1, 12)];
        for (h, m) in [(Half::H1, 1), (Half::H2, 7)] {
            kinds.push((Period::half(y, h).unwrap(), m, 6));
        }
        for (q, m) in [
            (Quarter::Q1, 1),
            (Quarter::Q2, 4),
            (Quarter::Q3, 7),
            (Quarter::Q4, 10),
        ] {
            kinds.push((Period::quarter(y, q).unwrap(), m, 3));
        }
        for m in 1..=12u32 {
            let month = Month::try_from(u8::try_from(m).unwrap()).unwrap();
            kinds.push((Period::month(y, month).unwrap(), m, 1));
            // A fiscal year must end by 9999 too.
            if let Ok(fiscal) = Period::fiscal_year_starting(y, month) {
                kinds.push((fiscal, m, 12));
            }
        }
        for (period, m, months) in kinds {
            let start = first(y, m).unwrap();
            let next = first(y, m + months).unwrap();
            assert_eq!(period.start(), start, "{period}");
            assert_eq!(period.end(), next.pred_opt().unwrap(), "{period}");
            match period.following() {
                Some(after) => {
                    assert_eq!(after.start(), next, "after {period}");
                    assert_eq!(after.kind_rank(), period.kind_rank(), "after {period}");
                    let again = first(next.year(), next.month() + months).unwrap();
                    let again_ends = first(again.year(), again.month() + months).unwrap();
                    let expected =
                        (again_ends.pred_opt().unwrap().year() <= MAX_YEAR).then_some(again);
                    assert_eq!(
                        after.following().map(|p| p.start()),
                        expected,
                        "after {after}"
                    );
                }
                None => assert!(
                    first(next.year(), next.month() + months - 1)
                        .unwrap()
                        .year()
                        > MAX_YEAR,
                    "{period} has a next"
                ),
            }
            checked += 1;
        }
    }
    // 31 kinds a year, but the fiscal years that would end in 10000.
    assert_eq!(checked, 9999 * 31 - 11);
}
