//! Tables a support tracker publishes, from rows shaped like a tracker's:
//! two amounts per activity (committed, allocated), EU institutions and
//! the EIB among the donors, some rows undated, a pause in deliveries, and
//! a conditional guarantee. Every number here is illustrative, not data.
//!
//! Per capita, constant prices and the institutions' shares re-attributed
//! to their members belong beside these tables; they are left out here.
//!
//! Run with `cargo run --example tracker_tables` (no arguments).

use alliance_commitments::compare::stage_gap;
use alliance_commitments::{DateBasis, Filter, Key, Pledges, Query, Stage, Totals};
use chrono::NaiveDate;

/// Illustrative rows: one activity per row, the activity value as `amount`
/// (committed), the sub-activity value as `allocated_amount`.
const ROWS: &str = "\
id,donor,recipient,announced,stage,amount,currency,allocated_amount,allocated_on,delivered_amount,delivered_on,condition,condition_status,category,instrument
de-1,DE,UA,2024-01-15,committed,1200000000,EUR,800000000,2024-03-01,500000000,2024-04-10,,,military,grant
de-2,DE,UA,2024-05-20,committed,300000000,EUR,300000000,2024-06-15,,,,,humanitarian,grant
eu-1,EU,UA,2024-02-01,committed,5000000000,EUR,2500000000,2024-02-20,2500000000,2024-03-05,,,financial,grant
eu-2,EU,UA,,committed,23417159.978473667,EUR,10000000,,,,,,humanitarian,grant
eib-1,EIB,UA,2024-03-10,committed,400000000,EUR,150000000,2024-05-02,100000000,2024-09-30,,,financial,loan
fr-1,FR,UA,2024-02-16,committed,3000000000,EUR,1000000000,2024-04-01,600000000,2024-08-20,,,military,grant
gb-1,GB,UA,2025-03-01,committed,5000000000,EUR,,,,,should Kyiv agree to a ceasefire,pending,military,guarantee
";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn show(title: &str, totals: &Totals) -> Result<(), Box<dyn std::error::Error>> {
    println!("{title} (illustrative)");
    for (key, total) in totals.groups() {
        println!(
            "  {:<12} {}",
            key.to_string(),
            total.single()?.round().full()
        );
    }
    let grand = totals.grand_total();
    if grand.by_currency().count() > 0 {
        println!("  {:<12} {}", "total", grand.single()?.round().full());
    }
    if totals.pending().by_currency().count() > 0 {
        println!(
            "  {:<12} {} (conditional, not in the total)",
            "pending",
            totals.pending().single()?.round().full()
        );
    }
    println!();
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut pledges = Pledges::new();
    pledges.read_csv(ROWS.as_bytes())?;
    let at = |stage| Filter::new().stage(stage);

    show(
        "Commitments by donor",
        &pledges.totals(&Query::new().by(Key::Donor))?,
    )?;
    show(
        "Allocations by donor",
        &pledges.totals(&Query::new().filter(at(Stage::Allocated)).by(Key::Donor))?,
    )?;
    show(
        "Dated rows only, by year announced",
        &pledges.totals(
            &Query::new()
                .filter(Filter::new().dated(true))
                .by(Key::year(DateBasis::Announced)),
        )?,
    )?;
    show(
        "Deliveries by month of delivery",
        &pledges.totals(
            &Query::new()
                .filter(at(Stage::Delivered))
                .by(Key::month(DateBasis::Delivered)),
        )?,
    )?;
    // Deliveries pause from mid-April to mid-August 2024.
    for on in [day(2024, 4, 30), day(2024, 7, 31), day(2024, 9, 30)] {
        show(
            &format!("Delivered as of {on}"),
            &pledges.totals(&Query::new().filter(at(Stage::Delivered)).as_of(on))?,
        )?;
    }
    println!("Committed and delivered, pledge by pledge (illustrative)");
    for gap in stage_gap(
        &pledges,
        &Filter::new(),
        Stage::Committed,
        Stage::Delivered,
        &Query::new(),
    )? {
        println!("  {gap}");
    }
    Ok(())
}
