//! The left panel: the experiment's description and its controls, grouped Problem / Runs /
//! Training / View. Every control has a label, shows its value, and has a one-sentence
//! tooltip. Controls edit copies and push [`PlaygroundCommand`]s; slider changes apply at once.

use crate::i18n::{fill, tr};
use egui::RichText;

use crate::app::command::Command;
use crate::app::settings::Settings;
use crate::core::fmt3;
use crate::core::surface::SurfaceKind;
use crate::core::train::Trajectory;
use crate::preset::limits;
use crate::ui::run_editor::{RunEditor, runs_ui};
use crate::ui::widgets::{colormap_ui, layer_combo_ui};
use crate::ui::{preset_header_ui, printable, slider};

use super::{Playground, PlaygroundCommand};

/// Draws the left panel.
pub fn controls_ui(
    ui: &mut egui::Ui,
    pg: &Playground,
    prefs: &Settings,
    cmds: &mut Vec<PlaygroundCommand>,
) {
    let e = &pg.experiment;
    preset_header_ui(ui, &pg.preset_name, &e.name, &e.description);
    ui.add_space(4.0);
    egui::CollapsingHeader::new(RichText::new(tr("pg.problem")).strong())
        .default_open(true)
        .show(ui, |ui| problem_ui(ui, pg, cmds));
    egui::CollapsingHeader::new(RichText::new(tr("pg.runs")).strong())
        .default_open(true)
        .show(ui, |ui| {
            let diverged: Vec<bool> = pg
                .trained
                .as_ref()
                .map(|t| t.trajectories.iter().map(Trajectory::diverged).collect())
                .unwrap_or_default();
            let editor = RunEditor {
                runs: &e.runs,
                n: e.problem.samples,
                steps: e.training.steps,
                diverged: &diverged,
            };
            super::tuning::tune_ui(ui, pg, cmds);
            ui.add_space(2.0);
            runs_ui(ui, editor, &pg.runs, prefs.dark_theme, cmds);
        });
    egui::CollapsingHeader::new(RichText::new(tr("pg.training")).strong())
        .default_open(true)
        .show(ui, |ui| training_ui(ui, pg, cmds));
    egui::CollapsingHeader::new(RichText::new(tr("pg.view")).strong())
        .default_open(true)
        .show(ui, |ui| view_ui(ui, pg, prefs, cmds));
    egui::CollapsingHeader::new(RichText::new(tr("pg.overlays")).strong())
        .default_open(true)
        .show(ui, |ui| super::overlays::toggles_ui(ui, pg, cmds))
        .header_response
        .on_hover_text(tr("pg.overlays.tip"));
}

fn surface_title(kind: SurfaceKind) -> &'static str {
    // The people's names (Rosenbrock, Beale, …) stay as they are; the words are translated.
    let key = match kind {
        SurfaceKind::SixHumpCamel => "pg.surface.six_hump_camel",
        SurfaceKind::Saddle => "pg.surface.saddle",
        SurfaceKind::Quadratic => "pg.surface.quadratic",
        SurfaceKind::SharpFlat => "pg.surface.sharp_flat",
        _ if kind.title().is_empty() => return kind.name(),
        _ => return kind.title(),
    };
    tr(key)
}

fn problem_ui(ui: &mut egui::Ui, pg: &Playground, cmds: &mut Vec<PlaygroundCommand>) {
    let p = &pg.experiment.problem;
    let current = p.surface.kind;
    egui::ComboBox::from_label(tr("pg.surface"))
        .selected_text(surface_title(current))
        // Tall enough for every built-in surface and "Custom…" without scrolling.
        .height(480.0)
        .show_ui(ui, |ui| {
            for kind in SurfaceKind::ALL {
                let response = ui
                    .selectable_label(kind == current, surface_title(kind))
                    .on_hover_text(printable(kind.formula()));
                if response.clicked() && kind != current {
                    cmds.push(PlaygroundCommand::SetSurface(kind));
                }
            }
            if ui
                .selectable_label(current == SurfaceKind::Custom, tr("pg.custom"))
                .on_hover_text(tr("pg.custom.tip"))
                .clicked()
            {
                cmds.push(PlaygroundCommand::OpenFormula);
            }
        })
        .response
        .on_hover_text(fill(
            "pg.surface.tip",
            &[&printable(p.surface.formula_text())],
        ));
    if pg.formula.open || current == SurfaceKind::Custom {
        formula_ui(ui, pg, cmds);
    }
    if current == SurfaceKind::Quadratic {
        let mut kappa = p.surface.condition;
        if ui
            .add(
                slider(&mut kappa, 1.0..=1.0e4)
                    .logarithmic(true)
                    .text(tr("pg.condition"))
                    .custom_formatter(|v, _| fmt3(v)),
            )
            .on_hover_text(tr("pg.condition.tip"))
            .changed()
        {
            cmds.push(PlaygroundCommand::SetCondition(kappa));
        }
    }
    let mut samples = p.samples;
    if ui
        .add(
            slider(&mut samples, limits::SAMPLES)
                .logarithmic(true)
                .text(tr("pg.samples")),
        )
        .on_hover_text(tr("pg.samples.tip"))
        .changed()
    {
        cmds.push(PlaygroundCommand::SetSamples(samples));
    }
    let mut noise = p.noise;
    if ui
        .add(
            slider(&mut noise, 0.0..=*limits::NOISE.end())
                .logarithmic(true)
                .smallest_positive(1e-3)
                .text(tr("pg.noise"))
                .custom_formatter(|v, _| fmt3(v)),
        )
        .on_hover_text(tr("pg.noise.tip"))
        .changed()
    {
        cmds.push(PlaygroundCommand::SetNoise(noise));
    }
    let mut test_samples = p.test_samples;
    if ui
        .add(
            slider(&mut test_samples, limits::TEST_SAMPLES)
                .logarithmic(true)
                .text(tr("pg.test_samples")),
        )
        .on_hover_text(tr("pg.test_samples.tip"))
        .changed()
    {
        cmds.push(PlaygroundCommand::SetTestSamples(test_samples));
    }
    let mut seed = pg.experiment.seed;
    ui.horizontal(|ui| {
        let label = ui.label(tr("pg.seed"));
        if ui
            .add(egui::DragValue::new(&mut seed))
            .labelled_by(label.id)
            .on_hover_text(tr("pg.seed.tip"))
            .changed()
        {
            cmds.push(PlaygroundCommand::SetSeed(seed));
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
fn formula_ui(ui: &mut egui::Ui, pg: &Playground, cmds: &mut Vec<PlaygroundCommand>) {
    let applied = pg
        .experiment
        .problem
        .surface
        .formula
        .as_ref()
        .filter(|_| pg.experiment.problem.surface.kind == SurfaceKind::Custom)
        .map(|f| f.source().to_string());
    let mut text = match (&pg.formula.error, &applied) {
        (None, Some(source)) => source.clone(),
        _ => pg.formula.text.clone(),
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
        cmds.push(PlaygroundCommand::EditFormula(text.clone()));
    }
    if response.lost_focus() {
        cmds.push(PlaygroundCommand::RememberFormula);
    }
    if let Some(error) = &pg.formula.error {
        let red = ui.visuals().error_fg_color;
        ui.label(
            RichText::new(error.pointer(&pg.formula.text))
                .monospace()
                .color(red),
        );
        ui.label(RichText::new(error.to_string()).color(red));
    }
    if let Some(picture) = &pg.picture
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
    if !pg.formula.recent.is_empty() {
        egui::ComboBox::from_label(tr("pg.recent_formulas"))
            .selected_text("…")
            .show_ui(ui, |ui| {
                for f in &pg.formula.recent {
                    if ui.selectable_label(false, f).clicked() {
                        cmds.push(PlaygroundCommand::EditFormula(f.clone()));
                    }
                }
            })
            .response
            .on_hover_text(tr("pg.recent_formulas.tip"));
    }
}

fn training_ui(ui: &mut egui::Ui, pg: &Playground, cmds: &mut Vec<PlaygroundCommand>) {
    let t = &pg.experiment.training;
    let mut steps = t.steps;
    if ui
        .add(
            slider(&mut steps, 10..=*limits::STEPS.end())
                .logarithmic(true)
                .text(tr("pg.steps")),
        )
        .on_hover_text(tr("pg.steps.tip"))
        .changed()
    {
        cmds.push(PlaygroundCommand::SetSteps(steps));
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
            cmds.push(PlaygroundCommand::SetStart(start));
        }
    });
}

fn view_ui(
    ui: &mut egui::Ui,
    pg: &Playground,
    prefs: &Settings,
    cmds: &mut Vec<PlaygroundCommand>,
) {
    let v = &pg.experiment.view;
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
        cmds.push(PlaygroundCommand::SetLayer(layer));
    }
    let mut log = v.log_scale;
    if ui
        .checkbox(&mut log, tr("pg.log_scale"))
        .on_hover_text(tr("pg.log_scale.tip"))
        .changed()
    {
        cmds.push(PlaygroundCommand::SetLogScale(log));
    }
    colormap_ui(ui, prefs, cmds);
    let mut res = v.resolution;
    if ui
        .add(
            slider(&mut res, 16..=1024)
                .logarithmic(true)
                .text(tr("pg.resolution")),
        )
        .on_hover_text(tr("pg.resolution.tip"))
        .changed()
    {
        cmds.push(PlaygroundCommand::SetResolution(res));
    }
    let mut test = prefs.show_test_loss;
    if ui
        .checkbox(&mut test, tr("pg.test_in_plot"))
        .on_hover_text(tr("pg.test_in_plot.tip"))
        .changed()
    {
        cmds.push(Command::SetShowTestLoss(test).into());
    }
}
