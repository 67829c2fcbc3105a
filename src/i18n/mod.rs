//! Every user-visible string of the window in English and Korean (한국어), behind one lookup.
//!
//! The window is used at a projector in front of Korean and English classes, so every label,
//! tooltip, notice, legend and axis label goes through [`tr`] (or [`fill`] for text with values
//! in it). The strings live in one table per area of the window, each an array of [`Entry`]
//! (a key, the English text and the Korean text) whose keys all start with the area's prefix:
//!
//! | file | prefix | what |
//! |---|---|---|
//! | [`common`] | `common.` | top bar, help, shortcuts, playback, status bar, notices, axes, 3-D view |
//! | [`playground`] | `pg.` | the Playground lab |
//! | [`network`] | `net.` | the Network lab |
//! | [`sharp_flat`] | `sf.` | the Sharp vs Flat lab |
//! | [`bias_variance`] | `bv.` | the Bias–Variance lab |
//! | [`presets`] | `preset.` | the preset menu and file windows; built-in presets' titles |
//! | [`figures`] | `fig.` | the exported figures (PNG, SVG, GIF), in the figure's language |
//!
//! Korean uses the lecture note's own terms (학습 for training, 배치 for batch, 학습률,
//! 일반화, 과적합/과소적합, 편향/분산, …) and keeps torch.optim's parameter names
//! (`weight_decay`, `betas`) as they are.
//!
//! **How the panels know the language.** The language is a thread-local that the app sets at
//! the start of every frame from its settings ([`set_lang`]); the panels then call [`tr`]
//! without passing anything down. A process-global would let one GUI test (tests run in
//! parallel threads of one process) switch the language of another; a thread-local cannot.
//! Worker threads never draw, so they never read it.
//!
//! **How to add a string.** Add one line to the `ENTRIES` of the area it belongs to —
//! `e("sf.thing", "English text", "한국어 텍스트"),` — and write the key as a string
//! literal in the source that shows it: `tr("sf.thing")`, or as an arm of `tr(match …)`, or in
//! a `const` table looked up later. Values go in as `{0}`, `{1}`, … and are filled by [`fill`].
//! The tests in `tests.rs` read every string literal of `src/` that looks like a key (starts
//! with one of the prefixes above) and fail on one missing from the tables, on a table key no
//! source uses, on a key outside its area's prefix, on text empty in either language, on a key
//! defined twice, and on a placeholder one language has and the other lacks. Never build a key
//! with `format!`: the tests could not see it.
//!
//! **Text made off the UI thread** (in a job) must be made on the UI thread first and moved
//! in, or built there with [`fill_text`] from a template taken with [`tr`]: a worker thread's
//! language is always English.
//!
//! The built-in presets' titles and descriptions are translated by preset name in
//! [`presets::PRESET_TITLES`] and [`presets::PRESET_DESCRIPTIONS`] (the English text is the
//! preset file's own).

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

pub mod bias_variance;
pub mod common;
pub mod figures;
pub mod network;
pub mod playground;
pub mod presets;
pub mod sharp_flat;

/// One string in both languages.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    /// The dotted key the code asks for (`common.top.view`).
    pub key: &'static str,
    /// English.
    pub en: &'static str,
    /// Korean.
    pub ko: &'static str,
}

const fn e(key: &'static str, en: &'static str, ko: &'static str) -> Entry {
    Entry { key, en, ko }
}

/// Every area's key prefix and strings.
pub const AREAS: [(&str, &[Entry]); 7] = [
    (common::PREFIX, common::ENTRIES),
    (playground::PREFIX, playground::ENTRIES),
    (network::PREFIX, network::ENTRIES),
    (sharp_flat::PREFIX, sharp_flat::ENTRIES),
    (bias_variance::PREFIX, bias_variance::ENTRIES),
    (presets::PREFIX, presets::ENTRIES),
    (figures::PREFIX, figures::ENTRIES),
];

/// Every string of the window, area by area.
pub fn entries() -> impl Iterator<Item = &'static Entry> {
    AREAS.iter().flat_map(|(_, entries)| entries.iter())
}

/// A language of the user interface.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Korean, 한국어.
    Ko,
}

impl Lang {
    /// Both languages, in menu order.
    pub const ALL: [Self; 2] = [Self::En, Self::Ko];

    /// The code used on the command line and in saved settings (`en`, `ko`).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Ko => "ko",
        }
    }

    /// The language's name in itself (shown in the switch whatever the current language).
    #[must_use]
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Ko => "한국어",
        }
    }

    /// Parses `en`/`ko` (also `english`, `korean`, `한국어`; any case).
    ///
    /// # Errors
    /// A message listing the accepted codes.
    pub fn parse(text: &str) -> Result<Self, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "en" | "english" => Ok(Self::En),
            "ko" | "kr" | "korean" | "한국어" => Ok(Self::Ko),
            other => Err(format!("unknown language '{other}': expected en or ko")),
        }
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// Sets the language [`tr`] uses on this thread (the app does at the start of every frame).
pub fn set_lang(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// The language [`tr`] uses on this thread.
#[must_use]
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// The table as a map from key to (English, Korean), built once.
fn map() -> &'static HashMap<&'static str, (&'static str, &'static str)> {
    static MAP: OnceLock<HashMap<&'static str, (&'static str, &'static str)>> = OnceLock::new();
    MAP.get_or_init(|| entries().map(|e| (e.key, (e.en, e.ko))).collect())
}

/// The text of `key` in `lang`. A key missing from the table (a bug the completeness test
/// catches) shows as the key itself rather than crashing.
#[must_use]
pub fn tr_in(lang: Lang, key: &'static str) -> &'static str {
    match map().get(key) {
        Some((en, ko)) => match lang {
            Lang::En => en,
            Lang::Ko => ko,
        },
        None => key,
    }
}

/// The text of `key` in the current language of this thread.
#[must_use]
pub fn tr(key: &'static str) -> &'static str {
    tr_in(lang(), key)
}

/// The text of `key` with `{0}`, `{1}`, … replaced by `args` (word order differs between
/// English and Korean, so values are numbered, not positional).
#[must_use]
pub fn fill(key: &'static str, args: &[&dyn std::fmt::Display]) -> String {
    fill_text(tr(key), args)
}

/// [`fill`] on a given text.
#[must_use]
pub fn fill_text(text: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = text.to_string();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), &arg.to_string());
    }
    out
}

/// The description of built-in preset `name` in the current language: the Korean translation
/// when the language is Korean and one exists, else `english` (the preset file's own).
#[must_use]
pub fn preset_description<'a>(name: &str, english: &'a str) -> &'a str {
    if lang() == Lang::Ko
        && let Some((_, ko)) = presets::PRESET_DESCRIPTIONS
            .iter()
            .find(|(n, _)| *n == name)
    {
        return ko;
    }
    english
}

/// The title of built-in preset `name` in the current language: the Korean title when the
/// language is Korean and one exists, else `english` (the preset file's own `name`).
#[must_use]
pub fn preset_title<'a>(name: &str, english: &'a str) -> &'a str {
    preset_title_in(lang(), name, english)
}

/// [`preset_title`] in `lang` (for text made off the UI thread, such as a figure).
#[must_use]
pub fn preset_title_in<'a>(lang: Lang, name: &str, english: &'a str) -> &'a str {
    if lang == Lang::Ko
        && let Some((_, ko)) = presets::PRESET_TITLES.iter().find(|(n, _)| *n == name)
    {
        return ko;
    }
    english
}

#[cfg(test)]
mod tests;
