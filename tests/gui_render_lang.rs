#![cfg(feature = "gui")]
//! The window's "Export figure…" in Korean: the figure speaks the window's language — its
//! title, legend, colour bar and stamp in Korean, drawn in the Hangul font.

mod common;

use common::gui::{app_harness, step_until_secs};

use basin::app::labs::playground::fallback_experiment;
use basin::app::{App, Startup};
use basin::i18n::{Lang, tr_in};
use egui_kittest::kittest::Queryable;

fn settled(app: &App) -> bool {
    app.labs.playground.trained().is_some() && app.labs.playground.grid().is_some() && !app.busy()
}

#[test]
fn a_korean_window_exports_a_korean_figure() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The app writes into exports/ under the working folder.
    std::env::set_current_dir(dir.path()).expect("cd");
    let mut experiment = fallback_experiment();
    experiment.view.resolution = 48;
    experiment.training.steps = 60;
    let startup = Startup {
        preset: Some(experiment.into()),
        preset_name: Some("test".to_string()),
        lang: Some(Lang::Ko),
        ..Startup::default()
    };
    let mut h = app_harness(startup, egui::vec2(1440.0, 900.0));
    step_until_secs(&mut h, "the first results", 60, settled);
    h.get_by_label(tr_in(Lang::Ko, "common.top.export_figure"))
        .click();
    // A new window takes a frame to size itself before it shows.
    h.run_steps(4);
    h.get_by_label("SVG").click();
    h.step();
    h.get_by_label(tr_in(Lang::Ko, "common.export.export"))
        .click();
    h.step();
    let svg_path = dir.path().join("exports/test-figure.svg");
    step_until_secs(&mut h, "the SVG export", 60, |app| {
        app.notices()
            .iter()
            .any(|n| n.text.contains("test-figure.svg"))
    });
    let svg = std::fs::read_to_string(&svg_path).expect("svg");
    for needle in ["학습 손실", "손실 (로그)", "시드", "B=전체"] {
        assert!(
            svg.contains(needle),
            "{needle} missing from the exported SVG"
        );
    }
    assert!(svg.contains("font-family=\"NanumGothic, sans-serif\""));
    assert!(!svg.contains("training loss"));
}
