//! One thread against several (and a loaded collection): the cases an
//! adversarial reading of the threaded totals tried, each pinned.

use alliance_commitments::io::{CsvOptions, PledgeReader};
use alliance_commitments::{DateBasis, Error, Key, Pledges, Query, Totals};

fn with_threads(csv: &[u8], query: &Query<'_>, k: usize) -> Result<Totals, Error> {
    PledgeReader::new(csv, CsvOptions::new())?
        .threads(k)
        .totals(query)
}

fn loaded(csv: &[u8], query: &Query<'_>) -> Result<Totals, Error> {
    let mut pledges = Pledges::new();
    pledges.read_csv(csv)?;
    pledges.totals(query)
}

fn same(csv: &[u8], query: &Query<'_>) {
    let one = with_threads(csv, query, 1);
    for k in [2, 3] {
        let many = with_threads(csv, query, k);
        match (&one, &many) {
            (Ok(a), Ok(b)) => {
                if a != b {
                    for ((ka, ta), (kb, tb)) in a.groups().zip(b.groups()) {
                        if ka != kb || ta != tb {
                            eprintln!(
                                "one: {ka:?} {:?}\n{k}:   {kb:?} {:?}",
                                ta.single(),
                                tb.single()
                            );
                        }
                    }
                    eprintln!(
                        "grand one {:?}\ngrand {k} {:?}",
                        a.grand_total().single(),
                        b.grand_total().single()
                    );
                }
                assert!(a == b, "{k} threads: totals differ");
            }
            (Err(a), Err(b)) => {
                assert_eq!(a.kind(), b.kind(), "{k} threads: {a:?} vs {b:?}");
                assert_eq!(a.position(), b.position(), "{k} threads");
            }
            (a, b) => panic!("{k} threads: {b:?} vs one: {a:?}"),
        }
    }
}

/// The next number of a linear congruential generator.
fn next(x: &mut u64) -> u64 {
    *x = x
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *x
}

/// `whole` and 28 decimals made of `a` and `b`: past what a sum keeps
/// exactly in a `Decimal`.
fn long_decimal(whole: u8, a: u64, b: u64) -> String {
    format!(
        "{whole}.{:019}{:09}",
        a % 10_000_000_000_000_000_000,
        b % 1_000_000_000
    )
}

/// 9000 pledges, each funded on its own day (so each is its own sum of
/// alike pledges, > 8192 of them), amounts qualified with many decimals:
/// the quarter's sum of qualified bounds rounds outward as it goes.
#[test]
fn qualified_sums_round_the_same_on_two_threads() {
    let mut csv = String::from("id,donor,recipient,amount,currency,funded\n");
    let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let mut x: u64 = 0x1234_5678;
    for i in 0..9000u64 {
        let x = next(&mut x);
        let (lo, hi) = (
            long_decimal(1, x, x >> 20),
            long_decimal(7, x >> 3, x >> 30),
        );
        let day = start + chrono::Days::new(i);
        csv.push_str(&format!("q{i},DE,UA,between {lo} and {hi},EUR,{day}\n"));
    }
    let query = Query::new().by(Key::quarter(DateBasis::Funded));
    let one = with_threads(csv.as_bytes(), &query, 1);
    assert!(one.is_ok(), "{one:?}");
    assert!(
        one.as_ref().unwrap() == &loaded(csv.as_bytes(), &query).unwrap(),
        "loaded differs from one thread"
    );
    same(csv.as_bytes(), &query);
}

/// 9000 alike sums in one group (within a funded span, no keys), each "up
/// to" an amount such that the group's sum passes `Decimal::MAX` two
/// thirds of the way through; and one sum of two alike pledges of
/// `Decimal::MAX` (an error of its own, naming its group). On one thread
/// the first of the two errors met in the map's order is reported; on two,
/// the second half's tally starts from nothing and does not overflow, so
/// its own later error is reported instead.
#[test]
fn an_overflow_of_the_group_and_a_later_alike_overflow() {
    let within: alliance_commitments::Period = "1900-01-01..2099-12-31".parse().unwrap();
    let query = Query::new().within_funded(within);
    let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let max = rust_decimal::Decimal::MAX;
    // 1.5 × MAX / 9000.
    let each = (max / rust_decimal::Decimal::from(6000)).trunc();
    let mut differ = Vec::new();
    // Day 1950-02-07 puts the two pledges' sum late in the map's order
    // (variants 7, 9, 10, 11 of `v * 37` days after 1950-01-01 do too).
    for v in [1u64] {
        let mut csv = String::from("id,donor,recipient,amount,currency,funded\n");
        for i in 0..9000u64 {
            let day = start + chrono::Days::new(i);
            csv.push_str(&format!("q{i},DE,UA,up to {each},EUR,{day}\n"));
        }
        let e_day =
            chrono::NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Days::new(v * 37);
        csv.push_str(&format!(
            "e1,DE,UA,{max},EUR,{e_day}\ne2,DE,UA,{max},EUR,{e_day}\n"
        ));
        let one = with_threads(csv.as_bytes(), &query, 1).unwrap_err();
        let two = with_threads(csv.as_bytes(), &query, 2).unwrap_err();
        let coll = loaded(csv.as_bytes(), &query).unwrap_err();
        assert_eq!((one.kind(), one.position()), (coll.kind(), coll.position()));
        if (one.kind(), one.position()) != (two.kind(), two.position()) {
            differ.push(format!(
                "variant {v}: one thread {one:?}\n two threads {two:?}"
            ));
        }
    }
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// A reader whose `read` panics once the header and a few rows are read.
struct PanicsLater {
    data: Vec<u8>,
    at: usize,
}

impl std::io::Read for PanicsLater {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at >= self.data.len() {
            panic!("the reader gives up");
        }
        let n = buf.len().min(self.data.len() - self.at).min(64);
        buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// On one thread the reader's panic reaches the caller; on two it should
/// too, not leave the call waiting forever.
#[test]
fn a_reader_that_panics_on_two_threads() {
    for k in [1usize, 2] {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let data = b"id,donor,recipient,amount,currency\np1,DE,UA,5,EUR\n".to_vec();
            let reader = PledgeReader::new(PanicsLater { data, at: 0 }, CsvOptions::new()).unwrap();
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                reader.threads(k).totals(&Query::new()).map(|_| ())
            }));
            let _ = tx.send(r.is_err());
        });
        match rx.recv_timeout(std::time::Duration::from_secs(10)) {
            Ok(panicked) => assert!(panicked, "{k} threads: no panic"),
            Err(_) => panic!("{k} threads: totals still running after 10 s (deadlock)"),
        }
    }
}

/// Reading edge cases across batch boundaries: every one the same on one
/// thread and on several, and the same pledge named as a collection names.
#[test]
fn reading_edges() {
    let header = "id,donor,recipient,announced,amount,currency,source";
    let good = |i: usize, end: &str| format!("p{i},DE,UA,2025-01-02,{i}.5,EUR,\"a|b\"{end}");
    let mut cases: Vec<(u8, Vec<u8>)> = Vec::new();
    for end in ["\n", "\r\n", "\r"] {
        for at in [1usize, 1023, 1024, 1025, 2047, 2048, 2049, 3000] {
            for defect in 0..7 {
                let mut csv = format!("{header}{end}").into_bytes();
                for i in 1..=3100usize {
                    let row = if i == at {
                        match defect {
                            0 => format!("p{i},DE,UA,2025-01-02,{i},EUR{end}").into_bytes(),
                            1 => format!("p{i},DE,UA,2025-01-02,x,EUR,{end}").into_bytes(),
                            2 => {
                                let mut b = format!("p{i},DE,UA,2025-01-02,1,EUR,\"").into_bytes();
                                b.extend_from_slice(b"\xff\xfe");
                                b.extend_from_slice(format!("\"{end}").as_bytes());
                                b
                            }
                            3 => format!("p5,DE,UA,2025-01-02,1,EUR,{end}").into_bytes(),
                            4 => format!("p{i},US,UA,,1,USD,{end}").into_bytes(),
                            5 => format!("p{i},DE,UA,2025-01-02,1,EUR,\"x{end}y{end}z\"{end}")
                                .into_bytes(),
                            _ => {
                                format!("p{i},DE,UA,2025-01-02,1,EUR,{}{end}", "x".repeat(300_000))
                                    .into_bytes()
                            }
                        }
                    } else {
                        good(i, end).into_bytes()
                    };
                    csv.extend_from_slice(&row);
                }
                // And a later error after the defect.
                csv.extend_from_slice(format!("p3,DE,UA,2025-01-02,zz,EUR,{end}").as_bytes());
                cases.push((defect, csv));
            }
        }
    }
    let rates = alliance_commitments::RateTable::new();
    let query = Query::new().by(Key::Donor).convert_to(
        alliance_commitments::Currency::EUR,
        alliance_commitments::RateRule::AnnouncementDate,
        &rates,
    );
    for (defect, csv) in &cases {
        same(csv, &query);
        // An undated dollar pledge is a totals error, not a load error.
        if *defect == 4 {
            continue;
        }
        let one = with_threads(csv, &query, 1);
        let coll = loaded(csv, &query);
        match (&one, &coll) {
            (Err(a), Err(b)) => assert_eq!(
                (a.kind(), a.position().record(), a.position().pledge()),
                (b.kind(), b.position().record(), b.position().pledge())
            ),
            (a, b) => assert!(a.is_ok() && b.is_ok(), "{a:?} vs {b:?}"),
        }
    }
}

/// Exact amounts of 29 significant digits (their sums spill into wide
/// parts), some in dollars converted at the announcement date: the same.
#[test]
fn wide_exact_sums_and_conversion_on_two_threads() {
    let mut rates = alliance_commitments::RateTable::new();
    rates
        .insert(
            chrono::NaiveDate::from_ymd_opt(2025, 1, 2).unwrap(),
            alliance_commitments::Currency::USD,
            rust_decimal::Decimal::new(10350, 4),
        )
        .unwrap();
    let mut csv = String::from("id,donor,recipient,announced,amount,currency,funded\n");
    let start = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let mut x: u64 = 99;
    for i in 0..9000u64 {
        let x = next(&mut x);
        let amount = long_decimal(6, x, x >> 20);
        let day = start + chrono::Days::new(i);
        let cur = if i % 3 == 0 { "USD" } else { "EUR" };
        csv.push_str(&format!("q{i},DE,UA,2025-01-02,{amount},{cur},{day}\n"));
    }
    for query in [
        Query::new().by(Key::quarter(DateBasis::Funded)),
        Query::new().by(Key::quarter(DateBasis::Funded)).convert_to(
            alliance_commitments::Currency::EUR,
            alliance_commitments::RateRule::AnnouncementDate,
            &rates,
        ),
    ] {
        let one = with_threads(csv.as_bytes(), &query, 1);
        assert!(one.is_ok(), "{one:?}");
        same(csv.as_bytes(), &query);
    }
}

/// Two pledges in two currencies, each funded over fifteen centuries and
/// counted by month: 36,000 slots, sealed a currency at a time, the first
/// pledge's all before the second's, so on two threads the first sorted
/// half is spent where the second begins. Each slot must be taken once
/// (it was taken twice, or the totals panicked).
#[test]
fn slots_sorted_in_halves_that_do_not_interleave() {
    let csv = "id,donor,recipient,announced,funded,instrument,amount,currency\n\
               a,US,UA,2020-02-12,8501-01-01..9999-12-31,grant,1,EUR\n\
               b,US,UA,2001-08-12,8501-01-01..9999-12-31,loan,1,USD\n";
    let query = Query::new()
        .by(Key::Instrument)
        .by(Key::month(DateBasis::Funded));
    let one = with_threads(csv.as_bytes(), &query, 1).unwrap();
    // €1 over 17,988 months: one cent each to the first hundred months
    // (ties to the earlier), nothing to the rest, for each pledge.
    let cents: usize = one
        .groups()
        .filter(|(_, t)| t.single().is_ok_and(|f| !f.stated().amount().is_zero()))
        .count();
    assert_eq!(cents, 200);
    same(csv.as_bytes(), &query);
}
