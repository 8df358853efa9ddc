//! Safe names: what a file the applicant attached is called inside the bundle, and which paths
//! a bundle may contain at all.
//!
//! [`sanitize`] turns any name into one that is safe on every file system a bag is unpacked on
//! and in a BagIt manifest line: one path component, no control characters, none of
//! `/ \ : * ? " < > | %`, no leading dots, no trailing dots or spaces, not a reserved Windows
//! device name, at most [`MAX_NAME_BYTES`] bytes of UTF-8 (the extension kept). Letters of any
//! script are kept: applicants name their files in Kazakh and Russian.
//!
//! [`check_path`] is the reader's side: a path in a ZIP is refused if it could escape the
//! folder it is unpacked into or confuse a manifest.

/// The longest name of one file, in bytes of UTF-8.
pub const MAX_NAME_BYTES: usize = 100;
/// The longest path inside a bundle, in bytes.
pub const MAX_PATH_BYTES: usize = 300;

const FORBIDDEN: &[char] = &['/', '\\', ':', '*', '?', '"', '<', '>', '|', '%'];
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
    "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// A control character: C0, DEL, C1, and the Unicode line and paragraph separators.
fn is_control(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}'
}

/// A safe name for an attached file (or a checklist item's folder). Never empty.
pub fn sanitize(name: &str) -> String {
    // Only the last component of whatever path the browser or the file system gave.
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let mapped: String = last
        .chars()
        .filter(|&c| !is_control(c))
        .map(|c| {
            if FORBIDDEN.contains(&c) || c.is_whitespace() {
                if c == ' ' {
                    ' '
                } else {
                    '_'
                }
            } else {
                c
            }
        })
        .collect();
    let trimmed = mapped.trim_start_matches(['.', ' ']).trim_end_matches(['.', ' ']);
    let mut out = if trimmed.is_empty() { "file".to_string() } else { trimmed.to_string() };
    let stem = out.split('.').next().unwrap_or("");
    if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(stem)) {
        out.insert(0, '_');
    }
    shorten(&out, MAX_NAME_BYTES)
}

/// Cuts a name to at most `max` bytes at a character boundary, keeping a short extension.
fn shorten(name: &str, max: usize) -> String {
    if name.len() <= max {
        return name.to_string();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 && name.len() - i <= 16 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    let mut cut = max - ext.len();
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    let stem = stem[..cut].trim_end_matches(['.', ' ']);
    format!("{}{ext}", if stem.is_empty() { "file" } else { stem })
}

/// `name` made distinct from `taken`: `scan.pdf`, `scan (2).pdf`, `scan (3).pdf` …
pub fn distinct(name: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == name) {
        return name.to_string();
    }
    let (stem, ext) = match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    };
    (2..)
        .map(|n| shorten(&format!("{stem} ({n}){ext}"), MAX_NAME_BYTES))
        .find(|candidate| !taken.iter().any(|t| t == candidate))
        .expect("an unbounded range finds a free name")
}

/// Whether a path read from a ZIP is safe: relative, `/`-separated, no empty, `.` or `..`
/// component, no backslash, colon or control character, at most [`MAX_PATH_BYTES`] bytes.
/// Returns the reason it is not.
pub fn check_path(path: &str) -> Result<(), &'static str> {
    if path.is_empty() {
        return Err("empty");
    }
    if path.len() > MAX_PATH_BYTES {
        return Err("too long");
    }
    if path.starts_with('/') {
        return Err("absolute");
    }
    if path.contains('\\') {
        return Err("backslash");
    }
    if path.contains(':') {
        return Err("colon");
    }
    if path.chars().any(is_control) {
        return Err("control character");
    }
    for component in path.split('/') {
        match component {
            "" => return Err("empty component"),
            "." | ".." => return Err("dot component"),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_keeps_letters_and_drops_what_is_unsafe() {
        assert_eq!(sanitize("паспорт.pdf"), "паспорт.pdf");
        assert_eq!(sanitize("../../etc/passwd"), "passwd");
        assert_eq!(sanitize("C:\\Users\\me\\diploma.pdf"), "diploma.pdf");
        assert_eq!(sanitize("a\u{0}b\nc.pdf"), "abc.pdf");
        assert_eq!(sanitize("100% done?.pdf"), "100_ done_.pdf");
        assert_eq!(sanitize("..."), "file");
        assert_eq!(sanitize(".hidden"), "hidden");
        assert_eq!(sanitize("name. "), "name");
        assert_eq!(sanitize("CON.txt"), "_CON.txt");
        assert_eq!(sanitize("tab\there.pdf"), "tabhere.pdf");
        assert_eq!(sanitize("nb\u{a0}sp.pdf"), "nb_sp.pdf");
        assert_eq!(sanitize(""), "file");
        let long = format!("{}.pdf", "ж".repeat(200));
        let s = sanitize(&long);
        assert!(s.len() <= MAX_NAME_BYTES && s.ends_with(".pdf"), "{s}");
        assert!(check_path(&s).is_ok());
    }

    #[test]
    fn distinct_names() {
        let taken = vec!["scan.pdf".to_string(), "scan (2).pdf".to_string()];
        assert_eq!(distinct("scan.pdf", &taken), "scan (3).pdf");
        assert_eq!(distinct("other.pdf", &taken), "other.pdf");
    }

    #[test]
    fn check_path_refuses_escapes() {
        for bad in ["../x", "/etc/passwd", "a\\b", "data/../x", "data//x", "./x", "C:x", "a\u{7}b", ""] {
            assert!(check_path(bad).is_err(), "{bad:?}");
        }
        assert!(check_path("data/documents/identity-document/паспорт.pdf").is_ok());
    }

    proptest::proptest! {
        #[test]
        fn every_sanitized_name_is_a_safe_single_component(name in "\\PC{0,300}") {
            let s = sanitize(&name);
            proptest::prop_assert!(check_path(&s).is_ok(), "{s:?}");
            proptest::prop_assert!(!s.contains('/') && !s.contains('%') && s.len() <= MAX_NAME_BYTES);
            proptest::prop_assert_eq!(sanitize(&s), s.clone(), "idempotent");
        }
    }
}
