//! Money and currencies round trip through `Display`/`FromStr`, and checked
//! arithmetic never panics.

use alliance_commitments::{Currency, Money};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(Currency::all().collect::<Vec<_>>())
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=12).prop_map(|(m, s)| Decimal::new(m, s))
}

proptest! {
    #[test]
    fn currency_codes_round_trip(c in currency()) {
        prop_assert_eq!(c.to_string().parse::<Currency>().unwrap(), c);
        prop_assert_eq!(c.code().to_lowercase().parse::<Currency>().unwrap(), c);
        prop_assert!(c.minor_units() <= 4);
    }

    #[test]
    fn full_and_compact_display_read_back(amount in decimal(), c in currency()) {
        let m = Money::new(amount, c);
        prop_assert_eq!(m.to_string().parse::<Money>().unwrap(), m, "{}", m);
        let compact = m.compact().to_string();
        prop_assert_eq!(compact.parse::<Money>().unwrap(), m, "{}", compact);
    }

    #[test]
    fn rounding_lands_on_the_minor_unit_within_half_a_unit(amount in decimal(), c in currency()) {
        let m = Money::new(amount, c);
        let r = m.round();
        prop_assert!(r.amount().scale() <= c.minor_units());
        let half = Decimal::new(5, c.minor_units() + 1);
        prop_assert!((r.amount() - amount).abs() <= half);
    }

    #[test]
    fn checked_arithmetic_errors_instead_of_panicking(
        a in any::<[u32; 3]>(), b in any::<[u32; 3]>(), neg in any::<bool>(), s in 0u32..=28, f in decimal()
    ) {
        // Any value of Decimal's range, including the extremes.
        let x = Decimal::from_parts(a[0], a[1], a[2], neg, s);
        let y = Decimal::from_parts(b[0], b[1], b[2], !neg, 0);
        let (mx, my) = (Money::new(x, Currency::EUR), Money::new(y, Currency::EUR));
        // The oracle: exact integer arithmetic on the mantissas (i128),
        // where the exact result fits in one; a result is returned only
        // when it is exact, never rounded.
        if s <= 9 {
            let (xm, ym) = (x.mantissa(), y.mantissa() * 10i128.pow(s));
            for (got, m) in [
                (mx.checked_add(&my), xm + ym),
                (mx.checked_sub(&my), xm - ym),
            ] {
                match representable(m, s) {
                    Some(expected) => prop_assert_eq!(got.unwrap().amount(), expected),
                    None => prop_assert!(got.is_err()),
                }
            }
        }
        if let Some(m) = x.mantissa().checked_mul(f.mantissa()) {
            let got = mx.checked_mul(f);
            match representable(m, s + f.scale()) {
                Some(expected) => prop_assert_eq!(got.unwrap().amount(), expected),
                None => prop_assert!(got.is_err(), "{} × {} = {:?}", x, f, got),
            }
        }
        let _ = mx.round();
        let _ = mx.to_string();
        let _ = mx.compact().to_string();
    }
}

/// `m × 10^-s` as a `Decimal` when it can be held exactly (dropping
/// trailing zeros as needed), else `None`.
fn representable(mut m: i128, mut s: u32) -> Option<Decimal> {
    loop {
        if m.unsigned_abs() < 1 << 96 && s <= 28 {
            return Some(Decimal::from_i128_with_scale(m, s));
        }
        if s == 0 || m % 10 != 0 {
            return None;
        }
        m /= 10;
        s -= 1;
    }
}
