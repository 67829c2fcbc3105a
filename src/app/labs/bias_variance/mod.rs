//! The Bias–Variance lab: many fits on resampled data, their spread and mean against the
//! truth, and bias², variance, noise and test error against model complexity. This module
//! is the lab's session — the validated [`RegressionExperiment`], the sweep on screen
//! ([`picture::SweepPicture`], built once per sweep, never inside `ui()`), the running job
//! ([`tasks::bias_variance`] on the app's pool) — and its [`Lab`] implementation. Its
//! requests are [`commands::BiasVarianceCommand`]; its panels are [`controls`] and [`view`].
//!
//! Every edit makes a new config, validates it (an invalid one becomes a red notice and
//! changes nothing) and restarts the sweep; the old pictures stay on screen until the new
//! sweep arrives. Moving the complexity only moves the marker: every complexity's beam is in
//! the sweep already, so nothing is recomputed.

use std::path::Path;
use std::sync::Arc;

use crate::core::biasvar::observed::{Estimate, HeldOut, Observations};
use crate::core::biasvar::{BiasVarianceConfig, Decomposition};
use crate::jobs::{JobSlot, tasks};
use crate::preset::{self, Preset, RegressionExperiment};
use crate::render::{BiasVarianceFigure, Figure};

use crate::app::lab::{DataExport, FigureMaker, Lab, LabCx, draw_then_apply};
use crate::core::biasvar::config::limits;

pub mod commands;
pub mod controls;
pub mod dartboard;
pub mod own_data;
pub mod picture;
pub mod view;

pub use commands::{BiasVarianceCommand, family_complexities};
pub use picture::{BeamSeries, SweepPicture, XScale};

/// The Bias–Variance lab's session.
pub struct BiasVarianceLab {
    /// The validated experiment being shown and edited.
    pub experiment: RegressionExperiment,
    /// The preset's name or path.
    pub preset_name: String,
    /// The sweep on screen (possibly of an older generation until the new one arrives).
    pub picture: Option<SweepPicture>,
    /// The sweep job: fractions done, then the decompositions (`None` if cancelled).
    pub sweep: JobSlot<f32, Option<Vec<Decomposition>>>,
    /// Fraction of the running sweep done.
    pub fraction: f32,
    /// The estimates on own data on screen (`experiment.data`), possibly of an older
    /// generation until the new ones arrive.
    pub data_picture: Option<own_data::DataPicture>,
    /// The sweep job on own data: fractions done, then the split and the estimates.
    pub data_sweep: JobSlot<f32, Option<(HeldOut, Vec<Estimate>)>>,
    /// A data file being read ("Open data…", a dropped `.csv`).
    pub data_job: JobSlot<(), Result<Observations, String>>,
    /// Where the dartboard's darts are thrown (clicks on the fits plot).
    pub darts: dartboard::DartPoints,
}

impl BiasVarianceLab {
    /// A lab for `experiment`, nothing computed yet.
    #[must_use]
    pub fn new(experiment: RegressionExperiment, preset_name: String) -> Self {
        Self {
            experiment,
            preset_name,
            picture: None,
            sweep: JobSlot::default(),
            fraction: 0.0,
            data_picture: None,
            data_sweep: JobSlot::default(),
            data_job: JobSlot::default(),
            darts: dartboard::DartPoints::default(),
        }
    }

    /// The built-in `bias-variance` preset (or, should it not load, the core's defaults).
    #[must_use]
    pub fn default_lab() -> Self {
        let name = "bias-variance";
        match preset::load(name, &[]) {
            Ok(Preset::Regression(e)) => Self::new(e, name.to_string()),
            _ => {
                let config = BiasVarianceConfig::default();
                let complexity = preset::default_current(&config.complexities);
                Self::new(
                    RegressionExperiment {
                        name: "Bias and variance".to_string(),
                        description: "Polynomials of growing degree fitted to many noisy \
                                      samples of sin 2πx."
                            .to_string(),
                        config,
                        complexity,
                        data: None,
                    },
                    name.to_string(),
                )
            }
        }
    }

    /// The generation of the sweep on screen (0 before the first).
    #[must_use]
    pub fn picture_generation(&self) -> u64 {
        if self.experiment.data.is_some() {
            self.data_sweep.landed()
        } else {
            self.sweep.landed()
        }
    }

    /// Whether the experiment is on a person's own data (the truth unknown).
    #[must_use]
    pub fn on_own_data(&self) -> bool {
        self.experiment.data.is_some()
    }

    /// Whether the picture of the current mode is on screen.
    fn has_picture(&self) -> bool {
        if self.on_own_data() {
            self.data_picture.is_some()
        } else {
            self.picture.is_some()
        }
    }

    /// Reads the data file at `path` on a worker (inline when there are no workers); it lands
    /// with the next `Lab::update`.
    pub fn start_reading_data(&mut self, path: &Path, cx: &mut LabCx<'_>) {
        let path = path.to_path_buf();
        let read = move || preset::open_xy_file(&path, *limits::N_TRAIN.end());
        match cx.jobs {
            Some(jobs) => {
                self.data_job.start(jobs, move |_| read());
            }
            None => self.land_data(read(), cx),
        }
    }

    /// A read data file: fit on it, or keep the experiment and say why not.
    fn land_data(&mut self, result: Result<Observations, String>, cx: &mut LabCx<'_>) {
        match result {
            Ok(data) => {
                crate::app::lab::Requests::apply(
                    self,
                    BiasVarianceCommand::SetData(Arc::new(data)),
                    cx,
                );
            }
            Err(message) => cx
                .notices
                .error(crate::i18n::fill("bv.notice.cannot_read_data", &[&message])),
        }
    }

    /// Starts a sweep of the current config; the running one is cancelled. The old picture
    /// stays until the new one arrives.
    pub(super) fn start_sweep(&mut self, cx: &LabCx<'_>) {
        let Some(jobs) = cx.jobs else {
            return;
        };
        self.fraction = 0.0;
        let config = self.experiment.config.clone();
        if let Some(data) = self.experiment.data.clone() {
            self.sweep.cancel();
            self.data_sweep
                .start_task(jobs, tasks::ObservedBiasVarianceTask { config, data });
            return;
        }
        self.data_sweep.cancel();
        self.sweep
            .start_task(jobs, tasks::BiasVarianceTask { config });
    }
}

impl Lab for BiasVarianceLab {
    fn preset_name(&self) -> &str {
        &self.preset_name
    }

    fn open(&mut self, preset: Preset, name: String) -> Result<(), Box<Preset>> {
        let Preset::Regression(experiment) = preset else {
            return Err(Box::new(preset));
        };
        self.experiment = experiment;
        self.preset_name = name;
        Ok(())
    }

    fn to_toml(&self) -> String {
        preset::regression_to_toml(&self.experiment)
    }

    fn restart(&mut self, cx: &mut LabCx<'_>) {
        self.start_sweep(cx);
    }

    fn needs_start(&self) -> bool {
        !self.has_picture() && !self.busy()
    }

    fn busy(&self) -> bool {
        self.sweep.busy() || self.data_sweep.busy() || self.data_job.busy()
    }

    fn update(&mut self, cx: &mut LabCx<'_>) {
        let (mut fraction, mut finished) = (None, None);
        self.sweep
            .poll(|f| fraction = Some(f), |result, _| finished = result);
        let mut estimated = None;
        self.data_sweep
            .poll(|f| fraction = Some(f), |result, _| estimated = result);
        if let Some(f) = fraction {
            self.fraction = f;
        }
        if let Some(sweep) = finished {
            self.picture = Some(SweepPicture::new(self.experiment.config.clone(), sweep));
            self.fraction = 1.0;
        }
        if let (Some((held, estimates)), Some(data)) = (estimated, &self.experiment.data) {
            self.data_picture = Some(own_data::DataPicture::new(
                self.experiment.config.clone(),
                data,
                &held,
                estimates,
            ));
            self.fraction = 1.0;
        }
        let mut arrived = None;
        self.data_job
            .poll(|()| {}, |result, _| arrived = Some(result));
        if let Some(result) = arrived {
            self.land_data(result, cx);
        }
    }

    fn controls_ui(&mut self, ui: &mut egui::Ui, cx: &mut LabCx<'_>) {
        draw_then_apply(self, ui, cx, |ui, bv, _, cmds| {
            controls::controls_ui(ui, bv, cmds)
        });
    }

    fn central_ui(&mut self, ui: &mut egui::Ui, cx: &mut LabCx<'_>) {
        draw_then_apply(self, ui, cx, view::view_ui);
    }

    fn status_ui(&self, ui: &mut egui::Ui) {
        if self.data_job.busy() {
            ui.label(crate::i18n::tr("net.reading_data"));
        } else if self.busy() {
            let config = &self.experiment.config;
            let key = if self.on_own_data() {
                "bv.data.status.fitting"
            } else {
                "bv.status.fitting"
            };
            ui.label(crate::i18n::fill(
                key,
                &[&config.repeats, &config.complexities.len()],
            ));
            ui.add(crate::ui::progress_bar(self.fraction));
        }
    }

    fn seed(&self) -> (u64, &'static str) {
        (self.experiment.config.seed, "bv.status.seed.tip")
    }

    fn help(&self) -> &'static [&'static str] {
        &["bv.help.1", "bv.help.2", "bv.help.3", "bv.help.4"]
    }

    fn data_export(&self) -> Option<DataExport> {
        Some(DataExport::new(
            "bv.export_csv",
            "bv.export_csv.tip",
            "biasvar",
            "common.notice.what_sweep",
        ))
    }

    fn write_data(&self, path: &Path) -> Result<(), String> {
        if self.on_own_data() {
            let Some(picture) = &self.data_picture else {
                return Err(crate::i18n::tr("bv.notice.no_sweep").to_string());
            };
            return crate::export::write_biasvar_data_csv(path, &picture.estimates)
                .map_err(|e| e.to_string());
        }
        let Some(picture) = &self.picture else {
            return Err(crate::i18n::tr("bv.notice.no_sweep").to_string());
        };
        crate::export::write_biasvar_csv(path, &picture.sweep).map_err(|e| e.to_string())
    }

    fn figure(&self, name: &str, lang: crate::i18n::Lang) -> Result<FigureMaker, &'static str> {
        if self.on_own_data() {
            return Err("bv.notice.no_figure_on_data");
        }
        let Some(picture) = &self.picture else {
            return Err("bv.notice.nothing_yet");
        };
        let experiment = self.experiment.clone();
        let sweep = picture.sweep.clone();
        let name = name.to_string();
        Ok(Box::new(move || {
            Figure::BiasVariance(Box::new(BiasVarianceFigure::new(
                &experiment,
                &name,
                &sweep,
                lang,
            )))
        }))
    }

    fn recolour(&mut self, _ctx: &egui::Context, _colormap: crate::render::palette::ColorMap) {}

    fn open_data(&mut self, path: &Path, cx: &mut LabCx<'_>) -> bool {
        self.start_reading_data(path, cx);
        true
    }

    fn screenshot_ready(&mut self) -> bool {
        self.has_picture() && !self.busy()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_scales_pick_logs_for_wide_ranges() {
        assert_eq!(XScale::for_values(&[0.0, 1.0, 15.0]), XScale::Linear);
        assert_eq!(XScale::for_values(&[0.04, 1.0]), XScale::Log);
        assert_eq!(XScale::for_values(&[0.0, 300.0]), XScale::Log1p);
        for scale in [XScale::Linear, XScale::Log, XScale::Log1p] {
            assert!((scale.value(scale.plot_x(30.0)) - 30.0).abs() < 1e-9);
        }
    }

    #[test]
    fn random_feature_complexities_straddle_n() {
        let list = family_complexities(crate::core::biasvar::Family::RANDOM_FEATURES, 30);
        assert!(list.contains(&30) && list.contains(&25) && list.contains(&60));
        assert!(list.windows(2).all(|w| w[0] < w[1]));
    }
}
