// The web edition's browser test, run by web/test.sh (which serves web/dist/ and sets
// NODE_PATH to a pinned playwright-core): node web/test.cjs BASE_URL SHOTS_DIR
// (BASIN_WEB_PLAIN_URL: the same site on a server that sends no COOP/COEP headers).
//
// Checks, in headless Chromium (any console error or uncaught exception fails): the page
// starts and the Playground draws its heatmap and paths (a screenshot with many distinct
// colours); the picture stands still by itself and Play (Space) advances the race; key 2 shows
// the Network lab, which trains and draws its landscape; `?threads=0` starts the
// single-threaded build, whose jobs run in its Web Workers with the desktop's numbers; on the
// plain server the page makes itself cross-origin isolated
// through its service worker and starts the threaded build; Ctrl+O uploads a preset, a dropped
// one opens, Ctrl+S, S and Export figure… download a preset, a screenshot and a figure; Korean
// fetches the Hangul font (an English page never does); every lab opens from the address
// (`?preset=NAME&lang=en|ko`) and draws (its screenshots are kept as lab-NAME-LANG.png); the
// Network lab's final losses of `moons` and `digits` are the native build's, bit for bit.
// Measures the time to the first picture and, while the Network lab computes (in both builds),
// the gaps between animation frames, how long basin's own frame callbacks took and the page
// thread's long tasks (written to SHOTS_DIR/numbers.json; reported, not checked). Exits 1 with
// a message on the first failure; the screenshots stay in SHOTS_DIR.
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { chromium } = require("playwright-core");

const [base, shots] = process.argv.slice(2);
if (!base || !shots) {
  console.error("usage: node web/test.cjs BASE_URL SHOTS_DIR");
  process.exit(2);
}
const repo = path.join(__dirname, "..");
const WIDTH = 1440;
const HEIGHT = 900;

function fail(message) {
  throw new Error(message);
}

// ----- PNG: just enough to read Chromium's screenshots (8-bit RGB/RGBA, no interlace) -----

function decodePng(buf) {
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString("ascii", pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colour, , , interlace] = data.subarray(8, 13);
      channels = { 2: 3, 6: 4 }[colour];
      if (depth !== 8 || !channels || interlace !== 0) fail(`unexpected PNG format ${depth}/${colour}/${interlace}`);
    } else if (type === "IDAT") {
      idat.push(data);
    }
    pos += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(width * height * 3);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? line[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let p = 0;
      if (filter === 1) p = a;
      else if (filter === 2) p = b;
      else if (filter === 3) p = (a + b) >> 1;
      else if (filter === 4) {
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = (line[i] + p) & 255;
    }
    for (let x = 0; x < width; x++) {
      line.copy(out, (y * width + x) * 3, x * channels, x * channels + 3);
    }
    prev = line;
  }
  return { width, height, rgb: out };
}

// Distinct colours among the saturated pixels (egui's own widgets are shades of grey; a
// heatmap's colour map and the optimizers' paths are not), at 6 bits a channel.
function colourfulness(img) {
  const seen = new Set();
  const { rgb } = img;
  for (let i = 0; i < rgb.length; i += 3) {
    const r = rgb[i];
    const g = rgb[i + 1];
    const b = rgb[i + 2];
    if (Math.max(r, g, b) - Math.min(r, g, b) > 40) seen.add(((r >> 2) << 12) | ((g >> 2) << 6) | (b >> 2));
  }
  return seen.size;
}

// The share of pixels that differ between two screenshots of the same size.
function changed(a, b) {
  let n = 0;
  for (let i = 0; i < a.rgb.length; i += 3) {
    if (a.rgb[i] !== b.rgb[i] || a.rgb[i + 1] !== b.rgb[i + 1] || a.rgb[i + 2] !== b.rgb[i + 2]) n++;
  }
  return n / (a.width * a.height);
}

// ----- the page -----

// Installed before the page's own script: records every animation frame's time, so the test
// can ask for the gaps between frames in a window, and wraps the page's requestAnimationFrame
// so that it also records how long basin's own frame callbacks (eframe: egui's update and its
// paint calls) held the page's thread in each frame.
//
// The gap between two frames is all the page's thread did in between: basin's callback, the
// events it handled, the browser's own work, and, under SwiftShader (headless Chromium without
// a GPU, as here), the compositor reading the WebGL canvas back for software compositing: a
// glReadPixels of the whole canvas every frame that changed, which first waits for the GPU
// process to execute the frame's WebGL commands (SwiftShader renders them on the CPU), and
// which any WebGL page pays there. In traces of this test's threaded Network lab (1440×900)
// that wait was about 125 ms a frame, and several hundred ms (up to 806 ms) for the lab's
// first frames, while basin's callbacks took at most 15 to 25 ms. With GPU compositing there is no
// read-back and the rendering is the GPU's: a gap is then the display's refresh interval
// unless basin's callback or other work on the page's thread takes longer.
const FRAME_PROBE = `
  const raf = window.requestAnimationFrame.bind(window);
  window.__basinFrames = [];
  const tick = (t) => { window.__basinFrames.push(t); raf(tick); };
  raf(tick);
  // [the frame's timestamp, the callback's duration]: a frame may run several callbacks.
  window.__basinCallbacks = [];
  // Each callback over 20 ms, with what it did: [the frame's timestamp, its duration, the
  // WebGL calls that took longest in it (name, total ms, count), the lines basin logged in it
  // (crate::app::frame_parts says how long its own update and layout took)].
  window.__basinSlowCallbacks = [];
  let inCallback = null;
  for (const method of ["log", "info", "warn", "debug"]) {
    const original = console[method].bind(console);
    console[method] = (...args) => {
      if (inCallback) inCallback.lines.push(args.map(String).join(" "));
      original(...args);
    };
  }
  // eframe saves the settings and egui's memory in the browser's storage every 30 s, after a
  // frame's painting.
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (inCallback) inCallback.lines.push("storage: " + key + " (" + String(value).length + " characters)");
    return setItem.call(this, key, value);
  };
  for (const proto of [window.WebGL2RenderingContext, window.WebGLRenderingContext]) {
    if (!proto) continue;
    for (const name of Object.getOwnPropertyNames(proto.prototype)) {
      const d = Object.getOwnPropertyDescriptor(proto.prototype, name);
      if (typeof d.value !== "function" || name === "constructor") continue;
      const original = d.value;
      proto.prototype[name] = function (...args) {
        if (!inCallback) return original.apply(this, args);
        const start = performance.now();
        if (inCallback.firstGl === null) inCallback.firstGl = start;
        try {
          return original.apply(this, args);
        } finally {
          const end = performance.now();
          const g = inCallback.gl.get(name) || [0, 0];
          inCallback.gl.set(name, [g[0] + end - start, g[1] + 1]);
          inCallback.lastGl = end;
        }
      };
    }
  }
  window.requestAnimationFrame = (callback) =>
    raf((t) => {
      const start = performance.now();
      inCallback = { gl: new Map(), lines: [], firstGl: null, lastGl: null };
      try {
        callback(t);
      } finally {
        const ms = performance.now() - start;
        window.__basinCallbacks.push([t, ms]);
        if (ms > 20) {
          const gl = [...inCallback.gl.entries()]
            .map(([name, [total, count]]) => [name, Math.round(total * 10) / 10, count])
            .sort((a, b) => b[1] - a[1])
            .slice(0, 4);
          const round = (x) => Math.round(x * 10) / 10;
          const { firstGl, lastGl } = inCallback;
          // Before the first WebGL call: eframe's input, basin's update and layout, egui's
          // tessellation; from the first to the last: the painting; after: the rest.
          const split = firstGl === null ? null : [round(firstGl - start), round(lastGl - firstGl), round(start + ms - lastGl)];
          window.__basinSlowCallbacks.push([t, round(ms), gl, inCallback.lines, split]);
        }
        inCallback = null;
      }
    });
  window.__basinLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__basinLongTasks.push([e.startTime, e.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (e) {
    window.__basinLongTasks = null;
  }
`;

// Since `since` (the page's performance.now()): the gaps between frames, the time basin's frame
// callbacks took in each frame that ran them, and the page thread's tasks over 50 ms (ms,
// rounded to 0.1).
async function frameTimes(page, since) {
  return page.evaluate((since) => {
    const round = (ms) => Math.round(ms * 10) / 10;
    const median = (xs) => {
      const sorted = [...xs].sort((a, b) => a - b);
      return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
    };
    const f = window.__basinFrames.filter((t) => t >= since);
    const gaps = [];
    for (let i = 1; i < f.length; i++) gaps.push(f[i] - f[i - 1]);
    const perFrame = new Map();
    for (const [t, d] of window.__basinCallbacks) {
      if (t >= since) perFrame.set(t, (perFrame.get(t) || 0) + d);
    }
    const callbacks = [...perFrame.values()];
    const tasks = window.__basinLongTasks;
    const longTasks = tasks === null ? null : tasks.filter(([t]) => t >= since).map(([, d]) => d);
    return {
      frames: f.length,
      longestGap: round(Math.max(0, ...gaps)),
      medianGap: round(median(gaps)),
      basinFrames: callbacks.length,
      longestCallback: round(Math.max(0, ...callbacks)),
      medianCallback: round(median(callbacks)),
      totalCallbacks: round(callbacks.reduce((a, b) => a + b, 0)),
      longTasks: longTasks && longTasks.length,
      longestTask: longTasks && round(Math.max(0, ...longTasks)),
      slowCallbacks: window.__basinSlowCallbacks.filter(([t]) => t >= since),
    };
  }, since);
}

async function shot(page, name) {
  const buf = await page.screenshot({ path: path.join(shots, `${name}.png`) });
  return decodePng(buf);
}

// Opens `query` in a fresh page (of the site at `site`, by default the one web/test.sh serves
// cross-origin isolated); fails on a console error or an uncaught exception.
async function open(browser, query, errors, site = base, initScript = null) {
  const context = await browser.newContext({
    viewport: { width: WIDTH, height: HEIGHT },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.addInitScript(FRAME_PROBE);
  if (initScript) await page.addInitScript(initScript);
  // index.html says which build it started.
  let build = "unknown build";
  // The Network lab's "basin: run N trained: loss L test_loss T" lines (see sameNumbers).
  const trained = {};
  // Every line of basin's own (the page's and its workers').
  const basinLines = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console error on ${query}: ${msg.text()}`);
    // (eframe puts the log target and the source line in front.)
    const run = /basin: run (\d+) trained: loss (\S+) test_loss (\S+)$/.exec(msg.text());
    if (run) trained[run[1]] = { loss: run[2], test_loss: run[3] };
    if (msg.text().includes("basin: ")) basinLines.push(msg.text());
    if (msg.text().startsWith("basin: ")) {
      if (msg.text().includes("Web Workers")) build = "threads";
      if (msg.text().includes("single-threaded")) build = "single-threaded";
    }
  });
  page.on("pageerror", (err) => errors.push(`uncaught exception on ${query}: ${err.message}`));
  // File choosers are only handed to the test when it listens before the page loads (else
  // headless Chromium cancels them at once).
  const choosers = [];
  page.on("filechooser", (chooser) => choosers.push(chooser));
  const fonts = [];
  page.on("request", (req) => {
    if (req.url().includes("/fonts/")) fonts.push(req.url());
  });
  const started = Date.now();
  await page.goto(site + query, { waitUntil: "load" });
  // index.html removes its "Loading basin…" line once start() resolved, and shows the
  // reason when it failed.
  await page
    .waitForFunction(() => !document.getElementById("basin-status"), null, { timeout: 60000 })
    .catch(async () => {
      const text = await page.locator("#basin-status").textContent().catch(() => "?");
      fail(`${query}: basin did not start within 60 s (the page says: ${text})`);
    });
  return { page, context, started, fonts, choosers, build: () => build, trained, basinLines };
}

// The browser's numbers are the desktop's, bit for bit: the final training and test losses
// of every run of `preset`, as the Network lab logs them (shortest round-trip decimals),
// against the last row of each run in the CSV of the native `basin trajectory` that
// web/test.sh wrote to SHOTS_DIR/native-PRESET.csv.
function sameNumbers(preset, trained) {
  const file = path.join(shots, `native-${preset}.csv`);
  if (!fs.existsSync(file)) fail(`no ${file}: web/test.sh writes it with the native binary`);
  const rows = fs.readFileSync(file, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
  const native = {};
  for (const [run, , , loss, testLoss] of rows) native[run] = { loss, test_loss: testLoss };
  const runs = Object.keys(native);
  for (const run of runs) {
    const got = trained[run];
    if (!got) fail(`${preset}: the browser logged no final losses of run ${run}`);
    if (got.loss !== native[run].loss || got.test_loss !== native[run].test_loss) {
      fail(
        `${preset} run ${run}: the browser's final losses ${got.loss}, ${got.test_loss} are not ` +
          `the desktop's ${native[run].loss}, ${native[run].test_loss}`,
      );
    }
  }
  console.log(
    `ok: ${preset}: the browser's final losses are the desktop's, bit for bit (${runs.length} runs: ` +
      runs.map((r) => `${native[r].loss} / ${native[r].test_loss}`).join("; ") +
      ")",
  );
}

// Waits until the page shows at least `min` saturated colours; returns the seconds it took
// since `started` and the last screenshot.
async function waitForPicture(page, name, started, min, timeoutS) {
  let img;
  let colours = 0;
  while (Date.now() - started < timeoutS * 1000) {
    img = await shot(page, name);
    colours = colourfulness(img);
    if (colours >= min) return { seconds: (Date.now() - started) / 1000, img, colours };
    await page.waitForTimeout(250);
  }
  fail(`${name}: no picture within ${timeoutS} s (${colours} distinct colours, want ${min}; see ${name}.png)`);
}

// Waits until two screenshots 500 ms apart are the same (the jobs are done, nothing moves).
async function settle(page, name, img) {
  let prev = img;
  for (let i = 0; i < 240; i++) {
    await page.waitForTimeout(500);
    const now = await shot(page, name);
    if (changed(prev, now) === 0) return now;
    prev = now;
  }
  fail(`${name}: the picture never settled`);
}

// Waits until the page's title (the lab and the preset on screen) contains `text`.
async function waitForTitle(page, text) {
  await page
    .waitForFunction((text) => document.title.includes(text), text, { timeout: 60000 })
    .catch(async () => fail(`the title never said "${text}" (it says "${await page.title()}")`));
}

// Runs `action` and returns the download it starts: its suggested name and its bytes.
async function download(page, action, what) {
  const started = page.waitForEvent("download", { timeout: 20000 });
  await action();
  const got = await started.catch(() => fail(`${what} started no download`));
  const file = await got.path();
  const bytes = fs.readFileSync(file);
  fs.copyFileSync(file, path.join(shots, `download-${got.suggestedFilename()}`));
  return { name: got.suggestedFilename(), bytes };
}

function checkErrors(errors) {
  if (errors.length) fail(errors.join("\n"));
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.BASIN_CHROMIUM || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--enable-unsafe-swiftshader",
      "--ignore-gpu-blocklist",
      "--disable-background-networking",
      "--disable-component-update",
    ],
  });
  console.log(`Chromium ${browser.version()}`);
  const errors = [];
  const numbers = {};
  // BASIN_WEB_TEST_ONLY=files (or playground, single, plain, korean, labs; comma-separated)
  // runs only those.
  const only = (process.env.BASIN_WEB_TEST_ONLY || "").split(",").filter(Boolean);
  const parts = {
    playground: () => playground(browser, errors, numbers),
    single: () => singleThreaded(browser, errors, numbers),
    plain: () => plainServer(browser, errors, numbers),
    files: () => files(browser, errors),
    korean: () => korean(browser, errors),
    labs: () => presets(browser, errors),
  };
  try {
    for (const [name, part] of Object.entries(parts)) {
      if (!only.length || only.includes(name)) await part();
    }
  } finally {
    await browser.close();
  }
  fs.writeFileSync(path.join(shots, "numbers.json"), JSON.stringify(numbers, null, 2));
  console.log(`numbers: ${JSON.stringify(numbers)}`);
}

// The Playground starts and draws; Play advances the race; key 2's Network lab computes (its
// frames are measured there).
async function playground(browser, errors, numbers) {
  // 1. The Playground: starts, draws the heatmap and paths; an English page fetches no font.
  const pg = await open(browser, "?lang=en", errors);
  const first = await waitForPicture(pg.page, "playground-en", pg.started, 300, 90);
  numbers.first_picture_s = first.seconds;
  numbers.build = pg.build();
  // web/test.sh's server sends COOP/COEP: the threaded build, when web/build.sh made one.
  if (process.env.BASIN_WEB_EXPECT_THREADS === "1" && numbers.build !== "threads") {
    fail(`the page served cross-origin isolated started the ${numbers.build} build, not the threaded one`);
  }
  console.log(
    `ok: the Playground draws (${first.colours} colours) ${first.seconds.toFixed(1)} s after the page was opened ` +
      `(${numbers.build})`,
  );
  checkErrors(errors);
  if (pg.fonts.length) fail(`an English page fetched fonts: ${pg.fonts.join(", ")}`);

  // 2. Play advances the race. Let whatever is running settle first: the picture must then
  // stand still by itself, and move once Space starts the race.
  await settle(pg.page, "playground-still", first.img);
  const still = await shot(pg.page, "playground-still");
  await pg.page.waitForTimeout(1000);
  const still2 = await shot(pg.page, "playground-still");
  if (changed(still, still2) > 0) fail("the Playground never stands still (it keeps changing without Play)");
  await pg.page.focus("#basin-canvas");
  await pg.page.keyboard.press("Space");
  await pg.page.waitForTimeout(1500);
  const playing = await shot(pg.page, "playground-playing");
  const moved = changed(still2, playing);
  if (moved < 0.0005) fail(`Play did not advance the race (${(moved * 100).toFixed(3)} % of the pixels changed)`);
  console.log(`ok: Play advances the race (${(moved * 100).toFixed(2)} % of the pixels changed in 1.5 s)`);
  checkErrors(errors);

  // 3. The frames while a landscape computes: with the page settled, key 2 shows the Network
  // lab, which trains its preset and computes its loss landscape.
  await pg.page.keyboard.press("Space");
  const net = await networkLab(pg.page, "network-en");
  Object.assign(numbers, networkNumbers("network_lab", net));
  checkErrors(errors);
  await pg.context.close();
}

// Key 2 shows the Network lab, which trains its preset and computes its loss landscape: the
// seconds to its picture, and the frames meanwhile (until the picture settled): the gaps
// between them, basin's frame callbacks, the page thread's long tasks. Reported, not checked
// (they depend on the machine and its load).
async function networkLab(page, name) {
  await page.focus("#basin-canvas");
  const browser = page.context().browser();
  await browser.startTracing(page, { categories: ["devtools.timeline"] });
  const since = await page.evaluate(() => performance.now());
  const switched = Date.now();
  await page.keyboard.press("2");
  const net = await waitForPicture(page, name, switched, 300, 180);
  await settle(page, name, net.img);
  const t = await frameTimes(page, since);
  const cpu = callbacksOnTheCpu(await browser.stopTracing());
  console.log(
    `ok: the same frames traced: basin's frame callbacks were on the CPU at most ${cpu.longestCpu} ms ` +
      `(${cpu.callbacks} animation frame callbacks); the ones over 20 ms by the clock, as [clock, CPU] ms: ` +
      `${JSON.stringify(cpu.slow)}`,
  );
  console.log(
    `ok: key 2 shows the Network lab; its pictures ${net.seconds.toFixed(1)} s later; while it trained and ` +
      `computed its landscape: ${t.frames} frames, the longest gap between two ${t.longestGap} ms, the median ` +
      `${t.medianGap} ms; basin's frame callback held the page's thread at most ${t.longestCallback} ms, median ` +
      `${t.medianCallback} ms (${t.totalCallbacks} ms over ${t.basinFrames} frames); tasks over 50 ms on the ` +
      `page's thread: ${t.longTasks}, the longest ${t.longestTask} ms`,
  );
  // The three longest callbacks (of those over 20 ms) say where their time went: in WebGL
  // calls (egui's painting; a call the GPU process must answer waits for it), or in basin's
  // own update and layout (its frame_parts line).
  const longest = [...t.slowCallbacks].sort((a, b) => b[1] - a[1]).slice(0, 3);
  for (const [at, ms, gl, lines, split] of longest) {
    const calls = gl.map(([name, total, count]) => `${name} ${total} ms (${count}×)`).join(", ");
    const own = lines.filter((l) => l.includes("basin: a frame's")).map((l) => l.replace(/^.*basin: /, ""));
    const saved = lines.filter((l) => l.startsWith("storage: ")).map((l) => l.replace(/^storage: /, ""));
    if (saved.length) own.push(`saved to the browser's storage: ${saved.join(", ")}`);
    const parts = split ? `${split[0]} ms before its first WebGL call, ${split[1]} ms from there to its last, ${split[2]} ms after` : "no WebGL call";
    console.log(
      `  (${((at - since) / 1000).toFixed(2)} s after the key, a frame callback took ${ms} ms: ${parts}; its longest WebGL calls: ${calls || "none"}; ` +
        `${own.join("; ") || "basin's own update and layout took under 16 ms"})`,
    );
  }
  return { seconds: net.seconds, ...t, longestCpu: cpu.longestCpu };
}

// From a Chromium trace (the devtools.timeline category): how long the page's animation frame
// callbacks took by the clock (`dur`) and on the CPU (`tdur`, the thread's own time). A callback
// longer by the clock than on the CPU waited for a core: on this test's 2-core machine the page's
// thread shares them with the job workers, SwiftShader's rendering threads (the GPU process
// draws on the CPU) and the screenshots the test takes. The renderer's main thread is the one
// with the most animation frames.
function callbacksOnTheCpu(trace) {
  const events = JSON.parse(trace.toString("utf8")).traceEvents;
  const threads = new Map();
  for (const e of events) {
    if (e.name !== "FireAnimationFrame" || e.ph !== "X") continue;
    const key = `${e.pid}:${e.tid}`;
    if (!threads.has(key)) threads.set(key, []);
    threads.get(key).push([e.dur / 1000, (e.tdur || 0) / 1000]);
  }
  const frames = [...threads.values()].sort((a, b) => b.length - a.length)[0] || [];
  const round = (ms) => Math.round(ms * 10) / 10;
  return {
    callbacks: frames.length,
    longestCpu: round(Math.max(0, ...frames.map(([, cpu]) => cpu))),
    slow: frames
      .filter(([clock]) => clock > 20)
      .sort((a, b) => b[0] - a[0])
      .map(([clock, cpu]) => [round(clock), round(cpu)]),
  };
}

// networkLab's answer as numbers.json's entries, named `prefix`_….
function networkNumbers(prefix, net) {
  return {
    [`${prefix}_picture_s`]: net.seconds,
    [`${prefix}_frames`]: net.frames,
    [`${prefix}_longest_frame_gap_ms`]: net.longestGap,
    [`${prefix}_median_frame_gap_ms`]: net.medianGap,
    [`${prefix}_basin_frames`]: net.basinFrames,
    [`${prefix}_longest_basin_frame_callback_ms`]: net.longestCallback,
    [`${prefix}_median_basin_frame_callback_ms`]: net.medianCallback,
    [`${prefix}_total_basin_frame_callbacks_ms`]: net.totalCallbacks,
    [`${prefix}_long_tasks`]: net.longTasks,
    [`${prefix}_longest_task_ms`]: net.longestTask,
    [`${prefix}_callbacks_over_50_ms`]: net.slowCallbacks.filter(([, ms]) => ms > 50).length,
    [`${prefix}_longest_basin_frame_callback_on_cpu_ms`]: net.longestCpu,
  };
}

// The single-threaded build (`?threads=0`; what a page gets where it cannot be cross-origin
// isolated) starts and computes too; its frames are measured the same way.
async function singleThreaded(browser, errors, numbers) {
  const st = await open(browser, "?lang=en&threads=0", errors);
  await waitForPicture(st.page, "single-playground", st.started, 300, 90);
  if (!st.build().startsWith("single")) fail(`?threads=0 loaded the ${st.build()} build`);
  console.log("ok: ?threads=0 starts the single-threaded build");
  const net = await networkLab(st.page, "single-network");
  Object.assign(numbers, networkNumbers("single_threaded_network_lab", net));
  // Its jobs ran in Web Workers (which the Playground's first jobs started; the Network lab's
  // reuse them), not on the page's thread, which says so of any job it runs for longer than a
  // frame and of any report that took that long to decode; and they gave the desktop's numbers.
  const lines = st.basinLines;
  if (!lines.some((l) => /a Web Worker started/.test(l))) {
    fail(`the single-threaded build started no Web Worker:\n${lines.join("\n")}`);
  }
  for (const l of lines.filter((l) => /held the page's thread|to decode on the page/.test(l))) {
    console.log(`  (${l.replace(/^.*basin: /, "")})`);
  }
  sameNumbers("moons", st.trained);
  console.log("ok: the single-threaded build's jobs run in Web Workers, with the desktop's numbers");
  // Each worker is a copy of basin with memory of its own: what they held after their jobs.
  const workerMiB = st.basinLines.map((l) => /a Web Worker holds (\d+) MiB/.exec(l)).filter(Boolean).map((m) => Number(m[1]));
  if (!workerMiB.length) fail("the single-threaded build's workers said nothing of their memory");
  numbers.single_threaded_worker_memory_mib_max = Math.max(...workerMiB);
  console.log(`  (the workers held ${Math.min(...workerMiB)} to ${Math.max(...workerMiB)} MiB after their ${workerMiB.length} jobs)`);
  // Its figure exports are drawn by a worker too: the figure downloads, and no job held the
  // page's thread meanwhile (a 1600×1000 PNG drawn there would, and would say so).
  const before = st.basinLines.length;
  const figure = await exportFigure(st.page, "single-export-dialog");
  const held = st.basinLines.slice(before).filter((l) => /held the page's thread/.test(l));
  if (held.length) fail(`the single-threaded build drew its figure on the page's thread: ${held.join("; ")}`);
  console.log(`ok: the single-threaded build's Export figure… is drawn by a worker and downloads (${figure})`);
  checkErrors(errors);
  await st.context.close();

  // A page where no Web Worker can start (here: the constructor throws) says so and runs the
  // jobs on its own thread, with the same numbers.
  const noWorkers = "window.Worker = function () { throw new Error('workers are disabled here'); };";
  const nw = await open(browser, "?lang=en&threads=0&preset=moons", errors, base, noWorkers);
  const deadline = Date.now() + 120000;
  while (Object.keys(nw.trained).length < 2 && Date.now() < deadline) await nw.page.waitForTimeout(500);
  if (!nw.basinLines.some((l) => /no Web Worker can start here/.test(l))) {
    fail(`with no Web Worker the single-threaded build did not say so:\n${nw.basinLines.join("\n")}`);
  }
  sameNumbers("moons", nw.trained);
  for (const l of nw.basinLines.filter((l) => /held the page's thread/.test(l))) {
    console.log(`  (${l.replace(/^.*basin: /, "")})`);
  }
  console.log("ok: where no Web Worker can start, the single-threaded build says so and computes on the page, with the same numbers");
  checkErrors(errors);
  await nw.context.close();
}

// A plain static server (web/test.sh runs `python3 -m http.server`, which sends no COOP/COEP
// headers): the page registers its service worker (coi-sw.js), reloads once, and is then
// cross-origin isolated, so it starts the threaded build (when web/build.sh made one).
async function plainServer(browser, errors, numbers) {
  const site = process.env.BASIN_WEB_PLAIN_URL;
  if (!site) {
    console.log("skipped: no plain server (BASIN_WEB_PLAIN_URL)");
    return;
  }
  const plain = await open(browser, "?lang=en", errors, site);
  const pic = await waitForPicture(plain.page, "plain-playground", plain.started, 300, 90);
  const state = await plain.page.evaluate(() => ({
    isolated: self.crossOriginIsolated,
    controlled: !!navigator.serviceWorker.controller,
    navigation: performance.getEntriesByType("navigation")[0].type,
  }));
  numbers.plain_server_build = plain.build();
  numbers.plain_server_isolated = state.isolated;
  numbers.plain_server_first_picture_s = pic.seconds;
  if (process.env.BASIN_WEB_EXPECT_THREADS === "1") {
    if (!state.isolated || !state.controlled) {
      fail(`on a plain server the page is not cross-origin isolated (isolated: ${state.isolated}, its service worker in control: ${state.controlled})`);
    }
    if (numbers.plain_server_build !== "threads") fail(`on a plain server the page started the ${numbers.plain_server_build} build`);
  }
  console.log(
    `ok: on a plain server (no COOP/COEP) the page is ${state.isolated ? "" : "not "}cross-origin isolated ` +
      `(service worker in control: ${state.controlled}; last navigation: ${state.navigation}) and starts the ` +
      `${numbers.plain_server_build} build; it draws ${pic.seconds.toFixed(1)} s after it was opened`,
  );
  checkErrors(errors);
  await plain.context.close();
}

// Files the browser's way, on a fresh page: Ctrl+O opens the browser's file chooser and the
// chosen preset opens (in its own lab); a preset file dropped on the page opens; Ctrl+S
// downloads the lab as a preset, S a screenshot, Export figure… the figure.
async function files(browser, errors) {
  const files = await open(browser, "?lang=en", errors);
  const filesPicture = await waitForPicture(files.page, "files", files.started, 300, 90);
  await settle(files.page, "files", filesPicture.img);
  await files.page.focus("#basin-canvas");
  await files.page.keyboard.press("Control+O");
  for (let i = 0; i < 100 && !files.choosers.length; i++) await files.page.waitForTimeout(100);
  const picker = files.choosers.shift();
  if (!picker) {
    const overlay = await files.page.evaluate(() => {
      const o = document.getElementById("rfd-overlay");
      return o ? `an overlay of class "${o.className}"` : "no overlay";
    });
    await shot(files.page, "files-no-chooser");
    fail(`Ctrl+O did not open the browser's file chooser (${overlay})`);
  }
  await picker.setFiles(path.join(repo, "presets/regression/bias-variance.toml"));
  await waitForTitle(files.page, "Bias–Variance — bias-variance.toml");
  console.log("ok: Ctrl+O uploads a preset and opens it in its lab (the tab's title says so)");
  const dropped = await files.page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], "dropped-saddle.toml", { type: "application/toml" }));
    return transfer;
  }, fs.readFileSync(path.join(repo, "presets/saddle.toml"), "utf8"));
  await files.page.dispatchEvent("#basin-canvas", "drop", { dataTransfer: dropped });
  await waitForTitle(files.page, "Playground — dropped-saddle.toml");
  console.log("ok: a preset file dropped on the page opens");
  await files.page.focus("#basin-canvas");
  const saved = await download(files.page, () => files.page.keyboard.press("Control+S"), "Ctrl+S");
  if (!saved.name.endsWith(".toml") || !/\[problem\]/.test(saved.bytes.toString("utf8"))) {
    fail(`Ctrl+S downloaded ${saved.name}, not a preset`);
  }
  console.log(`ok: Ctrl+S downloads the lab as a preset (${saved.name}, ${saved.bytes.length} bytes)`);
  const screenshot = await download(files.page, () => files.page.keyboard.press("s"), "S");
  const png = decodePng(screenshot.bytes);
  if (!screenshot.name.endsWith(".png") || colourfulness(png) < 300) {
    fail(`S downloaded ${screenshot.name} (${png.width}×${png.height}), not a screenshot of the lab`);
  }
  console.log(`ok: S downloads a screenshot (${screenshot.name}, ${png.width}×${png.height})`);
  const figure = await exportFigure(files.page, "files-export-dialog");
  console.log(`ok: Export figure… downloads the figure (${figure})`);
  checkErrors(errors);
  await files.context.close();
}

// Export figure… (Ctrl+E, the top bar's button's shortcut), then Enter, the window's Export
// (PNG, 1600×1000 by default): the lab's figure downloads. Returns its name and size; the
// dialog's screenshot is kept as `dialogShot`.png.
async function exportFigure(page, dialogShot) {
  await page.focus("#basin-canvas");
  await page.keyboard.press("Control+E");
  await page.waitForTimeout(1000);
  await shot(page, dialogShot);
  const figure = await download(page, () => page.keyboard.press("Enter"), `Export figure… (Ctrl+E) → Enter (see ${dialogShot}.png)`);
  const png = decodePng(figure.bytes);
  if (!figure.name.endsWith("-figure.png") || png.width !== 1600 || colourfulness(png) < 300) {
    fail(`Export figure… downloaded ${figure.name} (${png.width}×${png.height}), not the lab's figure`);
  }
  return `${figure.name}, ${png.width}×${png.height}`;
}

// Korean, in the single-threaded build: the page fetches the Hangul font (English pages never
// do) and draws; a Korean figure exports; the choice is remembered in the browser's storage.
async function korean(browser, errors) {
  const ko = await open(browser, "?lang=ko&threads=0", errors);
  const koPicture = await waitForPicture(ko.page, "playground-ko", ko.started, 300, 90);
  await ko.page
    .waitForFunction(
      () => performance.getEntriesByType("resource").some((r) => r.name.includes("NanumGothic") && r.responseEnd > 0),
      null,
      { timeout: 30000 },
    )
    .catch(() => fail("the Korean page did not fetch the Hangul font"));
  const koSettled = await settle(ko.page, "playground-ko", koPicture.img);
  console.log(`ok: ?lang=ko fetches the Hangul font (${ko.fonts.length} request) and draws (${colourfulness(koSettled)} colours)`);
  // A Korean figure, drawn by a worker of the single-threaded build, which is sent the font
  // the page fetched (the downloaded figure is kept beside the screenshots to be looked at).
  const koFigure = await exportFigure(ko.page, "korean-export-dialog");
  console.log(`ok: the single-threaded build exports a Korean figure (${koFigure})`);
  // The language is a setting, kept in the browser's storage: the page opened again without
  // ?lang is still Korean (the Playground's title says 놀이터).
  await ko.page.goto(base, { waitUntil: "load" });
  await waitForTitle(ko.page, "basin — 놀이터 —");
  console.log("ok: the language stays Korean when the page is opened again (the browser's storage)");
  checkErrors(errors);
  await ko.context.close();
}

// Every lab, in English and in Korean, on a preset from the address (as a link to a lab
// would open it): it draws, and its settled picture is kept as lab-NAME-LANG.png.
async function presets(browser, errors) {
  for (const lang of ["en", "ko"]) {
    for (const [preset, name, title] of [
      ["rosenbrock-race", "playground", "Playground"],
      ["moons", "network", "Network"],
      ["digits", "network-digits", "Network"],
      ["sharp-vs-flat-net", "sharp-vs-flat", "Sharp vs Flat"],
      ["bias-variance", "bias-variance", "Bias–Variance"],
    ]) {
      // The digits network once, in English (its numbers are the point, not its words).
      if (preset === "digits" && lang !== "en") continue;
      const shotName = `lab-${name}-${lang}`;
      const lab = await open(browser, `?preset=${preset}&lang=${lang}`, errors);
      // The tab's title names the lab on screen (in English; the Korean one says it in Korean).
      if (lang === "en") await waitForTitle(lab.page, `basin — ${title} — ${preset}`);
      const pic = await waitForPicture(lab.page, shotName, lab.started, 300, 180);
      await settle(lab.page, shotName, pic.img);
      console.log(`ok: ${lang}: preset ${preset} opens and draws (${pic.colours} colours, ${pic.seconds.toFixed(1)} s)`);
      if (name.startsWith("network") && lang === "en") sameNumbers(preset, lab.trained);
      checkErrors(errors);
      await lab.context.close();
    }
  }
}

main().catch((err) => {
  console.error(`web/test.cjs: FAILED: ${err.message}`);
  process.exit(1);
});
