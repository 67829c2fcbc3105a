//! Tests of the surfaces and the shifted-copies problem.

use super::closed_form::to_f64;
use super::*;
use rand::RngExt as _;

/// Points inside each kind's default view where it is smooth (Ackley: away from 0).
fn probe_points(kind: SurfaceKind) -> Vec<[f64; 2]> {
    let ([x0, x1], [y0, y1]) = kind.default_view();
    let mut points = vec![kind.default_start()];
    for &(tx, ty) in &[
        (0.13, 0.71),
        (0.37, 0.29),
        (0.52, 0.55),
        (0.81, 0.12),
        (0.66, 0.93),
    ] {
        points.push([x0 + tx * (x1 - x0), y0 + ty * (y1 - y0)]);
    }
    if kind == SurfaceKind::SharpFlat {
        // Inside the narrow dimple, where the curvature is largest.
        points.push([-0.65, 0.07]);
        points.push([-0.52, -0.1]);
    }
    points
}

fn surfaces() -> Vec<Surface> {
    let mut all: Vec<Surface> = SurfaceKind::ALL.into_iter().map(Surface::new).collect();
    all.push(Surface {
        kind: SurfaceKind::Quadratic,
        condition: 100.0,
        formula: None,
    });
    // A custom surface goes through every check a built-in one does.
    let formula = crate::core::formula::Formula::parse_shared(
        "(1-x)^2 + 100*(y-x^2)^2 + sin(3*x)*exp(-y^2/4) + log(1 + x^2)",
    )
    .expect("valid formula");
    all.push(Surface::custom(formula));
    all
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * (a.abs().max(b.abs()) + 1.0)
}

#[test]
fn gradients_match_central_differences() {
    for s in surfaces() {
        for p in probe_points(s.kind) {
            let h = 1e-6;
            let g = s.gradient(p);
            let fd = [
                (s.value([p[0] + h, p[1]]) - s.value([p[0] - h, p[1]])) / (2.0 * h),
                (s.value([p[0], p[1] + h]) - s.value([p[0], p[1] - h])) / (2.0 * h),
            ];
            // Relative 1e-5, plus the rounding of f itself divided by h.
            let rounding = 1e-9 * (1.0 + s.value(p).abs());
            for axis in 0..2 {
                assert!(
                    (g[axis] - fd[axis]).abs() <= 1e-5 * g[axis].abs() + rounding,
                    "{:?} at {p:?}, axis {axis}: analytic {} vs fd {}",
                    s.kind,
                    g[axis],
                    fd[axis]
                );
            }
            assert_eq!(s.value_gradient(p).0, s.value(p), "{:?} at {p:?}", s.kind);
        }
    }
}

#[test]
fn hessians_match_central_differences_of_the_gradient() {
    for s in surfaces() {
        for p in probe_points(s.kind) {
            let h = 1e-6;
            let hess = s.hessian(p);
            assert_eq!(hess[0][1], hess[1][0], "{:?}: symmetric", s.kind);
            for axis in 0..2 {
                let mut plus = p;
                let mut minus = p;
                plus[axis] += h;
                minus[axis] -= h;
                let (gp, gm) = (s.gradient(plus), s.gradient(minus));
                for row in 0..2 {
                    let fd = (gp[row] - gm[row]) / (2.0 * h);
                    let rounding = 1e-9 * (1.0 + s.gradient(p)[row].abs());
                    assert!(
                        (hess[row][axis] - fd).abs() <= 1e-5 * fd.abs() + rounding,
                        "{:?} at {p:?}, H[{row}][{axis}]: analytic {} vs fd {fd}",
                        s.kind,
                        hess[row][axis]
                    );
                }
            }
        }
    }
}

#[test]
fn known_minimum_values() {
    let value = |kind, p| Surface::new(kind).value(p);
    assert_eq!(value(SurfaceKind::Rosenbrock, [1.0, 1.0]), 0.0);
    assert_eq!(value(SurfaceKind::Beale, [3.0, 0.5]), 0.0);
    assert_eq!(value(SurfaceKind::Booth, [1.0, 3.0]), 0.0);
    assert_eq!(value(SurfaceKind::GoldsteinPrice, [0.0, -1.0]), 3.0);
    assert_eq!(value(SurfaceKind::Rastrigin, [0.0, 0.0]), 0.0);
    assert!(value(SurfaceKind::Ackley, [0.0, 0.0]).abs() < 1e-15);
    assert!((value(SurfaceKind::SixHumpCamel, [0.0898, -0.7126]) + 1.0316).abs() < 1e-4);
    for &p in SurfaceKind::Himmelblau.minima() {
        assert!(value(SurfaceKind::Himmelblau, p) < 1e-20, "{p:?}");
    }
    let camel = SurfaceKind::SixHumpCamel.minima();
    for &p in camel {
        assert!((value(SurfaceKind::SixHumpCamel, p) + 1.031_628_453_489_877).abs() < 1e-13);
    }
    let [narrow, wide] = SurfaceKind::SharpFlat.minima() else {
        panic!("sharp_flat lists both wells");
    };
    let narrow_depth = value(SurfaceKind::SharpFlat, *narrow);
    let wide_depth = value(SurfaceKind::SharpFlat, *wide);
    // The narrow well is the deeper one (the global minimum), by design.
    assert!(
        (narrow_depth - 0.059_795_434_781).abs() < 1e-10,
        "{narrow_depth}"
    );
    assert!((wide_depth - 0.2).abs() < 1e-12, "{wide_depth}");
    assert!(SurfaceKind::Saddle.minima().is_empty());
}

#[test]
fn listed_minima_are_stationary_and_convex() {
    for kind in SurfaceKind::ALL {
        let s = Surface::new(kind);
        for &p in kind.minima() {
            let g = s.gradient(p);
            assert!(
                libm::hypot(g[0], g[1]) < 1e-9,
                "{kind:?} at {p:?}: gradient {g:?}"
            );
            let h = s.hessian(p);
            let det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
            assert!(h[0][0] > 0.0 && det > 0.0, "{kind:?} at {p:?}: {h:?}");
        }
    }
}

#[test]
fn ackley_is_finite_at_its_kink() {
    let s = Surface::new(SurfaceKind::Ackley);
    let (v, g) = s.value_gradient([0.0, 0.0]);
    assert_eq!(g, [0.0, 0.0]);
    assert!(v.is_finite());
    assert!(
        s.hessian([0.0, 0.0])
            .iter()
            .flatten()
            .all(|h| h.is_finite())
    );
    // A shifted copy centred exactly on the kink stays finite too.
    let problem = ShiftedCopies::new(s.clone(), 8, 0.5, 8, 1);
    let shift = problem.train_shifts()[3];
    let (v, g) = problem.sample_loss_grad(3, shift);
    assert!(v.abs() < 1e-15 && g == [0.0, 0.0]);
}

#[test]
fn metadata_is_consistent() {
    for kind in SurfaceKind::ALL {
        assert_eq!(SurfaceKind::from_name(kind.name()), Some(kind));
        assert!(!kind.title().is_empty() && kind.formula().starts_with("f("));
        let ([x0, x1], [y0, y1]) = kind.default_view();
        let inside = |p: [f64; 2]| (x0..=x1).contains(&p[0]) && (y0..=y1).contains(&p[1]);
        assert!(inside(kind.default_start()), "{kind:?}");
        assert!(kind.minima().iter().all(|&p| inside(p)), "{kind:?}");
        // A logarithmic colour scale needs values ≥ 0 over the whole view.
        let s = Surface::new(kind);
        let lowest = (0..=40)
            .flat_map(|i| (0..=40).map(move |j| (i, j)))
            .map(|(i, j)| {
                let t = |k: usize, lo: f64, hi: f64| lo + (hi - lo) * to_f64(k) / 40.0;
                s.value([t(j, x0, x1), t(i, y0, y1)])
            })
            .fold(f64::INFINITY, f64::min);
        if kind.log_scale() {
            assert!(lowest >= 0.0, "{kind:?}: {lowest}");
        }
    }
    assert_eq!(SurfaceKind::from_name("nope"), None);
    assert!(!SurfaceKind::SixHumpCamel.log_scale() && !SurfaceKind::Saddle.log_scale());
}

#[test]
fn zero_noise_gives_exactly_f_for_every_batch() {
    for s in surfaces() {
        let problem = ShiftedCopies::new(s.clone(), 16, 0.0, 32, 5);
        for p in probe_points(s.kind) {
            let (v, g) = s.value_gradient(p);
            let mut grad = [0.0; 2];
            let batches: [&[usize]; 4] = [&[3], &[0, 5, 9], &[1, 2, 3, 4, 5, 6, 7], &[]];
            for indices in batches {
                let loss = problem.loss_grad(&p, Batch::Indices(indices), &mut grad);
                assert_eq!((loss, grad), (v, g), "{:?} {indices:?}", s.kind);
                assert_eq!(problem.loss(&p, Batch::Indices(indices)), v);
            }
            assert_eq!(problem.loss_grad(&p, Batch::Full, &mut grad), v);
            assert_eq!(grad, g);
            assert_eq!(problem.loss(&p, Batch::Full), v);
            assert_eq!(problem.test_loss(&p), v);
            assert_eq!(problem.train_hessian(p), s.hessian(p));
        }
    }
}

/// The contract: with σ = 0 every batch size gives the same trajectory, bit for
/// bit (and with σ > 0 they differ).
#[test]
fn zero_noise_trajectories_do_not_depend_on_the_batch_size() {
    use crate::core::optim::{OptimizerKind, OptimizerSpec};
    use crate::core::train::{RunSpec, train};
    use std::sync::atomic::AtomicBool;

    let cancel = AtomicBool::new(false);
    for kind in [OptimizerKind::Sgd, OptimizerKind::Adam, OptimizerKind::Sam] {
        let mut spec = OptimizerSpec::defaults(kind);
        spec.lr = 1e-3;
        spec.momentum = 0.9;
        let trajectories = |noise: f64| -> Vec<Vec<f64>> {
            let problem =
                ShiftedCopies::new(Surface::new(SurfaceKind::Rosenbrock), 32, noise, 64, 3);
            [1, 4, 0]
                .into_iter()
                .map(|batch_size| {
                    let run = RunSpec {
                        batch_size,
                        ..RunSpec::new(spec.clone())
                    };
                    train(&problem, &run, 0, &[-1.5, 2.0], 200, 3, &cancel).params
                })
                .collect()
        };
        let exact = trajectories(0.0);
        assert_eq!(exact[0].len(), 2 * 201);
        assert!(exact.iter().all(|t| t == &exact[0]), "{kind:?}");
        let noisy = trajectories(0.2);
        assert!(noisy[0] != noisy[2] && noisy[1] != noisy[2], "{kind:?}");
    }
}

/// The closed forms of the full-batch and test surfaces agree with summing the copies.
#[test]
fn closed_forms_match_the_sum_over_copies() {
    for s in surfaces() {
        let problem = ShiftedCopies::new(s.clone(), 37, 0.4, 53, 11);
        let all: Vec<usize> = (0..problem.n_train()).collect();
        for p in probe_points(s.kind) {
            let (v, g) = problem.batch_loss_grad(p, &all);
            let (fast_v, fast_g) = problem.train_loss_grad_at(p);
            let scale = 1e-11 * (1.0 + v.abs());
            assert!(
                close(fast_v, v, 1e-11),
                "{:?} {p:?}: {fast_v} vs {v}",
                s.kind
            );
            assert!((fast_v - problem.train_loss_at(p)).abs() <= scale);
            for axis in 0..2 {
                assert!(
                    close(fast_g[axis], g[axis], 1e-11 * (1.0 + v.abs() * 1e-3)),
                    "{:?} {p:?}: {fast_g:?} vs {g:?}",
                    s.kind
                );
            }
            let test_sum: f64 = problem
                .test_shifts()
                .iter()
                .map(|&[a, b]| s.value([p[0] - a, p[1] - b]))
                .sum();
            let test = test_sum / to_f64(problem.n_test());
            assert!(close(problem.test_loss_at(p), test, 1e-11), "{:?}", s.kind);
            let mut hess_sum = [[0.0; 2]; 2];
            for &[a, b] in problem.train_shifts() {
                let h = s.hessian([p[0] - a, p[1] - b]);
                for (r, c) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                    hess_sum[r][c] += h[r][c] / 37.0;
                }
            }
            let hess = problem.train_hessian(p);
            for (r, c) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                assert!(
                    close(hess[r][c], hess_sum[r][c], 1e-10),
                    "{:?} {p:?}: {hess:?} vs {hess_sum:?}",
                    s.kind
                );
            }
        }
    }
}

#[test]
fn a_batch_is_the_mean_of_its_samples() {
    let s = Surface::new(SurfaceKind::Himmelblau);
    let problem = ShiftedCopies::new(s.clone(), 10, 0.5, 10, 3);
    let p = [1.0, -0.5];
    let mut grad = [0.0; 2];
    let loss = problem.loss_grad(&p, Batch::Indices(&[2, 7]), &mut grad);
    let (v2, g2) = problem.sample_loss_grad(2, p);
    let (v7, g7) = problem.sample_loss_grad(7, p);
    assert!(close(loss, 0.5 * (v2 + v7), 1e-15));
    assert!(close(grad[0], 0.5 * (g2[0] + g7[0]), 1e-15));
    assert!(close(grad[1], 0.5 * (g2[1] + g7[1]), 1e-15));
    // Copy i is f moved by its shift.
    let [a, b] = problem.train_shifts()[7];
    assert_eq!(v7, s.value([p[0] - a, p[1] - b]));
    assert!(v2 != v7);
}

#[test]
fn shifts_are_seeded_gaussian_and_scaled_by_noise() {
    let s = Surface::new(SurfaceKind::Rosenbrock);
    let a = ShiftedCopies::new(s.clone(), 4000, 0.3, 100, 9);
    let b = ShiftedCopies::new(s.clone(), 4000, 0.3, 100, 9);
    let c = ShiftedCopies::new(s.clone(), 4000, 0.3, 100, 10);
    let wider = ShiftedCopies::new(s.clone(), 4000, 0.6, 100, 9);
    assert_eq!(a.train_shifts(), b.train_shifts());
    assert_eq!(a.test_shifts(), b.test_shifts());
    assert_ne!(a.train_shifts(), c.train_shifts());
    assert_ne!(a.train_shifts()[..100], a.test_shifts()[..]);
    assert_eq!(a.train_loss_at([0.2, 0.3]), b.train_loss_at([0.2, 0.3]));
    assert_ne!(a.train_loss_at([0.2, 0.3]), c.train_loss_at([0.2, 0.3]));
    assert_eq!(wider.train_shifts()[17][1], 2.0 * a.train_shifts()[17][1]);
    // The first shifts do not depend on N.
    let fewer = ShiftedCopies::new(s.clone(), 10, 0.3, 100, 9);
    assert_eq!(fewer.train_shifts(), &a.train_shifts()[..10]);
    for axis in 0..2 {
        let n = to_f64(a.n_train());
        let mean = a.train_shifts().iter().map(|s| s[axis]).sum::<f64>() / n;
        let var = a
            .train_shifts()
            .iter()
            .map(|s| s[axis] * s[axis])
            .sum::<f64>()
            / n;
        assert!(mean.abs() < 0.02, "{mean}");
        assert!((var.sqrt() - 0.3).abs() < 0.01, "{}", var.sqrt());
    }
}

/// Var of a mean of B draws without replacement from N values with population variance
/// s² is s²/B · (N − B)/(N − 1).
#[test]
fn minibatch_gradient_variance_falls_as_one_over_b() {
    let n = 64;
    let problem = ShiftedCopies::new(Surface::new(SurfaceKind::Himmelblau), n, 0.5, 8, 21);
    let p = [0.7, 1.3];
    let per_sample: Vec<[f64; 2]> = (0..n).map(|i| problem.sample_loss_grad(i, p).1).collect();
    let (_, full) = problem.train_loss_grad_at(p);
    let s2 = per_sample
        .iter()
        .map(|g| (g[0] - full[0]).powi(2) + (g[1] - full[1]).powi(2))
        .sum::<f64>()
        / to_f64(n);
    assert!(s2 > 1.0, "the per-sample gradients must differ: {s2}");
    let mut rng = rng::rng_for(4, 99);
    let mut order: Vec<usize> = (0..n).collect();
    let mut grad = [0.0; 2];
    let draws = 20_000;
    let mut previous = f64::INFINITY;
    for b in [1, 4, 16] {
        let mut sum = 0.0;
        for _ in 0..draws {
            // Partial Fisher–Yates: the first b entries are a uniform sample without
            // replacement.
            for i in 0..b {
                let j = rng.random_range(i..n);
                order.swap(i, j);
            }
            problem.loss_grad(&p, Batch::Indices(&order[..b]), &mut grad);
            sum += (grad[0] - full[0]).powi(2) + (grad[1] - full[1]).powi(2);
        }
        let empirical = sum / to_f64(draws);
        let expected = s2 / to_f64(b) * to_f64(n - b) / to_f64(n - 1);
        assert!(
            (empirical / expected - 1.0).abs() < 0.1,
            "B = {b}: {empirical} vs {expected}"
        );
        assert!(empirical < previous);
        previous = empirical;
    }
}

/// The minimum of the mean over `copies` near `start`, by damped Newton steps.
fn minimum(problem: &ShiftedCopies, copies: Copies, start: [f64; 2]) -> [f64; 2] {
    let mut p = start;
    for _ in 0..20 {
        let (_, g) = problem.mean_loss_grad_at(copies, p);
        let h = problem.mean_hessian(copies, p);
        let det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
        assert!(h[0][0] > 0.0 && det > 0.0, "not convex at {p:?}: {h:?}");
        p[0] -= (h[1][1] * g[0] - h[0][1] * g[1]) / det;
        p[1] -= (h[0][0] * g[1] - h[1][0] * g[0]) / det;
    }
    let (_, g) = problem.mean_loss_grad_at(copies, p);
    assert!(
        libm::hypot(g[0], g[1]) < 1e-10,
        "not converged at {p:?}: {g:?}"
    );
    p
}

/// Keskar et al.: with finitely many copies, each well's training minimum sits off its
/// test minimum (by about σ/√N); the narrow well pays far more test loss for the offset
/// than the wide one, roughly in the ratio of their curvatures. The offsets themselves
/// vary from seed to seed, so the claim is about most seeds and the mean.
#[test]
fn the_narrow_well_generalises_worse() {
    let seeds = 16;
    let excess: Vec<[f64; 2]> = (0..seeds)
        .map(|seed| {
            let problem =
                ShiftedCopies::new(Surface::new(SurfaceKind::SharpFlat), 64, 0.1, 2048, seed);
            [NARROW_WELL.centre, WIDE_WELL.centre].map(|start| {
                let train_min = minimum(&problem, Copies::Train, start);
                assert!(
                    (train_min[0] - start[0]).abs() < 0.2,
                    "{seed}: {train_min:?}"
                );
                let test_min = minimum(&problem, Copies::Test, train_min);
                let excess = problem.test_loss_at(train_min) - problem.test_loss_at(test_min);
                assert!(excess >= 0.0, "seed {seed}: the test minimum is lower");
                excess
            })
        })
        .collect();
    let narrow_worse = excess.iter().filter(|[n, w]| n > w).count();
    assert!(narrow_worse >= 12, "{narrow_worse} of {seeds}: {excess:?}");
    let mean = |k: usize| excess.iter().map(|e| e[k]).sum::<f64>() / to_f64(excess.len());
    assert!(mean(0) > 5.0 * mean(1), "{} vs {}", mean(0), mean(1));
}
