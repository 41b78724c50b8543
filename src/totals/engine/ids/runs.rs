//! Numbered ids kept as runs of numbers.
//!
//! Trackers number their rows: `p1`, `p2`, …, `12345`,
//! `XM-DAC-41114-PROJECT-00088`, and export them in order. Such an id is a
//! *prefix* and a number of up to 19 digits at its end; ids of one prefix
//! and one count of digits (`p9` and `p10` are of two) are kept as runs of
//! consecutive numbers, so a file numbered in order costs a few runs
//! however long it is, and an id given twice is found as it comes.
//!
//! The split is a function of the id alone, and a prefix is kept as runs
//! or as ids for the whole job: prefixes past [`KEYS`] and those whose runs
//! grow fragmented go to the caller's id set, whole, so every id is in one
//! place only and no id is compared across the two.

use std::collections::BTreeMap;
use std::io::Write;

use crate::hash::FastMap;

/// How many prefixes are kept as runs; ids of any other go to the caller.
const KEYS: usize = 64;

/// A prefix's runs go to the caller once there are this many and fewer
/// than [`IDS_A_RUN`] ids a run on average.
pub(super) const SPILL: usize = 4096;

/// Below this many ids a run on average, a new run (three lookups in the
/// tree of runs) costs more time than the caller's arena takes for its ids.
const IDS_A_RUN: u64 = 8;

/// The most digits a number may have (`u64` holds every 19-digit number).
const DIGITS: usize = 19;

/// What became of an id.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Added {
    /// Kept as a number of its prefix's runs, which did not hold it.
    New,
    /// Its prefix's runs held it already.
    Twice,
    /// Kept, and its prefix's runs must now go to the caller whole: the
    /// key to [`Numbered::spill`].
    Spill(usize),
    /// Not kept: the caller keeps it.
    Elsewhere,
}

/// The runs of every numbered prefix.
#[derive(Debug)]
pub(super) struct Numbered {
    keys: Vec<Key>,
    /// A prefix, then its count of digits as one byte: its key in `keys`.
    index: FastMap<Box<[u8]>, usize>,
    /// The keys of the last two ids kept, the latest first: the next is
    /// most often of one of them (numbers of two lengths interleave where
    /// a tracker's count passes a power of ten, or its rows come shuffled).
    last: [usize; 2],
    /// Where a prefix and its count of digits are put together for a lookup.
    scratch: Vec<u8>,
    spill: usize,
}

impl Default for Numbered {
    fn default() -> Self {
        Numbered::spilling_at(SPILL)
    }
}

/// One prefix with one count of digits.
#[derive(Debug)]
struct Key {
    prefix: Box<[u8]>,
    digits: u8,
    /// Closed runs, first number to last: apart, none holding another's.
    runs: BTreeMap<u64, u64>,
    /// The run being extended (not in `runs`), and the first number of
    /// the closed run above it (`u64::MAX` if none): where it must stop.
    open: Option<(u64, u64)>,
    ceiling: u64,
    /// How many ids the runs hold.
    ids: u64,
    /// Its runs went to the caller, and so do its ids from then on.
    spilled: bool,
}

impl Numbered {
    /// Runs that go to the caller at `spill` runs a prefix (tests spill
    /// early to reach the hand-over).
    pub(super) fn spilling_at(spill: usize) -> Numbered {
        Numbered {
            keys: Vec::new(),
            index: FastMap::default(),
            last: [usize::MAX; 2],
            scratch: Vec::new(),
            spill: spill.max(1),
        }
    }

    /// Keeps `id` if it is numbered and its prefix is kept here.
    pub(super) fn add(&mut self, id: &[u8]) -> Added {
        let Some((prefix, digits, number)) = split(id) else {
            return Added::Elsewhere;
        };
        let is = |k: usize| {
            self.keys
                .get(k)
                .is_some_and(|key| key.digits == digits && same(&key.prefix, prefix))
        };
        let k = match self.last {
            [k, _] if is(k) => k,
            [other, k] if is(k) => {
                self.last = [k, other];
                k
            }
            [latest, _] => match self.find(prefix, digits) {
                Some(k) => {
                    self.last = [k, latest];
                    k
                }
                None => return Added::Elsewhere,
            },
        };
        let (key, spill) = (&mut self.keys[k], self.spill);
        if key.spilled {
            return Added::Elsewhere;
        }
        match key.add(number_of(number)) {
            false => Added::Twice,
            true if key.runs.len() >= spill && (key.runs.len() as u64) * IDS_A_RUN > key.ids => {
                Added::Spill(k)
            }
            true => Added::New,
        }
    }

    /// The key of a prefix and count of digits, made if there is room.
    fn find(&mut self, prefix: &[u8], digits: u8) -> Option<usize> {
        self.scratch.clear();
        self.scratch.extend_from_slice(prefix);
        self.scratch.push(digits);
        if let Some(&k) = self.index.get(self.scratch.as_slice()) {
            return Some(k);
        }
        if self.keys.len() == KEYS {
            return None;
        }
        let k = self.keys.len();
        self.index.insert(self.scratch.as_slice().into(), k);
        self.keys.push(Key {
            prefix: prefix.into(),
            digits,
            runs: BTreeMap::new(),
            open: None,
            ceiling: u64::MAX,
            ids: 0,
            spilled: false,
        });
        Some(k)
    }

    /// Hands every id of key `k` to `f`, spelled as it was given, and
    /// sends its later ids to the caller.
    pub(super) fn spill(&mut self, k: usize, mut f: impl FnMut(&[u8])) {
        let key = &mut self.keys[k];
        key.spilled = true;
        let runs = std::mem::take(&mut key.runs);
        let mut id = key.prefix.to_vec();
        let width = usize::from(key.digits);
        for (first, last) in runs.into_iter().chain(key.open.take()) {
            for n in first..=last {
                id.truncate(key.prefix.len());
                // Writing into a vector cannot fail.
                let _ = write!(id, "{n:0width$}");
                f(&id);
            }
        }
        key.ids = 0;
    }
}

impl Key {
    /// Adds `n`; whether it was not there.
    fn add(&mut self, n: u64) -> bool {
        if let Some((first, last)) = self.open {
            if last.checked_add(1) == Some(n) && n < self.ceiling {
                self.open = Some((first, n));
                self.ids += 1;
                return true;
            }
            if (first..=last).contains(&n) {
                return false;
            }
            self.runs.insert(first, last);
            self.open = None;
        }
        if self
            .runs
            .range(..=n)
            .next_back()
            .is_some_and(|(_, &last)| n <= last)
        {
            return false;
        }
        // `n` is in no run, so the next run above starts above it.
        self.ceiling = self.runs.range(n..).next().map_or(u64::MAX, |(&f, _)| f);
        self.open = Some((n, n));
        self.ids += 1;
        true
    }
}

/// Whether two prefixes are the same bytes. Most often both are empty
/// (ids that are numbers): said without comparing memory, since a
/// comparison of empty slices may still call the C library, and some
/// of its versions are slow on the dangling address an empty box has.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && (a.is_empty() || a == b)
}

/// An id's prefix, its count of final digits and those digits; `None`
/// unless it ends in 1 to 19 ASCII digits. The digits are worked into a
/// number only for a prefix kept here ([`number_of`]).
fn split(id: &[u8]) -> Option<(&[u8], u8, &[u8])> {
    let digits = id.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > DIGITS {
        return None;
    }
    let (prefix, number) = id.split_at(id.len() - digits);
    Some((prefix, digits as u8, number))
}

/// The number that up to 19 ASCII digits write.
fn number_of(digits: &[u8]) -> u64 {
    digits
        .iter()
        .fold(0u64, |n, &b| n * 10 + u64::from(b - b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_split_where_their_digits_start() {
        let parts = |id: &'static [u8]| split(id).map(|(p, d, n)| (p, d, number_of(n)));
        assert_eq!(parts(b"p12"), Some((&b"p"[..], 2, 12)));
        assert_eq!(parts(b"0042"), Some((&b""[..], 4, 42)));
        assert_eq!(parts(b"XM-9-0"), Some((&b"XM-9-"[..], 1, 0)));
        assert_eq!(
            parts(b"9999999999999999999"),
            Some((&b""[..], 19, 9_999_999_999_999_999_999))
        );
        assert_eq!(split(b"10000000000000000000"), None);
        assert_eq!(split(b"p"), None);
        assert_eq!(split(b""), None);
        // A non-ASCII digit ends no number.
        assert_eq!(split("p١".as_bytes()), None);
    }

    #[test]
    fn a_file_numbered_in_order_is_a_run_per_count_of_digits() {
        let mut ids = Numbered::default();
        for i in 0..100_000u64 {
            assert_eq!(ids.add(format!("p{i}").as_bytes()), Added::New);
        }
        let runs: usize = ids.keys.iter().map(|k| k.runs.len()).sum();
        assert_eq!((ids.keys.len(), runs), (5, 0));
        assert_eq!(ids.add(b"p99999"), Added::Twice);
        assert_eq!(ids.add(b"p00001"), Added::New);
    }

    #[test]
    fn spilled_ids_are_spelled_as_given() {
        let mut ids = Numbered::spilling_at(2);
        assert_eq!(ids.add(b"x007"), Added::New);
        assert_eq!(ids.add(b"x009"), Added::New);
        // Three runs of one: the second closed run spills them.
        assert_eq!(ids.add(b"x008"), Added::Spill(0));
        let mut spilled = Vec::new();
        ids.spill(0, |id| {
            spilled.push(String::from_utf8(id.to_vec()).unwrap())
        });
        spilled.sort();
        assert_eq!(spilled, ["x007", "x008", "x009"]);
        assert_eq!(ids.add(b"x003"), Added::Elsewhere);
        assert_eq!(ids.add(b"x008"), Added::Elsewhere);
        assert_eq!(ids.add(b"y004"), Added::New);
    }
}
