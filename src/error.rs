//! The crate's one error type.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::{Currency, Donor, Period, Qualifier};

/// Everything that can go wrong in this crate.
///
/// Each variant carries what went wrong and where: the code that was not
/// recognised, the date that does not exist, the text and the byte offset at
/// which parsing stopped. Messages are lowercase and name the offending
/// value, so they can be shown to a user as they are.
///
/// The enum is `#[non_exhaustive]`: later versions add variants (for example
/// for rates and files), so a `match` needs a wildcard arm.
///
/// ```
/// use alliance_commitments::{Currency, Error};
///
/// let err = "EUX".parse::<Currency>().unwrap_err();
/// assert_eq!(err, Error::UnknownCurrency { code: "EUX".into() });
/// assert_eq!(err.to_string(), r#"unknown currency code "EUX": not an ISO 4217 code with a minor unit"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A currency code that is not in the ISO 4217 table (or has no minor
    /// unit, like `XAU`).
    #[error("unknown currency code {code:?}: not an ISO 4217 code with a minor unit")]
    UnknownCurrency {
        /// The code as written.
        code: String,
    },
    /// A country code that is not an ISO 3166-1 alpha-2 or alpha-3 code.
    #[error("unknown country code {code:?}: not an ISO 3166-1 alpha-2 or alpha-3 code")]
    UnknownCountry {
        /// The code as written.
        code: String,
    },
    /// A donor identifier that is neither a country code nor one of the
    /// documented institution identifiers.
    #[error("unknown donor {id:?}: not a country code nor an institution identifier")]
    UnknownDonor {
        /// The identifier as written.
        id: String,
    },
    /// Two amounts in different currencies were combined without a rate.
    #[error("currency mismatch: {left} and {right} cannot be combined without a rate")]
    CurrencyMismatch {
        /// The currency of the left operand.
        left: Currency,
        /// The currency of the right operand.
        right: Currency,
    },
    /// A multi-currency balance was asked for a single amount.
    #[error("mixed currencies: the balance holds {} currencies ({}); convert it first", currencies.len(), join(currencies))]
    MixedCurrencies {
        /// The currencies in the balance, in code order.
        currencies: Vec<Currency>,
    },
    /// Checked arithmetic went beyond the range of `Decimal`.
    #[error("arithmetic overflow: the result of {operation} is beyond the range of a decimal")]
    Overflow {
        /// The operation, e.g. `"addition"`.
        operation: &'static str,
    },
    /// A written amount is beyond the range of `Decimal` (about ±7.9e28).
    #[error("amount {text:?} is beyond the range of a decimal")]
    AmountOutOfRange {
        /// The amount as written.
        text: String,
    },
    /// A calendar date that does not exist, like 2025-02-30.
    #[error("date {year:04}-{month:02}-{day:02} does not exist")]
    InvalidDate {
        /// The year as written.
        year: i32,
        /// The month as written (1 to 12 when the day is the problem).
        month: u32,
        /// The day as written.
        day: u32,
    },
    /// A year outside the supported range 1 to 9999.
    #[error("year {year} is outside the supported range 1 to 9999")]
    YearOutOfRange {
        /// The year.
        year: i32,
    },
    /// A date range whose end is before its start.
    #[error("period ends on {end} before it starts on {start}")]
    PeriodEndsBeforeStart {
        /// The start as given.
        start: NaiveDate,
        /// The end as given.
        end: NaiveDate,
    },
    /// A qualified figure (over, at least, up to, about, between) with a
    /// negative bound. Only exact figures may be negative (corrections).
    #[error("a figure stated as \"{qualifier}\" cannot have a negative bound ({value})")]
    NegativeBound {
        /// The qualifier of the figure.
        qualifier: Qualifier,
        /// The offending bound.
        value: Decimal,
    },
    /// A "between a and b" figure with a > b.
    #[error("\"between\" figure has its lower bound {lower} above its upper bound {upper}")]
    InvertedBounds {
        /// The first (lower) value as stated.
        lower: Decimal,
        /// The second (upper) value as stated.
        upper: Decimal,
    },
    /// A tolerance for "about" that is negative, or a relative one of 100% or more.
    #[error(
        "tolerance {tolerance} is invalid: it must be at least zero (and a relative one below 100%)"
    )]
    InvalidTolerance {
        /// The tolerance as given (a fraction for a relative one: 0.1 = 10%).
        tolerance: Decimal,
    },
    /// A figure was scaled by a factor that is zero or negative.
    #[error("scale factor {factor} is not positive: figures scale by positive exact factors only")]
    NonPositiveFactor {
        /// The factor given.
        factor: Decimal,
    },
    /// A written figure or amount names two different currencies.
    #[error("the text names two currencies, {first} and {second}")]
    TwoCurrencies {
        /// The first currency named.
        first: Currency,
        /// The second currency named.
        second: Currency,
    },
    /// Text that could not be read as the value it should be.
    #[error("invalid {what} {input:?} at byte {offset}: {reason}")]
    Syntax {
        /// What was being read: `"period"`, `"figure"`, `"money"`, ...
        what: &'static str,
        /// The whole text.
        input: String,
        /// The byte offset in `input` where reading failed.
        offset: usize,
        /// Why it failed, e.g. `"quarter must be Q1 to Q4"`.
        reason: &'static str,
    },
    /// A membership that overlaps one the alliance already records for
    /// the same donor, or that ends before it starts.
    #[error(
        "membership of {donor} in {alliance} from {joined} overlaps another or ends before it starts"
    )]
    InvalidMembership {
        /// The alliance's name.
        alliance: String,
        /// The donor.
        donor: Donor,
        /// The first day of the rejected membership.
        joined: NaiveDate,
    },
    /// A required text field was empty.
    #[error("{field} must not be empty")]
    EmptyField {
        /// The field, e.g. `"publisher"`.
        field: &'static str,
    },
    /// A spreading schedule that cannot be used.
    #[error("invalid schedule: {reason}")]
    InvalidSchedule {
        /// Why, e.g. `"two parts overlap"`.
        reason: &'static str,
    },
    /// Two pledges in one collection with the same id.
    #[error("duplicate pledge id {id:?}")]
    DuplicateId {
        /// The id.
        id: String,
    },
    /// No rate for a currency on a date, nor on any of the days before it
    /// within the rate table's window.
    #[error("no {currency} rate on {date} or in the {window} days before it")]
    MissingRate {
        /// The currency.
        currency: Currency,
        /// The date a rate was needed for.
        date: NaiveDate,
        /// How many days back the lookup went.
        window: u32,
    },
    /// No rate for a currency on any day of a period (for an average).
    #[error("no {currency} rate on any day of {period}")]
    NoRatesInPeriod {
        /// The currency.
        currency: Currency,
        /// The period.
        period: Period,
    },
    /// A rate that is zero or negative.
    #[error("rate {rate} for {currency} on {date} is not positive")]
    NonPositiveRate {
        /// The currency.
        currency: Currency,
        /// The date.
        date: NaiveDate,
        /// The rate given.
        rate: Decimal,
    },
    /// An undated pledge in another currency, converted by a rule that needs
    /// its announcement date: fix a conversion date instead.
    #[error("pledge {pledge} is undated: its {currency} amount needs a fixed conversion date")]
    UndatedConversion {
        /// The pledge's id, or its description if it has none.
        pledge: String,
        /// The pledge's currency.
        currency: Currency,
    },
    /// A field of a file that could not be read: which line, which column
    /// (1-based, with its name), the value as written, and why.
    #[error("line {line}, column {column} ({field}), value {value:?}: {source}")]
    Field {
        /// The line of the record (1-based; the header is line 1).
        line: u64,
        /// The column (1-based).
        column: usize,
        /// The column's name.
        field: String,
        /// The value as written.
        value: String,
        /// What was wrong with it.
        source: Box<Error>,
    },
    /// A required column is not in the header.
    #[error("line 1: missing required column {name:?}")]
    MissingColumn {
        /// The column's name.
        name: &'static str,
    },
    /// A column appears twice in the header.
    #[error("line 1, column {column}: column {name:?} appears twice")]
    DuplicateColumn {
        /// The column's name.
        name: String,
        /// The second occurrence (1-based).
        column: usize,
    },
    /// A column the format does not know (allowed with the reader option to
    /// ignore unknown columns).
    #[error("line 1, column {column}: unknown column {name:?}")]
    UnknownColumn {
        /// The column's name as written.
        name: String,
        /// The column (1-based).
        column: usize,
    },
    /// A record with more or fewer fields than the header.
    #[error("line {line}: {found} fields where the header has {expected}")]
    FieldCount {
        /// The line (1-based).
        line: u64,
        /// The header's number of fields.
        expected: u64,
        /// The record's.
        found: u64,
    },
    /// Bytes that are not UTF-8.
    #[error("line {line}, column {column}: the text is not valid UTF-8")]
    InvalidUtf8 {
        /// The line (1-based).
        line: u64,
        /// The column (1-based).
        column: usize,
    },
    /// A file with no header at all.
    #[error("the input is empty: no header line")]
    EmptyInput,
    /// Reading or writing failed below the format (a closed pipe, a full
    /// disk).
    #[error("i/o error at line {line}: {message}")]
    Io {
        /// The line being read or written, where known (else 0).
        line: u64,
        /// The system's message.
        message: String,
    },
    /// Dates in a rates file that are neither strictly newest first (as the
    /// ECB publishes) nor strictly oldest first.
    #[error("line {line}: date {date} is out of order after {previous}")]
    DatesOutOfOrder {
        /// The line (1-based).
        line: u64,
        /// The date on that line.
        date: NaiveDate,
        /// The date on the line before.
        previous: NaiveDate,
    },
    /// JSON that could not be read.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Json {
        /// The line (1-based).
        line: usize,
        /// The column (1-based).
        column: usize,
        /// What was wrong.
        message: String,
    },
    /// An amount that must be positive (a floor, a GDP) or not negative
    /// (spending) is not.
    #[error("{what} must be {rule}, not {amount}")]
    InvalidAmount {
        /// What the amount is, e.g. `"GDP"`.
        what: &'static str,
        /// `"positive"` or `"zero or more"`.
        rule: &'static str,
        /// The amount given.
        amount: Decimal,
    },
    /// A table has no value for a donor and year.
    #[error("no {what} for {donor} in {year}")]
    MissingData {
        /// What is missing, e.g. `"GDP"`.
        what: &'static str,
        /// The donor.
        donor: Donor,
        /// The year.
        year: i32,
    },
    /// A date computation went beyond the calendar's range.
    #[error("date arithmetic beyond the supported calendar range")]
    DateOutOfRange,
}

fn join(currencies: &[Currency]) -> String {
    let codes: Vec<&str> = currencies.iter().map(|c| c.code()).collect();
    codes.join(", ")
}

impl Error {
    /// The error itself, without the file position around it: for an
    /// [`Error::Field`], the error in the field; for any other, `self`.
    ///
    /// ```
    /// use alliance_commitments::{Error, Pledges};
    /// let csv = "donor,recipient,amount,currency\nDE,UA,5,EUX\n";
    /// let err = Pledges::new().read_csv(csv.as_bytes()).unwrap_err();
    /// assert!(matches!(err, Error::Field { line: 2, column: 4, .. }));
    /// assert_eq!(err.inner(), &Error::UnknownCurrency { code: "EUX".into() });
    /// ```
    pub fn inner(&self) -> &Error {
        match self {
            Error::Field { source, .. } => source.inner(),
            other => other,
        }
    }
}

/// Shorthand for `Result<T, alliance_commitments::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
