//! Custom formula surfaces (issue 8): a 256² training-surface grid with N = 64 samples of a
//! Rosenbrock-sized typed formula (as a polynomial, closed form like the built-in one; and
//! made non-polynomial with `abs`, so every copy goes through the interpreter), next to the
//! built-in Rosenbrock and a transcendental formula; plus the per-point costs the training loop pays (value, exact
//! gradient, exact Hessian). Figures go to BENCHMARKS.md.

use std::hint::black_box;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};

use basin::core::formula::Formula;
use basin::core::landscape::{GridSpec, Layer};
use basin::core::surface::{ShiftedCopies, Surface, SurfaceKind};
use basin::jobs::grid;

const ROSENBROCK: &str = "(1-x)^2 + 100*(y-x^2)^2";

fn grids(c: &mut Criterion) {
    let cancel = AtomicBool::new(false);
    let mut group = c.benchmark_group("grid 256² N=64 σ=0.1");
    let (x, y) = SurfaceKind::Rosenbrock.default_view();
    let spec = GridSpec::square(x, y, 256);
    let cases = [
        ("built-in rosenbrock", Surface::new(SurfaceKind::Rosenbrock)),
        (
            "custom rosenbrock",
            Surface::custom(Formula::parse_shared(ROSENBROCK).expect("valid")),
        ),
        (
            "custom abs(1-x)^2 + 100*(y-x^2)^2 (not a polynomial: copies summed)",
            Surface::custom(Formula::parse_shared("abs(1-x)^2 + 100*(y-x^2)^2").expect("valid")),
        ),
        (
            "custom log(1 + x^2 + y^2) + sin(3x)·y",
            Surface::custom(
                Formula::parse_shared("log(1 + x^2 + y^2) + sin(3*x)*y").expect("valid"),
            ),
        ),
    ];
    for (name, surface) in cases {
        let p = ShiftedCopies::new(surface, 64, 0.1, 1024, 7);
        group.bench_function(format!("{name}, rows in parallel"), |b| {
            b.iter(|| black_box(grid::surface_grid(&p, Layer::Train, spec, &cancel, &|_| {})));
        });
    }
    group.finish();
}

fn points(c: &mut Criterion) {
    let f = Formula::parse(ROSENBROCK).expect("valid");
    let mut group = c.benchmark_group("custom rosenbrock, one point");
    let p = [-0.7, 1.3];
    group.bench_function("value", |b| b.iter(|| black_box(f.value(black_box(p)))));
    group.bench_function("value + exact gradient", |b| {
        b.iter(|| black_box(f.value_gradient(black_box(p))));
    });
    group.bench_function("exact Hessian", |b| {
        b.iter(|| black_box(f.hessian(black_box(p))));
    });
    group.bench_function("parse + compile", |b| {
        b.iter(|| black_box(Formula::parse(black_box(ROSENBROCK))));
    });
    group.finish();
}

fn trainings(c: &mut Criterion) {
    use basin::core::optim::{OptimizerKind, OptimizerSpec};
    use basin::core::train::{RunSpec, train};
    use rayon::prelude::*;

    let cancel = AtomicBool::new(false);
    let kinds = [
        OptimizerKind::Sgd,
        OptimizerKind::Adam,
        OptimizerKind::RmsProp,
        OptimizerKind::Adagrad,
    ];
    let runs: Vec<RunSpec> = (0..16)
        .map(|i| {
            let mut spec = OptimizerSpec::defaults(kinds[i % kinds.len()]);
            spec.lr = 1e-3;
            let mut run = RunSpec::new(spec);
            run.batch_size = [1, 8, 16, 0][i / 4];
            run
        })
        .collect();
    let mut group = c.benchmark_group("16 runs × 2000 steps σ=0.1 N=64 M=1024");
    group.sample_size(10);
    for (name, source) in [
        ("custom rosenbrock", ROSENBROCK),
        (
            "custom abs(1-x)^2 + 100*(y-x^2)^2",
            "abs(1-x)^2 + 100*(y-x^2)^2",
        ),
    ] {
        let surface = Surface::custom(Formula::parse_shared(source).expect("valid"));
        let p = ShiftedCopies::new(surface, 64, 0.1, 1024, 7);
        group.bench_function(format!("{name}, runs in parallel"), |b| {
            b.iter(|| {
                let out: Vec<_> = runs
                    .par_iter()
                    .enumerate()
                    .map(|(i, r)| train(&p, r, i, &[-1.5, 2.0], 2000, 7, &cancel))
                    .collect();
                black_box(out)
            });
        });
    }
    group.finish();
}

criterion_group!(benches, grids, points, trainings);
criterion_main!(benches);
