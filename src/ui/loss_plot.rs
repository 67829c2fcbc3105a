//! The loss plot: full-batch training loss against step for every run, in its colour, on a
//! log axis (log10 plotted, ticks labelled in loss units) when every loss is positive, with
//! a vertical line at the playback step and, optionally, the test loss dashed (same legend
//! entry as its run). The runs' legend is here. Under it, a small plot of each run's learning
//! rate against the step (flat lines for constant schedules).

use crate::i18n::{fill, tr};
use egui_plot::{
    AxisHints, Corner, GridMark, HoverPosition, Legend, Line, LineStyle, Plot, PlotBounds,
    PlotPoints, VLine,
};

use crate::app::state::{Session, ViewState};
use crate::core::fmt3;

/// Draws the loss plot.
pub fn loss_plot_ui(ui: &mut egui::Ui, session: &Session, view: &ViewState) {
    let Some(trained) = &session.trained else {
        ui.centered_and_justified(|ui| ui.label(tr("net.training")));
        return;
    };
    let log = trained.log_loss;
    ui.label(egui::RichText::new(tr("pg.loss.title")).strong());
    // The learning-rate plot below takes a quarter of the height (60–160 points) and its title.
    let lr_height = (ui.available_height() * 0.25).clamp(60.0, 160.0);
    let loss_height = (ui.available_height() - lr_height - 28.0).max(80.0);
    let mut plot = Plot::new("loss_plot")
        .height(loss_height)
        .custom_x_axes(vec![
            AxisHints::new_x()
                .label(tr("common.axis.step"))
                .label_spacing(36.0..=48.0)
                .formatter(|mark, _| format!("{:.0}", mark.value)),
        ])
        .y_axis_label(if log {
            tr("common.axis.loss_log")
        } else {
            tr("common.axis.loss")
        })
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .show_background(false)
        .legend(
            Legend::default()
                .position(Corner::RightTop)
                .background_alpha(0.85)
                .text_style(egui::TextStyle::Body),
        );
    let unlog = move |y: f64| if log { 10f64.powf(y) } else { y };
    plot = with_loss_axis(plot, log);
    plot = plot.label_formatter(move |hover| {
        Some(match hover {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => format!(
                "{plot_name}\n{}",
                fill(
                    "common.hover.step_loss",
                    &[&format!("{:.0}", position.x), &fmt3(unlog(position.y))]
                )
            ),
            HoverPosition::Elsewhere { position } => fill(
                "common.hover.step_loss",
                &[&format!("{:.0}", position.x), &fmt3(unlog(position.y))],
            ),
        })
    });
    let cursor = view.cursor_step.floor();
    let [y_lo, y_hi] = trained.loss_range;
    let x_hi = (trained.last_step.max(1)) as f64;
    plot.show(ui, |plot_ui| {
        plot_ui.set_plot_bounds(PlotBounds::from_min_max([0.0, y_lo], [x_hi, y_hi]));
        for (i, curve) in trained.train_curves.iter().enumerate() {
            let color = super::run_color(i, view.dark_theme);
            plot_ui.line(
                Line::new(trained.legend(i), PlotPoints::Borrowed(curve))
                    .color(color)
                    .width(2.0),
            );
            if view.show_test_loss
                && let Some(test) = trained.test_curves.get(i)
            {
                plot_ui.line(
                    Line::new(trained.legend(i), PlotPoints::Borrowed(test))
                        .color(color)
                        .width(1.5)
                        .style(LineStyle::dashed_loose()),
                );
            }
        }
        plot_ui.vline(
            VLine::new("", cursor)
                .color(ui_weak(view.dark_theme))
                .width(1.5),
        );
    });
    lr_plot_ui(ui, trained, view, lr_height);
}

/// The learning rate of every run against the step, on the loss plot's step axis.
fn lr_plot_ui(
    ui: &mut egui::Ui,
    trained: &crate::app::state::TrainedRuns,
    view: &ViewState,
    height: f32,
) {
    ui.label(egui::RichText::new(tr("pg.loss.lr_title")).strong());
    let lr_max = trained
        .lr_curves
        .iter()
        .flatten()
        .map(|p| p.y)
        .filter(|y| y.is_finite())
        .fold(0.0_f64, f64::max);
    let x_hi = (trained.last_step.max(1)) as f64;
    let cursor = view.cursor_step.floor();
    Plot::new("lr_plot")
        .height(height)
        .custom_x_axes(vec![
            AxisHints::new_x()
                .label(tr("common.axis.step"))
                .label_spacing(36.0..=48.0)
                .formatter(|mark, _| format!("{:.0}", mark.value)),
        ])
        .y_axis_label(tr("pg.loss.lr_axis"))
        .y_axis_formatter(|mark, _| super::tick_label(mark.value))
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .show_background(false)
        .label_formatter(|hover| {
            Some(match hover {
                HoverPosition::NearDataPoint {
                    plot_name,
                    position,
                    ..
                } => format!(
                    "{plot_name}\n{}",
                    fill(
                        "common.hover.step_lr",
                        &[&format!("{:.0}", position.x), &fmt3(position.y)]
                    )
                ),
                HoverPosition::Elsewhere { position } => fill(
                    "common.hover.step_lr",
                    &[&format!("{:.0}", position.x), &fmt3(position.y)],
                ),
            })
        })
        .show(ui, |plot_ui| {
            let top = if lr_max > 0.0 { lr_max * 1.08 } else { 1.0 };
            plot_ui.set_plot_bounds(PlotBounds::from_min_max([0.0, 0.0], [x_hi, top]));
            for (i, curve) in trained.lr_curves.iter().enumerate() {
                plot_ui.line(
                    Line::new(trained.legend(i), PlotPoints::Borrowed(curve))
                        .color(super::run_color(i, view.dark_theme))
                        .width(1.5),
                );
            }
            plot_ui.vline(
                VLine::new("", cursor)
                    .color(ui_weak(view.dark_theme))
                    .width(1.0),
            );
        });
}

/// A plot's y axis in loss units: on a log axis (log10 plotted) the ticks are round loss
/// values ([`log_ticks`]) labelled as losses.
pub(crate) fn with_loss_axis(plot: Plot<'_>, log: bool) -> Plot<'_> {
    if !log {
        return plot;
    }
    plot.y_axis_formatter(|mark, _| super::tick_label(10f64.powf(mark.value)))
        .y_grid_spacer(|input| {
            log_ticks(input.bounds.0, input.bounds.1)
                .into_iter()
                .map(|(value, step_size)| GridMark { value, step_size })
                .collect()
        })
}

/// A training curve (solid, `width`) and its test curve (dashed, a little thinner), the way
/// every plot of the labs pairs them; `names` and `colors` are (train, test).
pub(crate) fn train_test_lines<'a>(
    plot_ui: &mut egui_plot::PlotUi<'a>,
    names: [String; 2],
    curves: [&'a [egui_plot::PlotPoint]; 2],
    colors: [egui::Color32; 2],
    width: f32,
) {
    let [train_name, test_name] = names;
    plot_ui.line(
        Line::new(train_name, PlotPoints::Borrowed(curves[0]))
            .color(colors[0])
            .width(width),
    );
    plot_ui.line(
        Line::new(test_name, PlotPoints::Borrowed(curves[1]))
            .color(colors[1])
            .width(width * 0.9)
            .style(LineStyle::dashed_loose()),
    );
}

/// The colour of the playback line in the plots.
pub(crate) fn ui_weak(dark: bool) -> egui::Color32 {
    if dark {
        egui::Color32::from_gray(200)
    } else {
        egui::Color32::from_gray(60)
    }
}

/// Grid marks for a log10 axis spanning `[lo, hi]` (in log10 units), as `(log10 value, step)`:
/// decades (and 2, 5 within them when few decades show); for a range narrower than a decade,
/// about five evenly spaced round loss values. Labels are then real loss values.
#[must_use]
pub fn log_ticks(lo: f64, hi: f64) -> Vec<(f64, f64)> {
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return Vec::new();
    }
    let span = hi - lo;
    if span >= 1.0 {
        let mantissas: &[f64] = if span <= 3.0 {
            &[1.0, 2.0, 5.0]
        } else {
            &[1.0]
        };
        let stride = (span / 8.0).ceil().max(1.0);
        let mut marks = Vec::new();
        let mut k = lo.floor();
        while k <= hi.ceil() {
            for &m in mantissas {
                let v = k + m.log10();
                if (lo..=hi).contains(&v) {
                    marks.push((v, if m == 1.0 { stride } else { 0.3 }));
                }
            }
            k += stride;
        }
        return marks;
    }
    // Narrow range: round values in loss units, step 1, 2 or 5 × 10^k, about five of them.
    let (a, b) = (10f64.powf(lo), 10f64.powf(hi));
    let raw = (b - a) / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let mut marks = Vec::new();
    let mut v = (a / step).ceil() * step;
    while v <= b {
        if v > 0.0 {
            marks.push((v.log10(), span / 5.0));
        }
        v += step;
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::log_ticks;

    fn values(lo: f64, hi: f64) -> Vec<f64> {
        log_ticks(lo, hi)
            .iter()
            .map(|(v, _)| (10f64.powf(*v) * 1e6).round() / 1e6)
            .collect()
    }

    #[test]
    fn decades_are_labelled_with_round_losses() {
        assert_eq!(
            values(-0.5, 2.5),
            vec![0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0]
        );
        assert_eq!(values(-3.2, 2.2), vec![0.001, 0.01, 0.1, 1.0, 10.0, 100.0]);
    }

    #[test]
    fn a_narrow_range_gets_round_values_inside_it() {
        // 22 … 40
        let v = values(22f64.log10(), 40f64.log10());
        assert_eq!(v, vec![25.0, 30.0, 35.0, 40.0]);
    }
}
