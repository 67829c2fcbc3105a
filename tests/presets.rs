//! Presets end to end: every shipped preset loads, validates, round-trips through `to_toml`
//! and trains a few steps; `--set` overrides change what they name; bad presets give the
//! right error, naming the key.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use basin::core::landscape::Layer;
use basin::core::optim::OptimizerKind;
use basin::core::surface::SurfaceKind;
use basin::core::train;
use basin::preset::{self, PresetError, SurfaceExperiment};

fn presets_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("presets")
}

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
        .display()
        .to_string()
}

fn load(name: &str) -> SurfaceExperiment {
    match preset::load_surface(name, &[]) {
        Ok(e) => e,
        Err(err) => panic!("{name}: {err}"),
    }
}

/// Surface preset text, validated (a preset of another kind is an error).
fn parse(text: &str, origin: &str, overrides: &[String]) -> Result<SurfaceExperiment, PresetError> {
    preset::parse(text, origin, overrides)?.into_surface(origin)
}

fn load_with(name: &str, overrides: &[&str]) -> Result<SurfaceExperiment, PresetError> {
    let overrides: Vec<String> = overrides.iter().map(|s| (*s).to_string()).collect();
    preset::load_surface(name, &overrides)
}

/// The error for `source`, which must fail.
fn error_of(source: &str, overrides: &[&str]) -> PresetError {
    match load_with(source, overrides) {
        Ok(_) => panic!("{source} {overrides:?} should not load"),
        Err(err) => err,
    }
}

/// A minimal valid preset text with `extra` appended to the named section.
fn minimal() -> String {
    "name = \"t\"\n[problem]\nkind = \"surface\"\nsurface = \"booth\"\n[[runs]]\n\
     optimizer = \"sgd\"\nlr = 0.01\n"
        .to_string()
}

#[test]
fn every_file_in_presets_is_a_builtin_and_every_builtin_is_a_file() {
    let mut files: Vec<String> = std::fs::read_dir(presets_dir())
        .expect("presets/")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        // presets/tour.toml is the guided tour (src/tour.rs), not a preset.
        .filter(|stem| stem != "tour")
        .collect();
    files.sort();
    let mut builtins: Vec<String> = preset::BUILTINS
        .iter()
        .map(|b| b.name.to_string())
        .collect();
    builtins.sort();
    assert_eq!(files, builtins);
    for b in preset::BUILTINS {
        let on_disk = std::fs::read_to_string(presets_dir().join(format!("{}.toml", b.name)))
            .expect("preset file");
        assert_eq!(
            on_disk, b.text,
            "{} is compiled in as it is on disk",
            b.name
        );
    }
}

#[test]
fn every_preset_loads_validates_and_trains_twenty_steps() {
    for b in preset::BUILTINS {
        let from_name = load(b.name);
        let from_file = load(
            &presets_dir()
                .join(format!("{}.toml", b.name))
                .display()
                .to_string(),
        );
        assert_eq!(from_name, from_file, "{}", b.name);
        assert!(
            from_name.description.len() > 40,
            "{} needs a description a student understands",
            b.name
        );
        let problem = from_name.problem.build(from_name.seed);
        let never = AtomicBool::new(false);
        for (i, run) in from_name.runs.iter().enumerate() {
            let t = train::train(
                &problem,
                run,
                i,
                &from_name.training.start,
                20,
                from_name.seed,
                &never,
            );
            assert!(!t.is_empty(), "{} run {i} recorded nothing", b.name);
            assert_eq!(t.point(0), &from_name.training.start, "{} run {i}", b.name);
        }
    }
}

#[test]
fn every_preset_round_trips_through_to_toml() {
    for b in preset::BUILTINS {
        let e = load(b.name);
        let text = preset::to_toml(&e);
        let back = parse(&text, "round trip", &[])
            .unwrap_or_else(|err| panic!("{}: {err}\n{text}", b.name));
        assert_eq!(back, e, "{}:\n{text}", b.name);
        // And the text is stable: writing it again gives the same file.
        assert_eq!(preset::to_toml(&back), text, "{}", b.name);
    }
}

#[test]
fn round_trip_keeps_every_optimizer_and_option() {
    let text = format!(
        "{}\n[[runs]]\noptimizer = \"sam\"\nbase = \"adam\"\nrho = 0.1\nbetas = [0.8, 0.9]\n\
         amsgrad = true\nlabel = 'quoted \"label\", with comma'\nclip_grad_norm = 1.5\n\
         grad_noise = 0.25\nbatch_size = 3\n\
         [[runs]]\noptimizer = \"rmsprop\"\ncentered = true\nmomentum = 0.5\nalpha = 0.9\n\
         [[runs]]\noptimizer = \"adagrad\"\nlr_decay = 0.01\ninitial_accumulator_value = 0.1\n\
         [[runs]]\noptimizer = \"lion\"\nlr = 0.0003\nweight_decay = 0.1\n\
         [[runs]]\noptimizer = \"adamw\"\n\
         [[runs]]\noptimizer = \"sgd\"\nmomentum = 0.9\ndampening = 0.0\nnesterov = true\n",
        minimal()
    );
    let e = parse(&text, "all optimizers", &[]).expect("valid");
    assert_eq!(e.runs.len(), 7);
    let sam = &e.runs[1];
    assert_eq!(sam.optimizer.kind, OptimizerKind::Sam);
    assert_eq!(sam.optimizer.base, OptimizerKind::Adam);
    assert_eq!(sam.optimizer.betas, [0.8, 0.9]);
    assert_eq!(sam.optimizer.eps, 1e-8, "the base's defaults");
    assert_eq!(sam.clip_grad_norm, Some(1.5));
    assert_eq!(sam.batch_size, 3);
    let back = parse(&preset::to_toml(&e), "round trip", &[]).expect("round trip");
    assert_eq!(back, e);
}

#[test]
fn defaults_follow_the_design() {
    let e = parse(&minimal(), "minimal", &[]).expect("minimal preset");
    assert_eq!(e.description, "");
    assert_eq!(e.seed, 0);
    assert_eq!(e.problem.surface.kind, SurfaceKind::Booth);
    assert_eq!(e.problem.samples, 64);
    assert_eq!(e.problem.noise, 0.0);
    assert_eq!(e.problem.test_samples, 1024);
    assert_eq!(e.training.steps, 500);
    assert_eq!(e.training.start, SurfaceKind::Booth.default_start());
    assert_eq!(e.runs[0].batch_size, 0);
    assert_eq!(e.runs[0].optimizer.momentum, 0.0);
    let (x, y) = SurfaceKind::Booth.default_view();
    assert_eq!((e.view.x, e.view.y), (x, y));
    assert_eq!(e.view.resolution, 256);
    assert_eq!(e.view.layer, Layer::Train);
    assert_eq!(e.view.log_scale, SurfaceKind::Booth.log_scale());
}

#[test]
fn training_batch_size_is_every_runs_default() {
    let text = minimal().replace("[[runs]]", "[training]\nbatch_size = 8\n[[runs]]")
        + "[[runs]]\noptimizer = \"adam\"\nbatch_size = 2\n";
    let e = parse(&text, "batches", &[]).expect("valid");
    assert_eq!(e.runs[0].batch_size, 8);
    assert_eq!(e.runs[1].batch_size, 2);
}

#[test]
fn set_overrides_change_what_they_name() {
    let base = load("rosenbrock-race");
    let e = load_with(
        "rosenbrock-race",
        &[
            "runs.0.lr=0.000123",
            "problem.noise=0.3",
            "view.x=[-3,3]",
            "view.y=[-1.5, 2.5]",
            "training.steps=50",
            "runs.0.optimizer=adam",
        ],
    )
    .expect("valid overrides");
    assert_eq!(e.runs[0].optimizer.kind, OptimizerKind::Adam);
    assert_eq!(e.runs[0].optimizer.lr, 0.000123);
    assert_eq!(e.problem.noise, 0.3);
    assert_eq!(e.view.x, [-3.0, 3.0]);
    assert_eq!(e.view.y, [-1.5, 2.5]);
    assert_eq!(e.training.steps, 50);
    assert_eq!(e.runs[1..], base.runs[1..], "other runs untouched");
    assert_eq!(e.problem.surface, base.problem.surface);
    // Run 1 sets momentum, which Adam does not have: switching it is an error naming the key.
    let err = error_of("rosenbrock-race", &["runs.1.optimizer=adam"]);
    assert_eq!(err.key(), Some("runs.1.momentum"), "{err}");
}

#[test]
fn set_can_add_a_run() {
    let base = load("beale");
    let n = base.runs.len();
    let e = load_with(
        "beale",
        &[
            &format!("runs.{n}.optimizer=lion"),
            &format!("runs.{n}.lr=0.001"),
        ],
    )
    .expect("added run");
    assert_eq!(e.runs.len(), n + 1);
    assert_eq!(e.runs[n].optimizer.kind, OptimizerKind::Lion);
}

#[test]
fn bad_overrides_are_errors() {
    assert!(matches!(
        error_of("beale", &["runs.0.lr"]),
        PresetError::Override { .. }
    ));
    assert!(matches!(
        error_of("beale", &["runs.99.lr=0.1"]),
        PresetError::Override { .. }
    ));
    assert!(matches!(
        error_of("beale", &["view.x=[1,"]),
        PresetError::Override { .. }
    ));
    let err = error_of("beale", &["runs.0.lr=-1"]);
    assert_eq!(err.key(), Some("runs.0.lr"), "{err}");
    let err = error_of("beale", &["problem.nosie=0.3"]);
    assert!(err.to_string().contains("nosie"), "{err}");
    let err = error_of("beale", &["problem.noise=lots"]);
    assert!(matches!(err, PresetError::Syntax { .. }), "{err}");
}

/// Checks that `source` fails to load with an error whose text contains each of `needles`.
fn assert_error(source: &str, needles: &[&str]) -> PresetError {
    let err = error_of(source, &[]);
    let text = err.to_string();
    for needle in needles {
        assert!(text.contains(needle), "`{needle}` missing from: {text}");
    }
    err
}

#[test]
fn malformed_toml_names_file_and_line() {
    let err = assert_error(&data("malformed.toml"), &["malformed.toml", "line"]);
    assert!(matches!(err, PresetError::Syntax { .. }), "{err}");
}

#[test]
fn unknown_keys_are_named() {
    assert_error(
        &data("unknown-top-key.toml"),
        &["unknown-top-key.toml", "colour"],
    );
    assert_error(&data("unknown-problem-key.toml"), &["sampels"]);
    assert_error(&data("unknown-run-key.toml"), &["learning_rate"]);
}

#[test]
fn out_of_range_values_name_key_and_range() {
    let err = assert_error(&data("lr-zero.toml"), &["lr-zero.toml", "runs.1.lr", "> 0"]);
    assert_eq!(err.key(), Some("runs.1.lr"));
    let err = assert_error(
        &data("batch-too-big.toml"),
        &["runs.0.batch_size", "0..=32"],
    );
    assert_eq!(err.key(), Some("runs.0.batch_size"));
    let err = assert_error(
        &data("resolution-huge.toml"),
        &["view.resolution", "8..=2048", "100000"],
    );
    assert_eq!(err.key(), Some("view.resolution"));
}

#[test]
fn unknown_names_list_the_choices() {
    let err = assert_error(
        &data("unknown-surface.toml"),
        &["problem.surface", "himmelblau"],
    );
    assert_eq!(err.key(), Some("problem.surface"));
    let err = assert_error(
        &data("unknown-optimizer.toml"),
        &["runs.0.optimizer", "adamw"],
    );
    assert_eq!(err.key(), Some("runs.0.optimizer"));
}

#[test]
fn a_hyperparameter_of_another_optimizer_is_an_error() {
    let err = assert_error(
        &data("momentum-on-adam.toml"),
        &["runs.1.momentum", "not a hyperparameter of adam"],
    );
    assert_eq!(err.key(), Some("runs.1.momentum"));
}

#[test]
fn schedules_load_and_network_presets_point_to_their_lab() {
    let e = load(&data("schedule.toml"));
    assert_eq!(
        e.runs[0].schedule.kind,
        basin::core::schedule::ScheduleKind::Cosine {
            t_max: 300,
            eta_min: 0.0
        }
    );
    let err = assert_error(
        &data("network.toml"),
        &["problem.kind", "Network lab", "basin open"],
    );
    assert_eq!(err.key(), Some("problem.kind"));
}

#[test]
fn a_missing_file_is_named() {
    let missing = data("does-not-exist.toml");
    let err = assert_error(&missing, &["does-not-exist.toml", "rosenbrock-race"]);
    assert!(matches!(err, PresetError::Unknown { .. }), "{err}");
}

#[test]
fn further_range_checks() {
    let cases: &[(&str, &str)] = &[
        ("view.x=[2,1]", "view.x"),
        ("training.start=[nan, 0]", "training.start"),
        ("problem.samples=0", "problem.samples"),
        ("problem.noise=-0.5", "problem.noise"),
        ("training.steps=0", "training.steps"),
        ("view.layer=val", "view.layer"),
        ("view.plane=pca", "view.plane"),
        ("problem.condition=100", "problem.condition"),
        ("runs.0.clip_grad_norm=0", "runs.0.clip_grad_norm"),
        ("runs.0.grad_noise=-1", "runs.0.grad_noise"),
        ("runs.0.momentum=1.5", "runs.0.momentum"),
        ("training.batch_size=65", "training.batch_size"),
    ];
    for (set, key) in cases {
        let err = parse(&minimal(), "minimal", &[(*set).to_string()]).expect_err(set);
        assert_eq!(err.key(), Some(*key), "{set}: {err}");
    }
    let mut too_many = minimal();
    for _ in 0..16 {
        too_many.push_str("[[runs]]\noptimizer = \"adam\"\n");
    }
    let err = parse(&too_many, "17 runs", &[]).expect_err("17 runs");
    assert_eq!(err.key(), Some("runs"), "{err}");
    let none = "name = \"t\"\n[problem]\nkind = \"surface\"\nsurface = \"booth\"\n";
    let err = parse(none, "no runs", &[]).expect_err("no runs");
    assert_eq!(err.key(), Some("runs"), "{err}");
}

#[test]
fn quadratic_takes_a_condition_number() {
    let e = parse(
        &minimal(),
        "minimal",
        &[
            "problem.surface=quadratic".into(),
            "problem.condition=250".into(),
        ],
    )
    .expect("quadratic");
    assert_eq!(e.problem.surface.kind, SurfaceKind::Quadratic);
    assert_eq!(e.problem.surface.condition, 250.0);
    let err = parse(
        &minimal(),
        "minimal",
        &[
            "problem.surface=quadratic".into(),
            "problem.condition=0.5".into(),
        ],
    )
    .expect_err("κ < 1");
    assert_eq!(err.key(), Some("problem.condition"), "{err}");
}

/// Every run of a built-in preset over its full length: `(legend, trajectory)`.
fn train_fully(name: &str) -> (SurfaceExperiment, Vec<train::Trajectory>) {
    let e = load(name);
    let problem = e.problem.build(e.seed);
    let never = AtomicBool::new(false);
    let runs = basin::jobs::tasks::train_all(&e, &problem, &never);
    (e, runs)
}

fn final_loss(t: &train::Trajectory) -> f64 {
    t.train_loss[t.len() - 1]
}

fn end_point(t: &train::Trajectory) -> [f64; 2] {
    let p = t.point(t.len() - 1);
    [p[0], p[1]]
}

/// Sum of step lengths: how far a run wandered.
fn path_length(t: &train::Trajectory) -> f64 {
    (1..t.len())
        .map(|i| {
            let (a, b) = (t.point(i - 1), t.point(i));
            libm::hypot(b[0] - a[0], b[1] - a[1])
        })
        .sum()
}

#[test]
fn no_builtin_run_diverges_and_every_run_moves() {
    for b in preset::BUILTINS {
        let (e, runs) = train_fully(b.name);
        let view_width = e.view.x[1] - e.view.x[0];
        for (i, t) in runs.iter().enumerate() {
            assert_eq!(t.status, train::RunStatus::Finished, "{} run {i}", b.name);
            assert_eq!(t.len(), e.training.steps + 1, "{} run {i}", b.name);
            assert!(
                path_length(t) > 0.01 * view_width,
                "{} run {i} hardly moves: {}",
                b.name,
                path_length(t)
            );
        }
    }
}

/// The descriptions promise pictures; these check the numbers behind them.
#[test]
fn builtin_presets_tell_their_stories() {
    // Rosenbrock: plain SGD is last; momentum, Nesterov and Adam get close to (1, 1).
    let (_, r) = train_fully("rosenbrock-race");
    assert!((1..5).all(|i| final_loss(&r[i]) < final_loss(&r[0])));
    for i in [1, 2, 4] {
        assert!(
            final_loss(&r[i]) < 0.05,
            "rosenbrock run {i}: {}",
            final_loss(&r[i])
        );
    }

    // Saddle: gradient descent is still near the saddle when the adaptive methods are far.
    let (_, s) = train_fully("saddle");
    let dist = |t: &train::Trajectory| libm::hypot(end_point(t)[0], end_point(t)[1]);
    assert!(dist(&s[0]) < 0.5, "GD stalls: {:?}", end_point(&s[0]));
    assert!(
        dist(&s[2]) > 1.0 && dist(&s[3]) > 1.0,
        "RMSprop and Adam escape"
    );

    // Ill-conditioned: momentum ends far lower than plain gradient descent.
    let (_, q) = train_fully("ill-conditioned");
    assert!(final_loss(&q[1]) < 1e-3 * final_loss(&q[0]));

    // Rastrigin: the full batch and the batch of 8 stay in the first dimple; the batch of 4
    // hops towards the centre.
    let (e, g) = train_fully("rastrigin");
    let [x0, y0] = e.training.start;
    for (i, run) in g.iter().enumerate().take(2) {
        let [x, y] = end_point(run);
        assert!(
            libm::hypot(x - x0, y - y0) < 0.8,
            "rastrigin run {i} stuck near the start"
        );
    }
    let [x, y] = end_point(&g[2]);
    assert!(
        libm::hypot(x, y) < 1.5,
        "batch of 4 near the centre: ({x}, {y})"
    );
    assert!(final_loss(&g[2]) < final_loss(&g[0]) - 5.0);

    // Batch size: the smaller the batch, the more the path wanders.
    let (_, b) = train_fully("batch-size");
    let lengths: Vec<f64> = b.iter().map(path_length).collect();
    assert!(
        lengths[0] > 1.5 * lengths[1] && lengths[1] > 1.5 * lengths[2],
        "{lengths:?}"
    );

    // Beale: everything but plain SGD reaches the valley floor near (3, 0.5).
    let (_, v) = train_fully("beale");
    for (i, run) in v.iter().enumerate().skip(1) {
        let [x, y] = end_point(run);
        assert!(
            libm::hypot(x - 3.0, y - 0.5) < 0.2,
            "beale run {i}: ({x}, {y})"
        );
    }
}

#[test]
fn step_overlays_round_trip_and_bad_values_name_the_key() {
    use basin::core::anatomy::Overlay;
    let e = load_with(
        "rosenbrock-race",
        &[
            "view.step_overlays=[\"update\", \"gradient\", \"step_size\"]",
            "view.step_run=2",
            "view.step_at=40",
        ],
    )
    .expect("valid overlays");
    let o = &e.view.step_overlays;
    // Kept in the toggles' order, whatever order the file gives.
    assert_eq!(
        o.on,
        [Overlay::Gradient, Overlay::Update, Overlay::StepSize]
    );
    assert_eq!((o.run, o.at), (2, Some(40)));
    let text = preset::to_toml(&e);
    let back = parse(&text, "round trip", &[]).expect("round trip");
    assert_eq!(back, e, "{text}");
    for (set, key) in [
        ("view.step_overlays=[\"curvature\"]", "view.step_overlays"),
        (
            "view.step_overlays=[\"update\", \"update\"]",
            "view.step_overlays",
        ),
        ("view.step_run=99", "view.step_run"),
        ("view.step_at=100000", "view.step_at"),
    ] {
        match load_with("rosenbrock-race", &[set]) {
            Err(PresetError::Invalid {
                key: k, message, ..
            }) => {
                assert_eq!(k, key, "{set}: {message}");
            }
            other => panic!("{set}: {other:?}"),
        }
    }
}
