//! Links between the pages: each must lead to a file of the repository and, with `#anchor`, to a
//! heading of that page; every page of docs/ is reached from the README and leads back to it.

use crate::blocks::{pages, root, Page};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// The targets of a page's Markdown links `[text](target)`, with their lines, outside code.
pub fn links(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut fenced = false;
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Code spans hold no links: `](` inside backticks is text.
        let prose: String = line
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, s)| s)
            .collect::<Vec<_>>()
            .join(" ");
        let mut rest = prose.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let Some(end) = after.find(')') else { break };
            found.push((n + 1, after[..end].to_string()));
            rest = &after[end..];
        }
    }
    found
}

/// GitHub's anchors of a page's headings: lower case, punctuation but `-` and `_` dropped, spaces
/// made `-`, a repeated one numbered (`-1`, `-2`).
pub fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        let Some(title) = line.strip_prefix('#').filter(|_| !fenced) else {
            continue;
        };
        let title = title.trim_start_matches('#').trim();
        let slug: String = title
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == ' ')
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let mut anchor = slug.clone();
        let mut n = 0;
        while seen.contains(&anchor) {
            n += 1;
            anchor = format!("{slug}-{n}");
        }
        seen.insert(anchor);
    }
    seen
}

/// `base/relative` without `.` and `..`.
fn normal(base: &Path, relative: &str) -> PathBuf {
    let mut out = PathBuf::new();
    for part in base.join(relative).components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// What is wrong with one link of `page`, if anything.
fn broken(page: &Page, target: &str, all: &[Page]) -> Option<String> {
    if target.starts_with("http://") || target.starts_with("https://") {
        return None;
    }
    let (path, anchor) = target.split_once('#').unwrap_or((target, ""));
    let dir = Path::new(&page.name).parent().unwrap_or(Path::new(""));
    let name = match path {
        "" => PathBuf::from(&page.name),
        path => normal(dir, path),
    };
    if !root().join(&name).exists() {
        return Some(format!(
            "{} is not a file of the repository",
            name.display()
        ));
    }
    if anchor.is_empty() {
        return None;
    }
    let text = match all.iter().find(|p| Path::new(&p.name) == name) {
        Some(p) => p.text.clone(),
        None => std::fs::read_to_string(root().join(&name)).unwrap_or_default(),
    };
    match anchors(&text).contains(anchor) {
        true => None,
        false => Some(format!("{} has no heading #{anchor}", name.display())),
    }
}

#[test]
fn every_link_between_the_pages_leads_somewhere() {
    let all = pages();
    let mut failures = Vec::new();
    for page in &all {
        for (line, target) in links(&page.text) {
            if let Some(why) = broken(page, &target, &all) {
                failures.push(format!("{} line {line}: ({target}): {why}", page.name));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_guide_page_is_reached_from_the_readme_and_leads_back() {
    let all = pages();
    let readme = &all[0];
    let from_readme: BTreeSet<String> = links(&readme.text)
        .into_iter()
        .map(|(_, t)| normal(Path::new(""), t.split('#').next().unwrap()))
        .map(|p| p.display().to_string())
        .collect();
    for page in &all[1..] {
        assert!(
            from_readme.contains(&page.name),
            "the README does not link {}",
            page.name
        );
        assert!(
            links(&page.text).iter().any(|(_, t)| t == "../README.md"),
            "{} does not link back to the README",
            page.name
        );
    }
}

#[test]
fn links_and_anchors_are_read_as_github_makes_them() {
    let text = "# A `b`: c/d\n## A b c d\n```\n# not a heading [x](y.md)\n```\nsee [x](y.md#a-b) and `[z](w.md)`\n";
    assert_eq!(links(text), [(6, "y.md#a-b".to_string())]);
    let found = anchors(text);
    assert!(found.contains("a-b-cd"), "{found:?}");
    assert!(found.contains("a-b-c-d"), "{found:?}");
    assert_eq!(found.len(), 2);
}
