//! The Bias–Variance lab on a person's own 1-D data, the truth unknown: [`DataPicture`] (the
//! estimates of [`crate::core::biasvar::observed`] made ready to draw, once when they land)
//! and its view. Top: the training rows and the held-out points (told apart by colour and
//! shape), a few bootstrap fits at the current complexity and their mean. Bottom: held-out
//! test error, variance across resamples, and bias² + noise against complexity, each with a
//! band of ±2 standard errors over the held-out points, and the sentence that says what can
//! and cannot be estimated without the truth.

use egui::{Color32, RichText};
use egui_plot::{
    FilledArea, Line, LineStyle, MarkerShape, PlotBounds, PlotPoint, PlotPoints, Points, VLine,
};

use crate::app::settings::Settings;
use crate::core::biasvar::BiasVarianceConfig;
use crate::core::biasvar::observed::{Estimate, HeldOut, Mean, Observations, lowest_test_mse};
use crate::core::fmt3;
use crate::i18n::{fill, tr};

use super::XScale;
use super::view::{complexity_label, complexity_text};

/// How many standard errors each side a band spans (≈ a 95 % interval for a mean).
pub const BAND_SE: f64 = 2.0;

/// The three curves that can be estimated without the truth, in legend order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataCurve {
    /// Held-out error of the bootstrap fits.
    TestMse,
    /// Variance of the fits across resamples.
    Variance,
    /// Held-out error of the mean fit: bias² and noise together.
    Bias2Noise,
}

impl DataCurve {
    /// Every curve, in legend order.
    pub const ALL: [Self; 3] = [Self::TestMse, Self::Variance, Self::Bias2Noise];

    /// The translation key of its name.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::TestMse => "bv.data.test_mse",
            Self::Variance => "bv.data.variance",
            Self::Bias2Noise => "bv.data.bias2_noise",
        }
    }

    /// Its value at one complexity.
    #[must_use]
    pub fn value(self, e: &Estimate) -> Mean {
        match self {
            Self::TestMse => e.test_mse,
            Self::Variance => e.variance,
            Self::Bias2Noise => e.bias2_noise,
        }
    }

    /// Its colour (Okabe–Ito: orange, sky blue, bluish green; the same on both themes).
    #[must_use]
    pub fn color(self) -> Color32 {
        match self {
            Self::TestMse => crate::ui::OKABE_ITO[1],
            Self::Variance => crate::ui::OKABE_ITO[2],
            Self::Bias2Noise => crate::ui::OKABE_ITO[3],
        }
    }
}

/// One curve on the log axis: its points and its band.
#[derive(Clone, Debug)]
pub struct CurveSeries {
    /// (plot x, log10 value).
    pub points: Vec<PlotPoint>,
    /// log10(value − 2 SE), clamped to the plot's floor.
    pub band_lo: Vec<f64>,
    /// log10(value + 2 SE).
    pub band_hi: Vec<f64>,
}

/// The estimates of a finished sweep on own data, ready to draw.
#[derive(Clone, Debug)]
pub struct DataPicture {
    /// The config the sweep was computed for.
    pub config: BiasVarianceConfig,
    /// The estimates, in the config's complexity order.
    pub estimates: Vec<Estimate>,
    /// Training rows (x, y).
    pub train: Vec<[f64; 2]>,
    /// Held-out points (x, y).
    pub test: Vec<[f64; 2]>,
    /// The x of the drawn fits.
    pub curve_x: Vec<f64>,
    /// The input column's name (the data plot's x-axis).
    pub x_name: String,
    /// The target column's name.
    pub y_name: String,
    /// The data plot's bounds: `[x_lo, y_lo], [x_hi, y_hi]` (the data with a margin, so a
    /// wild fit leaves through the edge).
    pub data_bounds: [[f64; 2]; 2],
    /// The curves of [`DataCurve::ALL`].
    pub curves: Vec<CurveSeries>,
    /// The x of each complexity on the plot.
    pub xs: Vec<f64>,
    /// The error plot's range in log10 units.
    pub y_range: [f64; 2],
    /// How the x-axis maps axis values to plot x.
    pub x_scale: XScale,
    /// The index of the lowest held-out test MSE.
    pub optimum: usize,
}

impl DataPicture {
    /// Prepares the plot series of a finished sweep on `held`.
    #[must_use]
    pub fn new(
        config: BiasVarianceConfig,
        data: &Observations,
        held: &HeldOut,
        estimates: Vec<Estimate>,
    ) -> Self {
        let pairs = |x: &[f64], y: &[f64]| -> Vec<[f64; 2]> {
            x.iter().zip(y).map(|(&a, &b)| [a, b]).collect()
        };
        let train = pairs(&held.train.x, &held.train.y);
        let test = pairs(&held.test.x, &held.test.y);
        let (mut y_lo, mut y_hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for p in train.iter().chain(&test) {
            y_lo = y_lo.min(p[1]);
            y_hi = y_hi.max(p[1]);
        }
        if !(y_lo.is_finite() && y_hi.is_finite()) {
            (y_lo, y_hi) = (0.0, 1.0);
        }
        let y_pad = 0.15 * (y_hi - y_lo).max(1e-9);
        let x_lo = held.scale.x_min;
        let x_hi = held.scale.x_min + held.scale.x_span;
        let x_pad = 0.02 * held.scale.x_span;
        let data_bounds = [[x_lo - x_pad, y_lo - y_pad], [x_hi + x_pad, y_hi + y_pad]];

        let optimum = lowest_test_mse(&estimates);
        let best = estimates
            .get(optimum)
            .map_or(1.0, |e| e.test_mse.value.max(1e-300));
        let positive = |v: f64| v.is_finite() && v > 0.0;
        let all_max = estimates
            .iter()
            .flat_map(|e| DataCurve::ALL.map(|c| c.value(e).band(BAND_SE)[1]))
            .filter(|v| positive(*v))
            .fold(best, f64::max);
        let all_min = estimates
            .iter()
            .flat_map(|e| DataCurve::ALL.map(|c| c.value(e).value))
            .filter(|v| positive(*v))
            .fold(best, f64::min);
        // A floor three decades below the best test error at most (the variance of a
        // constant fit is tiny), a ceiling five decades above it.
        let floor = libm::log10(all_min.max(best * 1e-3));
        let ceiling = libm::log10(all_max.min(best * 1e5).max(best * 2.0));
        let pad = 0.05 * (ceiling - floor).max(0.1);
        let y_range = [floor - pad, ceiling + pad];
        let log = |v: f64| {
            if positive(v) {
                libm::log10(v).clamp(y_range[0], y_range[1] + pad)
            } else if v.is_finite() {
                y_range[0]
            } else {
                y_range[1]
            }
        };
        let axis: Vec<f64> = estimates.iter().map(|e| e.axis_value).collect();
        let x_scale = XScale::for_values(&axis);
        let xs: Vec<f64> = axis.iter().map(|&a| x_scale.plot_x(a)).collect();
        let curves = DataCurve::ALL
            .iter()
            .map(|&curve| {
                let means: Vec<Mean> = estimates.iter().map(|e| curve.value(e)).collect();
                CurveSeries {
                    points: xs
                        .iter()
                        .zip(&means)
                        .map(|(&x, m)| PlotPoint::new(x, log(m.value)))
                        .collect(),
                    band_lo: means.iter().map(|m| log(m.band(BAND_SE)[0])).collect(),
                    band_hi: means.iter().map(|m| log(m.band(BAND_SE)[1])).collect(),
                }
            })
            .collect();
        Self {
            config,
            estimates,
            train,
            test,
            curve_x: held.curve_x.clone(),
            x_name: data.x_column.clone(),
            y_name: data.y_column.clone(),
            data_bounds,
            curves,
            xs,
            y_range,
            x_scale,
            optimum,
        }
    }

    /// The index of `complexity` (the nearest one if it is not there).
    #[must_use]
    pub fn index_of(&self, complexity: usize) -> usize {
        self.estimates
            .iter()
            .enumerate()
            .min_by_key(|(_, e)| e.complexity.abs_diff(complexity))
            .map_or(0, |(i, _)| i)
    }

    /// `values` on the drawing grid as plot points.
    fn on_grid(&self, values: &[f64]) -> Vec<PlotPoint> {
        self.curve_x
            .iter()
            .zip(values)
            .map(|(&x, &y)| PlotPoint::new(x, y))
            .collect()
    }
}

fn text_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(235)
    } else {
        Color32::from_gray(20)
    }
}

/// A legend row: swatches and names.
fn legend(ui: &mut egui::Ui, entries: &[(String, Color32, bool)]) {
    ui.horizontal_wrapped(|ui| {
        for (name, color, dot) in entries {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 14.0), egui::Sense::hover());
            if *dot {
                ui.painter().circle_filled(rect.center(), 5.0, *color);
            } else {
                ui.painter().line_segment(
                    [rect.left_center(), rect.right_center()],
                    egui::Stroke::new(3.0, *color),
                );
            }
            ui.label(name.as_str());
            ui.add_space(8.0);
        }
    });
}

/// Draws the data plot, the honesty sentence and the error plot.
pub fn data_view_ui(ui: &mut egui::Ui, picture: &DataPicture, complexity: usize, prefs: &Settings) {
    let index = picture.index_of(complexity);
    let dark = prefs.dark_theme;
    ui.label(
        RichText::new(tr("bv.data.truth_unknown"))
            .strong()
            .color(ui.visuals().warn_fg_color),
    );
    let height = ui.available_height();
    let top = (height * 0.44).max(150.0);
    ui.allocate_ui(egui::vec2(ui.available_width(), top), |ui| {
        fits_ui(ui, picture, index, dark);
    });
    ui.separator();
    errors_ui(ui, picture, index, dark);
}

fn fits_ui(ui: &mut egui::Ui, picture: &DataPicture, index: usize, dark: bool) {
    let Some(e) = picture.estimates.get(index) else {
        return;
    };
    let family = picture.config.family;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(fill(
                "bv.data.fits_at",
                &[
                    &picture.config.repeats,
                    &complexity_text(family, e.complexity),
                ],
            ))
            .strong()
            .size(18.0),
        );
        ui.label(
            RichText::new(fill(
                "bv.data.numbers",
                &[
                    &fmt3(e.test_mse.value),
                    &fmt3(BAND_SE * e.test_mse.se),
                    &fmt3(e.variance.value),
                    &fmt3(BAND_SE * e.variance.se),
                    &fmt3(e.bias2_noise.value),
                    &fmt3(BAND_SE * e.bias2_noise.se),
                ],
            ))
            .color(ui.visuals().weak_text_color()),
        );
    });
    // Training rows grey dots, held-out points vermillion diamonds: told apart by colour and
    // by shape.
    let train_color = if dark {
        Color32::from_gray(175)
    } else {
        Color32::from_gray(105)
    };
    let test_color = crate::ui::OKABE_ITO[5];
    let beam_color = if dark {
        Color32::from_rgba_unmultiplied(86, 180, 233, 60)
    } else {
        Color32::from_rgba_unmultiplied(0, 114, 178, 60)
    };
    let mean_color = if dark {
        crate::ui::OKABE_ITO[1]
    } else {
        crate::ui::OKABE_ITO[4]
    };
    let shown = e.curves.shown.len();
    legend(
        ui,
        &[
            (
                fill("bv.data.train_points", &[&picture.train.len()]),
                train_color,
                true,
            ),
            (
                fill("bv.data.test_points", &[&picture.test.len()]),
                test_color,
                true,
            ),
            (
                fill("bv.data.shown_fits", &[&shown]),
                beam_color.gamma_multiply(2.5),
                false,
            ),
            (
                fill("bv.data.mean_fit", &[&picture.config.repeats]),
                mean_color,
                false,
            ),
        ],
    );
    let [lo, hi] = picture.data_bounds;
    crate::ui::still_plot("biasvar_data_fits")
        .height(ui.available_height())
        .x_axis_label(picture.x_name.as_str())
        .y_axis_label(picture.y_name.as_str())
        .show_background(false)
        .show(ui, |plot_ui| {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max(lo, hi));
            for fit in &e.curves.shown {
                plot_ui.line(
                    Line::new("", PlotPoints::Owned(picture.on_grid(fit)))
                        .color(beam_color)
                        .width(1.0)
                        .allow_hover(false),
                );
            }
            plot_ui.line(
                Line::new(
                    tr("bv.data.mean_fit_short"),
                    PlotPoints::Owned(picture.on_grid(&e.curves.mean)),
                )
                .color(mean_color)
                .width(3.0),
            );
            plot_ui.points(
                Points::new(tr("bv.data.train_short"), picture.train.clone())
                    .shape(MarkerShape::Circle)
                    .radius(3.5)
                    .color(train_color),
            );
            plot_ui.points(
                Points::new(tr("bv.data.test_short"), picture.test.clone())
                    .shape(MarkerShape::Diamond)
                    .radius(4.5)
                    .color(test_color),
            );
        });
}

fn errors_ui(ui: &mut egui::Ui, picture: &DataPicture, index: usize, dark: bool) {
    let family = picture.config.family;
    let Some(optimum) = picture.estimates.get(picture.optimum) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(fill("bv.error_against", &[&complexity_label(family)]))
                .strong()
                .size(18.0),
        );
        ui.label(
            RichText::new(fill(
                "bv.data.lowest",
                &[
                    &fmt3(optimum.test_mse.value),
                    &fmt3(BAND_SE * optimum.test_mse.se),
                    &complexity_text(family, optimum.complexity),
                ],
            ))
            .color(ui.visuals().weak_text_color()),
        );
    });
    let mut entries: Vec<(String, Color32, bool)> = DataCurve::ALL
        .iter()
        .map(|c| (tr(c.key()).to_string(), c.color(), false))
        .collect();
    entries.push((tr("bv.data.bands").to_string(), grey(dark), false));
    legend(ui, &entries);
    let scale = picture.x_scale;
    let xs = &picture.xs;
    let x_lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let x_hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let x_pad = 0.03 * (x_hi - x_lo).max(1e-9);
    let [y_lo, y_hi] = picture.y_range;
    let x_label = match scale {
        XScale::Linear => complexity_label(family).to_string(),
        XScale::Log | XScale::Log1p => fill("common.axis.log_suffix", &[&complexity_label(family)]),
    };
    super::view::error_plot("biasvar_data_errors", scale, x_label)
        .height(ui.available_height())
        .show(ui, |plot_ui| {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max(
                [x_lo - x_pad, y_lo],
                [x_hi + x_pad, y_hi],
            ));
            for (&kind, series) in DataCurve::ALL.iter().zip(&picture.curves) {
                let color = kind.color();
                plot_ui.add(
                    FilledArea::new("", xs, &series.band_lo, &series.band_hi)
                        .fill_color(color.gamma_multiply(0.22)),
                );
                plot_ui.line(
                    Line::new(tr(kind.key()), PlotPoints::Borrowed(&series.points))
                        .color(color)
                        .width(if kind == DataCurve::TestMse { 3.5 } else { 2.0 }),
                );
                plot_ui.points(
                    Points::new(
                        "",
                        series.points.iter().map(|p| [p.x, p.y]).collect::<Vec<_>>(),
                    )
                    .radius(2.5)
                    .color(color),
                );
            }
            if let Some(&x) = xs.get(picture.optimum) {
                plot_ui.vline(
                    VLine::new("", x)
                        .color(grey(dark))
                        .style(LineStyle::dashed_loose())
                        .width(1.5),
                );
            }
            if let Some(&x) = xs.get(index) {
                plot_ui.vline(
                    VLine::new("", x)
                        .color(text_color(dark).gamma_multiply(0.6))
                        .width(2.0),
                );
            }
        });
}

fn grey(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(150)
    } else {
        Color32::from_gray(120)
    }
}
