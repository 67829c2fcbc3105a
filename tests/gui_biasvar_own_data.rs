#![cfg(feature = "gui")]
//! A person's own 1-D data in the Bias–Variance lab's window (egui_kittest, driven by the
//! widgets' labels): "Open data…" with a typed path fits on the file and says on screen that
//! the truth is unknown; a file with more than one feature or a bad cell leaves the experiment
//! and says what is wrong; a `.csv` dropped on the window is read the same way; the data
//! export writes the estimates.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::gui::{Dropped, app_harness, step_until};

use basin::app::notices::NoticeKind;
use basin::app::{App, Lab as _, Startup};
use basin::lab::LabKind;
use basin::preset::{self, Preset, RegressionExperiment};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn small_bias_variance() -> RegressionExperiment {
    let overrides = vec![
        "resampling.repeats=10".to_string(),
        "resampling.bag_sets=1".to_string(),
        "resampling.bag_size=2".to_string(),
    ];
    match preset::load("bias-variance", &overrides) {
        Ok(Preset::Regression(e)) => e,
        other => panic!("bias-variance: {other:?}"),
    }
}

fn harness() -> Harness<'static, App> {
    app_harness(
        Startup {
            preset: Some(small_bias_variance().into()),
            preset_name: Some("bias-variance".to_string()),
            ..Startup::default()
        },
        egui::vec2(1440.0, 1100.0),
    )
}

fn idle(app: &App) -> bool {
    let bv = &app.labs.bias_variance;
    !bv.busy() && (bv.picture.is_some() || bv.data_picture.is_some())
}

/// 40 rows of y = sin 2πx plus a wiggle, as CSV with columns x and y.
fn sine_csv() -> String {
    let mut text = String::from("x,y\n");
    for i in 0..40 {
        let x = f64::from(i) / 39.0;
        let y = libm::sin(2.0 * std::f64::consts::PI * x) + 0.2 * libm::sin(f64::from(i) * 2.3);
        writeln!(text, "{x},{y}").expect("write");
    }
    text
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// Clicks the lab's "Open data…", types `path` and clicks the window's load button.
fn open_data(h: &mut Harness<'static, App>, path: &Path) {
    h.get_by_label("Open data…").click();
    h.run_steps(4);
    h.get_by_role(egui::accesskit::Role::TextInput).focus();
    h.step();
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text(&path.display().to_string());
    h.step();
    h.get_by_label("Use this data").click();
    h.step();
}

fn error_notice(app: &App) -> String {
    app.notices()
        .iter()
        .rev()
        .find(|n| n.kind == NoticeKind::Error)
        .map(|n| n.text.clone())
        .unwrap_or_default()
}

#[test]
fn open_data_fits_on_the_file_and_says_the_truth_is_unknown() {
    let dir = tempfile::tempdir().expect("dir");
    let csv = write(dir.path(), "wave.csv", &sine_csv());
    let mut h = harness();
    assert_eq!(h.state().lab(), LabKind::BiasVariance);
    step_until(&mut h, "the first sweep", idle);
    let seed = h.state().labs.bias_variance.experiment.config.seed;
    open_data(&mut h, &csv);
    step_until(&mut h, "the file fitted", |app| {
        idle(app) && app.labs.bias_variance.data_picture.is_some()
    });
    let bv = &h.state().labs.bias_variance;
    assert!(bv.on_own_data());
    let data = bv.experiment.data.as_ref().expect("own data");
    assert_eq!(data.sizes(), (28, 12));
    assert_eq!(bv.experiment.config.n_train, 28);
    assert_eq!(bv.experiment.config.seed, seed);
    let picture = bv.data_picture.as_ref().expect("picture");
    assert_eq!((picture.train.len(), picture.test.len()), (28, 12));
    assert_eq!(
        picture.estimates.len(),
        bv.experiment.config.complexities.len()
    );
    // The sentence that says what can and cannot be estimated, and the three curves.
    h.get_by_label_contains("The truth is unknown, so bias² and noise cannot be separated");
    h.get_by_label("held-out test MSE");
    h.get_by_label("variance across resamples");
    h.get_by_label("bias² + noise (together)");
    h.get_by_label("training rows (28)");
    h.get_by_label("held-out points (12)");
    h.get_by_label("x = x, y = y: 28 training rows, 12 held out (30 %)");
    // The truth's controls are gone; B is there.
    assert!(h.query_by_label("Noise").is_none());
    h.get_by_role_and_label(egui::accesskit::Role::Slider, "Bootstrap resamples B");
    // The data export writes the estimates.
    let out = dir.path().join("estimates.csv");
    h.state()
        .labs
        .bias_variance
        .write_data(&out)
        .expect("export");
    let text = std::fs::read_to_string(&out).expect("csv");
    assert!(
        text.starts_with("complexity,test_mse,test_mse_se,variance"),
        "{text}"
    );
    // Saved and loaded back, the preset is the same experiment.
    let toml = h.state().labs.bias_variance.to_toml();
    let saved = write(dir.path(), "saved.toml", &toml);
    let Ok(Preset::Regression(back)) = preset::load(&saved.display().to_string(), &[]) else {
        panic!("the saved preset loads:\n{toml}");
    };
    assert_eq!(back, h.state().labs.bias_variance.experiment);
}

#[test]
fn a_file_that_is_not_1d_regression_keeps_the_experiment_and_says_why() {
    let dir = tempfile::tempdir().expect("dir");
    let wide = write(
        dir.path(),
        "wide.csv",
        "x,y,z\n1,2,3\n2,3,4\n3,4,5\n4,5,6\n",
    );
    let bad = write(dir.path(), "bad.csv", "x,y\n1,2\n2,3\n3,x3\n4,5\n");
    let mut h = harness();
    step_until(&mut h, "the first sweep", idle);
    let before = h.state().labs.bias_variance.experiment.clone();
    open_data(&mut h, &wide);
    step_until(&mut h, "the file read", |app| {
        !app.labs.bias_variance.data_job.busy()
    });
    let notice = error_notice(h.state());
    assert!(
        notice.contains("wide.csv") && notice.contains("more than one feature"),
        "{notice}"
    );
    assert_eq!(h.state().labs.bias_variance.experiment, before);
    open_data(&mut h, &bad);
    step_until(&mut h, "the file read", |app| {
        !app.labs.bias_variance.data_job.busy()
    });
    let notice = error_notice(h.state());
    assert!(
        notice.contains("bad.csv, line 4, column \"y\": \"x3\" is not a number"),
        "{notice}"
    );
    assert_eq!(h.state().labs.bias_variance.experiment, before);
    assert!(!h.state().labs.bias_variance.on_own_data());
}

#[test]
fn a_csv_dropped_on_the_lab_is_fitted() {
    let dir = tempfile::tempdir().expect("dir");
    let csv = write(dir.path(), "wave.csv", &sine_csv());
    let mut h = harness();
    step_until(&mut h, "the first sweep", idle);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(csv)));
    h.step();
    step_until(&mut h, "the dropped file fitted", |app| {
        idle(app) && app.labs.bias_variance.data_picture.is_some()
    });
    assert_eq!(h.state().labs.bias_variance.preset_name(), "wave");
}
