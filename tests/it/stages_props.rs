//! Invariant 10 over the new fields: a pledge CSV with later stage
//! amounts, dates and conditions — well formed or not — gives the same
//! totals, or the same error, loaded into a collection, streamed as
//! pledges, and read row by row. CI runs it at 1,000 cases (`PROPTEST_CASES`).

use alliance_commitments::io::{CsvOptions, PledgeReader};
use alliance_commitments::{DateBasis, Error, Filter, Key, Pledges, Query, Stage, Totals};
use chrono::NaiveDate;
use proptest::prelude::*;

fn cell_date() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just(String::new()),
        4 => (0u64..=700).prop_map(|n| (NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(n)).to_string()),
    ]
}

fn cell_amount() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        4 => (1i64..5_000_000_000).prop_map(|x| x.to_string()),
        1 => (1i64..5_000_000).prop_map(|x| format!("{}.{:02}", x, x % 100)),
        1 => (1i64..5_000_000).prop_map(|x| format!("over {x}")),
        1 => (1i64..5_000_000).prop_map(|x| format!("about {x}")),
    ]
}

/// A later stage's amount and date: mostly both or neither; now and then a
/// date with no amount, an error.
fn later() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        60 => Just((String::new(), String::new())),
        30 => (cell_amount(), cell_date()),
        10 => cell_amount().prop_map(|a| (a, String::new())),
        1 => cell_date().prop_map(|d| (String::new(), d)),
    ]
}

fn row() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["DE", "FR", "EU", "EIB", "US"]),
        cell_date(),
        // Now and then a first stage that refuses later ones.
        prop_oneof![
            9 => Just("announced"),
            9 => Just("committed"),
            1 => Just("allocated"),
            1 => Just("cancelled"),
            2 => Just(""),
        ],
        (1i64..2_000_000_000).prop_map(|x| x.to_string()),
        prop::sample::select(vec!["EUR", "EUR", "USD"]),
        (later(), later()),
        prop_oneof![
            6 => Just(",".to_owned()),
            1 => Just("if a ceasefire,pending".to_owned()),
            1 => cell_date().prop_map(|d| format!("if a ceasefire,met {d}")),
            1 => Just("if a ceasefire,lapsed".to_owned()),
        ],
    )
        .prop_map(|(donor, announced, stage, amount, currency, ((aa, ao), (da, dd)), condition)| {
            format!("{donor},UA,{announced},{stage},{amount},{currency},{aa},{ao},{da},{dd},{condition}")
        })
}

fn file() -> impl Strategy<Value = String> {
    prop::collection::vec(row(), 1..25).prop_map(|rows| {
        let mut s = "donor,recipient,announced,stage,amount,currency,allocated_amount,allocated_on,delivered_amount,delivered_on,condition,condition_status\n".to_owned();
        for r in rows {
            s.push_str(&r);
            s.push('\n');
        }
        s
    })
}

fn query() -> impl Strategy<Value = Query<'static>> {
    let filter = prop_oneof![
        Just(Filter::new()),
        Just(Filter::new().stage(Stage::Allocated)),
        Just(Filter::new().stage(Stage::Delivered)),
        Just(Filter::new().stage_at_least(Stage::Committed)),
        Just(
            Filter::new()
                .stage(Stage::Cancelled)
                .stage(Stage::Committed)
        ),
        Just(Filter::new().dated(false)),
        Just(Filter::new().delivered_within("2024".parse().unwrap())),
    ];
    let key = prop_oneof![
        Just(Key::Donor),
        Just(Key::Stage),
        Just(Key::month(DateBasis::Delivered)),
        Just(Key::quarter(DateBasis::Announced)),
    ];
    let as_of = prop_oneof![
        Just(None),
        (0u64..=730).prop_map(|n| Some(
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(n)
        )),
    ];
    (filter, prop::collection::vec(key, 0..3), as_of).prop_map(|(f, keys, as_of)| {
        let mut q = Query::new().filter(f);
        for k in keys {
            q = q.by(k);
        }
        match as_of {
            Some(d) => q.as_of(d),
            None => q,
        }
    })
}

fn loaded(csv: &str, q: &Query<'_>) -> Result<Totals, Error> {
    let mut p = Pledges::new();
    p.read_csv(csv.as_bytes())?;
    p.totals(q)
}

fn streamed(csv: &str, q: &Query<'_>) -> Result<Totals, Error> {
    q.totals_of(PledgeReader::new(csv.as_bytes(), CsvOptions::new())?)
}

fn by_rows(csv: &str, q: &Query<'_>) -> Result<Totals, Error> {
    PledgeReader::new(csv.as_bytes(), CsvOptions::new())?.totals(q)
}

type Seen = Result<
    Totals,
    (
        alliance_commitments::error::ErrorKind,
        Option<u64>,
        Option<u64>,
    ),
>;

fn seen(r: Result<Totals, Error>) -> Seen {
    r.map_err(|e| (e.kind().clone(), e.position().record(), e.position().line()))
}

proptest! {
    #[test]
    fn every_path_gives_the_same_totals_or_the_same_error(csv in file(), q in query()) {
        let a = seen(loaded(&csv, &q));
        prop_assert_eq!(&a, &seen(streamed(&csv, &q)));
        prop_assert_eq!(&a, &seen(by_rows(&csv, &q)));
    }

    /// What is read back from a written file totals as the original does.
    #[test]
    fn written_files_total_as_read_ones(csv in file(), q in query()) {
        let mut p = Pledges::new();
        if p.read_csv(csv.as_bytes()).is_ok() {
            let mut out = Vec::new();
            p.write_csv(&mut out).unwrap();
            let mut back = Pledges::new();
            back.read_csv(out.as_slice()).unwrap();
            prop_assert_eq!(&back, &p);
            prop_assert_eq!(seen(back.totals(&q)), seen(p.totals(&q)));
        }
    }
}
