//! Temporary stand-ins for `crate::export::{write_png, write_trajectories_csv}` until the
//! `preset-cli` branch lands them (same signatures, errors as text).

use std::path::Path;

use crate::core::train::Trajectory;
use crate::preset::Experiment;

/// Writes an RGBA8 image as PNG.
pub fn write_png(path: &Path, w: u32, h: u32, rgba: &[u8]) -> Result<(), String> {
    let img = image::RgbaImage::from_raw(w, h, rgba.to_vec())
        .ok_or_else(|| format!("image buffer does not match {w}×{h}"))?;
    img.save(path).map_err(|e| e.to_string())
}

/// Writes the trajectory CSV (`run,optimizer,step,loss,test_loss,x,y`).
pub fn write_trajectories_csv(
    path: &Path,
    experiment: &Experiment,
    trajectories: &[Trajectory],
) -> Result<(), String> {
    use std::fmt::Write as _;
    let mut out = String::from("run,optimizer,step,loss,test_loss,x,y\n");
    for (i, (run, t)) in experiment.runs.iter().zip(trajectories).enumerate() {
        for s in 0..t.len() {
            let p = t.point(s);
            let _ = writeln!(
                out,
                "{i},{},{s},{},{},{},{}",
                run.optimizer.kind.name(),
                t.train_loss[s],
                t.test_loss[s],
                p[0],
                p.get(1).copied().unwrap_or(0.0)
            );
        }
    }
    std::fs::write(path, out).map_err(|e| e.to_string())
}
