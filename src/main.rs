//! basin: opens the GUI, or runs a subcommand headless. Thin on purpose: parse the command
//! line, run it, print an error once (with its causes, `{err:#}`) and turn it into the exit
//! status (2 for bad input, 1 for other failures). anyhow lives here only.

#![warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = basin::cli::Cli::parse();
    let command = match &cli.command {
        None => "open",
        Some(basin::cli::Command::Open { .. }) => "open",
        Some(basin::cli::Command::Trajectory { .. }) => "trajectory",
        Some(basin::cli::Command::Landscape { .. }) => "landscape",
        Some(basin::cli::Command::Biasvar { .. }) => "biasvar",
        Some(basin::cli::Command::Sharpness { .. }) => "sharpness",
        Some(basin::cli::Command::Sweep { .. }) => "sweep",
        Some(basin::cli::Command::Render { .. }) => "render",
        Some(basin::cli::Command::Tune { .. }) => "tune",
        Some(basin::cli::Command::Presets) => "presets",
        Some(basin::cli::Command::Tour { .. }) => "tour",
    };
    match basin::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let code = err.exit_code();
            // basin's error messages already include their causes (the GUI shows them as
            // they are), so the chain starts from the message, not from its sources: `{:#}`
            // would otherwise print every I/O cause twice.
            let err = anyhow::anyhow!("{err}").context(format!("basin {command} failed"));
            eprintln!("error: {err:#}");
            ExitCode::from(code)
        }
    }
}
