use clap::{CommandFactory, FromArgMatches};
use std::io::BufWriter;
use std::process::ExitCode;

/// The stack of the thread that runs the command. A `--jq` program may build values nested a
/// hundred thousand levels deep (`reduce range(100000) as $i (.; [.])`), which are printed and
/// dropped by recursion; the main thread's 8 MiB would overflow. Only the pages used are
/// committed.
const STACK_BYTES: usize = 256 << 20;

fn main() -> ExitCode {
    let command = std::thread::Builder::new()
        .name("nxcdp".into())
        .stack_size(STACK_BYTES)
        .spawn(command);
    match command.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        // A panic already said what happened (and is a bug of nxcdp's).
        Ok(Err(_)) => ExitCode::from(101),
        Err(e) => {
            nxcdp::say!("error: cannot start: {e}");
            ExitCode::FAILURE
        }
    }
}

fn command() -> ExitCode {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(Stdout(stdout.lock()));
    let result = nxcdp::run(cli, &mut out, nxcdp::output::Terminal::stdout())
        .and_then(|()| Ok(std::io::Write::flush(&mut out)?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`| head`) is a normal way to finish.
        Err(e) if nxcdp::error::is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

/// stdout, whose errors say that it is where writing failed (`> /dev/full`: "No space left on
/// device" alone names nothing). The error's kind stays, so a closed pipe is still one.
struct Stdout<W>(W);

impl<W: std::io::Write> std::io::Write for Stdout<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf).map_err(stdout_error)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush().map_err(stdout_error)
    }
}

fn stdout_error(e: std::io::Error) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("cannot write the output (stdout): {e}"))
}

fn fail(e: &anyhow::Error) -> ExitCode {
    nxcdp::say!("error: {e:#}");
    ExitCode::from(nxcdp::error::exit_code(e))
}

/// The command line, with flags before a command's name moved after it ([`nxcdp::argv`]).
fn parse() -> Result<nxcdp::commands::Cli, ExitCode> {
    let cmd = nxcdp::commands::Cli::command();
    let args =
        nxcdp::argv::prepare(&cmd, std::env::args_os().collect()).map_err(|e| fail(&e.into()))?;
    let secret = nxcdp::argv::secret(&args);
    let matches = cmd.try_get_matches_from(&args);
    let parsed = matches.and_then(|m| nxcdp::commands::Cli::from_arg_matches(&m));
    parsed.map_err(|e| clap_said(&e, &args, secret.as_deref()))
}

/// What clap has to say: `--help` and `--version` on stdout (a stdout that cannot take them is
/// exit 1, as for any output), an error on stderr, exit 2. An error quotes what was typed: it is
/// printed with the access secret masked and each argument's control characters escaped (a
/// line break in a value must not forge a line).
fn clap_said(e: &clap::Error, args: &[std::ffi::OsString], secret: Option<&str>) -> ExitCode {
    if !e.use_stderr() {
        let printed = e
            .print()
            .and_then(|()| std::io::Write::flush(&mut std::io::stdout()));
        return match printed {
            Ok(()) => ExitCode::from(e.exit_code() as u8),
            Err(_) => ExitCode::FAILURE,
        };
    }
    let text = e.render().to_string();
    let mut plain = text.clone();
    for arg in args.iter().filter_map(|a| a.to_str()) {
        if let std::borrow::Cow::Owned(escaped) = nxcdp::error::escape_control(arg) {
            plain = plain.replace(arg, &escaped);
        }
    }
    if let Some(secret) = secret {
        plain = plain.replace(secret, "***");
    }
    match plain == text {
        // Nothing to hide: clap prints it, in colour on a terminal.
        true => {
            let _ = e.print();
        }
        false => nxcdp::say!("{}", plain.trim_end()),
    }
    ExitCode::from(e.exit_code() as u8)
}
