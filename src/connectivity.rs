//! Whether the portal can be reached right now: the browser's own view
//! (`navigator.onLine` and the `online`/`offline` events) combined with what
//! the API client saw, because a phone on Wi-Fi reports "online" while the
//! portal itself is down or unreachable.
//!
//! `App` provides one [`Connectivity`] through context; pages read
//! [`Connectivity::online`] (or [`Connectivity::status`]) to say so and to
//! hold back actions that need the server. `api.rs` reports every answer
//! with [`report_answer`]. The state is also on the page, for tests and
//! styles, as `<html data-connectivity="online|offline">`.
//!
//! While the portal is unreachable, it is asked again (`/api/health`) now
//! and then, and when the browser comes back online or the page becomes
//! visible, so the state recovers without the person doing anything.

use std::cell::Cell;
use std::time::Duration;

use gloo_net::http::RequestBuilder;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_api::routes::HEALTH;
use web_sys::RequestCache;

/// The attribute on `<html>` that mirrors [`Connectivity::online`]:
/// `data-connectivity="online"` or `"offline"`.
pub const DATA_ATTRIBUTE: &str = "data-connectivity";

/// The first retry after the portal stopped answering; each further one
/// waits twice as long, up to [`LONGEST_RETRY`].
const FIRST_RETRY: Duration = Duration::from_secs(2);
const LONGEST_RETRY: Duration = Duration::from_secs(30);

/// Why the portal cannot be reached, if it cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectivityStatus {
    Online,
    /// The browser says it has no network at all.
    Offline,
    /// The browser has a network, but the portal did not answer (down,
    /// blocked, or a proxy saying it is unavailable).
    Unreachable,
}

/// The app-wide connectivity state, in context (see [`use_connectivity`]).
#[derive(Debug, Clone, Copy)]
pub struct Connectivity {
    browser_online: RwSignal<bool>,
    server_unreachable: RwSignal<bool>,
    retry: StoredValue<Option<TimeoutHandle>>,
    next_retry: StoredValue<Duration>,
}

thread_local! {
    /// The provided instance, for [`report_answer`], which the API client
    /// calls from async code where no reactive owner (and so no context)
    /// may be current.
    static PROVIDED: Cell<Option<Connectivity>> = const { Cell::new(None) };
}

impl Connectivity {
    /// Starts following the browser's online state and makes the result
    /// available to the app. Listeners end with the current reactive owner.
    pub fn provide() -> Self {
        let connectivity = Self::detached(navigator_on_line());
        provide_context(connectivity);
        PROVIDED.with(|provided| provided.set(Some(connectivity)));

        let listeners = [
            window_event_listener_untyped("online", move |_| {
                connectivity.browser_online.set(true);
                connectivity.check_now();
            }),
            window_event_listener_untyped("offline", move |_| {
                connectivity.browser_online.set(false);
            }),
            window_event_listener_untyped("visibilitychange", move |_| {
                if document().visibility_state() == web_sys::VisibilityState::Visible {
                    connectivity.check_now();
                }
            }),
        ];
        Effect::new(move || mirror_on_document(connectivity.online().get()));
        on_cleanup(move || {
            for listener in listeners {
                listener.remove();
            }
            connectivity.cancel_retry();
            PROVIDED.with(|provided| {
                if provided
                    .get()
                    .is_some_and(|current| current.same_as(&connectivity))
                {
                    provided.set(None);
                }
            });
        });
        connectivity
    }

    /// A state that nobody updates from the browser: for components shown
    /// outside `App` (browser tests) and as the fallback of
    /// [`use_connectivity`].
    pub fn detached(browser_online: bool) -> Self {
        Self {
            browser_online: RwSignal::new(browser_online),
            server_unreachable: RwSignal::new(false),
            retry: StoredValue::new(None),
            next_retry: StoredValue::new(FIRST_RETRY),
        }
    }

    /// True when the browser has a network and the portal answered its
    /// last request (reactive).
    pub fn online(&self) -> Signal<bool> {
        let status = self.status();
        Signal::derive(move || status.get() == ConnectivityStatus::Online)
    }

    /// Online, offline, or online but the portal does not answer (reactive).
    pub fn status(&self) -> Signal<ConnectivityStatus> {
        let (browser_online, server_unreachable) = (self.browser_online, self.server_unreachable);
        Signal::derive(move || {
            if !browser_online.get() {
                ConnectivityStatus::Offline
            } else if server_unreachable.get() {
                ConnectivityStatus::Unreachable
            } else {
                ConnectivityStatus::Online
            }
        })
    }

    /// A request to the portal got no answer: count as offline until one
    /// does (asking again by itself now and then).
    pub fn report_unreachable(&self) {
        if self.server_unreachable.try_get_untracked() == Some(false) {
            self.server_unreachable.set(true);
        }
        if self.retry.try_with_value(Option::is_none) == Some(true) {
            self.schedule_retry();
        }
    }

    /// The portal answered a request (with any status it gives itself).
    pub fn report_reachable(&self) {
        self.cancel_retry();
        self.next_retry.try_set_value(FIRST_RETRY);
        if self.server_unreachable.try_get_untracked() == Some(true) {
            self.server_unreachable.set(false);
        }
    }

    /// Asks the portal at once, when it was unreachable.
    fn check_now(&self) {
        if self.server_unreachable.try_get_untracked() == Some(true) {
            self.cancel_retry();
            let connectivity = *self;
            spawn_local(async move { connectivity.probe().await });
        }
    }

    fn schedule_retry(&self) {
        let connectivity = *self;
        let delay = self.next_retry.try_get_value().unwrap_or(LONGEST_RETRY);
        self.next_retry
            .try_set_value((delay * 2).min(LONGEST_RETRY));
        match set_timeout_with_handle(
            move || {
                connectivity.retry.try_set_value(None);
                spawn_local(async move { connectivity.probe().await });
            },
            delay,
        ) {
            Ok(handle) => {
                self.retry.try_set_value(Some(handle));
            }
            Err(_) => leptos::logging::warn!("connectivity: cannot schedule a retry"),
        }
    }

    fn cancel_retry(&self) {
        if let Some(Some(handle)) = self.retry.try_update_value(Option::take) {
            handle.clear();
        }
    }

    /// `GET /api/health`, bypassing every cache; reports what happened.
    async fn probe(self) {
        let answer = match RequestBuilder::new(HEALTH)
            .cache(RequestCache::NoStore)
            .build()
        {
            Ok(request) => request.send().await.ok().map(|response| response.status()),
            Err(_) => None,
        };
        self.report(answer);
    }

    fn report(&self, status: Option<u16>) {
        if answered(status) {
            self.report_reachable();
        } else {
            self.report_unreachable();
        }
    }

    fn same_as(&self, other: &Self) -> bool {
        self.browser_online == other.browser_online
    }
}

/// The connectivity `App` provides; outside `App`, a detached one that
/// always reads online.
pub fn use_connectivity() -> Connectivity {
    use_context::<Connectivity>().unwrap_or_else(|| Connectivity::detached(true))
}

/// For the API client: the HTTP status of the answer to a request, or `None`
/// when none came (a network error; not for requests the page cancelled
/// itself). Does nothing before `App` provided a [`Connectivity`].
pub fn report_answer(status: Option<u16>) {
    if let Some(connectivity) = PROVIDED.with(Cell::get) {
        connectivity.report(status);
    }
}

/// Whether an HTTP status means the portal itself answered. 502, 503 and 504
/// come from a proxy or load balancer in front of a portal that is down.
pub fn answered(status: Option<u16>) -> bool {
    matches!(status, Some(status) if !matches!(status, 502..=504))
}

fn navigator_on_line() -> bool {
    // Without the property (never in our browsers), assume online and let
    // the API client's reports decide.
    web_sys::window().is_none_or(|window| window.navigator().on_line())
}

fn mirror_on_document(online: bool) {
    let value = if online { "online" } else { "offline" };
    crate::dom::set_root_attribute(DATA_ATTRIBUTE, Some(value));
}

#[cfg(test)]
mod tests {
    use super::answered;

    #[test]
    fn only_a_real_answer_counts_as_reachable() {
        assert!(answered(Some(200)));
        assert!(answered(Some(401)));
        assert!(answered(Some(500)));
        assert!(!answered(None));
        assert!(!answered(Some(502)));
        assert!(!answered(Some(503)));
        assert!(!answered(Some(504)));
    }
}
