//! The device a message is checked for, and which keys apply to it
//! (`supportedOS` with inheritance, as docs/schema.md describes).

use std::cmp::Ordering;
use std::fmt;

use crate::definition::{compare_versions, Mode, OsSupport, OsVersion, SupportedOs};

/// Apple's platforms, as `supportedOS` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    Ios,
    Macos,
    Tvos,
    Visionos,
    Watchos,
}

impl fmt::Display for Os {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Os::Ios => "iOS",
            Os::Macos => "macOS",
            Os::Tvos => "tvOS",
            Os::Visionos => "visionOS",
            Os::Watchos => "watchOS",
        })
    }
}

/// How the device is enrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enrollment {
    /// Device enrollment (profile-based or automated): UDID identifies it.
    Device,
    /// User enrollment (BYOD): EnrollmentID instead of UDID, fewer keys.
    User,
}

/// The device a plist is checked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    pub os: Os,
    /// Dotted version, e.g. `"17.4"`.
    pub version: String,
    pub enrollment: Enrollment,
    /// Shared iPad: keys with `sharedipad: {mode: required}` (the user
    /// channel's UserID...) apply only there.
    pub shared_ipad: bool,
}

impl Context {
    /// An iOS device of that version, device enrollment, not a Shared iPad.
    pub fn ios(version: &str) -> Context {
        Context {
            os: Os::Ios,
            version: version.to_owned(),
            enrollment: Enrollment::Device,
            shared_ipad: false,
        }
    }

    /// The same device under another enrollment.
    pub fn with_enrollment(mut self, enrollment: Enrollment) -> Context {
        self.enrollment = enrollment;
        self
    }

    /// The same device as (or not as) a Shared iPad.
    pub fn with_shared_ipad(mut self, shared_ipad: bool) -> Context {
        self.shared_ipad = shared_ipad;
        self
    }

    fn version_parts(&self) -> Vec<u32> {
        // An unparsable version compares as 0, so everything "introduced"
        // later is reported: loud rather than silently permissive.
        match OsVersion::parse(&self.version) {
            Some(OsVersion::Version(parts)) => parts,
            _ => vec![0],
        }
    }
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.os, self.version)?;
        match self.enrollment {
            Enrollment::Device => f.write_str(", device enrollment")?,
            Enrollment::User => f.write_str(", user enrollment")?,
        }
        if self.shared_ipad {
            f.write_str(", Shared iPad")?;
        }
        Ok(())
    }
}

/// Why a payload or key does not apply to the context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Absence {
    /// `supportedOS` names no entry for the OS.
    NotOnOs { os: Os },
    /// `introduced: n/a`.
    NeverOnOs { os: Os },
    /// `introduced` later than the context's version.
    NotYetIntroduced { os: Os, introduced: String },
    /// `removed` at or before the context's version.
    Removed { os: Os, removed: String },
    /// `userenrollment: {mode: forbidden}` under user enrollment.
    ForbiddenUnderUserEnrollment,
    /// `userenrollment: {mode: required}` without user enrollment.
    OnlyUnderUserEnrollment,
    /// `sharedipad: {mode: forbidden}` on a Shared iPad.
    ForbiddenOnSharedIpad,
    /// `sharedipad: {mode: required}` on another device.
    OnlyOnSharedIpad,
}

impl fmt::Display for Absence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Absence::NotOnOs { os } => write!(f, "not supported on {os} (no {os} entry)"),
            Absence::NeverOnOs { os } => write!(f, "never on {os} (introduced: n/a)"),
            Absence::NotYetIntroduced { os, introduced } => {
                write!(f, "introduced only in {os} {introduced}")
            }
            Absence::Removed { os, removed } => write!(f, "removed in {os} {removed}"),
            Absence::ForbiddenUnderUserEnrollment => {
                f.write_str("forbidden under user enrollment (userenrollment mode: forbidden)")
            }
            Absence::OnlyUnderUserEnrollment => {
                f.write_str("only under user enrollment (userenrollment mode: required)")
            }
            Absence::ForbiddenOnSharedIpad => {
                f.write_str("forbidden on Shared iPad (sharedipad mode: forbidden)")
            }
            Absence::OnlyOnSharedIpad => {
                f.write_str("only on Shared iPad (sharedipad mode: required)")
            }
        }
    }
}

/// Whether a key applies, and if so whether it must be present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Applicability {
    Applies {
        required: bool,
        /// Required because of `userenrollment: {mode: required}`.
        by_user_enrollment: bool,
    },
    Absent(Absence),
}

impl SupportedOs {
    /// The entry for one OS.
    pub fn for_os(&self, os: Os) -> Option<&OsSupport> {
        match os {
            Os::Ios => self.ios.as_ref(),
            Os::Macos => self.macos.as_ref(),
            Os::Tvos => self.tvos.as_ref(),
            Os::Visionos => self.visionos.as_ref(),
            Os::Watchos => self.watchos.as_ref(),
        }
    }
}

/// A key's support on the context's OS: the parent's, updated with the key's
/// own fields. `None`: neither names the OS, so the key is not on it.
///
/// `introduced`/`deprecated`/`removed` are inherited. The enrollment modes are
/// not: a payload's `userenrollment: required` means "this payload only under
/// user enrollment" and is checked once at the top; inherited, it would make
/// every optional key mandatory.
pub(crate) fn inherit(parent: Option<&OsSupport>, own: Option<&OsSupport>) -> Option<OsSupport> {
    match (parent, own) {
        (None, None) => None,
        (Some(p), None) => Some(OsSupport {
            userenrollment: None,
            sharedipad: None,
            ..p.clone()
        }),
        (p, Some(o)) => Some(OsSupport {
            introduced: o
                .introduced
                .clone()
                .or_else(|| p.and_then(|p| p.introduced.clone())),
            deprecated: o
                .deprecated
                .clone()
                .or_else(|| p.and_then(|p| p.deprecated.clone())),
            removed: o
                .removed
                .clone()
                .or_else(|| p.and_then(|p| p.removed.clone())),
            userenrollment: o.userenrollment.clone(),
            sharedipad: o.sharedipad.clone(),
        }),
    }
}

impl Context {
    /// Whether something with this (already inherited) support applies, and
    /// whether it must then be present given its `presence`.
    pub(crate) fn applicability(
        &self,
        support: Option<&OsSupport>,
        presence_required: bool,
    ) -> Applicability {
        let Some(support) = support else {
            return Applicability::Absent(Absence::NotOnOs { os: self.os });
        };
        let version = self.version_parts();
        match &support.introduced {
            Some(OsVersion::NotAvailable) => {
                return Applicability::Absent(Absence::NeverOnOs { os: self.os })
            }
            Some(OsVersion::Version(v)) if compare_versions(v, &version) == Ordering::Greater => {
                return Applicability::Absent(Absence::NotYetIntroduced {
                    os: self.os,
                    introduced: OsVersion::Version(v.clone()).to_string(),
                });
            }
            _ => {}
        }
        if let Some(OsVersion::Version(v)) = &support.removed {
            if compare_versions(v, &version) != Ordering::Greater {
                return Applicability::Absent(Absence::Removed {
                    os: self.os,
                    removed: OsVersion::Version(v.clone()).to_string(),
                });
            }
        }
        let user_mode = support.userenrollment.as_ref().and_then(|m| m.mode);
        let mut by_user_enrollment = false;
        match (self.enrollment, user_mode) {
            (Enrollment::User, Some(Mode::Forbidden)) => {
                return Applicability::Absent(Absence::ForbiddenUnderUserEnrollment)
            }
            (Enrollment::Device, Some(Mode::Required)) => {
                return Applicability::Absent(Absence::OnlyUnderUserEnrollment)
            }
            (Enrollment::User, Some(Mode::Required)) => by_user_enrollment = true,
            _ => {}
        }
        // Shared iPad's `required` marks the user channel's keys: they apply
        // only on a Shared iPad, but not on its device channel, so they are
        // never forced present.
        match (
            self.shared_ipad,
            support.sharedipad.as_ref().and_then(|m| m.mode),
        ) {
            (true, Some(Mode::Forbidden)) => {
                return Applicability::Absent(Absence::ForbiddenOnSharedIpad)
            }
            (false, Some(Mode::Required)) => {
                return Applicability::Absent(Absence::OnlyOnSharedIpad)
            }
            _ => {}
        }
        Applicability::Applies {
            required: presence_required || by_user_enrollment,
            by_user_enrollment,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Vec<u32> {
        match OsVersion::parse(text) {
            Some(OsVersion::Version(p)) => p,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn versions_compare_numerically() {
        assert_eq!(compare_versions(&v("17.4"), &v("9.0")), Ordering::Greater);
        assert_eq!(
            compare_versions(&v("10.13.4"), &v("10.13")),
            Ordering::Greater
        );
        assert_eq!(compare_versions(&v("17"), &v("17.0")), Ordering::Equal);
        assert_eq!(OsVersion::parse("n/a"), Some(OsVersion::NotAvailable));
        assert_eq!(OsVersion::parse("x"), None);
    }

    #[test]
    fn introduced_removed_and_modes() {
        let ctx = Context::ios("17.4");
        let introduced = |s: &str| OsSupport {
            introduced: OsVersion::parse(s),
            ..OsSupport::default()
        };
        assert!(matches!(
            ctx.applicability(Some(&introduced("18.0")), false),
            Applicability::Absent(Absence::NotYetIntroduced { .. })
        ));
        assert!(matches!(
            ctx.applicability(Some(&introduced("17.4")), true),
            Applicability::Applies { required: true, .. }
        ));
        let removed = OsSupport {
            removed: OsVersion::parse("17.4"),
            ..introduced("4.0")
        };
        assert!(matches!(
            ctx.applicability(Some(&removed), false),
            Applicability::Absent(Absence::Removed { .. })
        ));
        assert_eq!(
            ctx.applicability(None, false),
            Applicability::Absent(Absence::NotOnOs { os: Os::Ios })
        );
    }
}
