//! `RateTable::read_ecb_history` on arbitrary bytes: an `Ok` or an `Err`, never
//! a panic; a failed read leaves the table unchanged.
#![no_main]

use alliance_commitments::RateTable;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut rates = RateTable::new();
    if rates.read_ecb_history(data).is_err() {
        assert!(rates.is_empty(), "a failed read added quotes");
    }
});
