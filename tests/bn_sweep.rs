//! The sweep's BN-batch axis (`[sweep] bn_batch_sizes`): the key's parsing and validation
//! (errors name the key, exit 2 on the command line), its cells (batch × lr × BN batch ×
//! seed), the CSV's `bn_batch_size` column, and the same bytes on 1 and 2 threads.

mod common;

use common::*;

use basin::preset::{self, NetworkExperiment, Preset, PresetError};

fn network(text: &str) -> Result<NetworkExperiment, PresetError> {
    match preset::parse(text, "test.toml", &[]) {
        Ok(Preset::Network(e)) => Ok(e),
        Ok(_) => panic!("not a network preset"),
        Err(err) => Err(err),
    }
}

/// A small digits preset with `problem_extra` in `[problem]` and `sweep` as `[sweep]`'s body.
fn text(problem_extra: &str, sweep: &str) -> String {
    format!(
        "name = \"t\"\nseed = 1\n[problem]\nkind = \"network\"\ndataset = \"digits\"\n\
         n_train = 200\nhidden = [8]\nactivation = \"relu\"\n{problem_extra}\n[training]\n\
         steps = 5\nbatch_size = 32\n[[runs]]\noptimizer = \"sgd\"\nlr = 0.1\n\
         [sweep]\nlrs = [0.1]\n{sweep}\n"
    )
}

fn invalid_key(text: &str) -> (String, String) {
    match network(text) {
        Err(PresetError::Invalid { key, message, .. }) => (key, message),
        Err(other) => panic!("not an Invalid error: {other}"),
        Ok(_) => panic!("accepted:\n{text}"),
    }
}

#[test]
fn the_shipped_preset_sweeps_six_bn_batches_and_round_trips() {
    let Ok(Preset::Network(e)) = preset::load("batchnorm-batch-size", &[]) else {
        panic!("batchnorm-batch-size is a network preset");
    };
    let spec = e.sweep.as_deref().expect("[sweep]");
    assert_eq!(spec.bn_batch_sizes, vec![2, 4, 8, 16, 32, 64]);
    assert_eq!(spec.len(), 6 * 5, "1 batch × 1 lr × 6 BN batches × 5 seeds");
    let cells = spec.cells(e.dataset.n_train);
    let g: Vec<Option<usize>> = cells.iter().step_by(5).map(|c| c.bn_batch_size).collect();
    assert_eq!(g, [2, 4, 8, 16, 32, 64].map(Some));
    assert!(cells[..5].iter().map(|c| c.seed).eq(1..=5));
    // Saved and read back: the same sweep.
    let saved = preset::network_to_toml(&e);
    assert!(
        saved.contains("bn_batch_sizes = [2, 4, 8, 16, 32, 64]"),
        "{saved}"
    );
    let back = network(&saved).expect("reloads");
    assert_eq!(back.sweep, e.sweep);
}

#[test]
fn bn_batch_sizes_are_checked_naming_the_key() {
    // Without BatchNorm.
    let (key, message) = invalid_key(&text("", "batch_sizes = [32]\nbn_batch_sizes = [4]"));
    assert_eq!(key, "sweep.bn_batch_sizes");
    assert!(message.contains("problem.batchnorm = true"), "{message}");
    // Below 2.
    let (key, message) = invalid_key(&text(
        "batchnorm = true",
        "batch_sizes = [32]\nbn_batch_sizes = [4, 1]",
    ));
    assert_eq!(key, "sweep.bn_batch_sizes.1");
    assert!(
        message.contains("at least 2") && message.contains("0 means"),
        "{message}"
    );
    // Larger than a swept batch.
    let (key, message) = invalid_key(&text(
        "batchnorm = true",
        "batch_sizes = [32, 8]\nbn_batch_sizes = [4, 16]",
    ));
    assert_eq!(key, "sweep.bn_batch_sizes.1");
    assert!(
        message.contains("sweep.batch_sizes.1") && message.contains("2..=8"),
        "{message}"
    );
    // An empty list.
    let (key, _) = invalid_key(&text(
        "batchnorm = true",
        "batch_sizes = [32]\nbn_batch_sizes = []",
    ));
    assert_eq!(key, "sweep.bn_batch_sizes");
    // A string is not a size.
    assert!(
        network(&text(
            "batchnorm = true",
            "batch_sizes = [32]\nbn_batch_sizes = [\"x\"]"
        ))
        .is_err()
    );

    // 0 is the whole mini-batch; with an axis, problem.bn_batch_size need only fit the runs.
    let e = network(&text(
        "batchnorm = true\nbn_batch_size = 16",
        "batch_sizes = [32, 4]\nbn_batch_sizes = [0, 2, 4]",
    ))
    .expect("valid");
    assert_eq!(
        e.sweep.as_deref().map(|s| s.bn_batch_sizes.clone()),
        Some(vec![0, 2, 4])
    );
    // Without one it must fit every swept batch too.
    let (key, _) = invalid_key(&text(
        "batchnorm = true\nbn_batch_size = 16",
        "batch_sizes = [32, 4]",
    ));
    assert_eq!(key, "problem.bn_batch_size");
}

/// A reduced BN-batch sweep of the shipped preset: 200 images, a hidden layer of 8, two
/// epochs, batch sizes 16 and 4 × BN batch 2 and the whole batch × seeds 1 and 2.
const SMALL_BN_SWEEP: [&str; 14] = [
    "--set",
    "problem.n_train=200",
    "--set",
    "problem.hidden=[8]",
    "--set",
    "sweep.batch_sizes=[16,4]",
    "--set",
    "sweep.bn_batch_sizes=[2,0]",
    "--set",
    "sweep.seeds=[1,2]",
    "--set",
    "sweep.epochs=2",
    "--set",
    "sweep.lrs=[0.1]",
];

#[test]
fn the_csv_has_the_statistics_size_and_the_same_bytes_on_1_and_2_threads() {
    let dir = tempdir();
    let mut files = Vec::new();
    for threads in ["1", "2"] {
        let name = format!("bn{threads}.csv");
        let mut args = vec!["sweep", "batchnorm-batch-size", "--out", name.as_str()];
        args.extend(SMALL_BN_SWEEP);
        let out = basin_with(dir.path(), &args, Some(threads));
        ok(&out);
        assert!(stderr(&out).contains("× 2 BN batches"), "{}", stderr(&out));
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            stdout.contains("B = 16, lr 0.100, BN batch 2:") && stdout.contains("(whole batch)"),
            "{stdout}"
        );
        files.push(std::fs::read(dir.path().join(&name)).expect("csv"));
    }
    assert_eq!(files[0], files[1], "1 and 2 threads give the same bytes");
    let text = String::from_utf8(files.remove(0)).expect("utf-8");
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "batch_size,lr,bn_batch_size,seed,train_loss,test_loss,train_acc,test_acc,\
             lambda_max,eps_sharpness,diverged"
        )
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows.len(),
        2 * 2 * 2,
        "2 batch sizes × 2 BN batches × 2 seeds"
    );
    let keys: Vec<(&str, &str, &str)> = rows.iter().map(|r| (r[0], r[2], r[3])).collect();
    assert_eq!(
        keys,
        [
            ("16", "2", "1"),
            ("16", "2", "2"),
            ("16", "16", "1"),
            ("16", "16", "2"),
            ("4", "2", "1"),
            ("4", "2", "2"),
            ("4", "4", "1"),
            ("4", "4", "2"),
        ]
    );
    for row in &rows {
        assert_eq!(row.len(), 11, "{row:?}");
        assert_eq!(row[10], "false", "{row:?}");
        let acc: f64 = row[7].parse().expect("accuracy");
        assert!((0.0..=1.0).contains(&acc), "{row:?}");
    }
    // The BN batch changes the training: the same seed ends elsewhere with G = 2 and G = B.
    assert_ne!(rows[0][4], rows[2][4]);
}

#[test]
fn bad_bn_batch_sizes_exit_2_naming_the_key_and_leave_no_file() {
    let dir = tempdir();
    let cases: [(&[&str], &str); 3] = [
        (
            &[
                "sweep",
                "batchnorm-batch-size",
                "--set",
                "sweep.bn_batch_sizes=[1]",
            ],
            "sweep.bn_batch_sizes.0",
        ),
        (
            &[
                "sweep",
                "batchnorm-batch-size",
                "--set",
                "sweep.bn_batch_sizes=[2,128]",
            ],
            "sweep.bn_batch_sizes.1",
        ),
        (
            &[
                "sweep",
                "batch-size-matters",
                "--set",
                "sweep.bn_batch_sizes=[2]",
            ],
            "sweep.bn_batch_sizes",
        ),
    ];
    for (args, key) in cases {
        let mut args = args.to_vec();
        args.extend(["--out", "x.csv"]);
        let out = basin(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(key), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
        assert!(!dir.path().join("x.csv").exists(), "{args:?} left a file");
    }
}
