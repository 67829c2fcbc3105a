//! The one font of every exported figure: Ubuntu Light, the proportional font egui itself
//! ships (crate `epaint_default_fonts`, Ubuntu Font Licence 1.0), handed to plotters' pure-Rust
//! `ab_glyph` path. Nothing is read from the system (no fontconfig), so a figure looks the
//! same on every machine, and the window and the figures share their letters.

use std::sync::OnceLock;

use plotters::style::FontStyle;

/// The family name figures ask plotters for.
pub const FAMILY: &str = "sans-serif";

/// The bundled font's bytes.
pub const FONT_BYTES: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// Registers the bundled font with plotters (once per process; later calls are free).
/// Returns whether the font is available.
pub fn ensure_registered() -> bool {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    *REGISTERED.get_or_init(|| {
        [FontStyle::Normal, FontStyle::Bold]
            .into_iter()
            .all(|style| plotters::style::register_font(FAMILY, style, FONT_BYTES).is_ok())
    })
}

/// The bundled font, parsed once (`None` only if the bytes were not a font).
pub(crate) fn face() -> Option<&'static ab_glyph::FontRef<'static>> {
    static FONT: OnceLock<Option<ab_glyph::FontRef<'static>>> = OnceLock::new();
    FONT.get_or_init(|| ab_glyph::FontRef::try_from_slice(FONT_BYTES).ok())
        .as_ref()
}

/// Whether the bundled font has a glyph for every character of `text` (labels fall back to
/// plain ASCII where it has not).
#[must_use]
pub fn covers(text: &str) -> bool {
    use ab_glyph::Font as _;
    let Some(font) = face() else {
        return false;
    };
    text.chars()
        .filter(|c| !c.is_whitespace())
        .all(|c| font.glyph_id(c).0 != 0)
}

/// `text` with the characters the font lacks replaced by close ASCII equivalents.
#[must_use]
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_whitespace() || covers(&c.to_string()) {
                c.to_string()
            } else {
                match c {
                    '₁' => "1".to_string(),
                    '₂' => "2".to_string(),
                    '²' => "^2".to_string(),
                    '\u{2016}' => "|".to_string(),
                    '\u{2192}' => "->".to_string(),
                    '—' | '–' => "-".to_string(),
                    _ => "?".to_string(),
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_font_registers_and_covers_the_labels() {
        assert!(super::ensure_registered());
        assert!(super::covers("Adam lr=0.05 B=full θ"));
        // A character no Latin font has comes back replaced, never as a box.
        assert_eq!(super::printable("a\u{1F600}b"), "a?b");
    }
}
