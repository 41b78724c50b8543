//! A running sum of figures whose result depends only on its terms, never
//! on their order.

use crate::error::{ErrorKind, Operation};
use rust_decimal::Decimal;

use super::{Figure, Form, overflow};
use crate::exact::Accumulator;
use crate::{Currency, Error};

/// Exact terms are summed apart from qualified ones and the two parts are
/// joined only when the sum is read.
///
/// Why: figure addition treats an exact zero as "nothing" (so a running
/// total that starts at zero keeps "up to 5" as "up to 5"), while
/// "up to 5" + 3 + (−3) is "between 0 and 5". Summing in arrival order
/// would make the qualifier of a total depend on the order of its pledges;
/// summing exact terms first makes it depend only on the terms. Qualified
/// terms among themselves add by their bounds, which is order-free while
/// each bound's sum fits in 28 significant digits; past that, each
/// addition rounds the bound outward, so the last digit can depend on the
/// order (docs/design.md, §7).
///
/// Exact terms add in an [`Accumulator`], which keeps every digit however
/// large the sum grows in between (see [`exact`](crate::exact)): the sum,
/// or its overflow, does not depend on the order of the terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FigureSum {
    currency: Currency,
    exact: Option<Accumulator>,
    qualified: Option<Figure>,
}

impl FigureSum {
    /// The empty sum in `currency`.
    pub(crate) fn new(currency: Currency) -> FigureSum {
        FigureSum {
            currency,
            exact: None,
            qualified: None,
        }
    }

    /// A sum of the given parts: an exact sum and a sum of qualified terms.
    pub(crate) fn of_parts(
        currency: Currency,
        exact: Option<Accumulator>,
        qualified: Option<Figure>,
    ) -> FigureSum {
        FigureSum {
            currency,
            exact,
            qualified,
        }
    }

    /// What the sum of `figure` alone is ([`FigureSum::figure`] after one
    /// [`FigureSum::add`]), without making the sum: the figure, an exact
    /// amount written as an exact sum writes it (from zero up).
    pub(crate) fn of_one(figure: &Figure) -> Figure {
        match figure.form {
            // Adding to zero changes neither the digits nor the scale,
            // only a negative zero's sign, as the sum would.
            Form::Exactly(x) => Figure::exactly_in(
                figure.currency,
                crate::exact::add(Decimal::ZERO, x).unwrap_or(x),
            ),
            _ => *figure,
        }
    }

    /// Adds one term; an error for another currency or on overflow.
    pub(crate) fn add(&mut self, figure: &Figure) -> Result<(), Error> {
        if figure.currency != self.currency {
            return Err(ErrorKind::CurrencyMismatch {
                left: self.currency,
                right: figure.currency,
            }
            .into());
        }
        match figure.form {
            Form::Exactly(x) => self.add_exact(x),
            _ => {
                self.qualified = Some(match &self.qualified {
                    Some(q) => q.checked_add(figure)?,
                    None => *figure,
                });
                Ok(())
            }
        }
    }

    /// Adds an exact amount in the sum's currency.
    pub(crate) fn add_exact(&mut self, x: Decimal) -> Result<(), Error> {
        self.exact
            .get_or_insert_with(Accumulator::default)
            .add(x)
            .ok_or_else(|| overflow(Operation::Addition))
    }

    /// Adds every term of another sum.
    pub(crate) fn merge(&mut self, other: &FigureSum) -> Result<(), Error> {
        if let Some(x) = &other.exact {
            self.exact
                .get_or_insert_with(Accumulator::default)
                .merge(x)
                .ok_or_else(|| overflow(Operation::Addition))?;
        }
        if let Some(q) = &other.qualified {
            self.add(q)?;
        }
        Ok(())
    }

    /// The sum as a figure: the exact part joined to the qualified part; an
    /// exact zero for no terms. An exact sum with more digits than a
    /// `Decimal` holds is never rounded to a point: it is "between" the
    /// nearest decimals below and above it; one whose integer part does
    /// not fit is an error.
    pub(crate) fn figure(&self) -> Result<Figure, Error> {
        let exact = match &self.exact {
            Some(acc) => match acc.bounds(Operation::Addition)? {
                (lo, hi) if lo == hi => Some(lo),
                (lo, hi) => {
                    let between = Figure {
                        currency: self.currency,
                        form: Form::Between(lo, hi),
                    };
                    return match &self.qualified {
                        Some(q) => between.checked_add(q),
                        None => Ok(between),
                    };
                }
            },
            None => None,
        };
        self.join(exact)
    }

    fn join(&self, exact: Option<Decimal>) -> Result<Figure, Error> {
        match (exact, &self.qualified) {
            (Some(x), None) => Ok(Figure::exactly_in(self.currency, x)),
            (None, Some(q)) => Ok(*q),
            (Some(x), Some(q)) => Figure::exactly_in(self.currency, x).checked_add(q),
            (None, None) => Ok(Figure::zero(self.currency)),
        }
    }
}

/// A sum of converted amounts, which holds the exact sum of the amounts
/// converted: an exact amount whose quotient does not end is "between" its
/// two neighbours ([`Figure::convert`]), and is added as such an amount —
/// its lower neighbour to the exact sum, the width to the sum's slack — so
/// the total is one exact sum known to lie within `[sum, sum + slack]`, not
/// a sum of intervals of any amount. Any other term adds as
/// [`FigureSum::add`] adds it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ConvertedSum {
    sum: FigureSum,
    slack: Option<Accumulator>,
}

impl ConvertedSum {
    /// The empty sum in `currency`.
    pub(crate) fn new(currency: Currency) -> ConvertedSum {
        ConvertedSum {
            sum: FigureSum::new(currency),
            slack: None,
        }
    }

    /// Adds `converted`, the conversion of `original`.
    pub(crate) fn add(&mut self, original: &Figure, converted: &Figure) -> Result<(), Error> {
        match (original.form, converted.form) {
            (Form::Exactly(_), Form::Between(low, high))
                if converted.currency == self.sum.currency =>
            {
                let width = crate::exact::checked_sub(high, low, Operation::Conversion)?;
                self.sum.add_exact(low)?;
                self.slack
                    .get_or_insert_with(Accumulator::default)
                    .add(width)
                    .ok_or_else(|| overflow(Operation::Conversion))
            }
            _ => self.sum.add(converted),
        }
    }

    /// The sum as a figure: as [`FigureSum::figure`] while every
    /// conversion ended; else "between" the exact sum of the lower
    /// neighbours and that sum plus the slack (each end rounded outward to
    /// fit), joined to the sum of qualified terms.
    pub(crate) fn figure(&self) -> Result<Figure, Error> {
        let Some(slack) = &self.slack else {
            return self.sum.figure();
        };
        let low = self.sum.exact.unwrap_or_default();
        let mut high = low;
        high.merge(slack)
            .ok_or_else(|| overflow(Operation::Conversion))?;
        let (lo, _) = low.bounds(Operation::Conversion)?;
        let (_, hi) = high.bounds(Operation::Conversion)?;
        match &self.sum.qualified {
            Some(q) => q.plus_within(lo, hi),
            None => Ok(Figure {
                currency: self.sum.currency,
                form: Form::Between(lo, hi),
            }),
        }
    }
}

impl Figure {
    /// The exact amount `x` in `currency`.
    pub(crate) fn exactly_in(currency: Currency, x: Decimal) -> Figure {
        Figure {
            currency,
            form: Form::Exactly(x),
        }
    }

    /// The amount when the figure is stated exactly.
    pub(crate) fn exactly_stated(&self) -> Option<Decimal> {
        match self.form {
            Form::Exactly(x) => Some(x),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> Figure {
        Figure::parse_plain(s, Currency::EUR).unwrap()
    }

    fn sum(terms: &[&str]) -> Figure {
        let mut s = FigureSum::new(Currency::EUR);
        for t in terms {
            s.add(&f(t)).unwrap();
        }
        s.figure().unwrap()
    }

    #[test]
    fn the_qualifier_does_not_depend_on_the_order() {
        // In arrival order, "up to 5" + 3 − 3 would be "between 0 and 5".
        assert_eq!(sum(&["up to 5", "3", "-3"]), f("up to 5"));
        assert_eq!(sum(&["3", "up to 5", "-3"]), f("up to 5"));
        assert_eq!(sum(&["3", "-3", "up to 5"]), f("up to 5"));
        assert_eq!(
            sum(&["up to 5", "2", "-3"]).to_string(),
            "between -€1 and €4"
        );
        assert_eq!(
            sum(&["-3", "up to 5", "2"]).to_string(),
            "between -€1 and €4"
        );
    }

    #[test]
    fn parts_join_when_read() {
        assert_eq!(sum(&["over 10", "2.50", "1"]), f("over 13.50"));
        assert_eq!(sum(&["2.50", "1"]), f("3.50"));
        assert_eq!(sum(&[]), Figure::zero(Currency::EUR));
        let mut a = FigureSum::new(Currency::EUR);
        a.add(&f("about 100")).unwrap();
        let mut b = FigureSum::new(Currency::EUR);
        b.add(&f("5")).unwrap();
        b.merge(&a).unwrap();
        assert_eq!(b.figure().unwrap().to_string(), "about €105 ± €10");
    }

    #[test]
    fn other_currencies_and_overflow_are_errors() {
        let mut s = FigureSum::new(Currency::EUR);
        assert!(matches!(
            s.add(&Figure::parse_plain("1", Currency::USD).unwrap())
                .as_ref()
                .map_err(Error::kind),
            Err(ErrorKind::CurrencyMismatch { .. })
        ));
        s.add_exact(Decimal::MAX).unwrap();
        // Past the range in between is fine; only the result must fit.
        s.add_exact(Decimal::ONE).unwrap();
        assert!(matches!(
            s.figure().as_ref().map_err(Error::kind),
            Err(ErrorKind::Overflow { .. })
        ));
        s.add_exact(Decimal::NEGATIVE_ONE).unwrap();
        assert_eq!(s.figure().unwrap().exactly_stated(), Some(Decimal::MAX));
    }
}
