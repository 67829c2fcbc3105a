//! `dataset = "file"` in a network preset: where the files named by `problem.train`,
//! `problem.test`, `problem.train_labels` and `problem.test_labels` are, reading them, and
//! turning [`crate::core::network::file_data`]'s defects into a [`PresetError`] on the key
//! that named the file.
//!
//! Where a path points: an absolute path is itself; a relative path is relative to the folder
//! of the preset file (for a preset that is not a file — a built-in one, or text parsed
//! without a file — the current directory). `builtin:NAME` names a data file shipped inside
//! basin (the repository's `presets/data/NAME`, compiled in: [`BUILTIN_DATA`]), so a built-in
//! preset works from any folder. A path that names no file on disk may name a file given to
//! the web page ([`super::uploads`], by its file name). A file ending in `.npy` (any case) is an `.npy` array of the
//! features, with its labels in the `.npy` file of `train_labels` (or `test_labels`);
//! anything else is read as CSV.

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::core::biasvar::observed::{MIN_ROWS, Observations};
use crate::core::network::file_data::{self, FileData, FileOptions, Table, TableError, TaskChoice};

use super::PresetError;
use super::invalid::Invalid;

/// The data files shipped inside basin, by the name `builtin:NAME` gives.
pub const BUILTIN_DATA: &[(&str, &[u8])] = &[
    ("iris.csv", include_bytes!("../../presets/data/iris.csv")),
    ("engel.csv", include_bytes!("../../presets/data/engel.csv")),
];

/// The prefix of a shipped data file's name.
const BUILTIN_PREFIX: &str = "builtin:";

/// The default share of the rows held out when there is no test file.
pub(super) const DEFAULT_TEST_FRACTION: f64 = 0.3;

/// The `[problem]` keys of a file dataset, as written.
pub(super) struct FileKeys<'a> {
    pub train: Option<&'a str>,
    pub test: Option<&'a str>,
    pub train_labels: Option<&'a str>,
    pub test_labels: Option<&'a str>,
    pub label_column: Option<&'a str>,
    pub task: Option<&'a str>,
    pub test_fraction: Option<f64>,
    pub standardize: Option<bool>,
}

/// A file named by a preset: where it is (for saving the preset: absolute, or
/// `builtin:NAME`) and how to call it in messages (as joined to the preset's folder).
struct Located {
    source: String,
    shown: String,
    path: Option<PathBuf>,
    /// The bytes when they are not read from disk: a shipped file, or a file given to the
    /// web page ([`super::uploads`]).
    memory: Option<Cow<'static, [u8]>>,
}

fn locate(v: &Invalid<'_>, key: &str, given: &str, folder: &Path) -> Result<Located, PresetError> {
    if let Some(name) = given.strip_prefix(BUILTIN_PREFIX) {
        let Some((_, bytes)) = BUILTIN_DATA.iter().find(|(n, _)| *n == name) else {
            let names: Vec<String> = BUILTIN_DATA
                .iter()
                .map(|(n, _)| format!("{BUILTIN_PREFIX}{n}"))
                .collect();
            return Err(v.err(
                key,
                format!(
                    "= \"{given}\" is not a data file shipped with basin ({})",
                    names.join(", ")
                ),
            ));
        };
        return Ok(Located {
            source: given.to_string(),
            shown: given.to_string(),
            path: None,
            memory: Some(Cow::Borrowed(*bytes)),
        });
    }
    if given.trim().is_empty() {
        return Err(v.err(key, "must name a file"));
    }
    let joined = folder.join(given);
    let absolute = std::path::absolute(&joined).unwrap_or_else(|_| joined.clone());
    let memory = if joined.is_file() {
        None
    } else {
        super::uploads::get(&joined).map(|bytes| Cow::Owned(bytes.to_vec()))
    };
    Ok(Located {
        source: absolute.display().to_string(),
        shown: joined.display().to_string(),
        path: Some(absolute),
        memory,
    })
}

impl Located {
    fn is_npy(&self) -> bool {
        Path::new(&self.shown)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("npy"))
    }

    fn open(&self, v: &Invalid<'_>, key: &str) -> Result<std::fs::File, PresetError> {
        let path = self.path.as_deref().unwrap_or(Path::new(&self.shown));
        std::fs::File::open(path)
            .map_err(|e| v.err(key, format!("cannot read {}: {e}", self.shown)))
    }

    fn bytes(&self, v: &Invalid<'_>, key: &str) -> Result<Cow<'static, [u8]>, PresetError> {
        match (&self.memory, &self.path) {
            (Some(bytes), _) => Ok(bytes.clone()),
            (None, Some(path)) => {
                let cannot =
                    |e: std::io::Error| v.err(key, format!("cannot read {}: {e}", self.shown));
                // An `.npy` larger than the limits is refused by its header, before it is
                // read whole.
                let mut bytes = Vec::new();
                let mut file = std::fs::File::open(path).map_err(cannot)?;
                (&mut file)
                    .take(file_data::NPY_HEADER_PEEK as u64)
                    .read_to_end(&mut bytes)
                    .map_err(cannot)?;
                file_data::check_npy_size(&bytes, &self.shown).map_err(table_err(v, key))?;
                file.read_to_end(&mut bytes).map_err(cannot)?;
                Ok(Cow::Owned(bytes))
            }
            (None, None) => Err(v.err(key, "must name a file")),
        }
    }
}

fn table_err(v: &Invalid<'_>, key: &str) -> impl Fn(TableError) -> PresetError {
    let v = Invalid { origin: v.origin };
    let key = key.to_string();
    move |e| v.err(key.clone(), e.to_string())
}

/// Reads one table: `key`'s file (CSV, or `.npy` features with `labels_key`'s labels).
fn read_table(
    v: &Invalid<'_>,
    folder: &Path,
    (key, given): (&str, &str),
    (labels_key, labels): (&str, Option<&str>),
    label_column: Option<&str>,
) -> Result<(Table, Located, Option<Located>), PresetError> {
    let file = locate(v, key, given, folder)?;
    if file.is_npy() {
        let Some(labels) = labels else {
            return Err(v.err(
                labels_key,
                format!(
                    "is missing: the features of {} are an .npy array, so the labels must be \
                     one too (e.g. {labels_key} = \"y.npy\")",
                    file.shown
                ),
            ));
        };
        if label_column.is_some() {
            return Err(v.err("problem.label_column", "applies only to CSV files"));
        }
        let labels_file = locate(v, labels_key, labels, folder)?;
        let x = file.bytes(v, key)?;
        let y = labels_file.bytes(v, labels_key)?;
        let x = file_data::read_npy_features(&x, &file.shown).map_err(table_err(v, key))?;
        let y =
            file_data::read_npy_labels(&y, &labels_file.shown).map_err(table_err(v, labels_key))?;
        if x.nrows() != y.len() {
            return Err(v.err(
                labels_key,
                format!(
                    "{} has {} labels but {} has {} rows",
                    labels_file.shown,
                    y.len(),
                    file.shown,
                    x.nrows()
                ),
            ));
        }
        return Ok((Table { x, y }, file, Some(labels_file)));
    }
    if labels.is_some() {
        return Err(v.err(
            labels_key,
            format!(
                "applies only to .npy features; {} is read as CSV with a label column",
                file.shown
            ),
        ));
    }
    let table = match &file.memory {
        Some(bytes) => file_data::read_csv(&bytes[..], &file.shown, label_column),
        None => file_data::read_csv(file.open(v, key)?, &file.shown, label_column),
    }
    .map_err(table_err(v, key))?;
    Ok((table, file, None))
}

/// Reads and checks the data of a file dataset.
///
/// # Errors
/// A [`PresetError::Invalid`] on the key whose file is missing, unreadable or malformed, or
/// whose value is out of range.
pub(super) fn load(
    v: &Invalid<'_>,
    keys: &FileKeys<'_>,
    folder: &Path,
) -> Result<FileData, PresetError> {
    let Some(train) = keys.train else {
        return Err(v.err(
            "problem.train",
            "is missing: dataset = \"file\" needs the training data, e.g. train = \"data.csv\"",
        ));
    };
    let task = match keys.task {
        None => TaskChoice::Infer,
        Some("classification") => TaskChoice::Classification,
        Some("regression") => TaskChoice::Regression,
        Some(other) => {
            return Err(v.err(
                "problem.task",
                format!("must be \"classification\" or \"regression\", got \"{other}\""),
            ));
        }
    };
    if keys.test.is_none() && keys.test_labels.is_some() {
        return Err(v.err("problem.test_labels", "applies only with problem.test"));
    }
    if keys.test.is_some() && keys.test_fraction.is_some() {
        return Err(v.err(
            "problem.test_fraction",
            "applies only without problem.test (the test file is the test set)",
        ));
    }
    let test_fraction = keys.test_fraction.unwrap_or(DEFAULT_TEST_FRACTION);
    if !(test_fraction > 0.0 && test_fraction < 1.0) {
        return Err(v.err(
            "problem.test_fraction",
            format!("must be in (0, 1), got {test_fraction}"),
        ));
    }
    let (train_table, train_file, train_labels) = read_table(
        v,
        folder,
        ("problem.train", train),
        ("problem.train_labels", keys.train_labels),
        keys.label_column,
    )?;
    let (test_table, test_file, test_labels) = match keys.test {
        None => (None, None, None),
        Some(test) => {
            let (t, f, l) = read_table(
                v,
                folder,
                ("problem.test", test),
                ("problem.test_labels", keys.test_labels),
                keys.label_column,
            )?;
            (Some(t), Some(f), l)
        }
    };
    // FileData names the files in its messages as the preset wrote them; the sources kept for
    // saving the preset are then the absolute ones.
    let options = FileOptions {
        train_source: train_file.shown.clone(),
        test_source: test_file.as_ref().map(|f| f.shown.clone()),
        label_column: keys.label_column.map(str::to_string),
        task,
        test_fraction,
        standardize: keys.standardize.unwrap_or(false),
        ..FileOptions::default()
    };
    let mut data = FileData::new(options, train_table, test_table).map_err(|e| {
        let on_test = test_file.as_ref().is_some_and(|t| t.shown == e.file);
        v.err(
            if on_test {
                "problem.test"
            } else {
                "problem.train"
            },
            e.to_string(),
        )
    })?;
    data.train_source = train_file.source;
    data.train_labels_source = train_labels.map(|l| l.source);
    data.test_source = test_file.map(|f| f.source);
    data.test_labels_source = test_labels.map(|l| l.source);
    Ok(data)
}

/// The labels beside `.npy` features opened on their own (the window's "Open data…"):
/// `X….npy` → `y….npy` (`X_train.npy` → `y_train.npy`, as `landscape --inputs` writes them),
/// any other `NAME.npy` → `NAME_labels.npy`, in the same folder.
#[must_use]
pub fn npy_labels_beside(features: &Path) -> PathBuf {
    let stem = features
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = features
        .extension()
        .map_or_else(|| "npy".to_string(), |e| e.to_string_lossy().into_owned());
    let name = match stem.strip_prefix(['X', 'x']) {
        Some(rest) => format!("y{rest}.{ext}"),
        None => format!("{stem}_labels.{ext}"),
    };
    features.with_file_name(name)
}

/// Reads a data file opened in the window (typed or dropped), as `dataset = "file"` with
/// `train` = `path` and every other key at its default: the task inferred from the labels,
/// `test_fraction` held out, not standardized. `.npy` features take their labels from
/// [`npy_labels_beside`]. The sources kept for saving are absolute.
///
/// # Errors
/// The message of the reader (the file and, for a CSV file, the line and column), without the
/// preset key: a missing or unreadable file, a malformed table, missing labels.
pub fn open_data_file(path: &Path) -> Result<FileData, String> {
    let v = Invalid { origin: "" };
    let given = path.display().to_string();
    let labels = npy_labels_beside(path).display().to_string();
    let is_npy = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("npy"));
    if is_npy && !Path::new(&labels).exists() && super::uploads::get(Path::new(&labels)).is_none() {
        return Err(format!(
            "{given}: the labels of .npy features are read from {labels}, which does not exist"
        ));
    }
    let keys = FileKeys {
        train: Some(&given),
        test: None,
        train_labels: is_npy.then_some(labels.as_str()),
        test_labels: None,
        label_column: None,
        task: None,
        test_fraction: None,
        standardize: None,
    };
    let folder = std::env::current_dir().unwrap_or_default();
    load(&v, &keys, &folder).map_err(|e| match e {
        PresetError::Invalid { message, .. } => message,
        other => other.to_string(),
    })
}

/// The `[problem]` keys of a Bias–Variance preset on a 1-D regression file, as written.
pub(super) struct XyKeys<'a> {
    pub train: Option<&'a str>,
    pub x_column: Option<&'a str>,
    pub y_column: Option<&'a str>,
    pub test_fraction: Option<f64>,
}

/// The input and target columns of a 1-D regression file: `x_column` and `y_column` (default
/// `x` and `y`). Without either name, a file with more columns than those two is refused (one
/// feature only); with a name given, the other columns are ignored.
fn xy_columns(
    names: &[String],
    x_column: Option<&str>,
    y_column: Option<&str>,
) -> Result<Vec<usize>, String> {
    let (x_name, y_name) = (x_column.unwrap_or("x"), y_column.unwrap_or("y"));
    let header = names.join(", ");
    let find = |name: &str, role: &str, key: &str| {
        names.iter().position(|n| n == name).ok_or_else(|| {
            format!(
                "no column named \"{name}\" for the {role} (the header has {header}); a 1-D \
                 regression file has a column x and a column y, or a preset names them with \
                 {key}"
            )
        })
    };
    let x = find(x_name, "input", "x_column")?;
    let y = find(y_name, "target", "y_column")?;
    if x == y {
        return Err(format!(
            "x_column and y_column both name \"{x_name}\"; the input and the target must be \
             two columns"
        ));
    }
    if x_column.is_none() && y_column.is_none() && names.len() > 2 {
        return Err(format!(
            "has {} columns ({header}), but the Bias–Variance lab fits one input x to one \
             target y: more than one feature is not supported; keep only the columns x and y, \
             or name the two to use with x_column and y_column in a preset",
            names.len()
        ));
    }
    Ok(vec![x, y])
}

/// Reads the `x` and `y` columns of a CSV text (see [`xy_columns`]).
///
/// # Errors
/// The reader's [`TableError`], or a header without the columns.
pub fn read_xy_csv<R: std::io::Read>(
    reader: R,
    file: &str,
    x_column: Option<&str>,
    y_column: Option<&str>,
) -> Result<(Vec<f64>, Vec<f64>), TableError> {
    let mut columns =
        file_data::read_csv_columns(reader, file, |names| xy_columns(names, x_column, y_column))?;
    let y = columns.pop().unwrap_or_default();
    let x = columns.pop().unwrap_or_default();
    Ok((x, y))
}

/// Reads and checks a 1-D regression file named by a Bias–Variance preset (`problem.train`,
/// relative to `folder`, or `builtin:NAME`).
///
/// # Errors
/// A [`PresetError::Invalid`] on the key whose file is missing, unreadable or malformed, or
/// whose value is out of range; fewer than [`MIN_ROWS`] rows, or more than `max_train`
/// training rows.
pub(super) fn load_xy(
    v: &Invalid<'_>,
    keys: &XyKeys<'_>,
    folder: &Path,
    max_train: usize,
) -> Result<Observations, PresetError> {
    const KEY: &str = "problem.train";
    let Some(train) = keys.train else {
        return Err(v.err(
            KEY,
            "is missing: dataset = \"file\" needs the data, e.g. train = \"data.csv\" (columns \
             x and y)",
        ));
    };
    let test_fraction = keys.test_fraction.unwrap_or(DEFAULT_TEST_FRACTION);
    if !(test_fraction > 0.0 && test_fraction < 1.0) {
        return Err(v.err(
            "problem.test_fraction",
            format!("must be in (0, 1), got {test_fraction}"),
        ));
    }
    let file = locate(v, KEY, train, folder)?;
    if file.is_npy() {
        return Err(v.err(
            KEY,
            format!(
                "{} is an .npy array; the Bias–Variance lab reads a CSV file with columns x and y",
                file.shown
            ),
        ));
    }
    let (x, y) = match &file.memory {
        Some(bytes) => read_xy_csv(&bytes[..], &file.shown, keys.x_column, keys.y_column),
        None => read_xy_csv(
            file.open(v, KEY)?,
            &file.shown,
            keys.x_column,
            keys.y_column,
        ),
    }
    .map_err(table_err(v, KEY))?;
    let data = Observations {
        source: file.source,
        x_column: keys.x_column.unwrap_or("x").to_string(),
        y_column: keys.y_column.unwrap_or("y").to_string(),
        x,
        y,
        test_fraction,
    };
    if data.len() < MIN_ROWS {
        return Err(v.err(
            KEY,
            format!(
                "{}: has {} rows; at least {MIN_ROWS} are needed (2 to train on, 2 held out)",
                file.shown,
                data.len()
            ),
        ));
    }
    let (n_train, n_test) = data.sizes();
    if n_train > max_train {
        return Err(v.err(
            KEY,
            format!(
                "{}: has {} rows, {n_train} of them for training after holding out {n_test}; \
                 the Bias–Variance lab fits at most {max_train} training rows (use a sample of \
                 the file, or a larger test_fraction)",
                file.shown,
                data.len()
            ),
        ));
    }
    Ok(data)
}

/// Reads a 1-D regression file opened in the Bias–Variance lab's window (typed or dropped):
/// columns `x` and `y` and nothing else, 30 % held out. The source kept for saving is
/// absolute.
///
/// # Errors
/// The message of the reader (the file and, where they apply, the line and column), without
/// the preset key.
pub fn open_xy_file(path: &Path, max_train: usize) -> Result<Observations, String> {
    let v = Invalid { origin: "" };
    let given = path.display().to_string();
    let keys = XyKeys {
        train: Some(&given),
        x_column: None,
        y_column: None,
        test_fraction: None,
    };
    let folder = std::env::current_dir().unwrap_or_default();
    load_xy(&v, &keys, &folder, max_train).map_err(|e| match e {
        PresetError::Invalid { message, .. } => message,
        other => other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use crate::core::network::data::{DatasetKind, Task};
    use crate::preset::{NetworkExperiment, Preset, PresetError, network_to_toml, parse_in};

    /// A network preset on `dataset` with `problem` lines, read in `folder`.
    fn load(folder: &std::path::Path, problem: &str) -> Result<NetworkExperiment, PresetError> {
        let text = format!(
            "name = \"t\"\nseed = 2\n[problem]\nkind = \"network\"\n{problem}\nhidden = [4]\n\
             [training]\nsteps = 3\n[[runs]]\noptimizer = \"sgd\"\nlr = 0.1\n"
        );
        match parse_in(&text, "t.toml", &[], folder)? {
            Preset::Network(e) => Ok(e),
            other => panic!("not a network preset: {other:?}"),
        }
    }

    fn key_of(result: Result<NetworkExperiment, PresetError>) -> String {
        let err = result.expect_err("refused");
        err.key().map(str::to_string).unwrap_or_default()
    }

    fn folder_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("dir");
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).expect("write");
        }
        dir
    }

    fn rows(n: usize) -> String {
        let mut text = String::from("a,b,label\n");
        for i in 0..n {
            writeln!(text, "{i},{},{}", i * i, i % 3).expect("write");
        }
        text
    }

    #[test]
    fn a_file_dataset_takes_its_sizes_task_and_inputs_from_the_data() {
        let dir = folder_with(&[("d.csv", &rows(20))]);
        let e = load(dir.path(), "dataset = \"file\"\ntrain = \"d.csv\"").expect("loads");
        assert_eq!(e.dataset.kind, DatasetKind::File);
        assert_eq!((e.dataset.n_train, e.dataset.n_test), (14, 6));
        assert_eq!(e.dataset.task(), Task::Multiclass { classes: 3 });
        assert_eq!(
            e.build_mlp().expect("mlp").architecture().sizes(),
            &[2, 4, 3]
        );
        // A test file of its own: every row trains, the test file's rows test.
        let dir = folder_with(&[("d.csv", &rows(20)), ("t.csv", &rows(9))]);
        let e = load(
            dir.path(),
            "dataset = \"file\"\ntrain = \"d.csv\"\ntest = \"t.csv\"",
        )
        .expect("loads");
        assert_eq!((e.dataset.n_train, e.dataset.n_test), (20, 9));
    }

    #[test]
    fn a_saved_file_preset_loads_back_from_anywhere() {
        let dir = folder_with(&[("d.csv", &rows(20))]);
        let e = load(
            dir.path(),
            "dataset = \"file\"\ntrain = \"d.csv\"\nstandardize = true\ntask = \"classification\"",
        )
        .expect("loads");
        let text = network_to_toml(&e);
        // Saved with the absolute path, it loads the same from another folder.
        let back = match parse_in(&text, "saved.toml", &[], std::path::Path::new("/")) {
            Ok(Preset::Network(back)) => back,
            other => panic!("{other:?}\n{text}"),
        };
        assert_eq!(back, e);
        assert_eq!(network_to_toml(&back), text);
    }

    #[test]
    fn keys_that_do_not_apply_are_named() {
        let dir = folder_with(&[("d.csv", &rows(20)), ("t.csv", &rows(5))]);
        let p = dir.path();
        let file = "dataset = \"file\"\ntrain = \"d.csv\"\n";
        assert_eq!(
            key_of(load(p, &format!("{file}n_train = 5"))),
            "problem.n_train"
        );
        assert_eq!(
            key_of(load(p, &format!("{file}noise = 0.1"))),
            "problem.noise"
        );
        assert_eq!(
            key_of(load(p, "dataset = \"moons\"\ntrain = \"d.csv\"")),
            "problem.train"
        );
        assert_eq!(
            key_of(load(p, "dataset = \"moons\"\nstandardize = true")),
            "problem.standardize"
        );
        assert_eq!(key_of(load(p, "dataset = \"file\"")), "problem.train");
        for bad in ["0", "1", "1.5", "-0.2"] {
            assert_eq!(
                key_of(load(p, &format!("{file}test_fraction = {bad}"))),
                "problem.test_fraction",
                "{bad}"
            );
        }
        assert_eq!(
            key_of(load(
                p,
                &format!("{file}test = \"t.csv\"\ntest_fraction = 0.2")
            )),
            "problem.test_fraction"
        );
        assert_eq!(
            key_of(load(p, &format!("{file}task = \"ranking\""))),
            "problem.task"
        );
        assert_eq!(
            key_of(load(p, &format!("{file}train_labels = \"y.npy\""))),
            "problem.train_labels"
        );
        assert_eq!(
            key_of(load(p, &format!("{file}test_labels = \"y.npy\""))),
            "problem.test_labels"
        );
        let err = load(p, "dataset = \"file\"\ntrain = \"builtin:nope.csv\"").expect_err("nope");
        assert!(err.to_string().contains("builtin:iris.csv"), "{err}");
        let err = load(p, "dataset = \"file\"\ntrain = \"X.npy\"").expect_err("no labels");
        assert_eq!(err.key(), Some("problem.train_labels"));
    }

    #[test]
    fn a_test_file_must_match_the_training_file() {
        let dir = folder_with(&[
            ("d.csv", &rows(20)),
            ("wide.csv", "a,b,c,label\n1,2,3,0\n"),
            ("new.csv", "a,b,label\n1,2,7\n"),
        ]);
        let p = dir.path();
        let err = load(
            p,
            "dataset = \"file\"\ntrain = \"d.csv\"\ntest = \"wide.csv\"",
        )
        .expect_err("features");
        assert_eq!(err.key(), Some("problem.test"));
        assert!(
            err.to_string()
                .contains("has 3 features; the training file has 2")
        );
        let err = load(
            p,
            "dataset = \"file\"\ntrain = \"d.csv\"\ntest = \"new.csv\"",
        )
        .expect_err("class");
        assert_eq!(err.key(), Some("problem.test"));
        assert!(err.to_string().contains("label 7 is not one of"), "{err}");
    }

    #[test]
    fn a_file_opened_in_the_window_takes_every_default() {
        use crate::preset::{npy_labels_beside, open_data_file};
        use std::path::Path;
        assert_eq!(
            npy_labels_beside(Path::new("/d/X_train.npy")),
            Path::new("/d/y_train.npy")
        );
        assert_eq!(
            npy_labels_beside(Path::new("/d/pixels.npy")),
            Path::new("/d/pixels_labels.npy")
        );
        let dir = folder_with(&[("d.csv", &rows(20)), ("bad.csv", "a,label\n1,0\nx,1\n")]);
        let data = open_data_file(&dir.path().join("d.csv")).expect("reads");
        assert_eq!(data.sizes(), (14, 6));
        assert_eq!(data.task, Task::Multiclass { classes: 3 });
        assert!(!data.standardize && !data.task_given);
        assert!(Path::new(&data.train_source).is_absolute());
        // The reader's message, without the preset key.
        let err = open_data_file(&dir.path().join("bad.csv")).expect_err("bad");
        assert!(err.contains("bad.csv, line 3, column \"a\""), "{err}");
        assert!(!err.contains("problem.train"), "{err}");
        let err = open_data_file(&dir.path().join("X.npy")).expect_err("no labels");
        assert!(err.contains("y.npy"), "{err}");
        // .npy features with their labels beside them.
        let x = ndarray::Array2::<f32>::from_shape_fn((10, 3), |(i, j)| (i * 3 + j) as f32);
        let y = ndarray::Array1::<i64>::from_shape_fn(10, |i| (i % 2) as i64);
        ndarray_npy::write_npy(dir.path().join("X.npy"), &x).expect("x");
        ndarray_npy::write_npy(dir.path().join("y.npy"), &y).expect("y");
        let data = open_data_file(&dir.path().join("X.npy")).expect("npy");
        assert_eq!((data.input_dim(), data.task), (3, Task::Binary));
        assert!(
            data.train_labels_source
                .is_some_and(|s| s.ends_with("y.npy"))
        );
    }

    #[test]
    fn the_shipped_iris_data_is_150_flowers_of_3_species() {
        let e = load(
            std::path::Path::new("/nonexistent"),
            "dataset = \"file\"\ntrain = \"builtin:iris.csv\"",
        )
        .expect("iris");
        assert_eq!((e.dataset.n_train, e.dataset.n_test), (105, 45));
        assert_eq!(e.dataset.task(), Task::Multiclass { classes: 3 });
        assert_eq!(e.dataset.input_dim(), 4);
    }
}
