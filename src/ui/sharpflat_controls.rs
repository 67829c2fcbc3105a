//! The Sharp vs Flat lab's left panel: the problem (a preset: network or toy surface), the two
//! runs (small batch, large batch, optimizer, learning rate, steps), the table of their
//! numbers, and the sweep's settings with Run / Cancel and progress. Every control has a
//! label and a tooltip; changes become [`SfCommand`]s.

use egui::RichText;

use crate::app::command::Command;
use crate::app::sharpflat::{SfCommand, SfView, SharpFlatSession, effective_batch, log_spaced};
use crate::core::fmt3;
use crate::core::optim::OptimizerKind;
use crate::core::sweep::{Budget, LrRule};
use crate::preset::limits;

/// The presets this lab offers in its problem picker: the network presets and the toy
/// `sharp-vs-flat` surface.
pub const PROBLEMS: [&str; 5] = [
    "sharp-vs-flat-net",
    "batch-size-matters",
    "edge-of-stability",
    "moons",
    "sharp-vs-flat",
];

/// Draws the left panel of the Sharp vs Flat lab.
pub fn sharp_flat_controls_ui(ui: &mut egui::Ui, sf: &SharpFlatSession, cmds: &mut Vec<Command>) {
    ui.add_space(4.0);
    ui.label(RichText::new(super::printable(sf.source.name())).heading());
    if !sf.source.description().is_empty() {
        ui.label(super::printable(sf.source.description()));
    }
    egui::ComboBox::from_label("Problem")
        .selected_text(sf.preset_name.as_str())
        .show_ui(ui, |ui| {
            for name in PROBLEMS {
                if ui.selectable_label(sf.preset_name == name, name).clicked() {
                    cmds.push(Command::LoadSharpFlat(name));
                }
            }
        })
        .response
        .on_hover_text(
            "The data and model (or toy surface) both runs train on. Any network preset can be \
             opened here from Preset → Open file… as well.",
        );
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        for (view, title, tip) in [
            (
                SfView::TwoRuns,
                "Two runs",
                "A small and a large batch from one start: where they end, and how sharp it is.",
            ),
            (
                SfView::Sweep,
                "Sweep",
                "Many trainings over batch sizes × learning rates × seeds.",
            ),
        ] {
            if ui
                .selectable_label(sf.view == view, title)
                .on_hover_text(tip)
                .clicked()
            {
                cmds.push(Command::SharpFlat(SfCommand::SetView(view)));
            }
        }
    });
    ui.separator();
    egui::CollapsingHeader::new(RichText::new("Runs").strong())
        .default_open(true)
        .show(ui, |ui| runs_ui(ui, sf, cmds));
    egui::CollapsingHeader::new(RichText::new("Numbers").strong())
        .default_open(true)
        .show(ui, |ui| table_ui(ui, sf));
    egui::CollapsingHeader::new(RichText::new("Sweep settings").strong())
        .default_open(true)
        .show(ui, |ui| sweep_ui(ui, sf, cmds));
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
                format!("full ({n})")
            } else {
                b.to_string()
            }
        })
        .collect();
    let changed = ui
        .add(
            super::slider(&mut index, 0..=stops.len() - 1)
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

fn runs_ui(ui: &mut egui::Ui, sf: &SharpFlatSession, cmds: &mut Vec<Command>) {
    let s = &sf.settings;
    let n = sf.source.n_train();
    if let Some(b) = batch_slider(
        ui,
        "Small batch",
        "Samples per step of the first run: noisy steps that cannot settle in a narrow valley.",
        s.small_batch,
        n,
    ) {
        cmds.push(Command::SharpFlat(SfCommand::SetSmallBatch(b)));
    }
    if let Some(b) = batch_slider(
        ui,
        "Large batch",
        "Samples per step of the second run: the full batch gives the exact gradient.",
        s.large_batch,
        n,
    ) {
        cmds.push(Command::SharpFlat(SfCommand::SetLargeBatch(b)));
    }
    let mut kind = s.optimizer.kind;
    egui::ComboBox::from_label("Optimizer")
        .selected_text(kind.title())
        .show_ui(ui, |ui| {
            for k in OptimizerKind::ALL {
                if k != OptimizerKind::Sam {
                    ui.selectable_value(&mut kind, k, k.title());
                }
            }
        })
        .response
        .on_hover_text("The update rule of both runs (torch.optim defaults).");
    if kind != s.optimizer.kind {
        cmds.push(Command::SharpFlat(SfCommand::SetOptimizer(kind)));
    }
    let mut lr = s.optimizer.lr;
    if ui
        .add(
            super::slider(&mut lr, 1e-4..=10.0)
                .logarithmic(true)
                .text("Learning rate")
                .custom_formatter(|v, _| fmt3(v)),
        )
        .on_hover_text("The step size η of both runs.")
        .changed()
    {
        cmds.push(Command::SharpFlat(SfCommand::SetLearningRate(lr)));
    }
    if s.optimizer.kind == OptimizerKind::Sgd {
        let mut momentum = s.optimizer.momentum;
        if ui
            .add(
                super::slider(&mut momentum, 0.0..=0.99)
                    .text("momentum")
                    .custom_formatter(|v, _| fmt3(v)),
            )
            .on_hover_text("Heavy-ball momentum β; the edge of stability moves to (2 + 2β)/η.")
            .changed()
        {
            cmds.push(Command::SharpFlat(SfCommand::SetMomentum(momentum)));
        }
    }
    let mut steps = s.steps;
    if ui
        .add(
            super::slider(&mut steps, 10..=*limits::STEPS.end())
                .logarithmic(true)
                .text("Steps"),
        )
        .on_hover_text("Optimizer steps of both runs.")
        .changed()
    {
        cmds.push(Command::SharpFlat(SfCommand::SetSteps(steps)));
    }
    if sf.job.is_some() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(if sf.compared_generation < sf.generation {
                "training both runs…"
            } else {
                "drawing the plane…"
            });
        });
    }
}

fn table_ui(ui: &mut egui::Ui, sf: &SharpFlatSession) {
    let Some(c) = &sf.comparison else {
        ui.label("Training…");
        return;
    };
    let [small, large] = &c.runs;
    let number = |r: &crate::app::sharpflat::RunOutcome,
                  f: &dyn Fn(&crate::core::sharpness::SharpnessReport) -> f64| {
        match &r.report {
            Ok(report) => fmt3(f(report)),
            Err(_) if r.diverged => "diverged".to_string(),
            Err(_) => "–".to_string(),
        }
    };
    let percent =
        |v: Option<f64>| v.map_or_else(|| "–".to_string(), |a| format!("{:.1} %", a * 100.0));
    let rows: Vec<(&str, &str, String, String)> = vec![
        (
            "batch size",
            "Samples per step.",
            small.batch.to_string(),
            large.batch.to_string(),
        ),
        (
            "train loss",
            "Full-batch training loss at the end.",
            number(small, &|r| r.loss),
            number(large, &|r| r.loss),
        ),
        (
            "test loss",
            "Loss on the held-out test set at the end.",
            number(small, &|r| r.test_loss),
            number(large, &|r| r.test_loss),
        ),
        (
            "gap",
            "Test loss − train loss: the generalization gap.",
            number(small, &|r| r.test_loss - r.loss),
            number(large, &|r| r.test_loss - r.loss),
        ),
        (
            "train acc",
            "Fraction of training points classified correctly.",
            percent(small.accuracy.map(|a| a.0)),
            percent(large.accuracy.map(|a| a.0)),
        ),
        (
            "test acc",
            "Fraction of test points classified correctly.",
            percent(small.accuracy.map(|a| a.1)),
            percent(large.accuracy.map(|a| a.1)),
        ),
        (
            "λ_max",
            "The largest eigenvalue of the Hessian: the curvature along the sharpest direction.",
            number(small, &|r| r.lambda_max),
            number(large, &|r| r.lambda_max),
        ),
        (
            "Hessian trace",
            "The sum of all curvatures (exact for small models, Hutchinson's estimate otherwise).",
            number(small, &|r| r.hessian_trace),
            number(large, &|r| r.hessian_trace),
        ),
        (
            "ε-sharpness",
            "Keskar et al.: the largest relative rise of the loss in a box of size ε = 1e-3 \
             around the minimum, in %.",
            number(small, &|r| r.eps_sharpness),
            number(large, &|r| r.eps_sharpness),
        ),
    ];
    egui::Grid::new("sharp_flat_table")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            ui.label("");
            ui.label(RichText::new("small").strong());
            ui.label(RichText::new("large").strong());
            ui.end_row();
            for (name, tip, a, b) in rows {
                ui.label(name).on_hover_text(tip);
                ui.label(a);
                ui.label(b);
                ui.end_row();
            }
        });
}

fn sweep_ui(ui: &mut egui::Ui, sf: &SharpFlatSession, cmds: &mut Vec<Command>) {
    let spec = &sf.settings.sweep;
    let n = sf.source.n_train();
    ui.label("Batch sizes")
        .on_hover_text("Tick the batch sizes the sweep trains.");
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
                "full".to_string()
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
                cmds.push(Command::SharpFlat(SfCommand::SetSweepBatches(list)));
            }
        }
    });
    let lo = spec.lrs.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = spec.lrs.iter().copied().fold(0.0_f64, f64::max);
    let (mut lo_edit, mut hi_edit, mut count) = (lo, hi, spec.lrs.len());
    let mut changed = false;
    changed |= ui
        .add(
            super::slider(&mut lo_edit, 1e-4..=10.0)
                .logarithmic(true)
                .text("lr from")
                .custom_formatter(|v, _| fmt3(v)),
        )
        .on_hover_text("The smallest learning rate of the sweep.")
        .changed();
    changed |= ui
        .add(
            super::slider(&mut hi_edit, 1e-4..=10.0)
                .logarithmic(true)
                .text("lr to")
                .custom_formatter(|v, _| fmt3(v)),
        )
        .on_hover_text("The largest learning rate of the sweep.")
        .changed();
    changed |= ui
        .add(super::slider(&mut count, 1..=12).text("learning rates"))
        .on_hover_text("How many learning rates, evenly spaced on a log scale.")
        .changed();
    if changed {
        let (a, b) = if lo_edit <= hi_edit {
            (lo_edit, hi_edit)
        } else {
            (hi_edit, lo_edit)
        };
        cmds.push(Command::SharpFlat(SfCommand::SetSweepLrs(a, b, count)));
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
        .add(super::slider(&mut seeds, 1..=8).text("Seeds"))
        .on_hover_text("Repeats of every cell with other initial weights and batch orders; the plots show medians.")
        .changed()
    {
        cmds.push(Command::SharpFlat(SfCommand::SetSweepSeeds(seeds)));
    }
    ui.horizontal(|ui| {
        let rule = spec.lr_rule;
        if ui
            .radio(rule == LrRule::Fixed, "fixed lr")
            .on_hover_text("Every batch size trains with the listed learning rate η.")
            .clicked()
        {
            cmds.push(Command::SharpFlat(SfCommand::SetSweepRule(LrRule::Fixed)));
        }
        if ui
            .radio(rule == LrRule::BasePerSample, "fixed base lr η/B")
            .on_hover_text(
                "Masters & Luschi: the listed value is η̃ = η/B, so a batch of B trains with \
                 η = η̃·B.",
            )
            .clicked()
        {
            cmds.push(Command::SharpFlat(SfCommand::SetSweepRule(
                LrRule::BasePerSample,
            )));
        }
    });
    ui.horizontal(|ui| {
        let (is_steps, amount) = match spec.budget {
            Budget::Steps(s) => (true, s),
            Budget::Epochs(e) => (false, e),
        };
        if ui
            .radio(is_steps, "same steps")
            .on_hover_text("Every cell takes the same number of optimizer steps.")
            .clicked()
            && !is_steps
        {
            cmds.push(Command::SharpFlat(SfCommand::SetSweepBudget(Budget::Steps(sf.settings.steps))));
        }
        if ui
            .radio(!is_steps, "same epochs")
            .on_hover_text("Every cell makes the same number of passes over the data: small batches take more steps.")
            .clicked()
            && is_steps
        {
            cmds.push(Command::SharpFlat(SfCommand::SetSweepBudget(Budget::Epochs(10))));
        }
        let mut amount_edit = amount;
        if ui
            .add(egui::DragValue::new(&mut amount_edit).range(1..=100_000))
            .on_hover_text(if is_steps { "Steps per cell." } else { "Epochs per cell." })
            .changed()
        {
            cmds.push(Command::SharpFlat(SfCommand::SetSweepBudget(if is_steps {
                Budget::Steps(amount_edit)
            } else {
                Budget::Epochs(amount_edit)
            })));
        }
    });
    let cells = spec.len();
    ui.horizontal(|ui| {
        if sf.sweep_job.is_some() {
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
                    .text(format!("{done} / {total} cells")),
            );
            if ui
                .button("Cancel sweep")
                .on_hover_text("Stop the sweep; nothing of it is kept.")
                .clicked()
            {
                cmds.push(Command::SharpFlat(SfCommand::CancelSweep));
            }
        } else if ui
            .button(format!("Run sweep ({cells} cells)"))
            .on_hover_text(
                "Train every cell in parallel; progress shows here and it can be cancelled.",
            )
            .clicked()
        {
            cmds.push(Command::SharpFlat(SfCommand::RunSweep));
        }
    });
}

/// The confirmation window of a big sweep.
pub fn confirm_window(ctx: &egui::Context, sf: &SharpFlatSession, cmds: &mut Vec<Command>) {
    let Some(cells) = sf.confirm else {
        return;
    };
    egui::Window::new("Run a big sweep?")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label(format!(
                "This sweep trains {cells} networks; it can take a long time. It runs in the \
                 background and can be cancelled."
            ));
            ui.horizontal(|ui| {
                if ui.button("Run it").clicked() {
                    cmds.push(Command::SharpFlat(SfCommand::ConfirmSweep));
                }
                if ui.button("Not now").clicked() {
                    cmds.push(Command::SharpFlat(SfCommand::DeclineSweep));
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
