//! The one abstraction of the numerics: an objective is a mean of per-sample losses over a
//! flat parameter vector. Toy surfaces and networks implement it, so optimizers, the
//! training loop, landscapes and sharpness are written once.

/// Which training samples a loss or gradient averages over.
#[derive(Clone, Copy, Debug)]
pub enum Batch<'a> {
    /// Every training sample.
    Full,
    /// The samples with these indices (each in `0..n_train`).
    Indices(&'a [usize]),
}

/// A differentiable training objective over `dim()` parameters.
pub trait Objective: Send + Sync {
    /// Number of parameters.
    fn dim(&self) -> usize;
    /// Number of training samples.
    fn n_train(&self) -> usize;
    /// Mean training loss over `batch`, writing its gradient into `grad` (length `dim()`).
    fn loss_grad(&self, theta: &[f64], batch: Batch<'_>, grad: &mut [f64]) -> f64;
    /// Mean training loss over `batch`.
    fn loss(&self, theta: &[f64], batch: Batch<'_>) -> f64;
    /// Loss on held-out data (the population surface for toy problems).
    fn test_loss(&self, theta: &[f64]) -> f64;
}
