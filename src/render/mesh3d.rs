//! The 3-D landscape as pure math: heights from a loss grid (optionally logarithmic, clamped
//! at a quantile so one huge value does not flatten the rest), an orbit camera with an
//! orthographic projection, and a depth-sorted triangle mesh (painter's algorithm) of the
//! shaded surface, the trajectories lying on it and the moving markers riding on it.
//!
//! No egui: `ui::surface3d` turns a [`Mesh2d`] into an egui mesh, and the bench and tests
//! call this directly. World coordinates: the plot's x and y range map to [−1, 1], heights
//! to [0, `exaggeration`].

use crate::core::landscape::Grid;
use crate::render::palette::{ColorMap, ColorScale, rgb_at};

/// An orbit camera: yaw about the vertical axis, pitch above the horizon, zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Rotation about the vertical axis, radians.
    pub yaw: f32,
    /// Elevation above the horizon, radians (0: side view, π/2: from above).
    pub pitch: f32,
    /// Magnification (1: the surface fits the view).
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            yaw: -0.6,
            pitch: 0.6,
            zoom: 1.0,
        }
    }
}

impl Camera {
    /// The pitch range: from just above the horizon to straight down.
    pub const PITCH_RANGE: [f32; 2] = [0.05, std::f32::consts::FRAC_PI_2];

    /// The camera after a drag of `(dx, dy)` pixels (right turns the surface, down tilts
    /// towards the top view).
    #[must_use]
    pub fn dragged(self, dx: f32, dy: f32) -> Self {
        Self {
            yaw: self.yaw - dx * 0.01,
            pitch: (self.pitch + dy * 0.01).clamp(Self::PITCH_RANGE[0], Self::PITCH_RANGE[1]),
            zoom: self.zoom,
        }
    }

    /// The camera after scrolling by `scroll` points (up zooms in), zoom kept in [0.3, 6].
    #[must_use]
    pub fn zoomed(self, scroll: f32) -> Self {
        Self {
            zoom: (self.zoom * libm::expf(scroll * 0.002)).clamp(0.3, 6.0),
            ..self
        }
    }
}

/// Where the projection lands on screen: the centre of the view and the pixels per world
/// unit at zoom 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Screen position of the surface's centre.
    pub center: [f32; 2],
    /// Pixels per world unit at zoom 1.
    pub scale: f32,
}

impl Viewport {
    /// The viewport that fits a surface into a `width × height` rectangle at `origin`.
    #[must_use]
    pub fn fit(origin: [f32; 2], width: f32, height: f32) -> Self {
        Self {
            center: [origin[0] + 0.5 * width, origin[1] + 0.5 * height],
            // The floor's diagonal is 2√2 world units; leave a margin.
            scale: 0.31 * width.min(height),
        }
    }
}

/// Projects the world point `p` (x, y, z) to `[screen x, screen y, depth]`; a larger depth is
/// farther from the viewer. `z_center` is the height the view turns about (the middle of the
/// surface's heights).
#[must_use]
pub fn project(camera: &Camera, viewport: &Viewport, z_center: f32, p: [f32; 3]) -> [f32; 3] {
    let (sy, cy) = libm::sincosf(camera.yaw);
    let (sp, cp) = libm::sincosf(camera.pitch);
    let x = p[0] * cy - p[1] * sy;
    let y = p[0] * sy + p[1] * cy;
    let z = p[2] - z_center;
    let up = z * cp + y * sp;
    let depth = y * cp - z * sp;
    let s = viewport.scale * camera.zoom;
    [
        viewport.center[0] + s * x,
        viewport.center[1] - s * up,
        depth,
    ]
}

/// How grid values become heights.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeightOptions {
    /// Heights on the colour scale's log axis instead of the raw loss.
    pub log: bool,
    /// Heights above this quantile of the finite values are clamped to it (1: no clamp).
    pub clamp_quantile: f32,
    /// The height of the tallest point in world units (the floor is 2 × 2).
    pub exaggeration: f32,
}

impl Default for HeightOptions {
    fn default() -> Self {
        Self {
            log: true,
            clamp_quantile: 0.98,
            exaggeration: 0.8,
        }
    }
}

/// A grid turned into heights and vertex colours, independent of the camera (built once per
/// grid and option change).
#[derive(Clone, Debug, PartialEq)]
pub struct Surface {
    nx: usize,
    ny: usize,
    /// Heights in world units, row-major `[ny][nx]`, row 0 the lowest y.
    z: Vec<f32>,
    /// Shaded vertex colours (RGBA), same layout.
    colors: Vec<[u8; 4]>,
    /// The plot range the floor shows: x, y.
    bounds: [[f64; 2]; 2],
    /// The top of the heights.
    top: f32,
}

impl Surface {
    /// Heights and colours of `grid` with `options`; colours from `map` on `scale`, as the
    /// heatmap shows them, shaded by a fixed light.
    #[must_use]
    pub fn new(grid: &Grid, scale: &ColorScale, map: ColorMap, options: HeightOptions) -> Self {
        let (ny, nx) = grid.values.dim();
        let height_of = |v: f64| {
            if options.log { scale.scaled(v) } else { v }
        };
        let mut finite: Vec<f64> = grid
            .values
            .iter()
            .filter(|v| v.is_finite())
            .map(|&v| height_of(v))
            .collect();
        finite.sort_unstable_by(f64::total_cmp);
        let (lo, hi) = match (finite.first(), finite.last()) {
            (Some(&lo), Some(_)) => {
                let q = f64::from(options.clamp_quantile.clamp(0.0, 1.0));
                let k = ((finite.len() - 1) as f64 * q).round() as usize;
                (lo, finite[k.min(finite.len() - 1)])
            }
            _ => (0.0, 1.0),
        };
        let span = if hi > lo { hi - lo } else { 1.0 };
        let top = options.exaggeration.max(1e-3);
        let z: Vec<f32> = grid
            .values
            .iter()
            .map(|&v| {
                if v.is_finite() {
                    (((height_of(v) - lo) / span).clamp(0.0, 1.0) as f32) * top
                } else {
                    top
                }
            })
            .collect();
        let dx = 2.0 / (nx.max(2) - 1) as f32;
        let dy = 2.0 / (ny.max(2) - 1) as f32;
        let light = normalize([-0.45, -0.35, 0.82]);
        let mut colors = Vec::with_capacity(nx * ny);
        for i in 0..ny {
            for j in 0..nx {
                let at = |i: usize, j: usize| z[i * nx + j];
                let (jl, jr) = (j.saturating_sub(1), (j + 1).min(nx - 1));
                let (il, ir) = (i.saturating_sub(1), (i + 1).min(ny - 1));
                let gx = (at(i, jr) - at(i, jl)) / (dx * (jr - jl).max(1) as f32);
                let gy = (at(ir, j) - at(il, j)) / (dy * (ir - il).max(1) as f32);
                let n = normalize([-gx, -gy, 1.0]);
                let lambert = (n[0] * light[0] + n[1] * light[1] + n[2] * light[2]).max(0.0);
                let shade = 0.55 + 0.45 * lambert;
                let v = grid.values[[i, j]];
                let [r, g, b] = match scale.t(v) {
                    Some(t) => rgb_at(map, scale, t),
                    None => [128, 128, 128],
                };
                let s = |c: u8| (f32::from(c) * shade).round().clamp(0.0, 255.0) as u8;
                colors.push([s(r), s(g), s(b), 255]);
            }
        }
        Self {
            nx,
            ny,
            z,
            colors,
            bounds: [grid.spec.x, grid.spec.y],
            top,
        }
    }

    /// World x, y of a plot point.
    #[must_use]
    pub fn world_xy(&self, p: [f64; 2]) -> [f32; 2] {
        let [x, y] = self.bounds;
        [
            (2.0 * (p[0] - x[0]) / (x[1] - x[0]) - 1.0) as f32,
            (2.0 * (p[1] - y[0]) / (y[1] - y[0]) - 1.0) as f32,
        ]
    }

    /// The surface height under world point `(x, y)` (bilinear; clamped to the floor's edge).
    #[must_use]
    pub fn height_at(&self, xy: [f32; 2]) -> f32 {
        let u = ((xy[0] + 1.0) * 0.5 * (self.nx - 1) as f32).clamp(0.0, (self.nx - 1) as f32);
        let v = ((xy[1] + 1.0) * 0.5 * (self.ny - 1) as f32).clamp(0.0, (self.ny - 1) as f32);
        let (j0, i0) = (u.floor() as usize, v.floor() as usize);
        let (j1, i1) = ((j0 + 1).min(self.nx - 1), (i0 + 1).min(self.ny - 1));
        let (fu, fv) = (u - j0 as f32, v - i0 as f32);
        let at = |i: usize, j: usize| self.z[i * self.nx + j];
        (at(i0, j0) * (1.0 - fu) + at(i0, j1) * fu) * (1.0 - fv)
            + (at(i1, j0) * (1.0 - fu) + at(i1, j1) * fu) * fv
    }

    /// The top of the heights in world units.
    #[must_use]
    pub fn top(&self) -> f32 {
        self.top
    }
}

fn normalize(v: [f32; 3]) -> [f32; 3] {
    let n = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt().max(1e-12);
    [v[0] / n, v[1] / n, v[2] / n]
}

/// A trajectory to lay on the surface.
#[derive(Clone, Debug, PartialEq)]
pub struct Path3d {
    /// Its colour.
    pub rgb: [u8; 3],
    /// Points in plot coordinates, up to the current step; the last one gets a marker.
    pub points: Vec<[f64; 2]>,
}

/// A flat triangle mesh in screen coordinates, in drawing order (farthest first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mesh2d {
    /// Screen positions.
    pub positions: Vec<[f32; 2]>,
    /// RGBA colour per vertex.
    pub colors: Vec<[u8; 4]>,
    /// Three vertex indices per triangle, farthest triangle first.
    pub indices: Vec<u32>,
}

/// Sizes of the lines and markers, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Strokes {
    /// Trajectory line width.
    pub line: f32,
    /// Marker radius.
    pub marker: f32,
}

impl Default for Strokes {
    fn default() -> Self {
        Self {
            line: 2.5,
            marker: 6.0,
        }
    }
}

/// How far lines and markers are pulled towards the viewer in depth, so they win against
/// the surface they lie on.
const LINE_BIAS: f32 = 0.08;
const MARKER_BIAS: f32 = 0.16;

struct Builder {
    mesh: Mesh2d,
    /// Depth per triangle (same order as `mesh.indices` chunks).
    depths: Vec<f32>,
}

impl Builder {
    fn vertex(&mut self, p: [f32; 2], c: [u8; 4]) -> u32 {
        self.mesh.positions.push(p);
        self.mesh.colors.push(c);
        (self.mesh.positions.len() - 1) as u32
    }

    fn triangle(&mut self, a: u32, b: u32, c: u32, depth: f32) {
        self.mesh.indices.extend_from_slice(&[a, b, c]);
        self.depths.push(depth);
    }

    /// A screen-space segment of `width` from `a` to `b` (projected, with depth) as a quad.
    fn segment(&mut self, a: [f32; 3], b: [f32; 3], width: f32, c: [u8; 4]) {
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 1e-3 {
            return;
        }
        let (nx, ny) = (-dy / len * 0.5 * width, dx / len * 0.5 * width);
        let v0 = self.vertex([a[0] + nx, a[1] + ny], c);
        let v1 = self.vertex([a[0] - nx, a[1] - ny], c);
        let v2 = self.vertex([b[0] - nx, b[1] - ny], c);
        let v3 = self.vertex([b[0] + nx, b[1] + ny], c);
        let depth = 0.5 * (a[2] + b[2]) - LINE_BIAS;
        self.triangle(v0, v1, v2, depth);
        self.triangle(v0, v2, v3, depth);
    }

    /// A filled disc of `radius` at projected point `p`.
    fn disc(&mut self, p: [f32; 3], radius: f32, c: [u8; 4], depth: f32) {
        const SIDES: usize = 12;
        let center = self.vertex([p[0], p[1]], c);
        let first = self.mesh.positions.len() as u32;
        for k in 0..SIDES {
            let a = k as f32 / SIDES as f32 * std::f32::consts::TAU;
            self.vertex(
                [p[0] + radius * libm::cosf(a), p[1] + radius * libm::sinf(a)],
                c,
            );
        }
        for k in 0..SIDES as u32 {
            self.triangle(center, first + k, first + (k + 1) % SIDES as u32, depth);
        }
    }
}

/// The mesh of `surface` seen through `camera` in `viewport`, with `paths` lying on it
/// (each ending in a marker): every triangle (surface, line quads, marker discs) sorted
/// farthest first, so drawing in order hides what is behind.
#[must_use]
pub fn build_mesh(
    surface: &Surface,
    camera: &Camera,
    viewport: &Viewport,
    paths: &[Path3d],
    strokes: Strokes,
) -> Mesh2d {
    let (nx, ny) = (surface.nx, surface.ny);
    let zc = 0.5 * surface.top;
    let mut b = Builder {
        mesh: Mesh2d {
            positions: Vec::with_capacity(nx * ny + 4096),
            colors: Vec::with_capacity(nx * ny + 4096),
            indices: Vec::with_capacity(6 * nx * ny + 4096),
        },
        depths: Vec::with_capacity(2 * nx * ny + 1024),
    };
    let mut depth = Vec::with_capacity(nx * ny);
    for i in 0..ny {
        let wy = 2.0 * i as f32 / (ny.max(2) - 1) as f32 - 1.0;
        for j in 0..nx {
            let wx = 2.0 * j as f32 / (nx.max(2) - 1) as f32 - 1.0;
            let k = i * nx + j;
            let p = project(camera, viewport, zc, [wx, wy, surface.z[k]]);
            b.mesh.positions.push([p[0], p[1]]);
            b.mesh.colors.push(surface.colors[k]);
            depth.push(p[2]);
        }
    }
    for i in 0..ny.saturating_sub(1) {
        for j in 0..nx.saturating_sub(1) {
            let k00 = i * nx + j;
            let (k01, k10, k11) = (k00 + 1, k00 + nx, k00 + nx + 1);
            b.triangle(
                k00 as u32,
                k01 as u32,
                k11 as u32,
                (depth[k00] + depth[k01] + depth[k11]) / 3.0,
            );
            b.triangle(
                k00 as u32,
                k11 as u32,
                k10 as u32,
                (depth[k00] + depth[k11] + depth[k10]) / 3.0,
            );
        }
    }
    // The floor's frame, so the box stays readable at any angle.
    let frame = [
        [-1.0, -1.0],
        [1.0, -1.0],
        [1.0, 1.0],
        [-1.0, 1.0],
        [-1.0, -1.0],
    ];
    for w in frame.windows(2) {
        let a = project(camera, viewport, zc, [w[0][0], w[0][1], 0.0]);
        let c = project(camera, viewport, zc, [w[1][0], w[1][1], 0.0]);
        b.segment(a, c, 1.0, [150, 150, 150, 255]);
    }
    let lift = 0.015 * surface.top.max(0.1);
    let on_surface = |p: [f64; 2]| {
        let xy = surface.world_xy(p);
        let xy = [xy[0].clamp(-1.0, 1.0), xy[1].clamp(-1.0, 1.0)];
        project(
            camera,
            viewport,
            zc,
            [xy[0], xy[1], surface.height_at(xy) + lift],
        )
    };
    for path in paths {
        let [r, g, bl] = path.rgb;
        let color = [r, g, bl, 255];
        let projected: Vec<[f32; 3]> = path.points.iter().map(|&p| on_surface(p)).collect();
        for w in projected.windows(2) {
            b.segment(w[0], w[1], strokes.line, color);
        }
        if let Some(&last) = projected.last() {
            b.disc(
                last,
                strokes.marker + 1.5,
                [0, 0, 0, 255],
                last[2] - MARKER_BIAS + 1e-4,
            );
            b.disc(last, strokes.marker, color, last[2] - MARKER_BIAS);
        }
    }
    sort_far_first(b)
}

/// The drawing order of primitives with these depths: farthest first; equal depths keep
/// their order (painter's algorithm).
#[must_use]
pub fn far_first(depths: &[f32]) -> Vec<usize> {
    let mut order: Vec<(f32, u32)> = depths
        .iter()
        .enumerate()
        .map(|(i, &d)| (d, i as u32))
        .collect();
    order.sort_by(|a, c| c.0.total_cmp(&a.0).then(a.1.cmp(&c.1)));
    order.into_iter().map(|(_, i)| i as usize).collect()
}

/// Reorders the triangles of `b` farthest first.
fn sort_far_first(b: Builder) -> Mesh2d {
    let Builder { mut mesh, depths } = b;
    let order = far_first(&depths);
    let indices = std::mem::take(&mut mesh.indices);
    mesh.indices = order
        .iter()
        .flat_map(|&t| {
            let t = t * 3;
            [indices[t], indices[t + 1], indices[t + 2]]
        })
        .collect();
    mesh
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::landscape::{GridSpec, Layer};
    use ndarray::Array2;

    #[test]
    fn the_centre_projects_to_the_viewport_centre_and_x_to_the_right() {
        let camera = Camera {
            yaw: 0.0,
            pitch: 0.5,
            zoom: 2.0,
        };
        let viewport = Viewport {
            center: [400.0, 300.0],
            scale: 100.0,
        };
        let c = project(&camera, &viewport, 0.25, [0.0, 0.0, 0.25]);
        assert!((c[0] - 400.0).abs() < 1e-4 && (c[1] - 300.0).abs() < 1e-4);
        let x = project(&camera, &viewport, 0.25, [1.0, 0.0, 0.25]);
        assert!(
            (x[0] - 600.0).abs() < 1e-3 && (x[1] - 300.0).abs() < 1e-3,
            "{x:?}"
        );
        // Seen from straight above, +y is up on screen and higher points are nearer.
        let top = Camera {
            yaw: 0.0,
            pitch: std::f32::consts::FRAC_PI_2,
            zoom: 1.0,
        };
        let y = project(&top, &viewport, 0.0, [0.0, 1.0, 0.0]);
        assert!(
            (y[0] - 400.0).abs() < 1e-3 && (y[1] - 200.0).abs() < 1e-3,
            "{y:?}"
        );
        let high = project(&top, &viewport, 0.0, [0.0, 0.0, 1.0]);
        let low = project(&top, &viewport, 0.0, [0.0, 0.0, 0.0]);
        assert!(high[2] < low[2]);
    }

    #[test]
    fn clamping_keeps_one_spike_from_flattening_the_rest() {
        let spec = GridSpec::square([0.0, 1.0], [0.0, 1.0], 10);
        let mut values = Array2::from_shape_fn((10, 10), |(_, j)| j as f64);
        values[[5, 5]] = 1e6;
        let grid = Grid {
            spec,
            layer: Layer::Train,
            values,
        };
        let scale = ColorScale::for_grid(&grid, false);
        let options = HeightOptions {
            log: false,
            clamp_quantile: 0.95,
            exaggeration: 1.0,
        };
        let s = Surface::new(&grid, &scale, ColorMap::Viridis, options);
        // Column 9 (value 9) is near the top, not squashed to 1e-5 by the spike.
        assert!(
            s.height_at([1.0, -1.0]) > 0.9,
            "{}",
            s.height_at([1.0, -1.0])
        );
        assert!(s.height_at([-1.0, -1.0]) < 0.01);
    }
}
