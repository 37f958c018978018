//! Following something live through server-sent events: the browser's
//! `EventSource` on one of the API's `/events` routes (one JSON value per
//! message), closed when the [`ServerEvents`] is dropped. The enrollment
//! page follows its `Enrollment`, the device page its `DeviceDetails`.
//!
//! `EventSource` reconnects by itself after a dropped connection; each
//! error is still reported, so the page can refetch in the meantime (and
//! poll once the source gave up for good, e.g. because a removed device's
//! stream answers 404).

use std::time::Duration;

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventSource, MessageEvent};

/// An open event stream. Dropping it closes the stream.
pub struct ServerEvents {
    source: EventSource,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl ServerEvents {
    /// Opens the stream at `url`: `on_update` gets every value the server
    /// sends; `on_error` runs when the connection fails, with `true` when
    /// the browser gave up reconnecting. `None` when the browser has no
    /// `EventSource` or refuses the URL.
    pub fn open<T: DeserializeOwned + 'static>(
        url: &str,
        on_update: impl Fn(T) + 'static,
        on_error: impl Fn(bool) + 'static,
    ) -> Option<Self> {
        let supported =
            js_sys::Reflect::has(&js_sys::global(), &"EventSource".into()).unwrap_or(false);
        if !supported {
            return None;
        }
        let source = EventSource::new(url).ok()?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            // A message this SPA cannot read (a newer server) is skipped.
            if let Some(value) = event
                .data()
                .as_string()
                .and_then(|data| serde_json::from_str::<T>(&data).ok())
            {
                on_update(value);
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

impl Drop for ServerEvents {
    fn drop(&mut self) {
        self.source.set_onmessage(None);
        self.source.set_onerror(None);
        self.source.close();
    }
}

/// Follows the stream at `url()` for as long as it is `Some` (and again
/// whenever it changes): every value goes to `on_update`; a connection
/// error asks for a `refresh`; and where the browser has no `EventSource`
/// or gave up reconnecting, `refresh` runs every `poll_every` instead.
/// Everything stops with the current reactive owner.
///
/// Returns a counter: bump it to reopen the stream (after the back-forward
/// cache or being offline, when the old connection may be dead).
pub fn follow_live<T: DeserializeOwned + 'static>(
    url: impl Fn() -> Option<String> + 'static,
    on_update: impl Fn(T) + Clone + 'static,
    refresh: impl Fn() + Copy + 'static,
    poll_every: Duration,
) -> RwSignal<u32> {
    let reconnect = RwSignal::new(0_u32);
    let events = StoredValue::new_local(None::<ServerEvents>);
    let poll = StoredValue::new(None::<IntervalHandle>);
    let stop_following = move || {
        events.try_update_value(|events| *events = None);
        if let Some(Some(handle)) = poll.try_update_value(Option::take) {
            handle.clear();
        }
    };
    let start_polling = move || {
        if poll.with_value(Option::is_none) {
            if let Ok(handle) = set_interval_with_handle(refresh, poll_every) {
                poll.set_value(Some(handle));
            }
        }
    };
    Effect::new(move || {
        reconnect.track();
        let url = url();
        stop_following();
        let Some(url) = url else {
            return;
        };
        let opened = ServerEvents::open(&url, on_update.clone(), move |gave_up| {
            refresh();
            if gave_up {
                start_polling();
            }
        });
        if opened.is_none() {
            start_polling();
        }
        events.set_value(opened);
    });
    on_cleanup(stop_following);
    reconnect
}
