//! Re-attribution of institutions' totals to their members: a
//! hand-computed three-member key with remainders.

use alliance_commitments::reattribution::{Reattribution, ReattributionKey};
use alliance_commitments::{Country, Donor, Figure, Institution, Key, Pledge, Pledges, Query};
use rust_decimal::dec;

fn fig(s: &str) -> Figure {
    s.parse().unwrap()
}

#[test]
fn tables_three_member_key_with_remainders() {
    let eu = Donor::from(Institution::EuInstitutions);
    let eib = Donor::from(Institution::EuropeanInvestmentBank);
    let nato = Donor::from(Institution::NatoCommonFunds);
    let (de, fr, pl) = (
        Donor::from(Country::DE),
        Donor::from(Country::FR),
        Donor::from(Country::PL),
    );
    let mut pledges = Pledges::new();
    for (d, f) in [
        (eu, "€0.99"),
        (eib, "over €3"),
        (nato, "€5"),
        (de, "€7"),
        (fr, "€2"),
    ] {
        pledges
            .add(Pledge::builder(d, Country::UA, fig(f)).build().unwrap())
            .unwrap();
    }
    let totals = pledges.totals(&Query::new().by(Key::Donor)).unwrap();
    let eu_key = ReattributionKey::new(
        eu,
        [(de, dec!(0.4)), (fr, dec!(0.35)), (pl, dec!(0.25))],
        "illustrative EU budget key",
    )
    .unwrap();
    let eib_key = ReattributionKey::new(
        eib,
        [(de, dec!(0.5)), (fr, dec!(0.5))],
        "illustrative capital key",
    )
    .unwrap();
    let r = Reattribution::new()
        .with_key(eu_key)
        .unwrap()
        .with_key(eib_key)
        .unwrap();
    let out = r.apply(&totals).unwrap();
    // €0.99 = 99 cents × (0.4, 0.35, 0.25) = 39.6, 34.65, 24.75: floors
    // 39 + 34 + 24 = 97; the 2 cents left go to the largest remainders,
    // PL (.75) and FR (.65), not DE (.6): 39, 35, 25 — adding up to 99.
    // "over €3" × ½ = "over €1.5" each. NATO has no key: its own row.
    let rows: Vec<String> = out
        .rows()
        .iter()
        .map(|m| {
            let shares: Vec<String> = m
                .shares()
                .iter()
                .map(|(i, f)| format!("{} {f}", i.id()))
                .collect();
            format!(
                "{}: {} + [{}] = {}",
                m.donor().id(),
                m.bilateral(),
                shares.join(", "),
                m.including()
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "DE: €7 + [EU €0.39, EIB over €1.5] = over €8.89",
            "FR: €2 + [EU €0.35, EIB over €1.5] = over €3.85",
            "PL: €0 + [EU €0.25] = €0.25",
            "NATO: €5 + [] = €5",
        ]
    );
    // Nothing counted twice: the rows add up to the grand total.
    let mut sum = Figure::zero(alliance_commitments::Currency::EUR);
    for m in out.rows() {
        sum = sum.checked_add(m.including()).unwrap();
    }
    assert_eq!(sum, totals.grand_total().figure().unwrap());
    assert!(out.get(&eu).is_none() && out.get(&eib).is_none());
}

#[test]
fn tables_bad_keys_are_refused() {
    let eu = Donor::from(Institution::EuInstitutions);
    let (de, fr) = (Donor::from(Country::DE), Donor::from(Country::FR));
    for shares in [
        vec![(de, dec!(0.5)), (fr, dec!(0.4))],
        vec![(de, dec!(1.5)), (fr, dec!(-0.5))],
        vec![(de, dec!(0.5)), (de, dec!(0.5))],
        vec![(de, dec!(0.5)), (eu, dec!(0.5))],
        vec![],
    ] {
        assert!(
            ReattributionKey::new(eu, shares.clone(), "k").is_err(),
            "{shares:?}"
        );
    }
    assert!(ReattributionKey::new(eu, [(de, dec!(1))], " ").is_err());
    let k = ReattributionKey::new(eu, [(de, dec!(1))], "k").unwrap();
    assert_eq!(k.source(), "k");
    assert!(
        Reattribution::new()
            .with_key(k.clone())
            .unwrap()
            .with_key(k)
            .is_err()
    );
}

/// Converted totals whose quotients do not end share out as the one amount
/// they are: the EU's US$10 at 3 (€3.333…) gives its 333 whole cents 60:40
/// (199.8 → 200 by the largest remainder, 133.2 → 133) and the third of a
/// cent to the first member; Germany's own US$7 is €2.333…. So Germany has
/// €2.333… + €2.00333… = €4.3366…, shown €4.34, and France €2 + €1.33 =
/// €3.33: one amount each, not the neighbours' interval rounded outward.
#[test]
fn converted_totals_share_out_as_the_amounts_they_are() {
    use alliance_commitments::{Currency, RateRule, RateTable};
    let day = chrono::NaiveDate::from_ymd_opt(2025, 6, 2).unwrap();
    let mut rates = RateTable::new();
    rates.insert(day, Currency::USD, dec!(3)).unwrap();
    let eu = Donor::from(Institution::EuInstitutions);
    let (de, fr) = (Donor::from(Country::DE), Donor::from(Country::FR));
    let mut pledges = Pledges::new();
    for (donor, f) in [(eu, "US$10"), (de, "US$7"), (fr, "€2")] {
        let p = Pledge::builder(donor, Country::UA, f.parse::<Figure>().unwrap()).announced(day);
        pledges.add(p.build().unwrap()).unwrap();
    }
    let query =
        Query::new()
            .by(Key::Donor)
            .convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
    let totals = pledges.totals(&query).unwrap();
    let key =
        ReattributionKey::new(eu, [(de, dec!(0.6)), (fr, dec!(0.4))], "illustrative").unwrap();
    let shared = Reattribution::new()
        .with_key(key)
        .unwrap()
        .apply(&totals)
        .unwrap();
    let shown: Vec<String> = shared
        .rows()
        .iter()
        .map(|r| format!("{} {}", r.donor().id(), r.rounded()))
        .collect();
    assert_eq!(shown, ["DE €4.34", "FR €3.33"]);
    // France's share is whole cents; Germany's holds the third of a cent.
    let fr_row = shared.get(&fr).unwrap();
    assert_eq!(fr_row.institutions().to_string(), "€1.33");
    assert!(!shared.get(&de).unwrap().institutions().is_exact());
}

#[test]
fn keys_read_from_csv_with_every_error_placed() {
    use alliance_commitments::error::ErrorKind;
    let eu = Donor::from(Institution::EuInstitutions);
    let eib = Donor::from(Institution::EuropeanInvestmentBank);
    // Columns in any order, names or codes, an institution's rows apart.
    let csv = "share,institution,member,source\n\
               0.6,EU,Germany,budget key\n\
               1,EIB,PL,capital key\n\
               \" 0.4 \",EU,FR,budget key\n";
    let keys = Reattribution::read_csv(csv.as_bytes()).unwrap();
    assert_eq!(keys.keys().len(), 2);
    let eu_key = keys.key(&eu).unwrap();
    assert_eq!(eu_key.share(&Country::DE.into()), Some(dec!(0.6)));
    assert_eq!(eu_key.share(&Country::FR.into()), Some(dec!(0.4)));
    assert_eq!(eu_key.source(), "budget key");
    assert_eq!(
        keys.key(&eib).unwrap().share(&Country::PL.into()),
        Some(dec!(1))
    );

    let header = "institution,member,share,source\n";
    let place = |body: &str| {
        let e = Reattribution::read_csv(format!("{header}{body}").as_bytes()).unwrap_err();
        let p = e.position();
        (
            p.line(),
            p.column(),
            p.field().map(str::to_owned),
            e.kind().clone(),
        )
    };
    // A member that is no donor; a share written the German way.
    let (line, column, field, kind) = place("EU,DE,0.6,k\nEU,XX,0.4,k\n");
    assert_eq!(
        (line, column, field.as_deref()),
        (Some(3), Some(2), Some("member"))
    );
    assert!(matches!(kind, ErrorKind::UnknownCountry { .. }), "{kind:?}");
    let (line, column, field, _) = place("EU,DE,\"0,6\",k\nEU,FR,0.4,k\n");
    assert_eq!(
        (line, column, field.as_deref()),
        (Some(2), Some(3), Some("share"))
    );
    // A source that changes within a key.
    let (line, column, field, kind) = place("EU,DE,0.6,k\nEU,FR,0.4,other\n");
    assert_eq!(
        (line, column, field.as_deref()),
        (Some(3), Some(4), Some("source"))
    );
    assert!(matches!(kind, ErrorKind::InvalidKey { institution, .. } if institution == eu));
    // A share out of [0, 1], a member twice, the institution as its own
    // member, an empty source: at the row and field at fault.
    let (line, column, field, kind) = place("EU,DE,0.5,k\nEU,PL,0,k\nEU,FR,1.5,k\n");
    assert_eq!(
        (line, column, field.as_deref()),
        (Some(4), Some(3), Some("share"))
    );
    assert!(matches!(kind, ErrorKind::InvalidAmount { .. }), "{kind:?}");
    let (line, column, field, _) = place("EU,DE,0.5,k\nEU,FR,0.25,k\nEU,Germany,0.25,k\n");
    assert_eq!(
        (line, column, field.as_deref()),
        (Some(4), Some(2), Some("member"))
    );
    let (line, column, field, _) = place("EU,DE,1,k\nEU,EU,0,k\n");
    assert_eq!(
        (line, column, field.as_deref()),
        (Some(3), Some(2), Some("member"))
    );
    let (line, column, field, kind) = place("EU,DE,1, \n");
    assert_eq!(
        (line, column, field.as_deref()),
        (Some(2), Some(4), Some("source"))
    );
    assert!(matches!(kind, ErrorKind::EmptyField { .. }), "{kind:?}");
    // Shares that do not add up to 1: at the key's first row.
    let (line, _, _, kind) = place("EIB,PL,1,c\nEU,DE,0.6,k\nEU,FR,0.3,k\n");
    assert_eq!(line, Some(3));
    assert!(matches!(kind, ErrorKind::InvalidKey { institution, .. } if institution == eu));
    // Text after a closing quote, as in pledge files.
    let (line, column, _, kind) = place("EU,DE,0.6,\"k\"x\n");
    assert_eq!(
        (line, column, kind),
        (Some(2), Some(4), ErrorKind::TextAfterQuote)
    );
    // A header without the share column.
    let e = Reattribution::read_csv("institution,member,source\nEU,DE,k\n".as_bytes()).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::MissingColumn { name: "share" });
    assert_eq!(e.position().line(), Some(1));
}
