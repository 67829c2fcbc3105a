//! Inside a network: what the Network lab's diagram draws of an [`Mlp`] at one set of
//! parameters — every layer's weights and biases (the edges), each shown hidden neuron's
//! activation over the input plane (for 2-D inputs: its thumbnail heatmap), and, for image
//! inputs, the first layer's incoming weights of each neuron (an `side × side` picture,
//! [`NeuronPictures::input_picture`]).
//!
//! The activations come from the network's own forward pass ([`Mlp::hidden_activations`]):
//! after BatchNorm in eval mode with the network's running statistics, then the activation —
//! the same numbers [`Mlp::predict`] is computed from. Pure and deterministic like the rest
//! of `core`.

use ndarray::Array2;

use super::activation::Activation;
use super::architecture::Loss;
use super::mlp::{Mlp, MlpError, grid_points};
use crate::core::landscape::GridSpec;

/// Most neurons of a layer the diagram draws (the rest are counted: "+N more").
pub const MAX_SHOWN: usize = 16;

/// Grid side of a neuron's thumbnail over the input plane.
pub const THUMBNAIL_CELLS: usize = 24;

/// One layer (hidden or output) of the diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerPicture {
    /// Incoming weights, `[width, fan_in]` (row `k` is neuron `k`'s weights, PyTorch's
    /// `nn.Linear.weight`).
    pub weights: Array2<f32>,
    /// Biases, one per neuron.
    pub bias: Vec<f32>,
    /// The first [`LayerPicture::shown`] neurons' activations over the input plane, each
    /// `side × side` row-major with row `i` at `y_at(i)` (bottom to top) and column `j` at
    /// `x_at(j)`; empty for the output layer and for inputs that are not a plane.
    pub maps: Vec<Vec<f32>>,
    /// Neurons drawn: at most [`MAX_SHOWN`].
    pub shown: usize,
}

impl LayerPicture {
    /// Neurons in the layer.
    #[must_use]
    pub fn width(&self) -> usize {
        self.weights.nrows()
    }

    /// Largest |w| of the layer's weights (0 when empty or not finite): what edge widths are
    /// normalized by.
    #[must_use]
    pub fn max_abs_weight(&self) -> f32 {
        self.weights
            .iter()
            .filter(|w| w.is_finite())
            .fold(0.0, |m, w| m.max(w.abs()))
    }

    /// Smallest and largest finite value of the shown maps (`None` without maps).
    #[must_use]
    pub fn map_range(&self) -> Option<(f32, f32)> {
        let (lo, hi) = self
            .maps
            .iter()
            .flatten()
            .filter(|v| v.is_finite())
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        (lo <= hi).then_some((lo, hi))
    }
}

/// What the diagram draws of a network at one set of parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct NeuronPictures {
    /// Inputs of the network.
    pub inputs: usize,
    /// The hidden activation.
    pub activation: Activation,
    /// The loss the outputs feed (what the output neurons mean).
    pub loss: Loss,
    /// The input plane the maps cover (`None` unless the network takes 2 inputs).
    pub plane: Option<GridSpec>,
    /// The hidden layers, then the output layer (without maps).
    pub layers: Vec<LayerPicture>,
}

impl NeuronPictures {
    /// The side of a square image input (8 for the 8×8 digits), `None` for other inputs.
    #[must_use]
    pub fn image_side(&self) -> Option<usize> {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let side = (self.inputs as f64).sqrt().round() as usize;
        (side >= 2 && side * side == self.inputs && self.inputs > 2).then_some(side)
    }

    /// For image inputs, neuron `neuron` of the first hidden layer's incoming weights as a
    /// `side × side` picture, row-major like the image (`None` for other inputs).
    #[must_use]
    pub fn input_picture(&self, neuron: usize) -> Option<&[f32]> {
        self.image_side()?;
        let first = self.layers.first()?;
        if neuron >= first.width() {
            return None;
        }
        first
            .weights
            .as_slice()
            .map(|w| &w[neuron * self.inputs..(neuron + 1) * self.inputs])
    }
}

/// The diagram of `mlp` at `theta`: every layer's weights and biases, and, when `plane` is
/// given and the network takes 2 inputs, the first `min(width, MAX_SHOWN)` neurons of every
/// hidden layer evaluated on that grid (eval mode, as [`Mlp::predict`]).
///
/// # Errors
/// `theta` of the wrong length.
pub fn neuron_pictures(
    mlp: &Mlp,
    theta: &[f64],
    plane: Option<GridSpec>,
) -> Result<NeuronPictures, MlpError> {
    let arch = mlp.architecture();
    arch.check_params(theta.len())?;
    let plane = plane.filter(|_| arch.inputs() == 2);
    let activations = match &plane {
        Some(spec) => Some(mlp.hidden_activations(theta, grid_points(spec).view())?),
        None => None,
    };
    let layers = arch
        .layers()
        .iter()
        .enumerate()
        .map(|(l, shape)| {
            let weights = Array2::from_shape_fn((shape.fan_out, shape.fan_in), |(k, i)| {
                theta[shape.weight_row(k).start + i] as f32
            });
            let bias = theta[shape.bias_range()]
                .iter()
                .map(|&b| b as f32)
                .collect();
            let shown = shape.fan_out.min(MAX_SHOWN);
            let maps = activations
                .as_ref()
                .and_then(|a| a.get(l))
                .map(|a| (0..shown).map(|k| a.column(k).to_vec()).collect())
                .unwrap_or_default();
            LayerPicture {
                weights,
                bias,
                maps,
                shown,
            }
        })
        .collect();
    Ok(NeuronPictures {
        inputs: arch.inputs(),
        activation: arch.activation(),
        loss: arch.loss(),
        plane,
        layers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::network::architecture::Architecture;
    use crate::core::network::data::Split;

    fn network(sizes: Vec<usize>, activation: Activation, batchnorm: bool) -> Mlp {
        let loss = if sizes[sizes.len() - 1] == 1 {
            Loss::BceWithLogits
        } else {
            Loss::CrossEntropy
        };
        let arch = Architecture::new(sizes.clone(), activation, loss)
            .expect("arch")
            .with_batchnorm(batchnorm);
        let n = 6;
        let x = Array2::from_shape_fn((n, sizes[0]), |(r, c)| (r as f32 * 0.3) - c as f32);
        let y = ndarray::Array1::from_shape_fn(n, |r| (r % 2) as f32);
        let split = Split { x, y };
        Mlp::new(arch, split.clone(), split).expect("mlp")
    }

    /// The direct computation, written from the weights: `a = act(BN(W·x + b))` layer by
    /// layer in f64, BN in eval mode with the running mean and variance.
    fn direct(mlp: &Mlp, theta: &[f64], x: [f64; 2]) -> Vec<Vec<f64>> {
        let arch = mlp.architecture();
        let mut input = x.to_vec();
        let mut out = Vec::new();
        let mut at = 0;
        for shape in &arch.layers()[..arch.layers().len() - 1] {
            let mut a = Vec::new();
            for k in 0..shape.fan_out {
                let w = &theta[shape.weight_row(k)];
                let mut z = theta[shape.bias_range().start + k]
                    + w.iter().zip(&input).map(|(w, x)| w * x).sum::<f64>();
                if shape.batchnorm {
                    let running = mlp.running();
                    let (mean, var) = (running[at + k], running[at + shape.fan_out + k]);
                    let gamma = theta[shape.gamma_range().start + k];
                    let beta = theta[shape.beta_range().start + k];
                    z = gamma * (z - mean)
                        / (var + crate::core::network::architecture::BN_EPS).sqrt()
                        + beta;
                }
                a.push(match arch.activation() {
                    Activation::Tanh => libm::tanh(z),
                    Activation::Relu => z.max(0.0),
                    Activation::Sigmoid => 1.0 / (1.0 + libm::exp(-z)),
                    Activation::Gelu => {
                        f64::from(crate::core::network::activation::gelu_f32(z as f32))
                    }
                });
            }
            if shape.batchnorm {
                at += 2 * shape.fan_out;
            }
            input.clone_from(&a);
            out.push(a);
        }
        out
    }

    fn check_against_direct(mlp: &Mlp, theta: &[f64]) {
        let spec = GridSpec::square([-2.0, 1.5], [-1.0, 2.5], THUMBNAIL_CELLS);
        let pictures = neuron_pictures(mlp, theta, Some(spec)).expect("pictures");
        let hidden = &pictures.layers[..pictures.layers.len() - 1];
        for (i, j) in [(0, 0), (3, 17), (12, 5), (23, 23), (20, 0)] {
            let expected = direct(mlp, theta, [spec.x_at(j), spec.y_at(i)]);
            for (layer, want) in hidden.iter().zip(&expected) {
                assert_eq!(layer.maps.len(), layer.shown);
                for (k, map) in layer.maps.iter().enumerate() {
                    let got = f64::from(map[i * THUMBNAIL_CELLS + j]);
                    assert!(
                        (got - want[k]).abs() < 1e-4 * (1.0 + want[k].abs()),
                        "cell ({i}, {j}) neuron {k}: {got} vs {}",
                        want[k]
                    );
                }
            }
        }
    }

    #[test]
    fn thumbnails_equal_a_direct_forward_pass() {
        for activation in Activation::ALL {
            let mlp = network(vec![2, 5, 20, 1], activation, false);
            let theta = mlp.architecture().init_params(3);
            check_against_direct(&mlp, &theta);
            let pictures = neuron_pictures(&mlp, &theta, None).expect("pictures");
            assert!(pictures.layers.iter().all(|l| l.maps.is_empty()));
        }
    }

    #[test]
    fn thumbnails_with_batchnorm_use_the_running_statistics() {
        let mlp = network(vec![2, 4, 3, 1], Activation::Tanh, true);
        let running: Vec<f64> = (0..mlp.architecture().running_len())
            .map(|i| 0.2 + 0.15 * i as f64)
            .collect();
        let mlp = mlp.with_running(&running).expect("running");
        let mut theta = mlp.architecture().init_params(5);
        // γ and β away from their initial 1 and 0.
        for shape in mlp.architecture().layers() {
            for (n, g) in shape.gamma_range().chain(shape.beta_range()).enumerate() {
                theta[g] = 0.3 + 0.1 * n as f64;
            }
        }
        check_against_direct(&mlp, &theta);
    }

    #[test]
    fn a_wide_layer_shows_at_most_max_shown_neurons_and_keeps_every_weight() {
        let mlp = network(vec![2, 40, 1], Activation::Relu, false);
        let theta = mlp.architecture().init_params(1);
        let spec = GridSpec::square([-1.0, 1.0], [-1.0, 1.0], 8);
        let pictures = neuron_pictures(&mlp, &theta, Some(spec)).expect("pictures");
        let first = &pictures.layers[0];
        assert_eq!((first.width(), first.shown, first.maps.len()), (40, 16, 16));
        assert_eq!(first.weights.dim(), (40, 2));
        let shape = mlp.architecture().layers()[0];
        assert_eq!(
            f64::from(first.weights[[7, 1]]),
            f64::from(theta[shape.weight_row(7).start + 1] as f32)
        );
        assert!(first.map_range().is_some_and(|(lo, _)| lo >= 0.0));
        assert!(pictures.input_picture(0).is_none());
    }

    #[test]
    fn image_inputs_give_each_first_layer_neuron_its_weights_as_a_picture() {
        let mlp = network(vec![64, 6, 3], Activation::Tanh, false);
        let theta = mlp.architecture().init_params(2);
        let spec = GridSpec::square([-1.0, 1.0], [-1.0, 1.0], 8);
        let pictures = neuron_pictures(&mlp, &theta, Some(spec)).expect("pictures");
        assert!(pictures.plane.is_none());
        assert!(pictures.layers.iter().all(|l| l.maps.is_empty()));
        assert_eq!(pictures.image_side(), Some(8));
        let shape = mlp.architecture().layers()[0];
        let picture = pictures.input_picture(4).expect("a picture");
        assert_eq!(picture.len(), 64);
        for (p, &w) in picture.iter().zip(&theta[shape.weight_row(4)]) {
            assert_eq!(*p, w as f32);
        }
        assert!(pictures.input_picture(6).is_none());
    }
}
