//! Errors and credentials: API codes to exit codes, signing, invalid flags before any request,
//! where credentials come from.

use crate::common::{nxcdp, query, run_ok, stderr_of, Sandbox, TempDir};
use crate::filters::has_tag;
use serde_json::Value;

#[test]
fn api_errors_map_to_exit_codes_with_a_clear_message() {
    let sb = Sandbox::start(&["--customers", "10"]);
    let proxy = format!("{}/proxy", sb.base_url);
    let dead = crate::common::dead_url();
    // (NXCDP_ variable, arguments, exit code, words in stderr)
    for (env, args, code, said) in [
        (
            Some(("NXCDP_ACCESS_SECRET", "wrong-secret-value")),
            vec![],
            3,
            vec!["1003", "traceId", "secret"],
        ),
        (
            Some(("NXCDP_ACCESS_KEY", "nobody")),
            vec![],
            3,
            vec!["1005"],
        ),
        (None, vec!["--tenant-id", "99"], 4, vec!["1002"]),
        // Not the API's JSON: the sandbox's 404 page for an unknown path.
        (None, vec!["--base-url", &proxy], 5, vec!["404"]),
        // Nothing listens: a network error.
        (None, vec!["--base-url", &dead], 5, vec!["cannot connect"]),
    ] {
        let mut cmd = sb.nxcdp();
        cmd.envs(env).args(["customers", "query"]).args(&args);
        let out = cmd.output().unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(
            said.iter().all(|w| stderr.contains(w)),
            "{said:?}: {stderr}"
        );
        assert!(!stderr.contains("wrong-secret-value"));
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn sha256_signing_is_accepted() {
    let sb = Sandbox::start(&["--customers", "10"]);
    let out = query(&sb, &["--sign-algorithm", "sha256", "-o", "jsonl"]);
    assert_eq!(out.lines().count(), 10);
}

/// Flags for every credential but the secret.
const ALL_BUT_THE_SECRET: [&str; 6] = ["--access-key", "k", "--tenant-id", "1", "--app-key", "a"];

#[test]
fn invalid_flags_exit_2_before_any_request() {
    // Nothing listens at this address: a request would end in exit 5, not 2.
    let dead = crate::common::dead_url();
    for (args, names) in [
        (vec!["--page-size", "51"], "--page-size"),
        (vec!["--page-size", "0"], "--page-size"),
        (vec!["--limit", "0"], "--limit"),
        (vec!["--start-time", "yesterday"], "--start-time"),
        (vec!["--end-time", "2024-02-30"], "--end-time"),
        (vec!["--source-type", "16"], "--source-type"),
        (vec!["--source-type", "fax"], "--source-type"),
        (vec!["--tags-logic", "xor"], "--tags-logic"),
        (vec!["--sms-phone", "phone"], "--sms-phone"),
        (vec!["--tag-id", "abc"], "--tag-id"),
        (vec!["--after", "1", "--before", "2"], "--before"),
        (vec!["--all", "--limit", "5"], "--limit"),
        (vec!["--name", ""], "--name"),
        (vec!["-o", "xml"], "--output"),
        (vec!["--since", "7q"], "--since"),
    ] {
        let out = nxcdp()
            .args(["customers", "query", "--base-url", &dead])
            .args(ALL_BUT_THE_SECRET)
            .env("NXCDP_ACCESS_SECRET", "s")
            .args(&args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(names), "{args:?} names the flag: {stderr}");
    }
}

#[test]
fn missing_credentials_name_every_way_to_give_them() {
    let out = nxcdp().args(["customers", "query"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--access-key")
            && stderr.contains("NXCDP_ACCESS_KEY")
            && stderr.contains("access_key"),
        "{stderr}"
    );
    let out = nxcdp()
        .args(["customers", "query"])
        .args(ALL_BUT_THE_SECRET)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("NXCDP_ACCESS_SECRET"));
}

#[test]
fn flags_beat_environment_beat_profile() {
    let sb = Sandbox::start(&["--customers", "10"]);
    let dir = TempDir::new();
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[default]\nbase_url = \"{}\"\naccess_key = \"sandbox\"\naccess_secret = \"sandbox-secret\"\ntenant_id = 1\napp_key = \"sandbox\"\n\n[broken]\nbase_url = \"{}\"\naccess_key = \"wrong\"\naccess_secret = \"wrong\"\ntenant_id = 1\napp_key = \"sandbox\"\n",
            sb.base_url, sb.base_url
        ),
    )
    .unwrap();
    set_private(&config);
    // (what it shows, NXCDP_ variables, arguments, exit code, stdout lines, a word in stderr)
    let cases = [
        (
            "the profile alone is enough",
            "",
            "customers query -o jsonl",
            0,
            10,
            "",
        ),
        (
            "a profile with a wrong key fails ...",
            "",
            "--profile broken customers query",
            3,
            0,
            "",
        ),
        (
            "... the environment beats it ...",
            "PROFILE=broken ACCESS_KEY=sandbox ACCESS_SECRET=sandbox-secret",
            "customers query -o jsonl",
            0,
            10,
            "",
        ),
        (
            "... a flag beats the environment",
            "ACCESS_KEY=wrong",
            "customers query --access-key sandbox",
            0,
            11,
            "",
        ),
        (
            "an unknown profile is named",
            "",
            "--profile nope customers query",
            2,
            0,
            "nope",
        ),
    ];
    for (what, env, args, code, lines, said) in cases {
        let out = nxcdp()
            .env("NXCDP_CONFIG", &config)
            .envs(env.split_whitespace().map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                (format!("NXCDP_{k}"), v)
            }))
            .args(args.split_whitespace())
            .output()
            .unwrap();
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(code), "{what}: {stderr}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).lines().count(),
            lines,
            "{what}"
        );
        assert!(stderr.contains(said), "{what}: {stderr}");
    }
}

#[test]
fn built_in_sandbox_needs_nothing_configured() {
    let out = run_ok(nxcdp().args([
        "customers",
        "query",
        "--sandbox",
        "--tag",
        "vip",
        "--limit",
        "5",
        "-o",
        "jsonl",
    ]));
    let rows: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|c| has_tag(c, "vip")));
}

fn set_private(path: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}
