//! Invariant 6 of docs/design.md: figure arithmetic is sound, and figures round
//! trip through `Display`/`FromStr`.

use std::ops::Bound;

use alliance_commitments::{Comparison, Currency, Figure, Money, Tolerance};
use proptest::prelude::*;
use rust_decimal::Decimal;

const CURRENCIES: [Currency; 5] = [
    Currency::EUR,
    Currency::USD,
    Currency::JPY,
    Currency::KWD,
    Currency::PLN,
];

/// Non-negative amounts well inside Decimal's range, with 0 to 6 decimals.
fn amount() -> impl Strategy<Value = Decimal> + Clone {
    (0i64..=1_000_000_000_000_000, 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s))
}

/// Small amounts, so that intervals often touch or overlap.
fn small() -> impl Strategy<Value = Decimal> + Clone {
    (0i64..=200, 0u32..=1).prop_map(|(m, s)| Decimal::new(m, s))
}

fn figure_from(
    value: impl Strategy<Value = Decimal> + Clone,
    currency: Currency,
) -> impl Strategy<Value = Figure> {
    let money = move |d: Decimal| Money::new(d, currency);
    prop_oneof![
        value.clone().prop_map(move |v| Figure::exactly(money(v))),
        (1i64..=1_000_000).prop_map(move |m| Figure::exactly(money(Decimal::new(-m, 2)))),
        value
            .clone()
            .prop_map(move |v| Figure::over(money(v)).unwrap()),
        value
            .clone()
            .prop_map(move |v| Figure::at_least(money(v)).unwrap()),
        value
            .clone()
            .prop_map(move |v| Figure::up_to(money(v)).unwrap()),
        // A relative tolerance below 100% (100% is refused).
        (value.clone(), 0i64..10_000).prop_map(move |(v, r)| {
            Figure::about_within(money(v), Tolerance::Relative(Decimal::new(r, 4))).unwrap()
        }),
        (value.clone(), 0i64..=1000).prop_map(move |(v, k)| {
            // An absolute tolerance between 0 and v.
            let t = (v * Decimal::new(k, 3)).round_dp(6);
            Figure::about_within(money(v), Tolerance::Absolute(t.min(v))).unwrap()
        }),
        (value.clone(), value).prop_map(move |(a, b)| Figure::between(
            money(a.min(b)),
            money(a.max(b))
        )
        .unwrap()),
    ]
}

/// A value inside the figure's interval: `k` in 0..=1000 picks a point
/// between bounded ends (k = 0 and k = 1000 are the ends themselves);
/// `extra` (> 0) steps above an unbounded or open lower end.
fn point(f: &Figure, k: i64, extra: Decimal) -> Decimal {
    let (low, open) = match f.lower() {
        Bound::Included(l) => (l, false),
        Bound::Excluded(l) => (l, true),
        Bound::Unbounded => unreachable!("every figure has a lower bound"),
    };
    match f.upper() {
        Bound::Included(u) => low + (u - low) * Decimal::new(k, 3),
        _ if open => low + extra,
        _ => low + if k == 0 { Decimal::ZERO } else { extra },
    }
}

fn extra() -> impl Strategy<Value = Decimal> {
    (1i64..=1_000_000, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn k() -> impl Strategy<Value = i64> {
    prop_oneof![Just(0i64), Just(1000i64), 0i64..=1000]
}

fn pair() -> impl Strategy<Value = (Figure, Figure)> {
    prop::sample::select(&CURRENCIES[..])
        .prop_flat_map(|c| (figure_from(amount(), c), figure_from(amount(), c)))
}

fn small_pair() -> impl Strategy<Value = (Figure, Figure)> {
    (
        figure_from(small(), Currency::EUR),
        figure_from(small(), Currency::EUR),
    )
}

proptest! {
    /// One value written as a range is one exact value, and rounds as it
    /// does: to the minor unit, half to even, worked here on the integer
    /// mantissa.
    #[test]
    fn one_value_as_a_range_rounds_as_the_value(
        m in 0i64..=1_000_000_000_000, s in 0u32..=6, c in prop::sample::select(&CURRENCIES[..])
    ) {
        let x = Decimal::new(m, s);
        let dp = c.minor_units();
        let want = if s <= dp {
            i128::from(m) * 10i128.pow(dp - s)
        } else {
            let p = 10i128.pow(s - dp);
            let (q, r) = (i128::from(m) / p, i128::from(m) % p);
            match (2 * r).cmp(&p) {
                std::cmp::Ordering::Less => q,
                std::cmp::Ordering::Greater => q + 1,
                std::cmp::Ordering::Equal => q + (q & 1),
            }
        };
        let want = Decimal::from_i128_with_scale(want, dp);
        let f = Figure::between(Money::new(x, c), Money::new(x, c)).unwrap().round();
        prop_assert_eq!(f.lower(), Bound::Included(want));
        prop_assert_eq!(f.upper(), Bound::Included(want));
    }

    #[test]
    fn points_drawn_inside_an_interval_are_inside(f in figure_from(amount(), Currency::EUR), k in k(), e in extra()) {
        let p = point(&f, k, e);
        prop_assert!(f.contains(&Money::new(p, Currency::EUR)), "{f} should contain {p}");
    }

    #[test]
    fn the_sum_of_points_lies_in_the_sum((a, b) in pair(), ka in k(), kb in k(), ea in extra(), eb in extra()) {
        let sum = a.checked_add(&b).unwrap();
        let p = point(&a, ka, ea) + point(&b, kb, eb);
        prop_assert!(sum.contains(&Money::new(p, a.currency())), "{a} + {b} = {sum} should contain {p}");
        // And the sum's interval is no wider than the bounds added.
        prop_assert_eq!(sum.lower(), add_lower(a.lower(), b.lower()));
        prop_assert_eq!(sum.upper(), add_upper(a.upper(), b.upper()));
    }

    #[test]
    fn addition_is_commutative_in_its_interval((a, b) in pair()) {
        let ab = a.checked_add(&b).unwrap();
        let ba = b.checked_add(&a).unwrap();
        prop_assert_eq!((ab.lower(), ab.upper()), (ba.lower(), ba.upper()));
    }

    #[test]
    fn scaling_scales_every_point(f in figure_from(amount(), Currency::EUR), k in k(), e in extra(), m in 1i64..=10_000) {
        let factor = Decimal::new(m, 3);
        let scaled = f.checked_scale(factor).unwrap();
        let p = point(&f, k, e) * factor;
        prop_assert!(scaled.contains(&Money::new(p, Currency::EUR)), "{f} × {factor} = {scaled} should contain {p}");
        prop_assert_eq!(scaled.qualifier(), f.qualifier());
    }

    #[test]
    fn comparisons_never_claim_an_order_some_values_would_reverse(
        (a, b) in small_pair(), ka in k(), kb in k(), ea in extra(), eb in extra()
    ) {
        let pa = point(&a, ka, ea);
        let pb = point(&b, kb, eb);
        match a.compare(&b).unwrap() {
            Comparison::Less => prop_assert!(pa < pb, "{a} < {b} but {pa} >= {pb}"),
            Comparison::Greater => prop_assert!(pa > pb, "{a} > {b} but {pa} <= {pb}"),
            Comparison::Equal => prop_assert_eq!(pa, pb),
            Comparison::CannotTell => {}
        }
        // Swapping the operands swaps the answer.
        let swapped = match a.compare(&b).unwrap() {
            Comparison::Less => Comparison::Greater,
            Comparison::Greater => Comparison::Less,
            other => other,
        };
        prop_assert_eq!(b.compare(&a).unwrap(), swapped);
    }

    #[test]
    fn cannot_tell_means_both_orders_are_possible((a, b) in small_pair()) {
        // When the answer is "cannot tell", exhibit points on both sides
        // (or equal points): the lower end of one against the upper of the
        // other.
        if a.compare(&b).unwrap() == Comparison::CannotTell {
            let lo = |f: &Figure| point(f, 0, Decimal::new(1, 6));
            let hi = |f: &Figure| point(f, 1000, Decimal::new(1, 6) + Decimal::from(1000));
            prop_assert!(lo(&a) <= hi(&b) && lo(&b) <= hi(&a), "{a} vs {b}");
        }
    }

    #[test]
    fn display_then_parse_gives_the_same_figure(f in prop::sample::select(&CURRENCIES[..]).prop_flat_map(|c| figure_from(amount(), c))) {
        let text = f.to_string();
        let back: Figure = text.parse().unwrap();
        prop_assert_eq!(back, f, "{}", text);
        prop_assert_eq!(back.qualifier(), f.qualifier());
    }
}

fn add_lower(a: Bound<Decimal>, b: Bound<Decimal>) -> Bound<Decimal> {
    match (a, b) {
        (Bound::Included(x), Bound::Included(y)) => Bound::Included(x + y),
        (Bound::Included(x) | Bound::Excluded(x), Bound::Included(y) | Bound::Excluded(y)) => {
            Bound::Excluded(x + y)
        }
        _ => Bound::Unbounded,
    }
}

fn add_upper(a: Bound<Decimal>, b: Bound<Decimal>) -> Bound<Decimal> {
    match (a, b) {
        (Bound::Included(x), Bound::Included(y)) => Bound::Included(x + y),
        _ => Bound::Unbounded,
    }
}
