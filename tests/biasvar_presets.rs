//! The bias–variance presets of `presets/regression/` (issue 5): every one loads, validates
//! and round-trips; the numbers behind their descriptions hold (the `bias-variance` U-curve
//! with its minimum strictly inside, the `double-descent` peak at p = n, the σ²(d+1)/n law of
//! `fixed-design`, bagging, boosting, k-NN, cross-validation); bad input names its key; the
//! sweep is the same on 1 and 2 threads.
//!
//! The shipped presets run as they are (their CSV is what gets checked), except where a
//! sub-list of complexities keeps a test fast: each complexity's numbers are a pure function
//! of (config, complexity, repeat), so a sub-list gives the same rows as the full list.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use basin::core::biasvar::{Decomposition, Family};
use basin::jobs::tasks;
use basin::preset::{self, Preset, PresetError, RegressionExperiment};

fn regression_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/regression")
}

fn load(source: &str, overrides: &[&str]) -> RegressionExperiment {
    let overrides: Vec<String> = overrides.iter().map(ToString::to_string).collect();
    match preset::load(source, &overrides) {
        Ok(Preset::Regression(e)) => e,
        Ok(other) => panic!("{source} is a {} preset", other.kind()),
        Err(err) => panic!("{source} {overrides:?}: {err}"),
    }
}

fn load_err(source: &str, overrides: &[&str]) -> PresetError {
    let overrides: Vec<String> = overrides.iter().map(ToString::to_string).collect();
    match preset::load(source, &overrides) {
        Ok(_) => panic!("{source} {overrides:?} should not load"),
        Err(err) => err,
    }
}

fn sweep(e: &RegressionExperiment) -> Vec<Decomposition> {
    e.config.validate().expect("validated");
    tasks::bias_variance(&e.config, &AtomicBool::new(false), &|_, _| {}).expect("not cancelled")
}

fn at(ds: &[Decomposition], complexity: usize) -> &Decomposition {
    ds.iter()
        .find(|d| d.complexity == complexity)
        .expect("complexity in the sweep")
}

fn argmin(ds: &[Decomposition], key: fn(&Decomposition) -> f64) -> &Decomposition {
    ds.iter()
        .min_by(|a, b| key(a).total_cmp(&key(b)))
        .expect("non-empty sweep")
}

/// bias² + variance + noise against the expected test MSE, within 4 standard errors of the
/// test-noise sampling error `√((2σ⁴ + 4σ²(bias² + variance)) / (M·R))` (the derivation is
/// in `core::biasvar::decompose` and tests/biasvar.rs).
fn assert_identity(name: &str, e: &RegressionExperiment, ds: &[Decomposition]) {
    let c = &e.config;
    for d in ds {
        let points = d.beam.grid.len() as f64;
        let cells = points * c.repeats as f64;
        let s2 = d.noise;
        let se = ((2.0 * s2 * s2 + 4.0 * s2 * (d.bias2 + d.variance)) / cells).sqrt();
        let gap = d.bias2 + d.variance + d.noise - d.expected_test_mse;
        assert!(
            gap.abs() < 4.0 * se,
            "{name} at {}: bias² {} + variance {} + noise {} vs {} (gap {gap}, se {se})",
            d.complexity,
            d.bias2,
            d.variance,
            d.noise,
            d.expected_test_mse
        );
    }
}

#[test]
fn every_file_is_a_builtin_loads_and_round_trips() {
    let mut files: Vec<String> = std::fs::read_dir(regression_dir())
        .expect("presets/regression/")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    files.sort();
    let mut builtins: Vec<String> = preset::REGRESSION_BUILTINS
        .iter()
        .map(|b| b.name.to_string())
        .collect();
    builtins.sort();
    assert_eq!(files, builtins);
    for name in [
        "bias-variance",
        "knn",
        "bagging",
        "boosting",
        "double-descent",
        "cross-validation",
    ] {
        assert!(builtins.iter().any(|b| b == name), "{name} is shipped");
    }
    for b in preset::REGRESSION_BUILTINS {
        let path = regression_dir().join(format!("{}.toml", b.name));
        assert_eq!(
            std::fs::read_to_string(&path).expect("file"),
            b.text,
            "{} is compiled in as it is on disk",
            b.name
        );
        let by_name = load(b.name, &[]);
        let by_path = load(&path.display().to_string(), &[]);
        assert_eq!(by_name, by_path, "{}", b.name);
        assert!(
            by_name.description.len() > 80,
            "{} needs a description a student understands",
            b.name
        );
        assert!(by_name.config.complexities.contains(&by_name.complexity));
        let text = preset::regression_to_toml(&by_name);
        match preset::parse(&text, "round trip", &[]) {
            Ok(Preset::Regression(back)) => {
                assert_eq!(back, by_name, "{}:\n{text}", b.name);
                assert_eq!(preset::regression_to_toml(&back), text, "{}", b.name);
            }
            other => panic!("{}: {other:?}\n{text}", b.name),
        }
        // The surface loader refuses it and says where it belongs.
        let err = preset::load_surface(b.name, &[]).expect_err("not a surface");
        assert_eq!(err.key(), Some("problem.kind"), "{err}");
        assert!(err.to_string().contains("basin biasvar"), "{err}");
    }
    // Surface presets still come back as such.
    assert!(matches!(
        preset::load("rosenbrock-race", &[]),
        Ok(Preset::Surface(_))
    ));
}

#[test]
fn bias_variance_preset_is_u_shaped_and_keeps_the_identity() {
    let e = load("bias-variance", &[]);
    assert_eq!(e.config.family, Family::Polynomial);
    let ds = sweep(&e);
    assert_eq!(ds.len(), e.config.complexities.len());
    let best = argmin(&ds, |d| d.expected_test_mse);
    let (first, last) = (&ds[0], &ds[ds.len() - 1]);
    assert!(
        best.complexity > first.complexity && best.complexity < last.complexity,
        "minimum at degree {} is not strictly inside",
        best.complexity
    );
    assert!(first.expected_test_mse > 3.0 * best.expected_test_mse);
    assert!(last.expected_test_mse > 3.0 * best.expected_test_mse);
    assert_identity("bias-variance", &e, &ds);
    // Under-fitting on the left is bias, over-fitting on the right is variance.
    assert!(first.bias2 > first.variance);
    assert!(last.variance > last.bias2);
    assert!(ds.iter().all(|d| d.fallback_fits == 0));
}

#[test]
fn double_descent_preset_peaks_at_p_equals_n_and_ridge_flattens_it() {
    let around = "model.complexities=[10, 20, 25, 28, 30, 32, 35, 40, 60]";
    let e = load("double-descent", &[around]);
    let n = e.config.n_train;
    let ds = sweep(&e);
    let peak = ds
        .iter()
        .max_by(|a, b| a.expected_test_mse.total_cmp(&b.expected_test_mse))
        .expect("non-empty");
    assert_eq!(peak.complexity, n, "peak not at p = n");
    assert!(peak.expected_test_mse > 1e3 * at(&ds, 10).expected_test_mse);
    assert!(peak.expected_test_mse > 10.0 * at(&ds, 32).expected_test_mse);
    assert!(peak.expected_test_mse > 10.0 * at(&ds, 28).expected_test_mse);
    assert_identity("double-descent", &e, &ds);
    let ridged = sweep(&load(
        "double-descent",
        &["model.complexities=[30]", "model.ridge=1e-3"],
    ));
    assert!(
        ridged[0].expected_test_mse < 1e-3 * peak.expected_test_mse,
        "ridge {} vs none {}",
        ridged[0].expected_test_mse,
        peak.expected_test_mse
    );
}

/// Past the peak the error falls again, below the classical minimum on the left (the point of
/// double descent). Slow in a debug build (hundreds of features), so only the two ends.
#[test]
fn double_descent_second_descent_beats_the_first_minimum() {
    let e = load("double-descent", &["model.complexities=[5, 7, 400]"]);
    let ds = sweep(&e);
    let classical = ds[0].expected_test_mse.min(ds[1].expected_test_mse);
    assert!(
        at(&ds, 400).expected_test_mse < classical,
        "p = 400: {} vs classical minimum {classical}",
        at(&ds, 400).expected_test_mse
    );
}

/// Fixed inputs, fresh noise, evaluated at the inputs: least squares with d + 1 coefficients
/// has variance σ²(d+1)/n (the sample variance over R fits is unbiased for it); relative
/// standard error √(2/((R−1)(d+1))), 4 of them allowed.
#[test]
fn fixed_design_preset_follows_sigma2_d_plus_1_over_n() {
    let e = load("fixed-design", &[]);
    let c = &e.config;
    let ds = sweep(&e);
    let r = c.repeats as f64;
    for d in &ds {
        let p = d.complexity as f64 + 1.0;
        let law = c.noise * c.noise * p / c.n_train as f64;
        let tolerance = 4.0 * (2.0 / ((r - 1.0) * p)).sqrt();
        assert!(
            (d.variance / law - 1.0).abs() < tolerance,
            "degree {}: variance {} vs σ²(d+1)/n {law}",
            d.complexity,
            d.variance
        );
    }
    assert_identity("fixed-design", &e, &ds);
    let best = argmin(&ds, |d| d.expected_test_mse);
    assert!(best.complexity > ds[0].complexity && best.complexity < ds[ds.len() - 1].complexity);
}

#[test]
fn knn_preset_trades_bias_for_variance() {
    let e = load("knn", &[]);
    let ds = sweep(&e);
    let one = at(&ds, 1);
    let widest = at(&ds, *e.config.complexities.last().expect("k list"));
    assert_eq!(one.train_mse, 0.0, "1-NN copies its training points");
    assert_eq!(one.axis_value, 1.0);
    assert!(one.variance > 3.0 * widest.variance);
    assert!(widest.bias2 > 10.0 * one.bias2);
    let best = argmin(&ds, |d| d.expected_test_mse);
    assert!(best.complexity > 1 && best.complexity < widest.complexity);
    assert_identity("knn", &e, &ds);
}

#[test]
fn bagging_preset_lowers_the_variance_of_deep_trees() {
    let e = load("bagging", &[]);
    let ds = sweep(&e);
    assert_identity("bagging", &e, &ds);
    for d in ds.iter().filter(|d| d.complexity >= 8) {
        assert!(
            d.bagged_mse < 0.85 * d.single_mse_on_bag_sets,
            "depth {}: bagged {} vs single {}",
            d.complexity,
            d.bagged_mse,
            d.single_mse_on_bag_sets
        );
    }
}

#[test]
fn boosting_preset_bias_and_training_error_fall_with_rounds() {
    let e = load("boosting", &[]);
    let ds = sweep(&e);
    for pair in ds.windows(2) {
        assert!(
            pair[1].train_mse < pair[0].train_mse,
            "training error at {} rounds",
            pair[1].complexity
        );
    }
    for pair in ds.windows(2).take_while(|p| p[1].complexity <= 50) {
        assert!(
            pair[1].bias2 < pair[0].bias2,
            "bias² at {}",
            pair[1].complexity
        );
    }
    let last = &ds[ds.len() - 1];
    assert!(
        last.variance > 2.0 * at(&ds, 10).variance,
        "variance rises late"
    );
    assert_identity("boosting", &e, &ds);
}

/// Cross-validation on one training set tracks the test error: the degree it picks is within
/// 50% of the best test MSE, and far above the training error where the fit overfits.
#[test]
fn cross_validation_preset_picks_a_good_degree() {
    let e = load("cross-validation", &[]);
    let ds = sweep(&e);
    let by_cv = argmin(&ds, |d| d.cv_mse);
    let best = argmin(&ds, |d| d.expected_test_mse);
    assert!(
        by_cv.expected_test_mse < 1.5 * best.expected_test_mse,
        "CV picks degree {} (test {}), best is {} (test {})",
        by_cv.complexity,
        by_cv.expected_test_mse,
        best.complexity,
        best.expected_test_mse
    );
    let last = &ds[ds.len() - 1];
    assert!(last.cv_mse > 10.0 * last.train_mse);
    assert!(at(&ds, 1).cv_mse > 5.0 * by_cv.cv_mse);
    assert_identity("cross-validation", &e, &ds);
}

/// The bad input: degree ≥ points without ridge, folds > n, R = 0, noise < 0 — each
/// names its key and the allowed range.
#[test]
fn bad_input_names_the_key_and_the_range() {
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["model.ridge=0", "model.complexity=[0, 30]"],
            "model.complexity",
            "ridge",
        ),
        (&["resampling.folds=31"], "resampling.folds", "2..=30"),
        (&["resampling.repeats=0"], "resampling.repeats", "allowed"),
        (&["problem.noise=-0.1"], "problem.noise", "allowed"),
        (&["model.family=spline"], "model.family", "polynomial"),
        (&["problem.truth=tan"], "problem.truth", "sin"),
        (
            &["resampling.mode=jackknife"],
            "resampling.mode",
            "bootstrap",
        ),
        (&["model.shrinkage=0.5"], "model.shrinkage", "boosting"),
    ];
    for (overrides, key, words) in cases {
        let err = load_err("bias-variance", overrides);
        assert_eq!(err.key(), Some(*key), "{overrides:?}: {err}");
        let text = err.to_string();
        assert!(
            text.contains(key) && text.contains(words) && text.contains("bias-variance"),
            "{overrides:?}: {text}"
        );
    }
    // An unknown key is a syntax error that names it.
    let err = load_err("bias-variance", &["model.degree=3"]);
    assert!(err.to_string().contains("degree"), "{err}");
}

#[test]
fn sweep_is_the_same_on_one_and_two_threads() {
    let e = load(
        "bias-variance",
        &["resampling.repeats=12", "resampling.bag_sets=2"],
    );
    let on = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool")
            .install(|| sweep(&e))
    };
    let (one, two) = (on(1), on(2));
    assert_eq!(one, two);
    assert_eq!(one, basin::core::biasvar::decompose_all(&e.config));
}
