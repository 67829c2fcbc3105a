//! The landscape: the loss surface as a heatmap with contour lines, the racing runs (trail up
//! to the playback step, a filled circle at the current point, a ring at the start, a cross
//! where a diverged run left the finite world) and a colour bar in loss units. The legend
//! lives in the loss plot beside it, where it cannot hide a start point.
//! Hovering reads θ₁, θ₂ and the loss at the pointer (evaluated directly, it is cheap); a
//! click moves the start point.

use crate::i18n::tr;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, vec2};
use egui_plot::{
    AxisHints, HoverPosition, Line, MarkerShape, Plot, PlotBounds, PlotImage, PlotPoint,
    PlotPoints, PlotTransform, Points,
};

use crate::app::command::Command;
use crate::app::state::{Session, SurfacePicture, ViewState};
use crate::core::fmt3;
use crate::core::landscape::{Layer, surface_cell};
use crate::ui::heatmap::{ColorScale, color_at};

/// Width of the colour bar column, in points.
pub(crate) const COLORBAR_WIDTH: f32 = 88.0;

/// Draws the landscape and its colour bar.
///
/// Returns the plot's transform (plot to screen) of this frame.
pub fn landscape_ui(
    ui: &mut egui::Ui,
    session: &Session,
    view: &ViewState,
    cmds: &mut Vec<Command>,
) -> Option<PlotTransform> {
    let e = &session.experiment;
    let kind = e.problem.surface.kind;
    let title = match &e.problem.surface.formula {
        // A typed surface is named by its formula (shortened to fit the header).
        Some(formula) => {
            let text = super::printable(formula.source());
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
        if let Some(layer) = super::controls::layer_combo_ui(
            ui,
            None,
            "layer_header",
            e.view.layer,
            titles,
            tr("pg.land.layer.tip"),
        ) {
            cmds.push(Command::SetLayer(layer));
        }
        ui.label(egui::RichText::new(tr("pg.land.click")).color(ui.visuals().weak_text_color()));
        super::surface3d::toggle_ui(ui, "playground");
    });
    let three_d = super::surface3d::is_on(ui.ctx(), "playground");
    let size = ui.available_size();
    let spacing = ui.spacing().item_spacing.x;
    let plot_width = (size.x - COLORBAR_WIDTH - 2.0 * spacing).max(100.0);
    ui.horizontal(|ui| {
        let transform = ui
            .allocate_ui(vec2(plot_width, size.y), |ui| {
                ui.set_max_width(plot_width);
                if three_d {
                    super::surface3d::playground_3d_ui(ui, session, view);
                    return None;
                }
                landscape_plot_ui(ui, session, view, cmds)
            })
            .inner;
        if let Some(picture) = &session.picture {
            colorbar_ui(
                ui,
                picture,
                view.colormap,
                vec2(COLORBAR_WIDTH, size.y - 30.0),
            );
        }
        transform
    })
    .inner
}

fn landscape_plot_ui(
    ui: &mut egui::Ui,
    session: &Session,
    view: &ViewState,
    cmds: &mut Vec<Command>,
) -> Option<PlotTransform> {
    let e = &session.experiment;
    let [x0, x1] = e.view.x;
    let [y0, y1] = e.view.y;
    let problem = &session.problem;
    let layer = e.view.layer;
    let dark = view.dark_theme;
    let trained = session.trained.as_ref();
    let cursor = view.cursor_step.max(0.0).floor() as usize;

    let response = Plot::new("landscape")
        .custom_x_axes(vec![
            AxisHints::new_x()
                .label("θ₁")
                .label_spacing(40.0..=56.0)
                .formatter(|mark, _| super::tick_label(mark.value)),
        ])
        .custom_y_axes(vec![
            AxisHints::new_y()
                .label("θ₂")
                .label_spacing(30.0..=44.0)
                .formatter(|mark, _| super::tick_label(mark.value)),
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
            if let Some(picture) = &session.picture {
                draw_picture(plot_ui, picture);
            }
            let start = e.training.start;
            if let Some(trained) = trained {
                for (i, path) in trained.paths.iter().enumerate() {
                    if path.is_empty() {
                        continue;
                    }
                    let color = super::run_color(i, dark);
                    let name = trained.legend(i);
                    let k = cursor.min(path.len() - 1);
                    plot_ui.line(
                        Line::new(name.clone(), PlotPoints::Borrowed(&path[..=k]))
                            .color(color)
                            .width(view.path_width(2.5)),
                    );
                    let p = path[k];
                    plot_ui.points(
                        Points::new(name.clone(), vec![[p.x, p.y]])
                            .shape(MarkerShape::Circle)
                            .filled(true)
                            .radius(view.path_width(6.0))
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
    if response.response.clicked()
        && let Some(p) = response.inner
    {
        cmds.push(Command::SetStart([p.x, p.y]));
    }
    Some(response.transform)
}

/// The heatmap image of a picture and its contour lines, inside a plot.
pub(crate) fn draw_picture<'a>(plot_ui: &mut egui_plot::PlotUi<'a>, picture: &'a SurfacePicture) {
    let spec = picture.grid.spec;
    // Pixel j is centred on sample j: the image reaches half a cell past the ends.
    let w = (spec.x[1] - spec.x[0]) * spec.nx as f64 / (spec.nx.max(2) - 1) as f64;
    let h = (spec.y[1] - spec.y[0]) * spec.ny as f64 / (spec.ny.max(2) - 1) as f64;
    let center = PlotPoint::new(0.5 * (spec.x[0] + spec.x[1]), 0.5 * (spec.y[0] + spec.y[1]));
    #[allow(clippy::cast_possible_truncation)]
    plot_ui.image(
        PlotImage::new("", picture.texture.id(), center, vec2(w as f32, h as f32))
            .allow_hover(false),
    );
    let contour_color = if picture.grid.layer == Layer::Gap {
        Color32::from_black_alpha(90)
    } else {
        Color32::from_white_alpha(70)
    };
    for line in &picture.contours {
        plot_ui.line(
            Line::new("", PlotPoints::Borrowed(line))
                .color(contour_color)
                .width(0.8)
                .allow_hover(false),
        );
    }
}

/// A vertical colour bar with ticks labelled in loss units.
pub(crate) fn colorbar_ui(
    ui: &mut egui::Ui,
    picture: &SurfacePicture,
    colormap: crate::ui::heatmap::ColorMap,
    size: egui::Vec2,
) {
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect.expand(2.0));
    let text_color = ui.visuals().text_color();
    let font = FontId::proportional(14.0);
    let bar = Rect::from_min_max(
        Pos2::new(rect.left() + 4.0, rect.top() + 28.0),
        Pos2::new(rect.left() + 22.0, rect.bottom() - 34.0),
    );
    let unit = match (picture.grid.layer, picture.scale) {
        (Layer::Gap, _) => tr("common.axis.gap"),
        (_, ColorScale::Log { .. }) => tr("common.axis.loss_log"),
        _ => tr("common.axis.loss"),
    };
    painter.text(
        Pos2::new(rect.left() + 2.0, rect.top() + 4.0),
        Align2::LEFT_TOP,
        unit,
        font.clone(),
        text_color,
    );
    let strips = 96;
    for s in 0..strips {
        let t0 = s as f32 / strips as f32;
        let t1 = (s + 1) as f32 / strips as f32;
        let strip = Rect::from_min_max(
            Pos2::new(bar.left(), bar.bottom() - t1 * bar.height()),
            Pos2::new(bar.right(), bar.bottom() - t0 * bar.height() + 0.5),
        );
        let t = f64::from((t0 + t1) * 0.5);
        painter.rect_filled(strip, 0.0, color_at(colormap, &picture.scale, t));
    }
    painter.rect_stroke(
        bar,
        0.0,
        Stroke::new(1.0, ui.visuals().weak_text_color()),
        egui::StrokeKind::Outside,
    );
    let mut last_label = String::new();
    for (t, value) in ticks(&picture.scale) {
        // A narrow log scale puts several ticks within 3 significant digits of each other:
        // one label each.
        let label = super::tick_label(value);
        if label == last_label {
            continue;
        }
        last_label.clone_from(&label);
        #[allow(clippy::cast_possible_truncation)]
        let y = bar.bottom() - (t as f32) * bar.height();
        painter.line_segment(
            [Pos2::new(bar.right(), y), Pos2::new(bar.right() + 5.0, y)],
            Stroke::new(1.0, text_color),
        );
        painter.text(
            Pos2::new(bar.right() + 8.0, y),
            Align2::LEFT_CENTER,
            label,
            font.clone(),
            text_color,
        );
    }
}

fn ticks(scale: &ColorScale) -> Vec<(f64, f64)> {
    scale.ticks()
}
