//! Lecture mode: the guided tour of [`crate::tour`] in the window. A step opens its preset
//! (with its overrides) in its lab through the shell's one way of loading a preset, and a
//! panel along the bottom shows the step counter, Previous / Next, the step's title and
//! caption in type large enough for the back of a classroom, and what to try. Everything stays
//! live: the lab's sliders still work, and Backspace (or "Step's settings") reopens the step
//! as it was. Keys: Page Down / Page Up (what presentation clickers send) and N / P move, F5
//! starts, Esc leaves. This module owns the lecture's state ([`Lecture`]), its commands
//! ([`TourCommand`]), its keys and its panel; the shell only forwards to it.

use crate::i18n::{fill, tr};
use crate::tour::Tour;

use super::App;
use super::command::Command;

/// The title's size in points (the back of a room at 1280×720).
pub const TITLE_SIZE: f32 = 30.0;
/// The caption's size in points.
pub const CAPTION_SIZE: f32 = 24.0;
/// The "what to try" line's size in points.
pub const TRY_SIZE: f32 = 21.0;
/// The most of the window's height the lecture panel may take (the lab keeps the rest).
pub const MAX_HEIGHT_SHARE: f32 = 0.32;

/// A request of the lecture mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TourCommand {
    /// Start the lecture at step `Some(i)` (0-based), or where it was left (`None`).
    Start(Option<usize>),
    /// The next step (nothing after the last).
    Next,
    /// The previous step (nothing before the first).
    Previous,
    /// Reopen the step's preset with its settings (undo the teacher's changes).
    Restore,
    /// Leave the lecture; the lab stays as it is.
    Leave,
    /// Show or hide the caption and what to try (the title row stays), to give the lab room.
    ToggleCaption,
}

/// The lecture's state: whether it is on, which step, and where its panel was drawn.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lecture {
    /// The lecture panel is shown and the tour keys work.
    pub active: bool,
    /// The step on screen (0-based), kept after leaving so Lecture comes back to it.
    pub step: usize,
    /// The lecture panel's rectangle in the last frame (tests check it fits the window).
    pub panel: Option<egui::Rect>,
    /// Only the title row is shown (the caption and what to try are hidden).
    pub caption_hidden: bool,
}

/// The built-in tour, or a notice's text saying why it does not load.
fn tour() -> Result<&'static Tour, String> {
    crate::tour::builtin().map_err(|e| fill("common.tour.broken", &[e]))
}

impl App {
    /// The lecture's state (for tests and the top bar).
    #[must_use]
    pub fn lecture(&self) -> &Lecture {
        &self.lecture
    }

    /// Carries out a lecture request.
    pub(super) fn apply_tour(&mut self, ctx: &egui::Context, command: TourCommand) {
        let tour = match tour() {
            Ok(tour) => tour,
            Err(message) => {
                self.notices.error(message);
                return;
            }
        };
        let last = tour.len().saturating_sub(1);
        let step = match command {
            TourCommand::Start(at) => at.unwrap_or(self.lecture.step).min(last),
            TourCommand::Next if self.lecture.active => (self.lecture.step + 1).min(last),
            TourCommand::Previous if self.lecture.active => self.lecture.step.saturating_sub(1),
            TourCommand::Restore if self.lecture.active => self.lecture.step,
            TourCommand::Leave => {
                self.lecture.active = false;
                self.lecture.panel = None;
                return;
            }
            TourCommand::ToggleCaption => {
                self.lecture.caption_hidden = !self.lecture.caption_hidden;
                return;
            }
            TourCommand::Next | TourCommand::Previous | TourCommand::Restore => return,
        };
        let moved = step != self.lecture.step || !self.lecture.active;
        if !moved && matches!(command, TourCommand::Next | TourCommand::Previous) {
            return;
        }
        self.lecture.active = true;
        self.lecture.step = step;
        if let Some(s) = tour.steps.get(step) {
            self.load_preset(ctx, &s.preset, Some(s.lab), &s.overrides);
        }
    }
}

/// The lecture's keys (listed in the ? overlay): F5 starts; while it runs Page Down / N next,
/// Page Up / P previous, Backspace the step's settings, Esc leaves (unless Esc closes an
/// overlay first: the shortcuts or the Export figure window).
pub(super) fn keys(
    input: &egui::InputState,
    lecture: &Lecture,
    overlay_open: bool,
) -> Vec<Command> {
    let mut cmds = Vec::new();
    let mut push = |c: TourCommand| {
        let c = Command::Tour(c);
        if !cmds.contains(&c) {
            cmds.push(c);
        }
    };
    if !lecture.active {
        if input.key_pressed(egui::Key::F5) {
            push(TourCommand::Start(None));
        }
        return cmds;
    }
    for (key, command) in [
        (egui::Key::PageDown, TourCommand::Next),
        (egui::Key::N, TourCommand::Next),
        (egui::Key::PageUp, TourCommand::Previous),
        (egui::Key::P, TourCommand::Previous),
        (egui::Key::Backspace, TourCommand::Restore),
        (egui::Key::F5, TourCommand::Restore),
    ] {
        if input.key_pressed(key) {
            push(command);
        }
    }
    if input.key_pressed(egui::Key::Escape) && !overlay_open {
        push(TourCommand::Leave);
    }
    cmds
}

/// The lecture panel along the bottom of the window (above the status line): the counter
/// and the buttons, the title, the caption and what to try, in the current language.
/// Returns the panel's rectangle.
pub(super) fn panel_ui(
    ui: &mut egui::Ui,
    lecture: &Lecture,
    cmds: &mut Vec<Command>,
) -> Option<egui::Rect> {
    let tour = tour().ok()?;
    let step = tour.steps.get(lecture.step)?;
    let words = step.words(crate::i18n::lang());
    let response = egui::Panel::bottom("lecture")
        .resizable(false)
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let first = lecture.step == 0;
                let last = lecture.step + 1 >= tour.len();
                if ui
                    .add_enabled(!first, egui::Button::new(tr("common.tour.previous")))
                    .on_hover_text(tr("common.tour.previous.tip"))
                    .clicked()
                {
                    cmds.push(Command::Tour(TourCommand::Previous));
                }
                ui.label(
                    egui::RichText::new(fill(
                        "common.tour.counter",
                        &[&(lecture.step + 1), &tour.len()],
                    ))
                    .size(TRY_SIZE)
                    .strong(),
                );
                if ui
                    .add_enabled(!last, egui::Button::new(tr("common.tour.next")))
                    .on_hover_text(tr("common.tour.next.tip"))
                    .clicked()
                {
                    cmds.push(Command::Tour(TourCommand::Next));
                }
                ui.separator();
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button(tr("common.tour.leave"))
                        .on_hover_text(tr("common.tour.leave.tip"))
                        .clicked()
                    {
                        cmds.push(Command::Tour(TourCommand::Leave));
                    }
                    if ui
                        .selectable_label(!lecture.caption_hidden, tr("common.tour.caption"))
                        .on_hover_text(tr("common.tour.caption.tip"))
                        .clicked()
                    {
                        cmds.push(Command::Tour(TourCommand::ToggleCaption));
                    }
                    if ui
                        .button(tr("common.tour.restore"))
                        .on_hover_text(tr("common.tour.restore.tip"))
                        .clicked()
                    {
                        cmds.push(Command::Tour(TourCommand::Restore));
                    }
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        ui.add(
                            egui::Label::new(
                                egui::RichText::new(&words.title)
                                    .size(TITLE_SIZE)
                                    .strong()
                                    .color(ui.visuals().strong_text_color()),
                            )
                            .wrap(),
                        );
                    });
                });
            });
            if lecture.caption_hidden {
                ui.add_space(4.0);
                return;
            }
            let strong = ui.visuals().strong_text_color();
            ui.add(
                egui::Label::new(
                    egui::RichText::new(&words.caption)
                        .size(CAPTION_SIZE)
                        .color(strong),
                )
                .wrap(),
            );
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    egui::RichText::new(tr("common.tour.try"))
                        .size(TRY_SIZE)
                        .strong()
                        .color(ui.visuals().warn_fg_color),
                );
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(&words.try_this)
                            .size(TRY_SIZE)
                            .color(strong),
                    )
                    .wrap(),
                );
            });
            ui.add_space(4.0);
        });
    Some(response.response.rect)
}
