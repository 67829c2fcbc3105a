//! Presets: the TOML file format, `--set key=value` overrides, and validation into a
//! [`Preset`] — a [`SurfaceExperiment`] (`problem.kind = "surface"`, the Playground and the
//! Sharp vs Flat lab), a [`NetworkExperiment`] (`"network"`, the Network and Sharp vs Flat
//! labs) or a [`RegressionExperiment`] (`"regression"`, the Bias–Variance lab). One format and
//! one entry point for the window and the CLI: [`load`] (a file or a built-in name) and
//! [`parse`] (text) take every kind and say which it was; [`load_surface`] is `load` for the
//! callers that accept surface presets only, with an error that points a network or
//! bias–variance preset to the command that runs it.
//!
//! The path of a preset: text → [`toml::Table`] (syntax errors, with line and column) →
//! `--set` overrides applied to the table → `problem.kind` read from the result → the serde
//! mirror of that kind (unknown keys and wrong types are errors that name the key) →
//! validation (values out of [`limits`] are [`PresetError::Invalid`] naming the dotted key and
//! the allowed range). Only validated experiments leave this module; nothing downstream sees
//! the raw file.
//!
//! Errors name the file (or built-in preset), the key and the allowed range; nothing here
//! panics on user input. Nothing here knows about egui, threads or the numerics beyond the
//! names and defaults of surfaces and optimizers.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::core::optim::OptimizerKind;
use crate::lab::LabKind;

/// Declares the serde mirror of a whole preset file of one kind: the header every kind
/// shares — `name`, `description` (default empty), `seed` (default 0) and `[problem]` — then the
/// sections of that kind, each defaulted when absent and with any serde attributes of its
/// own. Unknown keys are errors (`deny_unknown_fields`, which rules out `#[serde(flatten)]`
/// for the shared part).
macro_rules! preset_document {
    ($(#[$meta:meta])* $name:ident { problem: $problem:ty, $($(#[$field_meta:meta])* $field:ident: $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, serde::Deserialize, serde::Serialize)]
        #[serde(deny_unknown_fields)]
        pub(super) struct $name {
            name: String,
            #[serde(default)]
            description: String,
            #[serde(default)]
            seed: u64,
            problem: $problem,
            $(#[serde(default)] $(#[$field_meta])* $field: $ty,)*
        }
    };
}

mod data_file;
mod experiment;
mod file;
mod invalid;
pub mod limits;
mod network;
mod overlays;
mod overrides;
mod regression;
mod schedule;
mod tuned;
pub mod uploads;

pub use data_file::{BUILTIN_DATA, npy_labels_beside, open_data_file, open_xy_file, read_xy_csv};
pub use experiment::{SurfaceExperiment, SurfaceProblem, Training, View};
pub use network::{NetworkExperiment, NetworkView, PlaneCentre, PlaneKind};
pub use overlays::StepOverlays;
pub use regression::{RegressionExperiment, default_current, nearest};
pub use tuned::{source_text, with_run_lrs};

/// A validated preset, of the kind its `problem.kind` names.
#[derive(Clone, Debug, PartialEq)]
pub enum Preset {
    /// `problem.kind = "surface"` (or no kind): optimizers on a 2-D surface.
    Surface(SurfaceExperiment),
    /// `problem.kind = "network"`: a small MLP on a 2-D dataset.
    Network(NetworkExperiment),
    /// `problem.kind = "regression"`: bias–variance fits.
    Regression(RegressionExperiment),
}

impl Preset {
    /// The experiment's title.
    #[must_use]
    pub fn name(&self) -> &str {
        match self {
            Self::Surface(e) => &e.name,
            Self::Network(e) => &e.name,
            Self::Regression(e) => &e.name,
        }
    }

    /// The experiment's description.
    #[must_use]
    pub fn description(&self) -> &str {
        match self {
            Self::Surface(e) => &e.description,
            Self::Network(e) => &e.description,
            Self::Regression(e) => &e.description,
        }
    }

    /// The preset's `problem.kind`: `"surface"`, `"network"` or `"regression"`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Surface(_) => "surface",
            Self::Network(_) => "network",
            Self::Regression(_) => "regression",
        }
    }

    /// The lab a preset of this kind opens in: the Playground, the Network lab or the
    /// Bias–Variance lab (the Sharp vs Flat lab takes surface and network presets too, when
    /// asked for).
    #[must_use]
    pub fn lab(&self) -> LabKind {
        match self {
            Self::Surface(_) => LabKind::Playground,
            Self::Network(_) => LabKind::Network,
            Self::Regression(_) => LabKind::BiasVariance,
        }
    }

    /// The surface experiment, for the callers that take surface presets only; a network or
    /// bias–variance preset is a [`PresetError::Invalid`] on `problem.kind` (from `origin`)
    /// that names the command or lab that runs it.
    ///
    /// # Errors
    /// As above.
    pub fn into_surface(self, origin: &str) -> Result<SurfaceExperiment, PresetError> {
        match self {
            Self::Surface(e) => Ok(e),
            other => Err(file::not_a_surface(other.kind(), origin)),
        }
    }
}

impl From<SurfaceExperiment> for Preset {
    fn from(e: SurfaceExperiment) -> Self {
        Self::Surface(e)
    }
}

impl From<NetworkExperiment> for Preset {
    fn from(e: NetworkExperiment) -> Self {
        Self::Network(e)
    }
}

impl From<RegressionExperiment> for Preset {
    fn from(e: RegressionExperiment) -> Self {
        Self::Regression(e)
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
    "engel-food",
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
    "digits",
    "spirals",
    "overfit",
    "underfit",
    "pca-trajectory",
    "batch-size-matters",
    "sharp-vs-flat-net",
    "edge-of-stability",
    "edge-of-stability-adam",
    "digits-sharp-flat",
    "digits-lr-range",
    "batchnorm-batch-size",
    "iris",
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
pub fn default_experiment() -> Result<SurfaceExperiment, PresetError> {
    load_surface(DEFAULT_PRESET, &[])
}

/// Loads `source` — a path to a TOML file, or the name of a built-in preset — applies the
/// `key=value` overrides and validates the result, of whichever kind it is. The kind is read
/// after the overrides, so `--set problem.kind=...` decides like the file would.
///
/// A file wins over a built-in of the same name, so a user's edited copy in the current
/// folder is what they get; anything else at that path (a folder called `moons`, say) does
/// not shadow the built-in.
///
/// # Errors
/// A [`PresetError`] naming the file, key and allowed range.
pub fn load(source: &str, overrides: &[String]) -> Result<Preset, PresetError> {
    let (text, origin, folder) = find(source)?;
    parse_in(&text, &origin, overrides, &folder)
}

/// [`load`] for the callers that take surface presets only (the Playground's last preset):
/// [`Preset::into_surface`] with the file or built-in name as the origin.
///
/// # Errors
/// As [`load`], and the wrong kind as above.
pub fn load_surface(source: &str, overrides: &[String]) -> Result<SurfaceExperiment, PresetError> {
    let (text, origin, folder) = find(source)?;
    parse_in(&text, &origin, overrides, &folder)?.into_surface(&origin)
}

/// The text of `source` — a file if one exists at that path, else a file given to the web
/// page by that name ([`uploads`]), else a built-in preset — the
/// name errors should use, and the folder its data paths are relative to (the file's folder;
/// the current directory for a built-in preset).
fn find(source: &str) -> Result<(Cow<'static, str>, String, PathBuf), PresetError> {
    let path = Path::new(source);
    if path.is_file() {
        let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
        return Ok((
            Cow::Owned(read_text(path)?),
            path.display().to_string(),
            folder,
        ));
    }
    // A file given to the web page (it has no file system; see [`uploads`]).
    if let Some(bytes) = uploads::get(path) {
        let text = String::from_utf8(bytes.to_vec()).map_err(|e| PresetError::Read {
            path: path.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.utf8_error()),
        })?;
        return Ok((Cow::Owned(text), path.display().to_string(), PathBuf::new()));
    }
    match builtin(source) {
        Some(b) => Ok((
            Cow::Borrowed(b.text),
            format!("built-in preset {}", b.name),
            PathBuf::new(),
        )),
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

/// Parses and validates preset text of any kind; `origin` names it in errors. The data files
/// of a network preset with `dataset = "file"` are relative to the current directory (see
/// [`parse_in`]).
///
/// # Errors
/// A [`PresetError`] naming `origin`, the key and the allowed range.
pub fn parse(text: &str, origin: &str, overrides: &[String]) -> Result<Preset, PresetError> {
    parse_in(text, origin, overrides, Path::new(""))
}

/// [`parse`] with the data files of `dataset = "file"` relative to `folder` (the preset
/// file's folder; empty: the current directory).
///
/// # Errors
/// As [`parse`], and a data file that is missing or malformed.
pub fn parse_in(
    text: &str,
    origin: &str,
    overrides: &[String],
    folder: &Path,
) -> Result<Preset, PresetError> {
    let (table, kind) = overridden_table(text, origin, overrides)?;
    match kind.as_deref() {
        Some("network") => {
            let file: network::NetworkFile = mirror(text, table, origin, overrides)?;
            file.validate(origin, folder).map(Preset::Network)
        }
        Some("regression") => {
            let file: regression::RegressionFile = mirror(text, table, origin, overrides)?;
            file.validate(origin, folder).map(Preset::Regression)
        }
        _ => {
            // An unknown kind is named as such; a network or bias–variance file overridden to
            // `kind = "surface"` gets its pointer to the right command rather than a list of
            // unknown keys.
            if !overrides.is_empty() {
                file::check_problem_kind(&overridden_table(text, origin, &[])?.0, origin)?;
            }
            file::check_problem_kind(&table, origin)?;
            let file: file::PresetFile = mirror(text, table, origin, overrides)?;
            file.validate(origin).map(Preset::Surface)
        }
    }
}

/// The preset text of a surface experiment (what "Save preset" writes); [`parse`] reads it
/// back to an equal experiment. Every key is written explicitly, so the file documents every
/// setting.
#[must_use]
pub fn to_toml(experiment: &SurfaceExperiment) -> String {
    file::PresetFile::from_experiment(experiment).into_toml()
}

/// The preset text of a network experiment; [`parse`] reads it back to an equal experiment.
/// Every key is written explicitly.
#[must_use]
pub fn network_to_toml(experiment: &NetworkExperiment) -> String {
    network::NetworkFile::from_experiment(experiment).into_toml()
}

/// The preset text of a bias–variance experiment; [`parse`] reads it back to an equal
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
        let err = load_surface("no-such-preset", &[]).expect_err("unknown");
        let text = err.to_string();
        assert!(text.contains("no-such-preset") && text.contains("rosenbrock-race"));
    }
}
