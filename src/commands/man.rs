//! `nxcdp man`: man pages from the argument model (clap_mangen), one per command, with the
//! sections clap does not know: EXAMPLES (each command's), SEE ALSO (the pages generated next to
//! it), and on `nxcdp.1` EXIT STATUS, ENVIRONMENT and FILES.

use super::completions::command;
use crate::error::Error;
use anyhow::Result;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

pub const EXAMPLES: &str = "\
Examples:
  nxcdp man | man -l -
  mkdir -p ~/.local/share/man/man1 && nxcdp man --out-dir ~/.local/share/man/man1
  nxcdp man --out-dir man/ && man -l man/nxcdp-customers-query.1

Guide: docs/install.md (in the source and in each release archive)";

#[derive(Args, Debug)]
pub struct ManArgs {
    /// Write one page per command into this directory (nxcdp.1, nxcdp-customers-query.1, ...)
    /// instead of printing nxcdp.1
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub out_dir: Option<PathBuf>,
}

pub fn run(args: &ManArgs, quiet: bool, out: &mut dyn Write) -> Result<()> {
    let pages = pages()?;
    let Some(dir) = &args.out_dir else {
        // The first page is nxcdp.1.
        out.write_all(&pages[0].1)?;
        return Ok(());
    };
    let fail = |what: &str, e: std::io::Error| Error::Io {
        what: format!("cannot {what} {}", dir.display()),
        source: e,
    };
    std::fs::create_dir_all(dir).map_err(|e| fail("create", e))?;
    for (name, page) in &pages {
        write_new(&dir.join(name), page).map_err(|e| fail("write into", e))?;
    }
    if !quiet {
        crate::say!("wrote {} man pages into {}", pages.len(), dir.display());
    }
    Ok(())
}

/// Writes `path` anew: an old regular file there is replaced; a link, a pipe or a device is
/// refused, never written through.
fn write_new(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => std::fs::remove_file(path)?,
        Ok(_) => {
            return Err(std::io::Error::other(format!(
                "{} is a link or a special file; nxcdp does not write through it",
                path.display()
            )))
        }
        Err(_) => {}
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)
}

/// Every page as (file name, roff), `nxcdp.1` first, then its commands depth first.
pub fn pages() -> Result<Vec<(String, Vec<u8>)>> {
    let mut cmd = command().disable_help_subcommand(true);
    cmd.build();
    let mut commands = Vec::new();
    collect(&cmd, None, &mut commands);
    let mut pages = Vec::new();
    for (page, parent) in &commands {
        pages.push((
            format!("{}.1", name(page)),
            render(page, parent.as_deref())?,
        ));
    }
    Ok(pages)
}

/// The page name of a built command: `nxcdp`, `nxcdp-customers-query`.
fn name(cmd: &clap::Command) -> String {
    cmd.get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_string()
}

fn collect(
    cmd: &clap::Command,
    parent: Option<String>,
    into: &mut Vec<(clap::Command, Option<String>)>,
) {
    into.push((cmd.clone(), parent));
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        collect(sub, Some(name(cmd)), into);
    }
}

fn render(cmd: &clap::Command, parent: Option<&str>) -> Result<Vec<u8>> {
    let top = parent.is_none();
    // The examples get a section of their own, below.
    let man = clap_mangen::Man::new(
        cmd.clone()
            .after_help(None::<&str>)
            .after_long_help(None::<&str>),
    )
    .source(concat!("nxcdp ", env!("CARGO_PKG_VERSION")));
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut page)?;
    }
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut page)?;
    }
    if top {
        page.extend_from_slice(TOP_SECTIONS.as_bytes());
    }
    if let Some(examples) = cmd.get_after_help().map(|h| h.to_string()) {
        page.extend_from_slice(b".SH EXAMPLES\n.nf\n");
        for line in examples.lines().filter(|l| l.starts_with("  ")) {
            page.extend_from_slice(escape(line.trim_start()).as_bytes());
            page.push(b'\n');
        }
        page.extend_from_slice(b".fi\n");
    }
    if top {
        man.render_version_section(&mut page)?;
    }
    let mut see_also: Vec<String> = parent.into_iter().map(str::to_string).collect();
    let mut subcommands: Vec<&clap::Command> =
        cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
    subcommands.sort_by_key(|s| s.get_display_order());
    see_also.extend(subcommands.into_iter().map(name));
    let mut refs: Vec<String> = see_also
        .iter()
        .map(|n| format!("\\fB{}\\fR(1)", escape(n)))
        .collect();
    refs.extend(guide(cmd).map(|page| format!("the guide, \\fI{}\\fR", escape(&page))));
    if !refs.is_empty() {
        page.extend_from_slice(format!(".SH \"SEE ALSO\"\n{}\n", refs.join(", ")).as_bytes());
    }
    Ok(page)
}

/// The guide page a command's help names (`Guide: docs/query.md ...`).
fn guide(cmd: &clap::Command) -> Option<String> {
    let help = cmd.get_after_help()?.to_string();
    let line = help.lines().find_map(|l| l.strip_prefix("Guide: "))?;
    line.split_whitespace().next().map(str::to_string)
}

/// Text on a roff line: backslashes and dashes escaped, no leading control character.
fn escape(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    match text.starts_with(['.', '\'']) {
        true => format!("\\&{text}"),
        false => text,
    }
}

/// EXIT STATUS, ENVIRONMENT and FILES of `nxcdp.1` (README: "Exit codes", "Configuration").
const TOP_SECTIONS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Success, also when a reader such as \fBhead\fR closes the pipe early.
.TP
\fB1\fR
Anything else, including an export or an import stopped by Ctrl\-C, SIGTERM or SIGHUP (its state or journal saved for \fB\-\-resume\fR) and files that cannot be written.
.TP
\fB2\fR
Usage: an invalid flag or value, missing credentials, an unreadable config file or CA certificate; nothing was sent.
.TP
\fB3\fR
Authentication or signature: API codes 1001, 1003, 1004, 1005.
.TP
\fB4\fR
Any other API error (1002, ...); an HTTP error status for \fBnxcdp api\fR; a customer id that \fBnxcdp customers get\fR did not find; a row that \fBnxcdp customers import\fR rejected.
.TP
\fB5\fR
Network or TLS error (an untrusted certificate included), or a response that is not what the API sends.
.SH ENVIRONMENT
Each \fBNXCDP_\fR variable stands between its flag and the profile: a flag beats it, it beats the profile.
.TP
\fBNXCDP_BASE_URL\fR, \fBNXCDP_REGION\fR
The API base URL, or the region that sets it (default, hk, americas, idn). The first of flags, environment and profile that sets either decides; at that level a base URL beats a region.
.TP
\fBNXCDP_ACCESS_KEY\fR, \fBNXCDP_ACCESS_SECRET\fR, \fBNXCDP_TENANT_ID\fR, \fBNXCDP_APP_KEY\fR
The credentials and the tenant.
.TP
\fBNXCDP_PROFILE\fR
The profile of the config file to use (default: default).
.TP
\fBNXCDP_CONFIG\fR
The config file, instead of the one under FILES.
.TP
\fBNXCDP_CA_CERT\fR
A CA certificate (PEM) to trust besides the system's, as \fB\-\-ca\-cert\fR.
.TP
\fBSSL_CERT_FILE\fR, \fBSSL_CERT_DIR\fR
Where the system's trusted certificates are, instead of the platform's default places.
.TP
\fBHTTPS_PROXY\fR, \fBHTTP_PROXY\fR, \fBALL_PROXY\fR, \fBNO_PROXY\fR
The proxy to send requests through, and the hosts to reach directly.
.TP
\fBNO_COLOR\fR
No bold table headers.
.TP
\fBTZ\fR
The time zone that times with an offset and \fB\-\-since\fR are converted to.
.TP
\fBLC_ALL\fR, \fBLC_MESSAGES\fR, \fBLANG\fR
A Chinese locale heads custom-field columns with their Chinese labels (\fB\-\-field\-labels\fR chooses).
.TP
\fBNXCDP_SANDBOX_AS_OF\fR
The time (RFC 3339) \fBnxcdp sandbox\fR generates its data as of, instead of when it starts: two sandboxes then serve the same customers.
.SH FILES
.TP
\fI~/.config/nxcdp/config.toml\fR
The profiles on Linux (\fI$XDG_CONFIG_HOME/nxcdp/config.toml\fR); \fI~/Library/Application Support/nxcdp/config.toml\fR on macOS. Keep it private (mode 0600).
.TP
\fIPATH.partial\fR, \fIPATH.partial.state\fR
An unfinished \fBnxcdp customers export \-\-file PATH\fR and where it stopped, for \fB\-\-resume\fR.
.TP
\fIPATH.lock\fR
Held while an export writes \fIPATH\fR, or an import keeps its journal \fIPATH\fR, with the writer's pid: a second writer is refused.
.TP
\fIFILE.journal\fR
The batches of an unfinished \fBnxcdp customers import FILE\fR that the server acknowledged, for \fB\-\-resume\fR.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_text_is_escaped() {
        assert_eq!(escape(".x -a \\"), "\\&.x \\-a \\e");
        assert_eq!(escape("nxcdp"), "nxcdp");
    }
}
