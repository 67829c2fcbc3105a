//! Figure and 3-D speed budget (issue 6): a 1600×1000 PNG of the default preset in under 1 s,
//! a 5-second 30-fps GIF (960×600, 150 frames) in under 10 s, and the 3-D view of a 128²
//! landscape with 8 trajectories (mesh build and depth sort) in under 8 ms per frame.
//! Figures go to BENCHMARKS.md.

use std::hint::black_box;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};

use basin::core::landscape::{Grid, GridSpec, Layer};
use basin::i18n::Lang;
use basin::preset;
use basin::render::experiment::surface_figure;
use basin::render::mesh3d::{
    Camera, HeightOptions, Path3d, Strokes, Surface, Viewport, build_mesh,
};
use basin::render::palette::{ColorMap, ColorScale};
use basin::render::{Animation, FigureSize, render_rgb, write_figure};
use ndarray::Array2;

fn figures(c: &mut Criterion) {
    let experiment = preset::load_surface(preset::DEFAULT_PRESET, &[]).expect("default preset");
    let dir = tempfile::tempdir().expect("temp dir");
    let never = AtomicBool::new(false);
    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    group.bench_function(
        "PNG 1600×1000 of the default preset (train, grid, draw, encode)",
        |b| {
            b.iter(|| {
                let figure =
                    surface_figure(&experiment, "rosenbrock-race", Lang::En).expect("figure");
                let path = dir.path().join("fig.png");
                black_box(
                    write_figure(
                        &path,
                        &figure,
                        FigureSize::default_for(basin::render::Format::Png),
                        Animation::default(),
                        &never,
                        &|_, _| {},
                    )
                    .expect("png"),
                )
            });
        },
    );
    let figure = surface_figure(&experiment, "rosenbrock-race", Lang::En).expect("figure");
    group.bench_function("draw only, 1600×1000 RGB", |b| {
        b.iter(|| {
            black_box(render_rgb(
                &figure,
                FigureSize::default_for(basin::render::Format::Png),
            ))
        });
    });
    group.bench_function("GIF 960×600, 5 s × 30 fps (150 frames)", |b| {
        b.iter(|| {
            let path = dir.path().join("race.gif");
            black_box(
                write_figure(
                    &path,
                    &figure,
                    FigureSize::default_for(basin::render::Format::Gif),
                    Animation::default(),
                    &never,
                    &|_, _| {},
                )
                .expect("gif"),
            )
        });
    });
    group.finish();
}

fn mesh(c: &mut Criterion) {
    let n = 128;
    let spec = GridSpec::square([-2.0, 2.0], [-1.0, 3.0], n);
    let values = Array2::from_shape_fn((n, n), |(i, j)| {
        let (x, y) = (spec.x_at(j), spec.y_at(i));
        (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2)
    });
    let grid = Grid {
        spec,
        layer: Layer::Train,
        values,
    };
    let scale = ColorScale::for_grid(&grid, true);
    let paths: Vec<Path3d> = (0..8)
        .map(|r| Path3d {
            rgb: [200, 100, 0],
            points: (0..500)
                .map(|k| {
                    let t = k as f64 / 500.0;
                    [-1.5 + 2.5 * t, 2.0 - 1.0 * t + 0.05 * f64::from(r)]
                })
                .collect(),
        })
        .collect();
    let camera = Camera::default();
    let viewport = Viewport::fit([0.0, 0.0], 1000.0, 800.0);
    let mut group = c.benchmark_group("3-D view 128², 8 trajectories × 500 steps");
    group.bench_function("heights and shading (once per grid)", |b| {
        b.iter(|| {
            black_box(Surface::new(
                &grid,
                &scale,
                ColorMap::Viridis,
                HeightOptions::default(),
            ))
        });
    });
    let surface = Surface::new(&grid, &scale, ColorMap::Viridis, HeightOptions::default());
    group.bench_function("mesh build and depth sort (per frame)", |b| {
        b.iter(|| {
            black_box(build_mesh(
                &surface,
                &camera,
                &viewport,
                &paths,
                Strokes::default(),
            ))
        });
    });
    group.finish();
}

criterion_group!(benches, figures, mesh);
criterion_main!(benches);
