//! Exact amounts in one currency.

use crate::error::{ErrorKind, Grammar, Operation};
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::fmt::{self as text, Cursor};
use crate::{Currency, Error};

/// An exact amount in one currency.
///
/// The amount is a [`Decimal`] kept exactly as given (a publisher's
/// `23417159.978473667` keeps its nine decimals); [`Money::round`] rounds to
/// the currency's minor unit, half to even, when you ask. Arithmetic is
/// checked: adding euros to dollars, or going beyond `Decimal`'s range, is an
/// [`Error`], never a panic. There is deliberately no `Add` and no `Ord`:
/// both would have to fail or lie for two currencies.
///
/// ```
/// use alliance_commitments::{Currency, Money};
/// use rust_decimal::dec;
///
/// let a = Money::new(dec!(20_000_000_000), Currency::EUR);
/// let b: Money = "€1.25bn".parse()?;
/// let sum = a.checked_add(&b)?;
/// assert_eq!(sum.to_string(), "€21,250,000,000.00");
/// assert_eq!(sum.compact().to_string(), "€21.25bn");
///
/// let usd: Money = "US$500m".parse()?;
/// assert!(a.checked_add(&usd).is_err()); // currency mismatch
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    amount: Decimal,
    currency: Currency,
}

impl Money {
    /// An amount in a currency, kept exactly (no rounding).
    pub const fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    /// Zero in a currency.
    pub const fn zero(currency: Currency) -> Money {
        Money::new(Decimal::ZERO, currency)
    }

    /// An amount given in minor units: `from_minor(1050, EUR)` is €10.50,
    /// `from_minor(1050, JPY)` is ¥1,050.
    ///
    /// ```
    /// use alliance_commitments::{Currency, Money};
    /// assert_eq!(Money::from_minor(1050, Currency::EUR).to_string(), "€10.50");
    /// assert_eq!(Money::from_minor(1050, Currency::JPY).to_string(), "¥1,050");
    /// ```
    pub fn from_minor(minor: i64, currency: Currency) -> Money {
        Money::new(Decimal::new(minor, currency.minor_units()), currency)
    }

    /// The amount, exactly as stored.
    pub const fn amount(&self) -> Decimal {
        self.amount
    }

    /// The currency.
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// Whether the amount is zero.
    pub fn is_zero(&self) -> bool {
        self.amount.is_zero()
    }

    /// Whether the amount is below zero (a correction, say).
    pub fn is_negative(&self) -> bool {
        self.amount.is_sign_negative() && !self.amount.is_zero()
    }

    fn same_currency(&self, other: &Money) -> Result<(), Error> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(ErrorKind::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            }
            .into())
        }
    }

    /// The sum, or an error if the currencies differ or the sum overflows.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::CurrencyMismatch`] for two currencies; [`ErrorKind::Overflow`]
    /// if the sum is beyond what a `Decimal` holds.
    pub fn checked_add(&self, other: &Money) -> Result<Money, Error> {
        self.same_currency(other)?;
        let amount = crate::exact::checked_add(self.amount, other.amount, Operation::Addition)?;
        Ok(Money::new(amount, self.currency))
    }

    /// The difference, or an error if the currencies differ or it overflows.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::CurrencyMismatch`] for two currencies; [`ErrorKind::Overflow`]
    /// if the difference is beyond what a `Decimal` holds.
    pub fn checked_sub(&self, other: &Money) -> Result<Money, Error> {
        self.same_currency(other)?;
        let amount = crate::exact::checked_sub(self.amount, other.amount, Operation::Subtraction)?;
        Ok(Money::new(amount, self.currency))
    }

    /// The amount with its sign flipped. A `Decimal`'s range is symmetric,
    /// so this cannot overflow; it returns `Result` to read like the other
    /// checked operations.
    ///
    /// # Errors
    ///
    /// None: it always returns `Ok`.
    pub fn checked_neg(&self) -> Result<Money, Error> {
        Ok(Money::new(-self.amount, self.currency))
    }

    /// The amount times an exact factor, or an error on overflow — also
    /// when the exact product needs more digits than a `Decimal` holds
    /// (it is never rounded).
    ///
    /// ```
    /// use alliance_commitments::Money;
    /// use rust_decimal::dec;
    /// let baseline: Money = "€40bn".parse()?;
    /// assert_eq!(baseline.checked_mul(dec!(0.5))?.compact().to_string(), "€20bn");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if the exact product is beyond what a `Decimal`
    /// holds.
    pub fn checked_mul(&self, factor: Decimal) -> Result<Money, Error> {
        let amount = match crate::exact::mul(self.amount, factor, Operation::Multiplication)? {
            (lo, hi) if lo == hi => lo,
            _ => {
                return Err(ErrorKind::Overflow {
                    operation: Operation::Multiplication,
                }
                .into());
            }
        };
        Ok(Money::new(amount, self.currency))
    }

    /// Compares two amounts in the same currency; an error for two currencies.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::CurrencyMismatch`] for two currencies.
    pub fn checked_cmp(&self, other: &Money) -> Result<Ordering, Error> {
        self.same_currency(other)?;
        Ok(self.amount.cmp(&other.amount))
    }

    /// Rounded to the currency's minor unit, half to even (banker's
    /// rounding), and written with exactly that many decimals: €0.125
    /// becomes €0.12, €0.135 becomes €0.14, €5 becomes €5.00.
    ///
    /// ```
    /// use alliance_commitments::{Currency, Money};
    /// use rust_decimal::dec;
    /// assert_eq!(Money::new(dec!(0.125), Currency::EUR).round().amount(), dec!(0.12));
    /// assert_eq!(Money::new(dec!(0.135), Currency::EUR).round().amount(), dec!(0.14));
    /// assert_eq!(Money::new(dec!(2.5), Currency::JPY).round().amount(), dec!(2));
    /// ```
    pub fn round(&self) -> Money {
        Money::new(round_to_minor(self.amount, self.currency), self.currency)
    }

    /// A compact display: `€20bn`, `€1.25bn`, `US$500m`, `€62,500`. Exact: it
    /// never rounds (`€23.417159978473667m`).
    ///
    /// ```
    /// use alliance_commitments::Money;
    /// let m: Money = "US$500,000,000".parse()?;
    /// assert_eq!(m.compact().to_string(), "US$500m");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compact(&self) -> Compact {
        Compact(*self)
    }
}

/// `x` rounded half to even to the currency's minor unit, with exactly
/// that scale (`5` becomes `5.00` in euros).
pub(crate) fn round_to_minor(x: Decimal, currency: Currency) -> Decimal {
    let dp = currency.minor_units();
    let mut r = x.round_dp_with_strategy(dp, RoundingStrategy::MidpointNearestEven);
    if r.scale() < dp {
        r.rescale(dp);
    }
    r
}

/// Writes `sign prefix digits` with the currency's symbol or code.
fn write_with_currency(f: &mut fmt::Formatter<'_>, money: &Money, digits: &str) -> fmt::Result {
    let sign = if money.is_negative() { "-" } else { "" };
    match money.currency.symbol() {
        Some(symbol) => write!(f, "{sign}{symbol}{digits}"),
        None => write!(f, "{sign}{} {digits}", money.currency.code()),
    }
}

/// Formats `|value|` with thousands separators and at least `min_frac`
/// fractional digits (more if the value has them).
pub(crate) fn grouped(value: Decimal, min_frac: u32) -> String {
    let mut value = value.abs();
    if value.scale() < min_frac {
        value.rescale(min_frac);
    }
    let text = value.to_string();
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::with_capacity(text.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    out
}

impl fmt::Display for Money {
    /// The full amount with thousands separators and at least the currency's
    /// minor-unit digits: `€20,000,000,000.00`, `¥1,050`, `PLN 1,000.00`,
    /// `-€62,000,000.00`. Nothing is rounded: extra decimals are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_with_currency(f, self, &grouped(self.amount, self.currency.minor_units()))
    }
}

/// The compact display of a [`Money`], from [`Money::compact`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Compact(Money);

impl fmt::Display for Compact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let money = self.0;
        let abs = money.amount.abs();
        let units = [(12, "tn"), (9, "bn"), (6, "m")];
        for (exp, word) in units {
            if abs >= Decimal::from_i128_with_scale(10i128.pow(exp), 0) {
                // Dividing by 10^exp is a change of scale: exact while the
                // scale stays within Decimal's 28 digits.
                if let Ok(scaled) =
                    Decimal::try_from_i128_with_scale(abs.mantissa(), abs.scale() + exp)
                {
                    let digits = grouped(scaled.normalize(), 0);
                    return write_with_currency(f, &money, &format!("{digits}{word}"));
                }
            }
        }
        write_with_currency(f, &money, &grouped(abs.normalize(), 0))
    }
}

impl FromStr for Money {
    type Err = Error;

    /// Reads an amount with its currency as people write it: `€20bn`,
    /// `EUR 20,000,000,000.00`, `20000000000 EUR`, `20 billion euros`,
    /// `US$500m` (`$` alone is read as US dollars), `-€62m`. Both forms of
    /// [`Display`](fmt::Display) read back to an equal value.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut c = Cursor::new(s, Grammar::Money);
        let amount = text::amount(&mut c)?;
        c.expect_end()?;
        let currency = amount
            .currency
            .ok_or_else(|| c.error_at(0, "no currency"))?;
        Ok(Money::new(amount.value, currency))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn eur(d: Decimal) -> Money {
        Money::new(d, Currency::EUR)
    }

    #[test]
    fn full_display_groups_and_pads_to_minor_units() {
        assert_eq!(eur(dec!(20000000000)).to_string(), "€20,000,000,000.00");
        assert_eq!(eur(dec!(-62000000)).to_string(), "-€62,000,000.00");
        assert_eq!(eur(dec!(0.5)).to_string(), "€0.50");
        assert_eq!(
            eur(dec!(23417159.978473667)).to_string(),
            "€23,417,159.978473667"
        );
        assert_eq!(
            Money::new(dec!(1000), Currency::PLN).to_string(),
            "PLN 1,000.00"
        );
        assert_eq!(
            Money::new(dec!(1234.5), Currency::KWD).to_string(),
            "KWD 1,234.500"
        );
        assert_eq!(
            Money::new(dec!(100), Currency::USD).to_string(),
            "US$100.00"
        );
    }

    #[test]
    fn compact_display_is_exact() {
        assert_eq!(eur(dec!(20000000000)).compact().to_string(), "€20bn");
        assert_eq!(eur(dec!(1250000000)).compact().to_string(), "€1.25bn");
        assert_eq!(
            Money::new(dec!(500000000), Currency::USD)
                .compact()
                .to_string(),
            "US$500m"
        );
        assert_eq!(eur(dec!(-62000000)).compact().to_string(), "-€62m");
        assert_eq!(eur(dec!(62500)).compact().to_string(), "€62,500");
        assert_eq!(eur(dec!(2500000000000)).compact().to_string(), "€2.5tn");
        assert_eq!(
            eur(dec!(23417159.978473667)).compact().to_string(),
            "€23.417159978473667m"
        );
        assert_eq!(eur(dec!(0)).compact().to_string(), "€0");
    }

    #[test]
    fn arithmetic_is_checked() {
        let max = eur(Decimal::MAX);
        assert_eq!(
            max.checked_add(&eur(dec!(1))),
            Err(ErrorKind::Overflow {
                operation: Operation::Addition
            }
            .into())
        );
        assert_eq!(
            eur(Decimal::MIN).checked_sub(&eur(dec!(1))),
            Err(ErrorKind::Overflow {
                operation: Operation::Subtraction
            }
            .into())
        );
        assert_eq!(
            max.checked_mul(dec!(2)),
            Err(ErrorKind::Overflow {
                operation: Operation::Multiplication
            }
            .into())
        );
        let usd = Money::new(dec!(1), Currency::USD);
        assert_eq!(
            eur(dec!(1)).checked_sub(&usd),
            Err(ErrorKind::CurrencyMismatch {
                left: Currency::EUR,
                right: Currency::USD
            }
            .into())
        );
        assert!(eur(dec!(1)).checked_cmp(&usd).is_err());
        assert_eq!(eur(dec!(1)).checked_cmp(&eur(dec!(2))), Ok(Ordering::Less));
        assert_eq!(eur(dec!(5)).checked_neg().map(|m| m.amount()), Ok(dec!(-5)));
    }

    #[test]
    fn rounding_is_half_to_even_at_the_minor_unit() {
        assert_eq!(eur(dec!(1.005)).round().amount(), dec!(1.00));
        assert_eq!(eur(dec!(1.015)).round().amount(), dec!(1.02));
        assert_eq!(eur(dec!(-1.005)).round().amount(), dec!(-1.00));
        assert_eq!(
            Money::new(dec!(0.0005), Currency::KWD).round().amount(),
            dec!(0.000)
        );
        assert_eq!(
            Money::new(dec!(3.5), Currency::JPY).round().amount(),
            dec!(4)
        );
    }

    #[test]
    fn parsing_needs_a_currency_and_nothing_after() {
        assert!(matches!(
            "20bn".parse::<Money>().as_ref().map_err(Error::kind),
            Err(ErrorKind::Syntax {
                reason: "no currency",
                ..
            })
        ));
        assert!(matches!(
            "€20bn extra".parse::<Money>().as_ref().map_err(Error::kind),
            Err(ErrorKind::Syntax { offset: 8, .. })
        )); // "€" is 3 bytes
        assert_eq!("€20bn".parse::<Money>(), Ok(eur(dec!(20000000000))));
        assert_eq!(
            "PLN 1,000.00".parse::<Money>(),
            Ok(Money::new(dec!(1000), Currency::PLN))
        );
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use crate::serde_impls::decimal;

    use rust_decimal::Decimal;
    use serde::de::Deserializer;
    use serde::ser::Serializer;
    use serde::{Deserialize, Serialize};

    use crate::{Currency, Money};

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct MoneyRepr {
        #[serde(with = "decimal")]
        amount: Decimal,
        currency: Currency,
    }

    impl Serialize for Money {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            MoneyRepr {
                amount: self.amount(),
                currency: self.currency(),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Money {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = MoneyRepr::deserialize(d)?;
            Ok(Money::new(r.amount, r.currency))
        }
    }
}
