//! Tables, keys, guidelines and rate rules read back from JSON as written.

use alliance_commitments::rates::FixedRate;
use alliance_commitments::reattribution::{Reattribution, ReattributionKey};
use alliance_commitments::tables::{
    GdpTable, PopulationTable, PriceArea, PriceIndex, SpendingPart, SpendingTable,
};
use alliance_commitments::targets::GdpGuideline;
use alliance_commitments::{Country, Currency, Donor, Institution, RateRule};
use rust_decimal::dec;

fn round_trip<T>(value: &T) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, value, "{json}");
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    back
}

#[test]
fn tables_round_trip_through_json() {
    let (de, pl) = (Donor::from(Country::DE), Donor::from(Country::PL));
    let mut gdp = GdpTable::new();
    gdp.insert(de, 2023, "€4,100.50bn".parse().unwrap())
        .unwrap();
    gdp.insert(pl, 2024, "PLN 3,600bn".parse().unwrap())
        .unwrap();
    round_trip(&gdp);
    let mut spending = SpendingTable::new();
    spending
        .insert(
            pl,
            2024,
            SpendingPart::Core,
            "PLN 150.00bn".parse().unwrap(),
        )
        .unwrap();
    spending
        .insert(pl, 2024, SpendingPart::Related, "PLN 0".parse().unwrap())
        .unwrap();
    round_trip(&spending);
    let mut people = PopulationTable::new();
    people.insert(de, 2024, dec!(83.20)).unwrap();
    let back = round_trip(&people);
    assert_eq!(back.get(&de, 2024).unwrap().to_string(), "83.20");
    let mut index = PriceIndex::new();
    index
        .insert(Currency::EUR.into(), 2022, dec!(100.0))
        .unwrap();
    index
        .insert(PriceArea::Donor(pl), 2022, dec!(97.31))
        .unwrap();
    round_trip(&index);
    round_trip(&GdpGuideline::hague_2035());
    round_trip(&GdpGuideline::two_percent());
    let key = ReattributionKey::new(
        Institution::EuInstitutions.into(),
        [(de, dec!(0.250)), (pl, dec!(0.750))],
        "illustrative",
    )
    .unwrap();
    round_trip(&key);
    round_trip(&Reattribution::new().with_key(key).unwrap());
    round_trip(&RateRule::Fixed(
        FixedRate::new(Currency::NOK, dec!(11.50)).unwrap(),
    ));
    round_trip(&RateRule::AnnouncementDateOrLatest);
}

#[test]
fn tables_invalid_json_is_refused() {
    for (what, json) in [
        (
            "population",
            r#"[{"donor":"DE","year":2024,"population":"0"}]"#,
        ),
        (
            "population",
            r#"[{"donor":"DE","year":2024,"population":"1"},{"donor":"DE","year":2024,"population":"2"}]"#,
        ),
        (
            "population",
            r#"[{"donor":"DE","year":2024,"population":1}]"#,
        ),
        ("index", r#"[{"area":"EUR","year":2024,"index":"-1"}]"#),
        (
            "gdp",
            r#"[{"donor":"DE","year":2024,"gdp":{"amount":"0","currency":"EUR"}}]"#,
        ),
        (
            "key",
            r#"{"institution":"EU","source":"s","shares":[{"member":"DE","share":"0.9"}]}"#,
        ),
        (
            "rule",
            r#"{"fixed":{"currency":"NOK","units_per_eur":"0"}}"#,
        ),
    ] {
        let refused = match what {
            "population" => serde_json::from_str::<PopulationTable>(json).is_err(),
            "index" => serde_json::from_str::<PriceIndex>(json).is_err(),
            "gdp" => serde_json::from_str::<GdpTable>(json).is_err(),
            "key" => serde_json::from_str::<ReattributionKey>(json).is_err(),
            _ => serde_json::from_str::<RateRule>(json).is_err(),
        };
        assert!(refused, "{json}");
    }
}
