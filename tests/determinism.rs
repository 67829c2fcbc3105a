//! Determinism: the same experiment gives bit-identical trajectories and grids twice, and on
//! 1 thread or 2 (runs and rows are independent; nothing depends on scheduling order).

use std::sync::atomic::AtomicBool;

use basin::core::landscape::{GridSpec, Layer};
use basin::core::optim::{OptimizerKind, OptimizerSpec};
use basin::core::surface::{Surface, SurfaceKind};
use basin::core::train::RunSpec;
use basin::jobs::{grid, tasks};
use basin::preset::{SurfaceExperiment, SurfaceProblem, Training, View};

fn experiment() -> SurfaceExperiment {
    let run = |kind, lr, batch_size| {
        let mut spec = OptimizerSpec::defaults(kind);
        spec.lr = lr;
        spec.momentum = if kind == OptimizerKind::Sgd {
            0.9
        } else {
            spec.momentum
        };
        RunSpec {
            batch_size,
            grad_noise: 0.01,
            ..RunSpec::new(spec)
        }
    };
    SurfaceExperiment {
        name: "determinism".into(),
        description: String::new(),
        seed: 42,
        problem: SurfaceProblem {
            surface: Surface::new(SurfaceKind::Rosenbrock),
            samples: 32,
            noise: 0.2,
            test_samples: 64,
        },
        training: Training {
            steps: 200,
            start: [-1.5, 2.0],
        },
        runs: vec![
            run(OptimizerKind::Sgd, 1e-4, 1),
            run(OptimizerKind::Adam, 1e-2, 4),
            run(OptimizerKind::RmsProp, 1e-3, 0),
            run(OptimizerKind::Lion, 1e-3, 8),
        ],
        view: View {
            x: [-2.0, 2.0],
            y: [-1.0, 3.0],
            resolution: 48,
            layer: Layer::Train,
            log_scale: true,
            step_overlays: basin::preset::StepOverlays::default(),
        },
    }
}

fn on_threads<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("thread pool")
        .install(f)
}

#[test]
fn trajectories_are_identical_on_one_and_two_threads() {
    let exp = experiment();
    let problem = exp.problem.build(exp.seed);
    let cancel = AtomicBool::new(false);
    let one = on_threads(1, || tasks::train_all(&exp, &problem, &cancel));
    let two = on_threads(2, || tasks::train_all(&exp, &problem, &cancel));
    let again = on_threads(2, || {
        tasks::train_all(&exp, &exp.problem.build(exp.seed), &cancel)
    });
    assert_eq!(one.len(), 4);
    for ((a, b), c) in one.iter().zip(&two).zip(&again) {
        assert_eq!(a.params.len(), 201 * 2);
        // Bit-identical, not merely close.
        let bits = |t: &basin::core::train::Trajectory| {
            t.params.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        };
        assert_eq!(bits(a), bits(b));
        assert_eq!(bits(a), bits(c));
        assert_eq!(a.train_loss, b.train_loss);
        assert_eq!(a.test_loss, c.test_loss);
    }
    // Different seeds give different mini-batch streams.
    let mut other = exp.clone();
    other.seed = 43;
    let changed = tasks::train_all(&other, &other.problem.build(other.seed), &cancel);
    assert_ne!(changed[0].params, one[0].params);
}

#[test]
fn grids_are_identical_on_one_and_two_threads() {
    let exp = experiment();
    let problem = exp.problem.build(exp.seed);
    let cancel = AtomicBool::new(false);
    let spec = GridSpec::square(exp.view.x, exp.view.y, exp.view.resolution);
    for layer in Layer::ALL {
        let one = on_threads(1, || {
            grid::surface_grid(&problem, layer, spec, &cancel, &|_| {})
        });
        let two = on_threads(2, || {
            grid::surface_grid(&problem, layer, spec, &cancel, &|_| {})
        });
        let (one, two) = (one.expect("not cancelled"), two.expect("not cancelled"));
        assert_eq!(one.values.dim(), (48, 48));
        assert_eq!(one.values, two.values);
    }
}

#[test]
fn a_cancelled_grid_returns_nothing() {
    let exp = experiment();
    let problem = exp.problem.build(exp.seed);
    let cancel = AtomicBool::new(true);
    let spec = GridSpec::square(exp.view.x, exp.view.y, 32);
    assert!(grid::surface_grid(&problem, Layer::Train, spec, &cancel, &|_| {}).is_none());
}
