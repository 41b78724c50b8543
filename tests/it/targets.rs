//! Targets, fair shares, GDP guidelines and claims: hand-computed cases and
//! the properties of issue "Alliance-level commitments".

use crate::common::{day, ends, sum};
use alliance_commitments::claims::{Claim, Verdict};
use alliance_commitments::tables::{GdpTable, SpendingPart, SpendingTable};
use alliance_commitments::targets::{FloorTarget, Fulfilment, GdpGuideline, fulfilment};
use alliance_commitments::{
    Alliance, Country, Currency, DateBasis, Figure, Filter, Money, Pledge, Pledges, Query,
    RateRule, RateTable,
};
use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::{Decimal, dec};

fn three() -> Alliance {
    let mut a = Alliance::new("Three").unwrap();
    for c in [Country::DE, Country::FR, Country::PL] {
        a.add_member(c, day(2000, 1, 1)).unwrap();
    }
    a
}

fn gdp(values: [(Country, &str); 3]) -> GdpTable {
    let mut g = GdpTable::new();
    for (c, v) in values {
        g.insert(c.into(), 2023, v.parse().unwrap()).unwrap();
    }
    g
}

/// €10 for 2025 among DE, FR and PL, shared by 2023 GDP.
fn ten_euros_by_gdp() -> FloorTarget {
    FloorTarget::new(
        "T",
        three(),
        "2025".parse().unwrap(),
        "€10".parse().unwrap(),
    )
    .unwrap()
    .shared_by_gdp(2023)
}

/// GDP in the ratio 3:3:1.
fn gdp_3_3_1() -> GdpTable {
    gdp([
        (Country::DE, "€3bn"),
        (Country::FR, "€3bn"),
        (Country::PL, "€1bn"),
    ])
}

fn shares(
    target: &FloorTarget,
    g: &GdpTable,
    rates: Option<(&RateTable, RateRule)>,
) -> Vec<String> {
    target
        .fair_shares(g, rates)
        .unwrap()
        .iter()
        .map(|s| format!("{} {}", s.donor().id(), s.share()))
        .collect()
}

#[test]
fn fair_shares_of_a_three_member_alliance_by_hand() {
    // €10.00 by GDP 3:3:1 is 1000 cents × 3/7 = 428 r4, 428 r4, and × 1/7 =
    // 142 r6: 998 cents, 2 left; the largest remainders (6, then the first 4)
    // get them: 4.29, 4.28, 1.43.
    let t = ten_euros_by_gdp();
    let g = gdp_3_3_1();
    assert_eq!(shares(&t, &g, None), ["DE €4.29", "FR €4.28", "PL €1.43"]);
    // Without a GDP key: equal shares, 3.34, 3.33, 3.33.
    let equal = FloorTarget::new(
        "T",
        three(),
        "2025".parse().unwrap(),
        "€10".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(
        shares(&equal, &g, None),
        ["DE €3.34", "FR €3.33", "PL €3.33"]
    );
}

#[test]
fn gdp_in_another_currency_is_converted_and_the_exempt_have_no_share() {
    let mut rates = RateTable::new();
    rates
        .insert(day(2023, 12, 29), Currency::PLN, dec!(4))
        .unwrap();
    // PLN 4bn at 4 PLN per EUR is €1bn: the same key as above.
    let g = gdp([
        (Country::DE, "€3bn"),
        (Country::FR, "€3bn"),
        (Country::PL, "PLN 4bn"),
    ]);
    let t = ten_euros_by_gdp();
    // The year's last day, 2023-12-31, a Sunday, takes Friday's rate.
    let rule = RateRule::AnnouncementDate;
    assert_eq!(
        shares(&t, &g, Some((&rates, rule))),
        ["DE €4.29", "FR €4.28", "PL €1.43"]
    );
    assert!(
        t.fair_shares(&g, None).is_err(),
        "no rates: an error, not a guess"
    );
    let without_fr = t.clone().exempt(Country::FR.into());
    // €10 by 3:1: 7.50, 2.50.
    assert_eq!(
        shares(&without_fr, &g, Some((&rates, rule))),
        ["DE €7.50", "PL €2.50"]
    );
}

#[test]
fn nato_participants_on_the_period_start_less_hungary() {
    let t = FloorTarget::new(
        "Baseline",
        Alliance::nato(),
        "2024-07-10..2025-07-09".parse().unwrap(),
        "€40bn".parse().unwrap(),
    )
    .unwrap()
    .exempt(Country::HU.into());
    let p = t.participants();
    assert_eq!(p.len(), 31);
    assert!(!p.contains(&Country::HU.into()));
    assert!(p.contains(&Country::SE.into()));
}

#[test]
fn assessment_by_hand() {
    let t = ten_euros_by_gdp();
    let g = gdp_3_3_1();
    let mut pledges = Pledges::new();
    for (c, f) in [
        (Country::DE, "€5"),
        (Country::FR, "over €2"),
        (Country::PL, "€1.43"),
        (Country::GB, "€100"),
    ] {
        pledges
            .add(
                Pledge::builder(c, Country::UA, f.parse().unwrap())
                    .funded("2025".parse().unwrap())
                    .build()
                    .unwrap(),
            )
            .unwrap();
    }
    let a = t
        .assess(
            &pledges,
            &Query::new().within_funded("2025".parse().unwrap()),
            &g,
            None,
        )
        .unwrap();
    // 5 + (2, ∞) + 1.43 = over €8.43: could reach €10 or not; GB does not count.
    assert_eq!(a.total().to_string(), "over €8.43");
    assert_eq!(a.status(), Fulfilment::CannotTell);
    let rows: Vec<String> = a
        .members()
        .iter()
        .map(|m| format!("{} {:?}", m.donor().id(), m.status()))
        .collect();
    // Ranked by share of fair share: DE 5/4.29 = 116.5%, PL 100%, FR over 2/4.28 = 46.7%.
    assert_eq!(rows, ["DE Met", "PL Met", "FR CannotTell"]);
}

#[test]
fn fulfilment_reads_the_bounds() {
    let floor: Money = "€40bn".parse().unwrap();
    let f = |s: &str| fulfilment(&s.parse::<Figure>().unwrap(), floor).unwrap();
    assert_eq!(f("at least €40bn"), Fulfilment::Met);
    assert_eq!(f("over €39bn"), Fulfilment::CannotTell);
    match f("between €30bn and €35bn") {
        Fulfilment::Short(by) => assert_eq!(by.to_string(), "[€5bn, €10bn]"),
        other => panic!("{other:?}"),
    }
    assert_eq!(f("up to €40bn"), Fulfilment::CannotTell);
}

#[test]
fn guidelines_by_hand() {
    let pl = Country::PL.into();
    let mut gdp = GdpTable::new();
    gdp.insert(pl, 2035, "PLN 1,000bn".parse().unwrap())
        .unwrap();
    let mut s = SpendingTable::new();
    s.insert(pl, 2035, SpendingPart::Core, "PLN 36bn".parse().unwrap())
        .unwrap();
    s.insert(pl, 2035, SpendingPart::Related, "PLN 20bn".parse().unwrap())
        .unwrap();
    // Core 3.6% ≥ 3.5%; related counts up to 1.5% (PLN 15bn of 20bn):
    // 36 + 15 = 51bn ≥ 50bn: met, ratio 5.1%.
    let a = GdpGuideline::hague_2035()
        .assess(&pl, 2035, &gdp, &s)
        .unwrap();
    assert!(a.met());
    assert!(a.ratio().is_point() && a.ratio().contains(dec!(0.051)));
    assert_eq!(a.parts()[1].counted().amount(), dec!(15000000000));
    // Core short: 3.0% + 1.5% = 4.5%: not met, PLN 5bn missing.
    s.insert(pl, 2035, SpendingPart::Core, "PLN 30bn".parse().unwrap())
        .unwrap();
    let b = GdpGuideline::hague_2035()
        .assess(&pl, 2035, &gdp, &s)
        .unwrap();
    assert!(!b.met());
    assert_eq!(b.gap().amount(), dec!(5000000000));
    // Core 4.0% but nothing related: 4% < 5%, not met though the core is.
    s.insert(pl, 2035, SpendingPart::Core, "PLN 40bn".parse().unwrap())
        .unwrap();
    s.insert(pl, 2035, SpendingPart::Related, "PLN 0".parse().unwrap())
        .unwrap();
    assert!(
        !GdpGuideline::hague_2035()
            .assess(&pl, 2035, &gdp, &s)
            .unwrap()
            .met()
    );
    // 2%: PLN 19.99bn of 1,000bn is short by 10m.
    s.insert(
        pl,
        2035,
        SpendingPart::Defence,
        "PLN 19.99bn".parse().unwrap(),
    )
    .unwrap();
    let c = GdpGuideline::two_percent()
        .assess(&pl, 2035, &gdp, &s)
        .unwrap();
    assert!(!c.met());
    assert_eq!(c.gap().compact().to_string(), "PLN 10m");
    assert!(
        GdpGuideline::two_percent()
            .assess(&Country::FR.into(), 2035, &gdp, &s)
            .is_err()
    );
}

#[test]
fn claims_by_hand() {
    let mut pledges = Pledges::new();
    for (c, f, d) in [
        (Country::DE, "€12bn", (2025, 2, 1)),
        (Country::FR, "about €9bn", (2025, 3, 1)),
        (Country::SE, "€1bn", (2024, 2, 1)),
    ] {
        let p = Pledge::builder(c, Country::UA, f.parse().unwrap())
            .announced(NaiveDate::from_ymd_opt(d.0, d.1, d.2).unwrap())
            .funded("2025".parse().unwrap())
            .build()
            .unwrap();
        pledges.add(p).unwrap();
    }
    let scope = Filter::new()
        .alliance(Alliance::nato())
        .announced_within("2025-Q1".parse().unwrap());
    let claim = |f: &str| {
        Claim::new(
            f.parse().unwrap(),
            "2025".parse().unwrap(),
            DateBasis::Funded,
        )
        .scope(scope.clone())
    };
    // 12 + [8.1, 9.9] = [20.1, 21.9].
    let c = claim("over €20bn").check(&pledges, None).unwrap();
    assert_eq!(c.verdict(), Verdict::Supported);
    assert_eq!(
        c.to_string(),
        "claimed over €20bn = (€20bn, ∞); data give about €21,000,000,000.00 ± €900,000,000.00 (2 pledges counted): supported"
    );
    assert_eq!(c.computed().interval().to_string(), "[€20.1bn, €21.9bn]");
    assert_eq!(
        claim("over €21bn").check(&pledges, None).unwrap().verdict(),
        Verdict::CannotTell
    );
    assert_eq!(
        claim("over €22bn").check(&pledges, None).unwrap().verdict(),
        Verdict::Contradicted
    );
    assert_eq!(
        claim("about €50bn")
            .check(&pledges, None)
            .unwrap()
            .verdict(),
        Verdict::Contradicted
    );
    // Announced in 2024 (Sweden's, before it joined) counts nowhere here.
    let a2024 = Claim::new(
        "€1bn".parse().unwrap(),
        "2024".parse().unwrap(),
        DateBasis::Announced,
    );
    assert_eq!(
        a2024.check(&pledges, None).unwrap().verdict(),
        Verdict::Supported
    );
    let allied = a2024.scope(Filter::new().alliance(Alliance::nato()));
    assert_eq!(
        allied.check(&pledges, None).unwrap().verdict(),
        Verdict::Contradicted
    );
}

fn eur(x: Decimal) -> Money {
    Money::new(x, Currency::EUR)
}

proptest! {
    /// Fair shares add up exactly to the floor, for any GDP table.
    #[test]
    fn fair_shares_sum_to_the_floor(
        gdps in prop::collection::vec((1i64..=30_000_000_000_000, 0u32..=2), 3),
        floor in (1i64..=100_000_000_000_000, 0u32..=2),
        keyed in any::<bool>(),
    ) {
        let mut g = GdpTable::new();
        for (c, (m, s)) in [Country::DE, Country::FR, Country::PL].into_iter().zip(&gdps) {
            g.insert(c.into(), 2023, eur(Decimal::new(*m, *s))).unwrap();
        }
        let floor = eur(Decimal::new(floor.0, floor.1));
        let mut t = FloorTarget::new("T", three(), "2025".parse().unwrap(), floor).unwrap();
        if keyed { t = t.shared_by_gdp(2023); }
        let shares = t.fair_shares(&g, None).unwrap();
        let total = shares.iter().try_fold(Money::zero(Currency::EUR), |acc, s| acc.checked_add(&s.share())).unwrap();
        prop_assert_eq!(total, floor);
        for s in &shares {
            prop_assert!(!s.share().is_negative());
        }
    }

    /// A claim marked supported or contradicted stays so for every choice
    /// of values inside the pledges' intervals.
    #[test]
    fn verdicts_hold_for_every_value_inside_the_pledges(
        figures in prop::collection::vec(crate::common::figure(Currency::EUR), 1..8),
        claim in crate::common::figure(Currency::EUR),
        ks in prop::collection::vec(0i64..=1000, 8),
        extras in prop::collection::vec(1i64..=1_000_000, 8),
    ) {
        let build = |fs: &[Figure]| {
            let mut c = Pledges::new();
            for f in fs {
                c.add(Pledge::builder(Country::DE, Country::UA, *f).funded("2025".parse().unwrap()).build().unwrap()).unwrap();
            }
            c
        };
        let claim = Claim::new(claim, "2025".parse().unwrap(), DateBasis::Funded);
        let verdict = claim.check(&build(&figures), None).unwrap().verdict();
        // One exact value inside each pledge's interval.
        let points: Vec<Figure> = figures.iter().zip(ks.iter().zip(&extras)).map(|(f, (k, e))| {
            let (lo, open) = match f.lower() {
                std::ops::Bound::Included(l) => (l, false),
                std::ops::Bound::Excluded(l) => (l, true),
                std::ops::Bound::Unbounded => unreachable!(),
            };
            let x = match f.upper() {
                std::ops::Bound::Included(u) => lo + (u - lo) * Decimal::new(*k, 3),
                _ => lo + if open || *k > 0 { Decimal::new(*e, 2) } else { Decimal::ZERO },
            };
            Figure::exactly(eur(x))
        }).collect();
        let exact = claim.check(&build(&points), None).unwrap().verdict();
        match verdict {
            Verdict::Supported => prop_assert_eq!(exact, Verdict::Supported),
            Verdict::Contradicted => prop_assert_eq!(exact, Verdict::Contradicted),
            Verdict::CannotTell => {}
        }
    }

    /// Adding a pledge that counts never turns "met" into "short" (nor into
    /// "cannot tell").
    #[test]
    fn fulfilment_is_monotone(
        pledges in prop::collection::vec((0usize..3, crate::common::figure(Currency::EUR)), 0..10),
        extra in (0usize..3, crate::common::figure(Currency::EUR)),
        floor in 1i64..=5_000_000_000_000,
    ) {
        prop_assume!(!extra.1.has_negative_bound() && !extra.1.stated().is_negative());
        let donors = [Country::DE, Country::FR, Country::PL];
        let add = |c: &mut Pledges, (i, f): &(usize, Figure)| {
            c.add(Pledge::builder(donors[*i], Country::UA, *f).funded("2025".parse().unwrap()).build().unwrap()).unwrap();
        };
        let mut before = Pledges::new();
        for p in &pledges { add(&mut before, p); }
        let mut after = before.clone();
        add(&mut after, &extra);
        let t = FloorTarget::new("T", three(), "2025".parse().unwrap(), eur(Decimal::new(floor, 2))).unwrap();
        let g = GdpTable::new();
        let q = Query::new().within_funded("2025".parse().unwrap());
        let a = t.assess(&before, &q, &g, None).unwrap();
        let b = t.assess(&after, &q, &g, None).unwrap();
        if a.status() == Fulfilment::Met {
            prop_assert_eq!(b.status(), Fulfilment::Met);
        }
        // And the total only grows: its bounds add the extra's.
        let expected = sum([a.total(), &extra.1]).unwrap();
        prop_assert_eq!(ends(b.total()), ends(&expected));
    }
}

/// A pledge for 2025, announced on `on`, with a condition of `status` if any.
fn conditional(
    donor: Country,
    figure: &str,
    on: NaiveDate,
    status: Option<alliance_commitments::pledge::ConditionStatus>,
) -> Pledge {
    let mut p = Pledge::builder(donor, Country::UA, figure.parse().unwrap())
        .announced(on)
        .funded("2025".parse().unwrap());
    if let Some(status) = status {
        p = p.condition(
            alliance_commitments::pledge::Condition::new("should parliament approve", status)
                .unwrap(),
        );
    }
    p.build().unwrap()
}

#[test]
fn claims_say_which_pledges_they_counted_and_which_wait_on_a_condition() {
    use alliance_commitments::Stage;
    use alliance_commitments::pledge::ConditionStatus::{Lapsed, Met, Pending};
    let mut pledges = Pledges::new();
    for p in [
        conditional(Country::DE, "€12bn", day(2025, 2, 3), None),
        conditional(Country::FR, "€9bn", day(2025, 3, 3), None),
        // Met before the claim is checked: firm.
        conditional(
            Country::PL,
            "€2bn",
            day(2025, 2, 10),
            Some(Met(day(2025, 6, 1))),
        ),
        // Waiting: left out, reported apart. £4.2bn ÷ 0.84 = €5bn.
        conditional(Country::GB, "£4.2bn", day(2025, 3, 3), Some(Pending)),
        // Lapsed: counts nowhere.
        conditional(Country::IT, "€1bn", day(2025, 3, 3), Some(Lapsed)),
        // Announced in 2024: outside the scope.
        conditional(Country::NL, "€1bn", day(2024, 6, 3), None),
    ] {
        pledges.add(p).unwrap();
    }
    let claim = Claim::new(
        "over €20bn".parse().unwrap(),
        "2025".parse().unwrap(),
        DateBasis::Funded,
    )
    .scope(Filter::new().announced_within("2025-Q1".parse().unwrap()));
    // Without rates the pending pound pledge stays in pounds.
    let check = claim.check(&pledges, None).unwrap();
    // 12 + 9 + 2 = €23bn from three pledges.
    assert_eq!(check.computed().to_string(), "€23bn");
    assert_eq!((check.counted(), check.pending().count()), (3, 1));
    assert_eq!(check.pending().single().unwrap().to_string(), "£4.2bn");
    assert_eq!(
        check.to_string(),
        "claimed over €20bn = (€20bn, ∞); data give €23,000,000,000.00 \
         (3 pledges counted; 1 pending conditional pledge of £4,200,000,000.00 left out): supported"
    );
    // With rates it is converted on its announcement date.
    let mut rates = RateTable::new();
    rates
        .insert(day(2025, 3, 3), Currency::GBP, dec!(0.84))
        .unwrap();
    let check = claim.check(&pledges, Some(&rates)).unwrap();
    assert_eq!(check.pending().figure().unwrap().to_string(), "€5bn");
    assert!(check.to_string().contains(
        "(3 pledges counted; 1 pending conditional pledge of €5,000,000,000.00 left out)"
    ));
    // A scope no pledge passes counts none and leaves none pending.
    let delivered = claim
        .clone()
        .scope(Filter::new().stage(Stage::Delivered))
        .check(&pledges, None)
        .unwrap();
    assert_eq!((delivered.counted(), delivered.pending().count()), (0, 0));
    assert_eq!(
        delivered.to_string(),
        "claimed over €20bn = (€20bn, ∞); data give €0.00 (0 pledges counted): contradicted"
    );
}

#[test]
fn assessments_say_which_pledges_they_counted_and_which_wait_on_a_condition() {
    use alliance_commitments::pledge::ConditionStatus::{Lapsed, Pending};
    let on = day(2025, 2, 3);
    let mut pledges = Pledges::new();
    for p in [
        conditional(Country::DE, "€4bn", on, None),
        conditional(Country::DE, "€1bn", on, None),
        conditional(Country::FR, "€3bn", on, None),
        conditional(Country::FR, "€2bn", on, Some(Pending)),
        conditional(Country::PL, "€500m", on, Some(Lapsed)),
        // Not a participant: neither counted nor pending.
        conditional(Country::GB, "€7bn", on, Some(Pending)),
    ] {
        pledges.add(p).unwrap();
    }
    let target = FloorTarget::new(
        "T",
        three(),
        "2025".parse().unwrap(),
        "€10bn".parse().unwrap(),
    )
    .unwrap();
    let a = target
        .assess(&pledges, &Query::new(), &GdpTable::new(), None)
        .unwrap();
    // DE 4 + 1, FR 3: €8bn from three pledges, €2bn short of the floor.
    assert_eq!(a.total().to_string(), "€8bn");
    assert_eq!(a.counted(), 3);
    assert_eq!(
        a.status(),
        fulfilment(&"€8bn".parse().unwrap(), "€10bn".parse().unwrap()).unwrap()
    );
    let counts: Vec<(String, usize)> = a
        .members()
        .iter()
        .map(|m| (m.donor().id().to_owned(), m.counted()))
        .collect();
    // Ranked by share of the fair share (€3,333,333,333.34 for DE, .33 for the others).
    assert_eq!(
        counts,
        [
            ("DE".to_owned(), 2),
            ("FR".to_owned(), 1),
            ("PL".to_owned(), 0)
        ]
    );
    // FR's €2bn waits on its condition; GB's €7bn is no participant's.
    assert_eq!(a.pending().count(), 1);
    assert_eq!(a.pending().single().unwrap().to_string(), "€2bn");
    // With nothing pending, nothing is reported apart.
    let firm = Query::new().filter(Filter::new().donor(Country::DE));
    let a = target
        .assess(&pledges, &firm, &GdpTable::new(), None)
        .unwrap();
    assert_eq!((a.counted(), a.pending().count()), (2, 0));
}
