//! Reading periods and dates.

use crate::error::{ErrorKind, Grammar};
use std::str::FromStr;

use chrono::{Month, NaiveDate};

use super::{Half, Period, Quarter};
use crate::Error;
use crate::text::Cursor;

/// The value of ASCII digits (at most 4), `None` if any byte is not one.
fn number(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |acc, d| {
        d.is_ascii_digit().then(|| acc * 10 + u32::from(d - b'0'))
    })
}

/// The common case of [`parse_date`] read directly: exactly `YYYY-MM-DD`,
/// a year from 1 and a day that exists. `None` for anything else, which
/// the full parser then reads (or explains). Files of a million pledges
/// spend noticeable time here.
pub(crate) fn plain_date(b: &[u8]) -> Option<NaiveDate> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *b else {
        return None;
    };
    let y = number(&[y0, y1, y2, y3])?;
    if y == 0 {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(y).ok()?,
        number(&[m0, m1])?,
        number(&[d0, d1])?,
    )?;
    Some(date)
}

/// The common case of a period, a four-digit year from 1, read directly;
/// `None` for anything else.
pub(crate) fn plain_year(b: &[u8]) -> Option<Period> {
    if b.len() != 4 {
        return None;
    }
    Period::year(i32::try_from(number(b)?).ok()?).ok()
}

/// Reads exactly `n` ASCII digits.
fn digits(c: &mut Cursor<'_>, n: usize, reason: &'static str) -> Result<u32, Error> {
    let rest = c.rest().as_bytes();
    if rest.len() < n || !rest[..n].iter().all(u8::is_ascii_digit) {
        return Err(c.error(reason));
    }
    // Checked to be `n` ASCII digits (n <= 4): fits in a u32.
    let value = rest[..n]
        .iter()
        .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'));
    c.set_pos(c.pos() + n);
    Ok(value)
}

fn year(c: &mut Cursor<'_>) -> Result<i32, Error> {
    let start = c.pos();
    let y = digits(c, 4, "expected a four-digit year")?;
    if c.rest().as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return Err(c.error_at(start, "expected a four-digit year"));
    }
    // At most 9999.
    let y = i32::try_from(y).unwrap_or(i32::MAX);
    super::check_year(y)
}

fn month_number(c: &mut Cursor<'_>) -> Result<u32, Error> {
    let at = c.pos();
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
fn date_at(c: &mut Cursor<'_>) -> Result<NaiveDate, Error> {
    let y = year(c)?;
    if !c.eat("-") {
        return Err(c.error("expected '-'"));
    }
    let m = digits(c, 2, "expected a two-digit month")?;
    if !c.eat("-") {
        return Err(c.error("expected '-'"));
    }
    let d = digits(c, 2, "expected a two-digit day")?;
    NaiveDate::from_ymd_opt(y, m, d).ok_or(ErrorKind::InvalidDate {
        year: y,
        month: m,
        day: d,
    }.into())
}

/// Reads a whole text as an ISO date `YYYY-MM-DD` (years 1 to 9999).
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, Error> {
    if let Some(date) = plain_date(s.as_bytes()) {
        return Ok(date);
    }
    let mut c = Cursor::new(s, Grammar::Date);
    c.skip_ws();
    let date = date_at(&mut c)?;
    c.expect_end()?;
    Ok(date)
}

fn quarter(c: &mut Cursor<'_>) -> Result<Quarter, Error> {
    let at = c.pos();
    match digits(c, 1, "quarter must be Q1 to Q4")? {
        1 => Ok(Quarter::Q1),
        2 => Ok(Quarter::Q2),
        3 => Ok(Quarter::Q3),
        4 => Ok(Quarter::Q4),
        _ => Err(c.error_at(at, "quarter must be Q1 to Q4")),
    }
}

fn half(c: &mut Cursor<'_>) -> Result<Half, Error> {
    let at = c.pos();
    match digits(c, 1, "half must be H1 or H2")? {
        1 => Ok(Half::H1),
        2 => Ok(Half::H2),
        _ => Err(c.error_at(at, "half must be H1 or H2")),
    }
}

fn eat_letter(c: &mut Cursor<'_>, letter: u8) -> bool {
    let hit = c
        .rest()
        .as_bytes()
        .first()
        .is_some_and(|b| b.eq_ignore_ascii_case(&letter));
    if hit {
        c.set_pos(c.pos() + 1);
    }
    hit
}

fn period(c: &mut Cursor<'_>) -> Result<Period, Error> {
    // "FY2024-10"
    if c.rest()
        .as_bytes()
        .get(..2)
        .is_some_and(|b| b.eq_ignore_ascii_case(b"FY"))
    {
        c.set_pos(c.pos() + 2);
        let y = year(c)?;
        if !c.eat("-") {
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
    let start = c.pos();
    let y = year(c)?;
    if !c.eat("-") {
        return Period::year(y);
    }
    if eat_letter(c, b'Q') {
        return Period::quarter(y, quarter(c)?);
    }
    if eat_letter(c, b'H') {
        return Period::half(y, half(c)?);
    }
    let m = month_number(c)?;
    if !c.rest().starts_with('-') {
        return Period::month(y, to_month(m));
    }
    c.set_pos(start);
    let from = date_at(c)?;
    c.skip_ws();
    if !c.eat("..") {
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
    /// assert_eq!("Q1 2025".parse::<Period>()?, "2025-Q1".parse()?);
    /// assert!(matches!("2025-Q5".parse::<Period>().as_ref().map_err(Error::kind), Err(ErrorKind::Syntax { offset: 6, .. })));
    /// assert!(matches!("2025-02-30".parse::<Period>().as_ref().map_err(Error::kind), Err(ErrorKind::InvalidDate { day: 30, .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(year) = plain_year(s.as_bytes()) {
            return Ok(year);
        }
        let mut c = Cursor::new(s, Grammar::Period);
        c.skip_ws();
        let p = period(&mut c)?;
        c.expect_end()?;
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The full parsers, without the shortcuts.
    fn full_date(s: &str) -> Result<NaiveDate, Error> {
        let mut c = Cursor::new(s, Grammar::Date);
        c.skip_ws();
        let date = date_at(&mut c)?;
        c.expect_end()?;
        Ok(date)
    }

    fn full_period(s: &str) -> Result<Period, Error> {
        let mut c = Cursor::new(s, Grammar::Period);
        c.skip_ws();
        let p = period(&mut c)?;
        c.expect_end()?;
        Ok(p)
    }

    #[test]
    fn shortcuts_take_only_what_the_full_parsers_accept() {
        for s in [
            "0000-01-01",
            "2025-02-29",
            "2024-13-01",
            "2024-00-10",
            "+024-01-01",
            "2024-1-01",
        ] {
            assert_eq!(plain_date(s.as_bytes()), None, "{s}");
        }
        assert_eq!(
            plain_date(b"2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        assert_eq!(plain_year(b"0000"), None);
        assert_eq!(plain_year(b"0001"), Some(Period::year(1).unwrap()));
    }

    proptest! {
        // Whatever the shortcuts read, the full parsers read the same way.
        #[test]
        fn shortcuts_agree_with_the_full_parsers(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9 -]{0,11}") {
            if let Some(d) = plain_date(s.as_bytes()) {
                prop_assert_eq!(full_date(&s).ok(), Some(d));
            } else if s.len() == 10 && !s.contains(' ') {
                prop_assert!(full_date(&s).is_err(), "{}", s);
            }
            prop_assert_eq!(parse_date(&s).ok(), full_date(&s).ok());
        }

        #[test]
        fn year_shortcut_agrees(s in "[0-9]{4}|[0-9 ]{0,6}") {
            if let Some(p) = plain_year(s.as_bytes()) {
                prop_assert_eq!(full_period(&s).ok(), Some(p));
            }
            prop_assert_eq!(s.parse::<Period>().ok(), full_period(&s).ok());
        }
    }
}
