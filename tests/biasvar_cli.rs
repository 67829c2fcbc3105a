//! `basin biasvar` end to end: the real binary in a temporary folder (issue 5, "CLI"). The
//! CSV has exactly the contract's columns and one row per complexity; bad input exits with
//! status 2, names the key and leaves no file behind; the file is the same on 1 and 2
//! threads; surface and regression presets go to the commands that take them.

mod common;

use common::*;

use std::path::{Path, PathBuf};

fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    found.sort();
    found
}

/// Small enough for a debug build; the shipped numbers are tested in tests/biasvar_presets.rs.
const FAST: [&str; 6] = [
    "--set",
    "resampling.repeats=20",
    "--set",
    "resampling.bag_sets=2",
    "--set",
    "resampling.bag_size=5",
];

fn args<'a>(head: &[&'a str]) -> Vec<&'a str> {
    head.iter().copied().chain(FAST).collect()
}

#[test]
fn biasvar_writes_the_contract_columns_one_row_per_complexity() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = basin(
        dir.path(),
        &args(&["biasvar", "bias-variance", "--out", "bv.csv"]),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("bv.csv") && stdout.contains("16 complexities"),
        "{stdout}"
    );
    let text = std::fs::read_to_string(dir.path().join("bv.csv")).expect("csv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "complexity,bias2,variance,noise,expected_test_mse,train_mse,cv_mse,bagged_mse,\
             bias2_se,variance_se,expected_test_mse_se,cv_mse_se"
        )
    );
    let rows: Vec<Vec<f64>> = lines
        .map(|l| {
            l.split(',')
                .map(|f| f.parse::<f64>().expect("number"))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 16, "degrees 0..=15");
    for (degree, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), 12);
        assert_eq!(row[0], degree as f64);
        assert!(row.iter().all(|v| v.is_finite()), "{row:?}");
        // Everything but the unbiased bias² is ≥ 0; bias² is at least within 2 SE of it.
        let (bias2, bias2_se) = (row[1], row[8]);
        assert!(row.iter().skip(2).all(|v| *v >= 0.0), "{row:?}");
        assert!(bias2 > -2.0 * bias2_se, "{row:?}");
        assert!((row[3] - 0.09).abs() < 1e-15, "noise column is σ² = 0.3²");
    }
    // The training error of nested least squares only falls with the degree.
    assert!(rows.windows(2).all(|w| w[1][5] <= w[0][5] + 1e-12));
    // Only the CSV was written (no temporary file left over).
    assert_eq!(entries(dir.path()), vec![dir.path().join("bv.csv")]);
}

#[test]
fn knn_rows_are_in_increasing_one_over_k() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = basin(
        dir.path(),
        &args(&[
            "biasvar",
            "knn",
            "--out",
            "knn.csv",
            "--set",
            "model.complexity=[1,4]",
        ]),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("knn.csv")).expect("csv");
    let axis: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(axis, vec!["0.25", "0.3333333333333333", "0.5", "1"]);
}

#[test]
fn bad_input_exits_2_names_the_key_and_leaves_nothing() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["--set", "model.ridge=0", "--set", "model.complexity=[0,30]"],
            "model.complexity",
        ),
        (&["--set", "resampling.folds=31"], "resampling.folds"),
        (&["--set", "resampling.repeats=0"], "resampling.repeats"),
        (&["--set", "problem.noise=-0.5"], "problem.noise"),
        (&["--set", "model.family=splines"], "model.family"),
        (&["--set", "model.bogus=1"], "bogus"),
    ];
    for (extra, key) in cases {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut a = vec!["biasvar", "bias-variance", "--out", "bv.csv"];
        a.extend_from_slice(extra);
        let out = basin(dir.path(), &a);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(key), "{extra:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(entries(dir.path()).is_empty(), "{extra:?} left a file");
    }
    // A preset file with the problem in it, by path.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("bad.toml"),
        "name = \"bad\"\n[problem]\nkind = \"regression\"\nn_train = 10\n\
         [model]\ncomplexity = [0, 12]\nridge = 0.0\n",
    )
    .expect("write");
    let out = basin(dir.path(), &["biasvar", "bad.toml", "--out", "bv.csv"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("bad.toml") && stderr(&out).contains("model.complexity"),
        "{}",
        stderr(&out)
    );
    assert_eq!(entries(dir.path()), vec![dir.path().join("bad.toml")]);
}

#[test]
fn an_unwritable_output_exits_2_and_names_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = basin(
        dir.path(),
        &args(&[
            "biasvar",
            "bias-variance",
            "--out",
            "missing/bv.csv",
            "--set",
            "model.complexity=[0,2]",
        ]),
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("missing/bv.csv"), "{}", stderr(&out));
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn presets_go_to_the_commands_that_take_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = basin(
        dir.path(),
        &["biasvar", "rosenbrock-race", "--out", "x.csv"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("problem.kind"), "{}", stderr(&out));
    for command in [
        ["trajectory", "bias-variance", "--out", "t.csv"],
        ["landscape", "bias-variance", "--out", "land"],
    ] {
        let out = basin(dir.path(), &command);
        assert_eq!(out.status.code(), Some(2), "{command:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("problem.kind") && err.contains("basin biasvar"),
            "{command:?}: {err}"
        );
    }
    assert!(entries(dir.path()).is_empty());
    // `basin presets` lists the bias–variance presets with their descriptions.
    let out = basin(dir.path(), &["presets"]);
    assert!(out.status.success());
    let listing = String::from_utf8_lossy(&out.stdout);
    for b in basin::preset::REGRESSION_BUILTINS {
        let Ok(basin::preset::Preset::Regression(e)) = basin::preset::load(b.name, &[]) else {
            panic!("{} loads", b.name);
        };
        assert!(
            listing.contains(b.name) && listing.contains(&e.description),
            "{}",
            b.name
        );
    }
}

#[test]
fn the_csv_is_the_same_on_one_and_two_threads() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (threads, file) in [("1", "one.csv"), ("2", "two.csv")] {
        let out = basin_with(
            dir.path(),
            &args(&[
                "biasvar",
                "boosting",
                "--out",
                file,
                "--set",
                "model.complexities=[0, 5, 20]",
            ]),
            Some(threads),
        );
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let one = std::fs::read(dir.path().join("one.csv")).expect("one");
    let two = std::fs::read(dir.path().join("two.csv")).expect("two");
    assert_eq!(one, two);
    assert_eq!(String::from_utf8_lossy(&one).lines().count(), 4);
}
