//! Your own data (`dataset = "file"`) end to end: small CSV and NPY files written to a
//! temporary folder, a preset beside them, and the real `basin` binary. Every command works on
//! such a preset; every defect of a file is exit status 2 with a message naming the file (and
//! the line and column where they apply), never a panic.

mod common;

use common::*;

use std::fmt::Write as _;
use std::path::Path;

use ndarray::{Array1, Array2};
use ndarray_npy::{read_npy, write_npy};

/// A preset on `train` (plus more `[problem]` lines), small and quick.
fn preset(train: &str, extra: &str) -> String {
    format!(
        "name = \"mine\"\nseed = 3\n\n[problem]\nkind = \"network\"\ndataset = \"file\"\n\
         train = \"{train}\"\nhidden = [8]\n{extra}\n\n[training]\nsteps = 20\nbatch_size = 8\n\n\
         [[runs]]\noptimizer = \"adam\"\nlr = 0.01\n\n[view]\nresolution = 9\n"
    )
}

/// Two well-separated classes in 3 features, `n` rows, `sep`-separated with a header.
fn two_classes(n: usize, sep: char) -> String {
    let mut text = format!("a{sep}\"b\"{sep}c{sep}label\n");
    for i in 0..n {
        let class = i % 2;
        let v = i as f64 / n as f64 + 3.0 * class as f64;
        writeln!(text, "{v}{sep}{}{sep}{}{sep}{class}", 10.0 - v, 2.0 * v).expect("write");
    }
    text
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write file");
}

/// Runs `basin trajectory mine.toml` and returns its stderr, asserting exit status 2.
fn refused(dir: &Path) -> String {
    let out = basin(dir, &["trajectory", "mine.toml", "--out", "t.csv"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!dir.join("t.csv").exists());
    err
}

/// A preset on `file` holding `text`, which must be refused with a message containing every
/// one of `expect`.
fn refuses(file: &str, text: &str, extra: &str, expect: &[&str]) {
    let dir = tempdir();
    write(dir.path(), file, text);
    write(dir.path(), "mine.toml", &preset(file, extra));
    let err = refused(dir.path());
    for e in expect {
        assert!(err.contains(e), "expected {e:?} in: {err}");
    }
}

#[test]
fn trajectory_on_a_csv_preset_is_deterministic() {
    let dir = tempdir();
    write(dir.path(), "d.csv", &two_classes(40, ';'));
    write(dir.path(), "mine.toml", &preset("d.csv", ""));
    ok(&basin(
        dir.path(),
        &["trajectory", "mine.toml", "--out", "a.csv"],
    ));
    ok(&basin(
        dir.path(),
        &["trajectory", "mine.toml", "--out", "b.csv"],
    ));
    let a = std::fs::read_to_string(dir.path().join("a.csv")).expect("a");
    let b = std::fs::read_to_string(dir.path().join("b.csv")).expect("b");
    assert_eq!(a, b);
    assert_eq!(a.lines().count(), 1 + 21, "header + start + 20 steps");
    // Run from another folder: the data path is relative to the preset, not the cwd.
    let sub = dir.path().join("elsewhere");
    std::fs::create_dir(&sub).expect("dir");
    ok(&basin(
        &sub,
        &["trajectory", "../mine.toml", "--out", "c.csv"],
    ));
}

#[test]
fn landscape_inputs_write_the_standardized_training_rows() {
    let dir = tempdir();
    write(dir.path(), "d.csv", &two_classes(40, ','));
    write(
        dir.path(),
        "mine.toml",
        &preset("d.csv", "standardize = true\ntest_fraction = 0.25"),
    );
    ok(&basin(
        dir.path(),
        &["landscape", "mine.toml", "--out", "l", "--inputs"],
    ));
    let x: Array2<f32> = read_npy(dir.path().join("l/inputs/X_train.npy")).expect("X");
    assert_eq!(x.dim(), (30, 3), "40 rows, 10 held out");
    for c in x.columns() {
        let mean = c.iter().map(|&v| f64::from(v)).sum::<f64>() / 30.0;
        let var = c
            .iter()
            .map(|&v| (f64::from(v) - mean).powi(2))
            .sum::<f64>()
            / 30.0;
        assert!(
            mean.abs() < 1e-5 && (var - 1.0).abs() < 1e-4,
            "{mean} {var}"
        );
    }
    let meta = std::fs::read_to_string(dir.path().join("l/meta.json")).expect("meta");
    assert!(meta.contains("\"file\""), "{meta}");
}

#[test]
fn set_problem_train_swaps_the_file() {
    let dir = tempdir();
    write(dir.path(), "d.csv", &two_classes(40, ','));
    write(dir.path(), "other.csv", &two_classes(60, '\t'));
    write(dir.path(), "mine.toml", &preset("d.csv", ""));
    let rows = |extra: &[&str]| {
        let mut args = vec!["landscape", "mine.toml", "--out", "l", "--inputs"];
        args.extend(extra);
        ok(&basin(dir.path(), &args));
        let y: Array1<f32> = read_npy(dir.path().join("l/inputs/y_train.npy"))
            .or_else(|_| {
                read_npy::<_, Array1<i64>>(dir.path().join("l/inputs/y_train.npy"))
                    .map(|y| y.mapv(|v| v as f32))
            })
            .expect("y");
        y.len()
    };
    assert_eq!(rows(&[]), 28, "40 − round(0.3 · 40)");
    assert_eq!(rows(&["--set", "problem.train=other.csv"]), 42, "60 − 18");
    // A missing file named by --set is refused like one named by the file.
    let out = basin(
        dir.path(),
        &[
            "trajectory",
            "mine.toml",
            "--out",
            "t.csv",
            "--set",
            "problem.train=nope.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.csv"), "{}", stderr(&out));
}

#[test]
fn sweep_sharpness_and_render_take_a_file_preset() {
    let dir = tempdir();
    write(dir.path(), "d.csv", &two_classes(40, ','));
    write(
        dir.path(),
        "mine.toml",
        &format!(
            "{}\n[sweep]\nbatch_sizes = [4, 8]\nlrs = [0.01]\n",
            preset("d.csv", "test = \"d.csv\"")
        ),
    );
    ok(&basin(
        dir.path(),
        &["sweep", "mine.toml", "--out", "s.csv"],
    ));
    let sweep = std::fs::read_to_string(dir.path().join("s.csv")).expect("sweep");
    assert_eq!(sweep.lines().count(), 3, "{sweep}");
    let out = basin(dir.path(), &["sharpness", "mine.toml"]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("lambda_max"));
    ok(&basin(
        dir.path(),
        &["render", "mine.toml", "--out", "f.png"],
    ));
    assert!(dir.path().join("f.png").metadata().expect("png").len() > 1000);
}

#[test]
fn npy_features_and_labels_train_a_regression() {
    let dir = tempdir();
    let x = Array2::from_shape_fn((30, 2), |(i, j)| (i + j) as f64 / 30.0);
    let y: Array1<f64> = x.column(0).mapv(|v| v * 0.5 + 0.01);
    write_npy(dir.path().join("X.npy"), &x).expect("X");
    write_npy(dir.path().join("y.npy"), &y).expect("y");
    write(
        dir.path(),
        "mine.toml",
        &preset("X.npy", "train_labels = \"y.npy\""),
    );
    ok(&basin(
        dir.path(),
        &["trajectory", "mine.toml", "--out", "t.csv"],
    ));
    // Integer labels in int64: classification.
    let labels: Array1<i64> = (0..30).map(|i| i % 3).collect();
    write_npy(dir.path().join("y.npy"), &labels).expect("y");
    ok(&basin(
        dir.path(),
        &["landscape", "mine.toml", "--out", "l", "--inputs"],
    ));
    let model = std::fs::read_to_string(dir.path().join("l/inputs/model.json")).expect("model");
    assert!(model.contains("cross_entropy"), "{model}");
}

#[test]
fn a_missing_file_is_refused() {
    let dir = tempdir();
    write(dir.path(), "mine.toml", &preset("absent.csv", ""));
    let err = refused(dir.path());
    assert!(
        err.contains("problem.train") && err.contains("absent.csv"),
        "{err}"
    );
}

#[test]
fn an_empty_file_is_refused() {
    refuses("d.csv", "", "", &["d.csv", "is empty"]);
}

#[test]
fn a_header_only_file_is_refused() {
    refuses("d.csv", "a,label\n", "", &["d.csv", "header but no rows"]);
}

#[test]
fn a_ragged_row_is_refused_with_its_line() {
    refuses(
        "d.csv",
        "a,b,label\n1,2,0\n3,1\n",
        "",
        &["d.csv, line 3", "2 cells", "3 columns"],
    );
}

#[test]
fn a_non_numeric_cell_is_refused_with_line_and_column() {
    refuses(
        "d.csv",
        "a,b,label\n1,2,0\n3,\"4,5\",1\n",
        "",
        &["d.csv, line 3, column \"b\"", "\"4,5\" is not a number"],
    );
}

#[test]
fn nan_is_refused() {
    refuses(
        "d.csv",
        "a,label\n1,0\nNaN,1\n",
        "",
        &["line 3, column \"a\"", "not a finite number"],
    );
}

#[test]
fn infinity_is_refused() {
    refuses(
        "d.csv",
        "a,label\n1,0\n2,inf\n",
        "",
        &["line 3, column \"label\"", "not a finite number"],
    );
}

#[test]
fn no_label_column_is_refused() {
    refuses("d.csv", "a,b\n1,2\n", "", &["d.csv", "no label column"]);
    refuses(
        "d.csv",
        "a,label\n1,2\n",
        "label_column = \"class\"",
        &["no label column named \"class\""],
    );
}

#[test]
fn a_single_class_is_refused() {
    refuses(
        "d.csv",
        "a,label\n1,4\n2,4\n3,4\n",
        "",
        &["d.csv", "single class"],
    );
}

#[test]
fn non_integer_labels_with_classification_are_refused() {
    refuses(
        "d.csv",
        "a,label\n1,0\n2,0.5\n",
        "task = \"classification\"",
        &["d.csv", "not an integer"],
    );
}

#[test]
fn more_than_100_classes_are_refused() {
    let mut text = String::from("a,label\n");
    for i in 0..101 {
        writeln!(text, "{i},{i}").expect("write");
    }
    refuses("d.csv", &text, "", &["d.csv", "101 classes", "at most 100"]);
}

#[test]
fn more_than_a_million_rows_are_refused() {
    let mut text = String::with_capacity(5_000_010);
    text.push_str("a,y\n");
    for i in 0..1_000_001 {
        text.push_str(if i % 2 == 0 { "0,0\n" } else { "1,1\n" });
    }
    refuses("d.csv", &text, "", &["d.csv", "more than 1000000 rows"]);
}

#[test]
fn more_than_10000_features_are_refused() {
    let header: Vec<String> = (0..10_001).map(|i| format!("f{i}")).collect();
    let text = format!("{},label\n", header.join(","));
    refuses(
        "d.csv",
        &text,
        "",
        &["d.csv", "10001 feature columns", "at most 10000"],
    );
}

#[test]
fn a_binary_file_given_as_csv_is_refused() {
    let dir = tempdir();
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend([0xff, 0xfe, 0x00, 0x80]);
    std::fs::write(dir.path().join("d.csv"), bytes).expect("write");
    write(dir.path(), "mine.toml", &preset("d.csv", ""));
    let err = refused(dir.path());
    assert!(
        err.contains("d.csv") && err.contains("not a text CSV file"),
        "{err}"
    );
}

/// The refusal of a preset on the NPY pair `x` (X.npy) and `y` (y.npy, `train_labels`).
fn refused_npy(x: &impl ndarray_npy::WriteNpyExt, y: &impl ndarray_npy::WriteNpyExt) -> String {
    let dir = tempdir();
    write_npy(dir.path().join("X.npy"), x).expect("X");
    write_npy(dir.path().join("y.npy"), y).expect("y");
    write(
        dir.path(),
        "mine.toml",
        &preset("X.npy", "train_labels = \"y.npy\""),
    );
    refused(dir.path())
}

#[test]
fn npy_files_with_different_row_counts_are_refused() {
    let err = refused_npy(&Array2::<f32>::zeros((5, 2)), &Array1::<f32>::zeros(4));
    assert!(
        err.contains("problem.train_labels") && err.contains("4 labels") && err.contains("5 rows"),
        "{err}"
    );
}

#[test]
fn an_unsupported_npy_dtype_is_refused() {
    let err = refused_npy(&Array2::<i32>::zeros((5, 2)), &Array1::<f32>::zeros(5));
    assert!(
        err.contains("X.npy") && err.contains("unsupported dtype"),
        "{err}"
    );
}

#[test]
fn the_iris_preset_loads_from_any_folder() {
    let dir = tempdir();
    ok(&basin(
        dir.path(),
        &[
            "trajectory",
            "iris",
            "--out",
            "t.csv",
            "--set",
            "training.steps=5",
        ],
    ));
    let out = basin(
        dir.path(),
        &[
            "landscape",
            "iris",
            "--out",
            "l",
            "--inputs",
            "--set",
            "training.steps=5",
        ],
    );
    ok(&out);
    let x: Array2<f32> = read_npy(dir.path().join("l/inputs/X_train.npy")).expect("X");
    assert_eq!(x.dim(), (105, 4));
    // On a built-in preset, --set problem.train names a file in the current directory.
    write(dir.path(), "mine.csv", &two_classes(40, ','));
    ok(&basin(
        dir.path(),
        &[
            "landscape",
            "iris",
            "--out",
            "m",
            "--inputs",
            "--set",
            "training.steps=5",
            "--set",
            "problem.train=mine.csv",
        ],
    ));
    let x: Array2<f32> = read_npy(dir.path().join("m/inputs/X_train.npy")).expect("X");
    assert_eq!(x.dim(), (28, 3));
}

/// An `.npy` whose header declares more rows than allowed is refused by its header: the file
/// here is the header alone (no data), so only the header check can name the limit.
#[test]
fn an_npy_too_large_is_refused_by_its_header() {
    let dir = tempdir();
    let dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1000001, 2), }\n";
    let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
    bytes.extend_from_slice(&u16::try_from(dict.len()).expect("short").to_le_bytes());
    bytes.extend_from_slice(dict.as_bytes());
    std::fs::write(dir.path().join("X.npy"), bytes).expect("X");
    write_npy(dir.path().join("y.npy"), &Array1::<f32>::zeros(3)).expect("y");
    write(
        dir.path(),
        "mine.toml",
        &preset("X.npy", "train_labels = \"y.npy\""),
    );
    let err = refused(dir.path());
    assert!(
        err.contains("X.npy") && err.contains("1000001 rows") && err.contains("at most 1000000"),
        "{err}"
    );
}
