//! The Sharp vs Flat lab's side of the app: its session (the problem — a network preset or a
//! toy surface —, the two-run settings, the results on screen, the jobs), its commands
//! ([`SharpFlatCommand`], applied by the lab in [`commands`]) and its two jobs:
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

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use egui_plot::PlotPoint;

use crate::app::lab::{DataExport, FigureMaker, Lab, LabCx, draw_then_apply};
use crate::app::notices::Notices;
use crate::app::picture::SurfacePicture;
use crate::core::landscape::Grid;
use crate::jobs::JobSlot;
use crate::jobs::compare;
pub use crate::jobs::compare::{
    Comparison, ComparisonProgress, InterpolationSample, RunOutcome, Settings as SfSettings,
    Source as SfSource, SweepProgress, SweepResult, effective_batch, log_spaced,
};
use crate::preset::{self, Preset};
use crate::render::palette::ColorMap;
use crate::render::{self, Figure};

pub mod commands;
pub mod controls;
mod sweep_view;
pub mod view;

pub use commands::{CONFIRM_CELLS, SharpFlatCommand};

/// The name of the shared plane's texture.
const TEXTURE: &str = "basin-sharp-flat-plane";

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
    /// (λ, log10 density) of each run's Hessian spectrum, floored 8 decades below the
    /// higher peak (a log axis cannot show 0).
    pub spectra: [Vec<PlotPoint>; 2],
}

/// (λ, log10 density) of both spectra, floored 8 decades below the higher peak (a log axis
/// cannot show 0).
fn spectrum_series(spectra: &compare::Spectra) -> [Vec<PlotPoint>; 2] {
    let peak = spectra
        .iter()
        .flatten()
        .flat_map(|d| d.value.iter().copied())
        .fold(0.0_f64, f64::max);
    let floor = (peak * 1e-8).max(f64::MIN_POSITIVE);
    let one = |d: &Option<crate::core::sharpness::slq::Density>| -> Vec<PlotPoint> {
        d.as_ref().map_or_else(Vec::new, |d| {
            d.lambda
                .iter()
                .zip(&d.value)
                .map(|(&l, &v)| PlotPoint::new(l, libm::log10(v.max(floor))))
                .collect()
        })
    };
    [one(&spectra[0]), one(&spectra[1])]
}

impl ComparisonSeries {
    /// The series of `c`.
    #[must_use]
    pub fn new(c: &Comparison) -> Self {
        let plain = |v: &[[f64; 2]]| v.iter().map(|&[x, y]| PlotPoint::new(x, y)).collect();
        let log = |points: &mut dyn Iterator<Item = (f64, f64)>| -> Vec<PlotPoint> {
            points
                .filter(|(_, y)| y.is_finite() && *y > 0.0)
                .map(|(x, y)| PlotPoint::new(x, libm::log10(y)))
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
            spectra: [Vec::new(), Vec::new()],
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
pub struct SharpFlatLab {
    /// The problem.
    pub source: SfSource,
    /// The preset's name or path.
    pub preset_name: String,
    /// The two runs and the sweep.
    pub settings: SfSettings,
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
    /// The comparison: the two runs measured, then the shared plane's grid.
    pub comparison_job: JobSlot<ComparisonProgress, Option<Grid>>,
    /// Fraction of the landscape done.
    pub landscape_fraction: f32,
    /// The sweep on screen.
    pub sweep: Option<SweepResult>,
    /// The sweep: cells done of all, then the result (`None` if cancelled).
    pub sweep_job: JobSlot<SweepProgress, Option<SweepResult>>,
    /// Cells done and total of the running sweep.
    pub sweep_progress: (usize, usize),
    /// A big sweep waiting for the user's yes: its cell count.
    pub confirm: Option<usize>,
    /// Which view is on screen.
    pub view: SfView,
    /// The bottom-left panel shows the Hessian spectra instead of the 1-D slices.
    pub spectrum_shown: bool,
    /// The spectra of the comparison on screen have arrived.
    pub spectra_arrived: bool,
    /// Fraction of the spectra computed (their progress bar).
    pub spectra_fraction: f32,
    /// Set by "Skip": the running comparison skips the rest of its spectra and goes on to
    /// the plane (a new flag for every comparison).
    pub spectra_skip: Arc<AtomicBool>,
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

impl SharpFlatLab {
    /// A session for `source`.
    #[must_use]
    pub fn new(source: SfSource, preset_name: String) -> Self {
        let settings = SfSettings::from_source(&source);
        Self {
            source,
            preset_name,
            settings,
            compared_generation: 0,
            picture_generation: 0,
            comparison: None,
            series: ComparisonSeries::default(),
            picture: None,
            comparison_job: JobSlot::default(),
            landscape_fraction: 0.0,
            sweep: None,
            sweep_job: JobSlot::default(),
            sweep_progress: (0, 0),
            confirm: None,
            view: SfView::TwoRuns,
            spectrum_shown: false,
            spectra_arrived: false,
            spectra_fraction: 0.0,
            spectra_skip: Arc::new(AtomicBool::new(false)),
        }
    }

    /// The lab on the `sharp-vs-flat-net` preset (a built-in moons network with a notice if
    /// it does not load).
    #[must_use]
    pub fn default_lab(notices: &mut Notices) -> Self {
        let name = DEFAULT_SHARP_FLAT_PRESET;
        let source = match preset::load(name, &[]) {
            Ok(Preset::Network(e)) => Ok(SfSource::Network(Box::new(e))),
            Ok(Preset::Surface(e)) => Ok(SfSource::Surface(Box::new(e))),
            Ok(_) => Err(crate::i18n::fill(
                "preset.notice.is_bias_variance",
                &[&name],
            )),
            Err(err) => Err(err.to_string()),
        };
        match source {
            Ok(source) => Self::new(source, name.to_string()),
            Err(err) => {
                notices.error(crate::i18n::fill(
                    "common.notice.fallback_sharp_flat",
                    &[&err],
                ));
                let fallback = crate::app::labs::network::fallback_network();
                Self::new(SfSource::Network(Box::new(fallback)), "moons".to_string())
            }
        }
    }

    /// The newest generation of the comparison handed out.
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.comparison_job.generation()
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

    /// Restarts the comparison (the running one is cancelled; the old pictures stay).
    pub fn start_comparison(&mut self, cx: &LabCx<'_>) {
        let Some(jobs) = cx.jobs else {
            return;
        };
        self.landscape_fraction = 0.0;
        self.spectra_fraction = 0.0;
        // A new flag for every comparison ("Skip" sets it while the spectra compute).
        self.spectra_skip = Arc::new(AtomicBool::new(false));
        let skip = Arc::clone(&self.spectra_skip);
        let task = compare::ComparisonTask {
            source: self.source.clone(),
            settings: self.settings.clone(),
            skip_spectra: skip,
        };
        self.comparison_job.start_task(jobs, task);
    }

    /// Starts the sweep now.
    pub fn start_sweep(&mut self, cx: &LabCx<'_>) {
        self.confirm = None;
        let Some(jobs) = cx.jobs else {
            return;
        };
        let spec = self.settings.sweep.clone();
        self.sweep_progress = (0, spec.len());
        self.sweep_job.start_task(
            jobs,
            compare::SweepTask {
                source: self.source.clone(),
                spec,
            },
        );
    }

    /// Whether the spectra on screen were skipped ("Skip" while they computed).
    #[must_use]
    pub fn spectra_skipped(&self) -> bool {
        self.spectra_skip.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Folds the arrived events in (never waits).
    fn poll(&mut self, ctx: &egui::Context, colormap: ColorMap) {
        let generation = self.comparison_job.generation();
        let (mut events, mut finished) = (Vec::new(), None);
        self.comparison_job
            .poll(|p| events.push(p), |grid, g| finished = Some((grid, g)));
        for event in events {
            match event {
                ComparisonProgress::Compared(c) => {
                    self.compared_generation = generation;
                    self.spectra_arrived = false;
                    self.series = ComparisonSeries::new(&c);
                    self.comparison = Some(*c);
                }
                ComparisonProgress::Coarse(grid) => self.set_picture(ctx, grid, colormap),
                ComparisonProgress::Rows(f) => self.landscape_fraction = f,
                ComparisonProgress::Spectra(spectra) => {
                    self.series.spectra = spectrum_series(&spectra);
                    self.spectra_arrived = true;
                }
                ComparisonProgress::SpectraDone(f) => self.spectra_fraction = f,
            }
        }
        if let Some((grid, g)) = finished {
            if let Some(grid) = grid {
                self.picture_generation = g;
                self.set_picture(ctx, grid, colormap);
            }
            self.landscape_fraction = 1.0;
        }
        let (progress, sweep) = (&mut self.sweep_progress, &mut self.sweep);
        self.sweep_job.poll(
            |p| *progress = p,
            |result, _| {
                if let Some(result) = result {
                    *sweep = Some(result);
                }
            },
        );
    }

    fn set_picture(&mut self, ctx: &egui::Context, grid: Grid, colormap: ColorMap) {
        let log_scale = grid.finite_range().is_some_and(|(lo, _)| lo > 0.0);
        SurfacePicture::replace(&mut self.picture, ctx, TEXTURE, grid, log_scale, colormap);
    }
}

/// The default preset of the lab.
pub const DEFAULT_SHARP_FLAT_PRESET: &str = "sharp-vs-flat-net";

impl Lab for SharpFlatLab {
    fn preset_name(&self) -> &str {
        &self.preset_name
    }

    fn open(&mut self, preset: Preset, name: String) -> Result<(), Box<Preset>> {
        let source = match preset {
            Preset::Network(e) => SfSource::Network(Box::new(e)),
            Preset::Surface(e) => SfSource::Surface(Box::new(e)),
            Preset::Regression(_) => return Err(Box::new(preset)),
        };
        // Another problem: the old comparison and sweep no longer apply.
        *self = Self::new(source, name);
        Ok(())
    }

    fn to_toml(&self) -> String {
        SharpFlatLab::to_toml(self)
    }

    fn restart(&mut self, cx: &mut LabCx<'_>) {
        self.start_comparison(cx);
    }

    fn needs_start(&self) -> bool {
        self.comparison.is_none() && !self.busy()
    }

    fn busy(&self) -> bool {
        self.comparison_job.busy() || self.sweep_job.busy()
    }

    fn update(&mut self, cx: &mut LabCx<'_>) {
        self.poll(cx.ctx, cx.prefs.colormap);
    }

    fn controls_ui(&mut self, ui: &mut egui::Ui, cx: &mut LabCx<'_>) {
        draw_then_apply(self, ui, cx, |ui, sf, _, cmds| {
            controls::controls_ui(ui, sf, cmds)
        });
    }

    fn central_ui(&mut self, ui: &mut egui::Ui, cx: &mut LabCx<'_>) {
        draw_then_apply(self, ui, cx, |ui, sf, prefs, cmds| {
            view::view_ui(ui, sf, prefs, cmds);
            controls::confirm_window(ui.ctx(), sf, cmds);
        });
    }

    fn status_ui(&self, ui: &mut egui::Ui) {
        use crate::i18n::{fill, tr};
        if self.comparison_job.busy() {
            ui.spinner();
            ui.label(tr("sf.status.training"));
        }
        if self.sweep_job.busy() {
            let (done, total) = self.sweep_progress;
            ui.label(fill("sf.status.sweep", &[&done, &total]));
        }
    }

    fn seed(&self) -> (u64, &'static str) {
        (self.source.seed(), "sf.status.seed.tip")
    }

    fn help(&self) -> &'static [&'static str] {
        &["sf.help.1", "sf.help.2", "sf.help.3", "sf.help.4"]
    }

    fn data_export(&self) -> Option<DataExport> {
        Some(
            DataExport::new(
                "sf.export_sweep",
                "sf.export_sweep.tip",
                "sweep",
                "common.notice.what_sweep",
            )
            .ready_when(self.sweep.is_some(), "sf.export_sweep.disabled"),
        )
    }

    fn write_data(&self, path: &Path) -> Result<(), String> {
        let Some(sweep) = &self.sweep else {
            return Err(crate::i18n::tr("sf.notice.no_sweep").to_string());
        };
        crate::export::write_sweep_csv(path, &sweep.cells).map_err(|e| e.to_string())
    }

    fn figure(&self, name: &str, lang: crate::i18n::Lang) -> Result<FigureMaker, &'static str> {
        let Some(comparison) = self.comparison.clone() else {
            return Err("sf.notice.nothing_yet");
        };
        let sweep = self.sweep.clone();
        let title = self.source.name().to_string();
        let seed = self.source.seed();
        let name = name.to_string();
        Ok(Box::new(move || {
            Figure::SharpFlat(Box::new(render::SharpFlatFigure::new(
                &comparison,
                sweep.as_ref(),
                &name,
                &title,
                seed,
                lang,
            )))
        }))
    }

    fn recolour(&mut self, ctx: &egui::Context, colormap: ColorMap) {
        SurfacePicture::recolour(&mut self.picture, ctx, TEXTURE, colormap);
    }

    fn screenshot_ready(&mut self) -> bool {
        self.comparison.is_some()
            && self.picture_generation == self.comparison_job.generation()
            && !self.busy()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::optim::OptimizerKind;

    #[test]
    fn settings_of_the_shipped_preset_are_its_two_runs() {
        let session = SharpFlatLab::default_lab(&mut Notices::default());
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
