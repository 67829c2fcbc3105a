//! basin's BatchNorm MLP against PyTorch (tools/golden/batchnorm_golden.py →
//! tests/golden/batchnorm.json): `nn.Sequential(Linear, BatchNorm1d, act, …, Linear)` with
//! cross-entropy, forward and backward in training mode (whole-batch and ghost-batch
//! statistics) and in eval mode, the running statistics after one forward pass, and the
//! parameters and running statistics after several SGD steps on fixed mini-batches.
//!
//! Tolerances: torch ran in float64; basin computes in f32 (statistics summed in f64), so each
//! value carries f32 rounding, ~1e-7 relative per operation over a few dozen operations;
//! 2e-5·max(1, |b|) leaves a margin of ~10× while a wrong formula (biased for unbiased
//! variance, a missing ∂μ or ∂σ² term, γ and β swapped) is off by 1e-2 or more.

use std::path::PathBuf;

use basin::core::network::activation::Activation;
use basin::core::network::architecture::{Architecture, Loss};
use basin::core::network::data::Split;
use basin::core::network::mlp::Mlp;
use basin::core::objective::{Batch, Objective};
use ndarray::{Array1, Array2};
use serde_json::Value;

const TOL: f64 = 2e-5;

fn golden() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/batchnorm.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|x| x.as_f64().expect("number"))
        .collect()
}

fn close(what: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (a, b)) in got.iter().zip(want).enumerate() {
        assert!(
            (a - b).abs() <= TOL * b.abs().max(1.0),
            "{what}[{i}]: basin {a}, torch {b}"
        );
    }
}

struct Case {
    name: String,
    mlp: Mlp,
    data: Value,
}

fn cases() -> Vec<Case> {
    let doc = golden();
    assert_eq!(doc["momentum"].as_f64(), Some(0.1));
    assert_eq!(doc["eps"].as_f64(), Some(1e-5));
    doc["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            let sizes: Vec<usize> = floats(&c["sizes"]).iter().map(|&s| s as usize).collect();
            let act = match c["activation"].as_str() {
                Some("tanh") => Activation::Tanh,
                _ => Activation::Relu,
            };
            let arch = Architecture::new(sizes.clone(), act, Loss::CrossEntropy)
                .expect("sizes")
                .with_batchnorm(true);
            let x: Vec<f32> = floats(&c["x"]).iter().map(|&v| v as f32).collect();
            let y: Vec<f32> = floats(&c["y"]).iter().map(|&v| v as f32).collect();
            let n = y.len();
            let train = Split {
                x: Array2::from_shape_vec((n, sizes[0]), x).expect("x"),
                y: Array1::from_vec(y),
            };
            let mlp = Mlp::new(arch, train, Split::empty(sizes[0])).expect("mlp");
            let bn = c["bn_batch_size"].as_u64().map(|g| g as usize);
            let mlp = mlp.with_bn_batch(bn).expect("bn batch");
            Case {
                name: c["name"].as_str().expect("name").to_string(),
                mlp,
                data: c.clone(),
            }
        })
        .collect()
}

#[test]
fn the_golden_file_covers_whole_and_ghost_batches() {
    let names: Vec<String> = cases().into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["tanh-whole", "tanh-ghost", "relu-ghost"]);
}

#[test]
fn training_mode_loss_gradient_and_running_stats_match_torch() {
    for case in cases() {
        let theta = floats(&case.data["theta"]);
        assert_eq!(
            theta.len(),
            case.mlp.dim(),
            "{}: parameter count",
            case.name
        );
        let mut running = case.mlp.initial_state();
        let mut grad = vec![0.0; theta.len()];
        let loss = case
            .mlp
            .train_loss_grad(&theta, Batch::Full, Some(&mut running), &mut grad);
        let name = &case.name;
        close(
            &format!("{name} train loss"),
            &[loss],
            &[case.data["train_loss"].as_f64().expect("loss")],
        );
        close(
            &format!("{name} train grad"),
            &grad,
            &floats(&case.data["train_grad"]),
        );
        close(
            &format!("{name} running"),
            &running,
            &floats(&case.data["train_running"]),
        );
    }
}

#[test]
fn eval_mode_loss_and_gradient_match_torch() {
    for case in cases() {
        let theta = floats(&case.data["theta"]);
        let mlp = case
            .mlp
            .with_running(&floats(&case.data["eval_running"]))
            .expect("running");
        let mut grad = vec![0.0; theta.len()];
        let loss = mlp.loss_grad(&theta, Batch::Full, &mut grad);
        let name = &case.name;
        let want = case.data["eval_loss"].as_f64().expect("loss");
        close(&format!("{name} eval loss"), &[loss], &[want]);
        close(
            &format!("{name} eval loss()"),
            &[mlp.loss(&theta, Batch::Full)],
            &[want],
        );
        close(
            &format!("{name} eval grad"),
            &grad,
            &floats(&case.data["eval_grad"]),
        );
    }
}

#[test]
fn sgd_steps_with_ghost_batches_match_torch() {
    for case in cases() {
        let sgd = &case.data["sgd"];
        let lr = sgd["lr"].as_f64().expect("lr");
        let mut theta = floats(&case.data["theta"]);
        let mut running = case.mlp.initial_state();
        let mut grad = vec![0.0; theta.len()];
        let steps = sgd["batches"].as_array().expect("batches");
        for (k, batch) in steps.iter().enumerate() {
            let indices: Vec<usize> = floats(batch).iter().map(|&i| i as usize).collect();
            case.mlp.train_loss_grad(
                &theta,
                Batch::Indices(&indices),
                Some(&mut running),
                &mut grad,
            );
            for (t, g) in theta.iter_mut().zip(&grad) {
                *t -= lr * g;
            }
            let name = &case.name;
            close(
                &format!("{name} step {k} theta"),
                &theta,
                &floats(&sgd["theta"][k]),
            );
            close(
                &format!("{name} step {k} running"),
                &running,
                &floats(&sgd["running"][k]),
            );
        }
        let (loss, _) = case.mlp.eval_losses(&theta, &running);
        close(
            &format!("{} eval loss after SGD", case.name),
            &[loss],
            &[sgd["eval_loss"].as_f64().expect("loss")],
        );
    }
}

#[test]
fn a_ghost_batch_as_large_as_the_batch_is_plain_batchnorm() {
    for case in cases() {
        let theta = floats(&case.data["theta"]);
        let n = case.mlp.n_train();
        let plain = case.mlp.with_bn_batch(None).expect("plain");
        let whole = case.mlp.with_bn_batch(Some(n)).expect("whole");
        let mut rp = plain.initial_state();
        let mut rw = whole.initial_state();
        let mut gp = vec![0.0; theta.len()];
        let mut gw = vec![0.0; theta.len()];
        let lp = plain.train_loss_grad(&theta, Batch::Full, Some(&mut rp), &mut gp);
        let lw = whole.train_loss_grad(&theta, Batch::Full, Some(&mut rw), &mut gw);
        assert_eq!(lp.to_bits(), lw.to_bits(), "{}", case.name);
        assert_eq!(gp, gw, "{}", case.name);
        assert_eq!(rp, rw, "{}", case.name);
    }
}

#[test]
fn ghost_batches_change_the_gradient() {
    // The check above cannot fail if ghost batches were ignored: here they must matter.
    let case = cases().into_iter().nth(1).expect("tanh-ghost");
    let theta = floats(&case.data["theta"]);
    let plain = case.mlp.with_bn_batch(None).expect("plain");
    let mut gp = vec![0.0; theta.len()];
    let mut gg = vec![0.0; theta.len()];
    plain.train_loss_grad(&theta, Batch::Full, None, &mut gp);
    case.mlp.train_loss_grad(&theta, Batch::Full, None, &mut gg);
    let diff: f64 = gp.iter().zip(&gg).map(|(a, b)| (a - b).abs()).sum();
    assert!(
        diff > 1e-3,
        "ghost batches of 4 gave the plain gradient ({diff})"
    );
}

#[test]
fn bad_running_statistics_and_bn_batches_are_refused() {
    let case = cases().into_iter().next().expect("case");
    let mut running = case.mlp.initial_state();
    let err = case.mlp.with_running(&running[1..]).expect_err("length");
    assert!(err.to_string().contains("expected 10"), "{err}");
    running[7] = -0.5;
    let err = case.mlp.with_running(&running).expect_err("negative");
    assert!(err.to_string().contains("variance -0.5"), "{err}");
    let err = case.mlp.with_bn_batch(Some(1)).expect_err("one example");
    assert!(err.to_string().contains("bn_batch_size 1"), "{err}");
}
