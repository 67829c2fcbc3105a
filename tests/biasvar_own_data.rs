//! The Bias–Variance lab on a person's own 1-D data (issue 14, item 4): the estimator checked
//! against a truth that is known (test MSE − variance is bias² + noise), the same numbers on
//! 1 and 4 threads, every bad input refused with the file, line and column, the shipped
//! `engel-food` preset, and `basin biasvar` on data files (exit 2 and no file on bad input).

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::sync::atomic::AtomicBool;

use basin::core::biasvar::observed::{self, HeldOut, Observations};
use basin::core::biasvar::{BiasVarianceConfig, Family};
use basin::jobs::tasks;
use basin::preset::{self, Preset, PresetError, RegressionExperiment};
use common::*;
use rand::RngExt as _;
use rand_distr::{Distribution as _, StandardNormal};

/// n points of y = sin 2πx + σz with x ~ U[0, 1], seeded.
fn sine_data(n: usize, sigma: f64, seed: u64) -> Observations {
    let mut rng = basin::core::rng::rng_for(seed, 1);
    let x: Vec<f64> = (0..n).map(|_| rng.random::<f64>()).collect();
    let y = x
        .iter()
        .map(|&x| {
            let z: f64 = StandardNormal.sample(&mut rng);
            truth(x) + sigma * z
        })
        .collect();
    Observations {
        source: "sine.csv".into(),
        x_column: "x".into(),
        y_column: "y".into(),
        x,
        y,
        test_fraction: 0.5,
    }
}

fn truth(x: f64) -> f64 {
    libm::sin(2.0 * std::f64::consts::PI * x)
}

fn config(complexities: Vec<usize>, repeats: usize, n_train: usize) -> BiasVarianceConfig {
    BiasVarianceConfig {
        complexities,
        repeats,
        n_train,
        folds: 2,
        resampling: basin::core::biasvar::Resampling::Bootstrap,
        seed: 5,
        ..BiasVarianceConfig::default()
    }
}

/// With the truth known, `bias² + noise` estimated from held-out points (test MSE −
/// variance) matches `mean_i (f(x_i) − h̄(x_i))² + σ²` computed with the truth, within its
/// standard error, at an under-fitting, a good and an over-fitting degree; and the bootstrap
/// variance is of the size of the variance over fresh training sets.
#[test]
fn test_mse_minus_variance_is_bias2_plus_noise_when_the_truth_is_known() {
    let sigma = 0.3;
    let data = sine_data(3000, sigma, 11);
    let held = HeldOut::split(&data, 5);
    assert_eq!((held.train.len(), held.test.len()), (1500, 1500));
    let config = config(vec![1, 5, 14], 30, held.train.len());
    config.validate().expect("valid");
    let estimates = observed::estimate_all(&config, &held);
    for e in &estimates {
        // The identity holds exactly, point by point.
        let sum = e.variance.value + e.bias2_noise.value;
        assert!(
            (e.test_mse.value - sum).abs() < 1e-12 * sum,
            "degree {}",
            e.complexity
        );
        let bias2 = held
            .test
            .x
            .iter()
            .zip(&e.mean_at_test)
            .map(|(&x, h)| (truth(x) - h).powi(2))
            .sum::<f64>()
            / held.test.len() as f64;
        let with_truth = bias2 + sigma * sigma;
        let gap = (e.bias2_noise.value - with_truth).abs();
        assert!(
            gap < 3.0 * e.bias2_noise.se,
            "degree {}: estimated {} ± {}, with the truth {with_truth}",
            e.complexity,
            e.bias2_noise.value,
            e.bias2_noise.se
        );
        assert!(gap < 0.1 * with_truth, "degree {}", e.complexity);
    }
    // Degree 1 under-fits sin 2πx: its bias² is far above the noise.
    assert!(estimates[0].bias2_noise.value > 2.0 * sigma * sigma);
    // Degree 5 fits it: bias² + noise is about the noise alone.
    assert!((estimates[1].bias2_noise.value - sigma * sigma).abs() < 0.02);
    // The bootstrap variance is of the size of the variance over fresh training sets of the
    // same size (the textbook decomposition, which needs the truth).
    let fresh = BiasVarianceConfig {
        n_train: 1500,
        noise: sigma,
        repeats: 30,
        bag_sets: 1,
        bag_size: 1,
        folds: 2,
        complexities: vec![5, 14],
        ..BiasVarianceConfig::default()
    };
    for (i, degree) in [(1, 5), (2, 14)] {
        let textbook = basin::core::biasvar::decompose(&fresh, degree).variance;
        let ratio = estimates[i].variance.value / textbook;
        assert!(
            (0.4..2.5).contains(&ratio),
            "degree {degree}: bootstrap {} vs fresh {textbook}",
            estimates[i].variance.value
        );
    }
    // The more complex fit varies more.
    assert!(estimates[2].variance.value > estimates[1].variance.value);
}

/// The parallel sweep is the plain loop, bit for bit, on 1 and on 4 threads.
#[test]
fn the_estimates_are_the_same_on_any_number_of_threads() {
    let data = sine_data(120, 0.3, 2);
    let held = HeldOut::split(&data, 9);
    for family in [Family::Polynomial, Family::Knn, Family::Tree, Family::MLP] {
        let complexities = match family {
            Family::Mlp { .. } => vec![2, 4],
            Family::Knn => vec![1, 5, 20],
            _ => vec![0, 3, 8],
        };
        let mut config = config(complexities, 6, held.train.len());
        config.family = family;
        if let Family::Mlp { .. } = family {
            config.family = Family::Mlp {
                steps: 50,
                learning_rate: 0.01,
            };
        }
        config.validate().expect("valid");
        let plain = observed::estimate_all(&config, &held);
        let never = AtomicBool::new(false);
        for threads in [1, 4] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool");
            let parallel = pool
                .install(|| tasks::bias_variance_observed(&config, &held, &never, &|_, _| {}))
                .expect("not cancelled");
            assert_eq!(parallel, plain, "{} on {threads} threads", family.name());
        }
    }
}

/// A preset on `data` (the file's text) with `problem` lines, read in a fresh folder.
fn load_with(data: Option<&[u8]>, problem: &str) -> Result<RegressionExperiment, PresetError> {
    let dir = tempfile::tempdir().expect("dir");
    if let Some(bytes) = data {
        std::fs::write(dir.path().join("d.csv"), bytes).expect("write");
    }
    let text = format!(
        "name = \"t\"\n[problem]\nkind = \"regression\"\ndataset = \"file\"\n\
         train = \"d.csv\"\n{problem}\n[model]\ncomplexity = [0, 3]\n[resampling]\nrepeats = 5\n"
    );
    match preset::parse_in(&text, "t.toml", &[], dir.path())? {
        Preset::Regression(e) => Ok(e),
        other => panic!("not a regression preset: {other:?}"),
    }
}

fn refused(data: Option<&[u8]>, problem: &str) -> String {
    let err = load_with(data, problem).expect_err("refused");
    assert_eq!(err.key(), Some("problem.train"), "{err}");
    err.to_string()
}

fn rows(n: usize) -> String {
    let mut text = String::from("x,y\n");
    for i in 0..n {
        writeln!(text, "{i},{}", i * i).expect("write");
    }
    text
}

#[test]
fn every_bad_input_is_refused_with_the_file_line_and_column() {
    let cases: [(&[u8], &str); 10] = [
        (b"", "d.csv: is empty"),
        (b"x,y\n", "d.csv: has a header but no rows"),
        (
            b"x,y\n1,2\n3,4,5\n",
            "d.csv, line 3: has 3 cells; the header has 2 columns",
        ),
        (
            b"x,y\n1,2\n3,4\nfour,5\n",
            "d.csv, line 4, column \"x\": \"four\" is not a number",
        ),
        (
            b"x,y\n1,2\n2,NaN\n",
            "d.csv, line 3, column \"y\": NaN is not a finite number",
        ),
        (
            b"x,y\n1,2\ninf,3\n",
            "d.csv, line 3, column \"x\": inf is not a finite number",
        ),
        (
            b"a,y\n1,2\n",
            "d.csv, line 1: no column named \"x\" for the input (the header has a, y)",
        ),
        (
            b"x,target\n1,2\n",
            "d.csv, line 1: no column named \"y\" for the target",
        ),
        (
            b"x,y,z\n1,2,3\n",
            "d.csv, line 1: has 3 columns (x, y, z), but the Bias–Variance lab fits one input",
        ),
        (
            &[
                0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0xff,
            ],
            "not a text CSV file",
        ),
    ];
    for (bytes, expected) in cases {
        let message = refused(Some(bytes), "");
        assert!(message.contains(expected), "{expected:?} in {message:?}");
        assert!(message.contains("problem.train"), "{message}");
    }
    // A missing file, and a folder where a file should be.
    let message = refused(None, "");
    assert!(
        message.contains("cannot read") && message.contains("d.csv"),
        "{message}"
    );
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir(dir.path().join("folder.csv")).expect("folder");
    let text = "name = \"t\"\n[problem]\nkind = \"regression\"\ndataset = \"file\"\n\
                train = \"folder.csv\"\n";
    let err = preset::parse_in(text, "t.toml", &[], dir.path()).expect_err("a folder");
    assert!(err.to_string().contains("folder.csv"), "{err}");
    // Too few rows to split.
    assert!(refused(Some(rows(3).as_bytes()), "").contains("has 3 rows; at least 4"));
    // More than 1 000 000 rows: refused on the line past the limit, before it is all read.
    let mut big = String::with_capacity(8_000_000);
    big.push_str("x,y\n");
    for _ in 0..=1_000_000 {
        big.push_str("1,2\n");
    }
    let message = refused(Some(big.as_bytes()), "");
    assert!(
        message.contains("line 1000002: has more than 1000000 rows"),
        "{message}"
    );
    // More training rows than the lab fits.
    let message = refused(Some(rows(8000).as_bytes()), "");
    assert!(message.contains("at most 5000 training rows"), "{message}");
}

#[test]
fn named_columns_pick_two_of_many_and_keys_apply_only_where_they_mean_something() {
    let text = b"income,noise,food\n1,9,2\n2,9,4\n3,9,5\n4,9,9\n5,9,8\n6,9,13\n";
    let e = load_with(Some(text), "x_column = \"income\"\ny_column = \"food\"").expect("named");
    let data = e.data.as_ref().expect("own data");
    assert_eq!(data.x, vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    assert_eq!(data.y, vec![2.0, 4.0, 5.0, 9.0, 8.0, 13.0]);
    assert_eq!(data.sizes(), (4, 2));
    assert_eq!(e.config.n_train, 4);
    let ok = rows(20);
    for (problem, key) in [
        ("truth = \"sin\"", "problem.truth"),
        ("noise = 0.1", "problem.noise"),
        ("n_train = 10", "problem.n_train"),
        ("test_fraction = 1.0", "problem.test_fraction"),
        ("test_fraction = 0", "problem.test_fraction"),
    ] {
        let err = load_with(Some(ok.as_bytes()), problem).expect_err(problem);
        assert_eq!(err.key(), Some(key), "{problem}: {err}");
    }
    let err = load_with(Some(ok.as_bytes()), "x_column = \"y\"").expect_err("same");
    assert!(err.to_string().contains("two columns"), "{err}");
    // The file's keys without a file, and another dataset.
    for (text, key) in [
        ("train = \"d.csv\"", "problem.train"),
        ("x_column = \"a\"", "problem.x_column"),
        ("dataset = \"moons\"", "problem.dataset"),
    ] {
        let preset = format!("name = \"t\"\n[problem]\nkind = \"regression\"\n{text}\n");
        let err = preset::parse(&preset, "t.toml", &[]).expect_err(text);
        assert_eq!(err.key(), Some(key), "{text}: {err}");
    }
    // k-NN's k is checked against the training rows.
    let err = load_with(
        Some(ok.as_bytes()),
        "[model]\nfamily = \"knn\"\ncomplexity = [1, 30]",
    );
    assert!(err.is_err());
}

#[test]
fn the_engel_preset_loads_anywhere_and_saves_back_to_itself() {
    let Ok(Preset::Regression(e)) = preset::load("engel-food", &[]) else {
        panic!("engel-food loads");
    };
    let data = e.data.as_ref().expect("own data");
    assert_eq!(data.len(), 235);
    assert_eq!(
        (data.x_column.as_str(), data.y_column.as_str()),
        ("income", "foodexp")
    );
    assert_eq!(data.sizes(), (164, 71));
    assert_eq!(data.source, "builtin:engel.csv");
    assert_eq!((e.config.n_train, e.config.repeats), (164, 200));
    // The first household of Engel's table.
    assert_eq!((data.x[0], data.y[0]), (420.157650843928, 255.839424594576));
    let text = preset::regression_to_toml(&e);
    assert!(text.contains("dataset = \"file\""), "{text}");
    assert!(!text.contains("truth ="), "{text}");
    let Ok(Preset::Regression(back)) = preset::parse_in(&text, "saved.toml", &[], Path::new("/"))
    else {
        panic!("the saved preset loads:\n{text}");
    };
    assert_eq!(back, e);
}

#[test]
fn basin_biasvar_on_a_data_file_writes_the_estimates() {
    let dir = tempfile::tempdir().expect("dir");
    let out = basin(
        dir.path(),
        &[
            "biasvar",
            "engel-food",
            "--set",
            "resampling.repeats=20",
            "--set",
            "model.complexity=[0,4]",
            "--out",
            "e.csv",
        ],
    );
    ok(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("164 training rows, 71 held out, 20 bootstrap resamples")
            && stdout.contains("bias² and noise are reported together")
            && stdout.contains("lowest held-out test MSE"),
        "{stdout}"
    );
    let text = std::fs::read_to_string(dir.path().join("e.csv")).expect("csv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(basin::export::BIASVAR_DATA_COLUMNS.join(",").as_str())
    );
    let rows: Vec<Vec<f64>> = lines
        .map(|l| l.split(',').map(|v| v.parse().expect("number")).collect())
        .collect();
    assert_eq!(rows.len(), 5);
    for (degree, row) in rows.iter().enumerate() {
        assert_eq!(row[0], degree as f64);
        // test MSE = variance + (bias² + noise), every number finite, every SE positive.
        assert!((row[1] - row[3] - row[5]).abs() < 1e-9 * row[1], "{row:?}");
        assert!(row.iter().all(|v| v.is_finite() && *v >= 0.0), "{row:?}");
        assert!(row[2] > 0.0 && row[6] > 0.0, "{row:?}");
    }
    // The same file on 1 and on 2 threads.
    for threads in ["1", "2"] {
        let name = format!("e{threads}.csv");
        let out = basin_with(
            dir.path(),
            &[
                "biasvar",
                "engel-food",
                "--set",
                "resampling.repeats=20",
                "--set",
                "model.complexity=[0,4]",
                "--out",
                &name,
            ],
            Some(threads),
        );
        ok(&out);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(&name)).expect("csv"),
            text
        );
    }
}

#[test]
fn basin_biasvar_on_a_bad_file_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("bad.csv"), "x,y\n1,2\n3,oops\n").expect("write");
    std::fs::write(
        dir.path().join("p.toml"),
        "name = \"p\"\n[problem]\nkind = \"regression\"\ndataset = \"file\"\n\
         train = \"bad.csv\"\n",
    )
    .expect("write");
    let out = basin(dir.path(), &["biasvar", "p.toml", "--out", "out.csv"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("problem.train")
            && message.contains("bad.csv, line 3, column \"y\": \"oops\" is not a number"),
        "{message}"
    );
    assert!(!dir.path().join("out.csv").exists());
    // `basin render` says it cannot draw it yet (bad input: exit 2), and writes nothing.
    let out = basin(dir.path(), &["render", "engel-food", "--out", "e.png"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("basin biasvar"), "{}", stderr(&out));
    assert!(!dir.path().join("e.png").exists());
}
