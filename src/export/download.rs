//! Writing a file in the browser (wasm32 only): the page has no file system, so every export
//! (CSV, PNG, SVG, a preset, a screenshot) becomes a download of that name. [`Staged`] is the
//! browser's twin of the desktop's temporary file: the writer fills a buffer and
//! [`Staged::commit`] hands it to the browser (a `Blob`, an object URL and a click on an
//! `<a download>`); dropped uncommitted, nothing happens. Only the path's file name is used.

use std::path::{Path, PathBuf};

use wasm_bindgen::JsCast as _;

use super::ExportError;

/// A file being written: its bytes, and the name the download gets.
pub(super) struct Staged {
    pub(super) dest: PathBuf,
    bytes: Vec<u8>,
}

impl Staged {
    /// Lets `write` fill the file's bytes.
    pub(super) fn write(
        dest: &Path,
        write: impl FnOnce(&mut Vec<u8>) -> Result<(), ExportError>,
    ) -> Result<Self, ExportError> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        Ok(Self {
            dest: dest.to_path_buf(),
            bytes,
        })
    }

    /// Gives the bytes to the browser as a download named like the path's file.
    pub(super) fn commit(self) -> Result<(), ExportError> {
        let name = self.dest.file_name().map_or_else(
            || "basin-export".to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        download(&name, &self.bytes).map_err(|message| ExportError::Io {
            path: self.dest.clone(),
            source: std::io::Error::other(format!("the browser refused the download: {message}")),
        })
    }
}

/// The MIME type of a download, from its extension.
fn mime(name: &str) -> &'static str {
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "png" => "image/png",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "csv" => "text/csv",
        "json" => "application/json",
        "toml" => "application/toml",
        _ => "application/octet-stream",
    }
}

/// Starts the browser's download of `bytes` as the file `name`.
fn download(name: &str, bytes: &[u8]) -> Result<(), String> {
    let js = |e: wasm_bindgen::JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime(name));
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js)?;
    let anchor = document
        .create_element("a")
        .map_err(js)?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "no <a> element")?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // The click has started the download; the URL can go once the browser has read it.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        web_sys::Url::revoke_object_url(&url).ok();
    });
    if let Some(window) = web_sys::window() {
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)
            .map_err(js)?;
    }
    Ok(())
}
