//! Groupings of donors whose membership changes over time.

use crate::error::ErrorKind;
use chrono::NaiveDate;

use crate::{Country, Donor, Error};

/// One spell of membership: from the day a donor joined to the last day it
/// was a member (if it left), both inclusive.
///
/// ```
/// use alliance_commitments::{Country};
/// use alliance_commitments::alliance::Membership;
/// use chrono::NaiveDate;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // The United Kingdom's EU membership: 1973-01-01 to 2020-01-31.
/// let uk = Membership::new(Country::GB.into(), d(1973, 1, 1), Some(d(2020, 1, 31)))?;
/// assert!(uk.covers(d(2020, 1, 31)));
/// assert!(!uk.covers(d(2020, 2, 1)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Membership {
    donor: Donor,
    joined: NaiveDate,
    last_day: Option<NaiveDate>,
}

impl Membership {
    /// A membership from `joined` to `last_day` (inclusive), or open-ended
    /// for `None`. An error if `last_day` is before `joined`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::PeriodEndsBeforeStart`] if `last_day` is before `joined`.
    pub fn new(
        donor: Donor,
        joined: NaiveDate,
        last_day: Option<NaiveDate>,
    ) -> Result<Membership, Error> {
        if let Some(last) = last_day {
            if last < joined {
                return Err(ErrorKind::PeriodEndsBeforeStart {
                    start: joined,
                    end: last,
                }
                .into());
            }
        }
        Ok(Membership {
            donor,
            joined,
            last_day,
        })
    }

    /// The member.
    pub fn donor(&self) -> Donor {
        self.donor
    }

    /// The first day of membership (the accession date).
    pub fn joined(&self) -> NaiveDate {
        self.joined
    }

    /// The last day of membership, if the member left.
    pub fn last_day(&self) -> Option<NaiveDate> {
        self.last_day
    }

    /// Whether the donor is a member on `date` under this spell.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.joined <= date && self.last_day.is_none_or(|last| date <= last)
    }

    fn overlaps(&self, other: &Membership) -> bool {
        let ends_before = |a: &Membership, b: &Membership| a.last_day.is_some_and(|l| l < b.joined);
        self.donor == other.donor && !ends_before(self, other) && !ends_before(other, self)
    }
}

/// A grouping of donors with membership over time: NATO, the EU, a
/// coalition.
///
/// A donor counts toward an alliance exactly on the days it is a member:
/// Sweden is a NATO ally from 2024-03-07, not before.
///
/// ```
/// use alliance_commitments::{Alliance, Country};
/// use chrono::NaiveDate;
///
/// let nato = Alliance::nato();
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert!(!nato.is_member(&Country::SE.into(), d(2024, 3, 6)));
/// assert!(nato.is_member(&Country::SE.into(), d(2024, 3, 7)));
/// assert_eq!(nato.members_on(d(2024, 3, 7)).len(), 32);
/// assert_eq!(nato.members_on(d(2023, 4, 3)).len(), 30);
///
/// let mut coalition = Alliance::new("Drone coalition")?;
/// coalition.add_member(Country::LV, d(2024, 2, 14))?;
/// assert_eq!(coalition.members_on(d(2024, 2, 14)).len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Alliance {
    name: String,
    memberships: Vec<Membership>,
}

impl Alliance {
    /// An alliance with no members yet; the name must not be empty.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::EmptyField`] if the name is empty or blank.
    pub fn new(name: impl Into<String>) -> Result<Alliance, Error> {
        let name = name.into();
        if name.trim().is_empty() {
            return Err(ErrorKind::EmptyField {
                field: "alliance name",
            }
            .into());
        }
        Ok(Alliance {
            name,
            memberships: Vec::new(),
        })
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Adds an open-ended membership from `joined`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidMembership`] if the new spell overlaps one already
    /// recorded for the donor.
    pub fn add_member(&mut self, donor: impl Into<Donor>, joined: NaiveDate) -> Result<(), Error> {
        self.add_membership(Membership::new(donor.into(), joined, None)?)
    }

    /// Adds a spell of membership. A donor may leave and rejoin, but its
    /// spells must not overlap: an overlapping one is an error and the
    /// alliance is left unchanged.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidMembership`] if the spell overlaps one already recorded
    /// for the same donor.
    pub fn add_membership(&mut self, membership: Membership) -> Result<(), Error> {
        if self.memberships.iter().any(|m| m.overlaps(&membership)) {
            return Err(ErrorKind::InvalidMembership {
                alliance: self.name.clone(),
                donor: membership.donor,
                joined: membership.joined,
            }
            .into());
        }
        self.memberships.push(membership);
        Ok(())
    }

    /// Every spell of membership, in the order added.
    pub fn memberships(&self) -> &[Membership] {
        &self.memberships
    }

    /// Whether `donor` is a member on `date`.
    pub fn is_member(&self, donor: &Donor, date: NaiveDate) -> bool {
        self.memberships
            .iter()
            .any(|m| m.donor == *donor && m.covers(date))
    }

    /// The members on `date`, sorted by identifier order (countries by
    /// alpha-2 code, then institutions).
    pub fn members_on(&self, date: NaiveDate) -> Vec<Donor> {
        let mut members: Vec<Donor> = self
            .memberships
            .iter()
            .filter(|m| m.covers(date))
            .map(|m| m.donor)
            .collect();
        members.sort();
        members.dedup();
        members
    }

    /// NATO's 32 members with their accession dates: the twelve founders on
    /// 1949-08-24 (the North Atlantic Treaty's entry into force), Greece and
    /// Türkiye 1952-02-18, Germany 1955-05-06, Spain 1982-05-30, Czechia,
    /// Hungary and Poland 1999-03-12, Bulgaria, Estonia, Latvia, Lithuania,
    /// Romania, Slovakia and Slovenia 2004-03-29, Albania and Croatia
    /// 2009-04-01, Montenegro 2017-06-05, North Macedonia 2020-03-27,
    /// Finland 2023-04-04, Sweden 2024-03-07.
    pub fn nato() -> Alliance {
        use Country as C;
        let groups: &[(i32, u32, u32, &[Country])] = &[
            (
                1949,
                8,
                24,
                &[
                    C::BE,
                    C::CA,
                    C::DK,
                    C::FR,
                    C::IS,
                    C::IT,
                    C::LU,
                    C::NL,
                    C::NO,
                    C::PT,
                    C::GB,
                    C::US,
                ],
            ),
            (1952, 2, 18, &[C::GR, C::TR]),
            (1955, 5, 6, &[C::DE]),
            (1982, 5, 30, &[C::ES]),
            (1999, 3, 12, &[C::CZ, C::HU, C::PL]),
            (
                2004,
                3,
                29,
                &[C::BG, C::EE, C::LV, C::LT, C::RO, C::SK, C::SI],
            ),
            (2009, 4, 1, &[C::AL, C::HR]),
            (2017, 6, 5, &[C::ME]),
            (2020, 3, 27, &[C::MK]),
            (2023, 4, 4, &[C::FI]),
            (2024, 3, 7, &[C::SE]),
        ];
        built_in("NATO", groups, &[])
    }

    /// The European Union's 27 members, and the United Kingdom until its
    /// last day, 2020-01-31, with the dates they joined the European
    /// Communities: the six founders on 1958-01-01 (the Treaty of Rome's
    /// entry into force), Denmark, Ireland and the United Kingdom
    /// 1973-01-01, Greece 1981-01-01, Portugal and Spain 1986-01-01,
    /// Austria, Finland and Sweden 1995-01-01, the ten of 2004-05-01,
    /// Bulgaria and Romania 2007-01-01, Croatia 2013-07-01.
    pub fn eu() -> Alliance {
        use Country as C;
        let groups: &[(i32, u32, u32, &[Country])] = &[
            (1958, 1, 1, &[C::BE, C::DE, C::FR, C::IT, C::LU, C::NL]),
            (1973, 1, 1, &[C::DK, C::IE]),
            (1981, 1, 1, &[C::GR]),
            (1986, 1, 1, &[C::ES, C::PT]),
            (1995, 1, 1, &[C::AT, C::FI, C::SE]),
            (
                2004,
                5,
                1,
                &[
                    C::CY,
                    C::CZ,
                    C::EE,
                    C::HU,
                    C::LV,
                    C::LT,
                    C::MT,
                    C::PL,
                    C::SK,
                    C::SI,
                ],
            ),
            (2007, 1, 1, &[C::BG, C::RO]),
            (2013, 7, 1, &[C::HR]),
        ];
        built_in("EU", groups, &[(C::GB, (1973, 1, 1), (2020, 1, 31))])
    }
}

type Ymd = (i32, u32, u32);

/// Builds a roster from literal dates, all valid (unit tests check the
/// counts, so a mistyped date would show).
fn built_in(
    name: &str,
    groups: &[(i32, u32, u32, &[Country])],
    left: &[(Country, Ymd, Ymd)],
) -> Alliance {
    let date = |(y, m, d): Ymd| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    let mut memberships = Vec::new();
    for (y, m, d, members) in groups {
        for c in *members {
            memberships.push(Membership {
                donor: Donor::Country(*c),
                joined: date((*y, *m, *d)),
                last_day: None,
            });
        }
    }
    for (c, joined, last) in left {
        memberships.push(Membership {
            donor: Donor::Country(*c),
            joined: date(*joined),
            last_day: Some(date(*last)),
        });
    }
    Alliance {
        name: name.to_owned(),
        memberships,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn nato_roster_grows_on_the_accession_dates() {
        let nato = Alliance::nato();
        assert_eq!(nato.memberships().len(), 32);
        for (date, count) in [
            (d(1949, 8, 23), 0),
            (d(1949, 8, 24), 12),
            (d(1952, 2, 18), 14),
            (d(1955, 5, 6), 15),
            (d(1982, 5, 30), 16),
            (d(1999, 3, 12), 19),
            (d(2004, 3, 29), 26),
            (d(2009, 4, 1), 28),
            (d(2017, 6, 5), 29),
            (d(2020, 3, 27), 30),
            (d(2023, 4, 4), 31),
            (d(2024, 3, 7), 32),
        ] {
            assert_eq!(nato.members_on(date).len(), count, "{date}");
        }
        assert!(!nato.is_member(&Country::FI.into(), d(2023, 4, 3)));
        assert!(nato.is_member(&Country::FI.into(), d(2023, 4, 4)));
        assert!(!nato.is_member(&Country::UA.into(), d(2025, 1, 1)));
    }

    #[test]
    fn eu_counts_the_uk_until_its_last_day() {
        let eu = Alliance::eu();
        assert_eq!(eu.members_on(d(2020, 1, 31)).len(), 28);
        assert_eq!(eu.members_on(d(2020, 2, 1)).len(), 27);
        assert_eq!(eu.members_on(d(2013, 6, 30)).len(), 27);
    }

    #[test]
    fn overlapping_or_reversed_memberships_are_rejected() {
        let mut a = Alliance::new("Test").unwrap();
        let pl = Donor::Country(Country::PL);
        a.add_membership(Membership::new(pl, d(2000, 1, 1), Some(d(2005, 12, 31))).unwrap())
            .unwrap();
        let before = a.clone();
        assert!(matches!(
            a.add_member(pl, d(2005, 12, 31))
                .as_ref()
                .map_err(Error::kind),
            Err(ErrorKind::InvalidMembership { .. })
        ));
        assert_eq!(a, before);
        a.add_member(pl, d(2006, 1, 1)).unwrap();
        assert!(a.is_member(&pl, d(2006, 1, 1)));
        assert!(matches!(
            Membership::new(pl, d(2006, 1, 1), Some(d(2005, 1, 1)))
                .as_ref()
                .map_err(Error::kind),
            Err(ErrorKind::PeriodEndsBeforeStart { .. })
        ));
        assert!(matches!(
            Alliance::new("  ").as_ref().map_err(Error::kind),
            Err(ErrorKind::EmptyField { .. })
        ));
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use chrono::NaiveDate;

    use serde::de::{self, Deserializer};
    use serde::ser::Serializer;
    use serde::{Deserialize, Serialize};

    use crate::alliance::Membership;
    use crate::{Alliance, Donor};

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct MembershipRepr {
        donor: Donor,
        joined: NaiveDate,
        #[serde(default)]
        last_day: Option<NaiveDate>,
    }

    impl Serialize for Membership {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            MembershipRepr {
                donor: self.donor(),
                joined: self.joined(),
                last_day: self.last_day(),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Membership {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = MembershipRepr::deserialize(d)?;
            Membership::new(r.donor, r.joined, r.last_day).map_err(de::Error::custom)
        }
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct AllianceRepr {
        name: String,
        members: Vec<Membership>,
    }

    impl Serialize for Alliance {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            AllianceRepr {
                name: self.name().to_owned(),
                members: self.memberships().to_vec(),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for Alliance {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = AllianceRepr::deserialize(d)?;
            let mut a = Alliance::new(r.name).map_err(de::Error::custom)?;
            for m in r.members {
                a.add_membership(m).map_err(de::Error::custom)?;
            }
            Ok(a)
        }
    }
}
