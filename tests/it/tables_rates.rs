//! Conversion rules in totals: a fixed rate, and the latest quote for
//! undated pledges, with the rule and rates in the audit trail.

use alliance_commitments::rates::{FixedRate, Quote};
use alliance_commitments::{Country, Currency, Pledge, Pledges, Query, RateRule, RateTable};
use rust_decimal::dec;

use crate::common::day;

fn pledges() -> Pledges {
    let mut p = Pledges::new();
    let dated = Pledge::builder(Country::NO, Country::UA, "NOK 1150".parse().unwrap())
        .announced(day(2025, 4, 5))
        .build()
        .unwrap();
    let undated = Pledge::builder(Country::NO, Country::UA, "NOK 2300".parse().unwrap())
        .build()
        .unwrap();
    p.add(dated).unwrap();
    p.add(undated).unwrap();
    p
}

fn table() -> RateTable {
    let mut t = RateTable::new();
    t.insert(day(2025, 4, 4), Currency::NOK, dec!(11.5))
        .unwrap();
    t.insert(day(2025, 4, 10), Currency::NOK, dec!(11.6))
        .unwrap();
    t
}

#[test]
fn tables_undated_pledges_take_the_latest_quote() {
    let t = table();
    let q = Query::new().convert_to(Currency::EUR, RateRule::AnnouncementDateOrLatest, &t);
    let totals = pledges().totals(&q).unwrap();
    let c = totals.grand_total().converted().unwrap();
    // 1150 / 11.5 = 100 (4 April, the Friday before the Saturday announcement);
    // 2300 / 11.6 = 198.27586206896551724137931034… (the latest, 10 April).
    let quotes: Vec<_> = c.parts().map(|p| p.rates().unwrap().0.quote()).collect();
    assert!(quotes.contains(&Quote::Day(day(2025, 4, 4))));
    assert!(quotes.contains(&Quote::Day(day(2025, 4, 10))));
    assert!(
        c.parts()
            .all(|p| p.rule() == RateRule::AnnouncementDateOrLatest)
    );
    assert_eq!(c.rounded().to_string(), "€298.28");
    // Under the announcement-date rule the undated pledge is an error.
    let strict = Query::new().convert_to(Currency::EUR, RateRule::AnnouncementDate, &t);
    assert!(pledges().totals(&strict).is_err());
}

#[test]
fn tables_a_fixed_rate_converts_every_pledge() {
    let t = RateTable::new();
    let rule = RateRule::Fixed(FixedRate::new(Currency::NOK, dec!(11.5)).unwrap());
    let totals = pledges()
        .totals(&Query::new().convert_to(Currency::EUR, rule, &t))
        .unwrap();
    let c = totals.grand_total().converted().unwrap();
    assert_eq!(c.figure().to_string(), "€300");
    for part in c.parts() {
        assert_eq!(part.rule(), rule);
        assert_eq!(part.rates().unwrap().0.quote(), Quote::Fixed);
        assert_eq!(part.rates().unwrap().0.units_per_eur(), Some(dec!(11.5)));
    }
}
