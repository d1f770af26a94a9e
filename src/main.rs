use clap::Parser;
use std::io::BufWriter;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = nxcdp::commands::Cli::parse();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = nxcdp::run(cli, &mut out, nxcdp::output::Terminal::stdout())
        .and_then(|()| Ok(std::io::Write::flush(&mut out)?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`| head`) is a normal way to finish.
        Err(e) if nxcdp::error::is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(nxcdp::error::exit_code(&e))
        }
    }
}
