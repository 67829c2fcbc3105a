#![cfg(feature = "gui")]
//! The Network lab driven through its real widgets (egui_kittest, by their labels): the
//! dataset picker retrains on new data, the plane picker recomputes the landscape from the
//! same trained runs, Play animates the runs and the decision boundary follows the playback;
//! the lab tab and the Preset menu reach the lab. The pipeline runs on real threads, so the
//! tests step frames with a short sleep until results arrive (bounded).

mod common;

use common::gui::{app_harness, network_settled as settled, step_until};

use basin::app::Lab as _;
use basin::app::labs::network::Stage;
use basin::app::{App, Startup};
use basin::core::network::data::DatasetKind;
use basin::lab::LabKind;
use basin::preset::{self, NetworkExperiment, PlaneKind, Preset};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The shipped `moons` preset made small (fast in a debug build).
fn small_moons() -> NetworkExperiment {
    let overrides: Vec<String> = [
        "problem.n_train=128",
        "problem.n_test=128",
        "problem.hidden=[8, 8]",
        "training.steps=60",
        "view.resolution=21",
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    match preset::load("moons", &overrides) {
        Ok(Preset::Network(e)) => e,
        Ok(_) => panic!("moons is a network preset"),
        Err(err) => panic!("moons: {err}"),
    }
}

/// A tall window, so the whole control panel and the whole Preset menu are on screen.
const WINDOW: egui::Vec2 = egui::vec2(1440.0, 1800.0);

fn harness() -> Harness<'static, App> {
    let startup = Startup {
        preset: Some((small_moons()).into()),
        preset_name: Some("small-moons".to_string()),
        ..Startup::default()
    };
    app_harness(startup, WINDOW)
}

#[test]
fn opens_on_the_network_lab_with_every_picture() {
    let mut h = harness();
    assert_eq!(h.state().lab(), LabKind::Network);
    step_until(&mut h, "the first results", settled);
    let net = &h.state().labs.network;
    assert_eq!(net.stage, Stage::Idle);
    let trained = net.trained.as_ref().expect("trained");
    assert_eq!(trained.last_step, 60);
    // Every run's path is on the plane, one point per recorded step.
    assert!(trained.paths.iter().all(|p| p.len() == 61));
    // Accuracy at checkpoints, train and test, for both runs.
    assert_eq!(net.accuracy.len(), 2);
    assert!(
        net.accuracy
            .iter()
            .all(|(a, b)| a.len() == 61 && b.len() == 61)
    );
    let picture = net.picture.as_ref().expect("landscape");
    assert_eq!(picture.grid.values.dim(), (21, 21));
    h.get_by_label("Data and decision boundary");
    h.get_by_label("Landscape: training loss on a plane");
    step_until(&mut h, "the boundary", |app| {
        app.labs.network.boundary.is_some()
    });
}

#[test]
fn dataset_picker_retrains_on_the_new_data() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    let before = h.state().labs.network.data.clone();
    let generation = h.state().labs.network.trained_generation;
    h.get_by_label("Dataset").click();
    h.step();
    h.step();
    h.get_by_label("circles").click();
    h.step();
    assert_eq!(
        h.state().labs.network.experiment.dataset.kind,
        DatasetKind::Circles
    );
    step_until(&mut h, "training on circles", |app| {
        app.labs.network.trained_generation > generation && settled(app)
    });
    let after = &h.state().labs.network.data;
    assert_ne!(after.train, before.train, "the points must be new");
    // Circles: class 1 is the inner circle (radius 0.5), class 0 the outer (radius 1).
    let mean_radius = |points: &[egui_plot::PlotPoint]| {
        points.iter().map(|p| libm::hypot(p.x, p.y)).sum::<f64>() / points.len() as f64
    };
    assert!(mean_radius(&after.train[1]) < mean_radius(&after.train[0]));
}

#[test]
fn the_dataset_picker_offers_the_digits_with_their_own_sizes() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    // 128 training points of the small moons: a valid digits split, kept.
    h.get_by_label("Dataset").click();
    h.step();
    h.step();
    h.get_by_label("digits").click();
    h.step();
    let d = &h.state().labs.network.experiment.dataset;
    assert_eq!(d.kind, DatasetKind::Digits);
    assert_eq!(d.n_train, 128);
    // The test set is the rest of the 1,797 images, said instead of a slider.
    h.step();
    h.get_by_label("Test images: the other 1669");
    // A training size beyond what the digits allow is clamped to their range.
    h.state_mut().labs.network.experiment.dataset.n_train = 4000;
    h.get_by_label("Dataset").click();
    h.step();
    h.step();
    h.get_by_label("moons").click();
    h.step();
    assert_eq!(h.state().labs.network.experiment.dataset.n_train, 4000);
    h.get_by_label("Dataset").click();
    h.step();
    h.step();
    h.get_by_label("digits").click();
    h.step();
    assert_eq!(h.state().labs.network.experiment.dataset.n_train, 1787);
}

#[test]
fn plane_picker_reuses_the_trained_runs() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    let trained_generation = h.state().labs.network.trained_generation;
    let picture_generation = h.state().labs.network.picture_generation;
    assert_eq!(
        h.state().labs.network.experiment.view.plane,
        PlaneKind::Random
    );
    h.get_by_label("Plane").click();
    h.step();
    h.step();
    h.get_by_label("PCA of the trajectories").click();
    h.step();
    assert_eq!(h.state().labs.network.experiment.view.plane, PlaneKind::Pca);
    step_until(&mut h, "the PCA landscape", |app| {
        app.labs.network.picture_generation > picture_generation && settled(app)
    });
    let net = &h.state().labs.network;
    assert_eq!(
        net.trained_generation, trained_generation,
        "a new plane must not retrain"
    );
    let plane = net.plane.as_ref().expect("plane");
    let ratio = plane
        .explained_variance_ratio
        .expect("PCA explains variance");
    assert!(ratio[0] >= ratio[1] && ratio[0] + ratio[1] <= 1.0 + 1e-9);
    // The PCA plane is centred on run 1's final weights: its path ends at the origin.
    let trained = net.trained.as_ref().expect("trained");
    let end = trained.paths[0].last().expect("path");
    assert!(end.x.abs() < 1e-9 && end.y.abs() < 1e-9);
    h.get_by_label_contains("Explained variance: PC1");
}

#[test]
fn play_animates_and_the_boundary_follows_the_playback() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    if h.state().labs.network.playback.playing {
        h.get_by_label("Pause").click();
        h.step();
    }
    h.get_by_label("Reset").click();
    h.step();
    assert_eq!(h.state().labs.network.cursor_step(), 0);
    step_until(&mut h, "the boundary at step 0", |app| {
        app.labs
            .network
            .boundary
            .as_ref()
            .is_some_and(|b| b.step == 0)
    });
    h.get_by_label("Play").click();
    step_until(&mut h, "the playback to move", |app| {
        app.labs.network.cursor_step() > 5
    });
    assert!(h.state().labs.network.playback.playing);
    step_until(&mut h, "the boundary to follow", |app| {
        app.labs
            .network
            .boundary
            .as_ref()
            .is_some_and(|b| b.step > 0)
    });
    // Step moves exactly one step and pauses.
    h.get_by_label("Pause").click();
    h.step();
    let at = h.state().labs.network.cursor_step();
    h.get_by_label("Step").click();
    h.step();
    assert_eq!(h.state().labs.network.cursor_step(), (at + 1).min(60));
    assert!(!h.state().labs.network.playback.playing);
    // The Playground's playback is its own.
    assert_eq!(h.state().lab(), LabKind::Network);
}

#[test]
fn the_tab_and_the_preset_menu_reach_the_lab() {
    let startup = Startup::default();
    let mut h = app_harness(startup, WINDOW);
    h.step();
    assert_eq!(h.state().lab(), LabKind::Playground);
    h.get_by_label("Network").click();
    h.step();
    assert_eq!(h.state().lab(), LabKind::Network);
    assert!(
        h.state().labs.network.busy() || h.state().labs.network.trained.is_some(),
        "opening the lab starts its pipeline"
    );
    h.get_by_label("Playground").click();
    h.step();
    h.get_by_label("Preset").click();
    h.step();
    h.step();
    h.get_by_label("underfit").click();
    h.step();
    assert_eq!(h.state().lab(), LabKind::Network);
    let e = &h.state().labs.network.experiment;
    assert!(e.hidden.is_empty(), "underfit is a linear model");
    assert_eq!(h.state().labs.network.preset_name, "underfit");
}

#[test]
fn on_a_projector_sized_window_the_accuracy_is_a_line_of_numbers() {
    let startup = Startup {
        preset: Some((small_moons()).into()),
        preset_name: Some("small-moons".to_string()),
        ..Startup::default()
    };
    let mut h = app_harness(startup, egui::vec2(1280.0, 720.0));
    step_until(&mut h, "the first results", settled);
    // At the end of the race (paused there)...
    h.state_mut().labs.network.playback.playing = false;
    h.state_mut().labs.network.playback.cursor_step = 60.0;
    h.step();
    h.step();
    // ...too little room for a readable accuracy plot: the numbers at the playback step.
    let net = &h.state().labs.network;
    let last = net.accuracy[0].0.last().expect("accuracy");
    assert_eq!(last.x, 60.0);
    let line = format!("Accuracy (step 60, run 1): train {:.1} %", last.y * 100.0);
    h.get_by_label_contains(&line);
    assert!(
        h.query_by_label("Accuracy: train (solid) and test (dashed)")
            .is_none()
    );
}

#[test]
fn the_plane_can_be_centred_on_the_playback_step() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    h.state_mut().labs.network.playback.playing = false;
    h.state_mut().labs.network.playback.cursor_step = 20.0;
    h.step();
    h.step();
    let trained_generation = h.state().labs.network.trained_generation;
    h.get_by_label("the playback step's weights").click();
    h.step();
    assert_eq!(
        h.state().labs.network.experiment.view.centre,
        basin::preset::PlaneCentre::Step(20)
    );
    step_until(&mut h, "the re-centred plane", |app| {
        settled(app) && app.labs.network.plane.is_some()
    });
    let net = &h.state().labs.network;
    assert_eq!(net.trained_generation, trained_generation, "no retraining");
    // Run 1 at step 20 sits at the centre of the new plane.
    let p = net.trained.as_ref().expect("trained").paths[0][20];
    assert!(p.x.abs() < 1e-9 && p.y.abs() < 1e-9, "{p:?}");
    h.get_by_label("(step 20)");
}

/// A small digits network with BatchNorm: the data picture becomes the gallery of test digits
/// with their predicted classes and the confusion matrix, which follow the playback.
#[test]
fn digits_show_a_gallery_and_a_confusion_matrix_that_follow_the_playback() {
    let text = "name = \"small digits\"\n[problem]\nkind = \"network\"\ndataset = \"digits\"\n\
                n_train = 300\nhidden = [16]\nactivation = \"relu\"\nbatchnorm = true\n\
                [training]\nsteps = 40\nbatch_size = 32\n\
                [[runs]]\noptimizer = \"sgd\"\nlr = 0.1\nmomentum = 0.9\n\
                [view]\nresolution = 11\n";
    let Ok(Preset::Network(experiment)) = preset::parse(text, "small-digits.toml", &[]) else {
        panic!("a digits network preset");
    };
    let startup = Startup {
        preset: Some(experiment.into()),
        preset_name: Some("small-digits".to_string()),
        ..Startup::default()
    };
    let mut h = app_harness(startup, WINDOW);
    step_until(&mut h, "the digits trained", settled);
    let (images, _) = h.state().labs.network.gallery.as_ref().expect("a gallery");
    assert_eq!((images.side, images.classes), (8, 10));
    // The end of the training: the gallery's prediction is that step's, over every test image.
    h.state_mut().labs.network.playback.show_end(40.0);
    step_until(&mut h, "the predictions at step 40", |app| {
        let net = &app.labs.network;
        net.boundary
            .as_ref()
            .is_some_and(|b| b.step == 40 && b.gallery.is_some())
    });
    let net = &h.state().labs.network;
    let prediction = net
        .boundary
        .as_ref()
        .and_then(|b| b.gallery.as_ref())
        .expect("predictions");
    let (right, all) = prediction.right_of_all();
    assert_eq!(all as usize, 1797 - 300);
    // 40 momentum steps on the digits are far better than chance (10 %).
    assert!(right * 2 > all, "{right} of {all} right");
    h.get_by_label("Test digits: the class the network predicts");
    h.get_by_label("Confusion matrix: true class (rows) × predicted (columns)");
}

#[test]
fn the_plane_picker_offers_the_hessian_plane_labelled_with_its_eigenvalues() {
    let mut h = harness();
    step_until(&mut h, "the first results", settled);
    let trained_generation = h.state().labs.network.trained_generation;
    let picture_generation = h.state().labs.network.picture_generation;
    h.get_by_label("Plane").click();
    h.step();
    h.step();
    h.get_by_label("Hessian top-2 eigenvectors").click();
    h.step();
    assert_eq!(
        h.state().labs.network.experiment.view.plane,
        PlaneKind::Hessian
    );
    step_until(&mut h, "the Hessian landscape", |app| {
        app.labs.network.picture_generation > picture_generation && settled(app)
    });
    let net = &h.state().labs.network;
    assert_eq!(net.trained_generation, trained_generation, "no retraining");
    let plane = net.plane.as_ref().expect("plane");
    let [l1, l2] = plane.projection.eigenvalues.expect("eigenvalues");
    assert!(l1 >= l2 && l1 > 0.0, "{l1}, {l2}");
    // The grid spans ±√(2/λ₁) in weight units (the preset's range ±1).
    let picture = net.picture.as_ref().expect("landscape");
    let unit = (2.0 / l1).sqrt();
    assert!((picture.grid.spec.x[1] - unit).abs() < 1e-12 * unit);
    // Centred on run 1's final weights: its path ends at the origin.
    let end = net.trained.as_ref().expect("trained").paths[0]
        .last()
        .expect("path");
    assert!(end.x.abs() < 1e-9 && end.y.abs() < 1e-9);
    h.get_by_label_contains("Hessian eigenvalues: λ₁ = ");
    // The centre choice applies to this plane too.
    h.get_by_label("initial weights");
}
