//! Reading amounts as people write them: `€20bn`, `20 billion euros`,
//! `US$500m`, `20000000000 EUR`, `-€62m`. Shared by [`Money`](crate::Money)
//! and [`Figure`](crate::Figure) parsing.

use crate::error::{ErrorKind, Grammar};
use rust_decimal::Decimal;

use crate::fmt::NumberConvention;
use crate::{Currency, Error};

/// A position in a text being read, with the name of what is being read
/// (for error messages) and how its numbers are written.
pub(crate) struct Cursor<'a> {
    input: &'a str,
    pos: usize,
    grammar: Grammar,
    convention: NumberConvention,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(input: &'a str, grammar: Grammar) -> Self {
        Cursor {
            input,
            pos: 0,
            grammar,
            convention: NumberConvention::English,
        }
    }

    /// The cursor reading numbers in `convention`.
    pub(crate) fn with_convention(mut self, convention: NumberConvention) -> Self {
        self.convention = convention;
        self
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    pub(crate) fn set_pos(&mut self, pos: usize) {
        self.pos = pos;
    }

    pub(crate) fn input(&self) -> &'a str {
        self.input
    }

    pub(crate) fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    pub(crate) fn at_end(&self) -> bool {
        self.pos == self.input.len()
    }

    pub(crate) fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// Consumes `s` if the text continues with it exactly.
    pub(crate) fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    /// Consumes `word` (ASCII case-insensitive) if the text continues with it
    /// and it is not followed by a letter or digit.
    pub(crate) fn eat_word(&mut self, word: &str) -> bool {
        let rest = self.rest();
        let matches = rest.len() >= word.len()
            && rest.is_char_boundary(word.len())
            && rest[..word.len()].eq_ignore_ascii_case(word)
            && !rest[word.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if matches {
            self.pos += word.len();
        }
        matches
    }

    /// Consumes the first of `words` that matches (see [`Cursor::eat_word`]).
    pub(crate) fn eat_any_word<T: Copy>(&mut self, words: &[(&str, T)]) -> Option<T> {
        words
            .iter()
            .find(|(w, _)| self.eat_word(w))
            .map(|(_, t)| *t)
    }

    /// An error at the current position.
    pub(crate) fn error(&self, reason: &'static str) -> Error {
        self.error_at(self.pos, reason)
    }

    pub(crate) fn error_at(&self, offset: usize, reason: &'static str) -> Error {
        ErrorKind::Syntax {
            grammar: self.grammar,
            input: self.input.to_owned(),
            offset,
            reason,
        }
        .into()
    }

    /// Fails unless only white space is left.
    pub(crate) fn expect_end(&mut self) -> Result<(), Error> {
        self.skip_ws();
        if self.at_end() {
            Ok(())
        } else {
            Err(self.error("unexpected text"))
        }
    }
}

/// An amount as read: the value (scale words applied, sign included) and the
/// currency, if the text named one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Amount {
    pub(crate) value: Decimal,
    pub(crate) currency: Option<Currency>,
    /// The power of ten of the scale word, if one was written ("bn": 9).
    pub(crate) scale: Option<u32>,
    /// Where the amount starts in the text.
    pub(crate) start: usize,
}

// Longest first, so "$" does not shadow "US$", "NZ$", "C$" or "A$".
const PREFIX_SYMBOLS: &[(&str, Currency)] = &[
    ("US$", Currency::USD),
    ("NZ$", Currency::NZD),
    ("CA$", Currency::CAD),
    ("AU$", Currency::AUD),
    ("C$", Currency::CAD),
    ("A$", Currency::AUD),
    ("€", Currency::EUR),
    ("£", Currency::GBP),
    ("¥", Currency::JPY),
    ("$", Currency::USD),
];

// Longest first: "billion" before "bn" before "b".
const SCALE_WORDS: &[(&str, u32)] = &[
    ("trillion", 12),
    ("billion", 9),
    ("million", 6),
    ("thousand", 3),
    ("bln", 9),
    ("mln", 6),
    ("tn", 12),
    ("bn", 9),
    ("mn", 6),
    ("b", 9),
    ("m", 6),
    ("k", 3),
];

const CURRENCY_WORDS: &[(&str, Currency)] = &[
    ("pounds sterling", Currency::GBP),
    ("u.s. dollars", Currency::USD),
    ("us dollars", Currency::USD),
    ("dollars", Currency::USD),
    ("dollar", Currency::USD),
    ("euros", Currency::EUR),
    ("euro", Currency::EUR),
    ("pounds", Currency::GBP),
    ("pound", Currency::GBP),
    ("yen", Currency::JPY),
];

// The German words for what the English lists above say. "Billion" is 10¹²
// in German (10⁹ is "Milliarde"), so the English scale words are not read
// in the German convention.
const GERMAN_SCALE_WORDS: &[(&str, u32)] = &[
    ("Billionen", 12),
    ("Billion", 12),
    ("Bio.", 12),
    ("Milliarden", 9),
    ("Milliarde", 9),
    ("Mrd.", 9),
    ("Mrd", 9),
    ("Millionen", 6),
    ("Million", 6),
    ("Mio.", 6),
    ("Mio", 6),
    ("Tausend", 3),
    ("Tsd.", 3),
];

const GERMAN_CURRENCY_WORDS: &[(&str, Currency)] = &[
    ("US-Dollar", Currency::USD),
    ("Dollar", Currency::USD),
    ("Euro", Currency::EUR),
    ("Pfund", Currency::GBP),
    ("Yen", Currency::JPY),
];

/// Signs written after the number.
const SUFFIX_SYMBOLS: &[(&str, Currency)] = &[("€", Currency::EUR), ("zł", Currency::PLN)];

/// Reads a three-letter uppercase code at the cursor if one stands there as
/// a word; an unknown code is an error, anything else is `Ok(None)`.
fn code(c: &mut Cursor<'_>) -> Result<Option<Currency>, Error> {
    let rest = c.rest().as_bytes();
    let is_code = rest.len() >= 3
        && rest[..3].iter().all(u8::is_ascii_uppercase)
        && !rest.get(3).is_some_and(|b| b.is_ascii_alphabetic());
    if !is_code {
        return Ok(None);
    }
    let text = &c.rest()[..3];
    let currency = Currency::from_code(text)?;
    c.pos += 3;
    Ok(Some(currency))
}

fn sign(c: &mut Cursor<'_>) -> bool {
    c.eat("-") || c.eat("\u{2212}")
}

/// Reads `digits[,ddd]*[.digits]` (German: `digits[.ddd]*[,digits]`);
/// returns the decimal exactly as written.
fn number(c: &mut Cursor<'_>) -> Result<Decimal, Error> {
    let (thousands, point) = match c.convention {
        NumberConvention::English => (b',', b'.'),
        NumberConvention::German => (b'.', b','),
    };
    let start = c.pos;
    let bytes = c.input.as_bytes();
    let mut digits = String::new();
    let mut i = start;
    let mut group = 0usize; // digits since the last comma
    let mut saw_comma = false;
    let mut last_comma = start;
    while i < bytes.len() {
        match bytes[i] {
            b'0'..=b'9' => {
                digits.push(char::from(bytes[i]));
                group += 1;
            }
            b if b == thousands && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                if group == 0 || (saw_comma && group != 3) || (!saw_comma && group > 3) {
                    return Err(c.error_at(i, "thousands separators must group three digits"));
                }
                saw_comma = true;
                last_comma = i;
                group = 0;
            }
            _ => break,
        }
        i += 1;
    }
    if digits.is_empty() {
        return Err(c.error_at(start, "expected a number"));
    }
    if saw_comma && group != 3 {
        return Err(c.error_at(last_comma, "thousands separators must group three digits"));
    }
    if bytes.get(i) == Some(&point) && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        digits.push('.');
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            digits.push(char::from(bytes[i]));
            i += 1;
        }
    }
    c.pos = i;
    Decimal::from_str_exact(&digits).map_err(|_| {
        ErrorKind::AmountOutOfRange {
            text: c.input[start..i].to_owned(),
        }
        .into()
    })
}

/// Multiplies by 10^exp without adding fractional zeros: `1.5` with
/// exponent 9 is `1500000000`, not `1500000000.0`.
pub(crate) fn shift(value: Decimal, exp: u32, text: &str) -> Result<Decimal, Error> {
    let out_of_range = || ErrorKind::AmountOutOfRange {
        text: text.to_owned(),
    };
    let scale = value.scale();
    let mantissa = value.mantissa();
    let (mantissa, scale) = if scale >= exp {
        (mantissa, scale - exp)
    } else {
        let factor = 10i128.checked_pow(exp - scale).ok_or_else(out_of_range)?;
        (mantissa.checked_mul(factor).ok_or_else(out_of_range)?, 0)
    };
    Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| out_of_range().into())
}

/// Reads one amount: an optional sign, a currency before or after, a number
/// and an optional scale word.
pub(crate) fn amount(c: &mut Cursor<'_>) -> Result<Amount, Error> {
    c.skip_ws();
    let start = c.pos;
    let mut negative = sign(c);
    let mut prefix = PREFIX_SYMBOLS
        .iter()
        .find(|(s, _)| c.eat(s))
        .map(|(_, cur)| *cur);
    if prefix.is_none() {
        prefix = code(c)?;
    }
    c.skip_ws();
    let second_sign = c.pos;
    if sign(c) {
        if negative {
            return Err(c.error_at(second_sign, "two signs"));
        }
        negative = true;
    }
    let written = number(c)?;
    let before_scale = c.pos;
    c.skip_ws();
    let (scale_words, currency_words) = match c.convention {
        NumberConvention::English => (SCALE_WORDS, CURRENCY_WORDS),
        NumberConvention::German => (GERMAN_SCALE_WORDS, GERMAN_CURRENCY_WORDS),
    };
    let scale = c.eat_any_word(scale_words);
    let value = match scale {
        Some(exp) => shift(written, exp, &c.input[start..c.pos])?,
        None => {
            c.set_pos(before_scale);
            written
        }
    };
    let before_suffix = c.pos;
    c.skip_ws();
    let mut suffix = match SUFFIX_SYMBOLS.iter().find(|(s, _)| c.eat(s)) {
        Some((_, currency)) => Some(*currency),
        None => c.eat_any_word(currency_words),
    };
    if suffix.is_none() {
        suffix = code(c)?;
    }
    if suffix.is_none() {
        c.set_pos(before_suffix);
    }
    let currency = match (prefix, suffix) {
        (Some(first), Some(second)) if first != second => {
            return Err(ErrorKind::TwoCurrencies { first, second }.into());
        }
        (p, s) => p.or(s),
    };
    Ok(Amount {
        value: if negative { -value } else { value },
        currency,
        scale,
        start,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn read(s: &str) -> Result<(Decimal, Option<Currency>, usize), Error> {
        let mut c = Cursor::new(s, Grammar::Amount);
        let a = amount(&mut c)?;
        Ok((a.value, a.currency, c.pos()))
    }

    #[test]
    fn reads_the_forms_people_write() {
        let eur = Some(Currency::EUR);
        assert_eq!(read("€20bn").unwrap().0, dec!(20000000000));
        assert_eq!(read("€20bn").unwrap().1, eur);
        assert_eq!(read("20 billion euros").unwrap().1, eur);
        assert_eq!(
            read("US$500m").unwrap(),
            (dec!(500000000), Some(Currency::USD), 7)
        );
        assert_eq!(read("$500m").unwrap().1, Some(Currency::USD));
        assert_eq!(read("20000000000 EUR").unwrap().0, dec!(20000000000));
        assert_eq!(read("EUR 1,250,000.50").unwrap().0, dec!(1250000.50));
        assert_eq!(read("-€62m").unwrap().0, dec!(-62000000));
        assert_eq!(read("€-62m").unwrap().0, dec!(-62000000));
        assert_eq!(read("€1.5 billion").unwrap().0, dec!(1500000000));
        assert_eq!(read("1.5bn").unwrap().1, None);
    }

    #[test]
    fn scale_words_add_no_fractional_zeros_and_plain_numbers_keep_theirs() {
        assert_eq!(read("€1.5bn").unwrap().0.scale(), 0);
        assert_eq!(read("€0.0000000015bn").unwrap().0, dec!(1.5));
        assert_eq!(read("€20.00").unwrap().0.scale(), 2);
        assert_eq!(
            read("23417159.978473667 EUR").unwrap().0.to_string(),
            "23417159.978473667"
        );
    }

    #[test]
    fn stops_before_what_is_not_an_amount() {
        // "and" is left for the caller (between ... and ...).
        assert_eq!(read("€1bn and €2bn").unwrap().2, 6); // offsets are in bytes
        // A scale word must end at a word boundary.
        assert_eq!(read("20 books").unwrap().2, 2);
    }

    #[test]
    fn bad_amounts_are_positioned_errors() {
        assert!(matches!(
            read("€").as_ref().map_err(Error::kind),
            Err(ErrorKind::Syntax { offset: 3, .. })
        ));
        assert!(matches!(
            read("1,5 EUR").as_ref().map_err(Error::kind),
            Err(ErrorKind::Syntax { offset: 1, .. })
        ));
        assert!(matches!(
            read("1,0000 EUR").as_ref().map_err(Error::kind),
            Err(ErrorKind::Syntax { .. })
        ));
        assert!(matches!(
            read("--5 EUR").as_ref().map_err(Error::kind),
            Err(ErrorKind::Syntax { .. })
        ));
        assert!(matches!(
            read("-€-5").as_ref().map_err(Error::kind),
            Err(ErrorKind::Syntax { offset: 4, .. })
        ));
        assert_eq!(
            read("€20 USD"),
            Err(ErrorKind::TwoCurrencies {
                first: Currency::EUR,
                second: Currency::USD
            }
            .into())
        );
        assert_eq!(
            read("20 EUX"),
            Err(ErrorKind::UnknownCurrency { code: "EUX".into() }.into())
        );
        assert!(matches!(
            read("99999999999999999999999999999999 EUR")
                .as_ref()
                .map_err(Error::kind),
            Err(ErrorKind::AmountOutOfRange { .. })
        ));
        assert!(matches!(
            read("79228162514264337593543950335 tn EUR")
                .as_ref()
                .map_err(Error::kind),
            Err(ErrorKind::AmountOutOfRange { .. })
        ));
    }
}
