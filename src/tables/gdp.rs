//! GDP and defence spending by donor and year.

use crate::error::{ErrorKind, Grammar};
use std::collections::BTreeMap;

use crate::{Currency, Donor, Error, Figure, Money, RateRule, RateTable};

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
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidAmount`] for a GDP that is not positive.
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
    /// [`RateRule::AnnouncementDate`] the last day of the year). Exact
    /// where the conversion ends; else "between" the quotient's two
    /// neighbours ([`Converted::figure`](crate::rates::Converted::figure)).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingData`] with no GDP for the donor and year;
    /// [`ErrorKind::CurrencyMismatch`] for GDP in another currency and no `rates`;
    /// otherwise as [`RateTable::convert`].
    pub fn get_in(
        &self,
        donor: &Donor,
        year: i32,
        currency: Currency,
        rates: Option<(&RateTable, RateRule)>,
    ) -> Result<Figure, Error> {
        let gdp = self.get(donor, year).ok_or(ErrorKind::MissingData {
            what: "GDP",
            donor: *donor,
            year,
        })?;
        if gdp.currency() == currency {
            return Ok(Figure::exactly(gdp));
        }
        let (table, rule) = rates.ok_or_else(|| ErrorKind::CurrencyMismatch {
            left: gdp.currency(),
            right: currency,
        })?;
        let year_end = chrono::NaiveDate::from_ymd_opt(year, 12, 31)
            .ok_or(ErrorKind::YearOutOfRange { year })?;
        let converted = table.convert(&Figure::exactly(gdp), currency, rule, Some(year_end))?;
        Ok(*converted.figure())
    }

    /// [`GdpTable::get_in`] rounded once, half to even, to the currency's
    /// minor unit: the amount its exact value rounds to.
    ///
    /// ```
    /// use alliance_commitments::{Country, Currency, Money, RateRule, RateTable};
    /// use alliance_commitments::tables::GdpTable;
    /// use rust_decimal::dec;
    /// let mut rates = RateTable::new();
    /// rates.insert("2024-12-31".parse()?, Currency::USD, dec!(3))?; // illustrative
    /// let mut gdp = GdpTable::new();
    /// gdp.insert(Country::US.into(), 2024, Money::new(dec!(1000), Currency::USD))?;
    /// let rule = Some((&rates, RateRule::AnnouncementDate));
    /// // €333.333…: "between" two neighbours, rounded to one amount.
    /// assert!(!gdp.get_in(&Country::US.into(), 2024, Currency::EUR, rule)?.is_exact());
    /// let eur = gdp.rounded_in(&Country::US.into(), 2024, Currency::EUR, rule)?;
    /// assert_eq!(eur.to_string(), "€333.33");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`GdpTable::get_in`]; [`ErrorKind::Overflow`] (rounding) when the
    /// exact value lies too close to a rounding tie for 28 digits to tell
    /// which way it rounds.
    pub fn rounded_in(
        &self,
        donor: &Donor,
        year: i32,
        currency: Currency,
        rates: Option<(&RateTable, RateRule)>,
    ) -> Result<Money, Error> {
        // A GDP is one exact amount, whatever its conversion.
        self.get_in(donor, year, currency, rates)?
            .round_within(true)
            .exact_amount()
            .ok_or_else(|| {
                ErrorKind::Overflow {
                    operation: crate::error::Operation::Rounding,
                }
                .into()
            })
    }

    /// What share of `donor`'s GDP in `year` `figure` is (same currency),
    /// as a ratio interval at full precision (0.0125 = 1.25%): each bound
    /// divided outward, a point only when the quotient is exact; round it
    /// only to show it ([`Interval::percent`](crate::figure::Interval::percent)).
    ///
    /// ```
    /// use alliance_commitments::Country;
    /// use alliance_commitments::tables::GdpTable;
    /// let mut gdp = GdpTable::new();
    /// gdp.insert(Country::DK.into(), 2024, "€375bn".parse()?)?; // illustrative
    /// let s = gdp.share_of_gdp(&Country::DK.into(), 2024, &"€7.5bn".parse()?)?;
    /// assert_eq!(s.to_string(), "0.02");
    /// let t = gdp.share_of_gdp(&Country::DK.into(), 2024, &"over €1bn".parse()?)?;
    /// assert_eq!(t.percent(3).to_string(), "(0.266%, ∞)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingData`] with no GDP for the donor and year,
    /// [`ErrorKind::CurrencyMismatch`] for a figure in another currency.
    pub fn share_of_gdp(
        &self,
        donor: &Donor,
        year: i32,
        figure: &crate::Figure,
    ) -> Result<crate::figure::Interval, Error> {
        let gdp = self.get(donor, year).ok_or(ErrorKind::MissingData {
            what: "GDP",
            donor: *donor,
            year,
        })?;
        if gdp.currency() != figure.currency() {
            return Err(ErrorKind::CurrencyMismatch {
                left: figure.currency(),
                right: gdp.currency(),
            }
            .into());
        }
        let ratio = super::population::divide(figure, gdp.amount())?;
        crate::figure::Interval::new(ratio.lower(), ratio.upper(), None)
    }

    /// Every entry, by donor then year.
    pub fn iter(&self) -> impl Iterator<Item = (Donor, i32, Money)> + '_ {
        self.values.iter().map(|((d, y), m)| (*d, *y, *m))
    }
}

/// A part of defence spending that a share-of-GDP guideline counts: a
/// type, not free text, so that a table and a guideline cannot disagree
/// on a part's name (a misspelt part would count as nothing).
///
/// ```
/// use alliance_commitments::tables::SpendingPart;
/// assert_eq!("core".parse::<SpendingPart>()?, SpendingPart::Core);
/// assert_eq!(SpendingPart::Related.to_string(), "related");
/// assert!("core defence".parse::<SpendingPart>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum SpendingPart {
    /// All defence spending (`defence`): NATO's 2% guideline.
    Defence,
    /// Core defence (`core`): the Hague's at least 3.5%.
    Core,
    /// Defence- and security-related spending — resilience,
    /// infrastructure, industry (`related`): the Hague's up to 1.5%.
    Related,
}

impl SpendingPart {
    /// Every part.
    pub const ALL: &'static [SpendingPart] = &[
        SpendingPart::Defence,
        SpendingPart::Core,
        SpendingPart::Related,
    ];

    /// The part's word: `defence`, `core`, `related`.
    pub const fn as_str(&self) -> &'static str {
        match self {
            SpendingPart::Defence => "defence",
            SpendingPart::Core => "core",
            SpendingPart::Related => "related",
        }
    }
}

impl std::fmt::Display for SpendingPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl std::str::FromStr for SpendingPart {
    type Err = Error;

    /// `defence`, `core` or `related`; anything else is an error.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SpendingPart::ALL
            .iter()
            .find(|p| p.as_str() == s)
            .copied()
            .ok_or_else(|| {
                ErrorKind::Syntax {
                    grammar: Grammar::SpendingPart,
                    input: s.chars().take(40).collect(),
                    offset: 0,
                    reason: "expected defence, core or related",
                }
                .into()
            })
    }
}

/// Defence spending by donor, year and [`SpendingPart`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpendingTable {
    values: BTreeMap<(Donor, i32, SpendingPart), Money>,
}

impl SpendingTable {
    /// An empty table.
    pub fn new() -> SpendingTable {
        SpendingTable::default()
    }

    /// Records spending on a part for a donor and year (replacing any
    /// earlier value); it must not be negative.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidAmount`] for negative spending.
    pub fn insert(
        &mut self,
        donor: Donor,
        year: i32,
        part: SpendingPart,
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
        self.values.insert((donor, year, part), spending);
        Ok(())
    }

    /// Spending on a part, as recorded.
    pub fn get(&self, donor: &Donor, year: i32, part: SpendingPart) -> Option<Money> {
        self.values.get(&(*donor, year, part)).copied()
    }

    /// Every entry, by donor, year then part.
    pub fn iter(&self) -> impl Iterator<Item = (Donor, i32, SpendingPart, Money)> + '_ {
        self.values.iter().map(|((d, y, p), m)| (*d, *y, *p, *m))
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::*;
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct GdpRow {
        donor: Donor,
        year: i32,
        gdp: Money,
    }

    impl Serialize for GdpTable {
        /// A list of rows: `[{"donor": "DE", "year": 2023, "gdp": {"amount": "4100000000000", "currency": "EUR"}}]`.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(
                self.iter()
                    .map(|(donor, year, gdp)| GdpRow { donor, year, gdp }),
            )
        }
    }

    impl<'de> Deserialize<'de> for GdpTable {
        /// Rows as written, each checked as [`GdpTable::insert`] does; a
        /// donor and year given twice refused.
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let mut t = GdpTable::new();
            for r in Vec::<GdpRow>::deserialize(d)? {
                if t.get(&r.donor, r.year).is_some() {
                    return Err(D::Error::custom(format!(
                        "donor {} and year {} given twice",
                        r.donor.id(),
                        r.year
                    )));
                }
                t.insert(r.donor, r.year, r.gdp).map_err(D::Error::custom)?;
            }
            Ok(t)
        }
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct SpendingRow {
        donor: Donor,
        year: i32,
        part: SpendingPart,
        spending: Money,
    }

    impl Serialize for SpendingTable {
        /// A list of rows: `[{"donor": "PL", "year": 2024, "part": "defence", "spending": {…}}]`.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(
                self.iter()
                    .map(|(donor, year, part, spending)| SpendingRow {
                        donor,
                        year,
                        part,
                        spending,
                    }),
            )
        }
    }

    impl<'de> Deserialize<'de> for SpendingTable {
        /// Rows as written, each checked as [`SpendingTable::insert`] does;
        /// a donor, year and part given twice refused.
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let mut t = SpendingTable::new();
            for r in Vec::<SpendingRow>::deserialize(d)? {
                if t.get(&r.donor, r.year, r.part).is_some() {
                    return Err(D::Error::custom(format!(
                        "donor {}, year {} and part {} given twice",
                        r.donor.id(),
                        r.year,
                        r.part
                    )));
                }
                t.insert(r.donor, r.year, r.part, r.spending)
                    .map_err(D::Error::custom)?;
            }
            Ok(t)
        }
    }
}
