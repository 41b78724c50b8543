//! The public API as a user meets it: types from the crate root, parsed
//! from what people type, combined without losing what was stated.

use alliance_commitments::period::PeriodKind;
use alliance_commitments::{
    Alliance, Balance, Category, Comparison, Country, Currency, Donor, Figure, Institution,
    Instrument, Money, Period, Pledge, Qualifier, Quarter, Source, Stage,
};
use chrono::NaiveDate;
use rust_decimal::dec;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn a_pledge_keeps_its_three_dates_apart() {
    let pledge = Pledge::builder(
        Country::NO,
        Country::UA,
        "between NOK 10bn and NOK 15bn".parse().unwrap(),
    )
    .id("no-2025-1")
    .announced(d(2025, 3, 14))
    .funded("2024-01-01..2027-12-31".parse().unwrap())
    .delivered(Period::day(d(2025, 6, 1)).unwrap())
    .category(Category::Military)
    .instrument(Instrument::InKind)
    .stage(Stage::Delivered)
    .source(Source::new("Illustrative").unwrap())
    .build()
    .unwrap();
    assert_eq!(pledge.announced(), Some(d(2025, 3, 14)));
    assert_eq!(pledge.funded().unwrap().kind(), PeriodKind::Range);
    assert_eq!(pledge.funded().unwrap().days(), 1461);
    assert!(pledge.delivered().unwrap().contains(d(2025, 6, 1)));
    assert_eq!(pledge.figure().qualifier(), Qualifier::Between);
    assert_eq!(pledge.figure().currency(), Currency::NOK);
    assert_eq!(pledge.sources().len(), 1);
    assert!(!pledge.is_correction());
}

#[test]
fn over_twenty_billion_never_becomes_twenty() {
    let over: Figure = "over €20bn".parse().unwrap();
    let twenty: Figure = "€20bn".parse().unwrap();
    assert_ne!(over, twenty);
    assert_eq!(over.compare(&twenty).unwrap(), Comparison::Greater);
    assert_eq!(over.stated(), twenty.stated());
    assert_eq!(over.to_string(), "over €20bn");
    // Adding an exact amount keeps the "over".
    let more = over.checked_add(&"€500m".parse().unwrap()).unwrap();
    assert_eq!(more.to_string(), "over €20.5bn");
}

#[test]
fn currencies_are_never_mixed_silently() {
    let mut balance = Balance::new();
    for text in ["€1bn", "£250m", "€2.5bn", "PLN 1bn"] {
        balance.add(text.parse::<Money>().unwrap()).unwrap();
    }
    let lines: Vec<String> = balance.iter().map(|m| m.compact().to_string()).collect();
    assert_eq!(lines, ["€3.5bn", "£250m", "PLN 1bn"]);
    let figures = (
        "€1bn".parse::<Figure>().unwrap(),
        "£1bn".parse::<Figure>().unwrap(),
    );
    assert!(figures.0.checked_add(&figures.1).is_err());
    assert!(figures.0.compare(&figures.1).is_err());
}

#[test]
fn exact_to_the_cent_with_many_decimals() {
    let a = Money::new(dec!(23417159.978473667), Currency::EUR);
    let b = Money::new(dec!(0.021526333), Currency::EUR);
    let sum = a.checked_add(&b).unwrap();
    assert_eq!(sum.amount(), dec!(23417160.000000000));
    assert_eq!(sum.round().to_string(), "€23,417,160.00");
}

#[test]
fn alliances_count_members_by_date_and_users_can_define_their_own() {
    let nato = Alliance::nato();
    let mk: Donor = "MKD".parse().unwrap();
    assert!(!nato.is_member(&mk, d(2020, 3, 26)));
    assert!(nato.is_member(&mk, d(2020, 3, 27)));
    let mut coalition = Alliance::new("Capability coalition (illustrative)").unwrap();
    coalition.add_member(Country::LV, d(2024, 1, 1)).unwrap();
    coalition
        .add_member(Institution::EuropeanPeaceFacility, d(2024, 6, 1))
        .unwrap();
    assert_eq!(coalition.members_on(d(2024, 5, 31)).len(), 1);
    assert_eq!(coalition.members_on(d(2024, 6, 1)).len(), 2);
}

#[test]
fn quarters_are_typed_and_periods_print_as_people_write_them() {
    let q = Period::quarter(2025, Quarter::Q1).unwrap();
    assert_eq!(q.to_string(), "2025-Q1");
    assert_eq!(q.kind(), PeriodKind::Quarter(Quarter::Q1));
    let parts: Vec<String> = "2025"
        .parse::<Period>()
        .unwrap()
        .quarters()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(parts, ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]);
}
