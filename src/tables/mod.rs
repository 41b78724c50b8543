//! Tables of data by donor (or area) and year that ratios and targets
//! need: GDP, defence spending, population and price indices.

mod csv;
mod gdp;
mod population;
mod prices;

pub use gdp::{GdpTable, SpendingPart, SpendingTable};
pub use population::PopulationTable;
pub use prices::{ConstantPrices, PriceArea, PriceIndex};
