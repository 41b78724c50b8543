//! Pledge sets at the seed's scale for property tests: 2024 totals around
//! €50bn, 2025 pledges announced in Q1 over €20bn, a mix of currencies
//! (exponents 0, 2 and 3), multi-year spans, undated pledges, corrections.

use alliance_commitments::{
    Category, Country, Currency, Donor, Figure, Institution, Instrument, Money, Period, Pledge,
    Pledges, RateTable, Stage, Tolerance,
};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use proptest::prelude::*;
use rust_decimal::Decimal;
use std::ops::Bound;

pub const CURRENCIES: [Currency; 6] = [
    Currency::EUR,
    Currency::USD,
    Currency::GBP,
    Currency::PLN,
    Currency::JPY,
    Currency::KWD,
];

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// ECB-style quotes on business days from 2023-12-01 to 2026-01-31, no
/// quotes on weekends, 25-26 December, 1 January, Good Friday and Easter
/// Monday; values vary by day.
pub fn rates() -> RateTable {
    let holidays = [
        day(2023, 12, 25),
        day(2023, 12, 26),
        day(2024, 1, 1),
        day(2024, 3, 29),
        day(2024, 4, 1),
        day(2024, 12, 25),
        day(2024, 12, 26),
        day(2025, 1, 1),
        day(2025, 4, 18),
        day(2025, 4, 21),
        day(2025, 12, 25),
        day(2025, 12, 26),
        day(2026, 1, 1),
    ];
    let mut t = RateTable::new();
    let mut date = day(2023, 12, 1);
    let mut k: i64 = 0;
    while date <= day(2026, 1, 31) {
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        if !weekend && !holidays.contains(&date) {
            let j = k % 50;
            t.insert(date, Currency::USD, Decimal::new(10500 + j * 7, 4))
                .unwrap();
            t.insert(date, Currency::GBP, Decimal::new(8300 + j * 3, 4))
                .unwrap();
            t.insert(date, Currency::PLN, Decimal::new(42000 + j * 11, 4))
                .unwrap();
            t.insert(date, Currency::JPY, Decimal::new(15500 + j * 13, 2))
                .unwrap();
            t.insert(date, Currency::KWD, Decimal::new(3300 + j, 4))
                .unwrap();
            k += 1;
        }
        date = date + Days::new(1);
    }
    t
}

pub fn donors() -> Vec<Donor> {
    let mut v: Vec<Donor> = [
        Country::DE,
        Country::FR,
        Country::GB,
        Country::US,
        Country::PL,
        Country::SE,
        Country::FI,
        Country::NO,
        Country::CA,
        Country::NL,
        Country::JP,
        Country::AU,
    ]
    .into_iter()
    .map(Donor::from)
    .collect();
    v.push(Institution::EuInstitutions.into());
    v.push(Institution::EuropeanPeaceFacility.into());
    v
}

fn amount() -> impl Strategy<Value = Decimal> + Clone {
    prop_oneof![
        // Round figures from €1m to €3bn, in cents.
        8 => (100_000_000i64..=300_000_000_000).prop_map(|m| Decimal::new(m, 2)),
        // Publisher-converted values with nine decimals.
        1 => (1_000_000_000_000_000i64..=900_000_000_000_000_000).prop_map(|m| Decimal::new(m, 9)),
    ]
}

pub fn figure(currency: Currency) -> impl Strategy<Value = Figure> {
    let money = move |x: Decimal| Money::new(x, currency);
    prop_oneof![
        12 => amount().prop_map(move |x| Figure::exactly(money(x))),
        1 => amount().prop_map(move |x| Figure::exactly(money(-x / Decimal::from(40)))),
        2 => amount().prop_map(move |x| Figure::over(money(x)).unwrap()),
        1 => amount().prop_map(move |x| Figure::at_least(money(x)).unwrap()),
        1 => amount().prop_map(move |x| Figure::up_to(money(x)).unwrap()),
        2 => amount().prop_map(move |x| Figure::about(money(x)).unwrap()),
        1 => (amount(), 1i64..=50).prop_map(move |(x, t)| Figure::about_within(money(x), Tolerance::Relative(Decimal::new(t, 2))).unwrap()),
        1 => (amount(), amount()).prop_map(move |(a, b)| Figure::between(money(a.min(b)), money(a.max(b))).unwrap()),
    ]
}

pub fn funded_period() -> impl Strategy<Value = Option<Period>> {
    prop_oneof![
        2 => Just(None),
        4 => (2024i32..=2025).prop_map(|y| Some(Period::year(y).unwrap())),
        2 => (2024i32..=2025, 1u32..=4).prop_map(|(y, q)| Some(format!("{y}-Q{q}").parse().unwrap())),
        2 => Just(Some("2024-01-01..2027-12-31".parse().unwrap())),
        3 => (0u64..=700, 20u64..=1500).prop_map(|(s, len)| {
            let start = day(2024, 1, 1) + Days::new(s);
            Some(Period::range(start, start + Days::new(len)).unwrap())
        }),
        1 => (2023i32..=2025).prop_map(|y| Some(Period::fiscal_year_starting(y, chrono::Month::April).unwrap())),
    ]
}

fn announced() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        1 => Just(None),
        // Weighted toward the first quarter of 2025, as in the seed.
        6 => (0u64..=730).prop_map(|n| Some(day(2024, 1, 1) + Days::new(n))),
        3 => (0u64..=89).prop_map(|n| Some(day(2025, 1, 1) + Days::new(n))),
        // The eve and the day of Sweden's accession to NATO.
        1 => prop::sample::select(vec![day(2024, 3, 6), day(2024, 3, 7)]).prop_map(Some),
    ]
}

/// One pledge (ids are given by `pledge_set`). Undated pledges are in EUR,
/// so every set converts by announcement date.
pub fn pledge() -> impl Strategy<Value = Pledge> {
    (
        prop::sample::select(donors()),
        prop::sample::select(&CURRENCIES[..]),
        announced(),
        funded_period(),
        prop::sample::select(Category::ALL),
        prop::sample::select(Instrument::ALL),
        prop::sample::select(Stage::ALL),
    )
        .prop_flat_map(
            |(donor, currency, announced, period, category, instrument, stage)| {
                let currency = if announced.is_none() {
                    Currency::EUR
                } else {
                    currency
                };
                figure(currency).prop_map(move |figure| {
                    let mut b = Pledge::builder(donor, Country::UA, figure)
                        .category(category)
                        .instrument(instrument)
                        .stage(stage);
                    if let Some(d) = announced {
                        b = b.announced(d);
                    }
                    if let Some(p) = period {
                        b = b.funded(p);
                    }
                    b.build().unwrap()
                })
            },
        )
}

pub fn with_ids(pledges: Vec<Pledge>) -> Vec<Pledge> {
    pledges
        .into_iter()
        .enumerate()
        .map(|(i, p)| rebuild(&p, *p.figure(), &format!("p{i}")))
        .collect()
}

/// The same pledge with another figure and id.
pub fn rebuild(p: &Pledge, figure: Figure, id: &str) -> Pledge {
    let mut b = Pledge::builder(p.donor(), p.recipient(), figure)
        .id(id)
        .category(p.category())
        .instrument(p.instrument())
        .stage(p.stage());
    if let Some(d) = p.announced() {
        b = b.announced(d);
    }
    if let Some(period) = p.funded() {
        b = b.funded(period);
    }
    b.build().unwrap()
}

pub fn pledge_set() -> impl Strategy<Value = Vec<Pledge>> {
    prop::collection::vec(pledge(), 5..50).prop_map(with_ids)
}

pub fn collect(pledges: &[Pledge]) -> Pledges {
    let mut c = Pledges::new();
    c.extend(pledges.iter().cloned()).unwrap();
    c
}

pub type Ends = (Bound<Decimal>, Bound<Decimal>);

pub fn ends(f: &Figure) -> Ends {
    (f.lower(), f.upper())
}

/// Adds figures; `None` for an empty list.
pub fn sum<'a>(figures: impl IntoIterator<Item = &'a Figure>) -> Option<Figure> {
    figures.into_iter().fold(None, |acc, f| {
        Some(match acc {
            None => *f,
            Some(a) => a.checked_add(f).unwrap(),
        })
    })
}

// NATO accession dates, typed in from the North Atlantic Treaty
// Organization's list of member countries (independently of the crate's table).
pub const ACCESSIONS: &[(&str, (i32, u32, u32))] = &[
    ("BE", (1949, 8, 24)),
    ("CA", (1949, 8, 24)),
    ("DK", (1949, 8, 24)),
    ("FR", (1949, 8, 24)),
    ("IS", (1949, 8, 24)),
    ("IT", (1949, 8, 24)),
    ("LU", (1949, 8, 24)),
    ("NL", (1949, 8, 24)),
    ("NO", (1949, 8, 24)),
    ("PT", (1949, 8, 24)),
    ("GB", (1949, 8, 24)),
    ("US", (1949, 8, 24)),
    ("GR", (1952, 2, 18)),
    ("TR", (1952, 2, 18)),
    ("DE", (1955, 5, 6)),
    ("ES", (1982, 5, 30)),
    ("CZ", (1999, 3, 12)),
    ("HU", (1999, 3, 12)),
    ("PL", (1999, 3, 12)),
    ("BG", (2004, 3, 29)),
    ("EE", (2004, 3, 29)),
    ("LV", (2004, 3, 29)),
    ("LT", (2004, 3, 29)),
    ("RO", (2004, 3, 29)),
    ("SK", (2004, 3, 29)),
    ("SI", (2004, 3, 29)),
    ("AL", (2009, 4, 1)),
    ("HR", (2009, 4, 1)),
    ("ME", (2017, 6, 5)),
    ("MK", (2020, 3, 27)),
    ("FI", (2023, 4, 4)),
    ("SE", (2024, 3, 7)),
];

/// Whether a donor was a NATO ally on a date, by `ACCESSIONS` (not by the
/// crate's own table).
pub fn nato_ally(donor: &Donor, date: NaiveDate) -> bool {
    ACCESSIONS
        .iter()
        .any(|(code, (y, m, d))| donor.id() == *code && date >= day(*y, *m, *d))
}

/// Whether `parts`, added up, hold `whole`: the same ends when `whole` is
/// one exact amount, else each end at or beyond `whole`'s. This is how the
/// parts of a spread add up: exact amounts to the digit, qualified figures
/// to a little more than the whole, each part's bounds being its shares
/// rounded outward.
pub fn holds(parts: &Figure, whole: &Figure) -> bool {
    if whole.interval().is_point() {
        return ends(parts) == ends(whole);
    }
    let lower = match (parts.lower(), whole.lower()) {
        (Bound::Unbounded, _) => true,
        (_, Bound::Unbounded) => false,
        (Bound::Excluded(p), Bound::Included(w)) => p < w,
        (Bound::Included(p) | Bound::Excluded(p), Bound::Included(w) | Bound::Excluded(w)) => {
            p <= w
        }
    };
    let upper = match (parts.upper(), whole.upper()) {
        (Bound::Unbounded, _) => true,
        (_, Bound::Unbounded) => false,
        (Bound::Excluded(p), Bound::Included(w)) => p > w,
        (Bound::Included(p) | Bound::Excluded(p), Bound::Included(w) | Bound::Excluded(w)) => {
            p >= w
        }
    };
    lower && upper
}

/// [`holds`] for totals that may be missing: both missing, or both there
/// and holding.
pub fn holds_some(parts: Option<Figure>, whole: Option<Figure>) -> bool {
    match (parts, whole) {
        (None, None) => true,
        (Some(p), Some(w)) => holds(&p, &w),
        _ => false,
    }
}
