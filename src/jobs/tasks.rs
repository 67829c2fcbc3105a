//! The parallel computations behind the GUI and the CLI: every run of an experiment trained
//! at once, landscape grids by rows, the bias–variance sweep by (complexity, repeat), and
//! batch-size sweeps by cell.
//! They use the current rayon pool (the app's named pool inside a job, the global pool in the
//! CLI). Results do not depend on the number of threads: runs, rows and fits are independent
//! pure functions of their index, `collect` keeps their order, and every sum is taken
//! afterwards in that order.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::core::biasvar::{self, BiasVarianceConfig, CrossValidation, Decomposition, RepeatFit};
use crate::core::landscape::{self, Grid, GridSpec, Layer};
use crate::core::network::directions::{self, BiasDirection, DirectionError};
use crate::core::network::mlp::{DataSplit, Mlp};
use crate::core::network::plane::{MlpRows, Plane};
use crate::core::surface::ShiftedCopies;
use crate::core::sweep::{self, CellResult, SweepProblem, SweepSpec};
use crate::core::train::{self, Trajectory};
use crate::preset::{NetworkExperiment, PlaneCentre, PlaneKind, SurfaceExperiment};

/// Trains every run of `experiment` on `problem` in parallel, in run order.
#[must_use]
pub fn train_all(
    experiment: &SurfaceExperiment,
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
    let rows_of = landscape::GridRows::new(problem, layer, spec);
    grid_by_rows(spec, layer, cancel, on_rows_done, |i, row| {
        rows_of.fill(i, row)
    })
}

/// The grid whose row `i` `fill_row(i, row)` writes, rows in parallel; `None` when
/// cancelled. Rows are independent and `collect` keeps their order, so the grid does not
/// depend on the number of threads. The one row loop behind every landscape.
fn grid_by_rows(
    spec: GridSpec,
    layer: Layer,
    cancel: &AtomicBool,
    on_rows_done: &(dyn Fn(usize) + Sync),
    fill_row: impl Fn(usize, &mut [f64]) + Sync,
) -> Option<Grid> {
    let done = AtomicUsize::new(0);
    let rows: Option<Vec<Vec<f64>>> = (0..spec.ny)
        .into_par_iter()
        .map(|i| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let mut row = vec![0.0; spec.nx];
            fill_row(i, &mut row);
            on_rows_done(done.fetch_add(1, Ordering::Relaxed) + 1);
            Some(row)
        })
        .collect();
    rows.map(|rows| landscape::grid_from_rows(spec, layer, rows))
}

/// One piece of the bias–variance sweep: a repeat fit or the cross-validation of one
/// complexity.
enum SweepPiece {
    Fit(RepeatFit),
    Cv(CrossValidation),
}

/// The bias–variance decomposition at every complexity of `config` (in the config's order):
/// the R repeat fits ([`biasvar::fit_repeat`]) and the cross-validation of every complexity
/// run in parallel as `C × (R + 1)` independent pieces, then [`biasvar::aggregate`] folds
/// each complexity's fits in repeat order, so the numbers are the same on any number of
/// threads (and equal to [`biasvar::decompose_all`]). `on_pieces_done(done, total)` is
/// called as pieces finish (from worker threads). Returns `None` when cancelled. `config`
/// must be validated.
#[must_use]
pub fn bias_variance(
    config: &BiasVarianceConfig,
    cancel: &AtomicBool,
    on_pieces_done: &(dyn Fn(usize, usize) + Sync),
) -> Option<Vec<Decomposition>> {
    let per_complexity = config.repeats + 1;
    let total = config.complexities.len() * per_complexity;
    let done = AtomicUsize::new(0);
    let pieces: Option<Vec<SweepPiece>> = (0..total)
        .into_par_iter()
        .map(|i| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let complexity = config.complexities[i / per_complexity];
            let r = i % per_complexity;
            let piece = if r < config.repeats {
                SweepPiece::Fit(biasvar::fit_repeat(config, complexity, r))
            } else {
                SweepPiece::Cv(biasvar::cross_validate(config, complexity))
            };
            on_pieces_done(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            Some(piece)
        })
        .collect();
    let mut pieces = pieces?.into_iter();
    let mut sweep = Vec::with_capacity(config.complexities.len());
    for &complexity in &config.complexities {
        let mut fits = Vec::with_capacity(config.repeats);
        let mut cv = None;
        for piece in pieces.by_ref().take(per_complexity) {
            match piece {
                SweepPiece::Fit(fit) => fits.push(fit),
                SweepPiece::Cv(c) => cv = Some(c),
            }
        }
        // Piece R of every complexity is its cross-validation (by construction above).
        let cv = cv?;
        sweep.push(biasvar::aggregate(config, complexity, fits, &cv));
    }
    Some(sweep)
}

/// Trains every run of a network experiment on `mlp` in parallel, in run order, all from the
/// same initial weights `start`.
#[must_use]
pub fn train_network(
    experiment: &NetworkExperiment,
    mlp: &Mlp,
    start: &[f64],
    cancel: &AtomicBool,
) -> Vec<Trajectory> {
    experiment
        .runs
        .par_iter()
        .enumerate()
        .map(|(i, run)| {
            train::train(
                mlp,
                run,
                i,
                start,
                experiment.steps,
                experiment.seed,
                cancel,
            )
        })
        .collect()
}

/// The plane of a network experiment's view and every run's coordinates on it.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkPlane {
    /// `θ(a, b) = θ₀ + a·d₁ + b·d₂`.
    pub plane: Plane,
    /// Per run, the plane coordinates `(a, b)` of every recorded point.
    pub coords: Vec<Vec<[f64; 2]>>,
    /// For the PCA plane, the explained variance ratio of each axis.
    pub explained_variance_ratio: Option<[f64; 2]>,
    /// Per run and point, the distance ‖θ − θ_plane‖ from the point to the plane.
    pub distances: Vec<Vec<f64>>,
    /// Per run and point, the full-batch training loss at the projected point: the surface
    /// value drawn under the path (compare with the true loss at the point).
    pub plane_losses: Vec<Vec<f64>>,
}

/// Train and test accuracy of one run at evenly spaced steps (classification only).
#[derive(Clone, Debug, PartialEq)]
pub struct AccuracyCurve {
    /// The steps measured (0 and the run's last step among them).
    pub steps: Vec<usize>,
    /// Training accuracy at each of `steps`, in [0, 1].
    pub train: Vec<f64>,
    /// Test accuracy at each of `steps`, in [0, 1].
    pub test: Vec<f64>,
}

/// At most `points` evenly spaced indices of `0..len`, the first and the last always among
/// them, ascending and distinct.
#[must_use]
pub fn checkpoints(len: usize, points: usize) -> Vec<usize> {
    if len == 0 || points == 0 {
        return Vec::new();
    }
    if len <= points || points == 1 {
        return if points == 1 {
            vec![len - 1]
        } else {
            (0..len).collect()
        };
    }
    let last = len - 1;
    let mut out: Vec<usize> = (0..points)
        .map(|k| (k * last + (points - 1) / 2) / (points - 1))
        .collect();
    out.dedup();
    out
}

/// The accuracy curves of every run at up to `points` checkpoints each, checkpoints in
/// parallel; empty curves for regression (no accuracy). Checked against `cancel` per run.
#[must_use]
pub fn accuracy_curves(
    mlp: &Mlp,
    trajectories: &[Trajectory],
    points: usize,
    cancel: &AtomicBool,
) -> Vec<AccuracyCurve> {
    trajectories
        .iter()
        .map(|t| {
            let steps = if t.is_empty()
                || cancel.load(Ordering::Relaxed)
                || mlp.accuracy(t.point(0), DataSplit::Train).is_none()
            {
                Vec::new()
            } else {
                checkpoints(t.len(), points)
            };
            let pairs: Vec<(f64, f64)> = steps
                .par_iter()
                .map(|&k| {
                    let theta = t.point(k);
                    (
                        mlp.accuracy(theta, DataSplit::Train).unwrap_or(f64::NAN),
                        mlp.accuracy(theta, DataSplit::Test).unwrap_or(f64::NAN),
                    )
                })
                .collect();
            let (train, test) = pairs.into_iter().unzip();
            AccuracyCurve { steps, train, test }
        })
        .collect()
}

/// The last recorded weights of a trajectory (its start if nothing else was recorded); an
/// error when not even the start was recorded (a start with a non-finite loss).
fn final_params(trajectory: &Trajectory) -> Result<&[f64], DirectionError> {
    if trajectory.is_empty() {
        return Err(DirectionError::TooFewPoints { points: 0 });
    }
    Ok(trajectory.point(trajectory.len() - 1))
}

/// Builds the plane of `experiment.view.plane` from the trained `trajectories`:
/// "random": filter-normalized random directions centred on run 0's final weights (fixed by
/// the seed); "pca": the top two principal directions of all runs' points, centred on run 0's
/// final weights; "solutions": through run 0's (a = 0) and run 1's (a = 1) final weights.
///
/// # Errors
/// A [`DirectionError`] when the plane is degenerate (no runs, a trajectory without spread,
/// two identical solutions).
pub fn network_plane(
    experiment: &NetworkExperiment,
    mlp: &Mlp,
    trajectories: &[Trajectory],
) -> Result<NetworkPlane, DirectionError> {
    let arch = mlp.architecture();
    let Some(first) = trajectories.first() else {
        return Err(DirectionError::TooFewPoints { points: 0 });
    };
    let (plane, explained_variance_ratio) = match experiment.view.plane {
        PlaneKind::Random => {
            let centre = match experiment.view.centre {
                PlaneCentre::Final => final_params(first)?,
                // The start is recorded whenever the final point is; `point` clamps a step
                // past the run's end to its last point.
                PlaneCentre::Start => final_params(first).map(|_| first.point(0))?,
                PlaneCentre::Step(step) => final_params(first).map(|_| first.point(step))?,
            };
            (
                directions::random_plane(arch, centre, experiment.seed, BiasDirection::Zero)?,
                None,
            )
        }
        PlaneKind::Solutions => {
            let Some(second) = trajectories.get(1) else {
                return Err(DirectionError::TooFewPoints { points: 1 });
            };
            (
                directions::solutions_plane(
                    arch,
                    final_params(first)?,
                    final_params(second)?,
                    experiment.seed,
                    BiasDirection::Zero,
                )?,
                None,
            )
        }
        PlaneKind::Pca => {
            // Run 0 last, so that the PCA is centred on its final weights.
            let mut params = Vec::new();
            for t in trajectories.iter().skip(1) {
                params.extend_from_slice(&t.params);
            }
            params.extend_from_slice(&first.params);
            let pca = directions::pca_plane(&params, arch.dim(), PCA_FIT_POINTS)?;
            (pca.plane, Some(pca.explained_variance_ratio))
        }
    };
    let coords: Vec<Vec<[f64; 2]>> = trajectories
        .iter()
        .map(|t| plane.project_points(&t.params))
        .collect();
    let honesty: Vec<(Vec<f64>, Vec<f64>)> = trajectories
        .par_iter()
        .zip(&coords)
        .map(|(t, run_coords)| {
            let distances = t
                .params
                .chunks_exact(t.dim.max(1))
                .map(|point| plane.distance_from_plane(point))
                .collect();
            let losses = run_coords
                .iter()
                .map(|&[a, b]| mlp.loss_on(&plane.params_from_plane(a, b), DataSplit::Train))
                .collect();
            (distances, losses)
        })
        .collect();
    let (distances, plane_losses) = honesty.into_iter().unzip();
    Ok(NetworkPlane {
        plane,
        coords,
        explained_variance_ratio,
        distances,
        plane_losses,
    })
}

/// Points of a trajectory the PCA is fitted on at most (evenly spaced; all are projected).
const PCA_FIT_POINTS: usize = 2048;

/// Evaluates a network landscape grid on `plane` with rows in parallel ([`MlpRows`]).
/// `on_rows_done(done)` is called as rows finish. Returns `None` when cancelled. Every cell
/// is a pure function of its coordinates, so the grid is the same on any number of threads.
#[must_use]
pub fn network_grid(
    mlp: &Mlp,
    plane: &Plane,
    layer: Layer,
    spec: GridSpec,
    cancel: &AtomicBool,
    on_rows_done: &(dyn Fn(usize) + Sync),
) -> Option<Grid> {
    let rows_of = MlpRows::new(mlp, plane, layer, spec);
    grid_by_rows(spec, layer, cancel, on_rows_done, |i, row| {
        rows_of.fill(i, row)
    })
}

/// Runs every cell of a batch-size sweep on `problem` in parallel
/// ([`crate::core::sweep::run_cell`]), in the order of [`SweepSpec::cells`]. Each cell is a
/// pure function of its (batch size, lr, seed), so the results are the same bits on any
/// number of threads. `progress(done, total)` is called after each cell (from any worker
/// thread); `cancel` stops the remaining cells, which then report
/// [`crate::core::train::RunStatus::Cancelled`].
#[must_use]
pub fn sweep<P: SweepProblem + Sync + ?Sized>(
    problem: &P,
    spec: &SweepSpec,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<CellResult> {
    let cells = spec.cells(problem.n_train());
    let total = cells.len();
    let done = AtomicUsize::new(0);
    cells
        .par_iter()
        .with_max_len(1)
        .map(|cell| {
            let result = sweep::run_cell(problem, spec, cell, cancel);
            let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
            progress(finished, total);
            result
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn checkpoints_are_even_and_keep_both_ends() {
        assert_eq!(super::checkpoints(11, 3), vec![0, 5, 10]);
        assert_eq!(super::checkpoints(301, 4), vec![0, 100, 200, 300]);
        assert_eq!(super::checkpoints(5, 60), vec![0, 1, 2, 3, 4]);
        assert_eq!(super::checkpoints(7, 1), vec![6]);
        assert!(super::checkpoints(0, 10).is_empty());
        let many = super::checkpoints(1001, 60);
        assert_eq!(many.len(), 60);
        assert_eq!((many[0], many[59]), (0, 1000));
        assert!(many.windows(2).all(|w| w[0] < w[1]));
    }

    use super::*;

    fn small_config() -> BiasVarianceConfig {
        BiasVarianceConfig {
            complexities: vec![1, 3, 6],
            repeats: 9,
            bag_sets: 2,
            bag_size: 3,
            test_points: 30,
            seed: 5,
            ..BiasVarianceConfig::default()
        }
    }

    #[test]
    fn bias_variance_sweep_equals_the_sequential_one_on_one_or_two_threads() {
        let config = small_config();
        let sequential = biasvar::decompose_all(&config);
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool");
            let never = AtomicBool::new(false);
            let calls = AtomicUsize::new(0);
            let parallel = pool
                .install(|| {
                    bias_variance(&config, &never, &|_, total| {
                        assert_eq!(total, 3 * 10);
                        calls.fetch_add(1, Ordering::Relaxed);
                    })
                })
                .expect("not cancelled");
            assert_eq!(parallel, sequential, "{threads} threads");
            assert_eq!(calls.load(Ordering::Relaxed), 30);
        }
    }

    #[test]
    fn a_cancelled_sweep_returns_nothing() {
        let cancel = AtomicBool::new(true);
        assert!(bias_variance(&small_config(), &cancel, &|_, _| {}).is_none());
    }
}
