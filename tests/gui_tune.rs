#![cfg(feature = "gui")]
//! "Tune learning rates" in the Playground, through its real button (egui_kittest): the
//! search runs in the background with a progress bar and Cancel, then the runs' learning
//! rates are replaced, the race restarts, the legend says "(tuned lr …)", a notice lists the
//! previous rates and "Undo tuning" puts them back.

mod common;

use common::gui::{app_harness, step_until};

use basin::app::labs::playground::fallback_experiment;
use basin::app::{App, Startup};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, App> {
    let mut experiment = fallback_experiment();
    experiment.runs.truncate(2);
    experiment.training.steps = 100;
    experiment.view.resolution = 64;
    let startup = Startup {
        preset: Some(experiment.into()),
        preset_name: Some("test".to_string()),
        ..Startup::default()
    };
    app_harness(startup, egui::vec2(1440.0, 900.0))
}

fn settled(app: &App) -> bool {
    app.labs.playground.trained().is_some() && app.labs.playground.grid().is_some() && !app.busy()
}

fn legends(app: &App) -> Vec<String> {
    let pg = &app.labs.playground;
    let trained = pg.trained().expect("trained");
    (0..trained.runs.len()).map(|i| trained.legend(i)).collect()
}

#[test]
fn the_button_tunes_every_run_and_the_legend_shows_the_tuned_rates() {
    let mut h = harness();
    step_until(&mut h, "the first race", settled);
    let before: Vec<f64> = h
        .state()
        .labs
        .playground
        .experiment()
        .runs
        .iter()
        .map(|r| r.optimizer.lr)
        .collect();
    assert!(legends(h.state()).iter().all(|l| !l.contains("tuned")));

    // Started and cancelled before its result lands (the search of this small race takes
    // milliseconds, so the Cancel button is not clicked here): nothing changes.
    h.get_by_label("Tune learning rates").click();
    h.step();
    assert!(h.state().labs.playground.tuning.job.busy());
    h.state_mut().labs.playground.cancel_tuning();
    h.run_steps(5);
    assert!(!h.state().labs.playground.tuning.job.busy());
    let still: Vec<f64> = h
        .state()
        .labs
        .playground
        .experiment()
        .runs
        .iter()
        .map(|r| r.optimizer.lr)
        .collect();
    assert_eq!(still, before);

    h.get_by_label("Tune learning rates").click();
    step_until(&mut h, "the tuned race", |app| {
        settled(app) && legends(app).iter().all(|l| l.contains("(tuned lr "))
    });
    let pg = &h.state().labs.playground;
    let after: Vec<f64> = pg
        .experiment()
        .runs
        .iter()
        .map(|r| r.optimizer.lr)
        .collect();
    assert_ne!(before, after);
    for (legend, lr) in legends(h.state()).iter().zip(&after) {
        assert!(
            legend.ends_with(&format!("(tuned lr {})", basin::core::fmt3(*lr))),
            "{legend}"
        );
    }
    let notices: Vec<String> = h.state().notices().iter().map(|n| n.text.clone()).collect();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("Learning rates tuned") && n.contains("(was ")),
        "{notices:?}"
    );

    h.get_by_label("Undo tuning").click();
    h.step();
    step_until(&mut h, "the race with the old rates", settled);
    let undone: Vec<f64> = h
        .state()
        .labs
        .playground
        .experiment()
        .runs
        .iter()
        .map(|r| r.optimizer.lr)
        .collect();
    assert_eq!(undone, before);
    assert!(legends(h.state()).iter().all(|l| !l.contains("tuned")));
}
