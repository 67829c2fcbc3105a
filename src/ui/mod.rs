//! What every lab's panels share: the widgets (heatmap, landscape picture and colour bar,
//! loss axes, playback bar, run editor, 3-D view, pickers), the top bar and status line, and
//! the shared look: text sizes readable at a
//! projector, the bundled Hangul font, the theme, and the Okabe–Ito run palette; and what
//! every lab shares: the Explain panel, the side panels that H hides, the ? overlay of
//! keyboard shortcuts. Every visible string comes from [`crate::i18n`].
//!
//! The widgets here take plain data and push commands; they never name a lab, change state,
//! spawn work or touch files. Each lab's own panels live in its folder under
//! [`crate::app::labs`].

use egui::{Color32, FontId, TextStyle};

use crate::app::command::Command;
use crate::app::lab::Lab;
use crate::app::notices::Notices;
use crate::app::settings::Settings;
use crate::app::shell::Windows;
use crate::i18n::tr;
use crate::lab::LabKind;

pub mod heatmap;
pub mod landscape;
pub mod loss_plot;
pub mod playback;
pub mod run_editor;
pub mod status_bar;
pub mod surface3d;
pub mod top_bar;
pub mod widgets;

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

/// Grid marks for an accuracy axis (fractions shown as %): [`nice_marks`] with labels 24
/// points apart, but never a step above 100 %, so that a strip only 30 points high still
/// labels 0 and 100 %.
pub(crate) fn percent_marks() -> impl Fn(egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    marks(24.0, 1.0)
}

/// Grid marks for a linear axis at steps of 1, 2 or 5 times a power of ten, the smallest such step that
/// spans `label_px` points, so that even a small plot labels several ticks (egui_plot's
/// default steps by powers of ten: a plot 150 points high over 0–60 labels only 0). Marks at
/// a fifth of the step are faint grid lines.
pub(crate) fn nice_marks(
    label_px: f64,
) -> impl Fn(egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    marks(label_px, f64::INFINITY)
}

/// [`nice_marks`] with a step of at most `max_step`.
fn marks(
    label_px: f64,
    max_step: f64,
) -> impl Fn(egui_plot::GridInput) -> Vec<egui_plot::GridMark> {
    move |input: egui_plot::GridInput| {
        // `base_step_size` is the value of the plot's smallest grid spacing (8 points).
        let per_point = input.base_step_size / 8.0;
        let wanted = (per_point * label_px).max(f64::MIN_POSITIVE);
        let decade = libm::pow(10f64, libm::log10(wanted).floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|m| m * decade)
            .find(|&s| s >= wanted)
            .unwrap_or(10.0 * decade)
            .min(max_step);
        let minor = step / 5.0;
        let (lo, hi) = input.bounds;
        if !(lo.is_finite() && hi.is_finite()) || hi <= lo || (hi - lo) / minor > 10_000.0 {
            return Vec::new();
        }
        let first = (lo / minor).ceil() as i64;
        let last = (hi / minor).floor() as i64;
        (first..=last)
            .map(|i| {
                let value = i as f64 * minor;
                let step_size = if i % 5 == 0 { step } else { minor };
                egui_plot::GridMark { value, step_size }
            })
            .collect()
    }
}

/// The progress bar of the status line and the panels: a fraction done, as a percentage.
pub(crate) fn progress_bar(fraction: f32) -> egui::ProgressBar {
    egui::ProgressBar::new(fraction)
        .desired_width(140.0)
        .show_percentage()
}

/// A plot legend in `corner` of the plot, on a nearly opaque background so the lines behind
/// it do not show through its text, its entries in the order they were drawn (runs in run
/// order, batch sizes rising) rather than sorted by name.
pub(crate) fn legend(corner: egui_plot::Corner) -> egui_plot::Legend {
    egui_plot::Legend::default()
        .position(corner)
        .background_alpha(0.85)
        .follow_insertion_order(true)
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

/// Adds Nanum Gothic (SIL Open Font License 1.1, NAVER; `assets/fonts/`, licence beside it),
/// the figures' bytes ([`crate::render::font::hangul_font_bytes`]), after egui's own fonts in
/// both families as the Hangul fallback of every font family: Korean renders the same on every
/// machine, whatever fonts it has installed, and Latin text keeps egui's look. The desktop
/// adds it at start ([`setup_style`]); the web edition when the font has been fetched
/// ([`use_fonts_of`]).
pub fn add_hangul_font(ctx: &egui::Context, bytes: &'static [u8]) {
    add_fallback_font(ctx, "NanumGothic", bytes);
}

/// The three syllables of the language switch's "한국어", cut from Nanum Gothic (1.7 KB;
/// `tools/web/hangul-label.sh`): the web edition shows the switch before it has the whole
/// Hangul font.
#[cfg(target_arch = "wasm32")]
static HANGUL_LABEL_FONT: &[u8] = include_bytes!("../../assets/fonts/hangul-label.ttf");

/// Adds the font `bytes` after egui's own fonts in both families.
fn add_fallback_font(ctx: &egui::Context, name: &str, bytes: &'static [u8]) {
    ctx.add_font(egui::epaint::text::FontInsert::new(
        name,
        egui::FontData::from_static(bytes),
        [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
            .into_iter()
            .map(|family| egui::epaint::text::InsertFontFamily {
                family,
                priority: egui::epaint::text::FontPriority::Lowest,
            })
            .collect(),
    ));
}

/// Makes sure the window has the fonts `lang` needs. The desktop has them all from the start;
/// the web edition fetches the 4.7 MB Hangul font only when Korean is chosen (English users
/// never download it), and Hangul shows once it has arrived.
pub fn use_fonts_of(ctx: &egui::Context, lang: crate::i18n::Lang) {
    #[cfg(target_arch = "wasm32")]
    if lang == crate::i18n::Lang::Ko {
        crate::web::fetch_hangul_font(ctx);
    }
    let _ = (ctx, lang);
}

/// Text sizes for a projector at 1280×720 (body ≈ 16 px) and a little more spacing; the
/// Hangul font.
pub fn setup_style(ctx: &egui::Context) {
    #[cfg(not(target_arch = "wasm32"))]
    add_hangul_font(ctx, crate::render::font::hangul_font_bytes());
    #[cfg(target_arch = "wasm32")]
    add_fallback_font(ctx, "BasinHangulLabel", HANGUL_LABEL_FONT);
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

/// What the shell's bars and windows read: the lab on screen (through [`Lab`]), the
/// preferences, the shell's windows and the notices.
#[derive(Clone, Copy)]
pub struct Shell<'a> {
    /// Which lab is on screen.
    pub kind: LabKind,
    /// The lab on screen.
    pub lab: &'a dyn Lab,
    /// The preferences.
    pub prefs: &'a Settings,
    /// The shell's small windows.
    pub windows: &'a Windows,
    /// The status line's messages.
    pub notices: &'a Notices,
    /// Whether the lecture mode (the guided tour) is on.
    pub lecture: bool,
}

/// Draws what every lab shares: the top bar, the status line, the Explain panel and the ?
/// overlay. The lab's own panels come after, from the lab.
pub fn shell_ui(ui: &mut egui::Ui, shell: &Shell<'_>, cmds: &mut Vec<Command>) {
    egui::Panel::top("top_bar").show(ui, |ui| top_bar::top_bar_ui(ui, shell, cmds));
    egui::Panel::bottom("status_bar").show(ui, |ui| status_bar::status_bar_ui(ui, shell, cmds));
    if shell.prefs.explain_open {
        egui::Panel::right("explain")
            .default_size(300.0)
            .size_range(240.0..=480.0)
            .resizable(true)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| explain_ui(ui, shell.kind, cmds));
            });
    }
    shortcuts_overlay_ui(ui.ctx(), shell.windows, cmds);
}

/// A lab's controls: the resizable, scrolling left panel (`id` names it per lab).
pub fn controls_panel(ui: &mut egui::Ui, id: &str, add: impl FnOnce(&mut egui::Ui)) {
    egui::Panel::left(format!("{id}_controls"))
        .default_size(350.0)
        .size_range(280.0..=520.0)
        .resizable(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, add);
        });
}

/// The Explain panel: what the lab shows and what to try, in the current language.
fn explain_ui(ui: &mut egui::Ui, lab: LabKind, cmds: &mut Vec<Command>) {
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
        ("Ctrl O", tr("common.keys.open")),
        ("Ctrl Shift O", tr("common.keys.open_data")),
        ("Ctrl S", tr("common.keys.save")),
        ("Ctrl E", tr("common.keys.export_figure")),
        ("Ctrl + / Ctrl − / Ctrl 0", tr("common.keys.zoom")),
        ("F11", tr("common.keys.fullscreen")),
        ("H", tr("common.keys.hide")),
        ("C", tr("common.keys.contrast")),
        ("E", tr("common.keys.explain")),
        ("?", tr("common.keys.overlay")),
        ("F5 / Esc", tr("common.keys.tour")),
        ("Page Down / Page Up, N / P", tr("common.keys.tour_move")),
        (
            tr("common.keys.key_backspace"),
            tr("common.keys.tour_restore"),
        ),
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
fn shortcuts_overlay_ui(ctx: &egui::Context, windows: &Windows, cmds: &mut Vec<Command>) {
    if !windows.shortcuts_open {
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

#[cfg(test)]
mod tests {
    use super::nice_marks;

    /// The labelled marks (those a step apart) of an axis over `bounds` drawn `points` long.
    fn labelled(bounds: (f64, f64), points: f64, label_px: f64) -> Vec<f64> {
        let base_step_size = (bounds.1 - bounds.0) / points * 8.0;
        let marks = nice_marks(label_px)(egui_plot::GridInput {
            bounds,
            base_step_size,
        });
        let step = marks.iter().map(|m| m.step_size).fold(0.0, f64::max);
        marks
            .iter()
            .filter(|m| m.step_size == step)
            .map(|m| (m.value * 1e9).round() / 1e9)
            .collect()
    }

    #[test]
    fn nice_marks_step_by_one_two_or_five() {
        // λ_max up to 60 in a plot 150 points high, a label every 30 points at least: 20s.
        assert_eq!(labelled((0.0, 60.0), 150.0, 30.0), [0.0, 20.0, 40.0, 60.0]);
        // 938 steps over 390 points, 80 points a label (192 steps): 200s.
        assert_eq!(
            labelled((0.0, 938.0), 390.0, 80.0),
            [0.0, 200.0, 400.0, 600.0, 800.0]
        );
        // Small values: 0.05s.
        assert_eq!(
            labelled((0.0, 0.2), 150.0, 30.0),
            [0.0, 0.05, 0.1, 0.15, 0.2]
        );
        // An accuracy strip 25 points high: both ends labelled, not a step of 200 %.
        let strip = |points: f64| {
            let marks = super::percent_marks()(egui_plot::GridInput {
                bounds: (-0.04, 1.12),
                base_step_size: 1.16 / points * 8.0,
            });
            marks
                .iter()
                .filter(|m| m.step_size == 1.0)
                .map(|m| m.value)
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(25.0), [0.0, 1.0]);
        // Empty or reversed bounds give no marks rather than a panic.
        assert!(
            nice_marks(30.0)(egui_plot::GridInput {
                bounds: (1.0, 1.0),
                base_step_size: 0.0
            })
            .is_empty()
        );
    }
}
