//! Totals by donor groups the caller defines ("EU + EIB" as one row):
//! hand-worked rows, the groups adding up to the grand total, and groups
//! that cannot be defined.

use crate::common::day;
use alliance_commitments::error::ErrorKind;
use alliance_commitments::pledge::{Condition, ConditionStatus};
use alliance_commitments::totals::{DonorGroups, GroupLabel, GroupValue};
use alliance_commitments::{
    Country, DateBasis, Donor, Figure, Institution, Key, Pledge, Pledges, Query, Totals,
};

fn eu() -> Donor {
    Institution::EuInstitutions.into()
}

fn eib() -> Donor {
    Institution::EuropeanInvestmentBank.into()
}

/// Illustrative pledges in euros: EU €5bn and EIB €400m (2024), DE
/// €1.2bn (2024) and €300m (2025), FR €3bn (2024), DK €700m and SE €1.1bn
/// (2025), and GB's €5bn waiting on a condition.
fn pledges() -> Pledges {
    let mut pledges = Pledges::new();
    for (donor, figure, on) in [
        (eu(), "€5bn", day(2024, 2, 1)),
        (eib(), "€400m", day(2024, 3, 10)),
        (Country::DE.into(), "€1.2bn", day(2024, 1, 15)),
        (Country::DE.into(), "€300m", day(2025, 5, 20)),
        (Country::FR.into(), "€3bn", day(2024, 2, 16)),
        (Country::DK.into(), "€700m", day(2025, 1, 9)),
        (Country::SE.into(), "€1.1bn", day(2025, 2, 27)),
    ] {
        let donor: Donor = donor;
        pledges
            .add(
                Pledge::builder(donor, Country::UA, figure.parse().unwrap())
                    .announced(on)
                    .build()
                    .unwrap(),
            )
            .unwrap();
    }
    let pending = Condition::new("should a ceasefire hold", ConditionStatus::Pending).unwrap();
    pledges
        .add(
            Pledge::builder(Country::GB, Country::UA, "€5bn".parse().unwrap())
                .announced(day(2025, 3, 1))
                .condition(pending)
                .build()
                .unwrap(),
        )
        .unwrap();
    pledges
}

fn groups() -> DonorGroups {
    DonorGroups::new()
        .group("EU + EIB", [eu(), eib()])
        .unwrap()
        .group("Nordics", [Country::DK, Country::FI, Country::SE])
        .unwrap()
}

fn rows(totals: &Totals) -> Vec<String> {
    totals
        .groups()
        .map(|(k, t)| format!("{k}: {}", t.single().unwrap()))
        .collect()
}

#[test]
fn donor_groups_make_one_row_each_and_add_up_to_the_grand_total() {
    let pledges = pledges();
    let totals = pledges
        .totals(&Query::new().by(Key::DonorGroup(groups())))
        .unwrap();
    // Donors in no group first, in donor order; then the groups by label.
    // EU + EIB: 5 + 0.4; Nordics: 0.7 + 1.1 (FI has no pledge).
    assert_eq!(
        rows(&totals),
        [
            "DE: €1.5bn",
            "FR: €3bn",
            "EU + EIB: €5.4bn",
            "Nordics: €1.8bn"
        ]
    );
    // 1.5 + 3 + 5.4 + 1.8 = 11.7; GB's pending €5bn is apart.
    assert_eq!(
        totals.grand_total().single().unwrap().to_string(),
        "€11.7bn"
    );
    let groups_sum = totals
        .groups()
        .map(|(_, t)| t.single().unwrap())
        .try_fold(Figure::zero(alliance_commitments::Currency::EUR), |a, f| {
            a.checked_add(&f)
        })
        .unwrap();
    assert_eq!(
        groups_sum,
        totals
            .grand_total()
            .in_currency(alliance_commitments::Currency::EUR)
            .unwrap()
    );
    assert_eq!(totals.pending().single().unwrap().to_string(), "€5bn");
    // Counts: EU + EIB two pledges, Nordics two.
    let eu_eib = totals.find(&["EU + EIB"]).unwrap();
    assert_eq!(eu_eib.count(), 2);
    let label = GroupLabel::new("Nordics").unwrap();
    assert_eq!(
        totals
            .get(&[GroupValue::DonorGroup(label)])
            .unwrap()
            .count(),
        2
    );
    assert_eq!(
        totals
            .get(&[GroupValue::Donor(Country::DE.into())])
            .unwrap()
            .count(),
        2
    );
}

#[test]
fn donors_in_no_group_go_to_the_rest_when_it_is_named() {
    let pledges = pledges();
    let totals = pledges
        .totals(&Query::new().by(Key::DonorGroup(groups().rest("others").unwrap())))
        .unwrap();
    // others: DE 1.5 + FR 3.
    assert_eq!(
        rows(&totals),
        ["EU + EIB: €5.4bn", "Nordics: €1.8bn", "others: €4.5bn"]
    );
    assert_eq!(
        totals.grand_total().single().unwrap().to_string(),
        "€11.7bn"
    );
}

#[test]
fn donor_groups_combine_with_other_keys() {
    let pledges = pledges();
    let totals = pledges
        .totals(
            &Query::new()
                .by(Key::DonorGroup(groups()))
                .by(Key::year(DateBasis::Announced)),
        )
        .unwrap();
    assert_eq!(
        rows(&totals),
        [
            "DE, 2024: €1.2bn",
            "DE, 2025: €300m",
            "FR, 2024: €3bn",
            "EU + EIB, 2024: €5.4bn",
            "Nordics, 2025: €1.8bn"
        ]
    );
    // Filtered to the group's members, the group is the only row.
    let only = pledges
        .totals(
            &Query::new()
                .filter(alliance_commitments::Filter::new().donor(eu()).donor(eib()))
                .by(Key::DonorGroup(groups())),
        )
        .unwrap();
    assert_eq!(rows(&only), ["EU + EIB: €5.4bn"]);
}

#[test]
fn groups_that_cannot_be_defined_are_refused() {
    let twice = groups().group("Banks", [eib()]).unwrap_err();
    assert_eq!(
        twice.kind(),
        &ErrorKind::DonorInTwoGroups {
            donor: eib(),
            first: "EU + EIB".into(),
            second: "Banks".into()
        }
    );
    assert_eq!(
        twice.to_string(),
        "European Investment Bank is in donor group \"EU + EIB\" already, so it cannot be in \"Banks\""
    );
    for (label, reason) in [
        ("Nordics", "the label is given twice"),
        (
            "EU",
            "the label reads as a donor, whose own row it could be taken for",
        ),
        (
            "Germany",
            "the label reads as a donor, whose own row it could be taken for",
        ),
        (
            "Nordic and Baltic allies of NATO",
            "a label is at most 30 bytes long",
        ),
    ] {
        let err = groups().group(label, [Country::NO]).unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::InvalidGroup {
                label: label.into(),
                reason
            },
            "{label}"
        );
    }
    assert!(matches!(
        groups().group(" ", [Country::NO]).unwrap_err().kind(),
        ErrorKind::EmptyField { .. }
    ));
    assert!(matches!(
        groups()
            .group("None", Vec::<Donor>::new())
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidGroup { .. }
    ));
}
