//! The status line: what is computing (with a progress bar for the landscape or the
//! bias–variance fits), the seed, and the notices (errors in red, dismissible).

use crate::app::biasvar::BiasVarSession;
use crate::app::command::Command;
use crate::app::network::{NetworkSession, Stage};
use crate::app::state::{Lab, NoticeKind, Session, ViewState};

/// Draws the status bar.
pub fn status_bar_ui(
    ui: &mut egui::Ui,
    session: &Session,
    bv: &BiasVarSession,
    net: &NetworkSession,
    view: &ViewState,
    cmds: &mut Vec<Command>,
) {
    if view.lab == Lab::Network {
        ui.horizontal(|ui| {
            match net.stage {
                Stage::Idle => {
                    ui.label("Ready");
                }
                Stage::Training => {
                    ui.spinner();
                    ui.label(format!(
                        "Training {} runs × {} steps…",
                        net.experiment.runs.len(),
                        net.experiment.steps
                    ));
                }
                Stage::Plane => {
                    ui.spinner();
                    ui.label("Projecting the paths onto the plane…");
                }
                Stage::Landscape(f) => {
                    ui.label("Landscape");
                    ui.add(
                        egui::ProgressBar::new(f)
                            .desired_width(140.0)
                            .show_percentage(),
                    );
                }
            }
            ui.separator();
            ui.label(format!("seed {}", net.experiment.seed))
                .on_hover_text(
                    "The data, the initial weights, the batch order and the random plane all come \
                 from this seed.",
                );
            notices_ui(ui, session, cmds);
        });
        return;
    }
    if view.lab == Lab::BiasVariance {
        ui.horizontal(|ui| {
            if bv.busy() {
                ui.label(format!(
                    "Fitting {} training sets × {} complexities",
                    bv.experiment.config.repeats,
                    bv.experiment.config.complexities.len()
                ));
                ui.add(
                    egui::ProgressBar::new(bv.fraction)
                        .desired_width(160.0)
                        .show_percentage(),
                );
            } else {
                ui.label("Ready");
            }
            ui.separator();
            ui.label(format!("seed {}", bv.experiment.config.seed))
                .on_hover_text("Every training set, noise draw and resample comes from this seed.");
            notices_ui(ui, session, cmds);
        });
        return;
    }
    ui.horizontal(|ui| {
        if session.training_job.is_some() {
            ui.spinner();
            ui.label(format!("Training {} runs…", session.experiment.runs.len()));
        }
        if session.landscape_job.is_some() {
            ui.label("Landscape");
            ui.add(
                egui::ProgressBar::new(session.landscape_fraction)
                    .desired_width(140.0)
                    .show_percentage(),
            );
        }
        if !session.busy() {
            ui.label("Ready");
        }
        ui.separator();
        ui.label(format!("seed {}", session.experiment.seed))
            .on_hover_text(
                "Every random draw (shifts, batch order, gradient noise) comes from this seed.",
            );
        notices_ui(ui, session, cmds);
    });
}

/// The notices, each with a Dismiss button.
fn notices_ui(ui: &mut egui::Ui, session: &Session, cmds: &mut Vec<Command>) {
    for (i, notice) in session.notices.iter().enumerate() {
        ui.separator();
        let color = match notice.kind {
            NoticeKind::Error => ui.visuals().error_fg_color,
            NoticeKind::Info => ui.visuals().text_color(),
        };
        // The button first and the text on one truncated line (whole on hover): a long
        // message must neither wrap the status line nor push the button off screen.
        if ui
            .small_button("Dismiss")
            .on_hover_text("Dismiss this message.")
            .clicked()
        {
            cmds.push(Command::DismissNotice(i));
        }
        ui.add(egui::Label::new(egui::RichText::new(&notice.text).color(color)).truncate())
            .on_hover_text(&notice.text);
    }
}
