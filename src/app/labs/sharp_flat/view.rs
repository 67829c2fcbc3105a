//! The Sharp vs Flat lab's central area. tr("sf.view.two_runs"): the shared plane with both paths, the
//! 1-D interpolation between the two solutions (Keskar et al.'s figure), the 1-D slices
//! around each minimum, and λ_max against step with the 2/η edge of stability. tr("sf.view.sweep"): a
//! heatmap of the final test accuracy (or loss) over (log₂ B, log₂ η), diverged cells
//! marked, and the medians of λ_max, ε-sharpness and test accuracy against the batch size.

use egui::{Color32, Rect, RichText, vec2};
use egui_plot::{
    AxisHints, Corner, HLine, Line, LineStyle, MarkerShape, PlotBounds, PlotPoints, Points,
};

use super::{Comparison, ComparisonSeries, SfView, SharpFlatCommand, SharpFlatLab};
use crate::app::picture::highest_y;
use crate::app::settings::Settings;
use crate::core::fmt3;
use crate::i18n::{fill, tr};

use crate::ui::landscape::{COLORBAR_WIDTH, colorbar_ui, draw_picture};
use crate::ui::loss_plot::{train_test_lines, with_loss_axis};

/// Draws the lab's central area.
pub fn view_ui(
    ui: &mut egui::Ui,
    sf: &SharpFlatLab,
    prefs: &Settings,
    cmds: &mut Vec<SharpFlatCommand>,
) {
    match sf.view {
        SfView::TwoRuns => two_runs_ui(ui, sf, prefs, cmds),
        SfView::Sweep => super::sweep_view::sweep_ui(ui, sf, prefs),
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

fn run_name(i: usize) -> &'static str {
    if i == 0 {
        tr("sf.small_batch_run")
    } else {
        tr("sf.large_batch_run")
    }
}

fn two_runs_ui(
    ui: &mut egui::Ui,
    sf: &SharpFlatLab,
    prefs: &Settings,
    cmds: &mut Vec<SharpFlatCommand>,
) {
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
    let [top_left, top_right, bl, br] = quadrants(area, 12.0);
    crate::ui::widgets::in_rect(ui, top_left, |ui| plane_ui(ui, sf, c, prefs));
    let series = &sf.series;
    crate::ui::widgets::in_rect(ui, top_right, |ui| interpolation_ui(ui, c, series, prefs));
    crate::ui::widgets::in_rect(ui, bl, |ui| {
        // The bottom-left panel: the 1-D slices or the Hessian spectra.
        ui.horizontal(|ui| {
            for (shown, key, tip) in [
                (false, "sf.slices.title", "sf.slices.tip"),
                (true, "sf.spectrum.title", "sf.spectrum.tip"),
            ] {
                if ui
                    .selectable_label(
                        sf.spectrum_shown == shown,
                        RichText::new(tr(key)).strong().size(17.0),
                    )
                    .on_hover_text(tr(tip))
                    .clicked()
                {
                    cmds.push(SharpFlatCommand::SetSpectrumShown(shown));
                }
            }
        });
        if sf.spectrum_shown {
            if sf.spectra_arrived {
                spectrum_ui(ui, c, series, sf.spectra_skipped(), prefs);
            } else {
                spectra_progress_ui(ui, sf, cmds);
            }
        } else {
            slices_ui(ui, c, series, prefs);
        }
    });
    crate::ui::widgets::in_rect(ui, br, |ui| lambda_ui(ui, c, series, prefs));
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
            let (axis_x, axis_y) = if let Some([l1, l2]) = plane.eigenvalues {
                (
                    fill(
                        "sf.plane.v1",
                        &[&crate::render::landscape::eigenvalue_text(l1)],
                    ),
                    fill(
                        "sf.plane.v2",
                        &[&crate::render::landscape::eigenvalue_text(l2)],
                    ),
                )
            } else if plane.x_label.starts_with('α') {
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
                .legend(crate::ui::legend(Corner::LeftTop))
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

/// A training (solid) and test (dashed) series along the interpolation, in the colours kept
/// for it (not the runs'); `keys` translate the legend (train, test).
fn interpolation_lines<'a>(
    plot_ui: &mut egui_plot::PlotUi<'a>,
    keys: [&'static str; 2],
    curves: [&'a [egui_plot::PlotPoint]; 2],
    width: f32,
    dark: bool,
) {
    let colors = [crate::ui::run_color(4, dark), crate::ui::run_color(5, dark)];
    train_test_lines(
        plot_ui,
        keys.map(|k| tr(k).to_string()),
        curves,
        colors,
        width,
    );
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
                .legend(crate::ui::legend(Corner::RightTop))
                .show(ui, |plot_ui| {
                    interpolation_lines(
                        plot_ui,
                        ["sf.row.train_loss", "sf.row.test_loss"],
                        [&series.interpolation_train, &series.interpolation_test],
                        prefs.path_width(2.2),
                        dark,
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
            // Room above 100 % so that its label is not cut off at the strip's top edge.
            .y_grid_spacer(crate::ui::percent_marks())
            .show(ui, |plot_ui| {
                plot_ui.set_plot_bounds(PlotBounds::from_min_max([-1.0, -0.04], [2.0, 1.12]));
                interpolation_lines(
                    plot_ui,
                    ["sf.train_accuracy", "sf.test_accuracy"],
                    [&series.accuracy_train, &series.accuracy_test],
                    prefs.path_width(2.0),
                    dark,
                );
            });
    }
}

fn slices_ui(ui: &mut egui::Ui, c: &Comparison, series: &ComparisonSeries, prefs: &Settings) {
    // The slices rise to both ends, so the legend's corner needs headroom above the highest
    // point (the y values are log10 of the loss: 0.8 is a factor of 6).
    let mut plot = with_loss_axis(crate::ui::still_plot("sharp_flat_slices"), true);
    if let Some(top) = highest_y(series.slices.iter().flatten()) {
        plot = plot.include_y(top + 0.8);
    }
    plot.x_axis_label(tr("sf.slices.x"))
        .y_axis_label(tr("sf.training_loss_log"))
        .legend(crate::ui::legend(Corner::RightTop))
        .show(ui, |plot_ui| {
            run_lines(plot_ui, c, &series.slices, prefs);
        });
}

/// While the spectra compute: a progress bar over both runs' probes and "Skip", which lets
/// the plane come first. Not offered where the running comparison cannot see the flag (the
/// web edition's single-threaded build, whose jobs run in Web Workers with memory of their
/// own): skipping there would mean starting the comparison again, training included, which
/// takes far longer than the spectra (digits-sharp-flat: about 90 s against 3 s).
fn spectra_progress_ui(ui: &mut egui::Ui, sf: &SharpFlatLab, cmds: &mut Vec<SharpFlatCommand>) {
    // Wrapped: in a narrow panel the long label goes on a second line instead of past the edge.
    ui.horizontal_wrapped(|ui| {
        ui.spinner();
        ui.label(tr("sf.spectrum.computing"));
    });
    ui.add(
        egui::ProgressBar::new(sf.spectra_fraction)
            .show_percentage()
            .desired_width(260.0),
    );
    if !crate::jobs::FLAGS_REACH_RUNNING_JOBS {
        return;
    }
    let skipping = sf.spectra_skip.load(std::sync::atomic::Ordering::Relaxed);
    if ui
        .add_enabled(!skipping, egui::Button::new(tr("sf.spectrum.skip")))
        .on_hover_text(tr("sf.spectrum.skip.tip"))
        .clicked()
    {
        cmds.push(SharpFlatCommand::SkipSpectra);
    }
}

/// Both runs' Hessian eigenvalue densities on a log axis: the large batch's heavier tail of
/// large eigenvalues is the "sharp in how many directions" answer.
fn spectrum_ui(
    ui: &mut egui::Ui,
    c: &Comparison,
    series: &ComparisonSeries,
    skipped: bool,
    prefs: &Settings,
) {
    if series.spectra.iter().all(Vec::is_empty) {
        ui.label(tr(if skipped {
            "sf.spectrum.skipped"
        } else {
            "sf.spectrum.none"
        }));
        return;
    }
    let tops: Vec<String> = c
        .runs
        .iter()
        .map(|r| {
            r.report
                .as_ref()
                .map_or_else(|_| "–".to_string(), |rep| fmt3(rep.lambda_max))
        })
        .collect();
    ui.label(
        RichText::new(fill("sf.spectrum.caption", &[&tops[0], &tops[1]]))
            .color(ui.visuals().weak_text_color()),
    );
    crate::ui::still_plot("sharp_flat_spectrum")
        .x_axis_label(tr("sf.spectrum.x"))
        .y_axis_label(tr("sf.spectrum.y"))
        .y_axis_formatter(|mark, _| crate::ui::tick_label(libm::pow(10f64, mark.value)))
        .legend(crate::ui::legend(Corner::RightTop))
        .show(ui, |plot_ui| {
            run_lines(plot_ui, c, &series.spectra, prefs);
        });
}

/// One line per run (the small and the large batch), in the run's colour, named by its
/// batch.
fn run_lines<'a>(
    plot_ui: &mut egui_plot::PlotUi<'a>,
    c: &Comparison,
    curves: &'a [Vec<egui_plot::PlotPoint>],
    prefs: &Settings,
) {
    for (i, (run, points)) in c.runs.iter().zip(curves).enumerate() {
        plot_ui.line(
            Line::new(
                fill("sf.run_legend", &[&run_name(i), &run.batch]),
                PlotPoints::Borrowed(points),
            )
            .color(crate::ui::run_color(i, prefs.dark_theme))
            .width(prefs.path_width(2.2)),
        );
    }
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
    let curve = c.settings.sharpness_curve();
    let (title, tip) = if curve.preconditioned() {
        ("sf.lambda.precond_title", "sf.lambda.precond_tip")
    } else {
        ("sf.lambda.title", "sf.lambda.tip")
    };
    ui.label(RichText::new(tr(title)).strong().size(17.0))
        .on_hover_text(tr(tip));
    let dark = prefs.dark_theme;
    let mut hi = highest_y(series.lambda.iter().flatten()).map_or(0.0, |y| y.max(0.0));
    for &(edge, _) in &edges {
        if edge.is_finite() {
            hi = hi.max(edge);
        }
    }
    let steps = c.settings.steps as f64;
    crate::ui::still_plot("sharp_flat_lambda")
        .x_grid_spacer(crate::ui::nice_marks(80.0))
        .y_grid_spacer(crate::ui::nice_marks(30.0))
        .x_axis_label(tr("sf.step"))
        .y_axis_label(curve.axis())
        .legend(crate::ui::legend(Corner::LeftTop))
        .show(ui, |plot_ui| {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max(
                [0.0, 0.0],
                // Headroom above the edge line for the legend in the top-left corner.
                [steps.max(1.0), (hi * 1.45).max(1e-3)],
            ));
            run_lines(plot_ui, c, &series.lambda, prefs);
            for &(edge, run) in &edges {
                if !edge.is_finite() {
                    continue;
                }
                let color = run.map_or_else(
                    || crate::ui::loss_plot::ui_weak(dark),
                    |i| crate::ui::run_color(i, dark),
                );
                plot_ui.hline(
                    HLine::new(fill(curve.edge_key(), &[&fmt3(edge)]), edge)
                        .color(color)
                        .style(LineStyle::dashed_loose())
                        .width(1.5),
                );
            }
        });
}
