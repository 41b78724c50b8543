//! JSON of a pledge collection on arbitrary bytes: an `Ok` or an `Err`,
//! never a panic; what reads writes back to JSON that reads to the same.
#![no_main]

use alliance_commitments::Pledges;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(pledges) = serde_json::from_slice::<Pledges>(data) {
        let json = serde_json::to_vec(&pledges).expect("serialising to memory");
        let back: Pledges = serde_json::from_slice(&json).expect("what was written reads back");
        assert_eq!(back, pledges);
    }
});
