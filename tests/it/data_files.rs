//! The sample files under `examples/data/` read without error, mean the
//! same in CSV and JSON, and give the totals worked out by hand.

use std::fs::File;

use alliance_commitments::{Currency, DateBasis, Key, Pledges, Query, RateRule, RateTable};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data");

fn csv() -> Pledges {
    let mut p = Pledges::new();
    p.read_csv(File::open(format!("{DIR}/pledges.csv")).unwrap())
        .unwrap();
    p
}

#[test]
fn the_sample_csv_reads_and_keeps_every_decimal() {
    let p = csv();
    assert_eq!(p.len(), 10);
    assert_eq!(
        p.get("gb-2025-1")
            .unwrap()
            .figure()
            .stated()
            .amount()
            .to_string(),
        "3000000000.00"
    );
    assert_eq!(
        p.get("no-undated")
            .unwrap()
            .figure()
            .stated()
            .amount()
            .to_string(),
        "23417159.978473667"
    );
    assert!(p.get("nl-fix").unwrap().is_correction());
    assert_eq!(p.get("no-undated").unwrap().announced(), None);
}

#[cfg(feature = "serde")]
#[test]
fn the_sample_json_holds_the_same_pledges() {
    let mut json = Pledges::new();
    json.read_json(File::open(format!("{DIR}/pledges.json")).unwrap())
        .unwrap();
    assert_eq!(json, csv());
}

#[test]
fn the_sample_rates_read_as_published() {
    let mut rates = RateTable::new();
    // 7 days × 41 columns, less the N/A cells (CYP, EEK, LTL, LVL, MTL, ROL,
    // SIT, SKK, HRK, RUB, TRL: 11 a day).
    let n = rates
        .read_ecb_history(File::open(format!("{DIR}/eurofxref-hist.csv")).unwrap())
        .unwrap();
    assert_eq!(n, 7 * (41 - 11));
}

#[test]
fn donor_totals_for_2025_from_the_samples() {
    let mut rates = RateTable::new();
    rates
        .read_ecb_history(File::open(format!("{DIR}/eurofxref-hist.csv")).unwrap())
        .unwrap();
    let query = Query::new().by(Key::year(DateBasis::Announced)).convert_to(
        Currency::EUR,
        RateRule::OnDate(chrono::NaiveDate::from_ymd_opt(2025, 3, 20).unwrap()),
        &rates,
    );
    let totals = csv().totals(&query).unwrap();
    let rows: Vec<String> = totals
        .groups()
        .map(|(k, t)| format!("{k}: {}", t.converted().unwrap().rounded().full()))
        .collect();
    // At 2025-03-20 rates (USD 1.085, GBP 0.837, PLN 4.192, SEK 10.98):
    // 2024: PLN 100m–150m ÷ 4.192 = €23,854,961.83–€35,782,442.75; SEK 7bn ÷ 10.98 = €637,522,768.67;
    //       up to €5bn; −€62m → between €599,377,730.50 and €5,611,305,211.42
    // 2025: €7bn + £3bn ÷ 0.837 (€3,584,229,390.68) + over US$3bn ÷ 1.085 (€2,764,976,958.53)
    //       + €3.5bn + about €4bn ± 5% → over €20,649,206,349.21 (€3.8bn low end of the about)
    // unknown: €23,417,159.98
    assert_eq!(
        rows,
        [
            "2024: between €599,377,730.50 and €5,611,305,211.42",
            "2025: over €20,649,206,349.20",
            "unknown: €23,417,159.98",
        ]
    );
}
