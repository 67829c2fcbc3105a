#![cfg(feature = "gui")]
//! The 3-D view and the figure export driven through the real widgets (egui_kittest): the
//! "3-D" toggle shows the 3-D options and a drag turns the camera; "Export figure…" opens its
//! window, the format can be switched, and "Export" writes the file off the UI thread with a
//! notice; "Export animation" writes a GIF; the Network lab exports its plane as PNG.

mod common;

use common::gui::{app_harness, step_until_secs};

use basin::app::labs::network::Stage;
use basin::app::labs::playground::fallback_experiment;
use basin::app::notices::NoticeKind;
use basin::app::{App, Startup};
use basin::preset::{self, Preset};
use basin::render::Format;
use basin::ui::surface3d::View3d;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, App> {
    let mut experiment = fallback_experiment();
    experiment.view.resolution = 64;
    experiment.training.steps = 100;
    let startup = Startup {
        preset: Some((experiment).into()),
        preset_name: Some("test".to_string()),
        ..Startup::default()
    };
    app_harness(startup, egui::vec2(1440.0, 900.0))
}

fn settled(app: &App) -> bool {
    app.labs.playground.trained().is_some() && app.labs.playground.grid().is_some() && !app.busy()
}

fn notice_with(app: &App, text: &str) -> Option<NoticeKind> {
    app.notices()
        .iter()
        .find(|n| n.text.contains(text))
        .map(|n| n.kind)
}

#[test]
fn the_3d_toggle_shows_the_surface_and_a_drag_turns_it() {
    let mut h = harness();
    step_until_secs(&mut h, "the first results", 30, settled);
    assert!(h.query_by_label("Log heights").is_none());
    h.get_by_label("3-D").click();
    h.step();
    h.step();
    assert!(h.query_by_label("Log heights").is_some());
    assert!(h.query_by_label("Reset view").is_some());
    let id = egui::Id::unique(("surface3d", "playground"));
    let before: View3d = h.ctx.data(|d| d.get_temp(id)).expect("3-D state");
    // Drag across the middle of the landscape.
    let from = egui::pos2(650.0, 450.0);
    let to = egui::pos2(730.0, 470.0);
    h.event(egui::Event::PointerMoved(from));
    h.step();
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    for k in 1..=4 {
        h.event(egui::Event::PointerMoved(
            from + (to - from) * (k as f32 / 4.0),
        ));
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: to,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    let after: View3d = h.ctx.data(|d| d.get_temp(id)).expect("3-D state");
    assert!(
        after.camera.yaw < before.camera.yaw,
        "a drag to the right turns the surface: {:?} → {:?}",
        before.camera,
        after.camera
    );
    assert!(after.camera.pitch > before.camera.pitch);
    // Back to the heatmap.
    h.get_by_label("3-D").click();
    h.step();
    assert!(h.query_by_label("Log heights").is_none());
}

#[test]
fn export_dialog_writes_the_figure_and_the_animation() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The app writes into exports/ under the working folder.
    std::env::set_current_dir(dir.path()).expect("cd");
    let mut h = harness();
    step_until_secs(&mut h, "the first results", 30, settled);
    h.get_by_label("Export figure…").click();
    // A new window takes a frame to size itself before it shows.
    h.run_steps(4);
    let dialog = h
        .state()
        .windows
        .figure_export
        .dialog
        .expect("the window is open");
    assert_eq!(dialog.format, Format::Png);
    h.get_by_label("SVG").click();
    h.step();
    assert_eq!(
        h.state().windows.figure_export.dialog.map(|d| d.format),
        Some(Format::Svg)
    );
    h.get_by_label("Export").click();
    h.step();
    assert!(
        h.state().windows.figure_export.dialog.is_none(),
        "the window closes"
    );
    step_until_secs(&mut h, "the SVG export", 60, |app| {
        notice_with(app, "Exported the figure").is_some()
    });
    assert_eq!(
        notice_with(h.state(), "test-figure.svg"),
        Some(NoticeKind::Info)
    );
    let svg = std::fs::read_to_string(dir.path().join("exports/test-figure.svg")).expect("svg");
    assert!(svg.contains("<svg") && svg.contains("data:image/png;base64,"));

    h.get_by_label("Export animation").click();
    h.step();
    step_until_secs(&mut h, "the GIF export", 120, |app| {
        notice_with(app, "test-race.gif").is_some()
    });
    assert_eq!(
        notice_with(h.state(), "test-race.gif"),
        Some(NoticeKind::Info)
    );
    let gif = std::fs::read(dir.path().join("exports/test-race.gif")).expect("gif");
    assert_eq!(&gif[..6], b"GIF89a");
    assert!(h.state().windows.figure_export.progress.is_none());

    // The Network lab: its plane with the projected runs, as PNG.
    let mut n = network_harness();
    step_until_secs(&mut n, "the network's landscape", 120, |app| {
        app.labs.network.stage == Stage::Idle && app.labs.network.picture.is_some()
    });
    n.get_by_label("Export figure…").click();
    n.run_steps(4);
    n.get_by_label("Export").click();
    n.step();
    step_until_secs(&mut n, "the network export", 60, |app| {
        notice_with(app, "small-moons-figure.png").is_some()
    });
    assert_eq!(
        notice_with(n.state(), "small-moons-figure.png"),
        Some(NoticeKind::Info)
    );
    let png = std::fs::read(dir.path().join("exports/small-moons-figure.png")).expect("png");
    assert_eq!(&png[1..4], b"PNG");
}

fn network_harness() -> Harness<'static, App> {
    let overrides: Vec<String> = [
        "problem.n_train=128",
        "problem.n_test=128",
        "problem.hidden=[8, 8]",
        "training.steps=60",
        "view.resolution=21",
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    let Ok(Preset::Network(experiment)) = preset::load("moons", &overrides) else {
        panic!("moons is a network preset");
    };
    let startup = Startup {
        preset: Some((experiment).into()),
        preset_name: Some("small-moons".to_string()),
        ..Startup::default()
    };
    app_harness(startup, egui::vec2(1440.0, 900.0))
}
