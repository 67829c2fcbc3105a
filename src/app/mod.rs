//! The eframe application (behind the default `gui` feature).

use std::path::PathBuf;

use crate::preset::Experiment;

/// How the app starts: `basin`, `basin open PRESET`, `basin open PRESET --screenshot F`.
#[derive(Clone, Debug, Default)]
pub struct Startup {
    /// The experiment to open (the default preset when `None`).
    pub experiment: Option<Experiment>,
    /// The preset's name or path, for the title bar.
    pub preset_name: Option<String>,
    /// Save a screenshot here and exit (scripted images, CI's smoke test).
    pub screenshot: Option<PathBuf>,
    /// With `screenshot`: frames to run first (default: until the trajectories are done).
    pub frames: Option<u64>,
}

/// Opens the window and runs until it is closed.
///
/// # Errors
/// If no window can be created.
pub fn run(startup: Startup) -> Result<(), eframe::Error> {
    let _ = startup;
    Ok(())
}
