//! Reading a table of `key,year,value` rows from CSV: a header naming the
//! three columns (in any order, each once, nothing else), then one row per
//! key and year, a key and year given twice being an error.

use std::collections::BTreeMap;
use std::io::Read;

use rust_decimal::Decimal;

use crate::error::{ErrorKind, Grammar};
use crate::{Error, fmt::number};

/// A year written as 1 to 4 digits, within 1 to 9999.
pub(crate) fn year(text: &str) -> Result<i32, Error> {
    let t = text.trim();
    if t.is_empty() || t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ErrorKind::Syntax {
            grammar: Grammar::Number,
            input: t.chars().take(40).collect(),
            offset: 0,
            reason: "expected a year like 2024",
        }
        .into());
    }
    let y: i32 = t
        .parse()
        .map_err(|_| ErrorKind::YearOutOfRange { year: 0 })?;
    if y == 0 {
        return Err(ErrorKind::YearOutOfRange { year: y }.into());
    }
    Ok(y)
}

/// Reads rows of `columns` = `[key, "year", value]`, parsing keys with
/// `key`, and checking each value with `check`. Errors name the line,
/// the column and the field.
pub(crate) fn read<R: Read, K: Ord + Copy>(
    reader: R,
    columns: [&'static str; 3],
    key: impl Fn(&str) -> Result<K, Error>,
    check: impl Fn(Decimal) -> Result<(), Error>,
) -> Result<BTreeMap<(K, i32), Decimal>, Error> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut records = csv.records();
    let header = match records.next() {
        None => return Err(ErrorKind::EmptyInput.into()),
        Some(h) => h.map_err(|e| csv_error(&e))?,
    };
    let mut at = [usize::MAX; 3];
    for (i, name) in header.iter().enumerate() {
        let name = name.trim_start_matches('\u{feff}').trim();
        match columns.iter().position(|c| *c == name) {
            Some(j) if at[j] != usize::MAX => {
                return Err(
                    Error::from(ErrorKind::DuplicateColumn { name: name.into() }).at_field(
                        1,
                        i + 1,
                        name,
                    ),
                );
            }
            Some(j) => at[j] = i,
            None => {
                return Err(
                    Error::from(ErrorKind::UnknownColumn { name: name.into() }).at_field(
                        1,
                        i + 1,
                        name,
                    ),
                );
            }
        }
    }
    for (j, c) in columns.iter().enumerate() {
        if at[j] == usize::MAX {
            return Err(Error::from(ErrorKind::MissingColumn { name: c }).at_line(1));
        }
    }
    let mut out = BTreeMap::new();
    for record in records {
        let record = record.map_err(|e| csv_error(&e))?;
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != header.len() {
            return Err(Error::from(ErrorKind::FieldCount {
                expected: header.len() as u64,
                found: record.len() as u64,
            })
            .at_line(line));
        }
        let field = |j: usize| record.get(at[j]).unwrap_or("");
        let here = |j: usize| move |e: Error| e.at_field(line, at[j] + 1, columns[j]);
        let k = key(field(0).trim()).map_err(here(0))?;
        let y = year(field(1)).map_err(here(1))?;
        let v = number::parse(field(2).trim()).map_err(here(2))?;
        check(v).map_err(here(2))?;
        if out.insert((k, y), v).is_some() {
            return Err(Error::from(ErrorKind::DuplicateRow {
                what: columns[0],
                key: field(0).trim().chars().take(40).collect(),
                year: y,
            })
            .at_line(line));
        }
    }
    Ok(out)
}

fn csv_error(e: &csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line());
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => Error::from(ErrorKind::InvalidUtf8).at_line(line),
        csv::ErrorKind::Io(io) => Error::io(std::io::Error::new(io.kind(), io.to_string())),
        _ => Error::io(std::io::Error::other(e.to_string())).at_line(line),
    }
}
