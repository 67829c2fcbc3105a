//! The one abstraction every lab implements: [`Lab`]. The shell ([`super::App`]) knows labs
//! only through it: it draws the top bar, the status line and the notices, and asks the lab
//! on screen for its controls, its central view, its part of the status line, its data
//! export, its figure; once per frame it lets every lab fold in its job results.
//!
//! A lab's panels read the lab and push the lab's own command enum; the lab applies those
//! commands itself at the end of [`Lab::controls_ui`] / [`Lab::central_ui`]. What only the
//! shell can do (open a file, switch the lab, show a notice) goes out through
//! [`LabCx::send`] as a shared [`Command`].

use std::path::Path;

use crate::jobs::Jobs;
use crate::preset::Preset;
use crate::render::Figure;

use super::Command;
use super::notices::Notices;
use super::playback::Playback;
use super::settings::Settings;

/// What a lab may use of the shell while it draws, polls or applies a command.
pub struct LabCx<'a> {
    /// egui's context (textures, repaints).
    pub ctx: &'a egui::Context,
    /// The job runner (`None` if the worker threads could not start).
    pub jobs: Option<&'a Jobs>,
    /// The preferences: theme, contrast, colour map, language.
    pub prefs: &'a Settings,
    /// The status line's messages.
    pub notices: &'a mut Notices,
    /// Requests for the shell, carried out after the frame is drawn.
    pub commands: &'a mut Vec<Command>,
}

impl LabCx<'_> {
    /// Asks the shell for something (applied after the frame is drawn).
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }
}

/// A data file a lab can write ("Export trajectories", "Export sweep", …).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DataExport {
    /// The button's text key ([`crate::i18n`]).
    pub button: &'static str,
    /// Its tooltip's key.
    pub tip: &'static str,
    /// The tooltip's key while there is nothing to write (`None`: always enabled).
    pub disabled_tip: Option<&'static str>,
    /// Whether there is something to write now.
    pub ready: bool,
    /// The file name's suffix: `{preset}-{suffix}.csv`.
    pub suffix: &'static str,
    /// What the notice calls the file (key).
    pub what: &'static str,
}

impl DataExport {
    /// A data file that can always be written (the lab says why not when asked to).
    #[must_use]
    pub fn new(
        button: &'static str,
        tip: &'static str,
        suffix: &'static str,
        what: &'static str,
    ) -> Self {
        Self {
            button,
            tip,
            disabled_tip: None,
            ready: true,
            suffix,
            what,
        }
    }

    /// The button is greyed out until `ready`, with `disabled_tip` saying why.
    #[must_use]
    pub fn ready_when(self, ready: bool, disabled_tip: &'static str) -> Self {
        Self {
            ready,
            disabled_tip: Some(disabled_tip),
            ..self
        }
    }
}

/// A lab's requests: its panels draw from a shared borrow of the lab and only push
/// commands, which are applied after the panel is drawn ([`draw_then_apply`]).
pub trait Requests {
    /// What the lab's panels ask for.
    type Command;

    /// Carries out one request.
    fn apply(&mut self, command: Self::Command, cx: &mut LabCx<'_>);
}

/// Draws one of a lab's panels with `draw`, then applies the requests it pushed, in order;
/// returns what `draw` returned.
pub fn draw_then_apply<L: Requests, R>(
    lab: &mut L,
    ui: &mut egui::Ui,
    cx: &mut LabCx<'_>,
    draw: impl FnOnce(&mut egui::Ui, &L, &Settings, &mut Vec<L::Command>) -> R,
) -> R {
    let mut commands = Vec::new();
    let out = draw(ui, lab, cx.prefs, &mut commands);
    for command in commands {
        lab.apply(command, cx);
    }
    out
}

/// Builds a lab's figure off the UI thread from a copy of what is on screen.
pub type FigureMaker = Box<dyn FnOnce() -> Figure + Send>;

/// One lab of the window. Which lab it is, is known where it is registered
/// ([`super::labs::Labs::get`]), not asked of the lab.
pub trait Lab {
    /// The preset's name or path (title bar, file names).
    fn preset_name(&self) -> &str;

    /// Replaces the experiment with `preset` named `name` (the shell then restarts the lab's
    /// jobs). A preset of a kind this lab cannot show is handed back untouched.
    ///
    /// # Errors
    /// The preset itself, when this lab cannot show it.
    fn open(&mut self, preset: Preset, name: String) -> Result<(), Box<Preset>>;

    /// The experiment on screen as a preset file ("Save preset…").
    fn to_toml(&self) -> String;

    /// Starts every job from scratch (a new experiment, or the first time the tab is shown).
    fn restart(&mut self, cx: &mut LabCx<'_>);

    /// Whether nothing has been computed yet and nothing runs (the tab needs a start).
    fn needs_start(&self) -> bool;

    /// Whether a job still runs.
    fn busy(&self) -> bool;

    /// Folds arrived job results in and advances the animation (every frame, every lab).
    fn update(&mut self, cx: &mut LabCx<'_>);

    /// The left panel: the preset header and the lab's controls.
    fn controls_ui(&mut self, ui: &mut egui::Ui, cx: &mut LabCx<'_>);

    /// The central view (and any windows of the lab).
    fn central_ui(&mut self, ui: &mut egui::Ui, cx: &mut LabCx<'_>);

    /// The lab's part of the status line: what is computing (nothing when idle; the shell
    /// then says "Ready" and shows the [`Lab::seed`]).
    fn status_ui(&self, ui: &mut egui::Ui);

    /// The experiment's seed and the translation key of the tooltip that says what it seeds.
    fn seed(&self) -> (u64, &'static str);

    /// The lab's playback, if it animates (Space, →, R and the playback bar drive it).
    fn playback(&mut self) -> Option<&mut Playback> {
        None
    }

    /// The last step the playback can show.
    fn last_step(&self) -> usize {
        0
    }

    /// The help window's lines (keys of [`crate::i18n`]).
    fn help(&self) -> &'static [&'static str];

    /// The data file this lab writes, if any.
    fn data_export(&self) -> Option<DataExport>;

    /// Writes that file to `path`.
    ///
    /// # Errors
    /// A message naming what is missing or why the file could not be written.
    fn write_data(&self, path: &Path) -> Result<(), String>;

    /// Whether the lab can be exported as an animation (GIF).
    fn animates(&self) -> bool {
        false
    }

    /// A maker of the lab's figure (still, or animated when the lab [`animates`](Self::animates))
    /// titled with the preset `name` and worded in `lang` (the window's language), or the key
    /// of the notice saying why not.
    ///
    /// # Errors
    /// The key of a notice when there is nothing to draw yet.
    fn figure(&self, name: &str, lang: crate::i18n::Lang) -> Result<FigureMaker, &'static str>;

    /// Recolours the pictures after a colour-map change.
    fn recolour(&mut self, ctx: &egui::Context, colormap: crate::render::palette::ColorMap);

    /// Starts training on the data file at `path` ("Open data…", a dropped `.csv` or `.npy`):
    /// the lab reads it off the UI thread and, when it lands, replaces its data and retrains,
    /// or keeps its experiment and shows the reader's message. Returns whether this lab takes
    /// data files (false: the shell says so).
    fn open_data(&mut self, path: &Path, cx: &mut LabCx<'_>) -> bool {
        let _ = (path, cx);
        false
    }

    /// Whether everything a scripted screenshot should show is on screen. May move the
    /// playback to the end first.
    fn screenshot_ready(&mut self) -> bool;
}
