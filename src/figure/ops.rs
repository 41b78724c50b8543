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
    /// The parts of an exact amount.
    values: Vec<Decimal>,
}

fn overflow(operation: Operation) -> Error {
    ErrorKind::Overflow { operation }.into()
}

/// "about v" with the smallest spread that covers `lo..=hi` (lo ≤ hi; v
/// may lie outside), rounded up where a difference does not fit and given
/// at least `scale` decimals; its relative tolerance kept when it still
/// gives that spread exactly, else the spread stated as an amount. The
/// interval itself, as "between", where the symmetric form cannot hold it
/// (near the end of the range).
fn about_covering(v: Decimal, lo: Decimal, hi: Decimal, tolerance: Tolerance, scale: u32) -> Form {
    let op = Operation::Rounding;
    let spread = match (
        exact::add_outward(v, -lo, op),
        exact::add_outward(hi, -v, op),
    ) {
        (Ok((_, a)), Ok((_, b))) => {
            let mut s = a.max(b);
            if s.scale() < scale {
                s.rescale(scale);
            }
            Some(s)
        }
        _ => None,
    };
    match spread {
        Some(s) if exact::add(v, s).is_some() && exact::add(v, -s).is_some() => {
            let tolerance = match tolerance {
                Tolerance::Relative(t)
                    if exact::mul(v.abs(), t, op).is_ok_and(|(a, b)| a == b && a == s) =>
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
        _ => Form::Between(lo, hi),
    }
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
    /// that many decimals: an exact value (and one value written as a
    /// range, "between €1.005 and €1.005") rounds once, half to even; the
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
    /// // One value written as a range rounds as that value does.
    /// let one: Figure = "between €0.125 and €0.125".parse()?;
    /// assert_eq!(one.round().to_string(), "between €0.12 and €0.12");
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
            // One value written as a range is one exact value: it rounds
            // once, half to even, as "between" still.
            Form::Between(a, b) if a == b => {
                let r = crate::money::round_to_minor(a, currency);
                Form::Between(r, r)
            }
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
                // Both differences are exact (whole minor units in range).
                about_covering(v, lo, hi, tolerance, dp)
            }
        };
        Figure {
            currency: self.currency,
            form,
        }
    }

    /// With `one_value`, the figure is an exact amount known only to lie
    /// strictly between its bounds (a conversion's quotient that does not
    /// end, see [`Figure::convert`], or a total of them), rounded as that
    /// amount rounds: once, half to even, to the minor unit. Where every
    /// value strictly between the bounds rounds alike, that is one number;
    /// where a rounding tie lies strictly between them, the figure rounded
    /// outward ([`Figure::round`]), which holds the amount either way.
    /// Without `one_value`, or for a figure that is not "between", as
    /// [`Figure::round`] rounds it.
    pub(crate) fn round_within(&self, one_value: bool) -> Figure {
        use rust_decimal::RoundingStrategy::{MidpointAwayFromZero, MidpointTowardZero};
        if let (true, Form::Between(a, b)) = (one_value, self.form) {
            let dp = self.currency.minor_units();
            // What values just above `a` and just below `b` round to: a
            // bound that is itself a tie rounds toward the other.
            let toward_up = |x: Decimal| match x.is_sign_negative() {
                false => MidpointAwayFromZero,
                true => MidpointTowardZero,
            };
            let toward_down = |x: Decimal| match x.is_sign_negative() {
                false => MidpointTowardZero,
                true => MidpointAwayFromZero,
            };
            let low = a.round_dp_with_strategy(dp, toward_up(a));
            let high = b.round_dp_with_strategy(dp, toward_down(b));
            // Rounding never decreases: values between the bounds round
            // between these two.
            if low == high {
                let mut x = low;
                if x.scale() < dp {
                    x.rescale(dp);
                }
                return Figure::exactly_in(self.currency, x);
            }
        }
        self.round()
    }

    /// The figure plus an exact amount known only to lie between `lo` and
    /// `hi` (see [`Figure::round_within`]): as adding "between `lo` and
    /// `hi`", except that "about" stays "about", its spread widened to hold
    /// the sum, since the added amount is one number, not a range.
    ///
    /// # Errors
    ///
    /// As [`Figure::checked_add`].
    pub(crate) fn plus_within(&self, lo: Decimal, hi: Decimal) -> Result<Figure, Error> {
        let within = Figure::from_form(self.currency, Form::Between(lo, hi));
        let Form::About {
            value,
            tolerance,
            spread,
        } = self.form
        else {
            return self.checked_add(&within);
        };
        let op = Operation::Addition;
        // The centre need not be exact (the spread covers both ends
        // whichever way it rounds): the sum to the digits a `Decimal` holds.
        let (v, _) = exact::add_outward(value, lo, op)?;
        let (low, _) = exact::add_outward(super::about_lower(value, spread), lo, op)?;
        let (_, high) = exact::add_outward(super::about_upper(value, spread), hi, op)?;
        Ok(Figure {
            currency: self.currency,
            form: about_covering(v, low, high, tolerance, 0),
        })
    }

    /// The figure in another currency: every number × `mul` ÷ `div`
    /// (`mul`, `div` > 0), with no rounding in between. Where the quotient
    /// does not fit in a `Decimal` (it does not terminate, or has too many
    /// digits), a lower bound rounds down and an upper bound up, so the
    /// converted interval contains the exact one; an "about" widens its
    /// spread to cover both. An exact amount stays one number where the
    /// quotient ends within a `Decimal`; else it is "between" the two
    /// neighbours of the quotient at the finest scale that holds them (one
    /// unit of their last digit apart), never a point it is not.
    /// [`Figure::round_within`] rounds such an amount as its exact value
    /// rounds.
    pub(crate) fn convert(
        &self,
        to: Currency,
        mul: Decimal,
        div: Decimal,
    ) -> Result<Figure, Error> {
        let op = Operation::Conversion;
        // Times 1 ÷ 1 (EUR to EUR) is the figure itself, scale and all.
        if mul == Decimal::ONE && div == Decimal::ONE {
            return Ok(Figure {
                currency: to,
                form: self.form,
            });
        }
        let quotient = |x: Decimal| exact::mul_div(x, mul, div, op);
        let down = |x: Decimal| Ok::<Decimal, Error>(quotient(x)?.0);
        let up = |x: Decimal| Ok::<Decimal, Error>(quotient(x)?.1);
        let form = match self.form {
            Form::Exactly(x) => match quotient(x)? {
                (a, b) if a == b => Form::Exactly(a),
                (a, b) => Form::Between(a, b),
            },
            Form::Over(x) => Form::Over(down(x)?),
            Form::AtLeast(x) => Form::AtLeast(down(x)?),
            Form::UpTo(x) => Form::UpTo(up(x)?),
            Form::Between(a, b) => Form::Between(down(a)?, up(b)?),
            Form::About {
                value,
                tolerance,
                spread,
            } => {
                let lo = down(super::about_lower(value, spread))?;
                let hi = up(super::about_upper(value, spread))?;
                // Its centre needs no digits past the minor unit: the
                // spread covers both bounds whichever way it rounds.
                match exact::to_odd(quotient(value)?, 0) {
                    Some(v) => about_covering(v, lo, hi, tolerance, 0),
                    None => Form::Between(lo, hi),
                }
            }
        };
        Ok(Figure { currency: to, form })
    }

    /// Splits the figure in proportion to `weights`. An exact figure is
    /// split as [`allocate`](crate::spread::allocate) splits an amount, so
    /// its parts add up exactly to it. A qualified figure's parts are its
    /// shares ([`Figure::share`]), so each part holds its share of every
    /// amount the figure allows, and together they hold the whole (a
    /// little more, by the rounding).
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
        let SplitBuffers { allocation, values } = buffers;
        if let Form::Exactly(x) = self.form {
            allocation.split(x, weights, minor, values)?;
            for p in values.iter() {
                parts.push(Figure {
                    currency: self.currency,
                    form: Form::Exactly(*p),
                });
            }
            return Ok(());
        }
        let total = crate::spread::total_weight(weights)?;
        if let (Form::About { value, .. }, Some((_, bounds))) = (self.form, self.about_parts()) {
            // Values split as an exact amount is, so that they add up;
            // each spread covering the share of the bounds.
            allocation.split(value, weights, minor, values)?;
            for (w, v) in weights.iter().zip(values.iter()) {
                let b = bounds.share((*w).into(), total, minor)?;
                parts.push(self.about_around(*v, &b, minor));
            }
            return Ok(());
        }
        for w in weights {
            parts.push(self.share((*w).into(), total, minor)?);
        }
        Ok(())
    }

    /// An "about" split in two for spreading: its value as an exact
    /// amount, and its bounds as "between". Its parts are then made again
    /// by [`Figure::about_around`] from the value's parts (which add up to
    /// the value) and the bounds' shares, so that the parts' values add up
    /// and the parts hold the whole.
    pub(crate) fn about_parts(&self) -> Option<(Figure, Figure)> {
        let Form::About { value, spread, .. } = self.form else {
            return None;
        };
        let currency = self.currency;
        Some((
            Figure {
                currency,
                form: Form::Exactly(value),
            },
            Figure {
                currency,
                form: Form::Between(
                    super::about_lower(value, spread),
                    super::about_upper(value, spread),
                ),
            },
        ))
    }

    /// A part of this "about": `value`, with the smallest spread (in
    /// `minor` decimals) that covers `bounds`, a share of its bounds. A
    /// part of no amount (`bounds` exactly zero) is exactly zero.
    pub(crate) fn about_around(&self, value: Decimal, bounds: &Figure, minor: u32) -> Figure {
        let tolerance = match self.form {
            Form::About { tolerance, .. } => tolerance,
            _ => Tolerance::Absolute(Decimal::ZERO),
        };
        let form = match bounds.form {
            Form::Between(lo, hi) => about_covering(value, lo, hi, tolerance, minor),
            other => other,
        };
        Figure {
            currency: self.currency,
            form,
        }
    }

    /// The figure's share `num ÷ den` of every amount it allows
    /// (`num ≤ den`, `den` positive), as spreading counts it: each bound's
    /// exact share rounded outward (lower ends toward −∞, upper ends toward
    /// +∞) to `minor` decimals, which leaves a share of whole minor units
    /// as it is; the whole share is the figure itself. It depends on the
    /// share's value only, never on how the bound was written, and shares
    /// of parts of a period hold the share of the period (whole minor units
    /// rounded down add up to no more than their sum rounded down). An "about" is its value's share (rounded
    /// half to even to `minor` decimals where it does not end) with a
    /// spread that covers the share of its bounds; an exact amount is its
    /// exact share, or "between" its two neighbours where it does not end.
    /// A share of zero is exactly zero.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] for a `num` or `den` beyond what a `Decimal`
    /// holds, or a share beyond its range.
    pub(crate) fn share(&self, num: u128, den: u128, minor: u32) -> Result<Figure, Error> {
        let spreading = || overflow(Operation::Spreading);
        let currency = self.currency;
        if num == 0 {
            return Ok(Figure {
                currency,
                form: Form::Exactly(Decimal::new(0, minor)),
            });
        }
        if num == den {
            // The whole: the figure itself, no digit of it rounded away.
            return Ok(*self);
        }
        let as_decimal = |w: u128| {
            i128::try_from(w)
                .ok()
                .and_then(|w| Decimal::try_from_i128_with_scale(w, 0).ok())
                .ok_or_else(spreading)
        };
        let (w, total) = (as_decimal(num)?, as_decimal(den)?);
        let exact_share = |x: Decimal| exact::mul_div(x, w, total, Operation::Spreading);
        // Written in minor units where it can be, as exact parts are.
        let in_minor = |part: Decimal| {
            let mut written = part;
            written.rescale(minor);
            if written == part && written.scale() == minor {
                written
            } else {
                part
            }
        };
        // x × w ÷ total rounded toward +∞ (`up`) or −∞ to the minor unit:
        // itself when it is whole minor units.
        let share = |x: Decimal, up: bool| -> Result<Decimal, Error> {
            let (lo, hi) = exact_share(x)?;
            Ok(in_minor(exact::round_dir(
                if up { hi } else { lo },
                minor,
                up,
            )))
        };
        let form = match self.form {
            Form::Exactly(x) => match exact_share(x)? {
                (lo, hi) if lo == hi => Form::Exactly(in_minor(lo)),
                _ => Form::Between(share(x, false)?, share(x, true)?),
            },
            Form::Over(x) => Form::Over(share(x, false)?),
            Form::AtLeast(x) => Form::AtLeast(share(x, false)?),
            Form::UpTo(x) => Form::UpTo(share(x, true)?),
            Form::Between(a, b) => Form::Between(share(a, false)?, share(b, true)?),
            Form::About { value, spread, .. } => {
                let bounds = Form::Between(
                    share(super::about_lower(value, spread), false)?,
                    share(super::about_upper(value, spread), true)?,
                );
                let v = match exact_share(value)? {
                    (lo, hi) if lo == hi => lo,
                    (lo, _) => lo.round_dp_with_strategy(
                        minor,
                        rust_decimal::RoundingStrategy::MidpointNearestEven,
                    ),
                };
                let bounds = Figure {
                    currency,
                    form: bounds,
                };
                self.about_around(in_minor(v), &bounds, minor).form
            }
        };
        check_about_bounds(form, Operation::Spreading)?;
        Ok(Figure { currency, form })
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
        for text in ["€100", "-€100.005", "€0.07"] {
            let f = fig(text);
            let parts = f.split_by(&[1u64, 1, 1], 2).unwrap();
            let mut sum = Figure::zero(Currency::EUR);
            for p in &parts {
                sum = sum.checked_add(p).unwrap();
            }
            assert_eq!(sum, f, "{text}");
        }
    }

    /// Hand-worked: each bound's share rounded outward to the cent.
    #[test]
    fn qualified_parts_hold_their_shares() {
        let shown = |text: &str, weights: &[u64]| -> Vec<String> {
            fig(text)
                .split_by(weights, 2)
                .unwrap()
                .iter()
                .map(|p| p.to_string())
                .collect()
        };
        // 2025-Q1 by months: 31, 28 and 31 of 90 days. March's share of
        // €1.00..€1.01 is €0.3444…..€0.3478…
        assert_eq!(
            shown("between €1.00 and €1.01", &[31, 28, 31]),
            [
                "between €0.34 and €0.35",
                "between €0.31 and €0.32",
                "between €0.34 and €0.35"
            ]
        );
        // €100 ÷ 3 = €33.333…: lower ends down, upper ends up.
        assert_eq!(shown("over €100", &[1, 1, 1]), ["over €33.33"; 3]);
        assert_eq!(shown("up to €100", &[1, 1, 1]), ["up to €33.34"; 3]);
        // Exact shares stay as they are; a part of weight zero is zero.
        assert_eq!(
            shown("at least €100", &[1, 0, 3]),
            ["at least €25", "€0", "at least €75"]
        );
        // "about": values split as an exact amount is (€33.34, €33.33,
        // €33.33), each spread covering its share of €90..€110
        // (€30..€36.67, rounded outward).
        assert_eq!(
            shown("about €100 ± €10", &[1, 1, 1]),
            [
                "about €33.34 ± €3.34",
                "about €33.33 ± €3.34",
                "about €33.33 ± €3.34"
            ]
        );
        // Rounded to the minor unit whatever the bound's own decimals, so
        // that how a sum was written cannot move a part.
        assert_eq!(shown("over €1.005", &[1, 1]), ["over €0.5"; 2]);
        assert_eq!(shown("up to €1.005", &[1, 1]), ["up to €0.51"; 2]);
        // The whole is the figure itself.
        assert_eq!(shown("up to €1.005", &[1]), ["up to €1.005"]);
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
