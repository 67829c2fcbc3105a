//! The shell's own window state, apart from every lab and from the preferences: which small
//! windows are open (help, shortcuts, the file path, the figure export) and the running
//! export's progress. Drawn by [`crate::ui::top_bar`], changed only by shell commands.

use crate::render::{Animation, FigureSize, Format};

/// What the export dialog shows and what an export uses.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExportSettings {
    /// PNG, SVG or GIF.
    pub format: Format,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// GIF frames per second.
    pub fps: u32,
    /// GIF length in seconds.
    pub seconds: f64,
}

impl ExportSettings {
    /// The defaults of `format` (its default size, 30 fps for 5 s).
    #[must_use]
    pub fn for_format(format: Format) -> Self {
        let size = FigureSize::default_for(format);
        let animation = Animation::default();
        Self {
            format,
            width: size.width,
            height: size.height,
            fps: animation.fps,
            seconds: animation.seconds,
        }
    }
}

/// The export's part of the view state: the open dialog and the running export's progress.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FigureExportView {
    /// The "Export figure…" window, when open, with its choices.
    pub dialog: Option<ExportSettings>,
    /// The running export's progress in [0, 1], `None` when none runs.
    pub progress: Option<f32>,
}

/// Which file is asked for: the system's file dialog when there is one
/// ([`crate::app::file_picker`]), else the small typed-path window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogKind {
    /// "Open file…": load a preset from a path.
    Open,
    /// "Save preset…": write the current experiment as TOML.
    Save,
    /// "Open data…": train the lab on screen on a CSV or `.npy` file ([`crate::app::Lab::open_data`]).
    OpenData,
}

/// The open file window and its path field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileDialog {
    /// Open or save.
    pub kind: DialogKind,
    /// The path typed so far.
    pub path: String,
    /// Why the path is typed rather than chosen in the system's dialog, as a translation key
    /// (`None`: no hint; see [`crate::app::file_picker`]).
    pub hint: Option<&'static str>,
}

/// The shell's windows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Windows {
    /// The help window is open.
    pub help_open: bool,
    /// The keyboard shortcuts overlay (?) is shown.
    pub shortcuts_open: bool,
    /// An open typed-path window ("Open file…", "Save preset…", "Open data…").
    pub file_dialog: Option<FileDialog>,
    /// The "Export figure…" window and the running export's progress.
    pub figure_export: FigureExportView,
}
