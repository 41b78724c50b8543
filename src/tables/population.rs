//! Population by donor and year, and amounts per person.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::error::{ErrorKind, Operation};
use crate::exact;
use crate::totals::GroupValue;
use crate::{Donor, Error, Figure, Totals};

/// Population by donor and calendar year: a positive number, in whatever
/// unit the caller's source uses (persons, or millions of persons — then
/// a ratio is per million).
///
/// ```
/// use alliance_commitments::{Country, Figure};
/// use alliance_commitments::tables::PopulationTable;
/// use rust_decimal::dec;
/// let csv = "donor,year,population\nDK,2024,6000000\nEE,2024,1374687\n"; // illustrative
/// let people = PopulationTable::read_csv(csv.as_bytes())?;
/// assert_eq!(people.get(&Country::DK.into(), 2024), Some(dec!(6000000)));
/// // €9bn ÷ 6,000,000 people = exactly €1,500 a head.
/// let each = people.per_capita(&Country::DK.into(), 2024, &"€9bn".parse()?)?;
/// assert_eq!(each.to_string(), "€1,500");
/// // €1bn ÷ 1,374,687 does not terminate: a sound interval at full
/// // precision, never a rounded point; rounded (outward) only when shown.
/// let ee = people.per_capita(&Country::EE.into(), 2024, &"€1bn".parse()?)?;
/// assert!(!ee.is_exact());
/// assert_eq!(ee.round().to_string(), "between €727.43 and €727.44");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PopulationTable {
    values: BTreeMap<(Donor, i32), Decimal>,
}

fn check(population: Decimal) -> Result<(), Error> {
    if population <= Decimal::ZERO {
        return Err(ErrorKind::InvalidAmount {
            what: "population",
            rule: "positive",
            amount: population,
        }
        .into());
    }
    Ok(())
}

/// `figure ÷ divisor` (a positive divisor), bound by bound, each end
/// outward at full precision: a point only when the quotient is exact.
pub(crate) fn divide(figure: &Figure, divisor: Decimal) -> Result<Figure, Error> {
    figure.map_outward(|x| exact::div(x, divisor, Operation::Division), None)
}

impl PopulationTable {
    /// An empty table.
    pub fn new() -> PopulationTable {
        PopulationTable::default()
    }

    /// Records a donor's population for a year (replacing any earlier
    /// value).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidAmount`] for a population that is not positive.
    pub fn insert(&mut self, donor: Donor, year: i32, population: Decimal) -> Result<(), Error> {
        check(population)?;
        self.values.insert((donor, year), population);
        Ok(())
    }

    /// A donor's population for a year, as recorded.
    pub fn get(&self, donor: &Donor, year: i32) -> Option<Decimal> {
        self.values.get(&(*donor, year)).copied()
    }

    /// Every entry, by donor then year.
    pub fn iter(&self) -> impl Iterator<Item = (Donor, i32, Decimal)> + '_ {
        self.values.iter().map(|((d, y), p)| (*d, *y, *p))
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Reads a table from CSV with the header `donor,year,population`
    /// (columns in any order, no others): donors as identifiers (`DE`,
    /// `EU`), years as 1 to 4 digits, populations as plain positive numbers
    /// (`83200000`, `83.2`).
    ///
    /// # Errors
    ///
    /// An error naming the line, column and field for an unknown donor, a
    /// bad year or number, a population that is not positive, a donor and
    /// year given twice ([`ErrorKind::DuplicateRow`]), and for a missing,
    /// unknown or repeated column. The file is read as pledge files are:
    /// [`ErrorKind::FieldCount`], [`ErrorKind::UnclosedQuote`],
    /// [`ErrorKind::TextAfterQuote`], [`ErrorKind::InvalidUtf8`],
    /// [`ErrorKind::EmptyInput`] and [`ErrorKind::Io`] too.
    pub fn read_csv<R: std::io::Read>(reader: R) -> Result<PopulationTable, Error> {
        let values = super::csv::read(
            reader,
            ["donor", "year", "population"],
            |s| s.parse::<Donor>(),
            check,
        )?;
        Ok(PopulationTable { values })
    }

    fn population(&self, donor: &Donor, year: i32) -> Result<Decimal, Error> {
        self.get(donor, year).ok_or_else(|| {
            ErrorKind::MissingData {
                what: "population",
                donor: *donor,
                year,
            }
            .into()
        })
    }

    /// `figure` per person of `donor` in `year`: each bound divided by the
    /// population at full precision, outward, so the result contains the
    /// true quotient; exact (a point) only when the quotient is exact. Round
    /// it for display with [`Figure::round`]. A group total's figure is
    /// [`GroupTotal::figure`](crate::totals::GroupTotal::figure).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingData`] when the table has no population for the
    /// donor and year; [`ErrorKind::Overflow`] when a quotient does not fit.
    pub fn per_capita(&self, donor: &Donor, year: i32, figure: &Figure) -> Result<Figure, Error> {
        divide(figure, self.population(donor, year)?)
    }

    /// Per capita for each group of totals grouped by donor (the key
    /// [`Key::Donor`](crate::Key::Donor) alone), with the population of
    /// `year`: each donor's total (converted when the query converted)
    /// and its amount per person.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Grouping`] for totals not grouped by donor alone, and
    /// the errors of [`PopulationTable::per_capita`].
    pub fn per_capita_by_donor(
        &self,
        totals: &Totals,
        year: i32,
    ) -> Result<Vec<(Donor, Figure, Figure)>, Error> {
        totals
            .groups()
            .map(|(key, total)| {
                let [GroupValue::Donor(donor)] = key.values() else {
                    return Err(ErrorKind::Grouping {
                        needed: "by donor alone",
                    }
                    .into());
                };
                let figure = total.figure()?;
                let each = self.per_capita(donor, year, &figure)?;
                Ok((*donor, figure, each))
            })
            .collect()
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    donor: Donor,
    year: i32,
    #[serde(with = "crate::serde_impls::decimal")]
    population: Decimal,
}

#[cfg(feature = "serde")]
impl serde::Serialize for PopulationTable {
    /// A list of rows: `[{"donor": "DK", "year": 2024, "population": "6000000"}]`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(|(donor, year, population)| Row {
            donor,
            year,
            population,
        }))
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for PopulationTable {
    /// Rows as written by `Serialize`; each checked as
    /// [`PopulationTable::insert`] does, a donor and year given twice refused.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let rows = Vec::<Row>::deserialize(d)?;
        let mut t = PopulationTable::new();
        for r in rows {
            if t.get(&r.donor, r.year).is_some() {
                return Err(D::Error::custom(format!(
                    "donor {} and year {} given twice",
                    r.donor.id(),
                    r.year
                )));
            }
            t.insert(r.donor, r.year, r.population)
                .map_err(D::Error::custom)?;
        }
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Country;
    use rust_decimal::dec;

    #[test]
    fn per_capita_is_exact_only_when_the_quotient_is() {
        let mut t = PopulationTable::new();
        t.insert(Country::LT.into(), 2024, dec!(3)).unwrap();
        let lt = Donor::from(Country::LT);
        // €10 ÷ 3 = 3.333…: between the nearest 28-digit decimals.
        let f = t.per_capita(&lt, 2024, &"€10".parse().unwrap()).unwrap();
        assert_eq!(
            (f.lower(), f.upper()),
            (
                std::ops::Bound::Included(dec!(3.3333333333333333333333333333)),
                std::ops::Bound::Included(dec!(3.3333333333333333333333333334))
            )
        );
        assert!(!f.is_exact());
        // "over €9" ÷ 3 = "over €3", exactly.
        let g = t
            .per_capita(&lt, 2024, &"over €9".parse().unwrap())
            .unwrap();
        assert_eq!(g.to_string(), "over €3");
        assert!(t.per_capita(&lt, 2023, &"€1".parse().unwrap()).is_err());
        assert!(t.insert(lt, 2024, dec!(0)).is_err());
    }

    #[test]
    fn csv_errors_name_the_place() {
        let bad = "donor,year,population\nDK,2024,6000000\nDK,2024,6000001\n";
        let e = PopulationTable::read_csv(bad.as_bytes()).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::DuplicateRow { .. }), "{e}");
        assert_eq!(e.position().line(), Some(3));
        let bad = "donor,year,population\nDK,2024,-5\n";
        let e = PopulationTable::read_csv(bad.as_bytes()).unwrap_err();
        assert_eq!(
            (e.position().line(), e.position().column()),
            (Some(2), Some(3))
        );
        for bad in [
            "donor,year\nDK,2024\n",
            "donor,year,population,x\n",
            "donor,year,year\n",
            "donor,year,population\nDK,+2024,1\n",
            "donor,year,population\nXX,2024,1\n",
            "donor,year,population\nDK,2024,1_000\n",
            "donor,year,population\nDK,2024\n",
            "",
        ] {
            assert!(PopulationTable::read_csv(bad.as_bytes()).is_err(), "{bad}");
        }
        let ok = "population,donor,year\r\n6000000,DK,2024\r\n";
        assert_eq!(PopulationTable::read_csv(ok.as_bytes()).unwrap().len(), 1);
    }
}
