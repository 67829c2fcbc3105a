//! "Tune learning rates": the Playground's third job. Every run's learning rate is searched
//! on the worker pool ([`crate::jobs::tune`]) while the race stays on screen with a progress
//! bar and a Cancel button; when it lands, the runs' learning rates are replaced, the race
//! restarts, the legend says "(tuned lr …)" for each tuned run, and a notice lists the
//! previous learning rates, which "Undo tuning" puts back.

use crate::app::lab::LabCx;
use crate::core::fmt3;
use crate::core::tune::{self, TuneSpec, TunedRun};
use crate::i18n::{fill, tr};
use crate::jobs::JobSlot;

use super::{Playground, Restart};

/// The tuning job and what it left behind.
#[derive(Default)]
pub struct Tuning {
    /// The search (its progress is the fraction done).
    pub job: JobSlot<f32, Option<Vec<TunedRun>>>,
    /// Fraction of the planned trainings done.
    pub fraction: f32,
    /// The tuned learning rate of each run (None: not tuned, or edited since).
    pub tuned: Vec<Option<f64>>,
    /// The learning rates before the last tuning, for "Undo tuning".
    pub previous: Option<Vec<f64>>,
}

impl Tuning {
    /// The tuned learning rate of run `i` if it still has it.
    #[must_use]
    pub fn tuned_lr(&self, i: usize, current: f64) -> Option<f64> {
        self.tuned
            .get(i)
            .copied()
            .flatten()
            .filter(|&lr| lr == current)
    }
}

impl Playground {
    /// Starts tuning every run (the running search, if any, is cancelled).
    pub fn start_tuning(&mut self, cx: &LabCx<'_>) {
        let Some(jobs) = cx.jobs else {
            return;
        };
        self.tuning.fraction = 0.0;
        let task = crate::jobs::tune::TuneTask {
            experiment: self.experiment.clone(),
        };
        self.tuning.job.start_task(jobs, task);
        cx.ctx.request_repaint();
    }

    /// Stops the search; nothing changes.
    pub fn cancel_tuning(&mut self) {
        self.tuning.job.cancel();
    }

    /// Puts back the learning rates the last tuning replaced.
    pub fn undo_tuning(&mut self, cx: &mut LabCx<'_>) {
        let Some(previous) = self.tuning.previous.take() else {
            return;
        };
        for (run, lr) in self.experiment.runs.iter_mut().zip(previous) {
            run.optimizer.lr = lr;
        }
        self.tuning.tuned.clear();
        self.restart_jobs(cx, Restart::Training);
    }

    /// Folds the search's events; a finished search replaces the learning rates and restarts
    /// the race.
    pub fn poll_tuning(&mut self, cx: &mut LabCx<'_>) {
        let mut landed = None;
        let fraction = &mut self.tuning.fraction;
        self.tuning
            .job
            .poll(|f| *fraction = f, |r, _| landed = Some(r));
        if let Some(Some(tuned)) = landed {
            self.apply_tuned(cx, &tuned);
        }
    }

    fn apply_tuned(&mut self, cx: &mut LabCx<'_>, tuned: &[TunedRun]) {
        let runs = &mut self.experiment.runs;
        if tuned.len() != runs.len() {
            // The runs were added or removed while the search ran.
            cx.notices.error(tr("pg.tune.stale"));
            return;
        }
        let n = self.experiment.problem.samples;
        let mut changes = Vec::new();
        let mut failed = Vec::new();
        self.tuning.previous = Some(runs.iter().map(|r| r.optimizer.lr).collect());
        self.tuning.tuned = vec![None; runs.len()];
        for (i, (run, t)) in runs.iter_mut().zip(tuned).enumerate() {
            let name = crate::app::picture::run_legend(run, n, false);
            match t.lr {
                Some(lr) => {
                    let (was, now) = (fmt3(run.optimizer.lr), fmt3(lr));
                    changes.push(fill("pg.tune.was", &[&name, &now, &was]));
                    run.optimizer.lr = lr;
                    self.tuning.tuned[i] = Some(lr);
                }
                None => failed.push(name),
            }
        }
        cx.notices
            .info(fill("pg.tune.done", &[&changes.join(", ")]));
        if !failed.is_empty() {
            cx.notices
                .error(fill("pg.tune.diverged", &[&failed.join(", ")]));
        }
        self.playback.rewind();
        self.restart_jobs(cx, Restart::Training);
    }

    /// The tuned learning rate of each run on screen (for the legend).
    #[must_use]
    pub fn tuned_lrs(&self) -> Vec<Option<f64>> {
        self.experiment
            .runs
            .iter()
            .enumerate()
            .map(|(i, r)| self.tuning.tuned_lr(i, r.optimizer.lr))
            .collect()
    }
}

/// The button (or, while it runs, the progress bar and Cancel) and "Undo tuning".
pub fn tune_ui(ui: &mut egui::Ui, pg: &Playground, cmds: &mut Vec<super::PlaygroundCommand>) {
    use super::PlaygroundCommand as C;
    ui.horizontal(|ui| {
        if pg.tuning.job.busy() {
            ui.label(tr("pg.tune.running"));
            ui.add(crate::ui::progress_bar(pg.tuning.fraction).desired_width(90.0));
            if ui
                .button(tr("pg.tune.cancel"))
                .on_hover_text(tr("pg.tune.cancel.tip"))
                .clicked()
            {
                cmds.push(C::CancelTune);
            }
        } else {
            let e = &pg.experiment;
            let seeds = tune::DEFAULT_SEEDS;
            let trainings = tune::planned_probes(&TuneSpec::with_seeds(0, 1), e.runs.len());
            let tip = fill("pg.tune.tip", &[&trainings, &e.training.steps, &seeds]);
            if ui.button(tr("pg.tune")).on_hover_text(tip).clicked() {
                cmds.push(C::Tune);
            }
            if pg.tuning.previous.is_some()
                && ui
                    .button(tr("pg.tune.undo"))
                    .on_hover_text(tr("pg.tune.undo.tip"))
                    .clicked()
            {
                cmds.push(C::UndoTune);
            }
        }
    });
}
