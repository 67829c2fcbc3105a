//! The command line on network presets, end to end: the real `basin` binary in a temporary
//! folder. `trajectory` writes plane coordinates, `landscape --inputs` writes what is needed
//! to recompute the grid and `landscape --model` recomputes it; bad model folders name the
//! file and the expected shape, with exit status 2.

mod common;

use common::*;

use std::path::Path;

use ndarray::{Array1, Array2};
use ndarray_npy::{read_npy, write_npy};

/// Quick settings for the default preset: few points, few steps, a small grid.
const QUICK: [&str; 8] = [
    "--set",
    "problem.n_train=64",
    "--set",
    "training.steps=10",
    "--set",
    "view.resolution=11",
    "--set",
    "problem.hidden=[8,8]",
];

fn grid(path: &Path) -> Array2<f64> {
    read_npy(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn trajectory_on_a_network_preset_writes_plane_coordinates() {
    let dir = tempdir();
    let mut args = vec!["trajectory", "moons", "--out", "t.csv"];
    args.extend(QUICK);
    ok(&basin(dir.path(), &args));
    let text = std::fs::read_to_string(dir.path().join("t.csv")).expect("csv");
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    assert!(header.starts_with("run,optimizer,step,loss,test_loss,x,y"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 2 * 11, "2 runs × (start + 10 steps)");
    // The random plane is centred on run 0's final weights.
    let last0 = rows.iter().rfind(|r| r[0] == "0").expect("run 0");
    assert_eq!(last0[2], "10");
    assert_eq!((last0[5], last0[6]), ("0", "0"));
    // The honesty columns: run 0's final point lies on the plane, so the surface value under
    // it is its own loss; its start lies off the plane.
    assert!(
        header.ends_with(",distance_from_plane,plane_loss"),
        "{header}"
    );
    let number = |s: &str| -> f64 { s.parse().expect("number") };
    assert_eq!(number(last0[9]), 0.0);
    let (loss, plane_loss) = (number(last0[3]), number(last0[10]));
    assert!(
        (loss - plane_loss).abs() <= 1e-12 * loss,
        "{loss} vs {plane_loss}"
    );
    assert!(number(rows[0][9]) > 0.0);
    // Run 0 starts elsewhere on the plane, and every loss is a finite number.
    let first0 = &rows[0];
    let x0: f64 = first0[5].parse().expect("x");
    assert!(x0 != 0.0 && x0.is_finite());
    for r in &rows {
        let loss: f64 = r[3].parse().expect("loss");
        let test: f64 = r[4].parse().expect("test loss");
        assert!(loss.is_finite() && test.is_finite() && loss > 0.0);
    }
}

#[test]
fn landscape_inputs_then_model_reproduces_the_grid() {
    let dir = tempdir();
    let mut args = vec!["landscape", "moons", "--out", "first", "--inputs"];
    args.extend(QUICK);
    ok(&basin(dir.path(), &args));
    for f in ["grid.npy", "x.npy", "y.npy", "meta.json"] {
        assert!(dir.path().join("first").join(f).exists(), "{f}");
    }
    for f in basin::export::INPUT_FILES {
        assert!(dir.path().join("first/inputs").join(f).exists(), "{f}");
    }
    let x_train: Array2<f32> = read_npy(dir.path().join("first/inputs/X_train.npy")).expect("X");
    assert_eq!(x_train.shape(), &[64, 2]);
    let theta: Array1<f64> = read_npy(dir.path().join("first/inputs/theta.npy")).expect("θ");
    assert_eq!(theta.len(), (2 * 8 + 8) + (8 * 8 + 8) + (8 + 1));

    ok(&basin(
        dir.path(),
        &[
            "landscape",
            "--model",
            "first/inputs",
            "--out",
            "second",
            "--resolution",
            "11",
            "--range",
            "-1,1",
        ],
    ));
    let a = grid(&dir.path().join("first/grid.npy"));
    let b = grid(&dir.path().join("second/grid.npy"));
    assert_eq!(a.shape(), &[11, 11]);
    assert_eq!(a.shape(), b.shape());
    for (u, v) in a.iter().zip(&b) {
        assert!((u - v).abs() <= 1e-12 * u.abs().max(1.0), "{u} vs {v}");
    }
    // The landscape folder itself is accepted too (its inputs/ is used).
    ok(&basin(
        dir.path(),
        &[
            "landscape",
            "--model",
            "first",
            "--out",
            "third",
            "--resolution",
            "11",
        ],
    ));
    assert_eq!(a, grid(&dir.path().join("third/grid.npy")));
}

#[test]
fn network_landscapes_are_identical_on_1_and_2_threads() {
    let dir = tempdir();
    for (threads, out) in [("1", "one"), ("2", "two")] {
        let mut args = vec!["landscape", "moons", "--out", out];
        args.extend(QUICK);
        ok(&basin_with(dir.path(), &args, Some(threads)));
    }
    let one = std::fs::read(dir.path().join("one/grid.npy")).expect("one");
    let two = std::fs::read(dir.path().join("two/grid.npy")).expect("two");
    assert_eq!(one, two);
}

/// A folder named like a built-in preset (left by `--out moons`) does not shadow it: the
/// second run loads the built-in again; only a file of that name would be read instead.
#[test]
fn an_output_folder_named_like_a_builtin_does_not_shadow_it() {
    let dir = tempdir();
    let mut args = vec!["landscape", "moons", "--out", "moons"];
    args.extend(QUICK);
    ok(&basin(dir.path(), &args));
    let first = std::fs::read(dir.path().join("moons/grid.npy")).expect("first grid");
    assert!(dir.path().join("moons").is_dir());
    let second = basin(dir.path(), &args);
    ok(&second);
    assert!(
        !stderr(&second).contains("Is a directory"),
        "{}",
        stderr(&second)
    );
    let again = std::fs::read(dir.path().join("moons/grid.npy")).expect("second grid");
    assert_eq!(first, again);
    // A file of that name is what the user means, and wins over the built-in.
    std::fs::write(
        dir.path().join("beale"),
        "name = \"mine\"\n[problem]\nkind = \"surface\"\nsurface = \"nope\"\n\
         [[runs]]\noptimizer = \"sgd\"\nlr = 0.01\n",
    )
    .expect("write");
    let out = basin(dir.path(), &["trajectory", "beale", "--out", "t.csv"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("problem.surface"), "{}", stderr(&out));
}

/// Writes a valid model folder (a 2-3-1 tanh network on 4 points) into `dir`.
fn write_small_model(dir: &Path) {
    std::fs::create_dir_all(dir).expect("dir");
    std::fs::write(
        dir.join("model.json"),
        r#"{"sizes": [2, 3, 1], "activation": "tanh", "loss": "bce_with_logits"}"#,
    )
    .expect("model.json");
    let x = Array2::<f32>::from_shape_vec((4, 2), vec![0.0, 1.0, 1.0, 0.0, -1.0, 0.5, 0.3, -0.2])
        .expect("x");
    write_npy(dir.join("X_train.npy"), &x).expect("X");
    write_npy(
        dir.join("y_train.npy"),
        &Array1::<f32>::from(vec![0.0, 1.0, 1.0, 0.0]),
    )
    .expect("y");
    let dim = 2 * 3 + 3 + 3 + 1;
    let theta = Array1::from_iter((0..dim).map(|i| 0.1 * i as f64 - 0.3));
    let d1 = Array1::from_iter((0..dim).map(|i| if i % 2 == 0 { 0.2 } else { 0.0 }));
    let d2 = Array1::from_iter((0..dim).map(|i| if i % 3 == 0 { -0.1 } else { 0.05 }));
    write_npy(dir.join("theta.npy"), &theta).expect("θ");
    write_npy(dir.join("d1.npy"), &d1).expect("d1");
    write_npy(dir.join("d2.npy"), &d2).expect("d2");
}

#[test]
fn a_hand_written_model_folder_is_evaluated() {
    let dir = tempdir();
    write_small_model(&dir.path().join("m"));
    ok(&basin(
        dir.path(),
        &[
            "landscape",
            "--model",
            "m",
            "--out",
            "L",
            "--resolution",
            "9",
        ],
    ));
    let g = grid(&dir.path().join("L/grid.npy"));
    assert_eq!(g.shape(), &[9, 9]);
    assert!(g.iter().all(|v| v.is_finite() && *v > 0.0));
}

#[test]
fn bad_model_files_name_the_file_and_the_expected_shape() {
    let dir = tempdir();
    // θ of the wrong length.
    let m = dir.path().join("m");
    write_small_model(&m);
    write_npy(m.join("theta.npy"), &Array1::<f64>::zeros(5)).expect("θ");
    let out = basin(dir.path(), &["landscape", "--model", "m", "--out", "L"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(
        text.contains("theta.npy") && text.contains("[13]"),
        "{text}"
    );
    assert!(!dir.path().join("L").exists(), "no output on error");

    // X_train in f64 instead of f32.
    write_small_model(&m);
    write_npy(m.join("X_train.npy"), &Array2::<f64>::zeros((4, 2))).expect("X");
    let out = basin(dir.path(), &["landscape", "--model", "m", "--out", "L"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(
        text.contains("X_train.npy") && text.contains("float32") && text.contains("[n, 2]"),
        "{text}"
    );

    // model.json that does not match θ (one more hidden unit).
    write_small_model(&m);
    std::fs::write(
        m.join("model.json"),
        r#"{"sizes": [2, 4, 1], "activation": "tanh", "loss": "bce_with_logits"}"#,
    )
    .expect("model.json");
    let out = basin(dir.path(), &["landscape", "--model", "m", "--out", "L"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(
        text.contains("theta.npy") && text.contains("[17]"),
        "{text}"
    );

    // NaN in the data.
    write_small_model(&m);
    let x = Array2::<f32>::from_elem((4, 2), f32::NAN);
    write_npy(m.join("X_train.npy"), &x).expect("X");
    let out = basin(dir.path(), &["landscape", "--model", "m", "--out", "L"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("X_train.npy"), "{}", stderr(&out));

    // A missing folder.
    let out = basin(
        dir.path(),
        &["landscape", "--model", "nowhere", "--out", "L"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("model.json"), "{}", stderr(&out));

    // A bad --range.
    write_small_model(&m);
    let out = basin(
        dir.path(),
        &["landscape", "--model", "m", "--out", "L", "--range", "1,-1"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--range"), "{}", stderr(&out));

    // A --resolution out of range.
    let out = basin(
        dir.path(),
        &[
            "landscape",
            "--model",
            "m",
            "--out",
            "L",
            "--resolution",
            "1",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--resolution"), "{}", stderr(&out));
    assert!(!dir.path().join("L").exists());
}

#[test]
fn bad_network_presets_exit_2_naming_the_key() {
    let dir = tempdir();
    let out = basin(
        dir.path(),
        &[
            "trajectory",
            "moons",
            "--out",
            "t.csv",
            "--set",
            "problem.label_noise=0.7",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("problem.label_noise"),
        "{}",
        stderr(&out)
    );
    assert!(!dir.path().join("t.csv").exists());
    let out = basin(
        dir.path(),
        &[
            "landscape",
            "moons",
            "--out",
            "L",
            "--set",
            "view.plane=axes",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("view.plane"), "{}", stderr(&out));
}

#[test]
fn presets_lists_the_network_presets() {
    let dir = tempdir();
    let out = basin(dir.path(), &["presets"]);
    ok(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    for b in basin::preset::NETWORK_BUILTINS {
        assert!(text.contains(b.name), "{}", b.name);
    }
    assert!(text.contains("moons (default network preset)"));
    assert!(!text.contains("broken"), "{text}");
}

#[test]
fn a_diverging_run_is_marked_diverged_not_a_panic() {
    let dir = tempdir();
    let out = basin(
        dir.path(),
        &[
            "trajectory",
            "moons",
            "--out",
            "t.csv",
            "--set",
            "problem.n_train=64",
            "--set",
            "training.steps=20",
            "--set",
            "runs.0.lr=1e300",
        ],
    );
    ok(&out);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("diverged: run 0"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = std::fs::read_to_string(dir.path().join("t.csv")).expect("csv");
    let run0 = text.lines().filter(|l| l.starts_with("0,")).count();
    let run1 = text.lines().filter(|l| l.starts_with("1,")).count();
    assert!(
        run0 < 21,
        "run 0 stops at its last finite point: {run0} rows"
    );
    assert_eq!(run1, 21);
}

#[test]
fn inputs_need_the_training_loss_layer() {
    let dir = tempdir();
    let mut args = vec![
        "landscape",
        "moons",
        "--out",
        "L",
        "--inputs",
        "--set",
        "view.layer=test",
    ];
    args.extend(QUICK);
    let out = basin(dir.path(), &args);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("view.layer"), "{}", stderr(&out));
    assert!(!dir.path().join("L").exists());
}

/// The training loss of a tanh MLP with BCE-with-logits, written from the contract alone
/// (PyTorch's `nn.Linear` order, mean over samples), in f64.
fn independent_bce_loss(sizes: &[usize], theta: &[f64], x: &Array2<f32>, y: &Array1<f32>) -> f64 {
    let mut total = 0.0;
    for (row, &target) in x.rows().into_iter().zip(y) {
        let mut a: Vec<f64> = row.iter().map(|&v| f64::from(v)).collect();
        let mut offset = 0;
        for (l, pair) in sizes.windows(2).enumerate() {
            let (fan_in, fan_out) = (pair[0], pair[1]);
            let w = &theta[offset..offset + fan_in * fan_out];
            let b = &theta[offset + fan_in * fan_out..offset + fan_in * fan_out + fan_out];
            offset += fan_in * fan_out + fan_out;
            let z: Vec<f64> = (0..fan_out)
                .map(|o| b[o] + (0..fan_in).map(|i| w[o * fan_in + i] * a[i]).sum::<f64>())
                .collect();
            a = if l + 2 < sizes.len() {
                z.iter().map(|&v| libm::tanh(v)).collect()
            } else {
                z
            };
        }
        let z = a[0];
        let t = f64::from(target);
        total += z.max(0.0) - z * t + libm::log1p(libm::exp(-z.abs()));
    }
    total / y.len() as f64
}

#[test]
fn the_inputs_recompute_the_grid_independently_to_1e_4() {
    let dir = tempdir();
    let mut args = vec!["landscape", "moons", "--out", "L", "--inputs"];
    args.extend(QUICK);
    ok(&basin(dir.path(), &args));
    let inputs = dir.path().join("L/inputs");
    let model: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(inputs.join("model.json")).expect("model.json"),
    )
    .expect("json");
    assert_eq!(model["activation"], "tanh");
    assert_eq!(model["loss"], "bce_with_logits");
    let sizes: Vec<usize> = model["sizes"]
        .as_array()
        .expect("sizes")
        .iter()
        .map(|v| v.as_u64().expect("size") as usize)
        .collect();
    assert_eq!(sizes, vec![2, 8, 8, 1]);
    let x: Array2<f32> = read_npy(inputs.join("X_train.npy")).expect("X");
    let y: Array1<f32> = read_npy(inputs.join("y_train.npy")).expect("y");
    let theta: Array1<f64> = read_npy(inputs.join("theta.npy")).expect("θ");
    let d1: Array1<f64> = read_npy(inputs.join("d1.npy")).expect("d1");
    let d2: Array1<f64> = read_npy(inputs.join("d2.npy")).expect("d2");
    let xs: Array1<f64> = read_npy(dir.path().join("L/x.npy")).expect("x");
    let ys: Array1<f64> = read_npy(dir.path().join("L/y.npy")).expect("y");
    let g = grid(&dir.path().join("L/grid.npy"));
    assert_eq!(g.shape(), &[ys.len(), xs.len()]);
    for (i, j) in [(0, 0), (5, 5), (2, 9), (10, 3), (7, 10)] {
        let point: Vec<f64> = (0..theta.len())
            .map(|k| theta[k] + xs[j] * d1[k] + ys[i] * d2[k])
            .collect();
        let expected = independent_bce_loss(&sizes, &point, &x, &y);
        let got = g[[i, j]];
        assert!(
            (got - expected).abs() <= 1e-4 * expected.abs(),
            "cell ({i}, {j}): basin {got}, independent {expected}"
        );
    }
}

#[test]
fn open_checks_a_network_preset_before_any_window() {
    let dir = tempdir();
    let out = basin(dir.path(), &["open", "moons", "--set", "problem.n_train=0"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(text.contains("problem.n_train"), "{text}");
}

/// `view.plane = "hessian"`: `--inputs` writes the unit eigenvectors as d1.npy and d2.npy,
/// meta.json the two eigenvalues (λ₁ ≥ λ₂) and the range in weight units (the preset's ±1
/// times √(2/λ₁)); the grid is reproduced from those inputs; on a surface preset the key is
/// an error naming it (exit 2).
#[test]
fn landscape_on_the_hessian_plane_writes_unit_eigenvectors_and_eigenvalues() {
    let dir = tempdir();
    let mut args = vec![
        "landscape",
        "moons",
        "--out",
        "H",
        "--inputs",
        "--set",
        "view.plane=hessian",
    ];
    args.extend(QUICK);
    ok(&basin(dir.path(), &args));
    let inputs = dir.path().join("H/inputs");
    let d1: Array1<f64> = read_npy(inputs.join("d1.npy")).expect("d1");
    let d2: Array1<f64> = read_npy(inputs.join("d2.npy")).expect("d2");
    let theta: Array1<f64> = read_npy(inputs.join("theta.npy")).expect("θ");
    assert_eq!((d1.len(), d2.len()), (theta.len(), theta.len()));
    assert!((d1.dot(&d1) - 1.0).abs() < 1e-12, "|d1|² = {}", d1.dot(&d1));
    assert!((d2.dot(&d2) - 1.0).abs() < 1e-12, "|d2|² = {}", d2.dot(&d2));
    assert!(d1.dot(&d2).abs() < 1e-9, "d1 · d2 = {}", d1.dot(&d2));
    let meta: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("H/meta.json")).expect("meta"),
    )
    .expect("json");
    assert_eq!(meta["plane"], "hessian");
    let lambda: Vec<f64> = meta["hessian_eigenvalues"]
        .as_array()
        .expect("two eigenvalues")
        .iter()
        .map(|v| v.as_f64().expect("a number"))
        .collect();
    assert_eq!(lambda.len(), 2);
    assert!(lambda[0] >= lambda[1] && lambda[0] > 0.0, "{lambda:?}");
    let unit = (2.0 / lambda[0]).sqrt();
    let x_range = meta["x_range"][1].as_f64().expect("x range");
    assert!((x_range - unit).abs() < 1e-12 * unit, "{x_range} vs {unit}");
    // The grid again from the inputs alone, on the same range.
    let range = format!("{},{}", -x_range, x_range);
    ok(&basin(
        dir.path(),
        &[
            "landscape",
            "--model",
            "H/inputs",
            "--out",
            "again",
            "--resolution",
            "11",
            "--range",
            &range,
        ],
    ));
    let a = grid(&dir.path().join("H/grid.npy"));
    let b = grid(&dir.path().join("again/grid.npy"));
    for (u, v) in a.iter().zip(&b) {
        assert!((u - v).abs() <= 1e-12 * u.abs().max(1.0), "{u} vs {v}");
    }
    // Other planes record no eigenvalues.
    let mut args = vec!["landscape", "moons", "--out", "R"];
    args.extend(QUICK);
    ok(&basin(dir.path(), &args));
    let meta: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("R/meta.json")).expect("meta"),
    )
    .expect("json");
    assert!(meta["hessian_eigenvalues"].is_null());
    // A toy surface's plane is its own two parameters: no Hessian plane there.
    let out = basin(
        dir.path(),
        &[
            "landscape",
            "rosenbrock-race",
            "--out",
            "S",
            "--set",
            "view.plane=hessian",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("view.plane"), "{}", stderr(&out));
    assert!(!dir.path().join("S").exists());
}

/// `basin render` on the Hessian plane labels its axes with the two eigenvalues, in English
/// and in Korean.
#[test]
fn render_labels_the_hessian_plane_with_its_eigenvalues() {
    let dir = tempdir();
    for (lang, out, needles) in [
        (
            "en",
            "en.svg",
            ["α along v₁ (λ₁ = ", "β along v₂ (λ₂ = ", "Hessian top-2"],
        ),
        (
            "ko",
            "ko.svg",
            ["α: v₁ 방향 (λ₁ = ", "β: v₂ 방향 (λ₂ = ", "헤시안 상위 2"],
        ),
    ] {
        let mut args = vec![
            "render",
            "moons",
            "--out",
            out,
            "--lang",
            lang,
            "--width",
            "640",
            "--height",
            "400",
            "--set",
            "view.plane=hessian",
        ];
        args.extend(QUICK);
        ok(&basin(dir.path(), &args));
        let svg = std::fs::read_to_string(dir.path().join(out)).expect("svg");
        for needle in needles {
            assert!(
                svg.contains(needle),
                "{needle} missing from the {lang} figure"
            );
        }
        assert!(!svg.contains("λ₁ = –"), "the eigenvalue is known");
    }
}
