//! Everyday use: fields, readable custom fields, columns, dry runs, pipes, completions, man page
//! and `nxcdp config`.

mod common;

use common::{nxcdp, query, run_ok, scrubbed, try_query, Sandbox, TempDir};
use serde_json::Value;

#[test]
fn fields_in_every_format() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let fields = |args: &[&str]| run_ok(sb.nxcdp().args(["customers", "fields"]).args(args));
    let json_of = |args: &[&str]| -> Vec<Value> { serde_json::from_str(&fields(args)).unwrap() };
    let json = json_of(&["-o", "json"]);
    assert!(json.len() >= 7);
    let jsonl = fields(&["-o", "jsonl"]);
    let from_lines: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(from_lines, json);
    let csv = fields(&["-o", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        nxcdp::customer::FIELD_KEYS
    );
    assert_eq!(reader.records().count(), json.len());
    let table = fields(&[]);
    assert!(
        table.contains("multiple choice") && table.contains("customize_4_52"),
        "{table}"
    );
    let custom = json_of(&["--custom", "-o", "json"]);
    assert!(!custom.is_empty() && custom.iter().all(|f| f["is_preset"] == false));
    let preset = json_of(&["--preset", "-o", "json"]);
    assert_eq!(preset.len() + custom.len(), json.len());
}

#[test]
fn custom_fields_become_labelled_columns() {
    let sb = Sandbox::start(&["--customers", "60"]);
    let jsonl: Vec<Value> = common::all_customers(&sb);
    let csv = query(&sb, &["--all", "-o", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    // customize_field became one column per custom field, headed by its English label (no
    // locale is set).
    assert!(!header.contains(&"customize_field".to_string()));
    let plan = header
        .iter()
        .position(|h| h == "Plan")
        .expect("a column for the single-choice field");
    let interests = header
        .iter()
        .position(|h| h == "Interests")
        .expect("a column for the multiple-choice field");
    let company = header.iter().position(|h| h == "Company").unwrap();
    let labels = ["Free", "Pro", "Enterprise"];
    let interest_labels = ["Sports", "Music", "Travel, food"];
    for (row, c) in reader.records().map(Result::unwrap).zip(&jsonl) {
        let custom: Value = c["customize_field"]
            .as_str()
            .map_or(Value::Null, |s| serde_json::from_str(s).unwrap());
        let single = custom["customize_3_17"][0]
            .as_str()
            .map(|id| labels[id.parse::<usize>().unwrap() - 1]);
        assert_eq!(&row[plan], single.unwrap_or(""));
        let multi: Vec<&str> = custom["customize_4_52"].as_array().map_or(vec![], |ids| {
            ids.iter()
                .map(|id| interest_labels[id.as_str().unwrap().parse::<usize>().unwrap() - 1])
                .collect()
        });
        assert_eq!(&row[interests], multi.join(";"));
        assert_eq!(
            &row[company],
            custom["customize_1_1"].as_str().unwrap_or("")
        );
    }
    // --raw-custom-fields keeps the string; --columns picks custom fields by name, labelled.
    let raw = query(&sb, &["--limit", "3", "-o", "csv", "--raw-custom-fields"]);
    assert!(raw.lines().next().unwrap().contains("customize_field"));
    let picked = query(&sb, &["--limit", "60", "--columns", "id,customize_3_17"]);
    assert_eq!(picked.lines().next().unwrap(), "id\tPlan");
    // In a Chinese locale, the Chinese labels; --field-labels chooses.
    let header = |env: (&str, &str), extra: &[&str]| {
        let mut cmd = sb.nxcdp();
        cmd.env(env.0, env.1)
            .args(["customers", "query", "--columns", "id,customize_3_17"])
            .args(extra);
        run_ok(&mut cmd).lines().next().map(String::from).unwrap()
    };
    assert_eq!(header(("LANG", "zh_CN.UTF-8"), &[]), "id\t套餐");
    for (labels, shown) in [("zh", "套餐"), ("en", "Plan"), ("key", "customize_3_17")] {
        let shown = format!("id\t{shown}");
        assert_eq!(
            header(("LC_ALL", "zh_TW.UTF-8"), &["--field-labels", labels]),
            shown
        );
    }
}

#[test]
fn the_field_list_is_fetched_only_when_needed() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let count = |args: &[&str]| {
        let out = sb
            .nxcdp()
            .args(["customers", "query", "-v"])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .filter(|l| l.starts_with("> GET"))
            .count()
    };
    assert_eq!(count(&["-o", "csv"]), 1);
    assert_eq!(count(&["-o", "csv", "--raw-custom-fields"]), 0);
    assert_eq!(
        count(&[]),
        0,
        "the default table has no custom field column"
    );
    assert_eq!(count(&["-o", "jsonl"]), 0);
}

#[test]
fn columns_pick_and_order_and_unknown_ones_exit_2() {
    let sb = Sandbox::start(&["--customers", "20"]);
    let columns = "email,id,status,gender,source_type";
    let table = query(&sb, &["--columns", columns, "--limit", "20"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "email\tid\tstatus\tgender\tsource_type");
    assert!(lines[1..].iter().all(|l| {
        let cells: Vec<&str> = l.split('\t').collect();
        ["enabled", "disabled"].contains(&cells[2])
            && ["female", "male", ""].contains(&cells[3])
            && !cells[4].is_empty()
    }));
    let csv = query(
        &sb,
        &["--columns", "id,full_name", "-o", "csv", "--limit", "3"],
    );
    assert_eq!(csv.lines().next().unwrap(), "id,full_name");
    let out = try_query(&sb, &["--columns", "id,colour"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("colour") && stderr.contains("full_name"),
        "{stderr}"
    );
}

#[test]
fn dry_run_and_curl_show_the_request_without_the_secret() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let out = try_query(&sb, &["-v", "--tag", "vip", "--dry-run"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .all(|l| !l.starts_with("> POST")),
        "nothing sent"
    );
    assert!(text.starts_with(&format!(
        "POST {}/saas/cdp/openapi/customers/query\n",
        sb.base_url
    )));
    for header in [
        "accessKey: sandbox",
        "bizType: 2",
        "action: mt",
        "sign: ",
        "ts: ",
        "Content-Type: application/json",
    ] {
        assert!(text.contains(header), "{header} in {text}");
    }
    assert!(
        text.trim_end().ends_with(
            r#"{"tenant_id":1,"app_key":"sandbox","tags":[{"tag_name":"vip"}],"limit":50}"#
        ),
        "{text}"
    );
    assert!(!text.contains(sb.secret()));

    let curl = run_ok(
        sb.nxcdp()
            .args(["customers", "query", "--tag", "it's", "--curl"]),
    );
    assert!(curl.starts_with("curl -X POST '"), "{curl}");
    assert!(curl.contains(r#"--data-raw '{"tenant_id":1,"app_key":"sandbox","tags":[{"tag_name":"it'\''s"}],"limit":50}'"#), "{curl}");
    assert!(!curl.contains(sb.secret()));
    // The printed command is a working request: a shell runs it and the sandbox accepts it.
    if scrubbed("curl").arg("--version").output().is_ok() {
        let answer = scrubbed("sh").arg("-c").arg(curl.trim()).output().unwrap();
        let answer: Value = serde_json::from_slice(&answer.stdout).unwrap();
        assert_eq!(answer["code"], 0, "{answer}");
    }
    let fields = run_ok(sb.nxcdp().args(["customers", "fields", "--dry-run"]));
    assert!(fields.starts_with("GET ") && fields.contains("tenant_id=1&app_key=sandbox"));
}

#[test]
fn a_closed_pipe_ends_quietly_and_stops_fetching() {
    let sb = Sandbox::start(&["--customers", "3000"]);
    // Reads one line, then closes the pipe, as `| head -1` does; returns the line, the exit
    // code and stderr.
    let head_1 = |extra: &[&str]| {
        let mut cmd = sb.command();
        let mut child = cmd
            .args(["customers", "query", "--all", "-o", "jsonl"])
            .args(["--page-size", "10"])
            .args(extra)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert!(line.starts_with("{\"id\":"), "{extra:?}: {line}");
        assert_eq!(out.status.code(), Some(0), "{extra:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // As a user sees it: not a word on stderr.
    let stderr = head_1(&[]);
    assert!(stderr.is_empty(), "{stderr}");
    // -v counts the requests. The request in flight when nxcdp exits is cut off with the
    // runtime ("runtime dropped the dispatch task"); with retries, -v would narrate a retry of
    // it that never happens. --retries 0 keeps the exit out of the narration, so every line is
    // a request or an answer (after the "* base" line): no error, no retry, no panic.
    let stderr = head_1(&["-v", "--retries", "0"]);
    assert!(
        stderr
            .lines()
            .all(|l| l.starts_with("> ") || l.starts_with("< ") || l.starts_with("* base ")),
        "{stderr}"
    );
    let requests = stderr.lines().filter(|l| l.starts_with("> POST")).count();
    assert!(
        requests < 300,
        "stopped fetching after the reader left: {requests} of 300 pages"
    );
}

#[test]
fn times_people_type() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let body = |args: &[&str]| -> Value {
        let out = sb
            .nxcdp()
            .env("TZ", "UTC")
            .args(["customers", "query", "--dry-run"])
            .args(args)
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        serde_json::from_str(text.lines().last().unwrap()).unwrap()
    };
    assert_eq!(
        body(&["--start-time", "2024-05-07"])["start_time"],
        "2024-05-07 00:00:00"
    );
    assert_eq!(
        body(&["--end-time", "2024-05-07T08:00:00+08:00"])["end_time"],
        "2024-05-07 00:00:00"
    );
    assert_eq!(
        body(&["--start-time", "2024-05-07 10:11:12"])["start_time"],
        "2024-05-07 10:11:12"
    );
    let since = body(&["--since", "7d"])["start_time"]
        .as_str()
        .unwrap()
        .to_string();
    let expected = jiff::Timestamp::now()
        .checked_sub(jiff::SignedDuration::from_hours(24 * 7))
        .unwrap();
    let expected = expected
        .to_zoned(jiff::tz::TimeZone::UTC)
        .strftime("%Y-%m-%d %H:%M")
        .to_string();
    assert!(since.starts_with(&expected[..13]), "{since} vs {expected}");
}

#[test]
fn no_progress_when_stderr_is_not_a_terminal() {
    let sb = Sandbox::start(&["--customers", "300"]);
    let out = try_query(&sb, &["--all", "-o", "jsonl"]);
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn version_names_the_commit_and_the_build_date() {
    let out = run_ok(nxcdp().arg("--version"));
    let line = out.trim_end();
    let prefix = format!("nxcdp {} (", env!("CARGO_PKG_VERSION"));
    let (commit, date) = line
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|inner| inner.split_once(' '))
        .unwrap_or_else(|| panic!("not `{prefix}<commit> <YYYY-MM-DD>)`: {line:?}"));
    // A git checkout gives a short hash; a build without git says `unknown`.
    assert!(
        !commit.is_empty() && commit.chars().all(|c| c.is_ascii_alphanumeric()),
        "commit: {line:?}"
    );
    let shape: String = date
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect();
    assert_eq!(shape, "9999-99-99", "date: {line:?}");
    let (month, day): (u32, u32) = (date[5..7].parse().unwrap(), date[8..].parse().unwrap());
    assert!(
        (1..=12).contains(&month) && (1..=31).contains(&day),
        "date: {line:?}"
    );
}

#[test]
fn committed_completions_are_current() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/completions");
    for (shell, file) in [
        ("bash", "nxcdp.bash"),
        ("zsh", "_nxcdp"),
        ("fish", "nxcdp.fish"),
        ("powershell", "_nxcdp.ps1"),
        ("elvish", "nxcdp.elv"),
    ] {
        let generated = run_ok(nxcdp().args(["completions", shell]));
        let path = format!("{dir}/{file}");
        if std::env::var_os("NXCDP_UPDATE_COMPLETIONS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{path} is stale: run `NXCDP_UPDATE_COMPLETIONS=1 cargo test --test everyday committed_completions` and commit"
        );
        assert!(generated.contains("customers"));
    }
}

#[test]
fn man_page_comes_from_the_same_definitions() {
    let man = run_ok(nxcdp().arg("man"));
    assert!(
        man.starts_with(".ie") || man.starts_with(".TH"),
        "{}",
        &man[..50]
    );
    assert!(man.contains(".TH nxcdp"));
    assert!(man.contains("\\-\\-sandbox") && man.contains("customers"));
}

#[test]
fn every_command_has_help_with_examples() {
    for args in [
        vec![],
        vec!["customers", "query"],
        vec!["customers", "fields"],
        vec!["sandbox"],
        vec!["config"],
        vec!["completions"],
        vec!["man"],
    ] {
        let help = run_ok(nxcdp().args(&args).arg("--help"));
        assert!(help.contains("Examples:"), "{args:?}: {help}");
        assert!(
            help.matches("nxcdp ").count() >= 3,
            "{args:?} shows real examples"
        );
    }
}

#[test]
fn config_commands() {
    let sb = Sandbox::start(&["--customers", "5"]);
    let dir = TempDir::new();
    let path = dir.join("sub").join("config.toml");
    let config = || {
        let mut c = nxcdp();
        c.env("NXCDP_CONFIG", &path);
        c
    };
    assert_eq!(
        run_ok(config().args(["config", "path"])).trim(),
        path.to_str().unwrap()
    );
    for (key, value) in [
        ("base_url", sb.base_url.as_str()),
        ("access_key", "sandbox"),
        ("tenant_id", "1"),
        ("app_key", "sandbox"),
    ] {
        run_ok(config().args(["config", "set", key, value, "--profile", "sb"]));
    }
    // The secret is read from stdin, never taken as an argument.
    run_ok(
        config()
            .args(["config", "set", "access_secret", "--profile", "sb"])
            .write_stdin("sandbox-secret\n"),
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    assert_eq!(
        run_ok(config().args(["config", "get", "tenant_id", "--profile", "sb"])),
        "1\n"
    );
    let list = run_ok(config().args(["config", "list", "--profile", "sb"]));
    assert!(
        list.contains("access_key = sandbox") && list.contains("access_secret = ********"),
        "{list}"
    );
    assert!(!list.contains("sandbox-secret"));
    // Refused: reading the secret back, a tenant id that is not a number, an unknown key.
    for args in [
        &["get", "access_secret", "--profile", "sb"][..],
        &["set", "tenant_id", "abc"],
        &["set", "colour", "red"],
    ] {
        let out = config().arg("config").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains("sandbox-secret"));
    }
    // The profile works for queries.
    let out = run_ok(config().args(["--profile", "sb", "customers", "query", "-o", "jsonl"]));
    assert_eq!(out.lines().count(), 5);
    // init reads one line per key from stdin when it is not a terminal.
    let input = format!("{}\nsandbox\nsandbox-secret\n1\nsandbox\n", sb.base_url);
    run_ok(
        config()
            .args(["config", "init", "--profile", "second"])
            .write_stdin(input),
    );
    assert_eq!(
        run_ok(config().args(["config", "profiles"])),
        "sb\nsecond\n"
    );
    let out =
        run_ok(
            config()
                .env("NXCDP_PROFILE", "second")
                .args(["customers", "query", "-o", "jsonl"]),
        );
    assert_eq!(out.lines().count(), 5);
}

#[test]
fn a_config_file_others_can_read_gets_a_warning() {
    let sb = Sandbox::start(&["--customers", "2"]);
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    std::fs::write(&path, format!("[default]\nbase_url = \"{}\"\naccess_key = \"sandbox\"\naccess_secret = \"sandbox-secret\"\ntenant_id = 1\napp_key = \"sandbox\"\n", sb.base_url)).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let out = nxcdp()
            .env("NXCDP_CONFIG", &path)
            .args(["customers", "query", "-o", "jsonl"])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(&format!("chmod 600 {}", path.display()))
        );
    }
}

#[test]
fn terminal_tables_fit_the_width_and_honour_no_color() {
    let sb = Sandbox::start(&["--customers", "200"]);
    let all = common::all_customers(&sb);
    let colored = common::on_terminal(&sb, 160, false, "customers query --limit 200 2>/dev/null");
    assert!(
        colored.contains("\u{1b}[1m"),
        "bold headers on a terminal: {colored}"
    );
    let plain = common::on_terminal(&sb, 160, true, "customers query --limit 200 2>/dev/null");
    assert!(
        !plain.contains('\u{1b}'),
        "NO_COLOR, and no escape from the data reaches the terminal"
    );
    assert!(plain.lines().next().unwrap().contains("CREATED"));
    // Ids are never cut, and no line is wider than the terminal.
    for c in &all[..200] {
        assert!(plain.contains(&c["id"].as_i64().unwrap().to_string()));
    }
    let narrow = common::on_terminal(&sb, 80, true, "customers query --limit 20 2>/dev/null");
    for line in narrow.lines().filter(|l| l.starts_with(' ')) {
        assert!(line.trim_end().chars().count() <= 80, "{line}");
    }
    assert!(narrow.contains(&all[0]["id"].as_i64().unwrap().to_string()));
}

#[test]
fn progress_is_drawn_on_a_terminal_unless_quiet() {
    let sb = Sandbox::start(&["--customers", "300"]);
    let shown = common::on_terminal(
        &sb,
        100,
        true,
        "customers query --all -o jsonl --page-size 10 > /dev/null",
    );
    assert!(
        shown.contains("customers, ") && shown.contains(" pages, "),
        "{shown}"
    );
    let quiet = common::on_terminal(
        &sb,
        100,
        true,
        "customers query --all -o jsonl --page-size 10 --quiet > /dev/null",
    );
    assert!(!quiet.contains(" pages, "), "{quiet}");
}

#[test]
fn a_failed_walk_still_shows_the_rows_that_came_on_a_terminal() {
    let sb = Sandbox::start(&[
        "--customers",
        "200",
        "--garbage",
        "text",
        "--garbage-after",
        "2",
    ]);
    let all_ids: Vec<String> = common::sandbox_ids(200, nxcdp::sandbox::DEFAULT_SEED);
    let shown = common::on_terminal(
        &sb,
        160,
        true,
        "customers query --all --page-size 10; echo exit=$?",
    );
    assert!(
        shown.contains(&all_ids[19]) && !shown.contains(&all_ids[20]),
        "two pages shown: {shown}"
    );
    assert!(
        shown.contains("exit=5") && shown.contains("not the API's JSON"),
        "{shown}"
    );
}

#[test]
fn config_set_keeps_comments_and_other_profiles() {
    let dir = TempDir::new();
    let path = dir.join("config.toml");
    let original = "# my nxcdp settings\n[prod]\n# the real one\naccess_key = \"live\" # keep\ntenant_id = 7\n\n[other]\napp_key = \"x\"\n";
    std::fs::write(&path, original).unwrap();
    let config =
        |args: &[&str]| run_ok(nxcdp().env("NXCDP_CONFIG", &path).arg("config").args(args));
    config(&["set", "app_key", "shop", "--profile", "prod"]);
    config(&["set", "tenant_id", "8", "--profile", "prod"]);
    let text = std::fs::read_to_string(&path).unwrap();
    let kept = [
        "# my nxcdp settings",
        "# the real one",
        "access_key = \"live\" # keep",
    ];
    for kept in kept.into_iter().chain(["[other]", "app_key = \"x\""]) {
        assert!(text.contains(kept), "{kept:?} kept in:\n{text}");
    }
    assert!(
        text.contains("app_key = \"shop\"") && text.contains("tenant_id = 8"),
        "{text}"
    );
    assert_eq!(config(&["get", "tenant_id", "--profile", "prod"]), "8\n");
}
