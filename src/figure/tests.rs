use crate::error::{ErrorKind, Operation};
use std::ops::Bound;

use rust_decimal::{Decimal, dec};

use super::*;

fn eur(d: Decimal) -> Money {
    Money::new(d, Currency::EUR)
}

fn fig(s: &str) -> Figure {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

#[test]
fn intervals_follow_the_table() {
    let x = dec!(20000000000);
    assert_eq!(
        (fig("€20bn").lower(), fig("€20bn").upper()),
        (Bound::Included(x), Bound::Included(x))
    );
    assert_eq!(
        (fig("over €20bn").lower(), fig("over €20bn").upper()),
        (Bound::Excluded(x), Bound::Unbounded)
    );
    assert_eq!(fig("at least €20bn").lower(), Bound::Included(x));
    assert_eq!(fig("at least €20bn").upper(), Bound::Unbounded);
    assert_eq!(fig("up to €20bn").lower(), Bound::Included(Decimal::ZERO));
    assert_eq!(fig("up to €20bn").upper(), Bound::Included(x));
    // 10% of 50bn is 5bn.
    assert_eq!(
        fig("about €50bn").lower(),
        Bound::Included(dec!(45000000000))
    );
    assert_eq!(
        fig("about €50bn").upper(),
        Bound::Included(dec!(55000000000))
    );
    assert_eq!(
        fig("between €1bn and €2bn").lower(),
        Bound::Included(dec!(1000000000))
    );
    assert_eq!(
        fig("between €1bn and €2bn").upper(),
        Bound::Included(dec!(2000000000))
    );
}

#[test]
fn parses_the_forms_people_write() {
    let over = Figure::over(eur(dec!(20000000000))).unwrap();
    assert_eq!(fig("over €20bn"), over);
    assert_eq!(fig("more than 20 billion euros"), over);
    assert_eq!(fig("More than €20,000,000,000"), over);
    assert_eq!(fig("> EUR 20bn"), over);
    let about = Figure::about(eur(dec!(50000000000))).unwrap();
    assert_eq!(fig("about €50bn"), about);
    assert_eq!(fig("approximately 50 billion euros"), about);
    assert_eq!(fig("~€50bn"), about);
    assert_eq!(
        fig("at least EUR 40bn"),
        Figure::at_least(eur(dec!(40000000000))).unwrap()
    );
    assert_eq!(
        fig("up to $500m"),
        Figure::up_to(Money::new(dec!(500000000), Currency::USD)).unwrap()
    );
    let between = Figure::between(eur(dec!(1000000000)), eur(dec!(2000000000))).unwrap();
    assert_eq!(fig("between €1bn and €2bn"), between);
    assert_eq!(fig("between 1 and 2 billion euros"), between);
    assert_eq!(fig("€1.5 billion"), Figure::exactly(eur(dec!(1500000000))));
    assert_eq!(
        fig("20000000000 EUR"),
        Figure::exactly(eur(dec!(20000000000)))
    );
    assert_eq!(fig("exactly €3m"), Figure::exactly(eur(dec!(3000000))));
    assert_eq!(fig("  -€62m  "), Figure::exactly(eur(dec!(-62000000))));
}

#[test]
fn tolerances_parse_and_display() {
    let f = fig("about €50bn ± 5%");
    assert_eq!(f.tolerance(), Some(Tolerance::Relative(dec!(0.05))));
    assert_eq!(f.lower(), Bound::Included(dec!(47500000000)));
    assert_eq!(f.to_string(), "about €50bn ± 5%");
    let g = fig("about €50bn +/- €2bn");
    assert_eq!(g.tolerance(), Some(Tolerance::Absolute(dec!(2000000000))));
    assert_eq!(g.to_string(), "about €50bn ± €2bn");
    assert_eq!(fig("about €50bn ± 2bn"), g);
    assert_eq!(fig("about €50bn ± 10%").to_string(), "about €50bn");
    assert!(matches!(
        "about €50bn ± $2bn"
            .parse::<Figure>()
            .as_ref()
            .map_err(Error::kind),
        Err(ErrorKind::TwoCurrencies { .. })
    ));
}

#[test]
fn display_reads_like_the_statement() {
    for s in [
        "over €20bn",
        "about €50bn",
        "at least €40bn",
        "up to US$500m",
        "between €1bn and €2bn",
        "€1.5bn",
        "-€62m",
        "PLN 4.5bn",
        "about ¥1m",
        "¥1,000",
        "KWD 1.125",
    ] {
        assert_eq!(fig(s).to_string(), s);
    }
}

#[test]
fn bad_figures_are_clear_errors() {
    let neg = "over -€5bn".parse::<Figure>();
    assert_eq!(
        neg,
        Err(ErrorKind::NegativeBound {
            qualifier: Qualifier::Over,
            value: dec!(-5000000000)
        }
        .into())
    );
    assert!(matches!(
        "up to -€5bn"
            .parse::<Figure>()
            .as_ref()
            .map_err(Error::kind),
        Err(ErrorKind::NegativeBound { .. })
    ));
    assert!(matches!(
        "about -€5bn"
            .parse::<Figure>()
            .as_ref()
            .map_err(Error::kind),
        Err(ErrorKind::NegativeBound { .. })
    ));
    assert!(matches!(
        "between -€1bn and €2bn"
            .parse::<Figure>()
            .as_ref()
            .map_err(Error::kind),
        Err(ErrorKind::NegativeBound {
            qualifier: Qualifier::Between,
            ..
        })
    ));
    assert_eq!(
        "between €5bn and €3bn".parse::<Figure>(),
        Err(ErrorKind::InvertedBounds {
            lower: dec!(5000000000),
            upper: dec!(3000000000)
        }
        .into())
    );
    assert_eq!(
        "between €1bn and $2bn".parse::<Figure>(),
        Err(ErrorKind::TwoCurrencies {
            first: Currency::EUR,
            second: Currency::USD
        }
        .into())
    );
    assert_eq!(
        "€20bn USD".parse::<Figure>(),
        Err(ErrorKind::TwoCurrencies {
            first: Currency::EUR,
            second: Currency::USD
        }
        .into())
    );
    assert!(matches!(
        "over 20bn".parse::<Figure>().as_ref().map_err(Error::kind),
        Err(ErrorKind::Syntax {
            reason: "no currency",
            offset: 5,
            ..
        })
    ));
    assert!(matches!(
        "between €1bn or €2bn"
            .parse::<Figure>()
            .as_ref()
            .map_err(Error::kind),
        Err(ErrorKind::Syntax { offset: 15, .. })
    ));
    assert!(matches!(
        "about €50bn ± 120%"
            .parse::<Figure>()
            .as_ref()
            .map_err(Error::kind),
        Err(ErrorKind::InvalidTolerance { .. })
    ));
    assert!(matches!(
        "about €50bn ± €60bn"
            .parse::<Figure>()
            .as_ref()
            .map_err(Error::kind),
        Err(ErrorKind::NegativeBound { .. })
    ));
    assert!(matches!(
        "over 80000000000000000000000000000 EUR"
            .parse::<Figure>()
            .as_ref()
            .map_err(Error::kind),
        Err(ErrorKind::AmountOutOfRange { .. })
    ));
    assert!(matches!(
        "nearly €50bn"
            .parse::<Figure>()
            .as_ref()
            .map_err(Error::kind),
        Err(ErrorKind::Syntax { offset: 0, .. })
    ));
    assert!(matches!(
        "".parse::<Figure>().as_ref().map_err(Error::kind),
        Err(ErrorKind::Syntax { offset: 0, .. })
    ));
    assert_eq!(
        "over 20 EUX".parse::<Figure>(),
        Err(ErrorKind::UnknownCurrency { code: "EUX".into() }.into())
    );
}

#[test]
fn sums_follow_the_interval_rules() {
    let sum = |a: &str, b: &str| fig(a).checked_add(&fig(b)).unwrap().to_string();
    assert_eq!(sum("€1bn", "€2bn"), "€3bn");
    assert_eq!(sum("over €20bn", "€1bn"), "over €21bn");
    assert_eq!(sum("over €20bn", "at least €1bn"), "over €21bn");
    assert_eq!(sum("at least €20bn", "about €10bn"), "at least €29bn");
    assert_eq!(sum("at least €20bn", "up to €10bn"), "at least €20bn");
    assert_eq!(sum("up to €1bn", "up to €2bn"), "up to €3bn");
    assert_eq!(sum("up to €1bn", "€2bn"), "between €2bn and €3bn");
    assert_eq!(sum("about €50bn", "€10bn"), "about €60bn ± €5bn");
    assert_eq!(
        sum("about €10bn", "between €1bn and €2bn"),
        "between €10bn and €13bn"
    );
    // A correction can take a sum below zero; the sum says so exactly.
    assert_eq!(sum("up to €1m", "-€3m"), "between -€3m and -€2m");
    let mixed = fig("€1bn").checked_add(&fig("$1bn"));
    assert_eq!(
        mixed,
        Err(ErrorKind::CurrencyMismatch {
            left: Currency::EUR,
            right: Currency::USD
        }
        .into())
    );
    let max = Figure::exactly(eur(Decimal::MAX));
    assert_eq!(
        max.checked_add(&max),
        Err(ErrorKind::Overflow {
            operation: Operation::Addition
        }
        .into())
    );
}

#[test]
fn scaling_keeps_the_qualifier() {
    let half = dec!(0.5);
    assert_eq!(
        fig("about €50bn").checked_scale(half).unwrap().to_string(),
        "about €25bn"
    );
    assert_eq!(
        fig("about €50bn ± €2bn")
            .checked_scale(half)
            .unwrap()
            .to_string(),
        "about €25bn ± €1bn"
    );
    assert_eq!(
        fig("between €2bn and €4bn")
            .checked_scale(half)
            .unwrap()
            .to_string(),
        "between €1bn and €2bn"
    );
    assert_eq!(
        fig("over €2bn").checked_scale(dec!(3)).unwrap().to_string(),
        "over €6bn"
    );
    assert_eq!(
        fig("€2bn").checked_scale(Decimal::ZERO),
        Err(ErrorKind::NonPositiveFactor {
            factor: Decimal::ZERO
        }
        .into())
    );
    assert!(fig("€2bn").checked_scale(dec!(-1)).is_err());
    assert!(
        Figure::exactly(eur(Decimal::MAX))
            .checked_scale(dec!(2))
            .is_err()
    );
}

#[test]
fn comparisons_answer_only_what_the_intervals_prove() {
    let cmp = |a: &str, b: &str| fig(a).compare(&fig(b)).unwrap();
    assert_eq!(cmp("€1bn", "€2bn"), Comparison::Less);
    assert_eq!(cmp("€2bn", "€1bn"), Comparison::Greater);
    assert_eq!(cmp("€2bn", "€2,000m"), Comparison::Equal);
    assert_eq!(cmp("€20bn", "over €20bn"), Comparison::Less);
    assert_eq!(cmp("at least €20bn", "€20bn"), Comparison::CannotTell);
    assert_eq!(cmp("up to €20bn", "at least €20bn"), Comparison::CannotTell);
    assert_eq!(cmp("up to €20bn", "over €20bn"), Comparison::Less);
    assert_eq!(cmp("over €20bn", "about €50bn"), Comparison::CannotTell);
    assert_eq!(cmp("over €60bn", "about €50bn"), Comparison::Greater);
    assert_eq!(cmp("over €55bn", "about €50bn"), Comparison::Greater);
    assert_eq!(cmp("at least €55bn", "about €50bn"), Comparison::CannotTell);
    assert_eq!(cmp("between €1bn and €1bn", "€1bn"), Comparison::Equal);
    assert_eq!(cmp("about €1bn", "about €1bn"), Comparison::CannotTell);
    assert!(fig("€1bn").compare(&fig("$1bn")).is_err());
}

#[test]
fn parse_in_fills_a_missing_currency() {
    assert_eq!(
        Figure::parse_in("about 50bn", Currency::EUR).unwrap(),
        fig("about €50bn")
    );
    assert_eq!(Figure::parse_in("€5", Currency::EUR).unwrap(), fig("€5"));
    assert_eq!(
        Figure::parse_in("£5", Currency::EUR),
        Err(ErrorKind::TwoCurrencies {
            first: Currency::EUR,
            second: Currency::GBP
        }
        .into())
    );
}

proptest::proptest! {
    /// A figure alone is what a sum of it alone gives, digit for digit
    /// (scale and sign of zero included), in every form.
    #[test]
    fn a_figure_alone_is_its_sum_of_one(
        mantissa in proptest::num::i128::ANY,
        scale in 0u32..=28,
        negative_zero in proptest::bool::ANY,
        form in 0usize..6,
    ) {
        let x = Decimal::from_i128_with_scale(mantissa % 10i128.pow(28), scale);
        let x = if negative_zero { let mut z = Decimal::new(0, scale); z.set_sign_negative(true); z } else { x };
        let m = Money::new(x.abs(), Currency::JPY);
        let figure = match form {
            0 => Ok(Figure::exactly(Money::new(x, Currency::EUR))),
            1 => Figure::over(m),
            2 => Figure::at_least(m),
            3 => Figure::up_to(m),
            4 => Figure::about(m),
            _ => Figure::between(Money::new(x.abs() / dec!(2), Currency::JPY), m),
        };
        let Ok(figure) = figure else { return Ok(()) };
        let mut sum = FigureSum::new(figure.currency());
        sum.add(&figure).unwrap();
        let summed = sum.figure().unwrap();
        let alone = FigureSum::of_one(&figure);
        proptest::prop_assert_eq!(format!("{alone:?}"), format!("{summed:?}"));
        if let (Some(a), Some(s)) = (alone.exactly_stated(), summed.exactly_stated()) {
            proptest::prop_assert_eq!((a.scale(), a.is_sign_negative(), a.mantissa()), (s.scale(), s.is_sign_negative(), s.mantissa()));
        }
    }
}
