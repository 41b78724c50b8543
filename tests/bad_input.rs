//! One test per class of bad input the foundation types meet: each is a
//! clear error that says what and where, and none panics.

use alliance_commitments::{
    Alliance, Country, Currency, Donor, Error, Figure, Membership, Money, Period, Qualifier,
};
use chrono::NaiveDate;
use rust_decimal::{Decimal, dec};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn unknown_currency_code() {
    let err = "EUX".parse::<Currency>().unwrap_err();
    assert_eq!(err, Error::UnknownCurrency { code: "EUX".into() });
    assert!(err.to_string().contains("\"EUX\""));
    // Inside a figure or an amount, too.
    assert_eq!(
        "over 20bn EUX".parse::<Figure>(),
        Err(Error::UnknownCurrency { code: "EUX".into() })
    );
    assert_eq!(
        "EUX 5".parse::<Money>(),
        Err(Error::UnknownCurrency { code: "EUX".into() })
    );
}

#[test]
fn unknown_country_code() {
    assert_eq!(
        "XX".parse::<Country>(),
        Err(Error::UnknownCountry { code: "XX".into() })
    );
    assert_eq!(
        "XX".parse::<Donor>(),
        Err(Error::UnknownCountry { code: "XX".into() })
    );
    assert_eq!(
        "XXX".parse::<Country>(),
        Err(Error::UnknownCountry { code: "XXX".into() })
    );
    assert_eq!(
        "European Union".parse::<Donor>(),
        Err(Error::UnknownDonor {
            id: "European Union".into()
        })
    );
}

#[test]
fn quarter_five() {
    let err = "2025-Q5".parse::<Period>().unwrap_err();
    assert!(matches!(
        err,
        Error::Syntax {
            what: "period",
            offset: 6,
            reason: "quarter must be Q1 to Q4",
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "invalid period \"2025-Q5\" at byte 6: quarter must be Q1 to Q4"
    );
}

#[test]
fn month_thirteen() {
    assert!(matches!(
        "2025-13".parse::<Period>(),
        Err(Error::Syntax {
            offset: 5,
            reason: "month must be 01 to 12",
            ..
        })
    ));
}

#[test]
fn a_date_that_does_not_exist() {
    let err = "2025-02-30".parse::<Period>().unwrap_err();
    assert_eq!(
        err,
        Error::InvalidDate {
            year: 2025,
            month: 2,
            day: 30
        }
    );
    assert_eq!(err.to_string(), "date 2025-02-30 does not exist");
    assert_eq!(
        "2024-01-01..2025-02-29".parse::<Period>(),
        Err(Error::InvalidDate {
            year: 2025,
            month: 2,
            day: 29
        })
    );
}

#[test]
fn a_range_that_ends_before_it_starts() {
    let err = Period::range(d(2025, 3, 1), d(2025, 2, 28)).unwrap_err();
    assert_eq!(
        err,
        Error::PeriodEndsBeforeStart {
            start: d(2025, 3, 1),
            end: d(2025, 2, 28)
        }
    );
    assert_eq!(
        err.to_string(),
        "period ends on 2025-02-28 before it starts on 2025-03-01"
    );
    assert_eq!("2025-03-01..2025-02-28".parse::<Period>(), Err(err));
    assert!(Membership::new(Country::PL.into(), d(2025, 3, 1), Some(d(2025, 2, 28))).is_err());
}

#[test]
fn a_negative_bound_in_a_qualified_figure() {
    let err = "over -€5bn".parse::<Figure>().unwrap_err();
    assert_eq!(
        err,
        Error::NegativeBound {
            qualifier: Qualifier::Over,
            value: dec!(-5000000000)
        }
    );
    assert_eq!(
        err.to_string(),
        "a figure stated as \"over\" cannot have a negative bound (-5000000000)"
    );
    let minus_five = Money::new(dec!(-5), Currency::EUR);
    assert!(Figure::at_least(minus_five).is_err());
    assert!(Figure::up_to(minus_five).is_err());
    assert!(Figure::about(minus_five).is_err());
    assert!(Figure::between(minus_five, Money::new(dec!(1), Currency::EUR)).is_err());
}

#[test]
fn an_exact_negative_amount_is_a_correction_and_is_accepted() {
    let correction: Figure = "-€62m".parse().unwrap();
    assert!(correction.is_exact());
    assert_eq!(correction.stated().amount(), dec!(-62000000));
}

#[test]
fn between_with_the_bounds_reversed() {
    assert_eq!(
        "between €5bn and €3bn".parse::<Figure>(),
        Err(Error::InvertedBounds {
            lower: dec!(5000000000),
            upper: dec!(3000000000)
        })
    );
}

#[test]
fn a_figure_with_two_currencies() {
    assert_eq!(
        "between €1bn and US$2bn".parse::<Figure>(),
        Err(Error::TwoCurrencies {
            first: Currency::EUR,
            second: Currency::USD
        })
    );
    assert_eq!(
        "€20bn GBP".parse::<Figure>(),
        Err(Error::TwoCurrencies {
            first: Currency::EUR,
            second: Currency::GBP
        })
    );
}

#[test]
fn an_amount_beyond_decimal_range() {
    let err = "€80000000000000000000000000000"
        .parse::<Money>()
        .unwrap_err();
    assert_eq!(
        err,
        Error::AmountOutOfRange {
            text: "80000000000000000000000000000".into()
        }
    );
    assert!(matches!(
        "€79228162514264337593543950335bn".parse::<Figure>(),
        Err(Error::AmountOutOfRange { .. })
    ));
    let max = Money::new(Decimal::MAX, Currency::EUR);
    assert_eq!(
        max.checked_add(&max),
        Err(Error::Overflow {
            operation: "addition"
        })
    );
}

#[test]
fn a_mixed_currency_sum() {
    let eur: Money = "€1bn".parse().unwrap();
    let usd: Money = "US$1bn".parse().unwrap();
    assert_eq!(
        eur.checked_add(&usd),
        Err(Error::CurrencyMismatch {
            left: Currency::EUR,
            right: Currency::USD
        })
    );
}

#[test]
fn malformed_text_names_the_offset() {
    for (text, offset) in [
        ("over", 4),
        ("about € bn", 10),
        ("€1,00", 4),
        ("€20bn and more", 8),
    ] {
        match text.parse::<Figure>() {
            Err(Error::Syntax {
                offset: o, input, ..
            }) => {
                assert_eq!((o, input.as_str()), (offset, text));
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn overlapping_membership() {
    let mut a = Alliance::new("Coalition").unwrap();
    a.add_member(Country::PL.into(), d(2024, 1, 1)).unwrap();
    let err = a.add_member(Country::PL.into(), d(2025, 1, 1)).unwrap_err();
    assert!(matches!(err, Error::InvalidMembership { joined, .. } if joined == d(2025, 1, 1)));
}
