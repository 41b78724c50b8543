//! Claims, filters, targets, keys and donor groups read back from JSON as
//! written, and invalid JSON refused by the checks of their constructors.

use alliance_commitments::claims::{Claim, Verdict};
use alliance_commitments::period::PeriodKind;
use alliance_commitments::spread::Schedule;
use alliance_commitments::targets::{FloorTarget, GdpGuideline};
use alliance_commitments::totals::{DonorGroups, GroupLabel};
use alliance_commitments::{
    Alliance, Category, Country, DateBasis, Filter, Half, Institution, Instrument, Key, Month,
    PeriodUnit, Source, Spread, Stage,
};
use rust_decimal::dec;
use serde::Serialize;
use serde::de::DeserializeOwned;

fn round_trip<T>(value: &T) -> T
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let json = serde_json::to_string(value).unwrap();
    let back: T = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, value, "{json}");
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    back
}

fn refused<T: DeserializeOwned + std::fmt::Debug>(json: &str) -> String {
    serde_json::from_str::<T>(json).expect_err(json).to_string()
}

fn groups() -> DonorGroups {
    DonorGroups::new()
        .group(
            "EU + EIB",
            [
                Institution::EuInstitutions,
                Institution::EuropeanInvestmentBank,
            ],
        )
        .unwrap()
        .group("Nordics", [Country::SE, Country::DK])
        .unwrap()
}

fn every_condition() -> Filter {
    Filter::new()
        .donor(Country::DE)
        .donor(Institution::EuInstitutions)
        .alliance(Alliance::nato())
        .recipient(Country::UA)
        .category(Category::Military)
        .instrument(Instrument::Guarantee)
        .stage(Stage::Committed)
        .stage(Stage::Delivered)
        .announced_within("2025-Q1".parse().unwrap())
        .funded_overlapping("2025".parse().unwrap())
        .delivered_within("2025-H1".parse().unwrap())
        .dated(true)
}

#[test]
fn filters_round_trip_through_json() {
    round_trip(&Filter::new());
    round_trip(&every_condition());
    round_trip(&Filter::new().stage_at_least(Stage::Allocated).dated(false));
    // Conditions left out are no conditions.
    let back: Filter =
        serde_json::from_str(r#"{"donors": ["DE"], "stages": {"at_least": "allocated"}}"#).unwrap();
    assert_eq!(
        back,
        Filter::new()
            .donor(Country::DE)
            .stage_at_least(Stage::Allocated)
    );
}

#[test]
fn claims_round_trip_through_json() {
    let claim = Claim::new(
        "over €20bn".parse().unwrap(),
        "2025".parse().unwrap(),
        DateBasis::Funded,
    );
    round_trip(&claim);
    let schedule = Schedule::new(vec![
        ("2025".parse().unwrap(), dec!(3)),
        ("2026".parse().unwrap(), dec!(1)),
    ])
    .unwrap();
    round_trip(
        &claim
            .clone()
            .scope(every_condition())
            .source(Source::new("NATO").unwrap())
            .spread(Spread::at_start().with_schedule("de-1", schedule)),
    );
    // Scope, source and spread may be left out: a claim about every pledge.
    let back: Claim = serde_json::from_str(
        r#"{"figure": {"amount": "over 20000000000", "currency": "EUR"}, "period": "2025", "basis": "funded"}"#,
    )
    .unwrap();
    assert_eq!(back, claim);
    for verdict in [
        Verdict::Supported,
        Verdict::Contradicted,
        Verdict::CannotTell,
    ] {
        round_trip(&verdict);
    }
}

#[test]
fn targets_round_trip_through_json() {
    let target = FloorTarget::new(
        "Washington baseline",
        Alliance::nato(),
        "2025".parse().unwrap(),
        "€40bn".parse().unwrap(),
    )
    .unwrap();
    round_trip(&target);
    round_trip(
        &target
            .clone()
            .shared_by_gdp(2023)
            .exempt(Country::HU.into())
            .exempt(Country::SK.into()),
    );
    round_trip(&GdpGuideline::hague_2035());
    round_trip(&GdpGuideline::new("custom").up_to(
        alliance_commitments::tables::SpendingPart::Related,
        dec!(0.015),
    ));
}

#[test]
fn keys_and_donor_groups_round_trip_through_json() {
    for key in [
        Key::Donor,
        Key::Recipient,
        Key::Category,
        Key::Instrument,
        Key::Stage,
        Key::Alliance(Alliance::nato()),
        Key::Period(PeriodUnit::Quarter, DateBasis::Delivered),
        Key::DonorGroup(groups()),
        Key::DonorGroup(groups().rest("others").unwrap()),
    ] {
        round_trip(&key);
    }
    let groups = round_trip(&groups());
    assert_eq!(
        serde_json::to_string(&groups).unwrap(),
        r#"{"groups":[{"label":"EU + EIB","donors":["EU","EIB"]},{"label":"Nordics","donors":["DK","SE"]}],"rest":null}"#
    );
    round_trip(&GroupLabel::new("Nordic-Baltic Eight").unwrap());
    for kind in [
        PeriodKind::Year,
        PeriodKind::Half(Half::H2),
        PeriodKind::Month(Month::March),
        PeriodKind::FiscalYear {
            start_month: Month::October,
        },
        PeriodKind::Range,
    ] {
        round_trip(&kind);
    }
}

#[test]
fn invalid_json_is_refused_by_the_constructors_checks() {
    // A filter's "one of" stages name at least one; unknown fields are refused.
    assert!(refused::<Filter>(r#"{"stages": {"one_of": []}}"#).contains("at least one stage"));
    refused::<Filter>(r#"{"donor": ["DE"]}"#);
    refused::<Filter>(r#"{"donors": ["XX"]}"#);
    refused::<Filter>(r#"{"announced_within": "2025-Q5"}"#);
    // A floor must be positive, as FloorTarget::new says.
    let nato = serde_json::to_string(&Alliance::nato()).unwrap();
    let floor = |amount: &str| {
        format!(
            r#"{{"name": "T", "alliance": {nato}, "period": "2025", "floor": {{"amount": "{amount}", "currency": "EUR"}}}}"#
        )
    };
    assert!(serde_json::from_str::<FloorTarget>(&floor("40000000000")).is_ok());
    assert!(refused::<FloorTarget>(&floor("0")).contains("positive"));
    assert!(refused::<FloorTarget>(&floor("-1")).contains("positive"));
    // A claim needs its figure, period and basis; no other field.
    refused::<Claim>(r#"{"period": "2025", "basis": "funded"}"#);
    refused::<Claim>(
        r#"{"figure": {"amount": "1", "currency": "EUR"}, "period": "2025", "basis": "funded", "verdict": "supported"}"#,
    );
    // Donor groups: a donor in two groups, a label given twice, a label
    // that reads as a donor or is too long, a group with no donor.
    for (json, why) in [
        (
            r#"{"groups": [{"label": "A", "donors": ["DE"]}, {"label": "B", "donors": ["DE"]}]}"#,
            "already",
        ),
        (
            r#"{"groups": [{"label": "A", "donors": ["DE"]}, {"label": "A", "donors": ["FR"]}]}"#,
            "given twice",
        ),
        (
            r#"{"groups": [{"label": "A", "donors": ["DE"]}], "rest": "A"}"#,
            "given twice",
        ),
        (
            r#"{"groups": [{"label": "EIB", "donors": ["EIB"]}]}"#,
            "reads as a donor",
        ),
        (
            r#"{"groups": [{"label": "A", "donors": []}]}"#,
            "at least one donor",
        ),
        (
            r#"{"groups": [{"label": "a label much longer than thirty bytes", "donors": ["DE"]}]}"#,
            "at most 30 bytes",
        ),
    ] {
        let message = refused::<DonorGroups>(json);
        assert!(message.contains(why), "{json}: {message}");
    }
    refused::<Key>(r#"{"donor_group": {"groups": [{"label": "Germany", "donors": ["DE"]}]}}"#);
    refused::<GroupLabel>(r#""""#);
    // A spread's schedules refuse a pledge id given twice.
    let schedule = r#"[{"period": "2025", "weight": "1"}]"#;
    let json = format!(
        r#"{{"rule": "evenly_by_days", "schedules": {{"a": {schedule}, "a": {schedule}}}}}"#
    );
    assert!(refused::<Spread>(&json).contains("given twice"));
}
