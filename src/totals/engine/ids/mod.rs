//! The ids a total has seen, so that an id given twice is an error on
//! every path (a stream or a file is not a collection that checked them).
//!
//! This runs once per row of files of millions, so the common case — an
//! id never seen — must cost a few nanoseconds and no allocation, and a
//! file's ids must not cost memory in proportion to the file where that
//! can be helped. Two places keep them, each id in one only (the choice is
//! made by the id and its prefix's history, never by chance):
//!
//! - ids that end in a number (`p1`, `12345`, `XM-DAC-41114-PROJECT-00088`)
//!   are kept as runs of consecutive numbers per prefix ([`runs`]): a file
//!   numbered in order costs a few runs whatever its length, and an id
//!   given twice is found as it comes;
//! - the others, and the prefixes whose runs grow fragmented, go into one
//!   byte arena after their length, and one bit per value of their hash's
//!   top bits is set in a table small enough to stay in the caches (about
//!   two bytes per id). Such an id costs its length, one byte more (nine
//!   for ids of 255 bytes and more), and its bits. An id whose bit was
//!   already set *may* have been seen; it is noted, and the notes are
//!   settled exactly — ids compared byte for byte — when the total ends or
//!   another error is about to end it.
//!
//! The first id given twice, in input order, is the one reported.

mod runs;

use std::hash::Hasher;

use crate::Error;
use crate::error::ErrorKind;
use crate::hash::FastHasher;
use runs::{Added, Numbered};

/// Every id seen, in whichever place keeps it.
#[derive(Debug, Default)]
pub(crate) struct IdSet {
    numbered: Numbered,
    hashed: Hashed,
    /// The first numbered id given twice, as it came: its id, the place of
    /// its pledge and its line.
    twice: Option<(Box<str>, u64, Option<u64>)>,
}

impl IdSet {
    /// An id set whose numbered prefixes go to the arena at `spill` runs
    /// (tests reach the hand-over with few ids).
    #[cfg(test)]
    fn spilling_at(spill: usize) -> IdSet {
        IdSet {
            numbered: Numbered::spilling_at(spill),
            ..IdSet::default()
        }
    }

    /// Adds the id of the pledge at `record`.
    pub(crate) fn insert(&mut self, id: &str, record: u64, line: Option<u64>) {
        match self.numbered.add(id.as_bytes()) {
            Added::New => {}
            Added::Twice => {
                self.twice.get_or_insert_with(|| (id.into(), record, line));
            }
            // None of the spilled ids is given twice yet (the runs would
            // have said so), so none needs its place: only a later one
            // that repeats it, which the arena notes.
            Added::Spill(k) => {
                let hashed = &mut self.hashed;
                self.numbered.spill(k, |id| hashed.insert(id, 0, None));
            }
            Added::Elsewhere => self.hashed.insert(id.as_bytes(), record, line),
        }
    }

    /// Settles every id noted as maybe seen.
    ///
    /// # Errors
    ///
    /// The first id given twice (`DuplicateId`, naming its pledge).
    pub(crate) fn flush(&mut self) -> Result<(), Error> {
        let hashed = self.hashed.flush();
        let Some((id, record, line)) = &self.twice else {
            return hashed;
        };
        match hashed {
            Err(e) if e.position().record() <= Some(*record) => Err(e),
            _ => Err(twice(id, *record, *line)),
        }
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

/// The error of `id` given again by the pledge at `record`.
fn twice(id: &str, record: u64, line: Option<u64>) -> Error {
    Error::from(ErrorKind::DuplicateId { id: id.to_owned() }).for_pledge_at(record, Some(id), line)
}

/// Ids kept whole, with bits of their hashes.
#[derive(Debug, Default)]
struct Hashed {
    /// One bit per value of a hash's top `log2` bits.
    bits: Vec<u64>,
    log2: u32,
    /// The ids one after another, each after its length: one byte below
    /// 255, or 255 and eight bytes. Nothing else is kept per id — hashes
    /// are worked out again when the bit table grows or is settled — since
    /// a file of millions keeps every id to the end.
    arena: Vec<u8>,
    /// How many ids `arena` holds.
    count: usize,
    /// Ids whose bit was set already: where each starts in `arena`, with
    /// the place of its pledge in the input (and the line of a file,
    /// where there is one).
    maybe: Vec<(usize, u64, Option<u64>)>,
    /// Ids whose bit is still to be set, a batch at a time, with their
    /// hashes' tops: the table outgrows the caches of a small machine,
    /// and loads that do not depend on each other overlap.
    batch: Vec<(usize, u32, u64, Option<u64>)>,
}

/// How many ids wait before their bits are set.
const BATCH: usize = 256;

/// The length byte that says eight length bytes follow.
const LONG: u8 = u8::MAX;

impl Hashed {
    /// Adds the id of the pledge at `record`.
    fn insert(&mut self, bytes: &[u8], record: u64, line: Option<u64>) {
        let start = self.arena.len();
        match u8::try_from(bytes.len()) {
            Ok(len) if len < LONG => self.arena.push(len),
            _ => {
                self.arena.push(LONG);
                self.arena
                    .extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            }
        }
        self.arena.extend_from_slice(bytes);
        self.count += 1;
        if self.count * 16 > self.bits.len() * 64 {
            self.grow();
        }
        self.batch.push((start, top(bytes), record, line));
        if self.batch.len() == BATCH {
            self.set_batch();
        }
    }

    /// Sets the bits of the batch's ids, noting those already set.
    fn set_batch(&mut self) {
        let shift = 32 - self.log2;
        let mut touched = 0u64;
        for &(_, top, ..) in &self.batch {
            touched ^= self.bits[(top >> shift) as usize / 64];
        }
        std::hint::black_box(touched);
        for i in 0..self.batch.len() {
            let (start, top, record, line) = self.batch[i];
            if !self.set(top) {
                self.maybe.push((start, record, line));
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
        let set = self.count - 1 - self.batch.len();
        let shift = 32 - self.log2;
        let bits = &mut self.bits;
        in_chunks(Ids::new(&self.arena).take(set), |_, top| {
            let i = (top >> shift) as usize;
            bits[i / 64] |= 1 << (i % 64);
        });
    }

    /// Settles every id noted as maybe seen: the first given twice.
    fn flush(&mut self) -> Result<(), Error> {
        self.set_batch();
        if self.maybe.is_empty() {
            return Ok(());
        }
        // Only ids whose bit some noted id shares can equal one: compare
        // those byte for byte, in the arena's order. That is the input's
        // order for every id that can repeat another: spilled runs come in
        // out of order, but hold none given twice.
        let shift = 32 - self.log2;
        let mut suspect = vec![0u64; self.bits.len()];
        for &(start, ..) in &self.maybe {
            let i = (top(id_at(&self.arena, start)) >> shift) as usize;
            suspect[i / 64] |= 1 << (i % 64);
        }
        // Few ids: the standard hasher, which spreads short byte strings well.
        let mut seen: std::collections::HashSet<&[u8]> = std::collections::HashSet::new();
        let mut repeated = None;
        in_chunks(Ids::new(&self.arena), |start, top| {
            let i = (top >> shift) as usize;
            if repeated.is_some() || suspect[i / 64] & (1 << (i % 64)) == 0 {
                return;
            }
            if !seen.insert(id_at(&self.arena, start)) {
                repeated = Some(start);
            }
        });
        if let Some(start) = repeated {
            // A repeated id had its bit set: it was noted.
            let (_, record, line) = self
                .maybe
                .iter()
                .find(|m| m.0 == start)
                .copied()
                .unwrap_or((0, 0, None));
            let id = String::from_utf8_lossy(id_at(&self.arena, start));
            return Err(twice(&id, record, line));
        }
        self.maybe.clear();
        Ok(())
    }
}

/// The id starting at `start` in an arena, and where the next starts.
fn next_id(arena: &[u8], start: usize) -> Option<(&[u8], usize)> {
    let (&len, rest) = arena.get(start..)?.split_first()?;
    let (len, skip) = match len {
        LONG => {
            let eight = rest.get(..8)?.try_into().ok()?;
            (usize::try_from(u64::from_le_bytes(eight)).ok()?, 9)
        }
        len => (usize::from(len), 1),
    };
    let from = start + skip;
    let id = arena.get(from..from.checked_add(len)?)?;
    Some((id, from + len))
}

/// The id starting at `start` in an arena (empty if none does).
fn id_at(arena: &[u8], start: usize) -> &[u8] {
    next_id(arena, start).map_or(&[], |(id, _)| id)
}

/// An arena's ids in order, each with where it starts.
struct Ids<'a> {
    arena: &'a [u8],
    at: usize,
}

impl<'a> Ids<'a> {
    fn new(arena: &'a [u8]) -> Ids<'a> {
        Ids { arena, at: 0 }
    }
}

impl<'a> Iterator for Ids<'a> {
    type Item = (usize, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let start = self.at;
        let (id, next) = next_id(self.arena, start)?;
        self.at = next;
        Some((start, id))
    }
}

/// Calls `f` with where each id starts and its hash's top, working out a
/// chunk of hashes before `f` sees them: `f` looks a bit up in a table
/// larger than the caches, and lookups that do not wait on hashing overlap.
fn in_chunks<'a>(ids: impl Iterator<Item = (usize, &'a [u8])>, mut f: impl FnMut(usize, u32)) {
    let mut chunk = Vec::with_capacity(BATCH);
    let mut ids = ids.peekable();
    while ids.peek().is_some() {
        chunk.clear();
        chunk.extend(ids.by_ref().take(BATCH).map(|(start, id)| (start, top(id))));
        for &(start, top) in &chunk {
            f(start, top);
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

    /// The first id given twice in `ids` as `set` reports it, and as a
    /// standard set finds it.
    fn first_twice(mut set: IdSet, ids: &[String]) -> (Option<Found>, Option<Found>) {
        let mut std = HashSet::new();
        let first = ids.iter().position(|id| !std.insert(id.clone()));
        for (i, id) in ids.iter().enumerate() {
            set.insert(id, i as u64 + 1, Some(i as u64 + 2));
        }
        let found = set.flush().err().map(|e| {
            let p = e.position();
            (p.record(), p.pledge().map(str::to_owned), p.line())
        });
        let expected =
            first.map(|i| (Some(i as u64 + 1), Some(ids[i].clone()), Some(i as u64 + 2)));
        (found, expected)
    }

    type Found = (Option<u64>, Option<String>, Option<u64>);

    proptest! {
        /// The first id given twice, in input order, is the one named,
        /// whenever it is settled; ids never given twice settle cleanly.
        /// Ids of every shape: without digits, with digits inside, ending
        /// in numbers of one prefix or of many (more than are kept as
        /// runs), with and without leading zeros, their runs kept or
        /// spilled to the arena early.
        #[test]
        fn the_first_duplicate_is_found(
            ids in prop::collection::vec("[a-c]{0,3}|[a-z0-9]{4,9}|[pq]?0?[0-9]{1,2}|[0-9]{18,21}", 0..3000),
            spill in 1usize..6,
        ) {
            let (found, expected) = first_twice(IdSet::default(), &ids);
            prop_assert_eq!(found, expected);
            let (found, expected) = first_twice(IdSet::spilling_at(spill), &ids);
            prop_assert_eq!(found, expected);
        }

        /// Numbered ids that mostly count up, with jumps forward and back
        /// (so runs close, reopen below others and meet their ceilings),
        /// under three prefixes.
        #[test]
        fn numbered_ids_in_runs_find_the_first_duplicate(
            steps in prop::collection::vec((0..3usize, -4i64..6), 0..3000),
            spill in 1usize..40,
        ) {
            let mut next = [0i64; 3];
            let ids: Vec<String> = steps
                .iter()
                .map(|&(p, step)| {
                    next[p] = (next[p] + step).max(0);
                    format!("{}{}", ["p", "", "XM-DAC-7-0"][p], next[p])
                })
                .collect();
            let (found, expected) = first_twice(IdSet::default(), &ids);
            prop_assert_eq!(found, expected);
            let (found, expected) = first_twice(IdSet::spilling_at(spill), &ids);
            prop_assert_eq!(found, expected);
        }
    }

    #[test]
    fn a_numbered_duplicate_after_an_earlier_hashed_one_is_second() {
        let ids: Vec<String> = ["a", "p1", "p2", "a", "p1"].map(String::from).to_vec();
        let (found, expected) = first_twice(IdSet::default(), &ids);
        assert_eq!(found, expected);
        assert_eq!(found.and_then(|f| f.0), Some(4));
        let ids: Vec<String> = ["a", "p1", "p2", "p1", "a"].map(String::from).to_vec();
        let (found, _) = first_twice(IdSet::default(), &ids);
        assert_eq!(found.and_then(|f| f.0), Some(4));
    }

    /// Ids of 255 bytes and more are kept with a longer length.
    #[test]
    fn long_ids_are_kept_whole() {
        let mut ids = IdSet::default();
        let long = |c: char, n: usize| c.to_string().repeat(n);
        for (i, n) in [1usize, 2, 254, 255, 256, 70_000].into_iter().enumerate() {
            ids.insert(&long('a', n), i as u64 + 1, None);
            ids.insert(&long('b', n), i as u64 + 100, None);
        }
        assert!(ids.flush().is_ok());
        ids.insert(&long('b', 255), 500, None);
        let e = ids.flush().unwrap_err();
        assert_eq!(
            (e.position().record(), e.position().pledge()),
            (Some(500), Some(long('b', 255).as_str()))
        );
    }

    #[test]
    fn many_distinct_ids_settle_cleanly_as_the_table_grows() {
        let mut ids = IdSet::default();
        for i in 0..50_000u64 {
            ids.insert(&format!("p{i}"), i + 1, None);
        }
        assert!(ids.flush().is_ok());
        ids.insert("p1234", 50_001, None);
        let e = ids.flush().unwrap_err();
        assert_eq!(
            (e.position().record(), e.position().pledge()),
            (Some(50_001), Some("p1234"))
        );
    }
}
