//! The Network lab's central area, four plots around one playback bar (the two on the right
//! can give their place to the network diagram, [`super::diagram_view`]):
//!
//! - **data**: the training points (filled) and test points (rings) coloured by class, over
//!   the network's decision boundary at the playback step of the selected run (for the sine:
//!   the fitted curve);
//! - **landscape**: the loss on the chosen plane through weight space, as a heatmap with
//!   contours and a colour bar, every run's path projected onto it up to the playback step,
//!   with progress while it is computed;
//! - **loss and accuracy**: train (solid) and test (dashed) loss against step, the space
//!   between them shaded for the selected run — the generalization gap —, and below it the
//!   accuracy;
//! - **off the plane**: a projected path is not the real path. The true training loss along
//!   each path against the surface value drawn under it, or the distance from the plane.

use crate::i18n::{fill, tr};
use egui::{Color32, Rect, RichText, Stroke, vec2};
use egui_plot::{
    AxisHints, Corner, HoverPosition, Line, LineStyle, MarkerShape, PlotBounds, PlotPoint,
    PlotPoints, Points, Polygon, VLine,
};

use super::{NetworkCommand, NetworkLab, Stage};
use crate::app::lab::Lab;
use crate::app::picture::TrainedRuns;
use crate::app::settings::Settings;
use crate::core::fmt3;
use crate::core::landscape::Layer;
use crate::preset::PlaneKind;
use crate::render::landscape::eigenvalue_text;

use crate::ui::landscape::{COLORBAR_WIDTH, colorbar_ui, draw_picture};
use crate::ui::loss_plot::{step_loss_plot, train_test_lines, ui_weak};
use crate::ui::playback::playback_ui;

/// Most quads the generalization-gap band is drawn with.
const BAND_QUADS: usize = 150;

/// Draws the Network lab's central area.
pub fn view_ui(
    ui: &mut egui::Ui,
    net: &NetworkLab,
    prefs: &Settings,
    cmds: &mut Vec<NetworkCommand>,
) {
    let last_step = net.last_step();
    egui::Panel::bottom("network_playback")
        .show(ui, |ui| playback_ui(ui, &net.playback, last_step, cmds));
    let area = ui.available_rect_before_wrap();
    let gap = 10.0;
    let left_width = (area.width() * 0.42).max(200.0);
    // The data and the landscape get half the height, the curves the other half: on a
    // 720-line projector the loss and accuracy plots stay legible.
    let top_height = (area.height() * 0.5).max(160.0);
    let left = Rect::from_min_size(area.min, vec2(left_width - gap * 0.5, area.height()));
    let right = Rect::from_min_max(
        egui::pos2(area.min.x + left_width + gap * 0.5, area.min.y),
        area.max,
    );
    let (data_rect, loss_rect) = split_rows(left, top_height, gap);
    // Above the right half: which view it shows, the landscape or the network diagram.
    let switch_rect = Rect::from_min_size(right.min, vec2(right.width(), VIEW_SWITCH_HEIGHT));
    let right = Rect::from_min_max(
        egui::pos2(right.min.x, right.min.y + VIEW_SWITCH_HEIGHT + 4.0),
        right.max,
    );
    crate::ui::widgets::in_rect(ui, switch_rect, |ui| view_switch_ui(ui, net, cmds));
    // Each with its name among a slow frame's parts (crate::app::frame_parts).
    let mut quadrants: Vec<(Rect, &'static str, Quadrant)> = vec![
        (data_rect, "data view", super::data_view::data_ui),
        (loss_rect, "curves", loss_ui),
    ];
    if net.experiment.view.diagram {
        quadrants.push((right, "diagram", super::diagram_view::diagram_ui));
    } else {
        let (landscape_rect, honesty_rect) =
            split_rows(right, top_height - VIEW_SWITCH_HEIGHT, gap);
        quadrants.push((landscape_rect, "landscape", landscape_ui));
        quadrants.push((honesty_rect, "off the plane", honesty_ui));
    }
    for (rect, name, draw) in quadrants {
        crate::app::frame_parts::part("network", name, || {
            crate::ui::widgets::in_rect(ui, rect, |ui| draw(ui, net, prefs));
        });
    }
    ui.allocate_rect(area, egui::Sense::hover());
}

/// Height of the strip above the right half that switches its view.
const VIEW_SWITCH_HEIGHT: f32 = 30.0;

/// The landscape (with the off-the-plane plot) or the network diagram on the right.
fn view_switch_ui(ui: &mut egui::Ui, net: &NetworkLab, cmds: &mut Vec<NetworkCommand>) {
    let on = net.experiment.view.diagram;
    ui.horizontal(|ui| {
        let views = [
            (false, "net.view.landscape", "net.view.landscape.tip"),
            (true, "net.view.diagram", "net.view.diagram.tip"),
        ];
        for (diagram, label, tip) in views {
            let text = RichText::new(tr(label)).size(16.0);
            if ui
                .selectable_label(on == diagram, text)
                .on_hover_text(tr(tip))
                .clicked()
                && on != diagram
            {
                cmds.push(NetworkCommand::SetDiagram(diagram));
            }
        }
    });
}

/// The plane in 3-D: the loss on the plane and the projected runs up to the playback step.
fn three_d_ui(ui: &mut egui::Ui, net: &NetworkLab, prefs: &Settings) {
    crate::ui::surface3d::runs_3d_ui(
        ui,
        "network",
        net.picture.as_ref(),
        net.trained.as_ref(),
        net.cursor_step(),
        prefs,
        ["α", "β"],
    );
}

/// One of the four plots of the lab.
type Quadrant = fn(&mut egui::Ui, &NetworkLab, &Settings);

/// `rect` cut into a top part of `top` points and the rest, `gap` apart.
fn split_rows(rect: Rect, top: f32, gap: f32) -> (Rect, Rect) {
    let top = top.min(rect.height() - gap - 60.0).max(60.0);
    let upper = Rect::from_min_size(rect.min, vec2(rect.width(), top - gap * 0.5));
    let lower = Rect::from_min_max(
        egui::pos2(rect.min.x, rect.min.y + top + gap * 0.5),
        rect.max,
    );
    (upper, lower)
}

fn loss_ui(ui: &mut egui::Ui, net: &NetworkLab, prefs: &Settings) {
    let Some(trained) = &net.trained else {
        ui.centered_and_justified(|ui| ui.label(tr("net.training")));
        return;
    };
    let has_accuracy = net.accuracy.iter().any(|(train, _)| !train.is_empty());
    let height = ui.available_height();
    // On a small screen (a 720-line projector) the accuracy becomes one line of numbers at
    // the playback step instead of a plot too small to read.
    let accuracy_plot = has_accuracy && height >= 320.0;
    let loss_height = if accuracy_plot {
        height * 0.6
    } else if has_accuracy {
        height - 24.0
    } else {
        height
    };
    let log = trained.log_loss;
    let cursor = net.playback.cursor_step.floor();
    let dark = prefs.dark_theme;
    let selected = net.shown_run();
    let x_hi = trained.last_step.max(1) as f64;
    ui.label(RichText::new(tr("net.loss")).strong())
        .on_hover_text(tr("net.loss.tip"));
    if has_accuracy && !accuracy_plot {
        let at = |series: &[egui_plot::PlotPoint]| {
            series
                .iter()
                .take_while(|p| p.x <= cursor)
                .last()
                .map_or_else(|| "–".to_string(), |p| format!("{:.1}", p.y * 100.0))
        };
        if let Some((train, test)) = net.accuracy.get(selected) {
            let text = fill(
                "net.accuracy_now",
                &[&cursor, &(selected + 1), &at(train), &at(test)],
            );
            // One line: the plot below is sized for it.
            ui.add(egui::Label::new(text.as_str()).truncate())
                .on_hover_text(format!("{text}\n{}", tr("net.accuracy.tip")));
        }
    }
    ui.allocate_ui(vec2(ui.available_width(), loss_height - 24.0), |ui| {
        let plot = crate::ui::still_plot("network_loss")
            .x_axis_label(tr("common.axis.step"))
            .y_axis_label(if log {
                tr("common.axis.loss_log")
            } else {
                tr("common.axis.loss")
            })
            .legend(crate::ui::legend(Corner::LeftBottom));
        let [y_lo, y_hi] = net.loss_range;
        step_loss_plot(plot, log).show(ui, |plot_ui| {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max([0.0, y_lo], [x_hi, y_hi]));
            if let (Some(train), Some(test)) = (
                trained.train_curves.get(selected),
                trained.test_curves.get(selected),
            ) {
                // The band between the curves as thin quads (one polygon would be concave and
                // egui_plot fills polygons as convex fans).
                let fill = crate::ui::run_color(selected, dark).gamma_multiply(0.22);
                let n = train.len().min(test.len());
                let stride = n.div_ceil(BAND_QUADS).max(1);
                let mut k = 0;
                while k + 1 < n {
                    let next = (k + stride).min(n - 1);
                    let quad = vec![
                        [train[k].x, train[k].y],
                        [train[next].x, train[next].y],
                        [test[next].x, test[next].y],
                        [test[k].x, test[k].y],
                    ];
                    plot_ui.polygon(
                        Polygon::new("", quad)
                            .fill_color(fill)
                            .stroke(Stroke::NONE)
                            .allow_hover(false),
                    );
                    k = next;
                }
            }
            let pairs = trained.train_curves.iter().zip(&trained.test_curves);
            run_pairs(plot_ui, pairs, trained, cursor, prefs);
        });
    });
    if !accuracy_plot {
        return;
    }
    ui.label(RichText::new(tr("net.accuracy")).strong())
        .on_hover_text(tr("net.accuracy.tip"));
    crate::ui::still_plot("network_accuracy")
        .x_axis_label(tr("common.axis.step"))
        .y_axis_label(tr("net.accuracy_axis"))
        .label_formatter(|hover| {
            let p = match hover {
                HoverPosition::NearDataPoint { position, .. }
                | HoverPosition::Elsewhere { position } => *position,
            };
            Some(fill(
                "common.hover.step_accuracy",
                &[&format!("{:.0}", p.x), &format!("{:.1}", p.y * 100.0)],
            ))
        })
        .y_axis_formatter(|mark, _| format!("{:.0} %", mark.value * 100.0))
        .y_grid_spacer(crate::ui::percent_marks())
        .show(ui, |plot_ui| {
            let lo = net
                .accuracy
                .iter()
                .flat_map(|(a, b)| a.iter().chain(b))
                .map(|p| p.y)
                .fold(1.0_f64, f64::min);
            let floor = ((lo * 10.0).floor() / 10.0).clamp(0.0, 0.9);
            // Room above 100 % for its label.
            let top = 1.0 + 0.06 * (1.0 - floor);
            plot_ui.set_plot_bounds(PlotBounds::from_min_max([0.0, floor], [x_hi, top]));
            let pairs = net.accuracy.iter().map(|(train, test)| (train, test));
            run_pairs(plot_ui, pairs, trained, cursor, prefs);
        });
}

/// Each run's training (solid) and test (dashed) curve in its colour, and the playback line
/// at step `cursor`.
fn run_pairs<'a>(
    plot_ui: &mut egui_plot::PlotUi<'a>,
    pairs: impl Iterator<Item = (&'a Vec<PlotPoint>, &'a Vec<PlotPoint>)>,
    trained: &TrainedRuns,
    cursor: f64,
    prefs: &Settings,
) {
    let dark = prefs.dark_theme;
    for (i, (train, test)) in pairs.enumerate() {
        let color = crate::ui::run_color(i, dark);
        let name = trained.legend(i);
        train_test_lines(
            plot_ui,
            [name.clone(), name],
            [train, test],
            [color, color],
            prefs.path_width(2.0),
        );
    }
    plot_ui.vline(VLine::new("", cursor).color(ui_weak(dark)).width(1.5));
}

fn plane_axes(net: &NetworkLab) -> (String, String) {
    match (
        net.experiment.view.plane,
        net.plane.as_ref().and_then(|p| p.explained_variance_ratio),
    ) {
        (PlaneKind::Pca, Some([a, b])) => (
            fill("net.pc1", &[&format!("{:.1}", a * 100.0)]),
            format!("PC2 ({:.1} %)", b * 100.0),
        ),
        (PlaneKind::Solutions, _) => (
            tr("net.alpha_solutions").to_string(),
            tr("net.beta_solutions").to_string(),
        ),
        (PlaneKind::Hessian, _) => {
            let [l1, l2] = net
                .plane
                .as_ref()
                .and_then(|p| p.projection.eigenvalues)
                .unwrap_or([f64::NAN; 2]);
            (
                fill("net.alpha_hessian", &[&eigenvalue_text(l1)]),
                fill("net.beta_hessian", &[&eigenvalue_text(l2)]),
            )
        }
        _ => (
            tr("net.alpha_random").to_string(),
            tr("net.beta_random").to_string(),
        ),
    }
}

fn landscape_ui(ui: &mut egui::Ui, net: &NetworkLab, prefs: &Settings) {
    let e = &net.experiment;
    let layer_name = match e.view.layer {
        Layer::Train => tr("net.layer_train"),
        Layer::Test => tr("net.layer_test"),
        Layer::Gap => tr("net.gap"),
    };
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(fill("net.landscape", &[&layer_name]))
                .strong()
                .size(18.0),
        );
        match net.stage {
            Stage::Idle => {}
            Stage::Training => {
                ui.spinner();
                ui.label(tr("net.training_lower"));
            }
            Stage::Plane => {
                ui.spinner();
                ui.label(tr("net.projecting"));
            }
            Stage::Landscape(f) => {
                ui.add(crate::ui::progress_bar(f))
                    .on_hover_text(tr("net.landscape_progress.tip"));
            }
        }
        crate::ui::surface3d::toggle_ui(ui, "network");
    });
    if let Some(error) = &net.error {
        ui.colored_label(ui.visuals().error_fg_color, crate::ui::printable(error));
    }
    let (x_label, y_label) = plane_axes(net);
    let size = ui.available_size();
    let spacing = ui.spacing().item_spacing.x;
    let plot_width = (size.x - COLORBAR_WIDTH - 2.0 * spacing).max(100.0);
    let dark = prefs.dark_theme;
    let cursor = net.cursor_step();
    let picture = net.picture.as_ref();
    ui.horizontal(|ui| {
        ui.allocate_ui(vec2(plot_width, size.y), |ui| {
            ui.set_max_width(plot_width);
            if crate::ui::surface3d::is_on(ui.ctx(), "network") {
                three_d_ui(ui, net, prefs);
                return;
            }
            // The view's range in plane coordinates (the Hessian plane's counts in steps of
            // √(2/λ₁)); the range as given until the plane has arrived.
            let scaled = |range| {
                net.plane
                    .as_ref()
                    .map_or(range, |p| p.projection.scaled_range(range))
            };
            let [x0, x1] = scaled(e.view.x);
            let [y0, y1] = scaled(e.view.y);
            let grid = picture.map(|p| &p.grid);
            crate::ui::still_plot("network_landscape")
                .custom_x_axes(vec![
                    AxisHints::new_x()
                        .label(x_label)
                        .formatter(|mark, _| crate::ui::tick_label(mark.value)),
                ])
                .custom_y_axes(vec![
                    AxisHints::new_y()
                        .label(y_label)
                        .formatter(|mark, _| crate::ui::tick_label(mark.value)),
                ])
                .show_grid(false)
                .set_margin_fraction(egui::Vec2::ZERO)
                .label_formatter(move |hover| {
                    let (name, p) = crate::ui::hovered(hover);
                    let value = grid.and_then(|g| g.value_near([p.x, p.y]));
                    let value = value
                        .map_or_else(String::new, |v| fill("common.hover.nearest", &[&fmt3(v)]));
                    Some(format!("{name}α = {}, β = {}{value}", fmt3(p.x), fmt3(p.y)))
                })
                .show(ui, |plot_ui| {
                    plot_ui.set_plot_bounds(PlotBounds::from_min_max([x0, y0], [x1, y1]));
                    if let Some(picture) = picture {
                        draw_picture(plot_ui, picture);
                    }
                    let Some(trained) = &net.trained else {
                        return;
                    };
                    for (i, path) in trained.paths.iter().enumerate() {
                        let Some(first) = path.first() else {
                            continue;
                        };
                        let color = crate::ui::run_color(i, dark);
                        let name = trained.legend(i);
                        let k = cursor.min(path.len() - 1);
                        plot_ui.line(
                            Line::new(name.clone(), PlotPoints::Borrowed(&path[..=k]))
                                .color(color)
                                .width(prefs.path_width(2.5)),
                        );
                        plot_ui.points(
                            Points::new("", vec![[first.x, first.y]])
                                .shape(MarkerShape::Circle)
                                .filled(false)
                                .radius(7.0)
                                .color(if dark { Color32::WHITE } else { Color32::BLACK }),
                        );
                        let p = path[k];
                        plot_ui.points(
                            Points::new(name.clone(), vec![[p.x, p.y]])
                                .shape(MarkerShape::Circle)
                                .filled(true)
                                .radius(6.0)
                                .color(color),
                        );
                        let diverged = trained.trajectories.get(i).is_some_and(|t| t.diverged());
                        if diverged && k == path.len() - 1 {
                            plot_ui.points(
                                Points::new(name, vec![[p.x, p.y]])
                                    .shape(MarkerShape::Cross)
                                    .radius(10.0)
                                    .color(color),
                            );
                        }
                    }
                });
        });
        if let Some(picture) = picture {
            colorbar_ui(
                ui,
                picture,
                prefs.colormap,
                vec2(COLORBAR_WIDTH, size.y - 30.0),
            );
        }
    });
}

fn honesty_ui(ui: &mut egui::Ui, net: &NetworkLab, prefs: &Settings) {
    let (Some(trained), Some(plane)) = (&net.trained, &net.plane) else {
        return;
    };
    let run = net.shown_run();
    let cursor = net.cursor_step();
    // The distance is of the weights kept at or before the cursor: say which step that is.
    let measured_at = net
        .network
        .as_ref()
        .and_then(|n| n.trajectories.get(run))
        .map_or(cursor, |t| t.stored_step(cursor));
    let distance = plane
        .distances
        .get(run)
        .and_then(|d| d.get(cursor.min(d.len().saturating_sub(1))))
        .copied();
    ui.horizontal(|ui| {
        ui.label(RichText::new(tr("net.honesty")).strong())
            .on_hover_text(tr("net.honesty.tip"));
    });
    if let Some(d) = distance {
        let relative = if plane.final_norm > 0.0 {
            fill(
                "net.share_of_final",
                &[&format!("{:.1}", 100.0 * d / plane.final_norm)],
            )
        } else {
            String::new()
        };
        ui.label(fill(
            "net.distance",
            &[&(run + 1), &measured_at, &fmt3(d), &relative],
        ))
        .on_hover_text(tr("net.distance.tip"));
    }
    let log = trained.log_loss;
    let dark = prefs.dark_theme;
    let plot = crate::ui::still_plot("network_honesty")
        .x_axis_label(tr("common.axis.step"))
        .y_axis_label(if log {
            tr("net.train_loss_log")
        } else {
            tr("net.layer_train")
        });
    step_loss_plot(plot, log).show(ui, |plot_ui| {
        for (i, curve) in trained.train_curves.iter().enumerate() {
            let color = crate::ui::run_color(i, dark);
            plot_ui.line(
                Line::new(
                    fill("net.run_true", &[&(i + 1)]),
                    PlotPoints::Borrowed(curve),
                )
                .color(color)
                .width(prefs.path_width(2.0)),
            );
            if let Some(under) = plane.plane_loss_curves.get(i) {
                plot_ui.line(
                    Line::new(
                        fill("net.run_plane", &[&(i + 1)]),
                        PlotPoints::Borrowed(under),
                    )
                    .color(color)
                    .width(prefs.path_width(2.0))
                    .style(LineStyle::dotted_dense()),
                );
            }
        }
        plot_ui.vline(
            VLine::new("", cursor as f64)
                .color(ui_weak(dark))
                .width(1.5),
        );
    });
}
