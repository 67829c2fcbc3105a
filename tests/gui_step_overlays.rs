#![cfg(feature = "gui")]
//! "Inside a step" in the Playground, through its real widgets: an overlay's toggle turns it
//! on in the experiment (so saved presets and figures carry it), and the "One step at a time"
//! window shows the selected run's update rule with the numbers of the step at the playback
//! position, worked out from the point the trajectory recorded there.

mod common;

use common::gui::{app_harness, step_until};

use basin::app::labs::playground::fallback_experiment;
use basin::app::{App, Startup};
use basin::core::anatomy::Overlay;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, App> {
    let startup = Startup {
        preset: Some(fallback_experiment().into()),
        preset_name: Some("test".to_string()),
        ..Startup::default()
    };
    // Tall enough for the left panel's last group without scrolling.
    app_harness(startup, egui::vec2(1440.0, 1800.0))
}

#[test]
fn an_overlay_toggle_and_the_step_panel() {
    let mut h = harness();
    step_until(&mut h, "the first results", |app| {
        app.labs.playground.trained().is_some() && !app.busy()
    });
    if h.state().labs.playground.playing() {
        h.get_by_label("Pause").click();
        h.step();
    }
    h.get_by_label("Actual update").click();
    h.step();
    let on = &h.state().labs.playground.experiment().view.step_overlays.on;
    assert_eq!(on, &[Overlay::Update]);
    h.get_by_label("One step at a time").click();
    step_until(&mut h, "the step's anatomy", |app| {
        app.labs.playground.step_view.shown.is_some()
    });
    h.run_steps(2);
    let pg = &h.state().labs.playground;
    let anatomy = pg.step_view.shown.clone().expect("an anatomy");
    let run = pg.runs.selected;
    let trajectory = &pg.trained().expect("trained").trajectories[run];
    let step = pg.cursor_step().min(trajectory.len() - 1);
    assert_eq!(anatomy.step, step);
    assert_eq!(anatomy.theta, trajectory.point(step));
    // Run 0 of the fallback race is plain SGD: its rule, with this step's numbers.
    let rule = &anatomy.rule_lines()[0];
    assert!(rule.starts_with("θ ← θ − η·g = "), "{rule}");
    h.get_by_label(rule.as_str());
    // Turning the toggle off again.
    h.get_by_label("Actual update").click();
    h.step();
    assert!(
        h.state()
            .labs
            .playground
            .experiment()
            .view
            .step_overlays
            .on
            .is_empty()
    );
}
