//! Pledges in four currencies, converted to euros with ECB-style rates, and
//! the audit trail of every conversion.
//!
//! Run with `cargo run --example currencies`.
//!
//! The pledges and the rates are illustrative (ECB-style: units of currency
//! per 1 EUR, one quote per business day, none at weekends).

use alliance_commitments::{
    Country, Currency, DateBasis, Key, Pledge, Pledges, Query, RateRule, RateTable,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("no such date {y}-{m}-{d}").into())
}

fn rates() -> Result<RateTable> {
    let mut rates = RateTable::new();
    // (date, USD, GBP, PLN) per 1 EUR — illustrative values.
    let rows = [
        (date(2025, 1, 30)?, "1.0426", "0.8365", "4.2133"),
        (date(2025, 1, 31)?, "1.0393", "0.8374", "4.2130"), // a Friday
        (date(2025, 2, 3)?, "1.0274", "0.8337", "4.2340"),
        (date(2025, 3, 14)?, "1.0882", "0.8407", "4.1770"),
    ];
    for (day, usd, gbp, pln) in rows {
        rates.insert(day, Currency::USD, usd.parse::<Decimal>()?)?;
        rates.insert(day, Currency::GBP, gbp.parse::<Decimal>()?)?;
        rates.insert(day, Currency::PLN, pln.parse::<Decimal>()?)?;
    }
    Ok(rates)
}

fn main() -> Result<()> {
    let rates = rates()?;
    let mut pledges = Pledges::new();
    let rows = [
        ("de-1", Country::DE, "€1.2bn", date(2025, 1, 30)?),
        ("us-1", Country::US, "US$500m", date(2025, 2, 1)?), // a Saturday
        ("gb-1", Country::GB, "£300m", date(2025, 1, 31)?),
        ("pl-1", Country::PL, "PLN 1.5bn", date(2025, 3, 14)?),
        ("gb-2", Country::GB, "about £150m", date(2025, 3, 14)?),
    ];
    for (id, donor, figure, announced) in rows {
        pledges.add(
            Pledge::builder(donor, Country::UA, figure.parse()?)
                .id(id)
                .announced(announced)
                .funded("2025".parse()?)
                .build()?,
        )?;
    }

    println!("Illustrative pledges for 2025, as stated:");
    for p in &pledges {
        println!("  {p}");
    }

    let by_donor = Query::new()
        .by(Key::Donor)
        .by(Key::year(DateBasis::Announced));
    let stated = pledges.totals(&by_donor)?;
    println!("\nTotal before conversion, kept per currency:");
    for figure in stated.grand_total().by_currency() {
        println!("  {figure}");
    }

    let in_eur = by_donor
        .clone()
        .convert_to(Currency::EUR, RateRule::AnnouncementDate, &rates);
    let totals = pledges.totals(&in_eur)?;
    println!(
        "\nIn euros, each pledge at the rate of its announcement date (a Saturday takes Friday's):"
    );
    for (key, total) in totals.groups() {
        let converted = total.converted().ok_or("converted")?;
        println!("  {key}: {}", converted.rounded().full());
        for part in converted.parts() {
            match part.rates() {
                Some((from, _)) => println!(
                    "      {} → {} at {from} ({})",
                    part.original(),
                    part.rounded().full(),
                    part.rule()
                ),
                None => println!("      {} (no conversion)", part.original()),
            }
        }
    }
    let grand = totals.grand_total().converted().ok_or("converted")?;
    println!("  all: {}", grand.rounded().full());
    println!("       unrounded: {}", grand.figure().full());

    println!("\nThe same total by other rules:");
    for rule in [
        RateRule::OnDate(date(2025, 3, 16)?),
        RateRule::Average("2025-Q1".parse()?),
    ] {
        let t = pledges.totals(&Query::new().convert_to(Currency::EUR, rule, &rates))?;
        let c = t.grand_total().converted().ok_or("converted")?;
        let (usd, _) = c
            .parts()
            .find_map(|p| p.rates().filter(|(f, _)| f.currency() == Currency::USD))
            .ok_or("usd")?;
        println!("  {rule}: {}   (USD: {usd})", c.rounded().full());
    }

    println!("\nCross rates go through EUR: the total in US dollars, at announcement dates:");
    let t = pledges.totals(&Query::new().convert_to(
        Currency::USD,
        RateRule::AnnouncementDate,
        &rates,
    ))?;
    println!(
        "  {}",
        t.grand_total()
            .converted()
            .ok_or("converted")?
            .rounded()
            .full()
    );

    println!("\nA date with no rate within 7 days is an error that names currency and date:");
    match rates.rate_on(Currency::USD, date(2025, 3, 1)?) {
        Ok(rate) => println!("  unexpected: {rate}"),
        Err(e) => println!("  {e}"),
    }
    Ok(())
}
