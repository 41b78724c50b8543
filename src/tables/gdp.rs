//! GDP and defence spending by donor and year.

use crate::error::ErrorKind;
use std::collections::BTreeMap;

use crate::{Currency, Donor, Error, Money, RateRule, RateTable};

/// GDP by donor and calendar year, each in any currency.
///
/// ```
/// use alliance_commitments::{Country, Money};
/// use alliance_commitments::tables::GdpTable;
/// let mut gdp = GdpTable::new();
/// gdp.insert(Country::DE.into(), 2023, "€4,100bn".parse()?)?;
/// assert_eq!(gdp.get(&Country::DE.into(), 2023), Some("€4.1tn".parse()?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GdpTable {
    values: BTreeMap<(Donor, i32), Money>,
}

impl GdpTable {
    /// An empty table.
    pub fn new() -> GdpTable {
        GdpTable::default()
    }

    /// Records a donor's GDP for a year (replacing any earlier value); it
    /// must be positive.
    pub fn insert(&mut self, donor: Donor, year: i32, gdp: Money) -> Result<(), Error> {
        if gdp.amount() <= rust_decimal::Decimal::ZERO {
            return Err(ErrorKind::InvalidAmount {
                what: "GDP",
                rule: "positive",
                amount: gdp.amount(),
            }
            .into());
        }
        self.values.insert((donor, year), gdp);
        Ok(())
    }

    /// A donor's GDP for a year, as recorded.
    pub fn get(&self, donor: &Donor, year: i32) -> Option<Money> {
        self.values.get(&(*donor, year)).copied()
    }

    /// A donor's GDP for a year in `currency`: converted by `rule` when
    /// recorded in another currency (the rule's date, or for
    /// [`RateRule::AnnouncementDate`] the last day of the year).
    pub fn get_in(
        &self,
        donor: &Donor,
        year: i32,
        currency: Currency,
        rates: Option<(&RateTable, RateRule)>,
    ) -> Result<Money, Error> {
        let gdp = self.get(donor, year).ok_or(ErrorKind::MissingData {
            what: "GDP",
            donor: *donor,
            year,
        })?;
        if gdp.currency() == currency {
            return Ok(gdp);
        }
        let (table, rule) = rates.ok_or_else(|| ErrorKind::CurrencyMismatch {
            left: gdp.currency(),
            right: currency,
        })?;
        let year_end = chrono::NaiveDate::from_ymd_opt(year, 12, 31)
            .ok_or(ErrorKind::YearOutOfRange { year })?;
        let converted =
            table.convert(&crate::Figure::exactly(gdp), currency, rule, Some(year_end))?;
        Ok(converted.figure().stated())
    }
}

/// Defence spending by donor, year and part ("core defence", "resilience",
/// or one part for a single guideline).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpendingTable {
    values: BTreeMap<(Donor, i32, String), Money>,
}

impl SpendingTable {
    /// An empty table.
    pub fn new() -> SpendingTable {
        SpendingTable::default()
    }

    /// Records spending on a part for a donor and year (replacing any
    /// earlier value); it must not be negative.
    pub fn insert(
        &mut self,
        donor: Donor,
        year: i32,
        part: impl Into<String>,
        spending: Money,
    ) -> Result<(), Error> {
        if spending.is_negative() {
            return Err(ErrorKind::InvalidAmount {
                what: "spending",
                rule: "zero or more",
                amount: spending.amount(),
            }
            .into());
        }
        self.values.insert((donor, year, part.into()), spending);
        Ok(())
    }

    /// Spending on a part, as recorded.
    pub fn get(&self, donor: &Donor, year: i32, part: &str) -> Option<Money> {
        self.values.get(&(*donor, year, part.to_owned())).copied()
    }
}
