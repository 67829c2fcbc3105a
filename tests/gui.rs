#![cfg(feature = "gui")]
//! The Playground driven through its real widgets (egui_kittest, by their labels), with the
//! effect of each asserted on the app's state. Jobs run on real threads, so the tests step
//! frames with a short sleep until results arrive (bounded).

mod common;

use common::gui::{app_harness, step_until};

use basin::app::labs::playground::fallback_experiment;
use basin::app::notices::NoticeKind;
use basin::app::{App, Startup};
use basin::core::surface::SurfaceKind;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, App> {
    let startup = Startup {
        preset: Some((fallback_experiment()).into()),
        preset_name: Some("test".to_string()),
        ..Startup::default()
    };
    app_harness(startup, egui::vec2(1440.0, 900.0))
}

fn settled(app: &App) -> bool {
    app.labs.playground.trained().is_some() && app.labs.playground.grid().is_some() && !app.busy()
}

fn surface_label(kind: SurfaceKind) -> &'static str {
    if kind.title().is_empty() {
        kind.name()
    } else {
        kind.title()
    }
}

#[test]
fn play_button_starts_the_playback() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    // The app opens playing; pause and rewind first.
    if h.state().labs.playground.playing() {
        h.get_by_label("Pause").click();
        h.step();
    }
    assert!(!h.state().labs.playground.playing());
    h.get_by_label("Reset").click();
    h.step();
    assert_eq!(h.state().labs.playground.cursor_step(), 0);
    h.get_by_label("Play").click();
    h.step();
    assert!(h.state().labs.playground.playing());
    for _ in 0..4 {
        h.step();
    }
    assert!(
        h.state().labs.playground.cursor_step() > 0,
        "cursor did not advance: {}",
        h.state().labs.playground.cursor_step()
    );
    h.get_by_label("Pause").click();
    h.step();
    let paused_at = h.state().labs.playground.cursor_step();
    h.run_steps(3);
    assert_eq!(h.state().labs.playground.cursor_step(), paused_at);
    // The keyboard: Space plays, the right arrow steps once, R rewinds.
    h.key_press(egui::Key::Space);
    h.step();
    assert!(h.state().labs.playground.playing());
    h.key_press(egui::Key::Space);
    h.step();
    assert!(!h.state().labs.playground.playing());
    let at = h.state().labs.playground.cursor_step();
    h.key_press(egui::Key::ArrowRight);
    h.step();
    assert_eq!(h.state().labs.playground.cursor_step(), at + 1);
    h.key_press(egui::Key::R);
    h.step();
    assert_eq!(h.state().labs.playground.cursor_step(), 0);
    // Paused and idle: the app stops asking for frames.
    assert!(
        h.run_ok().is_some(),
        "a paused, idle window keeps repainting"
    );
}

#[test]
fn learning_rate_slider_changes_the_selected_run_or_all_runs() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    let before: Vec<f64> = h
        .state()
        .labs
        .playground
        .experiment()
        .runs
        .iter()
        .map(|r| r.optimizer.lr)
        .collect();
    h.get_by_role_and_label(Role::Slider, "Learning rate")
        .set_value_accesskit(0.02);
    h.step();
    let after: Vec<f64> = h
        .state()
        .labs
        .playground
        .experiment()
        .runs
        .iter()
        .map(|r| r.optimizer.lr)
        .collect();
    assert!(
        (after[0] - 0.02).abs() < 1e-12,
        "selected run lr = {}",
        after[0]
    );
    assert_eq!(&after[1..], &before[1..], "other runs must keep their lr");
    let generation = h.state().labs.playground.trained_generation();
    step_until(&mut h, "retraining", |app| {
        app.labs.playground.trained_generation() > generation && !app.busy()
    });

    h.get_by_label("Apply to all runs").click();
    h.step();
    h.get_by_role_and_label(Role::Slider, "Learning rate")
        .set_value_accesskit(0.003);
    h.step();
    for run in &h.state().labs.playground.experiment().runs {
        assert!(
            (run.optimizer.lr - 0.003).abs() < 1e-12,
            "lr = {}",
            run.optimizer.lr
        );
    }
}

#[test]
fn surface_picker_switches_the_surface_and_a_new_grid_arrives() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    assert_eq!(
        h.state().labs.playground.experiment().problem.surface.kind,
        SurfaceKind::Rosenbrock
    );
    let generation = h.state().labs.playground.picture_generation();
    h.get_by_label("Surface").click();
    h.step();
    h.step();
    h.get_by_label(surface_label(SurfaceKind::Himmelblau))
        .click();
    h.step();
    assert_eq!(
        h.state().labs.playground.experiment().problem.surface.kind,
        SurfaceKind::Himmelblau
    );
    step_until(&mut h, "the new grid", |app| {
        app.labs.playground.picture_generation() > generation && !app.busy()
    });
    let (x, y) = SurfaceKind::Himmelblau.default_view();
    let grid = h.state().labs.playground.grid().expect("a grid");
    assert_eq!(grid.spec.x, x);
    assert_eq!(grid.spec.y, y);
}

#[test]
fn preset_menu_loads_a_builtin_and_a_bad_file_keeps_the_experiment() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    h.get_by_label("Preset").click();
    h.step();
    h.step();
    h.get_by_label("beale").click();
    h.step();
    assert_eq!(
        h.state().labs.playground.experiment().problem.surface.kind,
        SurfaceKind::Beale
    );
    step_until(&mut h, "the beale results", settled);
    let loaded = h.state().labs.playground.experiment().clone();

    h.get_by_label("Preset").click();
    h.step();
    h.step();
    h.get_by_label("Open file…").click();
    // A new window takes a sizing frame before it is shown.
    h.run_steps(4);
    let field = h.get_by_role(Role::TextInput);
    field.focus();
    field.type_text("no-such-preset.toml");
    h.step();
    h.get_by_label("Open").click();
    h.step();
    let errors: Vec<String> = h
        .state()
        .notices()
        .iter()
        .filter(|n| n.kind == NoticeKind::Error)
        .map(|n| n.text.clone())
        .collect();
    assert!(
        errors.iter().any(|e| e.contains("no-such-preset.toml")),
        "no error notice naming the file: {errors:?}"
    );
    assert_eq!(
        h.state().labs.playground.experiment(),
        &loaded,
        "the previous experiment must stay"
    );
    // The notice is shown in the status bar and can be dismissed.
    h.step();
    // Close the dialog, then dismiss the notice from the status bar.
    h.get_by_label("Cancel").click();
    h.step();
    assert!(
        !h.state().notices().is_empty(),
        "closing the dialog keeps the notice"
    );
    h.get_by_label("Dismiss").click();
    h.step();
    let left: Vec<String> = h.state().notices().iter().map(|n| n.text.clone()).collect();
    assert!(left.is_empty(), "{left:?}");
}

/// Every non-ASCII character in the UI's sources, the translation table (English and Korean:
/// the bundled Hangul font), the surface titles and formulas (tooltips) and the built-in
/// presets' descriptions must have a glyph in the app's fonts (kittest
/// panics on a missing glyph).
#[test]
fn every_character_either_lab_shows_has_a_glyph() {
    let sources = [
        include_str!("../src/ui/mod.rs"),
        include_str!("../src/ui/landscape.rs"),
        include_str!("../src/ui/loss_plot.rs"),
        include_str!("../src/ui/playback.rs"),
        include_str!("../src/ui/run_editor.rs"),
        include_str!("../src/ui/widgets.rs"),
        include_str!("../src/ui/status_bar.rs"),
        include_str!("../src/ui/top_bar.rs"),
        include_str!("../src/ui/surface3d.rs"),
        include_str!("../src/app/mod.rs"),
        include_str!("../src/app/commands.rs"),
        include_str!("../src/app/files.rs"),
        include_str!("../src/app/picture.rs"),
        include_str!("../src/app/labs/playground/mod.rs"),
        include_str!("../src/app/labs/playground/controls.rs"),
        include_str!("../src/app/labs/playground/view.rs"),
        include_str!("../src/app/labs/playground/loss.rs"),
        include_str!("../src/app/labs/network/mod.rs"),
        include_str!("../src/app/labs/network/controls.rs"),
        include_str!("../src/app/labs/network/view.rs"),
        include_str!("../src/app/labs/sharp_flat/mod.rs"),
        include_str!("../src/app/labs/sharp_flat/controls.rs"),
        include_str!("../src/app/labs/sharp_flat/view.rs"),
        include_str!("../src/app/labs/bias_variance/mod.rs"),
        include_str!("../src/app/labs/bias_variance/controls.rs"),
        include_str!("../src/app/labs/bias_variance/view.rs"),
        include_str!("../src/app/labs/bias_variance/picture.rs"),
    ];
    let mut text: String = sources.concat();
    for kind in SurfaceKind::ALL {
        text.push_str(kind.title());
        text.push_str(&basin::ui::printable(kind.formula()));
    }
    for builtin in basin::preset::BUILTINS {
        if let Ok(e) = basin::preset::parse(builtin.text, builtin.name, &[]) {
            text.push_str(&basin::ui::printable(e.name()));
            text.push_str(&basin::ui::printable(e.description()));
        }
    }
    for b in basin::preset::REGRESSION_BUILTINS {
        if let Ok(e) = basin::preset::load(b.name, &[]) {
            text.push_str(&basin::ui::printable(e.name()));
            text.push_str(&basin::ui::printable(e.description()));
        }
    }
    // Both languages of the translation table, and the Korean preset descriptions.
    for entry in basin::i18n::entries() {
        text.push_str(entry.en);
        text.push_str(entry.ko);
    }
    for (_, ko) in basin::i18n::presets::PRESET_DESCRIPTIONS
        .iter()
        .chain(basin::i18n::presets::PRESET_TITLES)
    {
        text.push_str(ko);
    }
    let mut chars: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
    chars.sort_unstable();
    chars.dedup();
    let missing = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = std::sync::Arc::clone(&missing);
    let mut h = Harness::builder()
        .with_size(egui::vec2(400.0, 100.0))
        .build_ui(move |ui| {
            basin::ui::setup_style(ui.ctx());
            let font = egui::FontId::proportional(16.0);
            let absent: Vec<char> = ui.ctx().fonts_mut(|f| {
                chars
                    .iter()
                    .copied()
                    .filter(|&c| !f.has_glyph(&font, c))
                    .collect()
            });
            *sink.lock().unwrap() = absent;
            ui.label("glyph check");
        });
    h.run();
    let missing = missing.lock().unwrap().clone();
    assert!(
        missing.is_empty(),
        "no glyph in the app's fonts for {missing:?}"
    );
}

#[test]
fn save_preset_writes_a_file_that_loads_back_to_the_same_experiment() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("saved.toml");
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        basin::app::Command::SavePreset(path.display().to_string()),
    );
    h.step();
    let loaded = basin::preset::load_surface(&path.display().to_string(), &[]).unwrap();
    assert_eq!(&loaded, h.state().labs.playground.experiment());
    assert!(
        h.state()
            .notices()
            .iter()
            .any(|n| n.kind == NoticeKind::Info && n.text.contains("saved.toml"))
    );
}

#[test]
fn a_click_on_the_surface_moves_the_start_and_retrains() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    let target = [0.5, 1.0];
    let pos = h
        .state()
        .labs
        .playground
        .landscape_screen_pos(target)
        .expect("plot drawn");
    let generation = h.state().labs.playground.trained_generation();
    h.hover_at(pos);
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    let start = h.state().labs.playground.experiment().training.start;
    // Within a pixel of the target (the view spans 4 units over several hundred pixels).
    assert!(
        (start[0] - target[0]).abs() < 0.02 && (start[1] - target[1]).abs() < 0.02,
        "start = {start:?}"
    );
    step_until(&mut h, "retraining from the new start", |app| {
        app.labs.playground.trained_generation() > generation && !app.busy()
    });
    let first = h.state().labs.playground.trained().unwrap().paths[0][0];
    assert!((first.x - start[0]).abs() < 1e-12 && (first.y - start[1]).abs() < 1e-12);
}

#[test]
fn values_outside_the_slider_ranges_do_not_restart_the_jobs_every_frame() {
    let mut experiment = fallback_experiment();
    experiment.runs[0].optimizer.lr = 50.0; // above the slider's range
    experiment.runs[0].optimizer.momentum = 0.9995;
    experiment.training.steps = 5; // below the Steps slider's range
    experiment.view.resolution = 1100; // above the Resolution slider's range
    let startup = Startup {
        preset: Some((experiment.clone()).into()),
        ..Startup::default()
    };
    let mut h = app_harness(startup, egui::vec2(1440.0, 900.0));
    step_until(&mut h, "the first results", settled);
    let generation = h.state().labs.playground.generation();
    h.run_steps(5);
    assert_eq!(
        h.state().labs.playground.generation(),
        generation,
        "jobs restarted by themselves"
    );
    assert_eq!(h.state().labs.playground.experiment(), &experiment);
}
