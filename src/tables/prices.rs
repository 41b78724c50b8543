//! Price indices (deflators) by country or currency area and year, and
//! amounts in constant prices of a base year.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Bound;
use std::str::FromStr;

use chrono::Datelike;
use rust_decimal::Decimal;

use crate::error::{ErrorKind, Operation};
use crate::exact;
use crate::interval::Interval;
use crate::totals::{GroupKey, GroupValue};
use crate::{Currency, Donor, Error, Figure, Totals};

/// What a price index is for: a country (or institution) by its donor
/// identifier, or a currency area by its currency code (`EUR` for the euro
/// area's deflator).
///
/// ```
/// use alliance_commitments::{Country, Currency};
/// use alliance_commitments::tables::PriceArea;
/// assert_eq!("EUR".parse::<PriceArea>()?, PriceArea::Currency(Currency::EUR));
/// assert_eq!("US".parse::<PriceArea>()?, PriceArea::Donor(Country::US.into()));
/// assert_eq!(PriceArea::Donor(Country::NO.into()).to_string(), "NO");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PriceArea {
    /// A country or institution.
    Donor(Donor),
    /// A currency area.
    Currency(Currency),
}

impl fmt::Display for PriceArea {
    /// The donor's identifier or the currency's code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PriceArea::Donor(d) => f.pad(d.id()),
            PriceArea::Currency(c) => f.pad(c.code()),
        }
    }
}

impl FromStr for PriceArea {
    type Err = Error;

    /// A currency code (`EUR`) if the text is one, else a donor identifier
    /// (`DE`, `DEU`, `EIB`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.len() == 3 {
            if let Ok(c) = Currency::from_code(s) {
                return Ok(PriceArea::Currency(c));
            }
        }
        s.parse().map(PriceArea::Donor)
    }
}

impl From<Donor> for PriceArea {
    fn from(d: Donor) -> PriceArea {
        PriceArea::Donor(d)
    }
}

impl From<Currency> for PriceArea {
    fn from(c: Currency) -> PriceArea {
        PriceArea::Currency(c)
    }
}

/// A price index (deflator) by area and calendar year, on any base (a
/// positive number per year; only ratios of the index are used).
///
/// An amount of year Y in prices of base year B is
/// amount × index(B) ÷ index(Y), computed exactly and given as a sound
/// interval at full precision where the quotient does not terminate.
///
/// ```
/// use alliance_commitments::{Currency, Figure};
/// use alliance_commitments::tables::{PriceArea, PriceIndex};
/// let csv = "area,year,index\nEUR,2022,100\nEUR,2024,108.7\n"; // illustrative
/// let index = PriceIndex::read_csv(csv.as_bytes())?;
/// let eur = PriceArea::Currency(Currency::EUR);
/// // €1bn of 2024 in prices of 2022: × 100 ÷ 108.7 = €919,963,201.47…
/// let real = index.to_constant(&eur, &"€1bn".parse()?, 2024, 2022)?;
/// assert!(!real.is_exact());
/// assert_eq!(real.round().to_string(), "between €919.96320147m and €919.96320148m");
/// // The index rebased to 2024 = 100: 2022 is 100 × 100 ÷ 108.7.
/// assert_eq!(index.rebased(&eur, 2022, 2024)?.to_string(), "[91.99632014719411223551057957, 91.99632014719411223551057958]");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PriceIndex {
    values: BTreeMap<(PriceArea, i32), Decimal>,
}

fn check(index: Decimal) -> Result<(), Error> {
    if index <= Decimal::ZERO {
        return Err(ErrorKind::InvalidAmount {
            what: "price index",
            rule: "positive",
            amount: index,
        }
        .into());
    }
    Ok(())
}

impl PriceIndex {
    /// An empty table.
    pub fn new() -> PriceIndex {
        PriceIndex::default()
    }

    /// Records an area's index for a year (replacing any earlier value).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidAmount`] for an index that is not positive.
    pub fn insert(&mut self, area: PriceArea, year: i32, index: Decimal) -> Result<(), Error> {
        check(index)?;
        self.values.insert((area, year), index);
        Ok(())
    }

    /// An area's index for a year, as recorded.
    pub fn get(&self, area: &PriceArea, year: i32) -> Option<Decimal> {
        self.values.get(&(*area, year)).copied()
    }

    /// Every entry, by area then year.
    pub fn iter(&self) -> impl Iterator<Item = (PriceArea, i32, Decimal)> + '_ {
        self.values.iter().map(|((a, y), i)| (*a, *y, *i))
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Reads a table from CSV with the header `area,year,index` (columns in
    /// any order, no others): areas as [`PriceArea`] reads them, years as 1
    /// to 4 digits, indices as plain positive numbers.
    ///
    /// # Errors
    ///
    /// An error naming the line, column and field for an unknown area, a
    /// bad year or number, an index that is not positive, an area and year
    /// given twice ([`ErrorKind::DuplicateRow`]), and for a missing,
    /// unknown or repeated column. The file is read as pledge files are:
    /// [`ErrorKind::FieldCount`], [`ErrorKind::UnclosedQuote`],
    /// [`ErrorKind::TextAfterQuote`], [`ErrorKind::InvalidUtf8`],
    /// [`ErrorKind::EmptyInput`] and [`ErrorKind::Io`] too.
    pub fn read_csv<R: std::io::Read>(reader: R) -> Result<PriceIndex, Error> {
        let values = super::csv::read(
            reader,
            ["area", "year", "index"],
            |s| s.parse::<PriceArea>(),
            check,
        )?;
        Ok(PriceIndex { values })
    }

    fn index(&self, area: &PriceArea, year: i32) -> Result<Decimal, Error> {
        self.get(area, year)
            .ok_or_else(|| ErrorKind::MissingIndex { area: *area, year }.into())
    }

    /// The index of `year` rebased so that `base` is 100:
    /// 100 × index(year) ÷ index(base), as an interval (a point only when
    /// exact).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingIndex`] for a year with no index.
    pub fn rebased(&self, area: &PriceArea, year: i32, base: i32) -> Result<Interval, Error> {
        let (lo, hi) = exact::mul_div(
            self.index(area, year)?,
            Decimal::ONE_HUNDRED,
            self.index(area, base)?,
            Operation::Division,
        )?;
        Interval::new(Bound::Included(lo), Bound::Included(hi), None)
    }

    /// `figure`, in prices of `year`, in constant prices of `base`: each
    /// bound × index(base) ÷ index(year), exactly, outward; exact only when
    /// the result is. Round it for display with [`Figure::round`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingIndex`] for a year with no index;
    /// [`ErrorKind::Overflow`] when a result does not fit.
    pub fn to_constant(
        &self,
        area: &PriceArea,
        figure: &Figure,
        year: i32,
        base: i32,
    ) -> Result<Figure, Error> {
        let (b, y) = (self.index(area, base)?, self.index(area, year)?);
        figure.map_outward(|x| exact::mul_div(x, b, y, Operation::Division), None)
    }

    /// Totals in constant prices of `base`, deflated by `area`'s index:
    /// the totals must have one period key (years, or shorter periods
    /// within a year, of any date basis), and each group is deflated by the
    /// index of its period's year. The total in constant prices is the sum
    /// of the groups' (the grand total mixes years, so it is not deflated
    /// as one).
    ///
    /// ```
    /// use alliance_commitments::{Country, Currency, DateBasis, Key, Pledge, Pledges, Query};
    /// use alliance_commitments::tables::{PriceArea, PriceIndex};
    /// use chrono::NaiveDate;
    /// use rust_decimal::dec;
    /// let mut pledges = Pledges::new();
    /// for (y, f) in [(2022, "€3bn"), (2023, "€2.2bn")] {
    ///     let day = NaiveDate::from_ymd_opt(y, 6, 1).unwrap();
    ///     pledges.add(Pledge::builder(Country::DE, Country::UA, f.parse()?).announced(day).build()?)?;
    /// }
    /// let totals = pledges.totals(&Query::new().by(Key::year(DateBasis::Announced)))?;
    /// let mut index = PriceIndex::new();
    /// let eur = PriceArea::Currency(Currency::EUR);
    /// index.insert(eur, 2022, dec!(100))?; // illustrative
    /// index.insert(eur, 2023, dec!(110))?;
    /// let real = index.constant_totals(&totals, &eur, 2022)?;
    /// // €3bn + €2.2bn × 100 ÷ 110 = €5bn in 2022 prices.
    /// assert_eq!(real.total().unwrap().to_string(), "€5bn");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Grouping`] for totals without exactly one period key,
    /// with a group of unknown period, or a period spanning years;
    /// [`ErrorKind::MissingIndex`] for a year with no index; the errors of
    /// [`GroupTotal::figure`](crate::totals::GroupTotal::figure).
    pub fn constant_totals(
        &self,
        totals: &Totals,
        area: &PriceArea,
        base: i32,
    ) -> Result<ConstantPrices, Error> {
        let grouping = || -> Error {
            ErrorKind::Grouping {
                needed: "by one period key of a year or less, with no undated group",
            }
            .into()
        };
        let mut groups = Vec::with_capacity(totals.len());
        let mut total: Option<Figure> = None;
        for (key, group) in totals.groups() {
            let mut periods = key.values().iter().filter_map(|v| match v {
                GroupValue::Period(p) => Some(*p),
                _ => None,
            });
            let (Some(Some(period)), None) = (periods.next(), periods.next()) else {
                return Err(grouping().in_group(&key));
            };
            let year = period.start().year();
            if period.end().year() != year {
                return Err(grouping().in_group(&key));
            }
            let current = group.figure().map_err(|e| e.in_group(&key))?;
            let constant = self
                .to_constant(area, &current, year, base)
                .map_err(|e| e.in_group(&key))?;
            total = Some(match total {
                None => constant,
                Some(t) => t.checked_add(&constant)?,
            });
            groups.push((key.values().into(), current, constant));
        }
        Ok(ConstantPrices {
            area: *area,
            base,
            groups,
            total,
        })
    }
}

/// Totals in constant prices of a base year, from
/// [`PriceIndex::constant_totals`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ConstantPrices {
    area: PriceArea,
    base: i32,
    groups: Vec<(Box<[GroupValue]>, Figure, Figure)>,
    total: Option<Figure>,
}

impl ConstantPrices {
    /// The area whose index deflated the totals.
    pub fn area(&self) -> PriceArea {
        self.area
    }

    /// The base year.
    pub fn base(&self) -> i32 {
        self.base
    }

    /// Each group: its key, its total in current prices and in constant
    /// prices of the base year (unrounded).
    pub fn groups(&self) -> impl ExactSizeIterator<Item = (GroupKey<'_>, &Figure, &Figure)> + '_ {
        self.groups.iter().map(|(k, c, r)| (GroupKey::new(k), c, r))
    }

    /// The sum of the groups in constant prices; `None` with no groups.
    pub fn total(&self) -> Option<&Figure> {
        self.total.as_ref()
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::*;
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    impl Serialize for PriceArea {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_str(self)
        }
    }

    impl<'de> Deserialize<'de> for PriceArea {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
            text.parse().map_err(D::Error::custom)
        }
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Row {
        area: PriceArea,
        year: i32,
        #[serde(with = "crate::serde_impls::decimal")]
        index: Decimal,
    }

    impl Serialize for PriceIndex {
        /// A list of rows: `[{"area": "EUR", "year": 2022, "index": "100"}]`.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(
                self.iter()
                    .map(|(area, year, index)| Row { area, year, index }),
            )
        }
    }

    impl<'de> Deserialize<'de> for PriceIndex {
        /// Rows as written by `Serialize`, each checked as
        /// [`PriceIndex::insert`] does; an area and year given twice refused.
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let mut t = PriceIndex::new();
            for r in Vec::<Row>::deserialize(d)? {
                if t.get(&r.area, r.year).is_some() {
                    return Err(D::Error::custom(format!(
                        "area {} and year {} given twice",
                        r.area, r.year
                    )));
                }
                t.insert(r.area, r.year, r.index)
                    .map_err(D::Error::custom)?;
            }
            Ok(t)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Country;
    use rust_decimal::dec;

    #[test]
    fn areas_read_as_currencies_first() {
        assert_eq!(
            "DEU".parse::<PriceArea>().unwrap(),
            PriceArea::Donor(Country::DE.into())
        );
        assert_eq!("eib".parse::<PriceArea>().unwrap().to_string(), "EIB");
        assert!("XX".parse::<PriceArea>().is_err());
        assert!(
            PriceIndex::new()
                .insert(Currency::EUR.into(), 2024, dec!(0))
                .is_err()
        );
    }
}
