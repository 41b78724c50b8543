//! The ECB's euro foreign exchange reference rates, as published: the
//! history file `eurofxref-hist.csv` and the daily file `eurofxref.csv`.

use crate::error::ErrorKind;
use std::io;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Table;
use crate::fmt::number;
use crate::fmt::{long_date, parse_date};
use crate::rates::CurrencyQuotes;
use crate::{Currency, Error, RateTable};

/// Reads an ECB file into quotes; nothing is added to any table here.
fn read<R: io::Read>(
    reader: R,
    date: fn(&str) -> Result<NaiveDate, Error>,
    table_before: &RateTable,
) -> Result<(usize, Vec<CurrencyQuotes>), Error> {
    let mut table = Table::open(reader)?;
    // The first column is the date; then one currency per column. The
    // trailing comma gives a last column with no name, whose fields must
    // stay empty.
    let mut currencies: Vec<Option<Currency>> = Vec::with_capacity(table.names().len());
    for (i, name) in table.names().iter().enumerate() {
        if i == 0 {
            if !name.eq_ignore_ascii_case("date") {
                let missing = ErrorKind::MissingColumn { name: "Date" }.into();
                return Err(table.at(i, missing));
            }
            currencies.push(None);
        } else if name.is_empty() {
            currencies.push(None);
        } else {
            let currency = Currency::from_code(name).map_err(|e| table.at(i, e))?;
            if currencies.contains(&Some(currency)) {
                let twice = ErrorKind::DuplicateColumn { name: name.clone() }.into();
                return Err(table.at(i, twice));
            }
            currencies.push(Some(currency));
        }
    }
    // Each column's quotes apart, in the file's order of days.
    let mut quotes: Vec<Vec<(NaiveDate, Decimal)>> = vec![Vec::new(); currencies.len()];
    let mut n = 0;
    let mut previous: Option<NaiveDate> = None;
    let mut newest_first: Option<bool> = None;
    while table.next()? {
        let text = table.text(0)?.trim();
        let day = date(text).map_err(|e| table.at(0, e))?;
        if let Some(prev) = previous {
            let descending = day < prev;
            if day == prev || newest_first.is_some_and(|d| d != descending) {
                let order = ErrorKind::DatesOutOfOrder {
                    date: day,
                    previous: prev,
                };
                return Err(table.at(0, order.into()));
            }
            newest_first = Some(descending);
        }
        previous = Some(day);
        for (i, currency) in currencies.iter().enumerate().skip(1) {
            let value = table.text(i)?.trim();
            let Some(currency) = currency else {
                if value.is_empty() {
                    continue;
                }
                // A value under a column with no name would be lost.
                let unnamed = ErrorKind::UnknownColumn {
                    name: String::new(),
                };
                return Err(table.at(i, unnamed.into()));
            };
            if value == "N/A" {
                continue; // not quoted that day
            }
            let rate = number::parse(value).map_err(|e| table.at(i, e))?;
            if rate <= Decimal::ZERO {
                let rate = ErrorKind::NonPositiveRate {
                    currency: *currency,
                    date: day,
                    rate,
                };
                return Err(table.at(i, rate.into()));
            }
            // A second file may repeat a day's quote, never change it.
            if let Some(recorded) = table_before.recorded(*currency, day) {
                if recorded != rate {
                    let conflict = ErrorKind::ConflictingRate {
                        currency: *currency,
                        date: day,
                        recorded,
                        given: rate,
                    };
                    return Err(table.at(i, conflict.into()));
                }
            }
            if let Some(column) = quotes.get_mut(i) {
                column.push((day, rate));
                n += 1;
            }
        }
    }
    let by_currency = currencies
        .into_iter()
        .zip(quotes)
        .filter_map(|(currency, quotes)| Some((currency?, quotes)))
        .collect();
    Ok((n, by_currency))
}

impl RateTable {
    /// Reads the ECB's history file, `eurofxref-hist.csv`, exactly as
    /// published: a header `Date,USD,JPY,...,` with a trailing comma (an
    /// empty last field), one row per business day, newest first, `N/A`
    /// where a currency was not quoted (it then has no quote that day).
    /// Rows oldest first are accepted too; dates out of order or repeated
    /// are an error. All or nothing: on an error the table is unchanged.
    /// Returns the number of quotes read.
    ///
    /// ```
    /// use alliance_commitments::{Currency, RateTable};
    /// use chrono::NaiveDate;
    /// let file = "Date,USD,JPY,HRK,\n2025-11-28,1.1569,181.09,N/A,\n2025-11-27,1.1583,181.17,N/A,\n";
    /// let mut rates = RateTable::new();
    /// assert_eq!(rates.read_ecb_history(file.as_bytes())?, 4);
    /// let sat = NaiveDate::from_ymd_opt(2025, 11, 29).unwrap();
    /// assert_eq!(rates.rate_on(Currency::USD, sat)?.to_string(), "1.1569 USD per EUR (2025-11-28)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// In the header: [`ErrorKind::MissingColumn`] without a `Date` column first,
    /// [`ErrorKind::UnknownCurrency`] for a column that is not a currency code,
    /// [`ErrorKind::DuplicateColumn`] for a currency twice. In a record:
    /// [`ErrorKind::Syntax`] for a date or rate that cannot be read,
    /// [`ErrorKind::DatesOutOfOrder`] for dates neither newest nor oldest first,
    /// [`ErrorKind::NonPositiveRate`], [`ErrorKind::ConflictingRate`] for a quote
    /// that differs from one recorded, and [`ErrorKind::UnknownColumn`] for a value
    /// under a column with no name. Also [`ErrorKind::FieldCount`],
    /// [`ErrorKind::UnclosedQuote`], [`ErrorKind::TextAfterQuote`], [`ErrorKind::EmptyInput`],
    /// [`ErrorKind::InvalidUtf8`] and [`ErrorKind::Io`]
    /// from reading the file.
    pub fn read_ecb_history<R: io::Read>(&mut self, reader: R) -> Result<usize, Error> {
        let (n, quotes) = read(reader, parse_date, self)?;
        self.extend_checked(quotes);
        Ok(n)
    }

    /// Reads the ECB's daily file, `eurofxref.csv`, exactly as published:
    /// fields padded with a space and the date written `28 November 2025`.
    /// All or nothing, like [`RateTable::read_ecb_history`].
    ///
    /// ```
    /// use alliance_commitments::{Currency, RateTable};
    /// let file = "Date, USD, JPY, \n28 November 2025, 1.1569, 181.09, \n";
    /// let mut rates = RateTable::new();
    /// assert_eq!(rates.read_ecb_daily(file.as_bytes())?, 2);
    /// assert!(rates.currencies().any(|c| c == Currency::JPY));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`RateTable::read_ecb_history`].
    pub fn read_ecb_daily<R: io::Read>(&mut self, reader: R) -> Result<usize, Error> {
        let (n, quotes) = read(reader, long_date, self)?;
        self.extend_checked(quotes);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HISTORY: &str = "Date,USD,JPY,\n2025-11-28,1.1569,181.09,\n2025-11-27,1.1583,N/A,\n";

    #[test]
    fn a_second_file_may_repeat_a_quote_but_not_change_it() {
        let mut rates = RateTable::new();
        rates.read_ecb_history(HISTORY.as_bytes()).unwrap();
        // The same quotes again (as the daily file repeats the history's
        // last day): accepted, nothing changes.
        let daily = "Date, USD, JPY, \n28 November 2025, 1.15690, 181.09, \n";
        assert_eq!(rates.read_ecb_daily(daily.as_bytes()).unwrap(), 2);
        assert_eq!(rates.len(), 3);
        // The quote keeps its first writing.
        let day = NaiveDate::from_ymd_opt(2025, 11, 28).unwrap();
        let usd = rates.recorded(Currency::USD, day).unwrap();
        assert_eq!(usd.to_string(), "1.1569");
        // A different quote for a recorded day: an error at its field.
        let changed = "Date,USD,\n2025-11-27,1.16,\n";
        let err = rates.read_ecb_history(changed.as_bytes()).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::ConflictingRate { .. }));
        assert_eq!(
            (err.position().line(), err.position().column()),
            (Some(2), Some(2))
        );
        assert_eq!(rates.len(), 3);
    }

    #[test]
    fn a_eur_column_must_say_one() {
        let ones = "Date,EUR,USD,\n2025-11-28,1.0000,1.1569,\n";
        let mut rates = RateTable::new();
        rates.read_ecb_history(ones.as_bytes()).unwrap();
        assert_eq!(rates.len(), 1);
        let other = "Date,USD,EUR,\n2025-11-27,1.1583,1.01,\n";
        let err = rates.read_ecb_history(other.as_bytes()).unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::ConflictingRate {
                currency: Currency::EUR,
                ..
            }
        ));
        assert_eq!(
            (err.position().line(), err.position().column()),
            (Some(2), Some(3))
        );
        assert_eq!(rates.len(), 1);
    }

    #[test]
    fn a_value_under_a_column_with_no_name_is_an_error() {
        let file = "Date,USD,\n2025-11-28,1.1569,7\n";
        let err = RateTable::new()
            .read_ecb_history(file.as_bytes())
            .unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::UnknownColumn {
                name: String::new()
            }
        );
        assert_eq!(
            (err.position().line(), err.position().column()),
            (Some(2), Some(3))
        );
    }

    #[test]
    fn rates_are_plain_numbers() {
        for bad in ["1_25", "+1.25", ".5", "5.", "\"1,25\"", "1e2"] {
            let file = format!("Date,USD,\n2025-11-28,{bad},\n");
            let err = RateTable::new()
                .read_ecb_history(file.as_bytes())
                .unwrap_err();
            assert!(
                matches!(err.kind(), ErrorKind::Syntax { .. }),
                "{bad}: {err}"
            );
            assert_eq!(err.position().column(), Some(2), "{bad}");
        }
    }
}
