//! The shell's files: loading a preset into the lab that can show it, saving the lab on
//! screen as a preset, the lab's data file into `exports/`, and screenshots (requested from
//! the integration, saved when they arrive). Every failure is a notice in the status bar;
//! nothing is lost and nothing panics.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::{App, PendingScreenshot, shown_path};
use crate::i18n::{fill, tr};
use crate::lab::LabKind;
use crate::preset;

impl App {
    /// Loads a preset (a built-in name or a path) into lab `into`, else into the lab on
    /// screen if it can show it, else into the first lab that can; shows that lab, starts
    /// its jobs and remembers the preset as its last. On failure the previous experiment
    /// stays and a red notice says why. Returns whether it loaded. `overrides` are `--set
    /// key=value` arguments (a lecture step's; the remembered last preset is the bare name).
    pub(super) fn load_preset(
        &mut self,
        ctx: &egui::Context,
        source: &str,
        into: Option<LabKind>,
        overrides: &[String],
    ) -> bool {
        let name = source.trim().to_string();
        let preset = match preset::load(&name, overrides) {
            Ok(preset) => preset,
            Err(err) => {
                self.notices.error(err.to_string());
                return false;
            }
        };
        // The lab asked for; else the lab on screen if it can show it; else the preset's own.
        let kinds = match into {
            Some(kind) => vec![kind],
            None => vec![self.lab, preset.lab()],
        };
        let kind = match self.open_in(&kinds, preset, &name) {
            Ok(kind) => kind,
            Err(message) => {
                self.notices.error(message);
                return false;
            }
        };
        self.notices.clear_errors();
        self.prefs.last_preset.set(kind, &name, overrides);
        self.lab = kind;
        self.send_title(ctx);
        let cmds = self.with_lab(ctx, kind, |lab, cx| lab.restart(cx));
        self.apply_all(ctx, cmds);
        true
    }

    /// Writes the lab on screen as a preset file. Returns whether it was written.
    pub(super) fn save_preset(&mut self, path: &str) -> bool {
        let path = Path::new(path.trim());
        let text = self.labs.get(self.lab).to_toml();
        // Through `export`, which in the browser downloads the file.
        let result = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                crate::export::write_bytes(path, text.as_bytes()).map_err(|e| match e {
                    crate::export::ExportError::Io { source, .. } => source.to_string(),
                    other => other.to_string(),
                })
            });
        match result {
            Ok(()) => {
                self.notices
                    .info(fill("preset.notice.saved", &[&shown_path(path).display()]));
                true
            }
            Err(err) => {
                self.notices
                    .error(fill("preset.notice.cannot_save", &[&path.display(), &err]));
                false
            }
        }
    }

    /// A file-name-safe stem for the lab's preset (`rosenbrock-race`).
    pub(super) fn file_stem(&self) -> String {
        let name = self.preset_name(self.lab);
        let stem = Path::new(name)
            .file_stem()
            .map_or_else(|| name.to_string(), |s| s.to_string_lossy().into_owned());
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

    /// Writes the lab's data file (its trajectories, its sweep) to `to`; with `None`, asks
    /// where with the system's file dialog (the file is written when it answers), else
    /// writes `exports/STEM-SUFFIX.csv`.
    pub(super) fn export_data(&mut self, to: Option<PathBuf>) {
        let Some(export) = self.labs.get(self.lab).data_export() else {
            return;
        };
        let path = match to {
            Some(path) => path,
            None => {
                let path = PathBuf::from("exports").join(format!(
                    "{}-{}.csv",
                    self.file_stem(),
                    export.suffix
                ));
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                if self.ask_file(super::file_picker::Purpose::ExportData, name) {
                    return;
                }
                path
            }
        };
        let lab = self.labs.get(self.lab);
        let result = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(|e| e.to_string())
            .and_then(|()| lab.write_data(&path));
        match result {
            Ok(()) => self.notices.info(fill(
                "common.notice.exported",
                &[&tr(export.what), &shown_path(&path).display()],
            )),
            Err(err) => self.notices.error(fill(
                "common.notice.cannot_export",
                &[&path.display(), &err],
            )),
        }
    }

    /// Asks the integration for a screenshot; it is saved when it arrives (see `logic`).
    pub(super) fn request_screenshot(&mut self, ctx: &egui::Context, path: Option<PathBuf>) {
        let path = path.unwrap_or_else(|| {
            let secs = web_time::SystemTime::now()
                .duration_since(web_time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs());
            // The browser downloads it: no folder.
            let folder = if cfg!(target_arch = "wasm32") {
                ""
            } else {
                "screenshots"
            };
            PathBuf::from(folder).join(format!("basin-{secs}.png"))
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
            Ok(()) => self.notices.info(fill(
                "common.notice.saved_screenshot",
                &[&shown_path(&path).display()],
            )),
            Err(err) => self.notices.error(fill(
                "common.notice.cannot_save_screenshot",
                &[&path.display(), &err],
            )),
        }
        true
    }
}
