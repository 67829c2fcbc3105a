//! The system's file dialogs for "Open file…", "Save preset…", "Open data…" and the data and
//! figure exports (the `rfd` crate; on Linux the XDG desktop portal, else zenity), with the
//! typed-path window of [`super::shell::FileDialog`] as the fallback.
//!
//! It owns three things. Whether a dialog service is there, decided once at start on a thread
//! of its own (the `BASIN_FILE_DIALOG` variable, a display, the session bus and its file
//! chooser portal, zenity): until the answer comes, and without a service, the typed path is
//! used. The one system dialog open at a time: asked for while commands are applied, shown
//! at the end of the frame (over the app's window) on its own thread, never on the UI thread;
//! its answer comes back through a channel that [`super::App`] polls each frame. rfd reports
//! a dialog that could not be shown like a cancelled one, so the service is checked first.
//! And the last folder used for presets, data and exports, where the next dialog starts.
//!
//! What a dialog asks (title, filters, start folder, suggested name) and what its answer
//! becomes (a [`Command`]) are plain functions, tested without any dialog.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::i18n::tr;
use crate::render::Format;

use super::App;
use super::command::Command;
use super::shell::{DialogKind, ExportSettings, FileDialog};

/// The environment variable that chooses the dialogs: `typed` (the typed path, always; tests
/// and the screenshot tool), `system` (the system dialog without asking the bus first);
/// anything else or unset: the system dialog when a service answers.
pub const ENV_VAR: &str = "BASIN_FILE_DIALOG";

/// What a dialog is for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Purpose {
    /// What the typed-path window does: open a preset, save one, open a data file.
    File(DialogKind),
    /// Write the lab's data file (a CSV table).
    ExportData,
    /// Write the lab's figure or animation with these choices.
    ExportFigure(ExportSettings),
}

/// A filter of a dialog: its name's translation key and the extensions it shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filter {
    /// The translation key of its name.
    pub name: &'static str,
    /// Extensions without the dot (`*`: every file).
    pub extensions: &'static [&'static str],
}

/// Every file, offered after the real filter when opening.
const ALL_FILES: Filter = Filter {
    name: "common.file.filter.all",
    extensions: &["*"],
};

/// The folders the dialogs remember, one per kind of file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Presets,
    Data,
    Exports,
}

impl Purpose {
    /// Whether the dialog picks a file to write (a save dialog) rather than one to read.
    #[must_use]
    pub fn saves(self) -> bool {
        !matches!(self, Self::File(DialogKind::Open | DialogKind::OpenData))
    }

    /// The translation key of the dialog's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::File(DialogKind::Open) => "preset.file.open_title",
            Self::File(DialogKind::Save) => "preset.file.save_title",
            Self::File(DialogKind::OpenData) => "net.open_data_title",
            Self::ExportData => "common.file.export_data_title",
            Self::ExportFigure(_) => "common.export.title",
        }
    }

    /// The dialog's filters, the one it opens on first.
    #[must_use]
    pub fn filters(self) -> Vec<Filter> {
        let presets = Filter {
            name: "common.file.filter.presets",
            extensions: &["toml"],
        };
        match self {
            Self::File(DialogKind::Open) => vec![presets, ALL_FILES],
            Self::File(DialogKind::Save) => vec![presets],
            Self::File(DialogKind::OpenData) => vec![
                Filter {
                    name: "common.file.filter.data",
                    extensions: &["csv", "npy"],
                },
                ALL_FILES,
            ],
            Self::ExportData => vec![Filter {
                name: "common.file.filter.csv_table",
                extensions: &["csv"],
            }],
            Self::ExportFigure(settings) => vec![match settings.format {
                Format::Png => Filter {
                    name: "common.file.filter.png_image",
                    extensions: &["png"],
                },
                Format::Svg => Filter {
                    name: "common.file.filter.svg_drawing",
                    extensions: &["svg"],
                },
                Format::Gif => Filter {
                    name: "common.file.filter.gif_animation",
                    extensions: &["gif"],
                },
            }],
        }
    }

    /// The extension a file written for this purpose must have (`None` when opening).
    #[must_use]
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Self::File(DialogKind::Save) => Some("toml"),
            Self::File(DialogKind::Open | DialogKind::OpenData) => None,
            Self::ExportData => Some("csv"),
            Self::ExportFigure(settings) => Some(settings.format.extension()),
        }
    }

    /// What the chosen `path` becomes: the command that opens, saves or exports it. A file
    /// written without its extension (or with another one) gets it added, so a figure is
    /// written in the format chosen and a preset loads back.
    #[must_use]
    pub fn route(self, path: PathBuf) -> Command {
        let path = match self.extension() {
            Some(ext) => with_extension(path, ext),
            None => path,
        };
        let text = || path.to_string_lossy().into_owned();
        match self {
            Self::File(DialogKind::Open) => Command::OpenFile(text()),
            Self::File(DialogKind::Save) => Command::SavePreset(text()),
            Self::File(DialogKind::OpenData) => Command::OpenData(text()),
            Self::ExportData => Command::ExportDataTo(path),
            Self::ExportFigure(settings) => Command::ExportFigureTo(settings, path),
        }
    }

    /// Which remembered folder the dialog starts in.
    fn place(self) -> Place {
        match self {
            Self::File(DialogKind::Open | DialogKind::Save) => Place::Presets,
            Self::File(DialogKind::OpenData) => Place::Data,
            Self::ExportData | Self::ExportFigure(_) => Place::Exports,
        }
    }

    /// The folder (relative to the working directory) a dialog starts in before any was used.
    fn default_folder(self) -> &'static str {
        match self.place() {
            Place::Presets => "presets",
            Place::Data => ".",
            Place::Exports => "exports",
        }
    }
}

/// `path` ending in `.ext`: as it is when it does (in any case), else with `.ext` added
/// (nothing the user typed is dropped: `fig.svg` for a PNG becomes `fig.svg.png`).
#[must_use]
pub fn with_extension(path: PathBuf, ext: &str) -> PathBuf {
    if path
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
    {
        return path;
    }
    let mut name = path.into_os_string();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// The folder a dialog for `purpose` starts in: the last one used for its kind of file, else
/// its default folder, if they still exist, else the working directory (`None`: the dialog's
/// own choice). Made absolute, as the portal wants.
#[must_use]
pub fn start_folder(
    purpose: Purpose,
    last: Option<&Path>,
    exists: impl Fn(&Path) -> bool,
) -> Option<PathBuf> {
    let default = Path::new(purpose.default_folder());
    let folder = [last, Some(default)]
        .into_iter()
        .flatten()
        .find(|folder| exists(folder))
        .unwrap_or(Path::new("."));
    std::path::absolute(folder).ok()
}

/// Why the typed path is used instead of a system dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typed {
    /// Asked for (`BASIN_FILE_DIALOG=typed`, a scripted screenshot, tests).
    Chosen,
    /// No dialog service was found (yet).
    NoService,
    /// A system dialog failed; the typed path is used for the rest of the session.
    Failed,
}

impl Typed {
    /// The translation key of the hint under the typed path (`None`: no hint).
    #[must_use]
    pub fn hint(self) -> Option<&'static str> {
        match self {
            Self::Chosen => None,
            Self::NoService => Some("common.file.typed_no_service"),
            Self::Failed => Some("common.file.typed_failed"),
        }
    }
}

/// What the start-up decision says, before anything is asked of the bus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// The typed path, always.
    Typed(Typed),
    /// The system dialog, without asking.
    System,
    /// Ask (on a thread) whether a service answers: the portal on the session bus when
    /// `bus`, else only zenity.
    Probe {
        /// A session bus is there to ask.
        bus: bool,
    },
}

/// What the start-up decision looks at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Env<'a> {
    /// The app may open system dialogs at all (false in tests and scripted screenshots).
    pub allowed: bool,
    /// The value of [`ENV_VAR`].
    pub setting: Option<&'a str>,
    /// A session bus address is known.
    pub bus: bool,
    /// An X or Wayland display is known (always true off Linux).
    pub display: bool,
}

/// Decides from the environment which dialogs to use.
#[must_use]
pub fn decide(env: &Env<'_>) -> Decision {
    let setting = env.setting.map(|s| s.trim().to_ascii_lowercase());
    match setting.as_deref() {
        _ if !env.allowed => Decision::Typed(Typed::Chosen),
        Some("typed") => Decision::Typed(Typed::Chosen),
        Some("system") => Decision::System,
        _ if !env.display => Decision::Typed(Typed::NoService),
        _ => Decision::Probe { bus: env.bus },
    }
}

/// Whether there is a dialog service.
#[derive(Debug)]
enum Service {
    /// Being asked on a thread.
    Probing(Receiver<bool>),
    /// There is one.
    Available,
    /// There is none: the typed path.
    Typed(Typed),
}

/// What a system dialog answered.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// The user chose this path.
    Picked(Purpose, PathBuf),
    /// The user closed the dialog: nothing happens.
    Cancelled,
    /// The dialog could not be shown: the typed path (or, for exports, `exports/`) instead.
    Failed(Purpose),
}

/// The system dialogs of the app: the service, the open dialog, the last folders.
#[derive(Debug)]
pub struct FilePicker {
    service: Service,
    queued: Option<(Purpose, Request)>,
    open: Option<(Purpose, Receiver<Option<PathBuf>>)>,
    last: [Option<PathBuf>; 3],
    ctx: egui::Context,
    /// The browser's dropped files, read into [`crate::preset::uploads`]: their paths.
    #[cfg(target_arch = "wasm32")]
    dropped: (mpsc::Sender<Vec<PathBuf>>, Receiver<Vec<PathBuf>>),
}

impl FilePicker {
    /// Decides the dialogs from the environment; when a service must be asked for, asks on a
    /// thread (the answer is folded in by [`Self::poll`]). `allowed`: see [`decide`].
    #[must_use]
    pub fn start(allowed: bool, ctx: &egui::Context) -> Self {
        let setting = std::env::var(ENV_VAR).ok();
        let display = ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()));
        let env = Env {
            allowed,
            setting: setting.as_deref(),
            bus: session_bus(),
            display: display || !cfg!(target_os = "linux"),
        };
        let service = match decide(&env) {
            Decision::Typed(why) => Service::Typed(why),
            Decision::System => Service::Available,
            // The browser's own file chooser and downloads are always there.
            Decision::Probe { .. } if cfg!(target_arch = "wasm32") => Service::Available,
            Decision::Probe { bus } => probe(bus, ctx),
        };
        Self {
            service,
            queued: None,
            open: None,
            last: [None, None, None],
            ctx: ctx.clone(),
            #[cfg(target_arch = "wasm32")]
            dropped: mpsc::channel(),
        }
    }

    /// Why the typed path is used now (`None`: system dialogs are).
    #[must_use]
    pub fn typed(&self) -> Option<Typed> {
        match self.service {
            Service::Available => None,
            Service::Probing(_) => Some(Typed::NoService),
            Service::Typed(why) => Some(why),
        }
    }

    /// Asks for a file for `purpose` with the system dialog, suggesting `file_name` (when
    /// saving); [`Self::launch`] shows it at the end of the frame. Returns false when there
    /// is no dialog service: the caller falls back on the typed path. While a dialog is open,
    /// another request is dropped (returns true: handled).
    pub fn ask(&mut self, purpose: Purpose, file_name: Option<String>) -> bool {
        self.poll_service();
        if !matches!(self.service, Service::Available) {
            return false;
        }
        if self.open.is_some() || self.queued.is_some() {
            return true;
        }
        let last = self.last[purpose.place() as usize].as_deref();
        let request = Request {
            saves: purpose.saves(),
            title: tr(purpose.title()).to_string(),
            filters: purpose
                .filters()
                .into_iter()
                .map(|f| (tr(f.name).to_string(), f.extensions))
                .collect(),
            folder: start_folder(purpose, last, Path::is_dir),
            file_name: file_name.filter(|_| purpose.saves()),
        };
        self.queued = Some((purpose, request));
        true
    }

    /// Shows the dialog asked for this frame, if any, on a thread of its own, over `parent`
    /// (the app's window, so the dialog stays on top of it; X11 only). Its answer comes
    /// through [`Self::poll`]; a thread that cannot start answers "failed".
    pub fn launch(&mut self, parent: Option<&eframe::Frame>) {
        let Some((purpose, request)) = self.queued.take() else {
            return;
        };
        self.open = Some((purpose, request.show(parent, self.ctx.clone())));
    }

    /// Folds in the service probe and the open dialog's answer (never waits).
    pub fn poll(&mut self) -> Option<Answer> {
        self.poll_service();
        let (purpose, rx) = self.open.as_ref()?;
        let purpose = *purpose;
        let answer = match rx.try_recv() {
            Err(TryRecvError::Empty) => return None,
            Ok(Some(path)) => {
                if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    self.last[purpose.place() as usize] = Some(folder.to_path_buf());
                }
                Answer::Picked(purpose, path)
            }
            Ok(None) => Answer::Cancelled,
            // The dialog's thread ended without an answer (it panicked).
            Err(TryRecvError::Disconnected) => {
                self.service = Service::Typed(Typed::Failed);
                Answer::Failed(purpose)
            }
        };
        self.open = None;
        Some(answer)
    }

    fn poll_service(&mut self) {
        if let Service::Probing(rx) = &self.service {
            self.service = match rx.try_recv() {
                Ok(true) => Service::Available,
                Ok(false) | Err(TryRecvError::Disconnected) => Service::Typed(Typed::NoService),
                Err(TryRecvError::Empty) => return,
            };
        }
    }
}

/// A dialog to show, in the window's language (its thread has none).
#[derive(Debug)]
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
struct Request {
    saves: bool,
    title: String,
    filters: Vec<(String, &'static [&'static str])>,
    folder: Option<PathBuf>,
    file_name: Option<String>,
}

impl Request {
    /// Shows the dialog on a thread of its own; its answer comes through the receiver. If the
    /// thread cannot start, the sender is dropped with the closure: poll says "failed" and
    /// the typed path takes over.
    #[cfg(not(target_arch = "wasm32"))]
    fn show(self, parent: Option<&eframe::Frame>, ctx: egui::Context) -> Receiver<Option<PathBuf>> {
        let dialog = self.dialog(parent);
        let (tx, rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let path = if self.saves {
                    pollster::block_on(dialog.save_file())
                } else {
                    pollster::block_on(dialog.pick_file())
                };
                tx.send(path.map(|h| h.path().to_path_buf())).ok();
                ctx.request_repaint();
            })
            .ok();
        rx
    }

    /// The browser's way: a file to write is a download, so it is "picked" at once by its
    /// suggested name (the export's writer downloads it); a file to read is chosen with the
    /// browser's file chooser (rfd's; several for data, as `.npy` features come with their
    /// labels' file), read into [`crate::preset::uploads`], and answered by its name.
    #[cfg(target_arch = "wasm32")]
    fn show(
        self,
        _parent: Option<&eframe::Frame>,
        ctx: egui::Context,
    ) -> Receiver<Option<PathBuf>> {
        let (tx, rx) = mpsc::channel();
        if self.saves {
            let name = self.file_name.unwrap_or_else(|| "basin-export".to_string());
            tx.send(Some(PathBuf::from(name))).ok();
            return rx;
        }
        let mut dialog = rfd::AsyncFileDialog::new().set_title(self.title.as_str());
        for (name, extensions) in &self.filters {
            // The file chooser lists every file anyway; "*" is no extension to it.
            if *extensions != ["*"] {
                dialog = dialog.add_filter(name.as_str(), extensions);
            }
        }
        let several = self
            .filters
            .iter()
            .any(|(_, extensions)| extensions.contains(&"npy"));
        wasm_bindgen_futures::spawn_local(async move {
            let files = if several {
                dialog.pick_files().await.unwrap_or_default()
            } else {
                dialog.pick_file().await.into_iter().collect()
            };
            let mut paths = Vec::new();
            for file in files {
                paths.extend(crate::preset::uploads::add(
                    &file.file_name(),
                    file.read().await,
                ));
            }
            tx.send(first_not_labels(&paths)).ok();
            ctx.request_repaint();
        });
        rx
    }

    /// The rfd dialog of this request (built on the UI thread, which has the window).
    #[cfg(not(target_arch = "wasm32"))]
    fn dialog(&self, parent: Option<&eframe::Frame>) -> rfd::AsyncFileDialog {
        let mut dialog = rfd::AsyncFileDialog::new()
            .set_title(self.title.as_str())
            .set_can_create_directories(self.saves);
        for (name, extensions) in &self.filters {
            dialog = dialog.add_filter(name.as_str(), extensions);
        }
        if let Some(folder) = &self.folder {
            dialog = dialog.set_directory(folder);
        }
        if let Some(name) = &self.file_name {
            dialog = dialog.set_file_name(name.as_str());
        }
        match parent {
            Some(frame) => dialog.set_parent(frame),
            None => dialog,
        }
    }
}

impl FilePicker {
    /// The paths of the files dropped on the window that are ready to open. The desktop's
    /// are files on disk, ready at once. The browser's are read (asynchronously) into
    /// [`crate::preset::uploads`] first: their paths come in a later frame's call.
    pub fn dropped(&self, files: Vec<egui::DroppedFileHandle>) -> Vec<PathBuf> {
        #[cfg(not(target_arch = "wasm32"))]
        return files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        #[cfg(target_arch = "wasm32")]
        {
            if !files.is_empty() {
                let tx = self.dropped.0.clone();
                let ctx = self.ctx.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let mut paths = Vec::new();
                    for file in files {
                        let name = file.path().to_string_lossy().into_owned();
                        match file.bytes_async().await {
                            Ok(bytes) => paths.extend(crate::preset::uploads::add(&name, bytes)),
                            Err(err) => log::warn!("basin: cannot read the dropped {name}: {err}"),
                        }
                    }
                    tx.send(paths).ok();
                    ctx.request_repaint();
                });
            }
            self.dropped.1.try_iter().flatten().collect()
        }
    }
}

/// Of files picked together, the one to open: the first that is not the labels of another
/// (`x.npy` rather than the `x.labels.npy` beside it).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn first_not_labels(paths: &[PathBuf]) -> Option<PathBuf> {
    let labels: Vec<PathBuf> = paths
        .iter()
        .map(|p| crate::preset::npy_labels_beside(p))
        .collect();
    paths
        .iter()
        .find(|p| !labels.contains(p))
        .or(paths.first())
        .cloned()
}

/// Whether a session bus address is known (the variable, else the usual socket).
fn session_bus() -> bool {
    std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|s| !s.is_empty())
        || std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| Path::new(&dir).join("bus").exists())
}

/// Asks on a thread whether a dialog service answers; repaints when it knows.
fn probe(bus: bool, ctx: &egui::Context) -> Service {
    let (tx, rx) = mpsc::channel();
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("file-dialog-probe".into())
        .spawn(move || {
            // rfd tries the portal, then zenity.
            let found = (bus && portal_answers()) || zenity_on_path();
            tx.send(found).ok();
            ctx.request_repaint();
        });
    match spawned {
        Ok(_) => Service::Probing(rx),
        Err(_) => Service::Typed(Typed::NoService),
    }
}

/// Whether the desktop portal on the session bus has a file chooser (reads its `version`;
/// this starts the portal if the bus can).
#[cfg(target_os = "linux")]
fn portal_answers() -> bool {
    let asked = pollster::block_on(async {
        let conn = zbus::connection::Builder::session()?
            .method_timeout(std::time::Duration::from_secs(20))
            .build()
            .await?;
        conn.call_method(
            Some("org.freedesktop.portal.Desktop"),
            "/org/freedesktop/portal/desktop",
            Some("org.freedesktop.DBus.Properties"),
            "Get",
            &("org.freedesktop.portal.FileChooser", "version"),
        )
        .await?;
        Ok::<(), zbus::Error>(())
    });
    asked.is_ok()
}

/// Elsewhere the system has its own dialogs.
#[cfg(not(target_os = "linux"))]
fn portal_answers() -> bool {
    true
}

/// Whether `zenity` (rfd's fallback on Linux) is on the `PATH`.
fn zenity_on_path() -> bool {
    cfg!(target_os = "linux")
        && std::env::var_os("PATH").is_some_and(|paths| {
            std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file())
        })
}

impl App {
    /// Asks for a file for `purpose` with the system dialog (suggesting `file_name` when
    /// saving). Returns false when there is no dialog service: the caller uses the typed path.
    pub(super) fn ask_file(&mut self, purpose: Purpose, file_name: Option<String>) -> bool {
        self.file_picker.ask(purpose, file_name)
    }

    /// Opens the typed-path window of `kind` with its starting path.
    pub(super) fn open_typed(&mut self, kind: DialogKind) {
        let path = match kind {
            DialogKind::Open => "presets/".to_string(),
            DialogKind::OpenData => String::new(),
            DialogKind::Save => format!("{}.toml", self.file_stem()),
        };
        let hint = self.file_picker.typed().and_then(Typed::hint);
        self.windows.file_dialog = Some(FileDialog { kind, path, hint });
    }

    /// Folds in a system dialog's answer: the chosen file is opened, saved or exported; a
    /// failed dialog falls back on the typed path (exports on `exports/`).
    pub(super) fn poll_file_picker(&mut self, ctx: &egui::Context) {
        let Some(answer) = self.file_picker.poll() else {
            return;
        };
        match answer {
            Answer::Picked(purpose, path) => self.apply(ctx, purpose.route(path)),
            Answer::Cancelled => {}
            Answer::Failed(Purpose::File(kind)) => self.open_typed(kind),
            Answer::Failed(Purpose::ExportData) => self.export_data(None),
            Answer::Failed(Purpose::ExportFigure(settings)) => self.export_figure(settings, None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn of_files_picked_together_the_features_open_not_their_labels() {
        let picked = |names: &[&str]| names.iter().map(PathBuf::from).collect::<Vec<_>>();
        assert_eq!(
            first_not_labels(&picked(&["y_train.npy", "X_train.npy"])),
            Some(PathBuf::from("X_train.npy"))
        );
        assert_eq!(
            first_not_labels(&picked(&["data.csv"])),
            Some(PathBuf::from("data.csv"))
        );
        assert_eq!(first_not_labels(&[]), None);
    }

    const ALL: [Purpose; 5] = [
        Purpose::File(DialogKind::Open),
        Purpose::File(DialogKind::Save),
        Purpose::File(DialogKind::OpenData),
        Purpose::ExportData,
        Purpose::ExportFigure(ExportSettings {
            format: Format::Svg,
            width: 800,
            height: 600,
            fps: 30,
            seconds: 5.0,
        }),
    ];

    fn figure(format: Format) -> Purpose {
        Purpose::ExportFigure(ExportSettings::for_format(format))
    }

    fn extensions(purpose: Purpose) -> Vec<&'static str> {
        purpose
            .filters()
            .iter()
            .flat_map(|f| f.extensions.iter().copied())
            .collect()
    }

    #[test]
    fn filters_per_purpose() {
        assert_eq!(extensions(Purpose::File(DialogKind::Open)), ["toml", "*"]);
        assert_eq!(extensions(Purpose::File(DialogKind::Save)), ["toml"]);
        assert_eq!(
            extensions(Purpose::File(DialogKind::OpenData)),
            ["csv", "npy", "*"]
        );
        assert_eq!(extensions(Purpose::ExportData), ["csv"]);
        assert_eq!(extensions(figure(Format::Png)), ["png"]);
        assert_eq!(extensions(figure(Format::Svg)), ["svg"]);
        assert_eq!(extensions(figure(Format::Gif)), ["gif"]);
    }

    #[test]
    fn every_title_and_filter_name_is_translated() {
        for purpose in ALL
            .into_iter()
            .chain([figure(Format::Png), figure(Format::Gif)])
        {
            let keys = purpose.filters().into_iter().map(|f| f.name);
            for key in keys.chain([purpose.title()]) {
                for lang in crate::i18n::Lang::ALL {
                    assert_ne!(crate::i18n::tr_in(lang, key), key, "{key} in {lang:?}");
                }
            }
        }
        for why in [Typed::NoService, Typed::Failed] {
            let key = why.hint().expect("a hint");
            for lang in crate::i18n::Lang::ALL {
                assert_ne!(crate::i18n::tr_in(lang, key), key);
            }
        }
    }

    #[test]
    fn only_opening_reads() {
        let saving: Vec<bool> = ALL.iter().map(|p| p.saves()).collect();
        assert_eq!(saving, [false, true, false, true, true]);
        for purpose in ALL {
            assert_eq!(purpose.saves(), purpose.extension().is_some());
        }
    }

    #[test]
    fn answers_become_the_commands_of_their_purpose() {
        let path = || PathBuf::from("/home/me/runs/out");
        assert_eq!(
            Purpose::File(DialogKind::Open).route(PathBuf::from("/p/a.toml")),
            Command::OpenFile("/p/a.toml".into())
        );
        assert_eq!(
            Purpose::File(DialogKind::Save).route(path()),
            Command::SavePreset("/home/me/runs/out.toml".into())
        );
        assert_eq!(
            Purpose::File(DialogKind::OpenData).route(PathBuf::from("/d/x.npy")),
            Command::OpenData("/d/x.npy".into())
        );
        assert_eq!(
            Purpose::ExportData.route(path()),
            Command::ExportDataTo(PathBuf::from("/home/me/runs/out.csv"))
        );
        let settings = ExportSettings::for_format(Format::Gif);
        assert_eq!(
            Purpose::ExportFigure(settings).route(PathBuf::from("/e/race.GIF")),
            Command::ExportFigureTo(settings, PathBuf::from("/e/race.GIF"))
        );
    }

    #[test]
    fn written_files_keep_what_was_typed_and_get_their_extension() {
        let ext = |p: &str, e: &str| with_extension(PathBuf::from(p), e);
        assert_eq!(ext("a/fig", "png"), PathBuf::from("a/fig.png"));
        assert_eq!(ext("a/fig.png", "png"), PathBuf::from("a/fig.png"));
        assert_eq!(ext("a/fig.PNG", "png"), PathBuf::from("a/fig.PNG"));
        assert_eq!(ext("a/fig.svg", "png"), PathBuf::from("a/fig.svg.png"));
        assert_eq!(ext("my.run", "toml"), PathBuf::from("my.run.toml"));
    }

    #[test]
    fn dialogs_start_in_the_last_folder_else_their_own() {
        let cwd = std::path::absolute(".").expect("a working directory");
        let open = Purpose::File(DialogKind::Open);
        assert_eq!(
            start_folder(open, None, |_| true),
            Some(cwd.join("presets"))
        );
        assert_eq!(start_folder(open, None, |_| false), Some(cwd.clone()));
        assert_eq!(
            start_folder(Purpose::ExportData, None, |_| true),
            Some(cwd.join("exports"))
        );
        let last = Path::new("/tmp/mine");
        assert_eq!(
            start_folder(figure(Format::Png), Some(last), |_| true),
            Some(last.to_path_buf())
        );
        // A last folder deleted since: the default one.
        assert_eq!(
            start_folder(figure(Format::Png), Some(last), |f| f != last),
            Some(cwd.join("exports"))
        );
        assert_eq!(Purpose::ExportData.place(), figure(Format::Gif).place());
        assert_ne!(
            Purpose::File(DialogKind::Save).place(),
            Purpose::File(DialogKind::OpenData).place()
        );
    }

    #[test]
    fn the_environment_decides_the_dialogs() {
        let desktop = Env {
            allowed: true,
            setting: None,
            bus: true,
            display: true,
        };
        let with = |setting| Env { setting, ..desktop };
        // Tests and scripted screenshots never open a system dialog, whatever the variable.
        let test = Env {
            allowed: false,
            ..with(Some("system"))
        };
        assert_eq!(decide(&test), Decision::Typed(Typed::Chosen));
        assert_eq!(decide(&with(Some("typed"))), Decision::Typed(Typed::Chosen));
        assert_eq!(
            decide(&with(Some(" Typed "))),
            Decision::Typed(Typed::Chosen)
        );
        let bare = Env {
            bus: false,
            display: false,
            ..desktop
        };
        assert_eq!(
            decide(&Env {
                setting: Some("system"),
                ..bare
            }),
            Decision::System
        );
        assert_eq!(decide(&bare), Decision::Typed(Typed::NoService));
        assert_eq!(decide(&desktop), Decision::Probe { bus: true });
        let no_bus = Env {
            setting: Some("auto"),
            bus: false,
            ..desktop
        };
        assert_eq!(decide(&no_bus), Decision::Probe { bus: false });
    }

    #[test]
    fn the_typed_path_says_why_only_when_it_was_not_chosen() {
        assert_eq!(Typed::Chosen.hint(), None);
        assert!(Typed::NoService.hint().is_some());
        assert_ne!(Typed::NoService.hint(), Typed::Failed.hint());
    }

    #[test]
    fn without_a_service_nothing_is_shown_and_the_caller_falls_back() {
        let ctx = egui::Context::default();
        let mut picker = FilePicker::start(false, &ctx);
        assert_eq!(picker.typed(), Some(Typed::Chosen));
        assert!(!picker.ask(Purpose::ExportData, Some("x.csv".into())));
        assert_eq!(picker.poll(), None);
    }

    #[test]
    fn a_dialog_thread_that_dies_is_a_failure_and_the_typed_path_takes_over() {
        let ctx = egui::Context::default();
        let mut picker = FilePicker::start(false, &ctx);
        let (tx, rx) = mpsc::channel::<Option<PathBuf>>();
        drop(tx);
        picker.service = Service::Available;
        picker.open = Some((Purpose::ExportData, rx));
        assert_eq!(picker.poll(), Some(Answer::Failed(Purpose::ExportData)));
        assert_eq!(picker.typed(), Some(Typed::Failed));
        assert!(!picker.ask(Purpose::ExportData, None));
    }

    #[test]
    fn one_dialog_at_a_time_in_the_language_of_the_window() {
        let ctx = egui::Context::default();
        let mut picker = FilePicker::start(false, &ctx);
        picker.service = Service::Available;
        let figure = figure(Format::Png);
        assert!(picker.ask(figure, Some("run-figure.png".into())));
        // Asked again before it is shown: dropped, but handled (no typed window either).
        assert!(picker.ask(Purpose::File(DialogKind::Open), None));
        let Some((purpose, request)) = &picker.queued else {
            panic!("the first request waits for the end of the frame");
        };
        assert_eq!(*purpose, figure);
        assert!(request.saves);
        assert_eq!(request.title, crate::i18n::tr("common.export.title"));
        assert_eq!(request.file_name.as_deref(), Some("run-figure.png"));
        assert_eq!(request.filters.len(), 1);
        assert!(request.folder.as_ref().is_some_and(|f| f.is_absolute()));
        // Opening never suggests a name.
        picker.queued = None;
        assert!(picker.ask(Purpose::File(DialogKind::OpenData), Some("x".into())));
        assert!(
            picker
                .queued
                .as_ref()
                .is_some_and(|(_, r)| r.file_name.is_none() && !r.saves)
        );
    }

    #[test]
    fn a_pick_is_routed_and_its_folder_remembered() {
        let ctx = egui::Context::default();
        let mut picker = FilePicker::start(false, &ctx);
        let (tx, rx) = mpsc::channel();
        picker.open = Some((Purpose::File(DialogKind::Save), rx));
        assert_eq!(picker.poll(), None, "no answer yet");
        tx.send(Some(PathBuf::from("/tmp/p/mine.toml")))
            .expect("the receiver is open");
        assert_eq!(
            picker.poll(),
            Some(Answer::Picked(
                Purpose::File(DialogKind::Save),
                PathBuf::from("/tmp/p/mine.toml")
            ))
        );
        assert_eq!(
            picker.last[Place::Presets as usize].as_deref(),
            Some(Path::new("/tmp/p"))
        );
        let (tx, rx) = mpsc::channel();
        picker.open = Some((Purpose::ExportData, rx));
        tx.send(None).expect("the receiver is open");
        assert_eq!(picker.poll(), Some(Answer::Cancelled));
        assert!(picker.open.is_none());
    }
}
