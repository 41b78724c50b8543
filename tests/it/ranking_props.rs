//! `compare::ranking` against the rule it states, checked pair by pair:
//! best = 1 + the groups certainly larger, worst = the number of groups −
//! those certainly smaller, by `Figure::compare`; the same error when two
//! groups cannot be compared.

use alliance_commitments::compare::ranking;
use alliance_commitments::{
    Comparison, Country, Currency, DateBasis, Error, Figure, Key, Money, PeriodUnit, Pledge,
    Pledges, Query, Tolerance, Totals,
};
use chrono::{Months, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Small amounts, so that ends often meet: open against closed, equal points.
fn figure(currency: Currency) -> impl Strategy<Value = Figure> {
    let small = || (0i64..=12, 0u32..=1).prop_map(|(m, s)| Decimal::new(m, s));
    let money = move |d: Decimal| Money::new(d, currency);
    prop_oneof![
        small().prop_map(move |v| Figure::exactly(money(v))),
        (1i64..=5).prop_map(move |m| Figure::exactly(money(Decimal::from(-m)))),
        small().prop_map(move |v| Figure::over(money(v)).unwrap()),
        small().prop_map(move |v| Figure::at_least(money(v)).unwrap()),
        small().prop_map(move |v| Figure::up_to(money(v)).unwrap()),
        (small(), 0i64..=3).prop_map(move |(v, t)| {
            Figure::about_within(money(v), Tolerance::Absolute(Decimal::from(t).min(v))).unwrap()
        }),
        (small(), small())
            .prop_map(move |(a, b)| { Figure::between(money(a.min(b)), money(a.max(b))).unwrap() }),
    ]
}

/// Pledges announced in one of `groups` months, each month a group.
fn totals(pledges: &[(u32, Figure)]) -> Totals {
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let mut all = Pledges::new();
    for (month, figure) in pledges {
        let day = first.checked_add_months(Months::new(*month)).unwrap();
        all.add(
            Pledge::builder(Country::DE, Country::UA, *figure)
                .announced(day)
                .build()
                .unwrap(),
        )
        .unwrap();
    }
    all.totals(&Query::new().by(Key::Period(PeriodUnit::Month, DateBasis::Announced)))
        .unwrap()
}

/// Each group (shown) with its figure, best and worst rank, every pair
/// compared, in ranking order.
fn by_pairs(totals: &Totals) -> Result<Vec<(String, Figure, usize, usize)>, Error> {
    let groups: Vec<(String, Figure)> = totals
        .groups()
        .map(|(k, t)| t.figure().map(|f| (k.to_string(), f)))
        .collect::<Result<_, _>>()?;
    let n = groups.len();
    let mut out = Vec::new();
    for (i, (key, figure)) in groups.iter().enumerate() {
        let (mut larger, mut smaller) = (0, 0);
        for (j, (_, other)) in groups.iter().enumerate() {
            if i != j {
                match other.compare(figure)? {
                    Comparison::Greater => larger += 1,
                    Comparison::Less => smaller += 1,
                    _ => {}
                }
            }
        }
        out.push((key.clone(), *figure, 1 + larger, n - smaller));
    }
    // Keys show months as 2000-01 ... in time order, as they sort.
    out.sort_by(|a, b| (a.2, a.3, &a.0).cmp(&(b.2, b.3, &b.0)));
    Ok(out)
}

fn ranked(totals: &Totals) -> Result<Vec<(String, Figure, usize, usize)>, Error> {
    Ok(ranking(totals)?
        .into_iter()
        .map(|r| (r.key().to_string(), *r.figure(), r.best(), r.worst()))
        .collect())
}

proptest! {
    #[test]
    fn ranks_count_the_groups_certainly_larger_and_smaller(
        pledges in prop::collection::vec((0u32..40, figure(Currency::EUR)), 0..80),
    ) {
        let t = totals(&pledges);
        prop_assert_eq!(ranked(&t), by_pairs(&t));
    }

    // A group in another currency anywhere: the error comparing every pair
    // gives first, or the ranks when there is only one group.
    #[test]
    fn another_currency_is_the_same_error(
        pledges in prop::collection::vec((0u32..12, figure(Currency::EUR)), 0..20),
        others in prop::collection::vec((0u32..12, figure(Currency::USD)), 1..4),
    ) {
        let mut all = pledges;
        all.extend(others);
        // A month with pledges in both currencies is a mixed group.
        let t = totals(&all);
        prop_assert_eq!(ranked(&t), by_pairs(&t));
    }
}

#[test]
fn a_hand_worked_ranking() {
    // over 5, exactly 5, between 3 and 5, about 2 ± 1, up to 1:
    // over 5 lies above every other (its lower end is open at 5); exactly 5
    // and [3, 5] touch at 5 (closed), so neither is certainly larger;
    // [1, 3] touches [3, 5] and [0, 1].
    let eur = |s: &str| s.parse::<Figure>().unwrap();
    let t = totals(&[
        (0, eur("over €5")),
        (1, eur("€5")),
        (2, eur("between €3 and €5")),
        (3, eur("about €2 ± €1")),
        (4, eur("up to €1")),
    ]);
    let shown: Vec<(String, usize, usize)> = ranked(&t)
        .unwrap()
        .into_iter()
        .map(|(k, _, best, worst)| (k, best, worst))
        .collect();
    let expected = [
        ("2000-01", 1, 1),
        ("2000-02", 2, 3),
        ("2000-03", 2, 4),
        ("2000-04", 3, 5),
        ("2000-05", 4, 5),
    ];
    assert_eq!(
        shown,
        expected.map(|(k, b, w)| (k.to_owned(), b, w)).to_vec()
    );
}
