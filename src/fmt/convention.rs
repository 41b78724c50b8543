//! How a source writes its numbers: the caller says, the crate never
//! guesses ("1,500" is 1500 in English and 1.5 in German).

use crate::error::Grammar;
use crate::fmt::{Cursor, amount};
use crate::{Currency, Error, Figure, Money};

/// How numbers are written in a text: which character groups thousands,
/// which marks the decimals, and the scale and currency words.
///
/// | convention | thousands, decimals | scale words | currency words |
/// |---|---|---|---|
/// | `English` (the default) | `1,500,000.50` | `k`, `thousand`, `m`, `mn`, `million`, `bn`, `b`, `billion` (10⁹), `tn`, `trillion` | `euros`, `dollars`, `pounds`, `yen` |
/// | `German` | `1.500.000,50` | `Tsd.`, `Tausend`, `Mio.`, `Million`, `Millionen`, `Mrd.`, `Milliarde`, `Milliarden` (10⁹), `Bio.`, `Billion`, `Billionen` (10¹²) | `Euro`, `Dollar`, `US-Dollar`, `Pfund`, `Yen` |
///
/// Symbols and codes (`€`, `US$`, `£`, `zł`, `EUR`, `CHF`) and the
/// qualifiers (`over`, `about`, `between`) are the same in both. A German
/// "Billion" is a thousand billions: the English scale words are not read
/// in German, nor the German ones in English. Separators must group three
/// digits in either convention, so a number written in the other one is an
/// error, not another number.
///
/// ```
/// use alliance_commitments::Figure;
/// use alliance_commitments::fmt::NumberConvention::German;
/// assert_eq!(Figure::parse_with("12,96 Mrd. Euro", German)?, "€12.96bn".parse()?);
/// assert_eq!(Figure::parse_with("1.500.000 EUR", German)?, "€1,500,000".parse()?);
/// assert_eq!(Figure::parse_with("1,5 Milliarden Euro", German)?, "€1.5bn".parse()?);
/// assert_eq!(Figure::parse_with("over 2,5 Mio. zł", German)?, "over PLN 2.5m".parse()?);
/// // Never guessed: "1.5" is no German number, "1,500" means one and a half.
/// assert!(Figure::parse_with("€1.5", German).is_err());
/// assert_eq!(Figure::parse_with("€1,500", German)?, "€1.5".parse()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum NumberConvention {
    /// `1,500,000.50`, `€1.5bn`, `20 billion euros`.
    #[default]
    English,
    /// `1.500.000,50`, `1,5 Mrd. Euro`, `12,96 Milliarden Euro`.
    German,
}

impl Figure {
    /// Reads a figure as people write it (as [`FromStr`](std::str::FromStr)
    /// does), its numbers written in `convention`.
    ///
    /// ```
    /// use alliance_commitments::Figure;
    /// use alliance_commitments::fmt::NumberConvention;
    /// let kiel = Figure::parse_with("about 12,96 Mrd. Euro", NumberConvention::German)?;
    /// assert_eq!(kiel.to_string(), "about €12.96bn");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`FromStr`](std::str::FromStr): text that is not a figure, a
    /// number not written in `convention`, no currency or two, a negative
    /// bound.
    pub fn parse_with(text: &str, convention: NumberConvention) -> Result<Figure, Error> {
        crate::fmt::figure::parse(text, None, convention)
    }

    /// [`Figure::parse_with`] with a currency for texts that name none, as
    /// [`Figure::parse_in`].
    ///
    /// ```
    /// use alliance_commitments::{Currency, Figure};
    /// use alliance_commitments::fmt::NumberConvention;
    /// let f = Figure::parse_in_with("1.250.000,50", Currency::EUR, NumberConvention::German)?;
    /// assert_eq!(f.stated().amount().to_string(), "1250000.50");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Figure::parse_with`]; also a text naming another currency.
    pub fn parse_in_with(
        text: &str,
        currency: Currency,
        convention: NumberConvention,
    ) -> Result<Figure, Error> {
        crate::fmt::figure::parse(text, Some(currency), convention)
    }
}

impl Money {
    /// Reads an amount with its currency as people write it (as
    /// [`FromStr`](std::str::FromStr) does), its number written in
    /// `convention`.
    ///
    /// ```
    /// use alliance_commitments::Money;
    /// use alliance_commitments::fmt::NumberConvention;
    /// let m = Money::parse_with("1.500.000 EUR", NumberConvention::German)?;
    /// assert_eq!(m, "€1,500,000".parse()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// Text that is not an amount, a number not written in `convention`,
    /// no currency or two.
    pub fn parse_with(text: &str, convention: NumberConvention) -> Result<Money, Error> {
        let mut c = Cursor::new(text, Grammar::Money).with_convention(convention);
        let read = amount(&mut c)?;
        c.expect_end()?;
        let currency = read.currency.ok_or_else(|| c.error_at(0, "no currency"))?;
        Ok(Money::new(read.value, currency))
    }
}

#[cfg(test)]
mod tests {
    use super::NumberConvention::{English, German};
    use super::*;
    use crate::error::ErrorKind;
    use rust_decimal::dec;

    fn eur(d: rust_decimal::Decimal) -> Figure {
        Figure::exactly(Money::new(d, Currency::EUR))
    }

    // Worked by hand: 12,96 × 10⁹ = 12 960 000 000.
    #[test]
    fn german_numbers_read_as_written() {
        for (text, value) in [
            ("12,96 Mrd. Euro", dec!(12960000000)),
            ("12,96 Mrd Euro", dec!(12960000000)),
            ("1.500.000 EUR", dec!(1500000)),
            ("1,5 Milliarden Euro", dec!(1500000000)),
            ("1 Milliarde Euro", dec!(1000000000)),
            ("2,5 Mio. €", dec!(2500000)),
            ("300 Millionen Euro", dec!(300000000)),
            ("7 Tsd. EUR", dec!(7000)),
            ("1,2 Billionen Euro", dec!(1200000000000)),
            ("EUR 1.250.000,50", dec!(1250000.50)),
        ] {
            assert_eq!(Figure::parse_with(text, German), Ok(eur(value)), "{text}");
        }
        // The scale is kept as written: "1.250.000,50" has two decimals.
        let f = Figure::parse_with("EUR 1.250.000,50", German).unwrap();
        assert_eq!(f.stated().amount().scale(), 2);
    }

    #[test]
    fn conventions_are_never_mixed() {
        // "1.500" is 1500 in German, a thousands group; 1.5 in English.
        assert_eq!(Figure::parse_with("€1.500", German), Ok(eur(dec!(1500))));
        assert_eq!(Figure::parse_with("€1.500", English), Ok(eur(dec!(1.500))));
        for (text, convention) in [
            ("€1.5", German),   // a German thousands group has three digits
            ("€1.5bn", German), // and "bn" is no German word
            ("1,5 Milliarden Euro", English),
            ("12,96 Mrd. Euro", English),
        ] {
            assert!(
                matches!(
                    Figure::parse_with(text, convention)
                        .as_ref()
                        .map_err(Error::kind),
                    Err(ErrorKind::Syntax { .. })
                ),
                "{text}"
            );
        }
        // German "Billion" is 10¹², English "billion" 10⁹.
        assert_eq!(
            Figure::parse_with("1 Billion Euro", German),
            Ok(eur(dec!(1000000000000)))
        );
        assert_eq!(
            Figure::parse_with("1 billion euros", English),
            Ok(eur(dec!(1000000000)))
        );
    }

    #[test]
    fn qualifiers_and_tolerances_read_in_either_convention() {
        let about = Figure::parse_with("about 50 Mrd. Euro ± 2,5%", German).unwrap();
        assert_eq!(about, "about €50bn ± 2.5%".parse().unwrap());
        let between = Figure::parse_with("between 1,5 and 2 Mrd. Euro", German).unwrap();
        assert_eq!(between, "between €1.5bn and €2bn".parse().unwrap());
    }

    #[test]
    fn currency_signs_people_use() {
        for (text, code, value) in [
            ("C$500m", "CAD", dec!(500000000)),
            ("CA$500m", "CAD", dec!(500000000)),
            ("A$1.5bn", "AUD", dec!(1500000000)),
            ("AU$2m", "AUD", dec!(2000000)),
            ("NZ$10m", "NZD", dec!(10000000)),
            ("CHF 5m", "CHF", dec!(5000000)),
            ("5m CHF", "CHF", dec!(5000000)),
            ("¥1bn", "JPY", dec!(1000000000)),
            ("£3bn", "GBP", dec!(3000000000)),
            ("500m zł", "PLN", dec!(500000000)),
            ("500 zł", "PLN", dec!(500)),
            ("$5m", "USD", dec!(5000000)),
        ] {
            let m: Money = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((m.currency().code(), m.amount()), (code, value), "{text}");
        }
        let m = Money::parse_with("2,5 Mrd. zł", German).unwrap();
        assert_eq!(
            (m.currency(), m.amount()),
            (Currency::PLN, dec!(2500000000))
        );
        assert!(matches!(
            "C$5 EUR".parse::<Money>().as_ref().map_err(Error::kind),
            Err(ErrorKind::TwoCurrencies { .. })
        ));
    }
}
