//! The Playground driven through its real widgets (egui_kittest, by their labels), with the
//! effect of each asserted on the app's state. Jobs run on real threads, so the tests step
//! frames with a short sleep until results arrive (bounded).

use std::time::{Duration, Instant};

use basin::app::state::fallback_experiment;
use basin::app::{App, Startup};
use basin::core::surface::SurfaceKind;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, App> {
    let startup = Startup {
        experiment: Some(fallback_experiment()),
        preset_name: Some("test".to_string()),
        ..Startup::default()
    };
    Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .build_eframe(move |cc| App::new(cc, startup))
}

/// Steps frames until `done` holds (panics after 20 s).
fn step_until(harness: &mut Harness<'static, App>, what: &str, done: impl Fn(&App) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !done(harness.state()) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.step();
}

fn settled(app: &App) -> bool {
    app.trained().is_some() && app.grid().is_some() && !app.busy()
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
    if h.state().playing() {
        h.get_by_label("Pause").click();
        h.step();
    }
    assert!(!h.state().playing());
    h.get_by_label("Reset").click();
    h.step();
    assert_eq!(h.state().cursor_step(), 0);
    h.get_by_label("Play").click();
    h.step();
    assert!(h.state().playing());
    for _ in 0..4 {
        h.step();
    }
    assert!(
        h.state().cursor_step() > 0,
        "cursor did not advance: {}",
        h.state().cursor_step()
    );
    h.get_by_label("Pause").click();
    h.step();
    let paused_at = h.state().cursor_step();
    h.run_steps(3);
    assert_eq!(h.state().cursor_step(), paused_at);
}

#[test]
fn learning_rate_slider_changes_the_selected_run_or_all_runs() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    let before: Vec<f64> = h
        .state()
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
    let generation = h.state().trained_generation();
    step_until(&mut h, "retraining", |app| {
        app.trained_generation() > generation && !app.busy()
    });

    h.get_by_label("Apply to all runs").click();
    h.step();
    h.get_by_role_and_label(Role::Slider, "Learning rate")
        .set_value_accesskit(0.003);
    h.step();
    for run in &h.state().experiment().runs {
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
        h.state().experiment().problem.surface.kind,
        SurfaceKind::Rosenbrock
    );
    let generation = h.state().picture_generation();
    h.get_by_label("Surface").click();
    h.step();
    h.step();
    h.get_by_label(surface_label(SurfaceKind::Himmelblau))
        .click();
    h.step();
    assert_eq!(
        h.state().experiment().problem.surface.kind,
        SurfaceKind::Himmelblau
    );
    step_until(&mut h, "the new grid", |app| {
        app.picture_generation() > generation && !app.busy()
    });
    let (x, y) = SurfaceKind::Himmelblau.default_view();
    let grid = h.state().grid().expect("a grid");
    assert_eq!(grid.spec.x, x);
    assert_eq!(grid.spec.y, y);
}
