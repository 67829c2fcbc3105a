#![cfg(feature = "gui")]
//! A person's own data in the Network lab's window (egui_kittest, driven by the widgets'
//! labels): "Open data…" with a typed path retrains on the file (its input and class counts),
//! a bad file leaves the experiment and says where it is wrong, a file dropped on the window
//! is read the same way, the data section shows the file's sizes, and data of more than two
//! features that are not a square image is drawn on its first two principal components with
//! the predicted classes.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::gui::{Dropped, app_harness, network_settled as settled, step_until};

use basin::app::Lab as _;
use basin::app::notices::NoticeKind;
use basin::app::{App, Startup};
use basin::core::network::data::{DatasetKind, Task};
use basin::preset::{self, NetworkExperiment, Preset};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A tall window, so the whole control panel is on screen.
const WINDOW: egui::Vec2 = egui::vec2(1440.0, 1800.0);

fn small(name: &str, extra: &[&str]) -> NetworkExperiment {
    let overrides: Vec<String> = [
        "problem.hidden=[8]",
        "training.steps=30",
        "view.resolution=11",
    ]
    .iter()
    .chain(extra)
    .map(ToString::to_string)
    .collect();
    match preset::load(name, &overrides) {
        Ok(Preset::Network(e)) => e,
        other => panic!("{name}: {other:?}"),
    }
}

fn harness_on(experiment: NetworkExperiment, name: &str) -> Harness<'static, App> {
    let startup = Startup {
        preset: Some(experiment.into()),
        preset_name: Some(name.to_string()),
        ..Startup::default()
    };
    app_harness(startup, WINDOW)
}

fn moons_harness() -> Harness<'static, App> {
    harness_on(
        small("moons", &["problem.n_train=64", "problem.n_test=64"]),
        "small-moons",
    )
}

/// 60 rows of 3 features in 3 classes, as CSV.
fn three_classes() -> String {
    let mut text = String::from("a,b,c,label\n");
    for i in 0..60 {
        let class = i % 3;
        #[allow(clippy::cast_precision_loss)]
        let (a, b, c) = (
            class as f64 + 0.01 * i as f64,
            (i * 7 % 11) as f64 * 0.1,
            0.5,
        );
        writeln!(text, "{a},{b},{c},{class}").expect("write");
    }
    text
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// Clicks "Open data…", types `path` and clicks "Use this data".
fn open_data(h: &mut Harness<'static, App>, path: &Path) {
    h.get_by_label("Open data…").click();
    // A new window takes a sizing frame before it is shown.
    h.run_steps(4);
    h.get_by_role(egui::accesskit::Role::TextInput).focus();
    h.step();
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text(&path.display().to_string());
    h.step();
    h.get_by_label("Use this data").click();
    h.step();
}

fn inputs_and_outputs(app: &App) -> (usize, usize) {
    let net = &app.labs.network;
    let arch = net
        .network
        .as_ref()
        .expect("trained")
        .mlp
        .architecture()
        .clone();
    (arch.inputs(), arch.outputs())
}

#[test]
fn open_data_retrains_on_the_file_and_shows_its_sizes() {
    let dir = tempfile::tempdir().expect("dir");
    let csv = write(dir.path(), "three.csv", &three_classes());
    let mut h = moons_harness();
    step_until(&mut h, "the moons trained", settled);
    assert_eq!(inputs_and_outputs(h.state()), (2, 1));
    let seed = h.state().labs.network.experiment.seed;
    open_data(&mut h, &csv);
    step_until(&mut h, "the file trained", |app| {
        settled(app) && app.labs.network.experiment.dataset.kind == DatasetKind::File
    });
    assert_eq!(inputs_and_outputs(h.state()), (3, 3));
    let e = &h.state().labs.network.experiment;
    assert_eq!(e.dataset.task(), Task::Multiclass { classes: 3 });
    assert_eq!((e.dataset.n_train, e.dataset.n_test), (42, 18));
    assert_eq!(e.seed, seed);
    // The dialog closed; the data section names the file and its sizes instead of sliders.
    assert!(h.state().windows.file_dialog.is_none());
    h.get_by_label("File: three.csv");
    h.get_by_label("42 training / 18 test rows, 3 features, 3 classes");
    assert!(h.query_by_label("Training points").is_none());
    // The picker shows "file"; "Standardized" rescales the features and retrains.
    assert_eq!(h.get_by_label("Dataset").value().as_deref(), Some("file"));
    let generation = h.state().labs.network.generation();
    h.get_by_label("Standardized").click();
    h.step();
    step_until(&mut h, "the standardized file trained", |app| {
        settled(app) && app.labs.network.generation() > generation
    });
    let e = &h.state().labs.network.experiment;
    assert!(e.dataset.file.as_ref().is_some_and(|f| f.standardize));
    // Saved, the preset names the file by its absolute path and loads back the same.
    let text = h.state().labs.network.to_toml();
    let absolute = std::path::absolute(&csv).expect("absolute");
    assert!(
        text.contains(&format!("train = \"{}\"", absolute.display())),
        "{text}"
    );
    let saved = write(dir.path(), "saved.toml", &text);
    let Ok(Preset::Network(back)) = preset::load(&saved.display().to_string(), &[]) else {
        panic!("the saved preset loads");
    };
    assert_eq!(&back, e);
}

#[test]
fn a_bad_file_keeps_the_experiment_and_says_where() {
    let dir = tempfile::tempdir().expect("dir");
    let bad = write(dir.path(), "bad.csv", "h,w,label\n1.7,68,0\n1.6,55;5,1\n");
    let mut h = moons_harness();
    step_until(&mut h, "the moons trained", settled);
    let before = h.state().labs.network.experiment.clone();
    let generation = h.state().labs.network.generation();
    open_data(&mut h, &bad);
    step_until(&mut h, "the file read", |app| {
        !app.labs.network.data_job.busy()
    });
    let notice = h
        .state()
        .notices()
        .iter()
        .find(|n| n.kind == NoticeKind::Error)
        .map(|n| n.text.clone())
        .expect("an error notice");
    assert!(notice.contains("bad.csv"), "{notice}");
    assert!(notice.contains("line 3"), "{notice}");
    assert!(notice.contains("column \"w\""), "{notice}");
    let net = &h.state().labs.network;
    assert_eq!(net.experiment, before);
    assert_eq!(net.generation(), generation);
    assert_eq!(inputs_and_outputs(h.state()), (2, 1));
    // A missing file too.
    open_data(&mut h, &dir.path().join("missing.csv"));
    step_until(&mut h, "the file read", |app| {
        !app.labs.network.data_job.busy()
    });
    assert!(
        h.state()
            .notices()
            .iter()
            .any(|n| n.kind == NoticeKind::Error && n.text.contains("missing.csv")),
        "{:?}",
        h.state().notices()
    );
    assert_eq!(h.state().labs.network.experiment, before);
}

#[test]
fn a_data_file_dropped_on_the_window_is_trained_on() {
    let dir = tempfile::tempdir().expect("dir");
    let csv = write(dir.path(), "three.csv", &three_classes());
    let mut h = moons_harness();
    step_until(&mut h, "the moons trained", settled);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(csv)));
    h.step();
    step_until(&mut h, "the dropped file trained", |app| {
        settled(app) && app.labs.network.experiment.dataset.kind == DatasetKind::File
    });
    assert_eq!(inputs_and_outputs(h.state()), (3, 3));
}

#[test]
fn iris_is_drawn_on_its_principal_components_not_as_a_gallery() {
    let mut h = harness_on(small("iris", &[]), "small-iris");
    step_until(&mut h, "iris trained", settled);
    let net = &h.state().labs.network;
    assert!(net.gallery.is_none());
    assert!(net.data.principal && !net.data.regression);
    assert_eq!(net.data.test_order.len(), 45);
    assert_eq!(net.data.test.iter().map(Vec::len).sum::<usize>(), 45);
    // At the end of the training every test flower is ringed by its predicted class.
    h.state_mut().labs.network.playback.show_end(30.0);
    step_until(&mut h, "the predictions at step 30", |app| {
        app.labs
            .network
            .boundary
            .as_ref()
            .is_some_and(|b| b.step == 30)
    });
    let b = h.state().labs.network.boundary.as_ref().expect("boundary");
    assert!(
        b.texture.is_none(),
        "no decision boundary on principal components"
    );
    assert_eq!(b.rings.len(), 3);
    assert_eq!(b.rings.iter().map(Vec::len).sum::<usize>(), 45);
    h.get_by_label("Test points on the first two principal components");
    h.get_by_label("File: iris.csv");
    h.get_by_label("105 training / 45 test rows, 4 features, 3 classes");
}
