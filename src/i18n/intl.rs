//! Dates, times and relative times in the current language: exact times
//! and lists by the browser's own `Intl` (no locale data in the wasm),
//! relative times by the words the server's first paint uses too.

use std::cell::RefCell;

use js_sys::{Array, Date, Intl, Object, Reflect};
use portal_i18n::time::relative_words;
use portal_i18n::Language;
use wasm_bindgen::JsValue;

use crate::format::{age, rfc3339_utc};

use super::current_language_untracked;

thread_local! {
    /// The exact-time format of the language it was made for: making one
    /// loads the browser's locale data, about a millisecond each time on a
    /// phone, and a list of devices shows one per device.
    static EXACT_TIME_FORMAT: RefCell<Option<(Language, Intl::DateTimeFormat)>> =
        const { RefCell::new(None) };
}

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
    exact_time_format()
        .format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()
        .and_then(|label| label.as_string())
        .unwrap_or_else(|| rfc3339_utc(unix_seconds))
}

fn exact_time_format() -> Intl::DateTimeFormat {
    let language = current_language_untracked();
    EXACT_TIME_FORMAT.with(|cached| {
        let mut cached = cached.borrow_mut();
        match cached.as_ref() {
            Some((made_for, format)) if *made_for == language => format.clone(),
            _ => {
                let options = options(&[("dateStyle", "medium"), ("timeStyle", "short")]);
                let format = Intl::DateTimeFormat::new(&locales(), &options);
                *cached = Some((language, format.clone()));
                format
            }
        }
    })
}

/// How long ago `then` was: "5 minutes ago", "vor 5 Minuten", "5 分前",
/// "now" for anything under a minute (or in the future). The words are
/// `Intl.RelativeTimeFormat`'s (`numeric: "auto"`), from the table the
/// server's first paint uses, so the app draws what the first paint drew
/// without making a format, which on a phone costs a long task on its
/// first use (the browser tests check the table against the browser's).
pub fn relative_time(then: i64, now: i64) -> String {
    relative_words(current_language_untracked(), age(then, now))
}

/// Items as one list in the current language: "A, B and C", "A、B、C",
/// by the browser's `Intl.ListFormat`; joined with commas where there is
/// none (an old browser, or natively in unit tests).
pub fn list(items: &[String]) -> String {
    #[cfg(target_arch = "wasm32")]
    if let Some(listed) = list_format(items) {
        return listed;
    }
    items.join(", ")
}

#[cfg(target_arch = "wasm32")]
fn list_format(items: &[String]) -> Option<String> {
    use wasm_bindgen::JsCast;
    let intl = js_sys::global().dyn_into::<Object>().ok()?;
    let intl = Reflect::get(&intl, &"Intl".into()).ok()?;
    let constructor = Reflect::get(&intl, &"ListFormat".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let options = options(&[("style", "long"), ("type", "conjunction")]);
    let arguments = Array::of2(&locales(), &options);
    let format = Reflect::construct(&constructor, &arguments).ok()?;
    let method = Reflect::get(&format, &"format".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let list: Array = items.iter().map(|item| JsValue::from_str(item)).collect();
    method.call1(&format, &list).ok()?.as_string()
}
