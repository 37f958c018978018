//! Where to send a person after they sign in.
//!
//! A protected page that finds no session sends the person to
//! `/sign-in?return_to=<where they were>`; after signing in, the sign-in page
//! sends them back. The `return_to` value comes from the address bar, so
//! anyone can craft it: [`safe_return_path`] accepts only a path on this site,
//! never another site (an "open redirect" that a phishing mail could use).
//!
//! Pure string logic, shared by the SPA and the server (which renders the
//! sign-in page's first paint with the same links).

/// The sign-in page's path.
pub const SIGN_IN_PATH: &str = "/sign-in";

/// Where a person goes after signing in when no (acceptable) return path is given.
pub const DEFAULT_RETURN_PATH: &str = "/devices";

/// The query parameter of the sign-in page that holds the return path.
pub const RETURN_TO_PARAM: &str = "return_to";

/// The path to go to after signing in, given the (already percent-decoded)
/// `return_to` query value.
///
/// Accepts only a same-site path: it must start with `/`, must not start
/// with `//` or `/\` (browsers read both as "another host"), and must not
/// contain backslashes, whitespace or control characters (browsers drop tabs
/// and newlines from URLs, so `/\t/evil.example` would become
/// `//evil.example`). Anything else, and the sign-in page itself, gives
/// [`DEFAULT_RETURN_PATH`].
pub fn safe_return_path(return_to: Option<&str>) -> String {
    match return_to {
        Some(path) if is_same_site_path(path) && !is_sign_in_path(path) => path.to_owned(),
        _ => DEFAULT_RETURN_PATH.to_owned(),
    }
}

/// The sign-in page's address that returns to `current_path_and_query`
/// (e.g. `/devices?filter=all`) afterwards: `/sign-in?return_to=<percent-encoded>`.
///
/// Without a usable return path (or when already on the sign-in page) it is
/// plain `/sign-in`.
pub fn sign_in_href(current_path_and_query: &str) -> String {
    if !is_same_site_path(current_path_and_query) || is_sign_in_path(current_path_and_query) {
        return SIGN_IN_PATH.to_owned();
    }
    format!(
        "{SIGN_IN_PATH}?{RETURN_TO_PARAM}={}",
        percent_encode_query_value(current_path_and_query)
    )
}

/// The backend route that starts a sign-in with the organization's
/// identity provider and comes back to `return_path` (already checked by
/// [`safe_return_path`]).
pub fn oidc_start_href(return_path: &str) -> String {
    format!(
        "{}?{RETURN_TO_PARAM}={}",
        crate::routes::OIDC_START,
        percent_encode_query_value(return_path)
    )
}

/// A path plus its query string as the router reports them: the query
/// without its leading `?`, possibly empty.
pub fn path_and_query(path: &str, query: &str) -> String {
    let query = query.strip_prefix('?').unwrap_or(query);
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

fn is_same_site_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path.contains('\\')
        && !path.chars().any(|c| c.is_whitespace() || c.is_control())
}

fn is_sign_in_path(path: &str) -> bool {
    let path_only = path.split(['?', '#']).next().unwrap_or_default();
    path_only == SIGN_IN_PATH || path_only.starts_with("/sign-in/")
}

/// Percent-encodes a query parameter value: keeps only RFC 3986's
/// unreserved characters (`A-Z a-z 0-9 - . _ ~`) and encodes everything
/// else byte by byte in UTF-8, `/` included (`return_to=%2Fdevices`), like
/// JavaScript's `encodeURIComponent`.
pub fn percent_encode_query_value(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                encoded.push(char::from(byte))
            }
            _ => {
                encoded.push('%');
                encoded.push(char::from(HEX[usize::from(byte >> 4)]));
                encoded.push(char::from(HEX[usize::from(byte & 0x0F)]));
            }
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes like the browser's `URLSearchParams` (which is what the
    /// router uses to read the query), for round-trip checks.
    fn decode_query_value(value: &str) -> String {
        let bytes = value.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'%' => {
                    let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                    out.push(u8::from_str_radix(hex, 16).unwrap());
                    i += 3;
                }
                b'+' => {
                    out.push(b' ');
                    i += 1;
                }
                other => {
                    out.push(other);
                    i += 1;
                }
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn defaults_to_my_devices_without_a_return_path() {
        assert_eq!(safe_return_path(None), "/devices");
        assert_eq!(safe_return_path(Some("")), "/devices");
    }

    #[test]
    fn accepts_paths_on_this_site() {
        for path in [
            "/",
            "/devices",
            "/enroll",
            "/help",
            "/devices?sort=name&filter=all",
            "/help#contact",
            "/devices/abc-123",
        ] {
            assert_eq!(safe_return_path(Some(path)), path, "{path}");
        }
    }

    #[test]
    fn rejects_other_sites_and_schemes() {
        for bad in [
            "https://evil.example/",
            "http://evil.example",
            "//evil.example",
            "//evil.example/devices",
            "/\\evil.example",
            "\\\\evil.example",
            "/devices\\..\\..\\evil",
            "javascript:alert(1)",
            "data:text/html,hi",
            "devices",
            "evil.example",
            " /devices",
            "/\t/evil.example",
            "/\n/evil.example",
            "/devices\r\n",
        ] {
            assert_eq!(safe_return_path(Some(bad)), "/devices", "{bad:?}");
        }
    }

    #[test]
    fn never_returns_to_the_sign_in_page_itself() {
        assert_eq!(safe_return_path(Some("/sign-in")), "/devices");
        assert_eq!(
            safe_return_path(Some("/sign-in?return_to=/enroll")),
            "/devices"
        );
        // A page whose name merely starts with "sign-in" is fine.
        assert_eq!(safe_return_path(Some("/sign-in-help")), "/sign-in-help");
    }

    #[test]
    fn sign_in_href_carries_the_current_page() {
        assert_eq!(sign_in_href("/devices"), "/sign-in?return_to=%2Fdevices");
        assert_eq!(sign_in_href("/enroll"), "/sign-in?return_to=%2Fenroll");
    }

    #[test]
    fn sign_in_href_encodes_the_query_of_the_current_page() {
        let href = sign_in_href("/devices?sort=name&q=a%20b+c#top");
        assert_eq!(
            href,
            "/sign-in?return_to=%2Fdevices%3Fsort%3Dname%26q%3Da%2520b%2Bc%23top"
        );
        // Exactly one query parameter, so nothing leaks into the sign-in page's own query.
        let query = href.split_once('?').unwrap().1;
        assert!(!query.contains('&') && !query.contains('#'));
    }

    #[test]
    fn sign_in_href_round_trips_through_safe_return_path() {
        for here in [
            "/devices",
            "/devices?sort=name&filter=all",
            "/help?q=100%25%20sure",
            "/devices/caf\u{e9}",
        ] {
            let href = sign_in_href(here);
            let value = href
                .strip_prefix("/sign-in?return_to=")
                .expect("has return_to");
            let decoded = decode_query_value(value);
            assert_eq!(decoded, here);
            assert_eq!(safe_return_path(Some(&decoded)), here);
        }
    }

    #[test]
    fn sign_in_href_is_plain_for_the_sign_in_page_and_odd_input() {
        assert_eq!(sign_in_href("/sign-in"), "/sign-in");
        assert_eq!(sign_in_href("/sign-in?return_to=/enroll"), "/sign-in");
        assert_eq!(sign_in_href(""), "/sign-in");
        assert_eq!(sign_in_href("//evil.example"), "/sign-in");
    }

    #[test]
    fn path_and_query_joins_the_router_parts() {
        assert_eq!(path_and_query("/devices", ""), "/devices");
        assert_eq!(path_and_query("/devices", "a=1"), "/devices?a=1");
        assert_eq!(path_and_query("/devices", "?a=1"), "/devices?a=1");
    }
}
