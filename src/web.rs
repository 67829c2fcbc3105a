//! The web edition's entry point (wasm32 only, built by `web/build.sh`): the same
//! [`crate::app::App`] as the desktop, drawn by eframe's web runner on a `<canvas>` of the
//! page. The page's script calls [`start`] with the canvas's id once the module is loaded.
//! The page's address may name a built-in preset and the language, like `basin open`:
//! `?preset=digits-mlp&lang=ko`, and the lab to open it in, `&lab=sharp-vs-flat` (a preset
//! that does not load is left out, with a log line).
//!
//! What a browser cannot do is left out where it lives, by `cfg(target_arch = "wasm32")`: the
//! command line (`cli`) and the system's file dialogs (`app::file_picker`). Threads exist only
//! in the threaded build (`target_feature = "atomics"`), whose jobs run on Web Workers through
//! rayon; the single-threaded build sends its jobs' tasks to Web Workers that each load a
//! copy of this module (`crate::jobs::task`; [`run_task`] is their side).
//! ARCHITECTURE.md, "The web build".

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

/// The threaded build's `initThreadPool(n)`: the page awaits it before [`start`] to give
/// rayon's global pool `n` Web Workers, where the jobs run (`crate::jobs::Jobs`).
#[cfg(target_feature = "atomics")]
pub use wasm_bindgen_rayon::init_thread_pool;

use crate::app::{App, Startup};

/// Starts basin on the canvas with the id `canvas_id`; resolves once the first frame is
/// scheduled, rejects with a message when the canvas is missing or WebGL cannot start.
///
/// # Errors
/// A JavaScript error: no document, no such canvas, or no WebGL context.
#[wasm_bindgen]
pub async fn start(canvas_id: String) -> Result<(), JsValue> {
    // Log messages go to the browser's console.
    eframe::WebLogger::init(log::LevelFilter::Info).ok();
    let canvas = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(&canvas_id))
        .ok_or_else(|| JsValue::from_str(&format!("basin: no element #{canvas_id}")))?
        .dyn_into::<web_sys::HtmlCanvasElement>()
        .map_err(|_| JsValue::from_str(&format!("basin: #{canvas_id} is not a <canvas>")))?;
    let query = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .unwrap_or_default();
    let startup = Startup {
        // The browser's file chooser for Open… and downloads for every export.
        system_dialogs: true,
        ..startup(&query)
    };
    eframe::WebRunner::new()
        .start(
            canvas,
            eframe::WebOptions::default(),
            Box::new(|cc| Ok(Box::new(App::new(cc, startup)))),
        )
        .await
}

/// The single-threaded build's Web Worker (`job-worker.js`) runs here the task the page
/// posted as `{id, kind, input}` (`crate::jobs::task`): each progress report is posted back
/// at once as `{id, progress}`, the result as `{id, done}`, the bytes transferred.
///
/// # Errors
/// A JavaScript error naming an unknown kind or input that does not decode (the worker
/// posts it back as `{id, error}`).
#[cfg(not(target_feature = "atomics"))]
#[wasm_bindgen]
pub fn run_task(id: f64, kind: &str, input: &[u8]) -> Result<(), JsValue> {
    use crate::jobs::task::{self, Report};
    // The worker's own log lines go to the console too (a second call does nothing).
    eframe::WebLogger::init(log::LevelFilter::Info).ok();
    let report: task::Reporter = std::sync::Arc::new(move |report: Report| {
        let (field, bytes) = match report {
            Report::Progress(bytes) => ("progress", bytes),
            Report::Finished(bytes) => ("done", bytes),
        };
        if let Err(err) = post_bytes(id, field, &bytes) {
            log::error!("basin: a worker cannot post its {field}: {err:?}");
        }
    });
    // A figure export is drawn by the renderer, which lives above the jobs' own kinds.
    let ran = if kind == <crate::render::task::FigureTask as task::Task>::KIND {
        task::run_one::<crate::render::task::FigureTask>(input, &report)
    } else {
        task::run_serialized(kind, input, &report)
    };
    // How much memory this copy of basin holds once its job is done (a wasm memory only
    // grows): `web/test.cjs` reports the largest.
    let bytes = wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length();
    let mib = f64::from(bytes) / f64::from(1u32 << 20);
    log::info!("basin: a Web Worker holds {mib:.0} MiB of memory after a {kind} job");
    ran.map_err(|err| JsValue::from_str(&err.to_string()))
}

/// Posts `{id, [field]: bytes}` from a worker to its page.
#[cfg(not(target_feature = "atomics"))]
fn post_bytes(id: f64, field: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().dyn_into()?;
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"id".into(), &id.into())?;
    let array = js_sys::Uint8Array::from(bytes);
    js_sys::Reflect::set(&message, &field.into(), &array)?;
    scope.post_message_with_transfer(&message, &js_sys::Array::of1(&array.buffer()))
}

/// Fetches the Hangul font (`fonts/NanumGothic.ttf` beside the page, copied there by
/// `web/build.sh`) the first time Korean is chosen, and adds it to the window's fonts when it
/// arrives (the text is laid out anew then). A failed fetch is logged, and tried again the
/// next time Korean is chosen; meanwhile Hangul shows as empty boxes.
pub(crate) fn fetch_hangul_font(ctx: &egui::Context) {
    use std::sync::atomic::{AtomicBool, Ordering};
    static ASKED: AtomicBool = AtomicBool::new(false);
    if ASKED.swap(true, Ordering::Relaxed) {
        return;
    }
    let ctx = ctx.clone();
    let url = format!("fonts/{}", crate::render::font::HANGUL_FONT_FILE);
    wasm_bindgen_futures::spawn_local(async move {
        let started = web_time::Instant::now();
        match fetch_bytes(&url).await {
            Ok(bytes) => {
                let size = bytes.len();
                let bytes = crate::render::font::install_hangul_font(bytes);
                crate::ui::add_hangul_font(&ctx, bytes);
                ctx.request_repaint();
                log::info!(
                    "basin: the Hangul font ({size} bytes) arrived in {:.0} ms",
                    started.elapsed().as_secs_f64() * 1e3
                );
            }
            Err(err) => {
                log::warn!("basin: cannot load the Hangul font from {url}: {err}");
                ASKED.store(false, Ordering::Relaxed);
            }
        }
    });
}

/// The bytes at `url` (relative to the page), or why not.
async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    use wasm_bindgen_futures::JsFuture;
    let js = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(js)?
        .dyn_into()
        .map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!(
            "HTTP {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(js)?)
        .await
        .map_err(js)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Sets the page's title (the browser tab's), as the desktop sets its window's.
pub(crate) fn set_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|window| window.document()) {
        document.set_title(title);
    }
}

/// What the page's query (`?preset=NAME&lab=LAB&lang=ko`) asks for; anything else is ignored.
/// `lab` (a lab's command-line name) chooses the lab the preset opens in, like `basin open
/// --lab`; without a preset it is ignored.
fn startup(query: &str) -> Startup {
    let mut startup = Startup::default();
    let mut lab = None;
    for (key, value) in query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
    {
        match key {
            "preset" => match crate::preset::load(value, &[]) {
                Ok(preset) => {
                    startup.preset = Some(preset);
                    startup.lab = crate::lab::opens_in(value);
                    startup.preset_name = Some(value.to_string());
                }
                Err(err) => log::warn!("basin: preset {value}: {err}"),
            },
            "lang" => startup.lang = crate::i18n::Lang::parse(value).ok(),
            "lab" => match crate::lab::LabKind::from_cli_name(value) {
                Some(kind) => lab = Some(kind),
                None => log::warn!(
                    "basin: no lab {value} (one of {})",
                    crate::lab::LabKind::cli_names()
                ),
            },
            _ => {}
        }
    }
    if startup.preset.is_some() && lab.is_some() {
        startup.lab = lab;
    }
    startup
}
