//! The bias–variance core against the facts it must show (issue 5, "Tests"): the
//! decomposition identity within its sampling error, the polynomial U-curve, the σ²(d+1)/n
//! law, k-NN interpolation, bagging and boosting, the double-descent peak at p = n and its
//! flattening by ridge, bootstrap and k-fold bookkeeping, and determinism.
//!
//! Repeat counts are small to keep the file fast in a debug build; every tolerance below
//! says where it comes from.

use basin::core::biasvar::data::{
    self, bootstrap_indices, complement, kfold_splits, out_of_bag_share, stream_rng, streams,
};
use basin::core::biasvar::models;
use basin::core::biasvar::{
    BiasVarianceConfig, Decomposition, Evaluation, Family, FeatureKind, Inputs, Resampling,
    decompose, decompose_all,
};

/// The sin 2πx problem of the brief: n = 30, σ = 0.3, polynomials, bagging off by default.
fn sin_config() -> BiasVarianceConfig {
    BiasVarianceConfig {
        repeats: 60,
        bag_sets: 1,
        bag_size: 1,
        seed: 11,
        ..BiasVarianceConfig::default()
    }
}

fn at(ds: &[Decomposition], complexity: usize) -> &Decomposition {
    ds.iter()
        .find(|d| d.complexity == complexity)
        .expect("complexity in the sweep")
}

/// bias² + variance + noise equals the expected test MSE up to the noise sampling error.
///
/// bias² + variance is exactly `mean_{x,r} (h_r(x) − f(x))²` (unbiased estimates), so the
/// difference to the expected test MSE is `(mean ε² − σ²) − 2·mean((h − f)·ε)` over the
/// M·R independent test-noise draws ε ~ N(0, σ²), which are independent of the fits. Its
/// variance is `(2σ⁴ + 4σ²·(bias² + variance)) / (M·R)`; we allow 4 standard errors
/// (a false alarm once in ~16 000 per check).
#[test]
fn identity_holds_within_its_sampling_error() {
    let families = [
        (Family::Polynomial, vec![1, 3, 10]),
        (Family::Knn, vec![1, 5]),
        (Family::Tree, vec![2, 8]),
        (Family::BOOSTING, vec![20]),
    ];
    for (family, complexities) in families {
        let config = BiasVarianceConfig {
            family,
            complexities,
            repeats: 40,
            ..sin_config()
        };
        for d in decompose_all(&config) {
            let sigma2 = d.noise;
            let cells = (config.test_points * config.repeats) as f64;
            let se =
                ((2.0 * sigma2 * sigma2 + 4.0 * sigma2 * (d.bias2 + d.variance)) / cells).sqrt();
            let gap = d.bias2 + d.variance + d.noise - d.expected_test_mse;
            assert!(
                gap.abs() < 4.0 * se,
                "{} {}: bias² {} + variance {} + noise {} vs test {} (gap {gap}, se {se})",
                family.name(),
                d.complexity,
                d.bias2,
                d.variance,
                d.noise,
                d.expected_test_mse
            );
        }
    }
}

/// The U-curve on sin 2πx (n = 30, σ = 0.3): test MSE at degree 3–5 below degree 0 and
/// degree 15; bias² falls and variance rises with the degree. (Observed with seed 11,
/// R = 100: test MSE 0.605 at degree 0, 0.116 at 3, 535 at 15; the high degrees explode
/// where a training set has no points near x = 0 or 1.)
#[test]
fn polynomial_test_error_is_u_shaped() {
    let config = BiasVarianceConfig {
        complexities: vec![0, 1, 3, 4, 5, 8, 12, 15],
        repeats: 100,
        ..sin_config()
    };
    let ds = decompose_all(&config);
    for mid in [3, 4, 5] {
        let m = at(&ds, mid).expected_test_mse;
        assert!(m < at(&ds, 0).expected_test_mse, "degree {mid} vs 0");
        assert!(m < at(&ds, 15).expected_test_mse, "degree {mid} vs 15");
    }
    // bias² is large (≈ mean sin² = 0.5) for a constant and falls to the noise floor of the
    // R-fit average once the degree can follow one period.
    for pair in [0, 1, 3, 5].windows(2) {
        assert!(
            at(&ds, pair[1]).bias2 < at(&ds, pair[0]).bias2,
            "bias² at degree {} not below degree {}",
            pair[1],
            pair[0]
        );
    }
    // Variance rises from the cubic on. (Below it, it need not: with random inputs a line
    // or a parabola through one period of a sine swings with where the points fell, so
    // degree 1 and 2 have more variance than degree 3.)
    for pair in [3, 5, 8, 12, 15].windows(2) {
        assert!(
            at(&ds, pair[1]).variance > at(&ds, pair[0]).variance,
            "variance at degree {} not above degree {}",
            pair[1],
            pair[0]
        );
    }
    // Training error only falls with the degree (nested least squares on the same sets).
    for pair in ds.windows(2) {
        assert!(pair[1].train_mse <= pair[0].train_mse + 1e-12);
    }
    // The optimum is strictly inside the range.
    let best = ds
        .iter()
        .min_by(|a, b| a.expected_test_mse.total_cmp(&b.expected_test_mse))
        .expect("non-empty sweep");
    assert!(
        (3..=8).contains(&best.complexity),
        "optimum at {}",
        best.complexity
    );
    assert!(
        ds.iter()
            .all(|d| d.expected_test_mse.is_finite() && d.fallback_fits == 0)
    );
}

/// Least squares with d + 1 parameters on fixed inputs and fresh noise: the variance of the
/// fits at the training inputs, averaged over them, is σ²·tr(H)/n = σ²(d + 1)/n.
///
/// The sample variance over R fits (divisor R − 1) is unbiased for it; the estimate is
/// `tr(S)/((R − 1)n)` for a Wishart S of R − 1 degrees of freedom and covariance σ²H (H the
/// rank-(d+1) hat matrix), so its relative standard error is `√(2/((R−1)(d+1)))`. We allow 4
/// of them.
#[test]
fn variance_at_fixed_inputs_follows_sigma2_p_over_n() {
    let repeats = 300;
    for degree in [1, 3, 6] {
        let config = BiasVarianceConfig {
            inputs: Inputs::Fixed,
            ridge: 0.0,
            complexities: vec![degree],
            repeats,
            ..sin_config()
        };
        config.validate().expect("valid config");
        let d = decompose(&config, degree);
        let p = (degree + 1) as f64;
        let n = config.n_train as f64;
        let r = repeats as f64;
        let expected = d.noise * p / n;
        let relative_se = (2.0 / ((r - 1.0) * p)).sqrt();
        let got = d.variance_at_inputs.expect("fixed inputs report it");
        assert!(
            (got / expected - 1.0).abs() < 4.0 * relative_se,
            "degree {degree}: {got} vs σ²(d+1)/n = {expected}"
        );

        // Evaluated at the training inputs, the decomposition's own variance is the same
        // number (the same fits at the same points), and the identity still holds there.
        let in_sample = decompose(
            &BiasVarianceConfig {
                evaluate_at: Evaluation::TrainingInputs,
                ..config.clone()
            },
            degree,
        );
        assert!((in_sample.variance - got).abs() < 1e-12 * got);
        assert_eq!(in_sample.beam.grid.len(), config.n_train);
        let se = ((2.0 * d.noise * d.noise
            + 4.0 * d.noise * (in_sample.bias2 + in_sample.variance))
            / (n * r))
            .sqrt();
        let gap =
            in_sample.bias2 + in_sample.variance + in_sample.noise - in_sample.expected_test_mse;
        assert!(
            gap.abs() < 4.0 * se,
            "in-sample identity gap {gap}, se {se}"
        );
    }
}

#[test]
fn one_nearest_neighbour_has_zero_training_error() {
    for resampling in [Resampling::Fresh, Resampling::Bootstrap] {
        let config = BiasVarianceConfig {
            family: Family::Knn,
            complexities: vec![1, 3],
            resampling,
            repeats: 10,
            ..sin_config()
        };
        let ds = decompose_all(&config);
        assert_eq!(ds[0].train_mse, 0.0, "{resampling:?}");
        assert!(ds[1].train_mse > 0.0, "{resampling:?}");
        assert_eq!(ds[0].axis_value, 1.0);
    }
}

/// Averaging B bootstrap trees lowers the variance of deep trees: the bagged ensemble's
/// test MSE is below the single tree's on the same training sets and test targets.
#[test]
fn bagging_beats_a_deep_tree() {
    let config = BiasVarianceConfig {
        family: Family::Tree,
        complexities: vec![30],
        repeats: 12,
        bag_sets: 12,
        bag_size: 25,
        ..sin_config()
    };
    let d = decompose(&config, 30);
    assert_eq!(
        d.train_mse, 0.0,
        "a fully grown tree interpolates 30 distinct points"
    );
    assert!(
        d.bagged_mse < 0.9 * d.single_mse_on_bag_sets,
        "bagged {} vs single {}",
        d.bagged_mse,
        d.single_mse_on_bag_sets
    );
}

/// Boosting: bias² and training error fall round by round (ν = 0.1, depth-2 trees).
#[test]
fn boosting_bias_falls_with_rounds() {
    let config = BiasVarianceConfig {
        family: Family::BOOSTING,
        complexities: vec![0, 5, 20, 60],
        repeats: 20,
        ..sin_config()
    };
    let ds = decompose_all(&config);
    for pair in ds.windows(2) {
        assert!(
            pair[1].bias2 < pair[0].bias2,
            "bias² at {} rounds not below {}",
            pair[1].complexity,
            pair[0].complexity
        );
        assert!(pair[1].train_mse < pair[0].train_mse);
    }
    // Round 0 is the mean: bias² ≈ mean sin² 2πx = ½.
    assert!((ds[0].bias2 - 0.5).abs() < 0.05, "{}", ds[0].bias2);
}

/// Double descent: min-norm random-feature least squares peaks at p = n (by decades), comes
/// back down past it, and a ridge flattens the peak.
///
/// The test error near p = n has heavy tails (one nearly singular design in R gives 10¹³),
/// so the mean's peak may land a step beyond n (the designs stay badly conditioned up to
/// p ≈ 40); the median's peak is at n itself. Observed (seeds 3, 8, 11; R = 10): median
/// 0.3–0.5 at p = 10, 2–6·10⁵ at p = 30, 2·10³–6·10⁴ at p = 40, 0.24–0.31 at p = 400.
#[test]
fn random_features_peak_at_the_interpolation_threshold() {
    let config = BiasVarianceConfig {
        family: Family::RANDOM_FEATURES,
        ridge: 0.0,
        complexities: vec![10, 20, 30, 40, 60, 400],
        repeats: 10,
        ..sin_config()
    };
    let ds = decompose_all(&config);
    let peak_by = |key: fn(&Decomposition) -> f64| {
        ds.iter()
            .max_by(|a, b| key(a).total_cmp(&key(b)))
            .expect("non-empty sweep")
    };
    let median_peak = peak_by(|d| d.median_test_mse);
    assert_eq!(
        median_peak.complexity, config.n_train,
        "median peak not at p = n"
    );
    let peak = peak_by(|d| d.expected_test_mse);
    assert!(
        [30, 40].contains(&peak.complexity),
        "mean peak at p = {}",
        peak.complexity
    );
    for side in [10, 400] {
        assert!(
            median_peak.median_test_mse > 100.0 * at(&ds, side).median_test_mse,
            "median peak {} vs p = {side}: {}",
            median_peak.median_test_mse,
            at(&ds, side).median_test_mse
        );
        assert!(peak.expected_test_mse > 100.0 * at(&ds, side).expected_test_mse);
    }
    assert!(at(&ds, 400).median_test_mse < at(&ds, 60).median_test_mse);
    let ridged = decompose(
        &BiasVarianceConfig {
            ridge: 1e-3,
            ..config.clone()
        },
        30,
    );
    assert!(
        ridged.expected_test_mse < 1e-3 * at(&ds, 30).expected_test_mse,
        "ridge {} vs none {}",
        ridged.expected_test_mse,
        at(&ds, 30).expected_test_mse
    );
    assert!(
        ridged.expected_test_mse < 2.0,
        "{}",
        ridged.expected_test_mse
    );
}

/// The MLP fits better as it widens (training error), and stays finite.
#[test]
fn wider_networks_fit_the_training_set_better() {
    let config = BiasVarianceConfig {
        family: Family::Mlp {
            steps: 300,
            learning_rate: 0.03,
        },
        complexities: vec![1, 16],
        repeats: 3,
        folds: 2,
        ..sin_config()
    };
    let ds = decompose_all(&config);
    assert!(
        ds[1].train_mse < ds[0].train_mse,
        "{} vs {}",
        ds[1].train_mse,
        ds[0].train_mse
    );
    assert!(
        ds.iter()
            .all(|d| d.expected_test_mse.is_finite() && d.fallback_fits == 0)
    );
}

/// Each point is left out of a bootstrap resample with probability (1 − 1/n)ⁿ → e⁻¹.
#[test]
fn out_of_bag_share_tends_to_one_over_e() {
    let n = 200_000;
    let mut rng = stream_rng(3, streams::RESAMPLE, 0);
    let share = out_of_bag_share(n, &bootstrap_indices(n, &mut rng));
    // Binomial-like spread √(e⁻¹(1 − e⁻¹)/n) ≈ 0.0011; allow 4 of them plus the
    // (1 − 1/n)ⁿ − e⁻¹ ≈ −1e-6 bias.
    assert!((share - libm::exp(-1.0_f64)).abs() < 0.0045, "{share}");

    // In the decomposition: n = 30, so the share is (29/30)^30 ≈ 0.362 on average; each
    // resample's share has sd ≈ 0.07 (simulated), so R = 100 gives sd ≈ 0.007; allow 0.03.
    let config = BiasVarianceConfig {
        resampling: Resampling::Bootstrap,
        repeats: 100,
        complexities: vec![3],
        ..sin_config()
    };
    let d = decompose(&config, 3);
    let expected = (29.0_f64 / 30.0).powi(30);
    let got = d.out_of_bag_share.expect("bootstrap reports it");
    assert!((got - expected).abs() < 0.03, "{got} vs {expected}");
}

/// k-fold splits partition 0..n into k nearly equal folds, for any n and k ≤ n.
#[test]
fn kfold_splits_partition_the_data() {
    for (n, k) in [(30, 5), (31, 5), (10, 10), (7, 2), (100, 3)] {
        let mut rng = stream_rng(5, streams::FOLDS, 0);
        let folds = kfold_splits(n, k, &mut rng);
        assert_eq!(folds.len(), k);
        let mut seen = vec![0; n];
        for fold in &folds {
            assert!(fold.len() == n / k || fold.len() == n / k + 1);
            for &i in fold {
                seen[i] += 1;
            }
            let rest = complement(n, fold);
            assert_eq!(rest.len() + fold.len(), n);
        }
        assert!(seen.iter().all(|&c| c == 1), "n {n}, k {k}: {seen:?}");
    }
}

/// Cross-validation of a well-specified model tracks its test error; of a badly
/// overfitting one, exceeds the training error by far.
#[test]
fn cross_validation_sees_overfitting() {
    let config = BiasVarianceConfig {
        complexities: vec![3, 15],
        repeats: 20,
        ..sin_config()
    };
    let ds = decompose_all(&config);
    let (good, bad) = (&ds[0], &ds[1]);
    assert!(
        good.cv_mse < bad.cv_mse,
        "{} vs {}",
        good.cv_mse,
        bad.cv_mse
    );
    assert!(bad.cv_mse > 2.0 * bad.train_mse);
    assert!(good.cv_mse_std >= 0.0 && good.cv_mse.is_finite());
}

/// Same config, same numbers to the bit; another seed, other numbers.
#[test]
fn decomposition_is_deterministic() {
    let config = BiasVarianceConfig {
        family: Family::RANDOM_FEATURES,
        complexities: vec![40],
        ridge: 1e-2,
        repeats: 6,
        bag_sets: 2,
        bag_size: 3,
        ..sin_config()
    };
    let a = decompose(&config, 40);
    let b = decompose(&config, 40);
    assert_eq!(a, b);
    let other = decompose(
        &BiasVarianceConfig {
            seed: config.seed + 1,
            ..config.clone()
        },
        40,
    );
    assert_ne!(
        a.expected_test_mse.to_bits(),
        other.expected_test_mse.to_bits()
    );
}

/// The beam has R fits on the M-point grid, its mean and std agree with them, and the
/// sample is training set 0.
#[test]
fn beam_matches_the_fits() {
    let config = BiasVarianceConfig {
        complexities: vec![4],
        repeats: 8,
        test_points: 50,
        ..sin_config()
    };
    let d = decompose(&config, 4);
    let beam = &d.beam;
    assert_eq!(beam.fits.len(), 8);
    assert!(beam.fits.iter().all(|f| f.len() == 50));
    assert_eq!(beam.sample, data::fresh_set(&config, 0));
    let j = 17;
    let column: Vec<f64> = beam.fits.iter().map(|f| f[j]).collect();
    let mean = models::mean(&column);
    let var = models::mean(
        &column
            .iter()
            .map(|v| (v - mean).powi(2))
            .collect::<Vec<_>>(),
    );
    assert!((beam.mean[j] - mean).abs() < 1e-12);
    assert!((beam.std[j] - var.sqrt()).abs() < 1e-12);
    // Refitting set 0 by hand reproduces the first curve.
    let mut model = models::new_model(config.family, 4, config.ridge, 0);
    model.fit(&beam.sample.x, &beam.sample.y);
    assert!((model.predict(beam.grid[j]) - beam.fits[0][j]).abs() < 1e-9);
}

#[test]
fn bad_configs_are_refused_with_their_key() {
    let cases = [
        (
            BiasVarianceConfig {
                ridge: 0.0,
                complexities: vec![30],
                ..sin_config()
            },
            "model.complexity",
        ),
        (
            BiasVarianceConfig {
                folds: 31,
                ..sin_config()
            },
            "resampling.folds",
        ),
        (
            BiasVarianceConfig {
                repeats: 0,
                ..sin_config()
            },
            "resampling.repeats",
        ),
        (
            BiasVarianceConfig {
                noise: -1.0,
                ..sin_config()
            },
            "problem.noise",
        ),
        (
            BiasVarianceConfig {
                family: Family::RandomFeatures {
                    kind: FeatureKind::Fourier,
                    scale: 0.0,
                },
                ..sin_config()
            },
            "model.scale",
        ),
    ];
    for (config, key) in cases {
        let err = config.validate().expect_err(key);
        assert_eq!(err.key, key, "{err}");
    }
}

/// The smallest allowed problems, noiseless data and both resampling modes give finite
/// numbers for every family (no panic, no NaN).
#[test]
fn extreme_settings_stay_finite() {
    let families = [
        (Family::Polynomial, vec![0, 1, 5]),
        (Family::Knn, vec![1, 2]),
        (
            Family::Mlp {
                steps: 20,
                learning_rate: 0.01,
            },
            vec![1, 3],
        ),
        (Family::Tree, vec![0, 30]),
        (Family::BOOSTING, vec![0, 3]),
        (Family::RANDOM_FEATURES, vec![1, 2, 50]),
    ];
    for (family, complexities) in families {
        for resampling in [Resampling::Fresh, Resampling::Bootstrap] {
            for (noise, inputs) in [(0.0, Inputs::Random), (1.0, Inputs::Fixed)] {
                let config = BiasVarianceConfig {
                    family,
                    complexities: complexities.clone(),
                    resampling,
                    noise,
                    inputs,
                    n_train: 2,
                    folds: 2,
                    repeats: 2,
                    test_points: 2,
                    bag_sets: 2,
                    bag_size: 2,
                    ..sin_config()
                };
                config.validate().expect("valid config");
                for d in decompose_all(&config) {
                    // The unbiased bias² may fall below 0 by sampling error (R = 2 here).
                    assert!(d.bias2.is_finite() && d.bias2_plugin >= 0.0);
                    let numbers = [
                        d.variance,
                        d.expected_test_mse,
                        d.median_test_mse,
                        d.train_mse,
                        d.cv_mse,
                        d.cv_mse_std,
                        d.bagged_mse,
                        d.single_mse_on_bag_sets,
                    ];
                    assert!(
                        numbers.iter().all(|v| v.is_finite() && *v >= 0.0),
                        "{} {resampling:?} σ = {noise}: {numbers:?}",
                        family.name()
                    );
                    assert!(d.beam.fits.iter().flatten().all(|v| v.is_finite()));
                }
            }
        }
    }
}
