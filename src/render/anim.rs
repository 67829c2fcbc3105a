//! The race as an animated GIF: the trajectories growing over the landscape with a step
//! counter, in the figure's language and font (set on every thread that draws a frame). The
//! background (heatmap, contours, axes, colour bar, legend) is drawn once; each
//! frame copies it and draws the runs up to its step. Frames are drawn, mapped to one global
//! 256-colour palette and LZW-compressed in parallel with rayon, then written in order, so
//! the file is the same bytes on any number of threads.
//!
//! The palette is learnt (NeuQuant) from the last frame, which holds every colour the others
//! do; a 32³ lookup table then maps a pixel to its palette index in one read.

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use plotters::prelude::*;
use rayon::prelude::*;

use super::landscape::{self, Heatmap, LandscapeFigure, Layout};
use super::{FigureSize, RenderError, draw_err, font};

/// Frames per second and length of an animation.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Animation {
    /// Frames per second (1 to 50; GIF delays are hundredths of a second).
    pub fps: u32,
    /// Length in seconds (up to 60).
    pub seconds: f64,
}

impl Default for Animation {
    fn default() -> Self {
        Self {
            fps: 30,
            seconds: 5.0,
        }
    }
}

impl Animation {
    /// The longest animation accepted, in seconds.
    pub const MAX_SECONDS: f64 = 60.0;

    /// An animation after checking its numbers.
    ///
    /// # Errors
    /// [`RenderError::Invalid`] naming the value out of range.
    pub fn new(fps: u32, seconds: f64) -> Result<Self, RenderError> {
        if !(1..=50).contains(&fps) {
            return Err(RenderError::Invalid(format!(
                "--fps {fps} is out of range: 1 to 50 frames per second"
            )));
        }
        if !(seconds.is_finite() && seconds > 0.0 && seconds <= Self::MAX_SECONDS) {
            return Err(RenderError::Invalid(format!(
                "--seconds {seconds} is out of range: more than 0 and at most {}",
                Self::MAX_SECONDS
            )));
        }
        Ok(Self { fps, seconds })
    }

    /// The number of frames: `fps × seconds`, rounded, at least 1.
    #[must_use]
    pub fn frames(&self) -> usize {
        ((f64::from(self.fps) * self.seconds).round() as usize).max(1)
    }

    /// The step frame `f` of `frames` shows, for a race of `last_step` steps: evenly
    /// spaced, the first frame at step 0 and the last at `last_step`.
    #[must_use]
    pub fn step_of(frame: usize, frames: usize, last_step: usize) -> usize {
        if frames <= 1 {
            return last_step;
        }
        ((frame as f64 / (frames - 1) as f64) * last_step as f64).round() as usize
    }
}

/// One frame as RGB: the background with the runs up to `step`.
fn frame_rgb(
    background: &[u8],
    figure: &LandscapeFigure,
    layout: &Layout,
    size: (u32, u32),
    step: usize,
) -> Result<Vec<u8>, RenderError> {
    // Frames are drawn on rayon's threads, each with its own font in use.
    let _font = font::use_font(font::FigureFont::of(figure.lang));
    let mut buf = background.to_vec();
    {
        let root =
            super::text::Typeset(BitMapBackend::with_buffer(&mut buf, size)).into_drawing_area();
        landscape::draw_runs(&root, figure, layout, Some(step), false)?;
        root.present().map_err(draw_err)?;
    }
    Ok(buf)
}

/// A palette of 255 colours (index 255 is kept for "unchanged" pixels of delta frames):
/// `fixed` first (the run colours, the ink, so a thin line keeps its exact colour), the rest
/// learnt (NeuQuant) from `rgb`; and a table from 15-bit colour to the nearest entry.
fn palette(rgb: &[u8], fixed: &[[u8; 3]]) -> (Vec<u8>, Vec<u8>) {
    let rgba: Vec<u8> = rgb
        .chunks_exact(3)
        .flat_map(|p| [p[0], p[1], p[2], 255])
        .collect();
    let fixed = &fixed[..fixed.len().min(64)];
    let quant = color_quant::NeuQuant::new(10, 255 - fixed.len(), &rgba);
    let mut entries: Vec<[u8; 3]> = fixed.to_vec();
    entries.extend(
        quant
            .color_map_rgb()
            .chunks_exact(3)
            .map(|c| [c[0], c[1], c[2]]),
    );
    let table = (0..32 * 32 * 32)
        .into_par_iter()
        .map(|key: usize| {
            let channel = |shift: usize| i32::from((((key >> shift) & 31) << 3 | 4) as u8);
            let (r, g, b) = (channel(10), channel(5), channel(0));
            entries
                .iter()
                .enumerate()
                .min_by_key(|(_, e)| {
                    let d = |x: u8, y: i32| (i32::from(x) - y).pow(2);
                    d(e[0], r) + d(e[1], g) + d(e[2], b)
                })
                .map_or(0, |(i, _)| i as u8)
        })
        .collect();
    let mut colors: Vec<u8> = entries.iter().flatten().copied().collect();
    colors.resize(256 * 3, 0);
    (colors, table)
}

/// The palette index of pixels unchanged since the previous frame.
const UNCHANGED: u8 = 255;

/// Frame `now` (palette indices, rows of `width`) as a GIF frame drawn over `before`: the
/// bounding box of the changed pixels with unchanged ones transparent; the whole frame
/// when there is no `before`. LZW-compressed.
fn delta_frame(before: Option<&[u8]>, now: &[u8], width: usize, delay: u16) -> gif::Frame<'static> {
    let height = now.len() / width.max(1);
    let (left, top, w, h, buffer) = match before {
        None => (0, 0, width, height, now.to_vec()),
        Some(before) => {
            let changed = |i: usize| before[i] != now[i];
            let rows: Vec<usize> = (0..height)
                .filter(|&r| (r * width..(r + 1) * width).any(changed))
                .collect();
            match (rows.first(), rows.last()) {
                (Some(&r0), Some(&r1)) => {
                    let cols = |r: usize| {
                        let row = r * width;
                        let first = (0..width).find(|&c| changed(row + c)).unwrap_or(width);
                        let last = (0..width).rev().find(|&c| changed(row + c)).unwrap_or(0);
                        (first, last)
                    };
                    let (c0, c1) = rows
                        .iter()
                        .map(|&r| cols(r))
                        .fold((width, 0), |(lo, hi), (a, b)| (lo.min(a), hi.max(b)));
                    let (w, h) = (c1 + 1 - c0, r1 + 1 - r0);
                    let mut buffer = Vec::with_capacity(w * h);
                    for r in r0..=r1 {
                        for c in c0..=c1 {
                            let i = r * width + c;
                            buffer.push(if changed(i) { now[i] } else { UNCHANGED });
                        }
                    }
                    (c0, r0, w, h, buffer)
                }
                // Nothing changed: one transparent pixel keeps the frame's time.
                _ => (0, 0, 1, 1, vec![UNCHANGED]),
            }
        }
    };
    let mut frame = gif::Frame {
        left: left as u16,
        top: top as u16,
        width: w as u16,
        height: h as u16,
        delay,
        transparent: before.map(|_| UNCHANGED),
        dispose: gif::DisposalMethod::Keep,
        buffer: Cow::Owned(buffer),
        ..gif::Frame::default()
    };
    frame.make_lzw_pre_encoded();
    frame
}

fn index_of(table: &[u8], p: &[u8]) -> u8 {
    let key =
        (usize::from(p[0] >> 3) << 10) | (usize::from(p[1] >> 3) << 5) | usize::from(p[2] >> 3);
    table[key]
}

/// The GIF of `figure`'s race at `size`: [`Animation::frames`] frames, looping.
/// `progress(done, total)` is called as frames finish (from worker threads).
///
/// # Errors
/// [`RenderError::Draw`] if drawing or encoding fails, [`RenderError::Cancelled`] if `cancel`
/// was set.
pub fn render_gif(
    figure: &LandscapeFigure,
    size: FigureSize,
    animation: Animation,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<u8>, RenderError> {
    let _font = font::use_font(font::FigureFont::of(figure.lang));
    let dims = (size.width, size.height);
    let (w16, h16) = (
        u16::try_from(size.width).map_err(draw_err)?,
        u16::try_from(size.height).map_err(draw_err)?,
    );
    let layout = Layout::new(figure, dims);
    let mut background = vec![255u8; size.width as usize * size.height as usize * 3];
    {
        let root = super::text::Typeset(BitMapBackend::with_buffer(&mut background, dims))
            .into_drawing_area();
        landscape::draw_background(&root, figure, &layout, Heatmap::Raster)?;
        root.present().map_err(draw_err)?;
    }
    let last_step = figure.last_step();
    let frames = animation.frames();
    let finished = frame_rgb(&background, figure, &layout, dims, last_step)?;
    let mut fixed: Vec<[u8; 3]> = figure.runs.iter().map(|r| r.rgb).collect();
    fixed.extend([
        [255, 255, 255],
        [0, 0, 0],
        [25, 25, 25],
        [30, 30, 30],
        [110, 110, 110],
    ]);
    let (global_palette, table) = palette(&finished, &fixed);
    let delay = (100.0 / f64::from(animation.fps)).round().max(2.0) as u16;
    let done = AtomicUsize::new(0);
    let index_frame = |f: usize| -> Result<Vec<u8>, RenderError> {
        if cancel.load(Ordering::Relaxed) {
            return Err(RenderError::Cancelled);
        }
        let step = Animation::step_of(f, frames, last_step);
        let rgb = frame_rgb(&background, figure, &layout, dims, step)?;
        Ok(rgb.chunks_exact(3).map(|p| index_of(&table, p)).collect())
    };
    // Frames go in batches (memory stays at a batch of index images), each drawn in
    // parallel, then stored as the change from the frame before: the bounding box of the
    // changed pixels, unchanged ones transparent, so LZW squeezes them to almost nothing.
    let mut encoded: Vec<gif::Frame<'static>> = Vec::with_capacity(frames);
    let mut previous: Option<Vec<u8>> = None;
    let batch = rayon::current_num_threads().max(1) * 4;
    for first in (0..frames).step_by(batch) {
        let indices: Vec<Vec<u8>> = (first..(first + batch).min(frames))
            .into_par_iter()
            .map(index_frame)
            .collect::<Result<_, _>>()?;
        let mut pieces: Vec<gif::Frame<'static>> = (0..indices.len())
            .into_par_iter()
            .map(|k| {
                let before = if k == 0 {
                    previous.as_deref()
                } else {
                    Some(indices[k - 1].as_slice())
                };
                let frame = delta_frame(before, &indices[k], size.width as usize, delay);
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, frames);
                frame
            })
            .collect();
        encoded.append(&mut pieces);
        previous = indices.into_iter().last();
    }
    let mut out = Vec::new();
    {
        let mut encoder =
            gif::Encoder::new(&mut out, w16, h16, &global_palette).map_err(draw_err)?;
        encoder
            .set_repeat(gif::Repeat::Infinite)
            .map_err(draw_err)?;
        for frame in &encoded {
            encoder
                .write_lzw_pre_encoded_frame(frame)
                .map_err(draw_err)?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::Animation;

    #[test]
    fn frames_span_the_race_from_start_to_finish() {
        let a = Animation::new(30, 5.0).unwrap();
        assert_eq!(a.frames(), 150);
        assert_eq!(Animation::step_of(0, 150, 500), 0);
        assert_eq!(Animation::step_of(149, 150, 500), 500);
        assert_eq!(Animation::step_of(1, 1, 500), 500);
        assert!(Animation::new(0, 1.0).is_err());
        assert!(Animation::new(30, 0.0).is_err());
        assert!(Animation::new(30, f64::NAN).is_err());
    }
}
