//! Invariants 1-5, 7 and 9 of docs/design.md on pledge sets at the seed's scale.
//! CI runs each at 1,000 cases (`PROPTEST_CASES` in `.ci/run`).

use std::ops::Bound;

use crate::common::*;
use alliance_commitments::totals::DonorGroups;
use alliance_commitments::{
    Alliance, Currency, DateBasis, Figure, Filter, Key, Money, Period, PeriodUnit, Pledge, Query,
    RateRule, RateTable, Spread, Stage, Totals,
};
use alliance_commitments::{Country, Institution};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn key() -> impl Strategy<Value = Key> {
    let basis = prop::sample::select(vec![DateBasis::Announced, DateBasis::Funded]);
    let unit = prop::sample::select(vec![
        PeriodUnit::Year,
        PeriodUnit::Half,
        PeriodUnit::Quarter,
        PeriodUnit::Month,
    ]);
    prop_oneof![
        Just(Key::Donor),
        Just(Key::Recipient),
        Just(Key::Category),
        Just(Key::Instrument),
        Just(Key::Stage),
        Just(Key::Alliance(Alliance::nato())),
        (unit, basis).prop_map(|(u, b)| Key::Period(u, b)),
        Just(Key::DonorGroup(donor_groups(false))),
        Just(Key::DonorGroup(donor_groups(true))),
    ]
}

/// "EU + EIB" and the Nordics, the other donors in their own rows or
/// (`rest`) in one.
fn donor_groups(rest: bool) -> DonorGroups {
    let groups = DonorGroups::new()
        .group(
            "EU + EIB",
            [
                Institution::EuInstitutions,
                Institution::EuropeanInvestmentBank,
            ],
        )
        .unwrap()
        .group(
            "Nordics",
            [Country::DK, Country::FI, Country::NO, Country::SE],
        )
        .unwrap();
    if rest {
        groups.rest("others").unwrap()
    } else {
        groups
    }
}

fn filter() -> impl Strategy<Value = Filter> {
    prop_oneof![
        3 => Just(Filter::new()),
        1 => Just(Filter::new().alliance(Alliance::nato())),
        1 => Just(Filter::new().stage_at_least(Stage::Allocated)),
        1 => Just(Filter::new().announced_within("2025-Q1".parse().unwrap())),
        1 => Just(Filter::new().funded_overlapping("2025".parse().unwrap())),
        1 => Just(Filter::new().category(alliance_commitments::Category::Military).stage(Stage::Delivered)),
    ]
}

fn spread() -> impl Strategy<Value = Spread> {
    prop_oneof![3 => Just(Spread::evenly_by_days()), 1 => Just(Spread::at_start())]
}

/// Every per-currency total and every converted total, as interval ends.
fn snapshot(t: &Totals) -> Vec<(String, Vec<Ends>, Option<Ends>)> {
    let mut rows: Vec<_> = t
        .groups()
        .map(|(k, g)| {
            (
                k.to_string(),
                g.by_currency().map(|f| ends(&f)).collect(),
                g.converted().map(|c| ends(&c.figure())),
            )
        })
        .collect();
    let g = t.grand_total();
    rows.push((
        "grand".into(),
        g.by_currency().map(|f| ends(&f)).collect(),
        g.converted().map(|c| ends(&c.figure())),
    ));
    rows
}

/// [`close`] at both ends, or each end of `parts` beyond `whole`'s by
/// more (groups of spread pieces hold a qualified whole, see `holds`).
fn close_or_wider(parts: &Figure, whole: &Figure) -> bool {
    let beyond = |a: Bound<Decimal>, b: Bound<Decimal>, below: bool| match (a, b) {
        (Bound::Unbounded, Bound::Unbounded) => true,
        (Bound::Included(x) | Bound::Excluded(x), Bound::Included(y) | Bound::Excluded(y)) => {
            if below {
                x < y
            } else {
                x > y
            }
        }
        _ => false,
    };
    (close(parts.lower(), whole.lower()) || beyond(parts.lower(), whole.lower(), true))
        && (close(parts.upper(), whole.upper()) || beyond(parts.upper(), whole.upper(), false))
}

fn close(a: Bound<Decimal>, b: Bound<Decimal>) -> bool {
    // Converted sums differ from a converted whole only in the last of
    // Decimal's 28 digits (each division rounds there); far below a cent.
    let eps = Decimal::new(1, 9);
    match (a, b) {
        (Bound::Included(x), Bound::Included(y)) | (Bound::Excluded(x), Bound::Excluded(y)) => {
            (x - y).abs() <= eps
        }
        (Bound::Unbounded, Bound::Unbounded) => true,
        _ => false,
    }
}

proptest! {
    /// Invariant 1: the groups add up to the grand total, for any grouping
    /// and filter; per currency exactly, converted to the 9th decimal. The
    /// grand total itself equals the filtered pledges added up directly.
    /// (A qualified figure's spread pieces hold it, a little wider: each
    /// piece's bounds are rounded outward, see `holds`.)
    #[test]
    fn group_totals_add_up_to_the_grand_total(
        pledges in pledge_set(), keys in prop::collection::vec(key(), 0..=3), filter in filter(), spread in spread()
    ) {
        let rates = rates();
        let c = collect(&pledges);
        let mut q = Query::new().filter(filter.clone()).spread(spread).convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
        let spreads = keys.iter().any(|k| matches!(k, Key::Period(_, DateBasis::Funded)));
        for k in keys { q = q.by(k); }
        let t = c.totals(&q).unwrap();
        for cur in CURRENCIES {
            let groups: Vec<Figure> = t.groups().filter_map(|(_, g)| g.in_currency(cur)).collect();
            if !spreads {
                prop_assert_eq!(sum(&groups).map(|f| ends(&f)), t.grand_total().in_currency(cur).map(|f| ends(&f)));
            }
            let direct: Vec<Figure> = c.filter(&filter).filter(|p| p.figure().currency() == cur).map(|p| *p.figure()).collect();
            prop_assert!(holds_some(sum(&groups), t.grand_total().in_currency(cur)), "{:?} vs {:?}", sum(&groups), t.grand_total().in_currency(cur));
            prop_assert!(holds_some(t.grand_total().in_currency(cur), sum(&direct)), "{:?} vs {:?}", t.grand_total().in_currency(cur), sum(&direct));
        }
        let converted: Vec<Figure> = t.groups().map(|(_, g)| g.converted().unwrap().figure()).collect();
        let grand = t.grand_total().converted().unwrap().figure();
        let from_groups = sum(&converted).unwrap_or(Figure::zero(Currency::EUR));
        prop_assert!(close_or_wider(&from_groups, &grand), "{} vs {}", from_groups, grand);
    }

    /// Invariant 2: quarters and months add up to years, on either date;
    /// and 2024 + 2025 is the total over 2024-01-01..2025-12-31.
    #[test]
    fn quarters_and_months_add_up_to_years(pledges in pledge_set(), spread in spread(), funded in any::<bool>()) {
        let c = collect(&pledges);
        let basis = if funded { DateBasis::Funded } else { DateBasis::Announced };
        let by = |unit| c.totals(&Query::new().spread(spread.clone()).by(Key::Period(unit, basis))).unwrap();
        let years = by(PeriodUnit::Year);
        for unit in [PeriodUnit::Half, PeriodUnit::Quarter, PeriodUnit::Month] {
            let finer = by(unit);
            for (year_key, year_total) in years.groups() {
                let alliance_commitments::totals::GroupValue::Period(year) = year_key.values()[0] else { unreachable!() };
                for cur in CURRENCIES {
                    let parts: Vec<Figure> = finer
                        .groups()
                        .filter(|(k, _)| match k.values()[0] {
                            alliance_commitments::totals::GroupValue::Period(p) => match (p, year) {
                                (Some(p), Some(y)) => y.encloses(&Period::containing(p.start(), PeriodUnit::Year).unwrap()),
                                (None, None) => true,
                                _ => false,
                            },
                            _ => false,
                        })
                        .filter_map(|(_, g)| g.in_currency(cur))
                        .collect();
                    prop_assert!(holds_some(sum(&parts), year_total.in_currency(cur)), "{} {:?}: {:?} vs {:?}", year_key, unit, sum(&parts), year_total.in_currency(cur));
                }
            }
        }
        if funded {
            let within = |p: &str| c.totals(&Query::new().spread(spread.clone()).within_funded(p.parse().unwrap())).unwrap();
            let (a, b, both) = (within("2024"), within("2025"), within("2024-01-01..2025-12-31"));
            for cur in CURRENCIES {
                let parts: Vec<Figure> = [&a, &b].iter().filter_map(|t| t.grand_total().in_currency(cur)).collect();
                prop_assert!(holds_some(sum(&parts), both.grand_total().in_currency(cur)));
                // And "within 2024" is the 2024 bucket of the funded years.
                // Periods that cut a month add up too.
                let cut = [within("2024-01-01..2024-07-09"), within("2024-07-10..2025-02-13"), within("2025-02-14..2025-12-31")];
                let pieces: Vec<Figure> = cut.iter().filter_map(|t| t.grand_total().in_currency(cur)).collect();
                prop_assert!(holds_some(sum(&pieces), both.grand_total().in_currency(cur)));
                // Cut at years or at months and kept within 2024, exact
                // amounts give the same; qualified figures are rounded at
                // different cuts, each soundly.
                let y2024 = years.groups().find(|(k, _)| k.to_string() == "2024").and_then(|(_, g)| g.in_currency(cur));
                if y2024.is_some_and(|y| y.interval().is_point()) {
                    prop_assert_eq!(y2024.map(|f| ends(&f)), a.grand_total().in_currency(cur).map(|f| ends(&f)));
                }
            }
        }
    }

    /// Invariant 3: totals do not depend on the order of the pledges.
    #[test]
    fn order_does_not_matter(
        (pledges, shuffled) in pledge_set().prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle())),
        keys in prop::collection::vec(key(), 0..=3)
    ) {
        let rates = rates();
        let mut q = Query::new().convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
        for k in keys { q = q.by(k); }
        let a = collect(&pledges).totals(&q).unwrap();
        let b = collect(&shuffled).totals(&q).unwrap();
        prop_assert_eq!(a, b);
    }

    /// Invariant 4: spreading creates and loses nothing, for every amount,
    /// currency exponent (0, 2, 3, 4), span, unit and rule (qualified
    /// figures: the parts hold the whole, see `holds`).
    #[test]
    fn spreading_adds_up_to_the_whole(
        f in prop::sample::select(vec![Currency::JPY, Currency::EUR, Currency::KWD, Currency::from_code("CLF").unwrap()])
            .prop_flat_map(figure),
        span in funded_period().prop_filter("a span", Option::is_some).prop_map(Option::unwrap),
        unit in prop::sample::select(vec![PeriodUnit::Year, PeriodUnit::Half, PeriodUnit::Quarter, PeriodUnit::Month]),
        spread in spread(),
    ) {
        let parts = spread.split(&f, &span, unit, None).unwrap();
        let figures: Vec<Figure> = parts.iter().map(|(_, f)| *f).collect();
        prop_assert!(holds(&sum(&figures).unwrap(), &f), "{} vs {}", sum(&figures).unwrap(), f);
        for w in parts.windows(2) {
            prop_assert!(w[0].0.end() < w[1].0.start());
        }
        for (p, _) in &parts {
            prop_assert!(span.encloses(p));
            prop_assert!(Period::containing(p.start(), unit).unwrap().encloses(p));
        }
    }

    /// Invariant 5: splitting one pledge into two with the same attributes
    /// leaves every total unchanged, spread or not, converted or not.
    #[test]
    fn splitting_a_pledge_changes_no_total(
        pledges in pledge_set(), index in any::<prop::sample::Index>(), tenths in 1i64..=9,
        keys in prop::collection::vec(key(), 0..=3), spread in spread()
    ) {
        let rates = rates();
        let i = index.index(pledges.len());
        let k = Decimal::new(tenths, 1);
        let p: &Pledge = &pledges[i];
        let first = p.figure().checked_scale(k).unwrap();
        let second = p.figure().checked_scale(Decimal::ONE - k).unwrap();
        let mut split = pledges.clone();
        split[i] = rebuild(p, first, "split-a");
        split.push(rebuild(p, second, "split-b"));
        let mut q = Query::new().spread(spread).convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
        for key in keys { q = q.by(key); }
        let a = collect(&pledges).totals(&q).unwrap();
        let b = collect(&split).totals(&q).unwrap();
        prop_assert_eq!(snapshot(&a), snapshot(&b));
    }

    /// Invariant 7: converting to a currency and back returns the original
    /// within one minor unit; converting a total equals the total of the
    /// converted parts (to Decimal's precision, far below the minor unit,
    /// and equal once rounded unless a half-unit boundary lies in between).
    #[test]
    fn conversion_round_trips_and_is_additive(
        cur in prop::sample::select(&CURRENCIES[1..]), to in prop::sample::select(&CURRENCIES[..]),
        xs in prop::collection::vec((1i64..=300_000_000_000, 0u32..=4), 1..10), offset in 0u64..=700
    ) {
        let rates = rates();
        let date = day(2024, 1, 1) + chrono::Days::new(offset);
        let rule = RateRule::OnDate(date);
        let figures: Vec<Figure> = xs.iter().map(|(m, s)| Figure::exactly(Money::new(Decimal::new(*m, *s), cur))).collect();
        for f in &figures {
            let there = rates.convert(f, to, rule, None).unwrap();
            let back = rates.convert(there.figure(), cur, rule, None).unwrap();
            let diff = (back.figure().stated().amount() - f.stated().amount()).abs();
            prop_assert!(diff <= Decimal::new(1, cur.minor_units()), "{} → {} → {}", f, there.figure(), back.figure());
        }
        let whole = rates.convert(&sum(&figures).unwrap(), to, rule, None).unwrap();
        let parts: Vec<Figure> = figures.iter().map(|f| *rates.convert(f, to, rule, None).unwrap().figure()).collect();
        let total = sum(&parts).unwrap();
        let gap = (whole.figure().stated().amount() - total.stated().amount()).abs();
        prop_assert!(gap <= Decimal::new(1, 12), "gap {}", gap);
        let unit = Decimal::new(5, to.minor_units() + 1);
        let frac = (total.stated().amount() / unit).fract().abs();
        if frac > Decimal::new(1, 9) && frac < Decimal::ONE - Decimal::new(1, 9) {
            // The sum of 28-digit parts is a point only when it fits; else
            // it is "between" its nearest decimals, and so is its rounding.
            let shown = total.round();
            if total.is_exact() {
                prop_assert_eq!(whole.rounded(), shown);
            } else {
                prop_assert!(shown.contains(&whole.rounded().stated()), "{} in {}", whole.rounded(), shown);
            }
        }
    }

    /// Invariant 9: a donor counts toward an alliance exactly on the dates it
    /// is a member (judged on the announcement date).
    #[test]
    fn alliance_totals_count_members_on_the_announcement_date(pledges in pledge_set()) {
        let nato = Alliance::nato();
        let c = collect(&pledges);
        let t = c.totals(&Query::new().filter(Filter::new().alliance(nato.clone()))).unwrap();
        let by_key = c.totals(&Query::new().by(Key::Alliance(nato.clone()))).unwrap();
        let members = by_key.get(&[alliance_commitments::totals::GroupValue::Member(Some(true))]);
        for cur in CURRENCIES {
            let expected: Vec<Figure> = pledges
                .iter()
                .filter(|p| p.figure().currency() == cur)
                // Cancelled pledges count in no total that does not ask for them.
                .filter(|p| p.stage() != Stage::Cancelled)
                .filter(|p| p.announced().is_some_and(|d| nato_ally(&p.donor(), d)))
                .map(|p| *p.figure())
                .collect();
            prop_assert_eq!(sum(&expected).map(|f| ends(&f)), t.grand_total().in_currency(cur).map(|f| ends(&f)));
            prop_assert_eq!(sum(&expected).map(|f| ends(&f)), members.and_then(|g| g.in_currency(cur)).map(|f| ends(&f)));
        }
    }
}

#[test]
fn rates_cover_every_generated_date() {
    // The generator's dates (2024-2025) all find a rate within the window.
    let rates: RateTable = rates();
    let mut d = day(2024, 1, 1);
    while d <= day(2025, 12, 31) {
        assert!(rates.rate_on(Currency::USD, d).is_ok(), "{d}");
        d = d + chrono::Days::new(1);
    }
}

/// Pledges of a few donors in several currencies on a few days, each
/// funded over the quarter it was announced in (none "about": spread, its
/// spread is stated as an amount).
fn funded_as_announced() -> impl Strategy<Value = Vec<Pledge>> {
    let one = (
        prop::sample::select(vec![Country::DE, Country::FR, Country::PL]),
        prop::sample::select(&CURRENCIES[..]),
        0u64..=20,
    )
        .prop_flat_map(|(donor, currency, n)| {
            let not_about = |f: &Figure| f.qualifier() != alliance_commitments::Qualifier::About;
            figure(currency)
                .prop_filter("not about", not_about)
                .prop_map(move |figure| {
                    // Every 37th day from 2024-01-02: the same days recur, so
                    // pledges share rates, quarters and groups.
                    let day = day(2024, 1, 2) + chrono::Days::new(n * 37);
                    let quarter = Period::containing(day, PeriodUnit::Quarter).unwrap();
                    Pledge::builder(donor, Country::UA, figure)
                        .announced(day)
                        .funded(quarter)
                        .build()
                        .unwrap()
                })
        });
    prop::collection::vec(one, 1..80).prop_map(with_ids)
}

proptest! {
    /// Totals that spread gather their slots a run at a time (one currency
    /// and rate date), sealing each run's; totals that do not, all in one
    /// table. For pledges funded over the quarter they were announced in,
    /// the two give the same totals, part for part, with two keys (their
    /// codes kept together) or four (kept apart).
    #[test]
    fn spreading_builds_the_totals_that_grouping_does(pledges in funded_as_announced(), wide in any::<bool>()) {
        let rates = rates();
        let pledges = collect(&pledges);
        let by = |basis| {
            let query = Query::new().by(Key::Donor);
            let query = if wide { query.by(Key::Recipient).by(Key::Stage) } else { query };
            pledges.totals(
                &query
                    .by(Key::quarter(basis))
                    .convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates),
            )
        };
        let (announced, funded) = (by(DateBasis::Announced), by(DateBasis::Funded));
        match (announced, funded) {
            (Ok(a), Ok(f)) => {
                let rows = |t: &Totals| -> Vec<(String, alliance_commitments::totals::GroupTotal)> {
                    t.groups().map(|(k, g)| (format!("{:?}", k.values()), g.clone())).collect()
                };
                prop_assert!(a.groups().any(|_| true));
                prop_assert_eq!(rows(&a), rows(&f));
                prop_assert_eq!(a.grand_total(), f.grand_total());
            }
            (a, f) => prop_assert_eq!(a.is_err(), f.is_err(), "{:?} / {:?}", a.err(), f.err()),
        }
    }
}
