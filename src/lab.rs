//! [`LabKind`]: which of the four labs — the window's tabs, `basin open`'s choice, `basin
//! render --lab`'s figure. Shared by the app (behind the `gui` feature) and the headless
//! layers, so that there is one list of labs.

use crate::i18n::tr;

/// The labs, one shown at a time (the tabs of the top bar).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum LabKind {
    /// Optimizers racing on a 2-D surface.
    #[default]
    Playground,
    /// A small MLP on a dataset: its decision boundary, and its loss landscape on a plane
    /// through weight space with the training path projected onto it.
    Network,
    /// Two runs from one start — a small and a large batch — and how sharp their minima
    /// are; sweeps over batch sizes and learning rates.
    SharpFlat,
    /// Many fits on resampled data: bias, variance and test error against complexity.
    BiasVariance,
}

impl LabKind {
    /// Every lab, in tab order.
    pub const ALL: [Self; 4] = [
        Self::Playground,
        Self::Network,
        Self::SharpFlat,
        Self::BiasVariance,
    ];

    /// The name on the command line (`--lab sharp-vs-flat`).
    #[must_use]
    pub fn cli_name(self) -> &'static str {
        match self {
            Self::Playground => "playground",
            Self::Network => "network",
            Self::SharpFlat => "sharp-vs-flat",
            Self::BiasVariance => "bias-variance",
        }
    }

    /// The lab of a command-line name.
    #[must_use]
    pub fn from_cli_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.cli_name() == name)
    }

    /// The key of the lab's texts in [`crate::i18n`]: `lab.{key}` is the tab,
    /// `lab.{key}.tip` its tooltip, `explain.{key}` and `explain.{key}.try` its Explain text.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Playground => "playground",
            Self::Network => "network",
            Self::SharpFlat => "sharp_flat",
            Self::BiasVariance => "bias_variance",
        }
    }

    /// The tab's text, in the current language.
    #[must_use]
    pub fn title(self) -> &'static str {
        tr(match self {
            Self::Playground => "pg.tab",
            Self::Network => "net.tab",
            Self::SharpFlat => "sf.tab",
            Self::BiasVariance => "bv.tab",
        })
    }

    /// The tab's tooltip, in the current language.
    #[must_use]
    pub fn tooltip(self) -> &'static str {
        tr(match self {
            Self::Playground => "pg.tab.tip",
            Self::Network => "net.tab.tip",
            Self::SharpFlat => "sf.tab.tip",
            Self::BiasVariance => "bv.tab.tip",
        })
    }

    /// The Explain panel's text: what the lab shows, and what to try.
    #[must_use]
    pub fn explanation(self) -> (&'static str, &'static str) {
        match self {
            Self::Playground => (tr("pg.explain"), tr("pg.explain.try")),
            Self::Network => (tr("net.explain"), tr("net.explain.try")),
            Self::SharpFlat => (tr("sf.explain"), tr("sf.explain.try")),
            Self::BiasVariance => (tr("bv.explain"), tr("bv.explain.try")),
        }
    }

    /// The lab's number key (1–4, in tab order).
    #[must_use]
    pub fn number(self) -> usize {
        Self::ALL
            .iter()
            .position(|&l| l == self)
            .map_or(1, |i| i + 1)
    }

    /// The position in [`Self::ALL`] (0–3).
    #[must_use]
    pub fn index(self) -> usize {
        self.number() - 1
    }
}

/// The shipped network presets made for the Sharp vs Flat lab: `basin open` shows them
/// there instead of in the Network lab.
const SHARP_FLAT_PRESETS: [&str; 3] = [
    "sharp-vs-flat-net",
    "batch-size-matters",
    "edge-of-stability",
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
    use super::*;

    #[test]
    fn cli_names_round_trip_and_numbers_follow_the_tabs() {
        for (i, lab) in LabKind::ALL.into_iter().enumerate() {
            assert_eq!(LabKind::from_cli_name(lab.cli_name()), Some(lab));
            assert_eq!(lab.number(), i + 1);
            assert_eq!(lab.index(), i);
        }
        assert_eq!(
            LabKind::from_cli_name("sharp-vs-flat"),
            Some(LabKind::SharpFlat)
        );
        assert_eq!(LabKind::from_cli_name("nope"), None);
    }

    #[test]
    fn the_sharp_flat_presets_open_in_their_lab() {
        assert_eq!(opens_in("batch-size-matters"), Some(LabKind::SharpFlat));
        assert_eq!(
            opens_in("my/copy/sharp-vs-flat-net.toml"),
            Some(LabKind::SharpFlat)
        );
        assert_eq!(opens_in("moons"), None);
    }
}
