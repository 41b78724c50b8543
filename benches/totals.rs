//! Aggregating 1,000,000 in-memory pledges by donor × year in EUR, with
//! each pledge converted at its announcement date's rate; reading the same
//! pledges as CSV, and the whole job from CSV to totals; conversion and
//! spreading. Data are generated deterministically here, not committed.

use std::hint::black_box;

use alliance_commitments::io::{CsvOptions, PledgeReader};
use alliance_commitments::{
    Country, Currency, DateBasis, Donor, Figure, Key, Money, PeriodUnit, Pledge, Pledges, Query,
    RateRule, RateTable, Spread,
};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rust_decimal::Decimal;

const N: usize = 1_000_000;

/// A small deterministic generator (64-bit LCG, Knuth's constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn rates() -> RateTable {
    let mut t = RateTable::new();
    for i in 0..760u64 {
        let d = start() + Days::new(i);
        if matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        let j = Decimal::from(i % 40);
        let quotes = [
            (
                Currency::USD,
                Decimal::new(10500, 4) + j * Decimal::new(7, 4),
            ),
            (
                Currency::GBP,
                Decimal::new(8300, 4) + j * Decimal::new(3, 4),
            ),
            (
                Currency::PLN,
                Decimal::new(42000, 4) + j * Decimal::new(11, 4),
            ),
        ];
        for (c, r) in quotes {
            t.insert(d, c, r).unwrap_or_default();
        }
    }
    t
}

fn pledges() -> Pledges {
    let donors: Vec<Donor> = Country::all().take(40).map(Donor::from).collect();
    let currencies = [
        Currency::EUR,
        Currency::EUR,
        Currency::USD,
        Currency::GBP,
        Currency::PLN,
    ];
    let mut rng = Lcg(42);
    let mut out = Pledges::new();
    for _ in 0..N {
        let donor = donors[rng.next(donors.len() as u64) as usize];
        let currency = currencies[rng.next(currencies.len() as u64) as usize];
        let amount = Decimal::new(rng.next(300_000_000_000) as i64 + 100_000_000, 2);
        let figure = Figure::exactly(Money::new(amount, currency));
        let announced = start() + Days::new(rng.next(730));
        let period = alliance_commitments::Period::containing(announced, PeriodUnit::Year).ok();
        let mut b = Pledge::builder(donor, Country::UA, figure).announced(announced);
        if let Some(p) = period {
            b = b.funded(p);
        }
        if let Ok(p) = b.build() {
            out.add(p).unwrap_or_default();
        }
    }
    out
}

fn aggregation(c: &mut Criterion) {
    let rates = rates();
    let pledges = pledges();
    let mut group = c.benchmark_group("totals");
    group.sample_size(10);
    group.throughput(Throughput::Elements(N as u64));
    let by_donor_year = Query::new()
        .by(Key::Donor)
        .by(Key::year(DateBasis::Announced))
        .convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
    group.bench_function("1M pledges by donor x year in EUR", |b| {
        b.iter(|| black_box(pledges.totals(black_box(&by_donor_year)).map(|t| t.len())))
    });
    let by_funded_quarter = Query::new()
        .by(Key::Donor)
        .by(Key::quarter(DateBasis::Funded))
        .spread(Spread::evenly_by_days());
    group.bench_function("1M pledges by donor x funded quarter, spread", |b| {
        b.iter(|| {
            black_box(
                pledges
                    .totals(black_box(&by_funded_quarter))
                    .map(|t| t.len()),
            )
        })
    });
    group.finish();
}

/// The same pledges as CSV, in memory (about 60 MB).
fn csv_bytes(pledges: &Pledges) -> Vec<u8> {
    let mut out = Vec::with_capacity(N * 64);
    pledges.write_csv(&mut out).unwrap_or_default();
    out
}

fn reading(c: &mut Criterion) {
    let bytes = csv_bytes(&pledges());
    let mut group = c.benchmark_group("csv");
    group.sample_size(10);
    // Reads every row; the count keeps the work from being optimised away.
    let read_all = |bytes: &[u8]| {
        PledgeReader::new(black_box(bytes), CsvOptions::new())
            .map(|r| r.filter_map(Result::ok).count())
            .unwrap_or(0)
    };
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("read 1M pledges (bytes/s)", |b| {
        b.iter(|| black_box(read_all(&bytes)))
    });
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function("read 1M pledges (pledges/s)", |b| {
        b.iter(|| black_box(read_all(&bytes)))
    });
    let rates = rates();
    let query = Query::new()
        .by(Key::Donor)
        .by(Key::year(DateBasis::Announced))
        .convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
    // The path of `alliance totals`: rows straight to totals.
    group.bench_function("whole totals job: read, convert, total 1M pledges", |b| {
        b.iter(|| {
            let reader = PledgeReader::new(black_box(bytes.as_slice()), CsvOptions::new());
            black_box(reader.and_then(|r| r.totals(&query)).map(|t| t.len()))
        })
    });
    // The same through `Pledge` values, for comparison.
    group.bench_function("whole totals job through Pledge values", |b| {
        b.iter(|| {
            let reader = PledgeReader::new(black_box(bytes.as_slice()), CsvOptions::new());
            black_box(reader.and_then(|r| query.totals_of(r)).map(|t| t.len()))
        })
    });
    group.finish();
}

fn conversion_and_spreading(c: &mut Criterion) {
    let rates = rates();
    let mut rng = Lcg(7);
    let currencies = [Currency::USD, Currency::GBP, Currency::PLN];
    let items: Vec<(Figure, NaiveDate)> = (0..10_000)
        .map(|_| {
            let c = currencies[rng.next(3) as usize];
            let f = Figure::exactly(Money::new(
                Decimal::new(rng.next(300_000_000_000) as i64, 2),
                c,
            ));
            (f, start() + Days::new(rng.next(700)))
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
    let span: alliance_commitments::Period = "2024-01-01..2027-12-31"
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

criterion_group!(benches, aggregation, reading, conversion_and_spreading);
criterion_main!(benches);
