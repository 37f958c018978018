//! The SPA's message catalogs (`src/i18n/locales/<tag>.ftl`), read by the
//! tests so that they check a page against the catalog, not against a copy
//! of its words.

use std::path::Path;

/// The one-line message `key` of the `tag` catalog, with `args` placed in
/// it as the app places them (isolated in right-to-left text).
pub fn message(tag: &str, key: &str, args: &[(&str, &str)]) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../src/i18n/locales")
        .join(format!("{tag}.ftl"));
    let catalog =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let prefix = format!("{key} = ");
    let mut text = catalog
        .lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("{tag}.ftl has no one-line message {key}"))
        .to_owned();
    let right_to_left = tag == "ar";
    for (name, value) in args {
        let value = if right_to_left {
            format!("\u{2068}{value}\u{2069}")
        } else {
            (*value).to_owned()
        };
        text = text.replace(&format!("{{ ${name} }}"), &value);
    }
    assert!(
        !text.contains("{ "),
        "{tag}.ftl's {key} needs more than one-line text and {args:?}: {text}"
    );
    text
}
