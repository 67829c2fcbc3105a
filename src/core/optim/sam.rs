//! SAM (Foret et al. 2021), as davda54/sam: `e = ρ·g/(‖g‖₂ + 1e−12)`; the gradient is
//! re-evaluated on the same mini-batch at `θ + e`; the base optimizer then steps from `θ`
//! with that gradient. Costs two gradient evaluations per step.

use super::{Buffers, GradAt, Optimizer};

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
        // first_step: scale = rho / (grad_norm + 1e-12); e_w = grad * scale; p.add_(e_w).
        let norm = super::l2_norm(grad);
        let scale = self.rho / (norm + 1e-12);
        for ((p, t), g) in self.perturbed.iter_mut().zip(theta.iter()).zip(grad) {
            *p = t + g * scale;
        }
        // second_step restores p from its saved copy (θ was never moved here), then the base
        // optimizer steps with the gradient found at θ + e_w.
        grad_at(&self.perturbed, &mut self.sharp_grad);
        self.base.step(lr, theta, &self.sharp_grad, grad_at);
    }

    fn inspect(&self, lr: f64) -> Buffers {
        Buffers {
            ascent: self.perturbed.clone(),
            ascent_grad: self.sharp_grad.clone(),
            ..self.base.inspect(lr)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::assert_close;
    use super::super::{OptimizerKind, OptimizerSpec};

    /// f(x, y) = x² + 4y², ∇f = (2x, 8y).
    fn grad_of(p: &[f64], g: &mut [f64]) -> f64 {
        g[0] = 2.0 * p[0];
        g[1] = 8.0 * p[1];
        p[0] * p[0] + 4.0 * p[1] * p[1]
    }

    #[test]
    fn gradient_is_taken_at_the_ascent_point() {
        // SAM(ρ = 0.05) over plain SGD (γ = 0.1) from (1, 0.5).
        // t=1: ∇f = (2, 4), ‖∇f‖ = √20; e = 0.05·(2, 4)/√20 = (0.0223607, 0.0447214);
        //      the gradient is taken at (1.0223607, 0.5447214): (2.0447214, 4.3577709);
        //      θ = (1, 0.5) − 0.1·that = (0.7955279, 0.0642229).
        // t=2, t=3 likewise (tools/golden/hand_values.py, 50 digits).
        let spec = OptimizerSpec {
            lr: 0.1,
            ..OptimizerSpec::defaults(OptimizerKind::Sam)
        };
        assert_eq!(spec.validate(), Ok(()));
        let mut optimizer = spec.build(2);
        let mut theta = [1.0, 0.5];
        let mut grad = [0.0; 2];
        let mut perturbed = Vec::new();
        let mut params = Vec::new();
        for _ in 0..3 {
            grad_of(&theta, &mut grad);
            let mut calls = 0;
            let mut grad_at = |p: &[f64], g: &mut [f64]| {
                calls += 1;
                perturbed.extend_from_slice(p);
                grad_of(p, g)
            };
            optimizer.step(spec.lr, &mut theta, &grad, &mut grad_at);
            assert_eq!(calls, 1, "one extra gradient per step");
            params.extend_from_slice(&theta);
        }
        assert_close(
            &perturbed,
            &[
                1.022_360_679_774_993,
                0.544_721_359_549_985_8,
                0.843_108_578_620_379_8,
                0.079_587_664_245_199_3,
                0.676_905_837_323_284_8,
                0.000_729_131_930_279_984_1,
            ],
            1e-14,
        );
        assert_close(
            &params,
            &[
                0.795_527_864_045_001_4,
                0.064_222_912_360_011_36,
                0.626_906_148_320_925_5,
                0.000_552_780_963_851_930_6,
                0.491_524_980_856_268_5,
                -0.000_030_524_580_372_056_67,
            ],
            1e-14,
        );
    }

    #[test]
    fn base_optimizer_keeps_its_state_and_steps_from_theta() {
        // SAM over SGD with momentum must equal SGD with momentum fed the gradients found at
        // the ascent points: the perturbation is undone before the base step.
        let mut sam = OptimizerSpec {
            lr: 0.05,
            momentum: 0.9,
            ..OptimizerSpec::defaults(OptimizerKind::Sam)
        };
        sam.rho = 0.1;
        let sgd = OptimizerSpec {
            kind: OptimizerKind::Sgd,
            ..sam.clone()
        };
        let mut with_sam = sam.build(2);
        let mut by_hand = sgd.build(2);
        let mut theta = [1.0, 0.5];
        let mut theta_hand = theta;
        let mut grad = [0.0; 2];
        for _ in 0..5 {
            grad_of(&theta, &mut grad);
            let mut sharp = [0.0; 2];
            let mut grad_at = |p: &[f64], g: &mut [f64]| {
                let loss = grad_of(p, g);
                sharp.copy_from_slice(g);
                loss
            };
            with_sam.step(sam.lr, &mut theta, &grad, &mut grad_at);
            let mut unused = |_: &[f64], _: &mut [f64]| 0.0;
            by_hand.step(sgd.lr, &mut theta_hand, &sharp, &mut unused);
            assert_eq!(theta, theta_hand);
        }
    }

    #[test]
    fn zero_gradient_does_not_perturb() {
        let spec = OptimizerSpec::defaults(OptimizerKind::Sam);
        let mut optimizer = spec.build(2);
        let mut theta = [0.25, -0.5];
        let mut seen = Vec::new();
        let mut grad_at = |p: &[f64], g: &mut [f64]| {
            seen.extend_from_slice(p);
            g.fill(0.0);
            0.0
        };
        optimizer.step(spec.lr, &mut theta, &[0.0, 0.0], &mut grad_at);
        assert_eq!(seen, vec![0.25, -0.5]);
        assert_eq!(theta, [0.25, -0.5]);
    }
}
