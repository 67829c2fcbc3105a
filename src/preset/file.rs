//! The serde mirror of a surface preset file and its validation into a [`SurfaceExperiment`].
//!
//! The mirror says what the user typed: every key but `name`, `problem.kind`,
//! `problem.surface` and `runs.*.optimizer` is optional, and unknown keys are errors
//! (`deny_unknown_fields`). [`PresetFile::validate`] fills in the defaults (which may depend on
//! the surface and the optimizer) and checks every range, naming the dotted key. The reverse,
//! [`PresetFile::from_experiment`], writes every key explicitly so that a saved preset reads
//! back to an equal experiment.

use serde::{Deserialize, Serialize};

use super::invalid::Invalid;
use super::schedule::ScheduleFile;
use super::{
    PresetError, SurfaceExperiment, SurfaceProblem, Training, View, hyperparameters, limits,
};
use crate::core::formula::Formula;
use crate::core::landscape::Layer;
use crate::core::optim::{OptimizerKind, OptimizerSpec};
use crate::core::schedule::Schedule;
use crate::core::surface::{Surface, SurfaceKind};
use crate::core::train::RunSpec;

/// Default N, training samples.
const DEFAULT_SAMPLES: usize = 64;
/// Default M, test samples.
const DEFAULT_TEST_SAMPLES: usize = 1024;
/// Default optimizer steps.
const DEFAULT_STEPS: usize = 500;
/// Default grid side.
const DEFAULT_RESOLUTION: usize = 256;
/// Default quadratic condition number κ.
const DEFAULT_CONDITION: f64 = 10.0;

preset_document! {
    /// A whole surface preset file.
    PresetFile { problem: ProblemFile, training: TrainingFile, runs: Vec<RunFile>, view: ViewFile }
}

/// `[problem]`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct ProblemFile {
    kind: String,
    surface: String,
    /// A custom surface's formula: any TOML value, so `--set problem.formula=2` (read as a
    /// number) still reaches the formula parser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    formula: Option<toml::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    condition: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    samples: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    noise: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    test_samples: Option<usize>,
}

/// `[training]`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct TrainingFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    steps: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    batch_size: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    start: Option<[f64; 2]>,
}

/// One `[[runs]]` entry: the optimizer, its torch.optim hyperparameters and the run options.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RunFile {
    optimizer: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    base: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rho: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lr: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    momentum: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dampening: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nesterov: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    weight_decay: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    betas: Option<[f64; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    eps: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    amsgrad: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    alpha: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    centered: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    lr_decay: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    initial_accumulator_value: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    clip_grad_norm: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    grad_noise: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    batch_size: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    schedule: Option<ScheduleFile>,
}

/// `[view]`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct ViewFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    x: Option<[f64; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    y: Option<[f64; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    resolution: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    layer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    log_scale: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    plane: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    step_overlays: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    step_run: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    step_at: Option<usize>,
}

/// Checks that `problem.kind` of a preset read as a surface preset is absent or
/// `"surface"`: a network or bias–variance kind gets [`not_a_surface`], anything else the list
/// of kinds.
pub(super) fn check_problem_kind(table: &toml::Table, origin: &str) -> Result<(), PresetError> {
    let kind = table
        .get("problem")
        .and_then(|p| p.get("kind"))
        .and_then(toml::Value::as_str);
    match kind {
        None | Some("surface") => Ok(()),
        Some(k @ ("network" | "regression")) => Err(not_a_surface(k, origin)),
        Some(k) => Err(PresetError::Invalid {
            origin: origin.to_string(),
            key: "problem.kind".into(),
            message: format!("must be \"surface\", \"network\" or \"regression\", got \"{k}\""),
        }),
    }
}

/// The error for a preset of `kind` (`"network"` or `"regression"`) where a surface preset
/// was expected: it names the commands and the lab that run it.
pub(super) fn not_a_surface(kind: &str, origin: &str) -> PresetError {
    let message = if kind == "regression" {
        "= \"regression\": this is a bias–variance preset, not a surface; run it with \
         `basin biasvar PRESET --out bv.csv` or open it with `basin open PRESET`"
    } else {
        "= \"network\": this is a network preset, not a surface; open it in the Network \
         lab with `basin open PRESET`, or run it headless with `basin trajectory PRESET \
         --out traj.csv` or `basin landscape PRESET --out DIR`"
    };
    PresetError::Invalid {
        origin: origin.to_string(),
        key: "problem.kind".into(),
        message: message.to_string(),
    }
}

impl PresetFile {
    /// Fills in the defaults and checks every value.
    pub(super) fn validate(mut self, origin: &str) -> Result<SurfaceExperiment, PresetError> {
        let v = Invalid { origin };
        v.name_and_seed(&self.name, self.seed)?;
        let problem = self.problem.validate(&v)?;
        let kind = problem.surface.kind;
        let (steps, common_batch) = training_steps_and_batch(
            &v,
            self.training.steps.unwrap_or(DEFAULT_STEPS),
            self.training.batch_size,
            problem.samples,
        )?;
        let start = self.training.start.unwrap_or_else(|| kind.default_start());
        if !start.iter().all(|s| s.is_finite()) {
            return Err(v.err(
                "training.start",
                format!("must be two finite numbers, got {start:?}"),
            ));
        }
        let runs = RunFile::validate_all(self.runs, &v, common_batch, problem.samples, steps)?;
        let overlays = (
            self.view.step_overlays.take(),
            self.view.step_run.take(),
            self.view.step_at.take(),
        );
        let mut view = self.view.validate(&v, kind)?;
        view.step_overlays =
            super::overlays::validate(&v, overlays.0, overlays.1, overlays.2, runs.len(), steps)?;
        Ok(SurfaceExperiment {
            name: self.name,
            description: self.description,
            seed: self.seed,
            problem,
            training: Training { steps, start },
            runs,
            view,
        })
    }

    /// The file that describes `e`, with every key explicit.
    pub(super) fn from_experiment(e: &SurfaceExperiment) -> Self {
        let p = &e.problem;
        let first_batch = e.runs.first().map_or(0, |r| r.batch_size);
        let common_batch = if e.runs.iter().all(|r| r.batch_size == first_batch) {
            first_batch
        } else {
            0
        };
        Self {
            name: e.name.clone(),
            description: e.description.clone(),
            seed: e.seed,
            problem: ProblemFile {
                kind: "surface".into(),
                surface: p.surface.kind.name().into(),
                formula: p
                    .surface
                    .formula
                    .as_ref()
                    .filter(|_| p.surface.kind == SurfaceKind::Custom)
                    .map(|f| toml::Value::String(f.source().to_string())),
                condition: (p.surface.kind == SurfaceKind::Quadratic)
                    .then_some(p.surface.condition),
                samples: Some(p.samples),
                noise: Some(p.noise),
                test_samples: Some(p.test_samples),
            },
            training: TrainingFile {
                steps: Some(e.training.steps),
                batch_size: Some(common_batch),
                start: Some(e.training.start),
            },
            runs: e.runs.iter().map(RunFile::from_run).collect(),
            view: ViewFile {
                x: Some(e.view.x),
                y: Some(e.view.y),
                resolution: Some(e.view.resolution),
                layer: Some(e.view.layer.name().into()),
                log_scale: Some(e.view.log_scale),
                plane: Some("axes".into()),
                step_overlays: Some(e.view.step_overlays.names()),
                step_run: Some(e.view.step_overlays.run),
                step_at: e.view.step_overlays.at,
            },
        }
    }

    /// The TOML text. Seeds above `i64::MAX` (not representable in TOML) are written as
    /// `i64::MAX`; validation never produces them.
    pub(super) fn into_toml(mut self) -> String {
        self.seed = self.seed.min(i64::MAX.unsigned_abs());
        super::invalid::toml_text(&self)
    }
}

/// Checks `[training]`'s `steps` (within [`limits::STEPS`]) and its common `batch_size`
/// (absent: 0, the full batch) for `samples` training points.
pub(super) fn training_steps_and_batch(
    v: &Invalid<'_>,
    steps: usize,
    batch: Option<usize>,
    samples: usize,
) -> Result<(usize, usize), PresetError> {
    let steps = v.count("training.steps", steps, &limits::STEPS)?;
    let batch = batch_size(v, "training.batch_size", batch.unwrap_or(0), samples)?;
    Ok((steps, batch))
}

pub(super) fn batch_size(
    v: &Invalid<'_>,
    key: &str,
    batch: usize,
    samples: usize,
) -> Result<usize, PresetError> {
    if batch <= samples {
        Ok(batch)
    } else {
        Err(v.err(
            key,
            format!(
                "must be in 0..={samples} (0 = the full batch; at most problem.samples = \
                 {samples}), got {batch}"
            ),
        ))
    }
}

impl ProblemFile {
    fn validate(self, v: &Invalid<'_>) -> Result<SurfaceProblem, PresetError> {
        let named = SurfaceKind::from_name(&self.surface);
        // A formula makes the surface custom whatever `surface` names, so
        // `--set problem.formula=...` works on any surface preset.
        let kind = if self.formula.is_some() && named.is_some() {
            Some(SurfaceKind::Custom)
        } else {
            named
        };
        let Some(kind) = kind else {
            let mut names: Vec<&str> = SurfaceKind::ALL.iter().map(|k| k.name()).collect();
            names.push(SurfaceKind::Custom.name());
            return Err(v.err(
                "problem.surface",
                format!(
                    "unknown surface \"{}\"; one of {}",
                    self.surface,
                    names.join(", ")
                ),
            ));
        };
        let mut surface = if kind == SurfaceKind::Custom {
            Surface::custom(custom_formula(v, self.formula.as_ref())?)
        } else {
            Surface::new(kind)
        };
        surface.condition = DEFAULT_CONDITION;
        if let Some(condition) = self.condition {
            if kind != SurfaceKind::Quadratic {
                return Err(v.applies_only(
                    "problem.condition",
                    "surface",
                    "quadratic",
                    kind.name(),
                ));
            }
            surface.condition = v.real("problem.condition", condition, &limits::CONDITION)?;
        }
        Ok(SurfaceProblem {
            surface,
            samples: v.count(
                "problem.samples",
                self.samples.unwrap_or(DEFAULT_SAMPLES),
                &limits::SAMPLES,
            )?,
            noise: v.real("problem.noise", self.noise.unwrap_or(0.0), &limits::NOISE)?,
            test_samples: v.count(
                "problem.test_samples",
                self.test_samples.unwrap_or(DEFAULT_TEST_SAMPLES),
                &limits::TEST_SAMPLES,
            )?,
        })
    }
}

/// Parses `problem.formula`; the message shows the formula with the error pointed at.
fn custom_formula(
    v: &Invalid<'_>,
    value: Option<&toml::Value>,
) -> Result<std::sync::Arc<Formula>, PresetError> {
    let key = "problem.formula";
    let text = match value {
        None => {
            return Err(v.err(
                key,
                "is required by surface = \"custom\": a formula in x and y, e.g. \
                 formula = \"(1-x)^2 + 100*(y-x^2)^2\"",
            ));
        }
        Some(toml::Value::String(s)) => s.clone(),
        Some(toml::Value::Integer(i)) => i.to_string(),
        Some(toml::Value::Float(f)) => f.to_string(),
        Some(other) => {
            return Err(v.err(
                key,
                format!("must be a string with a formula in x and y, got {other}"),
            ));
        }
    };
    Formula::parse_shared(&text).map_err(|e| v.err(key, format!("{e}\n{}", e.pointer(&text))))
}

fn optimizer_kind(v: &Invalid<'_>, key: &str, name: &str) -> Result<OptimizerKind, PresetError> {
    OptimizerKind::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = OptimizerKind::ALL.iter().map(|k| k.name()).collect();
        v.err(
            key,
            format!("unknown optimizer \"{name}\"; one of {}", names.join(", ")),
        )
    })
}

impl RunFile {
    /// The hyperparameter keys that were set, with their names.
    fn set_keys(&self) -> Vec<&'static str> {
        let mut keys = Vec::new();
        let mut note = |set: bool, key: &'static str| {
            if set {
                keys.push(key);
            }
        };
        note(self.base.is_some(), "base");
        note(self.rho.is_some(), "rho");
        note(self.lr.is_some(), "lr");
        note(self.momentum.is_some(), "momentum");
        note(self.dampening.is_some(), "dampening");
        note(self.nesterov.is_some(), "nesterov");
        note(self.weight_decay.is_some(), "weight_decay");
        note(self.betas.is_some(), "betas");
        note(self.eps.is_some(), "eps");
        note(self.amsgrad.is_some(), "amsgrad");
        note(self.alpha.is_some(), "alpha");
        note(self.centered.is_some(), "centered");
        note(self.lr_decay.is_some(), "lr_decay");
        note(
            self.initial_accumulator_value.is_some(),
            "initial_accumulator_value",
        );
        keys
    }

    /// Checks a preset's `[[runs]]`: within [`limits::RUNS`] entries, each one valid.
    pub(super) fn validate_all(
        runs: Vec<Self>,
        v: &Invalid<'_>,
        common_batch: usize,
        samples: usize,
        steps: usize,
    ) -> Result<Vec<RunSpec>, PresetError> {
        if !limits::RUNS.contains(&runs.len()) {
            return Err(v.err(
                "runs",
                format!(
                    "needs {}..={} [[runs]] entries, got {}",
                    limits::RUNS.start(),
                    limits::RUNS.end(),
                    runs.len()
                ),
            ));
        }
        runs.into_iter()
            .enumerate()
            .map(|(i, run)| run.validate(v, i, common_batch, samples, steps))
            .collect()
    }

    pub(super) fn validate(
        self,
        v: &Invalid<'_>,
        index: usize,
        common_batch: usize,
        samples: usize,
        steps: usize,
    ) -> Result<RunSpec, PresetError> {
        let key = |k: &str| format!("runs.{index}.{k}");
        let kind = optimizer_kind(v, &key("optimizer"), &self.optimizer)?;
        let base = match (&self.base, kind) {
            (Some(name), OptimizerKind::Sam) => optimizer_kind(v, &key("base"), name)?,
            _ => OptimizerKind::Sgd,
        };
        // Which keys this run may set: SAM's own plus those of its base optimizer.
        let mut allowed: Vec<&str> = hyperparameters(kind).to_vec();
        if kind == OptimizerKind::Sam && base != OptimizerKind::Sam {
            allowed.extend_from_slice(hyperparameters(base));
        }
        let described = if kind == OptimizerKind::Sam {
            format!("sam over {}", base.name())
        } else {
            kind.name().to_string()
        };
        if let Some(extra) = self.set_keys().into_iter().find(|k| !allowed.contains(k)) {
            return Err(v.err(
                key(extra),
                format!(
                    "is not a hyperparameter of {described} (it takes: {})",
                    allowed.join(", ")
                ),
            ));
        }

        let mut spec = if kind == OptimizerKind::Sam {
            let mut spec = OptimizerSpec::defaults(base);
            spec.kind = OptimizerKind::Sam;
            spec.base = base;
            spec.rho = OptimizerSpec::defaults(OptimizerKind::Sam).rho;
            spec
        } else {
            OptimizerSpec::defaults(kind)
        };
        let or = |value: Option<f64>, default: f64| value.unwrap_or(default);
        spec.rho = or(self.rho, spec.rho);
        spec.lr = or(self.lr, spec.lr);
        spec.momentum = or(self.momentum, spec.momentum);
        spec.dampening = or(self.dampening, spec.dampening);
        spec.nesterov = self.nesterov.unwrap_or(spec.nesterov);
        spec.weight_decay = or(self.weight_decay, spec.weight_decay);
        spec.betas = self.betas.unwrap_or(spec.betas);
        spec.eps = or(self.eps, spec.eps);
        spec.amsgrad = self.amsgrad.unwrap_or(spec.amsgrad);
        spec.alpha = or(self.alpha, spec.alpha);
        spec.centered = self.centered.unwrap_or(spec.centered);
        spec.lr_decay = or(self.lr_decay, spec.lr_decay);
        spec.initial_accumulator_value = or(
            self.initial_accumulator_value,
            spec.initial_accumulator_value,
        );
        spec.validate()
            .map_err(|(k, message)| v.err(key(k), message))?;

        let clip_grad_norm = match self.clip_grad_norm {
            Some(c) if !(c.is_finite() && c > 0.0) => {
                return Err(v.err(
                    key("clip_grad_norm"),
                    format!("must be > 0 and finite, got {c}"),
                ));
            }
            other => other,
        };
        let grad_noise = v.real(
            &key("grad_noise"),
            self.grad_noise.unwrap_or(0.0),
            &limits::GRAD_NOISE,
        )?;
        let batch = batch_size(
            v,
            &key("batch_size"),
            self.batch_size.unwrap_or(common_batch),
            samples,
        )?;
        let schedule = match self.schedule {
            None => Schedule::default(),
            Some(file) => file.validate(v, &key("schedule"), spec.lr, steps)?,
        };
        Ok(RunSpec {
            label: self.label.unwrap_or_default(),
            optimizer: spec,
            batch_size: batch,
            clip_grad_norm,
            grad_noise,
            schedule,
        })
    }

    /// The run with every key its optimizer uses written out.
    pub(super) fn from_run(run: &RunSpec) -> Self {
        let s = &run.optimizer;
        let mut file = Self {
            optimizer: s.kind.name().into(),
            label: Some(run.label.clone()),
            batch_size: Some(run.batch_size),
            clip_grad_norm: run.clip_grad_norm,
            grad_noise: Some(run.grad_noise),
            schedule: ScheduleFile::from_schedule(&run.schedule),
            ..Self::default()
        };
        let mut keys: Vec<&str> = hyperparameters(s.kind).to_vec();
        if s.kind == OptimizerKind::Sam {
            keys.extend_from_slice(hyperparameters(s.base));
        }
        for k in keys {
            match k {
                "base" => file.base = Some(s.base.name().into()),
                "rho" => file.rho = Some(s.rho),
                "lr" => file.lr = Some(s.lr),
                "momentum" => file.momentum = Some(s.momentum),
                "dampening" => file.dampening = Some(s.dampening),
                "nesterov" => file.nesterov = Some(s.nesterov),
                "weight_decay" => file.weight_decay = Some(s.weight_decay),
                "betas" => file.betas = Some(s.betas),
                "eps" => file.eps = Some(s.eps),
                "amsgrad" => file.amsgrad = Some(s.amsgrad),
                "alpha" => file.alpha = Some(s.alpha),
                "centered" => file.centered = Some(s.centered),
                "lr_decay" => file.lr_decay = Some(s.lr_decay),
                "initial_accumulator_value" => {
                    file.initial_accumulator_value = Some(s.initial_accumulator_value)
                }
                _ => {}
            }
        }
        file
    }
}

/// `view.layer`: train (the default), test or gap; shared by surface and network presets.
pub(super) fn view_layer(v: &Invalid<'_>, given: Option<&str>) -> Result<Layer, PresetError> {
    let Some(name) = given else {
        return Ok(Layer::default());
    };
    Layer::ALL
        .into_iter()
        .find(|l| l.name() == name)
        .ok_or_else(|| {
            v.err(
                "view.layer",
                format!("must be \"train\", \"test\" or \"gap\", got \"{name}\""),
            )
        })
}

impl ViewFile {
    fn validate(self, v: &Invalid<'_>, kind: SurfaceKind) -> Result<View, PresetError> {
        let (default_x, default_y) = kind.default_view();
        let x = v.range("view.x", self.x.unwrap_or(default_x))?;
        let y = v.range("view.y", self.y.unwrap_or(default_y))?;
        let resolution = v.count(
            "view.resolution",
            self.resolution.unwrap_or(DEFAULT_RESOLUTION),
            &limits::RESOLUTION,
        )?;
        let layer = view_layer(v, self.layer.as_deref())?;
        match self.plane.as_deref() {
            None | Some("axes") => {}
            Some(other) => {
                return Err(v.err(
                    "view.plane",
                    format!(
                        "= \"{other}\" is not available for surface problems; only \"axes\" \
                         (the parameters themselves)"
                    ),
                ));
            }
        }
        Ok(View {
            x,
            y,
            resolution,
            layer,
            log_scale: self.log_scale.unwrap_or_else(|| kind.log_scale()),
            step_overlays: super::StepOverlays::default(),
        })
    }
}
