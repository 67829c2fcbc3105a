//! The command line end to end: the real `basin` binary in a temporary folder. Checks the
//! file contracts (ARCHITECTURE.md, "CLI and file contracts") and the bad-input rules (exit
//! status 2, the key in the message, no output file left behind).

mod common;

use common::*;

use std::path::{Path, PathBuf};

use basin::preset;
use ndarray::{Array1, Array2};
use ndarray_npy::read_npy;

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
        .display()
        .to_string()
}

/// Every file under `dir`, recursively (to prove nothing was left behind).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                found.extend(files_under(&path));
            }
            found.push(path);
        }
    }
    found
}

struct Row {
    run: usize,
    optimizer: String,
    step: usize,
    loss: f64,
    test_loss: f64,
    x: f64,
    y: f64,
    batch_size: usize,
}

fn parse_csv(text: &str) -> (String, Vec<Row>) {
    let mut lines = text.lines();
    let header = lines.next().expect("header").to_string();
    let rows = lines
        .map(|line| {
            let f: Vec<&str> = line.splitn(9, ',').collect();
            assert_eq!(f.len(), 9, "{line}");
            assert!(
                f[8].starts_with('"') && f[8].ends_with('"'),
                "quoted label: {line}"
            );
            Row {
                run: f[0].parse().expect("run"),
                optimizer: f[1].to_string(),
                step: f[2].parse().expect("step"),
                loss: f[3].parse().expect("loss"),
                test_loss: f[4].parse().expect("test_loss"),
                x: f[5].parse().expect("x"),
                y: f[6].parse().expect("y"),
                batch_size: f[7].parse().expect("batch_size"),
            }
        })
        .collect();
    (header, rows)
}

#[test]
fn trajectory_writes_the_csv_contract() {
    let dir = tempdir();
    let out = basin(
        dir.path(),
        &["trajectory", "rosenbrock-race", "--out", "traj.csv"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("traj.csv")).expect("csv");
    let (header, rows) = parse_csv(&text);
    assert_eq!(
        header,
        "run,optimizer,step,loss,test_loss,x,y,batch_size,label"
    );

    let e = preset::load_surface("rosenbrock-race", &[]).expect("preset");
    // Σ (steps + 1) over runs: the default preset has no diverging run.
    assert_eq!(rows.len(), e.runs.len() * (e.training.steps + 1));
    for (i, run) in e.runs.iter().enumerate() {
        let of_run: Vec<&Row> = rows.iter().filter(|r| r.run == i).collect();
        assert_eq!(of_run.len(), e.training.steps + 1, "run {i}");
        let first = of_run[0];
        assert_eq!(first.step, 0);
        assert_eq!([first.x, first.y], e.training.start, "step 0 is the start");
        assert_eq!(first.optimizer, run.optimizer.kind.name());
        assert_eq!(first.batch_size, run.effective_batch(e.problem.samples));
        assert!(
            of_run.windows(2).all(|w| w[1].step == w[0].step + 1),
            "steps count up by one"
        );
        assert!(
            of_run
                .iter()
                .all(|r| r.loss.is_finite() && r.test_loss.is_finite())
        );
        // The optimizers make progress from the start.
        let last = of_run[of_run.len() - 1];
        assert!(
            last.loss < first.loss,
            "run {i}: {} !< {}",
            last.loss,
            first.loss
        );
    }
}

#[test]
fn a_diverged_run_stops_at_its_last_finite_point() {
    let dir = tempdir();
    let out = basin(
        dir.path(),
        &[
            "trajectory",
            "rosenbrock-race",
            "--set",
            "runs.0.lr=0.5",
            "--out",
            "traj.csv",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("traj.csv")).expect("csv");
    let (_, rows) = parse_csv(&text);
    let e = preset::load_surface("rosenbrock-race", &[]).expect("preset");
    let run0: Vec<&Row> = rows.iter().filter(|r| r.run == 0).collect();
    assert!(
        !run0.is_empty() && run0.len() < e.training.steps + 1,
        "lr 0.5 on Rosenbrock diverges: {} rows",
        run0.len()
    );
    assert!(
        run0.iter()
            .all(|r| r.loss.is_finite() && r.x.is_finite() && r.y.is_finite())
    );
    let others = rows.iter().filter(|r| r.run != 0).count();
    assert_eq!(others, (e.runs.len() - 1) * (e.training.steps + 1));
}

#[test]
fn set_changes_the_csv() {
    let dir = tempdir();
    let plain = basin(dir.path(), &["trajectory", "beale", "--out", "a.csv"]);
    assert!(plain.status.success(), "{}", stderr(&plain));
    let changed = basin(
        dir.path(),
        &[
            "trajectory",
            "beale",
            "--set",
            "runs.0.lr=0.0002",
            "--out",
            "b.csv",
        ],
    );
    assert!(changed.status.success(), "{}", stderr(&changed));
    let (_, a) = parse_csv(&std::fs::read_to_string(dir.path().join("a.csv")).expect("a"));
    let (_, b) = parse_csv(&std::fs::read_to_string(dir.path().join("b.csv")).expect("b"));
    assert_eq!(a.len(), b.len());
    let step1 = |rows: &[Row]| {
        rows.iter()
            .find(|r| r.run == 0 && r.step == 1)
            .map(|r| (r.x, r.y))
            .expect("step 1")
    };
    assert_ne!(step1(&a), step1(&b), "run 0 moved differently");
    // Run 0's first step is lr × gradient: 5× smaller lr (0.001 → 0.0002), 5× shorter step.
    let e = preset::load_surface("beale", &[]).expect("preset");
    let [x0, y0] = e.training.start;
    let len = |(x, y): (f64, f64)| libm::hypot(x - x0, y - y0);
    let ratio = len(step1(&a)) / len(step1(&b));
    assert!((ratio - 5.0).abs() < 1e-9, "step ratio {ratio}");
    // Other runs are untouched.
    let rest = |rows: &[Row]| -> Vec<(f64, f64)> {
        rows.iter()
            .filter(|r| r.run != 0)
            .map(|r| (r.x, r.y))
            .collect()
    };
    assert_eq!(rest(&a), rest(&b));
}

#[test]
fn landscape_writes_grid_axes_and_meta() {
    let dir = tempdir();
    let out = basin(
        dir.path(),
        &[
            "landscape",
            "rosenbrock-race",
            "--set",
            "view.resolution=24",
            "--out",
            "land",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let land = dir.path().join("land");
    let grid: Array2<f64> = read_npy(land.join("grid.npy")).expect("grid.npy");
    let xs: Array1<f64> = read_npy(land.join("x.npy")).expect("x.npy");
    let ys: Array1<f64> = read_npy(land.join("y.npy")).expect("y.npy");
    assert_eq!(grid.shape(), &[ys.len(), xs.len()]);
    assert_eq!(grid.shape(), &[24, 24]);
    let e = preset::load_surface("rosenbrock-race", &[]).expect("preset");
    assert_eq!([xs[0], xs[23]], e.view.x);
    assert_eq!([ys[0], ys[23]], e.view.y);
    // Orientation: grid[i, j] is the loss at (x[j], y[i]) — Rosenbrock, σ = 0.
    let rosenbrock = |x: f64, y: f64| (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2);
    for (i, j) in [(0, 0), (0, 23), (23, 0), (5, 17)] {
        let want = rosenbrock(xs[j], ys[i]);
        assert!(
            (grid[[i, j]] - want).abs() <= 1e-9 * want.max(1.0),
            "grid[{i}, {j}] = {} want {want}",
            grid[[i, j]]
        );
    }
    let meta: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(land.join("meta.json")).expect("meta"))
            .expect("meta.json parses");
    assert_eq!(meta["surface"], "rosenbrock");
    assert_eq!(meta["layer"], "train");
    assert_eq!(meta["resolution"], 24);
    assert_eq!(meta["seed"], e.seed);
    assert_eq!(meta["preset"], e.name.as_str());
    assert!(
        meta["orientation"]
            .as_str()
            .is_some_and(|s| s.contains("x[j], y[i]"))
    );
    // Nothing else in the folder (no temporary files).
    assert_eq!(files_under(&land).len(), 4);
}

#[test]
fn a_bad_preset_exits_2_names_the_key_and_writes_nothing() {
    let dir = tempdir();
    let cases: [(&str, &str); 4] = [
        ("lr-zero.toml", "runs.1.lr"),
        ("momentum-on-adam.toml", "runs.1.momentum"),
        ("unknown-run-key.toml", "learning_rate"),
        ("resolution-huge.toml", "view.resolution"),
    ];
    for (file, key) in cases {
        let out = basin(
            dir.path(),
            &["trajectory", &data(file), "--out", "traj.csv"],
        );
        assert_eq!(out.status.code(), Some(2), "{file}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(key) && err.contains(file), "{file}: {err}");
        let reports = err.lines().filter(|l| l.starts_with("error:")).count();
        assert_eq!(reports, 1, "printed once: {err}");
    }
    let out = basin(
        dir.path(),
        &["landscape", &data("unknown-surface.toml"), "--out", "land"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("problem.surface"), "{}", stderr(&out));
    assert!(
        files_under(dir.path()).is_empty(),
        "{:?}",
        files_under(dir.path())
    );
}

#[test]
fn a_missing_preset_and_a_bad_set_exit_2() {
    let dir = tempdir();
    let out = basin(
        dir.path(),
        &["trajectory", "no-such-preset.toml", "--out", "traj.csv"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no-such-preset.toml"));
    assert!(
        stderr(&out).contains("rosenbrock-race"),
        "lists the built-ins"
    );

    let out = basin(
        dir.path(),
        &[
            "trajectory",
            "beale",
            "--set",
            "runs.0.lr=-1",
            "--out",
            "traj.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("runs.0.lr"), "{}", stderr(&out));

    let out = basin(
        dir.path(),
        &[
            "trajectory",
            "beale",
            "--set",
            "runs.0.lr",
            "--out",
            "traj.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("KEY=VALUE"), "{}", stderr(&out));
    assert!(files_under(dir.path()).is_empty());
}

#[test]
fn an_unwritable_output_exits_2_and_leaves_nothing() {
    let dir = tempdir();
    // A regular file where a folder is needed: unwritable even for root.
    std::fs::write(dir.path().join("blocker"), "not a folder").expect("blocker");
    let out = basin(
        dir.path(),
        &["trajectory", "beale", "--out", "blocker/traj.csv"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("blocker/traj.csv"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        stderr(&out).matches("os error").count(),
        1,
        "the cause is printed once: {}",
        stderr(&out)
    );
    let out = basin(
        dir.path(),
        &[
            "landscape",
            "beale",
            "--set",
            "view.resolution=16",
            "--out",
            "blocker/land",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("blocker/land"), "{}", stderr(&out));
    assert_eq!(files_under(dir.path()), vec![dir.path().join("blocker")]);
}

#[test]
fn presets_lists_every_builtin_with_its_description() {
    let dir = tempdir();
    let out = basin(dir.path(), &["presets"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for b in preset::BUILTINS {
        let e = preset::load_surface(b.name, &[]).expect("builtin");
        assert!(text.contains(b.name), "{}", b.name);
        assert!(text.contains(&e.description), "{}", b.name);
    }
}

#[test]
fn help_describes_every_subcommand() {
    let dir = tempdir();
    let out = basin(dir.path(), &["--help"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for sub in ["open", "trajectory", "landscape", "presets"] {
        assert!(text.contains(sub), "{sub} in --help");
    }
    let out = basin(dir.path(), &["trajectory", "--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("--set") && text.contains("--out"), "{text}");
}

/// |a − b| ≤ 1e-6·max(1, |b|): the tolerance against torch.optim.
const GOLDEN_REL_TOL: f64 = 1e-6;

fn toml_from_json(value: &serde_json::Value) -> toml::Value {
    match value {
        serde_json::Value::Bool(b) => toml::Value::Boolean(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            None => toml::Value::Float(n.as_f64().expect("number")),
        },
        serde_json::Value::String(s) => toml::Value::String(s.clone()),
        serde_json::Value::Array(items) => {
            toml::Value::Array(items.iter().map(toml_from_json).collect())
        }
        other => panic!("unexpected value in cases.json: {other}"),
    }
}

/// The grader's path end to end: each torch golden case (tests/golden, made with
/// torch.optim in float64) written as a preset run, trained by `basin trajectory`, read
/// back from the CSV and compared step for step. This checks the preset keys and defaults
/// and the CSV's precision on top of the optimizers themselves.
#[test]
fn trajectory_csv_matches_torch_golden_files() {
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(golden.join("cases.json")).expect("cases.json"),
    )
    .expect("cases.json parses");
    let steps = manifest["steps"].as_u64().expect("steps");
    let surfaces = manifest["surfaces"].as_object().expect("surfaces");
    let dir = tempdir();
    let mut checked = 0;
    for (surface, spec) in surfaces {
        let mut want: std::collections::HashMap<String, Vec<[f64; 2]>> = Default::default();
        let text = std::fs::read_to_string(golden.join(format!("{surface}.csv"))).expect("csv");
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let point = [f[2].parse().expect("x"), f[3].parse().expect("y")];
            want.entry(f[0].to_string()).or_default().push(point);
        }
        let cases = spec["cases"].as_array().expect("cases");
        for (chunk_index, chunk) in cases.chunks(16).enumerate() {
            let mut preset = toml::Table::new();
            preset.insert("name".into(), format!("golden {surface}").into());
            let mut problem = toml::Table::new();
            problem.insert("kind".into(), "surface".into());
            problem.insert("surface".into(), surface.as_str().into());
            problem.insert("samples".into(), 1.into());
            preset.insert("problem".into(), problem.into());
            let mut training = toml::Table::new();
            training.insert("steps".into(), i64::try_from(steps).expect("steps").into());
            training.insert("start".into(), toml_from_json(&spec["start"]));
            preset.insert("training".into(), training.into());
            let runs: Vec<toml::Value> = chunk
                .iter()
                .map(|case| {
                    let mut run = toml::Table::new();
                    for (key, value) in case.as_object().expect("case") {
                        let key = if key == "name" { "label" } else { key.as_str() };
                        run.insert(key.to_string(), toml_from_json(value));
                    }
                    run.into()
                })
                .collect();
            preset.insert("runs".into(), toml::Value::Array(runs));
            let file = dir.path().join(format!("{surface}-{chunk_index}.toml"));
            std::fs::write(&file, toml::to_string(&preset).expect("toml")).expect("write");

            let csv = format!("{surface}-{chunk_index}.csv");
            let out = basin(
                dir.path(),
                &["trajectory", &file.display().to_string(), "--out", &csv],
            );
            assert!(out.status.success(), "{surface}: {}", stderr(&out));
            let (_, rows) =
                parse_csv(&std::fs::read_to_string(dir.path().join(&csv)).expect("csv"));
            for (i, case) in chunk.iter().enumerate() {
                let name = case["name"].as_str().expect("name");
                let expected = &want[name];
                let got: Vec<&Row> = rows.iter().filter(|r| r.run == i).collect();
                assert_eq!(got.len(), expected.len(), "{surface}/{name}: rows");
                for (row, point) in got.iter().zip(expected) {
                    for (a, b) in [(row.x, point[0]), (row.y, point[1])] {
                        assert!(
                            (a - b).abs() <= GOLDEN_REL_TOL * b.abs().max(1.0),
                            "{surface}/{name} step {}: {a} vs torch {b}",
                            row.step
                        );
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 3 * 29, "checked {checked} golden cases");
}
