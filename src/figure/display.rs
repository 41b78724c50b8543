//! How figures read: like the statement, compact or in full.

use std::fmt;

use rust_decimal::Decimal;

use super::{Figure, Form, Tolerance};
use crate::Money;

impl Figure {
    /// A display with every amount in full (`about €536,674,474.50 ±
    /// €17,842,274.30`) rather than compact; reads back with `FromStr` too.
    ///
    /// ```
    /// use alliance_commitments::Figure;
    /// let f: Figure = "over €20bn".parse()?;
    /// assert_eq!(f.full().to_string(), "over €20,000,000,000.00");
    /// assert_eq!(f.full().to_string().parse::<Figure>()?, f);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn full(&self) -> Full {
        Full(*self)
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, money: impl Fn(Money) -> String) -> fmt::Result {
        let money = |x: Decimal| money(Money::new(x, self.currency));
        match self.form {
            Form::Exactly(x) => f.write_str(&money(x)),
            Form::Over(x) => write!(f, "over {}", money(x)),
            Form::AtLeast(x) => write!(f, "at least {}", money(x)),
            Form::UpTo(x) => write!(f, "up to {}", money(x)),
            Form::About {
                value, tolerance, ..
            } => {
                write!(f, "about {}", money(value))?;
                match tolerance {
                    t if t == Tolerance::DEFAULT => Ok(()),
                    Tolerance::Relative(r) => match r.checked_mul(Decimal::ONE_HUNDRED) {
                        Some(percent) => write!(f, " ± {}%", percent.normalize()),
                        // Unreachable for r in 0..1; show the fraction rather than fail.
                        None => write!(f, " ± {r}"),
                    },
                    Tolerance::Absolute(t) => write!(f, " ± {}", money(t)),
                }
            }
            Form::Between(a, b) => write!(f, "between {} and {}", money(a), money(b)),
        }
    }
}

impl fmt::Display for Figure {
    /// Reads like the statement, with amounts in compact form: `€1.5bn`,
    /// `over €20bn`, `at least €40bn`, `up to US$500m`, `about €50bn`
    /// (default tolerance) or `about €50bn ± 5%` / `about €50bn ± €2bn`,
    /// `between €1bn and €2bn`. [`FromStr`](std::str::FromStr) reads it back.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, |m| m.compact().to_string())
    }
}

/// A figure displayed with its amounts in full, from [`Figure::full`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Full(Figure);

impl fmt::Display for Full {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write(f, |m| m.to_string())
    }
}
