//! The validated surface experiment (the Playground's, and the Sharp vs Flat lab's on a
//! surface): what its jobs and subcommands work on. Only [`crate::preset::parse`] constructs
//! one from a file, after every value has been checked; the window edits one through controls
//! whose ranges are those of [`crate::preset::limits`].

use serde::{Deserialize, Serialize};

use crate::core::landscape::Layer;
use crate::core::surface::{ShiftedCopies, Surface};
use crate::core::train::RunSpec;

/// A toy problem: a surface as a dataset of shifted copies.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SurfaceProblem {
    /// The base function (and κ for the quadratic).
    pub surface: Surface,
    /// N, training samples.
    pub samples: usize,
    /// σ, spread of the shifts.
    pub noise: f64,
    /// M, test samples.
    pub test_samples: usize,
}

impl SurfaceProblem {
    /// The objective, with shifts drawn from the experiment's seed.
    #[must_use]
    pub fn build(&self, seed: u64) -> ShiftedCopies {
        ShiftedCopies::new(
            self.surface.clone(),
            self.samples,
            self.noise,
            self.test_samples,
            seed,
        )
    }
}

/// Training settings shared by every run.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Training {
    /// Optimizer steps per run.
    pub steps: usize,
    /// The start point (θ₁, θ₂).
    pub start: [f64; 2],
}

/// What the main view shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct View {
    /// θ₁ range.
    pub x: [f64; 2],
    /// θ₂ range.
    pub y: [f64; 2],
    /// Grid side (cells per axis).
    pub resolution: usize,
    /// Train surface, test surface or their difference.
    pub layer: Layer,
    /// Logarithmic colour scale.
    pub log_scale: bool,
    /// The step anatomy's overlays drawn, on which run, at which point.
    #[serde(default)]
    pub step_overlays: super::StepOverlays,
}

/// A validated surface experiment (`problem.kind = "surface"`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SurfaceExperiment {
    /// Title shown in the app.
    pub name: String,
    /// One or two sentences shown in the app.
    pub description: String,
    /// Seed of every random stream.
    pub seed: u64,
    /// The problem.
    pub problem: SurfaceProblem,
    /// Steps and start.
    pub training: Training,
    /// The racing runs (1..=16), each with its own batch size.
    pub runs: Vec<RunSpec>,
    /// The main view.
    pub view: View,
}
