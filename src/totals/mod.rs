//! Group totals over a collection of pledges: by donor, alliance,
//! recipient, category, instrument, stage and period, per currency or
//! converted.

use crate::error::ErrorKind;
mod engine;
mod groups;

pub(crate) use engine::{Engine, IdSet};
pub use groups::{DonorGroups, GroupLabel};

use std::cmp::Ordering;
use std::collections::BTreeMap;

use std::fmt;
use std::sync::Arc;

use crate::io::PledgeReader;
use crate::pledge::Record;
use crate::rates::Converted;
use crate::rates::Rate;
use crate::{
    Alliance, Category, Currency, Donor, Error, Figure, Filter, Instrument, Period, PeriodUnit,
    Pledge, Pledges, RateRule, RateTable, Spread, Stage,
};

/// Which of a pledge's dates a period key uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum DateBasis {
    /// The day it was announced: one bucket per pledge; undated pledges
    /// form the "unknown" bucket.
    Announced,
    /// The period the money is for: the pledge is spread over the buckets
    /// its funded period touches by the query's [`Spread`]; pledges with no
    /// funded period form the "unknown" bucket.
    Funded,
    /// The day of delivery: the date of the pledge's delivered stage amount
    /// ([`PledgeBuilder::at_stage`](crate::PledgeBuilder::at_stage)), else
    /// the first day of its [`Pledge::delivered`] period; pledges with
    /// neither form the "unknown" bucket. One bucket per pledge. With
    /// [`Filter::stage`]`(Stage::Delivered)` this is a series of deliveries.
    Delivered,
}

/// What to group by.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum Key {
    /// The donor.
    Donor,
    /// The donor's group, of groups the caller defines ("EU + EIB"): a
    /// donor in a group counts in its group's row
    /// ([`GroupValue::DonorGroup`]), one in none in its own
    /// ([`GroupValue::Donor`]) or in the rest's (see [`DonorGroups`]).
    DonorGroup(DonorGroups),
    /// The recipient.
    Recipient,
    /// The category.
    Category,
    /// The instrument.
    Instrument,
    /// The stage.
    Stage,
    /// Whether the donor was a member of the alliance on the announcement
    /// date (unknown for undated pledges).
    Alliance(Alliance),
    /// Calendar periods of one of the pledge's dates.
    Period(PeriodUnit, DateBasis),
}

impl Key {
    /// Calendar years of `basis`.
    pub fn year(basis: DateBasis) -> Key {
        Key::Period(PeriodUnit::Year, basis)
    }

    /// Calendar halves of `basis`.
    pub fn half(basis: DateBasis) -> Key {
        Key::Period(PeriodUnit::Half, basis)
    }

    /// Calendar quarters of `basis`.
    pub fn quarter(basis: DateBasis) -> Key {
        Key::Period(PeriodUnit::Quarter, basis)
    }

    /// Calendar months of `basis`.
    pub fn month(basis: DateBasis) -> Key {
        Key::Period(PeriodUnit::Month, basis)
    }
}

/// One key's value for a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
pub enum GroupValue {
    /// A donor.
    Donor(Donor),
    /// A recipient.
    Recipient(Donor),
    /// A category.
    Category(Category),
    /// An instrument.
    Instrument(Instrument),
    /// A stage.
    Stage(Stage),
    /// Alliance membership on the announcement date; `None` if undated.
    Member(Option<bool>),
    /// A calendar period; `None` for the unknown bucket.
    Period(Option<Period>),
    /// A donor group of [`Key::DonorGroup`] (or the row of the donors in
    /// none), by its label.
    DonorGroup(GroupLabel),
}

impl GroupValue {
    fn rank(&self) -> (u8, usize) {
        match self {
            GroupValue::Donor(_) => (0, 0),
            GroupValue::Recipient(_) => (1, 0),
            GroupValue::Category(c) => (2, Category::ALL.iter().position(|x| x == c).unwrap_or(0)),
            GroupValue::Instrument(i) => {
                (3, Instrument::ALL.iter().position(|x| x == i).unwrap_or(0))
            }
            GroupValue::Stage(s) => (4, Stage::ALL.iter().position(|x| x == s).unwrap_or(0)),
            GroupValue::Member(m) => (
                5,
                match m {
                    Some(true) => 0,
                    Some(false) => 1,
                    None => 2,
                },
            ),
            GroupValue::Period(p) => (6, usize::from(p.is_none())),
            GroupValue::DonorGroup(_) => (7, 0),
        }
    }
}

impl PartialOrd for GroupValue {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for GroupValue {
    /// Donors by code, words in declaration order (stages along the line),
    /// members before non-members, periods in time order; unknowns last;
    /// donor groups after donors, by label.
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank()
            .cmp(&other.rank())
            .then_with(|| match (self, other) {
                (GroupValue::Donor(a), GroupValue::Donor(b))
                | (GroupValue::Recipient(a), GroupValue::Recipient(b)) => a.cmp(b),
                (GroupValue::Period(Some(a)), GroupValue::Period(Some(b))) => a.cmp(b),
                (GroupValue::DonorGroup(a), GroupValue::DonorGroup(b)) => a.cmp(b),
                _ => Ordering::Equal,
            })
    }
}

impl fmt::Display for GroupValue {
    /// Donors by their code, words in lowercase, periods as written
    /// (`2025-Q1`), donor groups by their label; the unknown bucket as
    /// `unknown`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GroupValue::Donor(d) | GroupValue::Recipient(d) => f.pad(d.id()),
            GroupValue::Category(c) => c.fmt(f),
            GroupValue::Instrument(i) => i.fmt(f),
            GroupValue::Stage(s) => s.fmt(f),
            GroupValue::Member(Some(true)) => f.pad("member"),
            GroupValue::Member(Some(false)) => f.pad("non-member"),
            GroupValue::Member(None) | GroupValue::Period(None) => f.pad("unknown"),
            GroupValue::Period(Some(p)) => p.fmt(f),
            GroupValue::DonorGroup(label) => label.fmt(f),
        }
    }
}

/// What to total: a filter, the keys to group by, the spreading rule for
/// funded-period keys, and an optional conversion.
///
/// ```
/// use alliance_commitments::{Country, DateBasis, Key, Pledge, Pledges, Query};
/// use chrono::NaiveDate;
///
/// let mut pledges = Pledges::new();
/// for (donor, amount, day) in [(Country::DE, "€2bn", 10), (Country::FR, "€1bn", 11), (Country::DE, "€500m", 12)] {
///     pledges.add(
///         Pledge::builder(donor, Country::UA, amount.parse()?)
///             .announced(NaiveDate::from_ymd_opt(2025, 2, day).unwrap())
///             .build()?,
///     )?;
/// }
/// let totals = pledges.totals(&Query::new().by(Key::Donor).by(Key::year(DateBasis::Announced)))?;
/// let rows: Vec<String> = totals.groups().map(|(k, t)| format!("{k}: {}", t.single().unwrap())).collect();
/// assert_eq!(rows, ["DE, 2025: €2.5bn", "FR, 2025: €1bn"]);
/// assert_eq!(totals.grand_total().single()?.to_string(), "€3.5bn");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Query<'a> {
    filter: Filter,
    keys: Vec<Key>,
    spread: Spread,
    conversion: Option<(Currency, RateRule, &'a RateTable)>,
    within_funded: Option<Period>,
    as_of: Option<chrono::NaiveDate>,
}

impl<'a> Query<'a> {
    /// Every pledge, one group, no conversion, spreading evenly by days.
    pub fn new() -> Query<'a> {
        Query::default()
    }

    /// Only the pledges `filter` lets through.
    #[must_use]
    pub fn filter(mut self, filter: Filter) -> Self {
        self.filter = filter;
        self
    }

    /// Groups by one more key (groups are ordered by the keys in this order).
    #[must_use]
    pub fn by(mut self, key: Key) -> Self {
        self.keys.push(key);
        self
    }

    /// How funded-period keys spread a pledge (evenly by days by default).
    #[must_use]
    pub fn spread(mut self, spread: Spread) -> Self {
        self.spread = spread;
        self
    }

    /// Counts only what of each pledge's funded period falls within
    /// `period`, by the spreading rule ("the total for 2024" of a pledge for
    /// 2024-2027). Pledges with no funded period count for nothing here.
    #[must_use]
    pub fn within_funded(mut self, period: Period) -> Self {
        self.within_funded = Some(period);
        self
    }

    /// Totals as of the end of `date`: only pledges announced by then, and
    /// of each only a stage amount reached by then (its date known and not
    /// later), by the rules of [`Filter`]'s stage conditions; conditional
    /// pledges are firm only if their condition was met by then. With no
    /// stage condition the first stage counts, dated by the announcement:
    /// "what had been pledged by then". Undated pledges and undated stage
    /// amounts count in no as-of total.
    ///
    /// ```
    /// use alliance_commitments::{Country, Filter, Pledge, Pledges, Query, Stage};
    /// use chrono::NaiveDate;
    /// let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    /// let mut pledges = Pledges::new();
    /// pledges.add(
    ///     Pledge::builder(Country::DE, Country::UA, "€1bn".parse()?)
    ///         .stage(Stage::Committed)
    ///         .announced(day(2, 1))
    ///         .at_stage(Stage::Delivered, "€400m".parse()?, day(9, 1))
    ///         .build()?,
    /// )?;
    /// let delivered = |on| pledges.totals(&Query::new().filter(Filter::new().stage(Stage::Delivered)).as_of(on));
    /// assert!(delivered(day(8, 31))?.is_empty());
    /// assert_eq!(delivered(day(9, 1))?.grand_total().single()?.to_string(), "€400m");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn as_of(mut self, date: chrono::NaiveDate) -> Self {
        self.as_of = Some(date);
        self
    }

    /// The date of [`Query::as_of`], if any.
    pub fn as_of_date(&self) -> Option<chrono::NaiveDate> {
        self.as_of
    }

    /// The same query grouped by `keys` instead.
    pub(crate) fn with_keys(mut self, keys: Vec<Key>) -> Self {
        self.keys = keys;
        self
    }

    /// Also gives each total in `currency`, converted by `rule` with `rates`.
    #[must_use]
    pub fn convert_to(mut self, currency: Currency, rule: RateRule, rates: &'a RateTable) -> Self {
        self.conversion = Some((currency, rule, rates));
        self
    }
}

/// A converted total with its audit trail.
///
/// The trail is kept compactly — each part as stated and converted, and
/// which of the query's rates it took, the rates themselves shared by all
/// groups — since a million pledges can make hundreds of thousands of
/// parts. Two converted totals are equal when their totals and trails
/// are.
#[derive(Clone)]
pub struct ConvertedTotal {
    total: Figure,
    rule: RateRule,
    /// Each part as stated and converted, with the index of its rates
    /// (`None` when already in the target currency).
    parts: Vec<(Figure, Figure, Option<u32>)>,
    /// The (from, to) rates the query used, shared by every group.
    rates: Arc<[(Rate, Rate)]>,
}

impl PartialEq for ConvertedTotal {
    fn eq(&self, other: &Self) -> bool {
        // The shared rates are numbered in the order groups were first
        // seen: compare what the parts say, not their numbers.
        self.total == other.total && self.parts().eq(other.parts())
    }
}

impl Eq for ConvertedTotal {}

impl fmt::Debug for ConvertedTotal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConvertedTotal")
            .field("total", &self.total)
            .field("parts", &self.parts().collect::<Vec<_>>())
            .finish()
    }
}

impl ConvertedTotal {
    /// The total in the target currency, unrounded.
    pub fn figure(&self) -> &Figure {
        &self.total
    }

    /// The total rounded once, half to even, to the target's minor unit.
    pub fn rounded(&self) -> Figure {
        self.total.round()
    }

    /// Each part converted, in currency and date order: one per currency
    /// and rate date, with the rates and rule that produced it.
    pub fn parts(&self) -> impl ExactSizeIterator<Item = Converted> + '_ {
        self.parts.iter().map(|(original, figure, rates)| {
            let rates = rates.and_then(|i| self.rates.get(i as usize).copied());
            Converted::from_parts(*original, *figure, self.rule, rates)
        })
    }
}

/// One group's total: a figure per currency as stated, and the converted
/// total when the query asked for one.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GroupTotal {
    by_currency: BTreeMap<Currency, Figure>,
    converted: Option<ConvertedTotal>,
    pieces: usize,
}

impl GroupTotal {
    /// The exact total in each currency, in code order.
    pub fn by_currency(&self) -> impl Iterator<Item = &Figure> + '_ {
        self.by_currency.values()
    }

    /// The exact total in one currency, if any pledge in it counted.
    pub fn in_currency(&self, currency: Currency) -> Option<&Figure> {
        self.by_currency.get(&currency)
    }

    /// The total when all pledges were in one currency; an error naming
    /// the currencies otherwise.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MixedCurrencies`] unless exactly one currency is present.
    pub fn single(&self) -> Result<Figure, Error> {
        let mut it = self.by_currency.values();
        match (it.next(), it.next()) {
            (Some(f), None) => Ok(*f),
            _ => Err(ErrorKind::MixedCurrencies {
                currencies: self.by_currency.keys().copied().collect(),
            }
            .into()),
        }
    }

    /// The figure to compare: the converted total (unrounded) when the
    /// query converted, else the total in its one currency (an error for
    /// several currencies).
    ///
    /// # Errors
    ///
    /// As [`GroupTotal::single`], when the query did not convert.
    pub fn figure(&self) -> Result<Figure, Error> {
        match &self.converted {
            Some(c) => Ok(c.total),
            None => self.single(),
        }
    }

    /// The converted total, when the query converted.
    pub fn converted(&self) -> Option<&ConvertedTotal> {
        self.converted.as_ref()
    }

    /// The converted total rounded once to the target's minor unit (bounds
    /// outward), when the query converted: what to show.
    pub fn rounded(&self) -> Option<Figure> {
        self.converted.as_ref().map(ConvertedTotal::rounded)
    }

    /// How many pledges counted (a pledge spread over several groups counts
    /// in each).
    pub fn count(&self) -> usize {
        self.pieces
    }
}

/// The key values of one group, in the order of the query's keys.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct GroupKey(Vec<GroupValue>);

impl GroupKey {
    /// The values.
    pub fn values(&self) -> &[GroupValue] {
        &self.0
    }
}

impl fmt::Display for GroupKey {
    /// The values joined by `, `; `all` for the single group of a query
    /// with no keys.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("all");
        }
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

/// Group totals in key order, and a grand total converted on its own: its
/// exact sums per currency and rate date are gathered from the groups' and
/// converted apart (not summed from the groups' converted totals), so that
/// the two can be checked against each other.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Totals {
    groups: Vec<(GroupKey, GroupTotal)>,
    grand: GroupTotal,
    pending: GroupTotal,
}

impl Totals {
    /// The groups, sorted by their key values.
    pub fn groups(&self) -> impl Iterator<Item = (&GroupKey, &GroupTotal)> + '_ {
        self.groups.iter().map(|(k, t)| (k, t))
    }

    /// The number of groups.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether no pledge counted.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The group with these key values.
    pub fn get(&self, values: &[GroupValue]) -> Option<&GroupTotal> {
        self.groups
            .binary_search_by(|(k, _)| k.0.as_slice().cmp(values))
            .ok()
            .map(|i| &self.groups[i].1)
    }

    /// The group whose key values read as `values`, as a group key
    /// displays them (`"DE"`, `"2025"`, `"2025-Q1"`, `"military"`,
    /// `"unknown"`): looking a group up without building its values.
    ///
    /// ```
    /// use alliance_commitments::{Country, DateBasis, Key, Pledge, Pledges, Query};
    /// let mut pledges = Pledges::new();
    /// for (donor, figure, day) in [(Country::DE, "€2bn", "2025-02-14"), (Country::FR, "€1bn", "2024-05-02")] {
    ///     let pledge = Pledge::builder(donor, Country::UA, figure.parse()?)
    ///         .announced(day.parse()?)
    ///         .build()?;
    ///     pledges.add(pledge)?;
    /// }
    /// let totals = pledges.totals(&Query::new().by(Key::Donor).by(Key::year(DateBasis::Announced)))?;
    /// assert_eq!(totals.find(&["DE", "2025"]).unwrap().single()?.to_string(), "€2bn");
    /// assert!(totals.find(&["DE", "2024"]).is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn find<S: AsRef<str>>(&self, values: &[S]) -> Option<&GroupTotal> {
        self.groups
            .iter()
            .find(|(k, _)| {
                k.0.len() == values.len()
                    && k.0
                        .iter()
                        .zip(values)
                        .all(|(v, s)| v.to_string() == s.as_ref())
            })
            .map(|(_, t)| t)
    }

    /// The total over every pledge that passed the filter: the firm
    /// total, without the pending conditional pledges.
    pub fn grand_total(&self) -> &GroupTotal {
        &self.grand
    }

    /// The conditional pledges that passed the filter but are pending (as
    /// of the query's date, if any), left out of every group and of the
    /// grand total and reported here apart: each one's counted amount in
    /// full (not grouped, spread or restricted to
    /// [`Query::within_funded`]), converted when the query converts.
    /// Lapsed conditions count neither here nor in the firm totals.
    pub fn pending(&self) -> &GroupTotal {
        &self.pending
    }
}

// Every public way to get totals, each a thin face over the one engine.

impl Pledges {
    /// Totals of the pledges a query selects, grouped by its keys.
    ///
    /// Figures are summed exactly in the currency in which they were
    /// stated. Funded-period keys spread pledges by the query's
    /// [`Spread`](crate::Spread); pledges alike in every attribute (donor,
    /// recipient, category, instrument, stage, dates, currency) are summed
    /// first and spread once, so no total depends on how pledges were split
    /// or ordered. With a conversion, each group is converted in parts — one
    /// per currency and rate date (into EUR, the day of the quote used, so a
    /// Saturday's pledges and the Friday's share a part) — summed in a fixed
    /// order; the only rounding to the minor unit is
    /// [`ConvertedTotal::rounded`].
    ///
    /// # Errors
    ///
    /// An undated pledge in another currency under
    /// [`RateRule::AnnouncementDate`] ([`ErrorKind::UndatedConversion`]), a
    /// missing rate ([`ErrorKind::MissingRate`]), or a sum beyond what a
    /// decimal holds ([`ErrorKind::Overflow`]); the error's position names the
    /// pledge (its place in the collection and its id) or the group.
    pub fn totals(&self, query: &Query<'_>) -> Result<Totals, Error> {
        // The collection's ids are unique already.
        let mut engine = Engine::new(query, false);
        for p in self {
            engine.add(&Record::from(p), None)?;
        }
        engine.finish()
    }
}

impl Query<'_> {
    /// The totals of a stream of pledges, as [`Pledges::totals`] gives them
    /// for a collection: for inputs too large to load (only the groups, and
    /// — when spreading — the sums of alike pledges, are kept). An id given
    /// twice is an error, as in a collection; the first error in the
    /// stream, in its order, stops the totals.
    /// [`PledgeReader::totals`] does the same for a pledge CSV without
    /// building each [`Pledge`].
    ///
    /// ```
    /// use alliance_commitments::{Key, Query};
    /// use alliance_commitments::io::{CsvOptions, PledgeReader};
    /// let csv = "donor,recipient,amount,currency\nDE,UA,5,EUR\nFR,UA,7,EUR\nDE,UA,1,EUR\n";
    /// let reader = PledgeReader::new(csv.as_bytes(), CsvOptions::new())?;
    /// let totals = Query::new().by(Key::Donor).totals_of(reader)?;
    /// let rows: Vec<String> = totals.groups().map(|(k, t)| format!("{k} {}", t.single().unwrap())).collect();
    /// assert_eq!(rows, ["DE €6", "FR €7"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first error of the stream, an id given twice
    /// ([`ErrorKind::DuplicateId`]), or an error of [`Pledges::totals`].
    pub fn totals_of<I, P>(&self, pledges: I) -> Result<Totals, Error>
    where
        I: IntoIterator<Item = Result<P, Error>>,
        P: std::borrow::Borrow<Pledge>,
    {
        let mut engine = Engine::new(self, true);
        for item in pledges {
            let item = item.map_err(|e| engine.fail(e))?;
            engine.add(&Record::from(item.borrow()), None)?;
        }
        engine.finish()
    }
}

impl<R: std::io::Read> PledgeReader<R> {
    /// The totals of the rows not yet read: what
    /// [`Query::totals_of`]`(reader)` gives — every field checked the same
    /// way, the same result or the same error — without building a
    /// [`Pledge`] for each row: the fast path for large files. Errors also
    /// name the line (and, for an id given twice, the id column).
    ///
    /// ```
    /// use alliance_commitments::{Key, Query};
    /// use alliance_commitments::io::{CsvOptions, PledgeReader};
    /// let csv = "donor,recipient,amount,currency\nDE,UA,5,EUR\nFR,UA,7,EUR\nDE,UA,1.50,EUR\n";
    /// let reader = PledgeReader::new(csv.as_bytes(), CsvOptions::new())?;
    /// let totals = reader.totals(&Query::new().by(Key::Donor))?;
    /// let rows: Vec<String> = totals.groups().map(|(k, t)| format!("{k} {}", t.single().unwrap())).collect();
    /// assert_eq!(rows, ["DE €6.5", "FR €7"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Query::totals_of`].
    pub fn totals(mut self, query: &Query<'_>) -> Result<Totals, Error> {
        let mut engine = Engine::new(query, true);
        while self.advance().map_err(|e| engine.fail(e))? {
            let record = self.record().map_err(|e| engine.fail(e))?;
            // Checked as a loaded pledge's are, though totals need none.
            self.check_sources().map_err(|e| engine.fail(e))?;
            let line = self.line();
            engine.add(&record, Some(line)).map_err(|e| self.place(e))?;
        }
        engine.finish().map_err(|e| self.place(e))
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use serde::Serialize;
    use serde::ser::Serializer;

    /// The audit trail of a converted total, as a sequence of [`Converted`](crate::rates::Converted).
    struct PartsOf<'a>(&'a crate::totals::ConvertedTotal);

    impl Serialize for PartsOf<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.parts())
        }
    }

    impl Serialize for crate::totals::ConvertedTotal {
        /// `{"total": figure, "parts": [converted, ...]}`.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeStruct;
            let mut st = s.serialize_struct("ConvertedTotal", 2)?;
            st.serialize_field("total", self.figure())?;
            st.serialize_field("parts", &PartsOf(self))?;
            st.end()
        }
    }
}
