//! Files written whole and renamed into place (an export's `--file`, a watch's `--bookmark`)
//! never replace a link: they are written beside the file the link names and renamed over that.
//! A path that is, or leads to, a device, a pipe or a descriptor is refused with exit 2 before
//! anything is sent, and the message is about the path.

#![cfg(unix)]

mod common;

use common::{assert_exit, Sandbox, TempDir};

#[test]
fn an_export_through_a_link_writes_the_file_it_names_and_the_link_stays() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let dir = TempDir::new();
    let link = dir.join("customers.jsonl");
    std::os::unix::fs::symlink("data/real.jsonl", &link).unwrap();
    std::fs::create_dir(dir.join("data")).unwrap();
    let out = common::export(&sb, &link, &[]);
    assert_exit(&out, 0);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let text = std::fs::read_to_string(dir.join("data/real.jsonl")).unwrap();
    assert_eq!(text.lines().count(), 30);
    assert!(!dir.join("customers.jsonl.partial").exists());
}

#[test]
fn an_export_to_a_descriptor_is_refused_and_nothing_is_replaced() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let dir = TempDir::new();
    // Links of the user's to descriptors. Not /dev/stdout itself: were this broken, a test run
    // as root would replace it (the unit tests of `place` know the names).
    let links = [("out.csv", "/proc/self/fd/1"), ("out2.csv", "/dev/fd/1")].map(|(name, to)| {
        let link = dir.join(name);
        std::os::unix::fs::symlink(to, &link).unwrap();
        link
    });
    for link in &links {
        let path = link.to_str().unwrap();
        // stdout a regular file, as `> file` makes it: the link then leads to a file.
        let stdout = dir.join("stdout.txt");
        let mut cmd = sb.command();
        cmd.args(["customers", "export", "--file", path])
            .stdout(std::fs::File::create(&stdout).unwrap());
        let out = cmd.output().unwrap();
        let stderr = assert_exit(&out, 2);
        assert!(
            stderr.contains("a descriptor (such as /dev/stdout)"),
            "{path}: {stderr}"
        );
        assert!(stderr.contains("--file -"), "{stderr}");
        assert!(
            !stderr.contains(".lock"),
            "about the path, not a lock: {stderr}"
        );
        assert_eq!(std::fs::read_to_string(&stdout).unwrap(), "");
    }
    for link in &links {
        assert!(std::fs::symlink_metadata(link)
            .unwrap()
            .file_type()
            .is_symlink());
    }
}

#[test]
fn a_bookmark_through_a_link_is_saved_in_the_file_it_names() {
    let sb = Sandbox::start(&["--customers", "30"]);
    let dir = TempDir::new();
    let link = dir.join("b.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    for _ in 0..2 {
        let out = sb
            .nxcdp()
            .args(["customers", "watch", "--once", "-o", "jsonl", "--bookmark"])
            .arg(&link)
            .output()
            .unwrap();
        assert_exit(&out, 0);
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(std::fs::read_to_string(dir.join("real.json"))
            .unwrap()
            .contains("nxcdp_watch_bookmark"));
    }
    let stream = dir.join("s.json");
    std::os::unix::fs::symlink("/proc/self/fd/2", &stream).unwrap();
    let out = sb
        .nxcdp()
        .args(["customers", "watch", "--once", "--bookmark"])
        .arg(&stream)
        .output()
        .unwrap();
    assert!(assert_exit(&out, 2).contains("is not a regular file"));
}
