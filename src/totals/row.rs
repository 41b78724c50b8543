//! What totals need of a pledge, borrowed: from a [`Pledge`] in memory, or
//! straight from a CSV row without building one.

use chrono::NaiveDate;

use crate::{Category, Donor, Figure, Instrument, Period, Pledge, Stage};

/// The attributes of one pledge that totals filter, group, spread and
/// convert by. The id is kept only to look up a spreading schedule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row<'a> {
    pub(crate) id: Option<&'a str>,
    pub(crate) donor: Donor,
    pub(crate) recipient: Donor,
    pub(crate) figure: Figure,
    pub(crate) announced: Option<NaiveDate>,
    pub(crate) period: Option<Period>,
    pub(crate) category: Category,
    pub(crate) instrument: Instrument,
    pub(crate) stage: Stage,
}

impl<'a> From<&'a Pledge> for Row<'a> {
    fn from(p: &'a Pledge) -> Row<'a> {
        Row {
            id: p.id(),
            donor: p.donor(),
            recipient: p.recipient(),
            figure: *p.figure(),
            announced: p.announced(),
            period: p.period(),
            category: p.category(),
            instrument: p.instrument(),
            stage: p.stage(),
        }
    }
}
