//! The install countdown: "07:59 left to install", counted by the server's
//! clock and read out to screen readers only at milestones.

use leptos::prelude::*;

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

/// Seconds left until `deadline` (server clock, seconds), on a browser
/// whose clock is `now_ms`, given `offset_ms` = server clock − browser
/// clock. Rounded up, so "00:01" shows until the very end; never negative.
pub fn seconds_left(deadline: i64, now_ms: f64, offset_ms: f64) -> i64 {
    let left_ms = deadline as f64 * 1000.0 - (now_ms + offset_ms);
    (left_ms / 1000.0).ceil().max(0.0) as i64
}

/// The server clock minus the browser clock, from an enrollment received
/// at `received_ms` (browser clock).
pub fn clock_offset_ms(server_now: i64, received_ms: f64) -> f64 {
    server_now as f64 * 1000.0 - received_ms
}

/// "mm:ss", e.g. "07:59"; minutes past 99 keep growing ("125:00").
pub fn format_countdown(seconds: i64) -> String {
    let seconds = seconds.max(0);
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}

/// The moments the countdown is read out to screen readers (seconds left).
pub const ANNOUNCE_AT: [i64; 4] = [5 * 60, 2 * 60, 60, 30];

/// What a polite live region should say when the countdown goes from
/// `before` to `now` seconds left: only when a milestone is crossed (or at
/// the first reading, `before` = None), never every second.
pub fn countdown_announcement(before: Option<i64>, now: i64) -> Option<String> {
    let crossed = match before {
        None => true,
        Some(before) => {
            (now == 0 && before > 0) || ANNOUNCE_AT.iter().any(|&m| before > m && now <= m)
        }
    };
    crossed.then(|| spoken_time_left(now))
}

/// "4 minutes left to install the profile", "30 seconds left…".
pub fn spoken_time_left(seconds: i64) -> String {
    if seconds <= 0 {
        t!("countdown-spoken-times-up")
    } else if seconds >= 60 {
        // Whole minutes, rounded up: 4:30 left reads "5 minutes".
        t!("countdown-spoken-minutes", minutes = (seconds + 59) / 60)
    } else {
        t!("countdown-spoken-seconds", seconds = seconds)
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

    #[test]
    fn countdown_counts_by_the_server_clock() {
        // The phone's clock is 30 s behind the server's.
        let offset = clock_offset_ms(10_100, 10_070_000.0);
        assert_eq!(offset, 30_000.0);
        assert_eq!(seconds_left(10_480, 10_070_000.0, offset), 380);
        assert_eq!(seconds_left(10_480, 10_070_000.5, offset), 380);
        assert_eq!(seconds_left(10_480, 10_071_000.0, offset), 379);
        assert_eq!(seconds_left(10_480, 20_000_000.0, offset), 0);
        assert_eq!(format_countdown(380), "06:20");
        assert_eq!(format_countdown(0), "00:00");
        assert_eq!(format_countdown(-5), "00:00");
        assert_eq!(format_countdown(59), "00:59");
        assert_eq!(format_countdown(7_500), "125:00");
    }

    #[test]
    fn the_countdown_speaks_only_at_milestones() {
        assert_eq!(
            countdown_announcement(None, 470).as_deref(),
            Some("8 minutes left to install the profile.")
        );
        assert_eq!(countdown_announcement(Some(470), 469), None);
        assert_eq!(countdown_announcement(Some(302), 301), None);
        assert_eq!(
            countdown_announcement(Some(301), 300).as_deref(),
            Some("5 minutes left to install the profile.")
        );
        assert_eq!(countdown_announcement(Some(300), 299), None);
        assert!(countdown_announcement(Some(121), 120).is_some());
        assert!(countdown_announcement(Some(61), 60).is_some());
        assert_eq!(
            countdown_announcement(Some(31), 30).as_deref(),
            Some("30 seconds left to install the profile.")
        );
        assert_eq!(countdown_announcement(Some(29), 28), None);
        assert!(countdown_announcement(Some(1), 0)
            .unwrap()
            .starts_with("Time's up"));
        assert_eq!(countdown_announcement(Some(0), 0), None);
        // A tab asleep for minutes announces once for the jump.
        assert!(countdown_announcement(Some(400), 50).is_some());
        let announced: usize = (0..480)
            .rev()
            .filter(|&s| countdown_announcement(Some(s + 1), s).is_some())
            .count();
        assert_eq!(announced, 5);
    }
}
