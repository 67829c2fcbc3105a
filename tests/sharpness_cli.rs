//! `basin sharpness` and `basin sweep` end to end: the real binary in a temporary folder.
//! λ_max of a `--model` folder is checked against the top eigenvalue of a dense Hessian that
//! this file computes on its own (an f64 MLP written here, second differences of its loss);
//! bad folders exit 2 naming the file.

mod common;

use common::*;

use std::path::Path;
use std::process::Output;

use ndarray::{Array1, Array2};
use ndarray_npy::write_npy;

fn json(out: &Output) -> serde_json::Value {
    ok(out);
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// The tiny model of these tests: 2-4-1 tanh, BCE with logits.
const SIZES: [usize; 3] = [2, 4, 1];
const HIDDEN: usize = 4;
const PARAMS: usize = 2 * HIDDEN + HIDDEN + HIDDEN + 1;

/// 24 points with labels from a curved boundary (a few against it, so the loss is not ~0).
fn data() -> (Array2<f32>, Array1<f32>) {
    let n = 24;
    let mut x = Array2::<f32>::zeros((n, 2));
    let mut y = Array1::<f32>::zeros(n);
    for i in 0..n {
        let t = i as f32;
        let a = libm::sinf(1.7 * t) * 1.5;
        let b = libm::cosf(0.9 * t + 0.3) * 1.2;
        x[[i, 0]] = a;
        x[[i, 1]] = b;
        let above = b > 0.5 * a * a - 0.6;
        y[i] = f32::from(u8::from(above ^ (i % 7 == 3)));
    }
    (x, y)
}

/// A point θ in `nn.Linear` order, not at a minimum.
fn theta() -> Vec<f64> {
    (0..PARAMS)
        .map(|i| 0.9 * libm::sin(0.37 * i as f64 + 0.2))
        .collect()
}

/// The mean BCE-with-logits loss of the 2-4-1 tanh network, all in f64.
fn loss(theta: &[f64], x: &Array2<f32>, y: &Array1<f32>) -> f64 {
    let (w1, rest) = theta.split_at(2 * HIDDEN);
    let (b1, rest) = rest.split_at(HIDDEN);
    let (w2, b2) = rest.split_at(HIDDEN);
    let mut total = 0.0;
    for (row, &target) in x.rows().into_iter().zip(y) {
        let mut z = b2[0];
        for h in 0..HIDDEN {
            let pre = w1[2 * h] * f64::from(row[0]) + w1[2 * h + 1] * f64::from(row[1]) + b1[h];
            z += w2[h] * libm::tanh(pre);
        }
        let target = f64::from(target);
        total += z.max(0.0) - target * z + libm::log1p(libm::exp(-z.abs()));
    }
    total / x.nrows() as f64
}

/// The dense Hessian by central second differences of the loss.
fn dense_hessian(theta: &[f64], x: &Array2<f32>, y: &Array1<f32>) -> nalgebra::DMatrix<f64> {
    let h = 1e-4;
    let at = |i: usize, si: f64, j: usize, sj: f64| {
        let mut t = theta.to_vec();
        t[i] += si * h;
        t[j] += sj * h;
        loss(&t, x, y)
    };
    let mut m = nalgebra::DMatrix::<f64>::zeros(PARAMS, PARAMS);
    for i in 0..PARAMS {
        for j in 0..PARAMS {
            m[(i, j)] = (at(i, 1.0, j, 1.0) - at(i, 1.0, j, -1.0) - at(i, -1.0, j, 1.0)
                + at(i, -1.0, j, -1.0))
                / (4.0 * h * h);
        }
    }
    (&m + m.transpose()) * 0.5
}

/// Writes the model folder (model.json, X_train.npy, y_train.npy, theta.npy) into `dir`.
fn write_model(dir: &Path) {
    std::fs::create_dir_all(dir).expect("model dir");
    let (x, y) = data();
    write_npy(dir.join("X_train.npy"), &x).expect("X");
    write_npy(dir.join("y_train.npy"), &y).expect("y");
    write_npy(dir.join("theta.npy"), &Array1::from(theta())).expect("theta");
    std::fs::write(
        dir.join("model.json"),
        format!(
            "{{\"sizes\": {SIZES:?}, \"activation\": \"tanh\", \"loss\": \"bce_with_logits\"}}"
        ),
    )
    .expect("model.json");
}

#[test]
fn model_lambda_max_and_trace_match_an_independent_dense_hessian() {
    let dir = tempdir();
    let model = dir.path().join("m");
    write_model(&model);
    let report = json(&basin(dir.path(), &["sharpness", "--model", "m"]));

    let (x, y) = data();
    let theta = theta();
    let hessian = dense_hessian(&theta, &x, &y);
    let eigen = nalgebra::SymmetricEigen::new(hessian.clone());
    let top = eigen.eigenvalues.iter().copied().fold(f64::MIN, f64::max);
    assert!(top > 1e-3, "the test point has positive curvature: {top}");

    let lambda_max = report["lambda_max"].as_f64().expect("lambda_max");
    assert!(
        (lambda_max - top).abs() <= 1e-4 * top,
        "lambda_max {lambda_max} against the dense Hessian's {top}"
    );
    // 17 parameters: the trace is exact and must match the dense one.
    assert_eq!(report["trace_exact"], serde_json::Value::Bool(true));
    let trace = report["hessian_trace"].as_f64().expect("trace");
    let dense_trace = hessian.trace();
    assert!(
        (trace - dense_trace).abs() <= 1e-3 * dense_trace.abs().max(1.0),
        "trace {trace} against {dense_trace}"
    );
    let want_loss = loss(&theta, &x, &y);
    let got_loss = report["loss"].as_f64().expect("loss");
    assert!(
        (got_loss - want_loss).abs() <= 1e-5 * want_loss,
        "loss {got_loss} against {want_loss}"
    );
    assert!(report["eps_sharpness"].as_f64().expect("eps") > 0.0);
    assert!(
        report["test_loss"].is_null(),
        "a model folder has no test set"
    );
    assert_eq!(report["parameters"], serde_json::json!(PARAMS));
}

#[test]
fn bad_model_folders_exit_2_naming_the_file() {
    let dir = tempdir();
    let model = dir.path().join("m");

    write_model(&model);
    std::fs::remove_file(model.join("theta.npy")).expect("rm");
    let out = basin(dir.path(), &["sharpness", "--model", "m"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("theta.npy"), "{}", stderr(&out));

    write_model(&model);
    write_npy(model.join("theta.npy"), &Array1::from(vec![0.5_f64; 5])).expect("theta");
    let out = basin(dir.path(), &["sharpness", "--model", "m"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("theta.npy") && err.contains(&format!("[{PARAMS}]")),
        "{err}"
    );

    write_model(&model);
    std::fs::write(model.join("model.json"), "{\"sizes\": [2, 4, 1]}").expect("json");
    let out = basin(dir.path(), &["sharpness", "--model", "m"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("model.json"), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "no JSON for a bad folder");
}

#[test]
fn sharpness_of_presets_reports_every_key() {
    let dir = tempdir();
    // A surface preset: exact 2×2 Hessian, a test set.
    let surface = json(&basin(dir.path(), &["sharpness", "sharp-vs-flat"]));
    // A network preset, shortened.
    let network = json(&basin(
        dir.path(),
        &[
            "sharpness",
            "moons",
            "--set",
            "problem.n_train=64",
            "--set",
            "problem.hidden=[8]",
            "--set",
            "training.steps=50",
        ],
    ));
    for report in [&surface, &network] {
        for key in [
            "loss",
            "lambda_max",
            "hessian_trace",
            "eps_sharpness",
            "test_loss",
        ] {
            let value = report[key].as_f64();
            assert!(value.is_some_and(f64::is_finite), "{key} in {report}");
        }
        let top = report["top_eigenvalues"][0].as_f64().expect("top");
        assert_eq!(report["lambda_max"].as_f64(), Some(top));
    }
    assert_eq!(surface["parameters"], serde_json::json!(2));
    // 2-8-1: 2·8 + 8 + 8 + 1 weights.
    assert_eq!(network["parameters"], serde_json::json!(33));

    let out = basin(dir.path(), &["sharpness", "no-such-preset"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let run1 = json(&basin(
        dir.path(),
        &["sharpness", "sharp-vs-flat", "--run", "1"],
    ));
    assert_ne!(
        run1["loss"], surface["loss"],
        "--run 1 measures another point"
    );
    let out = basin(dir.path(), &["sharpness", "sharp-vs-flat", "--run", "9"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--run 9"), "{}", stderr(&out));
}

/// `train_accuracy` and `test_accuracy`: the fractions of a classification network's flowers
/// classified right (whole flowers of iris' 105 / 45 split), null for a regression network and
/// a surface.
#[test]
fn sharpness_reports_accuracies_of_classification_networks_only() {
    let dir = tempdir();
    let short = ["--set", "training.steps=50", "--set", "problem.hidden=[4]"];
    let classes = json(&basin(
        dir.path(),
        &[&["sharpness", "iris"][..], &short[..]].concat(),
    ));
    for (key, n) in [("train_accuracy", 105.0), ("test_accuracy", 45.0)] {
        let acc = classes[key].as_f64().expect(key);
        assert!((0.0..=1.0).contains(&acc), "{key} {acc}");
        let right = acc * n;
        assert!((right - right.round()).abs() < 1e-9, "{key} {acc} of {n}");
    }
    let regression = json(&basin(
        dir.path(),
        &[
            &["sharpness", "iris"][..],
            &short[..],
            &[
                "--set",
                "problem.train=builtin:engel.csv",
                "--set",
                "problem.task=regression",
                "--set",
                "problem.label_column=foodexp",
            ][..],
        ]
        .concat(),
    ));
    let surface = json(&basin(dir.path(), &["sharpness", "sharp-vs-flat"]));
    for report in [&regression, &surface] {
        assert!(report["loss"].as_f64().is_some(), "{report}");
        for key in ["train_accuracy", "test_accuracy"] {
            assert!(report[key].is_null(), "{key} in {report}");
        }
    }
}

/// The contract's sweep columns.
const SWEEP_HEADER: &str = "batch_size,lr,bn_batch_size,seed,train_loss,test_loss,train_acc,test_acc,lambda_max,eps_sharpness,diverged";

/// A small sweep of the shipped preset: a narrow network on 128 points, 100 steps, and one
/// learning rate (500) that diverges.
const SMALL_SWEEP: [&str; 12] = [
    "--set",
    "sweep.batch_sizes=[8,0]",
    "--set",
    "sweep.lrs=[0.1,500.0]",
    "--set",
    "sweep.seeds=[1,2]",
    "--set",
    "sweep.steps=100",
    "--set",
    "problem.hidden=[8]",
    "--set",
    "problem.n_train=128",
];

#[test]
fn sweep_writes_the_contract_columns_identically_on_1_and_2_threads() {
    let dir = tempdir();
    let mut files = Vec::new();
    for threads in ["1", "2"] {
        let name = format!("s{threads}.csv");
        let mut args = vec!["sweep", "batch-size-matters", "--out", name.as_str()];
        args.extend(SMALL_SWEEP);
        let out = basin_with(dir.path(), &args, Some(threads));
        ok(&out);
        assert!(
            stderr(&out).contains("8/8 cells done"),
            "progress on stderr: {}",
            stderr(&out)
        );
        files.push(std::fs::read(dir.path().join(&name)).expect("csv"));
    }
    assert_eq!(files[0], files[1], "1 and 2 threads give the same bytes");

    let text = String::from_utf8(files.remove(0)).expect("utf-8");
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some(SWEEP_HEADER));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 8, "2 batch sizes × 2 lrs × 2 seeds");
    // Batch size outermost, then lr, then seed; the listed 0 is the full batch (128).
    let keys: Vec<(&str, &str, &str)> = rows.iter().map(|r| (r[0], r[1], r[3])).collect();
    assert_eq!(keys[0], ("8", "0.1", "1"));
    assert_eq!(keys[1], ("8", "0.1", "2"));
    assert_eq!(keys[2], ("8", "500", "1"));
    assert_eq!(keys[7], ("128", "500", "2"));
    for row in &rows {
        assert_eq!(row.len(), 11, "{row:?}");
        assert_eq!(row[2], "", "no BatchNorm, no statistics size: {row:?}");
        let diverged = row[10] == "true";
        assert_eq!(diverged, row[1] == "500", "only lr 500 diverges: {row:?}");
        if diverged {
            assert_eq!((row[8], row[9]), ("NaN", "NaN"), "{row:?}");
        } else {
            let num = |i: usize| row[i].parse::<f64>().expect("number");
            assert!(num(8) > 0.0 && num(9) > 0.0, "{row:?}");
            assert!((0.5..=1.0).contains(&num(7)), "test accuracy {row:?}");
            assert!(num(4) < 0.7, "trained below the initial loss: {row:?}");
        }
    }
}

#[test]
fn bad_sweeps_exit_2_naming_the_key_and_leave_no_file() {
    let dir = tempdir();
    let cases: [(&[&str], &str); 5] = [
        (&["sweep", "moons", "--out", "x.csv"], "sweep"),
        (
            &[
                "sweep",
                "batch-size-matters",
                "--set",
                "sweep.bogus=1",
                "--out",
                "x.csv",
            ],
            "bogus",
        ),
        (
            &[
                "sweep",
                "batch-size-matters",
                "--set",
                "sweep.lr_rule=linear",
                "--out",
                "x.csv",
            ],
            "sweep.lr_rule",
        ),
        (
            &[
                "sweep",
                "batch-size-matters",
                "--set",
                "sweep.batch_sizes=[4,9999]",
                "--out",
                "x.csv",
            ],
            "sweep.batch_sizes.1",
        ),
        (
            &[
                "sweep",
                "batch-size-matters",
                "--set",
                "sweep.epochs=3",
                "--set",
                "sweep.steps=9",
                "--out",
                "x.csv",
            ],
            "sweep.epochs",
        ),
    ];
    for (args, key) in cases {
        let out = basin(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(key), "{args:?}: {}", stderr(&out));
        assert!(!dir.path().join("x.csv").exists(), "{args:?} left a file");
    }
}

/// Medians per batch size of a sweep CSV's non-diverged rows: (B, λ_max, test loss).
fn medians(text: &str) -> Vec<(usize, f64, f64)> {
    let rows: Vec<Vec<String>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    let mut batches: Vec<usize> = rows.iter().map(|r| r[0].parse().expect("B")).collect();
    batches.dedup();
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let m = v.len() / 2;
        if v.len() % 2 == 1 {
            v[m]
        } else {
            0.5 * (v[m - 1] + v[m])
        }
    };
    batches
        .into_iter()
        .map(|b| {
            let of_b: Vec<&Vec<String>> = rows
                .iter()
                .filter(|r| r[0] == b.to_string() && r[10] == "false")
                .collect();
            assert!(!of_b.is_empty(), "B = {b} has cells that did not diverge");
            let col = |i: usize| {
                of_b.iter()
                    .map(|r| r[i].parse::<f64>().expect("number"))
                    .collect()
            };
            (b, median(col(8)), median(col(5)))
        })
        .collect()
}

/// The shipped preset's claim on a reduced sweep (its lr 0.2 and 4,000 steps; 4 of its 8
/// batch sizes, 2 seeds): median λ_max grows with the batch size, and the lowest median
/// test loss is at a small batch (B ≤ 16), below the full batch's.
#[test]
fn batch_size_matters_small_batches_are_flatter_and_generalize_better() {
    let dir = tempdir();
    let out = basin(
        dir.path(),
        &[
            "sweep",
            "batch-size-matters",
            "--set",
            "sweep.batch_sizes=[4,16,64,512]",
            "--set",
            "sweep.lrs=[0.2]",
            "--set",
            "sweep.seeds=[1,2]",
            "--out",
            "s.csv",
        ],
    );
    ok(&out);
    let text = std::fs::read_to_string(dir.path().join("s.csv")).expect("csv");
    let m = medians(&text);
    assert_eq!(
        m.iter().map(|x| x.0).collect::<Vec<_>>(),
        [4, 16, 64, 512],
        "{text}"
    );
    for pair in m.windows(2) {
        assert!(pair[1].1 > pair[0].1, "median λ_max grows with B: {m:?}");
    }
    assert!(m[3].1 > 4.0 * m[0].1, "full batch much sharper: {m:?}");
    let best = m
        .iter()
        .min_by(|a, b| a.2.total_cmp(&b.2))
        .expect("a batch size");
    assert!(best.0 <= 16, "lowest test loss at a small batch: {m:?}");
    assert!(m[0].2 < m[3].2, "B = 4 beats the full batch at test: {m:?}");
}

/// `edge-of-stability`: full-batch GD at η = 0.5 starts below 2/η = 4 and ends at it.
#[test]
fn edge_of_stability_climbs_to_two_over_eta() {
    let dir = tempdir();
    let early = json(&basin(
        dir.path(),
        &[
            "sharpness",
            "edge-of-stability",
            "--set",
            "training.steps=200",
        ],
    ));
    let end = json(&basin(dir.path(), &["sharpness", "edge-of-stability"]));
    let threshold = 2.0 / 0.5;
    let early = early["lambda_max"].as_f64().expect("lambda_max");
    let end = end["lambda_max"].as_f64().expect("lambda_max");
    assert!(early < 0.75 * threshold, "early λ_max {early} below 2/η");
    assert!(
        (0.8 * threshold..=1.25 * threshold).contains(&end),
        "final λ_max {end} at 2/η = {threshold}"
    );
}

/// `lr_rule = "base_per_sample"`: the listed η̃ trains with η = η̃·B, so η̃ = 0.0125 at
/// B = 8 is the fixed η = 0.1 (same numbers, listed lr as given).
#[test]
fn base_per_sample_lr_is_eta_over_b() {
    let dir = tempdir();
    let run = |rule: &str, lr: &str, name: &str| {
        let out = basin(
            dir.path(),
            &[
                "sweep",
                "batch-size-matters",
                "--set",
                "sweep.batch_sizes=[8]",
                "--set",
                &format!("sweep.lrs=[{lr}]"),
                "--set",
                &format!("sweep.lr_rule={rule}"),
                "--set",
                "sweep.seeds=[3]",
                "--set",
                "training.steps=60",
                "--set",
                "problem.hidden=[8]",
                "--set",
                "problem.n_train=128",
                "--out",
                name,
            ],
        );
        ok(&out);
        let text = std::fs::read_to_string(dir.path().join(name)).expect("csv");
        let row: Vec<String> = text
            .lines()
            .nth(1)
            .expect("row")
            .split(',')
            .map(str::to_string)
            .collect();
        row
    };
    let base = run("base_per_sample", "0.0125", "b.csv");
    let fixed = run("fixed", "0.1", "f.csv");
    let other = run("fixed", "0.0125", "o.csv");
    assert_eq!(base[1], "0.0125", "the listed lr");
    assert_eq!(base[4..], fixed[4..], "η̃·B = 0.1");
    assert_ne!(base[4], other[4], "not the fixed 0.0125");
}

/// X_test.npy and y_test.npy in a model folder give `test_loss`; one without the other is
/// bad input naming the missing file.
#[test]
fn model_test_set_gives_test_loss() {
    let dir = tempdir();
    let model = dir.path().join("m");
    write_model(&model);
    let (x, y) = data();
    let x_test = x.mapv(|v| 0.8 * v + 0.1);
    let y_test = y.mapv(|v| 1.0 - v);
    write_npy(model.join("X_test.npy"), &x_test).expect("X_test");
    let out = basin(dir.path(), &["sharpness", "--model", "m"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("y_test.npy"), "{}", stderr(&out));

    write_npy(model.join("y_test.npy"), &y_test).expect("y_test");
    let report = json(&basin(dir.path(), &["sharpness", "--model", "m"]));
    let want = loss(&theta(), &x_test, &y_test);
    let got = report["test_loss"].as_f64().expect("test_loss");
    assert!(
        (got - want).abs() <= 1e-5 * want,
        "test loss {got} against {want}"
    );
    let train = report["loss"].as_f64().expect("loss");
    assert!(
        (got - train).abs() > 1e-3,
        "the test set is not the training set"
    );
}

#[test]
fn a_surface_preset_sweeps_the_default_grid_around_run_0() {
    let dir = tempdir();
    let out = basin(
        dir.path(),
        &[
            "sweep",
            "sharp-vs-flat",
            "--set",
            "training.steps=60",
            "--out",
            "s.csv",
        ],
    );
    ok(&out);
    let text = std::fs::read_to_string(dir.path().join("s.csv")).expect("csv");
    let rows: Vec<Vec<&str>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    // N = 256 shifted copies: B = 4 … 128 and the full batch, × six learning rates, one seed.
    let preset = match basin::preset::load_surface("sharp-vs-flat", &[]) {
        Ok(e) => e,
        Err(err) => panic!("{err}"),
    };
    assert_eq!(preset.problem.samples, 256);
    assert_eq!(rows.len(), 7 * 6);
    let lr = preset.runs[0].optimizer.lr;
    let lrs: Vec<f64> = rows[..6]
        .iter()
        .map(|r| r[1].parse().expect("lr"))
        .collect();
    for (got, factor) in lrs.iter().zip([0.125, 0.25, 0.5, 1.0, 2.0, 4.0]) {
        assert!(
            (got - factor * lr).abs() <= 1e-12 * lr,
            "{got} vs {factor}·{lr}"
        );
    }
    // No classes (and no BatchNorm) on a surface: the accuracy and BN-batch columns are
    // empty; λ_max is the 2×2 Hessian's.
    assert!(
        rows.iter()
            .all(|r| r[2].is_empty() && r[6].is_empty() && r[7].is_empty())
    );
    assert!(
        rows.iter()
            .all(|r| r[8].parse::<f64>().is_ok_and(f64::is_finite))
    );
}

/// `--spectrum --top K`: the K largest eigenvalues, descending, equal the dense Hessian's;
/// the density integrates to 1, covers the dense spectrum (17 parameters: each probe's
/// Lanczos recovers every eigenvalue, so the density's highest bump sits at λ_max), and its
/// mean is near trace / P.
#[test]
fn model_spectrum_matches_the_dense_hessian() {
    let dir = tempdir();
    let model = dir.path().join("m");
    write_model(&model);
    let report = json(&basin(
        dir.path(),
        &["sharpness", "--model", "m", "--spectrum", "--top", "4"],
    ));
    let (x, y) = data();
    let hessian = dense_hessian(&theta(), &x, &y);
    let mut dense: Vec<f64> = nalgebra::SymmetricEigen::new(hessian.clone())
        .eigenvalues
        .iter()
        .copied()
        .collect();
    dense.sort_by(|a, b| b.total_cmp(a));
    let top: Vec<f64> = report["top_eigenvalues"]
        .as_array()
        .expect("top_eigenvalues")
        .iter()
        .map(|v| v.as_f64().expect("number"))
        .collect();
    assert_eq!(top.len(), 4);
    assert!(top.windows(2).all(|w| w[0] >= w[1]), "descending: {top:?}");
    // The 4 largest, though a negative eigenvalue (−0.38) is larger in magnitude than the 4th.
    for (got, want) in top.iter().zip(&dense) {
        assert!(
            (got - want).abs() <= 1e-3 * dense[0],
            "{top:?} against the dense {dense:?}"
        );
    }
    let lambda: Vec<f64> = report["density"]["lambda"]
        .as_array()
        .expect("lambda")
        .iter()
        .map(|v| v.as_f64().expect("number"))
        .collect();
    let value: Vec<f64> = report["density"]["value"]
        .as_array()
        .expect("value")
        .iter()
        .map(|v| v.as_f64().expect("number"))
        .collect();
    assert_eq!(lambda.len(), value.len());
    let integral = |f: &dyn Fn(f64, f64) -> f64| -> f64 {
        lambda
            .windows(2)
            .zip(value.windows(2))
            .map(|(l, v)| 0.5 * (f(l[0], v[0]) + f(l[1], v[1])) * (l[1] - l[0]))
            .sum()
    };
    assert!((integral(&|_, v| v) - 1.0).abs() < 1e-6);
    let lowest = dense.last().copied().expect("eigenvalues");
    assert!(lambda[0] <= lowest && *lambda.last().expect("grid") >= dense[0]);
    // The highest λ with visible density is λ_max (within the smoothing).
    let peak = value.iter().copied().fold(0.0, f64::max);
    let highest = lambda
        .iter()
        .zip(&value)
        .filter(|(_, v)| **v > 1e-3 * peak)
        .map(|(l, _)| *l)
        .fold(f64::MIN, f64::max);
    assert!(
        (highest - dense[0]).abs() < 0.05 * dense[0],
        "{highest} vs {}",
        dense[0]
    );
    // The mean is the mean of 4 probes' Rayleigh quotients vᵀHv/vᵀv, unbiased for trace/P
    // with variance 2(mean λ² − (trace/P)²)/(P + 2) per probe (v Gaussian): within 3 SE.
    let mean = integral(&|l, v| l * v);
    let p = dense.len() as f64;
    let trace_per_p = hessian.trace() / p;
    let second = dense.iter().map(|l| l * l).sum::<f64>() / p;
    let se = (2.0 * (second - trace_per_p * trace_per_p) / (p + 2.0) / 4.0).sqrt();
    assert!(
        (mean - trace_per_p).abs() < 3.0 * se,
        "mean {mean} against trace/P {trace_per_p} (SE {se})"
    );
}

/// `edge-of-stability-adam`: full-batch Adam's preconditioned sharpness starts far below
/// 38/η and ends at it (the preset's text: 90–102 % at step 2,000 over seeds 1–5; the
/// shipped seed 3 at 97 %); the JSON names the edge.
#[test]
fn adam_preconditioned_sharpness_climbs_to_38_over_eta() {
    let dir = tempdir();
    let at = |steps: &str| {
        json(&basin(
            dir.path(),
            &[
                "sharpness",
                "edge-of-stability-adam",
                "--set",
                &format!("training.steps={steps}"),
            ],
        ))
    };
    let (early, end) = (at("100"), at("2000"));
    let edge = 38.0 / 0.003;
    for j in [&early, &end] {
        let got = j["preconditioned_edge"]
            .as_f64()
            .expect("preconditioned_edge");
        assert!((got - edge).abs() < 1e-6 * edge, "edge {got}");
    }
    let ratio = |j: &serde_json::Value| {
        j["preconditioned_sharpness"]
            .as_f64()
            .expect("preconditioned_sharpness")
            / edge
    };
    assert!(
        ratio(&early) < 0.1,
        "step 100: {} of the edge",
        ratio(&early)
    );
    assert!(
        (0.9..=1.05).contains(&ratio(&end)),
        "step 2,000: {} of the edge",
        ratio(&end)
    );
    // Plain SGD presets have no such key.
    let sgd = json(&basin(
        dir.path(),
        &[
            "sharpness",
            "edge-of-stability",
            "--set",
            "training.steps=5",
        ],
    ));
    assert!(sgd.get("preconditioned_sharpness").is_none());
}

/// `--spectrum --per-layer`: each layer's block of the Hessian (W and b of one `Linear`) gets
/// its own largest eigenvalues — those of the dense Hessian's diagonal block — and a density
/// of mass 1; a toy surface has no layers (exit 2).
#[test]
fn per_layer_spectra_are_the_dense_hessians_diagonal_blocks() {
    let dir = tempdir();
    let model = dir.path().join("m");
    write_model(&model);
    let report = json(&basin(
        dir.path(),
        &[
            "sharpness",
            "--model",
            "m",
            "--spectrum",
            "--per-layer",
            "--top",
            "2",
        ],
    ));
    let (x, y) = data();
    let hessian = dense_hessian(&theta(), &x, &y);
    let layers = report["layers"].as_array().expect("layers");
    assert_eq!(layers.len(), 2);
    let blocks = [(0, 2 * HIDDEN + HIDDEN), (2 * HIDDEN + HIDDEN, PARAMS)];
    for (layer, (start, end)) in layers.iter().zip(blocks) {
        assert_eq!(layer["parameters"].as_u64(), Some((end - start) as u64));
        let block = hessian
            .view((start, start), (end - start, end - start))
            .into_owned();
        let mut dense: Vec<f64> = nalgebra::SymmetricEigen::new(block)
            .eigenvalues
            .iter()
            .copied()
            .collect();
        dense.sort_by(|a, b| b.total_cmp(a));
        let top: Vec<f64> = layer["top_eigenvalues"]
            .as_array()
            .expect("top_eigenvalues")
            .iter()
            .map(|v| v.as_f64().expect("number"))
            .collect();
        assert_eq!(top.len(), 2, "{layer}");
        for (got, want) in top.iter().zip(&dense) {
            assert!(
                (got - want).abs() <= 1e-3 * dense[0].abs().max(1e-3),
                "{}: {top:?} against the dense block's {dense:?}",
                layer["name"]
            );
        }
        let density = &layer["density"];
        let l: Vec<f64> = density["lambda"]
            .as_array()
            .expect("lambda")
            .iter()
            .map(|v| v.as_f64().expect("number"))
            .collect();
        let v: Vec<f64> = density["value"]
            .as_array()
            .expect("value")
            .iter()
            .map(|v| v.as_f64().expect("number"))
            .collect();
        let mass: f64 = l
            .windows(2)
            .zip(v.windows(2))
            .map(|(l, v)| 0.5 * (v[0] + v[1]) * (l[1] - l[0]))
            .sum();
        assert!((mass - 1.0).abs() < 1e-6, "{}: mass {mass}", layer["name"]);
    }
    assert_eq!(layers[0]["name"], "layer 1: Linear 2→4 (W, b)");
    let surface = basin(
        dir.path(),
        &["sharpness", "rosenbrock-race", "--spectrum", "--per-layer"],
    );
    assert_eq!(surface.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&surface.stderr).contains("--per-layer"));
}
