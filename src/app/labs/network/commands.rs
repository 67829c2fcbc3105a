//! The Network lab's requests ([`NetworkCommand`]) and how the lab applies them: edits make
//! a new experiment (values are clamped to what a preset accepts), then the pipeline
//! restarts — from the training when the data, the model or the training changed, from the
//! plane otherwise.

use crate::app::command::Command;
use crate::app::lab::{Lab, LabCx, Requests};
use crate::app::playback::{PlaybackCommand, race_speed};
use crate::app::runs::{RunsChange, RunsCommand};
use crate::core::landscape::Layer;
use crate::core::network::activation::Activation;
use std::sync::Arc;

use crate::core::network::data::{DatasetKind, DatasetSpec};
use crate::core::network::file_data::FileData;
use crate::preset::{PlaneKind, limits};

use super::NetworkLab;

/// Most hidden layers the depth slider offers.
pub const MAX_DEPTH: usize = 4;
/// Largest plane half-range the range slider offers.
pub const MAX_PLANE_RANGE: f64 = 20.0;
/// Grid sides the resolution slider offers.
pub const RESOLUTION_RANGE: std::ops::RangeInclusive<usize> = 11..=201;

/// The learning rate of a run added with "Add".
const NEW_RUN_LR: f64 = 0.01;

/// A request from the Network lab's panels.
#[derive(Clone, Debug, PartialEq)]
pub enum NetworkCommand {
    /// Switch the dataset (blobs keeps its class count; sine is regression).
    SetDataset(DatasetKind),
    /// Train on a person's table (a file opened or dropped in the window): `dataset =
    /// "file"`, its sizes, task and classes the data's, the seed unchanged.
    SetFileData(Arc<FileData>),
    /// Standardize a file's features by the training set's mean and standard deviation.
    SetStandardize(bool),
    /// Open the "Open data…" window (a typed path).
    OpenDataDialog,
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
    /// BatchNorm's ghost-batch size (None: the whole mini-batch); only with BatchNorm.
    SetBnBatch(Option<usize>),
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
    /// Show the network diagram ("Inside the network", true) or the landscape (false) on the
    /// right; nothing is recomputed but the diagram's own small job.
    SetDiagram(bool),
    /// The run editor.
    Runs(RunsCommand),
    /// The playback bar.
    Playback(PlaybackCommand),
    /// A request for the shell.
    App(Command),
}

impl From<RunsCommand> for NetworkCommand {
    fn from(command: RunsCommand) -> Self {
        Self::Runs(command)
    }
}

impl From<PlaybackCommand> for NetworkCommand {
    fn from(command: PlaybackCommand) -> Self {
        Self::Playback(command)
    }
}

impl From<Command> for NetworkCommand {
    fn from(command: Command) -> Self {
        Self::App(command)
    }
}

impl Requests for NetworkLab {
    type Command = NetworkCommand;

    /// Applies one request (see the module docs).
    fn apply(&mut self, command: NetworkCommand, cx: &mut LabCx<'_>) {
        let command = match command {
            NetworkCommand::App(command) => return cx.send(command),
            NetworkCommand::OpenDataDialog => {
                return cx.send(Command::OpenDialog(crate::app::shell::DialogKind::OpenData));
            }
            NetworkCommand::Playback(command) => {
                #[allow(clippy::cast_precision_loss)]
                let end = self.last_step() as f64;
                return self.playback.apply(command, end);
            }
            NetworkCommand::SetDiagram(on) => {
                self.experiment.view.diagram = on;
                return;
            }
            other => other,
        };
        let e = &mut self.experiment;
        let retrain = match command {
            NetworkCommand::App(_)
            | NetworkCommand::Playback(_)
            | NetworkCommand::SetDiagram(_)
            | NetworkCommand::OpenDataDialog => return,
            NetworkCommand::SetFileData(data) => {
                let seed = e.dataset.seed;
                e.dataset = DatasetSpec::from_file(Arc::unwrap_or_clone(data), seed);
                true
            }
            NetworkCommand::SetStandardize(on) => {
                let Some(file) = &e.dataset.file else {
                    return;
                };
                if file.standardize == on {
                    return;
                }
                let mut data = FileData::clone(file);
                data.standardize = on;
                e.dataset.file = Some(Arc::new(data));
                true
            }
            NetworkCommand::Runs(command) => {
                match self.runs.apply(&mut e.runs, command, NEW_RUN_LR) {
                    RunsChange::None => return,
                    RunsChange::Retrain => true,
                    RunsChange::Refused(message) => {
                        cx.notices.error(message);
                        return;
                    }
                }
            }
            NetworkCommand::SetDataset(kind) => {
                e.dataset.kind = kind;
                // A generated dataset or the digits: no file behind it any more.
                if kind != DatasetKind::File {
                    e.dataset.file = None;
                }
                if kind != DatasetKind::Blobs {
                    e.dataset.classes = 2;
                }
                e.dataset.n_train = limits::clamp(e.dataset.n_train, train_sizes(kind));
                true
            }
            NetworkCommand::SetTrainSize(n) => {
                e.dataset.n_train = limits::clamp(n, train_sizes(e.dataset.kind));
                true
            }
            NetworkCommand::SetTestSize(n) => {
                e.dataset.n_test = limits::clamp(n, limits::NETWORK_SAMPLES);
                true
            }
            NetworkCommand::SetInputNoise(noise) => {
                e.dataset.noise = if noise.is_finite() {
                    limits::clamp(noise, limits::INPUT_NOISE)
                } else {
                    0.0
                };
                true
            }
            NetworkCommand::SetLabelNoise(p) => {
                e.dataset.label_noise = if p.is_finite() {
                    limits::clamp(p, limits::LABEL_NOISE)
                } else {
                    0.0
                };
                true
            }
            NetworkCommand::SetClasses(k) => {
                e.dataset.classes = limits::clamp(k, limits::CLASSES);
                true
            }
            NetworkCommand::SetSeed(seed) => {
                e.seed = seed.min(i64::MAX as u64);
                e.dataset.seed = e.seed;
                true
            }
            NetworkCommand::SetDepth(depth) => {
                let width = e.hidden.last().copied().unwrap_or(32);
                e.hidden.resize(depth.min(MAX_DEPTH), width);
                true
            }
            NetworkCommand::SetWidth(width) => {
                let width = limits::clamp(width, limits::WIDTH);
                for w in &mut e.hidden {
                    *w = width;
                }
                true
            }
            NetworkCommand::SetActivation(a) => {
                e.activation = a;
                true
            }
            NetworkCommand::SetBnBatch(g) => {
                let Some(bn) = &mut e.batchnorm else {
                    return;
                };
                bn.bn_batch_size = g.map(|g| limits::clamp(g, limits::BN_BATCH));
                true
            }
            NetworkCommand::SetSteps(steps) => {
                e.steps = limits::clamp(steps, limits::STEPS);
                self.playback.speed_steps_per_sec = race_speed(e.steps);
                true
            }
            NetworkCommand::SetPlane(plane) => {
                e.view.plane = plane;
                false
            }
            NetworkCommand::SetCentre(centre) => {
                e.view.centre = centre;
                false
            }
            NetworkCommand::SetLayer(layer) => {
                e.view.layer = layer;
                false
            }
            NetworkCommand::SetRange(half) => {
                let half = if half.is_finite() {
                    half.clamp(0.01, MAX_PLANE_RANGE)
                } else {
                    1.0
                };
                e.view.x = [-half, half];
                e.view.y = [-half, half];
                false
            }
            NetworkCommand::SetResolution(side) => {
                e.view.resolution = limits::clamp(side, RESOLUTION_RANGE);
                false
            }
        };
        if let Err(err) = e.dataset.validate() {
            cx.notices.error(err.to_string());
        }
        for run in &mut e.runs {
            if run.batch_size > e.dataset.n_train {
                run.batch_size = 0;
            }
        }
        // A ghost batch fits in every run's batch (as a preset must).
        let n = e.dataset.n_train;
        if let Some(bn) = &mut e.batchnorm
            && let Some(smallest) = e.runs.iter().map(|r| r.effective_batch(n)).min()
        {
            bn.bn_batch_size = bn
                .bn_batch_size
                .filter(|_| smallest >= *limits::BN_BATCH.start())
                .map(|g| g.min(smallest));
        }
        self.restart_pipeline(cx, retrain);
    }
}

/// The training sizes `kind` allows: a real dataset keeps images of every class for testing.
fn train_sizes(kind: DatasetKind) -> std::ops::RangeInclusive<usize> {
    if kind.is_real() {
        limits::DIGITS_TRAIN
    } else {
        limits::NETWORK_SAMPLES
    }
}
