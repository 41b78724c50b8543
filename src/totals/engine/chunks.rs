//! A vector kept in chunks of a fixed length: growing never moves what it
//! holds, so it never needs room for two copies (a `Vec` that doubles
//! holds the old and the new buffer at once). What it costs is its
//! entries and one chunk's room.

/// log2 of a chunk's length.
const BITS: u32 = 12;
const CHUNK: usize = 1 << BITS;

/// Entries in chunks of [`CHUNK`]; the first grows as a `Vec` does, so a
/// few entries take little room.
#[derive(Debug)]
pub(super) struct Chunks<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Default for Chunks<T> {
    fn default() -> Self {
        Chunks {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Chunks<T> {
    /// The number of entries.
    pub(super) fn len(&self) -> usize {
        self.len
    }

    pub(super) fn push(&mut self, x: T) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < CHUNK => last.push(x),
            _ => {
                let mut chunk = if self.chunks.is_empty() {
                    Vec::new()
                } else {
                    Vec::with_capacity(CHUNK)
                };
                chunk.push(x);
                self.chunks.push(chunk);
            }
        }
        self.len += 1;
    }

    pub(super) fn get(&self, i: usize) -> Option<&T> {
        self.chunks.get(i >> BITS)?.get(i & (CHUNK - 1))
    }

    pub(super) fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        self.chunks.get_mut(i >> BITS)?.get_mut(i & (CHUNK - 1))
    }

    /// The entries in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &T> {
        self.chunks.iter().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// As a `Vec`: the same entries at the same places, in order,
        /// across chunk boundaries.
        #[test]
        fn chunks_hold_what_a_vec_holds(n in 0usize..3 * CHUNK, probe in 0usize..4 * CHUNK) {
            let mut chunks = Chunks::default();
            for i in 0..n {
                chunks.push(i);
            }
            prop_assert_eq!(chunks.len(), n);
            prop_assert_eq!(chunks.get(probe).copied(), (probe < n).then_some(probe));
            if let Some(x) = chunks.get_mut(probe) {
                *x += 1;
            }
            let mut expected: Vec<usize> = (0..n).collect();
            if let Some(x) = expected.get_mut(probe) {
                *x += 1;
            }
            prop_assert!(chunks.iter().eq(expected.iter()));
        }
    }
}
