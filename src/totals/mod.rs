//! Group totals over a collection of pledges: by donor, alliance,
//! recipient, category, instrument, stage and period, per currency or
//! converted.

use crate::error::{ErrorKind, Operation};
mod engine;
mod group_total;
mod groups;

pub(crate) use engine::{Engine, IdSet};
pub use group_total::{ConvertedTotal, GroupKey, GroupTotal};
pub use groups::{DonorGroups, GroupLabel};

use std::cmp::Ordering;

use std::fmt;

use crate::io::PledgeReader;
use crate::pledge::Record;
use crate::{
    Alliance, Category, Currency, Donor, Error, Filter, Instrument, Period, PeriodUnit, Pledge,
    Pledges, RateRule, RateTable, Spread, Stage,
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
    /// 2024-2027). Pledges with no funded period count for nothing here. A
    /// month that `period` cuts gives it its days by cumulative shares: of
    /// €1.00 for January, days 1 to k get €1.00 × k ÷ 31 to the cent, so
    /// windows that meet add up and each is within a cent of its share.
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

/// Group totals in key order, and a grand total converted on its own: its
/// exact sums per currency and rate date are gathered from the groups' and
/// converted apart (not summed from the groups' converted totals), so that
/// the two can be checked against each other.
#[derive(Clone, PartialEq, Eq)]
pub struct Totals {
    /// The groups' key values, `width` a group one after another (the
    /// query's keys), sorted, and their totals in the same order: kept
    /// apart so that a total is made beside its key, never moved into a
    /// pair, and a key costs its values only.
    width: usize,
    values: Vec<GroupValue>,
    totals: Vec<GroupTotal>,
    grand: GroupTotal,
    pending: GroupTotal,
}

impl fmt::Debug for Totals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Totals")
            .field("groups", &self.groups().collect::<Vec<_>>())
            .field("grand", &self.grand)
            .field("pending", &self.pending)
            .finish()
    }
}

impl Totals {
    /// Totals of groups given in any order (the `width` values of group
    /// `i` from `values[i * width]` are the key of `totals[i]`, every key
    /// once), sorted here by key.
    pub(crate) fn new(
        width: usize,
        mut values: Vec<GroupValue>,
        mut totals: Vec<GroupTotal>,
        grand: GroupTotal,
        pending: GroupTotal,
    ) -> Result<Totals, Error> {
        let overflow = || ErrorKind::Overflow {
            operation: Operation::Grouping,
        };
        if width.checked_mul(totals.len()) != Some(values.len()) {
            return Err(overflow().into());
        }
        // Sorted through a permutation applied in place, a cycle at a
        // time: no second list of groups is made.
        // Places are numbered as groups are, in a `u32`.
        let n = u32::try_from(totals.len()).map_err(|_| overflow())?;
        let key = |g: u32| group_values(&values, width, g as usize);
        let mut order: Vec<u32> = (0..n).collect();
        order.sort_unstable_by(|a, b| key(*a).cmp(key(*b)));
        // `order[at]` is where the group that belongs at `at` is now; a
        // place filled is marked by pointing to itself.
        for start in 0..order.len() {
            let mut at = start;
            loop {
                let from = order[at] as usize;
                // `at` is below `n`, a `u32`.
                order[at] = at as u32;
                if from == start {
                    break;
                }
                for i in 0..width {
                    values.swap(at * width + i, from * width + i);
                }
                totals.swap(at, from);
                at = from;
            }
        }
        Ok(Totals {
            width,
            values,
            totals,
            grand,
            pending,
        })
    }

    /// The key of group `g` (of those there are).
    fn key(&self, g: usize) -> GroupKey<'_> {
        GroupKey::new(group_values(&self.values, self.width, g))
    }

    /// The groups, sorted by their key values.
    pub fn groups(&self) -> impl ExactSizeIterator<Item = (GroupKey<'_>, &GroupTotal)> + '_ {
        self.totals
            .iter()
            .enumerate()
            .map(|(g, t)| (self.key(g), t))
    }

    /// The number of groups.
    pub fn len(&self) -> usize {
        self.totals.len()
    }

    /// Whether no pledge counted.
    pub fn is_empty(&self) -> bool {
        self.totals.is_empty()
    }

    /// The group with these key values.
    pub fn get(&self, values: &[GroupValue]) -> Option<&GroupTotal> {
        let (mut low, mut high) = (0, self.totals.len());
        // The first group whose key is not below `values`.
        while low < high {
            let mid = low + (high - low) / 2;
            if self.key(mid).values() < values {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        (low < self.totals.len() && self.key(low).values() == values).then(|| &self.totals[low])
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
        self.groups()
            .find(|(k, _)| {
                k.values().len() == values.len()
                    && k.values()
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
    /// full (not grouped or spread; of a query [`Query::within_funded`] a
    /// period, the part of each that falls within it), converted when the
    /// query converts.
    /// Lapsed conditions count neither here nor in the firm totals.
    pub fn pending(&self) -> &GroupTotal {
        &self.pending
    }
}

/// The values of group `g` among groups of `width` values each.
fn group_values(values: &[GroupValue], width: usize, g: usize) -> &[GroupValue] {
    &values[g * width..(g + 1) * width]
}

// Every public way to get totals, each a thin face over the one engine.

impl Pledges {
    /// Totals of the pledges a query selects, grouped by its keys.
    ///
    /// Figures are summed exactly in the currency in which they were
    /// stated. Funded-period keys spread pledges by the query's
    /// [`Spread`](crate::Spread); pledges alike in everything the query
    /// reads (its other keys, the currency, the rate date and the days of
    /// the funded span) are summed first and spread once, so no total
    /// depends on how pledges were split or ordered. With a conversion, each group is converted in parts — one
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
    /// twice is an error, as in a collection. The error is the one a
    /// collection would give: an item that is an error, or an id given
    /// twice, anywhere in the stream comes before an error in totalling
    /// (which reads the rest of the stream to make sure).
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
        let mut engine = Engine::new(query, true).threads(self.thread_count());
        crate::io::count_rows(&mut self, &mut engine)?;
        engine.finish().map_err(|e| self.place(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // Sorting keeps each total with its key, both values of it, and a
        // key is found where it was sorted to.
        #[test]
        fn groups_are_sorted_with_their_totals(years in prop::collection::hash_set(1i32..=9999, 0..60)) {
            let years: Vec<i32> = years.into_iter().collect();
            let key = |y: i32| {
                let day = chrono::NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default();
                [
                    GroupValue::Period(Period::containing(day, PeriodUnit::Year).ok()),
                    GroupValue::Member(Some(y % 3 == 0)),
                ]
            };
            let values: Vec<GroupValue> = years.iter().flat_map(|y| key(*y)).collect();
            // Each total counts its key's place in the input.
            let totals: Vec<GroupTotal> = (0..years.len()).map(|i| GroupTotal::new(i, Vec::new(), None)).collect();
            let empty = || GroupTotal::new(0, Vec::new(), None);
            let t = Totals::new(2, values, totals, empty(), empty()).unwrap();
            let mut sorted = years.clone();
            sorted.sort_unstable();
            let got: Vec<(Vec<GroupValue>, usize)> = t.groups().map(|(k, g)| (k.values().to_vec(), g.count())).collect();
            let place = |y: i32| years.iter().position(|x| *x == y).unwrap_or(usize::MAX);
            let expected: Vec<(Vec<GroupValue>, usize)> =
                sorted.iter().map(|y| (key(*y).to_vec(), place(*y))).collect();
            prop_assert_eq!(got, expected);
            for y in &years {
                prop_assert_eq!(t.get(&key(*y)).map(GroupTotal::count), Some(place(*y)));
                let mut other = key(*y);
                other[1] = GroupValue::Member(Some(y % 3 != 0));
                prop_assert!(t.get(&other).is_none());
            }
        }
    }

    #[test]
    fn a_query_without_keys_has_one_group_of_no_values() {
        let one = || GroupTotal::new(1, Vec::new(), None);
        let t = Totals::new(0, Vec::new(), vec![one()], one(), one()).unwrap();
        assert_eq!(t.len(), 1);
        let keys: Vec<String> = t.groups().map(|(k, _)| k.to_string()).collect();
        assert_eq!(keys, ["all"]);
        assert!(t.get(&[]).is_some());
        assert!(Totals::new(0, vec![GroupValue::Member(None)], vec![one()], one(), one()).is_err());
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use serde::Serialize;
    use serde::ser::{SerializeStruct, Serializer};

    use super::Totals;

    /// The groups as `[key, total]` pairs, in key order.
    struct GroupsOf<'a>(&'a Totals);

    impl Serialize for GroupsOf<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.groups())
        }
    }

    impl Serialize for Totals {
        /// `{"groups": [[key, total], ...], "grand": total, "pending": total}`.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut st = s.serialize_struct("Totals", 3)?;
            st.serialize_field("groups", &GroupsOf(self))?;
            st.serialize_field("grand", &self.grand)?;
            st.serialize_field("pending", &self.pending)?;
            st.end()
        }
    }
}
