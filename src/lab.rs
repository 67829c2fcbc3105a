//! The labs of basin, as one kind outside the window: their order (the tabs and the number
//! keys 1–4), the names `basin render --lab` takes, and the translation keys of their titles,
//! tooltips and Explain texts. The window (behind the `gui` feature), the headless renderer
//! and the CLI all name a lab with [`LabKind`]; the texts themselves live in [`crate::i18n`].

use crate::i18n::tr;

/// One of the labs, one shown at a time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LabKind {
    /// Optimizers racing on a 2-D surface.
    #[default]
    Playground,
    /// A small MLP on a 2-D dataset: its decision boundary, and its loss landscape on a plane
    /// through weight space with the training path projected onto it.
    Network,
    /// Two runs from one start — a small and a large batch — and how sharp their minima are;
    /// sweeps over batch sizes and learning rates.
    SharpFlat,
    /// Many fits on resampled data: bias, variance and test error against complexity.
    BiasVariance,
}

impl LabKind {
    /// Every lab, in tab order (the order of the number keys).
    pub const ALL: [Self; 4] = [
        Self::Playground,
        Self::Network,
        Self::SharpFlat,
        Self::BiasVariance,
    ];

    /// The name on the command line (`basin render --lab NAME`).
    #[must_use]
    pub fn cli_name(self) -> &'static str {
        match self {
            Self::Playground => "playground",
            Self::Network => "network",
            Self::SharpFlat => "sharp-vs-flat",
            Self::BiasVariance => "bias-variance",
        }
    }

    /// The lab whose [`Self::cli_name`] is `name`, ignoring case and accepting `_` for `-`.
    #[must_use]
    pub fn from_cli_name(name: &str) -> Option<Self> {
        let name = name.to_ascii_lowercase().replace('_', "-");
        Self::ALL.into_iter().find(|lab| lab.cli_name() == name)
    }

    /// The lab's number key: 1–4, in tab order.
    #[must_use]
    pub fn number(self) -> usize {
        match self {
            Self::Playground => 1,
            Self::Network => 2,
            Self::SharpFlat => 3,
            Self::BiasVariance => 4,
        }
    }

    /// Every [`Self::cli_name`], comma-separated (for messages).
    #[must_use]
    pub fn cli_names() -> String {
        Self::ALL.map(Self::cli_name).join(", ")
    }

    /// The lab of number key `n` (1–4).
    #[must_use]
    pub fn from_number(n: usize) -> Option<Self> {
        Self::ALL.into_iter().find(|lab| lab.number() == n)
    }

    /// The translation key of the tab's text.
    #[must_use]
    pub fn title_key(self) -> &'static str {
        match self {
            Self::Playground => "pg.tab",
            Self::Network => "net.tab",
            Self::SharpFlat => "sf.tab",
            Self::BiasVariance => "bv.tab",
        }
    }

    /// The translation key of the tab's tooltip.
    #[must_use]
    pub fn tooltip_key(self) -> &'static str {
        match self {
            Self::Playground => "pg.tab.tip",
            Self::Network => "net.tab.tip",
            Self::SharpFlat => "sf.tab.tip",
            Self::BiasVariance => "bv.tab.tip",
        }
    }

    /// The tab's text, in the current language.
    #[must_use]
    pub fn title(self) -> &'static str {
        tr(self.title_key())
    }

    /// The tab's tooltip, in the current language.
    #[must_use]
    pub fn tooltip(self) -> &'static str {
        tr(self.tooltip_key())
    }

    /// The Explain panel's text in the current language: what the lab shows, and what to try.
    #[must_use]
    pub fn explanation(self) -> (&'static str, &'static str) {
        let (what, try_this) = self.explain_keys();
        (tr(what), tr(try_this))
    }

    /// A short name for ids (panel ids, file names): `playground`, `sharp_flat`, ….
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Playground => "playground",
            Self::Network => "network",
            Self::SharpFlat => "sharp_flat",
            Self::BiasVariance => "bias_variance",
        }
    }

    /// The translation keys of the Explain panel: what the lab shows, and what to try.
    #[must_use]
    pub fn explain_keys(self) -> (&'static str, &'static str) {
        match self {
            Self::Playground => ("pg.explain", "pg.explain.try"),
            Self::Network => ("net.explain", "net.explain.try"),
            Self::SharpFlat => ("sf.explain", "sf.explain.try"),
            Self::BiasVariance => ("bv.explain", "bv.explain.try"),
        }
    }
}

/// The shipped network presets made for the Sharp vs Flat lab: `basin open` shows them
/// there instead of in the Network lab.
pub const SHARP_FLAT_PRESETS: [&str; 7] = [
    "sharp-vs-flat-net",
    "batch-size-matters",
    "edge-of-stability",
    "edge-of-stability-adam",
    "digits-sharp-flat",
    "digits-lr-range",
    "batchnorm-batch-size",
];

/// The lab `basin open SOURCE` shows a preset in when it is not the preset's own: the
/// Sharp vs Flat lab for the presets made for it (by file stem, so a copy of one opens there
/// too); `None` for every other.
#[must_use]
pub fn opens_in(source: &str) -> Option<LabKind> {
    let stem = std::path::Path::new(source)
        .file_stem()
        .map_or_else(|| source.to_string(), |s| s.to_string_lossy().into_owned());
    SHARP_FLAT_PRESETS
        .contains(&stem.as_str())
        .then_some(LabKind::SharpFlat)
}

#[cfg(test)]
mod tests {
    use super::LabKind;

    #[test]
    fn names_and_numbers_round_trip_in_tab_order() {
        for (i, lab) in LabKind::ALL.into_iter().enumerate() {
            assert_eq!(lab.number(), i + 1);
            assert_eq!(LabKind::from_number(i + 1), Some(lab));
            assert_eq!(LabKind::from_cli_name(lab.cli_name()), Some(lab));
        }
        assert_eq!(LabKind::from_number(0), None);
        assert_eq!(LabKind::from_number(5), None);
        assert_eq!(
            LabKind::from_cli_name("Sharp_vs_Flat"),
            Some(LabKind::SharpFlat)
        );
        assert_eq!(LabKind::from_cli_name("sharp"), None);
        assert_eq!(
            LabKind::from_cli_name("Bias_Variance"),
            Some(LabKind::BiasVariance)
        );
        assert_eq!(LabKind::from_cli_name("network"), Some(LabKind::Network));
        assert!(LabKind::from_cli_name("zoo").is_none());
        assert!(LabKind::cli_names().contains("playground"));
    }

    #[test]
    fn every_key_has_english_and_korean_text() {
        for lab in LabKind::ALL {
            let (what, try_this) = lab.explain_keys();
            for key in [lab.title_key(), lab.tooltip_key(), what, try_this] {
                for lang in crate::i18n::Lang::ALL {
                    let text = crate::i18n::tr_in(lang, key);
                    assert!(!text.is_empty() && text != key, "{key} in {lang:?}");
                }
            }
        }
    }

    #[test]
    fn the_sharp_flat_presets_open_in_their_lab() {
        assert_eq!(
            super::opens_in("batch-size-matters"),
            Some(LabKind::SharpFlat)
        );
        assert_eq!(
            super::opens_in("my/copy/sharp-vs-flat-net.toml"),
            Some(LabKind::SharpFlat)
        );
        assert_eq!(super::opens_in("moons"), None);
    }
}
