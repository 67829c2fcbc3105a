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
use basin::jobs::tasks;

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
            b.iter(|| {
                black_box(tasks::surface_grid(
                    &p,
                    Layer::Train,
                    spec,
                    &cancel,
                    &|_| {},
                ))
            });
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

criterion_group!(benches, grids, points);
criterion_main!(benches);
