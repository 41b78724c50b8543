//! The table of exact sums per slot: the hot spot of totals over large
//! files.
//!
//! Why not a `HashMap`: with a million pledges there are hundreds of
//! thousands of slots, far more than the caches hold, so each addition
//! waits on memory. A `HashMap` reads its control bytes and then its entry,
//! two waits in a row; here a slot's key and sum share one cache line, and
//! [`SlotTable::add_all`] first touches every slot of a batch with loads
//! that do not depend on each other, which the processor overlaps.

use rust_decimal::Decimal;

use crate::Error;

/// Marks an empty entry: real slots keep their top 32 bits zero.
const EMPTY: u128 = u128::MAX;

/// Exact decimal sums keyed by slot (open addressing, linear probing, at
/// most three quarters full: a smaller table spans fewer memory pages, and
/// a longer probe mostly stays within a cache line or the next).
#[derive(Debug, Clone)]
pub(super) struct SlotTable {
    entries: Vec<(u128, Decimal)>,
    len: usize,
    /// log2 of the capacity.
    bits: u32,
}

impl Default for SlotTable {
    fn default() -> Self {
        SlotTable::with_bits(6)
    }
}

impl SlotTable {
    fn with_bits(bits: u32) -> SlotTable {
        SlotTable {
            entries: vec![(EMPTY, Decimal::ZERO); 1 << bits],
            len: 0,
            bits,
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
                entry.1 = entry.1.checked_add(x).ok_or(Error::Overflow {
                    operation: "addition",
                })?;
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

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.entries);
        *self = SlotTable::with_bits(self.bits + 1);
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

    /// Every slot with its sum, in no particular order.
    pub(super) fn into_vec(self) -> Vec<(u128, Decimal)> {
        self.entries
            .into_iter()
            .filter(|(slot, _)| *slot != EMPTY)
            .collect()
    }
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
        let v: HashMap<u128, Decimal> = t.clone().into_vec().into_iter().collect();
        // Slot 7 got 7, 307, 607 and 907 hundredths.
        assert_eq!(v[&7], Decimal::new(1828, 2));
        t.add(5, Decimal::MAX).unwrap_err();
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
                let got: HashMap<u128, Decimal> = t.into_vec().into_iter().collect();
                prop_assert_eq!(&got, &expected);
            }
        }
    }
}
