//! Computing totals: rows go into groups found by compact key codes and are
//! summed per (group, currency, rate date); alike pledges are summed before
//! they are spread; each group is converted in parts.

mod alikes;
mod build;
mod chunks;
mod ids;
mod places;
mod rate_days;
mod slots;

pub(crate) use ids::IdSet;

use crate::error::{ErrorKind, Operation};
use std::collections::hash_map::Entry;
use std::hash::BuildHasher;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{DateBasis, GroupKey, GroupTotal, GroupValue, Key, Query, Totals};
use crate::figure::FigureSum;
use crate::hash::FastMap;
use crate::pledge::Record;
use crate::spread::{Cutter, Merger, restrict_piece};
use crate::{
    Category, Currency, Donor, Error, Figure, Instrument, Period, PeriodUnit, RateRule, RateTable,
    Stage,
};
use alikes::{Alike, AlikeSum, Alikes, Sum as AlikeSums};
use build::{Converter, Resolved, ToTarget, group_total, total_here};
use places::{Places, Vacant};
use rate_days::RateDays;
use slots::{Slot, SlotSum, Sums, grand_slot, lost, slot, slot_currency, slot_group};

fn finest_funded_unit(keys: &[Key]) -> Option<PeriodUnit> {
    keys.iter()
        .filter_map(|k| match k {
            Key::Period(unit, DateBasis::Funded) => Some(*unit),
            _ => None,
        })
        .max()
}

/// Everything about a pledge that totals can group, filter or spread by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Attrs {
    donor: Donor,
    recipient: Donor,
    category: Category,
    instrument: Instrument,
    stage: Stage,
    announced: Option<NaiveDate>,
    currency: Currency,
    rate_date: Option<NaiveDate>,
    funded: Option<Period>,
    /// The day of delivery: of the delivered stage, else the start of the
    /// delivered period.
    delivered: Option<NaiveDate>,
}

/// Group numbers by the codes of their key values: each group's codes in
/// one flat list, in group order, found through their places. A group
/// costs its codes and a place, and the codes are the list the totals read
/// when they make the groups' keys.
#[derive(Debug, Default)]
struct GroupIndex {
    /// Every group's codes, `width` each, in group order.
    codes: Vec<u32>,
    places: Places,
}

impl GroupIndex {
    fn top(codes: &[u32]) -> u32 {
        Places::top(crate::hash::FastBuild::default().hash_one(codes))
    }

    /// The group of `codes`, or where a new one goes.
    fn find(&self, codes: &[u32]) -> Result<u32, Vacant> {
        let width = codes.len();
        self.places.find(GroupIndex::top(codes), |g| {
            let at = g as usize * width;
            self.codes.get(at..at + width) == Some(codes)
        })
    }

    /// A new group of `codes`, where `vacant` says; `None` past the most
    /// groups.
    fn insert(&mut self, vacant: Vacant, codes: &[u32]) -> Option<u32> {
        let g = self.places.next()?;
        self.codes.extend_from_slice(codes);
        self.places.put(vacant);
        Some(g)
    }

    /// Every group's codes, in group order; the places are given back.
    fn into_codes(self) -> Vec<u32> {
        self.codes
    }
}

/// The running state of one query's totals: rows go in one at a time.
pub(crate) struct Engine<'q, 'r> {
    query: &'q Query<'r>,
    funded_unit: Option<PeriodUnit>,
    spreading: bool,
    /// The groups and their sums.
    tally: Tally,
    /// Sums of alike pledges, when spreading, and how many pledges each
    /// holds.
    aggregates: Alikes,
    /// The pledges to add to `aggregates` next.
    waiting: Waiting,
    /// The ids of the pledges spread by their own schedules.
    schedules: Vec<&'q str>,
    /// The day of the rate for each currency and date seen.
    rate_days: RateDays,
    /// How many threads the end of the totals may work on: cutting sums of
    /// alike pledges into pieces, settling the ids.
    threads: usize,
    /// How many pledges were given, filtered out or not: the place of the
    /// next one in its input, which errors name.
    seen: u64,
    /// The ids seen, unless the pledges come from a collection (whose ids
    /// are unique already).
    ids: Option<IdSet>,
    /// Pending conditional pledges, reported apart: their sums per
    /// currency and rate date (group 0), and how many.
    pending: FastMap<Slot, FigureSum>,
    pending_pieces: usize,
    /// The first error in counting, once there is one. The input is read
    /// on, its ids checked, and an error in reading it or an id given
    /// twice comes first: a collection is read whole before it is totalled.
    failed: Option<Error>,
}

/// How many exact amounts wait before they are added.
const BATCH: usize = 1024;

/// How many pledges wait before they are added to their sums of alike
/// pledges: enough that reading ahead where their sums are overlaps the
/// misses, few enough that what they need stays in the cache.
const WAITING: usize = 256;

/// Pledges counted but not yet added to their sums of alike pledges, in
/// order (see `Alikes::add_all`).
#[derive(Debug, Default)]
struct Waiting {
    pledges: Vec<WaitingPledge>,
    /// Their key codes (but the funded period's), one after another.
    codes: Vec<u32>,
    /// Their ids, one after another: what an error names.
    ids: String,
}

/// A pledge waiting to be added to its sum of alike pledges, and what an
/// error about it says.
#[derive(Debug)]
struct WaitingPledge {
    alike: Alike,
    figure: Figure,
    /// What its key values are made from, if it begins a sum.
    attrs: Attrs,
    /// Its place in the input, its line in a file, its id (in
    /// `Waiting::ids`).
    seen: u64,
    line: Option<u64>,
    id: Option<Range<usize>>,
}

impl<'q, 'r> Engine<'q, 'r> {
    /// An engine for `query`; `check_ids` unless the pledges come from a
    /// collection, which made sure of them.
    pub(crate) fn new(query: &'q Query<'r>, check_ids: bool) -> Self {
        let funded_unit = finest_funded_unit(&query.keys);
        Engine {
            query,
            funded_unit,
            spreading: funded_unit.is_some() || query.within_funded.is_some(),
            tally: Tally::default(),
            aggregates: Alikes::new(query.keys.len()),
            waiting: Waiting::default(),
            schedules: Vec::new(),
            rate_days: RateDays::default(),
            threads: 1,
            seen: 0,
            ids: check_ids.then(IdSet::default),
            pending: FastMap::default(),
            pending_pieces: 0,
            failed: None,
        }
    }

    /// The engine, with up to `n` threads for the end of the totals.
    pub(crate) fn threads(mut self, n: usize) -> Self {
        self.threads = n.max(1);
        self
    }

    /// Counts one pledge: the next of its input. An error names it by its
    /// place in the input and its id.
    /// `line` is the line of a file the pledge was read from, if any.
    pub(crate) fn add(&mut self, row: &Record<'_>, line: Option<u64>) -> Result<(), Error> {
        self.add_placed(row, line, |e| e)
    }

    /// [`Engine::add`], an error in counting `row` placed by `place`.
    fn add_placed(
        &mut self,
        row: &Record<'_>,
        line: Option<u64>,
        place: impl FnOnce(Error) -> Error,
    ) -> Result<(), Error> {
        self.seen += 1;
        if self.failed.is_some() {
            if let (Some(ids), Some(id)) = (&mut self.ids, row.id) {
                ids.insert(id, self.seen, line);
            }
            return Ok(());
        }
        let Err(e) = self.count_row(row, line) else {
            return Ok(());
        };
        // Its line too, as a waiting pledge's error has its own.
        let e = place(e.for_pledge_at(self.seen, row.id, line));
        if self.ids.is_none() {
            // A collection's pledges: read whole already, ids unique.
            return Err(self.fail(e));
        }
        // A pledge waiting before it that cannot be added comes first.
        self.failed = Some(self.add_waiting().err().unwrap_or(e));
        Ok(())
    }

    /// The error that ends the totals: `e`, unless an id given twice
    /// before it is still waiting to be found, which comes first.
    pub(crate) fn fail(&mut self, e: Error) -> Error {
        match &mut self.ids {
            // An input read as it is counted: `e` is an error in reading
            // it, which comes before any error in totalling (a collection
            // is read whole first), unless an id given twice comes first.
            Some(ids) => ids.first(e),
            // A collection's pledges, whose errors are all in totalling:
            // the pledges still waiting come before `e`, and one of them
            // that cannot be added is the error.
            None => self.add_waiting().err().unwrap_or(e),
        }
    }

    fn count_row(&mut self, row: &Record<'_>, line: Option<u64>) -> Result<(), Error> {
        if let (Some(ids), Some(id)) = (&mut self.ids, row.id) {
            ids.insert(id, self.seen, line);
        }
        let query = self.query;
        let Some((stage, figure)) = query.filter.counted(row, query.as_of) else {
            return Ok(());
        };
        let pending = match row.condition {
            None => false,
            Some((_, status)) if status.is_firm(query.as_of) => false,
            Some((_, status)) if status.is_pending(query.as_of) => true,
            // Lapsed: counts nothing.
            Some(_) => return Ok(()),
        };
        let currency = figure.currency();
        let rate_date = match query.conversion {
            Some((target, RateRule::AnnouncementDate, rates)) if currency != target => {
                match row.announced {
                    Some(date) => Some(self.rate_day(rates, target, currency, date)?),
                    None => {
                        return Err(ErrorKind::UndatedConversion { currency }.into());
                    }
                }
            }
            Some((target, RateRule::AnnouncementDateOr(fallback), rates)) if currency != target => {
                let date = row.announced.unwrap_or(fallback);
                Some(self.rate_day(rates, target, currency, date)?)
            }
            // Undated rows keep no date: the converter takes the latest
            // quote, once per currency.
            Some((target, RateRule::AnnouncementDateOrLatest, rates)) if currency != target => {
                match row.announced {
                    Some(date) => Some(self.rate_day(rates, target, currency, date)?),
                    None => None,
                }
            }
            _ => None,
        };
        let attrs = Attrs {
            donor: row.donor,
            recipient: row.recipient,
            category: row.category,
            instrument: row.instrument,
            stage,
            announced: row.announced,
            currency,
            rate_date,
            funded: row.funded,
            delivered: row.delivery_day(),
        };
        if pending {
            return self.count_pending(row, currency, rate_date, &figure);
        }
        if !self.spreading {
            // Nothing to spread: add straight into the group.
            return self.count(&attrs, None, &figure, 1);
        }
        let schedule = match row.id.and_then(|id| query.spread.schedule_id(id)) {
            Some(id) => {
                self.schedules.push(id);
                u32::try_from(self.schedules.len()).map_err(|_| ErrorKind::Overflow {
                    operation: Operation::Grouping,
                })?
            }
            None => 0,
        };
        let waiting = &mut self.waiting;
        for k in &query.keys {
            // The funded period's code comes from each piece.
            waiting.codes.push(code(k, &attrs, None));
        }
        let id = row.id.map(|id| {
            let from = waiting.ids.len();
            waiting.ids.push_str(id);
            from..waiting.ids.len()
        });
        waiting.pledges.push(WaitingPledge {
            alike: Alike {
                currency,
                rate_date,
                funded: attrs.funded.map(|p| (p.start(), p.end())),
                schedule,
            },
            figure,
            attrs,
            seen: self.seen,
            line,
            id,
        });
        if waiting.pledges.len() >= WAITING {
            self.add_waiting()?;
        }
        Ok(())
    }

    /// Adds the pledges waiting to their sums of alike pledges, in order.
    ///
    /// # Errors
    ///
    /// The first that could not be added, named by its place, id and
    /// line, as if it had been added when it was counted.
    fn add_waiting(&mut self) -> Result<(), Error> {
        let Waiting {
            pledges,
            codes,
            ids,
        } = &mut self.waiting;
        if pledges.is_empty() {
            return Ok(());
        }
        let keys = &self.query.keys;
        let added = self.aggregates.add_all(
            pledges,
            codes,
            |w| (&w.alike, &w.figure),
            // The values of the keys but the funded period's, made once,
            // for the first of alike pledges: one that cannot be is its
            // error.
            |w| {
                keys.iter()
                    .try_for_each(|k| value(k, &w.attrs, None).map(|_| ()))
            },
        );
        let added = added.map_err(|(i, e)| match pledges.get(i) {
            Some(w) => e.for_pledge_at(w.seen, w.id.clone().and_then(|r| ids.get(r)), w.line),
            None => e,
        });
        pledges.clear();
        codes.clear();
        ids.clear();
        added
    }

    /// The day whose rate converts `currency` on `date` into EUR: pledges
    /// announced on a Saturday and on the Friday before take the same rate,
    /// so they share a part and one conversion (a quarter fewer over a
    /// year of days). Into another target, two rates are involved, which
    /// may come from different days: the date stays.
    fn rate_day(
        &mut self,
        rates: &RateTable,
        target: Currency,
        currency: Currency,
        date: NaiveDate,
    ) -> Result<NaiveDate, Error> {
        if target != Currency::EUR {
            return Ok(date);
        }
        self.rate_days.quote_day(rates, currency, date)
    }

    /// Adds a pending conditional pledge's figure to the pending total:
    /// of a query within a funded period, the part that falls within it,
    /// by the query's rule of spreading (a pledge on its own).
    #[cold]
    fn count_pending(
        &mut self,
        row: &Record<'_>,
        currency: Currency,
        rate_date: Option<NaiveDate>,
        figure: &Figure,
    ) -> Result<(), Error> {
        let query = self.query;
        let within = match (&query.within_funded, &row.funded) {
            (None, _) => *figure,
            (Some(_), None) => return Ok(()),
            (Some(within), Some(span)) => {
                match query.spread.portion(figure, span, within, row.id)? {
                    Some(part) => part,
                    None => return Ok(()),
                }
            }
        };
        self.pending
            .entry(slot(0, currency, rate_date))
            .or_insert_with(|| FigureSum::new(currency))
            .add(&within)?;
        self.pending_pieces += 1;
        Ok(())
    }

    /// Adds `figure` (standing for `n` pledges) to its group.
    fn count(
        &mut self,
        attrs: &Attrs,
        piece: Option<&Period>,
        figure: &Figure,
        n: usize,
    ) -> Result<(), Error> {
        let keys = &self.query.keys;
        self.tally.codes.clear();
        for k in keys {
            self.tally.codes.push(code(k, attrs, piece));
        }
        // The values are made again from the codes at the end; made here,
        // a value that cannot be (a period beyond the years a period may
        // have) is the error of this pledge.
        let check = || {
            keys.iter()
                .try_for_each(|k| value(k, attrs, piece).map(|_| ()))
        };
        self.tally
            .count_coded(check, attrs.currency, attrs.rate_date, figure, n)
    }

    /// The totals of the pledges counted.
    pub(crate) fn finish(mut self) -> Result<Totals, Error> {
        if self.failed.is_none() {
            if let Err(e) = self.add_waiting() {
                if self.ids.is_none() {
                    return Err(e);
                }
                self.failed = Some(e);
            }
        }
        if let Some(e) = self.failed.take() {
            // Every row read: an id given twice anywhere comes first.
            if let Some(ids) = &mut self.ids {
                ids.flush()?;
            }
            return Err(e);
        }
        // An id given twice is the first error: the ids are settled before
        // anything else, or, with two threads, while the rest is done.
        let Some(mut ids) = self.ids.take() else {
            return self.complete();
        };
        // Settled ids are given back at once: the totals need the memory.
        if self.threads < 2 {
            ids.flush()?;
            drop(ids);
            return self.complete();
        }
        // Shared, so that this thread can settle them if no other starts.
        let ids = std::sync::Mutex::new(ids);
        let settle = || {
            let mut ids = std::mem::take(
                &mut *ids
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner),
            );
            ids.flush()
        };
        std::thread::scope(|scope| {
            let settled = std::thread::Builder::new()
                .name("ids".to_owned())
                .spawn_scoped(scope, settle);
            match settled {
                Ok(settled) => {
                    let totals = self.complete();
                    match settled.join() {
                        Ok(settled) => settled.and(totals),
                        Err(panic) => std::panic::resume_unwind(panic),
                    }
                }
                Err(_) => settle().and_then(|()| self.complete()),
            }
        })
    }

    /// The totals, once the ids are settled.
    fn complete(mut self) -> Result<Totals, Error> {
        let query = self.query;
        let mut converter = query
            .conversion
            .map(|(target, rule, rates)| Converter::new(target, rule, rates));
        if self.spreading {
            self.spread_all()?;
        }
        // The index gives each group's codes and goes; the key values, the
        // largest part of a group, are made from the codes once the totals
        // are.
        let width = query.keys.len();
        let groups = self.tally.pieces.len();
        let codes = std::mem::take(&mut self.tally.index).into_codes();
        if codes.len() != width * groups {
            return Err(ErrorKind::Overflow {
                operation: Operation::Grouping,
            }
            .into());
        }
        let values_of = |g: usize, out: &mut Vec<GroupValue>| {
            let codes = codes
                .get(g * width..(g + 1) * width)
                .ok_or(ErrorKind::Overflow {
                    operation: Operation::Grouping,
                })?;
            push_values(&query.keys, codes, out)
        };
        let (mut totals, mut grand) = self.total_slots(converter.as_mut(), &values_of)?;
        let mut values = Vec::with_capacity(codes.len());
        for g in 0..groups {
            values_of(g, &mut values)?;
        }
        drop(codes);
        let mut pending: Vec<(Slot, FigureSum)> = self.pending.into_iter().collect();
        pending.sort_unstable_by_key(|(slot, _)| *slot);
        let mut pending = total_here(pending, self.pending_pieces, converter.as_mut())
            .map_err(|e| e.in_group(&"(pending)"))?;
        if let Some(converter) = converter {
            let shared = converter.shared();
            for total in totals.iter_mut().chain([&mut grand, &mut pending]) {
                total.share(&shared);
            }
        }
        Totals::new(width, values, totals, grand, pending)
    }

    /// The group totals and the grand total: every slot (a query that
    /// spreads has sealed them run by run), sorted, whole groups at a time.
    ///
    /// Slots are taken in order, whole groups to a job, on this thread:
    /// each is added to the grand total and its rates are looked up there
    /// (at the first slot of each currency and date, kept with the grand
    /// total's sum), so the rates are numbered as one thread would number
    /// them. The
    /// groups' totals are made on any thread, and taken back here in
    /// order, so the first error is the one thread's.
    fn total_slots(
        &mut self,
        converter: Option<&mut Converter<'_>>,
        values_of: &ValuesOf<'_>,
    ) -> Result<(Vec<GroupTotal>, GroupTotal), Error> {
        self.tally.flush()?;
        // What is read while pledges come is given back as soon as it has
        // served, before what comes after takes its memory: the sums are
        // sorted in place.
        self.tally.pieces.shrink_to_fit();
        let pieces = &self.tally.pieces;
        let groups = pieces.len();
        let mut sorted = std::mem::take(&mut self.tally.sums)
            .into_sorted(self.threads)
            .peekable();
        let mut totals = Vec::with_capacity(groups);
        // The grand total's sums per currency and rate date, converted on
        // their own (so the sum of the groups' converted totals checks it),
        // and, when converting, their rates: a slot's rates are those of
        // its currency and date, looked up at its first slot.
        let mut grand: FastMap<Slot, (FigureSum, Option<Resolved>)> = FastMap::default();
        let to_target = converter.as_ref().map(|c| c.to_target());
        let mut converter = converter;
        let mut made = 0;
        crate::pipeline::run(
            self.threads,
            |job: &mut GroupsJob| {
                job.clear();
                while let Some(item) = sorted.next() {
                    let (slot, sum) = match item {
                        Ok(slot_sum) => slot_sum,
                        Err(e) => {
                            job.after = Some(e);
                            return false;
                        }
                    };
                    let whole = match slot_currency(slot) {
                        Ok(currency) => sum.whole(currency),
                        Err(e) => {
                            job.after = Some(e);
                            return false;
                        }
                    };
                    let rates = match grand.entry(grand_slot(slot)) {
                        Entry::Occupied(mut e) => {
                            let (total, rates) = e.get_mut();
                            if let Err(e) = total.merge(&whole) {
                                job.after = Some(in_grand_total(e));
                                return false;
                            }
                            rates.clone()
                        }
                        Entry::Vacant(e) => {
                            let rates = converter.as_deref_mut().map(|c| c.resolve(slot));
                            e.insert((whole, rates.clone()));
                            rates
                        }
                    };
                    if let Some(rates) = rates {
                        job.rates.push(rates);
                    }
                    job.slots.push((slot, sum));
                    let g = slot_group(slot) as usize;
                    let ends = match sorted.peek() {
                        Some(Ok((next, _))) => slot_group(*next) as usize != g,
                        _ => true,
                    };
                    if ends {
                        // Every group has a slot (it was made to add to
                        // one), and slots come in group order: group `g`
                        // is the next total.
                        let (Some(n), true) = (pieces.get(g), g == made) else {
                            job.after = Some(
                                ErrorKind::Overflow {
                                    operation: Operation::Grouping,
                                }
                                .into(),
                            );
                            return false;
                        };
                        job.groups.push((job.slots.len(), g, *n));
                        made += 1;
                        if job.slots.len() >= SLOTS_PER_JOB {
                            return sorted.peek().is_some();
                        }
                    }
                }
                false
            },
            |job| job.work(to_target.as_ref()),
            |job| {
                totals.append(&mut job.totals);
                if let Some((g, e)) = job.failed.take() {
                    let mut values = Vec::new();
                    return Err(match values_of(g, &mut values) {
                        Ok(()) => e.in_group(&GroupKey::new(&values)),
                        Err(_) => e,
                    });
                }
                job.after.take().map_or(Ok(()), Err)
            },
        )?;
        if totals.len() != groups {
            return Err(ErrorKind::Overflow {
                operation: Operation::Grouping,
            }
            .into());
        }
        let mut grand: Vec<(Slot, FigureSum)> = grand
            .into_iter()
            .map(|(slot, (sum, _))| (slot, sum))
            .collect();
        grand.sort_unstable_by_key(|(slot, _)| *slot);
        let grand =
            total_here(grand, self.tally.grand_pieces, converter).map_err(in_grand_total)?;
        Ok((totals, grand))
    }

    /// Spreads the sums of alike pledges: cuts them into pieces and
    /// counts the pieces.
    ///
    /// The sums are taken in runs of one currency and rate date (in slot
    /// order), each run in the order first seen. A job of them at a time is
    /// cut into pieces on any thread, and the pieces are counted here in
    /// that order, so the sums and the first error are those of one thread
    /// going through the runs. Once a run is counted, its slots are
    /// complete: they are sealed out of the run's sums (`RunSums`), which
    /// start the next run empty, so they hold one run's slots and each
    /// sealed slot costs only its own memory.
    fn spread_all(&mut self) -> Result<(), Error> {
        let query = self.query;
        let schedules = std::mem::take(&mut self.schedules);
        let mut alikes = std::mem::replace(&mut self.aggregates, Alikes::new(0));
        let ordered = alikes.finish_runs();
        let alikes = &alikes;
        let spreader = Spreader {
            query,
            funded_unit: self.funded_unit,
            schedules: &schedules,
            alikes,
        };
        let mut jobs = ordered.chunks(ALIKES_PER_JOB).peekable();
        let keys = &query.keys;
        let tally = &mut self.tally;
        let mut run = None;
        crate::pipeline::run(
            self.threads,
            |job: &mut SpreadJob<'_>| {
                job.alikes = jobs.next().unwrap_or_default();
                jobs.peek().is_some()
            },
            |job| job.spread(&spreader),
            |job| job.count(alikes, tally, keys, &mut run),
        )
    }
}

/// Whole groups' slots to total, and what totalling them gave.
#[derive(Default)]
struct GroupsJob {
    /// The slots, in order, with their sums.
    slots: Vec<(Slot, SlotSum)>,
    /// Each slot's rates, when the query converts.
    rates: Vec<Resolved>,
    /// Each group: where its slots end, its number, its pieces.
    groups: Vec<(usize, usize, usize)>,
    /// The groups' totals, in order, up to the first that failed.
    totals: Vec<GroupTotal>,
    /// The group that failed, and why.
    failed: Option<(usize, Error)>,
    /// The error that stopped the making after these groups.
    after: Option<Error>,
}

/// Slots totalled in one job: enough that handing a job over costs little
/// beside totalling it.
const SLOTS_PER_JOB: usize = 1024;

impl GroupsJob {
    fn clear(&mut self) {
        self.slots.clear();
        self.rates.clear();
        self.groups.clear();
        self.totals.clear();
        self.failed = None;
        self.after = None;
    }

    /// Each group's total, up to the first that fails.
    fn work(&mut self, to_target: Option<&ToTarget>) {
        let mut start = 0;
        for &(end, g, pieces) in &self.groups {
            let slots = self.slots.get(start..end).unwrap_or_default();
            let rates = to_target.map(|to| (to, self.rates.get(start..end).unwrap_or_default()));
            match group_total(slots, pieces, rates) {
                Ok(total) => self.totals.push(total),
                Err(e) => {
                    self.failed = Some((g, e));
                    return;
                }
            }
            start = end;
        }
    }
}

/// Cuts sums of alike pledges into the pieces of their funded spans.
struct Spreader<'a, 'q, 'r> {
    query: &'q Query<'r>,
    funded_unit: Option<PeriodUnit>,
    schedules: &'a [&'q str],
    /// The sums of alike pledges.
    alikes: &'a Alikes,
}

/// Sums of alike pledges to spread, and what spreading them gave: their
/// pieces, in order, up to the first error.
#[derive(Debug, Default)]
struct SpreadJob<'m> {
    /// Their places among the sums (`Spreader::alikes`).
    alikes: &'m [u32],
    /// Each piece: which of `alikes` it is of, its bucket, its amount.
    pieces: Vec<(usize, Option<Period>, Figure)>,
    /// The error that stopped the spreading after these pieces.
    error: Option<Error>,
    /// The job's working space for cutting, kept from one job to the next.
    cutter: Cutter,
}

/// Sums of alike pledges spread in one job: enough that handing a job
/// over costs little beside spreading it.
const ALIKES_PER_JOB: usize = 256;

impl SpreadJob<'_> {
    /// Cuts each sum into its pieces, up to the first error.
    fn spread(&mut self, spreader: &Spreader<'_, '_, '_>) {
        let SpreadJob {
            alikes,
            pieces,
            error,
            cutter,
        } = self;
        pieces.clear();
        *error = None;
        // The sums lie where they were first seen, far apart: touching
        // them all first makes independent loads, which the processor
        // overlaps, where spreading one at a time waits on each in turn.
        let touched = alikes
            .iter()
            .filter_map(|place| spreader.alikes.get(*place))
            .fold(0usize, |n, of| n ^ of.count);
        std::hint::black_box(touched);
        for (i, place) in alikes.iter().enumerate() {
            let Some(of) = spreader.alikes.get(*place) else {
                *error = Some(lost());
                break;
            };
            let cut = spreader.pieces(of.alike, &of.sum, cutter, &mut |bucket, figure| {
                pieces.push((i, bucket, figure));
            });
            if let Err(e) = cut {
                *error = Some(e);
                break;
            }
        }
    }

    /// Counts the pieces in `tally`, in order, each run's slots sealed as
    /// the next run (`run`, the one open) begins; then the error if any.
    fn count(
        &mut self,
        alikes: &Alikes,
        tally: &mut Tally,
        keys: &[Key],
        run: &mut Option<Slot>,
    ) -> Result<(), Error> {
        // A sum's pieces come together: it is looked up once.
        let mut last: Option<(usize, AlikeSums<'_>)> = None;
        for (i, bucket, figure) in &self.pieces {
            let of = match last {
                Some((j, of)) if j == *i => of,
                _ => {
                    let Some(of) = self.alikes.get(*i).and_then(|p| alikes.get(*p)) else {
                        return Err(lost());
                    };
                    let this = slot(0, of.alike.currency, of.alike.rate_date);
                    if *run != Some(this) {
                        tally.sums.runs.open(this);
                        *run = Some(this);
                    }
                    last = Some((*i, of));
                    of
                }
            };
            count_piece(tally, keys, &of, bucket.as_ref(), figure)?;
        }
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl Spreader<'_, '_, '_> {
    /// Cuts one sum of alike pledges into its pieces, each given to `out`
    /// with its bucket (none: the unknown period, or the query's
    /// whole `within_funded`), as they are made.
    fn pieces(
        &self,
        alike: &Alike,
        sum: &AlikeSum<'_>,
        cutter: &mut Cutter,
        out: &mut dyn FnMut(Option<Period>, Figure),
    ) -> Result<(), Error> {
        let query = self.query;
        let schedule = match alike.schedule {
            0 => None,
            i => self.schedules.get(i as usize - 1).copied(),
        };
        let describe = || match alike.funded {
            Some((from, to)) => format!("(pledges alike, funded {from}..{to})"),
            None => "(pledges alike, no funded period)".to_owned(),
        };
        // Alike pledges are one amount to spread: it must fit.
        let figure = sum
            .whole(alike.currency)
            .and_then(|s| s.figure())
            .map_err(|e| e.in_group(&describe()))?;
        // Spreading cuts the span at calendar periods: how it was
        // written does not matter, only its days.
        let Some(span) = alike
            .funded
            .map(|(from, to)| Period::range(from, to))
            .transpose()?
        else {
            // No funded period: nothing falls within a period, and
            // funded keys put it in the unknown bucket.
            if query.within_funded.is_none() {
                out(None, figure);
            }
            return Ok(());
        };
        // A span the query's window holds whole counts whole, as it would
        // with no window: cut no finer than the query's periods, and a
        // qualified figure, whose every cut rounds, not at all without a
        // funded key. (An exact amount gets the same pieces either way.)
        let reach = query.spread.reach(&span, schedule)?;
        let within = query.within_funded.filter(|w| !w.encloses(&reach));
        if within.is_none() && self.funded_unit.is_none() && figure.exactly_stated().is_none() {
            out(None, figure);
            return Ok(());
        }
        let finest = match (&within, self.funded_unit) {
            // The query's periods are as fine as the pieces need be
            // (`spread::cut_at_periods_of`); cut by `within_funded`, months
            // (and days) are.
            (None, Some(unit)) if crate::spread::cut_at_periods_of(&figure) => unit,
            _ => PeriodUnit::Month,
        };
        // Each piece goes to its bucket as it is made, and each bucket
        // to its group once complete: a pledge over many years keeps
        // none of its pieces.
        let mut merger = self.funded_unit.map(Merger::new);
        let mut whole: Option<FigureSum> = None;
        query
            .spread
            .each_piece_to(&figure, &span, schedule, finest, cutter, &mut |piece, f| {
                let (piece, f) = match &within {
                    Some(within) => match restrict_piece(piece, f, within)? {
                        Some(kept) => kept,
                        None => return Ok(()),
                    },
                    None => (piece, f),
                };
                match &mut merger {
                    Some(merger) => {
                        if let Some((bucket, total)) = merger.push(piece, &f)? {
                            out(Some(bucket), total);
                        }
                    }
                    None => whole
                        .get_or_insert_with(|| FigureSum::new(f.currency()))
                        .add(&f)?,
                }
                Ok(())
            })?;
        if let Some((bucket, total)) = merger.map(Merger::finish).transpose()?.flatten() {
            out(Some(bucket), total);
        }
        if let Some(whole) = whole {
            out(None, whole.figure()?);
        }
        Ok(())
    }
}

/// Adds a piece of the sum of alike pledges `of` to its group: their
/// codes, with the funded period's from the piece.
fn count_piece(
    tally: &mut Tally,
    keys: &[Key],
    of: &AlikeSums<'_>,
    piece: Option<&Period>,
    figure: &Figure,
) -> Result<(), Error> {
    tally.codes.clear();
    tally.codes.extend_from_slice(of.codes);
    for (k, c) in keys.iter().zip(tally.codes.iter_mut()) {
        if let Key::Period(unit, DateBasis::Funded) = k {
            *c = piece.map_or(0, |p| period_code(p.start(), *unit));
        }
    }
    // The other keys' values were checked when the sum began.
    let check = || match piece {
        Some(p) => keys.iter().try_for_each(|k| match k {
            Key::Period(unit, DateBasis::Funded) => {
                Period::containing(p.start(), *unit).map(|_| ())
            }
            _ => Ok(()),
        }),
        None => Ok(()),
    };
    let group = tally.group_of(check, of.count)?;
    match figure.exactly_stated() {
        Some(x) => tally.sums.runs.add(group, x, &mut tally.sums.exact),
        None => {
            let at = slot(group, of.alike.currency, of.alike.rate_date);
            tally.sums.add(at, figure)
        }
    }
}

/// Where counted amounts go: groups found by their codes, and each
/// group's sums per currency and rate date.
#[derive(Debug, Default)]
struct Tally {
    /// Group key codes → group number.
    index: GroupIndex,
    /// Per group number: how many pieces counted. A group's key values are
    /// made from its codes when the totals are read (`push_values`): while
    /// pledges are read, a group costs only this and its entry in `index`.
    pieces: Vec<usize>,
    sums: Sums,
    grand_pieces: usize,
    /// Exact amounts waiting to be added to their groups' slots, a batch
    /// at a time (`SlotTable::add_all`): with a million pledges the slots
    /// far outgrow the caches, and a batch lets the processor look many up
    /// at once.
    waiting: Vec<(Slot, Decimal)>,
    /// The codes of the group being counted.
    codes: Vec<u32>,
}

impl Tally {
    /// Adds `figure` (standing for `n` pledges) to the group of the codes
    /// in `self.codes`, which `check` vets when the group is new.
    fn count_coded(
        &mut self,
        check: impl FnOnce() -> Result<(), Error>,
        currency: Currency,
        rate_date: Option<NaiveDate>,
        figure: &Figure,
        n: usize,
    ) -> Result<(), Error> {
        let group = self.group_of(check, n)?;
        let at = slot(group, currency, rate_date);
        match figure.exactly_stated() {
            Some(x) => {
                self.waiting.push((at, x));
                if self.waiting.len() == BATCH {
                    self.flush()?;
                }
                Ok(())
            }
            None => self.sums.add(at, figure),
        }
    }

    /// The group of the codes in `self.codes`, which `check` vets when the
    /// group is new, counting `n` pledges in it.
    fn group_of(
        &mut self,
        check: impl FnOnce() -> Result<(), Error>,
        n: usize,
    ) -> Result<u32, Error> {
        let group = match self.index.find(&self.codes) {
            Ok(g) => g,
            Err(vacant) => {
                check()?;
                self.new_group(vacant)?
            }
        };
        if let Some(pieces) = self.pieces.get_mut(group as usize) {
            *pieces += n;
        }
        self.grand_pieces += n;
        Ok(group)
    }

    /// A new group, of the codes in `self.codes`, where `vacant` says.
    fn new_group(&mut self, vacant: Vacant) -> Result<u32, Error> {
        let g = self
            .index
            .insert(vacant, &self.codes)
            .ok_or(ErrorKind::Overflow {
                operation: Operation::Grouping,
            })?;
        self.pieces.push(0);
        Ok(g)
    }

    /// Adds the waiting exact amounts.
    fn flush(&mut self) -> Result<(), Error> {
        self.sums.exact.add_all(&self.waiting)?;
        self.waiting.clear();
        Ok(())
    }
}

/// The rows of a pledge CSV go in as the engine's pledges: errors about a
/// row's pledge are placed at the row.
impl crate::io::Count for Engine<'_, '_> {
    fn count(&mut self, row: &crate::io::Row<'_>, record: &Record<'_>) -> Result<(), Error> {
        self.add_placed(record, Some(row.line), |e| row.place(e))
    }

    fn fail(&mut self, e: Error) -> Error {
        Engine::fail(self, e)
    }
}

/// Pushes the key values of group `g` (its codes made into values).
type ValuesOf<'a> = dyn Fn(usize, &mut Vec<GroupValue>) -> Result<(), Error> + 'a;

/// Pushes a group's key values, made from its codes (one per key).
fn push_values(keys: &[Key], codes: &[u32], out: &mut Vec<GroupValue>) -> Result<(), Error> {
    for (key, code) in keys.iter().zip(codes) {
        out.push(value_of(key, *code).ok_or(ErrorKind::Overflow {
            operation: Operation::Grouping,
        })?);
    }
    Ok(())
}

/// An error in the grand total, which is no group of its own.
fn in_grand_total(e: Error) -> Error {
    e.in_group(&"(grand total)")
}

/// A number that tells a key's values apart (0 for unknown dates).
fn code(key: &Key, a: &Attrs, piece: Option<&Period>) -> u32 {
    match key {
        Key::Donor => a.donor.code(),
        Key::DonorGroup(groups) => groups.code(a.donor),
        Key::Recipient => a.recipient.code(),
        Key::Category => a.category as u32,
        Key::Instrument => a.instrument as u32,
        Key::Stage => a.stage as u32,
        Key::Alliance(alliance) => match a.announced {
            Some(d) => u32::from(!alliance.is_member(&a.donor, d)),
            None => 2,
        },
        Key::Period(unit, DateBasis::Announced) => a.announced.map_or(0, |d| period_code(d, *unit)),
        Key::Period(unit, DateBasis::Funded) => piece.map_or(0, |p| period_code(p.start(), *unit)),
        Key::Period(unit, DateBasis::Delivered) => a.delivered.map_or(0, |d| period_code(d, *unit)),
    }
}

/// The calendar period of `unit` containing `date`, as a positive number.
fn period_code(date: NaiveDate, unit: PeriodUnit) -> u32 {
    // chrono's years lie within ±262,143: shifted, they are positive.
    let year = u32::try_from(date.year() + 300_000).unwrap_or(0);
    let month = date.month0();
    1 + match unit {
        PeriodUnit::Year => year,
        PeriodUnit::Half => year * 2 + month / 6,
        PeriodUnit::Quarter => year * 4 + month / 3,
        PeriodUnit::Month => year * 12 + month,
    }
}

fn value(key: &Key, p: &Attrs, piece: Option<&Period>) -> Result<GroupValue, Error> {
    Ok(match key {
        Key::Donor => GroupValue::Donor(p.donor),
        Key::DonorGroup(groups) => groups.row(p.donor),
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
        Key::Period(unit, DateBasis::Delivered) => GroupValue::Period(match p.delivered {
            Some(d) => Some(Period::containing(d, *unit)?),
            None => None,
        }),
    })
}

/// The value of `key` that `code` stands for: the inverse of [`code`], so
/// that a group's values can be made from its codes alone. `None` for a
/// code that no value has.
fn value_of(key: &Key, code: u32) -> Option<GroupValue> {
    fn word<T: Copy>(all: &[T], code: u32, of: impl Fn(T) -> u32) -> Option<T> {
        all.iter().copied().find(|w| of(*w) == code)
    }
    Some(match key {
        Key::Donor => GroupValue::Donor(Donor::of_code(code)?),
        Key::DonorGroup(groups) => groups.row_of_code(code)?,
        Key::Recipient => GroupValue::Recipient(Donor::of_code(code)?),
        Key::Category => GroupValue::Category(word(Category::ALL, code, |c| c as u32)?),
        Key::Instrument => GroupValue::Instrument(word(Instrument::ALL, code, |i| i as u32)?),
        Key::Stage => GroupValue::Stage(word(Stage::ALL, code, |s| s as u32)?),
        Key::Alliance(_) => GroupValue::Member(match code {
            0 => Some(true),
            1 => Some(false),
            2 => None,
            _ => return None,
        }),
        Key::Period(_, _) if code == 0 => GroupValue::Period(None),
        Key::Period(unit, _) => GroupValue::Period(Some(period_of_code(code, *unit)?)),
    })
}

/// The calendar period of `unit` that [`period_code`] gave `code`.
fn period_of_code(code: u32, unit: PeriodUnit) -> Option<Period> {
    let n = code.checked_sub(1)?;
    let (per_year, months) = match unit {
        PeriodUnit::Year => (1, 12),
        PeriodUnit::Half => (2, 6),
        PeriodUnit::Quarter => (4, 3),
        PeriodUnit::Month => (12, 1),
    };
    let year = i32::try_from(n / per_year).ok()? - 300_000;
    let month = (n % per_year) * months + 1;
    Period::containing(NaiveDate::from_ymd_opt(year, month, 1)?, unit).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::totals::DonorGroups;
    use crate::{Alliance, Country, Institution};
    use proptest::prelude::*;

    fn donor() -> impl Strategy<Value = Donor> {
        prop_oneof![
            prop::sample::select(Country::all().collect::<Vec<_>>()).prop_map(Donor::Country),
            prop::sample::select(Institution::all().collect::<Vec<_>>())
                .prop_map(Donor::Institution),
        ]
    }

    fn date() -> impl Strategy<Value = NaiveDate> {
        // The years a period may have, and the days of each.
        (1i32..=9999, 0u32..366).prop_map(|(y, d)| {
            let first = NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
            first
                .checked_add_days(chrono::Days::new(u64::from(d)))
                .filter(|x| x.year() == y)
                .unwrap_or(first)
        })
    }

    fn keys() -> Vec<Key> {
        let mut keys = vec![
            Key::Donor,
            Key::Recipient,
            Key::Category,
            Key::Instrument,
            Key::Stage,
            Key::Alliance(Alliance::nato()),
        ];
        let groups = DonorGroups::new()
            .group("Weimar", [Country::DE, Country::FR, Country::PL])
            .and_then(|g| {
                g.group(
                    "EU + EIB",
                    [
                        Institution::EuInstitutions,
                        Institution::EuropeanInvestmentBank,
                    ],
                )
            })
            .unwrap();
        keys.push(Key::DonorGroup(groups.clone()));
        keys.push(Key::DonorGroup(groups.rest("Others").unwrap()));
        for unit in [
            PeriodUnit::Year,
            PeriodUnit::Half,
            PeriodUnit::Quarter,
            PeriodUnit::Month,
        ] {
            for basis in [
                DateBasis::Announced,
                DateBasis::Funded,
                DateBasis::Delivered,
            ] {
                keys.push(Key::Period(unit, basis));
            }
        }
        keys
    }

    proptest! {
        // A group's values made from its codes are the values made from
        // the pledge: for every key, every donor, word and date.
        #[test]
        fn values_come_back_from_their_codes(
            donor in donor(),
            recipient in donor(),
            category in prop::sample::select(Category::ALL.to_vec()),
            instrument in prop::sample::select(Instrument::ALL.to_vec()),
            stage in prop::sample::select(Stage::ALL.to_vec()),
            announced in prop::option::of(date()),
            delivered in prop::option::of(date()),
            piece in prop::option::of(date()),
        ) {
            let attrs = Attrs {
                donor,
                recipient,
                category,
                instrument,
                stage,
                announced,
                currency: Currency::EUR,
                rate_date: None,
                funded: None,
                delivered,
            };
            let piece = piece.map(|d| Period::day(d).unwrap());
            for key in keys() {
                let made = value(&key, &attrs, piece.as_ref()).unwrap();
                let code = code(&key, &attrs, piece.as_ref());
                prop_assert_eq!(value_of(&key, code), Some(made), "{:?}", key);
            }
        }
    }

    #[test]
    fn codes_no_value_has_are_refused() {
        let groups = DonorGroups::new().group("A", [Country::DE]).unwrap();
        assert_eq!(
            value_of(&Key::DonorGroup(groups.clone()), (1 << 16) + 1),
            None
        );
        // The rest's code, with no rest.
        assert_eq!(value_of(&Key::DonorGroup(groups), 1 << 17), None);
        assert_eq!(value_of(&Key::Alliance(Alliance::nato()), 3), None);
        assert_eq!(value_of(&Key::Category, 99), None);
        assert_eq!(value_of(&Key::Donor, 250), None);
        assert_eq!(value_of(&Key::Donor, 256 + 5), None);
        // Year 0 has no period.
        assert_eq!(value_of(&Key::year(DateBasis::Announced), 300_001), None);
    }
}
