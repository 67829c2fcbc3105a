//! The eframe application (behind the default `gui` feature): a thin shell around four
//! labs, one shown at a time, in English or Korean ([`crate::i18n`]), with the preferences
//! saved between sessions ([`settings`]).
//!
//! [`App`] keeps only what every lab shares: the [`Labs`] (each behind the [`Lab`] trait),
//! which one is on screen, the preferences, the notices, the small windows, the job runner,
//! screenshots and exports. Each frame, [`eframe::App::logic`] lets every lab fold in its
//! finished job results and advance its animation; [`eframe::App::ui`] draws the top bar
//! and the status line ([`crate::ui`]) and asks the lab on screen for its controls and its
//! view. Labs apply their own requests; what they ask of the shell comes back as
//! [`Command`]s, applied after the frame is drawn. Nothing heavy runs on the UI thread:
//! training, grids and sweeps run as jobs on the rayon pool of [`crate::jobs::Jobs`], and
//! their results replace the old ones only when they arrive.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::i18n::{Lang, fill, tr};
use crate::jobs::Jobs;
use crate::lab::LabKind;
use crate::preset::Preset;

pub mod command;
mod commands;
pub mod figure_export;
pub mod file_picker;
mod files;
pub mod frame_parts;
pub mod lab;
pub mod labs;
pub mod notices;
pub mod picture;
pub mod playback;
pub mod runs;
pub mod settings;
pub mod shell;
pub mod tour;

pub use command::Command;
pub use lab::{Lab, LabCx};
pub use labs::Labs;
use notices::Notices;
use shell::{DialogKind, Windows};

/// How the app starts: `basin`, `basin open PRESET`, `basin open PRESET --screenshot F`.
#[derive(Clone, Debug, Default)]
pub struct Startup {
    /// The experiment to open (each lab on its last or default preset when `None`).
    pub preset: Option<Preset>,
    /// The lab to open it in (`None`: the first lab that can show it).
    pub lab: Option<LabKind>,
    /// The preset's name or path, for the title bar.
    pub preset_name: Option<String>,
    /// Save a screenshot here and exit (scripted images, CI's smoke test).
    pub screenshot: Option<PathBuf>,
    /// With `screenshot`: frames to run first (default: until the lab's pictures are done).
    pub frames: Option<u64>,
    /// The language (`--lang`); the saved one, else English, when `None`.
    pub lang: Option<Lang>,
    /// Saved settings to restore instead of eframe's storage (tests; `None`: the storage's).
    pub settings: Option<String>,
    /// May the system's file dialogs be used ([`file_picker`]; the `basin` binary: yes)?
    /// False by default, so tests never open one; a scripted screenshot never does either.
    pub system_dialogs: bool,
    /// Start in lecture mode on this step of the tour (0-based; `basin open --tour N`).
    pub tour: Option<usize>,
}

impl Startup {
    /// Opening `preset` (in its own lab).
    #[must_use]
    pub fn with(preset: impl Into<Preset>) -> Self {
        Self {
            preset: Some(preset.into()),
            ..Self::default()
        }
    }
}

/// Opens the window and runs until it is closed (the desktop; the web edition starts in
/// `crate::web`).
///
/// # Errors
/// If no window can be created.
#[cfg(not(target_arch = "wasm32"))]
pub fn run(startup: Startup) -> Result<(), eframe::Error> {
    RUN_STARTED.get_or_init(web_time::Instant::now);
    let mut options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([960.0, 600.0])
            .with_title("basin"),
        ..Default::default()
    };
    if startup.screenshot.is_some() {
        // A scripted screenshot is reproducible: no saved window, panel sizes or settings
        // are read (an empty storage of its own) and nothing is written.
        options.persist_window = false;
        options.persistence_path =
            Some(std::env::temp_dir().join(format!("basin-scripted-{}.ron", std::process::id())));
    }
    eframe::run_native(
        "basin",
        options,
        Box::new(|cc| Ok(Box::new(App::new(cc, startup)))),
    )
}

/// When [`run`] was called: with `BASIN_TIMING` set in the environment, the first frame
/// reports how long after this it was drawn (the start-up figure in BENCHMARKS.md).
static RUN_STARTED: std::sync::OnceLock<web_time::Instant> = std::sync::OnceLock::new();

/// The window title for a lab and a preset.
fn window_title(lab: LabKind, preset_name: &str) -> String {
    format!("basin — {} — {preset_name}", lab.title())
}

/// The absolute form of a path we wrote, for notices (falls back to the path as given).
fn shown_path(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A screenshot being taken: where it goes, and the image once the integration has it.
struct PendingScreenshot {
    path: PathBuf,
    image: Arc<Mutex<Option<Arc<egui::ColorImage>>>>,
}

/// The scripted `--screenshot` mode.
struct ScriptedShot {
    path: PathBuf,
    frames: Option<u64>,
    requested: bool,
    settled_frames: u64,
}

/// The application: the shell around the labs.
pub struct App {
    /// Every lab.
    pub labs: Labs,
    /// The lab on screen.
    lab: LabKind,
    /// The preferences (saved between sessions).
    prefs: settings::Settings,
    /// The shell's small windows.
    pub windows: Windows,
    /// The status line's messages.
    notices: Notices,
    jobs: Option<Jobs>,
    figure_export: figure_export::FigureExportJob,
    file_picker: file_picker::FilePicker,
    frame_count: u64,
    screenshot: Option<PendingScreenshot>,
    scripted: Option<ScriptedShot>,
    /// The lecture mode (the guided tour).
    lecture: tour::Lecture,
}

impl App {
    /// Builds the app and starts the jobs of the lab on screen. Each lab opens on the preset
    /// the command line names for it, else its last preset (if it still loads), else its
    /// default; a default that does not load becomes a built-in experiment with a notice.
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> Self {
        let ctx = cc.egui_ctx.clone();
        crate::ui::setup_style(&ctx);
        // A scripted screenshot is reproducible: it neither reads nor writes saved settings.
        let saved = startup.settings.clone().or_else(|| {
            cc.storage
                .filter(|_| startup.screenshot.is_none())
                .and_then(|storage| storage.get_string(settings::STORAGE_KEY))
        });
        let restored = settings::restore(saved.as_deref());
        let mut notices = Notices::default();
        match &restored.ignored {
            None => {}
            Some(settings::IgnoredReason::Corrupt(reason)) => {
                notices.error(fill("common.notice.settings_ignored", &[reason]));
            }
            Some(settings::IgnoredReason::OtherVersion(_)) => {
                notices.error(tr("common.notice.settings_old"));
            }
        }
        let mut prefs = restored.settings;
        if let Some(lang) = startup.lang {
            prefs.lang = lang;
        }
        crate::i18n::set_lang(prefs.lang);
        crate::ui::use_fonts_of(&ctx, prefs.lang);
        ctx.set_zoom_factor(prefs.zoom);
        crate::ui::apply_theme(&ctx, prefs.dark_theme);

        let waker_ctx = ctx.clone();
        let waker: crate::jobs::Waker = Arc::new(move || waker_ctx.request_repaint());
        let jobs = match Jobs::new(0, Arc::clone(&waker)).or_else(|_| Jobs::new(1, waker)) {
            Ok(jobs) => Some(jobs),
            Err(err) => {
                notices.error(fill("common.notice.no_worker_threads", &[&err]));
                None
            }
        };
        let scripted = startup.screenshot.clone().map(|path| ScriptedShot {
            path,
            frames: startup.frames,
            requested: false,
            settled_frames: 0,
        });
        let allowed = startup.system_dialogs && startup.screenshot.is_none();
        let file_picker = file_picker::FilePicker::start(allowed, &ctx);
        let labs = Labs::new(&mut notices);
        let mut app = Self {
            labs,
            lab: LabKind::default(),
            prefs,
            windows: Windows::default(),
            notices,
            jobs,
            figure_export: figure_export::FigureExportJob::default(),
            file_picker,
            frame_count: 0,
            screenshot: None,
            scripted,
            lecture: tour::Lecture::default(),
        };
        app.open_startup(&ctx, startup);
        app
    }

    /// Opens the last preset of every lab, then the command line's preset, and starts the
    /// lab on screen.
    fn open_startup(&mut self, ctx: &egui::Context, startup: Startup) {
        let named = match &startup.preset {
            Some(preset) => Some(startup.lab.unwrap_or_else(|| preset.lab())),
            None => None,
        };
        for kind in LabKind::ALL {
            if Some(kind) == named {
                continue;
            }
            let Some((last, overrides)) = self.prefs.last_preset.get(kind) else {
                continue;
            };
            let last = last.to_string();
            // With the overrides it was opened with (a tour step's); when they no longer
            // apply, as it is.
            let loaded =
                crate::preset::load(&last, overrides).or_else(|_| crate::preset::load(&last, &[]));
            if let Ok(preset) = loaded {
                // A saved preset that no longer fits its lab is passed over silently.
                self.open_in(&[kind], preset, &last).ok();
            }
        }
        if let Some(step) = startup.tour {
            self.apply_tour(ctx, tour::TourCommand::Start(Some(step)));
            return;
        }
        if let (Some(preset), Some(kind)) = (startup.preset, named) {
            let name = startup
                .preset_name
                .unwrap_or_else(|| preset.name().to_string());
            match self.open_in(&[kind], preset, &name) {
                Ok(kind) => self.lab = kind,
                Err(message) => self.notices.error(message),
            }
        }
        self.send_title(ctx);
        let cmds = self.with_lab(ctx, self.lab, |lab, cx| lab.restart(cx));
        self.apply_all(ctx, cmds);
    }

    // ----- accessors (for panels and tests) -----

    /// Whether a job is still computing (in any lab).
    #[must_use]
    pub fn busy(&self) -> bool {
        LabKind::ALL
            .into_iter()
            .any(|kind| self.labs.get(kind).busy())
    }

    /// The lab on screen.
    #[must_use]
    pub fn lab(&self) -> LabKind {
        self.lab
    }

    /// The preset name (or path) shown in lab `lab`.
    #[must_use]
    pub fn preset_name(&self, lab: LabKind) -> &str {
        self.labs.get(lab).preset_name()
    }

    /// The preferences, as they would be saved now.
    #[must_use]
    pub fn settings(&self) -> settings::Settings {
        self.prefs.clone()
    }

    /// Why "Open file…" and the others use the typed path (`None`: the system's file dialog;
    /// see [`file_picker`]).
    #[must_use]
    pub fn typed_file_path(&self) -> Option<file_picker::Typed> {
        self.file_picker.typed()
    }

    /// The notices in the status bar.
    #[must_use]
    pub fn notices(&self) -> &[notices::Notice] {
        self.notices.list()
    }

    /// What the shell's bars and windows read.
    fn shell(&self) -> crate::ui::Shell<'_> {
        crate::ui::Shell {
            kind: self.lab,
            lab: self.labs.get(self.lab),
            prefs: &self.prefs,
            windows: &self.windows,
            notices: &self.notices,
            lecture: self.lecture.active,
        }
    }

    /// Sets the window title to the lab on screen and its preset, in the current language.
    fn send_title(&self, ctx: &egui::Context) {
        let title = window_title(self.lab, self.preset_name(self.lab));
        // The browser's runner has no window title: the page's is the tab's.
        #[cfg(target_arch = "wasm32")]
        {
            crate::web::set_title(&title);
            let _ = ctx;
        }
        #[cfg(not(target_arch = "wasm32"))]
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(title));
    }

    // ----- the labs -----

    /// Runs `f` on lab `kind` with the shell's context; returns the commands it sent.
    fn with_lab<R>(
        &mut self,
        ctx: &egui::Context,
        kind: LabKind,
        f: impl FnOnce(&mut dyn Lab, &mut LabCx<'_>) -> R,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        let Self {
            labs,
            prefs,
            notices,
            jobs,
            ..
        } = self;
        let mut cx = LabCx {
            ctx,
            jobs: jobs.as_ref(),
            prefs,
            notices,
            commands: &mut commands,
        };
        f(labs.get_mut(kind), &mut cx);
        commands
    }

    /// Opens `preset` named `name` in the first of `kinds` that can show it (without
    /// starting its jobs); returns that lab, or a notice's text when none can.
    fn open_in(
        &mut self,
        kinds: &[LabKind],
        preset: Preset,
        name: &str,
    ) -> Result<LabKind, String> {
        let mut preset = preset;
        for &kind in kinds {
            match self.labs.get_mut(kind).open(preset, name.to_string()) {
                Ok(()) => return Ok(kind),
                Err(back) => preset = *back,
            }
        }
        let lab = kinds.last().map_or("", |k| k.title());
        Err(fill("common.notice.not_for_lab", &[&name, &lab]))
    }

    /// Shows lab `kind`, starting its jobs if nothing was computed yet.
    fn show_lab(&mut self, ctx: &egui::Context, kind: LabKind) {
        self.lab = kind;
        self.send_title(ctx);
        if self.labs.get(kind).needs_start() {
            let cmds = self.with_lab(ctx, kind, |lab, cx| lab.restart(cx));
            self.apply_all(ctx, cmds);
        }
    }

    /// Applies commands in order.
    fn apply_all(&mut self, ctx: &egui::Context, commands: Vec<Command>) {
        for command in commands {
            self.apply(ctx, command);
        }
    }

    // ----- per frame -----

    /// The keyboard shortcuts (listed in the ? overlay) and files dropped on the window.
    /// Keys do nothing while a text field has the focus (typing "1" in a field must not
    /// switch the lab).
    fn keyboard(&self, ctx: &egui::Context) -> Vec<Command> {
        use crate::app::playback::PlaybackCommand;
        let mut cmds = Vec::new();
        let dropped = self
            .file_picker
            .dropped(ctx.input(|i| i.raw.dropped_files.clone()));
        if !dropped.is_empty() {
            cmds.push(Command::DroppedFiles(dropped));
        }
        if ctx.egui_wants_keyboard_input() {
            return cmds;
        }
        let (prefs, windows) = (&self.prefs, &self.windows);
        ctx.input(|i| {
            // The file windows: Ctrl+O, Ctrl+Shift+O, Ctrl+S (Cmd on a Mac). The modifiers
            // are the key event's own: when a frame comes only after Ctrl was let go (a page
            // that was idle), the current ones no longer hold it.
            let pressed_with = |key: egui::Key, command: bool, shift: Option<bool>| {
                i.events.iter().any(|event| {
                    matches!(event, egui::Event::Key { key: k, pressed: true, modifiers, .. }
                        if *k == key && modifiers.command == command && !modifiers.alt
                            && shift.is_none_or(|shift| modifiers.shift == shift))
                })
            };
            let file_keys = [
                (egui::Key::O, true, DialogKind::OpenData),
                (egui::Key::O, false, DialogKind::Open),
                (egui::Key::S, false, DialogKind::Save),
            ];
            for (key, shift, kind) in file_keys {
                if pressed_with(key, true, Some(shift)) {
                    cmds.push(Command::OpenDialog(kind));
                }
            }
            // Ctrl+E: the Export figure window (a PNG first, as its button opens it).
            let export_dialog = windows.figure_export.dialog;
            if pressed_with(egui::Key::E, true, Some(false)) && export_dialog.is_none() {
                cmds.push(Command::SetFigureExport(Some(
                    shell::ExportSettings::for_format(crate::render::Format::Png),
                )));
            }
            // Other shortcuts with Ctrl/Cmd or Alt belong to egui (zoom) and the system: the
            // keys below count only when pressed without them.
            if i.modifiers.command || i.modifiers.alt {
                return;
            }
            let plain = |key: egui::Key| pressed_with(key, false, None);
            let typed_question = i
                .events
                .iter()
                .any(|e| matches!(e, egui::Event::Text(t) if t == "?"));
            if typed_question || i.key_pressed(egui::Key::Questionmark) {
                cmds.push(Command::SetShortcutsOpen(!windows.shortcuts_open));
            }
            if i.key_pressed(egui::Key::Escape) && windows.shortcuts_open {
                cmds.push(Command::SetShortcutsOpen(false));
            }
            // The Export figure window: Enter exports, Esc closes it (before Esc leaves the
            // lecture).
            if let Some(settings) = export_dialog {
                if i.key_pressed(egui::Key::Enter) {
                    cmds.push(Command::ExportFigure(settings));
                }
                if i.key_pressed(egui::Key::Escape) && !windows.shortcuts_open {
                    cmds.push(Command::SetFigureExport(None));
                }
            }
            let overlay_open = windows.shortcuts_open || export_dialog.is_some();
            cmds.extend(tour::keys(i, &self.lecture, overlay_open));
            let keys = [
                (
                    egui::Key::Space,
                    Command::Playback(PlaybackCommand::TogglePlay),
                ),
                (
                    egui::Key::ArrowRight,
                    Command::Playback(PlaybackCommand::StepForward),
                ),
                (egui::Key::R, Command::Playback(PlaybackCommand::Reset)),
                (egui::Key::Home, Command::Playback(PlaybackCommand::Reset)),
                (egui::Key::F12, Command::Screenshot),
                (egui::Key::S, Command::Screenshot),
                (egui::Key::F11, Command::ToggleFullscreen),
                (egui::Key::H, Command::SetPanelsHidden(!prefs.panels_hidden)),
                (egui::Key::C, Command::SetHighContrast(!prefs.high_contrast)),
                (egui::Key::E, Command::SetExplainOpen(!prefs.explain_open)),
            ];
            for (key, command) in keys {
                // R and Home both reset: one command for the pair.
                if plain(key) && !cmds.contains(&command) {
                    cmds.push(command);
                }
            }
            let numbers = [
                egui::Key::Num1,
                egui::Key::Num2,
                egui::Key::Num3,
                egui::Key::Num4,
            ];
            for (key, lab) in numbers.into_iter().zip(LabKind::ALL) {
                if plain(key) && self.lab != lab {
                    cmds.push(Command::SetLab(lab));
                }
            }
        });
        cmds
    }

    fn scripted_screenshot(&mut self, ctx: &egui::Context) {
        let Some(shot) = &mut self.scripted else {
            return;
        };
        if shot.requested {
            if self.screenshot.is_none() {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                ctx.request_repaint();
            }
            return;
        }
        let ready = self.labs.get_mut(self.lab).screenshot_ready();
        let frames_done = shot.frames.is_some_and(|f| self.frame_count >= f);
        if ready {
            // Let two frames draw the end of the race.
            shot.settled_frames += 1;
        }
        if (ready && shot.settled_frames > 2) || frames_done {
            shot.requested = true;
            let path = shot.path.clone();
            self.request_screenshot(ctx, Some(path));
        }
        ctx.request_repaint();
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, frame: &mut eframe::Frame) {
        crate::i18n::set_lang(self.prefs.lang);
        frame_parts::begin();
        // The threaded web build's jobs cannot wake the page themselves: look while they run.
        if frame_parts::part("app", "jobs", || {
            self.jobs.as_ref().is_some_and(Jobs::poll_wakes)
        }) {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
        self.frame_count += 1;
        self.prefs.zoom = ctx.zoom_factor();
        let mut cmds = Vec::new();
        for kind in LabKind::ALL {
            cmds.extend(frame_parts::part(kind.key(), "update", || {
                self.with_lab(ctx, kind, |lab, cx| lab.update(cx))
            }));
        }
        frame_parts::part("app", "commands", || self.apply_all(ctx, cmds));
        frame_parts::part("app", "exports and files", || {
            self.poll_figure_export();
            self.poll_file_picker(ctx);
            self.file_picker.launch(Some(frame));
            if self.save_arrived_screenshot() {
                ctx.request_repaint();
            }
            self.scripted_screenshot(ctx);
        });
    }

    /// A scripted screenshot shows the picture, not wherever the pointer happens to rest (under
    /// Xvfb it sits in the middle of the screen): pointer events are dropped in that mode.
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if self.scripted.is_some() {
            raw_input.events.retain(|event| {
                !matches!(
                    event,
                    egui::Event::PointerMoved(_)
                        | egui::Event::PointerButton { .. }
                        | egui::Event::MouseMoved(_)
                )
            });
        }
    }

    fn persist_egui_memory(&self) -> bool {
        self.scripted.is_none()
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.scripted.is_none() {
            storage.set_string(settings::STORAGE_KEY, self.prefs.to_text());
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        crate::i18n::set_lang(self.prefs.lang);
        let ctx = ui.ctx().clone();
        let mut cmds = frame_parts::part("app", "top bar", || {
            let mut cmds = self.keyboard(&ctx);
            crate::ui::shell_ui(ui, &self.shell(), &mut cmds);
            cmds
        });
        if self.lecture.active {
            self.lecture.panel = frame_parts::part("app", "tour", || {
                tour::panel_ui(ui, &self.lecture, &mut cmds)
            });
        }
        let show_controls = !self.prefs.panels_hidden;
        let kind = self.lab;
        cmds.extend(self.with_lab(&ctx, kind, |lab, cx| {
            if show_controls {
                frame_parts::part(kind.key(), "controls", || {
                    crate::ui::controls_panel(ui, kind.key(), |ui| lab.controls_ui(ui, cx));
                });
            }
            frame_parts::part(kind.key(), "view", || {
                egui::CentralPanel::default().show(ui, |ui| lab.central_ui(ui, cx));
            });
        }));
        frame_parts::part("app", "windows", || {
            crate::ui::top_bar::windows_ui(&ctx, &self.shell(), &mut cmds);
        });
        frame_parts::part("app", "commands", || self.apply_all(&ctx, cmds));
        self.file_picker.launch(Some(frame));
        if let Some(line) = frame_parts::end() {
            log::info!("{line}");
        }
        if self.frame_count == 1
            && std::env::var_os("BASIN_TIMING").is_some()
            && let Some(started) = RUN_STARTED.get()
        {
            eprintln!(
                "first frame laid out {:.0} ms after start",
                started.elapsed().as_secs_f64() * 1e3
            );
        }
    }
}
