//! The Bias–Variance lab's numerics: many fits on resampled data, their spread, their mean
//! and the truth; bias², variance, noise and test error against model complexity; k-fold
//! cross-validation; bagging; boosting; double descent (Geman, Bienenstock & Doursat 1992;
//! Hastie, Tibshirani & Friedman 2009, ch. 7; Belkin, Hsu, Ma & Mandal 2019).
//!
//! - [`config`]: [`BiasVarianceConfig`] and its validation (errors name the preset key).
//! - [`data`]: seeded training sets, bootstrap resamples, k-fold splits, test noise.
//! - [`models`]: the [`models::Regressor`] trait and the six families.
//! - [`decompose`]: the decomposition at one complexity, split into pure per-repeat pieces
//!   that the jobs layer can run in parallel.
//! - [`observed`]: a person's own 1-D data, the truth unknown: held-out test error, the
//!   variance of bootstrap fits, and bias² + noise together, each with its standard error.
//!
//! Pure and deterministic: every number is a function of the config (seed included); no
//! threads, no egui, no files.
//!
//! ```
//! use basin::core::biasvar::{BiasVarianceConfig, decompose};
//!
//! let config = BiasVarianceConfig { repeats: 20, bag_sets: 1, ..BiasVarianceConfig::default() };
//! config.validate()?;
//! let d = decompose(&config, 3);
//! assert!(d.bias2 < decompose(&config, 0).bias2);
//! # Ok::<(), basin::core::biasvar::ConfigError>(())
//! ```

pub mod config;
pub mod data;
pub mod decompose;
pub mod estimate;
pub mod models;
pub mod observed;

pub use config::{
    BiasVarianceConfig, ConfigError, Evaluation, Family, FeatureKind, Inputs, Resampling, Truth,
};
pub use decompose::{
    Beam, CrossValidation, Decomposition, RepeatFit, aggregate, cross_validate, decompose,
    decompose_all, fit_repeat,
};

#[cfg(test)]
mod tests {
    /// The jobs layer moves configs and results between threads.
    #[test]
    fn public_types_are_send_and_sync() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<super::BiasVarianceConfig>();
        send_sync::<super::Decomposition>();
        send_sync::<super::RepeatFit>();
        send_sync::<super::CrossValidation>();
        send_sync::<super::ConfigError>();
    }
}
