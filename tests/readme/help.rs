//! Every command's `--help` and man page point to its page of the guide, and that page exists.

use crate::blocks::root;
use crate::common::{nxcdp, TempDir};

#[test]
fn every_command_names_its_guide_page_in_help_and_man_page() {
    let dir = TempDir::new();
    nxcdp()
        .cmd
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    let mut checked = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let page = std::fs::read_to_string(entry.path()).unwrap();
        // nxcdp-customers-query.1 is `nxcdp customers query`.
        let words: Vec<&str> = file.trim_end_matches(".1").split('-').skip(1).collect();
        let out = nxcdp().cmd.args(&words).arg("--help").output().unwrap();
        let help = String::from_utf8_lossy(&out.stdout);
        let guide = help
            .lines()
            .find_map(|l| l.strip_prefix("Guide: "))
            .and_then(|l| l.split_whitespace().next())
            .unwrap_or_else(|| panic!("`nxcdp {} --help` names no guide page", words.join(" ")));
        assert!(root().join(guide).is_file(), "{file}: {guide} is no page");
        let see_also = page.split(".SH \"SEE ALSO\"").nth(1).unwrap_or("");
        assert!(
            see_also.contains(&guide.replace('-', "\\-")),
            "{file}: SEE ALSO does not name {guide}"
        );
        checked += 1;
    }
    assert!(checked > 15, "the man pages of every command ({checked})");
}
