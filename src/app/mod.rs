//! The eframe application (behind the default `gui` feature): the Playground, Network, Sharp
//! vs Flat and Bias–Variance labs, one shown at a time ([`state::Lab`]), in English or
//! Korean ([`crate::i18n`]), with its settings saved between sessions ([`settings`]).
//!
//! [`App`] owns a [`state::Session`] (the validated experiment, results, jobs, notices) and a
//! small [`state::ViewState`]. Each frame, [`eframe::App::logic`] folds finished job results
//! into the session and advances the playback; [`eframe::App::ui`] draws the panels of
//! [`crate::ui`], which push [`Command`]s that are applied afterwards in one `match`.
//! Nothing heavy runs on the UI thread: training and landscape grids run as jobs on the
//! rayon pool of [`crate::jobs::Jobs`], and their results replace the old ones only when they
//! arrive (the old picture stays meanwhile).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::core::landscape::GridSpec;
use crate::i18n::{Lang, fill, tr};
use crate::jobs::{JobEvent, Jobs, tasks};
use crate::preset::{self, NetworkExperiment, Preset, RegressionExperiment, SurfaceExperiment};

pub mod biasvar;
pub mod command;
mod commands;
pub mod figure_export;
mod files;
pub mod network;
pub mod settings;
pub mod sharpflat;
pub mod state;

pub use command::{Command, Restart};
use state::{
    Lab, LandscapeProgress, LandscapeResult, NoticeKind, Session, SurfacePicture, TrainedRuns,
    ViewState,
};

/// How the app starts: `basin`, `basin open PRESET`, `basin open PRESET --screenshot F`.
#[derive(Clone, Debug, Default)]
pub struct Startup {
    /// The experiment to open (the default preset when `None`).
    pub experiment: Option<SurfaceExperiment>,
    /// A bias–variance experiment to open instead: the window starts on the Bias–Variance lab.
    pub regression: Option<RegressionExperiment>,
    /// A network experiment to open instead: the window starts on the Network lab.
    pub network: Option<NetworkExperiment>,
    /// Open the experiment (`network`, or the surface `experiment`) in the Sharp vs Flat lab
    /// instead.
    pub sharp_flat: bool,
    /// The preset's name or path, for the title bar.
    pub preset_name: Option<String>,
    /// Save a screenshot here and exit (scripted images, CI's smoke test).
    pub screenshot: Option<PathBuf>,
    /// With `screenshot`: frames to run first (default: until the trajectories are done).
    pub frames: Option<u64>,
    /// The language (`--lang`); the saved one, else English, when `None`.
    pub lang: Option<Lang>,
    /// Saved settings to restore instead of eframe's storage (tests; `None`: the storage's).
    pub settings: Option<String>,
}

/// Opens the window and runs until it is closed.
///
/// # Errors
/// If no window can be created.
pub fn run(startup: Startup) -> Result<(), eframe::Error> {
    RUN_STARTED.get_or_init(std::time::Instant::now);
    let lab = if startup.regression.is_some() {
        Lab::BiasVariance
    } else if startup.sharp_flat {
        Lab::SharpFlat
    } else if startup.network.is_some() {
        Lab::Network
    } else {
        Lab::Playground
    };
    let title = window_title(lab, startup.preset_name.as_deref());
    let mut options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([960.0, 600.0])
            .with_title(title),
        ..Default::default()
    };
    if startup.screenshot.is_some() {
        // A scripted screenshot is reproducible: no saved window, panel sizes or settings
        // are read (an empty storage of its own) and nothing is written.
        options.persist_window = false;
        options.persistence_path =
            Some(std::env::temp_dir().join(format!("basin-scripted-{}.ron", std::process::id())));
    }
    eframe::run_native(
        "basin",
        options,
        Box::new(|cc| Ok(Box::new(App::new(cc, startup)))),
    )
}

/// When [`run`] was called: with `BASIN_TIMING` set in the environment, the first frame
/// reports how long after this it was drawn (the start-up figure in BENCHMARKS.md).
static RUN_STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The window title for a lab and a preset.
fn window_title(lab: Lab, preset_name: Option<&str>) -> String {
    match preset_name {
        Some(name) => format!("basin — {} — {name}", lab.title()),
        None => format!("basin — {}", lab.title()),
    }
}

/// The Bias–Variance lab on its last preset, if one was saved and still loads.
fn last_bias_variance(last: &settings::LastPresets) -> Option<biasvar::BiasVarSession> {
    let name = last.bias_variance.as_deref()?;
    match preset::load(name, &[]) {
        Ok(Preset::Regression(e)) => Some(biasvar::BiasVarSession::new(e, name.to_string())),
        _ => None,
    }
}

/// The Network lab on its last preset, if one was saved and still loads.
fn last_network(last: &settings::LastPresets) -> Option<network::NetworkSession> {
    let name = last.network.as_deref()?;
    match preset::load(name, &[]) {
        Ok(Preset::Network(e)) => Some(network::NetworkSession::new(e, name.to_string())),
        _ => None,
    }
}

/// The Sharp vs Flat lab on its last preset, if one was saved and still loads.
fn last_sharp_flat(last: &settings::LastPresets) -> Option<sharpflat::SharpFlatSession> {
    let name = last.sharp_flat.as_deref()?;
    let source = match preset::load(name, &[]) {
        Ok(Preset::Network(e)) => sharpflat::SfSource::Network(Box::new(e)),
        Ok(Preset::Surface(e)) => sharpflat::SfSource::Surface(Box::new(e)),
        _ => return None,
    };
    Some(sharpflat::SharpFlatSession::new(source, name.to_string()))
}

/// A playback speed that shows a whole race in about eight seconds (10 to 2000 steps/s).
#[must_use]
pub fn race_speed(steps: usize) -> f64 {
    (steps as f64 / 8.0).clamp(10.0, 2000.0)
}

/// The absolute form of a path we wrote, for notices (falls back to the path as given).
fn shown_path(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A screenshot being taken: where it goes, and the image once the integration has it.
struct PendingScreenshot {
    path: PathBuf,
    image: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
}

/// The scripted `--screenshot` mode.
struct ScriptedShot {
    path: PathBuf,
    frames: Option<u64>,
    requested: bool,
    settled_frames: u64,
}

/// The Playground application.
pub struct App {
    /// The experiment, results, jobs and notices.
    pub session: Session,
    /// Playback, selection and display choices.
    pub view: ViewState,
    /// The Bias–Variance lab's experiment, sweep and job.
    pub bias_variance: biasvar::BiasVarSession,
    /// The Network lab's experiment, results and jobs.
    pub network: network::NetworkSession,
    /// The Sharp vs Flat lab's problem, runs, sweep and jobs.
    pub sharp_flat: sharpflat::SharpFlatSession,
    jobs: Option<Jobs>,
    figure_export: figure_export::FigureExportJob,
    frame_count: u64,
    screenshot: Option<PendingScreenshot>,
    scripted: Option<ScriptedShot>,
    panels: crate::ui::Panels,
    /// egui's zoom factor as of the last frame (saved with the settings).
    zoom: f32,
}

impl App {
    /// Builds the app and starts the first jobs. With no experiment in `startup`, loads
    /// [`preset::DEFAULT_PRESET`]; if even that fails, a built-in Rosenbrock race is shown
    /// with a notice saying why.
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> Self {
        let ctx = cc.egui_ctx.clone();
        crate::ui::setup_style(&ctx);
        // A scripted screenshot is reproducible: it neither reads nor writes saved settings.
        let saved = startup.settings.clone().or_else(|| {
            cc.storage
                .filter(|_| startup.screenshot.is_none())
                .and_then(|storage| storage.get_string(settings::STORAGE_KEY))
        });
        let restored = settings::restore(saved.as_deref());
        let mut view = ViewState::default();
        let mut notices = Vec::new();
        let lang = startup.lang.unwrap_or(restored.settings.lang);
        crate::i18n::set_lang(lang);
        match &restored.ignored {
            None => {}
            Some(settings::IgnoredReason::Corrupt(reason)) => {
                notices.push(fill("notice.settings_ignored", &[reason]));
            }
            Some(settings::IgnoredReason::OtherVersion(_)) => {
                notices.push(tr("notice.settings_old").to_string());
            }
        }
        let restored = restored.settings;
        view.lang = lang;
        view.dark_theme = restored.dark_theme;
        view.explain_open = restored.explain_open;
        view.panels_hidden = restored.panels_hidden;
        view.show_test_loss = restored.show_test_loss;
        view.recent_files.clone_from(&restored.recent_files);
        view.last_preset = restored.last_preset.clone();
        if restored.high_contrast {
            view.high_contrast = true;
            view.colormap_before_contrast = view.colormap;
            view.colormap = crate::ui::heatmap::ColorMap::Magma;
        }
        ctx.set_zoom_factor(restored.zoom);
        crate::ui::apply_theme(&ctx, view.dark_theme);
        // The Playground reopens on its last preset (if it still loads) unless the command
        // line named one for it.
        let last_playground = restored
            .last_preset
            .playground
            .as_ref()
            .filter(|_| startup.experiment.is_none())
            .and_then(|last| {
                preset::load_surface(last, &[])
                    .ok()
                    .map(|e| (e, last.clone()))
            });
        let sharp_flat_source = if startup.sharp_flat {
            match (&startup.network, &startup.experiment) {
                (Some(e), _) => Some(sharpflat::SfSource::Network(Box::new(e.clone()))),
                (None, Some(e)) => Some(sharpflat::SfSource::Surface(Box::new(e.clone()))),
                (None, None) => None,
            }
        } else {
            None
        };
        let (experiment, name) = match (startup.experiment, last_playground) {
            (Some(e), _) => {
                let name = startup
                    .preset_name
                    .clone()
                    .unwrap_or_else(|| e.name.clone());
                (e, name)
            }
            (None, Some(last)) => last,
            (None, None) => match preset::load_surface(preset::DEFAULT_PRESET, &[]) {
                Ok(e) => (e, preset::DEFAULT_PRESET.to_string()),
                Err(err) => {
                    notices.push(format!("{err}; showing a built-in Rosenbrock race"));
                    (
                        state::fallback_experiment(),
                        preset::DEFAULT_PRESET.to_string(),
                    )
                }
            },
        };
        let mut session = Session::new(experiment, name);
        let bias_variance = match startup.regression {
            Some(e) => {
                view.lab = Lab::BiasVariance;
                let name = startup
                    .preset_name
                    .clone()
                    .unwrap_or_else(|| e.name.clone());
                biasvar::BiasVarSession::new(e, name)
            }
            None => last_bias_variance(&restored.last_preset)
                .unwrap_or_else(biasvar::BiasVarSession::default_session),
        };
        let sharp_flat = match sharp_flat_source {
            Some(source) => {
                view.lab = Lab::SharpFlat;
                let name = startup
                    .preset_name
                    .clone()
                    .unwrap_or_else(|| source.name().to_string());
                sharpflat::SharpFlatSession::new(source, name)
            }
            None => last_sharp_flat(&restored.last_preset)
                .map_or_else(sharpflat::SharpFlatSession::default_session, Ok)
                .unwrap_or_else(|err| {
                    notices.push(format!(
                        "{err}; the Sharp vs Flat lab shows a built-in moons network"
                    ));
                    sharpflat::SharpFlatSession::new(
                        sharpflat::SfSource::Network(Box::new(network::fallback_network())),
                        "moons".to_string(),
                    )
                }),
        };
        let network = match startup.network.filter(|_| !startup.sharp_flat) {
            Some(e) => {
                view.lab = Lab::Network;
                let name = startup
                    .preset_name
                    .clone()
                    .unwrap_or_else(|| e.name.clone());
                network::NetworkSession::new(e, name)
            }
            None => last_network(&restored.last_preset)
                .map_or_else(network::NetworkSession::default_session, Ok)
                .unwrap_or_else(|err| {
                    notices.push(format!("{err}; showing a built-in moons network"));
                    network::NetworkSession::new(
                        network::fallback_network(),
                        preset::DEFAULT_NETWORK_PRESET.to_string(),
                    )
                }),
        };
        for n in notices {
            session.notify(NoticeKind::Error, n);
        }

        let waker_ctx = ctx.clone();
        let waker: crate::jobs::Waker = Arc::new(move || waker_ctx.request_repaint());
        let jobs = match Jobs::new(0, Arc::clone(&waker)).or_else(|_| Jobs::new(1, waker)) {
            Ok(jobs) => Some(jobs),
            Err(err) => {
                session.notify(
                    NoticeKind::Error,
                    format!("cannot start worker threads: {err}"),
                );
                None
            }
        };
        let scripted = startup.screenshot.map(|path| ScriptedShot {
            path,
            frames: startup.frames,
            requested: false,
            settled_frames: 0,
        });
        view.speed_steps_per_sec = race_speed(session.experiment.training.steps);
        let mut app = Self {
            session,
            view,
            bias_variance,
            network,
            sharp_flat,
            jobs,
            figure_export: figure_export::FigureExportJob::default(),
            frame_count: 0,
            screenshot: None,
            scripted,
            panels: crate::ui::Panels::default(),
            zoom: restored.zoom,
        };
        // The title of `run` was made before the language was known.
        app.send_title(&ctx);
        app.restart(&ctx, Restart::Both);
        match app.view.lab {
            Lab::BiasVariance => app.restart_bias_variance(),
            Lab::Network => app.restart_network(true),
            Lab::SharpFlat => app.restart_sharp_flat(),
            Lab::Playground => {}
        }
        app
    }

    // ----- accessors (for panels and tests) -----

    /// The experiment being shown.
    #[must_use]
    pub fn experiment(&self) -> &SurfaceExperiment {
        &self.session.experiment
    }

    /// The playback position in whole steps.
    #[must_use]
    pub fn cursor_step(&self) -> usize {
        // The cursor is clamped to [0, last step], so the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let step = self.view.cursor_step.max(0.0).floor() as usize;
        step
    }

    /// Whether the playback is running.
    #[must_use]
    pub fn playing(&self) -> bool {
        self.view.playing
    }

    /// The trained runs on screen, if any.
    #[must_use]
    pub fn trained(&self) -> Option<&TrainedRuns> {
        self.session.trained.as_ref()
    }

    /// The landscape grid on screen, if any.
    #[must_use]
    pub fn grid(&self) -> Option<&crate::core::landscape::Grid> {
        self.session.picture.as_ref().map(|p| &p.grid)
    }

    /// Whether a job is still computing (in either lab).
    #[must_use]
    pub fn busy(&self) -> bool {
        self.session.busy()
            || self.bias_variance.busy()
            || self.network.busy()
            || self.sharp_flat.busy()
    }

    /// The lab on screen.
    #[must_use]
    pub fn lab(&self) -> Lab {
        self.view.lab
    }

    /// The preset name (or path) shown in lab `lab`.
    #[must_use]
    pub fn preset_name(&self, lab: Lab) -> &str {
        match lab {
            Lab::Playground => &self.session.preset_name,
            Lab::BiasVariance => &self.bias_variance.preset_name,
            Lab::Network => &self.network.preset_name,
            Lab::SharpFlat => &self.sharp_flat.preset_name,
        }
    }

    /// Sets the window title to the lab on screen and its preset, in the current language.
    fn send_title(&self, ctx: &egui::Context) {
        let lab = self.view.lab;
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(window_title(
            lab,
            Some(self.preset_name(lab)),
        )));
    }

    /// The settings to remember: what the view holds now.
    #[must_use]
    pub fn settings(&self) -> settings::Settings {
        settings::Settings {
            version: settings::VERSION,
            lang: self.view.lang,
            zoom: self.zoom,
            dark_theme: self.view.dark_theme,
            high_contrast: self.view.high_contrast,
            explain_open: self.view.explain_open,
            panels_hidden: self.view.panels_hidden,
            show_test_loss: self.view.show_test_loss,
            last_preset: self.view.last_preset.clone(),
            recent_files: self.view.recent_files.clone(),
        }
    }

    /// Where the point θ is on screen in the landscape plot, as last drawn (for tests and
    /// scripted input).
    #[must_use]
    pub fn landscape_screen_pos(&self, theta: [f64; 2]) -> Option<egui::Pos2> {
        self.panels
            .landscape
            .as_ref()
            .map(|t| t.position_from_point(&egui_plot::PlotPoint::new(theta[0], theta[1])))
    }

    /// The generation of the full-resolution landscape on screen (0 before the first).
    #[must_use]
    pub fn picture_generation(&self) -> u64 {
        self.session.picture_generation
    }

    /// The generation of the trajectories on screen (0 before the first).
    #[must_use]
    pub fn trained_generation(&self) -> u64 {
        self.session.trained_generation
    }

    /// The notices in the status bar.
    #[must_use]
    pub fn notices(&self) -> &[state::Notice] {
        &self.session.notices
    }

    /// The last step of the playback (the longest trajectory, or the configured steps).
    #[must_use]
    pub fn last_step(&self) -> f64 {
        let steps = self
            .session
            .trained
            .as_ref()
            .map_or(self.session.experiment.training.steps, |t| t.last_step);
        steps as f64
    }

    // ----- jobs -----

    /// Bumps the generation and starts the jobs `what` names; the old handles are dropped
    /// (cancelling their jobs). The old results stay on screen until new ones arrive.
    pub fn restart(&mut self, ctx: &egui::Context, what: Restart) {
        let Some(jobs) = &self.jobs else {
            return;
        };
        self.session.generation += 1;
        let generation = self.session.generation;
        let experiment = Arc::new(self.session.experiment.clone());
        if matches!(what, Restart::Training | Restart::Both) {
            let e = Arc::clone(&experiment);
            self.session.training_job = Some(jobs.spawn(generation, move |job| {
                let problem = e.problem.build(e.seed);
                tasks::train_all(&e, &problem, job.cancel_flag())
            }));
        }
        if matches!(what, Restart::Landscape | Restart::Both) {
            let e = experiment;
            self.session.landscape_fraction = 0.0;
            self.session.landscape_job = Some(jobs.spawn(generation, move |job| {
                let problem = Arc::new(e.problem.build(e.seed));
                let spec = GridSpec::square(e.view.x, e.view.y, e.view.resolution);
                let layer = e.view.layer;
                let coarse = tasks::surface_grid(
                    &problem,
                    layer,
                    spec.coarse(4),
                    job.cancel_flag(),
                    &|_| {},
                );
                if let Some(coarse) = coarse {
                    job.progress(LandscapeProgress::Coarse(coarse));
                }
                let rows = spec.ny.max(1);
                let step = (rows / 16).max(1);
                let grid = tasks::surface_grid(&problem, layer, spec, job.cancel_flag(), &|done| {
                    if done % step == 0 {
                        #[allow(clippy::cast_precision_loss)]
                        let fraction = done as f32 / rows as f32;
                        job.progress(LandscapeProgress::Rows(fraction));
                    }
                });
                LandscapeResult { grid, problem }
            }));
        }
        ctx.request_repaint();
    }

    /// Folds every event that has arrived into the session (never waits).
    fn poll_jobs(&mut self, ctx: &egui::Context) {
        let generation = self.session.generation;
        if let Some(job) = &mut self.session.training_job {
            let job_generation = job.generation();
            let mut finished = None;
            for event in job.drain() {
                if let JobEvent::Finished(trajectories) = event {
                    finished = Some(trajectories);
                }
            }
            let done = job.is_done();
            // The slot only ever holds the newest training job; the check guards the invariant.
            if let Some(trajectories) = finished
                && job_generation <= generation
                && job_generation > self.session.trained_generation
            {
                self.session.trained_generation = job_generation;
                let e = &self.session.experiment;
                let trained = TrainedRuns::new(e.runs.clone(), e.problem.samples, trajectories);
                let end = trained.last_step as f64;
                self.view.cursor_step = self.view.cursor_step.min(end);
                self.session.trained = Some(trained);
            }
            if done {
                self.session.training_job = None;
            }
        }
        if let Some(job) = &mut self.session.landscape_job {
            let job_generation = job.generation();
            let mut coarse = None;
            let mut result = None;
            for event in job.drain() {
                match event {
                    JobEvent::Progress(LandscapeProgress::Coarse(grid)) => coarse = Some(grid),
                    JobEvent::Progress(LandscapeProgress::Rows(f)) => {
                        self.session.landscape_fraction = f;
                    }
                    JobEvent::Finished(r) => result = Some(r),
                }
            }
            let done = job.is_done();
            if let Some(LandscapeResult {
                grid: Some(grid),
                problem,
            }) = result
            {
                self.session.problem = problem;
                self.session.picture_generation = job_generation;
                self.set_picture(ctx, grid);
                self.session.landscape_fraction = 1.0;
            } else if let Some(grid) = coarse {
                self.set_picture(ctx, grid);
            }
            if done {
                self.session.landscape_job = None;
            }
        }
    }

    /// Builds the texture, scale and contours of a new grid (once per grid).
    fn set_picture(&mut self, ctx: &egui::Context, grid: crate::core::landscape::Grid) {
        SurfacePicture::replace(
            &mut self.session.picture,
            ctx,
            "basin-landscape",
            grid,
            self.session.experiment.view.log_scale,
            self.view.colormap,
        );
    }

    /// Recolours the current grid after a colour-map or scale change.
    fn repaint_picture(&mut self, ctx: &egui::Context) {
        if let Some(picture) = self.session.picture.take() {
            let grid = picture.grid.clone();
            self.session.picture = Some(picture);
            self.set_picture(ctx, grid);
        }
    }

    // ----- per frame -----

    fn advance_playback(&mut self, ctx: &egui::Context) {
        let dt = f64::from(ctx.input(|i| i.stable_dt).min(0.1));
        let p = self.lab_playback();
        // Nothing to animate before the first trajectories (the job's waker repaints then).
        if !*p.playing || !p.has_results {
            return;
        }
        *p.cursor = (*p.cursor + *p.speed * dt).min(p.end);
        if *p.cursor < p.end {
            ctx.request_repaint();
        } else if !p.busy {
            // At the end and nothing pending: stop, so an idle window does not repaint.
            *p.playing = false;
        }
    }

    /// The keyboard shortcuts (listed in the ? overlay) and files dropped on the window.
    /// Keys do nothing while a text field has the focus (typing "1" in a field must not
    /// switch the lab).
    fn keyboard(&mut self, ctx: &egui::Context) -> Vec<Command> {
        let mut cmds = Vec::new();
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            cmds.push(Command::DroppedFiles(dropped));
        }
        if ctx.egui_wants_keyboard_input() {
            return cmds;
        }
        let view = &self.view;
        ctx.input(|i| {
            // Shortcuts with Ctrl/Cmd or Alt belong to egui (zoom) and the system.
            if i.modifiers.command || i.modifiers.alt {
                return;
            }
            let typed_question = i
                .events
                .iter()
                .any(|e| matches!(e, egui::Event::Text(t) if t == "?"));
            if typed_question || i.key_pressed(egui::Key::Questionmark) {
                cmds.push(Command::SetShortcutsOpen(!view.shortcuts_open));
            }
            if i.key_pressed(egui::Key::Escape) && view.shortcuts_open {
                cmds.push(Command::SetShortcutsOpen(false));
            }
            if i.key_pressed(egui::Key::Space) {
                cmds.push(Command::TogglePlay);
            }
            if i.key_pressed(egui::Key::ArrowRight) {
                cmds.push(Command::StepForward);
            }
            if i.key_pressed(egui::Key::R) || i.key_pressed(egui::Key::Home) {
                cmds.push(Command::ResetPlayback);
            }
            if i.key_pressed(egui::Key::F12) || i.key_pressed(egui::Key::S) {
                cmds.push(Command::Screenshot);
            }
            if i.key_pressed(egui::Key::F11) {
                cmds.push(Command::ToggleFullscreen);
            }
            if i.key_pressed(egui::Key::H) {
                cmds.push(Command::SetPanelsHidden(!view.panels_hidden));
            }
            if i.key_pressed(egui::Key::C) {
                cmds.push(Command::SetHighContrast(!view.high_contrast));
            }
            if i.key_pressed(egui::Key::E) {
                cmds.push(Command::SetExplainOpen(!view.explain_open));
            }
            let numbers = [
                egui::Key::Num1,
                egui::Key::Num2,
                egui::Key::Num3,
                egui::Key::Num4,
            ];
            for (key, lab) in numbers.into_iter().zip(Lab::ALL) {
                if i.key_pressed(key) && view.lab != lab {
                    cmds.push(Command::SetLab(lab));
                }
            }
        });
        cmds
    }

    fn scripted_screenshot(&mut self, ctx: &egui::Context) {
        let end = self.last_step();
        let Some(shot) = &mut self.scripted else {
            return;
        };
        if shot.requested {
            if self.screenshot.is_none() {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                ctx.request_repaint();
            }
            return;
        }
        let ready = match self.view.lab {
            Lab::Playground => {
                self.session.trained.is_some()
                    && self.session.picture.is_some()
                    && !self.session.busy()
            }
            Lab::BiasVariance => self.bias_variance.picture.is_some() && !self.bias_variance.busy(),
            Lab::Network => {
                let net = &self.network;
                (net.picture_generation > 0 || net.error.is_some())
                    && !net.busy()
                    && net.boundary_job.is_none()
                    && net
                        .boundary
                        .as_ref()
                        .is_some_and(|b| b.step == net.last_step())
            }
            Lab::SharpFlat => {
                let sf = &self.sharp_flat;
                sf.comparison.is_some() && sf.picture_generation == sf.generation && !sf.busy()
            }
        };
        let frames_done = shot.frames.is_some_and(|f| self.frame_count >= f);
        if self.view.lab == Lab::Network && self.network.trained.is_some() {
            // The boundary follows the cursor: put it at the end before the picture is ready.
            self.network.playback.cursor_step = self.network.last_step() as f64;
            self.network.playback.playing = false;
        }
        if ready {
            // Jump to the end of the race and let two frames draw it.
            self.view.cursor_step = end;
            self.view.playing = false;
            shot.settled_frames += 1;
        }
        if (ready && shot.settled_frames > 2) || frames_done {
            shot.requested = true;
            let path = shot.path.clone();
            self.request_screenshot(ctx, Some(path));
        }
        ctx.request_repaint();
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        crate::i18n::set_lang(self.view.lang);
        self.frame_count += 1;
        self.zoom = ctx.zoom_factor();
        self.poll_jobs(ctx);
        self.bias_variance.poll();
        self.poll_figure_export();
        self.network.poll(ctx, self.view.colormap);
        self.sharp_flat.poll(ctx, self.view.colormap);
        if self.view.lab == Lab::Network {
            self.follow_boundary();
        }
        if self.save_arrived_screenshot() {
            ctx.request_repaint();
        }
        self.advance_playback(ctx);
        self.scripted_screenshot(ctx);
    }

    /// A scripted screenshot shows the picture, not wherever the pointer happens to rest (under
    /// Xvfb it sits in the middle of the screen): pointer events are dropped in that mode.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.scripted.is_some() {
            raw_input.events.retain(|event| {
                !matches!(
                    event,
                    egui::Event::PointerMoved(_)
                        | egui::Event::PointerButton { .. }
                        | egui::Event::MouseMoved(_)
                )
            });
        }
    }

    fn persist_egui_memory(&self) -> bool {
        self.scripted.is_none()
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.scripted.is_none() {
            storage.set_string(settings::STORAGE_KEY, self.settings().to_text());
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        crate::i18n::set_lang(self.view.lang);
        let ctx = ui.ctx().clone();
        let mut cmds = self.keyboard(&ctx);
        let mut panels = std::mem::take(&mut self.panels);
        let labs = crate::ui::Labs {
            session: &self.session,
            bias_variance: &self.bias_variance,
            network: &self.network,
            sharp_flat: &self.sharp_flat,
        };
        panels.ui(ui, &labs, &self.view, &mut cmds);
        self.panels = panels;
        for cmd in cmds {
            self.apply(&ctx, cmd);
        }
        if self.frame_count == 1
            && std::env::var_os("BASIN_TIMING").is_some()
            && let Some(started) = RUN_STARTED.get()
        {
            eprintln!(
                "first frame laid out {:.0} ms after start",
                started.elapsed().as_secs_f64() * 1e3
            );
        }
    }
}
