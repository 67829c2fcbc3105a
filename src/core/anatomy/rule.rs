//! The update rule of a step's optimizer with that step's numbers filled in, as plain-text
//! math lines (`v ← μ·v + g = 0.9·(0.12, −0.30) + (…) = (…)`), the same in every language; hats are
//! spelled `m_hat` (the monospace fonts have no combining marks).
//! Every number shown was read from the optimizer ([`StepAnatomy`]'s buffers); the rule's
//! right-hand sides only spell out how they combine.

use super::StepAnatomy;
use crate::core::fmt3;
use crate::core::optim::OptimizerKind;

/// A number with three significant digits and a true minus sign.
fn num(x: f64) -> String {
    fmt3(x).replace('-', "−")
}

/// A vector `(a, b)`.
fn vector(v: &[f64]) -> String {
    let parts: Vec<String> = v.iter().map(|x| num(*x)).collect();
    format!("({})", parts.join(", "))
}

/// `v`, or zeros of length `n` when the buffer does not exist yet.
fn or_zeros(v: &[f64], n: usize) -> Vec<f64> {
    if v.is_empty() {
        vec![0.0; n]
    } else {
        v.to_vec()
    }
}

fn squares(v: &[f64]) -> Vec<f64> {
    v.iter().map(|x| x * x).collect()
}

impl StepAnatomy {
    /// The rule of this step's optimizer, one line per assignment, with its numbers.
    #[must_use]
    pub fn rule_lines(&self) -> Vec<String> {
        let s = &self.spec;
        let n = self.theta.len();
        let (theta, next, eta) = (vector(&self.theta), vector(&self.theta_next), num(self.lr));
        let mut lines = Vec::new();
        let mut g = self.batch_grad.clone();
        if s.kind == OptimizerKind::Sam {
            let norm = crate::core::optim::l2_norm(&g);
            lines.push(format!(
                "θ_asc = θ + ρ·g/‖g‖ = {theta} + {}·{}/{} = {}",
                num(s.rho),
                vector(&g),
                num(norm),
                vector(&self.after.ascent)
            ));
            g.clone_from(&self.after.ascent_grad);
            lines.push(format!("g ← ∇L_B(θ_asc) = {}", vector(&g)));
        }
        let kind = self.update_kind();
        let lam = s.weight_decay;
        let decoupled = matches!(kind, OptimizerKind::AdamW | OptimizerKind::Lion);
        if lam != 0.0 && !decoupled {
            let decayed: Vec<f64> = g
                .iter()
                .zip(&self.theta)
                .map(|(g, t)| lam.mul_add(*t, *g))
                .collect();
            lines.push(format!(
                "g ← g + λ·θ = {} + {}·{theta} = {}",
                vector(&g),
                num(lam),
                vector(&decayed)
            ));
            g = decayed;
        }
        if lam != 0.0 && decoupled {
            let shrunk: Vec<f64> = self
                .theta
                .iter()
                .map(|t| t * (1.0 - self.lr * lam))
                .collect();
            lines.push(format!(
                "θ ← θ·(1 − η·λ) = {theta}·{} = {}",
                num(1.0 - self.lr * lam),
                vector(&shrunk)
            ));
        }
        let gs = vector(&g);
        let (before, after) = (&self.before, &self.after);
        match kind {
            OptimizerKind::Sgd if s.momentum == 0.0 => {
                lines.push(format!("θ ← θ − η·g = {theta} − {eta}·{gs} = {next}"));
            }
            OptimizerKind::Sgd => {
                let v = vector(&after.momentum);
                let mu = num(s.momentum);
                if before.momentum.is_empty() {
                    lines.push(format!("v ← g = {v}"));
                } else if s.dampening == 0.0 {
                    let prev = vector(&before.momentum);
                    lines.push(format!("v ← μ·v + g = {mu}·{prev} + {gs} = {v}"));
                } else {
                    let prev = vector(&before.momentum);
                    let keep = num(1.0 - s.dampening);
                    lines.push(format!(
                        "v ← μ·v + (1 − τ)·g = {mu}·{prev} + {keep}·{gs} = {v}"
                    ));
                }
                if s.nesterov {
                    lines.push(format!(
                        "θ ← θ − η·(g + μ·v) = {theta} − {eta}·({gs} + {mu}·{v}) = {next}"
                    ));
                } else {
                    lines.push(format!("θ ← θ − η·v = {theta} − {eta}·{v} = {next}"));
                }
            }
            OptimizerKind::Adam | OptimizerKind::AdamW => {
                let [b1, b2] = s.betas;
                #[allow(clippy::cast_precision_loss)]
                let t = after.steps as f64;
                let m_prev = vector(&or_zeros(&before.momentum, n));
                let v_prev = vector(&or_zeros(&before.second, n));
                lines.push(format!(
                    "m ← β₁·m + (1 − β₁)·g = {}·{m_prev} + {}·{gs} = {}",
                    num(b1),
                    num(1.0 - b1),
                    vector(&after.momentum)
                ));
                lines.push(format!(
                    "v ← β₂·v + (1 − β₂)·g² = {}·{v_prev} + {}·{} = {}",
                    num(b2),
                    num(1.0 - b2),
                    vector(&squares(&g)),
                    vector(&after.second)
                ));
                let bias2 = 1.0 - libm::pow(b2, t);
                let v_hat: Vec<f64> = after.second.iter().map(|v| v / bias2).collect();
                lines.push(format!(
                    "m_hat = m/(1 − β₁^t) = {}, v_hat = v/(1 − β₂^t) = {}  (t = {})",
                    vector(&after.first_moment),
                    vector(&v_hat),
                    after.steps
                ));
                lines.push(format!(
                    "θ ← θ − η/(√v_hat + ε)·m_hat = {theta} − {}·{} = {next}",
                    vector(&after.step_size),
                    vector(&after.first_moment)
                ));
            }
            OptimizerKind::RmsProp => {
                let a = s.alpha;
                lines.push(format!(
                    "v ← α·v + (1 − α)·g² = {}·{} + {}·{} = {}",
                    num(a),
                    vector(&before.second),
                    num(1.0 - a),
                    vector(&squares(&g)),
                    vector(&after.second)
                ));
                let denom = if s.centered {
                    "√(v − ḡ²)"
                } else {
                    "√v"
                };
                let sizes = vector(&after.step_size);
                if s.momentum > 0.0 {
                    lines.push(format!(
                        "b ← μ·b + g/({denom} + ε) = {}·{} + {gs}/(…) = {}",
                        num(s.momentum),
                        vector(&before.momentum),
                        vector(&after.momentum)
                    ));
                    lines.push(format!(
                        "θ ← θ − η·b = {theta} − {eta}·{} = {next}",
                        vector(&after.momentum)
                    ));
                } else {
                    lines.push(format!(
                        "θ ← θ − η/({denom} + ε)·g = {theta} − {sizes}·{gs} = {next}"
                    ));
                }
            }
            OptimizerKind::Adagrad => {
                lines.push(format!(
                    "s ← s + g² = {} + {} = {}",
                    vector(&before.second),
                    vector(&squares(&g)),
                    vector(&after.second)
                ));
                lines.push(format!(
                    "θ ← θ − η_t/(√s + ε)·g = {theta} − {}·{gs} = {next}",
                    vector(&after.step_size)
                ));
            }
            OptimizerKind::Lion | OptimizerKind::Sam => {
                let b1 = s.betas[0];
                let m_prev = or_zeros(&before.momentum, n);
                let c: Vec<f64> = m_prev
                    .iter()
                    .zip(&g)
                    .map(|(m, g)| (1.0 - b1).mul_add(*g, m * b1))
                    .collect();
                lines.push(format!(
                    "c = β₁·m + (1 − β₁)·g = {}·{} + {}·{gs} = {}",
                    num(b1),
                    vector(&m_prev),
                    num(1.0 - b1),
                    vector(&c)
                ));
                lines.push(format!(
                    "θ ← θ − η·sign(c) = {theta} − {eta}·sign(c) = {next}"
                ));
                lines.push(format!(
                    "m ← β₂·m + (1 − β₂)·g = {}",
                    vector(&after.momentum)
                ));
            }
        }
        lines
    }
}
