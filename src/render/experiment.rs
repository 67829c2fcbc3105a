//! Runs a preset headless and gathers what its lab's main figure shows: trains the runs and
//! evaluates the view grid (surface and network presets, on the current rayon pool through
//! [`crate::jobs::tasks`], [`crate::jobs::grid`] and [`crate::jobs::network`]) or runs the
//! bias–variance sweep. Each figure is worded in the language given. `basin render` calls
//! these; the app builds its figures from the results it already has on screen.

use std::sync::atomic::AtomicBool;

use super::overlay::StepFigure;
use super::{BiasVarianceFigure, Figure, LandscapeFigure, RenderError, SharpFlatFigure};
use crate::core::landscape::GridSpec;
use crate::i18n::Lang;
use crate::jobs::grid::Landscape;
use crate::jobs::network::{self, PipelineError};
use crate::jobs::{compare, tasks};
use crate::preset::{NetworkExperiment, RegressionExperiment, SurfaceExperiment};

/// The Playground figure of a surface experiment: trains its runs and evaluates its view.
///
/// # Errors
/// [`RenderError::Cancelled`] if the grid was cancelled.
pub fn surface_figure(
    experiment: &SurfaceExperiment,
    preset_name: &str,
    lang: Lang,
) -> Result<Figure, RenderError> {
    let problem = experiment.problem.build(experiment.seed);
    let never = AtomicBool::new(false);
    let trajectories = tasks::train_all(experiment, &problem, &never);
    let view = &experiment.view;
    let spec = GridSpec::square(view.x, view.y, view.resolution);
    let grid = Landscape::Surface {
        problem: &problem,
        layer: view.layer,
    }
    .grid(spec, &never)
    .ok_or(RenderError::Cancelled)?;
    let mut figure = LandscapeFigure::surface(experiment, preset_name, grid, &trajectories, lang);
    figure.step = StepFigure::of_experiment(experiment, &problem, &trajectories, lang);
    Ok(Figure::Landscape(Box::new(figure)))
}

/// The landscape figure of a network experiment: trains its runs, builds its plane and
/// evaluates the loss there.
///
/// # Errors
/// [`RenderError::Invalid`] if the network cannot be built or the plane is degenerate.
pub fn network_figure(
    experiment: &NetworkExperiment,
    preset_name: &str,
    lang: Lang,
) -> Result<Figure, RenderError> {
    let never = AtomicBool::new(false);
    let done = network::run_headless(experiment, &never).map_err(|e| match e {
        PipelineError::Build(e) => RenderError::Invalid(format!("cannot build the network: {e}")),
        PipelineError::Plane { error, .. } => {
            RenderError::Invalid(format!("cannot build the plane: {error}"))
        }
        PipelineError::Running(e) => {
            RenderError::Invalid(format!("cannot measure in eval mode: {e}"))
        }
        PipelineError::Cancelled => RenderError::Cancelled,
    })?;
    Ok(Figure::Landscape(Box::new(LandscapeFigure::network(
        experiment,
        preset_name,
        done.grid,
        &done.trained.trajectories,
        &done.plane,
        lang,
    ))))
}

/// The Sharp vs Flat figure of a network or surface preset: trains the small and the large
/// batch ([`compare::Settings::from_source`]: run 0's optimizer, runs 0 and 1's batch sizes),
/// interpolates between their solutions, and runs the sweep (the preset's `[sweep]`, or the
/// default grid around run 0). `progress(done, total)` reports sweep cells.
///
/// # Errors
/// [`RenderError::Invalid`] if the problem cannot be built or a run diverged (nothing to
/// interpolate), [`RenderError::Cancelled`] if the sweep was cancelled.
pub fn sharp_flat_figure(
    source: compare::Source,
    preset_name: &str,
    lang: Lang,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Figure, RenderError> {
    let settings = compare::Settings::from_source(&source);
    // The figure draws the comparison only: once it has arrived, the job stops (no
    // spectra, no plane).
    let arrived = AtomicBool::new(false);
    let slot = std::sync::Mutex::new(None);
    let keep = |c: compare::Comparison| {
        if let Ok(mut s) = slot.lock() {
            *s = Some(c);
        }
        arrived.store(true, std::sync::atomic::Ordering::Relaxed);
    };
    let skip = AtomicBool::new(true);
    let progress_of = compare::Progress {
        compared: &keep,
        coarse: &|_| {},
        rows: &|_| {},
        spectra: &|_| {},
        spectra_done: &|_| {},
        skip_spectra: &skip,
    };
    compare::compare(
        &source,
        &settings,
        crate::core::train::Keep::Every,
        &arrived,
        &progress_of,
    );
    let comparison = slot
        .into_inner()
        .ok()
        .flatten()
        .ok_or(RenderError::Cancelled)?;
    if let Some(problem) = comparison.problems.first()
        && comparison.interpolation.is_empty()
    {
        return Err(RenderError::Invalid(problem.clone()));
    }
    let never = AtomicBool::new(false);
    let sweep = compare::run_sweep(&source, &settings.sweep, &never, progress)
        .ok_or(RenderError::Cancelled)?;
    Ok(Figure::SharpFlat(Box::new(SharpFlatFigure::new(
        &comparison,
        Some(&sweep),
        preset_name,
        source.name(),
        source.seed(),
        lang,
    ))))
}

/// The Bias–Variance figure: runs the sweep.
///
/// # Errors
/// [`RenderError::Cancelled`] if the sweep was cancelled.
pub fn biasvar_figure(
    experiment: &RegressionExperiment,
    preset_name: &str,
    lang: Lang,
) -> Result<Figure, RenderError> {
    if experiment.data.is_some() {
        // The figure draws a truth, which a person's own data does not have.
        return Err(RenderError::Invalid(format!(
            "{preset_name}: a figure of a Bias–Variance preset on a data file \
             (problem.dataset = \"file\") cannot be rendered yet; `basin biasvar` writes its \
             numbers as CSV, and the window draws it"
        )));
    }
    let never = AtomicBool::new(false);
    let sweep = tasks::bias_variance(&experiment.config, &never, &|_, _| {})
        .ok_or(RenderError::Cancelled)?;
    Ok(Figure::BiasVariance(Box::new(BiasVarianceFigure::new(
        experiment,
        preset_name,
        &sweep,
        lang,
    ))))
}
