//! Exchange rates by date, ECB style, and conversion with an audit trail.

use crate::error::{ErrorKind, Operation};
use std::collections::BTreeMap;
use std::fmt;

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::{Currency, Error, Figure, Period};

/// Which rate converts a pledge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum RateRule {
    /// The rate on each pledge's announcement date (the default). An
    /// undated pledge in another currency cannot be converted by it.
    #[default]
    AnnouncementDate,
    /// The rate on each pledge's announcement date, or on this date for
    /// undated pledges.
    AnnouncementDateOr(NaiveDate),
    /// The rate on one fixed date, for every pledge.
    OnDate(NaiveDate),
    /// The average of the daily rates quoted within a period.
    Average(Period),
    /// One rate fixed by the caller for one currency (say the rate a budget
    /// law used), for every pledge, dated or not. EUR is 1; a pledge in any
    /// other currency cannot be converted by it
    /// ([`ErrorKind::NoFixedRate`]).
    Fixed(FixedRate),
    /// The rate on each pledge's announcement date, or for undated pledges
    /// the latest quote in the table for each currency
    /// ([`RateTable::latest`]).
    AnnouncementDateOrLatest,
}

/// A rate given by the caller: `units_per_eur` units of `currency` per
/// 1 EUR, positive (see [`RateRule::Fixed`]).
///
/// ```
/// use alliance_commitments::{Currency, RateRule, RateTable};
/// use alliance_commitments::rates::{FixedRate, Quote};
/// use rust_decimal::dec;
/// // Illustrative: a budget law's rate of 11.5 NOK per EUR.
/// let rule = RateRule::Fixed(FixedRate::new(Currency::NOK, dec!(11.5))?);
/// let c = RateTable::new().convert(&"NOK 23bn".parse()?, Currency::EUR, rule, None)?;
/// assert_eq!(c.figure().to_string(), "€2bn");
/// assert_eq!(c.rates().unwrap().0.quote(), Quote::Fixed);
/// assert!(FixedRate::new(Currency::NOK, dec!(0)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FixedRate {
    currency: Currency,
    #[cfg_attr(feature = "serde", serde(with = "crate::serde_impls::decimal"))]
    units_per_eur: Decimal,
}

impl FixedRate {
    /// A fixed rate: `units_per_eur` units of `currency` per 1 EUR.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NonPositiveRate`] for a rate that is not positive (dated
    /// the earliest date, as a fixed rate has none), and
    /// [`ErrorKind::InvalidAmount`] for a rate for EUR other than 1.
    pub fn new(currency: Currency, units_per_eur: Decimal) -> Result<FixedRate, Error> {
        if units_per_eur <= Decimal::ZERO {
            return Err(ErrorKind::NonPositiveRate {
                currency,
                date: NaiveDate::MIN,
                rate: units_per_eur,
            }
            .into());
        }
        if currency == Currency::EUR && units_per_eur != Decimal::ONE {
            return Err(ErrorKind::InvalidAmount {
                what: "a fixed EUR rate",
                rule: "1",
                amount: units_per_eur,
            }
            .into());
        }
        Ok(FixedRate {
            currency,
            units_per_eur,
        })
    }

    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Units of the currency per 1 EUR.
    pub fn units_per_eur(&self) -> Decimal {
        self.units_per_eur
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for FixedRate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Repr {
            currency: Currency,
            #[serde(with = "crate::serde_impls::decimal")]
            units_per_eur: Decimal,
        }
        let r = Repr::deserialize(d)?;
        FixedRate::new(r.currency, r.units_per_eur).map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for RateRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RateRule::AnnouncementDate => f.write_str("rate on the announcement date"),
            RateRule::AnnouncementDateOr(d) => {
                write!(f, "rate on the announcement date (or {d} if undated)")
            }
            RateRule::OnDate(d) => write!(f, "rate on {d}"),
            RateRule::Average(p) => write!(f, "average rate over {p}"),
            RateRule::Fixed(r) => write!(
                f,
                "fixed rate of {} {} per EUR",
                r.units_per_eur.normalize(),
                r.currency
            ),
            RateRule::AnnouncementDateOrLatest => {
                f.write_str("rate on the announcement date (or the latest quote if undated)")
            }
        }
    }
}

/// What a rate was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
pub enum Quote {
    /// EUR itself: 1, no lookup.
    Base,
    /// The rate quoted on this day (the day asked for, or the latest
    /// earlier one within the table's window).
    Day(NaiveDate),
    /// The mean of `count` daily rates within the period.
    Average {
        /// The period averaged over.
        period: Period,
        /// How many daily quotes it had.
        count: usize,
    },
    /// A rate fixed by the caller ([`RateRule::Fixed`]).
    Fixed,
}

/// One rate: units of a currency per 1 EUR (the ECB's convention), and what
/// it was read from. An average of several days' quotes is kept as their
/// sum and count, so that converting by it divides by the exact mean, not a
/// rounded one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rate {
    currency: Currency,
    /// The quote, or the sum of the quotes averaged.
    sum: Decimal,
    quote: Quote,
}

impl Rate {
    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Units of the currency per 1 EUR, as one number: `None` for an
    /// average whose mean does not end within a `Decimal`'s digits (see
    /// [`Rate::sum_and_count`]; conversions use the exact mean).
    ///
    /// ```
    /// use alliance_commitments::{Currency, RateTable};
    /// use chrono::NaiveDate;
    /// use rust_decimal::dec;
    /// let day = |d| NaiveDate::from_ymd_opt(2025, 4, d).unwrap();
    /// let mut rates = RateTable::new();
    /// for (d, r) in [(1, dec!(1.08)), (2, dec!(1.09)), (3, dec!(1.11))] {
    ///     rates.insert(day(d), Currency::USD, r)?;
    /// }
    /// let three = rates.average(Currency::USD, &"2025-04-01..2025-04-03".parse()?)?;
    /// assert_eq!(three.units_per_eur(), None); // 3.28 ÷ 3 = 1.09333…
    /// assert_eq!(three.sum_and_count(), (dec!(3.28), 3));
    /// let two = rates.average(Currency::USD, &"2025-04-01..2025-04-02".parse()?)?;
    /// assert_eq!(two.units_per_eur(), Some(dec!(1.085)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn units_per_eur(&self) -> Option<Decimal> {
        match self.count() {
            1 => Some(self.sum),
            n => match crate::exact::div(self.sum, Decimal::from(n), Operation::Average) {
                Ok((lo, hi)) if lo == hi => Some(lo),
                _ => None,
            },
        }
    }

    /// The rate as the sum of the quotes it is the mean of, and their
    /// count: `(rate, 1)` for one quote. The rate is exactly sum ÷ count.
    pub fn sum_and_count(&self) -> (Decimal, u64) {
        (self.sum, self.count())
    }

    fn count(&self) -> u64 {
        match self.quote {
            Quote::Average { count, .. } => count as u64,
            _ => 1,
        }
    }

    /// What the rate was read from: the day of the quote used, or an average.
    pub fn quote(&self) -> Quote {
        self.quote
    }
}

/// The two numbers that convert from `from`'s currency to `to`'s:
/// x × mul ÷ div, exactly x ÷ rate(from) × rate(to), averages by their
/// exact means.
///
/// # Errors
///
/// [`ErrorKind::Overflow`] if a product of a sum and a count does not fit.
pub(crate) fn cross(from: &Rate, to: &Rate) -> Result<(Decimal, Decimal), Error> {
    let overflow = || ErrorKind::Overflow {
        operation: Operation::Conversion,
    };
    let times = |x: Decimal, n: u64| match n {
        1 => Some(x),
        n => match crate::exact::mul(x, Decimal::from(n), Operation::Conversion) {
            Ok((lo, hi)) if lo == hi => Some(lo),
            _ => None,
        },
    };
    let mul = times(to.sum, from.count()).ok_or_else(overflow)?;
    let div = times(from.sum, to.count()).ok_or_else(overflow)?;
    Ok((mul, div))
}

impl fmt::Display for Rate {
    /// `1.0823 USD per EUR (2025-04-02)`; an average whose mean does not
    /// end as its sum and count, `3.28 ÷ 3 USD per EUR (average of 3 days
    /// in 2025-04-01..2025-04-03)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.units_per_eur() {
            Some(rate) => write!(f, "{} {} per EUR", rate.normalize(), self.currency)?,
            None => write!(
                f,
                "{} ÷ {} {} per EUR",
                self.sum.normalize(),
                self.count(),
                self.currency
            )?,
        }
        match self.quote {
            Quote::Base => Ok(()),
            Quote::Day(d) => write!(f, " ({d})"),
            Quote::Average { period, count } => write!(f, " (average of {count} days in {period})"),
            Quote::Fixed => f.write_str(" (fixed)"),
        }
    }
}

/// A rate serialises as its currency, its units per EUR (a string; `null`
/// for an average whose mean does not end) and what it was read from; an
/// average also gives the sum of its quotes, which with the count in its
/// quote is the exact mean.
#[cfg(feature = "serde")]
impl serde::Serialize for Rate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let average = self.count() > 1;
        let mut st = s.serialize_struct("Rate", if average { 4 } else { 3 })?;
        st.serialize_field("currency", &self.currency)?;
        st.serialize_field(
            "units_per_eur",
            &self.units_per_eur().map(crate::serde_impls::DecimalStr),
        )?;
        if average {
            st.serialize_field("sum", &crate::serde_impls::DecimalStr(self.sum))?;
        }
        st.serialize_field("quote", &self.quote)?;
        st.end()
    }
}

/// One currency's quotes from one file, in the file's order of days.
pub(crate) type CurrencyQuotes = (Currency, Vec<(NaiveDate, Decimal)>);

/// Exchange rates by date, as the ECB publishes them: units of currency per
/// 1 EUR, one quote per business day. Cross rates go through EUR.
///
/// A lookup on a date takes that date's quote or, for weekends and
/// holidays, the latest earlier one within a window: by default
/// [`RateTable::DEFAULT_WINDOW`] = 7 days, enough for Easter (Good Friday
/// to Easter Monday) and Christmas. Beyond it, or for a currency no longer
/// quoted (the ECB writes `N/A`), the lookup is an [`ErrorKind::MissingRate`]
/// naming the currency and date.
///
/// ```
/// use alliance_commitments::{Currency, RateRule, RateTable};
/// use chrono::NaiveDate;
/// use rust_decimal::dec;
///
/// let day = |d| NaiveDate::from_ymd_opt(2025, 4, d).unwrap();
/// let mut rates = RateTable::new();
/// rates.insert(day(4), Currency::USD, dec!(1.1))?; // a Friday
/// rates.insert(day(4), Currency::GBP, dec!(0.85))?;
///
/// // Saturday takes Friday's rate.
/// let usd = rates.rate_on(Currency::USD, day(5))?;
/// assert_eq!(usd.units_per_eur(), Some(dec!(1.1)));
///
/// let converted = rates.convert(&"US$110m".parse()?, Currency::EUR, RateRule::OnDate(day(5)), None)?;
/// assert_eq!(converted.figure().to_string(), "€100m");
/// // Cross rate through EUR: 110 / 1.1 × 0.85.
/// let gbp = rates.convert(&"US$110m".parse()?, Currency::GBP, RateRule::OnDate(day(5)), None)?;
/// assert_eq!(gbp.figure().to_string(), "£85m");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateTable {
    quotes: BTreeMap<Currency, BTreeMap<NaiveDate, Decimal>>,
    window: u32,
}

impl Default for RateTable {
    fn default() -> Self {
        RateTable::new()
    }
}

impl RateTable {
    /// How many days back a lookup goes by default.
    pub const DEFAULT_WINDOW: u32 = 7;

    /// An empty table with the default window.
    pub fn new() -> RateTable {
        RateTable {
            quotes: BTreeMap::new(),
            window: RateTable::DEFAULT_WINDOW,
        }
    }

    /// The same table looking back `days` days for a missing date.
    #[must_use]
    pub fn with_window(mut self, days: u32) -> RateTable {
        self.window = days;
        self
    }

    /// The lookback window in days.
    pub fn window(&self) -> u32 {
        self.window
    }

    /// Records a quote: `units_per_eur` units of `currency` per 1 EUR on
    /// `date`. A day has one quote: the same quote given again (from a
    /// second file, say) is accepted, a different one is an error, never a
    /// silent replacement. EUR needs no quotes: it is 1 on every day, so a
    /// quote of 1 for it is accepted and ignored, any other conflicts.
    ///
    /// ```
    /// use alliance_commitments::{Currency, RateTable};
    /// use alliance_commitments::error::ErrorKind;
    /// use chrono::NaiveDate;
    /// use rust_decimal::dec;
    /// let day = NaiveDate::from_ymd_opt(2025, 11, 28).unwrap();
    /// let mut rates = RateTable::new();
    /// rates.insert(day, Currency::USD, dec!(1.1569))?;
    /// rates.insert(day, Currency::USD, dec!(1.15690))?; // the same quote
    /// let err = rates.insert(day, Currency::USD, dec!(1.16)).unwrap_err();
    /// assert!(matches!(err.kind(), ErrorKind::ConflictingRate { .. }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A rate that is not positive ([`ErrorKind::NonPositiveRate`]), or one
    /// that differs from the day's quote already recorded, or a rate for
    /// EUR other than 1 ([`ErrorKind::ConflictingRate`]).
    pub fn insert(
        &mut self,
        date: NaiveDate,
        currency: Currency,
        units_per_eur: Decimal,
    ) -> Result<(), Error> {
        if units_per_eur <= Decimal::ZERO {
            return Err(ErrorKind::NonPositiveRate {
                currency,
                date,
                rate: units_per_eur,
            }
            .into());
        }
        if let Some(recorded) = self.recorded(currency, date) {
            if recorded != units_per_eur {
                return Err(ErrorKind::ConflictingRate {
                    currency,
                    date,
                    recorded,
                    given: units_per_eur,
                }
                .into());
            }
            return Ok(());
        }
        self.quotes
            .entry(currency)
            .or_default()
            .insert(date, units_per_eur);
        Ok(())
    }

    /// The quote recorded for exactly that day, if any; EUR's is 1 on
    /// every day, so a file cannot give it another.
    pub(crate) fn recorded(&self, currency: Currency, date: NaiveDate) -> Option<Decimal> {
        if currency == Currency::EUR {
            return Some(Decimal::ONE);
        }
        self.quotes.get(&currency)?.get(&date).copied()
    }

    /// Records many quotes: all or nothing (on an error the table is left
    /// as it was).
    ///
    /// # Errors
    ///
    /// As [`RateTable::insert`]: [`ErrorKind::NonPositiveRate`] or
    /// [`ErrorKind::ConflictingRate`], also for two different quotes among
    /// `quotes`.
    pub fn extend<I>(&mut self, quotes: I) -> Result<(), Error>
    where
        I: IntoIterator<Item = (NaiveDate, Currency, Decimal)>,
    {
        let mut next = self.clone();
        for (date, currency, rate) in quotes {
            next.insert(date, currency, rate)?;
        }
        *self = next;
        Ok(())
    }

    /// Records the quotes of a file already checked against this table
    /// (each rate positive, none differing from one recorded, no currency
    /// and day twice), each currency's in order of days, as
    /// [`RateTable::extend`] would: a currency not quoted yet gets its map
    /// built at once rather than one insertion at a time.
    pub(crate) fn extend_checked(&mut self, quotes: Vec<CurrencyQuotes>) {
        for (currency, days) in quotes {
            if currency == Currency::EUR || days.is_empty() {
                continue;
            }
            match self.quotes.entry(currency) {
                std::collections::btree_map::Entry::Vacant(e) => {
                    // Newest first or oldest first: built from sorted days.
                    e.insert(days.into_iter().collect());
                }
                std::collections::btree_map::Entry::Occupied(mut e) => {
                    // A day recorded keeps its quote as first written
                    // (1.1569, not an equal 1.15690).
                    let map = e.get_mut();
                    for (date, rate) in days {
                        map.entry(date).or_insert(rate);
                    }
                }
            }
        }
    }

    /// The number of quotes recorded.
    pub fn len(&self) -> usize {
        self.quotes.values().map(BTreeMap::len).sum()
    }

    /// Whether no quote is recorded.
    pub fn is_empty(&self) -> bool {
        self.quotes.is_empty()
    }

    /// The quotes of each currency, in code and date order.
    #[cfg(feature = "serde")]
    pub(crate) fn quotes_by_currency(
        &self,
    ) -> impl Iterator<Item = (Currency, &BTreeMap<NaiveDate, Decimal>)> + '_ {
        self.quotes.iter().map(|(c, q)| (*c, q))
    }

    /// The currencies quoted, in code order.
    pub fn currencies(&self) -> impl Iterator<Item = Currency> + '_ {
        self.quotes.keys().copied()
    }

    /// The rate for `currency` on `date`, or the latest earlier quote within
    /// the window. EUR is always 1.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingRate`] if there is no quote for `currency` on `date` or
    /// within the window before it.
    pub fn rate_on(&self, currency: Currency, date: NaiveDate) -> Result<Rate, Error> {
        if currency == Currency::EUR {
            return Ok(Rate {
                currency,
                sum: Decimal::ONE,
                quote: Quote::Base,
            });
        }
        let missing = || ErrorKind::MissingRate {
            currency,
            date,
            window: self.window,
        };
        let earliest = date
            .checked_sub_days(Days::new(u64::from(self.window)))
            .unwrap_or(NaiveDate::MIN);
        let (day, rate) = self
            .quotes
            .get(&currency)
            .and_then(|q| q.range(earliest..=date).next_back())
            .ok_or_else(missing)?;
        Ok(Rate {
            currency,
            sum: *rate,
            quote: Quote::Day(*day),
        })
    }

    /// The latest quote recorded for `currency` (EUR is always 1).
    ///
    /// ```
    /// use alliance_commitments::{Currency, RateTable};
    /// use alliance_commitments::rates::Quote;
    /// use chrono::NaiveDate;
    /// use rust_decimal::dec;
    /// let day = |d| NaiveDate::from_ymd_opt(2025, 4, d).unwrap();
    /// let mut rates = RateTable::new();
    /// rates.insert(day(3), Currency::USD, dec!(1.1))?;
    /// rates.insert(day(4), Currency::USD, dec!(1.12))?;
    /// let r = rates.latest(Currency::USD)?;
    /// assert_eq!((r.units_per_eur(), r.quote()), (Some(dec!(1.12)), Quote::Day(day(4))));
    /// assert!(rates.latest(Currency::GBP).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NoRates`] when the table has no quote for `currency`.
    pub fn latest(&self, currency: Currency) -> Result<Rate, Error> {
        if currency == Currency::EUR {
            return Ok(Rate {
                currency,
                sum: Decimal::ONE,
                quote: Quote::Base,
            });
        }
        let (day, rate) = self
            .quotes
            .get(&currency)
            .and_then(|q| q.last_key_value())
            .ok_or(ErrorKind::NoRates { currency })?;
        Ok(Rate {
            currency,
            sum: *rate,
            quote: Quote::Day(*day),
        })
    }

    /// The mean of the quotes for `currency` within `period`, kept exactly
    /// as their sum and count (see [`Rate::units_per_eur`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NoRatesInPeriod`] if no quote for `currency` falls within
    /// `period`; [`ErrorKind::Overflow`] if the exact sum of the quotes does
    /// not fit in a `Decimal` (it is never rounded).
    pub fn average(&self, currency: Currency, period: &Period) -> Result<Rate, Error> {
        if currency == Currency::EUR {
            return Ok(Rate {
                currency,
                sum: Decimal::ONE,
                quote: Quote::Base,
            });
        }
        let none = || ErrorKind::NoRatesInPeriod {
            currency,
            period: *period,
        };
        let quotes = self.quotes.get(&currency).ok_or_else(none)?;
        let mut sum = Decimal::ZERO;
        let mut count = 0usize;
        for rate in quotes.range(period.start()..=period.end()).map(|(_, r)| *r) {
            // `Decimal::checked_add` would round a sum past 28 digits.
            sum = crate::exact::checked_add(sum, rate, Operation::Average)?;
            count += 1;
        }
        if count == 0 {
            return Err(none().into());
        }
        Ok(Rate {
            currency,
            sum,
            quote: Quote::Average {
                period: *period,
                count,
            },
        })
    }

    /// The rate a rule gives for `currency`, for a pledge announced on
    /// `announced`. `Ok(None)` never: an undated pledge under
    /// [`RateRule::AnnouncementDate`] is an error unless the currency is EUR.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UndatedConversion`] for no `announced` date under
    /// [`RateRule::AnnouncementDate`] (except EUR); [`ErrorKind::NoFixedRate`] for
    /// a currency that a fixed rate does not cover; otherwise as
    /// [`RateTable::rate_on`], [`RateTable::average`] or [`RateTable::latest`].
    pub fn rate_by(
        &self,
        currency: Currency,
        rule: RateRule,
        announced: Option<NaiveDate>,
    ) -> Result<Rate, Error> {
        match rule {
            RateRule::AnnouncementDate => match announced {
                Some(date) => self.rate_on(currency, date),
                None if currency == Currency::EUR => self.rate_on(currency, NaiveDate::MIN),
                None => Err(ErrorKind::UndatedConversion { currency }.into()),
            },
            RateRule::AnnouncementDateOr(fallback) => {
                self.rate_on(currency, announced.unwrap_or(fallback))
            }
            RateRule::OnDate(date) => self.rate_on(currency, date),
            RateRule::Average(period) => self.average(currency, &period),
            RateRule::Fixed(fixed) => {
                if currency == Currency::EUR {
                    self.rate_on(currency, NaiveDate::MIN)
                } else if currency == fixed.currency {
                    Ok(Rate {
                        currency,
                        sum: fixed.units_per_eur,
                        quote: Quote::Fixed,
                    })
                } else {
                    Err(ErrorKind::NoFixedRate {
                        currency,
                        fixed: fixed.currency,
                    }
                    .into())
                }
            }
            RateRule::AnnouncementDateOrLatest => match announced {
                Some(date) => self.rate_on(currency, date),
                None => self.latest(currency),
            },
        }
    }

    /// Converts a figure to `to` by `rule` (the announcement date, for
    /// [`RateRule::AnnouncementDate`], is `announced`). Cross rates go
    /// through EUR: x ÷ rate(from) × rate(to), computed as one
    /// multiplication and one division. Nothing is rounded to a minor unit:
    /// [`Converted::rounded`] does that once, at the end. A figure already in
    /// `to` is returned unchanged, with no rates.
    ///
    /// # Errors
    ///
    /// As [`RateTable::rate_by`], for either currency; [`ErrorKind::Overflow`] if a
    /// converted bound is beyond what a `Decimal` holds.
    pub fn convert(
        &self,
        figure: &Figure,
        to: Currency,
        rule: RateRule,
        announced: Option<NaiveDate>,
    ) -> Result<Converted, Error> {
        if figure.currency() == to {
            return Ok(Converted {
                original: *figure,
                figure: *figure,
                rule,
                rates: None,
            });
        }
        let (from_rate, to_rate) = self.rates_for(figure.currency(), to, rule, announced)?;
        let (mul, div) = cross(&from_rate, &to_rate)?;
        let converted = figure.convert(to, mul, div)?;
        Ok(Converted {
            original: *figure,
            figure: converted,
            rule,
            rates: Some((from_rate, to_rate)),
        })
    }

    /// The two rates [`RateTable::convert`] uses from `from` to `to`.
    pub(crate) fn rates_for(
        &self,
        from: Currency,
        to: Currency,
        rule: RateRule,
        announced: Option<NaiveDate>,
    ) -> Result<(Rate, Rate), Error> {
        Ok((
            self.rate_by(from, rule, announced)?,
            self.rate_by(to, rule, announced)?,
        ))
    }
}

/// A converted figure with its audit trail: the original, the rule, and the
/// two rates (from the original currency to EUR, and from EUR to the
/// target) that produced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Converted {
    original: Figure,
    figure: Figure,
    rule: RateRule,
    rates: Option<(Rate, Rate)>,
}

impl Converted {
    /// A conversion already made (totals keep their parts compactly).
    pub(crate) fn from_parts(
        original: Figure,
        figure: Figure,
        rule: RateRule,
        rates: Option<(Rate, Rate)>,
    ) -> Converted {
        Converted {
            original,
            figure,
            rule,
            rates,
        }
    }

    /// The converted figure, unrounded. An exact amount whose quotient
    /// ends is one number; one whose quotient does not end (÷ 3, ÷ 1.0823)
    /// is "between" the quotient's two neighbours at 28 digits, never a
    /// point it is not: [`Converted::rounded`] gives the cent it rounds to.
    ///
    /// ```
    /// use alliance_commitments::{Currency, Figure, RateRule, RateTable};
    /// use chrono::NaiveDate;
    /// use rust_decimal::dec;
    /// let day = NaiveDate::from_ymd_opt(2025, 6, 2).unwrap();
    /// let mut rates = RateTable::new();
    /// rates.insert(day, Currency::USD, dec!(3))?;
    /// let one: Figure = "US$1".parse()?;
    /// let c = rates.convert(&one, Currency::EUR, RateRule::OnDate(day), None)?;
    /// assert_eq!(
    ///     c.figure().to_string(),
    ///     "between €0.3333333333333333333333333333 and €0.3333333333333333333333333334"
    /// );
    /// assert_eq!(c.rounded().to_string(), "€0.33");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn figure(&self) -> &Figure {
        &self.figure
    }

    /// The converted figure rounded once, half to even, to the target
    /// currency's minor unit. An exact amount whose quotient does not end
    /// rounds as its exact quotient does: one number, unless a rounding
    /// tie lies within the quotient's two neighbours, when it is the
    /// interval of the two roundings (see [`Converted::figure`]).
    pub fn rounded(&self) -> Figure {
        self.figure
            .round_within(self.original.exactly_stated().is_some())
    }

    /// The figure before conversion.
    pub fn original(&self) -> &Figure {
        &self.original
    }

    /// The rule used.
    pub fn rule(&self) -> RateRule {
        self.rule
    }

    /// The rate of the original currency, and of the target; `None` when no
    /// conversion was needed (same currency).
    pub fn rates(&self) -> Option<(Rate, Rate)> {
        self.rates
    }
}

impl fmt::Display for Converted {
    /// `US$110m → €100m at 1.1 USD per EUR (2025-04-04) (rate on 2025-04-05)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} → {}", self.original, self.figure)?;
        match self.rates {
            None => f.write_str(" (same currency)"),
            Some((from, to)) => {
                write!(f, " at {from}")?;
                if to.quote != Quote::Base {
                    write!(f, " and {to}")?;
                }
                write!(f, " ({})", self.rule)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// ECB-style quotes around Easter 2025: Thursday 17 April was the last
    /// business day before Good Friday (18th); Easter Monday (21st) was a
    /// TARGET holiday too; quotes resume on Tuesday 22 April.
    fn easter() -> RateTable {
        let mut t = RateTable::new();
        t.insert(d(2025, 4, 17), Currency::USD, dec!(1.1369))
            .unwrap();
        t.insert(d(2025, 4, 22), Currency::USD, dec!(1.1476))
            .unwrap();
        t
    }

    #[test]
    fn weekends_and_easter_take_the_last_business_day() {
        let t = easter();
        for day in 17..=21 {
            let r = t.rate_on(Currency::USD, d(2025, 4, day)).unwrap();
            assert_eq!(
                (r.units_per_eur(), r.quote()),
                (Some(dec!(1.1369)), Quote::Day(d(2025, 4, 17))),
                "{day}"
            );
        }
        assert_eq!(
            t.rate_on(Currency::USD, d(2025, 4, 22))
                .unwrap()
                .units_per_eur(),
            Some(dec!(1.1476))
        );
    }

    #[test]
    fn eur_is_one_on_every_day_and_cannot_be_quoted_otherwise() {
        let mut t = easter();
        t.insert(d(2025, 4, 17), Currency::EUR, dec!(1.000))
            .unwrap();
        let err = t
            .insert(d(2025, 4, 17), Currency::EUR, dec!(1.1))
            .unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::ConflictingRate {
                currency: Currency::EUR,
                date: d(2025, 4, 17),
                recorded: Decimal::ONE,
                given: dec!(1.1),
            }
        );
        // All or nothing: the USD quote before the bad EUR one is not kept.
        let quotes = [
            (d(2025, 4, 23), Currency::USD, dec!(1.1)),
            (d(2025, 4, 23), Currency::EUR, dec!(0.9)),
        ];
        assert!(t.extend(quotes).is_err());
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn beyond_the_window_or_before_the_first_quote_is_an_error() {
        let t = easter();
        assert_eq!(
            t.rate_on(Currency::USD, d(2025, 4, 16)),
            Err(ErrorKind::MissingRate {
                currency: Currency::USD,
                date: d(2025, 4, 16),
                window: 7
            }
            .into())
        );
        // Seven days after the last quote is still covered; eight is not.
        assert!(t.rate_on(Currency::USD, d(2025, 4, 29)).is_ok());
        let err = t.rate_on(Currency::USD, d(2025, 4, 30)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no USD rate on 2025-04-30 or in the 7 days before it"
        );
        let narrow = easter().with_window(2);
        assert!(narrow.rate_on(Currency::USD, d(2025, 4, 21)).is_err());
    }

    #[test]
    fn a_currency_no_longer_quoted_runs_out() {
        // The ECB stopped quoting HRK after 2022-12-30 (N/A from 2023).
        let hrk = Currency::from_code("HRK").unwrap();
        let mut t = RateTable::new();
        t.insert(d(2022, 12, 30), hrk, dec!(7.5365)).unwrap();
        assert!(t.rate_on(hrk, d(2023, 1, 2)).is_ok());
        assert!(matches!(
            t.rate_on(hrk, d(2023, 1, 9)).as_ref().map_err(Error::kind),
            Err(ErrorKind::MissingRate { .. })
        ));
        assert!(matches!(
            t.rate_on(Currency::GBP, d(2023, 1, 2))
                .as_ref()
                .map_err(Error::kind),
            Err(ErrorKind::MissingRate { .. })
        ));
    }

    #[test]
    fn cross_rates_go_through_eur() {
        let mut t = RateTable::new();
        t.insert(d(2025, 1, 2), Currency::USD, dec!(1.25)).unwrap();
        t.insert(d(2025, 1, 2), Currency::PLN, dec!(4.25)).unwrap();
        let c = t
            .convert(
                &"US$100".parse().unwrap(),
                Currency::PLN,
                RateRule::OnDate(d(2025, 1, 2)),
                None,
            )
            .unwrap();
        // 100 / 1.25 = €80; × 4.25 = PLN 340.
        assert_eq!(c.figure().stated().amount(), dec!(340));
        let (from, to) = c.rates().unwrap();
        assert_eq!(
            (from.currency(), to.currency()),
            (Currency::USD, Currency::PLN)
        );
        assert!(
            c.to_string().starts_with(
                "US$100 → PLN 340 at 1.25 USD per EUR (2025-01-02) and 4.25 PLN per EUR"
            )
        );
    }

    #[test]
    fn no_intermediate_rounding() {
        let mut t = RateTable::new();
        t.insert(d(2025, 1, 2), Currency::USD, dec!(3)).unwrap();
        let c = t
            .convert(
                &"US$1".parse().unwrap(),
                Currency::EUR,
                RateRule::OnDate(d(2025, 1, 2)),
                None,
            )
            .unwrap();
        assert_eq!(
            c.figure().stated().amount(),
            dec!(0.3333333333333333333333333333)
        );
        assert_eq!(c.rounded().stated().amount(), dec!(0.33));
    }

    #[test]
    fn averages_and_undated_pledges() {
        let mut t = easter();
        t.insert(d(2025, 4, 23), Currency::USD, dec!(1.1378))
            .unwrap();
        let avg = t
            .average(Currency::USD, &"2025-04".parse().unwrap())
            .unwrap();
        // (1.1369 + 1.1476 + 1.1378) / 3 = 3.4223 / 3 = 1.1407666…, kept
        // as its sum and count.
        assert_eq!(avg.units_per_eur(), None);
        assert_eq!(avg.sum_and_count(), (dec!(3.4223), 3));
        assert_eq!(
            avg.to_string(),
            "3.4223 ÷ 3 USD per EUR (average of 3 days in 2025-04)"
        );
        // €1 is US$1.1407666…: US$3.4223 is exactly €3.
        let c = t
            .convert(
                &"US$3.4223".parse().unwrap(),
                Currency::EUR,
                RateRule::Average("2025-04".parse().unwrap()),
                None,
            )
            .unwrap();
        assert_eq!(c.figure().to_string(), "€3");
        assert!(c.figure().is_exact());
        assert!(matches!(avg.quote(), Quote::Average { count: 3, .. }));
        assert!(
            t.average(Currency::USD, &"2025-05".parse().unwrap())
                .is_err()
        );
        let usd: Figure = "US$1".parse().unwrap();
        assert!(matches!(
            t.convert(&usd, Currency::EUR, RateRule::AnnouncementDate, None)
                .as_ref()
                .map_err(Error::kind),
            Err(ErrorKind::UndatedConversion { .. })
        ));
        let eur: Figure = "€1".parse().unwrap();
        assert!(
            t.convert(&eur, Currency::EUR, RateRule::AnnouncementDate, None)
                .is_ok()
        );
    }

    #[test]
    fn bad_rates_are_refused_and_extend_is_all_or_nothing() {
        let mut t = easter();
        let before = t.clone();
        assert!(matches!(
            t.insert(d(2025, 1, 1), Currency::USD, dec!(0))
                .as_ref()
                .map_err(Error::kind),
            Err(ErrorKind::NonPositiveRate { .. })
        ));
        let batch = vec![
            (d(2025, 5, 1), Currency::GBP, dec!(0.85)),
            (d(2025, 5, 2), Currency::GBP, dec!(-1)),
        ];
        assert!(t.extend(batch).is_err());
        assert_eq!(t, before);
    }

    #[test]
    fn fixed_rates_and_the_latest_quote_are_recorded() {
        let t = easter();
        let usd: Figure = "US$2296".parse().unwrap();
        let fixed = RateRule::Fixed(FixedRate::new(Currency::USD, dec!(1.148)).unwrap());
        let c = t.convert(&usd, Currency::EUR, fixed, None).unwrap();
        assert_eq!(c.figure().stated().amount(), dec!(2000));
        assert_eq!(c.rule(), fixed);
        let (from, to) = c.rates().unwrap();
        assert_eq!(
            (from.units_per_eur(), from.quote()),
            (Some(dec!(1.148)), Quote::Fixed)
        );
        assert_eq!(to.quote(), Quote::Base);
        assert_eq!(
            c.to_string(),
            "US$2,296 → €2,000 at 1.148 USD per EUR (fixed) (fixed rate of 1.148 USD per EUR)"
        );
        // A fixed rate for one currency does not convert another.
        assert!(matches!(
            t.convert(&"£1".parse().unwrap(), Currency::EUR, fixed, None)
                .as_ref()
                .map_err(Error::kind),
            Err(ErrorKind::NoFixedRate { .. })
        ));
        assert!(FixedRate::new(Currency::USD, dec!(-1)).is_err());
        assert!(FixedRate::new(Currency::EUR, dec!(2)).is_err());
        // Undated: the latest quote (22 April); dated: that day's.
        let rule = RateRule::AnnouncementDateOrLatest;
        let undated = t.rate_by(Currency::USD, rule, None).unwrap();
        assert_eq!(
            (undated.units_per_eur(), undated.quote()),
            (Some(dec!(1.1476)), Quote::Day(d(2025, 4, 22)))
        );
        let dated = t
            .rate_by(Currency::USD, rule, Some(d(2025, 4, 19)))
            .unwrap();
        assert_eq!(dated.units_per_eur(), Some(dec!(1.1369)));
        assert!(matches!(
            t.rate_by(Currency::GBP, rule, None)
                .as_ref()
                .map_err(Error::kind),
            Err(ErrorKind::NoRates { .. })
        ));
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use crate::serde_impls::{DecimalStr, UniqueMap};
    use chrono::NaiveDate;

    use serde::de::{self, Deserializer};
    use serde::ser::Serializer;
    use serde::{Deserialize, Serialize};

    use crate::{Currency, RateTable};

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct RateTableRepr {
        window: u32,
        quotes: UniqueMap<Currency, UniqueMap<NaiveDate, DecimalStr>>,
    }

    impl Serialize for RateTable {
        /// `{"window": 7, "quotes": {"USD": {"2025-01-02": "1.0321"}}}`.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let quotes = self
                .quotes_by_currency()
                .map(|(c, q)| {
                    let days = q.iter().map(|(d, r)| (*d, DecimalStr(*r))).collect();
                    (c, UniqueMap(days))
                })
                .collect();
            RateTableRepr {
                window: self.window(),
                quotes: UniqueMap(quotes),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for RateTable {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = RateTableRepr::deserialize(d)?;
            let mut t = RateTable::new().with_window(r.window);
            let quotes = r
                .quotes
                .0
                .into_iter()
                .flat_map(|(c, q)| q.0.into_iter().map(move |(day, rate)| (day, c, rate.0)));
            t.extend(quotes).map_err(de::Error::custom)?;
            Ok(t)
        }
    }

    #[cfg(test)]
    mod tests {
        use crate::RateTable;

        #[test]
        fn a_rate_table_with_a_key_given_twice_is_refused() {
            let twice_currency = r#"{"window": 7, "quotes": {"USD": {"2025-01-02": "1.03"}, "USD": {"2025-01-03": "1.04"}}}"#;
            let twice_day =
                r#"{"window": 7, "quotes": {"USD": {"2025-01-02": "1.03", "2025-01-02": "1.04"}}}"#;
            for json in [twice_currency, twice_day] {
                let err = serde_json::from_str::<RateTable>(json).unwrap_err();
                assert!(err.to_string().contains("given twice"), "{err}");
            }
            let once = r#"{"window": 7, "quotes": {"USD": {"2025-01-02": "1.03"}, "GBP": {"2025-01-02": "0.83"}}}"#;
            let table: RateTable = serde_json::from_str(once).unwrap();
            assert_eq!(table.len(), 2);
            assert_eq!(
                serde_json::to_string(&table).unwrap(),
                r#"{"window":7,"quotes":{"GBP":{"2025-01-02":"0.83"},"USD":{"2025-01-02":"1.03"}}}"#
            );
        }
    }
}
