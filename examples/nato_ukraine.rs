//! NATO allies' security assistance to Ukraine: what was said, what it
//! means, and what it does not.
//!
//! Run with `cargo run --example nato_ukraine`.
//!
//! Every figure comes from the statements below; nothing else is invented.
//! The report shows how the crate keeps "more than €20bn" from becoming 20,
//! "pledged in Q1 for 2025" from becoming "spent in Q1", and Sweden from
//! being counted as an ally before it joined.

use alliance_commitments::compare::{run_rate, stage_gap};
use alliance_commitments::{
    Alliance, Comparison, Country, Currency, DateBasis, Donor, Figure, Filter, Institution, Key,
    Money, Period, Pledge, Pledges, Query, RateRule, RateTable, Source, Stage,
};
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
        "   A Swedish pledge announced before 2024-03-07 is not an allied pledge; one after it is.\n"
    );

    pledge_level()
}

/// id, donor, figure, announced, funded period, stage.
type Row = (
    &'static str,
    Donor,
    &'static str,
    Option<NaiveDate>,
    &'static str,
    Stage,
);

/// Section 6: the same questions asked of pledge-level data. Every pledge
/// and rate here is illustrative, not a real record.
fn pledge_level() -> Result<()> {
    println!("6. Pledge level (ILLUSTRATIVE numbers, not real records)\n");
    let sek = Currency::from_code("SEK")?;
    let mut rates = RateTable::new();
    for (day, usd, gbp, sek_rate) in [
        (date(2024, 2, 20)?, "1.0780", "0.8560", "11.2300"),
        (date(2025, 1, 15)?, "1.0300", "0.8420", "11.4900"),
        (date(2025, 2, 12)?, "1.0380", "0.8330", "11.2600"),
        (date(2025, 3, 20)?, "1.0850", "0.8370", "10.9800"),
    ] {
        rates.insert(day, Currency::USD, usd.parse()?)?;
        rates.insert(day, Currency::GBP, gbp.parse()?)?;
        rates.insert(day, sek, sek_rate.parse()?)?;
    }
    let rows: [Row; 9] = [
        (
            "de-25",
            Country::DE.into(),
            "€7bn",
            Some(date(2025, 1, 15)?),
            "2025",
            Stage::Committed,
        ),
        (
            "gb-25",
            Country::GB.into(),
            "£3bn",
            Some(date(2025, 1, 15)?),
            "2025",
            Stage::Allocated,
        ),
        (
            "us-25",
            Country::US.into(),
            "over US$3bn",
            Some(date(2025, 2, 12)?),
            "2025",
            Stage::Announced,
        ),
        (
            "nl-25",
            Country::NL.into(),
            "€3.5bn",
            Some(date(2025, 2, 12)?),
            "2025",
            Stage::Delivered,
        ),
        (
            "se-25",
            Country::SE.into(),
            "SEK 30bn",
            Some(date(2025, 3, 20)?),
            "2025",
            Stage::Committed,
        ),
        (
            "dk-multi",
            Country::DK.into(),
            "€4bn",
            Some(date(2025, 3, 20)?),
            "2025-01-01..2028-12-31",
            Stage::Committed,
        ),
        (
            "se-24",
            Country::SE.into(),
            "SEK 7bn",
            Some(date(2024, 2, 20)?),
            "2024",
            Stage::Delivered,
        ),
        (
            "eu-25",
            Institution::EuInstitutions.into(),
            "€5bn",
            Some(date(2025, 3, 20)?),
            "2025",
            Stage::Committed,
        ),
        (
            "no-undated",
            Country::NO.into(),
            "€1bn",
            None,
            "2025",
            Stage::Delivered,
        ),
    ];
    let mut pledges = Pledges::new();
    for (id, donor, figure, announced, period, stage) in rows {
        let mut b = Pledge::builder(donor, Country::UA, figure.parse()?)
            .id(id)
            .funded(period.parse()?)
            .stage(stage);
        if let Some(d) = announced {
            b = b.announced(d);
        }
        pledges.add(b.build()?)?;
    }
    for p in &pledges {
        println!("   {p}");
    }

    // Allies' pledges announced in 2025-Q1, counted for 2025 (the multi-year
    // Danish pledge counts its 2025 share, spread evenly by days).
    let allied_q1 = Filter::new()
        .alliance(Alliance::nato())
        .announced_within("2025-Q1".parse()?);
    let for_2025 = Query::new()
        .filter(allied_q1)
        .within_funded("2025".parse()?)
        .by(Key::Donor)
        .convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
    let totals = pledges.totals(&for_2025)?;
    println!(
        "\n   Allies' pledges announced in 2025-Q1, for 2025, in euros at announcement-date rates:"
    );
    for (key, t) in totals.groups() {
        let c = t.converted().ok_or("converted")?;
        println!("     {key:<3} {}", c.rounded().full());
    }
    let total = totals
        .grand_total()
        .converted()
        .ok_or("converted")?
        .rounded();
    println!("     all {}", total.full());
    let claim: Figure = "more than 20 billion euros".parse()?;
    // A claim is supported when every value the data allow lies within it,
    // contradicted when none does.
    let (claimed, found) = (claim.interval(), total.interval());
    let verdict = if claimed.encloses(&found) {
        "which supports it"
    } else if !claimed.overlaps(&found) {
        "which contradicts it"
    } else {
        "not enough to confirm or refute it"
    };
    println!(
        "   Against the statement \"{claim}\": the data give {}, {verdict}.",
        total.full()
    );
    println!(
        "   Left out: the EU institutions (not an ally), Sweden's 2024 pledge (announced before it"
    );
    println!(
        "   joined, and for 2024), and Norway's undated pledge (no announcement date to place it)."
    );

    println!(
        "\n   The three dates give different tables (allies only, all at the rates of 2025-03-20):"
    );
    let by = |key: Key| -> Result<String> {
        let query = Query::new()
            .filter(Filter::new().alliance(Alliance::nato()))
            .by(key)
            .convert_to(Currency::EUR, RateRule::OnDate(date(2025, 3, 20)?), &rates);
        let totals = pledges.totals(&query)?;
        let rows: Vec<String> = totals
            .groups()
            .filter_map(|(k, g)| {
                g.converted()
                    .map(|c| format!("       {k:<8} {}", c.rounded().full()))
            })
            .collect();
        Ok(rows.join("\n"))
    };
    println!("     by the quarter they were announced in:");
    println!("{}", by(Key::quarter(DateBasis::Announced))?);
    println!("     by the year the money is for (the Danish 2025-2028 pledge spread by days):");
    println!("{}", by(Key::year(DateBasis::Funded))?);

    let q1: Period = "2025-Q1".parse()?;
    let misread = run_rate(&total, &q1, &"2025".parse()?)?;
    println!(
        "\n   Annualising {} as if it were Q1 spending would claim {} a year:",
        total.full(),
        misread.full()
    );
    println!("   wrong, for the same reason as in 4.");

    println!(
        "\n   Of what each ally committed (or more), how much is delivered (rates of 2025-03-20):"
    );
    let at_one_date =
        Query::new().convert_to(Currency::EUR, RateRule::OnDate(date(2025, 3, 20)?), &rates);
    let allies = Filter::new().alliance(Alliance::nato());
    for gap in stage_gap(
        &pledges,
        &allies,
        Stage::Committed,
        Stage::Delivered,
        &at_one_date,
    )? {
        let share = gap
            .share()?
            .map(|s| s.percent(0).to_string())
            .unwrap_or_else(|| "n/a".into());
        println!(
            "     {:<3} committed {:>19}  delivered {:>19}  to deliver {:>19}  delivered {share}",
            gap.donor().id(),
            gap.reached_from().round().full().to_string(),
            gap.reached_to().round().full().to_string(),
            gap.gap().round().full().to_string()
        );
    }
    Ok(())
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}
