//! The pledge CSV: one row per pledge, columns in any order.

use crate::error::ErrorKind;
use std::io;
use std::ops::Range;

use super::{Table, write_error};
use crate::fmt::source as sources;
use crate::fmt::{read_date, read_period};
use crate::pledge::LATER;
use crate::pledge::{ConditionStatus, Later, LaterRef, Record};
use crate::totals::IdSet;
use crate::{Category, Currency, Donor, Error, Figure, Instrument, Pledge, Pledges, Stage};

/// The columns of the pledge CSV, in the order [`PledgeWriter`] writes them.
///
/// | column | required | content | when empty or absent |
/// |---|---|---|---|
/// | `id` | no | an identifier, unique in the file | no id |
/// | `donor` | yes | ISO 3166-1 alpha-2 or alpha-3, or an institution id (`EU`, `EPF`, `EIB`, `NATO`, `NATO-CAP`) | — |
/// | `recipient` | yes | as `donor` | — |
/// | `announced` | no | `YYYY-MM-DD` | undated |
/// | `funded` | no | the period the money is for: `2025`, `2025-H1`, `2025-Q1`, `2025-03`, `FY2024-10`, `2024-01-01..2027-12-31` | unknown |
/// | `delivered` | no | a period as above (a day: `2025-06-01`) | not delivered |
/// | `category` | no | `military`, `financial`, `humanitarian` | `military` |
/// | `instrument` | no | `grant`, `loan`, `guarantee`, `in-kind`, `other` | `grant` |
/// | `stage` | no | `announced`, `committed`, `allocated`, `delivered`, `cancelled` | `announced` |
/// | `amount` | yes | the figure in plain syntax ([`Figure::parse_plain`]): `1500000000`, `-62000000`, `over 20000000000`, `about 50000000000 ± 5%`, `between 1000000000 and 2000000000` | — |
/// | `currency` | yes | ISO 4217 code | — |
/// | `source` | no | sources, one per line: `publisher\|title\|url\|published\|speaker\|quote` (trailing fields may be left out; `\|`, `\\`, `\n` escape) | none |
/// | `committed_amount` | no | the amount at the committed stage, when it is a later stage than `stage`, in plain syntax and the row's `currency` | none |
/// | `committed_on` | no | `YYYY-MM-DD`, the day it was committed (only with `committed_amount`) | undated |
/// | `allocated_amount`, `allocated_on` | no | likewise for the allocated stage | none |
/// | `delivered_amount`, `delivered_on` | no | likewise for the delivered stage | none |
/// | `condition` | no | the wording of the condition a conditional pledge holds under | not conditional |
/// | `condition_status` | with `condition` | `pending`, `met YYYY-MM-DD`, `lapsed` | — |
///
/// **Several stages on one row.** A row is one pledge; `stage`, `amount`
/// and `announced` give its first stage, and the `*_amount` / `*_on` pairs
/// its later stages ([`PledgeBuilder::at_stage`](crate::PledgeBuilder::at_stage)).
/// A Kiel activity is one row: `stage` committed with the activity value
/// as `amount`, the sub-activity value as `allocated_amount`. An IATI
/// activity likewise: its commitment transaction as the first stage, its
/// disbursements summed as `delivered_amount` on the last one's date.
/// Files without these columns read as before.
///
/// Fields are trimmed of surrounding spaces. A UTF-8 byte-order mark and
/// CRLF line ends are accepted. Errors: a missing required column, a
/// duplicated or unknown column (unless [`CsvOptions::ignore_unknown_columns`]),
/// a row with too few or too many fields, bytes that are not UTF-8, and
/// any field that does not read — each naming its line and column.
pub const COLUMNS: [&str; 20] = [
    "id",
    "donor",
    "recipient",
    "announced",
    "funded",
    "delivered",
    "category",
    "instrument",
    "stage",
    "amount",
    "currency",
    "source",
    "committed_amount",
    "committed_on",
    "allocated_amount",
    "allocated_on",
    "delivered_amount",
    "delivered_on",
    "condition",
    "condition_status",
];

/// The columns a pledge CSV must have.
pub const REQUIRED: [&str; 4] = ["donor", "recipient", "amount", "currency"];

const ID: usize = 0;
const DONOR: usize = 1;
const RECIPIENT: usize = 2;
const ANNOUNCED: usize = 3;
const FUNDED: usize = 4;
const DELIVERED: usize = 5;
const CATEGORY: usize = 6;
const INSTRUMENT: usize = 7;
const STAGE: usize = 8;
const AMOUNT: usize = 9;
const CURRENCY: usize = 10;
const SOURCE: usize = 11;
/// The amount and date columns of each later stage, in `LATER` order.
const LATER_COLUMNS: [(usize, usize); 3] = [(12, 13), (14, 15), (16, 17)];
const CONDITION: usize = 18;
const CONDITION_STATUS: usize = 19;

/// Options for reading the pledge CSV.
///
/// ```
/// use alliance_commitments::{Pledges};
/// use alliance_commitments::io::CsvOptions;
/// let csv = "donor,recipient,amount,currency,note\nDE,UA,5,EUR,hello\n";
/// assert!(Pledges::new().read_csv(csv.as_bytes()).is_err()); // unknown column "note"
/// let mut pledges = Pledges::new();
/// pledges.read_csv_with(csv.as_bytes(), CsvOptions::new().ignore_unknown_columns(true))?;
/// assert_eq!(pledges.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CsvOptions {
    ignore_unknown_columns: bool,
}

impl CsvOptions {
    /// The defaults: unknown columns are an error.
    pub fn new() -> CsvOptions {
        CsvOptions::default()
    }

    /// Whether columns the format does not know are skipped rather than an
    /// error.
    #[must_use]
    pub fn ignore_unknown_columns(mut self, yes: bool) -> CsvOptions {
        self.ignore_unknown_columns = yes;
        self
    }
}

/// Reads pledges from a CSV one row at a time: an iterator of
/// `Result<Pledge, Error>` that holds one row in memory, never the file.
///
/// ```
/// use alliance_commitments::io::{CsvOptions, PledgeReader};
/// let csv = "donor,recipient,announced,amount,currency\nDE,UA,2025-02-12,over 1000000000,EUR\n";
/// let mut reader = PledgeReader::new(csv.as_bytes(), CsvOptions::new())?;
/// let pledge = reader.next().unwrap()?;
/// assert_eq!(pledge.figure().to_string(), "over €1bn");
/// assert!(reader.next().is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct PledgeReader<R> {
    table: Table<R>,
    layout: Layout,
    // Data rows read so far: the place of the current pledge in the file.
    record: u64,
    failed: bool,
    // Whether a row that does not read ends the reading (the default) or
    // is reported and skipped.
    skip_bad_rows: bool,
    // How many threads `totals` reads on.
    threads: usize,
}

/// What the header of a pledge CSV says: where each known column is, and
/// the names errors quote.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    // For each known column, its index in the file.
    index: [Option<usize>; COLUMNS.len()],
    names: Vec<String>,
    // Whether the file has a column of later stages or a condition: most
    // files have none, and their rows skip those reads.
    has_later: bool,
}

/// One row of a pledge CSV as its fields lie, and where it is in the file:
/// the one reader of a row, whichever thread reads it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row<'a> {
    layout: &'a Layout,
    bytes: &'a [u8],
    /// `bytes` as text, when the caller has checked them all at once (a
    /// batch of rows does): text fields are then cut from it instead of
    /// each being checked on its own.
    text: Option<&'a str>,
    /// Where each field lies in `bytes`.
    ranges: &'a [Range<usize>],
    /// The line on which the row starts.
    pub(crate) line: u64,
    /// The row's 1-based place among the data rows.
    pub(crate) record: u64,
}

impl<R: io::Read> PledgeReader<R> {
    /// Reads the header.
    ///
    /// # Errors
    ///
    /// The input is empty, or the header lacks a required column, repeats
    /// one, or (without [`CsvOptions::ignore_unknown_columns`]) has an
    /// unknown one.
    pub fn new(reader: R, options: CsvOptions) -> Result<PledgeReader<R>, Error> {
        let table = Table::open(reader)?;
        let mut index = [None; COLUMNS.len()];
        for (i, name) in table.names().iter().enumerate() {
            match COLUMNS.iter().position(|c| c == name) {
                Some(k) if index[k].is_some() => {
                    let twice = ErrorKind::DuplicateColumn { name: name.clone() };
                    return Err(table.at(i, twice.into()));
                }
                Some(k) => index[k] = Some(i),
                None if options.ignore_unknown_columns => {}
                None => {
                    let unknown = ErrorKind::UnknownColumn { name: name.clone() };
                    return Err(table.at(i, unknown.into()));
                }
            }
        }
        for name in REQUIRED {
            let k = COLUMNS.iter().position(|c| *c == name).unwrap_or(0);
            if index[k].is_none() {
                return Err(Error::from(ErrorKind::MissingColumn { name }).at_line(table.line()));
            }
        }
        let layout = Layout {
            index,
            names: table.names().to_vec(),
            has_later: (LATER_COLUMNS[0].0..=CONDITION_STATUS).any(|k| index[k].is_some()),
        };
        Ok(PledgeReader {
            table,
            layout,
            record: 0,
            failed: false,
            skip_bad_rows: false,
            threads: 1,
        })
    }

    /// Whether reading goes on after a row that does not read: the
    /// iterator yields that row's error, then the next row. By default
    /// (`false`) the first error ends the reading, as a load needs.
    ///
    /// A row with the wrong number of fields or text after a closing
    /// quote, a field that does not read or a pledge that does not build
    /// is skipped this way; an error below the rows (reading the input
    /// failed, a quote never closed) still ends the reading, since nothing
    /// after it can be trusted. [`PledgeReader::totals`] stops at
    /// the first error either way.
    ///
    /// ```
    /// use alliance_commitments::io::{CsvOptions, PledgeReader};
    /// let csv = "donor,recipient,amount,currency\n\
    ///            DE,UA,5,EUX\n\
    ///            DE,UA\n\
    ///            PL,UA,7,PLN\n";
    /// let reader = PledgeReader::new(csv.as_bytes(), CsvOptions::new())?.skip_bad_rows(true);
    /// let lines: Vec<String> = reader
    ///     .map(|row| match row {
    ///         Ok(pledge) => pledge.donor().id().to_owned(),
    ///         Err(e) => format!("line {}", e.position().line().unwrap()),
    ///     })
    ///     .collect();
    /// assert_eq!(lines, ["line 2", "line 3", "PL"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn skip_bad_rows(mut self, yes: bool) -> PledgeReader<R> {
        self.skip_bad_rows = yes;
        self
    }

    /// How many threads [`PledgeReader::totals`] works on (at least one,
    /// at most 8; one, the default, spawns none). With more, the calling
    /// thread splits the file into rows and counts them in the file's
    /// order while the others read the rows' fields; sums of alike pledges
    /// are cut into pieces on any thread and counted in order; and one
    /// more thread settles the ids while the totals are made. Whatever
    /// decides a total or an error happens in the order one thread would
    /// take, so the result, or the first error, is the same for any
    /// number. The iterator reads on the calling thread alone.
    ///
    /// ```
    /// use alliance_commitments::{Key, Query};
    /// use alliance_commitments::io::{CsvOptions, PledgeReader};
    /// let csv = "donor,recipient,amount,currency\nDE,UA,5,EUR\nFR,UA,7,EUR\n";
    /// let reader = PledgeReader::new(csv.as_bytes(), CsvOptions::new())?.threads(2);
    /// let totals = reader.totals(&Query::new().by(Key::Donor))?;
    /// assert_eq!(totals.grand_total().single().unwrap().to_string(), "€12");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn threads(mut self, n: usize) -> PledgeReader<R> {
        // The pipeline works on at most 8.
        self.threads = n.max(1);
        self
    }

    /// The number of threads [`PledgeReader::totals`] reads on.
    pub(crate) fn thread_count(&self) -> usize {
        self.threads
    }

    /// The column names of the header, in the file's order, as written
    /// (trimmed of surrounding spaces).
    ///
    /// ```
    /// use alliance_commitments::io::{CsvOptions, PledgeReader};
    /// let csv = "id, donor,recipient,amount,currency\n";
    /// let reader = PledgeReader::new(csv.as_bytes(), CsvOptions::new())?;
    /// assert_eq!(reader.columns(), ["id", "donor", "recipient", "amount", "currency"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn columns(&self) -> &[String] {
        self.table.names()
    }

    /// The line of the last row read (the header is line 1).
    pub fn line(&self) -> u64 {
        self.table.line()
    }

    /// What the header says of the columns.
    pub(crate) fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The current row.
    #[inline]
    pub(crate) fn row(&self) -> Row<'_> {
        let (bytes, ranges) = self.table.fields();
        Row::new(&self.layout, bytes, ranges, self.table.line(), self.record)
    }

    /// An error about a pledge placed in the file, as [`Row::place`]
    /// places it at the current row.
    pub(crate) fn place(&self, e: Error) -> Error {
        self.row().place(e)
    }

    /// Reads the next record; `Ok(false)` at the end. After an error the
    /// stream cannot be trusted and reads end.
    pub(crate) fn advance(&mut self) -> Result<bool, Error> {
        if self.failed {
            return Ok(false);
        }
        let result = self.table.next();
        match &result {
            Ok(true) => self.record += 1,
            Ok(false) => {}
            // The row was read to its end: the next one starts cleanly.
            Err(e)
                if self.skip_bad_rows
                    && matches!(
                        e.kind(),
                        ErrorKind::FieldCount { .. } | ErrorKind::TextAfterQuote
                    ) =>
            {
                self.record += 1;
                return result.map_err(|e| e.for_pledge(self.record, None));
            }
            Err(_) => self.failed = true,
        }
        result.map_err(|e| e.for_pledge(self.record + 1, None))
    }
}

impl<'a> Row<'a> {
    /// A row of fields lying at `ranges` in `bytes`.
    pub(crate) fn new(
        layout: &'a Layout,
        bytes: &'a [u8],
        ranges: &'a [Range<usize>],
        line: u64,
        record: u64,
    ) -> Row<'a> {
        Row {
            layout,
            bytes,
            text: None,
            ranges,
            line,
            record,
        }
    }

    /// The row, its bytes known to be `text`.
    pub(crate) fn with_text(self, text: Option<&'a str>) -> Row<'a> {
        debug_assert!(text.is_none_or(|t| t.as_bytes() == self.bytes));
        Row { text, ..self }
    }

    /// A text field (an id, sources), `b` lying in the row's bytes.
    ///
    /// # Errors
    ///
    /// `InvalidUtf8` if it is not text.
    #[inline]
    fn text(&self, b: &'a [u8]) -> Result<&'a str, Error> {
        let at = (b.as_ptr() as usize).wrapping_sub(self.bytes.as_ptr() as usize);
        match self.text.and_then(|t| t.get(at..at.checked_add(b.len())?)) {
            Some(t) => Ok(t),
            None => text(b),
        }
    }

    /// The bytes the row's fields lie in.
    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// Where each field lies in [`Row::bytes`].
    pub(crate) fn ranges(&self) -> &'a [Range<usize>] {
        self.ranges
    }

    /// Places an error at column `k` of the row and names the pledge by
    /// its place in the file.
    fn at(&self, k: usize, source: Error) -> Error {
        let e = match self.layout.index[k] {
            Some(i) => {
                let name = self.layout.names.get(i).map_or("", String::as_str);
                source.at_field(self.line, i + 1, name)
            }
            None => source.at_line(self.line),
        };
        e.for_pledge(self.record, None)
    }

    /// The row's field `k`, as written (empty if the column is absent).
    #[inline]
    fn raw(&self, k: usize) -> &'a [u8] {
        self.layout.index[k]
            .and_then(|i| self.ranges.get(i))
            .and_then(|r| self.bytes.get(r.clone()))
            .unwrap_or_default()
    }

    /// An optional field: empty (or only white space) is `None`; else the
    /// trimmed bytes read by the grammar's one parser, whose error is
    /// placed at the field (as an `InvalidUtf8` error if the bytes are not
    /// text at all).
    #[inline]
    fn optional<T>(
        &self,
        k: usize,
        parse: impl FnOnce(&'a [u8]) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        let raw = self.raw(k);
        let b = match (raw.first(), raw.last()) {
            (None, _) | (_, None) => return Ok(None),
            // Most fields need no trimming.
            (Some(a), Some(z)) if a.is_ascii_graphic() && z.is_ascii_graphic() => raw,
            _ => self.trimmed(k, raw)?,
        };
        if b.is_empty() {
            return Ok(None);
        }
        parse(b).map(Some).map_err(|e| self.bad(k, b, e))
    }

    /// A field with white space at an end, trimmed as `str::trim` trims.
    #[cold]
    fn trimmed(&self, k: usize, raw: &'a [u8]) -> Result<&'a [u8], Error> {
        match (raw.first(), raw.last()) {
            (Some(a), Some(z)) if a.is_ascii() && z.is_ascii() => Ok(trim_ascii(raw)),
            // Unicode white space may stand at an end.
            _ => match std::str::from_utf8(raw) {
                Ok(text) => Ok(text.trim().as_bytes()),
                Err(_) => Err(self.at(k, ErrorKind::InvalidUtf8.into())),
            },
        }
    }

    /// The error of a field that did not read: `InvalidUtf8` if the bytes
    /// are not text, else the grammar's, placed at the field.
    #[cold]
    #[inline(never)]
    fn bad(&self, k: usize, b: &[u8], e: Error) -> Error {
        match std::str::from_utf8(b) {
            Ok(_) => self.at(k, e),
            Err(_) => self.at(k, ErrorKind::InvalidUtf8.into()),
        }
    }

    /// A required field, read as [`Row::optional`] reads one; empty is an
    /// error.
    #[inline]
    fn required<T>(
        &self,
        k: usize,
        parse: impl FnOnce(&'a [u8]) -> Result<T, Error>,
    ) -> Result<T, Error> {
        match self.optional(k, parse)? {
            Some(x) => Ok(x),
            None => Err(self.at(k, ErrorKind::EmptyField { field: COLUMNS[k] }.into())),
        }
    }

    /// The row read as far as totals need it — every field but the
    /// sources, checked as [`Pledge::build`] checks it. Nothing is
    /// allocated unless there is an error.
    pub(crate) fn record(&self) -> Result<Record<'a>, Error> {
        let donor = self.required(DONOR, Donor::read)?;
        let recipient = self.required(RECIPIENT, Donor::read)?;
        let currency = self.required(CURRENCY, Currency::read)?;
        let figure = self.required(AMOUNT, |b| Figure::read_plain(b, currency))?;
        // In the order errors have always been reported.
        let id = self.optional(ID, |b| self.text(b))?;
        let announced = self.optional(ANNOUNCED, read_date)?;
        let funded = self.optional(FUNDED, read_period)?;
        let delivered = self.optional(DELIVERED, read_period)?;
        let has_later = self.layout.has_later;
        let mut later = Later::default();
        let stages = if has_later { &LATER_COLUMNS[..] } else { &[] };
        for (stage, &(amount, on)) in LATER.iter().zip(stages) {
            let figure = self.optional(amount, |b| Figure::read_plain(b, currency))?;
            let date = self.optional(on, read_date)?;
            match (figure, date) {
                (Some(figure), date) => later.set(*stage, figure, date),
                (None, Some(_)) => {
                    let missing = ErrorKind::EmptyField {
                        field: COLUMNS[amount],
                    };
                    return Err(self.at(amount, missing.into()));
                }
                (None, None) => {}
            }
        }
        let condition = match (
            if has_later {
                self.optional(CONDITION, |b| self.text(b))?
            } else {
                None
            },
            if has_later {
                self.optional(CONDITION_STATUS, ConditionStatus::read)?
            } else {
                None
            },
        ) {
            (Some(wording), Some(status)) => Some((wording, status)),
            (None, None) => None,
            (Some(_), None) => {
                let missing = ErrorKind::EmptyField {
                    field: COLUMNS[CONDITION_STATUS],
                };
                return Err(self.at(CONDITION_STATUS, missing.into()));
            }
            (None, Some(_)) => {
                let missing = ErrorKind::EmptyField {
                    field: COLUMNS[CONDITION],
                };
                return Err(self.at(CONDITION, missing.into()));
            }
        };
        let record = Record {
            id,
            donor,
            recipient,
            figure,
            announced,
            funded,
            delivered,
            category: self
                .optional(CATEGORY, Category::read)?
                .unwrap_or(Category::Military),
            instrument: self
                .optional(INSTRUMENT, Instrument::read)?
                .unwrap_or(Instrument::Grant),
            stage: self
                .optional(STAGE, Stage::read)?
                .unwrap_or(Stage::Announced),
            later: LaterRef::of(later),
            condition,
        };
        record.check().map_err(|e| self.at_row(e, record.id))?;
        Ok(record)
    }

    /// Places an error about the row as a whole (not one field) at its line.
    fn at_row(&self, e: Error, id: Option<&str>) -> Error {
        e.at_line(self.line).for_pledge(self.record, id)
    }

    /// The sources of the row, checked.
    pub(crate) fn sources(&self) -> Result<Vec<crate::Source>, Error> {
        Ok(self
            .optional(SOURCE, |b| sources::decode(self.text(b)?))?
            .unwrap_or_default())
    }

    /// The sources of the row checked, not built: what totals need of
    /// them.
    pub(crate) fn check_sources(&self) -> Result<(), Error> {
        self.optional(SOURCE, |b| sources::check(self.text(b)?))
            .map(|_| ())
    }

    /// The row's pledge, built.
    fn pledge(&self) -> Result<Pledge, Error> {
        let record = self.record()?;
        let sources = self.sources()?;
        record
            .build(sources)
            .map_err(|e| e.at_line(self.line).for_pledge(self.record, record.id))
    }

    /// An error about a pledge placed in the file: an id given twice at
    /// its id column (the line is the one it was read from), an error
    /// about this row's pledge at its line; others (about a group) as they
    /// are.
    pub(crate) fn place(&self, e: Error) -> Error {
        match e.kind() {
            ErrorKind::DuplicateId { .. } => self.at(ID, e),
            _ if e.position().record() == Some(self.record) => e.at_line(self.line),
            _ => e,
        }
    }
}

/// ASCII white space removed from both ends: the bytes `str::trim`
/// removes when both ends are ASCII (tab to carriage return, and space).
#[inline]
fn trim_ascii(b: &[u8]) -> &[u8] {
    let space = |c: &u8| matches!(c, b'\t'..=b'\r' | b' ');
    let start = b.iter().position(|c| !space(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !space(c)).map_or(start, |i| i + 1);
    &b[start..end]
}

/// A text field (an id, sources) as text.
fn text(b: &[u8]) -> Result<&str, Error> {
    std::str::from_utf8(b).map_err(|_| ErrorKind::InvalidUtf8.into())
}

impl<R: io::Read> Iterator for PledgeReader<R> {
    type Item = Result<Pledge, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.advance() {
            Ok(false) => None,
            Ok(true) => {
                let result = self.row().pledge();
                self.failed = result.is_err() && !self.skip_bad_rows;
                Some(result)
            }
            Err(e) => Some(Err(e)),
        }
    }
}

/// Writes pledges as CSV with every column of [`COLUMNS`], in that order;
/// what it writes reads back to equal pledges (same decimals, same scale).
#[derive(Debug)]
pub struct PledgeWriter<W: io::Write> {
    csv: csv::Writer<W>,
    line: u64,
}

impl<W: io::Write> PledgeWriter<W> {
    /// Writes the header.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] if writing the header fails.
    pub fn new(writer: W) -> Result<PledgeWriter<W>, Error> {
        let mut csv = csv::WriterBuilder::new().from_writer(writer);
        csv.write_record(COLUMNS).map_err(|e| write_error(e, 1))?;
        Ok(PledgeWriter { csv, line: 1 })
    }

    /// Writes one pledge.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] if writing fails.
    pub fn write(&mut self, p: &Pledge) -> Result<(), Error> {
        self.line += 1;
        let opt = |x: Option<String>| x.unwrap_or_default();
        let row = [
            opt(p.id().map(str::to_owned)),
            p.donor().id().to_owned(),
            p.recipient().id().to_owned(),
            opt(p.announced().map(|d| d.to_string())),
            opt(p.funded().map(|x| x.to_string())),
            opt(p.delivered().map(|x| x.to_string())),
            p.category().to_string(),
            p.instrument().to_string(),
            p.stage().to_string(),
            p.figure().plain().to_string(),
            p.figure().currency().to_string(),
            sources::encode(p.sources()),
        ];
        let mut later = [const { String::new() }; 6];
        for (i, stage) in LATER.iter().enumerate() {
            if let Some(a) = p.later().get(*stage) {
                later[2 * i] = a.0.plain().to_string();
                later[2 * i + 1] = opt(a.1.map(|d| d.to_string()));
            }
        }
        let (condition, status) = match p.condition() {
            Some(c) => (c.wording().to_owned(), c.status().to_string()),
            None => (String::new(), String::new()),
        };
        let row = row.into_iter().chain(later).chain([condition, status]);
        self.csv
            .write_record(row)
            .map_err(|e| write_error(e, self.line))
    }

    /// Flushes and returns the writer.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] if flushing fails.
    pub fn finish(self) -> Result<W, Error> {
        let line = self.line;
        self.csv
            .into_inner()
            .map_err(|e| Error::io(e.into_error()).at_line(line))
    }
}

impl Pledges {
    /// Reads a pledge CSV (format: [`COLUMNS`]) into the collection with the
    /// default options; all or nothing: on any error the collection is left
    /// as it was. Returns the number of pledges read.
    ///
    /// ```
    /// use alliance_commitments::Pledges;
    /// let csv = "id,donor,recipient,announced,funded,amount,currency\n\
    ///            de-1,DE,UA,2025-02-12,2025,1500000000.00,EUR\n\
    ///            nl-fix,NL,UA,,,-62000000,EUR\n";
    /// let mut pledges = Pledges::new();
    /// assert_eq!(pledges.read_csv(csv.as_bytes())?, 2);
    /// assert_eq!(pledges.get("de-1").unwrap().figure().stated().amount().to_string(), "1500000000.00");
    /// assert!(pledges.get("nl-fix").unwrap().is_correction());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Pledges::read_csv_with`].
    pub fn read_csv<R: io::Read>(&mut self, reader: R) -> Result<usize, Error> {
        self.read_csv_with(reader, CsvOptions::new())
    }

    /// [`Pledges::read_csv`] with options.
    ///
    /// # Errors
    ///
    /// As [`PledgeReader::new`] for the header. For a record: the error of a field
    /// that cannot be read (e.g. [`ErrorKind::UnknownCountry`],
    /// [`ErrorKind::Syntax`], [`ErrorKind::EmptyField`]),
    /// [`ErrorKind::FieldCount`], [`ErrorKind::UnclosedQuote`], [`ErrorKind::TextAfterQuote`],
    /// [`ErrorKind::InvalidUtf8`] or [`ErrorKind::Io`].
    /// [`ErrorKind::DuplicateId`] for an id given twice or already in the
    /// collection.
    pub fn read_csv_with<R: io::Read>(
        &mut self,
        reader: R,
        options: CsvOptions,
    ) -> Result<usize, Error> {
        let mut reader = PledgeReader::new(reader, options)?;
        let mut ids = IdSet::default();
        let mut read = Vec::new();
        while let Some(next) = reader.next() {
            let pledge = next.map_err(|e| ids.first(e))?;
            if let Some(id) = pledge.id() {
                let line = Some(reader.line());
                if self.get(id).is_some() {
                    let twice = Error::from(ErrorKind::DuplicateId { id: id.to_owned() })
                        .for_pledge(reader.record, Some(id));
                    return Err(reader.place(ids.first(twice)));
                }
                ids.insert(id, reader.record, line);
            }
            read.push(pledge);
        }
        ids.flush().map_err(|e| reader.place(e))?;
        let n = read.len();
        self.extend(read)?;
        Ok(n)
    }

    /// Writes the collection as a pledge CSV, in the order added.
    ///
    /// ```
    /// use alliance_commitments::{Country, Pledge, Pledges};
    /// let mut pledges = Pledges::new();
    /// pledges.add(Pledge::builder(Country::DE, Country::UA, "about €50bn".parse()?).id("x").build()?)?;
    /// let mut out = Vec::new();
    /// pledges.write_csv(&mut out)?;
    /// let text = String::from_utf8(out)?;
    /// assert_eq!(text.lines().nth(1), Some("x,DE,UA,,,,military,grant,announced,about 50000000000,EUR,,,,,,,,,"));
    /// let mut back = Pledges::new();
    /// back.read_csv(text.as_bytes())?;
    /// assert_eq!(back, pledges);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Io`] if writing fails.
    pub fn write_csv<W: io::Write>(&self, writer: W) -> Result<(), Error> {
        let mut w = PledgeWriter::new(writer)?;
        for p in self {
            w.write(p)?;
        }
        w.finish().map(|_| ())
    }
}
