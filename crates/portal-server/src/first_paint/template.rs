//! The `index.html` Trunk built, as a template for the first paint: its
//! `<html>` tag (for `lang` and `dir`), its `<title>`, the end of the title
//! (where a preload goes) and the start of `<body>` (where the page goes).
//! Everything else, the inline module loader the CSP allows by hash first,
//! is kept byte for byte.

use std::ops::Range;

/// A parsed `index.html`.
#[derive(Debug, Clone)]
pub struct Template {
    source: String,
    html_tag: Range<usize>,
    title_text: Range<usize>,
    body_start: usize,
}

/// What the first paint puts into the template.
#[derive(Debug, Default)]
pub struct Filling<'a> {
    /// `lang` and `dir` of `<html>`.
    pub lang: &'a str,
    pub dir: &'a str,
    /// The document title, escaped.
    pub title: &'a str,
    /// Markup for the end of `<head>` (after `<title>`).
    pub head: &'a str,
    /// Markup for the start of `<body>`.
    pub body: &'a str,
}

impl Template {
    /// `None` when `html` lacks one of the parts (then pages get it as it is).
    pub fn parse(html: &str) -> Option<Template> {
        // ASCII lower-casing keeps byte offsets.
        let lower = html.to_ascii_lowercase();
        let html_start = find_tag(&lower, "html", 0)?;
        let html_end = lower[html_start..].find('>')? + html_start + 1;
        let title_start = find_tag(&lower, "title", html_end)?;
        let title_text_start = lower[title_start..].find('>')? + title_start + 1;
        let title_text_end = lower[title_text_start..].find("</title")? + title_text_start;
        let body = find_tag(&lower, "body", title_text_end)?;
        let body_start = lower[body..].find('>')? + body + 1;
        Some(Template {
            source: html.to_owned(),
            html_tag: html_start..html_end,
            title_text: title_text_start..title_text_end,
            body_start,
        })
    }

    /// The page: the template with `filling` in place.
    pub fn fill(&self, filling: &Filling<'_>) -> String {
        let s = &self.source;
        let title_end = s[self.title_text.end..]
            .find('>')
            .map_or(self.title_text.end, |i| self.title_text.end + i + 1);
        let mut out = String::with_capacity(
            s.len() + filling.title.len() + filling.head.len() + filling.body.len() + 32,
        );
        out.push_str(&s[..self.html_tag.start]);
        out.push_str(&format!(
            "<html lang=\"{}\" dir=\"{}\">",
            filling.lang, filling.dir
        ));
        out.push_str(&s[self.html_tag.end..self.title_text.start]);
        out.push_str(filling.title);
        out.push_str(&s[self.title_text.end..title_end]);
        out.push_str(filling.head);
        out.push_str(&s[title_end..self.body_start]);
        out.push_str(filling.body);
        out.push_str(&s[self.body_start..]);
        out
    }
}

/// The start of the tag `<name` (followed by `>`, `/` or whitespace) at or
/// after `from`.
fn find_tag(lower: &str, name: &str, from: usize) -> Option<usize> {
    let open = format!("<{name}");
    let mut at = from;
    while let Some(found) = lower.get(at..)?.find(&open) {
        let start = at + found;
        let after = start + open.len();
        match lower.as_bytes().get(after) {
            Some(b) if b.is_ascii_whitespace() || *b == b'>' || *b == b'/' => return Some(start),
            _ => at = after,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// As Trunk's minifier writes it.
    const MINIFIED: &str = "<!doctype html><html lang=en><meta charset=utf-8><title>Company Portal</title><link href=/main.css rel=stylesheet><script type=module>import init from '/app.js';</script></head><body><noscript>Needs JavaScript</noscript></body></html>";

    #[test]
    fn fills_a_minified_index() {
        let template = Template::parse(MINIFIED).unwrap();
        let page = template.fill(&Filling {
            lang: "ar",
            dir: "rtl",
            title: "Sign in · Contoso",
            head: "<link rel=preload>",
            body: "<div id=first-paint></div>",
        });
        assert_eq!(
            page,
            "<!doctype html><html lang=\"ar\" dir=\"rtl\"><meta charset=utf-8><title>Sign in · Contoso</title><link rel=preload><link href=/main.css rel=stylesheet><script type=module>import init from '/app.js';</script></head><body><div id=first-paint></div><noscript>Needs JavaScript</noscript></body></html>"
        );
    }

    #[test]
    fn an_index_without_its_parts_is_no_template() {
        assert!(Template::parse("<html><body></body></html>").is_none());
        assert!(Template::parse("<html><title>x</title></html>").is_none());
        // `<htmlx>` and `<bodyguard>` are other elements.
        assert!(Template::parse("<htmlx><title>x</title><bodyguard>").is_none());
    }
}
