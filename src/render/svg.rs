//! The heatmap of an SVG figure. A vector format has no good way to say "a smooth 256²
//! field of colours" (one `<rect>` per cell would be megabytes and show seams), so, as
//! plotting libraries do, the field goes in as an embedded PNG raster while the axes, text,
//! contours and trajectories stay vectors. The landscape is drawn with a placeholder
//! rectangle of a reserved colour where the heatmap goes; this module swaps that element for
//! an `<image>` of the same geometry.

use super::landscape::{LandscapeFigure, PLACEHOLDER_RGB, heatmap_raster};
use super::{RenderError, draw_err};

/// The longest side of the embedded raster, in pixels (the SVG viewer smooths it further).
const MAX_RASTER_SIDE: f64 = 900.0;

/// Replaces the placeholder `<rect>` in `svg` with the heatmap of `figure` as an embedded PNG.
pub(crate) fn embed_heatmap(svg: &str, figure: &LandscapeFigure) -> Result<String, RenderError> {
    let [r, g, b] = PLACEHOLDER_RGB;
    let fill = format!("fill=\"#{r:02X}{g:02X}{b:02X}\"");
    let missing = || RenderError::Draw("the heatmap placeholder is missing from the SVG".into());
    let at = svg.find(&fill).ok_or_else(missing)?;
    let start = svg[..at].rfind("<rect").ok_or_else(missing)?;
    let end = at + svg[at..].find("/>").ok_or_else(missing)? + 2;
    let element = &svg[start..end];
    let attr = |name: &str| -> Result<f64, RenderError> {
        let key = format!(" {name}=\"");
        let from = element.find(&key).ok_or_else(missing)? + key.len();
        let to = from + element[from..].find('"').ok_or_else(missing)?;
        element[from..to].parse::<f64>().map_err(draw_err)
    };
    let (x, y, w, h) = (attr("x")?, attr("y")?, attr("width")?, attr("height")?);
    if w <= 0.0 || h <= 0.0 {
        return Err(missing());
    }
    let shrink = (MAX_RASTER_SIDE / w.max(h)).min(1.0);
    let (pw, ph) = (
        ((w * shrink).round() as u32).max(1),
        ((h * shrink).round() as u32).max(1),
    );
    let pixels = heatmap_raster(figure, pw as usize, ph as usize);
    let mut png = Vec::new();
    {
        use image::ImageEncoder as _;
        image::codecs::png::PngEncoder::new(&mut png)
            .write_image(&pixels, pw, ph, image::ExtendedColorType::Rgb8)
            .map_err(draw_err)?;
    }
    let image = format!(
        "<image x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" preserveAspectRatio=\"none\" \
         href=\"data:image/png;base64,{}\"/>",
        base64(&png)
    );
    Ok(format!("{}{image}{}", &svg[..start], &svg[end..]))
}

/// Standard base64 with padding (RFC 4648).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_the_rfc_examples() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64(b"foobar"), "Zm9vYmFy");
    }
}
