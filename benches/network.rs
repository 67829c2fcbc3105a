//! The network landscape (issue 3: the default `moons` landscape coarse within 50 ms and the
//! full 101² grid within 0.5 s on this machine) and training steps per second. The plane and
//! weights are those of `basin landscape moons`: its runs trained, the filter-normalized random
//! plane centred on run 0's final weights. Figures in BENCHMARKS.md.

use std::hint::black_box;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};

use basin::core::landscape::{GridSpec, Layer};
use basin::core::objective::{Batch, Objective};
use basin::jobs::{grid, network};
use basin::preset::{self, NetworkExperiment, Preset};

fn network(c: &mut Criterion) {
    let Ok(Preset::Network(experiment)) = preset::load("moons", &[]) else {
        eprintln!("the moons preset does not load as a network preset");
        return;
    };
    let experiment: NetworkExperiment = experiment;
    let mlp = experiment.build_mlp().expect("moons builds");
    let start = NetworkExperiment::initial_params(&mlp, experiment.seed);
    let never = AtomicBool::new(false);
    let trajectories = network::train_network(&experiment, &mlp, &start, &never);
    let plane = network::network_plane(&experiment, &mlp, &trajectories).expect("plane");

    let mut group = c.benchmark_group("moons 2-32-32-1 tanh, 512 points");
    group.sample_size(20);
    for side in [26, 101, 201] {
        let spec = GridSpec::square([-1.0, 1.0], [-1.0, 1.0], side);
        group.bench_function(format!("{side}² landscape grid, rows in parallel"), |b| {
            b.iter(|| {
                black_box(grid::network_grid(
                    &mlp,
                    &plane.plane,
                    Layer::Train,
                    spec,
                    &never,
                    &|_| {},
                ))
            });
        });
    }
    let dim = mlp.dim();
    let mut grad = vec![0.0; dim];
    let batch: Vec<usize> = (0..32).collect();
    group.bench_function("one B=32 gradient (training step's cost)", |b| {
        b.iter(|| black_box(mlp.loss_grad(&start, Batch::Indices(&batch), &mut grad)));
    });
    group.bench_function(
        "train the preset's runs (2 × 300 steps, losses recorded)",
        |b| {
            b.iter(|| black_box(network::train_network(&experiment, &mlp, &start, &never)));
        },
    );
    group.bench_function("one full-batch loss (512 points)", |b| {
        b.iter(|| black_box(mlp.loss(&start, Batch::Full)));
    });
    group.finish();
}

/// The activations' forward and backward passes over a million f32 (the grid's inner loop),
/// at the instruction set `basin::core::simd` picks on this CPU.
fn activations(c: &mut Criterion) {
    use basin::core::network::activation::Activation;
    let z: Vec<f32> = (0..1 << 20)
        .map(|i| ((i % 4001) as f32 - 2000.0) * 2e-3)
        .collect();
    let mut a = vec![0.0f32; z.len()];
    let mut grad = vec![1.0f32; z.len()];
    let mut group = c.benchmark_group(format!(
        "activations, 2^20 f32, {}",
        basin::core::simd::instruction_set()
    ));
    group.sample_size(20);
    for act in Activation::ALL {
        group.bench_function(format!("{} forward", act.name()), |b| {
            b.iter(|| act.forward_slice(black_box(&z), &mut a));
        });
        group.bench_function(format!("{} backward", act.name()), |b| {
            b.iter(|| act.backward_slice(black_box(&z), &a, &mut grad));
        });
    }
    group.finish();
}

criterion_group!(benches, network, activations);
criterion_main!(benches);
