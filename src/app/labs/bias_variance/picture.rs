//! The Bias–Variance lab's sweep made ready to draw: [`SweepPicture`] (the decompositions,
//! the truth, the sample, every complexity's beam of fits, the curves with their ±2 SE bands
//! and the points not distinguishable from 0, as plot series), built once when a sweep lands.

use egui_plot::PlotPoint;

use crate::core::biasvar::{BiasVarianceConfig, Decomposition};
use crate::render::biasvar::Curve;

/// One complexity's fits, ready to draw (the top plot).
#[derive(Clone, Debug)]
pub struct BeamSeries {
    /// Every fit on the grid, one line per training set.
    pub fits: Vec<Vec<PlotPoint>>,
    /// The mean fit.
    pub mean: Vec<PlotPoint>,
    /// The point-wise median fit.
    pub median: Vec<PlotPoint>,
    /// mean − σ at each grid point.
    pub band_lo: Vec<f64>,
    /// mean + σ at each grid point.
    pub band_hi: Vec<f64>,
}

/// A curve's ±2 standard-error band in log10 units, one entry per complexity.
#[derive(Clone, Debug, Default)]
pub struct CurveBand {
    /// Plot x.
    pub x: Vec<f64>,
    /// log10(value − 2 SE), the floor where that is ≤ 0.
    pub lo: Vec<f64>,
    /// log10(value + 2 SE).
    pub hi: Vec<f64>,
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
    /// The ±2 standard-error band of each curve of [`Curve::ALL`] that has one, in log10
    /// units (clamped into the plot): (plot x, low, high) per complexity.
    pub bands: Vec<Option<CurveBand>>,
    /// For each curve, the complexities (plot x, floor) where its band reaches 0: the value is
    /// not distinguishable from 0, and the curve is drawn at the floor there.
    pub indistinct: Vec<Vec<PlotPoint>>,
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
                median: points(&d.beam.median),
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
        let values = |d: &Decomposition| Curve::ALL.map(|c| c.value(d));
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
        let floor = libm::log10(all_min.max(best * 1e-2));
        let ceiling = libm::log10(all_max.min(best * 1e5).max(best * 2.0));
        let pad = 0.05 * (ceiling - floor).max(0.1);
        let y_range = [floor - pad, ceiling + pad];
        let axis: Vec<f64> = sweep.iter().map(|d| d.axis_value).collect();
        let x_scale = XScale::for_values(&axis);
        let top = y_range[1] + pad;
        let log = |v: f64| -> f64 {
            if v.is_finite() && v > 0.0 {
                libm::log10(v).clamp(y_range[0], top)
            } else if v.is_finite() {
                y_range[0]
            } else {
                top
            }
        };
        // Not distinguishable from 0: the band (value − 2 SE) reaches 0. Only the bias² is
        // a difference that can be 0 (or below, by sampling error); variance and errors are
        // positive however wide their bands, and are drawn where they are.
        let reaches_zero = |curve: Curve, d: &Decomposition| {
            curve == Curve::Bias2
                && curve
                    .se(d)
                    .is_some_and(|se| se.is_finite() && curve.value(d) - 2.0 * se <= 0.0)
        };
        let bands = Curve::ALL
            .iter()
            .map(|&curve| {
                sweep.first().and_then(|d| curve.se(d))?;
                let mut band = CurveBand::default();
                for d in &sweep {
                    let (v, se) = (curve.value(d), curve.se(d).unwrap_or(f64::NAN));
                    if !se.is_finite() {
                        continue;
                    }
                    band.x.push(x_scale.plot_x(d.axis_value));
                    band.lo.push(log(v - 2.0 * se));
                    band.hi.push(log(v + 2.0 * se));
                }
                Some(band)
            })
            .collect();
        let indistinct = Curve::ALL
            .iter()
            .map(|&curve| {
                sweep
                    .iter()
                    .filter(|d| reaches_zero(curve, d))
                    .map(|d| PlotPoint::new(x_scale.plot_x(d.axis_value), y_range[0]))
                    .collect()
            })
            .collect();
        let curves = (0..Curve::ALL.len())
            .map(|k| {
                sweep
                    .iter()
                    .map(|d| {
                        let v = values(d)[k];
                        let y = if reaches_zero(Curve::ALL[k], d) {
                            y_range[0]
                        } else if v.is_finite() && v > 0.0 {
                            libm::log10(v)
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
            bands,
            indistinct,
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
