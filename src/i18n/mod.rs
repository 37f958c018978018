//! Languages: every word the portal shows comes from a Fluent message
//! catalog (`locales/<tag>.ftl`), through [`t!`](crate::t).
//!
//! The catalogs are compiled at build time (`crates/portal-i18n`): English
//! into the app, the others into `/locales/<tag>.json`, fetched before the
//! app first renders, or when someone picks the language. The app re-renders as a whole when the language changes, so
//! components read messages with plain calls, not signals.

pub mod catalog;
pub mod intl;
pub mod refusals;
pub mod validation;

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use crate::dom::{local_storage, set_root_attribute};

pub use catalog::{Arg, Catalog};
pub use language::{negotiate, Language, TextDirection};
/// The languages: shared with the server, which renders the first paint
/// in the person's language.
pub use portal_i18n::language;

/// Where the person's own choice of language is remembered.
const CHOSEN_LANGUAGE_KEY: &str = "portal.language";

thread_local! {
    static CURRENT: RefCell<Rc<Catalog>> = RefCell::new(Rc::new(Catalog::source()));
    static LANGUAGE: ArcRwSignal<Language> = ArcRwSignal::new(Language::SOURCE);
}

/// The message `key` (`id` or `id.attribute`) in the current language.
/// Use [`t!`](crate::t), which also takes named arguments.
pub fn text(key: &str, args: &[(&str, Arg)]) -> String {
    CURRENT.with(|current| current.borrow().format(key, args))
}

/// A message from the catalog: `t!("devices-heading")`,
/// `t!("privacy-heading", org = name)`, `t!("devices-count", count = n)`.
#[macro_export]
macro_rules! t {
    ($key:literal) => {
        $crate::i18n::text($key, &[])
    };
    ($key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text(
            $key,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

/// Reads the built-in English catalog now (its JSON is parsed once, on
/// first use), so that the app's first render does not have to: start-up
/// calls it in a task of its own, keeping each task short on a phone.
pub fn prepare() {
    CURRENT.with(|_| ());
}

/// The language now shown; reading it inside a reactive scope re-runs that
/// scope when the language changes (the app root does).
pub fn current_language() -> Language {
    LANGUAGE.with(|language| language.get())
}

/// The language without subscribing to changes.
pub fn current_language_untracked() -> Language {
    LANGUAGE.with(|language| language.get_untracked())
}

/// Shows the app in `catalog`'s language from now on.
fn install(catalog: Catalog) {
    let language = catalog.language();
    CURRENT.with(|current| *current.borrow_mut() = Rc::new(catalog));
    set_document_language(language);
    LANGUAGE.with(|signal| signal.set(language));
}

/// The language to start in: the remembered choice, else the browser's.
pub fn starting_language() -> Language {
    let chosen =
        local_storage().and_then(|storage| storage.get_item(CHOSEN_LANGUAGE_KEY).ok().flatten());
    let preferred: Vec<String> = web_sys::window()
        .map(|window| {
            window
                .navigator()
                .languages()
                .iter()
                .filter_map(|tag| tag.as_string())
                .collect()
        })
        .unwrap_or_default();
    negotiate(chosen.as_deref(), preferred.iter().map(String::as_str))
}

/// Loads and installs `language` (English at once, others fetched). On a
/// failed download the app stays in the language it has, and says nothing:
/// the picker still offers the language to try again.
pub async fn load(language: Language) -> Result<(), LoadError> {
    let catalog = if language == Language::SOURCE {
        Catalog::source()
    } else {
        let text = fetch_catalog(language).await?;
        Catalog::parse(language, &text).map_err(|error| LoadError::Catalog(error.to_string()))?
    };
    install(catalog);
    Ok(())
}

/// The person picked `language`: load it and remember the choice (here,
/// and in a cookie for the server's first paint).
pub async fn choose(language: Language) -> Result<(), LoadError> {
    load(language).await?;
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(CHOSEN_LANGUAGE_KEY, language.tag());
    }
    set_language_cookie(language);
    Ok(())
}

/// Makes sure the server knows a choice remembered here (made before the
/// cookie existed), so its next first paint is in that language.
pub fn mirror_choice_for_server() {
    let chosen = local_storage()
        .and_then(|storage| storage.get_item(CHOSEN_LANGUAGE_KEY).ok().flatten())
        .and_then(|tag| Language::from_tag(&tag));
    let Some(chosen) = chosen else {
        return;
    };
    let cookies = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| js_sys::Reflect::get(&document, &"cookie".into()).ok())
        .and_then(|cookies| cookies.as_string())
        .unwrap_or_default();
    if !cookies
        .split(';')
        .any(|cookie| cookie.trim() == language_cookie_pair(chosen))
    {
        set_language_cookie(chosen);
    }
}

/// `portal_language=de`
fn language_cookie_pair(language: Language) -> String {
    format!("{}={}", portal_api::start::LANGUAGE_COOKIE, language.tag())
}

/// The language cookie: a preference, not a secret, so readable here; a
/// year, like local storage in practice.
fn set_language_cookie(language: Language) {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let cookie = format!(
        "{}; Path=/; Max-Age=31536000; SameSite=Lax; Secure",
        language_cookie_pair(language)
    );
    let _ = js_sys::Reflect::set(&document, &"cookie".into(), &cookie.into());
}

/// Why a catalog could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("the catalog could not be downloaded: {0}")]
    Download(String),
    #[error("the catalog could not be read: {0}")]
    Catalog(String),
}

async fn fetch_catalog(language: Language) -> Result<String, LoadError> {
    let url = format!("/locales/{}.json", language.tag());
    let response = gloo_net::http::Request::get(&url)
        .send()
        .await
        .map_err(|error| LoadError::Download(error.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Download(format!("HTTP {}", response.status())));
    }
    response
        .text()
        .await
        .map_err(|error| LoadError::Download(error.to_string()))
}

/// `<html lang dir>`: screen readers pick their voice from `lang`, and
/// `dir="rtl"` mirrors the whole layout (the CSS uses logical properties).
fn set_document_language(language: Language) {
    set_root_attribute("lang", Some(language.tag()));
    set_root_attribute("dir", Some(language.direction().as_attribute()));
}

/// Native unit tests in another language: the catalog compiled from its
/// `.ftl`, current while `test` runs (no DOM to set `<html lang>` on).
#[cfg(test)]
pub(crate) mod testing {
    use super::*;

    pub fn in_language(language: Language, test: impl FnOnce()) {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/i18n/locales")
            .join(format!("{}.ftl", language.tag()));
        let source = std::fs::read_to_string(&path).expect("the language's catalog");
        let compiled = portal_i18n::compile(&source).expect("the catalog compiles");
        let json = serde_json::to_string(&compiled).expect("the compiled catalog");
        let catalog = Catalog::parse(language, &json).expect("the catalog parses");
        let before = CURRENT.with(|current| current.replace(Rc::new(catalog)));
        let before_language = LANGUAGE.with(|signal| signal.get_untracked());
        LANGUAGE.with(|signal| signal.set(language));
        // Put the language before back even when an assertion fails.
        struct Restore(Option<(Rc<Catalog>, Language)>);
        impl Drop for Restore {
            fn drop(&mut self) {
                if let Some((catalog, language)) = self.0.take() {
                    CURRENT.with(|current| *current.borrow_mut() = catalog);
                    LANGUAGE.with(|signal| signal.set(language));
                }
            }
        }
        let _restore = Restore(Some((before, before_language)));
        test();
    }
}
