//! The install countdown: "07:59 left to install", counted by the server's
//! clock and read out to screen readers only at milestones.

use leptos::prelude::*;

use crate::enrollment_flow::{countdown_announcement, format_countdown, seconds_left};
use crate::t;

/// The words before and after the ticking time in "07:59 left to install",
/// in the order the language puts them.
fn words_around_time() -> (String, String) {
    // Stands in for the time, to find where the message puts it.
    const TIME: &str = "\u{e000}";
    let words = t!("countdown-time-left", time = TIME);
    match words.split_once(TIME) {
        Some((before, after)) => (before.to_owned(), after.to_owned()),
        None => (String::new(), format!(" {words}")),
    }
}

/// "mm:ss left to install", ticking every second until `deadline` (server
/// clock, seconds since the epoch). `clock_offset_ms` is the server clock
/// minus the browser clock. Runs `on_elapsed` once, at zero.
#[component]
pub fn Countdown(
    deadline: i64,
    #[prop(into)] clock_offset_ms: Signal<f64>,
    #[prop(optional)] on_elapsed: Option<Callback<()>>,
) -> impl IntoView {
    let (before_time, after_time) = words_around_time();
    let now_ms = RwSignal::new(js_sys::Date::now());
    let left = Memo::new(move |_| seconds_left(deadline, now_ms.get(), clock_offset_ms.get()));

    if let Ok(handle) = set_interval_with_handle(
        move || now_ms.set(js_sys::Date::now()),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }

    // What the polite live region says: set only when a milestone passes.
    let announcement = RwSignal::new(String::new());
    Effect::new(move |before: Option<i64>| {
        let now = left.get();
        if let Some(words) = countdown_announcement(before, now) {
            announcement.set(words);
        }
        if now == 0 && before.is_none_or(|before| before > 0) {
            if let Some(on_elapsed) = on_elapsed {
                on_elapsed.run(());
            }
        }
        now
    });

    view! {
        <div class="countdown">
            // The ticking numbers are hidden from screen readers; the live
            // region below speaks at 5, 2 and 1 minutes and 30 seconds.
            <p class="countdown-time" aria-hidden="true">
                {before_time}
                <span class="countdown-digits">{move || format_countdown(left.get())}</span>
                {after_time}
            </p>
            <p class="visually-hidden countdown-status" role="status" aria-live="polite">
                {move || announcement.get()}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_english_the_time_comes_first() {
        assert_eq!(
            words_around_time(),
            (String::new(), " left to install".to_owned())
        );
    }
}
