//! The portal's message catalogs.
//!
//! Catalogs are written in Fluent (`.ftl`). The `compile` feature parses and
//! checks them with the official `fluent-syntax` crate at build time and
//! turns them into a [`CompiledCatalog`]: every message a flat list of text,
//! variables and selects, with terms and message references already inlined.
//! What the app ships is that compiled form (as JSON) and the small
//! interpreter below, not a Fluent parser, plural rules or number formatting:
//! plural categories come from the caller (the browser's `Intl.PluralRules`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

pub mod language;
pub mod refusals;
pub mod time;

#[cfg(feature = "compile")]
mod compile;
#[cfg(feature = "compile")]
pub use compile::{compile, message_references, CompileError, Problem};
pub use language::{negotiate, Language, TextDirection};

/// A language's messages, by key: `id` for a message's value, `id.attribute`
/// for one of its attributes.
///
/// Serialized as a JSON object of key → [`Pattern`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CompiledCatalog {
    pub messages: BTreeMap<String, Pattern>,
}

/// A message: its pieces in order.
pub type Pattern = Vec<Piece>;

/// One piece of a message.
///
/// JSON, chosen to be short and to need no buffering when read (so the wasm
/// carries no untagged-enum machinery): text is a string, a variable a
/// one-element array `["org"]`, a select `["count", default, [variants…]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// `{ $name }`: the argument's value.
    Variable(String),
    /// `{ $selector -> [key] … *[other] … }`; `default` indexes `variants`.
    Select {
        selector: String,
        variants: Vec<Variant>,
        default: usize,
    },
}

/// One branch of a select. JSON: `[key, pattern]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub key: VariantKey,
    pub value: Pattern,
}

/// What a variant matches. JSON: a string or an integer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VariantKey {
    /// A plural category (`one`, `few`, `other`, …) or a text argument's value.
    Name(String),
    /// An exact number: `[0]`.
    Number(i64),
}

/// A value placed into a message: text, or a whole number that can also
/// choose a plural form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Text(text.clone())
    }
}

macro_rules! number_args {
    ($($number:ty),*) => {$(
        impl From<$number> for Arg {
            fn from(number: $number) -> Self {
                // Counts on screen never come near i64::MAX; saturate rather
                // than wrap to a negative if one ever did.
                Arg::Number(i64::try_from(number).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(i32, i64, u32, u64, usize);

/// First strong isolate and pop directional isolate: keep an argument (a
/// Latin name, a number) from reordering the right-to-left text around it.
const ISOLATE_START: char = '\u{2068}';
const ISOLATE_END: char = '\u{2069}';

/// What a pattern is formatted with.
struct Context<'a> {
    args: &'a [(&'a str, Arg)],
    plural_category: &'a dyn Fn(i64) -> &'static str,
    isolate: bool,
}

impl Context<'_> {
    fn arg(&self, name: &str) -> Option<&Arg> {
        self.args
            .iter()
            .find(|(arg_name, _)| *arg_name == name)
            .map(|(_, value)| value)
    }
}

impl CompiledCatalog {
    /// The message `key` with `args` placed in it; `None` if there is no
    /// such message.
    ///
    /// `plural_category` names the CLDR plural category of a number in the
    /// catalog's language (`one`, `few`, `other`, …); `isolate` wraps every
    /// argument in Unicode isolation marks, for right-to-left languages.
    /// A missing argument shows as `{$name}` and selects the default variant.
    pub fn format(
        &self,
        key: &str,
        args: &[(&str, Arg)],
        plural_category: &dyn Fn(i64) -> &'static str,
        isolate: bool,
    ) -> Option<String> {
        let pattern = self.messages.get(key)?;
        let context = Context {
            args,
            plural_category,
            isolate,
        };
        let mut out = String::new();
        write_pattern(&mut out, pattern, &context);
        Some(out)
    }
}

fn write_pattern(out: &mut String, pattern: &[Piece], context: &Context<'_>) {
    for piece in pattern {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Variable(name) => {
                if context.isolate {
                    out.push(ISOLATE_START);
                }
                match context.arg(name) {
                    Some(Arg::Text(text)) => out.push_str(text),
                    Some(Arg::Number(number)) => out.push_str(&number.to_string()),
                    None => {
                        out.push_str("{$");
                        out.push_str(name);
                        out.push('}');
                    }
                }
                if context.isolate {
                    out.push(ISOLATE_END);
                }
            }
            Piece::Select {
                selector,
                variants,
                default,
            } => {
                let chosen = choose(context.arg(selector), variants, context).unwrap_or(*default);
                if let Some(variant) = variants.get(chosen) {
                    write_pattern(out, &variant.value, context);
                }
            }
        }
    }
}

/// A number: its exact key first (`[0]`), then its plural category; text:
/// the variant of that name. `None`: the default.
fn choose(arg: Option<&Arg>, variants: &[Variant], context: &Context<'_>) -> Option<usize> {
    let named = |name: &str| {
        variants
            .iter()
            .position(|variant| matches!(&variant.key, VariantKey::Name(key) if key == name))
    };
    match arg? {
        Arg::Number(number) => variants
            .iter()
            .position(|variant| variant.key == VariantKey::Number(*number))
            .or_else(|| named((context.plural_category)(*number))),
        Arg::Text(text) => named(text),
    }
}

/// The variables each message reads, selectors included: what a
/// translation must keep of its source.
pub fn placeholders(catalog: &CompiledCatalog) -> BTreeMap<String, BTreeSet<String>> {
    fn collect(pattern: &[Piece], names: &mut BTreeSet<String>) {
        for piece in pattern {
            match piece {
                Piece::Text(_) => {}
                Piece::Variable(name) => {
                    names.insert(name.clone());
                }
                Piece::Select {
                    selector, variants, ..
                } => {
                    names.insert(selector.clone());
                    for variant in variants {
                        collect(&variant.value, names);
                    }
                }
            }
        }
    }
    catalog
        .messages
        .iter()
        .map(|(key, pattern)| {
            let mut names = BTreeSet::new();
            collect(pattern, &mut names);
            (key.clone(), names)
        })
        .collect()
}

// Hand-written serde: derived untagged enums would read through serde's
// buffered `Content`, which costs wasm bytes for nothing here.

impl Serialize for Piece {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Piece::Text(text) => serializer.serialize_str(text),
            Piece::Variable(name) => [name].serialize(serializer),
            Piece::Select {
                selector,
                variants,
                default,
            } => (selector, default, variants).serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Piece {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(PieceVisitor)
    }
}

struct PieceVisitor;

impl<'de> Visitor<'de> for PieceVisitor {
    type Value = Piece;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("text, [variable] or [selector, default, variants]")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Piece, E> {
        Ok(Piece::Text(text.to_owned()))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Piece, E> {
        Ok(Piece::Text(text))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Piece, A::Error> {
        let name: String = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let Some(default) = seq.next_element::<usize>()? else {
            return Ok(Piece::Variable(name));
        };
        let variants: Vec<Variant> = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(2, &self))?;
        if default >= variants.len() {
            return Err(de::Error::custom(
                "a select's default is not one of its variants",
            ));
        }
        Ok(Piece::Select {
            selector: name,
            variants,
            default,
        })
    }
}

impl Serialize for Variant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (&self.key, &self.value).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Variant {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (key, value) = <(VariantKey, Pattern)>::deserialize(deserializer)?;
        Ok(Variant { key, value })
    }
}

impl Serialize for VariantKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            VariantKey::Name(name) => serializer.serialize_str(name),
            VariantKey::Number(number) => serializer.serialize_i64(*number),
        }
    }
}

impl<'de> Deserialize<'de> for VariantKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(VariantKeyVisitor)
    }
}

struct VariantKeyVisitor;

impl Visitor<'_> for VariantKeyVisitor {
    type Value = VariantKey;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a variant name or an integer")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<VariantKey, E> {
        Ok(VariantKey::Name(name.to_owned()))
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<VariantKey, E> {
        Ok(VariantKey::Number(number))
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<VariantKey, E> {
        i64::try_from(number)
            .map(VariantKey::Number)
            .map_err(|_| de::Error::custom("a variant key beyond i64"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english(n: i64) -> &'static str {
        if n == 1 {
            "one"
        } else {
            "other"
        }
    }

    /// CLDR's Arabic cardinal rules, for integers.
    fn arabic(n: i64) -> &'static str {
        match (n, n % 100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        }
    }

    fn catalog(json: &str) -> CompiledCatalog {
        serde_json::from_str(json).unwrap()
    }

    fn text(s: &str) -> Piece {
        Piece::Text(s.into())
    }

    fn variant(key: VariantKey, value: Pattern) -> Variant {
        Variant { key, value }
    }

    fn name(s: &str) -> VariantKey {
        VariantKey::Name(s.into())
    }

    const DEVICES: &str = r#"{
        "devices": [["count", 2, [
            [0, ["No devices"]],
            ["one", ["One device"]],
            ["other", [["count"], " devices"]]
        ]]],
        "greeting": ["Hello, ", ["name"], "!"],
        "plain": ["Company Portal"],
        "login.title": ["Sign in"]
    }"#;

    #[test]
    fn reads_the_json_form() {
        let catalog = catalog(DEVICES);
        assert_eq!(
            catalog.messages["greeting"],
            vec![text("Hello, "), Piece::Variable("name".into()), text("!")]
        );
        assert_eq!(
            catalog.messages["devices"],
            vec![Piece::Select {
                selector: "count".into(),
                variants: vec![
                    variant(VariantKey::Number(0), vec![text("No devices")]),
                    variant(name("one"), vec![text("One device")]),
                    variant(
                        name("other"),
                        vec![Piece::Variable("count".into()), text(" devices")]
                    ),
                ],
                default: 2,
            }]
        );
        // And writes it back the same way.
        let json = serde_json::to_string(&catalog).unwrap();
        assert_eq!(
            serde_json::from_str::<CompiledCatalog>(&json).unwrap(),
            catalog
        );
        assert!(
            json.contains(r#""greeting":["Hello, ",["name"],"!"]"#),
            "{json}"
        );
    }

    #[test]
    fn refuses_a_default_outside_the_variants() {
        let json = r#"{"m": [["count", 1, [["other", ["x"]]]]]}"#;
        assert!(serde_json::from_str::<CompiledCatalog>(json).is_err());
        assert!(serde_json::from_str::<CompiledCatalog>(r#"{"m": [[]]}"#).is_err());
    }

    #[test]
    fn formats_text_and_variables() {
        let catalog = catalog(DEVICES);
        let format = |key, args: &[(&str, Arg)]| catalog.format(key, args, &english, false);
        assert_eq!(format("plain", &[]).as_deref(), Some("Company Portal"));
        assert_eq!(format("login.title", &[]).as_deref(), Some("Sign in"));
        assert_eq!(
            format("greeting", &[("name", "Ada".into())]).as_deref(),
            Some("Hello, Ada!")
        );
        assert_eq!(
            format("greeting", &[("name", 42.into())]).as_deref(),
            Some("Hello, 42!")
        );
        assert_eq!(format("missing", &[]), None);
    }

    #[test]
    fn a_missing_argument_shows_its_name() {
        let catalog = catalog(DEVICES);
        assert_eq!(
            catalog.format("greeting", &[], &english, false).as_deref(),
            Some("Hello, {$name}!")
        );
        // A select without its argument takes the default.
        assert_eq!(
            catalog.format("devices", &[], &english, false).as_deref(),
            Some("{$count} devices")
        );
    }

    #[test]
    fn selects_exact_numbers_then_plural_categories() {
        let catalog = catalog(DEVICES);
        let devices = |n: i64| catalog.format("devices", &[("count", n.into())], &english, false);
        assert_eq!(devices(0).as_deref(), Some("No devices"));
        assert_eq!(devices(1).as_deref(), Some("One device"));
        assert_eq!(devices(2).as_deref(), Some("2 devices"));
        assert_eq!(devices(-3).as_deref(), Some("-3 devices"));
    }

    #[test]
    fn selects_arabic_plural_categories() {
        let catalog = catalog(
            r#"{"files": [["n", 5, [
                ["zero", ["zero"]], ["one", ["one"]], ["two", ["two"]],
                ["few", ["few ", ["n"]]], ["many", ["many ", ["n"]]], ["other", ["other ", ["n"]]]
            ]]]}"#,
        );
        let files = |n: i64| {
            catalog
                .format("files", &[("n", n.into())], &arabic, false)
                .unwrap()
        };
        assert_eq!(files(0), "zero");
        assert_eq!(files(1), "one");
        assert_eq!(files(2), "two");
        assert_eq!(files(3), "few 3");
        assert_eq!(files(110), "few 110");
        assert_eq!(files(11), "many 11");
        assert_eq!(files(100), "other 100");
    }

    #[test]
    fn selects_on_text() {
        let catalog = catalog(
            r#"{"owner": [["kind", 1, [["company", ["Company-owned"]], ["other", ["Unknown"]], ["personal", ["Personal"]]]]]}"#,
        );
        let owner = |kind: &str| {
            catalog
                .format("owner", &[("kind", kind.into())], &english, false)
                .unwrap()
        };
        assert_eq!(owner("company"), "Company-owned");
        assert_eq!(owner("personal"), "Personal");
        assert_eq!(owner("shared"), "Unknown");
        // A number's category never matches a text argument "one".
        assert_eq!(owner("one"), "Unknown");
    }

    #[test]
    fn isolates_arguments_for_right_to_left_text() {
        let catalog = catalog(DEVICES);
        assert_eq!(
            catalog
                .format("greeting", &[("name", "Ada".into())], &english, true)
                .unwrap(),
            "Hello, \u{2068}Ada\u{2069}!"
        );
        assert_eq!(
            catalog
                .format("devices", &[("count", 3.into())], &english, true)
                .unwrap(),
            "\u{2068}3\u{2069} devices"
        );
    }

    #[test]
    fn converts_arguments() {
        assert_eq!(Arg::from("a"), Arg::Text("a".into()));
        assert_eq!(Arg::from(String::from("b")), Arg::Text("b".into()));
        assert_eq!(Arg::from(&String::from("c")), Arg::Text("c".into()));
        assert_eq!(Arg::from(-1i32), Arg::Number(-1));
        assert_eq!(Arg::from(2u32), Arg::Number(2));
        assert_eq!(Arg::from(3usize), Arg::Number(3));
        assert_eq!(Arg::from(u64::MAX), Arg::Number(i64::MAX));
    }

    #[test]
    fn lists_placeholders() {
        let placeholders = placeholders(&catalog(DEVICES));
        let names = |key: &str| placeholders[key].iter().cloned().collect::<Vec<_>>();
        assert_eq!(names("devices"), ["count"]);
        assert_eq!(names("greeting"), ["name"]);
        assert!(names("plain").is_empty());
    }
}
