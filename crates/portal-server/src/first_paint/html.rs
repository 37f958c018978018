//! Writing HTML with every text and attribute value escaped: names of
//! organizations, people and devices are typed by people, so none of them
//! is ever written as markup.

use std::fmt::Write as _;

/// A fragment of HTML being written.
#[derive(Debug, Default)]
pub struct Html {
    out: String,
}

impl Html {
    pub fn new() -> Self {
        Self::default()
    }

    /// `<name a="v" …>`; a `None` value leaves that attribute out, an empty
    /// one writes it bare (`required`).
    pub fn open(&mut self, name: &str, attributes: &[(&str, Option<&str>)]) -> &mut Self {
        self.out.push('<');
        self.out.push_str(name);
        for (attribute, value) in attributes {
            match value {
                None => {}
                Some("") => {
                    self.out.push(' ');
                    self.out.push_str(attribute);
                }
                Some(value) => {
                    let _ = write!(self.out, " {attribute}=\"{}\"", escape_attribute(value));
                }
            }
        }
        self.out.push('>');
        self
    }

    /// `</name>`
    pub fn close(&mut self, name: &str) -> &mut Self {
        let _ = write!(self.out, "</{name}>");
        self
    }

    /// `<name …>text</name>`
    pub fn element(
        &mut self,
        name: &str,
        attributes: &[(&str, Option<&str>)],
        text: &str,
    ) -> &mut Self {
        self.open(name, attributes).text(text).close(name)
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.out.push_str(&escape_text(text));
        self
    }

    pub fn into_string(self) -> String {
        self.out
    }
}

/// `Some(value)` for an attribute that is always there.
pub fn some(value: &str) -> Option<&str> {
    Some(value)
}

/// Text content: `&`, `<` and `>` as character references.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// A double-quoted attribute value: also `"` and `'`.
pub fn escape_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut html = Html::new();
        html.open(
            "a",
            &[
                ("href", some("/x?a=1&b=\"2\"")),
                ("title", None),
                ("hidden", some("")),
            ],
        )
        .text("<b>Tom & Jerry's</b>")
        .close("a");
        assert_eq!(
            html.into_string(),
            "<a href=\"/x?a=1&amp;b=&quot;2&quot;\" hidden>&lt;b&gt;Tom &amp; Jerry's&lt;/b&gt;</a>"
        );
    }

    #[test]
    fn elements_with_text() {
        let mut html = Html::new();
        html.element("h1", &[("tabindex", some("-1"))], "Sign in to <Contoso>");
        assert_eq!(
            html.into_string(),
            "<h1 tabindex=\"-1\">Sign in to &lt;Contoso&gt;</h1>"
        );
    }
}
