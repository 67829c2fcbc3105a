//! The Bias–Variance figure, as the lab shows it: on top the truth, one noisy training
//! sample, the R fits of the current complexity drawn faint (the beam), their mean bold and a
//! ±1σ band; below, bias², variance, noise σ², the expected test MSE, the training MSE, the
//! k-fold CV MSE and the bagged MSE against complexity on a log axis, with the current
//! complexity and the optimum marked; worded in the figure's language (`fig.` strings, the
//! window's curve names and complexity axes).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::palette::OKABE_ITO_RGB;
use super::{RenderError, draw_axes, draw_err, font, text_style, tick_label};
use crate::core::biasvar::{BiasVarianceConfig, Decomposition, Family};
use crate::i18n::{Lang, fill_text, preset_title_in, tr_in};
use crate::preset::RegressionExperiment;

/// What the fits plot is drawn in, from one decomposition's beam: the evaluation grid, the
/// truth on it, training set 0, and the y range — the truth and the sample with a quarter of
/// their span either side, so a wild fit leaves through the edge instead of flattening
/// everything. Shared by the lab and the figure.
#[derive(Clone, Debug, PartialEq)]
pub struct FitFrame {
    /// The evaluation points.
    pub grid: Vec<f64>,
    /// The truth on them.
    pub truth: Vec<f64>,
    /// Training set 0 as (x, y).
    pub sample: Vec<[f64; 2]>,
    /// The fits plot's y range.
    pub range: [f64; 2],
}

impl FitFrame {
    /// The frame of `at`'s beam (empty, range [−1.25, 1.25], without one).
    #[must_use]
    pub fn new(config: &BiasVarianceConfig, at: Option<&Decomposition>) -> Self {
        let grid = at.map(|d| d.beam.grid.clone()).unwrap_or_default();
        let truth: Vec<f64> = grid.iter().map(|&x| config.truth.eval(x)).collect();
        let sample: Vec<[f64; 2]> = at.map_or_else(Vec::new, |d| {
            d.beam
                .sample
                .x
                .iter()
                .zip(&d.beam.sample.y)
                .map(|(&x, &y)| [x, y])
                .collect()
        });
        let (lo, hi) = truth
            .iter()
            .chain(sample.iter().map(|p| &p[1]))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
                (lo.min(v), hi.max(v))
            });
        let (lo, hi) = if lo.is_finite() && hi > lo {
            (lo, hi)
        } else {
            (-1.0, 1.0)
        };
        let pad = 0.25 * (hi - lo);
        Self {
            grid,
            truth,
            sample,
            range: [lo - pad, hi + pad],
        }
    }
}

/// One curve of the decomposition plot and one column of `basin biasvar`'s CSV: which value
/// of a [`Decomposition`] it is, its CSV column, its translation key and its colour. The
/// figure, the window and the CSV all walk [`Curve::ALL`], so they list the same curves in
/// the same order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    /// Bias² of the mean fit.
    Bias2,
    /// Variance of the fits around their mean.
    Variance,
    /// The irreducible noise σ².
    Noise,
    /// The expected test MSE (bias² + variance + noise).
    ExpectedTestMse,
    /// The training MSE.
    TrainMse,
    /// The k-fold cross-validation MSE.
    CvMse,
    /// The MSE of the bagged fit.
    BaggedMse,
}

impl Curve {
    /// Every curve, in drawing order and in the order of the CSV's columns.
    pub const ALL: [Self; 7] = [
        Self::Bias2,
        Self::Variance,
        Self::Noise,
        Self::ExpectedTestMse,
        Self::TrainMse,
        Self::CvMse,
        Self::BaggedMse,
    ];

    /// The curve's value in `d`.
    #[must_use]
    pub fn value(self, d: &Decomposition) -> f64 {
        match self {
            Self::Bias2 => d.bias2,
            Self::Variance => d.variance,
            Self::Noise => d.noise,
            Self::ExpectedTestMse => d.expected_test_mse,
            Self::TrainMse => d.train_mse,
            Self::CvMse => d.cv_mse,
            Self::BaggedMse => d.bagged_mse,
        }
    }

    /// The standard error of its value in `d`, for the curves that are estimates from the R
    /// fits (bias², variance, expected test MSE) or the folds (CV MSE); NaN when there are
    /// too few fits or folds for one.
    #[must_use]
    pub fn se(self, d: &Decomposition) -> Option<f64> {
        match self {
            Self::Bias2 => Some(d.bias2_se),
            Self::Variance => Some(d.variance_se),
            Self::ExpectedTestMse => Some(d.expected_test_mse_se),
            Self::CvMse => Some(d.cv_mse_se),
            Self::Noise | Self::TrainMse | Self::BaggedMse => None,
        }
    }

    /// Its column in the CSV of `basin biasvar` (after `complexity`).
    #[must_use]
    pub fn column(self) -> &'static str {
        match self {
            Self::Bias2 => "bias2",
            Self::Variance => "variance",
            Self::Noise => "noise",
            Self::ExpectedTestMse => "expected_test_mse",
            Self::TrainMse => "train_mse",
            Self::CvMse => "cv_mse",
            Self::BaggedMse => "bagged_mse",
        }
    }

    /// The translation key of its legend entry.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Bias2 => "bv.curve.bias2",
            Self::Variance => "bv.curve.variance",
            Self::Noise => "bv.curve.noise",
            Self::ExpectedTestMse => "bv.curve.test",
            Self::TrainMse => "bv.curve.train",
            Self::CvMse => "bv.curve.cv",
            Self::BaggedMse => "bv.curve.bagged",
        }
    }

    /// Its legend entry in English.
    #[must_use]
    pub fn label(self) -> &'static str {
        self.label_in(Lang::En)
    }

    /// Its legend entry in `lang` (an exported figure's).
    #[must_use]
    pub fn label_in(self, lang: Lang) -> &'static str {
        tr_in(lang, self.key())
    }

    /// Its colour on a light or dark background: Okabe–Ito for the measured curves, grey for
    /// the noise and the text colour for the expected test MSE.
    #[must_use]
    pub fn rgb(self, dark_background: bool) -> [u8; 3] {
        match self {
            Self::Bias2 => OKABE_ITO_RGB[4],
            Self::Variance => OKABE_ITO_RGB[5],
            Self::Noise if dark_background => [150, 150, 150],
            Self::Noise => [120, 120, 120],
            Self::ExpectedTestMse if dark_background => [235, 235, 235],
            Self::ExpectedTestMse => [20, 20, 20],
            Self::TrainMse => OKABE_ITO_RGB[2],
            Self::CvMse => OKABE_ITO_RGB[0],
            Self::BaggedMse => OKABE_ITO_RGB[6],
        }
    }
}

/// The x-axis of the decomposition plot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum XScale {
    /// Plot x is the axis value.
    Linear,
    /// Plot x is log10 of the axis value (all positive, spanning a decade or more).
    Log,
    /// Plot x is log10(1 + axis value) (starting at 0, spanning a decade or more).
    Log1p,
}

impl XScale {
    /// The scale for these axis values.
    #[must_use]
    pub fn for_values(values: &[f64]) -> Self {
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if lo > 0.0 && hi / lo >= 20.0 {
            Self::Log
        } else if lo >= 0.0 && hi >= 50.0 {
            Self::Log1p
        } else {
            Self::Linear
        }
    }

    /// Plot x of an axis value.
    #[must_use]
    pub fn plot_x(self, value: f64) -> f64 {
        match self {
            Self::Linear => value,
            Self::Log => libm::log10(value),
            Self::Log1p => libm::log1p(value) / std::f64::consts::LN_10,
        }
    }

    /// The axis value at plot x.
    #[must_use]
    pub fn value(self, x: f64) -> f64 {
        match self {
            Self::Linear => x,
            Self::Log => libm::pow(10f64, x),
            Self::Log1p => libm::pow(10f64, x) - 1.0,
        }
    }
}

/// Tick positions of a logarithmic x-axis between plot x `lo` and `hi`: round values 1, 2,
/// 5 × 10^k (and 0 on a log(1 + x) axis) as `(plot x, is a decade)`.
#[must_use]
pub fn round_marks(scale: XScale, lo: f64, hi: f64) -> Vec<(f64, bool)> {
    let mut marks = Vec::new();
    if scale == XScale::Log1p && (lo..=hi).contains(&0.0) {
        marks.push((0.0, true));
    }
    for k in -4..=6 {
        for m in [1.0, 2.0, 5.0] {
            let value = m * 10f64.powi(k);
            let x = scale.plot_x(value);
            // On log(1 + x), values below 1 would crowd beside 0.
            if (lo..=hi).contains(&x) && (scale != XScale::Log1p || value >= 1.0) {
                marks.push((x, m == 1.0));
            }
        }
    }
    marks
}

/// The corner of a plot whose legend box (`w × h`, fractions of the plot) covers the fewest
/// of `points` (plot fractions, y up): where the legend hides the least.
fn emptiest_corner(points: &[(f64, f64)], w: f64, h: f64) -> SeriesLabelPosition {
    let corners = [
        (SeriesLabelPosition::UpperRight, (1.0 - w, 1.0 - h)),
        (SeriesLabelPosition::UpperLeft, (0.0, 1.0 - h)),
        (SeriesLabelPosition::LowerRight, (1.0 - w, 0.0)),
        (SeriesLabelPosition::LowerLeft, (0.0, 0.0)),
    ];
    let covered = |(x0, y0): (f64, f64)| {
        points
            .iter()
            .filter(|(x, y)| (x0..=x0 + w).contains(x) && (y0..=y0 + h).contains(y))
            .count()
    };
    corners
        .into_iter()
        .min_by_key(|&(_, at)| covered(at))
        .map_or(SeriesLabelPosition::UpperRight, |(pos, _)| pos)
}

/// The family's name in a figure's title, in `lang` (its preset name in English).
fn family_text(lang: Lang, family: Family) -> &'static str {
    tr_in(
        lang,
        match family {
            Family::Polynomial => "fig.bv.polynomial",
            Family::Knn => "fig.bv.knn",
            Family::Mlp { .. } => "fig.bv.mlp",
            Family::Tree => "fig.bv.tree",
            Family::Boosting { .. } => "fig.bv.boosting",
            Family::RandomFeatures { .. } => "fig.bv.random_features",
        },
    )
}

/// The complexity axis' name in `lang` ("degree", "1/k", "features p"; the window's words).
fn complexity_label(lang: Lang, family: Family) -> &'static str {
    match family {
        Family::Polynomial => tr_in(lang, "bv.cx.degree"),
        Family::Knn => "1/k",
        Family::Mlp { .. } => tr_in(lang, "bv.cx.width"),
        Family::Tree => tr_in(lang, "bv.cx.depth"),
        Family::Boosting { .. } => tr_in(lang, "bv.cx.rounds"),
        Family::RandomFeatures { .. } => tr_in(lang, "bv.cx.features"),
    }
}

/// A complexity in the family's words in `lang`: "degree 4", "k = 5", "features p 30".
fn complexity_text(lang: Lang, family: Family, complexity: usize) -> String {
    match family {
        Family::Knn => format!("k = {complexity}"),
        other => format!("{} {complexity}", complexity_label(lang, other)),
    }
}

/// Everything the Bias–Variance figure shows.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct BiasVarianceFigure {
    /// The title line.
    pub title: String,
    /// Preset and seed.
    pub stamp: String,
    /// "degree", "1/k", …: the complexity axis' name.
    pub complexity_label: String,
    /// "degree 3": the current complexity in words.
    pub current_text: String,
    /// The evaluation grid of the fits.
    pub grid: Vec<f64>,
    /// The truth on the grid.
    pub truth: Vec<f64>,
    /// Training set 0.
    pub sample: Vec<[f64; 2]>,
    /// The fits of the current complexity.
    pub fits: Vec<Vec<f64>>,
    /// Their mean.
    pub mean: Vec<f64>,
    /// Their standard deviation.
    pub std: Vec<f64>,
    /// The y range of the fits plot (the truth and the sample with a margin).
    pub fit_range: [f64; 2],
    /// Axis value (complexity) per decomposition.
    pub axis: Vec<f64>,
    /// The curves of [`Curve::ALL`], one value per decomposition.
    pub curves: Vec<Vec<f64>>,
    /// How complexity maps to the x-axis (as in the app).
    pub x_scale: XScale,
    /// The current complexity's axis value.
    pub current: f64,
    /// The axis value of the lowest expected test MSE.
    pub optimum: f64,
    /// The language of every text (its font follows it).
    pub lang: Lang,
}

impl BiasVarianceFigure {
    /// The figure of a finished sweep of `experiment`, in `lang`.
    #[must_use]
    pub fn new(
        experiment: &RegressionExperiment,
        preset_name: &str,
        sweep: &[Decomposition],
        lang: Lang,
    ) -> Self {
        let config = &experiment.config;
        let index = experiment
            .complexity_index()
            .min(sweep.len().saturating_sub(1));
        let at = sweep.get(index);
        let FitFrame {
            grid,
            truth,
            sample,
            range: fit_range,
        } = FitFrame::new(config, at);
        let optimum = sweep
            .iter()
            .min_by(|a, b| a.expected_test_mse.total_cmp(&b.expected_test_mse))
            .map_or(0.0, |d| d.axis_value);
        let curves = Curve::ALL
            .iter()
            .map(|c| sweep.iter().map(|d| c.value(d)).collect())
            .collect();
        Self {
            title: fill_text(
                tr_in(lang, "fig.bv.title"),
                &[
                    &preset_title_in(lang, preset_name, &experiment.name),
                    &family_text(lang, config.family),
                ],
            ),
            stamp: super::landscape::stamp(lang, preset_name, experiment.seed()),
            complexity_label: complexity_label(lang, config.family).to_string(),
            current_text: complexity_text(lang, config.family, experiment.complexity),
            grid,
            truth,
            sample,
            fits: at.map(|d| d.beam.fits.clone()).unwrap_or_default(),
            mean: at.map(|d| d.beam.mean.clone()).unwrap_or_default(),
            std: at.map(|d| d.beam.std.clone()).unwrap_or_default(),
            fit_range,
            axis: sweep.iter().map(|d| d.axis_value).collect(),
            x_scale: XScale::for_values(&sweep.iter().map(|d| d.axis_value).collect::<Vec<_>>()),
            curves,
            current: at.map_or(0.0, |d| d.axis_value),
            optimum,
            lang,
        }
    }
}

fn rgb(c: [u8; 3]) -> RGBColor {
    RGBColor(c[0], c[1], c[2])
}

/// Draws the figure on `root`.
pub(crate) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &BiasVarianceFigure,
) -> Result<(), RenderError> {
    let (main, f) = super::framed(root, &figure.title, &figure.stamp)?;
    let (_, main_h) = main.dim_in_pixel();
    let (top, bottom) = main.split_vertically(main_h * 45 / 100);
    draw_fits(&top, figure, f)?;
    draw_curves(&bottom, figure, f)
}

fn draw_fits<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &BiasVarianceFigure,
    f: f64,
) -> Result<(), RenderError> {
    let ink = [25, 25, 25];
    let x0 = figure.grid.first().copied().unwrap_or(0.0);
    let x1 = figure
        .grid
        .last()
        .copied()
        .filter(|&x| x > x0)
        .unwrap_or(x0 + 1.0);
    let [y0, y1] = figure.fit_range;
    let mut chart = ChartBuilder::on(area)
        .margin((0.6 * f) as u32)
        .x_label_area_size((2.6 * f) as u32)
        .y_label_area_size((4.0 * f) as u32)
        .build_cartesian_2d(x0..x1, y0..y1)
        .map_err(draw_err)?;
    draw_axes(
        chart
            .configure_mesh()
            .disable_mesh()
            .x_desc("x")
            .y_desc("y")
            .x_label_formatter(&|v| tick_label(*v))
            .y_label_formatter(&|v| tick_label(*v)),
        f,
        ink,
    )?;
    let clip = |y: f64| y.clamp(y0 - (y1 - y0), y1 + (y1 - y0));
    let xy = |ys: &[f64]| -> Vec<(f64, f64)> {
        figure
            .grid
            .iter()
            .zip(ys)
            .filter(|(_, y)| y.is_finite())
            .map(|(&x, &y)| (x, clip(y)))
            .collect()
    };
    let band: Vec<(f64, f64)> = figure
        .grid
        .iter()
        .zip(figure.mean.iter().zip(&figure.std))
        .map(|(&x, (m, s))| (x, clip(m + s)))
        .chain(
            figure
                .grid
                .iter()
                .zip(figure.mean.iter().zip(&figure.std))
                .rev()
                .map(|(&x, (m, s))| (x, clip(m - s))),
        )
        .collect();
    let beam = OKABE_ITO_RGB[4];
    chart
        .draw_series(std::iter::once(Polygon::new(
            band,
            RGBAColor(beam[0], beam[1], beam[2], 0.18).filled(),
        )))
        .map_err(draw_err)?
        .label(tr_in(figure.lang, "fig.bv.band"))
        .legend(move |(x, y)| {
            Rectangle::new(
                [(x, y - 5), (x + 18, y + 5)],
                RGBAColor(beam[0], beam[1], beam[2], 0.3).filled(),
            )
        });
    let alpha = (8.0 / figure.fits.len().max(1) as f64).clamp(0.04, 0.5);
    for (i, fit) in figure.fits.iter().enumerate() {
        let series = chart
            .draw_series(LineSeries::new(
                xy(fit),
                RGBAColor(beam[0], beam[1], beam[2], alpha).stroke_width(1),
            ))
            .map_err(draw_err)?;
        if i == 0 {
            series
                .label(fill_text(
                    tr_in(figure.lang, "fig.bv.fits"),
                    &[&figure.fits.len(), &figure.current_text],
                ))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], rgb(beam).stroke_width(1))
                });
        }
    }
    chart
        .draw_series(LineSeries::new(
            xy(&figure.mean),
            rgb(beam).stroke_width((0.2 * f).max(2.0) as u32),
        ))
        .map_err(draw_err)?
        .label(tr_in(figure.lang, "fig.bv.mean_fit"))
        .legend(move |(x, y)| {
            PathElement::new(vec![(x, y), (x + 18, y)], rgb(beam).stroke_width(3))
        });
    chart
        .draw_series(LineSeries::new(
            xy(&figure.truth),
            BLACK.stroke_width((0.15 * f).max(2.0) as u32),
        ))
        .map_err(draw_err)?
        .label(tr_in(figure.lang, "fig.bv.truth"))
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], BLACK.stroke_width(2)));
    let radius = (0.25 * f).max(2.0) as i32;
    chart
        .draw_series(
            figure
                .sample
                .iter()
                .map(|p| Circle::new((p[0], p[1]), radius, RGBColor(90, 90, 90).filled())),
        )
        .map_err(draw_err)?
        .label(tr_in(figure.lang, "fig.bv.sample"))
        .legend(move |(x, y)| Circle::new((x + 9, y), radius, RGBColor(90, 90, 90).filled()));
    let to_frac = |x: f64, y: f64| ((x - x0) / (x1 - x0), (y - y0) / (y1 - y0));
    let placed: Vec<(f64, f64)> = figure
        .grid
        .iter()
        .zip(&figure.truth)
        .chain(figure.grid.iter().zip(&figure.mean))
        .map(|(&x, &y)| to_frac(x, y))
        .chain(figure.sample.iter().map(|p| to_frac(p[0], p[1])))
        .collect();
    chart
        .configure_series_labels()
        .position(emptiest_corner(&placed, 0.3, 0.5))
        .label_font(text_style(
            0.75 * f,
            ink,
            Pos::new(HPos::Left, VPos::Center),
        ))
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(160, 160, 160))
        .draw()
        .map_err(draw_err)?;
    Ok(())
}

fn draw_curves<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &BiasVarianceFigure,
    f: f64,
) -> Result<(), RenderError> {
    let ink = [25, 25, 25];
    let positive = |v: &&f64| v.is_finite() && **v > 0.0;
    let best = figure
        .curves
        .get(3)
        .and_then(|c| c.iter().filter(positive).copied().reduce(f64::min))
        .unwrap_or(1.0);
    let all: Vec<f64> = figure
        .curves
        .iter()
        .flatten()
        .filter(positive)
        .copied()
        .collect();
    let lo = all
        .iter()
        .copied()
        .fold(f64::INFINITY, f64::min)
        .max(best * 1e-2);
    let hi = all
        .iter()
        .copied()
        .fold(0.0, f64::max)
        .min(best * 1e5)
        .max(best * 2.0);
    let (lo, hi) = if lo.is_finite() && hi > lo {
        (lo / 1.3, hi * 1.3)
    } else {
        (1e-3, 1.0)
    };
    let xs: Vec<f64> = figure
        .axis
        .iter()
        .map(|&v| figure.x_scale.plot_x(v))
        .collect();
    let x0 = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let x1 = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (x0, x1) = if x0.is_finite() && x1 > x0 {
        (x0, x1)
    } else {
        (0.0, 1.0)
    };
    // The legend gets its own column to the right of the curves: eight lines cross the whole
    // plot, so no corner inside it is free.
    let legend_w = (11.5 * f) as u32;
    let mut chart = ChartBuilder::on(area)
        .margin((0.6 * f) as u32)
        .margin_right(legend_w)
        .x_label_area_size((2.6 * f) as u32)
        .y_label_area_size((4.0 * f) as u32)
        .build_cartesian_2d(x0..x1, (lo..hi).log_scale())
        .map_err(draw_err)?;
    let log_x = figure.x_scale != XScale::Linear;
    let x_desc = font::printable(&if log_x {
        fill_text(
            tr_in(figure.lang, "fig.log_suffix"),
            &[&figure.complexity_label],
        )
    } else {
        figure.complexity_label.clone()
    });
    draw_axes(
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(if log_x { 0 } else { 10 })
            .x_desc(x_desc.as_str())
            .y_desc(tr_in(figure.lang, "fig.bv.error_log"))
            .x_label_formatter(&|v| tick_label(*v))
            .y_label_formatter(&|v| tick_label(*v)),
        f,
        ink,
    )?;
    if log_x {
        // Round complexities at their log positions, as the app marks them.
        let base = area.get_base_pixel();
        for (x, _) in round_marks(figure.x_scale, x0, x1) {
            let (px, py) = chart.backend_coord(&(x, lo));
            let (px, py) = (px - base.0, py - base.1);
            area.draw(&PathElement::new(
                vec![(px, py), (px, py + (0.35 * f) as i32)],
                rgb(ink).stroke_width(1),
            ))
            .map_err(draw_err)?;
            area.draw_text(
                &tick_label(figure.x_scale.value(x)),
                &text_style(0.8 * f, ink, Pos::new(HPos::Center, VPos::Top)),
                (px, py + (0.5 * f) as i32),
            )
            .map_err(draw_err)?;
        }
    }
    let current = figure.x_scale.plot_x(figure.current);
    let dash = |x: f64, color: RGBColor| {
        let n = 24;
        (0..n).filter(|k| k % 2 == 0).map(move |k| {
            let a = lo * libm::pow(hi / lo, f64::from(k) / f64::from(n));
            let b = lo * libm::pow(hi / lo, f64::from(k + 1) / f64::from(n));
            PathElement::new(vec![(x, a), (x, b)], color.stroke_width(1))
        })
    };
    chart
        .draw_series(dash(current, RGBColor(110, 110, 110)))
        .map_err(draw_err)?;
    let mut legend: Vec<(String, RGBColor, Option<u32>)> = Vec::new();
    for (k, curve) in Curve::ALL.into_iter().enumerate() {
        let Some(values) = figure.curves.get(k) else {
            continue;
        };
        let color = rgb(curve.rgb(false));
        let points: Vec<(f64, f64)> = xs
            .iter()
            .zip(values)
            .filter(|(_, v)| v.is_finite())
            .map(|(&x, &v)| (x, v.clamp(lo, hi)))
            .collect();
        let width = if curve == Curve::ExpectedTestMse {
            3
        } else {
            2
        };
        chart
            .draw_series(LineSeries::new(points, color.stroke_width(width)))
            .map_err(draw_err)?;
        legend.push((
            font::printable(curve.label_in(figure.lang)),
            color,
            Some(width),
        ));
    }
    if let Some(test) = figure.curves.get(Curve::ExpectedTestMse as usize)
        && let Some(i) = figure.axis.iter().position(|&x| x == figure.optimum)
        && let Some(&v) = test.get(i)
        && v.is_finite()
    {
        let r = (0.4 * f).max(3.0) as i32;
        chart
            .draw_series(std::iter::once(Circle::new(
                (figure.x_scale.plot_x(figure.optimum), v.clamp(lo, hi)),
                r,
                BLACK.filled(),
            )))
            .map_err(draw_err)?;
        legend.push((
            fill_text(
                tr_in(figure.lang, "fig.bv.optimum"),
                &[&tick_label(figure.optimum)],
            ),
            BLACK,
            None,
        ));
    }
    // The legend column, right of the plot (plotters clips its own legend to the plot).
    let base = area.get_base_pixel();
    let (right, top) = {
        let (xr, yr) = chart.plotting_area().get_pixel_range();
        (xr.end - base.0, yr.start - base.1)
    };
    for (row, (name, color, width)) in legend.iter().enumerate() {
        let x = right + (0.9 * f) as i32;
        let y = top + ((0.6 + 1.3 * row as f64) * f) as i32;
        match width {
            Some(w) => area.draw(&PathElement::new(
                vec![(x, y), (x + (1.6 * f) as i32, y)],
                color.stroke_width(*w),
            )),
            None => area.draw(&Circle::new(
                (x + (0.8 * f) as i32, y),
                (0.4 * f).max(3.0) as i32,
                color.filled(),
            )),
        }
        .map_err(draw_err)?;
        area.draw_text(
            name,
            &text_style(0.8 * f, ink, Pos::new(HPos::Left, VPos::Center)),
            (x + (2.1 * f) as i32, y),
        )
        .map_err(draw_err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curves_keep_their_names_columns_and_colours() {
        let labels: Vec<&str> = Curve::ALL.iter().map(|c| c.label()).collect();
        assert_eq!(
            labels,
            [
                "bias²",
                "variance",
                "noise σ²",
                "expected test MSE",
                "training MSE",
                "k-fold CV MSE",
                "bagged MSE"
            ]
        );
        let columns: Vec<&str> = Curve::ALL.iter().map(|c| c.column()).collect();
        assert_eq!(
            columns.join(","),
            "bias2,variance,noise,expected_test_mse,train_mse,cv_mse,bagged_mse"
        );
        assert_eq!(Curve::Bias2.rgb(false), [0x00, 0x72, 0xB2]);
        assert_eq!(Curve::Noise.rgb(false), [120, 120, 120]);
        assert_eq!(Curve::Noise.rgb(true), [150, 150, 150]);
        assert_eq!(Curve::ExpectedTestMse.rgb(false), [20, 20, 20]);
        assert_eq!(Curve::ExpectedTestMse.rgb(true), [235, 235, 235]);
        assert_eq!(Curve::BaggedMse.rgb(true), OKABE_ITO_RGB[6]);
        for (k, c) in Curve::ALL.into_iter().enumerate() {
            assert_eq!(c as usize, k, "ALL is in declaration order");
        }
    }

    #[test]
    fn the_legend_goes_where_nothing_is_drawn() {
        // Everything in the upper half: the legend goes to a lower corner.
        let points: Vec<(f64, f64)> = (0..50).map(|i| (f64::from(i) / 50.0, 0.8)).collect();
        let corner = emptiest_corner(&points, 0.3, 0.4);
        assert!(matches!(
            corner,
            SeriesLabelPosition::LowerRight | SeriesLabelPosition::LowerLeft
        ));
        // Only the upper left is free.
        let mut busy: Vec<(f64, f64)> = (0..50).map(|i| (f64::from(i) / 50.0, 0.1)).collect();
        busy.push((0.9, 0.9));
        assert!(matches!(
            emptiest_corner(&busy, 0.3, 0.4),
            SeriesLabelPosition::UpperLeft
        ));
    }

    #[test]
    fn log_marks_are_round_complexities() {
        let scale = XScale::Log1p;
        let marks = round_marks(scale, 0.0, scale.plot_x(300.0));
        let values: Vec<f64> = marks
            .iter()
            .map(|&(x, _)| (scale.value(x) * 1e6).round() / 1e6)
            .collect();
        assert_eq!(
            values,
            vec![0.0, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0]
        );
        assert!(marks[0].1 && marks[1].1 && !marks[2].1);
    }
}
