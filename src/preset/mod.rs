//! Presets: the TOML file format (DESIGN.md, "Preset files"), `--set key=value` overrides,
//! and validation into an [`Experiment`]. One format for the GUI and the CLI.
//!
//! Errors name the file (or built-in preset), the key and the allowed range; nothing here
//! panics on user input.

use std::path::PathBuf;

mod experiment;

pub use experiment::{Experiment, SurfaceProblem, Training, View, limits};

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

/// A preset shipped inside the binary (the files of `presets/`).
#[derive(Clone, Copy, Debug)]
pub struct Builtin {
    /// The file stem (`"rosenbrock-race"`).
    pub name: &'static str,
    /// The TOML text.
    pub text: &'static str,
}

/// The presets of `presets/`, compiled in, in menu order.
pub const BUILTINS: &[Builtin] = &[];

/// The default preset's name.
pub const DEFAULT_PRESET: &str = "rosenbrock-race";

/// Loads `source` — a path to a TOML file, or the name of a built-in preset — applies the
/// `key=value` overrides and validates the result.
///
/// # Errors
/// A [`PresetError`] naming the file, key and allowed range.
pub fn load(source: &str, overrides: &[String]) -> Result<Experiment, PresetError> {
    let _ = overrides;
    Err(PresetError::Unknown {
        name: source.to_string(),
        available: String::new(),
    })
}

/// Parses and validates preset text; `origin` names it in errors.
///
/// # Errors
/// A [`PresetError`] naming `origin`, the key and the allowed range.
pub fn parse(text: &str, origin: &str, overrides: &[String]) -> Result<Experiment, PresetError> {
    let _ = (text, overrides);
    Err(PresetError::Unknown {
        name: origin.to_string(),
        available: String::new(),
    })
}

/// The preset text of an experiment (what "Save preset" writes); `parse` reads it back to an
/// equal experiment.
#[must_use]
pub fn to_toml(experiment: &Experiment) -> String {
    let _ = experiment;
    String::new()
}
