//! The device page's states and how each event moves them, as a pure
//! reducer: what the page shows (loading, the device, removed, not found,
//! a failed load) and which of the page's own requests are on their way.
//! The page (`src/pages/device/`) only turns what happens (an answer, an
//! event of the live stream, a 404, a click) into an [`Event`] and draws
//! the state; every rule about what follows what lives here, natively
//! tested.
//!
//! One word per action, as everywhere: **Rename**, **Check status**,
//! **Remote lock**, **Remove** ([`DeviceAction`]).

use portal_api::{ActionState, ActionStatus, DeviceAction, DeviceDetails, EnrollmentType};

use crate::api::ClientError;
use crate::device_updates::is_older;

/// How a device left the portal while its page was open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemovedHow {
    /// The device acknowledged the removal or checked out.
    Acknowledged,
    /// The portal stopped waiting for the device (`gives_up_at` passed).
    GaveUp,
    /// Removed by something other than this page.
    Elsewhere,
}

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    Loading,
    Device(Box<DeviceDetails>),
    NotFound,
    /// `enrollment_type` picks the words: user enrollment erases a work
    /// volume, device enrollment removes what the organization installed.
    Removed {
        name: String,
        how: RemovedHow,
        enrollment_type: EnrollmentType,
    },
    Failed(ClientError),
}

/// The kind of [`Shown`], for views that only change with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShownKind {
    Loading,
    Device,
    NotFound,
    Removed,
    Failed,
}

/// The page's own requests for an action, sent and not yet answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sent {
    pub rename: bool,
    pub check_status: bool,
    pub remote_lock: bool,
    pub remove: bool,
}

impl Sent {
    pub fn contains(&self, action: DeviceAction) -> bool {
        *self.flag(action)
    }

    fn set(&mut self, action: DeviceAction, sent: bool) {
        *self.flag_mut(action) = sent;
    }

    fn flag(&self, action: DeviceAction) -> &bool {
        match action {
            DeviceAction::Rename => &self.rename,
            DeviceAction::CheckStatus => &self.check_status,
            DeviceAction::RemoteLock => &self.remote_lock,
            DeviceAction::Remove => &self.remove,
        }
    }

    fn flag_mut(&mut self, action: DeviceAction) -> &mut bool {
        match action {
            DeviceAction::Rename => &mut self.rename,
            DeviceAction::CheckStatus => &mut self.check_status,
            DeviceAction::RemoteLock => &mut self.remote_lock,
            DeviceAction::Remove => &mut self.remove,
        }
    }
}

/// What can happen to the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A view of the device: loaded, from the live stream, or the answer
    /// to one of the page's requests.
    Details(Box<DeviceDetails>),
    /// Loading it failed (not a 404); the last known view stays.
    LoadFailed(ClientError),
    /// The device answered 404 at `now` (server time): removed while the
    /// page was open, or never here.
    Gone { now: i64 },
    /// **Try again** after a failed load.
    Retry,
    /// The page sent a request for `action`.
    Sent(DeviceAction),
    /// The portal answered (accepted or refused) the page's request for
    /// `action`; a view it answered with comes as its own `Details`.
    Answered(DeviceAction),
    /// The portal took the new name; shown before the view confirms it.
    Renamed(String),
}

/// The device page's state.
#[derive(Debug, Clone, PartialEq)]
pub struct DevicePageState {
    pub shown: Shown,
    pub sent: Sent,
    /// This page asked for a status check, so its result is worth a line
    /// ("Checked: compliant"); a result from before the page opened is not.
    pub check_status_asked: bool,
}

impl Default for DevicePageState {
    fn default() -> Self {
        DevicePageState {
            shown: Shown::Loading,
            sent: Sent::default(),
            check_status_asked: false,
        }
    }
}

impl DevicePageState {
    /// The state after `event`.
    pub fn reduce(mut self, event: Event) -> DevicePageState {
        match event {
            Event::Details(details) => self.shown = self.shown_with(details),
            Event::LoadFailed(error) => {
                // Keep showing the last known state; events or the next
                // refetch carry on.
                if matches!(self.shown, Shown::Loading | Shown::Failed(_)) {
                    self.shown = Shown::Failed(error);
                }
            }
            Event::Gone { now } => self.shown = self.shown_gone(now),
            Event::Retry => {
                if matches!(self.shown, Shown::Failed(_)) {
                    self.shown = Shown::Loading;
                }
            }
            Event::Sent(action) => {
                self.sent.set(action, true);
                if action == DeviceAction::CheckStatus {
                    self.check_status_asked = true;
                }
            }
            Event::Answered(action) => self.sent.set(action, false),
            Event::Renamed(name) => {
                if let Shown::Device(details) = &mut self.shown {
                    details.summary.display_name = name;
                }
            }
        }
        self
    }

    fn shown_with(&self, details: Box<DeviceDetails>) -> Shown {
        match &self.shown {
            // Gone is gone: a late answer does not bring the device back.
            Shown::Removed { .. } => return self.shown.clone(),
            // Answers, refetches and events can cross: never go back in time.
            Shown::Device(current) if is_older(&details, current) => return self.shown.clone(),
            _ => {}
        }
        match details.remove.as_ref().map(|removal| removal.state) {
            Some(ActionState::Succeeded) => removed(&details, RemovedHow::Acknowledged),
            Some(ActionState::TimedOut) => removed(&details, RemovedHow::GaveUp),
            _ => Shown::Device(details),
        }
    }

    fn shown_gone(&self, now: i64) -> Shown {
        match &self.shown {
            Shown::Loading | Shown::Failed(_) | Shown::NotFound => Shown::NotFound,
            Shown::Removed { .. } => self.shown.clone(),
            Shown::Device(details) => {
                let how = match &details.remove {
                    Some(removal) if removal.state == ActionState::Pending => {
                        let gave_up = removal
                            .gives_up_at
                            .is_some_and(|gives_up_at| now >= gives_up_at);
                        if gave_up {
                            RemovedHow::GaveUp
                        } else {
                            RemovedHow::Acknowledged
                        }
                    }
                    // This page asked, and the device answered (through
                    // push) before the page had the answer to its request.
                    _ if self.sent.remove => RemovedHow::Acknowledged,
                    _ => RemovedHow::Elsewhere,
                };
                removed(details, how)
            }
        }
    }

    pub fn kind(&self) -> ShownKind {
        match self.shown {
            Shown::Loading => ShownKind::Loading,
            Shown::Device(_) => ShownKind::Device,
            Shown::NotFound => ShownKind::NotFound,
            Shown::Removed { .. } => ShownKind::Removed,
            Shown::Failed(_) => ShownKind::Failed,
        }
    }

    /// The device, while the page shows it.
    pub fn details(&self) -> Option<&DeviceDetails> {
        match &self.shown {
            Shown::Device(details) => Some(details),
            _ => None,
        }
    }

    /// The name the page's heading shows, once known.
    pub fn device_name(&self) -> Option<&str> {
        match &self.shown {
            Shown::Device(details) => Some(&details.summary.display_name),
            Shown::Removed { name, .. } => Some(name),
            _ => None,
        }
    }

    /// Whether the server offers `action` for the device now.
    pub fn offers(&self, action: DeviceAction) -> bool {
        self.details()
            .is_some_and(|details| details.actions.contains(&action))
    }

    /// The device's last request for `action` (the three that reach the
    /// device; a rename does not).
    pub fn last(&self, action: DeviceAction) -> Option<&ActionStatus> {
        let details = self.details()?;
        match action {
            DeviceAction::Rename => None,
            DeviceAction::CheckStatus => details.check_status.as_ref(),
            DeviceAction::RemoteLock => details.remote_lock.as_ref(),
            DeviceAction::Remove => details.remove.as_ref(),
        }
    }

    /// `action` is under way: the page's request is on its way, or the
    /// device has not answered the last one yet.
    pub fn is_under_way(&self, action: DeviceAction) -> bool {
        self.sent.contains(action)
            || self
                .last(action)
                .is_some_and(|status| status.state == ActionState::Pending)
    }

    /// When the portal stops waiting for a pending removal or status
    /// check: the page asks for the outcome then.
    pub fn next_deadline(&self) -> Option<i64> {
        [DeviceAction::Remove, DeviceAction::CheckStatus]
            .into_iter()
            .filter_map(|action| self.last(action))
            .filter(|status| status.state == ActionState::Pending)
            .filter_map(|status| status.gives_up_at)
            .min()
    }
}

fn removed(details: &DeviceDetails, how: RemovedHow) -> Shown {
    Shown::Removed {
        name: details.summary.display_name.clone(),
        how,
        enrollment_type: details.summary.enrollment_type,
    }
}

#[cfg(test)]
mod tests {
    use portal_api::{
        ComplianceReport, ComplianceState, DeviceId, DeviceReach, DeviceSummary, Ownership,
    };

    use super::*;

    const NOW: i64 = 1_800_000_000;

    fn device() -> DeviceDetails {
        DeviceDetails {
            summary: DeviceSummary {
                id: DeviceId("d1".into()),
                display_name: "Alex’s iPhone".into(),
                model: "iPhone 15 Pro".into(),
                product_code: Some("iPhone16,1".into()),
                os_version: Some("17.4".into()),
                ownership: Ownership::Personal,
                compliance: ComplianceState::Compliant,
                last_check_in_at: Some(NOW - 60),
                enrollment_type: EnrollmentType::DeviceEnrollment,
            },
            serial_number: None,
            enrolled_at: NOW - 86_400,
            compliance: ComplianceReport {
                state: ComplianceState::Compliant,
                evaluated_at: Some(NOW - 60),
                access_until: None,
                issues: Vec::new(),
            },
            reach: DeviceReach::Reachable,
            actions: vec![
                DeviceAction::Rename,
                DeviceAction::CheckStatus,
                DeviceAction::RemoteLock,
                DeviceAction::Remove,
            ],
            remote_lock: None,
            check_status: None,
            remove: None,
            server_now: NOW,
        }
    }

    fn status(state: ActionState, requested_at: i64) -> Option<ActionStatus> {
        Some(ActionStatus {
            state,
            requested_at,
            finished_at: (state != ActionState::Pending).then_some(requested_at + 5),
            failure: (state == ActionState::Failed).then(|| "The device said no.".into()),
            failure_reason: None,
            gives_up_at: (state == ActionState::Pending).then_some(requested_at + 600),
        })
    }

    fn details(details: DeviceDetails) -> Event {
        Event::Details(Box::new(details))
    }

    fn showing(details: DeviceDetails) -> DevicePageState {
        DevicePageState::default().reduce(Event::Details(Box::new(details)))
    }

    fn events(state: DevicePageState, events: Vec<Event>) -> DevicePageState {
        events.into_iter().fold(state, DevicePageState::reduce)
    }

    #[test]
    fn loading_then_the_device() {
        let state = DevicePageState::default();
        assert_eq!(state.kind(), ShownKind::Loading);
        assert_eq!(state.device_name(), None);
        let state = state.reduce(details(device()));
        assert_eq!(state.kind(), ShownKind::Device);
        assert_eq!(state.device_name(), Some("Alex’s iPhone"));
        assert!(state.offers(DeviceAction::RemoteLock));
    }

    #[test]
    fn a_failed_load_shows_the_error_until_try_again_but_never_hides_the_device() {
        let state = DevicePageState::default().reduce(Event::LoadFailed(ClientError::Network));
        assert_eq!(state.shown, Shown::Failed(ClientError::Network));
        let state = state.reduce(Event::Retry);
        assert_eq!(state.kind(), ShownKind::Loading);
        let state = state.reduce(details(device()));
        // A refetch failing later keeps the last known device.
        let state = state.reduce(Event::LoadFailed(ClientError::Network));
        assert_eq!(state.kind(), ShownKind::Device);
        // Retry means nothing while the device is shown.
        assert_eq!(state.clone().reduce(Event::Retry), state);
    }

    #[test]
    fn a_404_before_anything_loaded_is_not_found() {
        for before in [
            DevicePageState::default(),
            DevicePageState::default().reduce(Event::LoadFailed(ClientError::Network)),
        ] {
            assert_eq!(
                before.reduce(Event::Gone { now: NOW }).shown,
                Shown::NotFound
            );
        }
    }

    #[test]
    fn each_action_is_under_way_from_the_click_until_the_device_answers() {
        for (action, pending, done) in [
            (
                DeviceAction::CheckStatus,
                DeviceDetails {
                    check_status: status(ActionState::Pending, NOW),
                    ..device()
                },
                DeviceDetails {
                    check_status: status(ActionState::Succeeded, NOW),
                    ..device()
                },
            ),
            (
                DeviceAction::RemoteLock,
                DeviceDetails {
                    remote_lock: status(ActionState::Pending, NOW),
                    ..device()
                },
                DeviceDetails {
                    remote_lock: status(ActionState::Succeeded, NOW),
                    ..device()
                },
            ),
            (
                DeviceAction::Remove,
                DeviceDetails {
                    remove: status(ActionState::Pending, NOW),
                    ..device()
                },
                DeviceDetails {
                    remove: status(ActionState::Failed, NOW),
                    ..device()
                },
            ),
        ] {
            let state = showing(device());
            assert!(!state.is_under_way(action), "{action:?}");
            let state = state.reduce(Event::Sent(action));
            assert!(state.is_under_way(action), "{action:?} sent");
            // The portal accepted it; the device has not answered yet.
            let state = events(state, vec![Event::Answered(action), details(pending)]);
            assert!(state.is_under_way(action), "{action:?} pending");
            assert_eq!(
                state.last(action).map(|s| s.state),
                Some(ActionState::Pending)
            );
            // The device answered.
            let state = state.reduce(details(done.clone()));
            assert!(!state.is_under_way(action), "{action:?} done");
            assert_eq!(state.details(), Some(&done));
            // The others were never under way.
            for other in [
                DeviceAction::Rename,
                DeviceAction::CheckStatus,
                DeviceAction::RemoteLock,
                DeviceAction::Remove,
            ] {
                if other != action {
                    assert!(!state.is_under_way(other), "{other:?} beside {action:?}");
                }
            }
        }
    }

    #[test]
    fn a_refused_request_is_no_longer_under_way_and_changes_nothing_else() {
        let state = showing(device());
        let after = events(
            state.clone(),
            vec![
                Event::Sent(DeviceAction::RemoteLock),
                Event::Answered(DeviceAction::RemoteLock),
            ],
        );
        assert!(!after.is_under_way(DeviceAction::RemoteLock));
        assert_eq!(after, state);
    }

    #[test]
    fn a_failed_or_timed_out_action_ends_with_its_reason() {
        let failed = showing(DeviceDetails {
            remote_lock: status(ActionState::Failed, NOW),
            ..device()
        });
        let last = failed.last(DeviceAction::RemoteLock).unwrap();
        assert_eq!(last.state, ActionState::Failed);
        assert_eq!(last.failure.as_deref(), Some("The device said no."));
        assert!(!failed.is_under_way(DeviceAction::RemoteLock));
        let timed_out = showing(DeviceDetails {
            check_status: status(ActionState::TimedOut, NOW),
            ..device()
        });
        assert!(!timed_out.is_under_way(DeviceAction::CheckStatus));
    }

    #[test]
    fn only_a_status_check_this_page_asked_for_is_worth_a_result_line() {
        let state = showing(DeviceDetails {
            check_status: status(ActionState::Succeeded, NOW - 100),
            ..device()
        });
        assert!(!state.check_status_asked);
        let state = state.reduce(Event::Sent(DeviceAction::CheckStatus));
        assert!(state.check_status_asked);
        let state = events(
            state,
            vec![
                Event::Answered(DeviceAction::CheckStatus),
                details(DeviceDetails {
                    check_status: status(ActionState::Succeeded, NOW),
                    ..device()
                }),
            ],
        );
        assert!(state.check_status_asked);
    }

    #[test]
    fn an_older_view_never_replaces_a_newer_one() {
        let done = DeviceDetails {
            check_status: status(ActionState::Succeeded, NOW),
            ..device()
        };
        let state = showing(done.clone());
        // The answer to the page's own request, still pending, arrives
        // after the stream's result.
        let state = state.reduce(details(DeviceDetails {
            check_status: status(ActionState::Pending, NOW),
            ..device()
        }));
        assert_eq!(state.details(), Some(&done));
    }

    #[test]
    fn a_rename_shows_the_new_name_at_once() {
        let state = events(
            showing(device()),
            vec![
                Event::Sent(DeviceAction::Rename),
                Event::Answered(DeviceAction::Rename),
                Event::Renamed("Work phone".into()),
            ],
        );
        assert_eq!(state.device_name(), Some("Work phone"));
        assert!(!state.is_under_way(DeviceAction::Rename));
    }

    #[test]
    fn removal_acknowledged_or_given_up_in_a_view_removes_the_device() {
        for (removal, how) in [
            (ActionState::Succeeded, RemovedHow::Acknowledged),
            (ActionState::TimedOut, RemovedHow::GaveUp),
        ] {
            let state = showing(DeviceDetails {
                remove: status(removal, NOW),
                summary: DeviceSummary {
                    enrollment_type: EnrollmentType::UserEnrollment,
                    ..device().summary
                },
                ..device()
            });
            assert_eq!(
                state.shown,
                Shown::Removed {
                    name: "Alex’s iPhone".into(),
                    how,
                    enrollment_type: EnrollmentType::UserEnrollment,
                }
            );
            assert_eq!(state.device_name(), Some("Alex’s iPhone"));
            assert!(state.details().is_none());
        }
    }

    fn removed_how(state: &DevicePageState) -> Option<RemovedHow> {
        match state.shown {
            Shown::Removed { how, .. } => Some(how),
            _ => None,
        }
    }

    #[test]
    fn a_404_while_the_device_is_shown_says_how_it_left() {
        // Nobody here asked: removed elsewhere (IT, another tab).
        let state = showing(device()).reduce(Event::Gone { now: NOW });
        assert_eq!(removed_how(&state), Some(RemovedHow::Elsewhere));

        // The device answered this page's removal.
        let pending = showing(DeviceDetails {
            remove: status(ActionState::Pending, NOW),
            ..device()
        });
        let state = pending.clone().reduce(Event::Gone { now: NOW + 10 });
        assert_eq!(removed_how(&state), Some(RemovedHow::Acknowledged));

        // The portal's wait ran out first.
        let state = pending.reduce(Event::Gone { now: NOW + 600 });
        assert_eq!(removed_how(&state), Some(RemovedHow::GaveUp));
    }

    #[test]
    fn the_device_answering_a_removal_before_the_page_had_its_own_answer_is_acknowledged() {
        let state = events(
            showing(device()),
            vec![
                Event::Sent(DeviceAction::Remove),
                // Through push, the device checked out before the DELETE
                // was answered: the stream ends, the refetch is a 404.
                Event::Gone { now: NOW + 1 },
            ],
        );
        assert_eq!(removed_how(&state), Some(RemovedHow::Acknowledged));
        // Then the DELETE's answer arrives, with the removal still
        // pending: the page stays removed, confirmed by the device.
        let state = events(
            state,
            vec![
                Event::Answered(DeviceAction::Remove),
                details(DeviceDetails {
                    remove: status(ActionState::Pending, NOW),
                    ..device()
                }),
                Event::Gone { now: NOW + 2 },
            ],
        );
        assert_eq!(removed_how(&state), Some(RemovedHow::Acknowledged));
    }

    #[test]
    fn the_next_deadline_is_the_earliest_pending_wait() {
        assert_eq!(showing(device()).next_deadline(), None);
        let state = showing(DeviceDetails {
            remove: status(ActionState::Pending, NOW),
            check_status: status(ActionState::Pending, NOW - 100),
            remote_lock: status(ActionState::Pending, NOW - 500),
            ..device()
        });
        // A remote lock waits for the device however long it takes.
        assert_eq!(state.next_deadline(), Some(NOW - 100 + 600));
    }
}
