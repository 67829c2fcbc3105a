//! The UI's own per-frame work (issue 2: under 4 ms with the default preset animating):
//! drives the real app headless through egui_kittest, frame by frame, after the background
//! jobs have finished, with the race playing. Measures egui's layout, our panels, the plots and
//! tessellation — everything the UI thread does except the GPU upload. Figures in BENCHMARKS.md.

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;

use basin::app::Command;
use basin::app::{App, Startup};
use basin::preset::{self, SurfaceExperiment};

fn settled_harness(experiment: SurfaceExperiment) -> Harness<'static, App> {
    let startup = Startup {
        preset: Some((experiment).into()),
        preset_name: Some(preset::DEFAULT_PRESET.to_string()),
        ..Startup::default()
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1440.0, 900.0))
        .build_eframe(move |cc| App::new(cc, startup));
    let deadline = Instant::now() + Duration::from_secs(60);
    while !(harness.state().labs.playground.trained().is_some()
        && harness.state().labs.playground.grid().is_some()
        && !harness.state().busy())
    {
        assert!(Instant::now() < deadline, "jobs did not finish");
        harness.step();
        std::thread::sleep(Duration::from_millis(5));
    }
    harness
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("ui frame 1440×900");
    let default =
        preset::load_surface(preset::DEFAULT_PRESET, &[]).expect("the default preset loads");
    let mut big = default.clone();
    big.training.steps = 2000;
    while big.runs.len() < 16 {
        let run = big.runs[big.runs.len() % 5].clone();
        big.runs.push(run);
    }
    for (name, experiment) in [
        ("default preset, animating", default),
        ("16 runs × 2000 steps, animating", big),
    ] {
        let mut harness = settled_harness(experiment);
        group.bench_function(name, |b| {
            b.iter(|| {
                let ctx = harness.ctx.clone();
                if !harness.state().labs.playground.playing() {
                    harness.state_mut().apply(
                        &ctx,
                        Command::Playback(basin::app::playback::PlaybackCommand::Reset),
                    );
                    harness.state_mut().apply(
                        &ctx,
                        Command::Playback(basin::app::playback::PlaybackCommand::TogglePlay),
                    );
                }
                harness.step();
            });
        });
    }
    group.finish();
}

criterion_group!(benches, frame);
criterion_main!(benches);
