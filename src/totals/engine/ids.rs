//! The ids a total has seen, so that an id given twice is an error on
//! every path (a stream or a file is not a collection that checked them).
//!
//! This runs once per row of files of millions, so the common case — an
//! id never seen — must cost a few nanoseconds and no allocation: each id
//! goes into one byte arena, and one bit per value of its hash's top bits
//! is set in a table small enough to stay in the caches (about two bytes
//! per id). An id whose bit was already set *may* have been seen; it is
//! noted, and the notes are settled exactly — ids compared byte for byte
//! — when the total ends or another error is about to end it. The first
//! id given twice, in input order, is the one reported.

use std::hash::Hasher;

use super::hash::FastHasher;
use crate::Error;
use crate::error::{ErrorKind, Operation};

#[derive(Debug, Default)]
pub(crate) struct IdSet {
    /// One bit per value of a hash's top `log2` bits.
    bits: Vec<u64>,
    log2: u32,
    /// Per id, its hash's top 32 bits (to rebuild `bits` when it grows).
    tops: Vec<u32>,
    /// Where id n ends in `arena` (it starts where id n − 1 ends).
    ends: Vec<u32>,
    arena: Vec<u8>,
    /// Ids whose bit was set already, with the place of their pledge in
    /// the input (and the line of a file, where there is one).
    maybe: Vec<(usize, u64, Option<u64>)>,
    /// Ids whose bit is still to be set, a batch at a time: the table
    /// outgrows the caches of a small machine, and loads that do not
    /// depend on each other overlap.
    batch: Vec<(usize, u64, Option<u64>)>,
}

/// How many ids wait before their bits are set.
const BATCH: usize = 256;

impl IdSet {
    /// Adds the id of the pledge at `record`.
    ///
    /// # Errors
    ///
    /// More than 4 GiB of ids.
    pub(crate) fn insert(&mut self, id: &str, record: u64, line: Option<u64>) -> Result<(), Error> {
        self.arena.extend_from_slice(id.as_bytes());
        let Ok(end) = u32::try_from(self.arena.len()) else {
            return Err(ErrorKind::Overflow {
                operation: Operation::Grouping,
            }
            .into());
        };
        self.ends.push(end);
        if (self.tops.len() + 1) * 16 > self.bits.len() * 64 {
            self.grow();
        }
        self.tops.push(top(id.as_bytes()));
        self.batch.push((self.tops.len() - 1, record, line));
        if self.batch.len() == BATCH {
            self.set_batch();
        }
        Ok(())
    }

    /// Sets the bits of the batch's ids, noting those already set.
    fn set_batch(&mut self) {
        let shift = 32 - self.log2;
        let mut touched = 0u64;
        for &(n, ..) in &self.batch {
            touched ^= self.bits[(self.tops[n] >> shift) as usize / 64];
        }
        std::hint::black_box(touched);
        for i in 0..self.batch.len() {
            let (n, record, line) = self.batch[i];
            if !self.set(self.tops[n]) {
                self.maybe.push((n, record, line));
            }
        }
        self.batch.clear();
    }

    /// Sets the bit of `top`; whether it was clear.
    #[inline]
    fn set(&mut self, top: u32) -> bool {
        let i = (top >> (32 - self.log2)) as usize;
        let (word, bit) = (i / 64, 1u64 << (i % 64));
        let clear = self.bits[word] & bit == 0;
        self.bits[word] |= bit;
        clear
    }

    /// Doubles the bit table (at most 2³² bits), setting again the bits of
    /// the ids already set (the batch's are set when it is).
    fn grow(&mut self) {
        if self.log2 == 32 {
            return;
        }
        self.log2 = (self.log2 + 1).max(16);
        self.bits = vec![0; (1usize << self.log2) / 64];
        for i in 0..self.tops.len() - self.batch.len() {
            let top = self.tops[i];
            let i = (top >> (32 - self.log2)) as usize;
            self.bits[i / 64] |= 1 << (i % 64);
        }
    }

    fn get(&self, n: usize) -> &[u8] {
        let start = if n == 0 { 0 } else { self.ends[n - 1] as usize };
        &self.arena[start..self.ends[n] as usize]
    }

    /// Settles every id noted as maybe seen.
    ///
    /// # Errors
    ///
    /// The first id given twice (`DuplicateId`, naming its pledge).
    pub(crate) fn flush(&mut self) -> Result<(), Error> {
        self.set_batch();
        if self.maybe.is_empty() {
            return Ok(());
        }
        // Only ids whose bit some noted id shares can equal one: compare
        // those byte for byte, in input order.
        let shift = 32 - self.log2;
        let mut suspect = vec![0u64; self.bits.len()];
        for m in &self.maybe {
            let i = (self.tops[m.0] >> shift) as usize;
            suspect[i / 64] |= 1 << (i % 64);
        }
        // Few ids: the standard hasher, which spreads short byte strings well.
        let mut seen: std::collections::HashSet<&[u8]> = std::collections::HashSet::new();
        for n in 0..self.tops.len() {
            let i = (self.tops[n] >> shift) as usize;
            if suspect[i / 64] & (1 << (i % 64)) == 0 {
                continue;
            }
            if !seen.insert(self.get(n)) {
                // A repeated id had its bit set: it was noted.
                let (_, record, line) = self
                    .maybe
                    .iter()
                    .find(|m| m.0 == n)
                    .copied()
                    .unwrap_or((n, 0, None));
                let id = String::from_utf8_lossy(self.get(n)).into_owned();
                let e = Error::from(ErrorKind::DuplicateId { id: id.clone() })
                    .for_pledge(record, Some(&id));
                return Err(match line {
                    Some(line) => e.at_line(line),
                    None => e,
                });
            }
        }
        self.maybe.clear();
        Ok(())
    }

    /// `e`, unless an id given twice before it (or in its pledge) is still
    /// to be settled: the first error in input order.
    pub(crate) fn first(&mut self, e: Error) -> Error {
        match self.flush() {
            Err(earlier)
                if e.position()
                    .record()
                    .is_none_or(|r| earlier.position().record() <= Some(r)) =>
            {
                earlier
            }
            _ => e,
        }
    }
}

/// The top 32 bits of the id's hash, well mixed.
fn top(bytes: &[u8]) -> u32 {
    let mut h = FastHasher::default();
    h.write(bytes);
    let x = h.finish();
    ((x ^ (x << 29)) >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    proptest! {
        /// The first id given twice, in input order, is the one named,
        /// whenever it is settled; ids never given twice settle cleanly.
        #[test]
        fn the_first_duplicate_is_found(ids in prop::collection::vec("[a-c]{0,3}|[a-z0-9]{4,9}", 0..3000)) {
            let mut std = HashSet::new();
            let first = ids.iter().position(|id| !std.insert(id.clone()));
            let mut ours = IdSet::default();
            for (i, id) in ids.iter().enumerate() {
                ours.insert(id, i as u64 + 1, Some(i as u64 + 2)).unwrap();
            }
            let found = ours.flush().err().map(|e| {
                let p = e.position();
                (p.record(), p.pledge().map(str::to_owned), p.line())
            });
            prop_assert_eq!(found, first.map(|i| (Some(i as u64 + 1), Some(ids[i].clone()), Some(i as u64 + 2))));
        }
    }

    #[test]
    fn many_distinct_ids_settle_cleanly_as_the_table_grows() {
        let mut ids = IdSet::default();
        for i in 0..50_000u64 {
            ids.insert(&format!("p{i}"), i + 1, None).unwrap();
        }
        assert!(ids.flush().is_ok());
        ids.insert("p1234", 50_001, None).unwrap();
        let e = ids.flush().unwrap_err();
        assert_eq!(
            (e.position().record(), e.position().pledge()),
            (Some(50_001), Some("p1234"))
        );
    }
}
