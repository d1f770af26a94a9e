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
            eprintln!("error: cannot start: {e}");
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
    let mut out = BufWriter::new(stdout.lock());
    let result = nxcdp::run(cli, &mut out, nxcdp::output::Terminal::stdout())
        .and_then(|()| Ok(std::io::Write::flush(&mut out)?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`| head`) is a normal way to finish.
        Err(e) if nxcdp::error::is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => fail(&e),
    }
}

fn fail(e: &anyhow::Error) -> ExitCode {
    eprintln!("error: {e:#}");
    ExitCode::from(nxcdp::error::exit_code(e))
}

/// The command line, with flags before a command's name moved after it ([`nxcdp::argv`]). A
/// clap error that could quote the access secret is printed with the secret masked.
fn parse() -> Result<nxcdp::commands::Cli, ExitCode> {
    let cmd = nxcdp::commands::Cli::command();
    let args =
        nxcdp::argv::prepare(&cmd, std::env::args_os().collect()).map_err(|e| fail(&e.into()))?;
    let secret = nxcdp::argv::secret(&args);
    let matches = cmd.try_get_matches_from(&args);
    let parsed = matches.and_then(|m| nxcdp::commands::Cli::from_arg_matches(&m));
    parsed.map_err(|e| match secret {
        None => e.exit(),
        Some(secret) => {
            let text = e.render().to_string().replace(&secret, "***");
            match e.use_stderr() {
                true => eprint!("{text}"),
                false => print!("{text}"),
            }
            ExitCode::from(e.exit_code() as u8)
        }
    })
}
