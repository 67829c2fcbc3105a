//! The Network lab's diagram ("Inside the network"), the part computed on a worker: at the
//! playback step of the shown run, the network's weights and each hidden neuron's picture
//! ([`crate::core::network::neurons`]) made into images — for 2-D data each neuron's
//! activation over the input plane (a 24×24 thumbnail, the box of the data picture), for image
//! data (the digits) each first-layer neuron's 64 incoming weights as an 8×8 picture. Started
//! and cached per (run, step) like the decision boundary ([`super::follow`]); drawn by
//! [`super::diagram_view`].
//!
//! Colours: a diverging map centred at 0 (Okabe–Ito orange for negative, a light grey at 0,
//! blue for positive — the classes' colours, safe for colour-blind eyes) for activations that
//! take both signs (tanh, gelu) and for weights; a sequential one from 0 (light grey to blue)
//! for relu and sigmoid. Edges use the same blue and orange for the weight's sign.

use egui::{Color32, ColorImage};
use rayon::prelude::*;

use super::DataPoints;
use crate::core::landscape::GridSpec;
use crate::core::network::activation::Activation;
use crate::core::network::mlp::Mlp;
use crate::core::network::neurons::{self, NeuronPictures, THUMBNAIL_CELLS};

/// How a layer's pictures map values to colours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NeuronScale {
    /// An activation that takes both signs: orange −`max`, grey 0, blue +`max`.
    Diverging {
        /// The value drawn fully coloured (tanh: 1; gelu: the layer's largest |value|).
        max: f32,
    },
    /// An activation that is never negative (relu, sigmoid): grey 0 to blue `max`.
    Sequential {
        /// The value drawn fully blue (sigmoid: 1; relu: the layer's largest value).
        max: f32,
    },
    /// Incoming weights (image data): orange −`max`, grey 0, blue +`max`, `max` the 98th
    /// percentile of the layer's |w| (larger ones fully coloured).
    Weights {
        /// The 98th percentile of the layer's |w|.
        max: f32,
    },
}

impl NeuronScale {
    /// The colour of value `v`.
    #[must_use]
    pub fn color(self, v: f32) -> Color32 {
        if !v.is_finite() {
            return Color32::from_gray(90);
        }
        match self {
            Self::Diverging { max } | Self::Weights { max } => diverging(v / max.max(1e-12)),
            Self::Sequential { max } => sequential(v / max.max(1e-12)),
        }
    }

    /// The scale of a hidden layer's activation maps whose values span `range`.
    #[must_use]
    pub fn for_activation(activation: Activation, range: (f32, f32)) -> Self {
        let largest = range.0.abs().max(range.1.abs());
        match activation {
            Activation::Tanh => Self::Diverging { max: 1.0 },
            Activation::Gelu => Self::Diverging { max: largest },
            Activation::Sigmoid => Self::Sequential { max: 1.0 },
            Activation::Relu => Self::Sequential {
                max: range.1.max(0.0),
            },
        }
    }
}

/// The colour of a positive weight or value (the blue of class 1).
#[must_use]
pub fn positive() -> Color32 {
    super::class_color(1)
}

/// The colour of a negative weight or value (the orange of class 0).
#[must_use]
pub fn negative() -> Color32 {
    super::class_color(0)
}

/// The colour of 0.
const ZERO: Color32 = Color32::from_gray(242);

/// `t` in [−1, 1]: orange through the grey of 0 to blue.
fn diverging(t: f32) -> Color32 {
    let t = t.clamp(-1.0, 1.0);
    if t < 0.0 {
        ZERO.lerp_to_gamma(negative(), -t)
    } else {
        ZERO.lerp_to_gamma(positive(), t)
    }
}

/// `t` in [0, 1]: the grey of 0 to blue.
fn sequential(t: f32) -> Color32 {
    ZERO.lerp_to_gamma(positive(), t.clamp(0.0, 1.0))
}

/// The diagram at one step of one run, as computed on a worker.
#[derive(Debug, PartialEq)]
pub struct Diagram {
    /// The run it shows.
    pub run: usize,
    /// The step it shows.
    pub step: usize,
    /// The weights and maps.
    pub pictures: NeuronPictures,
    /// Per hidden layer, the shown neurons' pictures (thumbnails or weight pictures; empty for
    /// a layer drawn as plain nodes).
    pub images: Vec<Vec<ColorImage>>,
    /// Per hidden layer, how its pictures are coloured (`None` without pictures).
    pub scales: Vec<Option<NeuronScale>>,
}

/// The diagram of `mlp` at `theta`, thumbnails over the box of `data` (2-D inputs only: data
/// drawn on its principal components has no input plane to show).
#[must_use]
pub fn diagram(
    mlp: &Mlp,
    theta: &[f64],
    data: &DataPoints,
    run: usize,
    step: usize,
) -> Option<Diagram> {
    let plane = (!data.principal && !data.regression)
        .then(|| GridSpec::square(data.x, data.y, THUMBNAIL_CELLS));
    let pictures = neurons::neuron_pictures(mlp, theta, plane).ok()?;
    let hidden = &pictures.layers[..pictures.layers.len() - 1];
    let mut images = Vec::with_capacity(hidden.len());
    let mut scales = Vec::with_capacity(hidden.len());
    for (l, layer) in hidden.iter().enumerate() {
        let (scale, layer_images) = if let Some(range) = layer.map_range() {
            let scale = NeuronScale::for_activation(pictures.activation, range);
            let side = THUMBNAIL_CELLS;
            let made = layer
                .maps
                .par_iter()
                .map(|map| {
                    // Row 0 of the image is the top of the plane (the last grid row).
                    let pixels = (0..side)
                        .rev()
                        .flat_map(|i| map[i * side..(i + 1) * side].iter())
                        .map(|&v| scale.color(v))
                        .collect();
                    ColorImage::new([side, side], pixels)
                })
                .collect();
            (Some(scale), made)
        } else if let (0, Some(side)) = (l, pictures.image_side()) {
            let scale = NeuronScale::Weights {
                max: robust_max(layer.weights.iter().copied()),
            };
            let made = (0..layer.shown)
                .into_par_iter()
                .filter_map(|k| pictures.input_picture(k))
                .map(|w| ColorImage::new([side, side], w.iter().map(|&v| scale.color(v)).collect()))
                .collect();
            (Some(scale), made)
        } else {
            (None, Vec::new())
        };
        images.push(layer_images);
        scales.push(scale);
    }
    Some(Diagram {
        run,
        step,
        pictures,
        images,
        scales,
    })
}

/// The 98th percentile of |v| over the finite values (0 for none): a few large weights would
/// otherwise wash every picture out to grey; larger ones are drawn fully coloured.
fn robust_max(values: impl Iterator<Item = f32>) -> f32 {
    let mut a: Vec<f32> = values.filter(|v| v.is_finite()).map(f32::abs).collect();
    if a.is_empty() {
        return 0.0;
    }
    a.sort_unstable_by(f32::total_cmp);
    a[(a.len() - 1) * 98 / 100]
}

/// The diagram on screen: what was computed, its pictures uploaded.
pub struct DiagramPicture {
    /// What the job computed (its images moved into `textures`).
    pub diagram: Diagram,
    /// Per hidden layer, the shown neurons' pictures as textures.
    pub textures: Vec<Vec<egui::TextureHandle>>,
}

impl DiagramPicture {
    /// Uploads `diagram`'s images, reusing the textures of `old` where there are some.
    #[must_use]
    pub fn upload(ctx: &egui::Context, mut diagram: Diagram, old: Option<Self>) -> Self {
        let mut old = old.map(|o| o.textures).unwrap_or_default();
        let image_side = diagram.pictures.image_side();
        let options = if image_side.is_some() {
            egui::TextureOptions::NEAREST
        } else {
            egui::TextureOptions::LINEAR
        };
        let textures = std::mem::take(&mut diagram.images)
            .into_iter()
            .enumerate()
            .map(|(l, layer)| {
                let mut reused = if l < old.len() {
                    std::mem::take(&mut old[l]).into_iter()
                } else {
                    Vec::new().into_iter()
                };
                layer
                    .into_iter()
                    .enumerate()
                    .map(|(k, image)| match reused.next() {
                        Some(mut texture) => {
                            texture.set(image, options);
                            texture
                        }
                        None => ctx.load_texture(format!("basin-neuron-{l}-{k}"), image, options),
                    })
                    .collect()
            })
            .collect();
        Self { diagram, textures }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn experiment(name: &str, overrides: &[&str]) -> crate::preset::NetworkExperiment {
        let overrides: Vec<String> = overrides.iter().map(ToString::to_string).collect();
        match crate::preset::load(name, &overrides) {
            Ok(crate::preset::Preset::Network(e)) => e,
            _ => panic!("{name} is a network preset"),
        }
    }

    fn on_threads<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool")
            .install(f)
    }

    #[test]
    fn the_diagram_is_the_same_on_one_and_several_threads() {
        let e = experiment("moons", &["problem.hidden=[20, 6]"]);
        let mlp = e.build_mlp().expect("mlp");
        let data = super::super::boundary::data_points(&mlp);
        let theta = mlp.architecture().init_params(4);
        let one = on_threads(1, || diagram(&mlp, &theta, &data, 0, 3)).expect("diagram");
        let four = on_threads(4, || diagram(&mlp, &theta, &data, 0, 3)).expect("diagram");
        assert_eq!(one, four);
        assert_eq!(one.images.iter().map(Vec::len).collect::<Vec<_>>(), [16, 6]);
        assert_eq!(one.images[0][0].size, [THUMBNAIL_CELLS, THUMBNAIL_CELLS]);
        assert_eq!(one.scales[0], Some(NeuronScale::Diverging { max: 1.0 }));
    }

    #[test]
    fn a_thumbnail_is_its_map_upside_up() {
        let e = experiment("moons", &["problem.hidden=[3]"]);
        let mlp = e.build_mlp().expect("mlp");
        let data = super::super::boundary::data_points(&mlp);
        let theta = mlp.architecture().init_params(9);
        let d = diagram(&mlp, &theta, &data, 0, 0).expect("diagram");
        let map = &d.pictures.layers[0].maps[1];
        let scale = d.scales[0].expect("a scale");
        let n = THUMBNAIL_CELLS;
        // Image row 0 is the top of the plane: grid row n − 1.
        assert_eq!(d.images[0][1].pixels[2], scale.color(map[(n - 1) * n + 2]));
        assert_eq!(d.images[0][1].pixels[(n - 1) * n], scale.color(map[0]));
    }

    #[test]
    fn digits_get_first_layer_weight_pictures_and_plain_nodes_above() {
        let e = experiment("digits", &["problem.hidden=[10, 5]", "problem.n_train=200"]);
        let mlp = e.build_mlp().expect("mlp");
        let data = DataPoints {
            principal: true,
            ..DataPoints::default()
        };
        let theta = mlp.architecture().init_params(1);
        let d = diagram(&mlp, &theta, &data, 0, 0).expect("diagram");
        assert_eq!(d.images[0].len(), 10);
        assert_eq!(d.images[0][0].size, [8, 8]);
        assert!(d.images[1].is_empty());
        assert!(matches!(d.scales[0], Some(NeuronScale::Weights { .. })));
        assert_eq!(d.scales[1], None);
    }

    #[test]
    fn the_weights_scale_ignores_the_largest_two_percent() {
        let values = (0..100)
            .map(|i| if i < 98 { 0.1 } else { 5.0 })
            .chain([f32::NAN]);
        assert_eq!(robust_max(values), 0.1);
        assert_eq!(robust_max([-3.0, 1.0].into_iter()), 1.0);
        assert_eq!(robust_max(std::iter::empty()), 0.0);
    }

    #[test]
    fn colours_are_centred_at_zero_and_signed() {
        let s = NeuronScale::Diverging { max: 1.0 };
        assert_eq!(s.color(0.0), ZERO);
        assert_eq!(s.color(1.0), positive());
        assert_eq!(s.color(-1.0), negative());
        let r = NeuronScale::Sequential { max: 2.0 };
        assert_eq!(r.color(0.0), ZERO);
        assert_eq!(r.color(2.0), positive());
        assert_eq!(r.color(-1.0), ZERO);
    }
}
