//! The Bias–Variance lab's left panel: the experiment's description, then the model (family,
//! complexity, ridge), the data (noise σ, points per training set n, "New sample") and the
//! resampling (training sets R, folds k, fresh draws or bootstrap with its out-of-bag
//! share). Every control has a label, shows its value and has a one-sentence tooltip; edits
//! become [`BiasVarianceCommand`]s, applied after the frame.

use crate::i18n::{fill, tr};
use egui::RichText;

use super::{BiasVarianceCommand, BiasVarianceLab};
use crate::core::biasvar::observed::Observations;
use crate::core::biasvar::{Family, Resampling};
use crate::core::fmt3;

/// The families in menu order, with the translation keys of their menu text and tooltip.
const FAMILIES: [(Family, &str, &str); 6] = [
    (Family::Polynomial, "bv.family.poly", "bv.family.poly.tip"),
    (Family::Knn, "bv.family.knn", "bv.family.knn.tip"),
    (Family::MLP, "bv.family.mlp", "bv.family.mlp.tip"),
    (Family::Tree, "bv.family.tree", "bv.family.tree.tip"),
    (
        Family::BOOSTING,
        "bv.family.boosting",
        "bv.family.boosting.tip",
    ),
    (Family::RANDOM_FEATURES, "bv.family.rf", "bv.family.rf.tip"),
];

fn family_text(family: Family) -> &'static str {
    FAMILIES
        .iter()
        .find(|(f, _, _)| f.name() == family.name())
        .map_or("", |(_, text, _)| tr(text))
}

/// Draws the left panel.
pub fn controls_ui(ui: &mut egui::Ui, bv: &BiasVarianceLab, cmds: &mut Vec<BiasVarianceCommand>) {
    let e = &bv.experiment;
    let c = &e.config;
    let mut push = |command: BiasVarianceCommand| cmds.push(command);
    crate::ui::preset_header_ui(ui, &bv.preset_name, &e.name, &e.description);
    ui.add_space(4.0);

    egui::CollapsingHeader::new(RichText::new(tr("net.model")).strong())
        .default_open(true)
        .show(ui, |ui| {
            egui::ComboBox::from_label(tr("bv.family"))
                .selected_text(family_text(c.family))
                .show_ui(ui, |ui| {
                    for (family, text, tip) in FAMILIES {
                        if ui
                            .selectable_label(family.name() == c.family.name(), tr(text))
                            .on_hover_text(tr(tip))
                            .clicked()
                        {
                            push(BiasVarianceCommand::SetFamily(family));
                        }
                    }
                })
                .response
                .on_hover_text(tr("bv.family.tip"));
            let list = &c.complexities;
            let mut index = e.complexity_index();
            let words: Vec<String> = list
                .iter()
                .map(|&k| super::view::complexity_text(c.family, k))
                .collect();
            if ui
                .add(
                    crate::ui::slider(&mut index, 0..=list.len().saturating_sub(1))
                        .text(tr("bv.complexity"))
                        .custom_formatter(|v, _| {
                            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                            let i = v.max(0.0).round() as usize;
                            words.get(i).cloned().unwrap_or_default()
                        }),
                )
                .on_hover_text(tr("bv.complexity.tip"))
                .changed()
                && let Some(&k) = list.get(index)
            {
                push(BiasVarianceCommand::SetComplexity(k));
            }
            let mut ridge = c.ridge;
            let has_ridge = matches!(c.family, Family::Polynomial | Family::RandomFeatures { .. });
            if ui
                .add_enabled(
                    has_ridge,
                    crate::ui::slider(&mut ridge, 0.0..=10.0)
                        .logarithmic(true)
                        .smallest_positive(1e-8)
                        .text(tr("bv.ridge"))
                        .custom_formatter(|v, _| fmt3(v)),
                )
                .on_hover_text(tr("bv.ridge.tip"))
                .on_disabled_hover_text(tr("bv.ridge.disabled"))
                .changed()
            {
                push(BiasVarianceCommand::SetRidge(ridge));
            }
        });

    if let Some(data) = &e.data {
        own_data_controls(ui, bv, data, &mut push);
        return;
    }
    egui::CollapsingHeader::new(RichText::new(tr("net.data")).strong())
        .default_open(true)
        .show(ui, |ui| {
            let mut noise = c.noise;
            if ui
                .add(
                    crate::ui::slider(&mut noise, 0.0..=2.0)
                        .text(tr("pg.noise"))
                        .custom_formatter(|v, _| fmt3(v)),
                )
                .on_hover_text(tr("bv.noise.tip"))
                .changed()
            {
                push(BiasVarianceCommand::SetNoise(noise));
            }
            let mut n = c.n_train;
            if ui
                .add(
                    crate::ui::slider(&mut n, 5..=500)
                        .logarithmic(true)
                        .text(tr("bv.n_train")),
                )
                .on_hover_text(tr("bv.n_train.tip"))
                .changed()
            {
                push(BiasVarianceCommand::SetTrainPoints(n));
            }
            ui.horizontal(|ui| {
                if ui
                    .button(tr("bv.new_sample"))
                    .on_hover_text(tr("bv.new_sample.tip"))
                    .clicked()
                {
                    push(BiasVarianceCommand::NewSample);
                }
                open_data_button(ui, &mut push);
                ui.label(
                    RichText::new(fill("common.status.seed", &[&c.seed]))
                        .color(ui.visuals().weak_text_color()),
                );
            });
        });

    egui::CollapsingHeader::new(RichText::new(tr("bv.resampling")).strong())
        .default_open(true)
        .show(ui, |ui| {
            let mut repeats = c.repeats;
            if ui
                .add(
                    crate::ui::slider(&mut repeats, 1..=1000)
                        .logarithmic(true)
                        .text(tr("bv.repeats")),
                )
                .on_hover_text(tr("bv.repeats.tip"))
                .changed()
            {
                push(BiasVarianceCommand::SetRepeats(repeats));
            }
            let mut folds = c.folds;
            if ui
                .add(crate::ui::slider(&mut folds, 2..=c.n_train.clamp(2, 20)).text(tr("bv.folds")))
                .on_hover_text(tr("bv.folds.tip"))
                .changed()
            {
                push(BiasVarianceCommand::SetFolds(folds));
            }
            let mut mode = c.resampling;
            ui.horizontal(|ui| {
                ui.radio_value(&mut mode, Resampling::Fresh, tr("bv.fresh"))
                    .on_hover_text(tr("bv.fresh.tip"));
                ui.radio_value(&mut mode, Resampling::Bootstrap, tr("bv.bootstrap"))
                    .on_hover_text(tr("bv.bootstrap.tip"));
            });
            if mode != c.resampling {
                push(BiasVarianceCommand::SetResampling(mode));
            }
            #[allow(clippy::cast_precision_loss)]
            let expected = libm::pow(1.0 - 1.0 / c.n_train as f64, c.n_train as f64);
            let measured = bv
                .picture
                .as_ref()
                .and_then(|p| p.sweep.first())
                .and_then(|d| d.out_of_bag_share);
            let text = match (c.resampling, measured) {
                (Resampling::Bootstrap, Some(share)) => fill(
                    "bv.oob_measured",
                    &[
                        &format!("{:.1}", 100.0 * share),
                        &format!("{:.1}", 100.0 * expected),
                    ],
                ),
                _ => fill("bv.oob_expected", &[&format!("{:.1}", 100.0 * expected)]),
            };
            ui.label(
                RichText::new(crate::ui::printable(&text)).color(ui.visuals().weak_text_color()),
            )
            .on_hover_text(tr("bv.oob.tip"));
        });
}

/// "Open data…": fit on a 1-D regression CSV (the shell's data window).
fn open_data_button(ui: &mut egui::Ui, push: &mut impl FnMut(BiasVarianceCommand)) {
    if ui
        .button(tr("net.open_data"))
        .on_hover_text(tr("bv.open_data.tip"))
        .clicked()
    {
        push(BiasVarianceCommand::App(crate::app::Command::OpenDialog(
            crate::app::shell::DialogKind::OpenData,
        )));
    }
}

/// The data and resampling sections on a person's own data: the file, its split, "New
/// split", "Open data…", and B, the bootstrap resamples.
fn own_data_controls(
    ui: &mut egui::Ui,
    bv: &BiasVarianceLab,
    data: &Observations,
    push: &mut impl FnMut(BiasVarianceCommand),
) {
    let c = &bv.experiment.config;
    egui::CollapsingHeader::new(RichText::new(tr("net.data")).strong())
        .default_open(true)
        .show(ui, |ui| {
            ui.label(crate::ui::printable(&fill(
                "net.file_name",
                &[&data.source],
            )));
            let (n_train, n_test) = data.sizes();
            ui.label(fill(
                "bv.data.split",
                &[
                    &data.x_column,
                    &data.y_column,
                    &n_train,
                    &n_test,
                    &format!("{:.0}", 100.0 * data.test_fraction),
                ],
            ));
            ui.horizontal(|ui| {
                if ui
                    .button(tr("bv.data.new_split"))
                    .on_hover_text(tr("bv.data.new_split.tip"))
                    .clicked()
                {
                    push(BiasVarianceCommand::NewSample);
                }
                open_data_button(ui, push);
            });
            ui.label(
                RichText::new(fill("common.status.seed", &[&c.seed]))
                    .color(ui.visuals().weak_text_color()),
            );
        });
    egui::CollapsingHeader::new(RichText::new(tr("bv.resampling")).strong())
        .default_open(true)
        .show(ui, |ui| {
            let mut repeats = c.repeats;
            if ui
                .add(
                    crate::ui::slider(&mut repeats, 2..=1000)
                        .logarithmic(true)
                        .text(tr("bv.data.resamples")),
                )
                .on_hover_text(tr("bv.data.resamples.tip"))
                .changed()
            {
                push(BiasVarianceCommand::SetRepeats(repeats));
            }
        });
}
