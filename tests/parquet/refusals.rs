//! What `-o parquet` cannot do is refused before anything is sent (exit 2): flags that mean
//! nothing for it, a terminal, a file appended to, a watch, the field list.

use crate::common::{assert_exit, nxcdp_offline, on_terminal, Sandbox, TempDir};

#[test]
fn options_that_mean_nothing_for_parquet_exit_2_before_sending() {
    let dir = TempDir::new();
    let file = dir.join("c.parquet");
    let file = file.to_str().unwrap();
    let export = ["customers", "export", "--file", file];
    let query = ["customers", "query", "-o", "parquet"];
    let cases: [(Vec<&str>, &str); 7] = [
        (
            [&export[..], &["--csv-safe"]].concat(),
            "--csv-safe works with CSV output",
        ),
        (
            [&export[..], &["--bom"]].concat(),
            "--bom works with CSV output",
        ),
        (
            [&export[..], &["--ids-as-strings"]].concat(),
            "--ids-as-strings works with -o json or -o jsonl",
        ),
        (
            [&query[..], &["--csv-safe"]].concat(),
            "this output is parquet",
        ),
        (
            [&query[..], &["--jq", ".id"]].concat(),
            "--jq works with -o json",
        ),
        (
            vec!["customers", "fields", "-o", "parquet"],
            "-o parquet writes customers",
        ),
        (
            vec!["customers", "watch", "-o", "parquet"],
            "a watch has no last row",
        ),
    ];
    for (args, says) in cases {
        let out = nxcdp_offline().args(&args).output().unwrap();
        let stderr = assert_exit(&out, 2);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
    }
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

#[test]
fn a_terminal_or_a_file_appended_to_never_gets_the_bytes() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let shown = on_terminal(&sb, 100, true, "customers query -o parquet; echo exit=$?");
    assert!(
        shown.contains("-o parquet writes a binary Parquet file, which is not for a terminal"),
        "{shown}"
    );
    assert!(shown.contains("exit=2"), "{shown}");
    assert!(!shown.contains("PAR1"), "{shown}");
    let dir = TempDir::new();
    let path = dir.join("held.parquet");
    std::fs::write(&path, "x").unwrap();
    let held = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    let mut cmd = sb.command();
    cmd.args(["customers", "query", "-o", "parquet"])
        .stdout(held);
    let out = cmd.output().unwrap();
    let stderr = assert_exit(&out, 2);
    assert!(
        stderr.contains("cannot be appended to a file that holds bytes"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), b"x");
}

/// Issue 28, item 2: the custom columns are typed and named by the field list; a file without
/// them would break the promised schema silently.
#[test]
fn a_field_list_that_cannot_be_fetched_writes_nothing() {
    let dir = TempDir::new();
    let file = dir.join("c.parquet");
    for status in ["500", "503"] {
        // The first request, the field list, fails.
        let sb = Sandbox::start(&[
            "--customers",
            "60",
            "--fail-first",
            "1",
            "--fail-status",
            status,
        ]);
        let out = crate::common::export(&sb, &file, &["--retries", "0"]);
        let stderr = crate::common::stderr_of(&out);
        assert_ne!(out.status.code(), Some(0), "{stderr}");
        assert_ne!(out.status.code(), Some(2), "the failure's kind: {stderr}");
        assert!(
            stderr.contains("cannot fetch the field list")
                && stderr.contains("nothing is written")
                && stderr.contains("--raw-custom-fields")
                && !stderr.contains("headed by their keys"),
            "{stderr}"
        );
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert!(left.is_empty(), "nothing left behind: {left:?}");
        let sb = sb.restart(&[
            "--customers",
            "60",
            "--fail-first",
            "1",
            "--fail-status",
            status,
        ]);
        let out = sb
            .nxcdp()
            .args([
                "customers",
                "query",
                "--all",
                "-o",
                "parquet",
                "--retries",
                "0",
            ])
            .output()
            .unwrap();
        assert_ne!(out.status.code(), Some(0));
        assert!(out.stdout.is_empty(), "no bytes of a file");
    }
    // Without the list, customize_field is its JSON text.
    let sb = Sandbox::start(&["--customers", "60"]);
    let out = crate::common::export(&sb, &file, &["--raw-custom-fields"]);
    assert!(out.status.success(), "{}", crate::common::stderr_of(&out));
}
