//! `basin tune PRESET [--out FILE] [--seeds N] [--threads N]`: every run's learning rate tuned
//! for the lowest final training loss ([`crate::core::tune`], run by [`crate::jobs::tune`]),
//! a table on stdout, and with `--out` the input preset with only the runs' `lr` changed
//! ([`crate::preset::with_run_lrs`]), written to a temporary name and renamed. Bad input —
//! not a Playground preset, no runs, a run whose every learning rate diverges, an unwritable
//! path — is exit status 2 and writes nothing.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use web_time::Instant;

use super::CliError;
use crate::core::fmt3;
use crate::core::tune::{TuneSpec, TunedRun};
use crate::export::{self, ExportError};
use crate::preset;

pub use crate::core::tune::DEFAULT_SEEDS;

/// Runs `basin tune`; returns what to print.
///
/// # Errors
/// See the module docs.
pub fn tune(
    source: &str,
    out: Option<&Path>,
    seeds: usize,
    threads: Option<usize>,
) -> Result<String, CliError> {
    if seeds == 0 {
        return Err(CliError::Usage("--seeds must be at least 1".into()));
    }
    let (text, origin, folder) = preset::source_text(source)?;
    let experiment = preset::parse_in(&text, &origin, &[], &folder)?.into_surface(&origin)?;
    if experiment.runs.is_empty() {
        return Err(CliError::Tune(format!("{origin} has no runs to tune")));
    }
    if let Some(out) = out {
        check_folder(out)?;
    }
    let spec = TuneSpec::with_seeds(experiment.seed, seeds);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build()
        .map_err(|e| CliError::Compute(format!("cannot start the threads: {e}")))?;
    eprintln!(
        "tune: {} runs, learning rates {} … {} ({} a decade, then refined), {} seed(s) for \
         random runs, on {} threads",
        experiment.runs.len(),
        fmt3(spec.lo),
        fmt3(spec.hi),
        spec.per_decade,
        seeds,
        pool.current_num_threads()
    );
    let started = Instant::now();
    let step = std::sync::atomic::AtomicUsize::new(0);
    let progress = |done: usize, planned: usize| {
        let tenth = (done * 10 / planned.max(1)).min(10);
        if step.fetch_max(tenth, std::sync::atomic::Ordering::Relaxed) < tenth {
            eprintln!("tune: {}0 %", tenth);
        }
    };
    let never = AtomicBool::new(false);
    let tuned = pool
        .install(|| crate::jobs::tune::tune_experiment(&experiment, &spec, &never, &progress))
        .ok_or_else(|| CliError::Compute("the tuning was cancelled".into()))?;
    let seconds = started.elapsed().as_secs_f64();

    let labels: Vec<String> = experiment
        .runs
        .iter()
        .map(|r| r.legend(experiment.problem.samples))
        .collect();
    if let Some((i, _)) = tuned.iter().enumerate().find(|(_, t)| t.lr.is_none()) {
        return Err(CliError::Tune(format!(
            "{origin}: run {i} ({}) diverged at every learning rate from {} to {}; nothing \
             written",
            labels[i],
            fmt3(spec.lo),
            fmt3(spec.hi)
        )));
    }
    let mut table = table(&experiment.runs, &labels, &tuned);
    table.push_str(&format!("tuned in {seconds:.3} s\n"));
    if let Some(out) = out {
        let lrs: Vec<f64> = tuned.iter().filter_map(|t| t.lr).collect();
        let edited = preset::with_run_lrs(&text, &origin, &folder, &lrs)?;
        export::write_bytes(out, edited.as_bytes())?;
        table.push_str(&format!("wrote {}\n", out.display()));
    }
    Ok(table)
}

/// The table: run, label, old lr, tuned lr, final loss.
fn table(runs: &[crate::core::train::RunSpec], labels: &[String], tuned: &[TunedRun]) -> String {
    let width = labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(3)
        .max(3);
    let mut text = format!(
        "{:>3}  {:<width$}  {:>10}  {:>10}  {:>12}\n",
        "run", "label", "old lr", "tuned lr", "final loss"
    );
    for (i, ((run, label), t)) in runs.iter().zip(labels).zip(tuned).enumerate() {
        text.push_str(&format!(
            "{i:>3}  {label:<width$}  {:>10}  {:>10}  {:>12}\n",
            fmt3(run.optimizer.lr),
            t.lr.map_or_else(|| "-".into(), fmt3),
            fmt3(t.loss)
        ));
    }
    text
}

/// An output path whose folder does not exist is refused before the tuning starts.
fn check_folder(out: &Path) -> Result<(), CliError> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if parent.is_dir() && out.file_name().is_some() && !out.is_dir() {
        return Ok(());
    }
    Err(CliError::Export(ExportError::Io {
        path: out.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "its folder does not exist, or it is a folder",
        ),
    }))
}
