//! What the page says about the device itself: its compliance with the
//! organization's rules and what to fix, and the facts the organization
//! can (and can't) see.

use leptos::prelude::*;
use portal_api::ComplianceState;

use super::{around_slot, Page, SLOT};
use crate::components::time::{ExactTime, RelativeTime};
use crate::context::use_organization;
use crate::format::{
    cannot_see_words, compliance_class, compliance_words, enrollment_type_fact, grace_until_words,
    os_version_label, ownership_words, rule_words,
};
use crate::t;

/// Compliant or not, until when access lasts, what to fix, and when the
/// device's facts were checked.
#[component]
pub(super) fn ComplianceReportView(page: Page) -> impl IntoView {
    let details = page.details();
    move || {
        details.get().map(|details| {
            let report = details.compliance;
            let class = format!("compliance-headline {}", compliance_class(report.state));
            let headline = match (report.state, report.access_until) {
                (ComplianceState::InGracePeriod, Some(until)) => {
                    let (before, after) = around_slot(&grace_until_words(SLOT));
                    view! { {before} <ExactTime at=until /> {after} }.into_any()
                }
                (state, _) => compliance_words(state).into_any(),
            };
            let issues = (!report.issues.is_empty()).then(|| {
                view! {
                    <h3>{t!("device-compliance-fix")}</h3>
                    <ul class="compliance-issues">
                        {report
                            .issues
                            .into_iter()
                            .map(|issue| {
                                let (before, after) = around_slot(&t!(
                                    "device-compliance-issue",
                                    rule = SLOT,
                                    instruction = issue.instruction,
                                ));
                                view! {
                                    <li>
                                        {before}
                                        <strong>{rule_words(issue.rule)}</strong>
                                        {after}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            });
            let checked = report.evaluated_at.map(|at| {
                let (before, after) = around_slot(&t!("device-compliance-checked", time = SLOT));
                view! {
                    <p class="checked-at">
                        {before}
                        <RelativeTime at now=page.now() />
                        {after}
                    </p>
                }
            });
            view! {
                <p class=class>{headline}</p>
                {issues}
                {checked}
            }
        })
    }
}

/// The device's facts as the organization sees them, and what it can't see.
#[component]
pub(super) fn DeviceFacts(page: Page) -> impl IntoView {
    let organization = use_organization();
    let details = page.details();
    move || {
        details.get().map(|details| {
            let summary = details.summary;
            let enrollment_type = summary.enrollment_type;
            let os_label = os_version_label(&summary.model);
            let now = page.now();
            view! {
                <dl class="device-facts">
                    <div>
                        <dt>{t!("device-fact-model")}</dt>
                        <dd>{summary.model}</dd>
                    </div>
                    // Apple's code for the model, for IT support.
                    {summary.product_code.map(|code| view! {
                        <div>
                            <dt>{t!("device-fact-model-code")}</dt>
                            <dd><code>{code}</code></dd>
                        </div>
                    })}
                    <div>
                        <dt>{os_label}</dt>
                        <dd>
                            {summary.os_version.unwrap_or_else(|| t!("device-fact-os-not-reported"))}
                        </dd>
                    </div>
                    {details.serial_number.map(|serial| view! {
                        <div>
                            <dt>{t!("device-fact-serial-number")}</dt>
                            <dd>{serial}</dd>
                        </div>
                    })}
                    <div>
                        <dt>{t!("device-fact-enrollment")}</dt>
                        <dd>{enrollment_type_fact(enrollment_type)}</dd>
                    </div>
                    <div>
                        <dt>{t!("device-fact-ownership")}</dt>
                        <dd>{ownership_words(summary.ownership)}</dd>
                    </div>
                    <div>
                        <dt>{t!("device-fact-enrolled")}</dt>
                        <dd><RelativeTime at=details.enrolled_at now /></dd>
                    </div>
                    <div>
                        <dt>{t!("device-fact-last-check-in")}</dt>
                        <dd>
                            {match summary.last_check_in_at {
                                Some(at) => view! { <RelativeTime at now /> }.into_any(),
                                None => t!("device-fact-not-checked-in").into_any(),
                            }}
                        </dd>
                    </div>
                </dl>
                <p class="cannot-see">
                    <strong>
                        {organization.name().map_or_else(
                            || t!("device-cannot-see-label"),
                            |org| t!("device-cannot-see-label-org", org = org),
                        )}
                    </strong>
                    " "
                    {cannot_see_words(enrollment_type)}
                </p>
            }
        })
    }
}
