//! Any figure (every qualifier, any `Decimal`, 0, 2 and 3 minor digits)
//! rounded for display, then its interval read: never a panic; an exact
//! value (however stated) that rounds to one value moves by at most half
//! a minor unit (an exactly stated one always does), and any other's
//! rounded interval encloses the original one.
#![no_main]

use alliance_commitments::{Currency, Figure, Money, Qualifier, Tolerance};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fn decimal(b: &[u8]) -> Decimal {
    let w = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    Decimal::from_parts(w(0), w(4), w(8), false, u32::from(b[12]) % 29)
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 28 {
        return;
    }
    let currency = [Currency::JPY, Currency::EUR, Currency::KWD][usize::from(data[0] % 3)];
    let (a, b) = (decimal(&data[1..14]), decimal(&data[14..27]));
    let m = |x| Money::new(x, currency);
    let figure = match data[27] % 7 {
        0 => Ok(Figure::exactly(m(a))),
        1 => Ok(Figure::exactly(m(-a))),
        2 => Figure::over(m(a)),
        3 => Figure::at_least(m(a)),
        4 => Figure::up_to(m(a)),
        5 => Figure::between(m(a.min(b)), m(a.max(b))),
        _ => Figure::about_within(m(a), Tolerance::Absolute(b))
            .or_else(|_| Figure::about_within(m(a), Tolerance::Relative(b.fract()))),
    };
    let Ok(f) = figure else { return };
    let r = f.round();
    let _ = (
        r.lower(),
        r.upper(),
        r.to_string(),
        r.interval().to_string(),
    );
    match (f.exact_amount(), r.exact_amount()) {
        // An exact value (stated so, or as "between x and x") that rounds
        // to one value rounds once, half to even: within half a unit.
        (Some(x), Some(y)) => {
            let half = Decimal::new(5, currency.minor_units() + 1);
            let (x, y) = (x.amount(), y.amount());
            let d = if x > y { x - y } else { y - x };
            assert!(d <= half, "{f:?} rounded {r:?}");
        }
        // Exactly stated amounts always round to one value.
        (Some(_), None) if f.qualifier() == Qualifier::Exactly => panic!("{f:?} rounded {r:?}"),
        // Bounds round outward: the rounded interval encloses the original.
        _ => assert!(r.interval().encloses(&f.interval()), "{f:?} rounded {r:?}"),
    }
    let _ = r.round();
});
