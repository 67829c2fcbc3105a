//! The status line: what is computing (with a progress bar for the landscape), the seed, and
//! the notices (errors in red, dismissible).

use crate::app::Command;
use crate::app::state::{NoticeKind, Session};

/// Draws the status bar.
pub fn status_bar_ui(ui: &mut egui::Ui, session: &Session, cmds: &mut Vec<Command>) {
    ui.horizontal_wrapped(|ui| {
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
        for (i, notice) in session.notices.iter().enumerate() {
            ui.separator();
            let color = match notice.kind {
                NoticeKind::Error => ui.visuals().error_fg_color,
                NoticeKind::Info => ui.visuals().text_color(),
            };
            // The button comes first so that a long message can never push it out of sight;
            // the message is cut to the line and shown whole on hover.
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
    });
}
