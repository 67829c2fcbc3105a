//! A fair race: each run's learning rate tuned for the lowest final training loss.
//!
//! The search, per run, in three stages ([`tune`]):
//!
//! 1. **Grid.** A log grid from [`TuneSpec::lo`] to [`TuneSpec::hi`] (default 10⁻⁴ … 10¹,
//!    [`TuneSpec::per_decade`] = 3 points a decade: 1, 2.15, 4.64, 10, …, 16 points). Three a
//!    decade is the coarsest grid whose neighbours are within a factor of 2.2: the loss
//!    against log η of a run that converges is smooth and wide enough that a best grid point
//!    lands in the right basin, while the divergence edge (where the best η often sits just
//!    below) is found to within that factor.
//! 2. **Refinement.** A finer log grid between the best grid point's two neighbours:
//!    [`TuneSpec::refine`] = 3 points each side, so steps of 10^(1/12) ≈ 1.21.
//!
//! Grid and refinement points are rounded to 3 significant digits ([`round3`]: 0.00178, not
//! 0.0017782794100389228), so a tuned preset holds numbers a person can read and retype, and
//! the value written is the value that was trained.
//! 3. **Check.** The best so far is compared with half and twice itself; if either is
//!    strictly better, the search moves there and checks again (at most
//!    [`TuneSpec::max_checks`] moves). A tuned η is therefore never worse than η/2 and 2η,
//!    which is what the tests check — unless η/2 or 2η leaves the searched range
//!    [`TuneSpec::lo`] … [`TuneSpec::hi`], which the check does not: a run whose loss hardly
//!    depends on `lr` (a one-cycle schedule sets its own `max_lr`) would otherwise drift
//!    towards 10⁻⁷ on differences of rounding size.
//!
//! The objective of a learning rate is the final full-batch training loss of the run trained
//! as the race trains it ([`crate::core::train::train`]: the run's batch size, schedule,
//! noise and clipping, from the race's start for its steps), the mean over the seeds of
//! [`TuneSpec::seeds`]; a run that diverges (a non-finite loss or parameter) counts as +∞.
//! The seeds change the mini-batch order and the gradient noise; a full-batch run without
//! gradient noise is deterministic, so [`seeds_for`] gives it the first seed alone.
//!
//! `core` has no threads: [`tune`] asks its `evaluate` callback for each stage's
//! [`Probe`]s at once, and the jobs layer ([`crate::jobs::tune`]) trains them in parallel.
//! Every probe is a pure function of (run, η, seed), and ties go to the smaller η, so the
//! result is the same on any number of threads.

use std::sync::atomic::AtomicBool;

use crate::core::objective::{Batch, Objective};
use crate::core::train::{self, RunSpec, RunStatus};

/// The seeds averaged over by default (for runs whose training is random): the window's and
/// `basin tune`'s.
pub const DEFAULT_SEEDS: usize = 3;

/// How the learning rates are searched.
#[derive(Clone, Debug, PartialEq)]
pub struct TuneSpec {
    /// The smallest learning rate of the grid.
    pub lo: f64,
    /// The largest learning rate of the grid.
    pub hi: f64,
    /// Grid points per decade.
    pub per_decade: usize,
    /// Refinement points on each side of the best grid point, between it and its neighbour.
    pub refine: usize,
    /// At most this many moves to η/2 or 2η in the check.
    pub max_checks: usize,
    /// The seeds whose final losses are averaged (mini-batch order and gradient noise).
    pub seeds: Vec<u64>,
}

impl TuneSpec {
    /// The default search (10⁻⁴ … 10¹, 3 a decade, 3 refinement points a side, 8 checks) with
    /// `seeds` seeds from `first_seed` on.
    #[must_use]
    pub fn with_seeds(first_seed: u64, seeds: usize) -> Self {
        Self {
            lo: 1e-4,
            hi: 10.0,
            per_decade: 3,
            refine: 3,
            max_checks: 8,
            seeds: (0..seeds.max(1) as u64)
                .map(|k| first_seed.wrapping_add(k))
                .collect(),
        }
    }

    /// The log grid from `lo` to `hi` (both included, up to rounding of the last point).
    #[must_use]
    pub fn grid(&self) -> Vec<f64> {
        let per = self.per_decade.max(1) as f64;
        let decades = libm::log10(self.hi / self.lo);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let steps = (decades * per).round().max(0.0) as i32;
        (0..=steps)
            .map(|k| round3(self.lo * libm::pow(10f64, f64::from(k) / per)))
            .collect()
    }

    /// The refinement points around `best` (not `best` itself), smallest first.
    #[must_use]
    pub fn refinement(&self, best: f64) -> Vec<f64> {
        #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
        let r = self.refine as i32;
        let step = 1.0 / (self.per_decade.max(1) as f64 * f64::from(r + 1));
        (-r..=r)
            .filter(|&k| k != 0)
            .map(|k| round3(best * libm::pow(10f64, f64::from(k) * step)))
            .collect()
    }
}

/// `x` rounded to 3 significant digits.
#[must_use]
pub fn round3(x: f64) -> f64 {
    format!("{x:.2e}").parse().unwrap_or(x)
}

/// The seeds a run needs: all of `spec`'s if its training is random (mini-batches or
/// gradient noise), else the first alone (a full-batch run without noise is deterministic).
#[must_use]
pub fn seeds_for<'a>(spec: &'a TuneSpec, run: &RunSpec, n_train: usize) -> &'a [u64] {
    let random = run.effective_batch(n_train) < n_train || run.grad_noise > 0.0;
    if random || spec.seeds.is_empty() {
        &spec.seeds
    } else {
        &spec.seeds[..1]
    }
}

/// One objective evaluation asked of the caller: run `run` at learning rate `lr`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Probe {
    /// The run's index.
    pub run: usize,
    /// The learning rate tried.
    pub lr: f64,
}

/// What the search found for one run.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TunedRun {
    /// The tuned learning rate; None when every learning rate tried diverged.
    pub lr: Option<f64>,
    /// Its objective (mean final training loss; +∞ when `lr` is None).
    pub loss: f64,
    /// Every (learning rate, objective) tried, in increasing learning rate.
    pub tried: Vec<(f64, f64)>,
}

/// The training loss of `inner` with the held-out loss left out: tuning reads the final
/// training loss only, and the test set (1,024 samples by default) would cost more than the
/// training.
struct TrainingLossOnly<'a>(&'a dyn Objective);

impl Objective for TrainingLossOnly<'_> {
    fn dim(&self) -> usize {
        self.0.dim()
    }
    fn n_train(&self) -> usize {
        self.0.n_train()
    }
    fn loss_grad(&self, theta: &[f64], batch: Batch<'_>, grad: &mut [f64]) -> f64 {
        self.0.loss_grad(theta, batch, grad)
    }
    fn loss(&self, theta: &[f64], batch: Batch<'_>) -> f64 {
        self.0.loss(theta, batch)
    }
    fn test_loss(&self, _theta: &[f64]) -> f64 {
        0.0
    }
    fn state_len(&self) -> usize {
        self.0.state_len()
    }
    fn initial_state(&self) -> Vec<f64> {
        self.0.initial_state()
    }
    fn train_loss_grad(
        &self,
        theta: &[f64],
        batch: Batch<'_>,
        state: Option<&mut [f64]>,
        grad: &mut [f64],
    ) -> f64 {
        self.0.train_loss_grad(theta, batch, state, grad)
    }
    fn eval_losses(&self, theta: &[f64], state: &[f64]) -> (f64, f64) {
        if state.is_empty() {
            (self.0.loss(theta, Batch::Full), 0.0)
        } else {
            self.0.eval_losses(theta, state)
        }
    }
}

/// The race a run belongs to: what [`final_loss`] trains on.
#[derive(Clone, Copy)]
pub struct Race<'a> {
    /// The objective.
    pub objective: &'a dyn Objective,
    /// The runs.
    pub runs: &'a [RunSpec],
    /// Where every run starts.
    pub start: &'a [f64],
    /// Optimizer steps.
    pub steps: usize,
}

/// The final full-batch training loss of `probe` trained with `seed`: +∞ if it diverged,
/// None if cancelled. The run keeps its index, so seed `s` gives it the batch order and
/// noise it has in a race with seed `s`.
#[must_use]
pub fn final_loss(race: &Race<'_>, probe: Probe, seed: u64, cancel: &AtomicBool) -> Option<f64> {
    let mut run = race.runs[probe.run].clone();
    run.optimizer.lr = probe.lr;
    let objective = TrainingLossOnly(race.objective);
    let trajectory = train::train_keeping(
        &objective,
        &run,
        probe.run,
        race.start,
        race.steps,
        seed,
        train::Keep::Within(0),
        cancel,
    );
    match trajectory.status {
        RunStatus::Cancelled => None,
        RunStatus::Diverged { .. } => Some(f64::INFINITY),
        RunStatus::Finished => {
            let last = trajectory.train_loss.last().copied().unwrap_or(f64::NAN);
            Some(if last.is_finite() {
                last
            } else {
                f64::INFINITY
            })
        }
    }
}

/// The mean of `losses`, +∞ if any is (a diverged seed makes the learning rate diverged).
#[must_use]
pub fn mean_loss(losses: &[f64]) -> f64 {
    if losses.is_empty() || losses.iter().any(|l| !l.is_finite()) {
        return f64::INFINITY;
    }
    losses.iter().sum::<f64>() / losses.len() as f64
}

/// What one run's search has seen.
#[derive(Default)]
struct Search {
    tried: Vec<(f64, f64)>,
    settled: bool,
}

impl Search {
    fn value(&self, lr: f64) -> Option<f64> {
        self.tried.iter().find(|(l, _)| *l == lr).map(|&(_, v)| v)
    }

    /// The lowest objective, ties to the smaller learning rate; None if all diverged.
    fn best(&self) -> Option<(f64, f64)> {
        let mut best: Option<(f64, f64)> = None;
        for &(lr, v) in &self.tried {
            if !v.is_finite() {
                continue;
            }
            match best {
                Some((bl, bv)) if v > bv || (v == bv && lr > bl) => {}
                _ => best = Some((lr, v)),
            }
        }
        best
    }
}

/// Tunes the learning rate of each of `runs` runs (see the module docs). `evaluate` returns
/// the objective of every probe given, in order, or None when cancelled (then so does
/// `tune`). Stages: the grid of every run, the refinement of every run that did not diverge
/// everywhere, then check rounds of η/2 and 2η.
pub fn tune(
    runs: usize,
    spec: &TuneSpec,
    evaluate: &mut dyn FnMut(&[Probe]) -> Option<Vec<f64>>,
) -> Option<Vec<TunedRun>> {
    let mut searches: Vec<Search> = (0..runs).map(|_| Search::default()).collect();
    let grid = spec.grid();
    let probes: Vec<Probe> = (0..runs)
        .flat_map(|run| grid.iter().map(move |&lr| Probe { run, lr }))
        .collect();
    record(&mut searches, &probes, evaluate)?;

    let mut probes = Vec::new();
    for (run, search) in searches.iter().enumerate() {
        if let Some((best, _)) = search.best() {
            probes.extend(
                spec.refinement(best)
                    .into_iter()
                    .map(|lr| Probe { run, lr }),
            );
        }
    }
    record(&mut searches, &probes, evaluate)?;

    for _ in 0..=spec.max_checks {
        let mut probes = Vec::new();
        for (run, search) in searches.iter_mut().enumerate() {
            let Some((best, value)) = search.best() else {
                search.settled = true;
                continue;
            };
            if search.settled {
                continue;
            }
            let in_range = |lr: f64| lr >= spec.lo * (1.0 - 1e-9) && lr <= spec.hi * (1.0 + 1e-9);
            let neighbours: Vec<f64> = [best / 2.0, best * 2.0]
                .into_iter()
                .filter(|&lr| in_range(lr))
                .collect();
            let known: Vec<Option<f64>> = neighbours.iter().map(|&l| search.value(l)).collect();
            if known.iter().all(Option::is_some) {
                // Both are known: the best is at least as good as either, or it would not be
                // the best.
                debug_assert!(known.iter().flatten().all(|&v| v >= value));
                search.settled = true;
                continue;
            }
            for (&lr, k) in neighbours.iter().zip(&known) {
                if k.is_none() {
                    probes.push(Probe { run, lr });
                }
            }
        }
        if probes.is_empty() {
            break;
        }
        record(&mut searches, &probes, evaluate)?;
    }

    Some(
        searches
            .into_iter()
            .map(|mut s| {
                s.tried.sort_by(|a, b| a.0.total_cmp(&b.0));
                let best = s.best();
                TunedRun {
                    lr: best.map(|b| b.0),
                    loss: best.map_or(f64::INFINITY, |b| b.1),
                    tried: s.tried,
                }
            })
            .collect(),
    )
}

/// Evaluates `probes` and records each value in its run's search.
fn record(
    searches: &mut [Search],
    probes: &[Probe],
    evaluate: &mut dyn FnMut(&[Probe]) -> Option<Vec<f64>>,
) -> Option<()> {
    if probes.is_empty() {
        return Some(());
    }
    let values = evaluate(probes)?;
    for (p, v) in probes.iter().zip(values) {
        let v = if v.is_finite() { v } else { f64::INFINITY };
        searches[p.run].tried.push((p.lr, v));
    }
    Some(())
}

/// How many probes [`tune`] evaluates before its check rounds, for `runs` runs: what a
/// progress bar can count on (each check round adds at most two a run).
#[must_use]
pub fn planned_probes(spec: &TuneSpec, runs: usize) -> usize {
    runs * (spec.grid().len() + 2 * spec.refine + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_grid_has_three_points_a_decade_from_1e_4_to_10() {
        let spec = TuneSpec::with_seeds(0, 1);
        let grid = spec.grid();
        assert_eq!(grid.len(), 16);
        assert!((grid[0] - 1e-4).abs() < 1e-18);
        assert!((grid[15] - 10.0).abs() < 1e-9);
        let r = spec.refinement(1.0);
        assert_eq!(r.len(), 6);
        assert!(r[0] < r[5] && r[2] < 1.0 && r[3] > 1.0);
    }

    #[test]
    fn a_smooth_objective_is_tuned_to_its_minimum_within_the_half_double_check() {
        // Objective (log10 η − log10 0.03)², diverging above 0.5.
        let f = |lr: f64| {
            if lr > 0.5 {
                f64::INFINITY
            } else {
                (libm::log10(lr) - libm::log10(0.03f64)).powi(2)
            }
        };
        let spec = TuneSpec::with_seeds(0, 1);
        let tuned = tune(2, &spec, &mut |ps| {
            Some(ps.iter().map(|p| f(p.lr)).collect())
        })
        .expect("not cancelled");
        for t in &tuned {
            let lr = t.lr.expect("tuned");
            assert!(libm::log10(lr / 0.03).abs() < 1.0 / 24.0, "{lr}");
            assert!(f(lr) <= f(lr / 2.0) && f(lr) <= f(lr * 2.0));
        }
    }

    #[test]
    fn every_rate_diverging_gives_no_rate_and_a_cancel_stops_the_search() {
        let spec = TuneSpec::with_seeds(0, 1);
        let tuned = tune(1, &spec, &mut |ps| Some(vec![f64::NAN; ps.len()])).expect("ran");
        assert_eq!(tuned[0].lr, None);
        assert!(tuned[0].loss.is_infinite());
        assert!(tune(1, &spec, &mut |_| None).is_none());
    }

    #[test]
    fn the_mean_of_a_diverged_seed_is_infinite() {
        assert_eq!(mean_loss(&[1.0, 3.0]), 2.0);
        assert!(mean_loss(&[1.0, f64::INFINITY]).is_infinite());
    }
}
