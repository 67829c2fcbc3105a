//! Text on bitmaps, set properly. plotters' `ab_glyph` path drops each glyph's left side
//! bearing and rounds the pen to whole pixels, so letters touch or drift apart ("SG D").
//! [`Typeset`] wraps a bitmap backend and sets text itself with `ab_glyph`: sub-pixel pen
//! positions, kerning, bearings, anti-aliased coverage blended into the pixels, and the
//! anchors and quarter-turn rotations plotters asks for, in the font the style's family names
//! ([`font::FigureFont::from_family`]: Ubuntu Light or Nanum Gothic). Everything else is
//! forwarded.

use ab_glyph::{Font as _, ScaleFont as _, point};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use super::font;

/// A backend whose text is set with the bundled fonts (see the module docs).
pub struct Typeset<B>(pub B);

/// The font a text style asks for.
fn font_of<S: BackendTextStyle>(style: &S) -> font::FigureFont {
    font::FigureFont::from_family(style.family().as_str())
}

/// The pen advance of `text` at `size` pixels in `figure_font` and the font's ascent and
/// descent.
fn measure(figure_font: font::FigureFont, text: &str, size: f32) -> Option<(f32, f32, f32)> {
    let face = figure_font.face()?;
    let scaled = face.as_scaled(size);
    let mut width = 0.0;
    let mut prev = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = prev {
            width += scaled.kern(p, id);
        }
        width += scaled.h_advance(id);
        prev = Some(id);
    }
    Some((width, scaled.ascent(), scaled.descent()))
}

impl<B: DrawingBackend> DrawingBackend for Typeset<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.present()
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.fill_polygon(vert, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.0.blit_bitmap(pos, size, src)
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        match measure(font_of(style), text, style.size() as f32) {
            Some((w, ascent, descent)) => Ok((w.ceil() as u32, (ascent - descent).ceil() as u32)),
            None => self.0.estimate_text_size(text, style),
        }
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        let size = style.size() as f32;
        let figure_font = font_of(style);
        let (Some(face), Some((width, ascent, descent))) =
            (figure_font.face(), measure(figure_font, text, size))
        else {
            return self.0.draw_text(text, style, pos);
        };
        if color.alpha == 0.0 {
            return Ok(());
        }
        let height = ascent - descent;
        let anchor = style.anchor();
        let dx = match anchor.h_pos {
            HPos::Left => 0.0,
            HPos::Right => -width,
            HPos::Center => -0.5 * width,
        };
        let dy = match anchor.v_pos {
            VPos::Top => 0.0,
            VPos::Center => -0.5 * height,
            VPos::Bottom => -height,
        };
        let transform = style.transform();
        let (w, h) = self.0.get_size();
        let scaled = face.as_scaled(size);
        let mut pen = dx;
        let mut prev = None;
        let mut pixels = Vec::new();
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = prev {
                pen += scaled.kern(p, id);
            }
            prev = Some(id);
            let glyph = id.with_scale_and_position(size, point(pen, dy + ascent));
            pen += scaled.h_advance(id);
            let Some(outline) = face.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            outline.draw(|x, y, coverage| {
                if coverage > 0.0 {
                    let gx = bounds.min.x as i32 + x as i32;
                    let gy = bounds.min.y as i32 + y as i32;
                    pixels.push((gx, gy, coverage));
                }
            });
        }
        for (x, y, coverage) in pixels {
            let (x, y) = transform.transform(x, y);
            let (x, y) = (pos.0 + x, pos.1 + y);
            if x >= 0 && y >= 0 && x < w as i32 && y < h as i32 {
                self.0.draw_pixel(
                    (x, y),
                    BackendColor {
                        alpha: color.alpha * f64::from(coverage.min(1.0)),
                        rgb: color.rgb,
                    },
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use plotters::prelude::*;
    use plotters::style::text_anchor::{HPos, Pos, VPos};

    use super::Typeset;
    use crate::render::font::{FigureFont, use_font};
    use crate::render::text_style;

    /// `text` set on a white 120×40 bitmap in `font`: the pixels.
    fn drawn(font: FigureFont, text: &str) -> Vec<u8> {
        let _font = use_font(font);
        let mut buf = vec![255u8; 120 * 40 * 3];
        {
            let root = Typeset(BitMapBackend::with_buffer(&mut buf, (120, 40))).into_drawing_area();
            let style = text_style(24.0, [0, 0, 0], Pos::new(HPos::Left, VPos::Top));
            root.draw_text(text, &style, (4, 4)).expect("drawn");
            root.present().expect("presented");
        }
        buf
    }

    #[test]
    fn hangul_is_set_in_the_hangul_font() {
        let hangul = drawn(FigureFont::Hangul, "학습");
        let ink = hangul.iter().filter(|&&v| v < 128).count();
        assert!(ink > 50, "{ink} dark channels");
        // Real glyphs, not the font's empty box: other syllables, other pixels.
        assert_ne!(hangul, drawn(FigureFont::Hangul, "손실"));
        // The style names the font in use, so the Latin font draws English as before.
        assert_ne!(
            drawn(FigureFont::Latin, "step"),
            drawn(FigureFont::Hangul, "step")
        );
    }
}
