//! Group totals built from their slots, in slot order (currency, then
//! rate date): each slot's sum added to its currency's and, when the
//! query converts, converted at its rates and added to the converted
//! total.

use std::collections::hash_map::Entry;
use std::sync::Arc;

use chrono::NaiveDate;

use super::hash::FastMap;
use super::slots::{Slot, slot_currency, slot_date};
use crate::error::{ErrorKind, Operation};
use crate::figure::FigureSum;
use crate::rates::Rate;
use crate::totals::GroupTotal;
use crate::totals::group_total::{Conversion, KeptParts};
use crate::{Currency, Error, Figure, RateRule, RateTable};

/// Conversion with the rates of each (currency, date) looked up once: a
/// million pledges make hundreds of thousands of parts but only a few
/// thousand rates.
pub(super) struct Converter<'a> {
    target: Currency,
    rule: RateRule,
    rates: &'a RateTable,
    /// The index in `used` of the rates of each (currency, date).
    cache: FastMap<(Currency, Option<NaiveDate>), u32>,
    used: Vec<(Rate, Rate)>,
    /// What converted totals take until the query's rates are all known
    /// (see [`Converter::shared`]): an empty list of rates.
    unshared: Arc<Conversion>,
}

impl<'a> Converter<'a> {
    pub(super) fn new(target: Currency, rule: RateRule, rates: &'a RateTable) -> Converter<'a> {
        Converter {
            target,
            rule,
            rates,
            cache: FastMap::default(),
            used: Vec::new(),
            unshared: Arc::new(Conversion::new(target, rule, Box::new([]))),
        }
    }

    /// The figure converted, and the index of the rates used (`None` for
    /// a figure already in the target currency).
    fn convert(
        &mut self,
        figure: &Figure,
        date: Option<NaiveDate>,
    ) -> Result<(Figure, Option<u32>), Error> {
        let currency = figure.currency();
        if currency == self.target {
            return Ok((*figure, None));
        }
        let index = match self.cache.entry((currency, date)) {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(e) => {
                let rates = self
                    .rates
                    .rates_for(currency, self.target, self.rule, date)?;
                let index = u32::try_from(self.used.len()).map_err(|_| ErrorKind::Overflow {
                    operation: Operation::Conversion,
                })?;
                self.used.push(rates);
                *e.insert(index)
            }
        };
        let (from, to) = self.used[index as usize];
        // As `RateTable::convert` does it: x ÷ from × to.
        let converted = figure.convert(self.target, to.units_per_eur(), from.units_per_eur())?;
        Ok((converted, Some(index)))
    }

    /// Every rate the totals took, to share among them once all are
    /// converted.
    pub(super) fn shared(self) -> Arc<Conversion> {
        Arc::new(Conversion::new(
            self.target,
            self.rule,
            self.used.into_boxed_slice(),
        ))
    }
}

/// One group's total from its slots, in slot order; converted totals
/// take the rates of `converter` until the query's are known.
///
/// # Errors
///
/// A sum that does not fit, or a conversion that cannot be made.
pub(super) fn group_total(
    slots: &[(Slot, FigureSum)],
    pieces: usize,
    converter: Option<&mut Converter<'_>>,
) -> Result<GroupTotal, Error> {
    // Slots sort by currency within a group: one sum per run.
    let mut stated: Vec<(Currency, FigureSum)> = Vec::new();
    for (slot, sum) in slots {
        let currency = slot_currency(*slot)?;
        match stated.last_mut() {
            Some((c, total)) if *c == currency => total.merge(sum)?,
            _ => stated.push((currency, *sum)),
        }
    }
    let converted = match converter {
        Some(converter) => {
            let mut parts = KeptParts::default();
            let mut total = FigureSum::new(converter.target);
            for (slot, sum) in slots {
                let original = sum.figure()?;
                let (figure, rates) = converter.convert(&original, slot_date(*slot))?;
                total.add(&figure)?;
                parts.push(converter.target, (original, figure, rates));
            }
            Some((
                Arc::clone(&converter.unshared),
                total.converted_figure()?,
                parts,
            ))
        }
        None => None,
    };
    let stated = stated
        .into_iter()
        .map(|(c, s)| Ok((c, s.figure()?)))
        .collect::<Result<_, Error>>()?;
    Ok(GroupTotal::new(pieces, stated, converted))
}
