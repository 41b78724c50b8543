//! Every parser, fed arbitrary strings and bytes, answers `Ok` or `Err`
//! and never panics; a failed load leaves what was loaded before unchanged.

use alliance_commitments::io::CsvOptions;
use alliance_commitments::{Country, Currency, Donor, Figure, Money, Period, Pledges, RateTable};
use proptest::prelude::*;

/// Text that looks like the inputs: digits, dates, currency signs, words,
/// separators, line breaks, quotes.
fn texty() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9a-zA-Z €$£¥.,:;|\"\\-±%+/<>=~\r\n]{0,60}",
        "(over|about|between|up to|at least|FY|Q|H)? ?-?[0-9]{0,30}(\\.[0-9]{0,30})?(bn|m|k| and |..|-| ± )?[0-9]{0,12}(%| EUR| €|-Q[0-9]|-[0-9]{2})?",
    ]
}

fn csvish() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        any::<Vec<u8>>(),
        texty().prop_map(String::into_bytes),
        // A header the reader accepts, then arbitrary rows.
        "[A-Za-z0-9 ,.\"|\\-\n]{0,200}".prop_map(|rows| format!(
            "donor,recipient,amount,currency,announced,funded\n{rows}"
        )
        .into_bytes()),
        "[A-Z0-9 ,./\\-\n]{0,200}".prop_map(|rows| format!("Date,USD,JPY,\n{rows}").into_bytes()),
    ]
}

proptest! {
    #[test]
    fn text_parsers_never_panic(s in texty()) {
        let _ = s.parse::<Figure>();
        let _ = s.parse::<Period>();
        let _ = s.parse::<Currency>();
        let _ = s.parse::<Money>();
        let _ = s.parse::<Donor>();
        let _ = s.parse::<Country>();
        let _ = s.parse::<alliance_commitments::Stage>();
        if let Ok(label) = s.parse::<alliance_commitments::totals::GroupLabel>() {
            prop_assert_eq!(label.as_str(), s.trim());
        }
        let _ = Figure::parse_plain(&s, Currency::EUR);
        let _ = Figure::parse_in(&s, Currency::JPY);
        #[cfg(feature = "serde")]
        {
            let _ = serde_json::from_str::<Pledges>(&s);
            let _ = serde_json::from_str::<Figure>(&s);
        }
    }

    #[test]
    fn file_readers_never_panic_and_fail_cleanly(bytes in csvish()) {
        let mut pledges = Pledges::new();
        pledges.read_csv("id,donor,recipient,amount,currency\nkeep,DE,UA,1,EUR\n".as_bytes()).unwrap();
        let before = pledges.clone();
        if pledges.read_csv_with(bytes.as_slice(), CsvOptions::new().ignore_unknown_columns(true)).is_err() {
            prop_assert_eq!(&pledges, &before);
        }
        let mut rates = RateTable::new();
        rates.read_ecb_history("Date,USD,\n2025-01-02,1.03,\n".as_bytes()).unwrap();
        let before = rates.clone();
        if rates.read_ecb_history(bytes.as_slice()).is_err() {
            prop_assert_eq!(&rates, &before);
        }
        if rates.read_ecb_daily(bytes.as_slice()).is_err() {
            prop_assert_eq!(&rates, &before);
        }
        #[cfg(feature = "serde")]
        {
            let mut pledges = Pledges::new();
            if pledges.read_json(bytes.as_slice()).is_err() {
                prop_assert!(pledges.is_empty());
            }
        }
    }
}
