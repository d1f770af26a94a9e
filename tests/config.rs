//! Issues 17 and 18, the config: a first run that says what to do, `config init` and `config
//! set` that check their answers without repeating them, a config file read safely (a regular
//! file, each profile on its own, errors naming the key) and edited in place (comments, links).

mod common;

use common::{assert_stderr_has, nxcdp, run_ok, stderr_of, Sandbox, Scrubbed, TempDir};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

/// `nxcdp` whose config file (under its own home) holds TEXT.
fn with_config(text: &str) -> (Scrubbed<assert_cmd::Command>, PathBuf) {
    let mut cmd = nxcdp();
    let path = cmd.home.join("config.toml");
    std::fs::write(&path, text).unwrap();
    cmd.env("NXCDP_CONFIG", &path);
    (cmd, path)
}

/// `nxcdp config ARGS` on the config file at PATH.
fn config(path: &Path, args: &[&str]) -> Output {
    nxcdp()
        .env("NXCDP_CONFIG", path)
        .arg("config")
        .args(args)
        .output()
        .unwrap()
}

#[track_caller]
fn assert_usage(out: &Output, says: &str) {
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
    let mut script = common::scrubbed("script");
    script
        .args([
            "-qec",
            &format!("{} config init", common::nxcdp_bin().display()),
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
fn config_set_refuses_a_wrong_value_naming_the_key_not_the_value() {
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    for (args, says) in [
        (
            &["set", "base_url", "notaurl"][..],
            "base_url must be an http:// or https:// URL",
        ),
        (
            &["set", "base_url", "http://MYSECRET.test/?q=1"],
            "base_url must be",
        ),
        (
            &["set", "tenant_id", "MYSECRETVALUE"],
            "tenant_id must be an integer",
        ),
        (
            &["set", "region", "MYSECRETVALUE"],
            "region must be one of default, hk, americas, idn",
        ),
        (
            &["set", "access_key", "MYSECRET\u{1b}]0;x\u{7}"],
            "access_key holds a character",
        ),
    ] {
        let out = config(&path, args);
        assert_usage(&out, says);
        assert!(!stderr_of(&out).contains("MYSECRET"), "{}", stderr_of(&out));
        assert!(!path.exists(), "{args:?}: nothing written");
    }
}

#[test]
fn the_readme_sequence_set_region_then_get_base_url_works() {
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    assert!(config(&path, &["set", "region", "hk"]).status.success());
    let out = config(&path, &["get", "base_url"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "https://api-hk.nxlink.ai\n"
    );
}

#[test]
fn config_set_region_keeps_the_comments_around_the_base_url_it_removes() {
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    std::fs::write(
        &path,
        "[default]\naccess_key = \"k\"\n# the office's gateway, see the wiki\nbase_url = \"http://gw.test\" # until June\napp_key = \"a\"\n",
    )
    .unwrap();
    let out = config(&path, &["set", "region", "hk"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_stderr_has(&out, "removed base_url");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "[default]\naccess_key = \"k\"\n# the office's gateway, see the wiki\nregion = \"hk\" # until June\napp_key = \"a\"\n"
    );
}

#[cfg(unix)]
#[test]
fn config_set_writes_through_a_symbolic_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new();
    let real = dir.join("dotfiles").join("nxcdp.toml");
    std::fs::create_dir(dir.join("dotfiles")).unwrap();
    std::fs::write(&real, "# mine\n[default]\napp_key = \"a\"\n").unwrap();
    let link = dir.join("config.toml");
    std::os::unix::fs::symlink("dotfiles/nxcdp.toml", &link).unwrap();
    assert!(config(&link, &["set", "tenant_id", "9"]).status.success());
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let text = std::fs::read_to_string(&real).unwrap();
    assert_eq!(text, "# mine\n[default]\napp_key = \"a\"\ntenant_id = 9\n");
    let mode = std::fs::metadata(&real).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn errors_in_the_file_name_the_key_and_its_line_never_the_value() {
    for (text, says) in [
        (
            "[default]\naccess_key = \"k\"\ntenant_id = \"MYSECRET\"\n",
            "tenant_id (line 3) must be an integer (without quotes)",
        ),
        (
            "[default]\ncolour = \"MYSECRET\"\n",
            "unknown key colour (line 2); the keys are base_url, region",
        ),
        (
            "access_secret = \"MYSECRET\"\n[default]\n",
            "warning: access_secret (line 1) in ",
        ),
        (
            "[default]\nbase_url = \"MYSECRET\"\n",
            "base_url (line 2) must be an http",
        ),
        (
            "[default]\nregion = \"MYSECRET\"\n",
            "region (line 2) must be one of default, hk",
        ),
        (
            "[default]\naccess_secret = MYSECRET\n",
            "is not valid TOML at line 2",
        ),
        (
            "[default]\naccess_secret = \"a\"\naccess_secret = \"MYSECRET\"\n",
            "duplicate key `access_secret`",
        ),
    ] {
        let (mut cmd, _) = with_config(text);
        let out = cmd
            .args(["customers", "query", "--dry-run"])
            .output()
            .unwrap();
        assert_usage(&out, says);
        assert!(!stderr_of(&out).contains("MYSECRET"), "{}", stderr_of(&out));
    }
}

#[test]
fn a_broken_profile_that_is_not_in_use_is_a_warning() {
    let sb = Sandbox::start(&["--customers", "3"]);
    let text = "[broken]\ntenant_id = \"x\"\n\n[default]\napp_key = \"sandbox\"\n";
    let (mut cmd, _) = with_config(text);
    let out = cmd
        .envs(&sb.env)
        .args(["customers", "query", "-o", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3);
    assert_stderr_has(&out, "warning: profile broken in ");
    assert_stderr_has(
        &out,
        ": tenant_id (line 2) must be an integer (without quotes) (ignored)",
    );
    // Used, it fails.
    let (mut cmd, _) = with_config(text);
    let out = cmd
        .envs(&sb.env)
        .args(["customers", "query", "--profile", "broken"])
        .output()
        .unwrap();
    assert_usage(&out, "profile broken in ");
}

#[cfg(unix)]
#[test]
fn the_mode_warning_comes_whenever_any_profile_holds_a_secret() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::start(&["--customers", "1"]);
    for (text, warned) in [
        (
            "[default]\napp_key = \"sandbox\"\n[other]\naccess_secret = \"x\"\n",
            true,
        ),
        ("[default]\naccess_secret = \"sandbox-secret\"\n", true),
        ("[default]\napp_key = \"sandbox\"\n", false),
    ] {
        let (mut cmd, path) = with_config(text);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = cmd
            .envs(&sb.env)
            .args(["customers", "query"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let says = format!("run: chmod 600 {}", path.display());
        assert_eq!(
            stderr_of(&out).contains(&says),
            warned,
            "{text}: {}",
            stderr_of(&out)
        );
    }
}

#[test]
fn the_config_file_must_be_a_small_regular_file() {
    let dir = TempDir::new();
    let large = dir.join("large.toml");
    let line = format!("# {}\n", "x".repeat(1000));
    std::fs::write(&large, line.repeat(5 * 1024)).unwrap();
    let cases = [
        (PathBuf::from("/dev/zero"), "not a regular file"),
        (dir.path().to_path_buf(), "not a regular file"),
        // A pipe would block the read: refused, not waited on.
        (common::fifo(&dir.join("pipe.toml")), "not a regular file"),
        (large, "larger than 4 MiB"),
    ];
    for (path, says) in cases {
        for args in [
            &["customers", "query", "--dry-run"][..],
            &["config", "list"],
        ] {
            let out = nxcdp()
                .env("NXCDP_CONFIG", &path)
                .args(args)
                .timeout(std::time::Duration::from_secs(20))
                .output()
                .unwrap();
            assert_usage(&out, says);
            assert_stderr_has(&out, "the config file");
        }
    }
}

#[test]
fn profile_names_with_control_characters_are_refused_and_local_names_are_shown_escaped() {
    for (flag, env) in [
        (Some("a\nb"), None),
        (None, Some("ev\u{1b}]0;TITLE\u{7}il")),
    ] {
        for args in [
            &["customers", "query", "--dry-run"][..],
            &["config", "list"],
        ] {
            let mut cmd = nxcdp();
            if let Some(env) = env {
                cmd.env("NXCDP_PROFILE", env);
            }
            if let Some(flag) = flag {
                cmd.args(["--profile", flag]);
            }
            let out = cmd.args(args).output().unwrap();
            assert_usage(&out, "holds a line break or a control character");
            let stderr = stderr_of(&out);
            assert!(
                !stderr.contains('\u{1b}') && !stderr.contains("a\nb"),
                "{stderr}"
            );
            assert!(
                stderr.contains("$'a\\nb'") || stderr.contains("$'ev\\x1b]0;TITLE\\x07il'"),
                "{stderr}"
            );
        }
    }
    // In the file, such a profile is listed escaped, and is broken.
    let (mut cmd, _) = with_config("[\"ev\\u001b]0;TITLE\\u0007il\"]\napp_key = \"a\"\n");
    let out = cmd.args(["config", "profiles"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "$'ev\\x1b]0;TITLE\\x07il'\n"
    );
    assert!(!stderr_of(&out).contains('\u{1b}'), "{}", stderr_of(&out));
    assert_stderr_has(&out, "rename it");
    // A config path with control characters and bytes that are not UTF-8, as a shell takes it.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let dir = TempDir::new();
        let mut name = b"w\x1b]0;TITLE\x07\ncaf\xe9".to_vec();
        name.extend_from_slice(b".toml");
        let path = dir.join(std::ffi::OsStr::from_bytes(&name));
        let out = nxcdp()
            .env("NXCDP_CONFIG", &path)
            .args(["customers", "query"])
            .output()
            .unwrap();
        assert_usage(&out, "there is no config file");
        assert_stderr_has(&out, "w\\x1b]0;TITLE\\x07\\ncaf\\xe9.toml' does not exist");
        assert!(!out.stderr.contains(&0x1b), "{}", stderr_of(&out));
        let out = config(&path, &["path"]);
        assert!(String::from_utf8_lossy(&out.stdout).ends_with("\\ncaf\\xe9.toml'\n"));
    }
}
