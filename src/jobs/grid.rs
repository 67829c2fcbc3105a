//! Landscape grids on the current rayon pool, and the one progressive grid every lab shows: a
//! quarter-resolution pass first ([`GridSpec::coarse`]), then the full grid by rows in
//! parallel with the fraction of rows done. [`Landscape`] names what is evaluated (a toy
//! surface's shifted copies, or a network on a plane through its weights) and which layer;
//! [`progressive`] is the same loop for any row evaluator.
//!
//! Rows are independent pure functions of their index and `collect` keeps their order, so a
//! grid is the same bits on any number of threads.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::core::landscape::{self, Grid, GridRows, GridSpec, Layer};
use crate::core::network::mlp::Mlp;
use crate::core::network::plane::{MlpRows, Plane};
use crate::core::surface::ShiftedCopies;

/// The side of the coarse pass is the full side divided by this.
pub const COARSE_FACTOR: usize = 4;
/// At most this many [`GridProgress::Rows`] reports per full grid (the last is 1.0).
pub const ROW_REPORTS: usize = 16;

/// What a progressive grid reports while it runs.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum GridProgress {
    /// The quarter-resolution first pass (the same window), reported before any row of the
    /// full grid.
    Coarse(Grid),
    /// Fraction of the full grid's rows done, in (0, 1], increasing; the last report is 1.0.
    Rows(f32),
}

/// What a landscape grid is evaluated on, and which layer of it.
#[derive(Clone, Copy, Debug)]
pub enum Landscape<'a> {
    /// A toy surface: its shifted copies, `θ = (x, y)`.
    Surface {
        /// The training and test copies.
        problem: &'a ShiftedCopies,
        /// Train, test or their difference.
        layer: Layer,
    },
    /// A network's loss at `θ₀ + x·d₁ + y·d₂`.
    Network {
        /// The network on its data.
        mlp: &'a Mlp,
        /// The plane through its weights.
        plane: &'a Plane,
        /// Train, test or their difference.
        layer: Layer,
    },
}

impl Landscape<'_> {
    /// The layer evaluated.
    #[must_use]
    pub fn layer(&self) -> Layer {
        match *self {
            Self::Surface { layer, .. } | Self::Network { layer, .. } => layer,
        }
    }

    /// The grid `spec`, rows in parallel; `None` when cancelled.
    #[must_use]
    pub fn grid(&self, spec: GridSpec, cancel: &AtomicBool) -> Option<Grid> {
        self.grid_counting(spec, cancel, &|_| {})
    }

    /// The coarse pass, then the grid `spec` (see [`progressive`]); `None` when cancelled.
    #[must_use]
    pub fn progressive(
        &self,
        spec: GridSpec,
        cancel: &AtomicBool,
        report: &(dyn Fn(GridProgress) + Sync),
    ) -> Option<Grid> {
        progress_loop(spec, cancel, report, |spec, cancel, rows_done| {
            self.grid_counting(spec, cancel, rows_done)
        })
    }

    /// The grid `spec`; `rows_done(done)` as rows finish (from worker threads).
    fn grid_counting(
        &self,
        spec: GridSpec,
        cancel: &AtomicBool,
        rows_done: &(dyn Fn(usize) + Sync),
    ) -> Option<Grid> {
        match *self {
            Self::Surface { problem, layer } => {
                let rows = GridRows::new(problem, layer, spec);
                by_rows(spec, layer, cancel, rows_done, |i, row| rows.fill(i, row))
            }
            Self::Network { mlp, plane, layer } => {
                let rows = MlpRows::new(mlp, plane, layer, spec);
                by_rows(spec, layer, cancel, rows_done, |i, row| rows.fill(i, row))
            }
        }
    }
}

/// The progressive grid of any row evaluator: `rows_of(spec)` prepares the rows of a grid
/// (the work they share done once) and returns the function that fills row `i` (length
/// `spec.nx`), called from any thread in any order. First the coarse pass
/// (`spec.coarse(COARSE_FACTOR)`) is evaluated and reported as [`GridProgress::Coarse`], then
/// the full grid by rows in parallel, reporting [`GridProgress::Rows`] at most
/// [`ROW_REPORTS`] times, increasing, the last at 1.0. Returns the full grid, or `None` when
/// `cancel` was set (checked before every row).
pub fn progressive<R>(
    spec: GridSpec,
    layer: Layer,
    rows_of: impl Fn(GridSpec) -> R,
    cancel: &AtomicBool,
    report: &(dyn Fn(GridProgress) + Sync),
) -> Option<Grid>
where
    R: Fn(usize, &mut [f64]) + Sync,
{
    progress_loop(spec, cancel, report, |spec, cancel, rows_done| {
        by_rows(spec, layer, cancel, rows_done, rows_of(spec))
    })
}

/// The coarse pass, then the full grid with its rows reported (the one loop behind both
/// [`progressive`] and [`Landscape::progressive`]).
fn progress_loop(
    spec: GridSpec,
    cancel: &AtomicBool,
    report: &(dyn Fn(GridProgress) + Sync),
    grid: impl Fn(GridSpec, &AtomicBool, &(dyn Fn(usize) + Sync)) -> Option<Grid>,
) -> Option<Grid> {
    let coarse = grid(spec.coarse(COARSE_FACTOR), cancel, &|_| {})?;
    report(GridProgress::Coarse(coarse));
    let rows = spec.ny;
    let every = rows.div_ceil(ROW_REPORTS).max(1);
    // Rows finish in any order on any thread; counting and reporting under one lock keeps
    // the fractions increasing.
    let done = Mutex::new(0usize);
    grid(spec, cancel, &|_| {
        if let Ok(mut done) = done.lock() {
            *done += 1;
            if *done % every == 0 || *done == rows {
                #[allow(clippy::cast_precision_loss)]
                report(GridProgress::Rows(*done as f32 / rows as f32));
            }
        }
    })
}

/// The grid whose row `i` `fill_row(i, row)` writes, rows in parallel; `None` when
/// cancelled. `rows_done(done)` is called as rows finish. The one row loop behind every
/// landscape.
fn by_rows(
    spec: GridSpec,
    layer: Layer,
    cancel: &AtomicBool,
    rows_done: &(dyn Fn(usize) + Sync),
    fill_row: impl Fn(usize, &mut [f64]) + Sync,
) -> Option<Grid> {
    let done = AtomicUsize::new(0);
    let rows: Option<Vec<Vec<f64>>> = (0..spec.ny)
        .into_par_iter()
        .map(|i| {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let mut row = vec![0.0; spec.nx];
            fill_row(i, &mut row);
            rows_done(done.fetch_add(1, Ordering::Relaxed) + 1);
            Some(row)
        })
        .collect();
    rows.map(|rows| landscape::grid_from_rows(spec, layer, rows))
}

/// A surface grid with rows in parallel; `on_rows_done(done)` as rows finish (from worker
/// threads). Returns `None` when cancelled. [`Landscape::grid`] without the row count.
#[must_use]
pub fn surface_grid(
    problem: &ShiftedCopies,
    layer: Layer,
    spec: GridSpec,
    cancel: &AtomicBool,
    on_rows_done: &(dyn Fn(usize) + Sync),
) -> Option<Grid> {
    Landscape::Surface { problem, layer }.grid_counting(spec, cancel, on_rows_done)
}

/// A network landscape grid on `plane` with rows in parallel ([`MlpRows`]);
/// `on_rows_done(done)` as rows finish. Returns `None` when cancelled.
/// [`Landscape::grid`] without the row count.
#[must_use]
pub fn network_grid(
    mlp: &Mlp,
    plane: &Plane,
    layer: Layer,
    spec: GridSpec,
    cancel: &AtomicBool,
    on_rows_done: &(dyn Fn(usize) + Sync),
) -> Option<Grid> {
    Landscape::Network { mlp, plane, layer }.grid_counting(spec, cancel, on_rows_done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::preset;

    /// Runs `f` on a fresh pool of `threads` workers.
    fn on_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool")
            .install(f)
    }

    /// Every report of a progressive grid, in order, and its result.
    fn recorded(
        run: impl FnOnce(&(dyn Fn(GridProgress) + Sync)) -> Option<Grid>,
    ) -> (Vec<GridProgress>, Option<Grid>) {
        let events = Mutex::new(Vec::new());
        let grid = run(&|p| events.lock().expect("lock").push(p));
        (events.into_inner().expect("lock"), grid)
    }

    fn bits(grid: &Grid) -> Vec<u64> {
        grid.values.iter().map(|v| v.to_bits()).collect()
    }

    /// A cell function whose bits depend on the exact coordinates (rounding and all).
    fn wavy(spec: GridSpec) -> impl Fn(usize, &mut [f64]) + Sync {
        move |i, row| {
            let y = spec.y_at(i);
            for (j, v) in row.iter_mut().enumerate() {
                let x = spec.x_at(j);
                *v = libm::sin(3.7 * x) * libm::log(y * y + 0.1) + libm::exp(x * y).sqrt();
            }
        }
    }

    fn check_reports(events: &[GridProgress], spec: GridSpec) {
        let Some(GridProgress::Coarse(coarse)) = events.first() else {
            panic!("the coarse grid comes first: {events:?}");
        };
        assert_eq!(coarse.spec, spec.coarse(COARSE_FACTOR));
        assert_eq!(coarse.values.dim(), (spec.ny / 4, spec.nx / 4));
        let fractions: Vec<f32> = events[1..]
            .iter()
            .map(|p| match p {
                GridProgress::Rows(f) => *f,
                GridProgress::Coarse(_) => panic!("one coarse grid only"),
            })
            .collect();
        assert!(!fractions.is_empty() && fractions.len() <= ROW_REPORTS);
        assert!(fractions.windows(2).all(|w| w[0] < w[1]), "{fractions:?}");
        assert!(fractions[0] > 0.0);
        assert_eq!(fractions.last(), Some(&1.0));
    }

    #[test]
    fn progressive_grid_is_the_same_bits_on_one_or_two_threads_coarse_first() {
        let spec = GridSpec::square([-1.3, 2.1], [-0.7, 1.9], 37);
        let never = AtomicBool::new(false);
        let runs: Vec<(Vec<GridProgress>, Option<Grid>)> = [1, 2]
            .into_iter()
            .map(|threads| {
                on_pool(threads, || {
                    recorded(|report| progressive(spec, Layer::Train, wavy, &never, report))
                })
            })
            .collect();
        let (one, two) = (&runs[0], &runs[1]);
        let (g1, g2) = (one.1.as_ref().expect("grid"), two.1.as_ref().expect("grid"));
        assert_eq!(bits(g1), bits(g2));
        assert_eq!(g1.spec, spec);
        // Cell (i, j) is the evaluator's value at (x_at(j), y_at(i)).
        let mut row = vec![0.0; spec.nx];
        wavy(spec)(5, &mut row);
        assert_eq!(g1.values.row(5).to_vec(), row);
        for (events, _) in &runs {
            check_reports(events, spec);
        }
    }

    #[test]
    fn surface_and_network_landscapes_are_the_same_bits_on_one_or_two_threads() {
        let e =
            preset::load_surface("sharp-vs-flat", &[]).expect("sharp-vs-flat is a surface preset");
        let problem = e.problem.build(e.seed);
        let spec = GridSpec::square([-1.5, 1.5], [-1.0, 1.0], 24);
        let never = AtomicBool::new(false);
        let surface = Landscape::Surface {
            problem: &problem,
            layer: Layer::Gap,
        };
        let grids: Vec<Vec<u64>> = [1, 2]
            .into_iter()
            .map(|threads| {
                let (events, grid) = on_pool(threads, || {
                    recorded(|r| surface.progressive(spec, &never, r))
                });
                check_reports(&events, spec);
                bits(&grid.expect("grid"))
            })
            .collect();
        assert_eq!(grids[0], grids[1]);
        // The same numbers as the sequential grid of the core.
        let sequential = landscape::surface_grid(&problem, Layer::Gap, spec);
        assert_eq!(grids[0], bits(&sequential));

        let Ok(preset::Preset::Network(n)) = preset::load(
            "moons",
            &["problem.n_train=64".into(), "problem.n_test=40".into()],
        ) else {
            panic!("moons is a network preset");
        };
        let mlp = n.build_mlp().expect("mlp");
        let theta = preset::NetworkExperiment::initial_params(&mlp, n.seed);
        let plane = crate::core::network::directions::random_plane(
            mlp.architecture(),
            &theta,
            n.seed,
            crate::core::network::directions::BiasDirection::Zero,
        )
        .expect("plane");
        let network = Landscape::Network {
            mlp: &mlp,
            plane: &plane,
            layer: Layer::Test,
        };
        let spec = GridSpec::square([-1.0, 1.0], [-1.0, 1.0], 13);
        let grids: Vec<Vec<u64>> = [1, 2]
            .into_iter()
            .map(|threads| bits(&on_pool(threads, || network.grid(spec, &never)).expect("grid")))
            .collect();
        assert_eq!(grids[0], grids[1]);
        let mut row = vec![0.0; spec.nx];
        MlpRows::new(&mlp, &plane, Layer::Test, spec).fill(6, &mut row);
        assert!(row.iter().all(|v| v.is_finite()));
        assert_eq!(
            grids[0][6 * 13..7 * 13].to_vec(),
            row.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_cancelled_progressive_grid_reports_nothing_and_returns_none() {
        let cancel = AtomicBool::new(true);
        let spec = GridSpec::square([0.0, 1.0], [0.0, 1.0], 20);
        let (events, grid) =
            recorded(|report| progressive(spec, Layer::Train, wavy, &cancel, report));
        assert!(grid.is_none());
        assert!(events.is_empty());
    }

    #[test]
    fn a_small_grid_reports_every_row() {
        // 5 rows: fewer than ROW_REPORTS, so every row is reported.
        let spec = GridSpec::square([0.0, 1.0], [0.0, 1.0], 5);
        let never = AtomicBool::new(false);
        let (events, _) = recorded(|r| progressive(spec, Layer::Train, wavy, &never, r));
        let expected: Vec<GridProgress> = (1..=5u8)
            .map(|d| GridProgress::Rows(f32::from(d) / 5.0))
            .collect();
        assert_eq!(events[1..].to_vec(), expected);
    }
}
