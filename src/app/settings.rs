//! The settings remembered between sessions (language, UI scale, theme, contrast, panel
//! toggles, the last preset of each lab, recent preset files), saved with eframe's storage.
//!
//! They are stored as one JSON string under [`STORAGE_KEY`] with a [`VERSION`]. Reading them
//! back never fails the start-up: text that does not parse, or a different version, gives the
//! defaults and a reason for a notice ([`restore`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::lab::LabKind;
use crate::render::palette::ColorMap;

/// The key of the settings in eframe's storage.
pub const STORAGE_KEY: &str = "basin.settings";

/// The version of the saved format; another number is ignored (with a notice).
pub const VERSION: u32 = 1;

/// How many preset files "Recent" remembers.
pub const RECENT_FILES: usize = 8;

/// The smallest and largest UI scale (egui's zoom factor).
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.5..=3.0;

/// The last preset loaded in each lab (a built-in name or a path, with the `--set` overrides
/// it was opened with, e.g. by a tour step), by the lab's [`LabKind::key`]. Saved as
/// `{"playground": "rosenbrock-race", "network": {"name": "moons", "set": ["model.lr=0.3"]},
/// "sharp_flat": null, …}`: a bare name when there were no overrides (the format of older
/// settings, still read).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LastPresets(BTreeMap<String, Option<LastPreset>>);

/// One lab's entry of [`LastPresets`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
enum LastPreset {
    /// A preset opened as it is.
    Name(String),
    /// A preset opened with overrides.
    WithOverrides { name: String, set: Vec<String> },
}

impl LastPresets {
    /// The last preset of `lab` and the overrides it was opened with.
    #[must_use]
    pub fn get(&self, lab: LabKind) -> Option<(&str, &[String])> {
        match self.0.get(lab.key())?.as_ref()? {
            LastPreset::Name(name) => Some((name, &[])),
            LastPreset::WithOverrides { name, set } => Some((name, set)),
        }
    }

    /// Remembers `name`, opened with `overrides`, as the last preset of `lab`.
    pub fn set(&mut self, lab: LabKind, name: &str, overrides: &[String]) {
        let name = name.trim().to_string();
        let entry = if overrides.is_empty() {
            LastPreset::Name(name)
        } else {
            LastPreset::WithOverrides {
                name,
                set: overrides.to_vec(),
            }
        };
        self.0.insert(lab.key().to_string(), Some(entry));
    }
}

/// The preferences: what is remembered between sessions, plus the colour map of this
/// session. Read once at start-up ([`restore`]); the panels read them, the shell's commands
/// change them, and eframe saves them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// The format's version ([`VERSION`]).
    pub version: u32,
    /// The language of the window.
    pub lang: Lang,
    /// egui's zoom factor (Ctrl + / Ctrl −).
    pub zoom: f32,
    /// Dark (true) or light theme.
    pub dark_theme: bool,
    /// High-contrast colour map and thicker trajectories.
    pub high_contrast: bool,
    /// The Explain panel is shown.
    pub explain_open: bool,
    /// The side panels are hidden (H).
    pub panels_hidden: bool,
    /// The test loss is drawn in the Playground's loss plot.
    pub show_test_loss: bool,
    /// The last preset of each lab.
    pub last_preset: LastPresets,
    /// Preset files opened or saved, newest first.
    pub recent_files: Vec<String>,
    /// Colour map of the loss heatmaps (this session only).
    #[serde(skip)]
    pub colormap: ColorMap,
    /// The colour map chosen before high contrast was switched on (restored after).
    #[serde(skip)]
    pub colormap_before_contrast: ColorMap,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            version: VERSION,
            lang: Lang::En,
            zoom: 1.0,
            dark_theme: true,
            high_contrast: false,
            explain_open: false,
            panels_hidden: false,
            show_test_loss: false,
            last_preset: LastPresets::default(),
            recent_files: Vec::new(),
            colormap: ColorMap::Viridis,
            colormap_before_contrast: ColorMap::Viridis,
        }
    }
}

impl Settings {
    /// The width of trajectory lines: thicker in high contrast.
    #[must_use]
    pub fn path_width(&self, normal: f32) -> f32 {
        if self.high_contrast {
            normal * 2.0
        } else {
            normal
        }
    }

    /// The settings as saved text.
    #[must_use]
    pub fn to_text(&self) -> String {
        // A struct of plain fields always serializes; the fallback keeps this total.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Puts `path` first in the recent files (once), keeping at most [`RECENT_FILES`].
    pub fn remember_file(&mut self, path: &str) {
        push_recent(&mut self.recent_files, path);
    }
}

/// Puts `path` first in a recent-files list (once), keeping at most [`RECENT_FILES`].
pub fn push_recent(list: &mut Vec<String>, path: &str) {
    let path = path.trim().to_string();
    list.retain(|p| *p != path);
    list.insert(0, path);
    list.truncate(RECENT_FILES);
}

/// Saved settings read back: the settings to use, and why the saved ones were ignored.
#[derive(Clone, Debug, PartialEq)]
pub struct Restored {
    /// The saved settings, or the defaults.
    pub settings: Settings,
    /// Why the saved text was not used (`None` when it was, or nothing was saved).
    pub ignored: Option<IgnoredReason>,
}

/// Why saved settings were ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IgnoredReason {
    /// The text is not valid settings (corrupt, or fields of another format).
    Corrupt(String),
    /// Valid, but of another version.
    OtherVersion(u32),
}

/// Reads saved settings (`None`: nothing saved). Never fails: anything unreadable gives the
/// defaults with the reason.
#[must_use]
pub fn restore(text: Option<&str>) -> Restored {
    let Some(text) = text else {
        return Restored {
            settings: Settings::default(),
            ignored: None,
        };
    };
    // The version first, so an old format is reported as old rather than corrupt.
    let version = serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("version").and_then(serde_json::Value::as_u64));
    if let Some(v) = version
        && v != u64::from(VERSION)
    {
        return Restored {
            settings: Settings::default(),
            ignored: Some(IgnoredReason::OtherVersion(
                u32::try_from(v).unwrap_or(u32::MAX),
            )),
        };
    }
    match serde_json::from_str::<Settings>(text) {
        Ok(mut settings) => {
            if !settings.zoom.is_finite() {
                settings.zoom = 1.0;
            }
            settings.zoom = settings.zoom.clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
            settings.recent_files.truncate(RECENT_FILES);
            if settings.high_contrast {
                settings.colormap = ColorMap::Magma;
            }
            Restored {
                settings,
                ignored: None,
            }
        }
        Err(err) => Restored {
            settings: Settings::default(),
            ignored: Some(IgnoredReason::Corrupt(err.to_string())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_their_text() {
        let mut s = Settings {
            lang: Lang::Ko,
            zoom: 1.5,
            high_contrast: true,
            ..Settings::default()
        };
        s.last_preset.set(LabKind::Network, "overfit", &[]);
        let tour_step = ["runs.0.lr=0.02".to_string()];
        s.last_preset
            .set(LabKind::Playground, "rosenbrock-race", &tour_step);
        s.remember_file("a.toml");
        s.remember_file("b.toml");
        s.remember_file("a.toml");
        assert_eq!(s.recent_files, ["a.toml", "b.toml"]);
        let back = restore(Some(&s.to_text()));
        // High contrast comes back with its colour map.
        s.colormap = ColorMap::Magma;
        assert_eq!(back.settings, s);
        assert_eq!(
            back.settings.last_preset.get(LabKind::Network),
            Some(("overfit", &[][..]))
        );
        // A preset opened with overrides (a tour step's) comes back with them.
        assert_eq!(
            back.settings.last_preset.get(LabKind::Playground),
            Some(("rosenbrock-race", &tour_step[..]))
        );
        assert!(
            s.to_text().contains(r#""network":"overfit""#),
            "{}",
            s.to_text()
        );
        assert_eq!(back.settings.last_preset.get(LabKind::SharpFlat), None);
        assert_eq!(back.ignored, None);
    }

    #[test]
    fn corrupt_or_other_version_text_gives_the_defaults_and_a_reason() {
        for text in ["", "{", "not json", "{\"lang\": \"Fr\"}", "[1, 2]"] {
            let r = restore(Some(text));
            assert_eq!(r.settings, Settings::default(), "{text}");
            assert!(
                matches!(r.ignored, Some(IgnoredReason::Corrupt(_))),
                "{text}: {:?}",
                r.ignored
            );
        }
        let old = restore(Some("{\"version\": 0, \"lang\": \"Ko\"}"));
        assert_eq!(old.settings, Settings::default());
        assert_eq!(old.ignored, Some(IgnoredReason::OtherVersion(0)));
        assert_eq!(restore(None).ignored, None);
    }

    #[test]
    fn last_presets_read_the_format_saved_before_labs_were_keyed() {
        let text = r#"{"version":1,"lang":"En","zoom":1.0,"dark_theme":true,"high_contrast":false,"explain_open":false,"panels_hidden":false,"show_test_loss":false,"last_preset":{"playground":"beale","network":null,"sharp_flat":null,"bias_variance":"knn"},"recent_files":[]}"#;
        let r = restore(Some(text));
        assert_eq!(r.ignored, None);
        assert_eq!(
            r.settings.last_preset.get(LabKind::Playground),
            Some(("beale", &[][..]))
        );
        assert_eq!(
            r.settings.last_preset.get(LabKind::BiasVariance),
            Some(("knn", &[][..]))
        );
        assert_eq!(r.settings.last_preset.get(LabKind::Network), None);
    }

    #[test]
    fn an_absurd_zoom_is_brought_into_range() {
        let s = Settings {
            zoom: 40.0,
            ..Settings::default()
        };
        assert_eq!(restore(Some(&s.to_text())).settings.zoom, 3.0);
    }
}
