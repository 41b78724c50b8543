//! Spreading a figure over the periods its funded span touches (any
//! amount, qualifier, currency exponent and span): never a panic; the
//! parts, when there are any, add up to the whole (exact amounts) or hold
//! it (qualified figures, each part's bounds its shares rounded outward).
#![no_main]

use alliance_commitments::{Currency, Figure, Money, Period, PeriodUnit, Spread};
use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fuzz_target!(|data: &[u8]| {
    if data.len() < 20 {
        return;
    }
    let w = |i: usize| u32::from_le_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]);
    let x = Decimal::from_parts(
        w(0),
        w(4),
        w(8),
        data[12] & 1 == 1,
        u32::from(data[13]) % 29,
    );
    let currency = [Currency::JPY, Currency::EUR, Currency::KWD][usize::from(data[14] % 3)];
    let m = Money::new(x.abs(), currency);
    let figure = match (data[15] % 4, data[12] & 2 == 2) {
        (0, false) => Ok(Figure::exactly(Money::new(x, currency))),
        (0, true) => Figure::at_least(m),
        (1, _) => Figure::over(m),
        (2, false) => Figure::up_to(m),
        (2, true) => Figure::between(Money::new(x.abs().trunc(), currency), m),
        _ => Figure::about(m),
    };
    let Ok(figure) = figure else { return };
    let base = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let start = base + Days::new(u64::from(u16::from_le_bytes([data[16], data[17]])) % 20_000);
    let end = start + Days::new(u64::from(u16::from_le_bytes([data[18], data[19]])) % 3_000);
    let Ok(span) = Period::range(start, end) else {
        return;
    };
    let unit =
        [PeriodUnit::Year, PeriodUnit::Quarter, PeriodUnit::Month][usize::from(data[15] / 4 % 3)];
    let Ok(parts) = Spread::evenly_by_days().split(&figure, &span, unit, None) else {
        return;
    };
    let mut sum: Option<Figure> = None;
    for (_, p) in &parts {
        let _ = (p.lower(), p.upper(), p.round().to_string());
        sum = Some(match sum {
            None => *p,
            Some(s) => match s.checked_add(p) {
                Ok(s) => s,
                Err(_) => return,
            },
        });
    }
    if let Some(sum) = sum {
        assert!(
            sum.interval().encloses(&figure.interval()),
            "{figure:?}: {sum:?}"
        );
        if figure.is_exact() && sum.is_exact() {
            assert_eq!(sum.stated().amount(), figure.stated().amount());
        }
    }
    let first = Period::containing(start, unit).unwrap();
    let _ = Spread::evenly_by_days().portion(&figure, &span, &first, None);
});
