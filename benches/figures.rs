//! Parsing and arithmetic on the foundation types: the per-row costs that
//! reading a large pledge file will pay.

use std::hint::black_box;

use alliance_commitments::{Figure, Money, Period, PeriodUnit};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const FIGURES: &[&str] = &[
    "over €20bn",
    "about €50bn",
    "at least EUR 40bn",
    "up to $500m",
    "between €1bn and €2bn",
    "23417159.978473667 EUR",
    "-€62m",
    "more than 20 billion euros",
];

fn parsing(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Elements(FIGURES.len() as u64));
    group.bench_function("figure", |b| {
        b.iter(|| {
            for text in FIGURES {
                black_box(black_box(text).parse::<Figure>().ok());
            }
        })
    });
    group.bench_function("money", |b| {
        b.iter(|| black_box(black_box("EUR 1,250,000.50").parse::<Money>().ok()))
    });
    group.bench_function("period", |b| {
        b.iter(|| black_box(black_box("2024-01-01..2027-12-31").parse::<Period>().ok()))
    });
    group.finish();
}

fn arithmetic(c: &mut Criterion) {
    let figures: Vec<Figure> = FIGURES
        .iter()
        .filter_map(|t| t.parse().ok())
        .filter(|f: &Figure| f.currency().code() == "EUR")
        .collect();
    let mut group = c.benchmark_group("arithmetic");
    group.throughput(Throughput::Elements(figures.len() as u64));
    group.bench_function("sum figures", |b| {
        b.iter(|| {
            let mut total = Figure::exactly(Money::zero(figures[0].currency()));
            for f in black_box(&figures) {
                total = total.checked_add(f).unwrap_or(total);
            }
            black_box(total)
        })
    });
    group.finish();
    let span: Period = "2024-01-01..2027-12-31"
        .parse()
        .unwrap_or_else(|_| unreachable!());
    c.bench_function("split 4 years into months", |b| {
        b.iter(|| black_box(black_box(span).split(PeriodUnit::Month)))
    });
}

criterion_group!(benches, parsing, arithmetic);
criterion_main!(benches);
