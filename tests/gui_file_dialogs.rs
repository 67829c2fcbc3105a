#![cfg(all(feature = "gui", target_os = "linux"))]
//! The system's file dialogs end to end, against a stand-in for the desktop portal on a
//! private session bus: the real rfd client asks it, the app writes, saves and opens what it
//! answers, and a cancelled dialog does nothing. The window's own tests never open a system
//! dialog (their `Startup` does not allow it), so this one is ignored unless run on its own
//! bus, with a display named:
//!
//! ```sh
//! DISPLAY=:0 dbus-run-session -- cargo test --test gui_file_dialogs -- --ignored
//! ```
//!
//! Where the portal's name is taken (a desktop session) it says so and passes.

mod common;

use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use common::gui::{app_harness, step_until};

use basin::app::shell::{DialogKind, ExportSettings};
use basin::app::{App, Command, Startup};
use basin::render::Format;
use egui_kittest::Harness;
use zbus::zvariant::{OwnedObjectPath, OwnedValue, Value};

/// What the stand-in portal was asked (the method, the title, the options but the filters
/// and the token) and what it answers next (a path, or `None`: cancelled).
#[derive(Default)]
struct Portal {
    asked: Mutex<Vec<String>>,
    answers: Mutex<VecDeque<Option<PathBuf>>>,
}

/// The portal's FileChooser, as far as rfd uses it.
struct FileChooser(Arc<Portal>);

#[zbus::interface(name = "org.freedesktop.portal.FileChooser")]
impl FileChooser {
    #[zbus(property, name = "version")]
    fn version(&self) -> u32 {
        3
    }

    async fn open_file(
        &self,
        _parent: &str,
        title: &str,
        options: HashMap<String, OwnedValue>,
        #[zbus(header)] header: zbus::message::Header<'_>,
        #[zbus(connection)] conn: &zbus::Connection,
    ) -> zbus::fdo::Result<OwnedObjectPath> {
        self.answer("open", title, &options, &header, conn)
    }

    async fn save_file(
        &self,
        _parent: &str,
        title: &str,
        options: HashMap<String, OwnedValue>,
        #[zbus(header)] header: zbus::message::Header<'_>,
        #[zbus(connection)] conn: &zbus::Connection,
    ) -> zbus::fdo::Result<OwnedObjectPath> {
        self.answer("save", title, &options, &header, conn)
    }
}

impl FileChooser {
    /// Notes the request and answers on the request's path a moment later (as the portal
    /// does when the user has chosen).
    fn answer(
        &self,
        method: &str,
        title: &str,
        options: &HashMap<String, OwnedValue>,
        header: &zbus::message::Header<'_>,
        conn: &zbus::Connection,
    ) -> zbus::fdo::Result<OwnedObjectPath> {
        let failed = |what: &str| zbus::fdo::Error::Failed(what.to_string());
        let mut noted: Vec<String> = options
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "filters" | "handle_token"))
            .map(|(k, v)| format!("{k}={}", shown(v)))
            .collect();
        noted.sort();
        self.0
            .asked
            .lock()
            .unwrap()
            .push(format!("{method} {title:?} {}", noted.join(" ")));
        let sender = header.sender().ok_or_else(|| failed("no sender"))?;
        let sender = sender.trim_start_matches(':').replace('.', "_");
        let token: String = options
            .get("handle_token")
            .and_then(|t| String::try_from(t.clone()).ok())
            .ok_or_else(|| failed("no token"))?;
        let path = format!("/org/freedesktop/portal/desktop/request/{sender}/{token}");
        let answer = self.0.answers.lock().unwrap().pop_front().flatten();
        let conn = conn.clone();
        let signal_path = path.clone();
        std::thread::Builder::new()
            .spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(100));
                let mut results: HashMap<&str, Value> = HashMap::new();
                let code = match &answer {
                    Some(file) => {
                        let uri = format!("file://{}", file.display()).replace(' ', "%20");
                        results.insert("uris", Value::from(vec![uri]));
                        0u32
                    }
                    None => 1,
                };
                pollster::block_on(conn.emit_signal(
                    None::<&str>,
                    signal_path.as_str(),
                    "org.freedesktop.portal.Request",
                    "Response",
                    &(code, results),
                ))
                .unwrap();
            })
            .unwrap();
        OwnedObjectPath::try_from(path).map_err(|_| failed("bad path"))
    }
}

/// An option's value as text (`current_folder` is a NUL-ended byte string).
fn shown(value: &OwnedValue) -> String {
    if let Ok(text) = String::try_from(value.clone()) {
        return text;
    }
    if let Ok(bytes) = Vec::<u8>::try_from(value.clone()) {
        return String::from_utf8_lossy(bytes.strip_suffix(&[0]).unwrap_or(&bytes)).into_owned();
    }
    format!("{value:?}")
}

/// Serves the stand-in portal on the session bus; `None` when there is no bus or the name is
/// taken.
fn serve(portal: &Arc<Portal>) -> Option<zbus::Connection> {
    pollster::block_on(async {
        zbus::connection::Builder::session()
            .ok()?
            .name("org.freedesktop.portal.Desktop")
            .ok()?
            .serve_at(
                "/org/freedesktop/portal/desktop",
                FileChooser(Arc::clone(portal)),
            )
            .ok()?
            .build()
            .await
            .ok()
    })
}

fn answer(portal: &Portal, path: Option<&Path>) {
    portal
        .answers
        .lock()
        .unwrap()
        .push_back(path.map(Path::to_path_buf));
}

fn apply(h: &mut Harness<'static, App>, command: Command) {
    let ctx = h.ctx.clone();
    h.state_mut().apply(&ctx, command);
}

#[test]
#[ignore = "needs its own session bus: DISPLAY=:0 dbus-run-session -- cargo test --test gui_file_dialogs -- --ignored"]
fn system_dialogs_open_save_and_export_what_the_portal_answers() {
    let portal = Arc::new(Portal::default());
    let Some(_bus) = serve(&portal) else {
        eprintln!("no session bus, or the portal's name is taken: nothing to test here");
        return;
    };
    if std::env::var_os("DISPLAY").is_none() || std::env::var_os("BASIN_FILE_DIALOG").is_some() {
        eprintln!("name a DISPLAY and leave BASIN_FILE_DIALOG unset to run this test");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    let mut h = app_harness(
        Startup {
            system_dialogs: true,
            ..Startup::default()
        },
        egui::vec2(1440.0, 900.0),
    );
    step_until(&mut h, "the portal to be found", |app| {
        app.typed_file_path().is_none()
    });
    step_until(&mut h, "the runs", |app| !app.busy());
    let notices = |h: &Harness<'static, App>| h.state().notices().len();

    // Export trajectories: the CSV goes where the dialog says, with its extension added.
    answer(&portal, Some(&dir.join("my runs/trajectories")));
    apply(&mut h, Command::ExportData);
    let csv = dir.join("my runs/trajectories.csv");
    step_until(&mut h, "the CSV", |_| csv.is_file());

    // Save preset…: the suggested name, the file written, the recent list.
    answer(&portal, Some(&dir.join("presets/mine")));
    apply(&mut h, Command::OpenDialog(DialogKind::Save));
    let saved = dir.join("presets/mine.toml");
    step_until(&mut h, "the preset", |_| saved.is_file());
    let recent = saved.display().to_string();
    assert!(h.state().settings().recent_files.contains(&recent));

    // Cancel: nothing happens, no typed window either.
    let before = notices(&h);
    answer(&portal, None);
    apply(&mut h, Command::OpenDialog(DialogKind::Open));
    step_until(&mut h, "the cancelled dialog", |_| {
        portal.answers.lock().unwrap().is_empty()
    });
    // The answer comes a moment after the request; until then another dialog is not shown.
    std::thread::sleep(std::time::Duration::from_millis(500));
    h.run_steps(5);
    assert!(h.state().windows.file_dialog.is_none());
    assert_eq!(notices(&h), before);

    // Open file…: the saved preset opens.
    answer(&portal, Some(&saved));
    apply(&mut h, Command::OpenDialog(DialogKind::Open));
    step_until(&mut h, "the preset to open", |app| {
        app.preset_name(app.lab()) == recent
    });

    // Export figure…: a PNG where the dialog says.
    let settings = ExportSettings {
        width: 320,
        height: 200,
        ..ExportSettings::for_format(Format::Png)
    };
    answer(&portal, Some(&dir.join("fig")));
    apply(&mut h, Command::ExportFigure(settings));
    let png = dir.join("fig.png");
    step_until(&mut h, "the figure", |_| png.is_file());

    let asked = portal.asked.lock().unwrap().clone();
    let folder = |p: &Path| format!("current_folder={}", p.display());
    assert_eq!(asked.len(), 5, "{asked:#?}");
    assert!(asked[0].starts_with("save \"Export data\""), "{asked:#?}");
    assert!(asked[0].contains("current_name=rosenbrock"), "{asked:#?}");
    assert!(asked[1].starts_with("save \"Save preset\""), "{asked:#?}");
    assert!(asked[1].contains(".toml"), "{asked:#?}");
    // Opening starts in the folder the preset was just saved in.
    assert!(asked[2].starts_with("open \"Open preset\""), "{asked:#?}");
    assert!(
        asked[2].contains(&folder(&dir.join("presets"))),
        "{asked:#?}"
    );
    // The figure starts where the trajectories went.
    assert!(
        asked[4].contains(&folder(&dir.join("my runs"))),
        "{asked:#?}"
    );
    assert!(asked[4].contains("current_name="), "{asked:#?}");
}
