//! Tests of `text.rs`.

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
