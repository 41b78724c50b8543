//! Inputs that fuzzing found to break an invariant, kept as regression
//! tests (see `fuzz/README.md`).

use alliance_commitments::Pledges;
use alliance_commitments::io::CsvOptions;

/// Reads, writes and reads again, as the `pledge_csv` fuzz target does.
fn round_trip(bytes: &[u8]) {
    for ignore in [false, true] {
        let mut pledges = Pledges::new();
        if pledges
            .read_csv_with(bytes, CsvOptions::new().ignore_unknown_columns(ignore))
            .is_ok()
        {
            let mut out = Vec::new();
            pledges.write_csv(&mut out).unwrap();
            let mut back = Pledges::new();
            back.read_csv(out.as_slice()).unwrap();
            assert_eq!(back, pledges);
        } else {
            assert!(pledges.is_empty());
        }
    }
}

#[test]
fn a_source_field_ending_in_a_tab() {
    // The CSV reader trims cells, so a title ending in a tab came back
    // without it; sources now hold trimmed text.
    round_trip(include_bytes!(
        "fuzz_regressions/pledge_csv-trailing-tab.csv"
    ));
}

#[cfg(feature = "serde")]
#[test]
fn a_multibyte_character_where_a_period_starts() {
    // The period parser sliced its input at byte 2 to look for "FY" and
    // panicked inside a multi-byte character (found by the JSON target, and
    // by proptest before it).
    let bytes = include_bytes!("fuzz_regressions/pledges_json-multibyte-period.json");
    let mut pledges = Pledges::new();
    assert!(pledges.read_json(&bytes[..]).is_err());
    assert!(pledges.is_empty());
}

#[test]
fn a_nineteen_digit_amount() {
    // The shortcut for plain amounts multiplied past i64 at the nineteenth
    // digit (a debug-build panic; found by `parsers_never_panic` in CI).
    for text in [
        "9223373000000000000",
        "-9999999999999999999",
        "99999999999999999.99",
    ] {
        let f =
            alliance_commitments::Figure::parse_plain(text, alliance_commitments::Currency::EUR)
                .unwrap();
        assert_eq!(f.plain().to_string(), text);
    }
    let csv = "donor,recipient,amount,currency\nDE,UA,9223373000000000000,EUR\n";
    let mut pledges = Pledges::new();
    assert_eq!(pledges.read_csv(csv.as_bytes()).unwrap(), 1);
}

#[test]
fn doubled_quotes_in_a_record_of_more_than_64_fields() {
    // The record splitter marks the fields with doubled quotes in 64 bits;
    // copying a record with such a field and more than 64 fields shifted
    // past the 64th bit (a panic with overflow checks on).
    let extra: String = (7..70).map(|i| format!(",x{i}")).collect();
    let empty = ",".repeat(63);
    let csv = format!(
        "id,donor,recipient,announced,amount,currency,source{extra}\n\
         a,DE,UA,2025-01-02,5,EUR,\"Kiel \"\"release\"\"\"{empty}\n"
    );
    let mut pledges = Pledges::new();
    let options = CsvOptions::new().ignore_unknown_columns(true);
    assert_eq!(pledges.read_csv_with(csv.as_bytes(), options), Ok(1));
    let pledge = pledges.iter().next().unwrap();
    assert_eq!(pledge.sources()[0].publisher(), "Kiel \"release\"");
    round_trip(csv.as_bytes());
}
