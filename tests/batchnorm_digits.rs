//! The digits and BatchNorm from the preset file to the command line: the preset keys
//! (`dataset = "digits"`, `n_train`, `batchnorm`, `bn_batch_size`) with their range errors and
//! the TOML round trip; training a BN network (eval-mode losses, running statistics in the
//! trajectory); `landscape --inputs` writing `bn_running.npy` and `landscape --model` /
//! `sharpness --model` reading it back, with exit status 2 for bad folders.

mod common;

use common::*;

use std::path::Path;
use std::sync::atomic::AtomicBool;

use basin::core::network::data::DatasetKind;
use basin::core::objective::Objective as _;
use basin::core::train::{Keep, train, train_keeping};
use basin::preset::{self, NetworkExperiment, Preset, PresetError};
use ndarray::{Array1, Array2};
use ndarray_npy::{read_npy, write_npy};

fn digits_text(problem_extra: &str, batch: usize) -> String {
    format!(
        "name = \"d\"\nseed = 3\n[problem]\nkind = \"network\"\ndataset = \"digits\"\n\
         hidden = [16]\nactivation = \"relu\"\n{problem_extra}\n[training]\nsteps = 20\n\
         [[runs]]\noptimizer = \"sgd\"\nlr = 0.1\nbatch_size = {batch}\n"
    )
}

fn experiment(text: &str) -> NetworkExperiment {
    match preset::parse(text, "test.toml", &[]) {
        Ok(Preset::Network(e)) => e,
        Ok(_) => panic!("not a network preset"),
        Err(err) => panic!("{err}"),
    }
}

fn invalid_key(text: &str) -> (String, String) {
    match preset::parse(text, "test.toml", &[]) {
        Err(PresetError::Invalid { key, message, .. }) => (key, message),
        Err(other) => panic!("not an Invalid error: {other}"),
        Ok(_) => panic!("accepted:\n{text}"),
    }
}

#[test]
fn a_digits_preset_has_1000_training_images_and_the_rest_for_testing() {
    let e = experiment(&digits_text("", 32));
    assert_eq!(e.dataset.kind, DatasetKind::Digits);
    assert_eq!((e.dataset.n_train, e.dataset.n_test), (1_000, 797));
    assert_eq!(e.batchnorm, None);
    let mlp = e.build_mlp().expect("mlp");
    assert_eq!(mlp.architecture().sizes(), [64, 16, 10]);
    assert_eq!(mlp.n_train(), 1_000);
}

#[test]
fn preset_keys_are_range_checked_naming_the_key() {
    let (key, message) = invalid_key(&digits_text("n_train = 1795", 32));
    assert_eq!(key, "problem.n_train");
    assert!(message.contains("10..=1787"), "{message}");
    let (key, _) = invalid_key(&digits_text("n_test = 100", 32));
    assert_eq!(key, "problem.n_test");
    let (key, message) = invalid_key(&digits_text("batchnorm = true\nbn_batch_size = 1", 32));
    assert_eq!(key, "problem.bn_batch_size");
    assert!(message.contains("below 2"), "{message}");
    let (key, message) = invalid_key(&digits_text("batchnorm = true\nbn_batch_size = 64", 32));
    assert_eq!(key, "problem.bn_batch_size");
    assert!(message.contains("allowed 2..=32"), "{message}");
    let (key, _) = invalid_key(&digits_text("bn_batch_size = 8", 32));
    assert_eq!(key, "problem.bn_batch_size");
    let (key, message) = invalid_key(&digits_text("batchnorm = true", 1));
    assert_eq!(key, "runs.0.batch_size");
    assert!(message.contains("at least 2"), "{message}");
}

#[test]
fn batchnorm_keys_round_trip_through_the_preset_writer() {
    let e = experiment(&digits_text(
        "batchnorm = true\nbn_batch_size = 8\nn_train = 500",
        32,
    ));
    assert_eq!(e.batchnorm.and_then(|b| b.bn_batch_size), Some(8));
    let text = preset::network_to_toml(&e);
    assert!(text.contains("batchnorm = true"), "{text}");
    assert!(text.contains("bn_batch_size = 8"), "{text}");
    let back = experiment(&text);
    assert_eq!(back, e);
    assert_eq!(back.dataset.n_test, 1_297);
}

#[test]
fn training_a_batchnorm_network_records_its_running_statistics() {
    let e = experiment(&digits_text("batchnorm = true\nbn_batch_size = 8", 32));
    let mlp = e.build_mlp().expect("mlp");
    assert_eq!(mlp.state_len(), 32);
    let start = NetworkExperiment::initial_params(&mlp, e.seed);
    let t = train(
        &mlp,
        &e.runs[0],
        0,
        &start,
        e.steps,
        e.seed,
        &AtomicBool::new(false),
    );
    assert_eq!(t.state_dim, 32);
    assert_eq!(t.states.len(), 32 * t.len());
    // Point 0 holds PyTorch's initial statistics; training moves them.
    assert_eq!(&t.state(0)[..16], &[0.0; 16]);
    assert_eq!(&t.state(0)[16..], &[1.0; 16]);
    assert!(t.state(e.steps)[..16].iter().any(|&m| m.abs() > 1e-3));
    // The recorded losses are eval-mode losses at the recorded statistics.
    let last = t.len() - 1;
    let eval = mlp.with_running(t.state(last)).expect("running");
    assert_eq!(
        eval.loss(t.point(last), basin::core::objective::Batch::Full),
        t.train_loss[last]
    );
    assert!(t.train_loss[last] < t.train_loss[0]);

    // Within a record budget the statistics are kept with the weights, at the same points:
    // four points of parameters and statistics, stride ⌈20/2⌉ = 10.
    let point_bytes = (t.dim + t.state_dim) * 8;
    let kept = train_keeping(
        &mlp,
        &e.runs[0],
        0,
        &start,
        e.steps,
        e.seed,
        Keep::Within(4 * point_bytes),
        &AtomicBool::new(false),
    );
    assert_eq!(kept.stride, 10);
    assert!(kept.stored_bytes() <= 4 * point_bytes);
    assert_eq!(kept.states.len(), 32 * 3, "points 0, 10 and 20");
    assert_eq!(kept.train_loss, t.train_loss);
    for i in 0..t.len() {
        assert_eq!(kept.state(i), t.state(i - i % 10), "state {i}");
        assert_eq!(kept.point(i), t.point(i - i % 10), "point {i}");
    }
}

/// The quick BatchNorm digits preset of the CLI tests.
fn write_preset(dir: &Path) {
    let text = digits_text("batchnorm = true\nbn_batch_size = 4\nn_train = 200", 16)
        + "[view]\nresolution = 9\n";
    std::fs::write(dir.join("bn.toml"), text).expect("preset");
}

/// Writes the quick preset and its landscape with `--inputs` into `dir` (the grid in `L/`);
/// returns the model folder `L/inputs`.
fn model_folder(dir: &Path) -> std::path::PathBuf {
    write_preset(dir);
    ok(&basin(
        dir,
        &["landscape", "bn.toml", "--out", "L", "--inputs"],
    ));
    dir.join("L/inputs")
}

#[test]
fn landscape_inputs_of_a_batchnorm_digits_preset_read_back_as_a_model() {
    let dir = tempdir();
    let inputs = model_folder(dir.path());
    let x: Array2<f32> = read_npy(inputs.join("X_train.npy")).expect("X_train");
    assert_eq!(x.dim(), (200, 64));
    // Class indices as int64, as nn.CrossEntropyLoss takes them.
    let y: Array1<i64> = read_npy(inputs.join("y_train.npy")).expect("y_train");
    assert!(y.iter().all(|c| (0..10).contains(c)));
    assert_eq!(y.len(), 200);
    let model: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(inputs.join("model.json")).expect("json"))
            .expect("model.json");
    assert_eq!(model["batchnorm"], serde_json::Value::Bool(true));
    let running: Array1<f64> = read_npy(inputs.join("bn_running.npy")).expect("running");
    assert_eq!(running.len(), 32);
    assert!(running.iter().skip(16).all(|&v| v >= 0.0));
    assert!(running.iter().take(16).any(|&m| m != 0.0));

    // --model recomputes the same grid (eval mode, the same running statistics).
    ok(&basin(
        dir.path(),
        &[
            "landscape",
            "--model",
            "L",
            "--out",
            "M",
            "--resolution",
            "9",
        ],
    ));
    let a: Array2<f64> = read_npy(dir.path().join("L/grid.npy")).expect("grid");
    let b: Array2<f64> = read_npy(dir.path().join("M/grid.npy")).expect("grid");
    assert_eq!(a, b);

    let eval = basin(dir.path(), &["sharpness", "--model", "L"]);
    ok(&eval);
    let batch = basin(dir.path(), &["sharpness", "--model", "L", "--batch-stats"]);
    ok(&batch);
    let loss = |out: &std::process::Output| -> f64 {
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        v["loss"].as_f64().expect("loss")
    };
    // The centre of the plane is the final point: its eval loss is the grid's centre cell.
    assert!((loss(&eval) - a[[4, 4]]).abs() < 1e-9);
    assert!(loss(&batch).is_finite() && loss(&batch) != loss(&eval));
}

#[test]
fn bad_batchnorm_model_folders_exit_2_naming_the_file() {
    let dir = tempdir();
    let inputs = model_folder(dir.path());
    let running: Array1<f64> = read_npy(inputs.join("bn_running.npy")).expect("running");

    let mut negative = running.clone();
    negative[20] = -1.0;
    write_npy(inputs.join("bn_running.npy"), &negative).expect("write");
    let out = basin(dir.path(), &["sharpness", "--model", "L"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("bn_running.npy"), "{}", stderr(&out));
    assert!(stderr(&out).contains("variance -1"), "{}", stderr(&out));

    std::fs::remove_file(inputs.join("bn_running.npy")).expect("remove");
    let out = basin(dir.path(), &["landscape", "--model", "L", "--out", "M"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("bn_running.npy"), "{}", stderr(&out));
    assert!(stderr(&out).contains("is missing"), "{}", stderr(&out));

    write_npy(inputs.join("bn_running.npy"), &running).expect("write");
    let theta: Array1<f64> = read_npy(inputs.join("theta.npy")).expect("theta");
    let short = theta.slice(ndarray::s![..theta.len() - 1]).to_owned();
    write_npy(inputs.join("theta.npy"), &short).expect("write");
    let out = basin(dir.path(), &["sharpness", "--model", "L"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("theta.npy"), "{}", stderr(&out));
}
