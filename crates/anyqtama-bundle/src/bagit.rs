//! BagIt 1.0 (RFC 8493): the tag files of a bag, written and parsed.
//!
//! Written: `bagit.txt`, `bag-info.txt`, `manifest-sha256.txt` and `tagmanifest-sha256.txt`,
//! with LF line ends, lowercase hex, paths sorted by their bytes. Parsed: tag files as
//! `Label: value` lines (a value may go on over indented lines), manifests as
//! `checksum<whitespace>path` lines with `%0A`, `%0D` and `%25` decoded (RFC 8493 §2.1.3).

use crate::encoding::hex;
use crate::Problem;

pub const BAGIT_TXT: &str = "bagit.txt";
pub const BAG_INFO_TXT: &str = "bag-info.txt";
pub const MANIFEST: &str = "manifest-sha256.txt";
pub const TAGMANIFEST: &str = "tagmanifest-sha256.txt";
pub const SIGNATURE: &str = "signature.jws";
/// The applicant's qualified electronic signature (ЭЦҚ/ЭЦП), when the portal asks for one: a
/// detached CMS (DER) over `tagmanifest-sha256.txt`, made by NCALayer (docs/BUNDLE.md).
pub const EDS_SIGNATURE: &str = "signature.p7s";
/// The tag files the tag manifest must list (so that the signature covers them).
pub const SIGNED_TAG_FILES: [&str; 3] = [BAGIT_TXT, BAG_INFO_TXT, MANIFEST];

/// The bag declaration.
pub fn declaration() -> String {
    "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".to_string()
}

/// Labels of `bag-info.txt`.
pub mod label {
    pub const BAGGING_DATE: &str = "Bagging-Date";
    pub const EXTERNAL_IDENTIFIER: &str = "External-Identifier";
    pub const PAYLOAD_OXUM: &str = "Payload-Oxum";
    pub const SOFTWARE_AGENT: &str = "Bag-Software-Agent";
    pub const FORMAT_VERSION: &str = "Anyqtama-Format-Version";
    pub const RULES_VERSION: &str = "Anyqtama-Rules-Version";
    pub const REQUEST_KIND: &str = "Anyqtama-Request-Kind";
    pub const LANGUAGE: &str = "Anyqtama-Language";
}

/// `Label: value` lines. A value with a line break is not allowed in what we write.
pub fn tag_file(fields: &[(&str, String)]) -> String {
    fields.iter().map(|(k, v)| format!("{k}: {v}\n")).collect()
}

/// Parses a tag file into its `(label, value)` pairs, in order; continuation lines (starting with
/// a space or tab) are joined to the value with one space. `None` if a line is not `Label: value`.
pub fn parse_tag_file(text: &str) -> Option<Vec<(String, String)>> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)) {
        if line.is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            let last = fields.last_mut()?;
            last.1.push(' ');
            last.1.push_str(line.trim());
            continue;
        }
        let (label, value) = line.split_once(':')?;
        if label.is_empty() || label.trim() != label {
            return None;
        }
        fields.push((label.to_string(), value.trim().to_string()));
    }
    Some(fields)
}

/// The value of `label` (the first, if it repeats).
pub fn field<'a>(fields: &'a [(String, String)], label: &str) -> Option<&'a str> {
    fields.iter().find(|(k, _)| k == label).map(|(_, v)| v.as_str())
}

fn encode_path(path: &str) -> String {
    path.replace('%', "%25").replace('\n', "%0A").replace('\r', "%0D")
}

fn decode_path(path: &str) -> String {
    if !path.contains('%') {
        return path.to_string(); // nothing to decode (the usual case): no five passes
    }
    path.replace("%0A", "\n")
        .replace("%0a", "\n")
        .replace("%0D", "\r")
        .replace("%0d", "\r")
        .replace("%25", "%")
}

/// A manifest: one `sha256hex  path` line per file, sorted by path.
pub fn manifest(entries: &[(String, [u8; 32])]) -> String {
    let mut lines: Vec<(&str, String)> = entries.iter().map(|(p, d)| (p.as_str(), hex(d))).collect();
    lines.sort_unstable();
    lines.into_iter().map(|(p, d)| format!("{d}  {}\n", encode_path(p))).collect()
}

/// Parses a manifest into `(lowercase hex digest, path)` lines. Refuses (`bag.manifest_syntax`,
/// with the line number) a line that is not a SHA-256 in hex followed by a path, and a path
/// listed twice.
pub fn parse_manifest(text: &str, file: &str) -> Result<Vec<(String, String)>, Problem> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() {
            continue;
        }
        let bad = || Problem::at("bag.manifest_syntax", file).arg("line", i + 1);
        let (digest, path) = line.split_once([' ', '\t']).ok_or_else(bad)?;
        let path = path.trim_start_matches([' ', '\t']);
        if digest.len() != 64 || !digest.bytes().all(|c| c.is_ascii_hexdigit()) || path.is_empty() {
            return Err(bad());
        }
        let path = decode_path(path);
        if out.iter().any(|(_, p)| *p == path) {
            return Err(bad());
        }
        out.push((digest.to_ascii_lowercase(), path));
    }
    Ok(out)
}

/// `Payload-Oxum`: `octets.count`.
pub fn oxum(bytes: u64, count: usize) -> String {
    format!("{bytes}.{count}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_round_trip_and_sort() {
        let entries = vec![("data/b".to_string(), [1u8; 32]), ("data/a %.pdf".to_string(), [2u8; 32])];
        let text = manifest(&entries);
        assert!(text.starts_with(&format!("{}  data/a %25.pdf\n", "02".repeat(32))), "{text}");
        let parsed = parse_manifest(&text, MANIFEST).unwrap();
        assert_eq!(parsed[0].1, "data/a %.pdf");
        assert_eq!(parsed[1], ("01".repeat(32), "data/b".to_string()));
    }

    #[test]
    fn bad_manifest_lines() {
        for bad in ["abc data/x", &"0".repeat(64), &format!("{} a\n{} a", "0".repeat(64), "1".repeat(64))] {
            assert_eq!(parse_manifest(bad, MANIFEST).unwrap_err().code, "bag.manifest_syntax", "{bad}");
        }
    }

    #[test]
    fn tag_files() {
        let t = parse_tag_file("BagIt-Version: 1.0\r\nNote: a\n  b\n").unwrap();
        assert_eq!(field(&t, "BagIt-Version"), Some("1.0"));
        assert_eq!(field(&t, "Note"), Some("a b"));
        assert_eq!(parse_tag_file("no colon here\n"), None);
        assert_eq!(parse_tag_file(" leading continuation\n"), None);
    }
}
