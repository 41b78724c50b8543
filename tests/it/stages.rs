//! Stage amounts, as-of totals, conditional and cancelled pledges, the
//! delivery-date key and the dated filter. Every expected value is worked
//! out by hand from the input.

use alliance_commitments::compare::stage_gap;
use alliance_commitments::error::ErrorKind;
use alliance_commitments::pledge::{Condition, ConditionStatus};
use alliance_commitments::totals::GroupValue;
use alliance_commitments::{
    Country, DateBasis, Figure, Filter, Key, Pledge, Pledges, Query, Stage, Totals,
};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn f(s: &str) -> Figure {
    s.parse().unwrap()
}

fn total(t: &Totals) -> String {
    match t.grand_total().by_currency().count() {
        0 => "nothing".into(),
        _ => t.grand_total().single().unwrap().to_string(),
    }
}

/// Germany: committed €1bn on 2024-02-01, allocated €600m on 2024-06-01,
/// delivered €400m on 2024-09-01. France: one stage, €300m delivered,
/// announced 2024-03-15.
fn three_stages() -> Pledges {
    let mut p = Pledges::new();
    p.add(
        Pledge::builder(Country::DE, Country::UA, f("€1bn"))
            .id("de")
            .stage(Stage::Committed)
            .announced(d(2024, 2, 1))
            .at_stage(Stage::Allocated, f("€600m"), d(2024, 6, 1))
            .at_stage(Stage::Delivered, f("€400m"), d(2024, 9, 1))
            .build()
            .unwrap(),
    )
    .unwrap();
    p.add(
        Pledge::builder(Country::FR, Country::UA, f("€300m"))
            .id("fr")
            .stage(Stage::Delivered)
            .announced(d(2024, 3, 15))
            .build()
            .unwrap(),
    )
    .unwrap();
    p
}

fn at(stage: Stage) -> Query<'static> {
    Query::new().filter(Filter::new().stage(stage))
}

#[test]
fn totals_by_stage_take_that_stages_amount() {
    let p = three_stages();
    // No stage filter: each pledge's first amount, once: 1bn + 300m.
    assert_eq!(total(&p.totals(&Query::new()).unwrap()), "€1.3bn");
    assert_eq!(total(&p.totals(&at(Stage::Committed)).unwrap()), "€1bn");
    assert_eq!(total(&p.totals(&at(Stage::Allocated)).unwrap()), "€600m");
    // 400m of Germany's, 300m of France's.
    assert_eq!(total(&p.totals(&at(Stage::Delivered)).unwrap()), "€700m");
    // "Allocated or later": Germany's earliest such amount (600m), France's 300m.
    let later = Query::new().filter(Filter::new().stage_at_least(Stage::Allocated));
    assert_eq!(total(&p.totals(&later).unwrap()), "€900m");
    // Grouped by stage: each pledge under the stage of the amount counted.
    let by_stage = p.totals(&Query::new().by(Key::Stage)).unwrap();
    let rows: Vec<String> = by_stage
        .groups()
        .map(|(k, t)| format!("{k} {}", t.single().unwrap()))
        .collect();
    assert_eq!(rows, ["committed €1bn", "delivered €300m"]);
}

#[test]
fn the_gap_is_worked_out_pledge_by_pledge() {
    let p = three_stages();
    let gaps = stage_gap(
        &p,
        &Filter::new(),
        Stage::Committed,
        Stage::Delivered,
        &Query::new(),
    )
    .unwrap();
    let shown: Vec<String> = gaps.iter().map(ToString::to_string).collect();
    // DE: 1bn − 400m = 600m outstanding. FR: its one amount reached both.
    assert_eq!(
        shown,
        [
            "DE: of €1bn committed, €400m delivered, €600m outstanding",
            "FR: of €300m committed, €300m delivered, €0 outstanding"
        ]
    );
    let alloc = stage_gap(
        &p,
        &Filter::new(),
        Stage::Committed,
        Stage::Allocated,
        &Query::new(),
    )
    .unwrap();
    assert_eq!(alloc[0].gap().to_string(), "€400m");
}

#[test]
fn a_qualified_gap_is_a_sound_interval_and_an_unbounded_one_an_error() {
    let mut p = Pledges::new();
    p.add(
        Pledge::builder(Country::PL, Country::UA, f("over €1bn"))
            .stage(Stage::Committed)
            .at_stage(Stage::Delivered, f("between €200m and €300m"), None)
            .build()
            .unwrap(),
    )
    .unwrap();
    // One amount that reached both stages adds nothing to the gap, even
    // when it is qualified (its difference with itself is not taken).
    p.add(
        Pledge::builder(Country::PL, Country::UA, f("over €5bn"))
            .stage(Stage::Delivered)
            .build()
            .unwrap(),
    )
    .unwrap();
    let g = stage_gap(
        &p,
        &Filter::new(),
        Stage::Committed,
        Stage::Delivered,
        &Query::new(),
    )
    .unwrap();
    // (1bn, ∞) − [200m, 300m] = (700m, ∞), closed at its end: at least 700m.
    assert_eq!(g[0].gap().to_string(), "at least €700m");
    let mut q = Pledges::new();
    q.add(
        Pledge::builder(Country::PL, Country::UA, f("€1bn"))
            .stage(Stage::Committed)
            .at_stage(Stage::Delivered, f("over €200m"), None)
            .build()
            .unwrap(),
    )
    .unwrap();
    let e = stage_gap(
        &q,
        &Filter::new(),
        Stage::Committed,
        Stage::Delivered,
        &Query::new(),
    )
    .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::UnboundedGap { .. }), "{e}");
}

#[test]
fn as_of_a_date_between_two_stages() {
    let p = three_stages();
    let on = d(2024, 7, 1);
    let as_of = |q: Query<'static>| total(&p.totals(&q.as_of(on)).unwrap());
    assert_eq!(as_of(at(Stage::Allocated)), "€600m");
    // Germany's delivery (2024-09-01) is still to come: France's only.
    assert_eq!(as_of(at(Stage::Delivered)), "€300m");
    assert_eq!(as_of(Query::new()), "€1.3bn");
    let gaps = stage_gap(
        &p,
        &Filter::new(),
        Stage::Committed,
        Stage::Delivered,
        &Query::new().as_of(on),
    )
    .unwrap();
    assert_eq!(gaps[0].gap().to_string(), "€1bn");
    // Before France announced: Germany's commitment only; before anything: nothing.
    assert_eq!(
        total(&p.totals(&Query::new().as_of(d(2024, 3, 14))).unwrap()),
        "€1bn"
    );
    assert_eq!(
        total(&p.totals(&Query::new().as_of(d(2024, 1, 31))).unwrap()),
        "nothing"
    );
}

#[test]
fn a_pause_shows_as_deliveries_that_stop() {
    // Deliveries of €100m in January, February and March 2024, none from
    // April to July, €50m in August: each a pledge committed on 2024-01-02.
    let mut p = Pledges::new();
    for (i, (m, amount)) in [(1, "€100m"), (2, "€100m"), (3, "€100m"), (8, "€50m")]
        .into_iter()
        .enumerate()
    {
        p.add(
            Pledge::builder(Country::US, Country::UA, f("€200m"))
                .id(format!("us-{i}"))
                .stage(Stage::Committed)
                .announced(d(2024, 1, 2))
                .at_stage(Stage::Delivered, f(amount), d(2024, m, 15))
                .build()
                .unwrap(),
        )
        .unwrap();
    }
    let delivered = |on| total(&p.totals(&at(Stage::Delivered).as_of(on)).unwrap());
    assert_eq!(delivered(d(2024, 3, 31)), "€300m"); // before
    assert_eq!(delivered(d(2024, 6, 30)), "€300m"); // during: nothing new
    assert_eq!(delivered(d(2024, 9, 30)), "€350m"); // after
    // The monthly series by delivery date has no row from April to July.
    let monthly = p
        .totals(&at(Stage::Delivered).by(Key::month(DateBasis::Delivered)))
        .unwrap();
    let rows: Vec<String> = monthly
        .groups()
        .map(|(k, t)| format!("{k} {}", t.single().unwrap()))
        .collect();
    assert_eq!(
        rows,
        [
            "2024-01 €100m",
            "2024-02 €100m",
            "2024-03 €100m",
            "2024-08 €50m"
        ]
    );
}

#[test]
fn pending_conditions_are_reported_apart_and_lapsed_ones_count_nothing() {
    let guarantee = |id: &str, status| {
        Pledge::builder(Country::GB, Country::UA, f("€5bn"))
            .id(id)
            .announced(d(2025, 3, 1))
            .condition(Condition::new("should Kyiv agree to a ceasefire", status).unwrap())
            .build()
            .unwrap()
    };
    let mut p = Pledges::new();
    p.add(
        Pledge::builder(Country::GB, Country::UA, f("€2bn"))
            .announced(d(2025, 1, 10))
            .build()
            .unwrap(),
    )
    .unwrap();
    p.add(guarantee("pending", ConditionStatus::Pending))
        .unwrap();
    p.add(guarantee("met", ConditionStatus::Met(d(2025, 6, 1))))
        .unwrap();
    p.add(guarantee("lapsed", ConditionStatus::Lapsed)).unwrap();
    let now = p.totals(&Query::new().by(Key::Donor)).unwrap();
    // Firm: 2bn + the met 5bn; pending: 5bn; the lapsed one nowhere.
    assert_eq!(total(&now), "€7bn");
    assert_eq!(now.grand_total().count(), 2);
    assert_eq!(now.pending().single().unwrap().to_string(), "€5bn");
    assert_eq!(now.pending().count(), 1);
    // Before the condition was met, that one was pending too.
    let before = p.totals(&Query::new().as_of(d(2025, 5, 31))).unwrap();
    assert_eq!(total(&before), "€2bn");
    assert_eq!(before.pending().single().unwrap().to_string(), "€10bn");
}

#[test]
fn cancelled_pledges_count_only_when_asked_for() {
    let mut p = Pledges::new();
    for (amount, stage) in [("€5", Stage::Committed), ("€1000", Stage::Cancelled)] {
        p.add(
            Pledge::builder(Country::NL, Country::UA, f(amount))
                .stage(stage)
                .build()
                .unwrap(),
        )
        .unwrap();
    }
    assert_eq!(total(&p.totals(&Query::new()).unwrap()), "€5");
    assert_eq!(total(&p.totals(&at(Stage::Cancelled)).unwrap()), "€1,000");
    let both = Query::new().filter(
        Filter::new()
            .stage(Stage::Committed)
            .stage(Stage::Cancelled),
    );
    assert_eq!(total(&p.totals(&both).unwrap()), "€1,005");
}

#[test]
fn the_dated_filter_and_delivery_periods() {
    let mut p = Pledges::new();
    p.add(
        Pledge::builder(Country::SE, Country::UA, f("€7m"))
            .announced(d(2024, 5, 5))
            .delivered("2024-Q3".parse().unwrap())
            .build()
            .unwrap(),
    )
    .unwrap();
    p.add(
        Pledge::builder(Country::SE, Country::UA, f("€2m"))
            .build()
            .unwrap(),
    )
    .unwrap();
    let dated = |yes| {
        total(
            &p.totals(&Query::new().filter(Filter::new().dated(yes)))
                .unwrap(),
        )
    };
    assert_eq!(dated(true), "€7m");
    assert_eq!(dated(false), "€2m");
    // The delivered period's first day places the first; the second has none.
    let by = p
        .totals(&Query::new().by(Key::month(DateBasis::Delivered)))
        .unwrap();
    assert_eq!(
        by.get(&[GroupValue::Period(Some("2024-07".parse().unwrap()))])
            .map(|t| t.single().unwrap().to_string()),
        Some("€7m".into())
    );
    assert_eq!(
        by.get(&[GroupValue::Period(None)])
            .map(|t| t.single().unwrap().to_string()),
        Some("€2m".into())
    );
}

#[test]
fn stage_amounts_that_cannot_be_recorded_are_refused() {
    let b = || Pledge::builder(Country::DE, Country::UA, f("€1bn"));
    let kind = |r: Result<Pledge, alliance_commitments::Error>| match r.unwrap_err().kind() {
        ErrorKind::InvalidStageAmount { stage, reason } => (*stage, *reason),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        kind(
            b().stage(Stage::Allocated)
                .at_stage(Stage::Committed, f("€1m"), None)
                .build()
        )
        .0,
        Stage::Committed
    );
    assert_eq!(
        kind(b().at_stage(Stage::Cancelled, f("€1m"), None).build()).0,
        Stage::Cancelled
    );
    assert_eq!(
        kind(
            b().at_stage(Stage::Delivered, f("€1m"), None)
                .at_stage(Stage::Delivered, f("€2m"), None)
                .build()
        )
        .1,
        "given twice"
    );
    assert!(
        kind(b().at_stage(Stage::Delivered, f("$1m"), None).build())
            .1
            .contains("currency")
    );
    assert!(
        kind(
            b().stage(Stage::Cancelled)
                .at_stage(Stage::Delivered, f("€1m"), None)
                .build()
        )
        .1
        .contains("cancelled")
    );
}

const CSV: &str = "\
id,donor,recipient,announced,stage,amount,currency,allocated_amount,allocated_on,delivered_amount,delivered_on,condition,condition_status
de,DE,UA,2024-02-01,committed,1000000000,EUR,600000000.00,2024-06-01,400000000,2024-09-01,,
gb,GB,UA,2025-03-01,committed,about 5000000000,EUR,,,,,should Kyiv agree to a ceasefire,met 2025-06-01
eu,EU,UA,,committed,23417159.978473667,EUR,1000000,,,,,
";

#[test]
fn the_csv_carries_stage_amounts_and_conditions() {
    let mut p = Pledges::new();
    p.read_csv(CSV.as_bytes()).unwrap();
    let de = p.get("de").unwrap();
    let stages: Vec<String> = de
        .stages()
        .map(|s| format!("{} {} {:?}", s.stage(), s.figure().plain(), s.date()))
        .collect();
    assert_eq!(
        stages,
        [
            "committed 1000000000 Some(2024-02-01)",
            "allocated 600000000.00 Some(2024-06-01)",
            "delivered 400000000 Some(2024-09-01)"
        ]
    );
    let gb = p.get("gb").unwrap().condition().unwrap();
    assert_eq!(gb.wording(), "should Kyiv agree to a ceasefire");
    assert_eq!(gb.status(), ConditionStatus::Met(d(2025, 6, 1)));
    assert_eq!(
        p.get("eu")
            .unwrap()
            .amount_at(Stage::Allocated)
            .unwrap()
            .date(),
        None
    );
    // Written and read back: equal pledges, same decimals and scale.
    let mut out = Vec::new();
    p.write_csv(&mut out).unwrap();
    let mut back = Pledges::new();
    back.read_csv(out.as_slice()).unwrap();
    assert_eq!(back, p);
    assert_eq!(
        back.get("de")
            .unwrap()
            .amount_at(Stage::Allocated)
            .unwrap()
            .figure()
            .plain()
            .to_string(),
        "600000000.00"
    );
}

#[cfg(feature = "serde")]
#[test]
fn the_json_carries_stage_amounts_and_conditions() {
    let mut p = Pledges::new();
    p.read_csv(CSV.as_bytes()).unwrap();
    let json = serde_json::to_string(&p).unwrap();
    assert!(
        json.contains(r#""stages":[{"stage":"allocated","amount":"600000000.00","on":"2024-06-01"},{"stage":"delivered","amount":"400000000","on":"2024-09-01"}]"#),
        "{json}"
    );
    assert!(json.contains(r#""condition":{"wording":"should Kyiv agree to a ceasefire","status":"met 2025-06-01"}"#), "{json}");
    let back: Pledges = serde_json::from_str(&json).unwrap();
    assert_eq!(back, p);
    // A one-stage pledge's JSON has neither field, as before.
    let plain = Pledge::builder(Country::DE, Country::UA, f("€1")).build();
    let one = serde_json::to_string(&plain.unwrap()).unwrap();
    assert!(
        !one.contains("stages") && !one.contains("condition"),
        "{one}"
    );
}

#[test]
fn bad_stage_cells_are_errors_naming_line_and_column() {
    let header = "donor,recipient,stage,amount,currency,allocated_amount,allocated_on,condition,condition_status\n";
    let err = |row: &str| {
        Pledges::new()
            .read_csv(format!("{header}{row}\n").as_bytes())
            .unwrap_err()
    };
    // A date with no amount.
    let e = err("DE,UA,committed,5,EUR,,2024-01-01,,");
    assert_eq!(
        e.kind(),
        &ErrorKind::EmptyField {
            field: "allocated_amount"
        }
    );
    assert_eq!(
        (e.position().line(), e.position().column()),
        (Some(2), Some(6))
    );
    // An allocated amount on an allocated row.
    let e = err("DE,UA,allocated,5,EUR,3,,,");
    assert!(
        matches!(
            e.kind(),
            ErrorKind::InvalidStageAmount {
                stage: Stage::Allocated,
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(e.position().line(), Some(2));
    // A condition without its status, and a status that does not read.
    let e = err("DE,UA,committed,5,EUR,,,if it rains,");
    assert_eq!(
        e.kind(),
        &ErrorKind::EmptyField {
            field: "condition_status"
        }
    );
    let e = err("DE,UA,committed,5,EUR,,,if it rains,met soon");
    assert_eq!(e.position().column(), Some(9));
}

/// Gaps are totalled as any pledges are: within a funded period they wait
/// to be added to their sums of alike pledges, and an error adding one
/// still comes before a later pledge's own error. Here b's gap, added to
/// a's, is beyond what a decimal holds (each is at least €5 × 10²⁸), and c
/// cannot be given a gap (delivered "over €2" has no upper bound).
#[test]
fn a_gap_that_overflows_comes_before_a_later_unbounded_gap() {
    let mut p = Pledges::new();
    let big = "over €30000000000000000000000000000";
    let minus = "€-20000000000000000000000000000";
    for (id, committed, delivered) in [
        ("a", big, minus),
        ("b", big, minus),
        ("c", "over €1", "over €2"),
    ] {
        p.add(
            Pledge::builder(Country::DE, Country::UA, f(committed))
                .id(id)
                .funded("2025".parse().unwrap())
                .stage(Stage::Committed)
                .at_stage(Stage::Delivered, f(delivered), None)
                .build()
                .unwrap(),
        )
        .unwrap();
    }
    let within = Query::new().within_funded("2025".parse().unwrap());
    // With c, and without it: the same error, b's.
    let mut q = Pledges::new();
    for pledge in p.iter().take(2) {
        q.add(pledge.clone()).unwrap();
    }
    for pledges in [&p, &q] {
        let gap = stage_gap(
            pledges,
            &Filter::new(),
            Stage::Committed,
            Stage::Delivered,
            &within,
        );
        let err = gap.unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Overflow { .. }), "{err:?}");
        assert_eq!(err.position().record(), Some(2), "{err:?}");
        assert_eq!(err.position().pledge(), Some("b"), "{err:?}");
    }
}
