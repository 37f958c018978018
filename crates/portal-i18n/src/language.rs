//! The languages the portal speaks, and which one a person gets.
//!
//! Pure: the browser's `navigator.languages` (or the request's
//! `Accept-Language`) and the remembered choice are passed in, so the
//! negotiation is unit-tested natively. The SPA and the server share it, so
//! the page the server renders first is in the language the app then shows.

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

/// The languages of an `Accept-Language` header, most preferred first
/// (by `q`, then by order; `q=0` means "not this one"), like the browser's
/// `navigator.languages`: `de-CH, en;q=0.8, *;q=0.1` gives `de-CH`, `en`.
pub fn accepted_languages(header: &str) -> Vec<&str> {
    let mut ranked: Vec<(u16, usize, &str)> = header
        .split(',')
        .enumerate()
        .filter_map(|(position, item)| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            if tag.is_empty() || tag == "*" {
                return None;
            }
            let quality = parts
                .filter_map(|parameter| parameter.trim().strip_prefix("q="))
                .next()
                .map_or(Some(1000), parse_quality)?;
            (quality > 0).then_some((quality, position, tag))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, _, tag)| tag).collect()
}

/// A `q` value in thousandths (`0.8` is 800); `None` when malformed.
fn parse_quality(value: &str) -> Option<u16> {
    let value = value.trim();
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

impl Language {
    /// The CLDR cardinal plural category of a whole number, for formatting
    /// messages where the browser's `Intl.PluralRules` is not at hand (the
    /// server's first paint).
    pub fn plural_category(self, number: i64) -> &'static str {
        match self {
            Language::English | Language::German => {
                if number == 1 {
                    "one"
                } else {
                    "other"
                }
            }
            Language::Japanese => "other",
            Language::Arabic => match (number, number.rem_euclid(100)) {
                (0, _) => "zero",
                (1, _) => "one",
                (2, _) => "two",
                (_, 3..=10) => "few",
                (_, 11..=99) => "many",
                _ => "other",
            },
        }
    }
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
    fn accept_language_is_ranked_by_quality_then_order() {
        assert_eq!(
            accepted_languages("fr-CH, fr;q=0.9, de;q=0.95, *;q=0.5"),
            ["fr-CH", "de", "fr"]
        );
        assert_eq!(
            accepted_languages("ja,en-US;q=0.7,en;q=0.3"),
            ["ja", "en-US", "en"]
        );
        // `q=0` excludes; a malformed `q` drops that entry only.
        assert_eq!(accepted_languages("de;q=0, ar;q=2, en;q=0.5"), ["en"]);
        assert_eq!(accepted_languages(""), Vec::<&str>::new());
        assert_eq!(
            negotiate(None, accepted_languages("fr, de-DE;q=0.8")),
            Language::German
        );
    }

    #[test]
    fn plural_categories_of_whole_numbers() {
        assert_eq!(Language::English.plural_category(1), "one");
        assert_eq!(Language::German.plural_category(2), "other");
        assert_eq!(Language::Japanese.plural_category(1), "other");
        let arabic: Vec<_> = [0, 1, 2, 3, 10, 11, 99, 100, 103]
            .into_iter()
            .map(|n| Language::Arabic.plural_category(n))
            .collect();
        assert_eq!(
            arabic,
            ["zero", "one", "two", "few", "few", "many", "many", "other", "few"]
        );
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
