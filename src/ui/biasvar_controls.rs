//! The Bias–Variance lab's left panel: the experiment's description, then the model (family,
//! complexity, ridge), the data (noise σ, points per training set n, "New sample") and the
//! resampling (training sets R, folds k, fresh draws or bootstrap with its out-of-bag
//! share). Every control has a label, shows its value and has a one-sentence tooltip; edits
//! become [`BvCommand`]s, applied after the frame.

use egui::RichText;

use crate::app::biasvar::{BiasVarSession, BvCommand};
use crate::app::command::Command;
use crate::core::biasvar::{Family, Resampling};
use crate::core::fmt3;

/// The families in menu order, with their menu text and tooltip.
const FAMILIES: [(Family, &str, &str); 6] = [
    (
        Family::Polynomial,
        "Polynomial (degree)",
        "Least squares on polynomials; complexity is the degree.",
    ),
    (
        Family::Knn,
        "k nearest neighbours (1/k)",
        "The mean of the k nearest training points; complexity grows as k shrinks.",
    ),
    (
        Family::MLP,
        "Small MLP (width)",
        "A one-hidden-layer tanh network trained by Adam; complexity is the width.",
    ),
    (
        Family::Tree,
        "Regression tree (depth)",
        "A tree of yes/no splits on x; complexity is its depth.",
    ),
    (
        Family::BOOSTING,
        "Gradient boosting (rounds)",
        "Shallow trees added one by one to fix what the model still gets wrong.",
    ),
    (
        Family::RANDOM_FEATURES,
        "Random features (p)",
        "Least squares on p random features with the minimum-norm solution: double descent at p = n.",
    ),
];

fn family_text(family: Family) -> &'static str {
    FAMILIES
        .iter()
        .find(|(f, _, _)| f.name() == family.name())
        .map_or("", |(_, text, _)| text)
}

/// Draws the left panel.
pub fn biasvar_controls_ui(ui: &mut egui::Ui, bv: &BiasVarSession, cmds: &mut Vec<Command>) {
    let e = &bv.experiment;
    let c = &e.config;
    let mut push = |command: BvCommand| cmds.push(Command::BiasVariance(command));
    ui.add_space(4.0);
    ui.label(RichText::new(super::printable(&e.name)).heading());
    if !e.description.is_empty() {
        ui.label(super::printable(&e.description));
    }
    ui.add_space(4.0);

    egui::CollapsingHeader::new(RichText::new("Model").strong())
        .default_open(true)
        .show(ui, |ui| {
            egui::ComboBox::from_label("Model family")
                .selected_text(family_text(c.family))
                .show_ui(ui, |ui| {
                    for (family, text, tip) in FAMILIES {
                        if ui
                            .selectable_label(family.name() == c.family.name(), text)
                            .on_hover_text(tip)
                            .clicked()
                        {
                            push(BvCommand::SetFamily(family));
                        }
                    }
                })
                .response
                .on_hover_text("Which kind of model is fitted to every training set.");
            let list = &c.complexities;
            let mut index = e.complexity_index();
            let words: Vec<String> = list.iter().map(|&k| c.family.complexity_text(k)).collect();
            if ui
                .add(
                    super::slider(&mut index, 0..=list.len().saturating_sub(1))
                        .text("Complexity")
                        .custom_formatter(|v, _| {
                            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                            let i = v.max(0.0).round() as usize;
                            words.get(i).cloned().unwrap_or_default()
                        }),
                )
                .on_hover_text(
                    "How flexible the model is: move right to follow the data more closely \
                     (less bias, more variance).",
                )
                .changed()
                && let Some(&k) = list.get(index)
            {
                push(BvCommand::SetComplexity(k));
            }
            let mut ridge = c.ridge;
            let has_ridge = matches!(c.family, Family::Polynomial | Family::RandomFeatures { .. });
            if ui
                .add_enabled(
                    has_ridge,
                    super::slider(&mut ridge, 0.0..=10.0)
                        .logarithmic(true)
                        .smallest_positive(1e-8)
                        .text("Ridge λ")
                        .custom_formatter(|v, _| fmt3(v)),
                )
                .on_hover_text(
                    "A penalty on large coefficients (polynomials, random features): it calms \
                     wild fits and flattens the double-descent peak.",
                )
                .on_disabled_hover_text("This model family has no ridge penalty.")
                .changed()
            {
                push(BvCommand::SetRidge(ridge));
            }
        });

    egui::CollapsingHeader::new(RichText::new("Data").strong())
        .default_open(true)
        .show(ui, |ui| {
            let mut noise = c.noise;
            if ui
                .add(
                    super::slider(&mut noise, 0.0..=2.0)
                        .text("Noise σ")
                        .custom_formatter(|v, _| fmt3(v)),
                )
                .on_hover_text(
                    "The spread of the noise added to every observation; σ² is the error no \
                     model can remove.",
                )
                .changed()
            {
                push(BvCommand::SetNoise(noise));
            }
            let mut n = c.n_train;
            if ui
                .add(
                    super::slider(&mut n, 5..=500)
                        .logarithmic(true)
                        .text("Points per training set n"),
                )
                .on_hover_text(
                    "How many noisy points each training set has; more points mean less \
                     variance.",
                )
                .changed()
            {
                push(BvCommand::SetTrainPoints(n));
            }
            ui.horizontal(|ui| {
                if ui
                    .button("New sample")
                    .on_hover_text("Draw all the training sets again (the next seed).")
                    .clicked()
                {
                    push(BvCommand::NewSample);
                }
                ui.label(
                    RichText::new(format!("seed {}", c.seed)).color(ui.visuals().weak_text_color()),
                );
            });
        });

    egui::CollapsingHeader::new(RichText::new("Resampling").strong())
        .default_open(true)
        .show(ui, |ui| {
            let mut repeats = c.repeats;
            if ui
                .add(
                    super::slider(&mut repeats, 1..=1000)
                        .logarithmic(true)
                        .text("Training sets R"),
                )
                .on_hover_text(
                    "How many training sets are drawn and fitted; their spread is the variance.",
                )
                .changed()
            {
                push(BvCommand::SetRepeats(repeats));
            }
            let mut folds = c.folds;
            if ui
                .add(super::slider(&mut folds, 2..=c.n_train.clamp(2, 20)).text("Folds k"))
                .on_hover_text(
                    "Cross-validation splits one training set into k parts and predicts each \
                     from the others.",
                )
                .changed()
            {
                push(BvCommand::SetFolds(folds));
            }
            let mut mode = c.resampling;
            ui.horizontal(|ui| {
                ui.radio_value(&mut mode, Resampling::Fresh, "Fresh draws")
                    .on_hover_text(
                        "Each training set is a new sample from the population: the textbook \
                         decomposition.",
                    );
                ui.radio_value(&mut mode, Resampling::Bootstrap, "Bootstrap")
                    .on_hover_text(
                        "Each training set resamples one drawn set with replacement: what you \
                         can do with a single dataset.",
                    );
            });
            if mode != c.resampling {
                push(BvCommand::SetResampling(mode));
            }
            #[allow(clippy::cast_precision_loss)]
            let expected = (1.0 - 1.0 / c.n_train as f64).powf(c.n_train as f64);
            let measured = bv
                .picture
                .as_ref()
                .and_then(|p| p.sweep.first())
                .and_then(|d| d.out_of_bag_share);
            let text = match (c.resampling, measured) {
                (Resampling::Bootstrap, Some(share)) => format!(
                    "Out-of-bag share {:.1}% (expected {:.1}%, -> 36.8% for large n)",
                    100.0 * share,
                    100.0 * expected
                ),
                _ => format!(
                    "A bootstrap leaves out {:.1}% of the points (-> 36.8% for large n)",
                    100.0 * expected
                ),
            };
            ui.label(RichText::new(super::printable(&text)).color(ui.visuals().weak_text_color()))
                .on_hover_text(
                    "Each point is missed by a resample with probability (1 − 1/n) to the power n, about 1/e.",
                );
        });
}
