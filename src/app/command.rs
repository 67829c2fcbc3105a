//! What the shell does on request: the shared [`Command`] enum (files, exports, windows,
//! preferences, switching labs). Panels and labs only build these; [`super::App::apply`]
//! carries them out after the frame is drawn. Each lab's own requests are its own enum
//! (`labs/*/commands.rs`), applied by the lab; a lab's panels reach the shell by wrapping a
//! [`Command`] in theirs.

use crate::lab::LabKind;
use crate::render::palette::ColorMap;

use super::playback::PlaybackCommand;
use super::shell::{DialogKind, ExportSettings};

/// A request for the shell.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Drive the playback of the lab on screen (keys; the labs' bars send their own).
    Playback(PlaybackCommand),
    /// Colour map of every landscape.
    SetColorMap(ColorMap),
    /// Show the test loss in the loss plots.
    SetShowTestLoss(bool),
    /// Load a built-in preset by name (into the lab on screen if it can show it, else into
    /// the preset's own lab).
    LoadBuiltin(&'static str),
    /// Load a built-in preset into this lab and show the lab.
    LoadInLab(LabKind, &'static str),
    /// Load a preset file.
    OpenFile(String),
    /// Write the lab on screen as a preset file.
    SavePreset(String),
    /// Ask for a file to open or save: the system's file dialog, else the typed-path window
    /// ([`super::file_picker`]).
    OpenDialog(DialogKind),
    /// Close it.
    CloseDialog,
    /// Edit the path in the open file window.
    SetDialogPath(String),
    /// Save the window as PNG into `screenshots/`.
    Screenshot,
    /// Write the lab's data file (trajectories, sweep, bias–variance table): where the
    /// system's file dialog says, else into `exports/`.
    ExportData,
    /// Write the lab's data file to this path (the answer of the file dialog).
    ExportDataTo(std::path::PathBuf),
    /// Open the "Export figure…" window (`Some`, with its choices) or close it (`None`).
    SetFigureExport(Option<ExportSettings>),
    /// Write the lab's figure (PNG, SVG) or animation (GIF), off the UI thread: where the
    /// system's file dialog says, else into `exports/`.
    ExportFigure(ExportSettings),
    /// Write the lab's figure or animation to this path (the answer of the file dialog).
    ExportFigureTo(ExportSettings, std::path::PathBuf),
    /// Dark (true) or light theme.
    SetDarkTheme(bool),
    /// Open or close the help window.
    SetHelpOpen(bool),
    /// Remove notice `index`.
    DismissNotice(usize),
    /// Show another lab.
    SetLab(LabKind),
    /// Switch the language of the window.
    SetLang(crate::i18n::Lang),
    /// High-contrast colour map and thicker trajectories on or off.
    SetHighContrast(bool),
    /// Hide (true) or show the side panels.
    SetPanelsHidden(bool),
    /// Show or hide the Explain panel.
    SetExplainOpen(bool),
    /// Show or hide the keyboard shortcuts overlay.
    SetShortcutsOpen(bool),
    /// Scale the whole UI (egui's zoom factor; clamped to the allowed range).
    SetZoom(f32),
    /// Full screen on or off.
    ToggleFullscreen,
    /// Open preset files dropped on the window (the first `.toml`), else give the lab on
    /// screen the first data file (`.csv`, `.npy`).
    DroppedFiles(Vec<std::path::PathBuf>),
    /// Give the lab on screen a data file to train on ("Open data…").
    OpenData(String),
    /// The lecture mode: start, move through the tour, back to the step's settings, leave.
    Tour(super::tour::TourCommand),
}

impl From<PlaybackCommand> for Command {
    fn from(command: PlaybackCommand) -> Self {
        Self::Playback(command)
    }
}
