//! "Export figure…" and "Export animation": the lab on screen drawn as a PNG, SVG or GIF
//! into `exports/` by [`crate::render`], on the job pool (never on the UI thread), with a
//! progress bar in the top bar and a notice when the file is written.
//!
//! The dialog's choices ([`super::state::FigureExportView`]) live in the view state so the
//! panels can show them; the running job lives in [`FigureExportJob`], which [`super::App`] holds and
//! polls once per frame.

use crate::i18n::{fill, tr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::jobs::{JobEvent, JobHandle};
use crate::render::{self, Animation, BiasVarianceFigure, Figure, FigureSize, Format};

use super::App;
use super::state::{ExportSettings, Lab, NoticeKind};

/// The running export, if any.
#[derive(Default)]
pub struct FigureExportJob {
    handle: Option<JobHandle<f32, Result<String, String>>>,
}

impl App {
    /// Starts writing the lab on screen as `settings` asks into `exports/`.
    pub(super) fn export_figure(&mut self, settings: ExportSettings) {
        let size = match FigureSize::new(settings.width, settings.height) {
            Ok(size) => size,
            Err(err) => return self.session.notify(NoticeKind::Error, err.to_string()),
        };
        let animation = match Animation::new(settings.fps, settings.seconds) {
            Ok(a) => a,
            Err(err) => return self.session.notify(NoticeKind::Error, err.to_string()),
        };
        let Some(make) = self.figure_maker(settings.format) else {
            return;
        };
        let suffix = if settings.format == Format::Gif {
            "race"
        } else {
            "figure"
        };
        let path = PathBuf::from("exports").join(format!(
            "{}-{suffix}.{}",
            self.file_stem(),
            settings.format.extension()
        ));
        let Some(jobs) = &self.jobs else {
            return self.session.notify(
                NoticeKind::Error,
                tr("common.notice.no_workers").to_string(),
            );
        };
        self.view.figure_export.dialog = None;
        self.view.figure_export.progress = Some(0.0);
        let shown = super::shown_path(&path);
        // The texts in the current language now: the job runs on a worker thread, which has
        // no language of its own (crate::i18n).
        let exported = fill("common.notice.exported_figure", &[&shown.display()]);
        let cannot_create = tr("common.notice.cannot_create_exports");
        let cannot_export = tr("common.notice.cannot_export");
        self.figure_export.handle = Some(jobs.spawn(0, move |job| {
            std::fs::create_dir_all("exports")
                .map_err(|e| crate::i18n::fill_text(cannot_create, &[&e]))?;
            let figure = make();
            let step = AtomicUsize::new(0);
            let progress = |done: usize, total: usize| {
                let tick = done * 50 / total.max(1);
                if step.fetch_max(tick, Ordering::Relaxed) < tick {
                    #[allow(clippy::cast_precision_loss)]
                    job.progress(done as f32 / total.max(1) as f32);
                }
            };
            render::write_figure(
                &path,
                &figure,
                size,
                animation,
                job.cancel_flag(),
                &progress,
            )
            .map(|_| exported)
            .map_err(|e| crate::i18n::fill_text(cannot_export, &[&path.display(), &e]))
        }));
    }

    /// A closure that builds the figure of the lab on screen off the UI thread, from what is
    /// on screen (copied now); `None` with a notice when there is nothing to draw yet.
    fn figure_maker(&mut self, format: Format) -> Option<Box<dyn FnOnce() -> Figure + Send>> {
        let name = self.file_stem();
        match self.view.lab {
            Lab::Playground => {
                let (Some(picture), Some(trained)) = (&self.session.picture, &self.session.trained)
                else {
                    self.session.notify(
                        NoticeKind::Error,
                        tr("common.notice.nothing_yet_runs").to_string(),
                    );
                    return None;
                };
                let mut experiment = self.session.experiment.clone();
                experiment.runs.clone_from(&trained.runs);
                let grid = picture.grid.clone();
                let trajectories = trained.trajectories.clone();
                let colormap = self.view.colormap;
                Some(Box::new(move || {
                    let mut figure =
                        render::LandscapeFigure::surface(&experiment, &name, grid, &trajectories);
                    figure.colormap = colormap;
                    Figure::Landscape(Box::new(figure))
                }))
            }
            Lab::Network => {
                let net = &self.network;
                let (Some(picture), Some(trained), Some(plane)) =
                    (&net.picture, &net.network, &net.plane)
                else {
                    self.session.notify(
                        NoticeKind::Error,
                        tr("common.notice.nothing_yet_runs").to_string(),
                    );
                    return None;
                };
                let experiment = net.experiment.clone();
                let grid = picture.grid.clone();
                let trajectories = std::sync::Arc::clone(&trained.trajectories);
                let projection = plane.projection.clone();
                let colormap = self.view.colormap;
                Some(Box::new(move || {
                    let mut figure = render::LandscapeFigure::network(
                        &experiment,
                        &name,
                        grid,
                        &trajectories,
                        &projection,
                    );
                    figure.colormap = colormap;
                    Figure::Landscape(Box::new(figure))
                }))
            }
            Lab::SharpFlat => {
                if format == Format::Gif {
                    self.session
                        .notify(NoticeKind::Error, tr("sf.notice.no_motion").to_string());
                    return None;
                }
                let sf = &self.sharp_flat;
                let Some(comparison) = sf.comparison.clone() else {
                    self.session
                        .notify(NoticeKind::Error, tr("sf.notice.nothing_yet").to_string());
                    return None;
                };
                let sweep = sf.sweep.clone();
                let title = sf.source.name().to_string();
                let seed = sf.source.seed();
                Some(Box::new(move || {
                    Figure::SharpFlat(Box::new(render::SharpFlatFigure::new(
                        &comparison,
                        sweep.as_ref(),
                        &name,
                        &title,
                        seed,
                    )))
                }))
            }
            Lab::BiasVariance => {
                if format == Format::Gif {
                    self.session
                        .notify(NoticeKind::Error, tr("bv.notice.no_motion").to_string());
                    return None;
                }
                let Some(picture) = &self.bias_variance.picture else {
                    self.session
                        .notify(NoticeKind::Error, tr("bv.notice.nothing_yet").to_string());
                    return None;
                };
                let experiment = self.bias_variance.experiment.clone();
                let sweep = picture.sweep.clone();
                Some(Box::new(move || {
                    Figure::BiasVariance(Box::new(BiasVarianceFigure::new(
                        &experiment,
                        &name,
                        &sweep,
                    )))
                }))
            }
        }
    }

    /// Folds the running export's progress and result into the view (never waits).
    pub(super) fn poll_figure_export(&mut self) {
        let Some(job) = &mut self.figure_export.handle else {
            return;
        };
        let mut result = None;
        for event in job.drain() {
            match event {
                JobEvent::Progress(f) => self.view.figure_export.progress = Some(f),
                JobEvent::Finished(r) => result = Some(r),
            }
        }
        let done = job.is_done();
        match result {
            Some(Ok(text)) => self.session.notify(NoticeKind::Info, text),
            Some(Err(text)) => self.session.notify(NoticeKind::Error, text),
            None => {}
        }
        if done {
            self.figure_export.handle = None;
            self.view.figure_export.progress = None;
        }
    }
}
