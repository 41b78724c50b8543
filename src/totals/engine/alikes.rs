//! The sums of alike pledges, for queries that spread: each kind of
//! pledge summed once, before it is spread.
//!
//! Why not a `HashMap`: a million pledges make hundreds of thousands of
//! sums, and spreading wants them in runs of one currency and rate date.
//! Here the sums lie in a vector in the order first seen, found through an
//! index of their places (`places.rs`: open addressing, at most
//! three quarters full), so growing moves only the index, and the runs
//! are an order of places, not a second copy of the sums.

use std::hash::{BuildHasher, Hash};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::places::Places;
use super::slots::{Slot, slot};
use crate::error::{ErrorKind, Operation};
use crate::figure::FigureSum;
use crate::hash::FastMap;
use crate::{Currency, Error, Figure};

/// What makes pledges alike for a query that spreads: the same codes of
/// its keys (but the funded period's, which spreading gives), currency,
/// rate date and funded span, and no schedule of their own. Alike pledges
/// are summed before they are spread, so splitting a pledge in two never
/// changes a total; queries with the same other keys spread the same sums,
/// so their quarters, halves and years agree to the last digit. Only what
/// the query reads tells pledges apart: the sums are as many as the
/// query's distinct rows, not the file's.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) struct Alike {
    pub(super) codes: Codes,
    pub(super) currency: Currency,
    pub(super) rate_date: Option<NaiveDate>,
    /// The funded span's first and last days: spans written differently
    /// (`2025`, `2025-01-01..2025-12-31`) are the same days, spread alike.
    pub(super) funded: Option<(NaiveDate, NaiveDate)>,
    /// A pledge spread by its own schedule is spread alone: 1 + the place
    /// of its id in `Engine::schedules`, or 0.
    pub(super) schedule: u32,
}

/// Key codes: two packed in one number, more boxed. Spreading keeps one
/// per sum of alike pledges, so it is kept small.
#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) enum Codes {
    Narrow(u64),
    Wide(Box<[u32]>),
}

impl Codes {
    pub(super) fn of(codes: &[u32]) -> Codes {
        match codes {
            [] => Codes::Narrow(0),
            [a] => Codes::Narrow(u64::from(*a)),
            [a, b] => Codes::Narrow(u64::from(*a) << 32 | u64::from(*b)),
            _ => Codes::Wide(codes.into()),
        }
    }

    /// The `n` codes packed by [`Codes::of`], into `out`.
    pub(super) fn unpack(&self, n: usize, out: &mut Vec<u32>) {
        out.clear();
        match self {
            // Narrow codes are one or two of 32 bits: the casts take them
            // apart again.
            Codes::Narrow(x) => match n {
                0 => {}
                1 => out.push(*x as u32),
                _ => out.extend([(*x >> 32) as u32, *x as u32]),
            },
            Codes::Wide(codes) => out.extend_from_slice(codes),
        }
    }
}

/// The sum of alike pledges: a decimal while every term is exact and the
/// sum fits, as a [`FigureSum`] holds it until then; the whole
/// [`FigureSum`] from the first term that is not.
#[derive(Debug)]
pub(super) enum AlikeSum {
    Exact(Decimal),
    Any(Box<FigureSum>),
}

impl AlikeSum {
    fn of(figure: &Figure) -> Result<AlikeSum, Error> {
        match figure.exactly_stated() {
            Some(x) => Ok(AlikeSum::Exact(x)),
            None => {
                let mut sum = FigureSum::new(figure.currency());
                sum.add(figure)?;
                Ok(AlikeSum::Any(Box::new(sum)))
            }
        }
    }

    fn add(&mut self, figure: &Figure) -> Result<(), Error> {
        if let AlikeSum::Exact(x) = self {
            // The step `FigureSum` takes first, while the sum fits.
            match figure
                .exactly_stated()
                .and_then(|y| crate::exact::add(*x, y))
            {
                Some(sum) => {
                    *x = sum;
                    return Ok(());
                }
                None => *self = AlikeSum::Any(Box::new(self.whole(figure.currency())?)),
            }
        }
        match self {
            AlikeSum::Any(sum) => sum.add(figure),
            AlikeSum::Exact(_) => Ok(()),
        }
    }

    /// The sum as the [`FigureSum`] of its terms.
    pub(super) fn whole(&self, currency: Currency) -> Result<FigureSum, Error> {
        match self {
            AlikeSum::Exact(x) => {
                let mut sum = FigureSum::new(currency);
                sum.add_exact(*x)?;
                Ok(sum)
            }
            AlikeSum::Any(sum) => Ok(**sum),
        }
    }
}

/// A sum of alike pledges and how many pledges it holds.
pub(super) type Entry = (Alike, AlikeSum, usize);

/// The sums of alike pledges, in the order first seen.
#[derive(Debug, Default)]
pub(super) struct Alikes {
    entries: Vec<Entry>,
    /// Where each sum is, by its hash.
    places: Places,
}

impl Alikes {
    /// Adds `figure` to the sum of pledges like `alike`; `vet` checks a
    /// pledge that begins a new sum.
    ///
    /// # Errors
    ///
    /// The error of `vet`, or a sum that cannot be added to.
    pub(super) fn add(
        &mut self,
        alike: Alike,
        figure: &Figure,
        vet: impl FnOnce() -> Result<(), Error>,
    ) -> Result<(), Error> {
        let top = Places::top(crate::hash::FastBuild::default().hash_one(&alike));
        let entries = &self.entries;
        let found = self.places.find(top, |p| {
            entries.get(p as usize).is_some_and(|(a, ..)| *a == alike)
        });
        let vacant = match found {
            Ok(place) => {
                if let Some((_, sum, n)) = self.entries.get_mut(place as usize) {
                    sum.add(figure)?;
                    *n += 1;
                }
                return Ok(());
            }
            Err(vacant) => vacant,
        };
        vet()?;
        if self.places.next().is_none() {
            return Err(ErrorKind::Overflow {
                operation: Operation::Grouping,
            }
            .into());
        }
        self.entries.push((alike, AlikeSum::of(figure)?, 1));
        self.places.put(vacant);
        Ok(())
    }

    /// The sums, in the order first seen.
    #[cfg(test)]
    fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The sums, in the order first seen, and their places in runs of one
    /// currency and rate date, in slot order (currency, then date, undated
    /// first), each run in the order first seen; the index, and the
    /// vector's room to grow, are given back first.
    pub(super) fn into_runs(mut self) -> (Vec<Entry>, Vec<u32>) {
        drop(self.places);
        // Grown by doubling, the vector may be nearly half empty: the
        // spreading that follows needs that memory.
        self.entries.shrink_to_fit();
        let mut runs: FastMap<Slot, u32> = FastMap::default();
        let of = |(a, _, _): &Entry| slot(0, a.currency, a.rate_date);
        for e in &self.entries {
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
        (self.entries, order)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    const CURRENCIES: [Currency; 3] = [Currency::EUR, Currency::USD, Currency::JPY];

    fn alike(code: u32, currency: usize, day: Option<u32>) -> Alike {
        Alike {
            codes: Codes::of(&[code]),
            currency: CURRENCIES[currency],
            rate_date: day.and_then(|d| NaiveDate::from_num_days_from_ce_opt(738_000 + d as i32)),
            funded: None,
            schedule: 0,
        }
    }

    proptest! {
        // Sums and counts as a HashMap makes them, through any growth; the
        // runs are every place once, in slot order, first seen first.
        #[test]
        fn sums_agree_with_a_hash_map_and_runs_are_in_slot_order(
            items in prop::collection::vec((0u32..40, 0usize..3, prop::option::of(0u32..5), -1_000_000i64..1_000_000), 0..600),
        ) {
            let mut alikes = Alikes::default();
            let mut expected: HashMap<(u32, usize, Option<u32>), (i64, usize)> = HashMap::new();
            let mut first: Vec<(u32, usize, Option<u32>)> = Vec::new();
            for (code, c, day, cents) in &items {
                let figure = Figure::exactly_in(CURRENCIES[*c], Decimal::new(*cents, 2));
                let mut vetted = false;
                alikes.add(alike(*code, *c, *day), &figure, || { vetted = true; Ok(()) }).unwrap();
                let key = (*code, *c, *day);
                let e = expected.entry(key).or_insert_with(|| { first.push(key); (0, 0) });
                prop_assert_eq!(vetted, e.1 == 0, "vetted only when new");
                e.0 += cents;
                e.1 += 1;
            }
            prop_assert_eq!(alikes.entries().len(), expected.len());
            for ((a, sum, n), key) in alikes.entries().iter().zip(&first) {
                prop_assert_eq!(a, &alike(key.0, key.1, key.2));
                let (cents, count) = expected[key];
                let got = sum.whole(a.currency).unwrap().figure().unwrap();
                prop_assert_eq!(got.exactly_stated(), Some(Decimal::new(cents, 2)));
                prop_assert_eq!(*n, count);
            }
            let (entries, order) = alikes.into_runs();
            let mut seen = order.clone();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..first.len() as u32).collect::<Vec<_>>());
            let run = |p: &u32| {
                let (a, _, _) = &entries[*p as usize];
                slot(0, a.currency, a.rate_date)
            };
            for w in order.windows(2) {
                prop_assert!(run(&w[0]) < run(&w[1]) || (run(&w[0]) == run(&w[1]) && w[0] < w[1]));
            }
        }
    }

    #[test]
    fn a_vetting_error_adds_nothing() {
        let mut alikes = Alikes::default();
        let figure = Figure::exactly_in(Currency::EUR, Decimal::ONE);
        let refused = alikes.add(alike(1, 0, None), &figure, || {
            Err(ErrorKind::Overflow {
                operation: Operation::Grouping,
            }
            .into())
        });
        assert!(refused.is_err());
        assert!(alikes.entries().is_empty());
        alikes.add(alike(1, 0, None), &figure, || Ok(())).unwrap();
        assert_eq!(alikes.entries().len(), 1);
    }
}
