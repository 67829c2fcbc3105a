//! The serde mirror of a run's `schedule = { kind = "...", ... }` table and its validation
//! into a [`Schedule`], with torch.optim.lr_scheduler's parameter names (`T_max`, `eta_min`,
//! `step_size`, `gamma`, `max_lr`, `total_steps`, `pct_start`, `div_factor`,
//! `final_div_factor`) plus `warmup_steps` and `warmup_start_factor` in any of them.
//! Parameters torch requires but a preset may leave out take the run's values: `T_max` and
//! `total_steps` the training steps, `max_lr` the run's lr.

use serde::{Deserialize, Serialize};

use super::PresetError;
use super::invalid::Invalid;
use crate::core::schedule::{DEFAULT_WARMUP_START_FACTOR, OneCycle, Schedule, ScheduleKind};

/// `schedule = { ... }` as typed.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ScheduleFile {
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    step_size: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    gamma: Option<f64>,
    #[serde(default, rename = "T_max", skip_serializing_if = "Option::is_none")]
    t_max: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    eta_min: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_lr: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    total_steps: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pct_start: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    div_factor: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    final_div_factor: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    warmup_steps: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    warmup_start_factor: Option<f64>,
}

/// The parameters each kind takes (besides the warm-up's).
fn parameters(kind: &str) -> &'static [&'static str] {
    match kind {
        "step" => &["step_size", "gamma"],
        "exponential" => &["gamma"],
        "cosine" => &["T_max", "eta_min"],
        "one_cycle" => &[
            "max_lr",
            "total_steps",
            "pct_start",
            "div_factor",
            "final_div_factor",
        ],
        _ => &[],
    }
}

impl ScheduleFile {
    fn set_keys(&self) -> Vec<&'static str> {
        let mut keys = Vec::new();
        let mut note = |set: bool, key: &'static str| {
            if set {
                keys.push(key);
            }
        };
        note(self.step_size.is_some(), "step_size");
        note(self.gamma.is_some(), "gamma");
        note(self.t_max.is_some(), "T_max");
        note(self.eta_min.is_some(), "eta_min");
        note(self.max_lr.is_some(), "max_lr");
        note(self.total_steps.is_some(), "total_steps");
        note(self.pct_start.is_some(), "pct_start");
        note(self.div_factor.is_some(), "div_factor");
        note(self.final_div_factor.is_some(), "final_div_factor");
        keys
    }

    /// Checks the table of run `prefix` (`runs.0.schedule`) whose optimizer has `lr`, in an
    /// experiment of `steps` steps.
    pub(super) fn validate(
        self,
        v: &Invalid<'_>,
        prefix: &str,
        lr: f64,
        steps: usize,
    ) -> Result<Schedule, PresetError> {
        let key = |k: &str| format!("{prefix}.{k}");
        let Some(defaults) = ScheduleKind::with_defaults(&self.kind, lr, steps) else {
            return Err(v.err(
                key("kind"),
                format!(
                    "unknown schedule \"{}\"; one of {}",
                    self.kind,
                    ScheduleKind::NAMES.join(", ")
                ),
            ));
        };
        let allowed = parameters(&self.kind);
        if let Some(extra) = self.set_keys().into_iter().find(|k| !allowed.contains(k)) {
            let mut takes: Vec<&str> = allowed.to_vec();
            takes.extend(["warmup_steps", "warmup_start_factor"]);
            return Err(v.err(
                key(extra),
                format!(
                    "is not a parameter of the {} schedule (it takes: {})",
                    self.kind,
                    takes.join(", ")
                ),
            ));
        }
        let kind = match defaults {
            ScheduleKind::Constant => ScheduleKind::Constant,
            ScheduleKind::Step { gamma, .. } => {
                let Some(step_size) = self.step_size else {
                    return Err(v.err(
                        key("step_size"),
                        "is required by the step schedule (StepLR's step_size)",
                    ));
                };
                ScheduleKind::Step {
                    step_size,
                    gamma: self.gamma.unwrap_or(gamma),
                }
            }
            ScheduleKind::Exponential { .. } => {
                let Some(gamma) = self.gamma else {
                    return Err(v.err(
                        key("gamma"),
                        "is required by the exponential schedule (ExponentialLR's gamma)",
                    ));
                };
                ScheduleKind::Exponential { gamma }
            }
            ScheduleKind::Cosine { t_max, eta_min } => ScheduleKind::Cosine {
                t_max: self.t_max.unwrap_or(t_max),
                eta_min: self.eta_min.unwrap_or(eta_min),
            },
            ScheduleKind::OneCycle(c) => ScheduleKind::OneCycle(OneCycle {
                max_lr: self.max_lr.unwrap_or(c.max_lr),
                total_steps: self.total_steps.unwrap_or(c.total_steps),
                pct_start: self.pct_start.unwrap_or(c.pct_start),
                div_factor: self.div_factor.unwrap_or(c.div_factor),
                final_div_factor: self.final_div_factor.unwrap_or(c.final_div_factor),
            }),
        };
        let schedule = Schedule {
            kind,
            warmup_steps: self.warmup_steps.unwrap_or(0),
            warmup_start_factor: self
                .warmup_start_factor
                .unwrap_or(DEFAULT_WARMUP_START_FACTOR),
        };
        schedule
            .validate()
            .map_err(|(k, message)| v.err(key(k), message))?;
        Ok(schedule)
    }

    /// The table that describes `s` with every parameter explicit; `None` for a constant lr
    /// without warm-up (the default, written as nothing).
    pub(super) fn from_schedule(s: &Schedule) -> Option<Self> {
        if s.is_constant() {
            return None;
        }
        let mut file = Self {
            kind: s.kind.name().into(),
            warmup_steps: (s.warmup_steps > 0).then_some(s.warmup_steps),
            warmup_start_factor: (s.warmup_steps > 0).then_some(s.warmup_start_factor),
            ..Self::default()
        };
        match s.kind {
            ScheduleKind::Constant => {}
            ScheduleKind::Step { step_size, gamma } => {
                file.step_size = Some(step_size);
                file.gamma = Some(gamma);
            }
            ScheduleKind::Exponential { gamma } => file.gamma = Some(gamma),
            ScheduleKind::Cosine { t_max, eta_min } => {
                file.t_max = Some(t_max);
                file.eta_min = Some(eta_min);
            }
            ScheduleKind::OneCycle(c) => {
                file.max_lr = Some(c.max_lr);
                file.total_steps = Some(c.total_steps);
                file.pct_start = Some(c.pct_start);
                file.div_factor = Some(c.div_factor);
                file.final_div_factor = Some(c.final_div_factor);
            }
        }
        Some(file)
    }
}
