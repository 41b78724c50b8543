//! Group totals over a collection of pledges: by donor, alliance,
//! recipient, category, instrument, stage and period, per currency or
//! converted.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::fasthash::FastMap;
use std::fmt;

use chrono::NaiveDate;

use crate::{
    Alliance, Category, Converted, Currency, Donor, Error, Figure, Filter, Instrument, Period,
    PeriodUnit, Pledge, Pledges, RateRule, RateTable, Spread, Stage,
};

/// Which of a pledge's dates a period key uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
pub enum DateBasis {
    /// The day it was announced: one bucket per pledge; undated pledges
    /// form the "unknown" bucket.
    Announced,
    /// The period the money is for: the pledge is spread over the buckets
    /// its funded period touches by the query's [`Spread`]; pledges with no
    /// funded period form the "unknown" bucket.
    Funded,
}

/// What to group by.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
pub enum Key {
    /// The donor.
    Donor,
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
    /// members before non-members, periods in time order; unknowns last.
    fn cmp(&self, other: &Self) -> Ordering {
        self.rank()
            .cmp(&other.rank())
            .then_with(|| match (self, other) {
                (GroupValue::Donor(a), GroupValue::Donor(b))
                | (GroupValue::Recipient(a), GroupValue::Recipient(b)) => a.cmp(b),
                (GroupValue::Period(Some(a)), GroupValue::Period(Some(b))) => a.cmp(b),
                _ => Ordering::Equal,
            })
    }
}

impl fmt::Display for GroupValue {
    /// Donors by their code, words in lowercase, periods as written
    /// (`2025-Q1`); the unknown bucket as `unknown`.
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
///         Pledge::builder(donor.into(), Country::UA.into(), amount.parse()?)
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

/// Figures summed per (currency, date of the rate to use); hashed while
/// adding up, sorted when finished so that no result depends on order.
type Buckets = FastMap<(Currency, Option<NaiveDate>), Figure>;

#[derive(Debug, Default)]
struct Acc {
    buckets: Buckets,
    pieces: usize,
}

impl Acc {
    fn add(
        &mut self,
        key: (Currency, Option<NaiveDate>),
        figure: &Figure,
        n: usize,
    ) -> Result<(), Error> {
        self.pieces += n;
        match self.buckets.get_mut(&key) {
            Some(sum) => *sum = sum.checked_add(figure)?,
            None => {
                self.buckets.insert(key, *figure);
            }
        }
        Ok(())
    }

    fn finish(
        self,
        conversion: Option<(Currency, RateRule, &RateTable)>,
    ) -> Result<GroupTotal, Error> {
        let mut buckets: Vec<((Currency, Option<NaiveDate>), Figure)> =
            self.buckets.into_iter().collect();
        buckets.sort_unstable_by_key(|(k, _)| *k);
        let mut by_currency: BTreeMap<Currency, Figure> = BTreeMap::new();
        for ((currency, _), figure) in &buckets {
            match by_currency.get_mut(currency) {
                Some(sum) => *sum = sum.checked_add(figure)?,
                None => {
                    by_currency.insert(*currency, *figure);
                }
            }
        }
        let converted = match conversion {
            None => None,
            Some((target, rule, rates)) => {
                let mut parts = Vec::with_capacity(buckets.len());
                let mut total = Figure::zero(target);
                // In bucket order: the result does not depend on the order
                // in which pledges were added.
                for ((_, date), figure) in &buckets {
                    let part = rates.convert(figure, target, rule, *date)?;
                    total = total.checked_add(part.figure())?;
                    parts.push(part);
                }
                Some(ConvertedTotal { total, parts })
            }
        };
        Ok(GroupTotal {
            by_currency,
            converted,
            pieces: self.pieces,
        })
    }
}

/// A converted total with its audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ConvertedTotal {
    total: Figure,
    parts: Vec<Converted>,
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

    /// Each part converted: one per currency and rate date, with the rates
    /// and rule that produced it.
    pub fn parts(&self) -> &[Converted] {
        &self.parts
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
    pub fn single(&self) -> Result<Figure, Error> {
        let mut it = self.by_currency.values();
        match (it.next(), it.next()) {
            (Some(f), None) => Ok(*f),
            _ => Err(Error::MixedCurrencies {
                currencies: self.by_currency.keys().copied().collect(),
            }),
        }
    }

    /// The figure to compare: the converted total (unrounded) when the
    /// query converted, else the total in its one currency (an error for
    /// several currencies).
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

/// Group totals in key order, and a grand total computed on its own (not
/// as the sum of the groups, so that the two can be checked against each
/// other).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Totals {
    groups: Vec<(GroupKey, GroupTotal)>,
    grand: GroupTotal,
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

    /// The total over every pledge that passed the filter.
    pub fn grand_total(&self) -> &GroupTotal {
        &self.grand
    }
}

fn finest_funded_unit(keys: &[Key]) -> Option<PeriodUnit> {
    keys.iter()
        .filter_map(|k| match k {
            Key::Period(unit, DateBasis::Funded) => Some(*unit),
            _ => None,
        })
        .max()
}

fn describe(p: &Pledge) -> String {
    match p.id() {
        Some(id) => format!("{id:?}"),
        None => format!("({p})"),
    }
}

/// Everything about a pledge that totals can group, filter or spread by:
/// pledges equal in all of these are summed before they are spread, so
/// splitting a pledge in two never changes a total, and every query spreads
/// the same sums (so separate queries agree to the last digit).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Attrs {
    donor: Donor,
    recipient: Donor,
    category: Category,
    instrument: Instrument,
    stage: Stage,
    announced: Option<NaiveDate>,
    currency: Currency,
    rate_date: Option<NaiveDate>,
    period: Option<Period>,
    // Only for pledges with their own schedule, which are spread alone.
    schedule: Option<String>,
}

impl Pledges {
    /// Totals of the pledges a query selects, grouped by its keys.
    ///
    /// Figures are summed exactly in the currency in which they were
    /// stated. Funded-period keys spread pledges by the query's [`Spread`];
    /// pledges alike in every attribute (donor, recipient, category,
    /// instrument, stage, dates, currency) are summed first and spread once,
    /// so no total depends on how pledges were split or ordered. With a
    /// conversion, each group is converted in parts — one per currency and
    /// rate date — summed in a fixed order; the only rounding to the minor
    /// unit is [`ConvertedTotal::rounded`].
    ///
    /// Errors: an undated pledge in another currency under
    /// [`RateRule::AnnouncementDate`] ([`Error::UndatedConversion`], naming
    /// the pledge), a missing rate ([`Error::MissingRate`]), or overflow.
    pub fn totals(&self, query: &Query<'_>) -> Result<Totals, Error> {
        query.totals_of(self.iter().map(Ok))
    }
}

impl Query<'_> {
    /// The totals of a stream of pledges, as [`Pledges::totals`] gives them
    /// for a collection: for files too large to load, read with a
    /// [`PledgeReader`](crate::PledgeReader) and totalled row by row (only
    /// the groups, and — when spreading — the sums of alike pledges, are
    /// kept). Ids are not checked for uniqueness here. The first error in
    /// the stream stops the totals.
    ///
    /// ```
    /// use alliance_commitments::{CsvOptions, Key, PledgeReader, Query};
    /// let csv = "donor,recipient,amount,currency\nDE,UA,5,EUR\nFR,UA,7,EUR\nDE,UA,1,EUR\n";
    /// let reader = PledgeReader::new(csv.as_bytes(), CsvOptions::new())?;
    /// let totals = Query::new().by(Key::Donor).totals_of(reader)?;
    /// let rows: Vec<String> = totals.groups().map(|(k, t)| format!("{k} {}", t.single().unwrap())).collect();
    /// assert_eq!(rows, ["DE €6", "FR €7"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn totals_of<I, P>(&self, pledges: I) -> Result<Totals, Error>
    where
        I: IntoIterator<Item = Result<P, Error>>,
        P: std::borrow::Borrow<Pledge>,
    {
        let query = self;
        let funded_unit = finest_funded_unit(&query.keys);
        let spreading = funded_unit.is_some() || query.within_funded.is_some();
        let mut groups: FastMap<Vec<GroupValue>, Acc> = FastMap::default();
        let mut grand = Acc::default();
        let mut key = Vec::with_capacity(query.keys.len());
        let mut aggregates: FastMap<Attrs, (Figure, usize)> = FastMap::default();
        for item in pledges {
            let item = item?;
            let p: &Pledge = item.borrow();
            if !query.filter.matches(p) {
                continue;
            }
            let currency = p.figure().currency();
            let rate_date = match query.conversion {
                Some((target, RateRule::AnnouncementDate, _)) if currency != target => {
                    match p.announced() {
                        Some(date) => Some(date),
                        None => {
                            return Err(Error::UndatedConversion {
                                pledge: describe(p),
                                currency,
                            });
                        }
                    }
                }
                Some((target, RateRule::AnnouncementDateOr(fallback), _)) if currency != target => {
                    Some(p.announced().unwrap_or(fallback))
                }
                _ => None,
            };
            let attrs = attrs_of(p, rate_date, &query.spread);
            if !spreading {
                // Nothing to spread: add straight into the group.
                grand.add((currency, rate_date), p.figure(), 1)?;
                key.clear();
                for k in &query.keys {
                    key.push(value(k, &attrs, None)?);
                }
                add_to(&mut groups, &key, (currency, rate_date), p.figure(), 1)?;
                continue;
            }
            match aggregates.get_mut(&attrs) {
                Some((sum, n)) => {
                    *sum = sum.checked_add(p.figure())?;
                    *n += 1;
                }
                None => {
                    aggregates.insert(attrs, (*p.figure(), 1));
                }
            }
        }
        for (attrs, (figure, n)) in aggregates {
            let bucket = (attrs.currency, attrs.rate_date);
            let pieces: Vec<(Option<Period>, Figure)> = match attrs.period {
                Some(span) => {
                    let mut pieces =
                        query
                            .spread
                            .month_pieces(&figure, &span, attrs.schedule.as_deref())?;
                    if let Some(within) = &query.within_funded {
                        pieces = crate::spread::restrict(pieces, within)?;
                    }
                    match funded_unit {
                        Some(unit) => crate::spread::merge(pieces, unit)?
                            .into_iter()
                            .map(|(p, f)| (Some(p), f))
                            .collect(),
                        None => crate::spread::sum_pieces(pieces)?
                            .into_iter()
                            .map(|f| (None, f))
                            .collect(),
                    }
                }
                // No funded period: nothing falls within a period, and
                // funded keys put it in the unknown bucket.
                None if query.within_funded.is_some() => Vec::new(),
                None => vec![(None, figure)],
            };
            for (piece, f) in pieces {
                grand.add(bucket, &f, n)?;
                key.clear();
                for k in &query.keys {
                    key.push(value(k, &attrs, piece.as_ref())?);
                }
                add_to(&mut groups, &key, bucket, &f, n)?;
            }
        }
        let mut out = Vec::with_capacity(groups.len());
        for (k, acc) in groups {
            out.push((GroupKey(k), acc.finish(query.conversion)?));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Totals {
            groups: out,
            grand: grand.finish(query.conversion)?,
        })
    }
}

fn add_to(
    groups: &mut FastMap<Vec<GroupValue>, Acc>,
    key: &[GroupValue],
    bucket: (Currency, Option<NaiveDate>),
    figure: &Figure,
    n: usize,
) -> Result<(), Error> {
    match groups.get_mut(key) {
        Some(acc) => acc.add(bucket, figure, n),
        None => {
            let mut acc = Acc::default();
            acc.add(bucket, figure, n)?;
            groups.insert(key.to_vec(), acc);
            Ok(())
        }
    }
}

fn attrs_of(p: &Pledge, rate_date: Option<NaiveDate>, spread: &Spread) -> Attrs {
    Attrs {
        donor: p.donor(),
        recipient: p.recipient(),
        category: p.category(),
        instrument: p.instrument(),
        stage: p.stage(),
        announced: p.announced(),
        currency: p.figure().currency(),
        rate_date,
        period: p.period(),
        schedule: p
            .id()
            .filter(|id| spread.schedule(id).is_some())
            .map(str::to_owned),
    }
}

fn value(key: &Key, p: &Attrs, piece: Option<&Period>) -> Result<GroupValue, Error> {
    Ok(match key {
        Key::Donor => GroupValue::Donor(p.donor),
        Key::Recipient => GroupValue::Recipient(p.recipient),
        Key::Category => GroupValue::Category(p.category),
        Key::Instrument => GroupValue::Instrument(p.instrument),
        Key::Stage => GroupValue::Stage(p.stage),
        Key::Alliance(a) => GroupValue::Member(p.announced.map(|d| a.is_member(&p.donor, d))),
        Key::Period(unit, DateBasis::Announced) => GroupValue::Period(match p.announced {
            Some(d) => Some(Period::containing(d, *unit)?),
            None => None,
        }),
        Key::Period(unit, DateBasis::Funded) => GroupValue::Period(match piece {
            Some(piece) => Some(Period::containing(piece.start(), *unit)?),
            None => None,
        }),
    })
}
