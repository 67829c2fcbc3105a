//! The parallel computations behind the GUI and the CLI: every run of an experiment trained
//! at once, and landscape grids by rows. They use the current rayon pool (the app's named
//! pool inside a job, the global pool in the CLI). Results do not depend on the number of
//! threads: runs and rows are independent, and `collect` keeps their order.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::core::landscape::{self, Grid, GridSpec, Layer};
use crate::core::surface::ShiftedCopies;
use crate::core::train::{self, Trajectory};
use crate::preset::Experiment;

/// Trains every run of `experiment` on `problem` in parallel, in run order.
#[must_use]
pub fn train_all(
    experiment: &Experiment,
    problem: &ShiftedCopies,
    cancel: &AtomicBool,
) -> Vec<Trajectory> {
    let start = experiment.training.start;
    experiment
        .runs
        .par_iter()
        .enumerate()
        .map(|(i, run)| {
            train::train(
                problem,
                run,
                i,
                &start,
                experiment.training.steps,
                experiment.seed,
                cancel,
            )
        })
        .collect()
}

/// Evaluates a surface grid with rows in parallel. `on_rows_done(done)` is called as rows
/// finish (from worker threads). Returns `None` when cancelled.
#[must_use]
pub fn surface_grid(
    problem: &ShiftedCopies,
    layer: Layer,
    spec: GridSpec,
    cancel: &AtomicBool,
    on_rows_done: &(dyn Fn(usize) + Sync),
) -> Option<Grid> {
    let done = AtomicUsize::new(0);
    let rows_of = landscape::GridRows::new(problem, layer, spec);
    let rows: Option<Vec<Vec<f64>>> = (0..spec.ny)
        .into_par_iter()
        .map(|i| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let mut row = vec![0.0; spec.nx];
            rows_of.fill(i, &mut row);
            on_rows_done(done.fetch_add(1, Ordering::Relaxed) + 1);
            Some(row)
        })
        .collect();
    rows.map(|rows| landscape::grid_from_rows(spec, layer, rows))
}
