//! One language's messages, with English behind it for any message a
//! translation lacks.
//!
//! The catalogs are Fluent files (`locales/<tag>.ftl`), compiled at build
//! time by `portal-i18n` (English by build.rs, into the app; the others by
//! `cargo xtask build`, into `dist/locales/<tag>.json`). Here they are only
//! read and formatted: no Fluent parser and no plural data in the wasm, the
//! browser's `Intl.PluralRules` names the plural forms.

use std::rc::Rc;

pub use portal_i18n::Arg;
use portal_i18n::CompiledCatalog;

use super::language::{Language, TextDirection};

/// The English catalog, compiled from `locales/en.ftl` by build.rs and built
/// into the app so the first page never waits for a download.
pub const SOURCE_CATALOG: &str = include_str!(concat!(env!("OUT_DIR"), "/en.json"));

thread_local! {
    /// Read once, shared by the English catalog and every fallback.
    static ENGLISH: Rc<CompiledCatalog> =
        // build.rs wrote it from a catalog it checked, and the unit tests
        // read it; should it still fail, keys show instead of a crash.
        Rc::new(serde_json::from_str(SOURCE_CATALOG).unwrap_or_default());
}

/// Why a catalog could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("the {language} catalog is not a compiled catalog: {details}")]
    Invalid {
        language: &'static str,
        details: String,
    },
}

/// A language's messages, ready to format.
pub struct Catalog {
    language: Language,
    messages: Rc<CompiledCatalog>,
    plural_rules: PluralRules,
    /// English, for messages the translation lacks; `None` for English.
    fallback: Option<Box<Catalog>>,
}

impl Catalog {
    /// The built-in English catalog.
    pub fn source() -> Self {
        Self {
            language: Language::SOURCE,
            messages: ENGLISH.with(Rc::clone),
            plural_rules: PluralRules::new(Language::SOURCE),
            fallback: None,
        }
    }

    /// `language`'s catalog from the text of its compiled JSON file
    /// (`/locales/<tag>.json`), English behind it.
    pub fn parse(language: Language, text: &str) -> Result<Self, CatalogError> {
        if language == Language::SOURCE {
            return Ok(Self::source());
        }
        let messages = serde_json::from_str(text).map_err(|error| CatalogError::Invalid {
            language: language.tag(),
            details: error.to_string(),
        })?;
        Ok(Self {
            language,
            messages: Rc::new(messages),
            plural_rules: PluralRules::new(language),
            fallback: Some(Box::new(Self::source())),
        })
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// The message `key` (or `key.attribute`) with `args` placed in it, in
    /// this language, else in English, else the key itself, so a missing
    /// message shows up in tests instead of as a blank.
    pub fn format(&self, key: &str, args: &[(&str, Arg)]) -> String {
        self.format_own(key, args)
            .or_else(|| self.fallback.as_ref()?.format_own(key, args))
            .unwrap_or_else(|| key.to_owned())
    }

    fn format_own(&self, key: &str, args: &[(&str, Arg)]) -> Option<String> {
        // Unicode isolation marks keep a Latin name or a number inside
        // Arabic text in its place; left-to-right text has no need of them.
        let isolate = self.language.direction() == TextDirection::RightToLeft;
        self.messages.format(
            key,
            args,
            &|number| self.plural_rules.category(number),
            isolate,
        )
    }
}

/// The plural category of a number in one language, from the browser's
/// `Intl.PluralRules`, made once per catalog.
#[cfg(target_arch = "wasm32")]
struct PluralRules(js_sys::Intl::PluralRules);

#[cfg(target_arch = "wasm32")]
impl PluralRules {
    fn new(language: Language) -> Self {
        let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(language.tag()));
        Self(js_sys::Intl::PluralRules::new(
            &locales,
            &js_sys::Object::new(),
        ))
    }

    fn category(&self, number: i64) -> &'static str {
        match String::from(self.0.select(number as f64)).as_str() {
            "zero" => "zero",
            "one" => "one",
            "two" => "two",
            "few" => "few",
            "many" => "many",
            _ => "other",
        }
    }
}

/// Natively (unit tests) there is no `Intl`: English's rule for every
/// language, enough to test formatting and fallbacks.
#[cfg(not(target_arch = "wasm32"))]
struct PluralRules;

#[cfg(not(target_arch = "wasm32"))]
impl PluralRules {
    fn new(_language: Language) -> Self {
        PluralRules
    }

    fn category(&self, number: i64) -> &'static str {
        if number == 1 {
            "one"
        } else {
            "other"
        }
    }
}

#[cfg(test)]
mod tests {
    //! The catalogs themselves: each compiles, the translations have the
    //! same messages and placeholders as English, and the code asks only
    //! for messages English has (and for all of them).

    use std::collections::{BTreeMap, BTreeSet};
    use std::fmt::Write as _;
    use std::fs;
    use std::path::{Path, PathBuf};

    use super::*;

    fn locales_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/i18n/locales")
    }

    /// Every `locales/*.ftl`: (tag, source), sorted by tag.
    fn catalog_files() -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = fs::read_dir(locales_dir())
            .expect("src/i18n/locales")
            .map(|entry| entry.expect("a directory entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
            .map(|path| {
                let tag = path.file_stem().unwrap().to_string_lossy().into_owned();
                let source = fs::read_to_string(&path).unwrap();
                (tag, source)
            })
            .collect();
        files.sort();
        files
    }

    fn english_source() -> String {
        fs::read_to_string(locales_dir().join("en.ftl")).expect("locales/en.ftl")
    }

    fn english() -> CompiledCatalog {
        portal_i18n::compile(&english_source()).unwrap_or_else(|error| panic!("en.ftl:\n{error}"))
    }

    #[test]
    fn the_built_in_english_is_en_ftl() {
        let built_in: CompiledCatalog = serde_json::from_str(SOURCE_CATALOG).unwrap();
        assert_eq!(built_in, english());
    }

    #[test]
    fn formats_english_with_plural_forms_and_arguments() {
        let catalog = Catalog::parse(
            Language::English,
            "ignored: English is always the built-in one",
        )
        .unwrap();
        assert_eq!(catalog.language(), Language::English);
        let english = english();
        // A message without placeholders reads as written.
        let (key, pattern) = english
            .messages
            .iter()
            .find(|(_, pattern)| matches!(pattern.as_slice(), [portal_i18n::Piece::Text(_)]))
            .expect("a plain message in en.ftl");
        let [portal_i18n::Piece::Text(text)] = pattern.as_slice() else {
            unreachable!()
        };
        assert_eq!(&catalog.format(key, &[]), text);
        assert_eq!(catalog.format("no-such-message", &[]), "no-such-message");
    }

    const GERMAN: &str = r#"{
        "devices": [["count", 1, [["one", ["Ein Gerät"]], ["other", [["count"], " Geräte"]]]]],
        "greeting": ["Hallo ", ["name"]]
    }"#;

    #[test]
    fn a_translation_formats_its_messages() {
        let catalog = Catalog::parse(Language::German, GERMAN).unwrap();
        assert_eq!(catalog.language(), Language::German);
        let devices = |count: usize| catalog.format("devices", &[("count", count.into())]);
        assert_eq!(devices(1), "Ein Gerät");
        assert_eq!(devices(3), "3 Geräte");
        assert_eq!(
            catalog.format("greeting", &[("name", "Ada".into())]),
            "Hallo Ada"
        );
        assert_eq!(catalog.format("greeting", &[]), "Hallo {$name}");
    }

    #[test]
    fn a_translation_falls_back_to_english_then_to_the_key() {
        let german = Catalog::parse(Language::German, GERMAN).unwrap();
        let english = Catalog::source();
        for key in self::english()
            .messages
            .keys()
            .filter(|key| *key != "devices" && *key != "greeting")
        {
            assert_eq!(german.format(key, &[]), english.format(key, &[]), "{key}");
        }
        assert_eq!(german.format("no-such-message", &[]), "no-such-message");
    }

    #[test]
    fn right_to_left_arguments_are_isolated() {
        let arabic =
            Catalog::parse(Language::Arabic, r#"{"greeting": ["مرحبا ", ["name"]]}"#).unwrap();
        assert_eq!(
            arabic.format("greeting", &[("name", "Ada".into())]),
            "مرحبا \u{2068}Ada\u{2069}"
        );
    }

    #[test]
    fn a_broken_download_is_an_error() {
        for text in ["", "<html>not found</html>", "{\"key\": 5}"] {
            let error = Catalog::parse(Language::Japanese, text).err().expect(text);
            assert!(error.to_string().contains("ja"), "{error}");
        }
    }

    #[test]
    fn every_catalog_compiles() {
        let mut report = String::new();
        for (tag, source) in catalog_files() {
            if let Err(error) = portal_i18n::compile(&source) {
                let _ = writeln!(report, "{tag}.ftl:\n{error}\n");
            }
        }
        assert!(report.is_empty(), "catalogs with mistakes:\n\n{report}");
    }

    #[test]
    fn every_language_has_a_catalog_and_every_catalog_a_language() {
        let tags: BTreeSet<String> = catalog_files().into_iter().map(|(tag, _)| tag).collect();
        let mut report = String::new();
        for language in Language::ALL {
            if !tags.contains(language.tag()) {
                let _ = writeln!(
                    report,
                    "{}.ftl is missing ({})",
                    language.tag(),
                    language.autonym()
                );
            }
        }
        for tag in &tags {
            if !Language::ALL.iter().any(|language| language.tag() == tag) {
                let _ = writeln!(
                    report,
                    "{tag}.ftl is not a language of the picker (Language::ALL)"
                );
            }
        }
        assert!(report.is_empty(), "\n{report}");
    }

    #[test]
    fn translations_have_the_messages_and_placeholders_of_english() {
        let english = portal_i18n::placeholders(&english());
        let mut report = String::new();
        for (tag, source) in catalog_files() {
            if tag == Language::SOURCE.tag() {
                continue;
            }
            // A catalog that does not compile is every_catalog_compiles' report.
            let Ok(translation) = portal_i18n::compile(&source) else {
                continue;
            };
            let translation = portal_i18n::placeholders(&translation);
            let missing: Vec<&str> = english
                .keys()
                .filter(|key| !translation.contains_key(*key))
                .map(String::as_str)
                .collect();
            let extra: Vec<&str> = translation
                .keys()
                .filter(|key| !english.contains_key(*key))
                .map(String::as_str)
                .collect();
            let differing: Vec<String> = english
                .iter()
                .filter_map(|(key, names)| {
                    let theirs = translation.get(key)?;
                    (theirs != names).then(|| {
                        format!("{key}: en has {}, {tag} has {}", list(names), list(theirs))
                    })
                })
                .collect();
            if missing.is_empty() && extra.is_empty() && differing.is_empty() {
                continue;
            }
            let _ = writeln!(report, "{tag}.ftl:");
            if !missing.is_empty() {
                let _ = writeln!(
                    report,
                    "  lacks {} of en.ftl's messages: {}",
                    missing.len(),
                    missing.join(", ")
                );
            }
            if !extra.is_empty() {
                let _ = writeln!(
                    report,
                    "  has {} messages en.ftl does not: {}",
                    extra.len(),
                    extra.join(", ")
                );
            }
            for line in &differing {
                let _ = writeln!(report, "  other placeholders: {line}");
            }
        }
        assert!(
            report.is_empty(),
            "the translations differ from English:\n{report}"
        );
    }

    fn list(names: &BTreeSet<String>) -> String {
        if names.is_empty() {
            return "none".to_owned();
        }
        names
            .iter()
            .map(|name| format!("${name}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn the_code_asks_only_for_messages_english_has() {
        let english = english();
        let uses = keys_used_by_the_code();
        let mut report = String::new();
        for (key, places) in &uses.keys {
            if !english.messages.contains_key(key) {
                let _ = writeln!(report, "{key} (at {}) is not in en.ftl", places.join(", "));
            }
        }
        for place in &uses.not_literal {
            let _ = writeln!(
                report,
                "{place}: a message key that is not a literal; these tests cannot check it"
            );
        }
        assert!(report.is_empty(), "\n{report}");
        assert!(
            !uses.keys.is_empty(),
            "found no t!(\"…\") at all: is the scan broken?"
        );
    }

    #[test]
    fn every_english_message_is_used() {
        let english = english();
        let used = keys_used_by_the_code().keys;
        let referenced = portal_i18n::message_references(&english_source()).unwrap();
        let unused: Vec<&str> = english
            .messages
            .keys()
            .filter(|key| !used.contains_key(*key) && !referenced.contains(*key))
            .map(String::as_str)
            .collect();
        assert!(
            unused.is_empty(),
            "{} messages of en.ftl are used neither by the code (t!) nor by another message:\n  {}",
            unused.len(),
            unused.join("\n  ")
        );
    }

    #[test]
    fn the_scan_finds_keys_in_code_only() {
        let source = r##"
            // t!("in-a-comment")
            /* t!("in-a-block-comment") */
            let a = t!("plain");
            let b = crate::t!(
                "on-the-next-line",
                count = n,
            );
            let c = "t!(\"in-a-string\")";
            let d = r#"t!("in-a-raw-string")"#;
            let e = format!("{}", x); let f = '"'; let g = t!("after-a-quote-char");
            fn h<'a>(x: &'a str) -> String { t!("after-a-lifetime", x = x) }
            let i = i18n::text(key, &[]);
        "##;
        let mut uses = Uses::default();
        scan("test.rs", source, &mut uses);
        let keys: Vec<&str> = uses.keys.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "after-a-lifetime",
                "after-a-quote-char",
                "on-the-next-line",
                "plain"
            ]
        );
        assert_eq!(uses.keys["plain"], ["test.rs:4"]);
        assert_eq!(uses.keys["on-the-next-line"], ["test.rs:6"]);
        assert_eq!(uses.not_literal, ["test.rs:13"]);
    }

    /// What the code asks the catalog for.
    #[derive(Default)]
    struct Uses {
        /// Key → where (`src/x.rs:12`).
        keys: BTreeMap<String, Vec<String>>,
        /// Calls whose key is computed, which no test can follow.
        not_literal: Vec<String>,
    }

    /// Every `t!("key"…)` (and `i18n::text("key", …)`) in `src/**/*.rs`.
    fn keys_used_by_the_code() -> Uses {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut uses = Uses::default();
        // The app's code, and the messages portal-i18n chooses for it.
        let mut pending = vec![root.join("src"), root.join("crates/portal-i18n/src")];
        while let Some(dir) = pending.pop() {
            for entry in fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    pending.push(path);
                } else if path.extension().is_some_and(|ext| ext == "rs") {
                    let source = fs::read_to_string(&path).unwrap();
                    let name = path.strip_prefix(root).unwrap().display().to_string();
                    scan(&name, &source, &mut uses);
                }
            }
        }
        uses
    }

    /// A small Rust lexer: enough to skip comments, strings and character
    /// literals, so only real calls count (doc comments show `t!` too).
    fn scan(file: &str, source: &str, uses: &mut Uses) {
        let bytes = source.as_bytes();
        let mut line = 1;
        let mut at = 0;
        let follows_identifier =
            |at: usize| at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        while at < bytes.len() {
            let rest = &source[at..];
            if rest.starts_with("//") {
                at += rest.find('\n').unwrap_or(rest.len());
            } else if rest.starts_with("/*") {
                let end = rest.find("*/").map_or(rest.len(), |end| end + 2);
                line += rest[..end].matches('\n').count();
                at += end;
            } else if rest.starts_with('"') {
                let mut end = 1;
                while end < rest.len() && rest.as_bytes()[end] != b'"' {
                    end += if rest.as_bytes()[end] == b'\\' { 2 } else { 1 };
                }
                let end = (end + 1).min(rest.len());
                line += rest[..end].matches('\n').count();
                at += end;
            } else if rest.starts_with('r')
                && !follows_identifier(at)
                && raw_string_start(rest).is_some()
            {
                let hashes = raw_string_start(rest).unwrap_or(0);
                let closing = format!("\"{}", "#".repeat(hashes));
                let body = 2 + hashes;
                let end = rest[body..]
                    .find(&closing)
                    .map_or(rest.len(), |end| body + end + closing.len());
                line += rest[..end].matches('\n').count();
                at += end;
            } else if let Some(after_quote) = rest.strip_prefix('\'') {
                // A character literal ('"', '\'', 'é'), else a lifetime.
                let mut chars = after_quote.chars();
                at += match (chars.next(), chars.next()) {
                    (Some('\\'), _) => {
                        1 + rest[2..].find('\'').map_or(rest.len() - 1, |end| end + 2)
                    }
                    (Some(c), Some('\'')) => 2 + c.len_utf8(),
                    _ => 1,
                };
            } else if (rest.starts_with("t!(")
                || rest.starts_with("i18n::text(")
                || rest.starts_with("MessageRef::plain(")
                || rest.starts_with("MessageRef::with("))
                && !follows_identifier(at)
            {
                let open = rest.find('(').unwrap_or(0) + 1;
                let argument = rest[open..].trim_start();
                let place =
                    |skipped: &str| format!("{file}:{}", line + skipped.matches('\n').count());
                let skipped = &rest[open..rest.len() - argument.len()];
                if let Some(literal) = argument.strip_prefix('"') {
                    let key = &literal[..literal.find('"').unwrap_or(literal.len())];
                    uses.keys
                        .entry(key.to_owned())
                        .or_default()
                        .push(place(skipped));
                } else if !argument.starts_with('$') {
                    // `$key` is the macro's own definition.
                    uses.not_literal.push(place(skipped));
                }
                at += open;
            } else {
                if bytes[at] == b'\n' {
                    line += 1;
                }
                at += rest.chars().next().map_or(1, char::len_utf8);
            }
        }
    }

    /// The number of `#`s of a raw string starting here (`r"`, `r#"`).
    fn raw_string_start(rest: &str) -> Option<usize> {
        let after_r = rest.strip_prefix('r')?;
        let hashes = after_r.len() - after_r.trim_start_matches('#').len();
        after_r[hashes..].starts_with('"').then_some(hashes)
    }
}
