//! Institutions' amounts shared out to their members by a key: totals
//! "including the share of institutions" beside bilateral totals.
//!
//! A [`ReattributionKey`] gives each member's share of one institution
//! (the EU budget key for the EU institutions, the capital key for the
//! EIB), validated: every share in [0, 1], the shares adding up to exactly
//! 1, the key's source recorded. A [`Reattribution`] holds one key per
//! institution and applies them to totals grouped by donor: each
//! institution's total is shared out to whole minor units by the largest
//! remainder, so its parts add up exactly to it, and the institution then
//! has no row of its own — nothing is counted twice.
//!
//! ```
//! use alliance_commitments::{Country, Donor, Institution, Key, Pledge, Pledges, Query};
//! use alliance_commitments::reattribution::{Reattribution, ReattributionKey};
//! use rust_decimal::dec;
//!
//! let eu = Donor::from(Institution::EuInstitutions);
//! let (de, fr) = (Donor::from(Country::DE), Donor::from(Country::FR));
//! let mut pledges = Pledges::new();
//! for (d, f) in [(eu, "€10m"), (de, "€7m"), (fr, "€2m")] {
//!     pledges.add(Pledge::builder(d, Country::UA, f.parse()?).build()?)?;
//! }
//! let key = ReattributionKey::new(eu, [(de, dec!(0.6)), (fr, dec!(0.4))], "illustrative budget key")?;
//! let shared = Reattribution::new().with_key(key)?.apply(&pledges.totals(&Query::new().by(Key::Donor))?)?;
//! let rows: Vec<String> = shared.rows().iter()
//!     .map(|r| format!("{}: {} + {} = {}", r.donor().id(), r.bilateral(), r.institutions(), r.including()))
//!     .collect();
//! assert_eq!(rows, ["DE: €7m + €6m = €13m", "FR: €2m + €4m = €6m"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rust_decimal::Decimal;

use crate::error::{ErrorKind, Operation};
use crate::exact;
use crate::totals::GroupValue;
use crate::{Donor, Error, Figure, Totals};

/// Each member's share of one institution, with the key's source.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ReattributionKey {
    institution: Donor,
    shares: Vec<(Donor, Decimal)>,
    source: String,
}

impl ReattributionKey {
    /// A key for `institution`: `(member, share)` pairs, each share in
    /// [0, 1], adding up to exactly 1; `source` says where the key comes
    /// from ("EU budget contributions 2023", say).
    ///
    /// ```
    /// use alliance_commitments::{Country, Donor, Institution};
    /// use alliance_commitments::reattribution::ReattributionKey;
    /// use rust_decimal::dec;
    /// let eib = Donor::from(Institution::EuropeanInvestmentBank);
    /// let (de, fr) = (Country::DE.into(), Country::FR.into());
    /// assert!(ReattributionKey::new(eib, [(de, dec!(0.5)), (fr, dec!(0.5))], "capital").is_ok());
    /// // 0.5 + 0.4999 is not 1: refused, never scaled to fit.
    /// assert!(ReattributionKey::new(eib, [(de, dec!(0.5)), (fr, dec!(0.4999))], "capital").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidAmount`] for a share outside [0, 1];
    /// [`ErrorKind::InvalidKey`] for shares that do not add up to exactly
    /// 1, a member given twice, no member, or the institution among its
    /// own members; [`ErrorKind::EmptyField`] for an empty source.
    pub fn new(
        institution: Donor,
        shares: impl IntoIterator<Item = (Donor, Decimal)>,
        source: impl Into<String>,
    ) -> Result<ReattributionKey, Error> {
        let source = source.into();
        check_source(&source)?;
        let mut shares: Vec<(Donor, Decimal)> = shares.into_iter().collect();
        let mut sum = Decimal::ZERO;
        for (i, (member, share)) in shares.iter().enumerate() {
            check_share(*share)?;
            check_member(institution, *member, &shares[..i])?;
            sum = exact::checked_add(sum, *share, Operation::Sharing)?;
        }
        let invalid = |reason| -> Error {
            ErrorKind::InvalidKey {
                institution,
                reason,
            }
            .into()
        };
        if shares.is_empty() {
            return Err(invalid("no member"));
        }
        if sum != Decimal::ONE {
            return Err(invalid("the shares do not add up to exactly 1"));
        }
        shares.sort_by_key(|(m, _)| *m);
        Ok(ReattributionKey {
            institution,
            shares,
            source,
        })
    }

    /// The institution.
    pub fn institution(&self) -> Donor {
        self.institution
    }

    /// The members and their shares, in donor order.
    pub fn shares(&self) -> impl ExactSizeIterator<Item = (Donor, Decimal)> + '_ {
        self.shares.iter().copied()
    }

    /// A member's share, if it is one.
    pub fn share(&self, member: &Donor) -> Option<Decimal> {
        self.shares
            .binary_search_by_key(member, |(m, _)| *m)
            .ok()
            .map(|i| self.shares[i].1)
    }

    /// Where the key comes from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The shares as whole numbers in the same proportions (over their
    /// finest scale, reduced by their common divisor).
    fn weights(&self) -> Result<Vec<u128>, Error> {
        let overflow = || -> Error {
            ErrorKind::Overflow {
                operation: Operation::Sharing,
            }
            .into()
        };
        let scale = self
            .shares
            .iter()
            .map(|(_, s)| s.scale())
            .max()
            .unwrap_or(0);
        let mut weights = Vec::with_capacity(self.shares.len());
        for (_, s) in &self.shares {
            weights.push(exact::units(*s, scale).ok_or_else(overflow)?);
        }
        let g = weights.iter().fold(0u128, |a, w| gcd(a, *w));
        if g > 1 {
            for w in &mut weights {
                *w /= g;
            }
        }
        Ok(weights)
    }

    /// `figure` shared out to the members. An exact amount is split to
    /// whole minor units of its currency by the largest remainder (ties to
    /// the earlier member in donor order; digits below the minor unit go to
    /// the first member with a share), so the parts add up exactly to it. A
    /// qualified figure's part is the member's share of every amount it
    /// allows, rounded outward to the minor unit, so each part holds its
    /// share and together they hold the whole (a little more, by the
    /// rounding).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Overflow`] when a share's digits times the amount in
    /// minor units do not fit in 128 bits.
    pub fn split(&self, figure: &Figure) -> Result<Vec<(Donor, Figure)>, Error> {
        let parts = figure.split_by(&self.weights()?, figure.currency().minor_units())?;
        Ok(self.shares.iter().map(|(m, _)| *m).zip(parts).collect())
    }

    /// [`ReattributionKey::split`] of an exact amount known only to lie
    /// between the bounds of `figure` (a converted total whose quotients
    /// do not end): where both bounds have the same whole minor units, they
    /// split into the same whole minor units, the digits below going to the
    /// first member, so every amount between them splits between their
    /// parts; each part is exact but the first's, "between" two neighbours.
    /// `None` where the bounds' whole minor units differ, or for a figure
    /// that is neither exact nor "between".
    fn split_within(&self, figure: &Figure) -> Result<Option<Vec<(Donor, Figure)>>, Error> {
        let minor = figure.currency().minor_units();
        let Some((lo, hi)) = figure.bounds_of_range() else {
            return Ok(None);
        };
        if lo.trunc_with_scale(minor) != hi.trunc_with_scale(minor) {
            return Ok(None);
        }
        let weights = self.weights()?;
        let (low, high) = (
            crate::spread::allocate(lo, &weights, minor)?,
            crate::spread::allocate(hi, &weights, minor)?,
        );
        let currency = figure.currency();
        Ok(Some(
            self.shares
                .iter()
                .zip(low.into_iter().zip(high))
                .map(|((m, _), (a, b))| (*m, Figure::within(currency, a, b)))
                .collect(),
        ))
    }
}

/// A key's source must say something.
fn check_source(source: &str) -> Result<(), Error> {
    if source.trim().is_empty() {
        return Err(ErrorKind::EmptyField {
            field: "key source",
        }
        .into());
    }
    Ok(())
}

/// A member's share of a key: in [0, 1].
fn check_share(share: Decimal) -> Result<(), Error> {
    if share < Decimal::ZERO || share > Decimal::ONE {
        return Err(ErrorKind::InvalidAmount {
            what: "a key's share",
            rule: "between 0 and 1",
            amount: share,
        }
        .into());
    }
    Ok(())
}

/// A member of `institution`'s key, beside the members `before` it: not
/// the institution, not given before.
fn check_member(
    institution: Donor,
    member: Donor,
    before: &[(Donor, Decimal)],
) -> Result<(), Error> {
    let invalid = |reason| -> Error {
        ErrorKind::InvalidKey {
            institution,
            reason,
        }
        .into()
    };
    if member == institution {
        return Err(invalid("the institution is among its own members"));
    }
    if before.iter().any(|(m, _)| *m == member) {
        return Err(invalid("a member is given twice"));
    }
    Ok(())
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// One key per institution, applied to totals by donor.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Reattribution {
    keys: Vec<ReattributionKey>,
}

impl Reattribution {
    /// No keys yet: applied, every donor keeps its own total.
    pub fn new() -> Reattribution {
        Reattribution::default()
    }

    /// Adds the key of one institution.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] for a second key for the same institution,
    /// or when a key's members and institutions chain (a member with a key
    /// of its own): shares are shared out once.
    pub fn with_key(mut self, key: ReattributionKey) -> Result<Reattribution, Error> {
        let institution = key.institution;
        let invalid = |reason| -> Error {
            ErrorKind::InvalidKey {
                institution,
                reason,
            }
            .into()
        };
        if self.key(&institution).is_some() {
            return Err(invalid("a second key for the institution"));
        }
        if self
            .keys
            .iter()
            .any(|k| k.share(&institution).is_some() || key.share(&k.institution).is_some())
        {
            return Err(invalid("a member of one key has a key of its own"));
        }
        self.keys.push(key);
        self.keys.sort_by_key(|k| k.institution);
        Ok(self)
    }

    /// The key of an institution, if any.
    pub fn key(&self, institution: &Donor) -> Option<&ReattributionKey> {
        self.keys
            .binary_search_by_key(institution, |k| k.institution)
            .ok()
            .map(|i| &self.keys[i])
    }

    /// The keys, by institution.
    pub fn keys(&self) -> impl ExactSizeIterator<Item = &ReattributionKey> + '_ {
        self.keys.iter()
    }

    /// Reads keys from CSV with the header `institution,member,share,source`
    /// (in any order, each once, no others): one row per member of an
    /// institution's key, donors as codes or names, shares as plain numbers
    /// (`0.6`), cells trimmed. An institution's rows need not be together,
    /// but its source must be the same on each. The file is read as pledge
    /// files are, by the same record reader.
    ///
    /// ```
    /// use alliance_commitments::reattribution::Reattribution;
    /// use alliance_commitments::{Country, Institution};
    /// use rust_decimal::dec;
    /// let csv = "institution,member,share,source\n\
    ///            EU,DE,0.6,illustrative budget key\n\
    ///            EU,France,0.4,illustrative budget key\n";
    /// let keys = Reattribution::read_csv(csv.as_bytes())?;
    /// let eu = keys.key(&Institution::EuInstitutions.into()).unwrap();
    /// assert_eq!(eu.share(&Country::FR.into()), Some(dec!(0.4)));
    /// // Shares that do not add up to 1 are refused at the key's first row.
    /// let short = "institution,member,share,source\nEU,DE,0.6,k\nEU,FR,0.3,k\n";
    /// let e = Reattribution::read_csv(short.as_bytes()).unwrap_err();
    /// assert_eq!(e.position().line(), Some(2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An error naming the line, column and field of the row at fault: a
    /// donor that does not read, a share that is not a plain number or not
    /// in [0, 1] ([`ErrorKind::InvalidAmount`]), an empty source
    /// ([`ErrorKind::EmptyField`]), and [`ErrorKind::InvalidKey`] for a
    /// member given twice or the institution among its own members, or a
    /// source that differs from the institution's first row. At the
    /// institution's first row, what concerns its whole key:
    /// [`ErrorKind::InvalidKey`] for shares that do not add up to exactly
    /// 1, and the errors of [`Reattribution::with_key`]. For the header, a
    /// missing, unknown or repeated column; and [`ErrorKind::FieldCount`],
    /// [`ErrorKind::UnclosedQuote`], [`ErrorKind::TextAfterQuote`],
    /// [`ErrorKind::InvalidUtf8`], [`ErrorKind::EmptyInput`] and
    /// [`ErrorKind::Io`] from reading the file.
    pub fn read_csv<R: std::io::Read>(reader: R) -> Result<Reattribution, Error> {
        let mut table = crate::io::Table::open(reader)?;
        let at = table.columns(["institution", "member", "share", "source"])?;
        // Each institution's first line, members' shares and source, in
        // the order first seen.
        type Shares = Vec<(Donor, Decimal)>;
        let mut keys: Vec<(Donor, u64, Shares, String)> = Vec::new();
        while table.next()? {
            let table = &table;
            let field = |j: usize| table.text(at[j]).map(str::trim);
            let here = |j: usize| move |e: Error| table.at(at[j], e);
            let institution: Donor = field(0)?.parse().map_err(here(0))?;
            let member: Donor = field(1)?.parse().map_err(here(1))?;
            let share = crate::fmt::number::parse(field(2)?).map_err(here(2))?;
            let source = field(3)?;
            check_source(source).map_err(here(3))?;
            let key = keys.iter_mut().find(|(i, ..)| *i == institution);
            let before = key
                .as_ref()
                .map_or(&[][..], |(.., shares, _)| shares.as_slice());
            check_share(share).map_err(here(2))?;
            check_member(institution, member, before).map_err(here(1))?;
            match key {
                Some((.., shares, first)) if first == source => shares.push((member, share)),
                Some(_) => {
                    let differs = ErrorKind::InvalidKey {
                        institution,
                        reason: "a source that differs from the institution's first row",
                    };
                    return Err(table.at(at[3], differs.into()));
                }
                None => keys.push((
                    institution,
                    table.line(),
                    vec![(member, share)],
                    source.into(),
                )),
            }
        }
        let mut all = Reattribution::new();
        for (institution, line, shares, source) in keys {
            let key =
                ReattributionKey::new(institution, shares, source).map_err(|e| e.at_line(line))?;
            all = all.with_key(key).map_err(|e| e.at_line(line))?;
        }
        Ok(all)
    }

    /// Shares out the totals of the institutions that have a key:
    /// `totals` must be grouped by donor alone, all in one currency (or
    /// converted, then the unrounded converted totals are used: one whose
    /// quotients do not end is shared out as the one amount it is, see
    /// [`MemberTotal::rounded`]). Every
    /// donor of the totals without a key, and every member of a key, gets
    /// a row; an institution with a key gets none, its total being in its
    /// members' rows.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Grouping`] for totals not grouped by donor alone;
    /// [`ErrorKind::CurrencyMismatch`] or [`ErrorKind::MixedCurrencies`]
    /// for totals in several currencies; the errors of
    /// [`ReattributionKey::split`].
    pub fn apply(&self, totals: &Totals) -> Result<Reattributed, Error> {
        let mut figures = Vec::with_capacity(totals.len());
        for (key, total) in totals.groups() {
            let [GroupValue::Donor(donor)] = key.values() else {
                return Err(ErrorKind::Grouping {
                    needed: "by donor alone",
                }
                .into());
            };
            let one_value = total.converted().is_some_and(|c| c.holds_one_value());
            let figure = total.figure().map_err(|e| e.in_group(&key))?;
            figures.push((*donor, figure, one_value));
        }
        let Some(currency) = figures.first().map(|(_, f, _)| f.currency()) else {
            return Ok(Reattributed { rows: Vec::new() });
        };
        let zero = Figure::zero(currency);
        let mut rows: Vec<MemberTotal> = Vec::new();
        fn row(rows: &mut Vec<MemberTotal>, donor: Donor, zero: Figure) -> &mut MemberTotal {
            let i = match rows.binary_search_by_key(&donor, |r| r.donor) {
                Ok(i) => i,
                Err(i) => {
                    rows.insert(
                        i,
                        MemberTotal {
                            donor,
                            bilateral: zero,
                            shares: Vec::new(),
                            institutions: zero,
                            including: zero,
                            one_value: true,
                        },
                    );
                    i
                }
            };
            &mut rows[i]
        }
        for (donor, figure, one_value) in &figures {
            match self.key(donor) {
                None => {
                    let r = row(&mut rows, *donor, zero);
                    r.bilateral = *figure;
                    r.one_value &= *one_value || figure.is_exact();
                }
                Some(key) => {
                    let within = match one_value {
                        true => key.split_within(figure)?,
                        false => None,
                    };
                    // Shares of any other figure hold their parts' values
                    // but are no one value each: they round outward.
                    let (parts, one) = match within {
                        Some(parts) => (parts, true),
                        None => (key.split(figure)?, figure.is_exact()),
                    };
                    for (member, part) in parts {
                        let r = row(&mut rows, member, zero);
                        r.institutions = r.institutions.checked_add(&part)?;
                        r.shares.push((*donor, part));
                        r.one_value &= one;
                    }
                }
            }
        }
        for r in &mut rows {
            r.including = r.bilateral.checked_add(&r.institutions)?;
        }
        Ok(Reattributed { rows })
    }
}

/// Totals with the institutions' shares, from [`Reattribution::apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Reattributed {
    rows: Vec<MemberTotal>,
}

impl Reattributed {
    /// One row per donor, in donor order.
    pub fn rows(&self) -> &[MemberTotal] {
        &self.rows
    }

    /// A donor's row.
    pub fn get(&self, donor: &Donor) -> Option<&MemberTotal> {
        self.rows
            .binary_search_by_key(donor, |r| r.donor)
            .ok()
            .map(|i| &self.rows[i])
    }
}

/// One donor's bilateral total, its shares of institutions, and both
/// together.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct MemberTotal {
    donor: Donor,
    bilateral: Figure,
    shares: Vec<(Donor, Figure)>,
    institutions: Figure,
    including: Figure,
    /// Whether the row adds exact amounts only (some known only within
    /// bounds, as converted totals are), so that it is one exact value.
    #[cfg_attr(feature = "serde", serde(skip))]
    one_value: bool,
}

impl MemberTotal {
    /// The donor.
    pub fn donor(&self) -> Donor {
        self.donor
    }

    /// Its own total (zero for a member with no pledges of its own).
    pub fn bilateral(&self) -> &Figure {
        &self.bilateral
    }

    /// Its share of each institution, by institution.
    pub fn shares(&self) -> &[(Donor, Figure)] {
        &self.shares
    }

    /// The sum of its shares of institutions.
    pub fn institutions(&self) -> &Figure {
        &self.institutions
    }

    /// Bilateral plus its shares of institutions.
    pub fn including(&self) -> &Figure {
        &self.including
    }

    /// [`MemberTotal::including`] rounded once to the minor unit, what to
    /// show: of exact amounts (converted ones included), the amount their
    /// exact sum rounds to (as
    /// [`ConvertedTotal::rounded`](crate::totals::ConvertedTotal::rounded)
    /// rounds); else as [`Figure::round`] rounds it, outward.
    pub fn rounded(&self) -> Figure {
        self.including.round_within(self.one_value)
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use super::*;
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Share {
        member: Donor,
        #[serde(with = "crate::serde_impls::decimal")]
        share: Decimal,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct KeyRepr {
        institution: Donor,
        source: String,
        shares: Vec<Share>,
    }

    impl Serialize for ReattributionKey {
        /// `{"institution": "EU", "source": "…", "shares": [{"member": "DE", "share": "0.25"}]}`.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            KeyRepr {
                institution: self.institution,
                source: self.source.clone(),
                shares: self
                    .shares()
                    .map(|(member, share)| Share { member, share })
                    .collect(),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for ReattributionKey {
        /// Validated as [`ReattributionKey::new`] does.
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = KeyRepr::deserialize(d)?;
            ReattributionKey::new(
                r.institution,
                r.shares.into_iter().map(|s| (s.member, s.share)),
                r.source,
            )
            .map_err(D::Error::custom)
        }
    }

    impl Serialize for Reattribution {
        /// The list of keys.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.keys())
        }
    }

    impl<'de> Deserialize<'de> for Reattribution {
        /// A list of keys, checked as [`Reattribution::with_key`] does.
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let mut r = Reattribution::new();
            for key in Vec::<ReattributionKey>::deserialize(d)? {
                r = r.with_key(key).map_err(D::Error::custom)?;
            }
            Ok(r)
        }
    }
}
