//! What panels ask for: the [`Command`] enum (and which jobs a change invalidates,
//! [`Restart`]). Panels only build these; [`super::App::apply`] carries them out after the
//! frame is drawn, in one `match`. Kept apart from the code that applies them so that the
//! panels depend on this vocabulary, not on the app.

use crate::core::landscape::Layer;
use crate::core::surface::SurfaceKind;
use crate::core::train::RunSpec;
use crate::ui::heatmap::ColorMap;

use super::biasvar::BvCommand;
use super::network::NetCommand;
use super::sharpflat::SfCommand;
use super::state::{DialogKind, Lab};

/// Which jobs a change invalidates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Restart {
    /// Only the trajectories (a run or training setting changed).
    Training,
    /// Only the landscape (view layer or resolution changed).
    Landscape,
    /// Both (the problem changed, or a new experiment was loaded).
    Both,
}

/// A request from a panel.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Start or stop the playback.
    TogglePlay,
    /// Advance the playback by one step (and pause).
    StepForward,
    /// Back to step 0 (and pause).
    ResetPlayback,
    /// Jump to a step.
    SetCursor(f64),
    /// Playback speed in steps per second.
    SetSpeed(f64),
    /// Switch the surface (its default view, start and scale come along).
    SetSurface(SurfaceKind),
    /// Show the Custom… surface's formula field (and apply what it holds).
    OpenFormula,
    /// The formula field's text changed: apply it when it parses, else show why not.
    EditFormula(String),
    /// Remember the applied formula among the recent ones (the field lost focus).
    RememberFormula,
    /// κ of the quadratic.
    SetCondition(f64),
    /// N, training samples.
    SetSamples(usize),
    /// σ, spread of the shifts.
    SetNoise(f64),
    /// M, test samples.
    SetTestSamples(usize),
    /// The experiment's seed.
    SetSeed(u64),
    /// Learning rate of the selected run (or of every run).
    SetLearningRate(f64),
    /// Batch size of the selected run (or of every run); 0 is the full batch.
    SetBatchSize(usize),
    /// Whether learning rate and batch size go to every run.
    SetApplyToAll(bool),
    /// Choose the run the per-run controls edit.
    SelectRun(usize),
    /// Replace run `index` (optimizer, hyperparameters, clipping, noise).
    ReplaceRun(usize, RunSpec),
    /// Append a new run (Adam with torch defaults).
    AddRun,
    /// Append a copy of run `index`.
    DuplicateRun(usize),
    /// Remove run `index` (at least one stays).
    RemoveRun(usize),
    /// Steps per run.
    SetSteps(usize),
    /// Move the start point (and retrain).
    SetStart([f64; 2]),
    /// Train surface, test surface or their difference.
    SetLayer(Layer),
    /// Logarithmic colour scale.
    SetLogScale(bool),
    /// Colour map.
    SetColorMap(ColorMap),
    /// Grid side.
    SetResolution(usize),
    /// Load a built-in preset by name.
    LoadBuiltin(&'static str),
    /// Load a preset file.
    OpenFile(String),
    /// Write the current experiment as a preset file.
    SavePreset(String),
    /// Open the "Open file…" or "Save preset…" window.
    OpenDialog(DialogKind),
    /// Close it.
    CloseDialog,
    /// Edit the path in the open file window.
    SetDialogPath(String),
    /// Save the window as PNG into `screenshots/`.
    Screenshot,
    /// Write the trajectories CSV into `exports/`.
    ExportTrajectories,
    /// Open the "Export figure…" window (`Some`, with its choices) or close it (`None`).
    SetFigureExport(Option<super::state::ExportSettings>),
    /// Write the lab's figure (PNG, SVG) or the race (GIF) into `exports/`, off the UI thread.
    ExportFigure(super::state::ExportSettings),
    /// Dark (true) or light theme.
    SetDarkTheme(bool),
    /// Show the test loss in the loss plot.
    SetShowTestLoss(bool),
    /// Open or close the help window.
    SetHelpOpen(bool),
    /// Remove notice `index`.
    DismissNotice(usize),
    /// Show another lab.
    SetLab(Lab),
    /// A Bias–Variance lab request.
    BiasVariance(BvCommand),
    /// Write the bias–variance sweep CSV into `exports/`.
    ExportBiasVariance,
    /// A Network lab request.
    Network(NetCommand),
    /// A Sharp vs Flat lab request.
    SharpFlat(SfCommand),
    /// Write the Sharp vs Flat sweep CSV into `exports/`.
    ExportSweep,
    /// Load a built-in preset into the Sharp vs Flat lab.
    LoadSharpFlat(&'static str),
    /// Switch the language of the window.
    SetLang(crate::i18n::Lang),
    /// High-contrast colour map and thicker trajectories on or off.
    SetHighContrast(bool),
    /// Hide (true) or show the side panels.
    SetPanelsHidden(bool),
    /// Show or hide the Explain panel.
    SetExplainOpen(bool),
    /// Show or hide the keyboard shortcuts overlay.
    SetShortcutsOpen(bool),
    /// Scale the whole UI (egui's zoom factor; clamped to the allowed range).
    SetZoom(f32),
    /// Full screen on or off.
    ToggleFullscreen,
    /// Open preset files dropped on the window (the first `.toml`).
    DroppedFiles(Vec<std::path::PathBuf>),
}
