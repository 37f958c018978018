//! Following an enrollment live: `GET /api/enrollments/{id}/events`
//! (server-sent events, one `Enrollment` JSON per message) through the
//! browser's `EventSource`, closed when the [`EnrollmentEvents`] is dropped.
//!
//! `EventSource` reconnects by itself after a dropped connection; each
//! error is still reported, so the page can refetch the enrollment in the
//! meantime (and poll once the source gave up for good).

use portal_api::routes;
use portal_api::Enrollment;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventSource, MessageEvent};

/// An open event stream of one enrollment. Dropping it closes the stream.
pub struct EnrollmentEvents {
    source: EventSource,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl EnrollmentEvents {
    /// Opens the stream of enrollment `id`: `on_update` gets every
    /// enrollment the server sends; `on_error` runs when the connection
    /// fails, with `true` when the browser gave up reconnecting.
    /// `None` when the browser has no `EventSource` or refuses the URL.
    pub fn open(
        id: &str,
        on_update: impl Fn(Enrollment) + 'static,
        on_error: impl Fn(bool) + 'static,
    ) -> Option<Self> {
        let supported =
            js_sys::Reflect::has(&js_sys::global(), &"EventSource".into()).unwrap_or(false);
        if !supported {
            return None;
        }
        let source = EventSource::new(&routes::enrollment_events(id)).ok()?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            // A message that is not an enrollment (a newer server) is skipped.
            if let Some(enrollment) = event
                .data()
                .as_string()
                .and_then(|data| serde_json::from_str::<Enrollment>(&data).ok())
            {
                on_update(enrollment);
            }
        });
        let errored_source = source.clone();
        let on_error = Closure::<dyn FnMut(Event)>::new(move |_event: Event| {
            on_error(errored_source.ready_state() == EventSource::CLOSED);
        });
        source.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Self {
            source,
            _on_message: on_message,
            _on_error: on_error,
        })
    }
}

impl Drop for EnrollmentEvents {
    fn drop(&mut self) {
        self.source.set_onmessage(None);
        self.source.set_onerror(None);
        self.source.close();
    }
}
