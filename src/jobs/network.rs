//! The Network lab's pipeline, once, for the app, the CLI and the figures: build the MLP on
//! its data, initialise it and train every run from the same weights ([`train`]); measure
//! accuracy at checkpoints; build the plane of the view and project the paths onto it
//! ([`network_plane`]); then the landscape on the plane, a quarter-resolution pass first and
//! the full grid by rows ([`crate::jobs::grid`]).
//!
//! [`run`] reports each stage as it lands ([`NetworkProgress`]: the trained runs, the plane,
//! the coarse grid, the fraction of rows) and returns the full grid with everything it was
//! made of ([`NetworkLandscape`]). Started from runs already trained ([`Start::Trained`]) it
//! goes straight to the plane: a change of plane, centre, layer, range or resolution needs no
//! retraining. [`run_headless`] is the same path without the lab's extras (accuracy curves,
//! coarse pass, reports), for `basin landscape` and `basin render`.
//!
//! Memory: the lab's pipeline keeps the runs' parameter vectors within
//! [`crate::core::train::WINDOW_RECORD_BUDGET`] (every k-th step and the last,
//! [`crate::core::train::Keep`]); the PCA is fitted on those stored points, the paths, their
//! distances from the plane and the losses under them are computed at the stored points and
//! held until the next one ([`NetworkPlane`]), and the accuracy is measured at stored points.
//! Headless, every point is kept, so the command line's files hold every step.
//!
//! Everything runs on the current rayon pool; the results do not depend on its size.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::grid::{GridProgress, Landscape};
use crate::core::landscape::{Grid, GridSpec};
use crate::core::network::NetworkError;
use crate::core::network::directions::{self, BiasDirection, DirectionError};
use crate::core::network::mlp::{DataSplit, Mlp, MlpError};
use crate::core::network::plane::NetworkPlane;
use crate::core::train::{Keep, Trajectory};
use crate::preset::{NetworkExperiment, PlaneCentre, PlaneKind};

/// Accuracy checkpoints per run in the lab ([`run`]).
pub const ACCURACY_POINTS: usize = 80;
/// Points of a trajectory the PCA is fitted on at most (evenly spaced; all are projected).
const PCA_FIT_POINTS: usize = 2048;

/// Why the pipeline stopped short.
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum PipelineError {
    /// The dataset or the architecture is out of range.
    #[error("cannot build the network: {0}")]
    Build(#[from] NetworkError),
    /// The plane of the view is degenerate (no runs, a run without spread, two identical
    /// solutions, every run diverged at its start).
    #[error("no {} plane: {error}", kind.name())]
    Plane {
        /// The plane asked for.
        kind: PlaneKind,
        /// Why it cannot be made.
        error: DirectionError,
    },
    /// A run's recorded running statistics do not fit the network (BatchNorm).
    #[error("cannot measure in eval mode: {0}")]
    Running(MlpError),
    /// The cancel flag was set.
    #[error("cancelled")]
    Cancelled,
}

/// The network built from its experiment and every run trained on it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct TrainedNetwork {
    /// The network on its train and test sets.
    pub mlp: Arc<Mlp>,
    /// One per run, in run order, with the stored parameter vectors (every point headless,
    /// within [`crate::core::train::WINDOW_RECORD_BUDGET`] in the lab).
    pub trajectories: Arc<Vec<Trajectory>>,
    /// One per run (empty curves for regression, or when no checkpoints were asked for).
    pub accuracy: Vec<AccuracyCurve>,
}

/// Train and test accuracy of one run at evenly spaced steps (classification only).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AccuracyCurve {
    /// The steps measured (0 and the run's last step among them).
    pub steps: Vec<usize>,
    /// Training accuracy at each of `steps`, in [0, 1].
    pub train: Vec<f64>,
    /// Test accuracy at each of `steps`, in [0, 1].
    pub test: Vec<f64>,
}

/// Where [`run`] starts.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum Start {
    /// Build the network and train every run first.
    Train,
    /// Reuse runs trained for the same data, model and training (only the view changed).
    Trained(Arc<TrainedNetwork>),
}

impl Start {
    /// The stage the pipeline begins with.
    #[must_use]
    pub fn stage(&self) -> Stage {
        match self {
            Self::Train => Stage::Training,
            Self::Trained(_) => Stage::Plane,
        }
    }
}

/// What the pipeline is working on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Stage {
    /// Training the runs (and measuring their accuracy).
    Training,
    /// Building the plane and projecting the paths.
    Plane,
    /// The landscape grid, this fraction of the full grid's rows done.
    Landscape(f32),
}

/// What [`run`] reports, in this order: `Trained` (unless started from trained runs),
/// `Plane`, `Grid(Coarse)`, then `Grid(Rows)` increasing to 1.0. The full grid is the result.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum NetworkProgress {
    /// The runs are trained and their accuracy measured.
    Trained(Arc<TrainedNetwork>),
    /// The plane is known and the paths projected onto it.
    Plane(Arc<NetworkPlane>),
    /// The landscape: the coarse pass, then the fraction of rows done.
    Grid(GridProgress),
}

impl NetworkProgress {
    /// The stage the pipeline is in once this has been reported.
    #[must_use]
    pub fn stage(&self) -> Stage {
        match self {
            Self::Trained(_) => Stage::Plane,
            Self::Plane(_) | Self::Grid(GridProgress::Coarse(_)) => Stage::Landscape(0.0),
            Self::Grid(GridProgress::Rows(f)) => Stage::Landscape(*f),
        }
    }
}

/// Everything one pipeline made: the trained runs, the plane with the paths, the full grid.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct NetworkLandscape {
    /// The network and its runs (those [`Start::Trained`] handed in, or freshly trained).
    pub trained: Arc<TrainedNetwork>,
    /// The plane of the view with every run projected.
    pub plane: Arc<NetworkPlane>,
    /// The landscape of `view.layer` on the view's grid.
    pub grid: Grid,
    /// The network the grid was measured with: in eval mode with run 0's running statistics
    /// at the plane's centre (BatchNorm), else the trained network itself.
    pub measured: Mlp,
}

/// The lab's pipeline: from `start` to the full grid, every stage reported through `report`
/// as it lands (from the pool's threads; see [`NetworkProgress`] for the order), accuracy
/// measured at [`ACCURACY_POINTS`] checkpoints per run, parameter vectors kept within
/// [`Keep::WINDOW`]. Call it inside `Jobs::spawn` with `report` forwarding to the job's
/// progress.
///
/// # Errors
/// [`PipelineError::Build`] (nothing reported), [`PipelineError::Plane`] (after `Trained`),
/// [`PipelineError::Cancelled`] when `cancel` was set.
pub fn run(
    experiment: &NetworkExperiment,
    start: Start,
    cancel: &AtomicBool,
    report: &(dyn Fn(NetworkProgress) + Sync),
) -> Result<NetworkLandscape, PipelineError> {
    pipeline(experiment, start, Some(report), cancel)
}

/// The pipeline without the lab's extras: trains every run keeping every point (no
/// accuracy curves), builds the plane and evaluates the full grid (no coarse pass, nothing
/// reported). The same runs, plane and grid as [`run`] while the runs fit
/// [`Keep::WINDOW`] (beyond it, [`run`] keeps fewer points and its PCA plane is fitted on
/// them).
///
/// # Errors
/// As [`run`].
pub fn run_headless(
    experiment: &NetworkExperiment,
    cancel: &AtomicBool,
) -> Result<NetworkLandscape, PipelineError> {
    pipeline(experiment, Start::Train, None, cancel)
}

/// The one path behind [`run`] and [`run_headless`]; `report` is `None` headless.
fn pipeline(
    experiment: &NetworkExperiment,
    start: Start,
    report: Option<&(dyn Fn(NetworkProgress) + Sync)>,
    cancel: &AtomicBool,
) -> Result<NetworkLandscape, PipelineError> {
    let cancelled = || cancel.load(Ordering::Relaxed);
    let trained = match start {
        Start::Trained(trained) => trained,
        Start::Train => {
            let (points, keep) = if report.is_some() {
                (ACCURACY_POINTS, Keep::WINDOW)
            } else {
                (0, Keep::Every)
            };
            let trained = Arc::new(train(experiment, points, keep, cancel)?);
            if let Some(report) = report {
                report(NetworkProgress::Trained(Arc::clone(&trained)));
            }
            trained
        }
    };
    if cancelled() {
        return Err(PipelineError::Cancelled);
    }
    let plane =
        network_plane(experiment, &trained.mlp, &trained.trajectories).map_err(|error| {
            PipelineError::Plane {
                kind: experiment.view.plane,
                error,
            }
        })?;
    let plane = Arc::new(plane);
    if let Some(report) = report {
        report(NetworkProgress::Plane(Arc::clone(&plane)));
    }
    let view = &experiment.view;
    // BatchNorm: the grid is measured in eval mode with run 0's running statistics at the
    // plane's centre.
    let measured = match trained.trajectories.first() {
        Some(first) => at_state(&trained.mlp, first, view.centre_point(first.len()))
            .map_err(PipelineError::Running)?,
        None => (*trained.mlp).clone(),
    };
    let spec = GridSpec::square(
        plane.scaled_range(view.x),
        plane.scaled_range(view.y),
        view.resolution,
    );
    let landscape = Landscape::Network {
        mlp: &measured,
        plane: &plane.plane,
        layer: view.layer,
    };
    let grid = match report {
        Some(report) => landscape.progressive(spec, cancel, &|p| report(NetworkProgress::Grid(p))),
        None => landscape.grid(spec, cancel),
    }
    .ok_or(PipelineError::Cancelled)?;
    Ok(NetworkLandscape {
        trained,
        plane,
        grid,
        measured,
    })
}

/// The network measured in eval mode at point `point` of `trajectory`: with BatchNorm, its
/// running statistics recorded there; without, the network itself.
///
/// # Errors
/// If the recorded statistics do not fit the network.
pub fn at_state(mlp: &Mlp, trajectory: &Trajectory, point: usize) -> Result<Mlp, MlpError> {
    if mlp.architecture().batchnorm() {
        mlp.with_running(trajectory.state(point))
    } else {
        Ok(mlp.clone())
    }
}

/// Builds the MLP of `experiment` on its data, initialises it (seeded) and trains every run
/// from those weights in parallel, in run order, keeping points as `keep` says for the whole
/// training; then measures each run's accuracy at up to `accuracy_points` checkpoints (0:
/// none).
///
/// # Errors
/// [`PipelineError::Build`] if the network cannot be built, [`PipelineError::Cancelled`] if
/// `cancel` was set (runs stopped short).
pub fn train(
    experiment: &NetworkExperiment,
    accuracy_points: usize,
    keep: Keep,
    cancel: &AtomicBool,
) -> Result<TrainedNetwork, PipelineError> {
    let mlp = experiment.build_mlp()?;
    let start = NetworkExperiment::initial_params(&mlp, experiment.seed);
    let trajectories = train_network_keeping(experiment, &mlp, &start, keep, cancel);
    if cancel.load(Ordering::Relaxed) {
        return Err(PipelineError::Cancelled);
    }
    let accuracy = accuracy_curves(&mlp, &trajectories, accuracy_points, cancel);
    Ok(TrainedNetwork {
        mlp: Arc::new(mlp),
        trajectories: Arc::new(trajectories),
        accuracy,
    })
}

/// Trains every run of a network experiment on `mlp` in parallel, in run order, all from the
/// same initial weights `start`, keeping every point.
#[must_use]
pub fn train_network(
    experiment: &NetworkExperiment,
    mlp: &Mlp,
    start: &[f64],
    cancel: &AtomicBool,
) -> Vec<Trajectory> {
    train_network_keeping(experiment, mlp, start, Keep::Every, cancel)
}

/// [`train_network`], keeping points as `keep` says for the whole training
/// ([`crate::jobs::tasks::train_runs`]).
#[must_use]
pub fn train_network_keeping(
    experiment: &NetworkExperiment,
    mlp: &Mlp,
    start: &[f64],
    keep: Keep,
    cancel: &AtomicBool,
) -> Vec<Trajectory> {
    super::tasks::train_runs(
        mlp,
        &experiment.runs,
        start,
        experiment.steps,
        experiment.seed,
        keep,
        cancel,
    )
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
/// parallel; empty curves for regression (no accuracy). The checkpoints are evenly spaced
/// among the stored points ([`Trajectory::stored_steps`]; every step when all are stored),
/// so each is measured with the weights of its own step. Checked against `cancel` per run.
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
                let stored = t.stored_steps();
                checkpoints(stored.len(), points)
                    .into_iter()
                    .map(|k| stored[k])
                    .collect()
            };
            let pairs: Vec<(f64, f64)> = steps
                .par_iter()
                .map(|&k| {
                    let theta = t.point(k);
                    // Eval mode with the running statistics of step k (BatchNorm).
                    let Ok(eval) = at_state(mlp, t, k) else {
                        return (f64::NAN, f64::NAN);
                    };
                    (
                        eval.accuracy(theta, DataSplit::Train).unwrap_or(f64::NAN),
                        eval.accuracy(theta, DataSplit::Test).unwrap_or(f64::NAN),
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
/// "random": filter-normalized random directions centred on run 0's final weights (or its
/// start, or a step — the nearest stored point at or before it —, as `view.centre` says;
/// fixed by the seed); "pca": the top two principal directions of all runs' stored points,
/// centred on run 0's final weights; "solutions": through run 0's (a = 0) and run 1's (a = 1)
/// final weights; "hessian": the unit eigenvectors of the two largest eigenvalues of the
/// training-loss Hessian at the random plane's centre (in eval mode with run 0's running
/// statistics there, for BatchNorm; [`directions::hessian_plane`]), the eigenvalues kept in
/// [`NetworkPlane::eigenvalues`], the view's range then counting in steps of
/// [`directions::hessian_range_unit`] ([`NetworkPlane::scaled_range`]). Then every run's
/// stored points are projected, with their distance from the
/// plane and the training loss under them, and spread over every step: step `s` gets the
/// values of [`Trajectory::stored_step`] of `s` (itself when every point is stored), so the
/// results are indexed by step.
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
    let centre = || match experiment.view.centre {
        PlaneCentre::Final => final_params(first),
        // The start is recorded whenever the final point is; `point` clamps a step past the
        // run's end to its last point.
        PlaneCentre::Start => final_params(first).map(|_| first.point(0)),
        PlaneCentre::Step(step) => final_params(first).map(|_| first.point(step)),
    };
    let mut eigenvalues = None;
    let (plane, explained_variance_ratio) = match experiment.view.plane {
        PlaneKind::Random => (
            directions::random_plane(arch, centre()?, experiment.seed, BiasDirection::Zero)?,
            None,
        ),
        PlaneKind::Hessian => {
            let centre = centre()?;
            // In eval mode with run 0's running statistics at the centre (BatchNorm), as the
            // grid is measured.
            let measured = at_state(mlp, first, experiment.view.centre_point(first.len()))
                .map_err(|e| DirectionError::Running(e.to_string()))?;
            let h = directions::hessian_plane(
                &measured,
                centre,
                &directions::HESSIAN_PLANE_POWER,
                experiment.seed,
            )?;
            eigenvalues = Some(h.eigenvalues);
            (h.plane, None)
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
    let stored_coords: Vec<Vec<[f64; 2]>> = trajectories
        .iter()
        .map(|t| plane.project_points(&t.params))
        .collect();
    let honesty: Vec<(Vec<f64>, Vec<f64>)> = trajectories
        .par_iter()
        .zip(&stored_coords)
        .map(|(t, run_coords)| {
            let distances: Vec<f64> = t
                .params
                .chunks_exact(t.dim.max(1))
                .map(|point| plane.distance_from_plane(point))
                .collect();
            let losses: Vec<f64> = run_coords
                .iter()
                .map(|&[a, b]| mlp.loss_on(&plane.params_from_plane(a, b), DataSplit::Train))
                .collect();
            (every_step(t, distances), every_step(t, losses))
        })
        .collect();
    let (distances, plane_losses) = honesty.into_iter().unzip();
    let coords = trajectories
        .iter()
        .zip(stored_coords)
        .map(|(t, run_coords)| every_step(t, run_coords))
        .collect();
    Ok(NetworkPlane {
        plane,
        coords,
        explained_variance_ratio,
        eigenvalues,
        distances,
        plane_losses,
    })
}

/// Values of the stored points of `t` (one per row of its `params`) spread over its steps:
/// step `s` gets the value of its stored point at or before it ([`Trajectory::stored_index`]).
/// The values themselves when every point is stored.
fn every_step<T: Copy>(t: &Trajectory, stored: Vec<T>) -> Vec<T> {
    if t.stride <= 1 || stored.is_empty() {
        return stored;
    }
    (0..t.len())
        .map(|s| stored[t.stored_index(s).min(stored.len() - 1)])
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::core::landscape::Layer;
    use crate::preset::{self, Preset};

    #[test]
    fn checkpoints_are_even_and_keep_both_ends() {
        assert_eq!(checkpoints(11, 3), vec![0, 5, 10]);
        assert_eq!(checkpoints(301, 4), vec![0, 100, 200, 300]);
        assert_eq!(checkpoints(5, 60), vec![0, 1, 2, 3, 4]);
        assert_eq!(checkpoints(7, 1), vec![6]);
        assert!(checkpoints(0, 10).is_empty());
        let many = checkpoints(1001, 60);
        assert_eq!(many.len(), 60);
        assert_eq!((many[0], many[59]), (0, 1000));
        assert!(many.windows(2).all(|w| w[0] < w[1]));
    }

    /// Moons, small and quick: two runs, 40 steps, a 21×21 grid.
    fn small_moons() -> NetworkExperiment {
        let sets: Vec<String> = [
            "problem.n_train=64",
            "problem.n_test=64",
            "problem.hidden=[8]",
            "training.steps=40",
            "view.resolution=21",
        ]
        .map(String::from)
        .to_vec();
        match preset::load("moons", &sets) {
            Ok(Preset::Network(e)) => e,
            other => panic!("moons is a network preset: {other:?}"),
        }
    }

    /// Every report of a pipeline, in order, and its result.
    fn recorded(
        experiment: &NetworkExperiment,
        start: Start,
    ) -> (
        Vec<NetworkProgress>,
        Result<NetworkLandscape, PipelineError>,
    ) {
        let events = Mutex::new(Vec::new());
        let never = AtomicBool::new(false);
        let result = run(experiment, start, &never, &|p| {
            events.lock().expect("lock").push(p);
        });
        (events.into_inner().expect("lock"), result)
    }

    fn bits(grid: &Grid) -> Vec<u64> {
        grid.values.iter().map(|v| v.to_bits()).collect()
    }

    /// The stage names in order, the rows fractions folded into one entry.
    fn stages(events: &[NetworkProgress]) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = events
            .iter()
            .map(|p| match p {
                NetworkProgress::Trained(_) => "trained",
                NetworkProgress::Plane(_) => "plane",
                NetworkProgress::Grid(GridProgress::Coarse(_)) => "coarse",
                NetworkProgress::Grid(GridProgress::Rows(_)) => "rows",
            })
            .collect();
        names.dedup();
        names
    }

    #[test]
    fn the_pipeline_reports_its_stages_in_order_and_reuses_trained_runs() {
        let e = small_moons();
        let (events, result) = recorded(&e, Start::Train);
        let full = result.expect("pipeline");
        assert_eq!(stages(&events), ["trained", "plane", "coarse", "rows"]);
        let NetworkProgress::Trained(trained) = &events[0] else {
            panic!("trained first");
        };
        assert!(Arc::ptr_eq(trained, &full.trained));
        assert_eq!(trained.trajectories.len(), 2);
        assert_eq!(trained.trajectories[0].len(), 41);
        // Moons is a classification: accuracy at checkpoints, from step 0 to the last.
        assert_eq!(trained.accuracy[0].steps.first(), Some(&0));
        assert_eq!(trained.accuracy[0].steps.last(), Some(&40));
        let NetworkProgress::Plane(plane) = &events[1] else {
            panic!("the plane second");
        };
        assert_eq!(plane.coords[1].len(), 41);
        let NetworkProgress::Grid(GridProgress::Coarse(coarse)) = &events[2] else {
            panic!("the coarse grid third");
        };
        assert_eq!(coarse.values.dim(), (5, 5));
        let fractions: Vec<f32> = events[3..]
            .iter()
            .filter_map(|p| match p {
                NetworkProgress::Grid(GridProgress::Rows(f)) => Some(*f),
                _ => None,
            })
            .collect();
        assert!(fractions.windows(2).all(|w| w[0] < w[1]), "{fractions:?}");
        assert_eq!(fractions.last(), Some(&1.0));
        assert_eq!(
            events.last().map(NetworkProgress::stage),
            Some(Stage::Landscape(1.0))
        );
        assert_eq!(full.grid.values.dim(), (21, 21));
        assert!(full.grid.values.iter().all(|v| v.is_finite()));

        // Headless: the same runs, plane and grid, no accuracy.
        let never = AtomicBool::new(false);
        let headless = run_headless(&e, &never).expect("headless");
        assert_eq!(bits(&headless.grid), bits(&full.grid));
        assert_eq!(headless.plane, full.plane);
        assert!(headless.trained.accuracy.iter().all(|a| a.steps.is_empty()));

        // A new view (the test layer on a PCA plane at another resolution) from the trained
        // runs: no training reported, and the grid of the whole pipeline for that view.
        let mut view = e.clone();
        view.view.plane = PlaneKind::Pca;
        view.view.layer = Layer::Test;
        view.view.resolution = 17;
        let start = Start::Trained(Arc::clone(&full.trained));
        assert_eq!(start.stage(), Stage::Plane);
        let (events, reused) = recorded(&view, start);
        let reused = reused.expect("reused");
        assert_eq!(stages(&events), ["plane", "coarse", "rows"]);
        assert!(Arc::ptr_eq(&reused.trained, &full.trained));
        let (_, fresh) = recorded(&view, Start::Train);
        let fresh = fresh.expect("fresh");
        assert_eq!(reused.grid.values.dim(), (17, 17));
        assert_eq!(bits(&reused.grid), bits(&fresh.grid));
        assert_ne!(bits(&reused.grid)[..21], bits(&full.grid)[..21]);
        assert!(reused.plane.explained_variance_ratio.is_some());
    }

    #[test]
    fn a_record_budget_keeps_the_plane_and_gives_every_step_a_value() {
        let e = small_moons();
        let never = AtomicBool::new(false);
        let full = train(&e, ACCURACY_POINTS, Keep::Every, &never).expect("full");
        let dim = full.mlp.architecture().dim();
        // Ten points of each of the two runs: stride ⌈40/8⌉ = 5, points 0, 5, …, 40.
        let budget = 2 * 10 * dim * 8;
        let on_threads = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool");
            pool.install(|| train(&e, ACCURACY_POINTS, Keep::Within(budget), &never))
                .expect("kept")
        };
        let kept = on_threads(1);
        let two = on_threads(2);
        assert_eq!(kept.trajectories, two.trajectories, "1 and 2 threads");
        assert_eq!(kept.accuracy, two.accuracy, "1 and 2 threads");

        let total: usize = kept.trajectories.iter().map(Trajectory::stored_bytes).sum();
        assert!(total <= budget, "{total} > {budget} bytes");
        for (k, f) in kept.trajectories.iter().zip(full.trajectories.iter()) {
            assert_eq!(k.stride, 5);
            assert_eq!(k.stored_steps(), (0..=40).step_by(5).collect::<Vec<_>>());
            assert_eq!(k.train_loss, f.train_loss);
            assert_eq!(k.test_loss, f.test_loss);
            for i in 0..k.len() {
                assert_eq!(k.point(i), f.point(i - i % 5), "point {i}");
            }
        }
        // Accuracy at stored steps only, each that step's accuracy.
        for (k, f) in kept.accuracy.iter().zip(&full.accuracy) {
            assert_eq!(k.steps, (0..=40).step_by(5).collect::<Vec<_>>());
            for (j, &step) in k.steps.iter().enumerate() {
                assert_eq!(k.train[j].to_bits(), f.train[step].to_bits());
                assert_eq!(k.test[j].to_bits(), f.test[step].to_bits());
            }
        }

        // The random plane through run 0's final weights is the same plane; every step has a
        // value, that of its stored point.
        let plane_of = |t: &TrainedNetwork| {
            network_plane(&e, &t.mlp, &t.trajectories).expect("a random plane")
        };
        let (p_full, p_kept) = (plane_of(&full), plane_of(&kept));
        assert_eq!(p_kept.plane, p_full.plane);
        for run in 0..2 {
            assert_eq!(p_kept.coords[run].len(), 41);
            assert_eq!(p_kept.distances[run].len(), 41);
            assert_eq!(p_kept.plane_losses[run].len(), 41);
            for i in 0..41 {
                let at = i - i % 5;
                assert_eq!(p_kept.coords[run][i], p_full.coords[run][at], "step {i}");
                assert_eq!(p_kept.distances[run][i], p_full.distances[run][at]);
                assert_eq!(p_kept.plane_losses[run][i], p_full.plane_losses[run][at]);
            }
        }
        // The PCA plane is fitted on the stored points.
        let mut pca = e.clone();
        pca.view.plane = PlaneKind::Pca;
        let p = network_plane(&pca, &kept.mlp, &kept.trajectories).expect("a PCA plane");
        assert_eq!(p.coords[0].len(), 41);
        let [a, b] = p.coords[0][40];
        assert!(
            a.abs() < 1e-12 && b.abs() < 1e-12,
            "centred on run 0's final weights"
        );
    }

    #[test]
    fn a_bad_plane_or_a_cancel_stops_the_pipeline_with_its_reason() {
        let mut e = small_moons();
        e.view.plane = PlaneKind::Solutions;
        e.runs.truncate(1);
        let (events, result) = recorded(&e, Start::Train);
        let Err(err) = result else {
            panic!("one run has no plane through two solutions");
        };
        assert_eq!(stages(&events), ["trained"]);
        assert_eq!(
            err,
            PipelineError::Plane {
                kind: PlaneKind::Solutions,
                error: DirectionError::TooFewPoints { points: 1 }
            }
        );
        assert!(err.to_string().starts_with("no solutions plane: "), "{err}");

        let cancelled = AtomicBool::new(true);
        let err = run(&small_moons(), Start::Train, &cancelled, &|_| {
            panic!("a cancelled pipeline reports nothing")
        })
        .map(|_| ())
        .expect_err("cancelled");
        assert_eq!(err, PipelineError::Cancelled);
    }
}

/// The lab's pipeline ([`run`]) as a [`super::task::Task`]: the experiment and where to start.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct PipelineTask {
    /// The experiment as the lab holds it.
    pub experiment: NetworkExperiment,
    /// Train first, or reuse the runs on screen.
    pub start: Start,
}

impl super::task::Task for PipelineTask {
    const KIND: &'static str = "network-pipeline";
    type Progress = NetworkProgress;
    type Output = Result<NetworkLandscape, PipelineError>;

    fn run(self, ctx: &super::JobCtx<Self::Progress, Self::Output>) -> Self::Output {
        run(&self.experiment, self.start, ctx.cancel_flag(), &|p| {
            ctx.progress(p);
        })
    }
}
