//! A minimal reader of DER (and, for the test PKCS#12 files, BER with indefinite lengths)
//! tag-length-value items. The typed parsing is the RustCrypto crates'; this keeps the
//! **original bytes** of the parts that are hashed or signed (a certificate's or a CRL's
//! to-be-signed part, a signer's signed attributes, each certificate), which re-encoding could
//! change.

/// A malformed or truncated encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Malformed;

/// Nesting deeper than this is refused: a hostile file cannot exhaust the stack.
pub const MAX_DEPTH: usize = 64;

/// One item: its tag byte, the whole encoding (`raw`) and its contents (`body`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tlv<'a> {
    pub tag: u8,
    pub raw: &'a [u8],
    pub body: &'a [u8],
}

impl<'a> Tlv<'a> {
    pub fn constructed(&self) -> bool {
        self.tag & 0x20 != 0
    }

    /// The items inside a constructed item.
    pub fn children(&self) -> Result<Vec<Tlv<'a>>, Malformed> {
        if !self.constructed() {
            return Err(Malformed);
        }
        items(self.body)
    }
}

/// Reads the item at the start of `input`; returns it and the rest. Definite lengths only
/// (DER); multi-byte tags are refused (none of the structures read here use them).
pub fn read(input: &[u8]) -> Result<(Tlv<'_>, &[u8]), Malformed> {
    let (&tag, rest) = input.split_first().ok_or(Malformed)?;
    if tag & 0x1f == 0x1f {
        return Err(Malformed);
    }
    let (&first, rest) = rest.split_first().ok_or(Malformed)?;
    let (len, rest) = if first < 0x80 {
        (first as usize, rest)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 || rest.len() < n {
            return Err(Malformed);
        }
        let mut len = 0usize;
        for &b in &rest[..n] {
            len = (len << 8) | b as usize;
        }
        (len, &rest[n..])
    };
    if rest.len() < len {
        return Err(Malformed);
    }
    let header = input.len() - rest.len();
    let raw = &input[..header + len];
    Ok((Tlv { tag, raw, body: &rest[..len] }, &rest[len..]))
}

/// Reads exactly one item filling all of `input`.
pub fn read_one(input: &[u8]) -> Result<Tlv<'_>, Malformed> {
    match read(input)? {
        (tlv, []) => Ok(tlv),
        _ => Err(Malformed),
    }
}

/// All the items of `input`, one after another.
pub fn items(mut input: &[u8]) -> Result<Vec<Tlv<'_>>, Malformed> {
    let mut out = Vec::new();
    while !input.is_empty() {
        let (tlv, rest) = read(input)?;
        out.push(tlv);
        input = rest;
    }
    Ok(out)
}

/// Re-encodes BER (indefinite lengths, constructed OCTET STRINGs) as DER-length items, so that
/// [`read`] and the `der` crate can read it. Used for the test PKCS#12 files; bounded in depth.
pub fn ber_to_der(input: &[u8]) -> Result<Vec<u8>, Malformed> {
    let mut out = Vec::with_capacity(input.len());
    let rest = ber_item(input, &mut out, 0)?;
    if !rest.is_empty() {
        return Err(Malformed);
    }
    Ok(out)
}

fn ber_item<'a>(input: &'a [u8], out: &mut Vec<u8>, depth: usize) -> Result<&'a [u8], Malformed> {
    if depth > MAX_DEPTH {
        return Err(Malformed);
    }
    let (&tag, rest) = input.split_first().ok_or(Malformed)?;
    if tag & 0x1f == 0x1f {
        return Err(Malformed);
    }
    let (&first, mut rest) = rest.split_first().ok_or(Malformed)?;
    let mut body = Vec::new();
    if first == 0x80 {
        if tag & 0x20 == 0 {
            return Err(Malformed);
        }
        loop {
            if rest.len() >= 2 && rest[0] == 0 && rest[1] == 0 {
                rest = &rest[2..];
                break;
            }
            if rest.is_empty() {
                return Err(Malformed);
            }
            rest = ber_item(rest, &mut body, depth + 1)?;
        }
    } else {
        let (tlv, after) = read(input)?;
        if tlv.constructed() {
            let mut inner = tlv.body;
            while !inner.is_empty() {
                inner = ber_item(inner, &mut body, depth + 1)?;
            }
        } else {
            body.extend_from_slice(tlv.body);
        }
        rest = after;
    }
    // A constructed OCTET STRING (tag 0x24) becomes one primitive OCTET STRING of its parts.
    let tag = if tag == 0x24 {
        body = flatten_octets(&body)?;
        0x04
    } else {
        tag
    };
    out.push(tag);
    push_len(out, body.len());
    out.extend_from_slice(&body);
    Ok(rest)
}

fn flatten_octets(body: &[u8]) -> Result<Vec<u8>, Malformed> {
    let mut out = Vec::new();
    for part in items(body)? {
        if part.tag != 0x04 {
            return Err(Malformed);
        }
        out.extend_from_slice(part.body);
    }
    Ok(out)
}

/// Appends a DER length.
pub fn push_len(out: &mut Vec<u8>, len: usize) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = (len as u64).to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (8 - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}

/// One DER item of `tag` around `body`.
pub fn wrap(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len() + 6);
    out.push(tag);
    push_len(&mut out, body.len());
    out.extend_from_slice(body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_and_refuses_truncation() {
        let der = [0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0xaa];
        let t = read_one(&der).unwrap();
        let c = t.children().unwrap();
        assert_eq!(c.len(), 2);
        assert_eq!(c[1].body, &[0xaa]);
        assert!(read_one(&der[..7]).is_err());
        assert!(read(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff]).is_err());
    }

    #[test]
    fn ber_indefinite_becomes_der() {
        // SEQUENCE (indefinite) { OCTET STRING constructed (indefinite) { "ab", "c" } }
        let ber = [0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0, 0, 0, 0];
        assert_eq!(ber_to_der(&ber).unwrap(), vec![0x30, 0x05, 0x04, 0x03, b'a', b'b', b'c']);
        assert!(ber_to_der(&ber[..12]).is_err());
    }
}
