//! The digits network's costs (issue 13's budgets): one B = 32 gradient of the 64-64-64-10
//! relu MLP on the 8×8 digits (with and without BatchNorm), one full-batch gradient, and one
//! Hessian-vector product of the full-batch loss (the exact R-operator without BatchNorm,
//! central differences of two gradients with it). The gradients run on a worker of a
//! 2-thread rayon pool, as training does. The PyTorch side of the comparison is
//! `benches/torch_digits.py`. Figures in BENCHMARKS.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use basin::core::network::mlp::Mlp;
use basin::core::objective::{Batch, Objective};
use basin::core::sharpness::HessianOperator;
use basin::core::sharpness::hvp::{CentralDifferences, RELATIVE_STEP_F32};
use basin::core::sharpness::mlp_hessian::MlpHessian;
use basin::preset::{self, NetworkExperiment, Preset};

/// The `digits` preset's network, optionally with BatchNorm.
fn digits(batchnorm: bool) -> Option<(Mlp, Vec<f64>)> {
    let overrides = if batchnorm {
        vec!["problem.batchnorm=true".to_string()]
    } else {
        Vec::new()
    };
    let Ok(Preset::Network(experiment)) = preset::load("digits", &overrides) else {
        eprintln!("the digits preset does not load as a network preset");
        return None;
    };
    let mlp = experiment.build_mlp().ok()?;
    let theta = NetworkExperiment::initial_params(&mlp, experiment.seed);
    Some((mlp, theta))
}

fn costs(c: &mut Criterion) {
    // Training runs as a job on a rayon pool; a gradient of 256 samples or more (without
    // BatchNorm) splits into two halves on it (`mlp::SPLIT_BATCH`). So the gradients are
    // timed on a worker of a 2-thread pool, as the window's and the CLI's training is.
    let Ok(pool) = rayon::ThreadPoolBuilder::new().num_threads(2).build() else {
        return;
    };
    let mut group = c.benchmark_group("digits 64-64-64-10 relu, 1,000 training images");
    group.sample_size(30);
    for batchnorm in [false, true] {
        let Some((mlp, theta)) = digits(batchnorm) else {
            return;
        };
        let bn = if batchnorm { " (BatchNorm)" } else { "" };
        let mut grad = vec![0.0; mlp.dim()];
        let batch: Vec<usize> = (0..32).collect();
        group.bench_function(format!("one B=32 gradient{bn}"), |b| {
            pool.install(|| {
                b.iter(|| black_box(mlp.loss_grad(&theta, Batch::Indices(&batch), &mut grad)));
            });
        });
        group.bench_function(format!("one full-batch gradient{bn}"), |b| {
            pool.install(|| {
                b.iter(|| black_box(mlp.loss_grad(&theta, Batch::Full, &mut grad)));
            });
        });
        let v: Vec<f64> = (0..mlp.dim())
            .map(|i| ((i % 7) as f64 - 3.0) * 0.1)
            .collect();
        let mut hv = vec![0.0; mlp.dim()];
        if batchnorm {
            let Ok(op) = CentralDifferences::new(&mlp, &theta, RELATIVE_STEP_F32) else {
                return;
            };
            group.bench_function(format!("one full-batch Hessian-vector product{bn}"), |b| {
                b.iter(|| op.apply(black_box(&v), &mut hv));
            });
        } else {
            let Ok(op) = MlpHessian::new(&mlp, &theta) else {
                return;
            };
            group.bench_function("one full-batch Hessian-vector product", |b| {
                b.iter(|| op.apply(black_box(&v), &mut hv));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, costs);
criterion_main!(benches);
