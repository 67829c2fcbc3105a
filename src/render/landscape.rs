//! The landscape figure of the Playground and of network presets: the loss heatmap (the
//! app's colour map and log scale), contour lines, every trajectory with its start ring and
//! end dot (a cross where a run diverged), a colour bar in loss units, the legend (optimizer
//! and its key hyperparameters), axis labels, a title and a stamp with the preset and seed,
//! worded in the figure's language (`fig.` strings).
//!
//! [`LandscapeFigure`] holds what is drawn (built from a surface or a network experiment);
//! [`draw_background`] draws everything that does not move and [`draw_runs`] the
//! trajectories up to a step, so an animation draws its background once and only the runs per
//! frame. Both work on any plotters backend; the heatmap is a raster blitted into the plot on
//! bitmaps and a placeholder rectangle that [`super::svg`] swaps for an embedded PNG in SVG.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::element::BitMapElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rayon::prelude::*;

use super::palette::{ColorMap, ColorScale, contour_lines, rgb_at, run_rgb};
use super::{RenderError, draw_err, font, text_style, tick_label};
use crate::core::landscape::{Grid, Layer};
use crate::core::network::plane::NetworkPlane;
use crate::core::train::{RunSpec, Trajectory};
use crate::i18n::{Lang, fill_text, preset_title_in, tr_in};
use crate::preset::{NetworkExperiment, PlaneKind, SurfaceExperiment};

/// Contour levels drawn (as in the app).
pub const CONTOUR_LEVELS: usize = 14;

/// The fill colour of the heatmap placeholder in SVG output (swapped for the raster).
pub(crate) const PLACEHOLDER_RGB: [u8; 3] = [1, 2, 3];

/// One trajectory as drawn.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RunPath {
    /// Legend text (optimizer and key hyperparameters; "— diverged" appended).
    pub label: String,
    /// Line and marker colour.
    pub rgb: [u8; 3],
    /// Points in plot coordinates; point 0 is the start.
    pub points: Vec<[f64; 2]>,
    /// Whether the run left the finite world (a cross at its last point).
    pub diverged: bool,
}

/// Everything the landscape figure shows.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct LandscapeFigure {
    /// The title line.
    pub title: String,
    /// The small stamp in the bottom corner: preset and seed.
    pub stamp: String,
    /// Axis labels.
    pub axis_labels: [String; 2],
    /// The plot's x and y ranges.
    pub bounds: [[f64; 2]; 2],
    /// The loss grid.
    pub grid: Grid,
    /// Values to colours.
    pub scale: ColorScale,
    /// The colour map.
    pub colormap: ColorMap,
    /// Contour polylines in plot coordinates.
    pub contours: Vec<Vec<[f64; 2]>>,
    /// The runs, in run order.
    pub runs: Vec<RunPath>,
    /// The language of every text (its font follows it).
    pub lang: Lang,
    /// The step anatomy's overlays, when any is on ([`super::overlay`]).
    pub step: Option<super::overlay::StepFigure>,
}

fn layer_text(lang: Lang, layer: Layer) -> &'static str {
    tr_in(
        lang,
        match layer {
            Layer::Train => "fig.layer.train",
            Layer::Test => "fig.test_loss",
            Layer::Gap => "fig.layer.gap",
        },
    )
}

fn plane_text(lang: Lang, plane: PlaneKind) -> &'static str {
    tr_in(
        lang,
        match plane {
            PlaneKind::Random => "fig.plane.random",
            PlaneKind::Pca => "fig.plane.pca",
            PlaneKind::Solutions => "fig.plane.solutions",
            PlaneKind::Hessian => "fig.plane.hessian",
        },
    )
}

/// The stamp of a figure: `basin · preset · seed n`, in `lang`.
/// A Hessian eigenvalue for an axis label: three significant digits (`3.21`, `0.0452`,
/// `128`), scientific below 1e-3 in magnitude, `–` when unknown.
#[must_use]
pub fn eigenvalue_text(lambda: f64) -> String {
    let a = lambda.abs();
    if !lambda.is_finite() {
        "–".to_string()
    } else if a == 0.0 {
        "0".to_string()
    } else if a < 1e-3 {
        format!("{lambda:.2e}")
    } else if a >= 100.0 {
        format!("{lambda:.0}")
    } else {
        // 2 − ⌊log₁₀ a⌋ decimals: 3 significant digits between 0.001 and 100.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let decimals = (2 - libm::log10(a).floor() as i32).max(0) as usize;
        format!("{lambda:.decimals$}")
    }
}

pub(crate) fn stamp(lang: Lang, preset_name: &str, seed: u64) -> String {
    fill_text(tr_in(lang, "fig.stamp"), &[&preset_name, &seed])
}

impl LandscapeFigure {
    fn new(title: String, stamp: String, grid: Grid, log_scale: bool, lang: Lang) -> Self {
        let scale = ColorScale::for_grid(&grid, log_scale);
        let contours = contour_lines(&grid, &scale, CONTOUR_LEVELS);
        let spec = grid.spec;
        Self {
            title,
            stamp,
            axis_labels: ["θ₁".to_string(), "θ₂".to_string()],
            bounds: [spec.x, spec.y],
            grid,
            scale,
            colormap: ColorMap::Viridis,
            contours,
            runs: Vec::new(),
            lang,
            step: None,
        }
    }

    /// The figure of a surface experiment in `lang`: its view grid (`grid`, as the app
    /// computes it) and its trained runs.
    #[must_use]
    pub fn surface(
        experiment: &SurfaceExperiment,
        preset_name: &str,
        grid: Grid,
        trajectories: &[Trajectory],
        lang: Lang,
    ) -> Self {
        let kind = experiment.problem.surface.kind;
        let title = fill_text(
            tr_in(lang, "fig.title.surface"),
            &[
                &preset_title_in(lang, preset_name, &experiment.name),
                &layer_text(lang, experiment.view.layer),
                &kind.name(),
            ],
        );
        let stamp = stamp(lang, preset_name, experiment.seed);
        let mut figure = Self::new(title, stamp, grid, experiment.view.log_scale, lang);
        figure.bounds = [experiment.view.x, experiment.view.y];
        let n_train = experiment.problem.samples;
        figure.runs = trajectories
            .iter()
            .enumerate()
            .map(|(i, t)| RunPath {
                label: legend(lang, experiment.runs.get(i), n_train, i, t),
                rgb: run_rgb(i, false),
                points: (0..t.len())
                    .map(|k| {
                        let p = t.point(k);
                        [p[0], p.get(1).copied().unwrap_or(0.0)]
                    })
                    .collect(),
                diverged: t.diverged(),
            })
            .collect();
        figure
    }

    /// The figure of a network experiment in `lang`: the loss on its plane (`grid`) and
    /// every run projected on it.
    #[must_use]
    pub fn network(
        experiment: &NetworkExperiment,
        preset_name: &str,
        grid: Grid,
        trajectories: &[Trajectory],
        plane: &NetworkPlane,
        lang: Lang,
    ) -> Self {
        let title = fill_text(
            tr_in(lang, "fig.title.network"),
            &[
                &preset_title_in(lang, preset_name, &experiment.name),
                &layer_text(lang, experiment.view.layer),
                &plane_text(lang, experiment.view.plane),
            ],
        );
        let stamp = stamp(lang, preset_name, experiment.seed);
        let mut figure = Self::new(title, stamp, grid, true, lang);
        let percent = |r: f64| format!("{:.1}", 100.0 * r);
        figure.axis_labels = match (experiment.view.plane, plane.explained_variance_ratio) {
            (PlaneKind::Pca, Some([r1, r2])) => [
                fill_text(tr_in(lang, "fig.axis.pc1"), &[&percent(r1)]),
                fill_text(tr_in(lang, "fig.axis.pc2"), &[&percent(r2)]),
            ],
            (PlaneKind::Solutions, _) => [
                tr_in(lang, "fig.axis.solutions").to_string(),
                tr_in(lang, "fig.axis.orthogonal").to_string(),
            ],
            (PlaneKind::Hessian, _) => {
                let [l1, l2] = plane.eigenvalues.unwrap_or([f64::NAN; 2]);
                [
                    fill_text(tr_in(lang, "fig.axis.v1"), &[&eigenvalue_text(l1)]),
                    fill_text(tr_in(lang, "fig.axis.v2"), &[&eigenvalue_text(l2)]),
                ]
            }
            _ => [
                tr_in(lang, "fig.axis.d1").to_string(),
                tr_in(lang, "fig.axis.d2").to_string(),
            ],
        };
        figure.bounds = [
            plane.scaled_range(experiment.view.x),
            plane.scaled_range(experiment.view.y),
        ];
        let n_train = experiment.dataset.n_train;
        figure.runs = trajectories
            .iter()
            .zip(&plane.coords)
            .enumerate()
            .map(|(i, (t, coords))| RunPath {
                label: legend(lang, experiment.runs.get(i), n_train, i, t),
                rgb: run_rgb(i, false),
                points: coords.clone(),
                diverged: t.diverged(),
            })
            .collect();
        figure
    }

    /// Up to which step a still figure draws the runs: the overlays' step when they are on
    /// (the runs' dots where the arrows start), else all of them.
    #[must_use]
    pub fn still_upto(&self) -> Option<usize> {
        self.step.as_ref().map(|s| s.anatomy.step)
    }

    /// The longest run's last step (what an animation plays to).
    #[must_use]
    pub fn last_step(&self) -> usize {
        self.runs
            .iter()
            .map(|r| r.points.len().saturating_sub(1))
            .max()
            .unwrap_or(0)
    }
}

/// A run's legend in a figure in `lang`: the optimizer with its key hyperparameters and
/// batch size, after the run's label when the label says something else (a figure must say
/// what was run, not only what it was called), "— diverged" appended.
fn legend(lang: Lang, run: Option<&RunSpec>, n_train: usize, i: usize, t: &Trajectory) -> String {
    let base = run.map_or_else(
        || fill_text(tr_in(lang, "fig.run"), &[&(i + 1)]),
        |run| {
            let settings = RunSpec {
                label: String::new(),
                ..run.clone()
            }
            .legend_with(n_train, tr_in(lang, "fig.full"));
            // "SGD" and "SGD lr=0.001 B=full" say the same; the label is kept when it adds.
            if run.label.is_empty() || settings.starts_with(run.label.as_str()) {
                settings
            } else {
                format!("{}: {settings}", run.label)
            }
        },
    );
    if t.diverged() {
        fill_text(tr_in(lang, "fig.diverged"), &[&base])
    } else {
        base
    }
}

/// Pixel sizes of the figure's parts for an image of `size`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Layout {
    /// Base font size in pixels.
    pub font: f64,
    title_h: u32,
    stamp_h: u32,
    plot_w: u32,
    bar_w: u32,
    /// The legend's text size (smaller than usual when a label is long).
    legend_font: f64,
}

impl Layout {
    pub(crate) fn new(figure: &LandscapeFigure, (w, h): (u32, u32)) -> Self {
        let font = (f64::from(h.min(w)) / 42.0).clamp(9.0, 34.0);
        let longest = figure
            .runs
            .iter()
            .map(|r| r.label.chars().count())
            .max()
            .unwrap_or(0);
        let legend_w = (longest as f64 * 0.5 * font + 3.5 * font).min(0.34 * f64::from(w));
        let bar_w = (6.5 * font).min(0.15 * f64::from(w));
        let plot_w = (f64::from(w) - legend_w - bar_w).max(0.4 * f64::from(w));
        // Labels narrower than the column at 0.85 × the base size; longer ones shrink to fit.
        let fits = (legend_w - 2.6 * font) / (longest.max(1) as f64 * 0.5 * 0.85 * font);
        let legend_font = 0.85 * font * fits.clamp(0.6, 1.0);
        Self {
            font,
            title_h: (2.4 * font) as u32,
            stamp_h: (1.8 * font) as u32,
            plot_w: plot_w as u32,
            bar_w: bar_w as u32,
            legend_font,
        }
    }
}

/// The parts of the figure: title band, plot, colour bar, legend, stamp band.
struct Areas<DB: DrawingBackend> {
    title: DrawingArea<DB, Shift>,
    plot: DrawingArea<DB, Shift>,
    bar: DrawingArea<DB, Shift>,
    legend: DrawingArea<DB, Shift>,
    stamp: DrawingArea<DB, Shift>,
}

fn areas<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, layout: &Layout) -> Areas<DB> {
    let (_, h) = root.dim_in_pixel();
    let (title, rest) = root.split_vertically(layout.title_h);
    let (main, stamp) = rest.split_vertically(h.saturating_sub(layout.title_h + layout.stamp_h));
    let (plot, right) = main.split_horizontally(layout.plot_w);
    let (bar, legend) = right.split_horizontally(layout.bar_w);
    Areas {
        title,
        plot,
        bar,
        legend,
        stamp,
    }
}

type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

fn chart<'a, DB: DrawingBackend>(
    plot: &'a DrawingArea<DB, Shift>,
    figure: &LandscapeFigure,
    layout: &Layout,
) -> Result<Chart<'a, DB>, RenderError> {
    let f = layout.font;
    let [x, y] = figure.bounds;
    ChartBuilder::on(plot)
        .margin_top((0.4 * f) as u32)
        .margin_right((0.8 * f) as u32)
        .margin_left((0.4 * f) as u32)
        .x_label_area_size((2.8 * f) as u32)
        .y_label_area_size((4.2 * f) as u32)
        .build_cartesian_2d(x[0]..x[1], y[0]..y[1])
        .map_err(draw_err)
}

/// How the heatmap gets into the plot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Heatmap {
    /// Blit a raster of the plot's pixel size (bitmaps).
    Raster,
    /// A rectangle of [`PLACEHOLDER_RGB`] to be replaced (SVG).
    Placeholder,
}

/// The heatmap as RGB pixels, `w × h`, covering `bounds` (row 0 is the top): the grid
/// bilinearly interpolated in scale units (so the log scale is smooth), through a 1024-entry
/// colour table; non-finite cells grey. Rows in parallel.
#[must_use]
pub fn heatmap_raster(figure: &LandscapeFigure, w: usize, h: usize) -> Vec<u8> {
    let grid = &figure.grid;
    let (ny, nx) = grid.values.dim();
    let scale = &figure.scale;
    let (lo, hi) = scale.scaled_range();
    let span = if hi > lo { hi - lo } else { 1.0 };
    let table: Vec<[u8; 3]> = (0..1024)
        .map(|i| rgb_at(figure.colormap, scale, f64::from(i) / 1023.0))
        .collect();
    let scaled: Vec<f64> = grid
        .values
        .iter()
        .map(|&v| {
            if v.is_finite() {
                scale.scaled(v)
            } else {
                f64::NAN
            }
        })
        .collect();
    let spec = grid.spec;
    let [bx, by] = figure.bounds;
    let gx = |x: f64| {
        let u = (x - spec.x[0]) / (spec.x[1] - spec.x[0]) * (nx.max(2) - 1) as f64;
        u.clamp(0.0, (nx.max(1) - 1) as f64)
    };
    let gy = |y: f64| {
        let u = (y - spec.y[0]) / (spec.y[1] - spec.y[0]) * (ny.max(2) - 1) as f64;
        u.clamp(0.0, (ny.max(1) - 1) as f64)
    };
    let mut out = vec![0u8; w * h * 3];
    out.par_chunks_mut(w * 3).enumerate().for_each(|(r, row)| {
        let y = by[1] - (r as f64 + 0.5) / h as f64 * (by[1] - by[0]);
        let v = gy(y);
        let i0 = (v.floor() as usize).min(ny.saturating_sub(1));
        let i1 = (i0 + 1).min(ny - 1);
        let fv = v - i0 as f64;
        for c in 0..w {
            let x = bx[0] + (c as f64 + 0.5) / w as f64 * (bx[1] - bx[0]);
            let u = gx(x);
            let j0 = (u.floor() as usize).min(nx.saturating_sub(1));
            let j1 = (j0 + 1).min(nx - 1);
            let fu = u - j0 as f64;
            let at = |i: usize, j: usize| scaled[i * nx + j];
            let s = (at(i0, j0) * (1.0 - fu) + at(i0, j1) * fu) * (1.0 - fv)
                + (at(i1, j0) * (1.0 - fu) + at(i1, j1) * fu) * fv;
            let rgb = if s.is_finite() {
                let t = ((s - lo) / span).clamp(0.0, 1.0);
                table[(t * 1023.0).round() as usize]
            } else {
                [128, 128, 128]
            };
            row[c * 3..c * 3 + 3].copy_from_slice(&rgb);
        }
    });
    out
}

/// Draws everything but the trajectories: white page, title, heatmap, contours, axes, colour
/// bar, legend and stamp.
pub(crate) fn draw_background<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &LandscapeFigure,
    layout: &Layout,
    heatmap: Heatmap,
) -> Result<(), RenderError> {
    font::ensure_registered();
    root.fill(&WHITE).map_err(draw_err)?;
    let parts = areas(root, layout);
    let f = layout.font;
    let ink = [25, 25, 25];
    parts
        .title
        .draw_text(
            &font::printable(&figure.title),
            &text_style(1.3 * f, ink, Pos::new(HPos::Left, VPos::Center)),
            ((0.6 * f) as i32, (layout.title_h / 2) as i32),
        )
        .map_err(draw_err)?;
    let (stamp_w, stamp_h) = parts.stamp.dim_in_pixel();
    parts
        .stamp
        .draw_text(
            &font::printable(&figure.stamp),
            &text_style(
                0.8 * f,
                [110, 110, 110],
                Pos::new(HPos::Right, VPos::Center),
            ),
            ((stamp_w as f64 - 0.6 * f) as i32, (stamp_h / 2) as i32),
        )
        .map_err(draw_err)?;

    let mut chart = chart(&parts.plot, figure, layout)?;
    let [x, y] = figure.bounds;
    match heatmap {
        Heatmap::Raster => {
            let (xr, yr) = chart.plotting_area().get_pixel_range();
            let (w, h) = ((xr.end - xr.start).max(1), (yr.end - yr.start).max(1));
            let pixels = heatmap_raster(figure, w as usize, h as usize);
            if let Some(element) =
                BitMapElement::with_owned_buffer((x[0], y[1]), (w as u32, h as u32), pixels)
            {
                chart.plotting_area().draw(&element).map_err(draw_err)?;
            }
        }
        Heatmap::Placeholder => {
            let [r, g, b] = PLACEHOLDER_RGB;
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(x[0], y[1]), (x[1], y[0])],
                    RGBColor(r, g, b).filled(),
                )))
                .map_err(draw_err)?;
        }
    }
    let contour = if figure.grid.layer == Layer::Gap {
        RGBAColor(0, 0, 0, 0.35)
    } else {
        RGBAColor(255, 255, 255, 0.3)
    };
    for line in &figure.contours {
        chart
            .draw_series(std::iter::once(PathElement::new(
                line.iter().map(|p| (p[0], p[1])).collect::<Vec<_>>(),
                contour.stroke_width(1),
            )))
            .map_err(draw_err)?;
    }
    let labels = [
        font::printable(&figure.axis_labels[0]),
        font::printable(&figure.axis_labels[1]),
    ];
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(7)
        .y_labels(7)
        .x_desc(labels[0].as_str())
        .y_desc(labels[1].as_str())
        .x_label_formatter(&|v| tick_label(*v))
        .y_label_formatter(&|v| tick_label(*v))
        .label_style(text_style(0.85 * f, ink, Pos::new(HPos::Center, VPos::Top)))
        .axis_desc_style(text_style(f, ink, Pos::new(HPos::Center, VPos::Top)))
        .axis_style(RGBColor(60, 60, 60))
        .draw()
        .map_err(draw_err)?;
    draw_color_bar(&parts.bar, figure, layout)?;
    draw_legend(&parts.legend, figure, layout)
}

fn draw_color_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &LandscapeFigure,
    layout: &Layout,
) -> Result<(), RenderError> {
    let f = layout.font;
    let (_, h) = area.dim_in_pixel();
    let ink = [25, 25, 25];
    let unit = tr_in(
        figure.lang,
        match (figure.grid.layer, figure.scale) {
            (Layer::Gap, _) => "fig.gap",
            (_, ColorScale::Log { .. }) => "fig.loss_log",
            _ => "fig.loss",
        },
    );
    area.draw_text(
        &font::printable(unit),
        &text_style(0.85 * f, ink, Pos::new(HPos::Left, VPos::Top)),
        ((0.3 * f) as i32, (0.4 * f) as i32),
    )
    .map_err(draw_err)?;
    let left = (0.5 * f) as i32;
    let right = left + (1.1 * f) as i32;
    let top = (2.2 * f) as i32;
    let bottom = h as i32 - (3.2 * f) as i32;
    if bottom <= top {
        return Ok(());
    }
    let height = f64::from(bottom - top);
    for py in top..bottom {
        let t = 1.0 - (f64::from(py - top) + 0.5) / height;
        let [r, g, b] = rgb_at(figure.colormap, &figure.scale, t);
        area.draw(&Rectangle::new(
            [(left, py), (right, py + 1)],
            RGBColor(r, g, b).filled(),
        ))
        .map_err(draw_err)?;
    }
    area.draw(&Rectangle::new(
        [(left, top), (right, bottom)],
        RGBColor(80, 80, 80).stroke_width(1),
    ))
    .map_err(draw_err)?;
    for (t, value) in figure.scale.ticks() {
        let py = bottom - (t * height).round() as i32;
        area.draw(&PathElement::new(
            vec![(right, py), (right + (0.35 * f) as i32, py)],
            RGBColor(25, 25, 25).stroke_width(1),
        ))
        .map_err(draw_err)?;
        area.draw_text(
            &tick_label(value),
            &text_style(0.8 * f, ink, Pos::new(HPos::Left, VPos::Center)),
            (right + (0.5 * f) as i32, py),
        )
        .map_err(draw_err)?;
    }
    Ok(())
}

fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &LandscapeFigure,
    layout: &Layout,
) -> Result<(), RenderError> {
    let f = layout.font;
    let row = 1.5 * f;
    let top = 2.2 * f;
    for (i, run) in figure.runs.iter().enumerate() {
        let y = (top + row * i as f64) as i32;
        let [r, g, b] = run.rgb;
        let color = RGBColor(r, g, b);
        area.draw(&PathElement::new(
            vec![(0, y), ((1.6 * f) as i32, y)],
            color.stroke_width((0.25 * f).max(2.0) as u32),
        ))
        .map_err(draw_err)?;
        area.draw(&Circle::new(
            ((1.6 * f) as i32, y),
            (0.3 * f) as i32,
            color.filled(),
        ))
        .map_err(draw_err)?;
        area.draw_text(
            &font::printable(&run.label),
            &text_style(
                layout.legend_font,
                [25, 25, 25],
                Pos::new(HPos::Left, VPos::Center),
            ),
            ((2.3 * f) as i32, y),
        )
        .map_err(draw_err)?;
    }
    if let Some(step) = &figure.step {
        let y = top + row * (figure.runs.len() as f64 + 0.5);
        super::overlay::draw_legend(area, step, (0, y as i32), row, f, layout.legend_font)?;
    }
    Ok(())
}

/// The segments of the polyline `path` inside `bounds` (x range, y range), each cut at the
/// border (Liang–Barsky): drawn one by one, wide lines get no miter spikes at sharp turns
/// and nothing spills over the axes.
#[must_use]
pub fn clipped_segments(path: &[(f64, f64)], bounds: [[f64; 2]; 2]) -> Vec<[(f64, f64); 2]> {
    let [[x0, x1], [y0, y1]] = bounds;
    let mut out = Vec::with_capacity(path.len());
    for w in path.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        let mut inside = true;
        for (p, q) in [
            (-dx, a.0 - x0),
            (dx, x1 - a.0),
            (-dy, a.1 - y0),
            (dy, y1 - a.1),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    inside = false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
            }
        }
        if inside
            && t0 <= t1
            && a.0.is_finite()
            && b.0.is_finite()
            && a.1.is_finite()
            && b.1.is_finite()
        {
            out.push([
                (a.0 + t0 * dx, a.1 + t0 * dy),
                (a.0 + t1 * dx, a.1 + t1 * dy),
            ]);
        }
    }
    out
}

/// The clipped segments as polylines to draw: each segment alone on bitmaps (wide lines get
/// no miter spikes at sharp turns), or, when `joined` (vector output, whose viewers join
/// lines well), every run of touching segments as one polyline.
fn polylines(segments: &[[(f64, f64); 2]], joined: bool) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    for s in segments {
        match out.last_mut() {
            Some(last) if joined && last.last() == Some(&s[0]) => last.push(s[1]),
            _ => out.push(vec![s[0], s[1]]),
        }
    }
    out
}

/// Draws the trajectories up to step `upto` (all of them for `None`) with their start rings
/// and end dots, and for an animation frame the step counter in the title band. `joined`
/// draws each run as polylines (vector output) instead of single segments (bitmaps).
pub(crate) fn draw_runs<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &LandscapeFigure,
    layout: &Layout,
    upto: Option<usize>,
    joined: bool,
) -> Result<(), RenderError> {
    font::ensure_registered();
    let parts = areas(root, layout);
    let f = layout.font;
    if let Some(step) = upto {
        let (w, _) = parts.title.dim_in_pixel();
        parts
            .title
            .draw_text(
                &fill_text(
                    tr_in(figure.lang, "fig.step_of"),
                    &[&step, &figure.last_step()],
                ),
                &text_style(1.1 * f, [25, 25, 25], Pos::new(HPos::Right, VPos::Center)),
                ((w as f64 - 0.8 * f) as i32, (layout.title_h / 2) as i32),
            )
            .map_err(draw_err)?;
    }
    let chart = chart(&parts.plot, figure, layout)?;
    let width = (0.22 * f).max(2.0) as u32;
    let radius = (0.42 * f).max(3.0) as i32;
    for run in &figure.runs {
        if run.points.is_empty() {
            continue;
        }
        let k = upto.map_or(run.points.len() - 1, |s| s.min(run.points.len() - 1));
        let path: Vec<(f64, f64)> = run.points[..=k].iter().map(|p| (p[0], p[1])).collect();
        let [r, g, b] = run.rgb;
        let color = RGBColor(r, g, b);
        let area = chart.plotting_area();
        let segments = clipped_segments(&path, figure.bounds);
        let halo = RGBColor(30, 30, 30).stroke_width(width + 2);
        let line = color.stroke_width(width);
        let pieces = polylines(&segments, joined);
        for style in [halo, line] {
            for piece in &pieces {
                area.draw(&PathElement::new(piece.clone(), style))
                    .map_err(draw_err)?;
            }
        }
        let [[x0, x1], [y0, y1]] = figure.bounds;
        let inside = |p: (f64, f64)| (x0..=x1).contains(&p.0) && (y0..=y1).contains(&p.1);
        let start = path[0];
        if inside(start) {
            area.draw(&Circle::new(start, radius + 1, WHITE.stroke_width(2)))
                .map_err(draw_err)?;
        }
        let end = path[path.len() - 1];
        if !inside(end) {
            continue;
        }
        area.draw(&Circle::new(end, radius + 1, BLACK.filled()))
            .map_err(draw_err)?;
        area.draw(&Circle::new(end, radius, color.filled()))
            .map_err(draw_err)?;
        if run.diverged && k == run.points.len() - 1 {
            let c = chart.backend_coord(&end);
            let d = radius * 2;
            for (a, b) in [((-d, -d), (d, d)), ((-d, d), (d, -d))] {
                root.draw(&PathElement::new(
                    vec![(c.0 + a.0, c.1 + a.1), (c.0 + b.0, c.1 + b.1)],
                    color.stroke_width(width + 1),
                ))
                .map_err(draw_err)?;
            }
        }
    }
    if let Some(step) = &figure.step
        && upto.is_none_or(|s| s == step.anatomy.step)
    {
        let (xr, yr) = chart.plotting_area().get_pixel_range();
        let clip = [
            [f64::from(xr.start), f64::from(xr.end)],
            [f64::from(yr.start), f64::from(yr.end)],
        ];
        let span = figure.bounds[0][1] - figure.bounds[0][0];
        super::overlay::draw(root, step, &|p| chart.backend_coord(&p), clip, span, f)?;
    }
    chart.plotting_area().present().map_err(draw_err)?;
    Ok(())
}
