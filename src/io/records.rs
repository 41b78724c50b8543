//! CSV records, read the way the `csv` crate reads them, faster for the
//! lines that make up nearly all of a large file.
//!
//! A line whose fields are plain (no quote, no carriage return but a final
//! one) or quoted whole (`"a, ""b""",` — doubled quotes and line breaks
//! inside) is split at its commas right where it lies in the buffer; only
//! a record with doubled quotes is copied, to undo them. Anything else —
//! text around a quoted field, a lone carriage return, blank lines, a
//! byte-order mark, the header — is handed to `csv_core`, the parser under
//! the `csv` crate, from the same point. Records, field counts and errors
//! are those of `csv::Reader` with the settings the crate uses (comma,
//! double quotes, CRLF, LF or CR, equal field counts), but for two inputs
//! `csv` reads without a word and this reader refuses: a quote left open
//! at the end of the input (`csv` closes it, making the rest of the file
//! one field) and text after a closing quote (`"x"y`, which `csv` reads
//! as `xy`). Tests read random inputs both ways. Line numbers are where
//! each record starts (`csv` gives the line after the previous record, one
//! short after CRLF line ends or blank lines). `csv_core` looks at every
//! byte through a state machine, which is why common lines do not go
//! through it.

use std::io;
use std::ops::Range;

use csv_core::ReadRecordResult;

use crate::Error;
use crate::error::ErrorKind;

/// The UTF-8 byte-order mark, which `csv_core` takes off the start of a file.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// A reader of CSV records over bytes.
#[derive(Debug)]
pub(crate) struct Records<R> {
    inner: R,
    buf: Vec<u8>,
    /// The unread bytes are `buf[start..end]`.
    start: usize,
    end: usize,
    eof: bool,
    core: csv_core::Reader,
    /// 1 + the line breaks read so far (CRLF, LF or a lone CR).
    lines: u64,
    /// Whether the last byte read was a CR, which makes a line break with
    /// an LF after it and alone.
    after_cr: bool,
    /// Where the current record lies: in `buf` (a plain line) or in
    /// `fields` (parsed by `csv_core`), and each field's range there.
    in_buf: Option<Range<usize>>,
    fields: Vec<u8>,
    ranges: Vec<Range<usize>>,
    ends: Vec<usize>,
    /// The line on which the current record starts (past blank lines).
    record_line: u64,
    /// The field count of the first record.
    expected: Option<usize>,
    /// Whether `csv_core` has been given input yet (it looks for a
    /// byte-order mark in its first input only).
    core_started: bool,
}

impl<R: io::Read> Records<R> {
    pub(crate) fn new(inner: R) -> Records<R> {
        Records {
            inner,
            buf: vec![0; 1 << 18],
            start: 0,
            end: 0,
            eof: false,
            core: csv_core::Reader::new(),
            lines: 1,
            after_cr: false,
            in_buf: None,
            fields: vec![0; 1 << 10],
            ranges: Vec::new(),
            ends: vec![0; 64],
            record_line: 1,
            expected: None,
            core_started: false,
        }
    }

    /// The line on which the current record starts.
    pub(crate) fn line(&self) -> u64 {
        self.record_line
    }

    /// The number of fields of the current record.
    pub(crate) fn len(&self) -> usize {
        self.ranges.len()
    }

    /// The current record's bytes, in which [`Records::range`] places each
    /// field.
    pub(crate) fn bytes(&self) -> &[u8] {
        match &self.in_buf {
            Some(r) => &self.buf[r.clone()],
            None => &self.fields[..self.ranges.last().map_or(0, |r| r.end)],
        }
    }

    /// The current record's bytes and where each field lies in them.
    pub(crate) fn fields(&self) -> (&[u8], &[Range<usize>]) {
        (self.bytes(), &self.ranges)
    }

    /// Where field `i` lies in [`Records::bytes`].
    pub(crate) fn range(&self, i: usize) -> Option<Range<usize>> {
        self.ranges.get(i).cloned()
    }

    /// Field `i` of the current record.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<&[u8]> {
        self.bytes().get(self.range(i)?)
    }

    /// Reads more input, keeping the unread bytes; grows the buffer when
    /// they fill it.
    fn fill(&mut self) -> Result<(), Error> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        loop {
            match self.inner.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    return Err(Error::io(e).at_line(self.lines));
                }
            }
        }
    }

    /// Passes over blank lines before a record (as `csv_core` does) and
    /// notes the line where the record starts.
    fn skip_blank_lines(&mut self) -> Result<(), Error> {
        loop {
            if self.start == self.end {
                if self.eof {
                    break;
                }
                self.fill()?;
                continue;
            }
            let avail = &self.buf[self.start..self.end];
            let n = avail
                .iter()
                .position(|&b| b != b'\n' && b != b'\r')
                .unwrap_or(avail.len());
            if n == 0 {
                break;
            }
            if self.expected.is_none() {
                // Before the first record, `csv_core` must see the blank
                // lines itself: a byte-order mark after them is not one.
                let (mut fields, mut ends) = ([0u8; 1], [0usize; 1]);
                let _ = self.core.read_record(&avail[..n], &mut fields, &mut ends);
                self.core_started = true;
            }
            (self.lines, self.after_cr) = count_lines(self.lines, self.after_cr, &avail[..n]);
            self.start += n;
        }
        if std::mem::take(&mut self.after_cr) && self.start < self.end {
            // The CR before the record was a line break of its own.
            self.lines += 1;
        }
        self.record_line = self.lines;
        Ok(())
    }

    /// Notes the line where the first record starts when the input opens
    /// with a byte-order mark: `csv_core` strips the mark and passes over
    /// the blank lines after it itself, so they were not counted here.
    fn line_after_bom(&mut self) -> Result<(), Error> {
        loop {
            let avail = &self.buf[self.start..self.end];
            let Some(after) = avail.strip_prefix(BOM) else {
                return Ok(());
            };
            let blank = after.iter().position(|&b| b != b'\n' && b != b'\r');
            if blank.is_none() && !self.eof {
                self.fill()?;
                continue;
            }
            let n = blank.unwrap_or(after.len());
            let (mut line, after_cr) = count_lines(self.lines, false, &after[..n]);
            // A CR before the record is a line break of its own.
            if after_cr && n < after.len() {
                line += 1;
            }
            self.record_line = line;
            return Ok(());
        }
    }

    /// Reads the next record; `Ok(false)` at the end of the input.
    pub(crate) fn read(&mut self) -> Result<bool, Error> {
        // The first record goes to `csv_core`, which strips a byte-order
        // mark as `csv` does; only then are blank lines passed here.
        if self.expected.is_none() {
            // `csv_core` looks for a byte-order mark in its first input
            // only, and takes a mark with nothing after it for the end.
            while self.end - self.start < 4 && !self.eof {
                self.fill()?;
            }
        }
        self.skip_blank_lines()?;
        if self.expected.is_none() && !self.core_started {
            self.line_after_bom()?;
        }
        let more = if self.expected.is_none() {
            self.read_core()?
        } else {
            loop {
                let avail = &self.buf[self.start..self.end];
                match scan(avail, self.eof, &mut self.ranges) {
                    Scan::Line { len, next, quoted } => {
                        let record = self.start..self.start + len;
                        if quoted.breaks {
                            let inside = &self.buf[record.clone()];
                            (self.lines, _) = count_lines(self.lines, false, inside);
                        }
                        if quoted.unescape == 0 {
                            self.in_buf = Some(record);
                        } else {
                            self.in_buf = None;
                            unescape_into(
                                &self.buf[record.clone()],
                                &mut self.ranges,
                                quoted.unescape,
                                &mut self.fields,
                            );
                        }
                        self.start += next;
                        // The last line of the input may have no break.
                        if next > len {
                            self.lines += 1;
                        }
                        self.after_cr = false;
                        break true;
                    }
                    Scan::Hard => break self.read_core()?,
                    Scan::Partial => self.fill()?,
                }
            }
        };
        if more {
            let found = self.ranges.len();
            match self.expected {
                None => self.expected = Some(found),
                Some(expected) if expected != found => {
                    return Err(Error::from(ErrorKind::FieldCount {
                        expected: expected as u64,
                        found: found as u64,
                    })
                    .at_line(self.record_line));
                }
                Some(_) => {}
            }
        }
        Ok(more)
    }

    /// Reads one record with `csv_core`. A quote left open at the end of
    /// the input is an error here: `csv_core` closes it silently, which
    /// would make the rest of a file one field. So is text after a closing
    /// quote, which `csv_core` joins to the quoted text without its quotes.
    fn read_core(&mut self) -> Result<bool, Error> {
        self.in_buf = None;
        let mut quoting = Quoting::default();
        // `unescape_into` may have left the buffer short.
        if self.fields.len() < 1 << 10 {
            self.fields.resize(1 << 10, 0);
        }
        let (mut out, mut nends) = (0, 0);
        loop {
            // An empty input tells `csv_core` that the data ended.
            if self.start == self.end && !self.eof {
                self.fill()?;
                continue;
            }
            let input = &self.buf[self.start..self.end];
            let bom = !self.core_started && input.starts_with(BOM);
            self.core_started = true;
            let (result, nin, nout, nend) =
                self.core
                    .read_record(input, &mut self.fields[out..], &mut self.ends[nends..]);
            quoting = quoting.after(&input[if bom { 3 } else { 0 }..nin]);
            (self.lines, self.after_cr) = count_lines(self.lines, self.after_cr, &input[..nin]);
            self.start += nin;
            out += nout;
            nends += nend;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let n = self.fields.len() * 2;
                    self.fields.resize(n, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                ReadRecordResult::Record if quoting.open => {
                    let unclosed = Error::from(ErrorKind::UnclosedQuote);
                    return Err(unclosed.at_column(self.record_line, quoting.field + 1));
                }
                ReadRecordResult::Record => {
                    if let Some(field) = quoting.stray {
                        let stray = Error::from(ErrorKind::TextAfterQuote);
                        return Err(stray.at_column(self.record_line, field + 1));
                    }
                    self.ranges.clear();
                    let mut from = 0;
                    for &end in &self.ends[..nends] {
                        self.ranges.push(from..end);
                        from = end;
                    }
                    return Ok(true);
                }
                ReadRecordResult::End => return Ok(false),
            }
        }
    }
}

/// A CSV file with a header line: its records, and the column names that
/// errors quote. Every CSV the crate reads goes through this one reader,
/// so every file numbers its lines the same way.
#[derive(Debug)]
pub(crate) struct Table<R> {
    records: Records<R>,
    names: Vec<String>,
}

impl<R: io::Read> Table<R> {
    /// Reads the header: column names with surrounding white space removed
    /// (and the UTF-8 byte-order mark that may open the file). `EmptyInput`
    /// if there is no line.
    pub(crate) fn open(reader: R) -> Result<Table<R>, Error> {
        let mut records = Records::new(reader);
        if !records.read()? {
            return Err(ErrorKind::EmptyInput.into());
        }
        let mut table = Table {
            records,
            names: Vec::new(),
        };
        let names = (0..table.len())
            .map(|i| {
                // (`csv_core` has taken off a byte-order mark that opens
                // the file; one anywhere else is a character of the name.)
                let name = table.text(i)?.trim();
                Ok(name.to_owned())
            })
            .collect::<Result<Vec<_>, Error>>()?;
        table.names = names;
        Ok(table)
    }

    /// The column names of the header.
    pub(crate) fn names(&self) -> &[String] {
        &self.names
    }

    /// Where each of `wanted` is in a header that names exactly these
    /// columns, in any order, each once.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::DuplicateColumn`] or [`ErrorKind::UnknownColumn`] at
    /// the header's field, [`ErrorKind::MissingColumn`] at its line.
    pub(crate) fn columns<const N: usize>(
        &self,
        wanted: [&'static str; N],
    ) -> Result<[usize; N], Error> {
        let mut at = [usize::MAX; N];
        for (i, name) in self.names.iter().enumerate() {
            match wanted.iter().position(|c| c == name) {
                Some(j) if at[j] != usize::MAX => {
                    let twice = ErrorKind::DuplicateColumn { name: name.clone() };
                    return Err(self.at(i, twice.into()));
                }
                Some(j) => at[j] = i,
                None => {
                    let unknown = ErrorKind::UnknownColumn { name: name.clone() };
                    return Err(self.at(i, unknown.into()));
                }
            }
        }
        match wanted.iter().zip(&at).find(|(_, i)| **i == usize::MAX) {
            Some((name, _)) => {
                let missing = Error::from(ErrorKind::MissingColumn { name });
                Err(missing.at_line(self.line()))
            }
            None => Ok(at),
        }
    }

    /// Reads the next record; `Ok(false)` at the end. An error placed in
    /// a column gets the column's name.
    pub(crate) fn next(&mut self) -> Result<bool, Error> {
        self.records
            .read()
            .map_err(|e| match e.position().column() {
                Some(column) => {
                    let name = usize::try_from(column - 1)
                        .ok()
                        .and_then(|i| self.names.get(i))
                        .map_or("", String::as_str);
                    let line = self.line();
                    e.at_field(line, column as usize, name)
                }
                None => e,
            })
    }

    /// The line on which the current record starts (the header's, before
    /// the first [`Table::next`]).
    pub(crate) fn line(&self) -> u64 {
        self.records.line()
    }

    /// The number of fields of the current record.
    pub(crate) fn len(&self) -> usize {
        self.records.len()
    }

    /// Field `i` of the current record as written (empty past the end).
    #[inline]
    pub(crate) fn raw(&self, i: usize) -> &[u8] {
        self.records.get(i).unwrap_or_default()
    }

    /// The current record's bytes and where each field lies in them.
    #[inline]
    pub(crate) fn fields(&self) -> (&[u8], &[std::ops::Range<usize>]) {
        self.records.fields()
    }

    /// Field `i` as text; an `InvalidUtf8` error at its place if it is not.
    #[inline]
    pub(crate) fn text(&self, i: usize) -> Result<&str, Error> {
        std::str::from_utf8(self.raw(i)).map_err(|_| self.at(i, ErrorKind::InvalidUtf8.into()))
    }

    /// `error` placed at field `i` of the current record: its line, its
    /// column and the column's name.
    pub(crate) fn at(&self, i: usize, error: Error) -> Error {
        let name = self.names.get(i).map_or("", String::as_str);
        error.at_field(self.line(), i + 1, name)
    }
}

/// Where `csv_core` is in a record, as far as quotes go: the one thing
/// its state does not tell and a quote left open needs. Its rules: a
/// quote opens a field only at the field's start, and inside one a doubled
/// quote is a quote and a lone one closes it.
#[derive(Clone, Copy, Debug)]
struct Quoting {
    /// Inside a quoted field.
    open: bool,
    /// At a field's start (where a quote opens one).
    at_start: bool,
    /// Just after a quote inside a quoted field: it closes the field
    /// unless another quote follows.
    after_quote: bool,
    /// The 0-based field the record is in.
    field: usize,
    /// The first field with text after its closing quote.
    stray: Option<usize>,
}

impl Default for Quoting {
    fn default() -> Quoting {
        Quoting {
            open: false,
            at_start: true,
            after_quote: false,
            field: 0,
            stray: None,
        }
    }
}

impl Quoting {
    /// The state after `bytes` of a record.
    fn after(mut self, bytes: &[u8]) -> Quoting {
        for &b in bytes {
            if self.open {
                if b == b'"' {
                    self.open = false;
                    self.after_quote = true;
                }
                continue;
            }
            // After a closing quote, another one is a quote in the text;
            // only a comma or a line break may end the field.
            if self.after_quote && !matches!(b, b'"' | b',' | b'\r' | b'\n') {
                self.stray = self.stray.or(Some(self.field));
            }
            self.open = b == b'"' && (self.at_start || self.after_quote);
            match b {
                b',' => self.field += 1,
                b'\r' | b'\n' => self.field = 0,
                _ => {}
            }
            self.at_start = matches!(b, b',' | b'\r' | b'\n');
            self.after_quote = false;
        }
        self
    }
}

/// The line count after `bytes` (CRLF, LF and a lone CR are one line break
/// each), from `line`, and whether they end in a CR whose break depends on
/// what follows.
fn count_lines(mut line: u64, after_cr: bool, bytes: &[u8]) -> (u64, bool) {
    let Some(&first) = bytes.first() else {
        return (line, after_cr);
    };
    // A CR at the end of the bytes before was a line break on its own.
    if after_cr && first != b'\n' {
        line += 1;
    }
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if bytes[i] == b'\n' || bytes.get(i + 1).is_some_and(|&b| b != b'\n') {
            line += 1;
        }
    }
    (line, bytes.last() == Some(&b'\r'))
}

/// What [`scan`] found at the start of the unread bytes.
enum Scan {
    /// A line read here: its record is `len` bytes long (without the line
    /// break), and the next line starts at `next`. `quoted` tells whether
    /// a quoted field holds doubled quotes to undo (`unescape`) or line
    /// breaks to count (`breaks`).
    Line {
        len: usize,
        next: usize,
        quoted: Quoted,
    },
    /// A line that `csv_core` must read.
    Hard,
    /// No line break yet, and more input to come.
    Partial,
}

/// What the quoted fields of a line hold that a plain line does not.
#[derive(Default)]
struct Quoted {
    /// The fields (by index, the first 64) whose doubled quotes stand for
    /// one quote each.
    unescape: u64,
    /// Whether a quoted field holds a line break.
    breaks: bool,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` that may end a field or start a quoted
/// one: every comma, quote and line-break byte (CR, LF), and a few others
/// — a byte below `0x0E` such as a tab, or the byte above a hit, which a
/// borrow reaches — that the splitter looks at and passes over. Free text
/// holds many spaces and marks, so they do not stop it. A byte is zero
/// after the xor, or below `0x0E`, when subtracting sets its high bit
/// while its own is clear; subtracting never clears the high bit of such
/// a byte, borrow or not, so no hit is missed.
fn special_bytes(w: u64) -> u64 {
    let comma = w ^ (ONES * u64::from(b','));
    let quote = w ^ (ONES * u64::from(b'"'));
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x;
    (below(comma, 1) | below(quote, 1) | below(w, 0x0E)) & HIGH
}

/// How a quoted field that opens at `open` ends.
enum Close {
    /// Its closing quote is at `at`, and it holds doubled quotes (`escaped`)
    /// or line breaks (`breaks`).
    At {
        at: usize,
        escaped: bool,
        breaks: bool,
    },
    /// As [`Scan::Hard`] or [`Scan::Partial`].
    Not(Scan),
}

/// Finds the quote that closes the quoted field opening at `open`: the
/// first quote not doubled, noting the line breaks on the way.
fn close_quote(bytes: &[u8], open: usize, eof: bool) -> Close {
    let mut from = open + 1;
    let (mut escaped, mut breaks) = (false, false);
    loop {
        let Some(q) = memchr::memchr3(b'"', b'\n', b'\r', &bytes[from..]).map(|q| from + q) else {
            // Unclosed to the end of the input: `csv_core` says what it is.
            return Close::Not(if eof { Scan::Hard } else { Scan::Partial });
        };
        match (bytes[q], bytes.get(q + 1)) {
            (b'\n' | b'\r', _) => {
                breaks = true;
                from = q + 1;
            }
            (_, Some(b'"')) => {
                escaped = true;
                from = q + 2;
            }
            (_, None) if !eof => return Close::Not(Scan::Partial),
            _ => {
                return Close::At {
                    at: q,
                    escaped,
                    breaks,
                };
            }
        }
    }
}

/// Finds the first line of `bytes` and, if it is one this reader splits
/// itself, its fields' ranges, eight bytes at a time: the commas, quotes
/// and line ends of a word are found together. Fields are plain (no
/// quote, no carriage return but a final one) or quoted from their first
/// byte to a closing quote right before a comma or the line break, with
/// doubled quotes and line breaks inside; anything else is `Hard`. A
/// quoted field's range is what lies between its quotes.
/// At the end of the input (`eof`), what is left is the last line.
fn scan(bytes: &[u8], eof: bool, ranges: &mut Vec<Range<usize>>) -> Scan {
    ranges.clear();
    let mut quoted = Quoted::default();
    let mut field = 0;
    let mut i = 0;
    'words: while i < bytes.len() {
        let n = (bytes.len() - i).min(8);
        let w = match bytes.get(i..i + 8) {
            Some(eight) => u64::from_le_bytes(eight.try_into().unwrap_or_default()),
            None => {
                let mut word = [0u8; 8];
                word[..n].copy_from_slice(&bytes[i..i + n]);
                u64::from_le_bytes(word)
            }
        };
        let mut hits = special_bytes(w);
        if n < 8 {
            // The zeros that pad a short last word are not input.
            hits &= (1u64 << (8 * n)) - 1;
        }
        while hits != 0 {
            let at = i + (hits.trailing_zeros() / 8) as usize;
            hits &= hits - 1;
            match bytes[at] {
                b',' => {
                    ranges.push(field..at);
                    field = at + 1;
                }
                b'\n' => {
                    let end = if at > 0 && bytes[at - 1] == b'\r' {
                        at - 1
                    } else {
                        at
                    };
                    if end == 0 {
                        return Scan::Hard;
                    }
                    ranges.push(field..end);
                    return Scan::Line {
                        len: end,
                        next: at + 1,
                        quoted,
                    };
                }
                b'\r' => match bytes.get(at + 1) {
                    // A final carriage return: the line break follows.
                    Some(b'\n') => {}
                    None if !eof => return Scan::Partial,
                    _ => return Scan::Hard,
                },
                b'"' if at == field => {
                    let (close, escaped, breaks) = match close_quote(bytes, at, eof) {
                        Close::At {
                            at,
                            escaped,
                            breaks,
                        } => (at, escaped, breaks),
                        Close::Not(scan) => return scan,
                    };
                    if escaped {
                        match 1u64.checked_shl(ranges.len() as u32) {
                            Some(bit) => quoted.unescape |= bit,
                            None => return Scan::Hard,
                        }
                    }
                    quoted.breaks |= breaks;
                    ranges.push(at + 1..close);
                    let after = close + 1;
                    match bytes.get(after) {
                        Some(b',') => {
                            field = after + 1;
                            i = field;
                            continue 'words;
                        }
                        Some(b'\n') => {
                            return Scan::Line {
                                len: after,
                                next: after + 1,
                                quoted,
                            };
                        }
                        Some(b'\r') => match bytes.get(after + 1) {
                            Some(b'\n') => {
                                return Scan::Line {
                                    len: after,
                                    next: after + 2,
                                    quoted,
                                };
                            }
                            None if !eof => return Scan::Partial,
                            _ => return Scan::Hard,
                        },
                        // The last line of the input.
                        None if eof => {
                            return Scan::Line {
                                len: after,
                                next: after,
                                quoted,
                            };
                        }
                        None => return Scan::Partial,
                        Some(_) => return Scan::Hard,
                    }
                }
                b'"' => return Scan::Hard,
                _ => {}
            }
        }
        i += 8;
    }
    if !eof {
        Scan::Partial
    } else if bytes.is_empty() {
        // Nothing left: `csv_core` says so.
        Scan::Hard
    } else {
        ranges.push(field..bytes.len());
        Scan::Line {
            len: bytes.len(),
            next: bytes.len(),
            quoted,
        }
    }
}

/// Copies a record's fields into `out`, each quoted field of `unescape`
/// with its doubled quotes made single, and places `ranges` there.
fn unescape_into(bytes: &[u8], ranges: &mut [Range<usize>], unescape: u64, out: &mut Vec<u8>) {
    out.clear();
    for (k, r) in ranges.iter_mut().enumerate() {
        let from = out.len();
        let field = &bytes[r.clone()];
        // Only the first 64 fields can have doubled quotes here (a record
        // with them further on is read by `csv_core`).
        if u32::try_from(k)
            .ok()
            .and_then(|k| unescape.checked_shr(k))
            .is_some_and(|bits| bits & 1 == 1)
        {
            let mut rest = field;
            while let Some(q) = memchr::memchr(b'"', rest) {
                // Quotes inside come in pairs: keep one of each.
                out.extend_from_slice(&rest[..=q]);
                rest = rest.get(q + 2..).unwrap_or_default();
            }
            out.extend_from_slice(rest);
        } else {
            out.extend_from_slice(field);
        }
        *r = from..out.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The line on which a record read from `offset` starts: past any
    /// blank lines, counting CRLF, LF and a lone CR as one break each
    /// (worked out on the whole input, apart from the reader's counting).
    fn line_at(input: &[u8], offset: u64) -> u64 {
        let mut at = usize::try_from(offset).unwrap();
        // A byte-order mark that opens the input is not part of the record.
        if at == 0 && input.starts_with(BOM) {
            at = 3;
        }
        while input.get(at).is_some_and(|b| *b == b'\n' || *b == b'\r') {
            at += 1;
        }
        let before = &input[..at];
        let mut line = 1;
        for (i, b) in before.iter().enumerate() {
            let lone_cr = *b == b'\r' && input.get(i + 1) != Some(&b'\n');
            if *b == b'\n' || lone_cr {
                line += 1;
            }
        }
        line
    }

    /// What stopped a reading early: a field-count error (line, expected,
    /// found), a quote left open or text after a closing quote (line,
    /// column).
    #[derive(Debug, PartialEq)]
    enum Stop {
        FieldCount(u64, u64, u64),
        Unclosed(u64, u64),
        Stray(u64, u64),
    }

    type Read = (Vec<(u64, Vec<Vec<u8>>)>, Option<Stop>);

    /// What `csv::Reader` (as the crate configures it) makes of `input`:
    /// each record's line and fields, then the field-count error that
    /// stopped it; and where `csv` closes a quote left open at the end
    /// without a word, the error this reader should give instead.
    fn by_csv(input: &[u8]) -> Read {
        let (mut out, stop) = by_csv_quotes(input);
        let Some((line, field)) = first_stray(input) else {
            return (out, stop);
        };
        // The record with the stray text ends the reading, unless a
        // record before it did, or it is the last and its quote is open.
        let first = match stop {
            Some(Stop::FieldCount(at, ..)) => at >= line,
            Some(Stop::Unclosed(at, _)) => at > line,
            _ => true,
        };
        if !first {
            return (out, stop);
        }
        out.retain(|(at, _)| *at < line);
        (out, Some(Stop::Stray(line, field + 1)))
    }

    /// The line of the first record (as `csv` splits them) with text after
    /// a closing quote, and the field.
    fn first_stray(input: &[u8]) -> Option<(u64, u64)> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(input);
        let mut starts = Vec::new();
        let mut record = csv::ByteRecord::new();
        while csv.read_byte_record(&mut record).unwrap() {
            starts.push(usize::try_from(record.position().unwrap().byte()).unwrap());
        }
        for (k, &from) in starts.iter().enumerate() {
            let to = starts.get(k + 1).copied().unwrap_or(input.len());
            let mut raw = &input[from..to];
            if from == 0 {
                raw = raw.strip_prefix(BOM).unwrap_or(raw);
            }
            while let [b'\r' | b'\n', rest @ ..] = raw {
                raw = rest;
            }
            if let Some(field) = stray_field(raw) {
                return Some((line_at(input, from as u64), field));
            }
        }
        None
    }

    /// The first field of one raw record that is quoted and has something
    /// other than a comma or a line break after its closing quote.
    fn stray_field(raw: &[u8]) -> Option<u64> {
        let mut i = 0;
        let mut field = 0;
        loop {
            if raw.get(i) == Some(&b'"') {
                i += 1;
                loop {
                    match (raw.get(i)?, raw.get(i + 1)) {
                        (b'"', Some(b'"')) => i += 2,
                        (b'"', _) => break,
                        _ => i += 1,
                    }
                }
                i += 1;
                if !matches!(raw.get(i), None | Some(b',' | b'\r' | b'\n')) {
                    return Some(field);
                }
            }
            loop {
                match raw.get(i)? {
                    b',' => break,
                    b'\r' | b'\n' => return None,
                    _ => i += 1,
                }
            }
            i += 1;
            field += 1;
        }
    }

    /// As [`by_csv`], without the check for text after a closing quote.
    fn by_csv_quotes(input: &[u8]) -> Read {
        let (mut out, stop) = csv_reads(input, false);
        // A quote is open at the end iff one more quote leaves the records
        // as they are (it only closes the field) and two change them (the
        // second is a quote in the text). An empty quoted field just
        // opened after a comma stays the same both ways.
        let all = csv_reads(input, true).0;
        let with = |tail: &[u8]| csv_reads(&[input, tail].concat(), true).0;
        let open = with(b"\"") == all && with(b"\"\"") != all;
        match all.last() {
            Some((line, fields)) if open => {
                if matches!(stop, Some(Stop::FieldCount(at, ..)) if at < *line) {
                    return (out, stop);
                }
                out.retain(|(at, _)| at < line);
                (out, Some(Stop::Unclosed(*line, fields.len() as u64)))
            }
            _ => (out, stop),
        }
    }

    /// The records of `csv::Reader`, flexible or not.
    fn csv_reads(input: &[u8], flexible: bool) -> Read {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(flexible)
            .from_reader(input);
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        loop {
            match csv.read_byte_record(&mut record) {
                Ok(true) => out.push((
                    line_at(input, record.position().unwrap().byte()),
                    record.iter().map(<[u8]>::to_vec).collect(),
                )),
                Ok(false) => return (out, None),
                Err(e) => match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        pos: Some(pos),
                        expected_len,
                        len,
                    } => {
                        let line = line_at(input, pos.byte());
                        return (out, Some(Stop::FieldCount(line, *expected_len, *len)));
                    }
                    other => panic!("{other:?}"),
                },
            }
        }
    }

    fn by_records(input: &[u8], chunk: usize) -> Read {
        // Reads in small pieces, to cross the buffer's edges.
        struct Trickle<'a>(&'a [u8], usize);
        impl io::Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut r = Records::new(Trickle(input, chunk));
        let mut out = Vec::new();
        loop {
            match r.read() {
                Ok(true) => out.push((
                    r.line(),
                    (0..r.len()).map(|i| r.get(i).unwrap().to_vec()).collect(),
                )),
                Ok(false) => return (out, None),
                Err(e) => {
                    let line = e.position().line().unwrap_or(0);
                    let stop = match *e.kind() {
                        ErrorKind::FieldCount { expected, found } => {
                            Stop::FieldCount(line, expected, found)
                        }
                        ErrorKind::UnclosedQuote => {
                            Stop::Unclosed(line, e.position().column().unwrap_or(0))
                        }
                        ErrorKind::TextAfterQuote => {
                            Stop::Stray(line, e.position().column().unwrap_or(0))
                        }
                        _ => panic!("{e}"),
                    };
                    return (out, Some(stop));
                }
            }
        }
    }

    #[test]
    fn plain_and_hard_lines_read_as_csv_reads_them() {
        let inputs: &[&[u8]] = &[
            b"a,b,c\n1,2,3\n4,5,6",
            b"\xef\xbb\xbfa,b\r\n1,2\r\n\r\n3,4\r\n",
            b"a,b\n\"x,\"\"y\"\"\",2\n\n\n5,6\n",
            b"a,b\n1,\"two\nlines\"\n3,4\n",
            b"a,b\n1,2,3\n",
            b"a,b\r1,2\r3,4",
            b"",
            b"\n\n",
            b"a\n,\n",
            b"a,b,c\n\"x\",\"\",\"a\"\"\"\n\"p, q\"\r\n\"1\n2\",3,\"\"\"\"\"\r\n",
            b"a,b\n\"x\"y,2\n\"x\" ,2\n \"x\",2\n\"x\"\r3,4\n",
            b"a,b\n\"unclosed,2\n",
            b"a,b\n1,\"\"\"open\n3,4\n",
            b"\xef\xbb\xbf\"a,b\n",
            b"\"a\"\"\",b\n1,\"x\" ,\"",
            b"a,b\n1,\"last\"",
            b"a,b\n1,\"last\"\"\"",
            b"a,b\n1,\"cr\r\"\n2,\"crlf\r\n\"\r\n",
        ];
        for input in inputs {
            for chunk in [1, 3, 64, 1 << 20] {
                assert_eq!(
                    by_records(input, chunk),
                    by_csv(input),
                    "{input:?} by {chunk}"
                );
            }
        }
    }

    /// Every comma, quote, CR and LF is a hit, whatever surrounds it; a
    /// false hit is only a byte below `0x0E` or the byte above a hit.
    #[test]
    fn the_byte_classes_miss_nothing() {
        for b in 0..=255u8 {
            for at in 0..8 {
                for fill in [b'a', 0, 0xff, b',', b'-', b'#', 0x0e, b'\t'] {
                    let mut word = [fill; 8];
                    word[at] = b;
                    let hits = special_bytes(u64::from_le_bytes(word));
                    for (i, &c) in word.iter().enumerate() {
                        let hit = hits >> (8 * i + 7) & 1 == 1;
                        let special = matches!(c, b',' | b'"' | b'\n' | b'\r');
                        let near = c < 0x0e || (i > 0 && hits >> (8 * i - 1) & 1 == 1);
                        assert!(hit || !special, "{word:?} missed {i}");
                        assert!(!hit || special || near, "{word:?} hit {i}");
                    }
                }
            }
        }
    }

    /// Records of plain and quoted fields (with commas, doubled quotes and
    /// line breaks inside), joined by random line ends: the shapes this
    /// reader splits itself, and their near misses.
    fn records() -> impl Strategy<Value = Vec<u8>> {
        let field = prop_oneof![
            proptest::collection::vec(prop::sample::select(b"ab1 .-".to_vec()), 0..4),
            proptest::collection::vec(prop::sample::select(b"ab,\"\"\n\r ".to_vec()), 0..6)
                .prop_map(|inner| {
                    let mut f = vec![b'"'];
                    for b in inner {
                        f.push(b);
                        if b == b'"' {
                            f.push(b'"');
                        }
                    }
                    f.push(b'"');
                    f
                }),
            // Near misses: a stray quote, text after a closing quote.
            prop::sample::select(vec![b"a\"b".to_vec(), b"\"a\"b".to_vec(), b"\"a".to_vec()]),
        ];
        let line = proptest::collection::vec(field, 1..4).prop_map(|fs| fs.join(&b','));
        let end = prop::sample::select(vec![&b"\n"[..], b"\r\n", b"\r", b"\n\n", b""]);
        proptest::collection::vec((line, end), 0..6).prop_map(|lines| {
            lines
                .into_iter()
                .flat_map(|(l, e)| l.into_iter().chain(e.iter().copied()))
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn quoted_records_agree_with_the_csv_crate(input in records(), chunk in 1usize..40) {
            prop_assert_eq!(by_records(&input, chunk), by_csv(&input));
        }
    }

    proptest! {
        // Random bytes from the characters that matter to CSV (and their
        // neighbours in the splitter's byte classes) read the same way, in
        // whatever pieces they arrive.
        #[test]
        fn records_agree_with_the_csv_crate(input in proptest::collection::vec(prop::sample::select(b"ab ,,\"\r\n\n\xef\xbb\xbf!+-.\x00\x7f\xff".to_vec()), 0..80), chunk in 1usize..20) {
            prop_assert_eq!(by_records(&input, chunk), by_csv(&input));
        }
    }

    // ---- review: adversarial comparisons with the `csv` crate ----

    fn edge_check(input: &[u8]) {
        edge_check_by(input, &[1, 2, 5, 7, 8, 9, 63, 4096, 1 << 17, 1 << 20]);
    }

    fn edge_check_by(input: &[u8], chunks: &[usize]) {
        let want = by_csv(input);
        for &chunk in chunks {
            assert_eq!(
                by_records(input, chunk),
                want,
                "chunk {chunk}, input {:?}",
                String::from_utf8_lossy(&input[..input.len().min(200)])
            );
        }
    }

    #[test]
    fn edge_hand_picked() {
        let many: Vec<u8> = {
            // 70 fields, doubled quotes in the 65th and later
            let mut h = (0..70)
                .map(|i| format!("h{i}"))
                .collect::<Vec<_>>()
                .join(",");
            h.push('\n');
            let mut r = (0..70)
                .map(|i| {
                    if i >= 60 {
                        format!("\"a\"\"{i}\"")
                    } else {
                        format!("{i}")
                    }
                })
                .collect::<Vec<_>>()
                .join(",");
            r.push_str("\r\n");
            let r2 = (0..70)
                .map(|i| format!("\"q{i}\""))
                .collect::<Vec<_>>()
                .join(",");
            format!("{h}{r}{r2}").into_bytes()
        };
        // Doubled quotes in the first field only, then past 64 fields: the
        // line is split here, and its fields past the 64th copied as they are.
        let wide: Vec<u8> = {
            let h = (0..70).map(|i| format!("h{i}")).collect::<Vec<_>>();
            let mut r = (0..70).map(|i| format!("{i}")).collect::<Vec<_>>();
            r[0] = "\"a\"\"b\"".to_owned();
            r[68] = "\"q\"".to_owned();
            format!("{}\n{}\n", h.join(","), r.join(",")).into_bytes()
        };
        let inputs: Vec<Vec<u8>> = vec![
            b"a,b\n\"x\"\"y\",2\n\"p\"q,3\n".to_vec(),
            b"a,b\n\"x\"\"y\",2\n\"p\"q,3\n\"r\",\"s\"\"\"\n".to_vec(),
            b"a,b\n\"\",\"\"\n\"\"\"\",\"\"\n".to_vec(),
            b"a,b\n\"\r\",x\r\"\n\",y\n".to_vec(),
            b"a,b\n\"x\"\r\r\n1,2\n".to_vec(),
            b"a,b\n\"x\",\"\r\n\r\n\"\r\n\r\n1,2".to_vec(),
            b"a,b\n1,\"\"".to_vec(),
            b"a,b\n1,\"\"\r".to_vec(),
            b"a,b\n1,\"x\"\r".to_vec(),
            b"a,b\n1,\"x\"\n\r".to_vec(),
            b"\xef\xbb\xbf\"a\",b\n\"\xef\xbb\xbf\",2\n".to_vec(),
            b"\xef\xbb\xbf\n\na,b\n1,2\n".to_vec(),
            b"\n\n\xef\xbb\xbfa,b\n1,2\n".to_vec(),
            b"\r\n\"a\nb\",c\n1,2".to_vec(),
            b"a\n\"\"\n\n\"\"\"\"\n".to_vec(),
            b"a,b\n\"a\"\"\",\"b\"\"\"\n\"x\" ,1\n\"y\"\"\",\"z\"\n".to_vec(),
            many,
            wide,
        ];
        for input in &inputs {
            edge_check(input);
        }
    }

    #[test]
    fn edge_long_records_cross_the_buffer() {
        // Quoted fields with doubled quotes and line breaks, well past 256 KiB,
        // then hard records after them.
        let mut input = b"id,text,n\n".to_vec();
        let mut k = 0u32;
        while input.len() < 700_000 {
            k = k.wrapping_mul(1103515245).wrapping_add(12345);
            let len = (k >> 8) as usize % 5000;
            let mut field = Vec::new();
            for j in 0..len {
                field.push(match (k as usize + j * 7) % 13 {
                    0 => b'"',
                    1 => b'\n',
                    2 => b'\r',
                    3 => b',',
                    _ => b'x',
                });
            }
            let escaped: Vec<u8> = field
                .iter()
                .flat_map(|&b| if b == b'"' { vec![b'"', b'"'] } else { vec![b] })
                .collect();
            input.extend_from_slice(format!("{k},\"").as_bytes());
            input.extend_from_slice(&escaped);
            input.extend_from_slice(b"\",");
            input.extend_from_slice(match k % 5 {
                0 => &b"\"x\"y\r\n"[..],
                1 => b"1\r",
                2 => b"2\n\n",
                3 => b"\"3\"\r\n",
                _ => b"4\n",
            });
        }
        // one giant record, 600 KB in one quoted field
        input.extend_from_slice(b"9,\"");
        for i in 0..600_000 {
            input.push(if i % 1000 == 0 {
                b'\n'
            } else if i % 777 == 0 {
                b'"'
            } else {
                b'y'
            });
            if i % 777 == 0 {
                input.push(b'"');
            }
        }
        input.extend_from_slice(b"\",0");
        // A record unfinished at the end of the buffer is scanned again
        // from its start when more comes: in pieces of a few bytes, a
        // record this long takes long to read, so larger pieces here.
        edge_check_by(&input, &[4096, 1 << 17, 1 << 20]);
    }

    fn edge_records() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            Just(b"\"".to_vec()),
            Just(b"\"\"".to_vec()),
            Just(b",".to_vec()),
            Just(b"\n".to_vec()),
            Just(b"\r".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"a".to_vec()),
            Just(b" ".to_vec()),
            Just(b"\xef\xbb\xbf".to_vec()),
            Just(b"\",\"".to_vec()),
            Just(b"\"\"\"".to_vec()),
            proptest::collection::vec(prop::sample::select(b"xyz".to_vec()), 0..20),
        ];
        proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
                #[test]
        fn edge_random_agree(input in edge_records(), chunk in prop::sample::select(vec![1usize, 2, 3, 7, 8, 9, 16, 1000])) {
            prop_assert_eq!(by_records(&input, chunk), by_csv(&input));
        }
    }

    proptest! {
                #[test]
        fn edge_wide_records_agree(
            rows in proptest::collection::vec(proptest::collection::vec(prop_oneof![Just(b"\"a\"\"b\"".to_vec()), Just(b"p".to_vec()), Just(b"\"\"".to_vec()), Just(b"\"q\"x".to_vec())], 60..72), 1..4),
            ends in proptest::collection::vec(prop::sample::select(vec![&b"\n"[..], b"\r\n", b"\r"]), 4),
            chunk in 1usize..50,
        ) {
            let mut input = Vec::new();
            for (i, r) in rows.iter().enumerate() {
                input.extend(r.join(&b','));
                input.extend_from_slice(ends[i]);
            }
            prop_assert_eq!(by_records(&input, chunk), by_csv(&input));
        }
    }
}
