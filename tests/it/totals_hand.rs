//! Totals by donor × year in EUR over pledges in four currencies, against
//! expectations worked out by hand (and checked with Python's `decimal` at
//! 50 digits):
//!
//! | donor, year | pledges | EUR |
//! |---|---|---|
//! | DE, 2024 | €1,000,000 + US$2,180,000 ÷ 1.09 + £427,500 ÷ 0.855 | 1,000,000 + 2,000,000 + 500,000 = 3,500,000.00 |
//! | FR, 2025 | US$100 ÷ 1.03 twice + €50.005 | 194.174757… + 50.005 = 244.179757… → 244.18 |
//! | GB, 2024 | £855,000 ÷ 0.855 | 1,000,000.00 |
//! | GB, 2025 | £1,000,000 ÷ 0.83 | 1,204,819.277108… → 1,204,819.28 |
//! | PL, 2025 | PLN 1,000,000 ÷ 4.2 + PLN 500,000 ÷ 4.2 | 357,142.857142… → 357,142.86 |
//! | all | | 6,062,206.314008… → 6,062,206.31 |
//!
//! FR shows the single rounding: each US$100 alone would round to €97.09,
//! giving €194.18 + €50.01 = €244.19; rounding once gives €244.18.

use alliance_commitments::error::ErrorKind;
use alliance_commitments::{
    Country, Currency, DateBasis, Key, Pledge, Pledges, Query, RateRule, RateTable,
};
use chrono::NaiveDate;
use rust_decimal::dec;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn rates() -> RateTable {
    let mut t = RateTable::new();
    // Friday 2024-03-15 and Monday 2025-02-10.
    for (day, usd, gbp, pln) in [
        (d(2024, 3, 15), dec!(1.09), dec!(0.855), dec!(4.30)),
        (d(2025, 2, 10), dec!(1.03), dec!(0.83), dec!(4.2)),
    ] {
        t.insert(day, Currency::USD, usd).unwrap();
        t.insert(day, Currency::GBP, gbp).unwrap();
        t.insert(day, Currency::PLN, pln).unwrap();
    }
    t
}

fn pledges() -> Pledges {
    let rows = [
        (Country::DE, "€1,000,000", d(2024, 3, 15)),
        (Country::DE, "US$2,180,000", d(2024, 3, 16)), // Saturday: Friday's rate
        (Country::DE, "£427,500", d(2024, 3, 15)),
        (Country::GB, "£855,000", d(2024, 3, 15)),
        (Country::GB, "£1,000,000", d(2025, 2, 10)),
        (Country::PL, "PLN 1,000,000", d(2025, 2, 10)),
        (Country::PL, "PLN 500,000", d(2025, 2, 10)),
        (Country::FR, "US$100", d(2025, 2, 10)),
        (Country::FR, "US$100", d(2025, 2, 10)),
        (Country::FR, "€50.005", d(2025, 2, 10)),
    ];
    let mut pledges = Pledges::new();
    for (donor, amount, announced) in rows {
        let p = Pledge::builder(donor, Country::UA, amount.parse().unwrap())
            .announced(announced)
            .build()
            .unwrap();
        pledges.add(p).unwrap();
    }
    pledges
}

#[test]
fn donor_by_year_in_eur_matches_the_hand_computation() {
    let rates = rates();
    let query = Query::new()
        .by(Key::Donor)
        .by(Key::year(DateBasis::Announced))
        .convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
    let totals = pledges().totals(&query).unwrap();
    let rows: Vec<(String, String)> = totals
        .groups()
        .map(|(k, t)| {
            (
                k.to_string(),
                t.converted().unwrap().rounded().stated().to_string(),
            )
        })
        .collect();
    let expected = [
        ("DE, 2024", "€3,500,000.00"),
        ("FR, 2025", "€244.18"),
        ("GB, 2024", "€1,000,000.00"),
        ("GB, 2025", "€1,204,819.28"),
        ("PL, 2025", "€357,142.86"),
    ];
    assert_eq!(rows.len(), expected.len());
    for ((key, total), (ek, et)) in rows.iter().zip(expected) {
        assert_eq!((key.as_str(), total.as_str()), (ek, et));
    }
    let grand = totals.grand_total().converted().unwrap();
    assert_eq!(grand.rounded().stated().amount(), dec!(6062206.31));
    // Unrounded, the grand total carries the quotients' digits.
    assert_eq!(
        grand.figure().stated().amount().round_dp(6),
        dec!(6062206.314009)
    );
}

#[test]
fn the_audit_trail_names_rates_and_dates() {
    let rates = rates();
    let query =
        Query::new()
            .by(Key::Donor)
            .convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
    let totals = pledges().totals(&query).unwrap();
    let de = totals.groups().next().unwrap().1;
    let trail: Vec<String> = de
        .converted()
        .unwrap()
        .parts()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        trail,
        [
            "€1m → €1m (same currency)",
            "£427,500 → €500,000 at 0.855 GBP per EUR (2024-03-15) (rate on the announcement date)",
            "US$2.18m → €2m at 1.09 USD per EUR (2024-03-15) (rate on the announcement date)",
        ]
    );
    // Stated per currency, before conversion.
    let stated: Vec<String> = de.by_currency().map(|f| f.to_string()).collect();
    assert_eq!(stated, ["€1m", "£427,500", "US$2.18m"]);
}

#[test]
fn an_undated_pledge_in_another_currency_needs_a_fixed_date() {
    let rates = rates();
    let mut pledges = pledges();
    pledges
        .add(
            Pledge::builder(Country::NO, Country::UA, "US$1m".parse().unwrap())
                .id("no-undated")
                .build()
                .unwrap(),
        )
        .unwrap();
    let by_date = Query::new().convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
    let err = pledges.totals(&by_date).unwrap_err();
    assert_eq!(
        err.kind(),
        &ErrorKind::UndatedConversion {
            currency: Currency::USD
        }
    );
    // The eleventh pledge of the collection, named by its id.
    assert_eq!(
        (err.position().record(), err.position().pledge()),
        (Some(11), Some("no-undated"))
    );
    assert_eq!(
        err.to_string(),
        "pledge \"no-undated\": the pledge is undated: its USD amount needs a rule that names a date or a rate"
    );
    let fixed = Query::new().by(Key::year(DateBasis::Announced)).convert_to(
        Currency::EUR,
        RateRule::OnDate(d(2025, 2, 10)),
        &rates,
    );
    let totals = pledges.totals(&fixed).unwrap();
    let last = totals.groups().last().unwrap();
    assert_eq!(last.0.to_string(), "unknown");
    // US$1m ÷ 1.03 = €970,873.786…
    assert_eq!(
        last.1.converted().unwrap().rounded().stated().amount(),
        dec!(970873.79)
    );
}
