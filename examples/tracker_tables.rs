//! Tables a support tracker publishes, from rows shaped like a tracker's:
//! two amounts per activity (committed, allocated), EU institutions and
//! the EIB among the donors, some rows undated, a pause in deliveries, and
//! a conditional guarantee. Every number here — pledges, keys, population,
//! GDP, price index — is illustrative, not data.
//!
//! It shows commitments and allocations by donor, "EU + EIB" as one row,
//! totals including the institutions' shares, per capita and share of GDP,
//! totals by year in current and constant prices, a monthly series of
//! deliveries, totals delivered as of dates before, during and after a
//! pause, a pending conditional guarantee reported apart from the firm
//! totals, and committed against delivered pledge by pledge.
//!
//! Run with `cargo run --example tracker_tables` (no arguments).

use alliance_commitments::compare::stage_gap;
use alliance_commitments::reattribution::{Reattribution, ReattributionKey};
use alliance_commitments::tables::{GdpTable, PopulationTable, PriceArea, PriceIndex};
use alliance_commitments::totals::DonorGroups;
use alliance_commitments::{
    Country, Currency, DateBasis, Donor, Filter, Institution, Key, Pledges, Query, Stage, Totals,
};
use chrono::NaiveDate;
use rust_decimal::dec;

/// Illustrative rows: one activity per row, the activity value as `amount`
/// (committed), the sub-activity value as `allocated_amount`.
const ROWS: &str = "\
id,donor,recipient,announced,stage,amount,currency,allocated_amount,allocated_on,delivered_amount,delivered_on,condition,condition_status,category,instrument
de-1,DE,UA,2024-01-15,committed,1200000000,EUR,800000000,2024-03-01,500000000,2024-04-10,,,military,grant
de-2,DE,UA,2024-05-20,committed,300000000,EUR,300000000,2024-06-15,,,,,humanitarian,grant
de-3,DE,UA,2025-02-10,committed,820000000,EUR,,,,,,,military,grant
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
    let (de, fr, pl) = (
        Donor::from(Country::DE),
        Donor::from(Country::FR),
        Donor::from(Country::PL),
    );
    let eu = Donor::from(Institution::EuInstitutions);
    let eib = Donor::from(Institution::EuropeanInvestmentBank);

    let by_donor = pledges.totals(&Query::new().by(Key::Donor))?;
    show("Commitments by donor", &by_donor)?;
    show(
        "Allocations by donor",
        &pledges.totals(&Query::new().filter(at(Stage::Allocated)).by(Key::Donor))?,
    )?;

    // The EU institutions and the EIB as one row; other donors keep theirs.
    let eu_eib = DonorGroups::new().group("EU + EIB", [eu, eib])?;
    show(
        "Commitments with EU + EIB as one row",
        &pledges.totals(&Query::new().by(Key::DonorGroup(eu_eib)))?,
    )?;

    // The institutions' commitments shared out to members by key (an
    // illustrative budget key and capital key among three members).
    let shares = Reattribution::new()
        .with_key(ReattributionKey::new(
            eu,
            [(de, dec!(0.5)), (fr, dec!(0.3)), (pl, dec!(0.2))],
            "illustrative budget key",
        )?)?
        .with_key(ReattributionKey::new(
            eib,
            [(de, dec!(0.5)), (fr, dec!(0.4)), (pl, dec!(0.1))],
            "illustrative capital key",
        )?)?
        .apply(&by_donor)?;
    println!("Commitments including the institutions' shares (illustrative)");
    println!(
        "  {:<4} {:>22} {:>22} {:>22}",
        "", "bilateral", "institutions", "including"
    );
    let mut including = alliance_commitments::Figure::zero(Currency::EUR);
    for row in shares.rows() {
        println!(
            "  {:<4} {:>22} {:>22} {:>22}",
            row.donor().id(),
            row.bilateral().round().full().to_string(),
            row.institutions().round().full().to_string(),
            row.rounded().full().to_string()
        );
        including = including.checked_add(row.including())?;
    }
    // The institutions have no row of their own: nothing counts twice.
    println!(
        "  {:<4} {:>68}",
        "all",
        including.round().full().to_string()
    );
    println!();

    // Per capita and share of GDP of what each country committed in 2024.
    let mut people = PopulationTable::new();
    people.insert(de, 2024, dec!(83600000))?;
    people.insert(fr, 2024, dec!(68400000))?;
    let mut gdp = GdpTable::new();
    gdp.insert(de, 2024, "€4,300bn".parse()?)?;
    gdp.insert(fr, 2024, "€2,900bn".parse()?)?;
    let in_2024 = pledges.totals(
        &Query::new()
            .filter(Filter::new().announced_within("2024".parse()?))
            .by(Key::Donor),
    )?;
    println!("Committed in 2024, per person and as a share of GDP (illustrative)");
    for (key, total) in in_2024.groups() {
        let [alliance_commitments::totals::GroupValue::Donor(donor)] = key.values() else {
            continue;
        };
        if donor.country().is_none() {
            continue; // an institution has no population or GDP
        }
        let figure = total.figure()?;
        let each = people.per_capita(donor, 2024, &figure)?;
        let share = gdp.share_of_gdp(donor, 2024, &figure)?;
        println!(
            "  {:<4} {:>20}   {} per person   {} of GDP",
            donor.id(),
            figure.round().full().to_string(),
            each.round(),
            share.percent(3)
        );
    }
    println!("  (the quotients do not terminate: each is an interval rounded outward)");
    println!();

    let by_year = pledges.totals(
        &Query::new()
            .filter(Filter::new().dated(true))
            .by(Key::year(DateBasis::Announced)),
    )?;
    show("Dated rows only, by year announced", &by_year)?;
    let mut index = PriceIndex::new();
    let eur = PriceArea::Currency(Currency::EUR);
    index.insert(eur, 2024, dec!(100))?;
    index.insert(eur, 2025, dec!(102.5))?;
    let constant = index.constant_totals(&by_year, &eur, 2024)?;
    println!("The same in 2024 prices (illustrative index: 2024 = 100, 2025 = 102.5)");
    for (key, current, real) in constant.groups() {
        println!(
            "  {:<12} {} (in prices of the year: {})",
            key.to_string(),
            real.round().full(),
            current.round().full()
        );
    }
    if let Some(total) = constant.total() {
        println!("  {:<12} {}", "total", total.round().full());
    }
    println!();

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
