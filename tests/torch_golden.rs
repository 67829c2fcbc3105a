//! basin's optimizers against torch.optim, step for step: with σ = 0 and the full batch,
//! `basin::core::train::train` must reproduce the float64 trajectories that torch 2.15 made
//! (tools/golden/make_golden.py → tests/golden/) to 1e-6 relative at every one of 300 steps,
//! for every optimizer and option of issue 2 on rosenbrock, beale and himmelblau.
//!
//! Each case in tests/golden/cases.json names only the hyperparameters that differ from the
//! optimizer's defaults; the spec here starts from `OptimizerSpec::defaults`, torch from its
//! own, so a wrong default fails too.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use basin::core::optim::{OptimizerKind, OptimizerSpec};
use basin::core::surface::{ShiftedCopies, Surface, SurfaceKind};
use basin::core::train::{RunSpec, RunStatus, train};
use serde_json::Value;

/// Relative tolerance of the issue: |a − b| ≤ 1e-6·max(1, |b|).
const REL_TOL: f64 = 1e-6;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn manifest() -> Value {
    let path = golden_dir().join("cases.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The torch trajectory of every case of one surface: case name → points (x, y), step 0 first.
fn golden_points(surface: &str) -> HashMap<String, Vec<[f64; 2]>> {
    let path = golden_dir().join(format!("{surface}.csv"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut cases: HashMap<String, Vec<[f64; 2]>> = HashMap::new();
    for (line_no, line) in text.lines().enumerate().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let [case, step, x, y] = fields[..] else {
            panic!("{}:{}: want case,step,x,y", path.display(), line_no + 1);
        };
        let number = |s: &str| -> f64 {
            s.parse()
                .unwrap_or_else(|e| panic!("{}:{}: {s}: {e}", path.display(), line_no + 1))
        };
        let points = cases.entry(case.to_string()).or_default();
        assert_eq!(
            step.parse::<usize>().ok(),
            Some(points.len()),
            "{}:{}: steps must count up from 0",
            path.display(),
            line_no + 1
        );
        points.push([number(x), number(y)]);
    }
    cases
}

fn as_f64(case: &str, key: &str, value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("{case}: {key} must be a number, got {value}"))
}

fn as_bool(case: &str, key: &str, value: &Value) -> bool {
    value
        .as_bool()
        .unwrap_or_else(|| panic!("{case}: {key} must be a boolean, got {value}"))
}

fn kind_of(case: &str, value: &Value) -> OptimizerKind {
    value
        .as_str()
        .and_then(OptimizerKind::from_name)
        .unwrap_or_else(|| panic!("{case}: unknown optimizer {value}"))
}

/// The run a manifest case describes: defaults of its optimizer plus its fields.
fn run_spec(case: &serde_json::Map<String, Value>) -> (String, RunSpec) {
    let name = case["name"].as_str().unwrap_or("?").to_string();
    let mut spec = OptimizerSpec::defaults(kind_of(&name, &case["optimizer"]));
    let mut clip_grad_norm = None;
    for (key, value) in case {
        match key.as_str() {
            "name" | "optimizer" => {}
            "lr" => spec.lr = as_f64(&name, key, value),
            "momentum" => spec.momentum = as_f64(&name, key, value),
            "dampening" => spec.dampening = as_f64(&name, key, value),
            "nesterov" => spec.nesterov = as_bool(&name, key, value),
            "weight_decay" => spec.weight_decay = as_f64(&name, key, value),
            "betas" => {
                let betas: Vec<f64> = value
                    .as_array()
                    .map(|a| a.iter().map(|b| as_f64(&name, key, b)).collect())
                    .unwrap_or_default();
                let [beta1, beta2] = betas[..] else {
                    panic!("{name}: betas must be two numbers, got {value}");
                };
                spec.betas = [beta1, beta2];
            }
            "eps" => spec.eps = as_f64(&name, key, value),
            "amsgrad" => spec.amsgrad = as_bool(&name, key, value),
            "alpha" => spec.alpha = as_f64(&name, key, value),
            "centered" => spec.centered = as_bool(&name, key, value),
            "lr_decay" => spec.lr_decay = as_f64(&name, key, value),
            "initial_accumulator_value" => {
                spec.initial_accumulator_value = as_f64(&name, key, value);
            }
            "rho" => spec.rho = as_f64(&name, key, value),
            "base" => spec.base = kind_of(&name, value),
            "clip_grad_norm" => clip_grad_norm = Some(as_f64(&name, key, value)),
            other => panic!("{name}: the test does not know the key {other}"),
        }
    }
    if let Err((key, message)) = spec.validate() {
        panic!("{name}: {key} {message}");
    }
    (
        name,
        RunSpec {
            batch_size: 0,
            clip_grad_norm,
            ..RunSpec::new(spec)
        },
    )
}

/// Trains every case of `surface` in basin and compares each point with torch's.
fn check_surface(surface: &str) {
    let manifest = manifest();
    let steps = manifest["steps"]
        .as_u64()
        .and_then(|s| usize::try_from(s).ok());
    let steps = steps.unwrap_or_else(|| panic!("cases.json: steps missing"));
    let entry = &manifest["surfaces"][surface];
    let start: Vec<f64> = entry["start"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    assert_eq!(start.len(), 2, "{surface}: start must be (x, y)");
    let kind = SurfaceKind::from_name(surface).unwrap_or_else(|| panic!("unknown {surface}"));
    // σ = 0, one training copy: the objective is f itself.
    let objective = ShiftedCopies::new(Surface::new(kind), 1, 0.0, 1, 0);
    let golden = golden_points(surface);
    let cases = entry["cases"].as_array().cloned().unwrap_or_default();
    assert!(cases.len() >= 20, "{surface}: only {} cases", cases.len());

    let mut failures = Vec::new();
    for case in &cases {
        let case = case
            .as_object()
            .unwrap_or_else(|| panic!("{surface}: case {case}"));
        let (name, run) = run_spec(case);
        let want = golden
            .get(&name)
            .unwrap_or_else(|| panic!("{surface}.csv has no case {name}"));
        assert_eq!(want.len(), steps + 1, "{surface}/{name}: golden length");
        let trajectory = train(
            &objective,
            &run,
            0,
            &start,
            steps,
            0,
            &AtomicBool::new(false),
        );
        if trajectory.status != RunStatus::Finished || trajectory.len() != steps + 1 {
            failures.push(format!(
                "{name}: {:?} after {} points",
                trajectory.status,
                trajectory.len()
            ));
            continue;
        }
        let mismatch = want.iter().enumerate().find_map(|(step, b)| {
            let a = trajectory.point(step);
            let off = (0..2).any(|i| (a[i] - b[i]).abs() > REL_TOL * b[i].abs().max(1.0));
            off.then(|| format!("{name}: step {step}: basin {a:?}, torch {b:?}"))
        });
        failures.extend(mismatch);
    }
    assert!(
        failures.is_empty(),
        "{surface}: {} of {} cases differ from torch:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn rosenbrock_matches_torch() {
    check_surface("rosenbrock");
}

#[test]
fn beale_matches_torch() {
    check_surface("beale");
}

#[test]
fn himmelblau_matches_torch() {
    check_surface("himmelblau");
}

#[test]
fn golden_cases_cover_every_optimizer_and_option() {
    let manifest = manifest();
    for surface in ["rosenbrock", "beale", "himmelblau"] {
        let cases = manifest["surfaces"][surface]["cases"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut kinds = BTreeSet::new();
        let mut keys = BTreeSet::new();
        for case in &cases {
            let Some(case) = case.as_object() else {
                panic!("{surface}: case {case}");
            };
            let optimizer = case["optimizer"].as_str().unwrap_or("?").to_string();
            if let Some(base) = case.get("base").and_then(Value::as_str) {
                kinds.insert(format!("sam over {base}"));
            }
            for key in case.keys() {
                keys.insert(format!("{optimizer}.{key}"));
            }
            kinds.insert(optimizer);
        }
        for kind in OptimizerKind::ALL {
            assert!(
                kinds.contains(kind.name()),
                "{surface}: no {} case",
                kind.name()
            );
        }
        for sam in ["sam over sgd", "sam over adam"] {
            assert!(kinds.contains(sam), "{surface}: no {sam} case");
        }
        // Every option issue 2 lists, on the optimizer that has it.
        for option in [
            "sgd.momentum",
            "sgd.dampening",
            "sgd.nesterov",
            "sgd.weight_decay",
            "sgd.clip_grad_norm",
            "adam.amsgrad",
            "adam.weight_decay",
            "adam.betas",
            "adam.eps",
            "adam.clip_grad_norm",
            "adamw.weight_decay",
            "adamw.amsgrad",
            "rmsprop.alpha",
            "rmsprop.centered",
            "rmsprop.momentum",
            "rmsprop.weight_decay",
            "adagrad.lr_decay",
            "adagrad.initial_accumulator_value",
            "adagrad.weight_decay",
            "lion.betas",
            "lion.weight_decay",
            "sam.rho",
            "sam.momentum",
        ] {
            assert!(keys.contains(option), "{surface}: no case sets {option}");
        }
    }
}
