//! The form of an MDM message body, checked before the plist parser sees
//! it: iOS sends XML property lists, so only those are read, and only when
//! they are no deeper than a real message. (The parser recurses once per
//! level: a body of 120,000 nested `<array>`s overflowed the stack and
//! aborted the whole server.)

use std::io::Cursor;

use plist::{Dictionary, Value};

/// How deeply elements may nest: a real message is at most five levels
/// deep (`plist` > `dict` > `QueryResponses` dict > `ErrorChain` array >
/// entry dict > string); 32 leaves room and keeps the parser's recursion
/// small.
pub const MAX_NESTING: usize = 32;

/// Why a body was not read (the device gets 400).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    #[error("a binary plist (only XML plists are read)")]
    Binary,
    #[error("not an XML plist")]
    NotXml,
    #[error("elements nest deeper than {MAX_NESTING} levels")]
    TooDeep,
    #[error("the plist does not parse: {0}")]
    Unparsable(String),
    #[error("the plist is not a dictionary")]
    NotDictionary,
}

/// The message's dictionary, when the body is an XML plist of one.
pub fn parse_dictionary(body: &[u8]) -> Result<Dictionary, BodyError> {
    check_form(body)?;
    match Value::from_reader_xml(Cursor::new(body)) {
        Ok(Value::Dictionary(dictionary)) => Ok(dictionary),
        Ok(_) => Err(BodyError::NotDictionary),
        Err(error) => Err(BodyError::Unparsable(error.to_string())),
    }
}

/// Refuses what is not an XML plist, and nesting beyond [`MAX_NESTING`].
pub fn check_form(body: &[u8]) -> Result<(), BodyError> {
    if body.starts_with(b"bplist") {
        return Err(BodyError::Binary);
    }
    let text = body
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(body)
        .trim_ascii_start();
    if !(text.starts_with(b"<?xml")
        || text.starts_with(b"<!DOCTYPE plist")
        || text.starts_with(b"<plist"))
    {
        return Err(BodyError::NotXml);
    }
    if nesting_depth_exceeds(text, MAX_NESTING) {
        return Err(BodyError::TooDeep);
    }
    Ok(())
}

/// A cheap scan of the element nesting: every start tag (`<name ...>`, not
/// `<.../>`, `<?`, `<!` or `</`) opens a level, every end tag closes one.
/// It errs on the side of counting too many (text in comments counts), never
/// too few, so whatever the parser nests, this saw at least as deep.
fn nesting_depth_exceeds(text: &[u8], max: usize) -> bool {
    let mut depth = 0usize;
    let mut rest = text;
    while let Some(start) = rest.iter().position(|&b| b == b'<') {
        rest = &rest[start + 1..];
        match rest.first() {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b'?' | b'!') | None => {}
            Some(_) => {
                let end = rest.iter().position(|&b| b == b'>');
                let self_closing = end.is_some_and(|end| end > 0 && rest[end - 1] == b'/');
                if !self_closing {
                    depth += 1;
                    if depth > max + 1 {
                        // `plist` itself is the one level more.
                        return true;
                    }
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> Vec<u8> {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">{}{}</plist>",
            "<array>".repeat(levels),
            "</array>".repeat(levels)
        )
        .into_bytes()
    }

    #[test]
    fn xml_dictionaries_are_read() {
        let body = b"\xEF\xBB\xBF \n<?xml version=\"1.0\"?><plist version=\"1.0\"><dict>\
                     <key>MessageType</key><string>Idle</string><key>A</key><array/>\
                     </dict></plist>";
        let dictionary = parse_dictionary(body).unwrap();
        assert_eq!(dictionary["MessageType"].as_string(), Some("Idle"));
        assert_eq!(
            parse_dictionary(b"<plist><array/></plist>"),
            Err(BodyError::NotDictionary)
        );
        assert!(matches!(
            parse_dictionary(b"<plist><dict><key>x</key></plist>"),
            Err(BodyError::Unparsable(_))
        ));
    }

    #[test]
    fn binary_and_other_bodies_are_refused() {
        let mut binary = Vec::new();
        plist::to_writer_binary(&mut binary, &Value::Dictionary(Dictionary::new())).unwrap();
        assert_eq!(parse_dictionary(&binary), Err(BodyError::Binary));
        assert_eq!(
            parse_dictionary(b"{\"MessageType\": 1}"),
            Err(BodyError::NotXml)
        );
        assert_eq!(parse_dictionary(b""), Err(BodyError::NotXml));
    }

    #[test]
    fn nesting_is_limited_before_parsing() {
        assert!(parse_dictionary(&nested(MAX_NESTING)).is_err_and(|e| e != BodyError::TooDeep));
        assert_eq!(check_form(&nested(MAX_NESTING)), Ok(()));
        assert_eq!(
            check_form(&nested(MAX_NESTING + 1)),
            Err(BodyError::TooDeep)
        );
        assert_eq!(check_form(&nested(120_000)), Err(BodyError::TooDeep));
        // Self-closing and declarations don't nest.
        let flat = format!("<plist>{}</plist>", "<dict/><!-- x --><?pi?>".repeat(100));
        assert_eq!(check_form(flat.as_bytes()), Ok(()));
        // Attributes or odd spacing still count.
        let odd = format!("<plist>{}", "<dict a=\"1\" >".repeat(MAX_NESTING + 1));
        assert_eq!(check_form(odd.as_bytes()), Err(BodyError::TooDeep));
    }
}
