//! The Sharp vs Flat lab's central area. tr("sf.view.two_runs"): the shared plane with both paths, the
//! 1-D interpolation between the two solutions (Keskar et al.'s figure), the 1-D slices
//! around each minimum, and λ_max against step with the 2/η edge of stability. tr("sf.view.sweep"): a
//! heatmap of the final test accuracy (or loss) over (log₂ B, log₂ η), diverged cells
//! marked, and the medians of λ_max, ε-sharpness and test accuracy against the batch size.

use egui::{Color32, Rect, RichText, Stroke, UiBuilder, vec2};
use egui_plot::{
    AxisHints, Corner, HLine, Legend, Line, LineStyle, MarkerShape, PlotBounds, PlotPoint,
    PlotPoints, Points, Polygon, Text,
};

use super::{
    Comparison, ComparisonSeries, SfView, SharpFlatCommand, SharpFlatLab, SweepResult,
    effective_batch,
};
use crate::app::settings::Settings;
use crate::core::fmt3;
use crate::core::sweep::LrRule;
use crate::i18n::{fill, tr};
use crate::jobs::compare::effective_batch as used_batch;

use crate::ui::landscape::{COLORBAR_WIDTH, colorbar_ui, draw_picture};
use crate::ui::loss_plot::{train_test_lines, with_loss_axis};

/// Draws the lab's central area.
pub fn view_ui(
    ui: &mut egui::Ui,
    sf: &SharpFlatLab,
    prefs: &Settings,
    _cmds: &mut Vec<SharpFlatCommand>,
) {
    match sf.view {
        SfView::TwoRuns => two_runs_ui(ui, sf, prefs),
        SfView::Sweep => sweep_ui(ui, sf, prefs),
    }
}

/// `area` cut into a 2 × 2 grid, `gap` apart: top-left, top-right, bottom-left, bottom-right.
fn quadrants(area: Rect, gap: f32) -> [Rect; 4] {
    let w = (area.width() - gap) * 0.5;
    let h = (area.height() - gap) * 0.5;
    let at = |col: f32, row: f32| {
        Rect::from_min_size(
            area.min + vec2(col * (w + gap), row * (h + gap)),
            vec2(w, h),
        )
    };
    [at(0.0, 0.0), at(1.0, 0.0), at(0.0, 1.0), at(1.0, 1.0)]
}

/// Runs `draw` inside `rect` (clipped to it).
fn in_rect(ui: &mut egui::Ui, rect: Rect, draw: impl FnOnce(&mut egui::Ui)) {
    ui.scope_builder(UiBuilder::new().max_rect(rect), |ui| {
        ui.set_clip_rect(rect.intersect(ui.clip_rect()));
        ui.set_max_width(rect.width());
        draw(ui);
    });
}

fn run_name(i: usize) -> &'static str {
    if i == 0 {
        tr("sf.small_batch_run")
    } else {
        tr("sf.large_batch_run")
    }
}

fn two_runs_ui(ui: &mut egui::Ui, sf: &SharpFlatLab, prefs: &Settings) {
    let Some(c) = &sf.comparison else {
        ui.centered_and_justified(|ui| {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(tr("sf.training_both_runs"));
            });
        });
        return;
    };
    for problem in &c.problems {
        ui.colored_label(ui.visuals().error_fg_color, crate::ui::printable(problem));
    }
    let area = ui.available_rect_before_wrap();
    let [tl, tr, bl, br] = quadrants(area, 12.0);
    in_rect(ui, tl, |ui| plane_ui(ui, sf, c, prefs));
    let series = &sf.series;
    in_rect(ui, tr, |ui| interpolation_ui(ui, c, series, prefs));
    in_rect(ui, bl, |ui| slices_ui(ui, c, series, prefs));
    in_rect(ui, br, |ui| lambda_ui(ui, c, series, prefs));
    ui.allocate_rect(area, egui::Sense::hover());
}

fn plane_ui(ui: &mut egui::Ui, sf: &SharpFlatLab, c: &Comparison, prefs: &Settings) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(tr("sf.plane.title")).strong().size(17.0))
            .on_hover_text(tr("sf.plane.tip"));
        if sf.comparison_job.busy() && sf.compared_generation == sf.generation() {
            ui.add(
                egui::ProgressBar::new(sf.landscape_fraction)
                    .desired_width(120.0)
                    .show_percentage(),
            );
        }
        crate::ui::surface3d::toggle_ui(ui, "sharp_flat");
    });
    let size = ui.available_size();
    let plot_width = (size.x - COLORBAR_WIDTH - 2.0 * ui.spacing().item_spacing.x).max(80.0);
    let dark = prefs.dark_theme;
    ui.horizontal(|ui| {
        ui.allocate_ui(vec2(plot_width, size.y), |ui| {
            let plane = &c.plane;
            // The network plane's axes in the current language; a surface's are θ₁, θ₂.
            let (axis_x, axis_y) = if plane.x_label.starts_with('α') {
                (tr("sf.plane.x").to_string(), tr("sf.plane.y").to_string())
            } else {
                (plane.x_label.clone(), plane.y_label.clone())
            };
            if crate::ui::surface3d::is_on(ui.ctx(), "sharp_flat") {
                let Some(picture) = &sf.picture else {
                    ui.label(tr("sf.computing_plane"));
                    return;
                };
                let paths: Vec<crate::render::mesh3d::Path3d> = sf
                    .series
                    .paths
                    .iter()
                    .enumerate()
                    .map(|(i, path)| crate::render::mesh3d::Path3d {
                        rgb: crate::render::palette::run_rgb(i, dark),
                        points: path.iter().map(|p| [p.x, p.y]).collect(),
                    })
                    .collect();
                let axes = if plane.x_label.starts_with('θ') {
                    ["θ₁", "θ₂"]
                } else {
                    ["α", "β"]
                };
                crate::ui::surface3d::surface3d_ui(
                    ui,
                    "sharp_flat",
                    &picture.grid,
                    &picture.scale,
                    prefs.colormap,
                    &paths,
                    axes,
                );
                return;
            }
            crate::ui::still_plot("sharp_flat_plane")
                .custom_x_axes(vec![AxisHints::new_x().label(axis_x)])
                .custom_y_axes(vec![AxisHints::new_y().label(axis_y)])
                .show_grid(false)
                .set_margin_fraction(egui::Vec2::ZERO)
                .legend(
                    Legend::default()
                        .position(Corner::LeftTop)
                        .background_alpha(0.8),
                )
                .show(ui, |plot_ui| {
                    plot_ui.set_plot_bounds(PlotBounds::from_min_max(
                        [plane.x[0], plane.y[0]],
                        [plane.x[1], plane.y[1]],
                    ));
                    if let Some(picture) = &sf.picture {
                        draw_picture(plot_ui, picture);
                    }
                    for (i, (run, path)) in c.runs.iter().zip(&sf.series.paths).enumerate() {
                        let color = crate::ui::run_color(i, dark);
                        let name = fill("sf.run_legend", &[&run_name(i), &run.batch]);
                        plot_ui.line(
                            Line::new(name.clone(), PlotPoints::Borrowed(path))
                                .color(color)
                                .width(prefs.path_width(2.0)),
                        );
                        if let Some(end) = path.last() {
                            plot_ui.points(
                                Points::new(name, vec![[end.x, end.y]])
                                    .shape(if run.diverged {
                                        MarkerShape::Cross
                                    } else {
                                        MarkerShape::Circle
                                    })
                                    .filled(true)
                                    .radius(6.0)
                                    .color(color),
                            );
                        }
                    }
                    if let Some(start) = sf.series.paths[0].first() {
                        plot_ui.points(
                            Points::new("", vec![[start.x, start.y]])
                                .filled(false)
                                .radius(7.0)
                                .color(if dark { Color32::WHITE } else { Color32::BLACK }),
                        );
                    }
                });
        });
        if let Some(picture) = &sf.picture {
            colorbar_ui(
                ui,
                picture,
                prefs.colormap,
                vec2(COLORBAR_WIDTH, size.y - 30.0),
            );
        }
    });
}

fn interpolation_ui(
    ui: &mut egui::Ui,
    c: &Comparison,
    series: &ComparisonSeries,
    prefs: &Settings,
) {
    ui.label(RichText::new(tr("sf.interp.title")).strong().size(17.0))
        .on_hover_text(tr("sf.interp.tip"));
    if c.interpolation.is_empty() {
        ui.label(tr("sf.interp.none"));
        return;
    }
    let dark = prefs.dark_theme;
    let has_acc = c.interpolation.iter().any(|p| p.test_acc.is_some());
    let height = ui.available_height();
    ui.allocate_ui(
        vec2(
            ui.available_width(),
            if has_acc { height * 0.62 } else { height },
        ),
        |ui| {
            with_loss_axis(crate::ui::still_plot("sharp_flat_interpolation"), true)
                .x_axis_label("α")
                .y_axis_label(tr("sf.loss_log"))
                .legend(
                    Legend::default()
                        .position(Corner::RightTop)
                        .background_alpha(0.8),
                )
                .show(ui, |plot_ui| {
                    train_test_lines(
                        plot_ui,
                        [
                            tr("sf.row.train_loss").to_string(),
                            tr("sf.row.test_loss").to_string(),
                        ],
                        [&series.interpolation_train, &series.interpolation_test],
                        [crate::ui::run_color(4, dark), crate::ui::run_color(5, dark)],
                        prefs.path_width(2.2),
                    );
                    for (i, alpha) in [0.0, 1.0].into_iter().enumerate() {
                        plot_ui.vline(
                            egui_plot::VLine::new(run_name(i), alpha)
                                .color(crate::ui::run_color(i, dark))
                                .width(1.5),
                        );
                    }
                });
        },
    );
    if has_acc {
        crate::ui::still_plot("sharp_flat_interpolation_acc")
            .x_axis_label("α")
            .y_axis_label(tr("sf.accuracy"))
            .y_axis_formatter(|mark, _| format!("{:.0} %", mark.value * 100.0))
            .show(ui, |plot_ui| {
                plot_ui.set_plot_bounds(PlotBounds::from_min_max([-1.0, 0.0], [2.0, 1.0]));
                train_test_lines(
                    plot_ui,
                    [
                        tr("sf.train_accuracy").to_string(),
                        tr("sf.test_accuracy").to_string(),
                    ],
                    [&series.accuracy_train, &series.accuracy_test],
                    [crate::ui::run_color(4, dark), crate::ui::run_color(5, dark)],
                    prefs.path_width(2.0),
                );
            });
    }
}

fn slices_ui(ui: &mut egui::Ui, c: &Comparison, series: &ComparisonSeries, prefs: &Settings) {
    ui.label(RichText::new(tr("sf.slices.title")).strong().size(17.0))
        .on_hover_text(tr("sf.slices.tip"));
    let dark = prefs.dark_theme;
    with_loss_axis(crate::ui::still_plot("sharp_flat_slices"), true)
        .x_axis_label(tr("sf.slices.x"))
        .y_axis_label(tr("sf.training_loss_log"))
        .legend(
            Legend::default()
                .position(Corner::RightTop)
                .background_alpha(0.8),
        )
        .show(ui, |plot_ui| {
            for (i, (run, points)) in c.runs.iter().zip(&series.slices).enumerate() {
                plot_ui.line(
                    Line::new(
                        fill("sf.run_legend", &[&run_name(i), &run.batch]),
                        PlotPoints::Borrowed(points),
                    )
                    .color(crate::ui::run_color(i, dark))
                    .width(prefs.path_width(2.2)),
                );
            }
        });
}

fn lambda_ui(ui: &mut egui::Ui, c: &Comparison, series: &ComparisonSeries, prefs: &Settings) {
    let [edge_small, edge_large] = c.stability_thresholds;
    // One line when both runs share the edge; each run's own, in its colour, when the
    // learning-rate rule gives them different step sizes.
    let edges: Vec<(f64, Option<usize>)> = if edge_small == edge_large {
        vec![(edge_small, None)]
    } else {
        vec![(edge_small, Some(0)), (edge_large, Some(1))]
    };
    ui.label(RichText::new(tr("sf.lambda.title")).strong().size(17.0))
        .on_hover_text(tr("sf.lambda.tip"));
    let dark = prefs.dark_theme;
    let mut hi = series
        .lambda
        .iter()
        .flat_map(|r| r.iter().map(|p| p.y))
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    for &(edge, _) in &edges {
        if edge.is_finite() {
            hi = hi.max(edge);
        }
    }
    let steps = c.settings.steps as f64;
    crate::ui::still_plot("sharp_flat_lambda")
        .x_axis_label(tr("sf.step"))
        .y_axis_label("λ_max")
        .legend(
            Legend::default()
                .position(Corner::LeftTop)
                .background_alpha(0.8),
        )
        .show(ui, |plot_ui| {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max(
                [0.0, 0.0],
                [steps.max(1.0), (hi * 1.1).max(1e-3)],
            ));
            for (i, (run, curve)) in c.runs.iter().zip(&series.lambda).enumerate() {
                plot_ui.line(
                    Line::new(
                        fill("sf.run_legend", &[&run_name(i), &run.batch]),
                        PlotPoints::Borrowed(curve),
                    )
                    .color(crate::ui::run_color(i, dark))
                    .width(prefs.path_width(2.2)),
                );
            }
            for &(edge, run) in &edges {
                if !edge.is_finite() {
                    continue;
                }
                let color = run.map_or_else(
                    || crate::ui::loss_plot::ui_weak(dark),
                    |i| crate::ui::run_color(i, dark),
                );
                plot_ui.hline(
                    HLine::new(fill("sf.edge", &[&fmt3(edge)]), edge)
                        .color(color)
                        .style(LineStyle::dashed_loose())
                        .width(1.5),
                );
            }
        });
}

fn sweep_ui(ui: &mut egui::Ui, sf: &SharpFlatLab, prefs: &Settings) {
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
