//! The left panel: the experiment's description and its controls, grouped Problem / Runs /
//! Training / View. Every control has a label, shows its value, and has a one-sentence
//! tooltip. Controls edit copies and push [`Command`]s; slider changes apply at once.

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
    ui.add_space(4.0);
    ui.label(RichText::new(super::printable(&e.name)).heading());
    if !e.description.is_empty() {
        ui.label(super::printable(&e.description));
    }
    ui.add_space(4.0);
    egui::CollapsingHeader::new(RichText::new("Problem").strong())
        .default_open(true)
        .show(ui, |ui| problem_ui(ui, session, view, cmds));
    egui::CollapsingHeader::new(RichText::new("Runs").strong())
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
    egui::CollapsingHeader::new(RichText::new("Training").strong())
        .default_open(true)
        .show(ui, |ui| training_ui(ui, session, cmds));
    egui::CollapsingHeader::new(RichText::new("View").strong())
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
    egui::ComboBox::from_label("Surface")
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
                .selectable_label(current == SurfaceKind::Custom, CUSTOM_ENTRY)
                .on_hover_text("Type your own f(x, y): x^2 + 10*sin(y), (1-x)^2 + 100*(y-x^2)^2, …")
                .clicked()
            {
                cmds.push(Command::OpenFormula);
            }
        })
        .response
        .on_hover_text(format!(
            "The loss function the optimizers descend: {}",
            super::printable(p.surface.formula_text())
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
                    .text("Condition number κ")
                    .custom_formatter(|v, _| fmt3(v)),
            )
            .on_hover_text("How much steeper one axis is than the other; large κ makes plain gradient descent zig-zag.")
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
                .text("Samples N"),
        )
        .on_hover_text("How many shifted copies of the surface make up the training set.")
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
                .text("Noise σ")
                .custom_formatter(|v, _| fmt3(v)),
        )
        .on_hover_text("How far each training copy is shifted at random; σ > 0 makes mini-batch gradients noisy and train differ from test.")
        .changed()
    {
        cmds.push(Command::SetNoise(noise));
    }
    let mut test_samples = p.test_samples;
    if ui
        .add(
            super::slider(&mut test_samples, limits::TEST_SAMPLES)
                .logarithmic(true)
                .text("Test samples M"),
        )
        .on_hover_text("How many fresh copies estimate the test (population) loss.")
        .changed()
    {
        cmds.push(Command::SetTestSamples(test_samples));
    }
    let mut seed = session.experiment.seed;
    ui.horizontal(|ui| {
        let label = ui.label("Seed");
        if ui
            .add(egui::DragValue::new(&mut seed))
            .labelled_by(label.id)
            .on_hover_text("The seed of every random draw; the same seed gives the same race.")
            .changed()
        {
            cmds.push(Command::SetSeed(seed));
        }
    });
}

/// The surface picker's entry that opens the formula field.
pub const CUSTOM_ENTRY: &str = "Custom…";

/// The accessible label of the formula field.
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
    let label = ui.label(FORMULA_FIELD);
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .font(egui::TextStyle::Monospace)
                .desired_width(f32::INFINITY)
                .hint_text("x^2 + 10*sin(y)"),
        )
        .labelled_by(label.id)
        .on_hover_text(format!(
            "f(x, y) with + − * / ^, brackets, and the names {}",
            crate::core::formula::known_names()
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
            RichText::new(format!(
                "f is undefined (NaN or infinite) on {:.0} % of the view (grey on the heatmap)",
                100.0 * picture.grid.non_finite_share()
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    if !view.recent_formulas.is_empty() {
        egui::ComboBox::from_label("Recent formulas")
            .selected_text("…")
            .show_ui(ui, |ui| {
                for f in &view.recent_formulas {
                    if ui.selectable_label(false, f).clicked() {
                        cmds.push(Command::EditFormula(f.clone()));
                    }
                }
            })
            .response
            .on_hover_text("Formulas used in this session.");
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
    if batch == 0 || batch >= n {
        format!("full ({n})")
    } else {
        batch.to_string()
    }
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
                text.push_str(" — diverged");
            }
            if ui
                .selectable_label(i == selected, text)
                .on_hover_text("Select this run to edit it below.")
                .clicked()
            {
                cmds.push(Command::SelectRun(i));
            }
        });
    }
    ui.horizontal(|ui| {
        let full = runs.len() >= *limits::RUNS.end();
        if ui
            .add_enabled(!full, egui::Button::new("Add"))
            .on_hover_text("Add a new run (Adam) that races from the same start.")
            .clicked()
        {
            cmds.push(Command::AddRun);
        }
        if ui
            .add_enabled(!full, egui::Button::new("Duplicate"))
            .on_hover_text("Add a copy of the selected run, to compare one change.")
            .clicked()
        {
            cmds.push(Command::DuplicateRun(selected));
        }
        if ui
            .add_enabled(runs.len() > 1, egui::Button::new("Remove"))
            .on_hover_text("Remove the selected run.")
            .clicked()
        {
            cmds.push(Command::RemoveRun(selected));
        }
    });
    let Some(run) = runs.get(selected) else {
        return;
    };
    ui.separator();
    ui.label(RichText::new(format!("Run {}", selected + 1)).strong());

    let mut lr = run.optimizer.lr;
    if ui
        .add(
            super::slider(&mut lr, 1e-5..=10.0)
                .logarithmic(true)
                .text("Learning rate")
                .custom_formatter(|v, _| fmt3(v)),
        )
        .on_hover_text("The step size γ: how far each update moves along the (adapted) gradient.")
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
                .text("Batch size")
                .custom_formatter(|v, _| {
                    labels
                        .get(v.max(0.0) as usize)
                        .cloned()
                        .unwrap_or_default()
                }),
        )
        .on_hover_text("Samples per gradient: small batches give noisy steps, the full batch gives the exact gradient.")
        .changed()
        && let Some(&batch) = choices.get(index)
    {
        cmds.push(Command::SetBatchSize(batch));
    }
    let mut all = view.apply_to_all;
    if ui
        .checkbox(&mut all, "Apply to all runs")
        .on_hover_text("Learning rate and batch size changes go to every run instead of only the selected one.")
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
        "Optimizer",
        &mut kind,
        true,
        "The update rule of this run (torch.optim semantics).",
    );
    if kind != spec.kind {
        // A new optimizer starts from torch's defaults, keeping the learning rate.
        let lr = spec.lr;
        *spec = OptimizerSpec::defaults(kind);
        spec.lr = lr;
    }
    if spec.kind == OptimizerKind::Sam {
        log_slider_ui(
            ui,
            &mut spec.rho,
            1e-4..=1.0,
            "rho",
            "SAM's neighbourhood radius ρ: it steps with the gradient found ρ uphill, preferring flat minima.",
        );
        let mut base = spec.base;
        optimizer_combo_ui(
            ui,
            "base",
            &mut base,
            false,
            "The optimizer SAM wraps: it makes the actual update.",
        );
        spec.base = base;
    }
    match spec.update_kind() {
        OptimizerKind::Sgd => {
            unit_slider_ui(
                ui,
                &mut spec.momentum,
                "momentum",
                "μ: how much of the previous step is kept; momentum speeds up long valleys.",
            );
            ui.add(
                super::slider(&mut spec.dampening, 0.0..=1.0)
                    .text("dampening")
                    .custom_formatter(|v, _| fmt3(v)),
            )
            .on_hover_text("τ: scales down the new gradient's share in the momentum buffer.");
            ui.checkbox(&mut spec.nesterov, "nesterov")
                .on_hover_text("Look ahead along the momentum before taking the gradient (needs momentum > 0 and dampening = 0).");
        }
        OptimizerKind::Adam | OptimizerKind::AdamW | OptimizerKind::Lion => {
            unit_slider_ui(
                ui,
                &mut spec.betas[0],
                "betas (β₁)",
                "β₁: the averaging factor of the gradient (the momentum).",
            );
            unit_slider_ui(
                ui,
                &mut spec.betas[1],
                "betas (β₂)",
                "β₂: the averaging factor of the squared gradient (the step-size scale).",
            );
            if spec.update_kind() != OptimizerKind::Lion {
                log_slider_ui(
                    ui,
                    &mut spec.eps,
                    1e-12..=1.0,
                    "eps",
                    "ε: added to the denominator so steps stay finite where gradients vanish.",
                );
                ui.checkbox(&mut spec.amsgrad, "amsgrad")
                    .on_hover_text("Use the largest squared-gradient average seen so far, so step sizes never grow.");
            }
        }
        OptimizerKind::RmsProp => {
            unit_slider_ui(
                ui,
                &mut spec.alpha,
                "alpha",
                "α: the averaging factor of the squared gradient.",
            );
            log_slider_ui(
                ui,
                &mut spec.eps,
                1e-12..=1.0,
                "eps",
                "ε: added to the denominator so steps stay finite where gradients vanish.",
            );
            unit_slider_ui(
                ui,
                &mut spec.momentum,
                "momentum",
                "μ: momentum on the scaled steps.",
            );
            ui.checkbox(&mut spec.centered, "centered").on_hover_text(
                "Divide by the gradient's variance instead of its raw second moment.",
            );
        }
        OptimizerKind::Adagrad => {
            log_slider_ui(
                ui,
                &mut spec.lr_decay,
                0.0..=1.0,
                "lr_decay",
                "Shrinks the learning rate as γ / (1 + (t − 1)·lr_decay).",
            );
            log_slider_ui(
                ui,
                &mut spec.initial_accumulator_value,
                0.0..=10.0,
                "initial_accumulator_value",
                "The starting sum of squared gradients; larger values make the first steps smaller.",
            );
            log_slider_ui(
                ui,
                &mut spec.eps,
                1e-12..=1.0,
                "eps",
                "ε: added to the denominator so steps stay finite where gradients vanish.",
            );
        }
        OptimizerKind::Sam => {}
    }
    log_slider_ui(
        ui,
        &mut spec.weight_decay,
        0.0..=1.0,
        "weight_decay",
        "λ: pulls the parameters towards zero at every step (decoupled for AdamW and Lion).",
    );
}

/// Per-run gradient clipping and gradient noise.
fn extras_ui(ui: &mut egui::Ui, run: &mut RunSpec) {
    let mut clip = run.clip_grad_norm.is_some();
    ui.horizontal(|ui| {
        ui.checkbox(&mut clip, "clip_grad_norm").on_hover_text(
            "Rescale any gradient longer than this norm down to it before the step.",
        );
        if clip {
            let mut max_norm = run.clip_grad_norm.unwrap_or(1.0);
            ui.add(
                super::slider(&mut max_norm, 1e-3..=100.0)
                    .logarithmic(true)
                    .custom_formatter(|v, _| fmt3(v)),
            )
            .on_hover_text("The largest gradient norm allowed.");
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
        "τ: adds Gaussian noise N(0, τ²) to every gradient (Langevin-style exploration).",
    );
}

/// The run's learning-rate schedule (torch.optim.lr_scheduler's names and parameters).
fn schedule_ui(ui: &mut egui::Ui, run: &mut RunSpec, steps: usize) {
    let schedule = &mut run.schedule;
    let mut name = schedule.kind.name();
    egui::ComboBox::from_label("lr schedule")
        .selected_text(name)
        .show_ui(ui, |ui| {
            for n in ScheduleKind::NAMES {
                ui.selectable_value(&mut name, n, n);
            }
        })
        .response
        .on_hover_text("How the learning rate changes over the steps (torch.optim.lr_scheduler, stepped after every optimizer step).");
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
                .on_hover_text("StepLR: multiply the lr by gamma every step_size steps.");
            ui.add(
                super::slider(gamma, 0.01..=1.0)
                    .text("gamma")
                    .custom_formatter(|v, _| fmt3(v)),
            )
            .on_hover_text("The factor at every decay.");
        }
        ScheduleKind::Exponential { gamma } => {
            ui.add(
                super::slider(gamma, 0.9..=1.0)
                    .text("gamma")
                    .custom_formatter(|v, _| fmt3(v)),
            )
            .on_hover_text("ExponentialLR: multiply the lr by gamma at every step.");
        }
        ScheduleKind::Cosine { t_max, eta_min } => {
            ui.add(super::slider(t_max, 1..=max_steps).text("T_max"))
                .on_hover_text(
                    "CosineAnnealingLR: steps of half a cosine from the lr down to eta_min.",
                );
            log_slider_ui(
                ui,
                eta_min,
                0.0..=1.0,
                "eta_min",
                "The floor the cosine anneals to.",
            );
        }
        ScheduleKind::OneCycle {
            max_lr,
            total_steps,
            pct_start,
            ..
        } => {
            log_slider_ui(
                ui,
                max_lr,
                1e-5..=10.0,
                "max_lr",
                "OneCycleLR: the peak; it starts at max_lr/25 and ends at max_lr/25/1e4.",
            );
            ui.add(super::slider(total_steps, 1..=max_steps).text("total_steps"))
                .on_hover_text("The length of the cycle.");
            ui.add(
                super::slider(pct_start, 0.0..=1.0)
                    .text("pct_start")
                    .custom_formatter(|v, _| fmt3(v)),
            )
            .on_hover_text("The share of the cycle spent raising the lr.");
        }
    }
    ui.add(super::slider(&mut schedule.warmup_steps, 0..=max_steps).text("warmup_steps"))
        .on_hover_text(
            "Linear warm-up (LinearLR, start_factor 1/3) for this many steps before the schedule.",
        );
}

fn training_ui(ui: &mut egui::Ui, session: &Session, cmds: &mut Vec<Command>) {
    let t = &session.experiment.training;
    let mut steps = t.steps;
    if ui
        .add(
            super::slider(&mut steps, 10..=*limits::STEPS.end())
                .logarithmic(true)
                .text("Steps"),
        )
        .on_hover_text("How many optimizer steps every run takes.")
        .changed()
    {
        cmds.push(Command::SetSteps(steps));
    }
    let mut start = t.start;
    ui.horizontal(|ui| {
        ui.label("Start");
        let a = ui
            .add(
                egui::DragValue::new(&mut start[0])
                    .speed(0.01)
                    .prefix("θ₁ "),
            )
            .on_hover_text("Where every run starts (or click the surface).");
        let b = ui
            .add(
                egui::DragValue::new(&mut start[1])
                    .speed(0.01)
                    .prefix("θ₂ "),
            )
            .on_hover_text("Where every run starts (or click the surface).");
        if a.changed() || b.changed() {
            cmds.push(Command::SetStart(start));
        }
    });
}

/// The colour-map picker (shared by every landscape).
pub(crate) fn colormap_ui(ui: &mut egui::Ui, view: &ViewState, cmds: &mut Vec<Command>) {
    let mut map = view.colormap;
    egui::ComboBox::from_label("Colour map")
        .selected_text(map.title())
        .show_ui(ui, |ui| {
            for m in ColorMap::ALL {
                ui.selectable_value(&mut map, m, m.title());
            }
        })
        .response
        .on_hover_text(
            "The colours of the loss: perceptually uniform maps that also print in grey.",
        );
    if map != view.colormap {
        cmds.push(Command::SetColorMap(map));
    }
}

fn view_ui(ui: &mut egui::Ui, session: &Session, view: &ViewState, cmds: &mut Vec<Command>) {
    let v = &session.experiment.view;
    let layer_title = |l: Layer| match l {
        Layer::Train => "training surface",
        Layer::Test => "test surface",
        Layer::Gap => "difference (test − train)",
    };
    let mut layer = v.layer;
    egui::ComboBox::from_label("Layer")
        .selected_text(layer_title(layer))
        .show_ui(ui, |ui| {
            for l in Layer::ALL {
                ui.selectable_value(&mut layer, l, layer_title(l));
            }
        })
        .response
        .on_hover_text("Show the training loss, the test loss, or the gap between them (where overfitting shows).");
    if layer != v.layer {
        cmds.push(Command::SetLayer(layer));
    }
    let mut log = v.log_scale;
    if ui
        .checkbox(&mut log, "Log colour scale")
        .on_hover_text(
            "Colour by the logarithm of the loss, so valleys spanning many decades stay visible.",
        )
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
                .text("Resolution"),
        )
        .on_hover_text("Grid points per axis of the heatmap; more is sharper and slower.")
        .changed()
    {
        cmds.push(Command::SetResolution(res));
    }
    let mut test = view.show_test_loss;
    if ui
        .checkbox(&mut test, "Test loss in plot")
        .on_hover_text("Also draw each run's test loss, dashed, in the loss plot.")
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
