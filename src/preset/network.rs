//! Network presets (`problem.kind = "network"`; the keys are listed in ARCHITECTURE.md, "Preset
//! files"): the serde mirror of the file and its validation into a [`NetworkExperiment`]. The
//! `[[runs]]` entries are read and checked by the same code as surface presets (`file::RunFile`),
//! so optimizers and their hyperparameters mean the same everywhere. Unknown keys are errors;
//! values out of range are [`PresetError::Invalid`] naming the dotted key and the allowed range.

use serde::{Deserialize, Serialize};

use super::data_file::{self, FileKeys};
use super::file::{RunFile, batch_size, training_steps_and_batch};
use super::invalid::Invalid;
use super::{PresetError, limits};
use crate::core::landscape::Layer;
use crate::core::network::activation::Activation;
use crate::core::network::architecture::Architecture;
use crate::core::network::data::{DIGITS_TRAIN_DEFAULT, DatasetKind, DatasetSpec, Task};
use crate::core::network::digits;
use crate::core::network::mlp::Mlp;
use crate::core::network::{BatchNorm, NetworkError, build_network};
use crate::core::sweep::{Budget, LrRule, SweepSpec};
use crate::core::train::RunSpec;

/// Default training samples of a network preset.
const DEFAULT_N_TRAIN: usize = 512;
/// Default test samples of a network preset.
const DEFAULT_N_TEST: usize = 512;
/// Default optimizer steps.
const DEFAULT_STEPS: usize = 500;
/// Default grid side of a network landscape.
const DEFAULT_RESOLUTION: usize = 101;
/// Default plane range, in plane units, on both axes.
const DEFAULT_RANGE: [f64; 2] = [-1.0, 1.0];
/// The plane through weight space that a network landscape and trajectory are drawn on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum PlaneKind {
    /// Filter-normalized random directions centred on run 0's final weights (fixed by the
    /// seed).
    #[default]
    Random,
    /// The top two principal directions of the runs' trajectories.
    Pca,
    /// Through run 0's and run 1's final weights.
    Solutions,
    /// Through the top two eigenvectors of the training-loss Hessian at the centre
    /// (`view.centre`, like the random plane): unit directions, not filter-normalized; the
    /// range counts in steps that raise the loss by about one along v₁
    /// ([`crate::core::network::directions::hessian_range_unit`]).
    Hessian,
}

impl PlaneKind {
    /// Every plane, in menu order.
    pub const ALL: [Self; 4] = [Self::Random, Self::Pca, Self::Solutions, Self::Hessian];

    /// The preset name (`"random"`, `"pca"`, `"solutions"`, `"hessian"`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Random => "random",
            Self::Pca => "pca",
            Self::Solutions => "solutions",
            Self::Hessian => "hessian",
        }
    }

    /// The plane called `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// Where the random plane is centred.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum PlaneCentre {
    /// Run 0's final weights: the minimum it found, with its path arriving there.
    #[default]
    Final,
    /// The initial weights every run starts from: the paths leave the centre.
    Start,
    /// Run 0's weights at this step (its last, if it stopped earlier): the landscape around
    /// the point the playback shows.
    Step(usize),
}

impl PlaneCentre {
    /// The preset name (`"final"`, `"start"`, `"step"` with `view.centre_step`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Final => "final",
            Self::Start => "start",
            Self::Step(_) => "step",
        }
    }
}

/// `[view]` of a network preset: the plane and the grid on it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NetworkView {
    /// Which plane.
    pub plane: PlaneKind,
    /// Where the random and Hessian planes are centred (the PCA and solutions planes have
    /// their own centres: run 0's final weights).
    pub centre: PlaneCentre,
    /// a-range (along d₁) in plane units.
    pub x: [f64; 2],
    /// b-range (along d₂) in plane units.
    pub y: [f64; 2],
    /// Grid side.
    pub resolution: usize,
    /// Which loss the grid shows.
    pub layer: Layer,
    /// Whether the window shows the network diagram ("Inside the network") in place of the
    /// landscape.
    pub diagram: bool,
}

impl NetworkView {
    /// The point of run 0's trajectory (of `points` points) that the plane is centred on:
    /// the random or Hessian plane's centre (the start, a step clamped to the last point, or
    /// the final point); the final point for the PCA and solutions planes. A BatchNorm network's
    /// landscape is measured with run 0's running statistics at this point.
    #[must_use]
    pub fn centre_point(&self, points: usize) -> usize {
        let last = points.saturating_sub(1);
        match (self.plane, self.centre) {
            (PlaneKind::Random | PlaneKind::Hessian, PlaneCentre::Start) => 0,
            (PlaneKind::Random | PlaneKind::Hessian, PlaneCentre::Step(step)) => step.min(last),
            _ => last,
        }
    }
}

/// A validated network experiment: a dataset, an MLP, runs racing from the same initial
/// weights, and the plane to look at them on.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct NetworkExperiment {
    /// Title.
    pub name: String,
    /// One or two sentences.
    pub description: String,
    /// Seed of the data, the initial weights, the batches and the random directions.
    pub seed: u64,
    /// The dataset (its `seed` is the experiment's).
    pub dataset: DatasetSpec,
    /// Hidden-layer widths (empty: a linear model).
    pub hidden: Vec<usize>,
    /// Hidden activation.
    pub activation: Activation,
    /// BatchNorm after every hidden layer (None: none).
    pub batchnorm: Option<BatchNorm>,
    /// Optimizer steps of every run.
    pub steps: usize,
    /// The runs, each with its optimizer and batch size.
    pub runs: Vec<RunSpec>,
    /// The plane and grid.
    pub view: NetworkView,
    /// The batch-size sweep of `[sweep]` (`basin sweep`), with run 0's optimizer and
    /// gradient clipping; None without that section.
    pub sweep: Option<Box<SweepSpec>>,
}

impl NetworkExperiment {
    /// The network on its train and test sets.
    ///
    /// # Errors
    /// Only if the experiment was not validated (validation builds the same architecture).
    pub fn build_mlp(&self) -> Result<Mlp, NetworkError> {
        build_network(&self.dataset, &self.hidden, self.activation, self.batchnorm)
    }

    /// The initial weights every run starts from (PyTorch's `nn.Linear` init, seeded).
    #[must_use]
    pub fn initial_params(mlp: &Mlp, seed: u64) -> Vec<f64> {
        mlp.architecture().init_params(seed)
    }
}

preset_document! {
    /// A whole network preset file.
    NetworkFile {
        problem: ProblemFile, training: TrainingFile, runs: Vec<RunFile>, view: ViewFile,
        #[serde(skip_serializing_if = "Option::is_none")] sweep: Option<SweepFile>,
    }
}

/// `[sweep]` of a network preset: batch sizes × learning rates × seeds.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct SweepFile {
    batch_sizes: Vec<usize>,
    lrs: Vec<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seeds: Option<Vec<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bn_batch_sizes: Option<Vec<usize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lr_rule: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    steps: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    epochs: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    divergence_factor: Option<f64>,
}

impl SweepFile {
    /// Checks the section; the optimizer is run 0's.
    fn validate(
        self,
        v: &Invalid<'_>,
        n_train: usize,
        run0: &RunSpec,
        default_steps: usize,
    ) -> Result<SweepSpec, PresetError> {
        let axis = |key: &str, len: usize| {
            if limits::SWEEP_AXIS.contains(&len) {
                Ok(())
            } else {
                Err(v.err(
                    key,
                    format!(
                        "must list {}..={} values, got {len}",
                        limits::SWEEP_AXIS.start(),
                        limits::SWEEP_AXIS.end()
                    ),
                ))
            }
        };
        axis("sweep.batch_sizes", self.batch_sizes.len())?;
        for (i, &b) in self.batch_sizes.iter().enumerate() {
            batch_size(v, &format!("sweep.batch_sizes.{i}"), b, n_train)?;
        }
        axis("sweep.lrs", self.lrs.len())?;
        for (i, &lr) in self.lrs.iter().enumerate() {
            if !(lr.is_finite() && lr > 0.0 && lr <= limits::SWEEP_LR_MAX) {
                return Err(v.err(
                    format!("sweep.lrs.{i}"),
                    format!("must be in (0, {}], got {lr}", limits::SWEEP_LR_MAX),
                ));
            }
        }
        let seeds = self.seeds.unwrap_or_else(|| vec![0]);
        axis("sweep.seeds", seeds.len())?;
        if let Some(i) = seeds.iter().position(|s| i64::try_from(*s).is_err()) {
            return Err(v.err(
                format!("sweep.seeds.{i}"),
                format!("must be in 0..={}", i64::MAX),
            ));
        }
        // Checked against problem.batchnorm and the batches in `validate_batchnorm`.
        if let Some(list) = &self.bn_batch_sizes {
            axis("sweep.bn_batch_sizes", list.len())?;
            if let Some(i) = list.iter().position(|&g| g == 1) {
                return Err(v.err(
                    format!("sweep.bn_batch_sizes.{i}"),
                    "= 1 is below 2: BatchNorm statistics need at least 2 examples (PyTorch \
                     refuses one); 0 means the whole mini-batch",
                ));
            }
        }
        let lr_rule = match self.lr_rule.as_deref() {
            None | Some("fixed") => LrRule::Fixed,
            Some("base_per_sample") => LrRule::BasePerSample,
            Some(other) => {
                return Err(v.err(
                    "sweep.lr_rule",
                    format!("must be \"fixed\" or \"base_per_sample\", got \"{other}\""),
                ));
            }
        };
        let budget = match (self.steps, self.epochs) {
            (Some(_), Some(_)) => {
                return Err(v.err("sweep.epochs", "give sweep.steps or sweep.epochs, not both"));
            }
            (None, Some(epochs)) => {
                Budget::Epochs(v.count("sweep.epochs", epochs, &limits::SWEEP_EPOCHS)?)
            }
            (steps, None) => Budget::Steps(v.count(
                "sweep.steps",
                steps.unwrap_or(default_steps),
                &limits::STEPS,
            )?),
        };
        let mut spec = SweepSpec::new(
            self.batch_sizes,
            self.lrs,
            seeds,
            budget,
            run0.optimizer.clone(),
        );
        spec.lr_rule = lr_rule;
        spec.bn_batch_sizes = self.bn_batch_sizes.unwrap_or_default();
        spec.clip_grad_norm = run0.clip_grad_norm;
        if let Some(factor) = self.divergence_factor {
            spec.divergence_factor = v.real("sweep.divergence_factor", factor, &(1.0..=1e12))?;
            if factor <= 1.0 {
                return Err(v.err(
                    "sweep.divergence_factor",
                    format!("must be above 1, got {factor}"),
                ));
            }
        }
        let epochs = matches!(spec.budget, Budget::Epochs(_));
        if epochs
            && let Some(cell) = spec
                .cells(n_train)
                .iter()
                .find(|c| c.steps > *limits::STEPS.end())
        {
            return Err(v.err(
                "sweep.epochs",
                format!(
                    "gives {} steps at batch size {}; at most {} steps per cell",
                    cell.steps,
                    cell.batch,
                    limits::STEPS.end()
                ),
            ));
        }
        spec.validate().map_err(|e| v.err("sweep", e.to_string()))?;
        Ok(spec)
    }
}

/// `[problem]` of a network preset.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct ProblemFile {
    kind: String,
    dataset: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    n_train: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    n_test: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    noise: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label_noise: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    classes: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hidden: Option<Vec<usize>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    activation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    batchnorm: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bn_batch_size: Option<usize>,
    // dataset = "file" (see `data_file`).
    #[serde(skip_serializing_if = "Option::is_none")]
    train: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    train_labels: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    test: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    test_labels: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label_column: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    task: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    test_fraction: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    standardize: Option<bool>,
}

impl ProblemFile {
    /// The keys of a file dataset, and the name of the first one given.
    fn file_keys(&self) -> (FileKeys<'_>, Option<&'static str>) {
        let keys = FileKeys {
            train: self.train.as_deref(),
            test: self.test.as_deref(),
            train_labels: self.train_labels.as_deref(),
            test_labels: self.test_labels.as_deref(),
            label_column: self.label_column.as_deref(),
            task: self.task.as_deref(),
            test_fraction: self.test_fraction,
            standardize: self.standardize,
        };
        let given = [
            ("problem.train", keys.train.is_some()),
            ("problem.test", keys.test.is_some()),
            ("problem.train_labels", keys.train_labels.is_some()),
            ("problem.test_labels", keys.test_labels.is_some()),
            ("problem.label_column", keys.label_column.is_some()),
            ("problem.task", keys.task.is_some()),
            ("problem.test_fraction", keys.test_fraction.is_some()),
            ("problem.standardize", keys.standardize.is_some()),
        ]
        .into_iter()
        .find_map(|(k, set)| set.then_some(k));
        (keys, given)
    }

    /// The spec of `dataset = "file"`: the generated sets' keys do not apply.
    fn file_dataset(
        &self,
        v: &Invalid<'_>,
        folder: &std::path::Path,
        seed: u64,
    ) -> Result<DatasetSpec, PresetError> {
        let generated_keys = [
            ("problem.n_train", self.n_train.is_some()),
            ("problem.n_test", self.n_test.is_some()),
            ("problem.noise", self.noise.is_some()),
            ("problem.label_noise", self.label_noise.is_some()),
            ("problem.classes", self.classes.is_some()),
        ];
        if let Some((key, _)) = generated_keys.iter().find(|(_, set)| *set) {
            return Err(v.err(
                *key,
                "does not apply to dataset = \"file\": the sizes and classes are the data's",
            ));
        }
        let data = data_file::load(v, &self.file_keys().0, folder)?;
        Ok(DatasetSpec::from_file(data, seed))
    }
}

/// `[training]` of a network preset.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct TrainingFile {
    #[serde(skip_serializing_if = "Option::is_none")]
    steps: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    batch_size: Option<usize>,
}

/// `[view]` of a network preset.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct ViewFile {
    #[serde(skip_serializing_if = "Option::is_none")]
    x: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    y: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resolution: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    plane: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    centre: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    centre_step: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    layer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diagram: Option<bool>,
}

impl NetworkFile {
    /// The file that describes `e`, with every key explicit.
    pub(super) fn from_experiment(e: &NetworkExperiment) -> Self {
        let d = &e.dataset;
        let generated = d.file.is_none();
        let file = d.file.as_deref();
        Self {
            name: e.name.clone(),
            description: e.description.clone(),
            seed: e.seed.min(i64::MAX.unsigned_abs()),
            problem: ProblemFile {
                kind: "network".into(),
                dataset: d.kind.name().into(),
                n_train: generated.then_some(d.n_train),
                n_test: (generated && !d.kind.is_real()).then_some(d.n_test),
                noise: generated.then_some(d.noise),
                label_noise: generated.then_some(d.label_noise),
                classes: (d.kind == DatasetKind::Blobs).then_some(d.classes),
                hidden: Some(e.hidden.clone()),
                activation: Some(e.activation.name().into()),
                batchnorm: Some(e.batchnorm.is_some()),
                bn_batch_size: e.batchnorm.and_then(|bn| bn.bn_batch_size),
                train: file.map(|f| f.train_source.clone()),
                train_labels: file.and_then(|f| f.train_labels_source.clone()),
                test: file.and_then(|f| f.test_source.clone()),
                test_labels: file.and_then(|f| f.test_labels_source.clone()),
                label_column: file.and_then(|f| f.label_column.clone()),
                task: file.filter(|f| f.task_given).map(|f| {
                    if f.task == Task::Regression {
                        "regression"
                    } else {
                        "classification"
                    }
                    .into()
                }),
                test_fraction: file.filter(|f| f.test.is_none()).map(|f| f.test_fraction),
                standardize: file.map(|f| f.standardize),
            },
            training: TrainingFile {
                steps: Some(e.steps),
                batch_size: None,
            },
            runs: e.runs.iter().map(RunFile::from_run).collect(),
            view: ViewFile {
                x: Some(e.view.x),
                y: Some(e.view.y),
                resolution: Some(e.view.resolution),
                plane: Some(e.view.plane.name().into()),
                centre: Some(e.view.centre.name().into()),
                centre_step: match e.view.centre {
                    PlaneCentre::Step(step) => Some(step),
                    _ => None,
                },
                layer: Some(e.view.layer.name().into()),
                diagram: e.view.diagram.then_some(true),
            },
            sweep: e.sweep.as_deref().map(|s| SweepFile {
                batch_sizes: s.batch_sizes.clone(),
                lrs: s.lrs.clone(),
                seeds: Some(s.seeds.clone()),
                bn_batch_sizes: (!s.bn_batch_sizes.is_empty()).then(|| s.bn_batch_sizes.clone()),
                lr_rule: Some(
                    match s.lr_rule {
                        LrRule::Fixed => "fixed",
                        LrRule::BasePerSample => "base_per_sample",
                    }
                    .into(),
                ),
                steps: match s.budget {
                    Budget::Steps(steps) => Some(steps),
                    Budget::Epochs(_) => None,
                },
                epochs: match s.budget {
                    Budget::Epochs(epochs) => Some(epochs),
                    Budget::Steps(_) => None,
                },
                divergence_factor: Some(s.divergence_factor),
            }),
        }
    }

    /// The TOML text.
    pub(super) fn into_toml(self) -> String {
        super::invalid::toml_text(&self)
    }

    /// Fills in the defaults and checks every value.
    pub(super) fn validate(
        self,
        origin: &str,
        folder: &std::path::Path,
    ) -> Result<NetworkExperiment, PresetError> {
        let v = Invalid { origin };
        v.name_and_seed(&self.name, self.seed)?;
        let p = self.problem;
        if p.kind != "network" {
            return Err(v.err(
                "problem.kind",
                format!("must be \"network\" here, got \"{}\"", p.kind),
            ));
        }
        let Some(kind) = DatasetKind::from_name(&p.dataset) else {
            let names: Vec<&str> = DatasetKind::EVERY
                .iter()
                .map(|k| k.name())
                .chain(["file"])
                .collect();
            return Err(v.err(
                "problem.dataset",
                format!(
                    "unknown dataset \"{}\"; one of {}",
                    p.dataset,
                    names.join(", ")
                ),
            ));
        };
        let file_key = p.file_keys().1;
        let dataset = if kind == DatasetKind::File {
            p.file_dataset(&v, folder, self.seed)?
        } else if let Some(key) = file_key {
            return Err(v.applies_only(key, "dataset", "file", kind.name()));
        } else {
            generated_dataset(&v, &p, kind, self.seed)?
        };
        let n_train = dataset.n_train;
        let hidden = p.hidden.unwrap_or_else(|| vec![32, 32]);
        if !limits::HIDDEN_LAYERS.contains(&hidden.len()) {
            return Err(v.err(
                "problem.hidden",
                format!(
                    "has {} layers; at most {} hidden layers",
                    hidden.len(),
                    limits::HIDDEN_LAYERS.end()
                ),
            ));
        }
        if let Some(&bad) = hidden.iter().find(|w| !limits::WIDTH.contains(w)) {
            return Err(v.err(
                "problem.hidden",
                format!(
                    "every width must be in {}..={}, got {bad}",
                    limits::WIDTH.start(),
                    limits::WIDTH.end()
                ),
            ));
        }
        let activation = match p.activation.as_deref() {
            None => Activation::Tanh,
            Some(name) => Activation::from_name(name).ok_or_else(|| {
                let names: Vec<&str> = Activation::ALL.iter().map(|a| a.name()).collect();
                v.err(
                    "problem.activation",
                    format!("unknown activation \"{name}\"; one of {}", names.join(", ")),
                )
            })?,
        };
        Architecture::for_task(dataset.input_dim(), &hidden, dataset.task(), activation)
            .map_err(|e| v.err("problem.hidden", e.to_string()))?;

        let (steps, common_batch) = training_steps_and_batch(
            &v,
            self.training.steps.unwrap_or(DEFAULT_STEPS),
            self.training.batch_size,
            n_train,
        )?;
        let runs = RunFile::validate_all(self.runs, &v, common_batch, n_train, steps)?;
        let run_count = runs.len();

        let view = self.view;
        let plane = match view.plane.as_deref() {
            None => PlaneKind::default(),
            Some(name) => PlaneKind::from_name(name).ok_or_else(|| {
                v.err(
                    "view.plane",
                    format!(
                        "must be \"random\", \"pca\", \"solutions\" or \"hessian\" for network \
                         problems, got \"{name}\""
                    ),
                )
            })?,
        };
        if plane == PlaneKind::Solutions && run_count < 2 {
            return Err(v.err(
                "view.plane",
                format!(
                    "= \"solutions\" needs at least 2 [[runs]] (the plane goes through the \
                     final weights of runs 0 and 1), got {run_count}"
                ),
            ));
        }
        if plane == PlaneKind::Pca && steps < 2 {
            return Err(v.err(
                "training.steps",
                format!("must be at least 2 for view.plane = \"pca\", got {steps}"),
            ));
        }
        let layer = super::file::view_layer(&v, view.layer.as_deref())?;
        let centre = match (view.centre.as_deref(), view.centre_step) {
            (None | Some("final"), None) => PlaneCentre::Final,
            (Some("start"), None) => PlaneCentre::Start,
            (Some("step"), Some(step)) => {
                PlaneCentre::Step(v.count("view.centre_step", step, &(0..=steps))?)
            }
            (Some("step"), None) => {
                return Err(v.err(
                    "view.centre_step",
                    "is missing: view.centre = \"step\" needs the step, e.g. centre_step = 100",
                ));
            }
            (_, Some(_)) => {
                return Err(v.err("view.centre_step", "applies only to view.centre = \"step\""));
            }
            (Some(name), None) => {
                return Err(v.err(
                    "view.centre",
                    format!("must be \"final\", \"start\" or \"step\", got \"{name}\""),
                ));
            }
        };
        let view = NetworkView {
            plane,
            centre,
            x: v.range("view.x", view.x.unwrap_or(DEFAULT_RANGE))?,
            y: v.range("view.y", view.y.unwrap_or(DEFAULT_RANGE))?,
            resolution: v.count(
                "view.resolution",
                view.resolution.unwrap_or(DEFAULT_RESOLUTION),
                &limits::RESOLUTION,
            )?,
            layer,
            diagram: view.diagram.unwrap_or(false),
        };
        let sweep = match self.sweep {
            None => None,
            Some(file) => Some(Box::new(file.validate(&v, n_train, &runs[0], steps)?)),
        };
        let batchnorm = validate_batchnorm(
            &v,
            p.batchnorm,
            p.bn_batch_size,
            &runs,
            n_train,
            sweep.as_deref(),
        )?;
        Ok(NetworkExperiment {
            sweep,
            name: self.name,
            description: self.description,
            seed: self.seed,
            dataset,
            hidden,
            activation,
            batchnorm,
            steps,
            runs,
            view,
        })
    }
}

/// The spec of a generated dataset (or the digits) from `[problem]`.
fn generated_dataset(
    v: &Invalid<'_>,
    p: &ProblemFile,
    kind: DatasetKind,
    seed: u64,
) -> Result<DatasetSpec, PresetError> {
    let (n_train, n_test) = if kind == DatasetKind::Digits {
        // The test set is every image not used for training.
        if p.n_test.is_some() {
            return Err(v.err(
                "problem.n_test",
                "does not apply to dataset = \"digits\": the test set is every image not \
                 in the training set",
            ));
        }
        let n_train = v.count(
            "problem.n_train",
            p.n_train.unwrap_or(DIGITS_TRAIN_DEFAULT),
            &limits::DIGITS_TRAIN,
        )?;
        (n_train, digits::COUNT - n_train)
    } else {
        let n_train = v.count(
            "problem.n_train",
            p.n_train.unwrap_or(DEFAULT_N_TRAIN),
            &limits::NETWORK_SAMPLES,
        )?;
        let n_test = v.count(
            "problem.n_test",
            p.n_test.unwrap_or(DEFAULT_N_TEST),
            &limits::NETWORK_SAMPLES,
        )?;
        (n_train, n_test)
    };
    let noise = v.real(
        "problem.noise",
        p.noise.unwrap_or(0.0),
        &limits::INPUT_NOISE,
    )?;
    let label_noise = v.real(
        "problem.label_noise",
        p.label_noise.unwrap_or(0.0),
        &limits::LABEL_NOISE,
    )?;
    let mut dataset = DatasetSpec::new(kind, n_train, n_test);
    dataset.noise = noise;
    dataset.label_noise = label_noise;
    dataset.seed = seed;
    if let Some(classes) = p.classes {
        if kind != DatasetKind::Blobs {
            return Err(v.applies_only("problem.classes", "dataset", "blobs", kind.name()));
        }
        dataset.classes = v.count("problem.classes", classes, &limits::CLASSES)?;
    }
    Ok(dataset)
}

/// `problem.batchnorm`, `problem.bn_batch_size` and `sweep.bn_batch_sizes`: BatchNorm
/// statistics need at least 2 examples (PyTorch refuses one), so every run's batch and every
/// swept batch must have 2, and a ghost batch must be 2 or more and fit in every batch it
/// splits: `problem.bn_batch_size` in every run's batch and (without a BN-batch axis) every
/// swept batch; each of `sweep.bn_batch_sizes` in every swept batch, or 0 for the whole
/// mini-batch.
fn validate_batchnorm(
    v: &Invalid<'_>,
    batchnorm: Option<bool>,
    bn_batch_size: Option<usize>,
    runs: &[RunSpec],
    n_train: usize,
    sweep: Option<&SweepSpec>,
) -> Result<Option<BatchNorm>, PresetError> {
    let bn_axis = sweep.map_or(&[][..], |s| &s.bn_batch_sizes[..]);
    if batchnorm != Some(true) {
        if bn_batch_size.is_some() {
            return Err(v.err(
                "problem.bn_batch_size",
                "applies only with problem.batchnorm = true",
            ));
        }
        if !bn_axis.is_empty() {
            return Err(v.err(
                "sweep.bn_batch_sizes",
                "applies only with problem.batchnorm = true (the network has no BatchNorm \
                 whose statistics it could size)",
            ));
        }
        return Ok(None);
    }
    let mut batches: Vec<(String, usize)> = runs
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("runs.{i}.batch_size"), r.effective_batch(n_train)))
        .collect();
    let run_count = batches.len();
    if let Some(sweep) = sweep {
        for (i, &b) in sweep.batch_sizes.iter().enumerate() {
            let b = if b == 0 { n_train } else { b.min(n_train) };
            batches.push((format!("sweep.batch_sizes.{i}"), b));
        }
    }
    if let Some((key, _)) = batches.iter().find(|(_, b)| *b < 2) {
        return Err(v.err(
            key,
            "must be at least 2 with problem.batchnorm = true: BatchNorm statistics need at \
             least 2 examples",
        ));
    }
    if let Some(g) = bn_batch_size {
        if g < 2 {
            return Err(v.err(
                "problem.bn_batch_size",
                format!(
                    "= {g} is below 2: BatchNorm statistics need at least 2 examples (PyTorch \
                     refuses one)"
                ),
            ));
        }
        // With a BN-batch axis the sweep's cells do not use problem.bn_batch_size.
        let checked = if bn_axis.is_empty() {
            &batches[..]
        } else {
            &batches[..run_count]
        };
        if let Some((key, b)) = checked.iter().find(|(_, b)| g > *b) {
            return Err(v.err(
                "problem.bn_batch_size",
                format!("= {g} is larger than the batch {b} of {key}; allowed 2..={b}"),
            ));
        }
    }
    let swept = &batches[run_count..];
    for (i, &g) in bn_axis.iter().enumerate() {
        let key = format!("sweep.bn_batch_sizes.{i}");
        if g == 0 {
            continue;
        }
        if g < *limits::BN_BATCH.start() {
            return Err(v.err(
                key,
                format!(
                    "= {g} is below {}: BatchNorm statistics need at least 2 examples (PyTorch \
                     refuses one); 0 means the whole mini-batch",
                    limits::BN_BATCH.start()
                ),
            ));
        }
        if let Some((batch_key, b)) = swept.iter().find(|(_, b)| g > *b) {
            return Err(v.err(
                key,
                format!(
                    "= {g} is larger than the batch {b} of {batch_key}; allowed 2..={b}, or 0 \
                     for the whole mini-batch"
                ),
            ));
        }
    }
    Ok(Some(BatchNorm { bn_batch_size }))
}
