//! The command line: `basin` opens the GUI; subcommands run the same experiments headless
//! (DESIGN.md, "CLI and file contracts").
//!
//! [`Cli`] mirrors what the user typed (clap derive); [`run`] loads the preset through
//! [`crate::preset::load`] or, where either kind is accepted (`open`, `biasvar`),
//! [`crate::preset::load_any`] (so `--set` overrides and validation are the same as for files
//! and the GUI), runs the work with [`crate::jobs::tasks`] on rayon's global pool and writes with
//! [`crate::export`]. Errors are [`CliError`] values whose [`CliError::exit_code`] tells bad
//! input (2) from other failures (1); `main.rs` prints them once.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use clap::{Args, Parser, Subcommand};

use crate::core::landscape::GridSpec;
use crate::export::{self, ExportError};
use crate::jobs::tasks;
use crate::preset::{self, Experiment, Loaded, PresetError, RegressionExperiment};

/// basin — a desktop lab for seeing how neural networks are optimized.
///
/// Without a subcommand, opens the window on the default preset. Every subcommand takes a
/// preset file or the name of a built-in preset (see `basin presets`), and `--set key=value`
/// overrides such as `--set runs.0.lr=0.01 --set problem.noise=0.3 --set view.x=[-3,3]`.
#[derive(Debug, Parser)]
#[command(name = "basin", version, about, long_about)]
pub struct Cli {
    /// What to do (default: open the window on the default preset).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The preset argument and its overrides, shared by every subcommand.
#[derive(Debug, Args)]
pub struct PresetArgs {
    /// A preset file (TOML) or the name of a built-in preset (`basin presets` lists them).
    #[arg(value_name = "PRESET")]
    pub preset: String,
    /// Override a preset key: `--set runs.0.lr=0.01`, `--set problem.noise=0.3`,
    /// `--set view.x=[-3,3]`. The value is read as TOML; a bare word is a string. Repeatable.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub overrides: Vec<String>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the window on a preset (optionally save a screenshot and exit).
    Open {
        /// The preset and its overrides.
        #[command(flatten)]
        preset: PresetArgs,
        /// Save the window as this PNG and exit (for scripted images and CI).
        #[arg(long, value_name = "OUT.png")]
        screenshot: Option<PathBuf>,
        /// With --screenshot: frames to run before saving (default: until the
        /// trajectories have finished).
        #[arg(long, value_name = "N", requires = "screenshot")]
        frames: Option<u64>,
    },
    /// Train every run of a preset headless and write the trajectories as CSV
    /// (columns run,optimizer,step,loss,test_loss,x,y,batch_size,label; step 0 is the start).
    Trajectory {
        /// The preset and its overrides.
        #[command(flatten)]
        preset: PresetArgs,
        /// The CSV file to write.
        #[arg(long, value_name = "FILE.csv")]
        out: PathBuf,
    },
    /// Evaluate the preset's surface on its view grid (view.x, view.y, view.resolution,
    /// view.layer) and write DIR/grid.npy [ny, nx], DIR/x.npy, DIR/y.npy and DIR/meta.json.
    Landscape {
        /// The preset and its overrides.
        #[command(flatten)]
        preset: PresetArgs,
        /// The folder to write into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Run a bias–variance preset (problem.kind = "regression") headless: R fits at every
    /// complexity, and write one CSV row per complexity with the columns
    /// complexity,bias2,variance,noise,expected_test_mse,train_mse,cv_mse,bagged_mse
    /// (complexity is the degree, width, depth, rounds or features p; 1/k for k-NN).
    Biasvar {
        /// The preset and its overrides (`--set resampling.repeats=50`,
        /// `--set model.complexity=[0,10]`).
        #[command(flatten)]
        preset: PresetArgs,
        /// The CSV file to write.
        #[arg(long, value_name = "FILE.csv")]
        out: PathBuf,
    },
    /// List the built-in presets with their descriptions.
    Presets,
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The preset could not be loaded or is invalid (bad input).
    #[error(transparent)]
    Preset(#[from] PresetError),
    /// An output file could not be written (bad input: the path).
    #[error(transparent)]
    Export(#[from] ExportError),
    /// This binary was built without the window.
    #[error(
        "this basin was built without the `gui` feature, so it cannot open a window; \
         use `basin trajectory` or `basin landscape`, or rebuild with default features"
    )]
    NoGui,
    /// The window could not be opened or failed while running.
    #[error("the window failed: {0}")]
    Gui(String),
    /// A computation ended without a result.
    #[error("{0}")]
    Compute(String),
}

impl CliError {
    /// The process exit status: 2 for bad input (preset, `--set`, output path, missing
    /// feature), 1 for other failures.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Preset(_) | Self::Export(_) | Self::NoGui => 2,
            Self::Gui(_) | Self::Compute(_) => 1,
        }
    }
}

/// Runs the parsed command line. Progress and summaries go to stdout.
///
/// # Errors
/// A [`CliError`]; see [`CliError::exit_code`].
pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        None => open(preset::DEFAULT_PRESET, &[], None, None),
        Some(Command::Open {
            preset,
            screenshot,
            frames,
        }) => open(&preset.preset, &preset.overrides, screenshot, frames),
        Some(Command::Trajectory { preset, out }) => {
            let experiment = preset::load(&preset.preset, &preset.overrides)?;
            let summary = trajectory(&experiment, &out)?;
            println!("{summary}");
            Ok(())
        }
        Some(Command::Landscape { preset, out }) => {
            let experiment = preset::load(&preset.preset, &preset.overrides)?;
            landscape(&experiment, &out)?;
            let side = experiment.view.resolution;
            println!(
                "wrote {} ({side}×{side} {} grid of {})",
                out.display(),
                experiment.view.layer.name(),
                experiment.problem.surface.kind.name()
            );
            Ok(())
        }
        Some(Command::Biasvar { preset, out }) => {
            let experiment = match preset::load_any(&preset.preset, &preset.overrides)? {
                Loaded::Regression(e) => e,
                Loaded::Surface(_) => {
                    return Err(CliError::Preset(PresetError::Invalid {
                        origin: preset.preset.clone(),
                        key: "problem.kind".into(),
                        message: "= \"surface\": `basin biasvar` takes a bias–variance preset \
                                  (problem.kind = \"regression\"); use `basin trajectory` or \
                                  `basin landscape` for surfaces"
                            .into(),
                    }));
                }
            };
            let summary = biasvar(&experiment, &out)?;
            println!("{summary}");
            Ok(())
        }
        Some(Command::Presets) => {
            print!("{}", presets_listing());
            Ok(())
        }
    }
}

/// "degree 4", "k = 5", "features p 30": a complexity in its family's words.
#[must_use]
pub fn complexity_text(family: crate::core::biasvar::Family, complexity: usize) -> String {
    match family {
        crate::core::biasvar::Family::Knn => format!("k = {complexity}"),
        other => format!("{} {complexity}", other.complexity_label()),
    }
}

/// Runs the bias–variance sweep of `experiment` and writes the CSV to `out`; returns a
/// one-line summary (rows, the complexity with the lowest expected test MSE).
///
/// # Errors
/// [`CliError::Export`] if the file cannot be written.
pub fn biasvar(
    experiment: &RegressionExperiment,
    out: &std::path::Path,
) -> Result<String, CliError> {
    let config = &experiment.config;
    let never = AtomicBool::new(false);
    let sweep = tasks::bias_variance(config, &never, &|_, _| {})
        .ok_or_else(|| CliError::Compute("the bias–variance sweep was cancelled".into()))?;
    export::write_biasvar_csv(out, &sweep)?;
    let best = sweep
        .iter()
        .min_by(|a, b| a.expected_test_mse.total_cmp(&b.expected_test_mse));
    let mut summary = format!("wrote {} ({} complexities", out.display(), sweep.len());
    if let Some(best) = best {
        summary.push_str(&format!(
            "; lowest expected test MSE {} at {}",
            crate::core::fmt3(best.expected_test_mse),
            complexity_text(config.family, best.complexity)
        ));
    }
    let fallbacks: usize = sweep.iter().map(|d| d.fallback_fits).sum();
    if fallbacks > 0 {
        summary.push_str(&format!("; {fallbacks} ill-conditioned fits fell back"));
    }
    summary.push(')');
    Ok(summary)
}

/// Trains every run of `experiment` and writes the CSV to `out`; returns a one-line summary.
///
/// # Errors
/// [`CliError::Export`] if the file cannot be written.
pub fn trajectory(experiment: &Experiment, out: &std::path::Path) -> Result<String, CliError> {
    let problem = experiment.problem.build(experiment.seed);
    let never = AtomicBool::new(false);
    let trajectories = tasks::train_all(experiment, &problem, &never);
    export::write_trajectories_csv(out, experiment, &trajectories)?;
    let rows: usize = trajectories.iter().map(|t| t.len()).sum();
    let diverged: Vec<String> = trajectories
        .iter()
        .enumerate()
        .filter(|(_, t)| t.diverged())
        .map(|(i, _)| i.to_string())
        .collect();
    let mut summary = format!(
        "wrote {} ({} runs, {rows} rows)",
        out.display(),
        trajectories.len()
    );
    if !diverged.is_empty() {
        summary.push_str(&format!("; diverged: run {}", diverged.join(", ")));
    }
    Ok(summary)
}

/// Evaluates the view grid of `experiment` and writes it into the folder `out`.
///
/// # Errors
/// [`CliError::Export`] if the files cannot be written.
pub fn landscape(experiment: &Experiment, out: &std::path::Path) -> Result<(), CliError> {
    let problem = experiment.problem.build(experiment.seed);
    let view = &experiment.view;
    let spec = GridSpec::square(view.x, view.y, view.resolution);
    let never = AtomicBool::new(false);
    let grid = tasks::surface_grid(&problem, view.layer, spec, &never, &|_| {})
        .ok_or_else(|| CliError::Compute("the landscape grid was cancelled".into()))?;
    export::write_landscape(out, experiment, &grid)?;
    Ok(())
}

/// The text of `basin presets`: each built-in's name and description.
#[must_use]
pub fn presets_listing() -> String {
    let mut text = String::new();
    for b in preset::all_builtins() {
        let description = match preset::parse_any(b.text, b.name, &[]) {
            Ok(e) => e.description().to_string(),
            Err(err) => format!("(broken: {err})"),
        };
        let default = if b.name == preset::DEFAULT_PRESET {
            " (default)"
        } else {
            ""
        };
        text.push_str(&format!("{}{default}\n    {description}\n", b.name));
    }
    text
}

fn open(
    source: &str,
    overrides: &[String],
    screenshot: Option<PathBuf>,
    frames: Option<u64>,
) -> Result<(), CliError> {
    let loaded = preset::load_any(source, overrides)?;
    open_window(loaded, source, screenshot, frames)
}

#[cfg(feature = "gui")]
fn open_window(
    loaded: Loaded,
    source: &str,
    screenshot: Option<PathBuf>,
    frames: Option<u64>,
) -> Result<(), CliError> {
    let (experiment, regression) = match loaded {
        Loaded::Surface(e) => (Some(e), None),
        Loaded::Regression(e) => (None, Some(e)),
    };
    crate::app::run(crate::app::Startup {
        experiment,
        regression,
        preset_name: Some(source.to_string()),
        screenshot,
        frames,
    })
    .map_err(|e| CliError::Gui(e.to_string()))
}

#[cfg(not(feature = "gui"))]
fn open_window(
    _loaded: Loaded,
    _source: &str,
    _screenshot: Option<PathBuf>,
    _frames: Option<u64>,
) -> Result<(), CliError> {
    Err(CliError::NoGui)
}
