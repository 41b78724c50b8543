//! Alliance-level commitments: the €40bn baseline shared by GDP, the seed's
//! claims checked against pledge-level data, and GDP guidelines.
//!
//! Run with `cargo run --example targets_and_claims`.
//!
//! Facts used: the Washington summit (2024-07-10) baseline of at least €40bn
//! within the next year, shared by each ally's share of alliance GDP, with
//! Hungary taking no part; the 2% guideline; The Hague (2025-06-25): 5% of
//! GDP by 2035, at least 3.5% core defence and up to 1.5% related. Every
//! GDP, spending and pledge number below is ILLUSTRATIVE (rounded orders of
//! magnitude, not sourced data).

use alliance_commitments::claims::Claim;
use alliance_commitments::tables::{GdpTable, SpendingPart, SpendingTable};
use alliance_commitments::targets::{FloorTarget, Fulfilment, GdpGuideline};
use alliance_commitments::{
    Alliance, Country, Currency, DateBasis, Donor, Filter, Pledge, Pledges, Query, RateRule,
    RateTable, Source,
};
use chrono::NaiveDate;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("no such date {y}-{m}-{d}").into())
}

/// Illustrative 2023 GDP of the allies, in € billion (rounded orders of
/// magnitude, not sourced).
const GDP_2023_EUR_BN: [(&str, u32); 32] = [
    ("US", 25_000),
    ("DE", 4_100),
    ("GB", 3_100),
    ("FR", 2_800),
    ("IT", 2_100),
    ("CA", 1_950),
    ("ES", 1_450),
    ("TR", 1_050),
    ("NL", 1_000),
    ("PL", 750),
    ("BE", 580),
    ("SE", 540),
    ("NO", 450),
    ("DK", 370),
    ("RO", 320),
    ("CZ", 300),
    ("FI", 275),
    ("PT", 265),
    ("GR", 220),
    ("HU", 180),
    ("SK", 125),
    ("BG", 95),
    ("LU", 80),
    ("HR", 75),
    ("LT", 70),
    ("SI", 63),
    ("LV", 40),
    ("EE", 37),
    ("IS", 28),
    ("AL", 21),
    ("MK", 14),
    ("ME", 7),
];

/// Donor, figure, announcement date, funded period.
type Row = (Country, &'static str, (i32, u32, u32), &'static str);

fn main() -> Result<()> {
    let mut gdp = GdpTable::new();
    for (code, bn) in GDP_2023_EUR_BN {
        gdp.insert(code.parse()?, 2023, format!("€{bn}bn").parse()?)?;
    }

    println!("1. The Washington baseline: at least €40bn within the year from 2024-07-10,");
    println!(
        "   shared by share of the participants' GDP (2023, ILLUSTRATIVE values); Hungary exempt.\n"
    );
    let baseline = FloorTarget::new(
        "Washington baseline",
        Alliance::nato(),
        "2024-07-10..2025-07-09".parse()?,
        "€40bn".parse()?,
    )?
    .shared_by_gdp(2023)
    .exempt(Country::HU.into());
    let shares = baseline.fair_shares(&gdp, None)?;
    let mut total = alliance_commitments::Money::zero(Currency::EUR);
    let mut largest = shares.clone();
    largest.sort_by_key(|s| std::cmp::Reverse(s.gdp().amount()));
    for s in largest.iter().take(6) {
        println!(
            "   {:<16} GDP {:>10}  fair share {:>20}",
            s.donor().name(),
            s.gdp().compact().to_string(),
            s.share().to_string()
        );
    }
    println!("   ... and {} more", shares.len() - 6);
    for s in &shares {
        total = total.checked_add(&s.share())?;
    }
    println!(
        "   {} participants; the shares add up to {} exactly.\n",
        shares.len(),
        total
    );

    // An ILLUSTRATIVE pledge set.
    let mut rates = RateTable::new();
    rates.insert(date(2025, 2, 14)?, Currency::USD, "1.0485".parse()?)?;
    rates.insert(date(2025, 2, 14)?, Currency::GBP, "0.8330".parse()?)?;
    let rows: [Row; 9] = [
        (Country::DE, "€7bn", (2025, 2, 14), "2025"),
        (Country::GB, "£3bn", (2025, 2, 14), "2025"),
        (Country::US, "over US$4bn", (2025, 2, 14), "2025"),
        (Country::NL, "€3.5bn", (2025, 2, 14), "2025"),
        (Country::SE, "€2.6bn", (2025, 2, 14), "2025"),
        (Country::DK, "about €2bn", (2025, 2, 14), "2025"),
        (Country::DE, "€7.5bn", (2024, 9, 2), "2024"),
        (Country::GB, "£3bn", (2024, 9, 2), "2024"),
        (Country::US, "about US$40bn", (2024, 9, 2), "2024"),
    ];
    rates.insert(date(2024, 9, 2)?, Currency::USD, "1.1050".parse()?)?;
    rates.insert(date(2024, 9, 2)?, Currency::GBP, "0.8420".parse()?)?;
    let mut pledges = Pledges::new();
    for (country, figure, (y, m, d), period) in rows {
        pledges.add(
            Pledge::builder(country, Country::UA, figure.parse()?)
                .announced(date(y, m, d)?)
                .funded(period.parse()?)
                .build()?,
        )?;
    }

    println!(
        "2. The baseline assessed for 2025 against ILLUSTRATIVE pledges (rates at announcement):\n"
    );
    let query = Query::new().within_funded("2025".parse()?).convert_to(
        Currency::EUR,
        RateRule::AnnouncementDate,
        &rates,
    );
    let assessment = baseline.assess(&pledges, &query, &gdp, None)?;
    println!(
        "   total counted: {} from {} pledges ({} pending a condition)",
        assessment.total().round().full(),
        assessment.counted(),
        assessment.pending().count()
    );
    println!("   the €40bn floor: {}", describe(assessment.status()));
    println!("   allies ranked by share of their fair share:");
    for m in assessment
        .members()
        .iter()
        .filter(|m| !m.actual().stated().is_zero())
    {
        let share = m
            .of_fair_share()
            .map(|s| s.percent(0).to_string())
            .unwrap_or_default();
        println!(
            "     {:<15} {:>28} of {:>20}: {share:>10}  {}",
            m.donor().name(),
            m.actual().round().full().to_string(),
            m.fair_share().to_string(),
            describe(m.status())
        );
    }
    let without = assessment
        .members()
        .iter()
        .filter(|m| m.actual().stated().is_zero())
        .count();
    println!("     ({without} allies with no pledge in this illustrative set)\n");

    println!("3. The seed's claims checked against the ILLUSTRATIVE pledges:\n");
    let nato = Filter::new().alliance(Alliance::nato());
    let claims = [
        (
            "Allies pledged more than €20bn in the first three months of 2025, for 2025",
            Claim::new(
                "more than 20 billion euros".parse()?,
                "2025".parse()?,
                DateBasis::Funded,
            )
            .scope(nato.clone().announced_within("2025-Q1".parse()?))
            .source(
                Source::new("NATO")?
                    .with_published(date(2025, 4, 2)?)
                    .with_speaker("NATO Secretary General"),
            ),
        ),
        (
            "Allies provided about €50bn in 2024",
            Claim::new("about €50bn".parse()?, "2024".parse()?, DateBasis::Funded)
                .scope(nato.clone())
                .source(Source::new("as reported (no primary source)")?),
        ),
        (
            "Allies pledged over €30bn for 2025 by the end of March",
            Claim::new("over €30bn".parse()?, "2025".parse()?, DateBasis::Funded)
                .scope(nato.announced_within("2025-Q1".parse()?)),
        ),
    ];
    for (text, claim) in &claims {
        let check = claim.check(&pledges, Some(&rates))?;
        println!("   \"{text}\"");
        println!("     {check}");
    }

    println!(
        "\n4. GDP guidelines for a few members (ILLUSTRATIVE GDP and spending, national currency):\n"
    );
    let mut gdp_nat = GdpTable::new();
    let mut spending = SpendingTable::new();
    let members: [(Donor, &str, &str, &str, &str); 3] = [
        (
            Country::PL.into(),
            "PLN 3,600bn",
            "PLN 150bn",
            "PLN 150bn",
            "PLN 40bn",
        ),
        (Country::DE.into(), "€4,300bn", "€90bn", "€90bn", "€25bn"),
        (
            Country::CA.into(),
            "CAD 3,000bn",
            "CAD 41bn",
            "CAD 41bn",
            "CAD 10bn",
        ),
    ];
    for (donor, g, defence, core, related) in members {
        gdp_nat.insert(donor, 2024, g.parse()?)?;
        spending.insert(donor, 2024, SpendingPart::Defence, defence.parse()?)?;
        spending.insert(donor, 2024, SpendingPart::Core, core.parse()?)?;
        spending.insert(donor, 2024, SpendingPart::Related, related.parse()?)?;
    }
    for guideline in [GdpGuideline::two_percent(), GdpGuideline::hague_2035()] {
        let by = guideline
            .target_year()
            .map(|_| " (2024 shown)")
            .unwrap_or_default();
        println!("   {}{by}:", guideline.name());
        for (donor, ..) in members {
            let a = guideline.assess(&donor, 2024, &gdp_nat, &spending)?;
            let percent = a.ratio().percent(2);
            let verdict = if a.met() {
                "met".to_owned()
            } else {
                format!("short by {}", a.gap().round().compact())
            };
            println!(
                "     {:<8} {:>5} of GDP counted: {verdict}",
                donor.name(),
                percent
            );
        }
    }
    Ok(())
}

fn describe(f: Fulfilment) -> String {
    match f {
        Fulfilment::Met => "met".into(),
        Fulfilment::Short(by) => format!("short by {by}"),
        Fulfilment::CannotTell => "cannot tell yet".into(),
    }
}
