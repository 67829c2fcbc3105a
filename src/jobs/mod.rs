//! Background work for the GUI: a named rayon pool, jobs with generation counters (a result
//! of an older generation is dropped, so a stale landscape never overwrites a fresh one),
//! cancel flags (dropping a [`JobHandle`] cancels its job), progress events and a waker
//! callback (the app passes a closure that asks egui to repaint; this module never imports
//! egui). The UI polls handles once per frame and never blocks on them.
//!
//! The parallel computations themselves, usable from the CLI as well: [`grid`] (landscape
//! grids by rows, and the progressive grid every lab shows: coarse pass, then rows),
//! [`network`] (the Network lab's pipeline: train, plane, landscape), [`compare`] (Sharp vs
//! Flat), [`tasks`] (surface runs, the bias–variance sweep, batch-size sweeps) and [`tune`]
//! (every run's learning rate tuned). [`task`] describes the labs' long jobs as data, so the
//! web edition's single-threaded build can run them in Web Workers.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};

pub mod compare;
pub mod grid;
pub mod network;
pub mod slot;
pub mod task;
pub mod tasks;
pub mod tune;
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
mod worker;

pub use slot::JobSlot;

/// Whether a running job sees a flag the UI sets after it started (its cancel flag aside):
/// everywhere but in the web edition's single-threaded build, whose tasks run in Web Workers
/// with memory of their own ([`task`]).
pub const FLAGS_REACH_RUNNING_JOBS: bool =
    !cfg!(all(target_arch = "wasm32", not(target_feature = "atomics")));

/// Called by a job whenever it has something new for the UI.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// What a job reports.
#[derive(Debug)]
pub enum JobEvent<P, R> {
    /// Partial progress (e.g. a coarse grid, a fraction done).
    Progress(P),
    /// The final result.
    Finished(R),
}

/// Handed to a running job: its cancel flag and its way to report.
pub struct JobCtx<P, R> {
    cancel: Arc<AtomicBool>,
    tx: Sender<JobEvent<P, R>>,
    waker: Waker,
}

impl<P, R> JobCtx<P, R> {
    /// The flag the job's loops check; set when the handle is dropped or cancelled.
    #[must_use]
    pub fn cancel_flag(&self) -> &AtomicBool {
        &self.cancel
    }

    /// Whether the job should stop.
    #[must_use]
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Sends progress and wakes the UI. A closed channel (the UI moved on) is not an error.
    pub fn progress(&self, p: P) {
        if self.tx.send(JobEvent::Progress(p)).is_ok() {
            (self.waker)();
        }
    }
}

impl<R> JobCtx<f32, R> {
    /// Reports the fraction `done / total` each time it crosses another of `step`'s 2 %
    /// steps (the progress of a job that counts its pieces).
    pub fn fraction(&self, step: &ProgressStep, done: usize, total: usize) {
        if let Some(fraction) = step.advance(done, total) {
            self.progress(fraction);
        }
    }
}

/// Where a job runs: on the pool, or (in the browser) on the page's thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Pool,
    Page,
}

/// The UI's side of a job. Dropping it cancels the job.
pub struct JobHandle<P, R> {
    generation: u64,
    cancel: Arc<AtomicBool>,
    rx: Receiver<JobEvent<P, R>>,
    done: bool,
}

impl<P, R> JobHandle<P, R> {
    fn new(generation: u64, cancel: Arc<AtomicBool>, rx: Receiver<JobEvent<P, R>>) -> Self {
        Self {
            generation,
            cancel,
            rx,
            done: false,
        }
    }

    /// The generation this job was started for.
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Asks the job to stop; its result (if any) will be dropped.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether the final result has been received (or the job is gone).
    #[must_use]
    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Every event that has arrived, without waiting.
    pub fn drain(&mut self) -> Vec<JobEvent<P, R>> {
        let mut events = Vec::new();
        loop {
            match self.rx.try_recv() {
                Ok(event) => {
                    if matches!(event, JobEvent::Finished(_)) {
                        self.done = true;
                    }
                    events.push(event);
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.done = true;
                    break;
                }
            }
        }
        events
    }
}

impl<P, R> Drop for JobHandle<P, R> {
    fn drop(&mut self) {
        self.cancel();
    }
}

/// Throttles a job's progress reports to steps of 2 % (called from worker threads): a
/// progress bar needs no more, and every report wakes the UI.
#[derive(Debug, Default)]
pub struct ProgressStep {
    last: std::sync::atomic::AtomicUsize,
}

impl ProgressStep {
    /// The fraction done if `done / total` crossed another 2 % step since the last report.
    pub fn advance(&self, done: usize, total: usize) -> Option<f32> {
        let step = done * 50 / total.max(1);
        let previous = self.last.fetch_max(step, Ordering::Relaxed);
        #[allow(clippy::cast_precision_loss)]
        (step > previous).then(|| done as f32 / total.max(1) as f32)
    }
}

/// The job runner: one rayon pool with named threads, and the waker.
///
/// In the browser there are two builds (ARCHITECTURE.md, "The web build"). The threaded one
/// (wasm atomics, on a cross-origin-isolated page) runs jobs on rayon's global pool, whose
/// threads are Web Workers (`wasm-bindgen-rayon`, started by the page before the app); the
/// page's thread only draws, and learns of a job's news from [`Jobs::poll_wakes`]. Without
/// threads there is no pool and no shared memory: [`Jobs::spawn_task`] sends a lab's job, as
/// data ([`task`]), to a Web Worker holding a copy of basin of its own ([`worker`]); its
/// parallel iterators run on that worker alone (the same numbers: every split is fixed by the
/// data, not by the threads). The few small jobs that are closures ([`Jobs::spawn`]: a
/// decision boundary, a diagram, a file read) run there on the page's thread from a timer,
/// once the frame that asked for it has been drawn; one cancelled before its turn never runs
/// (dragging a slider starts one job, not one a frame).
pub struct Jobs {
    #[cfg(not(target_arch = "wasm32"))]
    pool: rayon::ThreadPool,
    waker: Waker,
    /// The threaded web build: jobs running on the workers, and whether one has news.
    #[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
    page: PageWake,
    /// The single-threaded web build: the Web Workers that run [`task::Task`]s.
    #[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
    workers: worker::Workers,
}

/// The threaded web build's way to wake the page (see [`Jobs`]): a worker never calls the
/// app's waker (it would lock egui's context, and the page's thread may not wait for a
/// lock a worker holds); it raises a flag that the frame loop reads ([`Jobs::poll_wakes`]).
#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
#[derive(Default)]
struct PageWake {
    running: Arc<std::sync::atomic::AtomicUsize>,
    woke: Arc<AtomicBool>,
}

impl Jobs {
    /// A pool of `threads` workers (0 = one per core) that calls `waker` when results arrive.
    ///
    /// # Errors
    /// If the operating system refuses to start the threads.
    pub fn new(threads: usize, waker: Waker) -> Result<Self, rayon::ThreadPoolBuildError> {
        #[cfg(not(target_arch = "wasm32"))]
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("basin-worker-{i}"))
            .build()?;
        #[cfg(target_arch = "wasm32")]
        let _ = threads;
        Ok(Self {
            #[cfg(not(target_arch = "wasm32"))]
            pool,
            waker,
            #[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
            page: PageWake::default(),
            #[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
            workers: worker::Workers::default(),
        })
    }

    /// Starts `work` on the pool for `generation`. Its parallel iterators run on this pool.
    pub fn spawn<P, R, F>(&self, generation: u64, work: F) -> JobHandle<P, R>
    where
        P: Send + 'static,
        R: Send + 'static,
        F: FnOnce(&JobCtx<P, R>) -> R + Send + 'static,
    {
        self.spawn_in(generation, work, Place::Pool)
    }

    /// Starts `task` for `generation`: on the pool like [`Self::spawn`], except in the web
    /// edition's single-threaded build, which has no pool: there it runs in a Web Worker with
    /// a copy of basin of its own, its inputs, progress and result carried as bytes
    /// ([`task`]), so the page's thread never runs it.
    pub fn spawn_task<T: task::Task>(
        &self,
        generation: u64,
        task: T,
    ) -> JobHandle<T::Progress, T::Output> {
        #[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
        {
            let cancel = Arc::new(AtomicBool::new(false));
            let (tx, rx) = channel();
            self.workers
                .spawn(task, Arc::clone(&cancel), tx, Arc::clone(&self.waker));
            JobHandle::new(generation, cancel, rx)
        }
        #[cfg(not(all(target_arch = "wasm32", not(target_feature = "atomics"))))]
        self.spawn(generation, move |ctx| task.run(ctx))
    }

    /// [`Self::spawn`] for a job that needs the page in the browser (it measures text with
    /// the page's fonts or hands a file to the browser): there it runs on the page's thread,
    /// between frames, in the threaded build too. Elsewhere the same as `spawn`.
    pub fn spawn_on_page<P, R, F>(&self, generation: u64, work: F) -> JobHandle<P, R>
    where
        P: Send + 'static,
        R: Send + 'static,
        F: FnOnce(&JobCtx<P, R>) -> R + Send + 'static,
    {
        self.spawn_in(generation, work, Place::Page)
    }

    fn spawn_in<P, R, F>(&self, generation: u64, work: F, place: Place) -> JobHandle<P, R>
    where
        P: Send + 'static,
        R: Send + 'static,
        F: FnOnce(&JobCtx<P, R>) -> R + Send + 'static,
    {
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, rx) = channel();
        let ctx = JobCtx {
            cancel: Arc::clone(&cancel),
            tx,
            waker: self.job_waker(place),
        };
        let run = move || {
            let result = work(&ctx);
            if !ctx.cancelled() && ctx.tx.send(JobEvent::Finished(result)).is_ok() {
                (ctx.waker)();
            }
        };
        #[cfg(not(target_arch = "wasm32"))]
        {
            let _ = place;
            self.pool.spawn(run);
        }
        // The threaded web build: rayon's global pool is the Web Workers.
        #[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
        if place == Place::Pool {
            let running = Arc::clone(&self.page.running);
            running.fetch_add(1, Ordering::Relaxed);
            rayon::spawn(move || {
                run();
                running.fetch_sub(1, Ordering::Relaxed);
            });
            return JobHandle::new(generation, cancel, rx);
        }
        // The page's thread (see [`Jobs`]): the job runs once this frame has been drawn; its
        // events wait in the channel for the next frame's poll, as if a worker had sent them.
        #[cfg(target_arch = "wasm32")]
        {
            let _ = place;
            let cancelled = Arc::clone(&cancel);
            after_this_frame(move || {
                // Cancelled while it waited (a slider dragged on, the lab left): it never
                // runs; the handle sees its channel closed, as for a cancelled worker.
                if cancelled.load(Ordering::Relaxed) {
                    return;
                }
                timed_on_page("job", run);
            });
        }
        JobHandle::new(generation, cancel, rx)
    }

    /// The waker a job calls: the app's, except for the threaded web build's workers, which
    /// raise the flag [`Self::poll_wakes`] reads.
    fn job_waker(&self, place: Place) -> Waker {
        #[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
        if place == Place::Pool {
            let woke = Arc::clone(&self.page.woke);
            return Arc::new(move || woke.store(true, Ordering::Relaxed));
        }
        let _ = place;
        Arc::clone(&self.waker)
    }

    /// Called by the frame loop on the UI thread: in the threaded web build, calls the app's
    /// waker for the jobs that had news since the last call, and says whether jobs are still
    /// running (the caller then looks again soon: nothing else wakes the page). Elsewhere the
    /// jobs wake the app themselves: nothing to do, `false`.
    pub fn poll_wakes(&self) -> bool {
        #[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
        {
            if self.page.woke.swap(false, Ordering::Relaxed) {
                (self.waker)();
            }
            self.page.running.load(Ordering::Relaxed) > 0
        }
        #[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
        {
            self.workers.pump();
            false
        }
        #[cfg(not(target_arch = "wasm32"))]
        false
    }

    /// Runs `f` inside the pool (for callers that want its threads for a blocking call).
    pub fn install<T: Send>(&self, f: impl FnOnce() -> T + Send) -> T {
        #[cfg(not(target_arch = "wasm32"))]
        return self.pool.install(f);
        #[cfg(target_arch = "wasm32")]
        f()
    }
}

/// Runs `run`, a `what` on the page's thread, and says so when it held the thread longer
/// than a frame's budget (~50 ms), where a test (or a user) sees it.
#[cfg(target_arch = "wasm32")]
fn timed_on_page(what: &str, run: impl FnOnce()) {
    let started = web_time::Instant::now();
    run();
    let ms = started.elapsed().as_secs_f64() * 1e3;
    if ms > 50.0 {
        log::info!("basin: a {what} held the page's thread for {ms:.0} ms");
    } else {
        log::debug!("a {what} ran for {ms:.0} ms on the page's thread");
    }
}

/// Runs `work` from a zero-delay timer of the page: after the animation frame that is running
/// now has been drawn and shown (a timer's task comes after the frame's rendering), so the
/// page shows what changed before a long job holds its thread. Without a window (a worker)
/// it runs at once.
#[cfg(target_arch = "wasm32")]
fn after_this_frame(work: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast as _;
    let Some(window) = web_sys::window() else {
        return work();
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(work);
    if let Err(err) =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 0)
    {
        // Never seen: a page always has timers. The job is lost with the callback; its
        // handle sees the channel closed.
        log::error!("basin: cannot schedule a job: {err:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use web_time::Instant;

    fn wait_done<P, R>(h: &mut JobHandle<P, R>) -> Vec<JobEvent<P, R>> {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut all = Vec::new();
        while !h.is_done() && Instant::now() < deadline {
            all.extend(h.drain());
            std::thread::sleep(Duration::from_millis(2));
        }
        all
    }

    #[test]
    fn job_reports_progress_then_result_and_wakes() {
        let wakes = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let w = Arc::clone(&wakes);
        let jobs = Jobs::new(
            2,
            Arc::new(move || {
                w.fetch_add(1, Ordering::Relaxed);
            }),
        )
        .expect("pool");
        let mut h = jobs.spawn(3, |ctx: &JobCtx<u32, u32>| {
            ctx.progress(1);
            42
        });
        assert_eq!(h.generation(), 3);
        let events = wait_done(&mut h);
        assert!(matches!(events.first(), Some(JobEvent::Progress(1))));
        assert!(matches!(events.last(), Some(JobEvent::Finished(42))));
        assert_eq!(wakes.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn progress_steps_are_two_percent() {
        let step = ProgressStep::default();
        assert_eq!(step.advance(1, 100), None);
        assert_eq!(step.advance(2, 100), Some(0.02));
        assert_eq!(step.advance(3, 100), None);
        assert_eq!(step.advance(100, 100), Some(1.0));
    }

    #[test]
    fn cancelled_job_sends_no_result() {
        let jobs = Jobs::new(1, Arc::new(|| {})).expect("pool");
        let (go_tx, go_rx) = channel::<()>();
        let mut h = jobs.spawn(1, move |ctx: &JobCtx<(), bool>| {
            go_rx.recv().ok();
            ctx.cancelled()
        });
        h.cancel();
        go_tx.send(()).expect("send");
        let events = wait_done(&mut h);
        assert!(events.iter().all(|e| !matches!(e, JobEvent::Finished(_))));
    }
}
