//! Turns a landscape [`Grid`] into what the Playground draws: a colour image (colour map,
//! optional log scale, a diverging map for the gap layer), contour lines on the same scale,
//! and the ticks of the colour bar in loss units.
//!
//! Everything here is computed once per new grid (or per colour-map change), never per
//! frame. It knows egui only through `Color32`/`ColorImage`; nothing here talks to a `Ui`.
//! The maps, scales and contours themselves live in [`crate::render::palette`] (shared with
//! the exported figures) and are re-exported here.

use egui::{Color32, ColorImage};

use crate::core::landscape::Grid;
pub use crate::render::palette::{ColorMap, ColorScale, contour_lines};

/// The colour of scale position `t` on `map` (the gap layer uses a diverging map).
#[must_use]
pub fn color_at(map: ColorMap, scale: &ColorScale, t: f64) -> Color32 {
    let [r, g, b] = crate::render::palette::rgb_at(map, scale, t);
    Color32::from_rgb(r, g, b)
}

/// The heatmap image of a grid: pixel `(col j, row r)` shows grid row `ny − 1 − r`, because
/// grid row 0 is the lowest y and image row 0 is the top. Non-finite cells are grey.
#[must_use]
pub fn grid_image(grid: &Grid, scale: &ColorScale, map: ColorMap) -> ColorImage {
    let (ny, nx) = grid.values.dim();
    let mut pixels = Vec::with_capacity(nx * ny);
    for r in 0..ny {
        let row = ny - 1 - r;
        for j in 0..nx {
            let v = grid.values[[row, j]];
            pixels.push(match scale.t(v) {
                Some(t) => color_at(map, scale, t),
                None => Color32::GRAY,
            });
        }
    }
    ColorImage::new([nx, ny], pixels)
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::landscape::{GridSpec, Layer};
    use ndarray::Array2;

    fn ramp_grid(layer: Layer) -> Grid {
        // v(x, y) = x on [0, 4] × [10, 12], 5 × 3 samples.
        let spec = GridSpec {
            x: [0.0, 4.0],
            y: [10.0, 12.0],
            nx: 5,
            ny: 3,
        };
        let values = Array2::from_shape_fn((3, 5), |(_, j)| j as f64);
        Grid {
            spec,
            layer,
            values,
        }
    }

    #[test]
    fn image_row_zero_is_the_highest_y() {
        let spec = GridSpec {
            x: [0.0, 1.0],
            y: [0.0, 1.0],
            nx: 2,
            ny: 2,
        };
        // Row 0 (lowest y) is low, row 1 (highest y) is high.
        let values = Array2::from_shape_vec((2, 2), vec![0.0, 0.0, 1.0, 1.0]).unwrap();
        let grid = Grid {
            spec,
            layer: Layer::Train,
            values,
        };
        let scale = ColorScale::for_grid(&grid, false);
        let img = grid_image(&grid, &scale, ColorMap::Viridis);
        let top = img.pixels[0];
        let bottom = img.pixels[2];
        assert_eq!(top, color_at(ColorMap::Viridis, &scale, 1.0));
        assert_eq!(bottom, color_at(ColorMap::Viridis, &scale, 0.0));
    }

    #[test]
    fn contour_of_a_ramp_sits_at_its_threshold() {
        let grid = ramp_grid(Layer::Train);
        let scale = ColorScale::for_grid(&grid, false);
        // One level: the middle of [0, 4] is 2.
        let lines = contour_lines(&grid, &scale, 1);
        assert!(!lines.is_empty());
        for p in lines.iter().flatten() {
            assert!((p[0] - 2.0).abs() < 1e-9, "contour point {p:?}");
        }
    }

    #[test]
    fn log_scale_round_trips_and_ticks_are_real_losses() {
        let spec = GridSpec::square([0.0, 1.0], [0.0, 1.0], 2);
        let values = Array2::from_shape_vec((2, 2), vec![0.0, 1.0, 100.0, 1000.0]).unwrap();
        let grid = Grid {
            spec,
            layer: Layer::Train,
            values,
        };
        let scale = ColorScale::for_grid(&grid, true);
        for v in [0.0, 0.5, 10.0, 1000.0] {
            let t = scale.t(v).unwrap();
            assert!((scale.value_at(t) - v).abs() < 1e-6 * (1.0 + v));
        }
        let ticks = scale.ticks();
        let values: Vec<f64> = ticks.iter().map(|t| t.1).collect();
        assert!(
            values.contains(&1.0) && values.contains(&100.0),
            "{values:?}"
        );
        assert!(values.iter().all(|&v| v > 0.0 && v <= 1000.0), "{values:?}");
        // t grows with the value.
        assert!(ticks.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn log_ticks_are_round_losses_even_when_the_minimum_is_not_zero() {
        let spec = GridSpec::square([0.0, 1.0], [0.0, 1.0], 2);
        let values = Array2::from_shape_vec((2, 2), vec![0.004_85, 1.0, 10.0, 300.0]).unwrap();
        let grid = Grid {
            spec,
            layer: Layer::Train,
            values,
        };
        let ticks = ColorScale::for_grid(&grid, true).ticks();
        let values: Vec<f64> = ticks.iter().map(|t| t.1).collect();
        assert_eq!(values, vec![0.01, 0.1, 1.0, 10.0, 100.0]);
        assert!(ticks.iter().all(|&(t, _)| (0.0..=1.0).contains(&t)));
    }

    #[test]
    fn gap_layer_is_symmetric_around_zero() {
        let mut grid = ramp_grid(Layer::Gap);
        grid.values.mapv_inplace(|v| v - 1.0); // −1 … 3
        let scale = ColorScale::for_grid(&grid, true);
        assert_eq!(scale.t(0.0), Some(0.5));
        assert_eq!(scale.t(3.0), Some(1.0));
        assert_eq!(scale.t(-3.0), Some(0.0));
    }
}
