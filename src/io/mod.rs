//! Files: the pledge CSV and the ECB reference-rate CSVs, read by one
//! record reader (`io::records`) with one line-numbering rule.

mod batches;
mod ecb;
mod pledge_csv;
mod records;

pub use pledge_csv::{COLUMNS, CsvOptions, PledgeReader, PledgeWriter, REQUIRED};

pub(crate) use batches::{Count, count_rows};
pub(crate) use pledge_csv::Row;
pub(crate) use records::Table;

use crate::Error;
use crate::error::ErrorKind;

/// An error of the `csv` writer, at the line being written.
pub(crate) fn write_error(e: csv::Error, line: u64) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(io).at_line(line),
        _ => Error::from(ErrorKind::Io {
            kind: std::io::ErrorKind::Other,
        })
        .at_line(line),
    }
}
