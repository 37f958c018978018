//! How long ago something happened, in words, and times as `<time
//! datetime>` takes them: pure, shared by the SPA and the server's first
//! paint, so both draw the same words (see [`relative_words`]).

use crate::Language;

/// How long ago something happened, in the largest whole unit that fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    /// Under a minute, or in the future (a device whose clock is ahead).
    JustNow,
    Minutes(i64),
    Hours(i64),
    Days(i64),
    Months(i64),
    Years(i64),
}

/// How long before `now` `then` was, both in seconds since the Unix epoch;
/// [`relative_words`] puts it into words.
pub fn age(then: i64, now: i64) -> Age {
    const MINUTE: i64 = 60;
    const HOUR: i64 = 60 * MINUTE;
    const DAY: i64 = 24 * HOUR;
    const MONTH: i64 = 30 * DAY;
    const YEAR: i64 = 365 * DAY;

    let elapsed = now.saturating_sub(then);
    match elapsed {
        i64::MIN..MINUTE => Age::JustNow,
        MINUTE..HOUR => Age::Minutes(elapsed / MINUTE),
        HOUR..DAY => Age::Hours(elapsed / HOUR),
        DAY..MONTH => Age::Days(elapsed / DAY),
        MONTH..YEAR => Age::Months(elapsed / MONTH),
        _ => Age::Years(elapsed / YEAR),
    }
}

/// A Unix time (seconds, UTC) as an RFC 3339 timestamp for `<time datetime>`:
/// `2024-05-01T12:34:56Z`.
pub fn rfc3339_utc(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let second_of_day = unix_seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second_of_day / 3600,
        second_of_day % 3600 / 60,
        second_of_day % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day)
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// An age in words as `Intl.RelativeTimeFormat` with `numeric: "auto"`
/// says it in `language` (CLDR's long past forms; Arabic with Safari's
/// Arabic-Indic digits): "now", "5 minutes ago", "yesterday", "vor 2
/// Stunden", "昨日", "قبل ٣ أيام". The server's first paint has no `Intl`,
/// and the app does without one, whose first use is a long task on a
/// phone; the browser tests check these words against each engine's.
pub fn relative_words(language: Language, age: Age) -> String {
    match language {
        Language::English => english(age),
        Language::German => german(age),
        Language::Japanese => japanese(age),
        Language::Arabic => arabic(age),
    }
}

fn english(age: Age) -> String {
    let ago = |n: i64, unit: &str| {
        if n == 1 {
            format!("1 {unit} ago")
        } else {
            format!("{n} {unit}s ago")
        }
    };
    match age {
        Age::JustNow => "now".into(),
        Age::Minutes(n) => ago(n, "minute"),
        Age::Hours(n) => ago(n, "hour"),
        Age::Days(1) => "yesterday".into(),
        Age::Days(n) => ago(n, "day"),
        Age::Months(1) => "last month".into(),
        Age::Months(n) => ago(n, "month"),
        Age::Years(1) => "last year".into(),
        Age::Years(n) => ago(n, "year"),
    }
}

fn german(age: Age) -> String {
    let ago = |n: i64, one: &str, other: &str| {
        if n == 1 {
            format!("vor 1 {one}")
        } else {
            format!("vor {n} {other}")
        }
    };
    match age {
        Age::JustNow => "jetzt".into(),
        Age::Minutes(n) => ago(n, "Minute", "Minuten"),
        Age::Hours(n) => ago(n, "Stunde", "Stunden"),
        Age::Days(1) => "gestern".into(),
        Age::Days(2) => "vorgestern".into(),
        Age::Days(n) => ago(n, "Tag", "Tagen"),
        Age::Months(1) => "letzten Monat".into(),
        Age::Months(n) => ago(n, "Monat", "Monaten"),
        Age::Years(1) => "letztes Jahr".into(),
        Age::Years(n) => ago(n, "Jahr", "Jahren"),
    }
}

fn japanese(age: Age) -> String {
    match age {
        Age::JustNow => "今".into(),
        Age::Minutes(n) => format!("{n} 分前"),
        Age::Hours(n) => format!("{n} 時間前"),
        Age::Days(1) => "昨日".into(),
        Age::Days(2) => "一昨日".into(),
        Age::Days(n) => format!("{n} 日前"),
        Age::Months(1) => "先月".into(),
        Age::Months(n) => format!("{n} か月前"),
        Age::Years(1) => "昨年".into(),
        Age::Years(n) => format!("{n} 年前"),
    }
}

fn arabic(age: Age) -> String {
    /// (one, two, few, many and other) of a unit, `{}` for the number.
    fn ago(n: i64, forms: [&str; 5]) -> String {
        let form = match Language::Arabic.plural_category(n) {
            "one" => forms[0],
            "two" => forms[1],
            "few" => forms[2],
            "many" => forms[3],
            _ => forms[4],
        };
        form.replace("{}", &arabic_digits(n))
    }
    match age {
        Age::JustNow => "الآن".into(),
        Age::Minutes(n) => ago(
            n,
            [
                "قبل دقيقة واحدة",
                "قبل دقيقتين",
                "قبل {} دقائق",
                "قبل {} دقيقة",
                "قبل {} دقيقة",
            ],
        ),
        Age::Hours(n) => ago(
            n,
            [
                "قبل ساعة واحدة",
                "قبل ساعتين",
                "قبل {} ساعات",
                "قبل {} ساعة",
                "قبل {} ساعة",
            ],
        ),
        Age::Days(1) => "أمس".into(),
        Age::Days(2) => "أول أمس".into(),
        Age::Days(n) => ago(
            n,
            [
                "قبل يوم واحد",
                "قبل يومين",
                "قبل {} أيام",
                "قبل {} يومًا",
                "قبل {} يوم",
            ],
        ),
        Age::Months(1) => "الشهر الماضي".into(),
        Age::Months(n) => ago(
            n,
            [
                "قبل شهر واحد",
                "قبل شهرين",
                "قبل {} أشهر",
                "قبل {} شهرًا",
                "قبل {} شهر",
            ],
        ),
        Age::Years(1) => "السنة الماضية".into(),
        Age::Years(n) => ago(
            n,
            [
                "قبل سنة واحدة",
                "قبل سنتين",
                "قبل {} سنوات",
                "قبل {} سنة",
                "قبل {} سنة",
            ],
        ),
    }
}

/// Arabic-Indic digits, as `Intl` writes numbers in Arabic.
fn arabic_digits(n: i64) -> String {
    n.to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_picks_the_largest_whole_unit() {
        let now = 1_700_000_000;
        assert_eq!(age(now, now), Age::JustNow);
        assert_eq!(age(now - 59, now), Age::JustNow);
        assert_eq!(age(now + 300, now), Age::JustNow);
        assert_eq!(age(now - 60, now), Age::Minutes(1));
        assert_eq!(age(now - 5 * 60 - 30, now), Age::Minutes(5));
        assert_eq!(age(now - 3600, now), Age::Hours(1));
        assert_eq!(age(now - 23 * 3600, now), Age::Hours(23));
        assert_eq!(age(now - 86_400, now), Age::Days(1));
        assert_eq!(age(now - 3 * 86_400, now), Age::Days(3));
        assert_eq!(age(now - 45 * 86_400, now), Age::Months(1));
        assert_eq!(age(now - 800 * 86_400, now), Age::Years(2));
        assert!(matches!(age(i64::MIN, now), Age::Years(_)));
    }

    #[test]
    fn rfc3339_utc_formats_unix_times() {
        assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339_utc(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(rfc3339_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339_utc(-1), "1969-12-31T23:59:59Z");
        assert_eq!(rfc3339_utc(4_102_444_799), "2099-12-31T23:59:59Z");
    }

    #[test]
    fn ages_in_words_as_intl_says_them() {
        let words = |language, age| relative_words(language, age);
        assert_eq!(words(Language::English, Age::JustNow), "now");
        assert_eq!(words(Language::English, Age::Minutes(1)), "1 minute ago");
        assert_eq!(words(Language::English, Age::Hours(5)), "5 hours ago");
        assert_eq!(words(Language::English, Age::Days(1)), "yesterday");
        assert_eq!(words(Language::English, Age::Years(2)), "2 years ago");
        assert_eq!(words(Language::German, Age::Days(2)), "vorgestern");
        assert_eq!(words(Language::German, Age::Minutes(5)), "vor 5 Minuten");
        assert_eq!(words(Language::Japanese, Age::Months(3)), "3 か月前");
        assert_eq!(words(Language::Arabic, Age::Minutes(2)), "قبل دقيقتين");
        assert_eq!(words(Language::Arabic, Age::Days(3)), "قبل ٣ أيام");
        assert_eq!(words(Language::Arabic, Age::Hours(11)), "قبل ١١ ساعة");
    }
}
