//! Reading a table of `key,year,value` rows from CSV: a header naming the
//! three columns (in any order, each once, nothing else), then one row per
//! key and year, a key and year given twice being an error.

use std::collections::BTreeMap;
use std::io::Read;

use rust_decimal::Decimal;

use crate::error::{ErrorKind, Grammar};
use crate::io::Table;
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
/// `key`, and checking each value with `check`, through the crate's one
/// CSV record reader. Errors name the line, the column and the field.
pub(crate) fn read<R: Read, K: Ord + Copy>(
    reader: R,
    columns: [&'static str; 3],
    key: impl Fn(&str) -> Result<K, Error>,
    check: impl Fn(Decimal) -> Result<(), Error>,
) -> Result<BTreeMap<(K, i32), Decimal>, Error> {
    let mut table = Table::open(reader)?;
    let at = table.columns(columns)?;
    let mut out = BTreeMap::new();
    while table.next()? {
        let table = &table;
        let field = |j: usize| table.text(at[j]);
        let here = |j: usize| move |e: Error| table.at(at[j], e);
        let k = key(field(0)?.trim()).map_err(here(0))?;
        let y = year(field(1)?).map_err(here(1))?;
        let v = number::parse(field(2)?.trim()).map_err(here(2))?;
        check(v).map_err(here(2))?;
        if out.insert((k, y), v).is_some() {
            return Err(Error::from(ErrorKind::DuplicateRow {
                what: columns[0],
                key: field(0)?.trim().chars().take(40).collect(),
                year: y,
            })
            .at_line(table.line()));
        }
    }
    Ok(out)
}
