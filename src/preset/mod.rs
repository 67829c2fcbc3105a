//! Presets: the TOML file format (DESIGN.md, "Preset files"), `--set key=value` overrides,
//! and validation into an [`Experiment`] (surface problems, the Playground) or a
//! [`RegressionExperiment`] (`problem.kind = "regression"`, the Bias–Variance lab). One format
//! for the GUI and the CLI: [`load`] and [`parse`] take surface presets only; [`load_any`] and
//! [`parse_any`] take either and say which it was ([`Loaded`]); [`load_all`] and [`parse_all`]
//! also take network presets (`problem.kind = "network"`, a [`NetworkExperiment`]), which only
//! the CLI runs until the window has a Network lab.
//!
//! The path of a preset: text → [`toml::Table`] (syntax errors, with line and column) →
//! `--set` overrides applied to the table → the serde mirror in `file` (unknown keys and wrong
//! types are errors that name the key) → validation into an [`Experiment`] (values out of
//! range are [`PresetError::Invalid`] naming the dotted key and the allowed range). Only
//! validated experiments leave this module; nothing downstream sees the raw file.
//!
//! Errors name the file (or built-in preset), the key and the allowed range; nothing here
//! panics on user input. Nothing here knows about egui, threads or the numerics beyond the
//! names and defaults of surfaces and optimizers.

use std::path::{Path, PathBuf};

use crate::core::optim::OptimizerKind;

mod experiment;
mod file;
mod invalid;
mod network;
mod overrides;
mod regression;
mod schedule;

pub use experiment::{Experiment, SurfaceProblem, Training, View, limits};
pub use network::{NetworkExperiment, NetworkView, PlaneCentre, PlaneKind};
pub use regression::{RegressionExperiment, default_current, nearest};

/// A validated preset of any kind, network presets included. [`Loaded`] is what the window
/// opens; network presets are run headless by the CLI until the window has a Network lab.
#[derive(Clone, Debug, PartialEq)]
pub enum AnyPreset {
    /// A surface or bias–variance preset.
    Loaded(Loaded),
    /// `problem.kind = "network"`.
    Network(NetworkExperiment),
}

impl AnyPreset {
    /// The experiment's title.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::Loaded(l) => l.name(),
            Self::Network(e) => &e.name,
        }
    }

    /// The experiment's description.
    #[must_use]
    pub fn description(&self) -> &str {
        match self {
            Self::Loaded(l) => l.description(),
            Self::Network(e) => &e.description,
        }
    }

    /// The lab this kind of preset belongs to (it opens there unless another lab that can
    /// show it is on screen).
    #[must_use]
    pub fn home_lab(&self) -> crate::lab::LabKind {
        use crate::lab::LabKind;
        match self {
            Self::Loaded(Loaded::Surface(_)) => LabKind::Playground,
            Self::Network(_) => LabKind::Network,
            Self::Loaded(Loaded::Regression(_)) => LabKind::BiasVariance,
        }
    }
}

impl From<Experiment> for AnyPreset {
    fn from(e: Experiment) -> Self {
        Self::Loaded(Loaded::Surface(e))
    }
}

impl From<NetworkExperiment> for AnyPreset {
    fn from(e: NetworkExperiment) -> Self {
        Self::Network(e)
    }
}

impl From<RegressionExperiment> for AnyPreset {
    fn from(e: RegressionExperiment) -> Self {
        Self::Loaded(Loaded::Regression(e))
    }
}

/// A validated preset of either kind.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// `problem.kind = "surface"`: the Playground.
    Surface(Experiment),
    /// `problem.kind = "regression"`: the Bias–Variance lab.
    Regression(RegressionExperiment),
}

impl Loaded {
    /// The experiment's title.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::Surface(e) => &e.name,
            Self::Regression(e) => &e.name,
        }
    }

    /// The experiment's description.
    #[must_use]
    pub fn description(&self) -> &str {
        match self {
            Self::Surface(e) => &e.description,
            Self::Regression(e) => &e.description,
        }
    }
}

/// Why a preset could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum PresetError {
    /// The file could not be read.
    #[error("cannot read preset {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The text is not valid TOML, or a value has the wrong type, or a key is unknown.
    #[error("{origin}: {message}")]
    Syntax {
        /// The file or built-in preset name.
        origin: String,
        /// What the parser said (with line and key).
        message: String,
    },
    /// A value is out of its allowed range.
    #[error("{origin}: `{key}` {message}")]
    Invalid {
        /// The file or built-in preset name.
        origin: String,
        /// The dotted key (`runs.0.lr`).
        key: String,
        /// What is wrong and the allowed range.
        message: String,
    },
    /// Neither a file nor a built-in preset.
    #[error("no preset file or built-in preset named `{name}` (built-in: {available})")]
    Unknown {
        /// What was asked for.
        name: String,
        /// The built-in names, comma-separated.
        available: String,
    },
    /// A `--set` argument that is not `key=value` or names no settable key.
    #[error("--set {arg}: {message}")]
    Override {
        /// The argument as given.
        arg: String,
        /// What is wrong.
        message: String,
    },
}

impl PresetError {
    /// The dotted key the error is about, when there is one (`runs.0.lr`).
    #[must_use]
    pub fn key(&self) -> Option<&str> {
        match self {
            Self::Invalid { key, .. } => Some(key),
            _ => None,
        }
    }
}

/// A preset shipped inside the binary (the files of `presets/`).
#[derive(Clone, Copy, Debug)]
pub struct Builtin {
    /// The file stem (`"rosenbrock-race"`).
    pub name: &'static str,
    /// The TOML text.
    pub text: &'static str,
}

/// Declares the built-in presets from `presets/NAME.toml`, in menu order.
macro_rules! builtins {
    ($($name:literal),* $(,)?) => {
        &[$(Builtin {
            name: $name,
            text: include_str!(concat!("../../presets/", $name, ".toml")),
        }),*]
    };
}

/// The surface presets of `presets/`, compiled in, in menu order (the default first).
pub const BUILTINS: &[Builtin] = builtins![
    "rosenbrock-race",
    "beale",
    "saddle",
    "ill-conditioned",
    "rastrigin",
    "sharp-vs-flat",
    "batch-size",
    "schedules",
    "custom-formula",
];

/// Declares the built-in bias–variance presets from `presets/regression/NAME.toml`.
macro_rules! regression_builtins {
    ($($name:literal),* $(,)?) => {
        &[$(Builtin {
            name: $name,
            text: include_str!(concat!("../../presets/regression/", $name, ".toml")),
        }),*]
    };
}

/// The bias–variance presets of `presets/regression/` (`problem.kind = "regression"`),
/// compiled in, in menu order. They live in their own folder and list so that everything
/// that walks [`BUILTINS`] keeps meeting surface presets only.
pub const REGRESSION_BUILTINS: &[Builtin] = regression_builtins![
    "bias-variance",
    "cross-validation",
    "knn",
    "bagging",
    "boosting",
    "double-descent",
    "fixed-design",
];

/// Declares the built-in network presets from `presets/network/NAME.toml`.
macro_rules! network_builtins {
    ($($name:literal),* $(,)?) => {
        &[$(Builtin {
            name: $name,
            text: include_str!(concat!("../../presets/network/", $name, ".toml")),
        }),*]
    };
}

/// The network presets of `presets/network/` (`problem.kind = "network"`), compiled in, the
/// default (`moons`) first.
pub const NETWORK_BUILTINS: &[Builtin] = network_builtins![
    "moons",
    "spirals",
    "overfit",
    "underfit",
    "pca-trajectory",
    "batch-size-matters",
    "sharp-vs-flat-net",
    "edge-of-stability",
];

/// The default network preset's name.
pub const DEFAULT_NETWORK_PRESET: &str = "moons";

/// Every built-in preset: the surface ones, the bias–variance ones, then the network ones.
pub fn all_builtins() -> impl Iterator<Item = &'static Builtin> {
    BUILTINS
        .iter()
        .chain(REGRESSION_BUILTINS)
        .chain(NETWORK_BUILTINS)
}

/// The default preset's name.
pub const DEFAULT_PRESET: &str = "rosenbrock-race";

/// The built-in preset called `name` (with or without `.toml`).
#[must_use]
pub fn builtin(name: &str) -> Option<&'static Builtin> {
    let stem = name.strip_suffix(".toml").unwrap_or(name);
    all_builtins().find(|b| b.name == stem)
}

/// The built-in names, comma-separated (for messages).
#[must_use]
pub fn builtin_names() -> String {
    all_builtins()
        .map(|b| b.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The default preset, validated.
///
/// # Errors
/// Only if the shipped default preset is broken (the test suite loads it).
pub fn default_experiment() -> Result<Experiment, PresetError> {
    load(DEFAULT_PRESET, &[])
}

/// Loads `source` — a path to a TOML file, or the name of a built-in preset — applies the
/// `key=value` overrides and validates the result.
///
/// An existing path wins over a built-in of the same name, so a user's edited copy in the
/// current folder is what they get.
///
/// # Errors
/// A [`PresetError`] naming the file, key and allowed range.
pub fn load(source: &str, overrides: &[String]) -> Result<Experiment, PresetError> {
    load_with(source, overrides, parse)
}

/// Finds `source` — an existing file, else a built-in preset — and hands its text and the
/// name errors should use to `parse`. The one lookup behind [`load`], [`load_any`] and
/// [`load_all`].
fn load_with<T>(
    source: &str,
    overrides: &[String],
    parse: impl FnOnce(&str, &str, &[String]) -> Result<T, PresetError>,
) -> Result<T, PresetError> {
    let path = Path::new(source);
    if path.exists() {
        return parse(&read_text(path)?, &path.display().to_string(), overrides);
    }
    match builtin(source) {
        Some(b) => parse(b.text, &format!("built-in preset {}", b.name), overrides),
        None => Err(PresetError::Unknown {
            name: source.to_string(),
            available: builtin_names(),
        }),
    }
}

/// The text of a preset file, or [`PresetError::Read`] naming it.
fn read_text(path: &Path) -> Result<String, PresetError> {
    std::fs::read_to_string(path).map_err(|source| PresetError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// A syntax or type error in `origin` (toml's messages end in a newline; trimmed here).
fn syntax_error(origin: &str, message: &str) -> PresetError {
    PresetError::Syntax {
        origin: origin.to_string(),
        message: message.trim_end().to_string(),
    }
}

/// The preset as a table with the `--set` overrides applied, and its `problem.kind` then (so
/// an override decides the kind as the file would).
fn overridden_table(
    text: &str,
    origin: &str,
    overrides: &[String],
) -> Result<(toml::Table, Option<String>), PresetError> {
    let mut table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| syntax_error(origin, &e.to_string()))?;
    for arg in overrides {
        overrides::apply(&mut table, arg)?;
    }
    let kind = table
        .get("problem")
        .and_then(|p| p.get("kind"))
        .and_then(toml::Value::as_str)
        .map(str::to_string);
    Ok((table, kind))
}

/// The serde mirror of a preset: read from the text itself when nothing was overridden (its
/// messages about unknown keys and wrong types then carry line numbers and the offending
/// line), else from the overridden table.
fn mirror<T: serde::de::DeserializeOwned>(
    text: &str,
    table: toml::Table,
    origin: &str,
    overrides: &[String],
) -> Result<T, PresetError> {
    if overrides.is_empty() {
        toml::from_str(text).map_err(|e: toml::de::Error| syntax_error(origin, &e.to_string()))
    } else {
        table.try_into().map_err(|e: toml::de::Error| {
            syntax_error(origin, &format!("after the --set overrides: {e}"))
        })
    }
}

/// Loads a preset file (no built-in fallback): what "Open preset…" in the GUI uses.
///
/// # Errors
/// [`PresetError::Read`] when the file cannot be read, else as [`parse`].
pub fn load_file(path: &Path, overrides: &[String]) -> Result<Experiment, PresetError> {
    parse(&read_text(path)?, &path.display().to_string(), overrides)
}

/// Parses and validates preset text; `origin` names it in errors.
///
/// # Errors
/// A [`PresetError`] naming `origin`, the key and the allowed range.
pub fn parse(text: &str, origin: &str, overrides: &[String]) -> Result<Experiment, PresetError> {
    // The kind is checked before and after the overrides, so a network or regression file
    // gets its pointer to the right command rather than a list of unknown keys.
    let (original, _) = overridden_table(text, origin, &[])?;
    file::check_problem_kind(&original, origin)?;
    let (table, _) = overridden_table(text, origin, overrides)?;
    file::check_problem_kind(&table, origin)?;
    let preset: file::PresetFile = mirror(text, table, origin, overrides)?;
    preset.validate(origin)
}

/// The preset text of an experiment (what "Save preset" writes); `parse` reads it back to an
/// equal experiment. Every key is written explicitly, so the file documents every setting.
#[must_use]
pub fn to_toml(experiment: &Experiment) -> String {
    file::PresetFile::from_experiment(experiment).into_toml()
}

/// Loads `source` (a path, or the name of a built-in preset) of either kind, applies the
/// overrides and validates the result. The kind is read after the overrides, so
/// `--set problem.kind=...` decides like the file would.
///
/// # Errors
/// A [`PresetError`] naming the file, key and allowed range.
pub fn load_any(source: &str, overrides: &[String]) -> Result<Loaded, PresetError> {
    load_with(source, overrides, parse_any)
}

/// Parses and validates preset text of either kind; `origin` names it in errors.
///
/// # Errors
/// A [`PresetError`] naming `origin`, the key and the allowed range.
pub fn parse_any(text: &str, origin: &str, overrides: &[String]) -> Result<Loaded, PresetError> {
    let (table, kind) = overridden_table(text, origin, overrides)?;
    if kind.as_deref() != Some("regression") {
        return parse(text, origin, overrides).map(Loaded::Surface);
    }
    let file: regression::RegressionFile = mirror(text, table, origin, overrides)?;
    file.validate(origin).map(Loaded::Regression)
}

/// Loads `source` (a path, or the name of a built-in preset) of any kind, network presets
/// included, applies the overrides and validates the result.
///
/// # Errors
/// A [`PresetError`] naming the file, key and allowed range.
pub fn load_all(source: &str, overrides: &[String]) -> Result<AnyPreset, PresetError> {
    load_with(source, overrides, parse_all)
}

/// Parses and validates preset text of any kind; `origin` names it in errors.
///
/// # Errors
/// A [`PresetError`] naming `origin`, the key and the allowed range.
pub fn parse_all(text: &str, origin: &str, overrides: &[String]) -> Result<AnyPreset, PresetError> {
    let (table, kind) = overridden_table(text, origin, overrides)?;
    if kind.as_deref() != Some("network") {
        return parse_any(text, origin, overrides).map(AnyPreset::Loaded);
    }
    let file: network::NetworkFile = mirror(text, table, origin, overrides)?;
    file.validate(origin).map(AnyPreset::Network)
}

/// The preset text of a network experiment; [`parse_all`] reads it back to an equal
/// experiment. Every key is written explicitly.
#[must_use]
pub fn network_to_toml(experiment: &NetworkExperiment) -> String {
    network::NetworkFile::from_experiment(experiment).into_toml()
}

/// The preset text of a bias–variance experiment; [`parse_any`] reads it back to an equal
/// experiment. Every key is written explicitly.
#[must_use]
pub fn regression_to_toml(experiment: &RegressionExperiment) -> String {
    regression::RegressionFile::from_experiment(experiment).into_toml()
}

/// The preset keys that configure `kind` (torch.optim's names). A run may set only these
/// (plus `optimizer`, `clip_grad_norm`, `grad_noise`, `label`, `batch_size`); for SAM they
/// are `rho`, `base` and the keys of the base optimizer.
#[must_use]
pub fn hyperparameters(kind: OptimizerKind) -> &'static [&'static str] {
    match kind {
        OptimizerKind::Sgd => &["lr", "momentum", "dampening", "nesterov", "weight_decay"],
        OptimizerKind::Adam | OptimizerKind::AdamW => {
            &["lr", "betas", "eps", "weight_decay", "amsgrad"]
        }
        OptimizerKind::RmsProp => &["lr", "alpha", "eps", "weight_decay", "momentum", "centered"],
        OptimizerKind::Adagrad => &[
            "lr",
            "lr_decay",
            "weight_decay",
            "initial_accumulator_value",
            "eps",
        ],
        OptimizerKind::Lion => &["lr", "betas", "weight_decay"],
        OptimizerKind::Sam => &["rho", "base"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_names_accept_the_toml_suffix() {
        assert_eq!(builtin("beale.toml").map(|b| b.name), Some("beale"));
        assert_eq!(builtin("beale").map(|b| b.name), Some("beale"));
        assert!(builtin("nope").is_none());
    }

    #[test]
    fn default_preset_is_first_in_the_menu() {
        assert_eq!(BUILTINS.first().map(|b| b.name), Some(DEFAULT_PRESET));
    }

    #[test]
    fn unknown_source_lists_the_builtins() {
        let err = load("no-such-preset", &[]).expect_err("unknown");
        let text = err.to_string();
        assert!(text.contains("no-such-preset") && text.contains("rosenbrock-race"));
    }
}
