//! Conversion with rates (any amount and qualifier, rates of any size):
//! never a panic; a converted figure displays, rounds and reads its
//! interval; rounding to the minor unit gives one number (half to even,
//! of the exact amount an exact figure's neighbours hold) or an interval
//! that holds the converted one, never a narrower one; a
//! conversion to the same currency is the figure itself.
#![no_main]

use alliance_commitments::{Currency, Figure, Money, RateRule, RateTable};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fn decimal(b: &[u8]) -> Decimal {
    let w = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    Decimal::from_parts(w(0), w(4), w(8), false, u32::from(b[12]) % 29)
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 42 {
        return;
    }
    let (x, r1, r2) = (decimal(&data[0..13]), decimal(&data[13..26]), decimal(&data[26..39]));
    let cs = [Currency::EUR, Currency::JPY, Currency::KWD, Currency::USD];
    let (from, to) = (cs[usize::from(data[39] % 4)], cs[usize::from(data[40] % 4)]);
    let m = Money::new(x, from);
    let figure = match data[41] % 4 {
        0 => Ok(Figure::exactly(m)),
        1 => Figure::over(m),
        2 => match x.checked_add(x.fract()) {
            Some(y) => Figure::between(m, Money::new(y, from)),
            None => return,
        },
        _ => Figure::about(m),
    };
    let Ok(figure) = figure else { return };
    let day = NaiveDate::from_ymd_opt(2025, 1, 2).unwrap();
    let mut rates = RateTable::new();
    let Some(r3) = r1.checked_add(r2.fract()) else { return };
    for (c, r) in [(Currency::JPY, r1), (Currency::KWD, r2), (Currency::USD, r3)] {
        if rates.insert(day, c, r).is_err() {
            return;
        }
    }
    let Ok(converted) = rates.convert(&figure, to, RateRule::OnDate(day), None) else { return };
    let f = converted.figure();
    let _ = (f.lower(), f.upper(), f.to_string(), f.interval().to_string());
    let r = converted.rounded();
    let _ = (r.lower(), r.upper(), r.to_string());
    // An exact amount whose quotient does not end is "between" its two
    // neighbours, and rounds to the one number every value between them
    // rounds to: within half a minor unit of both.
    let half = Decimal::new(5, to.minor_units() + 1);
    let near = |b: std::ops::Bound<Decimal>, x: Decimal| match b {
        std::ops::Bound::Included(y) | std::ops::Bound::Excluded(y) => {
            y.checked_sub(x).is_some_and(|d| d.abs() <= half)
        }
        std::ops::Bound::Unbounded => false,
    };
    let rounded_within = figure.is_exact()
        && r.is_exact()
        && r.exact_amount()
            .is_some_and(|x| near(f.lower(), x.amount()) && near(f.upper(), x.amount()));
    assert!(
        (f.is_exact() && r.is_exact()) || rounded_within || r.interval().encloses(&f.interval()),
        "{f} rounded to {r}"
    );
    if from == to {
        assert_eq!(f, &figure);
    }
});
