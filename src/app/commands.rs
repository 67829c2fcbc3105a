//! Applying the panels' [`Command`]s: [`App::apply`], after drawing, in one `match`. Panels
//! never change state themselves.

use crate::core::optim::{OptimizerKind, OptimizerSpec};
use crate::core::train::RunSpec;
use crate::preset::limits;

use crate::core::formula::{Formula, FormulaError};
use crate::core::surface::{Surface, SurfaceKind};

use super::App;
use super::command::{Command, Restart};
use super::state::{DialogKind, EXAMPLE_FORMULA, FileDialog, Lab, NoticeKind, RECENT_FORMULAS};

/// A lab's playback, borrowed: where it is, whether it runs, how fast, up to which step.
pub(super) struct LabPlayback<'a> {
    /// The last step that can be shown.
    pub end: f64,
    /// Whether there are trained runs to animate.
    pub has_results: bool,
    /// Whether the lab's jobs still run (results may still grow).
    pub busy: bool,
    /// The position, in steps.
    pub cursor: &'a mut f64,
    /// Whether it advances.
    pub playing: &'a mut bool,
    /// Steps per second.
    pub speed: &'a mut f64,
}

impl App {
    /// Applies one command.
    #[allow(clippy::too_many_lines)]
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::TogglePlay
            | Command::StepForward
            | Command::ResetPlayback
            | Command::SetCursor(_)
            | Command::SetSpeed(_) => self.apply_playback(&command),
            Command::OpenFormula => {
                self.view.formula_open = true;
                let text = match &self.session.experiment.problem.surface.formula {
                    Some(f) if self.view.formula_text.is_empty() => f.source().to_string(),
                    _ if self.view.formula_text.is_empty() => EXAMPLE_FORMULA.to_string(),
                    _ => self.view.formula_text.clone(),
                };
                self.edit_formula(ctx, text);
            }
            Command::EditFormula(text) => self.edit_formula(ctx, text),
            Command::RememberFormula => {
                let surface = &self.session.experiment.problem.surface;
                if surface.kind == SurfaceKind::Custom
                    && let Some(formula) = &surface.formula
                {
                    let text = formula.source().to_string();
                    let recent = &mut self.view.recent_formulas;
                    recent.retain(|f| *f != text);
                    recent.insert(0, text);
                    recent.truncate(RECENT_FORMULAS);
                }
            }
            Command::SetSurface(kind) => {
                self.view.formula_open = false;
                self.view.formula_error = None;
                let e = &mut self.session.experiment;
                e.problem.surface.kind = kind;
                // The typed formula stays in the field (and the recent list) for Custom….
                e.problem.surface.formula = None;
                let (x, y) = kind.default_view();
                e.view.x = x;
                e.view.y = y;
                e.training.start = kind.default_start();
                e.view.log_scale = kind.log_scale();
                self.restart(ctx, Restart::Both);
            }
            Command::SetCondition(kappa) => {
                self.session.experiment.problem.surface.condition =
                    kappa.clamp(*limits::CONDITION.start(), *limits::CONDITION.end());
                self.restart(ctx, Restart::Both);
            }
            Command::SetSamples(n) => {
                self.session.experiment.problem.samples =
                    n.clamp(*limits::SAMPLES.start(), *limits::SAMPLES.end());
                self.restart(ctx, Restart::Both);
            }
            Command::SetNoise(sigma) => {
                self.session.experiment.problem.noise =
                    sigma.clamp(*limits::NOISE.start(), *limits::NOISE.end());
                self.restart(ctx, Restart::Both);
            }
            Command::SetTestSamples(m) => {
                self.session.experiment.problem.test_samples =
                    m.clamp(*limits::TEST_SAMPLES.start(), *limits::TEST_SAMPLES.end());
                self.restart(ctx, Restart::Both);
            }
            Command::SetSeed(seed) => {
                self.session.experiment.seed = seed;
                self.restart(ctx, Restart::Both);
            }
            Command::SetLearningRate(lr) => {
                if lr.is_finite() && lr > 0.0 {
                    for i in self.edited_runs() {
                        self.lab_runs_mut()[i].optimizer.lr = lr;
                    }
                    self.retrain_lab(ctx);
                }
            }
            Command::SetBatchSize(batch) => {
                for i in self.edited_runs() {
                    self.lab_runs_mut()[i].batch_size = batch;
                }
                self.retrain_lab(ctx);
            }
            Command::SetApplyToAll(all) => self.view.apply_to_all = all,
            Command::SelectRun(i) => {
                self.view.selected_run = i.min(self.lab_runs_mut().len().saturating_sub(1));
            }
            Command::ReplaceRun(i, run) => {
                if let Err((key, message)) = run.optimizer.validate() {
                    self.session.notify(
                        NoticeKind::Error,
                        crate::i18n::fill("common.notice.run_key", &[&(i + 1), &key, &message]),
                    );
                } else if let Err((key, message)) = run.schedule.validate() {
                    self.session.notify(
                        NoticeKind::Error,
                        crate::i18n::fill(
                            "common.notice.run_schedule_key",
                            &[&(i + 1), &key, &message],
                        ),
                    );
                } else if let Some(slot) = self.lab_runs_mut().get_mut(i) {
                    *slot = run;
                    self.retrain_lab(ctx);
                }
            }
            Command::AddRun => {
                let lr = if self.view.lab == Lab::Network {
                    0.01
                } else {
                    0.05
                };
                let runs = self.lab_runs_mut();
                if runs.len() < *limits::RUNS.end() {
                    let mut run = RunSpec::new(OptimizerSpec::defaults(OptimizerKind::Adam));
                    run.optimizer.lr = lr;
                    runs.push(run);
                    self.view.selected_run = runs.len() - 1;
                    self.retrain_lab(ctx);
                }
            }
            Command::DuplicateRun(i) => {
                let runs = self.lab_runs_mut();
                if runs.len() < *limits::RUNS.end()
                    && let Some(run) = runs.get(i).cloned()
                {
                    runs.push(run);
                    self.view.selected_run = runs.len() - 1;
                    self.retrain_lab(ctx);
                }
            }
            Command::RemoveRun(i) => {
                let runs = self.lab_runs_mut();
                if runs.len() > *limits::RUNS.start() && i < runs.len() {
                    runs.remove(i);
                    let last = runs.len() - 1;
                    self.view.selected_run = self.view.selected_run.min(last);
                    self.retrain_lab(ctx);
                }
            }
            Command::SetSteps(steps) => {
                self.session.experiment.training.steps =
                    steps.clamp(*limits::STEPS.start(), *limits::STEPS.end());
                self.restart(ctx, Restart::Training);
            }
            Command::SetStart(p) => {
                if p.iter().all(|v| v.is_finite()) {
                    self.session.experiment.training.start = p;
                    self.view.cursor_step = 0.0;
                    self.view.playing = true;
                    self.restart(ctx, Restart::Training);
                }
            }
            Command::SetLayer(layer) => {
                self.session.experiment.view.layer = layer;
                self.restart(ctx, Restart::Landscape);
            }
            Command::SetLogScale(log) => {
                self.session.experiment.view.log_scale = log;
                self.repaint_picture(ctx);
            }
            Command::SetColorMap(map) => {
                self.view.colormap = map;
                self.repaint_picture(ctx);
                self.network.repaint_picture(ctx, map);
                self.sharp_flat.repaint_picture(ctx, map);
            }
            Command::SetResolution(res) => {
                self.session.experiment.view.resolution =
                    res.clamp(*limits::RESOLUTION.start(), *limits::RESOLUTION.end());
                self.restart(ctx, Restart::Landscape);
            }
            Command::LoadBuiltin(name) => {
                if self.load_preset(ctx, name) {
                    self.forget_typed_formula();
                }
            }
            Command::OpenFile(path) => {
                if self.load_preset(ctx, &path) {
                    self.view.file_dialog = None;
                    self.forget_typed_formula();
                    self.remember_file(&path);
                }
            }
            Command::SavePreset(path) => {
                if self.save_preset(&path) {
                    self.view.file_dialog = None;
                    self.remember_file(&path);
                }
            }
            Command::OpenDialog(kind) => {
                let path = match kind {
                    DialogKind::Open => "presets/".to_string(),
                    DialogKind::Save => format!("{}.toml", self.file_stem()),
                };
                self.view.file_dialog = Some(FileDialog { kind, path });
            }
            Command::CloseDialog => self.view.file_dialog = None,
            Command::SetDialogPath(path) => {
                if let Some(dialog) = &mut self.view.file_dialog {
                    dialog.path = path;
                }
            }
            Command::Screenshot => self.request_screenshot(ctx, None),
            Command::ExportTrajectories => self.export_trajectories(),
            Command::SetFigureExport(dialog) => self.view.figure_export.dialog = dialog,
            Command::ExportFigure(settings) => self.export_figure(settings),
            Command::SetDarkTheme(dark) => {
                self.view.dark_theme = dark;
                crate::ui::apply_theme(ctx, dark);
            }
            Command::SetShowTestLoss(show) => self.view.show_test_loss = show,
            Command::SetHelpOpen(open) => self.view.help_open = open,
            Command::DismissNotice(i) => {
                if i < self.session.notices.len() {
                    self.session.notices.remove(i);
                }
            }
            Command::SetLab(lab) => {
                self.view.lab = lab;
                self.send_title(ctx);
                let bv = &self.bias_variance;
                if lab == Lab::BiasVariance && bv.picture.is_none() && !bv.busy() {
                    self.restart_bias_variance();
                }
                let net = &self.network;
                if lab == Lab::Network && net.trained.is_none() && !net.busy() {
                    self.restart_network(true);
                }
                let sf = &self.sharp_flat;
                if lab == Lab::SharpFlat && sf.comparison.is_none() && !sf.busy() {
                    self.restart_sharp_flat();
                }
            }
            Command::BiasVariance(command) => self.apply_bias_variance(command),
            Command::Network(command) => self.apply_network(command),
            Command::SharpFlat(command) => self.apply_sharp_flat(command),
            Command::ExportSweep => self.export_sweep(),
            Command::LoadSharpFlat(name) => {
                self.view.lab = Lab::SharpFlat;
                self.load_preset(ctx, name);
            }
            Command::ExportBiasVariance => self.export_bias_variance(),
            Command::SetLang(lang) => {
                self.view.lang = lang;
                crate::i18n::set_lang(lang);
                self.send_title(ctx);
            }
            Command::SetHighContrast(on) => self.set_high_contrast(ctx, on),
            Command::SetPanelsHidden(hidden) => self.view.panels_hidden = hidden,
            Command::SetExplainOpen(open) => self.view.explain_open = open,
            Command::SetShortcutsOpen(open) => self.view.shortcuts_open = open,
            Command::SetZoom(zoom) => {
                let range = super::settings::ZOOM_RANGE;
                if zoom.is_finite() {
                    ctx.set_zoom_factor(zoom.clamp(*range.start(), *range.end()));
                }
            }
            Command::ToggleFullscreen => {
                let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
            }
            Command::DroppedFiles(paths) => self.open_dropped(ctx, &paths),
        }
    }

    /// High contrast on: the magma colour map (black to pale yellow, the widest range of
    /// lightness) and thicker trajectories; off: the colour map chosen before.
    fn set_high_contrast(&mut self, ctx: &egui::Context, on: bool) {
        if on == self.view.high_contrast {
            return;
        }
        self.view.high_contrast = on;
        let map = if on {
            self.view.colormap_before_contrast = self.view.colormap;
            crate::ui::heatmap::ColorMap::Magma
        } else {
            self.view.colormap_before_contrast
        };
        if map != self.view.colormap {
            self.apply(ctx, Command::SetColorMap(map));
        }
    }

    /// Opens the first `.toml` of files dropped on the window; anything else gets a notice.
    fn open_dropped(&mut self, ctx: &egui::Context, paths: &[std::path::PathBuf]) {
        let toml = paths.iter().find(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        });
        match toml {
            Some(path) => {
                let path = path.display().to_string();
                self.apply(ctx, Command::OpenFile(path));
            }
            None => {
                if let Some(first) = paths.first() {
                    self.session.notify(
                        NoticeKind::Error,
                        crate::i18n::fill("preset.notice.dropped_not_toml", &[&first.display()]),
                    );
                }
            }
        }
    }

    /// Puts a preset file first in the recent list.
    fn remember_file(&mut self, path: &str) {
        super::settings::push_recent(&mut self.view.recent_files, path);
    }

    /// Play, pause, step, reset, scrub and speed, on the playback of the lab on screen.
    fn apply_playback(&mut self, command: &Command) {
        let LabPlayback {
            end,
            cursor,
            playing,
            speed,
            ..
        } = self.lab_playback();
        match *command {
            Command::TogglePlay => {
                if !*playing && *cursor >= end {
                    *cursor = 0.0;
                }
                *playing = !*playing;
            }
            Command::StepForward => {
                *playing = false;
                *cursor = (cursor.floor() + 1.0).min(end);
            }
            Command::ResetPlayback => {
                *playing = false;
                *cursor = 0.0;
            }
            Command::SetCursor(step) => *cursor = step.clamp(0.0, end),
            Command::SetSpeed(steps_per_sec) => *speed = steps_per_sec.max(0.1),
            _ => {}
        }
    }

    /// The playback of the lab on screen (the Network lab has its own; the other labs use
    /// the Playground's), with its last step and whether its results are in.
    pub(super) fn lab_playback(&mut self) -> LabPlayback<'_> {
        if self.view.lab == Lab::Network {
            let net = &mut self.network;
            let end = net.last_step() as f64;
            let (has_results, busy) = (net.trained.is_some(), net.job.is_some());
            let p = &mut net.playback;
            LabPlayback {
                end,
                has_results,
                busy,
                cursor: &mut p.cursor_step,
                playing: &mut p.playing,
                speed: &mut p.speed_steps_per_sec,
            }
        } else {
            let end = self.last_step();
            let (has_results, busy) = (self.session.trained.is_some(), self.session.busy());
            let v = &mut self.view;
            LabPlayback {
                end,
                has_results,
                busy,
                cursor: &mut v.cursor_step,
                playing: &mut v.playing,
                speed: &mut v.speed_steps_per_sec,
            }
        }
    }

    /// The runs of the lab on screen (the Network lab has its own).
    fn lab_runs_mut(&mut self) -> &mut Vec<RunSpec> {
        if self.view.lab == Lab::Network {
            &mut self.network.experiment.runs
        } else {
            &mut self.session.experiment.runs
        }
    }

    /// Retrains the runs of the lab on screen after a run changed.
    fn retrain_lab(&mut self, ctx: &egui::Context) {
        if self.view.lab == Lab::Network {
            self.restart_network(true);
        } else {
            self.restart(ctx, Restart::Training);
        }
    }

    /// The runs that learning-rate and batch-size changes go to.
    fn edited_runs(&mut self) -> Vec<usize> {
        let n = self.lab_runs_mut().len();
        if self.view.apply_to_all {
            (0..n).collect()
        } else {
            vec![self.view.selected_run.min(n - 1)]
        }
    }
}

impl App {
    /// Why the formula typed into the Custom… field does not parse, if it does not.
    #[must_use]
    pub fn formula_error(&self) -> Option<&FormulaError> {
        self.view.formula_error.as_ref()
    }

    /// Formulas used this session, newest first.
    #[must_use]
    pub fn recent_formulas(&self) -> &[String] {
        &self.view.recent_formulas
    }

    /// A loaded preset's own formula (or none) replaces what was typed; the recent list stays.
    fn forget_typed_formula(&mut self) {
        self.view.formula_open = false;
        self.view.formula_error = None;
        self.view.formula_text = self
            .session
            .experiment
            .problem
            .surface
            .formula
            .as_ref()
            .map(|f| f.source().to_string())
            .unwrap_or_default();
    }

    /// Takes the formula field's `text`: a formula that parses becomes the surface (with the
    /// custom surface's default view and start when coming from a built-in one); one that
    /// does not is kept in the field with its error, and the surface stays as it was.
    fn edit_formula(&mut self, ctx: &egui::Context, text: String) {
        match Formula::parse_shared(&text) {
            Ok(formula) => {
                self.view.formula_error = None;
                let e = &mut self.session.experiment;
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
                if !unchanged {
                    e.problem.surface = Surface::custom(formula);
                    self.restart(ctx, Restart::Both);
                }
            }
            Err(error) => self.view.formula_error = Some(error),
        }
        self.view.formula_text = text;
    }
}
