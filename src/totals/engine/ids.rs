//! The ids a total has seen, so that an id given twice is an error on
//! every path (a stream or a file is not a collection that checked them).
//!
//! One open-addressing table of `u64` entries — the high half of the id's
//! hash, which also picks its slot (so growing moves entries without
//! hashing again), and the id's number — over one byte arena of every id:
//! a few bytes per id and no allocation per id, since this runs once per
//! row of a file of millions. Ids are looked up a batch at a time, as the
//! engine's sums are: the table outgrows the caches, and loads that do not
//! depend on each other overlap. The first duplicate in input order is the
//! one reported, whatever the batch.

use std::hash::Hasher;

use super::hash::FastHasher;
use crate::Error;
use crate::error::{ErrorKind, Operation};

/// How many ids wait before they are looked up.
const BATCH: usize = 512;

#[derive(Debug, Default)]
pub(crate) struct IdSet {
    /// 0 = empty; else (hash's high 32 bits) << 32 | (id number + 1).
    slots: Vec<u64>,
    /// Where id n ends in `arena` (it starts where id n − 1 ends).
    ends: Vec<u32>,
    arena: Vec<u8>,
    /// Ids in `ends` from this number on are not in `slots` yet; with
    /// each, its hash and the place of its pledge in the input (and the
    /// line of a file, where there is one).
    first_pending: usize,
    pending: Vec<(u64, u64, Option<u64>)>,
}

impl IdSet {
    /// Adds the id of the pledge at `record`; looks up a batch when one is
    /// full.
    ///
    /// # Errors
    ///
    /// The first id of the batch given before (`DuplicateId`, naming its
    /// pledge), or more than 2³² ids.
    pub(crate) fn insert(&mut self, id: &str, record: u64, line: Option<u64>) -> Result<(), Error> {
        self.arena.extend_from_slice(id.as_bytes());
        let Ok(end) = u32::try_from(self.arena.len()) else {
            // More than 4 GiB of ids.
            return Err(ErrorKind::Overflow {
                operation: Operation::Grouping,
            }
            .into());
        };
        self.ends.push(end);
        self.pending.push((hash(id.as_bytes()), record, line));
        if self.pending.len() == BATCH {
            self.flush()?;
        }
        Ok(())
    }

    /// Looks up every id waiting.
    ///
    /// # Errors
    ///
    /// As [`IdSet::insert`].
    pub(crate) fn flush(&mut self) -> Result<(), Error> {
        if self.pending.is_empty() {
            return Ok(());
        }
        if self.ends.len() >= u32::MAX as usize {
            return Err(ErrorKind::Overflow {
                operation: Operation::Grouping,
            }
            .into());
        }
        while self.ends.len() * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut seen = 0u64;
        for (hash, ..) in &self.pending {
            seen ^= self.slots[home(*hash, mask)];
        }
        std::hint::black_box(seen);
        let pending = std::mem::take(&mut self.pending);
        for (k, &(hash, record, line)) in pending.iter().enumerate() {
            let n = self.first_pending + k;
            if let Some(twice) = self.place(hash, n) {
                let id = String::from_utf8_lossy(self.get(twice)).into_owned();
                let e = Error::from(ErrorKind::DuplicateId { id: id.clone() })
                    .for_pledge(record, Some(&id));
                return Err(match line {
                    Some(line) => e.at_line(line),
                    None => e,
                });
            }
        }
        self.first_pending = self.ends.len();
        self.pending = pending;
        self.pending.clear();
        Ok(())
    }

    /// `e`, unless an id given twice before it (or in its pledge) is still
    /// waiting to be found: the first error in input order.
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

    /// Puts id `n` in its slot; the number of the equal id already there,
    /// if one is.
    fn place(&mut self, hash: u64, n: usize) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let tag = hash & !0xffff_ffff;
        let mut i = home(hash, mask);
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                self.slots[i] = tag | (n as u64 + 1);
                return None;
            }
            let other = (slot & 0xffff_ffff) as usize - 1;
            if slot & !0xffff_ffff == tag && self.get(other) == self.get(n) {
                return Some(n);
            }
            i = (i + 1) & mask;
        }
    }

    fn get(&self, n: usize) -> &[u8] {
        let start = if n == 0 { 0 } else { self.ends[n - 1] as usize };
        &self.arena[start..self.ends[n] as usize]
    }

    /// Doubles the table, placing again the ids already in it.
    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![0u64; size]);
        let mask = size - 1;
        for slot in old.into_iter().filter(|&s| s != 0) {
            let mut i = home(slot, mask);
            while self.slots[i] != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }
}

/// The slot an entry (or a hash) starts probing from: its high half.
fn home(hash: u64, mask: usize) -> usize {
    ((hash >> 32) as usize) & mask
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = FastHasher::default();
    h.write(bytes);
    // The high half picks the slot and tells ids apart: mix the low bits in.
    let x = h.finish();
    x ^ (x << 29)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    proptest! {
        /// The first id given twice, in input order, is the one named,
        /// whatever the batch it falls in.
        #[test]
        fn the_first_duplicate_is_found(ids in prop::collection::vec("[a-c]{0,3}", 0..3000)) {
            let mut std = HashSet::new();
            let first = ids.iter().position(|id| !std.insert(id.clone()));
            let mut ours = IdSet::default();
            let mut found = None;
            for (i, id) in ids.iter().enumerate() {
                if let Err(e) = ours.insert(id, i as u64 + 1, None) {
                    found = Some(e);
                    break;
                }
            }
            let found = match found {
                Some(e) => Some(e),
                None => ours.flush().err(),
            };
            let found = found.map(|e| (e.position().record(), e.position().pledge().map(str::to_owned)));
            prop_assert_eq!(found, first.map(|i| (Some(i as u64 + 1), Some(ids[i].clone()))));
        }
    }
}
