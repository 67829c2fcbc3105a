//! The step anatomy's overlays in a landscape figure ([`StepFigure`]): arrows from the run's
//! point for the gradient, mini-batch, momentum and actual steps, the effective step sizes
//! as an ellipse around it, Nesterov's look-ahead and SAM's ascent point as marked points,
//! and one legend entry each. The window draws the same things with egui
//! (`app/labs/playground/overlays.rs`); the geometry both use lives here
//! ([`arrow_scale`], [`ellipse`], [`overlay_key`]).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{RenderError, draw_err};
use crate::core::anatomy::{Overlay, StepAnatomy, step_anatomy};
use crate::core::surface::ShiftedCopies;
use crate::core::train::{RunSpec, Trajectory};
use crate::i18n::{Lang, fill_text, tr_in};
use crate::preset::{StepOverlays, SurfaceExperiment};

/// The overlays a figure draws: the anatomy of one step and which overlays are on.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct StepFigure {
    /// The step looked inside.
    pub anatomy: StepAnatomy,
    /// The overlays drawn (those with something to draw for the run's optimizer).
    pub on: Vec<Overlay>,
    /// The legend's texts, one per `on`, in the figure's language.
    pub labels: Vec<String>,
    /// The common magnification of the arrows ([`arrow_scale`]).
    pub scale: f64,
    /// The legend's last row when the arrows are magnified ("arrows and ellipse ×100").
    pub note: Option<String>,
}

/// A magnification as the legend writes it: `100`, `2000`, `5e6`.
#[must_use]
pub fn scale_text(scale: f64) -> String {
    if scale < 1e5 {
        format!("{scale:.0}")
    } else {
        format!("{scale:.0e}")
    }
}

/// The i18n key of an overlay's name (`pg.overlay.…`).
#[must_use]
pub fn overlay_key(overlay: Overlay) -> &'static str {
    match overlay {
        Overlay::Gradient => "pg.overlay.gradient",
        Overlay::MiniBatch => "pg.overlay.mini_batch",
        Overlay::Momentum => "pg.overlay.momentum",
        Overlay::Update => "pg.overlay.update",
        Overlay::StepSize => "pg.overlay.step_size",
        Overlay::LookAhead => "pg.overlay.look_ahead",
        Overlay::Ascent => "pg.overlay.ascent",
    }
}

/// The i18n key of an overlay's tooltip (`pg.overlay.….tip`).
#[must_use]
pub fn overlay_tip_key(overlay: Overlay) -> &'static str {
    match overlay {
        Overlay::Gradient => "pg.overlay.gradient.tip",
        Overlay::MiniBatch => "pg.overlay.mini_batch.tip",
        Overlay::Momentum => "pg.overlay.momentum.tip",
        Overlay::Update => "pg.overlay.update.tip",
        Overlay::StepSize => "pg.overlay.step_size.tip",
        Overlay::LookAhead => "pg.overlay.look_ahead.tip",
        Overlay::Ascent => "pg.overlay.ascent.tip",
    }
}

/// The arrow of `overlay` (a displacement from θ), if it is one and applies.
#[must_use]
pub fn arrow(anatomy: &StepAnatomy, overlay: Overlay) -> Option<Vec<f64>> {
    match overlay {
        Overlay::Gradient => Some(anatomy.gradient_step()),
        Overlay::MiniBatch => Some(anatomy.batch_step()),
        Overlay::Momentum => anatomy.momentum_step(),
        Overlay::Update => Some(anatomy.update()),
        _ => None,
    }
}

/// The marked point of `overlay` (look-ahead, ascent), if it is one and applies.
#[must_use]
pub fn point(anatomy: &StepAnatomy, overlay: Overlay) -> Option<Vec<f64>> {
    match overlay {
        Overlay::LookAhead => anatomy.look_ahead(),
        Overlay::Ascent => anatomy.ascent().map(<[f64]>::to_vec),
        _ => None,
    }
}

/// The factor (1, 2 or 5 times a power of ten) the arrows of `on` and the step-size ellipse
/// are multiplied by when the longest arrow is shorter than a tenth of `span` (the view's
/// width): the largest that keeps it within a quarter of the view. Steps of a small learning
/// rate stay visible, their lengths still comparable with one another. 1 when they are long
/// enough already.
#[must_use]
pub fn arrow_scale(anatomy: &StepAnatomy, on: &[Overlay], span: f64) -> f64 {
    let longest = on
        .iter()
        .filter_map(|o| arrow(anatomy, *o))
        .map(|d| crate::core::optim::l2_norm(&d))
        .filter(|n| n.is_finite())
        .fold(0.0, f64::max);
    if longest <= 0.0 || longest >= 0.1 * span {
        return 1.0;
    }
    let room = 0.25 * span / longest;
    let decade = libm::pow(10_f64, libm::log10(room).floor());
    [5.0, 2.0, 1.0]
        .into_iter()
        .map(|m| m * decade)
        .find(|k| *k <= room)
        .unwrap_or(decade)
        .max(1.0)
}

/// The effective step sizes' ellipse around θ (half-axes along θ₁ and θ₂ times `scale`, each
/// at most ten view spans), as a closed polyline.
#[must_use]
pub fn ellipse(anatomy: &StepAnatomy, span: f64, scale: f64) -> Option<Vec<[f64; 2]>> {
    let s = anatomy.step_sizes()?;
    let (cx, cy) = (anatomy.theta[0], *anatomy.theta.get(1)?);
    let (a, b) = (
        (scale * s[0]).min(10.0 * span),
        (scale * s.get(1)?).min(10.0 * span),
    );
    if !(a.is_finite() && b.is_finite()) {
        return None;
    }
    Some(
        (0..=72)
            .map(|k| {
                let t = f64::from(k) * std::f64::consts::TAU / 72.0;
                [a.mul_add(libm::cos(t), cx), b.mul_add(libm::sin(t), cy)]
            })
            .collect(),
    )
}

impl StepFigure {
    /// The overlays of a surface experiment's `[view]` over its trained runs (`problem` as
    /// built from it): what `basin render` and the window's Export figure draw.
    #[must_use]
    pub fn of_experiment(
        experiment: &SurfaceExperiment,
        problem: &ShiftedCopies,
        trajectories: &[Trajectory],
        lang: Lang,
    ) -> Option<Self> {
        let view = &experiment.view;
        Self::new(
            &view.step_overlays,
            problem,
            &experiment.runs,
            trajectories,
            experiment.training.start,
            experiment.seed,
            view.x[1] - view.x[0],
            lang,
        )
    }

    /// The overlays `overlays` asks for, on `problem` trained as `runs` from `start` with
    /// `seed` (`trajectories`: where the run ended, for the default point), in `lang`;
    /// `None` when none is on or the run has no finite point there.
    #[must_use]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        overlays: &StepOverlays,
        problem: &ShiftedCopies,
        runs: &[RunSpec],
        trajectories: &[Trajectory],
        start: [f64; 2],
        seed: u64,
        span: f64,
        lang: Lang,
    ) -> Option<Self> {
        if overlays.on.is_empty() {
            return None;
        }
        let run = runs.get(overlays.run)?;
        let last = trajectories.get(overlays.run)?.len().checked_sub(1)?;
        let at = overlays.at.map_or(last, |a| a.min(last));
        let never = std::sync::atomic::AtomicBool::new(false);
        let anatomy = step_anatomy(problem, run, overlays.run, &start, seed, at, &never)?;
        let on: Vec<Overlay> = overlays
            .on
            .iter()
            .copied()
            .filter(|o| anatomy.has(*o))
            .collect();
        let scale = arrow_scale(&anatomy, &on, span);
        let labels: Vec<String> = on
            .iter()
            .map(|o| tr_in(lang, overlay_key(*o)).to_string())
            .collect();
        let note = (scale != 1.0)
            .then(|| fill_text(tr_in(lang, "pg.overlay.scaled"), &[&scale_text(scale)]));
        Some(Self {
            anatomy,
            on,
            labels,
            scale,
            note,
        })
    }
}

fn rgb(o: Overlay) -> RGBColor {
    let [r, g, b] = o.rgb();
    RGBColor(r, g, b)
}

/// Draws the overlays on `root` through the chart's coordinates `to_px` (data → pixels),
/// clipped to the plot's pixel rectangle `clip`; `f` is the figure's base font size.
pub(crate) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    step: &StepFigure,
    to_px: &dyn Fn((f64, f64)) -> (i32, i32),
    clip: [[f64; 2]; 2],
    span: f64,
    f: f64,
) -> Result<(), RenderError> {
    let a = &step.anatomy;
    let (tx, ty) = (a.theta[0], a.theta.get(1).copied().unwrap_or(0.0));
    let width = (0.2 * f).max(2.0) as u32;
    let px = |p: (f64, f64)| {
        let (x, y) = to_px(p);
        (f64::from(x), f64::from(y))
    };
    let line = |from: (f64, f64), to: (f64, f64), style: ShapeStyle| -> Result<(), RenderError> {
        for [p, q] in super::landscape::clipped_segments(&[from, to], clip) {
            root.draw(&PathElement::new(
                vec![(p.0 as i32, p.1 as i32), (q.0 as i32, q.1 as i32)],
                style,
            ))
            .map_err(draw_err)?;
        }
        Ok(())
    };
    let halo = RGBColor(20, 20, 20);
    for o in &step.on {
        let color = rgb(*o);
        if let Some(d) = arrow(a, *o) {
            let from = px((tx, ty));
            let to = px((
                step.scale.mul_add(d[0], tx),
                step.scale.mul_add(d.get(1).copied().unwrap_or(0.0), ty),
            ));
            let (dx, dy) = (to.0 - from.0, to.1 - from.1);
            let len = libm::hypot(dx, dy);
            if !len.is_finite() || len < 1.0 {
                continue;
            }
            let head = (1.1 * f).min(0.5 * len);
            let (ux, uy) = (dx / len, dy / len);
            let wing = |s: f64| {
                (
                    to.0 - head * ux + s * 0.5 * head * uy,
                    to.1 - head * uy - s * 0.5 * head * ux,
                )
            };
            for (style_w, c) in [(width + 2, halo), (width, color)] {
                let style = c.stroke_width(style_w);
                line(from, to, style)?;
                line(to, wing(1.0), style)?;
                line(to, wing(-1.0), style)?;
            }
        } else if *o == Overlay::StepSize {
            if let Some(poly) = ellipse(a, span, step.scale) {
                let pts: Vec<(f64, f64)> = poly.iter().map(|p| px((p[0], p[1]))).collect();
                for [p, q] in super::landscape::clipped_segments(&pts, clip) {
                    for (w, c) in [(width + 2, halo), (width, color)] {
                        root.draw(&PathElement::new(
                            vec![(p.0 as i32, p.1 as i32), (q.0 as i32, q.1 as i32)],
                            c.stroke_width(w),
                        ))
                        .map_err(draw_err)?;
                    }
                }
            }
        } else if let Some(p) = point(a, *o) {
            let to = px((p[0], p.get(1).copied().unwrap_or(0.0)));
            line(px((tx, ty)), to, color.stroke_width(1.max(width / 2)))?;
            let inside = (clip[0][0]..=clip[0][1]).contains(&to.0)
                && (clip[1][0]..=clip[1][1]).contains(&to.1);
            if inside {
                let r = (0.45 * f).max(4.0) as i32;
                let c = (to.0 as i32, to.1 as i32);
                root.draw(&Circle::new(c, r + 2, halo.filled()))
                    .map_err(draw_err)?;
                root.draw(&Circle::new(c, r, color.filled()))
                    .map_err(draw_err)?;
            }
        }
    }
    Ok(())
}

/// Draws the overlays' legend entries from `(x, y)` down, `row` pixels apart.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    step: &StepFigure,
    (x, y): (i32, i32),
    row: f64,
    f: f64,
    font: f64,
) -> Result<(), RenderError> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    for (i, (o, label)) in step.on.iter().zip(&step.labels).enumerate() {
        let yy = y + (row * i as f64) as i32;
        let w = (0.25 * f).max(2.0) as u32;
        for (ww, c) in [(w + 2, RGBColor(20, 20, 20)), (w, rgb(*o))] {
            area.draw(&PathElement::new(
                vec![(x, yy), (x + (1.6 * f) as i32, yy)],
                c.stroke_width(ww),
            ))
            .map_err(draw_err)?;
        }
        area.draw_text(
            &super::font::printable(label),
            &super::text_style(font, [25, 25, 25], Pos::new(HPos::Left, VPos::Center)),
            (x + (2.3 * f) as i32, yy),
        )
        .map_err(draw_err)?;
    }
    if let Some(note) = &step.note {
        let yy = y + (row * step.on.len() as f64) as i32;
        area.draw_text(
            &super::font::printable(note),
            &super::text_style(font, [90, 90, 90], Pos::new(HPos::Left, VPos::Center)),
            (x + (2.3 * f) as i32, yy),
        )
        .map_err(draw_err)?;
    }
    Ok(())
}
