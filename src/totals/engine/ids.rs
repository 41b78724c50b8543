//! The ids a total has seen, so that an id given twice is an error on
//! every path (a stream or a file is not a collection that checked them).
//!
//! One open-addressing table of `u64` entries — the id's hash in the high
//! half, its number in the low half — over one byte arena holding every id:
//! a few bytes per id and no allocation per id, since this runs once per
//! row of a file of millions.

use std::hash::Hasher;

use super::hash::FastHasher;

#[derive(Debug, Default)]
pub(crate) struct IdSet {
    /// 0 = empty; else (hash's high 32 bits) << 32 | (id number + 1).
    slots: Vec<u64>,
    /// Where id n ends in `arena` (it starts where id n − 1 ends).
    ends: Vec<usize>,
    arena: Vec<u8>,
}

impl IdSet {
    /// Adds `id`; `false` if it was there already.
    pub(crate) fn insert(&mut self, id: &str) -> bool {
        if (self.ends.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let hash = hash(id.as_bytes());
        let mask = self.slots.len() - 1;
        let tag = hash & !0xffff_ffff;
        let mut i = (hash as usize) & mask;
        loop {
            let slot = self.slots[i];
            if slot == 0 {
                break;
            }
            if slot & !0xffff_ffff == tag
                && self.get((slot & 0xffff_ffff) as usize - 1) == id.as_bytes()
            {
                return false;
            }
            i = (i + 1) & mask;
        }
        self.arena.extend_from_slice(id.as_bytes());
        self.ends.push(self.arena.len());
        self.slots[i] = tag | self.ends.len() as u64;
        true
    }

    fn get(&self, n: usize) -> &[u8] {
        let start = if n == 0 { 0 } else { self.ends[n - 1] };
        &self.arena[start..self.ends[n]]
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let mut slots = vec![0u64; size];
        let mask = size - 1;
        for n in 0..self.ends.len() {
            let hash = hash(self.get(n));
            let mut i = (hash as usize) & mask;
            while slots[i] != 0 {
                i = (i + 1) & mask;
            }
            slots[i] = (hash & !0xffff_ffff) | (n as u64 + 1);
        }
        self.slots = slots;
    }
}

fn hash(bytes: &[u8]) -> u64 {
    let mut h = FastHasher::default();
    h.write(bytes);
    // The low bits pick the slot, the high ones tell ids apart: mix both.
    let x = h.finish();
    x ^ (x >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    proptest! {
        #[test]
        fn agrees_with_a_hash_set(ids in prop::collection::vec("[a-c]{0,3}", 0..3000)) {
            let mut ours = IdSet::default();
            let mut std = HashSet::new();
            for id in &ids {
                prop_assert_eq!(ours.insert(id), std.insert(id.clone()));
            }
        }
    }
}
