//! Noticing that the user is back on a page: iOS users leave Safari for
//! Settings (to install a profile) and come back, or Safari restores the
//! page from its back-forward cache, where timers and event streams were
//! paused. Pages that show live state refresh then instead of trusting
//! what they showed before.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Calls `refresh` when the page becomes visible again, and
/// `restored` (to reopen event streams) then `refresh` when the page comes
/// back from the back-forward cache. The listeners go with the current
/// reactive owner.
pub fn on_return_to_page(refresh: impl Fn() + Clone + 'static, restored: impl Fn() + 'static) {
    let refresh_when_visible = refresh.clone();
    let listeners = [
        window_event_listener_untyped("visibilitychange", move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                refresh_when_visible();
            }
        }),
        window_event_listener_untyped("pageshow", move |event| {
            let from_cache = event
                .dyn_ref::<web_sys::PageTransitionEvent>()
                .is_some_and(web_sys::PageTransitionEvent::persisted);
            if from_cache {
                restored();
                refresh();
            }
        }),
    ];
    on_cleanup(move || {
        for listener in listeners {
            listener.remove();
        }
    });
}
