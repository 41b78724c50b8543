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

use std::collections::VecDeque;
use std::io::Read;
use std::ops::Range;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

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

/// Batches split but not yet counted, when other threads read: bounds the
/// memory taken while the counting lags.
const IN_FLIGHT: u64 = 8;

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
    /// The batch's place in the file.
    seq: u64,
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
        for at in rows.iter() {
            let fields = ranges.get(at.fields.clone()).unwrap_or_default();
            let row = Row::new(layout, bytes, fields, at.line, at.record);
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

/// What the threads share: batches to read, batches read, spent batches
/// to fill again.
#[derive(Default)]
struct State {
    split: VecDeque<Batch>,
    read: Vec<Batch>,
    spent: Vec<Batch>,
    stop: bool,
    /// A thread panicked while reading a batch, which will never come.
    lost: bool,
}

struct Shared {
    state: Mutex<State>,
    /// Signalled when a batch is split or read, and at the end.
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A thread that panicked holding the lock left the state whole
        // (each change is one push or pop).
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'g>(&self, guard: MutexGuard<'g, State>) -> MutexGuard<'g, State> {
        self.changed
            .wait(guard)
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn stop(&self) {
        self.lock().stop = true;
        self.changed.notify_all();
    }
}

/// Reads the rest of `reader`'s rows on its
/// [`threads`](PledgeReader::threads) and counts them, in order, with
/// `counter`.
///
/// # Errors
///
/// The first error in the file's order: as `counter` gives it.
pub(crate) fn count_rows<R: Read>(
    reader: &mut PledgeReader<R>,
    counter: &mut dyn Count,
) -> Result<(), Error> {
    let layout = reader.layout().clone();
    let shared = Shared {
        state: Mutex::new(State::default()),
        changed: Condvar::new(),
    };
    std::thread::scope(|scope| {
        let mut helpers = 0;
        for _ in 1..reader.thread_count() {
            let help = std::thread::Builder::new()
                .name("pledge-rows".to_owned())
                .spawn_scoped(scope, || help(&shared, &layout));
            // A thread the system will not give: fewer read.
            if help.is_ok() {
                helpers += 1;
            }
        }
        let in_flight = if helpers == 0 { 1 } else { IN_FLIGHT };
        let result = lead(reader, counter, &shared, &layout, in_flight);
        shared.stop();
        result
    })
}

/// The calling thread's part: counts the next batch once read; else
/// splits one more if few are waiting; else reads one; else waits.
fn lead<R: Read>(
    reader: &mut PledgeReader<R>,
    counter: &mut dyn Count,
    shared: &Shared,
    layout: &Layout,
    in_flight: u64,
) -> Result<(), Error> {
    // The next batch to count, the next to split, and whether the input
    // has more.
    let (mut next, mut made, mut more) = (0u64, 0u64, true);
    let mut state = shared.lock();
    loop {
        if let Some(i) = state.read.iter().position(|b| b.seq == next) {
            let mut batch = state.read.swap_remove(i);
            drop(state);
            batch.count(layout, counter)?;
            next += 1;
            state = shared.lock();
            state.spent.push(batch);
        } else if more && made - next < in_flight {
            let mut batch = state.spent.pop().unwrap_or_default();
            drop(state);
            more = batch.split(reader);
            batch.seq = made;
            made += 1;
            state = shared.lock();
            state.split.push_back(batch);
            shared.changed.notify_all();
        } else if let Some(mut batch) = state.split.pop_front() {
            drop(state);
            batch.read(layout);
            state = shared.lock();
            state.read.push(batch);
        } else if !more && next == made {
            return Ok(());
        } else if state.lost {
            // The scope passes the panic on once every thread is joined.
            return Ok(());
        } else {
            state = shared.wait(state);
        }
    }
}

/// Another thread's part: reads split batches until told to stop.
fn help(shared: &Shared, layout: &Layout) {
    /// Tells the calling thread, should this one panic, not to wait for
    /// the batch it was reading.
    struct Lost<'a>(&'a Shared);
    impl Drop for Lost<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                self.0.lock().lost = true;
                self.0.changed.notify_all();
            }
        }
    }
    let _lost = Lost(shared);
    let mut state = shared.lock();
    loop {
        if state.stop {
            return;
        }
        match state.split.pop_front() {
            Some(mut batch) => {
                drop(state);
                batch.read(layout);
                state = shared.lock();
                state.read.push(batch);
                shared.changed.notify_all();
            }
            None => state = shared.wait(state),
        }
    }
}
