//! The training loop: epoch-wise shuffled mini-batches (PyTorch's `DataLoader(shuffle=True,
//! drop_last=False)`), optional gradient noise and gradient-norm clipping, one optimizer step
//! per batch, and a record of the full-batch training loss, the test loss and the learning
//! rate at every step (step 0 is the start), with the parameters of every step or of every
//! k-th step within a byte budget ([`Keep`]).
//!
//! Memory: a network of 67,000 parameters trained for 1,000 steps is half a gigabyte of
//! parameter vectors. [`Keep::Within`] stores the vectors (and states) only at a stride `k`
//! chosen before training so that they fit the budget — points 0, k, 2k, … and always the
//! last —, while the losses and learning rates stay complete. [`Trajectory::point`] of any
//! step returns the nearest stored point at or before it. The window keeps
//! [`WINDOW_RECORD_BUDGET`] per training; the command line keeps every point
//! ([`Keep::Every`]), so its files hold every step.
//!
//! Objectives with training state (BatchNorm's running statistics, see
//! [`crate::core::objective`]) step in training mode ([`Objective::train_loss_grad`]), the
//! loop carries the state, and the recorded losses are measured in eval mode at the state of
//! that point ([`Objective::eval_losses`]); the trajectory records the state of every point
//! ([`Trajectory::state`]: the landscape and accuracy at a playback step need it; kept with the
//! parameters, at the same points). SAM's second
//! gradient is taken in training mode without touching the running statistics (one update
//! per step).
//!
//! Deterministic: the batch order of run `i` comes from the ChaCha8 stream
//! `(seed, RUNS + i)` and its gradient noise from `(seed, RUN_NOISE + i)`, so runs can be
//! trained in any order, on any number of threads, and give the same bits.

use std::sync::atomic::{AtomicBool, Ordering};

use rand::RngExt as _;
use serde::{Deserialize, Serialize};

use crate::core::objective::Objective;
use crate::core::optim::OptimizerSpec;
use crate::core::rng::Rng;
use crate::core::schedule::Schedule;

mod runner;
pub use runner::Runner;

/// Stream id base for the gradient noise of run `i` (`RUN_NOISE + i`).
const RUN_NOISE: u64 = 500_000;

/// The bytes of parameter vectors and training states the window keeps of one training,
/// shared by all its runs ([`Keep::per_run`]): 64 MiB. Every lab trains through it, so a
/// network of any size and length stays within it (plus one first and one last point per run
/// when a single point is larger than a run's share). Losses and learning rates are not
/// counted: they are kept for every step (16 bytes a step and run).
pub const WINDOW_RECORD_BUDGET: usize = 64 << 20;

/// Which points of a run keep their parameter vector (and training state).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    /// Every point: the trajectory is complete (the command line, whose files hold every
    /// step).
    Every,
    /// Every `k`-th point and the last, `k` the smallest stride whose stored vectors fit this
    /// many bytes ([`stride_for`]).
    Within(usize),
}

impl Keep {
    /// The window's: [`WINDOW_RECORD_BUDGET`] for one training.
    pub const WINDOW: Self = Self::Within(WINDOW_RECORD_BUDGET);

    /// What each of `runs` runs trained together keeps when the whole training keeps `self`:
    /// an even share of the budget.
    #[must_use]
    pub fn per_run(self, runs: usize) -> Self {
        match self {
            Self::Every => Self::Every,
            Self::Within(budget) => Self::Within(budget / runs.max(1)),
        }
    }
}

/// The stride at which a run of `steps` steps keeps its points when each stored point takes
/// `point_bytes` bytes: 1 for [`Keep::Every`] or when all `steps + 1` points fit; else the
/// smallest `k` with `⌊steps/k⌋ + 2 ≤ budget / point_bytes` (the multiples of `k` and the
/// last point), at least 1; when not even three points fit, `steps` (only the first and the
/// last point, over the budget if one point is).
#[must_use]
pub fn stride_for(keep: Keep, steps: usize, point_bytes: usize) -> usize {
    let Keep::Within(budget) = keep else {
        return 1;
    };
    let fits = budget / point_bytes.max(1);
    if fits > steps {
        return 1;
    }
    if fits < 3 {
        return steps.max(1);
    }
    steps.div_ceil(fits - 2).max(1)
}

/// One optimizer run of an experiment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunSpec {
    /// Legend text; empty means "use the optimizer summary".
    pub label: String,
    /// The optimizer and its hyperparameters.
    pub optimizer: OptimizerSpec,
    /// Mini-batch size B; 0 (or ≥ N) means the full batch.
    pub batch_size: usize,
    /// Clip the gradient to this ℓ₂ norm before the step (`torch.nn.utils.clip_grad_norm_`).
    pub clip_grad_norm: Option<f64>,
    /// τ: add N(0, τ²I) to every gradient (Langevin-style noise), ≥ 0.
    pub grad_noise: f64,
    /// The learning-rate schedule (constant by default), stepped after every optimizer
    /// step as torch's `lr_scheduler`.
    #[serde(default)]
    pub schedule: Schedule,
}

impl RunSpec {
    /// A run of `optimizer` on the full batch, without noise or clipping.
    #[must_use]
    pub fn new(optimizer: OptimizerSpec) -> Self {
        Self {
            label: String::new(),
            optimizer,
            batch_size: 0,
            clip_grad_norm: None,
            grad_noise: 0.0,
            schedule: Schedule::default(),
        }
    }

    /// The legend text: the label, or the optimizer summary with the batch size.
    #[must_use]
    pub fn legend(&self, n_train: usize) -> String {
        self.legend_with(n_train, "full")
    }

    /// [`Self::legend`] with `full` as the word for the full batch (`B=full`); the window
    /// passes it in its language.
    #[must_use]
    pub fn legend_with(&self, n_train: usize, full: &str) -> String {
        if !self.label.is_empty() {
            return self.label.clone();
        }
        let batch = self.effective_batch(n_train);
        if batch >= n_train {
            format!("{} B={full}", self.optimizer.summary())
        } else {
            format!("{} B={batch}", self.optimizer.summary())
        }
    }

    /// The batch size actually used with `n_train` samples ([`effective_batch`]).
    #[must_use]
    pub fn effective_batch(&self, n_train: usize) -> usize {
        effective_batch(self.batch_size, n_train)
    }
}

/// The batch size actually used with `n_train` samples: `batch_size`, or the full batch
/// `n_train` when `batch_size` is 0 (the presets' "full") or not below `n_train`.
#[must_use]
pub fn effective_batch(batch_size: usize, n_train: usize) -> usize {
    if batch_size == 0 || batch_size >= n_train {
        n_train
    } else {
        batch_size
    }
}

/// The label of a batch size with `n_train` samples: the number (`"8"`), or `full(n_train)`
/// for the full batch, so each caller words "full" its own way (`"512 (full)"` in figures,
/// the window's translated text).
#[must_use]
pub fn batch_label(
    batch_size: usize,
    n_train: usize,
    full: impl FnOnce(usize) -> String,
) -> String {
    let b = effective_batch(batch_size, n_train);
    if b == n_train {
        full(n_train)
    } else {
        b.to_string()
    }
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RunStatus {
    /// All steps done.
    Finished,
    /// The loss or the parameters became non-finite at this step; the record stops at the
    /// last finite point.
    Diverged {
        /// The step whose update produced a non-finite value.
        step: usize,
    },
    /// Stopped by the cancel flag.
    Cancelled,
}

/// The record of one run: losses and learning rates at every step, parameter vectors and
/// states at the stored points (every `stride`-th point and the last; all of them when
/// `stride` is 1).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Trajectory {
    /// Parameters per point.
    pub dim: usize,
    /// The stored points' parameters, shape `[stored, dim]` row-major: points 0, `stride`,
    /// `2·stride`, … and the last point ([`Self::stored_steps`]); point 0 is the start.
    #[serde(with = "crate::core::wire::floats")]
    pub params: Vec<f64>,
    /// Every how many points a parameter vector is stored (1: every point).
    pub stride: usize,
    /// Full-batch training loss at each point.
    pub train_loss: Vec<f64>,
    /// Held-out loss at each point.
    pub test_loss: Vec<f64>,
    /// The learning rate each step used: `lr[k]` took point k to point k + 1 (one entry
    /// fewer than the points).
    pub lr: Vec<f64>,
    /// How the run ended.
    pub status: RunStatus,
    /// Length of the training state of one point ([`Objective::state_len`]: BatchNorm's
    /// running statistics; 0 for stateless objectives).
    pub state_dim: usize,
    /// The state at each stored point, `[stored, state_dim]` row-major (empty when
    /// `state_dim` is 0).
    #[serde(with = "crate::core::wire::floats")]
    pub states: Vec<f64>,
}

impl Trajectory {
    /// Number of recorded points (steps done + 1).
    #[must_use]
    pub fn len(&self) -> usize {
        self.train_loss.len()
    }

    /// Whether nothing was recorded.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.train_loss.is_empty()
    }

    /// The row of `params` (and `states`) that [`Self::point`] returns for point `i`: the
    /// nearest stored point at or before `i` (clamped to the last point).
    #[must_use]
    pub fn stored_index(&self, i: usize) -> usize {
        let last = self.len().saturating_sub(1);
        let stride = self.stride.max(1);
        if i >= last {
            last.div_ceil(stride)
        } else {
            i / stride
        }
    }

    /// The step whose parameters [`Self::point`] returns for point `i`: `i` itself when it
    /// is stored, else the nearest stored step before it (clamped to the last point).
    #[must_use]
    pub fn stored_step(&self, i: usize) -> usize {
        let last = self.len().saturating_sub(1);
        if i >= last {
            last
        } else {
            i - i % self.stride.max(1)
        }
    }

    /// Whether the parameters of point `i` are stored (every point when `stride` is 1).
    #[must_use]
    pub fn is_stored(&self, i: usize) -> bool {
        i < self.len() && (i.is_multiple_of(self.stride.max(1)) || i + 1 == self.len())
    }

    /// The steps of the stored points in order, one per row of `params`: the multiples of
    /// `stride`, then the last point if it is not one.
    #[must_use]
    pub fn stored_steps(&self) -> Vec<usize> {
        let len = self.len();
        let mut steps: Vec<usize> = (0..len).step_by(self.stride.max(1)).collect();
        if len > 0 && steps.last() != Some(&(len - 1)) {
            steps.push(len - 1);
        }
        steps
    }

    /// The parameters at point `i`: those of the nearest stored point at or before `i`
    /// ([`Self::stored_step`]; exactly point `i` when `stride` is 1), clamped to the last
    /// point.
    #[must_use]
    pub fn point(&self, i: usize) -> &[f64] {
        let row = self.stored_index(i);
        let start = (row * self.dim).min(self.params.len());
        &self.params[start..(start + self.dim).min(self.params.len())]
    }

    /// The training state at point `i`, from the same stored point as [`Self::point`]
    /// (clamped to the last point; empty for stateless objectives).
    #[must_use]
    pub fn state(&self, i: usize) -> &[f64] {
        let rows = self.states.len().checked_div(self.state_dim).unwrap_or(0);
        let row = self.stored_index(i).min(rows.saturating_sub(1));
        let start = (row * self.state_dim).min(self.states.len());
        &self.states[start..(start + self.state_dim).min(self.states.len())]
    }

    /// Bytes of the stored parameter vectors and states.
    #[must_use]
    pub fn stored_bytes(&self) -> usize {
        (self.params.len() + self.states.len()) * std::mem::size_of::<f64>()
    }

    /// Whether the run diverged.
    #[must_use]
    pub fn diverged(&self) -> bool {
        matches!(self.status, RunStatus::Diverged { .. })
    }
}

/// A trajectory being recorded: the point just pushed is held back (`tail`) when it falls
/// between two strides, so that [`Recording::finish`] can store the last point however the
/// run ends.
struct Recording {
    record: Trajectory,
    tail: Vec<f64>,
    tail_state: Vec<f64>,
    tail_pending: bool,
}

impl Recording {
    fn push(&mut self, theta: &[f64], state: &[f64], train_loss: f64, test_loss: f64) {
        let point = self.record.train_loss.len();
        self.record.train_loss.push(train_loss);
        self.record.test_loss.push(test_loss);
        if point.is_multiple_of(self.record.stride.max(1)) {
            self.record.params.extend_from_slice(theta);
            self.record.states.extend_from_slice(state);
            self.tail_pending = false;
        } else {
            self.tail.clear();
            self.tail.extend_from_slice(theta);
            self.tail_state.clear();
            self.tail_state.extend_from_slice(state);
            self.tail_pending = true;
        }
    }

    /// The trajectory with its last point stored, ending with `status`.
    fn finish(mut self, status: RunStatus) -> Trajectory {
        if self.tail_pending {
            self.record.params.extend_from_slice(&self.tail);
            self.record.states.extend_from_slice(&self.tail_state);
        }
        self.record.status = status;
        self.record
    }
}

/// Epoch-wise shuffled mini-batches without replacement; the last batch of an epoch may be
/// smaller (`drop_last=False`).
#[derive(Debug)]
pub struct BatchSampler {
    order: Vec<usize>,
    batch: usize,
    cursor: usize,
    rng: Rng,
}

impl BatchSampler {
    /// Batches of `batch` from `n` samples, ordered by `rng`.
    #[must_use]
    pub fn new(n: usize, batch: usize, rng: Rng) -> Self {
        Self {
            order: (0..n).collect(),
            batch: batch.clamp(1, n.max(1)),
            cursor: n, // forces a shuffle before the first batch
            rng,
        }
    }

    /// The indices of the next mini-batch.
    pub fn next_batch(&mut self) -> &[usize] {
        let n = self.order.len();
        if self.cursor >= n {
            // Fisher–Yates, from the end.
            for i in (1..n).rev() {
                let j = self.rng.random_range(0..=i);
                self.order.swap(i, j);
            }
            self.cursor = 0;
        }
        let start = self.cursor;
        let end = (start + self.batch).min(n);
        self.cursor = end;
        &self.order[start..end]
    }
}

fn all_finite(xs: &[f64]) -> bool {
    xs.iter().all(|x| x.is_finite())
}

/// Trains run `run_index` of an experiment for `steps` steps from `start`, keeping every
/// point ([`Keep::Every`]; [`train_keeping`] with a budget).
///
/// Checks `cancel` once per step. Never panics on divergence: a non-finite loss or parameter
/// ends the run with [`RunStatus::Diverged`].
#[must_use]
pub fn train(
    objective: &dyn Objective,
    run: &RunSpec,
    run_index: usize,
    start: &[f64],
    steps: usize,
    seed: u64,
    cancel: &AtomicBool,
) -> Trajectory {
    train_keeping(
        objective,
        run,
        run_index,
        start,
        steps,
        seed,
        Keep::Every,
        cancel,
    )
}

/// [`train`], storing the parameter vectors and states as `keep` says ([`stride_for`]); the
/// losses and learning rates are recorded at every step either way, and the numbers are the
/// same bits whatever is kept. Point 0 and the last point (also of a diverged or cancelled
/// run) are always stored.
#[must_use]
#[allow(clippy::too_many_arguments)]
pub fn train_keeping(
    objective: &dyn Objective,
    run: &RunSpec,
    run_index: usize,
    start: &[f64],
    steps: usize,
    seed: u64,
    keep: Keep,
    cancel: &AtomicBool,
) -> Trajectory {
    let mut runner = Runner::new(objective, run, run_index, start, seed);
    let dim = runner.theta.len();
    let state_dim = runner.state.len();
    let stride = stride_for(keep, steps, (dim + state_dim) * std::mem::size_of::<f64>());
    let stored = steps / stride + 2;
    let mut record = Recording {
        record: Trajectory {
            dim,
            params: Vec::with_capacity(stored.min(steps + 1) * dim),
            stride,
            train_loss: Vec::with_capacity(steps + 1),
            test_loss: Vec::with_capacity(steps + 1),
            lr: Vec::with_capacity(steps),
            status: RunStatus::Finished,
            state_dim,
            states: Vec::with_capacity(stored.min(steps + 1) * state_dim),
        },
        tail: Vec::new(),
        tail_state: Vec::new(),
        tail_pending: false,
    };
    let (start_loss, start_test) = objective.eval_losses(&runner.theta, &runner.state);
    if !(all_finite(&runner.theta) && start_loss.is_finite()) {
        return record.finish(RunStatus::Diverged { step: 0 });
    }
    record.push(&runner.theta, &runner.state, start_loss, start_test);

    for step in 1..=steps {
        if cancel.load(Ordering::Relaxed) {
            return record.finish(RunStatus::Cancelled);
        }
        let lr = runner.step();
        record.record.lr.push(lr);
        let (loss, test_loss) = objective.eval_losses(&runner.theta, &runner.state);
        if !(all_finite(&runner.theta) && loss.is_finite()) {
            return record.finish(RunStatus::Diverged { step });
        }
        record.push(&runner.theta, &runner.state, loss, test_loss);
    }
    record.finish(RunStatus::Finished)
}

/// `torch.nn.utils.clip_grad_norm_`: scales `grad` by `max_norm / (‖grad‖₂ + 1e-6)` when that
/// is below 1.
pub fn clip_grad_norm(grad: &mut [f64], max_norm: f64) {
    let norm = crate::core::optim::l2_norm(grad);
    let coef = max_norm / (norm + 1e-6);
    if coef < 1.0 {
        for g in grad {
            *g *= coef;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::objective::Batch;
    use crate::core::rng;

    #[test]
    fn batch_labels_name_the_full_batch() {
        let full = |n: usize| format!("{n} (full)");
        assert_eq!(batch_label(8, 512, full), "8");
        assert_eq!(batch_label(0, 512, full), "512 (full)");
        assert_eq!(batch_label(600, 512, full), "512 (full)");
        assert_eq!(effective_batch(0, 64), 64);
        assert_eq!(effective_batch(65, 64), 64);
        assert_eq!(effective_batch(8, 64), 8);
    }

    #[test]
    fn sampler_visits_every_sample_once_per_epoch() {
        let mut s = BatchSampler::new(10, 4, rng::rng_for(1, 2));
        let mut seen: Vec<usize> = Vec::new();
        let sizes: Vec<usize> = (0..3)
            .map(|_| {
                let b = s.next_batch();
                seen.extend_from_slice(b);
                b.len()
            })
            .collect();
        assert_eq!(sizes, vec![4, 4, 2]);
        seen.sort_unstable();
        assert_eq!(seen, (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn clipping_matches_torch() {
        let mut g = vec![3.0, 4.0];
        clip_grad_norm(&mut g, 1.0);
        let coef = 1.0 / (5.0 + 1e-6);
        assert!((g[0] - 3.0 * coef).abs() < 1e-15 && (g[1] - 4.0 * coef).abs() < 1e-15);
        let mut small = vec![0.3, 0.4];
        clip_grad_norm(&mut small, 1.0);
        assert_eq!(small, vec![0.3, 0.4]);
    }

    use std::sync::Mutex;

    use crate::core::optim::{OptimizerKind, OptimizerSpec};
    use crate::core::surface::{ShiftedCopies, Surface, SurfaceKind};

    fn rosenbrock(samples: usize, noise: f64) -> ShiftedCopies {
        ShiftedCopies::new(Surface::new(SurfaceKind::Rosenbrock), samples, noise, 16, 7)
    }

    fn spec(kind: OptimizerKind, lr: f64) -> OptimizerSpec {
        OptimizerSpec {
            lr,
            ..OptimizerSpec::defaults(kind)
        }
    }

    fn run_of(optimizer: OptimizerSpec, batch_size: usize) -> RunSpec {
        RunSpec {
            batch_size,
            ..RunSpec::new(optimizer)
        }
    }

    const START: [f64; 2] = [-1.5, 2.0];

    /// Run 0 of `run` for `steps` steps from [`START`], never cancelled.
    fn train_from_start(
        objective: &dyn Objective,
        run: &RunSpec,
        steps: usize,
        seed: u64,
    ) -> Trajectory {
        train(
            objective,
            run,
            0,
            &START,
            steps,
            seed,
            &AtomicBool::new(false),
        )
    }

    /// Records the mini-batch of every gradient evaluation (empty for the full batch).
    struct Recorder {
        inner: ShiftedCopies,
        batches: Mutex<Vec<Vec<usize>>>,
    }

    impl Objective for Recorder {
        fn dim(&self) -> usize {
            self.inner.dim()
        }
        fn n_train(&self) -> usize {
            self.inner.n_train()
        }
        fn loss_grad(&self, theta: &[f64], batch: Batch<'_>, grad: &mut [f64]) -> f64 {
            let indices = match batch {
                Batch::Full => Vec::new(),
                Batch::Indices(indices) => indices.to_vec(),
            };
            self.batches.lock().unwrap().push(indices);
            self.inner.loss_grad(theta, batch, grad)
        }
        fn loss(&self, theta: &[f64], batch: Batch<'_>) -> f64 {
            self.inner.loss(theta, batch)
        }
        fn test_loss(&self, theta: &[f64]) -> f64 {
            self.inner.test_loss(theta)
        }
    }

    #[test]
    fn sam_takes_its_second_gradient_on_the_same_minibatch() {
        let objective = Recorder {
            inner: rosenbrock(8, 0.3),
            batches: Mutex::new(Vec::new()),
        };
        let sam = run_of(spec(OptimizerKind::Sam, 1e-4), 3);
        let t = train_from_start(&objective, &sam, 6, 1);
        assert_eq!(t.status, RunStatus::Finished);
        let batches = objective.batches.into_inner().unwrap();
        assert_eq!(batches.len(), 12, "two gradient evaluations per step");
        for pair in batches.chunks(2) {
            assert_eq!(pair[0], pair[1]);
            assert!(!pair[0].is_empty() && pair[0].len() <= 3);
        }
        // Six batches of 3, 3, 2 from 8 samples: two epochs, each a permutation.
        let mut epoch: Vec<usize> = batches
            .iter()
            .step_by(2)
            .take(3)
            .flatten()
            .copied()
            .collect();
        epoch.sort_unstable();
        assert_eq!(epoch, (0..8).collect::<Vec<_>>());
    }

    #[test]
    fn clipping_bounds_the_first_step() {
        // ‖∇f(−1.5, 2)‖ ≈ 155 on Rosenbrock; clipped to 1, plain SGD moves lr·1/(1 + 1e−6·…).
        let mut run = run_of(spec(OptimizerKind::Sgd, 0.1), 0);
        run.clip_grad_norm = Some(1.0);
        let t = train_from_start(&rosenbrock(1, 0.0), &run, 1, 0);
        let moved = libm::hypot(t.point(1)[0] - START[0], t.point(1)[1] - START[1]);
        assert!((moved - 0.1).abs() < 1e-8, "moved {moved}");
        run.clip_grad_norm = None;
        let t = train_from_start(&rosenbrock(1, 0.0), &run, 1, 0);
        let moved = libm::hypot(t.point(1)[0] - START[0], t.point(1)[1] - START[1]);
        assert!(moved > 10.0, "unclipped moved only {moved}");
    }

    #[test]
    fn without_noise_every_batch_size_gives_the_same_trajectory() {
        let objective = rosenbrock(8, 0.0);
        let adam = spec(OptimizerKind::Adam, 0.05);
        let full = train_from_start(&objective, &run_of(adam.clone(), 0), 200, 3);
        for batch in [1, 3, 5, 8] {
            let t = train_from_start(&objective, &run_of(adam.clone(), batch), 200, 3);
            assert_eq!(t.len(), full.len());
            for (a, b) in t.params.iter().zip(&full.params) {
                assert!(
                    (a - b).abs() <= 1e-9 * b.abs().max(1.0),
                    "B={batch}: {a} vs {b}"
                );
            }
        }
    }

    #[test]
    fn a_diverging_run_stops_at_its_last_finite_point() {
        // Plain GD with lr = 0.1 on Rosenbrock's curvature (~2000) blows up within a few steps.
        let objective = rosenbrock(1, 0.0);
        let sgd = run_of(spec(OptimizerKind::Sgd, 0.1), 0);
        let t = train_from_start(&objective, &sgd, 300, 0);
        let RunStatus::Diverged { step } = t.status else {
            panic!("expected divergence, got {:?}", t.status);
        };
        assert!((1..300).contains(&step));
        assert_eq!(t.len(), step, "points 0..step−1 are kept");
        assert!(
            t.params
                .iter()
                .chain(&t.train_loss)
                .chain(&t.test_loss)
                .all(|v| v.is_finite())
        );
        assert!(t.diverged());
    }

    #[test]
    fn the_cancel_flag_stops_the_run() {
        let t = train(
            &rosenbrock(1, 0.0),
            &run_of(spec(OptimizerKind::Adam, 0.05), 0),
            0,
            &START,
            300,
            0,
            &AtomicBool::new(true),
        );
        assert_eq!(t.status, RunStatus::Cancelled);
        assert_eq!(t.len(), 1);
        assert_eq!(t.point(0), START);
    }

    #[test]
    fn batches_and_gradient_noise_come_from_the_seed_and_run_index() {
        let objective = rosenbrock(16, 0.2);
        let mut run = run_of(spec(OptimizerKind::Sgd, 1e-4), 2);
        run.grad_noise = 1.0;
        let go = |run: &RunSpec, index: usize, seed: u64| {
            train(
                &objective,
                run,
                index,
                &START,
                50,
                seed,
                &AtomicBool::new(false),
            )
            .params
        };
        assert_eq!(go(&run, 0, 5), go(&run, 0, 5));
        assert_ne!(go(&run, 0, 5), go(&run, 1, 5));
        assert_ne!(go(&run, 0, 5), go(&run, 0, 6));
        let quiet = RunSpec {
            grad_noise: 0.0,
            ..run.clone()
        };
        assert_ne!(go(&run, 0, 5), go(&quiet, 0, 5));
        // Noise on the full batch, too: only the noise stream differs between run indices.
        let full = RunSpec {
            batch_size: 0,
            ..run.clone()
        };
        assert_ne!(go(&full, 0, 5), go(&full, 1, 5));
        assert_eq!(go(&full, 1, 5), go(&full, 1, 5));
    }

    #[test]
    fn the_stride_is_the_smallest_that_fits_the_budget() {
        // 1,000 steps, 100-byte points.
        assert_eq!(stride_for(Keep::Every, 1_000, 100), 1);
        assert_eq!(stride_for(Keep::Within(1_001 * 100), 1_000, 100), 1);
        // 125 points fit: ⌊1000/k⌋ + 2 ≤ 125 first at k = 9 (111 + 2 = 113; k = 8: 127).
        assert_eq!(stride_for(Keep::Within(125 * 100), 1_000, 100), 9);
        // Not even three points: the first and the last only.
        assert_eq!(stride_for(Keep::Within(250), 1_000, 100), 1_000);
        assert_eq!(stride_for(Keep::Within(0), 0, 100), 1);
        assert_eq!(Keep::Within(64).per_run(4), Keep::Within(16));
        assert_eq!(Keep::Every.per_run(4), Keep::Every);
        for (budget, steps) in [(3_000, 997), (777, 50), (10_000, 10_001), (320, 5)] {
            let k = stride_for(Keep::Within(budget), steps, 8);
            let stored = steps / k + 1 + usize::from(!steps.is_multiple_of(k));
            assert!(
                stored * 8 <= budget,
                "{budget} bytes, {steps} steps: {stored} points"
            );
            if k > 1 {
                let tighter = steps / (k - 1) + 1 + usize::from(!steps.is_multiple_of(k - 1));
                assert!(tighter * 8 > budget, "stride {k} is not the smallest");
            }
        }
    }

    /// Checks that `kept` holds exactly the points of `every` at its stored steps, the first
    /// and last among them, and the losses and learning rates of every step.
    fn assert_kept_from(kept: &Trajectory, every: &Trajectory) {
        assert_eq!(every.stride, 1);
        assert_eq!(kept.len(), every.len());
        assert_eq!(kept.status, every.status);
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&kept.train_loss), bits(&every.train_loss));
        assert_eq!(bits(&kept.test_loss), bits(&every.test_loss));
        assert_eq!(bits(&kept.lr), bits(&every.lr));
        let steps = kept.stored_steps();
        assert_eq!(steps.first(), Some(&0));
        assert_eq!(steps.last(), Some(&(kept.len() - 1)));
        assert_eq!(kept.params.len(), steps.len() * kept.dim);
        for (row, &step) in steps.iter().enumerate() {
            assert!(kept.is_stored(step));
            assert_eq!(kept.stored_index(step), row);
            assert_eq!(
                &kept.params[row * kept.dim..(row + 1) * kept.dim],
                every.point(step)
            );
        }
        for i in 0..kept.len() + 3 {
            let at = kept.stored_step(i);
            assert!(at <= i && kept.is_stored(at), "point {i} from step {at}");
            assert!(
                i >= kept.len() || i - at < kept.stride,
                "point {i} from step {at}"
            );
            assert_eq!(bits(kept.point(i)), bits(every.point(at)), "point {i}");
        }
    }

    #[test]
    fn a_budget_keeps_every_kth_point_and_the_last_and_every_loss() {
        let objective = rosenbrock(16, 0.2);
        let run = run_of(spec(OptimizerKind::Adam, 0.01), 4);
        let never = AtomicBool::new(false);
        let every = train(&objective, &run, 0, &START, 1_000, 4, &never);
        // 40 points of 16 bytes: stride ⌈1000/38⌉ = 27, 38 multiples and the last.
        let budget = 40 * 16;
        let kept = train_keeping(
            &objective,
            &run,
            0,
            &START,
            1_000,
            4,
            Keep::Within(budget),
            &never,
        );
        assert_eq!(kept.stride, 27);
        assert!(
            kept.stored_bytes() <= budget,
            "{} bytes",
            kept.stored_bytes()
        );
        assert_eq!(kept.stored_steps().len(), 39);
        assert_kept_from(&kept, &every);
        assert_eq!(kept.point(0), START);
        assert_eq!(
            kept.point(1_000),
            every.point(1_000),
            "the last point is kept exactly"
        );
        assert_eq!(kept.point(5_000), every.point(1_000));
        assert_eq!(kept.point(998), every.point(972));
        assert_eq!(kept.point(999), every.point(999));
    }

    #[test]
    fn a_diverging_run_within_a_budget_keeps_its_last_finite_point() {
        let objective = rosenbrock(1, 0.0);
        let run = run_of(spec(OptimizerKind::Sgd, 0.1), 0);
        let never = AtomicBool::new(false);
        let every = train(&objective, &run, 0, &START, 300, 0, &never);
        let kept = train_keeping(
            &objective,
            &run,
            0,
            &START,
            300,
            0,
            Keep::Within(5 * 16),
            &never,
        );
        assert!(kept.diverged() && kept.stride > 1);
        assert_kept_from(&kept, &every);
        assert!(kept.params.iter().all(|v| v.is_finite()));
    }

    #[test]
    fn records_train_and_test_loss_at_every_point() {
        let objective = rosenbrock(8, 0.2);
        let adam = run_of(spec(OptimizerKind::Adam, 0.05), 4);
        let t = train_from_start(&objective, &adam, 20, 2);
        assert_eq!(t.len(), 21);
        assert_eq!(t.params.len(), 42);
        for i in 0..t.len() {
            let p = t.point(i);
            assert_eq!(t.train_loss[i], objective.loss(p, Batch::Full));
            assert_eq!(t.test_loss[i], objective.test_loss(p));
        }
    }
}
