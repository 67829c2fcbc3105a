//! The Network lab's left panel: the preset's description, then Data (dataset, sizes, input
//! and label noise, seed), Model (hidden layers, width, activation, with the architecture
//! and its parameter count spelled out), Runs (the same editor as the Playground's), Training
//! (steps) and Landscape (plane, layer, range, resolution, colour map). Every control has a
//! label, shows its value and has a tooltip; changes become [`NetCommand`]s.

use egui::RichText;

use crate::app::command::Command;
use crate::app::network::{self, NetCommand, NetworkSession};
use crate::app::state::ViewState;
use crate::core::fmt3;
use crate::core::landscape::Layer;
use crate::core::network::activation::Activation;
use crate::core::network::data::{DatasetKind, Task};
use crate::preset::{PlaneCentre, PlaneKind, limits};

/// Draws the left panel of the Network lab.
pub fn network_controls_ui(
    ui: &mut egui::Ui,
    net: &NetworkSession,
    view: &ViewState,
    cmds: &mut Vec<Command>,
) {
    let e = &net.experiment;
    ui.add_space(4.0);
    ui.label(RichText::new(super::printable(&e.name)).heading());
    if !e.description.is_empty() {
        ui.label(super::printable(&e.description));
    }
    ui.add_space(4.0);
    egui::CollapsingHeader::new(RichText::new("Data").strong())
        .default_open(true)
        .show(ui, |ui| data_ui(ui, net, cmds));
    egui::CollapsingHeader::new(RichText::new("Model").strong())
        .default_open(true)
        .show(ui, |ui| model_ui(ui, net, cmds));
    egui::CollapsingHeader::new(RichText::new("Runs").strong())
        .default_open(true)
        .show(ui, |ui| {
            let diverged: Vec<bool> = net
                .trained
                .as_ref()
                .map(|t| t.trajectories.iter().map(|t| t.diverged()).collect())
                .unwrap_or_default();
            super::controls::runs_ui(
                ui,
                &e.runs,
                e.dataset.n_train,
                e.steps,
                &diverged,
                view,
                cmds,
            );
            let mut steps = e.steps;
            if ui
                .add(
                    super::slider(&mut steps, 10..=*limits::STEPS.end())
                        .logarithmic(true)
                        .text("Steps"),
                )
                .on_hover_text("How many optimizer steps every run takes.")
                .changed()
            {
                cmds.push(Command::Network(NetCommand::SetSteps(steps)));
            }
        });
    egui::CollapsingHeader::new(RichText::new("Landscape").strong())
        .default_open(true)
        .show(ui, |ui| landscape_ui(ui, net, view, cmds));
}

/// A sentence about each dataset, for its tooltip.
fn dataset_tip(kind: DatasetKind) -> &'static str {
    match kind {
        DatasetKind::Moons => {
            "Two interleaving half-moons: a curved boundary a small network finds."
        }
        DatasetKind::Circles => {
            "One circle inside another: no straight line separates them, so a linear model fails."
        }
        DatasetKind::Spirals => {
            "Two spiral arms winding around each other: needs depth, width and many steps."
        }
        DatasetKind::Xor => {
            "Class 1 where x·y > 0: the classic problem a single layer cannot solve."
        }
        DatasetKind::Blobs => {
            "Gaussian blobs on a circle, one class each: multi-class with softmax."
        }
        DatasetKind::Sine => "y = sin(πx) with noise: regression, the network draws a curve.",
    }
}

fn data_ui(ui: &mut egui::Ui, net: &NetworkSession, cmds: &mut Vec<Command>) {
    let d = &net.experiment.dataset;
    let mut kind = d.kind;
    egui::ComboBox::from_label("Dataset")
        .selected_text(kind.name())
        .show_ui(ui, |ui| {
            for k in DatasetKind::ALL {
                ui.selectable_value(&mut kind, k, k.name())
                    .on_hover_text(dataset_tip(k));
            }
        })
        .response
        .on_hover_text(dataset_tip(d.kind));
    if kind != d.kind {
        cmds.push(Command::Network(NetCommand::SetDataset(kind)));
    }
    let mut n_train = d.n_train;
    if ui
        .add(
            super::slider(&mut n_train, 8..=4096)
                .logarithmic(true)
                .text("Training points"),
        )
        .on_hover_text(
            "How many points the network learns from. Few points and a big network: it \
             memorizes them and the test loss climbs (over-fitting).",
        )
        .changed()
    {
        cmds.push(Command::Network(NetCommand::SetTrainSize(n_train)));
    }
    let mut n_test = d.n_test;
    if ui
        .add(
            super::slider(&mut n_test, 8..=4096)
                .logarithmic(true)
                .text("Test points"),
        )
        .on_hover_text(
            "Held-out points from the same distribution: the test loss is measured on them.",
        )
        .changed()
    {
        cmds.push(Command::Network(NetCommand::SetTestSize(n_test)));
    }
    let mut noise = d.noise;
    if ui
        .add(
            super::slider(&mut noise, 0.0..=1.0)
                .text("Input noise")
                .custom_formatter(|v, _| fmt3(v)),
        )
        .on_hover_text("Standard deviation of the Gaussian noise added to every input point.")
        .changed()
    {
        cmds.push(Command::Network(NetCommand::SetInputNoise(noise)));
    }
    if d.task() != Task::Regression {
        let mut label_noise = d.label_noise;
        if ui
            .add(
                super::slider(&mut label_noise, 0.0..=0.5)
                    .text("Label noise")
                    .custom_formatter(|v, _| format!("{:.0} %", v * 100.0)),
            )
            .on_hover_text(
                "Fraction of training and test labels flipped at random: points no model \
                 should fit. A big network fits them anyway — that is over-fitting.",
            )
            .changed()
        {
            cmds.push(Command::Network(NetCommand::SetLabelNoise(label_noise)));
        }
    }
    if d.kind == DatasetKind::Blobs {
        let mut classes = d.classes;
        if ui
            .add(super::slider(&mut classes, 2..=8).text("Classes"))
            .on_hover_text("How many blobs, one class each.")
            .changed()
        {
            cmds.push(Command::Network(NetCommand::SetClasses(classes)));
        }
    }
    let mut seed = net.experiment.seed;
    ui.horizontal(|ui| {
        ui.label("Seed");
        if ui
            .add(egui::DragValue::new(&mut seed).range(0..=u64::from(u32::MAX)))
            .on_hover_text(
                "Draws the data, the initial weights, the mini-batches and the random plane: \
                 the same seed gives the same pictures.",
            )
            .changed()
        {
            cmds.push(Command::Network(NetCommand::SetSeed(seed)));
        }
    });
}

fn model_ui(ui: &mut egui::Ui, net: &NetworkSession, cmds: &mut Vec<Command>) {
    let e = &net.experiment;
    let mut depth = e.hidden.len();
    if ui
        .add(super::slider(&mut depth, 0..=network::MAX_DEPTH).text("Hidden layers"))
        .on_hover_text(
            "0 is a linear model (logistic regression), which under-fits any curved boundary; \
             more layers can bend the boundary more.",
        )
        .changed()
    {
        cmds.push(Command::Network(NetCommand::SetDepth(depth)));
    }
    if !e.hidden.is_empty() {
        let mut width = e.hidden.iter().copied().max().unwrap_or(1);
        if ui
            .add(
                super::slider(&mut width, 1..=256)
                    .logarithmic(true)
                    .text("Width"),
            )
            .on_hover_text("Neurons in every hidden layer: the network's capacity.")
            .changed()
        {
            cmds.push(Command::Network(NetCommand::SetWidth(width)));
        }
        let mut activation = e.activation;
        egui::ComboBox::from_label("Activation")
            .selected_text(activation.name())
            .show_ui(ui, |ui| {
                for a in Activation::ALL {
                    ui.selectable_value(&mut activation, a, a.name());
                }
            })
            .response
            .on_hover_text("The nonlinearity after every hidden layer.");
        if activation != e.activation {
            cmds.push(Command::Network(NetCommand::SetActivation(activation)));
        }
    }
    let inputs = e.dataset.kind.input_dim();
    let outputs = e.dataset.task().outputs();
    let mut sizes = vec![inputs];
    sizes.extend(&e.hidden);
    sizes.push(outputs);
    let params: usize = sizes.windows(2).map(|w| (w[0] + 1) * w[1]).sum();
    let shape: Vec<String> = sizes.iter().map(ToString::to_string).collect();
    ui.label(
        RichText::new(format!(
            "{} · {} parameters",
            shape.join("-"),
            thousands(params)
        ))
        .color(ui.visuals().weak_text_color()),
    )
    .on_hover_text("Layer sizes from input to output, and the number of weights and biases.");
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
        PlaneKind::Random => {
            "Two random directions, filter-normalized (Li et al. 2018), through run 1's final \
             weights. Fixed by the seed, so runs and settings can be compared on one plane."
        }
        PlaneKind::Pca => {
            "The two directions along which the runs' weights moved the most (PCA of the \
             trajectories): the plane that shows the path best."
        }
        PlaneKind::Solutions => {
            "The plane through the final weights of runs 1 and 2 (e.g. a small-batch and a \
             large-batch minimum): both solutions and the barrier between them."
        }
    }
}

fn plane_title(plane: PlaneKind) -> &'static str {
    match plane {
        PlaneKind::Random => "random (filter-normalized)",
        PlaneKind::Pca => "PCA of the trajectories",
        PlaneKind::Solutions => "through two solutions",
    }
}

fn landscape_ui(
    ui: &mut egui::Ui,
    net: &NetworkSession,
    view: &ViewState,
    cmds: &mut Vec<Command>,
) {
    let v = &net.experiment.view;
    let runs = net.experiment.runs.len();
    let mut plane = v.plane;
    egui::ComboBox::from_label("Plane")
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
                    .on_disabled_hover_text("Needs at least two runs: add one under Runs.");
                if response.clicked() {
                    plane = p;
                }
            }
        })
        .response
        .on_hover_text(plane_tip(v.plane));
    if plane != v.plane {
        cmds.push(Command::Network(NetCommand::SetPlane(plane)));
    }
    if v.plane == PlaneKind::Random {
        ui.horizontal(|ui| {
            ui.label("Centred on");
            for (centre, title, tip) in [
                (
                    PlaneCentre::Final,
                    "final weights",
                    "The plane goes through run 1's final weights: the minimum it found.",
                ),
                (
                    PlaneCentre::Start,
                    "initial weights",
                    "The plane goes through the initial weights every run starts from: the \
                     paths leave the centre.",
                ),
            ] {
                if ui
                    .radio(v.centre == centre, title)
                    .on_hover_text(tip)
                    .clicked()
                    && v.centre != centre
                {
                    cmds.push(Command::Network(NetCommand::SetCentre(centre)));
                }
            }
        });
    }
    if let Some(ratio) = net.plane.as_ref().and_then(|p| p.explained_variance_ratio) {
        ui.label(format!(
            "Explained variance: PC1 {:.1} %, PC2 {:.1} %",
            ratio[0] * 100.0,
            ratio[1] * 100.0
        ))
        .on_hover_text(
            "How much of the weights' movement each axis captures; what is left is off the \
             plane.",
        );
    }
    let layer_title = |l: Layer| match l {
        Layer::Train => "training loss",
        Layer::Test => "test loss",
        Layer::Gap => "gap (test − train)",
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
        .on_hover_text("Which loss the landscape shows: on the training set, the test set, or their difference.");
    if layer != v.layer {
        cmds.push(Command::Network(NetCommand::SetLayer(layer)));
    }
    let mut half = 0.5 * (v.x[1] - v.x[0]);
    if ui
        .add(
            super::slider(&mut half, 0.05..=network::MAX_PLANE_RANGE)
                .logarithmic(true)
                .text("Range ±")
                .custom_formatter(|v, _| fmt3(v)),
        )
        .on_hover_text(
            "How far the picture reaches from the plane's centre along each direction (in \
             units of the directions: 1 is one filter-normalized step).",
        )
        .changed()
    {
        cmds.push(Command::Network(NetCommand::SetRange(half)));
    }
    let mut resolution = v.resolution;
    if ui
        .add(super::slider(&mut resolution, network::RESOLUTION_RANGE).text("Resolution"))
        .on_hover_text(
            "Grid points per side. Every point is a full pass over the data, so finer grids \
             take longer (a coarse picture comes first).",
        )
        .changed()
    {
        cmds.push(Command::Network(NetCommand::SetResolution(resolution)));
    }
    super::controls::colormap_ui(ui, view, cmds);
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
