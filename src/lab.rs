//! The labs of basin, as one kind outside the window: their order (the tabs and the number
//! keys 1–4), the names `basin render --lab` takes, and the translation keys of their titles,
//! tooltips and Explain texts. The window (behind the `gui` feature), the headless renderer
//! and the CLI all name a lab with [`LabKind`]; the texts themselves live in [`crate::i18n`].

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
            Self::Playground => "lab.playground",
            Self::Network => "lab.network",
            Self::SharpFlat => "lab.sharp_flat",
            Self::BiasVariance => "lab.bias_variance",
        }
    }

    /// The translation key of the tab's tooltip.
    #[must_use]
    pub fn tooltip_key(self) -> &'static str {
        match self {
            Self::Playground => "lab.playground.tip",
            Self::Network => "lab.network.tip",
            Self::SharpFlat => "lab.sharp_flat.tip",
            Self::BiasVariance => "lab.bias_variance.tip",
        }
    }

    /// The translation keys of the Explain panel: what the lab shows, and what to try.
    #[must_use]
    pub fn explain_keys(self) -> (&'static str, &'static str) {
        match self {
            Self::Playground => ("explain.playground", "explain.playground.try"),
            Self::Network => ("explain.network", "explain.network.try"),
            Self::SharpFlat => ("explain.sharp_flat", "explain.sharp_flat.try"),
            Self::BiasVariance => ("explain.bias_variance", "explain.bias_variance.try"),
        }
    }
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
}
