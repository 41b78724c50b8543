//! Operations on figures that keep their form: rounding, conversion,
//! splitting by weights, and scaling by a ratio of whole numbers.

use crate::error::{ErrorKind, Operation};
use rust_decimal::{Decimal, RoundingStrategy};

use super::{Figure, Form, Tolerance, check_about_bounds};
use crate::spread::allocate;
use crate::{Currency, Error};

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

    /// Each stated number rounded half to even to the currency's minor
    /// unit, with exactly that many decimals: the one rounding a total
    /// gets, when it is shown. An "about"
    /// whose rounded spread no longer matches its relative tolerance states
    /// the spread as an amount.
    ///
    /// ```
    /// use alliance_commitments::Figure;
    /// let f: Figure = "over €10.005".parse()?;
    /// assert_eq!(f.round().to_string(), "over €10");
    /// let g: Figure = "between €0.125 and €0.135".parse()?;
    /// assert_eq!(g.round().to_string(), "between €0.12 and €0.14");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn round(&self) -> Figure {
        let currency = self.currency;
        let r = |x: Decimal| crate::money::round_to_minor(x, currency);
        let form = match self.form {
            Form::Exactly(x) => Form::Exactly(r(x)),
            Form::Over(x) => Form::Over(r(x)),
            Form::AtLeast(x) => Form::AtLeast(r(x)),
            Form::UpTo(x) => Form::UpTo(r(x)),
            Form::Between(a, b) => Form::Between(r(a), r(b)),
            Form::About {
                value,
                tolerance,
                spread,
            } => {
                let (value, spread) = (r(value), r(spread));
                let tolerance = match tolerance {
                    Tolerance::Relative(t) if value.checked_mul(t) == Some(spread) => tolerance,
                    _ => Tolerance::Absolute(spread),
                };
                Form::About {
                    value,
                    tolerance,
                    spread,
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
        check_about_bounds(form, Operation::Conversion)?;
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
            (if one { Some(x) } else { x.checked_mul(mul) })
                .and_then(|y| y.checked_div(div))
                .ok_or_else(|| overflow(Operation::Conversion))
        })
    }

    /// Splits the figure in proportion to `weights` (see
    /// [`allocate`](crate::spread::allocate)): every number is split so the
    /// parts add up exactly to it; "between a and b" splits a and b − a, so
    /// each part keeps a ≤ b; "about" states each part's spread as an amount.
    pub(crate) fn split_by(&self, weights: &[u64], minor: u32) -> Result<Vec<Figure>, Error> {
        let split = |x: Decimal| allocate(x, weights, minor);
        let forms: Vec<Form> = match self.form {
            Form::Exactly(x) => split(x)?.into_iter().map(Form::Exactly).collect(),
            Form::Over(x) => split(x)?.into_iter().map(Form::Over).collect(),
            Form::AtLeast(x) => split(x)?.into_iter().map(Form::AtLeast).collect(),
            Form::UpTo(x) => split(x)?.into_iter().map(Form::UpTo).collect(),
            Form::Between(a, b) => {
                let width = b
                    .checked_sub(a)
                    .ok_or_else(|| overflow(Operation::Spreading))?;
                let lows = split(a)?;
                let widths = split(width)?;
                lows.into_iter()
                    .zip(widths)
                    .map(|(l, w)| {
                        l.checked_add(w)
                            .map(|h| Form::Between(l, h))
                            .ok_or_else(|| overflow(Operation::Spreading))
                    })
                    .collect::<Result<_, _>>()?
            }
            Form::About { value, spread, .. } => split(value)?
                .into_iter()
                .zip(split(spread)?)
                .map(|(v, s)| Form::About {
                    value: v,
                    tolerance: Tolerance::Absolute(s),
                    spread: s,
                })
                .collect(),
        };
        for form in &forms {
            check_about_bounds(*form, Operation::Spreading)?;
        }
        Ok(forms
            .into_iter()
            .map(|form| Figure {
                currency: self.currency,
                form,
            })
            .collect())
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
    pub fn checked_scale_ratio(&self, numerator: u64, denominator: u64) -> Result<Figure, Error> {
        if numerator == 0 || denominator == 0 {
            return Err(ErrorKind::NonPositiveFactor {
                factor: Decimal::from(numerator),
            }
            .into());
        }
        let (n, d) = (Decimal::from(numerator), Decimal::from(denominator));
        let dp = self.currency.minor_units();
        let exact = |x: Decimal| -> Result<Option<Decimal>, Error> {
            let y = x
                .checked_mul(n)
                .ok_or_else(|| overflow(Operation::Multiplication))?;
            let q = y
                .checked_div(d)
                .ok_or_else(|| overflow(Operation::Division))?;
            Ok((q.checked_mul(d) == Some(y)).then_some(q))
        };
        let (down, up) = (
            RoundingStrategy::ToNegativeInfinity,
            RoundingStrategy::ToPositiveInfinity,
        );
        let rounded = |x: Decimal, s: RoundingStrategy| -> Result<Decimal, Error> {
            let y = x
                .checked_mul(n)
                .ok_or_else(|| overflow(Operation::Multiplication))?;
            let q = y
                .checked_div(d)
                .ok_or_else(|| overflow(Operation::Division))?;
            // q is within half a unit of its last digit of y / d; minor units
            // are far coarser, except right at a boundary: step past it.
            let exact_q = q.checked_mul(d) == Some(y);
            let r = q.round_dp_with_strategy(dp, s);
            if exact_q || r != q {
                return Ok(r);
            }
            let unit = Decimal::new(1, dp);
            match s {
                RoundingStrategy::ToNegativeInfinity => r.checked_sub(unit),
                _ => r.checked_add(unit),
            }
            .ok_or_else(|| overflow(Operation::Division))
        };
        let form = match self.form {
            Form::Exactly(x) => match exact(x)? {
                Some(q) => Form::Exactly(q),
                None => Form::Between(rounded(x, down)?, rounded(x, up)?),
            },
            Form::Over(x) => Form::Over(rounded(x, down)?),
            Form::AtLeast(x) => Form::AtLeast(rounded(x, down)?),
            Form::UpTo(x) => Form::UpTo(rounded(x, up)?),
            Form::Between(a, b) => Form::Between(rounded(a, down)?, rounded(b, up)?),
            Form::About {
                value,
                spread,
                tolerance,
            } => match (exact(value)?, exact(spread)?) {
                (Some(v), Some(s)) => {
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
                _ => {
                    let lo = rounded(
                        value
                            .checked_sub(spread)
                            .ok_or_else(|| overflow(Operation::Subtraction))?,
                        down,
                    )?;
                    let hi = rounded(
                        value
                            .checked_add(spread)
                            .ok_or_else(|| overflow(Operation::Addition))?,
                        up,
                    )?;
                    Form::Between(lo, hi)
                }
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
            let parts = f.split_by(&[1, 1, 1], 2).unwrap();
            let mut sum = Figure::zero(Currency::EUR);
            for p in &parts {
                sum = sum.checked_add(p).unwrap();
            }
            assert_eq!((sum.lower(), sum.upper()), (f.lower(), f.upper()), "{text}");
        }
        let parts = fig("between €10 and €10.01")
            .split_by(&[1, 1, 1], 2)
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
