//! The Network lab's left panel: the preset's description, then Data (dataset, "Open data…",
//! sizes, input and label noise, seed; for a person's file its name, sizes and
//! standardization instead), Model (hidden layers, width, activation, with the architecture
//! and its parameter count spelled out), Runs (the same editor as the Playground's), Training
//! (steps) and Landscape (plane, layer, range, resolution, colour map). Every control has a
//! label, shows its value and has a tooltip; changes become [`NetworkCommand`]s.

use crate::i18n::{fill, tr};
use egui::RichText;

use super::{self as network, NetworkCommand, NetworkLab};
use crate::app::settings::Settings;
use crate::core::fmt3;
use crate::core::network::activation::Activation;
use crate::core::network::data::{DatasetKind, DatasetSpec, Task};
use crate::core::network::file_data::FileData;
use crate::preset::{PlaneCentre, PlaneKind, limits};

/// Draws the left panel of the Network lab.
pub fn controls_ui(
    ui: &mut egui::Ui,
    net: &NetworkLab,
    prefs: &Settings,
    cmds: &mut Vec<NetworkCommand>,
) {
    let e = &net.experiment;
    crate::ui::preset_header_ui(ui, &net.preset_name, &e.name, &e.description);
    ui.add_space(4.0);
    egui::CollapsingHeader::new(RichText::new(tr("net.data")).strong())
        .default_open(true)
        .show(ui, |ui| data_ui(ui, net, cmds));
    egui::CollapsingHeader::new(RichText::new(tr("net.model")).strong())
        .default_open(true)
        .show(ui, |ui| model_ui(ui, net, cmds));
    egui::CollapsingHeader::new(RichText::new(tr("pg.runs")).strong())
        .default_open(true)
        .show(ui, |ui| {
            let diverged: Vec<bool> = net
                .trained
                .as_ref()
                .map(|t| t.trajectories.iter().map(|t| t.diverged()).collect())
                .unwrap_or_default();
            let editor = crate::ui::run_editor::RunEditor {
                runs: &e.runs,
                n: e.dataset.n_train,
                steps: e.steps,
                diverged: &diverged,
            };
            crate::ui::run_editor::runs_ui(ui, editor, &net.runs, prefs.dark_theme, cmds);
            let mut steps = e.steps;
            if ui
                .add(
                    crate::ui::slider(&mut steps, 10..=*limits::STEPS.end())
                        .logarithmic(true)
                        .text(tr("pg.steps")),
                )
                .on_hover_text(tr("pg.steps.tip"))
                .changed()
            {
                cmds.push(NetworkCommand::SetSteps(steps));
            }
        });
    egui::CollapsingHeader::new(RichText::new(tr("common.status.landscape")).strong())
        .default_open(true)
        .show(ui, |ui| landscape_ui(ui, net, prefs, cmds));
}

/// A sentence about each dataset, for its tooltip.
fn dataset_tip(kind: DatasetKind) -> &'static str {
    match kind {
        DatasetKind::Moons => tr("net.moons.tip"),
        DatasetKind::Circles => tr("net.circles.tip"),
        DatasetKind::Spirals => tr("net.spirals.tip"),
        DatasetKind::Xor => tr("net.xor.tip"),
        DatasetKind::Blobs => tr("net.blobs.tip"),
        DatasetKind::Sine => tr("net.sine.tip"),
        DatasetKind::Digits => tr("net.digits.tip"),
        DatasetKind::File => tr("net.file.tip"),
    }
}

fn n_test_ui(ui: &mut egui::Ui, n_test: usize, cmds: &mut Vec<NetworkCommand>) {
    let mut n_test = n_test;
    if ui
        .add(
            crate::ui::slider(&mut n_test, 8..=4096)
                .logarithmic(true)
                .text(tr("net.n_test")),
        )
        .on_hover_text(tr("net.n_test.tip"))
        .changed()
    {
        cmds.push(NetworkCommand::SetTestSize(n_test));
    }
}

fn data_ui(ui: &mut egui::Ui, net: &NetworkLab, cmds: &mut Vec<NetworkCommand>) {
    let d = &net.experiment.dataset;
    let mut kind = d.kind;
    egui::ComboBox::from_label(tr("net.dataset"))
        .selected_text(kind.name())
        .show_ui(ui, |ui| {
            for k in DatasetKind::EVERY {
                ui.selectable_value(&mut kind, k, k.name())
                    .on_hover_text(dataset_tip(k));
            }
        })
        .response
        .on_hover_text(dataset_tip(d.kind));
    if kind != d.kind {
        cmds.push(NetworkCommand::SetDataset(kind));
    }
    if ui
        .button(tr("net.open_data"))
        .on_hover_text(tr("net.open_data.tip"))
        .clicked()
    {
        cmds.push(NetworkCommand::OpenDataDialog);
    }
    if net.data_job.busy() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(tr("net.reading_data"));
        });
    }
    if let Some(file) = &d.file {
        file_ui(ui, file, cmds);
    } else {
        generated_ui(ui, d, cmds);
    }
    let mut seed = net.experiment.seed;
    ui.horizontal(|ui| {
        ui.label(tr("pg.seed"));
        if ui
            .add(egui::DragValue::new(&mut seed).range(0..=u64::from(u32::MAX)))
            .on_hover_text(tr("net.seed.tip"))
            .changed()
        {
            cmds.push(NetworkCommand::SetSeed(seed));
        }
    });
}

/// A person's table: its file, sizes and classes, and whether it is standardized (the sizes
/// are the data's, so there are no size or noise sliders).
fn file_ui(ui: &mut egui::Ui, file: &FileData, cmds: &mut Vec<NetworkCommand>) {
    // `builtin:iris.csv` is shown as `iris.csv` (the whole source is in the tooltip).
    let source = file.train_source.as_str();
    let name = std::path::Path::new(source.strip_prefix("builtin:").unwrap_or(source))
        .file_name()
        .map_or_else(
            || file.train_source.clone(),
            |n| n.to_string_lossy().into_owned(),
        );
    ui.label(fill("net.file_name", &[&name]))
        .on_hover_text(&file.train_source);
    let (n_train, n_test) = file.sizes();
    let text = match file.task.classes() {
        Some(classes) => fill(
            "net.file_sizes",
            &[&n_train, &n_test, &file.input_dim(), &classes],
        ),
        None => fill(
            "net.file_sizes_regression",
            &[&n_train, &n_test, &file.input_dim()],
        ),
    };
    ui.label(text).on_hover_text(tr("net.file_sizes.tip"));
    let mut standardize = file.standardize;
    if ui
        .checkbox(&mut standardize, tr("net.standardize"))
        .on_hover_text(tr("net.standardize.tip"))
        .changed()
    {
        cmds.push(NetworkCommand::SetStandardize(standardize));
    }
}

/// The sizes and noise of a generated dataset (or the digits' training size).
fn generated_ui(ui: &mut egui::Ui, d: &DatasetSpec, cmds: &mut Vec<NetworkCommand>) {
    let mut n_train = d.n_train;
    let train_range = if d.kind.is_real() {
        limits::DIGITS_TRAIN
    } else {
        8..=4096
    };
    if ui
        .add(
            crate::ui::slider(&mut n_train, train_range)
                .logarithmic(true)
                .text(tr("net.n_train")),
        )
        .on_hover_text(tr("net.n_train.tip"))
        .changed()
    {
        cmds.push(NetworkCommand::SetTrainSize(n_train));
    }
    if d.kind.is_real() {
        // A real dataset has a fixed number of images: the test set is the rest.
        let rest = crate::core::network::digits::COUNT.saturating_sub(d.n_train);
        ui.label(fill("net.n_test_rest", &[&rest]))
            .on_hover_text(tr("net.n_test.tip"));
    } else {
        n_test_ui(ui, d.n_test, cmds);
    }
    let mut noise = d.noise;
    if ui
        .add(
            crate::ui::slider(&mut noise, 0.0..=1.0)
                .text(tr("net.input_noise"))
                .custom_formatter(|v, _| fmt3(v)),
        )
        .on_hover_text(tr("net.input_noise.tip"))
        .changed()
    {
        cmds.push(NetworkCommand::SetInputNoise(noise));
    }
    if d.task() != Task::Regression {
        let mut label_noise = d.label_noise;
        if ui
            .add(
                crate::ui::slider(&mut label_noise, 0.0..=0.5)
                    .text(tr("net.label_noise"))
                    .custom_formatter(|v, _| format!("{:.0} %", v * 100.0)),
            )
            .on_hover_text(tr("net.label_noise.tip"))
            .changed()
        {
            cmds.push(NetworkCommand::SetLabelNoise(label_noise));
        }
    }
    if d.kind == DatasetKind::Blobs {
        let mut classes = d.classes;
        if ui
            .add(crate::ui::slider(&mut classes, 2..=8).text(tr("net.classes")))
            .on_hover_text(tr("net.classes.tip"))
            .changed()
        {
            cmds.push(NetworkCommand::SetClasses(classes));
        }
    }
}

fn model_ui(ui: &mut egui::Ui, net: &NetworkLab, cmds: &mut Vec<NetworkCommand>) {
    let e = &net.experiment;
    let mut depth = e.hidden.len();
    if ui
        .add(crate::ui::slider(&mut depth, 0..=network::MAX_DEPTH).text(tr("net.depth")))
        .on_hover_text(tr("net.depth.tip"))
        .changed()
    {
        cmds.push(NetworkCommand::SetDepth(depth));
    }
    if !e.hidden.is_empty() {
        let mut width = e.hidden.iter().copied().max().unwrap_or(1);
        if ui
            .add(
                crate::ui::slider(&mut width, 1..=256)
                    .logarithmic(true)
                    .text(tr("net.width")),
            )
            .on_hover_text(tr("net.width.tip"))
            .changed()
        {
            cmds.push(NetworkCommand::SetWidth(width));
        }
        let mut activation = e.activation;
        egui::ComboBox::from_label(tr("net.activation"))
            .selected_text(activation.name())
            .show_ui(ui, |ui| {
                for a in Activation::ALL {
                    ui.selectable_value(&mut activation, a, a.name());
                }
            })
            .response
            .on_hover_text(tr("net.activation.tip"));
        if activation != e.activation {
            cmds.push(NetworkCommand::SetActivation(activation));
        }
    }
    if let Some(bn) = e.batchnorm {
        let smallest = e
            .runs
            .iter()
            .map(|r| r.effective_batch(e.dataset.n_train))
            .min()
            .unwrap_or(0);
        if let Some(g) = crate::ui::widgets::bn_batch_slider_ui(
            ui,
            bn.bn_batch_size,
            smallest,
            (
                tr("net.bn_batch"),
                tr("net.bn_batch.tip"),
                tr("net.bn_batch.whole"),
            ),
        ) {
            cmds.push(NetworkCommand::SetBnBatch(g));
        }
    }
    let inputs = e.dataset.input_dim();
    let outputs = e.dataset.task().outputs();
    let mut sizes = vec![inputs];
    sizes.extend(&e.hidden);
    sizes.push(outputs);
    let params: usize = sizes.windows(2).map(|w| (w[0] + 1) * w[1]).sum();
    let shape: Vec<String> = sizes.iter().map(ToString::to_string).collect();
    ui.label(
        RichText::new(fill(
            "net.parameters",
            &[&shape.join("-"), &thousands(params)],
        ))
        .color(ui.visuals().weak_text_color()),
    )
    .on_hover_text(tr("net.shape.tip"));
}

/// `1153` → `1,153`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A sentence about each plane, for its tooltip.
fn plane_tip(plane: PlaneKind) -> &'static str {
    match plane {
        PlaneKind::Random => tr("net.plane_random.tip"),
        PlaneKind::Pca => tr("net.plane_pca.tip"),
        PlaneKind::Solutions => tr("net.plane_solutions.tip"),
        PlaneKind::Hessian => tr("net.plane_hessian.tip"),
    }
}

fn plane_title(plane: PlaneKind) -> &'static str {
    match plane {
        PlaneKind::Random => tr("net.plane_random"),
        PlaneKind::Pca => tr("net.plane_pca"),
        PlaneKind::Solutions => tr("net.plane_solutions"),
        PlaneKind::Hessian => tr("net.plane_hessian"),
    }
}

fn landscape_ui(
    ui: &mut egui::Ui,
    net: &NetworkLab,
    prefs: &Settings,
    cmds: &mut Vec<NetworkCommand>,
) {
    let v = &net.experiment.view;
    let runs = net.experiment.runs.len();
    let mut plane = v.plane;
    egui::ComboBox::from_label(tr("net.plane"))
        .selected_text(plane_title(plane))
        .show_ui(ui, |ui| {
            for p in PlaneKind::ALL {
                let enabled = p != PlaneKind::Solutions || runs >= 2;
                let response = ui
                    .add_enabled(
                        enabled,
                        egui::Button::selectable(plane == p, plane_title(p)),
                    )
                    .on_hover_text(plane_tip(p))
                    .on_disabled_hover_text(tr("net.plane_solutions.disabled"));
                if response.clicked() {
                    plane = p;
                }
            }
        })
        .response
        .on_hover_text(plane_tip(v.plane));
    if plane != v.plane {
        cmds.push(NetworkCommand::SetPlane(plane));
    }
    if matches!(v.plane, PlaneKind::Random | PlaneKind::Hessian) {
        ui.horizontal(|ui| {
            ui.label(tr("net.centre"));
            for (centre, title, tip) in [
                (
                    PlaneCentre::Final,
                    tr("net.centre.final"),
                    tr("net.centre.final.tip"),
                ),
                (
                    PlaneCentre::Start,
                    tr("net.centre.start"),
                    tr("net.centre.start.tip"),
                ),
            ] {
                if ui
                    .radio(v.centre == centre, title)
                    .on_hover_text(tip)
                    .clicked()
                    && v.centre != centre
                {
                    cmds.push(NetworkCommand::SetCentre(centre));
                }
            }
        });
        // The current weights: the playback step, fixed when picked (each grid is a full
        // landscape, so the plane does not follow the animation frame by frame).
        let cursor = net.cursor_step();
        ui.horizontal(|ui| {
            let on_step = matches!(v.centre, PlaneCentre::Step(_));
            if ui
                .radio(on_step, tr("net.centre.step"))
                .on_hover_text(tr("net.centre.step.tip"))
                .clicked()
                && v.centre != PlaneCentre::Step(cursor)
            {
                cmds.push(NetworkCommand::SetCentre(PlaneCentre::Step(cursor)));
            }
            if let PlaneCentre::Step(step) = v.centre {
                ui.label(fill("net.centre.at", &[&step]));
            }
        });
    }
    if let Some(ratio) = net.plane.as_ref().and_then(|p| p.explained_variance_ratio) {
        ui.label(fill(
            "net.explained",
            &[
                &format!("{:.1}", ratio[0] * 100.0),
                &format!("{:.1}", ratio[1] * 100.0),
            ],
        ))
        .on_hover_text(tr("net.explained.tip"));
    }
    if let Some([l1, l2]) = net.plane.as_ref().and_then(|p| p.projection.eigenvalues) {
        use crate::render::landscape::eigenvalue_text;
        ui.label(fill(
            "net.eigenvalues",
            &[&eigenvalue_text(l1), &eigenvalue_text(l2)],
        ))
        .on_hover_text(tr("net.plane_hessian.tip"));
    }
    let titles = [
        tr("net.layer_train"),
        tr("net.layer_test"),
        tr("net.layer_gap"),
    ];
    if let Some(layer) = crate::ui::widgets::layer_combo_ui(
        ui,
        Some(tr("pg.layer")),
        "net_layer",
        v.layer,
        titles,
        tr("net.layer.tip"),
    ) {
        cmds.push(NetworkCommand::SetLayer(layer));
    }
    let mut half = 0.5 * (v.x[1] - v.x[0]);
    if ui
        .add(
            crate::ui::slider(&mut half, 0.05..=network::MAX_PLANE_RANGE)
                .logarithmic(true)
                .text(tr("net.range"))
                .custom_formatter(|v, _| fmt3(v)),
        )
        .on_hover_text(if v.plane == PlaneKind::Hessian {
            tr("net.range_hessian.tip")
        } else {
            tr("net.range.tip")
        })
        .changed()
    {
        cmds.push(NetworkCommand::SetRange(half));
    }
    let mut resolution = v.resolution;
    if ui
        .add(
            crate::ui::slider(&mut resolution, network::RESOLUTION_RANGE).text(tr("pg.resolution")),
        )
        .on_hover_text(tr("net.resolution.tip"))
        .changed()
    {
        cmds.push(NetworkCommand::SetResolution(resolution));
    }
    crate::ui::widgets::colormap_ui(ui, prefs, cmds);
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_are_grouped() {
        assert_eq!(super::thousands(7), "7");
        assert_eq!(super::thousands(1153), "1,153");
        assert_eq!(super::thousands(66_561), "66,561");
        assert_eq!(super::thousands(1_000_000), "1,000,000");
    }
}
