//! Intervals of amounts or ratios: what a figure, a change or a share is
//! known to lie within.

use crate::error::{ErrorKind, Operation};
use std::fmt;
use std::ops::Bound;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::{Comparison, Currency, Error, Money};

/// An interval of numbers, each end open, closed or absent; with a currency
/// for amounts, without one for ratios (growth, shares).
///
/// [`Figure::interval`](crate::Figure::interval) gives a figure's interval;
/// [`change`](crate::compare::change) and [`share`](crate::compare::share)
/// return intervals that may reach below zero or have no end.
///
/// ```
/// use alliance_commitments::{Comparison, Figure};
/// let f: Figure = "about €50bn".parse()?;
/// let i = f.interval();
/// assert_eq!(i.to_string(), "[€45bn, €55bn]");
/// assert_eq!(i.sign(), Comparison::Greater); // certainly above zero
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    lower: Bound<Decimal>,
    upper: Bound<Decimal>,
    currency: Option<Currency>,
}

fn value(b: Bound<Decimal>) -> Option<Decimal> {
    match b {
        Bound::Included(x) | Bound::Excluded(x) => Some(x),
        Bound::Unbounded => None,
    }
}

/// Whether every value under `upper` is below every value over `lower`.
pub(crate) fn entirely_below(upper: Bound<Decimal>, lower: Bound<Decimal>) -> bool {
    match (upper, lower) {
        (Bound::Included(u), Bound::Included(l)) => u < l,
        (Bound::Included(u) | Bound::Excluded(u), Bound::Excluded(l))
        | (Bound::Excluded(u), Bound::Included(l)) => u <= l,
        _ => false,
    }
}

impl Interval {
    /// An interval; an error if it is empty (lower above upper, or equal
    /// with an open end).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvertedBounds`] if the interval is empty: `lower` above
    /// `upper`, or equal with an open end.
    pub fn new(
        lower: Bound<Decimal>,
        upper: Bound<Decimal>,
        currency: Option<Currency>,
    ) -> Result<Interval, Error> {
        if let (Some(l), Some(u)) = (value(lower), value(upper)) {
            let open = !matches!((lower, upper), (Bound::Included(_), Bound::Included(_)));
            if l > u || (l == u && open) {
                return Err(ErrorKind::InvertedBounds { lower: l, upper: u }.into());
            }
        }
        Ok(Interval {
            lower,
            upper,
            currency,
        })
    }

    /// For a figure's bounds, which constructors keep ordered.
    pub(crate) fn from_figure(
        lower: Bound<Decimal>,
        upper: Bound<Decimal>,
        currency: Currency,
    ) -> Interval {
        Interval {
            lower,
            upper,
            currency: Some(currency),
        }
    }

    /// The lower end.
    pub fn lower(&self) -> Bound<Decimal> {
        self.lower
    }

    /// The upper end.
    pub fn upper(&self) -> Bound<Decimal> {
        self.upper
    }

    /// The currency of an interval of amounts; `None` for ratios.
    pub fn currency(&self) -> Option<Currency> {
        self.currency
    }

    /// Whether `x` lies inside.
    pub fn contains(&self, x: Decimal) -> bool {
        let above = match self.lower {
            Bound::Included(l) => x >= l,
            Bound::Excluded(l) => x > l,
            Bound::Unbounded => true,
        };
        let below = match self.upper {
            Bound::Included(u) => x <= u,
            Bound::Excluded(u) => x < u,
            Bound::Unbounded => true,
        };
        above && below
    }

    /// Whether the interval is one point.
    pub fn is_point(&self) -> bool {
        matches!((self.lower, self.upper), (Bound::Included(l), Bound::Included(u)) if l == u)
    }

    /// Whether every value of `other` lies in this interval.
    ///
    /// ```
    /// use alliance_commitments::Figure;
    /// let claim: Figure = "over €20bn".parse()?;
    /// let data: Figure = "over €20.7bn".parse()?;
    /// assert!(claim.interval().encloses(&data.interval()));
    /// assert!(!data.interval().encloses(&claim.interval()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn encloses(&self, other: &Interval) -> bool {
        let lower_ok = match (self.lower, other.lower) {
            (Bound::Unbounded, _) => true,
            (_, Bound::Unbounded) => false,
            (Bound::Included(a), Bound::Included(b) | Bound::Excluded(b)) => a <= b,
            (Bound::Excluded(a), Bound::Included(b)) => a < b,
            (Bound::Excluded(a), Bound::Excluded(b)) => a <= b,
        };
        let upper_ok = match (self.upper, other.upper) {
            (Bound::Unbounded, _) => true,
            (_, Bound::Unbounded) => false,
            (Bound::Included(a), Bound::Included(b) | Bound::Excluded(b)) => a >= b,
            (Bound::Excluded(a), Bound::Included(b)) => a > b,
            (Bound::Excluded(a), Bound::Excluded(b)) => a >= b,
        };
        lower_ok && upper_ok
    }

    /// Whether the two intervals share a value.
    pub fn overlaps(&self, other: &Interval) -> bool {
        !entirely_below(self.upper, other.lower) && !entirely_below(other.upper, self.lower)
    }

    /// Compares two intervals as [`Figure::compare`](crate::Figure::compare)
    /// does: less or greater only if they do not overlap, equal only for
    /// one and the same point. The currencies are not checked here.
    pub fn compare(&self, other: &Interval) -> Comparison {
        if self.is_point() && other.is_point() && self.lower == other.lower {
            Comparison::Equal
        } else if entirely_below(self.upper, other.lower) {
            Comparison::Less
        } else if entirely_below(other.upper, self.lower) {
            Comparison::Greater
        } else {
            Comparison::CannotTell
        }
    }

    /// The interval compared with zero: [`Comparison::Greater`] if every
    /// value is positive, and so on.
    pub fn sign(&self) -> Comparison {
        let zero = Bound::Included(Decimal::ZERO);
        self.compare(&Interval {
            lower: zero,
            upper: zero,
            currency: self.currency,
        })
    }

    /// A display of a ratio interval in percent, each end rounded outward
    /// to `dp` decimals (so the shown interval still contains the true
    /// one): `[12.5%, 30%]`.
    ///
    /// ```
    /// use alliance_commitments::figure::Interval;
    /// use rust_decimal::dec;
    /// use std::ops::Bound;
    /// let share = Interval::new(Bound::Included(dec!(0.12345)), Bound::Unbounded, None)?;
    /// assert_eq!(share.percent(1).to_string(), "[12.3%, ∞)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn percent(&self, dp: u32) -> Percent {
        Percent {
            interval: *self,
            dp,
        }
    }

    fn write_ends(
        &self,
        f: &mut fmt::Formatter<'_>,
        show: impl Fn(Decimal, RoundingStrategy) -> String,
    ) -> fmt::Result {
        // A single point is shown as its value.
        if let (Bound::Included(l), Bound::Included(u)) = (self.lower, self.upper) {
            let (lo, hi) = (
                show(l, RoundingStrategy::ToNegativeInfinity),
                show(u, RoundingStrategy::ToPositiveInfinity),
            );
            if lo == hi {
                return f.write_str(&lo);
            }
        }
        match self.lower {
            Bound::Included(x) => {
                write!(f, "[{}, ", show(x, RoundingStrategy::ToNegativeInfinity))?
            }
            Bound::Excluded(x) => {
                write!(f, "({}, ", show(x, RoundingStrategy::ToNegativeInfinity))?
            }
            Bound::Unbounded => f.write_str("(−∞, ")?,
        }
        match self.upper {
            Bound::Included(x) => write!(f, "{}]", show(x, RoundingStrategy::ToPositiveInfinity)),
            Bound::Excluded(x) => write!(f, "{})", show(x, RoundingStrategy::ToPositiveInfinity)),
            Bound::Unbounded => f.write_str("∞)"),
        }
    }
}

impl fmt::Display for Interval {
    /// `[€45bn, €55bn]`, `(€20bn, ∞)`; plain numbers for ratios.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let currency = self.currency;
        self.write_ends(f, |x, _| match currency {
            Some(c) => Money::new(x, c).compact().to_string(),
            None => x.normalize().to_string(),
        })
    }
}

/// A ratio interval shown in percent, from [`Interval::percent`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Percent {
    interval: Interval,
    dp: u32,
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dp = self.dp;
        self.interval.write_ends(f, |x, strategy| {
            // The exact percentage, bracketed when × 100 does not fit:
            // the lower end rounds from below, the upper from above.
            match crate::exact::mul(x, Decimal::ONE_HUNDRED, Operation::Multiplication) {
                Ok((lo, hi)) => {
                    let p = if strategy == RoundingStrategy::ToNegativeInfinity {
                        lo
                    } else {
                        hi
                    };
                    format!("{}%", p.round_dp_with_strategy(dp, strategy).normalize())
                }
                Err(_) => format!("{x}"),
            }
        })
    }
}

/// `n / d` as an interval `[low, high]` certain to contain the exact
/// quotient, a single point only when the quotient is exact (decided on
/// the mantissas, see [`exact`](crate::exact)).
pub(crate) fn div_outward(n: Decimal, d: Decimal) -> Result<(Decimal, Decimal), Error> {
    crate::exact::div(n, d, Operation::Division)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn empty_intervals_are_refused() {
        let inc = Bound::Included;
        assert!(Interval::new(inc(dec!(2)), inc(dec!(1)), None).is_err());
        assert!(Interval::new(Bound::Excluded(dec!(1)), inc(dec!(1)), None).is_err());
        assert!(Interval::new(inc(dec!(1)), inc(dec!(1)), None).is_ok());
        assert!(Interval::new(Bound::Unbounded, Bound::Unbounded, None).is_ok());
    }

    #[test]
    fn outward_division_contains_the_quotient() {
        let (lo, hi) = div_outward(dec!(1), dec!(3)).unwrap();
        assert!(lo < hi);
        assert!(lo * dec!(3) < dec!(1) && hi * dec!(3) > dec!(1));
        assert_eq!(
            div_outward(dec!(1), dec!(4)).unwrap(),
            (dec!(0.25), dec!(0.25))
        );
        assert!(div_outward(dec!(1), Decimal::ZERO).is_err());
    }

    #[test]
    fn percent_rounds_outward() {
        let i = Interval::new(
            Bound::Included(dec!(0.123456)),
            Bound::Included(dec!(0.654321)),
            None,
        )
        .unwrap();
        assert_eq!(i.percent(2).to_string(), "[12.34%, 65.44%]");
        assert_eq!(i.sign(), Comparison::Greater);
        let j = Interval::new(Bound::Included(dec!(-1)), Bound::Unbounded, None).unwrap();
        assert_eq!(j.sign(), Comparison::CannotTell);
        assert_eq!(j.to_string(), "[-1, ∞)");
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use crate::serde_impls::DecimalStr;

    use rust_decimal::Decimal;

    use serde::Serialize;
    use serde::ser::Serializer;
    use std::collections::BTreeMap;

    impl Serialize for crate::interval::Interval {
        /// `{"lower": {"included": "45"}, "upper": null, "currency": "EUR"}`:
        /// each end `{"included": x}`, `{"excluded": x}` or `null` (absent).
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeStruct;
            fn end(b: std::ops::Bound<Decimal>) -> Option<BTreeMap<&'static str, DecimalStr>> {
                match b {
                    std::ops::Bound::Included(x) => {
                        Some(BTreeMap::from([("included", DecimalStr(x))]))
                    }
                    std::ops::Bound::Excluded(x) => {
                        Some(BTreeMap::from([("excluded", DecimalStr(x))]))
                    }
                    std::ops::Bound::Unbounded => None,
                }
            }
            let mut st = s.serialize_struct("Interval", 3)?;
            st.serialize_field("lower", &end(self.lower()))?;
            st.serialize_field("upper", &end(self.upper()))?;
            st.serialize_field("currency", &self.currency())?;
            st.end()
        }
    }
}
