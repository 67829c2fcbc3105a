//! Tuning every run's learning rate in parallel ([`crate::core::tune`]): each stage's probes ×
//! seeds are independent trainings run on the current rayon pool (the app's pool inside a
//! job, the global pool in the CLI), collected in order, and averaged over the seeds in seed
//! order, so the tuned learning rates are the same bits on any number of threads.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::core::tune::{self, Probe, Race, TuneSpec, TunedRun};
use crate::preset::SurfaceExperiment;

/// Tunes every run of `experiment` on the race's own data, start and steps. `progress(done,
/// planned)` counts trainings (from worker threads; `done` may pass `planned` in the check
/// rounds). None when cancelled.
#[must_use]
pub fn tune_experiment(
    experiment: &SurfaceExperiment,
    spec: &TuneSpec,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Option<Vec<TunedRun>> {
    let problem = experiment.problem.build(experiment.seed);
    let race = Race {
        objective: &problem,
        runs: &experiment.runs,
        start: &experiment.training.start,
        steps: experiment.training.steps,
    };
    tune_race(&race, spec, cancel, progress)
}

/// [`tune::tune`] of every run of `race`, each stage's trainings in parallel.
#[must_use]
pub fn tune_race(
    race: &Race<'_>,
    spec: &TuneSpec,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Option<Vec<TunedRun>> {
    let n = race.objective.n_train();
    let seeds = |run: usize| tune::seeds_for(spec, &race.runs[run], n);
    let per_run = tune::planned_probes(spec, 1);
    let planned: usize = (0..race.runs.len()).map(|r| per_run * seeds(r).len()).sum();
    let done = AtomicUsize::new(0);
    let mut evaluate = |probes: &[Probe]| -> Option<Vec<f64>> {
        let cells: Vec<(usize, u64)> = probes
            .iter()
            .enumerate()
            .flat_map(|(i, p)| seeds(p.run).iter().map(move |&s| (i, s)))
            .collect();
        let losses: Vec<Option<f64>> = cells
            .par_iter()
            .with_max_len(1)
            .map(|&(i, seed)| {
                let loss = tune::final_loss(race, probes[i], seed, cancel);
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, planned);
                loss
            })
            .collect();
        let losses: Vec<f64> = losses.into_iter().collect::<Option<_>>()?;
        let mut means = Vec::with_capacity(probes.len());
        let mut at = 0;
        for p in probes {
            let k = seeds(p.run).len();
            means.push(tune::mean_loss(&losses[at..at + k]));
            at += k;
        }
        Some(means)
    };
    tune::tune(race.runs.len(), spec, &mut evaluate)
}

/// [`tune_experiment`] as a [`super::task::Task`], with
/// [`crate::core::tune::DEFAULT_SEEDS`] seeds from the experiment's: progress in 2 % steps.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct TuneTask {
    /// The Playground's experiment.
    pub experiment: SurfaceExperiment,
}

impl super::task::Task for TuneTask {
    const KIND: &'static str = "tune";
    type Progress = f32;
    type Output = Option<Vec<TunedRun>>;

    fn run(self, ctx: &super::JobCtx<f32, Self::Output>) -> Self::Output {
        let spec = TuneSpec::with_seeds(self.experiment.seed, tune::DEFAULT_SEEDS);
        let step = super::ProgressStep::default();
        let progress = |done: usize, planned: usize| {
            ctx.fraction(&step, done.min(planned), planned);
        };
        tune_experiment(&self.experiment, &spec, ctx.cancel_flag(), &progress)
    }
}
