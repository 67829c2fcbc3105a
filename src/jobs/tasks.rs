//! The parallel computations behind the GUI and the CLI: every run of a surface experiment
//! trained at once, the bias–variance sweep by (complexity, repeat), and batch-size sweeps by
//! cell. Landscape grids are in [`super::grid`], the network pipeline in [`super::network`].
//! They use the current rayon pool (the app's named pool inside a job, the global pool in the
//! CLI). Results do not depend on the number of threads: runs, rows and fits are independent
//! pure functions of their index, `collect` keeps their order, and every sum is taken
//! afterwards in that order.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::core::biasvar::observed::{self, Estimate, HeldOut, ResampleFit};
use crate::core::biasvar::{self, BiasVarianceConfig, CrossValidation, Decomposition, RepeatFit};
use crate::core::objective::Objective;
use crate::core::surface::ShiftedCopies;
use crate::core::sweep::{self, CellResult, SweepProblem, SweepSpec};
use crate::core::train::{self, Keep, RunSpec, Trajectory};
use crate::preset::SurfaceExperiment;

/// Trains every run of `experiment` on `problem` in parallel, in run order, keeping every
/// point.
#[must_use]
pub fn train_all(
    experiment: &SurfaceExperiment,
    problem: &ShiftedCopies,
    cancel: &AtomicBool,
) -> Vec<Trajectory> {
    train_all_keeping(experiment, problem, Keep::Every, cancel)
}

/// [`train_all`], the runs' points kept as `keep` says for the whole training
/// ([`train_runs`]).
#[must_use]
pub fn train_all_keeping(
    experiment: &SurfaceExperiment,
    problem: &ShiftedCopies,
    keep: Keep,
    cancel: &AtomicBool,
) -> Vec<Trajectory> {
    train_runs(
        problem,
        &experiment.runs,
        &experiment.training.start,
        experiment.training.steps,
        experiment.seed,
        keep,
        cancel,
    )
}

/// Trains each of `runs` on `objective` in parallel, in run order, all from `start` for
/// `steps` steps with the experiment's `seed` (run `i` draws its batches from stream `i`).
/// `keep` is for the whole training: each run keeps its even share ([`Keep::per_run`]).
#[must_use]
pub fn train_runs(
    objective: &dyn Objective,
    runs: &[RunSpec],
    start: &[f64],
    steps: usize,
    seed: u64,
    keep: Keep,
    cancel: &AtomicBool,
) -> Vec<Trajectory> {
    let keep = keep.per_run(runs.len());
    runs.par_iter()
        .enumerate()
        .map(|(i, run)| train::train_keeping(objective, run, i, start, steps, seed, keep, cancel))
        .collect()
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

/// The bias–variance estimate on a person's own data at every complexity of `config` (in
/// the config's order): the B bootstrap fits of every complexity
/// ([`biasvar::observed::fit_resample`]) run in parallel as `C × B` independent pieces, then
/// [`biasvar::observed::estimate`] folds each complexity's fits in resample order, so the
/// numbers are the same on any number of threads (and equal to
/// [`biasvar::observed::estimate_all`]). `on_pieces_done(done, total)` is called as pieces
/// finish. Returns `None` when cancelled. `config` must be validated.
#[must_use]
pub fn bias_variance_observed(
    config: &BiasVarianceConfig,
    held: &HeldOut,
    cancel: &AtomicBool,
    on_pieces_done: &(dyn Fn(usize, usize) + Sync),
) -> Option<Vec<Estimate>> {
    let per_complexity = config.repeats.max(1);
    let total = config.complexities.len() * per_complexity;
    let done = AtomicUsize::new(0);
    let fits: Option<Vec<ResampleFit>> = (0..total)
        .into_par_iter()
        .map(|i| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let complexity = config.complexities[i / per_complexity];
            let fit = observed::fit_resample(config, held, complexity, i % per_complexity);
            on_pieces_done(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            Some(fit)
        })
        .collect();
    let mut fits = fits?.into_iter();
    Some(
        config
            .complexities
            .iter()
            .map(|&complexity| {
                let these = fits.by_ref().take(per_complexity).collect();
                observed::estimate(config, held, complexity, these)
            })
            .collect(),
    )
}

/// Runs every cell of a batch-size sweep on `problem` in parallel
/// ([`crate::core::sweep::run_cell`]) and returns them in the order of [`SweepSpec::cells`].
/// The cells are started most expensive first ([`crate::core::sweep::SweepCell::work`]):
/// each of the pool's threads takes the next one from that list as it becomes free, so the
/// long full-batch cells do not end up running alone at the end (a full-batch gradient of
/// 256 samples or more also splits across two threads when one is idle). Each cell is a
/// pure function of its (batch size, lr, BN batch, seed), so the results are the same bits on
/// any number of threads. `progress(done, total)` is called after each cell (from any worker
/// thread); `cancel` stops the remaining cells, which then report
/// [`crate::core::train::RunStatus::Cancelled`].
#[must_use]
pub fn sweep<P: SweepProblem + Sync + ?Sized>(
    problem: &P,
    spec: &SweepSpec,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<CellResult> {
    let n = problem.n_train();
    let cells = spec.cells(n);
    let total = cells.len();
    // Most work first; equal work in the spec's order (a stable sort).
    let mut order: Vec<usize> = (0..total).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cells[i].work(n)));
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Vec<OnceLock<CellResult>> = (0..total).map(|_| OnceLock::new()).collect();
    rayon::scope(|scope| {
        for _ in 0..rayon::current_num_threads().min(total) {
            scope.spawn(|_| {
                while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let result = sweep::run_cell(problem, spec, &cells[i], cancel);
                    // Each index is taken once, so the slot is empty.
                    let _ = results[i].set(result);
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                }
            });
        }
    });
    // Every index was taken by some thread before the scope ended.
    results
        .into_iter()
        .filter_map(OnceLock::into_inner)
        .collect()
}

#[cfg(test)]
mod tests {
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

/// The Playground's runs ([`train_all_keeping`] within [`Keep::WINDOW`]) as a
/// [`super::task::Task`].
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SurfaceTrainingTask {
    /// The Playground's experiment.
    pub experiment: SurfaceExperiment,
}

impl super::task::Task for SurfaceTrainingTask {
    const KIND: &'static str = "surface-training";
    type Progress = ();
    type Output = Vec<Trajectory>;

    fn run(self, ctx: &super::JobCtx<(), Self::Output>) -> Self::Output {
        let e = &self.experiment;
        let problem = e.problem.build(e.seed);
        train_all_keeping(e, &problem, Keep::WINDOW, ctx.cancel_flag())
    }
}

/// The Playground's landscape (its view's grid of its surface, coarse first) as a
/// [`super::task::Task`].
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SurfaceLandscapeTask {
    /// The Playground's experiment.
    pub experiment: SurfaceExperiment,
}

impl super::task::Task for SurfaceLandscapeTask {
    const KIND: &'static str = "surface-landscape";
    type Progress = super::grid::GridProgress;
    type Output = Option<crate::core::landscape::Grid>;

    fn run(self, ctx: &super::JobCtx<Self::Progress, Self::Output>) -> Self::Output {
        let e = &self.experiment;
        let problem = e.problem.build(e.seed);
        let spec = crate::core::landscape::GridSpec::square(e.view.x, e.view.y, e.view.resolution);
        let landscape = super::grid::Landscape::Surface {
            problem: &problem,
            layer: e.view.layer,
        };
        landscape.progressive(spec, ctx.cancel_flag(), &|p| ctx.progress(p))
    }
}

/// The bias–variance sweep on the config's own data ([`bias_variance`]) as a
/// [`super::task::Task`]: progress in 2 % steps.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct BiasVarianceTask {
    /// The lab's config.
    pub config: BiasVarianceConfig,
}

impl super::task::Task for BiasVarianceTask {
    const KIND: &'static str = "bias-variance";
    type Progress = f32;
    type Output = Option<Vec<Decomposition>>;

    fn run(self, ctx: &super::JobCtx<f32, Self::Output>) -> Self::Output {
        let step = super::ProgressStep::default();
        bias_variance(&self.config, ctx.cancel_flag(), &|done, total| {
            ctx.fraction(&step, done, total);
        })
    }
}

/// The bias–variance estimates on observed data ([`bias_variance_observed`], split by the
/// config's seed) as a [`super::task::Task`]: progress in 2 % steps.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ObservedBiasVarianceTask {
    /// The lab's config.
    pub config: BiasVarianceConfig,
    /// The data read from a file.
    pub data: std::sync::Arc<observed::Observations>,
}

impl super::task::Task for ObservedBiasVarianceTask {
    const KIND: &'static str = "bias-variance-observed";
    type Progress = f32;
    type Output = Option<(HeldOut, Vec<Estimate>)>;

    fn run(self, ctx: &super::JobCtx<f32, Self::Output>) -> Self::Output {
        let step = super::ProgressStep::default();
        let held = HeldOut::split(&self.data, self.config.seed);
        bias_variance_observed(&self.config, &held, ctx.cancel_flag(), &|done, total| {
            ctx.fraction(&step, done, total);
        })
        .map(|estimates| (held, estimates))
    }
}
