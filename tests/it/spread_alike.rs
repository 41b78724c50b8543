//! Alike pledges, spread and pending: what an adversarial reading of the
//! spreading and claims found, each pinned by what the docs promise.

use alliance_commitments::claims::Claim;
use alliance_commitments::pledge::{Condition, ConditionStatus};
use alliance_commitments::{Country, DateBasis, Pledge, Pledges};

/// `ClaimCheck::pending`: "The pledges in the claim's scope and period left
/// out of the computed total because their condition is pending". A claim
/// on funding for 2025 reports a pending pledge funded for 2030 (and, in
/// full, one for 2025-2028).
#[test]
fn a_claims_pending_pledges_are_those_of_its_period() {
    let mut pledges = Pledges::new();
    pledges
        .add(
            Pledge::builder(Country::DE, Country::UA, "€21bn".parse().unwrap())
                .funded("2025".parse().unwrap())
                .build()
                .unwrap(),
        )
        .unwrap();
    pledges
        .add(
            Pledge::builder(Country::GB, Country::UA, "€5bn".parse().unwrap())
                .funded("2030".parse().unwrap())
                .condition(
                    Condition::new("should a ceasefire hold", ConditionStatus::Pending).unwrap(),
                )
                .build()
                .unwrap(),
        )
        .unwrap();
    let check = Claim::new(
        "over €20bn".parse().unwrap(),
        "2025".parse().unwrap(),
        DateBasis::Funded,
    )
    .check(&pledges, None)
    .unwrap();
    assert_eq!(check.counted(), 1);
    assert_eq!(
        check.pending().count(),
        0,
        "a pledge funded for 2030 is outside a claim about 2025: {check}"
    );
}

/// Totals by the funded year make pieces no finer than years when they
/// can: an amount too large to count in minor units (counted on a coarser
/// grid) must still be written as `Spread::split` writes it (`…828.10`,
/// not `…828.1`).
#[test]
fn pieces_no_finer_than_the_query_keep_the_month_pieces_scale() {
    use alliance_commitments::{DateBasis, Key, PeriodUnit, Query, Spread};
    let figure: alliance_commitments::Figure = "KWD 7922816251426433759354395033".parse().unwrap();
    let span: alliance_commitments::Period = "2023-12-26..2025-03-04".parse().unwrap();
    let mut pledges = Pledges::new();
    pledges
        .add(
            Pledge::builder(Country::DE, Country::UA, figure)
                .funded(span)
                .build()
                .unwrap(),
        )
        .unwrap();
    let totals = pledges
        .totals(&Query::new().by(Key::Period(PeriodUnit::Year, DateBasis::Funded)))
        .unwrap();
    let by_totals: Vec<String> = totals
        .groups()
        .map(|(_, g)| g.single().unwrap().stated().amount().to_string())
        .collect();
    let by_split: Vec<String> = Spread::evenly_by_days()
        .split(&figure, &span, PeriodUnit::Year, None)
        .unwrap()
        .iter()
        .map(|(_, f)| f.stated().amount().to_string())
        .collect();
    assert_eq!(by_totals, by_split);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
    /// One path: a file's sources cell is accepted or refused alike by
    /// `Pledges::read_csv` (which builds sources) and `PledgeReader::totals`
    /// (which only checks them), with the same error.
    #[test]
    fn a_sources_cell_reads_alike_on_both_paths(cell in proptest::collection::vec(proptest::sample::select(vec![
        "NATO", "|", "\\", "\\\\", "\\|", "\\n", "\\r", "n", " ", "\u{a0}", "\u{3000}", "\u{b}", "\u{85}", "\u{1c}", "\u{200b}",
        "\n", "\r\n", "\r", "2025-01-01", "2025-02-30", "\"", "é",
    ]), 0..12)) {
        use alliance_commitments::io::{CsvOptions, PledgeReader};
        use alliance_commitments::Query;
        let cell: String = cell.concat();
        let csv = format!("donor,recipient,amount,currency,source\nDE,UA,5,EUR,\"{}\"\n", cell.replace('"', "\"\""));
        let loaded = Pledges::new().read_csv(csv.as_bytes()).map(|_| ()).map_err(|e| e.to_string());
        let totalled = PledgeReader::new(csv.as_bytes(), CsvOptions::new())
            .and_then(|r| r.totals(&Query::new()))
            .map(|_| ())
            .map_err(|e| e.to_string());
        proptest::prop_assert_eq!(loaded, totalled, "{:?}", cell);
    }
}

/// Alike pledges are matched by the days of their funded span, not by how
/// it is written: €0.02 for 2025 split into two €0.01 rows that write the
/// year as `2025` and as `2025-01-01..2025-12-31` moves no cent between
/// quarters.
#[test]
fn alike_spans_are_their_days_not_how_they_are_written() {
    use alliance_commitments::{DateBasis, Key, PeriodUnit, Query};
    let p = |amount: &str, funded: &str| {
        Pledge::builder(Country::DE, Country::UA, amount.parse().unwrap())
            .funded(funded.parse().unwrap())
            .build()
            .unwrap()
    };
    let q = Query::new().by(Key::Period(PeriodUnit::Quarter, DateBasis::Funded));
    let rows = |pledges: &Pledges| -> Vec<String> {
        pledges
            .totals(&q)
            .unwrap()
            .groups()
            .map(|(k, g)| format!("{k} {}", g.single().unwrap()))
            .collect()
    };
    let mut whole = Pledges::new();
    whole.add(p("€0.02", "2025")).unwrap();
    let mut split = Pledges::new();
    split.add(p("€0.01", "2025")).unwrap();
    split.add(p("€0.01", "2025-01-01..2025-12-31")).unwrap();
    assert_eq!(rows(&split), rows(&whole));
}

/// Alike pledges are summed before they are spread, and that sum must fit
/// in a `Decimal`: two whose sum is past `Decimal::MAX` are an overflow
/// naming them (by their funded span), even where the pieces would fit.
#[test]
fn an_alike_sum_past_what_a_decimal_holds_names_its_group() {
    let max = "€79228162514264337593543950335";
    let mut pledges = Pledges::new();
    for donor in [Country::DE, Country::FR] {
        let p = Pledge::builder(donor, Country::UA, max.parse().unwrap())
            .funded("2024".parse().unwrap());
        pledges.add(p.build().unwrap()).unwrap();
    }
    let q = alliance_commitments::Query::new().by(alliance_commitments::Key::Period(
        alliance_commitments::PeriodUnit::Year,
        DateBasis::Funded,
    ));
    let e = pledges.totals(&q).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            alliance_commitments::error::ErrorKind::Overflow { .. }
        ),
        "{e}"
    );
    assert_eq!(
        e.position().group(),
        Some("(pledges alike, funded 2024-01-01..2024-12-31)"),
        "{e}"
    );
}
