//! Slots — where totals keep their sums, one per group, currency and rate
//! date — and the table of exact sums per slot, the hot spot of totals
//! over large files.
//!
//! Why not a `HashMap`: with a million pledges there are hundreds of
//! thousands of slots, far more than the caches hold, so each addition
//! waits on memory. A `HashMap` reads its control bytes and then its entry,
//! two waits in a row; here a slot's key and sum share one cache line, and
//! [`SlotTable::add_all`] first touches every slot of a batch with loads
//! that do not depend on each other, which the processor overlaps.

use std::ops::Range;

use crate::error::{ErrorKind, Operation};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::exact::{self, Accumulator, Wide};
use crate::figure::FigureSum;
use crate::hash::FastMap;
use crate::{Currency, Error, Figure};

/// Marks an empty entry: real slots keep their top 32 bits zero.
const EMPTY: u128 = u128::MAX;

/// log2 of a new table's capacity.
const MIN_BITS: u32 = 6;

/// Exact decimal sums keyed by slot (open addressing, linear probing, at
/// most three quarters full: a smaller table spans fewer memory pages, and
/// a longer probe mostly stays within a cache line or the next).
///
/// Sums are exact whatever the order of the terms: an entry's `Decimal`
/// takes a term only while the exact sum fits (see
/// [`exact::add`](crate::exact::add)); when it does not, the entry's sum
/// moves into `far`, a wide integer kept apart (rare: past 28 significant
/// digits), and the entry starts again from zero. A slot's sum is its
/// entry plus its far part, checked to fit only when it is read.
#[derive(Debug, Clone)]
pub(super) struct SlotTable {
    entries: Vec<(u128, Decimal)>,
    len: usize,
    /// log2 of the capacity.
    bits: u32,
    far: FastMap<u128, Wide>,
}

impl Default for SlotTable {
    fn default() -> Self {
        SlotTable::with_bits(MIN_BITS)
    }
}

impl SlotTable {
    fn with_bits(bits: u32) -> SlotTable {
        SlotTable {
            entries: vec![(EMPTY, Decimal::ZERO); 1 << bits],
            len: 0,
            bits,
            far: FastMap::default(),
        }
    }

    /// The number of slots with a sum.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.len
    }

    /// Where probing for `slot` starts: the high bits of a multiplicative
    /// hash (Fibonacci hashing), which depend on every bit of the key.
    fn home(&self, slot: u128) -> usize {
        let folded = (slot as u64) ^ ((slot >> 64) as u64).rotate_left(29);
        let h = folded.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        // The shift leaves `bits` (< 64) bits: fits in usize.
        usize::try_from(h >> (64 - self.bits)).unwrap_or(0)
    }

    /// Adds `x` to the sum of `slot`.
    pub(super) fn add(&mut self, slot: u128, x: Decimal) -> Result<(), Error> {
        if (self.len + 1) * 4 > self.entries.len() * 3 {
            self.grow();
        }
        let mask = self.entries.len() - 1;
        let mut i = self.home(slot);
        loop {
            let entry = &mut self.entries[i];
            if entry.0 == slot {
                match exact::add(entry.1, x) {
                    Some(sum) => entry.1 = sum,
                    None => {
                        let near = std::mem::replace(&mut entry.1, Decimal::ZERO);
                        return self.spill(slot, near, x);
                    }
                }
                return Ok(());
            }
            if entry.0 == EMPTY {
                *entry = (slot, x);
                self.len += 1;
                return Ok(());
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds each amount to its slot's sum: first a pass that only reads
    /// where each slot lives (independent loads, overlapped), then the
    /// additions, which find their entries in the cache.
    pub(super) fn add_all(&mut self, batch: &[(u128, Decimal)]) -> Result<(), Error> {
        let mut seen = 0u128;
        for (slot, _) in batch {
            seen ^= self.entries[self.home(*slot)].0;
        }
        std::hint::black_box(seen);
        for (slot, x) in batch {
            self.add(*slot, *x)?;
        }
        Ok(())
    }

    /// Moves `near + x` into the slot's wide part.
    #[cold]
    pub(super) fn spill(&mut self, slot: u128, near: Decimal, x: Decimal) -> Result<(), Error> {
        let far = self.far.entry(slot).or_default();
        *far = far
            .add(Wide::of_decimal(near))
            .and_then(|f| f.add(Wide::of_decimal(x)))
            .ok_or(ErrorKind::Overflow {
                operation: Operation::Addition,
            })?;
        Ok(())
    }

    fn grow(&mut self) {
        let old = self.renew(self.bits + 1);
        let mask = self.entries.len() - 1;
        for (slot, x) in old {
            if slot != EMPTY {
                let mut i = self.home(slot);
                while self.entries[i].0 != EMPTY {
                    i = (i + 1) & mask;
                }
                self.entries[i] = (slot, x);
                self.len += 1;
            }
        }
    }

    /// Starts an empty table of `2^bits` entries, keeping the wide parts;
    /// the old entries are given back.
    fn renew(&mut self, bits: u32) -> Vec<(u128, Decimal)> {
        let mut new = SlotTable::with_bits(bits);
        new.far = std::mem::take(&mut self.far);
        std::mem::replace(self, new).entries
    }

    /// Every slot with the `Decimal` part of its sum, in no particular
    /// order, and the wide parts of the slots that spilled.
    pub(super) fn into_parts(self) -> (Vec<(u128, Decimal)>, FastMap<u128, Wide>) {
        // Gathered in the table's own memory.
        let near = self.entries.into_iter().filter(|(slot, _)| *slot != EMPTY);
        (near.collect(), self.far)
    }

    /// Every slot with its exact sum, in no particular order; an error if
    /// a sum does not fit in a `Decimal`.
    #[cfg(test)]
    pub(super) fn into_vec(self) -> Result<Vec<(u128, Decimal)>, Error> {
        let (near, mut far) = self.into_parts();
        near.into_iter()
            .map(|(slot, x)| {
                Accumulator::of_parts(x, far.remove(&slot))
                    .value()
                    .map(|v| (slot, v))
                    .ok_or(
                        ErrorKind::Overflow {
                            operation: Operation::Addition,
                        }
                        .into(),
                    )
            })
            .collect()
    }
}

/// The exact sums of spreading's runs. A run is one currency and rate
/// date, so within it a slot is its group alone: its sum is found through
/// the group's number, not by hash, and takes 20 bytes instead of the
/// table's 32 and its room to grow. A run is sealed, complete, when the
/// next begins: its sums move out, as slots, into `sealed`.
#[derive(Debug, Default)]
pub(super) struct RunSums {
    /// The open run's slot in group 0 (its currency and date).
    run: Slot,
    /// Per group number: 1 + where its sum is in `sums`, or 0 for none
    /// in the open run.
    at: Vec<u32>,
    /// The open run's sums, by group, in the order first counted.
    sums: Vec<(u32, Decimal)>,
    /// The sums of the runs sealed.
    sealed: Vec<(Slot, Decimal)>,
}

impl RunSums {
    /// Seals the open run, and opens the run of `slot`'s currency and date:
    /// runs come in slot order, each once, so no slot is sealed twice.
    pub(super) fn open(&mut self, slot: Slot) {
        self.seal();
        debug_assert!(
            self.sealed
                .last()
                .is_none_or(|(s, _)| *s & RUN < slot & RUN),
            "runs open in slot order"
        );
        self.run = slot & RUN;
    }

    /// Moves the open run's sums, complete, into the sealed ones.
    fn seal(&mut self) {
        let run = self.run;
        self.sealed.reserve(self.sums.len());
        for (group, x) in self.sums.drain(..) {
            if let Some(at) = self.at.get_mut(group as usize) {
                *at = 0;
            }
            self.sealed.push((run | (u128::from(group) << 64), x));
        }
    }

    /// Adds `x` to the sum of `group` in the open run; a sum past what a
    /// `Decimal` holds moves on into `table`'s wide part.
    pub(super) fn add(
        &mut self,
        group: u32,
        x: Decimal,
        table: &mut SlotTable,
    ) -> Result<(), Error> {
        let g = group as usize;
        if g >= self.at.len() {
            self.at.resize(g + 1, 0);
        }
        let (Some(at), Ok(next)) = (self.at.get_mut(g), u32::try_from(self.sums.len() + 1)) else {
            return Err(ErrorKind::Overflow {
                operation: Operation::Grouping,
            }
            .into());
        };
        let Some(i) = at.checked_sub(1) else {
            *at = next;
            self.sums.push((group, x));
            return Ok(());
        };
        let Some((_, sum)) = self.sums.get_mut(i as usize) else {
            return Err(lost());
        };
        match exact::add(*sum, x) {
            Some(y) => *sum = y,
            None => {
                let near = std::mem::replace(sum, Decimal::ZERO);
                table.spill(self.run | (u128::from(group) << 64), near, x)?;
            }
        }
        Ok(())
    }

    /// The sealed sums (the open run sealed first).
    fn into_sealed(mut self) -> Vec<(Slot, Decimal)> {
        self.seal();
        self.sealed
    }
}

/// What the engine gives for a sum or a group it made and then cannot
/// find: never, but an error rather than an amount dropped.
pub(super) fn lost() -> Error {
    ErrorKind::Overflow {
        operation: Operation::Grouping,
    }
    .into()
}

/// The bits of a slot that are its currency and date.
const RUN: Slot = (1 << 64) - 1;

/// Where a figure is summed, as one number: the group in the high 64 bits,
/// then the currency's table index, then the rate date (0 for none) — so
/// sorting slots sorts by group, currency (code order) and date, undated
/// first.
pub(super) type Slot = u128;

const DAY_OFFSET: i64 = 1 << 31;

pub(super) fn slot(group: u32, currency: Currency, date: Option<NaiveDate>) -> Slot {
    // chrono's days from the Common Era lie within ±2^27, so the shifted
    // day is never 0, which stands for "no date".
    let day = date.map_or(0, |d| {
        u32::try_from(i64::from(d.num_days_from_ce()) + DAY_OFFSET).unwrap_or(0)
    });
    (u128::from(group) << 64) | (u128::from(currency.index()) << 32) | u128::from(day)
}

pub(super) fn slot_group(slot: Slot) -> u32 {
    u32::try_from(slot >> 64).unwrap_or(u32::MAX)
}

pub(super) fn slot_currency(slot: Slot) -> Result<Currency, Error> {
    u16::try_from((slot >> 32) & 0xffff)
        .ok()
        .and_then(Currency::from_index)
        .ok_or_else(|| {
            ErrorKind::Overflow {
                operation: Operation::Addition,
            }
            .into()
        })
}

pub(super) fn slot_date(slot: Slot) -> Option<NaiveDate> {
    let day = i64::from(u32::try_from(slot & 0xffff_ffff).unwrap_or(0));
    if day == 0 {
        return None;
    }
    i32::try_from(day - DAY_OFFSET)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// A slot's sum as the sorted slots give it: a decimal, the exact sum of
/// nearly every slot, or the whole [`FigureSum`] of one with a wide or a
/// qualified part. Small, since every slot is handed on to be totalled.
#[derive(Debug, Clone)]
pub(super) enum SlotSum {
    Exact(Decimal),
    Whole(Box<FigureSum>),
}

impl SlotSum {
    /// The sum in `currency` (the slot's) as a [`FigureSum`].
    pub(super) fn whole(&self, currency: Currency) -> FigureSum {
        match self {
            SlotSum::Exact(x) => {
                FigureSum::of_parts(currency, Some(Accumulator::of_parts(*x, None)), None)
            }
            SlotSum::Whole(sum) => **sum,
        }
    }

    /// The sum in `currency` as a figure: [`FigureSum::figure`] of
    /// [`SlotSum::whole`], an exact sum without making the whole.
    pub(super) fn figure(&self, currency: Currency) -> Result<Figure, Error> {
        match self {
            SlotSum::Exact(x) => Ok(Figure::exactly_in(currency, *x)),
            SlotSum::Whole(sum) => sum.figure(),
        }
    }
}

/// Exact sums per slot, kept apart from the rarer qualified figures so the
/// hot table stays small (a slot and a decimal): with a million pledges
/// much of the time goes to finding the slot.
#[derive(Debug, Default)]
pub(super) struct Sums {
    pub(super) exact: SlotTable,
    /// When spreading: the exact sums, a run at a time.
    pub(super) runs: RunSums,
    qualified: FastMap<Slot, FigureSum>,
}

impl Sums {
    pub(super) fn add(&mut self, slot: Slot, figure: &Figure) -> Result<(), Error> {
        match figure.exactly_stated() {
            Some(x) => self.exact.add(slot, x)?,
            None => self
                .qualified
                .entry(slot)
                .or_insert_with(|| FigureSum::new(figure.currency()))
                .add(figure)?,
        }
        Ok(())
    }

    /// Every slot with its sum, in slot order. The exact sums, nearly all
    /// of them, are sorted as small pairs (in two halves on two threads
    /// when there are `threads` and many sums) and joined to the
    /// qualified ones as they are read.
    pub(super) fn into_sorted(
        self,
        threads: usize,
    ) -> impl Iterator<Item = Result<(Slot, SlotSum), Error>> {
        let (live, mut far) = self.exact.into_parts();
        // Spreading counts into runs, other queries into the table.
        let mut exact = self.runs.into_sealed();
        if exact.is_empty() {
            exact = live;
        } else {
            exact.extend(live);
        }
        // The slots were gathered in the table's own memory, a quarter or
        // more of it empty: given back before the totals are made.
        exact.shrink_to_fit();
        let mid = sort_in_halves(&mut exact, threads);
        let mut qualified: Vec<(Slot, FigureSum)> = self.qualified.into_iter().collect();
        qualified.sort_unstable_by_key(|(slot, _)| *slot);
        let mut exact = Shrinking::of_runs(exact, mid);
        let mut qualified = qualified.into_iter().peekable();
        std::iter::from_fn(move || {
            let e = exact.peek().map(|(slot, _)| *slot);
            let q = qualified.peek().map(|(slot, _)| *slot);
            let (slot, x, q) = match (e, q) {
                (None, None) => return None,
                (Some(e), Some(q)) if e == q => {
                    let (slot, x) = exact.next()?;
                    (slot, Some(x), qualified.next().map(|(_, q)| q))
                }
                (Some(e), q) if q.is_none_or(|q| e < q) => {
                    let (slot, x) = exact.next()?;
                    (slot, Some(x), None)
                }
                _ => {
                    let (slot, q) = qualified.next()?;
                    (slot, None, Some(q))
                }
            };
            Some(slot_currency(slot).and_then(|currency| {
                // Wide parts are rare: most often there are none to look up.
                let wide = if far.is_empty() {
                    None
                } else {
                    far.remove(&slot)
                };
                if let (Some(x), None, None) = (x, wide, &q) {
                    return Ok((slot, SlotSum::Exact(x)));
                }
                let x = x.map(|x| Accumulator::of_parts(x, wide));
                let mut sum = FigureSum::of_parts(currency, x, None);
                if let Some(q) = q {
                    sum.merge(&q)?;
                }
                Ok((slot, SlotSum::Whole(Box::new(sum))))
            }))
        })
    }
}

/// Sums fewer than this are sorted on one thread.
const SORT_APART_FROM: usize = 1 << 15;

/// Sorts the two halves of `sums` by slot, on two threads when there are
/// `threads` and many sums (else the whole, as one half); where the second
/// half starts.
fn sort_in_halves(sums: &mut [(Slot, Decimal)], threads: usize) -> usize {
    let mid = if threads > 1 && sums.len() >= SORT_APART_FROM {
        sums.len() / 2
    } else {
        sums.len()
    };
    let (front, back) = sums.split_at_mut(mid);
    if back.is_empty() {
        front.sort_unstable_by_key(|(slot, _)| *slot);
        return mid;
    }
    let apart = std::thread::scope(|scope| {
        let apart = std::thread::Builder::new()
            .name("alliance-sort".to_owned())
            .spawn_scoped(scope, || back.sort_unstable_by_key(|(slot, _)| *slot))
            .is_ok();
        front.sort_unstable_by_key(|(slot, _)| *slot);
        apart
    });
    if !apart {
        // A thread the system will not give: this one sorts both.
        sums[mid..].sort_unstable_by_key(|(slot, _)| *slot);
    }
    mid
}

/// Two sorted runs of a vector (the second may be empty), taken in order
/// (as `Ord` orders the items: a slot's pair by its slot, slots being
/// unique) from their fronts, giving memory back as they go: once half of what is
/// left has been taken, the rest moves to the front and the tail is freed,
/// so the totals made from the slots can take the slots' memory. Each
/// item moves about once more in all.
struct Shrinking<T> {
    items: Vec<T>,
    /// What is left of each run, the first before the second.
    first: Range<usize>,
    second: Range<usize>,
    /// Taken since the last move.
    taken: usize,
}

/// One of the two runs of a [`Shrinking`].
#[derive(Debug, Clone, Copy)]
enum Run {
    First,
    Second,
}

/// Vectors shorter than this are not worth shrinking.
const SHRINK_FROM: usize = 1 << 16;

impl<T: Copy + Ord> Shrinking<T> {
    /// `items`, sorted from the start to `mid` and from `mid` to the end.
    fn of_runs(items: Vec<T>, mid: usize) -> Shrinking<T> {
        let mid = mid.min(items.len());
        Shrinking {
            first: 0..mid,
            second: mid..items.len(),
            items,
            taken: 0,
        }
    }

    /// The run whose front comes first, if any is left: the first or the
    /// second. Named, not placed: an empty first run may start where the
    /// second does.
    fn front(&self) -> Option<Run> {
        let a = self.items.get(self.first.clone()).and_then(<[T]>::first);
        let b = self.items.get(self.second.clone()).and_then(<[T]>::first);
        match (a, b) {
            (Some(a), Some(b)) if b < a => Some(Run::Second),
            (Some(_), _) => Some(Run::First),
            (None, Some(_)) => Some(Run::Second),
            (None, None) => None,
        }
    }

    fn peek(&mut self) -> Option<&T> {
        let at = match self.front()? {
            Run::First => self.first.start,
            Run::Second => self.second.start,
        };
        self.items.get(at)
    }

    fn next(&mut self) -> Option<T> {
        let run = match self.front()? {
            Run::First => &mut self.first,
            Run::Second => &mut self.second,
        };
        let item = *self.items.get(run.start)?;
        run.start += 1;
        self.taken += 1;
        if self.taken >= SHRINK_FROM && self.taken * 2 >= self.items.len() {
            let (a, b) = (self.first.clone(), self.second.clone());
            // Each run moves down to where the one before it now ends.
            self.items.copy_within(a.clone(), 0);
            self.items.copy_within(b.clone(), a.len());
            self.items.truncate(a.len() + b.len());
            self.items.shrink_to_fit();
            self.first = 0..a.len();
            self.second = a.len()..a.len() + b.len();
            self.taken = 0;
        }
        Some(item)
    }
}

/// The grand total's slot for a group's slot: the same currency and date.
pub(super) fn grand_slot(slot: Slot) -> Slot {
    slot & u128::from(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    #[test]
    fn sums_grow_and_overflow_is_an_error() {
        let mut t = SlotTable::default();
        for i in 0..1000u128 {
            t.add(i % 300, Decimal::new(i64::try_from(i).unwrap(), 2))
                .unwrap();
        }
        assert_eq!(t.len(), 300);
        let v: HashMap<u128, Decimal> = t.clone().into_vec().unwrap().into_iter().collect();
        // Slot 7 got 7, 307, 607 and 907 hundredths.
        assert_eq!(v[&7], Decimal::new(1828, 2));
        // Past the range in between is fine; only the sum must fit.
        t.add(5, Decimal::MAX).unwrap();
        t.clone().into_vec().unwrap_err();
        t.add(5, -Decimal::MAX).unwrap();
        let v: HashMap<u128, Decimal> = t.into_vec().unwrap().into_iter().collect();
        assert_eq!(v[&5], Decimal::new(1820, 2));
    }

    #[test]
    fn a_vector_taken_from_the_front_gives_its_memory_back() {
        let n = 5 * SHRINK_FROM as u64 + 3;
        let mut items = Shrinking::of_runs((0..n).collect::<Vec<u64>>(), n as usize);
        let mut seen = 0;
        while let Some(x) = items.next() {
            assert_eq!(x, seen, "in order, none lost");
            seen += 1;
            if seen == 4 * SHRINK_FROM as u64 {
                // Four fifths taken: no more than what is left is kept,
                // and at most twice what is left.
                let left = items.first.len() + items.second.len();
                assert_eq!(left as u64, n - seen);
                assert!(items.items.capacity() <= 2 * left + SHRINK_FROM);
            }
            assert_eq!(items.peek().copied(), (seen < n).then_some(seen));
        }
        assert_eq!(seen, n);
    }

    /// Two runs are taken merged, in order, none lost, on one thread or
    /// two, and give their memory back as they go.
    #[test]
    fn sums_sorted_in_halves_are_taken_in_slot_order() {
        let n = 3 * SORT_APART_FROM + 7;
        // Slots in a scrambled order, each once; then in halves that do not
        // interleave, the first all before the second (the first run is
        // spent where the second starts) and all after it.
        let scrambled: Vec<(Slot, Decimal)> = (0..n as u128)
            .map(|i| ((i * 7919) % n as u128, Decimal::from(i as u64)))
            .collect();
        let ascending: Vec<(Slot, Decimal)> = (0..n as u128)
            .map(|i| (i, Decimal::from(i as u64)))
            .collect();
        let mut descending = ascending.clone();
        descending.reverse();
        for scrambled in [scrambled, ascending, descending] {
            taken_in_slot_order(scrambled);
        }
    }

    fn taken_in_slot_order(scrambled: Vec<(Slot, Decimal)>) {
        let n = scrambled.len();
        let mut expected = scrambled.clone();
        expected.sort_unstable_by_key(|(slot, _)| *slot);
        for threads in [1, 2] {
            let mut sums = scrambled.clone();
            let mid = sort_in_halves(&mut sums, threads);
            assert_eq!(mid, if threads == 1 { n } else { n / 2 });
            let mut items = Shrinking::of_runs(sums, mid);
            let mut taken = Vec::with_capacity(n);
            while let Some(item) = items.next() {
                if taken.len() == n - SHRINK_FROM {
                    assert!(items.items.capacity() <= 2 * SHRINK_FROM + SHRINK_FROM);
                }
                taken.push(item);
            }
            assert_eq!(taken, expected, "{threads} threads");
        }
    }

    proptest! {
        // The table sums exactly as a HashMap does, batch or not.
        #[test]
        fn agrees_with_a_hash_map(items in prop::collection::vec((0u128..50, -1_000_000i64..1_000_000), 0..400), high in any::<u32>()) {
            let items: Vec<(u128, Decimal)> = items
                .into_iter()
                .map(|(s, x)| ((u128::from(high) << 64) | (s << 20), Decimal::new(x, 2)))
                .collect();
            let mut expected: HashMap<u128, Decimal> = HashMap::new();
            for (s, x) in &items {
                *expected.entry(*s).or_default() += *x;
            }
            let mut one = SlotTable::default();
            for (s, x) in &items {
                one.add(*s, *x).unwrap();
            }
            let mut batched = SlotTable::default();
            for chunk in items.chunks(7) {
                batched.add_all(chunk).unwrap();
            }
            for t in [one, batched] {
                let got: HashMap<u128, Decimal> = t.into_vec().unwrap().into_iter().collect();
                prop_assert_eq!(&got, &expected);
            }
        }

        // Runs sum as integers do, a run open at a time (as spreading
        // takes them), with sums past what a `Decimal` holds moved into
        // the wide part; every slot comes out once, sorted.
        #[test]
        fn runs_sum_as_integers_do(
            items in prop::collection::vec((0usize..3, 0u32..12, -1_000_000i64..1_000_000, any::<bool>()), 0..400),
        ) {
            let runs = [
                slot(0, Currency::EUR, None),
                slot(0, Currency::USD, NaiveDate::from_ymd_opt(2025, 1, 30)),
                slot(0, Currency::JPY, NaiveDate::from_ymd_opt(1999, 12, 31)),
            ];
            let mut by_run = items.clone();
            // As spreading takes them: in slot order.
            by_run.sort_by_key(|(run, ..)| runs[*run]);
            let mut sums = Sums::default();
            let mut expected: HashMap<Slot, i128> = HashMap::new();
            let mut open = None;
            for (run, group, units, huge) in &by_run {
                // Near the largest mantissa: two of one sign overflow a
                // `Decimal`.
                let units = i128::from(*units);
                let cents = if *huge { units.signum() * 7 * 10i128.pow(28) + units } else { units };
                if open != Some(*run) {
                    sums.runs.open(runs[*run]);
                    open = Some(*run);
                }
                sums.runs.add(*group, Decimal::from_i128_with_scale(cents, 2), &mut sums.exact).unwrap();
                *expected.entry(runs[*run] | (u128::from(*group) << 64)).or_default() += cents;
            }
            let got: Vec<(Slot, SlotSum)> = sums.into_sorted(1).collect::<Result<_, _>>().unwrap();
            let mut slots: Vec<Slot> = expected.keys().copied().collect();
            slots.sort_unstable();
            prop_assert_eq!(got.iter().map(|(s, _)| *s).collect::<Vec<_>>(), slots);
            for (at, sum) in &got {
                let cents = expected[at];
                let figure = sum.figure(slot_currency(*at).unwrap());
                match figure.map(|f| f.exactly_stated()) {
                    // x = m / 10^scale and cents / 100 are one number.
                    Ok(Some(x)) => prop_assert_eq!(
                        x.mantissa().checked_mul(100),
                        cents.checked_mul(10i128.pow(x.scale())),
                        "{} for {} hundredths", x, cents
                    ),
                    // Bounds, or no fit: only past 96 bits of hundredths.
                    _ => prop_assert!(cents.unsigned_abs() >= 1u128 << 96),
                }
            }
        }
    }
}
