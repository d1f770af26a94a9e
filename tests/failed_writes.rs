//! An export whose writes fail (a full disk, a file size limit, something in the way of its
//! state) stops saying what its state really holds, names the file it could not write, and
//! leaves no temporary file of its own behind.
#![cfg(unix)]

mod common;

use common::{saved_count, signal, stderr_of, suffixed, wait_until, Sandbox, TempDir};

#[test]
fn a_checkpoint_that_fails_says_what_is_saved_and_names_the_file() {
    let sb = Sandbox::start(&["--customers", "400", "--seed", "6", "--latency-ms", "50"]);
    let dir = TempDir::new();
    let path = dir.join("x.jsonl");
    let export = common::spawn_export(&sb, &path, &["-o", "jsonl"]);
    wait_until("a page saved", || saved_count(&path).is_some_and(|n| n > 0));
    // Held, the server answers nothing: the export is still walking when the next save fails.
    signal(sb.pid(), "STOP");
    let tmp = suffixed(&path, ".partial.state.tmp");
    // A directory where the state's temporary file goes (the export may be writing it now).
    wait_until("the temporary file's place", || {
        std::fs::create_dir(&tmp).is_ok()
    });
    signal(sb.pid(), "CONT");
    let out = export.wait();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("cannot write {}", tmp.display())),
        "{stderr}"
    );
    let saved = saved_count(&path).unwrap();
    assert!(
        stderr.contains(&format!("{saved} customers are in")),
        "the message counts what the state holds ({saved}): {stderr}"
    );
}

#[test]
fn a_data_file_that_cannot_grow_is_named() {
    let sb = Sandbox::start(&["--customers", "300", "--seed", "6"]);
    let dir = TempDir::new();
    let path = dir.join("x.jsonl");
    // No file may grow past 4 KiB (8 KiB where sh counts in KiB): the state fits, the data does
    // not. SIGXFSZ is ignored, so a write past the limit fails with EFBIG instead of killing.
    let mut cmd = common::scrubbed("sh");
    cmd.envs(&sb.env)
        .args(["-c", "trap '' XFSZ; ulimit -f 8; exec \"$0\" \"$@\""])
        .arg(common::nxcdp_bin())
        .args([
            "customers",
            "export",
            "-o",
            "jsonl",
            "--page-size",
            "2",
            "--file",
        ])
        .arg(&path);
    let out = cmd.output().unwrap();
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let partial = suffixed(&path, ".partial");
    assert!(
        stderr.contains(&format!("error: cannot write {}: ", partial.display())),
        "{stderr}"
    );
    let saved = saved_count(&path).unwrap();
    assert!(saved > 0, "{stderr}");
    assert!(
        stderr.contains(&format!("{saved} customers are in")),
        "{stderr}"
    );
    assert!(!suffixed(&path, ".partial.state.tmp").exists());
}
