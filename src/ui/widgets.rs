//! Small pickers shared by the labs' panels: the hyperparameter sliders (linear and
//! logarithmic), the BatchNorm ghost-batch slider, the colour-map picker, the landscape-layer
//! picker.

use crate::app::command::Command;
use crate::app::settings::Settings;
use crate::core::fmt3;
use crate::core::landscape::Layer;
use crate::i18n::tr;
use crate::ui::heatmap::ColorMap;
use egui::{Rect, UiBuilder};

/// A slider of a real hyperparameter named `name` (its torch name) over `range`, its value to
/// three significant digits, with a tooltip.
pub fn real_slider_ui(
    ui: &mut egui::Ui,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
    name: &str,
    tip: &str,
) {
    hyper_slider_ui(ui, value, range, name, tip, false);
}

/// [`real_slider_ui`] on a logarithmic scale (for values that span decades: rates, eps).
pub fn log_slider_ui(
    ui: &mut egui::Ui,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
    name: &str,
    tip: &str,
) {
    hyper_slider_ui(ui, value, range, name, tip, true);
}

fn hyper_slider_ui(
    ui: &mut egui::Ui,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
    name: &str,
    tip: &str,
    logarithmic: bool,
) {
    ui.add(
        super::slider(value, range)
            .logarithmic(logarithmic)
            .smallest_positive(1e-12)
            .text(name)
            .custom_formatter(|v, _| fmt3(v)),
    )
    .on_hover_text(tip);
}

/// The stops of the BN-batch slider: 2, 4, 8, … up to `smallest_batch`, then `None` (the
/// whole mini-batch of each run, which differs from `smallest_batch` for a larger batch);
/// empty when the batch is below 2 (no statistics to size).
#[must_use]
pub fn bn_batch_stops(smallest_batch: usize) -> Vec<Option<usize>> {
    let first = *crate::preset::limits::BN_BATCH.start();
    if smallest_batch < first {
        return Vec::new();
    }
    let mut stops: Vec<Option<usize>> = std::iter::successors(Some(first), |g| g.checked_mul(2))
        .take_while(|&g| g <= smallest_batch)
        .map(Some)
        .collect();
    stops.push(None);
    stops
}

/// BatchNorm's ghost-batch slider ([`bn_batch_stops`]): `current` is the preset's
/// `bn_batch_size` (None: the whole mini-batch), `whole` the last stop's label. Returns the
/// new value when the user moves it.
pub fn bn_batch_slider_ui(
    ui: &mut egui::Ui,
    current: Option<usize>,
    smallest_batch: usize,
    text: (&str, &str, &str),
) -> Option<Option<usize>> {
    let (label, tip, whole) = text;
    let stops = bn_batch_stops(smallest_batch);
    let last = stops.len().checked_sub(1)?;
    let mut index = match current {
        None => last,
        Some(g) => stops
            .iter()
            .position(|s| s.is_none_or(|s| s >= g))
            .unwrap_or(last),
    };
    let labels: Vec<String> = stops
        .iter()
        .map(|s| s.map_or_else(|| whole.to_string(), |g| g.to_string()))
        .collect();
    let changed = ui
        .add(
            super::slider(&mut index, 0..=last)
                .text(label)
                .custom_formatter(|v, _| {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    labels.get(v.max(0.0) as usize).cloned().unwrap_or_default()
                }),
        )
        .on_hover_text(tip)
        .changed();
    changed.then(|| stops.get(index).copied().flatten())
}

/// The colour-map picker (shared by every landscape).
pub fn colormap_ui<C: From<Command>>(ui: &mut egui::Ui, prefs: &Settings, cmds: &mut Vec<C>) {
    let mut map = prefs.colormap;
    egui::ComboBox::from_label(tr("pg.colormap"))
        .selected_text(map.title())
        .show_ui(ui, |ui| {
            for m in ColorMap::ALL {
                ui.selectable_value(&mut map, m, m.title());
            }
        })
        .response
        .on_hover_text(tr("pg.colormap.tip"));
    if map != prefs.colormap {
        cmds.push(C::from(Command::SetColorMap(map)));
    }
}

/// A picker of the landscape's layer (train, test, gap) with `titles` for the three and a
/// `label` beside it (`None`: no label, `id_salt` names it); the layer picked, if it changed.
pub fn layer_combo_ui(
    ui: &mut egui::Ui,
    label: Option<&str>,
    id_salt: &str,
    current: Layer,
    titles: [&str; 3],
    tip: &str,
) -> Option<Layer> {
    let title = |l: Layer| match l {
        Layer::Train => titles[0],
        Layer::Test => titles[1],
        Layer::Gap => titles[2],
    };
    let mut layer = current;
    let combo = match label {
        Some(text) => egui::ComboBox::from_label(text),
        None => egui::ComboBox::from_id_salt(id_salt),
    };
    combo
        .selected_text(title(layer))
        .show_ui(ui, |ui| {
            for l in Layer::ALL {
                ui.selectable_value(&mut layer, l, title(l));
            }
        })
        .response
        .on_hover_text(tip);
    (layer != current).then_some(layer)
}

/// Runs `draw` inside `rect` (clipped to it).
pub fn in_rect(ui: &mut egui::Ui, rect: Rect, draw: impl FnOnce(&mut egui::Ui)) {
    ui.scope_builder(UiBuilder::new().max_rect(rect), |ui| {
        ui.set_clip_rect(rect.intersect(ui.clip_rect()));
        ui.set_max_width(rect.width());
        draw(ui);
    });
}

#[cfg(test)]
mod tests {
    use super::bn_batch_stops;

    #[test]
    fn bn_batch_stops_reach_the_smallest_batch_then_the_whole_mini_batch() {
        // A small batch of 8 beside a full batch: "8" (for both runs) is not "whole".
        assert_eq!(bn_batch_stops(8), [Some(2), Some(4), Some(8), None]);
        assert_eq!(bn_batch_stops(12), [Some(2), Some(4), Some(8), None]);
        assert_eq!(bn_batch_stops(2), [Some(2), None]);
        assert!(bn_batch_stops(1).is_empty());
    }
}
