//! The one abstraction of the numerics: an objective is a mean of per-sample losses over a
//! flat parameter vector. Toy surfaces and networks implement it, so optimizers, the
//! training loop, landscapes and sharpness are written once.
//!
//! Some objectives carry *state* that training updates but that is not a parameter:
//! BatchNorm's running statistics. For them the plain methods ([`Objective::loss`],
//! [`Objective::loss_grad`], [`Objective::test_loss`]) are the *eval mode* at the objective's
//! own state (what landscapes, sharpness and accuracies measure, as a PyTorch user calls
//! `model.eval()`), [`Objective::train_loss_grad`] is the *training mode* (batch statistics)
//! that the training loop steps with, updating a state vector it carries, and
//! [`Objective::eval_losses`] measures at a given state. Stateless objectives keep the
//! defaults, where every mode is the same.

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

    /// Length of the training state (BatchNorm's running statistics); 0 for stateless
    /// objectives.
    fn state_len(&self) -> usize {
        0
    }

    /// The state training starts from (length [`Objective::state_len`]).
    fn initial_state(&self) -> Vec<f64> {
        Vec::new()
    }

    /// The training-mode mean loss over `batch` and its gradient (written into `grad`);
    /// with `state`, also updates it as one training step does (BatchNorm: the running
    /// statistics). Without state it is [`Objective::loss_grad`].
    fn train_loss_grad(
        &self,
        theta: &[f64],
        batch: Batch<'_>,
        state: Option<&mut [f64]>,
        grad: &mut [f64],
    ) -> f64 {
        let _ = state;
        self.loss_grad(theta, batch, grad)
    }

    /// The eval-mode full-batch training loss and test loss at `theta` with `state`.
    fn eval_losses(&self, theta: &[f64], state: &[f64]) -> (f64, f64) {
        let _ = state;
        (self.loss(theta, Batch::Full), self.test_loss(theta))
    }
}
