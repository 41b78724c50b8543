//! Totals straight from a pledge CSV (`PledgeReader::totals`, the fast
//! path with its own record splitter) on arbitrary bytes: never a panic;
//! on two threads the same totals, or the same error in the same place, as
//! on one (by year, and by the funded quarter, which spreads); when the file also loads into a collection, the same totals as
//! the collection's; and totals by the funded quarter (spreading sums of
//! alike pledges) with the same exact grand total as the unspread ones.
#![no_main]

use alliance_commitments::{DateBasis, Error, Key, Pledges, Query, Totals};
use alliance_commitments::io::{CsvOptions, PledgeReader};
use libfuzzer_sys::fuzz_target;

/// The reader's totals on one thread, checked to be those on two: the
/// same totals, or the same error in the same place.
fn on_one_and_two_threads(data: &[u8], query: &Query<'_>) -> Result<Totals, Error> {
    let one = PledgeReader::new(data, CsvOptions::new()).and_then(|r| r.totals(query));
    let two = PledgeReader::new(data, CsvOptions::new()).and_then(|r| r.threads(2).totals(query));
    match (&one, &two) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(b)) => {
            assert_eq!(a.kind(), b.kind());
            assert_eq!(a.position(), b.position());
        }
        (a, b) => panic!("one thread {a:?}, two {b:?}"),
    }
    one
}

fuzz_target!(|data: &[u8]| {
    let query = Query::new().by(Key::Donor).by(Key::year(DateBasis::Announced));
    let fast = on_one_and_two_threads(data, &query);
    let mut pledges = Pledges::new();
    // Both paths refuse an id given twice; when the file loads, its totals
    // fail or succeed as the reader's do.
    if pledges.read_csv(data).is_ok() {
        let slow = pledges.totals(&query);
        match (fast, slow) {
            (Ok(a), Ok(b)) => assert_eq!(a, b),
            // The same error for the same pledge (the file path adds its line).
            (Err(a), Err(b)) => {
                assert_eq!(a.kind(), b.kind());
                assert_eq!(a.position().record(), b.position().record());
                assert_eq!(a.position().pledge(), b.position().pledge());
            }
            (a, b) => panic!("fast {a:?}, loaded {b:?}"),
        }
    }
    let by_quarter = Query::new().by(Key::Donor).by(Key::quarter(DateBasis::Funded));
    let spread = on_one_and_two_threads(data, &by_quarter);
    let whole = PledgeReader::new(data, CsvOptions::new()).and_then(|r| r.totals(&query));
    if let (Ok(spread), Ok(whole)) = (spread, whole) {
        // Spreading loses and creates nothing: every exact sum per
        // currency stays what it was.
        let exact = |t: &alliance_commitments::Totals| -> Vec<_> {
            t.grand_total().by_currency().map(|f| f.is_exact().then(|| f.stated().amount())).collect()
        };
        let (a, b) = (exact(&spread), exact(&whole));
        if b.iter().all(Option::is_some) {
            assert_eq!(a, b);
        }
    }
});
