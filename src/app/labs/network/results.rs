//! The Network lab's results made ready to draw, once when they land: the trained runs as
//! loss and accuracy series with the data scatter, and the plane with the paths projected
//! onto it and how far they are from it ([`PlaneView`]).

use std::sync::Arc;

use egui_plot::PlotPoint;

use crate::app::picture::TrainedRuns;
use crate::core::network::plane::NetworkPlane;
use crate::core::train::Trajectory;
use crate::preset::PlaneKind;

use super::{NetworkLab, TrainedNetwork, boundary};

/// The plane on screen: what it is, and how honest the projection is.
#[derive(Clone, Debug)]
pub struct PlaneView {
    /// Which plane.
    pub kind: PlaneKind,
    /// For PCA, the explained variance ratio of each axis.
    pub explained_variance_ratio: Option<[f64; 2]>,
    /// Per run and step, the distance from the point to the plane (of the stored point at or
    /// before the step, when not every point is kept).
    pub distances: Vec<Vec<f64>>,
    /// Per run, (step, training loss at the projected point): the surface under the path.
    pub plane_loss_curves: Vec<Vec<PlotPoint>>,
    /// ‖θ_final‖ of run 0, to put distances in proportion.
    pub final_norm: f64,
    /// The plane and projections as computed (for the trajectory export).
    pub projection: std::sync::Arc<NetworkPlane>,
}

impl NetworkLab {
    pub(super) fn set_trained(&mut self, trained: std::sync::Arc<TrainedNetwork>) {
        self.trained_generation = self.pipeline.generation();
        let e = &self.experiment;
        // The loss curves need no parameters: keep one copy of them (in `network`).
        let stripped: Vec<Trajectory> = trained
            .trajectories
            .iter()
            .map(|t| Trajectory {
                dim: 0,
                params: Vec::new(),
                stride: 1,
                train_loss: t.train_loss.clone(),
                test_loss: t.test_loss.clone(),
                lr: t.lr.clone(),
                status: t.status,
                state_dim: 0,
                states: Vec::new(),
            })
            .collect();
        let runs = TrainedRuns::with_paths(
            e.runs.clone(),
            e.dataset.n_train,
            stripped,
            vec![Vec::new(); trained.trajectories.len()],
        );
        self.playback.cursor_step = self.playback.cursor_step.min(runs.last_step as f64);
        self.loss_range = crate::app::picture::loss_range(
            &runs.trajectories,
            &[&runs.train_curves, &runs.test_curves],
        );
        self.trained = Some(runs);
        self.accuracy = trained
            .accuracy
            .iter()
            .map(|curve| {
                let series = |values: &[f64]| -> Vec<PlotPoint> {
                    curve
                        .steps
                        .iter()
                        .zip(values)
                        .filter(|(_, a)| a.is_finite())
                        .map(|(&s, &a)| PlotPoint::new(s as f64, a))
                        .collect()
                };
                (series(&curve.train), series(&curve.test))
            })
            .collect();
        // Data of many features is projected on a worker (`NetworkLab::poll_points`).
        self.data = if boundary::needs_principal_axes(&trained.mlp) {
            boundary::DataPoints::default()
        } else {
            boundary::data_points(&trained.mlp)
        };
        self.plane = None;
        self.boundary = None;
        self.diagram = None;
        self.network = Some(trained);
    }

    pub(super) fn set_plane(&mut self, plane: std::sync::Arc<NetworkPlane>) {
        if let Some(trained) = &mut self.trained {
            trained.paths = plane
                .coords
                .iter()
                .map(|run| run.iter().map(|&[a, b]| PlotPoint::new(a, b)).collect())
                .collect();
        }
        let final_norm = self.network.as_ref().map_or(0.0, |n| {
            n.trajectories.first().map_or(0.0, |t| {
                let last = t.point(t.len().saturating_sub(1));
                crate::core::optim::l2_norm(last)
            })
        });
        let log = self.trained.as_ref().is_some_and(|t| t.log_loss);
        let trajectories = self.network.as_ref().map(|n| Arc::clone(&n.trajectories));
        // The loss under the path is drawn at the steps whose weights were kept (every step
        // unless the runs were too large for the record budget): a line between measured
        // points, not a staircase of held ones.
        let stored = |run: usize, step: usize| {
            trajectories
                .as_ref()
                .and_then(|t| t.get(run))
                .is_none_or(|t| t.is_stored(step))
        };
        self.plane = Some(PlaneView {
            kind: self.experiment.view.plane,
            explained_variance_ratio: plane.explained_variance_ratio,
            distances: plane.distances.clone(),
            plane_loss_curves: plane
                .plane_losses
                .iter()
                .enumerate()
                .map(|(run, losses)| {
                    losses
                        .iter()
                        .enumerate()
                        .filter(|&(i, l)| l.is_finite() && (!log || *l > 0.0) && stored(run, i))
                        .map(|(i, &l)| {
                            PlotPoint::new(i as f64, if log { libm::log10(l) } else { l })
                        })
                        .collect()
                })
                .collect(),
            final_norm,
            projection: plane,
        });
    }
}
