//! The Sharp vs Flat lab's sweep view: a heatmap of median final test accuracy (or loss)
//! over batch size × learning rate, with × where every seed diverged, and the medians of
//! λ_max, ε-sharpness and test accuracy against the batch size.

use egui::{Color32, Rect, RichText, Stroke, vec2};
use egui_plot::{AxisHints, Line, PlotPoint, PlotPoints, Points, Polygon, Text};

use super::{SharpFlatLab, SweepResult, effective_batch};
use crate::app::settings::Settings;
use crate::core::fmt3;
use crate::core::sweep::LrRule;
use crate::i18n::{fill, tr};
use crate::jobs::compare::effective_batch as used_batch;
use crate::ui::widgets::in_rect;

pub(super) fn sweep_ui(ui: &mut egui::Ui, sf: &SharpFlatLab, prefs: &Settings) {
    let Some(result) = &sf.sweep else {
        ui.centered_and_justified(|ui| {
            if sf.sweep_job.busy() {
                let (done, total) = sf.sweep_progress;
                ui.label(fill("sf.sweeping", &[&done, &total]));
            } else {
                ui.label(tr("sf.no_sweep"));
            }
        });
        return;
    };
    let area = ui.available_rect_before_wrap();
    let gap = 12.0;
    let left = Rect::from_min_size(
        area.min,
        vec2(area.width() * 0.55 - gap * 0.5, area.height()),
    );
    let right = Rect::from_min_max(egui::pos2(left.max.x + gap, area.min.y), area.max);
    in_rect(ui, left, |ui| heatmap_ui(ui, result, prefs));
    let h = (right.height() - 2.0 * gap) / 3.0;
    let rows: Vec<Rect> = (0..3)
        .map(|k| {
            Rect::from_min_size(
                right.min + vec2(0.0, k as f32 * (h + gap)),
                vec2(right.width(), h),
            )
        })
        .collect();
    in_rect(ui, rows[0], |ui| {
        by_batch_plot(
            ui,
            result,
            prefs,
            tr("sf.median_lambda"),
            "sweep_lambda",
            |s| s.lambda_max,
        );
    });
    in_rect(ui, rows[1], |ui| {
        by_batch_plot(ui, result, prefs, tr("sf.median_eps"), "sweep_eps", |s| {
            s.eps_sharpness
        });
    });
    in_rect(ui, rows[2], |ui| {
        if result.classification {
            by_batch_plot(ui, result, prefs, tr("sf.median_acc"), "sweep_acc", |s| {
                s.test_acc
            });
        } else {
            by_batch_plot(
                ui,
                result,
                prefs,
                tr("sf.median_test_loss"),
                "sweep_test",
                |s| s.test_loss,
            );
        }
    });
    ui.allocate_rect(area, egui::Sense::hover());
}

/// log₂ of the batch actually used.
fn log2_batch(batch_size: usize, n: usize) -> f64 {
    (effective_batch(batch_size, n) as f64).log2()
}

fn batch_axis(n: usize) -> AxisHints<'static> {
    AxisHints::new_x()
        .label(tr("sf.batch_axis_log"))
        .formatter(move |mark, _| {
            let b = 2f64.powf(mark.value).round();
            if (b - n as f64).abs() < 0.5 {
                fill("sf.full_batch", &[&format!("{b:.0}")])
            } else {
                format!("{b:.0}")
            }
        })
}

fn heatmap_ui(ui: &mut egui::Ui, result: &SweepResult, prefs: &Settings) {
    let n = result.n_train;
    let spec = &result.spec;
    let what = if result.classification {
        tr("sf.final_acc")
    } else {
        tr("sf.final_loss")
    };
    let lr_axis = match spec.lr_rule {
        LrRule::Fixed => tr("sf.lr_axis"),
        LrRule::BasePerSample => tr("sf.base_lr_axis"),
    };
    ui.label(
        RichText::new(fill("sf.heatmap.title", &[&what]))
            .strong()
            .size(17.0),
    )
    .on_hover_text(tr("sf.heatmap.tip"));
    // Cells on an index grid, labelled with the listed batch sizes and learning rates.
    #[allow(clippy::cast_precision_loss)]
    let cells: Vec<(f64, f64, Option<f64>, bool)> = result
        .heatmap
        .iter()
        .map(|c| (c.col as f64, c.row as f64, c.value, c.all_diverged))
        .collect();
    let batch_labels: Vec<String> = spec
        .batch_sizes
        .iter()
        .map(|&b| {
            let used = used_batch(b, n);
            if used == n {
                fill("sf.full_batch", &[&used])
            } else {
                used.to_string()
            }
        })
        .collect();
    let lr_labels: Vec<String> = spec.lrs.iter().map(|&lr| fmt3(lr)).collect();
    let label_of = |labels: &[String], v: f64| -> String {
        let i = v.round();
        if (v - i).abs() > 1e-6 || i < 0.0 {
            return String::new();
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        labels.get(i as usize).cloned().unwrap_or_default()
    };
    let integer_marks = |count: usize| {
        move |_input: egui_plot::GridInput| -> Vec<egui_plot::GridMark> {
            (0..count)
                .map(|i| egui_plot::GridMark {
                    value: i as f64,
                    step_size: 1.0,
                })
                .collect()
        }
    };
    let values: Vec<f64> = cells.iter().filter_map(|c| c.2).collect();
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (dx, dy) = (0.5, 0.5);
    let colormap = prefs.colormap;
    crate::ui::still_plot("sweep_heatmap")
        .custom_x_axes(vec![
            AxisHints::new_x()
                .label(tr("sf.batch_axis"))
                .formatter(move |mark, _| label_of(&batch_labels, mark.value)),
        ])
        .custom_y_axes(vec![
            AxisHints::new_y()
                .label(lr_axis)
                .formatter(move |mark, _| label_of(&lr_labels, mark.value)),
        ])
        .x_grid_spacer(integer_marks(spec.batch_sizes.len()))
        .y_grid_spacer(integer_marks(spec.lrs.len()))
        .show_grid(false)
        .show(ui, |plot_ui| {
            for &(x, y, value, diverged) in &cells {
                let fill = match value {
                    Some(v) if hi > lo => {
                        let t = (v - lo) / (hi - lo);
                        // Higher accuracy / lower loss is brighter.
                        let t = if result.classification { t } else { 1.0 - t };
                        let c = colormap.gradient().eval_continuous(t.clamp(0.0, 1.0));
                        Color32::from_rgb(c.r, c.g, c.b)
                    }
                    Some(_) => Color32::from_gray(140),
                    None => Color32::from_gray(45),
                };
                let rect = vec![
                    [x - dx, y - dy],
                    [x + dx, y - dy],
                    [x + dx, y + dy],
                    [x - dx, y + dy],
                ];
                plot_ui.polygon(
                    Polygon::new("", rect)
                        .fill_color(fill)
                        .stroke(Stroke::new(1.0, Color32::from_gray(30)))
                        .allow_hover(false),
                );
                let label = match value {
                    Some(v) if result.classification => format!("{:.1}", v * 100.0),
                    Some(v) => fmt3(v),
                    None if diverged => "×".to_string(),
                    None => "–".to_string(),
                };
                let text_color = if value.is_some() && fill.r() as u32 + fill.g() as u32 > 300 {
                    Color32::BLACK
                } else {
                    Color32::WHITE
                };
                plot_ui.text(Text::new(
                    "",
                    PlotPoint::new(x, y),
                    RichText::new(label).color(text_color).size(14.0),
                ));
            }
        });
}

fn by_batch_plot(
    ui: &mut egui::Ui,
    result: &SweepResult,
    prefs: &Settings,
    title: &str,
    id: &str,
    value: impl Fn(&crate::core::sweep::BatchSummary) -> Option<f64>,
) {
    ui.label(RichText::new(fill("sf.against_b", &[&title])).strong());
    let n = result.n_train;
    let points: Vec<PlotPoint> = result
        .by_batch
        .iter()
        .filter_map(|s| {
            value(s)
                .filter(|v| v.is_finite())
                .map(|v| PlotPoint::new(log2_batch(s.batch_size, n), v))
        })
        .collect();
    let color = crate::ui::run_color(4, prefs.dark_theme);
    crate::ui::still_plot(id)
        .custom_x_axes(vec![batch_axis(n)])
        .show(ui, |plot_ui| {
            plot_ui.points(
                Points::new(title.to_string(), PlotPoints::Owned(points.clone()))
                    .radius(4.0)
                    .color(color),
            );
            plot_ui.line(
                Line::new(title.to_string(), PlotPoints::Owned(points))
                    .color(color)
                    .width(2.0),
            );
        });
}
