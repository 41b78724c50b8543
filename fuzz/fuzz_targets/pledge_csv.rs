//! The pledge CSV reader on arbitrary bytes: an `Ok` or an `Err`, never a
//! panic; a failed read leaves the collection unchanged; what reads writes
//! back and reads again to equal pledges.
#![no_main]

use alliance_commitments::{Pledges};
use alliance_commitments::io::CsvOptions;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut pledges = Pledges::new();
    let options = CsvOptions::new().ignore_unknown_columns(data.first().is_some_and(|b| b % 2 == 0));
    match pledges.read_csv_with(data, options) {
        Ok(_) => {
            let mut out = Vec::new();
            pledges.write_csv(&mut out).expect("writing to memory");
            let mut back = Pledges::new();
            back.read_csv(out.as_slice()).expect("what was written reads back");
            assert_eq!(back, pledges);
        }
        Err(_) => assert!(pledges.is_empty(), "a failed read added pledges"),
    }
});
