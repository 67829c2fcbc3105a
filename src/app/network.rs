//! The Network lab's side of the app: its session (the validated [`NetworkExperiment`], what
//! is on screen, the running jobs, its own playback), its commands ([`NetCommand`], applied
//! by `App::apply_network`), and the two jobs it runs on the app's rayon pool:
//!
//! - the **pipeline**: train every run from the same initial weights, measure accuracy at
//!   checkpoints, build the plane (random filter-normalized, PCA or through two solutions)
//!   and project the paths onto it, then the landscape grid on the plane — a quarter
//!   resolution pass first, then the full grid row by row with progress. Each stage reports
//!   as soon as it is done, so the loss curves and the decision boundary appear before the
//!   landscape. A change of the plane, layer, range or resolution reuses the trained runs
//!   and restarts from the plane.
//! - the **boundary**: the network's prediction over the input plane (or its fitted curve,
//!   for the sine) at the playback step of the selected run. One runs at a time; when it
//!   lands and the playback has moved on, the next starts, so the picture follows the
//!   animation as fast as the workers allow without ever blocking the UI thread.
//!
//! Every restart bumps the generation and drops the old handles (cancelling their jobs);
//! the old pictures stay until new ones arrive.

use std::sync::Arc;

use egui::{Color32, ColorImage};
use egui_plot::PlotPoint;

use crate::core::landscape::{Grid, GridSpec, Layer};
use crate::core::network::activation::Activation;
use crate::core::network::architecture::MAX_WIDTH;
use crate::core::network::data::{DatasetKind, MAX_CLASSES, MAX_SAMPLES};
use crate::core::network::mlp::{DataSplit, Mlp};
use crate::core::train::Trajectory;
use crate::jobs::tasks::{self, AccuracyCurve, NetworkPlane};
use crate::jobs::{JobEvent, JobHandle, Jobs};
use crate::preset::{self, NetworkExperiment, PlaneKind, limits};
use crate::ui::heatmap::ColorMap;

use super::App;
use super::state::{NoticeKind, SurfacePicture, TrainedRuns};

/// The name of the landscape's texture.
const TEXTURE: &str = "basin-network-landscape";
/// Accuracy checkpoints per run.
const ACCURACY_POINTS: usize = 80;
/// Side of the decision-boundary image, in cells.
const BOUNDARY_CELLS: usize = 96;
/// Points of the fitted curve of a regression network.
const CURVE_POINTS: usize = 200;
/// Most hidden layers the depth slider offers.
pub const MAX_DEPTH: usize = 4;
/// Largest plane half-range the range slider offers.
pub const MAX_PLANE_RANGE: f64 = 20.0;
/// Grid sides the resolution slider offers.
pub const RESOLUTION_RANGE: std::ops::RangeInclusive<usize> = 11..=201;

/// A request from the Network lab's panels.
#[derive(Clone, Debug, PartialEq)]
pub enum NetCommand {
    /// Switch the dataset (blobs keeps its class count; sine is regression).
    SetDataset(DatasetKind),
    /// Training points.
    SetTrainSize(usize),
    /// Test points.
    SetTestSize(usize),
    /// Standard deviation of the input noise.
    SetInputNoise(f64),
    /// Fraction of flipped labels.
    SetLabelNoise(f64),
    /// Classes of the blobs.
    SetClasses(usize),
    /// Seed of the data, the initial weights, the batches and the random plane.
    SetSeed(u64),
    /// Number of hidden layers (new layers take the width of the last).
    SetDepth(usize),
    /// Width of every hidden layer.
    SetWidth(usize),
    /// Hidden activation.
    SetActivation(Activation),
    /// Optimizer steps of every run.
    SetSteps(usize),
    /// Which plane the landscape is drawn on.
    SetPlane(PlaneKind),
    /// Where the random plane is centred.
    SetCentre(crate::preset::PlaneCentre),
    /// Which loss the landscape shows.
    SetLayer(Layer),
    /// Half-width of the plane's square, in plane units.
    SetRange(f64),
    /// Grid side of the landscape.
    SetResolution(usize),
}

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

/// A pipeline job: stages as progress, then the full grid (`None` if cancelled or failed).
pub type PipelineJob = JobHandle<NetProgress, Option<Grid>>;

/// The decision boundary (or fitted curve) at one step of one run.
#[derive(Debug)]
pub struct Boundary {
    /// The run it shows.
    pub run: usize,
    /// The step it shows.
    pub step: usize,
    /// What was drawn.
    pub shape: BoundaryShape,
}

/// A classifier's coloured input plane, or a regression network's curve.
#[derive(Debug)]
pub enum BoundaryShape {
    /// Predicted class colours over the input box (row 0 at the top).
    Image(ColorImage),
    /// The fitted curve over the input range.
    Curve(Vec<PlotPoint>),
}

/// A boundary job: no progress, then the boundary (`None` if the network cannot predict).
pub type BoundaryJob = JobHandle<(), Option<Boundary>>;

/// The boundary on screen.
pub struct BoundaryPicture {
    /// The run it shows.
    pub run: usize,
    /// The step it shows.
    pub step: usize,
    /// The coloured input plane, uploaded (classification).
    pub texture: Option<egui::TextureHandle>,
    /// The fitted curve (regression).
    pub curve: Vec<PlotPoint>,
}

/// The Network lab's own playback (the Playground keeps its own).
#[derive(Clone, Debug, PartialEq)]
pub struct Playback {
    /// The playback position, in steps (fractional while animating).
    pub cursor_step: f64,
    /// Whether it advances.
    pub playing: bool,
    /// Steps per second.
    pub speed_steps_per_sec: f64,
}

/// The training and test points, split by class, for the scatter plot.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataPoints {
    /// Training points per class (one list for regression: `[x, y]`).
    pub train: Vec<Vec<PlotPoint>>,
    /// Test points per class.
    pub test: Vec<Vec<PlotPoint>>,
    /// The input box drawn: `[x0, x1]`.
    pub x: [f64; 2],
    /// `[y0, y1]` (the target range for regression).
    pub y: [f64; 2],
    /// Whether the task is regression (a curve, not a coloured plane).
    pub regression: bool,
}

/// The plane on screen: what it is, and how honest the projection is.
#[derive(Clone, Debug)]
pub struct PlaneView {
    /// Which plane.
    pub kind: PlaneKind,
    /// For PCA, the explained variance ratio of each axis.
    pub explained_variance_ratio: Option<[f64; 2]>,
    /// Per run and point, the distance from the point to the plane.
    pub distances: Vec<Vec<f64>>,
    /// Per run, (step, training loss at the projected point): the surface under the path.
    pub plane_loss_curves: Vec<Vec<PlotPoint>>,
    /// ‖θ_final‖ of run 0, to put distances in proportion.
    pub final_norm: f64,
    /// The plane and projections as computed (for the trajectory export).
    pub projection: NetworkPlane,
}

/// Where the pipeline is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Stage {
    /// Nothing running.
    Idle,
    /// Training the runs.
    Training,
    /// Building the plane and projecting the paths.
    Plane,
    /// The landscape grid, this fraction done.
    Landscape(f32),
}

/// The Network lab's session.
pub struct NetworkSession {
    /// The validated experiment being shown and edited.
    pub experiment: NetworkExperiment,
    /// The preset's name or path.
    pub preset_name: String,
    /// The newest generation handed out.
    pub generation: u64,
    /// The generation of the trained runs on screen (0 before the first).
    pub trained_generation: u64,
    /// The generation of the full-resolution landscape on screen (0 before the first).
    pub picture_generation: u64,
    /// The running pipeline.
    pub job: Option<PipelineJob>,
    /// Where the running pipeline is.
    pub stage: Stage,
    /// The trained network behind the pictures on screen.
    pub network: Option<TrainedNetwork>,
    /// Loss curves, paths on the plane and legends.
    pub trained: Option<TrainedRuns>,
    /// Accuracy curves as plot series: per run, (train, test) of (step, accuracy).
    pub accuracy: Vec<(Vec<PlotPoint>, Vec<PlotPoint>)>,
    /// The scatter of the data on screen.
    pub data: DataPoints,
    /// The loss plot's y range (log10 units when the losses are on a log axis): the train and
    /// test curves of the runs on screen.
    pub loss_range: [f64; 2],
    /// The plane on screen.
    pub plane: Option<PlaneView>,
    /// The landscape on screen.
    pub picture: Option<SurfacePicture>,
    /// The boundary on screen.
    pub boundary: Option<BoundaryPicture>,
    /// The running boundary job.
    pub boundary_job: Option<BoundaryJob>,
    /// Playback of this lab.
    pub playback: Playback,
    /// Why the last pipeline stopped short, if it did.
    pub error: Option<String>,
}

impl NetworkSession {
    /// A session for `experiment`, nothing computed yet.
    #[must_use]
    pub fn new(experiment: NetworkExperiment, preset_name: String) -> Self {
        let speed = super::race_speed(experiment.steps);
        Self {
            experiment,
            preset_name,
            generation: 0,
            trained_generation: 0,
            picture_generation: 0,
            job: None,
            stage: Stage::Idle,
            network: None,
            trained: None,
            accuracy: Vec::new(),
            data: DataPoints::default(),
            loss_range: [0.0, 1.0],
            plane: None,
            picture: None,
            boundary: None,
            boundary_job: None,
            playback: Playback {
                cursor_step: 0.0,
                playing: true,
                speed_steps_per_sec: speed,
            },
            error: None,
        }
    }

    /// The session of [`preset::DEFAULT_NETWORK_PRESET`].
    ///
    /// # Errors
    /// A message if the built-in preset does not load as a network preset.
    pub fn default_session() -> Result<Self, String> {
        match preset::load_all(preset::DEFAULT_NETWORK_PRESET, &[]) {
            Ok(preset::AnyPreset::Network(e)) => {
                Ok(Self::new(e, preset::DEFAULT_NETWORK_PRESET.to_string()))
            }
            Ok(_) => Err(format!(
                "{} is not a network preset",
                preset::DEFAULT_NETWORK_PRESET
            )),
            Err(err) => Err(err.to_string()),
        }
    }

    /// Whether a job is still computing.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// The last step of the playback.
    #[must_use]
    pub fn last_step(&self) -> usize {
        self.trained
            .as_ref()
            .map_or(self.experiment.steps, |t| t.last_step)
    }

    /// The playback position in whole steps.
    #[must_use]
    pub fn cursor_step(&self) -> usize {
        // The cursor is clamped to [0, last step], so the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let step = self.playback.cursor_step.max(0.0).floor() as usize;
        step
    }

    /// Starts the pipeline: from the training when `retrain` (or nothing is trained yet),
    /// else from the plane with the runs on screen.
    pub fn restart(&mut self, jobs: &Jobs, retrain: bool) {
        self.generation += 1;
        self.error = None;
        let experiment = Arc::new(self.experiment.clone());
        let reuse = if retrain {
            None
        } else {
            self.network
                .as_ref()
                .map(|n| (Arc::clone(&n.mlp), Arc::clone(&n.trajectories)))
        };
        self.stage = if reuse.is_some() {
            Stage::Plane
        } else {
            Stage::Training
        };
        if reuse.is_none() {
            self.playback.cursor_step = 0.0;
            self.playback.playing = true;
            self.boundary_job = None;
        }
        self.job = Some(jobs.spawn(self.generation, move |job| {
            pipeline(&experiment, reuse, job)
        }));
    }

    /// Folds every event that has arrived into the session (never waits). Returns whether
    /// anything changed.
    pub fn poll(&mut self, ctx: &egui::Context, colormap: ColorMap) -> bool {
        let mut changed = false;
        if let Some(job) = &mut self.job {
            let generation = job.generation();
            let events = job.drain();
            let done = job.is_done();
            for event in events {
                changed = true;
                match event {
                    JobEvent::Progress(NetProgress::Trained(trained)) => {
                        self.set_trained(*trained, generation);
                        self.stage = Stage::Plane;
                    }
                    JobEvent::Progress(NetProgress::Plane(plane)) => {
                        self.set_plane(*plane);
                        self.stage = Stage::Landscape(0.0);
                    }
                    JobEvent::Progress(NetProgress::PlaneFailed(message)) => {
                        self.error = Some(message);
                    }
                    JobEvent::Progress(NetProgress::Coarse(grid)) => {
                        self.set_picture(ctx, grid, colormap);
                    }
                    JobEvent::Progress(NetProgress::Rows(f)) => self.stage = Stage::Landscape(f),
                    JobEvent::Finished(grid) => {
                        if let Some(grid) = grid {
                            self.picture_generation = generation;
                            self.set_picture(ctx, grid, colormap);
                        }
                    }
                }
            }
            if done {
                self.job = None;
                self.stage = Stage::Idle;
            }
        }
        changed |= self.poll_boundary(ctx);
        changed
    }

    fn set_trained(&mut self, trained: TrainedNetwork, generation: u64) {
        self.trained_generation = generation;
        let e = &self.experiment;
        // The loss curves need no parameters: keep one copy of them (in `network`).
        let stripped: Vec<Trajectory> = trained
            .trajectories
            .iter()
            .map(|t| Trajectory {
                dim: 0,
                params: Vec::new(),
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
        self.loss_range = loss_range(&runs);
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
        self.data = data_points(&trained.mlp);
        self.plane = None;
        self.boundary = None;
        self.network = Some(trained);
    }

    fn set_plane(&mut self, plane: NetworkPlane) {
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
        self.plane = Some(PlaneView {
            kind: self.experiment.view.plane,
            explained_variance_ratio: plane.explained_variance_ratio,
            distances: plane.distances.clone(),
            plane_loss_curves: plane
                .plane_losses
                .iter()
                .map(|losses| {
                    losses
                        .iter()
                        .enumerate()
                        .filter(|(_, l)| l.is_finite() && (!log || **l > 0.0))
                        .map(|(i, &l)| PlotPoint::new(i as f64, if log { l.log10() } else { l }))
                        .collect()
                })
                .collect(),
            final_norm,
            projection: plane,
        });
    }

    fn set_picture(&mut self, ctx: &egui::Context, grid: Grid, colormap: ColorMap) {
        let log_scale = grid.layer != Layer::Gap;
        SurfacePicture::replace(&mut self.picture, ctx, TEXTURE, grid, log_scale, colormap);
    }

    /// Recolours the landscape after a colour-map change.
    pub fn repaint_picture(&mut self, ctx: &egui::Context, colormap: ColorMap) {
        SurfacePicture::recolour(&mut self.picture, ctx, TEXTURE, colormap);
    }

    fn poll_boundary(&mut self, ctx: &egui::Context) -> bool {
        let Some(job) = &mut self.boundary_job else {
            return false;
        };
        let mut arrived = None;
        for event in job.drain() {
            if let JobEvent::Finished(boundary) = event {
                arrived = boundary;
            }
        }
        let done = job.is_done();
        if done {
            self.boundary_job = None;
        }
        let Some(boundary) = arrived else {
            return done;
        };
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
        };
        self.boundary = Some(BoundaryPicture {
            run: boundary.run,
            step: boundary.step,
            texture,
            curve,
        });
        true
    }

    /// Starts a boundary job when the one on screen is not of `run` at the playback step and
    /// none is running.
    pub fn request_boundary(&mut self, jobs: &Jobs, run: usize) {
        if self.boundary_job.is_some() {
            return;
        }
        let Some(network) = &self.network else {
            return;
        };
        let Some(trajectory) = network.trajectories.get(run) else {
            return;
        };
        if trajectory.is_empty() {
            return;
        }
        let step = self.cursor_step().min(trajectory.len() - 1);
        if self
            .boundary
            .as_ref()
            .is_some_and(|b| b.run == run && b.step == step)
        {
            return;
        }
        let theta = trajectory.point(step).to_vec();
        let mlp = Arc::clone(&network.mlp);
        let data = self.data.clone();
        self.boundary_job = Some(jobs.spawn(self.generation, move |_| {
            boundary(&mlp, &theta, &data).map(|shape| Boundary { run, step, shape })
        }));
    }
}

/// The network experiment used when not even the default preset loads: moons, a 2-32-32-1
/// tanh network and SGD with momentum (the shape of the default preset, built in code).
#[must_use]
pub fn fallback_network() -> NetworkExperiment {
    use crate::core::network::data::DatasetSpec;
    use crate::core::optim::{OptimizerKind, OptimizerSpec};
    use crate::core::train::RunSpec;
    use crate::preset::NetworkView;
    let seed = 7;
    let mut dataset = DatasetSpec::new(DatasetKind::Moons, 512, 512);
    dataset.noise = 0.1;
    dataset.seed = seed;
    let mut sgd = OptimizerSpec::defaults(OptimizerKind::Sgd);
    sgd.lr = 0.1;
    sgd.momentum = 0.9;
    let mut run = RunSpec::new(sgd);
    run.batch_size = 64;
    NetworkExperiment {
        name: "Moons".to_string(),
        description: "Two interleaving half-moons and a 2-32-32-1 tanh network.".to_string(),
        seed,
        dataset,
        hidden: vec![32, 32],
        activation: Activation::Tanh,
        batchnorm: None,
        steps: 300,
        runs: vec![run],
        view: NetworkView {
            plane: PlaneKind::Random,
            centre: crate::preset::PlaneCentre::Final,
            x: [-1.0, 1.0],
            y: [-1.0, 1.0],
            resolution: 101,
            layer: Layer::Train,
        },
        sweep: None,
    }
}

/// The whole pipeline of one generation (see the module docs).
fn pipeline(
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

/// The colour of class `c` in the data and boundary pictures.
#[must_use]
pub fn class_color(c: usize) -> Color32 {
    // Orange and blue first (the two classes of most datasets), then the rest of Okabe–Ito.
    const CLASSES: [Color32; 6] = [
        Color32::from_rgb(0xE6, 0x9F, 0x00),
        Color32::from_rgb(0x00, 0x72, 0xB2),
        Color32::from_rgb(0x00, 0x9E, 0x73),
        Color32::from_rgb(0xCC, 0x79, 0xA7),
        Color32::from_rgb(0xD5, 0x5E, 0x00),
        Color32::from_rgb(0x56, 0xB4, 0xE9),
    ];
    CLASSES[c % CLASSES.len()]
}

/// The loss plot's y range: the runs' train and test curves (in plot units), diverged runs
/// left out unless every run diverged, with a 5 % margin.
fn loss_range(trained: &TrainedRuns) -> [f64; 2] {
    let fold = |only_converging: bool| {
        trained
            .train_curves
            .iter()
            .zip(&trained.test_curves)
            .zip(&trained.trajectories)
            .filter(|(_, t)| !only_converging || !t.diverged())
            .flat_map(|((a, b), _)| a.iter().chain(b))
            .map(|p| p.y)
            .filter(|y| y.is_finite())
            .fold(None, |acc: Option<[f64; 2]>, y| match acc {
                None => Some([y, y]),
                Some([lo, hi]) => Some([lo.min(y), hi.max(y)]),
            })
    };
    let Some([lo, hi]) = fold(true).or_else(|| fold(false)) else {
        return trained.loss_range;
    };
    let pad = ((hi - lo) * 0.05).max(1e-9);
    [lo - pad, hi + pad]
}

/// The scatter of a network's data and the box around it.
fn data_points(mlp: &Mlp) -> DataPoints {
    let regression = mlp.architecture().inputs() == 1;
    let classes = match mlp.architecture().loss() {
        crate::core::network::architecture::Loss::CrossEntropy => mlp.architecture().outputs(),
        crate::core::network::architecture::Loss::BceWithLogits => 2,
        crate::core::network::architecture::Loss::Mse => 1,
    };
    let split = |which: DataSplit| -> Vec<Vec<PlotPoint>> {
        let data = mlp.split(which);
        let mut by_class = vec![Vec::new(); classes];
        for (row, &y) in data.x.rows().into_iter().zip(&data.y) {
            let point = if regression {
                PlotPoint::new(row[0], y)
            } else {
                PlotPoint::new(row[0], row[1])
            };
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let class = if regression { 0 } else { y.max(0.0) as usize };
            if let Some(list) = by_class.get_mut(class) {
                list.push(point);
            }
        }
        by_class
    };
    let train = split(DataSplit::Train);
    let test = split(DataSplit::Test);
    let bounds = |axis: usize| {
        let (lo, hi) = train
            .iter()
            .chain(&test)
            .flatten()
            .map(|p| if axis == 0 { p.x } else { p.y })
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        if lo.is_finite() && hi > lo {
            let pad = 0.08 * (hi - lo);
            [lo - pad, hi + pad]
        } else {
            [-1.5, 1.5]
        }
    };
    DataPoints {
        x: bounds(0),
        y: bounds(1),
        train,
        test,
        regression,
    }
}

/// The boundary picture of `theta` over the box of `data`.
fn boundary(mlp: &Mlp, theta: &[f64], data: &DataPoints) -> Option<BoundaryShape> {
    if data.regression {
        let [x0, x1] = data.x;
        let xs: Vec<f64> = (0..CURVE_POINTS)
            .map(|i| x0 + (x1 - x0) * i as f64 / (CURVE_POINTS - 1) as f64)
            .collect();
        let ys = mlp.predict_curve(theta, &xs).ok()?;
        return Some(BoundaryShape::Curve(
            xs.iter()
                .zip(ys)
                .filter(|(_, y)| y.is_finite())
                .map(|(&x, y)| PlotPoint::new(x, y))
                .collect(),
        ));
    }
    let spec = GridSpec::square(data.x, data.y, BOUNDARY_CELLS);
    let predictions = mlp.predict_grid(theta, &spec).ok()?;
    let (ny, nx, c) = predictions.dim();
    let mut pixels = Vec::with_capacity(nx * ny);
    for r in 0..ny {
        let i = ny - 1 - r;
        for j in 0..nx {
            let color = if c == 1 {
                let p = predictions[[i, j, 0]];
                if p.is_finite() {
                    blend(class_color(0), class_color(1), p, (2.0 * p - 1.0).abs())
                } else {
                    Color32::GRAY
                }
            } else {
                let (best, p) = (0..c).fold((0, f32::NEG_INFINITY), |(bk, bp), k| {
                    let v = predictions[[i, j, k]];
                    if v > bp { (k, v) } else { (bk, bp) }
                });
                if p.is_finite() {
                    let floor = 1.0 / c as f32;
                    let confidence = ((p - floor) / (1.0 - floor)).clamp(0.0, 1.0);
                    blend(class_color(best), class_color(best), 0.0, confidence)
                } else {
                    Color32::GRAY
                }
            };
            pixels.push(color);
        }
    }
    Some(BoundaryShape::Image(ColorImage::new([nx, ny], pixels)))
}

/// `a` to `b` by `t` in [0, 1], washed towards a neutral grey where `confidence` is low, so
/// the boundary (p = ½) is grey and the certain regions carry their class colour.
fn blend(a: Color32, b: Color32, t: f32, confidence: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let strength = 0.25 + 0.6 * confidence.clamp(0.0, 1.0);
    let grey = 0x80 as f32;
    let mix = |x: u8, y: u8| {
        let c = f32::from(x) * (1.0 - t) + f32::from(y) * t;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let v = (grey + (c - grey) * strength).round().clamp(0.0, 255.0) as u8;
        v
    };
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

impl App {
    /// Applies one Network lab request: edits make a new experiment (values are clamped to
    /// what a preset accepts), then the pipeline restarts — from the training when the data,
    /// the model or the training changed, from the plane otherwise.
    pub fn apply_network(&mut self, command: NetCommand) {
        let e = &mut self.network.experiment;
        let retrain = match command {
            NetCommand::SetDataset(kind) => {
                e.dataset.kind = kind;
                if kind != DatasetKind::Blobs {
                    e.dataset.classes = 2;
                }
                true
            }
            NetCommand::SetTrainSize(n) => {
                e.dataset.n_train = n.clamp(1, MAX_SAMPLES);
                true
            }
            NetCommand::SetTestSize(n) => {
                e.dataset.n_test = n.clamp(1, MAX_SAMPLES);
                true
            }
            NetCommand::SetInputNoise(noise) => {
                e.dataset.noise = if noise.is_finite() {
                    noise.clamp(0.0, 10.0)
                } else {
                    0.0
                };
                true
            }
            NetCommand::SetLabelNoise(p) => {
                e.dataset.label_noise = if p.is_finite() {
                    p.clamp(0.0, 0.5)
                } else {
                    0.0
                };
                true
            }
            NetCommand::SetClasses(k) => {
                e.dataset.classes = k.clamp(2, MAX_CLASSES);
                true
            }
            NetCommand::SetSeed(seed) => {
                e.seed = seed.min(i64::MAX as u64);
                e.dataset.seed = e.seed;
                true
            }
            NetCommand::SetDepth(depth) => {
                let width = e.hidden.last().copied().unwrap_or(32);
                e.hidden.resize(depth.min(MAX_DEPTH), width);
                true
            }
            NetCommand::SetWidth(width) => {
                let width = width.clamp(1, MAX_WIDTH);
                for w in &mut e.hidden {
                    *w = width;
                }
                true
            }
            NetCommand::SetActivation(a) => {
                e.activation = a;
                true
            }
            NetCommand::SetSteps(steps) => {
                e.steps = steps.clamp(*limits::STEPS.start(), *limits::STEPS.end());
                self.network.playback.speed_steps_per_sec = super::race_speed(e.steps);
                true
            }
            NetCommand::SetPlane(plane) => {
                e.view.plane = plane;
                false
            }
            NetCommand::SetCentre(centre) => {
                e.view.centre = centre;
                false
            }
            NetCommand::SetLayer(layer) => {
                e.view.layer = layer;
                false
            }
            NetCommand::SetRange(half) => {
                let half = if half.is_finite() {
                    half.clamp(0.01, MAX_PLANE_RANGE)
                } else {
                    1.0
                };
                e.view.x = [-half, half];
                e.view.y = [-half, half];
                false
            }
            NetCommand::SetResolution(side) => {
                e.view.resolution = side.clamp(*RESOLUTION_RANGE.start(), *RESOLUTION_RANGE.end());
                false
            }
        };
        if let Err(err) = e.dataset.validate() {
            self.session.notify(NoticeKind::Error, err.to_string());
        }
        for run in &mut e.runs {
            if run.batch_size > e.dataset.n_train {
                run.batch_size = 0;
            }
        }
        self.restart_network(retrain);
    }

    /// Restarts the Network lab's pipeline (see [`NetworkSession::restart`]).
    pub fn restart_network(&mut self, retrain: bool) {
        if let Some(jobs) = &self.jobs {
            self.network.restart(jobs, retrain);
        }
    }

    /// Keeps the boundary following the playback of the selected run.
    pub(super) fn follow_boundary(&mut self) {
        if let Some(jobs) = &self.jobs {
            let runs = self.network.experiment.runs.len().max(1);
            self.network
                .request_boundary(jobs, self.view.selected_run.min(runs - 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moons() -> NetworkExperiment {
        match preset::load_all("moons", &[]) {
            Ok(preset::AnyPreset::Network(e)) => e,
            _ => panic!("moons is a network preset"),
        }
    }

    #[test]
    fn data_points_split_by_class_inside_the_box() {
        let e = moons();
        let mlp = e.build_mlp().expect("mlp");
        let data = data_points(&mlp);
        assert!(!data.regression);
        assert_eq!(data.train.len(), 2);
        let n: usize = data.train.iter().map(Vec::len).sum();
        assert_eq!(n, e.dataset.n_train);
        let m: usize = data.test.iter().map(Vec::len).sum();
        assert_eq!(m, e.dataset.n_test);
        for p in data.train.iter().chain(&data.test).flatten() {
            assert!(data.x[0] < p.x && p.x < data.x[1]);
            assert!(data.y[0] < p.y && p.y < data.y[1]);
        }
    }

    #[test]
    fn boundary_colours_follow_the_prediction() {
        let e = moons();
        let mlp = e.build_mlp().expect("mlp");
        let data = data_points(&mlp);
        let dim = mlp.architecture().dim();
        // All weights zero except the output bias: p = σ(b) everywhere.
        let mut theta = vec![0.0; dim];
        theta[dim - 1] = 4.0;
        let Some(BoundaryShape::Image(image)) = boundary(&mlp, &theta, &data) else {
            panic!("a classifier draws an image");
        };
        assert_eq!(image.size, [BOUNDARY_CELLS, BOUNDARY_CELLS]);
        let p = 1.0 / (1.0 + (-4.0f32).exp());
        let expected = blend(class_color(0), class_color(1), p, 2.0 * p - 1.0);
        assert!(image.pixels.iter().all(|&c| c == expected));
        // Class 1 is blue: the blue channel dominates.
        assert!(expected.b() > expected.r());
        theta[dim - 1] = -4.0;
        let Some(BoundaryShape::Image(image)) = boundary(&mlp, &theta, &data) else {
            panic!("a classifier draws an image");
        };
        assert!(image.pixels[0].r() > image.pixels[0].b());
    }

    #[test]
    fn blend_is_grey_where_unsure() {
        let grey = blend(class_color(0), class_color(1), 0.5, 0.0);
        let sure = blend(class_color(0), class_color(1), 1.0, 1.0);
        let spread = |c: Color32| c.r().max(c.g()).max(c.b()) - c.r().min(c.g()).min(c.b());
        assert!(spread(grey) < spread(sure));
    }
}
