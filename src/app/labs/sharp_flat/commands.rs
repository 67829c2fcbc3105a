//! The Sharp vs Flat lab's requests ([`SharpFlatCommand`]) and how the lab applies them:
//! edits of the two runs restart the comparison; edits of the sweep wait for "Run sweep",
//! and a sweep of more than [`CONFIRM_CELLS`] cells asks first.

use crate::app::command::Command;
use crate::app::lab::{LabCx, Requests};
use crate::core::optim::{OptimizerKind, OptimizerSpec};
use crate::core::sweep::{Budget, LrRule};
use crate::preset::limits;

use super::{SfSource, SfView, SharpFlatLab, effective_batch, log_spaced};

/// A sweep with more cells than this asks before it starts.
pub const CONFIRM_CELLS: usize = 500;

/// A request from the lab's panels.
#[derive(Clone, Debug, PartialEq)]
pub enum SharpFlatCommand {
    /// The small batch.
    SetSmallBatch(usize),
    /// The large batch (0 = full).
    SetLargeBatch(usize),
    /// BatchNorm's ghost-batch size of both runs (None: the whole mini-batch); only for a
    /// network with BatchNorm.
    SetBnBatch(Option<usize>),
    /// The learning rate of both runs.
    SetLearningRate(f64),
    /// The optimizer of both runs (torch defaults, the learning rate kept).
    SetOptimizer(OptimizerKind),
    /// SGD's momentum.
    SetMomentum(f64),
    /// The large batch's learning rate: the same η, or the same η/B.
    SetLrRule(LrRule),
    /// Steps of both runs.
    SetSteps(usize),
    /// The shared plane of a network: through both solutions, or a Hessian plane at one.
    SetPlane(crate::jobs::compare::SharedPlaneKind),
    /// Show the two runs or the sweep.
    SetView(SfView),
    /// Show the Hessian spectra (true) or the 1-D slices in the bottom-left panel.
    SetSpectrumShown(bool),
    /// Skip the rest of the running comparison's spectra (the plane follows at once).
    SkipSpectra,
    /// Sweep: which batch sizes (as listed; 0 = full).
    SetSweepBatches(Vec<usize>),
    /// Sweep: learning rates from, to, count (log-spaced).
    SetSweepLrs(f64, f64, usize),
    /// Sweep: number of seeds (1, 2, …).
    SetSweepSeeds(usize),
    /// Sweep: fixed learning rate, or fixed base learning rate η/B.
    SetSweepRule(LrRule),
    /// Sweep: the same steps, or the same epochs, for every batch size.
    SetSweepBudget(Budget),
    /// Start the sweep (asks first when it is big).
    RunSweep,
    /// The user said yes to a big sweep.
    ConfirmSweep,
    /// The user said no.
    DeclineSweep,
    /// Stop the running sweep.
    CancelSweep,
    /// A request for the shell.
    App(Command),
}

impl From<Command> for SharpFlatCommand {
    fn from(command: Command) -> Self {
        Self::App(command)
    }
}

impl SharpFlatLab {
    /// Keeps a BatchNorm network's ghost batch inside both runs' batches (as a preset must).
    fn fit_bn_batch(&mut self) {
        let n = self.source.n_train();
        let s = &self.settings;
        let smallest = effective_batch(s.small_batch, n).min(effective_batch(s.large_batch, n));
        if let SfSource::Network(e) = &mut self.source
            && let Some(bn) = &mut e.batchnorm
        {
            bn.bn_batch_size = bn
                .bn_batch_size
                .filter(|_| smallest >= *limits::BN_BATCH.start())
                .map(|g| g.min(smallest));
        }
    }
}

impl Requests for SharpFlatLab {
    type Command = SharpFlatCommand;

    /// Applies one request.
    fn apply(&mut self, command: SharpFlatCommand, cx: &mut LabCx<'_>) {
        let n = self.source.n_train();
        let s = &mut self.settings;
        let restart = match command {
            SharpFlatCommand::App(command) => {
                cx.send(command);
                false
            }
            SharpFlatCommand::SetSmallBatch(b) => {
                s.small_batch = b.clamp(1, n);
                true
            }
            SharpFlatCommand::SetLargeBatch(b) => {
                s.large_batch = b.min(n);
                true
            }
            SharpFlatCommand::SetBnBatch(g) => match &mut self.source {
                SfSource::Network(e) => match &mut e.batchnorm {
                    Some(bn) => {
                        bn.bn_batch_size = g.map(|g| limits::clamp(g, limits::BN_BATCH));
                        true
                    }
                    None => false,
                },
                SfSource::Surface(_) => false,
            },
            SharpFlatCommand::SetLearningRate(lr) => {
                if lr.is_finite() && lr > 0.0 {
                    s.optimizer.lr = lr;
                }
                true
            }
            SharpFlatCommand::SetOptimizer(kind) => {
                let lr = s.optimizer.lr;
                s.optimizer = OptimizerSpec::defaults(kind);
                s.optimizer.lr = lr;
                s.sweep.optimizer = s.optimizer.clone();
                true
            }
            SharpFlatCommand::SetMomentum(m) => {
                s.optimizer.momentum = if m.is_finite() {
                    m.clamp(0.0, 0.999)
                } else {
                    0.0
                };
                s.sweep.optimizer = s.optimizer.clone();
                true
            }
            SharpFlatCommand::SetLrRule(rule) => {
                s.lr_rule = rule;
                true
            }
            SharpFlatCommand::SetSteps(steps) => {
                s.steps = limits::clamp(steps, limits::STEPS);
                true
            }
            SharpFlatCommand::SetPlane(plane) => {
                s.plane = plane;
                true
            }
            SharpFlatCommand::SetView(view) => {
                self.view = view;
                false
            }
            SharpFlatCommand::SetSpectrumShown(shown) => {
                self.spectrum_shown = shown;
                false
            }
            SharpFlatCommand::SkipSpectra => {
                self.spectra_skip
                    .store(true, std::sync::atomic::Ordering::Relaxed);
                false
            }
            SharpFlatCommand::SetSweepBatches(batches) => {
                if !batches.is_empty() {
                    s.sweep.batch_sizes = batches;
                    // Every BN batch of the axis must fit in every swept batch (as a saved
                    // preset must): drop those that no longer do, keeping the whole
                    // mini-batch (0) if none is left.
                    let smallest = s.sweep.batch_sizes.iter().map(|&b| effective_batch(b, n));
                    let smallest = smallest.min().unwrap_or(n);
                    let bn = &mut s.sweep.bn_batch_sizes;
                    if !bn.is_empty() {
                        bn.retain(|&g| g == 0 || g <= smallest);
                        if bn.is_empty() {
                            bn.push(0);
                        }
                    }
                }
                false
            }
            SharpFlatCommand::SetSweepLrs(lo, hi, count) => {
                if lo.is_finite() && hi.is_finite() && lo > 0.0 && hi >= lo {
                    s.sweep.lrs = log_spaced(lo, hi, count.clamp(1, 16));
                }
                false
            }
            SharpFlatCommand::SetSweepSeeds(k) => {
                s.sweep.seeds = (1..=k.clamp(1, 16) as u64).collect();
                false
            }
            SharpFlatCommand::SetSweepRule(rule) => {
                s.sweep.lr_rule = rule;
                false
            }
            SharpFlatCommand::SetSweepBudget(budget) => {
                s.sweep.budget = budget;
                false
            }
            SharpFlatCommand::RunSweep => {
                let cells = s.sweep.len();
                if let Err(err) = s.sweep.validate() {
                    cx.notices
                        .error(crate::i18n::fill("sf.notice.cannot_run", &[&err]));
                } else if cells > CONFIRM_CELLS {
                    self.confirm = Some(cells);
                } else {
                    self.start_sweep(cx);
                }
                false
            }
            SharpFlatCommand::ConfirmSweep => {
                self.start_sweep(cx);
                false
            }
            SharpFlatCommand::DeclineSweep => {
                self.confirm = None;
                false
            }
            SharpFlatCommand::CancelSweep => {
                self.sweep_job.cancel();
                self.sweep_progress = (0, 0);
                cx.notices.info(crate::i18n::tr("sf.notice.cancelled"));
                false
            }
        };
        if restart {
            self.fit_bn_batch();
            self.start_comparison(cx);
        }
    }
}
