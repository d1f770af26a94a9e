//! The input's text as the rows are read from it: its encoding (a byte order mark, UTF-8, or a
//! guess from its first [`HEAD`] bytes, as spreadsheets save CSV in the encoding of their
//! locale: GBK, Shift_JIS, Big5, EUC-KR, Windows-1252, UTF-16 for "Unicode text"), decoded into
//! UTF-8 as it is read, and a CSV's delimiter, told by its header line. The check pass settles
//! both; the send pass is given them, so the same bytes are read the same way twice.

use crate::error::Error;
use encoding_rs::{DecoderResult, Encoding, UTF_8};
use std::io::{self, Read};

/// The bytes a guess is made from: enough text for the guess to be sure, read ahead once.
pub const HEAD: usize = 256 << 10;

/// The bytes outside ASCII a guess must rest on to be trusted.
pub const EVIDENCE: usize = 16;

/// The delimiters a header line is looked at for, in the order a tie goes.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How the input is read: what was told (`--encoding`, `--delimiter`), then what the
/// check pass settled.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reading {
    pub encoding: Option<&'static Encoding>,
    pub delimiter: Option<u8>,
    /// A workbook's sheet (`--sheet`), by name or number from 1.
    pub sheet: Option<String>,
}

/// `--encoding`'s value: any label the WHATWG Encoding Standard knows (`gbk`, `shift_jis`,
/// `big5`, `euc-kr`, `windows-1252`, `utf-16le`, `latin1`, ...).
pub fn parse_encoding(label: &str) -> Result<&'static Encoding, String> {
    Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
        format!("no encoding is called {label:?}; for instance: utf-8, gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, utf-16le, utf-16be")
    })
}

/// `--delimiter`'s value: `,` `;` `|`, or a tab as `tab` or `\t`.
pub fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "|" => Ok(b'|'),
        "\t" | "\\t" | "tab" | "TAB" => Ok(b'\t'),
        _ => Err("a delimiter is one of , ; | tab".into()),
    }
}

/// A delimiter as a person names it.
pub fn delimiter_name(d: u8) -> String {
    match d {
        b'\t' => "tab".into(),
        d => format!("{:?}", d as char),
    }
}

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

/// The input's bytes as UTF-8 text: read as they are when they are UTF-8, else decoded from
/// their encoding, a byte that is not of it refusing the file (never a replacement character
/// sent as a customer's name).
pub struct Decoded<R> {
    inner: R,
    encoding: &'static Encoding,
    /// `None` for UTF-8, read as it is.
    decoder: Option<encoding_rs::Decoder>,
    /// Bytes read ahead and not yet decoded (or handed out).
    ahead: Vec<u8>,
    ahead_at: usize,
    /// Decoded text not yet handed out.
    out: Vec<u8>,
    out_at: usize,
    /// The line ends decoded, for the line a bad byte is on.
    lines: u64,
    done: bool,
    /// When the encoding was told by the person (`--encoding`), and so is held to the bytes:
    /// what its first bytes look like, to name when the text read in it is not text.
    told_against: Option<Detected>,
}

impl<R: Read> Decoded<R> {
    /// Text from `inner`, in the encoding told, else the one its first bytes show; what was
    /// detected (`None` when told).
    pub fn open(
        mut inner: R,
        told: Option<&'static Encoding>,
        held: bool,
    ) -> io::Result<(Decoded<R>, Option<Detected>)> {
        let mut ahead = Vec::new();
        let whole = (&mut inner).take(HEAD as u64).read_to_end(&mut ahead)? < HEAD;
        let detected = detect(&ahead, whole);
        if let (Some(told), true) = (told, held) {
            if let Some(why) = disagrees(told, &detected, &ahead) {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    super::csv_text::Unreadable::new(why),
                ));
            }
        }
        let (encoding, detected, told_against) = match told {
            Some(encoding) => (encoding, None, held.then_some(detected)),
            None => {
                let encoding = match detected {
                    Detected::Utf8 => UTF_8,
                    Detected::Bom(e) | Detected::Utf16(e) | Detected::Guess(e, _) => e,
                };
                (encoding, Some(detected), None)
            }
        };
        // UTF-8 told is decoded too: a byte that is not UTF-8 then refuses the file, as one not
        // of any other encoding told does, rather than the rows that hold one.
        let decoder = (encoding != UTF_8 || told_against.is_some())
            .then(|| encoding.new_decoder_with_bom_removal());
        let decoded = Decoded {
            inner,
            encoding,
            decoder,
            ahead,
            ahead_at: 0,
            out: Vec::new(),
            out_at: 0,
            lines: 0,
            done: false,
            told_against,
        };
        Ok((decoded, detected))
    }

    pub fn encoding(&self) -> &'static Encoding {
        self.encoding
    }

    /// The reader it decodes.
    pub fn into_inner(self) -> R {
        self.inner
    }

    /// Raw bytes into `buf`: those read ahead first.
    fn read_raw(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.ahead_at < self.ahead.len() {
            let n = buf.len().min(self.ahead.len() - self.ahead_at);
            buf[..n].copy_from_slice(&self.ahead[self.ahead_at..self.ahead_at + n]);
            self.ahead_at += n;
            if self.ahead_at == self.ahead.len() {
                self.ahead = Vec::new();
                self.ahead_at = 0;
            }
            return Ok(n);
        }
        self.inner.read(buf)
    }

    /// Decodes the next raw bytes into `out`; false at the end.
    fn decode_more(&mut self) -> io::Result<bool> {
        if self.done {
            return Ok(false);
        }
        let mut raw = [0u8; 16 << 10];
        let n = self.read_raw(&mut raw)?;
        let last = n == 0;
        let decoder = self.decoder.as_mut().expect("decoding");
        let room = decoder
            .max_utf8_buffer_length_without_replacement(n)
            .unwrap_or(n * 4 + 16);
        self.out.clear();
        self.out.resize(room, 0);
        self.out_at = 0;
        let (result, _, written) =
            decoder.decode_to_utf8_without_replacement(&raw[..n], &mut self.out, last);
        self.out.truncate(written);
        if let Some(against) = &self.told_against {
            if let Some((at, c)) = garbage(&self.out) {
                let line =
                    self.lines + 1 + self.out[..at].iter().filter(|&&b| b == b'\n').count() as u64;
                let why = format!(
                    "line {line}: --encoding {0} reads {c:?} here, which is no text a person typed: the file is not {0}{1}",
                    self.encoding.name(),
                    looks(against)
                );
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    super::csv_text::Unreadable::new(why),
                ));
            }
        }
        self.lines += self.out.iter().filter(|&&b| b == b'\n').count() as u64;
        match result {
            DecoderResult::InputEmpty => {}
            DecoderResult::Malformed(..) => {
                let why = format!(
                    "line {}: bytes that are not {} text{}",
                    self.lines + 1,
                    self.encoding.name(),
                    match &self.told_against {
                        Some(against) => looks(against),
                        None => "; give the file's encoding with --encoding NAME (for instance gbk, shift_jis, big5, euc-kr, windows-1252, utf-16le)".into(),
                    }
                );
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    super::csv_text::Unreadable::new(why),
                ));
            }
            DecoderResult::OutputFull => unreachable!("room for the worst case was made"),
        }
        self.done = last;
        Ok(!self.out.is_empty() || !last)
    }
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.decoder.is_none() {
            return self.read_raw(buf);
        }
        while self.out_at == self.out.len() {
            if !self.decode_more()? {
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.out_at);
        buf[..n].copy_from_slice(&self.out[self.out_at..self.out_at + n]);
        self.out_at += n;
        Ok(n)
    }
}

/// Why an `--encoding` told is refused before a byte is read in it: the first bytes, `head`,
/// are of another encoding beyond doubt (a byte order mark, UTF-16's NULs, text outside ASCII
/// that is UTF-8, or a confident guess), and one of the two is no single-byte encoding. Text in
/// one encoding often decodes in another without a byte it lacks (Shift_JIS's kana as
/// Windows-1252 letters, Big5 as GBK's hanzi), so no later check would see it: it would be
/// sent as mojibake. GBK and GB18030 agree (one holds the other); two single-byte encodings
/// (Windows-1252 and ISO-8859-15) are left to the person, as a guess cannot tell them apart.
fn disagrees(told: &'static Encoding, detected: &Detected, head: &[u8]) -> Option<String> {
    let other = match detected {
        Detected::Utf8 if head.iter().any(|b| !b.is_ascii()) => UTF_8,
        Detected::Utf8 | Detected::Guess(_, false) => return None,
        Detected::Bom(e) | Detected::Utf16(e) | Detected::Guess(e, true) => *e,
    };
    let chinese = |e: &'static Encoding| e == encoding_rs::GBK || e == encoding_rs::GB18030;
    let agree = told == other
        || chinese(told) && chinese(other)
        || told.is_single_byte() && other.is_single_byte();
    (!agree).then(|| {
        format!(
            "--encoding {0}: the file is not {0}{1}",
            told.name(),
            looks(detected)
        )
    })
}

/// The first character of decoded text that text in its encoding does not hold: a NUL (UTF-16
/// read as UTF-8), a C1 control (GBK or Shift_JIS read as Windows-1252), U+FFFD, the mark of
/// text already decoded wrongly, or a private-use character (Big5 read as GBK: no character a
/// person types, but bytes that land in an encoding's user-defined area). Other controls are
/// left to pass: an escape sequence is customers' text as the server keeps it. Its byte offset.
fn garbage(text: &[u8]) -> Option<(usize, char)> {
    // Text cut inside a character at the end of a chunk: its whole characters only.
    let valid = match std::str::from_utf8(text) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&text[..e.valid_up_to()]).unwrap_or_default(),
    };
    valid.char_indices().find(|&(_, c)| {
        matches!(
            c,
            '\0' | '\u{80}'..='\u{9f}' | '\u{e000}'..='\u{f8ff}' | char::REPLACEMENT_CHARACTER
        )
    })
}

/// What an encoding told is refused with: what the file looks like instead, and what to do.
fn looks(detected: &Detected) -> String {
    let name = match detected {
        Detected::Utf8 => Some(UTF_8),
        Detected::Bom(e) | Detected::Utf16(e) => Some(*e),
        Detected::Guess(e, true) => Some(*e),
        Detected::Guess(_, false) => None,
    };
    match name {
        Some(e) => format!(
            "; it looks like {0}: give --encoding {0}, or leave --encoding out",
            e.name()
        ),
        None => "; its encoding cannot be told with confidence: give the one it was saved in (for instance gbk, shift_jis, big5, euc-kr, windows-1252, utf-16le), or save it as \"CSV UTF-8\"".into(),
    }
}

/// What the check pass tells on stderr of an encoding it detected, or why it refuses to guess.
pub fn told(detected: &Detected) -> Result<Option<String>, Error> {
    match detected {
        Detected::Utf8 => Ok(None),
        Detected::Bom(e) => Ok(Some(format!(
            "the input is not UTF-8: its byte order mark says {0}; read as {0}",
            e.name()
        ))),
        Detected::Utf16(e) => Ok(Some(format!(
            "the input is not UTF-8: it has no byte order mark, but a NUL byte beside each ASCII character, as {0} has; read as {0}",
            e.name()
        ))),
        Detected::Guess(e, true) => Ok(Some(format!(
            "the input is not UTF-8: it looks like {0} (a confident guess); read as {0}; if its text looks wrong, give --encoding NAME",
            e.name()
        ))),
        Detected::Guess(e, false) => Err(Error::Usage(format!(
            "the input is not UTF-8, and its encoding cannot be told with confidence (perhaps {}, a weak guess); give it with --encoding NAME (for instance gbk, gb18030, big5, shift_jis, euc-kr, windows-1252, utf-16le), or save the file as \"CSV UTF-8\"",
            e.name()
        ))),
    }
}

/// The delimiter of a CSV whose text starts with `head`: the one of [`DELIMITERS`] found most
/// often in its first line, outside quotes (a comma when there is none).
pub fn delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    for &b in head {
        match b {
            b'"' => quoted = !quoted,
            b'\r' | b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = DELIMITERS.iter().position(|&d| d == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..DELIMITERS.len())
        .rev()
        .max_by_key(|&i| counts[i])
        .expect("four delimiters");
    match counts[best] {
        0 => b',',
        _ => DELIMITERS[best],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8], told: Option<&'static Encoding>) -> (String, Option<Detected>) {
        let (mut reader, detected) = Decoded::open(bytes, told, true).unwrap();
        let mut text = String::new();
        reader.read_to_string(&mut text).unwrap();
        (text, detected)
    }

    #[test]
    fn each_encoding_excel_writes_reads_as_utf8() {
        let text = "full_name,sms_phone\n王小明,8613912345678\n";
        for encoding in [encoding_rs::GBK, encoding_rs::GB18030] {
            let (bytes, _, _) = encoding.encode(text);
            assert_eq!(decoded(&bytes, Some(encoding)).0, text);
        }
        let (utf16, _) = {
            let mut bytes = vec![0xFF, 0xFE];
            for unit in "a\tb\n名前\tx\n".encode_utf16() {
                bytes.extend_from_slice(&unit.to_le_bytes());
            }
            (bytes, ())
        };
        let (text, detected) = decoded(&utf16, None);
        assert_eq!(text, "a\tb\n名前\tx\n");
        assert_eq!(detected, Some(Detected::Bom(encoding_rs::UTF_16LE)));
        let (text, detected) = decoded("\u{feff}a,b\n".as_bytes(), None);
        assert_eq!(
            (text.as_str(), detected),
            ("\u{feff}a,b\n", Some(Detected::Utf8))
        );
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("nome;cidade\nJoão;São Paulo\n");
        let (text, detected) = decoded(&bytes, None);
        assert_eq!(text, "nome;cidade\nJoão;São Paulo\n");
        assert!(matches!(detected, Some(Detected::Guess(e, _)) if e == encoding_rs::WINDOWS_1252));
    }

    #[test]
    fn utf8_with_a_stray_byte_is_utf8_and_other_encodings_are_not() {
        let mut mixed = "Café,crème brûlée,张伟\n".repeat(20).into_bytes();
        mixed.extend_from_slice(b"Jos\xe9,x\n");
        assert_eq!(detect(&mixed, true), Detected::Utf8);
        let (chinese, western) = (
            "张伟,李娜,王芳\n".repeat(20),
            "Café,crème brûlée\n".repeat(20),
        );
        let (gbk, _, _) = encoding_rs::GBK.encode(&chinese);
        assert!(matches!(detect(&gbk, true), Detected::Guess(e, _) if e == encoding_rs::GBK));
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(&western);
        assert!(matches!(detect(&latin, true), Detected::Guess(_, _)));
    }

    #[test]
    fn a_byte_not_of_the_encoding_refuses_the_file_on_its_line() {
        let (mut reader, _) =
            Decoded::open(&b"a\nb\n\x81\xFF\n"[..], Some(encoding_rs::SHIFT_JIS), true).unwrap();
        let e = reader.read_to_end(&mut Vec::new()).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("line 3: bytes that are not Shift_JIS"),
            "{e}"
        );
    }

    #[test]
    fn the_delimiter_is_the_commonest_of_the_header_line() {
        assert_eq!(delimiter(b"a,b,c\n"), b',');
        assert_eq!(delimiter(b"a;b;\"c,d,e\"\n1,2,3,4,5,6"), b';');
        assert_eq!(delimiter(b"a\tb, c\tc\n"), b'\t');
        assert_eq!(delimiter(b"a|b\n"), b'|');
        assert_eq!(delimiter(b"name\n"), b',');
        assert_eq!(parse_delimiter("tab"), Ok(b'\t'));
        assert!(parse_encoding("sjis").is_ok() && parse_encoding("klingon").is_err());
    }
}
