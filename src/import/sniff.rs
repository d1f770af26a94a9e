//! What a file is by its first bytes: a workbook (a zip, an OLE file) or text, and the text's
//! encoding (a byte order mark, UTF-16's NULs, UTF-8, or chardetng's guess).

use super::text::EVIDENCE;
use encoding_rs::{Encoding, UTF_8};

/// What the first bytes say of the encoding.
#[derive(Debug, PartialEq)]
pub enum Detected {
    /// UTF-8 (ASCII included), with or without its BOM: read as it is.
    Utf8,
    /// A byte order mark named it.
    Bom(&'static Encoding),
    /// No byte order mark, but a NUL byte between the characters of ASCII text: UTF-16, little
    /// endian when the NULs come second.
    Utf16(&'static Encoding),
    /// Not UTF-8: chardetng's guess, and whether it is sure of it (it scored above another
    /// candidate, on at least [`EVIDENCE`] bytes outside ASCII).
    Guess(&'static Encoding, bool),
}

/// Whether bytes are a workbook's: a zip (.xlsx, .xlsm, .ods) or an OLE file (.xls).
pub fn binary(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Whether a zip is an OpenDocument file: its first part is its `mimetype`.
pub fn ods(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") && head.windows(8).take(64).any(|w| w == b"mimetype")
}

/// What a file that is not text is, by its first bytes, as a person knows it.
pub fn binary_kind(head: &[u8]) -> Option<&'static str> {
    let zip = head.starts_with(b"PK\x03\x04");
    let spreadsheet = b"opendocument.spreadsheet";
    Some(match () {
        _ if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) => {
            "an OLE file, as an .xls workbook is (Excel 97-2003); import it with --format xls"
        }
        _ if ods(head) && head.windows(spreadsheet.len()).any(|w| w == spreadsheet) => {
            "an OpenDocument spreadsheet (.ods); import it with --format ods"
        }
        _ if zip
            && (head.windows(3).any(|w| w == b"xl/")
                || head.windows(19).any(|w| w == b"[Content_Types].xml")) =>
        {
            "an Excel workbook (.xlsx, a zip); import it with --format xlsx"
        }
        _ if zip => "a zip archive; if it is a workbook, import it with --format xlsx",
        _ => return None,
    })
}

/// UTF-16 with no byte order mark, told by the NUL bytes of its ASCII characters (a CSV's
/// header line is mostly ASCII): on one side of nearly every other character, never the other.
/// Text in another encoding holds no NUL at all.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let pairs = head.len().min(4096) / 2;
    let (mut first, mut second) = (0, 0);
    for pair in head[..pairs * 2].chunks_exact(2) {
        first += usize::from(pair[0] == 0);
        second += usize::from(pair[1] == 0);
    }
    match (first, second) {
        _ if pairs < 2 => None,
        (0, n) if n * 3 >= pairs => Some(encoding_rs::UTF_16LE),
        (n, 0) if n * 3 >= pairs => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// The encoding of text that starts with `head` (all of it when `whole`); a workbook is read
/// as it is.
pub fn detect(head: &[u8], whole: bool) -> Detected {
    if binary(head) {
        return Detected::Utf8;
    }
    if let Some((encoding, _)) = Encoding::for_bom(head) {
        return match encoding == UTF_8 {
            true => Detected::Utf8,
            false => Detected::Bom(encoding),
        };
    }
    if let Some(encoding) = utf16_without_bom(head) {
        return Detected::Utf16(encoding);
    }
    match std::str::from_utf8(head) {
        Ok(_) => return Detected::Utf8,
        // A character cut where the head ends.
        Err(e) if e.error_len().is_none() && !whole => return Detected::Utf8,
        Err(_) => {}
    }
    // UTF-8 but for a few bytes (a row pasted from elsewhere): UTF-8, whose rows with those
    // bytes are rejected, not every row decoded wrongly. Another encoding's text is rarely
    // valid UTF-8 by chance: far fewer of its characters than of its stray bytes.
    let (characters, stray) = utf8_counts(head);
    if characters >= 4 * stray.max(1) {
        return Detected::Utf8;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(head, whole);
    let (encoding, scored) = detector.guess_assess(None, false);
    // A few bytes of text fit many encodings: a guess resting on them is not one to send on.
    let evidence = head.iter().filter(|b| !b.is_ascii()).count();
    Detected::Guess(encoding, scored && evidence >= EVIDENCE)
}

/// In `bytes`: the characters outside ASCII that are valid UTF-8, and the bytes that are not.
fn utf8_counts(mut bytes: &[u8]) -> (usize, usize) {
    let (mut characters, mut stray) = (0, 0);
    loop {
        let (valid, rest) = match std::str::from_utf8(bytes) {
            Ok(text) => (text, &[][..]),
            Err(e) => {
                let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
                let bad = e.error_len().unwrap_or(bytes.len() - e.valid_up_to());
                stray += bad;
                (valid, &bytes[e.valid_up_to() + bad..])
            }
        };
        characters += valid.chars().filter(|c| !c.is_ascii()).count();
        if rest.is_empty() {
            return (characters, stray);
        }
        bytes = rest;
    }
}
