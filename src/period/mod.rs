//! Spans of days: years, halves, quarters, months, fiscal years and date
//! ranges.

use crate::error::ErrorKind;

use std::cmp::Ordering;
use std::fmt;

use chrono::{Datelike, Month, NaiveDate};

use crate::Error;

/// A half of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Half {
    /// January to June.
    H1,
    /// July to December.
    H2,
}

/// A quarter of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Quarter {
    /// January to March.
    Q1,
    /// April to June.
    Q2,
    /// July to September.
    Q3,
    /// October to December.
    Q4,
}

impl Half {
    /// The half a month falls in.
    pub fn of(month: Month) -> Half {
        if month.number_from_month() <= 6 {
            Half::H1
        } else {
            Half::H2
        }
    }

    /// The first month of the half.
    pub fn first_month(self) -> Month {
        match self {
            Half::H1 => Month::January,
            Half::H2 => Month::July,
        }
    }
}

impl Quarter {
    /// The quarter a month falls in.
    pub fn of(month: Month) -> Quarter {
        match month.number_from_month() {
            1..=3 => Quarter::Q1,
            4..=6 => Quarter::Q2,
            7..=9 => Quarter::Q3,
            _ => Quarter::Q4,
        }
    }

    /// The first month of the quarter.
    pub fn first_month(self) -> Month {
        match self {
            Quarter::Q1 => Month::January,
            Quarter::Q2 => Month::April,
            Quarter::Q3 => Month::July,
            Quarter::Q4 => Month::October,
        }
    }

    /// 1 to 4.
    pub fn number(self) -> u8 {
        match self {
            Quarter::Q1 => 1,
            Quarter::Q2 => 2,
            Quarter::Q3 => 3,
            Quarter::Q4 => 4,
        }
    }
}

/// The units a period can be split into, or bucketed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum PeriodUnit {
    /// Calendar years.
    Year,
    /// Halves of calendar years.
    Half,
    /// Calendar quarters.
    Quarter,
    /// Calendar months.
    Month,
}

/// What kind of span a [`Period`] is, for inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum PeriodKind {
    /// A calendar year.
    Year,
    /// A half of a calendar year.
    Half(Half),
    /// A calendar quarter.
    Quarter(Quarter),
    /// A calendar month.
    Month(Month),
    /// Twelve months from the first day of `start_month`.
    FiscalYear {
        /// The month in which the fiscal year starts.
        start_month: Month,
    },
    /// Any inclusive range of days.
    Range,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Repr {
    Year(i32),
    Half(i32, Half),
    Quarter(i32, Quarter),
    Month(i32, Month),
    // Labelled by the calendar year and month of its first day.
    Fiscal(i32, Month),
    /// Any days: the period's own start and end.
    Range,
}

/// A span of whole days with an inclusive start and end: a year, a half, a
/// quarter, a month, a fiscal year with its own start month, or any date
/// range.
///
/// Years run from 1 to 9999. `Ord` is time order: by start, then end, then
/// kind (a calendar year sorts before a date range with the same days).
/// Equality is of kind too: the year 2025 and the range
/// `2025-01-01..2025-12-31` cover the same days ([`Period::same_days`]) but
/// are not equal, because they were stated differently.
///
/// ```
/// use alliance_commitments::{Period, PeriodUnit, Quarter};
/// use chrono::NaiveDate;
///
/// let q1: Period = "2025-Q1".parse()?;
/// assert_eq!(q1, Period::quarter(2025, Quarter::Q1)?);
/// assert_eq!(q1.days(), 90);
/// assert!(q1.contains(NaiveDate::from_ymd_opt(2025, 3, 31).unwrap()));
///
/// let span: Period = "2024-01-01..2027-12-31".parse()?;
/// let years = span.split(PeriodUnit::Year);
/// assert_eq!(years.len(), 4);
/// assert_eq!(years[0].to_string(), "2024");
/// assert_eq!(years.iter().map(Period::days).sum::<i64>(), span.days());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    repr: Repr,
    /// The first and last days, worked out when the period is made: they
    /// are asked for far more often (spreading, merging, ordering).
    start: NaiveDate,
    end: NaiveDate,
}

pub(crate) const MIN_YEAR: i32 = 1;
pub(crate) const MAX_YEAR: i32 = 9999;

pub(crate) fn check_year(year: i32) -> Result<i32, Error> {
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(year)
    } else {
        Err(ErrorKind::YearOutOfRange { year }.into())
    }
}

/// The first day of a month; valid for every checked year.
fn first_of(year: i32, month: Month) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month.number_from_month(), 1).unwrap_or(NaiveDate::MIN)
}

/// The first day of the month `months` after (year, month).
fn add_months(year: i32, month: Month, months: u32) -> (i32, Month) {
    let index = i64::from(year) * 12 + i64::from(month.number_from_month() - 1) + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).unwrap_or(i32::MAX);
    let month0 = u8::try_from(index.rem_euclid(12)).unwrap_or(0);
    (year, Month::try_from(month0 + 1).unwrap_or(Month::January))
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The days of the span of `months` months (at most twelve) starting at
/// (year, month), by the Gregorian calendar's rules: what the calendar
/// would count, without asking it.
fn days_of_months(year: i32, month: Month, months: u32) -> u32 {
    // Days before each month of two common years.
    const BEFORE: [u32; 25] = [
        0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365, 396, 424, 455, 485, 516, 546,
        577, 608, 638, 669, 699, 730,
    ];
    let from = month.number_from_month() - 1;
    let to = from + months.min(12);
    let at = |i: u32| BEFORE[usize::try_from(i).unwrap_or(0)];
    // The February the span holds, if any: of this year, or of the next
    // for a span that starts after February and runs past December.
    let leap_day = match (from <= 1 && 1 < to, from <= 13 && 13 < to) {
        (true, _) => is_leap(year),
        (_, true) => is_leap(year + 1),
        _ => false,
    };
    at(to) - at(from) + u32::from(leap_day)
}

impl Repr {
    /// The year and month a calendar period starts in and how many months
    /// it has; `None` for a range.
    fn months(self) -> Option<(i32, Month, u32)> {
        match self {
            Repr::Year(y) => Some((y, Month::January, 12)),
            Repr::Half(y, h) => Some((y, h.first_month(), 6)),
            Repr::Quarter(y, q) => Some((y, q.first_month(), 3)),
            Repr::Month(y, m) => Some((y, m, 1)),
            Repr::Fiscal(y, m) => Some((y, m, 12)),
            Repr::Range => None,
        }
    }

    /// The period of the same kind that starts in (year, month).
    fn starting(self, year: i32, month: Month) -> Repr {
        match self {
            Repr::Year(_) => Repr::Year(year),
            Repr::Half(..) => Repr::Half(year, Half::of(month)),
            Repr::Quarter(..) => Repr::Quarter(year, Quarter::of(month)),
            Repr::Month(..) => Repr::Month(year, month),
            Repr::Fiscal(..) => Repr::Fiscal(year, month),
            Repr::Range => Repr::Range,
        }
    }
}

impl Period {
    /// A calendar period (not a range) from its first day: its last day
    /// counted from its length, which asks the calendar for nothing more.
    fn calendar(repr: Repr, start: NaiveDate) -> Period {
        let days = repr.months().map_or(1, |(y, m, n)| days_of_months(y, m, n));
        let end = start
            .checked_add_days(chrono::Days::new(u64::from(days - 1)))
            .unwrap_or(NaiveDate::MAX);
        Period { repr, start, end }
    }

    /// The calendar period of the same kind right after this one, if it
    /// is one and the next lies within the years allowed.
    fn following(&self) -> Option<Period> {
        let (year, first, months) = self.repr.months()?;
        let (y, m) = add_months(year, first, months);
        let next = Period::calendar(self.repr.starting(y, m), self.end.succ_opt()?);
        check_year(next.end.year()).ok().map(|_| next)
    }
}

impl Period {
    /// The period `repr` stands for, its days worked out; a range's are
    /// given to [`Period::days_of`].
    fn of(repr: Repr) -> Period {
        match repr.months() {
            Some((year, first, _)) => Period::calendar(repr, first_of(year, first)),
            // Ranges are made by `days_of`, never here.
            None => Period::days_of(NaiveDate::MIN, NaiveDate::MAX),
        }
    }

    /// The days from `start` to `end`, as a range (unchecked: callers
    /// give `start <= end` within the years allowed).
    fn days_of(start: NaiveDate, end: NaiveDate) -> Period {
        Period {
            repr: Repr::Range,
            start,
            end,
        }
    }

    /// A calendar year.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::YearOutOfRange`] for a year outside 1 to 9999.
    pub fn year(year: i32) -> Result<Period, Error> {
        Ok(Period::of(Repr::Year(check_year(year)?)))
    }

    /// A half of a calendar year.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::YearOutOfRange`] for a year outside 1 to 9999.
    pub fn half(year: i32, half: Half) -> Result<Period, Error> {
        Ok(Period::of(Repr::Half(check_year(year)?, half)))
    }

    /// A calendar quarter.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::YearOutOfRange`] for a year outside 1 to 9999.
    pub fn quarter(year: i32, quarter: Quarter) -> Result<Period, Error> {
        Ok(Period::of(Repr::Quarter(check_year(year)?, quarter)))
    }

    /// A calendar month.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::YearOutOfRange`] for a year outside 1 to 9999.
    pub fn month(year: i32, month: Month) -> Result<Period, Error> {
        Ok(Period::of(Repr::Month(check_year(year)?, month)))
    }

    /// The fiscal year that starts on the first day of `start_month` in
    /// `year`: `fiscal_year_starting(2024, Month::October)` is
    /// 2024-10-01..2025-09-30 (the US federal "FY2025"), written
    /// `FY2024-10`. Labelling by the start avoids the two conventions for
    /// "FY2025". The fiscal year must end by 9999-12-31.
    ///
    /// ```
    /// use alliance_commitments::Period;
    /// use chrono::Month;
    /// let fy = Period::fiscal_year_starting(2024, Month::October)?;
    /// assert_eq!(fy.to_string(), "FY2024-10");
    /// assert_eq!(fy.end().to_string(), "2025-09-30");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::YearOutOfRange`] if the fiscal year starts or ends outside the
    /// years 1 to 9999.
    pub fn fiscal_year_starting(year: i32, start_month: Month) -> Result<Period, Error> {
        check_year(year)?;
        let (end_year, _) = add_months(year, start_month, 11);
        check_year(end_year)?;
        Ok(Period::of(Repr::Fiscal(year, start_month)))
    }

    /// The fiscal year that ends with the last day of `end_month` in
    /// `year`: `fiscal_year_ending(2025, Month::September)` is FY2024-10.
    ///
    /// # Errors
    ///
    /// As [`Period::fiscal_year_starting`].
    pub fn fiscal_year_ending(year: i32, end_month: Month) -> Result<Period, Error> {
        let (start_year, start_month) = add_months(year, end_month, 1);
        Period::fiscal_year_starting(start_year - 1, start_month)
    }

    /// Any inclusive range of days; an error if `end` is before `start`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::PeriodEndsBeforeStart`] if `end` is before `start`;
    /// [`ErrorKind::YearOutOfRange`] for a date outside the years 1 to 9999.
    pub fn range(start: NaiveDate, end: NaiveDate) -> Result<Period, Error> {
        if end < start {
            return Err(ErrorKind::PeriodEndsBeforeStart { start, end }.into());
        }
        check_year(start.year())?;
        check_year(end.year())?;
        Ok(Period::days_of(start, end))
    }

    /// The one-day range of a date.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::YearOutOfRange`] for a date outside the years 1 to 9999.
    pub fn day(date: NaiveDate) -> Result<Period, Error> {
        Period::range(date, date)
    }

    /// The period of a unit that contains a date: the quarter of
    /// 2025-02-14 is 2025-Q1.
    ///
    /// ```
    /// use alliance_commitments::{Period, PeriodUnit};
    /// use chrono::NaiveDate;
    /// let date = NaiveDate::from_ymd_opt(2025, 2, 14).unwrap();
    /// assert_eq!(Period::containing(date, PeriodUnit::Quarter)?.to_string(), "2025-Q1");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::YearOutOfRange`] for a date outside the years 1 to 9999.
    pub fn containing(date: NaiveDate, unit: PeriodUnit) -> Result<Period, Error> {
        let year = check_year(date.year())?;
        let month =
            Month::try_from(u8::try_from(date.month()).unwrap_or(1)).unwrap_or(Month::January);
        Ok(Period::of(match unit {
            PeriodUnit::Year => Repr::Year(year),
            PeriodUnit::Half => Repr::Half(year, Half::of(month)),
            PeriodUnit::Quarter => Repr::Quarter(year, Quarter::of(month)),
            PeriodUnit::Month => Repr::Month(year, month),
        }))
    }

    /// What kind of span this is.
    pub fn kind(&self) -> PeriodKind {
        match self.repr {
            Repr::Year(_) => PeriodKind::Year,
            Repr::Half(_, h) => PeriodKind::Half(h),
            Repr::Quarter(_, q) => PeriodKind::Quarter(q),
            Repr::Month(_, m) => PeriodKind::Month(m),
            Repr::Fiscal(_, m) => PeriodKind::FiscalYear { start_month: m },
            Repr::Range => PeriodKind::Range,
        }
    }

    /// The first day.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day (inclusive).
    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// The number of days, counting both ends: 365 for 2025, 90 for 2025-Q1.
    pub fn days(&self) -> i64 {
        (self.end() - self.start()).num_days() + 1
    }

    /// Whether a date falls within the period.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// Whether every day of `other` falls within this period.
    pub fn encloses(&self, other: &Period) -> bool {
        self.start() <= other.start() && other.end() <= self.end()
    }

    /// Whether the two periods share at least one day.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.start() <= other.end() && other.start() <= self.end()
    }

    /// Whether the two periods cover the same days, whatever their kinds.
    pub fn same_days(&self, other: &Period) -> bool {
        self.start() == other.start() && self.end() == other.end()
    }

    /// The days the two periods share: `None` if they do not overlap; one
    /// of the two (with its kind) if it lies within the other; else a range.
    ///
    /// ```
    /// use alliance_commitments::Period;
    /// let span: Period = "2024-07-10..2025-07-09".parse()?;
    /// let y2025: Period = "2025".parse()?;
    /// assert_eq!(span.intersection(&y2025).unwrap().to_string(), "2025-01-01..2025-07-09");
    /// let q1: Period = "2025-Q1".parse()?;
    /// assert_eq!(span.intersection(&q1), Some(q1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn intersection(&self, other: &Period) -> Option<Period> {
        let (a, b) = ((self.start(), self.end()), (other.start(), other.end()));
        if a.0 > b.1 || b.0 > a.1 {
            None
        } else if b.0 <= a.0 && a.1 <= b.1 {
            Some(*self)
        } else if a.0 <= b.0 && b.1 <= a.1 {
            Some(*other)
        } else {
            Some(Period::days_of(a.0.max(b.0), a.1.min(b.1)))
        }
    }

    /// The period cut at the boundaries of a unit: each part is the
    /// intersection of the period with one calendar year (half, quarter,
    /// month). Whole units keep their kind (`2025-Q2`); partial ones are
    /// ranges. The parts are in time order, cover the period without gaps
    /// or overlaps, and their days add up to the period's.
    ///
    /// ```
    /// use alliance_commitments::{Period, PeriodUnit};
    /// let p: Period = "2025-02-15..2025-05-10".parse()?;
    /// let parts: Vec<String> = p.split(PeriodUnit::Quarter).iter().map(|q| q.to_string()).collect();
    /// assert_eq!(parts, ["2025-02-15..2025-03-31", "2025-04-01..2025-05-10"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn split(&self, unit: PeriodUnit) -> Vec<Period> {
        let mut parts = Vec::new();
        self.cut(unit, |part, _| parts.push(part));
        parts
    }

    /// The parts of [`Period::split`], each handed to `each` with its
    /// number of days, in time order, none kept.
    pub(crate) fn cut(&self, unit: PeriodUnit, mut each: impl FnMut(Period, u64)) {
        let (start, end) = (self.start(), self.end());
        // Years are checked at construction, so every unit is valid.
        let Ok(mut bucket) = Period::containing(start, unit) else {
            return;
        };
        let mut from = start;
        // Only the first part can begin inside its unit: each later one
        // begins the day after the one before it ends.
        let mut at_unit_start = bucket.start() == start;
        loop {
            // `bucket.intersection(self)`, without its comparisons.
            let last = bucket.end();
            let to = last.min(end);
            let part = if at_unit_start && last <= end {
                bucket
            } else if from == start && end <= last {
                *self
            } else {
                Period::days_of(from, to)
            };
            each(part, (to - from).num_days().unsigned_abs() + 1);
            if last >= end {
                break;
            }
            match bucket.following() {
                Some(next) => {
                    from = next.start();
                    bucket = next;
                }
                None => break,
            }
            at_unit_start = true;
        }
    }

    /// The calendar years the period touches, cut to the period.
    pub fn years(&self) -> Vec<Period> {
        self.split(PeriodUnit::Year)
    }

    /// The halves the period touches, cut to the period.
    pub fn halves(&self) -> Vec<Period> {
        self.split(PeriodUnit::Half)
    }

    /// The quarters the period touches, cut to the period.
    pub fn quarters(&self) -> Vec<Period> {
        self.split(PeriodUnit::Quarter)
    }

    /// The months the period touches, cut to the period.
    pub fn months(&self) -> Vec<Period> {
        self.split(PeriodUnit::Month)
    }

    /// The calendar unit this period is one whole of, if it is one: what
    /// [`Period::containing`] its start in that unit gives back.
    pub(crate) fn unit(&self) -> Option<PeriodUnit> {
        match self.repr {
            Repr::Year(_) => Some(PeriodUnit::Year),
            Repr::Half(..) => Some(PeriodUnit::Half),
            Repr::Quarter(..) => Some(PeriodUnit::Quarter),
            Repr::Month(..) => Some(PeriodUnit::Month),
            Repr::Fiscal(..) | Repr::Range => None,
        }
    }

    fn kind_rank(&self) -> u8 {
        match self.repr {
            Repr::Year(_) => 0,
            Repr::Fiscal(..) => 1,
            Repr::Half(..) => 2,
            Repr::Quarter(..) => 3,
            Repr::Month(..) => 4,
            Repr::Range => 5,
        }
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    /// Time order: start, then end, then kind. Start, end and kind
    /// determine a period, so this agrees with `Eq`.
    fn cmp(&self, other: &Self) -> Ordering {
        (self.start(), self.end(), self.kind_rank()).cmp(&(
            other.start(),
            other.end(),
            other.kind_rank(),
        ))
    }
}

impl fmt::Debug for Period {
    /// As written: `Period(2025-Q1)`, `Period(2024-07-10..2025-07-09)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Period")
            .field(&format_args!("{self}"))
            .finish()
    }
}

impl fmt::Display for Period {
    /// `2025`, `2025-H1`, `2025-Q1`, `2025-03`, `FY2024-10`,
    /// `2024-01-01..2027-12-31`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.repr {
            Repr::Year(y) => write!(f, "{y:04}"),
            Repr::Half(y, h) => write!(f, "{y:04}-{h:?}"),
            Repr::Quarter(y, q) => write!(f, "{y:04}-{q:?}"),
            Repr::Month(y, m) => write!(f, "{y:04}-{:02}", m.number_from_month()),
            Repr::Fiscal(y, m) => write!(f, "FY{y:04}-{:02}", m.number_from_month()),
            Repr::Range => write!(
                f,
                "{}..{}",
                self.start.format("%Y-%m-%d"),
                self.end.format("%Y-%m-%d")
            ),
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(feature = "serde")]
crate::serde_impls::via_string!(Period);
