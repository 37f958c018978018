//! Fluent source → [`CompiledCatalog`], at build time.
//!
//! Parsed by `fluent-syntax` (the reference parser), then checked and
//! flattened: terms and message references are inlined, so the runtime
//! knows only text, variables and selects on variables. Whatever the runtime
//! could not do as Fluent would (functions such as `NUMBER()`, term
//! attributes as values) is refused here, with the line and entry, instead
//! of showing up wrong on screen.

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement};
use fluent_syntax::parser::{self, ErrorKind};
use fluent_syntax::unicode::unescape_unicode_to_string;

use crate::{CompiledCatalog, Pattern, Piece, Variant, VariantKey};

/// Everything wrong with a catalog, all at once, so a translator fixes a
/// file in one round.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct CompileError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, problem) in self.problems.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

/// One thing wrong in a catalog. `line` is 1-based; `entry` the message
/// (`id`, `id.attribute`) or term (`-id`) it is in.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("line {line}: {message}: `{text}`")]
    Syntax {
        line: usize,
        message: String,
        text: String,
    },
    #[error("line {line}: `{entry}` is defined again (first on line {first_line})")]
    Duplicate {
        line: usize,
        entry: String,
        first_line: usize,
    },
    #[error("line {line}, `{entry}`: {construct} is not supported")]
    Unsupported {
        line: usize,
        entry: String,
        construct: String,
    },
    #[error("line {line}, `{entry}`: unknown message `{reference}`")]
    UnknownMessage {
        line: usize,
        entry: String,
        reference: String,
    },
    #[error("line {line}, `{entry}`: unknown term `{reference}`")]
    UnknownTerm {
        line: usize,
        entry: String,
        reference: String,
    },
    #[error("line {line}, `{entry}`: `{reference}` has no value, only attributes")]
    NoValue {
        line: usize,
        entry: String,
        reference: String,
    },
    #[error("line {line}, `{entry}`: term `{term}` reads `${variable}`, which it is not given (`{{ {term}({variable}: \"…\") }}`)")]
    TermVariable {
        line: usize,
        entry: String,
        term: String,
        variable: String,
    },
    #[error("line {line}, `{entry}`: references go round in a cycle: {}", .cycle.join(" → "))]
    Cycle {
        line: usize,
        entry: String,
        cycle: Vec<String>,
    },
}

/// The compiled catalog of a Fluent resource, or everything wrong with it.
pub fn compile(source: &str) -> Result<CompiledCatalog, CompileError> {
    compile_with_references(source).map(|(catalog, _)| catalog)
}

/// The message keys that other messages reference (`{ product-name }`):
/// used even if no code asks for them.
pub fn message_references(source: &str) -> Result<BTreeSet<String>, CompileError> {
    compile_with_references(source).map(|(_, references)| references)
}

fn compile_with_references(
    source: &str,
) -> Result<(CompiledCatalog, BTreeSet<String>), CompileError> {
    let resource = parser::parse(source).map_err(|(_, errors)| CompileError {
        problems: errors
            .iter()
            .map(|error| syntax_problem(source, error))
            .collect(),
    })?;

    let mut compiler = Compiler::new(entry_lines(source));
    let mut occurrences: HashMap<String, usize> = HashMap::new();
    let mut order = Vec::new();
    for entry in &resource.body {
        let name = match entry {
            Entry::Message(message) => {
                if !compiler.messages.contains_key(message.id.name) {
                    compiler.messages.insert(message.id.name, message);
                    order.push(message);
                }
                message.id.name.to_owned()
            }
            Entry::Term(term) => {
                compiler.terms.entry(term.id.name).or_insert(term);
                format!("-{}", term.id.name)
            }
            // Comments; junk only comes with an error, handled above.
            _ => continue,
        };
        let seen = occurrences.entry(name.clone()).or_default();
        *seen += 1;
        if *seen > 1 {
            compiler.problems.push(Problem::Duplicate {
                line: compiler.line_of(&name, *seen - 1),
                first_line: compiler.line_of(&name, 0),
                entry: name,
            });
        }
    }

    let mut catalog = CompiledCatalog::default();
    for message in order {
        let id = message.id.name;
        let mut keys = Vec::new();
        if message.value.is_some() {
            keys.push(id.to_owned());
        }
        let mut attributes = BTreeSet::new();
        for attribute in &message.attributes {
            let key = format!("{id}.{}", attribute.id.name);
            if attributes.insert(attribute.id.name) {
                keys.push(key);
            } else {
                compiler.problems.push(Problem::Duplicate {
                    line: compiler.line_of(id, 0),
                    first_line: compiler.line_of(id, 0),
                    entry: key,
                });
            }
        }
        for key in keys {
            if let Some(pattern) = compiler.message(&key) {
                catalog.messages.insert(key, pattern);
            }
        }
    }
    // Unused terms are checked too, so a mistake in one is found before it
    // gets used; their variables are unknown here, so not required.
    let mut terms: Vec<_> = compiler.terms.values().copied().collect();
    terms.sort_by_key(|term| compiler.line_of(&format!("-{}", term.id.name), 0));
    for term in terms {
        let name = format!("-{}", term.id.name);
        let scope = Scope::Term {
            args: HashMap::new(),
            lenient: true,
        };
        compiler.stack.push(name.clone());
        compiler.pattern(&mut Vec::new(), &term.value, &scope);
        compiler.stack.pop();
        for attribute in &term.attributes {
            compiler.stack.push(format!("{name}.{}", attribute.id.name));
            compiler.pattern(&mut Vec::new(), &attribute.value, &scope);
            compiler.stack.pop();
        }
    }

    let mut problems: Vec<Problem> = Vec::new();
    for problem in compiler.problems {
        // A term used in several places reports its own mistakes once.
        if !problems.contains(&problem) {
            problems.push(problem);
        }
    }
    if problems.is_empty() {
        Ok((catalog, compiler.references))
    } else {
        Err(CompileError { problems })
    }
}

fn syntax_problem(source: &str, error: &parser::ParserError) -> Problem {
    let start = error.pos.start.min(source.len());
    let mut line = source.as_bytes()[..start]
        .iter()
        .filter(|byte| **byte == b'\n')
        .count()
        + 1;
    let lines: Vec<&str> = source.lines().collect();
    // An error at the end of the input (an unclosed `{`) is about the last
    // thing written, not the blank after it.
    while line > 1
        && lines
            .get(line - 1)
            .is_none_or(|text| text.trim().is_empty())
    {
        line -= 1;
    }
    let message = match &error.kind {
        // fluent-syntax words this one as if it were about selectors.
        ErrorKind::TermAttributeAsPlaceable => {
            "a term attribute can only be a selector, not a value".to_owned()
        }
        kind => kind.to_string(),
    };
    Problem::Syntax {
        line,
        message,
        text: lines
            .get(line - 1)
            .map_or("", |text| text.trim())
            .to_owned(),
    }
}

/// The lines each entry (`id`, `-id`) starts on, in order. The AST has no
/// positions; entries always start a line, so a scan finds them.
fn entry_lines(source: &str) -> HashMap<String, Vec<usize>> {
    let mut lines: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, line) in source.lines().enumerate() {
        let name_end = line
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(line.len());
        let (name, rest) = line.split_at(name_end);
        let starts_like_id = name
            .trim_start_matches('-')
            .starts_with(|c: char| c.is_ascii_alphabetic());
        if starts_like_id && rest.trim_start().starts_with('=') {
            lines.entry(name.to_owned()).or_default().push(index + 1);
        }
    }
    lines
}

/// What variables mean where a pattern is compiled.
enum Scope {
    /// In a message: the arguments the app passes at runtime.
    Message,
    /// In a term: only the term's own arguments, which are literals, so
    /// known now. `lenient` when checking a term on its own.
    Term {
        args: HashMap<String, String>,
        lenient: bool,
    },
}

struct Compiler<'s> {
    messages: HashMap<&'s str, &'s ast::Message<&'s str>>,
    terms: HashMap<&'s str, &'s ast::Term<&'s str>>,
    lines: HashMap<String, Vec<usize>>,
    problems: Vec<Problem>,
    /// Compiled messages by key; `None` for those with problems (reported
    /// once, where they are, not again at every reference).
    done: HashMap<String, Option<Pattern>>,
    /// The entries being compiled, innermost last: for cycles, and to say
    /// where a problem is.
    stack: Vec<String>,
    references: BTreeSet<String>,
}

impl<'s> Compiler<'s> {
    fn new(lines: HashMap<String, Vec<usize>>) -> Self {
        Self {
            messages: HashMap::new(),
            terms: HashMap::new(),
            lines,
            problems: Vec::new(),
            done: HashMap::new(),
            stack: Vec::new(),
            references: BTreeSet::new(),
        }
    }

    /// The line of `entry`'s `nth` definition; an attribute's is its
    /// message's.
    fn line_of(&self, entry: &str, nth: usize) -> usize {
        let id = entry.split('.').next().unwrap_or(entry);
        self.lines
            .get(id)
            .and_then(|lines| lines.get(nth))
            .copied()
            .unwrap_or(0)
    }

    /// Where a problem found now is: the innermost entry being compiled.
    fn here(&self) -> (usize, String) {
        let entry = self.stack.last().cloned().unwrap_or_default();
        (self.line_of(&entry, 0), entry)
    }

    fn unsupported(&mut self, construct: String) {
        let (line, entry) = self.here();
        self.problems.push(Problem::Unsupported {
            line,
            entry,
            construct,
        });
    }

    /// Pushes a cycle problem if `entry` is already being compiled.
    fn is_cycle(&mut self, entry: &str) -> bool {
        let Some(start) = self.stack.iter().position(|open| open == entry) else {
            return false;
        };
        let mut cycle = self.stack[start..].to_vec();
        cycle.push(entry.to_owned());
        let (line, innermost) = self.here();
        self.problems.push(Problem::Cycle {
            line,
            entry: innermost,
            cycle,
        });
        true
    }

    /// The message `key` (`id` or `id.attribute`), which exists, compiled.
    fn message(&mut self, key: &str) -> Option<Pattern> {
        if let Some(done) = self.done.get(key) {
            return done.clone();
        }
        if self.is_cycle(key) {
            return None;
        }
        let (id, attribute) = split_key(key);
        let message = *self.messages.get(id)?;
        let pattern = match attribute {
            None => message.value.as_ref()?,
            Some(name) => {
                &message
                    .attributes
                    .iter()
                    .find(|attribute| attribute.id.name == name)?
                    .value
            }
        };
        let before = self.problems.len();
        self.stack.push(key.to_owned());
        let mut out = Vec::new();
        self.pattern(&mut out, pattern, &Scope::Message);
        self.stack.pop();
        let result = (self.problems.len() == before).then_some(out);
        self.done.insert(key.to_owned(), result.clone());
        result
    }

    fn pattern(&mut self, out: &mut Pattern, pattern: &ast::Pattern<&str>, scope: &Scope) {
        for element in &pattern.elements {
            match element {
                PatternElement::TextElement { value } => push_text(out, value),
                PatternElement::Placeable { expression } => self.expression(out, expression, scope),
            }
        }
    }

    fn expression(&mut self, out: &mut Pattern, expression: &Expression<&str>, scope: &Scope) {
        match expression {
            Expression::Inline(inline) => self.inline(out, inline, scope),
            Expression::Select { selector, variants } => {
                self.select(out, selector, variants, scope)
            }
        }
    }

    fn inline(&mut self, out: &mut Pattern, inline: &InlineExpression<&str>, scope: &Scope) {
        match inline {
            InlineExpression::StringLiteral { value } => {
                push_text(out, &unescape_unicode_to_string(value))
            }
            InlineExpression::NumberLiteral { value } => push_text(out, value),
            InlineExpression::FunctionReference { id, .. } => {
                self.unsupported(format!("the function call `{}()`", id.name))
            }
            InlineExpression::MessageReference { id, attribute } => {
                let key = match attribute {
                    Some(attribute) => format!("{}.{}", id.name, attribute.name),
                    None => id.name.to_owned(),
                };
                let (line, entry) = self.here();
                let Some(message) = self.messages.get(id.name) else {
                    self.problems.push(Problem::UnknownMessage {
                        line,
                        entry,
                        reference: key,
                    });
                    return;
                };
                let exists = match attribute {
                    Some(attribute) => message
                        .attributes
                        .iter()
                        .any(|known| known.id.name == attribute.name),
                    None => message.value.is_some(),
                };
                if !exists {
                    self.problems.push(match attribute {
                        Some(_) => Problem::UnknownMessage {
                            line,
                            entry,
                            reference: key,
                        },
                        None => Problem::NoValue {
                            line,
                            entry,
                            reference: key,
                        },
                    });
                    return;
                }
                self.references.insert(key.clone());
                // `None`: its problems are reported where they are, and any
                // problem fails the whole catalog.
                if let Some(pattern) = self.message(&key) {
                    append(out, pattern);
                }
            }
            InlineExpression::TermReference {
                id,
                attribute: Some(attribute),
                ..
            } => self.unsupported(format!(
                "the term attribute `-{}.{}` as a value (term attributes can only be selectors)",
                id.name, attribute.name
            )),
            InlineExpression::TermReference {
                id,
                attribute: None,
                arguments,
            } => {
                if let Some(args) = self.term_args(arguments.as_ref()) {
                    self.term(out, id.name, None, args);
                }
            }
            InlineExpression::VariableReference { id } => match scope {
                Scope::Message => out.push(Piece::Variable(id.name.to_owned())),
                Scope::Term { args, lenient } => match args.get(id.name) {
                    Some(value) => push_text(out, value),
                    None if *lenient => {}
                    None => {
                        // The fix is where the term is used: name that.
                        let entry = self.stack.first().cloned().unwrap_or_default();
                        self.problems.push(Problem::TermVariable {
                            line: self.line_of(&entry, 0),
                            term: self.stack.last().cloned().unwrap_or_default(),
                            entry,
                            variable: id.name.to_owned(),
                        });
                    }
                },
            },
            InlineExpression::Placeable { expression } => self.expression(out, expression, scope),
        }
    }

    /// A term's named arguments, which Fluent allows only as literals.
    fn term_args(
        &mut self,
        arguments: Option<&ast::CallArguments<&str>>,
    ) -> Option<HashMap<String, String>> {
        let mut args = HashMap::new();
        let Some(arguments) = arguments else {
            return Some(args);
        };
        if !arguments.positional.is_empty() {
            self.unsupported("a positional argument to a term".to_owned());
            return None;
        }
        for named in &arguments.named {
            let value = match &named.value {
                InlineExpression::StringLiteral { value } => {
                    unescape_unicode_to_string(value).into_owned()
                }
                InlineExpression::NumberLiteral { value } => (*value).to_owned(),
                _ => {
                    self.unsupported(format!(
                        "a term argument `{}` that is not a literal",
                        named.name.name
                    ));
                    return None;
                }
            };
            args.insert(named.name.name.to_owned(), value);
        }
        Some(args)
    }

    /// Inlines the term `-id` (or its attribute) with `args`.
    fn term(
        &mut self,
        out: &mut Pattern,
        id: &str,
        attribute: Option<&str>,
        args: HashMap<String, String>,
    ) {
        let name = match attribute {
            Some(attribute) => format!("-{id}.{attribute}"),
            None => format!("-{id}"),
        };
        let Some(term) = self.terms.get(id).copied() else {
            let (line, entry) = self.here();
            self.problems.push(Problem::UnknownTerm {
                line,
                entry,
                reference: name,
            });
            return;
        };
        let pattern = match attribute {
            None => Some(&term.value),
            Some(attribute) => term
                .attributes
                .iter()
                .find(|known| known.id.name == attribute)
                .map(|known| &known.value),
        };
        let Some(pattern) = pattern else {
            let (line, entry) = self.here();
            self.problems.push(Problem::UnknownTerm {
                line,
                entry,
                reference: name,
            });
            return;
        };
        if self.is_cycle(&name) {
            return;
        }
        self.stack.push(name);
        let scope = Scope::Term {
            args,
            lenient: false,
        };
        self.pattern(out, pattern, &scope);
        self.stack.pop();
    }

    fn select(
        &mut self,
        out: &mut Pattern,
        selector: &InlineExpression<&str>,
        variants: &[ast::Variant<&str>],
        scope: &Scope,
    ) {
        let mut keys = Vec::with_capacity(variants.len());
        let mut default = 0;
        for (index, variant) in variants.iter().enumerate() {
            let key = match &variant.key {
                ast::VariantKey::Identifier { name } => VariantKey::Name((*name).to_owned()),
                ast::VariantKey::NumberLiteral { value } => match value.parse::<i64>() {
                    Ok(number) => VariantKey::Number(number),
                    Err(_) => {
                        // Arguments are whole numbers; [1.5] could never match.
                        self.unsupported(format!("the variant key `[{value}]` (not an integer)"));
                        return;
                    }
                },
            };
            keys.push(key);
            if variant.default {
                default = index;
            }
        }

        // The value to select on when it is known now: a literal, a term's
        // argument, a term's attribute. `Some(None)`: known to be missing.
        let known: Option<Option<String>> = match selector {
            InlineExpression::VariableReference { id } => match scope {
                Scope::Message => None,
                Scope::Term { args, lenient } => match args.get(id.name) {
                    Some(value) => Some(Some(value.clone())),
                    // A term checked on its own: any variant may be the one.
                    None if *lenient => {
                        for variant in variants {
                            self.pattern(&mut Vec::new(), &variant.value, scope);
                        }
                        return;
                    }
                    None => Some(None),
                },
            },
            InlineExpression::StringLiteral { value } => {
                Some(Some(unescape_unicode_to_string(value).into_owned()))
            }
            InlineExpression::NumberLiteral { value } => Some(Some((*value).to_owned())),
            InlineExpression::TermReference {
                id,
                attribute: Some(attribute),
                arguments,
            } => {
                let Some(args) = self.term_args(arguments.as_ref()) else {
                    return;
                };
                let mut value = Vec::new();
                let before = self.problems.len();
                self.term(&mut value, id.name, Some(attribute.name), args);
                if self.problems.len() > before {
                    return;
                }
                match value.as_slice() {
                    [] => Some(Some(String::new())),
                    [Piece::Text(text)] => Some(Some(text.clone())),
                    _ => {
                        self.unsupported(format!(
                            "selecting on `-{}.{}`, which is not plain text",
                            id.name, attribute.name
                        ));
                        return;
                    }
                }
            }
            InlineExpression::FunctionReference { id, .. } => {
                self.unsupported(format!("the function call `{}()`", id.name));
                return;
            }
            _ => {
                self.unsupported("this kind of selector".to_owned());
                return;
            }
        };

        match known {
            Some(value) => {
                let chosen = value
                    .and_then(|value| {
                        let number = value.parse::<i64>().ok().map(VariantKey::Number);
                        keys.iter()
                            .position(|key| Some(key) == number.as_ref())
                            .or_else(|| {
                                keys.iter()
                                    .position(|key| *key == VariantKey::Name(value.clone()))
                            })
                    })
                    .unwrap_or(default);
                self.pattern(out, &variants[chosen].value, scope);
            }
            None => {
                let InlineExpression::VariableReference { id } = selector else {
                    return;
                };
                let mut compiled = Vec::with_capacity(variants.len());
                for (key, variant) in keys.into_iter().zip(variants) {
                    let mut value = Vec::new();
                    self.pattern(&mut value, &variant.value, scope);
                    compiled.push(Variant { key, value });
                }
                out.push(Piece::Select {
                    selector: id.name.to_owned(),
                    variants: compiled,
                    default,
                });
            }
        }
    }
}

fn split_key(key: &str) -> (&str, Option<&str>) {
    match key.split_once('.') {
        Some((id, attribute)) => (id, Some(attribute)),
        None => (key, None),
    }
}

/// Appends text, joined to the text before it: fewer pieces to ship.
fn push_text(out: &mut Pattern, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(Piece::Text(last)) => last.push_str(text),
        _ => out.push(Piece::Text(text.to_owned())),
    }
}

fn append(out: &mut Pattern, pattern: Pattern) {
    for piece in pattern {
        match piece {
            Piece::Text(text) => push_text(out, &text),
            other => out.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Arg;

    fn english(n: i64) -> &'static str {
        if n == 1 {
            "one"
        } else {
            "other"
        }
    }

    fn format(source: &str, key: &str, args: &[(&str, Arg)]) -> String {
        let catalog = compile(source).unwrap_or_else(|error| panic!("{error}"));
        catalog
            .format(key, args, &english, false)
            .unwrap_or_else(|| panic!("no message {key}"))
    }

    fn problems(source: &str) -> Vec<Problem> {
        compile(source).expect_err("should not compile").problems
    }

    fn text(s: &str) -> Piece {
        Piece::Text(s.into())
    }

    #[test]
    fn compiles_text_variables_and_attributes() {
        let source = "\
# A comment.
greeting = Hello, { $name }!
login = Sign in
    .title = Sign in to { $org }
only-attributes =
    .label = Label
";
        let catalog = compile(source).unwrap();
        assert_eq!(
            catalog.messages["greeting"],
            vec![text("Hello, "), Piece::Variable("name".into()), text("!")]
        );
        assert_eq!(catalog.messages["login"], vec![text("Sign in")]);
        assert_eq!(
            catalog.messages["login.title"],
            vec![text("Sign in to "), Piece::Variable("org".into())]
        );
        assert_eq!(
            catalog.messages["only-attributes.label"],
            vec![text("Label")]
        );
        assert!(!catalog.messages.contains_key("only-attributes"));
        assert_eq!(catalog.messages.len(), 4);
    }

    #[test]
    fn keeps_multiline_text_dedented() {
        let source = "\
notice =
    First line,
      indented more.

    After a blank line.
next = x
";
        assert_eq!(
            format(source, "notice", &[]),
            "First line,\n  indented more.\n\nAfter a blank line."
        );
    }

    #[test]
    fn string_literals_are_unescaped() {
        let source = r#"braces = { "{" }x{ "}" }
nbsp = a{ "\u00A0" }b
quote = { "\"" }
number = { 42 }
"#;
        assert_eq!(format(source, "braces", &[]), "{x}");
        assert_eq!(format(source, "nbsp", &[]), "a\u{a0}b");
        assert_eq!(format(source, "quote", &[]), "\"");
        assert_eq!(format(source, "number", &[]), "42");
    }

    #[test]
    fn compiles_plural_selects() {
        let source = "\
devices = { $count ->
    [0] No devices
    [one] One device
   *[other] { $count } devices
}
";
        let devices = |n: i64| format(source, "devices", &[("count", n.into())]);
        assert_eq!(devices(0), "No devices");
        assert_eq!(devices(1), "One device");
        assert_eq!(devices(7), "7 devices");
        assert_eq!(format(source, "devices", &[]), "{$count} devices");
        let catalog = compile(source).unwrap();
        let Piece::Select {
            selector,
            variants,
            default,
        } = &catalog.messages["devices"][0]
        else {
            panic!("not a select: {:?}", catalog.messages["devices"]);
        };
        assert_eq!(selector, "count");
        assert_eq!(*default, 2);
        assert_eq!(variants[0].key, VariantKey::Number(0));
    }

    #[test]
    fn compiles_selects_on_text() {
        let source = "\
ownership = { $kind ->
    [company] Company-owned
   *[personal] Personal
}
";
        let ownership = |kind: &str| format(source, "ownership", &[("kind", kind.into())]);
        assert_eq!(ownership("company"), "Company-owned");
        assert_eq!(ownership("personal"), "Personal");
        assert_eq!(ownership("anything"), "Personal");
    }

    #[test]
    fn isolates_compiled_arguments() {
        let catalog = compile("hello = مرحبا { $name }\n").unwrap();
        assert_eq!(
            catalog
                .format("hello", &[("name", "Ada".into())], &english, true)
                .unwrap(),
            "مرحبا \u{2068}Ada\u{2069}"
        );
    }

    #[test]
    fn inlines_terms() {
        let source = "\
-brand = Contoso
-portal = { -brand } Portal
welcome = Welcome to { -portal }, { $name }.
";
        assert_eq!(
            format(source, "welcome", &[("name", "Ada".into())]),
            "Welcome to Contoso Portal, Ada."
        );
        // Terms are not messages.
        assert_eq!(compile(source).unwrap().messages.len(), 1);
        // One piece of text where the term was.
        assert_eq!(
            compile(source).unwrap().messages["welcome"][0],
            text("Welcome to Contoso Portal, ")
        );
    }

    #[test]
    fn inlines_terms_with_arguments_and_selects_on_their_attributes() {
        let source = r#"
-device = { $case ->
    [genitive] des Geräts
   *[nominative] das Gerät
}
    .gender = neuter
remove = Entfernen Sie { -device }. Name { -device(case: "genitive") }.
ready = { -device.gender ->
    [neuter] Es
   *[other] Er
} ist bereit.
"#;
        assert_eq!(
            format(source, "remove", &[]),
            "Entfernen Sie das Gerät. Name des Geräts."
        );
        assert_eq!(format(source, "ready", &[]), "Es ist bereit.");
    }

    #[test]
    fn inlines_message_references() {
        let source = "\
product = Company Portal
login = Sign in
    .title = Sign in to { product }
about = { product } for { $org }. { login.title }!
";
        assert_eq!(
            format(source, "about", &[("org", "Contoso".into())]),
            "Company Portal for Contoso. Sign in to Company Portal!"
        );
        let references = message_references(source).unwrap();
        assert_eq!(
            references.into_iter().collect::<Vec<_>>(),
            ["login.title", "product"]
        );
    }

    #[test]
    fn an_empty_catalog_compiles() {
        assert!(compile("").unwrap().messages.is_empty());
        assert!(compile("# Only a comment\n").unwrap().messages.is_empty());
    }

    #[test]
    fn reports_syntax_errors_with_their_line() {
        let source = "ok = Fine\nbroken message\nalso = { $x\n";
        let found = problems(source);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            matches!(&found[0], Problem::Syntax { line: 2, text, .. } if text == "broken message"),
            "{found:?}"
        );
        assert!(
            matches!(&found[1], Problem::Syntax { line: 3, text, .. } if text == "also = { $x"),
            "{found:?}"
        );
        let message = CompileError { problems: found }.to_string();
        assert!(message.starts_with("line 2: "), "{message}");
        assert_eq!(message.lines().count(), 2, "{message}");
    }

    #[test]
    fn refuses_function_calls() {
        let found = problems("a = x\ncount = { NUMBER($n) } items\nwhen = { DATETIME($d) }\n");
        assert_eq!(
            found,
            [
                Problem::Unsupported {
                    line: 2,
                    entry: "count".into(),
                    construct: "the function call `NUMBER()`".into(),
                },
                Problem::Unsupported {
                    line: 3,
                    entry: "when".into(),
                    construct: "the function call `DATETIME()`".into(),
                },
            ]
        );
        // As a selector too.
        let found = problems("n = { NUMBER($n) ->\n   *[other] x\n}\n");
        assert!(
            matches!(&found[..], [Problem::Unsupported { construct, .. }] if construct.contains("NUMBER")),
            "{found:?}"
        );
    }

    #[test]
    fn refuses_term_attributes_as_values() {
        let found = problems("-brand = Contoso\n    .gender = feminine\nx = { -brand.gender }\n");
        assert!(
            matches!(&found[..], [Problem::Syntax { line: 3, message, .. }] if message.contains("term attribute")),
            "{found:?}"
        );
    }

    #[test]
    fn refuses_unknown_references() {
        let source = "\
product = Portal
    .short = P
a = { missing }
b = { -missing }
c = { product.long }
d = { -product }
";
        assert_eq!(
            problems(source),
            [
                Problem::UnknownMessage {
                    line: 3,
                    entry: "a".into(),
                    reference: "missing".into(),
                },
                Problem::UnknownTerm {
                    line: 4,
                    entry: "b".into(),
                    reference: "-missing".into(),
                },
                Problem::UnknownMessage {
                    line: 5,
                    entry: "c".into(),
                    reference: "product.long".into(),
                },
                Problem::UnknownTerm {
                    line: 6,
                    entry: "d".into(),
                    reference: "-product".into(),
                },
            ]
        );
        let found = problems("-t = T\n    .a = x\nsel = { -t.b ->\n   *[x] y\n}\n");
        assert_eq!(
            found,
            [Problem::UnknownTerm {
                line: 3,
                entry: "sel".into(),
                reference: "-t.b".into(),
            }]
        );
    }

    #[test]
    fn refuses_a_reference_to_a_message_without_value() {
        let found = problems("labels =\n    .one = One\nx = { labels }\n");
        assert_eq!(
            found,
            [Problem::NoValue {
                line: 3,
                entry: "x".into(),
                reference: "labels".into(),
            }]
        );
    }

    #[test]
    fn an_unknown_reference_in_a_term_is_reported_once_at_the_term() {
        let source = "-brand = { -nothing }\na = { -brand }\nb = { -brand }\n";
        assert_eq!(
            problems(source),
            [Problem::UnknownTerm {
                line: 1,
                entry: "-brand".into(),
                reference: "-nothing".into(),
            }]
        );
        // Also when no message uses the term.
        assert_eq!(problems("-unused = { nope }\n").len(), 1);
    }

    #[test]
    fn refuses_a_term_variable_it_is_not_given() {
        let source = "-device = the { $kind } device\nx = Remove { -device }\ny = { -device(kind: \"old\") }\n";
        assert_eq!(
            problems(source),
            [Problem::TermVariable {
                line: 2,
                entry: "x".into(),
                term: "-device".into(),
                variable: "kind".into(),
            }]
        );
        assert_eq!(
            format(&source.replace("x = Remove { -device }\n", ""), "y", &[]),
            "the old device"
        );
    }

    #[test]
    fn refuses_reference_cycles() {
        let found = problems("a = { b }\nb = x { a }\nc = fine\n");
        assert_eq!(
            found,
            [Problem::Cycle {
                line: 2,
                entry: "b".into(),
                cycle: vec!["a".into(), "b".into(), "a".into()],
            }]
        );
        assert!(found[0].to_string().contains("a → b → a"), "{}", found[0]);

        let found = problems("self = { self }\n");
        assert!(matches!(&found[..], [Problem::Cycle { .. }]), "{found:?}");
        let found = problems("-t = { -t }\nx = { -t }\n");
        assert!(
            matches!(&found[..], [Problem::Cycle { cycle, .. }] if cycle == &["-t", "-t"]),
            "{found:?}"
        );
        let found = problems("m = { -t }\n-t = { m }\n");
        assert!(
            matches!(&found[..], [Problem::Cycle { cycle, .. }] if cycle == &["m", "-t", "m"]),
            "{found:?}"
        );
    }

    #[test]
    fn refuses_duplicates() {
        let found =
            problems("a = one\nb = x\na = two\n-t = 1\n-t = 2\nc = x\n    .t = 1\n    .t = 2\n");
        assert_eq!(
            found,
            [
                Problem::Duplicate {
                    line: 3,
                    entry: "a".into(),
                    first_line: 1,
                },
                Problem::Duplicate {
                    line: 5,
                    entry: "-t".into(),
                    first_line: 4,
                },
                Problem::Duplicate {
                    line: 6,
                    entry: "c.t".into(),
                    first_line: 6,
                },
            ]
        );
    }

    #[test]
    fn refuses_other_unsupported_constructs() {
        let found = problems("x = { $n ->\n    [1.5] half\n   *[other] many\n}\n");
        assert!(
            matches!(&found[..], [Problem::Unsupported { construct, .. }] if construct.contains("[1.5]")),
            "{found:?}"
        );
        let found = problems("-t = T\nx = { -t(\"positional\") }\n");
        assert!(
            matches!(&found[..], [Problem::Unsupported { line: 2, construct, .. }] if construct.contains("positional")),
            "{found:?}"
        );
    }

    #[test]
    fn reports_every_problem_at_once() {
        let source = "a = { NUMBER($n) }\nb = { nope }\nc = fine\nd = { -nope }\n";
        let error = compile(source).unwrap_err();
        assert_eq!(error.problems.len(), 3);
        let text = error.to_string();
        for needle in ["line 1, `a`", "line 2, `b`", "line 4, `d`"] {
            assert!(text.contains(needle), "{text}");
        }
    }

    #[test]
    fn json_round_trip() {
        let source = "\
devices = { $count ->
    [0] None
    [one] One
   *[other] { $count } devices for { $org }
}
";
        let catalog = compile(source).unwrap();
        let json = serde_json::to_string(&catalog).unwrap();
        assert_eq!(
            json,
            r#"{"devices":[["count",2,[[0,["None"]],["one",["One"]],["other",[["count"]," devices for ",["org"]]]]]]}"#
        );
        assert_eq!(
            serde_json::from_str::<CompiledCatalog>(&json).unwrap(),
            catalog
        );
    }
}
