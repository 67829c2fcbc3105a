//! The left panel: the experiment's description and its controls, grouped Problem / Runs /
//! Training / View. Every control has a label, shows its value, and has a one-sentence
//! tooltip. Controls edit copies and push [`Command`]s; slider changes apply at once.

use crate::i18n::{fill, tr};
use egui::RichText;

use crate::app::command::Command;
use crate::app::state::{Session, ViewState};
use crate::core::fmt3;
use crate::core::landscape::Layer;
use crate::core::optim::{OptimizerKind, OptimizerSpec};
use crate::core::schedule::ScheduleKind;
use crate::core::surface::SurfaceKind;
use crate::core::train::{RunSpec, Trajectory};
use crate::preset::limits;
use crate::ui::heatmap::ColorMap;

/// Draws the left panel.
pub fn controls_ui(
    ui: &mut egui::Ui,
    session: &Session,
    view: &ViewState,
    cmds: &mut Vec<Command>,
) {
    let e = &session.experiment;
    super::preset_header_ui(ui, &session.preset_name, &e.name, &e.description);
    ui.add_space(4.0);
    egui::CollapsingHeader::new(RichText::new(tr("pg.problem")).strong())
        .default_open(true)
        .show(ui, |ui| problem_ui(ui, session, view, cmds));
    egui::CollapsingHeader::new(RichText::new(tr("pg.runs")).strong())
        .default_open(true)
        .show(ui, |ui| {
            let diverged: Vec<bool> = session
                .trained
                .as_ref()
                .map(|t| t.trajectories.iter().map(Trajectory::diverged).collect())
                .unwrap_or_default();
            runs_ui(
                ui,
                &e.runs,
                e.problem.samples,
                e.training.steps,
                &diverged,
                view,
                cmds,
            );
        });
    egui::CollapsingHeader::new(RichText::new(tr("pg.training")).strong())
        .default_open(true)
        .show(ui, |ui| training_ui(ui, session, cmds));
    egui::CollapsingHeader::new(RichText::new(tr("pg.view")).strong())
        .default_open(true)
        .show(ui, |ui| view_ui(ui, session, view, cmds));
}

fn surface_title(kind: SurfaceKind) -> &'static str {
    if kind.title().is_empty() {
        kind.name()
    } else {
        kind.title()
    }
}

fn problem_ui(ui: &mut egui::Ui, session: &Session, view: &ViewState, cmds: &mut Vec<Command>) {
    let p = &session.experiment.problem;
    let current = p.surface.kind;
    egui::ComboBox::from_label(tr("pg.surface"))
        .selected_text(surface_title(current))
        // Tall enough for every built-in surface and "Custom…" without scrolling.
        .height(480.0)
        .show_ui(ui, |ui| {
            for kind in SurfaceKind::ALL {
                let response = ui
                    .selectable_label(kind == current, surface_title(kind))
                    .on_hover_text(super::printable(kind.formula()));
                if response.clicked() && kind != current {
                    cmds.push(Command::SetSurface(kind));
                }
            }
            if ui
                .selectable_label(current == SurfaceKind::Custom, tr("pg.custom"))
                .on_hover_text(tr("pg.custom.tip"))
                .clicked()
            {
                cmds.push(Command::OpenFormula);
            }
        })
        .response
        .on_hover_text(fill(
            "pg.surface.tip",
            &[&super::printable(p.surface.formula_text())],
        ));
    if view.formula_open || current == SurfaceKind::Custom {
        formula_ui(ui, session, view, cmds);
    }
    if current == SurfaceKind::Quadratic {
        let mut kappa = p.surface.condition;
        if ui
            .add(
                super::slider(&mut kappa, 1.0..=1.0e4)
                    .logarithmic(true)
                    .text(tr("pg.condition"))
                    .custom_formatter(|v, _| fmt3(v)),
            )
            .on_hover_text(tr("pg.condition.tip"))
            .changed()
        {
            cmds.push(Command::SetCondition(kappa));
        }
    }
    let mut samples = p.samples;
    if ui
        .add(
            super::slider(&mut samples, limits::SAMPLES)
                .logarithmic(true)
                .text(tr("pg.samples")),
        )
        .on_hover_text(tr("pg.samples.tip"))
        .changed()
    {
        cmds.push(Command::SetSamples(samples));
    }
    let mut noise = p.noise;
    if ui
        .add(
            super::slider(&mut noise, 0.0..=*limits::NOISE.end())
                .logarithmic(true)
                .smallest_positive(1e-3)
                .text(tr("pg.noise"))
                .custom_formatter(|v, _| fmt3(v)),
        )
        .on_hover_text(tr("pg.noise.tip"))
        .changed()
    {
        cmds.push(Command::SetNoise(noise));
    }
    let mut test_samples = p.test_samples;
    if ui
        .add(
            super::slider(&mut test_samples, limits::TEST_SAMPLES)
                .logarithmic(true)
                .text(tr("pg.test_samples")),
        )
        .on_hover_text(tr("pg.test_samples.tip"))
        .changed()
    {
        cmds.push(Command::SetTestSamples(test_samples));
    }
    let mut seed = session.experiment.seed;
    ui.horizontal(|ui| {
        let label = ui.label(tr("pg.seed"));
        if ui
            .add(egui::DragValue::new(&mut seed))
            .labelled_by(label.id)
            .on_hover_text(tr("pg.seed.tip"))
            .changed()
        {
            cmds.push(Command::SetSeed(seed));
        }
    });
}

/// The surface picker's entry that opens the formula field (in English; the key `pg.custom`).
pub const CUSTOM_ENTRY: &str = "Custom…";

/// The accessible label of the formula field (in English; the key `pg.formula`).
pub const FORMULA_FIELD: &str = "Formula f(x, y)";

/// The Custom… surface's formula field: typing applies every formula that parses; one that
/// does not is shown with its error pointed at (and the known names when a name is unknown),
/// while the surface keeps the last good formula. Recent formulas are one click away.
fn formula_ui(ui: &mut egui::Ui, session: &Session, view: &ViewState, cmds: &mut Vec<Command>) {
    let applied = session
        .experiment
        .problem
        .surface
        .formula
        .as_ref()
        .filter(|_| session.experiment.problem.surface.kind == SurfaceKind::Custom)
        .map(|f| f.source().to_string());
    let mut text = match (&view.formula_error, &applied) {
        (None, Some(source)) => source.clone(),
        _ => view.formula_text.clone(),
    };
    let label = ui.label(tr("pg.formula"));
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .font(egui::TextStyle::Monospace)
                .desired_width(f32::INFINITY)
                .hint_text("x^2 + 10*sin(y)"),
        )
        .labelled_by(label.id)
        .on_hover_text(fill(
            "pg.formula.tip",
            &[&crate::core::formula::known_names()],
        ));
    if response.changed() {
        cmds.push(Command::EditFormula(text.clone()));
    }
    if response.lost_focus() {
        cmds.push(Command::RememberFormula);
    }
    if let Some(error) = &view.formula_error {
        let red = ui.visuals().error_fg_color;
        ui.label(
            RichText::new(error.pointer(&view.formula_text))
                .monospace()
                .color(red),
        );
        ui.label(RichText::new(error.to_string()).color(red));
    }
    if let Some(picture) = &session.picture
        && picture.grid.largely_non_finite()
    {
        ui.label(
            RichText::new(fill(
                "pg.non_finite",
                &[&format!("{:.0}", 100.0 * picture.grid.non_finite_share())],
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    if !view.recent_formulas.is_empty() {
        egui::ComboBox::from_label(tr("pg.recent_formulas"))
            .selected_text("…")
            .show_ui(ui, |ui| {
                for f in &view.recent_formulas {
                    if ui.selectable_label(false, f).clicked() {
                        cmds.push(Command::EditFormula(f.clone()));
                    }
                }
            })
            .response
            .on_hover_text(tr("pg.recent_formulas.tip"));
    }
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

fn batch_label(batch: usize, n: usize) -> String {
    crate::core::train::batch_label(batch, n, |n| fill("pg.full_batch", &[&n]))
}

/// The runs of a lab (the Playground's or the Network lab's): a list to pick one, Add /
/// Duplicate / Remove, and the picked run's learning rate, batch size (of `n` samples),
/// optimizer, schedule (over `steps`) and extras. `diverged[i]` marks run i's legend.
pub fn runs_ui(
    ui: &mut egui::Ui,
    runs: &[RunSpec],
    n: usize,
    steps: usize,
    diverged: &[bool],
    view: &ViewState,
    cmds: &mut Vec<Command>,
) {
    let selected = view.selected_run.min(runs.len().saturating_sub(1));
    for (i, run) in runs.iter().enumerate() {
        ui.horizontal(|ui| {
            let color = super::run_color(i, view.dark_theme);
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            ui.painter().circle_filled(rect.center(), 6.0, color);
            let mut text = run.legend(n);
            if diverged.get(i).copied().unwrap_or(false) {
                text.push_str(tr("pg.diverged"));
            }
            if ui
                .selectable_label(i == selected, text)
                .on_hover_text(tr("pg.select_run.tip"))
                .clicked()
            {
                cmds.push(Command::SelectRun(i));
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
            cmds.push(Command::AddRun);
        }
        if ui
            .add_enabled(!full, egui::Button::new(tr("pg.duplicate")))
            .on_hover_text(tr("pg.duplicate.tip"))
            .clicked()
        {
            cmds.push(Command::DuplicateRun(selected));
        }
        if ui
            .add_enabled(runs.len() > 1, egui::Button::new(tr("pg.remove")))
            .on_hover_text(tr("pg.remove.tip"))
            .clicked()
        {
            cmds.push(Command::RemoveRun(selected));
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
        cmds.push(Command::SetLearningRate(lr));
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
        cmds.push(Command::SetBatchSize(batch));
    }
    let mut all = view.apply_to_all;
    if ui
        .checkbox(&mut all, tr("pg.apply_all"))
        .on_hover_text(tr("pg.apply_all.tip"))
        .changed()
    {
        cmds.push(Command::SetApplyToAll(all));
    }

    let mut edited = run.clone();
    optimizer_ui(ui, &mut edited.optimizer);
    extras_ui(ui, &mut edited);
    schedule_ui(ui, &mut edited, steps);
    if edited != *run {
        cmds.push(Command::ReplaceRun(selected, edited));
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

fn unit_slider_ui(ui: &mut egui::Ui, value: &mut f64, name: &str, tip: &str) {
    ui.add(
        super::slider(value, 0.0..=0.999)
            .text(name)
            .custom_formatter(|v, _| fmt3(v)),
    )
    .on_hover_text(tip);
}

pub(crate) fn log_slider_ui(
    ui: &mut egui::Ui,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
    name: &str,
    tip: &str,
) {
    ui.add(
        super::slider(value, range)
            .logarithmic(true)
            .smallest_positive(1e-12)
            .text(name)
            .custom_formatter(|v, _| fmt3(v)),
    )
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
            unit_slider_ui(ui, &mut spec.momentum, "momentum", tr("pg.momentum.tip"));
            ui.add(
                super::slider(&mut spec.dampening, 0.0..=1.0)
                    .text("dampening")
                    .custom_formatter(|v, _| fmt3(v)),
            )
            .on_hover_text(tr("pg.dampening.tip"));
            ui.checkbox(&mut spec.nesterov, "nesterov")
                .on_hover_text(tr("pg.nesterov.tip"));
        }
        OptimizerKind::Adam | OptimizerKind::AdamW | OptimizerKind::Lion => {
            unit_slider_ui(ui, &mut spec.betas[0], "betas (β₁)", tr("pg.beta1.tip"));
            unit_slider_ui(ui, &mut spec.betas[1], "betas (β₂)", tr("pg.beta2.tip"));
            if spec.update_kind() != OptimizerKind::Lion {
                log_slider_ui(ui, &mut spec.eps, 1e-12..=1.0, "eps", tr("pg.eps.tip"));
                ui.checkbox(&mut spec.amsgrad, "amsgrad")
                    .on_hover_text(tr("pg.amsgrad.tip"));
            }
        }
        OptimizerKind::RmsProp => {
            unit_slider_ui(ui, &mut spec.alpha, "alpha", tr("pg.alpha.tip"));
            log_slider_ui(ui, &mut spec.eps, 1e-12..=1.0, "eps", tr("pg.eps.tip"));
            unit_slider_ui(
                ui,
                &mut spec.momentum,
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
            log_slider_ui(ui, &mut spec.eps, 1e-12..=1.0, "eps", tr("pg.eps.tip"));
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
            ui.add(
                super::slider(gamma, 0.01..=1.0)
                    .text("gamma")
                    .custom_formatter(|v, _| fmt3(v)),
            )
            .on_hover_text(tr("pg.gamma.tip"));
        }
        ScheduleKind::Exponential { gamma } => {
            ui.add(
                super::slider(gamma, 0.9..=1.0)
                    .text("gamma")
                    .custom_formatter(|v, _| fmt3(v)),
            )
            .on_hover_text(tr("pg.exp_gamma.tip"));
        }
        ScheduleKind::Cosine { t_max, eta_min } => {
            ui.add(super::slider(t_max, 1..=max_steps).text("T_max"))
                .on_hover_text(tr("pg.t_max.tip"));
            log_slider_ui(ui, eta_min, 0.0..=1.0, "eta_min", tr("pg.eta_min.tip"));
        }
        ScheduleKind::OneCycle {
            max_lr,
            total_steps,
            pct_start,
            ..
        } => {
            log_slider_ui(ui, max_lr, 1e-5..=10.0, "max_lr", tr("pg.max_lr.tip"));
            ui.add(super::slider(total_steps, 1..=max_steps).text("total_steps"))
                .on_hover_text(tr("pg.total_steps.tip"));
            ui.add(
                super::slider(pct_start, 0.0..=1.0)
                    .text("pct_start")
                    .custom_formatter(|v, _| fmt3(v)),
            )
            .on_hover_text(tr("pg.pct_start.tip"));
        }
    }
    ui.add(super::slider(&mut schedule.warmup_steps, 0..=max_steps).text("warmup_steps"))
        .on_hover_text(tr("pg.warmup.tip"));
}

fn training_ui(ui: &mut egui::Ui, session: &Session, cmds: &mut Vec<Command>) {
    let t = &session.experiment.training;
    let mut steps = t.steps;
    if ui
        .add(
            super::slider(&mut steps, 10..=*limits::STEPS.end())
                .logarithmic(true)
                .text(tr("pg.steps")),
        )
        .on_hover_text(tr("pg.steps.tip"))
        .changed()
    {
        cmds.push(Command::SetSteps(steps));
    }
    let mut start = t.start;
    ui.horizontal(|ui| {
        ui.label(tr("pg.start"));
        let a = ui
            .add(
                egui::DragValue::new(&mut start[0])
                    .speed(0.01)
                    .prefix("θ₁ "),
            )
            .on_hover_text(tr("pg.start.tip"));
        let b = ui
            .add(
                egui::DragValue::new(&mut start[1])
                    .speed(0.01)
                    .prefix("θ₂ "),
            )
            .on_hover_text(tr("pg.start.tip"));
        if a.changed() || b.changed() {
            cmds.push(Command::SetStart(start));
        }
    });
}

/// The colour-map picker (shared by every landscape).
pub(crate) fn colormap_ui(ui: &mut egui::Ui, view: &ViewState, cmds: &mut Vec<Command>) {
    let mut map = view.colormap;
    egui::ComboBox::from_label(tr("pg.colormap"))
        .selected_text(map.title())
        .show_ui(ui, |ui| {
            for m in ColorMap::ALL {
                ui.selectable_value(&mut map, m, m.title());
            }
        })
        .response
        .on_hover_text(tr("pg.colormap.tip"));
    if map != view.colormap {
        cmds.push(Command::SetColorMap(map));
    }
}

/// A picker of the landscape's layer (train, test, gap) with `titles` for the three and a
/// `label` beside it (`None`: no label, `id_salt` names it); the layer picked, if it changed.
pub(crate) fn layer_combo_ui(
    ui: &mut egui::Ui,
    label: Option<&str>,
    id_salt: &str,
    current: Layer,
    titles: [&str; 3],
    tip: &str,
) -> Option<Layer> {
    let title = |l: Layer| match l {
        Layer::Train => titles[0],
        Layer::Test => titles[1],
        Layer::Gap => titles[2],
    };
    let mut layer = current;
    let combo = match label {
        Some(text) => egui::ComboBox::from_label(text),
        None => egui::ComboBox::from_id_salt(id_salt),
    };
    combo
        .selected_text(title(layer))
        .show_ui(ui, |ui| {
            for l in Layer::ALL {
                ui.selectable_value(&mut layer, l, title(l));
            }
        })
        .response
        .on_hover_text(tip);
    (layer != current).then_some(layer)
}

fn view_ui(ui: &mut egui::Ui, session: &Session, view: &ViewState, cmds: &mut Vec<Command>) {
    let v = &session.experiment.view;
    let titles = [
        tr("pg.layer_train"),
        tr("pg.layer_test"),
        tr("pg.layer_gap"),
    ];
    if let Some(layer) = layer_combo_ui(
        ui,
        Some(tr("pg.layer")),
        "layer",
        v.layer,
        titles,
        tr("pg.layer.tip"),
    ) {
        cmds.push(Command::SetLayer(layer));
    }
    let mut log = v.log_scale;
    if ui
        .checkbox(&mut log, tr("pg.log_scale"))
        .on_hover_text(tr("pg.log_scale.tip"))
        .changed()
    {
        cmds.push(Command::SetLogScale(log));
    }
    colormap_ui(ui, view, cmds);
    let mut res = v.resolution;
    if ui
        .add(
            super::slider(&mut res, 16..=1024)
                .logarithmic(true)
                .text(tr("pg.resolution")),
        )
        .on_hover_text(tr("pg.resolution.tip"))
        .changed()
    {
        cmds.push(Command::SetResolution(res));
    }
    let mut test = view.show_test_loss;
    if ui
        .checkbox(&mut test, tr("pg.test_in_plot"))
        .on_hover_text(tr("pg.test_in_plot.tip"))
        .changed()
    {
        cmds.push(Command::SetShowTestLoss(test));
    }
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
