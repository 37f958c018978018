//! Following a device live: `GET /api/devices/{id}/events` (server-sent
//! events, one `DeviceDetails` JSON per message) through the browser's
//! `EventSource`, closed when the [`DeviceEvents`] is dropped.
//!
//! `EventSource` reconnects by itself after a dropped connection; each
//! error is still reported, so the page can refetch the device in the
//! meantime (and poll once the source gave up for good, e.g. because the
//! device was removed and the stream answers 404).

use portal_api::routes;
use portal_api::DeviceDetails;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventSource, MessageEvent};

/// An open event stream of one device. Dropping it closes the stream.
pub struct DeviceEvents {
    source: EventSource,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl DeviceEvents {
    /// Opens the stream of device `id`: `on_update` gets every device the
    /// server sends; `on_error` runs when the connection fails, with `true`
    /// when the browser gave up reconnecting.
    /// `None` when the browser has no `EventSource` or refuses the URL.
    pub fn open(
        id: &str,
        on_update: impl Fn(DeviceDetails) + 'static,
        on_error: impl Fn(bool) + 'static,
    ) -> Option<Self> {
        let supported =
            js_sys::Reflect::has(&js_sys::global(), &"EventSource".into()).unwrap_or(false);
        if !supported {
            return None;
        }
        let source = EventSource::new(&routes::device_events(id)).ok()?;
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            // A message that is not a device (a newer server) is skipped.
            if let Some(details) = event
                .data()
                .as_string()
                .and_then(|data| serde_json::from_str::<DeviceDetails>(&data).ok())
            {
                on_update(details);
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

impl Drop for DeviceEvents {
    fn drop(&mut self) {
        self.source.set_onmessage(None);
        self.source.set_onerror(None);
        self.source.close();
    }
}
