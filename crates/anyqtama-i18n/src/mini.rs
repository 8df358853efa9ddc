//! The subset of Fluent that `locales/*.ftl` use — messages, `{ $var }`, select expressions on
//! numbers (exact `[0]` or the CLDR plural category) and strings — with the cardinal plural rules
//! of kk, ru and en written out. It replaces fluent-bundle at run time because the full crate
//! (its parser, every locale's plural tables, float formatting) was about a third of the
//! widget's download. `tests/mini_equiv.rs` formats every message of every language with both
//! and fails on any difference, so a new message using syntax outside this subset (terms,
//! attributes, functions) is caught before it ships.

pub enum Arg<'a> {
    Str(&'a str),
    Num(i64),
}

enum Elem<'s> {
    Text(&'s str),
    Var(&'s str),
    Select { var: &'s str, variants: Vec<(&'s str, Vec<Elem<'s>>)>, default: usize },
}

pub struct Bundle {
    lang: &'static str,
    msgs: Vec<(&'static str, Vec<Elem<'static>>)>,
}

/// The CLDR cardinal category of an integer in kk, ru or en.
fn plural(lang: &str, n: i64) -> &'static str {
    let i = n.unsigned_abs();
    if lang == "ru" {
        let (m10, m100) = (i % 10, i % 100);
        if m10 == 1 && m100 != 11 {
            "one"
        } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
            "few"
        } else {
            "many"
        }
    } else if i == 1 {
        "one"
    } else {
        "other"
    }
}

/// Parses a pattern from `s`; stops at a `}` that closes a select expression (when `in_select`)
/// or at a newline followed by a variant key. Returns the elements and the rest.
fn pattern<'s>(mut s: &'s str, in_select: bool) -> (Vec<Elem<'s>>, &'s str) {
    let mut out = Vec::new();
    loop {
        // Text up to `{`, or (in a variant) up to a line starting with `[`, `*` or `}`.
        let mut end = s.len();
        let mut stop = false;
        for (i, c) in s.char_indices() {
            if c == '{' {
                end = i;
                break;
            }
            if in_select && c == '\n' {
                let next = s[i + 1..].trim_start_matches([' ', '\t']);
                if next.starts_with(['[', '*', '}']) {
                    end = i;
                    stop = true;
                    break;
                }
            }
        }
        if end > 0 {
            out.push(Elem::Text(&s[..end]));
        }
        s = &s[end..];
        if stop || s.is_empty() {
            return (out, s);
        }
        // A placeable: `{ $var }` or `{ $var -> variants }` (Fluent identifiers are ASCII).
        let inner = s[1..].trim_start();
        let inner = inner.strip_prefix('$').unwrap_or(inner);
        let name_end =
            inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-')).unwrap_or(inner.len());
        let var = &inner[..name_end];
        let rest = inner[name_end..].trim_start();
        if let Some(rest) = rest.strip_prefix("->") {
            let mut rest = rest;
            let mut variants = Vec::new();
            let mut default = 0;
            loop {
                rest = rest.trim_start();
                if let Some(r) = rest.strip_prefix('}') {
                    rest = r;
                    break;
                }
                if let Some(r) = rest.strip_prefix('*') {
                    default = variants.len();
                    rest = r;
                }
                let Some(r) = rest.strip_prefix('[') else { break };
                let close = r.find(']').unwrap_or(r.len());
                let key = r[..close].trim();
                let body = r[close + 1..].trim_start_matches([' ', '\t']);
                let (mut elems, r) = pattern(body, true);
                if let Some(Elem::Text(t)) = elems.last_mut() {
                    *t = t.trim_end();
                }
                variants.push((key, elems));
                rest = r;
            }
            out.push(Elem::Select { var, variants, default });
            s = rest;
        } else {
            out.push(Elem::Var(var));
            s = rest.strip_prefix('}').unwrap_or(rest);
        }
    }
}

impl Bundle {
    pub fn new(lang: &'static str, sources: &[&'static str]) -> Bundle {
        let mut msgs: Vec<(&'static str, Vec<Elem<'static>>)> = Vec::new();
        for src in sources {
            for m in crate::messages::messages(src) {
                if !msgs.iter().any(|(i, _)| *i == m.id) {
                    msgs.push((m.id, pattern(m.value, false).0));
                }
            }
        }
        Bundle { lang, msgs }
    }

    pub fn has(&self, id: &str) -> bool {
        self.msgs.iter().any(|(i, _)| *i == id)
    }

    pub fn format(&self, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        let (_, elems) = self.msgs.iter().find(|(i, _)| *i == id)?;
        let mut out = String::new();
        self.write(elems, args, &mut out);
        Some(out)
    }

    fn write(&self, elems: &[Elem<'_>], args: &[(&str, Arg<'_>)], out: &mut String) {
        for e in elems {
            match e {
                Elem::Text(t) => out.push_str(t),
                Elem::Var(v) => match args.iter().find(|(k, _)| k == v) {
                    Some((_, Arg::Str(s))) => out.push_str(s),
                    Some((_, Arg::Num(n))) => out.push_str(&n.to_string()),
                    None => {
                        out.push_str("{$");
                        out.push_str(v);
                        out.push('}');
                    }
                },
                Elem::Select { var, variants, default } => {
                    let arg = args.iter().find(|(k, _)| k == var).map(|(_, a)| a);
                    let chosen = variants
                        .iter()
                        .position(|(key, _)| match arg {
                            Some(Arg::Str(s)) => s == key,
                            Some(Arg::Num(n)) => {
                                key.parse::<i64>().map_or_else(|_| *key == plural(self.lang, *n), |k| k == *n)
                            }
                            None => false,
                        })
                        .unwrap_or(*default);
                    if let Some((_, v)) = variants.get(chosen) {
                        self.write(v, args, out);
                    }
                }
            }
        }
    }
}
