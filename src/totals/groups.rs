//! Donor groups the caller defines ("EU + EIB", "Nordics"), one row each
//! in totals by [`Key::DonorGroup`](crate::Key::DonorGroup).

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use super::GroupValue;
use crate::error::ErrorKind;
use crate::{Donor, Error};

/// The label of a donor group: text of 1 to [`GroupLabel::MAX_LEN`] bytes
/// with no control character and no space at either end, that does not
/// read as a donor (`"DE"`, `"Germany"`, `"EIB"`), so a group's row is
/// never taken for a donor's. It is held inline and is `Copy`, like every
/// [`GroupValue`].
///
/// ```
/// use alliance_commitments::totals::GroupLabel;
/// let label: GroupLabel = "EU + EIB".parse()?;
/// assert_eq!(label.as_str(), "EU + EIB");
/// assert!("EIB".parse::<GroupLabel>().is_err()); // reads as a donor
/// assert!("".parse::<GroupLabel>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct GroupLabel {
    len: u8,
    bytes: [u8; GroupLabel::MAX_LEN],
}

impl GroupLabel {
    /// The longest label, in bytes of UTF-8.
    pub const MAX_LEN: usize = 30;

    /// A label; surrounding spaces are trimmed.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::EmptyField`] for an empty label;
    /// [`ErrorKind::InvalidGroup`] for one longer than
    /// [`GroupLabel::MAX_LEN`] bytes, holding a control character, or
    /// reading as a donor.
    pub fn new(text: &str) -> Result<GroupLabel, Error> {
        let text = text.trim();
        let invalid = |reason| -> Error {
            ErrorKind::InvalidGroup {
                label: text.to_owned(),
                reason,
            }
            .into()
        };
        if text.is_empty() {
            return Err(ErrorKind::EmptyField {
                field: "a donor group's label",
            }
            .into());
        }
        if text.len() > GroupLabel::MAX_LEN {
            return Err(invalid("a label is at most 30 bytes long"));
        }
        if text.chars().any(char::is_control) {
            return Err(invalid("a label holds no control character"));
        }
        if text.parse::<Donor>().is_ok() {
            return Err(invalid(
                "the label reads as a donor, whose own row it could be taken for",
            ));
        }
        let mut bytes = [0; GroupLabel::MAX_LEN];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        Ok(GroupLabel {
            // At most MAX_LEN (checked above), which fits a byte.
            len: u8::try_from(text.len()).unwrap_or(u8::MAX),
            bytes,
        })
    }

    /// The label's text.
    pub fn as_str(&self) -> &str {
        // Copied whole from a `str`, so always UTF-8.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl PartialEq for GroupLabel {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for GroupLabel {}

impl Hash for GroupLabel {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for GroupLabel {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for GroupLabel {
    /// By the label's text.
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Debug for GroupLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for GroupLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for GroupLabel {
    type Err = Error;

    /// As [`GroupLabel::new`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        GroupLabel::new(s)
    }
}

/// Donor groups the caller defines, for totals by
/// [`Key::DonorGroup`](crate::Key::DonorGroup): each group one row ("EU +
/// EIB" for the EU institutions and the European Investment Bank).
///
/// Every donor is in at most one group, every group has at least one
/// donor, and no two groups share a label. A donor in no group keeps its
/// own row, as under [`Key::Donor`](crate::Key::Donor)
/// ([`GroupValue::Donor`]), unless [`DonorGroups::rest`] names a row for
/// all of them. Rows of donors come first (in donor order), then the
/// groups' rows and the rest's (in label order).
///
/// ```
/// use alliance_commitments::{Country, Donor, Institution, Key, Pledge, Pledges, Query};
/// use alliance_commitments::totals::DonorGroups;
///
/// let eu = Donor::from(Institution::EuInstitutions);
/// let eib = Donor::from(Institution::EuropeanInvestmentBank);
/// let groups = DonorGroups::new().group("EU + EIB", [eu, eib])?;
/// let mut pledges = Pledges::new();
/// for (donor, figure) in [(eu, "€5bn"), (eib, "€400m"), (Country::DE.into(), "€1.5bn")] {
///     pledges.add(Pledge::builder(donor, Country::UA, figure.parse()?).build()?)?;
/// }
/// let totals = pledges.totals(&Query::new().by(Key::DonorGroup(groups)))?;
/// let rows: Vec<String> = totals.groups().map(|(k, t)| format!("{k}: {}", t.single().unwrap())).collect();
/// assert_eq!(rows, ["DE: €1.5bn", "EU + EIB: €5.4bn"]);
/// // A donor in two groups is refused.
/// assert!(DonorGroups::new().group("A", [Country::DE])?.group("B", [Country::DE]).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DonorGroups {
    /// The groups in label order, each one's donors in donor order.
    groups: Vec<(GroupLabel, Vec<Donor>)>,
    /// Every grouped donor and the place of its group in `groups`, in
    /// donor order.
    index: Vec<(Donor, u32)>,
    rest: Option<GroupLabel>,
}

/// The code of a group's row in the totals engine: above every donor's
/// code (which are below 2¹⁶), so a group's row and a donor's never meet.
const GROUP_CODE: u32 = 1 << 16;
/// The code of the rest's row.
const REST_CODE: u32 = 1 << 17;

impl DonorGroups {
    /// No groups yet: every donor keeps its own row.
    pub fn new() -> DonorGroups {
        DonorGroups::default()
    }

    /// Adds a group: `label` ([`GroupLabel::new`]) and its donors (a donor
    /// named twice in it counts once).
    ///
    /// # Errors
    ///
    /// As [`GroupLabel::new`] for the label; [`ErrorKind::InvalidGroup`]
    /// for a label already used (by a group or the rest) or a group with no
    /// donor; [`ErrorKind::DonorInTwoGroups`] for a donor already in another
    /// group.
    pub fn group<D: Into<Donor>>(
        mut self,
        label: &str,
        donors: impl IntoIterator<Item = D>,
    ) -> Result<DonorGroups, Error> {
        let label = GroupLabel::new(label)?;
        let invalid = |reason| -> Error {
            ErrorKind::InvalidGroup {
                label: label.as_str().to_owned(),
                reason,
            }
            .into()
        };
        if self.groups.iter().any(|(l, _)| *l == label) || self.rest == Some(label) {
            return Err(invalid("the label is given twice"));
        }
        let mut members: Vec<Donor> = donors.into_iter().map(Into::into).collect();
        members.sort_unstable();
        members.dedup();
        if members.is_empty() {
            return Err(invalid("a group has at least one donor"));
        }
        for donor in &members {
            if let Some(first) = self.group_of(*donor) {
                return Err(ErrorKind::DonorInTwoGroups {
                    donor: *donor,
                    first: first.as_str().to_owned(),
                    second: label.as_str().to_owned(),
                }
                .into());
            }
        }
        let at = self.groups.partition_point(|(l, _)| *l < label);
        self.groups.insert(at, (label, members));
        self.index = self
            .groups
            .iter()
            .zip(0u32..)
            .flat_map(|((_, donors), i)| donors.iter().map(move |d| (*d, i)))
            .collect();
        self.index.sort_unstable();
        Ok(self)
    }

    /// Puts every donor in no group in one row, labelled `label`, instead
    /// of each in its own.
    ///
    /// # Errors
    ///
    /// As [`GroupLabel::new`] for the label; [`ErrorKind::InvalidGroup`]
    /// for a label a group uses.
    pub fn rest(mut self, label: &str) -> Result<DonorGroups, Error> {
        let label = GroupLabel::new(label)?;
        if self.groups.iter().any(|(l, _)| *l == label) {
            return Err(ErrorKind::InvalidGroup {
                label: label.as_str().to_owned(),
                reason: "the label is given twice",
            }
            .into());
        }
        self.rest = Some(label);
        Ok(self)
    }

    /// The groups, in label order, each with its donors in donor order.
    pub fn groups(&self) -> impl ExactSizeIterator<Item = (GroupLabel, &[Donor])> + '_ {
        self.groups.iter().map(|(l, d)| (*l, d.as_slice()))
    }

    /// The label of the row for donors in no group, if any.
    pub fn rest_label(&self) -> Option<GroupLabel> {
        self.rest
    }

    /// The group a donor is in, if any.
    pub fn group_of(&self, donor: impl Into<Donor>) -> Option<GroupLabel> {
        self.place(donor.into())
            .and_then(|i| self.groups.get(i as usize))
            .map(|(l, _)| *l)
    }

    /// Where `donor`'s group is in `groups`.
    fn place(&self, donor: Donor) -> Option<u32> {
        self.index
            .binary_search_by_key(&donor, |(d, _)| *d)
            .ok()
            .map(|i| self.index[i].1)
    }

    /// The row of `donor`'s pledges: its group's, the rest's, or its own.
    pub fn row(&self, donor: impl Into<Donor>) -> GroupValue {
        let donor = donor.into();
        match (self.group_of(donor), self.rest) {
            (Some(label), _) | (None, Some(label)) => GroupValue::DonorGroup(label),
            (None, None) => GroupValue::Donor(donor),
        }
    }

    /// A number that tells rows apart, for the totals engine.
    pub(crate) fn code(&self, donor: Donor) -> u32 {
        match (self.place(donor), self.rest) {
            (Some(i), _) => GROUP_CODE + i,
            (None, Some(_)) => REST_CODE,
            (None, None) => donor.code(),
        }
    }

    /// The row that [`DonorGroups::code`] gave `code`; `None` for a code
    /// no row has.
    pub(crate) fn row_of_code(&self, code: u32) -> Option<GroupValue> {
        if code == REST_CODE {
            return self.rest.map(GroupValue::DonorGroup);
        }
        match code.checked_sub(GROUP_CODE) {
            Some(i) => self
                .groups
                .get(usize::try_from(i).ok()?)
                .map(|(label, _)| GroupValue::DonorGroup(*label)),
            None => Donor::of_code(code).map(GroupValue::Donor),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Country, Institution};

    #[test]
    fn labels_are_checked() {
        assert!(GroupLabel::new("Nordic-Baltic Eight").is_ok());
        assert_eq!(GroupLabel::new("  Nordics ").unwrap().as_str(), "Nordics");
        assert_eq!(GroupLabel::new(&"x".repeat(30)).unwrap().as_str().len(), 30);
        for bad in [
            "",
            "   ",
            "de",
            "Germany",
            "NATO-CAP",
            "a\tb",
            &"x".repeat(31),
        ] {
            assert!(GroupLabel::new(bad).is_err(), "{bad:?}");
        }
        // 30 bytes of UTF-8 is fifteen two-byte letters, not thirty.
        assert!(GroupLabel::new(&"é".repeat(15)).is_ok());
        assert!(GroupLabel::new(&"é".repeat(16)).is_err());
        let (a, b) = (
            GroupLabel::new("B").unwrap(),
            GroupLabel::new("Ab").unwrap(),
        );
        assert!(b < a);
        assert_eq!(format!("{a:>3}|{a:?}"), "  B|\"B\"");
    }

    #[test]
    fn each_donor_is_in_at_most_one_group() {
        let eu = Donor::from(Institution::EuInstitutions);
        let eib = Donor::from(Institution::EuropeanInvestmentBank);
        let groups = DonorGroups::new()
            .group("EU + EIB", [eu, eib, eu])
            .unwrap()
            .group("Nordics", [Country::DK, Country::SE])
            .unwrap();
        let err = groups.clone().group("Banks", [eib]).unwrap_err();
        assert_eq!(
            err.kind(),
            &ErrorKind::DonorInTwoGroups {
                donor: eib,
                first: "EU + EIB".into(),
                second: "Banks".into()
            }
        );
        assert!(groups.clone().group("Nordics", [Country::FI]).is_err());
        assert!(groups.clone().rest("Nordics").is_err());
        assert!(groups.clone().group("None", Vec::<Donor>::new()).is_err());
        assert_eq!(groups.groups().next().unwrap().1, [eu, eib]);
        assert_eq!(groups.group_of(Country::SE).unwrap().as_str(), "Nordics");
        assert_eq!(
            groups.row(Country::DE),
            GroupValue::Donor(Country::DE.into())
        );
        let rest = groups.clone().rest("Others").unwrap();
        assert_eq!(rest.row(Country::DE).to_string(), "Others");
        assert_eq!(rest.code(Country::DE.into()), rest.code(Country::FR.into()));
        // Codes: donors' own, then each group's, then the rest's; all apart.
        let mut codes: Vec<u32> = [Country::DE.into(), eu, Donor::from(Country::SE)]
            .into_iter()
            .map(|d| groups.code(d))
            .collect();
        codes.push(rest.code(Country::DE.into()));
        codes.dedup();
        assert_eq!(codes.len(), 4);
    }
}

#[cfg(feature = "serde")]
mod json {
    //! The JSON form (feature `serde`; layout in the README).

    use serde::de::{self, Deserializer};
    use serde::ser::Serializer;
    use serde::{Deserialize, Serialize};

    use super::{DonorGroups, GroupLabel};
    use crate::Donor;

    crate::serde_impls::via_string!(GroupLabel);

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct GroupRepr {
        label: GroupLabel,
        donors: Vec<Donor>,
    }

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct GroupsRepr {
        groups: Vec<GroupRepr>,
        #[serde(default)]
        rest: Option<GroupLabel>,
    }

    impl Serialize for DonorGroups {
        /// `{"groups": [{"label": "EU + EIB", "donors": ["EU", "EIB"]}], "rest": null}`.
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            GroupsRepr {
                groups: self
                    .groups()
                    .map(|(label, donors)| GroupRepr {
                        label,
                        donors: donors.to_vec(),
                    })
                    .collect(),
                rest: self.rest_label(),
            }
            .serialize(s)
        }
    }

    impl<'de> Deserialize<'de> for DonorGroups {
        /// Each group checked as [`DonorGroups::group`] checks it, then the
        /// rest as [`DonorGroups::rest`] does.
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let r = GroupsRepr::deserialize(d)?;
            let mut groups = DonorGroups::new();
            for g in r.groups {
                groups = groups
                    .group(g.label.as_str(), g.donors)
                    .map_err(de::Error::custom)?;
            }
            if let Some(rest) = r.rest {
                groups = groups.rest(rest.as_str()).map_err(de::Error::custom)?;
            }
            Ok(groups)
        }
    }
}
