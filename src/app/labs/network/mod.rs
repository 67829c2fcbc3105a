//! The Network lab: an MLP trained on a dataset, its decision boundary, and its loss
//! landscape on a plane through weight space with the training paths projected onto it.
//! This module is the lab's session — the validated [`NetworkExperiment`], what is on
//! screen, its two jobs, its playback and run selection — and its [`Lab`] implementation.
//! Its requests are [`commands::NetworkCommand`]; its panels are [`controls`] and [`view`].
//!
//! The jobs: the [`pipeline`] (train → plane → coarse grid → grid, each stage landing as soon
//! as it is done; a change of the plane, layer, range or resolution reuses the trained runs);
//! the small ones beside it — the [`boundary`] and the network [`diagram`] that follow the
//! playback, the principal-component scatter, reading an opened data file — live in [`follow`]. Every restart cancels
//! the running job; the old pictures stay until new ones arrive.

use std::path::Path;
use std::sync::Arc;

use egui_plot::PlotPoint;

use crate::app::lab::{DataExport, FigureMaker, Lab, LabCx, draw_then_apply};
use crate::app::notices::Notices;
use crate::app::picture::{SurfacePicture, TrainedRuns};
use crate::app::playback::Playback;
use crate::app::runs::RunSelection;
use crate::core::landscape::{Grid, Layer};
use crate::core::network::activation::Activation;
use crate::core::network::data::DatasetKind;
use crate::core::network::file_data::FileData;
use crate::jobs::grid::GridProgress;
use crate::jobs::network::{
    self as pipeline, NetworkLandscape, NetworkProgress, PipelineError, Start,
};
use crate::jobs::{JobSlot, Jobs};
use crate::preset::{self, NetworkExperiment, PlaneKind, Preset};
use crate::render::palette::ColorMap;
use crate::render::{self, Figure};

pub mod boundary;
pub mod commands;
pub mod controls;
mod data_view;
pub mod diagram;
mod diagram_view;
mod follow;
pub mod gallery;
mod results;
pub mod view;

pub use crate::jobs::network::TrainedNetwork;
pub use boundary::{Boundary, BoundaryPicture, BoundaryShape, DataPoints, class_color};
pub use commands::{MAX_DEPTH, MAX_PLANE_RANGE, NetworkCommand, RESOLUTION_RANGE};
pub use results::PlaneView;

/// The name of the landscape's texture.
const TEXTURE: &str = "basin-network-landscape";

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
pub struct NetworkLab {
    /// The validated experiment being shown and edited.
    pub experiment: NetworkExperiment,
    /// The preset's name or path.
    pub preset_name: String,
    /// The generation of the trained runs on screen (0 before the first).
    pub trained_generation: u64,
    /// The generation of the full-resolution landscape on screen (0 before the first).
    pub picture_generation: u64,
    /// The pipeline (`jobs::network`): stages as progress, then the trained runs, the plane
    /// and the full grid, or why it stopped short.
    pub pipeline: JobSlot<NetworkProgress, Result<NetworkLandscape, PipelineError>>,
    /// Where the running pipeline is.
    pub stage: Stage,
    /// The trained network behind the pictures on screen.
    pub network: Option<Arc<TrainedNetwork>>,
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
    /// The test images shown for image data (the digits), and their picture, uploaded once.
    pub gallery: Option<(gallery::GalleryImages, egui::TextureHandle)>,
    /// The boundary job: no progress, then the boundary (`None` if it cannot be drawn).
    pub boundary_job: JobSlot<(), Option<Boundary>>,
    /// The network diagram on screen ("Inside the network").
    pub diagram: Option<diagram::DiagramPicture>,
    /// The diagram job, run while the diagram is shown: like the boundary's.
    pub diagram_job: JobSlot<(), Option<diagram::Diagram>>,
    /// Playback of this lab.
    pub playback: Playback,
    /// Which run the run editor edits (and the boundary shows).
    pub runs: RunSelection,
    /// Why the last pipeline stopped short, if it did.
    pub error: Option<String>,
    /// Reading a data file opened in the window ("Open data…", a dropped file): the file's
    /// table, or the reader's message (file, line, column).
    pub data_job: JobSlot<(), Result<FileData, String>>,
    /// The scatter of data of many features on its principal components, computed on a
    /// worker after each training.
    pub points_job: JobSlot<(), DataPoints>,
}

impl NetworkLab {
    /// A session for `experiment`, nothing computed yet.
    #[must_use]
    pub fn new(experiment: NetworkExperiment, preset_name: String) -> Self {
        let playback = Playback::for_steps(experiment.steps);
        Self {
            experiment,
            preset_name,
            trained_generation: 0,
            picture_generation: 0,
            pipeline: JobSlot::default(),
            stage: Stage::Idle,
            network: None,
            trained: None,
            accuracy: Vec::new(),
            data: DataPoints::default(),
            loss_range: [0.0, 1.0],
            plane: None,
            picture: None,
            boundary: None,
            gallery: None,
            boundary_job: JobSlot::default(),
            diagram: None,
            diagram_job: JobSlot::default(),
            playback,
            runs: RunSelection::default(),
            error: None,
            data_job: JobSlot::default(),
            points_job: JobSlot::default(),
        }
    }

    /// The session of [`preset::DEFAULT_NETWORK_PRESET`] (a built-in moons network with a
    /// notice if it does not load as a network preset).
    #[must_use]
    pub fn default_lab(notices: &mut Notices) -> Self {
        let name = preset::DEFAULT_NETWORK_PRESET;
        let experiment = match preset::load(name, &[]) {
            Ok(Preset::Network(e)) => e,
            Ok(_) => {
                let why = crate::i18n::fill("preset.notice.not_network", &[&name]);
                notices.error(crate::i18n::fill("common.notice.fallback_network", &[&why]));
                fallback_network()
            }
            Err(err) => {
                notices.error(crate::i18n::fill("common.notice.fallback_network", &[&err]));
                fallback_network()
            }
        };
        Self::new(experiment, name.to_string())
    }

    /// The newest generation of the pipeline handed out.
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.pipeline.generation()
    }

    /// The playback position in whole steps.
    #[must_use]
    pub fn cursor_step(&self) -> usize {
        self.playback.step()
    }

    /// The run whose boundary and distances are shown: the selected one.
    #[must_use]
    pub fn shown_run(&self) -> usize {
        self.runs.index(self.experiment.runs.len())
    }

    /// Starts the pipeline: from the training when `retrain` (or nothing is trained yet),
    /// else from the plane with the runs on screen.
    pub fn restart_pipeline(&mut self, cx: &LabCx<'_>, retrain: bool) {
        let Some(jobs) = cx.jobs else {
            return;
        };
        self.error = None;
        let start = match &self.network {
            Some(trained) if !retrain => Start::Trained(Arc::clone(trained)),
            _ => Start::Train,
        };
        self.stage = match start {
            Start::Trained(_) => Stage::Plane,
            Start::Train => {
                self.playback.rewind();
                self.boundary_job.cancel();
                self.diagram_job.cancel();
                Stage::Training
            }
        };
        let task = pipeline::PipelineTask {
            experiment: self.experiment.clone(),
            start,
        };
        self.pipeline.start_task(jobs, task);
    }

    /// Folds the pipeline's stages in as they land (never waits).
    fn poll_pipeline(&mut self, ctx: &egui::Context, jobs: Option<&Jobs>, colormap: ColorMap) {
        let mut events = Vec::new();
        let mut finished = None;
        self.pipeline.poll(
            |p| events.push(p),
            |grid, generation| finished = Some((grid, generation)),
        );
        for event in events {
            match event {
                NetworkProgress::Trained(trained) => {
                    // The exact final losses (shortest round-trip decimals), for comparing
                    // a build with another: the web test checks the browser's against the
                    // CLI's `basin trajectory` (the same bits on every machine).
                    for (run, t) in trained.trajectories.iter().enumerate() {
                        let (train, test) = (t.train_loss.last(), t.test_loss.last());
                        if let (Some(train), Some(test)) = (train, test) {
                            log::info!("basin: run {run} trained: loss {train} test_loss {test}");
                        }
                    }
                    self.gallery = gallery::GalleryImages::of(&trained.mlp).map(|images| {
                        let options = egui::TextureOptions::NEAREST;
                        let texture = ctx.load_texture("basin-gallery", images.atlas(), options);
                        (images, texture)
                    });
                    if boundary::needs_principal_axes(&trained.mlp) {
                        let network = Arc::clone(&trained);
                        let points = move || boundary::data_points(&network.mlp);
                        match jobs {
                            Some(jobs) => {
                                self.points_job.start(jobs, move |_| points());
                            }
                            None => self.data = points(),
                        }
                    } else {
                        self.points_job.cancel();
                    }
                    self.set_trained(trained);
                    self.stage = Stage::Plane;
                }
                NetworkProgress::Plane(plane) => {
                    self.set_plane(plane);
                    self.stage = Stage::Landscape(0.0);
                }
                NetworkProgress::Grid(GridProgress::Coarse(grid)) => {
                    self.set_picture(ctx, grid, colormap);
                }
                NetworkProgress::Grid(GridProgress::Rows(f)) => self.stage = Stage::Landscape(f),
            }
        }
        match finished {
            Some((Ok(landscape), generation)) => {
                self.picture_generation = generation;
                self.set_picture(ctx, landscape.grid, colormap);
            }
            // Worker threads speak English: the message is worded here, in the window's
            // language.
            Some((Err(PipelineError::Build(err)), _)) => {
                self.error = Some(crate::i18n::fill("net.error.build", &[&err]));
            }
            Some((Err(PipelineError::Plane { kind, error }), _)) => {
                self.error = Some(crate::i18n::fill(
                    "net.error.plane",
                    &[&kind.name(), &error],
                ));
            }
            Some((Err(PipelineError::Running(err)), _)) => {
                self.error = Some(err.to_string());
            }
            Some((Err(PipelineError::Cancelled), _)) | None => {}
        }
        if !self.pipeline.busy() {
            self.stage = Stage::Idle;
        }
    }

    fn set_picture(&mut self, ctx: &egui::Context, grid: Grid, colormap: ColorMap) {
        let log_scale = grid.layer != Layer::Gap;
        SurfacePicture::replace(&mut self.picture, ctx, TEXTURE, grid, log_scale, colormap);
    }
}

impl Lab for NetworkLab {
    fn preset_name(&self) -> &str {
        &self.preset_name
    }

    fn open(&mut self, preset: Preset, name: String) -> Result<(), Box<Preset>> {
        let Preset::Network(experiment) = preset else {
            return Err(Box::new(preset));
        };
        self.playback.speed_steps_per_sec = crate::app::playback::race_speed(experiment.steps);
        self.experiment = experiment;
        self.preset_name = name;
        self.runs.selected = 0;
        Ok(())
    }

    fn to_toml(&self) -> String {
        preset::network_to_toml(&self.experiment)
    }

    fn restart(&mut self, cx: &mut LabCx<'_>) {
        self.restart_pipeline(cx, true);
    }

    fn needs_start(&self) -> bool {
        self.trained.is_none() && !self.busy()
    }

    fn busy(&self) -> bool {
        self.pipeline.busy() || self.points_job.busy()
    }

    fn update(&mut self, cx: &mut LabCx<'_>) {
        use crate::app::frame_parts::part;
        self.poll_data(cx);
        part("network", "results", || {
            self.poll_pipeline(cx.ctx, cx.jobs, cx.prefs.colormap);
        });
        self.poll_points();
        part("network", "boundary", || self.poll_boundary(cx.ctx));
        part("network", "diagram", || self.poll_diagram(cx.ctx));
        let dt = f64::from(cx.ctx.input(|i| i.stable_dt).min(0.1));
        if self.trained.is_some() {
            #[allow(clippy::cast_precision_loss)]
            let end = self.last_step() as f64;
            if self.playback.advance(dt, end, self.pipeline.busy()) {
                cx.ctx.request_repaint();
            }
            self.follow_boundary(cx);
            self.follow_diagram(cx);
        }
    }

    fn controls_ui(&mut self, ui: &mut egui::Ui, cx: &mut LabCx<'_>) {
        draw_then_apply(self, ui, cx, controls::controls_ui);
    }

    fn central_ui(&mut self, ui: &mut egui::Ui, cx: &mut LabCx<'_>) {
        draw_then_apply(self, ui, cx, view::view_ui);
    }

    fn status_ui(&self, ui: &mut egui::Ui) {
        use crate::i18n::{fill, tr};
        match self.stage {
            Stage::Idle => {}
            Stage::Training => {
                ui.spinner();
                ui.label(fill(
                    "net.status.training",
                    &[&self.experiment.runs.len(), &self.experiment.steps],
                ));
            }
            Stage::Plane => {
                ui.spinner();
                ui.label(tr("net.status.plane"));
            }
            Stage::Landscape(f) => {
                ui.label(tr("common.status.landscape"));
                ui.add(crate::ui::progress_bar(f));
            }
        }
    }

    fn seed(&self) -> (u64, &'static str) {
        (self.experiment.seed, "net.status.seed.tip")
    }

    fn playback(&mut self) -> Option<&mut Playback> {
        Some(&mut self.playback)
    }

    fn last_step(&self) -> usize {
        self.trained
            .as_ref()
            .map_or(self.experiment.steps, |t| t.last_step)
    }

    fn help(&self) -> &'static [&'static str] {
        &["net.help.1", "net.help.2", "net.help.3", "net.help.4"]
    }

    fn data_export(&self) -> Option<DataExport> {
        Some(DataExport::new(
            "common.top.export_trajectories",
            "common.top.export_trajectories.tip",
            "trajectories",
            "common.notice.what_trajectories",
        ))
    }

    fn write_data(&self, path: &Path) -> Result<(), String> {
        let (Some(network), Some(plane)) = (&self.network, &self.plane) else {
            return Err(crate::i18n::tr("net.notice.no_trajectories").to_string());
        };
        // The runs that produced these trajectories (the experiment may have moved on).
        let mut experiment = self.experiment.clone();
        if let Some(trained) = &self.trained {
            experiment.runs.clone_from(&trained.runs);
        }
        crate::export::write_network_trajectories_csv(
            path,
            &experiment,
            &network.trajectories,
            &plane.projection,
        )
        .map_err(|e| e.to_string())
    }

    fn animates(&self) -> bool {
        true
    }

    fn figure(&self, name: &str, lang: crate::i18n::Lang) -> Result<FigureMaker, &'static str> {
        let (Some(picture), Some(trained), Some(plane)) =
            (&self.picture, &self.network, &self.plane)
        else {
            return Err("common.notice.nothing_yet_runs");
        };
        let experiment = self.experiment.clone();
        let grid = picture.grid.clone();
        let trajectories = Arc::clone(&trained.trajectories);
        let projection = plane.projection.clone();
        let colormap = picture.colormap;
        let name = name.to_string();
        Ok(Box::new(move || {
            let mut figure = render::LandscapeFigure::network(
                &experiment,
                &name,
                grid,
                &trajectories,
                &projection,
                lang,
            );
            figure.colormap = colormap;
            Figure::Landscape(Box::new(figure))
        }))
    }

    fn recolour(&mut self, ctx: &egui::Context, colormap: ColorMap) {
        SurfacePicture::recolour(&mut self.picture, ctx, TEXTURE, colormap);
    }

    fn open_data(&mut self, path: &Path, cx: &mut LabCx<'_>) -> bool {
        self.start_reading_data(path, cx);
        true
    }

    fn screenshot_ready(&mut self) -> bool {
        if self.trained.is_some() {
            // The boundary follows the cursor: put it at the end before the picture is ready.
            #[allow(clippy::cast_precision_loss)]
            self.playback.show_end(self.last_step() as f64);
        }
        (self.picture_generation > 0 || self.error.is_some())
            && !self.busy()
            && !self.boundary_job.busy()
            && self
                .boundary
                .as_ref()
                .is_some_and(|b| b.step == self.last_step())
            && (!self.experiment.view.diagram
                || !self.diagram_job.busy()
                    && self
                        .diagram
                        .as_ref()
                        .is_some_and(|d| d.diagram.step == self.last_step()))
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
        steps: 300,
        runs: vec![run],
        view: NetworkView {
            plane: PlaneKind::Random,
            centre: crate::preset::PlaneCentre::Final,
            x: [-1.0, 1.0],
            y: [-1.0, 1.0],
            resolution: 101,
            layer: Layer::Train,
            diagram: false,
        },
        sweep: None,
        batchnorm: None,
    }
}
