//! Whether a device meets the organization's rules: a pure function of the
//! device's last reported facts, the time and when it first failed, so it
//! is evaluated on every read (the recent check-in rule and the grace
//! period depend on the time) and tested without a server.

use portal_api::{ComplianceIssue, ComplianceReport, ComplianceRule, ComplianceState, OsVersion};

use crate::clock::Timestamp;

pub const SECONDS_PER_DAY: i64 = 24 * 60 * 60;

/// The organization's rules (columns of `organizations`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompliancePolicy {
    /// `None`: any version.
    pub min_os_version: Option<OsVersion>,
    pub passcode_required: bool,
    /// `None`: no check-in rule.
    pub max_days_since_check_in: Option<u32>,
    /// How long a device that starts failing keeps access.
    pub grace_period_days: u32,
}

/// What the portal knows about the device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplianceFacts<'a> {
    pub os_version: Option<&'a str>,
    pub passcode_present: Option<bool>,
    pub last_check_in_at: Option<Timestamp>,
    /// When the device last answered a status check; `None`: never, so the
    /// device is not evaluated (`Unknown`).
    pub facts_reported_at: Option<Timestamp>,
    /// When it first failed a rule, as stored from the last evaluation.
    pub non_compliant_since: Option<Timestamp>,
}

/// The report, and the `non_compliant_since` to store for next time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub report: ComplianceReport,
    pub non_compliant_since: Option<Timestamp>,
}

pub fn os_instruction(min: &OsVersion) -> String {
    format!("Update iOS to {min} or later: Settings > General > Software Update")
}

pub const PASSCODE_INSTRUCTION: &str =
    "Set a passcode: Settings > Face ID & Passcode (or Touch ID & Passcode) > Turn Passcode On";

pub fn check_in_instruction(last_check_in_at: Option<Timestamp>, now: Timestamp) -> String {
    let when = match last_check_in_at {
        Some(last) => {
            let days = (now - last).max(0) / SECONDS_PER_DAY;
            let unit = if days == 1 { "day" } else { "days" };
            format!("last check-in {days} {unit} ago")
        }
        None => "it hasn't checked in yet".to_owned(),
    };
    format!("Open the portal or keep the device on and connected so it can check in ({when})")
}

/// Evaluates `policy` on `facts` at `now`.
///
/// A failing device keeps access for the grace period, counted from when it
/// first failed: the stored `non_compliant_since`, else the moment the
/// failure became known (the facts' report, or the day the check-in became
/// too old). Exactly at the end of the grace period it still has access;
/// one second later it has not.
pub fn evaluate(
    policy: &CompliancePolicy,
    facts: &ComplianceFacts<'_>,
    now: Timestamp,
) -> Evaluation {
    let Some(reported_at) = facts.facts_reported_at else {
        return Evaluation {
            report: ComplianceReport {
                state: ComplianceState::Unknown,
                evaluated_at: None,
                access_until: None,
                issues: Vec::new(),
            },
            non_compliant_since: None,
        };
    };

    let mut issues = Vec::new();
    // When each failure became known, to start the grace period from.
    let mut failing_since = Vec::new();
    if let Some(min) = &policy.min_os_version {
        // A version the device did not report or that does not parse cannot
        // be shown to meet the rule.
        let meets = facts
            .os_version
            .and_then(|version| OsVersion::parse(version).ok())
            .is_some_and(|version| &version >= min);
        if !meets {
            issues.push(ComplianceIssue {
                rule: ComplianceRule::MinimumOsVersion,
                instruction: os_instruction(min),
            });
            failing_since.push(reported_at);
        }
    }
    if policy.passcode_required && facts.passcode_present != Some(true) {
        issues.push(ComplianceIssue {
            rule: ComplianceRule::PasscodeRequired,
            instruction: PASSCODE_INSTRUCTION.to_owned(),
        });
        failing_since.push(reported_at);
    }
    if let Some(max_days) = policy.max_days_since_check_in {
        let allowed = i64::from(max_days) * SECONDS_PER_DAY;
        let stale_since = match facts.last_check_in_at {
            Some(last) if now - last > allowed => Some(last + allowed),
            Some(_) => None,
            None => Some(reported_at),
        };
        if let Some(since) = stale_since {
            issues.push(ComplianceIssue {
                rule: ComplianceRule::RecentCheckIn,
                instruction: check_in_instruction(facts.last_check_in_at, now),
            });
            failing_since.push(since);
        }
    }

    if issues.is_empty() {
        return Evaluation {
            report: ComplianceReport {
                state: ComplianceState::Compliant,
                evaluated_at: Some(reported_at),
                access_until: None,
                issues,
            },
            non_compliant_since: None,
        };
    }
    let since = facts
        .non_compliant_since
        .or_else(|| failing_since.iter().copied().min())
        .unwrap_or(now);
    let access_until = since + i64::from(policy.grace_period_days) * SECONDS_PER_DAY;
    let (state, access_until) = if now <= access_until {
        (ComplianceState::InGracePeriod, Some(access_until))
    } else {
        (ComplianceState::NotCompliant, None)
    };
    Evaluation {
        report: ComplianceReport {
            state,
            evaluated_at: Some(reported_at),
            access_until,
            issues,
        },
        non_compliant_since: Some(since),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Timestamp = 1_767_225_600;
    const DAY: i64 = SECONDS_PER_DAY;

    fn policy() -> CompliancePolicy {
        CompliancePolicy {
            min_os_version: Some(OsVersion::new(17, 0, 0)),
            passcode_required: true,
            max_days_since_check_in: Some(7),
            grace_period_days: 3,
        }
    }

    fn good() -> ComplianceFacts<'static> {
        ComplianceFacts {
            os_version: Some("17.4.1"),
            passcode_present: Some(true),
            last_check_in_at: Some(NOW - 60),
            facts_reported_at: Some(NOW - 60),
            non_compliant_since: None,
        }
    }

    fn rules(evaluation: &Evaluation) -> Vec<ComplianceRule> {
        evaluation.report.issues.iter().map(|i| i.rule).collect()
    }

    #[test]
    fn never_reported_is_unknown() {
        let facts = ComplianceFacts {
            facts_reported_at: None,
            ..good()
        };
        let evaluation = evaluate(&policy(), &facts, NOW);
        assert_eq!(evaluation.report.state, ComplianceState::Unknown);
        assert_eq!(evaluation.report.evaluated_at, None);
        assert!(evaluation.report.issues.is_empty());
        assert_eq!(evaluation.non_compliant_since, None);
    }

    #[test]
    fn meeting_every_rule_is_compliant_and_clears_the_failure_time() {
        let facts = ComplianceFacts {
            non_compliant_since: Some(NOW - DAY),
            ..good()
        };
        let evaluation = evaluate(&policy(), &facts, NOW);
        assert_eq!(evaluation.report.state, ComplianceState::Compliant);
        assert_eq!(evaluation.report.evaluated_at, Some(NOW - 60));
        assert_eq!(evaluation.report.access_until, None);
        assert_eq!(evaluation.non_compliant_since, None);
    }

    #[test]
    fn an_older_ios_fails_the_minimum_version_with_the_update_instruction() {
        for version in ["16.7.5", "16.99", "not a version"] {
            let facts = ComplianceFacts {
                os_version: Some(version),
                ..good()
            };
            let evaluation = evaluate(&policy(), &facts, NOW);
            assert_eq!(
                rules(&evaluation),
                [ComplianceRule::MinimumOsVersion],
                "{version}"
            );
            assert_eq!(
                evaluation.report.issues[0].instruction,
                "Update iOS to 17.0 or later: Settings > General > Software Update"
            );
        }
        for version in ["17", "17.0", "17.0.0", "18.1"] {
            let facts = ComplianceFacts {
                os_version: Some(version),
                ..good()
            };
            assert!(
                rules(&evaluate(&policy(), &facts, NOW)).is_empty(),
                "{version}"
            );
        }
        let unreported = ComplianceFacts {
            os_version: None,
            ..good()
        };
        assert_eq!(
            rules(&evaluate(&policy(), &unreported, NOW)),
            [ComplianceRule::MinimumOsVersion]
        );
        let any_version = CompliancePolicy {
            min_os_version: None,
            ..policy()
        };
        assert!(rules(&evaluate(&any_version, &unreported, NOW)).is_empty());
    }

    #[test]
    fn a_missing_passcode_fails_when_required() {
        for present in [Some(false), None] {
            let facts = ComplianceFacts {
                passcode_present: present,
                ..good()
            };
            let evaluation = evaluate(&policy(), &facts, NOW);
            assert_eq!(rules(&evaluation), [ComplianceRule::PasscodeRequired]);
            assert_eq!(
                evaluation.report.issues[0].instruction,
                "Set a passcode: Settings > Face ID & Passcode (or Touch ID & Passcode) > Turn Passcode On"
            );
        }
        let optional = CompliancePolicy {
            passcode_required: false,
            ..policy()
        };
        let facts = ComplianceFacts {
            passcode_present: Some(false),
            ..good()
        };
        assert!(rules(&evaluate(&optional, &facts, NOW)).is_empty());
    }

    #[test]
    fn an_old_check_in_fails_after_the_allowed_days() {
        let exactly = ComplianceFacts {
            last_check_in_at: Some(NOW - 7 * DAY),
            ..good()
        };
        assert!(rules(&evaluate(&policy(), &exactly, NOW)).is_empty());
        let late = ComplianceFacts {
            last_check_in_at: Some(NOW - 7 * DAY - 1),
            ..good()
        };
        let evaluation = evaluate(&policy(), &late, NOW);
        assert_eq!(rules(&evaluation), [ComplianceRule::RecentCheckIn]);
        assert_eq!(
            evaluation.report.issues[0].instruction,
            "Open the portal or keep the device on and connected so it can check in \
             (last check-in 7 days ago)"
        );
        // The grace period starts when the check-in became too old.
        assert_eq!(evaluation.non_compliant_since, Some(NOW - 1));
        assert!(check_in_instruction(Some(NOW - DAY - 5), NOW).contains("1 day ago"));
        assert!(check_in_instruction(None, NOW).contains("it hasn't checked in yet"));
    }

    #[test]
    fn a_new_failure_starts_the_grace_period_and_keeps_access_until_its_end() {
        let facts = ComplianceFacts {
            passcode_present: Some(false),
            facts_reported_at: Some(NOW),
            ..good()
        };
        let first = evaluate(&policy(), &facts, NOW);
        assert_eq!(first.report.state, ComplianceState::InGracePeriod);
        assert_eq!(first.report.access_until, Some(NOW + 3 * DAY));
        assert_eq!(first.non_compliant_since, Some(NOW));

        // Later evaluations count from the stored first failure.
        let stored = ComplianceFacts {
            non_compliant_since: first.non_compliant_since,
            facts_reported_at: Some(NOW + 2 * DAY),
            ..facts.clone()
        };
        let at_end = evaluate(&policy(), &stored, NOW + 3 * DAY);
        assert_eq!(at_end.report.state, ComplianceState::InGracePeriod);
        assert_eq!(at_end.report.access_until, Some(NOW + 3 * DAY));
        let after = evaluate(&policy(), &stored, NOW + 3 * DAY + 1);
        assert_eq!(after.report.state, ComplianceState::NotCompliant);
        assert_eq!(after.report.access_until, None);
        assert_eq!(after.non_compliant_since, Some(NOW));
        assert_eq!(after.report.evaluated_at, Some(NOW + 2 * DAY));
    }

    #[test]
    fn several_failures_are_all_listed() {
        let facts = ComplianceFacts {
            os_version: Some("16.0"),
            passcode_present: Some(false),
            last_check_in_at: Some(NOW - 30 * DAY),
            ..good()
        };
        let evaluation = evaluate(&policy(), &facts, NOW);
        assert_eq!(
            rules(&evaluation),
            [
                ComplianceRule::MinimumOsVersion,
                ComplianceRule::PasscodeRequired,
                ComplianceRule::RecentCheckIn
            ]
        );
        assert_eq!(evaluation.report.state, ComplianceState::NotCompliant);
    }

    #[test]
    fn no_grace_period_means_access_ends_at_once() {
        let strict = CompliancePolicy {
            grace_period_days: 0,
            ..policy()
        };
        let facts = ComplianceFacts {
            passcode_present: Some(false),
            facts_reported_at: Some(NOW),
            ..good()
        };
        assert_eq!(
            evaluate(&strict, &facts, NOW).report.state,
            ComplianceState::InGracePeriod
        );
        assert_eq!(
            evaluate(&strict, &facts, NOW + 1).report.state,
            ComplianceState::NotCompliant
        );
    }
}
