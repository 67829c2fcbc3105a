//! `[view] step_overlays`, `step_run` and `step_at` of a surface preset: which of the step
//! anatomy's overlays ([`Overlay`]) the Playground and its figures draw, on which run, at
//! which point of it. Read from the file's names, checked with the [`Invalid`] style, and
//! written back by name so a saved preset round-trips.

use super::PresetError;
use super::invalid::{Invalid, one_of};
use crate::core::anatomy::Overlay;

/// The overlays drawn and where (a surface preset's `[view]`).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StepOverlays {
    /// Which overlays are on, in [`Overlay::ALL`] order, each at most once.
    pub on: Vec<Overlay>,
    /// The run they show (an index into `runs`).
    pub run: usize,
    /// The point whose next step they show; `None`: the run's last point.
    pub at: Option<usize>,
}

impl StepOverlays {
    /// Whether `overlay` is on.
    #[must_use]
    pub fn shows(&self, overlay: Overlay) -> bool {
        self.on.contains(&overlay)
    }

    /// Turns `overlay` on or off (keeping [`Overlay::ALL`] order).
    pub fn set(&mut self, overlay: Overlay, on: bool) {
        self.on.retain(|o| *o != overlay);
        if on {
            self.on.push(overlay);
            self.on
                .sort_by_key(|o| Overlay::ALL.iter().position(|a| a == o));
        }
    }

    /// The names, as the file writes them.
    #[must_use]
    pub fn names(&self) -> Vec<String> {
        self.on.iter().map(|o| o.name().to_string()).collect()
    }
}

/// Checks `view.step_overlays` (names of [`Overlay`]s, none twice), `view.step_run` (below
/// `runs`) and `view.step_at` (at most `steps`).
pub(super) fn validate(
    v: &Invalid<'_>,
    names: Option<Vec<String>>,
    run: Option<usize>,
    at: Option<usize>,
    runs: usize,
    steps: usize,
) -> Result<StepOverlays, PresetError> {
    let mut out = StepOverlays::default();
    for name in names.unwrap_or_default() {
        let Some(overlay) = Overlay::from_name(&name) else {
            let all: Vec<&str> = Overlay::ALL.iter().map(|o| o.name()).collect();
            return Err(v.err(
                "view.step_overlays",
                format!("= \"{name}\" is not one of {}", one_of(&all)),
            ));
        };
        if out.shows(overlay) {
            return Err(v.err("view.step_overlays", format!("names \"{name}\" twice")));
        }
        out.set(overlay, true);
    }
    out.run = run.unwrap_or(0);
    if out.run >= runs {
        return Err(v.err(
            "view.step_run",
            format!("must be a run's index, 0..={}, got {}", runs - 1, out.run),
        ));
    }
    if let Some(at) = at
        && at > steps
    {
        return Err(v.err(
            "view.step_at",
            format!("must be a point of the run, 0..={steps}, got {at}"),
        ));
    }
    out.at = at;
    Ok(out)
}
