#![cfg(feature = "gui")]
//! The lecture mode driven through the real window (egui_kittest) at a projector's 1280×720:
//! every step of the tour opens its preset in its lab, in English and in Korean, with its
//! title, caption and what to try on screen, inside the window and leaving the lab most of
//! it; the clicker's keys move through the tour, Backspace restores the step, Esc leaves.

mod common;

use basin::app::notices::NoticeKind;
use basin::app::tour::{MAX_HEIGHT_SHARE, TourCommand};
use basin::app::{App, Command, Startup};
use basin::i18n::Lang;
use common::gui::app_harness;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const WIDTH: f32 = 1280.0;
const HEIGHT: f32 = 720.0;

fn lecture(lang: Lang, step: usize) -> Harness<'static, App> {
    app_harness(
        Startup {
            lang: Some(lang),
            tour: Some(step),
            ..Startup::default()
        },
        egui::vec2(WIDTH, HEIGHT),
    )
}

/// Every step, reached with Page Down from the first: the right lab and preset, no error,
/// its words on screen in `lang` and inside the window, the panel no taller than its share.
fn walk_every_step(lang: Lang) {
    let tour = basin::tour::builtin().expect("the shipped tour reads");
    assert!(tour.len() >= 12, "{} steps", tour.len());
    let mut h = lecture(lang, 0);
    h.run_steps(3);
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(WIDTH, HEIGHT));
    for (i, step) in tour.steps.iter().enumerate() {
        if i > 0 {
            h.key_press(egui::Key::PageDown);
        }
        h.run_steps(3);
        let app = h.state();
        let what = format!("{lang:?} step {}: {}", i + 1, step.preset);
        assert!(app.lecture().active, "{what}");
        assert_eq!(app.lecture().step, i, "{what}");
        assert_eq!(app.lab(), step.lab, "{what}");
        assert_eq!(app.preset_name(step.lab), step.preset, "{what}");
        let errors: Vec<_> = app
            .notices()
            .iter()
            .filter(|n| n.kind == NoticeKind::Error)
            .collect();
        assert!(errors.is_empty(), "{what}: {errors:?}");
        let panel = app.lecture().panel.expect("the lecture panel is drawn");
        assert!(
            window.contains_rect(panel.shrink(0.5)),
            "{what}: the panel {panel:?} leaves the window"
        );
        assert!(
            panel.height() <= MAX_HEIGHT_SHARE * HEIGHT,
            "{what}: the panel is {} of {HEIGHT} points high",
            panel.height()
        );
        let words = step.words(lang);
        for text in [&words.title, &words.caption, &words.try_this] {
            // A title may also be the preset's own, atop the lab's controls.
            let rects: Vec<egui::Rect> = h.query_all_by_label(text).map(|n| n.rect()).collect();
            assert!(!rects.is_empty(), "{what}: {text:?} is not on screen");
            assert!(
                rects
                    .iter()
                    .any(|rect| window.contains_rect(rect.shrink(0.5))
                        && panel.contains_rect(rect.shrink(0.5))),
                "{what}: {text:?} at {rects:?} overflows (panel {panel:?})"
            );
        }
        eprintln!("{what}: the panel is {:.0} points high", panel.height());
        if lang == Lang::Ko {
            assert!(
                words.caption.chars().any(|c| ('가'..='힣').contains(&c)),
                "{what}: the Korean caption is not Korean"
            );
        }
        let counter = match lang {
            Lang::En => format!("Step {} / {}", i + 1, tour.len()),
            Lang::Ko => format!("단계 {} / {}", i + 1, tour.len()),
        };
        h.get_by_label(&counter);
    }
    // Past the last step nothing moves.
    h.key_press(egui::Key::PageDown);
    h.run_steps(2);
    assert_eq!(h.state().lecture().step, tour.len() - 1);
}

#[test]
fn every_step_opens_in_english_and_fits_1280_by_720() {
    walk_every_step(Lang::En);
}

#[test]
fn every_step_opens_in_korean_and_fits_1280_by_720() {
    walk_every_step(Lang::Ko);
}

#[test]
fn the_clicker_keys_move_restore_and_leave() {
    let tour = basin::tour::builtin().expect("the shipped tour reads");
    let mut h = lecture(Lang::En, 0);
    h.run_steps(2);
    // N and P, like Page Down and Page Up; P on the first step stays.
    h.key_press(egui::Key::P);
    h.run_steps(2);
    assert_eq!(h.state().lecture().step, 0);
    h.key_press(egui::Key::N);
    h.run_steps(2);
    assert_eq!(h.state().lecture().step, 1);
    h.key_press(egui::Key::PageUp);
    h.run_steps(2);
    assert_eq!(h.state().lecture().step, 0);
    // The teacher loads something else; Backspace brings the step back.
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, Command::LoadBuiltin("beale"));
    h.run_steps(2);
    assert_eq!(h.state().preset_name(tour.steps[0].lab), "beale");
    h.key_press(egui::Key::Backspace);
    h.run_steps(2);
    assert_eq!(
        h.state().preset_name(tour.steps[0].lab),
        tour.steps[0].preset
    );
    // Esc leaves (the lab stays); the button comes back to the same step.
    h.key_press(egui::Key::N);
    h.run_steps(2);
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(!h.state().lecture().active);
    assert!(h.query_by_label(&tour.steps[1].en.caption).is_none());
    assert_eq!(h.state().lab(), tour.steps[1].lab);
    // Keys of the lecture do nothing outside it.
    h.key_press(egui::Key::N);
    h.run_steps(2);
    assert_eq!(h.state().lecture().step, 1);
    h.get_by_label("Lecture").click();
    h.run_steps(3);
    assert!(h.state().lecture().active);
    assert_eq!(h.state().lecture().step, 1);
    h.get_by_label(&tour.steps[1].en.caption);
    // The buttons of the panel.
    h.get_by_label("Next ▶").click();
    h.run_steps(3);
    assert_eq!(h.state().lecture().step, 2);
    h.get_by_label("◀ Previous").click();
    h.run_steps(3);
    assert_eq!(h.state().lecture().step, 1);
    // Caption hides the caption and what to try, and the panel shrinks; again shows them.
    let tall = h.state().lecture().panel.expect("panel").height();
    h.get_by_label("Caption").click();
    h.run_steps(3);
    assert!(h.query_by_label(&tour.steps[1].en.caption).is_none());
    let short = h.state().lecture().panel.expect("panel").height();
    assert!(short < tall * 0.6, "{short} against {tall}");
    h.get_by_label("Caption").click();
    h.run_steps(3);
    h.get_by_label(&tour.steps[1].en.caption);
    h.get_by_label("× Leave").click();
    h.run_steps(2);
    assert!(!h.state().lecture().active);
    // F5 starts it again; a start past the end is clamped to the last step.
    h.key_press(egui::Key::F5);
    h.run_steps(2);
    assert!(h.state().lecture().active);
    let ctx = h.ctx.clone();
    h.state_mut()
        .apply(&ctx, Command::Tour(TourCommand::Start(Some(999))));
    h.run_steps(2);
    assert_eq!(h.state().lecture().step, tour.len() - 1);
}

#[test]
fn the_shortcuts_overlay_lists_the_lecture_keys_and_esc_closes_it_first() {
    let mut h = lecture(Lang::En, 0);
    h.run_steps(2);
    h.key_press(egui::Key::Questionmark);
    h.run_steps(2);
    h.get_by_label("lecture: next / previous step");
    h.get_by_label("Page Down / Page Up, N / P");
    // The overlay's last row is inside the 720-point-high window.
    let last = h
        .get_by_label("lecture: back to the step's settings")
        .rect();
    assert!(last.max.y <= HEIGHT, "{last:?}");
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.query_by_label("lecture: next / previous step").is_none());
    assert!(h.state().lecture().active, "Esc closed the overlay first");
}
