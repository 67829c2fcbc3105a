#![cfg(feature = "gui")]
//! The Custom… surface and the learning-rate schedule controls driven through the real
//! widgets (egui_kittest): typing a formula changes the surface; a malformed one shows its
//! error with the position pointed at and keeps the last good surface; an unknown name lists
//! the known ones; a schedule picked for a run reaches its trajectory's recorded lr.

mod common;

use common::gui::{app_harness, step_until};

use basin::app::labs::playground::controls::{CUSTOM_ENTRY, FORMULA_FIELD};
use basin::app::labs::playground::fallback_experiment;
use basin::app::{App, Startup};
use basin::core::schedule::ScheduleKind;
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
    app_harness(startup, egui::vec2(1440.0, 1000.0))
}

fn settled(app: &App) -> bool {
    app.labs.playground.trained().is_some() && app.labs.playground.grid().is_some() && !app.busy()
}

fn formula_source(app: &App) -> Option<String> {
    let surface = &app.labs.playground.experiment().problem.surface;
    (surface.kind == SurfaceKind::Custom)
        .then(|| surface.formula.as_ref().map(|f| f.source().to_string()))
        .flatten()
}

fn type_into_formula(h: &mut Harness<'static, App>, text: &str) {
    let field = h.get_by_role_and_label(Role::TextInput, FORMULA_FIELD);
    field.focus();
    h.step();
    let field = h.get_by_role_and_label(Role::TextInput, FORMULA_FIELD);
    field.type_text(text);
    // One frame takes the keys (and applies the command), the next draws its effect.
    h.step();
    h.step();
}

#[test]
fn typing_a_formula_changes_the_surface_and_a_bad_one_shows_the_error() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    h.get_by_label("Surface").click();
    h.step();
    h.step();
    h.get_by_label(CUSTOM_ENTRY).click();
    h.step();
    let first = formula_source(h.state()).expect("the custom surface is on");
    assert_eq!(first, basin::app::labs::playground::EXAMPLE_FORMULA);
    let (x, y) = SurfaceKind::Custom.default_view();
    assert_eq!(h.state().labs.playground.experiment().view.x, x);
    assert_eq!(h.state().labs.playground.experiment().view.y, y);
    step_until(&mut h, "the custom grid", settled);

    // Typing more of a valid formula applies it, and a new grid of it arrives.
    let generation = h.state().labs.playground.picture_generation();
    type_into_formula(&mut h, " + y^2");
    let typed = formula_source(h.state()).expect("custom");
    assert_eq!(typed, format!("{first} + y^2"));
    let surface = h
        .state()
        .labs
        .playground
        .experiment()
        .problem
        .surface
        .clone();
    assert_eq!(
        surface.value([1.0, 2.0]),
        1.0 + 10.0 * libm::sin(2f64) + 4.0
    );
    step_until(&mut h, "the new grid", |app| {
        app.labs.playground.picture_generation() > generation && !app.busy()
    });
    let grid = h.state().labs.playground.grid().expect("a grid");
    let j = grid.spec.nx / 2;
    let i = grid.spec.ny / 3;
    let expected = surface.value([grid.spec.x_at(j), grid.spec.y_at(i)]);
    assert!((grid.values[[i, j]] - expected).abs() < 1e-9 * expected.abs().max(1.0));

    // A malformed formula: the error points at the '*' and the surface stays.
    type_into_formula(&mut h, " + * y");
    let error = h
        .state()
        .labs
        .playground
        .formula_error()
        .expect("an error")
        .clone();
    let bad = format!("{typed} + * y");
    assert_eq!(&bad[error.start..error.end], "*", "{error}");
    assert!(error.message.contains("expected a number"), "{error}");
    assert_eq!(formula_source(h.state()).as_deref(), Some(typed.as_str()));
    assert!(
        h.query_by_label_contains("expected a number").is_some(),
        "the message is shown"
    );
    assert!(
        h.query_by_label(&error.pointer(&bad)).is_some(),
        "the formula with the error pointed at is shown"
    );

    // Deleting the bad part applies the good formula again; an unknown name lists the known.
    for _ in 0.." + * y".len() {
        h.key_press(egui::Key::Backspace);
    }
    h.step();
    assert!(h.state().labs.playground.formula_error().is_none());
    type_into_formula(&mut h, " + foo(x)");
    let error = h
        .state()
        .labs
        .playground
        .formula_error()
        .expect("an error")
        .clone();
    assert!(error.message.contains("unknown name 'foo'"), "{error}");
    assert!(
        error.message.contains("sin, cos, tan, exp, log, sqrt"),
        "{error}"
    );
    assert!(
        h.query_by_label_contains("known names: x, y, pi, e")
            .is_some()
    );

    // Leaving the field remembers the applied (last good) formula among the recent ones.
    assert_eq!(formula_source(h.state()).as_deref(), Some(typed.as_str()));
    h.key_press(egui::Key::Escape);
    h.step();
    h.step();
    assert_eq!(
        h.state().labs.playground.recent_formulas(),
        std::slice::from_ref(&typed)
    );

    // Back to a built-in surface closes the field.
    h.get_by_label("Surface").click();
    h.step();
    h.step();
    h.get_by_label("Himmelblau").click();
    h.step();
    h.step();
    assert_eq!(
        h.state().labs.playground.experiment().problem.surface.kind,
        SurfaceKind::Himmelblau
    );
    assert!(h.query_by_label(FORMULA_FIELD).is_none());
}

#[test]
fn a_schedule_picked_for_a_run_reaches_its_trajectory() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    h.get_by_label("lr schedule").click();
    h.step();
    h.step();
    h.get_by_label("cosine").click();
    h.step();
    let run = h.state().labs.playground.experiment().runs[0].clone();
    assert_eq!(
        run.schedule.kind,
        ScheduleKind::Cosine {
            t_max: h.state().labs.playground.experiment().training.steps,
            eta_min: 0.0
        }
    );
    let generation = h.state().labs.playground.trained_generation();
    step_until(&mut h, "retraining", |app| {
        app.labs.playground.trained_generation() > generation && !app.busy()
    });
    let trained = h.state().labs.playground.trained().expect("trained");
    let lr = &trained.trajectories[0].lr;
    assert_eq!(lr[0], run.optimizer.lr);
    assert!(
        lr[lr.len() - 1] < 1e-3 * run.optimizer.lr,
        "{:?}",
        &lr[lr.len() - 3..]
    );
    assert_eq!(trained.lr_curves[0].len(), lr.len());
    // The other runs keep a constant lr.
    let other = &trained.trajectories[1].lr;
    assert!(other.iter().all(|&l| l == other[0]));
    assert!(h.query_by_label("Learning rate per step").is_some());
}

#[test]
fn save_preset_keeps_the_typed_formula() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    h.get_by_label("Surface").click();
    h.step();
    h.step();
    h.get_by_label(CUSTOM_ENTRY).click();
    h.step();
    h.step();
    type_into_formula(&mut h, " - x*y");
    let typed = formula_source(h.state()).expect("custom");
    assert!(typed.ends_with(" - x*y"), "{typed}");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("custom.toml");
    let ctx = h.ctx.clone();
    h.state_mut().apply(
        &ctx,
        basin::app::Command::SavePreset(path.display().to_string()),
    );
    h.step();
    let loaded = basin::preset::load_surface(&path.display().to_string(), &[]).expect("loads");
    assert_eq!(&loaded, h.state().labs.playground.experiment());
    assert_eq!(loaded.problem.surface.formula_text(), typed);
    // Back to a built-in surface: the experiment drops the formula, so it saves and loads
    // back equal too.
    h.get_by_label("Surface").click();
    h.step();
    h.step();
    h.get_by_label("Booth").click();
    h.step();
    assert!(
        h.state()
            .labs
            .playground
            .experiment()
            .problem
            .surface
            .formula
            .is_none()
    );
}
