//! The top bar, two rows. First: title and lab tabs; at the right the language switch
//! (English | 한국어), Explain, the View menu (theme, high contrast, side panels, UI scale,
//! full screen, shortcuts) and Help. Second: the Preset menu (every built-in with its
//! description in the current language — loading one switches to its lab —, open from a
//! file, save, recent files), Screenshot, Export (the trajectories or the bias–variance
//! sweep), Export figure… / Export animation. Plus the small windows it opens (help with the
//! shortcuts, the path field of "Open file…"/"Save preset…", the export's format and size).

use std::sync::OnceLock;

use crate::app::biasvar::BiasVarSession;
use crate::app::command::Command;
use crate::app::network::NetworkSession;
use crate::app::sharpflat::SharpFlatSession;
use crate::app::state::ExportSettings;
use crate::app::state::{DialogKind, Lab, Session, ViewState};
use crate::i18n::{Lang, fill, tr};
use crate::preset;
use crate::render::Format;

/// `(name, English description or load error)` of every built-in preset, parsed once.
fn builtin_descriptions() -> &'static [(&'static str, Result<String, String>)] {
    type Descriptions = Vec<(&'static str, Result<String, String>)>;
    static CACHE: OnceLock<Descriptions> = OnceLock::new();
    CACHE.get_or_init(|| {
        preset::all_builtins()
            .map(|b| {
                let text = preset::parse(b.text, b.name, &[])
                    .map(|e| super::printable(e.description()))
                    .map_err(|err| err.to_string());
                (b.name, text)
            })
            .collect()
    })
}

/// The description of a built-in preset in the current language (or why it does not load).
fn builtin_description(name: &str, english: &Result<String, String>) -> String {
    match english {
        Ok(text) => crate::i18n::preset_description(name, text).to_string(),
        Err(err) => fill("top.does_not_load", &[err]),
    }
}

/// Draws the top bar.
pub fn top_bar_ui(
    ui: &mut egui::Ui,
    session: &Session,
    bv: &BiasVarSession,
    net: &NetworkSession,
    sf: &SharpFlatSession,
    view: &ViewState,
    cmds: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.heading("basin");
        ui.separator();
        for lab in Lab::ALL {
            let selected = view.lab == lab;
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
            right_group_ui(ui, view, cmds);
        });
    });
    // The second row: the experiment (presets) and what can be saved from it.
    ui.horizontal_wrapped(|ui| {
        ui.menu_button(tr("top.preset"), |ui| {
            let first_regression = preset::REGRESSION_BUILTINS.first().map(|b| b.name);
            let first_network = preset::NETWORK_BUILTINS.first().map(|b| b.name);
            for (name, description) in builtin_descriptions() {
                let heading = if Some(*name) == first_regression {
                    Some(Lab::BiasVariance)
                } else if Some(*name) == first_network {
                    Some(Lab::Network)
                } else {
                    None
                };
                if let Some(lab) = heading {
                    ui.separator();
                    ui.label(
                        egui::RichText::new(fill("lab.heading", &[&lab.title()]))
                            .color(ui.visuals().weak_text_color()),
                    );
                }
                if ui
                    .button(*name)
                    .on_hover_text(builtin_description(name, description))
                    .clicked()
                {
                    cmds.push(Command::LoadBuiltin(name));
                    ui.close();
                }
            }
            if preset::all_builtins().next().is_none() {
                ui.label(tr("top.no_builtins"));
            }
            ui.separator();
            if ui
                .button(tr("top.open_file"))
                .on_hover_text(tr("top.open_file.tip"))
                .clicked()
            {
                cmds.push(Command::OpenDialog(DialogKind::Open));
                ui.close();
            }
            if ui
                .button(tr("top.save_preset"))
                .on_hover_text(tr("top.save_preset.tip"))
                .clicked()
            {
                cmds.push(Command::OpenDialog(DialogKind::Save));
                ui.close();
            }
            ui.menu_button(tr("top.recent"), |ui| {
                if view.recent_files.is_empty() {
                    ui.label(tr("top.no_recent"));
                }
                for path in &view.recent_files {
                    if ui.button(path.as_str()).clicked() {
                        cmds.push(Command::OpenFile(path.clone()));
                        ui.close();
                    }
                }
            });
        })
        .response
        .on_hover_text(tr("top.preset.tip"));
        let preset_name = match view.lab {
            Lab::Playground => &session.preset_name,
            Lab::BiasVariance => &bv.preset_name,
            Lab::Network => &net.preset_name,
            Lab::SharpFlat => &sf.preset_name,
        };
        ui.label(egui::RichText::new(preset_name).color(ui.visuals().weak_text_color()));
        ui.separator();
        if ui
            .button(tr("top.screenshot"))
            .on_hover_text(tr("top.screenshot.tip"))
            .clicked()
        {
            cmds.push(Command::Screenshot);
        }
        figure_export_buttons_ui(ui, view, cmds);
        match view.lab {
            Lab::Playground | Lab::Network => {
                if ui
                    .button(tr("top.export_trajectories"))
                    .on_hover_text(tr("top.export_trajectories.tip"))
                    .clicked()
                {
                    cmds.push(Command::ExportTrajectories);
                }
            }
            Lab::SharpFlat => {
                if ui
                    .add_enabled(
                        sf.sweep.is_some(),
                        egui::Button::new(tr("top.export_sweep")),
                    )
                    .on_hover_text(tr("top.export_sweep.tip"))
                    .on_disabled_hover_text(tr("top.export_sweep.disabled"))
                    .clicked()
                {
                    cmds.push(Command::ExportSweep);
                }
            }
            Lab::BiasVariance => {
                if ui
                    .button(tr("top.export_csv"))
                    .on_hover_text(tr("top.export_csv.tip"))
                    .clicked()
                {
                    cmds.push(Command::ExportBiasVariance);
                }
            }
        }
    });
}

/// Help, View, Explain and the languages, added right to left (the layout runs that way).
fn right_group_ui(ui: &mut egui::Ui, view: &ViewState, cmds: &mut Vec<Command>) {
    if ui
        .button(tr("top.help"))
        .on_hover_text(tr("top.help.tip"))
        .clicked()
    {
        cmds.push(Command::SetHelpOpen(!view.help_open));
    }
    view_menu_ui(ui, view, cmds);
    if ui
        .selectable_label(view.explain_open, tr("top.explain"))
        .on_hover_text(tr("top.explain.tip"))
        .clicked()
    {
        cmds.push(Command::SetExplainOpen(!view.explain_open));
    }
    ui.separator();
    language_switch_ui(ui, view, cmds);
}

/// The language switch: both languages, each in its own name (added right to left).
fn language_switch_ui(ui: &mut egui::Ui, view: &ViewState, cmds: &mut Vec<Command>) {
    for lang in Lang::ALL.into_iter().rev() {
        if ui
            .selectable_label(view.lang == lang, lang.native_name())
            .on_hover_text(tr("top.language"))
            .clicked()
            && view.lang != lang
        {
            cmds.push(Command::SetLang(lang));
        }
    }
}

/// The View menu: theme, high contrast, side panels, UI scale, full screen, shortcuts.
fn view_menu_ui(ui: &mut egui::Ui, view: &ViewState, cmds: &mut Vec<Command>) {
    ui.menu_button(tr("top.view"), |ui| {
        let (label, tip) = if view.dark_theme {
            (tr("top.light_theme"), tr("top.light_theme.tip"))
        } else {
            (tr("top.dark_theme"), tr("top.dark_theme.tip"))
        };
        if ui.button(label).on_hover_text(tip).clicked() {
            cmds.push(Command::SetDarkTheme(!view.dark_theme));
        }
        let mut contrast = view.high_contrast;
        if ui
            .checkbox(&mut contrast, tr("top.high_contrast"))
            .on_hover_text(tr("top.high_contrast.tip"))
            .changed()
        {
            cmds.push(Command::SetHighContrast(contrast));
        }
        let mut hidden = view.panels_hidden;
        if ui
            .checkbox(&mut hidden, tr("top.hide_panels"))
            .on_hover_text(tr("top.hide_panels.tip"))
            .changed()
        {
            cmds.push(Command::SetPanelsHidden(hidden));
        }
        ui.separator();
        let zoom = ui.ctx().zoom_factor();
        ui.label(fill("top.zoom", &[&format!("{:.0}", zoom * 100.0)]));
        ui.horizontal(|ui| {
            if ui
                .button(tr("top.zoom_in"))
                .on_hover_text("Ctrl +")
                .clicked()
            {
                cmds.push(Command::SetZoom(zoom + 0.1));
            }
            if ui
                .button(tr("top.zoom_out"))
                .on_hover_text("Ctrl −")
                .clicked()
            {
                cmds.push(Command::SetZoom(zoom - 0.1));
            }
            if ui
                .button(tr("top.zoom_reset"))
                .on_hover_text("Ctrl 0")
                .clicked()
            {
                cmds.push(Command::SetZoom(1.0));
            }
        });
        if ui
            .button(tr("top.fullscreen"))
            .on_hover_text(tr("top.fullscreen.tip"))
            .clicked()
        {
            cmds.push(Command::ToggleFullscreen);
        }
        ui.separator();
        if ui.button(tr("top.shortcuts")).on_hover_text("?").clicked() {
            cmds.push(Command::SetShortcutsOpen(true));
            ui.close();
        }
    })
    .response
    .on_hover_text(tr("top.view.tip"));
}

/// "Export figure…" and "Export animation" (a progress bar instead while one runs).
fn figure_export_buttons_ui(ui: &mut egui::Ui, view: &ViewState, cmds: &mut Vec<Command>) {
    if let Some(fraction) = view.figure_export.progress {
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(140.0)
                .show_percentage()
                .text(fill(
                    "top.exporting",
                    &[&format!("{:.0}", fraction * 100.0)],
                )),
        );
        return;
    }
    if ui
        .button(tr("top.export_figure"))
        .on_hover_text(tr("top.export_figure.tip"))
        .clicked()
    {
        cmds.push(Command::SetFigureExport(Some(ExportSettings::for_format(
            Format::Png,
        ))));
    }
    if view.lab != Lab::BiasVariance
        && ui
            .button(tr("top.export_animation"))
            .on_hover_text(tr("top.export_animation.tip"))
            .clicked()
    {
        cmds.push(Command::ExportFigure(ExportSettings::for_format(
            Format::Gif,
        )));
    }
}

/// The "Export figure…" window: format, size, and for a GIF (landscape labs) its frame
/// rate and length.
fn figure_export_window_ui(ctx: &egui::Context, view: &ViewState, cmds: &mut Vec<Command>) {
    let Some(settings) = view.figure_export.dialog else {
        return;
    };
    let mut edited = settings;
    let mut open = true;
    egui::Window::new(tr("export.title"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label(tr("export.format"));
                for format in Format::ALL {
                    if format == Format::Gif && view.lab == Lab::BiasVariance {
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
                ui.label(tr("export.size"));
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
                    ui.label(tr("export.fps"));
                    ui.add(egui::DragValue::new(&mut edited.fps).range(1..=50));
                    ui.label(tr("export.seconds"));
                    ui.add(
                        egui::DragValue::new(&mut edited.seconds)
                            .range(0.5..=crate::render::Animation::MAX_SECONDS)
                            .speed(0.1),
                    );
                });
            }
            ui.horizontal(|ui| {
                if ui
                    .button(tr("export.export"))
                    .on_hover_text(tr("export.export.tip"))
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
pub fn windows_ui(ctx: &egui::Context, view: &ViewState, cmds: &mut Vec<Command>) {
    figure_export_window_ui(ctx, view, cmds);
    if view.help_open {
        let mut open = true;
        egui::Window::new(tr("help.title"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                let lines: &[&'static str] = match view.lab {
                    Lab::Playground => &[
                        "help.playground.1",
                        "help.playground.2",
                        "help.playground.3",
                    ],
                    Lab::BiasVariance => &[
                        "help.biasvar.1",
                        "help.biasvar.2",
                        "help.biasvar.3",
                        "help.biasvar.4",
                    ],
                    Lab::SharpFlat => &[
                        "help.sharpflat.1",
                        "help.sharpflat.2",
                        "help.sharpflat.3",
                        "help.sharpflat.4",
                    ],
                    Lab::Network => &[
                        "help.network.1",
                        "help.network.2",
                        "help.network.3",
                        "help.network.4",
                    ],
                };
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
    if let Some(dialog) = &view.file_dialog {
        let (title, action, tip) = match dialog.kind {
            DialogKind::Open => (tr("file.open_title"), tr("file.open"), tr("file.open.tip")),
            DialogKind::Save => (tr("file.save_title"), tr("file.save"), tr("file.save.tip")),
        };
        let mut open = true;
        egui::Window::new(title)
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                let mut path = dialog.path.clone();
                ui.horizontal(|ui| {
                    ui.label(tr("file.path"));
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
                        });
                    }
                    if ui.button(tr("common.cancel")).clicked() {
                        cmds.push(Command::CloseDialog);
                    }
                });
            });
        if !open {
            cmds.push(Command::CloseDialog);
        }
    }
}
