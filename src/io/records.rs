//! CSV records, read the way the `csv` crate reads them, faster for the
//! plain lines that make up nearly all of a large file.
//!
//! A line with no quote and no carriage return but a final one is split at
//! its commas right where it lies in the buffer. Anything else — quoted
//! fields, embedded line breaks, blank lines, a byte-order mark, the header
//! — is handed to `csv_core`, the parser under the `csv` crate, from the
//! same point. Records, field counts and errors are those of `csv::Reader`
//! with the settings the crate uses (comma, double quotes, CRLF, LF or CR,
//! equal field counts); a test reads random inputs both ways. Line numbers
//! are where each record starts (`csv` gives the line after the previous
//! record, one short after CRLF line ends or blank lines).
//! Reading a million pledges spent a fifth of its time in `csv_core`, which
//! looks at every byte through a state machine.

use std::io;
use std::ops::Range;

use csv_core::ReadRecordResult;

use crate::Error;
use crate::error::ErrorKind;

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
        let more = if self.expected.is_none() {
            self.read_core()?
        } else {
            loop {
                let avail = &self.buf[self.start..self.end];
                match scan(avail, self.eof, &mut self.ranges) {
                    Scan::Line { len, next } => {
                        self.in_buf = Some(self.start..self.start + len);
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

    /// Reads one record with `csv_core`.
    fn read_core(&mut self) -> Result<bool, Error> {
        self.in_buf = None;
        let (mut out, mut nends) = (0, 0);
        loop {
            // An empty input tells `csv_core` that the data ended.
            if self.start == self.end && !self.eof {
                self.fill()?;
                continue;
            }
            let input = &self.buf[self.start..self.end];
            let (result, nin, nout, nend) =
                self.core
                    .read_record(input, &mut self.fields[out..], &mut self.ends[nends..]);
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
                ReadRecordResult::Record => {
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
    /// Reads the header: column names with surrounding white space (and a
    /// UTF-8 byte-order mark) removed. `EmptyInput` if there is no line.
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
                let name = table.text(i)?.trim_start_matches('\u{feff}').trim();
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

    /// Reads the next record; `Ok(false)` at the end.
    pub(crate) fn next(&mut self) -> Result<bool, Error> {
        self.records.read()
    }

    /// The line on which the current record starts (the header is line 1).
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
    /// A plain line: its record is `len` bytes long (without the line
    /// break), and the next line starts at `next`.
    Line { len: usize, next: usize },
    /// A line that `csv_core` must read.
    Hard,
    /// No line break yet, and more input to come.
    Partial,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` below `,` + 1 (0x2D): the comma, both
/// line-break bytes and the quote, among a few other punctuation marks
/// and the space, which the caller tells apart. Exact: setting each byte's
/// high bit before subtracting keeps borrows from crossing bytes.
fn bytes_below_dash(w: u64) -> u64 {
    let at_least = ((w | HIGH) - ONES * 0x2d) & HIGH;
    // Bytes from 0x80 (inside UTF-8 characters) are never special.
    !at_least & !w & HIGH
}

/// Finds the first line of `bytes` and, if it is plain (no quote, no
/// carriage return but a final one), its fields' ranges, eight bytes at a
/// time: the commas, quotes and line ends of a word are found together.
/// At the end of the input (`eof`), what is left is the last line.
fn scan(bytes: &[u8], eof: bool, ranges: &mut Vec<Range<usize>>) -> Scan {
    ranges.clear();
    let mut field = 0;
    let mut i = 0;
    while i < bytes.len() {
        let n = (bytes.len() - i).min(8);
        let w = match bytes.get(i..i + 8) {
            Some(eight) => u64::from_le_bytes(eight.try_into().unwrap_or_default()),
            None => {
                let mut word = [0u8; 8];
                word[..n].copy_from_slice(&bytes[i..i + n]);
                u64::from_le_bytes(word)
            }
        };
        let mut hits = bytes_below_dash(w);
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
                    };
                }
                b'\r' => match bytes.get(at + 1) {
                    // A final carriage return: the line break follows.
                    Some(b'\n') => {}
                    None if !eof => return Scan::Partial,
                    _ => return Scan::Hard,
                },
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
        }
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

    type Read = (Vec<(u64, Vec<Vec<u8>>)>, Option<(u64, u64, u64)>);

    /// What `csv::Reader` (as the crate configures it) makes of `input`:
    /// each record's line and fields, then the field-count error (line,
    /// expected, found) that stopped it.
    fn by_csv(input: &[u8]) -> Read {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(false)
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
                    } => return (out, Some((line_at(input, pos.byte()), *expected_len, *len))),
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
                Err(e) if matches!(e.kind(), ErrorKind::FieldCount { .. }) => {
                    let ErrorKind::FieldCount { expected, found } = *e.kind() else {
                        unreachable!()
                    };
                    return (
                        out,
                        Some((e.position().line().unwrap_or(0), expected, found)),
                    );
                }
                Err(e) => panic!("{e}"),
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

    #[test]
    fn the_byte_classes_are_exact() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = [b'a'; 8];
                word[at] = b;
                let hits = bytes_below_dash(u64::from_le_bytes(word));
                let expected = if b < 0x2d { 0x80u64 << (8 * at) } else { 0 };
                assert_eq!(hits, expected, "byte {b:#x} at {at}");
            }
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
}
