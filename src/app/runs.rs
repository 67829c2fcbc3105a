//! The run editor's state and requests, shared by the labs that race several runs (the
//! Playground, the Network lab): [`RunSelection`] (which run the per-run controls edit, and
//! whether learning rate and batch size go to every run) and [`RunsCommand`], applied to a
//! lab's runs by [`RunSelection::apply`]. The widget itself is [`crate::ui::run_editor`].

use crate::core::optim::{OptimizerKind, OptimizerSpec};
use crate::core::train::RunSpec;
use crate::preset::limits;

/// A request of the run editor.
#[derive(Clone, Debug, PartialEq)]
pub enum RunsCommand {
    /// Learning rate of the selected run (or of every run).
    SetLearningRate(f64),
    /// Batch size of the selected run (or of every run); 0 is the full batch.
    SetBatchSize(usize),
    /// Whether learning rate and batch size go to every run.
    SetApplyToAll(bool),
    /// Choose the run the per-run controls edit.
    Select(usize),
    /// Replace run `index` (optimizer, hyperparameters, clipping, noise, schedule).
    Replace(usize, Box<RunSpec>),
    /// Append a new run (Adam with torch's defaults).
    Add,
    /// Append a copy of run `index`.
    Duplicate(usize),
    /// Remove run `index` (at least one stays).
    Remove(usize),
}

/// What applying a [`RunsCommand`] did.
#[derive(Clone, Debug, PartialEq)]
pub enum RunsChange {
    /// Nothing to retrain (a selection, or a request that could not be honoured).
    None,
    /// The runs changed: retrain.
    Retrain,
    /// A run's settings were refused: the reason, for a notice.
    Refused(String),
}

/// Which run the per-run controls edit.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunSelection {
    /// The run the per-run controls edit.
    pub selected: usize,
    /// Learning rate and batch size go to every run, not only the selected one.
    pub apply_to_all: bool,
}

impl RunSelection {
    /// The selected run among `n` (the last one if the selection is past the end).
    #[must_use]
    pub fn index(&self, n: usize) -> usize {
        self.selected.min(n.saturating_sub(1))
    }

    /// The runs that learning-rate and batch-size changes go to.
    fn edited(&self, n: usize) -> Vec<usize> {
        if self.apply_to_all {
            (0..n).collect()
        } else {
            vec![self.index(n)]
        }
    }

    /// Applies `command` to `runs`; a new run gets learning rate `new_lr`.
    pub fn apply(
        &mut self,
        runs: &mut Vec<RunSpec>,
        command: RunsCommand,
        new_lr: f64,
    ) -> RunsChange {
        match command {
            RunsCommand::SetLearningRate(lr) => {
                if !(lr.is_finite() && lr > 0.0) {
                    return RunsChange::None;
                }
                for i in self.edited(runs.len()) {
                    runs[i].optimizer.lr = lr;
                }
            }
            RunsCommand::SetBatchSize(batch) => {
                for i in self.edited(runs.len()) {
                    runs[i].batch_size = batch;
                }
            }
            RunsCommand::SetApplyToAll(all) => {
                self.apply_to_all = all;
                return RunsChange::None;
            }
            RunsCommand::Select(i) => {
                self.selected = i.min(runs.len().saturating_sub(1));
                return RunsChange::None;
            }
            RunsCommand::Replace(i, run) => {
                if let Err((key, message)) = run.optimizer.validate() {
                    return RunsChange::Refused(crate::i18n::fill(
                        "common.notice.run_key",
                        &[&(i + 1), &key, &message],
                    ));
                }
                if let Err((key, message)) = run.schedule.validate() {
                    return RunsChange::Refused(crate::i18n::fill(
                        "common.notice.run_schedule_key",
                        &[&(i + 1), &key, &message],
                    ));
                }
                let Some(slot) = runs.get_mut(i) else {
                    return RunsChange::None;
                };
                *slot = *run;
            }
            RunsCommand::Add => {
                if runs.len() >= *limits::RUNS.end() {
                    return RunsChange::None;
                }
                let mut run = RunSpec::new(OptimizerSpec::defaults(OptimizerKind::Adam));
                run.optimizer.lr = new_lr;
                runs.push(run);
                self.selected = runs.len() - 1;
            }
            RunsCommand::Duplicate(i) => {
                let Some(run) = runs.get(i).cloned() else {
                    return RunsChange::None;
                };
                if runs.len() >= *limits::RUNS.end() {
                    return RunsChange::None;
                }
                runs.push(run);
                self.selected = runs.len() - 1;
            }
            RunsCommand::Remove(i) => {
                if runs.len() <= *limits::RUNS.start() || i >= runs.len() {
                    return RunsChange::None;
                }
                runs.remove(i);
                self.selected = self.selected.min(runs.len() - 1);
            }
        }
        RunsChange::Retrain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sgd(lr: f64) -> RunSpec {
        let mut spec = OptimizerSpec::defaults(OptimizerKind::Sgd);
        spec.lr = lr;
        RunSpec::new(spec)
    }

    #[test]
    fn edits_go_to_the_selected_run_or_to_all() {
        let mut runs = vec![sgd(0.1), sgd(0.2)];
        let mut sel = RunSelection::default();
        assert_eq!(
            sel.apply(&mut runs, RunsCommand::Select(5), 0.0),
            RunsChange::None
        );
        assert_eq!(sel.selected, 1);
        assert_eq!(
            sel.apply(&mut runs, RunsCommand::SetLearningRate(0.5), 0.0),
            RunsChange::Retrain
        );
        assert_eq!([runs[0].optimizer.lr, runs[1].optimizer.lr], [0.1, 0.5]);
        sel.apply(&mut runs, RunsCommand::SetApplyToAll(true), 0.0);
        sel.apply(&mut runs, RunsCommand::SetBatchSize(8), 0.0);
        assert_eq!([runs[0].batch_size, runs[1].batch_size], [8, 8]);
        assert_eq!(
            sel.apply(&mut runs, RunsCommand::SetLearningRate(f64::NAN), 0.0),
            RunsChange::None
        );
        sel.apply(&mut runs, RunsCommand::Add, 0.05);
        assert_eq!((runs.len(), sel.selected), (3, 2));
        assert_eq!(runs[2].optimizer.kind, OptimizerKind::Adam);
        assert_eq!(runs[2].optimizer.lr, 0.05);
        sel.apply(&mut runs, RunsCommand::Remove(2), 0.0);
        sel.apply(&mut runs, RunsCommand::Remove(1), 0.0);
        assert_eq!(
            sel.apply(&mut runs, RunsCommand::Remove(0), 0.0),
            RunsChange::None
        );
        assert_eq!((runs.len(), sel.selected), (1, 0));
        let mut bad = sgd(0.1);
        bad.optimizer.momentum = -1.0;
        assert!(matches!(
            sel.apply(&mut runs, RunsCommand::Replace(0, Box::new(bad)), 0.0),
            RunsChange::Refused(_)
        ));
        assert_eq!(runs[0].optimizer.momentum, 0.0);
    }
}
