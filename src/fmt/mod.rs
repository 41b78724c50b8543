//! Every syntax the crate reads and writes, one parser per grammar.
//!
//! Each grammar has exactly one parser, here, reading bytes once; the
//! `FromStr` impls, the pledge CSV, the ECB files and JSON all call it, so
//! a text reads the same way — or fails with the same error — wherever it
//! appears. A value that a constructor refuses (a qualified figure with a
//! negative bound, a year outside 1..=9999) is refused by every parser.
//!
//! | grammar | examples | read by | written by |
//! |---|---|---|---|
//! | human figure | `over €20bn`, `more than 20 billion euros`, `about €50bn ± 5%`, `between €1bn and €2bn`, `≥ US$500m` | [`Figure`](crate::Figure)`::from_str`, [`Figure::parse_in`](crate::Figure::parse_in) | `Figure`'s `Display` (`over €20bn`), [`Full`] (`over €20,000,000,000.00`) |
//! | amount | `€20bn`, `20 billion euros`, `US$500m`, `-€62m`, `1,500,000 EUR`, `£3.5bn`, `C$500m`, `A$1bn`, `NZ$10m`, `CHF 5m`, `¥1bn`, `500m zł` | [`Money`](crate::Money)`::from_str`, inside human figures | `Money`'s `Display`, [`Compact`] |
//! | human figure, German numbers | `12,96 Mrd. Euro`, `1.500.000 EUR`, `1,5 Milliarden Euro`, `over 2,5 Mio. €`, `about 50 Mrd. Euro ± 2,5%` (qualifiers stay English) | [`Figure::parse_with`](crate::Figure::parse_with)`(text, `[`NumberConvention::German`]`)`, [`Money::parse_with`](crate::Money::parse_with) | — (written back in English) |
//! | plain figure (files) | `1500000000`, `-62000000`, `over 20000000000`, `at least 40000000000.00`, `up to 5`, `about 50000000000 ± 5%`, `between 1 and 2` | [`Figure::parse_plain`](crate::Figure::parse_plain): pledge CSV `amount`, JSON `amount` | [`Plain`] |
//! | plain number | `1.1569`, `181.09`, `-0.50` (no `+`, `_`, `,`, `.5`, `5.`, exponent) | rates in ECB files and JSON, table values | `Decimal`'s `Display` |
//! | period | `2025`, `2025-H1`, `2025-Q1`, `2025-03`, `FY2024-10`, `2024-01-01..2027-12-31`, `2025-04-02`, `Q1 2025`, `H1 2025` | [`Period`](crate::Period)`::from_str`, pledge CSV `period` and `delivered` | `Period`'s `Display` (the first forms) |
//! | date | `2025-02-12` (years 1 to 9999) | pledge CSV `announced`, ECB history, sources' dates | `NaiveDate`'s `Display` |
//! | long date | `28 November 2025`, `1 Jan 2024` | the ECB daily file | — |
//! | codes | `EUR`, `DE`, `DEU`, `EU`, `EPF`, `EIB`, `NATO`, `NATO-CAP` (any case) | [`Currency`](crate::Currency), [`Country`](crate::Country), [`Donor`](crate::Donor) `from_str` | their `code()` / `id()` |
//! | donor names | `Germany`, `United Kingdom`, `Türkiye` or `Turkey`, `South Korea`, `Czechia`, `United States`, `European Peace Facility` (any case; `Korea` is ambiguous: an error) | [`Country`](crate::Country), [`Donor`](crate::Donor) `from_str`, pledge CSV `donor` and `recipient` | — (written back as codes) |
//! | words | `military`, `in-kind`, `committed`, ... (any case) | [`Category`](crate::Category), [`Instrument`](crate::Instrument), [`Stage`](crate::Stage) `from_str` | their `Display` |
//! | sources | `publisher\|title\|url\|published\|speaker\|quote`, one per line; `\|`, `\\`, `\n` escape | pledge CSV `source` | the pledge CSV writer |
//!
//! Files split records with the crate's one CSV record reader (see
//! `io::records`); JSON is read by `serde_json` and its strings by the
//! grammars above.
//!
//! ```
//! use alliance_commitments::{Currency, Figure};
//! // The same figure, as a person writes it and as a file does.
//! let human: Figure = "more than €20bn".parse()?;
//! let plain = Figure::parse_plain("over 20000000000", Currency::EUR)?;
//! assert_eq!(human, plain);
//! assert_eq!(plain.plain().to_string(), "over 20000000000");
//! // Only an exact figure may be negative, in every syntax.
//! assert!(Figure::parse_plain("over -5", Currency::EUR).is_err());
//! assert!("over -€5".parse::<Figure>().is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod amount;
mod convention;
pub(crate) mod figure;
pub(crate) mod number;
mod period;
mod plain;
pub(crate) mod source;

pub use crate::figure::display::Full;
pub use crate::interval::Percent;
pub use crate::money::Compact;
pub(crate) use amount::{Amount, Cursor, amount, shift};
pub use convention::NumberConvention;
pub(crate) use period::{long_date, parse_date, read_date, read_period};
pub use plain::Plain;

/// Reads a plain number as files write it (`1.1569`, `-62000000`,
/// `0.25`): the crate's one number grammar, exactly as written — no `+`,
/// `_`, thousands separator, exponent, `.5` or `5.`.
///
/// ```
/// use alliance_commitments::fmt::parse_number;
/// assert_eq!(parse_number("0.250")?.to_string(), "0.250");
/// assert!(parse_number("1_25").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::Syntax`](crate::error::ErrorKind::Syntax) for text that is
/// not one plain number, [`ErrorKind::AmountOutOfRange`](crate::error::ErrorKind::AmountOutOfRange)
/// for a number a decimal cannot hold exactly.
pub fn parse_number(text: &str) -> Result<rust_decimal::Decimal, crate::Error> {
    number::parse(text)
}
