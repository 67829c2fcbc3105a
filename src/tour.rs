//! The guided tour of the lecture note (`presets/tour.toml`, compiled in): its steps in the
//! note's order, each a lab, a built-in preset, optional `--set` overrides, and a title, a
//! caption and one sentence of "what to try" in English and Korean. This module owns the
//! tour's format (serde, `deny_unknown_fields`) and its validation — every lab name known,
//! every preset a built-in that loads with its overrides in the step's lab, every text present
//! in both languages — so that the CLI (`basin tour`, `basin open --tour N`) and the window's
//! lecture mode (`app/tour.rs`) read one checked list. Nothing here knows about egui.

use std::sync::OnceLock;

use crate::i18n::Lang;
use crate::lab::LabKind;
use crate::preset::{self, Preset};

/// The shipped tour's text.
pub const TOUR_TEXT: &str = include_str!("../presets/tour.toml");

/// The fewest steps a tour may have.
pub const MIN_STEPS: usize = 1;

/// One step's words in one language.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// The step's title (one line).
    pub title: String,
    /// What the step shows, in the lecture note's terms (two or three sentences).
    pub caption: String,
    /// One sentence: what to try.
    #[serde(rename = "try")]
    pub try_this: String,
}

/// One step of the tour.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct StepFile {
    lab: String,
    preset: String,
    #[serde(default)]
    set: Vec<String>,
    en: Words,
    ko: Words,
}

/// The file: `[[step]]` tables in order.
#[derive(Clone, Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct TourFile {
    #[serde(default)]
    step: Vec<StepFile>,
}

/// One validated step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The lab it opens.
    pub lab: LabKind,
    /// The built-in preset it opens there.
    pub preset: String,
    /// `--set` overrides applied to the preset (`key=value`).
    pub overrides: Vec<String>,
    /// English.
    pub en: Words,
    /// Korean.
    pub ko: Words,
}

impl Step {
    /// The step's words in `lang`.
    #[must_use]
    pub fn words(&self, lang: Lang) -> &Words {
        match lang {
            Lang::En => &self.en,
            Lang::Ko => &self.ko,
        }
    }

    /// The step's preset with its overrides, validated.
    ///
    /// # Errors
    /// The preset's error (the shipped tour is checked by its tests, so only a broken build).
    pub fn load(&self) -> Result<Preset, preset::PresetError> {
        preset::load(&self.preset, &self.overrides)
    }
}

/// A validated tour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tour {
    /// The steps, in order (at least [`MIN_STEPS`]).
    pub steps: Vec<Step>,
}

/// Why a tour does not read.
#[derive(Debug, thiserror::Error)]
pub enum TourError {
    /// Not TOML, or a key unknown or missing.
    #[error("{origin}: {message}")]
    Syntax {
        /// The file.
        origin: String,
        /// What the parser said.
        message: String,
    },
    /// A step that does not hold together.
    #[error("{origin}: step {number}: {message}")]
    Step {
        /// The file.
        origin: String,
        /// The step's number (1-based).
        number: usize,
        /// What is wrong.
        message: String,
    },
}

/// Whether lab `lab` can show a preset of `preset`'s kind: its own lab, or the Sharp vs Flat
/// lab for surface and network presets (as `basin render --lab` decides).
#[must_use]
pub fn lab_shows(lab: LabKind, preset: &Preset) -> bool {
    lab == preset.lab() || (lab == LabKind::SharpFlat && preset.lab() != LabKind::BiasVariance)
}

/// Parses and validates tour text; `origin` names it in errors.
///
/// # Errors
/// A [`TourError`] naming the step and what is wrong: an unknown lab, a preset that is no
/// built-in, an override that does not apply, a preset the lab cannot show, or a text empty
/// in either language.
pub fn parse(text: &str, origin: &str) -> Result<Tour, TourError> {
    let file: TourFile = toml::from_str(text).map_err(|e: toml::de::Error| TourError::Syntax {
        origin: origin.to_string(),
        message: e.to_string().trim_end().to_string(),
    })?;
    if file.step.len() < MIN_STEPS {
        return Err(TourError::Syntax {
            origin: origin.to_string(),
            message: "the tour has no [[step]]".to_string(),
        });
    }
    let mut steps = Vec::with_capacity(file.step.len());
    for (i, s) in file.step.into_iter().enumerate() {
        let fail = |message: String| TourError::Step {
            origin: origin.to_string(),
            number: i + 1,
            message,
        };
        let lab = LabKind::from_cli_name(&s.lab).ok_or_else(|| {
            fail(format!(
                "unknown lab \"{}\"; use one of {}",
                s.lab,
                LabKind::cli_names()
            ))
        })?;
        if preset::builtin(&s.preset).is_none() {
            return Err(fail(format!(
                "no built-in preset named \"{}\" (built-in: {})",
                s.preset,
                preset::builtin_names()
            )));
        }
        let loaded = preset::load(&s.preset, &s.set).map_err(|e| fail(e.to_string()))?;
        if !lab_shows(lab, &loaded) {
            return Err(fail(format!(
                "the {} lab cannot show {}, a {} preset",
                lab.cli_name(),
                s.preset,
                loaded.kind()
            )));
        }
        for (lang, words) in [(Lang::En, &s.en), (Lang::Ko, &s.ko)] {
            for (key, text) in [
                ("title", &words.title),
                ("caption", &words.caption),
                ("try", &words.try_this),
            ] {
                if text.trim().is_empty() {
                    return Err(fail(format!("{}.{key} is empty", lang.code())));
                }
            }
        }
        if !s.ko.title.chars().any(is_hangul) || !s.ko.caption.chars().any(is_hangul) {
            return Err(fail("the ko title and caption must be Korean".to_string()));
        }
        steps.push(Step {
            lab,
            preset: s.preset,
            overrides: s.set,
            en: s.en,
            ko: s.ko,
        });
    }
    Ok(Tour { steps })
}

fn is_hangul(c: char) -> bool {
    ('가'..='힣').contains(&c)
}

/// The shipped tour, parsed once.
///
/// # Errors
/// Only if the shipped tour is broken (its tests read it).
pub fn builtin() -> Result<&'static Tour, &'static TourError> {
    static TOUR: OnceLock<Result<Tour, TourError>> = OnceLock::new();
    TOUR.get_or_init(|| parse(TOUR_TEXT, "presets/tour.toml"))
        .as_ref()
}

impl Tour {
    /// Step `number` (1-based), or a message saying which numbers there are.
    ///
    /// # Errors
    /// A number outside 1–[`Tour::len`].
    pub fn step(&self, number: usize) -> Result<&Step, String> {
        number
            .checked_sub(1)
            .and_then(|i| self.steps.get(i))
            .ok_or_else(|| {
                format!(
                    "there is no tour step {number}: the tour has {} steps, 1–{}",
                    self.steps.len(),
                    self.steps.len()
                )
            })
    }

    /// How many steps.
    #[must_use]
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether there are none (never, for a parsed tour).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// `basin tour --list`: one line per step, `number\tlab\tpreset\ttitle`, the title in
    /// `lang`.
    #[must_use]
    pub fn listing(&self, lang: Lang) -> String {
        let mut out = String::new();
        for (i, step) in self.steps.iter().enumerate() {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\n",
                i + 1,
                step.lab.cli_name(),
                step.preset,
                step.words(lang).title
            ));
        }
        out
    }

    /// The file name of step `number`'s figure: `03-batch-size.png`.
    #[must_use]
    pub fn figure_name(&self, number: usize) -> String {
        let preset = self
            .steps
            .get(number.saturating_sub(1))
            .map_or("step", |s| s.preset.as_str());
        format!("{number:02}-{preset}.png")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[[step]]
lab = "playground"
preset = "batch-size"
set = ["runs.0.lr=0.02"]
en = { title = "T", caption = "C", try = "Y" }
ko = { title = "경사", caption = "하강", try = "해 보기" }
"#;

    #[test]
    fn the_shipped_tour_reads() {
        let tour = builtin().expect("the shipped tour");
        assert!(tour.len() >= 12, "{}", tour.len());
        assert!(tour.step(0).is_err());
        assert!(tour.step(tour.len() + 1).unwrap_err().contains("1–"));
    }

    #[test]
    fn a_good_step_parses() {
        let tour = parse(GOOD, "t.toml").expect("parses");
        assert_eq!(tour.steps[0].lab, LabKind::Playground);
        assert_eq!(tour.steps[0].overrides, vec!["runs.0.lr=0.02".to_string()]);
        assert_eq!(tour.listing(Lang::En), "1\tplayground\tbatch-size\tT\n");
        assert_eq!(tour.figure_name(1), "01-batch-size.png");
    }

    #[test]
    fn malformed_tours_are_errors_naming_the_problem() {
        let cases: Vec<(String, &str)> = vec![
            ("not toml [[".into(), "t.toml"),
            ("[[step]]\nlab = \"playground\"\n".into(), "missing field"),
            (
                GOOD.replace("lab = ", "colour = \"red\"\nlab = "),
                "unknown field",
            ),
            (
                GOOD.replace("\"playground\"", "\"zoo\""),
                "unknown lab \"zoo\"",
            ),
            (
                GOOD.replace("\"batch-size\"", "\"nope\""),
                "no built-in preset",
            ),
            (GOOD.replace("runs.0.lr=0.02", "runs.0.lr=-1"), "step 1"),
            (GOOD.replace("runs.0.lr=0.02", "nokey=1"), "nokey"),
            (
                GOOD.replace("\"playground\"", "\"bias-variance\""),
                "cannot show",
            ),
            (
                GOOD.replace("caption = \"하강\"", "caption = \" \""),
                "ko.caption",
            ),
            (GOOD.replace("title = \"경사\"", "title = \"T\""), "Korean"),
            (String::new(), "no [[step]]"),
            ("step = []".into(), "no [[step]]"),
        ];
        for (text, expected) in &cases {
            let err = parse(text, "t.toml").expect_err(text).to_string();
            assert!(err.contains(expected), "{text}: {err}");
            assert!(err.starts_with("t.toml"), "{err}");
        }
    }
}
