//! The top bar: title and lab tabs, the Preset menu (every built-in with its description —
//! loading one switches to its lab —, open from a file, save), Screenshot, Export (the
//! trajectories or the bias–variance sweep), Export figure… / Export animation, theme and
//! help; plus the small windows it opens (help, the path field of "Open file…"/"Save
//! preset…", the export's format and size).

use std::sync::OnceLock;

use crate::app::biasvar::BiasVarSession;
use crate::app::command::Command;
use crate::app::figure_export::ExportSettings;
use crate::app::network::NetworkSession;
use crate::app::sharpflat::SharpFlatSession;
use crate::app::state::{DialogKind, Lab, Session, ViewState};
use crate::preset;
use crate::render::Format;

/// `(name, description or load error)` of every built-in preset, parsed once.
fn builtin_descriptions() -> &'static [(&'static str, String)] {
    static CACHE: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    CACHE.get_or_init(|| {
        preset::all_builtins()
            .map(|b| {
                let text = match preset::parse_all(b.text, b.name, &[]) {
                    Ok(e) => super::printable(e.description()),
                    Err(err) => format!("(does not load: {err})"),
                };
                (b.name, text)
            })
            .collect()
    })
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
                .on_hover_text(lab.tooltip())
                .clicked()
                && !selected
            {
                cmds.push(Command::SetLab(lab));
            }
        }
        ui.separator();
        ui.menu_button("Preset", |ui| {
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
                        egui::RichText::new(format!("{} lab", lab.title()))
                            .color(ui.visuals().weak_text_color()),
                    );
                }
                if ui
                    .button(*name)
                    .on_hover_text(description.as_str())
                    .clicked()
                {
                    cmds.push(Command::LoadBuiltin(name));
                    ui.close();
                }
            }
            if preset::all_builtins().next().is_none() {
                ui.label("(no built-in presets)");
            }
            ui.separator();
            if ui
                .button("Open file…")
                .on_hover_text("Load a preset TOML file from a path.")
                .clicked()
            {
                cmds.push(Command::OpenDialog(DialogKind::Open));
                ui.close();
            }
            if ui
                .button("Save preset…")
                .on_hover_text("Write the current settings as a preset TOML file.")
                .clicked()
            {
                cmds.push(Command::OpenDialog(DialogKind::Save));
                ui.close();
            }
        })
        .response
        .on_hover_text("Load a ready-made experiment, open one from a file, or save this one.");
        let preset_name = match view.lab {
            Lab::Playground => &session.preset_name,
            Lab::BiasVariance => &bv.preset_name,
            Lab::Network => &net.preset_name,
            Lab::SharpFlat => &sf.preset_name,
        };
        ui.label(egui::RichText::new(preset_name).color(ui.visuals().weak_text_color()));
        ui.separator();
        if ui
            .button("Screenshot")
            .on_hover_text("Save the window as a PNG in the screenshots folder (F12).")
            .clicked()
        {
            cmds.push(Command::Screenshot);
        }
        figure_export_buttons_ui(ui, view, cmds);
        match view.lab {
            Lab::Playground | Lab::Network => {
                if ui
                    .button("Export trajectories")
                    .on_hover_text(
                        "Write every run's path and losses as CSV (run,optimizer,step,loss,test_loss,x,y) into exports/.",
                    )
                    .clicked()
                {
                    cmds.push(Command::ExportTrajectories);
                }
            }
            Lab::SharpFlat => {
                if ui
                    .add_enabled(sf.sweep.is_some(), egui::Button::new("Export sweep"))
                    .on_hover_text(
                        "Write the sweep on screen as CSV (the columns of `basin sweep`) into exports/.",
                    )
                    .on_disabled_hover_text("Run a sweep first (Sweep settings, on the left).")
                    .clicked()
                {
                    cmds.push(Command::ExportSweep);
                }
            }
            Lab::BiasVariance => {
                if ui
                    .button("Export CSV")
                    .on_hover_text(
                        "Write bias², variance, noise and the errors at every complexity as CSV into exports/.",
                    )
                    .clicked()
                {
                    cmds.push(Command::ExportBiasVariance);
                }
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Help")
                .on_hover_text("Keyboard shortcuts and what basin is.")
                .clicked()
            {
                cmds.push(Command::SetHelpOpen(!view.help_open));
            }
            let (label, tip) = if view.dark_theme {
                ("Light theme", "Switch to dark text on a light background (for projectors in bright rooms).")
            } else {
                ("Dark theme", "Switch to light text on a dark background.")
            };
            if ui.button(label).on_hover_text(tip).clicked() {
                cmds.push(Command::SetDarkTheme(!view.dark_theme));
            }
        });
    });
}

/// "Export figure…" and "Export animation" (a progress bar instead while one runs).
fn figure_export_buttons_ui(ui: &mut egui::Ui, view: &ViewState, cmds: &mut Vec<Command>) {
    if let Some(fraction) = view.figure_export.progress {
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(140.0)
                .show_percentage()
                .text(format!("exporting {:.0} %", fraction * 100.0)),
        );
        return;
    }
    if ui
        .button("Export figure…")
        .on_hover_text("Draw this lab's figure as PNG, SVG or an animated GIF, at a size you choose, into exports/.")
        .clicked()
    {
        cmds.push(Command::SetFigureExport(Some(ExportSettings::for_format(
            Format::Png,
        ))));
    }
    if view.lab != Lab::BiasVariance
        && ui
            .button("Export animation")
            .on_hover_text(
                "Write the race as an animated GIF (960×600, 5 s at 30 fps) into exports/.",
            )
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
    egui::Window::new("Export figure")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label("Format");
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
                ui.label("Size");
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
                    ui.label("Frames per second");
                    ui.add(egui::DragValue::new(&mut edited.fps).range(1..=50));
                    ui.label("Seconds");
                    ui.add(
                        egui::DragValue::new(&mut edited.seconds)
                            .range(0.5..=crate::render::Animation::MAX_SECONDS)
                            .speed(0.1),
                    );
                });
            }
            ui.horizontal(|ui| {
                if ui
                    .button("Export")
                    .on_hover_text("Write the file into exports/ (in the background).")
                    .clicked()
                {
                    cmds.push(Command::ExportFigure(edited));
                }
                if ui.button("Cancel").clicked() {
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
        egui::Window::new("Help")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                match view.lab {
                    Lab::Playground => {
                        ui.label("basin shows how optimizers move on a loss surface.");
                        ui.label("Each coloured path is one optimizer; all start from the ring.");
                        ui.label(
                            "Click the surface to move the start point; hover it to read the loss.",
                        );
                    }
                    Lab::BiasVariance => {
                        ui.label("Many training sets, one model fitted to each.");
                        ui.label(
                            "Top: the faint beam of fits, their mean, the truth and one sample.",
                        );
                        ui.label(
                            "Bottom: bias² + variance + noise = test error, against complexity.",
                        );
                        ui.label("Move Complexity to see the fits; New sample redraws the data.");
                    }
                    Lab::SharpFlat => {
                        ui.label("Two runs from one start: a small and a large batch.");
                        ui.label(
                            "The table: the small batch's minimum is flatter (smaller λ_max and \
                             ε-sharpness) and its test loss lower.",
                        );
                        ui.label(
                            "Plots: both paths on one plane, the loss between the two solutions, \
                             slices around each, and λ_max during training with the 2/η line.",
                        );
                        ui.label("Sweep: batch sizes × learning rates × seeds, with progress and Cancel.");
                    }
                    Lab::Network => {
                        ui.label("A small neural network learns the points on the left.");
                        ui.label(
                            "Right: its loss on a plane through weight space, with each run's \
                             path projected onto it.",
                        );
                        ui.label(
                            "Below: train and test loss (the gap between them), and how far the \
                             path is from the plane.",
                        );
                        ui.label(
                            "Try: 0 hidden layers on circles (under-fitting); width 256 on 30 \
                             noisy points (over-fitting).",
                        );
                    }
                }
                ui.separator();
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for (key, what) in [
                        ("Space", "play / pause"),
                        ("Right arrow", "one step forward"),
                        ("R or Home", "back to step 0"),
                        ("F12", "screenshot"),
                    ] {
                        ui.label(egui::RichText::new(key).monospace());
                        ui.label(what);
                        ui.end_row();
                    }
                });
            });
        if !open {
            cmds.push(Command::SetHelpOpen(false));
        }
    }
    if let Some(dialog) = &view.file_dialog {
        let (title, action, tip) = match dialog.kind {
            DialogKind::Open => ("Open preset", "Open", "Load this preset file."),
            DialogKind::Save => ("Save preset", "Save", "Write the current experiment here."),
        };
        let mut open = true;
        egui::Window::new(title)
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                let mut path = dialog.path.clone();
                ui.horizontal(|ui| {
                    ui.label("Path");
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
                    if ui.button("Cancel").clicked() {
                        cmds.push(Command::CloseDialog);
                    }
                });
            });
        if !open {
            cmds.push(Command::CloseDialog);
        }
    }
}
