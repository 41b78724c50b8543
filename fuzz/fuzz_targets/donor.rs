//! `FromStr` of `Donor` on arbitrary text: an `Ok` or an `Err`, never a
//! panic; and what parses displays as text that parses to the same value.
#![no_main]

use alliance_commitments::Donor;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(value) = text.parse::<Donor>() {
            // Display gives the name; the identifier is what reads back.
            let shown = value.id();
            let again: Donor = shown.parse().expect("the identifier parses");
            assert_eq!(again, value, "{text:?} -> {shown:?}");
        }
    }
});
