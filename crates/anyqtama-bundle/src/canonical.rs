//! The JSON Canonicalization Scheme (RFC 8785) for `serde_json::Value`: no whitespace, object
//! members sorted by their names' UTF-16 code units, strings with the minimal escaping of
//! ECMAScript's `JSON.stringify`, numbers as ECMAScript's `Number.prototype.toString` writes
//! the IEEE double. The same bytes in every implementation, so a signature over them holds.

use serde_json::Value;

/// The canonical form of `value`.
pub fn to_string(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

/// The canonical form of `value`, as bytes.
pub fn to_vec(value: &Value) -> Vec<u8> {
    to_string(value).into_bytes()
}

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        // Without serde_json's `arbitrary_precision`, every number has a double value.
        Value::Number(n) => out.push_str(&number(n.as_f64().unwrap_or(f64::NAN))),
        Value::String(s) => string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            members.sort_by(|a, b| utf16_order(a.0, b.0));
            out.push('{');
            for (i, (k, v)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                string(k, out);
                out.push(':');
                write(v, out);
            }
            out.push('}');
        }
    }
}

/// The order of two names by their UTF-16 code units. UTF-8's byte order is the order of code
/// points, which differs from UTF-16's only between a character from U+E000 up and one from
/// U+10000 up (a surrogate pair in UTF-16): names without such characters (lead bytes 0xEE and
/// above) compare as bytes, without re-encoding.
fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    let plain = |s: &str| s.bytes().all(|b| b < 0xEE);
    if plain(a) && plain(b) {
        a.cmp(b)
    } else {
        a.encode_utf16().cmp(b.encode_utf16())
    }
}

/// A JSON string as RFC 8785 writes it: `"` and `\\` escaped, the control characters as `\b`,
/// `\t`, `\n`, `\f`, `\r` or `\u00xx`, everything else as it is — which is also what
/// `serde_json` writes (`anyqtama check --json` prints with it).
pub fn string(s: &str, out: &mut String) {
    out.push('"');
    // Runs of characters that need no escape are copied whole.
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x09 => "\\t",
            0x0a => "\\n",
            0x0c => "\\f",
            0x0d => "\\r",
            0..0x20 => "",
            _ => continue,
        };
        out.push_str(&s[plain..i]);
        if escape.is_empty() {
            out.push_str(&format!("\\u{:04x}", b));
        } else {
            out.push_str(escape);
        }
        plain = i + 1;
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// ECMAScript's Number::toString(10) of a double (ECMA-262 §6.1.6.1.20). Rust's `{:e}` gives
/// the shortest digits that round-trip, which is what ECMAScript asks for.
pub fn number(x: f64) -> String {
    if x == 0.0 {
        return "0".to_string(); // also -0
    }
    if !x.is_finite() {
        // Not representable in JSON; serde_json never holds one.
        return "null".to_string();
    }
    let sign = if x < 0.0 { "-" } else { "" };
    let sci = format!("{:e}", x.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let k = digits.len() as i32;
    let n = exp.parse::<i32>().unwrap_or(0) + 1;
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", "0".repeat((n - k) as usize))
    } else if 0 < n && n <= 21 {
        format!("{}.{}", &digits[..n as usize], &digits[n as usize..])
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", "0".repeat((-n) as usize))
    } else {
        let e = n - 1;
        let e = if e >= 0 { format!("+{e}") } else { e.to_string() };
        if k == 1 {
            format!("{digits}e{e}")
        } else {
            format!("{}.{}e{e}", &digits[..1], &digits[1..])
        }
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_as_ecmascript_writes_them() {
        // RFC 8785 appendix B and ECMAScript's own examples.
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "0"),
            (1.0, "1"),
            (-1.5, "-1.5"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (0.000001, "0.000001"),
            (0.0000001, "1e-7"),
            (1.2e-7, "1.2e-7"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (9007199254740992.0, "9007199254740992"),
            (9007199254740994.0, "9007199254740994"),
            (295147905179352830000.0, "295147905179352830000"),
            (4.50, "4.5"),
            (2e-3, "0.002"),
            (0.1 + 0.2, "0.30000000000000004"),
            (333333333.3333333, "333333333.3333333"),
        ];
        for (x, want) in cases {
            assert_eq!(number(*x), *want, "{x:e}");
        }
    }

    #[test]
    fn the_rfc_8785_example() {
        // RFC 8785 §3.2.2 (numbers of the example kept to those serde_json holds exactly).
        let v: Value = serde_json::from_str(
            r#"{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],
                "string":"\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/","literals":[null,true,false]}"#,
        )
        .unwrap();
        assert_eq!(
            to_string(&v),
            r#"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        );
    }

    #[test]
    fn keys_sort_by_utf16_code_units() {
        // RFC 8785 §3.2.3: U+1F600 (surrogates D83D DE00) sorts before U+FB33 in UTF-16, after it
        // in UTF-8 — and serde_json's map orders by UTF-8.
        let v = json!({"€": "Euro", "\r": "CR", "\u{fb33}": "Hebrew", "1": "One", "😀": "Smiley", "\u{80}": "Control", "ö": "Latin"});
        assert_eq!(
            to_string(&v),
            "{\"\\r\":\"CR\",\"1\":\"One\",\"\u{80}\":\"Control\",\"ö\":\"Latin\",\"€\":\"Euro\",\"😀\":\"Smiley\",\"\u{fb33}\":\"Hebrew\"}"
        );
    }

    /// The escaping as RFC 8785 states it, a character at a time.
    fn string_by_chars(s: &str) -> String {
        let mut out = String::from('"');
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\u{8}' => out.push_str("\\b"),
                '\u{9}' => out.push_str("\\t"),
                '\u{a}' => out.push_str("\\n"),
                '\u{c}' => out.push_str("\\f"),
                '\u{d}' => out.push_str("\\r"),
                c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    proptest::proptest! {
        #[test]
        fn names_order_by_utf16_code_units(a in "[a-c\u{0}-\u{7f}\u{e000}-\u{e002}\u{ffff}\u{10000}-\u{10002}é€]{0,6}", b in proptest::arbitrary::any::<String>(), c in proptest::arbitrary::any::<String>()) {
            for (x, y) in [(&a, &b), (&b, &c), (&a, &c), (&b, &a)] {
                proptest::prop_assert_eq!(utf16_order(x, y), x.encode_utf16().cmp(y.encode_utf16()));
            }
        }

        #[test]
        fn strings_escape_as_rfc_8785_says(s in proptest::arbitrary::any::<String>(), t in "[\u{0}-\u{24}\\\\\"a-zé€😀]{0,12}") {
            for x in [&s, &t] {
                let mut out = String::new();
                string(x, &mut out);
                proptest::prop_assert_eq!(out, string_by_chars(x));
            }
        }

        #[test]
        fn numbers_parse_back_to_the_same_double(x in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL) {
            let s = number(x);
            proptest::prop_assert_eq!(s.parse::<f64>().unwrap(), x, "{}", s);
        }
    }
}
