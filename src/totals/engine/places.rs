//! An index of places: the positions of entries kept elsewhere, in the
//! order they came, found by hash. Open addressing, a power of two long
//! and at most three quarters full; each place keeps the top 32 bits of
//! its entry's hash, which say where it belongs in a larger index and tell
//! most other entries apart without reading them, so growing reads no
//! entry again. Entries cost their own size and 8 bytes a place, against
//! a map's key, value and padding per bucket.

/// Marks an empty place.
const EMPTY: u32 = u32::MAX;

/// The most entries: the index (at most 2^32 places) stays at most three
/// quarters full, so probing always ends.
const MOST: usize = 3 << 30;

/// Places of entries, found by their hashes.
#[derive(Debug)]
pub(super) struct Places {
    /// Per place: an entry's position (or [`EMPTY`]) and its hash's top.
    index: Vec<(u32, u32)>,
    len: usize,
}

/// Where a new entry goes: what a search that found none gives.
#[derive(Debug)]
pub(super) struct Vacant {
    at: usize,
    top: u32,
}

impl Default for Places {
    fn default() -> Self {
        Places {
            index: vec![(EMPTY, 0); 64],
            len: 0,
        }
    }
}

impl Places {
    /// The top 32 bits of `hash` mixed once more, which depend on every
    /// bit of it.
    pub(super) fn top(hash: u64) -> u32 {
        // The shift leaves 32 bits.
        (hash.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as u32
    }

    /// Where probing starts in an index of `len` places (a power of two,
    /// at most 2^32): the top bits of `top`.
    fn home(top: u32, len: usize) -> usize {
        let bits = len.trailing_zeros();
        (u64::from(top) >> (32 - bits.min(32))) as usize
    }

    /// What the index holds where probing for `top` starts: read ahead of
    /// a search, so that the search finds it in the cache.
    pub(super) fn first(&self, top: u32) -> u32 {
        let i = Places::home(top, self.index.len());
        self.index.get(i).map_or(EMPTY, |(place, _)| *place)
    }

    /// The position of the entry whose hash has `top` and which `is`
    /// says is the one; else where a new one goes.
    pub(super) fn find(&self, top: u32, mut is: impl FnMut(u32) -> bool) -> Result<u32, Vacant> {
        let mask = self.index.len() - 1;
        let mut i = Places::home(top, self.index.len());
        loop {
            let (place, tag) = self.index[i];
            if place == EMPTY {
                return Err(Vacant { at: i, top });
            }
            if tag == top && is(place) {
                return Ok(place);
            }
            i = (i + 1) & mask;
        }
    }

    /// The position the next entry takes: the number of entries, if
    /// there is room for one more.
    pub(super) fn next(&self) -> Option<u32> {
        u32::try_from(self.len)
            .ok()
            .filter(|p| (*p as usize) < MOST)
    }

    /// Puts the next entry (at [`Places::next`]) where `vacant`, from a
    /// search since which nothing was put, says.
    pub(super) fn put(&mut self, vacant: Vacant) {
        let Some(place) = self.next() else {
            return;
        };
        self.index[vacant.at] = (place, vacant.top);
        self.len += 1;
        if self.len * 4 > self.index.len() * 3 {
            self.grow();
        }
    }

    /// Doubles the index, from the tops it keeps.
    fn grow(&mut self) {
        let len = self.index.len() * 2;
        let old = std::mem::replace(&mut self.index, vec![(EMPTY, 0); len]);
        let mask = len - 1;
        for (place, top) in old {
            if place != EMPTY {
                let mut i = Places::home(top, len);
                while self.index[i].0 != EMPTY {
                    i = (i + 1) & mask;
                }
                self.index[i] = (place, top);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Against a map: every key found at the position it was put,
        /// none found before, through growing, with hashes that collide.
        #[test]
        fn places_agree_with_a_map(keys in proptest::collection::vec(0u32..3000, 0..2000)) {
            let mut places = Places::default();
            let mut entries: Vec<u32> = Vec::new();
            let mut map = std::collections::HashMap::new();
            for key in keys {
                // Few distinct hashes: tops collide, and `is` decides.
                let top = Places::top(u64::from(key % 97));
                match places.find(top, |p| entries[p as usize] == key) {
                    Ok(p) => prop_assert_eq!(map.get(&key), Some(&p)),
                    Err(vacant) => {
                        prop_assert!(!map.contains_key(&key));
                        let p = places.next().unwrap();
                        prop_assert_eq!(p as usize, entries.len());
                        places.put(vacant);
                        entries.push(key);
                        map.insert(key, p);
                    }
                }
            }
            prop_assert!(places.len * 4 <= places.index.len() * 3);
        }
    }
}
