//! The command line: `basin` opens the GUI; subcommands run the same experiments headless.
//! What each subcommand writes (file names, CSV columns, exit statuses) is its contract and is
//! documented on the subcommand below and checked by the tests in `tests/`.
//!
//! [`Cli`] mirrors what the user typed (clap derive); [`run`] loads the preset through
//! [`crate::preset::load`] (so `--set` overrides and validation are the same as for files and
//! the GUI), sends each kind to the code that runs it, runs the work with [`crate::jobs`]
//! ([`crate::jobs::tasks`], the landscape grids of [`crate::jobs::grid`] and the network
//! pipeline of [`crate::jobs::network`]) on rayon's global pool and writes with
//! [`crate::export`]. Network presets (`problem.kind = "network"`) open in the Network lab;
//! `trajectory` trains their runs and projects them on the preset's plane, `landscape` evaluates
//! the loss on that plane (`--inputs` also writes what is needed to recompute it elsewhere),
//! and `landscape --model DIR` evaluates a model given in that layout. `sharpness` prints
//! the curvature numbers of run 0's final point (or of a `--model` folder's θ) as JSON, and
//! `sweep` runs a network preset's `[sweep]` (batch sizes × learning rates × BN batches ×
//! seeds) on rayon
//! into one CSV row per cell. Errors are [`CliError`] values whose [`CliError::exit_code`]
//! tells bad input (2) from other failures (1); `main.rs` prints them once.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use clap::{Args, Parser, Subcommand};

use crate::core::landscape::GridSpec;
use crate::core::sharpness::spectrum::PowerConfig;
use crate::core::sharpness::{
    Curvature, ReportConfig, SharpnessReport, preconditioned, report, slq, spectrum,
};
use crate::export::{self, ExportError};
use crate::jobs::grid::Landscape;
use crate::jobs::network::{self, PipelineError, TrainedNetwork};
use crate::jobs::tasks;
mod tune;

use crate::preset::{
    self, NetworkExperiment, Preset, PresetError, RegressionExperiment, SurfaceExperiment,
};

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
    /// The language of the window: en (English) or ko (한국어). Remembered for the next
    /// start; without it, the remembered one (English at first). For `basin render`, the
    /// language of the figure's words (default en).
    #[arg(long, global = true, value_name = "en|ko")]
    pub lang: Option<crate::i18n::Lang>,
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
    /// Open the window on a preset (optionally save a screenshot and exit), or with --tour
    /// in lecture mode on a step of the guided tour (`basin tour --list`).
    Open {
        /// A preset file (TOML) or the name of a built-in preset (`basin presets` lists
        /// them); omit it with --tour.
        #[arg(value_name = "PRESET", required_unless_present = "tour")]
        preset: Option<String>,
        /// Override a preset key (see `basin trajectory --help`). Repeatable.
        #[arg(long = "set", value_name = "KEY=VALUE")]
        overrides: Vec<String>,
        /// Start in lecture mode on step N of the guided tour (default 1): the step's lab
        /// and preset with its caption; Page Down / Page Up move, Esc leaves.
        #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "1",
              conflicts_with_all = ["preset", "overrides"])]
        tour: Option<usize>,
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
    /// On a surface x, y are the parameters; on a network preset they are the coordinates on
    /// the plane of view.plane (random: centred on run 0's final weights, or its initial ones
    /// with view.centre = "start", or those of step view.centre_step with "step"; pca: of the
    /// runs'
    /// trajectories; solutions: run 0's final weights at (0, 0), run 1's at (1, 0)).
    Trajectory {
        /// The preset and its overrides.
        #[command(flatten)]
        preset: PresetArgs,
        /// The CSV file to write.
        #[arg(long, value_name = "FILE.csv")]
        out: PathBuf,
    },
    /// Evaluate a preset's landscape on its view grid and write DIR/grid.npy [ny, nx] (row i
    /// is the i-th y, column j the j-th x), DIR/x.npy, DIR/y.npy and DIR/meta.json. Surface
    /// presets: the surface itself (view.x, view.y, view.resolution, view.layer). Network
    /// presets: trains the runs, then the loss on the plane of view.plane (random, pca or
    /// solutions) through weight space; --inputs also writes DIR/inputs/ (X_train.npy,
    /// y_train.npy, theta.npy, d1.npy, d2.npy, model.json). With --model DIR instead of a
    /// preset: the same grid for the network, data and plane stored in that layout (e.g.
    /// written from PyTorch).
    Landscape {
        /// A preset file (TOML) or the name of a built-in preset; omit it with --model.
        #[arg(value_name = "PRESET", required_unless_present = "model")]
        preset: Option<String>,
        /// Override a preset key (see `basin trajectory --help`). Repeatable.
        #[arg(long = "set", value_name = "KEY=VALUE", conflicts_with = "model")]
        overrides: Vec<String>,
        /// The folder to write into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Network presets: also write DIR/inputs/, everything needed to recompute the grid.
        #[arg(long)]
        inputs: bool,
        /// Evaluate the model stored in this folder (the layout of --inputs) instead of a
        /// preset.
        #[arg(long, value_name = "DIR", conflicts_with_all = ["preset", "inputs"])]
        model: Option<PathBuf>,
        /// With --model: the grid side (default 101).
        #[arg(long, value_name = "N", requires = "model")]
        resolution: Option<usize>,
        /// With --model: the range of both plane coordinates, `A,B` (default -1,1).
        #[arg(
            long,
            value_name = "A,B",
            requires = "model",
            allow_hyphen_values = true
        )]
        range: Option<String>,
    },
    /// Run a bias–variance preset (problem.kind = "regression") headless: R fits at every
    /// complexity, and write one CSV row per complexity with the columns
    /// complexity,bias2,variance,noise,expected_test_mse,train_mse,cv_mse,bagged_mse and the
    /// standard errors bias2_se,variance_se,expected_test_mse_se,cv_mse_se (complexity is the
    /// degree, width, depth, rounds or features p; 1/k for k-NN; bias² and variance unbiased).
    Biasvar {
        /// The preset and its overrides (`--set resampling.repeats=50`,
        /// `--set model.complexity=[0,10]`).
        #[command(flatten)]
        preset: PresetArgs,
        /// The CSV file to write.
        #[arg(long, value_name = "FILE.csv")]
        out: PathBuf,
    },
    /// Print the sharpness of a point as JSON on stdout: loss, lambda_max (top Hessian
    /// eigenvalue of the full-batch training loss), hessian_trace, eps_sharpness (Keskar,
    /// ε = 1e-3), test_loss (null without a test set), train_accuracy and test_accuracy (the
    /// fractions classified right, in [0, 1]; null for a regression network, a surface or no
    /// test set), and top_eigenvalues, trace_exact, parameters. With a PRESET (network or surface): trains its runs, then the final point
    /// of run 0 (or of --run N). With --model DIR: θ in DIR/theta.npy for the network and training data of
    /// that folder (model.json, X_train.npy, y_train.npy; the layout of `landscape --inputs`,
    /// d1.npy and d2.npy are not needed); test_loss on X_test.npy, y_test.npy if present.
    Sharpness {
        /// A preset file (TOML) or the name of a built-in preset; omit it with --model.
        #[arg(value_name = "PRESET", required_unless_present = "model")]
        preset: Option<String>,
        /// Override a preset key (see `basin trajectory --help`). Repeatable.
        #[arg(long = "set", value_name = "KEY=VALUE", conflicts_with = "model")]
        overrides: Vec<String>,
        /// The folder holding model.json, X_train.npy, y_train.npy and theta.npy.
        #[arg(long, value_name = "DIR", conflicts_with = "preset")]
        model: Option<PathBuf>,
        /// With a PRESET: measure this run's final point (0-based; default 0).
        #[arg(long, value_name = "N", conflicts_with = "model")]
        run: Option<usize>,
        /// BatchNorm networks: measure in training mode with the whole training set as one
        /// batch (the gradient goes through the batch statistics; the running statistics
        /// are not used or changed). Without it, eval mode with the running statistics.
        #[arg(long)]
        batch_stats: bool,
        /// Add the Hessian's eigenvalue spectral density by stochastic Lanczos quadrature
        /// (4 probes × 80 Lanczos steps, PyHessian's smoothing) as `density`: {"lambda":
        /// [...], "value": [...]} on 400 points, integrating to 1; top_eigenvalues are then
        /// the K largest (algebraic, descending) rather than the K of largest magnitude.
        #[arg(long)]
        spectrum: bool,
        /// How many top eigenvalues to list (1–50; default 3).
        #[arg(long, value_name = "K", default_value_t = 3,
              value_parser = clap::value_parser!(u16).range(1..=50))]
        top: u16,
        /// With --spectrum, for a network: also each layer's block of the Hessian (its
        /// weights and biases; a BatchNorm layer's γ and β as a block of their own), the
        /// curvature within the layer with the others held fixed, as `layers`: name,
        /// parameters, top_eigenvalues, density.
        #[arg(long, requires = "spectrum")]
        per_layer: bool,
    },
    /// Run the batch-size sweep of a network preset's `[sweep]` section (batch_sizes × lrs ×
    /// bn_batch_sizes (BatchNorm networks; 0 = the whole mini-batch) × seeds, run 0's
    /// optimizer; lr_rule "fixed", or "base_per_sample" where the lrs are η/B; steps or
    /// epochs per cell), cells in parallel, and write one CSV row per cell with the columns
    /// batch_size,lr,bn_batch_size,seed,train_loss,test_loss,train_acc,test_acc,lambda_max,eps_sharpness,diverged
    /// (diverged cells are rows with NaN numbers; bn_batch_size is the examples BatchNorm's
    /// statistics were taken over, empty without BatchNorm). Progress goes to stderr; the
    /// per-batch-size medians (and with a BN-batch axis the median and range over seeds of
    /// each BN batch) to stdout. A surface preset (no `[sweep]` in its format) sweeps batch sizes
    /// 4, 8, … and the full batch × η/8 … 4η around run 0's η, one seed.
    Sweep {
        /// The preset and its overrides (`--set sweep.lrs=[0.1,0.2]`,
        /// `--set sweep.batch_sizes=[8,64]`).
        #[command(flatten)]
        preset: PresetArgs,
        /// The CSV file to write.
        #[arg(long, value_name = "FILE.csv")]
        out: PathBuf,
    },
    /// Draw a lab's main figure headless: PNG or SVG (the landscape with contours, colour
    /// bar, every trajectory with start and end markers, legend, axis labels, title and a
    /// stamp with the preset and seed; for bias–variance presets the beam of fits and the
    /// decomposition curves), or a GIF of the race (trajectories growing on the landscape,
    /// with a step counter; progress on stderr). With --lab sharp-vs-flat (network or surface
    /// presets): the loss between a small- and a large-batch solution and the sweep's heatmap
    /// of final test accuracy. The format is the extension of --out.
    Render {
        /// The preset and its overrides.
        #[command(flatten)]
        preset: PresetArgs,
        /// The file to write: .png, .svg or .gif.
        #[arg(long, value_name = "FIG.png|FIG.svg|RACE.gif")]
        out: PathBuf,
        /// Width in pixels (160 to 8192; default 1600, 960 for a GIF).
        #[arg(long, value_name = "W")]
        width: Option<u32>,
        /// Height in pixels (160 to 8192; default 1000, 600 for a GIF).
        #[arg(long, value_name = "H")]
        height: Option<u32>,
        /// The lab whose figure to draw: playground, network, sharp-vs-flat, bias-variance
        /// (default: the preset's own).
        #[arg(long, value_name = "NAME")]
        lab: Option<String>,
        /// GIF: frames per second (1 to 50).
        #[arg(long, value_name = "N", default_value_t = 30)]
        fps: u32,
        /// GIF: length in seconds (up to 60).
        #[arg(long, value_name = "S", default_value_t = 5.0)]
        seconds: f64,
    },
    /// Tune every run's learning rate of a Playground preset (a fair race): for each run, a
    /// log grid 1e-4 … 10 (3 points a decade), a finer grid around the best, then checks of
    /// half and twice the best, for the lowest final training loss (the mean over --seeds
    /// seeds for runs with mini-batches or gradient noise; one for full-batch runs, which are
    /// deterministic; a diverged run counts as infinitely bad). Prints run, label, old lr,
    /// tuned lr and final loss; with --out writes the preset with only the runs' lr changed
    /// (comments and order kept). A run that diverges at every learning rate is an error
    /// (exit 2, nothing written).
    Tune {
        /// A preset file (TOML) or the name of a built-in preset (problem.kind = "surface").
        #[arg(value_name = "PRESET")]
        preset: String,
        /// Write the tuned preset here (written to a temporary name, then renamed).
        #[arg(long, value_name = "FILE.toml")]
        out: Option<PathBuf>,
        /// Seeds to average over for runs whose training is random (default 3).
        #[arg(long, value_name = "N", default_value_t = tune::DEFAULT_SEEDS)]
        seeds: usize,
        /// Worker threads (default: one per core).
        #[arg(long, value_name = "N")]
        threads: Option<usize>,
    },
    /// List the built-in presets with their descriptions.
    Presets,
    /// The guided tour of the lecture note (presets/tour.toml): --list prints one line per
    /// step (number, lab, preset, title; tab-separated, the title in --lang), --render DIR
    /// draws every step's figure into DIR as NN-PRESET.png (a handout; the Sharp vs Flat
    /// steps run their sweeps: about two minutes in all in a release build). `basin open --tour N` shows step N in
    /// the window.
    Tour {
        /// Print the steps.
        #[arg(long, conflicts_with = "render")]
        list: bool,
        /// Draw every step's figure into this folder (created if missing).
        #[arg(long, value_name = "DIR")]
        render: Option<PathBuf>,
        /// With --render: only these steps (1-based; repeatable).
        #[arg(long = "step", value_name = "N", requires = "render")]
        steps: Vec<usize>,
        /// With --render: width in pixels (160 to 8192; default 1600).
        #[arg(long, value_name = "W", requires = "render")]
        width: Option<u32>,
        /// With --render: height in pixels (160 to 8192; default 1000).
        #[arg(long, value_name = "H", requires = "render")]
        height: Option<u32>,
    },
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
    /// Arguments that do not go together (bad input).
    #[error("{0}")]
    Usage(String),
    /// A `--model` folder with a missing file or a wrong shape, dtype or value (bad input).
    #[error(transparent)]
    Model(#[from] export::ModelError),
    /// A plane through weight space could not be built (e.g. a trajectory without spread).
    #[error("cannot build the plane: {0}")]
    Plane(String),
    /// A preset whose learning rates cannot be tuned: no runs, or a run that diverges at
    /// every learning rate (bad input).
    #[error("{0}")]
    Tune(String),
    /// A figure could not be rendered (bad size, format or path: bad input).
    #[error(transparent)]
    Render(#[from] crate::render::RenderError),
}

impl CliError {
    /// The process exit status: 2 for bad input (preset, `--set`, output path, missing
    /// feature), 1 for other failures.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Preset(_)
            | Self::Export(_)
            | Self::NoGui
            | Self::Usage(_)
            | Self::Model(_)
            | Self::Tune(_) => 2,
            Self::Render(e) if e.is_bad_input() => 2,
            Self::Gui(_) | Self::Compute(_) | Self::Plane(_) | Self::Render(_) => 1,
        }
    }
}

/// Runs the parsed command line. Progress and summaries go to stdout.
///
/// # Errors
/// A [`CliError`]; see [`CliError::exit_code`].
pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        None => open_default(cli.lang),
        Some(Command::Open {
            preset,
            overrides,
            tour,
            screenshot,
            frames,
        }) => match (tour, preset) {
            (Some(number), _) => open_tour(number, screenshot, frames, cli.lang),
            (None, Some(preset)) => open(&preset, &overrides, screenshot, frames, cli.lang),
            (None, None) => Err(CliError::Usage("give a PRESET or --tour N".to_string())),
        },
        Some(Command::Trajectory { preset, out }) => {
            let summary = match preset::load(&preset.preset, &preset.overrides)? {
                Preset::Network(e) => network_trajectory(&e, &out)?,
                other => trajectory(&other.into_surface(&preset.preset)?, &out)?,
            };
            println!("{summary}");
            Ok(())
        }
        Some(Command::Landscape {
            preset,
            overrides,
            out,
            inputs,
            model,
            resolution,
            range,
        }) => {
            if let Some(model) = model {
                let summary = model_landscape(&model, &out, resolution, range.as_deref())?;
                println!("{summary}");
                return Ok(());
            }
            let Some(source) = preset else {
                return Err(CliError::Usage("give a PRESET or --model DIR".to_string()));
            };
            let experiment = match preset::load(&source, &overrides)? {
                Preset::Network(e) => {
                    let summary = network_landscape(&e, &out, inputs)?;
                    println!("{summary}");
                    return Ok(());
                }
                other => other.into_surface(&source)?,
            };
            if inputs {
                return Err(CliError::Usage(
                    "--inputs applies to network presets only (a surface's landscape needs \
                     no inputs beyond the preset)"
                        .to_string(),
                ));
            }
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
            let experiment = match preset::load(&preset.preset, &preset.overrides)? {
                Preset::Regression(e) => e,
                other => {
                    return Err(CliError::Preset(PresetError::Invalid {
                        origin: preset.preset.clone(),
                        key: "problem.kind".into(),
                        message: format!(
                            "= \"{}\": `basin biasvar` takes a bias–variance preset \
                             (problem.kind = \"regression\"); use `basin trajectory` or \
                             `basin landscape` for surface and network presets",
                            other.kind()
                        ),
                    }));
                }
            };
            let summary = biasvar(&experiment, &out)?;
            println!("{summary}");
            Ok(())
        }
        Some(Command::Sharpness {
            preset,
            overrides,
            model,
            run,
            batch_stats,
            spectrum,
            top,
            per_layer,
        }) => {
            let options = SharpnessOptions {
                batch_stats,
                spectrum,
                top: usize::from(top),
                per_layer,
            };
            let json = match (model, preset) {
                (Some(model), _) => model_sharpness(&model, &options)?,
                (None, Some(source)) => {
                    preset_sharpness(&source, &overrides, run.unwrap_or(0), &options)?
                }
                (None, None) => {
                    return Err(CliError::Usage("give a PRESET or --model DIR".to_string()));
                }
            };
            let text = serde_json::to_string_pretty(&json)
                .map_err(|e| CliError::Compute(format!("cannot format the JSON: {e}")))?;
            println!("{text}");
            Ok(())
        }
        Some(Command::Sweep { preset, out }) => {
            let summary = match preset::load(&preset.preset, &preset.overrides)? {
                Preset::Network(e) => network_sweep(&e, &preset.preset, &out)?,
                Preset::Surface(e) => surface_sweep(&e, &out)?,
                Preset::Regression(_) => {
                    return Err(CliError::Preset(PresetError::Invalid {
                        origin: preset.preset.clone(),
                        key: "problem.kind".into(),
                        message: "`basin sweep` takes a network preset (problem.kind = \
                                  \"network\") with a [sweep] section, or a surface preset"
                            .into(),
                    }));
                }
            };
            print!("{summary}");
            Ok(())
        }
        Some(Command::Render {
            preset,
            out,
            width,
            height,
            lab,
            fps,
            seconds,
        }) => {
            let summary = render(
                &preset,
                &out,
                [width, height],
                lab.as_deref(),
                fps,
                seconds,
                cli.lang.unwrap_or_default(),
            )?;
            println!("{summary}");
            Ok(())
        }
        Some(Command::Tune {
            preset,
            out,
            seeds,
            threads,
        }) => {
            let table = tune::tune(&preset, out.as_deref(), seeds, threads)?;
            print!("{table}");
            Ok(())
        }
        Some(Command::Presets) => {
            print!("{}", presets_listing());
            Ok(())
        }
        Some(Command::Tour {
            list,
            render,
            steps,
            width,
            height,
        }) => {
            let lang = cli.lang.unwrap_or_default();
            match (list, render) {
                (true, _) => {
                    print!("{}", builtin_tour()?.listing(lang));
                    Ok(())
                }
                (false, Some(dir)) => {
                    let summary = render_tour(&dir, &steps, [width, height], lang)?;
                    println!("{summary}");
                    Ok(())
                }
                (false, None) => Err(CliError::Usage(
                    "basin tour: give --list (print the steps) or --render DIR (draw every \
                     step's figure)"
                        .to_string(),
                )),
            }
        }
    }
}

/// The shipped tour, or a usage error if it is broken (its tests read it).
fn builtin_tour() -> Result<&'static crate::tour::Tour, CliError> {
    crate::tour::builtin().map_err(|e| CliError::Usage(e.to_string()))
}

/// `basin tour --render DIR`: every step's (or the chosen `steps`') figure, in its lab and
/// worded in `lang`, as DIR/NN-PRESET.png; returns a summary.
///
/// # Errors
/// A step number out of range or a folder that cannot be made (exit 2), or a figure that
/// cannot be drawn.
pub fn render_tour(
    dir: &std::path::Path,
    steps: &[usize],
    size: [Option<u32>; 2],
    lang: crate::i18n::Lang,
) -> Result<String, CliError> {
    let tour = builtin_tour()?;
    let numbers: Vec<usize> = if steps.is_empty() {
        (1..=tour.len()).collect()
    } else {
        steps.to_vec()
    };
    for &n in &numbers {
        tour.step(n).map_err(CliError::Usage)?;
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| CliError::Usage(format!("cannot create the folder {}: {e}", dir.display())))?;
    for &n in &numbers {
        let step = tour.step(n).map_err(CliError::Usage)?;
        let out = dir.join(tour.figure_name(n));
        eprintln!(
            "step {n}/{}: {} in the {} lab",
            tour.len(),
            step.preset,
            step.lab.cli_name()
        );
        let args = PresetArgs {
            preset: step.preset.clone(),
            overrides: step.overrides.clone(),
        };
        let animation = crate::render::Animation::default();
        render(
            &args,
            &out,
            size,
            Some(step.lab.cli_name()),
            animation.fps,
            animation.seconds,
            lang,
        )?;
    }
    Ok(format!(
        "wrote {} figures of the tour into {}",
        numbers.len(),
        dir.display()
    ))
}

/// `basin render`: checks the output, size and animation first (bad input fails before any
/// work), runs the preset headless and writes its lab's figure worded in `lang`; returns a
/// one-line summary.
///
/// # Errors
/// [`CliError::Render`] for a bad size, format, lab or path (exit 2) or a drawing failure,
/// [`CliError::Preset`] for a bad preset.
pub fn render(
    preset: &PresetArgs,
    out: &std::path::Path,
    [width, height]: [Option<u32>; 2],
    lab: Option<&str>,
    fps: u32,
    seconds: f64,
    lang: crate::i18n::Lang,
) -> Result<String, CliError> {
    use crate::lab::LabKind;
    use crate::render::experiment as figures;
    use crate::render::{Animation, FigureSize, Format};

    let format = Format::from_path(out)?;
    let default = FigureSize::default_for(format);
    let size = FigureSize::new(
        width.unwrap_or(default.width),
        height.unwrap_or(default.height),
    )?;
    let animation = Animation::new(fps, seconds)?;
    let lab = lab
        .map(|name| {
            LabKind::from_cli_name(name).ok_or_else(|| {
                crate::render::RenderError::Invalid(format!(
                    "unknown lab \"{name}\"; use one of {}",
                    LabKind::cli_names()
                ))
            })
        })
        .transpose()?;
    // A missing folder fails now, not after the preset has run.
    if let Some(folder) = out.parent().filter(|p| !p.as_os_str().is_empty())
        && !folder.is_dir()
    {
        return Err(CliError::Usage(format!(
            "cannot write {}: the folder {} does not exist",
            out.display(),
            folder.display()
        )));
    }
    let source = preset.preset.as_str();
    let loaded = preset::load(source, &preset.overrides)?;
    let own = loaded.lab();
    let sharp_flat = lab == Some(LabKind::SharpFlat) && own != LabKind::BiasVariance;
    if let Some(asked) = lab
        && asked != own
        && !sharp_flat
    {
        let needs = if asked == LabKind::SharpFlat {
            "network or surface"
        } else {
            asked.cli_name()
        };
        return Err(CliError::Usage(format!(
            "{source} is a {} preset; --lab {} needs a {needs} preset",
            own.cli_name(),
            asked.cli_name(),
        )));
    }
    if format == Format::Gif && (sharp_flat || own == LabKind::BiasVariance) {
        return Err(CliError::Usage(format!(
            "{}: an animation shows trajectories growing on a landscape; the Bias–Variance \
             and Sharp vs Flat figures have no motion (write .png or .svg)",
            out.display()
        )));
    }
    let sweep_progress = |done: usize, total: usize| {
        if done.is_multiple_of((total / 10).max(1)) || done == total {
            eprintln!("sweep: {done}/{total} cells done");
        }
    };
    let figure = match &loaded {
        Preset::Network(e) if sharp_flat => figures::sharp_flat_figure(
            crate::jobs::compare::Source::Network(Box::new(e.clone())),
            source,
            lang,
            &sweep_progress,
        )?,
        Preset::Surface(e) if sharp_flat => figures::sharp_flat_figure(
            crate::jobs::compare::Source::Surface(Box::new(e.clone())),
            source,
            lang,
            &sweep_progress,
        )?,
        Preset::Network(e) => figures::network_figure(e, source, lang)?,
        Preset::Surface(e) => figures::surface_figure(e, source, lang)?,
        Preset::Regression(e) => figures::biasvar_figure(e, source, lang)?,
    };
    let step = std::sync::atomic::AtomicUsize::new(0);
    let progress = |done: usize, total: usize| {
        // About every 5 %, and the last frame.
        let tick = (done * 20) / total.max(1);
        if step.fetch_max(tick, std::sync::atomic::Ordering::Relaxed) < tick || done == total {
            eprintln!("frames {done}/{total}");
        }
    };
    let never = AtomicBool::new(false);
    Ok(crate::render::write_figure(
        out, &figure, size, animation, &never, &progress,
    )?)
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
    if let Some(data) = &experiment.data {
        return biasvar_on_data(experiment, data, out);
    }
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

/// [`biasvar`] on a person's own data: the estimate with held-out points and bootstrap
/// resamples, written with [`export::write_biasvar_data_csv`]; the summary names the
/// complexity with the lowest held-out test MSE, with its standard error.
fn biasvar_on_data(
    experiment: &RegressionExperiment,
    data: &crate::core::biasvar::observed::Observations,
    out: &std::path::Path,
) -> Result<String, CliError> {
    use crate::core::biasvar::observed;
    let config = &experiment.config;
    let never = AtomicBool::new(false);
    let held = observed::HeldOut::split(data, config.seed);
    let estimates = tasks::bias_variance_observed(config, &held, &never, &|_, _| {})
        .ok_or_else(|| CliError::Compute("the bias–variance sweep was cancelled".into()))?;
    export::write_biasvar_data_csv(out, &estimates)?;
    let mut summary = format!(
        "wrote {} ({} complexities; {} training rows, {} held out, {} bootstrap resamples; \
         truth unknown: bias² and noise are reported together",
        out.display(),
        estimates.len(),
        held.train.len(),
        held.test.len(),
        config.repeats
    );
    if let Some(best) = estimates.get(observed::lowest_test_mse(&estimates)) {
        summary.push_str(&format!(
            "; lowest held-out test MSE {} ± {} (standard error) at {}",
            crate::core::fmt3(best.test_mse.value),
            crate::core::fmt3(best.test_mse.se),
            complexity_text(config.family, best.complexity)
        ));
    }
    let fallbacks: usize = estimates.iter().map(|e| e.fallback_fits).sum();
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
pub fn trajectory(
    experiment: &SurfaceExperiment,
    out: &std::path::Path,
) -> Result<String, CliError> {
    let problem = experiment.problem.build(experiment.seed);
    let never = AtomicBool::new(false);
    let trajectories = tasks::train_all(experiment, &problem, &never);
    export::write_trajectories_csv(out, experiment, &trajectories)?;
    let rows: usize = trajectories.iter().map(|t| t.len()).sum();
    let mut summary = format!(
        "wrote {} ({} runs, {rows} rows)",
        out.display(),
        trajectories.len()
    );
    summary.push_str(&diverged_note(&trajectories));
    Ok(summary)
}

/// Trains a network experiment: every run from the same initial weights, in parallel
/// ([`network::train`], no accuracy curves).
fn train_network_runs(experiment: &NetworkExperiment) -> Result<TrainedNetwork, CliError> {
    let never = AtomicBool::new(false);
    network::train(experiment, 0, crate::core::train::Keep::Every, &never).map_err(pipeline_error)
}

/// The CLI's error for a network pipeline that stopped short.
fn pipeline_error(error: PipelineError) -> CliError {
    match error {
        PipelineError::Build(_) | PipelineError::Running(_) => CliError::Compute(error.to_string()),
        PipelineError::Plane { error, .. } => CliError::Plane(error.to_string()),
        PipelineError::Cancelled => CliError::Compute("the landscape grid was cancelled".into()),
    }
}

/// "; diverged: run 1, 3" for the runs that diverged (empty if none).
fn diverged_note(trajectories: &[crate::core::train::Trajectory]) -> String {
    let diverged: Vec<String> = trajectories
        .iter()
        .enumerate()
        .filter(|(_, t)| t.diverged())
        .map(|(i, _)| i.to_string())
        .collect();
    if diverged.is_empty() {
        String::new()
    } else {
        format!("; diverged: run {}", diverged.join(", "))
    }
}

/// Trains every run of a network experiment and writes the trajectory CSV with `x, y` the
/// coordinates on the preset's plane; returns a one-line summary.
///
/// # Errors
/// [`CliError::Export`] if the file cannot be written, [`CliError::Plane`] if the plane is
/// degenerate.
pub fn network_trajectory(
    experiment: &NetworkExperiment,
    out: &std::path::Path,
) -> Result<String, CliError> {
    let trained = train_network_runs(experiment)?;
    let trajectories = trained.trajectories.as_slice();
    let plane = network::network_plane(experiment, &trained.mlp, trajectories)
        .map_err(|e| CliError::Plane(e.to_string()))?;
    export::write_network_trajectories_csv(out, experiment, trajectories, &plane)?;
    let rows: usize = trajectories.iter().map(|t| t.len()).sum();
    let mut summary = format!(
        "wrote {} ({} runs, {rows} rows, {} plane",
        out.display(),
        trajectories.len(),
        experiment.view.plane.name()
    );
    if let Some([r1, r2]) = plane.explained_variance_ratio {
        summary.push_str(&format!(
            " explaining {} and {} of the variance",
            crate::core::fmt3(r1),
            crate::core::fmt3(r2)
        ));
    }
    summary.push(')');
    summary.push_str(&diverged_note(trajectories));
    Ok(summary)
}

/// Trains a network experiment, evaluates its landscape on the preset's plane and writes it
/// (with `inputs`, also `out/inputs/`); returns a one-line summary.
///
/// # Errors
/// [`CliError::Export`] if the files cannot be written, [`CliError::Plane`] if the plane is
/// degenerate.
pub fn network_landscape(
    experiment: &NetworkExperiment,
    out: &std::path::Path,
    inputs: bool,
) -> Result<String, CliError> {
    let view = &experiment.view;
    if inputs && view.layer != crate::core::landscape::Layer::Train {
        return Err(CliError::Usage(format!(
            "--inputs writes the training set, so the grid it recomputes is the training loss; \
             view.layer is \"{}\" (use --set view.layer=train)",
            view.layer.name()
        )));
    }
    let never = AtomicBool::new(false);
    let network::NetworkLandscape {
        trained,
        plane,
        grid,
        measured,
    } = network::run_headless(experiment, &never).map_err(pipeline_error)?;
    let trajectories = trained.trajectories.as_slice();
    // The network as the grid measured it (with BatchNorm: its running statistics), which is
    // what `--inputs` writes.
    let mlp = &measured;
    let spec = grid.spec;
    let arch = mlp.architecture();
    let (finite_min, finite_max) = grid.finite_range().unzip();
    let runs: Vec<serde_json::Value> = experiment
        .runs
        .iter()
        .zip(trajectories)
        .zip(&plane.coords)
        .map(|((run, t), coords)| {
            serde_json::json!({
                "optimizer": run.optimizer.kind.name(),
                "label": run.legend(experiment.dataset.n_train),
                "steps": t.len().saturating_sub(1),
                "diverged": t.diverged(),
                "final_xy": coords.last(),
                "final_loss": t.train_loss.last(),
                "final_test_loss": t.test_loss.last(),
            })
        })
        .collect();
    let meta = serde_json::json!({
        "preset": experiment.name,
        "runs": runs,
        "seed": experiment.seed,
        "dataset": experiment.dataset.kind.name(),
        "n_train": experiment.dataset.n_train,
        "n_test": experiment.dataset.n_test,
        "noise": experiment.dataset.noise,
        "label_noise": experiment.dataset.label_noise,
        "sizes": arch.sizes(),
        "activation": arch.activation().name(),
        "loss": arch.loss().name(),
        "plane": view.plane.name(),
        "explained_variance_ratio": plane.explained_variance_ratio,
        "hessian_eigenvalues": plane.eigenvalues,
        "layer": view.layer.name(),
        "x_range": spec.x,
        "y_range": spec.y,
        "nx": spec.nx,
        "ny": spec.ny,
        "resolution": view.resolution,
        "orientation": ORIENTATION,
        "finite_min": finite_min,
        "finite_max": finite_max,
    });
    let model_inputs = inputs.then(|| export::ModelInputs {
        arch: arch.clone(),
        x_train: mlp
            .split(crate::core::network::mlp::DataSplit::Train)
            .x
            .clone(),
        y_train: mlp
            .split(crate::core::network::mlp::DataSplit::Train)
            .y
            .clone(),
        plane: plane.plane.clone(),
        running: mlp.running().to_vec(),
    });
    export::write_network_landscape(out, &meta, &grid, model_inputs.as_ref())?;
    Ok(format!(
        "wrote {} ({}×{} {} grid of {} on the {} plane{}){}",
        out.display(),
        spec.nx,
        spec.ny,
        view.layer.name(),
        experiment.name,
        view.plane.name(),
        if inputs { ", with inputs/" } else { "" },
        diverged_note(trajectories)
    ))
}

/// How `grid.npy` is laid out (written into `meta.json`).
const ORIENTATION: &str =
    "grid[i, j] is the loss at (x[j], y[i]); shape [ny, nx]; row 0 is the lowest y";

/// Default grid side of `--model`.
const MODEL_RESOLUTION: usize = 101;

/// Parses `--range A,B`.
fn parse_range(text: &str) -> Result<[f64; 2], CliError> {
    let bad = || {
        CliError::Usage(format!(
            "--range {text}: expected two finite numbers A,B with A < B, e.g. --range -1,1"
        ))
    };
    let (a, b) = text.split_once(',').ok_or_else(bad)?;
    let a: f64 = a.trim().parse().map_err(|_| bad())?;
    let b: f64 = b.trim().parse().map_err(|_| bad())?;
    if a.is_finite() && b.is_finite() && a < b {
        Ok([a, b])
    } else {
        Err(bad())
    }
}

/// Evaluates the training-loss landscape of the model stored in `model_dir` (the layout of
/// `--inputs`) and writes it into `out`; returns a one-line summary.
///
/// # Errors
/// [`CliError::Model`] naming the file and expected shape, [`CliError::Usage`] for a bad
/// `--range` or `--resolution`, [`CliError::Export`] if the files cannot be written.
pub fn model_landscape(
    model_dir: &std::path::Path,
    out: &std::path::Path,
    resolution: Option<usize>,
    range: Option<&str>,
) -> Result<String, CliError> {
    let resolution = resolution.unwrap_or(MODEL_RESOLUTION);
    if !preset::limits::RESOLUTION.contains(&resolution) {
        return Err(CliError::Usage(format!(
            "--resolution must be in {}..={}, got {resolution}",
            preset::limits::RESOLUTION.start(),
            preset::limits::RESOLUTION.end()
        )));
    }
    let range = match range {
        Some(text) => parse_range(text)?,
        None => [-1.0, 1.0],
    };
    let inputs = export::read_model_dir(model_dir)?;
    let mlp = inputs.mlp().map_err(|e| bad_model(model_dir, &e))?;
    let spec = GridSpec::square(range, range, resolution);
    let never = AtomicBool::new(false);
    let layer = crate::core::landscape::Layer::Train;
    let grid = Landscape::Network {
        mlp: &mlp,
        plane: &inputs.plane,
        layer,
    }
    .grid(spec, &never)
    .ok_or_else(|| CliError::Compute("the landscape grid was cancelled".into()))?;
    let arch = mlp.architecture();
    let (finite_min, finite_max) = grid.finite_range().unzip();
    let meta = serde_json::json!({
        "model": model_dir.display().to_string(),
        "sizes": arch.sizes(),
        "activation": arch.activation().name(),
        "loss": arch.loss().name(),
        "n_train": inputs.x_train.nrows(),
        "layer": layer.name(),
        "x_range": spec.x,
        "y_range": spec.y,
        "nx": spec.nx,
        "ny": spec.ny,
        "resolution": resolution,
        "orientation": ORIENTATION,
        "finite_min": finite_min,
        "finite_max": finite_max,
    });
    export::write_network_landscape(out, &meta, &grid, None)?;
    Ok(format!(
        "wrote {} ({resolution}×{resolution} train grid of the model in {})",
        out.display(),
        model_dir.display()
    ))
}

/// The JSON of `basin sharpness`: the keys of [`SharpnessReport`] (`test_loss` null without a test
/// set), `train_accuracy` and `test_accuracy` (null here; a classification network fills them
/// in), then the extras of the report.
#[must_use]
pub fn sharpness_json(
    report: &SharpnessReport,
    has_test_set: bool,
    parameters: usize,
) -> serde_json::Value {
    let finite = |v: f64| v.is_finite().then_some(v);
    serde_json::json!({
        "loss": finite(report.loss),
        "lambda_max": finite(report.lambda_max),
        "hessian_trace": finite(report.hessian_trace),
        "eps_sharpness": finite(report.eps_sharpness),
        "test_loss": if has_test_set { finite(report.test_loss) } else { None },
        "train_accuracy": None::<f64>,
        "test_accuracy": None::<f64>,
        "top_eigenvalues": report.top_eigenvalues,
        "trace_exact": report.trace_exact,
        "parameters": parameters,
    })
}

/// What `basin sharpness` measures besides the report's defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SharpnessOptions {
    /// BatchNorm networks in training mode over the whole training set.
    pub batch_stats: bool,
    /// Add the spectral density (and sort the top eigenvalues descending).
    pub spectrum: bool,
    /// How many top eigenvalues.
    pub top: usize,
    /// Add each layer's block spectrum (networks only).
    pub per_layer: bool,
}

/// The JSON of `basin sharpness` at `theta`, a diverged point being a [`CliError::Compute`].
fn sharpness_at<C: Curvature + ?Sized>(
    problem: &C,
    theta: &[f64],
    seed: u64,
    what: &str,
    options: &SharpnessOptions,
    has_test_set: bool,
) -> Result<serde_json::Value, CliError> {
    let config = ReportConfig {
        top_n: options.top,
        ..ReportConfig::default()
    };
    let no_sharpness = |e: crate::core::sharpness::SharpnessError| {
        CliError::Compute(format!("no sharpness at {what}: {e}"))
    };
    let report = report(problem, theta, &config, seed).map_err(no_sharpness)?;
    let mut json = sharpness_json(&report, has_test_set, theta.len());
    if options.spectrum {
        let op = problem.hessian_at(theta).map_err(no_sharpness)?;
        let largest = spectrum::largest_eigenvalues(op.as_ref(), options.top, &config.power, seed);
        json["top_eigenvalues"] = serde_json::json!(largest);
        let density = slq::density(op.as_ref(), &slq::SlqConfig::default(), seed);
        json["density"] = serde_json::json!({ "lambda": density.lambda, "value": density.value });
    }
    Ok(json)
}

/// The error for a model folder whose network cannot be built from its files: it names
/// `DIR/y_train.npy`.
fn bad_model(model_dir: &std::path::Path, e: &impl std::fmt::Display) -> CliError {
    CliError::Model(export::ModelError::Invalid {
        path: model_dir.join("y_train.npy"),
        message: e.to_string(),
    })
}

/// `basin sharpness --model DIR`: the report at θ of `DIR/theta.npy` (BatchNorm: in eval
/// mode with `DIR/bn_running.npy`, or with `batch_stats` in training mode over the whole
/// training set).
///
/// # Errors
/// [`CliError::Model`] naming the file for a bad folder, [`CliError::Compute`] if the loss
/// is not finite at θ.
pub fn model_sharpness(
    model_dir: &std::path::Path,
    options: &SharpnessOptions,
) -> Result<serde_json::Value, CliError> {
    let point = export::read_model_point(model_dir)?;
    let mlp = point.mlp().map_err(|e| bad_model(model_dir, &e))?;
    let what = format!("{}", model_dir.join("theta.npy").display());
    let has_test = point.test.is_some();
    mlp_sharpness(&mlp, &point.theta, 0, &what, options, has_test)
}

/// [`sharpness_at`] for a network: in eval mode, or with `--batch-stats` in training mode
/// over the whole training set; with `--per-layer`, the spectrum of each layer's block of the
/// Hessian too (`layers`).
fn mlp_sharpness(
    mlp: &crate::core::network::mlp::Mlp,
    theta: &[f64],
    seed: u64,
    what: &str,
    options: &SharpnessOptions,
    has_test: bool,
) -> Result<serde_json::Value, CliError> {
    let stats;
    let problem: &dyn Curvature = if options.batch_stats {
        stats = mlp.batch_stats();
        &stats
    } else {
        mlp
    };
    let mut json = sharpness_at(problem, theta, seed, what, options, has_test)?;
    // The fractions classified right (eval mode); None for a regression network or no data.
    use crate::core::network::mlp::DataSplit;
    json["train_accuracy"] = serde_json::json!(mlp.accuracy(theta, DataSplit::Train));
    json["test_accuracy"] = serde_json::json!(mlp.accuracy(theta, DataSplit::Test));
    if options.per_layer {
        let op = problem
            .hessian_at(theta)
            .map_err(|e| CliError::Compute(format!("no sharpness at {what}: {e}")))?;
        let config = PowerConfig::precise();
        let mut layers = Vec::new();
        for (i, layer) in mlp.architecture().layers().iter().enumerate() {
            let linear = (
                format!(
                    "layer {}: Linear {}→{} (W, b)",
                    i + 1,
                    layer.fan_in,
                    layer.fan_out
                ),
                layer.weight_range().start..layer.bias_range().end,
            );
            let norm = (
                format!("layer {}: BatchNorm (γ, β)", i + 1),
                layer.gamma_range().start..layer.beta_range().end,
            );
            for (name, range) in [linear, norm] {
                let Some(block) = slq::Block::new(op.as_ref(), range.clone()) else {
                    continue;
                };
                let top = spectrum::largest_eigenvalues(&block, options.top, &config, seed);
                let density = slq::density(&block, &slq::SlqConfig::default(), seed);
                layers.push(serde_json::json!({
                    "name": name,
                    "parameters": range.len(),
                    "top_eigenvalues": top,
                    "density": { "lambda": density.lambda, "value": density.value },
                }));
            }
        }
        json["layers"] = serde_json::json!(layers);
    }
    Ok(json)
}

/// `basin sharpness PRESET [--run N]`: trains the preset's runs, then the report at run
/// `run`'s final point.
///
/// # Errors
/// A bad preset ([`CliError::Preset`]), a run index out of range ([`CliError::Usage`]), a
/// network that cannot be built, or a run that diverged ([`CliError::Compute`]).
pub fn preset_sharpness(
    source: &str,
    overrides: &[String],
    run: usize,
    options: &SharpnessOptions,
) -> Result<serde_json::Value, CliError> {
    let what = format!("run {run}'s final point");
    let what = what.as_str();
    let check_run = |runs: usize| {
        if run < runs {
            Ok(())
        } else {
            Err(CliError::Usage(format!(
                "--run {run}: {source} has {runs} run(s), numbered from 0"
            )))
        }
    };
    match preset::load(source, overrides)? {
        Preset::Network(experiment) => {
            check_run(experiment.runs.len())?;
            let trained = train_network_runs(&experiment)?;
            let theta = final_point(&trained.trajectories, run)?;
            // Eval mode with the run's final running statistics (BatchNorm).
            let mlp = network::at_state(&trained.mlp, &trained.trajectories[run], usize::MAX)
                .map_err(|e| CliError::Compute(format!("cannot measure in eval mode: {e}")))?;
            let (seed, has_test) = (experiment.seed, experiment.dataset.n_test > 0);
            let mut json = mlp_sharpness(&mlp, theta, seed, what, options, has_test)?;
            let start = NetworkExperiment::initial_params(&trained.mlp, seed);
            let steps = trained.trajectories[run].len().saturating_sub(1);
            let adaptive = Replay {
                run: &experiment.runs[run],
                index: run,
                start: &start,
                steps,
                seed,
            };
            adaptive.add_to(&mut json, trained.mlp.as_ref());
            Ok(json)
        }
        other => {
            let experiment = other.into_surface(source)?;
            if options.per_layer {
                return Err(CliError::Usage(format!(
                    "--per-layer: {source} is a toy surface with two parameters, not a network \
                     with layers"
                )));
            }
            check_run(experiment.runs.len())?;
            let problem = experiment.problem.build(experiment.seed);
            let never = AtomicBool::new(false);
            let trajectories = tasks::train_all(&experiment, &problem, &never);
            let theta = final_point(&trajectories, run)?;
            let has_test = experiment.problem.test_samples > 0;
            let mut json = sharpness_at(&problem, theta, experiment.seed, what, options, has_test)?;
            let adaptive = Replay {
                run: &experiment.runs[run],
                index: run,
                start: &experiment.training.start,
                steps: trajectories[run].len().saturating_sub(1),
                seed: experiment.seed,
            };
            adaptive.add_to(&mut json, &problem);
            Ok(json)
        }
    }
}

/// One run of a preset, to be replayed for its optimizer's state.
struct Replay<'a> {
    run: &'a crate::core::train::RunSpec,
    index: usize,
    start: &'a [f64],
    steps: usize,
    seed: u64,
}

impl Replay<'_> {
    /// For an Adam, AdamW or RMSprop run: adds `preconditioned_sharpness`, λ_max(P⁻¹H) at its
    /// last step with the preconditioner of that step, and `preconditioned_edge`, the edge of
    /// stability it is measured against (38/η for Adam with β₁ = 0.9); nothing for another
    /// optimizer.
    fn add_to(&self, json: &mut serde_json::Value, problem: &dyn Curvature) {
        let Some(edge) = preconditioned::adaptive_threshold(&self.run.optimizer) else {
            return;
        };
        let value = preconditioned::preconditioned_sharpness_along(
            problem,
            self.run,
            self.index,
            self.start,
            self.steps,
            self.steps.max(1),
            &PowerConfig::precise(),
            self.seed,
        )
        .last()
        .map(|&(_, v)| v);
        json["preconditioned_sharpness"] = serde_json::json!(value);
        json["preconditioned_edge"] = serde_json::json!(edge);
    }
}

/// Runs the `[sweep]` of a network experiment on rayon's global pool, with a progress line
/// on stderr, and writes the CSV to `out` (atomically); returns the summary: one line per
/// batch size with the medians over its cells that did not diverge.
///
/// # Errors
/// [`CliError::Preset`] if the preset has no `[sweep]`, [`CliError::Export`] if the file
/// cannot be written.
pub fn network_sweep(
    experiment: &NetworkExperiment,
    source: &str,
    out: &std::path::Path,
) -> Result<String, CliError> {
    let Some(spec) = &experiment.sweep else {
        return Err(CliError::Preset(PresetError::Invalid {
            origin: source.to_string(),
            key: "sweep".into(),
            message: "is missing: `basin sweep` needs a [sweep] section with batch_sizes, \
                      lrs and optionally seeds, lr_rule, steps or epochs"
                .into(),
        }));
    };
    let mlp = experiment
        .build_mlp()
        .map_err(|e| CliError::Compute(format!("cannot build the network: {e}")))?;
    run_sweep(&mlp, spec, experiment.dataset.n_train, out)
}

/// Runs the default sweep ([`crate::core::sweep::SweepSpec::around`] run 0) of a surface
/// preset — batch sizes 4, 8, … and the full batch × six learning rates around run 0's, one
/// seed, the preset's steps, every cell from the preset's start — and writes its CSV.
///
/// # Errors
/// An unwritable output path.
pub fn surface_sweep(
    experiment: &SurfaceExperiment,
    out: &std::path::Path,
) -> Result<String, CliError> {
    let n = experiment.problem.samples;
    let optimizer = experiment
        .runs
        .first()
        .map(|r| r.optimizer.clone())
        .ok_or_else(|| CliError::Compute("the preset has no runs".into()))?;
    let spec = crate::core::sweep::SweepSpec::around(n, &optimizer, experiment.training.steps);
    let problem = crate::core::sweep::SurfaceSweep {
        problem: experiment.problem.build(experiment.seed),
        start: experiment.training.start,
    };
    run_sweep(&problem, &spec, n, out)
}

/// Runs `spec` on `problem` (progress on stderr), writes the CSV and summarizes it per batch.
fn run_sweep<P: crate::core::sweep::SweepProblem + Sync + ?Sized>(
    problem: &P,
    spec: &crate::core::sweep::SweepSpec,
    n_train: usize,
    out: &std::path::Path,
) -> Result<String, CliError> {
    let never = AtomicBool::new(false);
    let total = spec.len();
    let bn_axis = if spec.bn_batch_sizes.is_empty() {
        String::new()
    } else {
        format!(" × {} BN batches", spec.bn_batch_sizes.len())
    };
    eprintln!(
        "sweep: {total} cells ({} batch sizes × {} learning rates{bn_axis} × {} seeds) on {} \
         threads",
        spec.batch_sizes.len(),
        spec.lrs.len(),
        spec.seeds.len(),
        rayon::current_num_threads()
    );
    let step = (total / 20).max(1);
    let progress = |done: usize, total: usize| {
        if done.is_multiple_of(step) || done == total {
            eprintln!("sweep: {done}/{total} cells done");
        }
    };
    let results = tasks::sweep(problem, spec, &never, &progress);
    export::write_sweep_csv(out, &results)?;
    let diverged = results.iter().filter(|r| r.diverged).count();
    let mut summary = format!(
        "wrote {} ({total} cells, {diverged} diverged; lr {})\n",
        out.display(),
        spec.lr_rule.axis_label()
    );
    let fmt = |v: Option<f64>| v.map_or_else(|| "-".to_string(), crate::core::fmt3);
    for b in crate::core::sweep::summarize_by_batch(spec, &results) {
        let batch = if b.batch_size == 0 || b.batch_size >= n_train {
            format!("{n_train} (full)")
        } else {
            b.batch_size.to_string()
        };
        summary.push_str(&format!(
            "B = {batch}: median λ_max {}, ε-sharpness {}, train loss {}, test loss {}, test acc {} \
             ({} of {} diverged)\n",
            fmt(b.lambda_max),
            fmt(b.eps_sharpness),
            fmt(b.train_loss),
            fmt(b.test_loss),
            fmt(b.test_acc),
            b.diverged,
            b.cells
        ));
    }
    if !spec.bn_batch_sizes.is_empty() {
        summary.push_str(&bn_batch_summary(spec, &results, n_train));
    }
    Ok(summary)
}

/// One line per (batch size, learning rate, BN batch) of a sweep with a BN-batch axis: the
/// statistics size and the median [min–max] over seeds of the test accuracy (or loss) and
/// λ_max.
fn bn_batch_summary(
    spec: &crate::core::sweep::SweepSpec,
    results: &[crate::core::sweep::CellResult],
    n_train: usize,
) -> String {
    use crate::core::sweep::Spread;
    let pct = |s: Option<Spread>, scale: f64| {
        s.map_or_else(
            || "-".to_string(),
            |s| {
                format!(
                    "{} [{}–{}]",
                    crate::core::fmt3(s.median * scale),
                    crate::core::fmt3(s.min * scale),
                    crate::core::fmt3(s.max * scale)
                )
            },
        )
    };
    let mut out = String::new();
    for r in results {
        let c = &r.cell;
        // One line per group: at its first seed.
        if spec.seeds.first() != Some(&c.seed) {
            continue;
        }
        let group: Vec<&crate::core::sweep::CellResult> = results
            .iter()
            .filter(|o| {
                !o.diverged
                    && o.cell.batch_size == c.batch_size
                    && o.cell.lr == c.lr
                    && o.cell.bn_batch_size == c.bn_batch_size
            })
            .collect();
        let acc = Spread::of(group.iter().filter_map(|o| o.test_acc));
        let (what, scale, value) = if acc.is_some() {
            ("test acc %", 100.0, acc)
        } else {
            (
                "test loss",
                1.0,
                Spread::of(group.iter().map(|o| o.test_loss)),
            )
        };
        let lambda = Spread::of(group.iter().map(|o| o.lambda_max));
        let stats = r
            .bn_batch
            .map_or_else(|| "-".to_string(), |g| g.to_string());
        let listed = match c.bn_batch_size {
            Some(0) => " (whole batch)".to_string(),
            _ => String::new(),
        };
        let batch = if c.batch >= n_train {
            format!("{n_train} (full)")
        } else {
            c.batch.to_string()
        };
        out.push_str(&format!(
            "B = {batch}, lr {}, BN batch {stats}{listed}: {what} {}, λ_max {} (median \
             [min–max] of {} seeds)\n",
            crate::core::fmt3(c.lr),
            pct(value, scale),
            pct(lambda, 1.0),
            group.len()
        ));
    }
    out
}

fn final_point(
    trajectories: &[crate::core::train::Trajectory],
    index: usize,
) -> Result<&[f64], CliError> {
    let run = trajectories
        .get(index)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| CliError::Compute(format!("the preset has no run {index} to measure")))?;
    if run.diverged() {
        return Err(CliError::Compute(format!(
            "run {index} diverged, so its final point has no curvature to measure"
        )));
    }
    Ok(run.point(run.len() - 1))
}

/// Evaluates the view grid of `experiment` and writes it into the folder `out`.
///
/// # Errors
/// [`CliError::Export`] if the files cannot be written.
pub fn landscape(experiment: &SurfaceExperiment, out: &std::path::Path) -> Result<(), CliError> {
    let problem = experiment.problem.build(experiment.seed);
    let view = &experiment.view;
    let spec = GridSpec::square(view.x, view.y, view.resolution);
    let never = AtomicBool::new(false);
    let grid = Landscape::Surface {
        problem: &problem,
        layer: view.layer,
    }
    .grid(spec, &never)
    .ok_or_else(|| CliError::Compute("the landscape grid was cancelled".into()))?;
    export::write_landscape(out, experiment, &grid)?;
    Ok(())
}

/// The text of `basin presets`: each built-in's name and description.
#[must_use]
pub fn presets_listing() -> String {
    let mut text = String::new();
    for b in preset::all_builtins() {
        let description = match preset::parse(b.text, b.name, &[]) {
            Ok(e) => e.description().to_string(),
            Err(err) => format!("(broken: {err})"),
        };
        let default = if b.name == preset::DEFAULT_PRESET {
            " (default)"
        } else if b.name == preset::DEFAULT_NETWORK_PRESET {
            " (default network preset)"
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
    lang: Option<crate::i18n::Lang>,
) -> Result<(), CliError> {
    let loaded = preset::load(source, overrides)?;
    open_window(loaded, source, screenshot, frames, lang)
}

/// `basin open --tour N`: the window in lecture mode on step N (1-based).
fn open_tour(
    number: usize,
    screenshot: Option<PathBuf>,
    frames: Option<u64>,
    lang: Option<crate::i18n::Lang>,
) -> Result<(), CliError> {
    builtin_tour()?.step(number).map_err(CliError::Usage)?;
    open_tour_window(number - 1, screenshot, frames, lang)
}

#[cfg(feature = "gui")]
fn open_tour_window(
    step: usize,
    screenshot: Option<PathBuf>,
    frames: Option<u64>,
    lang: Option<crate::i18n::Lang>,
) -> Result<(), CliError> {
    crate::app::run(crate::app::Startup {
        tour: Some(step),
        screenshot,
        frames,
        lang,
        system_dialogs: true,
        ..crate::app::Startup::default()
    })
    .map_err(|e| CliError::Gui(e.to_string()))
}

#[cfg(not(feature = "gui"))]
fn open_tour_window(
    _step: usize,
    _screenshot: Option<PathBuf>,
    _frames: Option<u64>,
    _lang: Option<crate::i18n::Lang>,
) -> Result<(), CliError> {
    Err(CliError::NoGui)
}

/// Plain `basin`: the window on the last Playground preset (the default preset at first).
#[cfg(feature = "gui")]
fn open_default(lang: Option<crate::i18n::Lang>) -> Result<(), CliError> {
    crate::app::run(crate::app::Startup {
        lang,
        system_dialogs: true,
        ..crate::app::Startup::default()
    })
    .map_err(|e| CliError::Gui(e.to_string()))
}

#[cfg(not(feature = "gui"))]
fn open_default(_lang: Option<crate::i18n::Lang>) -> Result<(), CliError> {
    Err(CliError::NoGui)
}

#[cfg(feature = "gui")]
fn open_window(
    loaded: Preset,
    source: &str,
    screenshot: Option<PathBuf>,
    frames: Option<u64>,
    lang: Option<crate::i18n::Lang>,
) -> Result<(), CliError> {
    crate::app::run(crate::app::Startup {
        preset: Some(loaded),
        lab: crate::lab::opens_in(source),
        preset_name: Some(source.to_string()),
        screenshot,
        frames,
        lang,
        settings: None,
        system_dialogs: true,
        tour: None,
    })
    .map_err(|e| CliError::Gui(e.to_string()))
}

#[cfg(not(feature = "gui"))]
fn open_window(
    _loaded: Preset,
    _source: &str,
    _screenshot: Option<PathBuf>,
    _frames: Option<u64>,
    _lang: Option<crate::i18n::Lang>,
) -> Result<(), CliError> {
    Err(CliError::NoGui)
}
