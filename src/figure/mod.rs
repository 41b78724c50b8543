//! Amounts as they were stated: exactly, over, at least, up to, about,
//! between.

use crate::error::{ErrorKind, Operation};
pub(crate) mod display;
mod ops;
mod sum;

/// The interval a figure stands for, re-exported beside [`Figure`].
pub use crate::interval::Interval;

pub(crate) use ops::SplitBuffers;
pub(crate) use sum::{ConvertedSum, FigureSum};

use std::fmt;
use std::ops::Bound;

use rust_decimal::Decimal;

use crate::{Currency, Error, Money, exact};

/// How a figure was qualified when it was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Qualifier {
    /// "€1.5bn": the interval [x, x].
    Exactly,
    /// "over €20bn", "more than ...": (x, ∞).
    Over,
    /// "at least €40bn", "a minimum of ...": [x, ∞).
    AtLeast,
    /// "up to $500m": [0, x].
    UpTo,
    /// "about €50bn": [x − t, x + t] for a [`Tolerance`] t.
    About,
    /// "between €1bn and €2bn": [a, b].
    Between,
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Qualifier::Exactly => "exactly",
            Qualifier::Over => "over",
            Qualifier::AtLeast => "at least",
            Qualifier::UpTo => "up to",
            Qualifier::About => "about",
            Qualifier::Between => "between",
        })
    }
}

/// How far "about x" may be from x.
///
/// ```
/// use alliance_commitments::{Figure, Tolerance};
/// use rust_decimal::dec;
///
/// assert_eq!(Tolerance::DEFAULT, Tolerance::Relative(dec!(0.10)));
/// let about: Figure = "about €50bn".parse()?;
/// assert_eq!(about.tolerance(), Some(Tolerance::DEFAULT));
/// let narrow: Figure = "about €50bn ± 2%".parse()?;
/// assert_eq!(narrow.tolerance(), Some(Tolerance::Relative(dec!(0.02))));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tolerance {
    /// A fraction of the stated value: `0.1` is ±10%. At least 0 and
    /// below 1 (100%, which would reach down to zero, is refused).
    Relative(Decimal),
    /// An amount in the figure's currency, at least zero.
    Absolute(Decimal),
}

impl Tolerance {
    /// The tolerance assumed when "about" is stated without one: ±10% of the
    /// stated value. Wide enough for the rounding in "about €50bn" (which
    /// covers €45bn to €55bn), narrow enough that such a figure still
    /// compares with most others.
    pub const DEFAULT: Tolerance = Tolerance::Relative(Decimal::from_parts(10, 0, 0, false, 2));
}

/// The statement's shape and numbers. Private: constructors keep bounds
/// non-negative for stated figures and ordered for "between".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Form {
    Exactly(Decimal),
    Over(Decimal),
    AtLeast(Decimal),
    UpTo(Decimal),
    // `spread` is the tolerance in money, computed once at construction.
    About {
        value: Decimal,
        tolerance: Tolerance,
        spread: Decimal,
    },
    Between(Decimal, Decimal),
}

/// An amount as it was stated, with the interval it stands for.
///
/// "Over €20bn" is not €20bn: it is the interval (20bn, ∞), and this type
/// keeps it so. Each figure has a [`Qualifier`], the stated value(s), and a
/// lower and an upper [`Bound`]:
///
/// | stated | interval |
/// |---|---|
/// | exactly x | [x, x] |
/// | over x | (x, ∞) |
/// | at least x | [x, ∞) |
/// | up to x | [0, x] |
/// | about x | [x − t, x + t] (t from a [`Tolerance`], by default 10% of x) |
/// | between a and b | [a, b] |
///
/// Figures add (bounds add; an absent upper bound stays absent) and scale
/// by positive exact factors, and [`Figure::compare`] answers only what the
/// intervals prove. Exact figures may be negative (a correction of −€62m);
/// a stated figure with a qualifier may not.
///
/// ```
/// use alliance_commitments::{Comparison, Figure};
///
/// let q1_2025: Figure = "over €20bn".parse()?;
/// let y2024: Figure = "about €50bn".parse()?;
/// assert_eq!(q1_2025.compare(&y2024)?, Comparison::CannotTell);
///
/// let sum = q1_2025.checked_add(&"€1.5bn".parse()?)?;
/// assert_eq!(sum.to_string(), "over €21.5bn");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Figure {
    currency: Currency,
    form: Form,
}

/// The outcome of comparing two figures: only what the intervals prove.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Comparison {
    /// Every value in the first interval is below every value in the second.
    Less,
    /// Every value in the first interval is above every value in the second.
    Greater,
    /// Both figures are one and the same exact value.
    Equal,
    /// The intervals overlap: either order is possible.
    CannotTell,
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Comparison::Less => "definitely less",
            Comparison::Greater => "definitely greater",
            Comparison::Equal => "equal",
            Comparison::CannotTell => "cannot tell",
        })
    }
}

fn non_negative(qualifier: Qualifier, value: Decimal) -> Result<Decimal, Error> {
    if value.is_sign_negative() && !value.is_zero() {
        Err(ErrorKind::NegativeBound { qualifier, value }.into())
    } else {
        Ok(value)
    }
}

fn overflow(operation: Operation) -> Error {
    ErrorKind::Overflow { operation }.into()
}

impl Figure {
    /// A figure from its parts, for the parsers in [`crate::fmt`], which
    /// check what they read as the constructors do.
    pub(crate) fn from_form(currency: Currency, form: Form) -> Figure {
        Figure { currency, form }
    }

    /// The stated form, for the writers in [`crate::fmt`].
    pub(crate) fn form(&self) -> Form {
        self.form
    }
}

impl Figure {
    /// An exact amount. Negative amounts are allowed: they are corrections.
    pub const fn exactly(money: Money) -> Figure {
        Figure {
            currency: money.currency(),
            form: Form::Exactly(money.amount()),
        }
    }

    /// "Over x": more than x, no upper limit. `x` must not be negative.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NegativeBound`] if `x` is negative.
    pub fn over(money: Money) -> Result<Figure, Error> {
        let x = non_negative(Qualifier::Over, money.amount())?;
        Ok(Figure {
            currency: money.currency(),
            form: Form::Over(x),
        })
    }

    /// "At least x". `x` must not be negative.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NegativeBound`] if `x` is negative.
    pub fn at_least(money: Money) -> Result<Figure, Error> {
        let x = non_negative(Qualifier::AtLeast, money.amount())?;
        Ok(Figure {
            currency: money.currency(),
            form: Form::AtLeast(x),
        })
    }

    /// "Up to x": from zero to x. `x` must not be negative.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NegativeBound`] if `x` is negative.
    pub fn up_to(money: Money) -> Result<Figure, Error> {
        let x = non_negative(Qualifier::UpTo, money.amount())?;
        Ok(Figure {
            currency: money.currency(),
            form: Form::UpTo(x),
        })
    }

    /// "About x" with the [default tolerance](Tolerance::DEFAULT) of ±10%.
    ///
    /// # Errors
    ///
    /// As [`Figure::about_within`].
    pub fn about(money: Money) -> Result<Figure, Error> {
        Figure::about_within(money, Tolerance::DEFAULT)
    }

    /// "About x" within a stated tolerance. The lower bound x − t must not
    /// be negative; a relative tolerance must lie in `0..1` (below 100%).
    ///
    /// ```
    /// use alliance_commitments::{Figure, Money, Tolerance};
    /// use rust_decimal::dec;
    /// use std::ops::Bound;
    ///
    /// let f = Figure::about_within("€50bn".parse()?, Tolerance::Absolute(dec!(2_000_000_000)))?;
    /// assert_eq!(f.lower(), Bound::Included(dec!(48_000_000_000)));
    /// assert_eq!(f.to_string(), "about €50bn ± €2bn");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidTolerance`] for a negative tolerance or a relative one
    /// of 100% or more; [`ErrorKind::NegativeBound`] if x or x − t is negative;
    /// [`ErrorKind::Overflow`] if the spread or a bound is beyond what a `Decimal`
    /// holds exactly.
    pub fn about_within(money: Money, tolerance: Tolerance) -> Result<Figure, Error> {
        let value = non_negative(Qualifier::About, money.amount())?;
        let form = about_form(value, tolerance)?;
        if let Form::About { spread, .. } = form {
            non_negative(Qualifier::About, about_lower(value, spread))?;
        }
        Ok(Figure {
            currency: money.currency(),
            form,
        })
    }

    /// "Between a and b". Both must be in one currency, not negative, and
    /// `a <= b`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::CurrencyMismatch`] for two currencies,
    /// [`ErrorKind::NegativeBound`] for a negative bound, and
    /// [`ErrorKind::InvertedBounds`] if `a > b`.
    pub fn between(low: Money, high: Money) -> Result<Figure, Error> {
        if low.currency() != high.currency() {
            return Err(ErrorKind::CurrencyMismatch {
                left: low.currency(),
                right: high.currency(),
            }
            .into());
        }
        let a = non_negative(Qualifier::Between, low.amount())?;
        let b = non_negative(Qualifier::Between, high.amount())?;
        if a > b {
            return Err(ErrorKind::InvertedBounds { lower: a, upper: b }.into());
        }
        Ok(Figure {
            currency: low.currency(),
            form: Form::Between(a, b),
        })
    }

    /// The currency.
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// The qualifier as stated.
    pub const fn qualifier(&self) -> Qualifier {
        match self.form {
            Form::Exactly(_) => Qualifier::Exactly,
            Form::Over(_) => Qualifier::Over,
            Form::AtLeast(_) => Qualifier::AtLeast,
            Form::UpTo(_) => Qualifier::UpTo,
            Form::About { .. } => Qualifier::About,
            Form::Between(..) => Qualifier::Between,
        }
    }

    /// The stated value: x in "over x", "about x" and so on; for "between a
    /// and b", a (see [`Figure::stated_upper`]).
    pub fn stated(&self) -> Money {
        let value = match self.form {
            Form::Exactly(x) | Form::Over(x) | Form::AtLeast(x) | Form::UpTo(x) => x,
            Form::About { value, .. } => value,
            Form::Between(a, _) => a,
        };
        Money::new(value, self.currency)
    }

    /// The second stated value of "between a and b"; `None` for other forms.
    pub fn stated_upper(&self) -> Option<Money> {
        match self.form {
            Form::Between(_, b) => Some(Money::new(b, self.currency)),
            _ => None,
        }
    }

    /// The tolerance of an "about" figure; `None` for other forms.
    pub fn tolerance(&self) -> Option<Tolerance> {
        match self.form {
            Form::About { tolerance, .. } => Some(tolerance),
            _ => None,
        }
    }

    /// The amount of an exact figure; `None` for a qualified one.
    ///
    /// ```
    /// use alliance_commitments::{Figure, Money};
    /// let f: Figure = "€1.5bn".parse()?;
    /// assert_eq!(f.exact_amount(), Some("€1.5bn".parse::<Money>()?));
    /// assert_eq!("over €1bn".parse::<Figure>()?.exact_amount(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn exact_amount(&self) -> Option<Money> {
        match self.form {
            Form::Exactly(x) => Some(Money::new(x, self.currency)),
            Form::Between(a, b) if a == b => Some(Money::new(a, self.currency)),
            Form::About { value, spread, .. } if spread.is_zero() => {
                Some(Money::new(value, self.currency))
            }
            _ => None,
        }
    }

    /// The sum of figures in `currency`, exact and independent of their
    /// order (zero for none): the way totals add.
    ///
    /// ```
    /// use alliance_commitments::{Currency, Figure};
    /// let figures: Vec<Figure> = ["over €1bn", "€500m", "about €2bn"]
    ///     .iter()
    ///     .map(|s| s.parse())
    ///     .collect::<Result<_, _>>()?;
    /// let sum = Figure::checked_sum(Currency::EUR, &figures)?;
    /// assert_eq!(sum.to_string(), "over €3.3bn");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A figure in another currency ([`ErrorKind::CurrencyMismatch`]), or a
    /// sum beyond what a decimal holds ([`ErrorKind::Overflow`]).
    pub fn checked_sum<'a, I>(currency: Currency, figures: I) -> Result<Figure, Error>
    where
        I: IntoIterator<Item = &'a Figure>,
    {
        let mut sum = FigureSum::new(currency);
        for f in figures {
            if f.currency() != currency {
                return Err(ErrorKind::CurrencyMismatch {
                    left: currency,
                    right: f.currency(),
                }
                .into());
            }
            sum.add(f)?;
        }
        sum.figure()
    }

    /// The ends of an exact figure or a "between" (the same number twice
    /// for an exact one); `None` for any other.
    pub(crate) fn bounds_of_range(&self) -> Option<(Decimal, Decimal)> {
        match self.form {
            Form::Exactly(x) => Some((x, x)),
            Form::Between(a, b) => Some((a, b)),
            _ => None,
        }
    }

    /// `a` exactly when `b` is the same number, else "between" `a` and `b`
    /// (a ≤ b).
    pub(crate) fn within(currency: Currency, a: Decimal, b: Decimal) -> Figure {
        let form = if a == b {
            Form::Exactly(a)
        } else {
            Form::Between(a, b)
        };
        Figure { currency, form }
    }

    /// Whether the figure is one exact value.
    pub fn is_exact(&self) -> bool {
        matches!(self.form, Form::Exactly(_))
            || matches!(self.form, Form::Between(a, b) if a == b)
            || matches!(self.form, Form::About { spread, .. } if spread.is_zero())
    }

    /// The lower bound of the interval (never `Unbounded` for the forms this
    /// crate builds; the type leaves room for it).
    pub fn lower(&self) -> Bound<Decimal> {
        match self.form {
            Form::Exactly(x) | Form::AtLeast(x) => Bound::Included(x),
            Form::Over(x) => Bound::Excluded(x),
            Form::UpTo(_) => Bound::Included(Decimal::ZERO),
            Form::About { value, spread, .. } => Bound::Included(about_lower(value, spread)),
            Form::Between(a, _) => Bound::Included(a),
        }
    }

    /// The upper bound of the interval: `Unbounded` for "over" and "at least".
    pub fn upper(&self) -> Bound<Decimal> {
        match self.form {
            Form::Exactly(x) | Form::UpTo(x) => Bound::Included(x),
            Form::Over(_) | Form::AtLeast(_) => Bound::Unbounded,
            Form::About { value, spread, .. } => Bound::Included(about_upper(value, spread)),
            Form::Between(_, b) => Bound::Included(b),
        }
    }

    /// The interval in mathematical notation, amounts in compact form:
    /// `(€20bn, ∞)`, `[€45bn, €55bn]`.
    ///
    /// ```
    /// use alliance_commitments::Figure;
    /// let f: Figure = "about €50bn".parse()?;
    /// assert_eq!(f.interval().to_string(), "[€45bn, €55bn]");
    /// let g: Figure = "over €20bn".parse()?;
    /// assert_eq!(g.interval().to_string(), "(€20bn, ∞)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn interval(&self) -> Interval {
        // A figure's lower bound never exceeds its upper one.
        Interval::from_figure(self.lower(), self.upper(), self.currency)
    }

    /// Whether an amount lies inside the figure's interval (false for
    /// another currency).
    ///
    /// ```
    /// use alliance_commitments::{Figure, Money};
    /// let over: Figure = "over €20bn".parse()?;
    /// assert!(!over.contains(&"€20bn".parse()?));
    /// assert!(over.contains(&"€20,000,000,000.01".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains(&self, money: &Money) -> bool {
        if money.currency() != self.currency {
            return false;
        }
        let x = money.amount();
        let above = match self.lower() {
            Bound::Included(l) => x >= l,
            Bound::Excluded(l) => x > l,
            Bound::Unbounded => true,
        };
        let below = match self.upper() {
            Bound::Included(u) => x <= u,
            Bound::Excluded(u) => x < u,
            Bound::Unbounded => true,
        };
        above && below
    }

    /// The sum of two figures in one currency.
    ///
    /// Bounds add, an absent upper bound stays absent, and a lower bound is
    /// open if either is. The result's qualifier follows from its interval:
    /// exact + exact is exact; "about" + "about" (or exact) is "about" with
    /// the tolerances added as an amount; "up to" + "up to" is "up to";
    /// anything with "over" is "over"; with "at least", "at least"; other
    /// bounded sums are "between". Sums may have negative bounds when a
    /// correction is added.
    ///
    /// ```
    /// use alliance_commitments::Figure;
    /// let a: Figure = "about €50bn".parse()?;
    /// let b: Figure = "about €10bn".parse()?;
    /// assert_eq!(a.checked_add(&b)?.to_string(), "about €60bn ± €6bn");
    /// let c: Figure = "up to €2bn".parse()?;
    /// assert_eq!(c.checked_add(&"€1bn".parse()?)?.to_string(), "between €1bn and €3bn");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::CurrencyMismatch`] for figures in two currencies;
    /// [`ErrorKind::Overflow`] when a bound of the sum is beyond what a `Decimal`
    /// holds.
    pub fn checked_add(&self, other: &Figure) -> Result<Figure, Error> {
        if self.currency != other.currency {
            return Err(ErrorKind::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            }
            .into());
        }
        // An exact zero adds nothing, not even a change of form: a running
        // total that starts at zero keeps "up to" as "up to".
        if matches!(self.form, Form::Exactly(z) if z.is_zero()) {
            return Ok(*other);
        }
        if matches!(other.form, Form::Exactly(z) if z.is_zero()) {
            return Ok(*self);
        }
        // Exact values add exactly or not at all; bounds of an interval may
        // round outward (lower ends down, upper ends up) when the exact sum
        // has more digits than a `Decimal` holds.
        let add = |a: Decimal, b: Decimal| exact::checked_add(a, b, Operation::Addition);
        let low =
            |a: Decimal, b: Decimal| exact::add_outward(a, b, Operation::Addition).map(|p| p.0);
        let high =
            |a: Decimal, b: Decimal| exact::add_outward(a, b, Operation::Addition).map(|p| p.1);
        let about = |v: Decimal, s: Decimal| -> Result<Form, Error> {
            let form = Form::About {
                value: v,
                tolerance: Tolerance::Absolute(s),
                spread: s,
            };
            Ok(if check_about_bounds(form, Operation::Addition).is_ok() {
                form
            } else {
                Form::Between(
                    exact::add_outward(v, -s, Operation::Addition)?.0,
                    exact::add_outward(v, s, Operation::Addition)?.1,
                )
            })
        };
        let form = match (self.form, other.form) {
            // An exact sum with more digits than a `Decimal` holds is not a
            // point: it lies between the nearest decimals.
            (Form::Exactly(a), Form::Exactly(b)) => {
                match exact::add_outward(a, b, Operation::Addition)? {
                    (lo, hi) if lo == hi => Form::Exactly(lo),
                    (lo, hi) => Form::Between(lo, hi),
                }
            }
            (Form::UpTo(a), Form::UpTo(b)) => Form::UpTo(high(a, b)?),
            // A relative tolerance of the old value is not one of the new:
            // the sum states its spread as an amount. When the value's sum
            // is not exact, the sum is the interval of the bounds.
            (
                Form::About {
                    value: v,
                    spread: s,
                    ..
                },
                Form::Exactly(x),
            )
            | (
                Form::Exactly(x),
                Form::About {
                    value: v,
                    spread: s,
                    ..
                },
            ) if exact::add(v, x).is_some() => about(add(v, x)?, s)?,
            (
                Form::About {
                    value: v1,
                    spread: s1,
                    ..
                },
                Form::About {
                    value: v2,
                    spread: s2,
                    ..
                },
            ) if exact::add(v1, v2).is_some() && exact::add(s1, s2).is_some() => {
                about(add(v1, v2)?, add(s1, s2)?)?
            }
            _ => {
                let lower_open = matches!(self.lower(), Bound::Excluded(_))
                    || matches!(other.lower(), Bound::Excluded(_));
                let lo = low(bound_value(self.lower()), bound_value(other.lower()))?;
                match (self.upper(), other.upper()) {
                    (Bound::Included(u1), Bound::Included(u2)) => {
                        // Only "over" has an open lower bound, and it has no
                        // upper bound: a bounded sum is closed on both sides.
                        Form::Between(lo, high(u1, u2)?)
                    }
                    _ if lower_open => Form::Over(lo),
                    _ => Form::AtLeast(lo),
                }
            }
        };
        check_about_bounds(form, Operation::Addition)?;
        Ok(Figure {
            currency: self.currency,
            form,
        })
    }

    /// The figure times a positive exact factor: both bounds scale, the
    /// qualifier stays (a relative tolerance stays relative). Zero or
    /// negative factors are an error: they would flip or collapse the
    /// interval.
    ///
    /// ```
    /// use alliance_commitments::Figure;
    /// use rust_decimal::dec;
    /// let baseline: Figure = "at least €40bn".parse()?;
    /// assert_eq!(baseline.checked_scale(dec!(0.5))?.to_string(), "at least €20bn");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NonPositiveFactor`] for a factor that is zero or negative;
    /// [`ErrorKind::Overflow`] when a scaled bound is beyond what a `Decimal`
    /// holds.
    pub fn checked_scale(&self, factor: Decimal) -> Result<Figure, Error> {
        if factor <= Decimal::ZERO {
            return Err(ErrorKind::NonPositiveFactor { factor }.into());
        }
        // A relative tolerance stays relative: the map keeps "about" when
        // both its value and its spread scale exactly.
        let scaled =
            self.map_outward(|x| exact::mul(x, factor, Operation::Multiplication), None)?;
        check_about_bounds(scaled.form, Operation::Multiplication)?;
        Ok(scaled)
    }

    /// Compares two figures in one currency, answering only what the
    /// intervals prove: [`Comparison::Less`] or [`Comparison::Greater`] when
    /// they do not overlap, [`Comparison::Equal`] when both are the same
    /// exact value, [`Comparison::CannotTell`] otherwise. Never a guess.
    ///
    /// ```
    /// use alliance_commitments::{Comparison, Figure};
    /// let so_far: Figure = "over €20bn".parse()?;
    /// let half_baseline: Figure = "€20bn".parse()?;
    /// assert_eq!(so_far.compare(&half_baseline)?, Comparison::Greater);
    /// assert_eq!(half_baseline.compare(&so_far)?, Comparison::Less);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::CurrencyMismatch`] for figures in two currencies.
    pub fn compare(&self, other: &Figure) -> Result<Comparison, Error> {
        if self.currency != other.currency {
            return Err(ErrorKind::CurrencyMismatch {
                left: self.currency,
                right: other.currency,
            }
            .into());
        }
        Ok(self.interval().compare(&other.interval()))
    }
}

/// "about x ± t": checks the tolerance (relative in 0..1, absolute not
/// negative) and that both bounds are in range, but not their sign.
pub(crate) fn about_form(value: Decimal, tolerance: Tolerance) -> Result<Form, Error> {
    let spread = match tolerance {
        Tolerance::Relative(r) => {
            if r.is_sign_negative() && !r.is_zero() || r >= Decimal::ONE {
                return Err(ErrorKind::InvalidTolerance { tolerance: r }.into());
            }
            // The spread must be the exact product: a rounded one could
            // leave out values the tolerance allows.
            match exact::mul(value.abs(), r, Operation::Multiplication)? {
                (lo, hi) if lo == hi => lo,
                _ => return Err(overflow(Operation::Multiplication)),
            }
        }
        Tolerance::Absolute(t) => {
            if t.is_sign_negative() && !t.is_zero() {
                return Err(ErrorKind::InvalidTolerance { tolerance: t }.into());
            }
            t
        }
    };
    let form = Form::About {
        value,
        tolerance,
        spread,
    };
    check_about_bounds(form, Operation::Multiplication)?;
    Ok(form)
}

/// `lower()` and `upper()` compute x ± t unchecked: every constructor and
/// operation makes sure first that both are in range.
fn check_about_bounds(form: Form, operation: Operation) -> Result<(), Error> {
    if let Form::About { value, spread, .. } = form {
        exact::checked_add(value, spread, operation)?;
        exact::checked_sub(value, spread, operation)?;
    }
    Ok(())
}

/// x − t of "about x ± t", which every constructor checked to be exact.
fn about_lower(value: Decimal, spread: Decimal) -> Decimal {
    exact::checked_sub(value, spread, Operation::Subtraction).unwrap_or(value - spread)
}

/// x + t of "about x ± t", which every constructor checked to be exact.
fn about_upper(value: Decimal, spread: Decimal) -> Decimal {
    exact::checked_add(value, spread, Operation::Addition).unwrap_or(value + spread)
}

fn bound_value(bound: Bound<Decimal>) -> Decimal {
    match bound {
        Bound::Included(x) | Bound::Excluded(x) => x,
        Bound::Unbounded => Decimal::ZERO,
    }
}

#[cfg(test)]
mod tests;

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use serde::de::{self, Deserializer};
    use serde::ser::Serializer;
    use serde::{Deserialize, Serialize};

    use crate::{Currency, Figure};

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct FigureRepr {
        amount: String,
        currency: Currency,
    }

    impl Serialize for Figure {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            FigureRepr {
                amount: self.plain().to_string(),
                currency: self.currency(),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Figure {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = FigureRepr::deserialize(d)?;
            Figure::parse_plain(&r.amount, r.currency).map_err(de::Error::custom)
        }
    }
}
