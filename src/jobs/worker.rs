//! The web edition's single-threaded build (a page without shared memory) runs its
//! [`Task`]s in Web Workers: each worker (`job-worker.js` beside the page) instantiates the
//! page's own compiled module, so it holds a whole copy of basin with memory of its own. A
//! task goes to an idle worker as its kind and bytes; the worker posts each progress report
//! and the result back as bytes, which land in the job's channel like any worker's
//! ([`super::task`]). The page's thread only encodes and decodes.
//!
//! A worker runs one task at a time, to its end; it cannot read a cancel flag in the page's
//! memory. So a job the lab no longer wants (its handle dropped) is stopped by terminating its
//! worker, and a fresh worker takes the next task; queued jobs that were cancelled never start.
//! [`Workers::pump`] does this bookkeeping; it runs on every message and every frame.
//!
//! Where no worker can start (a browser without module workers), the task runs on the page's
//! thread after the frame that asked for it, as the single-threaded build once did for all.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

use super::task::{self, Task};
use super::{JobCtx, JobEvent, Waker};

/// The worker script, beside the page (`web/build.sh` copies it into `web/dist/`).
const SCRIPT: &str = "./job-worker.js";

/// The page's workers and the tasks waiting for one.
#[derive(Default)]
pub(super) struct Workers {
    pool: Rc<RefCell<Pool>>,
}

#[derive(Default)]
struct Pool {
    slots: Vec<Slot>,
    queue: VecDeque<Pending>,
    next_id: u64,
    /// Workers could not start here: tasks run on the page's thread.
    no_workers: bool,
}

/// One worker and the task it runs.
struct Slot {
    worker: web_sys::Worker,
    job: Option<Pending>,
    /// Kept alive with the worker: it receives the worker's messages.
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

/// A task on its way: its bytes, its cancel flag, and how its reports reach the job's
/// channel (`deliver`), or how it runs on the page's thread (`here`).
struct Pending {
    id: u64,
    kind: &'static str,
    input: Vec<u8>,
    cancel: Arc<AtomicBool>,
    deliver: Box<dyn FnMut(Arrived<'_>)>,
    here: Option<Box<dyn FnOnce()>>,
}

/// What a worker posted for a task.
enum Arrived<'a> {
    Progress(&'a [u8]),
    Finished(&'a [u8]),
}

impl Workers {
    /// Queues `task`; its events go to `tx`, each followed by `waker`.
    pub(super) fn spawn<T: Task>(
        &self,
        task: T,
        cancel: Arc<AtomicBool>,
        tx: Sender<JobEvent<T::Progress, T::Output>>,
        waker: Waker,
    ) {
        let input = task::encode(&task);
        let (to_job, wake) = (tx.clone(), Arc::clone(&waker));
        let deliver = Box::new(move |arrived: Arrived<'_>| {
            let event = match arrived {
                Arrived::Progress(bytes) => task::decode(bytes).map(JobEvent::Progress),
                Arrived::Finished(bytes) => task::decode(bytes).map(JobEvent::Finished),
            };
            match event {
                Ok(event) => {
                    if to_job.send(event).is_ok() {
                        wake();
                    }
                }
                Err(err) => log::error!("basin: a {} report does not decode: {err}", T::KIND),
            }
        });
        let flag = Arc::clone(&cancel);
        let here = Box::new(move || {
            let ctx = JobCtx {
                cancel: flag,
                tx,
                waker,
            };
            let what = format!("{} job (no Web Worker)", T::KIND);
            super::timed_on_page(&what, || {
                let result = task.run(&ctx);
                if !ctx.cancelled() && ctx.tx.send(JobEvent::Finished(result)).is_ok() {
                    (ctx.waker)();
                }
            });
        });
        {
            let mut pool = self.pool.borrow_mut();
            pool.next_id += 1;
            let id = pool.next_id;
            pool.queue.push_back(Pending {
                id,
                kind: T::KIND,
                input,
                cancel,
                deliver,
                here: Some(here),
            });
        }
        self.pump();
    }

    /// Drops cancelled tasks (terminating the workers of running ones) and hands queued tasks
    /// to idle workers, starting workers up to the page's share of the cores.
    pub(super) fn pump(&self) {
        pump(&self.pool);
    }
}

/// How many workers the page starts: a core for each but one (the page draws), at least two
/// so that a lab's second job need not wait for its first, at most four (each is a copy of
/// basin's memory).
fn most_workers() -> usize {
    let cores = web_sys::window().map_or(2.0, |w| w.navigator().hardware_concurrency());
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let cores = cores as usize;
    cores.saturating_sub(1).clamp(2, 4)
}

fn pump(shared: &Rc<RefCell<Pool>>) {
    let mut run_here = Vec::new();
    {
        let mut pool = shared.borrow_mut();
        pool.queue.retain(|p| !p.cancel.load(Ordering::Relaxed));
        pool.slots.retain(|slot| {
            let stale = slot
                .job
                .as_ref()
                .is_some_and(|job| job.cancel.load(Ordering::Relaxed));
            if stale {
                slot.worker.terminate();
            }
            !stale
        });
        while !pool.queue.is_empty() {
            if pool.no_workers {
                run_here.extend(pool.queue.drain(..).filter_map(|mut p| p.here.take()));
                break;
            }
            let idle = pool.slots.iter().position(|slot| slot.job.is_none());
            let index = match idle {
                Some(index) => index,
                None if pool.slots.len() < most_workers() => match start_worker(shared) {
                    Ok(slot) => {
                        let kind = pool.queue.front().map_or("?", |job| job.kind);
                        log::info!(
                            "basin: a Web Worker started ({} running) for a {kind} job",
                            pool.slots.len() + 1
                        );
                        pool.slots.push(slot);
                        pool.slots.len() - 1
                    }
                    Err(err) => {
                        log::warn!(
                            "basin: no Web Worker can start here ({err:?}); jobs run on the \
                             page's thread"
                        );
                        pool.no_workers = true;
                        continue;
                    }
                },
                None => break,
            };
            let Some(job) = pool.queue.pop_front() else {
                break;
            };
            let slot = &mut pool.slots[index];
            if let Err(err) = post_task(&slot.worker, &job) {
                log::error!("basin: cannot hand a {} job to a worker: {err:?}", job.kind);
                slot.worker.terminate();
                pool.slots.remove(index);
                continue;
            }
            slot.job = Some(job);
        }
    }
    for here in run_here {
        super::after_this_frame(here);
    }
}

/// A worker that loads the page's module; its messages go to [`on_message`].
fn start_worker(shared: &Rc<RefCell<Pool>>) -> Result<Slot, JsValue> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(SCRIPT, &options)?;
    let weak = Rc::downgrade(shared);
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            on_message(&weak, &event.data())
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    let hello = js_sys::Object::new();
    js_sys::Reflect::set(&hello, &"module".into(), &wasm_bindgen::module())?;
    worker.post_message(&hello)?;
    Ok(Slot {
        worker,
        job: None,
        _on_message: on_message,
    })
}

/// Posts `{id, kind, input}`, the input's buffer transferred.
fn post_task(worker: &web_sys::Worker, job: &Pending) -> Result<(), JsValue> {
    let message = js_sys::Object::new();
    #[allow(clippy::cast_precision_loss)]
    js_sys::Reflect::set(&message, &"id".into(), &(job.id as f64).into())?;
    js_sys::Reflect::set(&message, &"kind".into(), &job.kind.into())?;
    let input = js_sys::Uint8Array::from(job.input.as_slice());
    js_sys::Reflect::set(&message, &"input".into(), &input)?;
    worker.post_message_with_transfer(&message, &js_sys::Array::of1(&input.buffer()))
}

/// A worker's `{id, progress}`, `{id, done}` or `{id, error}`.
fn on_message(shared: &Weak<RefCell<Pool>>, data: &JsValue) {
    let Some(shared) = shared.upgrade() else {
        return;
    };
    let field = |name: &str| js_sys::Reflect::get(data, &name.into()).ok();
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let Some(id) = field("id").and_then(|id| id.as_f64()).map(|id| id as u64) else {
        return;
    };
    let bytes = |value: Option<JsValue>| {
        value
            .filter(|v| !v.is_undefined())
            .map(|v| js_sys::Uint8Array::new(&v).to_vec())
    };
    {
        let mut pool = shared.borrow_mut();
        let Some(index) = pool
            .slots
            .iter()
            .position(|slot| slot.job.as_ref().is_some_and(|job| job.id == id))
        else {
            return;
        };
        let started = web_time::Instant::now();
        let mut landed = None;
        if let Some(progress) = bytes(field("progress")) {
            if let Some(job) = &mut pool.slots[index].job {
                (job.deliver)(Arrived::Progress(&progress));
                landed = Some((job.kind, progress.len()));
            }
        } else if let Some(done) = bytes(field("done")) {
            if let Some(mut job) = pool.slots[index].job.take() {
                (job.deliver)(Arrived::Finished(&done));
                landed = Some((job.kind, done.len()));
            }
        } else {
            // The task failed in the worker (an error, or a panic that stopped its
            // module): the job ends without a result, and the worker is not trusted again.
            let error = field("error")
                .and_then(|e| e.as_string())
                .unwrap_or_default();
            let slot = pool.slots.remove(index);
            let kind = slot.job.as_ref().map_or("?", |job| job.kind);
            log::error!("basin: a {kind} job failed in its worker: {error}");
            slot.worker.terminate();
        }
        // Decoding is the page's share of a task's work: said when it is over a frame's budget.
        let ms = started.elapsed().as_secs_f64() * 1e3;
        if let Some((kind, size)) = landed.filter(|_| ms > 50.0) {
            log::info!(
                "basin: a {kind} report ({size} bytes) took {ms:.0} ms to decode on the page"
            );
        }
    }
    pump(&shared);
}
