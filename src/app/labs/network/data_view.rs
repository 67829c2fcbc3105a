//! The Network lab's data picture: the training dots and test rings by class over the
//! network's prediction at the playback step of the shown run (the class colour where it is
//! sure, grey where it is not), or the fitted curve of a regression network; for images (the
//! digits) a gallery of test images with the predicted class, wrong ones marked, beside the
//! confusion matrix of the whole test set; for other data of more than two features the test
//! points on the first two principal components of the training inputs, filled with their
//! true class and ringed with the predicted one (no decision boundary: the plane of the
//! picture is not the network's input).

use crate::i18n::{fill, tr};
use egui::{Align2, Color32, FontId, Rect, RichText, Sense, Stroke, StrokeKind, pos2, vec2};
use egui_plot::{Line, MarkerShape, PlotBounds, PlotImage, PlotPoint, PlotPoints, Points};

use super::gallery::{COLUMNS, GalleryImages, GalleryPrediction};
use super::{NetworkLab, class_color};
use crate::app::settings::Settings;

pub(super) fn data_ui(ui: &mut egui::Ui, net: &NetworkLab, prefs: &Settings) {
    if let Some((images, texture)) = &net.gallery {
        gallery_ui(ui, net, images, texture);
        return;
    }
    let data = &net.data;
    let pca = data.principal && !data.regression;
    let title = if data.regression && data.principal {
        tr("net.data_predictions")
    } else if data.regression {
        tr("net.data_curve")
    } else if pca {
        tr("net.data_pca")
    } else {
        tr("net.data_boundary")
    };
    ui.horizontal(|ui| {
        let heading = ui.label(RichText::new(title).strong().size(18.0));
        if pca {
            heading.on_hover_text(tr("net.data_pca.tip"));
        }
        let at = net
            .boundary
            .as_ref()
            .map_or_else(String::new, |b| fill("net.at", &[&(b.run + 1), &b.step]));
        ui.add(
            egui::Label::new(RichText::new(at).color(ui.visuals().weak_text_color())).truncate(),
        )
        .on_hover_text(tr("net.at.tip"));
        if !data.principal {
            ui.add(
                egui::Label::new(
                    RichText::new(tr("net.legend")).color(ui.visuals().weak_text_color()),
                )
                .truncate(),
            )
            .on_hover_text(tr("net.legend.tip"));
        }
    });
    if pca {
        // Its own line: the key to a picture that has no decision boundary to read it by.
        ui.label(RichText::new(tr("net.legend_pca")).color(ui.visuals().weak_text_color()))
            .on_hover_text(tr("net.data_pca.tip"));
    } else if data.principal {
        ui.label(RichText::new(tr("net.legend_predictions")).color(ui.visuals().weak_text_color()));
    }
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
        .x_axis_label(if data.principal {
            tr("net.data_pc1")
        } else if data.regression {
            "x"
        } else {
            "x₁"
        })
        .y_axis_label(if pca {
            tr("net.data_pc2")
        } else if data.regression {
            "y"
        } else {
            "x₂"
        })
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
            if data.principal && !boundary.curve.is_empty() {
                // Predictions at the test points: no curve over a projection of many inputs.
                plot_ui.points(
                    Points::new(
                        tr("net.predicted_points"),
                        PlotPoints::Borrowed(&boundary.curve),
                    )
                    .shape(MarkerShape::Cross)
                    .radius(4.0)
                    .color(crate::ui::run_color(boundary.run, dark)),
                );
            } else if !boundary.curve.is_empty() {
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
        if pca {
            principal_points(plot_ui, data, net.boundary.as_ref(), outline);
            return;
        }
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

/// The test points on the principal components: a ring in the predicted class's colour (once
/// the prediction has landed), filled with the true class's.
fn principal_points<'a>(
    plot_ui: &mut egui_plot::PlotUi<'a>,
    data: &'a super::DataPoints,
    boundary: Option<&'a super::BoundaryPicture>,
    outline: Color32,
) {
    if let Some(b) = boundary {
        for (c, points) in b.rings.iter().enumerate() {
            if points.is_empty() {
                continue;
            }
            plot_ui.points(
                Points::new(
                    fill("net.class_predicted", &[&c]),
                    PlotPoints::Borrowed(points),
                )
                .shape(MarkerShape::Circle)
                .radius(6.5)
                .filled(false)
                .color(class_color(c)),
            );
        }
    }
    for (c, points) in data.test.iter().enumerate() {
        if points.is_empty() {
            continue;
        }
        plot_ui.points(
            Points::new("", PlotPoints::Borrowed(points))
                .radius(4.2)
                .filled(true)
                .color(outline)
                .allow_hover(false),
        );
        plot_ui.points(
            Points::new(fill("net.class_test", &[&c]), PlotPoints::Borrowed(points))
                .radius(3.2)
                .filled(true)
                .color(class_color(c)),
        );
    }
}

/// Right predictions in Okabe–Ito green, wrong ones in vermillion.
const RIGHT: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);
/// See [`RIGHT`].
const WRONG: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);

/// The gallery of test images with their predicted classes, and the confusion matrix.
fn gallery_ui(
    ui: &mut egui::Ui,
    net: &NetworkLab,
    images: &GalleryImages,
    texture: &egui::TextureHandle,
) {
    let prediction = net.boundary.as_ref().and_then(|b| b.gallery.as_ref());
    // Wrapped: in a narrow column (1280 × 720) the step goes on a second line, not past the edge.
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(tr("net.gallery.title")).strong().size(18.0))
            .on_hover_text(tr("net.gallery.tip"));
        let at = net
            .boundary
            .as_ref()
            .map_or_else(String::new, |b| fill("net.at", &[&(b.run + 1), &b.step]));
        ui.label(RichText::new(at).color(ui.visuals().weak_text_color()));
    });
    if let Some(p) = prediction {
        let (right, all) = p.right_of_all();
        let share = if all > 0 {
            100.0 * f64::from(right) / f64::from(all)
        } else {
            0.0
        };
        ui.label(fill(
            "net.gallery.caption",
            &[&right, &all, &format!("{share:.1}")],
        ));
    }
    let size = ui.available_size();
    // The confusion matrix keeps room for cells of 14 points and its labels; the tiles take
    // the rest (at most 60 %).
    #[allow(clippy::cast_precision_loss)]
    let matrix = CONFUSION_LABEL_W + CONFUSION_ACC_W + 14.0 * images.classes as f32;
    let left = (size.x - matrix - 12.0).clamp(120.0, (size.x * 0.6).max(120.0));
    let column = egui::Layout::top_down(egui::Align::Min);
    ui.horizontal_top(|ui| {
        ui.allocate_ui_with_layout(vec2(left, size.y), column, |ui| {
            tiles_ui(ui, images, texture, prediction);
        });
        let right = vec2((size.x - left - 12.0).max(80.0), size.y);
        ui.allocate_ui_with_layout(right, column, |ui| {
            confusion_ui(ui, images.classes, prediction);
        });
    });
}

/// The test images in a grid (the texture made once), each with its predicted class in the
/// corner, a wrong one framed.
fn tiles_ui(
    ui: &mut egui::Ui,
    images: &GalleryImages,
    texture: &egui::TextureHandle,
    prediction: Option<&GalleryPrediction>,
) {
    let cell = images.side + 1;
    #[allow(clippy::cast_precision_loss)]
    let (w, h) = (
        (COLUMNS * cell + 1) as f32,
        (images.rows() * cell + 1) as f32,
    );
    let scale = (ui.available_width() / w)
        .min((ui.available_height() - 4.0) / h)
        .max(1.0);
    let (rect, _) = ui.allocate_exact_size(vec2(w * scale, h * scale), Sense::hover());
    let painter = ui.painter_at(rect);
    let uv = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
    painter.image(texture.id(), rect, uv, Color32::WHITE);
    let Some(prediction) = prediction else {
        return;
    };
    #[allow(clippy::cast_precision_loss)]
    let side = images.side as f32 * scale;
    let font = FontId::proportional((side * 0.34).clamp(10.0, 20.0));
    for (k, &label) in images.labels.iter().enumerate() {
        let Some(&predicted) = prediction.predicted.get(k) else {
            break;
        };
        #[allow(clippy::cast_precision_loss)]
        let origin = rect.min
            + vec2(
                ((k % COLUMNS) * cell + 1) as f32 * scale,
                ((k / COLUMNS) * cell + 1) as f32 * scale,
            );
        let tile = Rect::from_min_size(origin, vec2(side, side));
        let color = if predicted == label { RIGHT } else { WRONG };
        painter.text(
            tile.right_top() + vec2(-2.0, 1.0),
            Align2::RIGHT_TOP,
            predicted.to_string(),
            font.clone(),
            color,
        );
        if predicted != label {
            painter.rect_stroke(tile, 0.0, Stroke::new(2.5, WRONG), StrokeKind::Inside);
        }
    }
}

/// The confusion matrix: true class by row, predicted class by column, each cell shaded by
/// its share of the row; the diagonal is what the network gets right. A last column gives
/// each class's accuracy.
/// The width of the confusion matrix's class labels (left and top).
const CONFUSION_LABEL_W: f32 = 18.0;
/// The width of its column of per-class accuracies.
const CONFUSION_ACC_W: f32 = 52.0;

fn confusion_ui(ui: &mut egui::Ui, classes: usize, prediction: Option<&GalleryPrediction>) {
    ui.add(egui::Label::new(RichText::new(tr("net.confusion.title")).strong()).wrap())
        .on_hover_text(tr("net.confusion.tip"));
    let Some(prediction) = prediction else {
        ui.label(tr("net.training"));
        return;
    };
    #[allow(clippy::cast_precision_loss)]
    let n = classes as f32;
    let (label_w, acc_w) = (CONFUSION_LABEL_W, CONFUSION_ACC_W);
    let cell = ((ui.available_width() - label_w - acc_w) / n)
        .min((ui.available_height() - label_w - 4.0) / n)
        .max(6.0);
    let (rect, _) = ui.allocate_exact_size(
        vec2(label_w + cell * n + acc_w, label_w + cell * n),
        Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let small = FontId::proportional((cell * 0.45).clamp(9.0, 14.0));
    let grid = rect.min + vec2(label_w, label_w);
    for c in 0..classes {
        #[allow(clippy::cast_precision_loss)]
        let at = c as f32 * cell + cell * 0.5;
        painter.text(
            grid + vec2(at, -3.0),
            Align2::CENTER_BOTTOM,
            c.to_string(),
            small.clone(),
            weak,
        );
        painter.text(
            grid + vec2(-4.0, at),
            Align2::RIGHT_CENTER,
            c.to_string(),
            small.clone(),
            weak,
        );
    }
    for (t, row) in prediction.confusion.iter().enumerate() {
        let total: u32 = row.iter().sum();
        for (p, &count) in row.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let share = if total > 0 {
                count as f32 / total as f32
            } else {
                0.0
            };
            #[allow(clippy::cast_precision_loss)]
            let r = Rect::from_min_size(
                grid + vec2(p as f32 * cell, t as f32 * cell),
                vec2(cell - 1.0, cell - 1.0),
            );
            let base = if t == p { RIGHT } else { WRONG };
            painter.rect_filled(r, 1.0, base.gamma_multiply(0.12 + 0.88 * share));
            if count > 0 && cell >= 18.0 {
                painter.text(
                    r.center(),
                    Align2::CENTER_CENTER,
                    count.to_string(),
                    small.clone(),
                    text,
                );
            }
        }
        if let Some(acc) = prediction.class_accuracy(t) {
            #[allow(clippy::cast_precision_loss)]
            let y = t as f32 * cell + cell * 0.5;
            painter.text(
                grid + vec2(n * cell + 6.0, y),
                Align2::LEFT_CENTER,
                format!("{:.0} %", 100.0 * acc),
                small.clone(),
                text,
            );
        }
    }
}
