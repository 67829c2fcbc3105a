//! [`Runner`]: one run of the training loop in progress — its batch order, gradient noise,
//! clipping, optimizer, schedule, parameters and training state — stepped by
//! [`super::train_keeping`], which records it, and by the step anatomy, which replays a run to
//! any step and looks inside the next.

use rand_distr::{Distribution as _, StandardNormal};

use super::{BatchSampler, RUN_NOISE, RunSpec, clip_grad_norm};
use crate::core::objective::{Batch, Objective};
use crate::core::optim::Optimizer;
use crate::core::rng::{self, Rng};
use crate::core::schedule::Scheduler;

/// One run in progress: its batch order, gradient noise, optimizer, schedule, parameters and
/// training state. [`train_keeping`] records what it does; the step anatomy
/// ([`crate::core::anatomy`]) replays a run to any step with it and looks inside the next, so
/// both take the very same steps.
pub struct Runner<'a> {
    objective: &'a dyn Objective,
    run: &'a RunSpec,
    n: usize,
    batch: usize,
    sampler: BatchSampler,
    noise_rng: Rng,
    optimizer: Box<dyn Optimizer>,
    scheduler: Scheduler,
    indices: Vec<usize>,
    pub(super) theta: Vec<f64>,
    grad: Vec<f64>,
    pub(super) state: Vec<f64>,
}

impl<'a> Runner<'a> {
    /// Run `run_index` of an experiment with `seed`, at `start`, before its first step.
    #[must_use]
    pub fn new(
        objective: &'a dyn Objective,
        run: &'a RunSpec,
        run_index: usize,
        start: &[f64],
        seed: u64,
    ) -> Self {
        let dim = objective.dim();
        let n = objective.n_train();
        let batch = run.effective_batch(n);
        let run_id = run_index as u64;
        Self {
            objective,
            run,
            n,
            batch,
            sampler: BatchSampler::new(n, batch, rng::rng_for(seed, rng::stream::RUNS + run_id)),
            noise_rng: rng::rng_for(seed, RUN_NOISE + run_id),
            optimizer: run.optimizer.build(dim),
            scheduler: run.schedule.start(run.optimizer.lr),
            indices: Vec::new(),
            theta: start.to_vec(),
            grad: vec![0.0; dim],
            state: objective.initial_state(),
        }
    }

    /// Takes one step (mini-batch gradient, noise, clipping, the optimizer, the schedule);
    /// returns the learning rate it used.
    pub fn step(&mut self) -> f64 {
        let full = self.batch >= self.n;
        if !full {
            self.indices.clear();
            self.indices.extend_from_slice(self.sampler.next_batch());
        }
        let batch_of = if full {
            Batch::Full
        } else {
            Batch::Indices(&self.indices)
        };
        let objective = self.objective;
        objective.train_loss_grad(
            &self.theta,
            batch_of,
            (!self.state.is_empty()).then_some(&mut self.state[..]),
            &mut self.grad,
        );
        if self.run.grad_noise > 0.0 {
            for g in &mut self.grad {
                let z: f64 = StandardNormal.sample(&mut self.noise_rng);
                *g += self.run.grad_noise * z;
            }
        }
        if let Some(max_norm) = self.run.clip_grad_norm {
            clip_grad_norm(&mut self.grad, max_norm);
        }
        let mut grad_at =
            |p: &[f64], g: &mut [f64]| objective.train_loss_grad(p, batch_of, None, g);
        let lr = self.scheduler.lr();
        self.optimizer
            .step(lr, &mut self.theta, &self.grad, &mut grad_at);
        self.scheduler.step();
        lr
    }

    /// The parameters now.
    #[must_use]
    pub fn theta(&self) -> &[f64] {
        &self.theta
    }

    /// The gradient the last step handed the optimizer (mini-batch, after noise and
    /// clipping).
    #[must_use]
    pub fn grad(&self) -> &[f64] {
        &self.grad
    }

    /// The learning rate the next step will use.
    #[must_use]
    pub fn next_lr(&self) -> f64 {
        self.scheduler.lr()
    }

    /// The optimizer, read-only (its buffers: [`Optimizer::inspect`]).
    #[must_use]
    pub fn optimizer(&self) -> &dyn Optimizer {
        self.optimizer.as_ref()
    }
}
