//! The Playground's state: the [`Session`] (the validated experiment, the results on screen,
//! the running jobs, notices) and the small [`ViewState`] of user choices that are not part
//! of the experiment (playback, selection, colour map, theme, open dialogs).
//!
//! Panels read these; only `App::apply` (commands) and `App::logic` (job results) write them.

use std::sync::Arc;

use egui_plot::PlotPoint;

use crate::core::formula::FormulaError;
use crate::core::landscape::Grid;
use crate::core::optim::{OptimizerKind, OptimizerSpec};
use crate::core::surface::{ShiftedCopies, Surface, SurfaceKind};
use crate::core::train::{RunSpec, Trajectory};
use crate::i18n::{Lang, tr};
use crate::jobs::JobHandle;
use crate::preset::{SurfaceExperiment, SurfaceProblem, Training, View};
use crate::render::{Animation, FigureSize, Format};
use crate::ui::heatmap::{self, ColorMap, ColorScale};

/// The labs, one shown at a time (the tabs of the top bar).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lab {
    /// Optimizers racing on a 2-D surface.
    #[default]
    Playground,
    /// A small MLP on a 2-D dataset: its decision boundary, and its loss landscape on a plane
    /// through weight space with the training path projected onto it.
    Network,
    /// Two runs from one start — a small and a large batch — and how sharp their minima
    /// are; sweeps over batch sizes and learning rates.
    SharpFlat,
    /// Many fits on resampled data: bias, variance and test error against complexity.
    BiasVariance,
}

impl Lab {
    /// Every lab, in tab order.
    pub const ALL: [Self; 4] = [
        Self::Playground,
        Self::Network,
        Self::SharpFlat,
        Self::BiasVariance,
    ];

    /// The tab's text, in the current language.
    #[must_use]
    pub fn title(self) -> &'static str {
        tr(match self {
            Self::Playground => "lab.playground",
            Self::Network => "lab.network",
            Self::SharpFlat => "lab.sharp_flat",
            Self::BiasVariance => "lab.bias_variance",
        })
    }

    /// The tab's tooltip, in the current language.
    #[must_use]
    pub fn tooltip(self) -> &'static str {
        tr(match self {
            Self::Playground => "lab.playground.tip",
            Self::Network => "lab.network.tip",
            Self::SharpFlat => "lab.sharp_flat.tip",
            Self::BiasVariance => "lab.bias_variance.tip",
        })
    }

    /// The Explain panel's text: what the lab shows, and what to try.
    #[must_use]
    pub fn explanation(self) -> (&'static str, &'static str) {
        match self {
            Self::Playground => (tr("explain.playground"), tr("explain.playground.try")),
            Self::Network => (tr("explain.network"), tr("explain.network.try")),
            Self::SharpFlat => (tr("explain.sharp_flat"), tr("explain.sharp_flat.try")),
            Self::BiasVariance => (tr("explain.bias_variance"), tr("explain.bias_variance.try")),
        }
    }

    /// The lab's number key (1–4, in tab order).
    #[must_use]
    pub fn number(self) -> usize {
        Self::ALL
            .iter()
            .position(|&l| l == self)
            .map_or(1, |i| i + 1)
    }
}

/// How loud a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something worked (a file was written).
    Info,
    /// Something failed (a preset did not load); shown in red until dismissed.
    Error,
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// Info or error.
    pub kind: NoticeKind,
    /// What happened, with the file and the reason.
    pub text: String,
}

/// What the landscape job reports while it runs.
#[derive(Debug)]
pub enum LandscapeProgress {
    /// The quarter-resolution first pass.
    Coarse(Grid),
    /// Fraction of the full grid's rows done, in [0, 1].
    Rows(f32),
}

/// What the landscape job returns: the full grid (`None` if cancelled) and the problem it was
/// evaluated on (kept for hover read-outs).
#[derive(Debug)]
pub struct LandscapeResult {
    /// The full-resolution grid.
    pub grid: Option<Grid>,
    /// The objective the grid shows.
    pub problem: Arc<ShiftedCopies>,
}

/// A grid made ready to draw: its texture, scale and contour lines (built once per grid).
pub struct SurfacePicture {
    /// The grid the picture shows.
    pub grid: Grid,
    /// Maps values to colours.
    pub scale: ColorScale,
    /// The heatmap, uploaded once.
    pub texture: egui::TextureHandle,
    /// Contour polylines in (θ₁, θ₂).
    pub contours: Vec<Vec<PlotPoint>>,
    /// The colour map it was drawn with.
    pub colormap: ColorMap,
    /// Whether the scale is logarithmic.
    pub log_scale: bool,
}

/// Contour levels drawn over a heatmap.
const CONTOUR_LEVELS: usize = 12;

impl SurfacePicture {
    /// Builds the texture, scale and contours of a grid (once per grid). The texture of
    /// `previous`, if any, is reused (uploaded again) instead of allocating a new one.
    #[must_use]
    pub fn new(
        ctx: &egui::Context,
        texture_name: &str,
        grid: Grid,
        log_scale: bool,
        colormap: ColorMap,
        previous: Option<Self>,
    ) -> Self {
        let scale = ColorScale::for_grid(&grid, log_scale);
        let image = heatmap::grid_image(&grid, &scale, colormap);
        let contours = heatmap::contour_lines(&grid, &scale, CONTOUR_LEVELS)
            .into_iter()
            .map(|line| {
                line.into_iter()
                    .map(|p| PlotPoint::new(p[0], p[1]))
                    .collect()
            })
            .collect();
        let options = egui::TextureOptions::LINEAR;
        let texture = match previous {
            Some(mut old) => {
                old.texture.set(image, options);
                old.texture
            }
            None => ctx.load_texture(texture_name, image, options),
        };
        Self {
            grid,
            scale,
            texture,
            contours,
            colormap,
            log_scale,
        }
    }
}

impl SurfacePicture {
    /// Puts the picture of `grid` in `slot`, reusing the texture of the picture there.
    pub fn replace(
        slot: &mut Option<Self>,
        ctx: &egui::Context,
        texture_name: &str,
        grid: Grid,
        log_scale: bool,
        colormap: ColorMap,
    ) {
        let previous = slot.take();
        *slot = Some(Self::new(
            ctx,
            texture_name,
            grid,
            log_scale,
            colormap,
            previous,
        ));
    }

    /// Recolours the picture in `slot` (same grid and scale) with `colormap`.
    pub fn recolour(
        slot: &mut Option<Self>,
        ctx: &egui::Context,
        texture_name: &str,
        colormap: ColorMap,
    ) {
        if let Some(picture) = slot.as_ref() {
            let (grid, log_scale) = (picture.grid.clone(), picture.log_scale);
            Self::replace(slot, ctx, texture_name, grid, log_scale, colormap);
        }
    }
}

/// Trained runs with everything the plots borrow each frame (no per-frame copies).
#[derive(Clone, Debug)]
pub struct TrainedRuns {
    /// The run specs that produced the trajectories (legend texts).
    pub runs: Vec<RunSpec>,
    /// N, for the batch-size part of the legend.
    pub n_train: usize,
    /// One per run.
    pub trajectories: Vec<Trajectory>,
    /// Parameters (θ₁, θ₂) per point, one series per run.
    pub paths: Vec<Vec<PlotPoint>>,
    /// (step, train loss) per point, y in log10 when `log_loss`.
    pub train_curves: Vec<Vec<PlotPoint>>,
    /// (step, test loss) per point, y in log10 when `log_loss`.
    pub test_curves: Vec<Vec<PlotPoint>>,
    /// (step, learning rate of that step) per step, one series per run.
    pub lr_curves: Vec<Vec<PlotPoint>>,
    /// Whether every loss is > 0, so the loss axis is logarithmic.
    pub log_loss: bool,
    /// The longest trajectory's last step.
    pub last_step: usize,
    /// The loss plot's y range (in plot units): every run that did not diverge, so a
    /// diverging run leaves through the top instead of squashing the others.
    pub loss_range: [f64; 2],
}

impl TrainedRuns {
    /// Prepares the plot series of freshly trained runs.
    #[must_use]
    pub fn new(runs: Vec<RunSpec>, n_train: usize, trajectories: Vec<Trajectory>) -> Self {
        let paths = trajectories
            .iter()
            .map(|t| {
                (0..t.len())
                    .map(|i| {
                        let p = t.point(i);
                        PlotPoint::new(p[0], p.get(1).copied().unwrap_or(0.0))
                    })
                    .collect()
            })
            .collect();
        Self::with_paths(runs, n_train, trajectories, paths)
    }

    /// Prepares the loss curves of trained runs whose paths on screen are `paths` (for a
    /// network: the coordinates on a plane through weight space, one series per run; they may
    /// be empty until the plane is known). The trajectories' parameters are not read, so a
    /// caller may pass them without (`params` empty) to save memory.
    #[must_use]
    pub fn with_paths(
        runs: Vec<RunSpec>,
        n_train: usize,
        trajectories: Vec<Trajectory>,
        paths: Vec<Vec<PlotPoint>>,
    ) -> Self {
        let log_loss = trajectories.iter().all(|t| {
            t.train_loss
                .iter()
                .chain(&t.test_loss)
                .all(|&l| l > 0.0 || !l.is_finite())
        });
        let y = |l: f64| if log_loss { l.log10() } else { l };
        let curve = |losses: &[f64]| -> Vec<PlotPoint> {
            losses
                .iter()
                .enumerate()
                .filter(|(_, l)| l.is_finite())
                .map(|(i, &l)| PlotPoint::new(i as f64, y(l)))
                .collect()
        };
        let train_curves: Vec<Vec<PlotPoint>> =
            trajectories.iter().map(|t| curve(&t.train_loss)).collect();
        let test_curves = trajectories.iter().map(|t| curve(&t.test_loss)).collect();
        let last_step = trajectories
            .iter()
            .map(|t| t.len().saturating_sub(1))
            .max()
            .unwrap_or(0);
        let loss_range = loss_range(&trajectories, &train_curves);
        let lr_curves = trajectories
            .iter()
            .map(|t| {
                t.lr.iter()
                    .enumerate()
                    .map(|(k, &lr)| PlotPoint::new((k + 1) as f64, lr))
                    .collect()
            })
            .collect();
        Self {
            lr_curves,
            runs,
            n_train,
            trajectories,
            paths,
            train_curves,
            test_curves,
            log_loss,
            last_step,
            loss_range,
        }
    }

    /// The legend text of run `i`: [`RunSpec::legend`], plus " — diverged".
    #[must_use]
    pub fn legend(&self, i: usize) -> String {
        let base = self
            .runs
            .get(i)
            .map_or_else(|| format!("run {}", i + 1), |r| r.legend(self.n_train));
        if self.trajectories.get(i).is_some_and(Trajectory::diverged) {
            format!("{base} — diverged")
        } else {
            base
        }
    }
}

/// The y range of the loss curves of runs that did not diverge (the starts of all runs when
/// every run diverged), with a 5 % margin.
fn loss_range(trajectories: &[Trajectory], curves: &[Vec<PlotPoint>]) -> [f64; 2] {
    let fold = |only_converging: bool, first_only: bool| {
        trajectories
            .iter()
            .zip(curves)
            .filter(|(t, _)| !only_converging || !t.diverged())
            .flat_map(|(_, c)| c.iter().take(if first_only { 1 } else { c.len() }))
            .fold(None, |acc: Option<[f64; 2]>, p| match acc {
                None => Some([p.y, p.y]),
                Some([lo, hi]) => Some([lo.min(p.y), hi.max(p.y)]),
            })
    };
    let range = fold(true, false)
        .or_else(|| fold(false, true))
        .unwrap_or([0.0, 1.0]);
    let pad = ((range[1] - range[0]) * 0.05).max(1e-9);
    [range[0] - pad, range[1] + pad]
}

/// The experiment and everything computed from it.
pub struct Session {
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
    /// The newest generation handed out; every restart bumps it.
    pub generation: u64,
    /// The generation of the trajectories on screen.
    pub trained_generation: u64,
    /// The generation of the full-resolution picture on screen (0 before the first).
    pub picture_generation: u64,
    /// The running training job, if any.
    pub training_job: Option<JobHandle<(), Vec<Trajectory>>>,
    /// The running landscape job, if any.
    pub landscape_job: Option<JobHandle<LandscapeProgress, LandscapeResult>>,
    /// Fraction of the full landscape grid done.
    pub landscape_fraction: f32,
    /// Status-bar messages, oldest first.
    pub notices: Vec<Notice>,
}

impl Session {
    /// A session for `experiment`, with nothing computed yet.
    #[must_use]
    pub fn new(experiment: SurfaceExperiment, preset_name: String) -> Self {
        let problem = Arc::new(experiment.problem.build(experiment.seed));
        Self {
            experiment,
            preset_name,
            problem,
            trained: None,
            picture: None,
            generation: 0,
            trained_generation: 0,
            picture_generation: 0,
            training_job: None,
            landscape_job: None,
            landscape_fraction: 0.0,
            notices: Vec::new(),
        }
    }

    /// Whether a job is still computing.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.training_job.is_some() || self.landscape_job.is_some()
    }

    /// Adds a notice (errors are also logged).
    pub fn notify(&mut self, kind: NoticeKind, text: String) {
        if kind == NoticeKind::Error {
            log::error!("{text}");
        } else {
            log::info!("{text}");
        }
        // The same message twice in a row (a button and Enter in one frame) is shown once.
        if self
            .notices
            .last()
            .is_some_and(|n| n.kind == kind && n.text == text)
        {
            return;
        }
        self.notices.push(Notice { kind, text });
        if self.notices.len() > 4 {
            self.notices.remove(0);
        }
    }
}

/// What the export dialog shows and what an export uses.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExportSettings {
    /// PNG, SVG or GIF.
    pub format: Format,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// GIF frames per second.
    pub fps: u32,
    /// GIF length in seconds.
    pub seconds: f64,
}

impl ExportSettings {
    /// The defaults of `format` (its default size, 30 fps for 5 s).
    #[must_use]
    pub fn for_format(format: Format) -> Self {
        let size = FigureSize::default_for(format);
        let animation = Animation::default();
        Self {
            format,
            width: size.width,
            height: size.height,
            fps: animation.fps,
            seconds: animation.seconds,
        }
    }
}

/// The export's part of the view state: the open dialog and the running export's progress.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FigureExportView {
    /// The "Export figure…" window, when open, with its choices.
    pub dialog: Option<ExportSettings>,
    /// The running export's progress in [0, 1], `None` when none runs.
    pub progress: Option<f32>,
}

/// Which small file window is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKind {
    /// "Open file…": load a preset from a path.
    Open,
    /// "Save preset…": write the current experiment as TOML.
    Save,
}

/// The open file window and its path field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileDialog {
    /// Open or save.
    pub kind: DialogKind,
    /// The path typed so far.
    pub path: String,
}

/// View choices that are not part of the experiment.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    /// The lab on screen.
    pub lab: Lab,
    /// The playback position, in steps (fractional while animating).
    pub cursor_step: f64,
    /// Whether the playback advances.
    pub playing: bool,
    /// Playback speed, in steps per second.
    pub speed_steps_per_sec: f64,
    /// The run the per-run controls edit.
    pub selected_run: usize,
    /// Learning rate and batch size go to every run, not only the selected one.
    pub apply_to_all: bool,
    /// Colour map of the loss heatmap.
    pub colormap: ColorMap,
    /// Dark (true) or light theme.
    pub dark_theme: bool,
    /// Show the test loss dashed in the loss plot.
    pub show_test_loss: bool,
    /// The help window is open.
    pub help_open: bool,
    /// An open "Open file…"/"Save preset…" window.
    pub file_dialog: Option<FileDialog>,
    /// The Custom… surface's text field is shown.
    pub formula_open: bool,
    /// What the formula field holds (the applied formula, or what is being typed).
    pub formula_text: String,
    /// Why `formula_text` does not parse (the surface keeps the last good formula).
    pub formula_error: Option<FormulaError>,
    /// Formulas used this session, newest first (at most [`RECENT_FORMULAS`]).
    pub recent_formulas: Vec<String>,
    /// The "Export figure…" window and the running export's progress.
    pub figure_export: FigureExportView,
    /// The language of the window.
    pub lang: Lang,
    /// High-contrast colour map and thicker trajectories (presentation mode).
    pub high_contrast: bool,
    /// The colour map chosen before high contrast was switched on (restored after).
    pub colormap_before_contrast: ColorMap,
    /// The side panels are hidden (H): only the figures are left.
    pub panels_hidden: bool,
    /// The Explain panel is shown.
    pub explain_open: bool,
    /// The keyboard shortcuts overlay (?) is shown.
    pub shortcuts_open: bool,
    /// Preset files opened or saved, newest first.
    pub recent_files: Vec<String>,
    /// The last preset loaded in each lab.
    pub last_preset: crate::app::settings::LastPresets,
}

impl ViewState {
    /// The width of trajectory lines: thicker in high contrast.
    #[must_use]
    pub fn path_width(&self, normal: f32) -> f32 {
        if self.high_contrast {
            normal * 2.0
        } else {
            normal
        }
    }
}

/// How many recent formulas the session remembers.
pub const RECENT_FORMULAS: usize = 8;

/// The formula the Custom… field starts with.
pub const EXAMPLE_FORMULA: &str = "x^2 + 10*sin(y)";

impl Default for ViewState {
    fn default() -> Self {
        Self {
            lab: Lab::Playground,
            cursor_step: 0.0,
            playing: true,
            speed_steps_per_sec: 60.0,
            selected_run: 0,
            apply_to_all: false,
            colormap: ColorMap::Viridis,
            dark_theme: true,
            show_test_loss: false,
            help_open: false,
            file_dialog: None,
            formula_open: false,
            formula_text: String::new(),
            formula_error: None,
            recent_formulas: Vec::new(),
            figure_export: FigureExportView::default(),
            lang: Lang::En,
            high_contrast: false,
            colormap_before_contrast: ColorMap::Viridis,
            panels_hidden: false,
            explain_open: false,
            shortcuts_open: false,
            recent_files: Vec::new(),
            last_preset: crate::app::settings::LastPresets::default(),
        }
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
        },
    }
}
