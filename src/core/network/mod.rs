//! Networks for the Network lab: seeded 2-D datasets,
//! a small MLP on ndarray that implements [`crate::core::objective::Objective`] (so every
//! optimizer and [`crate::core::train::train`] work on it unchanged), directions through weight
//! space (filter-normalized random, PCA of a trajectory, through two solutions) and planes
//! evaluated row by row.
//!
//! Pure numerics like the rest of `core`: deterministic, no threads (callers run plane rows in
//! parallel), no files, no egui.
//!
//! - [`data`]: moons, circles, spirals, xor, gaussian blobs, noisy sine, the digits; train
//!   and test sets.
//! - [`digits`]: the 8×8 handwritten digits shipped in `assets/digits/`.
//! - [`batchnorm`]: `BatchNorm1d`'s kernels (training and eval mode, ghost batches).
//! - [`activation`]: tanh, relu, gelu, sigmoid in f32, vectorizable where it matters.
//! - [`linear`]: the dense-layer kernels (forward and both backward products) in f32.
//! - [`architecture`]: layer sizes, activation and loss; PyTorch's `nn.Linear` parameter
//!   order and init.
//! - [`mlp`]: the network on its data: forward and backward by hand, losses, accuracy,
//!   predictions on a grid; the [`crate::core::objective::Objective`] of the lab.
//! - [`neurons`]: inside a network — each layer's weights, each hidden neuron's activation
//!   over the input plane, the first layer's weights as pictures (the lab's diagram).
//! - [`directions`]: filter normalization (Li et al. 2018), PCA of a trajectory, the plane
//!   through two solutions, 1-D interpolation.
//! - [`plane`]: `θ(a, b) = θ₀ + a·d₁ + b·d₂`, coordinates of a point by least squares, and
//!   landscape grids evaluated one row at a time.

pub mod activation;
pub mod architecture;
pub mod batchnorm;
pub mod data;
pub mod digits;
pub mod directions;
pub mod file_data;
pub mod linear;
pub mod mlp;
pub mod neurons;
pub mod plane;

/// Stream ids of the Network lab's random draws (see [`crate::core::rng::rng_for`]); distinct
/// from the toy surfaces' ids in [`crate::core::rng::stream`].
pub mod stream {
    /// The training set of a dataset.
    pub const TRAIN_SET: u64 = 10;
    /// The test set of a dataset.
    pub const TEST_SET: u64 = 11;
    /// The initial weights of a network (PyTorch's `nn.Linear` default init).
    pub const INIT: u64 = 12;
    /// The first random direction of a plane.
    pub const DIRECTION_1: u64 = 13;
    /// The second random direction of a plane (also the random half of the solutions plane).
    pub const DIRECTION_2: u64 = 14;
}

use activation::Activation;
use architecture::Architecture;
use data::{DataError, DatasetSpec};
use mlp::{Mlp, MlpError};

/// BatchNorm in an MLP: a `BatchNorm1d` after every hidden `Linear`, before the activation
/// (see [`architecture`] and [`mlp`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct BatchNorm {
    /// Ghost-batch size of the training statistics: each mini-batch is split into chunks of
    /// this many examples (≥ 2); None: the whole mini-batch.
    pub bn_batch_size: Option<usize>,
}

/// Anything that stops a network problem from being built.
#[derive(Debug, Clone, PartialEq, thiserror::Error, serde::Serialize, serde::Deserialize)]
pub enum NetworkError {
    /// The dataset spec is out of range.
    #[error(transparent)]
    Data(#[from] DataError),
    /// The architecture is out of range.
    #[error(transparent)]
    Mlp(#[from] MlpError),
}

/// The network objective of a dataset: generates the train and test sets of `spec` and
/// builds an MLP with `hidden` widths and `activation`, its outputs and loss chosen by the
/// task (1 logit and BCE for binary sets, k logits and cross-entropy for blobs, 1 value and
/// MSE for the sine).
///
/// ```
/// use basin::core::network::{activation::Activation, build_mlp};
/// use basin::core::network::data::{DatasetKind, DatasetSpec};
/// use basin::core::objective::Objective as _;
/// let moons = DatasetSpec::new(DatasetKind::Moons, 512, 512);
/// let mlp = build_mlp(&moons, &[32, 32], Activation::Tanh)?;
/// assert_eq!(mlp.dim(), (2 * 32 + 32) + (32 * 32 + 32) + (32 + 1));
/// # Ok::<(), basin::core::network::NetworkError>(())
/// ```
///
/// # Errors
/// A dataset field or a layer width out of range.
pub fn build_mlp(
    spec: &DatasetSpec,
    hidden: &[usize],
    activation: Activation,
) -> Result<Mlp, NetworkError> {
    build_network(spec, hidden, activation, None)
}

/// [`build_mlp`], with `batchnorm` after every hidden layer if given.
///
/// # Errors
/// As [`build_mlp`], and a ghost-batch size below 2.
pub fn build_network(
    spec: &DatasetSpec,
    hidden: &[usize],
    activation: Activation,
    batchnorm: Option<BatchNorm>,
) -> Result<Mlp, NetworkError> {
    let data = spec.generate()?;
    let arch = Architecture::for_task(spec.input_dim(), hidden, data.task, activation)?
        .with_batchnorm(batchnorm.is_some());
    let mlp = Mlp::new(arch, data.train, data.test)?;
    match batchnorm {
        Some(bn) => Ok(mlp.with_bn_batch(bn.bn_batch_size)?),
        None => Ok(mlp),
    }
}
