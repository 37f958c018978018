//! Keeping the main thread free while the app starts: work in tasks of its
//! own instead of one long one, what the first screen does not need once
//! the browser is idle, and each phase of the start in the browser's
//! performance timeline (devtools' Timings track, Lighthouse's trace).
//!
//! A phone is slow: Lighthouse's mobile profile runs the CPU four times
//! slower, and any task of 50 ms or more there blocks input (Total
//! Blocking Time). Between tasks the browser can paint and answer a tap.

use std::time::Duration;

use leptos::prelude::set_timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Runs `work` in a task of its own, after whatever the browser has
/// queued (a timer of 0 ms: every browser the portal supports has them,
/// unlike `scheduler.postTask`).
pub fn in_next_task(work: impl FnOnce() + 'static) {
    set_timeout(work, Duration::ZERO);
}

/// How long idle work waits at most for the browser to be idle (a page
/// that never idles still gets it done).
const IDLE_PATIENCE_MS: u32 = 3000;
/// Without `requestIdleCallback` (WebKit), idle work waits this long: by
/// then the app's start is over.
const NO_IDLE_CALLBACK_DELAY: Duration = Duration::from_millis(500);

/// Runs `work` once the browser is idle (`requestIdleCallback`, at most
/// [`IDLE_PATIENCE_MS`] later), or after a short delay where there is no
/// such thing: for what the first screen does not need.
pub fn when_idle(work: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let request = js_sys::Reflect::get(&window, &JsValue::from_str("requestIdleCallback"))
        .ok()
        .and_then(|request| request.dyn_into::<js_sys::Function>().ok());
    let Some(request) = request else {
        set_timeout(work, NO_IDLE_CALLBACK_DELAY);
        return;
    };
    let callback = Closure::once_into_js(work);
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(
        &options,
        &JsValue::from_str("timeout"),
        &JsValue::from(IDLE_PATIENCE_MS),
    );
    let _ = request.call2(&window, &callback, &options);
}

/// Runs `work` and records it in the performance timeline as `name`
/// (`performance.measure` between two marks), so a trace shows what each
/// long task was.
pub fn measured<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance = web_sys::window().and_then(|window| window.performance());
    let start = format!("{name}: start");
    let end = format!("{name}: end");
    if let Some(performance) = &performance {
        let _ = performance.mark(&start);
    }
    let result = work();
    if let Some(performance) = &performance {
        let _ = performance.mark(&end);
        let _ = performance.measure_with_start_mark_and_end_mark(name, &start, &end);
    }
    result
}
