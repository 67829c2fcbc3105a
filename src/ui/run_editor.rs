//! The run editor of the labs that race several runs (the Playground, the Network lab): a
//! list to pick a run, Add / Duplicate / Remove, and the picked run's learning rate, batch
//! size, optimizer (by torch.optim's names), extras and schedule. It reads the runs and the
//! [`RunSelection`] and pushes [`RunsCommand`]s into the lab's own command list.

use std::ops::RangeInclusive;

use egui::RichText;

use crate::app::runs::{RunSelection, RunsCommand};
use crate::core::fmt3;
use crate::core::optim::{OptimizerKind, OptimizerSpec};
use crate::core::schedule::ScheduleKind;
use crate::core::train::RunSpec;
use crate::i18n::{fill, tr};
use crate::preset::limits;
use crate::ui::widgets::{log_slider_ui, real_slider_ui};

/// Slider range of the decay rates (betas, alpha, momentum): torch takes [0, 1); the slider
/// stops short of 1.
const DECAY: RangeInclusive<f64> = 0.0..=0.999;
/// Slider range of `eps`.
const EPS: RangeInclusive<f64> = 1e-12..=1.0;

/// The runs the editor shows.
#[derive(Clone, Copy)]
pub struct RunEditor<'a> {
    /// The runs.
    pub runs: &'a [RunSpec],
    /// Training samples (the batch slider's full batch).
    pub n: usize,
    /// Steps of every run (the schedule's range).
    pub steps: usize,
    /// Whether run i diverged (its entry says so).
    pub diverged: &'a [bool],
}

/// The batch-size slider's stops: powers of two below N, the run's own size when a preset set
/// one in between (so the slider shows it as it is), then the full batch (0).
fn batch_choices(n: usize, current: usize) -> Vec<usize> {
    let mut choices: Vec<usize> = std::iter::successors(Some(1usize), |b| b.checked_mul(2))
        .take_while(|&b| b < n)
        .collect();
    if current > 0 && current < n && !choices.contains(&current) {
        let at = choices.partition_point(|&b| b < current);
        choices.insert(at, current);
    }
    choices.push(0);
    choices
}

/// The batch slider's label: the size, or "full (N)".
fn batch_label(batch: usize, n: usize) -> String {
    crate::core::train::batch_label(batch, n, |n| fill("pg.full_batch", &[&n]))
}

/// The runs of a lab (the Playground's or the Network lab's): a list to pick one, Add /
/// Duplicate / Remove, and the picked run's learning rate, batch size (of `n` samples),
/// optimizer, schedule (over `steps`) and extras. `diverged[i]` marks run i's legend.
pub fn runs_ui<C: From<RunsCommand>>(
    ui: &mut egui::Ui,
    editor: RunEditor<'_>,
    selection: &RunSelection,
    dark_theme: bool,
    cmds: &mut Vec<C>,
) {
    let RunEditor {
        runs,
        n,
        steps,
        diverged,
    } = editor;
    let mut push = |command: RunsCommand| cmds.push(C::from(command));
    let selected = selection.index(runs.len());
    for (i, run) in runs.iter().enumerate() {
        ui.horizontal(|ui| {
            let color = super::run_color(i, dark_theme);
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            ui.painter().circle_filled(rect.center(), 6.0, color);
            let text =
                crate::app::picture::run_legend(run, n, diverged.get(i).copied().unwrap_or(false));
            if ui
                .selectable_label(i == selected, text)
                .on_hover_text(tr("pg.select_run.tip"))
                .clicked()
            {
                push(RunsCommand::Select(i));
            }
        });
    }
    ui.horizontal(|ui| {
        let full = runs.len() >= *limits::RUNS.end();
        if ui
            .add_enabled(!full, egui::Button::new(tr("pg.add")))
            .on_hover_text(tr("pg.add.tip"))
            .clicked()
        {
            push(RunsCommand::Add);
        }
        if ui
            .add_enabled(!full, egui::Button::new(tr("pg.duplicate")))
            .on_hover_text(tr("pg.duplicate.tip"))
            .clicked()
        {
            push(RunsCommand::Duplicate(selected));
        }
        if ui
            .add_enabled(runs.len() > 1, egui::Button::new(tr("pg.remove")))
            .on_hover_text(tr("pg.remove.tip"))
            .clicked()
        {
            push(RunsCommand::Remove(selected));
        }
    });
    let Some(run) = runs.get(selected) else {
        return;
    };
    ui.separator();
    ui.label(RichText::new(fill("pg.run_n", &[&(selected + 1)])).strong());

    let mut lr = run.optimizer.lr;
    if ui
        .add(
            super::slider(&mut lr, 1e-5..=10.0)
                .logarithmic(true)
                .text(tr("pg.lr"))
                .custom_formatter(|v, _| fmt3(v)),
        )
        .on_hover_text(tr("pg.lr.tip"))
        .changed()
    {
        push(RunsCommand::SetLearningRate(lr));
    }
    let choices = batch_choices(n, run.batch_size);
    let mut index = choices
        .iter()
        .position(|&b| b == run.batch_size || (b == 0 && run.batch_size >= n))
        .or_else(|| choices.iter().rposition(|&b| b != 0 && b <= run.batch_size))
        .unwrap_or(choices.len() - 1);
    let labels: Vec<String> = choices.iter().map(|&b| batch_label(b, n)).collect();
    if ui
        .add(
            super::slider(&mut index, 0..=choices.len() - 1)
                .text(tr("pg.batch"))
                .custom_formatter(|v, _| {
                    labels.get(v.max(0.0) as usize).cloned().unwrap_or_default()
                }),
        )
        .on_hover_text(tr("pg.batch.tip"))
        .changed()
        && let Some(&batch) = choices.get(index)
    {
        push(RunsCommand::SetBatchSize(batch));
    }
    let mut all = selection.apply_to_all;
    if ui
        .checkbox(&mut all, tr("pg.apply_all"))
        .on_hover_text(tr("pg.apply_all.tip"))
        .changed()
    {
        push(RunsCommand::SetApplyToAll(all));
    }

    let mut edited = run.clone();
    optimizer_ui(ui, &mut edited.optimizer);
    extras_ui(ui, &mut edited);
    schedule_ui(ui, &mut edited, steps);
    if edited != *run {
        push(RunsCommand::Replace(selected, Box::new(edited)));
    }
}

fn optimizer_combo_ui(
    ui: &mut egui::Ui,
    label: &str,
    kind: &mut OptimizerKind,
    allow_sam: bool,
    tip: &str,
) {
    egui::ComboBox::from_label(label)
        .selected_text(kind.title())
        .show_ui(ui, |ui| {
            for k in OptimizerKind::ALL {
                if k == OptimizerKind::Sam && !allow_sam {
                    continue;
                }
                ui.selectable_value(kind, k, k.title());
            }
        })
        .response
        .on_hover_text(tip);
}

/// The optimizer picker and its hyperparameters, by torch.optim's names.
fn optimizer_ui(ui: &mut egui::Ui, spec: &mut OptimizerSpec) {
    let mut kind = spec.kind;
    optimizer_combo_ui(
        ui,
        tr("pg.optimizer"),
        &mut kind,
        true,
        tr("pg.optimizer.tip"),
    );
    if kind != spec.kind {
        // A new optimizer starts from torch's defaults, keeping the learning rate.
        let lr = spec.lr;
        *spec = OptimizerSpec::defaults(kind);
        spec.lr = lr;
    }
    if spec.kind == OptimizerKind::Sam {
        log_slider_ui(ui, &mut spec.rho, 1e-4..=1.0, "rho", tr("pg.rho.tip"));
        let mut base = spec.base;
        optimizer_combo_ui(ui, "base", &mut base, false, tr("pg.base.tip"));
        spec.base = base;
    }
    match spec.update_kind() {
        OptimizerKind::Sgd => {
            real_slider_ui(
                ui,
                &mut spec.momentum,
                DECAY,
                "momentum",
                tr("pg.momentum.tip"),
            );
            real_slider_ui(
                ui,
                &mut spec.dampening,
                0.0..=1.0,
                "dampening",
                tr("pg.dampening.tip"),
            );
            ui.checkbox(&mut spec.nesterov, "nesterov")
                .on_hover_text(tr("pg.nesterov.tip"));
        }
        OptimizerKind::Adam | OptimizerKind::AdamW | OptimizerKind::Lion => {
            real_slider_ui(
                ui,
                &mut spec.betas[0],
                DECAY,
                "betas (β₁)",
                tr("pg.beta1.tip"),
            );
            real_slider_ui(
                ui,
                &mut spec.betas[1],
                DECAY,
                "betas (β₂)",
                tr("pg.beta2.tip"),
            );
            if spec.update_kind() != OptimizerKind::Lion {
                log_slider_ui(ui, &mut spec.eps, EPS, "eps", tr("pg.eps.tip"));
                ui.checkbox(&mut spec.amsgrad, "amsgrad")
                    .on_hover_text(tr("pg.amsgrad.tip"));
            }
        }
        OptimizerKind::RmsProp => {
            real_slider_ui(ui, &mut spec.alpha, DECAY, "alpha", tr("pg.alpha.tip"));
            log_slider_ui(ui, &mut spec.eps, EPS, "eps", tr("pg.eps.tip"));
            real_slider_ui(
                ui,
                &mut spec.momentum,
                DECAY,
                "momentum",
                tr("pg.rms_momentum.tip"),
            );
            ui.checkbox(&mut spec.centered, "centered")
                .on_hover_text(tr("pg.centered.tip"));
        }
        OptimizerKind::Adagrad => {
            log_slider_ui(
                ui,
                &mut spec.lr_decay,
                0.0..=1.0,
                "lr_decay",
                tr("pg.lr_decay.tip"),
            );
            log_slider_ui(
                ui,
                &mut spec.initial_accumulator_value,
                0.0..=10.0,
                "initial_accumulator_value",
                tr("pg.init_acc.tip"),
            );
            log_slider_ui(ui, &mut spec.eps, EPS, "eps", tr("pg.eps.tip"));
        }
        OptimizerKind::Sam => {}
    }
    log_slider_ui(
        ui,
        &mut spec.weight_decay,
        0.0..=1.0,
        "weight_decay",
        tr("pg.weight_decay.tip"),
    );
}

/// Per-run gradient clipping and gradient noise.
fn extras_ui(ui: &mut egui::Ui, run: &mut RunSpec) {
    let mut clip = run.clip_grad_norm.is_some();
    ui.horizontal(|ui| {
        ui.checkbox(&mut clip, "clip_grad_norm")
            .on_hover_text(tr("pg.clip.tip"));
        if clip {
            let mut max_norm = run.clip_grad_norm.unwrap_or(1.0);
            ui.add(
                super::slider(&mut max_norm, 1e-3..=100.0)
                    .logarithmic(true)
                    .custom_formatter(|v, _| fmt3(v)),
            )
            .on_hover_text(tr("pg.clip_max.tip"));
            run.clip_grad_norm = Some(max_norm);
        } else {
            run.clip_grad_norm = None;
        }
    });
    log_slider_ui(
        ui,
        &mut run.grad_noise,
        0.0..=100.0,
        "grad_noise",
        tr("pg.grad_noise.tip"),
    );
}

/// The run's learning-rate schedule (torch.optim.lr_scheduler's names and parameters).
fn schedule_ui(ui: &mut egui::Ui, run: &mut RunSpec, steps: usize) {
    let schedule = &mut run.schedule;
    let mut name = schedule.kind.name();
    egui::ComboBox::from_label(tr("pg.schedule"))
        .selected_text(name)
        .show_ui(ui, |ui| {
            for n in ScheduleKind::NAMES {
                ui.selectable_value(&mut name, n, n);
            }
        })
        .response
        .on_hover_text(tr("pg.schedule.tip"));
    if name != schedule.kind.name()
        && let Some(kind) = ScheduleKind::with_defaults(name, run.optimizer.lr, steps)
    {
        schedule.kind = kind;
    }
    let max_steps = steps.max(2);
    match &mut schedule.kind {
        ScheduleKind::Constant => {}
        ScheduleKind::Step { step_size, gamma } => {
            ui.add(super::slider(step_size, 1..=max_steps).text("step_size"))
                .on_hover_text(tr("pg.step_size.tip"));
            real_slider_ui(ui, gamma, 0.01..=1.0, "gamma", tr("pg.gamma.tip"));
        }
        ScheduleKind::Exponential { gamma } => {
            real_slider_ui(ui, gamma, 0.9..=1.0, "gamma", tr("pg.exp_gamma.tip"));
        }
        ScheduleKind::Cosine { t_max, eta_min } => {
            ui.add(super::slider(t_max, 1..=max_steps).text("T_max"))
                .on_hover_text(tr("pg.t_max.tip"));
            log_slider_ui(ui, eta_min, 0.0..=1.0, "eta_min", tr("pg.eta_min.tip"));
        }
        ScheduleKind::OneCycle(c) => {
            log_slider_ui(
                ui,
                &mut c.max_lr,
                1e-5..=10.0,
                "max_lr",
                tr("pg.max_lr.tip"),
            );
            ui.add(super::slider(&mut c.total_steps, 1..=max_steps).text("total_steps"))
                .on_hover_text(tr("pg.total_steps.tip"));
            real_slider_ui(
                ui,
                &mut c.pct_start,
                0.0..=1.0,
                "pct_start",
                tr("pg.pct_start.tip"),
            );
        }
    }
    ui.add(super::slider(&mut schedule.warmup_steps, 0..=max_steps).text("warmup_steps"))
        .on_hover_text(tr("pg.warmup.tip"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_choices_are_powers_of_two_then_full() {
        assert_eq!(batch_choices(64, 0), vec![1, 2, 4, 8, 16, 32, 0]);
        assert_eq!(batch_choices(64, 8), vec![1, 2, 4, 8, 16, 32, 0]);
        assert_eq!(batch_choices(64, 48), vec![1, 2, 4, 8, 16, 32, 48, 0]);
        assert_eq!(batch_choices(64, 3), vec![1, 2, 3, 4, 8, 16, 32, 0]);
        assert_eq!(batch_choices(5, 0), vec![1, 2, 4, 0]);
        assert_eq!(batch_choices(1, 0), vec![0]);
        assert_eq!(batch_label(0, 64), "full (64)");
        assert_eq!(batch_label(8, 64), "8");
    }
}
