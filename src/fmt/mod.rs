//! Every syntax the crate reads and writes, one parser per grammar.
//!
//! (Being assembled: see the table below once complete.)

pub(crate) mod number;
