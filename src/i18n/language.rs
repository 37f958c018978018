//! The languages the portal speaks, and which one a person gets.
//!
//! Pure: the browser's `navigator.languages` and the remembered choice are
//! passed in, so the negotiation is unit-tested natively.

/// A language the portal has a message catalog for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    English,
    German,
    Japanese,
    Arabic,
}

/// Which way a language is written; the whole layout follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextDirection {
    LeftToRight,
    RightToLeft,
}

impl TextDirection {
    /// The value of the `dir` attribute.
    pub fn as_attribute(self) -> &'static str {
        match self {
            TextDirection::LeftToRight => "ltr",
            TextDirection::RightToLeft => "rtl",
        }
    }
}

impl Language {
    /// Every language, in the order the picker lists them.
    pub const ALL: [Language; 4] = [
        Language::English,
        Language::German,
        Language::Japanese,
        Language::Arabic,
    ];

    /// The language the catalogs are written in first; every other catalog
    /// falls back to it for a message it lacks.
    pub const SOURCE: Language = Language::English;

    /// The BCP 47 tag: `lang` attribute, catalog file name, `Intl` locale.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::German => "de",
            Language::Japanese => "ja",
            Language::Arabic => "ar",
        }
    }

    /// The language's name in itself ("Deutsch"), as every language picker
    /// shows it, so people find their own whatever the page is in now.
    pub fn autonym(self) -> &'static str {
        match self {
            Language::English => "English",
            Language::German => "Deutsch",
            Language::Japanese => "日本語",
            Language::Arabic => "العربية",
        }
    }

    pub fn direction(self) -> TextDirection {
        match self {
            Language::Arabic => TextDirection::RightToLeft,
            _ => TextDirection::LeftToRight,
        }
    }

    /// The language of a BCP 47 tag, by its primary subtag: `de-CH` is
    /// German, `ar-EG` Arabic. `None` for languages without a catalog.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|language| language.tag() == primary)
    }
}

/// The language to show: the person's own choice if they made one (and it
/// is still offered), else the first of the browser's preferred languages
/// the portal speaks, else English.
pub fn negotiate<'a>(
    chosen: Option<&str>,
    preferred: impl IntoIterator<Item = &'a str>,
) -> Language {
    chosen
        .and_then(Language::from_tag)
        .or_else(|| preferred.into_iter().find_map(Language::from_tag))
        .unwrap_or(Language::SOURCE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for language in Language::ALL {
            assert_eq!(Language::from_tag(language.tag()), Some(language));
        }
    }

    #[test]
    fn regional_tags_match_their_language() {
        assert_eq!(Language::from_tag("de-CH"), Some(Language::German));
        assert_eq!(Language::from_tag("ar_EG"), Some(Language::Arabic));
        assert_eq!(Language::from_tag("JA-jp"), Some(Language::Japanese));
        assert_eq!(Language::from_tag("fr-FR"), None);
        assert_eq!(Language::from_tag(""), None);
    }

    #[test]
    fn the_first_preferred_language_with_a_catalog_wins() {
        assert_eq!(
            negotiate(None, ["fr-FR", "de-DE", "en-US"]),
            Language::German
        );
        assert_eq!(negotiate(None, ["ar"]), Language::Arabic);
    }

    #[test]
    fn a_remembered_choice_beats_the_browser() {
        assert_eq!(negotiate(Some("ja"), ["de-DE"]), Language::Japanese);
    }

    #[test]
    fn a_choice_no_longer_offered_is_ignored() {
        assert_eq!(negotiate(Some("klingon"), ["de"]), Language::German);
    }

    #[test]
    fn english_when_nothing_matches() {
        assert_eq!(negotiate(None, ["fr", "es"]), Language::English);
        assert_eq!(negotiate(None, []), Language::English);
    }

    #[test]
    fn only_arabic_is_right_to_left() {
        for language in Language::ALL {
            let expected = if language == Language::Arabic {
                TextDirection::RightToLeft
            } else {
                TextDirection::LeftToRight
            };
            assert_eq!(language.direction(), expected);
        }
    }
}
