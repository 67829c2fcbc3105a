//! A person's own data for the Network lab: tables of numbers read from a CSV text (a header,
//! numeric feature columns and one label column) or from `.npy` arrays (features `[n, d]`,
//! labels `[n]`), checked cell by cell, and turned into a training and a test [`Split`] — the
//! rows of a test file, or a split of the training rows shuffled by the seed — with the
//! features standardized by the training set's mean and standard deviation when asked.
//!
//! This module parses bytes from any reader; opening the files (and where a relative path
//! points) is the preset layer's business, so `core` still touches no file system. Every
//! defect of the input is a [`TableError`] naming the file and, where it applies, the line
//! and the column; nothing here panics on what a file contains.
//!
//! Labels: all integers → classification (the distinct values, sorted, become the classes
//! `0..k`: 2 classes use the binary head, more the softmax head), else regression; a task
//! given explicitly overrides the guess (classification then requires integer labels).

use std::collections::BTreeSet;
use std::io::{BufRead as _, BufReader, Cursor, Read};

use ndarray::{Array1, Array2, Axis};
use ndarray_npy::{ReadNpyError, ReadNpyExt as _};
use rand::seq::SliceRandom as _;

use crate::core::rng::rng_for;

use super::data::{Split, Task};
use super::stream;

/// The most rows a data file may have.
pub const MAX_ROWS: usize = 1_000_000;
/// The most feature columns a data file may have.
pub const MAX_FEATURES: usize = 10_000;
/// The most classes a classification file may have.
pub const MAX_CLASSES: usize = 100;

/// A defect of a data file, naming the file and, where it applies, the line and the column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", place(*line, column.as_deref()))]
pub struct TableError {
    /// The file as the preset named it.
    pub file: String,
    /// The 1-based line of a CSV file.
    pub line: Option<u64>,
    /// The column's header name.
    pub column: Option<String>,
    /// What is wrong.
    pub message: String,
}

fn place(line: Option<u64>, column: Option<&str>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(", line {l}, column \"{c}\""),
        (Some(l), None) => format!(", line {l}"),
        (None, Some(c)) => format!(", column \"{c}\""),
        (None, None) => String::new(),
    }
}

impl TableError {
    fn new(file: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    fn at(mut self, line: Option<u64>, column: Option<&str>) -> Self {
        self.line = line;
        self.column = column.map(str::to_string);
        self
    }
}

/// Features and raw labels as read, before the classes are numbered.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Features, `[n, d]`.
    pub x: Array2<f32>,
    /// Labels as written (class values or regression targets), length `n`.
    pub y: Array1<f64>,
}

/// How the labels are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TaskChoice {
    /// Classification when every label is an integer, else regression.
    #[default]
    Infer,
    /// Integer labels, numbered in sorted order.
    Classification,
    /// Real targets.
    Regression,
}

/// The column delimiter of a CSV text: the most frequent of comma, semicolon and tab outside
/// quotes on its first non-blank line (comma when none appears).
fn sniff_delimiter(head: &[u8]) -> u8 {
    let line = head
        .split(|&b| b == b'\n')
        .find(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
        .unwrap_or(&[]);
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &b in line {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(c) = counts.iter_mut().find(|(d, _)| *d == b) {
            c.1 += 1;
        }
    }
    // Comma wins ties (it is listed first and max_by_key keeps the last maximum).
    counts
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| *d)
}

/// A cell as text, or the error for a binary file.
fn text_cell<'a>(
    file: &str,
    cell: &'a [u8],
    line: Option<u64>,
    column: Option<&str>,
) -> Result<&'a str, TableError> {
    let not_text = || {
        TableError::new(
            file,
            "not a text CSV file (it holds a NUL byte or bytes that are not UTF-8)",
        )
        .at(line, column)
    };
    if cell.contains(&0) {
        return Err(not_text());
    }
    std::str::from_utf8(cell).map_err(|_| not_text())
}

/// Reads a CSV text: a header, then rows of numbers; the label column is `label_column` if
/// given, else the column named `label` or `y`; every other column is a feature.
///
/// # Errors
/// A [`TableError`] for an empty file, a header without rows, a missing label column, a
/// ragged row, a cell that is not a finite number, a binary file, or more than [`MAX_ROWS`]
/// rows or [`MAX_FEATURES`] features.
pub fn read_csv<R: Read>(
    reader: R,
    file: &str,
    label_column: Option<&str>,
) -> Result<Table, TableError> {
    // The features in file order, then the label.
    let columns = read_csv_columns(reader, file, |names| {
        let label = match label_column {
            Some(name) => names.iter().position(|n| n == name).ok_or_else(|| {
                format!(
                    "no label column named \"{name}\" (the header has {})",
                    names.join(", ")
                )
            })?,
            None => ["label", "y"]
                .iter()
                .find_map(|want| names.iter().position(|n| n == want))
                .ok_or_else(|| {
                    "no label column: name one column `label` or `y`, or set label_column"
                        .to_string()
                })?,
        };
        let features = names.len() - 1;
        if features == 0 {
            return Err("has a label column but no feature columns".to_string());
        }
        if features > MAX_FEATURES {
            return Err(format!(
                "has {features} feature columns; at most {MAX_FEATURES} are allowed"
            ));
        }
        let mut picked: Vec<usize> = (0..names.len()).filter(|&j| j != label).collect();
        picked.push(label);
        Ok(picked)
    })?;
    let Some((y, x_columns)) = columns.split_last() else {
        return Err(TableError::new(file, "has no columns"));
    };
    let n = y.len();
    #[allow(clippy::cast_possible_truncation)]
    let x = Array2::from_shape_fn((n, x_columns.len()), |(i, j)| x_columns[j][i] as f32);
    Ok(Table {
        x,
        y: Array1::from(y.clone()),
    })
}

/// Reads the columns that `pick` chooses from a CSV text's header (their indices, in the
/// order wanted), every cell of them a finite number; the other columns are not parsed, but
/// every row must have as many cells as the header. The delimiter (comma, semicolon or tab)
/// is sniffed from the first line, blank lines are skipped, and a spreadsheet's byte-order
/// mark is not part of the first name. What `pick` refuses is reported on the header line.
///
/// This is the one CSV reader of basin: the Network lab's tables ([`read_csv`]) and the
/// Bias–Variance lab's `x`, `y` columns both read through it.
///
/// # Errors
/// A [`TableError`] naming the file, and the line and the column where they apply: an empty
/// file, a header `pick` refuses, a header without rows, a ragged row, a cell that is not a
/// finite number, a binary file, more than [`MAX_ROWS`] rows.
pub fn read_csv_columns<R: Read>(
    reader: R,
    file: &str,
    pick: impl FnOnce(&[String]) -> Result<Vec<usize>, String>,
) -> Result<Vec<Vec<f64>>, TableError> {
    let mut buffered = BufReader::with_capacity(1 << 16, reader);
    let head = buffered
        .fill_buf()
        .map_err(|e| TableError::new(file, format!("cannot read: {e}")))?;
    let delimiter = sniff_delimiter(head);
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(buffered);
    let csv_error = |e: &csv::Error| {
        let line = e.position().map(csv::Position::line);
        TableError::new(file, format!("cannot read: {e}")).at(line, None)
    };
    let mut records = csv.byte_records();
    let header = loop {
        match records.next() {
            None => return Err(TableError::new(file, "is empty")),
            Some(Err(e)) => return Err(csv_error(&e)),
            Some(Ok(r)) if is_blank(&r) => {}
            Some(Ok(r)) => break r,
        }
    };
    let header_line = header.position().map(csv::Position::line);
    let names = header
        .iter()
        .map(|cell| text_cell(file, cell, header_line, None).map(|s| s.trim().to_string()))
        .collect::<Result<Vec<String>, _>>()?;
    // A spreadsheet's UTF-8 byte-order mark is not part of the first column's name.
    let mut names = names;
    if let Some(first) = names.first_mut()
        && let Some(rest) = first.strip_prefix('\u{feff}')
    {
        *first = rest.trim().to_string();
    }
    let picked = pick(&names).map_err(|m| TableError::new(file, m).at(header_line, None))?;
    if let Some(&bad) = picked.iter().find(|&&j| j >= names.len()) {
        return Err(TableError::new(
            file,
            format!("has no column {bad} (the header has {})", names.len()),
        ));
    }
    let mut columns: Vec<Vec<f64>> = vec![Vec::new(); picked.len()];
    // Cells are checked left to right, so the first bad cell of a row is the one reported.
    let mut in_file_order: Vec<(usize, usize)> = picked
        .iter()
        .enumerate()
        .map(|(slot, &j)| (j, slot))
        .collect();
    in_file_order.sort_unstable();
    let mut rows = 0usize;
    for record in records {
        let record = record.map_err(|e| csv_error(&e))?;
        if is_blank(&record) {
            continue;
        }
        let line = record.position().map(csv::Position::line);
        if record.len() != names.len() {
            return Err(TableError::new(
                file,
                format!(
                    "has {} cells; the header has {} columns",
                    record.len(),
                    names.len()
                ),
            )
            .at(line, None));
        }
        if rows == MAX_ROWS {
            return Err(TableError::new(
                file,
                format!("has more than {MAX_ROWS} rows, the most allowed"),
            )
            .at(line, None));
        }
        for &(j, slot) in &in_file_order {
            let name = Some(names[j].as_str());
            let cell = record.get(j).unwrap_or_default();
            let text = text_cell(file, cell, line, name)?.trim();
            let value: f64 = text.parse().map_err(|_| {
                let shown: String = text.chars().take(40).collect();
                TableError::new(file, format!("\"{shown}\" is not a number")).at(line, name)
            })?;
            if !value.is_finite() {
                return Err(TableError::new(
                    file,
                    format!("{text} is not a finite number (NaN and infinity are refused)"),
                )
                .at(line, name));
            }
            columns[slot].push(value);
        }
        rows += 1;
    }
    if rows == 0 {
        return Err(TableError::new(file, "has a header but no rows"));
    }
    Ok(columns)
}

fn is_blank(record: &csv::ByteRecord) -> bool {
    record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace))
}

/// The message of an `.npy` read error; a wrong descriptor is an unsupported dtype.
fn npy_message(e: &ReadNpyError, what: &str) -> String {
    match e {
        ReadNpyError::WrongDescriptor(d) => format!("unsupported dtype {d}; {what}"),
        ReadNpyError::WrongNdim(_, actual) => format!("has {actual} dimensions; {what}"),
        other => format!("is not a readable .npy file: {other}"),
    }
}

/// The shape an `.npy` header declares, read from the file's first bytes (the header is at most
/// a few hundred bytes; [`NPY_HEADER_PEEK`] are enough). `None` when `prefix` is not an `.npy`
/// header or its shape cannot be read: the full read then says what is wrong.
#[must_use]
pub fn npy_shape(prefix: &[u8]) -> Option<Vec<usize>> {
    let (len, start) = match (prefix.get(..6)?, prefix.get(6)?) {
        (b"\x93NUMPY", 1) => (
            usize::from(u16::from_le_bytes([*prefix.get(8)?, *prefix.get(9)?])),
            10,
        ),
        (b"\x93NUMPY", _) => {
            let b: [u8; 4] = prefix.get(8..12)?.try_into().ok()?;
            (usize::try_from(u32::from_le_bytes(b)).ok()?, 12)
        }
        _ => return None,
    };
    let header = std::str::from_utf8(prefix.get(start..start + len)?).ok()?;
    let after = &header[header.find("'shape'")? + "'shape'".len()..];
    let tuple = &after[after.find('(')? + 1..];
    tuple[..tuple.find(')')?]
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| t.parse().ok())
        .collect()
}

/// How many leading bytes of an `.npy` file [`npy_shape`] looks at.
pub const NPY_HEADER_PEEK: usize = 4096;

/// Refuses an `.npy` file whose header declares more than [`MAX_ROWS`] rows or
/// [`MAX_FEATURES`] features, before the file is read whole.
///
/// # Errors
/// A [`TableError`] naming the limit.
pub fn check_npy_size(prefix: &[u8], file: &str) -> Result<(), TableError> {
    let shape = npy_shape(prefix).unwrap_or_default();
    if let Some(&n) = shape.first().filter(|&&n| n > MAX_ROWS) {
        return Err(TableError::new(
            file,
            format!("has {n} rows; at most {MAX_ROWS} are allowed"),
        ));
    }
    if let Some(&d) = shape.get(1).filter(|&&d| d > MAX_FEATURES) {
        return Err(TableError::new(
            file,
            format!("has {d} features; at most {MAX_FEATURES} are allowed"),
        ));
    }
    Ok(())
}

/// Reads the features of an `.npy` file: `[n, d]`, float32 or float64.
///
/// # Errors
/// A [`TableError`] for another dtype or shape, a non-finite value, an empty array or more
/// than [`MAX_ROWS`] rows or [`MAX_FEATURES`] features.
pub fn read_npy_features(bytes: &[u8], file: &str) -> Result<Array2<f32>, TableError> {
    const WHAT: &str = "features must be float32 or float64 of shape [n, d]";
    let x = match Array2::<f32>::read_npy(Cursor::new(bytes)) {
        Ok(x) => x,
        Err(ReadNpyError::WrongDescriptor(_)) =>
        {
            #[allow(clippy::cast_possible_truncation)]
            Array2::<f64>::read_npy(Cursor::new(bytes))
                .map(|x| x.mapv(|v| v as f32))
                .map_err(|e| TableError::new(file, npy_message(&e, WHAT)))?
        }
        Err(e) => return Err(TableError::new(file, npy_message(&e, WHAT))),
    };
    let (n, d) = x.dim();
    if n == 0 || d == 0 {
        return Err(TableError::new(
            file,
            format!("is empty (shape [{n}, {d}])"),
        ));
    }
    if n > MAX_ROWS {
        return Err(TableError::new(
            file,
            format!("has {n} rows; at most {MAX_ROWS} are allowed"),
        ));
    }
    if d > MAX_FEATURES {
        return Err(TableError::new(
            file,
            format!("has {d} features; at most {MAX_FEATURES} are allowed"),
        ));
    }
    if let Some(((i, j), v)) = x.indexed_iter().find(|(_, v)| !v.is_finite()) {
        return Err(TableError::new(
            file,
            format!("row {i}, feature {j} is {v}: NaN and infinity are refused"),
        ));
    }
    Ok(x)
}

/// Reads the labels of an `.npy` file: `[n]`, float32/64 or a signed or unsigned integer
/// type.
///
/// # Errors
/// A [`TableError`] for another dtype or shape, or a non-finite label.
pub fn read_npy_labels(bytes: &[u8], file: &str) -> Result<Array1<f64>, TableError> {
    const WHAT: &str = "labels must be floats or integers of shape [n]";
    let err = |e: &ReadNpyError| TableError::new(file, npy_message(e, WHAT));
    macro_rules! attempt {
        ($($t:ty),*) => {{
            let mut last = None;
            $(
                if last.is_none() || matches!(last, Some(ReadNpyError::WrongDescriptor(_))) {
                    match Array1::<$t>::read_npy(Cursor::new(bytes)) {
                        #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
                        Ok(y) => return finite_labels(y.mapv(|v| v as f64), file),
                        Err(e) => last = Some(e),
                    }
                }
            )*
            last
        }};
    }
    match attempt!(f64, f32, i64, i32, i16, i8, u64, u32, u16, u8) {
        Some(e) => Err(err(&e)),
        None => Err(TableError::new(file, WHAT)),
    }
}

fn finite_labels(y: Array1<f64>, file: &str) -> Result<Array1<f64>, TableError> {
    if let Some((i, v)) = y.indexed_iter().find(|(_, v)| !v.is_finite()) {
        return Err(TableError::new(
            file,
            format!("label {i} is {v}: NaN and infinity are refused"),
        ));
    }
    if y.len() > MAX_ROWS {
        return Err(TableError::new(
            file,
            format!("has {} labels; at most {MAX_ROWS} are allowed", y.len()),
        ));
    }
    Ok(y)
}

/// Features and labels from two `.npy` files.
///
/// # Errors
/// Either file's [`TableError`], or row counts that differ.
pub fn read_npy_pair(
    features: &[u8],
    features_file: &str,
    labels: &[u8],
    labels_file: &str,
) -> Result<Table, TableError> {
    let x = read_npy_features(features, features_file)?;
    let y = read_npy_labels(labels, labels_file)?;
    if x.nrows() != y.len() {
        return Err(TableError::new(
            labels_file,
            format!(
                "has {} labels but {features_file} has {} rows",
                y.len(),
                x.nrows()
            ),
        ));
    }
    Ok(Table { x, y })
}

/// A person's dataset: the tables, the task and the classes, and how to split and scale.
#[derive(Clone, Debug, PartialEq)]
pub struct FileData {
    /// Where the training table came from (for messages and saving the preset).
    pub train_source: String,
    /// Where the training labels came from, for `.npy` data.
    pub train_labels_source: Option<String>,
    /// Where the test table came from, if there is a test file.
    pub test_source: Option<String>,
    /// Where the test labels came from, for `.npy` data.
    pub test_labels_source: Option<String>,
    /// The label column of a CSV file, when named explicitly.
    pub label_column: Option<String>,
    /// The training table, labels numbered `0..k` for classification.
    pub train: Table,
    /// The test table, numbered alike; None: split the training table.
    pub test: Option<Table>,
    /// What the labels mean.
    pub task: Task,
    /// Whether the task was given (false: inferred from the labels).
    pub task_given: bool,
    /// The label value of each class index (empty for regression).
    pub class_values: Vec<f64>,
    /// The share of the training table held out when there is no test file, in (0, 1).
    pub test_fraction: f64,
    /// Whether the features are scaled by the training set's mean and standard deviation.
    pub standardize: bool,
}

/// Where the tables came from and how to read them (everything but the tables).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileOptions {
    /// See [`FileData::train_source`].
    pub train_source: String,
    /// See [`FileData::train_labels_source`].
    pub train_labels_source: Option<String>,
    /// See [`FileData::test_source`].
    pub test_source: Option<String>,
    /// See [`FileData::test_labels_source`].
    pub test_labels_source: Option<String>,
    /// See [`FileData::label_column`].
    pub label_column: Option<String>,
    /// The task asked for.
    pub task: TaskChoice,
    /// See [`FileData::test_fraction`].
    pub test_fraction: f64,
    /// See [`FileData::standardize`].
    pub standardize: bool,
}

impl FileData {
    /// Numbers the classes and checks the labels against the task.
    ///
    /// # Errors
    /// A [`TableError`] naming the file: a single class, non-integer labels for
    /// classification, more than [`MAX_CLASSES`] classes, a test label that is not a training
    /// class, a test table with another number of features, or too few rows to split.
    pub fn new(
        options: FileOptions,
        mut train: Table,
        mut test: Option<Table>,
    ) -> Result<Self, TableError> {
        let train_file = options.train_source.as_str();
        let test_file = options.test_source.as_deref().unwrap_or(train_file);
        if let Some(t) = &test
            && t.x.ncols() != train.x.ncols()
        {
            return Err(TableError::new(
                test_file,
                format!(
                    "has {} features; the training file has {}",
                    t.x.ncols(),
                    train.x.ncols()
                ),
            ));
        }
        if test.is_none() && train.y.len() < 2 {
            return Err(TableError::new(
                train_file,
                "has 1 row: at least 2 are needed to hold out a test set",
            ));
        }
        let integers = |t: &Table| t.y.iter().all(|&v| is_class_value(v));
        let classify = match options.task {
            TaskChoice::Classification => {
                if let Some((i, v)) = train.y.indexed_iter().find(|(_, v)| !is_class_value(**v)) {
                    return Err(TableError::new(
                        train_file,
                        format!(
                            "label {v} of row {} is not an integer (of magnitude at most 1e9), \
                             but task = \"classification\" needs integer labels",
                            i + 1
                        ),
                    ));
                }
                true
            }
            TaskChoice::Regression => false,
            TaskChoice::Infer => integers(&train) && test.as_ref().is_none_or(integers),
        };
        let mut class_values = Vec::new();
        let task = if classify {
            let distinct: BTreeSet<i64> = train.y.iter().map(|&v| v as i64).collect();
            if distinct.len() < 2 {
                return Err(TableError::new(
                    train_file,
                    format!(
                        "has a single class ({}): classification needs at least 2",
                        distinct.first().copied().unwrap_or_default()
                    ),
                ));
            }
            if distinct.len() > MAX_CLASSES {
                return Err(TableError::new(
                    train_file,
                    format!(
                        "has {} classes; at most {MAX_CLASSES} are allowed",
                        distinct.len()
                    ),
                ));
            }
            let values: Vec<i64> = distinct.into_iter().collect();
            let index = |v: f64| values.binary_search(&(v as i64)).ok();
            train.y.mapv_inplace(|v| index(v).unwrap_or(0) as f64);
            if let Some(t) = &mut test {
                if let Some(bad) =
                    t.y.iter()
                        .find(|&&v| !is_class_value(v) || index(v).is_none())
                {
                    return Err(TableError::new(
                        test_file,
                        format!("label {bad} is not one of the training file's classes"),
                    ));
                }
                t.y.mapv_inplace(|v| index(v).unwrap_or(0) as f64);
            }
            #[allow(clippy::cast_precision_loss)]
            class_values.extend(values.iter().map(|&v| v as f64));
            if values.len() == 2 {
                Task::Binary
            } else {
                Task::Multiclass {
                    classes: values.len(),
                }
            }
        } else {
            Task::Regression
        };
        Ok(Self {
            train_source: options.train_source,
            train_labels_source: options.train_labels_source,
            test_source: options.test_source,
            test_labels_source: options.test_labels_source,
            label_column: options.label_column,
            train,
            test,
            task,
            task_given: options.task != TaskChoice::Infer,
            class_values,
            test_fraction: options.test_fraction,
            standardize: options.standardize,
        })
    }

    /// Number of features.
    #[must_use]
    pub fn input_dim(&self) -> usize {
        self.train.x.ncols()
    }

    /// Rows held out for testing when there is no test file: `round(test_fraction · n)`,
    /// at least 1 and at most `n − 1`.
    #[must_use]
    pub fn held_out(&self) -> usize {
        let n = self.train.y.len();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let k = (self.test_fraction * n as f64).round() as usize;
        k.clamp(1, n.saturating_sub(1).max(1))
    }

    /// Training and test rows: `(n_train, n_test)`.
    #[must_use]
    pub fn sizes(&self) -> (usize, usize) {
        match &self.test {
            Some(t) => (self.train.y.len(), t.y.len()),
            None => {
                let held = self.held_out();
                (self.train.y.len() - held, held)
            }
        }
    }

    /// The training and test splits for `seed`: the test file's rows, or the training rows
    /// shuffled by the seed (stream `TRAIN_SET`) with the last [`FileData::held_out`] held
    /// out; then standardized by the training split's statistics if asked.
    #[must_use]
    pub fn splits(&self, seed: u64) -> (Split, Split) {
        #[allow(clippy::cast_possible_truncation)]
        let split = |t: &Table, rows: Option<&[usize]>| match rows {
            Some(rows) => Split {
                x: t.x.select(Axis(0), rows),
                y: t.y.select(Axis(0), rows).mapv(|v| v as f32),
            },
            None => Split {
                x: t.x.clone(),
                y: t.y.mapv(|v| v as f32),
            },
        };
        let (mut train, mut test) = match &self.test {
            Some(t) => (split(&self.train, None), split(t, None)),
            None => {
                let mut order: Vec<usize> = (0..self.train.y.len()).collect();
                order.shuffle(&mut rng_for(seed, stream::TRAIN_SET));
                let cut = order.len() - self.held_out();
                (
                    split(&self.train, Some(&order[..cut])),
                    split(&self.train, Some(&order[cut..])),
                )
            }
        };
        if self.standardize {
            let (mean, std) = column_stats(&train.x);
            for x in [&mut train.x, &mut test.x] {
                for mut row in x.rows_mut() {
                    for ((v, m), s) in row.iter_mut().zip(&mean).zip(&std) {
                        #[allow(clippy::cast_possible_truncation)]
                        {
                            *v = ((f64::from(*v) - m) / s) as f32;
                        }
                    }
                }
            }
        }
        (train, test)
    }
}

/// The largest magnitude of a class label: beyond it a label is a measurement, not a class.
pub const MAX_CLASS_VALUE: f64 = 1e9;

/// Whether `v` can be a class label: an integer of magnitude at most [`MAX_CLASS_VALUE`].
fn is_class_value(v: f64) -> bool {
    v.fract() == 0.0 && v.abs() <= MAX_CLASS_VALUE
}

/// Each column's mean and population standard deviation (1 for a constant column, so it
/// stays 0 after centring rather than dividing by zero).
fn column_stats(x: &Array2<f32>) -> (Vec<f64>, Vec<f64>) {
    #[allow(clippy::cast_precision_loss)]
    let n = x.nrows().max(1) as f64;
    x.columns()
        .into_iter()
        .map(|c| {
            let mean = c.iter().map(|&v| f64::from(v)).sum::<f64>() / n;
            let var = c
                .iter()
                .map(|&v| (f64::from(v) - mean).powi(2))
                .sum::<f64>()
                / n;
            let std = var.sqrt();
            (mean, if std > 0.0 { std } else { 1.0 })
        })
        .unzip()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> Result<Table, TableError> {
        read_csv(text.as_bytes(), "d.csv", None)
    }

    fn message(text: &str) -> String {
        csv(text).expect_err("bad input").to_string()
    }

    fn options(task: TaskChoice) -> FileOptions {
        FileOptions {
            train_source: "d.csv".into(),
            task,
            test_fraction: 0.3,
            ..FileOptions::default()
        }
    }

    #[test]
    fn reads_comma_semicolon_and_tab_with_quotes_and_blank_lines() {
        for text in [
            "a,b,label\n1,2,0\n\n3,4,1\n",
            "a;b;label\n1;2;0\n3;4;1\n\n",
            "a\tb\tlabel\n1\t2\t0\n3\t4\t1",
            "\"a\",\"b\",\"label\"\n\"1\",2,\"0\"\n3,4,1\n",
        ] {
            let t = csv(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(t.x, ndarray::array![[1.0, 2.0], [3.0, 4.0]], "{text:?}");
            assert_eq!(t.y, ndarray::array![0.0, 1.0]);
        }
        // The label may be any column, named y or by label_column.
        let t = csv("y,a\n5,1\n6,2\n").expect("y first");
        assert_eq!(
            (t.x.column(0).to_vec(), t.y.to_vec()),
            (vec![1.0, 2.0], vec![5.0, 6.0])
        );
        let t = read_csv("t,a\n5,1\n".as_bytes(), "d.csv", Some("t")).expect("named");
        assert_eq!(t.y.to_vec(), vec![5.0]);
        // Windows line ends and a spreadsheet's byte-order mark.
        let t = csv("\u{feff}label,a\r\n1,2\r\n0,3\r\n").expect("crlf, bom");
        assert_eq!(
            (t.x.column(0).to_vec(), t.y.to_vec()),
            (vec![2.0, 3.0], vec![1.0, 0.0])
        );
        // A semicolon inside quotes does not make the file semicolon-separated.
        assert_eq!(sniff_delimiter(b"\"a;b\",c,label\n"), b',');
    }

    #[test]
    fn every_defect_names_the_file_line_and_column() {
        assert_eq!(message(""), "d.csv: is empty");
        assert_eq!(message("a,label\n"), "d.csv: has a header but no rows");
        assert_eq!(
            message("a,label\n1,0\n1,2,3\n"),
            "d.csv, line 3: has 3 cells; the header has 2 columns"
        );
        assert_eq!(
            message("a,label\n1,0\nx1,0\n"),
            "d.csv, line 3, column \"a\": \"x1\" is not a number"
        );
        assert!(
            message("a,label\nNaN,0\n")
                .starts_with("d.csv, line 2, column \"a\": NaN is not a finite")
        );
        assert!(message("a,label\n1,inf\n").contains("column \"label\""));
        assert!(message("a,b\n1,0\n").contains("no label column"));
        assert!(message("a,\0b,label\n").contains("not a text CSV file"));
        let binary: &[u8] = &[0x89, b'P', b'N', b'G', b'\r', b'\n', 0xff, 0xfe, b','];
        let err = read_csv(binary, "d.csv", None).expect_err("binary");
        assert!(err.to_string().contains("not a text CSV file"), "{err}");
        assert!(message("label\n1\n").contains("no feature columns"));
        let err = read_csv("a,label\n".as_bytes(), "d.csv", Some("class")).expect_err("absent");
        assert!(
            err.to_string().contains("no label column named \"class\""),
            "{err}"
        );
    }

    #[test]
    fn an_npy_header_too_large_is_refused_before_the_data() {
        // A header that declares 2,000,000 × 3 float32 with no data behind it: refused by its
        // header alone, where reading it whole would fail differently (or allocate).
        let dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2000000, 3), }";
        let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
        let len = u16::try_from(dict.len() + 1).expect("short header");
        bytes.extend_from_slice(&len.to_le_bytes());
        bytes.extend_from_slice(dict.as_bytes());
        bytes.push(b'\n');
        assert_eq!(npy_shape(&bytes), Some(vec![2_000_000, 3]));
        let err = check_npy_size(&bytes, "big.npy").expect_err("too many rows");
        assert!(err.to_string().contains("at most 1000000"), "{err}");
        let wide = bytes_with_shape("(10, 20000)");
        assert!(check_npy_size(&wide, "wide.npy").is_err());
        let fine = bytes_with_shape("(10, 4)");
        assert!(check_npy_size(&fine, "fine.npy").is_ok());
        assert_eq!(npy_shape(&fine), Some(vec![10, 4]));
        assert_eq!(npy_shape(&bytes_with_shape("(7,)")), Some(vec![7]));
        assert_eq!(npy_shape(b"label,x\n1,2\n"), None);
    }

    fn bytes_with_shape(shape: &str) -> Vec<u8> {
        let dict = format!("{{'descr': '<f8', 'fortran_order': False, 'shape': {shape}, }}\n");
        let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
        let len = u16::try_from(dict.len()).expect("short header");
        bytes.extend_from_slice(&len.to_le_bytes());
        bytes.extend_from_slice(dict.as_bytes());
        bytes
    }

    #[test]
    fn too_many_features_are_refused_with_the_limit() {
        let header: Vec<String> = (0..=MAX_FEATURES).map(|i| format!("f{i}")).collect();
        let text = format!("{},label\n", header.join(","));
        assert!(message(&text).contains("at most 10000"));
    }

    #[test]
    fn labels_decide_the_task_and_are_numbered() {
        let t = csv("a,label\n1,-1\n2,1\n3,-1\n").expect("csv");
        let d = FileData::new(options(TaskChoice::Infer), t.clone(), None).expect("binary");
        assert_eq!(d.task, Task::Binary);
        assert_eq!(d.class_values, vec![-1.0, 1.0]);
        assert_eq!(d.train.y.to_vec(), vec![0.0, 1.0, 0.0]);
        let d = FileData::new(options(TaskChoice::Regression), t, None).expect("regression");
        assert_eq!(d.task, Task::Regression);
        let t = csv("a,label\n1,0.5\n2,1\n").expect("csv");
        assert_eq!(
            FileData::new(options(TaskChoice::Infer), t.clone(), None)
                .expect("regression")
                .task,
            Task::Regression
        );
        let err = FileData::new(options(TaskChoice::Classification), t, None).expect_err("0.5");
        assert!(err.to_string().contains("not an integer"), "{err}");
        let t = csv("a,label\n1,3\n2,3\n").expect("csv");
        let err = FileData::new(options(TaskChoice::Infer), t, None).expect_err("one class");
        assert!(err.to_string().contains("single class"), "{err}");
        let many = Table {
            x: Array2::zeros((101, 1)),
            y: (0..101).map(f64::from).collect(),
        };
        let err = FileData::new(options(TaskChoice::Infer), many, None).expect_err("101");
        assert!(err.to_string().contains("at most 100"), "{err}");
    }

    #[test]
    fn the_split_is_seeded_and_standardized_by_the_training_rows() {
        let n = 20;
        let t = Table {
            x: Array2::from_shape_fn((n, 2), |(i, j)| (i * (j + 1)) as f32),
            y: (0..n).map(|i| (i % 3) as f64).collect(),
        };
        let mut o = options(TaskChoice::Infer);
        o.standardize = true;
        let d = FileData::new(o, t, None).expect("data");
        assert_eq!(d.sizes(), (14, 6));
        let (train, test) = d.splits(7);
        assert_eq!((train.len(), test.len()), (14, 6));
        assert_eq!(d.splits(7), (train.clone(), test.clone()));
        assert_ne!(d.splits(8).0, train);
        for c in train.x.columns() {
            let mean = c.iter().map(|&v| f64::from(v)).sum::<f64>() / 14.0;
            let var = c
                .iter()
                .map(|&v| (f64::from(v) - mean).powi(2))
                .sum::<f64>()
                / 14.0;
            assert!(
                mean.abs() < 1e-6 && (var - 1.0).abs() < 1e-5,
                "{mean} {var}"
            );
        }
    }

    #[test]
    fn npy_pairs_check_dtype_and_rows() {
        let mut x = Vec::new();
        ndarray_npy::WriteNpyExt::write_npy(&Array2::<f64>::ones((3, 2)), &mut x).expect("x");
        let mut y = Vec::new();
        ndarray_npy::WriteNpyExt::write_npy(&ndarray::array![0_i64, 1, 0], &mut y).expect("y");
        let t = read_npy_pair(&x, "X.npy", &y, "y.npy").expect("pair");
        assert_eq!((t.x.dim(), t.y.to_vec()), ((3, 2), vec![0.0, 1.0, 0.0]));
        let mut short = Vec::new();
        ndarray_npy::WriteNpyExt::write_npy(&ndarray::array![0.0_f32, 1.0], &mut short).expect("y");
        let err = read_npy_pair(&x, "X.npy", &short, "y.npy").expect_err("rows");
        assert_eq!(err.to_string(), "y.npy: has 2 labels but X.npy has 3 rows");
        let mut ints = Vec::new();
        ndarray_npy::WriteNpyExt::write_npy(&Array2::<i32>::ones((3, 2)), &mut ints).expect("i");
        let err = read_npy_features(&ints, "X.npy").expect_err("dtype");
        assert!(err.to_string().contains("unsupported dtype"), "{err}");
        let err = read_npy_features(&short, "X.npy").expect_err("1-D");
        assert!(err.to_string().contains("dimensions"), "{err}");
    }
}
