//! Plain decimal numbers, the only number syntax of files: `-?d+(.d+)?`,
//! read straight from bytes and kept exactly as written (`1.50` keeps its
//! scale). No sign but a leading `-`, no separators, no exponent, no bare
//! `.`; a number `Decimal` cannot hold exactly is an error, never rounded.

use rust_decimal::Decimal;

use crate::Error;
use crate::error::{ErrorKind, Grammar};

/// Why a plain number did not read, and at which byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fault {
    /// Not the syntax: the reason and the byte offset.
    Syntax(&'static str, usize),
    /// The syntax, but beyond what a `Decimal` holds exactly.
    Range,
}

impl Fault {
    /// The error for `text`, read as `grammar`; `at` is where the number
    /// starts in `text`.
    pub(crate) fn error(self, grammar: Grammar, text: &str, at: usize) -> Error {
        match self {
            Fault::Syntax(reason, offset) => ErrorKind::Syntax {
                grammar,
                input: text.to_owned(),
                offset: at + offset,
                reason,
            }
            .into(),
            Fault::Range => ErrorKind::AmountOutOfRange {
                text: text.to_owned(),
            }
            .into(),
        }
    }
}

const EXPECTED: &str = "expected a plain number like 1234.56 (no separators, signs or words)";

/// Reads a plain number at the start of `b`: the value and the number of
/// bytes it took. What follows is the caller's to judge.
#[inline]
pub(crate) fn leading(b: &[u8]) -> Result<(Decimal, usize), Fault> {
    let negative = b.first() == Some(&b'-');
    let mut i = usize::from(negative);
    // Nineteen digits fit a u64; longer numbers go on in a u128, which
    // holds every mantissa a Decimal can (below 2^96) and then some.
    let mut small: u64 = 0;
    let mut big: u128 = 0;
    let mut digits = 0u32;
    let mut scale = None;
    loop {
        match b.get(i) {
            Some(&d) if d.is_ascii_digit() => {
                let d = d - b'0';
                if digits < 19 {
                    small = small * 10 + u64::from(d);
                    big = u128::from(small);
                } else {
                    big = big
                        .checked_mul(10)
                        .and_then(|x| x.checked_add(u128::from(d)))
                        .ok_or(Fault::Range)?;
                }
                digits += 1;
                i += 1;
            }
            Some(b'.') if scale.is_none() => {
                if digits == 0 {
                    return Err(Fault::Syntax(EXPECTED, i));
                }
                if !b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                    return Err(Fault::Syntax(
                        "expected digits after the decimal point",
                        i + 1,
                    ));
                }
                scale = Some(i + 1);
                i += 1;
            }
            _ => break,
        }
    }
    if digits == 0 {
        return Err(Fault::Syntax(EXPECTED, i));
    }
    let scale = scale.map_or(0, |from| i - from);
    let scale = u32::try_from(scale).map_err(|_| Fault::Range)?;
    let mantissa = i128::try_from(big).map_err(|_| Fault::Range)?;
    let mut value = Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| Fault::Range)?;
    // "-0" keeps its sign, as written.
    value.set_sign_negative(negative);
    Ok((value, i))
}

/// Reads `b` as one plain number, nothing before or after.
#[inline]
pub(crate) fn whole(b: &[u8]) -> Result<Decimal, Fault> {
    let (value, n) = leading(b)?;
    if n == b.len() {
        Ok(value)
    } else {
        Err(Fault::Syntax(EXPECTED, n))
    }
}

/// Reads `text` as one plain number, with an error that quotes it.
pub(crate) fn parse(text: &str) -> Result<Decimal, Error> {
    whole(text.as_bytes()).map_err(|f| f.error(Grammar::Number, text, 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_exactly_as_written() {
        for (text, mantissa, scale) in [
            ("0", 0i128, 0),
            ("1.50", 150, 2),
            ("-62000000", -62_000_000, 0),
            ("23417159.978473667", 23_417_159_978_473_667, 9),
            (
                "79228162514264337593543950335",
                79_228_162_514_264_337_593_543_950_335,
                0,
            ),
            ("0.0000000000000000000000000001", 1, 28),
            ("1234567890123456789012", 1_234_567_890_123_456_789_012, 0),
        ] {
            let d = whole(text.as_bytes()).unwrap();
            assert_eq!((d.mantissa(), d.scale()), (mantissa, scale), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_the_syntax() {
        for text in [
            "", "-", "+1", ".5", "5.", "1_25", "1,5", "1e5", " 1", "1 ", "--1", "1.2.3", "0x10",
            "١",
        ] {
            assert!(
                matches!(whole(text.as_bytes()), Err(Fault::Syntax(..))),
                "{text:?}"
            );
        }
    }

    #[test]
    fn refuses_what_a_decimal_cannot_hold() {
        for text in [
            "79228162514264337593543950336",
            "0.00000000000000000000000000001",
            "99999999999999999999999999999999999999999",
        ] {
            assert_eq!(whole(text.as_bytes()), Err(Fault::Range), "{text}");
        }
    }

    proptest! {
        /// Every i128 mantissa and scale a Decimal holds reads back from
        /// its digits; the oracle builds the text from the integer.
        #[test]
        fn digits_read_back(m in -(1i128 << 96) + 1..(1i128 << 96), scale in 0u32..=28) {
            let digits = m.unsigned_abs().to_string();
            let s = scale as usize;
            let padded = format!("{digits:0>width$}", width = s + 1);
            let (int, frac) = padded.split_at(padded.len() - s);
            let sign = if m < 0 { "-" } else { "" };
            let text = if s == 0 { format!("{sign}{int}") } else { format!("{sign}{int}.{frac}") };
            let d = whole(text.as_bytes()).unwrap();
            prop_assert_eq!((d.mantissa(), d.scale()), (m, scale));
        }
    }
}
