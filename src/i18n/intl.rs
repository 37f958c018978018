//! Dates, times and relative times in the current language, by the
//! browser's own `Intl` (no locale data in the wasm).

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::format::{age, rfc3339_utc, Age};

use super::current_language_untracked;

fn locales() -> Array {
    Array::of1(&JsValue::from_str(current_language_untracked().tag()))
}

fn options(pairs: &[(&str, &str)]) -> Object {
    let options = Object::new();
    for (name, value) in pairs {
        let _ = Reflect::set(&options, &(*name).into(), &(*value).into());
    }
    options
}

/// An exact moment in the person's time zone: "14 Nov 2023, 22:13",
/// "14.11.2023, 22:13", "2023/11/14 22:13". Falls back to the UTC time.
pub fn exact_time(unix_seconds: i64) -> String {
    let date = Date::new(&JsValue::from_f64(unix_seconds as f64 * 1000.0));
    let options = options(&[("dateStyle", "medium"), ("timeStyle", "short")]);
    Intl::DateTimeFormat::new(&locales(), &options)
        .format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()
        .and_then(|label| label.as_string())
        .unwrap_or_else(|| rfc3339_utc(unix_seconds))
}

/// How long ago `then` was: "5 minutes ago", "vor 5 Minuten", "5 分前",
/// "now" for anything under a minute (or in the future).
pub fn relative_time(then: i64, now: i64) -> String {
    let (count, unit) = match age(then, now) {
        Age::JustNow => (0, "second"),
        Age::Minutes(n) => (n, "minute"),
        Age::Hours(n) => (n, "hour"),
        Age::Days(n) => (n, "day"),
        Age::Months(n) => (n, "month"),
        Age::Years(n) => (n, "year"),
    };
    let format = Intl::RelativeTimeFormat::new(&locales(), &options(&[("numeric", "auto")]));
    format
        .format(-(count as f64), unit)
        .as_string()
        .unwrap_or_else(|| rfc3339_utc(then))
}
