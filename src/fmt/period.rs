//! Periods and dates: `2025`, `2025-H1`, `2025-Q1`, `2025-03`,
//! `FY2024-10`, `2024-01-01..2027-12-31`, `2025-04-02`, `Q1 2025`, read
//! straight from bytes (the grammar is ASCII); and the ECB daily file's
//! `28 November 2025`.

use crate::error::{ErrorKind, Grammar};
use std::str::FromStr;

use chrono::{Month, NaiveDate};

use super::Cursor;
use crate::Error;
use crate::period::{Half, Period, Quarter};

/// A place in the bytes of a period or a date being read.
struct Bytes<'a> {
    input: &'a [u8],
    pos: usize,
    grammar: Grammar,
}

impl<'a> Bytes<'a> {
    #[inline]
    fn rest(&self) -> &'a [u8] {
        &self.input[self.pos..]
    }

    #[inline]
    fn eat(&mut self, s: &[u8]) -> bool {
        let hit = self.rest().starts_with(s);
        if hit {
            self.pos += s.len();
        }
        hit
    }

    /// Passes over white space (ASCII, or any Unicode white space).
    #[inline]
    fn skip_ws(&mut self) {
        if self.rest().first().is_some_and(u8::is_ascii_graphic) {
            return;
        }
        self.skip_more_ws();
    }

    fn skip_more_ws(&mut self) {
        while let Some(&b) = self.rest().first() {
            if b.is_ascii_whitespace() {
                self.pos += 1;
            } else if b >= 0x80 {
                let text = match std::str::from_utf8(self.rest()) {
                    Ok(t) => t,
                    Err(e) => std::str::from_utf8(&self.rest()[..e.valid_up_to()]).unwrap_or(""),
                };
                let trimmed = text.trim_start();
                if trimmed.len() == text.len() {
                    return;
                }
                self.pos += text.len() - trimmed.len();
            } else {
                return;
            }
        }
    }

    fn error(&self, reason: &'static str) -> Error {
        self.error_at(self.pos, reason)
    }

    fn error_at(&self, offset: usize, reason: &'static str) -> Error {
        ErrorKind::Syntax {
            grammar: self.grammar,
            input: String::from_utf8_lossy(self.input).into_owned(),
            offset,
            reason,
        }
        .into()
    }

    fn expect_end(&mut self) -> Result<(), Error> {
        self.skip_ws();
        if self.pos == self.input.len() {
            Ok(())
        } else {
            Err(self.error("unexpected text"))
        }
    }
}

/// Reads exactly `n` ASCII digits.
#[inline]
fn digits(c: &mut Bytes<'_>, n: usize, reason: &'static str) -> Result<u32, Error> {
    let rest = c.rest();
    if rest.len() < n || !rest[..n].iter().all(u8::is_ascii_digit) {
        return Err(c.error(reason));
    }
    // Checked to be `n` ASCII digits (n <= 4): fits in a u32.
    let value = rest[..n]
        .iter()
        .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
    c.pos += n;
    Ok(value)
}

#[inline]
fn year(c: &mut Bytes<'_>) -> Result<i32, Error> {
    let start = c.pos;
    let y = digits(c, 4, "expected a four-digit year")?;
    if c.rest().first().is_some_and(u8::is_ascii_digit) {
        return Err(c.error_at(start, "expected a four-digit year"));
    }
    // At most 9999.
    let y = i32::try_from(y).unwrap_or(i32::MAX);
    crate::period::check_year(y)
}

fn month_number(c: &mut Bytes<'_>) -> Result<u32, Error> {
    let at = c.pos;
    let m = digits(c, 2, "expected a two-digit month")?;
    if !(1..=12).contains(&m) {
        return Err(c.error_at(at, "month must be 01 to 12"));
    }
    Ok(m)
}

fn to_month(m: u32) -> Month {
    Month::try_from(u8::try_from(m).unwrap_or(1)).unwrap_or(Month::January)
}

/// `YYYY-MM-DD`, with an [`ErrorKind::InvalidDate`] for days that do not exist.
#[inline]
fn date_at(c: &mut Bytes<'_>) -> Result<NaiveDate, Error> {
    let y = year(c)?;
    if !c.eat(b"-") {
        return Err(c.error("expected '-'"));
    }
    let m = digits(c, 2, "expected a two-digit month")?;
    if !c.eat(b"-") {
        return Err(c.error("expected '-'"));
    }
    let d = digits(c, 2, "expected a two-digit day")?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| {
        ErrorKind::InvalidDate {
            year: y,
            month: m,
            day: d,
        }
        .into()
    })
}

/// Reads a whole text as an ISO date `YYYY-MM-DD` (years 1 to 9999).
#[inline]
pub(crate) fn read_date(b: &[u8]) -> Result<NaiveDate, Error> {
    let mut c = Bytes {
        input: b,
        pos: 0,
        grammar: Grammar::Date,
    };
    c.skip_ws();
    let date = date_at(&mut c)?;
    c.expect_end()?;
    Ok(date)
}

/// [`read_date`] of a text.
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, Error> {
    read_date(s.as_bytes())
}

/// Reads a whole text as a period (see [`Period`]'s `FromStr`).
#[inline]
pub(crate) fn read_period(b: &[u8]) -> Result<Period, Error> {
    let mut c = Bytes {
        input: b,
        pos: 0,
        grammar: Grammar::Period,
    };
    c.skip_ws();
    let p = period(&mut c)?;
    c.expect_end()?;
    Ok(p)
}

fn quarter(c: &mut Bytes<'_>) -> Result<Quarter, Error> {
    let at = c.pos;
    match digits(c, 1, "quarter must be Q1 to Q4")? {
        1 => Ok(Quarter::Q1),
        2 => Ok(Quarter::Q2),
        3 => Ok(Quarter::Q3),
        4 => Ok(Quarter::Q4),
        _ => Err(c.error_at(at, "quarter must be Q1 to Q4")),
    }
}

fn half(c: &mut Bytes<'_>) -> Result<Half, Error> {
    let at = c.pos;
    match digits(c, 1, "half must be H1 or H2")? {
        1 => Ok(Half::H1),
        2 => Ok(Half::H2),
        _ => Err(c.error_at(at, "half must be H1 or H2")),
    }
}

#[inline]
fn eat_letter(c: &mut Bytes<'_>, letter: u8) -> bool {
    let hit = c
        .rest()
        .first()
        .is_some_and(|b| b.eq_ignore_ascii_case(&letter));
    if hit {
        c.pos += 1;
    }
    hit
}

#[inline]
fn period(c: &mut Bytes<'_>) -> Result<Period, Error> {
    // "FY2024-10"
    if c.rest()
        .get(..2)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"FY"))
    {
        c.pos += 2;
        let y = year(c)?;
        if !c.eat(b"-") {
            return Err(c.error("expected '-' and the fiscal year's first month"));
        }
        let m = month_number(c)?;
        return Period::fiscal_year_starting(y, to_month(m));
    }
    // "Q1 2025", "H2 2025"
    if eat_letter(c, b'Q') {
        let q = quarter(c)?;
        c.skip_ws();
        return Period::quarter(year(c)?, q);
    }
    if eat_letter(c, b'H') {
        let h = half(c)?;
        c.skip_ws();
        return Period::half(year(c)?, h);
    }
    let start = c.pos;
    let y = year(c)?;
    if !c.eat(b"-") {
        return Period::year(y);
    }
    if eat_letter(c, b'Q') {
        return Period::quarter(y, quarter(c)?);
    }
    if eat_letter(c, b'H') {
        return Period::half(y, half(c)?);
    }
    let m = month_number(c)?;
    if !c.rest().starts_with(b"-") {
        return Period::month(y, to_month(m));
    }
    c.pos = start;
    let from = date_at(c)?;
    c.skip_ws();
    if !c.eat(b"..") {
        return Period::day(from);
    }
    c.skip_ws();
    let to = date_at(c)?;
    Period::range(from, to)
}

impl FromStr for Period {
    type Err = Error;

    /// Reads what [`Display`](std::fmt::Display) writes — `2025`, `2025-H1`,
    /// `2025-Q1`, `2025-03`, `FY2024-10` (the fiscal year starting
    /// 2024-10-01), `2024-01-01..2027-12-31` — and also `Q1 2025`,
    /// `H1 2025`, and a single date `2025-04-02` (a one-day range).
    ///
    /// ```
    /// use alliance_commitments::{Error, Period};
    /// use alliance_commitments::error::ErrorKind;
    /// assert_eq!("Q1 2025".parse::<Period>()?, "2025-Q1".parse()?);
    /// assert!(matches!("2025-Q5".parse::<Period>().as_ref().map_err(Error::kind), Err(ErrorKind::Syntax { offset: 6, .. })));
    /// assert!(matches!("2025-02-30".parse::<Period>().as_ref().map_err(Error::kind), Err(ErrorKind::InvalidDate { day: 30, .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        read_period(s.as_bytes())
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `28 November 2025` (the daily file's form; a three-letter month is
/// accepted too).
pub(crate) fn long_date(text: &str) -> Result<NaiveDate, Error> {
    let c = Cursor::new(text, Grammar::Date);
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [day, month, year] = parts.as_slice() else {
        return Err(c.error_at(0, "expected a date like 28 November 2025"));
    };
    let month_no = MONTHS
        .iter()
        .position(|m| {
            m.eq_ignore_ascii_case(month)
                || (month.len() == 3 && m[..3].eq_ignore_ascii_case(month))
        })
        .ok_or_else(|| {
            c.error_at(
                text.find(month).unwrap_or(0),
                "expected an English month name",
            )
        })?;
    let day: u32 = day
        .parse()
        .map_err(|_| c.error_at(0, "expected the day of the month"))?;
    let year: i32 = year
        .parse()
        .map_err(|_| c.error_at(text.find(year).unwrap_or(0), "expected a four-digit year"))?;
    let month = u32::try_from(month_no + 1).unwrap_or(1);
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| ErrorKind::InvalidDate { year, month, day }.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_outside_the_calendar_or_the_syntax_are_refused() {
        for s in [
            "0000-01-01",
            "2025-02-29",
            "2024-13-01",
            "2024-00-10",
            "+024-01-01",
            "2024-1-01",
        ] {
            assert!(parse_date(s).is_err(), "{s}");
        }
        assert_eq!(
            parse_date("2024-02-29").ok(),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert!("0000".parse::<Period>().is_err());
        assert_eq!(
            "0001".parse::<Period>().ok(),
            Some(Period::year(1).unwrap())
        );
    }

    #[test]
    fn long_dates() {
        assert_eq!(
            long_date("28 November 2025"),
            Ok(NaiveDate::from_ymd_opt(2025, 11, 28).unwrap())
        );
        assert_eq!(
            long_date(" 1 Jan 2024 "),
            Ok(NaiveDate::from_ymd_opt(2024, 1, 1).unwrap())
        );
        let kind = |text| long_date(text).unwrap_err().kind().clone();
        assert!(matches!(
            kind("31 February 2025"),
            ErrorKind::InvalidDate { .. }
        ));
        assert!(matches!(kind("2025-11-28"), ErrorKind::Syntax { .. }));
        assert!(matches!(
            kind("28 Brumaire 2025"),
            ErrorKind::Syntax { offset: 3, .. }
        ));
    }
}
