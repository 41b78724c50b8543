//! The crate's one error type: [`Error`], what went wrong ([`ErrorKind`])
//! and where ([`Position`]).
//!
//! As in the `csv` crate, an [`Error`] is one pointer wide: the kind and
//! the position live behind a box, so every `Result` on a hot loop stays
//! small and the details can be as rich as a user needs.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::{Currency, Donor, Period, Qualifier};

/// How many characters of a value an error message quotes: a long value is
/// cut there and marked with `…`, so a 10 MB field does not make a 10 MB
/// message.
const QUOTE_LIMIT: usize = 48;

/// Everything that can go wrong in this crate: what ([`Error::kind`]) and
/// where ([`Error::position`]).
///
/// ```
/// use alliance_commitments::Currency;
/// use alliance_commitments::error::ErrorKind;
///
/// let err = "EUX".parse::<Currency>().unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::UnknownCurrency { code: "EUX".into() });
/// assert_eq!(err.to_string(), r#"unknown currency code "EUX": not an ISO 4217 code with a minor unit"#);
/// ```
///
/// An error read from a file names the line, the column and the field:
///
/// ```
/// use alliance_commitments::Pledges;
/// use alliance_commitments::error::ErrorKind;
///
/// let csv = "donor,recipient,amount,currency\nDE,UA,5,EUX\n";
/// let err = Pledges::new().read_csv(csv.as_bytes()).unwrap_err();
/// assert_eq!(err.kind(), &ErrorKind::UnknownCurrency { code: "EUX".into() });
/// assert_eq!((err.position().line(), err.position().column()), (Some(2), Some(4)));
/// assert_eq!(err.position().field(), Some("currency"));
/// assert_eq!(err.to_string(), r#"line 2, column 4 (currency): unknown currency code "EUX": not an ISO 4217 code with a minor unit"#);
/// ```
#[derive(Clone)]
pub struct Error(Box<Inner>);

#[derive(Clone)]
struct Inner {
    kind: ErrorKind,
    position: Position,
    // Kept so that `source()` hands the system's error on unchanged.
    io: Option<Arc<std::io::Error>>,
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// Where it went wrong, as far as it is known.
    pub fn position(&self) -> &Position {
        &self.0.position
    }

    /// An error reading or writing below the format (a closed pipe, a full
    /// disk), with the system's error as its [`source`](std::error::Error::source).
    pub(crate) fn io(e: std::io::Error) -> Error {
        let mut err = Error::from(ErrorKind::Io { kind: e.kind() });
        err.0.io = Some(Arc::new(e));
        err
    }

    /// The error at a line of a file (unless it already names one).
    pub(crate) fn at_line(mut self, line: u64) -> Error {
        self.0.position.line.get_or_insert(line);
        self
    }

    /// The error in a field of a file: line, 1-based column and the
    /// column's name (each unless already known).
    pub(crate) fn at_field(mut self, line: u64, column: usize, name: &str) -> Error {
        let p = &mut self.0.position;
        p.line.get_or_insert(line);
        p.column.get_or_insert(column as u64);
        if p.field.is_none() {
            // A long name is kept to a short prefix, one character longer
            // than a message quotes, so that the message shows the cut.
            p.field = Some(prefix(name, QUOTE_LIMIT + 1).0.into());
        }
        self
    }

    /// The error at a line and 1-based column of a text (each unless
    /// already known).
    pub(crate) fn at_column(mut self, line: u64, column: usize) -> Error {
        let p = &mut self.0.position;
        p.line.get_or_insert(line);
        p.column.get_or_insert(column as u64);
        self
    }

    /// The error concerns a pledge: its 1-based place in its input and
    /// its id, if it has one (each unless already known).
    pub(crate) fn for_pledge(mut self, record: u64, id: Option<&str>) -> Error {
        let p = &mut self.0.position;
        if p.record.is_none() {
            p.record = Some(record);
            p.pledge = id.map(Into::into);
        }
        self
    }

    /// [`Error::for_pledge`], and the line of a file the pledge was read
    /// from, if any (unless known).
    pub(crate) fn for_pledge_at(self, record: u64, id: Option<&str>, line: Option<u64>) -> Error {
        let e = self.for_pledge(record, id);
        match line {
            Some(line) => e.at_line(line),
            None => e,
        }
    }

    /// The error concerns a group of a total (unless it already names one).
    pub(crate) fn in_group(mut self, group: &dyn fmt::Display) -> Error {
        let p = &mut self.0.position;
        if p.group.is_none() {
            p.group = Some(group.to_string().into());
        }
        self
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error(Box::new(Inner {
            kind,
            position: Position::default(),
            io: None,
        }))
    }
}

/// Two errors are equal when their kinds and positions are.
impl PartialEq for Error {
    fn eq(&self, other: &Error) -> bool {
        self.kind() == other.kind() && self.position() == other.position()
    }
}

impl Eq for Error {}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("kind", self.kind());
        if !self.position().is_empty() {
            d.field("position", self.position());
        }
        d.finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.position().is_empty() {
            write!(f, "{}", self.kind())
        } else {
            write!(f, "{}: {}", self.position(), self.kind())
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0
            .io
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Where an error happened: the place in a file, and the pledge or group
/// it concerns. Every part is optional; an error names what is known.
///
/// Lines are the lines an editor shows (1-based; the header is line 1;
/// CRLF, LF and lone CR each end a line); a record that spans lines (a
/// quoted line break) is at the line where it starts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Position {
    line: Option<u64>,
    column: Option<u64>,
    field: Option<Box<str>>,
    record: Option<u64>,
    pledge: Option<Box<str>>,
    group: Option<Box<str>>,
}

impl Position {
    /// The line of the file (1-based), if the error comes from a file.
    pub fn line(&self) -> Option<u64> {
        self.line
    }

    /// The column (1-based field number), if the error is in one field.
    pub fn column(&self) -> Option<u64> {
        self.column
    }

    /// The name of the column, as the header writes it (a name longer
    /// than 49 characters cut to its first 49).
    pub fn field(&self) -> Option<&str> {
        self.field.as_deref()
    }

    /// Which pledge the error concerns: its 1-based place in the input it
    /// came from (a collection, a stream, the data rows of a file).
    pub fn record(&self) -> Option<u64> {
        self.record
    }

    /// The id of the pledge the error concerns, if it has one.
    pub fn pledge(&self) -> Option<&str> {
        self.pledge.as_deref()
    }

    /// The group of a total the error concerns, as the group key displays.
    pub fn group(&self) -> Option<&str> {
        self.group.as_deref()
    }

    /// Whether nothing about the place is known.
    pub fn is_empty(&self) -> bool {
        *self == Position::default()
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        let mut part = |f: &mut fmt::Formatter<'_>, args: fmt::Arguments<'_>| {
            let r = write!(f, "{sep}{args}");
            sep = ", ";
            r
        };
        if let Some(line) = self.line {
            part(f, format_args!("line {line}"))?;
        }
        match (self.column, self.field()) {
            // A name with a line break or an escape shown escaped, so that
            // a message stays one line and sends nothing to a terminal.
            (Some(c), Some(name)) if name.chars().any(char::is_control) => {
                part(f, format_args!("column {c} ({:?})", Quoted(name)))?
            }
            (Some(c), Some(name)) if !name.is_empty() => {
                part(f, format_args!("column {c} ({})", Quoted(name)))?
            }
            (Some(c), _) => part(f, format_args!("column {c}"))?,
            _ => {}
        }
        match (self.pledge(), self.record) {
            (Some(id), _) => part(f, format_args!("pledge {:?}", Quoted(id)))?,
            (None, Some(n)) if self.line.is_none() => part(f, format_args!("pledge #{n}"))?,
            _ => {}
        }
        if let Some(group) = self.group() {
            part(f, format_args!("group {group}"))?;
        }
        Ok(())
    }
}

/// A value quoted in a message: at most [`QUOTE_LIMIT`] characters, then
/// `…`. `{:?}` adds the quotes and escapes.
struct Quoted<'a>(&'a str);

impl Quoted<'_> {
    fn cut(&self) -> (&str, bool) {
        prefix(self.0, QUOTE_LIMIT)
    }
}

/// The first `chars` characters of `text`, and whether it had more.
fn prefix(text: &str, chars: usize) -> (&str, bool) {
    match text.char_indices().nth(chars) {
        Some((i, _)) => (&text[..i], true),
        None => (text, false),
    }
}

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (text, cut) = self.cut();
        write!(f, "{text}{}", if cut { "…" } else { "" })
    }
}

impl fmt::Debug for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (text, cut) = self.cut();
        write!(f, "{text:?}{}", if cut { "…" } else { "" })
    }
}

/// What a piece of text was being read as, in a [`ErrorKind::Syntax`] error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Grammar {
    /// A plain number (a rate, a weight, a table value).
    Number,
    /// An amount with an optional currency (`€20bn`, `1500000 EUR`).
    Amount,
    /// A [`Money`](crate::Money) value.
    Money,
    /// A [`Figure`](crate::Figure) as people write it, or in the plain file syntax.
    Figure,
    /// A calendar date.
    Date,
    /// A [`Period`].
    Period,
    /// A pledge's sources.
    Source,
    /// A [`Category`](crate::Category) word.
    Category,
    /// An [`Instrument`](crate::Instrument) word.
    Instrument,
    /// A [`Stage`](crate::Stage) word.
    Stage,
    /// A [`SpendingPart`](crate::tables::SpendingPart) word.
    SpendingPart,
    /// A pledge id.
    Id,
    /// A condition's wording or status (`pending`, `met 2025-03-01`, `lapsed`).
    Condition,
}

impl fmt::Display for Grammar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Grammar::Number => "number",
            Grammar::Amount => "amount",
            Grammar::Money => "money",
            Grammar::Figure => "figure",
            Grammar::Date => "date",
            Grammar::Period => "period",
            Grammar::Source => "source",
            Grammar::Category => "category",
            Grammar::Instrument => "instrument",
            Grammar::Stage => "stage",
            Grammar::SpendingPart => "spending part",
            Grammar::Condition => "condition",
            Grammar::Id => "pledge id",
        })
    }
}

/// The arithmetic that overflowed, in an [`ErrorKind::Overflow`] error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// Adding amounts (a sum, a total).
    Addition,
    /// Subtracting amounts (a change, a gap).
    Subtraction,
    /// Multiplying (scaling, a share of GDP).
    Multiplication,
    /// Dividing (a share, a run rate, a ratio).
    Division,
    /// Converting into another currency.
    Conversion,
    /// An average of rates.
    Average,
    /// Spreading an amount over periods.
    Spreading,
    /// Sharing a target out (fair shares).
    Sharing,
    /// Rounding to the minor unit.
    Rounding,
    /// Counting the groups of a total (more than 2³² groups).
    Grouping,
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Operation::Addition => "addition",
            Operation::Subtraction => "subtraction",
            Operation::Multiplication => "multiplication",
            Operation::Division => "division",
            Operation::Conversion => "conversion",
            Operation::Average => "average",
            Operation::Spreading => "spreading",
            Operation::Sharing => "sharing",
            Operation::Rounding => "rounding",
            Operation::Grouping => "grouping",
        })
    }
}

/// What went wrong. Each kind carries the values that explain it; where
/// it happened is the error's [`Position`].
///
/// The enum is `#[non_exhaustive]`: later versions add kinds, so a
/// `match` needs a wildcard arm.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A currency code that is not in the ISO 4217 table (or has no minor
    /// unit, like `XAU`).
    #[error(
        "unknown currency code {:?}: not an ISO 4217 code with a minor unit",
        Quoted(code)
    )]
    UnknownCurrency {
        /// The code as written.
        code: String,
    },
    /// A country code that is not an ISO 3166-1 alpha-2 or alpha-3 code.
    #[error(
        "unknown country code {:?}: not an ISO 3166-1 alpha-2 or alpha-3 code",
        Quoted(code)
    )]
    UnknownCountry {
        /// The code as written.
        code: String,
    },
    /// A donor identifier that is neither a country code nor one of the
    /// documented institution identifiers.
    #[error(
        "unknown donor {:?}: not a country code or name, nor an institution identifier or name",
        Quoted(id)
    )]
    UnknownDonor {
        /// The identifier as written.
        id: String,
    },
    /// A donor's name that could mean more than one donor ("Korea"): the
    /// code says which.
    #[error(
        "the name {:?} could mean {}: write the code",
        Quoted(name),
        one_of(candidates)
    )]
    AmbiguousName {
        /// The name as written.
        name: String,
        /// The donors it could mean, in code order.
        candidates: Vec<Donor>,
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
    /// Checked arithmetic whose exact result is beyond what a `Decimal`
    /// holds (about ±7.9e28, 28 significant digits).
    #[error(
        "arithmetic overflow: the exact result of the {operation} is beyond what a decimal holds"
    )]
    Overflow {
        /// The operation.
        operation: Operation,
    },
    /// A written amount that a `Decimal` cannot hold exactly: beyond about
    /// ±7.9e28, or with more than 28 digits after the point.
    #[error(
        "amount {:?} is more than a decimal holds exactly (up to about ±7.9e28, at most 28 digits after the point)",
        Quoted(text)
    )]
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
    #[error("invalid {grammar} {:?} at byte {offset}: {reason}", Quoted(input))]
    Syntax {
        /// What was being read.
        grammar: Grammar,
        /// The text (its first characters, if it is long).
        input: String,
        /// The byte offset in the text where reading failed.
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
    /// Two pledges with the same id, in one collection or one input.
    #[error("duplicate pledge id {:?}", Quoted(id))]
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
    /// A second quote for a currency and day that differs from the one
    /// recorded (a day has one reference rate), or a quote for EUR other
    /// than 1 (EUR is 1 on every day; `recorded` is then 1).
    #[error(
        "a {currency} rate of {given} on {date} differs from the {recorded} recorded for that day"
    )]
    ConflictingRate {
        /// The currency.
        currency: Currency,
        /// The day.
        date: NaiveDate,
        /// The quote already in the table.
        recorded: Decimal,
        /// The quote given again.
        given: Decimal,
    },
    /// An undated pledge in another currency, converted by a rule that needs
    /// its announcement date: fix a conversion date instead. The position
    /// names the pledge.
    #[error(
        "the pledge is undated: its {currency} amount needs a rule that names a date or a rate"
    )]
    UndatedConversion {
        /// The pledge's currency.
        currency: Currency,
    },
    /// A required column is not in the header.
    #[error("missing required column {name:?}")]
    MissingColumn {
        /// The column's name.
        name: &'static str,
    },
    /// A column appears twice in the header.
    #[error("column {:?} appears twice", Quoted(name))]
    DuplicateColumn {
        /// The column's name.
        name: String,
    },
    /// A column the format does not know (allowed with the reader option to
    /// ignore unknown columns), or a value under a column with no name.
    #[error("unknown column {:?}", Quoted(name))]
    UnknownColumn {
        /// The column's name as written.
        name: String,
    },
    /// A record with more or fewer fields than the header.
    #[error("{found} fields where the header has {expected}")]
    FieldCount {
        /// The header's number of fields.
        expected: u64,
        /// The record's.
        found: u64,
    },
    /// A quoted field whose closing quote never comes: the rest of the
    /// input would be read as its text. The position is the record's line
    /// and the field where the quote opens.
    #[error("a quoted field is not closed before the end of the input")]
    UnclosedQuote,
    /// Text between a quoted field's closing quote and the comma or line
    /// break that should follow it (`"x"y`, `"x" ,`): the `csv` crate
    /// drops the quotes and reads `xy`, so what the field says is a guess.
    /// The position is the record's line and the field. A record that also
    /// leaves a quote open is an [`ErrorKind::UnclosedQuote`]: that one
    /// swallows the rest of the input, and reading cannot go on after it.
    #[error("text after the closing quote of a quoted field")]
    TextAfterQuote,
    /// Bytes that are not UTF-8.
    #[error("the text is not valid UTF-8")]
    InvalidUtf8,
    /// A file with no header at all.
    #[error("the input is empty: no header line")]
    EmptyInput,
    /// Reading or writing failed below the format (a closed pipe, a full
    /// disk); the system's error is the [`source`](std::error::Error::source).
    #[error("i/o error: {kind}")]
    Io {
        /// The kind of the system's error.
        kind: std::io::ErrorKind,
    },
    /// Dates in a rates file that are neither strictly newest first (as the
    /// ECB publishes) nor strictly oldest first.
    #[error("date {date} is out of order after {previous}")]
    DatesOutOfOrder {
        /// The date on that line.
        date: NaiveDate,
        /// The date on the line before.
        previous: NaiveDate,
    },
    /// JSON that could not be read.
    #[error("invalid JSON: {message}")]
    Json {
        /// What was wrong, as the JSON reader says it.
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
    /// The rate table has no quote at all for a currency (for "the latest
    /// quote in the table").
    #[error("no {currency} rate in the table")]
    NoRates {
        /// The currency.
        currency: Currency,
    },
    /// A table's row for a key and year given twice.
    #[error("{what} {:?} and year {year} given twice", Quoted(key))]
    DuplicateRow {
        /// What the key is: `"donor"`, `"area"`.
        what: &'static str,
        /// The key as written.
        key: String,
        /// The year.
        year: i32,
    },
    /// A re-attribution key that is not valid: its shares do not add up
    /// to exactly 1, a member is given twice, a second key for one
    /// institution, an institution among its own members.
    #[error("re-attribution key for {institution}: {reason}")]
    InvalidKey {
        /// The institution whose key it is.
        institution: Donor,
        /// What is wrong.
        reason: &'static str,
    },
    /// A donor group that cannot be defined: its label is too long, holds
    /// a control character or reads as a donor, the label is given twice,
    /// or the group has no donor.
    #[error("donor group {:?}: {reason}", Quoted(label))]
    InvalidGroup {
        /// The group's label as written.
        label: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A donor put in a second donor group: each donor is in at most one.
    #[error(
        "{donor} is in donor group {:?} already, so it cannot be in {:?}",
        Quoted(first),
        Quoted(second)
    )]
    DonorInTwoGroups {
        /// The donor.
        donor: Donor,
        /// The label of the group it is in.
        first: String,
        /// The label of the group it was to go in as well.
        second: String,
    },
    /// Totals that are not grouped as an operation needs.
    #[error("the totals must be grouped {needed}")]
    Grouping {
        /// How they must be grouped.
        needed: &'static str,
    },
    /// No price index for an area and year.
    #[error("no price index for {area} in {year}")]
    MissingIndex {
        /// The country or currency area.
        area: crate::tables::PriceArea,
        /// The year.
        year: i32,
    },
    /// A fixed rate given for one currency asked to convert another.
    #[error("no fixed rate for {currency}: the fixed rate given is for {fixed}")]
    NoFixedRate {
        /// The currency to convert.
        currency: Currency,
        /// The currency of the fixed rate.
        fixed: Currency,
    },
    /// A pledge's amount at a later stage that cannot be recorded: a stage
    /// off the line after committed (announced, cancelled), one not later
    /// than the pledge's first stage, one given twice, or one in another
    /// currency than the pledge's figure.
    #[error("stage amount at \"{stage}\": {reason}")]
    InvalidStageAmount {
        /// The stage of the amount.
        stage: crate::Stage,
        /// Why it cannot be recorded.
        reason: &'static str,
    },
    /// A gap between two stages of one pledge that has no lower bound: the
    /// later stage's amount has no upper bound ("over €1bn delivered").
    #[error("the gap from \"{from}\" to \"{to}\" has no lower bound")]
    UnboundedGap {
        /// The earlier stage.
        from: crate::Stage,
        /// The later stage.
        to: crate::Stage,
    },
}

fn one_of(donors: &[Donor]) -> String {
    let each: Vec<String> = donors
        .iter()
        .map(|d| format!("{} ({})", d.id(), d.name()))
        .collect();
    match each.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => each.join(""),
    }
}

fn join(currencies: &[Currency]) -> String {
    let codes: Vec<&str> = currencies.iter().map(|c| c.code()).collect();
    codes.join(", ")
}

/// Shorthand for `Result<T, alliance_commitments::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_one_pointer_wide() {
        assert!(std::mem::size_of::<Error>() <= 16);
        assert_eq!(
            std::mem::size_of::<Result<(), Error>>(),
            std::mem::size_of::<usize>()
        );
    }

    #[test]
    fn long_values_are_quoted_by_a_short_prefix() {
        let long = "X".repeat(10_000);
        let err = Error::from(ErrorKind::UnknownCurrency { code: long }).at_field(
            3,
            4,
            &"Y".repeat(10_000),
        );
        let text = err.to_string();
        assert!(text.len() < 200, "{} bytes", text.len());
        assert!(text.contains("XXX\"…"), "{text}");
    }

    #[test]
    fn the_position_reads_as_an_editor_shows_it() {
        let err = Error::from(ErrorKind::EmptyInput)
            .at_field(4, 2, "donor")
            .for_pledge(3, Some("de-1"));
        assert_eq!(
            err.to_string(),
            "line 4, column 2 (donor), pledge \"de-1\": the input is empty: no header line"
        );
        let err = Error::from(ErrorKind::EmptyInput).for_pledge(3, None);
        assert_eq!(
            err.to_string(),
            "pledge #3: the input is empty: no header line"
        );
    }

    #[test]
    fn io_errors_keep_the_system_error_as_source() {
        use std::error::Error as _;
        let err = Error::io(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "gone"));
        assert_eq!(
            err.kind(),
            &ErrorKind::Io {
                kind: std::io::ErrorKind::BrokenPipe
            }
        );
        assert_eq!(err.source().map(|e| e.to_string()).as_deref(), Some("gone"));
    }
}
