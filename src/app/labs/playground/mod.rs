//! The Playground: optimizers racing on a 2-D surface. This module is the lab's session —
//! the validated [`SurfaceExperiment`], the trajectories and heatmap on screen, its two jobs
//! (training every run; the landscape grid, a quarter-resolution pass first, then row by
//! row with progress), its playback, run selection and formula editor — and its [`Lab`]
//! implementation. Its requests are [`commands::PlaygroundCommand`]; its panels are
//! [`controls`], [`view`] and [`loss`].

use std::path::Path;
use std::sync::Arc;

use crate::app::lab::{DataExport, FigureMaker, Lab, LabCx, draw_then_apply};
use crate::app::notices::Notices;
use crate::app::picture::{SurfacePicture, TrainedRuns};
use crate::app::playback::Playback;
use crate::app::runs::RunSelection;
use crate::core::formula::FormulaError;
use crate::core::landscape::Grid;
use crate::core::optim::{OptimizerKind, OptimizerSpec};
use crate::core::surface::{ShiftedCopies, Surface, SurfaceKind};
use crate::core::train::{RunSpec, Trajectory};
use crate::jobs::grid::GridProgress;
use crate::jobs::{JobSlot, tasks};
use crate::preset::{self, Preset, SurfaceExperiment, SurfaceProblem, Training, View};
use crate::render::{self, Figure};

pub mod commands;
pub mod controls;
pub mod loss;
pub mod overlays;
pub mod tuning;
pub mod view;

pub use commands::{PlaygroundCommand, Restart};

/// The name of the landscape's texture.
const TEXTURE: &str = "basin-landscape";

/// The Custom… surface's formula field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormulaEditor {
    /// The field is shown.
    pub open: bool,
    /// What the field holds (the applied formula, or what is being typed).
    pub text: String,
    /// Why `text` does not parse (the surface keeps the last good formula).
    pub error: Option<FormulaError>,
    /// Formulas used this session, newest first (at most [`RECENT_FORMULAS`]).
    pub recent: Vec<String>,
}

/// How many recent formulas the session remembers.
pub const RECENT_FORMULAS: usize = 8;

/// The formula the Custom… field starts with.
pub const EXAMPLE_FORMULA: &str = "x^2 + 10*sin(y)";

/// The Playground's session.
pub struct Playground {
    /// The validated experiment being shown and edited.
    pub experiment: SurfaceExperiment,
    /// The preset's name or path (title bar, export file names).
    pub preset_name: String,
    /// The objective of the picture on screen (hover read-outs evaluate it directly).
    pub problem: Arc<ShiftedCopies>,
    /// The trajectories on screen (possibly of an older generation until new ones arrive).
    pub trained: Option<TrainedRuns>,
    /// The heatmap on screen.
    pub picture: Option<SurfacePicture>,
    /// Training every run.
    pub training: JobSlot<(), Vec<Trajectory>>,
    /// The landscape grid.
    pub landscape: JobSlot<GridProgress, Option<Grid>>,
    /// The objective the running landscape job evaluates (it becomes `problem` when the
    /// grid lands).
    landscape_problem: Arc<ShiftedCopies>,
    /// Fraction of the full landscape grid done.
    pub landscape_fraction: f32,
    /// The race's playback.
    pub playback: Playback,
    /// Which run the run editor edits.
    pub runs: RunSelection,
    /// The Custom… surface's formula field.
    pub formula: FormulaEditor,
    /// Plot-to-screen transform of the landscape, as last drawn.
    pub landscape_transform: Option<egui_plot::PlotTransform>,
    /// "Tune learning rates": its job, the tuned rates and the ones before.
    pub tuning: tuning::Tuning,
    /// Inside a step: the anatomy at the playback step and the rule panel.
    pub step_view: overlays::StepView,
}

impl Playground {
    /// A session for `experiment`, with nothing computed yet.
    #[must_use]
    pub fn new(experiment: SurfaceExperiment, preset_name: String) -> Self {
        let problem = Arc::new(experiment.problem.build(experiment.seed));
        let playback = Playback::for_steps(experiment.training.steps);
        let mut playground = Self {
            experiment,
            preset_name,
            landscape_problem: Arc::clone(&problem),
            problem,
            trained: None,
            picture: None,
            training: JobSlot::default(),
            landscape: JobSlot::default(),
            landscape_fraction: 0.0,
            playback,
            runs: RunSelection::default(),
            formula: FormulaEditor::default(),
            landscape_transform: None,
            tuning: tuning::Tuning::default(),
            step_view: overlays::StepView::default(),
        };
        playground.forget_typed_formula();
        playground
    }

    /// The default preset's race (a built-in Rosenbrock race with a notice if it does not
    /// load).
    #[must_use]
    pub fn default_lab(notices: &mut Notices) -> Self {
        match preset::load_surface(preset::DEFAULT_PRESET, &[]) {
            Ok(e) => Self::new(e, preset::DEFAULT_PRESET.to_string()),
            Err(err) => {
                notices.error(crate::i18n::fill(
                    "common.notice.fallback_playground",
                    &[&err],
                ));
                Self::new(fallback_experiment(), preset::DEFAULT_PRESET.to_string())
            }
        }
    }

    // ----- accessors (for panels and tests) -----

    /// The experiment being shown.
    #[must_use]
    pub fn experiment(&self) -> &SurfaceExperiment {
        &self.experiment
    }

    /// The playback position in whole steps.
    #[must_use]
    pub fn cursor_step(&self) -> usize {
        self.playback.step()
    }

    /// Whether the playback is running.
    #[must_use]
    pub fn playing(&self) -> bool {
        self.playback.playing
    }

    /// The trained runs on screen, if any.
    #[must_use]
    pub fn trained(&self) -> Option<&TrainedRuns> {
        self.trained.as_ref()
    }

    /// The landscape grid on screen, if any.
    #[must_use]
    pub fn grid(&self) -> Option<&Grid> {
        self.picture.as_ref().map(|p| &p.grid)
    }

    /// The generation of the trajectories on screen (0 before the first).
    #[must_use]
    pub fn trained_generation(&self) -> u64 {
        self.training.landed()
    }

    /// The generation of the full-resolution landscape on screen (0 before the first).
    #[must_use]
    pub fn picture_generation(&self) -> u64 {
        self.landscape.landed()
    }

    /// How many jobs were ever started (it moves exactly when something restarts).
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.training.generation() + self.landscape.generation()
    }

    /// Why the formula typed into the Custom… field does not parse, if it does not.
    #[must_use]
    pub fn formula_error(&self) -> Option<&FormulaError> {
        self.formula.error.as_ref()
    }

    /// Formulas used this session, newest first.
    #[must_use]
    pub fn recent_formulas(&self) -> &[String] {
        &self.formula.recent
    }

    /// Where the point θ is on screen in the landscape plot, as last drawn (for tests and
    /// scripted input).
    #[must_use]
    pub fn landscape_screen_pos(&self, theta: [f64; 2]) -> Option<egui::Pos2> {
        self.landscape_transform
            .as_ref()
            .map(|t| t.position_from_point(&egui_plot::PlotPoint::new(theta[0], theta[1])))
    }

    // ----- jobs -----

    /// Starts the jobs `what` names; the running ones of that kind are cancelled. The old
    /// results stay on screen until new ones arrive.
    pub fn restart_jobs(&mut self, cx: &LabCx<'_>, what: Restart) {
        let Some(jobs) = cx.jobs else {
            return;
        };
        if matches!(what, Restart::Training | Restart::Both) {
            let task = tasks::SurfaceTrainingTask {
                experiment: self.experiment.clone(),
            };
            self.training.start_task(jobs, task);
        }
        if matches!(what, Restart::Landscape | Restart::Both) {
            let e = &self.experiment;
            self.landscape_fraction = 0.0;
            self.landscape_problem = Arc::new(e.problem.build(e.seed));
            let task = tasks::SurfaceLandscapeTask {
                experiment: self.experiment.clone(),
            };
            self.landscape.start_task(jobs, task);
        }
        cx.ctx.request_repaint();
    }

    /// Builds the texture, scale and contours of a new grid (once per grid).
    fn set_picture(
        &mut self,
        ctx: &egui::Context,
        grid: Grid,
        colormap: crate::render::palette::ColorMap,
    ) {
        SurfacePicture::replace(
            &mut self.picture,
            ctx,
            TEXTURE,
            grid,
            self.experiment.view.log_scale,
            colormap,
        );
    }

    /// Redraws the grid on screen after a colour-map or scale change.
    fn repaint_picture(&mut self, ctx: &egui::Context, colormap: crate::render::palette::ColorMap) {
        if let Some(picture) = self.picture.take() {
            let grid = picture.grid.clone();
            self.picture = Some(picture);
            self.set_picture(ctx, grid, colormap);
        }
    }

    /// A loaded preset's own formula (or none) replaces what was typed; the recent list stays.
    fn forget_typed_formula(&mut self) {
        self.formula.open = false;
        self.formula.error = None;
        self.formula.text = self
            .experiment
            .problem
            .surface
            .formula
            .as_ref()
            .map(|f| f.source().to_string())
            .unwrap_or_default();
    }
}

impl Lab for Playground {
    fn preset_name(&self) -> &str {
        &self.preset_name
    }

    fn open(&mut self, preset: Preset, name: String) -> Result<(), Box<Preset>> {
        let Preset::Surface(experiment) = preset else {
            return Err(Box::new(preset));
        };
        self.experiment = experiment;
        self.preset_name = name;
        self.runs.selected = 0;
        self.tuning = tuning::Tuning::default();
        self.playback = Playback::for_steps(self.experiment.training.steps);
        overlays::open_on_overlays(self);
        self.forget_typed_formula();
        Ok(())
    }

    fn to_toml(&self) -> String {
        preset::to_toml(&overlays::with_overlays_here(self))
    }

    fn restart(&mut self, cx: &mut LabCx<'_>) {
        self.restart_jobs(cx, Restart::Both);
    }

    fn needs_start(&self) -> bool {
        self.trained.is_none() && self.picture.is_none() && !self.busy()
    }

    fn busy(&self) -> bool {
        self.training.busy() || self.landscape.busy() || self.tuning.job.busy()
    }

    fn update(&mut self, cx: &mut LabCx<'_>) {
        let mut arrived = None;
        self.training
            .poll(|()| {}, |trajectories, _| arrived = Some(trajectories));
        if let Some(trajectories) = arrived {
            let e = &self.experiment;
            let mut trained = TrainedRuns::new(e.runs.clone(), e.problem.samples, trajectories);
            trained.tuned_lrs = self.tuned_lrs();
            let end = trained.last_step as f64;
            self.playback.cursor_step = self.playback.cursor_step.min(end);
            self.trained = Some(trained);
        }
        self.poll_tuning(cx);
        let (mut coarse, mut result) = (None, None);
        let fraction = &mut self.landscape_fraction;
        self.landscape.poll(
            |progress| match progress {
                GridProgress::Coarse(grid) => coarse = Some(grid),
                GridProgress::Rows(f) => *fraction = f,
            },
            |r, _| result = Some(r),
        );
        let colormap = cx.prefs.colormap;
        if let Some(Some(grid)) = result {
            self.problem = Arc::clone(&self.landscape_problem);
            self.set_picture(cx.ctx, grid, colormap);
            self.landscape_fraction = 1.0;
        } else if let Some(grid) = coarse {
            self.set_picture(cx.ctx, grid, colormap);
        }
        overlays::update(self, cx);
        let dt = f64::from(cx.ctx.input(|i| i.stable_dt).min(0.1));
        // Nothing to animate before the first trajectories (the job's waker repaints then).
        if self.trained.is_some() {
            #[allow(clippy::cast_precision_loss)]
            let end = self.last_step() as f64;
            let busy = self.busy();
            if self.playback.advance(dt, end, busy) {
                cx.ctx.request_repaint();
            }
        }
    }

    fn controls_ui(&mut self, ui: &mut egui::Ui, cx: &mut LabCx<'_>) {
        draw_then_apply(self, ui, cx, controls::controls_ui);
    }

    fn central_ui(&mut self, ui: &mut egui::Ui, cx: &mut LabCx<'_>) {
        self.landscape_transform = draw_then_apply(self, ui, cx, view::view_ui);
    }

    fn status_ui(&self, ui: &mut egui::Ui) {
        use crate::i18n::{fill, tr};
        if self.training.busy() {
            ui.spinner();
            ui.label(fill("pg.status.training", &[&self.experiment.runs.len()]));
        }
        if self.landscape.busy() {
            ui.label(tr("common.status.landscape"));
            ui.add(crate::ui::progress_bar(self.landscape_fraction));
        }
        if self.tuning.job.busy() {
            ui.label(tr("pg.tune.running"));
            ui.add(crate::ui::progress_bar(self.tuning.fraction));
        }
    }

    fn seed(&self) -> (u64, &'static str) {
        (self.experiment.seed, "pg.status.seed.tip")
    }

    fn playback(&mut self) -> Option<&mut Playback> {
        Some(&mut self.playback)
    }

    fn last_step(&self) -> usize {
        self.trained
            .as_ref()
            .map_or(self.experiment.training.steps, |t| t.last_step)
    }

    fn help(&self) -> &'static [&'static str] {
        &["pg.help.1", "pg.help.2", "pg.help.3"]
    }

    fn data_export(&self) -> Option<DataExport> {
        Some(DataExport::new(
            "common.top.export_trajectories",
            "common.top.export_trajectories.tip",
            "trajectories",
            "common.notice.what_trajectories",
        ))
    }

    fn write_data(&self, path: &Path) -> Result<(), String> {
        let Some(trained) = &self.trained else {
            return Err(crate::i18n::tr("pg.notice.no_trajectories").to_string());
        };
        // The runs that produced these trajectories (the experiment may have moved on).
        let mut experiment = self.experiment.clone();
        experiment.runs.clone_from(&trained.runs);
        crate::export::write_trajectories_csv(path, &experiment, &trained.trajectories)
            .map_err(|e| e.to_string())
    }

    fn animates(&self) -> bool {
        true
    }

    fn figure(&self, name: &str, lang: crate::i18n::Lang) -> Result<FigureMaker, &'static str> {
        let (Some(picture), Some(trained)) = (&self.picture, &self.trained) else {
            return Err("common.notice.nothing_yet_runs");
        };
        let mut experiment = overlays::with_overlays_here(self);
        experiment.runs.clone_from(&trained.runs);
        let grid = picture.grid.clone();
        let problem = Arc::clone(&self.problem);
        let trajectories = trained.trajectories.clone();
        let colormap = picture.colormap;
        let name = name.to_string();
        Ok(Box::new(move || {
            let mut figure =
                render::LandscapeFigure::surface(&experiment, &name, grid, &trajectories, lang);
            figure.colormap = colormap;
            figure.step = render::overlay::StepFigure::of_experiment(
                &experiment,
                &problem,
                &trajectories,
                lang,
            );
            Figure::Landscape(Box::new(figure))
        }))
    }

    fn recolour(&mut self, ctx: &egui::Context, colormap: crate::render::palette::ColorMap) {
        self.repaint_picture(ctx, colormap);
    }

    fn screenshot_ready(&mut self) -> bool {
        let ready = self.trained.is_some() && self.picture.is_some() && !self.busy();
        if ready {
            // The end of the race.
            #[allow(clippy::cast_precision_loss)]
            self.playback.show_end(self.last_step() as f64);
        }
        ready
    }
}

/// The experiment used when no preset can be loaded: five optimizers racing on Rosenbrock
/// (the shape of the default preset, built in code).
#[must_use]
pub fn fallback_experiment() -> SurfaceExperiment {
    let mut sgd = OptimizerSpec::defaults(OptimizerKind::Sgd);
    sgd.lr = 1e-3;
    let mut momentum = sgd.clone();
    momentum.momentum = 0.9;
    let mut nesterov = momentum.clone();
    nesterov.nesterov = true;
    let mut rmsprop = OptimizerSpec::defaults(OptimizerKind::RmsProp);
    rmsprop.lr = 1e-2;
    let mut adam = OptimizerSpec::defaults(OptimizerKind::Adam);
    adam.lr = 5e-2;
    let kind = SurfaceKind::Rosenbrock;
    SurfaceExperiment {
        name: "Rosenbrock race".to_string(),
        description: "Five optimizers race down Rosenbrock's curved valley from the same start."
            .to_string(),
        seed: 7,
        problem: SurfaceProblem {
            surface: Surface::new(kind),
            samples: 64,
            noise: 0.0,
            test_samples: 1024,
        },
        training: Training {
            steps: 500,
            start: [-1.5, 2.0],
        },
        runs: [sgd, momentum, nesterov, rmsprop, adam]
            .into_iter()
            .map(RunSpec::new)
            .collect(),
        view: View {
            x: [-2.0, 2.0],
            y: [-1.0, 3.0],
            resolution: 256,
            layer: crate::core::landscape::Layer::Train,
            log_scale: true,
            step_overlays: crate::preset::StepOverlays::default(),
        },
    }
}
