//! What the end-to-end tests of the command line share: the binary under test, running it in
//! a folder, and reading what it said. Each test file uses only some of these.
#![allow(dead_code)]

#[cfg(feature = "gui")]
pub mod gui;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test: cargo's build of it, or `BASIN_BIN` when set (to test an installed
/// or release binary, or when several checkouts share one target folder and its
/// `target/debug/basin`).
pub fn basin_binary() -> PathBuf {
    std::env::var_os("BASIN_BIN")
        .map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_basin")), PathBuf::from)
}

/// Runs `basin ARGS` in `dir`, on `threads` rayon threads when given.
pub fn basin_with(dir: &Path, args: &[&str], threads: Option<&str>) -> Output {
    let mut command = Command::new(basin_binary());
    command.args(args).current_dir(dir);
    if let Some(n) = threads {
        command.env("RAYON_NUM_THREADS", n);
    }
    command.output().expect("run basin")
}

/// Runs `basin ARGS` in `dir`.
pub fn basin(dir: &Path, args: &[&str]) -> Output {
    basin_with(dir, args, None)
}

/// Asserts that the command succeeded, showing what it printed if not.
pub fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "status {:?}\nstdout: {}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// What the command printed on stderr.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh temporary folder, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// `--set` arguments that make the `sharp-vs-flat-net` preset small enough for a debug build.
pub const SMALL_SHARP_FLAT: [&str; 8] = [
    "--set",
    "problem.n_train=64",
    "--set",
    "problem.n_test=64",
    "--set",
    "problem.hidden=[6]",
    "--set",
    "training.steps=30",
];

/// A Hessian operator as a dense row-major `n × n` matrix, built column by column from
/// `H e_j` (not symmetrized: a test can measure the asymmetry).
pub fn dense_matrix(op: &dyn basin::core::sharpness::HessianOperator) -> Vec<f64> {
    let n = op.dim();
    let mut dense = vec![0.0; n * n];
    let mut e = vec![0.0; n];
    let mut col = vec![0.0; n];
    for j in 0..n {
        e[j] = 1.0;
        op.apply(&e, &mut col);
        e[j] = 0.0;
        for (i, &c) in col.iter().enumerate() {
            dense[i * n + j] = c;
        }
    }
    dense
}
