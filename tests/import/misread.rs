//! Files read as what they are not (issue 27's attack, items 5, 7, 8): an `--encoding` told
//! that reads bytes of another (GBK told UTF-8, Shift_JIS told Windows-1252) refuses the file
//! before anything is sent, naming the line and what the file looks like; a workbook named
//! `.csv` is named for what it is; UTF-16 without a byte order mark is read as UTF-16. And
//! (issue 27b, item 2) an `--encoding` that reads another's bytes without a byte it lacks is
//! refused when the detector is sure of the other, or when it reads a private-use character.

use crate::common::{all_customers, assert_exit, Sandbox, TempDir};
use crate::roundtrip::import;
use crate::workbooks::names_and_emails;
use rust_xlsxwriter::Workbook;

const CHINESE: &str = "full_name,email\r\n王小明,a@example.com\r\n李静怡,b@example.com\r\n张伟强,c@example.com\r\n刘德华,d@example.com\r\n陈美玲,e@example.com\r\n杨国庆,f@example.com\r\n";

/// Names with a long vowel mark (ー, 0x81 0x5B in Shift_JIS: 0x81 is a control character in
/// Windows-1252).
const JAPANESE: &str = "full_name,email\r\n山田太郎,a@example.com\r\nスーパー花子,b@example.com\r\n佐藤ローラ,c@example.com\r\n鈴木一郎,d@example.com\r\n高橋みなみ,e@example.com\r\n";

fn encoded(text: &str, encoding: &'static encoding_rs::Encoding) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn an_encoding_told_that_reads_another_refuses_the_file_before_sending() {
    let dir = TempDir::new();
    let sb = Sandbox::start(&["--customers", "0"]);
    let gbk = dir.join("gbk.csv");
    std::fs::write(&gbk, encoded(CHINESE, encoding_rs::GBK)).unwrap();
    let out = import(&sb, &gbk, &["--encoding", "utf-8"]);
    let stderr = assert_exit(&out, 2);
    // Refused before a byte is read as UTF-8: the detector is sure of GBK (issue 27b, item 2).
    assert!(
        stderr.contains(
            "--encoding UTF-8: the file is not UTF-8; it looks like GBK: give --encoding GBK"
        ),
        "{stderr}"
    );
    assert!(
        !stderr.contains("rejected"),
        "the file refused, not its rows: {stderr}"
    );
    let sjis = dir.join("sjis.csv");
    std::fs::write(&sjis, encoded(JAPANESE, encoding_rs::SHIFT_JIS)).unwrap();
    let out = import(&sb, &sjis, &["--encoding", "windows-1252"]);
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains(
            "--encoding windows-1252: the file is not windows-1252; it looks like Shift_JIS"
        ),
        "{stderr}"
    );
    assert!(all_customers(&sb).is_empty(), "nothing sent");
    // The encoding it is, told, is read.
    let out = import(&sb, &sjis, &["--encoding", "shift_jis"]);
    assert_exit(&out, 0);
    assert_eq!(all_customers(&sb).len(), 5);
}

#[test]
fn a_workbook_named_csv_is_named_for_what_it_is() {
    let dir = TempDir::new();
    let mut book = Workbook::new();
    names_and_emails(book.add_worksheet(), &[("Ana", "ana@example.com")]);
    let file = dir.join("export.csv");
    book.save(&file).unwrap();
    let sb = Sandbox::start(&["--customers", "0"]);
    let out = import(&sb, &file, &[]);
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains("the input is not CSV text: it is an Excel workbook (.xlsx, a zip); import it with --format xlsx"),
        "{stderr}"
    );
    let out = import(&sb, &file, &["--format", "xlsx"]);
    assert_exit(&out, 0);
    assert_eq!(all_customers(&sb)[0]["full_name"], "Ana");
    // An .xls's OLE file too.
    let ole = dir.join("old.csv");
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(512, 0);
    std::fs::write(&ole, bytes).unwrap();
    let out = import(&sb, &ole, &["--dry-run"]);
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains("it is an OLE file, as an .xls workbook is"),
        "{stderr}"
    );
}

#[test]
fn utf16_without_a_byte_order_mark_is_read_as_utf16() {
    let text = "full_name\temail\r\n山田太郎\ta@example.com\r\nJoão\tb@example.com\r\n";
    for little in [true, false] {
        let dir = TempDir::new();
        let file = dir.join("unicode.txt");
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|u| match little {
                true => u.to_le_bytes(),
                false => u.to_be_bytes(),
            })
            .collect();
        std::fs::write(&file, bytes).unwrap();
        let sb = Sandbox::start(&["--customers", "0"]);
        let out = import(&sb, &file, &["--format", "csv"]);
        let stderr = assert_exit(&out, 0);
        let name = if little { "UTF-16LE" } else { "UTF-16BE" };
        assert!(
            stderr.contains(&format!(
                "no byte order mark, but a NUL byte beside each ASCII character, as {name} has"
            )),
            "{stderr}"
        );
        let mut names: Vec<String> = all_customers(&sb)
            .iter()
            .map(|c| c["full_name"].as_str().unwrap().to_string())
            .collect();
        names.sort();
        assert_eq!(names, ["João", "山田太郎"]);
    }
}

/// Text in one encoding that decodes in another without a NUL, a C1 control or U+FFFD.
#[test]
fn an_encoding_told_against_a_sure_guess_is_refused_naming_both() {
    let dir = TempDir::new();
    let sb = Sandbox::start(&["--customers", "0"]);
    let hiragana = "full_name,email,remark\r\nさとうはなこ,a@example.com,こんにちはよろしくおねがいします\r\nすずきたろう,b@example.com,ありがとうございます\r\n";
    let traditional = "full_name,email,remark\r\n陳美玲,a@example.com,台北市信義區客戶\r\n林志明,b@example.com,高雄市前鎮區\r\n";
    let cases = [
        (
            hiragana,
            encoding_rs::SHIFT_JIS,
            "windows-1252",
            "Shift_JIS",
        ),
        (traditional, encoding_rs::BIG5, "gbk", "Big5"),
        (CHINESE, encoding_rs::GBK, "big5", "GBK"),
        (JAPANESE, encoding_rs::SHIFT_JIS, "gbk", "Shift_JIS"),
    ];
    for (i, (text, encoding, told, looks)) in cases.into_iter().enumerate() {
        let file = dir.join(format!("{i}.csv"));
        std::fs::write(&file, encoded(text, encoding)).unwrap();
        let out = import(&sb, &file, &["--encoding", told]);
        let stderr = assert_exit(&out, 2);
        assert!(
            stderr.contains(&format!(
                "the file is not {}; it looks like {looks}: give --encoding {looks}",
                encoding_rs::Encoding::for_label(told.as_bytes())
                    .unwrap()
                    .name()
            )),
            "{told}: {stderr}"
        );
        // The encoding the detector is sure of, told, agrees; so does GB18030 for GBK.
        let right = match looks {
            "GBK" => "gb18030",
            other => other,
        };
        let out = import(&sb, &file, &["--encoding", right, "--dry-run"]);
        assert_exit(&out, 0);
    }
    // Too little text for a sure guess (Big5 told GBK): a private-use character read refuses.
    let few = "full_name,email\r\n李娜,a@example.com\r\n劉洋,b@example.com\r\n";
    let file = dir.join("few.csv");
    std::fs::write(&file, encoded(few, encoding_rs::BIG5)).unwrap();
    let out = import(&sb, &file, &["--encoding", "gbk"]);
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains("line 2: --encoding GBK reads '\\u{"),
        "{stderr}"
    );
    // An ASCII file told any encoding is read.
    let file = dir.join("ascii.csv");
    std::fs::write(&file, "full_name,email\r\nAna,ana@example.com\r\n").unwrap();
    let out = import(&sb, &file, &["--encoding", "shift_jis"]);
    assert_exit(&out, 0);
    assert_eq!(all_customers(&sb).len(), 1, "only the ASCII file sent");
}
