//! iOS and iPadOS versions, and the range of them an organization allows.
//!
//! Versions are compared numerically, component by component, never as
//! strings: "9.9" < "10.0" and "17.0.3" < "17.0.10". A missing component
//! counts as 0, so "17", "17.0" and "17.0.0" are the same version.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Why a typed or received version number was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OsVersionError {
    #[error("Enter a version number like 17.4.")]
    Empty,
    #[error("Enter a version number like 17.4, using only digits and dots.")]
    Malformed,
    #[error("Use at most three numbers, like 17.4.1.")]
    TooManyParts,
    #[error("That version number is too large.")]
    TooLarge,
}

/// An iOS or iPadOS version such as "17.4", "17.0.3" or "18".
///
/// Parsed from one to three non-negative whole numbers separated by dots,
/// or by underscores as user agents write them ("17_4_1"). Equality,
/// ordering and hashing use the three numbers only (missing ones are 0);
/// `Display` keeps as many components as were given, so "17.4" stays
/// "17.4" and "17.0.0" stays "17.0.0" even though the two are equal.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OsVersion {
    /// major, minor, patch; missing components are 0.
    parts: [u32; 3],
    /// How many components to print: 1 to 3.
    shown: u8,
}

const MAX_PARTS: usize = 3;

impl OsVersion {
    /// A version from its numbers. It prints as "major.minor", plus
    /// ".patch" when the patch number is not 0: `new(17, 0, 0)` is "17.0".
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        let shown = if patch == 0 { 2 } else { 3 };
        Self {
            parts: [major, minor, patch],
            shown,
        }
    }

    pub fn parse(input: &str) -> Result<Self, OsVersionError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(OsVersionError::Empty);
        }
        // One kind of separator per version: "17.4.1" or "17_4_1".
        let separator = if trimmed.contains('_') { '_' } else { '.' };
        if separator == '_' && trimmed.contains('.') {
            return Err(OsVersionError::Malformed);
        }
        let components: Vec<&str> = trimmed.split(separator).collect();
        if components.len() > MAX_PARTS {
            return Err(OsVersionError::TooManyParts);
        }
        let mut parts = [0u32; 3];
        for (slot, component) in parts.iter_mut().zip(&components) {
            // Digits only: this rejects empty components, signs, spaces and letters.
            if component.is_empty() || !component.bytes().all(|b| b.is_ascii_digit()) {
                return Err(OsVersionError::Malformed);
            }
            *slot = component.parse().map_err(|_| OsVersionError::TooLarge)?;
        }
        Ok(Self {
            parts,
            // At most MAX_PARTS, so it fits.
            shown: components.len() as u8,
        })
    }

    pub const fn major(&self) -> u32 {
        self.parts[0]
    }

    pub const fn minor(&self) -> u32 {
        self.parts[1]
    }

    pub const fn patch(&self) -> u32 {
        self.parts[2]
    }

    /// `[major, minor, patch]`, with missing components as 0.
    pub const fn components(&self) -> [u32; 3] {
        self.parts
    }
}

impl PartialEq for OsVersion {
    fn eq(&self, other: &Self) -> bool {
        self.parts == other.parts
    }
}

impl Eq for OsVersion {}

impl Hash for OsVersion {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Only what equality looks at.
        self.parts.hash(state);
    }
}

impl Ord for OsVersion {
    fn cmp(&self, other: &Self) -> Ordering {
        self.parts.cmp(&other.parts)
    }
}

impl PartialOrd for OsVersion {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for OsVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, part) in self.parts[..usize::from(self.shown)].iter().enumerate() {
            if index > 0 {
                f.write_str(".")?;
            }
            write!(f, "{part}")?;
        }
        Ok(())
    }
}

impl FromStr for OsVersion {
    type Err = OsVersionError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for OsVersion {
    type Error = OsVersionError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<OsVersion> for String {
    fn from(value: OsVersion) -> Self {
        value.to_string()
    }
}

/// Why a device's version is outside the allowed range. The messages are
/// shown to the person enrolling the device.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum VersionRuleViolation {
    #[error("This device needs iOS {minimum} or later.")]
    TooOld { minimum: OsVersion },
    #[error("This device runs a newer iOS than your organization allows (up to {maximum}).")]
    TooNew { maximum: OsVersion },
}

/// Why an allowed range was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VersionRangeError {
    #[error("The lowest allowed iOS version ({minimum}) is above the highest ({maximum}).")]
    MinimumAboveMaximum {
        minimum: OsVersion,
        maximum: OsVersion,
    },
}

/// The iOS versions an organization allows, both ends inclusive; `None`
/// leaves that end open. Because missing components count as 0, a maximum
/// of "17.6" allows 17.6 and 17.6.0 but not 17.6.1.
///
/// Build one with [`VersionRange::new`] (or deserialize one) to be sure the
/// minimum is not above the maximum. The fields stay public for reading;
/// a range assembled by hand with the ends swapped still has a defined
/// `check`: the minimum is checked first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawVersionRange")]
pub struct VersionRange {
    pub min: Option<OsVersion>,
    pub max: Option<OsVersion>,
}

impl VersionRange {
    pub fn new(min: Option<OsVersion>, max: Option<OsVersion>) -> Result<Self, VersionRangeError> {
        if let (Some(minimum), Some(maximum)) = (&min, &max) {
            if minimum > maximum {
                return Err(VersionRangeError::MinimumAboveMaximum {
                    minimum: minimum.clone(),
                    maximum: maximum.clone(),
                });
            }
        }
        Ok(Self { min, max })
    }

    /// Every version.
    pub const fn any() -> Self {
        Self {
            min: None,
            max: None,
        }
    }

    pub const fn at_least(minimum: OsVersion) -> Self {
        Self {
            min: Some(minimum),
            max: None,
        }
    }

    pub const fn up_to(maximum: OsVersion) -> Self {
        Self {
            min: None,
            max: Some(maximum),
        }
    }

    pub fn check(&self, version: &OsVersion) -> Result<(), VersionRuleViolation> {
        if let Some(minimum) = &self.min {
            if version < minimum {
                return Err(VersionRuleViolation::TooOld {
                    minimum: minimum.clone(),
                });
            }
        }
        if let Some(maximum) = &self.max {
            if version > maximum {
                return Err(VersionRuleViolation::TooNew {
                    maximum: maximum.clone(),
                });
            }
        }
        Ok(())
    }

    pub fn contains(&self, version: &OsVersion) -> bool {
        self.check(version).is_ok()
    }
}

/// The wire shape of [`VersionRange`], before its ends are checked.
#[derive(Deserialize)]
struct RawVersionRange {
    #[serde(default)]
    min: Option<OsVersion>,
    #[serde(default)]
    max: Option<OsVersion>,
}

impl TryFrom<RawVersionRange> for VersionRange {
    type Error = VersionRangeError;
    fn try_from(raw: RawVersionRange) -> Result<Self, Self::Error> {
        Self::new(raw.min, raw.max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::hash_map::DefaultHasher;

    fn v(text: &str) -> OsVersion {
        OsVersion::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    fn hash_of(version: &OsVersion) -> u64 {
        let mut hasher = DefaultHasher::new();
        version.hash(&mut hasher);
        hasher.finish()
    }

    #[test]
    fn parses_one_to_three_components() {
        assert_eq!(v("18").components(), [18, 0, 0]);
        assert_eq!(v("17.4").components(), [17, 4, 0]);
        assert_eq!(v("17.0.3").components(), [17, 0, 3]);
        assert_eq!(v("0").components(), [0, 0, 0]);
        let version = v("17.4.1");
        assert_eq!(
            (version.major(), version.minor(), version.patch()),
            (17, 4, 1)
        );
    }

    #[test]
    fn accepts_user_agent_underscores_and_surrounding_space() {
        assert_eq!(v("17_4_1"), v("17.4.1"));
        assert_eq!(v("17_4_1").to_string(), "17.4.1");
        assert_eq!(v("  17.4\n").to_string(), "17.4");
        assert_eq!(v("\t16_6 ").to_string(), "16.6");
    }

    #[test]
    fn says_empty_for_blank_input() {
        assert_eq!(OsVersion::parse(""), Err(OsVersionError::Empty));
        assert_eq!(OsVersion::parse("  \t"), Err(OsVersionError::Empty));
    }

    #[test]
    fn rejects_malformed_versions() {
        for bad in [
            "17.",
            ".4",
            "17..4",
            "17.4.",
            "_17",
            "17__4",
            "17.4a",
            "v17",
            "iOS 17",
            "+17",
            "-1",
            "17.-1",
            "17,4",
            "17 .4",
            "17. 4",
            "1 7",
            "17_4.1",
            "17.4_1",
            "١٧",
            "17.4 beta",
        ] {
            assert_eq!(
                OsVersion::parse(bad),
                Err(OsVersionError::Malformed),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn rejects_more_than_three_components() {
        for bad in ["1.2.3.4", "17_4_1_2", "17.0.0.0", "1.2.3.x"] {
            assert_eq!(
                OsVersion::parse(bad),
                Err(OsVersionError::TooManyParts),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn rejects_numbers_too_large_for_a_component() {
        assert_eq!(
            OsVersion::parse("4294967296"),
            Err(OsVersionError::TooLarge)
        );
        assert_eq!(
            OsVersion::parse("17.99999999999"),
            Err(OsVersionError::TooLarge)
        );
        assert_eq!(v("4294967295").major(), u32::MAX);
    }

    #[test]
    fn missing_components_are_zero() {
        assert_eq!(v("17"), v("17.0"));
        assert_eq!(v("17"), v("17.0.0"));
        assert_eq!(v("17").cmp(&v("17.0.0")), Ordering::Equal);
        assert_eq!(hash_of(&v("17")), hash_of(&v("17.0.0")));
        assert_eq!(v("017.4"), v("17.4"));
    }

    #[test]
    fn compares_numerically_not_as_text() {
        assert!(v("17.0.3") < v("17.0.10"));
        assert!(v("9.9") < v("10.0"));
        assert!(v("17.4") < v("17.4.1"));
        assert!(v("17.10") > v("17.9.9"));
        assert!(v("18") > v("17.99.99"));
        assert_eq!(v("17.4").max(v("17.3.9")).to_string(), "17.4");
    }

    #[test]
    fn display_keeps_the_components_given() {
        assert_eq!(v("17.4").to_string(), "17.4");
        assert_eq!(v("18").to_string(), "18");
        assert_eq!(v("17.0.0").to_string(), "17.0.0");
        assert_eq!(v("017.04").to_string(), "17.4");
        assert_eq!(OsVersion::new(17, 0, 0).to_string(), "17.0");
        assert_eq!(OsVersion::new(17, 4, 1).to_string(), "17.4.1");
        assert_eq!(
            "16.6".parse::<OsVersion>().unwrap(),
            OsVersion::new(16, 6, 0)
        );
    }

    #[test]
    fn serializes_as_a_string_and_deserializing_runs_the_parser() {
        assert_eq!(serde_json::to_string(&v("17.4")).unwrap(), "\"17.4\"");
        let parsed: OsVersion = serde_json::from_str("\"17_0_3\"").unwrap();
        assert_eq!(parsed.to_string(), "17.0.3");
        for bad in ["\"\"", "\"17.x\"", "\"1.2.3.4\"", "17", "null"] {
            assert!(serde_json::from_str::<OsVersion>(bad).is_err(), "{bad}");
        }
    }

    /// Property-style: over a grid of versions, written with every number of
    /// components that means the same thing, ordering is a total order that
    /// agrees with comparing the (major, minor, patch) tuples, and equality
    /// and hashing agree with it.
    #[test]
    fn ordering_is_a_total_order_consistent_with_numeric_tuples() {
        const VALUES: [u32; 6] = [0, 1, 2, 9, 10, 100];
        let mut grid: Vec<(OsVersion, [u32; 3])> = Vec::new();
        for major in VALUES {
            for minor in VALUES {
                for patch in VALUES {
                    let tuple = [major, minor, patch];
                    let mut spellings = vec![format!("{major}.{minor}.{patch}")];
                    if patch == 0 {
                        spellings.push(format!("{major}.{minor}"));
                        if minor == 0 {
                            spellings.push(format!("{major}"));
                        }
                    }
                    spellings.push(spellings[0].replace('.', "_"));
                    for text in spellings {
                        let version = v(&text);
                        assert_eq!(version.components(), tuple, "{text}");
                        assert_eq!(v(&version.to_string()), version, "round trip of {text}");
                        grid.push((version, tuple));
                    }
                }
            }
        }

        for (a, ta) in &grid {
            assert_eq!(a.cmp(a), Ordering::Equal);
            for (b, tb) in &grid {
                let ordering = a.cmp(b);
                assert_eq!(ordering, ta.cmp(tb), "{a} vs {b}");
                assert_eq!(b.cmp(a), ordering.reverse(), "antisymmetry {a} vs {b}");
                assert_eq!(a.partial_cmp(b), Some(ordering));
                assert_eq!(a == b, ordering == Ordering::Equal, "{a} == {b}");
                if a == b {
                    assert_eq!(hash_of(a), hash_of(b), "hash of {a} and {b}");
                }
            }
        }

        // Transitivity over a sample of triples (the full grid has ~10^7).
        for (a, _) in grid.iter().step_by(7) {
            for (b, _) in grid.iter().step_by(5) {
                for (c, _) in grid.iter().step_by(11) {
                    if a <= b && b <= c {
                        assert!(a <= c, "{a} <= {b} <= {c}");
                    }
                }
            }
        }

        // Sorting agrees with sorting the tuples.
        let mut shuffled: Vec<_> = grid.iter().rev().step_by(3).cloned().collect();
        shuffled.extend(grid.iter().step_by(2).cloned());
        let mut by_version = shuffled.clone();
        by_version.sort_by(|x, y| x.0.cmp(&y.0));
        let mut by_tuple = shuffled;
        by_tuple.sort_by_key(|x| x.1);
        let versions: Vec<[u32; 3]> = by_version.iter().map(|x| x.0.components()).collect();
        let tuples: Vec<[u32; 3]> = by_tuple.iter().map(|x| x.1).collect();
        assert_eq!(versions, tuples);
    }

    #[test]
    fn an_open_range_allows_everything() {
        let range = VersionRange::any();
        assert_eq!(range, VersionRange::default());
        for version in ["0", "9.3.5", "17.4", "18.7.1"] {
            assert_eq!(range.check(&v(version)), Ok(()), "{version}");
        }
    }

    #[test]
    fn a_minimum_rejects_older_versions_and_keeps_its_boundary() {
        let range = VersionRange::at_least(v("17.4"));
        assert_eq!(
            range.check(&v("17.3.1")),
            Err(VersionRuleViolation::TooOld { minimum: v("17.4") })
        );
        assert_eq!(
            range.check(&v("9.9")),
            Err(VersionRuleViolation::TooOld { minimum: v("17.4") })
        );
        assert_eq!(range.check(&v("17.4")), Ok(()));
        assert_eq!(range.check(&v("17.4.0")), Ok(()));
        assert_eq!(range.check(&v("17.10")), Ok(()));
        assert_eq!(range.check(&v("18")), Ok(()));
    }

    #[test]
    fn a_maximum_rejects_newer_versions_and_keeps_its_boundary() {
        let range = VersionRange::up_to(v("17.6"));
        assert_eq!(range.check(&v("17.6")), Ok(()));
        assert_eq!(range.check(&v("17.6.0")), Ok(()));
        assert_eq!(range.check(&v("12.5.7")), Ok(()));
        assert_eq!(
            range.check(&v("17.6.1")),
            Err(VersionRuleViolation::TooNew { maximum: v("17.6") })
        );
        assert_eq!(
            range.check(&v("18.0")),
            Err(VersionRuleViolation::TooNew { maximum: v("17.6") })
        );
    }

    #[test]
    fn a_closed_range_checks_both_ends() {
        let range = VersionRange::new(Some(v("16.0")), Some(v("17.6"))).unwrap();
        assert!(range.contains(&v("16")));
        assert!(range.contains(&v("17.0.3")));
        assert!(!range.contains(&v("15.8")));
        assert!(!range.contains(&v("17.7")));
        let single = VersionRange::new(Some(v("17.4")), Some(v("17.4.0"))).unwrap();
        assert!(single.contains(&v("17.4")));
        assert!(!single.contains(&v("17.4.1")));
    }

    #[test]
    fn violations_read_as_sentences_for_the_person_enrolling() {
        let too_old = VersionRuleViolation::TooOld { minimum: v("17.4") };
        assert_eq!(too_old.to_string(), "This device needs iOS 17.4 or later.");
        let too_new = VersionRuleViolation::TooNew { maximum: v("17.6") };
        assert_eq!(
            too_new.to_string(),
            "This device runs a newer iOS than your organization allows (up to 17.6)."
        );
        assert_eq!(
            VersionRuleViolation::TooOld { minimum: v("18") }.to_string(),
            "This device needs iOS 18 or later."
        );
        assert_eq!(
            OsVersionError::Empty.to_string(),
            "Enter a version number like 17.4."
        );
    }

    #[test]
    fn a_range_with_its_ends_swapped_is_refused() {
        assert_eq!(
            VersionRange::new(Some(v("17.6")), Some(v("17.4"))),
            Err(VersionRangeError::MinimumAboveMaximum {
                minimum: v("17.6"),
                maximum: v("17.4"),
            })
        );
        assert_eq!(
            VersionRangeError::MinimumAboveMaximum {
                minimum: v("17.6"),
                maximum: v("17.4"),
            }
            .to_string(),
            "The lowest allowed iOS version (17.6) is above the highest (17.4)."
        );
    }

    #[test]
    fn a_range_travels_as_json_and_is_checked_on_arrival() {
        let range = VersionRange::new(Some(v("16.0")), None).unwrap();
        let json = serde_json::to_string(&range).unwrap();
        assert_eq!(json, r#"{"min":"16.0","max":null}"#);
        assert_eq!(serde_json::from_str::<VersionRange>(&json).unwrap(), range);
        let open: VersionRange = serde_json::from_str("{}").unwrap();
        assert_eq!(open, VersionRange::any());
        assert!(serde_json::from_str::<VersionRange>(r#"{"min":"18","max":"17"}"#).is_err());
        assert!(serde_json::from_str::<VersionRange>(r#"{"min":"eighteen"}"#).is_err());
    }

    #[test]
    fn violations_travel_as_tagged_json() {
        let violation = VersionRuleViolation::TooNew { maximum: v("17.6") };
        let json = serde_json::to_string(&violation).unwrap();
        assert_eq!(json, r#"{"rule":"too_new","maximum":"17.6"}"#);
        assert_eq!(
            serde_json::from_str::<VersionRuleViolation>(&json).unwrap(),
            violation
        );
    }
}
