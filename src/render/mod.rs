//! Figures without a window: `basin render` and the app's "Export figure…" / "Export
//! animation" draw a lab's main figure with plotters (bitmap and SVG backends, the bundled
//! fonts through their pure-Rust `ab_glyph` path, nothing from the system) in the app's colours
//! ([`palette`]), and write PNG, SVG or an animated GIF atomically (temp file + rename).
//!
//! Every figure is in one language ([`Figure::lang`]: the window's, or `basin render
//! --lang`): its builder takes the language and words every title, caption, legend and axis
//! label through the `fig.` strings of [`crate::i18n::figures`] (the English text is what
//! figures always said), and it is drawn in that language's font ([`font::FigureFont::of`]).
//!
//! - [`landscape`]: the Playground / network figure (heatmap, contours, trajectories, colour
//!   bar, legend, title, stamp);
//! - [`biasvar`]: the Bias–Variance figure (the beam of fits and the decomposition curves);
//! - [`overlay`]: the step anatomy's arrows, ellipse and points over the landscape;
//! - [`anim`]: the race as a GIF, frames drawn in parallel on one shared background;
//! - [`mesh3d`]: the 3-D landscape's projection and depth-sorted triangle mesh (pure math,
//!   drawn by `ui::surface3d`);
//! - [`palette`]: the colours shared with the window;
//! - [`experiment`]: runs a preset headless and gathers what its figure shows.
//!
//! Nothing here imports egui; the GUI calls these from a background job.

use std::path::Path;

use plotters::coord::ranged1d::ValueFormatter;
use plotters::prelude::*;

pub mod anim;
pub mod biasvar;
pub mod experiment;
pub mod font;
pub mod landscape;
pub mod mesh3d;
pub mod overlay;
pub mod palette;
pub mod sharpflat;
mod svg;
pub mod task;
mod text;

pub use anim::Animation;
pub use biasvar::BiasVarianceFigure;
pub use landscape::LandscapeFigure;
pub use sharpflat::SharpFlatFigure;

use crate::export::ExportError;

/// The largest width or height accepted, in pixels.
pub const MAX_SIDE: u32 = 8192;

/// The smallest width or height accepted, in pixels (room for the axes and the legend).
pub const MIN_SIDE: u32 = 160;

/// Why a figure could not be made.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A size, format or option that cannot be drawn (bad input).
    #[error("{0}")]
    Invalid(String),
    /// Plotters failed while drawing.
    #[error("drawing failed: {0}")]
    Draw(String),
    /// The file could not be written.
    #[error(transparent)]
    Export(#[from] ExportError),
    /// The work was cancelled.
    #[error("cancelled")]
    Cancelled,
}

impl RenderError {
    /// Whether the error is the caller's input (exit status 2 in the CLI).
    #[must_use]
    pub fn is_bad_input(&self) -> bool {
        matches!(self, Self::Invalid(_) | Self::Export(_))
    }
}

pub(crate) fn draw_err<E: std::fmt::Debug>(e: E) -> RenderError {
    RenderError::Draw(format!("{e:?}"))
}

/// Draws a chart's axes as the line and heat-map figures style them: tick labels at `0.8 f`
/// and axis titles at `0.9 f` pixels in colour `ink`, on a `mesh` already given its labels.
pub(crate) fn draw_axes<X, Y, DB>(
    mesh: &mut plotters::chart::MeshStyle<'_, '_, X, Y, DB>,
    f: f64,
    ink: [u8; 3],
) -> Result<(), RenderError>
where
    X: Ranged + ValueFormatter<<X as Ranged>::ValueType>,
    Y: Ranged + ValueFormatter<<Y as Ranged>::ValueType>,
    DB: DrawingBackend,
{
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    mesh.label_style(text_style(0.8 * f, ink, Pos::new(HPos::Center, VPos::Top)))
        .axis_desc_style(text_style(0.9 * f, ink, Pos::new(HPos::Center, VPos::Top)))
        .draw()
        .map_err(draw_err)
}

/// Text in the font of the figure being drawn ([`font::current`]) at `size` pixels, colour
/// `rgb`, anchored at `pos`.
pub(crate) fn text_style(
    size: f64,
    rgb: [u8; 3],
    pos: plotters::style::text_anchor::Pos,
) -> TextStyle<'static> {
    TextStyle {
        font: FontDesc::new(
            FontFamily::Name(font::current().family()),
            size,
            FontStyle::Normal,
        ),
        color: RGBColor(rgb[0], rgb[1], rgb[2]).to_backend_color(),
        pos,
    }
}

/// Fills `root` white, writes `title` at the top left and `stamp` small at the bottom right,
/// and returns the area between them with the figure's text unit `f` (a body text size that
/// scales with the figure: 1/42 of its smaller side, 9 to 34 pixels).
pub(crate) fn framed<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    title: &str,
    stamp: &str,
) -> Result<(DrawingArea<DB, plotters::coord::Shift>, f64), RenderError> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    font::ensure_registered();
    root.fill(&WHITE).map_err(draw_err)?;
    let (w, h) = root.dim_in_pixel();
    let f = (f64::from(h.min(w)) / 42.0).clamp(9.0, 34.0);
    let title_h = (2.4 * f) as u32;
    let stamp_h = (1.8 * f) as u32;
    let (title_area, rest) = root.split_vertically(title_h);
    let (main, stamp_area) = rest.split_vertically(h.saturating_sub(title_h + stamp_h));
    title_area
        .draw_text(
            &font::printable(title),
            &text_style(1.3 * f, [25, 25, 25], Pos::new(HPos::Left, VPos::Center)),
            ((0.6 * f) as i32, (title_h / 2) as i32),
        )
        .map_err(draw_err)?;
    stamp_area
        .draw_text(
            &font::printable(stamp),
            &text_style(
                0.8 * f,
                [110, 110, 110],
                Pos::new(HPos::Right, VPos::Center),
            ),
            ((f64::from(w) - 0.6 * f) as i32, (stamp_h / 2) as i32),
        )
        .map_err(draw_err)?;
    Ok((main, f))
}

/// The file formats a figure can be written in, chosen by the output's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Format {
    /// A PNG bitmap.
    Png,
    /// An SVG vector figure (the heatmap embedded as a PNG raster).
    Svg,
    /// An animated GIF of the race.
    Gif,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Self; 3] = [Self::Png, Self::Svg, Self::Gif];

    /// The file extension.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Gif => "gif",
        }
    }

    /// The format of `path`'s extension (case-insensitive).
    ///
    /// # Errors
    /// [`RenderError::Invalid`] naming the extension when it is none of png, svg, gif.
    pub fn from_path(path: &Path) -> Result<Self, RenderError> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        Self::ALL
            .into_iter()
            .find(|f| f.extension() == ext)
            .ok_or_else(|| {
                RenderError::Invalid(format!(
                    "{}: unknown figure format {}; use .png, .svg or .gif",
                    path.display(),
                    if ext.is_empty() {
                        "(no extension)".to_string()
                    } else {
                        format!(".{ext}")
                    }
                ))
            })
    }
}

/// A figure's size in pixels (for SVG: user units).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FigureSize {
    /// Width.
    pub width: u32,
    /// Height.
    pub height: u32,
}

impl FigureSize {
    /// A size after checking both sides lie in [`MIN_SIDE`, `MAX_SIDE`].
    ///
    /// # Errors
    /// [`RenderError::Invalid`] saying which side is out of range.
    pub fn new(width: u32, height: u32) -> Result<Self, RenderError> {
        for (name, v) in [("width", width), ("height", height)] {
            if !(MIN_SIDE..=MAX_SIDE).contains(&v) {
                return Err(RenderError::Invalid(format!(
                    "{name} {v} is out of range: a figure is {MIN_SIDE} to {MAX_SIDE} pixels \
                     wide and high"
                )));
            }
        }
        Ok(Self { width, height })
    }

    /// The default size of a format: 1600×1000 for figures, 960×600 for animations.
    #[must_use]
    pub fn default_for(format: Format) -> Self {
        match format {
            Format::Gif => Self {
                width: 960,
                height: 600,
            },
            _ => Self {
                width: 1600,
                height: 1000,
            },
        }
    }

    fn pair(self) -> (u32, u32) {
        (self.width, self.height)
    }
}

/// A lab's main figure.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum Figure {
    /// The Playground or a network preset: the landscape with the trajectories.
    Landscape(Box<LandscapeFigure>),
    /// The Bias–Variance lab: the beam of fits and the decomposition curves.
    BiasVariance(Box<BiasVarianceFigure>),
    /// The Sharp vs Flat lab: the interpolation between the two solutions and the sweep.
    SharpFlat(Box<SharpFlatFigure>),
}

impl Figure {
    /// The language the figure is worded in (its font follows it).
    #[must_use]
    pub fn lang(&self) -> crate::i18n::Lang {
        match self {
            Self::Landscape(fig) => fig.lang,
            Self::BiasVariance(fig) => fig.lang,
            Self::SharpFlat(fig) => fig.lang,
        }
    }

    /// The font the figure is drawn in.
    #[must_use]
    pub fn font(&self) -> font::FigureFont {
        font::FigureFont::of(self.lang())
    }
}

/// An axis tick label: 3 significant digits without trailing zeros (`4`, `0.5`, `-1.25`,
/// `1e-5`).
#[must_use]
pub fn tick_label(value: f64) -> String {
    let text = crate::core::fmt3(value);
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (m, Some(e)),
        None => (text.as_str(), None),
    };
    let mut mantissa = if mantissa.contains('.') {
        mantissa.trim_end_matches('0').trim_end_matches('.')
    } else {
        mantissa
    };
    if mantissa == "-0" {
        mantissa = "0";
    }
    match exponent {
        Some(e) => format!("{mantissa}e{e}"),
        None => mantissa.to_string(),
    }
}

/// Draws `figure` into an RGB buffer of `size` (rows top to bottom).
///
/// # Errors
/// [`RenderError::Draw`] if plotters fails.
pub fn render_rgb(figure: &Figure, size: FigureSize) -> Result<Vec<u8>, RenderError> {
    let _font = font::use_font(figure.font());
    let (w, h) = size.pair();
    let mut buf = vec![255u8; w as usize * h as usize * 3];
    {
        let root = text::Typeset(BitMapBackend::with_buffer(&mut buf, (w, h))).into_drawing_area();
        match figure {
            Figure::Landscape(fig) => {
                let layout = landscape::Layout::new(fig, (w, h));
                landscape::draw_background(&root, fig, &layout, landscape::Heatmap::Raster)?;
                landscape::draw_runs(&root, fig, &layout, fig.still_upto(), false)?;
            }
            Figure::BiasVariance(fig) => biasvar::draw(&root, fig)?,
            Figure::SharpFlat(fig) => sharpflat::draw(&root, fig)?,
        }
        root.present().map_err(draw_err)?;
    }
    Ok(buf)
}

/// Draws `figure` as an SVG document of `size`.
///
/// # Errors
/// [`RenderError::Draw`] if plotters fails.
pub fn render_svg(figure: &Figure, size: FigureSize) -> Result<String, RenderError> {
    let _font = font::use_font(figure.font());
    let (w, h) = size.pair();
    let mut text = String::new();
    let mut raster = None;
    {
        let root = SVGBackend::with_string(&mut text, (w, h)).into_drawing_area();
        match figure {
            Figure::Landscape(fig) => {
                let layout = landscape::Layout::new(fig, (w, h));
                landscape::draw_background(&root, fig, &layout, landscape::Heatmap::Placeholder)?;
                landscape::draw_runs(&root, fig, &layout, fig.still_upto(), true)?;
                raster = Some(fig);
            }
            Figure::BiasVariance(fig) => biasvar::draw(&root, fig)?,
            Figure::SharpFlat(fig) => sharpflat::draw(&root, fig)?,
        }
        root.present().map_err(draw_err)?;
    }
    match raster {
        Some(fig) => svg::embed_heatmap(&text, fig),
        None => Ok(text),
    }
}

/// Renders `figure` into `path` in the format of its extension: PNG, SVG, or (landscape
/// figures only) a GIF of the race with `animation` ([`encode_figure`]). `progress(done,
/// total)` is called as animation frames finish. Nothing is left at `path` on error. Returns
/// what was written, for a notice.
///
/// # Errors
/// [`RenderError::Invalid`] for an unknown extension or a GIF of a figure without motion,
/// [`RenderError::Export`] if the file cannot be written, [`RenderError::Draw`] if drawing
/// fails, [`RenderError::Cancelled`] if `cancel` was set.
pub fn write_figure(
    path: &Path,
    figure: &Figure,
    size: FigureSize,
    animation: Animation,
    cancel: &std::sync::atomic::AtomicBool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<String, RenderError> {
    let format = Format::from_path(path)?;
    let bytes = encode_figure(path, format, figure, size, animation, cancel, progress)?;
    crate::export::write_bytes(path, &bytes)?;
    Ok(written(path, format, size, animation))
}

/// What [`write_figure`] says it wrote: `wrote PATH (W×H PNG)`, and for a GIF its frames.
#[must_use]
fn written(path: &Path, format: Format, size: FigureSize, animation: Animation) -> String {
    let kind = format.extension().to_uppercase();
    let frames = if format == Format::Gif {
        format!(", {} frames at {} fps", animation.frames(), animation.fps)
    } else {
        String::new()
    };
    format!(
        "wrote {} ({}×{} {kind}{frames})",
        path.display(),
        size.width,
        size.height
    )
}

/// `figure` as the bytes of a `format` file (`path` only names it in errors): PNG, SVG, or
/// (landscape figures only) a GIF of the race with `animation`.
///
/// # Errors
/// As [`write_figure`], but nothing is written.
pub fn encode_figure(
    path: &Path,
    format: Format,
    figure: &Figure,
    size: FigureSize,
    animation: Animation,
    cancel: &std::sync::atomic::AtomicBool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Png => {
            let rgb = render_rgb(figure, size)?;
            let rgba: Vec<u8> = rgb
                .chunks_exact(3)
                .flat_map(|p| [p[0], p[1], p[2], 255])
                .collect();
            Ok(crate::export::png_bytes(
                path,
                size.width,
                size.height,
                &rgba,
            )?)
        }
        Format::Svg => Ok(render_svg(figure, size)?.into_bytes()),
        Format::Gif => {
            let Figure::Landscape(fig) = figure else {
                return Err(RenderError::Invalid(format!(
                    "{}: an animation shows trajectories growing on a landscape; the \
                     Bias–Variance and Sharp vs Flat figures have no motion (write .png or \
                     .svg)",
                    path.display()
                )));
            };
            anim::render_gif(fig, size, animation, cancel, progress)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_labels_drop_trailing_zeros() {
        assert_eq!(tick_label(4.0), "4");
        assert_eq!(tick_label(-1.0), "-1");
        assert_eq!(tick_label(0.5), "0.5");
        assert_eq!(tick_label(1.25), "1.25");
        assert_eq!(tick_label(100.0), "100");
        assert_eq!(tick_label(0.0), "0");
        assert_eq!(tick_label(2.5e-7), "2.5e-7");
        assert_eq!(tick_label(1e-5), "1e-5");
    }

    #[test]
    fn formats_come_from_the_extension() {
        assert_eq!(
            Format::from_path(Path::new("a/b.PNG")).ok(),
            Some(Format::Png)
        );
        assert_eq!(
            Format::from_path(Path::new("x.svg")).ok(),
            Some(Format::Svg)
        );
        assert_eq!(
            Format::from_path(Path::new("x.gif")).ok(),
            Some(Format::Gif)
        );
        let err = Format::from_path(Path::new("x.jpg"))
            .unwrap_err()
            .to_string();
        assert!(err.contains(".jpg"), "{err}");
    }

    #[test]
    fn sizes_outside_the_range_are_refused() {
        assert!(FigureSize::new(0, 100).is_err());
        assert!(FigureSize::new(800, MAX_SIDE + 1).is_err());
        assert_eq!(
            FigureSize::new(800, 600).ok(),
            Some(FigureSize {
                width: 800,
                height: 600
            })
        );
    }
}
