//! Spreading a multi-year pledge over quarters and years, exact to the cent.
//!
//! Run with `cargo run --example spreading`.
//!
//! The pledge is illustrative: €1bn (and "over €500m") for 2024-2027. A
//! spreadsheet that divides by 16 quarters gets €62,500,000 a quarter and
//! ignores that quarters differ in length; one that rounds each quarter to
//! the cent loses or invents cents. Here the parts add up to the whole, to
//! the last digit, however the span is cut.

use alliance_commitments::spread::Schedule;
use alliance_commitments::{
    Country, DateBasis, Figure, Key, Period, PeriodUnit, Pledge, Pledges, Query, Spread,
};
use rust_decimal::Decimal;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn total(parts: &[(Period, Figure)]) -> Result<Figure> {
    let mut sum = Figure::zero(parts.first().ok_or("no parts")?.1.currency());
    for (_, f) in parts {
        sum = sum.checked_add(f)?;
    }
    Ok(sum)
}

fn main() -> Result<()> {
    let span: Period = "2024-01-01..2027-12-31".parse()?;
    let pledge: Figure = "€1bn".parse()?;
    let evenly = Spread::evenly_by_days();
    println!(
        "An illustrative pledge of {pledge} for {span} ({} days), spread evenly by days\n",
        span.days()
    );

    println!("By year:");
    let years = evenly.split(&pledge, &span, PeriodUnit::Year, None)?;
    for (year, part) in &years {
        println!(
            "  {year:<8} {:>8} days  {:>20}",
            year.days(),
            part.stated().to_string()
        );
    }
    println!(
        "  total                  {:>20}\n",
        total(&years)?.stated().to_string()
    );

    println!("By quarter:");
    let quarters = evenly.split(&pledge, &span, PeriodUnit::Quarter, None)?;
    for (quarter, part) in &quarters {
        println!(
            "  {quarter:<8} {:>8} days  {:>20}",
            quarter.days(),
            part.stated().to_string()
        );
    }
    println!(
        "  total                  {:>20}\n",
        total(&quarters)?.stated().to_string()
    );

    // Every year is the sum of its quarters, to the cent.
    for (year, part) in &years {
        let in_year: Vec<(Period, Figure)> = quarters
            .iter()
            .filter(|(q, _)| year.encloses(q))
            .cloned()
            .collect();
        let sum = total(&in_year)?;
        println!(
            "  {year}: quarters add up to {} (the year: {})",
            sum.stated(),
            part.stated()
        );
        assert_eq!(sum, *part);
    }
    assert_eq!(total(&years)?, pledge);
    assert_eq!(total(&quarters)?, pledge);

    println!("\nA figure keeps its qualifier when spread: \"over €500m\" by year is");
    let over: Figure = "over €500m".parse()?;
    for (year, part) in evenly.split(&over, &span, PeriodUnit::Year, None)? {
        let part = part.round();
        println!("  {year}: {} {}", part.qualifier(), part.stated());
    }

    println!("\nOther rules:");
    let at_start = Spread::at_start().split(&pledge, &span, PeriodUnit::Year, None)?;
    println!(
        "  all at the start: {}",
        at_start
            .iter()
            .map(|(p, f)| format!("{p} {f}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let schedule = Schedule::new(vec![
        ("2024".parse()?, Decimal::new(40, 0)),
        ("2025".parse()?, Decimal::new(30, 0)),
        ("2026-01-01..2027-12-31".parse()?, Decimal::new(30, 0)),
    ])?;
    let scheduled = Spread::evenly_by_days().with_schedule("dk-1", schedule);
    let parts = scheduled.split(&pledge, &span, PeriodUnit::Year, Some("dk-1"))?;
    println!(
        "  a schedule of 40% / 30% / 30% over 2026-2027: {}",
        parts
            .iter()
            .map(|(p, f)| format!("{p} {f}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    assert_eq!(total(&parts)?, pledge);

    println!("\nThe same through totals: funded-year totals of two illustrative pledges");
    let mut pledges = Pledges::new();
    pledges.add(
        Pledge::builder(Country::DK, Country::UA, pledge)
            .id("dk-1")
            .funded(span)
            .build()?,
    )?;
    pledges.add(
        Pledge::builder(Country::NL, Country::UA, "€300m".parse()?)
            .id("nl-1")
            .funded("2025".parse()?)
            .build()?,
    )?;
    let totals = pledges.totals(
        &Query::new()
            .spread(scheduled)
            .by(Key::year(DateBasis::Funded)),
    )?;
    for (key, t) in totals.groups() {
        println!("  {key}: {}", t.single()?.stated());
    }
    println!("  grand total: {}", totals.grand_total().single()?.stated());
    Ok(())
}
