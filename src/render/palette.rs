//! The colours every picture of basin shares, in the window and in exported figures: the
//! Okabe–Ito run palette, the loss colour maps with their linear, logarithmic and diverging
//! scales (and the colour bar's ticks), and the contour lines drawn on the same scale.
//!
//! No egui here: the headless renderer ([`crate::render`]) draws with these, and
//! `ui::heatmap` / `ui::run_color` turn them into egui colours, so a figure and the window
//! never disagree.

use crate::core::landscape::{Grid, Layer};

/// Okabe–Ito, the colour-blind-safe palette of runs (in run order), as RGB.
pub const OKABE_ITO_RGB: [[u8; 3]; 8] = [
    [0xE6, 0x9F, 0x00],
    [0x56, 0xB4, 0xE9],
    [0x00, 0x9E, 0x73],
    [0xF0, 0xE4, 0x42],
    [0x00, 0x72, 0xB2],
    [0xD5, 0x5E, 0x00],
    [0xCC, 0x79, 0xA7],
    [0x00, 0x00, 0x00],
];

/// The colour of run `i`: Okabe–Ito in order; the eighth (black) becomes light grey on a
/// dark background; after eight the palette repeats.
#[must_use]
pub fn run_rgb(i: usize, dark_background: bool) -> [u8; 3] {
    let c = OKABE_ITO_RGB[i % OKABE_ITO_RGB.len()];
    if dark_background && c == [0, 0, 0] {
        [0xDD, 0xDD, 0xDD]
    } else {
        c
    }
}

/// The class colours of the Network lab's data and decision boundary, in class order, as
/// indices into [`OKABE_ITO_RGB`]: orange and blue first (the two classes of most datasets),
/// then green, reddish purple, vermillion and sky blue. Yellow and black are left out (they
/// vanish on a light or a dark background).
const CLASS_ORDER: [usize; 6] = [0, 4, 2, 6, 5, 1];

/// The colour of class `c` (Okabe–Ito, see `CLASS_ORDER`); after six classes the colours
/// repeat.
#[must_use]
pub fn class_rgb(c: usize) -> [u8; 3] {
    OKABE_ITO_RGB[CLASS_ORDER[c % CLASS_ORDER.len()]]
}

/// The colour maps offered for loss (perceptually uniform).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum ColorMap {
    /// Viridis (the default).
    #[default]
    Viridis,
    /// Magma.
    Magma,
    /// Cividis (safe for colour-vision deficiencies).
    Cividis,
}

impl ColorMap {
    /// Every map, in menu order.
    pub const ALL: [Self; 3] = [Self::Viridis, Self::Magma, Self::Cividis];

    /// The display name.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Viridis => "viridis",
            Self::Magma => "magma",
            Self::Cividis => "cividis",
        }
    }

    pub(crate) fn gradient(self) -> colorous::Gradient {
        match self {
            Self::Viridis => colorous::VIRIDIS,
            Self::Magma => colorous::MAGMA,
            Self::Cividis => colorous::CIVIDIS,
        }
    }
}

/// How a loss value maps to a position `t ∈ [0, 1]` on the colour map.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ColorScale {
    /// `t = (v − min) / (max − min)`.
    Linear {
        /// Smallest finite value.
        min: f64,
        /// Largest finite value.
        max: f64,
    },
    /// `t` linear in `log10(v − min + eps)`; handles values ≤ 0.
    Log {
        /// Smallest finite value.
        min: f64,
        /// Offset that keeps the logarithm finite at the minimum.
        eps: f64,
        /// `log10(eps)`, the bottom of the scale.
        lo: f64,
        /// `log10(max − min + eps)`, the top of the scale.
        hi: f64,
    },
    /// Symmetric around zero (the gap layer): `t = ½ + v / (2·max|v|)`.
    Diverging {
        /// Largest absolute value.
        max_abs: f64,
    },
}

impl ColorScale {
    /// The scale for a grid's values.
    #[must_use]
    pub fn for_grid(grid: &Grid, log_scale: bool) -> Self {
        let (min, max) = grid.finite_range().unwrap_or((0.0, 1.0));
        if grid.layer == Layer::Gap {
            let max_abs = min.abs().max(max.abs());
            return Self::Diverging {
                max_abs: if max_abs > 0.0 { max_abs } else { 1.0 },
            };
        }
        let span = max - min;
        if log_scale && span > 0.0 {
            let eps = (span * 1e-6).max(f64::MIN_POSITIVE);
            Self::Log {
                min,
                eps,
                lo: libm::log10(eps),
                hi: libm::log10(span + eps),
            }
        } else {
            Self::Linear {
                min,
                max: if span > 0.0 { max } else { min + 1.0 },
            }
        }
    }

    /// The value in "scale units": what the colour and the contours are linear in.
    #[must_use]
    pub fn scaled(&self, v: f64) -> f64 {
        match *self {
            Self::Linear { .. } | Self::Diverging { .. } => v,
            Self::Log { min, eps, .. } => libm::log10((v - min).max(0.0) + eps),
        }
    }

    /// The ends of the scale, in scale units.
    #[must_use]
    pub fn scaled_range(&self) -> (f64, f64) {
        match *self {
            Self::Linear { min, max } => (min, max),
            Self::Log { lo, hi, .. } => (lo, hi),
            Self::Diverging { max_abs } => (-max_abs, max_abs),
        }
    }

    /// Position on the colour map, clamped to [0, 1]; `None` for non-finite values.
    #[must_use]
    pub fn t(&self, v: f64) -> Option<f64> {
        if !v.is_finite() {
            return None;
        }
        let (lo, hi) = self.scaled_range();
        Some(((self.scaled(v) - lo) / (hi - lo)).clamp(0.0, 1.0))
    }

    /// The loss value at scale position `t` (inverse of [`Self::t`]).
    #[must_use]
    pub fn value_at(&self, t: f64) -> f64 {
        let (lo, hi) = self.scaled_range();
        let s = lo + t * (hi - lo);
        match *self {
            Self::Linear { .. } | Self::Diverging { .. } => s,
            Self::Log { min, eps, .. } => min + libm::pow(10f64, s) - eps,
        }
    }

    /// Colour bar ticks as `(t, loss value)`. A log scale gets round loss values (1, 2, 5 ×
    /// 10^k, or only the powers of ten when those are many) between the minimum and the
    /// maximum; when fewer than two fit, powers of ten above the minimum. A linear scale gets
    /// five evenly spaced values.
    #[must_use]
    pub fn ticks(&self) -> Vec<(f64, f64)> {
        let Self::Log { min, eps, lo, hi } = *self else {
            return (0..=4)
                .map(|i| {
                    let t = f64::from(i) / 4.0;
                    (t, self.value_at(t))
                })
                .collect();
        };
        let max = min + libm::pow(10f64, hi) - eps;
        // Values closer to the minimum than eps sit below the scale's bottom.
        let round = round_values_between(min + eps, max);
        let ticks: Vec<(f64, f64)> = if round.len() >= 2 {
            round
                .into_iter()
                .map(|v| (self.t(v).unwrap_or(0.0), v))
                .collect()
        } else {
            (lo.ceil() as i32..=hi.floor() as i32)
                .map(|k| {
                    let value = min + 10f64.powi(k);
                    (self.t(value).unwrap_or(0.0), value)
                })
                .collect()
        };
        if ticks.len() > 7 {
            let stride = ticks.len().div_ceil(7);
            return ticks.into_iter().step_by(stride).collect();
        }
        ticks
    }

    /// About `n` contour thresholds, evenly spaced in scale units (strictly inside the range).
    #[must_use]
    pub fn thresholds(&self, n: usize) -> Vec<f64> {
        let (lo, hi) = self.scaled_range();
        (1..=n)
            .map(|i| lo + (hi - lo) * i as f64 / (n + 1) as f64)
            .collect()
    }
}

/// Round values `m × 10^k` (m ∈ {1, 2, 5}; only m = 1 when that leaves more than eight) in
/// `(min, max]`, ascending; empty unless `max > 0`.
fn round_values_between(min: f64, max: f64) -> Vec<f64> {
    if !(max > 0.0 && max > min && max.is_finite() && min.is_finite()) {
        return Vec::new();
    }
    let bottom = if min > 0.0 { min } else { max * 1e-12 };
    let (k0, k1) = (
        libm::log10(bottom).floor() as i32,
        libm::log10(max).ceil() as i32,
    );
    let candidates = |mantissas: &[f64]| -> Vec<f64> {
        (k0..=k1)
            .flat_map(|k| mantissas.iter().map(move |m| m * 10f64.powi(k)))
            .filter(|&v| v > min && v <= max)
            .collect()
    };
    let all = candidates(&[1.0, 2.0, 5.0]);
    if all.len() > 8 {
        candidates(&[1.0])
    } else {
        all
    }
}
/// The colour of scale position `t` on `map` as RGB (the gap layer uses a diverging map).
#[must_use]
pub fn rgb_at(map: ColorMap, scale: &ColorScale, t: f64) -> [u8; 3] {
    let c = match scale {
        // Reversed red–blue: negative gaps blue, positive (test worse than train) red.
        ColorScale::Diverging { .. } => colorous::RED_BLUE.eval_continuous(1.0 - t),
        _ => map.gradient().eval_continuous(t),
    };
    [c.r, c.g, c.b]
}

/// Contour lines of a grid as polylines in plot coordinates (θ₁, θ₂), at `levels` thresholds
/// evenly spaced in scale units. Non-finite cells are treated as the top of the scale.
#[must_use]
pub fn contour_lines(grid: &Grid, scale: &ColorScale, levels: usize) -> Vec<Vec<[f64; 2]>> {
    let (ny, nx) = grid.values.dim();
    if nx < 2 || ny < 2 {
        return Vec::new();
    }
    let top = scale.scaled_range().1;
    let values: Vec<f64> = grid
        .values
        .iter()
        .map(|&v| if v.is_finite() { scale.scaled(v) } else { top })
        .collect();
    let thresholds = scale.thresholds(levels);
    let Ok(lines) = contour::ContourBuilder::new(nx, ny, true).lines(&values, &thresholds) else {
        return Vec::new();
    };
    let spec = grid.spec;
    let dx = (spec.x[1] - spec.x[0]) / (nx - 1) as f64;
    let dy = (spec.y[1] - spec.y[0]) / (ny - 1) as f64;
    // The contour crate puts sample (j, i) at pixel centre (j + ½, i + ½).
    let to_plot = |px: f64, py: f64| [spec.x[0] + (px - 0.5) * dx, spec.y[0] + (py - 0.5) * dy];
    // Rings close along the border of the pixel domain [0, nx] × [0, ny]; those border
    // pieces are not contour lines, so each ring is split where it touches the border.
    let (w, h) = (nx as f64, ny as f64);
    let on_border = |x: f64, y: f64| x <= 0.0 || y <= 0.0 || x >= w || y >= h;
    let mut out = Vec::new();
    for ring in lines.iter().flat_map(|line| line.geometry().0.iter()) {
        let mut piece: Vec<[f64; 2]> = Vec::new();
        for c in &ring.0 {
            if on_border(c.x, c.y) {
                if piece.len() >= 2 {
                    out.push(std::mem::take(&mut piece));
                }
                piece.clear();
            } else {
                piece.push(to_plot(c.x, c.y));
            }
        }
        if piece.len() >= 2 {
            out.push(piece);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::class_rgb;

    #[test]
    fn classes_start_orange_then_blue_and_repeat_after_six() {
        assert_eq!(class_rgb(0), [0xE6, 0x9F, 0x00]);
        assert_eq!(class_rgb(1), [0x00, 0x72, 0xB2]);
        assert_eq!(class_rgb(2), [0x00, 0x9E, 0x73]);
        assert_eq!(class_rgb(3), [0xCC, 0x79, 0xA7]);
        assert_eq!(class_rgb(4), [0xD5, 0x5E, 0x00]);
        assert_eq!(class_rgb(5), [0x56, 0xB4, 0xE9]);
        assert_eq!(class_rgb(6), class_rgb(0));
        let distinct: std::collections::HashSet<[u8; 3]> = (0..6).map(class_rgb).collect();
        assert_eq!(distinct.len(), 6);
    }
}
