//! Bias–variance sweeps (issue 5: R = 200 fits × 16 complexities for polynomials under
//! 50 ms, so dragging a slider is live; figures for every family in BENCHMARKS.md). Each
//! bench runs the shipped preset's whole sweep — R fits and the k-fold CV at every
//! complexity, plus the bagged ensembles — as the app and `basin biasvar` do, rayon-parallel.

use std::hint::black_box;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};

use basin::jobs::tasks;
use basin::preset::{self, Preset};

fn sweeps(c: &mut Criterion) {
    let cancel = AtomicBool::new(false);
    let mut group = c.benchmark_group("bias-variance sweep");
    group.sample_size(10);
    let cases: [(&str, &[&str]); 7] = [
        (
            "bias-variance (polynomial, R=200 × 16 degrees)",
            &["resampling.repeats=200"],
        ),
        ("knn", &[]),
        ("bagging (deep trees)", &[]),
        ("boosting", &[]),
        ("cross-validation", &[]),
        ("double-descent (random features)", &[]),
        ("fixed-design", &[]),
    ];
    for (label, overrides) in cases {
        let name = label.split_whitespace().next().unwrap_or(label);
        let overrides: Vec<String> = overrides.iter().map(ToString::to_string).collect();
        let Ok(Preset::Regression(experiment)) = preset::load(name, &overrides) else {
            eprintln!("skipping {label}: not a regression preset here");
            continue;
        };
        let config = experiment.config;
        let id = format!(
            "{label} [R={}, {} complexities]",
            config.repeats,
            config.complexities.len()
        );
        group.bench_function(id, |b| {
            b.iter(|| black_box(tasks::bias_variance(&config, &cancel, &|_, _| {})));
        });
    }
    group.finish();
}

criterion_group!(benches, sweeps);
criterion_main!(benches);
