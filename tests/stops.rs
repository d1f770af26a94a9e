//! Every stop signal: SIGINT, SIGTERM and SIGHUP stop an export as Ctrl-C does, saving what it
//! holds for `--resume`; a stop before the first page leaves nothing in the way of a new run.
#![cfg(unix)]

mod common;

use common::{lock_holder, saved_count, signal, stderr_of, suffixed, wait_until, Sandbox, TempDir};

#[test]
fn sigint_sigterm_and_sighup_save_the_export_and_it_resumes_to_an_exact_file() {
    let data = ["--customers", "400", "--seed", "6"];
    let fast = Sandbox::start(&data);
    let dir = TempDir::new();
    for (sig, format) in [("INT", "jsonl"), ("TERM", "csv"), ("HUP", "jsonl")] {
        // 20 pages of 20, each 100 ms: the export still walks when its first page is saved.
        let slow = Sandbox::start(&[&data[..], &["--latency-ms", "100"]].concat());
        let path = dir.join(format!("{sig}.{format}"));
        let export = common::spawn_export(&slow, &path, &["-o", format]);
        wait_until("a page saved", || saved_count(&path).is_some_and(|n| n > 0));
        signal(export.id(), sig);
        let out = export.wait();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(1), "{sig}: {stderr}");
        assert!(
            stderr.contains(&format!("export stopped by SIG{sig}: "))
                && stderr.contains("run the same command with --resume"),
            "{sig}: {stderr}"
        );
        assert!(!path.exists() && suffixed(&path, ".partial").exists());
        assert!(!suffixed(&path, ".lock").exists(), "the lock is released");

        // From the same server, without the wait now.
        let out = common::export(&slow.restart(&data), &path, &["-o", format, "--resume"]);
        assert!(out.status.success(), "{sig}: {}", stderr_of(&out));
        let clean = dir.join(format!("clean-{sig}.{format}"));
        let out = common::export(&fast, &clean, &["-o", format]);
        assert!(out.status.success(), "{}", stderr_of(&out));
        assert_eq!(
            std::fs::read(&path).unwrap(),
            std::fs::read(&clean).unwrap(),
            "{sig}: the bytes of a clean export"
        );
    }
}

#[test]
fn a_stop_before_the_first_page_leaves_nothing_in_the_way() {
    let sb = Sandbox::start(&common::FAILING_DATA);
    let dir = TempDir::new();
    let path = dir.join("customers.jsonl");
    // The server answers nothing: the export waits on its planning probes (--parallel), on the
    // field list (csv) or on its first page.
    signal(sb.pid(), "STOP");
    for (sig, extra) in [
        ("INT", &["-o", "jsonl", "--parallel", "4"][..]),
        ("TERM", &["-o", "csv"][..]),
        ("HUP", &["-o", "jsonl"][..]),
    ] {
        let export = common::spawn_export(&sb, &path, extra);
        wait_until("the export's lock", || {
            lock_holder(&path) == Some(export.id())
        });
        signal(export.id(), sig);
        let out = export.wait();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(1), "{sig}: {stderr}");
        assert!(
            stderr.contains(&format!(
                "export stopped by SIG{sig} before any customer was written; nothing is kept"
            )),
            "{sig}: {stderr}"
        );
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert!(left.is_empty(), "{sig}: nothing left behind: {left:?}");
    }
    signal(sb.pid(), "CONT");
    let out = common::export(&sb, &path, &["-o", "jsonl", "--resume"]);
    assert_eq!(out.status.code(), Some(2), "nothing to resume");
    common::assert_stderr_has(&out, "there is no unfinished export");
    let out = common::export(&sb, &path, &["-o", "jsonl"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let got = common::ids_of_jsonl(&std::fs::read_to_string(&path).unwrap());
    assert_eq!(got, common::sandbox_ids(300, 6));
}
