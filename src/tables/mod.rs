//! Tables of data by donor and year that ratios and targets need: GDP and
//! defence spending.

mod gdp;

pub use gdp::{GdpTable, SpendingPart, SpendingTable};
