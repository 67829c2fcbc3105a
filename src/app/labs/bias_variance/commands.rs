//! The Bias–Variance lab's requests ([`BiasVarianceCommand`]) and how the lab applies them:
//! an edit changes a copy of the config, which is validated before it replaces the old one.

use crate::app::command::Command;
use crate::app::lab::{LabCx, Requests};
use crate::core::biasvar::config::limits;
use std::sync::Arc;

use crate::core::biasvar::observed::Observations;
use crate::core::biasvar::{Family, Resampling};
use crate::preset;

use super::BiasVarianceLab;

/// A request from the Bias–Variance panels.
#[derive(Clone, Debug, PartialEq)]
pub enum BiasVarianceCommand {
    /// A request for the shell.
    App(Command),
    /// Switch the model family (its default complexities come along).
    SetFamily(Family),
    /// Show the fits of this complexity (no recomputation).
    SetComplexity(usize),
    /// σ, the observation noise.
    SetNoise(f64),
    /// n, points per training set.
    SetTrainPoints(usize),
    /// R, training sets per complexity.
    SetRepeats(usize),
    /// k, cross-validation folds.
    SetFolds(usize),
    /// λ, the ridge penalty.
    SetRidge(f64),
    /// Fresh draws or bootstrap of one set.
    SetResampling(Resampling),
    /// Draw new data: the next seed (on own data: a new split and new resamples).
    NewSample,
    /// Fit on a person's own 1-D data (read from "Open data…" or a dropped `.csv`), keeping
    /// the model, its complexities where they still fit, B and the seed.
    SetData(Arc<Observations>),
    /// Throw the dartboard's darts at x (the second point with `second`: a 2-D board).
    SetDartPoint {
        /// The second point (x₁) rather than the first (x₀).
        second: bool,
        /// Where, on the fits plot's x.
        x: f64,
    },
    /// Close the dartboard.
    ClearDarts,
}

/// Complexities shown when the user switches to a family in the GUI.
#[must_use]
pub fn family_complexities(family: Family, n_train: usize) -> Vec<usize> {
    match family {
        Family::Polynomial => (0..=15.min(n_train.saturating_sub(1))).collect(),
        Family::Knn => (1..=25.min(n_train)).collect(),
        Family::Mlp { .. } => vec![1, 2, 4, 8, 16, 32],
        Family::Tree => (0..=12).collect(),
        Family::Boosting { .. } => vec![0, 1, 2, 5, 10, 20, 35, 50, 75, 100, 150, 200, 300],
        Family::RandomFeatures { .. } => {
            let n = n_train;
            let mut list = vec![1, 2, 5, 10, n / 2, n.saturating_sub(5), n, n + 5, 2 * n];
            list.extend([4 * n, 10 * n]);
            list.retain(|&p| p >= 1 && p <= *limits::FEATURES.end());
            list.sort_unstable();
            list.dedup();
            list
        }
    }
}

impl From<Command> for BiasVarianceCommand {
    fn from(command: Command) -> Self {
        Self::App(command)
    }
}

impl Requests for BiasVarianceLab {
    type Command = BiasVarianceCommand;

    /// Applies one request: edits a copy of the config, validates it, and on success keeps
    /// it and restarts the sweep; on failure a red notice says why and nothing changes.
    fn apply(&mut self, command: BiasVarianceCommand, cx: &mut LabCx<'_>) {
        let mut config = self.experiment.config.clone();
        let mut complexity = self.experiment.complexity;
        let mut new_data = None;
        match command {
            BiasVarianceCommand::App(command) => {
                cx.send(command);
                return;
            }
            BiasVarianceCommand::SetComplexity(c) => {
                self.experiment.complexity = preset::nearest(&config.complexities, c);
                return;
            }
            BiasVarianceCommand::SetDartPoint { second, x } => {
                let x = Some(x).filter(|x| x.is_finite());
                if second && self.darts.x0.is_some() {
                    self.darts.x1 = x;
                } else {
                    self.darts = super::dartboard::DartPoints { x0: x, x1: None };
                }
                return;
            }
            BiasVarianceCommand::ClearDarts => {
                self.darts = super::dartboard::DartPoints::default();
                return;
            }
            BiasVarianceCommand::SetFamily(family) => {
                if family.name() == config.family.name() {
                    return;
                }
                config.family = family;
                config.complexities = family_complexities(family, config.n_train);
                if matches!(family, Family::Mlp { .. }) {
                    // Each MLP fit is thousands of Adam steps: keep the sweep interactive.
                    config.repeats = config.repeats.min(20);
                    config.bag_sets = config.bag_sets.min(2);
                    config.bag_size = config.bag_size.min(5);
                }
                complexity = preset::default_current(&config.complexities);
            }
            BiasVarianceCommand::SetNoise(sigma) => config.noise = sigma,
            BiasVarianceCommand::SetTrainPoints(n) => {
                config.n_train = n;
                config.folds = config.folds.min(n);
                if config.family == Family::Knn {
                    config.complexities.retain(|&k| k <= n);
                }
            }
            BiasVarianceCommand::SetRepeats(r) => config.repeats = r,
            BiasVarianceCommand::SetFolds(k) => config.folds = k,
            BiasVarianceCommand::SetRidge(ridge) => config.ridge = ridge,
            BiasVarianceCommand::SetResampling(mode) => config.resampling = mode,
            BiasVarianceCommand::NewSample => {
                config.seed = config.seed.wrapping_add(1) % (i64::MAX.unsigned_abs() + 1);
            }
            BiasVarianceCommand::SetData(data) => {
                config = crate::core::biasvar::observed::config_on(&data, &config);
                if config.validate().is_err() {
                    // The complexities of the old data may not fit the new (k-NN's k ≤ n).
                    config.complexities = family_complexities(config.family, config.n_train);
                    complexity = preset::default_current(&config.complexities);
                }
                new_data = Some(data);
            }
        }
        match config.validate() {
            Ok(()) => {
                if let Some(data) = new_data {
                    let name = std::path::Path::new(&data.source)
                        .file_stem()
                        .map_or_else(|| data.source.clone(), |s| s.to_string_lossy().into_owned());
                    self.experiment.name.clone_from(&name);
                    self.experiment.description = crate::i18n::fill(
                        "bv.data.description",
                        &[&data.source, &data.x_column, &data.y_column, &data.len()],
                    );
                    self.preset_name = name;
                    self.experiment.data = Some(data);
                    self.data_picture = None;
                }
                self.experiment.complexity = preset::nearest(&config.complexities, complexity);
                self.experiment.config = config;
                cx.notices.clear_errors();
                self.start_sweep(cx);
            }
            Err(err) => cx.notices.error(err.to_string()),
        }
    }
}
