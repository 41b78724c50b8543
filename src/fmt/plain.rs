//! The plain figure syntax of files: numbers as written, no symbols, no
//! separators, no scale words, the currency kept apart.

use crate::error::{ErrorKind, Grammar};
use std::fmt;

use rust_decimal::Decimal;

use super::{Cursor, number};
use crate::figure::{Figure, Form, Tolerance, about_form};
use crate::{Currency, Error};

/// A plain number at the cursor ([`super::number`]), after white space.
fn number(c: &mut Cursor<'_>) -> Result<Decimal, Error> {
    c.skip_ws();
    let start = c.pos();
    let (value, n) = number::leading(c.rest().as_bytes())
        .map_err(|f| f.error(Grammar::Amount, c.input(), start))?;
    c.set_pos(start + n);
    Ok(value)
}

const QUALIFIERS: &[(&str, u8)] = &[
    ("over", 1),
    ("at least", 2),
    ("up to", 3),
    ("about", 4),
    ("between", 5),
];

impl Figure {
    /// Reads the plain figure syntax of the pledge CSV and JSON, with the
    /// currency given apart:
    ///
    /// | text | figure |
    /// |---|---|
    /// | `1500000000`, `-62000000`, `23417159.978473667` | exactly |
    /// | `over 20000000000` | over |
    /// | `at least 40000000000` | at least |
    /// | `up to 500000000` | up to |
    /// | `about 50000000000`, `about 50000000000 ± 5%`, `about 50000000000 ± 2000000000` | about (`+/-` also accepted) |
    /// | `between 1000000000 and 2000000000` | between |
    ///
    /// Numbers are plain decimals, kept exactly as written (`1.50` keeps
    /// its two decimals): no thousands separators, currency signs or scale
    /// words, which in a file are more often mistakes than intent. Only an
    /// exact figure may be negative (a correction), as for the constructors.
    ///
    /// ```
    /// use alliance_commitments::{Currency, Figure};
    /// let f = Figure::parse_plain("about 50000000000 ± 5%", Currency::EUR)?;
    /// assert_eq!(f, "about €50bn ± 5%".parse()?);
    /// assert_eq!(f.plain().to_string(), "about 50000000000 ± 5%");
    /// assert!(Figure::parse_plain("1,500", Currency::EUR).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Syntax`] for text that is not a plain figure,
    /// [`ErrorKind::AmountOutOfRange`] for an amount beyond a `Decimal`, and the
    /// constructors' errors ([`ErrorKind::NegativeBound`],
    /// [`ErrorKind::InvertedBounds`], [`ErrorKind::InvalidTolerance`]) for a figure
    /// they reject.
    pub fn parse_plain(text: &str, currency: Currency) -> Result<Figure, Error> {
        Figure::read_plain(text.as_bytes(), currency)
    }

    /// [`Figure::parse_plain`] of bytes, as files hold them.
    pub(crate) fn read_plain(b: &[u8], currency: Currency) -> Result<Figure, Error> {
        // Nearly every amount in a file is a bare number: the grammar's
        // first branch takes it whole.
        if let Ok(x) = number::whole(b) {
            return Ok(Figure::exactly_in(currency, x));
        }
        let text = std::str::from_utf8(b).map_err(|_| Error::from(ErrorKind::InvalidUtf8))?;
        let figure = parse_full(text, currency)?;
        figure.check_stated()?;
        Ok(figure)
    }
}

/// The full plain syntax (see [`Figure::parse_plain`]).
fn parse_full(text: &str, currency: Currency) -> Result<Figure, Error> {
    let mut c = Cursor::new(text, Grammar::Amount);
    c.skip_ws();
    let qualifier = c.eat_any_word(QUALIFIERS).unwrap_or(0);
    let first = number(&mut c)?;
    let form = match qualifier {
        1 => Form::Over(first),
        2 => Form::AtLeast(first),
        3 => Form::UpTo(first),
        4 => {
            c.skip_ws();
            let tolerance = if c.eat("±") || c.eat("+/-") {
                let t = number(&mut c)?;
                if c.eat("%") {
                    let r = Decimal::try_from_i128_with_scale(t.mantissa(), t.scale() + 2)
                        .map_err(|_| c.error("too many decimals in the percentage"))?;
                    Tolerance::Relative(r)
                } else {
                    Tolerance::Absolute(t)
                }
            } else {
                Tolerance::DEFAULT
            };
            about_form(first, tolerance)?
        }
        5 => {
            c.skip_ws();
            if !c.eat_word("and") {
                return Err(c.error("expected \"and\""));
            }
            let second = number(&mut c)?;
            if first > second {
                return Err(ErrorKind::InvertedBounds {
                    lower: first,
                    upper: second,
                }
                .into());
            }
            Form::Between(first, second)
        }
        _ => Form::Exactly(first),
    };
    c.expect_end()?;
    Ok(Figure::from_form(currency, form))
}

impl Figure {
    /// The figure in the plain syntax of [`Figure::parse_plain`], without
    /// the currency: what the pledge CSV and JSON write.
    pub fn plain(&self) -> Plain {
        Plain(*self)
    }

    /// Whether the figure has a negative bound that a stated figure may not
    /// have: true for a qualified figure (not "exactly") whose lower bound
    /// is below zero.
    pub fn has_negative_bound(&self) -> bool {
        self.check_stated().is_err()
    }

    /// Checks that the figure could have been stated: an exact figure may
    /// be negative (a correction), a qualified one may not have a negative
    /// bound ([`ErrorKind::NegativeBound`]). The one rule that every
    /// constructor, parser and [`Pledge`](crate::Pledge) applies.
    pub(crate) fn check_stated(&self) -> Result<(), Error> {
        if let Form::Exactly(_) = self.form() {
            return Ok(());
        }
        let lower = match self.lower() {
            std::ops::Bound::Included(l) | std::ops::Bound::Excluded(l) => l,
            std::ops::Bound::Unbounded => Decimal::MIN,
        };
        if lower.is_sign_negative() && !lower.is_zero() {
            Err(ErrorKind::NegativeBound {
                qualifier: self.qualifier(),
                value: lower,
            }
            .into())
        } else {
            Ok(())
        }
    }
}

/// A figure in the plain file syntax, from [`Figure::plain`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Plain(Figure);

impl fmt::Display for Plain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.form() {
            Form::Exactly(x) => write!(f, "{x}"),
            Form::Over(x) => write!(f, "over {x}"),
            Form::AtLeast(x) => write!(f, "at least {x}"),
            Form::UpTo(x) => write!(f, "up to {x}"),
            Form::Between(a, b) => write!(f, "between {a} and {b}"),
            Form::About {
                value, tolerance, ..
            } => {
                write!(f, "about {value}")?;
                match tolerance {
                    t if t == Tolerance::DEFAULT => Ok(()),
                    Tolerance::Relative(r) => {
                        // A change of scale: exact, keeping the digits.
                        let percent = if r.scale() >= 2 {
                            Decimal::from_i128_with_scale(r.mantissa(), r.scale() - 2)
                        } else {
                            r * Decimal::ONE_HUNDRED
                        };
                        write!(f, " ± {percent}%")
                    }
                    Tolerance::Absolute(t) => write!(f, " ± {t}"),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_round_trips_keep_scale() {
        for text in [
            "1.50",
            "-62000000",
            "23417159.978473667",
            "over 20000000000",
            "at least 40000000000.00",
            "up to 500000000",
            "about 50000000000",
            "about 50000000000 ± 5%",
            "about 50000000000 ± 2.5%",
            "about 50000000000 ± 2000000000",
            "between 1000000000 and 2000000000",
            "-0.00",
        ] {
            let f = Figure::parse_plain(text, Currency::EUR).unwrap();
            assert_eq!(f.plain().to_string(), text);
        }
    }

    #[test]
    fn plain_syntax_is_strict() {
        let err = |t: &str| Figure::parse_plain(t, Currency::EUR).unwrap_err();
        assert!(matches!(
            err("1,500").kind(),
            ErrorKind::Syntax { offset: 1, .. }
        ));
        assert!(matches!(
            err("€5").kind(),
            ErrorKind::Syntax { offset: 0, .. }
        ));
        assert!(matches!(
            err("5bn").kind(),
            ErrorKind::Syntax { offset: 1, .. }
        ));
        assert!(matches!(
            err("5.").kind(),
            ErrorKind::Syntax { offset: 2, .. }
        ));
        assert!(matches!(
            err("between 5 and 3").kind(),
            ErrorKind::InvertedBounds { .. }
        ));
        assert!(matches!(
            err("about 5 ± 200%").kind(),
            ErrorKind::InvalidTolerance { .. }
        ));
        assert!(matches!(
            err("99999999999999999999999999999999").kind(),
            ErrorKind::AmountOutOfRange { .. }
        ));
        assert!(matches!(err("").kind(), ErrorKind::Syntax { .. }));
        // One rule for every way to state a figure: only an exact one
        // may be negative.
        for t in ["over -5", "between -3 and 2", "about -1", "at least -0.5"] {
            assert!(
                matches!(err(t).kind(), ErrorKind::NegativeBound { .. }),
                "{t}"
            );
        }
        assert!(
            !Figure::parse_plain("-5", Currency::EUR)
                .unwrap()
                .has_negative_bound()
        );
    }
}
