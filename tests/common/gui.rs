//! What the GUI tests share: the app in an egui_kittest harness, and stepping frames until
//! the background jobs' results arrive (bounded, so a hung job fails the test).

use std::time::{Duration, Instant};

use basin::app::{App, Startup};
use egui_kittest::Harness;

/// The app in a window of `size` points, started as `startup` says.
pub fn app_harness(startup: Startup, size: egui::Vec2) -> Harness<'static, App> {
    Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| App::new(cc, startup))
}

/// Steps frames until `done` holds, then one more (panics after `secs` seconds, naming
/// `what`).
pub fn step_until_secs(
    harness: &mut Harness<'static, App>,
    what: &str,
    secs: u64,
    done: impl Fn(&App) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(secs);
    while !done(harness.state()) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.step();
}

/// [`step_until_secs`] with a minute to spare (a debug build on two busy cores).
pub fn step_until(harness: &mut Harness<'static, App>, what: &str, done: impl Fn(&App) -> bool) {
    step_until_secs(harness, what, 60, done);
}

/// A file dropped on the window (egui's raw input), read from disk.
#[derive(Debug)]
pub struct Dropped(pub std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// The Network lab settled: trained on the experiment on screen, projected, the full landscape
/// drawn, and nothing running (no pipeline, no data file being read).
pub fn network_settled(app: &App) -> bool {
    let net = &app.labs.network;
    net.trained.is_some()
        && net.plane.is_some()
        && net.picture_generation == net.generation()
        && !basin::app::Lab::busy(net)
        && !net.data_job.busy()
}
