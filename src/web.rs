//! The web edition's entry point (wasm32 only, built by `web/build.sh`): the same
//! [`crate::app::App`] as the desktop, drawn by eframe's web runner on a `<canvas>` of the
//! page. The page's script calls [`start`] with the canvas's id once the module is loaded.
//! The page's address may name a built-in preset and the language, like `basin open`:
//! `?preset=digits-mlp&lang=ko` (a preset that does not load is left out, with a log line).
//!
//! What a browser cannot do is left out where it lives, by `cfg(target_arch = "wasm32")`: the
//! command line (`cli`), the system's file dialogs (`app::file_picker`), the worker threads
//! (`jobs::Jobs` runs a job on the calling thread). ARCHITECTURE.md, "The web build".

use wasm_bindgen::JsCast as _;
use wasm_bindgen::prelude::*;

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
    let startup = startup(&query);
    eframe::WebRunner::new()
        .start(
            canvas,
            eframe::WebOptions::default(),
            Box::new(|cc| Ok(Box::new(App::new(cc, startup)))),
        )
        .await
}

/// What the page's query (`?preset=NAME&lang=ko`) asks for; anything else is ignored.
fn startup(query: &str) -> Startup {
    let mut startup = Startup::default();
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
            _ => {}
        }
    }
    startup
}
