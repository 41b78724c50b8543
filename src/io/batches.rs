//! A pledge CSV's rows in batches, so that totals can read on several
//! threads. The calling thread splits the input into rows (the one record
//! reader) and counts what was read, in the file's order; the other
//! threads read the rows' fields (the one row reader) meanwhile, and the
//! calling thread reads too when it has nothing else to do. A batch's rows
//! are read and counted as one thread reads and counts them, and the
//! first error in the file's order ends the counting, so the result, or
//! the error, is the same for any number of threads. With one thread,
//! nothing is spawned: the same loop splits, reads and counts each batch
//! in turn.

use std::io::Read;
use std::ops::Range;

use super::pledge_csv::{Layout, PledgeReader, Row};
use crate::Error;
use crate::pledge::{Detached, Record};

/// What counts the rows of a pledge CSV, in the file's order.
pub(crate) trait Count {
    /// Counts the record read from `row`; an error ends the counting.
    fn count(&mut self, row: &Row<'_>, record: &Record<'_>) -> Result<(), Error>;

    /// The error that ends the counting when a row did not read: `e`, or
    /// one found earlier that comes first.
    fn fail(&mut self, e: Error) -> Error;
}

/// Rows and bytes per batch: enough that handing a batch over costs
/// little beside reading it, few enough to stay in the processor's cache.
const ROWS: usize = 1024;
const BYTES: usize = 1 << 18;

/// Where a row lies in its batch.
#[derive(Debug)]
struct RowAt {
    line: u64,
    record: u64,
    /// Its fields' places in `Batch::ranges`.
    fields: Range<usize>,
}

/// Consecutive rows of the file, with what each read to.
#[derive(Debug, Default)]
struct Batch {
    /// The rows' bytes one after another, with quotes undone.
    bytes: Vec<u8>,
    /// Every row's fields, as places in `bytes`.
    ranges: Vec<Range<usize>>,
    rows: Vec<RowAt>,
    /// What each row read to, up to the first that did not read.
    read: Vec<Result<Detached, Error>>,
    /// The error that ended the splitting after these rows (reading the
    /// input failed, a row had the wrong number of fields).
    end: Option<Error>,
}

impl Batch {
    /// Takes the next rows of `reader`, as many as a batch holds; `false`
    /// once the input has no more (or splitting failed).
    fn split<R: Read>(&mut self, reader: &mut PledgeReader<R>) -> bool {
        // A batch that once held a huge row gives its memory back.
        if self.bytes.capacity() > 4 * BYTES {
            self.bytes = Vec::new();
        }
        self.bytes.clear();
        self.ranges.clear();
        self.rows.clear();
        self.read.clear();
        self.end = None;
        while self.rows.len() < ROWS && self.bytes.len() < BYTES {
            match reader.advance() {
                Ok(true) => {
                    let row = reader.row();
                    let base = self.bytes.len();
                    let first = self.ranges.len();
                    self.bytes.extend_from_slice(row.bytes());
                    self.ranges
                        .extend(row.ranges().iter().map(|r| r.start + base..r.end + base));
                    self.rows.push(RowAt {
                        line: row.line,
                        record: row.record,
                        fields: first..self.ranges.len(),
                    });
                }
                Ok(false) => return false,
                Err(e) => {
                    self.end = Some(e);
                    return false;
                }
            }
        }
        true
    }

    /// Reads the rows, up to the first that does not read.
    fn read(&mut self, layout: &Layout) {
        let Batch {
            bytes,
            ranges,
            rows,
            read,
            ..
        } = self;
        read.clear();
        // Checked once for all the rows' text fields; if any row is not
        // text, each field is checked on its own, to place the error.
        let text = std::str::from_utf8(bytes).ok();
        for at in rows.iter() {
            let fields = ranges.get(at.fields.clone()).unwrap_or_default();
            let row = Row::new(layout, bytes, fields, at.line, at.record).with_text(text);
            // Sources are checked as a loaded pledge's are, though totals
            // need none.
            let record = row
                .record()
                .and_then(|record| row.check_sources().map(|()| record.detach(bytes)));
            let failed = record.is_err();
            read.push(record);
            if failed {
                break;
            }
        }
    }

    /// Counts the rows read, in order, until one that did not read.
    fn count(&mut self, layout: &Layout, counter: &mut dyn Count) -> Result<(), Error> {
        for (at, record) in self.rows.iter().zip(self.read.drain(..)) {
            let fields = self.ranges.get(at.fields.clone()).unwrap_or_default();
            let row = Row::new(layout, &self.bytes, fields, at.line, at.record);
            match record {
                Ok(record) => counter.count(&row, &record.attach(&self.bytes))?,
                Err(e) => return Err(counter.fail(e)),
            }
        }
        match self.end.take() {
            Some(e) => Err(counter.fail(e)),
            None => Ok(()),
        }
    }
}

/// Reads the rest of `reader`'s rows on its
/// [`threads`](PledgeReader::threads) and counts them, in order, with
/// `counter`: batches are split and counted on the calling thread, read
/// on any (`pipeline::run`).
///
/// # Errors
///
/// The first error in the file's order: as `counter` gives it.
pub(crate) fn count_rows<R: Read>(
    reader: &mut PledgeReader<R>,
    counter: &mut dyn Count,
) -> Result<(), Error> {
    let layout = reader.layout().clone();
    let threads = reader.thread_count();
    crate::pipeline::run(
        threads,
        |batch: &mut Batch| batch.split(reader),
        |batch| batch.read(&layout),
        |batch| batch.count(&layout, counter),
    )
}
