//! The Network lab's diagram, drawn ("Inside the network", in place of the landscape): one
//! column per layer — the inputs (x₁, x₂, or the image's pixels), each hidden layer's first
//! [`MAX_SHOWN`] neurons ("+N more" under a wider layer), the output — and the weights between
//! shown neurons as lines, blue for positive and orange for negative, as wide as |w| over the
//! layer's largest |w|. A hidden neuron of 2-D data is a thumbnail of its activation over the
//! input plane (the box of the data picture, x₁ to the right, x₂ up); of image data, the first
//! layer's neurons are their incoming weights as pictures and the layers above plain nodes.
//! The output of a two-class network is the decision boundary itself. Hovering a neuron shows
//! it enlarged with its layer, index, weight range and bias. Everything comes from
//! [`super::diagram`]'s job at the step it names; nothing is computed here.

use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, StrokeKind, pos2, vec2};

use super::NetworkLab;
use super::diagram::{DiagramPicture, NeuronScale, negative, positive};
use crate::app::settings::Settings;
use crate::core::fmt3;
use crate::core::network::architecture::Loss;
use crate::core::network::neurons::MAX_SHOWN;
use crate::i18n::{fill, tr};

/// Most neurons in one sub-column of a layer; more are set in two (or more) sub-columns.
const ROWS: usize = 8;
/// Largest side of a neuron's picture, in points.
const MAX_SIDE: f32 = 76.0;
/// Largest side of a plain node (an input, a class, a neuron without a picture).
const PLAIN_SIDE: f32 = 42.0;
/// Side of the enlarged picture of a hovered neuron.
const ENLARGED: f32 = 220.0;
/// Height of a column's heading and of its "+N more" line.
const LABEL_HEIGHT: f32 = 24.0;

/// One neuron drawn: where, and what it is.
struct Node {
    rect: Rect,
    /// The picture, if it has one.
    texture: Option<egui::TextureId>,
    /// Text inside a plain node.
    text: String,
    /// What hovering it says.
    kind: NodeKind,
}

/// What a node is, for its hover text.
#[derive(Clone, Copy)]
enum NodeKind {
    Input,
    Pixels,
    /// A hidden neuron: layer (0-based), index.
    Hidden(usize, usize),
    Output(usize),
}

pub(super) fn diagram_ui(ui: &mut egui::Ui, net: &NetworkLab, _prefs: &Settings) {
    let picture = net.diagram.as_ref();
    // The quadrant given (what is left of it after the heading and the key is drawn in).
    let full = ui.max_rect();
    ui.horizontal(|ui| {
        ui.label(RichText::new(tr("net.diagram.title")).strong().size(18.0))
            .on_hover_text(tr("net.view.diagram.tip"));
        if let Some(p) = picture {
            let at = fill("net.at", &[&(p.diagram.run + 1), &p.diagram.step]);
            ui.label(RichText::new(at).color(ui.visuals().weak_text_color()))
                .on_hover_text(tr("net.at.tip"));
        }
        if net.diagram_job.busy() && picture.is_none() {
            ui.spinner();
        }
    });
    let Some(picture) = picture else {
        let waiting = if net.trained.is_none() {
            tr("net.training")
        } else {
            tr("net.diagram.computing")
        };
        ui.centered_and_justified(|ui| ui.label(waiting));
        return;
    };
    legend_ui(ui, picture);
    let area = Rect::from_min_max(pos2(full.min.x, ui.cursor().min.y + 4.0), full.max);
    let columns = columns(ui, area, picture);
    let painter = ui.painter_at(area);
    edges(&painter, &columns, picture);
    let boundary = net.boundary.as_ref().and_then(|b| b.texture.as_ref());
    let text_color = ui.visuals().text_color();
    let frame = ui.visuals().widgets.noninteractive.fg_stroke.color;
    let node_fill = ui.visuals().extreme_bg_color;
    for (c, column) in columns.iter().enumerate() {
        for (k, node) in column.iter().enumerate() {
            let texture = node.texture.or_else(|| {
                matches!(node.kind, NodeKind::Output(_))
                    .then(|| boundary.map(egui::TextureHandle::id))
                    .flatten()
            });
            draw_node(&painter, node, texture, [text_color, frame, node_fill]);
            let response = ui.interact(
                node.rect,
                ui.scope_id().with(("neuron", c, k)),
                Sense::hover(),
            );
            response.on_hover_ui(|ui| hover_ui(ui, picture, node, texture));
        }
    }
    ui.allocate_rect(area, Sense::hover());
}

/// The key: what a neuron's colours mean (with a colour bar) and what the lines mean.
fn legend_ui(ui: &mut egui::Ui, picture: &DiagramPicture) {
    let weak = ui.visuals().weak_text_color();
    let scale = picture.diagram.scales.iter().flatten().next().copied();
    ui.horizontal_wrapped(|ui| {
        if let Some(scale) = scale {
            let (text, lo, hi) = match scale {
                NeuronScale::Diverging { max } => (
                    fill(
                        "net.diagram.legend.map",
                        &[&picture.diagram.pictures.activation.name()],
                    ),
                    -max,
                    max,
                ),
                NeuronScale::Sequential { max } => (
                    fill(
                        "net.diagram.legend.map",
                        &[&picture.diagram.pictures.activation.name()],
                    ),
                    0.0,
                    max,
                ),
                NeuronScale::Weights { max } => {
                    let side = picture.diagram.pictures.image_side().unwrap_or(0);
                    (fill("net.diagram.legend.weights", &[&side]), -max, max)
                }
            };
            ui.label(RichText::new(text).color(weak));
            ui.label(fmt3(f64::from(lo)));
            colour_bar(ui, scale, lo, hi);
            ui.label(fmt3(f64::from(hi)));
        }
    });
    ui.label(RichText::new(tr("net.diagram.legend.edges")).color(weak))
        .on_hover_text(tr("net.diagram.legend.edges.tip"));
}

/// A horizontal colour bar of `scale` from `lo` to `hi`.
fn colour_bar(ui: &mut egui::Ui, scale: NeuronScale, lo: f32, hi: f32) {
    let (rect, _) = ui.allocate_exact_size(vec2(110.0, 16.0), Sense::hover());
    let steps = 44;
    let w = rect.width() / steps as f32;
    for s in 0..steps {
        let t = (s as f32 + 0.5) / steps as f32;
        let cell = Rect::from_min_size(
            pos2(rect.min.x + s as f32 * w, rect.min.y),
            vec2(w + 0.5, rect.height()),
        );
        ui.painter()
            .rect_filled(cell, 0.0, scale.color(lo + (hi - lo) * t));
    }
    ui.painter().rect_stroke(
        rect,
        0.0,
        Stroke::new(1.0, Color32::from_gray(120)),
        StrokeKind::Inside,
    );
}

/// Every layer's shown nodes, laid out in `area` (inputs, hidden layers, output), with each
/// column's heading and "+N more" drawn.
fn columns(ui: &egui::Ui, area: Rect, picture: &DiagramPicture) -> Vec<Vec<Node>> {
    let pictures = &picture.diagram.pictures;
    let layers = &pictures.layers;
    let count = layers.len() + 1;
    // The inputs and the output take a narrow column each; the hidden layers share the rest.
    let hidden = layers.len() - 1;
    let outer = if hidden == 0 {
        area.width() * 0.5
    } else {
        (area.width() * 0.16).clamp(60.0, 110.0)
    };
    let inner = (area.width() - 2.0 * outer) / hidden.max(1) as f32;
    let column_width = |c: usize| {
        if c == 0 || c == count - 1 {
            outer
        } else {
            inner
        }
    };
    let image = pictures.image_side();
    let painter = ui.painter_at(area);
    let text_color = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let heading = FontId::proportional(16.0);
    let mut out = Vec::with_capacity(count);
    for c in 0..count {
        // What the column holds: (neurons in the layer, shown, whether they are pictures).
        let (width, shown, pictured, title) = if c == 0 {
            match image {
                Some(_) => (1, 1, false, tr("net.diagram.inputs").to_string()),
                None => {
                    let n = pictures.inputs;
                    (
                        n,
                        n.min(MAX_SHOWN),
                        false,
                        tr("net.diagram.inputs").to_string(),
                    )
                }
            }
        } else if c == count - 1 {
            let n = layers[c - 1].width();
            (
                n,
                n.min(MAX_SHOWN),
                n == 1,
                tr("net.diagram.output").to_string(),
            )
        } else {
            let layer = &layers[c - 1];
            let pictured = picture.textures.get(c - 1).is_some_and(|t| !t.is_empty());
            (
                layer.width(),
                layer.shown,
                pictured,
                fill("net.diagram.layer", &[&c, &layer.width()]),
            )
        };
        let x_mid = if c == 0 {
            area.min.x + outer * 0.5
        } else if c == count - 1 {
            area.max.x - outer * 0.5
        } else {
            area.min.x + outer + inner * (c as f32 - 0.5)
        };
        painter.text(
            pos2(x_mid, area.min.y + 2.0),
            Align2::CENTER_TOP,
            title,
            heading.clone(),
            text_color,
        );
        let body_top = area.min.y + LABEL_HEIGHT;
        let body_height = (area.height() - 2.0 * LABEL_HEIGHT).max(40.0);
        let big = pictured || (c == 0 && image.is_some());
        // Plain nodes are small: a whole layer of 16 fits in one column.
        let sub = shown.div_ceil(if big { ROWS } else { 2 * ROWS }).max(1);
        let rows = shown.div_ceil(sub).max(1);
        let gap = 6.0;
        let max_side = if big { MAX_SIDE } else { PLAIN_SIDE };
        let side = (body_height / rows as f32 - gap)
            // Room for the lines between columns: the nodes take at most 60 % of theirs.
            .min(column_width(c) * 0.6 / sub as f32 - gap)
            .min(max_side)
            .max(8.0);
        let block_height = rows as f32 * (side + gap) - gap;
        let top = body_top + (body_height - block_height) * 0.5;
        let mut nodes = Vec::with_capacity(shown);
        for k in 0..shown {
            let (sc, r) = (k / rows, k % rows);
            let x = x_mid + (sc as f32 - (sub as f32 - 1.0) * 0.5) * (side + gap);
            let y = top + r as f32 * (side + gap) + side * 0.5;
            let rect = Rect::from_center_size(pos2(x, y), vec2(side, side));
            let (kind, text, texture) = if c == 0 {
                match image {
                    Some(s) => (NodeKind::Pixels, format!("{s}×{s}"), None),
                    None if pictures.inputs == 2 => {
                        (NodeKind::Input, ["x₁", "x₂"][k].to_string(), None)
                    }
                    None => (NodeKind::Input, format!("x{}", k + 1), None),
                }
            } else if c == count - 1 {
                let text = match pictures.loss {
                    Loss::Mse => "y".to_string(),
                    Loss::BceWithLogits => "p".to_string(),
                    Loss::CrossEntropy => k.to_string(),
                };
                (NodeKind::Output(k), text, None)
            } else {
                let texture = picture
                    .textures
                    .get(c - 1)
                    .and_then(|t| t.get(k))
                    .map(egui::TextureHandle::id);
                (NodeKind::Hidden(c - 1, k), (k + 1).to_string(), texture)
            };
            nodes.push(Node {
                rect,
                texture,
                text,
                kind,
            });
        }
        if width > shown {
            painter.text(
                pos2(x_mid, top + block_height + 6.0),
                Align2::CENTER_TOP,
                fill("net.diagram.more", &[&(width - shown)]),
                FontId::proportional(15.0),
                weak,
            );
        }
        out.push(nodes);
    }
    out
}

/// The weights between shown neurons: colour by sign, width by |w| over the layer's largest.
fn edges(painter: &egui::Painter, columns: &[Vec<Node>], picture: &DiagramPicture) {
    let pictures = &picture.diagram.pictures;
    for (l, layer) in pictures.layers.iter().enumerate() {
        // Image inputs: the first layer's weights are its pictures, not lines.
        if l == 0 && pictures.image_side().is_some() {
            continue;
        }
        let (Some(from), Some(to)) = (columns.get(l), columns.get(l + 1)) else {
            continue;
        };
        let max = layer.max_abs_weight();
        if max <= 0.0 {
            continue;
        }
        for (k, target) in to.iter().enumerate() {
            for (i, source) in from.iter().enumerate() {
                let w = layer.weights[[k, i]];
                if !w.is_finite() {
                    continue;
                }
                let t = w.abs() / max;
                let color = if w >= 0.0 { positive() } else { negative() };
                let a = pos2(source.rect.max.x, source.rect.center().y);
                let b = pos2(target.rect.min.x, target.rect.center().y);
                painter.line_segment(
                    [a, b],
                    Stroke::new(0.4 + 4.0 * t, color.gamma_multiply(0.25 + 0.75 * t)),
                );
            }
        }
    }
}

fn draw_node(
    painter: &egui::Painter,
    node: &Node,
    texture: Option<egui::TextureId>,
    [text, frame, fill]: [Color32; 3],
) {
    let uv = Rect::from_min_max(Pos2::ZERO, pos2(1.0, 1.0));
    match texture {
        Some(id) => {
            painter.image(id, node.rect, uv, Color32::WHITE);
            painter.rect_stroke(node.rect, 2.0, Stroke::new(1.0, frame), StrokeKind::Outside);
        }
        None => {
            painter.rect_filled(node.rect, node.rect.width() * 0.5, fill);
            painter.rect_stroke(
                node.rect,
                node.rect.width() * 0.5,
                Stroke::new(1.5, frame),
                StrokeKind::Inside,
            );
            let size = (node.rect.height() * 0.45).clamp(11.0, 20.0);
            painter.text(
                node.rect.center(),
                Align2::CENTER_CENTER,
                &node.text,
                FontId::proportional(size),
                text,
            );
        }
    }
}

/// The hovered neuron enlarged, with what it is.
fn hover_ui(
    ui: &mut egui::Ui,
    picture: &DiagramPicture,
    node: &Node,
    texture: Option<egui::TextureId>,
) {
    let pictures = &picture.diagram.pictures;
    let incoming = |l: usize, k: usize| {
        let layer = &pictures.layers[l];
        let row = layer.weights.row(k);
        let (lo, hi) = row
            .iter()
            .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &w| {
                (lo.min(w), hi.max(w))
            });
        fill(
            "net.diagram.hover.weights",
            &[
                &fmt3(f64::from(lo)),
                &fmt3(f64::from(hi)),
                &fmt3(f64::from(layer.bias[k])),
            ],
        )
    };
    match node.kind {
        NodeKind::Input => {
            ui.strong(fill("net.diagram.hover.input", &[&node.text]));
        }
        NodeKind::Pixels => {
            ui.strong(fill("net.diagram.hover.pixels", &[&pictures.inputs]));
        }
        NodeKind::Hidden(l, k) => {
            ui.strong(fill("net.diagram.hover.neuron", &[&(l + 1), &(k + 1)]));
            if let Some(id) = texture {
                ui.image((id, vec2(ENLARGED, ENLARGED)));
            }
            ui.label(incoming(l, k));
            let layer = &pictures.layers[l];
            if let Some(map) = layer.maps.get(k) {
                let (lo, hi) = map
                    .iter()
                    .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
                        (lo.min(v), hi.max(v))
                    });
                ui.label(fill(
                    "net.diagram.hover.range",
                    &[&fmt3(f64::from(lo)), &fmt3(f64::from(hi))],
                ));
                ui.label(fill(
                    "net.diagram.hover.map",
                    &[&pictures.activation.name()],
                ));
            } else if texture.is_some() {
                let side = pictures.image_side().unwrap_or(0);
                ui.label(fill("net.diagram.hover.picture", &[&side]));
            } else {
                ui.label(tr("net.diagram.hover.plain"));
            }
        }
        NodeKind::Output(k) => {
            let last = pictures.layers.len() - 1;
            ui.strong(tr("net.diagram.output"));
            if let Some(id) = texture {
                ui.image((id, vec2(ENLARGED, ENLARGED)));
            }
            ui.label(incoming(last, k));
            ui.label(match pictures.loss {
                Loss::BceWithLogits => tr("net.diagram.hover.output").to_string(),
                Loss::CrossEntropy => fill("net.diagram.hover.class", &[&k]),
                Loss::Mse => tr("net.diagram.hover.value").to_string(),
            });
        }
    }
}
