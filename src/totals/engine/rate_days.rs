//! Which day's rate each pledge takes, looked up once per currency and day.

use chrono::{Datelike, NaiveDate};

use crate::rates::Quote;
use crate::{Currency, Error, RateTable};

/// The longest run of days cached per currency (about 180 years); dates
/// beyond it are looked up each time.
const MAX_SPAN: usize = 1 << 16;

/// The quote day for each day seen, per currency, in arrays indexed by day:
/// a million pledges ask for a few thousand (currency, day) pairs, a
/// million times, and a hash map lookup per pledge showed in profiles.
#[derive(Debug, Default)]
pub(super) struct RateDays {
    currencies: Vec<(Currency, Days)>,
}

#[derive(Debug, Default)]
struct Days {
    /// The day number of `quote_days[0]`.
    first: i32,
    /// Per day from `first`: the quote's day number, or `UNKNOWN`.
    quote_days: Vec<i32>,
}

const UNKNOWN: i32 = i32::MIN;

impl Days {
    /// The cache entry for day number `n`, the array grown to hold it;
    /// `None` if that would pass `MAX_SPAN`.
    fn entry(&mut self, n: i32) -> Option<&mut i32> {
        if self.quote_days.is_empty() {
            self.first = n;
        }
        let offset = i64::from(n) - i64::from(self.first);
        if offset < 0 {
            let grow = usize::try_from(-offset).ok()?;
            if grow + self.quote_days.len() > MAX_SPAN {
                return None;
            }
            self.quote_days
                .splice(0..0, std::iter::repeat_n(UNKNOWN, grow));
            self.first = n;
            return self.quote_days.first_mut();
        }
        let at = usize::try_from(offset).ok()?;
        if at >= self.quote_days.len() {
            if at >= MAX_SPAN {
                return None;
            }
            self.quote_days.resize(at + 1, UNKNOWN);
        }
        self.quote_days.get_mut(at)
    }
}

impl RateDays {
    /// The day of the quote that `rates` gives for `currency` on `date`
    /// (the day itself, or the latest earlier one within the window).
    pub(super) fn quote_day(
        &mut self,
        rates: &RateTable,
        currency: Currency,
        date: NaiveDate,
    ) -> Result<NaiveDate, Error> {
        let lookup = || -> Result<NaiveDate, Error> {
            Ok(match rates.rate_on(currency, date)?.quote() {
                Quote::Day(day) => day,
                _ => date,
            })
        };
        let days = match self.currencies.iter_mut().find(|(c, _)| *c == currency) {
            Some((_, days)) => days,
            None => {
                self.currencies.push((currency, Days::default()));
                match self.currencies.last_mut() {
                    Some((_, days)) => days,
                    None => return lookup(),
                }
            }
        };
        let n = date.num_days_from_ce();
        let Some(slot) = days.entry(n) else {
            return lookup();
        };
        if *slot != UNKNOWN {
            if let Some(day) = NaiveDate::from_num_days_from_ce_opt(*slot) {
                return Ok(day);
            }
        }
        let day = lookup()?;
        *slot = day.num_days_from_ce();
        Ok(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use rust_decimal::Decimal;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekends_take_fridays_quote_and_misses_are_errors() {
        let mut rates = RateTable::new();
        rates
            .insert(d(2025, 3, 14), Currency::USD, Decimal::new(109, 2))
            .unwrap();
        rates
            .insert(d(2025, 3, 17), Currency::USD, Decimal::new(108, 2))
            .unwrap();
        let mut days = RateDays::default();
        // Asked in any order, before and after the first day cached.
        for (asked, quote) in [
            (d(2025, 3, 16), d(2025, 3, 14)),
            (d(2025, 3, 14), d(2025, 3, 14)),
            (d(2025, 3, 18), d(2025, 3, 17)),
            (d(2025, 3, 15), d(2025, 3, 14)),
            (d(2025, 3, 16), d(2025, 3, 14)),
        ] {
            assert_eq!(days.quote_day(&rates, Currency::USD, asked).unwrap(), quote);
        }
        assert!(matches!(
            days.quote_day(&rates, Currency::USD, d(2025, 3, 1))
                .as_ref()
                .map_err(Error::kind),
            Err(ErrorKind::MissingRate { .. })
        ));
        assert!(matches!(
            days.quote_day(&rates, Currency::GBP, d(2025, 3, 16))
                .as_ref()
                .map_err(Error::kind),
            Err(ErrorKind::MissingRate { .. })
        ));
        // Far apart dates are looked up without growing the cache past
        // its limit.
        let far = d(2300, 1, 1);
        assert!(days.quote_day(&rates, Currency::USD, far).is_err());
        assert_eq!(
            days.quote_day(&rates, Currency::USD, d(2025, 3, 16))
                .unwrap(),
            d(2025, 3, 14)
        );
    }
}
