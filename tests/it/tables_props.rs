//! Invariants 11 and 12 for per capita, deflation and re-attribution,
//! against an oracle of exact integer arithmetic written here (256-bit
//! products of `u128`s), never the crate's own functions: the true
//! rational lies inside the result, a point only when the quotient is
//! exact, and re-attributed parts add up exactly to the whole.

use std::cmp::Ordering;
use std::ops::Bound;

use crate::common::holds;
use alliance_commitments::reattribution::{Reattribution, ReattributionKey};
use alliance_commitments::tables::{PopulationTable, PriceArea, PriceIndex};
use alliance_commitments::{
    Country, Currency, Donor, Figure, Institution, Key, Money, Pledge, Pledges, Query,
};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use rust_decimal::Decimal;

/// `a × b` as a 256-bit number `(high, low)`.
fn mul256(a: u128, b: u128) -> (u128, u128) {
    let (a1, a0) = (a >> 64, a & u128::from(u64::MAX));
    let (b1, b0) = (b >> 64, b & u128::from(u64::MAX));
    let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
    let mid = (p00 >> 64) + (p01 & u128::from(u64::MAX)) + (p10 & u128::from(u64::MAX));
    let low = (p00 & u128::from(u64::MAX)) | (mid << 64);
    let high = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (high, low)
}

/// Compares the non-negative decimal `m / 10^s` with the rational `n / d`.
fn cmp_decimal_rational(m: u128, s: u32, n: u128, d: u128) -> Ordering {
    mul256(m, d).cmp(&mul256(n, 10u128.pow(s)))
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Whether `n / d` has at most `k` decimals.
fn terminates_within(n: u128, d: u128, k: u32) -> bool {
    let g = gcd(n, d);
    10u128.pow(k) % (d / g) == 0
}

fn parts(x: Decimal) -> (u128, u32) {
    (x.mantissa().unsigned_abs(), x.scale())
}

/// The result's two closed ends, which must contain `n / d`; and whether
/// it is one point.
fn check_contains(f: &Figure, n: u128, d: u128) -> Result<bool, TestCaseError> {
    let (Bound::Included(lo), Bound::Included(hi)) = (f.lower(), f.upper()) else {
        return Err(TestCaseError::fail(format!("open ends: {f:?}")));
    };
    prop_assert!(!lo.is_sign_negative() || lo.is_zero());
    let ((ml, sl), (mh, sh)) = (parts(lo), parts(hi));
    prop_assert_ne!(
        cmp_decimal_rational(ml, sl, n, d),
        Ordering::Greater,
        "{} > {}/{}",
        lo,
        n,
        d
    );
    prop_assert_ne!(
        cmp_decimal_rational(mh, sh, n, d),
        Ordering::Less,
        "{} < {}/{}",
        hi,
        n,
        d
    );
    let point = lo == hi;
    prop_assert_eq!(point, f.is_exact());
    if point {
        // A point is the exact quotient.
        prop_assert_eq!(cmp_decimal_rational(ml, sl, n, d), Ordering::Equal);
    }
    Ok(point)
}

fn decimal(max_mantissa: u64, max_scale: u32) -> impl Strategy<Value = Decimal> {
    (0..=max_mantissa, 0..=max_scale).prop_map(|(m, s)| Decimal::new(m as i64, s))
}

fn positive(max_mantissa: u64, max_scale: u32) -> impl Strategy<Value = Decimal> {
    (1..=max_mantissa, 0..=max_scale).prop_map(|(m, s)| Decimal::new(m as i64, s))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn tables_per_capita_is_sound(x in decimal(1_000_000_000_000, 6), p in positive(10_000_000_000, 3)) {
        let mut t = PopulationTable::new();
        let de = Donor::from(Country::DE);
        t.insert(de, 2024, p).unwrap();
        let f = t.per_capita(&de, 2024, &Figure::exactly(Money::new(x, Currency::EUR))).unwrap();
        // x / p = (mx · 10^sp) / (mp · 10^sx).
        let ((mx, sx), (mp, sp)) = (parts(x), parts(p));
        let (n, d) = (mx * 10u128.pow(sp), mp * 10u128.pow(sx));
        let point = check_contains(&f, n, d)?;
        // At most 10 decimals and 16 integer digits fit: then a point.
        if terminates_within(n, d, 10) {
            prop_assert!(point, "{x} / {p} is exact but gave {f:?}");
        }
    }

    #[test]
    fn tables_deflation_is_sound(
        x in decimal(1_000_000_000_000, 4),
        base in positive(1_000_000, 2),
        year in positive(1_000_000, 2),
    ) {
        let mut index = PriceIndex::new();
        let eur = PriceArea::Currency(Currency::EUR);
        index.insert(eur, 2020, base).unwrap();
        index.insert(eur, 2024, year).unwrap();
        let f = index
            .to_constant(&eur, &Figure::exactly(Money::new(x, Currency::EUR)), 2024, 2020)
            .unwrap();
        // x · B / Y = (mx · mB · 10^sY) / (10^sx · 10^sB · mY).
        let ((mx, sx), (mb, sb), (my, sy)) = (parts(x), parts(base), parts(year));
        let (n, d) = (mx * mb * 10u128.pow(sy), 10u128.pow(sx + sb) * my);
        let point = check_contains(&f, n, d)?;
        if terminates_within(n, d, 8) {
            prop_assert!(point, "{x} × {base} / {year} is exact but gave {f:?}");
        }
    }

    #[test]
    fn tables_reattributed_parts_add_up_to_the_whole(
        cents in 0i64..1_000_000_000_000,
        width in 0i64..1_000_000,
        cuts in proptest::collection::vec(0u32..=10_000, 0..6),
    ) {
        // A key of up to 7 members: shares in ten-thousandths between
        // sorted cut points, adding up to exactly 1.
        let mut cuts = cuts;
        cuts.push(0);
        cuts.push(10_000);
        cuts.sort_unstable();
        let members: Vec<Donor> = [Country::DE, Country::FR, Country::IT, Country::PL, Country::ES, Country::NL, Country::BE]
            .into_iter()
            .map(Donor::from)
            .collect();
        let weights: Vec<u32> = cuts.windows(2).map(|w| w[1] - w[0]).collect();
        let shares: Vec<(Donor, Decimal)> = members
            .iter()
            .zip(&weights)
            .map(|(m, w)| (*m, Decimal::new(i64::from(*w), 4)))
            .collect();
        let eu = Donor::from(Institution::EuInstitutions);
        let key = ReattributionKey::new(eu, shares.clone(), "generated").unwrap();
        let low = Money::new(Decimal::new(cents, 2), Currency::EUR);
        let high = Money::new(Decimal::new(cents + width, 2), Currency::EUR);
        let whole = if width == 0 { Figure::exactly(low) } else { Figure::between(low, high).unwrap() };
        let split = key.split(&whole).unwrap();
        // Oracle, in integers: an exact amount's parts are whole cents
        // within a cent of their shares, adding up to it; a "between"'s
        // ends are their shares where those are exact, else rounded
        // outward to the cent, adding up to at least as wide.
        for (end, amount) in [(0, cents), (1, cents + width)] {
            let mut sum: i128 = 0;
            for (member, part) in &split {
                // The split comes in the key's donor order: find its weight.
                let w = &weights[members.iter().position(|m| m == member).unwrap()];
                let b = if end == 0 { part.lower() } else { part.upper() };
                let (Bound::Included(v) | Bound::Excluded(v)) = b else {
                    return Err(TestCaseError::fail("unbounded part"));
                };
                // v = x / 10^(s − 2) cents, s ≥ 2; its share amount · w / 10^4 cents.
                let s = v.scale().max(2);
                let x = v.mantissa() * 10i128.pow(s - v.scale());
                let unit = 10i128.pow(s - 2);
                let (got, share) = (x * 10_000, i128::from(amount) * i128::from(*w) * unit);
                if width == 0 {
                    prop_assert!(v.scale() <= 2, "{v} is not whole cents");
                    prop_assert!((got - share).abs() < 10_000, "{} for {} × {}", v, amount, w);
                } else if got != share {
                    prop_assert!(v.scale() <= 2, "{v} is inexact and not whole cents");
                    // Outward, by less than a cent.
                    let (beyond, by) = if end == 0 { (got < share, share - got) } else { (got > share, got - share) };
                    prop_assert!(beyond && by < 10_000 * unit, "{} for {} × {}", v, amount, w);
                }
                // Shares of cents by ten-thousandths end by the 6th decimal.
                prop_assert!(s <= 6, "{v} has more decimals than its share");
                sum += x * 10i128.pow(6 - s);
            }
            let whole = i128::from(amount) * 10_000;
            match (width, end) {
                (0, _) => prop_assert_eq!(sum, whole),
                (_, 0) => prop_assert!(sum <= whole),
                _ => prop_assert!(sum >= whole),
            }
        }
        // Through totals: bilateral + shares, nothing counted twice.
        let mut pledges = Pledges::new();
        pledges.add(Pledge::builder(eu, Country::UA, whole).build().unwrap()).unwrap();
        pledges.add(Pledge::builder(members[0], Country::UA, Figure::exactly(low)).build().unwrap()).unwrap();
        let totals = pledges.totals(&Query::new().by(Key::Donor)).unwrap();
        let out = Reattribution::new().with_key(key).unwrap().apply(&totals).unwrap();
        let mut sum = Figure::zero(Currency::EUR);
        for row in out.rows() {
            sum = sum.checked_add(row.including()).unwrap();
        }
        let grand = totals.grand_total().figure().unwrap();
        prop_assert!(holds(&sum, &grand), "{} vs {}", sum, grand);
    }
}
