//! "Inside a step" in the Playground: the step anatomy ([`crate::core::anatomy`]) of the
//! selected run at the playback step, worked out off the UI thread ([`StepView`]); its
//! toggles in the left panel ([`toggles_ui`]); its arrows, ellipse, points and legend painted
//! over the landscape ([`paint`]); and the "One step at a time" window with the update rule's
//! numbers ([`step_panel_ui`]). The geometry is the figures' ([`crate::render::overlay`]).

use std::sync::Arc;

use egui::{Color32, FontId, Pos2, RichText, Shape, Stroke, pos2, vec2};
use egui_plot::{PlotPoint, PlotTransform};

use crate::app::lab::LabCx;
use crate::core::anatomy::{Overlay, StepAnatomy, step_anatomy};
use crate::core::fmt3;
use crate::i18n::{fill, tr};
use crate::jobs::JobSlot;
use crate::preset::SurfaceExperiment;
use crate::render::overlay::{
    arrow, arrow_scale, ellipse, overlay_key, overlay_tip_key, point, scale_text,
};

use super::{Playground, PlaygroundCommand};

/// Which step is looked inside: (trajectories' generation, run, point).
type Key = (u64, usize, usize);

/// The step anatomy on screen and the job working out the next one.
#[derive(Default)]
pub struct StepView {
    job: JobSlot<(), (Key, Option<StepAnatomy>)>,
    asked: Option<Key>,
    /// The anatomy on screen (of `shown_key`).
    pub shown: Option<StepAnatomy>,
    shown_key: Option<Key>,
    /// The "One step at a time" window is open.
    pub panel_open: bool,
}

impl StepView {
    /// Whether anything asks for the anatomy (an overlay on, or the panel open).
    #[must_use]
    pub fn wanted(pg: &Playground) -> bool {
        pg.step_view.panel_open || !pg.experiment.view.step_overlays.on.is_empty()
    }

    /// Whether the anatomy on screen is of the step on screen.
    #[must_use]
    pub fn current(&self) -> bool {
        self.shown_key.is_some() && self.shown_key == self.asked
    }
}

/// Starts the anatomy of the selected run at the playback step when that changed, and takes
/// the one that arrived. Replaying a run costs its steps up to the playback point, so it runs
/// on the pool (inline only when there are no worker threads).
pub fn update(pg: &mut Playground, cx: &LabCx<'_>) {
    let mut arrived = None;
    pg.step_view.job.poll(|()| {}, |r, _| arrived = Some(r));
    if let Some((key, anatomy)) = arrived {
        pg.step_view.shown = anatomy;
        pg.step_view.shown_key = Some(key);
    }
    if !StepView::wanted(pg) {
        return;
    }
    let Some(trained) = &pg.trained else {
        return;
    };
    let run = pg.runs.selected.min(trained.runs.len().saturating_sub(1));
    let Some(last) = trained
        .trajectories
        .get(run)
        .and_then(|t| t.len().checked_sub(1))
    else {
        return;
    };
    let key = (pg.training.landed(), run, pg.cursor_step().min(last));
    if pg.step_view.asked == Some(key) {
        return;
    }
    pg.step_view.asked = Some(key);
    let spec = trained.runs[run].clone();
    let problem = Arc::clone(&pg.problem);
    let (start, seed) = (pg.experiment.training.start, pg.experiment.seed);
    let work = move |cancel: &std::sync::atomic::AtomicBool| {
        (
            key,
            step_anatomy(&*problem, &spec, run, &start, seed, key.2, cancel),
        )
    };
    match cx.jobs {
        Some(jobs) => {
            pg.step_view
                .job
                .start(jobs, move |job| work(job.cancel_flag()));
        }
        None => {
            let (key, anatomy) = work(&std::sync::atomic::AtomicBool::new(false));
            pg.step_view.shown = anatomy;
            pg.step_view.shown_key = Some(key);
        }
    }
}

/// A preset with overlays on opens on them: its run, paused at its point (the race plays
/// as usual when no point is given), the rule's window open.
pub fn open_on_overlays(pg: &mut Playground) {
    let overlays = &pg.experiment.view.step_overlays;
    pg.runs.selected = overlays.run;
    pg.step_view.panel_open = !overlays.on.is_empty();
    #[allow(clippy::cast_precision_loss)]
    if let Some(at) = overlays.at
        && !overlays.on.is_empty()
    {
        pg.playback.cursor_step = at as f64;
        pg.playback.playing = false;
    }
}

/// The experiment with its overlays, when any is on, at the selected run and the playback
/// step (what a saved preset and an exported figure show).
#[must_use]
pub fn with_overlays_here(pg: &Playground) -> SurfaceExperiment {
    let mut e = pg.experiment.clone();
    let overlays = &mut e.view.step_overlays;
    if !overlays.on.is_empty() {
        overlays.run = pg.runs.selected.min(e.runs.len().saturating_sub(1));
        overlays.at = Some(pg.cursor_step().min(e.training.steps));
    }
    e
}

fn color(o: Overlay) -> Color32 {
    let [r, g, b] = o.rgb();
    Color32::from_rgb(r, g, b)
}

/// The toggles, one per overlay with its colour, and the panel's switch.
pub fn toggles_ui(ui: &mut egui::Ui, pg: &Playground, cmds: &mut Vec<PlaygroundCommand>) {
    let on = &pg.experiment.view.step_overlays;
    let anatomy = pg.step_view.shown.as_ref();
    for o in Overlay::ALL {
        let applies = anatomy.is_none_or(|a| a.has(o));
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(vec2(18.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, color(o));
            ui.painter().rect_stroke(
                rect,
                2.0,
                Stroke::new(1.0, Color32::from_gray(30)),
                egui::StrokeKind::Inside,
            );
            let mut shown = on.shows(o);
            let mut tip = tr(overlay_tip_key(o)).to_string();
            if !applies {
                tip = format!("{tip}\n{}", tr("pg.overlay.not_here"));
            }
            let response = ui
                .add_enabled_ui(applies || shown, |ui| {
                    ui.checkbox(&mut shown, tr(overlay_key(o)))
                })
                .inner
                .on_hover_text(tip);
            if response.changed() {
                cmds.push(PlaygroundCommand::SetOverlay(o, shown));
            }
        });
    }
    let mut open = pg.step_view.panel_open;
    if ui
        .checkbox(&mut open, tr("pg.step_panel"))
        .on_hover_text(tr("pg.step_panel.tip"))
        .changed()
    {
        cmds.push(PlaygroundCommand::ShowStepPanel(open));
    }
}

/// An arrow from `from` to `to` (screen points), with a dark halo and a filled head.
fn paint_arrow(shapes: &mut Vec<Shape>, from: Pos2, to: Pos2, c: Color32, width: f32) {
    let d = to - from;
    let len = d.length();
    if !len.is_finite() || len < 2.0 {
        return;
    }
    let dir = d / len;
    let head = (4.0 * width).min(0.5 * len);
    let base = to - dir * head;
    let side = vec2(-dir.y, dir.x) * head * 0.55;
    let halo = Color32::from_black_alpha(200);
    shapes.push(Shape::line_segment(
        [from, base],
        Stroke::new(width + 3.0, halo),
    ));
    shapes.push(Shape::convex_polygon(
        vec![
            to + dir * 1.5,
            base + side * 1.3 - dir * 1.5,
            base - side * 1.3 - dir * 1.5,
        ],
        halo,
        Stroke::NONE,
    ));
    shapes.push(Shape::line_segment([from, base], Stroke::new(width, c)));
    shapes.push(Shape::convex_polygon(
        vec![to, base + side, base - side],
        c,
        Stroke::NONE,
    ));
}

/// Paints the overlays that are on over the landscape plot (`rect`, `transform` of this
/// frame) and their legend in its top-left corner; `width` is the runs' line width.
pub fn paint(
    ui: &egui::Ui,
    pg: &Playground,
    rect: egui::Rect,
    transform: &PlotTransform,
    width: f32,
) {
    let view = &pg.experiment.view;
    let Some(a) = pg
        .step_view
        .shown
        .as_ref()
        .filter(|_| !view.step_overlays.on.is_empty())
    else {
        return;
    };
    let on: Vec<Overlay> = view
        .step_overlays
        .on
        .iter()
        .copied()
        .filter(|o| a.has(*o))
        .collect();
    let span = view.x[1] - view.x[0];
    let scale = arrow_scale(a, &on, span);
    let at = |x: f64, y: f64| transform.position_from_point(&PlotPoint::new(x, y));
    let (tx, ty) = (a.theta[0], a.theta[1]);
    let origin = at(tx, ty);
    let mut shapes = Vec::new();
    let w = width.max(3.0);
    for o in &on {
        let c = color(*o);
        if let Some(d) = arrow(a, *o) {
            paint_arrow(
                &mut shapes,
                origin,
                at(tx + scale * d[0], ty + scale * d[1]),
                c,
                w,
            );
        } else if let Some(poly) = (*o == Overlay::StepSize)
            .then(|| ellipse(a, span, scale))
            .flatten()
        {
            let pts: Vec<Pos2> = poly.iter().map(|p| at(p[0], p[1])).collect();
            shapes.push(Shape::line(
                pts.clone(),
                Stroke::new(w + 3.0, Color32::from_black_alpha(200)),
            ));
            shapes.push(Shape::line(pts, Stroke::new(w, c)));
        } else if let Some(p) = point(a, *o) {
            let q = at(p[0], p[1]);
            shapes.extend(Shape::dashed_line(
                &[origin, q],
                Stroke::new(2.0, c),
                6.0,
                4.0,
            ));
            shapes.push(Shape::circle_filled(
                q,
                3.0 * w,
                Color32::from_black_alpha(220),
            ));
            shapes.push(Shape::circle_filled(q, 3.0 * w - 2.0, c));
        }
    }
    let painter = ui.painter_at(rect);
    painter.extend(shapes);
    // The legend: one row per overlay drawn, its glyph as drawn, and the magnification.
    let font = FontId::proportional(16.0);
    let mut rows: Vec<(Option<Overlay>, String)> = on
        .iter()
        .map(|o| (Some(*o), tr(overlay_key(*o)).to_string()))
        .collect();
    if scale != 1.0 {
        rows.push((None, fill("pg.overlay.scaled", &[&scale_text(scale)])));
    }
    let row_h = 24.0;
    let galleys: Vec<_> = rows
        .iter()
        .map(|(_, t)| painter.layout_no_wrap(t.clone(), font.clone(), Color32::WHITE))
        .collect();
    let text_w = galleys.iter().map(|g| g.size().x).fold(0.0, f32::max);
    let frame = egui::Rect::from_min_size(
        rect.min + vec2(8.0, 8.0),
        vec2(text_w + 52.0, row_h * rows.len() as f32 + 8.0),
    );
    painter.rect_filled(frame, 4.0, Color32::from_black_alpha(200));
    for (i, ((o, _), galley)) in rows.iter().zip(galleys).enumerate() {
        let y = frame.min.y + 4.0 + row_h * (i as f32 + 0.5);
        let x = frame.min.x + 6.0;
        let mut glyph = Vec::new();
        match o {
            Some(o @ (Overlay::LookAhead | Overlay::Ascent)) => {
                glyph.push(Shape::circle_filled(pos2(x + 16.0, y), 7.0, color(*o)));
            }
            Some(Overlay::StepSize) => glyph.push(Shape::ellipse_stroke(
                pos2(x + 16.0, y),
                vec2(14.0, 7.0),
                Stroke::new(3.0, color(Overlay::StepSize)),
            )),
            Some(o) => paint_arrow(&mut glyph, pos2(x, y), pos2(x + 32.0, y), color(*o), 3.0),
            None => {}
        }
        painter.extend(glyph);
        painter.galley(
            pos2(x + 40.0, y - galley.size().y / 2.0),
            galley,
            Color32::WHITE,
        );
    }
}

/// The "One step at a time" window: the rule of the selected run's optimizer with the
/// numbers of the step at the playback position.
///
/// It opens at the bottom-left corner of the landscape (`plot`), where the races rarely go.
pub fn step_panel_ui(
    ctx: &egui::Context,
    pg: &Playground,
    plot: egui::Rect,
    cmds: &mut Vec<PlaygroundCommand>,
) {
    let mut open = pg.step_view.panel_open;
    if !open {
        return;
    }
    egui::Window::new(tr("pg.step_panel"))
        .open(&mut open)
        .pivot(egui::Align2::LEFT_BOTTOM)
        .default_pos(plot.left_bottom() + vec2(6.0, -6.0))
        .default_width((plot.width() - 12.0).clamp(320.0, 620.0))
        .resizable(true)
        .show(ctx, |ui| {
            let Some(a) = &pg.step_view.shown else {
                ui.label(tr("pg.step_panel.waiting"));
                return;
            };
            let name = pg
                .trained
                .as_ref()
                .map(|t| t.legend(pg.runs.selected.min(t.runs.len().saturating_sub(1))))
                .unwrap_or_default();
            ui.label(
                RichText::new(fill(
                    "pg.step_panel.head",
                    &[&name, &a.step, &(a.step + 1), &fmt3(a.lr)],
                ))
                .strong()
                .size(17.0),
            );
            ui.add_space(4.0);
            let ink = ui.visuals().strong_text_color();
            for line in a.rule_lines() {
                let text = RichText::new(line).monospace().size(16.0).color(ink);
                ui.add(egui::Label::new(text).wrap());
            }
        });
    if !open {
        cmds.push(PlaygroundCommand::ShowStepPanel(false));
    }
}
