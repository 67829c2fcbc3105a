//! The loss plot: full-batch training loss against step for every run, in its colour, on a
//! log axis (log10 plotted, ticks labelled in loss units) when every loss is positive, with
//! a vertical line at the playback step and, optionally, the test loss dashed.

use egui_plot::{HoverPosition, Line, LineStyle, Plot, PlotPoints, VLine};

use crate::app::state::{Session, ViewState};
use crate::core::fmt3;

/// Draws the loss plot.
pub fn loss_plot_ui(ui: &mut egui::Ui, session: &Session, view: &ViewState) {
    let Some(trained) = &session.trained else {
        ui.centered_and_justified(|ui| ui.label("Training…"));
        return;
    };
    let log = trained.log_loss;
    ui.label(egui::RichText::new("Training loss per step").strong());
    let mut plot = Plot::new("loss_plot")
        .x_axis_label("step")
        .y_axis_label(if log { "loss (log)" } else { "loss" })
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .show_background(false);
    let unlog = move |y: f64| if log { 10f64.powf(y) } else { y };
    if log {
        plot = plot.y_axis_formatter(move |mark, _| fmt3(unlog(mark.value)));
    }
    plot = plot.label_formatter(move |hover| {
        Some(match hover {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } => format!(
                "{plot_name}\nstep {:.0}\nloss {}",
                position.x,
                fmt3(unlog(position.y))
            ),
            HoverPosition::Elsewhere { position } => {
                format!("step {:.0}\nloss {}", position.x, fmt3(unlog(position.y)))
            }
        })
    });
    let cursor = view.cursor_step.floor();
    plot.show(ui, |plot_ui| {
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
                    Line::new(
                        format!("{} (test)", trained.legend(i)),
                        PlotPoints::Borrowed(test),
                    )
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
}

fn ui_weak(dark: bool) -> egui::Color32 {
    if dark {
        egui::Color32::from_gray(200)
    } else {
        egui::Color32::from_gray(60)
    }
}
