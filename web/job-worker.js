// A Web Worker of basin's single-threaded web build (a page without shared memory): it loads
// the page's own compiled module, a whole copy of basin with memory of its own, and runs the
// tasks the page posts, one at a time (src/jobs/worker.rs is the page's side, src/web.rs's
// run_task this one's). The page stops a worker whose task it no longer wants.
import init, { run_task } from "./pkg/basin.js";

let ready = null;
self.onmessage = async ({ data }) => {
  if (data.module) {
    ready = init({ module_or_path: data.module });
    return;
  }
  const { id, kind, input } = data;
  try {
    await ready;
    run_task(id, kind, input);
  } catch (err) {
    self.postMessage({ id, error: String(err) });
  }
};
