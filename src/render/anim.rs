//! The race as an animated GIF: the trajectories growing over the landscape with a step
//! counter. The background (heatmap, contours, axes, colour bar, legend) is drawn once; each
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
use super::{FigureSize, RenderError, draw_err};

/// Frames per second and length of an animation.
#[derive(Clone, Copy, Debug, PartialEq)]
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
    let mut buf = background.to_vec();
    {
        let root = super::text::Typeset(BitMapBackend::with_buffer(&mut buf, size)).into_drawing_area();
        landscape::draw_runs(&root, figure, layout, Some(step))?;
        root.present().map_err(draw_err)?;
    }
    Ok(buf)
}

/// A 256-colour palette learnt from `rgb` and a table from 15-bit colour to its index.
fn palette(rgb: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let rgba: Vec<u8> = rgb
        .chunks_exact(3)
        .flat_map(|p| [p[0], p[1], p[2], 255])
        .collect();
    let quant = color_quant::NeuQuant::new(10, 256, &rgba);
    let table = (0..32 * 32 * 32)
        .map(|key: usize| {
            let channel = |shift: usize| (((key >> shift) & 31) << 3 | 4) as u8;
            quant.index_of(&[channel(10), channel(5), channel(0), 255]) as u8
        })
        .collect();
    (quant.color_map_rgb(), table)
}

fn index_of(table: &[u8], p: &[u8]) -> u8 {
    let key = (usize::from(p[0] >> 3) << 10) | (usize::from(p[1] >> 3) << 5) | usize::from(p[2] >> 3);
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
    let (global_palette, table) = palette(&finished);
    let delay = (100.0 / f64::from(animation.fps)).round().max(2.0) as u16;
    let done = AtomicUsize::new(0);
    let encoded: Result<Vec<gif::Frame<'static>>, RenderError> = (0..frames)
        .into_par_iter()
        .map(|f| {
            if cancel.load(Ordering::Relaxed) {
                return Err(RenderError::Cancelled);
            }
            let step = Animation::step_of(f, frames, last_step);
            let rgb = frame_rgb(&background, figure, &layout, dims, step)?;
            let indices: Vec<u8> = rgb.chunks_exact(3).map(|p| index_of(&table, p)).collect();
            let mut frame = gif::Frame {
                width: w16,
                height: h16,
                delay,
                buffer: Cow::Owned(indices),
                ..gif::Frame::default()
            };
            frame.make_lzw_pre_encoded();
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, frames);
            Ok(frame)
        })
        .collect();
    let encoded = encoded?;
    let mut out = Vec::new();
    {
        let mut encoder = gif::Encoder::new(&mut out, w16, h16, &global_palette).map_err(draw_err)?;
        encoder.set_repeat(gif::Repeat::Infinite).map_err(draw_err)?;
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
