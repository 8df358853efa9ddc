//! Compiles the built-in data in without the JSON's indentation (`data/` is written to be read
//! and diffed; the widget's first page pays for every byte). Only whitespace outside strings is
//! dropped: the text parses to exactly the same values, in the same order.

use std::path::Path;

/// `json` without the whitespace between tokens.
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_ascii_whitespace() {
            out.push(c);
        }
    }
    out
}

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    // The manifest directory as Cargo gives it when it runs this script (not as it was when the
    // script was compiled: a build script binary may be reused for a checkout elsewhere).
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("Cargo sets CARGO_MANIFEST_DIR");
    let data = Path::new(&manifest).join("../../data");
    for file in [
        "rules/2026-01.json",
        "lists/akimats.json",
        "lists/sectors.sample.json",
        "lists/scoring.sample.json",
        "calendar/holidays.json",
        "calendar/2023.json",
        "calendar/2024.json",
        "calendar/2025.json",
        "calendar/2026.json",
        "calendar/2027.json",
    ] {
        let path = data.join(file);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let target = Path::new(&out).join(file.replace('/', "-"));
        std::fs::write(&target, compact(&text)).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    }
}
