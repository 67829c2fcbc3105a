//! The top bar, two rows. First: title and lab tabs; at the right the language switch
//! (English | 한국어), Explain, the View menu (theme, high contrast, side panels, UI scale,
//! full screen, shortcuts) and Help. Second: the Preset menu (every built-in with its
//! description in the current language — loading one switches to its lab —, open from a
//! file, save, recent files), Lecture (the guided tour, [`crate::app::tour`]), Screenshot,
//! Export (the trajectories or the bias–variance sweep), Export figure… / Export animation.
//! Plus the small windows it opens (help with the shortcuts, the typed path of "Open
//! file…"/"Save preset…"/"Open data…" when there is no system file dialog — see
//! [`crate::app::file_picker`] —, the export's format and size).

use std::sync::OnceLock;

use crate::app::command::Command;
use crate::app::settings::Settings;
use crate::app::shell::{DialogKind, ExportSettings};
use crate::i18n::{Lang, fill, tr};
use crate::lab::LabKind;
use crate::preset;
use crate::render::Format;

use super::Shell;

/// A built-in preset in the menu: its name, its English description (or why it does not
/// load) and the lab it opens in (the one it is listed under).
type Builtin = (&'static str, Result<String, String>, LabKind);

/// Every built-in preset, parsed once.
fn builtin_descriptions() -> &'static [Builtin] {
    static CACHE: OnceLock<Vec<Builtin>> = OnceLock::new();
    CACHE.get_or_init(|| {
        preset::all_builtins()
            .map(|b| {
                let parsed = preset::parse(b.text, b.name, &[]);
                let lab = crate::lab::opens_in(b.name)
                    .unwrap_or_else(|| parsed.as_ref().map_or(LabKind::default(), |p| p.lab()));
                let text = parsed
                    .map(|e| super::printable(e.description()))
                    .map_err(|err| err.to_string());
                (b.name, text, lab)
            })
            .collect()
    })
}

/// The description of a built-in preset in the current language (or why it does not load).
fn builtin_description(name: &str, english: &Result<String, String>) -> String {
    match english {
        Ok(text) => crate::i18n::preset_description(name, text).to_string(),
        Err(err) => fill("preset.does_not_load", &[err]),
    }
}

/// Draws the top bar.
pub fn top_bar_ui(ui: &mut egui::Ui, shell: &Shell<'_>, cmds: &mut Vec<Command>) {
    let current = shell.kind;
    ui.horizontal(|ui| {
        ui.heading("basin");
        ui.separator();
        for lab in LabKind::ALL {
            let selected = current == lab;
            let text = egui::RichText::new(lab.title());
            let text = if selected { text.strong() } else { text };
            if ui
                .selectable_label(selected, text)
                .on_hover_text(format!("{} ({})", lab.tooltip(), lab.number()))
                .clicked()
                && !selected
            {
                cmds.push(Command::SetLab(lab));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            right_group_ui(ui, shell, cmds);
        });
    });
    // The second row: the experiment (presets) and what can be saved from it.
    ui.horizontal_wrapped(|ui| {
        ui.menu_button(tr("preset.menu"), |ui| {
            if ui
                .button(tr("preset.open_file"))
                .on_hover_text(tr("preset.open_file.tip"))
                .clicked()
            {
                cmds.push(Command::OpenDialog(DialogKind::Open));
                ui.close();
            }
            if ui
                .button(tr("preset.save"))
                .on_hover_text(tr("preset.save.tip"))
                .clicked()
            {
                cmds.push(Command::OpenDialog(DialogKind::Save));
                ui.close();
            }
            ui.menu_button(tr("preset.recent"), |ui| {
                if shell.prefs.recent_files.is_empty() {
                    ui.label(tr("preset.no_recent"));
                }
                for path in &shell.prefs.recent_files {
                    if ui.button(path.as_str()).clicked() {
                        cmds.push(Command::OpenFile(path.clone()));
                        ui.close();
                    }
                }
            });
            ui.separator();
            builtins_ui(ui, cmds);
        })
        .response
        .on_hover_text(tr("preset.menu.tip"));
        ui.label(
            egui::RichText::new(shell.lab.preset_name()).color(ui.visuals().weak_text_color()),
        );
        ui.separator();
        if ui
            .selectable_label(shell.lecture, tr("common.tour.button"))
            .on_hover_text(tr("common.tour.button.tip"))
            .clicked()
        {
            let command = if shell.lecture {
                crate::app::tour::TourCommand::Leave
            } else {
                crate::app::tour::TourCommand::Start(None)
            };
            cmds.push(Command::Tour(command));
        }
        ui.separator();
        if ui
            .button(tr("common.top.screenshot"))
            .on_hover_text(tr("common.top.screenshot.tip"))
            .clicked()
        {
            cmds.push(Command::Screenshot);
        }
        figure_export_buttons_ui(ui, shell, cmds);
        if let Some(export) = shell.lab.data_export() {
            let response = ui
                .add_enabled(export.ready, egui::Button::new(tr(export.button)))
                .on_hover_text(tr(export.tip));
            let response = match export.disabled_tip {
                Some(tip) => response.on_disabled_hover_text(tr(tip)),
                None => response,
            };
            if response.clicked() {
                cmds.push(Command::ExportData);
            }
        }
    });
}

/// Every built-in preset, one column per lab it belongs to (so the menu fits a 720-line
/// projector), each with its description on hover.
fn builtins_ui(ui: &mut egui::Ui, cmds: &mut Vec<Command>) {
    let all = builtin_descriptions();
    if all.is_empty() {
        ui.label(tr("preset.no_builtins"));
        return;
    }
    ui.horizontal_top(|ui| {
        for lab in LabKind::ALL {
            let mut column = all.iter().filter(|(_, _, l)| *l == lab).peekable();
            if column.peek().is_none() {
                continue;
            }
            ui.vertical(|ui| {
                ui.label(
                    egui::RichText::new(fill("common.lab.heading", &[&lab.title()]))
                        .color(ui.visuals().weak_text_color()),
                );
                for (name, description, _) in column {
                    if ui
                        .button(*name)
                        .on_hover_text(builtin_description(name, description))
                        .clicked()
                    {
                        cmds.push(Command::LoadBuiltin(name));
                        ui.close();
                    }
                }
            });
        }
    });
}

/// Help, View, Explain and the languages, added right to left (the layout runs that way).
fn right_group_ui(ui: &mut egui::Ui, shell: &Shell<'_>, cmds: &mut Vec<Command>) {
    let prefs = shell.prefs;
    if ui
        .button(tr("common.top.help"))
        .on_hover_text(tr("common.top.help.tip"))
        .clicked()
    {
        cmds.push(Command::SetHelpOpen(!shell.windows.help_open));
    }
    view_menu_ui(ui, prefs, cmds);
    if ui
        .selectable_label(prefs.explain_open, tr("common.top.explain"))
        .on_hover_text(tr("common.top.explain.tip"))
        .clicked()
    {
        cmds.push(Command::SetExplainOpen(!prefs.explain_open));
    }
    ui.separator();
    language_switch_ui(ui, prefs, cmds);
}

/// The language switch: both languages, each in its own name (added right to left).
fn language_switch_ui(ui: &mut egui::Ui, view: &Settings, cmds: &mut Vec<Command>) {
    for lang in Lang::ALL.into_iter().rev() {
        if ui
            .selectable_label(view.lang == lang, lang.native_name())
            .on_hover_text(tr("common.top.language"))
            .clicked()
            && view.lang != lang
        {
            cmds.push(Command::SetLang(lang));
        }
    }
}

/// The View menu: theme, high contrast, side panels, UI scale, full screen, shortcuts.
fn view_menu_ui(ui: &mut egui::Ui, view: &Settings, cmds: &mut Vec<Command>) {
    ui.menu_button(tr("common.top.view"), |ui| {
        let (label, tip) = if view.dark_theme {
            (
                tr("common.top.light_theme"),
                tr("common.top.light_theme.tip"),
            )
        } else {
            (tr("common.top.dark_theme"), tr("common.top.dark_theme.tip"))
        };
        if ui.button(label).on_hover_text(tip).clicked() {
            cmds.push(Command::SetDarkTheme(!view.dark_theme));
        }
        let mut contrast = view.high_contrast;
        if ui
            .checkbox(&mut contrast, tr("common.top.high_contrast"))
            .on_hover_text(tr("common.top.high_contrast.tip"))
            .changed()
        {
            cmds.push(Command::SetHighContrast(contrast));
        }
        let mut hidden = view.panels_hidden;
        if ui
            .checkbox(&mut hidden, tr("common.top.hide_panels"))
            .on_hover_text(tr("common.top.hide_panels.tip"))
            .changed()
        {
            cmds.push(Command::SetPanelsHidden(hidden));
        }
        ui.separator();
        let zoom = ui.ctx().zoom_factor();
        ui.label(fill("common.top.zoom", &[&format!("{:.0}", zoom * 100.0)]));
        ui.horizontal(|ui| {
            if ui
                .button(tr("common.top.zoom_in"))
                .on_hover_text("Ctrl +")
                .clicked()
            {
                cmds.push(Command::SetZoom(zoom + 0.1));
            }
            if ui
                .button(tr("common.top.zoom_out"))
                .on_hover_text("Ctrl −")
                .clicked()
            {
                cmds.push(Command::SetZoom(zoom - 0.1));
            }
            if ui
                .button(tr("common.top.zoom_reset"))
                .on_hover_text("Ctrl 0")
                .clicked()
            {
                cmds.push(Command::SetZoom(1.0));
            }
        });
        if ui
            .button(tr("common.top.fullscreen"))
            .on_hover_text(tr("common.top.fullscreen.tip"))
            .clicked()
        {
            cmds.push(Command::ToggleFullscreen);
        }
        ui.separator();
        if ui
            .button(tr("common.top.shortcuts"))
            .on_hover_text("?")
            .clicked()
        {
            cmds.push(Command::SetShortcutsOpen(true));
            ui.close();
        }
    })
    .response
    .on_hover_text(tr("common.top.view.tip"));
}

/// "Export figure…" and "Export animation" (a progress bar instead while one runs).
fn figure_export_buttons_ui(ui: &mut egui::Ui, shell: &Shell<'_>, cmds: &mut Vec<Command>) {
    if let Some(fraction) = shell.windows.figure_export.progress {
        ui.add(super::progress_bar(fraction).text(fill(
            "common.top.exporting",
            &[&format!("{:.0}", fraction * 100.0)],
        )));
        return;
    }
    if ui
        .button(tr("common.top.export_figure"))
        .on_hover_text(tr("common.top.export_figure.tip"))
        .clicked()
    {
        cmds.push(Command::SetFigureExport(Some(ExportSettings::for_format(
            Format::Png,
        ))));
    }
    if shell.lab.animates()
        && ui
            .button(tr("common.top.export_animation"))
            .on_hover_text(tr("common.top.export_animation.tip"))
            .clicked()
    {
        cmds.push(Command::ExportFigure(ExportSettings::for_format(
            Format::Gif,
        )));
    }
}

/// The "Export figure…" window: format, size, and for a GIF (landscape labs) its frame
/// rate and length.
fn figure_export_window_ui(ctx: &egui::Context, shell: &Shell<'_>, cmds: &mut Vec<Command>) {
    let Some(settings) = shell.windows.figure_export.dialog else {
        return;
    };
    let mut edited = settings;
    let mut open = true;
    egui::Window::new(tr("common.export.title"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label(tr("common.export.format"));
                for format in Format::ALL {
                    if format == Format::Gif && !shell.lab.animates() {
                        continue;
                    }
                    let name = format.extension().to_uppercase();
                    if ui.selectable_label(edited.format == format, name).clicked()
                        && edited.format != format
                    {
                        edited = ExportSettings::for_format(format);
                    }
                }
            });
            ui.horizontal(|ui| {
                ui.label(tr("common.export.size"));
                let sides = crate::render::MIN_SIDE..=crate::render::MAX_SIDE;
                ui.add(
                    egui::DragValue::new(&mut edited.width)
                        .range(sides.clone())
                        .suffix(" px"),
                );
                ui.label("×");
                ui.add(
                    egui::DragValue::new(&mut edited.height)
                        .range(sides)
                        .suffix(" px"),
                );
            });
            if edited.format == Format::Gif {
                ui.horizontal(|ui| {
                    ui.label(tr("common.export.fps"));
                    ui.add(egui::DragValue::new(&mut edited.fps).range(1..=50));
                    ui.label(tr("common.export.seconds"));
                    ui.add(
                        egui::DragValue::new(&mut edited.seconds)
                            .range(0.5..=crate::render::Animation::MAX_SECONDS)
                            .speed(0.1),
                    );
                });
            }
            ui.horizontal(|ui| {
                if ui
                    .button(tr("common.export.export"))
                    .on_hover_text(tr("common.export.export.tip"))
                    .clicked()
                {
                    cmds.push(Command::ExportFigure(edited));
                }
                if ui.button(tr("common.cancel")).clicked() {
                    cmds.push(Command::SetFigureExport(None));
                }
            });
        });
    if !open {
        cmds.push(Command::SetFigureExport(None));
    } else if edited != settings {
        cmds.push(Command::SetFigureExport(Some(edited)));
    }
}

/// The help window, the file-path window and the export window, when open.
pub fn windows_ui(ctx: &egui::Context, shell: &Shell<'_>, cmds: &mut Vec<Command>) {
    figure_export_window_ui(ctx, shell, cmds);
    if shell.windows.help_open {
        let mut open = true;
        egui::Window::new(tr("common.help.title"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                let lines = shell.lab.help();
                for &key in lines {
                    ui.label(tr(key));
                }
                ui.separator();
                super::shortcuts_grid(ui);
            });
        if !open {
            cmds.push(Command::SetHelpOpen(false));
        }
    }
    if let Some(dialog) = &shell.windows.file_dialog {
        let (title, action, tip) = match dialog.kind {
            DialogKind::Open => (
                tr("preset.file.open_title"),
                tr("preset.file.open"),
                tr("preset.file.open.tip"),
            ),
            DialogKind::Save => (
                tr("preset.file.save_title"),
                tr("preset.file.save"),
                tr("preset.file.save.tip"),
            ),
            DialogKind::OpenData => (
                tr("net.open_data_title"),
                tr("net.open_data.load"),
                tr("net.open_data.load.tip"),
            ),
        };
        let mut open = true;
        egui::Window::new(title)
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                let mut path = dialog.path.clone();
                ui.horizontal(|ui| {
                    ui.label(tr("preset.file.path"));
                    let response =
                        ui.add(egui::TextEdit::singleline(&mut path).desired_width(360.0));
                    if response.changed() {
                        cmds.push(Command::SetDialogPath(path.clone()));
                    }
                    let enter =
                        response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if ui.button(action).on_hover_text(tip).clicked() || enter {
                        cmds.push(match dialog.kind {
                            DialogKind::Open => Command::OpenFile(path.clone()),
                            DialogKind::Save => Command::SavePreset(path.clone()),
                            DialogKind::OpenData => Command::OpenData(path.clone()),
                        });
                    }
                    if ui.button(tr("common.cancel")).clicked() {
                        cmds.push(Command::CloseDialog);
                    }
                });
                if let Some(hint) = dialog.hint {
                    ui.label(egui::RichText::new(tr(hint)).color(ui.visuals().weak_text_color()));
                }
            });
        if !open {
            cmds.push(Command::CloseDialog);
        }
    }
}
