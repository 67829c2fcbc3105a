//! SAM (Foret et al. 2021), as davda54/sam: `e = ρ·g/(‖g‖₂ + 1e−12)`; the gradient is
//! re-evaluated on the same mini-batch at `θ + e`; the base optimizer then steps from `θ`
//! with that gradient. Costs two gradient evaluations per step.

use super::{GradAt, Optimizer};

/// Sharpness-aware minimisation around any base optimizer.
pub struct Sam {
    rho: f64,
    base: Box<dyn Optimizer>,
    perturbed: Vec<f64>,
    sharp_grad: Vec<f64>,
}

impl Sam {
    /// SAM with radius `rho` over `base`, for `dim` parameters.
    #[must_use]
    pub fn new(rho: f64, base: Box<dyn Optimizer>, dim: usize) -> Self {
        Self {
            rho,
            base,
            perturbed: vec![0.0; dim],
            sharp_grad: vec![0.0; dim],
        }
    }
}

impl Optimizer for Sam {
    fn step(&mut self, lr: f64, theta: &mut [f64], grad: &[f64], grad_at: &mut GradAt<'_>) {
        let norm = grad.iter().map(|g| g * g).sum::<f64>().sqrt();
        let scale = self.rho / (norm + 1e-12);
        for ((p, t), g) in self.perturbed.iter_mut().zip(theta.iter()).zip(grad) {
            *p = t + scale * g;
        }
        grad_at(&self.perturbed, &mut self.sharp_grad);
        self.base.step(lr, theta, &self.sharp_grad, grad_at);
    }
}
