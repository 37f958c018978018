//! A device's model as people know it: Apple's product code (`ProductName`,
//! "iPhone16,1") becomes the marketing name ("iPhone 15 Pro"). The code
//! stays available for the details page and for IT support.

/// Marketing names by product code, for the iPhones and iPads that can run
/// the iOS and iPadOS versions the portal supports. A code missing here
/// (a model newer than this table) shows as its family, "iPhone" or "iPad".
const MARKETING_NAMES: &[(&str, &str)] = &[
    ("iPhone10,1", "iPhone 8"),
    ("iPhone10,4", "iPhone 8"),
    ("iPhone10,2", "iPhone 8 Plus"),
    ("iPhone10,5", "iPhone 8 Plus"),
    ("iPhone10,3", "iPhone X"),
    ("iPhone10,6", "iPhone X"),
    ("iPhone11,2", "iPhone XS"),
    ("iPhone11,4", "iPhone XS Max"),
    ("iPhone11,6", "iPhone XS Max"),
    ("iPhone11,8", "iPhone XR"),
    ("iPhone12,1", "iPhone 11"),
    ("iPhone12,3", "iPhone 11 Pro"),
    ("iPhone12,5", "iPhone 11 Pro Max"),
    ("iPhone12,8", "iPhone SE (2nd generation)"),
    ("iPhone13,1", "iPhone 12 mini"),
    ("iPhone13,2", "iPhone 12"),
    ("iPhone13,3", "iPhone 12 Pro"),
    ("iPhone13,4", "iPhone 12 Pro Max"),
    ("iPhone14,2", "iPhone 13 Pro"),
    ("iPhone14,3", "iPhone 13 Pro Max"),
    ("iPhone14,4", "iPhone 13 mini"),
    ("iPhone14,5", "iPhone 13"),
    ("iPhone14,6", "iPhone SE (3rd generation)"),
    ("iPhone14,7", "iPhone 14"),
    ("iPhone14,8", "iPhone 14 Plus"),
    ("iPhone15,2", "iPhone 14 Pro"),
    ("iPhone15,3", "iPhone 14 Pro Max"),
    ("iPhone15,4", "iPhone 15"),
    ("iPhone15,5", "iPhone 15 Plus"),
    ("iPhone16,1", "iPhone 15 Pro"),
    ("iPhone16,2", "iPhone 15 Pro Max"),
    ("iPhone17,1", "iPhone 16 Pro"),
    ("iPhone17,2", "iPhone 16 Pro Max"),
    ("iPhone17,3", "iPhone 16"),
    ("iPhone17,4", "iPhone 16 Plus"),
    ("iPhone17,5", "iPhone 16e"),
    ("iPad12,1", "iPad (9th generation)"),
    ("iPad12,2", "iPad (9th generation)"),
    ("iPad13,1", "iPad Air (4th generation)"),
    ("iPad13,2", "iPad Air (4th generation)"),
    ("iPad13,4", "iPad Pro 11-inch (3rd generation)"),
    ("iPad13,5", "iPad Pro 11-inch (3rd generation)"),
    ("iPad13,6", "iPad Pro 11-inch (3rd generation)"),
    ("iPad13,7", "iPad Pro 11-inch (3rd generation)"),
    ("iPad13,8", "iPad Pro 12.9-inch (5th generation)"),
    ("iPad13,9", "iPad Pro 12.9-inch (5th generation)"),
    ("iPad13,10", "iPad Pro 12.9-inch (5th generation)"),
    ("iPad13,11", "iPad Pro 12.9-inch (5th generation)"),
    ("iPad13,16", "iPad Air (5th generation)"),
    ("iPad13,17", "iPad Air (5th generation)"),
    ("iPad13,18", "iPad (10th generation)"),
    ("iPad13,19", "iPad (10th generation)"),
    ("iPad14,1", "iPad mini (6th generation)"),
    ("iPad14,2", "iPad mini (6th generation)"),
    ("iPad14,3", "iPad Pro 11-inch (4th generation)"),
    ("iPad14,4", "iPad Pro 11-inch (4th generation)"),
    ("iPad14,5", "iPad Pro 12.9-inch (6th generation)"),
    ("iPad14,6", "iPad Pro 12.9-inch (6th generation)"),
    ("iPad14,8", "iPad Air 11-inch (M2)"),
    ("iPad14,9", "iPad Air 11-inch (M2)"),
    ("iPad14,10", "iPad Air 13-inch (M2)"),
    ("iPad14,11", "iPad Air 13-inch (M2)"),
    ("iPad16,3", "iPad Pro 11-inch (M4)"),
    ("iPad16,4", "iPad Pro 11-inch (M4)"),
    ("iPad16,5", "iPad Pro 13-inch (M4)"),
    ("iPad16,6", "iPad Pro 13-inch (M4)"),
];

/// Whether `value` has the shape of a product code: a family name, then
/// digits, a comma and digits ("iPhone16,1").
pub fn is_product_code(value: &str) -> bool {
    let family = family_of(value);
    let Some((major, minor)) = value[family.len()..].split_once(',') else {
        return false;
    };
    !family.is_empty()
        && !major.is_empty()
        && !minor.is_empty()
        && major.bytes().all(|b| b.is_ascii_digit())
        && minor.bytes().all(|b| b.is_ascii_digit())
}

/// "iPhone" of "iPhone16,1".
fn family_of(value: &str) -> &str {
    let end = value
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(value.len());
    &value[..end]
}

/// The marketing name of a product code, if this table knows it.
pub fn marketing_name(product_code: &str) -> Option<&'static str> {
    MARKETING_NAMES
        .iter()
        .find(|(code, _)| *code == product_code)
        .map(|(_, name)| *name)
}

/// What a stored model says: the name to show and, when it is a product
/// code, the code. "iPhone16,1" → ("iPhone 15 Pro", Some("iPhone16,1"));
/// an unknown newer code → its family; anything else as it is.
pub fn model_and_code(stored: &str) -> (String, Option<String>) {
    if !is_product_code(stored) {
        return (stored.to_owned(), None);
    }
    let name = marketing_name(stored).unwrap_or_else(|| family_of(stored));
    (name.to_owned(), Some(stored.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_code_reads_as_its_marketing_name_and_keeps_the_code() {
        assert_eq!(
            model_and_code("iPhone16,1"),
            ("iPhone 15 Pro".to_owned(), Some("iPhone16,1".to_owned()))
        );
        assert_eq!(
            model_and_code("iPad13,4").0,
            "iPad Pro 11-inch (3rd generation)"
        );
    }

    #[test]
    fn a_newer_code_reads_as_its_family() {
        assert_eq!(
            model_and_code("iPhone99,9"),
            ("iPhone".to_owned(), Some("iPhone99,9".to_owned()))
        );
    }

    #[test]
    fn a_model_name_is_shown_as_it_is() {
        assert_eq!(model_and_code("iPhone"), ("iPhone".to_owned(), None));
        assert_eq!(model_and_code("iPhone 15"), ("iPhone 15".to_owned(), None));
        assert!(!is_product_code("iPhone16,"));
        assert!(!is_product_code(",1"));
        assert!(!is_product_code("iPhone16,1a"));
    }

    #[test]
    fn every_code_in_the_table_is_a_product_code_and_appears_once() {
        for (i, (code, _)) in MARKETING_NAMES.iter().enumerate() {
            assert!(is_product_code(code), "{code}");
            assert!(
                !MARKETING_NAMES[i + 1..]
                    .iter()
                    .any(|(other, _)| other == code),
                "{code} twice"
            );
        }
    }
}
