//! The Sharp vs Flat comparison, without a window: a small and a large batch trained from one
//! initialization with the same optimizer and learning rate (in parallel), then for each end
//! point the sharpness report (λ_max, Hessian trace, ε-sharpness), the Hessian's spectral
//! density, the accuracy and λ_max along the training; the 1-D interpolation `L((1−α)θ_small + αθ_large)` for α ∈ [−1, 2]; 1-D slices
//! along one Gaussian direction (filter-normalized at each minimum for a network); and the two
//! paths on a shared plane — through both solutions for a network, or through the top two
//! Hessian eigenvectors at one of them ([`SharedPlaneKind`]), the surface itself for a toy
//! problem — whose landscape is evaluated last, coarse first.
//!
//! The Sharp vs Flat lab runs [`compare`] as a job; `basin render --lab sharp-vs-flat` runs
//! it on the CLI's pool. Series are `[x, y]` pairs (the lab makes plot series of them once).
//! The lab keeps the two runs' parameter vectors within
//! [`crate::core::train::WINDOW_RECORD_BUDGET`] ([`Keep`]): λ_max along the training is then
//! measured at stored steps, and the paths hold each stored point until the next.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::core::landscape::{Grid, GridSpec, Layer};
use crate::core::network::directions::{self, BiasDirection};
use crate::core::network::mlp::{DataSplit, Mlp};
use crate::core::objective::Batch;
use crate::core::optim::{OptimizerKind, OptimizerSpec};
use crate::core::sharpness::{
    self, ReportConfig, SharpnessReport, preconditioned, slq, spectrum::PowerConfig,
};
use crate::core::stats::median;
use crate::core::sweep::{
    BatchSummary, CellResult, LrRule, SpreadLine, SurfaceSweep, SweepAxis, SweepProblem, SweepSpec,
    spread_lines,
};
pub use crate::core::train::effective_batch;
use crate::core::train::{self, Keep, RunSpec, Trajectory};
use crate::jobs::grid::{GridProgress, Landscape};
use crate::jobs::tasks;
use crate::preset::{NetworkExperiment, SurfaceExperiment};

/// Where `compare` reports while it runs (each called from the pool's threads).
pub struct Progress<'a> {
    /// The two runs, measured (before the plane).
    pub compared: &'a (dyn Fn(Comparison) + Sync),
    /// The quarter-resolution pass of the plane.
    pub coarse: &'a (dyn Fn(Grid) + Sync),
    /// Fraction of the full plane's rows done.
    pub rows: &'a (dyn Fn(f32) + Sync),
    /// The Hessian spectra at the two end points (after the comparison, before the plane).
    pub spectra: &'a (dyn Fn(Spectra) + Sync),
    /// Fraction of the spectra's probes done (both runs together).
    pub spectra_done: &'a (dyn Fn(f32) + Sync),
    /// Set to skip the spectra (or what is left of them): they arrive as `None` and the
    /// plane follows at once. The command line's figures, which do not draw them, set it
    /// from the start.
    pub skip_spectra: &'a AtomicBool,
}

/// The Hessian's eigenvalue spectral density at each end point (stochastic Lanczos
/// quadrature, [`sharpness::slq`]): small, large; `None` for a diverged run.
pub type Spectra = [Option<slq::Density>; 2];

/// Points of the interpolation curve.
const INTERPOLATION_POINTS: usize = 61;
/// Points of each 1-D slice.
const SLICE_POINTS: usize = 81;
/// Half-width of the 1-D slices, in units of the filter-normalized direction.
pub const SLICE_HALF_WIDTH: f64 = 1.0;
/// λ_max measurements along each run.
const LAMBDA_POINTS: usize = 40;
/// Grid side of the shared plane.
const PLANE_RESOLUTION: usize = 61;
/// The stream of the slice direction (apart from every other stream of the seed).
const SLICE_STREAM: u64 = 0x5_1ce;

/// Where the problem comes from.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Source {
    /// A network preset: its data and model.
    Network(Box<NetworkExperiment>),
    /// A toy-surface preset: its shifted copies and start point.
    Surface(Box<SurfaceExperiment>),
}

impl Source {
    /// Training samples.
    #[must_use]
    pub fn n_train(&self) -> usize {
        match self {
            Self::Network(e) => e.dataset.n_train,
            Self::Surface(e) => e.problem.samples,
        }
    }

    /// The preset's seed.
    #[must_use]
    pub fn seed(&self) -> u64 {
        match self {
            Self::Network(e) => e.seed,
            Self::Surface(e) => e.seed,
        }
    }

    /// The preset's title.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::Network(e) => &e.name,
            Self::Surface(e) => &e.name,
        }
    }

    /// The preset's description.
    #[must_use]
    pub fn description(&self) -> &str {
        match self {
            Self::Network(e) => &e.description,
            Self::Surface(e) => &e.description,
        }
    }

    /// The runs of the preset.
    fn runs(&self) -> &[RunSpec] {
        match self {
            Self::Network(e) => &e.runs,
            Self::Surface(e) => &e.runs,
        }
    }

    /// Steps of the preset.
    fn steps(&self) -> usize {
        match self {
            Self::Network(e) => e.steps,
            Self::Surface(e) => e.training.steps,
        }
    }

    /// The problem, built (a network with its data, or the shifted copies and the start).
    fn build(&self) -> Result<Built, String> {
        match self {
            Self::Network(e) => e
                .build_mlp()
                .map(|mlp| Built::Network(Arc::new(mlp)))
                .map_err(|err| format!("cannot build the network: {err}")),
            Self::Surface(e) => Ok(Built::Surface(Arc::new(SurfaceSweep {
                problem: e.problem.build(e.seed),
                start: e.training.start,
            }))),
        }
    }
}

/// A built problem.
#[derive(Clone)]
enum Built {
    Network(Arc<Mlp>),
    Surface(Arc<SurfaceSweep>),
}

impl Built {
    fn problem(&self) -> &(dyn SweepProblem + Sync) {
        match self {
            Self::Network(mlp) => mlp.as_ref(),
            Self::Surface(s) => s.as_ref(),
        }
    }
}

/// The two-run settings and the sweep of the lab.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    /// The small batch.
    pub small_batch: usize,
    /// The large batch (0 = the full batch).
    pub large_batch: usize,
    /// The optimizer of both runs (its `lr` is the small batch's learning rate).
    pub optimizer: OptimizerSpec,
    /// How the large batch's learning rate follows: the same η ([`LrRule::Fixed`]), or the
    /// same η/B ([`LrRule::BasePerSample`], Masters & Luschi; Goyal et al.'s linear scaling),
    /// so the large batch steps with η·B_large/B_small.
    pub lr_rule: LrRule,
    /// Steps of both runs.
    pub steps: usize,
    /// The sweep the Sweep view runs.
    pub sweep: SweepSpec,
    /// The shared plane of a network (through both solutions, or a Hessian plane at one).
    pub plane: SharedPlaneKind,
}

impl Settings {
    /// The settings a preset implies: run 0's optimizer; run 0's and run 1's batch sizes
    /// (small first) or 8 against the full batch; the preset's `[sweep]`, or powers of two
    /// from 4 to N × six learning rates around the preset's, one seed.
    #[must_use]
    pub fn from_source(source: &Source) -> Self {
        let n = source.n_train();
        let runs = source.runs();
        let optimizer = runs.first().map_or_else(
            || OptimizerSpec::defaults(OptimizerKind::Sgd),
            |r| r.optimizer.clone(),
        );
        let effective = |b: usize| if b == 0 || b >= n { n } else { b };
        let (small_batch, large_batch) = match runs {
            [a, b, ..] => {
                let (a, b) = (a.batch_size, b.batch_size);
                if effective(a) <= effective(b) {
                    (a, b)
                } else {
                    (b, a)
                }
            }
            _ => (8.min(n), 0),
        };
        let steps = source.steps();
        let sweep = match source {
            Source::Network(e) if e.sweep.is_some() => e
                .sweep
                .as_deref()
                .cloned()
                .unwrap_or_else(|| SweepSpec::around(n, &optimizer, steps)),
            _ => SweepSpec::around(n, &optimizer, steps),
        };
        Self {
            small_batch: if small_batch == 0 {
                1.min(n)
            } else {
                small_batch
            },
            large_batch,
            optimizer,
            lr_rule: LrRule::Fixed,
            steps,
            sweep,
            plane: SharedPlaneKind::default(),
        }
    }

    /// The two runs.
    #[must_use]
    pub fn runs(&self, n_train: usize) -> [RunSpec; 2] {
        let small = effective_batch(self.small_batch, n_train).max(1);
        let run = |batch: usize, size: &str| {
            let mut r = RunSpec::new(self.optimizer.clone());
            r.batch_size = batch;
            if self.lr_rule == LrRule::BasePerSample {
                #[allow(clippy::cast_precision_loss)]
                let scale = effective_batch(batch, n_train) as f64 / small as f64;
                r.optimizer.lr *= scale;
            }
            r.label = format!("{size} batch, B = {}", effective_batch(batch, n_train));
            r
        };
        [
            run(self.small_batch, "small"),
            run(self.large_batch, "large"),
        ]
    }
}

/// What the λ-against-step curve of a comparison measures, and so which edge of stability
/// it is drawn against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SharpnessCurve {
    /// λ_max of the Hessian, against SGD's (2 + 2β)/η (∞ for Adagrad, Lion, SAM).
    Hessian,
    /// Adam's or AdamW's preconditioned sharpness λ_max(P⁻¹H), against (2 + 2β₁)/((1 − β₁)η).
    Adam,
    /// RMSprop's λ_max(P⁻¹H), against (2 + 2μ)/η.
    RmsProp,
}

impl SharpnessCurve {
    /// The curve of a run of `optimizer`.
    #[must_use]
    pub fn of(optimizer: &OptimizerSpec) -> Self {
        match preconditioned::Preconditioner::of(optimizer) {
            Some(preconditioned::Preconditioner::Adam) => Self::Adam,
            Some(preconditioned::Preconditioner::RmsProp) => Self::RmsProp,
            None => Self::Hessian,
        }
    }

    /// Whether it is the preconditioned sharpness.
    #[must_use]
    pub fn preconditioned(self) -> bool {
        self != Self::Hessian
    }

    /// The y axis' name.
    #[must_use]
    pub fn axis(self) -> &'static str {
        if self.preconditioned() {
            "λ_max(P⁻¹H)"
        } else {
            "λ_max"
        }
    }

    /// The translation key of the window's edge label (`{0}`: the value).
    #[must_use]
    pub fn edge_key(self) -> &'static str {
        match self {
            Self::Hessian => "sf.edge",
            Self::Adam => "sf.edge.adam",
            Self::RmsProp => "sf.edge.rmsprop",
        }
    }

    /// The translation key of a figure's edge label (`{0}`: the value).
    #[must_use]
    pub fn figure_edge_key(self) -> &'static str {
        match self {
            Self::Hessian => "fig.sf.edge",
            Self::Adam => "fig.sf.edge.adam",
            Self::RmsProp => "fig.sf.edge.rmsprop",
        }
    }
}

impl Settings {
    /// What the λ curve measures: the preconditioned sharpness λ_max(P⁻¹H) for Adam, AdamW
    /// and RMSprop, else λ_max of the Hessian.
    #[must_use]
    pub fn sharpness_curve(&self) -> SharpnessCurve {
        SharpnessCurve::of(&self.optimizer)
    }

    /// Whether the λ curve measures the preconditioned sharpness ([`SharpnessCurve`]).
    #[must_use]
    pub fn preconditioned(&self) -> bool {
        self.sharpness_curve().preconditioned()
    }

    /// The edge of stability of each run ([`threshold`] of its optimizer after the learning
    /// rate rule) with `n_train` samples: small, large.
    #[must_use]
    pub fn thresholds(&self, n_train: usize) -> [f64; 2] {
        let [a, b] = self.runs(n_train);
        [threshold(&a.optimizer), threshold(&b.optimizer)]
    }
}

/// One run of the comparison, measured at its end.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RunOutcome {
    /// The run.
    pub run: RunSpec,
    /// The batch used.
    pub batch: usize,
    /// How it ended.
    pub diverged: bool,
    /// (step, train loss) and (step, test loss).
    pub train_curve: Vec<[f64; 2]>,
    /// (step, test loss).
    pub test_curve: Vec<[f64; 2]>,
    /// The sharpness numbers at the end (an error message if they cannot be computed).
    pub report: Result<SharpnessReport, String>,
    /// Train and test accuracy at the end (classification).
    pub accuracy: Option<(f64, f64)>,
    /// (step, λ_max) along the run.
    pub lambda_curve: Vec<[f64; 2]>,
    /// Points of the path on the shared plane.
    pub path: Vec<[f64; 2]>,
    /// (t, train loss) along the slice through this run's end point.
    pub slice: Vec<[f64; 2]>,
}

/// One point of the interpolation.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct InterpolationSample {
    /// α: 0 is the small-batch solution, 1 the large-batch one.
    pub alpha: f64,
    /// Training loss.
    pub train_loss: f64,
    /// Test loss.
    pub test_loss: f64,
    /// Training accuracy (classification).
    pub train_acc: Option<f64>,
    /// Test accuracy (classification).
    pub test_acc: Option<f64>,
}

/// The comparison of the two runs (everything but the landscape).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Comparison {
    /// The settings it was computed for.
    pub settings: Settings,
    /// Small, large.
    pub runs: [RunOutcome; 2],
    /// `L((1−α)θ_small + αθ_large)`, empty if a run diverged.
    pub interpolation: Vec<InterpolationSample>,
    /// The edge of stability `(2 + 2β)/η` of each run's optimizer (∞ for adaptive ones):
    /// small, large.
    pub stability_thresholds: [f64; 2],
    /// The shared plane's ranges and what its axes mean.
    pub plane: SharedPlane,
    /// Why something could not be computed (the rest is still shown).
    pub problems: Vec<String>,
}

/// The shared plane of the two runs.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SharedPlane {
    /// The x range.
    pub x: [f64; 2],
    /// The y range.
    pub y: [f64; 2],
    /// The x axis' meaning.
    pub x_label: String,
    /// The y axis' meaning.
    pub y_label: String,
    /// On the Hessian plane, λ₁ ≥ λ₂ of its unit axes v₁, v₂ (the view labels them).
    pub eigenvalues: Option<[f64; 2]>,
}

/// Which plane the two paths are drawn on (networks; a toy problem's is the surface itself).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum SharedPlaneKind {
    /// Through both solutions: α from the small batch's (0) to the large batch's (1), β a
    /// filter-normalized random direction orthogonal to it.
    #[default]
    Solutions,
    /// Through the top two Hessian eigenvectors at the small batch's solution.
    HessianSmall,
    /// Through the top two Hessian eigenvectors at the large batch's solution.
    HessianLarge,
}

impl SharedPlaneKind {
    /// Every choice, in menu order.
    pub const ALL: [Self; 3] = [Self::Solutions, Self::HessianSmall, Self::HessianLarge];
}

/// What the sweep reports: cells done of all.
pub type SweepProgress = (usize, usize);

/// A finished sweep, ready to draw.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SweepResult {
    /// The spec it ran.
    pub spec: SweepSpec,
    /// One per cell, in the spec's order.
    pub cells: Vec<CellResult>,
    /// Medians per batch size.
    pub by_batch: Vec<BatchSummary>,
    /// Whether the problem has classes (the heatmap shows accuracy, else the test loss).
    pub classification: bool,
    /// N, to name the full batch.
    pub n_train: usize,
    /// The heatmap's cells (made once, drawn every frame).
    pub heatmap: Vec<HeatmapCell>,
    /// The line figures (made once, drawn every frame).
    pub figures: SweepFigures,
}

/// The line figures of a sweep, each point the median and range over seeds
/// ([`crate::core::sweep::Spread`]); the "score" is the final test accuracy with classes, the
/// test loss without.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SweepFigures {
    /// Score against the listed learning rate (log₂), one line per batch size (and BN
    /// batch): Masters & Luschi's figure.
    pub score_by_lr: Vec<SpreadLine>,
    /// Score against the BN batch (log₂ of the statistics size), one line per batch size
    /// (and learning rate); empty without a BN-batch axis.
    pub score_by_bn: Vec<SpreadLine>,
    /// Score against log₂ B, one line per learning rate (and BN batch): Keskar's.
    pub score_by_batch: Vec<SpreadLine>,
    /// λ_max against log₂ B.
    pub lambda_by_batch: Vec<SpreadLine>,
    /// ε-sharpness against log₂ B.
    pub eps_by_batch: Vec<SpreadLine>,
}

impl SweepFigures {
    /// The figures of `results` of `spec` (`n_train` names the full batch).
    #[must_use]
    pub fn new(
        spec: &SweepSpec,
        results: &[CellResult],
        n_train: usize,
        classification: bool,
    ) -> Self {
        let score = |r: &CellResult| {
            if classification {
                r.test_acc
            } else {
                Some(r.test_loss)
            }
        };
        let lines = |axis: SweepAxis, value: &dyn Fn(&CellResult) -> Option<f64>| {
            spread_lines(spec, results, n_train, axis, value)
        };
        Self {
            score_by_lr: lines(SweepAxis::Lr, &score),
            score_by_bn: if spec.bn_batch_sizes.is_empty() {
                Vec::new()
            } else {
                lines(SweepAxis::BnBatch, &score)
            },
            score_by_batch: lines(SweepAxis::Batch, &score),
            lambda_by_batch: lines(SweepAxis::Batch, &|r| Some(r.lambda_max)),
            eps_by_batch: lines(SweepAxis::Batch, &|r| Some(r.eps_sharpness)),
        }
    }
}

/// One (batch size, learning rate) cell of a sweep's heatmap: the median over its seeds (and
/// its BN batches, when the sweep has a BN-batch axis).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct HeatmapCell {
    /// The batch size as listed (0 = full).
    pub batch_size: usize,
    /// The learning rate as listed.
    pub lr: f64,
    /// Column: the batch size's index in the sweep's list.
    pub col: usize,
    /// Row: the learning rate's index in the sweep's list.
    pub row: usize,
    /// Median final test accuracy (classification) or test loss over the seeds that did not
    /// diverge; `None` when every seed diverged.
    pub value: Option<f64>,
    /// Whether every seed diverged.
    pub all_diverged: bool,
}

impl SweepResult {
    /// The heatmap's cells, batch sizes outer, learning rates inner.
    #[must_use]
    fn heatmap_cells(&self) -> Vec<HeatmapCell> {
        let mut out = Vec::new();
        for (col, &batch_size) in self.spec.batch_sizes.iter().enumerate() {
            for (row, &lr) in self.spec.lrs.iter().enumerate() {
                let of: Vec<&CellResult> = self
                    .cells
                    .iter()
                    .filter(|c| c.cell.batch_size == batch_size && c.cell.lr == lr)
                    .collect();
                let values: Vec<f64> = of
                    .iter()
                    .filter(|c| !c.diverged)
                    .filter_map(|c| {
                        if self.classification {
                            c.test_acc
                        } else {
                            Some(c.test_loss)
                        }
                    })
                    .filter(|v| v.is_finite())
                    .collect();
                out.push(HeatmapCell {
                    batch_size,
                    lr,
                    col,
                    row,
                    value: median(values),
                    all_diverged: !of.is_empty() && of.iter().all(|c| c.diverged),
                });
            }
        }
        out
    }
}

/// Runs `spec` on the problem of `source` (cells in parallel, progress as cells done of all).
/// `None` when cancelled or when the problem cannot be built.
pub fn run_sweep(
    source: &Source,
    spec: &SweepSpec,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Option<SweepResult> {
    let built = source.build().ok()?;
    let problem = built.problem();
    let classification = problem
        .accuracy(&problem.initial_params(0), DataSplit::Train)
        .is_some();
    let total = spec.len();
    let step = (total / 50).max(1);
    let cells = tasks::sweep(problem, spec, cancel, &|done, all| {
        if done % step == 0 || done == all {
            progress(done, all);
        }
    });
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let by_batch = crate::core::sweep::summarize_by_batch(spec, &cells);
    let mut result = SweepResult {
        n_train: problem.n_train(),
        spec: spec.clone(),
        cells,
        by_batch,
        classification,
        heatmap: Vec::new(),
        figures: SweepFigures::default(),
    };
    result.heatmap = result.heatmap_cells();
    result.figures = SweepFigures::new(spec, &result.cells, result.n_train, classification);
    Some(result)
}

/// Trains both runs, measures them and reports the [`Comparison`] through
/// `progress.compared`, then evaluates the shared plane (a quarter-resolution pass through
/// `progress.coarse`, then the full grid, rows reported through `progress.rows`) and returns
/// it. `None` when cancelled or when there is no plane (the comparison says why). `keep` is
/// what the two runs keep of their points together (the lab: [`Keep::WINDOW`]; the command
/// line: [`Keep::Every`]).
pub fn compare(
    source: &Source,
    settings: &Settings,
    keep: Keep,
    cancel: &AtomicBool,
    progress: &Progress<'_>,
) -> Option<Grid> {
    let cancelled = || cancel.load(Ordering::Relaxed);
    let built = match source.build() {
        Ok(b) => b,
        Err(err) => {
            (progress.compared)(failed(settings, err));
            return None;
        }
    };
    let problem = built.problem();
    let n = problem.n_train();
    let seed = source.seed();
    let start = problem.initial_params(seed);
    let [small, large] = settings.runs(n);
    let keep = keep.per_run(2);
    let train_one = |run: &RunSpec, index: usize| {
        train::train_keeping(
            problem,
            run,
            index,
            &start,
            settings.steps,
            seed,
            keep,
            cancel,
        )
    };
    let (t_small, t_large) = rayon::join(|| train_one(&small, 0), || train_one(&large, 1));
    if cancelled() {
        return None;
    }
    let mut problems = Vec::new();
    let end = |t: &Trajectory| t.point(t.len().saturating_sub(1)).to_vec();
    let (theta_s, theta_l) = (end(&t_small), end(&t_large));
    let diverged =
        t_small.diverged() || t_large.diverged() || t_small.is_empty() || t_large.is_empty();
    let slice_direction = |theta: &[f64]| -> Vec<f64> {
        match &built {
            Built::Network(mlp) => directions::random_direction(
                mlp.architecture(),
                theta,
                seed,
                SLICE_STREAM,
                BiasDirection::Zero,
            )
            .unwrap_or_else(|_| vec![0.0; theta.len()]),
            Built::Surface(_) => {
                let g = directions::gaussian_direction(2, seed, SLICE_STREAM);
                let norm = sharpness::norm(&g).max(1e-12);
                g.iter().map(|v| v / norm).collect()
            }
        }
    };
    // A BatchNorm network is measured in eval mode with the running statistics of the
    // point measured (each run's own), as the sweep's cells and `basin sharpness` are.
    let with_state = |t: &Trajectory, point: usize| problem.at_state(t.state(point));
    let measure = |run: &RunSpec, index: usize, t: &Trajectory, theta: &[f64]| -> RunOutcome {
        let own = with_state(t, t.len().saturating_sub(1));
        let problem: &dyn SweepProblem = own.as_deref().unwrap_or(problem);
        let curve = |losses: &[f64]| -> Vec<[f64; 2]> {
            losses
                .iter()
                .enumerate()
                .filter(|(_, l)| l.is_finite())
                .map(|(i, &l)| [i as f64, l])
                .collect()
        };
        let report = if t.diverged() {
            Err("diverged".to_string())
        } else {
            sharpness::report(problem, theta, &ReportConfig::default(), seed)
                .map_err(|e| e.to_string())
        };
        let accuracy = problem
            .accuracy(theta, DataSplit::Train)
            .zip(problem.accuracy(theta, DataSplit::Test));
        let every = (t.len() / LAMBDA_POINTS).max(1);
        let lambda_curve = if t.diverged() {
            Vec::new()
        } else if settings.preconditioned() {
            // Adam and RMSprop: λ_max(P⁻¹H), the run replayed for its preconditioner.
            preconditioned::preconditioned_sharpness_along(
                problem,
                run,
                index,
                &start,
                t.len().saturating_sub(1),
                every,
                &PowerConfig::default(),
                seed,
            )
        } else {
            let config = PowerConfig::default();
            sharpness::lambda_max_along_with(t, every, &|point| {
                let own = with_state(t, point);
                let at = own.as_deref().unwrap_or(problem);
                at.lambda_max(t.point(point), &config, seed).ok()
            })
        }
        .into_iter()
        .map(|(s, l)| [s as f64, l])
        .collect();
        let d = slice_direction(theta);
        let mut point = theta.to_vec();
        let slice = (0..SLICE_POINTS)
            .map(|i| {
                let s = -SLICE_HALF_WIDTH
                    + 2.0 * SLICE_HALF_WIDTH * i as f64 / (SLICE_POINTS - 1) as f64;
                for ((p, t0), dk) in point.iter_mut().zip(theta).zip(&d) {
                    *p = t0 + s * dk;
                }
                [s, problem.loss(&point, Batch::Full)]
            })
            .filter(|p| p[1].is_finite())
            .collect();
        RunOutcome {
            batch: run.effective_batch(n),
            run: run.clone(),
            diverged: t.diverged(),
            train_curve: curve(&t.train_loss),
            test_curve: curve(&t.test_loss),
            report,
            accuracy,
            lambda_curve,
            path: Vec::new(),
            slice,
        }
    };
    let (mut out_small, mut out_large) = rayon::join(
        || measure(&small, 0, &t_small, &theta_s),
        || measure(&large, 1, &t_large, &theta_l),
    );
    if cancelled() {
        return None;
    }
    let interpolation = if diverged {
        problems.push("a run diverged: no interpolation between the solutions".to_string());
        Vec::new()
    } else {
        interpolation(problem, &theta_s, &theta_l)
    };

    // The shared plane: through both solutions or the top two Hessian eigenvectors at one of
    // them (network), or the surface itself.
    let spec;
    // A network's plane, with the network its grid is measured with when that is not the
    // built one (the Hessian plane of a BatchNorm network: eval mode with the chosen run's
    // running statistics at its end).
    let mut network_plane: Option<(crate::core::network::plane::Plane, Option<Mlp>)> = None;
    let plane = match &built {
        Built::Surface(_) => {
            let Source::Surface(e) = source else {
                return None;
            };
            out_small.path = path_points(&t_small, |p| [p[0], p[1]]);
            out_large.path = path_points(&t_large, |p| [p[0], p[1]]);
            spec = GridSpec::square(
                e.view.x,
                e.view.y,
                PLANE_RESOLUTION.max(e.view.resolution.min(256)),
            );
            SharedPlane {
                x: e.view.x,
                y: e.view.y,
                x_label: "θ₁".into(),
                y_label: "θ₂".into(),
                eigenvalues: None,
            }
        }
        Built::Network(mlp) => {
            let made = match settings.plane {
                SharedPlaneKind::Solutions => directions::solutions_plane(
                    mlp.architecture(),
                    &theta_s,
                    &theta_l,
                    seed,
                    BiasDirection::Zero,
                )
                .map(|plane| (plane, None, None))
                .map_err(|err| format!("no plane through the two solutions: {err}")),
                SharedPlaneKind::HessianSmall | SharedPlaneKind::HessianLarge => {
                    let (t, theta, which) = if settings.plane == SharedPlaneKind::HessianSmall {
                        (&t_small, &theta_s, "small")
                    } else {
                        (&t_large, &theta_l, "large")
                    };
                    shared_hessian_plane(mlp, t, theta, seed)
                        .map(|(h, measured)| (h.plane, Some(h.eigenvalues), measured))
                        .map_err(|err| {
                            format!("no Hessian plane at the {which}-batch solution: {err}")
                        })
                }
            };
            match made {
                Ok((p, eigenvalues, measured)) => {
                    out_small.path = path_points(&t_small, |q| p.plane_from_params(q));
                    out_large.path = path_points(&t_large, |q| p.plane_from_params(q));
                    let shared = if let Some(eigenvalues) = eigenvalues {
                        let unit = directions::hessian_range_unit(eigenvalues[0]);
                        let (x, y) = ([-unit, unit], [-unit, unit]);
                        spec = GridSpec::square(x, y, PLANE_RESOLUTION);
                        SharedPlane {
                            x,
                            y,
                            x_label: "α along v₁".into(),
                            y_label: "β along v₂".into(),
                            eigenvalues: Some(eigenvalues),
                        }
                    } else {
                        let (x, y) = ([-0.5, 1.5], [-1.0, 1.0]);
                        spec = GridSpec::square(x, y, PLANE_RESOLUTION);
                        SharedPlane {
                            x,
                            y,
                            x_label: "α: small-batch solution (0) to large-batch solution (1)"
                                .into(),
                            y_label: "β: orthogonal direction".into(),
                            eigenvalues: None,
                        }
                    };
                    network_plane = Some((p, measured));
                    shared
                }
                Err(message) => {
                    problems.push(message);
                    (progress.compared)(Comparison {
                        settings: settings.clone(),
                        runs: [out_small, out_large],
                        interpolation,
                        stability_thresholds: settings.thresholds(n),
                        plane: SharedPlane {
                            x: [-0.5, 1.5],
                            y: [-1.0, 1.0],
                            x_label: String::new(),
                            y_label: String::new(),
                            eigenvalues: None,
                        },
                        problems,
                    });
                    return None;
                }
            }
        }
    };
    (progress.compared)(Comparison {
        settings: settings.clone(),
        runs: [out_small, out_large],
        interpolation,
        stability_thresholds: settings.thresholds(n),
        plane,
        problems,
    });
    // The spectra after the numbers (they take longer), before the plane.
    let config = slq::SlqConfig::default();
    let probes_done = std::sync::atomic::AtomicUsize::new(0);
    let go_on = || {
        let done = probes_done.fetch_add(1, Ordering::Relaxed) + 1;
        #[allow(clippy::cast_precision_loss)]
        (progress.spectra_done)(done as f32 / (2 * config.probes) as f32);
        !(cancelled() || progress.skip_spectra.load(Ordering::Relaxed))
    };
    let density = |t: &Trajectory, theta: &[f64]| -> Option<slq::Density> {
        if t.diverged() || cancelled() || progress.skip_spectra.load(Ordering::Relaxed) {
            return None;
        }
        let own = with_state(t, t.len() - 1);
        let op = own.as_deref().unwrap_or(problem).hessian_at(theta).ok()?;
        slq::density_until(op.as_ref(), &config, seed, &go_on).filter(|d| !d.lambda.is_empty())
    };
    let spectra = rayon::join(
        || density(&t_small, &theta_s),
        || density(&t_large, &theta_l),
    );
    if cancelled() {
        return None;
    }
    (progress.spectra)([spectra.0, spectra.1]);
    let landscape = match (&built, &network_plane) {
        (Built::Surface(s), _) => Landscape::Surface {
            problem: &s.problem,
            layer: Layer::Train,
        },
        (Built::Network(mlp), Some((plane, measured))) => Landscape::Network {
            mlp: measured.as_ref().unwrap_or(mlp),
            plane,
            layer: Layer::Train,
        },
        (Built::Network(_), None) => return None,
    };
    landscape.progressive(spec, cancel, &|p| match p {
        GridProgress::Coarse(grid) => (progress.coarse)(grid),
        GridProgress::Rows(fraction) => (progress.rows)(fraction),
    })
}

/// The plane through the top two Hessian eigenvectors at `theta`, the end of `t`
/// ([`directions::hessian_plane`]), and, for a BatchNorm network, the network in eval mode
/// with `t`'s running statistics there, which the Hessian is taken of and the grid measured
/// with. An error for a diverged run.
fn shared_hessian_plane(
    mlp: &Mlp,
    t: &Trajectory,
    theta: &[f64],
    seed: u64,
) -> Result<(directions::HessianPlane, Option<Mlp>), String> {
    if t.diverged() || t.is_empty() {
        return Err("the run diverged".into());
    }
    let measured = if mlp.architecture().batchnorm() {
        Some(
            mlp.with_running(t.state(t.len() - 1))
                .map_err(|e| e.to_string())?,
        )
    } else {
        None
    };
    let h = directions::hessian_plane(
        measured.as_ref().unwrap_or(mlp),
        theta,
        &directions::HESSIAN_PLANE_POWER,
        seed,
    )
    .map_err(|e| e.to_string())?;
    Ok((h, measured))
}

/// The comparison of a problem that could not be built: only the message.
fn failed(settings: &Settings, message: String) -> Comparison {
    let empty = |run: RunSpec| RunOutcome {
        batch: 0,
        run,
        diverged: false,
        train_curve: Vec::new(),
        test_curve: Vec::new(),
        report: Err(message.clone()),
        accuracy: None,
        lambda_curve: Vec::new(),
        path: Vec::new(),
        slice: Vec::new(),
    };
    let [a, b] = settings.runs(1);
    Comparison {
        settings: settings.clone(),
        runs: [empty(a), empty(b)],
        interpolation: Vec::new(),
        stability_thresholds: settings.thresholds(1),
        plane: SharedPlane {
            x: [0.0, 1.0],
            y: [0.0, 1.0],
            x_label: String::new(),
            y_label: String::new(),
            eigenvalues: None,
        },
        problems: vec![message],
    }
}

/// The edge of stability of a run's optimizer: plain SGD's (with momentum) on λ_max,
/// Adam's, AdamW's and RMSprop's on the preconditioned sharpness λ_max(P⁻¹H)
/// ([`preconditioned::adaptive_threshold`]); ∞ for the others (Adagrad, Lion, SAM).
pub fn threshold(optimizer: &OptimizerSpec) -> f64 {
    if optimizer.kind == OptimizerKind::Sgd {
        sharpness::stability_threshold(optimizer.lr, optimizer.momentum)
    } else {
        preconditioned::adaptive_threshold(optimizer).unwrap_or(f64::INFINITY)
    }
}

/// Every point of a trajectory mapped to the plane (a point between two stored ones at the
/// stored one before it, [`Trajectory::point`]).
fn path_points(t: &Trajectory, to_plane: impl Fn(&[f64]) -> [f64; 2]) -> Vec<[f64; 2]> {
    (0..t.len())
        .map(|i| {
            let [a, b] = to_plane(t.point(i));
            [a, b]
        })
        .collect()
}

/// `L((1−α)θ_s + αθ_l)` for α ∈ [−1, 2], with accuracy when there are classes.
pub fn interpolation(
    problem: &(dyn SweepProblem + Sync),
    theta_s: &[f64],
    theta_l: &[f64],
) -> Vec<InterpolationSample> {
    let alphas = directions::alphas([-1.0, 2.0], INTERPOLATION_POINTS);
    let Ok(points) = directions::interpolate(problem, theta_s, theta_l, &alphas) else {
        return Vec::new();
    };
    let mut theta = vec![0.0; theta_s.len()];
    points
        .iter()
        .map(|p| {
            for ((t, a), b) in theta.iter_mut().zip(theta_s).zip(theta_l) {
                *t = (1.0 - p.alpha) * a + p.alpha * b;
            }
            InterpolationSample {
                alpha: p.alpha,
                train_loss: p.train_loss,
                test_loss: p.test_loss,
                train_acc: problem.accuracy(&theta, DataSplit::Train),
                test_acc: problem.accuracy(&theta, DataSplit::Test),
            }
        })
        .collect()
}

/// Log-spaced values from `lo` to `hi`, `count` of them.
#[must_use]
pub fn log_spaced(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    if count <= 1 || !(lo > 0.0 && hi > lo) {
        return vec![lo];
    }
    let (a, b) = (libm::log(lo), libm::log(hi));
    (0..count)
        .map(|i| libm::exp(a + (b - a) * i as f64 / (count - 1) as f64))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::objective::Objective;
    use crate::preset::{self, Preset};

    #[test]
    fn a_fixed_base_rate_scales_the_large_batchs_step_and_its_edge() {
        let mut sgd = OptimizerSpec::defaults(OptimizerKind::Sgd);
        sgd.lr = 0.2;
        let mut settings = Settings {
            small_batch: 8,
            large_batch: 0,
            optimizer: sgd.clone(),
            lr_rule: LrRule::Fixed,
            steps: 10,
            sweep: SweepSpec::around(512, &sgd, 10),
            plane: SharedPlaneKind::Solutions,
        };
        let [a, b] = settings.runs(512);
        assert_eq!((a.optimizer.lr, b.optimizer.lr), (0.2, 0.2));
        assert_eq!(settings.thresholds(512), [10.0, 10.0]);
        settings.lr_rule = LrRule::BasePerSample;
        let [a, b] = settings.runs(512);
        // η/B fixed: the full batch (512 = 64 × 8) steps 64 times further.
        assert_eq!(a.optimizer.lr, 0.2);
        assert!((b.optimizer.lr - 12.8).abs() < 1e-12);
        let [ea, eb] = settings.thresholds(512);
        assert!((ea - 10.0).abs() < 1e-12 && (eb - 2.0 / 12.8).abs() < 1e-12);
    }

    #[test]
    fn sweep_figures_show_the_bn_batch_only_with_its_axis_and_the_loss_without_classes() {
        use crate::core::sweep::{Budget, SweepCell};
        let sgd = OptimizerSpec::defaults(OptimizerKind::Sgd);
        let mut spec = SweepSpec::new(
            vec![8, 0],
            vec![0.1, 0.2],
            vec![1, 2, 3],
            Budget::Steps(5),
            sgd,
        );
        let made = |spec: &SweepSpec, acc: bool| -> Vec<CellResult> {
            spec.cells(64)
                .iter()
                .map(|c: &SweepCell| CellResult {
                    cell: *c,
                    status: train::RunStatus::Finished,
                    steps_done: 5,
                    initial_loss: 1.0,
                    train_loss: 0.5,
                    test_loss: 0.1 * c.seed as f64,
                    train_acc: acc.then_some(0.9),
                    test_acc: acc.then_some(0.5 + 0.1 * c.seed as f64),
                    lambda_max: c.step_lr * c.batch as f64,
                    eps_sharpness: 1.0,
                    diverged: false,
                    bn_batch: c.bn_batch_size.map(|g| if g == 0 { c.batch } else { g }),
                })
                .collect()
        };
        let f = SweepFigures::new(&spec, &made(&spec, false), 64, false);
        assert!(f.score_by_bn.is_empty());
        assert_eq!(f.score_by_lr.len(), 2, "one line per batch size");
        // Without classes the score is the test loss: seeds 1, 2, 3 give 0.1, 0.2, 0.3.
        let p = f.score_by_lr[0].points[0].spread;
        assert!((p.median - 0.2).abs() < 1e-12 && (p.min - 0.1).abs() < 1e-12);
        assert!((p.max - 0.3).abs() < 1e-12 && p.count == 3);
        // λ_max against B, one line per learning rate, at log₂ 8 and log₂ 64.
        assert_eq!(f.lambda_by_batch.len(), 2);
        let xs: Vec<f64> = f.lambda_by_batch[1].points.iter().map(|p| p.x).collect();
        assert_eq!(xs, vec![3.0, 6.0]);
        assert!((f.lambda_by_batch[1].points[1].spread.median - 0.2 * 64.0).abs() < 1e-9);

        spec.bn_batch_sizes = vec![2, 4];
        let f = SweepFigures::new(&spec, &made(&spec, true), 64, true);
        assert_eq!(f.score_by_bn.len(), 4, "one line per (B, lr)");
        let p = f.score_by_bn[0].points[1];
        assert_eq!(p.x, 2.0);
        assert!((p.spread.median - 0.7).abs() < 1e-12);
        assert_eq!(f.score_by_lr.len(), 4, "one line per (B, BN batch)");
    }

    #[test]
    fn log_spaced_ends_at_both_limits() {
        let v = log_spaced(0.01, 1.0, 3);
        assert_eq!(v.len(), 3);
        assert!((v[0] - 0.01).abs() < 1e-15 && (v[1] - 0.1).abs() < 1e-12);
        assert!((v[2] - 1.0).abs() < 1e-12);
        assert_eq!(log_spaced(0.5, 0.5, 4), vec![0.5]);
    }

    #[test]
    fn interpolation_endpoints_are_the_two_solutions_losses() {
        let Ok(Preset::Network(e)) = preset::load(
            "sharp-vs-flat-net",
            &[
                "problem.n_train=64".to_string(),
                "problem.n_test=64".to_string(),
            ],
        ) else {
            panic!("sharp-vs-flat-net is a network preset");
        };
        let mlp = e.build_mlp().expect("mlp");
        let theta_s = mlp.initial_params(1);
        let theta_l = mlp.initial_params(2);
        let samples = interpolation(&mlp, &theta_s, &theta_l);
        assert_eq!(samples.len(), INTERPOLATION_POINTS);
        assert_eq!((samples[0].alpha, samples[60].alpha), (-1.0, 2.0));
        let at = |alpha: f64| {
            samples
                .iter()
                .find(|p| p.alpha == alpha)
                .copied()
                .expect("α on the grid")
        };
        for (alpha, theta) in [(0.0, &theta_s), (1.0, &theta_l)] {
            let p = at(alpha);
            assert_eq!(p.train_loss, mlp.loss(theta, Batch::Full), "α = {alpha}");
            assert_eq!(p.test_loss, mlp.test_loss(theta), "α = {alpha}");
            assert_eq!(p.train_acc, mlp.accuracy(theta, DataSplit::Train));
        }
        // Between two random initializations the loss is not the endpoints' mean.
        assert_ne!(
            at(0.5).train_loss,
            0.5 * (at(0.0).train_loss + at(1.0).train_loss)
        );
    }

    /// `sharp-vs-flat-net` made tiny (48 points, 5 hidden units, 20 steps), with `extra`
    /// overrides.
    fn tiny_sharp_flat(extra: &[&str]) -> NetworkExperiment {
        let overrides: Vec<String> = [
            "problem.n_train=48",
            "problem.n_test=16",
            "problem.hidden=[5]",
            "training.steps=20",
        ]
        .iter()
        .chain(extra)
        .map(ToString::to_string)
        .collect();
        match preset::load("sharp-vs-flat-net", &overrides) {
            Ok(Preset::Network(e)) => e,
            _ => panic!("sharp-vs-flat-net loads as a network preset"),
        }
    }

    /// The spectra report their progress up to 1 and arrive before the plane; skipped, they
    /// arrive as `None` and the plane still follows.
    #[test]
    fn spectra_report_progress_and_can_be_skipped() {
        let e = tiny_sharp_flat(&[]);
        let source = Source::Network(Box::new(e));
        let settings = Settings::from_source(&source);
        for skip in [false, true] {
            let fractions = std::sync::Mutex::new(Vec::new());
            let spectra = std::sync::Mutex::new(None);
            let skip_flag = AtomicBool::new(skip);
            let progress = Progress {
                compared: &|_| {},
                coarse: &|_| {},
                rows: &|_| {},
                spectra: &|s| *spectra.lock().unwrap() = Some(s),
                spectra_done: &|f| fractions.lock().unwrap().push(f),
                skip_spectra: &skip_flag,
            };
            let grid = compare(
                &source,
                &settings,
                Keep::Every,
                &AtomicBool::new(false),
                &progress,
            );
            assert!(grid.is_some(), "the plane arrives (skip = {skip})");
            let spectra = spectra
                .lock()
                .unwrap()
                .take()
                .expect("the spectra were sent");
            let fractions = fractions.lock().unwrap();
            if skip {
                assert!(spectra.iter().all(Option::is_none));
                assert!(fractions.is_empty(), "nothing computed: {fractions:?}");
            } else {
                assert!(spectra.iter().all(Option::is_some));
                assert_eq!(fractions.len(), 2 * slq::SlqConfig::default().probes);
                assert_eq!(fractions.iter().copied().fold(0.0, f32::max), 1.0);
            }
        }
    }

    /// With BatchNorm each run is measured in eval mode with its own final running
    /// statistics (not the network's initial ones): its λ_max is that of the network
    /// `with_running` its last state.
    #[test]
    fn batchnorm_runs_are_measured_with_their_own_running_statistics() {
        let e = tiny_sharp_flat(&["problem.batchnorm=true"]);
        let mlp = e.build_mlp().expect("a network");
        let seed = e.seed;
        let source = Source::Network(Box::new(e));
        let settings = Settings::from_source(&source);
        let slot = std::sync::Mutex::new(None);
        let skip = AtomicBool::new(true);
        let progress = Progress {
            compared: &|c| *slot.lock().unwrap() = Some(c),
            coarse: &|_| {},
            rows: &|_| {},
            spectra: &|_| {},
            spectra_done: &|_| {},
            skip_spectra: &skip,
        };
        let _ = compare(
            &source,
            &settings,
            Keep::Every,
            &AtomicBool::new(false),
            &progress,
        );
        let c = slot.lock().unwrap().take().expect("compared");
        let start = NetworkExperiment::initial_params(&mlp, seed);
        let [small, _] = settings.runs(48);
        let never = AtomicBool::new(false);
        let t = train::train(&mlp, &small, 0, &start, settings.steps, seed, &never);
        let end = t.point(t.len() - 1).to_vec();
        let own = mlp
            .with_running(t.state(t.len() - 1))
            .expect("running statistics");
        let want = sharpness::report(&own, &end, &ReportConfig::default(), seed).expect("report");
        let got = c.runs[0].report.as_ref().expect("report");
        assert_eq!(got.lambda_max, want.lambda_max);
        assert_eq!(got.loss, want.loss);
        let initial =
            sharpness::report(&mlp, &end, &ReportConfig::default(), seed).expect("report");
        assert_ne!(got.loss, initial.loss, "not the initial running statistics");
    }

    #[test]
    fn each_optimizer_has_its_edge_of_stability() {
        let mut sgd = OptimizerSpec::defaults(OptimizerKind::Sgd);
        sgd.lr = 0.2;
        assert!((threshold(&sgd) - 10.0).abs() < 1e-12);
        sgd.momentum = 0.9;
        assert!((threshold(&sgd) - 19.0).abs() < 1e-9);
        assert_eq!(SharpnessCurve::of(&sgd), SharpnessCurve::Hessian);
        // Adam (η = 1e−3, β₁ = 0.9): 38/η on the preconditioned sharpness.
        let adam = OptimizerSpec::defaults(OptimizerKind::Adam);
        assert!((threshold(&adam) - 38_000.0).abs() < 1e-6);
        assert_eq!(SharpnessCurve::of(&adam), SharpnessCurve::Adam);
        // RMSprop (η = 0.01, no momentum): 2/η on the preconditioned sharpness.
        let rms = OptimizerSpec::defaults(OptimizerKind::RmsProp);
        assert!((threshold(&rms) - 200.0).abs() < 1e-9);
        assert_eq!(SharpnessCurve::of(&rms).edge_key(), "sf.edge.rmsprop");
        // No edge is drawn for Adagrad, Lion or SAM.
        for kind in [
            OptimizerKind::Adagrad,
            OptimizerKind::Lion,
            OptimizerKind::Sam,
        ] {
            assert!(threshold(&OptimizerSpec::defaults(kind)).is_infinite());
        }
    }
}

/// What the comparison task reports ([`compare`]'s [`Progress`] as one value).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub enum ComparisonProgress {
    /// The two runs, measured.
    Compared(Box<Comparison>),
    /// The quarter-resolution pass of the plane.
    Coarse(Grid),
    /// Fraction of the plane's rows done.
    Rows(f32),
    /// The Hessian spectra at the two end points.
    Spectra(Box<Spectra>),
    /// Fraction of the spectra's probes done.
    SpectraDone(f32),
}

/// The Sharp vs Flat lab's comparison ([`compare`], parameter vectors within
/// [`Keep::WINDOW`]) as a [`super::task::Task`].
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ComparisonTask {
    /// The preset's problem.
    pub source: Source,
    /// The lab's two runs and plane.
    pub settings: Settings,
    /// The lab's Skip button for the spectra. On the pool it is the button's own flag, read
    /// while the spectra compute; a task sent to a Web Worker carries its value at the start.
    pub skip_spectra: Arc<AtomicBool>,
}

impl super::task::Task for ComparisonTask {
    const KIND: &'static str = "sharp-flat-comparison";
    type Progress = ComparisonProgress;
    type Output = Option<Grid>;

    fn run(self, ctx: &super::JobCtx<Self::Progress, Self::Output>) -> Self::Output {
        use ComparisonProgress as P;
        let compared = |c: Comparison| ctx.progress(P::Compared(Box::new(c)));
        let coarse = |g: Grid| ctx.progress(P::Coarse(g));
        let rows = |f: f32| ctx.progress(P::Rows(f));
        let spectra = |s: Spectra| ctx.progress(P::Spectra(Box::new(s)));
        let spectra_done = |f: f32| ctx.progress(P::SpectraDone(f));
        let progress = Progress {
            compared: &compared,
            coarse: &coarse,
            rows: &rows,
            spectra: &spectra,
            spectra_done: &spectra_done,
            skip_spectra: &self.skip_spectra,
        };
        compare(
            &self.source,
            &self.settings,
            Keep::WINDOW,
            ctx.cancel_flag(),
            &progress,
        )
    }
}

/// The Sharp vs Flat lab's sweep ([`run_sweep`]) as a [`super::task::Task`]: progress is
/// (cells done, cells).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SweepTask {
    /// The preset's problem.
    pub source: Source,
    /// The sweep to run.
    pub spec: SweepSpec,
}

impl super::task::Task for SweepTask {
    const KIND: &'static str = "sharp-flat-sweep";
    type Progress = SweepProgress;
    type Output = Option<SweepResult>;

    fn run(self, ctx: &super::JobCtx<Self::Progress, Self::Output>) -> Self::Output {
        run_sweep(&self.source, &self.spec, ctx.cancel_flag(), &|done, all| {
            ctx.progress((done, all));
        })
    }
}
