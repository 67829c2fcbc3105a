//! The fonts of the exported figures, handed to plotters' pure-Rust `ab_glyph` path. Nothing
//! is read from the system (no fontconfig), so a figure looks the same on every machine:
//!
//! - [`FigureFont::Latin`], Ubuntu Light, the proportional font egui itself ships (crate
//!   `epaint_default_fonts`, Ubuntu Font Licence 1.0): every English figure, so the window and
//!   the figures share their letters;
//! - [`FigureFont::Hangul`], Nanum Gothic (`assets/fonts/`, SIL Open Font License 1.1, licence
//!   beside it), the font the window falls back to for Hangul: every Korean figure (it has the
//!   Latin and Greek letters too, so one figure keeps one font).
//!
//! **Which font a text is drawn in.** A figure is drawn in the font of its language
//! ([`FigureFont::of`]). The drawing code asks for its text styles through
//! [`super::text_style`] without naming a font; the font of the figure being drawn is a
//! thread-local that the entry points ([`super::render_rgb`], [`super::render_svg`] and the
//! animation's frames) set for the length of a drawing with [`use_font`], the way `i18n`'s
//! language works (a figure drawn on one worker thread never changes another's font).
//! [`covers`] and [`printable`] look at that font, so Hangul survives in a Korean figure and
//! turns into `?` only in an English one. The bitmap text setter ([`super::text`]) takes the
//! font from each style's family name, so it always draws with the font the layout measured.

use std::cell::Cell;
use std::sync::OnceLock;

#[cfg(not(target_arch = "wasm32"))]
use plotters::style::FontStyle;

use crate::i18n::Lang;

/// The family name English figures ask plotters for (and SVG viewers see).
pub const FAMILY: &str = "sans-serif";

/// The family name Korean figures ask plotters for: the font first, then a generic family
/// for SVG viewers without it.
pub const HANGUL_FAMILY: &str = "NanumGothic, sans-serif";

/// The Latin font's bytes.
pub const FONT_BYTES: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// The Korean font's bytes (the same file the window uses). A `static`, so the binary holds
/// the 4.7 MB once: a `const` is copied at every place that uses it. Not in the web edition,
/// which fetches the file when Korean is chosen ([`hangul_font_bytes`]).
#[cfg(not(target_arch = "wasm32"))]
pub static HANGUL_FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/NanumGothic.ttf");

/// The file name of the Korean font (in `assets/fonts/`; the web edition serves it as
/// `fonts/NAME` beside its page).
pub const HANGUL_FONT_FILE: &str = "NanumGothic.ttf";

/// The Korean font fetched by the web edition, once it arrived.
#[cfg(target_arch = "wasm32")]
static HANGUL_FETCHED: OnceLock<Vec<u8>> = OnceLock::new();

/// The Korean font's bytes: compiled in on the desktop; in the browser, the fetched file once
/// [`install_hangul_font`] has it (empty before: [`FigureFont::Hangul`] then covers nothing).
#[must_use]
pub fn hangul_font_bytes() -> &'static [u8] {
    #[cfg(not(target_arch = "wasm32"))]
    return HANGUL_FONT_BYTES;
    #[cfg(target_arch = "wasm32")]
    HANGUL_FETCHED.get().map_or(&[], Vec::as_slice)
}

/// Keeps the Korean font the web edition fetched (the first one given wins); returns the
/// bytes kept, for the window's fonts.
#[cfg(target_arch = "wasm32")]
pub fn install_hangul_font(bytes: Vec<u8>) -> &'static [u8] {
    HANGUL_FETCHED.get_or_init(|| bytes).as_slice()
}

/// A font a figure is drawn in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum FigureFont {
    /// Ubuntu Light: English figures.
    #[default]
    Latin,
    /// Nanum Gothic: Korean figures.
    Hangul,
}

impl FigureFont {
    /// Both fonts.
    pub const ALL: [Self; 2] = [Self::Latin, Self::Hangul];

    /// The font of a figure in `lang`.
    #[must_use]
    pub fn of(lang: Lang) -> Self {
        match lang {
            Lang::En => Self::Latin,
            Lang::Ko => Self::Hangul,
        }
    }

    /// The family name plotters knows the font by.
    #[must_use]
    pub fn family(self) -> &'static str {
        match self {
            Self::Latin => FAMILY,
            Self::Hangul => HANGUL_FAMILY,
        }
    }

    /// The font of family `name` (the Latin font for any other name).
    #[must_use]
    pub fn from_family(name: &str) -> Self {
        if name == HANGUL_FAMILY {
            Self::Hangul
        } else {
            Self::Latin
        }
    }

    /// The font file's bytes.
    #[must_use]
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Self::Latin => FONT_BYTES,
            Self::Hangul => hangul_font_bytes(),
        }
    }

    /// The font, parsed once (`None` only if the bytes were not a font).
    pub(crate) fn face(self) -> Option<&'static ab_glyph::FontRef<'static>> {
        static FACES: [OnceLock<Option<ab_glyph::FontRef<'static>>>; 2] =
            [OnceLock::new(), OnceLock::new()];
        FACES[self as usize]
            .get_or_init(|| ab_glyph::FontRef::try_from_slice(self.bytes()).ok())
            .as_ref()
    }

    /// Whether the font has a glyph for every character of `text` but whitespace.
    #[must_use]
    pub fn covers(self, text: &str) -> bool {
        use ab_glyph::Font as _;
        let Some(font) = self.face() else {
            return false;
        };
        text.chars()
            .filter(|c| !c.is_whitespace())
            .all(|c| font.glyph_id(c).0 != 0)
    }

    /// `text` with the characters the font lacks replaced by close ASCII equivalents (`?` when
    /// there is none), never drawn as boxes.
    #[must_use]
    pub fn printable(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            let mut one = [0u8; 4];
            if c.is_whitespace() || self.covers(c.encode_utf8(&mut one)) {
                out.push(c);
            } else {
                out.push_str(match c {
                    '₁' => "1",
                    '₂' => "2",
                    '²' => "^2",
                    '\u{2016}' => "|",
                    '\u{2192}' => "->",
                    '—' | '–' | '\u{2212}' => "-",
                    _ => "?",
                });
            }
        }
        out
    }
}

/// Registers both fonts with plotters (once per process; later calls are free). Returns
/// whether they are available.
#[cfg(not(target_arch = "wasm32"))]
pub fn ensure_registered() -> bool {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    *REGISTERED.get_or_init(|| {
        FigureFont::ALL.into_iter().all(|font| {
            [FontStyle::Normal, FontStyle::Bold]
                .into_iter()
                .all(|style| {
                    plotters::style::register_font(font.family(), style, font.bytes()).is_ok()
                })
        })
    })
}

/// In the browser plotters has no font registry (it measures text with the page's fonts and
/// cannot draw text into a bitmap): bitmaps get their text from [`super::text`] with the
/// bundled fonts, and SVG text is measured by the page; nothing to register.
#[cfg(target_arch = "wasm32")]
pub fn ensure_registered() -> bool {
    false
}

thread_local! {
    static CURRENT: Cell<FigureFont> = const { Cell::new(FigureFont::Latin) };
}

/// The font of the figure being drawn on this thread (Latin outside a drawing).
#[must_use]
pub fn current() -> FigureFont {
    CURRENT.with(Cell::get)
}

/// Restores the font that was in use before [`use_font`] when dropped.
#[must_use = "the font is in use only while the guard lives"]
pub struct FontGuard {
    before: FigureFont,
}

impl Drop for FontGuard {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(self.before));
    }
}

/// Draws this thread's figure text in `font` until the guard is dropped.
pub fn use_font(font: FigureFont) -> FontGuard {
    ensure_registered();
    let before = CURRENT.with(|c| c.replace(font));
    FontGuard { before }
}

/// Whether the font in use has a glyph for every character of `text` (labels fall back to
/// plain ASCII where it has not).
#[must_use]
pub fn covers(text: &str) -> bool {
    current().covers(text)
}

/// `text` with the characters the font in use lacks replaced by close ASCII equivalents.
#[must_use]
pub fn printable(text: &str) -> String {
    current().printable(text)
}

#[cfg(test)]
mod tests {
    use super::{FigureFont, covers, printable, use_font};
    use crate::i18n::Lang;

    #[test]
    fn the_fonts_register_and_cover_the_labels() {
        assert!(super::ensure_registered());
        for font in FigureFont::ALL {
            assert!(font.face().is_some(), "{font:?}");
            assert!(
                font.covers("Adam lr=0.05 B=full θ λ_max η α β σ² ± × ·"),
                "{font:?}"
            );
            // A character neither font has comes back replaced, never as a box.
            assert_eq!(font.printable("a\u{1F600}b"), "a?b");
        }
        assert!(FigureFont::Hangul.covers("학습 손실 배치 크기 B"));
        assert!(!FigureFont::Latin.covers("학습"));
    }

    #[test]
    fn printable_keeps_hangul_only_in_the_hangul_font() {
        assert_eq!(printable("학습 θ"), "?? θ");
        {
            let _font = use_font(FigureFont::of(Lang::Ko));
            assert!(covers("학습 손실"));
            assert_eq!(printable("학습 손실 θ₁"), "학습 손실 θ₁");
        }
        // The guard gives the thread its font back.
        assert_eq!(super::current(), FigureFont::Latin);
        assert_eq!(
            FigureFont::from_family(FigureFont::Hangul.family()),
            FigureFont::Hangul
        );
        assert_eq!(FigureFont::from_family("serif"), FigureFont::Latin);
    }
}
