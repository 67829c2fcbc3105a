//! The status line: what is computing (with a progress bar for the landscape or the
//! bias–variance fits), the seed, and the notices (errors in red, dismissible).

use crate::app::biasvar::BiasVarSession;
use crate::app::command::Command;
use crate::app::network::{NetworkSession, Stage};
use crate::app::sharpflat::SharpFlatSession;
use crate::app::state::{Lab, NoticeKind, Session, ViewState};
use crate::i18n::{fill, tr};

/// Draws the status bar.
pub fn status_bar_ui(
    ui: &mut egui::Ui,
    session: &Session,
    bv: &BiasVarSession,
    net: &NetworkSession,
    sf: &SharpFlatSession,
    view: &ViewState,
    cmds: &mut Vec<Command>,
) {
    if view.lab == Lab::SharpFlat {
        ui.horizontal(|ui| {
            if sf.job.is_some() {
                ui.spinner();
                ui.label(tr("sf.status.training"));
            }
            if sf.sweep_job.is_some() {
                let (done, total) = sf.sweep_progress;
                ui.label(fill("sf.status.sweep", &[&done, &total]));
            }
            if !sf.busy() {
                ui.label(tr("common.status.ready"));
            }
            ui.separator();
            ui.label(fill("common.status.seed", &[&sf.source.seed()]))
                .on_hover_text(tr("sf.status.seed.tip"));
            notices_ui(ui, session, cmds);
        });
        return;
    }
    if view.lab == Lab::Network {
        ui.horizontal(|ui| {
            match net.stage {
                Stage::Idle => {
                    ui.label(tr("common.status.ready"));
                }
                Stage::Training => {
                    ui.spinner();
                    ui.label(fill(
                        "net.status.training",
                        &[&net.experiment.runs.len(), &net.experiment.steps],
                    ));
                }
                Stage::Plane => {
                    ui.spinner();
                    ui.label(tr("net.status.plane"));
                }
                Stage::Landscape(f) => {
                    ui.label(tr("common.status.landscape"));
                    ui.add(
                        egui::ProgressBar::new(f)
                            .desired_width(140.0)
                            .show_percentage(),
                    );
                }
            }
            ui.separator();
            ui.label(fill("common.status.seed", &[&net.experiment.seed]))
                .on_hover_text(tr("net.status.seed.tip"));
            notices_ui(ui, session, cmds);
        });
        return;
    }
    if view.lab == Lab::BiasVariance {
        ui.horizontal(|ui| {
            if bv.busy() {
                ui.label(fill(
                    "bv.status.fitting",
                    &[
                        &bv.experiment.config.repeats,
                        &bv.experiment.config.complexities.len(),
                    ],
                ));
                ui.add(
                    egui::ProgressBar::new(bv.fraction)
                        .desired_width(160.0)
                        .show_percentage(),
                );
            } else {
                ui.label(tr("common.status.ready"));
            }
            ui.separator();
            ui.label(fill("common.status.seed", &[&bv.experiment.config.seed]))
                .on_hover_text(tr("bv.status.seed.tip"));
            notices_ui(ui, session, cmds);
        });
        return;
    }
    ui.horizontal(|ui| {
        if session.training_job.is_some() {
            ui.spinner();
            ui.label(fill(
                "pg.status.training",
                &[&session.experiment.runs.len()],
            ));
        }
        if session.landscape_job.is_some() {
            ui.label(tr("common.status.landscape"));
            ui.add(
                egui::ProgressBar::new(session.landscape_fraction)
                    .desired_width(140.0)
                    .show_percentage(),
            );
        }
        if !session.busy() {
            ui.label(tr("common.status.ready"));
        }
        ui.separator();
        ui.label(fill("common.status.seed", &[&session.experiment.seed]))
            .on_hover_text(tr("pg.status.seed.tip"));
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
            .small_button(tr("common.status.dismiss"))
            .on_hover_text(tr("common.status.dismiss.tip"))
            .clicked()
        {
            cmds.push(Command::DismissNotice(i));
        }
        ui.add(egui::Label::new(egui::RichText::new(&notice.text).color(color)).truncate())
            .on_hover_text(&notice.text);
    }
}
