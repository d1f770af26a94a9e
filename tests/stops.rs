//! Every stop signal: SIGINT, SIGTERM and SIGHUP stop an export as Ctrl-C does, saving what it
//! holds for `--resume`; a stop before the first page leaves nothing in the way of a new run.
#![cfg(unix)]

mod common;

use common::{lock_holder, saved_count, signal, stderr_of, suffixed, wait_until, Sandbox, TempDir};
use std::path::Path;

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

/// The partial file of an export stopped after 40 customers, made long (the same customers
/// again and again, the state told so): converting it takes a while.
fn long_partial(sb: &Sandbox, path: &std::path::Path, format: &str, copies: usize) {
    let out = common::export(sb, path, &["-o", format]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    let partial = suffixed(path, ".partial");
    let state_path = suffixed(path, ".partial.state");
    let mut state: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&state_path).unwrap()).unwrap();
    let mut bytes = std::fs::read(&partial).unwrap();
    // A CSV's header once, its rows again and again.
    let header = state["header"]["bytes"].as_u64().unwrap_or(0) as usize;
    let body = bytes[header..].to_vec();
    let count = state["count"].as_u64().unwrap();
    for _ in 0..copies {
        bytes.extend_from_slice(&body);
    }
    std::fs::write(&partial, &bytes).unwrap();
    state["bytes"] = bytes.len().into();
    state["count"] = (count * (copies as u64 + 1)).into();
    std::fs::write(&state_path, state.to_string()).unwrap();
}

#[test]
fn a_stop_while_the_file_is_converted_keeps_every_customer_for_a_resume() {
    let data = ["--customers", "400", "--seed", "6"];
    let dir = TempDir::new();
    for (sig, format) in [("TERM", "parquet"), ("INT", "xlsx"), ("HUP", "parquet")] {
        // The field list, then 2 pages of 20; the 4th request answers garbage.
        let failing = [&data[..], &["--garbage", "text", "--garbage-after", "3"]].concat();
        let sb = Sandbox::start(&failing);
        let path = dir.join(format!("{sig}.{format}"));
        long_partial(&sb, &path, format, 4000);
        let padded = saved_count(&path).unwrap();
        let sb = sb.restart(&data);
        let export = common::spawn_export(&sb, &path, &["-o", format, "--resume"]);
        // The walk is over (the state has the 360 others; it is saved no more) and the file is
        // being made, under the name the state's own saves use while the walk runs.
        let tmp = suffixed(&path, ".partial.state.tmp");
        wait_until("the conversion", || {
            saved_count(&path) == Some(padded + 360) && tmp.exists()
        });
        signal(export.id(), sig);
        let out = export.wait();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(1), "{sig} {format}: {stderr}");
        assert!(
            stderr.contains(&format!("export stopped by SIG{sig} while "))
                && stderr.contains("customers are in ")
                && stderr.contains("run the same command with --resume"),
            "{sig} {format}: {stderr}"
        );
        assert!(!path.exists() && !tmp.exists(), "{sig} {format}");
        assert!(suffixed(&path, ".partial").exists());
        assert_eq!(saved_count(&path), Some(padded + 360), "{sig} {format}");
        assert!(!suffixed(&path, ".lock").exists(), "the lock is released");
        if format == "parquet" {
            a_full_disk_names_the_file_and_keeps_the_customers(&sb, &path, padded + 360);
        }
    }
}

/// A resume with nothing left to fetch, whose file cannot grow past 4 KiB (issue 28, item 3).
fn a_full_disk_names_the_file_and_keeps_the_customers(sb: &Sandbox, path: &Path, count: u64) {
    let out = common::scrubbed("sh")
        .envs(&sb.env)
        .args(["-c", "trap '' XFSZ; ulimit -f 8; exec \"$0\" \"$@\""])
        .arg(common::nxcdp_bin())
        .args(["customers", "export", "--resume", "--file"])
        .arg(path)
        .output()
        .unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let tmp = suffixed(path, ".partial.state.tmp");
    assert!(
        stderr.contains(&format!("cannot write {}: ", tmp.display()))
            && stderr.contains(&format!("all {count} customers are in "))
            && stderr.contains("free space")
            && stderr.contains("run the same command with --resume"),
        "{stderr}"
    );
    assert!(!path.exists() && !tmp.exists() && suffixed(path, ".partial").exists());
}
