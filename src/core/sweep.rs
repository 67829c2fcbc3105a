//! Batch-size sweeps (Keskar et al. 2017; Cohen et al. 2021; Masters & Luschi 2018):
//! independent trainings over a grid of batch sizes × learning rates × (for a BatchNorm
//! network) BN batch sizes × seeds, each ending in the numbers of the Sharp vs Flat lab (train
//! and test loss and accuracy, λ_max, ε-sharpness, whether it diverged), and the median and
//! spread over seeds ([`Spread`]) that the figures draw.
//!
//! A sweep is a [`SweepSpec`]; [`SweepSpec::cells`] lists its cells in a fixed order and
//! [`run_cell`] trains one. `run_cell` is a pure function of the problem, the spec and the
//! cell: its batch order and initial weights come from the cell's seed alone
//! ([`crate::core::rng`] stream `RUNS` and the network's `INIT` stream), so a cell gives the
//! same bits whichever thread runs it and in whatever order. Parallelism belongs to the
//! caller (the jobs layer runs cells on rayon; `core` has no threads).
//!
//! Two learning-rate conventions ([`LrRule`]), stated on the sweep's axis:
//!
//! - [`LrRule::Fixed`]: the listed value is the step size η of every batch size (Keskar et
//!   al. compare batch sizes at one η);
//! - [`LrRule::BasePerSample`]: the listed value is Masters & Luschi's base learning rate
//!   η̃ = η/B. Their update `Δθ = −η̃ Σ_{i∈B} ∇L_i` on our mean-over-batch loss is
//!   `η = η̃ · B`, which keeps the mean update per gradient computation constant across B.
//!
//! The BN-batch axis ([`SweepSpec::bn_batch_sizes`], empty: none) sets the ghost-batch size
//! of a BatchNorm network's training statistics per cell ([`SweepProblem::with_bn_batch`]);
//! a listed 0 is the whole mini-batch. Every cell reports the statistics size it trained with
//! ([`CellResult::bn_batch`]: min(G, B), None without BatchNorm).
//!
//! Training is the loop of [`crate::core::train::train`] (epoch-wise shuffled mini-batches,
//! the optimizer's step, gradient clipping) without its per-step full-batch evaluations and
//! parameter record, which would cost more than the training itself at small B: only the
//! mini-batch loss and the parameters are checked each step, and the full-batch numbers are
//! computed once at the end.

use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};

use crate::core::network::mlp::{DataSplit, Mlp};
use crate::core::objective::{Batch, Objective};
use crate::core::optim::OptimizerSpec;
use crate::core::rng;
use crate::core::sharpness::keskar::{EpsConfig, EpsSharpness};
use crate::core::sharpness::spectrum::PowerConfig;
use crate::core::sharpness::{Curvature, HessianOperator, SharpnessError};
use crate::core::stats::median;
use crate::core::surface::ShiftedCopies;
use crate::core::train::{BatchSampler, RunStatus, clip_grad_norm};

/// What the listed learning rates mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LrRule {
    /// The listed value is η, the same for every batch size.
    #[default]
    Fixed,
    /// The listed value is the base rate η̃ = η/B (Masters & Luschi 2018): `η = η̃ · B`.
    BasePerSample,
}

impl LrRule {
    /// The name used in files: `"fixed"` or `"base_per_sample"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Fixed => "fixed",
            Self::BasePerSample => "base_per_sample",
        }
    }

    /// The axis label of the listed values: `"learning rate η"` or `"base learning rate
    /// η̃ = η/B"`.
    #[must_use]
    pub fn axis_label(self) -> &'static str {
        match self {
            Self::Fixed => "learning rate η",
            Self::BasePerSample => "base learning rate η̃ = η/B",
        }
    }

    /// The step size η used with batch size `batch` for a listed value `lr`.
    #[must_use]
    pub fn step_lr(self, lr: f64, batch: usize) -> f64 {
        match self {
            Self::Fixed => lr,
            Self::BasePerSample => lr * batch as f64,
        }
    }
}

/// How long each cell trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Budget {
    /// The same number of optimizer steps for every batch size.
    Steps(usize),
    /// The same number of passes over the data: `epochs · ⌈N/B⌉` steps at batch size B.
    Epochs(usize),
}

impl Budget {
    /// Optimizer steps at batch size `batch` (≥ 1) with `n_train` samples.
    #[must_use]
    pub fn steps(self, batch: usize, n_train: usize) -> usize {
        match self {
            Self::Steps(steps) => steps,
            Self::Epochs(epochs) => epochs * n_train.div_ceil(batch.max(1)),
        }
    }
}

/// A sweep that cannot run, naming the field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SweepError {
    /// An empty list of batch sizes, learning rates or seeds.
    #[error("the sweep has no {field}; list at least one")]
    Empty {
        /// `batch_sizes`, `lrs` or `seeds`.
        field: &'static str,
    },
    /// A learning rate that is not a positive number.
    #[error("learning rate {value} is not a positive finite number")]
    BadLr {
        /// The value listed.
        value: f64,
    },
    /// A setting out of range.
    #[error("{field} = {value} is out of range ({expected})")]
    OutOfRange {
        /// Which setting.
        field: &'static str,
        /// Its value, as text.
        value: String,
        /// What is allowed.
        expected: &'static str,
    },
}

/// A sweep: batch sizes × learning rates × seeds, one training per combination.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepSpec {
    /// Batch sizes B; 0 (or ≥ N) means the full batch.
    pub batch_sizes: Vec<usize>,
    /// Learning rates, read through `lr_rule`.
    pub lrs: Vec<f64>,
    /// Seeds: each fixes a cell's initial weights and batch order.
    pub seeds: Vec<u64>,
    /// BatchNorm's ghost-batch sizes G (each ≥ 2; 0 = the whole mini-batch); empty: no
    /// BN-batch axis, every cell trains the problem as it is.
    #[serde(default)]
    pub bn_batch_sizes: Vec<usize>,
    /// What the listed learning rates mean.
    pub lr_rule: LrRule,
    /// Steps or epochs per cell.
    pub budget: Budget,
    /// The optimizer of every cell (its `lr` is replaced per cell).
    pub optimizer: OptimizerSpec,
    /// Clip gradients to this ℓ₂ norm before each step.
    pub clip_grad_norm: Option<f64>,
    /// A cell whose final training loss exceeds `divergence_factor ×` its initial loss is
    /// marked diverged (as is one whose loss or parameters became non-finite).
    pub divergence_factor: f64,
    /// The stopping rule of power iteration for λ_max.
    pub power: PowerConfig,
    /// ε-sharpness settings.
    pub eps: EpsConfig,
}

impl SweepSpec {
    /// The default sweep around one run: batch sizes 4, 8, 16, … below `n_train` and then
    /// the full batch; six learning rates η/8, η/4, η/2, η, 2η, 4η around the optimizer's η;
    /// one seed (1); `steps` steps per cell. What the Sharp vs Flat lab starts with and what
    /// `basin sweep` runs on a preset without a `[sweep]` section (toy surfaces).
    #[must_use]
    pub fn around(n_train: usize, optimizer: &OptimizerSpec, steps: usize) -> Self {
        let mut batch_sizes: Vec<usize> = std::iter::successors(Some(4usize), |b| b.checked_mul(2))
            .take_while(|&b| b < n_train)
            .collect();
        batch_sizes.push(0);
        let lr = optimizer.lr;
        let lrs = [0.125, 0.25, 0.5, 1.0, 2.0, 4.0]
            .iter()
            .map(|f| f * lr)
            .collect();
        Self::new(
            batch_sizes,
            lrs,
            vec![1],
            Budget::Steps(steps),
            optimizer.clone(),
        )
    }

    /// A sweep of `optimizer` over the given axes with the fixed-lr rule, PyHessian's power
    /// iteration, ε = 1e−3 and a divergence factor of 10.
    #[must_use]
    pub fn new(
        batch_sizes: Vec<usize>,
        lrs: Vec<f64>,
        seeds: Vec<u64>,
        budget: Budget,
        optimizer: OptimizerSpec,
    ) -> Self {
        Self {
            batch_sizes,
            lrs,
            seeds,
            bn_batch_sizes: Vec::new(),
            lr_rule: LrRule::Fixed,
            budget,
            optimizer,
            clip_grad_norm: None,
            divergence_factor: 10.0,
            power: PowerConfig::default(),
            eps: EpsConfig::default(),
        }
    }

    /// Checks the axes and settings.
    ///
    /// # Errors
    /// An empty axis, a learning rate that is not positive and finite, a BN batch of 1, a
    /// divergence factor not above 1, or ε not positive.
    pub fn validate(&self) -> Result<(), SweepError> {
        for (field, empty) in [
            ("batch_sizes", self.batch_sizes.is_empty()),
            ("lrs", self.lrs.is_empty()),
            ("seeds", self.seeds.is_empty()),
        ] {
            if empty {
                return Err(SweepError::Empty { field });
            }
        }
        if let Some(&value) = self.lrs.iter().find(|lr| !(lr.is_finite() && **lr > 0.0)) {
            return Err(SweepError::BadLr { value });
        }
        if let Some(&g) = self.bn_batch_sizes.iter().find(|&&g| g == 1) {
            return Err(SweepError::OutOfRange {
                field: "bn_batch_sizes",
                value: g.to_string(),
                expected: "0 (the whole mini-batch) or at least 2",
            });
        }
        if self.divergence_factor.is_nan() || self.divergence_factor <= 1.0 {
            return Err(SweepError::OutOfRange {
                field: "divergence_factor",
                value: self.divergence_factor.to_string(),
                expected: "a number above 1",
            });
        }
        if !(self.eps.eps.is_finite() && self.eps.eps > 0.0) {
            return Err(SweepError::OutOfRange {
                field: "eps",
                value: self.eps.eps.to_string(),
                expected: "a positive number",
            });
        }
        Ok(())
    }

    /// Number of cells.
    #[must_use]
    pub fn len(&self) -> usize {
        self.batch_sizes.len() * self.lrs.len() * self.bn_axis().len() * self.seeds.len()
    }

    /// The BN-batch axis as the cells see it: the listed values, or one `None` without an
    /// axis.
    fn bn_axis(&self) -> Vec<Option<usize>> {
        if self.bn_batch_sizes.is_empty() {
            vec![None]
        } else {
            self.bn_batch_sizes.iter().map(|&g| Some(g)).collect()
        }
    }

    /// Whether the sweep has no cells.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cells for a problem with `n_train` samples, batch size outermost, then learning
    /// rate, then BN batch, then seed (the order of the CSV rows).
    #[must_use]
    pub fn cells(&self, n_train: usize) -> Vec<SweepCell> {
        let mut cells = Vec::with_capacity(self.len());
        for &batch_size in &self.batch_sizes {
            let batch = if batch_size == 0 || batch_size >= n_train {
                n_train.max(1)
            } else {
                batch_size
            };
            for &lr in &self.lrs {
                for bn_batch_size in self.bn_axis() {
                    for &seed in &self.seeds {
                        cells.push(SweepCell {
                            index: cells.len(),
                            batch_size,
                            batch,
                            lr,
                            step_lr: self.lr_rule.step_lr(lr, batch),
                            bn_batch_size,
                            seed,
                            steps: self.budget.steps(batch, n_train),
                        });
                    }
                }
            }
        }
        cells
    }
}

/// One training of a sweep.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SweepCell {
    /// Position in [`SweepSpec::cells`].
    pub index: usize,
    /// The batch size as listed (0 = full).
    pub batch_size: usize,
    /// The batch size used (1..=N).
    pub batch: usize,
    /// The learning rate as listed (η or η̃, by the sweep's [`LrRule`]).
    pub lr: f64,
    /// The step size η the optimizer uses.
    pub step_lr: f64,
    /// The BN batch as listed on the sweep's axis (0 = the whole mini-batch); None without
    /// a BN-batch axis.
    pub bn_batch_size: Option<usize>,
    /// The seed of the initial weights and the batch order.
    pub seed: u64,
    /// Optimizer steps.
    pub steps: usize,
}

/// Roughly what measuring a cell's end costs (λ_max by power iteration and ε-sharpness by
/// projected ascent, each pass over the whole training set), in full-batch gradient passes;
/// only the order of [`SweepCell::work`] depends on it.
const MEASURE_PASSES: usize = 300;

impl SweepCell {
    /// Roughly how much work the cell is, in per-sample gradients: its steps × batch, plus
    /// the measurement at its end (about [`MEASURE_PASSES`] passes over the `n_train`
    /// samples). The sweep starts the most expensive cells first, so that the longest do
    /// not run alone at the end.
    #[must_use]
    pub fn work(&self, n_train: usize) -> usize {
        self.steps
            .saturating_mul(self.batch)
            .saturating_add(MEASURE_PASSES.saturating_mul(n_train))
    }
}

/// What one cell ends with. Curvature numbers are NaN for a diverged or cancelled cell;
/// accuracies are None for problems without classes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CellResult {
    /// The cell.
    pub cell: SweepCell,
    /// How the training ended.
    pub status: RunStatus,
    /// Steps done.
    pub steps_done: usize,
    /// Full-batch training loss at the start.
    pub initial_loss: f64,
    /// Full-batch training loss at the end.
    pub train_loss: f64,
    /// Test loss at the end.
    pub test_loss: f64,
    /// Training accuracy at the end.
    pub train_acc: Option<f64>,
    /// Test accuracy at the end.
    pub test_acc: Option<f64>,
    /// λ_max of the full-batch training loss at the end.
    pub lambda_max: f64,
    /// Keskar's ε-sharpness at the end.
    pub eps_sharpness: f64,
    /// Whether the training diverged (non-finite values, or a final loss above
    /// `divergence_factor ×` the initial one).
    pub diverged: bool,
    /// How many examples BatchNorm's training statistics were taken over: the ghost batch G
    /// capped at the batch, min(G, B), or B for the whole mini-batch (an epoch's last, shorter
    /// batch aside); None without BatchNorm.
    pub bn_batch: Option<usize>,
}

/// A problem a sweep can train: an objective with its curvature ([`Curvature`]: λ_max and
/// ε-sharpness), its initial parameters per seed and an accuracy.
pub trait SweepProblem: Curvature {
    /// The starting parameters of a cell with this seed.
    fn initial_params(&self, seed: u64) -> Vec<f64>;

    /// The fraction classified correctly (None without classes).
    fn accuracy(&self, theta: &[f64], split: DataSplit) -> Option<f64>;

    /// The problem measured at training state `state` (a BatchNorm network with these
    /// running statistics), or None when it has no state (or the state does not fit): then
    /// the problem itself is measured.
    fn at_state(&self, state: &[f64]) -> Option<Box<dyn SweepProblem + '_>> {
        let _ = state;
        None
    }

    /// The same problem whose BatchNorm training statistics are taken over ghost batches of
    /// `bn_batch` examples (None: the whole mini-batch), or None when it has no BatchNorm
    /// (or the size is refused): then the problem itself is trained.
    fn with_bn_batch(&self, bn_batch: Option<usize>) -> Option<Box<dyn SweepProblem + '_>> {
        let _ = bn_batch;
        None
    }

    /// How many examples BatchNorm's training statistics are taken over at batch size
    /// `batch`; None without BatchNorm.
    fn bn_statistics(&self, batch: usize) -> Option<usize> {
        let _ = batch;
        None
    }
}

impl SweepProblem for Mlp {
    /// PyTorch's `nn.Linear` init from the seed's `INIT` stream.
    fn initial_params(&self, seed: u64) -> Vec<f64> {
        self.architecture().init_params(seed)
    }

    fn accuracy(&self, theta: &[f64], split: DataSplit) -> Option<f64> {
        Mlp::accuracy(self, theta, split)
    }

    fn at_state(&self, state: &[f64]) -> Option<Box<dyn SweepProblem + '_>> {
        if !self.architecture().batchnorm() {
            return None;
        }
        let mlp = self.with_running(state).ok()?;
        Some(Box::new(mlp))
    }

    fn with_bn_batch(&self, bn_batch: Option<usize>) -> Option<Box<dyn SweepProblem + '_>> {
        if !self.architecture().batchnorm() {
            return None;
        }
        let mlp = Mlp::with_bn_batch(self, bn_batch).ok()?;
        Some(Box::new(mlp))
    }

    fn bn_statistics(&self, batch: usize) -> Option<usize> {
        self.architecture()
            .batchnorm()
            .then(|| self.bn_batch().map_or(batch, |g| g.min(batch)))
    }
}

/// A toy surface problem with its start point (the same for every seed; seeds then change
/// only the batch order).
#[derive(Clone, Debug)]
pub struct SurfaceSweep {
    /// The shifted copies.
    pub problem: ShiftedCopies,
    /// Where every cell starts.
    pub start: [f64; 2],
}

impl Objective for SurfaceSweep {
    fn dim(&self) -> usize {
        2
    }

    fn n_train(&self) -> usize {
        self.problem.n_train()
    }

    fn loss_grad(&self, theta: &[f64], batch: Batch<'_>, grad: &mut [f64]) -> f64 {
        self.problem.loss_grad(theta, batch, grad)
    }

    fn loss(&self, theta: &[f64], batch: Batch<'_>) -> f64 {
        self.problem.loss(theta, batch)
    }

    fn test_loss(&self, theta: &[f64]) -> f64 {
        self.problem.test_loss(theta)
    }
}

impl Curvature for SurfaceSweep {
    fn hessian_at<'a>(
        &'a self,
        theta: &[f64],
    ) -> Result<Box<dyn HessianOperator + 'a>, SharpnessError> {
        self.problem.hessian_at(theta)
    }

    fn lambda_max(
        &self,
        theta: &[f64],
        config: &PowerConfig,
        seed: u64,
    ) -> Result<f64, SharpnessError> {
        self.problem.lambda_max(theta, config, seed)
    }

    fn top_eigenvalues(
        &self,
        theta: &[f64],
        count: usize,
        config: &PowerConfig,
        seed: u64,
    ) -> Result<Vec<f64>, SharpnessError> {
        self.problem.top_eigenvalues(theta, count, config, seed)
    }

    fn eps_sharpness(
        &self,
        theta: &[f64],
        config: &EpsConfig,
    ) -> Result<EpsSharpness, SharpnessError> {
        self.problem.eps_sharpness(theta, config)
    }
}

impl SweepProblem for SurfaceSweep {
    fn initial_params(&self, _seed: u64) -> Vec<f64> {
        self.start.to_vec()
    }

    fn accuracy(&self, _theta: &[f64], _split: DataSplit) -> Option<f64> {
        None
    }
}

fn all_finite(xs: &[f64]) -> bool {
    xs.iter().all(|x| x.is_finite())
}

/// Trains one cell and measures where it ends (see the module docs). Checks `cancel` once
/// per step; a cancelled cell reports [`RunStatus::Cancelled`] and NaN numbers. Never panics
/// on divergence. A cell on the BN-batch axis trains the problem with its ghost-batch size
/// (a problem without BatchNorm is trained as it is, and reports no statistics size).
#[must_use]
pub fn run_cell<P: SweepProblem + ?Sized>(
    problem: &P,
    spec: &SweepSpec,
    cell: &SweepCell,
    cancel: &AtomicBool,
) -> CellResult {
    let with_bn = cell
        .bn_batch_size
        .and_then(|g| problem.with_bn_batch((g != 0).then_some(g)));
    match with_bn.as_deref() {
        Some(bn_problem) => train_cell(bn_problem, spec, cell, cancel),
        None => train_cell(problem, spec, cell, cancel),
    }
}

/// [`run_cell`] on the problem as given.
fn train_cell<P: SweepProblem + ?Sized>(
    problem: &P,
    spec: &SweepSpec,
    cell: &SweepCell,
    cancel: &AtomicBool,
) -> CellResult {
    let dim = problem.dim();
    let n = problem.n_train();
    let mut theta = problem.initial_params(cell.seed);
    let mut sampler = BatchSampler::new(n, cell.batch, rng::rng_for(cell.seed, rng::stream::RUNS));
    let optimizer_spec = OptimizerSpec {
        lr: cell.step_lr,
        ..spec.optimizer.clone()
    };
    let mut optimizer = optimizer_spec.build(dim);
    let mut grad = vec![0.0; dim];
    let mut state = problem.initial_state();
    let stateful = !state.is_empty();
    let initial_loss = problem.loss(&theta, Batch::Full);
    let mut result = CellResult {
        cell: *cell,
        status: RunStatus::Finished,
        steps_done: 0,
        initial_loss,
        train_loss: f64::NAN,
        test_loss: f64::NAN,
        train_acc: None,
        test_acc: None,
        lambda_max: f64::NAN,
        eps_sharpness: f64::NAN,
        diverged: false,
        bn_batch: problem.bn_statistics(cell.batch),
    };
    if !(initial_loss.is_finite() && all_finite(&theta) && theta.len() == dim) {
        result.status = RunStatus::Diverged { step: 0 };
        result.diverged = true;
        return result;
    }

    let mut indices: Vec<usize> = Vec::with_capacity(cell.batch);
    for step in 1..=cell.steps {
        if cancel.load(Ordering::Relaxed) {
            result.status = RunStatus::Cancelled;
            return result;
        }
        let batch = if cell.batch >= n {
            Batch::Full
        } else {
            indices.clear();
            indices.extend_from_slice(sampler.next_batch());
            Batch::Indices(&indices)
        };
        let batch_loss =
            problem.train_loss_grad(&theta, batch, stateful.then_some(&mut state[..]), &mut grad);
        if !(batch_loss.is_finite() && all_finite(&grad)) {
            result.status = RunStatus::Diverged { step };
            break;
        }
        if let Some(max_norm) = spec.clip_grad_norm {
            clip_grad_norm(&mut grad, max_norm);
        }
        let mut grad_at = |p: &[f64], g: &mut [f64]| problem.train_loss_grad(p, batch, None, g);
        optimizer.step(cell.step_lr, &mut theta, &grad, &mut grad_at);
        result.steps_done = step;
        if !all_finite(&theta) {
            result.status = RunStatus::Diverged { step };
            break;
        }
    }

    if matches!(result.status, RunStatus::Diverged { .. }) {
        result.diverged = true;
        return result;
    }
    // Measured in eval mode, at the running statistics training ended with.
    let at_state = if stateful {
        problem.at_state(&state)
    } else {
        None
    };
    match at_state.as_deref() {
        Some(measured) => measure(measured, spec, cell.seed, &theta, initial_loss, result),
        None => measure(problem, spec, cell.seed, &theta, initial_loss, result),
    }
}

/// The end-of-training numbers of a cell that did not diverge while training.
fn measure<P: SweepProblem + ?Sized>(
    problem: &P,
    spec: &SweepSpec,
    seed: u64,
    theta: &[f64],
    initial_loss: f64,
    mut result: CellResult,
) -> CellResult {
    result.train_loss = problem.loss(theta, Batch::Full);
    result.test_loss = problem.test_loss(theta);
    result.train_acc = problem.accuracy(theta, DataSplit::Train);
    result.test_acc = problem.accuracy(theta, DataSplit::Test);
    let blew_up = initial_loss > 0.0 && result.train_loss > spec.divergence_factor * initial_loss;
    if !result.train_loss.is_finite() || blew_up {
        result.status = RunStatus::Diverged {
            step: result.steps_done,
        };
        result.diverged = true;
        return result;
    }
    if let Ok(lambda) = problem.lambda_max(theta, &spec.power, seed) {
        result.lambda_max = lambda;
    }
    if let Ok(sharp) = problem.eps_sharpness(theta, &spec.eps) {
        result.eps_sharpness = sharp.value;
    }
    result
}

/// Medians over the cells of one batch size that did not diverge (Keskar's line plots
/// against B).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BatchSummary {
    /// The batch size as listed.
    pub batch_size: usize,
    /// Cells of this batch size.
    pub cells: usize,
    /// Of which diverged.
    pub diverged: usize,
    /// Median λ_max.
    pub lambda_max: Option<f64>,
    /// Median ε-sharpness.
    pub eps_sharpness: Option<f64>,
    /// Median final training loss.
    pub train_loss: Option<f64>,
    /// Median test loss.
    pub test_loss: Option<f64>,
    /// Median test accuracy.
    pub test_acc: Option<f64>,
}

/// One [`BatchSummary`] per listed batch size, in the sweep's order.
#[must_use]
pub fn summarize_by_batch(spec: &SweepSpec, results: &[CellResult]) -> Vec<BatchSummary> {
    spec.batch_sizes
        .iter()
        .map(|&batch_size| {
            let of_b: Vec<&CellResult> = results
                .iter()
                .filter(|r| r.cell.batch_size == batch_size)
                .collect();
            let kept = || of_b.iter().filter(|r| !r.diverged);
            BatchSummary {
                batch_size,
                cells: of_b.len(),
                diverged: of_b.iter().filter(|r| r.diverged).count(),
                lambda_max: median(kept().map(|r| r.lambda_max).filter(|v| v.is_finite())),
                eps_sharpness: median(kept().map(|r| r.eps_sharpness).filter(|v| v.is_finite())),
                train_loss: median(kept().map(|r| r.train_loss).filter(|v| v.is_finite())),
                test_loss: median(kept().map(|r| r.test_loss).filter(|v| v.is_finite())),
                test_acc: median(kept().filter_map(|r| r.test_acc).filter(|v| v.is_finite())),
            }
        })
        .collect()
}

/// The median and the range of one number over the seeds of a cell group (what the figures
/// draw: the median as the line, min–max as whiskers, so sampling error is not read as a
/// trend).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// The median.
    pub median: f64,
    /// The smallest value.
    pub min: f64,
    /// The largest value.
    pub max: f64,
    /// How many values (seeds that did not diverge).
    pub count: usize,
}

impl Spread {
    /// The spread of the finite values; None when there are none.
    #[must_use]
    pub fn of(values: impl IntoIterator<Item = f64>) -> Option<Self> {
        let v: Vec<f64> = values.into_iter().filter(|x| x.is_finite()).collect();
        let median = median(v.iter().copied())?;
        Some(Self {
            median,
            min: v.iter().copied().fold(f64::INFINITY, f64::min),
            max: v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            count: v.len(),
        })
    }
}

/// An axis of a sweep, as the x axis of a figure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SweepAxis {
    /// The batch size: x = log₂ B (the batch used).
    Batch,
    /// The listed learning rate (η, or η/B with [`LrRule::BasePerSample`]): x = log₂ of it.
    Lr,
    /// The BN batch: x = log₂ of the statistics size ([`CellResult::bn_batch`]).
    BnBatch,
}

/// Which cells one line of a figure is made of: the values of the axes other than the x
/// axis and the seeds. An axis with a single value in the sweep is None (every line has it).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LineKey {
    /// The batch size as listed (0 = full).
    pub batch_size: Option<usize>,
    /// The learning rate as listed.
    pub lr: Option<f64>,
    /// The BN batch as listed (0 = the whole mini-batch).
    pub bn_batch_size: Option<usize>,
}

/// One point of a figure's line: x and the spread over seeds there.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpreadPoint {
    /// On the x axis (log₂ of the axis value).
    pub x: f64,
    /// The value's median and range over the seeds that did not diverge.
    pub spread: Spread,
}

/// One line of a figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpreadLine {
    /// Which cells.
    pub key: LineKey,
    /// Its points, in the order of the x axis' list (points where every seed diverged are
    /// left out).
    pub points: Vec<SpreadPoint>,
}

/// The lines of `value` against `axis`: one line per combination of the other axes (in the
/// sweep's order), each point the [`Spread`] over the seeds that did not diverge. `n_train`
/// names the full batch. Lines without a point are left out.
#[must_use]
pub fn spread_lines(
    spec: &SweepSpec,
    results: &[CellResult],
    n_train: usize,
    axis: SweepAxis,
    value: impl Fn(&CellResult) -> Option<f64>,
) -> Vec<SpreadLine> {
    let batches: Vec<Option<usize>> = spec.batch_sizes.iter().map(|&b| Some(b)).collect();
    let lrs: Vec<Option<f64>> = spec.lrs.iter().map(|&lr| Some(lr)).collect();
    let bns = spec.bn_axis();
    // The key of a line: None on the x axis and on axes with one value.
    let key_of = |b: Option<usize>, lr: Option<f64>, g: Option<usize>| LineKey {
        batch_size: b.filter(|_| axis != SweepAxis::Batch && spec.batch_sizes.len() > 1),
        lr: lr.filter(|_| axis != SweepAxis::Lr && spec.lrs.len() > 1),
        bn_batch_size: g.filter(|_| axis != SweepAxis::BnBatch && spec.bn_batch_sizes.len() > 1),
    };
    let (outer_b, outer_lr, outer_g) = match axis {
        SweepAxis::Batch => (vec![None], lrs.clone(), bns.clone()),
        SweepAxis::Lr => (batches.clone(), vec![None], bns.clone()),
        SweepAxis::BnBatch => (batches.clone(), lrs.clone(), vec![None]),
    };
    let xs: Vec<(Option<usize>, Option<f64>, Option<usize>)> = match axis {
        SweepAxis::Batch => batches.iter().map(|&b| (b, None, None)).collect(),
        SweepAxis::Lr => lrs.iter().map(|&lr| (None, lr, None)).collect(),
        SweepAxis::BnBatch => bns.iter().map(|&g| (None, None, g)).collect(),
    };
    let mut lines = Vec::new();
    for &b in &outer_b {
        for &lr in &outer_lr {
            for &g in &outer_g {
                let mut points = Vec::new();
                for &(xb, xlr, xg) in &xs {
                    let (b, lr, g) = (b.or(xb), lr.or(xlr), g.or(xg));
                    let of: Vec<&CellResult> = results
                        .iter()
                        .filter(|r| {
                            !r.diverged
                                && b.is_none_or(|b| r.cell.batch_size == b)
                                && lr.is_none_or(|lr| r.cell.lr == lr)
                                && g.is_none_or(|g| r.cell.bn_batch_size == Some(g))
                        })
                        .collect();
                    #[allow(clippy::cast_precision_loss)]
                    let x = match axis {
                        SweepAxis::Batch => b.map(|b| {
                            let used = if b == 0 || b >= n_train { n_train } else { b };
                            libm::log2(used.max(1) as f64)
                        }),
                        SweepAxis::Lr => lr.map(libm::log2),
                        // Every seed of a cell group trains with the same statistics size.
                        SweepAxis::BnBatch => of
                            .iter()
                            .find_map(|r| r.bn_batch)
                            .map(|s| libm::log2(s.max(1) as f64)),
                    };
                    if let (Some(x), Some(spread)) =
                        (x, Spread::of(of.iter().filter_map(|r| value(r))))
                    {
                        points.push(SpreadPoint { x, spread });
                    }
                }
                if !points.is_empty() {
                    lines.push(SpreadLine {
                        key: key_of(b, lr, g),
                        points,
                    });
                }
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::optim::OptimizerKind;

    fn spec(rule: LrRule, budget: Budget) -> SweepSpec {
        SweepSpec {
            lr_rule: rule,
            ..SweepSpec::new(
                vec![4, 0],
                vec![0.01, 0.1],
                vec![1, 2, 3],
                budget,
                OptimizerSpec::defaults(OptimizerKind::Sgd),
            )
        }
    }

    #[test]
    fn cells_enumerate_batch_then_lr_then_seed() {
        let cells = spec(LrRule::Fixed, Budget::Steps(50)).cells(100);
        assert_eq!(cells.len(), 12);
        assert_eq!((cells[0].batch, cells[0].lr, cells[0].seed), (4, 0.01, 1));
        assert_eq!((cells[5].batch, cells[5].lr, cells[5].seed), (4, 0.1, 3));
        assert_eq!((cells[6].batch_size, cells[6].batch), (0, 100));
        assert!(cells.iter().enumerate().all(|(i, c)| c.index == i));
        assert!(cells.iter().all(|c| c.step_lr == c.lr && c.steps == 50));
    }

    #[test]
    fn base_lr_rule_scales_with_batch_and_epochs_count_batches() {
        let cells = spec(LrRule::BasePerSample, Budget::Epochs(3)).cells(100);
        assert!((cells[0].step_lr - 0.04).abs() < 1e-15);
        assert!((cells[6].step_lr - 1.0).abs() < 1e-15);
        assert_eq!(cells[0].steps, 75);
        assert_eq!(cells[6].steps, 3);
        assert_eq!(Budget::Epochs(2).steps(3, 10), 8);
    }

    #[test]
    fn validation_names_the_field() {
        let mut s = spec(LrRule::Fixed, Budget::Steps(1));
        s.seeds.clear();
        assert_eq!(s.validate(), Err(SweepError::Empty { field: "seeds" }));
        let mut s = spec(LrRule::Fixed, Budget::Steps(1));
        s.lrs.push(-1.0);
        assert_eq!(s.validate(), Err(SweepError::BadLr { value: -1.0 }));
        assert!(spec(LrRule::Fixed, Budget::Steps(1)).validate().is_ok());
    }

    #[test]
    fn a_bn_axis_multiplies_the_cells_between_lr_and_seed() {
        let mut s = spec(LrRule::Fixed, Budget::Steps(10));
        s.bn_batch_sizes = vec![2, 0, 4];
        assert_eq!(s.len(), 2 * 2 * 3 * 3);
        let cells = s.cells(100);
        assert_eq!(cells.len(), 36);
        // batch × lr × BN batch × seed, seed innermost.
        let key = |c: &SweepCell| (c.batch, c.lr, c.bn_batch_size, c.seed);
        assert_eq!(key(&cells[0]), (4, 0.01, Some(2), 1));
        assert_eq!(key(&cells[2]), (4, 0.01, Some(2), 3));
        assert_eq!(key(&cells[3]), (4, 0.01, Some(0), 1));
        assert_eq!(key(&cells[8]), (4, 0.01, Some(4), 3));
        assert_eq!(key(&cells[9]), (4, 0.1, Some(2), 1));
        assert_eq!(key(&cells[18]), (100, 0.01, Some(2), 1));
        assert_eq!(key(&cells[35]), (100, 0.1, Some(4), 3));
        assert!(cells.iter().enumerate().all(|(i, c)| c.index == i));
        // Without an axis every cell keeps the problem's own BN batch.
        let plain = spec(LrRule::Fixed, Budget::Steps(10)).cells(100);
        assert!(plain.iter().all(|c| c.bn_batch_size.is_none()));
        s.bn_batch_sizes.push(1);
        assert_eq!(
            s.validate(),
            Err(SweepError::OutOfRange {
                field: "bn_batch_sizes",
                value: "1".into(),
                expected: "0 (the whole mini-batch) or at least 2",
            })
        );
    }

    #[test]
    fn spread_is_the_median_and_range_of_the_finite_values() {
        let s = Spread::of([0.9, f64::NAN, 0.5, 0.7, f64::INFINITY]).expect("values");
        assert_eq!((s.median, s.min, s.max, s.count), (0.7, 0.5, 0.9, 3));
        assert_eq!(Spread::of([f64::NAN]), None);
        let even = Spread::of([1.0, 4.0]).expect("values");
        assert_eq!((even.median, even.min, even.max), (2.5, 1.0, 4.0));
    }

    /// A hand-made result of a cell; `bn` is the statistics size it reports.
    fn result(cell: &SweepCell, acc: f64, bn: Option<usize>, diverged: bool) -> CellResult {
        CellResult {
            cell: *cell,
            status: RunStatus::Finished,
            steps_done: cell.steps,
            initial_loss: 1.0,
            train_loss: 0.1,
            test_loss: 1.0 - acc,
            train_acc: Some(1.0),
            test_acc: Some(acc),
            lambda_max: 10.0 * acc,
            eps_sharpness: 1.0,
            diverged,
            bn_batch: bn,
        }
    }

    #[test]
    fn spread_lines_take_the_median_and_range_over_seeds_only() {
        // B ∈ {4, full}, lr ∈ {0.01, 0.1}, BN batch ∈ {2, whole}, seeds 1..=3.
        let mut s = spec(LrRule::Fixed, Budget::Steps(10));
        s.bn_batch_sizes = vec![2, 0];
        let cells = s.cells(100);
        // Accuracy: a distinct base per (B, lr, G) group plus the seed's offset; seed 3 of
        // the first group diverged (left out).
        let results: Vec<CellResult> = cells
            .iter()
            .map(|c| {
                let group = c.index / 3;
                let acc = 0.1 * group as f64 / 8.0 + 0.01 * c.seed as f64;
                let g = c
                    .bn_batch_size
                    .map(|g| if g == 0 { c.batch } else { g.min(c.batch) });
                result(c, acc, g, c.index == 2)
            })
            .collect();
        let acc = |r: &CellResult| r.test_acc;

        let by_bn = spread_lines(&s, &results, 100, SweepAxis::BnBatch, acc);
        // One line per (B, lr), each with a point per BN batch at log₂ of its statistics
        // size.
        assert_eq!(by_bn.len(), 4);
        let first = &by_bn[0];
        assert_eq!(
            first.key,
            LineKey {
                batch_size: Some(4),
                lr: Some(0.01),
                bn_batch_size: None
            }
        );
        assert_eq!(first.points.len(), 2);
        assert_eq!((first.points[0].x, first.points[1].x), (1.0, 2.0));
        // Group 0: seeds 1 and 2 (seed 3 diverged).
        let p = first.points[0].spread;
        assert_eq!(p.count, 2);
        assert!((p.min - 0.01).abs() < 1e-12 && (p.max - 0.02).abs() < 1e-12);
        assert!((p.median - 0.015).abs() < 1e-12);
        // Group 1 (G = whole batch 4): all three seeds.
        let q = first.points[1].spread;
        assert_eq!(q.count, 3);
        assert!((q.median - (0.1 / 8.0 + 0.02)).abs() < 1e-12);
        assert!((q.max - q.min - 0.02).abs() < 1e-12);
        // The full batch's whole-batch BN point sits at log₂ 100.
        assert!((by_bn[2].points[1].x - libm::log2(100f64)).abs() < 1e-12);

        let by_lr = spread_lines(&s, &results, 100, SweepAxis::Lr, acc);
        assert_eq!(by_lr.len(), 4, "one line per (B, G)");
        assert_eq!(by_lr[1].key.bn_batch_size, Some(0));
        assert_eq!(by_lr[0].key.lr, None);
        assert!((by_lr[0].points[1].x - libm::log2(0.1f64)).abs() < 1e-12);

        let by_batch = spread_lines(&s, &results, 100, SweepAxis::Batch, acc);
        assert_eq!(by_batch.len(), 4, "one line per (lr, G)");
        assert_eq!(by_batch[0].key.batch_size, None);
        assert_eq!(by_batch[0].points[0].x, 2.0);
        assert!((by_batch[0].points[1].x - libm::log2(100f64)).abs() < 1e-12);

        // A group whose every seed diverged has no point; an axis of one value is not in
        // the key.
        let mut one_lr = spec(LrRule::Fixed, Budget::Steps(10));
        one_lr.lrs = vec![0.1];
        let cells = one_lr.cells(100);
        let results: Vec<CellResult> = cells
            .iter()
            .map(|c| result(c, 0.5, None, c.batch == 4))
            .collect();
        let lines = spread_lines(&one_lr, &results, 100, SweepAxis::Lr, acc);
        assert_eq!(lines.len(), 1, "B = 4 diverged everywhere");
        assert_eq!(lines[0].key.batch_size, Some(0));
        let lines = spread_lines(&one_lr, &results, 100, SweepAxis::Batch, acc);
        assert_eq!(
            lines[0].key,
            LineKey {
                batch_size: None,
                lr: None,
                bn_batch_size: None
            }
        );
        assert_eq!(lines[0].points.len(), 1);
    }
}
