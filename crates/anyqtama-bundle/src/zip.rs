//! ZIP (APPNOTE 6.3): a writer of STORED entries and a defensive reader.
//!
//! The writer is deterministic: entries in the order given, one fixed timestamp (the bagging
//! date at 00:00), UTF-8 names flagged, Unix permissions 0644, no extra fields.
//!
//! The reader trusts nothing: it works from the central directory, checks that every local
//! header agrees with it, that entries do not overlap (the "overlapping files" zip bomb), and
//! refuses entries past [`Limits`] (count, size per entry and in all, compression ratio), names
//! that could escape the folder they are unpacked into, duplicate names, encryption, ZIP64 and
//! methods other than STORED and DEFLATE. Deflated data is inflated with a limit of its
//! declared size, so a lying header cannot make it allocate more.

use crate::names;
use crate::Problem;
use anyqtama_core::Date;
use std::borrow::Cow;

/// What the reader accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub max_entries: usize,
    /// Uncompressed bytes of one entry.
    pub max_entry_bytes: u64,
    /// Uncompressed bytes of all entries.
    pub max_total_bytes: u64,
    /// Uncompressed / compressed, for entries over 64 KiB.
    pub max_ratio: u64,
}

impl Default for Limits {
    /// Room for the rules' limits (20 MB a file, 100 MB a package) and the tag files.
    fn default() -> Limits {
        Limits { max_entries: 1000, max_entry_bytes: 64 << 20, max_total_bytes: 256 << 20, max_ratio: 100 }
    }
}

/// One file of an archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub data: Vec<u8>,
}

/// What was read: the entries that passed, and why the others were refused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Archive {
    pub entries: Vec<Entry>,
    pub problems: Vec<Problem>,
}

const LOCAL_SIG: u32 = 0x0403_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
const EOCD_SIG: u32 = 0x0605_4b50;
const EOCD_LEN: usize = 22;
const FLAG_UTF8: u16 = 1 << 11;

/// CRC-32 (ISO-HDLC, as ZIP uses it). Natively with `crc32fast` (carry-less multiplication where
/// the CPU has it, several times faster than a table); on wasm32 with the table below, half the
/// size of `crc32fast`'s in the submit worker.
pub fn crc32(data: &[u8]) -> u32 {
    #[cfg(not(target_arch = "wasm32"))]
    return crc32fast::hash(data);
    #[cfg(target_arch = "wasm32")]
    return crc32_table(data);
}

#[cfg(any(target_arch = "wasm32", test))]
const CRC_TABLE: [[u32; 256]; 8] = crc_table();

#[cfg(any(target_arch = "wasm32", test))]
const fn crc_table() -> [[u32; 256]; 8] {
    let mut t = [[0u32; 256]; 8];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        t[0][i] = c;
        i += 1;
    }
    let mut i = 0;
    while i < 256 {
        let mut s = 1;
        while s < 8 {
            let prev = t[s - 1][i];
            t[s][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
            s += 1;
        }
        i += 1;
    }
    t
}

/// CRC-32 from a table, eight bytes at a time.
#[cfg(any(target_arch = "wasm32", test))]
fn crc32_table(data: &[u8]) -> u32 {
    let mut c = !0u32;
    let mut chunks = data.chunks_exact(8);
    for b in &mut chunks {
        let lo = c ^ u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        c = CRC_TABLE[7][(lo & 0xFF) as usize]
            ^ CRC_TABLE[6][((lo >> 8) & 0xFF) as usize]
            ^ CRC_TABLE[5][((lo >> 16) & 0xFF) as usize]
            ^ CRC_TABLE[4][(lo >> 24) as usize]
            ^ CRC_TABLE[3][usize::from(b[4])]
            ^ CRC_TABLE[2][usize::from(b[5])]
            ^ CRC_TABLE[1][usize::from(b[6])]
            ^ CRC_TABLE[0][usize::from(b[7])];
    }
    for &b in chunks.remainder() {
        c = CRC_TABLE[0][((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}

/// Builds a ZIP of STORED entries.
pub struct Writer {
    out: Vec<u8>,
    central: Vec<u8>,
    count: u16,
    time: u16,
    date: u16,
}

impl Writer {
    /// A writer whose entries carry `date` at 00:00 (DOS dates start in 1980).
    pub fn new(date: Date) -> Writer {
        let year = date.year().clamp(1980, 2107) as u16;
        let dos_date = ((year - 1980) << 9) | (u16::from(date.month()) << 5) | u16::from(date.day());
        Writer { out: Vec::new(), central: Vec::new(), count: 0, time: 0, date: dos_date }
    }

    /// A writer with room for `bytes` of output reserved.
    pub fn with_capacity(date: Date, bytes: usize) -> Writer {
        let mut w = Writer::new(date);
        w.out.reserve(bytes);
        w
    }

    /// Adds a file. Fails (`build.too_large`) past what a ZIP without ZIP64 holds.
    pub fn add(&mut self, name: &str, data: &[u8]) -> Result<(), Problem> {
        let too_large = || Problem::at("build.too_large", name);
        let size = u32::try_from(data.len()).ok().filter(|&s| s < u32::MAX).ok_or_else(too_large)?;
        let offset = u32::try_from(self.out.len()).ok().filter(|&o| o < u32::MAX).ok_or_else(too_large)?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_large())?;
        self.count = self.count.checked_add(1).filter(|&c| c < u16::MAX).ok_or_else(too_large)?;
        let crc = crc32(data);

        // The fields a local header and its central directory entry share, from "version needed"
        // to "extra field length".
        let shared = |v: &mut Vec<u8>| {
            for x in [10, FLAG_UTF8, 0, self.time, self.date] {
                v.extend_from_slice(&x.to_le_bytes()); // 1.0 (stored), flags, method stored, time, date
            }
            for x in [crc, size, size] {
                v.extend_from_slice(&x.to_le_bytes());
            }
            v.extend_from_slice(&name_len.to_le_bytes());
            v.extend_from_slice(&[0, 0]); // no extra field
        };
        self.out.extend_from_slice(&LOCAL_SIG.to_le_bytes());
        shared(&mut self.out);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(data);

        let c = &mut self.central;
        c.extend_from_slice(&CENTRAL_SIG.to_le_bytes());
        c.extend_from_slice(&((3u16 << 8) | 20).to_le_bytes()); // made by: Unix, 2.0
        shared(c);
        c.extend_from_slice(&[0; 6]); // comment length, disk, internal attributes
        c.extend_from_slice(&(0o100_644u32 << 16).to_le_bytes()); // a regular file, rw-r--r--
        c.extend_from_slice(&offset.to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        Ok(())
    }

    /// The archive's bytes.
    pub fn finish(mut self) -> Result<Vec<u8>, Problem> {
        let too_large = || Problem::new("build.too_large");
        let cd_offset = u32::try_from(self.out.len()).map_err(|_| too_large())?;
        let cd_size = u32::try_from(self.central.len()).map_err(|_| too_large())?;
        cd_offset.checked_add(cd_size).filter(|&e| e < u32::MAX).ok_or_else(too_large)?;
        self.out.extend_from_slice(&self.central);
        let o = &mut self.out;
        o.extend_from_slice(&EOCD_SIG.to_le_bytes());
        o.extend_from_slice(&[0, 0, 0, 0]); // this disk, disk of the central directory
        o.extend_from_slice(&self.count.to_le_bytes());
        o.extend_from_slice(&self.count.to_le_bytes());
        o.extend_from_slice(&cd_size.to_le_bytes());
        o.extend_from_slice(&cd_offset.to_le_bytes());
        o.extend_from_slice(&[0, 0]); // comment
        Ok(self.out)
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

/// The end-of-central-directory record: its offset, searched from the end (a comment may follow
/// it, and must end exactly at the end of the file).
fn find_eocd(b: &[u8]) -> Option<usize> {
    let last = b.len().checked_sub(EOCD_LEN)?;
    let first = last.saturating_sub(u16::MAX as usize);
    (first..=last).rev().find(|&i| {
        u32_at(b, i) == Some(EOCD_SIG) && u16_at(b, i + 20).map(usize::from) == Some(b.len() - i - EOCD_LEN)
    })
}

/// A central directory entry, as declared.
struct Central<'a> {
    name: Cow<'a, str>,
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u64,
    size: u64,
    local_offset: usize,
}

/// Whether the central directory of `b` names an entry `name`, without reading any entry
/// (false when `b` is not a ZIP that [`read`] could list).
pub fn lists(b: &[u8], name: &str) -> bool {
    let Some(eocd) = find_eocd(b) else { return false };
    let total = u16_at(b, eocd + 10).unwrap_or(0);
    let mut at = u32_at(b, eocd + 16).unwrap_or(u32::MAX) as usize;
    for _ in 0..total {
        if u32_at(b, at) != Some(CENTRAL_SIG) {
            return false;
        }
        // Saturating: a damaged directory reads past the end (nothing found), never overflows.
        let g16 = |o: usize| usize::from(u16_at(b, at.saturating_add(o)).unwrap_or(0));
        let start = at.saturating_add(46);
        if b.get(start..start.saturating_add(g16(28))) == Some(name.as_bytes()) {
            return true;
        }
        at = start.saturating_add(g16(28) + g16(30) + g16(32));
    }
    false
}

/// Reads an archive. `Err` when it cannot be read at all (not a ZIP, truncated, a central
/// directory that does not parse, too many entries); otherwise the entries that passed and a
/// problem for each one refused.
pub fn read(b: &[u8], limits: &Limits) -> Result<Archive, Problem> {
    let archive = read_borrowed(b, limits)?;
    let entries = archive
        .entries
        .into_iter()
        .map(|(name, data)| Entry { name: name.into_owned(), data: data.into_owned() })
        .collect();
    Ok(Archive { entries, problems: archive.problems })
}

/// What [`read`] gives, with STORED entries' data borrowed from the archive's bytes rather than
/// copied (what verifying uses).
pub(crate) struct Borrowed<'a> {
    pub entries: Vec<(Cow<'a, str>, Cow<'a, [u8]>)>,
    pub problems: Vec<Problem>,
}

/// [`read`], borrowing.
pub(crate) fn read_borrowed<'a>(b: &'a [u8], limits: &Limits) -> Result<Borrowed<'a>, Problem> {
    let Some(eocd) = find_eocd(b) else {
        return Err(Problem::new(if b.starts_with(&LOCAL_SIG.to_le_bytes()) {
            "zip.truncated"
        } else {
            "zip.not_zip"
        }));
    };
    let field16 = |at: usize| u16_at(b, eocd + at).unwrap_or(0);
    let field32 = |at: usize| u32_at(b, eocd + at).unwrap_or(0);
    let (disk, cd_disk, on_disk, total) = (field16(4), field16(6), field16(8), field16(10));
    let (cd_size, cd_offset) = (field32(12), field32(16));
    if total == u16::MAX || cd_size == u32::MAX || cd_offset == u32::MAX {
        return Err(Problem::new("zip.unsupported").arg("reason", "zip64"));
    }
    if disk != 0 || cd_disk != 0 || on_disk != total {
        return Err(Problem::new("zip.unsupported").arg("reason", "multi-disk"));
    }
    if usize::from(total) > limits.max_entries {
        return Err(Problem::new("zip.too_many_entries")
            .arg("count", total)
            .arg("limit", limits.max_entries));
    }
    let (cd_offset, cd_size) = (cd_offset as usize, cd_size as usize);
    if cd_offset.checked_add(cd_size).is_none_or(|end| end > eocd) {
        return Err(Problem::new("zip.truncated"));
    }

    // The central directory.
    let malformed = |what: &str| Problem::new("zip.malformed").arg("reason", what);
    let mut central = Vec::with_capacity(usize::from(total));
    let mut at = cd_offset;
    for _ in 0..total {
        if u32_at(b, at) != Some(CENTRAL_SIG) || at + 46 > cd_offset + cd_size {
            return Err(malformed("central directory"));
        }
        let g16 = |o: usize| u16_at(b, at + o).unwrap_or(0);
        let g32 = |o: usize| u32_at(b, at + o).unwrap_or(0);
        let (name_len, extra_len, comment_len) =
            (usize::from(g16(28)), usize::from(g16(30)), usize::from(g16(32)));
        let end = at + 46 + name_len + extra_len + comment_len;
        if end > cd_offset + cd_size {
            return Err(malformed("central directory"));
        }
        let raw_name = &b[at + 46..at + 46 + name_len];
        central.push((
            Central {
                name: String::from_utf8_lossy(raw_name),
                flags: g16(8),
                method: g16(10),
                crc: g32(16),
                compressed: u64::from(g32(20)),
                size: u64::from(g32(24)),
                local_offset: g32(42) as usize,
            },
            std::str::from_utf8(raw_name).is_ok(),
            g32(20) == u32::MAX || g32(24) == u32::MAX || g32(42) == u32::MAX,
        ));
        at = end;
    }
    if at != cd_offset + cd_size {
        return Err(malformed("central directory size"));
    }

    let mut archive = Borrowed { entries: Vec::new(), problems: Vec::new() };
    let mut seen: Vec<&str> = Vec::new();
    let mut ranges: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, index in central)
    let mut total_bytes = 0u64;
    let mut accepted: Vec<usize> = Vec::new();
    for (i, (c, utf8, zip64)) in central.iter().enumerate() {
        let name: &str = &c.name;
        let refuse = |archive: &mut Borrowed<'_>, p: Problem| archive.problems.push(p);
        if !utf8 {
            refuse(&mut archive, Problem::at("name.unsafe", name).arg("reason", "not UTF-8"));
            continue;
        }
        let path = name.strip_suffix('/').unwrap_or(name);
        if let Err(reason) = names::check_path(path) {
            refuse(&mut archive, Problem::at("name.unsafe", name).arg("reason", reason));
            continue;
        }
        if seen.contains(&path) {
            refuse(&mut archive, Problem::at("zip.duplicate", name));
            continue;
        }
        seen.push(path);
        if *zip64 {
            refuse(&mut archive, Problem::at("zip.unsupported", name).arg("reason", "zip64"));
            continue;
        }
        if c.flags & 0x41 != 0 {
            refuse(&mut archive, Problem::at("zip.unsupported", name).arg("reason", "encrypted"));
            continue;
        }
        if c.method != 0 && c.method != 8 {
            refuse(
                &mut archive,
                Problem::at("zip.unsupported", name).arg("reason", format!("method {}", c.method)),
            );
            continue;
        }
        if c.size > limits.max_entry_bytes {
            refuse(
                &mut archive,
                Problem::at("zip.too_large", name).arg("size", c.size).arg("limit", limits.max_entry_bytes),
            );
            continue;
        }
        if c.size > 64 << 10 && c.size / c.compressed.max(1) > limits.max_ratio {
            refuse(
                &mut archive,
                Problem::at("zip.bomb", name)
                    .arg("reason", format!("ratio {}", c.size / c.compressed.max(1))),
            );
            continue;
        }
        total_bytes += c.size;
        if total_bytes > limits.max_total_bytes {
            refuse(&mut archive, Problem::at("zip.too_large", name).arg("limit", limits.max_total_bytes));
            break;
        }
        // The local header must agree with the central directory.
        let lo = c.local_offset;
        let local_ok = u32_at(b, lo) == Some(LOCAL_SIG)
            && u16_at(b, lo + 26).map(usize::from) == Some(c.name.len())
            && b.get(lo + 30..lo + 30 + c.name.len()) == Some(c.name.as_bytes());
        if !local_ok || lo >= cd_offset {
            refuse(&mut archive, Problem::at("zip.malformed", name).arg("reason", "local header"));
            continue;
        }
        let start = lo + 30 + c.name.len() + usize::from(u16_at(b, lo + 28).unwrap_or(0));
        let end = start.saturating_add(c.compressed as usize);
        if end > cd_offset {
            refuse(&mut archive, Problem::at("zip.truncated", name));
            continue;
        }
        ranges.push((lo, end, i));
        accepted.push(i);
    }

    // Entries sharing bytes: the overlapping-files zip bomb (or a forged directory).
    ranges.sort_unstable();
    let mut overlapping: Vec<usize> = Vec::new();
    for pair in ranges.windows(2) {
        if pair[1].0 < pair[0].1 {
            overlapping.extend([pair[0].2, pair[1].2]);
        }
    }
    for &i in &accepted {
        let c = &central[i].0;
        if overlapping.contains(&i) {
            archive
                .problems
                .push(Problem::at("zip.bomb", c.name.as_ref()).arg("reason", "overlapping entries"));
            continue;
        }
        if c.name.ends_with('/') {
            continue; // a folder
        }
        let lo = c.local_offset;
        let start = lo + 30 + c.name.len() + usize::from(u16_at(b, lo + 28).unwrap_or(0));
        let raw = &b[start..start + c.compressed as usize];
        let data = if c.method == 0 {
            if c.compressed != c.size {
                archive
                    .problems
                    .push(Problem::at("zip.malformed", c.name.as_ref()).arg("reason", "stored size"));
                continue;
            }
            Cow::Borrowed(raw)
        } else {
            match miniz_oxide::inflate::decompress_to_vec_with_limit(raw, c.size as usize) {
                Ok(d) if d.len() as u64 == c.size => Cow::Owned(d),
                Ok(_) => {
                    archive
                        .problems
                        .push(Problem::at("zip.malformed", c.name.as_ref()).arg("reason", "size"));
                    continue;
                }
                Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                    archive.problems.push(
                        Problem::at("zip.bomb", c.name.as_ref()).arg("reason", "more data than declared"),
                    );
                    continue;
                }
                Err(_) => {
                    archive
                        .problems
                        .push(Problem::at("zip.malformed", c.name.as_ref()).arg("reason", "deflate"));
                    continue;
                }
            }
        };
        if crc32(&data) != c.crc {
            archive.problems.push(Problem::at("zip.crc", c.name.as_ref()));
            continue;
        }
        archive.entries.push((c.name.clone(), data));
    }
    Ok(archive)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> Date {
        Date::parse("2026-11-25").unwrap()
    }

    #[test]
    fn crc32_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        // Against the bit-at-a-time definition, at lengths around the fast path's block sizes.
        let bitwise = |data: &[u8]| {
            let mut c = !0u32;
            for &b in data {
                c ^= u32::from(b);
                for _ in 0..8 {
                    c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                }
            }
            !c
        };
        let long: Vec<u8> = (0..5000u32).map(|i| (i * 7 + i / 251) as u8).collect();
        for n in [0, 1, 7, 8, 9, 15, 16, 63, 64, 65, 127, 128, 129, 1000, 4999, 5000] {
            assert_eq!(crc32(&long[..n]), bitwise(&long[..n]), "{n} bytes");
            assert_eq!(crc32_table(&long[..n]), bitwise(&long[..n]), "{n} bytes, by table");
        }
    }

    #[test]
    fn writes_and_reads_back() {
        let mut w = Writer::new(date());
        w.add("a.txt", b"hello").unwrap();
        w.add("data/б.pdf", &[0u8; 1000]).unwrap();
        let bytes = w.finish().unwrap();
        let a = read(&bytes, &Limits::default()).unwrap();
        assert!(a.problems.is_empty(), "{:?}", a.problems);
        assert_eq!(a.entries.len(), 2);
        assert_eq!(a.entries[1].name, "data/б.pdf");
        assert_eq!(a.entries[0].data, b"hello");
    }

    #[test]
    fn not_a_zip_and_truncated() {
        let l = Limits::default();
        assert_eq!(read(b"", &l).unwrap_err().code, "zip.not_zip");
        assert_eq!(read(b"%PDF-1.4 hello", &l).unwrap_err().code, "zip.not_zip");
        let mut w = Writer::new(date());
        w.add("a.txt", b"hello").unwrap();
        let bytes = w.finish().unwrap();
        for cut in 1..bytes.len() {
            let r = read(&bytes[..cut], &l);
            assert!(r.is_err() || !r.unwrap().problems.is_empty(), "cut at {cut}");
        }
        assert_eq!(read(&bytes[..bytes.len() - 5], &l).unwrap_err().code, "zip.truncated");
    }

    #[test]
    fn too_many_entries() {
        let mut w = Writer::new(date());
        for i in 0..5 {
            w.add(&format!("{i}"), b"x").unwrap();
        }
        let bytes = w.finish().unwrap();
        let l = Limits { max_entries: 4, ..Limits::default() };
        assert_eq!(read(&bytes, &l).unwrap_err().code, "zip.too_many_entries");
    }
}
