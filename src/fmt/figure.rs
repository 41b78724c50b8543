//! Reading figures as people write them.

use crate::error::{ErrorKind, Grammar};
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::figure::{Figure, Qualifier, Tolerance};
use crate::fmt::{self as text, Amount, Cursor, NumberConvention};
use crate::{Currency, Error, Money};

// Longest first where one phrase starts another ("more than" before "m...").
const WORDS: &[(&str, Qualifier)] = &[
    ("more than", Qualifier::Over),
    ("in excess of", Qualifier::Over),
    ("upwards of", Qualifier::Over),
    ("exceeding", Qualifier::Over),
    ("above", Qualifier::Over),
    ("over", Qualifier::Over),
    ("at least", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("not less than", Qualifier::AtLeast),
    ("a minimum of", Qualifier::AtLeast),
    ("minimum of", Qualifier::AtLeast),
    ("up to", Qualifier::UpTo),
    ("at most", Qualifier::UpTo),
    ("no more than", Qualifier::UpTo),
    ("not more than", Qualifier::UpTo),
    ("as much as", Qualifier::UpTo),
    ("a maximum of", Qualifier::UpTo),
    ("maximum of", Qualifier::UpTo),
    ("approximately", Qualifier::About),
    ("approx.", Qualifier::About),
    ("roughly", Qualifier::About),
    ("around", Qualifier::About),
    ("about", Qualifier::About),
    ("circa", Qualifier::About),
    ("some", Qualifier::About),
    ("between", Qualifier::Between),
    ("exactly", Qualifier::Exactly),
];

const SYMBOLS: &[(&str, Qualifier)] = &[
    (">=", Qualifier::AtLeast),
    ("≥", Qualifier::AtLeast),
    (">", Qualifier::Over),
    ("<=", Qualifier::UpTo),
    ("≤", Qualifier::UpTo),
    ("~", Qualifier::About),
    ("≈", Qualifier::About),
];

/// Fills in a missing currency and checks that two agree.
fn resolve(
    c: &Cursor<'_>,
    named: Option<Currency>,
    fallback: Option<Currency>,
    at: usize,
) -> Result<Currency, Error> {
    match (named, fallback) {
        (Some(a), Some(b)) if a != b => Err(ErrorKind::TwoCurrencies {
            first: b,
            second: a,
        }
        .into()),
        (Some(a), _) | (None, Some(a)) => Ok(a),
        (None, None) => Err(c.error_at(at, "no currency")),
    }
}

pub(crate) fn parse(
    s: &str,
    default: Option<Currency>,
    convention: NumberConvention,
) -> Result<Figure, Error> {
    let mut c = Cursor::new(s, Grammar::Figure).with_convention(convention);
    c.skip_ws();
    let qualifier = c
        .eat_any_word(WORDS)
        .or_else(|| SYMBOLS.iter().find(|(sym, _)| c.eat(sym)).map(|(_, q)| *q))
        .unwrap_or(Qualifier::Exactly);
    let first = text::amount(&mut c)?;
    let figure = match qualifier {
        Qualifier::Between => {
            c.skip_ws();
            if !(c.eat_word("and") || c.eat_word("to") || c.eat("–")) {
                return Err(c.error("expected \"and\" between the two amounts"));
            }
            let second = text::amount(&mut c)?;
            between(&c, first, second, default)?
        }
        Qualifier::About => {
            let currency = resolve(&c, first.currency, default, first.start)?;
            let tolerance = tolerance(&mut c, currency)?;
            Figure::about_within(
                Money::new(first.value, currency),
                tolerance.unwrap_or(Tolerance::DEFAULT),
            )?
        }
        q => {
            let money = Money::new(
                first.value,
                resolve(&c, first.currency, default, first.start)?,
            );
            match q {
                Qualifier::Over => Figure::over(money)?,
                Qualifier::AtLeast => Figure::at_least(money)?,
                Qualifier::UpTo => Figure::up_to(money)?,
                _ => Figure::exactly(money),
            }
        }
    };
    c.expect_end()?;
    Ok(figure)
}

/// "between 1 and 2 billion euros": a first amount with neither currency nor
/// scale word takes both from the second.
fn between(
    c: &Cursor<'_>,
    first: Amount,
    second: Amount,
    default: Option<Currency>,
) -> Result<Figure, Error> {
    let mut low = first.value;
    if first.currency.is_none() && first.scale.is_none() {
        if let Some(exp) = second.scale {
            low = text::shift(low, exp, &low.to_string())?;
        }
    }
    let second_currency = resolve(c, second.currency, default, second.start)?;
    let first_currency = first.currency.unwrap_or(second_currency);
    if first_currency != second_currency {
        return Err(ErrorKind::TwoCurrencies {
            first: first_currency,
            second: second_currency,
        }
        .into());
    }
    Figure::between(
        Money::new(low, first_currency),
        Money::new(second.value, second_currency),
    )
}

/// An optional "± 5%", "+/- €2bn" after "about".
fn tolerance(c: &mut Cursor<'_>, currency: Currency) -> Result<Option<Tolerance>, Error> {
    let before = c.pos();
    c.skip_ws();
    if !(c.eat("±") || c.eat("+/-") || c.eat("+-")) {
        c.set_pos(before);
        return Ok(None);
    }
    let amount = text::amount(c)?;
    if c.eat("%") {
        if amount.currency.is_some() || amount.scale.is_some() {
            return Err(c.error("a percentage tolerance takes a plain number"));
        }
        // Percent to fraction is a change of scale: exact.
        let fraction =
            Decimal::try_from_i128_with_scale(amount.value.mantissa(), amount.value.scale() + 2)
                .map_err(|_| c.error("too many decimals in the percentage"))?;
        return Ok(Some(Tolerance::Relative(fraction)));
    }
    resolve(c, amount.currency, Some(currency), amount.start)?;
    Ok(Some(Tolerance::Absolute(amount.value)))
}

impl FromStr for Figure {
    type Err = Error;

    /// Reads a figure as people write it. A qualifier (any case) then one
    /// amount, or two for "between":
    ///
    /// - exactly: no qualifier, or `exactly` — `€1.5 billion`, `20000000000 EUR`, `-€62m`;
    /// - over: `over`, `more than`, `above`, `exceeding`, `in excess of`, `upwards of`, `>`;
    /// - at least: `at least`, `no less than`, `not less than`, `a minimum of`, `>=`, `≥`;
    /// - up to: `up to`, `at most`, `no more than`, `as much as`, `a maximum of`, `<=`, `≤`;
    /// - about: `about`, `approximately`, `approx.`, `around`, `roughly`, `circa`, `some`,
    ///   `~`, `≈`, optionally followed by `± 5%` or `± €2bn` (`+/-` also);
    /// - between: `between A and B` (or `to`, `–`); `between 1 and 2 billion
    ///   euros` reads the first amount in the second's unit and currency.
    ///
    /// Amounts: a currency symbol (`€`, `US$`, `$` = US dollars, `C$` or
    /// `CA$`, `A$` or `AU$`, `NZ$`, `£`, `¥` = yen) or code (`CHF`) before
    /// or after the number, `€` or `zł` after it, or a word after it
    /// (`euros`, `dollars`, `pounds`, `yen`); digits with optional `,`
    /// thousands separators and a `.` decimal point; an optional scale word
    /// (`k`, `thousand`, `m`, `mn`, `million`, `bn`, `b`, `billion`, `tn`,
    /// `trillion`). The text must name exactly one currency (see
    /// [`Figure::parse_in`] for a default). Numbers written another way
    /// ("12,96 Mrd. Euro") are read by [`Figure::parse_with`], in the
    /// convention the caller names.
    ///
    /// ```
    /// use alliance_commitments::{Figure, Qualifier};
    /// for text in ["over €20bn", "more than 20 billion euros", "at least EUR 40bn",
    ///              "up to $500m", "between €1bn and €2bn", "approximately 50 billion euros"] {
    ///     let figure: Figure = text.parse()?;
    ///     assert_ne!(figure.qualifier(), Qualifier::Exactly);
    /// }
    /// assert!("over -€5bn".parse::<Figure>().is_err());
    /// assert!("between €1bn and $2bn".parse::<Figure>().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s, None, NumberConvention::English)
    }
}

impl Figure {
    /// Like [`FromStr`], with a currency for texts that name none (a CSV
    /// with the currency in its own column). A text naming another
    /// currency is an error.
    ///
    /// ```
    /// use alliance_commitments::{Currency, Figure};
    /// let f = Figure::parse_in("over 20bn", Currency::EUR)?;
    /// assert_eq!(f.to_string(), "over €20bn");
    /// assert!(Figure::parse_in("over $20bn", Currency::EUR).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Syntax`] for text that is not a figure,
    /// [`ErrorKind::TwoCurrencies`] for text naming another currency,
    /// [`ErrorKind::AmountOutOfRange`] for an amount beyond a `Decimal`, and the
    /// constructors' errors ([`ErrorKind::NegativeBound`],
    /// [`ErrorKind::InvertedBounds`], [`ErrorKind::InvalidTolerance`]) for a figure
    /// they reject.
    pub fn parse_in(text: &str, currency: Currency) -> Result<Figure, Error> {
        parse(text, Some(currency), NumberConvention::English)
    }
}
