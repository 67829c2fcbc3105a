//! The shape of an MLP: layer sizes, hidden activation and loss, validated once, and where
//! each `nn.Linear` layer sits in the flat parameter vector.
//!
//! Parameters are one flat vector in PyTorch's `nn.Linear` order: for each layer, the weight
//! `W` of shape `[out, in]` row-major, then the bias `b` of length `out`; a layer computes
//! `x·Wᵀ + b`. So a `theta.npy` saved from `torch.cat([p.flatten() for p in
//! model.parameters()])` of an `nn.Sequential` of `nn.Linear`s is read as is.
//!
//! With BatchNorm ([`Architecture::with_batchnorm`]) every hidden layer is followed by a
//! `BatchNorm1d` (before the activation), and the order is that of
//! `nn.Sequential(Linear, BatchNorm1d, act, …, Linear).parameters()`: per hidden layer `W`,
//! `b`, `γ`, `β`; then the last `W`, `b`. The running statistics are not parameters: they
//! are state ([`Architecture::running_len`], each BN layer's running mean then running
//! variance), initialised as PyTorch's (mean 0, variance 1).
//!
//! Initialisation matches `nn.Linear.reset_parameters`: kaiming-uniform with a = √5 for the
//! weights, which is U(−1/√fan_in, 1/√fan_in), and the same bound for the biases; drawn from
//! the ChaCha8 stream [`INIT`](super::stream::INIT) (the numbers differ from torch's
//! generator, the distribution does not); BatchNorm's `γ` = 1 and `β` = 0, as
//! `nn.BatchNorm1d.reset_parameters`, drawing nothing.

use std::ops::Range;

use rand::RngExt as _;
use serde::{Deserialize, Serialize};

use crate::core::rng::rng_for;

use super::activation::Activation;
use super::data::Task;
use super::linear::Dense;
use super::stream;

/// The widest layer accepted.
pub const MAX_WIDTH: usize = 4096;
/// The most inputs accepted (a data file's features: [`super::file_data::MAX_FEATURES`]).
pub const MAX_INPUTS: usize = super::file_data::MAX_FEATURES;
/// The most layers (weight matrices) accepted.
pub const MAX_LAYERS: usize = 16;

/// The training loss, named as in `torch.nn`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// `nn.BCEWithLogitsLoss`: one logit z per sample, target t in [0, 1];
    /// `max(z, 0) − z·t + ln(1 + e^(−|z|))`.
    BceWithLogits,
    /// `nn.CrossEntropyLoss`: k logits per sample, target a class index;
    /// `logsumexp(z) − z_t`.
    CrossEntropy,
    /// `nn.MSELoss`: one output per sample; `(z − t)²`.
    Mse,
}

impl Loss {
    /// Every loss.
    pub const ALL: [Self; 3] = [Self::BceWithLogits, Self::CrossEntropy, Self::Mse];

    /// The name used in files (`"bce_with_logits"`, `"cross_entropy"`, `"mse"`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::BceWithLogits => "bce_with_logits",
            Self::CrossEntropy => "cross_entropy",
            Self::Mse => "mse",
        }
    }

    /// Parses a file name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.name() == name)
    }

    /// The loss a task is trained with.
    #[must_use]
    pub fn for_task(task: Task) -> Self {
        match task {
            Task::Binary => Self::BceWithLogits,
            Task::Multiclass { .. } => Self::CrossEntropy,
            Task::Regression => Self::Mse,
        }
    }
}

/// `nn.BatchNorm1d`'s default `eps`.
pub const BN_EPS: f64 = 1e-5;
/// `nn.BatchNorm1d`'s default `momentum` of the running statistics.
pub const BN_MOMENTUM: f64 = 0.1;

/// Where one `nn.Linear` layer (and the `BatchNorm1d` after it, if any) sits in the flat
/// parameter vector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LayerShape {
    /// Inputs of the layer.
    pub fan_in: usize,
    /// Outputs (neurons) of the layer.
    pub fan_out: usize,
    /// Index of `W[0, 0]`; the weight takes `fan_out · fan_in` entries, then the bias
    /// `fan_out` (then `γ` and `β`, `fan_out` each, with BatchNorm).
    pub offset: usize,
    /// Whether a `BatchNorm1d` follows this layer (hidden layers of a BN network).
    pub batchnorm: bool,
}

impl LayerShape {
    /// The weight's entries, row-major `[fan_out, fan_in]`.
    #[must_use]
    pub fn weight_range(&self) -> Range<usize> {
        self.offset..self.offset + self.fan_out * self.fan_in
    }

    /// The entries of row `neuron` of the weight: the incoming weights of one output neuron
    /// (one "filter" in Li et al.'s filter normalization).
    #[must_use]
    pub fn weight_row(&self, neuron: usize) -> Range<usize> {
        let start = self.offset + neuron * self.fan_in;
        start..start + self.fan_in
    }

    /// The bias entries.
    #[must_use]
    pub fn bias_range(&self) -> Range<usize> {
        let start = self.offset + self.fan_out * self.fan_in;
        start..start + self.fan_out
    }

    /// BatchNorm's scale `γ` (empty without BatchNorm).
    #[must_use]
    pub fn gamma_range(&self) -> Range<usize> {
        let start = self.bias_range().end;
        start..start + if self.batchnorm { self.fan_out } else { 0 }
    }

    /// BatchNorm's shift `β` (empty without BatchNorm).
    #[must_use]
    pub fn beta_range(&self) -> Range<usize> {
        let start = self.gamma_range().end;
        start..start + if self.batchnorm { self.fan_out } else { 0 }
    }

    /// All entries of the layer (with its BatchNorm's `γ` and `β`).
    #[must_use]
    pub fn range(&self) -> Range<usize> {
        self.offset..self.beta_range().end
    }
}

/// Layer sizes, activation and loss of an MLP; validated on construction.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Architecture {
    sizes: Vec<usize>,
    activation: Activation,
    loss: Loss,
    batchnorm: bool,
    layers: Vec<LayerShape>,
    dim: usize,
}

impl Architecture {
    /// An MLP with layer sizes `sizes` = [inputs, hidden…, outputs].
    ///
    /// ```
    /// use basin::core::network::activation::Activation;
    /// use basin::core::network::architecture::{Architecture, Loss};
    /// let arch = Architecture::new(vec![2, 16, 16, 1], Activation::Tanh, Loss::BceWithLogits)?;
    /// // W1 [16, 2] then b1 [16], W2 [16, 16] then b2, W3 [1, 16] then b3.
    /// assert_eq!(arch.dim(), 16 * 2 + 16 + 16 * 16 + 16 + 16 + 1);
    /// assert_eq!(arch.layers()[1].offset, 48);
    /// # Ok::<(), basin::core::network::mlp::MlpError>(())
    /// ```
    ///
    /// # Errors
    /// Fewer than two sizes, more than [`MAX_LAYERS`] layers, a size of 0 or above
    /// [`MAX_WIDTH`] (above [`MAX_INPUTS`] for the inputs), or outputs that the loss cannot use (BCE and MSE need 1 output,
    /// cross-entropy at least 2).
    pub fn new(sizes: Vec<usize>, activation: Activation, loss: Loss) -> Result<Self, MlpError> {
        let reason = if sizes.len() < 2 {
            Some("expected at least an input and an output size".to_string())
        } else if sizes.len() > MAX_LAYERS + 1 {
            Some(format!("at most {MAX_LAYERS} layers"))
        } else if sizes[0] == 0 || sizes[0] > MAX_INPUTS {
            Some(format!("the inputs must be in 1..={MAX_INPUTS}"))
        } else if sizes[1..].iter().any(|&s| s == 0 || s > MAX_WIDTH) {
            Some(format!("every size must be in 1..={MAX_WIDTH}"))
        } else {
            None
        };
        if let Some(reason) = reason {
            return Err(MlpError::Sizes { sizes, reason });
        }
        let outputs = sizes[sizes.len() - 1];
        let fits = match loss {
            Loss::BceWithLogits | Loss::Mse => outputs == 1,
            Loss::CrossEntropy => outputs >= 2,
        };
        if !fits {
            let expected = if loss == Loss::CrossEntropy {
                "at least 2 outputs"
            } else {
                "exactly 1 output"
            };
            return Err(MlpError::LossOutputs {
                loss: loss.name(),
                expected,
                outputs,
            });
        }
        let (layers, dim) = layout(&sizes, false);
        Ok(Self {
            sizes,
            activation,
            loss,
            batchnorm: false,
            layers,
            dim,
        })
    }

    /// The same network with (`true`) or without a `BatchNorm1d` after every hidden layer,
    /// before the activation; the parameter layout follows (see the module docs).
    ///
    /// ```
    /// use basin::core::network::activation::Activation;
    /// use basin::core::network::architecture::{Architecture, Loss};
    /// let arch = Architecture::new(vec![4, 5, 3], Activation::Relu, Loss::CrossEntropy)?
    ///     .with_batchnorm(true);
    /// // W1 [5, 4], b1, γ1, β1, then W2 [3, 5], b2.
    /// assert_eq!(arch.dim(), 20 + 5 + 5 + 5 + 15 + 3);
    /// assert_eq!(arch.running_len(), 10);
    /// # Ok::<(), basin::core::network::mlp::MlpError>(())
    /// ```
    #[must_use]
    pub fn with_batchnorm(mut self, batchnorm: bool) -> Self {
        let (layers, dim) = layout(&self.sizes, batchnorm);
        self.batchnorm = batchnorm;
        self.layers = layers;
        self.dim = dim;
        self
    }

    /// Whether every hidden layer is followed by a `BatchNorm1d`.
    #[must_use]
    pub fn batchnorm(&self) -> bool {
        self.batchnorm
    }

    /// Length of the running statistics: per BN layer its running mean then its running
    /// variance (`2 · width`); 0 without BatchNorm.
    #[must_use]
    pub fn running_len(&self) -> usize {
        self.layers
            .iter()
            .filter(|l| l.batchnorm)
            .map(|l| 2 * l.fan_out)
            .sum()
    }

    /// PyTorch's initial running statistics: mean 0, variance 1 for every BN layer.
    #[must_use]
    pub fn initial_running(&self) -> Vec<f64> {
        let mut running = Vec::with_capacity(self.running_len());
        for layer in self.layers.iter().filter(|l| l.batchnorm) {
            running.extend(std::iter::repeat_n(0.0, layer.fan_out));
            running.extend(std::iter::repeat_n(1.0, layer.fan_out));
        }
        running
    }

    /// Checks running statistics: the length [`Architecture::running_len`], every entry
    /// finite, every variance ≥ 0.
    ///
    /// # Errors
    /// [`MlpError::Running`] saying what is wrong.
    pub fn check_running(&self, running: &[f64]) -> Result<(), MlpError> {
        let expected = self.running_len();
        if running.len() != expected {
            return Err(MlpError::Running(format!(
                "has length {}, expected {expected} (each BatchNorm layer's running mean then running variance)",
                running.len()
            )));
        }
        let mut at = 0;
        for (k, layer) in self.layers.iter().filter(|l| l.batchnorm).enumerate() {
            let (mean, var) = running[at..at + 2 * layer.fan_out].split_at(layer.fan_out);
            if let Some(v) = mean.iter().find(|v| !v.is_finite()) {
                return Err(MlpError::Running(format!(
                    "BatchNorm layer {}: running mean {v} is not finite",
                    k + 1
                )));
            }
            if let Some(v) = var.iter().find(|v| !(v.is_finite() && **v >= 0.0)) {
                return Err(MlpError::Running(format!(
                    "BatchNorm layer {}: running variance {v} is not a finite number ≥ 0",
                    k + 1
                )));
            }
            at += 2 * layer.fan_out;
        }
        Ok(())
    }

    /// The network for `task` with `inputs` inputs and `hidden` widths: the output count and
    /// loss follow from the task.
    ///
    /// # Errors
    /// As [`Architecture::new`].
    pub fn for_task(
        inputs: usize,
        hidden: &[usize],
        task: Task,
        activation: Activation,
    ) -> Result<Self, MlpError> {
        let mut sizes = Vec::with_capacity(hidden.len() + 2);
        sizes.push(inputs);
        sizes.extend_from_slice(hidden);
        sizes.push(task.outputs());
        Self::new(sizes, activation, Loss::for_task(task))
    }

    /// Layer sizes [inputs, hidden…, outputs].
    #[must_use]
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// Number of inputs.
    #[must_use]
    pub fn inputs(&self) -> usize {
        self.sizes[0]
    }

    /// Number of outputs.
    #[must_use]
    pub fn outputs(&self) -> usize {
        self.sizes[self.sizes.len() - 1]
    }

    /// The hidden activation.
    #[must_use]
    pub fn activation(&self) -> Activation {
        self.activation
    }

    /// The loss.
    #[must_use]
    pub fn loss(&self) -> Loss {
        self.loss
    }

    /// Where each layer sits in the flat parameters, first layer first.
    #[must_use]
    pub fn layers(&self) -> &[LayerShape] {
        &self.layers
    }

    /// Number of parameters.
    #[must_use]
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Multiply-adds of one forward pass of one sample (Σ fan_in · fan_out).
    #[must_use]
    pub fn macs_per_sample(&self) -> usize {
        self.layers.iter().map(|l| l.fan_in * l.fan_out).sum()
    }

    /// Initial parameters like `nn.Linear`'s default: every weight and bias of a layer
    /// uniform on [−1/√fan_in, 1/√fan_in), from ChaCha8 stream `INIT` of `seed`.
    #[must_use]
    pub fn init_params(&self, seed: u64) -> Vec<f64> {
        let mut rng = rng_for(seed, stream::INIT);
        let mut theta = Vec::with_capacity(self.dim);
        for layer in &self.layers {
            let bound = 1.0 / (layer.fan_in as f64).sqrt();
            for _ in layer.weight_range().start..layer.bias_range().end {
                let u: f64 = rng.random();
                theta.push(bound * (2.0 * u - 1.0));
            }
            theta.extend(std::iter::repeat_n(1.0, layer.gamma_range().len()));
            theta.extend(std::iter::repeat_n(0.0, layer.beta_range().len()));
        }
        theta
    }

    /// Checks the length of a parameter vector.
    ///
    /// # Errors
    /// [`MlpError::ParamCount`] naming both lengths.
    pub fn check_params(&self, theta_len: usize) -> Result<(), MlpError> {
        if theta_len == self.dim {
            Ok(())
        } else {
            Err(MlpError::ParamCount {
                got: theta_len,
                expected: self.dim,
                sizes: self.sizes.clone(),
            })
        }
    }

    /// The layers' parameters as slices of `params`; None if the length is not `dim()`.
    pub(super) fn view<'a>(&self, params: &'a [f32]) -> Option<NetView<'a>> {
        if params.len() != self.dim {
            return None;
        }
        Some(NetView {
            layers: self
                .layers
                .iter()
                .map(|l| Dense {
                    w: &params[l.weight_range()],
                    b: &params[l.bias_range()],
                    fan_in: l.fan_in,
                    fan_out: l.fan_out,
                })
                .collect(),
            norms: self
                .layers
                .iter()
                .map(|l| {
                    l.batchnorm.then(|| BnParams {
                        gamma: &params[l.gamma_range()],
                        beta: &params[l.beta_range()],
                    })
                })
                .collect(),
        })
    }
}

/// A network's parameters as slices of the flat f32 parameters, layer by layer
/// ([`Architecture::view`]).
#[derive(Clone, Debug)]
pub(super) struct NetView<'a> {
    /// Each layer's weight and bias.
    pub layers: Vec<Dense<'a>>,
    /// Each layer's BatchNorm `(γ, β)` (None for layers without one: the last, and every
    /// layer of a network without BatchNorm).
    pub norms: Vec<Option<BnParams<'a>>>,
}

/// One `BatchNorm1d`'s parameters as slices of the flat f32 parameters.
#[derive(Clone, Copy, Debug)]
pub(super) struct BnParams<'a> {
    /// Scale γ, one per feature.
    pub gamma: &'a [f32],
    /// Shift β, one per feature.
    pub beta: &'a [f32],
}

/// The layers of `sizes` in the flat parameters, and the parameter count.
fn layout(sizes: &[usize], batchnorm: bool) -> (Vec<LayerShape>, usize) {
    let mut layers = Vec::with_capacity(sizes.len() - 1);
    let mut offset = 0;
    let last = sizes.len().saturating_sub(2);
    for (l, pair) in sizes.windows(2).enumerate() {
        let layer = LayerShape {
            fan_in: pair[0],
            fan_out: pair[1],
            offset,
            batchnorm: batchnorm && l < last,
        };
        offset = layer.range().end;
        layers.push(layer);
    }
    (layers, offset)
}

/// A network that cannot be built or a data set it cannot use; each names the shape or
/// value that is wrong and what was expected.
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum MlpError {
    /// Layer sizes out of range.
    #[error("layer sizes {sizes:?}: {reason}")]
    Sizes {
        /// The sizes given (inputs, hidden…, outputs).
        sizes: Vec<usize>,
        /// What is wrong.
        reason: String,
    },
    /// A loss that does not fit the number of outputs.
    #[error("loss {loss} needs {expected}, but the network has {outputs} outputs")]
    LossOutputs {
        /// The loss name.
        #[serde(deserialize_with = "crate::core::wire::static_str")]
        loss: crate::core::wire::Name,
        /// What it needs, in words.
        #[serde(deserialize_with = "crate::core::wire::static_str")]
        expected: crate::core::wire::Name,
        /// Outputs of the network.
        outputs: usize,
    },
    /// Inputs with the wrong number of columns.
    #[error("{split} inputs have shape [{rows}, {cols}], expected [n, {expected}]")]
    InputShape {
        /// Which data.
        #[serde(deserialize_with = "crate::core::wire::static_str")]
        split: crate::core::wire::Name,
        /// Rows given.
        rows: usize,
        /// Columns given.
        cols: usize,
        /// Columns the network takes.
        expected: usize,
    },
    /// A different number of inputs and targets.
    #[error("{split} has {inputs} inputs but {targets} targets, expected one target per input")]
    TargetCount {
        /// Which data.
        #[serde(deserialize_with = "crate::core::wire::static_str")]
        split: crate::core::wire::Name,
        /// Rows of x.
        inputs: usize,
        /// Length of y.
        targets: usize,
    },
    /// A sample that is not finite or a target the loss cannot take.
    #[error("{split} sample {index}: {problem}")]
    BadSample {
        /// Which data.
        #[serde(deserialize_with = "crate::core::wire::static_str")]
        split: crate::core::wire::Name,
        /// The sample's row.
        index: usize,
        /// What is wrong with it.
        problem: String,
    },
    /// No training samples.
    #[error("the training set is empty, expected at least one sample")]
    NoTrainingData,
    /// BatchNorm running statistics that do not fit the network.
    #[error("BatchNorm running statistics {0}")]
    Running(String),
    /// A BatchNorm batch (ghost batch) below 2: statistics over one example are refused,
    /// as PyTorch does.
    #[error("bn_batch_size {0} is below 2: BatchNorm statistics need at least 2 examples")]
    BnBatch(usize),
    /// A parameter vector of the wrong length.
    #[error("parameters have length {got}, expected {expected} for layer sizes {sizes:?}")]
    ParamCount {
        /// Length given.
        got: usize,
        /// `Architecture::dim()`.
        expected: usize,
        /// The layer sizes.
        sizes: Vec<usize>,
    },
}
