//! A landscape picture in a plot, for every lab that draws one: the heatmap image with its
//! contour lines ([`draw_picture`]) and the vertical colour bar labelled in loss units
//! ([`colorbar_ui`]).

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, vec2};
use egui_plot::{Line, PlotImage, PlotPoint, PlotPoints};

use crate::app::picture::SurfacePicture;
use crate::core::landscape::Layer;
use crate::i18n::tr;
use crate::ui::heatmap::{ColorScale, color_at};

/// Width of the colour bar column, in points.
pub const COLORBAR_WIDTH: f32 = 88.0;

/// The heatmap image of a picture and its contour lines, inside a plot.
pub fn draw_picture<'a>(plot_ui: &mut egui_plot::PlotUi<'a>, picture: &'a SurfacePicture) {
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
pub fn colorbar_ui(
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
