//! NATO allies' security assistance to Ukraine: what was said, what it
//! means, and what it does not.
//!
//! Run with `cargo run --example nato_ukraine`.
//!
//! Every figure comes from the statements below; nothing else is invented.
//! The report shows how the crate keeps "more than €20bn" from becoming 20,
//! "pledged in Q1 for 2025" from becoming "spent in Q1", and Sweden from
//! being counted as an ally before it joined.

use alliance_commitments::{Alliance, Comparison, Country, Figure, Money, Period, Source};
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("no such date {y}-{m}-{d}").into())
}

/// A statement: a figure, what it is about, and where it comes from.
struct Statement {
    figure: Figure,
    what: &'static str,
    period: Period,
    source: Source,
}

fn statements() -> Result<[Statement; 3]> {
    Ok([
        Statement {
            figure: "more than 20 billion euros".parse()?,
            what: "pledged by allies in security assistance in the first three months of 2025, for 2025",
            period: "2025".parse()?,
            source: Source::new("NATO")?
                .with_title("Press conference by the NATO Secretary General, Brussels")
                .with_published(date(2025, 4, 2)?)
                .with_speaker("NATO Secretary General"),
        },
        Statement {
            figure: "about €50bn".parse()?,
            what: "provided by allies in 2024",
            period: "2024".parse()?,
            source: Source::new("as reported (no primary source)")?,
        },
        Statement {
            figure: "at least €40bn".parse()?,
            what: "minimum baseline pledged at the Washington summit, within the next year",
            // Our reading of "within the next year": the year from the summit.
            period: "2024-07-10..2025-07-09".parse()?,
            source: Source::new("NATO")?
                .with_title("Washington Summit")
                .with_published(date(2024, 7, 10)?),
        },
    ])
}

fn main() -> Result<()> {
    let [so_far_2025, year_2024, baseline] = statements()?;

    println!("NATO allies' security assistance to Ukraine");
    println!("===========================================\n");
    println!("1. What was said\n");
    for s in [&so_far_2025, &year_2024, &baseline] {
        println!("   - {} {}", s.figure, s.what);
        println!("     period: {}   source: {}", s.period, s.source);
        println!("     as an interval: {}\n", s.figure.interval());
    }

    println!("2. Is 2025 on course to beat 2024?\n");
    let answer = so_far_2025.figure.compare(&year_2024.figure)?;
    println!(
        "   2025 so far ({}) against 2024 ({}): {answer}.",
        so_far_2025.figure, year_2024.figure
    );
    println!(
        "   Why: 2025 so far lies in {}, 2024 in {} (\"about\" read as ±10%).",
        so_far_2025.figure.interval(),
        year_2024.figure.interval()
    );
    println!(
        "   The intervals overlap: by the end of the year 2025 could be below 2024, or above it."
    );
    println!("   Not yet: the only honest answer is that we cannot tell.\n");
    assert_eq!(answer, Comparison::CannotTell);

    println!("3. 2025 so far against the €40bn baseline\n");
    let half = Figure::exactly(baseline.figure.stated().checked_mul(Decimal::new(5, 1))?);
    let against_half = so_far_2025.figure.compare(&half)?;
    println!(
        "   Half the baseline is {half}; 2025 so far is {}: {against_half}.",
        so_far_2025.figure
    );
    if against_half == Comparison::Greater {
        println!(
            "   More than half of the yearly baseline was already pledged for 2025 by the end of March."
        );
    }
    let whole = so_far_2025
        .figure
        .compare(&Figure::exactly(baseline.figure.stated()))?;
    println!(
        "   Against the whole €40bn: {whole} — \"more than €20bn\" may or may not reach it.\n"
    );
    assert_eq!(against_half, Comparison::Greater);
    assert_eq!(whole, Comparison::CannotTell);

    println!("4. The misreading the three dates prevent\n");
    let q1: Period = "2025-Q1".parse()?;
    let year: Period = "2025".parse()?;
    // Read (wrongly) as Q1 spending and annualised by days: x × 365 / 90.
    let stated = so_far_2025.figure.stated();
    let scaled = stated
        .amount()
        .checked_mul(Decimal::from(year.days()))
        .and_then(|x| x.checked_div(Decimal::from(q1.days())))
        .ok_or("overflow")?;
    // "Over" is a lower bound: rounding it down keeps the statement true.
    let to_cent = scaled.round_dp_with_strategy(2, RoundingStrategy::ToNegativeInfinity);
    let billion = Decimal::new(1_000_000_000, 0);
    let whole_bn = scaled
        .checked_div(billion)
        .and_then(|x| x.floor().checked_mul(billion))
        .ok_or("overflow")?;
    let misread = Figure::over(Money::new(whole_bn, stated.currency()))?;
    println!(
        "   Taken as Q1 spending ({} days) and scaled to {} days: {} × {}/{} = over {}",
        q1.days(),
        year.days(),
        so_far_2025.figure,
        year.days(),
        q1.days(),
        Money::new(to_cent, stated.currency())
    );
    println!("   which makes the headline \"{misread} a year\".");
    println!(
        "   Wrong: the {} was announced in {q1} but is *for* {year}: the whole year's money,",
        stated.compact()
    );
    println!("   not one quarter's spending. Annualising counts it about four times over.");
    println!(
        "   Read correctly, pledges for 2025 stood at {} by the end of March.\n",
        so_far_2025.figure
    );
    assert_eq!(misread.to_string(), "over €81bn");

    println!("5. Who counts as an ally, and when\n");
    let nato = Alliance::nato();
    for (country, day_before, day) in [
        (Country::FI, date(2023, 4, 3)?, date(2023, 4, 4)?),
        (Country::SE, date(2024, 3, 6)?, date(2024, 3, 7)?),
    ] {
        println!(
            "   {country}: an ally on {day_before}? {}. On {day}? {}. ({} allies that day)",
            yes_no(nato.is_member(&country.into(), day_before)),
            yes_no(nato.is_member(&country.into(), day)),
            nato.members_on(day).len(),
        );
        assert!(
            !nato.is_member(&country.into(), day_before) && nato.is_member(&country.into(), day)
        );
    }
    println!(
        "   A Swedish pledge announced before 2024-03-07 is not an allied pledge; one after it is."
    );
    Ok(())
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
