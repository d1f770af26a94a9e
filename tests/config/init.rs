//! A first run that says what to do, and `config init` that checks each answer, piped or on a
//! terminal.

use crate::common::{assert_stderr_has, nxcdp, run_ok, stderr_of, Scrubbed, TempDir};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

/// `nxcdp` whose config file (under its own home) holds TEXT.
pub fn with_config(text: &str) -> (Scrubbed<assert_cmd::Command>, PathBuf) {
    let mut cmd = nxcdp();
    let path = cmd.home.join("config.toml");
    std::fs::write(&path, text).unwrap();
    cmd.env("NXCDP_CONFIG", &path);
    (cmd, path)
}

/// `nxcdp config ARGS` on the config file at PATH.
pub fn config(path: &Path, args: &[&str]) -> Output {
    nxcdp()
        .env("NXCDP_CONFIG", path)
        .arg("config")
        .args(args)
        .output()
        .unwrap()
}

#[track_caller]
pub fn assert_usage(out: &Output, says: &str) {
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(out));
    assert_stderr_has(out, says);
}

#[test]
fn a_first_run_says_there_is_no_config_file_and_what_to_do() {
    let mut cmd = nxcdp();
    let path = cmd.home.join(".config/nxcdp/config.toml");
    let out = cmd.args(["customers", "query"]).output().unwrap();
    assert_usage(&out, "no access key: there is no config file");
    for says in [
        &format!("{} does not exist", path.display())[..],
        "run `nxcdp config init`",
        "--sandbox",
    ] {
        assert_stderr_has(&out, says);
    }
    // With a profile that lacks one key, the key is named and how to set it.
    let (mut cmd, _) = with_config("[default]\naccess_key = \"k\"\naccess_secret = \"s\"\n");
    let out = cmd.args(["customers", "query"]).output().unwrap();
    assert_usage(&out, "no tenant id: profile default of ");
    assert_stderr_has(&out, "nxcdp config set tenant_id VALUE");
}

#[test]
fn piped_init_checks_each_answer_and_writes_nothing_when_one_is_wrong_or_missing() {
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    let init = |answers: &str| {
        nxcdp()
            .env("NXCDP_CONFIG", &path)
            .args(["config", "init"])
            .write_stdin(answers.to_string())
            .output()
            .unwrap()
    };
    for (answers, says) in [
        // The answers: without the region, the access key lands on it.
        (
            "AK\nSEC\n7\n",
            "answer 1 (region): not a region (default, hk, americas, idn)",
        ),
        (
            "hk\nAK\nSEC\nMYSECRETVALUE\napp\n",
            "answer 4 (tenant_id): tenant_id must be an integer",
        ),
        (
            "https://\nAK\n",
            "answer 1 (region): base_url must be an http",
        ),
        ("hk\nAK\n", "answer 3 (access_secret) is missing"),
        ("hk\n\n", "answer 2 (access_key): access_key is needed"),
        ("", "answer 1 (region) is missing"),
    ] {
        let out = init(answers);
        assert_usage(&out, says);
        assert_stderr_has(&out, "nothing was written");
        assert!(!stderr_of(&out).contains("MYSECRET"), "{}", stderr_of(&out));
        assert!(!path.exists(), "{answers:?}: nothing written");
    }
    let out = init("hk\nAK\nSEC\n7\napp\n");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        written,
        "[default]\nregion = \"hk\"\naccess_key = \"AK\"\naccess_secret = \"SEC\"\ntenant_id = 7\napp_key = \"app\"\n"
    );
    // A wrong answer later leaves the file as it was; empty answers keep each value.
    assert_usage(&init("\n\n\nx\n\n"), "answer 4 (tenant_id)");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
    assert!(init("\n\n\n\n\n").status.success());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);
}

#[test]
fn init_help_lists_the_piped_answers_in_their_order() {
    let help = run_ok(nxcdp().args(["config", "init", "--help"]));
    let order = [
        "1. region",
        "2. access_key",
        "3. access_secret",
        "4. tenant_id",
        "5. app_key",
    ];
    let at: Vec<usize> = order.iter().map(|o| help.find(o).expect(o)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{help}");
}

#[test]
fn init_on_a_terminal_asks_again_after_a_wrong_answer() {
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    let mut script = crate::common::scrubbed("script");
    script
        .args([
            "-qec",
            &format!("{} config init", crate::common::nxcdp_bin().display()),
            "/dev/null",
        ])
        .env("NXCDP_CONFIG", &path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    let mut child = script.spawn().expect("script(1) from util-linux runs");
    use std::io::Write;
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"eu\nhk\nAK\nSEC\nabc\n7\napp\n").unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("region (default, hk, americas, idn) or a base URL [default]: "),
        "{shown}"
    );
    assert_eq!(shown.matches("try again").count(), 2, "{shown}");
    assert!(
        shown.contains("tenant_id must be an integer; try again"),
        "{shown}"
    );
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.contains("region = \"hk\"") && written.contains("tenant_id = 7"),
        "{written}"
    );
}

#[test]
fn a_secret_with_white_space_around_it_is_kept_and_warned_about_when_set() {
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    let init = nxcdp()
        .env("NXCDP_CONFIG", &path)
        .args(["config", "init"])
        .write_stdin("hk\nAK\n  SEC \n7\napp\n")
        .output()
        .unwrap();
    assert!(init.status.success(), "{}", stderr_of(&init));
    assert_stderr_has(&init, "begins or ends with white space");
    assert!(!stderr_of(&init).contains("SEC"), "{}", stderr_of(&init));
    let set = nxcdp()
        .env("NXCDP_CONFIG", &path)
        .args(["config", "set", "access_secret"])
        .write_stdin(" S2\n")
        .output()
        .unwrap();
    assert!(set.status.success(), "{}", stderr_of(&set));
    assert_stderr_has(&set, "begins or ends with white space");
    let fine = nxcdp()
        .env("NXCDP_CONFIG", &path)
        .args(["config", "set", "access_secret"])
        .write_stdin("S3\n")
        .output()
        .unwrap();
    assert!(stderr_of(&fine).is_empty(), "{}", stderr_of(&fine));
}
