//! CSV as spreadsheets save it in other locales (issue 27, item 3): GBK, Big5, Shift_JIS,
//! EUC-KR, Windows-1252 with `;`, Excel's "Unicode text" (UTF-16 with tabs), each detected,
//! decoded and imported with its text whole; a guess too weak to trust asks for `--encoding`.

use crate::common::{all_customers, assert_exit, Sandbox, TempDir};
use crate::roundtrip::import;
use encoding_rs::Encoding;

/// `text` in `encoding`, exactly (no character it cannot write).
fn encoded(text: &str, encoding: &'static Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable, "{} writes all of {text:?}", encoding.name());
    bytes.into_owned()
}

/// `text` as UTF-16 with its byte order mark, little or big endian.
fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut bytes = match little {
        true => vec![0xFF, 0xFE],
        false => vec![0xFE, 0xFF],
    };
    for unit in text.encode_utf16() {
        bytes.extend(match little {
            true => unit.to_le_bytes(),
            false => unit.to_be_bytes(),
        });
    }
    bytes
}

/// An import of `file` that succeeds.
fn imported(sb: &Sandbox, file: &std::path::Path, args: &[&str]) {
    let out = import(sb, file, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {stderr}");
}

/// The tenant's (full_name, email) pairs, sorted.
fn names(sb: &Sandbox) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = all_customers(sb)
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap_or_default().to_string();
            (s("full_name"), s("email"))
        })
        .collect();
    all.sort();
    all
}

/// Rows of people named in one script, `d` between fields, CRLF as Excel ends lines.
fn rows(people: &[&str], d: &str) -> (String, Vec<(String, String)>) {
    let mut text = format!("full_name{d}email{d}remark\r\n");
    let mut want = Vec::new();
    for (i, name) in people.iter().enumerate() {
        let email = format!("p{i}@example.com");
        text.push_str(&format!("{name}{d}{email}{d}{name}{name}\r\n"));
        want.push((name.to_string(), email));
    }
    want.sort();
    (text, want)
}

const CHINESE: &[&str] = &[
    "王小明",
    "李静怡",
    "张伟强",
    "刘德华",
    "陈美玲",
    "杨国庆",
    "赵丽颖",
    "黄晓明",
];
const TAIWAN: &[&str] = &[
    "陳美玲",
    "林志傑",
    "黃國華",
    "張惠妹",
    "吳宗憲",
    "劉德華",
    "蔡依林",
    "周杰倫",
];
const JAPANESE: &[&str] = &[
    "山田太郎",
    "佐藤花子",
    "鈴木一郎",
    "高橋みなみ",
    "田中さくら",
    "渡辺ゆうこ",
    "伊藤ひろし",
    "中村あきら",
];
const KOREAN: &[&str] = &[
    "김민준",
    "이서연",
    "박지훈",
    "최수아",
    "정우진",
    "강하은",
    "조민서",
    "윤도현",
];
const BRAZIL: &[&str] = &[
    "João Conceição",
    "Maria Antônia",
    "José Araújo",
    "Ana Lúcia",
    "Luís Gonçalves",
    "Inês Simões",
];

#[test]
fn each_encoding_excel_saves_csv_in_is_detected_and_imported_whole() {
    let cases: [(&str, &[&str], &str, &'static Encoding); 5] = [
        ("gbk.csv", CHINESE, ",", encoding_rs::GBK),
        ("big5.csv", TAIWAN, ",", encoding_rs::BIG5),
        ("sjis.csv", JAPANESE, ",", encoding_rs::SHIFT_JIS),
        ("euckr.csv", KOREAN, ",", encoding_rs::EUC_KR),
        ("brazil.csv", BRAZIL, ";", encoding_rs::WINDOWS_1252),
    ];
    for (name, people, d, encoding) in cases {
        let sb = Sandbox::start(&["--customers", "0"]);
        let dir = TempDir::new();
        let file = dir.join(name);
        let (text, want) = rows(people, d);
        std::fs::write(&file, encoded(&text, encoding)).unwrap();
        let out = import(&sb, &file, &[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{name}: {stderr}");
        assert!(
            stderr.contains(&format!("looks like {}", encoding.name())),
            "{name}: the guess on stderr: {stderr}"
        );
        assert_eq!(names(&sb), want, "{name}");
        let remark = all_customers(&sb)[0]["remark"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            people.iter().any(|p| remark == format!("{p}{p}")),
            "{remark}"
        );
    }
}

#[test]
fn unicode_text_is_utf16_with_tabs_either_way_round() {
    for little in [true, false] {
        let sb = Sandbox::start(&["--customers", "0"]);
        let dir = TempDir::new();
        let file = dir.join("unicode.txt");
        let (text, want) = rows(JAPANESE, "\t");
        std::fs::write(&file, utf16(&text, little)).unwrap();
        let out = import(&sb, &file, &["--format", "csv"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(stderr.contains("byte order mark says UTF-16"), "{stderr}");
        assert_eq!(names(&sb), want);
    }
}

#[test]
fn utf8_with_or_without_bom_and_each_delimiter_read_quietly() {
    for (bom, d) in [("\u{feff}", ","), ("", ";"), ("\u{feff}", "\t"), ("", "|")] {
        let sb = Sandbox::start(&["--customers", "0"]);
        let dir = TempDir::new();
        let file = dir.join("u.csv");
        let (text, want) = rows(CHINESE, d);
        std::fs::write(&file, format!("{bom}{text}")).unwrap();
        let out = import(&sb, &file, &[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{d:?}: {stderr}");
        assert!(!stderr.contains("not UTF-8"), "{stderr}");
        assert_eq!(names(&sb), want, "{d:?}");
    }
}

#[test]
fn a_weak_guess_asks_for_the_encoding_and_the_flag_settles_it() {
    let sb = Sandbox::start(&["--customers", "0"]);
    let dir = TempDir::new();
    let file = dir.join("short.csv");
    // Two bytes of Shift_JIS: too little text for any guess to be sure.
    let mut bytes = b"full_name,email\r\n".to_vec();
    bytes.extend(encoded("ア", encoding_rs::SHIFT_JIS));
    bytes.extend(b",a@example.com\r\n");
    std::fs::write(&file, &bytes).unwrap();
    let out = import(&sb, &file, &[]);
    let stderr = assert_exit(&out, 2);
    assert!(stderr.contains("--encoding NAME"), "{stderr}");
    assert!(names(&sb).is_empty());
    imported(&sb, &file, &["--encoding", "shift_jis"]);
    assert_eq!(
        names(&sb),
        [("ア".to_string(), "a@example.com".to_string())]
    );
}

#[test]
fn a_byte_the_encoding_told_has_not_is_refused_with_its_line() {
    let sb = Sandbox::start(&["--customers", "0"]);
    let dir = TempDir::new();
    let file = dir.join("bad.csv");
    let mut bytes = b"full_name,email\r\nAna,a@example.com\r\n".to_vec();
    bytes.extend(b"\x81\xFF,b@example.com\r\n");
    std::fs::write(&file, &bytes).unwrap();
    let out = import(&sb, &file, &["--encoding", "shift_jis"]);
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains("line 3: bytes that are not Shift_JIS"),
        "{stderr}"
    );
    assert!(
        names(&sb).is_empty(),
        "nothing sent before the whole file is checked"
    );
}

#[test]
fn a_delimiter_told_is_used_and_a_wrong_one_is_named() {
    let dir = TempDir::new();
    let file = dir.join("pipe.csv");
    // The header line has more commas than pipes, inside a name: told, the pipe wins.
    let header = "Name, given, family|email";
    std::fs::write(&file, format!("{header}\r\nAna, Jr.|a@example.com\r\n")).unwrap();
    let sb = Sandbox::start(&["--customers", "0"]);
    let map = "\"Name, given, family=full_name\"";
    imported(&sb, &file, &["--delimiter", "|", "--map", map]);
    assert_eq!(
        names(&sb),
        [("Ana, Jr.".to_string(), "a@example.com".to_string())]
    );
    let file = dir.join("semi.csv");
    std::fs::write(&file, "full_name;email\nAna;a@x.com\n").unwrap();
    let out = import(&sb, &file, &["--delimiter", ",", "--dry-run"]);
    let stderr = assert_exit(&out, 2);
    assert!(stderr.contains("separated by ';'"), "{stderr}");
}
