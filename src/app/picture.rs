//! What the labs' plots borrow every frame, made once when a result arrives:
//! [`SurfacePicture`] (a grid's texture, colour scale and contour lines) and [`TrainedRuns`]
//! (trained runs as plot series: paths, loss and learning-rate curves, legends, the loss
//! axis's range). Shared by the labs and by the widgets of [`crate::ui`].

use egui_plot::PlotPoint;

use crate::core::landscape::Grid;
use crate::core::train::{RunSpec, Trajectory};
use crate::ui::heatmap::{self, ColorMap, ColorScale};

/// A grid made ready to draw: its texture, scale and contour lines (built once per grid).
pub struct SurfacePicture {
    /// The grid the picture shows.
    pub grid: Grid,
    /// Maps values to colours.
    pub scale: ColorScale,
    /// The heatmap, uploaded once.
    pub texture: egui::TextureHandle,
    /// Contour polylines in (θ₁, θ₂).
    pub contours: Vec<Vec<PlotPoint>>,
    /// The colour map it was drawn with.
    pub colormap: ColorMap,
    /// Whether the scale is logarithmic.
    pub log_scale: bool,
}

/// Contour levels drawn over a heatmap.
const CONTOUR_LEVELS: usize = 12;

impl SurfacePicture {
    /// Builds the texture, scale and contours of a grid (once per grid). The texture of
    /// `previous`, if any, is reused (uploaded again) instead of allocating a new one.
    #[must_use]
    pub fn new(
        ctx: &egui::Context,
        texture_name: &str,
        grid: Grid,
        log_scale: bool,
        colormap: ColorMap,
        previous: Option<Self>,
    ) -> Self {
        let scale = ColorScale::for_grid(&grid, log_scale);
        let image = heatmap::grid_image(&grid, &scale, colormap);
        let contours = heatmap::contour_lines(&grid, &scale, CONTOUR_LEVELS)
            .into_iter()
            .map(|line| {
                line.into_iter()
                    .map(|p| PlotPoint::new(p[0], p[1]))
                    .collect()
            })
            .collect();
        let options = egui::TextureOptions::LINEAR;
        let texture = match previous {
            Some(mut old) => {
                old.texture.set(image, options);
                old.texture
            }
            None => ctx.load_texture(texture_name, image, options),
        };
        Self {
            grid,
            scale,
            texture,
            contours,
            colormap,
            log_scale,
        }
    }
}

impl SurfacePicture {
    /// Puts the picture of `grid` in `slot`, reusing the texture of the picture there.
    pub fn replace(
        slot: &mut Option<Self>,
        ctx: &egui::Context,
        texture_name: &str,
        grid: Grid,
        log_scale: bool,
        colormap: ColorMap,
    ) {
        let previous = slot.take();
        *slot = Some(Self::new(
            ctx,
            texture_name,
            grid,
            log_scale,
            colormap,
            previous,
        ));
    }

    /// Recolours the picture in `slot` (same grid and scale) with `colormap`.
    pub fn recolour(
        slot: &mut Option<Self>,
        ctx: &egui::Context,
        texture_name: &str,
        colormap: ColorMap,
    ) {
        if let Some(picture) = slot.as_ref() {
            let (grid, log_scale) = (picture.grid.clone(), picture.log_scale);
            Self::replace(slot, ctx, texture_name, grid, log_scale, colormap);
        }
    }
}

/// Trained runs with everything the plots borrow each frame (no per-frame copies).
#[derive(Clone, Debug)]
pub struct TrainedRuns {
    /// The run specs that produced the trajectories (legend texts).
    pub runs: Vec<RunSpec>,
    /// N, for the batch-size part of the legend.
    pub n_train: usize,
    /// One per run.
    pub trajectories: Vec<Trajectory>,
    /// Parameters (θ₁, θ₂) per point, one series per run.
    pub paths: Vec<Vec<PlotPoint>>,
    /// (step, train loss) per point, y in log10 when `log_loss`.
    pub train_curves: Vec<Vec<PlotPoint>>,
    /// (step, test loss) per point, y in log10 when `log_loss`.
    pub test_curves: Vec<Vec<PlotPoint>>,
    /// (step, learning rate of that step) per step, one series per run.
    pub lr_curves: Vec<Vec<PlotPoint>>,
    /// Whether every loss is > 0, so the loss axis is logarithmic.
    pub log_loss: bool,
    /// The longest trajectory's last step.
    pub last_step: usize,
    /// The loss plot's y range (in plot units): every run that did not diverge, so a
    /// diverging run leaves through the top instead of squashing the others.
    pub loss_range: [f64; 2],
    /// Each run's tuned learning rate, shown in its legend (empty or None: not tuned).
    pub tuned_lrs: Vec<Option<f64>>,
}

impl TrainedRuns {
    /// Prepares the plot series of freshly trained runs.
    #[must_use]
    pub fn new(runs: Vec<RunSpec>, n_train: usize, trajectories: Vec<Trajectory>) -> Self {
        let paths = trajectories
            .iter()
            .map(|t| {
                (0..t.len())
                    .map(|i| {
                        let p = t.point(i);
                        PlotPoint::new(p[0], p.get(1).copied().unwrap_or(0.0))
                    })
                    .collect()
            })
            .collect();
        Self::with_paths(runs, n_train, trajectories, paths)
    }

    /// Prepares the loss curves of trained runs whose paths on screen are `paths` (for a
    /// network: the coordinates on a plane through weight space, one series per run; they may
    /// be empty until the plane is known). The trajectories' parameters are not read, so a
    /// caller may pass them without (`params` empty) to save memory.
    #[must_use]
    pub fn with_paths(
        runs: Vec<RunSpec>,
        n_train: usize,
        trajectories: Vec<Trajectory>,
        paths: Vec<Vec<PlotPoint>>,
    ) -> Self {
        let log_loss = trajectories.iter().all(|t| {
            t.train_loss
                .iter()
                .chain(&t.test_loss)
                .all(|&l| l > 0.0 || !l.is_finite())
        });
        let y = |l: f64| if log_loss { libm::log10(l) } else { l };
        let curve = |losses: &[f64]| -> Vec<PlotPoint> {
            losses
                .iter()
                .enumerate()
                .filter(|(_, l)| l.is_finite())
                .map(|(i, &l)| PlotPoint::new(i as f64, y(l)))
                .collect()
        };
        let train_curves: Vec<Vec<PlotPoint>> =
            trajectories.iter().map(|t| curve(&t.train_loss)).collect();
        let test_curves = trajectories.iter().map(|t| curve(&t.test_loss)).collect();
        let last_step = trajectories
            .iter()
            .map(|t| t.len().saturating_sub(1))
            .max()
            .unwrap_or(0);
        let loss_range = loss_range(&trajectories, &[&train_curves]);
        let lr_curves = trajectories
            .iter()
            .map(|t| {
                t.lr.iter()
                    .enumerate()
                    .map(|(k, &lr)| PlotPoint::new((k + 1) as f64, lr))
                    .collect()
            })
            .collect();
        Self {
            lr_curves,
            runs,
            n_train,
            trajectories,
            paths,
            train_curves,
            test_curves,
            log_loss,
            last_step,
            loss_range,
            tuned_lrs: Vec::new(),
        }
    }

    /// The legend text of run `i` in the current language ([`run_legend`]).
    #[must_use]
    pub fn legend(&self, i: usize) -> String {
        let diverged = self.trajectories.get(i).is_some_and(Trajectory::diverged);
        let mut text = self.runs.get(i).map_or_else(
            || crate::i18n::fill("common.legend.run", &[&(i + 1)]),
            |r| run_legend(r, self.n_train, diverged),
        );
        if let Some(lr) = self.tuned_lrs.get(i).copied().flatten() {
            text.push_str(&crate::i18n::fill(
                "pg.legend.tuned",
                &[&crate::core::fmt3(lr)],
            ));
        }
        text
    }
}

/// A run's legend in the current language: [`RunSpec::legend`] with the full batch's word
/// translated (`B=전체`), plus " — diverged" (" — 발산") when it diverged.
#[must_use]
pub fn run_legend(run: &RunSpec, n_train: usize, diverged: bool) -> String {
    let mut text = run.legend_with(n_train, crate::i18n::tr("common.legend.full"));
    if diverged {
        text.push_str(crate::i18n::tr("common.legend.diverged"));
    }
    text
}

/// The highest finite y of `points` (None when there is none): the top of a plot's y range.
pub fn highest_y<'a>(points: impl IntoIterator<Item = &'a PlotPoint>) -> Option<f64> {
    points
        .into_iter()
        .map(|p| p.y)
        .filter(|y| y.is_finite())
        .reduce(f64::max)
}

/// The loss axis's y range over `curve_sets` (each indexed by run: the train curves, the test
/// curves, …) of the runs that did not diverge — the first points of every run when every
/// run diverged, `[0, 1]` with no points at all —, with a 5 % margin.
#[must_use]
pub fn loss_range(trajectories: &[Trajectory], curve_sets: &[&[Vec<PlotPoint>]]) -> [f64; 2] {
    let fold = |only_converging: bool, first_only: bool| {
        curve_sets
            .iter()
            .flat_map(|curves| trajectories.iter().zip(curves.iter()))
            .filter(|(t, _)| !only_converging || !t.diverged())
            .flat_map(|(_, c)| c.iter().take(if first_only { 1 } else { c.len() }))
            .map(|p| p.y)
            .filter(|y| y.is_finite())
            .fold(None, |acc: Option<[f64; 2]>, y| match acc {
                None => Some([y, y]),
                Some([lo, hi]) => Some([lo.min(y), hi.max(y)]),
            })
    };
    let range = fold(true, false)
        .or_else(|| fold(false, true))
        .unwrap_or([0.0, 1.0]);
    let pad = ((range[1] - range[0]) * 0.05).max(1e-9);
    [range[0] - pad, range[1] + pad]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highest_y_skips_what_is_not_finite() {
        let points = [
            PlotPoint::new(0.0, 1.5),
            PlotPoint::new(1.0, f64::NAN),
            PlotPoint::new(2.0, f64::INFINITY),
            PlotPoint::new(3.0, -2.0),
        ];
        assert_eq!(highest_y(&points), Some(1.5));
        assert_eq!(highest_y(&points[1..3]), None);
        assert_eq!(highest_y(&[]), None);
    }
}
