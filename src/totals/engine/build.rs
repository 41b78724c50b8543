//! Group totals built from their slots, in slot order (currency, then
//! rate date): each slot's sum added to its currency's and, when the
//! query converts, converted at its rates and added to the converted
//! total.

use std::collections::hash_map::Entry;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::slots::{Slot, SlotSum, slot_currency, slot_date};
use crate::error::{ErrorKind, Operation};
use crate::figure::{ConvertedSum, FigureSum};
use crate::hash::FastMap;
use crate::rates::Rate;
use crate::totals::GroupTotal;
use crate::totals::group_total::{Conversion, KeptParts};
use crate::{Currency, Error, RateRule, RateTable};

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

    /// The rates that convert a slot's sum, looked up in slot order (the
    /// order in which the totals' rates are numbered): their number and the
    /// two rates' units per euro; `None` for a slot already in the target
    /// currency.
    pub(super) fn resolve(&mut self, slot: Slot) -> Resolved {
        let currency = slot_currency(slot)?;
        if currency == self.target {
            return Ok(None);
        }
        let date = slot_date(slot);
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
        let (mul, div) = crate::rates::cross(&from, &to)?;
        Ok(Some((index, mul, div)))
    }

    /// What converting takes on any thread, the rates once looked up.
    pub(super) fn to_target(&self) -> ToTarget {
        ToTarget {
            target: self.target,
            unshared: Arc::clone(&self.unshared),
        }
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

/// A total of `slots` made here, converted by `converter` if any, each
/// slot's rates looked up in turn: for the totals not made in jobs.
///
/// # Errors
///
/// As [`group_total`].
pub(super) fn total_here(
    slots: Vec<(Slot, FigureSum)>,
    pieces: usize,
    converter: Option<&mut Converter<'_>>,
) -> Result<GroupTotal, Error> {
    let slots: Vec<(Slot, SlotSum)> = slots
        .into_iter()
        .map(|(slot, sum)| (slot, SlotSum::Whole(Box::new(sum))))
        .collect();
    let slots = slots.as_slice();
    let Some(converter) = converter else {
        return group_total(slots, pieces, None);
    };
    let rates: Vec<Resolved> = slots
        .iter()
        .map(|(slot, _)| converter.resolve(*slot))
        .collect();
    group_total(slots, pieces, Some((&converter.to_target(), &rates)))
}

/// The rates of one slot's conversion (see [`Converter::resolve`]), or
/// why there are none.
pub(super) type Resolved = Result<Option<(u32, Decimal, Decimal)>, Error>;

/// What a group's total needs to be converted on any thread.
pub(super) struct ToTarget {
    target: Currency,
    /// What converted totals take until the query's rates are all known
    /// (see [`Converter::shared`]).
    unshared: Arc<Conversion>,
}

/// One group's total from its slots, in slot order; when converted, with
/// each slot's rates (`rates`, as many as the slots), taking
/// `to_target`'s rates until the query's are known.
///
/// # Errors
///
/// A sum that does not fit, or a conversion that cannot be made: the
/// first met going through the slots, as if each slot's rates were looked
/// up only when it is converted.
pub(super) fn group_total(
    slots: &[(Slot, SlotSum)],
    pieces: usize,
    conversion: Option<(&ToTarget, &[Resolved])>,
) -> Result<GroupTotal, Error> {
    // Slots sort by currency within a group: one sum per run.
    let mut stated: Vec<(Currency, FigureSum)> = Vec::new();
    for (slot, sum) in slots {
        let currency = slot_currency(*slot)?;
        match stated.last_mut() {
            Some((c, total)) if *c == currency => total.merge(&sum.whole(currency))?,
            _ => stated.push((currency, sum.whole(currency))),
        }
    }
    let converted = match conversion {
        // Every slot has its rates (or why it has none).
        Some((_, rates)) if rates.len() != slots.len() => {
            return Err(ErrorKind::Overflow {
                operation: Operation::Conversion,
            }
            .into());
        }
        Some((to, rates)) => {
            let mut parts = KeptParts::default();
            let mut total = ConvertedSum::new(to.target);
            for ((slot, sum), resolved) in slots.iter().zip(rates) {
                let original = sum.figure(slot_currency(*slot)?)?;
                let (figure, rates) = match resolved.clone()? {
                    // As `RateTable::convert` does it: x ÷ from × to.
                    Some((index, to_units, from_units)) => (
                        original.convert(to.target, to_units, from_units)?,
                        Some(index),
                    ),
                    None => (original, None),
                };
                total.add(&original, &figure)?;
                parts.push(to.target, (original, figure, rates));
            }
            Some((Arc::clone(&to.unshared), total.figure()?, parts))
        }
        None => None,
    };
    let stated = stated
        .into_iter()
        .map(|(c, s)| Ok((c, s.figure()?)))
        .collect::<Result<_, Error>>()?;
    Ok(GroupTotal::new(pieces, stated, converted))
}
