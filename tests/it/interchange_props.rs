//! Invariant 8 of docs/design.md: writing pledges as JSON or CSV and reading
//! them back gives equal pledges — same decimals and scale, same qualifier,
//! same dates — for every qualifier, period kind, stage and currency
//! exponent (0, 2, 3, 4).

use crate::common::{day, donors, figure};
use alliance_commitments::{
    Category, Country, Currency, Figure, Half, Instrument, Month, Period, Pledge, Pledges, Quarter,
    Source, Stage,
};
use chrono::{Days, NaiveDate};
use proptest::prelude::*;

fn currency() -> impl Strategy<Value = Currency> {
    prop::sample::select(vec![
        Currency::EUR,
        Currency::USD,
        Currency::JPY,
        Currency::KWD,
        Currency::from_code("CLF").unwrap(),
        Currency::from_code("HRK").unwrap(),
    ])
}

fn period() -> impl Strategy<Value = Period> {
    let month = (1u8..=12).prop_map(|m| Month::try_from(m).unwrap());
    prop_oneof![
        (2000i32..=2040).prop_map(|y| Period::year(y).unwrap()),
        (2000i32..=2040, prop::bool::ANY).prop_map(|(y, h)| Period::half(
            y,
            if h { Half::H1 } else { Half::H2 }
        )
        .unwrap()),
        (
            2000i32..=2040,
            prop::sample::select(vec![Quarter::Q1, Quarter::Q2, Quarter::Q3, Quarter::Q4])
        )
            .prop_map(|(y, q)| Period::quarter(y, q).unwrap()),
        (2000i32..=2040, month.clone()).prop_map(|(y, m)| Period::month(y, m).unwrap()),
        (2000i32..=2040, month).prop_map(|(y, m)| Period::fiscal_year_starting(y, m).unwrap()),
        (0u64..=15_000, 0u64..=2_000).prop_map(|(s, n)| {
            let start = day(2000, 1, 1) + Days::new(s);
            Period::range(start, start + Days::new(n)).unwrap()
        }),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..=15_000).prop_map(|n| day(2000, 1, 1) + Days::new(n))
}

/// Text with the characters files make hard: commas, quotes, bars,
/// backslashes, line breaks, non-ASCII.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 ,\"|\\\\\n€ü-]{1,20}".prop_filter("not blank", |s| !s.trim().is_empty())
}

fn source() -> impl Strategy<Value = Source> {
    (
        text(),
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(date()),
        prop::option::of(text()),
        prop::option::of(text()),
    )
        .prop_map(|(publisher, title, url, published, speaker, quote)| {
            // Fields are kept as given (not trimmed) in JSON; the CSV trims
            // its cells, so the generator gives trimmed text.
            let mut s = Source::new(publisher.trim()).unwrap();
            if let Some(t) = title {
                s = s.with_title(t.trim());
            }
            if let Some(u) = url {
                s = s.with_url(u.trim());
            }
            if let Some(p) = published {
                s = s.with_published(p);
            }
            if let Some(sp) = speaker {
                s = s.with_speaker(sp.trim());
            }
            if let Some(q) = quote {
                s = s.with_quote(q.trim());
            }
            s
        })
}

prop_compose! {
    fn pledge()(
        donor in prop::sample::select(donors()),
        recipient in prop::sample::select(donors()),
        f in currency().prop_flat_map(figure),
        announced in prop::option::of(date()),
        funded in prop::option::of(period()),
        delivered in prop::option::of(period()),
        category in prop::sample::select(Category::ALL),
        instrument in prop::sample::select(Instrument::ALL),
        stage in prop::sample::select(Stage::ALL),
        sources in prop::collection::vec(source(), 0..3),
        id in prop::option::of("[a-z0-9-]{1,12}"),
    ) -> Pledge {
        let mut b = Pledge::builder(donor, recipient, f).category(category).instrument(instrument).stage(stage);
        if let Some(id) = id { b = b.id(id); }
        if let Some(d) = announced { b = b.announced(d); }
        if let Some(p) = funded { b = b.funded(p); }
        if let Some(p) = delivered { b = b.delivered(p); }
        for s in sources { b = b.source(s); }
        b.build().unwrap()
    }
}

fn pledges() -> impl Strategy<Value = Pledges> {
    prop::collection::vec(pledge(), 0..20).prop_map(|v| {
        let mut c = Pledges::new();
        let mut ids = std::collections::HashSet::new();
        for p in v {
            // Keep ids unique.
            if p.id().is_none_or(|id| ids.insert(id.to_owned())) {
                c.add(p).unwrap();
            }
        }
        c
    })
}

/// Equal, and written the same way: same digits, same scale.
fn same(a: &Pledges, b: &Pledges) -> Result<(), TestCaseError> {
    prop_assert_eq!(a, b);
    for (x, y) in a.iter().zip(b.iter()) {
        prop_assert_eq!(
            x.figure().plain().to_string(),
            y.figure().plain().to_string()
        );
        prop_assert_eq!(x.figure().qualifier(), y.figure().qualifier());
        prop_assert_eq!(
            x.figure().stated().amount().scale(),
            y.figure().stated().amount().scale()
        );
        prop_assert_eq!(x.funded().map(|p| p.kind()), y.funded().map(|p| p.kind()));
    }
    Ok(())
}

proptest! {
    #[test]
    fn csv_round_trip(c in pledges()) {
        let mut out = Vec::new();
        c.write_csv(&mut out).unwrap();
        let mut back = Pledges::new();
        back.read_csv(out.as_slice()).unwrap();
        same(&c, &back)?;
    }

    #[test]
    fn json_round_trip(c in pledges()) {
        let json = serde_json::to_string(&c).unwrap();
        let back: Pledges = serde_json::from_str(&json).unwrap();
        same(&c, &back)?;
    }

    #[test]
    fn figures_and_periods_round_trip_in_json(f in currency().prop_flat_map(figure), p in period()) {
        let back: Figure = serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap();
        prop_assert_eq!(back, f);
        prop_assert_eq!(back.plain().to_string(), f.plain().to_string());
        let back: Period = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        prop_assert_eq!(back, p);
    }
}

#[test]
fn the_json_layout_is_as_documented() {
    let p = Pledge::builder(Country::DE, Country::UA, "over €1.5bn".parse().unwrap())
        .id("de-1")
        .announced(day(2025, 2, 12))
        .funded("2025".parse().unwrap())
        .stage(Stage::Committed)
        .source(
            Source::new("Bundesregierung")
                .unwrap()
                .with_published(day(2025, 2, 12)),
        )
        .build()
        .unwrap();
    let json = serde_json::to_value(&p).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "id": "de-1", "donor": "DE", "recipient": "UA", "announced": "2025-02-12",
            "funded": "2025", "delivered": null, "category": "military", "instrument": "grant",
            "stage": "committed", "amount": "over 1500000000", "currency": "EUR",
            "sources": [{"publisher": "Bundesregierung", "published": "2025-02-12"}]
        })
    );
}

#[test]
fn totals_are_written_as_documented() {
    use alliance_commitments::{Key, Query, RateRule, RateTable};
    use rust_decimal::Decimal;
    let mut pledges = Pledges::new();
    for (donor, figure) in [
        (Country::DE, "€5"),
        (Country::FR, "over €7"),
        (Country::US, "US$21"),
    ] {
        pledges
            .add(
                Pledge::builder(donor, Country::UA, figure.parse().unwrap())
                    .announced(day(2025, 1, 30))
                    .build()
                    .unwrap(),
            )
            .unwrap();
    }
    let stated = pledges.totals(&Query::new().by(Key::Donor)).unwrap();
    let total = |eur: serde_json::Value, usd: serde_json::Value, pieces: u32| {
        let mut by_currency = serde_json::Map::new();
        for (code, amount) in [("EUR", eur), ("USD", usd)] {
            if !amount.is_null() {
                by_currency.insert(
                    code.into(),
                    serde_json::json!({"amount": amount, "currency": code}),
                );
            }
        }
        serde_json::json!({"by_currency": by_currency, "converted": null, "pieces": pieces})
    };
    let null = serde_json::Value::Null;
    assert_eq!(
        serde_json::to_value(&stated).unwrap(),
        serde_json::json!({
            "groups": [
                [[{"donor": "DE"}], total("5".into(), null.clone(), 1)],
                [[{"donor": "FR"}], total("over 7".into(), null.clone(), 1)],
                [[{"donor": "US"}], total(null.clone(), "21".into(), 1)],
            ],
            "grand": total("over 12".into(), "21".into(), 3),
            "pending": total(null.clone(), null, 0),
        })
    );
    // Converted at 2 dollars to the euro: US$21 is €10.5.
    let mut rates = RateTable::new();
    rates
        .insert(day(2025, 1, 30), Currency::USD, Decimal::TWO)
        .unwrap();
    let converted = pledges
        .totals(&Query::new().by(Key::Donor).convert_to(
            Currency::EUR,
            RateRule::AnnouncementDate,
            &rates,
        ))
        .unwrap();
    let json = serde_json::to_value(&converted).unwrap();
    assert_eq!(
        json["groups"][0][1]["converted"],
        serde_json::json!({
            "total": {"amount": "5", "currency": "EUR"},
            "parts": [{
                "original": {"amount": "5", "currency": "EUR"},
                "figure": {"amount": "5", "currency": "EUR"},
                "rule": "announcement_date",
                "rates": null,
            }],
        })
    );
    let us = &json["groups"][2][1]["converted"];
    let amount = |v: &serde_json::Value| v["amount"].as_str().unwrap().parse::<Decimal>().unwrap();
    assert_eq!(amount(&us["total"]), Decimal::new(105, 1));
    assert_eq!(amount(&us["parts"][0]["figure"]), Decimal::new(105, 1));
    assert_eq!(
        us["parts"][0]["original"],
        serde_json::json!({"amount": "21", "currency": "USD"})
    );
    assert_eq!(
        us["parts"][0]["rates"],
        serde_json::json!([
            {"currency": "USD", "units_per_eur": "2", "quote": {"day": "2025-01-30"}},
            {"currency": "EUR", "units_per_eur": "1", "quote": "base"},
        ])
    );
    assert_eq!(
        json["groups"][2][1]["by_currency"],
        serde_json::json!({"USD": {"amount": "21", "currency": "USD"}})
    );
}
