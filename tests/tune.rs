//! Tuning the runs' learning rates ([`basin::core::tune`], run by [`basin::jobs::tune`] and
//! `basin tune`): a tuned rate is no worse than half and twice itself, the search gives the
//! same bits on one or two threads, the written preset differs from its input only in the
//! runs' `lr` and loads back, and bad input is exit status 2 with no file left behind.

mod common;

use common::*;

use std::sync::atomic::AtomicBool;

use basin::core::objective::Objective as _;
use basin::core::tune::{self, Probe, Race, TuneSpec, TunedRun};
use basin::preset::{self, SurfaceExperiment};

/// A quadratic race with a full-batch run and a mini-batch one (so seeds matter), short.
const QUADRATIC: &str = r#"name = "quadratic tune" # a comment that must survive
seed = 11

[problem]
kind = "surface"
surface = "quadratic"
samples = 32
noise = 0.5

[training]
steps = 60

[[runs]]
optimizer = "sgd"
label = "GD"
lr = 0.01

[[runs]]
optimizer = "adam"
batch_size = 4
"#;

fn experiment(text: &str) -> SurfaceExperiment {
    match preset::parse(text, "test", &[]).expect("parses") {
        preset::Preset::Surface(e) => e,
        _ => panic!("a surface preset"),
    }
}

fn tuned_on(e: &SurfaceExperiment, spec: &TuneSpec, threads: usize) -> Vec<TunedRun> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    let never = AtomicBool::new(false);
    pool.install(|| basin::jobs::tune::tune_experiment(e, spec, &never, &|_, _| {}))
        .expect("not cancelled")
}

/// The objective of run `run` at `lr`: the mean final loss over the seeds the search used.
fn objective(e: &SurfaceExperiment, spec: &TuneSpec, run: usize, lr: f64) -> f64 {
    let problem = e.problem.build(e.seed);
    let race = Race {
        objective: &problem,
        runs: &e.runs,
        start: &e.training.start,
        steps: e.training.steps,
    };
    let never = AtomicBool::new(false);
    let losses: Vec<f64> = tune::seeds_for(spec, &e.runs[run], problem.n_train())
        .iter()
        .map(|&s| tune::final_loss(&race, Probe { run, lr }, s, &never).expect("ran"))
        .collect();
    tune::mean_loss(&losses)
}

fn check_half_and_double(e: &SurfaceExperiment) {
    let spec = TuneSpec::with_seeds(e.seed, 3);
    let tuned = tuned_on(e, &spec, 2);
    assert_eq!(tuned.len(), e.runs.len());
    for (run, t) in tuned.iter().enumerate() {
        let lr =
            t.lr.unwrap_or_else(|| panic!("run {run} diverged everywhere"));
        let at = objective(e, &spec, run, lr);
        assert_eq!(
            at, t.loss,
            "run {run}: the reported loss is the objective at lr"
        );
        for other in [lr / 2.0, lr * 2.0] {
            let there = objective(e, &spec, run, other);
            assert!(
                at <= there,
                "run {run}: lr {lr} gives {at}, but {other} gives {there}"
            );
        }
    }
}

#[test]
fn each_tuned_rate_is_no_worse_than_half_and_twice_itself_on_a_quadratic() {
    check_half_and_double(&experiment(QUADRATIC));
}

#[test]
fn each_tuned_rate_is_no_worse_than_half_and_twice_itself_on_rosenbrock() {
    let mut e = preset::load_surface("rosenbrock-race", &[]).expect("built-in");
    e.runs.truncate(2);
    e.runs[1].batch_size = 16;
    e.training.steps = 150;
    check_half_and_double(&e);
}

#[test]
fn the_search_gives_the_same_bits_on_one_and_two_threads() {
    let e = experiment(QUADRATIC);
    let spec = TuneSpec::with_seeds(e.seed, 2);
    assert_eq!(tuned_on(&e, &spec, 1), tuned_on(&e, &spec, 2));
}

#[test]
fn basin_tune_writes_the_input_with_only_the_learning_rates_changed() {
    let dir = tempdir();
    let input = dir.path().join("q.toml");
    std::fs::write(&input, QUADRATIC).expect("write");
    let out = basin(
        dir.path(),
        &["tune", "q.toml", "--out", "tuned.toml", "--seeds", "2"],
    );
    ok(&out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("tuned lr") && stdout.contains("GD"),
        "{stdout}"
    );
    let written = std::fs::read_to_string(dir.path().join("tuned.toml")).expect("written");
    let other = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with("lr = "))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(other(QUADRATIC), other(&written));
    let before = experiment(QUADRATIC);
    let after = experiment(&written);
    assert_eq!(before.runs.len(), after.runs.len());
    for (b, a) in before.runs.iter().zip(&after.runs) {
        let mut b = b.clone();
        b.optimizer.lr = a.optimizer.lr;
        assert_eq!(&b, a, "only lr changed");
    }
    // The same search in the library gives the written rates.
    let spec = TuneSpec::with_seeds(before.seed, 2);
    let lrs: Vec<Option<f64>> = tuned_on(&before, &spec, 1).iter().map(|t| t.lr).collect();
    let written: Vec<Option<f64>> = after.runs.iter().map(|r| Some(r.optimizer.lr)).collect();
    assert_eq!(lrs, written);
}

fn refused(dir: &std::path::Path, args: &[&str], says: &str) {
    let out = basin(dir, args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains(says), "{}", stderr(&out));
    assert!(
        !std::fs::read_dir(dir)
            .expect("dir")
            .flatten()
            .any(|f| f.file_name().to_string_lossy().contains("out")),
        "a file was left behind"
    );
}

#[test]
fn bad_input_is_exit_2_with_no_file() {
    let dir = tempdir();
    let d = dir.path();
    // Not a Playground preset.
    refused(d, &["tune", "moons", "--out", "out.toml"], "problem.kind");
    // No runs.
    let no_runs = QUADRATIC.split("[[runs]]").next().expect("head");
    std::fs::write(d.join("none.toml"), no_runs).expect("write");
    refused(d, &["tune", "none.toml", "--out", "out.toml"], "runs");
    // Every learning rate diverges: the loss is infinite at the start.
    let far = QUADRATIC.replace("steps = 60", "steps = 60\nstart = [1e200, 1e200]");
    std::fs::write(d.join("far.toml"), far).expect("write");
    refused(
        d,
        &["tune", "far.toml", "--out", "out.toml"],
        "run 0 (GD) diverged",
    );
    // An unwritable path.
    std::fs::write(d.join("q.toml"), QUADRATIC).expect("write");
    refused(
        d,
        &["tune", "q.toml", "--out", "no/such/out.toml"],
        "cannot write",
    );
}
