//! `FromStr` of `Period` on arbitrary text: an `Ok` or an `Err`, never a
//! panic; and what parses displays as text that parses to the same value.
#![no_main]

use alliance_commitments::Period;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(value) = text.parse::<Period>() {
            let shown = value.to_string();
            let again: Period = shown.parse().expect("Display output parses");
            assert_eq!(again, value, "{text:?} -> {shown:?}");
        }
    }
});
