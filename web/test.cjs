// The web edition's browser test, run by web/test.sh (which serves web/dist/ and sets
// NODE_PATH to a pinned playwright-core): node web/test.cjs BASE_URL SHOTS_DIR
//
// Checks, in headless Chromium (any console error or uncaught exception fails): the page
// starts and the Playground draws its heatmap and paths (a screenshot with many distinct
// colours); the picture stands still by itself and Play (Space) advances the race; key 2 shows
// the Network lab, which trains and draws its landscape; presets of the other labs open from
// the address (`?preset=NAME`) and draw. Measures the time to the first picture and the
// longest gap between two animation frames while the Network lab computes (written to
// SHOTS_DIR/numbers.json). Exits 1 with a message on the first failure; the screenshots stay
// in SHOTS_DIR.
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
// can ask for the longest gap (a frame blocked by work on the page's thread) in a window.
const FRAME_PROBE = `
  window.__basinFrames = [];
  const tick = (t) => { window.__basinFrames.push(t); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
`;

async function longestFrame(page, since) {
  return page.evaluate((since) => {
    const f = window.__basinFrames.filter((t) => t >= since);
    let worst = 0;
    for (let i = 1; i < f.length; i++) worst = Math.max(worst, f[i] - f[i - 1]);
    return { worst, frames: f.length };
  }, since);
}

async function shot(page, name) {
  const buf = await page.screenshot({ path: path.join(shots, `${name}.png`) });
  return decodePng(buf);
}

// Opens `query` in a fresh page; fails on a console error or an uncaught exception.
async function open(browser, query, errors) {
  const context = await browser.newContext({ viewport: { width: WIDTH, height: HEIGHT } });
  const page = await context.newPage();
  await page.addInitScript(FRAME_PROBE);
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`console error on ${query}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => errors.push(`uncaught exception on ${query}: ${err.message}`));
  const started = Date.now();
  await page.goto(base + query, { waitUntil: "load" });
  // index.html removes its "Loading basin…" line once start() resolved, and shows the
  // reason when it failed.
  await page
    .waitForFunction(() => !document.getElementById("basin-status"), null, { timeout: 60000 })
    .catch(async () => {
      const text = await page.locator("#basin-status").textContent().catch(() => "?");
      fail(`${query}: basin did not start within 60 s (the page says: ${text})`);
    });
  return { page, context, started };
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
  try {
    // 1. The Playground: starts, draws the heatmap and paths.
    const pg = await open(browser, "?lang=en", errors);
    const first = await waitForPicture(pg.page, "playground-en", pg.started, 300, 90);
    numbers.first_picture_s = first.seconds;
    console.log(`ok: the Playground draws (${first.colours} colours) ${first.seconds.toFixed(1)} s after the page was opened`);
    checkErrors(errors);

    // 2. Play advances the race. Let whatever is running settle first: the picture must
    // then stand still by itself, and move once Space starts the race.
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

    // 3. The longest frame while a landscape computes: with the page settled, key 2 shows
    // the Network lab, which trains its preset and computes its loss landscape.
    await pg.page.keyboard.press("Space");
    const since = await pg.page.evaluate(() => performance.now());
    const switched = Date.now();
    await pg.page.keyboard.press("2");
    const net = await waitForPicture(pg.page, "network-en", switched, 300, 180);
    await settle(pg.page, "network-en", net.img);
    const { worst, frames } = await longestFrame(pg.page, since);
    numbers.network_lab_picture_s = net.seconds;
    numbers.longest_frame_ms = worst;
    console.log(
      `ok: key 2 shows the Network lab; its pictures ${net.seconds.toFixed(1)} s later; ` +
        `longest frame while it trained and computed its landscape ${worst.toFixed(0)} ms (${frames} frames)`,
    );
    checkErrors(errors);
    await pg.context.close();

    // 4. Presets of the other labs open (from the address, as a link to a lab would) and draw.
    for (const [preset, name] of [
      ["moons", "network-moons"],
      ["sharp-vs-flat", "sharp-vs-flat"],
      ["bias-variance", "bias-variance"],
    ]) {
      const lab = await open(browser, `?preset=${preset}&lang=en`, errors);
      const pic = await waitForPicture(lab.page, name, lab.started, 300, 180);
      console.log(`ok: preset ${preset} opens and draws (${pic.colours} colours, ${pic.seconds.toFixed(1)} s)`);
      checkErrors(errors);
      await lab.context.close();
    }
  } finally {
    await browser.close();
  }
  fs.writeFileSync(path.join(shots, "numbers.json"), JSON.stringify(numbers, null, 2));
  console.log(`numbers: ${JSON.stringify(numbers)}`);
}

main().catch((err) => {
  console.error(`web/test.cjs: FAILED: ${err.message}`);
  process.exit(1);
});
