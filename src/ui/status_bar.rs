//! The status line: the lab's own part (what is computing, with a progress bar, and the
//! seed — [`crate::app::lab::Lab::status_ui`]), then the notices (errors in red,
//! dismissible).

use crate::app::command::Command;
use crate::app::notices::{NoticeKind, Notices};
use crate::i18n::{fill, tr};

use super::Shell;

/// Draws the status bar.
pub fn status_bar_ui(ui: &mut egui::Ui, shell: &Shell<'_>, cmds: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        shell.lab.status_ui(ui);
        if !shell.lab.busy() {
            ui.label(tr("common.status.ready"));
        }
        ui.separator();
        let (seed, tip) = shell.lab.seed();
        ui.label(fill("common.status.seed", &[&seed]))
            .on_hover_text(tr(tip));
        notices_ui(ui, shell.notices, cmds);
    });
}

/// The notices, each with a Dismiss button.
fn notices_ui(ui: &mut egui::Ui, notices: &Notices, cmds: &mut Vec<Command>) {
    for (i, notice) in notices.list().iter().enumerate() {
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
