//! Totals on data shaped like a tracker's export (as benches/peers/generate.py
//! makes them): 1,000,000 pledges as CSV text in memory, with a free-text
//! `source` cell quoted in about 40% of rows (commas, doubled quotes, a few
//! line breaks), twelve currencies among them JPY and KRW (no minor digits),
//! funded periods of years, quarters, halves, months and multi-year ranges
//! or none, undated rows in EUR and corrections.
//!
//! - `csv`: reading the CSV into pledges; the whole job from CSV bytes to
//!   totals by donor × year of the announcement date in EUR (the path of
//!   `alliance totals`), and by donor × quarter of the funded period, spread
//!   by days (`--date funded`);
//! - `totals`: the same two queries over the pledges in memory;
//! - `probes`: four pledges funded 0001-01-01..9999-12-31 totalled by month
//!   (about 480,000 month pieces), and ranking 20,000 groups: the cases
//!   that once cost more than their size (a quadratic merge, a pairwise
//!   ranking), kept to show they cost in proportion to it;
//! - `figures`: conversion and spreading one figure at a time.
//!
//! Data are generated deterministically here, not committed; amounts are
//! integers of minor units written as decimal text (no floating point).

use std::hint::black_box;
use std::io::Write;

use alliance_commitments::compare::ranking;
use alliance_commitments::io::{CsvOptions, PledgeReader};
use alliance_commitments::{
    Country, Currency, DateBasis, Donor, Figure, Key, Money, Period, PeriodUnit, Pledge, Pledges,
    Query, RateRule, RateTable, Spread,
};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use rust_decimal::Decimal;

const N: usize = 1_000_000;

/// A small deterministic generator (64-bit LCG, Knuth's constants).
struct Lcg(u64);

impl Lcg {
    /// A number in `0..n`.
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }

    /// True `per_mille` times in a thousand.
    fn chance(&mut self, per_mille: u64) -> bool {
        self.next(1000) < per_mille
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next(items.len() as u64) as usize]
    }
}

const DONORS: [&str; 41] = [
    "DE", "FR", "GB", "US", "PL", "SE", "FI", "NO", "CA", "NL", "DK", "IT", "ES", "BE", "CZ", "EE",
    "LV", "LT", "RO", "PT", "EU", "EPF", "EIB", "JP", "AU", "KR", "CH", "AT", "IE", "SK", "SI",
    "HR", "BG", "GR", "LU", "IS", "NZ", "TR", "HU", "MT", "CY",
];
/// Weighted: most rows in EUR, as in the trackers.
const CURRENCIES: [&str; 22] = [
    "EUR", "EUR", "EUR", "EUR", "EUR", "EUR", "EUR", "EUR", "USD", "USD", "USD", "GBP", "GBP",
    "PLN", "SEK", "NOK", "DKK", "CZK", "JPY", "KRW", "CAD", "CHF",
];
const CATEGORIES: [&str; 3] = ["military", "financial", "humanitarian"];
const INSTRUMENTS: [&str; 5] = ["grant", "loan", "guarantee", "in-kind", "other"];
const STAGES: [&str; 4] = ["announced", "committed", "allocated", "delivered"];
const PUBLISHERS: [&str; 11] = [
    "Federal Ministry of Defence, Germany",
    "Ministry of Defence",
    "Kiel Institute",
    "Government of Canada",
    "Prime Minister's Office",
    "Reuters",
    "The White House",
    "European Commission",
    "Ministry of Foreign Affairs, Republic of Poland",
    "Regeringskansliet",
    "NATO",
];
const TITLES: [&str; 7] = [
    "Press release",
    "Statement on support for Ukraine, 2024",
    "Aid package, part 2",
    "Joint declaration",
    "Budget, annex III, line 12",
    "Speech at the Ramstein meeting",
    "Q&A: military assistance",
];
const QUOTES: [&str; 5] = [
    "over 1 billion",
    "about 500 million",
    "up to 2 billion euros, over three years",
    "a further 300 million",
    "the largest package yet",
];
/// Days of announcement dates from `start()`: four years.
const DAYS: u64 = 365 * 4;

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// ECB-style rates (units per euro) on every weekday of the four years and a
/// little before and after, for the eleven currencies of the pledges other than EUR:
/// each within ±5% of a level, to the digits the ECB gives.
fn rates() -> RateTable {
    // (currency, level as mantissa and scale)
    let levels = [
        (Currency::USD, 11000, 4),
        (Currency::GBP, 8500, 4),
        (Currency::PLN, 43000, 4),
        (Currency::SEK, 112000, 4),
        (Currency::NOK, 115000, 4),
        (Currency::DKK, 74600, 4),
        (Currency::CZK, 250000, 4),
        (Currency::JPY, 150000, 3),
        (Currency::KRW, 150000, 2),
        (Currency::CAD, 15000, 4),
        (Currency::CHF, 9500, 4),
    ];
    let mut rng = Lcg(7);
    let mut t = RateTable::new();
    let first = start() - Days::new(10);
    for i in 0..DAYS + 20 {
        let d = first + Days::new(i);
        if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        for (c, mantissa, scale) in levels {
            let level = Decimal::new(mantissa, scale);
            // level × (1 + k/10,000), k in −500..=500, to the level's digits.
            let k = Decimal::from(rng.next(1001)) - Decimal::from(500);
            let rate = (level + level * k / Decimal::from(10_000)).round_dp(scale);
            t.insert(d, c, rate).unwrap_or_default();
        }
    }
    t
}

/// A funded cell: years, quarters, halves, months, multi-year ranges or none.
fn funded(rng: &mut Lcg, d: NaiveDate, out: &mut Vec<u8>) {
    let r = rng.next(100);
    let (y, m) = (d.year(), d.month());
    let _ = match r {
        0..35 => write!(out, "{y}"),
        35..55 => write!(out, "{y}-Q{}", (m - 1) / 3 + 1),
        55..60 => write!(out, "{y}-H{}", (m - 1) / 6 + 1),
        60..65 => write!(out, "{y}-{m:02}"),
        // One to four years from a day.
        65..80 => write!(out, "{d}..{}", d + Days::new(365 + rng.next(3 * 365))),
        _ => Ok(()),
    };
}

/// A sources cell, `publisher|title|url|published|speaker|quote`: empty,
/// plain, or quoted with commas, doubled quotes and now and then a second
/// source on its own line.
fn source(rng: &mut Lcg, out: &mut Vec<u8>) {
    let r = rng.next(100);
    if r < 25 {
        return;
    }
    let publisher = *rng.pick(&PUBLISHERS);
    let title = *rng.pick(&TITLES);
    let url = rng.next(1_000_000);
    let before_comma = |s: &'static str| s.split(',').next().unwrap_or(s);
    if r < 60 {
        let _ = write!(
            out,
            "{}|{}|https://example.org/news/{url}",
            before_comma(publisher),
            before_comma(title)
        );
        return;
    }
    let _ = write!(
        out,
        "\"{publisher}|{title}|https://example.org/news/{url}|2024-0{}-1{}",
        1 + rng.next(9),
        rng.next(10)
    );
    if rng.chance(500) {
        let _ = write!(out, "|Minister|quoted: \"\"{}\"\"", rng.pick(&QUOTES));
    }
    if rng.chance(80) {
        let _ = write!(out, "\n{}|{}", rng.pick(&PUBLISHERS), rng.pick(&TITLES));
    }
    out.push(b'"');
}

/// `n` pledges as CSV text, shaped like a tracker's export.
fn csv_bytes(n: usize) -> Vec<u8> {
    let mut rng = Lcg(42);
    let mut out = Vec::with_capacity(n * 150);
    out.extend_from_slice(
        b"id,donor,recipient,announced,funded,category,instrument,stage,amount,currency,source\n",
    );
    for i in 0..n {
        let d = start() + Days::new(rng.next(DAYS));
        let currency = *rng.pick(&CURRENCIES);
        let cents = 100_000 + rng.next(300_000_000_000 - 100_000);
        let sign = if rng.chance(30) { "-" } else { "" }; // corrections
        let undated = currency == "EUR" && rng.chance(50);
        let _ = write!(out, "p{i},{},UA,", rng.pick(&DONORS));
        if !undated {
            let _ = write!(out, "{d}");
        }
        out.push(b',');
        funded(&mut rng, d, &mut out);
        let _ = write!(
            out,
            ",{},{},{},{sign}",
            rng.pick(&CATEGORIES),
            rng.pick(&INSTRUMENTS),
            rng.pick(&STAGES)
        );
        let _ = if currency == "JPY" || currency == "KRW" {
            write!(out, "{}", cents * 10) // no minor digits
        } else if rng.chance(300) {
            write!(out, "{}", cents / 100) // whole units, as often written
        } else {
            write!(out, "{}.{:02}", cents / 100, cents % 100)
        };
        let _ = write!(out, ",{currency},");
        source(&mut rng, &mut out);
        out.push(b'\n');
    }
    out
}

fn pledges_of(bytes: &[u8]) -> Pledges {
    let mut pledges = Pledges::new();
    if let Err(e) = pledges.read_csv(bytes) {
        panic!("the generated pledges do not read: {e}");
    }
    pledges
}

/// Donor × year of the announcement date, in EUR at that date's rate.
fn by_year(rates: &RateTable) -> Query<'_> {
    Query::new()
        .by(Key::Donor)
        .by(Key::year(DateBasis::Announced))
        .convert_to(Currency::EUR, RateRule::AnnouncementDate, rates)
}

/// Donor × quarter of the funded period, spread by days, in EUR at the
/// announcement date's rate: `alliance totals --by donor,quarter --date funded`.
fn by_funded_quarter(rates: &RateTable) -> Query<'_> {
    Query::new()
        .by(Key::Donor)
        .by(Key::quarter(DateBasis::Funded))
        .spread(Spread::evenly_by_days())
        .convert_to(Currency::EUR, RateRule::AnnouncementDate, rates)
}

fn reading(c: &mut Criterion) {
    let bytes = csv_bytes(N);
    let rates = rates();
    let mut group = c.benchmark_group("csv");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    // Reads every row; the count keeps the work from being optimised away.
    group.bench_function("read 1M pledges", |b| {
        b.iter(|| {
            PledgeReader::new(black_box(bytes.as_slice()), CsvOptions::new())
                .map(|r| r.filter_map(Result::ok).count())
                .unwrap_or(0)
        })
    });
    group.throughput(Throughput::Elements(N as u64));
    let year = by_year(&rates);
    let quarter = by_funded_quarter(&rates);
    for query in [&year, &quarter] {
        let reader = PledgeReader::new(bytes.as_slice(), CsvOptions::new());
        if let Err(e) = reader.and_then(|r| r.totals(query)) {
            panic!("the generated pledges do not total: {e}");
        }
    }
    // The path of `alliance totals`: rows straight to totals, on one
    // thread and on two (the tool's default on this project's machine).
    for threads in [1, 2] {
        group.bench_function(
            format!("whole job: 1M pledges by donor x year in EUR, {threads} thread(s)"),
            |b| {
                b.iter(|| {
                    let reader = PledgeReader::new(black_box(bytes.as_slice()), CsvOptions::new());
                    black_box(
                        reader
                            .and_then(|r| r.threads(threads).totals(&year))
                            .map(|t| t.len()),
                    )
                })
            },
        );
    }
    // The same through `Pledge` values, for comparison.
    group.bench_function("whole job through Pledge values", |b| {
        b.iter(|| {
            let reader = PledgeReader::new(black_box(bytes.as_slice()), CsvOptions::new());
            black_box(reader.and_then(|r| year.totals_of(r)).map(|t| t.len()))
        })
    });
    for threads in [1, 2] {
        group.bench_function(
            format!("whole job: 1M pledges by donor x funded quarter in EUR, spread, {threads} thread(s)"),
            |b| {
                b.iter(|| {
                    let reader = PledgeReader::new(black_box(bytes.as_slice()), CsvOptions::new());
                    black_box(reader.and_then(|r| r.threads(threads).totals(&quarter)).map(|t| t.len()))
                })
            },
        );
    }
    group.finish();
}

fn aggregation(c: &mut Criterion) {
    let pledges = pledges_of(&csv_bytes(N));
    let rates = rates();
    let mut group = c.benchmark_group("totals");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    group.throughput(Throughput::Elements(pledges.len() as u64));
    let year = by_year(&rates);
    group.bench_function("1M pledges by donor x year in EUR", |b| {
        b.iter(|| black_box(pledges.totals(black_box(&year)).map(|t| t.len())))
    });
    let quarter = by_funded_quarter(&rates);
    group.bench_function("1M pledges by donor x funded quarter in EUR, spread", |b| {
        b.iter(|| black_box(pledges.totals(black_box(&quarter)).map(|t| t.len())))
    });
    group.finish();
}

/// Four pledges, each funded over every day a period can hold, in four
/// currencies (two with no minor digits).
fn longest_pledges() -> Pledges {
    let span: Period = "0001-01-01..9999-12-31"
        .parse()
        .unwrap_or_else(|_| unreachable!());
    let mut out = Pledges::new();
    let cases = [
        (Country::DE, Currency::EUR),
        (Country::US, Currency::USD),
        (Country::JP, Currency::JPY),
        (Country::KR, Currency::KRW),
    ];
    for (country, currency) in cases {
        let figure = Figure::exactly(Money::new(Decimal::new(123_456_789_012_345, 2), currency));
        if let Ok(p) = Pledge::builder(country, Country::UA, figure)
            .funded(span)
            .build()
        {
            out.add(p).unwrap_or_default();
        }
    }
    out
}

/// Pledges for 20,000 groups (40 donors × 500 months) in EUR, a third of
/// them "about" and a third "over" figures, so that many ranks are ranges.
fn many_groups() -> Pledges {
    let donors: Vec<Donor> = Country::all().take(40).map(Donor::from).collect();
    let mut rng = Lcg(11);
    let mut out = Pledges::new();
    let first = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(NaiveDate::MIN);
    for month in 0..500 {
        let day = first
            .checked_add_months(chrono::Months::new(month))
            .unwrap_or(first);
        for donor in &donors {
            let money = Money::new(
                Decimal::new(100_000 + rng.next(300_000_000_000) as i64, 2),
                Currency::EUR,
            );
            let figure = match rng.next(3) {
                0 => Figure::about(money),
                1 => Figure::over(money),
                _ => Ok(Figure::exactly(money)),
            };
            let Ok(figure) = figure else { continue };
            if let Ok(p) = Pledge::builder(*donor, Country::UA, figure)
                .announced(day)
                .build()
            {
                out.add(p).unwrap_or_default();
            }
        }
    }
    out
}

fn probes(c: &mut Criterion) {
    let mut group = c.benchmark_group("probes");
    group.sample_size(10);
    group.sampling_mode(SamplingMode::Flat);
    let longest = longest_pledges();
    let by_month = Query::new()
        .by(Key::month(DateBasis::Funded))
        .spread(Spread::evenly_by_days());
    group.bench_function("4 pledges funded 0001-01-01..9999-12-31 by month", |b| {
        b.iter(|| black_box(longest.totals(black_box(&by_month)).map(|t| t.len())))
    });
    let totals = many_groups()
        .totals(
            &Query::new()
                .by(Key::Donor)
                .by(Key::month(DateBasis::Announced)),
        )
        .unwrap_or_else(|_| unreachable!());
    assert_eq!(totals.len(), 20_000, "groups to rank");
    group.throughput(Throughput::Elements(totals.len() as u64));
    group.bench_function("ranking of 20,000 groups", |b| {
        b.iter(|| black_box(ranking(black_box(&totals)).map(|r| r.len())))
    });
    group.finish();
}

fn conversion_and_spreading(c: &mut Criterion) {
    let rates = rates();
    let mut rng = Lcg(7);
    let currencies = [Currency::USD, Currency::GBP, Currency::JPY, Currency::KRW];
    let items: Vec<(Figure, NaiveDate)> = (0..10_000)
        .map(|_| {
            let c = *rng.pick(&currencies);
            let minor = c.minor_units();
            let f = Figure::exactly(Money::new(
                Decimal::new(rng.next(300_000_000_000) as i64, minor),
                c,
            ));
            (f, start() + Days::new(rng.next(DAYS)))
        })
        .collect();
    let mut group = c.benchmark_group("figures");
    group.throughput(Throughput::Elements(items.len() as u64));
    group.bench_function("convert 10k figures at their dates", |b| {
        b.iter(|| {
            for (f, d) in black_box(&items) {
                black_box(
                    rates
                        .convert(f, Currency::EUR, RateRule::AnnouncementDate, Some(*d))
                        .ok(),
                );
            }
        })
    });
    let span: Period = "2024-01-01..2027-12-31"
        .parse()
        .unwrap_or_else(|_| unreachable!());
    let spread = Spread::evenly_by_days();
    group.bench_function("spread 10k 4-year pledges over quarters", |b| {
        b.iter(|| {
            for (f, _) in black_box(&items) {
                black_box(spread.split(f, &span, PeriodUnit::Quarter, None).ok());
            }
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    reading,
    aggregation,
    probes,
    conversion_and_spreading
);
criterion_main!(benches);
