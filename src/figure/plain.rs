//! The plain figure syntax of files: numbers as written, no symbols, no
//! separators, no scale words, the currency kept apart.

use crate::error::{ErrorKind, Grammar};
use std::fmt;

use rust_decimal::Decimal;

use super::{Figure, Form, Tolerance, about_form};
use crate::text::Cursor;
use crate::{Currency, Error};

/// `-?digits(.digits)?`, exactly as written (scale kept).
fn number(c: &mut Cursor<'_>) -> Result<Decimal, Error> {
    c.skip_ws();
    let start = c.pos();
    let rest = c.rest().as_bytes();
    let mut i = usize::from(rest.first() == Some(&b'-'));
    let digits_start = i;
    while rest.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    if i == digits_start {
        return Err(
            c.error("expected a plain number like 1234.56 (no separators, symbols or words)")
        );
    }
    if rest.get(i) == Some(&b'.') {
        let frac = i + 1;
        i = frac;
        while rest.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == frac {
            return Err(c.error_at(start + frac, "expected digits after the decimal point"));
        }
    }
    let text = &c.rest()[..i];
    let value = Decimal::from_str_exact(text).map_err(|_| ErrorKind::AmountOutOfRange {
        text: text.to_owned(),
    })?;
    c.set_pos(start + i);
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
    /// words, which in a file are more often mistakes than intent. Negative
    /// bounds are read (totals can have them); a [`Pledge`](crate::Pledge)
    /// refuses them unless its figure is exact.
    ///
    /// ```
    /// use alliance_commitments::{Currency, Figure};
    /// let f = Figure::parse_plain("about 50000000000 ± 5%", Currency::EUR)?;
    /// assert_eq!(f, "about €50bn ± 5%".parse()?);
    /// assert_eq!(f.plain().to_string(), "about 50000000000 ± 5%");
    /// assert!(Figure::parse_plain("1,500", Currency::EUR).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_plain(text: &str, currency: Currency) -> Result<Figure, Error> {
        if let Some(x) = plain_exact(text.as_bytes()) {
            return Ok(Figure::exactly_in(currency, x));
        }
        parse_full(text, currency)
    }
}

/// The common case of the plain syntax read directly: `-?digits(.digits)?`
/// with at most 18 digits in all, not a negative zero. `None` for anything
/// else, which the full parser then reads (or explains). Reading amounts
/// was a tenth of the time of totals over a file of a million pledges.
pub(crate) fn plain_exact(b: &[u8]) -> Option<Decimal> {
    let (negative, digits) = match b {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, b),
    };
    if digits.is_empty() || digits.len() > 19 {
        return None;
    }
    let mut mantissa: i64 = 0;
    let mut scale = None;
    let mut count = 0;
    for (i, &d) in digits.iter().enumerate() {
        if d.is_ascii_digit() {
            // At most 18 digits: the mantissa stays below 10^18.
            if count == 18 {
                return None;
            }
            mantissa = mantissa * 10 + i64::from(d - b'0');
            count += 1;
        } else if d == b'.' && scale.is_none() && i > 0 && i + 1 < digits.len() {
            scale = Some(digits.len() - i - 1);
        } else {
            return None;
        }
    }
    if negative && mantissa == 0 {
        return None;
    }
    let scale = u32::try_from(scale.unwrap_or(0)).ok()?;
    Some(Decimal::new(
        if negative { -mantissa } else { mantissa },
        scale,
    ))
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
                }.into());
            }
            Form::Between(first, second)
        }
        _ => Form::Exactly(first),
    };
    c.expect_end()?;
    Ok(Figure { currency, form })
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
    /// bound ([`ErrorKind::NegativeBound`]).
    pub fn check_stated(&self) -> Result<(), Error> {
        if let Form::Exactly(_) = self.form {
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
            }.into())
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
        match self.0.form {
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
            "between -3 and 2",
        ] {
            let f = Figure::parse_plain(text, Currency::EUR).unwrap();
            assert_eq!(f.plain().to_string(), text);
        }
    }

    #[test]
    fn plain_syntax_is_strict() {
        let err = |t: &str| Figure::parse_plain(t, Currency::EUR).unwrap_err();
        assert!(matches!(err("1,500").kind(), ErrorKind::Syntax { offset: 1, .. }));
        assert!(matches!(err("€5").kind(), ErrorKind::Syntax { offset: 0, .. }));
        assert!(matches!(err("5bn").kind(), ErrorKind::Syntax { offset: 1, .. }));
        assert!(matches!(err("5.").kind(), ErrorKind::Syntax { offset: 2, .. }));
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
        assert!(
            Figure::parse_plain("over -5", Currency::EUR)
                .unwrap()
                .has_negative_bound()
        );
        assert!(
            !Figure::parse_plain("-5", Currency::EUR)
                .unwrap()
                .has_negative_bound()
        );
    }
}

#[cfg(test)]
mod shortcut_tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_shortcut_leaves_the_unusual_to_the_full_parser() {
        for s in [
            "-0",
            "-0.00",
            "1.",
            ".5",
            "1.2.3",
            "+5",
            " 5",
            "1234567890123456789",
            // Past i64 at the nineteenth digit: must not overflow.
            "9999999999999999999",
            "-9999999999999999999",
            "99999999999999999.99",
            "",
            "-",
        ] {
            assert_eq!(plain_exact(s.as_bytes()), None, "{s}");
        }
        let x = plain_exact(b"-0012.50").unwrap();
        assert_eq!((x.mantissa(), x.scale()), (-1250, 2));
    }

    proptest! {
        // Whatever the shortcut reads, the full parser reads to the same
        // number with the same scale (and sign of zero).
        #[test]
        fn the_shortcut_agrees_with_the_full_parser(s in "-?[0-9]{1,12}(\\.[0-9]{0,9})?|-?[0-9]{17,20}(\\.[0-9])?|[-0-9.]{0,21}") {
            if let Some(x) = plain_exact(s.as_bytes()) {
                let full = parse_full(&s, Currency::EUR).unwrap();
                let y = full.exact_amount().unwrap();
                prop_assert_eq!((x.mantissa(), x.scale(), x.is_sign_negative()), (y.mantissa(), y.scale(), y.is_sign_negative()));
            }
            let a = Figure::parse_plain(&s, Currency::EUR);
            let b = parse_full(&s, Currency::EUR);
            prop_assert_eq!(a.is_ok(), b.is_ok());
            if let (Ok(a), Ok(b)) = (a, b) {
                prop_assert_eq!(a.plain().to_string(), b.plain().to_string());
            }
        }
    }
}
