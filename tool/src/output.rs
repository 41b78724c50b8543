//! The results of `alliance totals` as CSV, JSON and Parquet, exact: every
//! decimal as text or as a Parquet DECIMAL, never a float.

use std::io::{self, Write};
use std::ops::Bound;
use std::sync::Arc;

use alliance_commitments::{Currency, Figure};
use rust_decimal::Decimal;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSV: the keys, `total`, `currency` (and the bounds with `--bounds`).
    Csv,
    /// A JSON array of objects, decimals as strings.
    Json,
    /// Parquet, the bounds as DECIMAL(38, minor digits).
    Parquet,
}

/// One group's total.
#[derive(Debug)]
pub struct Row {
    /// The key values, as the library displays them (`DE`, `2025`, `unknown`).
    pub keys: Vec<String>,
    /// The total in the CSV figure syntax (`over 2890173410.40`).
    pub total: String,
    /// The lower bound, if any, and whether it is excluded.
    pub lower: (Option<Decimal>, bool),
    /// The upper bound, if any, and whether it is excluded (an absent one is).
    pub upper: (Option<Decimal>, bool),
}

impl Row {
    /// The row of a group whose total, rounded, is `figure`.
    pub fn new(keys: Vec<String>, figure: Figure) -> Row {
        let side = |b: Bound<Decimal>| match b {
            Bound::Included(x) => (Some(x), false),
            Bound::Excluded(x) => (Some(x), true),
            Bound::Unbounded => (None, true),
        };
        Row {
            keys,
            total: figure.plain().to_string(),
            lower: side(figure.lower()),
            upper: side(figure.upper()),
        }
    }
}

/// What every row shares: the key names, in output order, and the one
/// currency of every total.
#[derive(Debug)]
pub struct Header {
    /// The key names, in output order.
    pub keys: Vec<String>,
    /// The currency of every total.
    pub currency: Currency,
}

/// A bound as an integer of minor units: `d` × 10^`scale`, exactly.
///
/// Errors when `d` has more digits than `scale` (a rounded total never has)
/// or does not fit (it always does: a `Decimal` has at most 29 digits).
fn unscaled(d: Decimal, scale: u32) -> Result<i128, String> {
    let up = scale
        .checked_sub(d.scale())
        .ok_or_else(|| format!("{d} has more than {scale} decimal digits"))?;
    10i128
        .checked_pow(up)
        .and_then(|p| d.mantissa().checked_mul(p))
        .ok_or_else(|| format!("{d} does not fit DECIMAL(38, {scale})"))
}

/// `minor` units with `scale` decimal digits, as text (`-6200000000`, 2 →
/// `-62000000.00`).
fn fixed(minor: i128, scale: u32) -> String {
    let digits = minor.unsigned_abs().to_string();
    let scale = scale as usize;
    let sign = if minor < 0 { "-" } else { "" };
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    format!("{sign}{int}.{frac}")
}

/// A bound as text with exactly the currency's minor digits.
fn bound_text(d: Decimal, scale: u32) -> String {
    match unscaled(d, scale) {
        Ok(minor) => fixed(minor, scale),
        // Never for a rounded total; written as it is rather than lost.
        Err(_) => d.to_string(),
    }
}

/// A CSV field, quoted when it must be.
fn csv_field(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\"")).into()
    } else {
        text.into()
    }
}

/// Writes the CSV: the keys, `total`, `currency`; with `bounds`, then
/// `lower`, `upper` (empty where there is no bound), `lower_open`,
/// `upper_open`. Each row is written as it comes, none kept.
///
/// # Errors
///
/// What writing to `out` gives.
pub fn csv(
    out: &mut dyn Write,
    header: &Header,
    rows: impl Iterator<Item = Row>,
    bounds: bool,
) -> io::Result<()> {
    let scale = header.currency.minor_units();
    let mut names: Vec<&str> = header.keys.iter().map(String::as_str).collect();
    names.extend(["total", "currency"]);
    if bounds {
        names.extend(["lower", "upper", "lower_open", "upper_open"]);
    }
    writeln!(out, "{}", names.join(","))?;
    for row in rows {
        for k in &row.keys {
            write!(out, "{},", csv_field(k))?;
        }
        write!(out, "{},{}", csv_field(&row.total), header.currency.code())?;
        if bounds {
            let b = |x: Option<Decimal>| x.map(|d| bound_text(d, scale)).unwrap_or_default();
            write!(
                out,
                ",{},{},{},{}",
                b(row.lower.0),
                b(row.upper.0),
                row.lower.1,
                row.upper.1
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// A JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes the JSON: an array with one object per group, every column of
/// the CSV with `--bounds`; decimals as strings, `null` where there is no
/// bound. Each row is written as it comes, none kept.
///
/// # Errors
///
/// What writing to `out` gives.
pub fn json(
    out: &mut dyn Write,
    header: &Header,
    rows: impl Iterator<Item = Row>,
) -> io::Result<()> {
    let scale = header.currency.minor_units();
    let b = |x: Option<Decimal>| {
        x.map_or_else(|| "null".to_owned(), |d| json_string(&bound_text(d, scale)))
    };
    let mut any = false;
    write!(out, "[")?;
    for row in rows {
        write!(out, "{}", if any { ",\n  {" } else { "\n  {" })?;
        any = true;
        for (k, v) in header.keys.iter().zip(&row.keys) {
            write!(out, "{}: {}, ", json_string(k), json_string(v))?;
        }
        write!(
            out,
            "\"total\": {}, \"currency\": {}, \"lower\": {}, \"upper\": {}, \"lower_open\": {}, \"upper_open\": {}}}",
            json_string(&row.total),
            json_string(header.currency.code()),
            b(row.lower.0),
            b(row.upper.0),
            row.lower.1,
            row.upper.1
        )?;
    }
    writeln!(out, "{}", if any { "\n]" } else { "]" })
}

/// The Parquet file: the keys, `total` and `currency` as UTF-8 strings;
/// `lower` and `upper` as DECIMAL(38, the currency's minor digits) in 16-byte
/// fixed-length arrays, null where there is no bound; `lower_open` and
/// `upper_open` as booleans. One row group, no compression.
pub fn parquet(header: &Header, rows: &[Row]) -> Result<Vec<u8>, String> {
    use parquet::basic::{DecimalType, LogicalType, Repetition, Type as Physical};
    use parquet::data_type::{BoolType, ByteArray, ByteArrayType, FixedLenByteArrayType};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::types::Type;

    let fail = |e: parquet::errors::ParquetError| format!("writing Parquet: {e}");
    let scale = header.currency.minor_units();
    let text = |name: &str| {
        Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
            .with_repetition(Repetition::REQUIRED)
            .with_logical_type(Some(LogicalType::String))
            .build()
    };
    let decimal = |name: &str| {
        Type::primitive_type_builder(name, Physical::FIXED_LEN_BYTE_ARRAY)
            .with_repetition(Repetition::OPTIONAL)
            .with_length(16)
            .with_logical_type(Some(LogicalType::Decimal(DecimalType {
                scale: scale as i32,
                precision: 38,
            })))
            .with_precision(38)
            .with_scale(scale as i32)
            .build()
    };
    let flag = |name: &str| {
        Type::primitive_type_builder(name, Physical::BOOLEAN)
            .with_repetition(Repetition::REQUIRED)
            .build()
    };
    let mut fields = Vec::new();
    for k in &header.keys {
        fields.push(Arc::new(text(k).map_err(fail)?));
    }
    for t in [text("total"), text("currency")] {
        fields.push(Arc::new(t.map_err(fail)?));
    }
    for t in [decimal("lower"), decimal("upper")] {
        fields.push(Arc::new(t.map_err(fail)?));
    }
    for t in [flag("lower_open"), flag("upper_open")] {
        fields.push(Arc::new(t.map_err(fail)?));
    }
    let schema = Type::group_type_builder("totals")
        .with_fields(fields)
        .build()
        .map_err(fail)?;

    // The columns, in schema order.
    let strings = |f: &dyn Fn(&Row) -> &str| -> Vec<ByteArray> {
        rows.iter()
            .map(|r| ByteArray::from(f(r).as_bytes().to_vec()))
            .collect()
    };
    let mut text_columns: Vec<Vec<ByteArray>> = (0..header.keys.len())
        .map(|i| strings(&|r: &Row| r.keys[i].as_str()))
        .collect();
    text_columns.push(strings(&|r: &Row| r.total.as_str()));
    text_columns.push(strings(&|_| header.currency.code()));
    let bounds = |side: &dyn Fn(&Row) -> Option<Decimal>| -> Result<_, String> {
        let (mut values, mut levels) = (Vec::new(), Vec::new());
        for row in rows {
            match side(row) {
                Some(d) => {
                    let minor = unscaled(d, scale)?;
                    values.push(ByteArray::from(minor.to_be_bytes().to_vec()).into());
                    levels.push(1i16);
                }
                None => levels.push(0),
            }
        }
        Ok((values, levels))
    };
    let decimal_columns = [bounds(&|r| r.lower.0)?, bounds(&|r| r.upper.0)?];
    let flag_columns: [Vec<bool>; 2] = [
        rows.iter().map(|r| r.lower.1).collect(),
        rows.iter().map(|r| r.upper.1).collect(),
    ];

    let props = Arc::new(WriterProperties::builder().build());
    let mut writer =
        SerializedFileWriter::new(Vec::new(), Arc::new(schema), props).map_err(fail)?;
    let mut group = writer.next_row_group().map_err(fail)?;
    let mut index = 0;
    while let Some(mut column) = group.next_column().map_err(fail)? {
        let n_text = text_columns.len();
        if index < n_text {
            column
                .typed::<ByteArrayType>()
                .write_batch(&text_columns[index], None, None)
                .map_err(fail)?;
        } else if index < n_text + 2 {
            let (values, levels) = &decimal_columns[index - n_text];
            column
                .typed::<FixedLenByteArrayType>()
                .write_batch(values, Some(levels), None)
                .map_err(fail)?;
        } else {
            column
                .typed::<BoolType>()
                .write_batch(&flag_columns[index - n_text - 2], None, None)
                .map_err(fail)?;
        }
        column.close().map_err(fail)?;
        index += 1;
    }
    group.close().map_err(fail)?;
    writer.into_inner().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn bounds_are_integers_of_minor_units() {
        assert_eq!(unscaled(dec!(-62000000.00), 2), Ok(-6_200_000_000));
        assert_eq!(unscaled(dec!(5), 2), Ok(500));
        assert_eq!(unscaled(dec!(0.5), 0).ok(), None);
        assert_eq!(fixed(-6_200_000_000, 2), "-62000000.00");
        assert_eq!(fixed(5, 2), "0.05");
        assert_eq!(fixed(-5, 3), "-0.005");
        assert_eq!(fixed(42, 0), "42");
    }

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(json_string("a\"b\\c\n\u{1}"), r#""a\"b\\c\n\u0001""#);
    }
}
