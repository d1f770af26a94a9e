//! Sets `NXCDP_LONG_VERSION` for `nxcdp --version`: `0.1.0 (<commit> <YYYY-MM-DD>)`.
//!
//! The commit is `git rev-parse --short=12 HEAD`, or `unknown` without git or without a `.git`
//! next to Cargo.toml (a crates.io tarball, which may sit inside some unrelated repository). The
//! date is `SOURCE_DATE_EPOCH` when set (reproducible builds), else the day this script ran, in
//! UTC. The script reruns only when HEAD or the branch it points to moves, so the commit stays
//! right without rebuilding on every build.

use std::path::Path;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");

    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let commit = if Path::new(&manifest_dir).join(".git").exists() {
        watch_head();
        git(&["rev-parse", "--short=12", "HEAD"])
    } else {
        None
    };
    let commit = commit.unwrap_or_else(|| "unknown".to_string());

    let epoch = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) if !s.trim().is_empty() => s
            .trim()
            .parse::<i64>()
            .expect("SOURCE_DATE_EPOCH is whole seconds since 1970"),
        _ => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("the clock is after 1970")
            .as_secs() as i64,
    };
    let (y, m, d) = civil_from_days(epoch.div_euclid(86_400));

    println!(
        "cargo:rustc-env=NXCDP_LONG_VERSION={} ({commit} {y:04}-{m:02}-{d:02})",
        std::env::var("CARGO_PKG_VERSION").unwrap()
    );
}

/// Reruns this script when HEAD moves to another branch or commit (`.git/HEAD`), or the branch
/// it points to gets a new commit (its loose ref, or `packed-refs` after `git pack-refs`). Paths
/// come from git, so a worktree (where `.git` is a file) watches the right files too.
fn watch_head() {
    let mut files = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        files.push(branch);
    }
    for file in files {
        if let Some(path) = git(&["rev-parse", "--git-path", &file]) {
            // A missing path would make cargo rerun the script on every build.
            if Path::new(&path).exists() {
                println!("cargo:rerun-if-changed={path}");
            }
        }
    }
}

/// Trimmed stdout of a successful `git ARGS`, else None (no git, not a repository, ...).
fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (out.status.success() && !text.is_empty()).then(|| text.to_string())
}

/// Year, month, day of a count of days since 1970-01-01 (proleptic Gregorian calendar), after
/// Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097); // [0, 146096]
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], March first
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = era * 400 + yoe + i64::from(m <= 2);
    (y, m, d)
}
