//! The Playground's requests ([`PlaygroundCommand`]) and how it applies them: each edit
//! changes the experiment (values clamped to what a preset accepts) and restarts the jobs it
//! invalidates ([`Restart`]).

use crate::app::command::Command;
use crate::app::lab::{LabCx, Requests};
use crate::app::playback::PlaybackCommand;
use crate::app::runs::{RunsChange, RunsCommand};
use crate::core::formula::Formula;
use crate::core::landscape::Layer;
use crate::core::surface::{Surface, SurfaceKind};
use crate::preset::limits;

use super::{EXAMPLE_FORMULA, Playground, RECENT_FORMULAS};

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

/// A request from the Playground's panels.
#[derive(Clone, Debug, PartialEq)]
pub enum PlaygroundCommand {
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
    /// Steps per run.
    SetSteps(usize),
    /// Move the start point (and retrain).
    SetStart([f64; 2]),
    /// Train surface, test surface or their difference.
    SetLayer(Layer),
    /// Logarithmic colour scale.
    SetLogScale(bool),
    /// Grid side.
    SetResolution(usize),
    /// Turn a step overlay on or off.
    SetOverlay(crate::core::anatomy::Overlay, bool),
    /// Open or close the "One step at a time" window.
    ShowStepPanel(bool),
    /// The run editor.
    Runs(RunsCommand),
    /// Tune every run's learning rate in the background.
    Tune,
    /// Stop the tuning.
    CancelTune,
    /// Put back the learning rates the last tuning replaced.
    UndoTune,
    /// The playback bar.
    Playback(PlaybackCommand),
    /// A request for the shell.
    App(Command),
}

impl From<RunsCommand> for PlaygroundCommand {
    fn from(command: RunsCommand) -> Self {
        Self::Runs(command)
    }
}

impl From<PlaybackCommand> for PlaygroundCommand {
    fn from(command: PlaybackCommand) -> Self {
        Self::Playback(command)
    }
}

impl From<Command> for PlaygroundCommand {
    fn from(command: Command) -> Self {
        Self::App(command)
    }
}

/// The learning rate of a run added with "Add".
const NEW_RUN_LR: f64 = 0.05;

impl Playground {
    /// Takes the formula field's `text`: a formula that parses becomes the surface (with the
    /// custom surface's default view and start when coming from a built-in one); one that
    /// does not is kept in the field with its error, and the surface stays as it was.
    fn edit_formula(&mut self, text: String) -> Option<Restart> {
        let restart = match Formula::parse_shared(&text) {
            Ok(formula) => {
                self.formula.error = None;
                let e = &mut self.experiment;
                let unchanged = e.problem.surface.kind == SurfaceKind::Custom
                    && e.problem.surface.formula.as_deref() == Some(&*formula);
                if e.problem.surface.kind != SurfaceKind::Custom {
                    let kind = SurfaceKind::Custom;
                    let (x, y) = kind.default_view();
                    e.view.x = x;
                    e.view.y = y;
                    e.training.start = kind.default_start();
                    e.view.log_scale = kind.log_scale();
                }
                if unchanged {
                    None
                } else {
                    e.problem.surface = Surface::custom(formula);
                    Some(Restart::Both)
                }
            }
            Err(error) => {
                self.formula.error = Some(error);
                None
            }
        };
        self.formula.text = text;
        restart
    }
}

impl Requests for Playground {
    type Command = PlaygroundCommand;

    /// Applies one request.
    fn apply(&mut self, command: PlaygroundCommand, cx: &mut LabCx<'_>) {
        let restart = match command {
            PlaygroundCommand::App(command) => {
                cx.send(command);
                None
            }
            PlaygroundCommand::Playback(command) => {
                #[allow(clippy::cast_precision_loss)]
                let end = crate::app::lab::Lab::last_step(self) as f64;
                self.playback.apply(command, end);
                None
            }
            PlaygroundCommand::Runs(command) => {
                match self
                    .runs
                    .apply(&mut self.experiment.runs, command, NEW_RUN_LR)
                {
                    RunsChange::None => None,
                    RunsChange::Retrain => Some(Restart::Training),
                    RunsChange::Refused(message) => {
                        cx.notices.error(message);
                        None
                    }
                }
            }
            PlaygroundCommand::Tune => {
                self.start_tuning(cx);
                None
            }
            PlaygroundCommand::CancelTune => {
                self.cancel_tuning();
                None
            }
            PlaygroundCommand::UndoTune => {
                self.undo_tuning(cx);
                None
            }
            PlaygroundCommand::OpenFormula => {
                self.formula.open = true;
                let text = match &self.experiment.problem.surface.formula {
                    Some(f) if self.formula.text.is_empty() => f.source().to_string(),
                    _ if self.formula.text.is_empty() => EXAMPLE_FORMULA.to_string(),
                    _ => self.formula.text.clone(),
                };
                self.edit_formula(text)
            }
            PlaygroundCommand::EditFormula(text) => self.edit_formula(text),
            PlaygroundCommand::RememberFormula => {
                let surface = &self.experiment.problem.surface;
                if surface.kind == SurfaceKind::Custom
                    && let Some(formula) = &surface.formula
                {
                    let text = formula.source().to_string();
                    let recent = &mut self.formula.recent;
                    recent.retain(|f| *f != text);
                    recent.insert(0, text);
                    recent.truncate(RECENT_FORMULAS);
                }
                None
            }
            PlaygroundCommand::SetSurface(kind) => {
                self.formula.open = false;
                self.formula.error = None;
                let e = &mut self.experiment;
                e.problem.surface.kind = kind;
                // The typed formula stays in the field (and the recent list) for Custom….
                e.problem.surface.formula = None;
                let (x, y) = kind.default_view();
                e.view.x = x;
                e.view.y = y;
                e.training.start = kind.default_start();
                e.view.log_scale = kind.log_scale();
                Some(Restart::Both)
            }
            PlaygroundCommand::SetCondition(kappa) => {
                self.experiment.problem.surface.condition = limits::clamp(kappa, limits::CONDITION);
                Some(Restart::Both)
            }
            PlaygroundCommand::SetSamples(n) => {
                self.experiment.problem.samples = limits::clamp(n, limits::SAMPLES);
                Some(Restart::Both)
            }
            PlaygroundCommand::SetNoise(sigma) => {
                self.experiment.problem.noise = limits::clamp(sigma, limits::NOISE);
                Some(Restart::Both)
            }
            PlaygroundCommand::SetTestSamples(m) => {
                self.experiment.problem.test_samples = limits::clamp(m, limits::TEST_SAMPLES);
                Some(Restart::Both)
            }
            PlaygroundCommand::SetSeed(seed) => {
                self.experiment.seed = seed;
                Some(Restart::Both)
            }
            PlaygroundCommand::SetSteps(steps) => {
                self.experiment.training.steps = limits::clamp(steps, limits::STEPS);
                Some(Restart::Training)
            }
            PlaygroundCommand::SetStart(p) => {
                if p.iter().all(|v| v.is_finite()) {
                    self.experiment.training.start = p;
                    self.playback.rewind();
                    Some(Restart::Training)
                } else {
                    None
                }
            }
            PlaygroundCommand::SetOverlay(overlay, on) => {
                self.experiment.view.step_overlays.set(overlay, on);
                None
            }
            PlaygroundCommand::ShowStepPanel(open) => {
                self.step_view.panel_open = open;
                None
            }
            PlaygroundCommand::SetLayer(layer) => {
                self.experiment.view.layer = layer;
                Some(Restart::Landscape)
            }
            PlaygroundCommand::SetLogScale(log) => {
                self.experiment.view.log_scale = log;
                self.repaint_picture(cx.ctx, cx.prefs.colormap);
                None
            }
            PlaygroundCommand::SetResolution(res) => {
                self.experiment.view.resolution = limits::clamp(res, limits::RESOLUTION);
                Some(Restart::Landscape)
            }
        };
        if let Some(what) = restart {
            self.restart_jobs(cx, what);
        }
    }
}
