//! The panels of every lab, one file each, plus the shared look: text sizes readable at a
//! projector, the bundled Hangul font, the theme, and the Okabe–Ito run palette; and what
//! every lab shares: the Explain panel, the side panels that H hides, the ? overlay of
//! keyboard shortcuts. Every visible string comes from [`crate::i18n`].
//!
//! Panels read [`Session`] and [`ViewState`] and push [`Command`]s; they never change state,
//! spawn work or touch files (STYLE.md, "App state, panels, jobs").

use egui::{Color32, FontId, TextStyle};

use crate::app::biasvar::BiasVarSession;
use crate::app::command::Command;
use crate::app::network::NetworkSession;
use crate::app::sharpflat::SharpFlatSession;
use crate::app::state::{Lab, Session, ViewState};
use crate::i18n::tr;

pub mod biasvar_controls;
pub mod biasvar_view;
pub mod controls;
pub mod heatmap;
pub mod landscape_view;
pub mod loss_plot;
pub mod network_controls;
pub mod network_view;
pub mod playback;
pub mod sharpflat_controls;
pub mod sharpflat_view;
pub mod status_bar;
pub mod surface3d;
pub mod top_bar;

/// Okabe–Ito, the colour-blind-safe palette of runs (in run order); the RGB values live in
/// [`crate::render::palette::OKABE_ITO_RGB`], shared with the exported figures.
pub const OKABE_ITO: [Color32; 8] = {
    let rgb = crate::render::palette::OKABE_ITO_RGB;
    let mut out = [Color32::BLACK; 8];
    let mut i = 0;
    while i < 8 {
        out[i] = Color32::from_rgb(rgb[i][0], rgb[i][1], rgb[i][2]);
        i += 1;
    }
    out
};

/// The colour of run `i`: Okabe–Ito in order; the eighth (black) becomes light grey on a
/// dark theme; after eight the palette repeats ([`crate::render::palette::run_rgb`]).
#[must_use]
pub fn run_color(i: usize, dark_theme: bool) -> Color32 {
    let [r, g, b] = crate::render::palette::run_rgb(i, dark_theme);
    Color32::from_rgb(r, g, b)
}

/// A slider that never changes a value by itself: a value outside `range` (from a preset)
/// stays as it is until the user moves the slider (egui's default clamps it on display, which
/// would count as an edit and restart the jobs every frame).
pub fn slider<'a, N: egui::emath::Numeric>(
    value: &'a mut N,
    range: std::ops::RangeInclusive<N>,
) -> egui::Slider<'a> {
    egui::Slider::new(value, range).clamping(egui::SliderClamping::Edits)
}

/// The hovered series' name followed by a newline (empty away from any series) and the
/// pointer's plot position: the start of every hover label.
#[must_use]
pub(crate) fn hovered(hover: &egui_plot::HoverPosition<'_>) -> (String, egui_plot::PlotPoint) {
    match hover {
        egui_plot::HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => (format!("{plot_name}\n"), *position),
        egui_plot::HoverPosition::Elsewhere { position } => (String::new(), *position),
    }
}

/// A plot that stays put: no zoom, drag, scroll, box zoom or double-click reset (the labs
/// set its bounds every frame).
#[must_use]
pub(crate) fn still_plot(id: &str) -> egui_plot::Plot<'_> {
    egui_plot::Plot::new(id)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
}

/// The top of a lab's control panel: the preset's title and description, in the current
/// language for a built-in preset (`preset_name`), as written otherwise.
pub(crate) fn preset_header_ui(
    ui: &mut egui::Ui,
    preset_name: &str,
    title: &str,
    description: &str,
) {
    ui.add_space(4.0);
    ui.label(
        egui::RichText::new(printable(crate::i18n::preset_title(preset_name, title))).heading(),
    );
    if !description.is_empty() {
        ui.label(printable(crate::i18n::preset_description(
            preset_name,
            description,
        )));
    }
}

/// Text for display with the app's fonts: characters they lack are replaced by close
/// equivalents (the norm bars U+2016 become `|`, the arrow U+2192 becomes `->`), so nothing
/// shows as a box.
#[must_use]
pub fn printable(text: &str) -> String {
    text.replace('\u{2016}', "|").replace('\u{2192}', "->")
}

/// An axis tick label: 3 significant digits without trailing zeros (shared with the
/// exported figures).
pub use crate::render::tick_label;

/// Nanum Gothic (SIL Open Font License 1.1, NAVER; `assets/fonts/`, licence beside it), the
/// Hangul fallback of every font family: Korean renders the same on every machine, whatever
/// fonts it has installed.
const HANGUL_FONT: &[u8] = include_bytes!("../../assets/fonts/NanumGothic.ttf");

/// Adds [`HANGUL_FONT`] after egui's own fonts in both families (Latin text keeps egui's
/// look; Hangul comes from Nanum Gothic).
fn add_hangul_font(ctx: &egui::Context) {
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "NanumGothic",
        egui::FontData::from_static(HANGUL_FONT),
        [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
            .into_iter()
            .map(|family| egui::epaint::text::InsertFontFamily {
                family,
                priority: egui::epaint::text::FontPriority::Lowest,
            })
            .collect(),
    ));
}

/// Text sizes for a projector at 1280×720 (body ≈ 16 px) and a little more spacing; the
/// Hangul font.
pub fn setup_style(ctx: &egui::Context) {
    add_hangul_font(ctx);
    ctx.all_styles_mut(|style| {
        let sizes = [
            (TextStyle::Small, FontId::proportional(13.0)),
            (TextStyle::Body, FontId::proportional(16.0)),
            (TextStyle::Button, FontId::proportional(16.0)),
            (TextStyle::Heading, FontId::proportional(22.0)),
            (TextStyle::Monospace, FontId::monospace(15.0)),
        ];
        for (style_name, font) in sizes {
            style.text_styles.insert(style_name, font);
        }
        style.spacing.slider_width = 170.0;
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.interact_size.y = 24.0;
    });
}

/// Switches between the dark and the light theme.
pub fn apply_theme(ctx: &egui::Context, dark: bool) {
    ctx.set_theme(if dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
}

/// What the panels read: every lab's session.
#[derive(Clone, Copy)]
pub struct Labs<'a> {
    /// The Playground's.
    pub session: &'a Session,
    /// The Bias–Variance lab's.
    pub bias_variance: &'a BiasVarSession,
    /// The Network lab's.
    pub network: &'a NetworkSession,
    /// The Sharp vs Flat lab's.
    pub sharp_flat: &'a SharpFlatSession,
}

/// The Playground's panels. They keep only geometry from the last frame (no experiment
/// state): where the landscape plot is on screen.
#[derive(Debug, Default)]
pub struct Panels {
    /// Plot-to-screen transform of the landscape, as last drawn.
    pub landscape: Option<egui_plot::PlotTransform>,
}

impl Panels {
    /// Draws the whole window: top bar, status bar, and the current lab: for the Playground
    /// the controls and the landscape with the loss plot and the playback bar; for the
    /// Network lab its controls and its four plots; for the Sharp vs Flat lab its controls
    /// and its two views; for the Bias–Variance lab its controls and its two plots.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        labs: &Labs<'_>,
        view: &ViewState,
        cmds: &mut Vec<Command>,
    ) {
        let Labs {
            session,
            bias_variance: bv,
            network: net,
            sharp_flat: sf,
        } = *labs;
        egui::Panel::top("top_bar").show(ui, |ui| {
            top_bar::top_bar_ui(ui, session, bv, net, sf, view, cmds)
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar::status_bar_ui(ui, session, bv, net, sf, view, cmds)
        });
        if view.explain_open {
            egui::Panel::right("explain")
                .default_size(300.0)
                .size_range(240.0..=480.0)
                .resizable(true)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().show(ui, |ui| explain_ui(ui, view.lab, cmds));
                });
        }
        shortcuts_overlay_ui(ui.ctx(), view, cmds);
        let show_controls = !view.panels_hidden;
        if view.lab == Lab::SharpFlat {
            if show_controls {
                controls_panel(ui, "sharp_flat_controls", |ui| {
                    sharpflat_controls::sharp_flat_controls_ui(ui, sf, cmds)
                });
            }
            egui::CentralPanel::default()
                .show(ui, |ui| sharpflat_view::sharp_flat_ui(ui, sf, view, cmds));
            sharpflat_controls::confirm_window(ui.ctx(), sf, cmds);
            top_bar::windows_ui(ui.ctx(), view, cmds);
            return;
        }
        if view.lab == Lab::Network {
            if show_controls {
                controls_panel(ui, "network_controls", |ui| {
                    network_controls::network_controls_ui(ui, net, view, cmds)
                });
            }
            egui::CentralPanel::default()
                .show(ui, |ui| network_view::network_ui(ui, net, view, cmds));
            top_bar::windows_ui(ui.ctx(), view, cmds);
            return;
        }
        if view.lab == Lab::BiasVariance {
            if show_controls {
                controls_panel(ui, "biasvar_controls", |ui| {
                    biasvar_controls::biasvar_controls_ui(ui, bv, cmds)
                });
            }
            egui::CentralPanel::default()
                .show(ui, |ui| biasvar_view::biasvar_ui(ui, bv, view, cmds));
            top_bar::windows_ui(ui.ctx(), view, cmds);
            return;
        }
        if show_controls {
            controls_panel(ui, "controls", |ui| {
                controls::controls_ui(ui, session, view, cmds)
            });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            let playback_view = playback::PlaybackView {
                last_step: session
                    .trained
                    .as_ref()
                    .map_or(session.experiment.training.steps, |t| t.last_step),
                cursor_step: view.cursor_step,
                playing: view.playing,
                speed_steps_per_sec: view.speed_steps_per_sec,
            };
            egui::Panel::bottom("playback")
                .show(ui, |ui| playback::playback_ui(ui, playback_view, cmds));
            let loss_width = (ui.available_width() * 0.36).clamp(260.0, 560.0);
            // At most half of the figures' width, whatever width was remembered (a larger
            // UI scale or the Explain panel shrinks the room): the landscape stays the largest.
            let loss_max = (ui.available_width() * 0.5).max(200.0);
            egui::Panel::right("loss_plot")
                .default_size(loss_width.min(loss_max))
                .size_range(200.0..=loss_max)
                .resizable(true)
                .show(ui, |ui| loss_plot::loss_plot_ui(ui, session, view));
            egui::CentralPanel::default().show(ui, |ui| {
                self.landscape = landscape_view::landscape_ui(ui, session, view, cmds);
            });
        });
        top_bar::windows_ui(ui.ctx(), view, cmds);
    }
}

/// A lab's controls: the resizable, scrolling left panel.
fn controls_panel(ui: &mut egui::Ui, id: &'static str, add: impl FnOnce(&mut egui::Ui)) {
    egui::Panel::left(id)
        .default_size(350.0)
        .size_range(280.0..=520.0)
        .resizable(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, add);
        });
}

/// The Explain panel: what the lab shows and what to try, in the current language.
fn explain_ui(ui: &mut egui::Ui, lab: Lab, cmds: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        ui.heading(tr("common.explain.title"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .small_button("×")
                .on_hover_text(tr("common.keys.close"))
                .clicked()
            {
                cmds.push(Command::SetExplainOpen(false));
            }
        });
    });
    ui.label(egui::RichText::new(lab.title()).strong());
    let (what, try_this) = lab.explanation();
    ui.label(what);
    ui.add_space(8.0);
    ui.label(egui::RichText::new(tr("common.explain.try")).strong());
    ui.label(try_this);
}

/// Every keyboard shortcut, as (keys, what it does).
#[must_use]
pub fn shortcuts() -> Vec<(&'static str, &'static str)> {
    vec![
        (tr("common.keys.key_space"), tr("common.keys.play")),
        (tr("common.keys.key_right"), tr("common.keys.step")),
        (tr("common.keys.key_reset"), tr("common.keys.reset")),
        (
            tr("common.keys.key_screenshot"),
            tr("common.keys.screenshot"),
        ),
        ("1 2 3 4", tr("common.keys.labs")),
        ("Ctrl + / Ctrl − / Ctrl 0", tr("common.keys.zoom")),
        ("F11", tr("common.keys.fullscreen")),
        ("H", tr("common.keys.hide")),
        ("C", tr("common.keys.contrast")),
        ("E", tr("common.keys.explain")),
        ("?", tr("common.keys.overlay")),
    ]
}

/// The table of shortcuts (the ? overlay and the help window).
pub fn shortcuts_grid(ui: &mut egui::Ui) {
    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
        for (key, what) in shortcuts() {
            ui.label(egui::RichText::new(key).monospace().strong());
            ui.label(what);
            ui.end_row();
        }
    });
}

/// The ? overlay: every shortcut, in the middle of the window.
fn shortcuts_overlay_ui(ctx: &egui::Context, view: &ViewState, cmds: &mut Vec<Command>) {
    if !view.shortcuts_open {
        return;
    }
    let mut open = true;
    egui::Window::new(tr("common.keys.title"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            shortcuts_grid(ui);
            ui.separator();
            if ui.button(tr("common.keys.close")).clicked() {
                cmds.push(Command::SetShortcutsOpen(false));
            }
        });
    if !open {
        cmds.push(Command::SetShortcutsOpen(false));
    }
}
