//! Population, price indices, per capita, share of GDP and constant
//! prices: hand-computed, with non-terminating quotients.

use std::ops::Bound;

use alliance_commitments::tables::{GdpTable, PopulationTable, PriceArea, PriceIndex};
use alliance_commitments::{Country, Currency, DateBasis, Figure, Key, Pledge, Pledges, Query};
use rust_decimal::dec;

use crate::common::day;

fn fig(s: &str) -> Figure {
    s.parse().unwrap()
}

#[test]
fn tables_per_capita_of_a_non_terminating_quotient() {
    let people = PopulationTable::read_csv(
        "donor,year,population\nEE,2024,1374687\nLV,2024,1871882\n".as_bytes(),
    )
    .unwrap();
    // 10,000,000 ÷ 1,374,687 = 7.27438318686362786583418625476…, by long
    // division: 1,374,687 × 7 = 9,622,809, remainder 377,191; 3,771,910 ÷
    // 1,374,687 = 2 (2,749,374), remainder 1,022,536; … The 28-digit
    // bracket (28 decimals below and above) is:
    let f = people
        .per_capita(&Country::EE.into(), 2024, &fig("€10m"))
        .unwrap();
    assert_eq!(
        (f.lower(), f.upper()),
        (
            Bound::Included(dec!(7.2743831868636278658341862547)),
            Bound::Included(dec!(7.2743831868636278658341862548))
        )
    );
    assert_eq!(f.round().to_string(), "between €7.27 and €7.28");
    // Exact: 3,743,764 ÷ 1,871,882 = 2.
    let g = people
        .per_capita(&Country::LV.into(), 2024, &fig("about €3,743,764"))
        .unwrap();
    assert_eq!(g.to_string(), "about €2");
    assert!(
        people
            .per_capita(&Country::LV.into(), 2023, &fig("€1"))
            .is_err()
    );
}

#[test]
fn tables_per_capita_by_donor_and_share_of_gdp() {
    let mut pledges = Pledges::new();
    for (c, f) in [(Country::DK, "€9bn"), (Country::EE, "€1bn")] {
        pledges
            .add(Pledge::builder(c, Country::UA, fig(f)).build().unwrap())
            .unwrap();
    }
    let totals = pledges.totals(&Query::new().by(Key::Donor)).unwrap();
    let mut people = PopulationTable::new();
    people
        .insert(Country::DK.into(), 2024, dec!(6000000))
        .unwrap();
    people
        .insert(Country::EE.into(), 2024, dec!(1374687))
        .unwrap();
    let rows = people.per_capita_by_donor(&totals, 2024).unwrap();
    let shown: Vec<String> = rows
        .iter()
        .map(|(d, total, each)| format!("{} {} {}", d.id(), total, each.round()))
        .collect();
    assert_eq!(
        shown,
        ["DK €9bn €1,500", "EE €1bn between €727.43 and €727.44"]
    );
    // Grouped otherwise: refused.
    let by_year = pledges
        .totals(&Query::new().by(Key::year(DateBasis::Announced)))
        .unwrap();
    assert!(people.per_capita_by_donor(&by_year, 2024).is_err());

    let mut gdp = GdpTable::new();
    gdp.insert(Country::DK.into(), 2024, "€3bn".parse().unwrap())
        .unwrap();
    // 1 ÷ 3: never a point.
    let s = gdp
        .share_of_gdp(&Country::DK.into(), 2024, &fig("€1bn"))
        .unwrap();
    assert!(!s.is_point());
    assert_eq!(s.percent(2).to_string(), "[33.33%, 33.34%]");
    assert!(s.contains(dec!(0.3333333333333333333333333333)));
    assert!(
        gdp.share_of_gdp(&Country::DK.into(), 2024, &fig("£1"))
            .is_err()
    );
}

#[test]
fn tables_constant_prices_of_a_base_year() {
    let index = PriceIndex::read_csv(
        "area,year,index\nEUR,2022,100\nEUR,2023,106\nEUR,2024,103\n".as_bytes(),
    )
    .unwrap();
    let eur = PriceArea::Currency(Currency::EUR);
    // €53 of 2023 in 2022 prices: 53 × 100 ÷ 106 = 50 exactly.
    assert_eq!(
        index.to_constant(&eur, &fig("€53"), 2023, 2022).unwrap(),
        fig("€50")
    );
    // €1 of 2024 in 2023 prices: 106 ÷ 103 = 1.0291262135922330097087378640776…
    let r = index
        .to_constant(&eur, &fig("over €1"), 2024, 2023)
        .unwrap();
    assert_eq!(
        r.lower(),
        Bound::Excluded(dec!(1.0291262135922330097087378640))
    );
    let e = index.to_constant(&eur, &fig("€1"), 2024, 2023).unwrap();
    assert_eq!(
        (e.lower(), e.upper()),
        (
            Bound::Included(dec!(1.0291262135922330097087378640)),
            Bound::Included(dec!(1.0291262135922330097087378641))
        )
    );
    // Rebased to 2022 = 100: 2024 is 103, exactly.
    assert_eq!(index.rebased(&eur, 2024, 2022).unwrap().to_string(), "103");

    let mut pledges = Pledges::new();
    for (d, f) in [
        (day(2023, 3, 1), "€53"),
        (day(2024, 5, 1), "€103"),
        (day(2024, 6, 1), "€1"),
    ] {
        pledges
            .add(
                Pledge::builder(Country::DE, Country::UA, fig(f))
                    .announced(d)
                    .build()
                    .unwrap(),
            )
            .unwrap();
    }
    let totals = pledges
        .totals(&Query::new().by(Key::year(DateBasis::Announced)))
        .unwrap();
    let real = index.constant_totals(&totals, &eur, 2022).unwrap();
    // 2023: 53 × 100 ÷ 106 = 50; 2024: 104 × 100 ÷ 103 = 100.970873786…
    let groups: Vec<String> = real
        .groups()
        .map(|(k, c, r)| format!("{k}: {c} → {}", r.round()))
        .collect();
    assert_eq!(
        groups,
        [
            "2023: €53 → €50",
            "2024: €104 → between €100.97 and €100.98"
        ]
    );
    assert_eq!(
        real.total().unwrap().round().to_string(),
        "between €150.97 and €150.98"
    );
    // An undated group cannot be deflated: an error, not a silent drop.
    pledges
        .add(
            Pledge::builder(Country::DE, Country::UA, fig("€1"))
                .build()
                .unwrap(),
        )
        .unwrap();
    let totals = pledges
        .totals(&Query::new().by(Key::year(DateBasis::Announced)))
        .unwrap();
    assert!(index.constant_totals(&totals, &eur, 2022).is_err());
    assert!(index.to_constant(&eur, &fig("€1"), 2021, 2022).is_err());
}
