//! The Hessian spectrum's cost (issue 16's budget: within 2 s on 2 threads for the shipped
//! network presets): what the Sharp vs Flat lab computes after its numbers — the stochastic
//! Lanczos quadrature density of both end points side by side (`rayon::join`, as the
//! comparison job does) — and what `basin sharpness --spectrum --top 5` adds, the five
//! largest eigenvalues by deflated power iteration. Measured at each preset's initial
//! weights: the work (4 probes × 80 Lanczos steps, or the power iterations until they
//! settle) is the same count of Hessian-vector products anywhere. Figures in BENCHMARKS.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use basin::core::network::mlp::Mlp;
use basin::core::sharpness::Curvature as _;
use basin::core::sharpness::slq::{self, SlqConfig};
use basin::core::sharpness::spectrum::{self, PowerConfig};
use basin::preset::{self, NetworkExperiment, Preset};

/// A network preset's network and its initial weights.
fn network(name: &str) -> Option<(Mlp, Vec<f64>)> {
    let Ok(Preset::Network(experiment)) = preset::load(name, &[]) else {
        eprintln!("{name} does not load as a network preset");
        return None;
    };
    let mlp = experiment.build_mlp().ok()?;
    let theta = NetworkExperiment::initial_params(&mlp, experiment.seed);
    Some((mlp, theta))
}

fn spectra(c: &mut Criterion) {
    let mut group = c.benchmark_group("Hessian spectrum");
    group.sample_size(10);
    for name in [
        "sharp-vs-flat-net",
        "digits-sharp-flat",
        "batchnorm-batch-size",
    ] {
        let Some((mlp, theta)) = network(name) else {
            return;
        };
        let density = || {
            mlp.hessian_at(&theta)
                .map(|op| slq::density(op.as_ref(), &SlqConfig::default(), 1))
                .ok()
        };
        group.bench_function(format!("{name}: both densities side by side"), |b| {
            b.iter(|| black_box(rayon::join(density, density)));
        });
        group.bench_function(format!("{name}: the 5 largest eigenvalues"), |b| {
            b.iter(|| {
                let op = mlp.hessian_at(&theta).ok();
                black_box(op.map(|op| {
                    spectrum::largest_eigenvalues(op.as_ref(), 5, &PowerConfig::precise(), 1)
                }))
            });
        });
    }
    group.finish();
}

criterion_group!(benches, spectra);
criterion_main!(benches);
