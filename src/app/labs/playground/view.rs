//! The landscape: the loss surface as a heatmap with contour lines, the racing runs (trail up
//! to the playback step, a filled circle at the current point, a ring at the start, a cross
//! where a diverged run left the finite world) and a colour bar in loss units. The legend
//! lives in the loss plot beside it, where it cannot hide a start point.
//! Hovering reads θ₁, θ₂ and the loss at the pointer (evaluated directly, it is cheap); a
//! click moves the start point.

use crate::i18n::tr;
use egui::{Color32, vec2};
use egui_plot::{
    AxisHints, HoverPosition, Line, MarkerShape, Plot, PlotBounds, PlotPoints, PlotTransform,
    Points,
};

use crate::app::settings::Settings;
use crate::core::fmt3;
use crate::core::landscape::{Layer, surface_cell};
use crate::ui::landscape::{COLORBAR_WIDTH, colorbar_ui, draw_picture};
use crate::ui::{playback, printable, run_color, surface3d, tick_label, widgets};

use super::{Playground, PlaygroundCommand};

/// The Playground's centre: the playback bar at the bottom, the loss plot at the right and
/// the landscape in the middle. Returns the landscape plot's transform of this frame.
pub fn view_ui(
    ui: &mut egui::Ui,
    pg: &Playground,
    prefs: &Settings,
    cmds: &mut Vec<PlaygroundCommand>,
) -> Option<PlotTransform> {
    let last_step = crate::app::lab::Lab::last_step(pg);
    egui::Panel::bottom("playback").show(ui, |ui| {
        playback::playback_ui(ui, &pg.playback, last_step, cmds)
    });
    let loss_width = (ui.available_width() * 0.36).clamp(260.0, 560.0);
    // At most half of the figures' width, whatever width was remembered (a larger UI scale
    // or the Explain panel shrinks the room): the landscape stays the largest.
    let loss_max = (ui.available_width() * 0.5).max(200.0);
    egui::Panel::right("loss_plot")
        .default_size(loss_width.min(loss_max))
        .size_range(200.0..=loss_max)
        .resizable(true)
        .show(ui, |ui| super::loss::loss_plot_ui(ui, pg, prefs));
    egui::CentralPanel::default()
        .show(ui, |ui| landscape_ui(ui, pg, prefs, cmds))
        .inner
}

/// The landscape in 3-D: the picture on screen and every run up to the playback step.
fn three_d_ui(ui: &mut egui::Ui, pg: &Playground, prefs: &Settings) {
    surface3d::runs_3d_ui(
        ui,
        "playground",
        pg.picture.as_ref(),
        pg.trained.as_ref(),
        pg.cursor_step(),
        prefs,
        ["θ₁", "θ₂"],
    );
}

/// Draws the landscape and its colour bar.
///
/// Returns the plot's transform (plot to screen) of this frame.
fn landscape_ui(
    ui: &mut egui::Ui,
    pg: &Playground,
    prefs: &Settings,
    cmds: &mut Vec<PlaygroundCommand>,
) -> Option<PlotTransform> {
    let e = &pg.experiment;
    let kind = e.problem.surface.kind;
    let title = match &e.problem.surface.formula {
        // A typed surface is named by its formula (shortened to fit the header).
        Some(formula) => {
            let text = printable(formula.source());
            if text.chars().count() > 48 {
                format!("f = {}…", text.chars().take(47).collect::<String>())
            } else {
                format!("f = {text}")
            }
        }
        None if kind.title().is_empty() => kind.name().to_string(),
        None => kind.title().to_string(),
    };
    let layer_name = |layer: Layer| match layer {
        Layer::Train => tr("net.layer_train"),
        Layer::Test => tr("net.layer_test"),
        Layer::Gap => tr("net.gap"),
    };
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(title).strong().size(18.0));
        // The layer picker again, where the eye is (the View group may be scrolled away).
        let titles = [
            layer_name(Layer::Train),
            layer_name(Layer::Test),
            layer_name(Layer::Gap),
        ];
        if let Some(layer) = widgets::layer_combo_ui(
            ui,
            None,
            "layer_header",
            e.view.layer,
            titles,
            tr("pg.land.layer.tip"),
        ) {
            cmds.push(PlaygroundCommand::SetLayer(layer));
        }
        ui.label(egui::RichText::new(tr("pg.land.click")).color(ui.visuals().weak_text_color()));
        surface3d::toggle_ui(ui, "playground");
    });
    let three_d = surface3d::is_on(ui.ctx(), "playground");
    let size = ui.available_size();
    let spacing = ui.spacing().item_spacing.x;
    let plot_width = (size.x - COLORBAR_WIDTH - 2.0 * spacing).max(100.0);
    ui.horizontal(|ui| {
        let transform = ui
            .allocate_ui(vec2(plot_width, size.y), |ui| {
                ui.set_max_width(plot_width);
                if three_d {
                    three_d_ui(ui, pg, prefs);
                    return None;
                }
                landscape_plot_ui(ui, pg, prefs, cmds)
            })
            .inner;
        if let Some(picture) = &pg.picture {
            colorbar_ui(
                ui,
                picture,
                prefs.colormap,
                vec2(COLORBAR_WIDTH, size.y - 30.0),
            );
        }
        transform
    })
    .inner
}

fn landscape_plot_ui(
    ui: &mut egui::Ui,
    pg: &Playground,
    prefs: &Settings,
    cmds: &mut Vec<PlaygroundCommand>,
) -> Option<PlotTransform> {
    let e = &pg.experiment;
    let [x0, x1] = e.view.x;
    let [y0, y1] = e.view.y;
    let problem = &pg.problem;
    let layer = e.view.layer;
    let dark = prefs.dark_theme;
    let trained = pg.trained.as_ref();
    let cursor = pg.cursor_step();

    let response = Plot::new("landscape")
        .custom_x_axes(vec![
            AxisHints::new_x()
                .label("θ₁")
                .label_spacing(40.0..=56.0)
                .formatter(|mark, _| tick_label(mark.value)),
        ])
        .custom_y_axes(vec![
            AxisHints::new_y()
                .label("θ₂")
                .label_spacing(30.0..=44.0)
                .formatter(|mark, _| tick_label(mark.value)),
        ])
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid(false)
        .set_margin_fraction(egui::Vec2::ZERO)
        .label_formatter(move |hover| {
            let (run, position) = match hover {
                HoverPosition::NearDataPoint {
                    plot_name,
                    position,
                    ..
                } => (*plot_name, *position),
                HoverPosition::Elsewhere { position } => ("", *position),
            };
            let loss = surface_cell(problem, layer, [position.x, position.y]);
            let what = match layer {
                Layer::Train => tr("net.layer_train"),
                Layer::Test => tr("net.layer_test"),
                Layer::Gap => tr("pg.land.gap_short"),
            };
            let head = if run.is_empty() {
                String::new()
            } else {
                format!("{run}\n")
            };
            Some(format!(
                "{head}θ₁ = {}, θ₂ = {}\n{what} = {}",
                fmt3(position.x),
                fmt3(position.y),
                fmt3(loss)
            ))
        })
        .show(ui, |plot_ui| {
            plot_ui.set_plot_bounds(PlotBounds::from_min_max([x0, y0], [x1, y1]));
            if let Some(picture) = &pg.picture {
                draw_picture(plot_ui, picture);
            }
            let start = e.training.start;
            if let Some(trained) = trained {
                for (i, path) in trained.paths.iter().enumerate() {
                    if path.is_empty() {
                        continue;
                    }
                    let color = run_color(i, dark);
                    let name = trained.legend(i);
                    let k = cursor.min(path.len() - 1);
                    plot_ui.line(
                        Line::new(name.clone(), PlotPoints::Borrowed(&path[..=k]))
                            .color(color)
                            .width(prefs.path_width(2.5)),
                    );
                    let p = path[k];
                    plot_ui.points(
                        Points::new(name.clone(), vec![[p.x, p.y]])
                            .shape(MarkerShape::Circle)
                            .filled(true)
                            .radius(prefs.path_width(6.0))
                            .color(color),
                    );
                    let diverged = trained.trajectories.get(i).is_some_and(|t| t.diverged());
                    if diverged && cursor >= path.len() - 1 {
                        plot_ui.points(
                            Points::new(name, vec![[p.x, p.y]])
                                .shape(MarkerShape::Cross)
                                .radius(10.0)
                                .color(color),
                        );
                    }
                }
            }
            plot_ui.points(
                Points::new("", vec![start])
                    .shape(MarkerShape::Circle)
                    .filled(false)
                    .radius(8.0)
                    .color(if dark { Color32::WHITE } else { Color32::BLACK }),
            );
            plot_ui.pointer_coordinate()
        });
    super::overlays::paint(
        ui,
        pg,
        response.response.rect,
        &response.transform,
        prefs.path_width(2.5),
    );
    super::overlays::step_panel_ui(ui.ctx(), pg, response.response.rect, cmds);
    if response.response.clicked()
        && let Some(p) = response.inner
    {
        cmds.push(PlaygroundCommand::SetStart([p.x, p.y]));
    }
    Some(response.transform)
}
