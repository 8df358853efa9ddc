//! What a file really is, from its first bytes rather than its name.

/// A recognised kind of file content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Pdf,
    Jpeg,
    Png,
    /// A Windows or DOS executable ("MZ"): never accepted, named so the message can say so.
    Executable,
    /// A ZIP container (also .docx, .xlsx, .odt).
    Zip,
    Unknown,
}

impl Sniffed {
    /// The IANA media type, as listed in the rules' `accepted_media_types`.
    /// A stable short name for messages: `pdf`, `jpeg`, `png`, `executable`, `zip`, `unknown`.
    pub fn key(self) -> &'static str {
        match self {
            Sniffed::Pdf => "pdf",
            Sniffed::Jpeg => "jpeg",
            Sniffed::Png => "png",
            Sniffed::Executable => "executable",
            Sniffed::Zip => "zip",
            Sniffed::Unknown => "unknown",
        }
    }

    /// The kind of a media type as recorded in an application (the inverse of `media_type`).
    pub fn from_media_type(media_type: &str) -> Sniffed {
        [Sniffed::Pdf, Sniffed::Jpeg, Sniffed::Png, Sniffed::Executable, Sniffed::Zip]
            .into_iter()
            .find(|s| s.media_type() == media_type)
            .unwrap_or(Sniffed::Unknown)
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Sniffed::Pdf => "application/pdf",
            Sniffed::Jpeg => "image/jpeg",
            Sniffed::Png => "image/png",
            Sniffed::Executable => "application/vnd.microsoft.portable-executable",
            Sniffed::Zip => "application/zip",
            Sniffed::Unknown => "application/octet-stream",
        }
    }
}

/// Recognises a file from its first bytes (16 are enough).
pub fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(b"%PDF-") {
        Sniffed::Pdf
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Sniffed::Jpeg
    } else if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Sniffed::Png
    } else if head.starts_with(b"MZ") {
        Sniffed::Executable
    } else if head.starts_with(b"PK\x03\x04") {
        Sniffed::Zip
    } else {
        Sniffed::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_bytes_not_by_name() {
        assert_eq!(sniff(b"%PDF-1.7\n%\xe2\xe3"), Sniffed::Pdf);
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]), Sniffed::Jpeg);
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Sniffed::Png);
        assert_eq!(sniff(b"MZ\x90\0\x03\0\0\0"), Sniffed::Executable);
        assert_eq!(sniff(b"PK\x03\x04\x14\0"), Sniffed::Zip);
        assert_eq!(sniff(b""), Sniffed::Unknown);
        assert_eq!(sniff(b"%PD"), Sniffed::Unknown);
        assert_eq!(Sniffed::Pdf.media_type(), "application/pdf");
    }
}
