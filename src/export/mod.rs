//! Data files from core results: the trajectory CSV, the bias–variance CSV, the sweep CSV, the
//! landscape grid as NPY with its axes and a JSON description (ARCHITECTURE.md, "CLI and file
//! contracts"), PNG images (the GUI's screenshot), and for networks the `inputs/` folder that
//! recomputes a landscape elsewhere with its reader for `basin landscape --model` (`model`). Files
//! are written to a temporary name in the same folder and renamed, so a failed export leaves
//! nothing behind and a reader never sees half a file.
//!
//! Headless: nothing here knows about egui or threads; callers hand in finished results.

use std::fs;
#[cfg(not(target_arch = "wasm32"))]
use std::fs::{File, OpenOptions};
#[cfg(not(target_arch = "wasm32"))]
use std::io::BufWriter;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
#[cfg(not(target_arch = "wasm32"))]
use std::sync::atomic::{AtomicU64, Ordering};

use ndarray::Array1;
use serde::Serialize;

#[cfg(target_arch = "wasm32")]
mod download;
mod model;

// In the browser a file is written by downloading it (`download`); on the desktop, through a
// temporary file renamed into place.
#[cfg(target_arch = "wasm32")]
use download::Staged;

/// What an export's writer writes into: a buffered file, or in the browser a buffer that
/// becomes a download.
#[cfg(not(target_arch = "wasm32"))]
type Sink = BufWriter<File>;
#[cfg(target_arch = "wasm32")]
type Sink = Vec<u8>;

pub use model::{
    INPUT_FILES, ModelError, ModelInputs, ModelJson, ModelPoint, TEST_FILES, read_model_dir,
    read_model_point, write_network_landscape,
};

use crate::core::biasvar::Decomposition;
use crate::core::landscape::Grid;
use crate::core::network::plane::NetworkPlane;
use crate::core::train::Trajectory;
use crate::preset::{NetworkExperiment, SurfaceExperiment};
use crate::render::biasvar::Curve;

/// The columns of the trajectory CSV: the contract's seven, then the extras.
pub const TRAJECTORY_COLUMNS: [&str; 9] = [
    "run",
    "optimizer",
    "step",
    "loss",
    "test_loss",
    "x",
    "y",
    "batch_size",
    "label",
];

/// The files `write_landscape` creates in its folder.
pub const LANDSCAPE_FILES: [&str; 4] = ["grid.npy", "x.npy", "y.npy", "meta.json"];

/// Why an export failed. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Creating, writing or renaming a file failed.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file (or folder) being written.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// Encoding the content failed (NPY, JSON, PNG).
    #[error("cannot encode {}: {message}", path.display())]
    Encode {
        /// The file being written.
        path: PathBuf,
        /// What the encoder said.
        message: String,
    },
    /// The pixel buffer does not hold `width × height` RGBA pixels.
    #[error(
        "cannot write {}: {len} bytes is not a {width}×{height} RGBA image ({} bytes)",
        path.display(),
        u64::from(*width) * u64::from(*height) * 4
    )]
    ImageSize {
        /// The file being written.
        path: PathBuf,
        /// Image width in pixels.
        width: u32,
        /// Image height in pixels.
        height: u32,
        /// Bytes given.
        len: usize,
    },
}

/// A file being written under a temporary name next to its destination; [`Staged::commit`]
/// renames it into place, dropping it uncommitted removes it.
#[cfg(not(target_arch = "wasm32"))]
struct Staged {
    temp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

/// Distinguishes temporary names of concurrent exports in one process.
#[cfg(not(target_arch = "wasm32"))]
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

#[cfg(not(target_arch = "wasm32"))]
impl Staged {
    /// Creates the temporary file for `dest` and lets `write` fill it.
    fn write(
        dest: &Path,
        write: impl FnOnce(&mut Sink) -> Result<(), ExportError>,
    ) -> Result<Self, ExportError> {
        let io_err = |source| ExportError::Io {
            path: dest.to_path_buf(),
            source,
        };
        let file_name = dest.file_name().ok_or_else(|| {
            io_err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a file name",
            ))
        })?;
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = parent.join(format!(
            ".{}.{}-{n}.tmp",
            file_name.to_string_lossy(),
            std::process::id()
        ));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(io_err)?;
        // From here on, dropping `staged` removes the temporary file.
        let staged = Self {
            temp,
            dest: dest.to_path_buf(),
            committed: false,
        };
        let mut out = BufWriter::new(file);
        write(&mut out)?;
        out.flush().map_err(io_err)?;
        out.get_ref().sync_all().map_err(io_err)?;
        Ok(staged)
    }

    /// Renames the file into place.
    fn commit(mut self) -> Result<(), ExportError> {
        fs::rename(&self.temp, &self.dest).map_err(|source| ExportError::Io {
            path: self.dest.clone(),
            source,
        })?;
        self.committed = true;
        Ok(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: the temporary file may already be gone.
            fs::remove_file(&self.temp).ok();
        }
    }
}

/// Quotes a CSV field (RFC 4180): in double quotes, inner quotes doubled.
fn csv_quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Writes the trajectory CSV of the CLI contract: `run,optimizer,step,loss,test_loss,x,y`,
/// then `batch_size,label`. One row per recorded point; step 0 is the start; `loss` is the
/// full-batch training loss; a diverged run's rows stop at its last finite point. `run` is
/// the run's index, `optimizer` its torch.optim name, `batch_size` the batch actually used,
/// `label` the legend text (always quoted). Numbers are written in full precision.
///
/// # Errors
/// [`ExportError`] naming `path`; nothing is left behind on error.
pub fn write_trajectories_csv(
    path: &Path,
    experiment: &SurfaceExperiment,
    trajectories: &[Trajectory],
) -> Result<(), ExportError> {
    let n_train = experiment.problem.samples;
    let io_err = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let staged = Staged::write(path, |out| {
        writeln!(out, "{}", TRAJECTORY_COLUMNS.join(",")).map_err(io_err)?;
        for (i, (run, traj)) in experiment.runs.iter().zip(trajectories).enumerate() {
            let optimizer = run.optimizer.kind.name();
            let batch = run.effective_batch(n_train);
            let label = csv_quoted(&run.legend(n_train));
            for step in 0..traj.len() {
                let p = traj.point(step);
                let x = p.first().copied().unwrap_or(f64::NAN);
                let y = p.get(1).copied().unwrap_or(f64::NAN);
                writeln!(
                    out,
                    "{i},{optimizer},{step},{},{},{x},{y},{batch},{label}",
                    traj.train_loss[step], traj.test_loss[step]
                )
                .map_err(io_err)?;
            }
        }
        Ok(())
    })?;
    staged.commit()
}

/// The extra columns of a network trajectory CSV, after [`TRAJECTORY_COLUMNS`]: how far each
/// point is from the plane, and the training loss at its projection (the surface value drawn
/// under it).
pub const NETWORK_TRAJECTORY_EXTRA_COLUMNS: [&str; 2] = ["distance_from_plane", "plane_loss"];

/// Writes the trajectory CSV of a network experiment: the columns of
/// [`TRAJECTORY_COLUMNS`] with `x, y` the plane coordinates, then
/// [`NETWORK_TRAJECTORY_EXTRA_COLUMNS`] (NaN where a value is missing). Otherwise as
/// [`write_trajectories_csv`]. A trajectory that kept the weights of every k-th step only
/// (the window's record budget, [`crate::core::train::Keep`]) has its losses on every row
/// and `x, y, distance_from_plane, plane_loss` on the rows of the kept steps, NaN on the
/// others; the command line keeps every step.
///
/// # Errors
/// [`ExportError`] naming `path`; nothing is left behind on error.
pub fn write_network_trajectories_csv(
    path: &Path,
    experiment: &NetworkExperiment,
    trajectories: &[Trajectory],
    plane: &NetworkPlane,
) -> Result<(), ExportError> {
    let n_train = experiment.dataset.n_train;
    let io_err = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let staged = Staged::write(path, |out| {
        writeln!(
            out,
            "{},{}",
            TRAJECTORY_COLUMNS.join(","),
            NETWORK_TRAJECTORY_EXTRA_COLUMNS.join(",")
        )
        .map_err(io_err)?;
        for (i, (run, traj)) in experiment.runs.iter().zip(trajectories).enumerate() {
            let optimizer = run.optimizer.kind.name();
            let batch = run.effective_batch(n_train);
            let label = csv_quoted(&run.legend(n_train));
            let run_coords = plane.coords.get(i).map_or(&[][..], Vec::as_slice);
            let distances = plane.distances.get(i).map_or(&[][..], Vec::as_slice);
            let plane_losses = plane.plane_losses.get(i).map_or(&[][..], Vec::as_slice);
            for step in 0..traj.len() {
                let kept = |value: Option<f64>| value.filter(|_| traj.is_stored(step));
                let [x, y] = run_coords
                    .get(step)
                    .filter(|_| traj.is_stored(step))
                    .copied()
                    .unwrap_or([f64::NAN; 2]);
                let distance = kept(distances.get(step).copied()).unwrap_or(f64::NAN);
                let plane_loss = kept(plane_losses.get(step).copied()).unwrap_or(f64::NAN);
                writeln!(
                    out,
                    "{i},{optimizer},{step},{},{},{x},{y},{batch},{label},{distance},{plane_loss}",
                    traj.train_loss[step], traj.test_loss[step]
                )
                .map_err(io_err)?;
            }
        }
        Ok(())
    })?;
    staged.commit()
}

/// Writes the bias–variance CSV of the CLI contract: `complexity`, then one column per
/// [`Curve`] (`bias2,variance,noise,expected_test_mse,train_mse,cv_mse,bagged_mse`), then the
/// standard error of each curve that has one (`bias2_se,variance_se,expected_test_mse_se,
/// cv_mse_se`; NaN with fewer than 3 fits or 2 folds), one row per complexity in increasing
/// order of the plot's x-axis. `complexity` is the family's axis value: the degree, width,
/// depth, rounds or features p, and 1/k for k-NN. `bias2` is the unbiased estimate (it may be
/// slightly below 0). Numbers are written in full precision.
///
/// # Errors
/// [`ExportError`] naming `path`; nothing is left behind on error.
pub fn write_biasvar_csv(path: &Path, sweep: &[Decomposition]) -> Result<(), ExportError> {
    let io_err = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut rows: Vec<&Decomposition> = sweep.iter().collect();
    rows.sort_by(|a, b| a.axis_value.total_cmp(&b.axis_value));
    let staged = Staged::write(path, |out| {
        let with_se: Vec<Curve> = Curve::ALL
            .into_iter()
            .filter(|c| sweep.first().is_none_or(|d| c.se(d).is_some()))
            .collect();
        let se_columns: Vec<String> = with_se
            .iter()
            .map(|c| format!("{}_se", c.column()))
            .collect();
        let header: Vec<&str> = std::iter::once("complexity")
            .chain(Curve::ALL.iter().map(|c| c.column()))
            .chain(se_columns.iter().map(String::as_str))
            .collect();
        writeln!(out, "{}", header.join(",")).map_err(io_err)?;
        for d in rows {
            write!(out, "{}", d.axis_value).map_err(io_err)?;
            for curve in Curve::ALL {
                write!(out, ",{}", curve.value(d)).map_err(io_err)?;
            }
            for curve in &with_se {
                write!(out, ",{}", curve.se(d).unwrap_or(f64::NAN)).map_err(io_err)?;
            }
            writeln!(out).map_err(io_err)?;
        }
        Ok(())
    })?;
    staged.commit()
}

/// The columns of the bias–variance CSV on a person's own data (the truth unknown), in order.
pub const BIASVAR_DATA_COLUMNS: [&str; 9] = [
    "complexity",
    "test_mse",
    "test_mse_se",
    "variance",
    "variance_se",
    "bias2_plus_noise",
    "bias2_plus_noise_se",
    "train_mse",
    "fallback_fits",
];

/// Writes the bias–variance CSV of a person's own data: the columns [`BIASVAR_DATA_COLUMNS`],
/// one row per complexity in increasing order of the plot's x-axis (`complexity` as in
/// [`write_biasvar_csv`]). `test_mse` is the held-out error of the bootstrap fits,
/// `variance` their spread across resamples, `bias2_plus_noise` the held-out error of their
/// mean (the two cannot be separated without the truth); each `_se` is the standard error over
/// the held-out points. Numbers are written in full precision.
///
/// # Errors
/// [`ExportError`] naming `path`; nothing is left behind on error.
pub fn write_biasvar_data_csv(
    path: &Path,
    estimates: &[crate::core::biasvar::observed::Estimate],
) -> Result<(), ExportError> {
    let io_err = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut rows: Vec<_> = estimates.iter().collect();
    rows.sort_by(|a, b| a.axis_value.total_cmp(&b.axis_value));
    let staged = Staged::write(path, |out| {
        writeln!(out, "{}", BIASVAR_DATA_COLUMNS.join(",")).map_err(io_err)?;
        for e in rows {
            writeln!(
                out,
                "{},{},{},{},{},{},{},{},{}",
                e.axis_value,
                e.test_mse.value,
                e.test_mse.se,
                e.variance.value,
                e.variance.se,
                e.bias2_noise.value,
                e.bias2_noise.se,
                e.train_mse,
                e.fallback_fits
            )
            .map_err(io_err)?;
        }
        Ok(())
    })?;
    staged.commit()
}

/// The columns of the sweep CSV (the CLI contract), in order.
pub const SWEEP_COLUMNS: [&str; 11] = [
    "batch_size",
    "lr",
    "bn_batch_size",
    "seed",
    "train_loss",
    "test_loss",
    "train_acc",
    "test_acc",
    "lambda_max",
    "eps_sharpness",
    "diverged",
];

/// A number of the sweep CSV: Rust's shortest round-trip text, `NaN` when not finite
/// (a diverged cell), empty when absent (no accuracy without classes).
fn sweep_number(value: Option<f64>) -> String {
    match value {
        None => String::new(),
        Some(v) if v.is_finite() => v.to_string(),
        Some(_) => "NaN".to_string(),
    }
}

/// Writes the sweep CSV of the CLI contract: the columns [`SWEEP_COLUMNS`], one row per cell
/// in the given order (the batch size used, so a listed 0 is written as N; lr as listed,
/// read by the sweep's lr rule; `bn_batch_size` the examples BatchNorm's training statistics
/// were taken over, min(G, B), empty without BatchNorm). Diverged cells are rows with
/// `diverged = true` and NaN numbers.
///
/// # Errors
/// [`ExportError`] naming the file.
pub fn write_sweep_csv(
    path: &Path,
    results: &[crate::core::sweep::CellResult],
) -> Result<(), ExportError> {
    let io_err = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let staged = Staged::write(path, |out| {
        writeln!(out, "{}", SWEEP_COLUMNS.join(",")).map_err(io_err)?;
        for r in results {
            writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{},{}",
                r.cell.batch,
                r.cell.lr,
                r.bn_batch.map(|g| g.to_string()).unwrap_or_default(),
                r.cell.seed,
                sweep_number(Some(r.train_loss)),
                sweep_number(Some(r.test_loss)),
                sweep_number(r.train_acc),
                sweep_number(r.test_acc),
                sweep_number(Some(r.lambda_max)),
                sweep_number(Some(r.eps_sharpness)),
                r.diverged
            )
            .map_err(io_err)?;
        }
        Ok(())
    })?;
    staged.commit()
}

/// meta.json of a landscape export.
#[derive(Serialize)]
struct LandscapeMeta<'a> {
    preset: &'a str,
    seed: u64,
    surface: &'a str,
    formula: &'a str,
    condition: Option<f64>,
    layer: &'a str,
    samples: usize,
    noise: f64,
    test_samples: usize,
    x_range: [f64; 2],
    y_range: [f64; 2],
    nx: usize,
    ny: usize,
    resolution: usize,
    orientation: &'static str,
    finite_min: Option<f64>,
    finite_max: Option<f64>,
}

fn npy_writer<'a>(
    dest: &'a Path,
    array: &'a impl ndarray_npy::WriteNpyExt,
) -> impl FnOnce(&mut Sink) -> Result<(), ExportError> + 'a {
    move |out| {
        array.write_npy(out).map_err(|e| ExportError::Encode {
            path: dest.to_path_buf(),
            message: e.to_string(),
        })
    }
}

/// Writes `dir/grid.npy` (`[ny, nx]` f64: row `i` ↔ `y[i]`, column `j` ↔ `x[j]`), `dir/x.npy`,
/// `dir/y.npy` and `dir/meta.json` (preset, seed, surface, layer, samples, noise, ranges,
/// resolution and the orientation). The folder is created if missing; the files appear
/// together or not at all (a folder created here is removed again on error).
///
/// # Errors
/// [`ExportError`] naming the file that failed.
pub fn write_landscape(
    dir: &Path,
    experiment: &SurfaceExperiment,
    grid: &Grid,
) -> Result<(), ExportError> {
    let created = !dir.exists();
    let result = write_landscape_files(dir, experiment, grid);
    if result.is_err() && created {
        // Only the folder we made, and only if our cleanup left it empty.
        fs::remove_dir(dir).ok();
    }
    result
}

fn write_landscape_files(
    dir: &Path,
    e: &SurfaceExperiment,
    grid: &Grid,
) -> Result<(), ExportError> {
    fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let [grid_path, x_path, y_path, meta_path] = LANDSCAPE_FILES.map(|f| dir.join(f));
    let xs = Array1::from(grid.spec.xs());
    let ys = Array1::from(grid.spec.ys());
    let surface = &e.problem.surface;
    let (finite_min, finite_max) = grid.finite_range().unzip();
    let meta = LandscapeMeta {
        preset: &e.name,
        seed: e.seed,
        surface: surface.kind.name(),
        formula: surface.formula_text(),
        condition: (surface.kind == crate::core::surface::SurfaceKind::Quadratic)
            .then_some(surface.condition),
        layer: grid.layer.name(),
        samples: e.problem.samples,
        noise: e.problem.noise,
        test_samples: e.problem.test_samples,
        x_range: grid.spec.x,
        y_range: grid.spec.y,
        nx: grid.spec.nx,
        ny: grid.spec.ny,
        resolution: e.view.resolution,
        orientation: "grid[i, j] is the loss at (x[j], y[i]); shape [ny, nx]; row 0 is the \
                      lowest y",
        finite_min,
        finite_max,
    };
    let staged = [
        Staged::write(&grid_path, npy_writer(&grid_path, &grid.values))?,
        Staged::write(&x_path, npy_writer(&x_path, &xs))?,
        Staged::write(&y_path, npy_writer(&y_path, &ys))?,
        Staged::write(&meta_path, |out| {
            serde_json::to_writer_pretty(&mut *out, &meta).map_err(|e| ExportError::Encode {
                path: meta_path.clone(),
                message: e.to_string(),
            })?;
            writeln!(out).map_err(|source| ExportError::Io {
                path: meta_path.clone(),
                source,
            })
        })?,
    ];
    commit_all(staged)
}

/// Renames every staged file into place. Renames cannot all happen at once; if one fails, the
/// ones already made are taken back, so a folder never holds a grid with mismatched axes or
/// half of a model.
fn commit_all(staged: impl IntoIterator<Item = Staged>) -> Result<(), ExportError> {
    let mut committed: Vec<PathBuf> = Vec::new();
    for file in staged {
        let dest = file.dest.clone();
        if let Err(err) = file.commit() {
            for path in &committed {
                fs::remove_file(path).ok();
            }
            return Err(err);
        }
        committed.push(dest);
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically (temporary file, then rename): the figures of
/// [`crate::render`] (SVG text, GIF).
///
/// # Errors
/// [`ExportError::Io`] naming `path`; nothing is left behind on error.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let staged = Staged::write(path, |out| {
        out.write_all(bytes).map_err(|source| ExportError::Io {
            path: path.to_path_buf(),
            source,
        })
    })?;
    staged.commit()
}

/// Writes an RGBA8 image (`width × height`, rows top to bottom) as PNG.
///
/// # Errors
/// [`ExportError`] naming `path`; nothing is left behind on error.
pub fn write_png(path: &Path, width: u32, height: u32, rgba: &[u8]) -> Result<(), ExportError> {
    let bytes = png_bytes(path, width, height, rgba)?;
    write_bytes(path, &bytes)
}

/// An RGBA8 image (`width × height`, rows top to bottom) encoded as PNG, for `path` (named in
/// the errors).
///
/// # Errors
/// [`ExportError::ImageSize`] when `rgba` is not `width × height` pixels, or
/// [`ExportError::Encode`].
pub fn png_bytes(
    path: &Path,
    width: u32,
    height: u32,
    rgba: &[u8],
) -> Result<Vec<u8>, ExportError> {
    use image::ImageEncoder as _;

    let expected = u64::from(width) * u64::from(height) * 4;
    if rgba.len() as u64 != expected || expected == 0 {
        return Err(ExportError::ImageSize {
            path: path.to_path_buf(),
            width,
            height,
            len: rgba.len(),
        });
    }
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bytes)
        .write_image(rgba, width, height, image::ExtendedColorType::Rgba8)
        .map_err(|e| ExportError::Encode {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_quoted() {
        assert_eq!(csv_quoted("SGD μ=0.9"), "\"SGD μ=0.9\"");
        assert_eq!(csv_quoted("a \"b\", c"), "\"a \"\"b\"\", c\"");
    }

    #[test]
    fn png_rejects_a_wrong_buffer_and_leaves_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.png");
        let err = write_png(&path, 2, 2, &[0; 15]).expect_err("size");
        assert!(err.to_string().contains("x.png"));
        assert_eq!(fs::read_dir(dir.path()).expect("read").count(), 0);
    }

    #[test]
    fn png_round_trips() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.png");
        let pixels: Vec<u8> = (0..2 * 3 * 4).map(|i| (i * 10) as u8).collect();
        write_png(&path, 2, 3, &pixels).expect("png");
        let back = image::open(&path).expect("open").to_rgba8();
        assert_eq!((back.width(), back.height()), (2, 3));
        assert_eq!(back.into_raw(), pixels);
        assert_eq!(fs::read_dir(dir.path()).expect("read").count(), 1);
    }

    fn experiment() -> SurfaceExperiment {
        let text = "name = \"export test\"\nseed = 3\n[problem]\nkind = \"surface\"\n\
                    surface = \"booth\"\nsamples = 8\n[training]\nsteps = 2\n\
                    start = [0.5, -1.0]\n[[runs]]\noptimizer = \"sgd\"\nlr = 0.01\n\
                    label = 'say \"hi\", twice'\n[[runs]]\noptimizer = \"adam\"\n\
                    batch_size = 4\n";
        crate::preset::parse(text, "export test", &[])
            .and_then(|p| p.into_surface("export test"))
            .expect("test preset")
    }

    fn trajectory(points: &[[f64; 2]], status: crate::core::train::RunStatus) -> Trajectory {
        Trajectory {
            dim: 2,
            params: points.iter().flatten().copied().collect(),
            stride: 1,
            train_loss: points.iter().map(|p| p[0] + 10.0).collect(),
            test_loss: points.iter().map(|p| p[1] + 20.0).collect(),
            lr: vec![0.1; points.len().saturating_sub(1)],
            status,
            state_dim: 0,
            states: Vec::new(),
        }
    }

    #[test]
    fn csv_has_the_contract_columns_and_stops_diverged_runs() {
        use crate::core::train::RunStatus;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("traj.csv");
        let e = experiment();
        let runs = [
            trajectory(
                &[[0.5, -1.0], [0.25, -0.5], [0.125, 0.1]],
                RunStatus::Finished,
            ),
            trajectory(&[[0.5, -1.0]], RunStatus::Diverged { step: 1 }),
        ];
        write_trajectories_csv(&path, &e, &runs).expect("csv");
        let text = fs::read_to_string(&path).expect("read");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], TRAJECTORY_COLUMNS.join(","));
        assert_eq!(
            lines.len(),
            1 + 3 + 1,
            "the diverged run keeps its one finite point"
        );
        assert_eq!(
            lines[1],
            "0,sgd,0,10.5,19,0.5,-1,8,\"say \"\"hi\"\", twice\""
        );
        assert_eq!(
            lines[3],
            "0,sgd,2,10.125,20.1,0.125,0.1,8,\"say \"\"hi\"\", twice\""
        );
        assert!(
            lines[4].starts_with("1,adam,0,10.5,19,0.5,-1,4,\"Adam lr="),
            "{}",
            lines[4]
        );
        assert_eq!(fs::read_dir(dir.path()).expect("read").count(), 1);
    }

    #[test]
    fn a_network_csv_within_a_record_budget_has_every_step_and_nan_between_kept_ones() {
        use crate::core::train::Keep;
        use crate::jobs::network;
        let sets: Vec<String> = ["problem.hidden=[4]", "training.steps=20"]
            .map(String::from)
            .to_vec();
        let Ok(crate::preset::Preset::Network(e)) = crate::preset::load("moons", &sets) else {
            panic!("moons is a network preset");
        };
        let never = std::sync::atomic::AtomicBool::new(false);
        let dim = e.build_mlp().expect("mlp").architecture().dim();
        let csv = |keep: Keep, name: &str| -> Vec<Vec<String>> {
            let trained = network::train(&e, 0, keep, &never).expect("trained");
            let plane =
                network::network_plane(&e, &trained.mlp, &trained.trajectories).expect("plane");
            let dir = tempfile::tempdir().expect("tempdir");
            let path = dir.path().join(name);
            write_network_trajectories_csv(&path, &e, &trained.trajectories, &plane)
                .expect("written");
            fs::read_to_string(&path)
                .expect("read")
                .lines()
                .skip(1)
                .map(|l| l.split(',').map(String::from).collect())
                .collect()
        };
        let every = csv(Keep::Every, "every.csv");
        // Six points per run (two runs): stride ⌈20/4⌉ = 5.
        let kept = csv(Keep::Within(2 * 6 * dim * 8), "kept.csv");
        assert_eq!(every.len(), 2 * 21);
        assert_eq!(kept.len(), every.len(), "a row for every step");
        for (k, f) in kept.iter().zip(&every) {
            let step: usize = f[2].parse().expect("step");
            assert_eq!(
                k[..5],
                f[..5],
                "run, optimizer, step and losses on every row"
            );
            if step.is_multiple_of(5) {
                assert_eq!(k, f, "a kept step has its plane columns");
            } else {
                // x, y, and the last two: distance_from_plane, plane_loss (the quoted label
                // before them may hold commas).
                let n = k.len();
                for column in [5, 6, n - 2, n - 1] {
                    assert_eq!(k[column], "NaN", "step {step}, column {column}");
                }
            }
        }
    }

    #[test]
    fn landscape_files_appear_together_or_not_at_all() {
        use crate::core::landscape::{GridSpec, Layer, surface_grid};
        let e = experiment();
        let spec = GridSpec {
            x: [-1.0, 1.0],
            y: [0.0, 2.0],
            nx: 5,
            ny: 3,
        };
        let grid = surface_grid(&e.problem.build(e.seed), Layer::Train, spec);
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("land");
        write_landscape(&out, &e, &grid).expect("landscape");
        let values: ndarray::Array2<f64> =
            ndarray_npy::read_npy(out.join("grid.npy")).expect("npy");
        assert_eq!(values.shape(), &[3, 5]);
        assert_eq!(values, grid.values);
        let ys: Array1<f64> = ndarray_npy::read_npy(out.join("y.npy")).expect("y");
        assert_eq!(ys.to_vec(), vec![0.0, 1.0, 2.0]);
        let meta: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join("meta.json")).expect("meta"))
                .expect("json");
        assert_eq!(meta["surface"], "booth");
        assert_eq!(
            (meta["nx"].as_u64(), meta["ny"].as_u64()),
            (Some(5), Some(3))
        );
        assert_eq!(
            fs::read_dir(&out).expect("read").count(),
            LANDSCAPE_FILES.len()
        );

        // Under a regular file nothing can be written, and nothing is left.
        let blocker = dir.path().join("blocker");
        fs::write(&blocker, "x").expect("blocker");
        let err = write_landscape(&blocker.join("land"), &e, &grid).expect_err("blocked");
        assert!(err.to_string().contains("blocker"), "{err}");
        assert_eq!(fs::read_dir(dir.path()).expect("read").count(), 2);
    }

    #[test]
    fn biasvar_csv_has_the_contract_columns_in_axis_order() {
        use crate::core::biasvar::{BiasVarianceConfig, Family, decompose};
        let config = BiasVarianceConfig {
            family: Family::Knn,
            complexities: vec![1, 4],
            repeats: 3,
            bag_sets: 1,
            bag_size: 2,
            test_points: 10,
            ..BiasVarianceConfig::default()
        };
        let sweep = vec![decompose(&config, 1), decompose(&config, 4)];
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bv.csv");
        write_biasvar_csv(&path, &sweep).expect("write");
        let text = fs::read_to_string(&path).expect("read");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "complexity,bias2,variance,noise,expected_test_mse,train_mse,cv_mse,bagged_mse,\
             bias2_se,variance_se,expected_test_mse_se,cv_mse_se"
        );
        assert_eq!(lines.len(), 3);
        // k = 4 is 1/k = 0.25 on the axis, before k = 1.
        let first: Vec<f64> = lines[1]
            .split(',')
            .map(|f| f.parse().expect("number"))
            .collect();
        assert_eq!(first[0], 0.25);
        assert_eq!(first[1], sweep[1].bias2);
        assert_eq!(first[2], sweep[1].variance);
        assert_eq!(first[3], sweep[1].noise);
        assert_eq!(first[4], sweep[1].expected_test_mse);
        assert_eq!(first[5], sweep[1].train_mse);
        assert_eq!(first[6], sweep[1].cv_mse);
        assert_eq!(first[7], sweep[1].bagged_mse);
        assert_eq!(first[8], sweep[1].bias2_se);
        assert_eq!(first[9], sweep[1].variance_se);
        assert_eq!(first[10], sweep[1].expected_test_mse_se);
        assert_eq!(first[11].to_bits(), sweep[1].cv_mse_se.to_bits());
        assert!(lines[2].starts_with("1,"), "{}", lines[2]);
    }

    #[test]
    fn a_failed_write_leaves_no_temp_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("out.csv");
        let err = Staged::write(&path, |_| {
            Err(ExportError::Encode {
                path: path.clone(),
                message: "boom".into(),
            })
        });
        assert!(err.is_err());
        assert_eq!(fs::read_dir(dir.path()).expect("read").count(), 0);
    }
}
