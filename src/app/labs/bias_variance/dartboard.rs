//! The lecture's dartboard at one or two points of the fits plot: every fit's prediction at
//! x₀ (and x₁) is a dart, the truth is the bullseye. The darts' mean is off the bullseye by
//! the bias, their scatter is the variance. [`Darts`] gathers them from the beam on screen (so
//! they follow the complexity slider); [`dartboard_ui`] draws them — along a line for one
//! point, on a target for two.

use egui::{Color32, RichText};
use egui_plot::{Line, LineStyle, MarkerShape, PlotBounds, PlotPoints, Points};

use crate::core::biasvar::decompose::Beam;
use crate::core::fmt3;
use crate::i18n::{fill, tr};

/// Where the darts are thrown: x₀ and optionally x₁ (the fits plot's x).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DartPoints {
    /// The first point (a click on the fits plot).
    pub x0: Option<f64>,
    /// The second point (a Shift-click): the board becomes two-dimensional.
    pub x1: Option<f64>,
}

/// The darts at the chosen points, as errors from the truth (the bullseye is 0).
#[derive(Clone, Debug, PartialEq)]
pub struct Darts {
    /// The evaluation points used (the grid points nearest the chosen x).
    pub at: Vec<f64>,
    /// Each fit's error `h_r(x) − f(x)` at each point, R rows of 1 or 2.
    pub errors: Vec<Vec<f64>>,
    /// The mean error at each point: the bias there.
    pub mean: Vec<f64>,
    /// The standard deviation of the errors at each point (divisor R − 1): √variance.
    pub std: Vec<f64>,
}

impl Darts {
    /// The darts of `beam` at `points` (none without x₀).
    #[must_use]
    #[allow(clippy::cast_precision_loss)]
    pub fn gather(beam: &Beam, points: DartPoints) -> Option<Self> {
        let nearest = |x: f64| {
            beam.grid
                .iter()
                .enumerate()
                .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
                .map(|(i, _)| i)
        };
        let mut indices = vec![nearest(points.x0?)?];
        if let Some(i) = points.x1.and_then(nearest).filter(|i| *i != indices[0]) {
            indices.push(i);
        }
        let errors: Vec<Vec<f64>> = beam
            .fits
            .iter()
            .map(|fit| indices.iter().map(|&i| fit[i] - beam.truth[i]).collect())
            .collect();
        let r = errors.len() as f64;
        let mean: Vec<f64> = (0..indices.len())
            .map(|k| errors.iter().map(|e| e[k]).sum::<f64>() / r)
            .collect();
        let std = (0..indices.len())
            .map(|k| {
                let ss: f64 = errors.iter().map(|e| (e[k] - mean[k]).powi(2)).sum();
                (ss / (r - 1.0).max(1.0)).sqrt()
            })
            .collect();
        Some(Self {
            at: indices.iter().map(|&i| beam.grid[i]).collect(),
            errors,
            mean,
            std,
        })
    }

    /// The half-width of the board: covers the middle 96 % of the darts and the mean (a few
    /// exploding fits would otherwise shrink the rest to a dot). Darts outside are counted.
    #[must_use]
    pub fn half_width(&self) -> f64 {
        let mut reach: Vec<f64> = self
            .errors
            .iter()
            .map(|e| e.iter().fold(0.0f64, |m, v| m.max(v.abs())))
            .filter(|v| v.is_finite())
            .collect();
        reach.sort_by(f64::total_cmp);
        #[allow(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss
        )]
        let k = ((reach.len() as f64) * 0.96).floor() as usize;
        let body = reach
            .get(k.min(reach.len().saturating_sub(1)))
            .copied()
            .unwrap_or(1.0);
        let mean = self.mean.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        (1.15 * body.max(mean)).max(1e-6)
    }

    /// How many darts land outside a board of half-width `w`.
    #[must_use]
    pub fn off_board(&self, w: f64) -> usize {
        self.errors
            .iter()
            .filter(|e| e.iter().any(|v| !v.is_finite() || v.abs() > w))
            .count()
    }
}

/// A deterministic spread in [−0.5, 0.5) for dart `r` (the golden-ratio sequence), so the
/// darts of a one-point board do not sit on top of each other.
#[allow(clippy::cast_precision_loss)]
fn jitter(r: usize) -> f64 {
    (r as f64 * 0.618_033_988_749_895).fract() - 0.5
}

/// The dartboard: a heading with the bias and the spread, then the board.
pub fn dartboard_ui(ui: &mut egui::Ui, darts: &Darts, dark: bool) {
    let two = darts.at.len() == 2;
    let heading = if two {
        fill(
            "bv.darts_at2",
            &[
                &format!("{:.2}", darts.at[0]),
                &format!("{:.2}", darts.at[1]),
            ],
        )
    } else {
        fill("bv.darts_at", &[&format!("{:.2}", darts.at[0])])
    };
    ui.label(RichText::new(heading).strong().size(16.0));
    let bias: Vec<String> = darts.mean.iter().map(|v| fmt3(*v)).collect();
    let spread: Vec<String> = darts.std.iter().map(|v| fmt3(*v)).collect();
    let w = darts.half_width();
    let off = darts.off_board(w);
    ui.label(
        RichText::new(fill(
            "bv.darts_numbers",
            &[&bias.join(", "), &spread.join(", "), &darts.errors.len()],
        ))
        .color(ui.visuals().weak_text_color()),
    );
    if off > 0 {
        ui.label(
            RichText::new(fill("bv.darts_off", &[&off])).color(ui.visuals().weak_text_color()),
        );
    }
    let dart_color = if dark {
        Color32::from_rgba_unmultiplied(86, 180, 233, 150)
    } else {
        Color32::from_rgba_unmultiplied(0, 114, 178, 150)
    };
    let ink = if dark { Color32::WHITE } else { Color32::BLACK };
    let ring = if dark {
        Color32::from_gray(90)
    } else {
        Color32::from_gray(170)
    };
    let mean_color = crate::ui::OKABE_ITO[5];
    let darts_xy: Vec<[f64; 2]> = darts
        .errors
        .iter()
        .enumerate()
        .map(|(r, e)| {
            if two {
                [e[0], e[1]]
            } else {
                [e[0], 0.6 * w * jitter(r)]
            }
        })
        .collect();
    let mean = if two {
        [darts.mean[0], darts.mean[1]]
    } else {
        [darts.mean[0], 0.0]
    };
    crate::ui::still_plot("biasvar_dartboard")
        .data_aspect(1.0)
        .show_axes([true, two])
        .show_grid(false)
        .x_axis_label(if two {
            tr("bv.darts_axis0")
        } else {
            tr("bv.darts_axis")
        })
        .y_axis_label(if two { tr("bv.darts_axis1") } else { "" })
        .show_background(false)
        .show(ui, |plot_ui| {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max([-w, -w], [w, w]));
            // The target: rings at a quarter, a half, three quarters and the whole board (a
            // band for one point).
            for k in 1..=4 {
                let radius = w * f64::from(k) / 4.0;
                let ring_points: Vec<[f64; 2]> = if two {
                    (0..=96)
                        .map(|i| {
                            let t = std::f64::consts::TAU * f64::from(i) / 96.0;
                            [radius * libm::cos(t), radius * libm::sin(t)]
                        })
                        .collect()
                } else {
                    vec![[-radius, 0.0], [radius, 0.0]]
                };
                if two {
                    plot_ui.line(
                        Line::new("", PlotPoints::new(ring_points))
                            .color(ring)
                            .width(1.0)
                            .allow_hover(false),
                    );
                } else {
                    for x in [-radius, radius] {
                        plot_ui.line(
                            Line::new("", PlotPoints::new(vec![[x, -0.35 * w], [x, 0.35 * w]]))
                                .color(ring)
                                .width(1.0)
                                .allow_hover(false),
                        );
                    }
                }
            }
            plot_ui.points(
                Points::new(tr("bv.darts_fits"), darts_xy)
                    .radius(2.5)
                    .filled(true)
                    .color(dart_color),
            );
            plot_ui.points(
                Points::new(tr("bv.darts_truth"), vec![[0.0, 0.0]])
                    .shape(MarkerShape::Plus)
                    .radius(9.0)
                    .color(ink),
            );
            // The bias: from the bullseye to the darts' mean.
            plot_ui.line(
                Line::new(tr("bv.darts_bias"), PlotPoints::new(vec![[0.0, 0.0], mean]))
                    .color(mean_color)
                    .width(2.5),
            );
            // The spread: ±1 standard deviation around the mean (an axis-aligned ellipse on
            // the two-point board).
            let spread: Vec<[f64; 2]> = if two {
                (0..=64)
                    .map(|i| {
                        let t = std::f64::consts::TAU * f64::from(i) / 64.0;
                        [
                            mean[0] + darts.std[0] * libm::cos(t),
                            mean[1] + darts.std[1] * libm::sin(t),
                        ]
                    })
                    .collect()
            } else {
                vec![[mean[0] - darts.std[0], 0.0], [mean[0] + darts.std[0], 0.0]]
            };
            plot_ui.line(
                Line::new(tr("bv.darts_spread"), PlotPoints::new(spread))
                    .color(mean_color)
                    .width(1.5)
                    .style(LineStyle::dashed_dense()),
            );
            plot_ui.points(
                Points::new(tr("bv.darts_mean"), vec![mean])
                    .shape(MarkerShape::Diamond)
                    .radius(7.0)
                    .color(mean_color),
            );
        });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::biasvar::{BiasVarianceConfig, decompose::decompose};

    fn beam() -> Beam {
        let config = BiasVarianceConfig {
            repeats: 30,
            bag_sets: 1,
            bag_size: 2,
            test_points: 50,
            complexities: vec![1],
            ..BiasVarianceConfig::default()
        };
        decompose(&config, 1).beam
    }

    #[test]
    fn darts_are_each_fits_error_at_the_nearest_grid_point() {
        let beam = beam();
        let darts = Darts::gather(
            &beam,
            DartPoints {
                x0: Some(0.26),
                x1: None,
            },
        )
        .expect("x₀ chosen");
        let i = beam
            .grid
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1 - 0.26).abs().total_cmp(&(b.1 - 0.26).abs()))
            .map(|(i, _)| i)
            .expect("grid");
        assert_eq!(darts.at, vec![beam.grid[i]]);
        assert_eq!(darts.errors.len(), 30);
        for (e, fit) in darts.errors.iter().zip(&beam.fits) {
            assert_eq!(e[0], fit[i] - beam.truth[i]);
        }
        // The mean dart is the bias of the mean fit there; the spread its sample deviation.
        assert!((darts.mean[0] - (beam.mean[i] - beam.truth[i])).abs() < 1e-12);
        let population = beam.std[i];
        assert!((darts.std[0] - population * (30.0f64 / 29.0).sqrt()).abs() < 1e-9);
        // A line (degree 1) cannot bend to sin 2πx: at x ≈ 0.25 it misses the peak.
        assert!(darts.mean[0] < -0.3, "{}", darts.mean[0]);
    }

    #[test]
    fn two_points_make_a_two_dimensional_board_and_none_make_none() {
        let beam = beam();
        let darts = Darts::gather(
            &beam,
            DartPoints {
                x0: Some(0.25),
                x1: Some(0.75),
            },
        )
        .expect("chosen");
        assert_eq!(darts.at.len(), 2);
        assert!(darts.errors.iter().all(|e| e.len() == 2));
        // Missing the peak and the trough: biased below at 0.25, above at 0.75.
        assert!(
            darts.mean[0] < 0.0 && darts.mean[1] > 0.0,
            "{:?}",
            darts.mean
        );
        let w = darts.half_width();
        assert!(darts.off_board(w) <= 2, "at most 4 % off the board");
        assert!(Darts::gather(&beam, DartPoints::default()).is_none());
    }
}
