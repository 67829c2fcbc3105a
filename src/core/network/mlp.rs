//! A multi-layer perceptron on ndarray, trained through the [`Objective`] interface so every
//! optimizer and [`crate::core::train::train`] work on it unchanged.
//!
//! The shape, the parameter layout (PyTorch's `nn.Linear` order) and the initialisation live
//! in [`super::architecture`] and are re-exported here. Hidden layers apply the
//! [`Activation`]; the last layer gives logits (or values, for regression).
//!
//! Precision: the interface is f64 (optimizer state and trajectories stay exact); inside,
//! weights are cast to f32 once per call and the forward and backward passes run in f32
//! ([`super::linear`]: basin's own matrix product for the wide layers, loops for the thin
//! ones), summing per-sample losses in f64. The buffers of a gradient are kept per thread
//! between calls.
//!
//! Backprop is written by hand in matrix form. With `δ_L = ∂loss/∂z_L` (one row per sample):
//! `∂W_l = δ_lᵀ·a_{l−1}`, `∂b_l = Σ_rows δ_l`, `δ_{l−1} = (δ_l·W_l) ⊙ act'(z_{l−1})`.
//!
//! BatchNorm ([`Architecture::with_batchnorm`], kernels in [`super::batchnorm`]): a hidden
//! layer computes `z = x·Wᵀ + b`, `u = BN(z)`, `a = act(u)`. The [`Objective`] methods
//! `loss`, `loss_grad`, `test_loss`, [`Mlp::accuracy`] and the predictions are in *eval
//! mode*, with the network's own running statistics ([`Mlp::with_running`]; PyTorch's
//! initial ones until set); [`Objective::train_loss_grad`] is the *training mode*, with the
//! statistics of each ghost batch of [`Mlp::bn_batch`] rows (default the whole mini-batch),
//! updating the running statistics the training loop carries as its state. Without
//! BatchNorm every mode is the same.

use std::ops::Range;
use std::sync::Arc;

use ndarray::{Array2, Array3, ArrayView2, Axis};

use crate::core::landscape::GridSpec;
use crate::core::objective::{Batch, Objective};

use pulp::{Simd, WithSimd};

use crate::core::simd::vectorized;

use super::activation;
#[cfg(doc)]
use super::activation::Activation;
use super::architecture::NetView;
use super::batchnorm::{self, Stats};
use super::data::{Dataset, Split};
use super::linear;

pub use super::architecture::{Architecture, LayerShape, Loss, MAX_LAYERS, MAX_WIDTH};

/// Which data a loss or accuracy is computed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DataSplit {
    /// The training set.
    Train,
    /// The held-out test set.
    Test,
}

impl DataSplit {
    /// `"train"` or `"test"`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Train => "train",
            Self::Test => "test",
        }
    }
}

pub use super::architecture::MlpError;

/// A gradient over at least this many samples of a network without BatchNorm is computed as
/// two halves side by side (`rayon::join`, on the caller's pool), then added. The split
/// depends only on the batch's size, so the numbers are the same bits on 1 thread or many;
/// on one thread the halves simply run one after the other. (With BatchNorm the samples of
/// a ghost batch are coupled through its statistics, so those batches stay whole.) Below
/// 256 the hand-off costs more than it saves: measured on the digits network, a B = 32
/// gradient took 24.0 µs split against 19.6 µs whole; the full batch (1,000) 404 µs split
/// against 520 µs whole.
pub const SPLIT_BATCH: usize = 256;

/// The batch split of [`SPLIT_BATCH`], for any sum over samples: `part(rows, out)` adds the
/// samples `rows` into `out` and returns their part of a scalar (a loss, or 0). Below
/// [`SPLIT_BATCH`] samples it runs once over `0..n`; from there on over the two halves side
/// by side on the caller's rayon pool, the second half's `out` then added into the first's and
/// the two scalars summed (in that order, so the bits do not depend on the threads). Used by
/// the network's gradient and by the exact Hessian-vector product.
pub fn split_batch<T>(
    n: usize,
    out: &mut [T],
    part: impl Fn(std::ops::Range<usize>, &mut [T]) -> f64 + Sync,
) -> f64
where
    T: Copy + Default + Send + std::ops::AddAssign,
{
    if n < SPLIT_BATCH {
        return part(0..n, out);
    }
    let half = n / 2;
    let mut second = vec![T::default(); out.len()];
    let (a, b) = rayon::join(|| part(0..half, out), || part(half..n, &mut second));
    for (o, &s) in out.iter_mut().zip(&second) {
        *o += s;
    }
    a + b
}

/// Casts parameters to the f32 the network computes in.
#[must_use]
pub fn params_f32(theta: &[f64]) -> Vec<f32> {
    let mut out = Vec::new();
    cast_into(theta, &mut out);
    out
}

/// `theta` cast to f32 into `out` (resized), at the CPU's vector width.
fn cast_into(theta: &[f64], out: &mut Vec<f32>) {
    struct Op<'a>(&'a [f64], &'a mut Vec<f32>);
    impl WithSimd for Op<'_> {
        type Output = ();
        #[inline(always)]
        fn with_simd<S: Simd>(self, _: S) {
            self.1.resize(self.0.len(), 0.0);
            for (o, &t) in self.1.iter_mut().zip(self.0) {
                #[allow(clippy::cast_possible_truncation)]
                let v = t as f32;
                *o = v;
            }
        }
    }
    vectorized(Op(theta, out));
}

/// `g32` widened to f64 into `g` (over the shorter length), at the CPU's vector width.
fn widen_into(g32: &[f32], g: &mut [f64]) {
    struct Op<'a>(&'a [f32], &'a mut [f64]);
    impl WithSimd for Op<'_> {
        type Output = ();
        #[inline(always)]
        fn with_simd<S: Simd>(self, _: S) {
            for (o, &v) in self.1.iter_mut().zip(self.0) {
                *o = f64::from(v);
            }
        }
    }
    vectorized(Op(g32, g));
}

/// One thread's buffers for a gradient, kept between calls (a B = 32 gradient of the digits
/// network is a few microseconds; allocating and zeroing its buffers each time was a tenth of
/// it). Taken out while in use, so a nested call on the same thread (a rayon join) makes its
/// own.
#[derive(Default)]
struct Work {
    params: Vec<f32>,
    grad: Vec<f32>,
    rows: Rows,
}

/// A thread's slot for buffers kept between calls (see [`with_kept`]).
pub(crate) type Kept<T> = std::cell::Cell<Option<Box<T>>>;

thread_local! {
    /// This thread's [`Work`].
    static WORK: Kept<Work> = const { std::cell::Cell::new(None) };
    /// This thread's [`Scratch`] (results never depend on what it held).
    static SCRATCH: Kept<Scratch> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with this thread's buffers in `slot` (default ones the first time), then puts
/// them back. They are taken out while in use, so a nested call on the same thread (a rayon
/// join) makes its own. Used by the gradient ([`Work`], [`Scratch`]) and by the exact
/// Hessian-vector product ([`crate::core::sharpness::mlp_hessian`]).
pub(crate) fn with_kept<T: Default, R>(
    slot: &'static std::thread::LocalKey<Kept<T>>,
    f: impl FnOnce(&mut T) -> R,
) -> R {
    let mut kept = slot.with(std::cell::Cell::take).unwrap_or_default();
    let out = f(&mut kept);
    slot.with(|cell| cell.set(Some(kept)));
    out
}

/// Reusable buffers of one forward/backward pass (one per thread). Reusing them across calls
/// avoids allocating per grid cell; the results do not depend on what they held before.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    /// Pre-activations `z_l`, `[n, fan_out]` row-major per layer.
    z: Vec<Vec<f32>>,
    /// Activations `a_l = act(z_l)` of the hidden layers.
    a: Vec<Vec<f32>>,
    /// `δ_l = ∂loss/∂z_l` per layer (backward only).
    delta: Vec<Vec<f32>>,
    /// BatchNorm's normalized `x̂_l` per hidden layer (empty without BatchNorm).
    xhat: Vec<Vec<f32>>,
    /// BatchNorm's output `u_l = γ·x̂_l + β` per hidden layer (the activation's input).
    u: Vec<Vec<f32>>,
    /// BatchNorm's `1/√(σ² + eps)` per chunk and feature, per hidden layer.
    inv_std: Vec<Vec<f32>>,
    /// Room for the transpose of a weight (the forward product's operand).
    wt: Vec<f32>,
    /// The softmax's exponentials, `[n, classes]`.
    exps: Vec<f32>,
}

impl Scratch {
    fn prepare(&mut self, arch: &Architecture, n: usize, backward: bool) {
        let layers = arch.layers().len();
        let resize = |buffers: &mut Vec<Vec<f32>>, count: usize| {
            buffers.resize_with(count, Vec::new);
            for (buffer, layer) in buffers.iter_mut().zip(arch.layers()) {
                buffer.resize(n * layer.fan_out, 0.0);
            }
        };
        resize(&mut self.z, layers);
        resize(&mut self.a, layers - 1);
        if backward {
            resize(&mut self.delta, layers);
        }
        for buffers in [&mut self.xhat, &mut self.u, &mut self.inv_std] {
            buffers.resize_with(layers - 1, Vec::new);
        }
    }
}

/// How a forward pass computes BatchNorm's statistics.
#[derive(Debug)]
enum Mode<'r> {
    /// Eval mode with these running statistics (mean then variance per BN layer).
    Eval(&'r [f64]),
    /// Training mode over these ghost batches, updating `running` if given.
    Train {
        chunks: Vec<Range<usize>>,
        running: Option<&'r mut [f64]>,
    },
}

/// A split's samples as row-major slices (the kernels' layout, whatever the layout of the
/// arrays given).
#[derive(Clone, Debug, Default)]
struct Rows {
    /// `[n, inputs]` row-major.
    x: Vec<f32>,
    /// `[n]`.
    y: Vec<f32>,
}

impl Rows {
    fn of(split: &Split) -> Self {
        Self {
            x: split.x.iter().copied().collect(),
            y: split.y.iter().copied().collect(),
        }
    }

    fn len(&self) -> usize {
        self.y.len()
    }
}

/// The training and test data of an [`Mlp`], shared between its copies. Serialized as the
/// two splits (the row-major copies are made anew).
#[derive(Debug)]
struct Data {
    train: Split,
    test: Split,
    train_rows: Rows,
    test_rows: Rows,
}

impl serde::Serialize for Data {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&(&self.train, &self.test), serializer)
    }
}

impl<'de> serde::Deserialize<'de> for Data {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (train, test): (Split, Split) = serde::Deserialize::deserialize(deserializer)?;
        Ok(Self {
            train_rows: Rows::of(&train),
            test_rows: Rows::of(&test),
            train,
            test,
        })
    }
}

/// An MLP with its training and test data: the [`Objective`] of the Network lab. Copies
/// share the data (cloning is cheap).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Mlp {
    arch: Architecture,
    data: Arc<Data>,
    /// BatchNorm's running statistics used in eval mode.
    running: Vec<f64>,
    /// The ghost-batch size of BatchNorm's training statistics (None: the whole batch).
    bn_batch: Option<usize>,
}

impl Mlp {
    /// The network `arch` on `train` (used by [`Objective::loss_grad`]) and `test` (used by
    /// [`Objective::test_loss`]; may be empty, then the test loss is NaN).
    ///
    /// # Errors
    /// Inputs whose column count is not `arch.inputs()`, targets not one per input, an empty
    /// training set, a non-finite input or target, or a target the loss cannot take
    /// (BCE: in [0, 1]; cross-entropy: a class index below the output count).
    pub fn new(arch: Architecture, train: Split, test: Split) -> Result<Self, MlpError> {
        if train.is_empty() {
            return Err(MlpError::NoTrainingData);
        }
        check_split(&arch, &train, DataSplit::Train)?;
        check_split(&arch, &test, DataSplit::Test)?;
        Ok(Self {
            data: Arc::new(Data {
                train_rows: Rows::of(&train),
                test_rows: Rows::of(&test),
                train,
                test,
            }),
            running: arch.initial_running(),
            bn_batch: None,
            arch,
        })
    }

    /// The same network whose eval mode uses `running` (each BN layer's running mean then
    /// running variance, [`Architecture::running_len`] entries).
    ///
    /// # Errors
    /// [`MlpError::Running`]: the wrong length, a non-finite entry or a negative variance.
    pub fn with_running(&self, running: &[f64]) -> Result<Self, MlpError> {
        self.arch.check_running(running)?;
        Ok(Self {
            running: running.to_vec(),
            ..self.clone()
        })
    }

    /// The running statistics of eval mode.
    #[must_use]
    pub fn running(&self) -> &[f64] {
        &self.running
    }

    /// The same network whose training-mode BatchNorm statistics are taken over ghost
    /// batches of `bn_batch` rows of each mini-batch (None: the whole mini-batch; a chunk
    /// larger than the batch is the whole batch).
    ///
    /// # Errors
    /// [`MlpError::BnBatch`] for a size below 2.
    pub fn with_bn_batch(&self, bn_batch: Option<usize>) -> Result<Self, MlpError> {
        match bn_batch {
            Some(b) if b < 2 => Err(MlpError::BnBatch(b)),
            _ => Ok(Self {
                bn_batch,
                ..self.clone()
            }),
        }
    }

    /// The ghost-batch size of BatchNorm's training statistics (None: the whole batch).
    #[must_use]
    pub fn bn_batch(&self) -> Option<usize> {
        self.bn_batch
    }

    /// The network `arch` on a generated dataset (its splits are copied).
    ///
    /// # Errors
    /// As [`Mlp::new`].
    pub fn from_dataset(arch: Architecture, data: &Dataset) -> Result<Self, MlpError> {
        Self::new(arch, data.train.clone(), data.test.clone())
    }

    /// The architecture.
    #[must_use]
    pub fn architecture(&self) -> &Architecture {
        &self.arch
    }

    /// The training or test data.
    #[must_use]
    pub fn split(&self, which: DataSplit) -> &Split {
        match which {
            DataSplit::Train => &self.data.train,
            DataSplit::Test => &self.data.test,
        }
    }

    fn rows(&self, which: DataSplit) -> &Rows {
        match which {
            DataSplit::Train => &self.data.train_rows,
            DataSplit::Test => &self.data.test_rows,
        }
    }

    /// Mean loss over a whole split, from f32 parameters, reusing `scratch`. This is what
    /// every landscape cell computes; NaN if `params` has the wrong length or the split is
    /// empty.
    #[must_use]
    pub fn loss_f32(&self, params: &[f32], which: DataSplit, scratch: &mut Scratch) -> f64 {
        self.eval_loss_f32(params, which, &self.running, scratch)
    }

    /// [`Mlp::loss_f32`] with the running statistics `running` (NaN for the wrong length).
    fn eval_loss_f32(
        &self,
        params: &[f32],
        which: DataSplit,
        running: &[f64],
        scratch: &mut Scratch,
    ) -> f64 {
        let data = self.rows(which);
        if running.len() != self.arch.running_len() {
            return f64::NAN;
        }
        match self.arch.view(params) {
            Some(net) if data.len() > 0 => {
                self.forward_loss(&net, data, scratch, Mode::Eval(running))
            }
            _ => f64::NAN,
        }
    }

    /// Mean loss over a whole split at `theta`.
    #[must_use]
    pub fn loss_on(&self, theta: &[f64], which: DataSplit) -> f64 {
        self.loss_f32(&params_f32(theta), which, &mut Scratch::default())
    }

    /// The forward pass over the samples `rows`: fills `scratch.z` (and `scratch.a` for
    /// hidden layers) and returns the mean loss.
    fn forward_loss(
        &self,
        net: &NetView<'_>,
        rows: &Rows,
        scratch: &mut Scratch,
        mode: Mode<'_>,
    ) -> f64 {
        self.forward(net, &rows.x, rows.len(), scratch, false, mode);
        let logits = &scratch.z[net.layers.len() - 1];
        self.loss_head(logits, &rows.y, rows.len(), None, &mut scratch.exps)
    }

    /// The forward pass over `n` samples `x` (`[n, inputs]`): fills `scratch.z` and
    /// `scratch.a` (and BatchNorm's buffers); in training mode with running statistics,
    /// updates them.
    fn forward(
        &self,
        NetView { layers, norms }: &NetView<'_>,
        x: &[f32],
        n: usize,
        scratch: &mut Scratch,
        backward: bool,
        mut mode: Mode<'_>,
    ) {
        scratch.prepare(&self.arch, n, backward);
        let Scratch {
            z,
            a,
            xhat,
            u,
            inv_std,
            wt,
            ..
        } = scratch;
        let last = layers.len() - 1;
        let mut at = 0;
        for (l, layer) in layers.iter().enumerate() {
            let input = if l == 0 { x } else { &a[l - 1] };
            linear::forward(input, n, layer, &mut z[l], wt);
            if l == last {
                break;
            }
            let Some(bn) = norms[l] else {
                self.arch.activation().forward_slice(&z[l], &mut a[l]);
                continue;
            };
            let width = layer.fan_out;
            let stats = match &mut mode {
                Mode::Eval(running) => {
                    let (mean, var) = running[at..at + 2 * width].split_at(width);
                    Stats::Running { mean, var }
                }
                Mode::Train { chunks, running } => Stats::Batch {
                    chunks,
                    running: running.as_deref_mut().map(|r| &mut r[at..at + 2 * width]),
                },
            };
            at += 2 * width;
            batchnorm::forward(
                &z[l],
                width,
                bn.gamma,
                bn.beta,
                stats,
                &mut xhat[l],
                &mut u[l],
                &mut inv_std[l],
            );
            self.arch.activation().forward_slice(&u[l], &mut a[l]);
        }
    }

    /// The loss over the samples `x` (`[n, inputs]`), `y` summed and divided by
    /// `denominator` (the mean when it is `n`), and its gradient (f32, length `dim()`; with
    /// `wide`, also widened to f64 there, layer by layer): the
    /// core of [`Objective::loss_grad`]. A batch split in parts gives each part the whole
    /// batch's size as `denominator`, so the parts' losses and gradients add up to the
    /// batch's.
    fn loss_grad_f32(
        &self,
        net: &NetView<'_>,
        (x, y): (&[f32], &[f32]),
        denominator: usize,
        scratch: &mut Scratch,
        (grad, mut wide): (&mut [f32], Option<&mut [f64]>),
        mode: Mode<'_>,
    ) -> f64 {
        let n = y.len();
        let NetView { layers, norms } = net;
        // Each layer's part of the gradient widened into `wide` as soon as it is written.
        let mut widen = |range: Range<usize>, grad: &[f32]| {
            if let Some(wide) = wide.as_deref_mut() {
                widen_into(&grad[range.clone()], &mut wide[range]);
            }
        };
        let last = layers.len() - 1;
        let chunks = match &mode {
            Mode::Train { chunks, .. } => Some(chunks.clone()),
            Mode::Eval(_) => None,
        };
        self.forward(net, x, n, scratch, true, mode);
        let Scratch {
            z,
            a,
            delta,
            xhat,
            u,
            inv_std,
            exps,
            ..
        } = scratch;
        let loss = self.loss_head(&z[last], y, denominator, Some(&mut delta[last]), exps);
        let shapes = self.arch.layers();
        for (l, (layer, shape)) in layers.iter().zip(shapes).enumerate().rev() {
            let (below, here) = delta.split_at_mut(l);
            let input = if l == 0 { x } else { &a[l - 1] };
            let (gw, gb) = grad[shape.weight_range().start..shape.bias_range().end]
                .split_at_mut(shape.fan_out * shape.fan_in);
            linear::param_grad(&here[0], input, n, layer, gw, gb);
            widen(shape.weight_range().start..shape.bias_range().end, grad);
            if l > 0 {
                let d_below = &mut below[l - 1];
                linear::input_grad(&here[0], n, layer, d_below);
                let Some(bn) = norms[l - 1] else {
                    self.arch
                        .activation()
                        .backward_slice(&z[l - 1], &a[l - 1], d_below);
                    continue;
                };
                self.arch
                    .activation()
                    .backward_slice(&u[l - 1], &a[l - 1], d_below);
                let shape = &shapes[l - 1];
                let (gg, gbeta) = grad[shape.gamma_range().start..shape.beta_range().end]
                    .split_at_mut(shape.fan_out);
                gg.fill(0.0);
                gbeta.fill(0.0);
                batchnorm::backward(
                    d_below,
                    &xhat[l - 1],
                    &inv_std[l - 1],
                    shape.fan_out,
                    bn.gamma,
                    chunks.as_deref(),
                    gg,
                    gbeta,
                );
                widen(shape.gamma_range().start..shape.beta_range().end, grad);
            }
        }
        loss
    }

    /// The loss of `logits` (`[n, outputs]`) against `y`, summed over the samples and divided
    /// by `denominator` (the mean when it is `n`); with `delta`, also writes its derivative
    /// with respect to the logits there. `exps` is room for the softmax's exponentials.
    fn loss_head(
        &self,
        logits: &[f32],
        y: &[f32],
        denominator: usize,
        mut delta: Option<&mut Vec<f32>>,
        exps: &mut Vec<f32>,
    ) -> f64 {
        let n = denominator;
        let k = self.arch.outputs();
        let scale = 1.0 / n as f32;
        if self.arch.loss() == Loss::CrossEntropy {
            let delta = delta.map(|d| &mut d[..]);
            return cross_entropy(logits, y, k, scale, delta, exps) / n as f64;
        }
        let mut total = 0.0f64;
        for (i, (z, &t)) in logits.chunks_exact(k).zip(y).enumerate() {
            let d = delta.as_mut().map(|d| &mut d[i * k..(i + 1) * k]);
            let loss = match self.arch.loss() {
                Loss::BceWithLogits => {
                    let z0 = z[0];
                    if let Some(d) = d {
                        d[0] = (1.0 / (1.0 + libm::expf(-z0)) - t) * scale;
                    }
                    z0.max(0.0) - z0 * t + libm::log1pf(libm::expf(-z0.abs()))
                }
                Loss::Mse | Loss::CrossEntropy => {
                    let r = z[0] - t;
                    if let Some(d) = d {
                        d[0] = 2.0 * r * scale;
                    }
                    r * r
                }
            };
            total += f64::from(loss);
        }
        total / n as f64
    }

    /// The network's raw outputs (logits, or values) at `theta` for inputs `x` `[n, inputs]`,
    /// shape `[n, outputs]`.
    ///
    /// # Errors
    /// `theta` of the wrong length or `x` with the wrong number of columns.
    pub fn outputs(&self, theta: &[f64], x: ArrayView2<'_, f32>) -> Result<Array2<f32>, MlpError> {
        let mut scratch = self.eval_forward(theta, x)?;
        let out = std::mem::take(&mut scratch.z[self.arch.layers().len() - 1]);
        Array2::from_shape_vec((x.nrows(), self.arch.outputs()), out)
            .map_err(|_| self.param_count_error(theta.len()))
    }

    /// Every hidden layer's activations at `theta` for inputs `x` `[n, inputs]`: one
    /// `[n, width]` array per hidden layer, each neuron's value after its BatchNorm (eval mode,
    /// the running statistics, as [`Mlp::predict`]) and the activation — what the next layer
    /// reads. The same forward pass as [`Mlp::outputs`].
    ///
    /// # Errors
    /// As [`Mlp::outputs`].
    pub fn hidden_activations(
        &self,
        theta: &[f64],
        x: ArrayView2<'_, f32>,
    ) -> Result<Vec<Array2<f32>>, MlpError> {
        let scratch = self.eval_forward(theta, x)?;
        let hidden = &self.arch.layers()[..self.arch.layers().len() - 1];
        hidden
            .iter()
            .zip(scratch.a)
            .map(|(layer, a)| {
                Array2::from_shape_vec((x.nrows(), layer.fan_out), a)
                    .map_err(|_| self.param_count_error(theta.len()))
            })
            .collect()
    }

    /// The eval-mode forward pass over `x` at `theta`: its buffers (pre-activations `z`,
    /// activations `a`).
    fn eval_forward(&self, theta: &[f64], x: ArrayView2<'_, f32>) -> Result<Scratch, MlpError> {
        self.arch.check_params(theta.len())?;
        if x.ncols() != self.arch.inputs() {
            return Err(MlpError::InputShape {
                split: "prediction",
                rows: x.nrows(),
                cols: x.ncols(),
                expected: self.arch.inputs(),
            });
        }
        let params = params_f32(theta);
        let net = self
            .arch
            .view(&params)
            .ok_or_else(|| self.param_count_error(theta.len()))?;
        let rows: Vec<f32> = x.iter().copied().collect();
        let mut scratch = Scratch::default();
        self.forward(
            &net,
            &rows,
            x.nrows(),
            &mut scratch,
            false,
            Mode::Eval(&self.running),
        );
        Ok(scratch)
    }

    fn param_count_error(&self, got: usize) -> MlpError {
        MlpError::ParamCount {
            got,
            expected: self.arch.dim(),
            sizes: self.arch.sizes().to_vec(),
        }
    }

    /// What the picture shows at inputs `x`: for BCE the probability of class 1 (`[n, 1]`),
    /// for cross-entropy the softmax probabilities (`[n, k]`), for MSE the predicted value
    /// (`[n, 1]`).
    ///
    /// # Errors
    /// As [`Mlp::outputs`].
    pub fn predict(&self, theta: &[f64], x: ArrayView2<'_, f32>) -> Result<Array2<f32>, MlpError> {
        let mut out = self.outputs(theta, x)?;
        match self.arch.loss() {
            Loss::BceWithLogits => out.mapv_inplace(|z| 1.0 / (1.0 + libm::expf(-z))),
            Loss::CrossEntropy => {
                for mut row in out.rows_mut() {
                    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                    row.mapv_inplace(|v| libm::expf(v - max));
                    let sum = row.sum();
                    row.mapv_inplace(|v| v / sum);
                }
            }
            Loss::Mse => {}
        }
        Ok(out)
    }

    /// [`Mlp::predict`] on the 2-D grid `spec` (for the decision-boundary picture): shape
    /// `[ny, nx, c]`, where `[i, j, ..]` is the prediction at `(x_at(j), y_at(i))`, the same
    /// orientation as landscape grids.
    ///
    /// # Errors
    /// A network that does not take 2 inputs, or `theta` of the wrong length.
    pub fn predict_grid(&self, theta: &[f64], spec: &GridSpec) -> Result<Array3<f32>, MlpError> {
        if self.arch.inputs() != 2 {
            return Err(MlpError::InputShape {
                split: "grid",
                rows: spec.nx * spec.ny,
                cols: 2,
                expected: self.arch.inputs(),
            });
        }
        let out = self.predict(theta, grid_points(spec).view())?;
        let c = out.ncols();
        out.into_shape_with_order((spec.ny, spec.nx, c))
            .map_err(|_| self.param_count_error(theta.len()))
    }

    /// The fitted curve of a 1-input network at `xs` (first output).
    ///
    /// # Errors
    /// A network that does not take 1 input, or `theta` of the wrong length.
    pub fn predict_curve(&self, theta: &[f64], xs: &[f64]) -> Result<Vec<f64>, MlpError> {
        let x = Array2::from_shape_fn((xs.len(), 1), |(i, _)| xs[i] as f32);
        let out = self.predict(theta, x.view())?;
        Ok(out.column(0).iter().map(|&v| f64::from(v)).collect())
    }

    /// Fraction of correctly classified samples of a split: a logit > 0 means class 1 (BCE),
    /// the largest logit wins (cross-entropy; the first on ties). None for regression, an
    /// empty split or `theta` of the wrong length. A non-finite output counts as wrong.
    #[must_use]
    pub fn accuracy(&self, theta: &[f64], which: DataSplit) -> Option<f64> {
        let data = self.split(which);
        if self.arch.loss() == Loss::Mse || data.is_empty() {
            return None;
        }
        let out = self.outputs(theta, data.x.view()).ok()?;
        let correct = out
            .rows()
            .into_iter()
            .zip(&data.y)
            .filter(|(z, t)| {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let target = **t as usize;
                match self.arch.loss() {
                    Loss::BceWithLogits => z[0].is_finite() && ((z[0] > 0.0) == (target == 1)),
                    _ => {
                        let mut best: Option<(usize, f32)> = None;
                        for (j, &v) in z.iter().enumerate() {
                            if v.is_finite() && best.is_none_or(|(_, bv)| v > bv) {
                                best = Some((j, v));
                            }
                        }
                        best.is_some_and(|(j, _)| j == target)
                    }
                }
            })
            .count();
        Some(correct as f64 / data.len() as f64)
    }
}

/// Checks one split against the architecture and loss.
/// The points of the 2-D grid `spec` as network inputs `[ny·nx, 2]`: row `i·nx + j` is
/// `(x_at(j), y_at(i))`.
#[must_use]
pub fn grid_points(spec: &GridSpec) -> Array2<f32> {
    let mut points = Array2::zeros((spec.nx * spec.ny, 2));
    for (k, mut row) in points.rows_mut().into_iter().enumerate() {
        row[0] = spec.x_at(k % spec.nx) as f32;
        row[1] = spec.y_at(k / spec.nx) as f32;
    }
    points
}

fn check_split(arch: &Architecture, data: &Split, which: DataSplit) -> Result<(), MlpError> {
    let split = which.name();
    if data.x.ncols() != arch.inputs() {
        return Err(MlpError::InputShape {
            split,
            rows: data.x.nrows(),
            cols: data.x.ncols(),
            expected: arch.inputs(),
        });
    }
    if data.x.nrows() != data.y.len() {
        return Err(MlpError::TargetCount {
            split,
            inputs: data.x.nrows(),
            targets: data.y.len(),
        });
    }
    let bad = |index, problem: String| MlpError::BadSample {
        split,
        index,
        problem,
    };
    for (index, row) in data.x.axis_iter(Axis(0)).enumerate() {
        if let Some(v) = row.iter().find(|v| !v.is_finite()) {
            return Err(bad(index, format!("input {v} is not finite")));
        }
    }
    let outputs = arch.outputs();
    for (index, &t) in data.y.iter().enumerate() {
        let problem = match arch.loss() {
            _ if !t.is_finite() => Some(format!("target {t} is not finite")),
            Loss::BceWithLogits if !(0.0..=1.0).contains(&t) => {
                Some(format!("target {t} is not in [0, 1] (binary labels)"))
            }
            Loss::CrossEntropy if t.fract() != 0.0 || t < 0.0 || t >= outputs as f32 => {
                Some(format!("target {t} is not a class index in 0..{outputs}"))
            }
            _ => None,
        };
        if let Some(problem) = problem {
            return Err(bad(index, problem));
        }
    }
    Ok(())
}

/// Softmax cross-entropy of `logits` (`[n, k]`) against the class indices `y`, summed over
/// the samples (each in f32, the sum in f64); with `delta`, writes `(p − onehot)·scale`
/// there. `exps` is room for the exponentials. The exponentials of all rows are one flat
/// loop at the CPU's vector width ([`activation::exp_f32`]); each row's sum runs in order.
fn cross_entropy(
    logits: &[f32],
    y: &[f32],
    k: usize,
    scale: f32,
    delta: Option<&mut [f32]>,
    exps: &mut Vec<f32>,
) -> f64 {
    struct Op<'a>(
        &'a [f32],
        &'a [f32],
        usize,
        f32,
        Option<&'a mut [f32]>,
        &'a mut Vec<f32>,
    );
    impl WithSimd for Op<'_> {
        type Output = f64;
        #[inline(always)]
        fn with_simd<S: Simd>(self, _: S) -> f64 {
            let Op(logits, y, k, scale, mut delta, exps) = self;
            let n = y.len();
            if k == 0 || logits.len() < n * k || delta.as_ref().is_some_and(|d| d.len() < n * k) {
                return f64::NAN;
            }
            exps.resize(n * k, 0.0);
            // Each row's maximum, then e^{z − max} over all rows at once.
            for (er, zr) in exps.chunks_exact_mut(k).zip(logits.chunks_exact(k)) {
                er.fill(zr.iter().copied().fold(f32::NEG_INFINITY, f32::max));
            }
            for (e, &z) in exps.iter_mut().zip(logits) {
                *e = activation::exp_f32(z - *e);
            }
            let mut total = 0.0f64;
            let rows = exps.chunks_exact(k).zip(logits.chunks_exact(k)).zip(y);
            for (i, ((er, zr), &t)) in rows.enumerate() {
                let max = zr.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let sum = er.iter().fold(0.0f32, |s, &e| s + e);
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let target = (t as usize).min(k - 1);
                total += f64::from(max + libm::logf(sum) - zr[target]);
                if let Some(d) = delta.as_deref_mut() {
                    for (j, (dj, &e)) in d[i * k..(i + 1) * k].iter_mut().zip(er).enumerate() {
                        let onehot = if j == target { 1.0 } else { 0.0 };
                        *dj = (e / sum - onehot) * scale;
                    }
                }
            }
            total
        }
    }
    vectorized(Op(logits, y, k, scale, delta, exps))
}

/// The rows `indices` of the training set, copied into `rows` (false if the batch is empty or
/// an index is out of range).
fn gather(train: &Rows, inputs: usize, indices: &[usize], rows: &mut Rows) -> bool {
    if indices.is_empty() || indices.iter().any(|&i| i >= train.len()) {
        return false;
    }
    rows.x.clear();
    rows.y.clear();
    for &i in indices {
        rows.x
            .extend_from_slice(&train.x[i * inputs..(i + 1) * inputs]);
        rows.y.push(train.y[i]);
    }
    true
}

impl Mlp {
    /// The batch's samples: the whole training set or a gathered copy (None for a bad batch).
    fn batch_rows<'a>(&'a self, batch: Batch<'_>, gathered: &'a mut Rows) -> Option<&'a Rows> {
        match batch {
            Batch::Full => Some(&self.data.train_rows),
            Batch::Indices(indices) => {
                gather(&self.data.train_rows, self.arch.inputs(), indices, gathered)
                    .then_some(&*gathered)
            }
        }
    }
}

impl Mlp {
    /// The mean loss over `batch` and its gradient in the given mode (NaN for `theta` or
    /// `grad` of the wrong length, or a bad batch).
    fn mode_loss_grad(
        &self,
        theta: &[f64],
        batch: Batch<'_>,
        grad: &mut [f64],
        train: Option<Option<&mut [f64]>>,
    ) -> f64 {
        with_kept(&WORK, |work| {
            self.loss_grad_in(work, theta, batch, grad, train)
        })
    }

    /// [`Mlp::mode_loss_grad`] with this thread's buffers.
    fn loss_grad_in(
        &self,
        work: &mut Work,
        theta: &[f64],
        batch: Batch<'_>,
        grad: &mut [f64],
        train: Option<Option<&mut [f64]>>,
    ) -> f64 {
        let Work {
            params,
            grad: grad32,
            rows: gathered,
        } = work;
        cast_into(theta, params);
        let rows = self.batch_rows(batch, gathered);
        let (Some(net), Some(rows), true) =
            (self.arch.view(params), rows, grad.len() == self.arch.dim())
        else {
            grad.fill(f64::NAN);
            return f64::NAN;
        };
        let mode = match train {
            None => Mode::Eval(&self.running),
            Some(running) => {
                if running
                    .as_deref()
                    .is_some_and(|r| r.len() != self.arch.running_len())
                {
                    grad.fill(f64::NAN);
                    return f64::NAN;
                }
                Mode::Train {
                    chunks: batchnorm::chunks(rows.len(), self.bn_batch.unwrap_or(0)),
                    running,
                }
            }
        };
        let n = rows.len();
        // Every entry is written below (in a debug build, a missed one shows as NaN).
        grad32.resize(self.arch.dim(), 0.0);
        if cfg!(debug_assertions) {
            grad32.fill(f32::NAN);
            grad.fill(f64::NAN);
        }
        if self.arch.batchnorm() || n < SPLIT_BATCH {
            // One pass over the whole batch (a ghost batch's samples are coupled through its
            // statistics: no split), widening each layer's gradient while it is in cache.
            let whole = (&rows.x[..], &rows.y[..]);
            let mode = if self.arch.batchnorm() {
                mode
            } else {
                Mode::Eval(&self.running)
            };
            return with_kept(&SCRATCH, |scratch| {
                self.loss_grad_f32(&net, whole, n, scratch, (grad32, Some(grad)), mode)
            });
        }
        let loss = {
            // Without BatchNorm the samples are independent: the halves' sums add up to the
            // batch's (the mode is then always eval, with no running statistics to update).
            let inputs = self.arch.inputs();
            split_batch(n, grad32, |r, g| {
                let x = &rows.x[r.start * inputs..r.end * inputs];
                let mode = Mode::Eval(&self.running);
                let part = (x, &rows.y[r]);
                with_kept(&SCRATCH, |scratch| {
                    self.loss_grad_f32(&net, part, n, scratch, (g, None), mode)
                })
            })
        };
        widen_into(grad32, grad);
        loss
    }
}

impl Objective for Mlp {
    fn dim(&self) -> usize {
        self.arch.dim()
    }

    fn n_train(&self) -> usize {
        self.data.train.len()
    }

    /// Eval mode. NaN (and a NaN gradient) for `theta` of the wrong length, an empty batch
    /// or an index out of range.
    fn loss_grad(&self, theta: &[f64], batch: Batch<'_>, grad: &mut [f64]) -> f64 {
        self.mode_loss_grad(theta, batch, grad, None)
    }

    /// Eval mode.
    fn loss(&self, theta: &[f64], batch: Batch<'_>) -> f64 {
        let params = params_f32(theta);
        let mut gathered = Rows::default();
        match (
            self.arch.view(&params),
            self.batch_rows(batch, &mut gathered),
        ) {
            (Some(net), Some(rows)) => self.forward_loss(
                &net,
                rows,
                &mut Scratch::default(),
                Mode::Eval(&self.running),
            ),
            _ => f64::NAN,
        }
    }

    /// Eval mode.
    fn test_loss(&self, theta: &[f64]) -> f64 {
        self.loss_on(theta, DataSplit::Test)
    }

    fn state_len(&self) -> usize {
        self.arch.running_len()
    }

    fn initial_state(&self) -> Vec<f64> {
        self.arch.initial_running()
    }

    /// Training mode: BatchNorm's statistics over each ghost batch of the batch (in the
    /// batch's order); `state`, the running statistics, is updated once per ghost batch.
    /// NaN for `state` of the wrong length.
    fn train_loss_grad(
        &self,
        theta: &[f64],
        batch: Batch<'_>,
        state: Option<&mut [f64]>,
        grad: &mut [f64],
    ) -> f64 {
        if self.arch.batchnorm() {
            self.mode_loss_grad(theta, batch, grad, Some(state))
        } else {
            self.loss_grad(theta, batch, grad)
        }
    }

    fn eval_losses(&self, theta: &[f64], state: &[f64]) -> (f64, f64) {
        let params = params_f32(theta);
        let mut scratch = Scratch::default();
        (
            self.eval_loss_f32(&params, DataSplit::Train, state, &mut scratch),
            self.eval_loss_f32(&params, DataSplit::Test, state, &mut scratch),
        )
    }
}

/// A BatchNorm network measured in training mode with the whole training set as one batch
/// (`basin sharpness --batch-stats`): its loss, gradient and Hessian go through the batch
/// statistics, as PyTorch's `model.train()` on the full batch; nothing updates the running
/// statistics. The test loss stays in eval mode. Without BatchNorm it is the network itself.
#[derive(Clone, Debug)]
pub struct BatchStats(Mlp);

impl Mlp {
    /// This network in training mode over the whole batch (see [`BatchStats`]).
    #[must_use]
    pub fn batch_stats(&self) -> BatchStats {
        BatchStats(Self {
            bn_batch: None,
            ..self.clone()
        })
    }
}

impl BatchStats {
    /// The network.
    #[must_use]
    pub fn mlp(&self) -> &Mlp {
        &self.0
    }
}

impl Objective for BatchStats {
    fn dim(&self) -> usize {
        self.0.dim()
    }

    fn n_train(&self) -> usize {
        self.0.n_train()
    }

    fn loss_grad(&self, theta: &[f64], batch: Batch<'_>, grad: &mut [f64]) -> f64 {
        self.0.train_loss_grad(theta, batch, None, grad)
    }

    fn loss(&self, theta: &[f64], batch: Batch<'_>) -> f64 {
        let params = params_f32(theta);
        let mut gathered = Rows::default();
        match (
            self.0.arch.view(&params),
            self.0.batch_rows(batch, &mut gathered),
        ) {
            (Some(net), Some(rows)) => {
                let mode = if self.0.arch.batchnorm() {
                    Mode::Train {
                        chunks: std::iter::once(0..rows.len()).collect(),
                        running: None,
                    }
                } else {
                    Mode::Eval(&self.0.running)
                };
                self.0
                    .forward_loss(&net, rows, &mut Scratch::default(), mode)
            }
            _ => f64::NAN,
        }
    }

    fn test_loss(&self, theta: &[f64]) -> f64 {
        self.0.test_loss(theta)
    }
}
