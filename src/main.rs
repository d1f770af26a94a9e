use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = nxcdp::cli::Cli::parse();
    match nxcdp::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // A reader that stops early (`| head`) is a normal way to finish.
            let closed_pipe = e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            });
            if closed_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            let code = e
                .downcast_ref::<nxcdp::Error>()
                .map_or(1, nxcdp::Error::exit_code);
            ExitCode::from(code)
        }
    }
}
