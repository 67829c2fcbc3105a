//! Core speed budget (issue 2): a 256² training-surface grid with N = 64 samples, and 16 runs
//! × 2,000 steps, each well under one frame (16 ms).
//! Figures go to BENCHMARKS.md.

use std::hint::black_box;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};

use basin::core::landscape::{GridSpec, Layer};
use basin::core::optim::{OptimizerKind, OptimizerSpec};
use basin::core::surface::{ShiftedCopies, Surface, SurfaceKind};
use basin::core::train::{RunSpec, train};
use basin::jobs::grid::surface_grid;

fn problem(kind: SurfaceKind, noise: f64) -> ShiftedCopies {
    ShiftedCopies::new(Surface::new(kind), 64, noise, 1024, 7)
}

fn sixteen_runs() -> Vec<RunSpec> {
    let kinds = [
        OptimizerKind::Sgd,
        OptimizerKind::Adam,
        OptimizerKind::RmsProp,
        OptimizerKind::Adagrad,
    ];
    (0..16)
        .map(|i| {
            let mut spec = OptimizerSpec::defaults(kinds[i % kinds.len()]);
            spec.lr = 1e-3;
            let mut run = RunSpec::new(spec);
            run.batch_size = [1, 8, 16, 0][i / 4];
            run
        })
        .collect()
}

fn grids(c: &mut Criterion) {
    let cancel = AtomicBool::new(false);
    let mut group = c.benchmark_group("grid 256² N=64");
    for (name, kind) in [
        ("rosenbrock", SurfaceKind::Rosenbrock),
        ("ackley", SurfaceKind::Ackley),
    ] {
        let p = problem(kind, 0.1);
        let (x, y) = kind.default_view();
        let spec = GridSpec::square(x, y, 256);
        group.bench_function(format!("{name} train, rows in parallel"), |b| {
            b.iter(|| black_box(surface_grid(&p, Layer::Train, spec, &cancel, &|_| {})));
        });
    }
    group.finish();
}

fn trainings(c: &mut Criterion) {
    let cancel = AtomicBool::new(false);
    let runs = sixteen_runs();
    let mut group = c.benchmark_group("16 runs × 2000 steps");
    group.sample_size(20);
    for (name, noise) in [("sigma=0", 0.0), ("sigma=0.1 N=64 M=1024", 0.1)] {
        let p = problem(SurfaceKind::Rosenbrock, noise);
        group.bench_function(format!("rosenbrock {name}, runs in parallel"), |b| {
            b.iter(|| {
                use rayon::prelude::*;
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

criterion_group!(benches, grids, trainings);
criterion_main!(benches);
