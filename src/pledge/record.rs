//! The one flat shape of a pledge that files, JSON and the totals engine
//! share: every field a pledge has but its sources, borrowed. A row of a
//! file becomes a `Record` without allocating; a [`Pledge`] lends one; and
//! [`Record::build`] is the one place a record becomes a pledge, checked
//! as [`PledgeBuilder::build`](super::PledgeBuilder::build) checks one.

use chrono::NaiveDate;

use super::{Category, Instrument, Pledge, Stage};
use crate::{Donor, Error, Figure, Period, Source};

#[derive(Debug, Clone, Copy)]
pub(crate) struct Record<'a> {
    pub(crate) id: Option<&'a str>,
    pub(crate) donor: Donor,
    pub(crate) recipient: Donor,
    pub(crate) figure: Figure,
    pub(crate) announced: Option<NaiveDate>,
    pub(crate) funded: Option<Period>,
    pub(crate) delivered: Option<Period>,
    pub(crate) category: Category,
    pub(crate) instrument: Instrument,
    pub(crate) stage: Stage,
}

impl<'a> From<&'a Pledge> for Record<'a> {
    fn from(p: &'a Pledge) -> Record<'a> {
        Record {
            id: p.id(),
            donor: p.donor(),
            recipient: p.recipient(),
            figure: *p.figure(),
            announced: p.announced(),
            funded: p.funded(),
            delivered: p.delivered(),
            category: p.category(),
            instrument: p.instrument(),
            stage: p.stage(),
        }
    }
}

impl Record<'_> {
    /// The pledge this record and `sources` describe.
    ///
    /// # Errors
    ///
    /// As [`PledgeBuilder::build`](super::PledgeBuilder::build).
    pub(crate) fn build(&self, sources: Vec<Source>) -> Result<Pledge, Error> {
        let mut b = Pledge::builder(self.donor, self.recipient, self.figure)
            .category(self.category)
            .instrument(self.instrument)
            .stage(self.stage);
        if let Some(id) = self.id {
            b = b.id(id);
        }
        if let Some(d) = self.announced {
            b = b.announced(d);
        }
        if let Some(p) = self.funded {
            b = b.funded(p);
        }
        if let Some(p) = self.delivered {
            b = b.delivered(p);
        }
        for source in sources {
            b = b.source(source);
        }
        b.build()
    }
}
