//! The first paint's words: the SPA's own message catalogs (compiled into
//! the server by build.rs), formatted as the SPA formats them, in the
//! language the SPA will pick.

use std::collections::HashMap;
use std::sync::OnceLock;

use axum::http::{header, HeaderMap};
use portal_api::start::LANGUAGE_COOKIE;
use portal_i18n::language::accepted_languages;
use portal_i18n::{negotiate, Arg, CompiledCatalog, Language, TextDirection};

include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

/// Every language's catalog, read once.
fn catalogs() -> &'static HashMap<Language, CompiledCatalog> {
    static READ: OnceLock<HashMap<Language, CompiledCatalog>> = OnceLock::new();
    READ.get_or_init(|| {
        CATALOGS
            .iter()
            .filter_map(|(tag, json)| {
                let language = Language::from_tag(tag)?;
                // build.rs wrote it from a catalog it compiled; should it
                // still not read, the keys show instead of the words.
                let catalog = serde_json::from_str(json)
                    .inspect_err(|error| {
                        tracing::error!(%tag, %error, "a compiled message catalog does not read")
                    })
                    .unwrap_or_default();
                Some((language, catalog))
            })
            .collect()
    })
}

/// One language's messages, with English behind them.
#[derive(Debug, Clone, Copy)]
pub struct Messages {
    language: Language,
}

impl Messages {
    pub fn new(language: Language) -> Self {
        Self { language }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// The message `key` with `args`, in this language, else in English,
    /// else the key itself (as the SPA does).
    pub fn t(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let catalogs = catalogs();
        let format = |language: Language| {
            let catalog = catalogs.get(&language)?;
            let plural = |number: i64| language.plural_category(number);
            // As the SPA: Unicode isolation marks keep a Latin name in its
            // place inside right-to-left text.
            let isolate = language.direction() == TextDirection::RightToLeft;
            catalog.format(key, args, &plural, isolate)
        };
        format(self.language)
            .or_else(|| format(Language::SOURCE))
            .unwrap_or_else(|| key.to_owned())
    }

    /// [`Messages::t`] with one text argument.
    pub fn t1(&self, key: &str, name: &str, value: &str) -> String {
        self.t(key, &[(name, Arg::from(value))])
    }
}

/// The language the SPA will start in for this request, as far as the
/// server can tell: the person's choice in the portal (mirrored into the
/// [`LANGUAGE_COOKIE`]), else the browser's languages, else English.
pub fn request_language(headers: &HeaderMap) -> Language {
    let chosen = cookie(headers, LANGUAGE_COOKIE);
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    negotiate(chosen, accepted_languages(accepted))
}

/// The value of the cookie `name`, if the request carries it.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie_name, _)| *cookie_name == name)
        .map(|(_, value)| value.trim_matches('"'))
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn every_language_has_its_catalog() {
        for language in Language::ALL {
            assert!(
                catalogs()
                    .get(&language)
                    .is_some_and(|c| !c.messages.is_empty()),
                "{language:?}"
            );
        }
    }

    #[test]
    fn formats_like_the_app() {
        let english = Messages::new(Language::English);
        assert_eq!(
            english.t1("sign-in-heading-organization", "org", "Contoso"),
            "Sign in to Contoso"
        );
        assert_eq!(english.t("devices-heading", &[]), "My devices");
        assert_eq!(
            english.t("devices-list-count", &[("count", Arg::from(2))]),
            "2 devices"
        );
        assert_eq!(english.t("no-such-message", &[]), "no-such-message");
        // Arabic isolates the name.
        let arabic = Messages::new(Language::Arabic);
        assert!(arabic
            .t1("sign-in-heading-organization", "org", "Contoso")
            .contains("\u{2068}Contoso\u{2069}"));
        assert_ne!(
            Messages::new(Language::German).t("devices-heading", &[]),
            "My devices"
        );
    }

    #[test]
    fn the_chosen_language_beats_the_browsers() {
        let mut headers = HeaderMap::new();
        assert_eq!(request_language(&headers), Language::English);
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("fr-CH, de;q=0.8, en;q=0.5"),
        );
        assert_eq!(request_language(&headers), Language::German);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; portal_language=ja"),
        );
        assert_eq!(request_language(&headers), Language::Japanese);
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("portal_language=klingon"),
        );
        assert_eq!(request_language(&headers), Language::German);
    }
}
