//! basin — a desktop lab for seeing how neural networks are optimized.
//!
//! Crate map (ARCHITECTURE.md, "Layers", says which layer may use which):
//! - [`core`]: pure numerics — the [`core::objective::Objective`] trait, toy surfaces as
//!   datasets of shifted copies, torch-exact optimizers, the training loop, landscape grids.
//!   No egui, no threads of its own, no files.
//! - [`jobs`]: runs core work on a rayon pool with generations, cancel flags, progress and a
//!   waker callback. Knows nothing of egui.
//! - [`preset`]: the TOML preset format, `--set key=value` overrides, and validation into a
//!   [`preset::Preset`] (surface, network or bias–variance) whose errors name the file, the
//!   key and the allowed range; [`preset::limits`] holds every allowed range.
//! - [`export`]: data files (CSV, NPY, JSON) from core results.
//! - `cli`: the headless subcommands (not in the web build: a browser has no command line).
//! - [`lab`]: the labs as one kind ([`lab::LabKind`]): order, CLI names, translation keys.
//! - [`i18n`]: every user-visible string of the window in English and Korean.
//! - [`render`]: figures without a window (PNG, SVG, GIF through plotters with a bundled
//!   font), the shared colours, and the 3-D landscape's projection and depth-sorted mesh.
//! - [`tour`]: the guided tour of the lecture note (`presets/tour.toml`), parsed and checked.
//! - `app` and `ui` (behind the default `gui` feature): the eframe application.
//! - `web` (wasm32 only): the web edition's entry point, the same app on a `<canvas>`.
#![warn(missing_docs)]
// Library code never unwraps: user input, files and numbers come back as errors. (Unit tests
// may: clippy.toml allows it there, and they are compiled with `cfg(test)`.)
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
pub mod core;
pub mod export;
pub mod i18n;
pub mod jobs;
pub mod lab;
pub mod preset;
pub mod render;
pub mod tour;

#[cfg(feature = "gui")]
pub mod app;
#[cfg(feature = "gui")]
pub mod ui;

#[cfg(all(feature = "gui", target_arch = "wasm32"))]
pub mod web;
