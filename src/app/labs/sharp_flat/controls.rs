//! The Sharp vs Flat lab's left panel: the problem (a preset: network or toy surface), the two
//! runs (small batch, large batch, the BN batch of a BatchNorm network, optimizer, learning
//! rate, steps), the table of their
//! numbers, and the sweep's settings with Run / Cancel and progress. Every control has a
//! label and a tooltip; changes become [`SharpFlatCommand`]s.

use egui::RichText;

use super::{SfView, SharpFlatCommand, SharpFlatLab, effective_batch, log_spaced};
use crate::app::command::Command;
use crate::core::fmt3;
use crate::core::optim::OptimizerKind;
use crate::core::sweep::{Budget, LrRule};
use crate::i18n::{fill, tr};
use crate::jobs::compare::SharedPlaneKind;
use crate::lab::LabKind;
use crate::preset::limits;

/// The presets this lab offers in its problem picker beyond those made for it
/// ([`crate::lab::SHARP_FLAT_PRESETS`]): a plain network preset and the toy surface.
const OTHER_PROBLEMS: [&str; 2] = ["moons", "sharp-vs-flat"];

/// Draws the left panel of the Sharp vs Flat lab.
pub fn controls_ui(ui: &mut egui::Ui, sf: &SharpFlatLab, cmds: &mut Vec<SharpFlatCommand>) {
    crate::ui::preset_header_ui(
        ui,
        &sf.preset_name,
        sf.source.name(),
        sf.source.description(),
    );
    egui::ComboBox::from_label(tr("sf.problem"))
        .selected_text(sf.preset_name.as_str())
        .show_ui(ui, |ui| {
            for &name in crate::lab::SHARP_FLAT_PRESETS.iter().chain(&OTHER_PROBLEMS) {
                if ui.selectable_label(sf.preset_name == name, name).clicked() {
                    cmds.push(Command::LoadInLab(LabKind::SharpFlat, name).into());
                }
            }
        })
        .response
        .on_hover_text(tr("sf.problem.tip"));
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        for (view, title, tip) in [
            (
                SfView::TwoRuns,
                tr("sf.view.two_runs"),
                tr("sf.view.two_runs.tip"),
            ),
            (SfView::Sweep, tr("sf.view.sweep"), tr("sf.view.sweep.tip")),
        ] {
            if ui
                .selectable_label(sf.view == view, title)
                .on_hover_text(tip)
                .clicked()
            {
                cmds.push(SharpFlatCommand::SetView(view));
            }
        }
    });
    ui.separator();
    // What the view on screen is about comes first, so it is visible on a 720-line
    // projector without scrolling: the numbers of the two runs, or the sweep's settings.
    let numbers = |ui: &mut egui::Ui| {
        egui::CollapsingHeader::new(RichText::new(tr("sf.numbers")).strong())
            .default_open(true)
            .show(ui, |ui| table_ui(ui, sf));
    };
    let sweep = |ui: &mut egui::Ui, cmds: &mut Vec<SharpFlatCommand>| {
        egui::CollapsingHeader::new(RichText::new(tr("sf.sweep_settings")).strong())
            .default_open(true)
            .show(ui, |ui| sweep_ui(ui, sf, cmds));
    };
    if sf.view == SfView::Sweep {
        sweep(ui, cmds);
    } else {
        numbers(ui);
    }
    egui::CollapsingHeader::new(RichText::new(tr("sf.runs")).strong())
        .default_open(true)
        .show(ui, |ui| runs_ui(ui, sf, cmds));
    if sf.view == SfView::Sweep {
        numbers(ui);
    } else {
        sweep(ui, cmds);
    }
}

/// Batch sizes the sliders stop at: powers of two below N, then N.
fn batch_stops(n: usize) -> Vec<usize> {
    let mut stops: Vec<usize> = std::iter::successors(Some(1usize), |b| b.checked_mul(2))
        .take_while(|&b| b < n)
        .collect();
    stops.push(n);
    stops
}

fn batch_slider(
    ui: &mut egui::Ui,
    label: &str,
    tip: &str,
    batch: usize,
    n: usize,
) -> Option<usize> {
    let stops = batch_stops(n);
    let current = effective_batch(batch, n);
    let mut index = stops
        .iter()
        .position(|&b| b >= current)
        .unwrap_or(stops.len() - 1);
    let labels: Vec<String> = stops
        .iter()
        .map(|&b| {
            if b == n {
                fill("sf.full", &[&n])
            } else {
                b.to_string()
            }
        })
        .collect();
    let changed = ui
        .add(
            crate::ui::slider(&mut index, 0..=stops.len() - 1)
                .text(label)
                .custom_formatter(|v, _| {
                    labels.get(v.max(0.0) as usize).cloned().unwrap_or_default()
                }),
        )
        .on_hover_text(tip)
        .changed();
    if changed {
        stops.get(index).copied()
    } else {
        None
    }
}

fn runs_ui(ui: &mut egui::Ui, sf: &SharpFlatLab, cmds: &mut Vec<SharpFlatCommand>) {
    let s = &sf.settings;
    let n = sf.source.n_train();
    if let Some(b) = batch_slider(
        ui,
        tr("sf.small_batch"),
        tr("sf.small_batch.tip"),
        s.small_batch,
        n,
    ) {
        cmds.push(SharpFlatCommand::SetSmallBatch(b));
    }
    if let Some(b) = batch_slider(
        ui,
        tr("sf.large_batch"),
        tr("sf.large_batch.tip"),
        s.large_batch,
        n,
    ) {
        cmds.push(SharpFlatCommand::SetLargeBatch(b));
    }
    if let super::SfSource::Network(e) = &sf.source
        && let Some(bn) = e.batchnorm
    {
        let smallest = effective_batch(s.small_batch, n).min(effective_batch(s.large_batch, n));
        if let Some(g) = crate::ui::widgets::bn_batch_slider_ui(
            ui,
            bn.bn_batch_size,
            smallest,
            (
                tr("sf.bn_batch"),
                tr("sf.bn_batch.tip"),
                tr("sf.bn_batch.whole"),
            ),
        ) {
            cmds.push(SharpFlatCommand::SetBnBatch(g));
        }
    }
    let mut kind = s.optimizer.kind;
    egui::ComboBox::from_label(tr("sf.optimizer"))
        .selected_text(kind.title())
        .show_ui(ui, |ui| {
            for k in OptimizerKind::ALL {
                if k != OptimizerKind::Sam {
                    ui.selectable_value(&mut kind, k, k.title());
                }
            }
        })
        .response
        .on_hover_text(tr("sf.optimizer.tip"));
    if kind != s.optimizer.kind {
        cmds.push(SharpFlatCommand::SetOptimizer(kind));
    }
    let mut lr = s.optimizer.lr;
    if ui
        .add(
            crate::ui::slider(&mut lr, 1e-4..=10.0)
                .logarithmic(true)
                .text(tr("sf.lr"))
                .custom_formatter(|v, _| fmt3(v)),
        )
        .on_hover_text(tr("sf.lr.tip"))
        .changed()
    {
        cmds.push(SharpFlatCommand::SetLearningRate(lr));
    }
    if s.optimizer.kind == OptimizerKind::Sgd {
        let mut momentum = s.optimizer.momentum;
        if ui
            .add(
                crate::ui::slider(&mut momentum, 0.0..=0.99)
                    .text("momentum")
                    .custom_formatter(|v, _| fmt3(v)),
            )
            .on_hover_text(tr("sf.momentum.tip"))
            .changed()
        {
            cmds.push(SharpFlatCommand::SetMomentum(momentum));
        }
    }
    let mut scaled = s.lr_rule == LrRule::BasePerSample;
    if ui
        .checkbox(&mut scaled, tr("sf.scale_lr"))
        .on_hover_text(tr("sf.scale_lr.tip"))
        .changed()
    {
        let rule = if scaled {
            LrRule::BasePerSample
        } else {
            LrRule::Fixed
        };
        cmds.push(SharpFlatCommand::SetLrRule(rule));
    }
    let mut steps = s.steps;
    if ui
        .add(
            crate::ui::slider(&mut steps, 10..=*limits::STEPS.end())
                .logarithmic(true)
                .text(tr("sf.steps")),
        )
        .on_hover_text(tr("sf.steps.tip"))
        .changed()
    {
        cmds.push(SharpFlatCommand::SetSteps(steps));
    }
    if matches!(sf.source, super::SfSource::Network(_)) {
        plane_picker_ui(ui, s.plane, cmds);
    }
    if sf.comparison_job.busy() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(if sf.compared_generation < sf.generation() {
                tr("sf.training_both")
            } else {
                tr("sf.drawing_plane")
            });
        });
    }
}

/// The shared plane of a network: through both solutions or a Hessian plane at one of them.
fn plane_picker_ui(ui: &mut egui::Ui, current: SharedPlaneKind, cmds: &mut Vec<SharpFlatCommand>) {
    let title = |p: SharedPlaneKind| match p {
        SharedPlaneKind::Solutions => tr("sf.plane_kind.solutions"),
        SharedPlaneKind::HessianSmall => tr("sf.plane_kind.hessian_small"),
        SharedPlaneKind::HessianLarge => tr("sf.plane_kind.hessian_large"),
    };
    let mut chosen = current;
    egui::ComboBox::from_label(tr("sf.plane_kind"))
        .selected_text(title(current))
        .show_ui(ui, |ui| {
            for p in SharedPlaneKind::ALL {
                if ui.selectable_label(current == p, title(p)).clicked() {
                    chosen = p;
                }
            }
        })
        .response
        .on_hover_text(tr("sf.plane_kind.tip"));
    if chosen != current {
        cmds.push(SharpFlatCommand::SetPlane(chosen));
    }
}

fn table_ui(ui: &mut egui::Ui, sf: &SharpFlatLab) {
    let Some(c) = &sf.comparison else {
        ui.label(tr("sf.training"));
        return;
    };
    let [small, large] = &c.runs;
    let number = |r: &super::RunOutcome,
                  f: &dyn Fn(&crate::core::sharpness::SharpnessReport) -> f64| {
        match &r.report {
            Ok(report) => fmt3(f(report)),
            Err(_) if r.diverged => tr("sf.diverged").to_string(),
            Err(_) => "–".to_string(),
        }
    };
    let percent =
        |v: Option<f64>| v.map_or_else(|| "–".to_string(), |a| format!("{:.1} %", a * 100.0));
    let rows: Vec<(&str, &str, String, String)> = vec![
        (
            tr("sf.row.batch"),
            tr("sf.row.batch.tip"),
            small.batch.to_string(),
            large.batch.to_string(),
        ),
        (
            tr("sf.row.train_loss"),
            tr("sf.row.train_loss.tip"),
            number(small, &|r| r.loss),
            number(large, &|r| r.loss),
        ),
        (
            tr("sf.row.test_loss"),
            tr("sf.row.test_loss.tip"),
            number(small, &|r| r.test_loss),
            number(large, &|r| r.test_loss),
        ),
        (
            tr("sf.row.gap"),
            tr("sf.row.gap.tip"),
            number(small, &|r| r.test_loss - r.loss),
            number(large, &|r| r.test_loss - r.loss),
        ),
        (
            tr("sf.row.train_acc"),
            tr("sf.row.train_acc.tip"),
            percent(small.accuracy.map(|a| a.0)),
            percent(large.accuracy.map(|a| a.0)),
        ),
        (
            tr("sf.row.test_acc"),
            tr("sf.row.test_acc.tip"),
            percent(small.accuracy.map(|a| a.1)),
            percent(large.accuracy.map(|a| a.1)),
        ),
        (
            "λ_max",
            tr("sf.row.lambda.tip"),
            number(small, &|r| r.lambda_max),
            number(large, &|r| r.lambda_max),
        ),
        (
            tr("sf.row.trace"),
            tr("sf.row.trace.tip"),
            number(small, &|r| r.hessian_trace),
            number(large, &|r| r.hessian_trace),
        ),
        (
            tr("sf.row.eps"),
            tr("sf.row.eps.tip"),
            number(small, &|r| r.eps_sharpness),
            number(large, &|r| r.eps_sharpness),
        ),
    ];
    egui::Grid::new("sharp_flat_table")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new(tr("sf.col.small")).strong());
            ui.label(RichText::new(tr("sf.col.large")).strong());
            ui.end_row();
            for (name, tip, a, b) in rows {
                ui.label(name).on_hover_text(tip);
                ui.label(a);
                ui.label(b);
                ui.end_row();
            }
        });
}

fn sweep_ui(ui: &mut egui::Ui, sf: &SharpFlatLab, cmds: &mut Vec<SharpFlatCommand>) {
    let spec = &sf.settings.sweep;
    let n = sf.source.n_train();
    ui.label(tr("sf.batch_sizes"))
        .on_hover_text(tr("sf.batch_sizes.tip"));
    ui.horizontal_wrapped(|ui| {
        let mut stops: Vec<usize> = batch_stops(n)
            .into_iter()
            .filter(|&b| b >= 2)
            .map(|b| if b == n { 0 } else { b })
            .collect();
        stops.dedup();
        for b in stops {
            let mut on = spec.batch_sizes.contains(&b);
            let label = if b == 0 {
                tr("sf.full_short").to_string()
            } else {
                b.to_string()
            };
            if ui.checkbox(&mut on, label).changed() {
                let mut list: Vec<usize> = spec
                    .batch_sizes
                    .iter()
                    .copied()
                    .filter(|&x| x != b)
                    .collect();
                if on {
                    list.push(b);
                }
                list.sort_by_key(|&x| effective_batch(x, n));
                cmds.push(SharpFlatCommand::SetSweepBatches(list));
            }
        }
    });
    if !spec.bn_batch_sizes.is_empty() {
        let list: Vec<String> = spec
            .bn_batch_sizes
            .iter()
            .map(|&g| {
                if g == 0 {
                    tr("sf.bn_batch.whole").to_string()
                } else {
                    g.to_string()
                }
            })
            .collect();
        ui.label(fill("sf.bn_batches", &[&list.join(", ")]))
            .on_hover_text(tr("sf.bn_batches.tip"));
    }
    let lo = spec.lrs.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = spec.lrs.iter().copied().fold(0.0_f64, f64::max);
    let (mut lo_edit, mut hi_edit, mut count) = (lo, hi, spec.lrs.len());
    let mut changed = false;
    changed |= ui
        .add(
            crate::ui::slider(&mut lo_edit, 1e-4..=10.0)
                .logarithmic(true)
                .text(tr("sf.lr_from"))
                .custom_formatter(|v, _| fmt3(v)),
        )
        .on_hover_text(tr("sf.lr_from.tip"))
        .changed();
    changed |= ui
        .add(
            crate::ui::slider(&mut hi_edit, 1e-4..=10.0)
                .logarithmic(true)
                .text(tr("sf.lr_to"))
                .custom_formatter(|v, _| fmt3(v)),
        )
        .on_hover_text(tr("sf.lr_to.tip"))
        .changed();
    changed |= ui
        .add(crate::ui::slider(&mut count, 1..=12).text(tr("sf.lr_count")))
        .on_hover_text(tr("sf.lr_count.tip"))
        .changed();
    if changed {
        let (a, b) = if lo_edit <= hi_edit {
            (lo_edit, hi_edit)
        } else {
            (hi_edit, lo_edit)
        };
        cmds.push(SharpFlatCommand::SetSweepLrs(a, b, count));
    }
    ui.label(
        RichText::new(
            log_spaced(lo, hi, spec.lrs.len())
                .iter()
                .map(|v| fmt3(*v))
                .collect::<Vec<_>>()
                .join(", "),
        )
        .color(ui.visuals().weak_text_color()),
    );
    let mut seeds = spec.seeds.len();
    if ui
        .add(crate::ui::slider(&mut seeds, 1..=8).text(tr("sf.seeds")))
        .on_hover_text(tr("sf.seeds.tip"))
        .changed()
    {
        cmds.push(SharpFlatCommand::SetSweepSeeds(seeds));
    }
    ui.horizontal(|ui| {
        let rule = spec.lr_rule;
        if ui
            .radio(rule == LrRule::Fixed, tr("sf.fixed_lr"))
            .on_hover_text(tr("sf.fixed_lr.tip"))
            .clicked()
        {
            cmds.push(SharpFlatCommand::SetSweepRule(LrRule::Fixed));
        }
        if ui
            .radio(rule == LrRule::BasePerSample, tr("sf.fixed_base"))
            .on_hover_text(tr("sf.fixed_base.tip"))
            .clicked()
        {
            cmds.push(SharpFlatCommand::SetSweepRule(LrRule::BasePerSample));
        }
    });
    ui.horizontal(|ui| {
        let (is_steps, amount) = match spec.budget {
            Budget::Steps(s) => (true, s),
            Budget::Epochs(e) => (false, e),
        };
        if ui
            .radio(is_steps, tr("sf.same_steps"))
            .on_hover_text(tr("sf.same_steps.tip"))
            .clicked()
            && !is_steps
        {
            cmds.push(SharpFlatCommand::SetSweepBudget(Budget::Steps(
                sf.settings.steps,
            )));
        }
        if ui
            .radio(!is_steps, tr("sf.same_epochs"))
            .on_hover_text(tr("sf.same_epochs.tip"))
            .clicked()
            && is_steps
        {
            cmds.push(SharpFlatCommand::SetSweepBudget(Budget::Epochs(10)));
        }
        let mut amount_edit = amount;
        if ui
            .add(egui::DragValue::new(&mut amount_edit).range(1..=100_000))
            .on_hover_text(if is_steps {
                tr("sf.steps_per_cell")
            } else {
                tr("sf.epochs_per_cell")
            })
            .changed()
        {
            cmds.push(SharpFlatCommand::SetSweepBudget(if is_steps {
                Budget::Steps(amount_edit)
            } else {
                Budget::Epochs(amount_edit)
            }));
        }
    });
    let cells = spec.len();
    ui.horizontal(|ui| {
        if sf.sweep_job.busy() {
            let (done, total) = sf.sweep_progress;
            #[allow(clippy::cast_precision_loss)]
            let fraction = if total > 0 {
                done as f32 / total as f32
            } else {
                0.0
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(140.0)
                    .text(fill("sf.cells_done", &[&done, &total])),
            );
            if ui
                .button(tr("sf.cancel_sweep"))
                .on_hover_text(tr("sf.cancel_sweep.tip"))
                .clicked()
            {
                cmds.push(SharpFlatCommand::CancelSweep);
            }
        } else if ui
            .button(fill("sf.run_sweep", &[&cells]))
            .on_hover_text(tr("sf.run_sweep.tip"))
            .clicked()
        {
            cmds.push(SharpFlatCommand::RunSweep);
        }
    });
}

/// The confirmation window of a big sweep.
pub fn confirm_window(ctx: &egui::Context, sf: &SharpFlatLab, cmds: &mut Vec<SharpFlatCommand>) {
    let Some(cells) = sf.confirm else {
        return;
    };
    egui::Window::new(tr("sf.confirm.title"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label(fill("sf.confirm.text", &[&cells]));
            ui.horizontal(|ui| {
                if ui.button(tr("sf.confirm.yes")).clicked() {
                    cmds.push(SharpFlatCommand::ConfirmSweep);
                }
                if ui.button(tr("sf.confirm.no")).clicked() {
                    cmds.push(SharpFlatCommand::DeclineSweep);
                }
            });
        });
}

#[cfg(test)]
mod tests {
    #[test]
    fn batch_stops_are_powers_of_two_then_n() {
        assert_eq!(super::batch_stops(20), vec![1, 2, 4, 8, 16, 20]);
        assert_eq!(super::batch_stops(16), vec![1, 2, 4, 8, 16]);
        assert_eq!(super::batch_stops(1), vec![1]);
    }
}
