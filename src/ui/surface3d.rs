//! The 3-D landscape view: the loss surface as a shaded triangle mesh in the heatmap's
//! colours, turned by dragging and zoomed by scrolling, with the trajectories lying on the
//! surface and the moving markers riding on it. Options: log-scaled heights and a height
//! clamp (a quantile) so one huge value does not flatten everything.
//!
//! The math (heights, projection, depth sort) is [`crate::render::mesh3d`]; this file only
//! keeps the camera and options in egui's memory (per view id), caches the heights per grid,
//! turns the sorted mesh into one `egui::Mesh` (painter's algorithm, so it draws the same on
//! every renderer, the software one included) and handles the pointer. Any lab can use
//! [`surface3d_ui`] (or [`runs_3d_ui`] with a landscape picture and trained runs);
//! [`toggle_ui`] is the "3-D" switch of a landscape's header.

use crate::i18n::tr;
use std::sync::Arc;

use egui::{Align2, Color32, FontId, Id, Pos2, Sense, epaint};

use crate::app::picture::{SurfacePicture, TrainedRuns};
use crate::app::settings::Settings;
use crate::core::landscape::Grid;
use crate::render::mesh3d::{
    Camera, HeightOptions, Path3d, Strokes, Surface, Viewport, build_mesh, project,
};
use crate::render::palette::{ColorMap, ColorScale};

/// The environment variable that starts every landscape in 3-D (`BASIN_VIEW_3D=1`, for
/// scripted screenshots).
pub const START_3D_ENV: &str = "BASIN_VIEW_3D";

/// What the user chose in one 3-D view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View3d {
    /// The orbit camera.
    pub camera: Camera,
    /// How heights are made from the grid.
    pub heights: HeightOptions,
}

/// What the heights depend on: the grid's values and range, the colour scale and map, the
/// options.
type CacheKey = (u64, usize, [u64; 4], ColorScale, ColorMap, bool, u32, u32);

/// Heights of one grid with one set of options (rebuilt only when the key changes).
struct Cached {
    key: CacheKey,
    surface: Surface,
}

fn cache_key(grid: &Grid, scale: &ColorScale, map: ColorMap, h: &HeightOptions) -> CacheKey {
    let spec = grid.spec;
    // The values themselves (FNV-1a over their bits), not where they live: a new grid may
    // reuse the old one's memory.
    let values = grid.values.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, v| {
        (h ^ v.to_bits()).wrapping_mul(0x0000_0100_0000_01b3)
    });
    (
        values,
        grid.values.len(),
        [
            spec.x[0].to_bits(),
            spec.x[1].to_bits(),
            spec.y[0].to_bits(),
            spec.y[1].to_bits(),
        ],
        *scale,
        map,
        h.log,
        h.clamp_quantile.to_bits(),
        h.exaggeration.to_bits(),
    )
}

fn toggle_id(id_salt: &str) -> Id {
    Id::unique(("surface3d_on", id_salt))
}

/// Whether the landscape `id_salt` is shown in 3-D. Starts on when [`START_3D_ENV`] is set
/// to 1.
pub fn is_on(ctx: &egui::Context, id_salt: &str) -> bool {
    ctx.data_mut(|d| {
        *d.get_temp_mut_or_insert_with(toggle_id(id_salt), || {
            std::env::var(START_3D_ENV).is_ok_and(|v| v.trim() == "1")
        })
    })
}

/// The "3-D" toggle for the landscape `id_salt`; returns whether 3-D is on.
pub fn toggle_ui(ui: &mut egui::Ui, id_salt: &str) -> bool {
    let mut on = is_on(ui.ctx(), id_salt);
    ui.toggle_value(&mut on, "3-D")
        .on_hover_text(tr("common.s3d.toggle.tip"));
    ui.data_mut(|d| d.insert_temp(toggle_id(id_salt), on));
    on
}

/// Draws `grid` in 3-D in the rest of `ui` with `paths` on it (each ending in a marker),
/// with a row of options above. `id_salt` keeps the camera and options of this view.
pub fn surface3d_ui(
    ui: &mut egui::Ui,
    id_salt: &str,
    grid: &Grid,
    scale: &ColorScale,
    colormap: ColorMap,
    paths: &[Path3d],
    axis_labels: [&str; 2],
) -> egui::Response {
    ui.vertical(|ui| {
        let id = Id::unique(("surface3d", id_salt));
        let mut state: View3d = ui.data_mut(|d| d.get_temp(id)).unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().slider_width = 90.0;
            ui.checkbox(&mut state.heights.log, tr("common.s3d.log"))
                .on_hover_text(tr("common.s3d.log.tip"));
            ui.label(tr("common.s3d.clamp"));
            ui.add(
                super::slider(&mut state.heights.clamp_quantile, 0.5..=1.0)
                    .custom_formatter(|v, _| format!("{:.0} %", v * 100.0)),
            )
            .on_hover_text(tr("common.s3d.clamp.tip"));
            ui.label(tr("common.s3d.height"));
            ui.add(super::slider(&mut state.heights.exaggeration, 0.1..=2.0));
            if ui.button(tr("common.s3d.reset")).clicked() {
                state.camera = Camera::default();
            }
        });
        let size = ui.available_size().max(egui::vec2(100.0, 100.0));
        let (response, painter) = ui.allocate_painter(size, Sense::click_and_drag());
        if response.dragged() {
            let d = response.drag_delta();
            state.camera = state.camera.dragged(d.x, d.y);
        }
        if response.contains_pointer() {
            let scroll = ui.input(|i| i.smooth_scroll_delta.y);
            if scroll != 0.0 {
                state.camera = state.camera.zoomed(scroll);
            }
        }
        let cache_id = id.with("cache");
        let cached: Option<Arc<Cached>> = ui.data_mut(|d| d.get_temp(cache_id));
        let key = cache_key(grid, scale, colormap, &state.heights);
        let cached = match cached {
            Some(c) if c.key == key => c,
            _ => {
                let fresh = Arc::new(Cached {
                    key,
                    surface: Surface::new(grid, scale, colormap, state.heights),
                });
                ui.data_mut(|d| d.insert_temp(cache_id, Arc::clone(&fresh)));
                fresh
            }
        };
        let rect = response.rect;
        let viewport = Viewport::fit([rect.left(), rect.top()], rect.width(), rect.height());
        let mesh = build_mesh(
            &cached.surface,
            &state.camera,
            &viewport,
            paths,
            Strokes::default(),
        );
        let vertices = mesh
            .positions
            .iter()
            .zip(&mesh.colors)
            .map(|(p, c)| epaint::Vertex {
                pos: Pos2::new(p[0], p[1]),
                uv: epaint::WHITE_UV,
                color: Color32::from_rgba_unmultiplied(c[0], c[1], c[2], c[3]),
            })
            .collect();
        let shape = egui::Mesh {
            indices: mesh.indices,
            vertices,
            ..egui::Mesh::default()
        };
        let painter = painter.with_clip_rect(rect);
        painter.add(egui::Shape::mesh(shape));
        let text = ui.visuals().text_color();
        let font = FontId::proportional(15.0);
        let zc = 0.5 * cached.surface.top();
        for (label, at) in axis_labels
            .iter()
            .zip([[0.0, -1.18, 0.0], [1.18, 0.0, 0.0]])
        {
            let p = project(&state.camera, &viewport, zc, at);
            painter.text(
                Pos2::new(p[0], p[1]),
                Align2::CENTER_CENTER,
                *label,
                font.clone(),
                text,
            );
        }
        painter.text(
            rect.left_bottom() + egui::vec2(6.0, -6.0),
            Align2::LEFT_BOTTOM,
            tr("common.s3d.hint"),
            FontId::proportional(13.0),
            ui.visuals().weak_text_color(),
        );
        ui.data_mut(|d| d.insert_temp(id, state));
        response
    })
    .inner
}

/// A lab's landscape picture in 3-D with its trained runs up to the playback step `cursor`
/// (`id_salt` names the view, e.g. the lab).
pub fn runs_3d_ui(
    ui: &mut egui::Ui,
    id_salt: &str,
    picture: Option<&SurfacePicture>,
    trained: Option<&TrainedRuns>,
    cursor: usize,
    prefs: &Settings,
    axis_labels: [&str; 2],
) {
    let Some(picture) = picture else {
        ui.label(tr("common.s3d.computing"));
        return;
    };
    let paths: Vec<Path3d> = trained
        .map(|trained| {
            trained
                .paths
                .iter()
                .enumerate()
                .filter(|(_, path)| !path.is_empty())
                .map(|(i, path)| Path3d {
                    rgb: crate::render::palette::run_rgb(i, prefs.dark_theme),
                    points: path[..=cursor.min(path.len() - 1)]
                        .iter()
                        .map(|p| [p.x, p.y])
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    surface3d_ui(
        ui,
        id_salt,
        &picture.grid,
        &picture.scale,
        prefs.colormap,
        &paths,
        axis_labels,
    );
}
