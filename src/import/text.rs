//! The input's text as the rows are read from it: its encoding (a byte order mark, UTF-8, or a
//! guess from its first [`HEAD`] bytes, as spreadsheets save CSV in the encoding of their
//! locale: GBK, Shift_JIS, Big5, EUC-KR, Windows-1252, UTF-16 for "Unicode text"), decoded into
//! UTF-8 as it is read, and a CSV's delimiter, told by its header line. The check pass settles
//! both; the send pass is given them, so the same bytes are read the same way twice.

use crate::error::Error;
use encoding_rs::{DecoderResult, Encoding, UTF_8};
use std::io::{self, Read};

pub use super::sniff::{binary, binary_kind, detect, ods, Detected};

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
#[path = "text_tests.rs"]
mod tests;
