//! Invariant 9 of docs/design.md: a donor counts toward an alliance exactly on
//! the dates it is a member.

use alliance_commitments::alliance::Membership;
use alliance_commitments::{Alliance, Country, Donor};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use crate::common::ACCESSIONS;

fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1940, 1, 1).unwrap() + Days::new(n)
}

/// Up to three non-overlapping spells per donor: sorted cut points, paired
/// up as (joined, last day), the last spell possibly open-ended.
fn spells() -> impl Strategy<Value = Vec<(u64, Option<u64>)>> {
    (
        prop::collection::btree_set(0u64..40_000, 1..=6),
        prop::bool::ANY,
    )
        .prop_map(|(cuts, open)| {
            let cuts: Vec<u64> = cuts.into_iter().collect();
            let mut spells: Vec<(u64, Option<u64>)> =
                cuts.chunks(2).map(|c| (c[0], c.get(1).copied())).collect();
            if !open {
                if let Some(last) = spells.last_mut() {
                    last.1 = last.1.or(Some(last.0));
                }
            }
            spells
        })
}

fn donors() -> impl Strategy<Value = Vec<Donor>> {
    prop::sample::subsequence(Country::all().collect::<Vec<_>>(), 1..=5)
        .prop_map(|cs| cs.into_iter().map(Donor::from).collect())
}

proptest! {
    #[test]
    fn a_donor_counts_exactly_on_its_membership_days(
        donors in donors(),
        spells in prop::collection::vec(spells(), 5),
        queries in prop::collection::vec(0u64..40_000, 20),
    ) {
        let mut alliance = Alliance::new("Coalition").unwrap();
        let mut expected: Vec<(Donor, u64, Option<u64>)> = Vec::new();
        for (donor, spells) in donors.iter().zip(&spells) {
            for (joined, last) in spells {
                let m = Membership::new(*donor, day(*joined), last.map(day)).unwrap();
                alliance.add_membership(m).unwrap();
                expected.push((*donor, *joined, *last));
            }
        }
        for q in queries {
            let members = alliance.members_on(day(q));
            for donor in &donors {
                let member = expected
                    .iter()
                    .any(|(d, j, l)| d == donor && *j <= q && l.is_none_or(|l| q <= l));
                prop_assert_eq!(alliance.is_member(donor, day(q)), member);
                prop_assert_eq!(members.contains(donor), member);
            }
            prop_assert!(members.iter().all(|m| donors.contains(m)));
        }
    }

    #[test]
    fn nato_members_count_from_their_accession_day(
        date in prop_oneof![
            (0u64..40_000).prop_map(day),
            // The eve, the day and the morrow of each accession.
            (prop::sample::select(ACCESSIONS), -1i64..=1).prop_map(|((_, (y, m, d)), k)| {
                NaiveDate::from_ymd_opt(y, m, d).unwrap().checked_add_signed(chrono::TimeDelta::days(k)).unwrap()
            }),
        ]
    ) {
        let nato = Alliance::nato();
        let mut count = 0;
        for (code, (y, m, d)) in ACCESSIONS {
            let joined = NaiveDate::from_ymd_opt(*y, *m, *d).unwrap();
            let donor: Donor = code.parse().unwrap();
            prop_assert_eq!(nato.is_member(&donor, date), date >= joined, "{} on {}", code, date);
            count += usize::from(date >= joined);
        }
        prop_assert_eq!(nato.members_on(date).len(), count);
    }

    #[test]
    fn overlapping_spells_are_refused(a in 0u64..20_000, len in 0u64..5_000, b in 0u64..20_000) {
        let pl = Donor::from(Country::PL);
        let mut alliance = Alliance::new("Coalition").unwrap();
        alliance.add_membership(Membership::new(pl, day(a), Some(day(a + len))).unwrap()).unwrap();
        let result = alliance.add_member(pl, day(b));
        // An open-ended spell from b overlaps [a, a + len] unless it starts after it.
        prop_assert_eq!(result.is_ok(), b > a + len);
    }
}
