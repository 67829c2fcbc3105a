//! The Playground's loss plot: full-batch training loss against step for every run, in its
//! colour, on a log axis when every loss is positive, with a vertical line at the playback
//! step and, optionally, the test loss dashed (same legend entry as its run). The runs'
//! legend is here. Under it, a small plot of each run's learning rate against the step (flat
//! lines for constant schedules).

use egui_plot::{AxisHints, Corner, Line, LineStyle, Plot, PlotBounds, PlotPoints, VLine};

use crate::app::picture::{TrainedRuns, highest_y};
use crate::app::settings::Settings;
use crate::i18n::tr;
use crate::ui::loss_plot::{step_label, step_loss_plot, ui_weak};
use crate::ui::{run_color, tick_label};

use super::Playground;

/// Draws the loss plot.
pub fn loss_plot_ui(ui: &mut egui::Ui, pg: &Playground, prefs: &Settings) {
    let Some(trained) = &pg.trained else {
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
        .legend(crate::ui::legend(Corner::RightTop).text_style(egui::TextStyle::Body));
    plot = step_loss_plot(plot, log);
    let cursor = pg.playback.cursor_step.floor();
    let [y_lo, y_hi] = trained.loss_range;
    let x_hi = (trained.last_step.max(1)) as f64;
    plot.show(ui, |plot_ui| {
        plot_ui.set_plot_bounds(PlotBounds::from_min_max([0.0, y_lo], [x_hi, y_hi]));
        for (i, curve) in trained.train_curves.iter().enumerate() {
            let color = run_color(i, prefs.dark_theme);
            plot_ui.line(
                Line::new(trained.legend(i), PlotPoints::Borrowed(curve))
                    .color(color)
                    .width(2.0),
            );
            if prefs.show_test_loss
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
                .color(ui_weak(prefs.dark_theme))
                .width(1.5),
        );
    });
    lr_plot_ui(
        ui,
        trained,
        prefs,
        pg.playback.cursor_step.floor(),
        lr_height,
    );
}

/// The learning rate of every run against the step, on the loss plot's step axis.
fn lr_plot_ui(
    ui: &mut egui::Ui,
    trained: &TrainedRuns,
    prefs: &Settings,
    cursor: f64,
    height: f32,
) {
    ui.label(egui::RichText::new(tr("pg.loss.lr_title")).strong());
    let lr_max = highest_y(trained.lr_curves.iter().flatten()).map_or(0.0, |y| y.max(0.0));
    let x_hi = (trained.last_step.max(1)) as f64;
    Plot::new("lr_plot")
        .height(height)
        .custom_x_axes(vec![
            AxisHints::new_x()
                .label(tr("common.axis.step"))
                .label_spacing(36.0..=48.0)
                .formatter(|mark, _| format!("{:.0}", mark.value)),
        ])
        .y_axis_label(tr("pg.loss.lr_axis"))
        .y_axis_formatter(|mark, _| tick_label(mark.value))
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .show_background(false)
        .label_formatter(|hover| Some(step_label(hover, "common.hover.step_lr", |y| y)))
        .show(ui, |plot_ui| {
            let top = if lr_max > 0.0 { lr_max * 1.08 } else { 1.0 };
            plot_ui.set_plot_bounds(PlotBounds::from_min_max([0.0, 0.0], [x_hi, top]));
            for (i, curve) in trained.lr_curves.iter().enumerate() {
                plot_ui.line(
                    Line::new(trained.legend(i), PlotPoints::Borrowed(curve))
                        .color(run_color(i, prefs.dark_theme))
                        .width(1.5),
                );
            }
            plot_ui.vline(
                VLine::new("", cursor)
                    .color(ui_weak(prefs.dark_theme))
                    .width(1.0),
            );
        });
}
