//! Computing totals: accumulating pledges into groups, spreading alike
//! pledges once, converting each group in parts.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{ConvertedTotal, DateBasis, GroupKey, GroupTotal, GroupValue, Key, Query, Totals};
use crate::fasthash::FastMap;
use crate::{
    Category, Currency, Donor, Error, Figure, Instrument, Period, PeriodUnit, Pledge, Pledges,
    RateRule, RateTable, Spread, Stage,
};

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
