//! `basin sharpness` and `basin sweep` end to end: the real binary in a temporary folder.
//! λ_max of a `--model` folder is checked against the top eigenvalue of a dense Hessian that
//! this file computes on its own (an f64 MLP written here, second differences of its loss);
//! bad folders exit 2 naming the file.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ndarray::{Array1, Array2};
use ndarray_npy::write_npy;

/// The binary under test (or `BASIN_BIN` when set).
fn basin_binary() -> PathBuf {
    std::env::var_os("BASIN_BIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_basin")), PathBuf::from)
}

fn basin_with(dir: &Path, args: &[&str], threads: Option<&str>) -> Output {
    let mut command = Command::new(basin_binary());
    command.args(args).current_dir(dir);
    if let Some(n) = threads {
        command.env("RAYON_NUM_THREADS", n);
    }
    command.output().expect("run basin")
}

fn basin(dir: &Path, args: &[&str]) -> Output {
    basin_with(dir, args, None)
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "status {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

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
        let a = (1.7 * t).sin() * 1.5;
        let b = (0.9 * t + 0.3).cos() * 1.2;
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
        .map(|i| 0.9 * (0.37 * i as f64 + 0.2).sin())
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
            z += w2[h] * pre.tanh();
        }
        let target = f64::from(target);
        total += z.max(0.0) - target * z + (-z.abs()).exp().ln_1p();
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
        (lambda_max - top).abs() <= 0.01 * top,
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
}
