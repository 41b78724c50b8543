//! Every syntax the crate reads and writes, one parser per grammar.

mod amount;
mod figure;
pub(crate) mod number;
mod period;
mod plain;
pub(crate) mod source;

pub(crate) use amount::{Amount, Cursor, amount, shift};
pub(crate) use period::parse_date;
pub use plain::Plain;
