//! The Bias–Variance lab's side of the app: its session (the validated
//! [`RegressionExperiment`], the sweep on screen made ready to draw, the running job), its
//! commands ([`BvCommand`], applied by `App::apply_bias_variance`), and the job that runs
//! [`tasks::bias_variance`] on the app's rayon pool.
//!
//! Every edit makes a new config, validates it (an invalid one becomes a red notice and
//! changes nothing) and restarts the sweep with a new generation; the old pictures stay on
//! screen until the new sweep arrives. Moving the complexity only moves the marker and shows
//! another complexity's fits: every complexity's beam is in the sweep already, so nothing is
//! recomputed. The plot series are built once per sweep here, never inside `ui()`.

use std::sync::Arc;

use egui_plot::PlotPoint;

use crate::core::biasvar::config::limits;
use crate::core::biasvar::{BiasVarianceConfig, Decomposition, Family, Resampling};
use crate::jobs::{JobHandle, Jobs, tasks};
use crate::preset::{self, RegressionExperiment};

use super::App;
use super::state::NoticeKind;

/// Progress of a sweep: the fraction of its fits done, in [0, 1].
pub type SweepProgress = f32;

/// A sweep job: progress fractions, then the decompositions (`None` if cancelled).
pub type SweepJob = JobHandle<SweepProgress, Option<Vec<Decomposition>>>;

/// The series of the decomposition plot, in the order they are drawn and listed (shared
/// with the exported figure).
pub use crate::render::biasvar::Curve;

/// One complexity's fits, ready to draw (the top plot).
#[derive(Clone, Debug)]
pub struct BeamSeries {
    /// Every fit on the grid, one line per training set.
    pub fits: Vec<Vec<PlotPoint>>,
    /// The mean fit.
    pub mean: Vec<PlotPoint>,
    /// mean − σ at each grid point.
    pub band_lo: Vec<f64>,
    /// mean + σ at each grid point.
    pub band_hi: Vec<f64>,
}

/// A finished sweep made ready to draw.
#[derive(Clone, Debug)]
pub struct SweepPicture {
    /// The config the sweep was computed for.
    pub config: BiasVarianceConfig,
    /// The decompositions, in the config's complexity order.
    pub sweep: Vec<Decomposition>,
    /// The evaluation points (x of the fits plot).
    pub grid: Vec<f64>,
    /// The truth on the grid.
    pub truth: Vec<PlotPoint>,
    /// Training set 0 (the points drawn).
    pub sample: Vec<[f64; 2]>,
    /// The fits of each complexity (same order as `sweep`).
    pub beams: Vec<BeamSeries>,
    /// The fits plot's y range: the truth and the sample with a margin, so a wild fit leaves
    /// through the edge instead of flattening everything.
    pub fit_range: [f64; 2],
    /// The curves of [`Curve::ALL`] as (plot x, log10 value), values clamped into `y_range`.
    pub curves: Vec<Vec<PlotPoint>>,
    /// The decomposition plot's range in log10 units.
    pub y_range: [f64; 2],
    /// How the x-axis maps axis values to plot x.
    pub x_scale: XScale,
    /// The index (in `sweep`) of the lowest expected test MSE.
    pub optimum: usize,
}

/// The x-axis of the decomposition plot (shared with the exported figure).
pub use crate::render::biasvar::XScale;

impl SweepPicture {
    /// Prepares the plot series of a finished sweep.
    #[must_use]
    pub fn new(config: BiasVarianceConfig, sweep: Vec<Decomposition>) -> Self {
        let crate::render::biasvar::FitFrame {
            grid,
            truth: truth_values,
            sample,
            range: fit_range,
        } = crate::render::biasvar::FitFrame::new(&config, sweep.first());
        let points = |ys: &[f64]| -> Vec<PlotPoint> {
            grid.iter()
                .zip(ys)
                .map(|(&x, &y)| PlotPoint::new(x, y))
                .collect()
        };
        let beams = sweep
            .iter()
            .map(|d| BeamSeries {
                fits: d.beam.fits.iter().map(|f| points(f)).collect(),
                mean: points(&d.beam.mean),
                band_lo: d
                    .beam
                    .mean
                    .iter()
                    .zip(&d.beam.std)
                    .map(|(m, s)| m - s)
                    .collect(),
                band_hi: d
                    .beam
                    .mean
                    .iter()
                    .zip(&d.beam.std)
                    .map(|(m, s)| m + s)
                    .collect(),
            })
            .collect();

        let optimum = sweep
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.expected_test_mse.total_cmp(&b.1.expected_test_mse))
            .map_or(0, |(i, _)| i);
        let best = sweep
            .get(optimum)
            .map_or(1.0, |d| d.expected_test_mse.max(1e-12));
        let values = |d: &Decomposition| {
            [
                d.bias2,
                d.variance,
                d.noise,
                d.expected_test_mse,
                d.train_mse,
                d.cv_mse,
                d.bagged_mse,
            ]
        };
        // A floor two decades below the best test error (training errors of interpolating
        // models are 1e-30), a ceiling five decades above it (near an interpolation
        // threshold the test error reaches 1e13).
        let all_max = sweep
            .iter()
            .flat_map(values)
            .filter(|v| v.is_finite())
            .fold(0.0_f64, f64::max);
        let all_min = sweep
            .iter()
            .flat_map(values)
            .filter(|v| v.is_finite() && *v > 0.0)
            .fold(f64::INFINITY, f64::min);
        let floor = all_min.max(best * 1e-2).log10();
        let ceiling = all_max.min(best * 1e5).max(best * 2.0).log10();
        let pad = 0.05 * (ceiling - floor).max(0.1);
        let y_range = [floor - pad, ceiling + pad];
        let axis: Vec<f64> = sweep.iter().map(|d| d.axis_value).collect();
        let x_scale = XScale::for_values(&axis);
        let curves = (0..Curve::ALL.len())
            .map(|k| {
                sweep
                    .iter()
                    .map(|d| {
                        let v = values(d)[k];
                        let y = if v.is_finite() && v > 0.0 {
                            v.log10()
                        } else if v.is_finite() {
                            y_range[0]
                        } else {
                            y_range[1]
                        };
                        PlotPoint::new(
                            x_scale.plot_x(d.axis_value),
                            y.clamp(y_range[0], y_range[1] + pad),
                        )
                    })
                    .collect()
            })
            .collect();
        Self {
            config,
            sweep,
            truth: points(&truth_values),
            grid,
            sample,
            beams,
            fit_range,
            curves,
            y_range,
            x_scale,
            optimum,
        }
    }

    /// The index of `complexity` in the sweep (the nearest one if it is not there).
    #[must_use]
    pub fn index_of(&self, complexity: usize) -> usize {
        self.sweep
            .iter()
            .enumerate()
            .min_by_key(|(_, d)| d.complexity.abs_diff(complexity))
            .map_or(0, |(i, _)| i)
    }
}

/// The Bias–Variance lab's session.
pub struct BiasVarSession {
    /// The validated experiment being shown and edited.
    pub experiment: RegressionExperiment,
    /// The preset's name or path.
    pub preset_name: String,
    /// The sweep on screen (possibly of an older generation until the new one arrives).
    pub picture: Option<SweepPicture>,
    /// The newest generation handed out.
    pub generation: u64,
    /// The generation of the sweep on screen (0 before the first).
    pub picture_generation: u64,
    /// The running sweep, if any.
    pub job: Option<SweepJob>,
    /// Fraction of the running sweep done.
    pub fraction: f32,
}

impl BiasVarSession {
    /// A session for `experiment`, nothing computed yet.
    #[must_use]
    pub fn new(experiment: RegressionExperiment, preset_name: String) -> Self {
        Self {
            experiment,
            preset_name,
            picture: None,
            generation: 0,
            picture_generation: 0,
            job: None,
            fraction: 0.0,
        }
    }

    /// The built-in `bias-variance` preset (or, should it not load, the core's defaults).
    #[must_use]
    pub fn default_session() -> Self {
        let name = "bias-variance";
        match preset::load(name, &[]) {
            Ok(preset::Preset::Regression(e)) => Self::new(e, name.to_string()),
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
                    },
                    name.to_string(),
                )
            }
        }
    }

    /// Whether a sweep is running.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Starts a sweep of the current config with a new generation; the running one is
    /// dropped (cancelled). The old picture stays until the new one arrives.
    pub fn restart(&mut self, jobs: &Jobs) {
        self.generation += 1;
        self.fraction = 0.0;
        let config = Arc::new(self.experiment.config.clone());
        self.job = Some(jobs.spawn(self.generation, move |job| {
            let step = AtomicStep::default();
            tasks::bias_variance(&config, job.cancel_flag(), &|done, total| {
                if let Some(fraction) = step.advance(done, total) {
                    job.progress(fraction);
                }
            })
        }));
    }

    /// Folds every event that has arrived (never waits). Returns whether a new sweep landed.
    pub fn poll(&mut self) -> bool {
        let Some(job) = &mut self.job else {
            return false;
        };
        let job_generation = job.generation();
        let mut finished = None;
        for event in job.drain() {
            match event {
                crate::jobs::JobEvent::Progress(f) => self.fraction = f,
                crate::jobs::JobEvent::Finished(result) => finished = result,
            }
        }
        let done = job.is_done();
        if done {
            self.job = None;
        }
        match finished {
            Some(sweep) if job_generation > self.picture_generation => {
                self.picture_generation = job_generation;
                self.picture = Some(SweepPicture::new(self.experiment.config.clone(), sweep));
                self.fraction = 1.0;
                true
            }
            _ => false,
        }
    }
}

/// Throttles progress to steps of 2 % (called from worker threads).
#[derive(Default)]
struct AtomicStep {
    last: std::sync::atomic::AtomicUsize,
}

impl AtomicStep {
    /// The new fraction if `done / total` crossed another 2 % step.
    fn advance(&self, done: usize, total: usize) -> Option<f32> {
        let step = done * 50 / total.max(1);
        let previous = self
            .last
            .fetch_max(step, std::sync::atomic::Ordering::Relaxed);
        #[allow(clippy::cast_precision_loss)]
        (step > previous).then(|| done as f32 / total.max(1) as f32)
    }
}

/// A request from the Bias–Variance panels.
#[derive(Clone, Debug, PartialEq)]
pub enum BvCommand {
    /// Switch the model family (its default complexities come along).
    SetFamily(Family),
    /// Show the fits of this complexity (no recomputation).
    SetComplexity(usize),
    /// σ, the observation noise.
    SetNoise(f64),
    /// n, points per training set.
    SetTrainPoints(usize),
    /// R, training sets per complexity.
    SetRepeats(usize),
    /// k, cross-validation folds.
    SetFolds(usize),
    /// λ, the ridge penalty.
    SetRidge(f64),
    /// Fresh draws or bootstrap of one set.
    SetResampling(Resampling),
    /// Draw new data: the next seed.
    NewSample,
}

/// Complexities shown when the user switches to a family in the GUI.
#[must_use]
pub fn family_complexities(family: Family, n_train: usize) -> Vec<usize> {
    match family {
        Family::Polynomial => (0..=15.min(n_train.saturating_sub(1))).collect(),
        Family::Knn => (1..=25.min(n_train)).collect(),
        Family::Mlp { .. } => vec![1, 2, 4, 8, 16, 32],
        Family::Tree => (0..=12).collect(),
        Family::Boosting { .. } => vec![0, 1, 2, 5, 10, 20, 35, 50, 75, 100, 150, 200, 300],
        Family::RandomFeatures { .. } => {
            let n = n_train;
            let mut list = vec![1, 2, 5, 10, n / 2, n.saturating_sub(5), n, n + 5, 2 * n];
            list.extend([4 * n, 10 * n]);
            list.retain(|&p| p >= 1 && p <= *limits::FEATURES.end());
            list.sort_unstable();
            list.dedup();
            list
        }
    }
}

impl App {
    /// Applies a Bias–Variance command: edits a copy of the config, validates it, and on
    /// success keeps it and restarts the sweep; on failure a red notice says why and nothing
    /// changes.
    pub fn apply_bias_variance(&mut self, command: BvCommand) {
        let bv = &mut self.bias_variance;
        let mut config = bv.experiment.config.clone();
        let mut complexity = bv.experiment.complexity;
        match command {
            BvCommand::SetComplexity(c) => {
                bv.experiment.complexity = preset::nearest(&config.complexities, c);
                return;
            }
            BvCommand::SetFamily(family) => {
                if family.name() == config.family.name() {
                    return;
                }
                config.family = family;
                config.complexities = family_complexities(family, config.n_train);
                if matches!(family, Family::Mlp { .. }) {
                    // Each MLP fit is thousands of Adam steps: keep the sweep interactive.
                    config.repeats = config.repeats.min(20);
                    config.bag_sets = config.bag_sets.min(2);
                    config.bag_size = config.bag_size.min(5);
                }
                complexity = preset::default_current(&config.complexities);
            }
            BvCommand::SetNoise(sigma) => config.noise = sigma,
            BvCommand::SetTrainPoints(n) => {
                config.n_train = n;
                config.folds = config.folds.min(n);
                if config.family == Family::Knn {
                    config.complexities.retain(|&k| k <= n);
                }
            }
            BvCommand::SetRepeats(r) => config.repeats = r,
            BvCommand::SetFolds(k) => config.folds = k,
            BvCommand::SetRidge(ridge) => config.ridge = ridge,
            BvCommand::SetResampling(mode) => config.resampling = mode,
            BvCommand::NewSample => {
                config.seed = config.seed.wrapping_add(1) % (i64::MAX.unsigned_abs() + 1);
            }
        }
        match config.validate() {
            Ok(()) => {
                bv.experiment.complexity = preset::nearest(&config.complexities, complexity);
                bv.experiment.config = config;
                self.session.notices.retain(|n| n.kind != NoticeKind::Error);
                self.restart_bias_variance();
            }
            Err(err) => self.session.notify(NoticeKind::Error, err.to_string()),
        }
    }

    /// Starts a new sweep of the Bias–Variance lab's config.
    pub fn restart_bias_variance(&mut self) {
        if let Some(jobs) = &self.jobs {
            self.bias_variance.restart(jobs);
        }
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
        let list = family_complexities(Family::RANDOM_FEATURES, 30);
        assert!(list.contains(&30) && list.contains(&25) && list.contains(&60));
        assert!(list.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn progress_steps_are_two_percent() {
        let step = AtomicStep::default();
        assert_eq!(step.advance(1, 100), None);
        assert_eq!(step.advance(2, 100), Some(0.02));
        assert_eq!(step.advance(3, 100), None);
        assert_eq!(step.advance(100, 100), Some(1.0));
    }
}
