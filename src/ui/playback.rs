//! The playback bar: play/pause, one step, reset, speed (steps per second, logarithmic) and a
//! scrub slider over the steps.

use crate::app::playback::{Playback, PlaybackCommand};
use crate::i18n::tr;

/// Draws the playback bar.
pub fn playback_ui<C: From<PlaybackCommand>>(
    ui: &mut egui::Ui,
    view: &Playback,
    last_step: usize,
    cmds: &mut Vec<C>,
) {
    ui.horizontal(|ui| {
        let (label, tip) = if view.playing {
            (tr("common.play.pause"), tr("common.play.pause.tip"))
        } else {
            (tr("common.play.play"), tr("common.play.play.tip"))
        };
        if ui.button(label).on_hover_text(tip).clicked() {
            cmds.push(C::from(PlaybackCommand::TogglePlay));
        }
        if ui
            .button(tr("common.play.step"))
            .on_hover_text(tr("common.play.step.tip"))
            .clicked()
        {
            cmds.push(C::from(PlaybackCommand::StepForward));
        }
        if ui
            .button(tr("common.play.reset"))
            .on_hover_text(tr("common.play.reset.tip"))
            .clicked()
        {
            cmds.push(C::from(PlaybackCommand::Reset));
        }
        ui.separator();
        let mut speed = view.speed_steps_per_sec;
        if ui
            .add(
                super::slider(&mut speed, 1.0..=2000.0)
                    .logarithmic(true)
                    .text(tr("common.play.speed"))
                    .custom_formatter(|v, _| crate::core::fmt3(v)),
            )
            .on_hover_text(tr("common.play.speed.tip"))
            .changed()
        {
            cmds.push(C::from(PlaybackCommand::SetSpeed(speed)));
        }
        ui.separator();
        let mut cursor = view.cursor_step.floor();
        let width = (ui.available_width() - 140.0).max(120.0);
        ui.spacing_mut().slider_width = width;
        if ui
            .add(
                super::slider(&mut cursor, 0.0..=last_step as f64)
                    .step_by(1.0)
                    .text(tr("common.play.at_step"))
                    .custom_formatter(|v, _| format!("{v:.0}")),
            )
            .on_hover_text(tr("common.play.at_step.tip"))
            .changed()
        {
            cmds.push(C::from(PlaybackCommand::SetCursor(cursor)));
        }
    });
}
