//! The four labs and the one place that lists them: [`Labs`]. Each lab is a folder of its
//! own — its session and [`Lab`] implementation (`mod.rs`), its requests (`commands.rs`),
//! its left panel (`controls.rs`) and its central view (`view.rs`) — and no lab imports
//! another. The shell reaches a lab only through [`Labs::get`] / [`Labs::get_mut`] and the
//! [`Lab`] trait.
//!
//! Adding a lab: a folder here implementing [`Lab`], a variant of [`LabKind`], a field of
//! [`Labs`] and its arm in [`Labs::get`] / [`Labs::get_mut`] (the registration).

use crate::lab::LabKind;

use super::lab::Lab;
use super::notices::Notices;

pub mod bias_variance;
pub mod network;
pub mod playground;
pub mod sharp_flat;

pub use bias_variance::BiasVarianceLab;
pub use network::NetworkLab;
pub use playground::Playground;
pub use sharp_flat::SharpFlatLab;

/// Every lab of the window, each on its default preset until another is opened.
pub struct Labs {
    /// Optimizers racing on a 2-D surface.
    pub playground: Playground,
    /// An MLP on a dataset and its landscape on a plane through weight space.
    pub network: NetworkLab,
    /// A small and a large batch from one start; sweeps.
    pub sharp_flat: SharpFlatLab,
    /// Many fits on resampled data.
    pub bias_variance: BiasVarianceLab,
}

impl Labs {
    /// Every lab on its default preset; a default that does not load becomes a built-in
    /// experiment and an error notice.
    #[must_use]
    pub fn new(notices: &mut Notices) -> Self {
        Self {
            playground: Playground::default_lab(notices),
            network: NetworkLab::default_lab(notices),
            sharp_flat: SharpFlatLab::default_lab(notices),
            bias_variance: BiasVarianceLab::default_lab(),
        }
    }

    /// The lab of `kind`.
    #[must_use]
    pub fn get(&self, kind: LabKind) -> &dyn Lab {
        match kind {
            LabKind::Playground => &self.playground,
            LabKind::Network => &self.network,
            LabKind::SharpFlat => &self.sharp_flat,
            LabKind::BiasVariance => &self.bias_variance,
        }
    }

    /// The lab of `kind`, to change.
    pub fn get_mut(&mut self, kind: LabKind) -> &mut dyn Lab {
        match kind {
            LabKind::Playground => &mut self.playground,
            LabKind::Network => &mut self.network,
            LabKind::SharpFlat => &mut self.sharp_flat,
            LabKind::BiasVariance => &mut self.bias_variance,
        }
    }
}
