//! Files: the pledge CSV and the ECB reference-rate CSVs.

mod ecb;
mod pledge_csv;
mod records;
mod sources;

pub use pledge_csv::{COLUMNS, CsvOptions, PledgeReader, PledgeWriter, REQUIRED};

use crate::Error;

/// An `Error::Io` or a structural CSV error, from a `csv` error.
pub(crate) fn csv_error(e: &csv::Error, line: u64) -> Error {
    let line = e.position().map_or(line, csv::Position::line);
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Error::FieldCount {
            line,
            expected: *expected_len,
            found: *len,
        },
        csv::ErrorKind::Utf8 { err, .. } => Error::InvalidUtf8 {
            line,
            column: err.field() + 1,
        },
        csv::ErrorKind::Io(io) => Error::Io {
            line,
            message: io.to_string(),
        },
        _ => Error::Io {
            line,
            message: e.to_string(),
        },
    }
}

/// A CSV reader over `reader` (no header handling, equal field counts)
/// and its first record, the header; `EmptyInput` if there is none.
pub(crate) fn open<R: std::io::Read>(
    reader: R,
) -> Result<(csv::Reader<R>, csv::ByteRecord), Error> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(reader);
    let mut header = csv::ByteRecord::new();
    if !csv
        .read_byte_record(&mut header)
        .map_err(|e| csv_error(&e, 1))?
    {
        return Err(Error::EmptyInput);
    }
    Ok((csv, header))
}

/// A field as text, or an `InvalidUtf8` error naming where.
pub(crate) fn field_text(record: &csv::ByteRecord, index: usize, line: u64) -> Result<&str, Error> {
    let bytes = record.get(index).unwrap_or_default();
    std::str::from_utf8(bytes).map_err(|_| Error::InvalidUtf8 {
        line,
        column: index + 1,
    })
}
