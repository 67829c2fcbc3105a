//! The Sharp vs Flat lab's side of the app: its session (the problem — a network preset or a
//! toy surface —, the two-run settings, the results on screen, the jobs), its commands
//! ([`SfCommand`], applied by `App::apply_sharp_flat`) and its two jobs:
//!
//! - the **comparison**: a small and a large batch trained from one initialization with the
//!   same optimizer and learning rate (in parallel), then for each end point the sharpness
//!   report (λ_max, Hessian trace, ε-sharpness), the accuracy, λ_max along the training; the
//!   1-D interpolation `L((1−α)θ_small + αθ_large)` for α ∈ [−1, 2]; 1-D slices along one
//!   Gaussian direction filter-normalized at each minimum; and the two paths on a shared
//!   plane (through both solutions for a network, the surface itself for a toy problem),
//!   whose landscape comes last, coarse first.
//! - the **sweep**: batch sizes × learning rates × seeds ([`tasks::sweep`]), with progress and
//!   cancel; a sweep of more than [`CONFIRM_CELLS`] cells waits for a confirmation.
//!
//! Every edit restarts the comparison with a new generation (the old pictures stay until
//! the new ones arrive); the sweep runs only when asked.

use egui_plot::PlotPoint;

use crate::core::landscape::Grid;
use crate::core::optim::{OptimizerKind, OptimizerSpec};
use crate::core::sweep::{Budget, LrRule};
use crate::jobs::compare;
pub use crate::jobs::compare::{
    Comparison, InterpolationSample, RunOutcome, Settings as SfSettings, Source as SfSource,
    SweepResult, effective_batch, log_spaced,
};
use crate::jobs::{JobEvent, JobHandle, Jobs};
use crate::preset::{self, Preset, limits};
use crate::ui::heatmap::ColorMap;

use super::App;
use super::state::{NoticeKind, SurfacePicture};

/// The name of the shared plane's texture.
const TEXTURE: &str = "basin-sharp-flat-plane";
/// A sweep with more cells than this asks before it starts.
pub const CONFIRM_CELLS: usize = 500;
/// What the comparison job reports.
#[derive(Debug)]
pub enum SfProgress {
    /// The two runs, measured.
    Compared(Box<Comparison>),
    /// The quarter-resolution pass of the plane.
    Coarse(Grid),
    /// Fraction of the plane's rows done.
    Rows(f32),
}

/// What the sweep job reports: cells done of all.
pub type SweepProgress = (usize, usize);

/// The comparison's plot series, made once when it arrives (losses as log10).
#[derive(Clone, Debug, Default)]
pub struct ComparisonSeries {
    /// Small, large: the paths on the shared plane.
    pub paths: [Vec<PlotPoint>; 2],
    /// (step, λ_max) along each run.
    pub lambda: [Vec<PlotPoint>; 2],
    /// (t, log10 training loss) along each slice.
    pub slices: [Vec<PlotPoint>; 2],
    /// (α, log10 training loss) of the interpolation.
    pub interpolation_train: Vec<PlotPoint>,
    /// (α, log10 test loss).
    pub interpolation_test: Vec<PlotPoint>,
    /// (α, training accuracy).
    pub accuracy_train: Vec<PlotPoint>,
    /// (α, test accuracy).
    pub accuracy_test: Vec<PlotPoint>,
}

impl ComparisonSeries {
    /// The series of `c`.
    #[must_use]
    pub fn new(c: &Comparison) -> Self {
        let plain = |v: &[[f64; 2]]| v.iter().map(|&[x, y]| PlotPoint::new(x, y)).collect();
        let log = |points: &mut dyn Iterator<Item = (f64, f64)>| -> Vec<PlotPoint> {
            points
                .filter(|(_, y)| y.is_finite() && *y > 0.0)
                .map(|(x, y)| PlotPoint::new(x, y.log10()))
                .collect()
        };
        let both = |f: &dyn Fn(&RunOutcome) -> Vec<PlotPoint>| [f(&c.runs[0]), f(&c.runs[1])];
        let interp = &c.interpolation;
        let acc = |f: &dyn Fn(&InterpolationSample) -> Option<f64>| -> Vec<PlotPoint> {
            interp
                .iter()
                .filter_map(|p| f(p).map(|a| PlotPoint::new(p.alpha, a)))
                .collect()
        };
        Self {
            paths: both(&|r| plain(&r.path)),
            lambda: both(&|r| plain(&r.lambda_curve)),
            slices: both(&|r| log(&mut r.slice.iter().map(|p| (p[0], p[1])))),
            interpolation_train: log(&mut interp.iter().map(|p| (p.alpha, p.train_loss))),
            interpolation_test: log(&mut interp.iter().map(|p| (p.alpha, p.test_loss))),
            accuracy_train: acc(&|p| p.train_acc),
            accuracy_test: acc(&|p| p.test_acc),
        }
    }
}

/// The Sharp vs Flat lab's session.
pub struct SharpFlatSession {
    /// The problem.
    pub source: SfSource,
    /// The preset's name or path.
    pub preset_name: String,
    /// The two runs and the sweep.
    pub settings: SfSettings,
    /// The newest generation handed out.
    pub generation: u64,
    /// The generation of the comparison on screen.
    pub compared_generation: u64,
    /// The generation of the full landscape on screen.
    pub picture_generation: u64,
    /// The comparison on screen.
    pub comparison: Option<Comparison>,
    /// Its plot series.
    pub series: ComparisonSeries,
    /// The shared plane's landscape on screen.
    pub picture: Option<SurfacePicture>,
    /// The running comparison.
    pub job: Option<JobHandle<SfProgress, Option<Grid>>>,
    /// Fraction of the landscape done.
    pub landscape_fraction: f32,
    /// The sweep on screen.
    pub sweep: Option<SweepResult>,
    /// The running sweep.
    pub sweep_job: Option<JobHandle<SweepProgress, Option<SweepResult>>>,
    /// Cells done and total of the running sweep.
    pub sweep_progress: (usize, usize),
    /// A big sweep waiting for the user's yes: its cell count.
    pub confirm: Option<usize>,
    /// Which view is on screen.
    pub view: SfView,
}

/// The lab's two views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SfView {
    /// The two runs.
    #[default]
    TwoRuns,
    /// The sweep.
    Sweep,
}

/// A request from the lab's panels.
#[derive(Clone, Debug, PartialEq)]
pub enum SfCommand {
    /// The small batch.
    SetSmallBatch(usize),
    /// The large batch (0 = full).
    SetLargeBatch(usize),
    /// The learning rate of both runs.
    SetLearningRate(f64),
    /// The optimizer of both runs (torch defaults, the learning rate kept).
    SetOptimizer(OptimizerKind),
    /// SGD's momentum.
    SetMomentum(f64),
    /// The large batch's learning rate: the same η, or the same η/B.
    SetLrRule(LrRule),
    /// Steps of both runs.
    SetSteps(usize),
    /// Show the two runs or the sweep.
    SetView(SfView),
    /// Sweep: which batch sizes (as listed; 0 = full).
    SetSweepBatches(Vec<usize>),
    /// Sweep: learning rates from, to, count (log-spaced).
    SetSweepLrs(f64, f64, usize),
    /// Sweep: number of seeds (1, 2, …).
    SetSweepSeeds(usize),
    /// Sweep: fixed learning rate, or fixed base learning rate η/B.
    SetSweepRule(LrRule),
    /// Sweep: the same steps, or the same epochs, for every batch size.
    SetSweepBudget(Budget),
    /// Start the sweep (asks first when it is big).
    RunSweep,
    /// The user said yes to a big sweep.
    ConfirmSweep,
    /// The user said no.
    DeclineSweep,
    /// Stop the running sweep.
    CancelSweep,
}

impl SharpFlatSession {
    /// A session for `source`.
    #[must_use]
    pub fn new(source: SfSource, preset_name: String) -> Self {
        let settings = SfSettings::from_source(&source);
        Self {
            source,
            preset_name,
            settings,
            generation: 0,
            compared_generation: 0,
            picture_generation: 0,
            comparison: None,
            series: ComparisonSeries::default(),
            picture: None,
            job: None,
            landscape_fraction: 0.0,
            sweep: None,
            sweep_job: None,
            sweep_progress: (0, 0),
            confirm: None,
            view: SfView::TwoRuns,
        }
    }

    /// The session of the `sharp-vs-flat-net` preset.
    ///
    /// # Errors
    /// A message if the built-in preset does not load.
    pub fn default_session() -> Result<Self, String> {
        let name = DEFAULT_SHARP_FLAT_PRESET;
        match preset::load(name, &[]) {
            Ok(Preset::Network(e)) => Ok(Self::new(SfSource::Network(Box::new(e)), name.into())),
            Ok(Preset::Surface(e)) => Ok(Self::new(SfSource::Surface(Box::new(e)), name.into())),
            Ok(_) => Err(format!("{name} is a bias–variance preset")),
            Err(err) => Err(err.to_string()),
        }
    }

    /// Whether a job is still computing.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.job.is_some() || self.sweep_job.is_some()
    }

    /// The problem as a preset whose two runs are the lab's small and large batch (and, for
    /// a network, whose `[sweep]` is the lab's sweep): what "Save preset…" writes.
    #[must_use]
    pub fn to_toml(&self) -> String {
        let s = &self.settings;
        let runs = s.runs(self.source.n_train()).to_vec();
        match &self.source {
            SfSource::Network(e) => {
                let mut e = (**e).clone();
                e.runs = runs;
                e.steps = s.steps;
                e.sweep = Some(Box::new(s.sweep.clone()));
                preset::network_to_toml(&e)
            }
            SfSource::Surface(e) => {
                let mut e = (**e).clone();
                e.runs = runs;
                e.training.steps = s.steps;
                preset::to_toml(&e)
            }
        }
    }

    /// Restarts the comparison.
    pub fn restart(&mut self, jobs: &Jobs) {
        self.generation += 1;
        self.landscape_fraction = 0.0;
        let source = self.source.clone();
        let settings = self.settings.clone();
        self.job = Some(jobs.spawn(self.generation, move |job| {
            let compared = |c: Comparison| job.progress(SfProgress::Compared(Box::new(c)));
            let coarse = |g: Grid| job.progress(SfProgress::Coarse(g));
            let rows = |f: f32| job.progress(SfProgress::Rows(f));
            let progress = compare::Progress {
                compared: &compared,
                coarse: &coarse,
                rows: &rows,
            };
            compare::compare(&source, &settings, job.cancel_flag(), &progress)
        }));
    }

    /// Starts the sweep now.
    pub fn start_sweep(&mut self, jobs: &Jobs) {
        self.confirm = None;
        let source = self.source.clone();
        let spec = self.settings.sweep.clone();
        self.sweep_progress = (0, spec.len());
        self.sweep_job = Some(jobs.spawn(self.generation, move |job| {
            compare::run_sweep(&source, &spec, job.cancel_flag(), &|done, all| {
                job.progress((done, all));
            })
        }));
    }

    /// Folds the arrived events in. Returns whether anything changed.
    pub fn poll(&mut self, ctx: &egui::Context, colormap: ColorMap) -> bool {
        let mut changed = false;
        if let Some(job) = &mut self.job {
            let generation = job.generation();
            let events = job.drain();
            let done = job.is_done();
            for event in events {
                changed = true;
                match event {
                    JobEvent::Progress(SfProgress::Compared(c)) => {
                        self.compared_generation = generation;
                        self.series = ComparisonSeries::new(&c);
                        self.comparison = Some(*c);
                    }
                    JobEvent::Progress(SfProgress::Coarse(grid)) => {
                        self.set_picture(ctx, grid, colormap);
                    }
                    JobEvent::Progress(SfProgress::Rows(f)) => self.landscape_fraction = f,
                    JobEvent::Finished(grid) => {
                        if let Some(grid) = grid {
                            self.picture_generation = generation;
                            self.set_picture(ctx, grid, colormap);
                        }
                        self.landscape_fraction = 1.0;
                    }
                }
            }
            if done {
                self.job = None;
            }
        }
        if let Some(job) = &mut self.sweep_job {
            let events = job.drain();
            let done = job.is_done();
            for event in events {
                changed = true;
                match event {
                    JobEvent::Progress(p) => self.sweep_progress = p,
                    JobEvent::Finished(result) => {
                        if let Some(result) = result {
                            self.sweep = Some(result);
                        }
                    }
                }
            }
            if done {
                self.sweep_job = None;
            }
        }
        changed
    }

    fn set_picture(&mut self, ctx: &egui::Context, grid: Grid, colormap: ColorMap) {
        let log_scale = grid.finite_range().is_some_and(|(lo, _)| lo > 0.0);
        SurfacePicture::replace(&mut self.picture, ctx, TEXTURE, grid, log_scale, colormap);
    }

    /// Recolours the landscape after a colour-map change.
    pub fn repaint_picture(&mut self, ctx: &egui::Context, colormap: ColorMap) {
        SurfacePicture::recolour(&mut self.picture, ctx, TEXTURE, colormap);
    }
}

/// The default preset of the lab.
pub const DEFAULT_SHARP_FLAT_PRESET: &str = "sharp-vs-flat-net";

/// The shipped presets made for this lab: `basin open` shows them here.
pub const LAB_PRESETS: [&str; 3] = [
    "sharp-vs-flat-net",
    "batch-size-matters",
    "edge-of-stability",
];

/// Whether `source` (a built-in name or a path) names one of [`LAB_PRESETS`].
#[must_use]
pub fn opens_in_lab(source: &str) -> bool {
    let stem = std::path::Path::new(source)
        .file_stem()
        .map_or_else(|| source.to_string(), |s| s.to_string_lossy().into_owned());
    LAB_PRESETS.contains(&stem.as_str())
}

impl App {
    /// Applies one Sharp vs Flat request.
    pub fn apply_sharp_flat(&mut self, command: SfCommand) {
        let n = self.sharp_flat.source.n_train();
        let s = &mut self.sharp_flat.settings;
        let restart = match command {
            SfCommand::SetSmallBatch(b) => {
                s.small_batch = b.clamp(1, n);
                true
            }
            SfCommand::SetLargeBatch(b) => {
                s.large_batch = b.min(n);
                true
            }
            SfCommand::SetLearningRate(lr) => {
                if lr.is_finite() && lr > 0.0 {
                    s.optimizer.lr = lr;
                }
                true
            }
            SfCommand::SetOptimizer(kind) => {
                let lr = s.optimizer.lr;
                s.optimizer = OptimizerSpec::defaults(kind);
                s.optimizer.lr = lr;
                s.sweep.optimizer = s.optimizer.clone();
                true
            }
            SfCommand::SetMomentum(m) => {
                s.optimizer.momentum = if m.is_finite() {
                    m.clamp(0.0, 0.999)
                } else {
                    0.0
                };
                s.sweep.optimizer = s.optimizer.clone();
                true
            }
            SfCommand::SetLrRule(rule) => {
                s.lr_rule = rule;
                true
            }
            SfCommand::SetSteps(steps) => {
                s.steps = steps.clamp(*limits::STEPS.start(), *limits::STEPS.end());
                true
            }
            SfCommand::SetView(view) => {
                self.sharp_flat.view = view;
                false
            }
            SfCommand::SetSweepBatches(batches) => {
                if !batches.is_empty() {
                    s.sweep.batch_sizes = batches;
                }
                false
            }
            SfCommand::SetSweepLrs(lo, hi, count) => {
                if lo.is_finite() && hi.is_finite() && lo > 0.0 && hi >= lo {
                    s.sweep.lrs = log_spaced(lo, hi, count.clamp(1, 16));
                }
                false
            }
            SfCommand::SetSweepSeeds(k) => {
                s.sweep.seeds = (1..=k.clamp(1, 16) as u64).collect();
                false
            }
            SfCommand::SetSweepRule(rule) => {
                s.sweep.lr_rule = rule;
                false
            }
            SfCommand::SetSweepBudget(budget) => {
                s.sweep.budget = budget;
                false
            }
            SfCommand::RunSweep => {
                let cells = s.sweep.len();
                if let Err(err) = s.sweep.validate() {
                    self.session.notify(
                        NoticeKind::Error,
                        crate::i18n::fill("sf.notice.cannot_run", &[&err]),
                    );
                } else if cells > CONFIRM_CELLS {
                    self.sharp_flat.confirm = Some(cells);
                } else if let Some(jobs) = &self.jobs {
                    self.sharp_flat.start_sweep(jobs);
                }
                false
            }
            SfCommand::ConfirmSweep => {
                if let Some(jobs) = &self.jobs {
                    self.sharp_flat.start_sweep(jobs);
                }
                false
            }
            SfCommand::DeclineSweep => {
                self.sharp_flat.confirm = None;
                false
            }
            SfCommand::CancelSweep => {
                self.sharp_flat.sweep_job = None;
                self.sharp_flat.sweep_progress = (0, 0);
                self.session.notify(
                    NoticeKind::Info,
                    crate::i18n::tr("sf.notice.cancelled").to_string(),
                );
                false
            }
        };
        if restart {
            self.restart_sharp_flat();
        }
    }

    /// Restarts the comparison.
    pub fn restart_sharp_flat(&mut self) {
        if let Some(jobs) = &self.jobs {
            self.sharp_flat.restart(jobs);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_of_the_shipped_preset_are_its_two_runs() {
        let session = SharpFlatSession::default_session().expect("preset");
        let s = &session.settings;
        assert_eq!((s.small_batch, s.large_batch), (8, 0));
        assert_eq!(s.optimizer.kind, OptimizerKind::Sgd);
        assert!((s.optimizer.lr - 0.2).abs() < 1e-15);
        assert_eq!(s.steps, 4000);
        let [small, large] = s.runs(512);
        assert_eq!(small.effective_batch(512), 8);
        assert_eq!(large.effective_batch(512), 512);
        assert!(large.label.contains("512"));
        // No [sweep] in this preset: powers of two from 4, then the full batch.
        assert_eq!(s.sweep.batch_sizes, vec![4, 8, 16, 32, 64, 128, 256, 0]);
        assert_eq!(s.sweep.lrs.len(), 6);
    }
}
