//! "Export figure…" and "Export animation": the lab on screen drawn as a PNG, SVG or GIF
//! into `exports/` by [`crate::render`], on the job pool (never on the UI thread), with a
//! progress bar in the top bar and a notice when the file is written.
//!
//! What to draw comes from the lab on screen ([`super::lab::Lab::figure`]: a copy of what is
//! on screen, drawn on a worker, worded in the window's language). The dialog's choices ([`super::shell::FigureExportView`])
//! live in the shell's windows so the top bar can show them; the running job lives in
//! [`FigureExportJob`], which [`super::App`] holds and polls once per frame. In the browser the
//! file is a download, handed over by the page when the job's bytes arrive (a PNG or GIF is
//! drawn on a worker of the threaded build, an SVG on the page, whose fonts measure its
//! text), and a Korean figure waits until the Hangul font has been fetched.

use std::path::PathBuf;

use crate::i18n::{fill, tr};
use crate::jobs::{JobSlot, ProgressStep};
use crate::render::task::FigureTask;
use crate::render::{Animation, FigureSize, Format};

use super::App;
use super::file_picker::Purpose;
use super::shell::ExportSettings;

/// What an export job hands back: its notice, and in the browser the file for the page to
/// download (`None` once written); or the error's notice.
type Exported = Result<(String, Option<(PathBuf, Vec<u8>)>), String>;

/// The running export, if any.
#[derive(Default)]
pub struct FigureExportJob {
    slot: JobSlot<f32, Exported>,
    /// The single-threaded web build's export, drawn by a Web Worker as a [`FigureTask`], with
    /// the file it is for and its notices' texts (worded when it started).
    in_worker: JobSlot<f32, <FigureTask as crate::jobs::task::Task>::Output>,
    in_worker_file: Option<(PathBuf, String, &'static str)>,
}

impl App {
    /// Starts writing the lab on screen as `settings` asks to `to`; with `None`, asks where
    /// with the system's file dialog (this runs again when it answers), else writes
    /// `exports/STEM-figure.EXT` (`STEM-race.gif`).
    pub(super) fn export_figure(&mut self, settings: ExportSettings, to: Option<PathBuf>) {
        // In the browser a Korean figure needs the Hangul font, which is fetched when Korean
        // is chosen: until it has arrived, say so (plotters cannot draw text without it).
        if cfg!(target_arch = "wasm32")
            && self.prefs.lang == crate::i18n::Lang::Ko
            && crate::render::font::hangul_font_bytes().is_empty()
        {
            let _ = (settings, to);
            return self.notices.error(tr("common.notice.web_font_loading"));
        }
        let size = match FigureSize::new(settings.width, settings.height) {
            Ok(size) => size,
            Err(err) => return self.notices.error(err.to_string()),
        };
        let animation = match Animation::new(settings.fps, settings.seconds) {
            Ok(a) => a,
            Err(err) => return self.notices.error(err.to_string()),
        };
        let lab = self.labs.get(self.lab);
        if settings.format == Format::Gif && !lab.animates() {
            let notice = fill("common.notice.no_motion", &[&self.lab.title()]);
            return self.notices.error(notice);
        }
        // The figure speaks the window's language.
        let make = match lab.figure(&self.file_stem(), self.prefs.lang) {
            Ok(make) => make,
            Err(key) => return self.notices.error(tr(key)),
        };
        let suffix = if settings.format == Format::Gif {
            "race"
        } else {
            "figure"
        };
        let path = match to {
            Some(path) => path,
            None => {
                let path = PathBuf::from("exports").join(format!(
                    "{}-{suffix}.{}",
                    self.file_stem(),
                    settings.format.extension()
                ));
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                if self.ask_file(Purpose::ExportFigure(settings), name) {
                    self.windows.figure_export.dialog = None;
                    return;
                }
                path
            }
        };
        let Some(jobs) = &self.jobs else {
            return self.notices.error(tr("common.notice.no_workers"));
        };
        self.windows.figure_export.dialog = None;
        self.windows.figure_export.progress = Some(0.0);
        let shown = super::shown_path(&path);
        // The texts in the current language now: the job runs on a worker thread, which has
        // no language of its own (crate::i18n).
        let exported = fill("common.notice.exported_figure", &[&shown.display()]);
        let cannot_create = tr("common.notice.cannot_create_folder");
        let cannot_export = tr("common.notice.cannot_export");
        let folder = path.parent().map(std::path::Path::to_path_buf);
        let format = settings.format;
        let task = move |figure| FigureTask {
            figure,
            format,
            size,
            animation,
            path: path.clone(),
            hangul_font: Vec::new(),
        };
        // The single-threaded web build has no worker that shares the page's memory: a PNG or
        // GIF is drawn by a Web Worker, from the figure's bytes (with the Hangul font's, for a
        // Korean figure), so that a long GIF does not stop the page.
        #[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
        if format != Format::Svg {
            let figure = make();
            let korean = figure.lang() == crate::i18n::Lang::Ko;
            let mut task = task(figure);
            if korean {
                task.hangul_font = crate::render::font::hangul_font_bytes().to_vec();
            }
            self.figure_export.in_worker_file = Some((task.path.clone(), exported, cannot_export));
            self.figure_export.in_worker.start_task(jobs, task);
            return;
        }
        let work = move |job: &crate::jobs::JobCtx<f32, Exported>| {
            if let Some(folder) = folder.filter(|f| !f.as_os_str().is_empty()) {
                std::fs::create_dir_all(&folder)
                    .map_err(|e| crate::i18n::fill_text(cannot_create, &[&folder.display(), &e]))?;
            }
            let task = task(make());
            let path = task.path.clone();
            let step = ProgressStep::default();
            let progress = |done: usize, total: usize| job.fraction(&step, done, total);
            let cannot = |e: &dyn std::fmt::Display| {
                crate::i18n::fill_text(cannot_export, &[&path.display(), e])
            };
            let bytes = task
                .encode(job.cancel_flag(), &progress)
                .map_err(|e| cannot(&e))?;
            // In the browser only the page can hand a file over: the bytes go back to it.
            if cfg!(target_arch = "wasm32") {
                return Ok((exported, Some((path, bytes))));
            }
            crate::export::write_bytes(&path, &bytes).map_err(|e| cannot(&e))?;
            Ok((exported, None))
        };
        // In the browser an SVG is drawn on the page's thread, where its text is measured
        // with the page's fonts; PNG and GIF (text set with the bundled fonts) on a worker of
        // the threaded build, so a long GIF does not stop the page.
        if format == Format::Svg {
            self.figure_export.slot.start_on_page(jobs, work);
        } else {
            self.figure_export.slot.start(jobs, work);
        }
    }

    /// Folds the running export's progress and result into the shell (never waits).
    pub(super) fn poll_figure_export(&mut self) {
        let Self {
            figure_export,
            windows,
            notices,
            ..
        } = self;
        figure_export.slot.poll(
            |f| windows.figure_export.progress = Some(f),
            |result, _| match result {
                Ok((text, None)) => notices.info(text),
                Ok((text, Some((path, bytes)))) => {
                    match crate::export::write_bytes(&path, &bytes) {
                        Ok(()) => notices.info(text),
                        Err(e) => notices
                            .error(fill("common.notice.cannot_export", &[&path.display(), &e])),
                    }
                }
                Err(text) => notices.error(text),
            },
        );
        let file = &figure_export.in_worker_file;
        figure_export.in_worker.poll(
            |f| windows.figure_export.progress = Some(f),
            |result, _| {
                let Some((path, exported, cannot_export)) = file else {
                    return;
                };
                let written = result.and_then(|bytes| {
                    crate::export::write_bytes(path, &bytes).map_err(|e| e.to_string())
                });
                match written {
                    Ok(()) => notices.info(exported.clone()),
                    Err(e) => notices.error(crate::i18n::fill_text(
                        cannot_export,
                        &[&path.display(), &e],
                    )),
                }
            },
        );
        if !figure_export.slot.busy() && !figure_export.in_worker.busy() {
            windows.figure_export.progress = None;
        }
    }
}
