#![cfg(feature = "gui")]
//! The Bias–Variance lab driven through its real widgets (egui_kittest, by their labels): the
//! complexity slider shows another complexity's fits without recomputing, "New sample" draws
//! new data, the lab tabs and the Preset menu switch labs, a setting the numerics refuse
//! becomes a notice and changes nothing. Sweeps run on real threads, so the tests step frames
//! with a short sleep until results arrive (bounded).

mod common;

use common::gui::{app_harness, step_until};

use basin::app::Lab as _;
use basin::app::labs::playground::fallback_experiment;
use basin::app::notices::NoticeKind;
use basin::app::{App, Startup};
use basin::core::biasvar::Family;
use basin::lab::LabKind;
use basin::preset::{self, Preset, RegressionExperiment};
use basin::render::biasvar::Curve;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The shipped `bias-variance` preset with fewer training sets (fast in a debug build).
fn small_bias_variance() -> RegressionExperiment {
    let overrides = vec![
        "resampling.repeats=20".to_string(),
        "resampling.bag_sets=2".to_string(),
    ];
    match preset::load("bias-variance", &overrides) {
        Ok(Preset::Regression(e)) => e,
        other => panic!("bias-variance: {other:?}"),
    }
}

fn harness(startup: Startup) -> Harness<'static, App> {
    app_harness(startup, egui::vec2(1440.0, 900.0))
}

fn lab_harness() -> Harness<'static, App> {
    harness(Startup {
        preset: Some((small_bias_variance()).into()),
        preset_name: Some("bias-variance".to_string()),
        ..Startup::default()
    })
}

fn swept(app: &App) -> bool {
    app.labs.bias_variance.picture.is_some() && !app.labs.bias_variance.busy()
}

#[test]
fn complexity_slider_shows_another_complexitys_fits_without_recomputing() {
    let mut h = lab_harness();
    assert_eq!(h.state().lab(), LabKind::BiasVariance);
    step_until(&mut h, "the first sweep", swept);
    assert_eq!(h.state().labs.bias_variance.experiment.complexity, 3);
    h.get_by_label("20 fits at degree 3");
    let generation = h.state().labs.bias_variance.picture_generation();

    // The slider runs over the list of complexities (degrees 0..=15): index 9 is degree 9.
    h.get_by_role_and_label(Role::Slider, "Complexity")
        .set_value_accesskit(9.0);
    h.step();
    h.step();
    let bv = &h.state().labs.bias_variance;
    assert_eq!(bv.experiment.complexity, 9);
    assert!(!bv.busy(), "moving the complexity must not start a sweep");
    assert_eq!(bv.picture_generation(), generation);
    // The fits plot now shows degree 9, whose beam is far wider than degree 3's.
    h.get_by_label("20 fits at degree 9");
    let picture = h
        .state()
        .labs
        .bias_variance
        .picture
        .as_ref()
        .expect("sweep");
    let spread = |degree: usize| picture.sweep[picture.index_of(degree)].variance;
    assert!(
        spread(9) > 10.0 * spread(3),
        "{} vs {}",
        spread(9),
        spread(3)
    );
    // Bands of ±2 standard errors; at high degree the bias² is not distinguishable from 0
    // (its band reaches 0), so it is drawn at the floor with a marker, not as a rise.
    h.get_by_label("bands: ±2 standard errors");
    h.get_by_label("not distinguishable from 0");
    let bias = Curve::ALL
        .iter()
        .position(|&c| c == Curve::Bias2)
        .expect("bias² is a curve");
    let at = |degree: usize| picture.curves[bias][picture.index_of(degree)].y;
    assert!(!picture.indistinct[bias].is_empty());
    assert_eq!(
        at(15),
        picture.y_range[0],
        "bias² at degree 15 sits on the floor"
    );
    assert!(
        at(3) > picture.y_range[0],
        "bias² at degree 3 is clear of 0"
    );
}

#[test]
fn new_sample_draws_new_training_sets() {
    let mut h = lab_harness();
    step_until(&mut h, "the first sweep", swept);
    let before = h.state().labs.bias_variance.picture.clone().expect("sweep");
    let seed = h.state().labs.bias_variance.experiment.config.seed;
    let generation = h.state().labs.bias_variance.picture_generation();
    h.get_by_label("New sample").click();
    h.step();
    assert_eq!(
        h.state().labs.bias_variance.experiment.config.seed,
        seed + 1
    );
    // The old picture stays while the new sweep runs.
    assert!(h.state().labs.bias_variance.picture.is_some());
    step_until(&mut h, "the new sweep", |app| {
        app.labs.bias_variance.picture_generation() > generation && !app.labs.bias_variance.busy()
    });
    let after = h
        .state()
        .labs
        .bias_variance
        .picture
        .as_ref()
        .expect("sweep");
    assert_eq!(after.config.seed, seed + 1);
    assert_ne!(
        after.sample, before.sample,
        "the training points must change"
    );
    assert_ne!(
        after.sweep[3].expected_test_mse, before.sweep[3].expected_test_mse,
        "new data, new numbers"
    );
    assert!(
        h.query_all_by_label(&format!("seed {}", seed + 1)).count() >= 1,
        "the new seed is shown"
    );
}

#[test]
fn lab_tabs_and_the_preset_menu_switch_labs() {
    let mut h = harness(Startup {
        preset: Some((fallback_experiment()).into()),
        preset_name: Some("test".to_string()),
        ..Startup::default()
    });
    assert_eq!(h.state().lab(), LabKind::Playground);
    h.step();
    h.get_by_label("Bias–Variance").click();
    h.step();
    assert_eq!(h.state().lab(), LabKind::BiasVariance);
    assert!(
        h.state().labs.bias_variance.busy() || h.state().labs.bias_variance.picture.is_some(),
        "switching to the lab starts its first sweep"
    );

    h.get_by_label("Preset").click();
    h.step();
    h.step();
    h.get_by_label("knn").click();
    h.step();
    assert_eq!(h.state().lab(), LabKind::BiasVariance);
    assert_eq!(
        h.state().labs.bias_variance.experiment.config.family,
        Family::Knn
    );
    assert_eq!(h.state().labs.bias_variance.preset_name, "knn");

    h.get_by_label("Preset").click();
    h.step();
    h.step();
    h.get_by_label("beale").click();
    h.step();
    assert_eq!(h.state().lab(), LabKind::Playground);
    h.get_by_label("Bias–Variance").click();
    h.step();
    assert_eq!(
        h.state().labs.bias_variance.experiment.config.family,
        Family::Knn,
        "the lab keeps its experiment while hidden"
    );
}

#[test]
fn a_refused_setting_is_a_notice_and_changes_nothing() {
    let mut h = lab_harness();
    step_until(&mut h, "the first sweep", swept);
    // Five points, then no ridge: degree 15 would need 16 points.
    h.get_by_role_and_label(Role::Slider, "Points per training set n")
        .set_value_accesskit(5.0);
    h.step();
    assert_eq!(h.state().labs.bias_variance.experiment.config.n_train, 5);
    assert!(h.state().labs.bias_variance.experiment.config.folds <= 5);
    let before = h.state().labs.bias_variance.experiment.clone();
    h.get_by_role_and_label(Role::Slider, "Ridge λ")
        .set_value_accesskit(0.0);
    h.step();
    assert_eq!(h.state().labs.bias_variance.experiment, before);
    let errors: Vec<String> = h
        .state()
        .notices()
        .iter()
        .filter(|n| n.kind == NoticeKind::Error)
        .map(|n| n.text.clone())
        .collect();
    assert!(
        errors.iter().any(|e| e.contains("model.complexity")),
        "{errors:?}"
    );
}

/// The dartboard: darts at x₀ and x₁ open a two-dimensional board beside the fits (its heading
/// names the grid points used), it follows the complexity, and "× Dartboard" closes it.
#[test]
fn the_dartboard_opens_follows_the_complexity_and_closes() {
    use basin::app::labs::bias_variance::dartboard::{DartPoints, Darts};
    let mut h = lab_harness();
    step_until(&mut h, "the first sweep", swept);
    h.get_by_label(
        "Click the fits to throw darts at that x (right-click: a second point, a 2-D board).",
    );
    h.state_mut().labs.bias_variance.darts = DartPoints {
        x0: Some(0.25),
        x1: Some(0.75),
    };
    h.step();
    h.step();
    let picture = h.state().labs.bias_variance.picture.clone().expect("sweep");
    let darts_at = |degree: usize| {
        Darts::gather(
            &picture.sweep[picture.index_of(degree)].beam,
            h.state().labs.bias_variance.darts,
        )
        .expect("points chosen")
    };
    let low = darts_at(1);
    h.get_by_label(&format!(
        "Darts at x₀ = {:.2}, x₁ = {:.2}",
        low.at[0], low.at[1]
    ));
    // Degree 1 misses both the peak and the trough (bias); degree 9 is centred but scattered.
    let high = darts_at(9);
    assert!(
        low.mean[0].abs() > 3.0 * high.mean[0].abs(),
        "{low:?} {high:?}"
    );
    assert!(
        high.std[0] + high.std[1] > low.std[0] + low.std[1],
        "{low:?} {high:?}"
    );
    h.get_by_label("× Dartboard").click();
    h.step();
    h.step();
    assert_eq!(h.state().labs.bias_variance.darts, DartPoints::default());
    assert!(h.query_by_label("× Dartboard").is_none());
}
