//! A device's page (`src/pages/device.rs`) as the app first draws it once
//! the device is known: its name, whether it can be reached, its access to
//! company resources, the actions it allows, and what the organization can
//! see. Only what the page shows before the person does anything; the
//! "This device" mark, which only the browser knows, comes with the app.

use portal_api::{
    ActionState, ActionStatus, CommandFailureReason, ComplianceRule, ComplianceState, DeviceAction,
    DeviceDetails, DeviceReach, EnrollmentType, Ownership,
};
use portal_i18n::time::{age, relative_words, rfc3339_utc};
use portal_i18n::Arg;

use super::html::{some, Html};
use super::messages::Messages;

/// Stands for a placeholder whose value is an element, as in the app.
const SLOT: &str = "\u{E000}";

/// Whether the server draws this device's page: not once it is removed
/// (the app says so, in its own words, as it starts).
pub fn is_drawn(details: &DeviceDetails) -> bool {
    !matches!(
        details.remove.as_ref().map(|removal| removal.state),
        Some(ActionState::Succeeded | ActionState::TimedOut)
    )
}

/// The page inside `RequireSignIn`'s wrapper.
pub fn device(html: &mut Html, m: &Messages, details: &DeviceDetails, organization: Option<&str>) {
    let now = details.server_now;
    let summary = &details.summary;
    let can = |action| details.actions.contains(&action);
    let checking = is_pending(&details.check_status);
    let removing = is_pending(&details.remove);

    html.open(
        "div",
        &[("class", some("guarded")), ("aria-busy", some("false"))],
    )
    .open(
        "div",
        &[("class", some("device-page")), ("aria-busy", some("false"))],
    )
    .open("div", &[("class", some("device-heading"))])
    .element("h1", &[("tabindex", some("-1"))], &summary.display_name)
    .close("div")
    .open(
        "div",
        &[
            ("id", some("device-notice")),
            ("class", some("notice")),
            ("role", some("status")),
            ("aria-live", some("polite")),
        ],
    )
    .close("div");
    reach(html, m, details.reach, summary.last_check_in_at, now);

    // Access to company resources.
    let busy = if checking { "true" } else { "false" };
    html.open(
        "section",
        &[
            ("class", some("device-section")),
            ("aria-labelledby", some("compliance-heading")),
            ("aria-busy", some(busy)),
        ],
    )
    .element(
        "h2",
        &[("id", some("compliance-heading"))],
        &m.t("device-compliance-heading", &[]),
    );
    compliance(html, m, details, now);
    html.open(
        "div",
        &[
            ("id", some("check-status-status")),
            ("role", some("status")),
            ("aria-live", some("polite")),
        ],
    );
    let failed_line = |html: &mut Html, text: &str| {
        html.element("p", &[("class", some("action-status action-failed"))], text);
    };
    if checking {
        html.element(
            "p",
            &[("class", some("action-status action-pending"))],
            &m.t("device-checking", &[]),
        );
    } else if let Some(status) = &details.check_status {
        match status.state {
            ActionState::TimedOut => failed_line(html, &m.t("device-check-timed-out", &[])),
            ActionState::Failed => failed_line(
                html,
                &m.t1(
                    "device-check-failed",
                    "reason",
                    &action_failure_words(m, status).unwrap_or_default(),
                ),
            ),
            ActionState::Pending | ActionState::Succeeded => {}
        }
    }
    html.close("div").close("section");

    // Actions.
    html.open(
        "section",
        &[
            ("class", some("device-section")),
            ("aria-labelledby", some("actions-heading")),
        ],
    )
    .element(
        "h2",
        &[("id", some("actions-heading"))],
        &m.t("device-actions-heading", &[]),
    )
    .open("div", &[("class", some("device-actions"))]);
    let button = |html: &mut Html, id: &str, class: &str, busy: Option<&str>, text: &str| {
        html.element(
            "button",
            &[
                ("type", some("button")),
                ("id", some(id)),
                ("class", some(class)),
                ("disabled", busy.map(|_| "")),
                ("aria-busy", busy),
            ],
            text,
        );
    };
    if can(DeviceAction::Rename) {
        button(
            html,
            "device-action-rename",
            "button button-secondary",
            None,
            &m.t("device-rename", &[]),
        );
    }
    if can(DeviceAction::CheckStatus) {
        let (busy, key) = if checking {
            (Some("true"), "device-checking")
        } else {
            (None, "device-check-status")
        };
        button(
            html,
            "device-action-check-status",
            "button button-secondary",
            busy,
            &m.t(key, &[]),
        );
    }
    if can(DeviceAction::RemoteLock) {
        button(
            html,
            "device-action-remote-lock",
            "button button-secondary",
            None,
            &m.t("device-remote-lock", &[]),
        );
    }
    if can(DeviceAction::Remove) && !removing {
        button(
            html,
            "device-action-remove",
            "button button-secondary button-danger-outline",
            None,
            &m.t("device-remove", &[]),
        );
    }
    html.close("div");
    let any_action = [
        DeviceAction::Rename,
        DeviceAction::CheckStatus,
        DeviceAction::RemoteLock,
        DeviceAction::Remove,
    ]
    .into_iter()
    .any(can);
    if !any_action && !removing {
        html.element(
            "p",
            &[("class", some("muted"))],
            &m.t("device-no-actions", &[]),
        );
    }
    html.open(
        "div",
        &[
            ("id", some("remote-lock-status")),
            ("role", some("status")),
            ("aria-live", some("polite")),
        ],
    );
    if let Some(status) = &details.remote_lock {
        remote_lock(html, m, status, can(DeviceAction::RemoteLock), now);
    }
    html.close("div").open(
        "div",
        &[
            ("id", some("remove-status")),
            ("role", some("status")),
            ("aria-live", some("polite")),
        ],
    );
    if let Some(status) = &details.remove {
        removal(html, m, status);
    }
    html.close("div").close("section");

    // What the organization can see.
    html.open(
        "section",
        &[
            ("class", some("device-section")),
            ("aria-labelledby", some("facts-heading")),
        ],
    )
    .element(
        "h2",
        &[("id", some("facts-heading"))],
        &match organization {
            Some(org) => m.t1("device-facts-heading-org", "org", org),
            None => m.t("device-facts-heading", &[]),
        },
    );
    facts(html, m, details, now);
    html.open("p", &[("class", some("cannot-see"))])
        .element(
            "strong",
            &[],
            &match organization {
                Some(org) => m.t1("device-cannot-see-label-org", "org", org),
                None => m.t("device-cannot-see-label", &[]),
            },
        )
        .text(" ")
        .text(&m.t(
            match summary.enrollment_type {
                EnrollmentType::DeviceEnrollment => "enrollment-type-device-cannot-see",
                EnrollmentType::UserEnrollment => "enrollment-type-user-cannot-see",
            },
            &[],
        ))
        .close("p")
        .close("section")
        .close("div")
        .close("div");
}

fn is_pending(status: &Option<ActionStatus>) -> bool {
    status
        .as_ref()
        .is_some_and(|status| status.state == ActionState::Pending)
}

/// `DeviceReachNotice`.
fn reach(
    html: &mut Html,
    m: &Messages,
    reach: DeviceReach,
    last_check_in_at: Option<i64>,
    now: i64,
) {
    let kind = match reach {
        DeviceReach::NotConnecting => "reach-not-connecting",
        DeviceReach::PushFailing => "reach-push-failing",
        DeviceReach::Unregistered => "reach-unregistered",
        DeviceReach::Reachable | DeviceReach::Unknown => "reach-ok",
    };
    html.open(
        "div",
        &[
            ("id", some("device-reach-status")),
            ("class", some(&format!("reach-notice {kind}"))),
            ("role", some("status")),
            ("aria-live", some("polite")),
            ("data-reach", some(kind)),
        ],
    );
    let title = |html: &mut Html, key: &str| {
        html.open("p", &[("class", some("reach-title"))])
            .element("strong", &[], &m.t(key, &[]))
            .close("p");
    };
    let line = |html: &mut Html, key: &str| {
        html.element("p", &[], &m.t(key, &[]));
    };
    match reach {
        DeviceReach::Reachable | DeviceReach::Unknown => {}
        DeviceReach::NotConnecting => {
            title(html, "device-reach-not-connecting-title");
            match last_check_in_at {
                Some(at) => {
                    html.open("p", &[])
                        .text(&m.t("device-reach-not-connecting-since", &[]))
                        .text(" ");
                    relative_time(html, m, at, now);
                    html.close("p");
                }
                None => line(html, "device-reach-not-connecting-never"),
            }
            line(html, "device-reach-not-connecting-what-to-do");
            line(html, "device-reach-not-connecting-pending");
        }
        DeviceReach::PushFailing => {
            title(html, "device-reach-push-failing-title");
            line(html, "device-reach-push-failing-text");
            line(html, "device-reach-push-failing-what-to-do");
        }
        DeviceReach::Unregistered => {
            title(html, "device-reach-unregistered-title");
            line(html, "device-reach-unregistered-text");
            line(html, "device-reach-unregistered-what-to-do");
            html.open("p", &[])
                .element(
                    "a",
                    &[
                        ("class", some("button button-secondary")),
                        ("href", some("/enroll")),
                    ],
                    &m.t("device-reach-enroll-again", &[]),
                )
                .close("p");
        }
    }
    html.close("div");
}

fn compliance(html: &mut Html, m: &Messages, details: &DeviceDetails, now: i64) {
    let report = &details.compliance;
    let class = format!("compliance-headline {}", compliance_class(report.state));
    html.open("p", &[("class", some(&class))]);
    match (report.state, report.access_until) {
        (ComplianceState::InGracePeriod, Some(until)) => {
            let (before, after) = around_slot(&m.t1("compliance-grace-until", "time", SLOT));
            html.text(&before);
            exact_time(html, until);
            html.text(&after);
        }
        (state, _) => {
            html.text(&m.t(compliance_key(state), &[]));
        }
    }
    html.close("p");
    if !report.issues.is_empty() {
        html.element("h3", &[], &m.t("device-compliance-fix", &[]))
            .open("ul", &[("class", some("compliance-issues"))]);
        for issue in &report.issues {
            let (before, after) = around_slot(&m.t(
                "device-compliance-issue",
                &[
                    ("rule", Arg::from(SLOT)),
                    ("instruction", Arg::from(issue.instruction.as_str())),
                ],
            ));
            html.open("li", &[])
                .text(&before)
                .element("strong", &[], &m.t(rule_key(issue.rule), &[]))
                .text(&after)
                .close("li");
        }
        html.close("ul");
    }
    if let Some(at) = report.evaluated_at {
        let (before, after) = around_slot(&m.t1("device-compliance-checked", "time", SLOT));
        html.open("p", &[("class", some("checked-at"))])
            .text(&before);
        relative_time(html, m, at, now);
        html.text(&after).close("p");
    }
}

fn remote_lock(html: &mut Html, m: &Messages, status: &ActionStatus, can_lock: bool, now: i64) {
    let (class, key) = match status.state {
        ActionState::Pending => ("action-status action-pending", "remote-lock-pending"),
        ActionState::Succeeded => ("action-status action-ok", "remote-lock-succeeded"),
        ActionState::Failed | ActionState::TimedOut => {
            ("action-status action-failed", "remote-lock-failed")
        }
    };
    let detail = match status.state {
        ActionState::Pending => Some(m.t("device-lock-pending-hint", &[])),
        ActionState::Succeeded => None,
        ActionState::Failed => {
            Some(action_failure_words(m, status).unwrap_or_else(|| m.t("device-lock-refused", &[])))
        }
        ActionState::TimedOut => Some(
            action_failure_words(m, status).unwrap_or_else(|| m.t("device-lock-no-answer", &[])),
        ),
    };
    html.open("div", &[("class", some(class))])
        .open("p", &[("class", some("action-status-title"))])
        .element("strong", &[], &m.t(key, &[]))
        .text(" · ");
    relative_time(
        html,
        m,
        status.finished_at.unwrap_or(status.requested_at),
        now,
    );
    html.close("p");
    if let Some(detail) = detail {
        html.element("p", &[("class", some("action-status-detail"))], &detail);
    }
    let failed = matches!(status.state, ActionState::Failed | ActionState::TimedOut);
    if failed && can_lock {
        html.element(
            "button",
            &[
                ("type", some("button")),
                ("class", some("button button-secondary")),
            ],
            &m.t("device-lock-try-again", &[]),
        );
    }
    html.close("div");
}

fn removal(html: &mut Html, m: &Messages, status: &ActionStatus) {
    match status.state {
        ActionState::Pending => {
            html.open("div", &[("class", some("action-status action-pending"))])
                .open("p", &[("class", some("action-status-title"))])
                .element("strong", &[], &m.t("device-removing", &[]))
                .close("p");
            if let Some(at) = status.gives_up_at {
                let (before, after) = around_slot(&m.t1("device-removing-hint", "time", SLOT));
                html.open("p", &[("class", some("action-status-detail"))])
                    .text(&before);
                exact_time(html, at);
                html.text(&after).close("p");
            }
            html.close("div");
        }
        ActionState::Failed => {
            html.element(
                "p",
                &[("class", some("action-status action-failed"))],
                &m.t1(
                    "device-remove-failed",
                    "reason",
                    &action_failure_words(m, status).unwrap_or_default(),
                ),
            );
        }
        ActionState::Succeeded | ActionState::TimedOut => {}
    }
}

fn facts(html: &mut Html, m: &Messages, details: &DeviceDetails, now: i64) {
    let summary = &details.summary;
    let fact = |html: &mut Html, label: &str, value: &dyn Fn(&mut Html)| {
        html.open("div", &[])
            .element("dt", &[], label)
            .open("dd", &[]);
        value(html);
        html.close("dd").close("div");
    };
    html.open("dl", &[("class", some("device-facts"))]);
    fact(html, &m.t("device-fact-model", &[]), &|html| {
        html.text(&summary.model);
    });
    if let Some(code) = &summary.product_code {
        fact(html, &m.t("device-fact-model-code", &[]), &|html| {
            html.element("code", &[], code);
        });
    }
    let os = if summary
        .model
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("ipad")
    {
        m.t("os-name-ipados", &[])
    } else {
        m.t("os-name-ios", &[])
    };
    fact(html, &m.t1("os-version-label", "os", &os), &|html| {
        match &summary.os_version {
            Some(version) => html.text(version),
            None => html.text(&m.t("device-fact-os-not-reported", &[])),
        };
    });
    if let Some(serial) = &details.serial_number {
        fact(html, &m.t("device-fact-serial-number", &[]), &|html| {
            html.text(serial);
        });
    }
    fact(html, &m.t("device-fact-enrollment", &[]), &|html| {
        html.text(&m.t(
            match summary.enrollment_type {
                EnrollmentType::DeviceEnrollment => "enrollment-type-device",
                EnrollmentType::UserEnrollment => "enrollment-type-user-fact",
            },
            &[],
        ));
    });
    fact(html, &m.t("device-fact-ownership", &[]), &|html| {
        html.text(&m.t(
            match summary.ownership {
                Ownership::Personal => "ownership-personal",
                Ownership::Corporate => "ownership-corporate",
            },
            &[],
        ));
    });
    fact(html, &m.t("device-fact-enrolled", &[]), &|html| {
        relative_time(html, m, details.enrolled_at, now);
    });
    fact(
        html,
        &m.t("device-fact-last-check-in", &[]),
        &|html| match summary.last_check_in_at {
            Some(at) => relative_time(html, m, at, now),
            None => {
                html.text(&m.t("device-fact-not-checked-in", &[]));
            }
        },
    );
    html.close("dl");
}

/// `RelativeTime`: "5 minutes ago" as the browser's `Intl` says it. Its
/// `title` (the exact time in the person's time zone) is the app's to add.
fn relative_time(html: &mut Html, m: &Messages, at: i64, now: i64) {
    html.element(
        "time",
        &[("datetime", some(&rfc3339_utc(at)))],
        &relative_words(m.language(), age(at, now)),
    );
}

/// `ExactTime`: the time zone is the browser's, so until the app shows it
/// in the person's, the time in UTC.
fn exact_time(html: &mut Html, at: i64) {
    let utc = rfc3339_utc(at);
    let shown = format!("{} UTC", utc.replace('T', " ").trim_end_matches('Z'));
    html.element("time", &[("datetime", some(&utc))], &shown);
}

/// The text of `message` before and after its [`SLOT`].
fn around_slot(message: &str) -> (String, String) {
    match message.split_once(SLOT) {
        Some((before, after)) => (before.to_owned(), after.to_owned()),
        None => (message.to_owned(), String::new()),
    }
}

fn compliance_key(state: ComplianceState) -> &'static str {
    match state {
        ComplianceState::Compliant => "compliance-compliant",
        ComplianceState::InGracePeriod => "compliance-in-grace-period",
        ComplianceState::NotCompliant => "compliance-not-compliant",
        ComplianceState::Unknown => "compliance-unknown",
    }
}

fn compliance_class(state: ComplianceState) -> &'static str {
    match state {
        ComplianceState::Compliant => "compliance-ok",
        ComplianceState::InGracePeriod => "compliance-warning",
        ComplianceState::NotCompliant => "compliance-error",
        ComplianceState::Unknown => "compliance-unknown",
    }
}

fn rule_key(rule: ComplianceRule) -> &'static str {
    match rule {
        ComplianceRule::MinimumOsVersion => "rule-minimum-os-version",
        ComplianceRule::PasscodeRequired => "rule-passcode-required",
        ComplianceRule::RecentCheckIn => "rule-recent-check-in",
    }
}

/// Why an action failed, in the person's language as the app says it
/// (`src/format.rs`, `action_failure_words`): from the reason the server
/// kept, else the stored English sentence (failures recorded before it).
fn action_failure_words(m: &Messages, status: &ActionStatus) -> Option<String> {
    let Some(failure) = &status.failure_reason else {
        return status.failure.clone();
    };
    Some(match failure.reason {
        CommandFailureReason::UnreadableCommand => m.t("command-failure-unreadable", &[]),
        CommandFailureReason::DeviceError | CommandFailureReason::Unknown => failure
            .device_says
            .clone()
            .unwrap_or_else(|| m.t("command-failure-no-reason", &[])),
    })
}
