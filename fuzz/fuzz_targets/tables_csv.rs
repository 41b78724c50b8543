//! Population and price-index tables and re-attribution keys read from
//! arbitrary bytes (through the crate's one CSV record reader): an `Ok` or
//! an `Err`, never a panic; every error but an empty input names a line;
//! reading the same bytes again gives the same table.
#![no_main]

use alliance_commitments::error::ErrorKind;
use alliance_commitments::reattribution::Reattribution;
use alliance_commitments::tables::{PopulationTable, PriceIndex};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The header may name either table's columns: try both.
    match PopulationTable::read_csv(data) {
        Ok(t) => assert_eq!(PopulationTable::read_csv(data).unwrap(), t),
        Err(e) => assert!(
            e.position().line().is_some() || e.kind() == &ErrorKind::EmptyInput,
            "{e:?}"
        ),
    }
    match Reattribution::read_csv(data) {
        Ok(t) => assert_eq!(Reattribution::read_csv(data).unwrap(), t),
        Err(e) => assert!(
            e.position().line().is_some() || e.kind() == &ErrorKind::EmptyInput,
            "{e:?}"
        ),
    }
    match PriceIndex::read_csv(data) {
        Ok(t) => assert_eq!(PriceIndex::read_csv(data).unwrap(), t),
        Err(e) => assert!(
            e.position().line().is_some() || e.kind() == &ErrorKind::EmptyInput,
            "{e:?}"
        ),
    }
});
