//! Totals straight from a pledge CSV (`PledgeReader::totals`, streaming
//! the records without building pledges) on arbitrary bytes: never a panic;
//! on two threads the same totals, or the same error in the same place, as
//! on one (by year, and by the funded quarter, which spreads, in the
//! currencies stated and converted into EUR); the same totals, or the same
//! error, as a collection that reads the file whole and totals it; and
//! totals by the funded quarter (spreading sums of alike pledges) with the
//! same exact grand total as the unspread ones.
#![no_main]

use alliance_commitments::io::{CsvOptions, PledgeReader};
use alliance_commitments::{
    Currency, DateBasis, Error, Key, Pledges, Query, RateRule, RateTable, Totals,
};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

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

/// A few quotes for USD, GBP and JPY, one currency missing on some days.
fn rates() -> RateTable {
    let mut t = RateTable::new();
    for day in 1..=28 {
        let Some(date) = chrono::NaiveDate::from_ymd_opt(2025, 1, day) else {
            continue;
        };
        let _ = t.insert(date, Currency::USD, Decimal::new(1040 + i64::from(day), 3));
        let _ = t.insert(
            date,
            Currency::GBP,
            Decimal::new(8400 + 7 * i64::from(day), 4),
        );
        if day % 3 != 0 {
            let _ = t.insert(date, Currency::JPY, Decimal::new(16000 + i64::from(day), 2));
        }
    }
    t
}

/// The loaded path's answer (read whole, then totalled) against the
/// reader's: the same totals, or the same error for the same pledge (the
/// file path adds its line), whichever class of error comes first.
fn as_loaded(
    data: &[u8],
    query: &Query<'_>,
    fast: Result<alliance_commitments::Totals, alliance_commitments::Error>,
) {
    let mut pledges = Pledges::new();
    let slow = pledges.read_csv(data).and_then(|_| pledges.totals(query));
    match (fast, slow) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(b)) => {
            assert_eq!(a.kind(), b.kind(), "{a} / {b}");
            assert_eq!(a.position().record(), b.position().record(), "{a} / {b}");
            assert_eq!(a.position().pledge(), b.position().pledge(), "{a} / {b}");
        }
        (a, b) => panic!("fast {a:?}, loaded {b:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let query = Query::new()
        .by(Key::Donor)
        .by(Key::year(DateBasis::Announced));
    let fast = on_one_and_two_threads(data, &query);
    as_loaded(data, &query, fast);
    let by_quarter = Query::new()
        .by(Key::Donor)
        .by(Key::quarter(DateBasis::Funded));
    let spread = on_one_and_two_threads(data, &by_quarter);
    // Converted too: spreading's runs of one currency and rate day, and
    // each group's parts, on one thread and on two.
    let rates = rates();
    let in_eur =
        by_quarter
            .clone()
            .convert_to(Currency::EUR, RateRule::AnnouncementDateOrLatest, &rates);
    let fast = on_one_and_two_threads(data, &in_eur);
    as_loaded(data, &in_eur, fast);
    let whole = PledgeReader::new(data, CsvOptions::new()).and_then(|r| r.totals(&query));
    if let (Ok(spread), Ok(whole)) = (spread, whole) {
        // Spreading loses and creates nothing: every exact sum per
        // currency stays what it was.
        let exact = |t: &alliance_commitments::Totals| -> Vec<_> {
            t.grand_total()
                .by_currency()
                .map(|f| f.is_exact().then(|| f.stated().amount()))
                .collect()
        };
        let (a, b) = (exact(&spread), exact(&whole));
        if b.iter().all(Option::is_some) {
            assert_eq!(a, b);
        }
    }
});
