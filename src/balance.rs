//! Sums that span several currencies, kept apart until converted.

use crate::error::{ErrorKind, Operation};
use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;

use crate::{Currency, Error, Money};

/// A sum of amounts in several currencies, each kept apart.
///
/// This is what a total is before conversion: adding dollars to a balance
/// of euros gives a balance with two lines, never a silently mixed number.
/// Turning it into one amount is an explicit step: [`Balance::single`] works
/// only when one currency is present; conversion with rates comes later.
///
/// ```
/// use alliance_commitments::{Balance, Currency, Money};
///
/// let mut total = Balance::new();
/// total.add("€20bn".parse()?)?;
/// total.add("US$500m".parse()?)?;
/// total.add("€1bn".parse()?)?;
/// assert_eq!(total.get(Currency::EUR), Some("€21bn".parse()?));
/// assert_eq!(total.to_string(), "€21,000,000,000.00 + US$500,000,000.00");
/// assert!(total.single().is_err()); // two currencies: convert first
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Balance {
    amounts: BTreeMap<Currency, Decimal>,
}

impl Balance {
    /// An empty balance.
    pub fn new() -> Balance {
        Balance::default()
    }

    /// Adds an amount to its currency's line. On overflow the balance is
    /// left unchanged and an error returned.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if the currency's line would go beyond what a
    /// `Decimal` holds.
    pub fn add(&mut self, money: Money) -> Result<(), Error> {
        let line = self
            .amounts
            .get(&money.currency())
            .copied()
            .unwrap_or_default();
        let sum = crate::exact::checked_add(line, money.amount(), Operation::Addition)?;
        self.amounts.insert(money.currency(), sum);
        Ok(())
    }

    /// Adds every line of another balance; all or nothing.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if any line would overflow, as for [`Balance::add`].
    pub fn add_balance(&mut self, other: &Balance) -> Result<(), Error> {
        let mut next = self.clone();
        for money in other.iter() {
            next.add(money)?;
        }
        *self = next;
        Ok(())
    }

    /// The line for one currency, if any amount in it was added.
    pub fn get(&self, currency: Currency) -> Option<Money> {
        self.amounts
            .get(&currency)
            .map(|a| Money::new(*a, currency))
    }

    /// The lines, in currency-code order.
    pub fn iter(&self) -> impl Iterator<Item = Money> + '_ {
        self.amounts.iter().map(|(c, a)| Money::new(*a, *c))
    }

    /// The currencies present, in code order.
    pub fn currencies(&self) -> impl Iterator<Item = Currency> + '_ {
        self.amounts.keys().copied()
    }

    /// The number of currencies present.
    pub fn len(&self) -> usize {
        self.amounts.len()
    }

    /// Whether nothing has been added.
    pub fn is_empty(&self) -> bool {
        self.amounts.is_empty()
    }

    /// The one amount, when exactly one currency is present; an error naming
    /// the currencies otherwise (an empty balance has no currency: use
    /// [`Balance::single_in`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MixedCurrencies`] if the balance is empty or holds more than
    /// one currency.
    pub fn single(&self) -> Result<Money, Error> {
        let mut lines = self.iter();
        match (lines.next(), lines.next()) {
            (Some(money), None) => Ok(money),
            _ => Err(ErrorKind::MixedCurrencies {
                currencies: self.currencies().collect(),
            }
            .into()),
        }
    }

    /// The amount in `currency`: zero when the balance is empty, an error when
    /// another currency is present.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MixedCurrencies`] if a currency other than `currency` is
    /// present.
    pub fn single_in(&self, currency: Currency) -> Result<Money, Error> {
        if self.currencies().all(|c| c == currency) {
            Ok(self.get(currency).unwrap_or(Money::zero(currency)))
        } else {
            let mut currencies: Vec<Currency> = self.currencies().collect();
            if !currencies.contains(&currency) {
                currencies.push(currency);
                currencies.sort();
            }
            Err(ErrorKind::MixedCurrencies { currencies }.into())
        }
    }

    /// Builds a balance from amounts; an error (and no balance) on overflow.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] if a currency's sum goes beyond what a `Decimal`
    /// holds.
    pub fn try_from_iter<I: IntoIterator<Item = Money>>(items: I) -> Result<Balance, Error> {
        let mut balance = Balance::new();
        for money in items {
            balance.add(money)?;
        }
        Ok(balance)
    }
}

impl fmt::Display for Balance {
    /// The lines in full, joined by ` + `; an empty balance is `0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("0");
        }
        for (i, money) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(" + ")?;
            }
            write!(f, "{money}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn keeps_currencies_apart_and_sums_within_each() {
        let b = Balance::try_from_iter([
            Money::new(dec!(1.10), Currency::EUR),
            Money::new(dec!(2), Currency::USD),
            Money::new(dec!(-0.10), Currency::EUR),
        ])
        .unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(
            b.get(Currency::EUR),
            Some(Money::new(dec!(1.00), Currency::EUR))
        );
        assert_eq!(b.get(Currency::GBP), None);
        assert_eq!(
            b.single(),
            Err(ErrorKind::MixedCurrencies {
                currencies: vec![Currency::EUR, Currency::USD]
            }
            .into())
        );
        assert!(b.single_in(Currency::EUR).is_err());
        assert_eq!(
            Balance::new().single_in(Currency::GBP),
            Ok(Money::zero(Currency::GBP))
        );
    }

    #[test]
    fn overflow_leaves_the_balance_unchanged() {
        let mut b = Balance::new();
        b.add(Money::new(Decimal::MAX, Currency::EUR)).unwrap();
        let before = b.clone();
        assert!(b.add(Money::new(dec!(1), Currency::EUR)).is_err());
        assert_eq!(b, before);
        let mut other = Balance::new();
        other.add(Money::new(dec!(1), Currency::USD)).unwrap();
        other.add(Money::new(dec!(1), Currency::EUR)).unwrap();
        assert!(b.add_balance(&other).is_err());
        assert_eq!(b, before);
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use serde::de::{self, Deserializer};
    use serde::ser::Serializer;
    use serde::{Deserialize, Serialize};

    use crate::{Balance, Money};

    impl Serialize for Balance {
        /// A list of amounts, one per currency.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.iter())
        }
    }

    impl<'de> Deserialize<'de> for Balance {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            Balance::try_from_iter(Vec::<Money>::deserialize(d)?).map_err(de::Error::custom)
        }
    }
}
