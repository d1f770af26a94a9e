//! What an import tells on stderr, and its exit by the rows rejected: names it does not know,
//! notes of what it leaves out or takes by key, the summary, the progress line.

use crate::error::{escape_control, shown, Error};
use crate::import::map::map_arg;
use crate::import::row::shown as quoted;
use crate::import::scan::Report;
use crate::import::send::Totals;
use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

/// Names nxcdp does not know: exit 2 naming them, or with `--ignore-unknown` a note. `header`
/// is the check of a CSV's header, which the note waits for the end of the first pass to give.
pub fn unknown(report: &Report, ignore: bool, quiet: bool, header: bool) -> Result<(), Error> {
    let Some((name, line)) = report.unknown.first() else {
        return Ok(());
    };
    let names: Vec<String> = report.unknown.iter().map(|(n, _)| quoted(n)).collect();
    if ignore {
        if !header && !quiet {
            crate::say!(
                "note: left out the columns nxcdp does not know (--ignore-unknown): {}",
                names.join(", ")
            );
        }
        return Ok(());
    }
    let known = crate::wire::NEW_CUSTOMER_KEYS.iter().map(|(k, _)| *k);
    let near = crate::error::near(name, known.chain(["gender", "whatsApp_phone", "tags"]))
        .map(|k| format!(" (did you mean {k}?)"))
        .unwrap_or_default();
    let more = match names.len() {
        1 => String::new(),
        n => format!("; {} unknown in all: {}", n, names.join(", ")),
    };
    Err(Error::Usage(format!(
        "column {} (line {line}) is not a field nxcdp can import{near}{more}\nhint: name what it holds with {}, or drop it with --ignore-unknown; fields are batch_create's keys (full_name, sms_phone, whats_app_phone, email, tagStr, ...), the query's, or the tenant's custom fields (nxcdp customers fields)",
        quoted(name),
        map_arg(name.trim(), "FIELD")
    )))
}

/// One note for the fields batch_create cannot set, one for the custom fields' keys that the
/// field list does not name.
pub fn notes(report: &Report, quiet: bool) {
    let listed = |names: &std::collections::BTreeSet<String>| {
        let names: Vec<String> = names
            .iter()
            .map(|n| escape_control(n).into_owned())
            .collect();
        names.join(", ")
    };
    if !report.dropped.is_empty() && !quiet {
        crate::say!(
            "note: left out what batch_create cannot set: {}",
            listed(&report.dropped)
        );
    }
    if !report.unrendered.is_empty() && !quiet {
        crate::say!(
            "note: cells in number formats nxcdp does not render were taken as their plain values (`0.5`, not `50%`): {}",
            listed(&report.unrendered)
        );
    }
    if !report.unlisted.is_empty() && !quiet {
        crate::say!(
            "note: not in the tenant's field list, taken into customize_field by their keys, values as `-o csv` writes them (JSON, else text): {}",
            listed(&report.unlisted)
        );
    }
}

pub fn where_rejects(path: &Option<PathBuf>, rejected: u64) -> String {
    match (path, rejected) {
        (Some(path), 0) => format!(" (so no rejects file: {} not written)", shown(path)),
        (_, 0) => String::new(),
        (Some(path), _) => format!(" (in {})", shown(path)),
        (None, _) => " (listed above)".into(),
    }
}

/// Exit 0 when every row got in, 4 when any was rejected.
pub fn rejected(read: u64, rejected: u64) -> Result<()> {
    match rejected {
        0 => Ok(()),
        n => Err(Error::Rejected(format!("{n} of {read} rows were rejected")).into()),
    }
}

pub fn summary(t: &Totals, started: Instant, rejects: &Option<PathBuf>) {
    let earlier = match t.earlier {
        0 => String::new(),
        1 => "; 1 batch was done by an earlier run".to_string(),
        n => format!("; {n} batches were done by an earlier run"),
    };
    crate::say!(
        "import: {} rows read; {} sent in {} ({}); {} accepted; {} rejected locally, {} by the server{}{earlier}; {:.1} s",
        t.read,
        t.sent,
        counted(t.batches, "batch", "batches"),
        counted(t.requests, "request", "requests"),
        t.accepted,
        t.rejected_locally,
        t.rejected_by_server,
        where_rejects(rejects, t.rejected()),
        started.elapsed().as_secs_f64()
    );
}

/// `1 batch`, `2 batches`.
pub fn counted(n: u64, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// The progress line, on a terminal.
pub fn progress(wanted: bool, rows: u64) -> Option<ProgressBar> {
    (wanted && std::io::stderr().is_terminal()).then(|| {
        let style = ProgressStyle::with_template("{spinner} {pos}/{len} rows, {msg}, {elapsed}")
            .expect("the template is valid");
        let bar = ProgressBar::new(rows).with_style(style);
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        bar
    })
}
