//! The Bias–Variance lab's figure. Top: the truth, one training sample, the R fits drawn
//! faint (the beam), their mean bold and a ±1σ band, at the current complexity; the y range
//! is that of the data, so a wild high-degree fit leaves through the edge instead of
//! flattening everything. Bottom: bias², variance, noise σ², expected test MSE, training
//! MSE, k-fold CV MSE and the bagged ensemble's MSE against complexity on a log axis, with
//! the current complexity and the optimum marked and the under- and over-fitting regions
//! labelled.
//!
//! Everything drawn was prepared once per sweep (`app::biasvar::SweepPicture`); nothing is
//! computed here.

use crate::i18n::{fill, tr};
use egui::{Color32, RichText};
use egui_plot::{
    AxisHints, FilledArea, GridMark, Line, LineStyle, MarkerShape, PlotBounds, PlotPoint,
    PlotPoints, Points, Text, VLine,
};

use super::{BiasVarianceCommand, BiasVarianceLab, SweepPicture, XScale};
use crate::app::settings::Settings;
use crate::core::biasvar::Family;
use crate::core::fmt3;
use crate::render::biasvar::Curve;
use crate::ui::loss_plot::log_ticks;

/// The name of `curve` in the current language.
fn curve_name(curve: Curve) -> &'static str {
    tr(curve.key())
}

/// The colour of `curve` on this background.
fn curve_color(curve: Curve, dark: bool) -> Color32 {
    let [r, g, b] = curve.rgb(dark);
    Color32::from_rgb(r, g, b)
}

fn grey(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(150)
    } else {
        Color32::from_gray(120)
    }
}

fn text_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(235)
    } else {
        Color32::from_gray(20)
    }
}

/// How a legend entry is drawn.
#[derive(Clone, Copy)]
enum Swatch {
    /// A line segment of this width.
    Line(f32),
    /// A dashed line segment.
    Dashed,
    /// A filled dot.
    Dot,
    /// A filled diamond.
    Diamond,
    /// A translucent block (a band).
    Block,
    /// A hollow downward triangle (a value not distinguishable from 0).
    Down,
}

/// A legend in rows of at most five entries above a plot (a legend inside the plot would
/// hide curves; fixed rows keep each swatch beside its name).
fn legend_rows(ui: &mut egui::Ui, entries: &[(&str, Color32, Swatch)]) {
    ui.horizontal_wrapped(|ui| {
        for &(name, color, swatch) in entries {
            // An entry (swatch and name) moves to the next row whole, never split.
            let galley = egui::WidgetText::from(name).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            );
            let width = SWATCH_WIDTH + 2.0 * ui.spacing().item_spacing.x + galley.size().x;
            let (row_start, left) = (ui.max_rect().min.x, ui.cursor().min.x);
            if left > row_start + 1.0 && width > ui.max_rect().max.x - left {
                ui.end_row();
            }
            swatch_ui(ui, color, swatch);
            ui.add(egui::Label::new(galley));
            ui.add_space(8.0);
        }
    });
}

/// The width of a legend swatch (points).
const SWATCH_WIDTH: f32 = 26.0;

/// Paints one legend swatch.
fn swatch_ui(ui: &mut egui::Ui, color: Color32, swatch: Swatch) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(SWATCH_WIDTH, 14.0), egui::Sense::hover());
    let painter = ui.painter();
    let (left, right) = (rect.left_center(), rect.right_center());
    match swatch {
        Swatch::Line(width) => {
            painter.line_segment([left, right], egui::Stroke::new(width, color));
        }
        Swatch::Dashed => {
            for i in 0..3 {
                #[allow(clippy::cast_precision_loss)]
                let x = rect.left() + 10.0 * i as f32;
                painter.line_segment(
                    [
                        egui::pos2(x, rect.center().y),
                        egui::pos2(x + 6.0, rect.center().y),
                    ],
                    egui::Stroke::new(2.0, color),
                );
            }
        }
        Swatch::Dot => {
            painter.circle_filled(rect.center(), 5.0, color);
        }
        Swatch::Diamond => {
            let c = rect.center();
            painter.add(egui::Shape::convex_polygon(
                vec![
                    c + egui::vec2(0.0, -7.0),
                    c + egui::vec2(7.0, 0.0),
                    c + egui::vec2(0.0, 7.0),
                    c + egui::vec2(-7.0, 0.0),
                ],
                color,
                egui::Stroke::NONE,
            ));
        }
        Swatch::Block => {
            painter.rect_filled(rect.shrink2(egui::vec2(0.0, 2.0)), 2.0, color);
        }
        Swatch::Down => {
            let c = rect.center();
            painter.add(egui::Shape::closed_line(
                vec![
                    c + egui::vec2(-6.0, -5.0),
                    c + egui::vec2(6.0, -5.0),
                    c + egui::vec2(0.0, 6.0),
                ],
                egui::Stroke::new(1.5, color),
            ));
        }
    }
}

/// The error-against-complexity plot of both modes (the truth known, or own data): complexity
/// on `scale` labelled `x_label`, errors on a log10 axis with round ticks.
pub fn error_plot(id: &str, scale: XScale, x_label: String) -> egui_plot::Plot<'_> {
    let mut plot = crate::ui::still_plot(id);
    if scale != XScale::Linear {
        plot = plot.x_grid_spacer(move |input| log_x_marks(scale, input.bounds.0, input.bounds.1));
    }
    plot.custom_x_axes(vec![
        AxisHints::new_x()
            .label(x_label)
            .formatter(move |mark, _| crate::ui::tick_label(scale.value(mark.value))),
    ])
    .y_axis_label(tr("bv.error_log"))
    .y_axis_formatter(|mark, _| crate::ui::tick_label(libm::pow(10f64, mark.value)))
    .y_grid_spacer(|input| {
        log_ticks(input.bounds.0, input.bounds.1)
            .into_iter()
            .map(|(value, step_size)| GridMark { value, step_size })
            .collect()
    })
    .show_background(false)
}

/// Grid marks of a logarithmic x-axis between plot x `lo` and `hi`: round values 1, 2, 5 ×
/// 10^k (and 0 on a log(1 + x) axis) at their plot positions, decades strongest.
#[must_use]
pub fn log_x_marks(scale: XScale, lo: f64, hi: f64) -> Vec<GridMark> {
    crate::render::biasvar::round_marks(scale, lo, hi)
        .into_iter()
        .map(|(value, decade)| GridMark {
            value,
            step_size: if decade { 1.0 } else { 0.3 },
        })
        .collect()
}

/// "degree 4", "k = 5", "features p 30".
fn complexity_words(picture: &SweepPicture, complexity: usize) -> String {
    complexity_text(picture.config.family, complexity)
}

/// The family's complexity axis in the current language ("degree", "차수").
#[must_use]
pub fn complexity_label(family: Family) -> &'static str {
    let english = family.complexity_label();
    let key = match english {
        "degree" => "bv.cx.degree",
        "width" => "bv.cx.width",
        "depth" => "bv.cx.depth",
        "rounds" => "bv.cx.rounds",
        "features p" => "bv.cx.features",
        _ => return english,
    };
    tr(key)
}

/// A complexity in the family's words, in the current language ("degree 4", "차수 4",
/// "k = 5").
#[must_use]
pub fn complexity_text(family: Family, complexity: usize) -> String {
    match family {
        Family::Knn => family.complexity_text(complexity),
        _ => format!("{} {complexity}", complexity_label(family)),
    }
}

/// Draws both plots (or a waiting message before the first sweep).
pub fn view_ui(
    ui: &mut egui::Ui,
    bv: &BiasVarianceLab,
    prefs: &Settings,
    cmds: &mut Vec<BiasVarianceCommand>,
) {
    if bv.on_own_data() {
        match &bv.data_picture {
            Some(picture) => {
                super::own_data::data_view_ui(ui, picture, bv.experiment.complexity, prefs);
            }
            None => {
                ui.centered_and_justified(|ui| {
                    ui.label(RichText::new(tr("bv.fitting")).size(20.0))
                });
            }
        }
        return;
    }
    let Some(picture) = &bv.picture else {
        ui.centered_and_justified(|ui| ui.label(RichText::new(tr("bv.fitting")).size(20.0)));
        return;
    };
    let index = picture.index_of(bv.experiment.complexity);
    let rect = ui.available_rect_before_wrap();
    // A short, wide view (a small window with the lecture's caption below): the two plots side
    // by side, each with the whole height, instead of two slivers stacked.
    if rect.height() < SIDE_BY_SIDE_BELOW && rect.width() > 1.6 * rect.height() {
        let (left, right) = columns(rect, 0.5);
        ui.scope_builder(egui::UiBuilder::new().max_rect(left), |ui| {
            fits_and_darts_ui(ui, bv, picture, index, prefs, cmds);
        });
        ui.scope_builder(egui::UiBuilder::new().max_rect(right), |ui| {
            decomposition_ui(ui, picture, index, prefs);
        });
        ui.allocate_rect(rect, egui::Sense::hover());
        return;
    }
    let top = (rect.height() * 0.46).max(160.0);
    ui.allocate_ui(egui::vec2(ui.available_width(), top), |ui| {
        fits_and_darts_ui(ui, bv, picture, index, prefs, cmds);
    });
    ui.separator();
    decomposition_ui(ui, picture, index, prefs);
}

/// `rect` cut into a left column of `share` of its width and a right one, 16 points apart.
fn columns(rect: egui::Rect, share: f32) -> (egui::Rect, egui::Rect) {
    let split = rect.left() + share * rect.width();
    let left = egui::Rect::from_min_max(rect.min, egui::pos2(split - 8.0, rect.max.y));
    let right = egui::Rect::from_min_max(egui::pos2(split + 8.0, rect.min.y), rect.max);
    (left, right)
}

/// Below this height (points) a wide view shows the fits and the error curves side by side.
const SIDE_BY_SIDE_BELOW: f32 = 520.0;

/// The fits at the current complexity, with the dartboard beside them when darts are thrown.
fn fits_and_darts_ui(
    ui: &mut egui::Ui,
    bv: &BiasVarianceLab,
    picture: &SweepPicture,
    index: usize,
    prefs: &Settings,
    cmds: &mut Vec<BiasVarianceCommand>,
) {
    let darts = super::dartboard::Darts::gather(&picture.sweep[index].beam, bv.darts);
    match &darts {
        Some(darts) => {
            // Three fifths for the fits, the rest for the board: fixed rectangles, so a long
            // heading cannot squeeze the board.
            let rect = ui.available_rect_before_wrap();
            let (left, right) = columns(rect, 0.6);
            ui.scope_builder(egui::UiBuilder::new().max_rect(left), |ui| {
                fits_ui(ui, picture, index, bv.darts, prefs, cmds);
            });
            ui.scope_builder(egui::UiBuilder::new().max_rect(right), |ui| {
                if ui
                    .button(tr("bv.darts_close"))
                    .on_hover_text(tr("bv.darts_close.tip"))
                    .clicked()
                {
                    cmds.push(BiasVarianceCommand::ClearDarts);
                }
                super::dartboard::dartboard_ui(ui, darts, prefs.dark_theme);
            });
            ui.allocate_rect(rect, egui::Sense::hover());
        }
        None => fits_ui(ui, picture, index, bv.darts, prefs, cmds),
    }
}

/// From this share of the variance in the largest 1 % of the fits on, the lab says the tails
/// are heavy and draws the median fit.
pub const HEAVY_TAIL_SHARE: f64 = 0.2;

/// `value ± 2 SE` (the band's half-width), or the value alone without a standard error.
fn with_se(value: f64, se: f64) -> String {
    if se.is_finite() {
        format!("{} ± {}", fmt3(value), fmt3(2.0 * se))
    } else {
        fmt3(value)
    }
}

fn fits_ui(
    ui: &mut egui::Ui,
    picture: &SweepPicture,
    index: usize,
    darts: super::dartboard::DartPoints,
    prefs: &Settings,
    cmds: &mut Vec<BiasVarianceCommand>,
) {
    let Some(d) = picture.sweep.get(index) else {
        return;
    };
    let dark = prefs.dark_theme;
    let r = picture.config.repeats;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(fill(
                "bv.fits_at",
                &[&r, &complexity_words(picture, d.complexity)],
            ))
            .strong()
            .size(18.0),
        );
        ui.label(
            RichText::new(fill(
                "bv.numbers",
                &[
                    &with_se(d.bias2, d.bias2_se),
                    &with_se(d.variance, d.variance_se),
                    &fmt3(d.noise),
                    &with_se(d.expected_test_mse, d.expected_test_mse_se),
                ],
            ))
            .color(ui.visuals().weak_text_color()),
        );
    });
    let beam = &picture.beams[index];
    let beam_color = if dark {
        Color32::from_rgba_unmultiplied(86, 180, 233, 40)
    } else {
        Color32::from_rgba_unmultiplied(0, 114, 178, 40)
    };
    let mean_color = if dark {
        crate::ui::OKABE_ITO[1]
    } else {
        crate::ui::OKABE_ITO[4]
    };
    let [y_lo, y_hi] = picture.fit_range;
    let fits_name = fill("bv.beam", &[&r]);
    // Heavy tails: a few exploding fits make most of the variance. Said aloud, with the
    // median fit beside the mean (where most fits are).
    let heavy = d.top_percent_share >= HEAVY_TAIL_SHARE;
    let median_color = crate::ui::OKABE_ITO[6];
    if heavy {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let top = ((r as f64) * 0.01).ceil().max(1.0) as usize;
        ui.label(
            RichText::new(fill(
                "bv.heavy_tails",
                &[&top, &r, &format!("{:.0}", 100.0 * d.top_percent_share)],
            ))
            .color(crate::ui::OKABE_ITO[5]),
        );
    }
    let mut entries = vec![
        (tr("bv.truth"), text_color(dark), Swatch::Dashed),
        (tr("bv.sample"), crate::ui::OKABE_ITO[0], Swatch::Dot),
        (
            &fits_name,
            beam_color.gamma_multiply(3.0),
            Swatch::Line(1.5),
        ),
        (tr("bv.mean_fit"), mean_color, Swatch::Line(3.5)),
        (
            tr("bv.band"),
            mean_color.gamma_multiply(0.35),
            Swatch::Block,
        ),
    ];
    if heavy {
        entries.push((tr("bv.median_fit"), median_color, Swatch::Dashed));
    }
    legend_rows(ui, &entries);
    if darts.x0.is_none() {
        ui.label(RichText::new(tr("bv.darts_hint")).color(ui.visuals().weak_text_color()));
    }
    let response = crate::ui::still_plot("biasvar_fits")
        // Marks every 0.05, labels every 0.2: readable beside the dartboard too.
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|_| [0.05, 0.2, 1.0]))
        .height(ui.available_height())
        .x_axis_label("x")
        .y_axis_label("y")
        .show_background(false)
        .show(ui, |plot_ui| {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max([0.0, y_lo], [1.0, y_hi]));
            for (i, fit) in beam.fits.iter().enumerate() {
                let name = if i == 0 {
                    fill("bv.n_fits", &[&r])
                } else {
                    String::new()
                };
                plot_ui.line(
                    Line::new(name, PlotPoints::Borrowed(fit))
                        .color(beam_color)
                        .width(1.0)
                        .allow_hover(false),
                );
            }
            plot_ui.add(
                FilledArea::new(tr("bv.band"), &picture.grid, &beam.band_lo, &beam.band_hi)
                    .fill_color(mean_color.gamma_multiply(0.25)),
            );
            plot_ui.line(
                Line::new(tr("bv.truth"), PlotPoints::Borrowed(&picture.truth))
                    .color(text_color(dark))
                    .width(2.5)
                    .style(LineStyle::dashed_loose()),
            );
            plot_ui.line(
                Line::new(tr("bv.mean_fit"), PlotPoints::Borrowed(&beam.mean))
                    .color(mean_color)
                    .width(3.5),
            );
            for x in [darts.x0, darts.x1].into_iter().flatten() {
                plot_ui.vline(
                    VLine::new("", x)
                        .color(crate::ui::OKABE_ITO[5])
                        .style(LineStyle::dashed_dense())
                        .width(1.5),
                );
            }
            if heavy {
                plot_ui.line(
                    Line::new(tr("bv.median_fit"), PlotPoints::Borrowed(&beam.median))
                        .color(median_color)
                        .width(2.5)
                        .style(LineStyle::dashed_dense()),
                );
            }
            plot_ui.points(
                Points::new(tr("bv.sample"), picture.sample.clone())
                    .shape(MarkerShape::Circle)
                    .radius(4.0)
                    .color(crate::ui::OKABE_ITO[0]),
            );
            plot_ui.pointer_coordinate()
        });
    // A click throws darts at its x; a right-click or Shift-click adds the second point (a
    // 2-D board).
    let (left, right) = (
        response.response.clicked(),
        response.response.secondary_clicked(),
    );
    if (left || right)
        && let Some(p) = response.inner
    {
        let second = right || ui.input(|i| i.modifiers.shift);
        cmds.push(BiasVarianceCommand::SetDartPoint { second, x: p.x });
    }
}

fn decomposition_ui(ui: &mut egui::Ui, picture: &SweepPicture, index: usize, prefs: &Settings) {
    let dark = prefs.dark_theme;
    let family = picture.config.family;
    let optimum = &picture.sweep[picture.optimum];
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(fill("bv.error_against", &[&complexity_label(family)]))
                .strong()
                .size(18.0),
        );
        ui.label(
            RichText::new(fill(
                "bv.lowest",
                &[
                    &fmt3(optimum.expected_test_mse),
                    &complexity_words(picture, optimum.complexity),
                ],
            ))
            .color(ui.visuals().weak_text_color()),
        );
        if let Some(share) = picture.sweep[index].out_of_bag_share {
            ui.label(
                RichText::new(fill("bv.oob", &[&format!("{:.1}", 100.0 * share)]))
                    .color(ui.visuals().weak_text_color()),
            );
        }
    });
    let scale = picture.x_scale;
    let xs: Vec<f64> = picture
        .sweep
        .iter()
        .map(|d| scale.plot_x(d.axis_value))
        .collect();
    let x_lo = xs.iter().copied().fold(f64::INFINITY, f64::min);
    let x_hi = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let x_pad = 0.03 * (x_hi - x_lo).max(1e-9);
    let [y_lo, y_hi] = picture.y_range;
    let x_label = match scale {
        XScale::Linear => complexity_label(family).to_string(),
        XScale::Log | XScale::Log1p => fill("common.axis.log_suffix", &[&complexity_label(family)]),
    };
    let mut entries: Vec<(&str, Color32, Swatch)> = Curve::ALL
        .into_iter()
        .map(|curve| {
            let swatch = match curve {
                Curve::Noise => Swatch::Dashed,
                Curve::ExpectedTestMse => Swatch::Line(3.5),
                _ => Swatch::Line(2.0),
            };
            (curve_name(curve), curve_color(curve, dark), swatch)
        })
        .collect();
    entries.push((
        tr("bv.se_band"),
        grey(dark).gamma_multiply(0.5),
        Swatch::Block,
    ));
    if picture.indistinct.iter().any(|p| !p.is_empty()) {
        entries.push((tr("bv.indistinct_key"), grey(dark), Swatch::Down));
    }
    entries.push((tr("bv.optimum"), text_color(dark), Swatch::Diamond));
    entries.push((tr("bv.current"), crate::ui::OKABE_ITO[1], Swatch::Line(2.5)));
    legend_rows(ui, &entries);
    error_plot("biasvar_decomposition", scale, x_label)
        .height(ui.available_height())
        .show(ui, |plot_ui| {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max(
                [x_lo - x_pad, y_lo],
                [x_hi + x_pad, y_hi],
            ));
            for (&kind, band) in Curve::ALL.iter().zip(&picture.bands) {
                if let Some(band) = band.as_ref().filter(|b| !b.x.is_empty()) {
                    plot_ui.add(
                        FilledArea::new("", &band.x, &band.lo, &band.hi)
                            .fill_color(curve_color(kind, dark).gamma_multiply(0.16))
                            .allow_hover(false),
                    );
                }
            }
            for (&kind, curve) in Curve::ALL.iter().zip(&picture.curves) {
                let mut line = Line::new(curve_name(kind), PlotPoints::Borrowed(curve))
                    .color(curve_color(kind, dark))
                    .width(if kind == Curve::ExpectedTestMse {
                        3.5
                    } else {
                        2.0
                    });
                if kind == Curve::Noise {
                    line = line.style(LineStyle::dashed_loose());
                }
                plot_ui.line(line);
            }
            // A marker at the floor where a curve is not distinguishable from 0 (its band
            // reaches 0): hovering it says so, instead of a spurious rise or fall.
            for (&kind, points) in Curve::ALL.iter().zip(&picture.indistinct) {
                if points.is_empty() {
                    continue;
                }
                plot_ui.points(
                    Points::new(
                        fill("bv.indistinct", &[&curve_name(kind)]),
                        PlotPoints::Borrowed(points),
                    )
                    .shape(MarkerShape::Down)
                    .radius(7.0)
                    .filled(false)
                    .color(curve_color(kind, dark)),
                );
            }
            let optimum_x = xs[picture.optimum];
            plot_ui.vline(
                VLine::new("", optimum_x)
                    .color(grey(dark))
                    .style(LineStyle::dashed_loose())
                    .width(1.5),
            );
            if let Some(p) = picture.curves[3].get(picture.optimum) {
                plot_ui.points(
                    Points::new("", vec![[p.x, p.y]])
                        .shape(MarkerShape::Diamond)
                        .radius(8.0)
                        .color(text_color(dark)),
                );
            }
            plot_ui.vline(
                VLine::new("", xs[index])
                    .color(crate::ui::OKABE_ITO[1])
                    .width(2.5),
            );
            let label_y = y_lo + 0.06 * (y_hi - y_lo);
            let words = |text: &str| RichText::new(text).size(17.0).color(grey(dark)).italics();
            // Random features interpolate the n points exactly at p = n: the double-descent
            // threshold, marked where it lies inside the axis.
            #[allow(clippy::cast_precision_loss)]
            let threshold = scale.plot_x(picture.config.n_train as f64);
            if matches!(picture.config.family, Family::RandomFeatures { .. })
                && (x_lo..=x_hi).contains(&threshold)
            {
                plot_ui.vline(
                    VLine::new("", threshold)
                        .color(grey(dark))
                        .style(LineStyle::dotted_dense())
                        .width(1.5),
                );
                plot_ui.text(
                    Text::new(
                        "",
                        PlotPoint::new(
                            threshold + 0.01 * (x_hi - x_lo),
                            y_hi - 0.06 * (y_hi - y_lo),
                        ),
                        words(&format!("p = n = {}", picture.config.n_train)),
                    )
                    .anchor(egui::Align2::LEFT_CENTER),
                );
            }
            // At the plot's two ends, aligned inwards, so that a narrow plot never cuts them.
            let sides = [
                (
                    picture.optimum > 0,
                    x_lo,
                    "bv.underfitting",
                    egui::Align2::LEFT_CENTER,
                ),
                (
                    picture.optimum + 1 < xs.len(),
                    x_hi,
                    "bv.overfitting",
                    egui::Align2::RIGHT_CENTER,
                ),
            ];
            for (shown, x, key, anchor) in sides {
                if shown {
                    let at = PlotPoint::new(x, label_y);
                    plot_ui.text(Text::new("", at, words(tr(key))).anchor(anchor));
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_axes_get_round_ticks() {
        let values = |scale: XScale, lo: f64, hi: f64| -> Vec<f64> {
            log_x_marks(scale, scale.plot_x(lo), scale.plot_x(hi))
                .iter()
                .map(|m| (scale.value(m.value) * 1e6).round() / 1e6)
                .collect()
        };
        assert_eq!(
            values(XScale::Log1p, 0.0, 300.0),
            vec![0.0, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0]
        );
        assert_eq!(
            values(XScale::Log, 0.04, 1.0),
            vec![0.05, 0.1, 0.2, 0.5, 1.0]
        );
    }
}
