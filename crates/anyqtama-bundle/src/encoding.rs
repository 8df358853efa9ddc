//! Base64url without padding (RFC 4648 §5, as JOSE uses it) and lowercase hex.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding.
pub fn b64url(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

const INVALID: u8 = 0xFF;

/// Each byte's value in [`ALPHABET`], or [`INVALID`].
const DECODE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// Decodes base64url without padding, strictly: no padding, no whitespace, no other alphabet,
/// and no non-zero bits left over (so every value has exactly one encoding).
pub fn b64url_decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match DECODE[usize::from(c)] {
        INVALID => None,
        v => Some(u32::from(v)),
    };
    let bytes = text.as_bytes();
    if bytes.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        let produced = chunk.len() - 1;
        let leftover_bits = match produced {
            1 => n & 0xFFFF,
            2 => n & 0xFF,
            _ => 0,
        };
        if leftover_bits != 0 {
            return None;
        }
        out.extend_from_slice(&n.to_be_bytes()[1..1 + produced]);
    }
    Some(out)
}

/// Lowercase hex.
pub fn hex(data: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(data.len() * 2);
    for b in data {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_round_trips_and_is_strict() {
        for n in 0..70u8 {
            let data: Vec<u8> = (0..n).map(|i| i.wrapping_mul(37).wrapping_add(n)).collect();
            assert_eq!(b64url_decode(&b64url(&data)).as_deref(), Some(data.as_slice()));
        }
        assert_eq!(b64url(b"\xfb\xff"), "-_8");
        assert_eq!(b64url(br#"{"alg":"ES256"}"#), "eyJhbGciOiJFUzI1NiJ9");
        assert_eq!(b64url_decode("-_9"), None, "non-zero leftover bits");
        assert_eq!(b64url_decode("ab=="), None);
        assert_eq!(b64url_decode("a"), None);
        assert_eq!(b64url_decode("a+b/"), None);
        assert_eq!(hex(&[0, 0xab, 0x10]), "00ab10");
    }
}
