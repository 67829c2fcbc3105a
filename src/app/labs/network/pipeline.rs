//! The Network lab's pipeline: train every run from the same initial weights, measure
//! accuracy at checkpoints, build the plane (random filter-normalized, PCA or through two
//! solutions) and project the paths onto it, then the landscape grid on the plane — a
//! quarter-resolution pass first, then the full grid row by row with progress. Each stage
//! reports as soon as it is done, so the loss curves and the decision boundary appear before
//! the landscape. Starting from trained runs skips the training.

use std::sync::Arc;

use crate::core::landscape::{Grid, GridSpec};
use crate::core::network::mlp::Mlp;
use crate::core::train::Trajectory;
use crate::jobs::tasks::{self, AccuracyCurve, NetworkPlane};
use crate::preset::NetworkExperiment;

/// Accuracy checkpoints per run.
const ACCURACY_POINTS: usize = 80;

/// What the pipeline reports while it runs.
#[derive(Debug)]
pub enum NetProgress {
    /// The runs are trained.
    Trained(Box<TrainedNetwork>),
    /// The plane is known and the paths projected onto it.
    Plane(Box<NetworkPlane>),
    /// The plane could not be built (e.g. every run diverged at once).
    PlaneFailed(String),
    /// The quarter-resolution first pass of the landscape.
    Coarse(Grid),
    /// Fraction of the full grid's rows done, in [0, 1].
    Rows(f32),
}

/// The trained runs of a pipeline: the network with its data, the full trajectories, and
/// the accuracy at checkpoints.
#[derive(Debug)]
pub struct TrainedNetwork {
    /// The network on its train and test sets.
    pub mlp: Arc<Mlp>,
    /// One per run, with every recorded parameter vector.
    pub trajectories: Arc<Vec<Trajectory>>,
    /// One per run (empty curves for regression).
    pub accuracy: Vec<AccuracyCurve>,
}

/// The whole pipeline of one generation (see the module docs).
pub fn pipeline(
    experiment: &NetworkExperiment,
    reuse: Option<(Arc<Mlp>, Arc<Vec<Trajectory>>)>,
    job: &crate::jobs::JobCtx<NetProgress, Option<Grid>>,
) -> Option<Grid> {
    let cancel = job.cancel_flag();
    let (mlp, trajectories) = match reuse {
        Some(pair) => pair,
        None => {
            let mlp = match experiment.build_mlp() {
                Ok(mlp) => Arc::new(mlp),
                Err(err) => {
                    job.progress(NetProgress::PlaneFailed(format!(
                        "cannot build the network: {err}"
                    )));
                    return None;
                }
            };
            let start = NetworkExperiment::initial_params(&mlp, experiment.seed);
            let trajectories = tasks::train_network(experiment, &mlp, &start, cancel);
            if job.cancelled() {
                return None;
            }
            let accuracy = tasks::accuracy_curves(&mlp, &trajectories, ACCURACY_POINTS, cancel);
            let trajectories = Arc::new(trajectories);
            job.progress(NetProgress::Trained(Box::new(TrainedNetwork {
                mlp: Arc::clone(&mlp),
                trajectories: Arc::clone(&trajectories),
                accuracy,
            })));
            (mlp, trajectories)
        }
    };
    if job.cancelled() {
        return None;
    }
    let plane = match tasks::network_plane(experiment, &mlp, &trajectories) {
        Ok(plane) => plane,
        Err(err) => {
            job.progress(NetProgress::PlaneFailed(format!(
                "no {} plane: {err}",
                experiment.view.plane.name()
            )));
            return None;
        }
    };
    let surface = plane.plane.clone();
    job.progress(NetProgress::Plane(Box::new(plane)));
    let view = &experiment.view;
    let spec = GridSpec::square(view.x, view.y, view.resolution);
    let coarse = tasks::network_grid(&mlp, &surface, view.layer, spec.coarse(4), cancel, &|_| {});
    if let Some(coarse) = coarse {
        job.progress(NetProgress::Coarse(coarse));
    }
    let rows = spec.ny.max(1);
    let step = (rows / 20).max(1);
    tasks::network_grid(&mlp, &surface, view.layer, spec, cancel, &|done| {
        if done % step == 0 {
            #[allow(clippy::cast_precision_loss)]
            job.progress(NetProgress::Rows(done as f32 / rows as f32));
        }
    })
}
