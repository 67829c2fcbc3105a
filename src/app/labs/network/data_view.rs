//! The Network lab's data picture: the training dots and test rings by class over the
//! network's prediction at the playback step of the shown run (the class colour where it is
//! sure, grey where it is not), or the fitted curve of a regression network.

use crate::i18n::{fill, tr};
use egui::{Color32, RichText, vec2};
use egui_plot::{Line, MarkerShape, PlotBounds, PlotImage, PlotPoint, PlotPoints, Points};

use super::{NetworkLab, class_color};
use crate::app::settings::Settings;

pub(super) fn data_ui(ui: &mut egui::Ui, net: &NetworkLab, prefs: &Settings) {
    let data = &net.data;
    let title = if data.regression {
        tr("net.data_curve")
    } else {
        tr("net.data_boundary")
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new(title).strong().size(18.0));
        let at = net
            .boundary
            .as_ref()
            .map_or_else(String::new, |b| fill("net.at", &[&(b.run + 1), &b.step]));
        ui.add(
            egui::Label::new(RichText::new(at).color(ui.visuals().weak_text_color())).truncate(),
        )
        .on_hover_text(tr("net.at.tip"));
        ui.add(
            egui::Label::new(RichText::new(tr("net.legend")).color(ui.visuals().weak_text_color()))
                .truncate(),
        )
        .on_hover_text(tr("net.legend.tip"));
    });
    if net.trained.is_none() {
        ui.centered_and_justified(|ui| ui.label(tr("net.training")));
        return;
    }
    let [x0, x1] = data.x;
    let [y0, y1] = data.y;
    let size = ui.available_size();
    let plot = crate::ui::still_plot("network_data")
        .width(size.x)
        .height(size.y)
        .x_axis_label(if data.regression { "x" } else { "x₁" })
        .y_axis_label(if data.regression { "y" } else { "x₂" })
        .show_grid(false)
        .set_margin_fraction(egui::Vec2::ZERO);
    let dark = prefs.dark_theme;
    plot.show(ui, |plot_ui| {
        plot_ui.set_plot_bounds(PlotBounds::from_min_max([x0, y0], [x1, y1]));
        if let Some(boundary) = &net.boundary {
            if let Some(texture) = &boundary.texture {
                #[allow(clippy::cast_possible_truncation)]
                plot_ui.image(
                    PlotImage::new(
                        "",
                        texture.id(),
                        PlotPoint::new(0.5 * (x0 + x1), 0.5 * (y0 + y1)),
                        vec2((x1 - x0) as f32, (y1 - y0) as f32),
                    )
                    .allow_hover(false),
                );
            }
            if !boundary.curve.is_empty() {
                plot_ui.line(
                    Line::new(tr("net.fit"), PlotPoints::Borrowed(&boundary.curve))
                        .color(crate::ui::run_color(boundary.run, dark))
                        .width(3.0),
                );
            }
        }
        let outline = if dark {
            Color32::from_gray(20)
        } else {
            Color32::from_gray(250)
        };
        for (c, points) in data.train.iter().enumerate() {
            if points.is_empty() {
                continue;
            }
            let color = if data.regression {
                crate::ui::run_color(7, dark)
            } else {
                class_color(c)
            };
            let name = if data.regression {
                tr("net.train_points").to_string()
            } else {
                fill("net.class_train", &[&c])
            };
            plot_ui.points(
                Points::new("", PlotPoints::Borrowed(points))
                    .radius(4.5)
                    .filled(true)
                    .color(outline)
                    .allow_hover(false),
            );
            plot_ui.points(
                Points::new(name, PlotPoints::Borrowed(points))
                    .radius(3.2)
                    .filled(true)
                    .color(color),
            );
        }
        for (c, points) in data.test.iter().enumerate() {
            if points.is_empty() {
                continue;
            }
            let color = if data.regression {
                crate::ui::run_color(7, dark).gamma_multiply(0.7)
            } else {
                class_color(c)
            };
            let name = if data.regression {
                tr("net.test_points").to_string()
            } else {
                fill("net.class_test", &[&c])
            };
            plot_ui.points(
                Points::new(name, PlotPoints::Borrowed(points))
                    .shape(MarkerShape::Circle)
                    .radius(3.0)
                    .filled(false)
                    .color(color),
            );
        }
    });
}
