//! Applying the shell's [`Command`]s: [`App::apply`], after the frame is drawn. Requests
//! that belong to a lab (its playback) are handed to the lab on screen through [`Lab`].

use crate::lab::LabKind;

use super::App;
use super::command::Command;
use super::file_picker::Purpose;
use super::shell::DialogKind;

impl App {
    /// Applies one command.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Playback(command) => {
                let lab = self.labs.get_mut(self.lab);
                #[allow(clippy::cast_precision_loss)]
                let end = lab.last_step() as f64;
                if let Some(playback) = lab.playback() {
                    playback.apply(command, end);
                }
            }
            Command::SetColorMap(map) => self.set_colormap(ctx, map),
            Command::SetShowTestLoss(show) => self.prefs.show_test_loss = show,
            Command::LoadBuiltin(name) => {
                self.load_preset(ctx, name, None, &[]);
            }
            Command::LoadInLab(kind, name) => {
                self.load_preset(ctx, name, Some(kind), &[]);
            }
            Command::OpenFile(path) => {
                if self.load_preset(ctx, &path, None, &[]) {
                    self.windows.file_dialog = None;
                    self.prefs.remember_file(&path);
                }
            }
            Command::SavePreset(path) => {
                if self.save_preset(&path) {
                    self.windows.file_dialog = None;
                    self.prefs.remember_file(&path);
                }
            }
            Command::OpenDialog(kind) => {
                let name = (kind == DialogKind::Save).then(|| format!("{}.toml", self.file_stem()));
                if !self.ask_file(Purpose::File(kind), name) {
                    self.open_typed(kind);
                }
            }
            Command::CloseDialog => self.windows.file_dialog = None,
            Command::SetDialogPath(path) => {
                if let Some(dialog) = &mut self.windows.file_dialog {
                    dialog.path = path;
                }
            }
            Command::Screenshot => self.request_screenshot(ctx, None),
            Command::ExportData => self.export_data(None),
            Command::ExportDataTo(path) => self.export_data(Some(path)),
            Command::SetFigureExport(dialog) => self.windows.figure_export.dialog = dialog,
            Command::ExportFigure(settings) => self.export_figure(settings, None),
            Command::ExportFigureTo(settings, path) => self.export_figure(settings, Some(path)),
            Command::SetDarkTheme(dark) => {
                self.prefs.dark_theme = dark;
                crate::ui::apply_theme(ctx, dark);
            }
            Command::SetHelpOpen(open) => self.windows.help_open = open,
            Command::DismissNotice(i) => self.notices.dismiss(i),
            Command::SetLab(lab) => self.show_lab(ctx, lab),
            Command::SetLang(lang) => {
                self.prefs.lang = lang;
                crate::i18n::set_lang(lang);
                crate::ui::use_fonts_of(ctx, lang);
                self.send_title(ctx);
            }
            Command::SetHighContrast(on) => self.set_high_contrast(ctx, on),
            Command::SetPanelsHidden(hidden) => self.prefs.panels_hidden = hidden,
            Command::SetExplainOpen(open) => self.prefs.explain_open = open,
            Command::SetShortcutsOpen(open) => self.windows.shortcuts_open = open,
            Command::SetZoom(zoom) => {
                let range = super::settings::ZOOM_RANGE;
                if zoom.is_finite() {
                    ctx.set_zoom_factor(zoom.clamp(*range.start(), *range.end()));
                }
            }
            Command::ToggleFullscreen => {
                let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
            }
            Command::DroppedFiles(paths) => self.open_dropped(ctx, &paths),
            Command::OpenData(path) => {
                if self.open_data(ctx, path.trim()) {
                    self.windows.file_dialog = None;
                }
            }
            Command::Tour(command) => self.apply_tour(ctx, command),
        }
    }

    /// A new colour map for every lab's pictures.
    fn set_colormap(&mut self, ctx: &egui::Context, map: crate::render::palette::ColorMap) {
        self.prefs.colormap = map;
        for kind in LabKind::ALL {
            self.labs.get_mut(kind).recolour(ctx, map);
        }
    }

    /// High contrast on: the magma colour map (black to pale yellow, the widest range of
    /// lightness) and thicker trajectories; off: the colour map chosen before.
    fn set_high_contrast(&mut self, ctx: &egui::Context, on: bool) {
        if on == self.prefs.high_contrast {
            return;
        }
        self.prefs.high_contrast = on;
        let map = if on {
            self.prefs.colormap_before_contrast = self.prefs.colormap;
            crate::render::palette::ColorMap::Magma
        } else {
            self.prefs.colormap_before_contrast
        };
        if map != self.prefs.colormap {
            self.set_colormap(ctx, map);
        }
    }

    /// Hands a data file to the lab on screen, which reads it off the UI thread and says how
    /// it went in a notice. Returns whether the lab took it (false, with a notice, when the
    /// lab on screen does not train on data files).
    fn open_data(&mut self, ctx: &egui::Context, path: &str) -> bool {
        if path.is_empty() {
            self.notices
                .error(crate::i18n::tr("net.notice.no_data_path"));
            return false;
        }
        let mut taken = false;
        let kind = self.lab;
        let path = std::path::Path::new(path);
        let cmds = self.with_lab(ctx, kind, |lab, cx| taken = lab.open_data(path, cx));
        self.apply_all(ctx, cmds);
        if !taken {
            self.notices.error(crate::i18n::fill(
                "net.notice.data_not_here",
                &[&path.display()],
            ));
        }
        taken
    }

    /// Opens the first `.toml` of files dropped on the window, else hands the first data file
    /// (`.csv`, `.npy`) to the lab on screen; anything else gets a notice.
    fn open_dropped(&mut self, ctx: &egui::Context, paths: &[std::path::PathBuf]) {
        let with_ext = |exts: &[&str]| {
            paths.iter().find(|p| {
                p.extension()
                    .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
            })
        };
        let toml = with_ext(&["toml"]);
        let data = with_ext(&["csv", "npy"]);
        match (toml, data) {
            (Some(path), _) => {
                let path = path.display().to_string();
                self.apply(ctx, Command::OpenFile(path));
            }
            (None, Some(path)) => {
                self.open_data(ctx, &path.display().to_string());
            }
            (None, None) => {
                if let Some(first) = paths.first() {
                    self.notices.error(crate::i18n::fill(
                        "preset.notice.dropped_not_toml",
                        &[&first.display()],
                    ));
                }
            }
        }
    }
}
