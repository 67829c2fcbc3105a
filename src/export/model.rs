//! The files of a network landscape (ARCHITECTURE.md, "CLI and file contracts"): `grid.npy`,
//! `x.npy`, `y.npy`, `meta.json` and, with `--inputs`, the folder `inputs/` holding everything
//! needed to recompute the grid elsewhere. [`read_model_dir`] reads that layout back (e.g.
//! written by PyTorch) and checks every shape and dtype, naming the file and the expected shape.
//!
//! The layout of `inputs/` (also what `basin landscape --model DIR` reads), for a network with
//! layer sizes `[n₀, n₁, …, n_L]` and `P` parameters:
//!
//! | file | dtype, shape | meaning |
//! |---|---|---|
//! | `X_train.npy` | float32 `[n, n₀]` | training inputs |
//! | `y_train.npy` | int64 `[n]` (cross-entropy), else float32 | targets: class index, 0/1, or value (read as float32, float64, int64 or int32) |
//! | `theta.npy` | float64 `[P]` | θ₀ in `nn.Linear` order |
//! | `d1.npy`, `d2.npy` | float64 `[P]` | the directions d₁, d₂ |
//! | `model.json` | JSON | layer sizes, activation, loss (below) |
//! | `bn_running.npy` | float64 `[R]` | BatchNorm networks only: each BN layer's running mean, then its running variance |
//!
//! `model.json` is `{"sizes": [2, 32, 32, 1], "activation": "tanh", "loss": "bce_with_logits"}`
//! (activations: tanh, relu, gelu, sigmoid; losses: bce_with_logits, cross_entropy, mse).
//! `nn.Linear` order: for each layer its weight `[out, in]` row-major, then its bias `[out]`.
//! Grid cell `(i, j)` is the loss at θ₀ + x\[j\]·d₁ + y\[i\]·d₂. The activation follows every
//! layer but the last; the loss (BCE with logits for 0/1 targets, cross-entropy for class
//! indices, MSE for values) is the mean over samples (`"reduction": "mean"`, the only one
//! accepted). Writing it from PyTorch:
//!
//! ```text
//! import json, numpy as np, torch
//! net = torch.nn.Sequential(torch.nn.Linear(2, 32), torch.nn.Tanh(),
//!                           torch.nn.Linear(32, 32), torch.nn.Tanh(), torch.nn.Linear(32, 1))
//! # ... train net on X (float32 [n, 2]) and y (0/1) ...
//! theta = torch.cat([p.detach().flatten() for p in net.parameters()]).double().numpy()
//! d1 = np.random.randn(theta.size); d2 = np.random.randn(theta.size)
//! np.save("m/X_train.npy", X.astype(np.float32)); np.save("m/y_train.npy", y.astype(np.float32))
//! np.save("m/theta.npy", theta); np.save("m/d1.npy", d1); np.save("m/d2.npy", d2)
//! json.dump({"sizes": [2, 32, 32, 1], "activation": "tanh", "loss": "bce_with_logits"},
//!           open("m/model.json", "w"))
//! # then: basin landscape --model m --out L --resolution 101 --range -1,1
//! ```
//!
//! BatchNorm: `"batchnorm": true` in `model.json` means a `BatchNorm1d` after every hidden
//! `Linear`, before the activation; `theta.npy` then follows
//! `nn.Sequential(Linear, BatchNorm1d, act, …, Linear).parameters()` (per hidden layer `W`,
//! `b`, `γ`, `β`; then the last `W`, `b`) and `bn_running.npy` is required. Landscapes and
//! sharpness are measured in eval mode, with those running statistics. From PyTorch:
//!
//! ```text
//! net = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.BatchNorm1d(64), torch.nn.ReLU(),
//!                           torch.nn.Linear(64, 10))
//! theta = torch.cat([p.detach().flatten() for p in net.parameters()]).double().numpy()
//! bns = [m for m in net if isinstance(m, torch.nn.BatchNorm1d)]
//! running = np.concatenate([np.concatenate([m.running_mean.double().numpy(),
//!                                           m.running_var.double().numpy()]) for m in bns])
//! np.save("m/bn_running.npy", running)
//! json.dump({"sizes": [64, 64, 10], "activation": "relu", "loss": "cross_entropy",
//!            "batchnorm": True}, open("m/model.json", "w"))
//! ```

use std::fs;
use std::path::{Path, PathBuf};

use ndarray::{Array1, Array2};
use ndarray_npy::ReadNpyExt;
use serde::{Deserialize, Serialize};

use super::{ExportError, Staged, npy_writer};
use crate::core::landscape::Grid;
use crate::core::network::activation::Activation;
use crate::core::network::architecture::{Architecture, Loss};
use crate::core::network::data::Split;
use crate::core::network::mlp::Mlp;
use crate::core::network::plane::Plane;

/// The files of `inputs/`, in the order they are written.
pub const INPUT_FILES: [&str; 6] = [
    "X_train.npy",
    "y_train.npy",
    "theta.npy",
    "d1.npy",
    "d2.npy",
    "model.json",
];

/// `model.json`: what the flat parameters mean.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelJson {
    /// Layer sizes, inputs first, outputs last (`[2, 32, 32, 1]`).
    pub sizes: Vec<usize>,
    /// Hidden activation: `tanh`, `relu`, `gelu` or `sigmoid`.
    pub activation: String,
    /// `bce_with_logits`, `cross_entropy` or `mse`.
    pub loss: String,
    /// How the per-sample losses are combined: only `"mean"` (torch's default) is accepted;
    /// absent means `"mean"`.
    #[serde(default = "mean")]
    pub reduction: String,
    /// How `theta.npy` is laid out (informative; ignored when read).
    #[serde(default)]
    pub param_order: String,
    /// A `BatchNorm1d` after every hidden layer (then `bn_running.npy` is required); absent
    /// means false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub batchnorm: bool,
}

fn mean() -> String {
    "mean".to_string()
}

/// The running statistics of a BatchNorm network's folder (float64: each BN layer's running
/// mean, then its running variance).
pub const RUNNING_FILE: &str = "bn_running.npy";

/// Everything needed to evaluate a network landscape: the network and its training data, the
/// point θ₀ and the two directions.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelInputs {
    /// The architecture (sizes, activation, loss).
    pub arch: Architecture,
    /// Training inputs `[n, inputs]`.
    pub x_train: Array2<f32>,
    /// Training targets `[n]` (class indices as floats, or values).
    pub y_train: Array1<f32>,
    /// θ₀, d₁, d₂: the plane.
    pub plane: Plane,
    /// BatchNorm's running statistics at θ₀ (empty without BatchNorm).
    pub running: Vec<f64>,
}

impl ModelInputs {
    /// The network on the training set (no test set).
    ///
    /// # Errors
    /// The data do not fit the architecture.
    pub fn mlp(&self) -> Result<Mlp, crate::core::network::mlp::MlpError> {
        let train = Split {
            x: self.x_train.clone(),
            y: self.y_train.clone(),
        };
        Mlp::new(self.arch.clone(), train, Split::empty(self.arch.inputs()))?
            .with_running(&self.running)
    }
}

/// Writes a network landscape into `dir`: `grid.npy` `[ny, nx]` (row `i` ↔ `y[i]`), `x.npy`,
/// `y.npy`, `meta.json` (the given JSON), and with `inputs` the folder `dir/inputs/`. The
/// files appear together or not at all.
///
/// # Errors
/// [`ExportError`] naming the file that failed.
pub fn write_network_landscape(
    dir: &Path,
    meta: &serde_json::Value,
    grid: &Grid,
    inputs: Option<&ModelInputs>,
) -> Result<(), ExportError> {
    let created = !dir.exists();
    let result = write_files(dir, meta, grid, inputs);
    if result.is_err() && created {
        fs::remove_dir(dir.join("inputs")).ok();
        fs::remove_dir(dir).ok();
    }
    result
}

fn create_dir(dir: &Path) -> Result<(), ExportError> {
    fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.to_path_buf(),
        source,
    })
}

fn json_writer<'a, T: Serialize>(
    dest: &'a Path,
    value: &'a T,
) -> impl FnOnce(&mut super::Sink) -> Result<(), ExportError> + 'a {
    move |out| {
        serde_json::to_writer_pretty(&mut *out, value).map_err(|e| ExportError::Encode {
            path: dest.to_path_buf(),
            message: e.to_string(),
        })?;
        std::io::Write::write_all(out, b"\n").map_err(|source| ExportError::Io {
            path: dest.to_path_buf(),
            source,
        })
    }
}

fn write_files(
    dir: &Path,
    meta: &serde_json::Value,
    grid: &Grid,
    inputs: Option<&ModelInputs>,
) -> Result<(), ExportError> {
    create_dir(dir)?;
    let [grid_path, x_path, y_path, meta_path] = super::LANDSCAPE_FILES.map(|f| dir.join(f));
    let xs = Array1::from(grid.spec.xs());
    let ys = Array1::from(grid.spec.ys());
    let mut staged = vec![
        Staged::write(&grid_path, npy_writer(&grid_path, &grid.values))?,
        Staged::write(&x_path, npy_writer(&x_path, &xs))?,
        Staged::write(&y_path, npy_writer(&y_path, &ys))?,
        Staged::write(&meta_path, json_writer(&meta_path, meta))?,
    ];
    if let Some(inputs) = inputs {
        let sub = dir.join("inputs");
        create_dir(&sub)?;
        let [xp, yp, tp, d1p, d2p, mp] = INPUT_FILES.map(|f| sub.join(f));
        let theta = Array1::from(inputs.plane.origin().to_vec());
        let d1 = Array1::from(inputs.plane.d1().to_vec());
        let d2 = Array1::from(inputs.plane.d2().to_vec());
        let batchnorm = inputs.arch.batchnorm();
        let param_order = if batchnorm {
            "torch nn.Sequential(Linear, BatchNorm1d, act, ..., Linear).parameters(): per hidden \
             layer weight [out, in] row-major, bias [out], BN weight (gamma) [out], BN bias \
             (beta) [out]; then the last weight and bias; running statistics in bn_running.npy"
        } else {
            "torch nn.Linear: per layer, weight [out, in] row-major, then bias [out]; forward \
             x @ W.T + b; activation after every layer but the last"
        };
        let model = ModelJson {
            sizes: inputs.arch.sizes().to_vec(),
            activation: inputs.arch.activation().name().to_string(),
            loss: inputs.arch.loss().name().to_string(),
            reduction: mean(),
            param_order: param_order.to_string(),
            batchnorm,
        };
        staged.push(Staged::write(&xp, npy_writer(&xp, &inputs.x_train))?);
        // Class indices as int64, what `nn.CrossEntropyLoss` takes; other targets as float32.
        #[allow(clippy::cast_possible_truncation)]
        let classes =
            (inputs.arch.loss() == Loss::CrossEntropy).then(|| inputs.y_train.mapv(|v| v as i64));
        staged.push(match &classes {
            Some(classes) => Staged::write(&yp, npy_writer(&yp, classes))?,
            None => Staged::write(&yp, npy_writer(&yp, &inputs.y_train))?,
        });
        staged.push(Staged::write(&tp, npy_writer(&tp, &theta))?);
        staged.push(Staged::write(&d1p, npy_writer(&d1p, &d1))?);
        staged.push(Staged::write(&d2p, npy_writer(&d2p, &d2))?);
        staged.push(Staged::write(&mp, json_writer(&mp, &model))?);
        if batchnorm {
            let rp = sub.join(RUNNING_FILE);
            let running = Array1::from(inputs.running.clone());
            staged.push(Staged::write(&rp, npy_writer(&rp, &running))?);
        }
    }
    super::commit_all(staged)
}

/// Why a model folder could not be read. Every message names the file and what was expected.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// A file is missing or unreadable.
    #[error("cannot read {}: {message}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A file has the wrong shape, dtype or content.
    #[error("{}: {message}", path.display())]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What was expected.
        message: String,
    },
}

fn open(path: &Path) -> Result<fs::File, ModelError> {
    fs::File::open(path).map_err(|e| ModelError::Read {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

fn invalid(path: &Path, message: String) -> ModelError {
    ModelError::Invalid {
        path: path.to_path_buf(),
        message,
    }
}

/// Reads a 1-D f64 array of length `len`.
fn read_vector(path: &Path, what: &str, len: usize) -> Result<Vec<f64>, ModelError> {
    let expected = format!("expected {what}: a float64 array of shape [{len}]");
    let array = Array1::<f64>::read_npy(open(path)?)
        .map_err(|e| invalid(path, format!("{expected} ({e})")))?;
    if array.len() != len {
        return Err(invalid(
            path,
            format!("{expected}, got shape [{}]", array.len()),
        ));
    }
    if array.iter().any(|v| !v.is_finite()) {
        return Err(invalid(
            path,
            format!("{expected}; it holds NaN or infinity"),
        ));
    }
    Ok(array.to_vec())
}

/// Reads the layout of [`INPUT_FILES`] from `dir` (the `inputs/` folder written by
/// `basin landscape --inputs`, or one written by hand) and checks it. A landscape folder
/// whose `inputs/` holds the files is accepted too.
///
/// # Errors
/// A [`ModelError`] naming the file and the expected shape and dtype.
pub fn read_model_dir(dir: &Path) -> Result<ModelInputs, ModelError> {
    let point = read_model_point(dir)?;
    let dir = model_folder(dir);
    let [_, _, _, d1p, d2p, _] = INPUT_FILES.map(|f| dir.join(f));
    let dim = point.arch.dim();
    let d1 = read_vector(&d1p, "the first direction", dim)?;
    let d2 = read_vector(&d2p, "the second direction", dim)?;
    let plane = Plane::new(point.theta, d1, d2).map_err(|e| invalid(&d1p, e.to_string()))?;
    Ok(ModelInputs {
        arch: point.arch,
        x_train: point.x_train,
        y_train: point.y_train,
        plane,
        running: point.running,
    })
}

/// `dir`, or `dir/inputs` when only that holds `model.json` (a landscape folder).
fn model_folder(dir: &Path) -> PathBuf {
    let nested = dir.join("inputs");
    if !dir.join("model.json").exists() && nested.join("model.json").exists() {
        nested
    } else {
        dir.to_path_buf()
    }
}

/// A network, its training data and one point θ: what `basin sharpness --model DIR` reads
/// (the layout of [`INPUT_FILES`] without the directions).
#[derive(Clone, Debug, PartialEq)]
pub struct ModelPoint {
    /// The architecture (sizes, activation, loss).
    pub arch: Architecture,
    /// Training inputs `[n, inputs]`.
    pub x_train: Array2<f32>,
    /// Training targets `[n]`.
    pub y_train: Array1<f32>,
    /// θ from `theta.npy`.
    pub theta: Vec<f64>,
    /// The test set of [`TEST_FILES`], if the folder has one.
    pub test: Option<(Array2<f32>, Array1<f32>)>,
    /// BatchNorm's running statistics from [`RUNNING_FILE`] (empty without BatchNorm).
    pub running: Vec<f64>,
}

impl ModelPoint {
    /// The network on the training set and the test set (empty without one).
    ///
    /// # Errors
    /// The data do not fit the architecture.
    pub fn mlp(&self) -> Result<Mlp, crate::core::network::mlp::MlpError> {
        let train = Split {
            x: self.x_train.clone(),
            y: self.y_train.clone(),
        };
        let test = match &self.test {
            Some((x, y)) => Split {
                x: x.clone(),
                y: y.clone(),
            },
            None => Split::empty(self.arch.inputs()),
        };
        Mlp::new(self.arch.clone(), train, test)?.with_running(&self.running)
    }
}

/// Reads `model.json`, `X_train.npy`, `y_train.npy` and `theta.npy` from `dir` (or from
/// `dir/inputs/`), and [`TEST_FILES`] if present, and checks them; `d1.npy` and `d2.npy`
/// are not needed.
///
/// # Errors
/// A [`ModelError`] naming the file and the expected shape and dtype.
pub fn read_model_point(dir: &Path) -> Result<ModelPoint, ModelError> {
    let dir = model_folder(dir);
    let [xp, yp, tp, _, _, mp] = INPUT_FILES.map(|f| dir.join(f));
    let text = fs::read_to_string(&mp).map_err(|e| ModelError::Read {
        path: mp.clone(),
        message: e.to_string(),
    })?;
    let model: ModelJson = serde_json::from_str(&text).map_err(|e| {
        invalid(
            &mp,
            format!(
                "expected {{\"sizes\": [2, 32, 32, 1], \"activation\": \"tanh\", \"loss\": \
                 \"bce_with_logits\"}} ({e})"
            ),
        )
    })?;
    let activation = Activation::from_name(&model.activation).ok_or_else(|| {
        invalid(
            &mp,
            format!(
                "unknown activation \"{}\"; one of tanh, relu, gelu, sigmoid",
                model.activation
            ),
        )
    })?;
    let loss = Loss::from_name(&model.loss).ok_or_else(|| {
        invalid(
            &mp,
            format!(
                "unknown loss \"{}\"; one of bce_with_logits, cross_entropy, mse",
                model.loss
            ),
        )
    })?;
    if model.reduction != "mean" {
        return Err(invalid(
            &mp,
            format!(
                "reduction \"{}\" is not supported; the loss is the mean over samples \
                 (\"mean\")",
                model.reduction
            ),
        ));
    }
    let arch = Architecture::new(model.sizes.clone(), activation, loss)
        .map_err(|e| invalid(&mp, e.to_string()))?
        .with_batchnorm(model.batchnorm);
    let inputs = arch.inputs();
    let rp = dir.join(RUNNING_FILE);
    let running = if model.batchnorm {
        if !rp.exists() {
            return Err(invalid(
                &rp,
                "is missing; model.json has \"batchnorm\": true, which needs each BatchNorm \
                 layer's running mean then running variance (float64)"
                    .into(),
            ));
        }
        let running = read_vector(
            &rp,
            "each BatchNorm layer's running mean then running variance",
            arch.running_len(),
        )?;
        arch.check_running(&running)
            .map_err(|e| invalid(&rp, e.to_string()))?;
        running
    } else {
        Vec::new()
    };

    let (x_train, y_train) = read_split(&xp, &yp, inputs)?;
    let dim = arch.dim();
    let theta = read_vector(
        &tp,
        &format!("the parameters of a {:?} network", model.sizes),
        dim,
    )?;
    let (xtp, ytp) = (dir.join(TEST_FILES[0]), dir.join(TEST_FILES[1]));
    let test = match (xtp.exists(), ytp.exists()) {
        (false, false) => None,
        (true, false) => {
            return Err(invalid(
                &ytp,
                "is missing; X_test.npy is there, and a test set needs both".into(),
            ));
        }
        (false, true) => {
            return Err(invalid(
                &xtp,
                "is missing; y_test.npy is there, and a test set needs both".into(),
            ));
        }
        (true, true) => Some(read_split(&xtp, &ytp, inputs)?),
    };
    let mut result = ModelPoint {
        arch,
        x_train,
        y_train,
        theta,
        test: None,
        running,
    };
    // The targets must suit the loss (class indices in range, binary labels in [0, 1]).
    result.mlp().map_err(|e| invalid(&yp, e.to_string()))?;
    result.test = test;
    result.mlp().map_err(|e| invalid(&ytp, e.to_string()))?;
    Ok(result)
}

/// The optional test set of a model folder: `X_test.npy`, `y_test.npy` (both or neither;
/// same dtypes and shapes as the training files). `basin sharpness --model` reports its
/// `test_loss` on them.
pub const TEST_FILES: [&str; 2] = ["X_test.npy", "y_test.npy"];

/// Reads a target vector saved as float32, float64, int64 or int32 (PyTorch keeps class
/// indices as int64), as float32: class indices and 0/1 labels are exact.
fn read_targets(path: &Path) -> Result<Array1<f32>, ModelError> {
    let bytes = fs::read(path).map_err(|e| ModelError::Read {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let as_f32 = match Array1::<f32>::read_npy(bytes.as_slice()) {
        Ok(y) => return Ok(y),
        Err(e) => e,
    };
    #[allow(clippy::cast_precision_loss)]
    if let Ok(y) = Array1::<i64>::read_npy(bytes.as_slice()) {
        return Ok(y.mapv(|v| v as f32));
    }
    #[allow(clippy::cast_precision_loss)]
    if let Ok(y) = Array1::<i32>::read_npy(bytes.as_slice()) {
        return Ok(y.mapv(|v| v as f32));
    }
    #[allow(clippy::cast_possible_truncation)]
    if let Ok(y) = Array1::<f64>::read_npy(bytes.as_slice()) {
        return Ok(y.mapv(|v| v as f32));
    }
    Err(invalid(
        path,
        format!("expected a float32, float64, int64 or int32 vector ({as_f32})"),
    ))
}

/// Reads inputs `[n, inputs]` from `xp` and targets `[n]` from `yp` (float32, float64, int64
/// or int32; finite; n ≥ 1).
fn read_split(
    xp: &Path,
    yp: &Path,
    inputs: usize,
) -> Result<(Array2<f32>, Array1<f32>), ModelError> {
    let x_name = xp
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    let x = Array2::<f32>::read_npy(open(xp)?).map_err(|e| {
        invalid(
            xp,
            format!("expected a float32 array of shape [n, {inputs}] ({e})"),
        )
    })?;
    let n = x.nrows();
    if x.ncols() != inputs || n == 0 {
        return Err(invalid(
            xp,
            format!(
                "expected a float32 array of shape [n, {inputs}] with n ≥ 1 (model.json has \
                 {inputs} inputs), got [{n}, {}]",
                x.ncols()
            ),
        ));
    }
    if x.iter().any(|v| !v.is_finite()) {
        return Err(invalid(xp, "holds NaN or infinity".to_string()));
    }
    let y = read_targets(yp)?;
    if y.len() != n {
        return Err(invalid(
            yp,
            format!(
                "expected an array of shape [{n}] (one target per row of {x_name}), got [{}]",
                y.len()
            ),
        ));
    }
    if y.iter().any(|v| !v.is_finite()) {
        return Err(invalid(yp, "holds NaN or infinity".to_string()));
    }
    Ok((x, y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray_npy::write_npy;

    #[test]
    fn targets_are_read_from_pytorch_dtypes_as_float32() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("y.npy");
        let labels = [0_i64, 3, 9, 1];
        write_npy(&p, &Array1::from(labels.to_vec())).expect("i64");
        assert_eq!(
            read_targets(&p).expect("i64").to_vec(),
            [0.0, 3.0, 9.0, 1.0]
        );
        write_npy(&p, &Array1::from(vec![2_i32, 7])).expect("i32");
        assert_eq!(read_targets(&p).expect("i32").to_vec(), [2.0, 7.0]);
        write_npy(&p, &Array1::from(vec![0.5_f64, -1.25])).expect("f64");
        assert_eq!(read_targets(&p).expect("f64").to_vec(), [0.5, -1.25]);
        write_npy(&p, &Array1::from(vec![1.5_f32])).expect("f32");
        assert_eq!(read_targets(&p).expect("f32").to_vec(), [1.5]);
        write_npy(&p, &Array1::from(vec![1_u8, 2])).expect("u8");
        let err = read_targets(&p)
            .expect_err("u8 is not a target dtype")
            .to_string();
        assert!(err.contains("y.npy") && err.contains("int64"), "{err}");
    }
}
