//! Where the rejects go: through a link to the file it names, straight into a stream
//! (`/dev/stderr`, a descriptor's name), never renamed over a link; and the same file on
//! `--resume` as in the first run, so that nothing the first run left is forgotten.

use crate::common::{assert_exit, Sandbox, TempDir};
use crate::journal::{journal_of, started};
use crate::rejects::empty_tenant;
use crate::roundtrip::import;
use std::path::Path;

const CSV: &str =
    "full_name,email,birthday\nAna,ana@example.com,1990-12-01\nBo,bo@example.com,1990-13-01\n";

#[cfg(unix)]
#[test]
fn rejects_through_a_link_go_to_the_file_it_names_and_the_link_stays() {
    let b = Sandbox::start(&["--customers", "0"]);
    let dir = TempDir::new();
    let input = dir.join("in.csv");
    std::fs::write(&input, CSV).unwrap();
    let real = dir.join("real.csv");
    let link = dir.join("rejects.csv");
    std::os::unix::fs::symlink("real.csv", &link).unwrap();
    let out = import(&b, &input, &["--rejects", link.to_str().unwrap()]);
    assert_exit(&out, 4);
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(text.contains("Bo,bo@example.com,1990-13-01,3,"), "{text}");
}

#[cfg(unix)]
#[test]
fn rejects_to_a_descriptor_are_written_straight_into_it() {
    let b = Sandbox::start(&["--customers", "0"]);
    let dir = TempDir::new();
    let input = dir.join("in.csv");
    std::fs::write(&input, CSV).unwrap();
    // A link of the user's to this process's stdout, which the shell made a regular file: as
    // root, renamed over, it would have been replaced (as /dev/stdout was).
    let link = dir.join("out");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    let stdout = dir.join("stdout.txt");
    let mut cmd = b.command();
    cmd.args(["customers", "import"])
        .arg(&input)
        .args(["--rejects", link.to_str().unwrap()])
        .stdout(std::fs::File::create(&stdout).unwrap());
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let text = std::fs::read_to_string(&stdout).unwrap();
    assert!(text.contains("Bo,bo@example.com,1990-13-01,3,"), "{text}");
    assert!(!Path::new(&format!("{}.partial", link.display())).exists());
    // /dev/stderr, as people write it.
    let out = import(&b, &input, &["--rejects", "/dev/stderr", "--dry-run"]);
    let stderr = assert_exit(&out, 4);
    assert!(
        stderr.contains("Bo,bo@example.com,1990-13-01,3,"),
        "{stderr}"
    );
}

#[test]
fn a_resume_writes_the_rejects_file_of_the_first_run() {
    let (b, dir, file) = empty_tenant(&["--latency-ms", "40"], 2000);
    let first = dir.join("first.csv");
    let args = ["--parallel", "1", "--rejects", first.to_str().unwrap()];
    let mut child = started(&b, &file, &args, 2);
    child.kill().unwrap();
    child.wait().unwrap();
    let partial = dir.join("first.csv.partial");
    assert!(partial.exists(), "the killed run left its partial rejects");
    let other = dir.join("other.csv");
    for changed in [vec!["--rejects", other.to_str().unwrap()], vec![]] {
        let out = import(&b, &file, &[&["--resume"][..], &changed].concat());
        let stderr = assert_exit(&out, 2);
        assert!(
            stderr.contains("--rejects differs"),
            "{changed:?}: {stderr}"
        );
        assert!(stderr.contains("first.csv"), "{stderr}");
    }
    assert!(!other.exists());
    let out = import(&b, &file, &[&args[..], &["--resume"]].concat());
    assert_exit(&out, 0);
    assert!(
        !partial.exists() && !first.exists(),
        "nothing rejected, nothing left"
    );
    assert!(!journal_of(&file).exists());
}

#[test]
fn no_rejects_file_is_left_when_nothing_was_rejected() {
    let b = Sandbox::start(&["--customers", "0"]);
    let dir = TempDir::new();
    let input = dir.join("in.csv");
    std::fs::write(&input, CSV).unwrap();
    let rejects = dir.join("rejects.csv");
    let args = ["--rejects", rejects.to_str().unwrap()];
    // A run that rejects a row writes the file...
    assert_exit(&import(&b, &input, &args), 4);
    assert!(rejects.exists());
    // ...one that rejects none writes none: a dry run leaves the earlier one as it was...
    std::fs::write(&input, "full_name,email\nCy,cy@example.com\n").unwrap();
    let out = import(&b, &input, &[&args[..], &["--dry-run"]].concat());
    let stderr = assert_exit(&out, 0);
    assert!(stderr.contains("so no rejects file"), "{stderr}");
    assert!(rejects.exists(), "a dry run removes nothing");
    // ...and an import that ends removes it, and says so.
    let out = import(&b, &input, &args);
    let stderr = assert_exit(&out, 0);
    assert!(stderr.contains("the earlier rejects file"), "{stderr}");
    assert!(!rejects.exists() && !dir.join("rejects.csv.partial").exists());
}

#[cfg(unix)]
#[test]
fn rejects_to_stderr_redirected_to_a_file_keep_every_row_and_the_summary() {
    let b = Sandbox::start(&["--customers", "0"]);
    let dir = TempDir::new();
    let input = dir.join("in.csv");
    std::fs::write(&input, format!("{CSV}Cy,cy@example.com,1990-02-30\n")).unwrap();
    // `2>errors.log`: the rows go through the descriptor, not over the file's start.
    let log = dir.join("errors.log");
    let mut cmd = b.command();
    cmd.args(["customers", "import"])
        .arg(&input)
        .args(["--rejects", "/dev/stderr"])
        .stderr(std::fs::File::create(&log).unwrap());
    assert_eq!(cmd.status().unwrap().code(), Some(4));
    let text = std::fs::read_to_string(&log).unwrap();
    for part in [
        "full_name,email,birthday,input_line,reject_reason",
        "Bo,bo@example.com",
        "Cy,cy@example.com",
        "import: 3 rows read",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
}

#[cfg(unix)]
#[test]
fn a_loop_of_links_or_the_file_stdin_reads_is_refused() {
    let dir = TempDir::new();
    let input = dir.join("in.csv");
    std::fs::write(&input, CSV).unwrap();
    let (a, b) = (dir.join("a"), dir.join("b"));
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let out = crate::common::nxcdp_offline()
        .args(["customers", "import"])
        .arg(&input)
        .args(["--dry-run", "--rejects", a.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(assert_exit(&out, 2).contains("loop of symbolic links"));
    let out = crate::common::nxcdp_offline()
        .args(["customers", "export", "--file", a.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(assert_exit(&out, 2).contains("loop of symbolic links"));
    assert!(std::fs::symlink_metadata(&a)
        .unwrap()
        .file_type()
        .is_symlink());
    // `import - --rejects in.csv < in.csv`: the input, by another way in.
    let mut cmd = crate::common::scrubbed(crate::common::nxcdp_bin());
    cmd.envs(crate::common::FAKE_CREDENTIALS)
        .env("NXCDP_BASE_URL", crate::common::dead_url())
        .args(["customers", "import", "-", "--dry-run", "--rejects"])
        .arg(&input)
        .stdin(std::fs::File::open(&input).unwrap());
    let out = cmd.output().unwrap();
    assert!(assert_exit(&out, 2).contains("is the input file"));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), CSV);
}

#[test]
fn a_phone_of_punctuation_alone_is_no_phone() {
    let dir = TempDir::new();
    let input = dir.join("in.csv");
    std::fs::write(
        &input,
        "full_name,sms_phone,email\nP1,+,p1@x.com\nP2,-,p2@x.com\nE,()+-. ,\n",
    )
    .unwrap();
    let out = crate::common::nxcdp_offline()
        .args(["customers", "import", "--dry-run", "--normalize-phones"])
        .arg(&input)
        .output()
        .unwrap();
    let stderr = assert_exit(&out, 4);
    assert!(stderr.contains("line 4: no identity key"), "{stderr}");
    assert!(stderr.contains("2 would be sent"), "{stderr}");
}
