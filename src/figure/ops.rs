//! Operations on figures that keep their form: rounding, conversion,
//! splitting by weights, and scaling by a ratio of whole numbers.

use crate::error::{ErrorKind, Operation};
use rust_decimal::Decimal;

use super::{Figure, Form, Tolerance, check_about_bounds};
use crate::exact;
use crate::spread::Allocation;
use crate::{Currency, Error};

/// The working space of [`Figure::split_into`], kept from one split to the
/// next so that splitting many figures allocates nothing once it has grown.
#[derive(Debug, Default)]
pub(crate) struct SplitBuffers {
    allocation: Allocation,
    /// The parts of the one number split, or of a "between"'s low end or
    /// an "about"'s value.
    first: Vec<Decimal>,
    /// The parts of a "between"'s width or an "about"'s spread.
    second: Vec<Decimal>,
}

fn overflow(operation: Operation) -> Error {
    ErrorKind::Overflow { operation }.into()
}

impl Figure {
    /// Zero in a currency (an exact figure).
    pub fn zero(currency: Currency) -> Figure {
        Figure {
            currency,
            form: Form::Exactly(Decimal::ZERO),
        }
    }

    /// Rounded to the currency's minor unit for display, with exactly
    /// that many decimals: an exact value rounds once, half to even; the
    /// bounds of a qualified figure round *outward* (lower ends down, upper
    /// ends up), so the rounded figure's interval still contains the
    /// original one. An "about" keeps its value rounded half to even and
    /// widens its spread to cover both rounded bounds (stated as an amount
    /// unless the relative tolerance still gives it exactly).
    ///
    /// ```
    /// use alliance_commitments::Figure;
    /// let f: Figure = "over €10.006".parse()?;
    /// assert_eq!(f.round().to_string(), "over €10");
    /// let g: Figure = "between €0.125 and €0.131".parse()?;
    /// assert_eq!(g.round().to_string(), "between €0.12 and €0.14");
    /// let e: Figure = "€0.125".parse()?;
    /// assert_eq!(e.round().to_string(), "€0.12");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn round(&self) -> Figure {
        let currency = self.currency;
        let dp = currency.minor_units();
        let fix = |mut x: Decimal| {
            if x.scale() < dp {
                x.rescale(dp);
            }
            x
        };
        let down = |x: Decimal| fix(exact::round_dir(x, dp, false));
        let up = |x: Decimal| fix(exact::round_dir(x, dp, true));
        let form = match self.form {
            Form::Exactly(x) => Form::Exactly(crate::money::round_to_minor(x, currency)),
            Form::Over(x) => Form::Over(down(x)),
            Form::AtLeast(x) => Form::AtLeast(down(x)),
            Form::UpTo(x) => Form::UpTo(up(x)),
            Form::Between(a, b) => Form::Between(down(a), up(b)),
            Form::About {
                value,
                tolerance,
                spread,
            } => {
                let (lo, hi) = (
                    down(super::about_lower(value, spread)),
                    up(super::about_upper(value, spread)),
                );
                let v = crate::money::round_to_minor(value, currency);
                // The spread that covers both rounded bounds around v: both
                // differences are exact (whole minor units within range).
                let spread = match (
                    exact::checked_sub(v, lo, Operation::Rounding),
                    exact::checked_sub(hi, v, Operation::Rounding),
                ) {
                    (Ok(a), Ok(b)) => Some(fix(a.max(b))),
                    _ => None,
                };
                match spread {
                    Some(s) if exact::add(v, s).is_some() && exact::add(v, -s).is_some() => {
                        let tolerance = match tolerance {
                            Tolerance::Relative(t)
                                if exact::mul(v.abs(), t, Operation::Rounding)
                                    .is_ok_and(|(a, b)| a == b && a == s) =>
                            {
                                tolerance
                            }
                            _ => Tolerance::Absolute(s),
                        };
                        Form::About {
                            value: v,
                            tolerance,
                            spread: s,
                        }
                    }
                    // The symmetric form cannot hold both rounded bounds (near
                    // the end of the range): the bounds, as "between".
                    _ => Form::Between(lo, hi),
                }
            }
        };
        Figure {
            currency: self.currency,
            form,
        }
    }

    /// Applies `f` to every number of the figure, keeping its form; the
    /// numbers must keep their order (f increasing).
    fn map(
        &self,
        currency: Currency,
        f: impl Fn(Decimal) -> Result<Decimal, Error>,
    ) -> Result<Figure, Error> {
        let form = match self.form {
            Form::Exactly(x) => Form::Exactly(f(x)?),
            Form::Over(x) => Form::Over(f(x)?),
            Form::AtLeast(x) => Form::AtLeast(f(x)?),
            Form::UpTo(x) => Form::UpTo(f(x)?),
            Form::Between(a, b) => Form::Between(f(a)?, f(b)?),
            Form::About {
                value,
                tolerance,
                spread,
            } => {
                let spread = f(spread)?;
                let tolerance = match tolerance {
                    Tolerance::Relative(_) => tolerance,
                    Tolerance::Absolute(_) => Tolerance::Absolute(spread),
                };
                Form::About {
                    value: f(value)?,
                    tolerance,
                    spread,
                }
            }
        };
        // An "about" whose converted bounds need more digits than a
        // `Decimal` holds is the interval of its bounds, rounded outward.
        let form = match form {
            Form::About { value, spread, .. }
                if check_about_bounds(form, Operation::Conversion).is_err() =>
            {
                Form::Between(
                    exact::add_outward(value, -spread, Operation::Conversion)?.0,
                    exact::add_outward(value, spread, Operation::Conversion)?.1,
                )
            }
            _ => form,
        };
        Ok(Figure { currency, form })
    }

    /// The figure in another currency: every number × `mul` ÷ `div`
    /// (`mul`, `div` > 0), multiplied first so that the one division is the
    /// only rounding (to `Decimal`'s 28 significant digits).
    pub(crate) fn convert(
        &self,
        to: Currency,
        mul: Decimal,
        div: Decimal,
    ) -> Result<Figure, Error> {
        // Times exactly 1 (EUR's rate) is the number itself, scale and all.
        let one = mul.mantissa() == 1 && mul.scale() == 0;
        self.map(to, |x| {
            let product = if one {
                Some(x)
            } else {
                match exact::mul(x, mul, Operation::Conversion)? {
                    (a, b) if a == b => Some(a),
                    _ => None,
                }
            };
            match product {
                // The product is exact: the division is the one rounding,
                // to `Decimal`'s 28 significant digits, half to even.
                Some(y) => y
                    .checked_div(div)
                    .ok_or_else(|| overflow(Operation::Conversion)),
                // The product has more digits than a `Decimal` holds: the
                // quotient from the exact product, cut at its last digit.
                None => Ok(exact::mul_div(x, mul, div, Operation::Conversion)?.0),
            }
        })
    }

    /// Splits the figure in proportion to `weights` (see
    /// [`allocate`](crate::spread::allocate)): every number is
    /// split so the parts add up exactly to it; "between a and b" splits a
    /// and b − a, so each part keeps a ≤ b; "about" states each part's
    /// spread as an amount.
    pub(crate) fn split_by<W: Copy + Into<u128>>(
        &self,
        weights: &[W],
        minor: u32,
    ) -> Result<Vec<Figure>, Error> {
        let mut parts = Vec::with_capacity(weights.len());
        self.split_into(weights, minor, &mut SplitBuffers::default(), &mut parts)?;
        Ok(parts)
    }

    /// [`Figure::split_by`] into `parts` (cleared first), in `buffers`'
    /// working space.
    pub(crate) fn split_into<W: Copy + Into<u128>>(
        &self,
        weights: &[W],
        minor: u32,
        buffers: &mut SplitBuffers,
        parts: &mut Vec<Figure>,
    ) -> Result<(), Error> {
        parts.clear();
        let SplitBuffers {
            allocation,
            first,
            second,
        } = buffers;
        let mut split =
            |x: Decimal, into: &mut Vec<Decimal>| allocation.split(x, weights, minor, into);
        let currency = self.currency;
        let mut push = |form: Form| {
            check_about_bounds(form, Operation::Spreading)?;
            parts.push(Figure { currency, form });
            Ok::<(), Error>(())
        };
        // A form of one number: its parts, each in the same form.
        type OfOne = fn(Decimal) -> Form;
        let mut each = |x: Decimal, form: OfOne, first: &mut Vec<Decimal>| {
            split(x, first)?;
            first.iter().try_for_each(|p| push(form(*p)))
        };
        match self.form {
            Form::Exactly(x) => each(x, Form::Exactly, first)?,
            Form::Over(x) => each(x, Form::Over, first)?,
            Form::AtLeast(x) => each(x, Form::AtLeast, first)?,
            Form::UpTo(x) => each(x, Form::UpTo, first)?,
            Form::Between(a, b) => {
                let width = b
                    .checked_sub(a)
                    .ok_or_else(|| overflow(Operation::Spreading))?;
                split(a, first)?;
                split(width, second)?;
                for (l, w) in first.iter().zip(second.iter()) {
                    let h = l
                        .checked_add(*w)
                        .ok_or_else(|| overflow(Operation::Spreading))?;
                    push(Form::Between(*l, h))?;
                }
            }
            Form::About { value, spread, .. } => {
                split(value, first)?;
                split(spread, second)?;
                for (v, s) in first.iter().zip(second.iter()) {
                    push(Form::About {
                        value: *v,
                        tolerance: Tolerance::Absolute(*s),
                        spread: *s,
                    })?;
                }
            }
        }
        Ok(())
    }

    /// The figure × `numerator` ÷ `denominator` (both positive), with the
    /// result rounded *outward* to the currency's minor unit when the
    /// division is not exact, so the result's interval still contains
    /// every scaled value: lower ends round down, upper ends up, and an
    /// exact figure that cannot stay exact becomes "between" its two
    /// nearest minor units. This is how a part-year total becomes a run
    /// rate (see [`compare::run_rate`](crate::compare::run_rate)).
    ///
    /// ```
    /// use alliance_commitments::Figure;
    /// let q1: Figure = "over €20bn".parse()?;
    /// // × 365 / 90 = over €81,111,111,111.11…: rounded down to the cent.
    /// assert_eq!(q1.checked_scale_ratio(365, 90)?.stated().to_string(), "€81,111,111,111.11");
    /// let exact: Figure = "€1".parse()?;
    /// assert_eq!(exact.checked_scale_ratio(1, 3)?.to_string(), "between €0.33 and €0.34");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NonPositiveFactor`] if `numerator` or `denominator` is zero;
    /// [`ErrorKind::Overflow`] when a scaled bound is beyond what a `Decimal`
    /// holds.
    pub fn checked_scale_ratio(&self, numerator: u64, denominator: u64) -> Result<Figure, Error> {
        if numerator == 0 || denominator == 0 {
            return Err(ErrorKind::NonPositiveFactor {
                factor: Decimal::from(numerator),
            }
            .into());
        }
        let (n, d) = (Decimal::from(numerator), Decimal::from(denominator));
        self.map_outward(
            |x| exact::mul_div(x, n, d, Operation::Division),
            Some(self.currency.minor_units()),
        )
    }

    /// Applies an increasing map given as outward pairs `(low, high)` (a
    /// point when exact) to every number of the figure. Exact results keep
    /// the figure's form; otherwise lower ends take `low`, upper ends
    /// `high`, each rounded outward to `round` decimals when given, and an
    /// exact figure or an "about" whose image is not exact becomes
    /// "between" — never a single point for an inexact result.
    pub(crate) fn map_outward(
        &self,
        f: impl Fn(Decimal) -> Result<(Decimal, Decimal), Error>,
        round: Option<u32>,
    ) -> Result<Figure, Error> {
        let down = |x: Decimal| -> Result<Decimal, Error> {
            let (lo, _) = f(x)?;
            Ok(match round {
                Some(dp) => exact::round_dir(lo, dp, false),
                None => lo,
            })
        };
        let up = |x: Decimal| -> Result<Decimal, Error> {
            let (_, hi) = f(x)?;
            Ok(match round {
                Some(dp) => exact::round_dir(hi, dp, true),
                None => hi,
            })
        };
        let point = |x: Decimal| -> Result<Option<Decimal>, Error> {
            let (lo, hi) = f(x)?;
            Ok((lo == hi).then_some(lo))
        };
        let form = match self.form {
            Form::Exactly(x) => match point(x)? {
                Some(q) => Form::Exactly(q),
                None => Form::Between(down(x)?, up(x)?),
            },
            Form::Over(x) => Form::Over(down(x)?),
            Form::AtLeast(x) => Form::AtLeast(down(x)?),
            Form::UpTo(x) => Form::UpTo(up(x)?),
            Form::Between(a, b) => Form::Between(down(a)?, up(b)?),
            Form::About {
                value,
                spread,
                tolerance,
            } => match (point(value)?, point(spread)?) {
                (Some(v), Some(s)) if exact::add(v, s).is_some() && exact::add(v, -s).is_some() => {
                    let tolerance = match tolerance {
                        Tolerance::Relative(_) => tolerance,
                        Tolerance::Absolute(_) => Tolerance::Absolute(s),
                    };
                    Form::About {
                        value: v,
                        tolerance,
                        spread: s,
                    }
                }
                _ => Form::Between(
                    down(exact::checked_sub(value, spread, Operation::Subtraction)?)?,
                    up(exact::checked_add(value, spread, Operation::Addition)?)?,
                ),
            },
        };
        Ok(Figure {
            currency: self.currency,
            form,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Money;
    use rust_decimal::dec;

    fn fig(s: &str) -> Figure {
        s.parse().unwrap()
    }

    #[test]
    fn split_parts_add_up_to_the_whole() {
        for text in [
            "€100",
            "over €100",
            "up to €100",
            "between €10 and €100.01",
            "about €100",
            "-€100.005",
        ] {
            let f = fig(text);
            let parts = f.split_by(&[1u64, 1, 1], 2).unwrap();
            let mut sum = Figure::zero(Currency::EUR);
            for p in &parts {
                sum = sum.checked_add(p).unwrap();
            }
            assert_eq!((sum.lower(), sum.upper()), (f.lower(), f.upper()), "{text}");
        }
        let parts = fig("between €10 and €10.01")
            .split_by(&[1u64, 1, 1], 2)
            .unwrap();
        assert!(
            parts
                .iter()
                .all(|p| p.stated().amount() <= p.stated_upper().unwrap().amount())
        );
    }

    #[test]
    fn conversion_multiplies_then_divides() {
        let f = fig("about $110");
        let g = f.convert(Currency::EUR, dec!(1), dec!(1.1)).unwrap();
        assert_eq!(g.to_string(), "about €100");
        assert_eq!(g.currency(), Currency::EUR);
    }

    #[test]
    fn scale_ratio_rounds_outward() {
        assert_eq!(
            fig("up to €1")
                .checked_scale_ratio(1, 3)
                .unwrap()
                .to_string(),
            "up to €0.34"
        );
        assert_eq!(
            fig("about €90 ± €9")
                .checked_scale_ratio(1, 9)
                .unwrap()
                .to_string(),
            "about €10 ± €1"
        );
        assert_eq!(
            fig("about €10 ± €1")
                .checked_scale_ratio(1, 3)
                .unwrap()
                .to_string(),
            "between €3 and €3.67"
        );
        assert_eq!(fig("€3").checked_scale_ratio(4, 3).unwrap(), fig("€4"));
        assert!(fig("€3").checked_scale_ratio(0, 3).is_err());
        let m = Money::new(dec!(1), Currency::JPY);
        // Exact quotients stay exact, even below the minor unit.
        assert_eq!(
            Figure::exactly(m)
                .checked_scale_ratio(1, 2)
                .unwrap()
                .to_string(),
            "¥0.5"
        );
        assert_eq!(
            Figure::exactly(m)
                .checked_scale_ratio(1, 3)
                .unwrap()
                .to_string(),
            "between ¥0 and ¥1"
        );
    }
}
