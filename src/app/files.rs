//! The app's files: loading a preset into the lab it belongs to (or into the lab on
//! screen), saving the experiment on screen as a preset, the CSV exports into `exports/`, and
//! screenshots (requested from the integration, saved when they arrive). Every failure is a
//! notice in the status bar; nothing is lost and nothing panics.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::state::{Lab, NoticeKind};
use super::{App, PendingScreenshot, Restart, race_speed, sharpflat, shown_path, window_title};
use crate::i18n::{fill, tr};
use crate::preset::{self, Preset};

impl App {
    /// Loads a preset (a built-in name or a path) and remembers it as its lab's last preset.
    /// On failure the previous experiment stays and a red notice says why. Returns whether
    /// it loaded.
    pub(super) fn load_preset(&mut self, ctx: &egui::Context, source: &str) -> bool {
        let loaded = self.load_preset_into_lab(ctx, source);
        if loaded {
            let name = Some(source.trim().to_string());
            let last = &mut self.view.last_preset;
            match self.view.lab {
                Lab::Playground => last.playground = name,
                Lab::Network => last.network = name,
                Lab::SharpFlat => last.sharp_flat = name,
                Lab::BiasVariance => last.bias_variance = name,
            }
        }
        loaded
    }

    /// [`Self::load_preset`] without remembering it.
    pub(super) fn load_preset_into_lab(&mut self, ctx: &egui::Context, source: &str) -> bool {
        let loaded = preset::load(source.trim(), &[]);
        if self.view.lab == Lab::SharpFlat {
            let name = source.trim().to_string();
            let source = match loaded {
                Ok(Preset::Network(e)) => Ok(sharpflat::SfSource::Network(Box::new(e))),
                Ok(Preset::Surface(e)) => Ok(sharpflat::SfSource::Surface(Box::new(e))),
                Ok(Preset::Regression(_)) => Err(format!(
                    "{name} is a bias–variance preset: open it from the Bias–Variance tab"
                )),
                Err(err) => Err(err.to_string()),
            };
            return match source {
                Ok(source) => {
                    self.sharp_flat = sharpflat::SharpFlatSession::new(source, name.clone());
                    ctx.send_viewport_cmd(egui::ViewportCommand::Title(window_title(
                        Lab::SharpFlat,
                        Some(&name),
                    )));
                    self.session.notices.retain(|n| n.kind != NoticeKind::Error);
                    self.restart_sharp_flat();
                    true
                }
                Err(message) => {
                    self.session.notify(NoticeKind::Error, message);
                    false
                }
            };
        }
        match loaded {
            Ok(Preset::Network(experiment)) => {
                let name = source.trim().to_string();
                self.network.experiment = experiment;
                self.network.preset_name.clone_from(&name);
                self.network.playback.speed_steps_per_sec =
                    race_speed(self.network.experiment.steps);
                self.view.lab = Lab::Network;
                self.view.selected_run = 0;
                ctx.send_viewport_cmd(egui::ViewportCommand::Title(window_title(
                    Lab::Network,
                    Some(&name),
                )));
                self.session.notices.retain(|n| n.kind != NoticeKind::Error);
                self.restart_network(true);
                true
            }
            Ok(Preset::Regression(experiment)) => {
                self.bias_variance.experiment = experiment;
                self.bias_variance.preset_name = source.trim().to_string();
                self.view.lab = Lab::BiasVariance;
                ctx.send_viewport_cmd(egui::ViewportCommand::Title(window_title(
                    Lab::BiasVariance,
                    Some(&self.bias_variance.preset_name),
                )));
                self.session.notices.retain(|n| n.kind != NoticeKind::Error);
                self.restart_bias_variance();
                true
            }
            Ok(Preset::Surface(experiment)) => {
                self.view.lab = Lab::Playground;
                self.session.experiment = experiment;
                self.session.preset_name = source.trim().to_string();
                self.view.selected_run = 0;
                self.view.cursor_step = 0.0;
                self.view.playing = true;
                self.view.speed_steps_per_sec = race_speed(self.session.experiment.training.steps);
                ctx.send_viewport_cmd(egui::ViewportCommand::Title(window_title(
                    Lab::Playground,
                    Some(&self.session.preset_name),
                )));
                self.session.notices.retain(|n| n.kind != NoticeKind::Error);
                self.restart(ctx, Restart::Both);
                true
            }
            Err(err) => {
                self.session.notify(NoticeKind::Error, err.to_string());
                false
            }
        }
    }

    /// Writes the experiment as a preset file. Returns whether it was written.
    pub(super) fn save_preset(&mut self, path: &str) -> bool {
        let path = Path::new(path.trim());
        let text = match self.view.lab {
            Lab::Playground => preset::to_toml(&self.session.experiment),
            Lab::BiasVariance => preset::regression_to_toml(&self.bias_variance.experiment),
            Lab::Network => preset::network_to_toml(&self.network.experiment),
            Lab::SharpFlat => self.sharp_flat.to_toml(),
        };
        let result = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(path, text));
        match result {
            Ok(()) => {
                self.session.notify(
                    NoticeKind::Info,
                    fill("notice.saved_preset", &[&shown_path(path).display()]),
                );
                true
            }
            Err(err) => {
                self.session.notify(
                    NoticeKind::Error,
                    fill("notice.cannot_save_preset", &[&path.display(), &err]),
                );
                false
            }
        }
    }

    /// A file-name-safe stem for the current lab's preset (`rosenbrock-race`).
    pub(super) fn file_stem(&self) -> String {
        let name = match self.view.lab {
            Lab::Playground => &self.session.preset_name,
            Lab::BiasVariance => &self.bias_variance.preset_name,
            Lab::Network => &self.network.preset_name,
            Lab::SharpFlat => &self.sharp_flat.preset_name,
        };
        let stem = Path::new(name)
            .file_stem()
            .map_or_else(|| name.clone(), |s| s.to_string_lossy().into_owned());
        let safe: String = stem
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        if safe.is_empty() {
            "basin".to_string()
        } else {
            safe
        }
    }

    /// Writes the bias–variance sweep on screen as CSV into `exports/`.
    pub(super) fn export_bias_variance(&mut self) {
        let Some(picture) = &self.bias_variance.picture else {
            self.session
                .notify(NoticeKind::Error, tr("notice.no_sweep_biasvar").to_string());
            return;
        };
        let path = PathBuf::from("exports").join(format!("{}-biasvar.csv", self.file_stem()));
        let result = std::fs::create_dir_all("exports")
            .map_err(|e| e.to_string())
            .and_then(|()| {
                crate::export::write_biasvar_csv(&path, &picture.sweep).map_err(|e| e.to_string())
            });
        self.report_export(&path, tr("notice.what_sweep"), result);
    }

    /// Writes the Network lab's trajectories (plane coordinates as x, y) into `exports/`.
    pub(super) fn export_network_trajectories(&mut self) {
        let net = &self.network;
        let (Some(network), Some(plane)) = (&net.network, &net.plane) else {
            self.session.notify(
                NoticeKind::Error,
                tr("notice.no_net_trajectories").to_string(),
            );
            return;
        };
        let path = PathBuf::from("exports").join(format!("{}-trajectories.csv", self.file_stem()));
        // The runs that produced these trajectories (the experiment may have moved on).
        let mut experiment = net.experiment.clone();
        if let Some(trained) = &net.trained {
            experiment.runs.clone_from(&trained.runs);
        }
        let result = std::fs::create_dir_all("exports")
            .map_err(|e| e.to_string())
            .and_then(|()| {
                crate::export::write_network_trajectories_csv(
                    &path,
                    &experiment,
                    &network.trajectories,
                    &plane.projection,
                )
                .map_err(|e| e.to_string())
            });
        self.report_export(&path, tr("notice.what_trajectories"), result);
    }

    /// Writes the Sharp vs Flat sweep on screen as CSV into `exports/`.
    pub(super) fn export_sweep(&mut self) {
        let Some(sweep) = &self.sharp_flat.sweep else {
            self.session
                .notify(NoticeKind::Error, tr("notice.no_sweep").to_string());
            return;
        };
        let path = PathBuf::from("exports").join(format!("{}-sweep.csv", self.file_stem()));
        let result = std::fs::create_dir_all("exports")
            .map_err(|e| e.to_string())
            .and_then(|()| {
                crate::export::write_sweep_csv(&path, &sweep.cells).map_err(|e| e.to_string())
            });
        self.report_export(&path, tr("notice.what_sweep"), result);
    }

    /// A notice for an export: where it went, or why it failed.
    pub(super) fn report_export(&mut self, path: &Path, what: &str, result: Result<(), String>) {
        match result {
            Ok(()) => self.session.notify(
                NoticeKind::Info,
                fill("notice.exported", &[&what, &shown_path(path).display()]),
            ),
            Err(err) => self.session.notify(
                NoticeKind::Error,
                fill("notice.cannot_export", &[&path.display(), &err]),
            ),
        }
    }

    pub(super) fn export_trajectories(&mut self) {
        if self.view.lab == Lab::Network {
            self.export_network_trajectories();
            return;
        }
        let Some(trained) = &self.session.trained else {
            self.session
                .notify(NoticeKind::Error, tr("notice.no_trajectories").to_string());
            return;
        };
        let path = PathBuf::from("exports").join(format!("{}-trajectories.csv", self.file_stem()));
        // The runs that produced these trajectories (the experiment may have moved on).
        let mut experiment = self.session.experiment.clone();
        experiment.runs.clone_from(&trained.runs);
        let result = std::fs::create_dir_all("exports")
            .map_err(|e| e.to_string())
            .and_then(|()| {
                crate::export::write_trajectories_csv(&path, &experiment, &trained.trajectories)
                    .map_err(|e| e.to_string())
            });
        self.report_export(&path, tr("notice.what_trajectories"), result);
    }

    /// Asks the integration for a screenshot; it is saved when it arrives (see `logic`).
    pub(super) fn request_screenshot(&mut self, ctx: &egui::Context, path: Option<PathBuf>) {
        let path = path.unwrap_or_else(|| {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            PathBuf::from("screenshots").join(format!("basin-{secs}.png"))
        });
        let slot = Arc::new(Mutex::new(None));
        let sink = Arc::clone(&slot);
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            if let Ok(mut guard) = sink.lock() {
                *guard = Some(image);
            }
            repaint.request_repaint();
        });
        self.screenshot = Some(PendingScreenshot { path, image: slot });
    }

    /// Saves a screenshot that has arrived. Returns whether one was saved or failed.
    pub(super) fn save_arrived_screenshot(&mut self) -> bool {
        let Some(pending) = &self.screenshot else {
            return false;
        };
        let image = pending.image.lock().ok().and_then(|mut g| g.take());
        let Some(image) = image else {
            return false;
        };
        let path = pending.path.clone();
        self.screenshot = None;
        let [w, h] = image.size;
        let rgba: Vec<u8> = image.pixels.iter().flat_map(|c| c.to_array()).collect();
        let result = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                #[allow(clippy::cast_possible_truncation)]
                crate::export::write_png(&path, w as u32, h as u32, &rgba)
                    .map_err(|e| e.to_string())
            });
        match result {
            Ok(()) => self.session.notify(
                NoticeKind::Info,
                fill("notice.saved_screenshot", &[&shown_path(&path).display()]),
            ),
            Err(err) => self.session.notify(
                NoticeKind::Error,
                fill("notice.cannot_save_screenshot", &[&path.display(), &err]),
            ),
        }
        true
    }
}
