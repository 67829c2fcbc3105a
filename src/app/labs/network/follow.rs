//! The Network lab's small jobs beside its pipeline: the decision boundary (or the digits
//! gallery) and, while it is shown, the network diagram ([`super::diagram`]) at the playback
//! step of the shown run, each started again whenever the playback has moved on and its last
//! one has landed; the scatter of data of many features on its principal
//! components; and reading a data file opened in the window (it lands as
//! [`NetworkCommand::SetFileData`], or as a notice with the old experiment kept). Each polls
//! without waiting.

use std::path::Path;
use std::sync::Arc;

use super::diagram::{self, DiagramPicture};
use super::{Boundary, BoundaryPicture, BoundaryShape, NetworkCommand, NetworkLab, boundary};
use crate::app::lab::LabCx;
use crate::core::network::file_data::FileData;
use crate::core::network::mlp::Mlp;
use crate::jobs::network as pipeline;
use crate::preset;

impl NetworkLab {
    /// Folds the scatter of data of many features in when it lands (never waits).
    pub(super) fn poll_points(&mut self) {
        let mut arrived = None;
        self.points_job
            .poll(|()| {}, |points, _| arrived = Some(points));
        let Some(points) = arrived else {
            return;
        };
        self.data = points;
        if let Some(b) = &mut self.boundary
            && let Some(prediction) = &b.gallery
        {
            b.rings = boundary::rings(
                &self.data,
                &prediction.predicted,
                prediction.confusion.len(),
            );
        }
    }

    /// Folds an arrived boundary in (never waits).
    pub(super) fn poll_boundary(&mut self, ctx: &egui::Context) {
        let mut arrived = None;
        self.boundary_job
            .poll(|()| {}, |boundary, _| arrived = boundary);
        let Some(boundary) = arrived else {
            return;
        };
        let mut gallery = None;
        let mut rings = Vec::new();
        let (texture, curve) = match boundary.shape {
            BoundaryShape::Image(image) => {
                let options = egui::TextureOptions::LINEAR;
                let texture = match self.boundary.take().and_then(|b| b.texture) {
                    Some(mut old) => {
                        old.set(image, options);
                        old
                    }
                    None => ctx.load_texture("basin-boundary", image, options),
                };
                (Some(texture), Vec::new())
            }
            BoundaryShape::Curve(curve) => (None, curve),
            BoundaryShape::Gallery(prediction) => {
                if self.data.principal {
                    rings = boundary::rings(
                        &self.data,
                        &prediction.predicted,
                        prediction.confusion.len(),
                    );
                }
                gallery = Some(prediction);
                (None, Vec::new())
            }
        };
        self.boundary = Some(BoundaryPicture {
            run: boundary.run,
            step: boundary.step,
            texture,
            curve,
            gallery,
            rings,
        });
    }

    /// Reads the data file at `path` on a worker (inline when there are no workers); the
    /// table lands with the next `Lab::update`.
    pub fn start_reading_data(&mut self, path: &Path, cx: &mut LabCx<'_>) {
        let path = path.to_path_buf();
        let read = move || preset::open_data_file(&path);
        match cx.jobs {
            Some(jobs) => {
                self.data_job.start(jobs, move |_| read());
            }
            None => self.land_data(read(), cx),
        }
    }

    /// Folds a data file that has been read in (never waits).
    pub(super) fn poll_data(&mut self, cx: &mut LabCx<'_>) {
        let mut arrived = None;
        self.data_job
            .poll(|()| {}, |result, _| arrived = Some(result));
        if let Some(result) = arrived {
            self.land_data(result, cx);
        }
    }

    /// A read data file: train on it, or keep the experiment and say why not.
    fn land_data(&mut self, result: Result<FileData, String>, cx: &mut LabCx<'_>) {
        match result {
            Ok(data) => {
                cx.notices.clear_errors();
                crate::app::lab::Requests::apply(
                    self,
                    NetworkCommand::SetFileData(Arc::new(data)),
                    cx,
                );
            }
            Err(message) => cx.notices.error(crate::i18n::fill(
                "net.notice.cannot_read_data",
                &[&message],
            )),
        }
    }

    /// The shown run at the playback step, when `on_screen` (the run and step of a picture)
    /// is not it: the run, the step whose weights are kept at or before the cursor (every
    /// step's unless the runs were larger than the record budget; the pictures say which step
    /// they show), the network in eval mode with that step's running statistics (BatchNorm),
    /// and its weights.
    fn followed(&self, on_screen: Option<(usize, usize)>) -> Option<(usize, usize, Mlp, Vec<f64>)> {
        let run = self.shown_run();
        let network = self.network.as_ref()?;
        let trajectory = network.trajectories.get(run)?;
        if trajectory.is_empty() {
            return None;
        }
        let step = trajectory.stored_step(self.cursor_step());
        if on_screen == Some((run, step)) {
            return None;
        }
        let theta = trajectory.point(step).to_vec();
        let mlp = pipeline::at_state(&network.mlp, trajectory, step).ok()?;
        Some((run, step, mlp, theta))
    }

    /// Starts a boundary job when the one on screen is not of the shown run at the playback
    /// step and none is running.
    pub(super) fn follow_boundary(&mut self, cx: &LabCx<'_>) {
        let Some(jobs) = cx.jobs else {
            return;
        };
        if self.boundary_job.busy() {
            return;
        }
        let on_screen = self.boundary.as_ref().map(|b| (b.run, b.step));
        let Some((run, step, mlp, theta)) = self.followed(on_screen) else {
            return;
        };
        let data = self.data.clone();
        self.boundary_job.start(jobs, move |_| {
            boundary::boundary(&mlp, &theta, &data).map(|shape| Boundary { run, step, shape })
        });
    }

    /// Starts a diagram job, like [`NetworkLab::follow_boundary`], while the diagram is shown.
    pub(super) fn follow_diagram(&mut self, cx: &LabCx<'_>) {
        let Some(jobs) = cx.jobs else {
            return;
        };
        if !self.experiment.view.diagram || self.diagram_job.busy() {
            return;
        }
        let on_screen = self
            .diagram
            .as_ref()
            .map(|d| (d.diagram.run, d.diagram.step));
        let Some((run, step, mlp, theta)) = self.followed(on_screen) else {
            return;
        };
        let data = self.data.clone();
        self.diagram_job.start(jobs, move |_| {
            diagram::diagram(&mlp, &theta, &data, run, step)
        });
    }

    /// Folds an arrived diagram in, uploading its pictures (never waits).
    pub(super) fn poll_diagram(&mut self, ctx: &egui::Context) {
        let mut arrived = None;
        self.diagram_job
            .poll(|()| {}, |diagram, _| arrived = diagram);
        if let Some(diagram) = arrived {
            self.diagram = Some(DiagramPicture::upload(ctx, diagram, self.diagram.take()));
        }
    }
}
