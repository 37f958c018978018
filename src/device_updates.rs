//! Which of two views of a device is newer. The device page hears about
//! its device from three places that can arrive out of order: the answer
//! to an action (remote lock, check status), a refetch, and the live
//! event stream. With pushes, a device can answer before the page has the
//! answer to its own request: that answer (the action still pending) must
//! not replace the result the stream already showed, or the page would
//! say "Checking…" for ever (the stream only sends changes).

use portal_api::{ActionState, ActionStatus, DeviceDetails, DeviceReach};

/// True when `incoming` is an older view than `current`: some request it
/// shows is older than the one `current` shows, or the same request
/// still pending where `current` already has its outcome, or facts the
/// device reported earlier than those `current` holds.
pub fn is_older(incoming: &DeviceDetails, current: &DeviceDetails) -> bool {
    let actions = [
        (&incoming.remote_lock, &current.remote_lock),
        (&incoming.check_status, &current.check_status),
        (&incoming.remove, &current.remove),
    ];
    let older_action = actions
        .iter()
        .any(|(incoming, current)| action_is_older(incoming.as_ref(), current.as_ref()));
    let older_facts = is_before(
        incoming.compliance.evaluated_at,
        current.compliance.evaluated_at,
    ) || is_before(
        incoming.summary.last_check_in_at,
        current.summary.last_check_in_at,
    );
    older_action || older_facts || forgets_unregistered(incoming, current)
}

/// Apple's word that the device no longer listens (it was erased) holds
/// until the device checks in again: a view without it, and without a
/// newer check-in or request, was read before the failed push was recorded
/// (the answer to the very request whose push failed).
fn forgets_unregistered(incoming: &DeviceDetails, current: &DeviceDetails) -> bool {
    let newer_request = [
        (&incoming.remote_lock, &current.remote_lock),
        (&incoming.check_status, &current.check_status),
        (&incoming.remove, &current.remove),
    ]
    .iter()
    .any(|(incoming, current)| match (incoming, current) {
        (Some(incoming), Some(current)) => incoming.requested_at > current.requested_at,
        (Some(_), None) => true,
        (None, _) => false,
    });
    current.reach == DeviceReach::Unregistered
        && incoming.reach != DeviceReach::Unregistered
        && !newer_request
        && !is_before(
            current.summary.last_check_in_at,
            incoming.summary.last_check_in_at,
        )
}

fn action_is_older(incoming: Option<&ActionStatus>, current: Option<&ActionStatus>) -> bool {
    match (incoming, current) {
        // A request the incoming view has not heard of yet.
        (None, Some(_)) => false,
        (Some(incoming), Some(current)) => {
            incoming.requested_at < current.requested_at
                || (incoming.requested_at == current.requested_at
                    && incoming.state == ActionState::Pending
                    && current.state != ActionState::Pending)
        }
        (_, None) => false,
    }
}

fn is_before(incoming: Option<i64>, current: Option<i64>) -> bool {
    matches!((incoming, current), (Some(incoming), Some(current)) if incoming < current)
}

#[cfg(test)]
mod tests {
    use portal_api::{
        ComplianceReport, ComplianceState, DeviceId, DeviceSummary, EnrollmentType, Ownership,
    };

    use super::*;

    fn device() -> DeviceDetails {
        DeviceDetails {
            summary: DeviceSummary {
                id: DeviceId("d1".into()),
                display_name: "Alex's iPhone".into(),
                model: "iPhone".into(),
                product_code: None,
                os_version: Some("17.4".into()),
                enrollment_type: EnrollmentType::DeviceEnrollment,
                ownership: Ownership::Personal,
                compliance: ComplianceState::Compliant,
                last_check_in_at: Some(1_000),
            },
            serial_number: None,
            enrolled_at: 900,
            compliance: ComplianceReport {
                state: ComplianceState::Compliant,
                evaluated_at: Some(1_000),
                access_until: None,
                issues: Vec::new(),
            },
            actions: Vec::new(),
            remote_lock: None,
            check_status: None,
            remove: None,
            reach: DeviceReach::Reachable,
            server_now: 1_000,
        }
    }

    fn status(state: ActionState, requested_at: i64) -> Option<ActionStatus> {
        Some(ActionStatus {
            state,
            requested_at,
            finished_at: (state != ActionState::Pending).then_some(requested_at),
            failure: None,
            failure_reason: None,
            gives_up_at: None,
        })
    }

    #[test]
    fn the_answer_to_a_request_is_older_than_its_outcome() {
        let finished = DeviceDetails {
            check_status: status(ActionState::Succeeded, 1_000),
            ..device()
        };
        let answer = DeviceDetails {
            check_status: status(ActionState::Pending, 1_000),
            ..device()
        };
        assert!(is_older(&answer, &finished));
        assert!(!is_older(&finished, &answer));
    }

    #[test]
    fn a_view_from_before_the_failed_push_does_not_forget_the_erased_device() {
        let pending = status(ActionState::Pending, 1_000);
        let unregistered = DeviceDetails {
            check_status: pending.clone(),
            reach: DeviceReach::Unregistered,
            ..device()
        };
        // The answer to the check-status request itself, read before the
        // push failed, arriving after the stream's news.
        let answer = DeviceDetails {
            check_status: pending,
            ..device()
        };
        assert!(is_older(&answer, &unregistered));
        assert!(!is_older(&unregistered, &answer));
        // A new request, or the device checking in again, is newer.
        let asked_again = DeviceDetails {
            check_status: status(ActionState::Pending, 1_001),
            ..device()
        };
        assert!(!is_older(&asked_again, &unregistered));
        let checked_in = DeviceDetails {
            summary: DeviceSummary {
                last_check_in_at: Some(1_001),
                ..device().summary
            },
            ..answer
        };
        assert!(!is_older(&checked_in, &unregistered));
    }

    #[test]
    fn a_new_request_is_newer_than_the_last_outcome() {
        let finished = DeviceDetails {
            remote_lock: status(ActionState::Failed, 1_000),
            ..device()
        };
        let again = DeviceDetails {
            remote_lock: status(ActionState::Pending, 1_001),
            ..device()
        };
        assert!(!is_older(&again, &finished));
        assert!(is_older(&finished, &again));
        // A first request ever.
        assert!(!is_older(&again, &device()));
    }

    #[test]
    fn earlier_facts_are_older() {
        let later = DeviceDetails {
            compliance: ComplianceReport {
                evaluated_at: Some(1_005),
                ..device().compliance
            },
            ..device()
        };
        assert!(is_older(&device(), &later));
        assert!(!is_older(&later, &device()));
        // The same view is not older than itself: applying it is harmless.
        assert!(!is_older(&later, &later));
    }
}
