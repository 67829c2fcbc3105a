//! The step anatomy against steps computed by hand with PyTorch's formulas, on
//! f(x, y) = x² + 4y² (∇f = (2x, 8y)) from (1, 0.5), and the replay against the trajectory
//! the training loop recorded.

use std::sync::atomic::AtomicBool;

use super::{Overlay, StepAnatomy, step_anatomy};
use crate::core::objective::{Batch, Objective};
use crate::core::optim::{OptimizerKind, OptimizerSpec};
use crate::core::train::{RunSpec, train};

/// f(x, y) = x² + 4y² as a one-sample objective.
struct Bowl;

impl Objective for Bowl {
    fn dim(&self) -> usize {
        2
    }
    fn n_train(&self) -> usize {
        1
    }
    fn loss_grad(&self, p: &[f64], _: Batch<'_>, g: &mut [f64]) -> f64 {
        g[0] = 2.0 * p[0];
        g[1] = 8.0 * p[1];
        self.loss(p, Batch::Full)
    }
    fn loss(&self, p: &[f64], _: Batch<'_>) -> f64 {
        p[0] * p[0] + 4.0 * p[1] * p[1]
    }
    fn test_loss(&self, p: &[f64]) -> f64 {
        self.loss(p, Batch::Full)
    }
}

fn at(spec: OptimizerSpec, step: usize) -> StepAnatomy {
    assert_eq!(spec.validate(), Ok(()));
    let run = RunSpec::new(spec);
    step_anatomy(
        &Bowl,
        &run,
        0,
        &[1.0, 0.5],
        0,
        step,
        &AtomicBool::new(false),
    )
    .expect("a finite step")
}

fn close(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len());
    for (a, b) in got.iter().zip(want) {
        assert!(
            (a - b).abs() <= 1e-9 * b.abs().max(1.0),
            "got {got:?}, want {want:?}"
        );
    }
}

fn spec(kind: OptimizerKind) -> OptimizerSpec {
    OptimizerSpec {
        lr: 0.1,
        ..OptimizerSpec::defaults(kind)
    }
}

#[test]
fn sgd_with_momentum_by_hand() {
    // η = 0.1, μ = 0.9. Step 0: g = (2, 4), v = g, θ₁ = (0.8, 0.1).
    // Step 1: g = (1.6, 0.8); v = 0.9·(2, 4) + (1.6, 0.8) = (3.4, 4.4);
    //         θ₂ = (0.8, 0.1) − 0.1·(3.4, 4.4) = (0.46, −0.34).
    let a = at(
        OptimizerSpec {
            momentum: 0.9,
            ..spec(OptimizerKind::Sgd)
        },
        1,
    );
    close(&a.theta, &[0.8, 0.1]);
    close(&a.gradient_step(), &[-0.16, -0.08]);
    close(&a.batch_step(), &[-0.16, -0.08]);
    close(&a.before.momentum, &[2.0, 4.0]);
    close(&a.momentum_step().unwrap(), &[-0.34, -0.44]);
    close(&a.update(), &[-0.34, -0.44]);
    close(&a.theta_next, &[0.46, -0.34]);
    assert!(!a.has(Overlay::StepSize) && !a.has(Overlay::LookAhead) && !a.has(Overlay::Ascent));
    let lines = a.rule_lines();
    assert_eq!(
        lines,
        [
            "v ← μ·v + g = 0.900·(2.00, 4.00) + (1.60, 0.800) = (3.40, 4.40)",
            "θ ← θ − η·v = (0.800, 0.100) − 0.100·(3.40, 4.40) = (0.460, −0.340)",
        ]
    );
}

#[test]
fn nesterov_by_hand() {
    // η = 0.1, μ = 0.9. Step 0: g = (2, 4), b = g, step g + μb = (3.8, 7.6),
    //   θ₁ = (0.62, −0.26).
    // Step 1: g = (1.24, −2.08); b = 0.9·(2, 4) + g = (3.04, 1.52);
    //   g + μb = (3.976, −0.712); θ₂ = (0.2224, −0.1888).
    //   Look-ahead θ₁ − η·μ·b₀ = (0.62 − 0.18, −0.26 − 0.36) = (0.44, −0.62).
    let a = at(
        OptimizerSpec {
            momentum: 0.9,
            nesterov: true,
            ..spec(OptimizerKind::Sgd)
        },
        1,
    );
    close(&a.theta, &[0.62, -0.26]);
    close(&a.gradient_step(), &[-0.124, 0.208]);
    close(&a.momentum_step().unwrap(), &[-0.304, -0.152]);
    close(&a.update(), &[-0.3976, 0.0712]);
    close(&a.look_ahead().unwrap(), &[0.44, -0.62]);
    assert!(a.rule_lines()[1].starts_with("θ ← θ − η·(g + μ·v)"));
}

#[test]
fn adam_bias_corrected_by_hand() {
    // η = 0.1, β = (0.9, 0.999), ε = 1e−8. Step 0: g = (2, 4), m̂ = g, v̂ = g², so
    //   θ₁ = θ₀ − 0.1·g/(|g| + 1e−8) ≈ (0.9, 0.4).
    // Step 1 (t = 2): g ≈ (1.8, 3.2); m = 0.9·(0.2, 0.4) + 0.1·g = (0.36, 0.68);
    //   v = 0.999·(0.004, 0.016) + 0.001·g² = (0.007236, 0.026224);
    //   m̂ = m/(1 − 0.9²) = m/0.19; v̂ = v/(1 − 0.999²) = v/0.001999;
    //   step sizes η/(√v̂ + ε); update −(step size)·m̂.
    let a = at(spec(OptimizerKind::Adam), 1);
    let loose = |got: &[f64], want: &[f64]| {
        for (x, y) in got.iter().zip(want) {
            assert!((x - y).abs() < 1e-8, "got {got:?}, want {want:?}");
        }
    };
    loose(&a.theta, &[0.9, 0.4]);
    let m_hat = [0.36 / 0.19, 0.68 / 0.19];
    let v_hat: [f64; 2] = [0.007_236 / 0.001_999, 0.026_224 / 0.001_999];
    let sizes: Vec<f64> = v_hat.iter().map(|v| 0.1 / (v.sqrt() + 1e-8)).collect();
    loose(&a.after.first_moment, &m_hat);
    loose(
        &a.momentum_step().unwrap(),
        &[-0.1 * m_hat[0], -0.1 * m_hat[1]],
    );
    loose(a.step_sizes().unwrap(), &sizes);
    loose(&a.update(), &[-sizes[0] * m_hat[0], -sizes[1] * m_hat[1]]);
    assert_eq!(a.after.steps, 2);
    assert!(a.has(Overlay::StepSize) && !a.has(Overlay::LookAhead));
    assert_eq!(a.rule_lines().len(), 4);
}

#[test]
fn sam_ascent_point_by_hand() {
    // SAM(ρ = 0.05) over SGD, η = 0.1, step 0 at (1, 0.5): g = (2, 4), ‖g‖ = √20;
    //   ascent θ + ρ·g/‖g‖ = (1 + 0.1/√20, 0.5 + 0.2/√20); the base steps with the gradient
    //   there, (2 + 0.2/√20, 4 + 1.6/√20).
    let a = at(spec(OptimizerKind::Sam), 0);
    let r = 20.0_f64.sqrt();
    let ascent = [1.0 + 0.1 / r, 0.5 + 0.2 / r];
    close(a.ascent().unwrap(), &ascent);
    close(&a.after.ascent_grad, &[2.0 * ascent[0], 8.0 * ascent[1]]);
    close(&a.batch_step(), &[-0.2, -0.4]);
    close(&a.update(), &[-0.2 * ascent[0], -0.8 * ascent[1]]);
    assert!(a.rule_lines()[0].starts_with("θ_asc = θ + ρ·g/‖g‖"));
}

#[test]
fn the_replay_lands_on_the_recorded_trajectory() {
    // Mini-batches, gradient noise, clipping and a schedule: the replayed step starts and
    // ends where training went.
    let problem = crate::core::surface::ShiftedCopies::new(
        crate::core::surface::Surface::new(crate::core::surface::SurfaceKind::Rosenbrock),
        16,
        0.3,
        16,
        3,
    );
    for kind in OptimizerKind::ALL {
        let mut run = RunSpec::new(OptimizerSpec {
            lr: 1e-3,
            momentum: 0.5,
            ..OptimizerSpec::defaults(kind)
        });
        run.batch_size = 4;
        run.grad_noise = 0.1;
        run.clip_grad_norm = Some(5.0);
        let start = [-1.0, 1.5];
        let never = AtomicBool::new(false);
        let t = train(&problem, &run, 2, &start, 12, 3, &never);
        for step in [0, 5, 11] {
            let a = step_anatomy(&problem, &run, 2, &start, 3, step, &never).unwrap();
            assert_eq!(a.theta, t.point(step), "{kind:?} step {step}");
            assert_eq!(a.theta_next, t.point(step + 1), "{kind:?} step {step}");
            assert_eq!(a.lr, t.lr[step]);
        }
    }
}
