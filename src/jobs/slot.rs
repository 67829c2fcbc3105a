//! [`JobSlot`]: one kind of background work of a lab (its training, its landscape, its
//! sweep): the newest generation handed out, the running job, and the generation of the
//! result on screen. It replaces the hand-written "bump the generation, spawn, drain every
//! event, keep only the newest result" that every lab used to repeat.
//!
//! A slot holds at most one job. Starting a new one drops the old handle, which cancels the
//! old job; its events are never read again, so a stale result cannot overwrite a fresh
//! one. [`JobSlot::poll`] never waits: it hands each progress event and the finished result
//! to the caller's closures, once per frame.

use super::{JobCtx, JobEvent, JobHandle, Jobs};

/// One kind of background job: generation counter, running handle, landed generation.
pub struct JobSlot<P, R> {
    /// The newest generation handed out (0 before the first start).
    generation: u64,
    /// The running job, if any.
    handle: Option<JobHandle<P, R>>,
    /// The generation whose result was last handed to `on_done` (0 before the first).
    landed: u64,
}

impl<P, R> Default for JobSlot<P, R> {
    fn default() -> Self {
        Self {
            generation: 0,
            handle: None,
            landed: 0,
        }
    }
}

impl<P: Send + 'static, R: Send + 'static> JobSlot<P, R> {
    /// Starts `work` as the newest generation on `jobs`; the job running before is cancelled.
    /// Returns the new generation.
    pub fn start<F>(&mut self, jobs: &Jobs, work: F) -> u64
    where
        F: FnOnce(&JobCtx<P, R>) -> R + Send + 'static,
    {
        self.start_with(|generation| jobs.spawn(generation, work))
    }

    /// Starts `task` as the newest generation ([`Jobs::spawn_task`]: on the pool, or in a
    /// Web Worker of the single-threaded web build). Returns the new generation.
    pub fn start_task<T>(&mut self, jobs: &Jobs, task: T) -> u64
    where
        T: super::task::Task<Progress = P, Output = R>,
    {
        self.start_with(|generation| jobs.spawn_task(generation, task))
    }

    /// [`Self::start`] on the page's thread in the browser ([`Jobs::spawn_on_page`]).
    pub fn start_on_page<F>(&mut self, jobs: &Jobs, work: F) -> u64
    where
        F: FnOnce(&JobCtx<P, R>) -> R + Send + 'static,
    {
        self.start_with(|generation| jobs.spawn_on_page(generation, work))
    }

    fn start_with(&mut self, spawn: impl FnOnce(u64) -> JobHandle<P, R>) -> u64 {
        self.generation += 1;
        // The old handle is dropped (cancelled) before the new job starts.
        self.handle = None;
        self.handle = Some(spawn(self.generation));
        self.generation
    }

    /// Folds every event that has arrived (never waits): each progress event goes to
    /// `on_progress`, the result to `on_done` with its generation. Returns whether anything
    /// arrived.
    pub fn poll(
        &mut self,
        mut on_progress: impl FnMut(P),
        mut on_done: impl FnMut(R, u64),
    ) -> bool {
        let Some(job) = &mut self.handle else {
            return false;
        };
        let generation = job.generation();
        let events = job.drain();
        let done = job.is_done();
        let arrived = !events.is_empty();
        for event in events {
            match event {
                JobEvent::Progress(p) => on_progress(p),
                JobEvent::Finished(r) => {
                    self.landed = generation;
                    on_done(r, generation);
                }
            }
        }
        if done {
            self.handle = None;
        }
        arrived || done
    }
}

impl<P, R> JobSlot<P, R> {
    /// Cancels the running job (its result will never land).
    pub fn cancel(&mut self) {
        self.handle = None;
    }

    /// Whether a job is running.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.handle.is_some()
    }

    /// The newest generation handed out (0 before the first start).
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The generation of the last result that landed (0 before the first).
    #[must_use]
    pub fn landed(&self) -> u64 {
        self.landed
    }

    /// Whether the newest generation's result has landed and nothing runs.
    #[must_use]
    pub fn settled(&self) -> bool {
        self.handle.is_none() && self.landed == self.generation
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::time::Duration;
    use web_time::Instant;

    fn poll_until_idle(slot: &mut JobSlot<u32, u32>) -> (Vec<u32>, Vec<(u32, u64)>) {
        let deadline = Instant::now() + Duration::from_secs(10);
        let (mut progress, mut done) = (Vec::new(), Vec::new());
        while slot.busy() && Instant::now() < deadline {
            slot.poll(|p| progress.push(p), |r, g| done.push((r, g)));
            std::thread::sleep(Duration::from_millis(2));
        }
        (progress, done)
    }

    #[test]
    fn a_slot_hands_progress_then_the_result_with_its_generation() {
        let jobs = Jobs::new(2, Arc::new(|| {})).expect("pool");
        let mut slot = JobSlot::default();
        assert_eq!(
            (slot.generation(), slot.landed(), slot.busy()),
            (0, 0, false)
        );
        let generation = slot.start(&jobs, |job: &JobCtx<u32, u32>| {
            job.progress(7);
            job.progress(8);
            42
        });
        assert_eq!(generation, 1);
        assert!(slot.busy());
        let (progress, done) = poll_until_idle(&mut slot);
        assert_eq!(progress, vec![7, 8]);
        assert_eq!(done, vec![(42, 1)]);
        assert_eq!(slot.landed(), 1);
        assert!(slot.settled());
    }

    #[test]
    fn a_new_start_cancels_the_old_job_and_only_the_newest_lands() {
        let jobs = Jobs::new(1, Arc::new(|| {})).expect("pool");
        let mut slot = JobSlot::default();
        let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
        slot.start(&jobs, move |_: &JobCtx<u32, u32>| {
            go_rx.recv().ok();
            1
        });
        let newest = slot.start(&jobs, |_: &JobCtx<u32, u32>| 2);
        go_tx.send(()).expect("send");
        let (_, done) = poll_until_idle(&mut slot);
        assert_eq!(newest, 2);
        assert_eq!(done, vec![(2, 2)], "the first job's result never lands");
        assert!(slot.settled());
    }

    #[test]
    fn a_cancelled_slot_is_idle_and_unsettled() {
        let jobs = Jobs::new(1, Arc::new(|| {})).expect("pool");
        let mut slot = JobSlot::default();
        let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
        slot.start(&jobs, move |_: &JobCtx<u32, u32>| {
            go_rx.recv().ok();
            1
        });
        slot.cancel();
        go_tx.send(()).ok();
        assert!(!slot.busy());
        assert!(!slot.settled(), "generation 1 never landed");
        assert!(!slot.poll(|_| {}, |_, _| {}));
    }
}
