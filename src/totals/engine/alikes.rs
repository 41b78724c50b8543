//! The sums of alike pledges, for queries that spread: each kind of
//! pledge summed once, before it is spread.
//!
//! Why not a `HashMap`: a million pledges make hundreds of thousands of
//! sums, and spreading wants them in runs of one currency and rate date.
//! Here the sums lie in chunks in the order first seen, found through an
//! index of their places (`places.rs`: open addressing, at most
//! three quarters full), so growing moves only the index, and the runs
//! are an order of places, not a second copy of the sums.

use std::hash::{BuildHasher, Hash};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::chunks::Chunks;
use super::places::Places;
use super::slots::{Slot, lost, slot};
use crate::error::{ErrorKind, Operation};
use crate::figure::FigureSum;
use crate::hash::FastMap;
use crate::{Currency, Error, Figure};

/// What makes pledges alike for a query that spreads, besides the codes
/// of its keys (but the funded period's, which spreading gives): the
/// currency, rate date and funded span, and no schedule of their own.
/// Alike pledges are summed before they are spread, so splitting a pledge
/// in two never changes a total; queries with the same other keys spread
/// the same sums, so their quarters, halves and years agree to the last
/// digit. Only what the query reads tells pledges apart: the sums are as
/// many as the query's distinct rows, not the file's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Alike {
    pub(super) currency: Currency,
    pub(super) rate_date: Option<NaiveDate>,
    /// The funded span's first and last days: spans written differently
    /// (`2025`, `2025-01-01..2025-12-31`) are the same days, spread alike.
    pub(super) funded: Option<(NaiveDate, NaiveDate)>,
    /// A pledge spread by its own schedule is spread alone: 1 + the place
    /// of its id in `Engine::schedules`, or 0.
    pub(super) schedule: u32,
}

/// Marks a sum kept whole, apart (see [`Entry`]).
const WHOLE: u32 = u32::MAX;

/// One sum of alike pledges, kept small: spreading keeps one per distinct
/// row. Nearly every sum is exact and fits a `Decimal`; one that is not,
/// or counts [`WHOLE`] pledges or more, moves into [`Alikes::whole`] with
/// its count, and `count` says so.
#[derive(Debug)]
struct Entry {
    /// The key codes when the query has at most two keys (the rest
    /// zero); else in [`Alikes::wide`].
    codes: [u32; 2],
    alike: Alike,
    sum: Decimal,
    count: u32,
}

/// A sum of alike pledges: a decimal while every term is exact and the
/// sum fits, else the whole [`FigureSum`].
#[derive(Debug, Clone, Copy)]
pub(super) enum AlikeSum<'a> {
    Exact(Decimal),
    Whole(&'a FigureSum),
}

impl AlikeSum<'_> {
    /// The sum as the [`FigureSum`] of its terms.
    pub(super) fn whole(&self, currency: Currency) -> Result<FigureSum, Error> {
        match self {
            AlikeSum::Exact(x) => {
                let mut sum = FigureSum::new(currency);
                sum.add_exact(*x)?;
                Ok(sum)
            }
            AlikeSum::Whole(sum) => Ok(**sum),
        }
    }
}

/// One sum of alike pledges as [`Alikes::get`] gives it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Sum<'a> {
    pub(super) codes: &'a [u32],
    pub(super) alike: &'a Alike,
    pub(super) sum: AlikeSum<'a>,
    /// How many pledges it holds.
    pub(super) count: usize,
}

/// The sums of alike pledges, in the order first seen.
#[derive(Debug)]
pub(super) struct Alikes {
    /// How many key codes a sum has.
    width: usize,
    entries: Chunks<Entry>,
    /// The codes of every sum, `width` a sum, when `width` > 2.
    wide: Vec<u32>,
    /// The sums kept whole, by place, with their counts.
    whole: FastMap<u32, (FigureSum, u64)>,
    /// Where each sum is, by its hash (dropped once the runs are made).
    places: Option<Places>,
    /// Working space of [`Alikes::add_all`]: each item's hash.
    tops: Vec<u32>,
}

impl Alikes {
    /// No sums yet, of pledges with `width` key codes.
    pub(super) fn new(width: usize) -> Alikes {
        Alikes {
            width,
            entries: Chunks::default(),
            wide: Vec::new(),
            whole: FastMap::default(),
            places: Some(Places::default()),
            tops: Vec::new(),
        }
    }

    /// The codes packed in an entry (`width` of them): all of them, or
    /// none when they are kept wide.
    fn packed(codes: &[u32]) -> [u32; 2] {
        match codes {
            [a] => [*a, 0],
            [a, b] => [*a, *b],
            _ => [0, 0],
        }
    }

    /// The codes of the entry at `place`.
    fn codes_at<'a>(&'a self, place: usize, entry: &'a Entry) -> Option<&'a [u32]> {
        if self.width > 2 {
            self.wide.get(place * self.width..(place + 1) * self.width)
        } else {
            entry.codes.get(..self.width)
        }
    }

    /// Where the sum of pledges with `codes` like `alike` is found.
    fn top(codes: &[u32], alike: &Alike) -> u32 {
        Places::top(crate::hash::FastBuild::default().hash_one((codes, alike)))
    }

    /// Adds each of `items` in turn, as [`Alikes::add`] adds one: `codes`
    /// holds the items' key codes one after another, `of` gives an item's
    /// kind and figure, `vet` checks an item that begins a new sum.
    ///
    /// The places of the items' sums are read ahead of the adding, first
    /// in the index, then among the sums: independent loads, which
    /// overlap, where one item at a time waits on two misses in a row.
    ///
    /// # Errors
    ///
    /// The first item that could not be added, by its place in `items`,
    /// and why; the items before it are added, those after it are not.
    pub(super) fn add_all<T>(
        &mut self,
        items: &[T],
        codes: &[u32],
        of: impl Fn(&T) -> (&Alike, &Figure),
        mut vet: impl FnMut(&T) -> Result<(), Error>,
    ) -> Result<(), (usize, Error)> {
        // The engine gives every pledge the query's keys' codes.
        if codes.len() != items.len() * self.width {
            return Err((0, lost()));
        }
        let width = self.width;
        let codes_of = |i: usize| codes.get(i * width..(i + 1) * width);
        let mut tops = std::mem::take(&mut self.tops);
        tops.clear();
        tops.extend(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| Alikes::top(codes_of(i).unwrap_or_default(), of(item).0)),
        );
        if let Some(places) = &self.places {
            let mut seen = 0u32;
            for top in &tops {
                seen ^= places.first(*top);
            }
            for top in &tops {
                // Only read: every entry the index offers is passed over.
                let _ = places.find(*top, |p| {
                    seen ^= self.entries.get(p as usize).map_or(0, |e| e.count);
                    false
                });
            }
            std::hint::black_box(seen);
        }
        let mut added = Ok(());
        for (i, (item, top)) in items.iter().zip(&tops).enumerate() {
            let (alike, figure) = of(item);
            let codes = codes_of(i).unwrap_or_default();
            if let Err(e) = self.add_at(*top, codes, *alike, figure, || vet(item)) {
                added = Err((i, e));
                break;
            }
        }
        self.tops = tops;
        added
    }

    /// Adds `figure` to the sum of pledges with `codes` like `alike`;
    /// `vet` checks a pledge that begins a new sum.
    ///
    /// # Errors
    ///
    /// The error of `vet`, or a sum that cannot be added to.
    #[cfg(test)]
    pub(super) fn add(
        &mut self,
        codes: &[u32],
        alike: Alike,
        figure: &Figure,
        vet: impl FnOnce() -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut vet = Some(vet);
        let vet = |_: &(Alike, Figure)| vet.take().map_or(Ok(()), |vet| vet());
        self.add_all(&[(alike, *figure)], codes, |(a, f)| (a, f), vet)
            .map_err(|(_, e)| e)
    }

    /// [`Alikes::add`], with the place to look from (`top`) known and the
    /// codes' count checked ([`Alikes::add_all`]).
    fn add_at(
        &mut self,
        top: u32,
        codes: &[u32],
        alike: Alike,
        figure: &Figure,
        vet: impl FnOnce() -> Result<(), Error>,
    ) -> Result<(), Error> {
        let found = match &self.places {
            Some(places) => places.find(top, |p| {
                self.entries.get(p as usize).is_some_and(|e| {
                    e.alike == alike && self.codes_at(p as usize, e) == Some(codes)
                })
            }),
            None => return Err(lost()),
        };
        let packed = Alikes::packed(codes);
        let vacant = match found {
            Ok(place) => return self.add_to(place, figure),
            Err(vacant) => vacant,
        };
        vet()?;
        let place = self
            .places
            .as_ref()
            .and_then(Places::next)
            .ok_or_else(lost)?;
        let entry = match figure.exactly_stated() {
            Some(x) => Entry {
                codes: packed,
                alike,
                sum: x,
                count: 1,
            },
            None => {
                let mut sum = FigureSum::new(figure.currency());
                sum.add(figure)?;
                self.whole.insert(place, (sum, 1));
                Entry {
                    codes: packed,
                    alike,
                    sum: Decimal::ZERO,
                    count: WHOLE,
                }
            }
        };
        if self.width > 2 {
            self.wide.extend_from_slice(codes);
        }
        self.entries.push(entry);
        if let Some(places) = &mut self.places {
            places.put(vacant);
        }
        Ok(())
    }

    /// Adds `figure` to the sum at `place`: in the entry while the sum is
    /// exact and fits, else to the sum kept whole.
    fn add_to(&mut self, place: u32, figure: &Figure) -> Result<(), Error> {
        let Some(entry) = self.entries.get_mut(place as usize) else {
            return Err(lost());
        };
        if entry.count != WHOLE {
            // The step `FigureSum` takes first, while the sum fits.
            let exact = figure
                .exactly_stated()
                .and_then(|y| crate::exact::add(entry.sum, y));
            match exact {
                Some(sum) if entry.count < WHOLE - 1 => {
                    entry.sum = sum;
                    entry.count += 1;
                    return Ok(());
                }
                _ => {
                    let mut whole = FigureSum::new(entry.alike.currency);
                    whole.add_exact(entry.sum)?;
                    let count = u64::from(entry.count);
                    (entry.sum, entry.count) = (Decimal::ZERO, WHOLE);
                    self.whole.insert(place, (whole, count));
                }
            }
        }
        let Some((sum, count)) = self.whole.get_mut(&place) else {
            return Err(lost());
        };
        sum.add(figure)?;
        *count = count.checked_add(1).ok_or(ErrorKind::Overflow {
            operation: Operation::Grouping,
        })?;
        Ok(())
    }

    /// The sum at `place`.
    pub(super) fn get(&self, place: u32) -> Option<Sum<'_>> {
        let entry = self.entries.get(place as usize)?;
        let (sum, count) = match entry.count {
            WHOLE => {
                let (sum, count) = self.whole.get(&place)?;
                (AlikeSum::Whole(sum), usize::try_from(*count).ok()?)
            }
            n => (AlikeSum::Exact(entry.sum), n as usize),
        };
        Some(Sum {
            codes: self.codes_at(place as usize, entry)?,
            alike: &entry.alike,
            sum,
            count,
        })
    }

    /// The number of sums.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.len()
    }

    /// Ends the adding (a sum added after is refused): gives back the
    /// index of places, and returns the places of the sums in runs of one
    /// currency and rate date, in slot order (currency, then date, undated
    /// first), each run in the order first seen.
    pub(super) fn finish_runs(&mut self) -> Vec<u32> {
        self.places = None;
        let mut runs: FastMap<Slot, u32> = FastMap::default();
        let of = |e: &Entry| slot(0, e.alike.currency, e.alike.rate_date);
        for e in self.entries.iter() {
            *runs.entry(of(e)).or_default() += 1;
        }
        // Each run's count becomes its first place in the order, in slot
        // order.
        let mut in_order: Vec<Slot> = runs.keys().copied().collect();
        in_order.sort_unstable();
        let mut at = 0u32;
        for run in in_order {
            if let Some(count) = runs.get_mut(&run) {
                at += std::mem::replace(count, at);
            }
        }
        let mut order = vec![0u32; self.entries.len()];
        for (place, e) in self.entries.iter().enumerate() {
            if let Some(at) = runs.get_mut(&of(e)) {
                order[*at as usize] = place as u32;
                *at += 1;
            }
        }
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    const CURRENCIES: [Currency; 3] = [Currency::EUR, Currency::USD, Currency::JPY];

    fn alike(currency: usize, day: Option<u32>) -> Alike {
        Alike {
            currency: CURRENCIES[currency],
            rate_date: day.and_then(|d| NaiveDate::from_num_days_from_ce_opt(738_000 + d as i32)),
            funded: None,
            schedule: 0,
        }
    }

    /// A key: the codes, the currency's place, the day.
    type Key = (Vec<u32>, usize, Option<u32>);

    proptest! {
        // Sums and counts as integers make them, through any growth and
        // any number of keys (packed or wide), with sums past what a
        // `Decimal` holds kept whole; the runs are every place once, in
        // slot order, first seen first.
        #[test]
        fn sums_agree_with_integers_and_runs_are_in_slot_order(
            width in 0usize..5,
            items in prop::collection::vec(
                (prop::collection::vec(0u32..3, 4), 0usize..3, prop::option::of(0u32..5), -1_000_000i64..1_000_000, any::<bool>()),
                0..600,
            ),
        ) {
            let mut alikes = Alikes::new(width);
            let mut expected: HashMap<Key, (i128, usize)> = HashMap::new();
            let mut first: Vec<Key> = Vec::new();
            for (codes, c, day, units, huge) in &items {
                let codes = &codes[..width];
                // A huge amount has 28 digits: two of them overflow a
                // `Decimal`, and the sum is kept whole.
                let amount = match huge {
                    true => Decimal::from_i128_with_scale(i128::from(*units) * 10i128.pow(22), 2),
                    false => Decimal::new(*units, 2),
                };
                let cents = amount.mantissa();
                let figure = Figure::exactly_in(CURRENCIES[*c], amount);
                let mut vetted = false;
                alikes.add(codes, alike(*c, *day), &figure, || { vetted = true; Ok(()) }).unwrap();
                let key = (codes.to_vec(), *c, *day);
                let e = expected.entry(key.clone()).or_insert_with(|| { first.push(key); (0, 0) });
                prop_assert_eq!(vetted, e.1 == 0, "vetted only when new");
                e.0 += cents;
                e.1 += 1;
            }
            prop_assert_eq!(alikes.len(), expected.len());
            for (place, key) in first.iter().enumerate() {
                let got = alikes.get(place as u32).unwrap();
                prop_assert_eq!(got.codes, key.0.as_slice());
                prop_assert_eq!(got.alike, &alike(key.1, key.2));
                let (cents, count) = expected[key];
                let sum = got.sum.whole(got.alike.currency).unwrap();
                match sum.figure().map(|f| f.exactly_stated()) {
                    // The same number of hundredths, at any scale.
                    Ok(Some(x)) => {
                        let (m, scale) = (x.mantissa(), x.scale());
                        prop_assert!(match scale.checked_sub(2) {
                            Some(up) => cents.checked_mul(10i128.pow(up)) == Some(m),
                            None => m.checked_mul(10i128.pow(2 - scale)) == Some(cents),
                        }, "{} for {} hundredths", x, cents);
                    }
                    // Only a sum past 96 bits of hundredths may come
                    // back as bounds, or not fit at all.
                    Ok(None) | Err(_) => prop_assert!(cents.unsigned_abs() >= 1u128 << 96),
                }
                prop_assert_eq!(got.count, count);
            }
            prop_assert!(alikes.get(first.len() as u32).is_none());
            let order = alikes.finish_runs();
            let mut seen = order.clone();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..first.len() as u32).collect::<Vec<_>>());
            let run = |p: &u32| {
                let a = alikes.get(*p).unwrap().alike;
                slot(0, a.currency, a.rate_date)
            };
            for w in order.windows(2) {
                prop_assert!(run(&w[0]) < run(&w[1]) || (run(&w[0]) == run(&w[1]) && w[0] < w[1]));
            }
        }
    }

    #[test]
    fn a_sum_takes_48_bytes() {
        // Spreading keeps one per distinct row: what a group costs.
        assert_eq!(std::mem::size_of::<Entry>(), 48);
    }

    #[test]
    fn a_qualified_figure_keeps_its_sum_whole() {
        let mut alikes = Alikes::new(1);
        let eur = |x: i64| Figure::exactly_in(Currency::EUR, Decimal::new(x, 0));
        let over = Figure::over(crate::Money::new(Decimal::TEN, Currency::EUR)).unwrap();
        alikes
            .add(&[7], alike(0, None), &eur(5), || Ok(()))
            .unwrap();
        alikes.add(&[7], alike(0, None), &over, || Ok(())).unwrap();
        alikes
            .add(&[7], alike(0, None), &eur(1), || Ok(()))
            .unwrap();
        alikes.add(&[8], alike(0, None), &over, || Ok(())).unwrap();
        for (place, shown) in [(0, "over €16"), (1, "over €10")] {
            let got = alikes.get(place).unwrap();
            assert!(matches!(got.sum, AlikeSum::Whole(_)));
            let figure = got.sum.whole(Currency::EUR).unwrap().figure().unwrap();
            assert_eq!(figure.to_string(), shown);
        }
        assert_eq!(alikes.get(0).map(|s| s.count), Some(3));
    }

    #[test]
    fn adding_many_stops_at_the_first_that_fails() {
        let mut alikes = Alikes::new(1);
        let eur = |x: i64| Figure::exactly_in(Currency::EUR, Decimal::new(x, 0));
        let items = [
            (alike(0, None), eur(1)),
            (alike(0, Some(1)), eur(2)),
            (alike(0, None), eur(3)),
            (alike(0, Some(2)), eur(4)),
            (alike(0, None), eur(5)),
        ];
        let refused = alikes.add_all(
            &items,
            &[7; 5],
            |(a, f)| (a, f),
            |(a, _)| match *a == alike(0, Some(2)) {
                true => Err(ErrorKind::Overflow {
                    operation: Operation::Grouping,
                }
                .into()),
                false => Ok(()),
            },
        );
        // The fourth is refused: the three before it are added, the one
        // after it is not.
        assert_eq!(refused.map_err(|(i, _)| i), Err(3));
        assert_eq!(alikes.len(), 2);
        let sum = alikes.get(0).map(|s| (s.count, s.sum.whole(Currency::EUR)));
        let sum = sum.and_then(|(n, s)| Some((n, s.ok()?.figure().ok()?)));
        assert_eq!(sum, Some((2, eur(4))));
        // Codes that are not one per item and key are refused at once.
        let refused = alikes.add_all(&items, &[7; 4], |(a, f)| (a, f), |_| Ok(()));
        assert_eq!(refused.map_err(|(i, _)| i), Err(0));
        assert_eq!(alikes.get(0).map(|s| s.count), Some(2));
    }

    #[test]
    fn a_vetting_error_adds_nothing() {
        let mut alikes = Alikes::new(1);
        let figure = Figure::exactly_in(Currency::EUR, Decimal::ONE);
        let refused = alikes.add(&[1], alike(0, None), &figure, || {
            Err(ErrorKind::Overflow {
                operation: Operation::Grouping,
            }
            .into())
        });
        assert!(refused.is_err());
        assert_eq!(alikes.len(), 0);
        alikes
            .add(&[1], alike(0, None), &figure, || Ok(()))
            .unwrap();
        assert_eq!(alikes.len(), 1);
        // Codes that are not the query's keys are refused.
        assert!(
            alikes
                .add(&[1, 2], alike(0, None), &figure, || Ok(()))
                .is_err()
        );
        assert_eq!(alikes.len(), 1);
        // Once the runs are made, nothing more is added.
        assert_eq!(alikes.finish_runs(), [0]);
        assert!(
            alikes
                .add(&[1], alike(0, None), &figure, || Ok(()))
                .is_err()
        );
        assert_eq!(alikes.get(0).map(|s| s.count), Some(1));
    }
}
