//! The integration tests: the public API as a user sees it, in one test crate (one build).

mod api;
mod bad_input;
#[allow(dead_code)] // each test file uses part of it
mod common;
mod csv_reading;
mod data_files;
mod donor_groups;
mod examples;
mod figure_props;
mod fuzz_regressions;
#[cfg(feature = "serde")]
mod interchange_props;
mod membership_props;
mod money_props;
mod parsers_never_panic;
mod paths;
mod period_props;
mod ranking_props;
mod reattribution;
#[cfg(feature = "serde")]
mod serde_round_trip;
mod soundness;
mod spread_alike;
mod stages;
mod stages_props;
mod tables;
mod tables_props;
mod tables_rates;
#[cfg(feature = "serde")]
mod tables_serde;
mod targets;
mod threads;
mod totals_hand;
mod totals_props;
