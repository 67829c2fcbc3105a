//! The sweep runner: cells are deterministic per (seed, B, lr) and give the same bits on
//! 1 and 2 threads, diverged and cancelled cells are reported as such, and (a reduced
//! version of the `batch-size-matters` preset's property) plain SGD with a large batch ends
//! sharper than with a small one.

use std::sync::atomic::AtomicBool;

use rayon::prelude::*;

use basin::core::network::activation::Activation;
use basin::core::network::build_mlp;
use basin::core::network::data::{DatasetKind, DatasetSpec};
use basin::core::network::mlp::Mlp;
use basin::core::objective::Objective as _;
use basin::core::optim::{OptimizerKind, OptimizerSpec};
use basin::core::sharpness::hvp::eigen_2x2;
use basin::core::surface::{ShiftedCopies, Surface, SurfaceKind};
use basin::core::sweep::{
    Budget, CellResult, LrRule, SurfaceSweep, SweepSpec, run_cell, summarize_by_batch,
};
use basin::core::train::RunStatus;

fn moons(n_train: usize) -> Mlp {
    let spec = DatasetSpec {
        noise: 0.1,
        label_noise: 0.1,
        seed: 7,
        ..DatasetSpec::new(DatasetKind::Moons, n_train, n_train)
    };
    build_mlp(&spec, &[32, 32], Activation::Tanh).unwrap()
}

fn sgd() -> OptimizerSpec {
    OptimizerSpec::defaults(OptimizerKind::Sgd)
}

fn run_all(mlp: &Mlp, spec: &SweepSpec, threads: usize) -> Vec<CellResult> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let cancel = AtomicBool::new(false);
    let cells = spec.cells(mlp.n_train());
    pool.install(|| {
        cells
            .par_iter()
            .map(|cell| run_cell(mlp, spec, cell, &cancel))
            .collect()
    })
}

/// Bitwise comparison that treats NaN as equal to itself (Debug prints the shortest
/// round-trip form of every f64).
fn fingerprint(results: &[CellResult]) -> Vec<String> {
    results.iter().map(|r| format!("{r:?}")).collect()
}

#[test]
fn sweep_is_deterministic_and_identical_on_1_and_2_threads() {
    let mlp = moons(256);
    let spec = SweepSpec::new(
        vec![8, 64],
        vec![0.1, 0.5],
        vec![1, 2],
        Budget::Steps(150),
        sgd(),
    );
    let one = run_all(&mlp, &spec, 1);
    let two = run_all(&mlp, &spec, 2);
    assert_eq!(fingerprint(&one), fingerprint(&two));
    // Every cell trained and was measured.
    for r in &one {
        assert_eq!(r.status, RunStatus::Finished, "{r:?}");
        assert!(r.train_loss < r.initial_loss, "{r:?}");
        assert!(r.lambda_max.is_finite() && r.lambda_max > 0.0);
        assert!(r.eps_sharpness.is_finite() && r.eps_sharpness >= 0.0);
        assert!(r.test_acc.is_some_and(|a| (0.0..=1.0).contains(&a)));
    }
    // Different seeds give different runs; a cell alone equals the same cell in the sweep.
    assert_ne!(fingerprint(&one[0..1]), fingerprint(&one[1..2]));
    let cells = spec.cells(256);
    let alone = run_cell(&mlp, &spec, &cells[5], &AtomicBool::new(false));
    assert_eq!(format!("{alone:?}"), format!("{:?}", one[5]));
    // The jobs layer's sweep starts the costliest cells first (B = 64 before B = 8) and
    // hands the results back in the spec's order, the same bits on 1 and 2 threads.
    assert!(cells[4].work(256) > cells[0].work(256));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let started = std::sync::Mutex::new(Vec::new());
        let scheduled = pool.install(|| {
            basin::jobs::tasks::sweep(&mlp, &spec, &AtomicBool::new(false), &|done, all| {
                started.lock().unwrap().push((done, all));
            })
        });
        assert_eq!(
            fingerprint(&scheduled),
            fingerprint(&one),
            "{threads} thread(s)"
        );
        let started = started.into_inner().unwrap();
        assert_eq!(started.len(), one.len());
        assert_eq!(started.last(), Some(&(one.len(), one.len())));
    }
}

#[test]
fn diverged_and_cancelled_cells_are_reported_not_crashes() {
    let mlp = moons(64);
    let spec = SweepSpec {
        lr_rule: LrRule::BasePerSample,
        ..SweepSpec::new(vec![64], vec![50.0], vec![1], Budget::Steps(50), sgd())
    };
    let cells = spec.cells(64);
    assert!((cells[0].step_lr - 3200.0).abs() < 1e-9);
    let r = run_cell(&mlp, &spec, &cells[0], &AtomicBool::new(false));
    assert!(r.diverged, "{r:?}");
    assert!(matches!(r.status, RunStatus::Diverged { .. }));
    assert!(r.lambda_max.is_nan() && r.eps_sharpness.is_nan());

    let cancelled = run_cell(&mlp, &spec, &cells[0], &AtomicBool::new(true));
    assert_eq!(cancelled.status, RunStatus::Cancelled);
    assert_eq!(cancelled.steps_done, 0);
}

#[test]
fn surface_sweep_measures_the_exact_hessian_at_its_end_point() {
    let problem = ShiftedCopies::new(Surface::new(SurfaceKind::SharpFlat), 64, 0.05, 64, 3);
    let sweep = SurfaceSweep {
        problem: problem.clone(),
        start: SurfaceKind::SharpFlat.default_start(),
    };
    let spec = SweepSpec::new(vec![1, 0], vec![0.05], vec![4], Budget::Steps(200), sgd());
    let cells = spec.cells(64);
    let cancel = AtomicBool::new(false);
    for cell in &cells {
        let r = run_cell(&sweep, &spec, cell, &cancel);
        assert_eq!(r.status, RunStatus::Finished, "{r:?}");
        assert!(r.train_acc.is_none());
        assert!(r.lambda_max.is_finite());
        assert!(r.eps_sharpness >= 0.0);
    }
    // A full-batch cell from the start point: λ_max equals the exact 2×2 eigenvalue at the
    // point reached by the same gradient descent.
    let mut p = sweep.start;
    for _ in 0..200 {
        let (_, g) = problem.train_loss_grad_at(p);
        p = [p[0] - 0.05 * g[0], p[1] - 0.05 * g[1]];
    }
    let want = eigen_2x2(problem.train_hessian(p)).values[0];
    let full = run_cell(&sweep, &spec, &cells[1], &cancel);
    assert!(
        (full.lambda_max - want).abs() < 1e-9 * want.abs().max(1.0),
        "{} vs {want}",
        full.lambda_max
    );
}

/// A reduced `batch-size-matters`: moons 2-32-32-1 tanh, 10 % flipped labels, plain SGD at
/// lr 0.2, B = 4 against the full batch, three seeds; the large batch must end sharper
/// (median λ_max and ε-sharpness).
#[test]
fn large_batches_end_sharper() {
    let mlp = moons(256);
    let spec = SweepSpec::new(
        vec![4, 0],
        vec![0.2],
        vec![1, 2, 3],
        Budget::Steps(1500),
        sgd(),
    );
    let results = run_all(&mlp, &spec, 2);
    let summary = summarize_by_batch(&spec, &results);
    let (small, large) = (&summary[0], &summary[1]);
    assert_eq!((small.diverged, large.diverged), (0, 0), "{summary:?}");
    let (Some(l_small), Some(l_large)) = (small.lambda_max, large.lambda_max) else {
        panic!("no λ_max: {summary:?}");
    };
    eprintln!("{summary:#?}");
    assert!(
        l_large > 1.5 * l_small,
        "λ_max B=4 {l_small} vs full {l_large}"
    );
}
