#![cfg(feature = "gui")]
//! The Sharp vs Flat lab driven through its real widgets (egui_kittest, by their labels):
//! both runs start from one initialization and are measured; moving the small batch retrains;
//! a sweep starts, shows progress and is cancelled, or runs to the end and can be exported;
//! a big sweep asks first. Jobs run on real threads, so the tests step frames with a short
//! sleep until results arrive (bounded).

mod common;

use common::gui::{app_harness, step_until};

use basin::app::labs::sharp_flat::SfView;
use basin::app::{App, Startup};
use basin::lab::LabKind;
use basin::preset::{self, NetworkExperiment, Preset};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// `sharp-vs-flat-net` made small (fast in a debug build).
fn small_problem() -> NetworkExperiment {
    let overrides: Vec<String> = [
        "problem.n_train=64",
        "problem.n_test=64",
        "problem.hidden=[6]",
        "training.steps=40",
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    match preset::load("sharp-vs-flat-net", &overrides) {
        Ok(Preset::Network(e)) => e,
        Ok(_) => panic!("sharp-vs-flat-net is a network preset"),
        Err(err) => panic!("sharp-vs-flat-net: {err}"),
    }
}

fn harness() -> Harness<'static, App> {
    let startup = Startup {
        preset: Some((small_problem()).into()),
        lab: Some(basin::lab::LabKind::SharpFlat),
        preset_name: Some("small-sharp-flat".to_string()),
        ..Startup::default()
    };
    app_harness(startup, egui::vec2(1440.0, 1800.0))
}

fn compared(app: &App) -> bool {
    let sf = &app.labs.sharp_flat;
    sf.comparison.is_some()
        && sf.compared_generation == sf.generation()
        && !sf.comparison_job.busy()
}

#[test]
fn both_runs_start_from_one_point_and_are_measured() {
    let mut h = harness();
    assert_eq!(h.state().lab(), LabKind::SharpFlat);
    step_until(&mut h, "the comparison", compared);
    let sf = &h.state().labs.sharp_flat;
    let c = sf.comparison.as_ref().expect("comparison");
    assert_eq!((c.runs[0].batch, c.runs[1].batch), (8, 64));
    // One initialization: both paths start at the same point of the plane.
    let (a, b) = (c.runs[0].path[0], c.runs[1].path[0]);
    assert!((a[0] - b[0]).abs() < 1e-9 && (a[1] - b[1]).abs() < 1e-9);
    // The plane goes through both solutions: small at (0, 0), large at (1, 0).
    let end_small = c.runs[0].path.last().expect("path");
    let end_large = c.runs[1].path.last().expect("path");
    assert!(end_small[0].abs() < 1e-9 && end_small[1].abs() < 1e-9);
    assert!((end_large[0] - 1.0).abs() < 1e-9 && end_large[1].abs() < 1e-9);
    // The interpolation's endpoints are the two runs' losses.
    for (i, alpha) in [(0, 0.0), (1, 1.0)] {
        let report = c.runs[i].report.as_ref().expect("report");
        let sample = c
            .interpolation
            .iter()
            .find(|p| p.alpha == alpha)
            .expect("α on the grid");
        assert!((sample.train_loss - report.loss).abs() <= 1e-12 * report.loss.max(1.0));
        assert!((sample.test_loss - report.test_loss).abs() <= 1e-12 * report.loss.max(1.0));
        assert!(report.lambda_max > 0.0 && report.eps_sharpness >= 0.0);
        assert!(!c.runs[i].lambda_curve.is_empty() && !c.runs[i].slice.is_empty());
    }
    assert!((c.stability_thresholds[0] - 2.0 / 0.2).abs() < 1e-9);
    assert_eq!(c.stability_thresholds[0], c.stability_thresholds[1]);
    step_until(&mut h, "the plane", |app| {
        app.labs.sharp_flat.picture.is_some() && !app.busy()
    });
    h.get_by_label("λ_max during training");
    h.get_by_label("From the small-batch to the large-batch solution");
    // The Hessian spectra arrived before the plane; the bottom-left panel shows them, with
    // each run's λ_max, and its top node sits at the reported λ_max (Lanczos finds the
    // extremes first).
    assert!(h.state().labs.sharp_flat.spectra_arrived);
    h.get_by_label("Hessian spectrum").click();
    h.step();
    h.step();
    assert!(h.state().labs.sharp_flat.spectrum_shown);
    let sf = &h.state().labs.sharp_flat;
    let c = sf.comparison.as_ref().expect("comparison");
    let lambda = |i: usize| c.runs[i].report.as_ref().expect("report").lambda_max;
    h.get_by_label(&format!(
        "λ_max: small batch {}, large batch {}",
        basin::core::fmt3(lambda(0)),
        basin::core::fmt3(lambda(1))
    ));
    for (i, spectrum) in sf.series.spectra.iter().enumerate() {
        let peak = spectrum.iter().map(|p| p.y).fold(f64::MIN, f64::max);
        let highest = spectrum
            .iter()
            .filter(|p| p.y > peak - 3.0)
            .map(|p| p.x)
            .fold(f64::MIN, f64::max);
        assert!(
            (highest - lambda(i)).abs() < 0.1 * lambda(i),
            "run {i}: highest visible eigenvalue {highest} against λ_max {}",
            lambda(i)
        );
    }
}

#[test]
fn the_small_batch_slider_retrains() {
    let mut h = harness();
    step_until(&mut h, "the comparison", compared);
    let generation = h.state().labs.sharp_flat.compared_generation;
    // Stops: 1, 2, 4, 8, 16, 32, full (64): index 2 is B = 4.
    h.get_by_role_and_label(Role::Slider, "Small batch")
        .set_value_accesskit(2.0);
    h.step();
    assert_eq!(h.state().labs.sharp_flat.settings.small_batch, 4);
    step_until(&mut h, "the new comparison", |app| {
        app.labs.sharp_flat.compared_generation > generation && compared(app)
    });
    let c = h
        .state()
        .labs
        .sharp_flat
        .comparison
        .as_ref()
        .expect("comparison");
    assert_eq!(c.runs[0].batch, 4);
}

#[test]
fn a_sweep_starts_shows_progress_and_is_cancelled() {
    let mut h = harness();
    step_until(&mut h, "the comparison", compared);
    h.get_by_label("Sweep").click();
    h.step();
    assert_eq!(h.state().labs.sharp_flat.view, SfView::Sweep);
    // Enough cells that the sweep is still running when Cancel is pressed.
    h.state_mut().labs.sharp_flat.settings.sweep.seeds = (1..=12).collect();
    h.state_mut().labs.sharp_flat.settings.sweep.budget = basin::core::sweep::Budget::Steps(3000);
    h.step();
    h.get_by_label_contains("Run sweep").click();
    h.step();
    assert!(
        h.state().labs.sharp_flat.sweep_job.busy(),
        "the sweep started"
    );
    let total = h.state().labs.sharp_flat.sweep_progress.1;
    assert_eq!(total, h.state().labs.sharp_flat.settings.sweep.len());
    h.step();
    // The progress shows in the panel, the status line and the central area.
    assert!(h.query_all_by_label_contains("cells").count() >= 2);
    h.get_by_label("Cancel sweep").click();
    h.step();
    assert!(!h.state().labs.sharp_flat.sweep_job.busy(), "cancelled");
    assert!(
        h.state().labs.sharp_flat.sweep.is_none(),
        "nothing of it is kept"
    );
    h.step();
    h.get_by_label_contains("Run sweep");
}

#[test]
fn a_small_sweep_finishes_and_a_big_one_asks_first() {
    let mut h = harness();
    step_until(&mut h, "the comparison", compared);
    h.get_by_label("Sweep").click();
    // One frame applies the switch, the next lays the panel out for the Sweep view.
    h.step();
    h.step();
    h.get_by_label_contains("Run sweep").click();
    h.step();
    step_until(&mut h, "the sweep", |app| {
        app.labs.sharp_flat.sweep.is_some() && !app.labs.sharp_flat.sweep_job.busy()
    });
    let sweep = h.state().labs.sharp_flat.sweep.as_ref().expect("sweep");
    // Batch sizes 4, 8, 16, 32 and full × 6 learning rates × 1 seed.
    assert_eq!(sweep.cells.len(), 30);
    assert_eq!(sweep.by_batch.len(), 5);
    assert!(sweep.classification);
    h.get_by_label_contains("Sweep: final test accuracy");

    h.state_mut().labs.sharp_flat.settings.sweep.seeds = (1..=20).collect();
    h.step();
    h.get_by_label_contains("Run sweep (600 cells)").click();
    h.step();
    h.step();
    assert_eq!(h.state().labs.sharp_flat.confirm, Some(600));
    assert!(
        !h.state().labs.sharp_flat.sweep_job.busy(),
        "it waits for a yes"
    );
    h.step();
    h.step();
    h.get_by_label_contains("trains 600 networks");
    h.get_by_label("Not now").click();
    h.step();
    assert_eq!(h.state().labs.sharp_flat.confirm, None);
    assert!(!h.state().labs.sharp_flat.sweep_job.busy());
}

#[test]
fn ticking_a_small_batch_keeps_the_bn_axis_savable() {
    // batchnorm-batch-size: SGD batch 64, BN batches 2 … 64 swept.
    let experiment = match preset::load("batchnorm-batch-size", &[]) {
        Ok(Preset::Network(e)) => e,
        other => panic!("batchnorm-batch-size: {other:?}"),
    };
    let startup = Startup {
        preset: Some(experiment.into()),
        lab: Some(LabKind::SharpFlat),
        preset_name: Some("batchnorm-batch-size".to_string()),
        ..Startup::default()
    };
    let mut h = app_harness(startup, egui::vec2(1440.0, 1800.0));
    h.step();
    h.get_by_label("Sweep").click();
    h.step();
    h.step();
    assert_eq!(
        h.state().labs.sharp_flat.settings.sweep.bn_batch_sizes,
        [2, 4, 8, 16, 32, 64]
    );
    // Tick B = 8: the BN batches above 8 cannot split it.
    h.get_by_role_and_label(Role::CheckBox, "8").click();
    h.step();
    let sweep = &h.state().labs.sharp_flat.settings.sweep;
    assert_eq!(sweep.batch_sizes, [8, 64]);
    assert_eq!(sweep.bn_batch_sizes, [2, 4, 8]);
    // What "Save preset" would write reads back.
    let text = h.state().labs.sharp_flat.to_toml();
    match preset::parse(&text, "saved.toml", &[]) {
        Ok(Preset::Network(e)) => {
            let saved = e.sweep.expect("the sweep is saved");
            assert_eq!(saved.bn_batch_sizes, [2, 4, 8]);
        }
        other => panic!("the saved preset must read back: {other:?}"),
    }
}

#[test]
fn the_plane_picker_centres_a_hessian_plane_on_one_solution() {
    let mut h = harness();
    step_until(&mut h, "the comparison", compared);
    h.get_by_label("Plane").click();
    h.step();
    h.step();
    h.get_by_label("Hessian top-2 at the large-batch solution")
        .click();
    h.step();
    assert_eq!(
        h.state().labs.sharp_flat.settings.plane,
        basin::jobs::compare::SharedPlaneKind::HessianLarge
    );
    step_until(&mut h, "the Hessian plane", |app| {
        compared(app)
            && app
                .labs
                .sharp_flat
                .comparison
                .as_ref()
                .is_some_and(|c| c.plane.eigenvalues.is_some())
    });
    let sf = &h.state().labs.sharp_flat;
    let c = sf.comparison.as_ref().expect("comparison");
    let [l1, l2] = c.plane.eigenvalues.expect("eigenvalues");
    assert!(l1 >= l2 && l1 > 0.0, "{l1}, {l2}");
    // Centred on the large batch's solution; the range is ±√(2/λ₁).
    let end_large = c.runs[1].path.last().expect("path");
    assert!(end_large[0].abs() < 1e-9 && end_large[1].abs() < 1e-9);
    let unit = (2.0 / l1).sqrt();
    assert!((c.plane.x[1] - unit).abs() < 1e-12 * unit);
    assert!(sf.picture.is_some(), "the plane's landscape is drawn");
}
