//! Jobs as data: a [`Task`] is a job whose inputs, progress reports and result are plain
//! serde values, so it can run where the caller's memory is not: in the web edition's
//! single-threaded build (a page without shared memory), in a Web Worker that holds a copy
//! of basin of its own ([`crate::web`], `web/job-worker.js`). The worker gets the task's
//! [`Task::KIND`] and its bytes, runs it with [`run_serialized`], and posts each progress
//! report and the result back as bytes, which the page decodes into the job's channel: the
//! lab sees a [`super::JobHandle`] like any other. Everywhere else (the desktop, the threaded
//! web build) [`super::Jobs::spawn_task`] runs the task on the pool, unserialized.
//!
//! The wire format is MessagePack with named fields (`rmp-serde`): self-describing, as the
//! presets' internally tagged enums need, and every `f64` and `f32` travels as its bits (NaN
//! and ∞ included), so a task run in a worker gives the numbers it gives on the pool (tested
//! for every kind below). [`KINDS`] lists every task; the worker refuses any other name.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{JobCtx, JobEvent};

/// A job described by data: what [`super::Jobs::spawn_task`] starts.
pub trait Task: Serialize + DeserializeOwned + Send + 'static {
    /// The name the worker dispatches on (unique among [`KINDS`]).
    const KIND: &'static str;
    /// What the job reports while it runs.
    type Progress: Serialize + DeserializeOwned + Send + 'static;
    /// The job's result.
    type Output: Serialize + DeserializeOwned + Send + 'static;

    /// Does the work, reporting through `ctx` and checking its cancel flag.
    fn run(self, ctx: &JobCtx<Self::Progress, Self::Output>) -> Self::Output;
}

/// Every task kind of the jobs a worker can run, in [`run_serialized`]'s order (the worker
/// also runs [`crate::render::task::FigureTask`], a figure export, which lives above the jobs).
pub const KINDS: [&str; 8] = [
    super::network::PipelineTask::KIND,
    super::compare::ComparisonTask::KIND,
    super::compare::SweepTask::KIND,
    super::tasks::SurfaceTrainingTask::KIND,
    super::tasks::SurfaceLandscapeTask::KIND,
    super::tasks::BiasVarianceTask::KIND,
    super::tasks::ObservedBiasVarianceTask::KIND,
    super::tune::TuneTask::KIND,
];

/// Why a serialized task could not run.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TaskError {
    /// No task has this name (a worker of another version of basin).
    #[error("no task is called {0:?}")]
    Unknown(String),
    /// The bytes are not a task of this kind.
    #[error("the {kind} task's input does not decode: {message}")]
    Input {
        /// The task's name.
        kind: &'static str,
        /// The decoder's message.
        message: String,
    },
}

/// Encodes a value for the wire.
///
/// # Panics
/// Never for basin's types: MessagePack refuses only map keys it cannot write and sequences
/// of unknown length, which serde's derives do not make (every kind is encoded in the tests).
#[must_use]
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    #[allow(clippy::expect_used)]
    rmp_serde::to_vec_named(value).expect("MessagePack encodes every basin type")
}

/// Decodes a value from the wire.
///
/// # Errors
/// Bytes that are not a `T`.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, rmp_serde::decode::Error> {
    rmp_serde::from_slice(bytes)
}

/// A report of a task run from its bytes: a progress event or the result, encoded.
#[derive(Debug, PartialEq, Eq)]
pub enum Report {
    /// An encoded [`Task::Progress`].
    Progress(Vec<u8>),
    /// The encoded [`Task::Output`].
    Finished(Vec<u8>),
}

/// Where a task run from its bytes reports: called with each progress event as it happens
/// and with the result last. `Send + Sync` because a task may report from any of the pool's
/// threads (in the browser's worker there is only one).
pub type Reporter = std::sync::Arc<dyn Fn(Report) + Send + Sync>;

/// Runs the task `kind` encoded in `input`, handing `report` each progress event as it
/// happens and the result last (the worker's side). A task cannot be cancelled from here:
/// the page stops a worker whose job it no longer wants.
///
/// # Errors
/// An unknown kind or bytes that do not decode.
pub fn run_serialized(kind: &str, input: &[u8], report: &Reporter) -> Result<(), TaskError> {
    use super::{compare, network, tasks, tune};
    match kind {
        network::PipelineTask::KIND => run_one::<network::PipelineTask>(input, report),
        compare::ComparisonTask::KIND => run_one::<compare::ComparisonTask>(input, report),
        compare::SweepTask::KIND => run_one::<compare::SweepTask>(input, report),
        tasks::SurfaceTrainingTask::KIND => run_one::<tasks::SurfaceTrainingTask>(input, report),
        tasks::SurfaceLandscapeTask::KIND => run_one::<tasks::SurfaceLandscapeTask>(input, report),
        tasks::BiasVarianceTask::KIND => run_one::<tasks::BiasVarianceTask>(input, report),
        tasks::ObservedBiasVarianceTask::KIND => {
            run_one::<tasks::ObservedBiasVarianceTask>(input, report)
        }
        tune::TuneTask::KIND => run_one::<tune::TuneTask>(input, report),
        other => Err(TaskError::Unknown(other.to_owned())),
    }
}

/// Runs the task of type `T` encoded in `input` as [`run_serialized`] does (for a kind that
/// lives above the jobs, such as [`crate::render::task::FigureTask`], which the worker's entry
/// point dispatches itself).
///
/// # Errors
/// Bytes that do not decode to a `T`.
pub fn run_one<T: Task>(input: &[u8], report: &Reporter) -> Result<(), TaskError> {
    let task: T = decode(input).map_err(|err| TaskError::Input {
        kind: T::KIND,
        message: err.to_string(),
    })?;
    let (tx, rx) = std::sync::mpsc::channel::<JobEvent<T::Progress, T::Output>>();
    let events = std::sync::Mutex::new(rx);
    let forward = std::sync::Arc::clone(report);
    // The job's `progress` sends, then wakes: waking forwards what was sent, at once.
    let waker: super::Waker = std::sync::Arc::new(move || {
        let Ok(events) = events.lock() else {
            return;
        };
        for event in events.try_iter() {
            if let JobEvent::Progress(p) = event {
                forward(Report::Progress(encode(&p)));
            }
        }
    });
    let ctx = JobCtx {
        cancel: std::sync::Arc::default(),
        tx,
        waker,
    };
    let output = task.run(&ctx);
    report(Report::Finished(encode(&output)));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::{compare, network, tasks, tune};
    use crate::preset::{self, Preset};
    use std::sync::{Arc, Mutex};

    fn load(name: &str, overrides: &[&str]) -> Preset {
        let overrides: Vec<String> = overrides.iter().map(ToString::to_string).collect();
        match preset::load(name, &overrides) {
            Ok(preset) => preset,
            Err(err) => panic!("{name} loads: {err}"),
        }
    }

    fn network(name: &str, overrides: &[&str]) -> crate::preset::NetworkExperiment {
        match load(name, overrides) {
            Preset::Network(e) => e,
            _ => panic!("{name} is a network preset"),
        }
    }

    fn surface(name: &str, overrides: &[&str]) -> crate::preset::SurfaceExperiment {
        match load(name, overrides) {
            Preset::Surface(e) => e,
            _ => panic!("{name} is a surface preset"),
        }
    }

    /// Runs `task` on one thread (so that its reports come in one order) both ways: directly,
    /// and from its bytes as a worker runs it. Every report must be the same bytes, and the
    /// result must decode to a value that encodes to them again. Returns the result.
    fn same_on_the_wire<T: Task + Clone>(task: &T) -> T::Output {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a pool");
        let copy = task.clone();
        let (direct, reports) = pool.install(move || {
            let (tx, rx) = std::sync::mpsc::channel();
            let ctx = JobCtx {
                cancel: Arc::default(),
                tx,
                waker: Arc::new(|| {}),
            };
            let output = copy.run(&ctx);
            let mut reports: Vec<Report> = rx
                .try_iter()
                .filter_map(|event| match event {
                    JobEvent::Progress(p) => Some(Report::Progress(encode(&p))),
                    JobEvent::Finished(_) => None,
                })
                .collect();
            reports.push(Report::Finished(encode(&output)));
            (output, reports)
        });
        let got = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&got);
        let report: Reporter = Arc::new(move |r| sink.lock().expect("unpoisoned").push(r));
        let input = encode(task);
        pool.install(|| run_serialized(T::KIND, &input, &report))
            .expect("the task runs from its bytes");
        let got = std::mem::take(&mut *got.lock().expect("unpoisoned"));
        assert_eq!(got.len(), reports.len(), "{}: as many reports", T::KIND);
        assert!(got == reports, "{}: the same bytes", T::KIND);
        let Some(Report::Finished(bytes)) = got.last() else {
            panic!("{}: the result comes last", T::KIND);
        };
        let back: T::Output = decode(bytes).expect("the result decodes");
        assert_eq!(
            &encode(&back),
            bytes,
            "{}: decodes and encodes back",
            T::KIND
        );
        direct
    }

    #[test]
    fn every_kind_is_named_once_and_dispatched() {
        for (i, kind) in KINDS.iter().enumerate() {
            assert!(!KINDS[..i].contains(kind), "{kind} named twice");
            // Bytes that decode to no task: the kind is known, its input refused.
            let report: Reporter = Arc::new(|_| panic!("nothing runs"));
            match run_serialized(kind, &[0xff; 3], &report) {
                Err(TaskError::Input { kind: k, .. }) => assert_eq!(k, *kind),
                other => panic!("{kind}: {other:?}"),
            }
        }
        let report: Reporter = Arc::new(|_| panic!("nothing runs"));
        assert_eq!(
            run_serialized("no-such-task", &[], &report),
            Err(TaskError::Unknown("no-such-task".into()))
        );
    }

    /// The network pipeline from scratch, with BatchNorm (running statistics travel in the
    /// network), then from the trained runs it returned (the network and its data travel).
    #[test]
    fn the_network_pipeline_gives_the_same_bytes_from_a_worker() {
        let experiment = network(
            "moons",
            &[
                "problem.n_train=48",
                "problem.n_test=24",
                "problem.hidden=[6]",
                "problem.batchnorm=true",
                "training.batch_size=16",
                "training.steps=12",
                "view.resolution=9",
            ],
        );
        let task = network::PipelineTask {
            experiment: experiment.clone(),
            start: network::Start::Train,
        };
        let landscape = same_on_the_wire(&task).expect("the pipeline runs");
        assert_eq!(landscape.grid.values.dim(), (9, 9));
        let again = network::PipelineTask {
            experiment,
            start: network::Start::Trained(landscape.trained),
        };
        let replotted = same_on_the_wire(&again).expect("the pipeline runs");
        assert_eq!(replotted.grid, landscape.grid);
    }

    #[test]
    fn the_sharp_flat_comparison_and_sweep_give_the_same_bytes_from_a_worker() {
        let e = network(
            "sharp-vs-flat-net",
            &[
                "problem.n_train=32",
                "problem.n_test=16",
                "problem.hidden=[4]",
                "training.steps=10",
            ],
        );
        let source = compare::Source::Network(Box::new(e));
        let settings = compare::Settings::from_source(&source);
        let task = compare::ComparisonTask {
            source: source.clone(),
            settings: settings.clone(),
            skip_spectra: Arc::new(std::sync::atomic::AtomicBool::new(true)),
        };
        assert!(same_on_the_wire(&task).is_some());
        let mut spec = settings.sweep;
        spec.batch_sizes = vec![4, 0];
        spec.lrs.truncate(2);
        spec.seeds.truncate(1);
        let sweep = same_on_the_wire(&compare::SweepTask { source, spec }).expect("a sweep");
        assert_eq!(sweep.cells.len(), 4);
    }

    /// A custom formula travels as its text and is parsed again in the worker.
    #[test]
    fn the_playground_jobs_give_the_same_bytes_from_a_worker() {
        let experiment = surface(
            "custom-formula",
            &["training.steps=30", "view.resolution=17"],
        );
        let trained = same_on_the_wire(&tasks::SurfaceTrainingTask {
            experiment: experiment.clone(),
        });
        assert_eq!(trained.len(), experiment.runs.len());
        let grid = same_on_the_wire(&tasks::SurfaceLandscapeTask {
            experiment: experiment.clone(),
        });
        assert_eq!(grid.map(|g| g.values.dim()), Some((17, 17)));
        let tuned = same_on_the_wire(&tune::TuneTask { experiment });
        assert!(tuned.is_some());
    }

    #[test]
    fn the_bias_variance_jobs_give_the_same_bytes_from_a_worker() {
        let Preset::Regression(mut e) = load("bias-variance", &[]) else {
            panic!("bias-variance is a regression preset");
        };
        e.config.complexities = vec![1, 4];
        e.config.repeats = 6;
        let sweep = same_on_the_wire(&tasks::BiasVarianceTask {
            config: e.config.clone(),
        });
        assert_eq!(sweep.map(|s| s.len()), Some(2));
        let Preset::Regression(mut own) = load("engel-food", &[]) else {
            panic!("engel-food is a regression preset");
        };
        own.config.complexities = vec![1, 2];
        own.config.repeats = 5;
        let data = own.data.clone().expect("engel-food has data");
        let estimates = same_on_the_wire(&tasks::ObservedBiasVarianceTask {
            config: own.config,
            data,
        });
        assert_eq!(estimates.map(|(_, e)| e.len()), Some(2));
    }
}
