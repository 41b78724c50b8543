//! Sharing out (any amounts, qualifiers, currencies and rates): converted
//! totals re-attributed by a key, and a floor shared by GDP converted to
//! its currency. Never a panic; each row's total is its own plus
//! its shares; a row's rounded total holds the row (or, where it is one
//! exact value, is within half a minor unit of both its ends); an exact
//! total's parts add up to it and a qualified one's hold it; fair shares
//! are never negative and add up exactly to the floor.
#![no_main]

use alliance_commitments::reattribution::{Reattribution, ReattributionKey};
use alliance_commitments::tables::GdpTable;
use alliance_commitments::targets::FloorTarget;
use alliance_commitments::totals::GroupValue;
use alliance_commitments::{
    Alliance, Country, Currency, Donor, Figure, Institution, Key, Money, Pledge, Pledges, Query,
    RateRule, RateTable,
};
use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;
use std::ops::Bound;

/// Up to 12 digits at a scale of 0 to 6: amounts of any size a tracker holds.
fn amount(b: &[u8]) -> Decimal {
    let mut w = [0u8; 8];
    w[..5].copy_from_slice(&b[..5]);
    Decimal::new(
        i64::from_le_bytes(w) % 1_000_000_000_000,
        u32::from(b[5] % 7),
    )
}

/// A positive rate of up to 8 digits at a scale of 0 to 9.
fn rate(b: &[u8]) -> Decimal {
    let n = u32::from_le_bytes([b[0], b[1], b[2], 0]) % 99_999_999 + 1;
    Decimal::new(i64::from(n), u32::from(b[3] % 10))
}

/// A sum of decimals kept exactly (`Decimal` would round past 28 digits):
/// whole units, and the fraction in units of 10^-28, in [0, 10^28).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Exact(i128, i128);

impl Exact {
    const ZERO: Exact = Exact(0, 0);
    const ONE: i128 = 10i128.pow(28);

    fn plus(self, x: Decimal) -> Exact {
        let whole = x.trunc();
        let fract = x - whole;
        let w = i128::try_from(whole).unwrap();
        let f = fract.mantissa() * 10i128.pow(28 - fract.scale());
        let f = self.1 + f;
        Exact(
            self.0 + w + f.div_euclid(Self::ONE),
            f.rem_euclid(Self::ONE),
        )
    }
}

fn figure(kind: u8, x: Decimal, c: Currency) -> Option<Figure> {
    let m = Money::new(x, c);
    match kind % 4 {
        0 => Some(Figure::exactly(m)),
        1 => Figure::over(m).ok(),
        2 => Figure::between(m, Money::new(x.checked_mul(Decimal::TWO)?, c)).ok(),
        _ => Figure::about(m).ok(),
    }
}

fn value(b: Bound<Decimal>) -> Option<Decimal> {
    match b {
        Bound::Included(x) | Bound::Excluded(x) => Some(x),
        Bound::Unbounded => None,
    }
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 34 {
        return;
    }
    let (head, mut rest) = data.split_at(34);
    let day = NaiveDate::from_ymd_opt(2025, 6, 2).unwrap();
    let mut rates = RateTable::new();
    for (c, at) in [(Currency::USD, 0), (Currency::JPY, 4), (Currency::KWD, 8)] {
        rates.insert(day, c, rate(&head[at..at + 4])).unwrap();
    }
    let cs = [Currency::EUR, Currency::USD, Currency::JPY, Currency::KWD];
    let to = cs[usize::from(head[12] % 4)];
    let eu = Donor::from(Institution::EuInstitutions);
    let eib = Donor::from(Institution::EuropeanInvestmentBank);
    let countries = [Country::DE, Country::FR, Country::PL];
    let donors = [eu, eib, countries[0].into(), countries[1].into()];

    // Pledges of 8 bytes each: donor, qualifier and currency, amount.
    let mut pledges = Pledges::new();
    let mut eu_exact = true;
    while rest.len() >= 8 && pledges.len() < 8 {
        let (p, more) = rest.split_at(8);
        rest = more;
        let Some(f) = figure(p[1], amount(&p[2..8]), cs[usize::from(p[1] / 4 % 4)]) else {
            continue;
        };
        let donor = donors[usize::from(p[0] % 4)];
        eu_exact &= donor != eu || p[1] % 4 == 0;
        let pledge = Pledge::builder(donor, Country::UA, f)
            .announced(day)
            .build()
            .unwrap();
        pledges.add(pledge).unwrap();
    }
    let query = Query::new()
        .by(Key::Donor)
        .convert_to(to, RateRule::AnnouncementDate, &rates);
    let Ok(totals) = pledges.totals(&query) else {
        return;
    };

    // A key for the EU: shares in thousandths (or finer) adding up to 1.
    let scale = u32::from(head[13] % 4);
    let whole = 10i64.pow(scale + 1);
    let a = i64::from(head[14]) * whole / 256;
    let b = i64::from(head[15]) * (whole - a) / 256;
    let shares = [a, b, whole - a - b].map(|n| Decimal::new(n, scale + 1));
    let key = ReattributionKey::new(
        eu,
        countries.iter().map(|&c| Donor::from(c)).zip(shares),
        "fuzz",
    );
    let Ok(key) = key else { return };
    let reattribution = Reattribution::new().with_key(key).unwrap();
    if let Ok(shared) = reattribution.apply(&totals) {
        let half = Decimal::new(5, to.minor_units() + 1);
        let near = |b: Bound<Decimal>, x: Decimal| {
            value(b)
                .and_then(|y| y.checked_sub(x))
                .is_some_and(|d| d.abs() <= half)
        };
        let (mut lo, mut hi) = (Some(Exact::ZERO), Some(Exact::ZERO));
        for row in shared.rows() {
            let own_and_shares = row.bilateral().checked_add(row.institutions()).unwrap();
            assert_eq!(row.including(), &own_and_shares, "{}", row.donor());
            for (_, part) in row.shares() {
                lo = lo.zip(value(part.lower())).map(|(s, x)| s.plus(x));
                hi = hi.zip(value(part.upper())).map(|(s, x)| s.plus(x));
            }
            let r = row.rounded();
            let f = row.including();
            let one = r
                .exact_amount()
                .is_some_and(|x| near(f.lower(), x.amount()) && near(f.upper(), x.amount()));
            assert!(
                one || r.interval().encloses(&f.interval()),
                "{}: {f} rounded to {r}",
                row.donor()
            );
        }
        if let Some(total) = totals.get(&[GroupValue::Donor(eu)]) {
            // An exact amount (or one known within neighbours) splits into
            // parts that add up to it; a qualified figure's parts hold
            // their shares, rounded outward, so together they hold it.
            let f = total.figure().unwrap();
            // (A sum of exact amounts whose conversion does not end is one
            // amount between neighbours: shared out as one where the
            // neighbours have the same whole minor units. "About €0" and
            // "between €0 and €0" are exact values but qualified figures.)
            let minor = to.minor_units();
            let same_units = match (value(f.lower()), value(f.upper())) {
                (Some(a), Some(b)) => a.trunc_with_scale(minor) == b.trunc_with_scale(minor),
                _ => false,
            };
            let one = eu_exact && (f.is_exact() || same_units);
            if let (Some(lo), Some(hi), Some(lower)) = (lo, hi, value(f.lower())) {
                let lower = Exact::ZERO.plus(lower);
                assert!(
                    if one { lo == lower } else { lo <= lower },
                    "parts {lo:?} of {f}"
                );
                if let Some(upper) = value(f.upper()).map(|x| Exact::ZERO.plus(x)) {
                    assert!(
                        if one { hi == upper } else { hi >= upper },
                        "parts {hi:?} of {f}"
                    );
                }
            }
        }
    }

    // A floor shared by GDP in any currency, converted to the floor's.
    let mut two = Alliance::new("Two").unwrap();
    let joined = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    for c in [Country::DE, Country::US] {
        two.add_member(c, joined).unwrap();
    }
    let floor = Money::new(amount(&head[16..22]).abs() + Decimal::ONE, to);
    let floor = FloorTarget::new("Floor", two, "2025".parse().unwrap(), floor)
        .unwrap()
        .shared_by_gdp(2024);
    let mut gdp = GdpTable::new();
    for (i, c) in [Country::DE, Country::US].into_iter().enumerate() {
        let at = 22 + 6 * i;
        let x = amount(&head[at..at + 6]).abs();
        let _ = gdp.insert(
            c.into(),
            2024,
            Money::new(x, cs[usize::from(head[at] / 8 % 4)]),
        );
    }
    if let Ok(fair) = floor.fair_shares(&gdp, Some((&rates, RateRule::OnDate(day)))) {
        let mut sum = Decimal::ZERO;
        for share in &fair {
            assert!(!share.share().is_negative(), "{}", share.share());
            sum = sum.checked_add(share.share().amount()).unwrap();
        }
        assert_eq!(sum, floor.floor().amount());
    }
});
