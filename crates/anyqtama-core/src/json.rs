//! A small JSON reader for the core's data files (rules, calendar, lists).
//!
//! The data is read in two steps: [`parse`] turns the text into a [`Value`] tree (one
//! non-generic function), then each type's [`FromJson`] reads its fields from the tree by hand.
//! serde's derived readers did the same work with a generic reader instantiated for every type
//! and every `Vec` of it: reading the data this way makes the widget's first page 10.8 KB gzipped
//! smaller (BENCHMARKS.md, "Where the first page's WebAssembly goes"). Each type's reader is
//! `#[inline(never)]`: inlined into their callers they were 1.6 KB gzipped more.
//!
//! What serde's derives did, this keeps: a missing field is an error unless the field has a
//! default, `null` reads as an absent `Option`, a file with `deny_unknown_fields` refuses keys it
//! does not know ([`Obj::only`]), a duplicate key is refused, integers must fit their type, and
//! every error says where it is (`kinds[2].checklist[0].requirement: missing field `group``, or
//! the line and column of a syntax error).

use std::fmt;

/// A JSON value. Numbers keep their text: the data has only integers, read by [`int`].
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// The members in the order written; keys are unique ([`parse`] refuses duplicates).
    Object(Vec<(String, Value)>),
}

impl Value {
    /// What kind of value this is, for error messages.
    fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Why a JSON text could not be read: where (`path`, empty at the top) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// `kinds[2].checklist[0].requirement`; for a syntax error, empty.
    pub path: String,
    pub message: String,
}

impl Error {
    pub fn new(message: impl Into<String>) -> Error {
        Error { path: String::new(), message: message.into() }
    }

    /// The same error, one level further out: inside the field `name`.
    pub fn in_field(mut self, name: &str) -> Error {
        self.path = if self.path.is_empty() {
            name.to_string()
        } else if self.path.starts_with('[') {
            format!("{name}{}", self.path)
        } else {
            format!("{name}.{}", self.path)
        };
        self
    }

    /// The same error, one level further out: inside the array element `index`.
    pub fn in_element(mut self, index: usize) -> Error {
        self.path = if self.path.is_empty() || self.path.starts_with('[') {
            format!("[{index}]{}", self.path)
        } else {
            format!("[{index}].{}", self.path)
        };
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// Nesting deeper than this is refused (the parser is recursive; serde_json's limit is 128 too).
const MAX_DEPTH: usize = 128;

/// Parses a JSON text (RFC 8259: one value, whitespace around it).
pub fn parse(text: &str) -> Result<Value, Error> {
    let mut p = Parser { src: text, pos: 0 };
    let value = p.value(0)?;
    p.space();
    if p.pos < p.src.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(value)
}

/// Parses `text` and reads a `T` from it.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, Error> {
    T::from_json(&parse(text)?)
}

struct Parser<'a> {
    /// The text: read as bytes ([`Parser::text`]), sliced as `str` for strings and numbers.
    src: &'a str,
    pos: usize,
}

impl Parser<'_> {
    /// The text's bytes.
    fn text(&self) -> &[u8] {
        self.src.as_bytes()
    }

    /// `message` at the current position, as "… at line L column C" (columns count characters).
    fn error(&self, message: &str) -> Error {
        let before = &self.text()[..self.pos.min(self.text().len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // Count characters, not bytes: a UTF-8 continuation byte starts no character.
        let column = before[line_start..].iter().filter(|&&b| b & 0xC0 != 0x80).count() + 1;
        Error::new(format!("{message} at line {line} column {column}"))
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.text().get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text().get(self.pos).copied()
    }

    /// Skips `word` (`true`, `false`, `null`) or fails.
    fn word(&mut self, word: &str) -> Result<(), Error> {
        if self.text()[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.error("expected value"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        self.space();
        if depth > MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'n') => self.word("null").map(|_| Value::Null),
            Some(b't') => self.word("true").map(|_| Value::Bool(true)),
            Some(b'f') => self.word("false").map(|_| Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => {
                self.pos += 1;
                let mut items = Vec::new();
                self.space();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.space();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b']') => {
                            self.pos += 1;
                            return Ok(Value::Array(items));
                        }
                        None => return Err(self.error("EOF while parsing a list")),
                        Some(_) => return Err(self.error("expected `,` or `]`")),
                    }
                }
            }
            Some(b'{') => {
                self.pos += 1;
                let mut members: Vec<(String, Value)> = Vec::new();
                self.space();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                loop {
                    self.space();
                    if self.peek() != Some(b'"') {
                        return Err(self.error("key must be a string"));
                    }
                    let key_at = self.pos;
                    let key = self.string()?;
                    if members.iter().any(|(k, _)| *k == key) {
                        self.pos = key_at;
                        return Err(self.error(&format!("duplicate field `{key}`")));
                    }
                    self.space();
                    if self.peek() != Some(b':') {
                        return Err(self.error("expected `:`"));
                    }
                    self.pos += 1;
                    let value = self.value(depth + 1)?;
                    members.push((key, value));
                    self.space();
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b'}') => {
                            self.pos += 1;
                            return Ok(Value::Object(members));
                        }
                        None => return Err(self.error("EOF while parsing an object")),
                        Some(_) => return Err(self.error("expected `,` or `}`")),
                    }
                }
            }
            Some(_) => Err(self.error("expected value")),
        }
    }

    /// A number as written, checked against JSON's grammar: `-? int frac? exp?`.
    fn number(&mut self) -> Result<Value, Error> {
        let start = self.pos;
        let digits = |p: &mut Self| {
            let from = p.pos;
            while let Some(b'0'..=b'9') = p.peek() {
                p.pos += 1;
            }
            p.pos - from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        let n = digits(self);
        if n == 0 || (n > 1 && self.text()[int_start] == b'0') {
            return Err(self.error("invalid number"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if digits(self) == 0 {
                return Err(self.error("invalid number"));
            }
        }
        // Only ASCII was read.
        Ok(Value::Number(self.src[start..self.pos].to_string()))
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32, Error> {
        let mut n = 0;
        for _ in 0..4 {
            let d = self.peek().and_then(|b| (b as char).to_digit(16));
            let Some(d) = d else { return Err(self.error("invalid escape")) };
            n = n * 16 + d;
            self.pos += 1;
        }
        Ok(n)
    }

    /// A string, at its opening quote.
    fn string(&mut self) -> Result<String, Error> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            // The run of plain characters up to the next quote, backslash or control character.
            let start = self.pos;
            while let Some(&b) = self.text().get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // A run starts and ends at an ASCII byte (or an end of the text): slicing the `str`
            // there needs no UTF-8 check (which took a sixth of reading the built-in data in
            // the browser's first, unoptimised code: BENCHMARKS.md).
            let run = &self.src[start..self.pos];
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.pos += 1;
                    // Most strings are one run: one allocation of the right size.
                    if out.is_empty() {
                        return Ok(run.to_owned());
                    }
                    out.push_str(run);
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(run);
                    self.pos += 1;
                    let c = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let mut n = self.hex4()?;
                            if (0xD800..0xDC00).contains(&n) {
                                // A high surrogate: its low half must follow as `\uDC00`–`\uDFFF`.
                                if !self.text()[self.pos..].starts_with(b"\\u") {
                                    return Err(self.error("lone leading surrogate in hex escape"));
                                }
                                self.pos += 2;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return Err(self.error("lone leading surrogate in hex escape"));
                                }
                                n = 0x10000 + ((n - 0xD800) << 10) + (low - 0xDC00);
                            }
                            let Some(c) = char::from_u32(n) else {
                                return Err(self.error("lone trailing surrogate in hex escape"));
                            };
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.error("invalid escape")),
                    };
                    self.pos += 1;
                    out.push(c);
                }
                Some(_) => return Err(self.error("control character in a string")),
            }
        }
    }
}

/// A type read from a JSON value.
pub trait FromJson: Sized {
    fn from_json(value: &Value) -> Result<Self, Error>;
}

/// The error for a value of the wrong kind.
pub fn expected(what: &str, value: &Value) -> Error {
    Error::new(format!("invalid type: {}, expected {what}", value.kind()))
}

impl FromJson for String {
    fn from_json(value: &Value) -> Result<Self, Error> {
        match value {
            Value::String(s) => Ok(s.clone()),
            other => Err(expected("a string", other)),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Result<Self, Error> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => Err(expected("a boolean", other)),
        }
    }
}

/// An integer within `min..=max`, as the bits of an `i64` (a `u64` above `i64::MAX` wraps; the
/// caller's `as` gives it back): one function for every integer type, without 128-bit arithmetic.
pub fn int(value: &Value, min: i64, max: u64) -> Result<u64, Error> {
    let Value::Number(text) = value else { return Err(expected("an integer", value)) };
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let Ok(magnitude) = digits.parse::<u64>() else {
        return Err(if digits.bytes().all(|b| b.is_ascii_digit()) {
            out_of_range(text, min, max)
        } else {
            Error::new(format!("invalid type: {text}, expected an integer"))
        });
    };
    if negative {
        // -magnitude >= min, with min <= 0.
        if magnitude > min.unsigned_abs() || (min >= 0 && magnitude != 0) {
            return Err(out_of_range(text, min, max));
        }
        Ok(magnitude.wrapping_neg())
    } else if magnitude > max {
        Err(out_of_range(text, min, max))
    } else {
        Ok(magnitude)
    }
}

fn out_of_range(text: &str, min: i64, max: u64) -> Error {
    Error::new(format!("invalid value: {text}, expected an integer from {min} to {max}"))
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            #[inline(never)]
            fn from_json(value: &Value) -> Result<Self, Error> {
                // `int` checked the range: the conversion keeps the value.
                int(value, <$t>::MIN as i64, <$t>::MAX as u64).map(|n| n as $t)
            }
        }
    )*};
}
integers!(u8, u32, u64, usize, i32, i64);

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Result<Self, Error> {
        let Value::Array(items) = value else { return Err(expected("an array", value)) };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(T::from_json(item).map_err(|e| e.in_element(i))?);
        }
        Ok(out)
    }
}

/// `null` is `None`, as serde reads an `Option`.
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value) -> Result<Self, Error> {
        match value {
            Value::Null => Ok(None),
            v => T::from_json(v).map(Some),
        }
    }
}

/// The position of a string value in `names` (a unit enum's variants, as written in JSON).
pub fn variant(value: &Value, names: &[&str]) -> Result<usize, Error> {
    let Value::String(s) = value else { return Err(expected("a string", value)) };
    names.iter().position(|n| n == s).ok_or_else(|| {
        let expected: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        Error::new(format!("unknown variant `{s}`, expected one of {}", expected.join(", ")))
    })
}

/// An object's members, read field by field.
#[derive(Clone, Copy)]
pub struct Obj<'a> {
    members: &'a [(String, Value)],
}

impl<'a> Obj<'a> {
    pub fn new(value: &'a Value) -> Result<Obj<'a>, Error> {
        match value {
            Value::Object(members) => Ok(Obj { members }),
            other => Err(expected("an object", other)),
        }
    }

    /// The value of `name`, if present.
    pub fn get(&self, name: &str) -> Option<&'a Value> {
        self.members.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// A field that must be present.
    pub fn req<T: FromJson>(&self, name: &str) -> Result<T, Error> {
        match self.get(name) {
            Some(v) => T::from_json(v).map_err(|e| e.in_field(name)),
            None => Err(Error::new(format!("missing field `{name}`"))),
        }
    }

    /// A field that may be absent (serde's `#[serde(default)]`): then its type's default.
    pub fn opt<T: FromJson + Default>(&self, name: &str) -> Result<T, Error> {
        match self.get(name) {
            Some(v) => T::from_json(v).map_err(|e| e.in_field(name)),
            None => Ok(T::default()),
        }
    }

    /// Refuses members not in `known` (serde's `#[serde(deny_unknown_fields)]`).
    pub fn only(&self, known: &[&str]) -> Result<(), Error> {
        match self.members.iter().find(|(k, _)| !known.contains(&k.as_str())) {
            None => Ok(()),
            Some((k, _)) => {
                let expected: Vec<String> = known.iter().map(|n| format!("`{n}`")).collect();
                Err(Error::new(format!("unknown field `{k}`, expected one of {}", expected.join(", "))))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_serde(text: &str) {
        let ours = parse(text);
        let theirs = serde_json::from_str::<serde_json::Value>(text);
        assert_eq!(ours.is_ok(), theirs.is_ok(), "{text}: {ours:?} / {theirs:?}");
        if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
            assert_eq!(to_serde(&ours), theirs, "{text}");
        }
    }

    fn to_serde(v: &Value) -> serde_json::Value {
        match v {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => (*b).into(),
            Value::Number(n) => serde_json::from_str(n).unwrap(),
            Value::String(s) => s.clone().into(),
            Value::Array(a) => a.iter().map(to_serde).collect(),
            Value::Object(o) => o.iter().map(|(k, v)| (k.clone(), to_serde(v))).collect(),
        }
    }

    #[test]
    fn parses_what_serde_json_parses() {
        for ok in [
            r#"{"a": [1, -2, 3.5, 1e3, -0.5E-2, 0], "b": {"c": null, "d": true, "e": false}}"#,
            r#"  "x\"\\\/\b\f\n\r\t\u0041\u0436\ud83d\ude00"  "#,
            "[]",
            "{}",
            "[[], {}, \"\"]",
            "\"қазақ тілі\"",
        ] {
            same_as_serde(ok);
        }
        for bad in [
            "",
            "[",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{1: 2}",
            "01",
            "1.",
            "-",
            "1e",
            ".5",
            "tru",
            "nul",
            "\"abc",
            "\"\\x\"",
            "\"\\ud83d\"",
            "\"\\ude00\"",
            "\"a\nb\"",
            "[1] 2",
            "[1 2]",
            "\"\\u12\"",
        ] {
            same_as_serde(bad);
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).unwrap_err().message.contains("recursion limit"));
        let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn errors_say_where() {
        let e = parse("{\n  \"a\": [1,\n  2,, 3]\n}").unwrap_err();
        assert_eq!(e.to_string(), "expected value at line 3 column 5");
        let e = parse(r#"{"a": 1, "a": 2}"#).unwrap_err();
        assert!(e.message.starts_with("duplicate field `a`"), "{e}");

        #[derive(Debug)]
        struct Inner {
            n: u8,
        }
        impl FromJson for Inner {
            fn from_json(v: &Value) -> Result<Self, Error> {
                let o = Obj::new(v)?;
                o.only(&["n"])?;
                Ok(Inner { n: o.req("n")? })
            }
        }
        let read = |t: &str| from_str::<Vec<Vec<Inner>>>(t).map(|v| v[0][0].n);
        assert_eq!(read(r#"[[{"n": 7}]]"#), Ok(7));
        assert_eq!(
            read(r#"[[{"n": 300}]]"#).unwrap_err().to_string(),
            "[0][0].n: invalid value: 300, expected an integer from 0 to 255"
        );
        assert_eq!(
            read(r#"[[{"n": 1.5}]]"#).unwrap_err().to_string(),
            "[0][0].n: invalid type: 1.5, expected an integer"
        );
        assert_eq!(
            read(r#"[[{"n": "1"}]]"#).unwrap_err().to_string(),
            "[0][0].n: invalid type: a string, expected an integer"
        );
        assert_eq!(read(r#"[[{}]]"#).unwrap_err().to_string(), "[0][0]: missing field `n`");
        assert_eq!(
            read(r#"[[{"n": 1, "m": 2}]]"#).unwrap_err().to_string(),
            "[0][0]: unknown field `m`, expected one of `n`"
        );
        assert_eq!(read(r#"{}"#).unwrap_err().to_string(), "invalid type: an object, expected an array");
    }

    #[test]
    fn options_read_null_as_none_and_integers_check_their_range() {
        assert_eq!(from_str::<Option<String>>("null"), Ok(None));
        assert_eq!(from_str::<Option<String>>("\"a\""), Ok(Some("a".into())));
        assert_eq!(from_str::<i32>("-5"), Ok(-5));
        assert!(from_str::<u32>("-5").is_err());
        assert_eq!(from_str::<u64>("18446744073709551615"), Ok(u64::MAX));
        assert!(from_str::<u64>("18446744073709551616").is_err());
        assert!(from_str::<u8>("99999999999999999999999999999999999999999999").is_err());
    }
}
