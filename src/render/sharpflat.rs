//! The Sharp vs Flat figure: on the left the 1-D interpolation between the small-batch and
//! the large-batch solution (train and test loss on a log axis, the two solutions marked —
//! Keskar et al.'s figure), on the right the sweep's heatmap of the final test accuracy (or
//! loss) over (log₂ B, log₂ η) with diverged cells crossed out; without a sweep, λ_max against
//! step with the 2/η line instead. Worded in the figure's language (`fig.` strings).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::palette::{ColorMap, OKABE_ITO_RGB};
use super::{RenderError, draw_axes, draw_err, font, text_style, tick_label};
use crate::core::train::batch_label;
use crate::i18n::{Lang, fill_text, preset_title_in, tr_in};
use crate::jobs::compare::{Comparison, HeatmapCell, SharpnessCurve, SweepResult};

/// What the figure shows.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SharpFlatFigure {
    /// Title (the preset's name).
    pub title: String,
    /// Bottom-right stamp: preset, seed, batch sizes.
    pub stamp: String,
    /// The two runs' batch sizes (small, large).
    pub batches: [usize; 2],
    /// (α, train loss, test loss) of the interpolation.
    pub interpolation: Vec<[f64; 3]>,
    /// (step, λ_max) of each run.
    pub lambda: [Vec<[f64; 2]>; 2],
    /// The edge of stability of each run (∞ for Adagrad, Lion, SAM).
    pub thresholds: [f64; 2],
    /// What the λ curve measures (λ_max, or Adam's / RMSprop's λ_max(P⁻¹H)).
    pub curve: SharpnessCurve,
    /// The sweep's heatmap, if a sweep ran.
    pub heatmap: Option<Heatmap>,
    /// The language of every text (its font follows it).
    pub lang: Lang,
}

/// The sweep part of the figure.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Heatmap {
    /// The cells.
    pub cells: Vec<HeatmapCell>,
    /// Accuracy (true) or test loss.
    pub classification: bool,
    /// The column labels (batch sizes as used; the full batch named).
    pub batch_labels: Vec<String>,
    /// The row labels (learning rates as listed).
    pub lr_labels: Vec<String>,
    /// The y axis' meaning ("learning rate η" or "base learning rate η/B").
    pub lr_label: String,
    /// The language of its texts (the figure's).
    pub lang: Lang,
}

impl SharpFlatFigure {
    /// The figure of a comparison (and a sweep, if one ran), in `lang`.
    #[must_use]
    pub fn new(
        comparison: &Comparison,
        sweep: Option<&SweepResult>,
        preset_name: &str,
        title: &str,
        seed: u64,
        lang: Lang,
    ) -> Self {
        let [small, large] = &comparison.runs;
        Self {
            title: preset_title_in(lang, preset_name, title).to_string(),
            stamp: fill_text(
                tr_in(lang, "fig.sf.stamp"),
                &[&preset_name, &seed, &small.batch, &large.batch],
            ),
            batches: [small.batch, large.batch],
            interpolation: comparison
                .interpolation
                .iter()
                .map(|p| [p.alpha, p.train_loss, p.test_loss])
                .collect(),
            lambda: [small.lambda_curve.clone(), large.lambda_curve.clone()],
            thresholds: comparison.stability_thresholds,
            curve: comparison.settings.sharpness_curve(),
            heatmap: sweep.map(|s| Heatmap {
                cells: s.heatmap.clone(),
                classification: s.classification,
                batch_labels: s
                    .spec
                    .batch_sizes
                    .iter()
                    .map(|&b| {
                        batch_label(b, s.n_train, |n| {
                            fill_text(tr_in(lang, "fig.full_batch"), &[&n])
                        })
                    })
                    .collect(),
                lr_labels: s.spec.lrs.iter().map(|&lr| tick_label(lr)).collect(),
                lr_label: match s.spec.lr_rule {
                    crate::core::sweep::LrRule::Fixed => tr_in(lang, "fig.sf.lr").to_string(),
                    crate::core::sweep::LrRule::BasePerSample => {
                        tr_in(lang, "fig.sf.base_lr").to_string()
                    }
                },
                lang,
            }),
            lang,
        }
    }
}

fn rgb(c: [u8; 3]) -> RGBColor {
    RGBColor(c[0], c[1], c[2])
}

const INK: [u8; 3] = [25, 25, 25];

/// Draws the figure on `root`.
pub(crate) fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &SharpFlatFigure,
) -> Result<(), RenderError> {
    let (main, f) = super::framed(root, &figure.title, &figure.stamp)?;
    let (w, _) = main.dim_in_pixel();
    let (left, right) = main.split_horizontally(w / 2);
    draw_interpolation(&left, figure, f)?;
    match &figure.heatmap {
        Some(heatmap) => draw_heatmap(&right, heatmap, f),
        None => draw_lambda(&right, figure, f),
    }
}

fn draw_interpolation<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &SharpFlatFigure,
    f: f64,
) -> Result<(), RenderError> {
    let positive: Vec<f64> = figure
        .interpolation
        .iter()
        .flat_map(|p| [p[1], p[2]])
        .filter(|v| v.is_finite() && *v > 0.0)
        .collect();
    let lo = positive.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = positive.iter().copied().fold(0.0, f64::max);
    // log10 of the loss on a linear axis, labelled in loss units: a narrow range still gets
    // several round ticks (plotters' log axis labels only decades).
    let (lo, hi) = if lo.is_finite() && hi > lo {
        (libm::log10(lo) - 0.03, libm::log10(hi) + 0.03)
    } else {
        (-1.0, 0.0)
    };
    let mut chart = ChartBuilder::on(area)
        .margin((0.8 * f) as u32)
        .caption(
            tr_in(figure.lang, "fig.sf.between"),
            text_style(1.0 * f, INK, Pos::new(HPos::Center, VPos::Top)),
        )
        .x_label_area_size((2.6 * f) as u32)
        .y_label_area_size((4.0 * f) as u32)
        .build_cartesian_2d(-1.0f64..2.0f64, lo..hi)
        .map_err(draw_err)?;
    draw_axes(
        chart
            .configure_mesh()
            .disable_mesh()
            .x_desc(tr_in(figure.lang, "fig.sf.alpha"))
            .y_desc(tr_in(figure.lang, "fig.loss_log"))
            .x_label_formatter(&|v| tick_label(*v))
            .y_label_formatter(&|v| tick_label(libm::pow(10f64, *v))),
        f,
        INK,
    )?;
    for (i, alpha) in [0.0, 1.0].into_iter().enumerate() {
        let color = rgb(OKABE_ITO_RGB[i]);
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(alpha, lo), (alpha, hi)],
                color.stroke_width(2),
            )))
            .map_err(draw_err)?
            .label(fill_text(
                tr_in(
                    figure.lang,
                    if i == 0 {
                        "fig.sf.small"
                    } else {
                        "fig.sf.large"
                    },
                ),
                &[&figure.batches[i]],
            ))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
            });
    }
    let series = |k: usize| -> Vec<(f64, f64)> {
        figure
            .interpolation
            .iter()
            .filter(|p| p[k].is_finite() && p[k] > 0.0)
            .map(|p| (p[0], libm::log10(p[k])))
            .collect()
    };
    let train = rgb(OKABE_ITO_RGB[4]);
    let test = rgb(OKABE_ITO_RGB[5]);
    chart
        .draw_series(LineSeries::new(series(1), train.stroke_width(3)))
        .map_err(draw_err)?
        .label(tr_in(figure.lang, "fig.train_loss"))
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], train.stroke_width(3)));
    chart
        .draw_series(LineSeries::new(series(2), test.stroke_width(3)))
        .map_err(draw_err)?
        .label(tr_in(figure.lang, "fig.test_loss"))
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], test.stroke_width(3)));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperMiddle)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(180, 180, 180))
        .label_font(text_style(0.8 * f, INK, Pos::new(HPos::Left, VPos::Center)))
        .draw()
        .map_err(draw_err)
}

fn draw_heatmap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    heatmap: &Heatmap,
    f: f64,
) -> Result<(), RenderError> {
    // Cells on an index grid, labelled with the listed batch sizes and learning rates.
    let cols = heatmap.batch_labels.len().max(1);
    let rows = heatmap.lr_labels.len().max(1);
    let values: Vec<f64> = heatmap.cells.iter().filter_map(|c| c.value).collect();
    let vlo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let vhi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let what = tr_in(
        heatmap.lang,
        if heatmap.classification {
            "fig.sf.accuracy"
        } else {
            "fig.sf.final_loss"
        },
    );
    #[allow(clippy::cast_precision_loss)]
    let (x_hi, y_hi) = (cols as f64 - 0.5, rows as f64 - 0.5);
    let mut chart = ChartBuilder::on(area)
        .margin((0.8 * f) as u32)
        .caption(
            what,
            text_style(1.0 * f, INK, Pos::new(HPos::Center, VPos::Top)),
        )
        .x_label_area_size((2.6 * f) as u32)
        .y_label_area_size((4.0 * f) as u32)
        .build_cartesian_2d(-0.5..x_hi, -0.5..y_hi)
        .map_err(draw_err)?;
    let label_of = |labels: &[String], v: f64| -> String {
        let i = v.round();
        if (v - i).abs() > 1e-6 || i < 0.0 {
            return String::new();
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        labels.get(i as usize).cloned().unwrap_or_default()
    };
    draw_axes(
        chart
            .configure_mesh()
            .disable_mesh()
            .x_labels(cols)
            .y_labels(rows)
            .x_desc(tr_in(heatmap.lang, "fig.sf.batch"))
            .y_desc(font::printable(&heatmap.lr_label))
            .x_label_formatter(&|v| label_of(&heatmap.batch_labels, *v))
            .y_label_formatter(&|v| label_of(&heatmap.lr_labels, *v)),
        f,
        INK,
    )?;
    let gradient = ColorMap::Viridis.gradient();
    for cell in &heatmap.cells {
        #[allow(clippy::cast_precision_loss)]
        let (x, y) = (cell.col as f64, cell.row as f64);
        let fill = match cell.value {
            Some(v) if vhi > vlo => {
                let t = (v - vlo) / (vhi - vlo);
                let t = if heatmap.classification { t } else { 1.0 - t };
                let c = gradient.eval_continuous(t.clamp(0.0, 1.0));
                RGBColor(c.r, c.g, c.b)
            }
            Some(_) => RGBColor(140, 140, 140),
            None => RGBColor(45, 45, 45),
        };
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)],
                fill.filled(),
            )))
            .map_err(draw_err)?;
        let label = match cell.value {
            Some(v) if heatmap.classification => format!("{:.1}", v * 100.0),
            Some(v) => tick_label(v),
            None if cell.all_diverged => "×".to_string(),
            None => "–".to_string(),
        };
        let light = u32::from(fill.0) + u32::from(fill.1) > 300;
        let ink = if light { INK } else { [245, 245, 245] };
        chart
            .draw_series(std::iter::once(Text::new(
                label,
                (x, y),
                text_style(0.8 * f, ink, Pos::new(HPos::Center, VPos::Center)),
            )))
            .map_err(draw_err)?;
    }
    Ok(())
}

fn draw_lambda<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    figure: &SharpFlatFigure,
    f: f64,
) -> Result<(), RenderError> {
    let steps = figure
        .lambda
        .iter()
        .flat_map(|c| c.iter().map(|p| p[0]))
        .fold(1.0, f64::max);
    let mut hi = figure
        .lambda
        .iter()
        .flat_map(|c| c.iter().map(|p| p[1]))
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    for edge in figure.thresholds.iter().filter(|e| e.is_finite()) {
        hi = hi.max(*edge);
    }
    let mut chart = ChartBuilder::on(area)
        .margin((0.8 * f) as u32)
        .caption(
            tr_in(
                figure.lang,
                if figure.curve.preconditioned() {
                    "fig.sf.lambda_precond"
                } else {
                    "fig.sf.lambda"
                },
            ),
            text_style(1.0 * f, INK, Pos::new(HPos::Center, VPos::Top)),
        )
        .x_label_area_size((2.6 * f) as u32)
        .y_label_area_size((4.0 * f) as u32)
        .build_cartesian_2d(0.0..steps, 0.0..(hi * 1.1).max(1e-3))
        .map_err(draw_err)?;
    draw_axes(
        chart
            .configure_mesh()
            .disable_mesh()
            .x_desc(tr_in(figure.lang, "fig.step"))
            .y_desc(figure.curve.axis())
            .x_label_formatter(&|v| tick_label(*v))
            .y_label_formatter(&|v| tick_label(*v)),
        f,
        INK,
    )?;
    for (i, curve) in figure.lambda.iter().enumerate() {
        let color = rgb(OKABE_ITO_RGB[i]);
        chart
            .draw_series(LineSeries::new(
                curve.iter().map(|p| (p[0], p[1])),
                color.stroke_width(3),
            ))
            .map_err(draw_err)?
            .label(format!("B = {}", figure.batches[i]))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(3))
            });
    }
    // One grey line when both runs share the edge, else each run's in its colour.
    let [a, b] = figure.thresholds;
    let edges: Vec<(f64, RGBColor)> = if a == b {
        vec![(a, RGBColor(110, 110, 110))]
    } else {
        vec![(a, rgb(OKABE_ITO_RGB[0])), (b, rgb(OKABE_ITO_RGB[1]))]
    };
    for (edge, color) in edges.into_iter().filter(|(e, _)| e.is_finite()) {
        chart
            .draw_series(std::iter::once(PathElement::new(
                vec![(0.0, edge), (steps, edge)],
                color.stroke_width(2),
            )))
            .map_err(draw_err)?
            .label(fill_text(
                tr_in(figure.lang, figure.curve.figure_edge_key()),
                &[&tick_label(edge)],
            ))
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(180, 180, 180))
        .label_font(text_style(0.8 * f, INK, Pos::new(HPos::Left, VPos::Center)))
        .draw()
        .map_err(draw_err)
}
