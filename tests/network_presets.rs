//! Network presets (`problem.kind = "network"`): every shipped one loads, validates and
//! trains a few steps onto its plane; bad network presets name the key and the range; the
//! network landscape is deterministic and oriented as the contract says.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use basin::core::landscape::{GridSpec, Layer};
use basin::core::network::activation::Activation;
use basin::core::network::data::DatasetKind;
use basin::core::network::mlp::DataSplit;
use basin::jobs::{grid, network};
use basin::preset::{self, NetworkExperiment, PlaneKind, Preset, PresetError};

fn network(source: &str, overrides: &[&str]) -> NetworkExperiment {
    let overrides: Vec<String> = overrides.iter().map(|s| (*s).to_string()).collect();
    match preset::load(source, &overrides) {
        Ok(Preset::Network(e)) => e,
        Ok(other) => panic!("{source}: not a network preset: {}", other.name()),
        Err(err) => panic!("{source}: {err}"),
    }
}

/// A small valid network preset with `extra` lines appended to `[problem]`, and `tail`
/// appended at the end.
fn preset_text(problem_extra: &str, tail: &str) -> String {
    format!(
        "name = \"t\"\nseed = 1\n[problem]\nkind = \"network\"\ndataset = \"moons\"\n\
         n_train = 64\nn_test = 32\n{problem_extra}\n[training]\nsteps = 5\n\
         [[runs]]\noptimizer = \"sgd\"\nlr = 0.1\n{tail}"
    )
}

fn error_of(text: &str) -> PresetError {
    match preset::parse(text, "test.toml", &[]) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(err) => err,
    }
}

#[test]
fn every_file_in_presets_network_is_a_builtin() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/network");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("presets/network")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".toml"))
                .map(str::to_string)
        })
        .collect();
    files.sort();
    let mut builtins: Vec<String> = preset::NETWORK_BUILTINS
        .iter()
        .map(|b| b.name.to_string())
        .collect();
    builtins.sort();
    assert_eq!(files, builtins);
    assert_eq!(
        preset::NETWORK_BUILTINS.first().map(|b| b.name),
        Some(preset::DEFAULT_NETWORK_PRESET)
    );
}

#[test]
fn the_default_moons_preset_is_2_32_32_1_tanh_on_512_and_512_points() {
    let e = network("moons", &[]);
    assert_eq!(e.dataset.kind, DatasetKind::Moons);
    assert_eq!((e.dataset.n_train, e.dataset.n_test), (512, 512));
    assert_eq!(e.hidden, vec![32, 32]);
    assert_eq!(e.activation, Activation::Tanh);
    let mlp = e.build_mlp().expect("mlp");
    assert_eq!(mlp.architecture().sizes(), &[2, 32, 32, 1]);
}

#[test]
fn every_network_preset_trains_a_few_steps_onto_its_plane() {
    for b in preset::NETWORK_BUILTINS {
        let e = network(b.name, &["training.steps=4"]);
        let mlp = e.build_mlp().expect("mlp");
        let start = NetworkExperiment::initial_params(&mlp, e.seed);
        let never = AtomicBool::new(false);
        let trajectories = network::train_network(&e, &mlp, &start, &never);
        assert_eq!(trajectories.len(), e.runs.len(), "{}", b.name);
        for t in &trajectories {
            assert_eq!(t.len(), 5, "{}: start + 4 steps", b.name);
            assert!(t.train_loss.iter().all(|l| l.is_finite()), "{}", b.name);
            assert_eq!(t.point(0), &start[..], "{}: every run starts at θ₀", b.name);
        }
        let plane = network::network_plane(&e, &mlp, &trajectories)
            .unwrap_or_else(|err| panic!("{}: {err}", b.name));
        assert_eq!(plane.coords.len(), trajectories.len());
        // Run 0's final weights are the plane's origin for "random" and "pca".
        let last = plane.coords[0][4];
        assert!(
            last[0].abs() < 1e-9 && last[1].abs() < 1e-9,
            "{}: {last:?}",
            b.name
        );
    }
}

#[test]
fn a_random_plane_is_centred_on_the_final_or_the_initial_weights() {
    let coords = |centre: &str| {
        let e = network(
            "moons",
            &[
                &format!("view.centre={centre:?}"),
                "training.steps=5",
                "problem.n_train=64",
            ],
        );
        let mlp = e.build_mlp().expect("mlp");
        let start = NetworkExperiment::initial_params(&mlp, e.seed);
        let trajectories = network::train_network(&e, &mlp, &start, &AtomicBool::new(false));
        let plane = network::network_plane(&e, &mlp, &trajectories).expect("plane");
        (
            e.view.centre,
            plane.coords[0].clone(),
            plane.distances[0].clone(),
        )
    };
    let (centre, at_final, _) = coords("final");
    assert_eq!(centre, basin::preset::PlaneCentre::Final);
    let [a, b] = at_final[5];
    assert!(
        a.abs() < 1e-9 && b.abs() < 1e-9,
        "the end is the centre: {a} {b}"
    );
    let (centre, at_start, distances) = coords("start");
    assert_eq!(centre, basin::preset::PlaneCentre::Start);
    let [a, b] = at_start[0];
    assert!(
        a.abs() < 1e-9 && b.abs() < 1e-9,
        "the start is the centre: {a} {b}"
    );
    assert!(distances[0].abs() < 1e-9, "the start lies on its own plane");
    let [a, b] = at_start[5];
    assert!(
        libm::hypot(a, b) > 1e-6,
        "the path leaves the centre: {a} {b}"
    );
    // The weights at a given step (the window's "playback step").
    let e = network(
        "moons",
        &[
            "view.centre=\"step\"",
            "view.centre_step=3",
            "training.steps=5",
            "problem.n_train=64",
        ],
    );
    assert_eq!(e.view.centre, basin::preset::PlaneCentre::Step(3));
    let mlp = e.build_mlp().expect("mlp");
    let start = NetworkExperiment::initial_params(&mlp, e.seed);
    let trajectories = network::train_network(&e, &mlp, &start, &AtomicBool::new(false));
    let plane = network::network_plane(&e, &mlp, &trajectories).expect("plane");
    let [a, b] = plane.coords[0][3];
    assert!(
        a.abs() < 1e-9 && b.abs() < 1e-9,
        "step 3 is the centre: {a} {b}"
    );
    assert!(plane.distances[0][3].abs() < 1e-9);
    for (overrides, key) in [
        (vec!["view.centre=\"step\""], "view.centre_step"),
        (vec!["view.centre_step=2"], "view.centre_step"),
        (
            vec!["view.centre=\"step\"", "view.centre_step=999999"],
            "view.centre_step",
        ),
    ] {
        let overrides: Vec<String> = overrides.iter().map(ToString::to_string).collect();
        match preset::load("moons", &overrides) {
            Ok(_) => panic!("{overrides:?} loaded"),
            Err(err) => assert_eq!(err.key(), Some(key), "{overrides:?}: {err}"),
        }
    }
    let err = match preset::load("moons", &["view.centre=\"middle\"".to_string()]) {
        Ok(_) => panic!("an unknown centre loaded"),
        Err(err) => err,
    };
    assert_eq!(err.key(), Some("view.centre"));
    assert!(err.to_string().contains("\"start\""), "{err}");
}

#[test]
fn the_solutions_plane_puts_run_0_at_the_origin_and_run_1_at_a_equals_1() {
    let e = network(
        "moons",
        &[
            "view.plane=solutions",
            "training.steps=5",
            "problem.n_train=64",
        ],
    );
    assert_eq!(e.view.plane, PlaneKind::Solutions);
    let mlp = e.build_mlp().expect("mlp");
    let start = NetworkExperiment::initial_params(&mlp, e.seed);
    let trajectories = network::train_network(&e, &mlp, &start, &AtomicBool::new(false));
    let plane = network::network_plane(&e, &mlp, &trajectories).expect("plane");
    let [a0, b0] = plane.coords[0][5];
    let [a1, b1] = plane.coords[1][5];
    assert!(a0.abs() < 1e-9 && b0.abs() < 1e-9, "{a0} {b0}");
    assert!((a1 - 1.0).abs() < 1e-9 && b1.abs() < 1e-9, "{a1} {b1}");
}

#[test]
fn bad_network_presets_name_the_key_and_the_range() {
    let cases = [
        (
            preset_text("", "").replace("moons", "bananas"),
            "problem.dataset",
            "moons",
        ),
        (
            preset_text("hidden = [32, 0]", ""),
            "problem.hidden",
            "1..=",
        ),
        (
            preset_text("label_noise = 0.6", ""),
            "problem.label_noise",
            "0.5",
        ),
        (
            preset_text("", "").replace("n_train = 64", "n_train = 0"),
            "problem.n_train",
            "1..=",
        ),
        (
            preset_text("", "[view]\nplane = \"diagonal\"\n"),
            "view.plane",
            "random",
        ),
        (
            preset_text("activation = \"swish\"", ""),
            "problem.activation",
            "tanh",
        ),
        (
            preset_text("", "[view]\nplane = \"solutions\"\n"),
            "view.plane",
            "at least 2",
        ),
        (preset_text("classes = 4", ""), "problem.classes", "blobs"),
        (preset_text("noise = -1.0", ""), "problem.noise", "[0, 10]"),
    ];
    for (text, key, hint) in cases {
        let err = error_of(&text);
        assert_eq!(err.key(), Some(key), "{err}");
        let message = err.to_string();
        assert!(message.contains(hint), "{key}: {message}");
        assert!(message.contains("test.toml"), "{message}");
    }
}

#[test]
fn an_unknown_network_key_is_named() {
    let err = error_of(&preset_text("hiden = [4]", ""));
    let message = err.to_string();
    assert!(message.contains("hiden"), "{message}");
}

#[test]
fn the_surface_loader_points_network_presets_to_the_headless_commands() {
    let err = match preset::load_surface("moons", &[]) {
        Ok(_) => panic!("a network preset loaded as a surface"),
        Err(err) => err,
    };
    assert_eq!(err.key(), Some("problem.kind"));
    assert!(err.to_string().contains("basin trajectory"), "{err}");
}

#[test]
fn overrides_reach_network_presets() {
    let e = network(
        "moons",
        &[
            "problem.hidden=[8]",
            "problem.activation=relu",
            "runs.0.lr=0.5",
        ],
    );
    assert_eq!(e.hidden, vec![8]);
    assert_eq!(e.activation, Activation::Relu);
    assert_eq!(e.runs[0].optimizer.lr, 0.5);
}

/// A small network landscape: same on 1 and 2 threads, centre = the loss at θ₀, row i ↔ y[i].
#[test]
fn network_grids_are_deterministic_centred_and_oriented() {
    let e = network("moons", &["problem.n_train=64", "training.steps=3"]);
    let mlp = e.build_mlp().expect("mlp");
    let start = NetworkExperiment::initial_params(&mlp, e.seed);
    let trajectories = network::train_network(&e, &mlp, &start, &AtomicBool::new(false));
    let plane = network::network_plane(&e, &mlp, &trajectories).expect("plane");
    let spec = GridSpec {
        x: [-1.0, 1.0],
        y: [-0.5, 1.5],
        nx: 9,
        ny: 5,
    };
    let grid_on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool");
        pool.install(|| {
            grid::network_grid(
                &mlp,
                &plane.plane,
                Layer::Train,
                spec,
                &AtomicBool::new(false),
                &|_| {},
            )
        })
        .expect("not cancelled")
    };
    let one = grid_on(1);
    let two = grid_on(2);
    assert_eq!(one.values.shape(), &[5, 9]);
    let bits = |g: &basin::core::landscape::Grid| -> Vec<u64> {
        g.values.iter().map(|v| v.to_bits()).collect()
    };
    assert_eq!(bits(&one), bits(&two));
    // Cell (i, j) is the loss at (x[j], y[i]): check two cells off the diagonal.
    for (i, j) in [(1, 4), (3, 7), (2, 0)] {
        let theta = plane.plane.params_from_plane(spec.x_at(j), spec.y_at(i));
        let expected = mlp.loss_on(&theta, DataSplit::Train);
        let got = one.values[[i, j]];
        assert!(
            (got - expected).abs() <= 1e-12 * expected.abs().max(1.0),
            "({i}, {j}): {got} vs {expected}"
        );
    }
    // x = 0 is column 4 and y = 0 is row 1: that cell is θ₀ itself.
    let expected = mlp.loss_on(plane.plane.origin(), DataSplit::Train);
    assert!((one.values[[1, 4]] - expected).abs() <= 1e-12 * expected.max(1.0));
}

#[test]
fn every_network_preset_saves_and_loads_back_to_the_same_experiment() {
    for b in preset::NETWORK_BUILTINS {
        let e = network(b.name, &[]);
        let text = preset::network_to_toml(&e);
        let back = match preset::parse(&text, "saved.toml", &[]) {
            Ok(Preset::Network(back)) => back,
            Ok(_) => panic!("{}: saved as another kind:\n{text}", b.name),
            Err(err) => panic!("{}: the saved preset does not load: {err}\n{text}", b.name),
        };
        assert_eq!(back, e, "{}: round trip changed the experiment", b.name);
        // Written once more, the text is the same (nothing drifts).
        assert_eq!(preset::network_to_toml(&back), text, "{}", b.name);
    }
}

#[test]
fn a_saved_network_preset_keeps_edits() {
    let mut e = network("moons", &[]);
    e.dataset.kind = DatasetKind::Blobs;
    e.dataset.classes = 5;
    e.hidden = vec![7, 9, 11];
    e.activation = Activation::Gelu;
    e.view.plane = PlaneKind::Pca;
    e.view.layer = Layer::Gap;
    let text = preset::network_to_toml(&e);
    match preset::parse(&text, "saved.toml", &[]) {
        Ok(Preset::Network(back)) => assert_eq!(back, e),
        other => panic!("{other:?}\n{text}"),
    }
}
