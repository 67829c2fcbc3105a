//! The Network core end to end: backprop against a float64 reference, PyTorch's parameter
//! order and init, training through `core::train::train`, under- and over-capacity,
//! filter-normalized, PCA and solutions planes, plane coordinates, grid orientation and
//! determinism.

use std::sync::atomic::AtomicBool;

use ndarray::{Array1, Array2, array};
use rand_distr::{Distribution as _, StandardNormal};

use basin::core::landscape::{GridSpec, Layer};
use basin::core::network::activation::Activation;
use basin::core::network::data::{DatasetKind, DatasetSpec, Split, Task};
use basin::core::network::directions::{
    self, BiasDirection, DirectionError, filter_normalize, pca_plane, random_plane, solutions_plane,
};
use basin::core::network::mlp::{Architecture, DataSplit, Loss, Mlp, MlpError};
use basin::core::network::plane::{MlpRows, Plane};
use basin::core::objective::{Batch, Objective};
use basin::core::optim::{OptimizerKind, OptimizerSpec};
use basin::core::rng::rng_for;
use basin::core::train::{RunSpec, RunStatus, Trajectory, train};

// ---------------------------------------------------------------- a float64 reference MLP

/// erf in f64: Taylor series for |x| ≤ 3, the continued fraction of erfc beyond.
fn erf64(x: f64) -> f64 {
    let ax = x.abs();
    if ax > 3.0 {
        let mut f = 0.0;
        for k in (1..60).rev() {
            f = f64::from(k) / 2.0 / (ax + f);
        }
        let erfc = libm::exp(-ax * ax) / std::f64::consts::PI.sqrt() / (ax + f);
        return (1.0 - erfc).copysign(x);
    }
    let (mut term, mut sum) = (x, x);
    for n in 1..200 {
        term *= -x * x / f64::from(n);
        sum += term / f64::from(2 * n + 1);
    }
    sum * 2.0 / std::f64::consts::PI.sqrt()
}

fn act64(act: Activation, z: f64) -> f64 {
    match act {
        Activation::Tanh => libm::tanh(z),
        Activation::Relu => z.max(0.0),
        Activation::Gelu => 0.5 * z * (1.0 + erf64(z / 2f64.sqrt())),
        Activation::Sigmoid => 1.0 / (1.0 + libm::exp(-z)),
    }
}

/// The mean loss over `rows`, sample by sample in f64, read straight from the PyTorch layout:
/// layer l's `W[o, i]` at `offset + o·fan_in + i`, then `b[o]`.
fn reference_loss(arch: &Architecture, theta: &[f64], data: &Split, rows: &[usize]) -> f64 {
    let last = arch.layers().len() - 1;
    let mut total = 0.0;
    for &r in rows {
        let mut a: Vec<f64> = data.x.row(r).iter().map(|&v| f64::from(v)).collect();
        for (l, layer) in arch.layers().iter().enumerate() {
            let z: Vec<f64> = (0..layer.fan_out)
                .map(|o| {
                    let w = &theta[layer.weight_row(o)];
                    let b = theta[layer.bias_range().start + o];
                    w.iter().zip(&a).map(|(w, a)| w * a).sum::<f64>() + b
                })
                .collect();
            a = if l == last {
                z
            } else {
                z.iter().map(|&v| act64(arch.activation(), v)).collect()
            };
        }
        let t = f64::from(data.y[r]);
        total += match arch.loss() {
            Loss::BceWithLogits => a[0].max(0.0) - a[0] * t + libm::log1p(libm::exp(-a[0].abs())),
            Loss::CrossEntropy => {
                let max = a.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let lse = max + libm::log(a.iter().map(|v| libm::exp(v - max)).sum::<f64>());
                lse - a[t as usize]
            }
            Loss::Mse => (a[0] - t).powi(2),
        };
    }
    total / rows.len() as f64
}

/// The reference gradient by central differences in f64 (h = 1e-5: truncation and rounding
/// both far below the f32 accuracy under test).
fn reference_grad(arch: &Architecture, theta: &[f64], data: &Split, rows: &[usize]) -> Vec<f64> {
    let h = 1e-5;
    let mut probe = theta.to_vec();
    (0..theta.len())
        .map(|k| {
            probe[k] = theta[k] + h;
            let up = reference_loss(arch, &probe, data, rows);
            probe[k] = theta[k] - h;
            let down = reference_loss(arch, &probe, data, rows);
            probe[k] = theta[k];
            (up - down) / (2.0 * h)
        })
        .collect()
}

/// Init plus N(0, 0.5²): weights away from the init's symmetric small values.
fn perturbed(arch: &Architecture, seed: u64) -> Vec<f64> {
    let mut rng = rng_for(seed, 77);
    arch.init_params(seed)
        .into_iter()
        .map(|t| {
            let z: f64 = StandardNormal.sample(&mut rng);
            t + 0.5 * z
        })
        .collect()
}

fn small_dataset(kind: DatasetKind, n: usize) -> basin::core::network::data::Dataset {
    DatasetSpec {
        noise: 0.1,
        seed: 11,
        ..DatasetSpec::new(kind, n, n)
    }
    .generate()
    .expect("valid dataset")
}

#[test]
fn backprop_matches_a_float64_reference_for_every_activation_and_loss() {
    for (kind, loss) in [
        (DatasetKind::Moons, Loss::BceWithLogits),
        (DatasetKind::Blobs, Loss::CrossEntropy),
        (DatasetKind::Sine, Loss::Mse),
    ] {
        let data = small_dataset(kind, 12);
        assert_eq!(Loss::for_task(data.task), loss);
        for act in Activation::ALL {
            let arch = Architecture::for_task(kind.input_dim(), &[5, 4], data.task, act)
                .expect("valid architecture");
            let mlp = Mlp::from_dataset(arch.clone(), &data).expect("valid data");
            let theta = perturbed(&arch, 5);
            let all: Vec<usize> = (0..12).collect();
            let some = [4, 1, 7, 7];
            for (batch, rows) in [(Batch::Full, &all[..]), (Batch::Indices(&some), &some[..])] {
                let mut grad = vec![0.0; arch.dim()];
                let value = mlp.loss_grad(&theta, batch, &mut grad);
                let expected = reference_loss(&arch, &theta, &data.train, rows);
                assert!(
                    (value - expected).abs() <= 1e-5 * expected.abs().max(1e-2),
                    "{kind:?} {act:?}: loss {value} vs {expected}"
                );
                assert_eq!(value, mlp.loss(&theta, batch), "loss_grad and loss agree");
                let reference = reference_grad(&arch, &theta, &data.train, rows);
                let scale = reference.iter().map(|g| g.abs()).fold(0.0, f64::max);
                assert!(scale > 1e-3, "{kind:?} {act:?}: a gradient worth testing");
                for (k, (g, r)) in grad.iter().zip(&reference).enumerate() {
                    assert!(
                        (g - r).abs() <= 1e-3 * r.abs() + 1e-5 * scale,
                        "{kind:?} {act:?} ∂θ[{k}]: {g} vs {r}"
                    );
                }
            }
        }
    }
}

#[test]
fn objective_gradient_matches_its_own_finite_differences() {
    // The same check through the f64 interface alone, at the f32 precision inside.
    let data = small_dataset(DatasetKind::Circles, 16);
    let arch = Architecture::for_task(2, &[6], Task::Binary, Activation::Tanh).expect("valid");
    let mlp = Mlp::from_dataset(arch.clone(), &data).expect("valid");
    let theta = perturbed(&arch, 2);
    let mut grad = vec![0.0; arch.dim()];
    mlp.loss_grad(&theta, Batch::Full, &mut grad);
    let scale = grad.iter().map(|g| g.abs()).fold(0.0, f64::max);
    let h = 1e-2;
    let mut probe = theta.clone();
    for k in 0..theta.len() {
        probe[k] = theta[k] + h;
        let up = mlp.loss(&probe, Batch::Full);
        probe[k] = theta[k] - h;
        let down = mlp.loss(&probe, Batch::Full);
        probe[k] = theta[k];
        let fd = (up - down) / (2.0 * h);
        assert!(
            (grad[k] - fd).abs() <= 1e-2 * fd.abs() + 1e-3 * scale,
            "∂θ[{k}]: {} vs {fd}",
            grad[k]
        );
    }
}

// ------------------------------------------------------------- layout, init, bad input

#[test]
fn parameters_are_in_pytorch_linear_order() {
    // A 2-2-1 relu net: W1 = [[1, 2], [3, 4]], b1 = [0.5, −0.5], W2 = [[1, −1]], b2 = [0.25].
    let arch = Architecture::new(vec![2, 2, 1], Activation::Relu, Loss::Mse).expect("valid");
    let theta = [1.0, 2.0, 3.0, 4.0, 0.5, -0.5, 1.0, -1.0, 0.25];
    assert_eq!(arch.dim(), theta.len());
    let x = array![[2.0f32, 1.0], [1.0, -1.0], [-1.0, 0.5]];
    // x₁ = (2, 1): z = (2+2+0.5, 6+4−0.5) = (4.5, 9.5), out = 4.5 − 9.5 + 0.25 = −4.75.
    // x₂ = (1, −1): z = (−0.5, −1.5) → relu 0, out = 0.25.
    // x₃ = (−1, 0.5): z = (0.5, −1.5) → (0.5, 0), out = 0.75.
    // Reading W as [in, out] (the transpose) would give −1.75 for x₁.
    let y = array![0.0f32, 0.0, 1.0];
    let mlp = Mlp::new(
        arch,
        Split {
            x: x.clone(),
            y: y.clone(),
        },
        Split::empty(2),
    )
    .expect("valid");
    let out = mlp.outputs(&theta, x.view()).expect("right shapes");
    assert_eq!(out, array![[-4.75f32], [0.25], [0.75]]);
    // MSE, mean over samples: (22.5625 + 0.0625 + 0.0625) / 3.
    let loss = mlp.loss(&theta, Batch::Full);
    assert!((loss - 22.6875 / 3.0).abs() < 1e-6, "{loss}");
    assert!(mlp.test_loss(&theta).is_nan(), "no test data");
    // ∂/∂b2 = mean 2(out − y) = 2(−4.75 + 0.25 − 0.25)/3; ∂/∂W2 = mean 2(out−y)·relu(z).
    let mut grad = vec![0.0; 9];
    mlp.loss_grad(&theta, Batch::Full, &mut grad);
    assert!((grad[8] - 2.0 * (-4.75) / 3.0).abs() < 1e-6);
    assert!((grad[6] - 2.0 * (-4.75 * 4.5 + (-0.25) * 0.5) / 3.0).abs() < 1e-5);
    assert!((grad[7] - 2.0 * (-4.75 * 9.5) / 3.0).abs() < 1e-5);
}

#[test]
fn init_is_pytorch_linear_default_and_seeded() {
    let arch = Architecture::new(vec![2, 16, 16, 1], Activation::Tanh, Loss::BceWithLogits)
        .expect("valid");
    let theta = arch.init_params(3);
    assert_eq!(theta.len(), 16 * 3 + 16 * 17 + 17);
    for layer in arch.layers() {
        let bound = 1.0 / (layer.fan_in as f64).sqrt();
        let values = &theta[layer.range()];
        assert!(values.iter().all(|v| v.abs() < bound), "within ±1/√fan_in");
        let max = values.iter().map(|v| v.abs()).fold(0.0, f64::max);
        if values.len() >= 40 {
            assert!(max > 0.85 * bound, "fills the range: {max} of {bound}");
        }
    }
    // The 256 weights of the middle layer: U(−¼, ¼) has variance 1/48.
    let w = &theta[arch.layers()[1].weight_range()];
    let mean = w.iter().sum::<f64>() / w.len() as f64;
    let var = w.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / w.len() as f64;
    assert!(
        mean.abs() < 0.03 && (var * 48.0 - 1.0).abs() < 0.2,
        "{mean} {var}"
    );
    assert_eq!(theta, arch.init_params(3));
    assert_ne!(theta, arch.init_params(4));
}

#[test]
fn bad_shapes_and_values_are_errors_that_say_what_was_expected() {
    let arch = Architecture::for_task(2, &[4], Task::Binary, Activation::Tanh).expect("valid");
    let three_columns = Split {
        x: Array2::zeros((5, 3)),
        y: Array1::zeros(5),
    };
    let err = Mlp::new(arch.clone(), three_columns, Split::empty(2)).expect_err("wrong shape");
    assert_eq!(
        err.to_string(),
        "train inputs have shape [5, 3], expected [n, 2]"
    );
    let mut nan = small_dataset(DatasetKind::Moons, 6);
    nan.test.x[[2, 1]] = f32::NAN;
    let err = Mlp::from_dataset(arch.clone(), &nan).expect_err("NaN");
    assert!(matches!(
        err,
        MlpError::BadSample {
            split: "test",
            index: 2,
            ..
        }
    ));
    let mut bad_label = small_dataset(DatasetKind::Moons, 6);
    bad_label.train.y[0] = 2.0;
    assert!(Mlp::from_dataset(arch.clone(), &bad_label).is_err());
    let short_y = Split {
        x: Array2::zeros((5, 2)),
        y: Array1::zeros(4),
    };
    assert!(matches!(
        Mlp::new(arch.clone(), short_y, Split::empty(2)),
        Err(MlpError::TargetCount { .. })
    ));
    assert!(Architecture::new(vec![2], Activation::Tanh, Loss::Mse).is_err());
    assert!(Architecture::new(vec![2, 0, 1], Activation::Tanh, Loss::Mse).is_err());
    assert!(Architecture::new(vec![2, 4, 1], Activation::Tanh, Loss::CrossEntropy).is_err());
    assert!(Architecture::new(vec![2, 4, 3], Activation::Tanh, Loss::BceWithLogits).is_err());
    let err = arch.check_params(7).expect_err("wrong length");
    assert!(err.to_string().contains("length 7, expected 17"), "{err}");

    // Wrong-length parameters or bad batches give NaN through the Objective, never a panic.
    let mlp =
        Mlp::from_dataset(arch.clone(), &small_dataset(DatasetKind::Moons, 6)).expect("valid");
    let mut grad = vec![0.0; arch.dim()];
    assert!(mlp.loss_grad(&[0.0; 3], Batch::Full, &mut grad).is_nan());
    assert!(grad.iter().all(|g| g.is_nan()));
    let theta = arch.init_params(0);
    assert!(mlp.loss(&theta, Batch::Indices(&[0, 6])).is_nan());
    assert!(mlp.loss(&theta, Batch::Indices(&[])).is_nan());
    assert!(mlp.loss(&theta, Batch::Full).is_finite());
    assert!(mlp.outputs(&theta, Array2::zeros((3, 1)).view()).is_err());
}

#[test]
fn build_mlp_picks_outputs_and_loss_from_the_dataset() {
    use basin::core::network::{NetworkError, build_mlp};
    let blobs = DatasetSpec {
        classes: 4,
        ..DatasetSpec::new(DatasetKind::Blobs, 40, 8)
    };
    let mlp = build_mlp(&blobs, &[5], Activation::Relu).expect("valid");
    assert_eq!(mlp.architecture().sizes(), &[2, 5, 4]);
    assert_eq!(mlp.architecture().loss(), Loss::CrossEntropy);
    assert_eq!((mlp.n_train(), mlp.split(DataSplit::Test).len()), (40, 8));
    let sine = DatasetSpec::new(DatasetKind::Sine, 10, 10);
    let mlp = build_mlp(&sine, &[3, 3], Activation::Sigmoid).expect("valid");
    assert_eq!(mlp.architecture().sizes(), &[1, 3, 3, 1]);
    assert_eq!(mlp.architecture().loss(), Loss::Mse);
    let empty = DatasetSpec::new(DatasetKind::Moons, 0, 10);
    assert!(matches!(
        build_mlp(&empty, &[3], Activation::Tanh),
        Err(NetworkError::Data(_))
    ));
    let too_wide = DatasetSpec::new(DatasetKind::Moons, 10, 10);
    let err = build_mlp(&too_wide, &[100_000], Activation::Tanh).expect_err("too wide");
    assert!(err.to_string().contains("1..=4096"), "{err}");
}

// ---------------------------------------------------------------------------- training

fn adam_run(lr: f64, batch_size: usize) -> RunSpec {
    RunSpec {
        batch_size,
        ..RunSpec::new(OptimizerSpec {
            lr,
            ..OptimizerSpec::defaults(OptimizerKind::Adam)
        })
    }
}

fn train_on(mlp: &Mlp, run: &RunSpec, steps: usize, seed: u64) -> Trajectory {
    let start = mlp.architecture().init_params(seed);
    train(mlp, run, 0, &start, steps, seed, &AtomicBool::new(false))
}

fn last_point(t: &Trajectory) -> &[f64] {
    t.point(t.len() - 1)
}

#[test]
fn adam_fits_moons_through_the_training_loop() {
    let data = DatasetSpec {
        noise: 0.1,
        seed: 1,
        ..DatasetSpec::new(DatasetKind::Moons, 256, 256)
    }
    .generate()
    .expect("valid");
    let arch = Architecture::for_task(2, &[16, 16], data.task, Activation::Tanh).expect("valid");
    let mlp = Mlp::from_dataset(arch, &data).expect("valid");
    let t = train_on(&mlp, &adam_run(0.01, 32), 400, 1);
    assert_eq!(t.status, RunStatus::Finished);
    let theta = last_point(&t);
    let train_acc = mlp
        .accuracy(theta, DataSplit::Train)
        .expect("classification");
    let test_acc = mlp
        .accuracy(theta, DataSplit::Test)
        .expect("classification");
    assert!(train_acc > 0.95, "train accuracy {train_acc}");
    assert!(test_acc > 0.9, "test accuracy {test_acc}");
    assert!(t.train_loss[t.len() - 1] < 0.25 * t.train_loss[0]);
    // The recorded losses are the objective's full-batch and test losses.
    assert_eq!(t.train_loss[t.len() - 1], mlp.loss(theta, Batch::Full));
    assert_eq!(t.test_loss[t.len() - 1], mlp.test_loss(theta));
}

#[test]
fn a_tiny_net_underfits_spirals_and_a_big_one_fits_them() {
    let data = DatasetSpec {
        seed: 4,
        ..DatasetSpec::new(DatasetKind::Spirals, 200, 0)
    }
    .generate()
    .expect("valid");
    let accuracy = |hidden: &[usize], steps| {
        let arch = Architecture::for_task(2, hidden, data.task, Activation::Tanh).expect("valid");
        let mlp = Mlp::from_dataset(arch, &data).expect("valid");
        let t = train_on(&mlp, &adam_run(0.02, 0), steps, 3);
        mlp.accuracy(last_point(&t), DataSplit::Train)
            .expect("classification")
    };
    // 2-2-1 reaches 0.63 here, 2-32-32-1 reaches 1.0 (both with Adam, lr 0.02, full batch).
    let tiny = accuracy(&[2], 600);
    let big = accuracy(&[32, 32], 600);
    assert!(tiny < 0.7, "tiny net accuracy {tiny}");
    assert!(big > 0.95, "big net accuracy {big}");
}

#[test]
fn a_diverging_network_run_is_marked_diverged() {
    // Regression with plain SGD at lr = 100: the MSE gradient grows with the residual, so
    // the weights blow up geometrically, leave f32's range, and the f32 forward pass gives a
    // non-finite loss, which ends the run instead of panicking. (BCE would not diverge: its
    // gradient is bounded, so the loss only grows linearly.)
    let sine = small_dataset(DatasetKind::Sine, 16);
    let arch = Architecture::for_task(1, &[8], sine.task, Activation::Tanh).expect("valid");
    let mlp = Mlp::from_dataset(arch, &sine).expect("valid");
    let sgd = RunSpec::new(OptimizerSpec {
        lr: 100.0,
        ..OptimizerSpec::defaults(OptimizerKind::Sgd)
    });
    let t = train_on(&mlp, &sgd, 200, 1);
    assert!(t.diverged(), "{:?}", t.status);
    assert!(t.len() > 1 && t.train_loss.iter().all(|l| l.is_finite()));
}

#[test]
fn training_is_deterministic() {
    let data = small_dataset(DatasetKind::Xor, 64);
    let arch = Architecture::for_task(2, &[8], data.task, Activation::Gelu).expect("valid");
    let mlp = Mlp::from_dataset(arch, &data).expect("valid");
    let a = train_on(&mlp, &adam_run(0.05, 8), 50, 9);
    let b = train_on(&mlp, &adam_run(0.05, 8), 50, 9);
    assert_eq!(a, b);
    let other_seed = train_on(&mlp, &adam_run(0.05, 8), 50, 10);
    assert_ne!(a.params, other_seed.params);
}

// -------------------------------------------------------------------------- directions

fn moons_mlp(hidden: &[usize]) -> Mlp {
    let data = small_dataset(DatasetKind::Moons, 48);
    let arch = Architecture::for_task(2, hidden, data.task, Activation::Tanh).expect("valid");
    Mlp::from_dataset(arch, &data).expect("valid")
}

fn row_norm(v: &[f64]) -> f64 {
    v.iter().map(|x| x * x).sum::<f64>().sqrt()
}

#[test]
fn filter_normalization_gives_each_row_the_norm_of_thetas_row() {
    let mlp = moons_mlp(&[8, 5]);
    let arch = mlp.architecture();
    let theta0 = perturbed(arch, 4);
    let plane = random_plane(arch, &theta0, 21, BiasDirection::Zero).expect("valid");
    for d in [plane.d1(), plane.d2()] {
        for layer in arch.layers() {
            for neuron in 0..layer.fan_out {
                let rows = layer.weight_row(neuron);
                let (got, want) = (row_norm(&d[rows.clone()]), row_norm(&theta0[rows]));
                assert!((got - want).abs() <= 1e-9 * want, "{got} vs {want}");
            }
            assert!(d[layer.bias_range()].iter().all(|&b| b == 0.0));
        }
    }
    assert_eq!(plane.origin(), &theta0[..]);
    assert_ne!(plane.d1(), plane.d2());
    // The seed fixes the plane; another seed gives another one.
    let again = random_plane(arch, &theta0, 21, BiasDirection::Zero).expect("valid");
    assert_eq!(plane, again);
    let other = random_plane(arch, &theta0, 22, BiasDirection::Zero).expect("valid");
    assert_ne!(plane.d1(), other.d1());
    // With biases kept, the bias part of d is θ₀'s.
    let mut d = directions::gaussian_direction(arch.dim(), 1, 2);
    filter_normalize(arch, &mut d, &theta0, BiasDirection::LikeTheta).expect("lengths");
    for layer in arch.layers() {
        assert_eq!(d[layer.bias_range()], theta0[layer.bias_range()]);
    }
    assert!(filter_normalize(arch, &mut d[..5].to_vec(), &theta0, BiasDirection::Zero).is_err());
}

/// A synthetic path in 30 or 3 dimensions: θ_t = c + α_t·u + β_t·v (+ nothing else), with
/// u ⟂ v unit vectors.
fn synthetic_path(dim: usize, alpha: &[f64], beta: &[f64]) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut u = vec![0.0; dim];
    let mut v = vec![0.0; dim];
    // u = (1, 2, 2, 0, …)/3, v = (2, −2, 1, 0, …)/3: orthonormal, not coordinate axes.
    u[..3].copy_from_slice(&[1.0 / 3.0, 2.0 / 3.0, 2.0 / 3.0]);
    v[..3].copy_from_slice(&[2.0 / 3.0, -2.0 / 3.0, 1.0 / 3.0]);
    let c: Vec<f64> = (0..dim).map(|k| 0.1 * k as f64 - 1.0).collect();
    let mut params = Vec::new();
    for (a, b) in alpha.iter().zip(beta) {
        params.extend((0..dim).map(|k| c[k] + a * u[k] + b * v[k]));
    }
    (params, u, v)
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[test]
fn pca_of_a_straight_path_finds_the_line() {
    for dim in [3, 30] {
        let alpha: Vec<f64> = (0..20).map(|t| 2.0 - 0.1 * t as f64).collect();
        let (params, u, _) = synthetic_path(dim, &alpha, &[0.0; 20]);
        let pca = pca_plane(&params, dim, 0).expect("a moving path");
        let [r1, r2] = pca.explained_variance_ratio;
        assert!((r1 - 1.0).abs() < 1e-9 && r2 < 1e-9, "{r1} {r2}");
        let d1 = pca.plane.d1();
        assert!((dot(d1, &u).abs() - 1.0).abs() < 1e-9, "d₁ is ±u");
        assert!(dot(d1, pca.plane.d2()).abs() < 1e-12);
        assert!((row_norm(pca.plane.d2()) - 1.0).abs() < 1e-12);
        // The path starts at negative a and ends at the origin; coordinates are distances.
        assert!((pca.coords[0][0] + 1.9).abs() < 1e-9 && pca.coords[0][1].abs() < 1e-9);
        assert_eq!(pca.coords[19], [0.0, 0.0]);
        assert_eq!(pca.plane.origin(), &params[19 * dim..]);
    }
}

#[test]
fn pca_explained_variance_is_right_on_an_ellipse() {
    // α = 3cos, β = sin over a full period: centred variances 9/2 and 1/2, uncorrelated, so
    // the explained ratios are 0.9 and 0.1 and the directions are u and v.
    let n = 24;
    let angle = |t: usize| 2.0 * std::f64::consts::PI * t as f64 / n as f64;
    let alpha: Vec<f64> = (0..n).map(|t| 3.0 * libm::cos(angle(t))).collect();
    let beta: Vec<f64> = (0..n).map(|t| libm::sin(angle(t))).collect();
    for dim in [3, 30] {
        let (params, u, v) = synthetic_path(dim, &alpha, &beta);
        let pca = pca_plane(&params, dim, 0).expect("a moving path");
        let [r1, r2] = pca.explained_variance_ratio;
        assert!(
            (r1 - 0.9).abs() < 1e-9 && (r2 - 0.1).abs() < 1e-9,
            "{r1} {r2}"
        );
        let (d1, d2) = (pca.plane.d1(), pca.plane.d2());
        assert!((dot(d1, &u).abs() - 1.0).abs() < 1e-9);
        assert!((dot(d2, &v).abs() - 1.0).abs() < 1e-9);
        assert!((row_norm(d1) - 1.0).abs() < 1e-12 && dot(d1, d2).abs() < 1e-12);
        // Coordinates are the path itself (up to the sign convention), relative to the end.
        let s1 = dot(d1, &u).signum();
        let s2 = dot(d2, &v).signum();
        for (t, c) in pca.coords.iter().enumerate() {
            assert!((c[0] - s1 * (alpha[t] - alpha[n - 1])).abs() < 1e-9);
            assert!((c[1] - s2 * (beta[t] - beta[n - 1])).abs() < 1e-9);
        }
        assert!(pca.coords[0][0] <= 0.0 && pca.coords[0][1] <= 0.0);
        // The path lies in the plane: the least-squares coordinates agree, distance 0.
        for (t, point) in params.chunks(dim).enumerate() {
            let [a, b] = pca.plane.plane_from_params(point);
            assert!((a - pca.coords[t][0]).abs() < 1e-9 && (b - pca.coords[t][1]).abs() < 1e-9);
            assert!(pca.plane.distance_from_plane(point) < 1e-9);
        }
    }
}

#[test]
fn pca_of_a_training_run_fits_on_a_subsample_and_projects_every_point() {
    let mlp = moons_mlp(&[8]);
    let t = train_on(&mlp, &adam_run(0.05, 16), 150, 4);
    assert_eq!(t.status, RunStatus::Finished);
    let dim = mlp.architecture().dim();
    let full = pca_plane(&t.params, dim, 0).expect("a moving path");
    let sub = pca_plane(&t.params, dim, 40).expect("a moving path");
    for pca in [&full, &sub] {
        assert_eq!(pca.coords.len(), 151);
        assert_eq!(pca.coords[150], [0.0, 0.0]);
        let [r1, r2] = pca.explained_variance_ratio;
        // Training paths are low-dimensional (Li et al. 2018): two axes hold most of it.
        assert!(r1 >= r2 && r1 + r2 > 0.8 && r1 + r2 <= 1.0, "{r1} {r2}");
        let (d1, d2) = (pca.plane.d1(), pca.plane.d2());
        assert!((row_norm(d1) - 1.0).abs() < 1e-12 && (row_norm(d2) - 1.0).abs() < 1e-12);
        assert!(dot(d1, d2).abs() < 1e-12);
        assert!(pca.coords[0][0] <= 0.0 && pca.coords[0][1] <= 0.0);
    }
    // Forty evenly spaced points find nearly the same first axis as all 151.
    assert!(dot(full.plane.d1(), sub.plane.d1()) > 0.99);
    let gap = (full.explained_variance_ratio[0] - sub.explained_variance_ratio[0]).abs();
    assert!(gap < 0.05, "{gap}");
}

#[test]
fn pca_rejects_paths_that_span_nothing() {
    assert!(matches!(
        pca_plane(&[1.0, 2.0, 1.0, 2.0], 2, 0),
        Err(DirectionError::TooFewPoints { points: 2 })
    ));
    assert!(matches!(
        pca_plane(&[1.0; 12], 2, 0),
        Err(DirectionError::NoSpread { .. })
    ));
    assert!(pca_plane(&[1.0; 7], 2, 0).is_err());
    assert!(pca_plane(&[1.0, f64::NAN, 0.0, 0.0, 1.0, 1.0], 2, 0).is_err());
}

#[test]
fn the_solutions_plane_passes_through_both_solutions() {
    let mlp = moons_mlp(&[6]);
    let arch = mlp.architecture();
    let theta_a = perturbed(arch, 1);
    let theta_b = perturbed(arch, 2);
    let plane = solutions_plane(arch, &theta_a, &theta_b, 5, BiasDirection::Zero).expect("valid");
    assert_eq!(plane.params_from_plane(0.0, 0.0), theta_a);
    let at_b = plane.params_from_plane(1.0, 0.0);
    assert!(
        at_b.iter()
            .zip(&theta_b)
            .all(|(x, y)| (x - y).abs() < 1e-12)
    );
    assert!(dot(plane.d1(), plane.d2()).abs() < 1e-9 * row_norm(plane.d1()) * row_norm(plane.d2()));
    let [a, b] = plane.plane_from_params(&theta_b);
    assert!((a - 1.0).abs() < 1e-12 && b.abs() < 1e-12);
    assert!(solutions_plane(arch, &theta_a, &theta_a, 5, BiasDirection::Zero).is_err());

    // The 1-D interpolation meets the two losses at α = 0 and 1.
    let alphas = directions::alphas([-1.0, 2.0], 13);
    assert_eq!(
        (alphas[0], alphas[4], alphas[8], alphas[12]),
        (-1.0, 0.0, 1.0, 2.0)
    );
    let line = directions::interpolate(&mlp, &theta_a, &theta_b, &alphas).expect("lengths");
    assert_eq!(line[4].train_loss, mlp.loss(&theta_a, Batch::Full));
    assert_eq!(line[4].test_loss, mlp.test_loss(&theta_a));
    assert!((line[8].train_loss - mlp.loss(&theta_b, Batch::Full)).abs() < 1e-6);
    assert!(directions::interpolate(&mlp, &theta_a, &theta_b[1..], &alphas).is_err());
}

// ------------------------------------------------------------------------------- planes

#[test]
fn plane_coordinates_round_trip_and_measure_the_distance() {
    let dim = 7;
    let origin: Vec<f64> = (0..dim).map(|k| k as f64 * 0.3 - 1.0).collect();
    let d1 = vec![1.0, 0.5, 0.0, -0.2, 0.0, 0.0, 0.3];
    let d2 = vec![0.4, 1.0, 0.1, 0.0, 0.0, 0.0, 0.0]; // not orthogonal to d1
    let plane = Plane::new(origin.clone(), d1, d2).expect("independent");
    for (a, b) in [(0.0, 0.0), (1.0, -2.0), (-0.37, 0.81), (12.5, 3.25)] {
        let theta = plane.params_from_plane(a, b);
        let [a2, b2] = plane.plane_from_params(&theta);
        assert!(
            (a2 - a).abs() < 1e-12 && (b2 - b).abs() < 1e-12,
            "({a}, {b})"
        );
        assert!(plane.distance_from_plane(&theta) < 1e-12);
        // Leave the plane along e₅ (orthogonal to both directions): same coordinates,
        // distance 2.
        let mut off = theta.clone();
        off[4] += 2.0;
        let [a3, b3] = plane.plane_from_params(&off);
        assert!((a3 - a).abs() < 1e-12 && (b3 - b).abs() < 1e-12);
        assert!((plane.distance_from_plane(&off) - 2.0).abs() < 1e-12);
        let foot = plane.nearest_on_plane(&off);
        assert!(foot.iter().zip(&theta).all(|(x, y)| (x - y).abs() < 1e-12));
    }
    let coords = plane.project_points(&[plane.params_from_plane(1.0, 2.0), origin].concat());
    assert!((coords[0][0] - 1.0).abs() < 1e-12 && (coords[0][1] - 2.0).abs() < 1e-12);
    assert_eq!(coords[1], [0.0, 0.0]);
    assert!(plane.plane_from_params(&[0.0; 3])[0].is_nan());
    assert!(Plane::new(vec![0.0; 2], vec![1.0, 1.0], vec![2.0, 2.0]).is_err());
    assert!(Plane::new(vec![0.0; 2], vec![1.0, 0.0], vec![0.0; 2]).is_err());
    assert!(Plane::new(vec![0.0; 2], vec![1.0, 0.0], vec![0.0, 1.0, 0.0]).is_err());
    assert!(Plane::new(vec![0.0; 2], vec![1.0, f64::NAN], vec![0.0, 1.0]).is_err());
}

#[test]
fn grid_rows_are_b_and_columns_are_a_and_the_centre_is_theta0() {
    let mlp = moons_mlp(&[6, 4]);
    let arch = mlp.architecture();
    let theta0 = perturbed(arch, 8);
    let plane = random_plane(arch, &theta0, 3, BiasDirection::Zero).expect("valid");
    // Odd sizes and asymmetric, different ranges: a transposed grid cannot pass.
    let spec = GridSpec {
        x: [-1.0, 1.0],
        y: [-0.5, 0.5],
        nx: 5,
        ny: 3,
    };
    let grid = MlpRows::new(&mlp, &plane, Layer::Train, spec).grid();
    assert_eq!(grid.values.dim(), (3, 5));
    assert_eq!(
        grid.values[[1, 2]],
        mlp.loss(&theta0, Batch::Full),
        "centre is θ₀"
    );
    for i in 0..spec.ny {
        for j in 0..spec.nx {
            let theta = plane.params_from_plane(spec.x_at(j), spec.y_at(i));
            assert_eq!(
                grid.values[[i, j]],
                mlp.loss(&theta, Batch::Full),
                "cell ({i}, {j})"
            );
        }
    }
    // The generic per-objective rows give the same bits, for every layer.
    for layer in Layer::ALL {
        let fast = MlpRows::new(&mlp, &plane, layer, spec).grid();
        let generic = plane.grid(&mlp, layer, spec);
        assert_eq!(fast, generic, "{layer:?}");
    }
    let test = MlpRows::new(&mlp, &plane, Layer::Test, spec).grid();
    let gap = MlpRows::new(&mlp, &plane, Layer::Gap, spec).grid();
    assert_eq!(gap.values, &test.values - &grid.values);
    assert_eq!(test.values[[1, 2]], mlp.test_loss(&theta0));
    // A plane of another dimension gives NaN cells, not a panic.
    let wrong = Plane::new(vec![0.0; 3], vec![1.0, 0.0, 0.0], vec![0.0, 1.0, 0.0]).expect("ok");
    let mut row = vec![0.0; 4];
    MlpRows::new(&mlp, &wrong, Layer::Train, spec).fill(0, &mut row);
    assert!(row.iter().all(|v| v.is_nan()));
}

#[test]
fn grid_rows_in_any_order_give_the_same_bits() {
    let mlp = moons_mlp(&[8]);
    let arch = mlp.architecture();
    let plane = random_plane(arch, &arch.init_params(1), 1, BiasDirection::Zero).expect("ok");
    let spec = GridSpec::square([-1.0, 1.0], [-1.0, 1.0], 7);
    let rows = MlpRows::new(&mlp, &plane, Layer::Train, spec);
    let forward = rows.grid();
    let mut reversed = Array2::zeros((7, 7));
    for i in (0..7).rev() {
        let mut row = vec![0.0; 7];
        rows.fill(i, &mut row);
        reversed.row_mut(i).assign(&Array1::from(row));
    }
    assert_eq!(forward.values, reversed);
    // Rows on two threads, as the jobs layer will run them.
    let threaded: Vec<Vec<f64>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..7)
            .map(|i| {
                scope.spawn(move || {
                    let mut row = vec![0.0; 7];
                    rows.fill(i, &mut row);
                    row
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("row thread"))
            .collect()
    });
    for (i, row) in threaded.iter().enumerate() {
        assert_eq!(forward.values.row(i).to_vec(), *row);
    }
}

#[test]
fn decision_boundary_grid_has_the_landscape_orientation() {
    // One logit z = 2x − 1 (a 2-1 "network"): p rises along columns, is constant along rows.
    let arch = Architecture::new(vec![2, 1], Activation::Tanh, Loss::BceWithLogits).expect("ok");
    let data = small_dataset(DatasetKind::Moons, 4);
    let mlp = Mlp::from_dataset(arch, &data).expect("valid");
    let theta = [2.0, 0.0, -1.0];
    let spec = GridSpec {
        x: [-1.0, 1.0],
        y: [0.0, 3.0],
        nx: 5,
        ny: 4,
    };
    let probs = mlp.predict_grid(&theta, &spec).expect("2-D inputs");
    assert_eq!(probs.dim(), (4, 5, 1));
    for i in 0..4 {
        for j in 0..5 {
            let z = 2.0 * spec.x_at(j) - 1.0;
            let p = 1.0 / (1.0 + libm::exp(-z));
            assert!((f64::from(probs[[i, j, 0]]) - p).abs() < 1e-6);
        }
    }
    // Multi-class probabilities sum to one; regression curves need a 1-input network.
    let blobs = small_dataset(DatasetKind::Blobs, 9);
    let arch = Architecture::for_task(2, &[4], blobs.task, Activation::Relu).expect("ok");
    let theta = arch.init_params(2);
    let mlp = Mlp::from_dataset(arch, &blobs).expect("valid");
    let probs = mlp.predict_grid(&theta, &spec).expect("2-D");
    assert_eq!(probs.dim(), (4, 5, 3));
    for cell in probs.lanes(ndarray::Axis(2)) {
        assert!((cell.sum() - 1.0).abs() < 1e-5);
    }
    assert!(mlp.predict_curve(&theta, &[0.0, 0.5]).is_err());
    let sine = small_dataset(DatasetKind::Sine, 8);
    let arch = Architecture::for_task(1, &[4], sine.task, Activation::Tanh).expect("ok");
    let theta = arch.init_params(5);
    let mlp = Mlp::from_dataset(arch, &sine).expect("valid");
    let curve = mlp.predict_curve(&theta, &[-0.5, 0.0, 0.5]).expect("1-D");
    let direct = mlp
        .outputs(&theta, array![[-0.5f32], [0.0], [0.5]].view())
        .expect("ok");
    assert_eq!(
        curve,
        direct.iter().map(|&v| f64::from(v)).collect::<Vec<_>>()
    );
    assert!(mlp.predict_grid(&theta, &spec).is_err());
    assert_eq!(mlp.accuracy(&theta, DataSplit::Train), None);
}

#[test]
fn network_types_can_move_to_worker_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Mlp>();
    shareable::<Plane>();
    shareable::<MlpRows<'static>>();
    shareable::<basin::core::network::directions::PcaPlane>();
    shareable::<basin::core::network::mlp::Scratch>();
    shareable::<basin::core::network::data::Dataset>();
}

/// Batches of `SPLIT_BATCH` samples and more are computed as two halves side by side: the
/// gradient still matches the float64 reference, and it is the same bits on a pool of one
/// thread (the halves one after the other) and of two (side by side).
#[test]
fn split_batches_match_the_reference_on_one_thread_and_two() {
    use basin::core::network::mlp::SPLIT_BATCH;
    let n = 3 * SPLIT_BATCH;
    let data = small_dataset(DatasetKind::Blobs, n);
    let arch = Architecture::for_task(
        DatasetKind::Blobs.input_dim(),
        &[16, 16],
        data.task,
        Activation::Tanh,
    )
    .expect("valid architecture");
    let mlp = Mlp::from_dataset(arch.clone(), &data).expect("valid data");
    let theta = perturbed(&arch, 9);
    let odd: Vec<usize> = (0..SPLIT_BATCH + 1).map(|i| (i * 7) % n).collect();
    let all: Vec<usize> = (0..n).collect();
    for (batch, rows) in [(Batch::Full, &all[..]), (Batch::Indices(&odd), &odd[..])] {
        let on = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a pool");
            pool.install(|| {
                let mut grad = vec![0.0; arch.dim()];
                let loss = mlp.loss_grad(&theta, batch, &mut grad);
                (loss, grad)
            })
        };
        let (one, two) = (on(1), on(2));
        assert_eq!(one.0.to_bits(), two.0.to_bits(), "the loss, 1 vs 2 threads");
        assert!(
            one.1
                .iter()
                .zip(&two.1)
                .all(|(a, b)| a.to_bits() == b.to_bits()),
            "the gradient, 1 vs 2 threads"
        );
        let expected = reference_loss(&arch, &theta, &data.train, rows);
        assert!((one.0 - expected).abs() <= 1e-5 * expected.abs());
        assert!((one.0 - mlp.loss(&theta, batch)).abs() <= 1e-6 * expected.abs());
        let reference = reference_grad(&arch, &theta, &data.train, rows);
        let scale = reference.iter().map(|g| g.abs()).fold(0.0, f64::max);
        for (k, (g, r)) in one.1.iter().zip(&reference).enumerate() {
            assert!(
                (g - r).abs() <= 1e-3 * r.abs() + 1e-5 * scale,
                "∂θ[{k}]: {g} vs {r}"
            );
        }
    }
}
