//! The Sharp vs Flat lab's sweep view: a heatmap of median final test accuracy (or loss)
//! over batch size × learning rate, with × where every seed diverged; under it the papers'
//! line figures — test accuracy against the learning rate, one line per batch size (Masters &
//! Luschi 2018), and against the BN batch when the sweep has a BN-batch axis; beside it the
//! test accuracy, λ_max and ε-sharpness against the batch size (Keskar et al. 2017). Every
//! line is the median over seeds with min–max whiskers, so sampling error is not read as a
//! trend; the lines come made from [`crate::jobs::compare::SweepFigures`].

use egui::{Color32, Rect, RichText, Stroke, vec2};
use egui_plot::{AxisHints, Line, PlotPoint, PlotPoints, Points, Polygon, Text};

use super::{SharpFlatLab, SweepResult};
use crate::app::settings::Settings;
use crate::core::fmt3;
use crate::core::sweep::{LineKey, LrRule, SpreadLine};
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
    // Keskar's figures against B need more than one batch size; without them the left column
    // takes the whole view.
    let by_batch = result.spec.batch_sizes.len() > 1;
    let left_share = if by_batch { 0.55 } else { 1.0 };
    let left = Rect::from_min_size(
        area.min,
        vec2(area.width() * left_share - gap * 0.5, area.height()),
    );
    let right = Rect::from_min_max(egui::pos2(left.max.x + gap, area.min.y), area.max);
    let stack = |rect: Rect, shares: &[f32]| -> Vec<Rect> {
        let free = rect.height() - gap * (shares.len().saturating_sub(1)) as f32;
        let total: f32 = shares.iter().sum();
        let mut y = rect.min.y;
        shares
            .iter()
            .map(|share| {
                let h = free * share / total;
                let r = Rect::from_min_size(egui::pos2(rect.min.x, y), vec2(rect.width(), h));
                y += h + gap;
                r
            })
            .collect()
    };
    let figures = &result.figures;
    // Left: the heatmap, then the figures against the learning rate (when there are several)
    // and against the BN batch (when the sweep has that axis).
    let by_lr = result.spec.lrs.len() > 1;
    let by_bn = !figures.score_by_bn.is_empty();
    // A heatmap of one cell (one B, one η) says only its number: it gets a strip.
    let one_cell = !by_batch && !by_lr;
    let shares: &[f32] = match (by_lr, by_bn) {
        (true, true) => &[0.4, 0.3, 0.3],
        (true, false) => &[0.5, 0.5],
        (false, true) if one_cell => &[0.25, 0.75],
        (false, true) => &[0.5, 0.5],
        (false, false) => &[1.0],
    };
    let left_rows = stack(left, shares);
    in_rect(ui, left_rows[0], |ui| heatmap_ui(ui, result, prefs));
    let mut next = 1;
    let score_title = |by: &'static str| {
        let what = if result.classification {
            tr("sf.test_acc_pct")
        } else {
            tr("sf.test_loss")
        };
        fill(by, &[&what])
    };
    let lr_axis = match result.spec.lr_rule {
        LrRule::Fixed => tr("sf.lr_axis_log"),
        LrRule::BasePerSample => tr("sf.base_lr_axis_log"),
    };
    if by_lr {
        in_rect(ui, left_rows[next], |ui| {
            spread_plot(
                ui,
                result,
                prefs,
                &SpreadFigure {
                    title: score_title("sf.fig.by_lr"),
                    tip: tr("sf.fig.by_lr.tip"),
                    id: "sweep_by_lr",
                    x_axis: lr_x_axis(lr_axis),
                    lines: &figures.score_by_lr,
                    percent: result.classification,
                },
            );
        });
        next += 1;
    }
    if by_bn {
        in_rect(ui, left_rows[next], |ui| {
            spread_plot(
                ui,
                result,
                prefs,
                &SpreadFigure {
                    title: score_title("sf.fig.by_bn"),
                    tip: tr("sf.fig.by_bn.tip"),
                    id: "sweep_by_bn",
                    x_axis: integer_x_axis(tr("sf.bn_axis_log")),
                    lines: &figures.score_by_bn,
                    percent: result.classification,
                },
            );
        });
    }
    // Right: Keskar's numbers against the batch size.
    if by_batch {
        let n = result.n_train;
        let eps = tr("sf.eps_sharpness");
        let against_b = [
            (
                score_title("sf.against_b"),
                "sweep_acc",
                &figures.score_by_batch,
                result.classification,
            ),
            (
                fill("sf.against_b", &[&"λ_max"]),
                "sweep_lambda",
                &figures.lambda_by_batch,
                false,
            ),
            (
                fill("sf.against_b", &[&eps]),
                "sweep_eps",
                &figures.eps_by_batch,
                false,
            ),
        ];
        for (rect, (title, id, lines, percent)) in
            stack(right, &[1.0; 3]).into_iter().zip(against_b)
        {
            let figure = SpreadFigure {
                title,
                tip: tr("sf.fig.by_batch.tip"),
                id,
                x_axis: batch_axis(n),
                lines,
                percent,
            };
            in_rect(ui, rect, |ui| spread_plot(ui, result, prefs, &figure));
        }
    }
    ui.allocate_rect(area, egui::Sense::hover());
}

fn batch_axis(n: usize) -> AxisHints<'static> {
    AxisHints::new_x()
        .label(tr("sf.batch_axis_log"))
        .formatter(move |mark, _| {
            let b = libm::pow(2f64, mark.value).round();
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
        RichText::new(fill(
            if spec.bn_batch_sizes.is_empty() {
                "sf.heatmap.title"
            } else {
                "sf.heatmap.title_bn"
            },
            &[&what],
        ))
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

/// One line figure of the sweep.
struct SpreadFigure<'a> {
    title: String,
    tip: &'static str,
    id: &'static str,
    x_axis: AxisHints<'static>,
    lines: &'a [SpreadLine],
    /// Values are fractions drawn as percentages.
    percent: bool,
}

/// The name of a line: the axes that tell it from the others (batch size, learning rate, BN
/// batch), or the figure's title when there is one line.
fn line_name(key: &LineKey, result: &SweepResult) -> String {
    let mut parts = Vec::new();
    if let Some(b) = key.batch_size {
        let used = used_batch(b, result.n_train);
        let b = if used == result.n_train {
            fill("sf.full_batch", &[&used])
        } else {
            used.to_string()
        };
        parts.push(fill("sf.line.batch", &[&b]));
    }
    if let Some(lr) = key.lr {
        let which = match result.spec.lr_rule {
            LrRule::Fixed => "sf.line.lr",
            LrRule::BasePerSample => "sf.line.base_lr",
        };
        parts.push(fill(which, &[&fmt3(lr)]));
    }
    match key.bn_batch_size {
        Some(0) => parts.push(tr("sf.line.bn_whole").to_string()),
        Some(g) => parts.push(fill("sf.line.bn", &[&g])),
        None => {}
    }
    parts.join(", ")
}

/// Lines of medians with min–max whiskers over seeds, one colour per line, a legend when
/// there are several.
fn spread_plot(ui: &mut egui::Ui, result: &SweepResult, prefs: &Settings, f: &SpreadFigure<'_>) {
    ui.label(RichText::new(&f.title).strong())
        .on_hover_text(f.tip);
    let scale = if f.percent { 100.0 } else { 1.0 };
    let named = f.lines.len() > 1;
    let mut plot = crate::ui::still_plot(f.id).custom_x_axes(vec![f.x_axis.clone()]);
    if named {
        plot = plot.legend(crate::ui::legend(egui_plot::Corner::LeftBottom));
    }
    plot.show(ui, |plot_ui| {
        for (i, line) in f.lines.iter().enumerate() {
            let color = crate::ui::run_color(i, prefs.dark_theme);
            let name = if named {
                line_name(&line.key, result)
            } else {
                String::new()
            };
            let medians: Vec<PlotPoint> = line
                .points
                .iter()
                .map(|p| PlotPoint::new(p.x, p.spread.median * scale))
                .collect();
            for p in &line.points {
                if p.spread.max > p.spread.min {
                    plot_ui.line(
                        Line::new(
                            "",
                            PlotPoints::Owned(vec![
                                PlotPoint::new(p.x, p.spread.min * scale),
                                PlotPoint::new(p.x, p.spread.max * scale),
                            ]),
                        )
                        .color(color.gamma_multiply(0.8))
                        .width(1.5)
                        .allow_hover(false),
                    );
                }
            }
            plot_ui.points(
                Points::new(name.clone(), PlotPoints::Owned(medians.clone()))
                    .radius(3.5)
                    .color(color),
            );
            plot_ui.line(
                Line::new(name, PlotPoints::Owned(medians))
                    .color(color)
                    .width(2.0),
            );
        }
    });
}

/// A log₂ x axis whose ticks are read as 2^x, written as numbers (learning rates).
fn lr_x_axis(label: &'static str) -> AxisHints<'static> {
    AxisHints::new_x().label(label).formatter(|mark, range| {
        // Whole powers of two, or every mark when the axis spans less than a doubling
        // or two.
        let whole = (mark.value - mark.value.round()).abs() < 1e-6;
        if whole || range.end() - range.start() < 2.0 {
            fmt3(libm::pow(2f64, mark.value))
        } else {
            String::new()
        }
    })
}

/// A log₂ x axis of whole numbers (BN batches).
fn integer_x_axis(label: &'static str) -> AxisHints<'static> {
    AxisHints::new_x().label(label).formatter(|mark, _| {
        let v = libm::pow(2f64, mark.value);
        if (v - v.round()).abs() < 1e-6 {
            format!("{v:.0}")
        } else {
            String::new()
        }
    })
}
