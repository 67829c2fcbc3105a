//! A preset with new learning rates for its runs and nothing else changed: the text is edited
//! in place at the byte spans the TOML parser reports for each run's `lr` value
//! ([`toml::Spanned`]), so comments, key order, spacing and every other value survive byte for
//! byte. A run that used its optimizer's default gets an `lr = …` line under its `[[runs]]`
//! header. What `basin tune` writes.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Preset, PresetError, find, parse_in, syntax_error};

/// A preset's text as found — a file, or a built-in preset's —, the name errors use and the
/// folder its data paths are relative to.
///
/// # Errors
/// [`PresetError::Read`] or [`PresetError::Unknown`].
pub fn source_text(source: &str) -> Result<(String, String, PathBuf), PresetError> {
    let (text, origin, folder) = find(source)?;
    Ok((text.into_owned(), origin, folder))
}

/// Only the runs' `lr` values of a preset, with where they are in the text.
#[derive(Deserialize)]
struct RunsOnly {
    #[serde(default)]
    runs: Vec<RunLr>,
}

#[derive(Deserialize)]
struct RunLr {
    lr: Option<toml::Spanned<toml::Value>>,
}

/// `text` (a surface preset from `origin`) with run `i`'s `lr` set to `lrs[i]`, checked by
/// parsing the result again (the data paths relative to `folder`).
///
/// # Errors
/// Text that is not TOML, a count of learning rates that is not the count of runs, a run
/// without `lr` written as an inline table, or a result that does not validate.
pub fn with_run_lrs(
    text: &str,
    origin: &str,
    folder: &Path,
    lrs: &[f64],
) -> Result<String, PresetError> {
    let doc: RunsOnly =
        toml::from_str(text).map_err(|e: toml::de::Error| syntax_error(origin, &e.to_string()))?;
    let invalid = |message: String| PresetError::Invalid {
        origin: origin.to_string(),
        key: "runs".into(),
        message,
    };
    if doc.runs.len() != lrs.len() {
        return Err(invalid(format!(
            "has {} runs, but {} learning rates were given",
            doc.runs.len(),
            lrs.len()
        )));
    }
    let headers = run_headers(text);
    // (byte range, replacement), applied from the end so earlier ranges stay valid.
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (i, (run, &lr)) in doc.runs.iter().zip(lrs).enumerate() {
        let value = toml::Value::Float(lr).to_string();
        match &run.lr {
            Some(spanned) => edits.push((spanned.span(), value)),
            None => {
                let at = headers
                    .get(i)
                    .copied()
                    .filter(|_| headers.len() == lrs.len());
                let at = at.ok_or_else(|| {
                    invalid(format!(
                        "run {i} has no `lr` and is not a [[runs]] table to add it to"
                    ))
                })?;
                let newline = if text[..at].ends_with('\n') { "" } else { "\n" };
                edits.push((at..at, format!("{newline}lr = {value}\n")));
            }
        }
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut edited = text.to_string();
    for (range, replacement) in edits {
        edited.replace_range(range, &replacement);
    }
    match parse_in(&edited, origin, &[], folder)? {
        Preset::Surface(_) => Ok(edited),
        other => Err(PresetError::Invalid {
            origin: origin.to_string(),
            key: "problem.kind".into(),
            message: format!(
                "= \"{}\": only surface presets have runs to tune",
                other.kind()
            ),
        }),
    }
}

/// The byte offset just after each `[[runs]]` header line, in order.
fn run_headers(text: &str) -> Vec<usize> {
    let mut at = 0;
    let mut found = Vec::new();
    for line in text.split_inclusive('\n') {
        at += line.len();
        let head = line.trim_start();
        if let Some(rest) = head.strip_prefix("[[") {
            let name: String = rest.chars().take_while(|&c| c != ']').collect();
            if name.trim() == "runs" {
                found.push(at);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "name = \"t\" # the name\nseed = 3\n\n[problem]\nkind = \"surface\"\n\
                        surface = \"quadratic\"\n\n[[runs]]\noptimizer = \"sgd\"\nlr = 0.1   # \
                        hand-picked\nmomentum = 0.9\n\n[[runs]]\noptimizer = \"adam\"\n";

    #[test]
    fn only_the_learning_rates_change_and_comments_stay() {
        let edited = with_run_lrs(TEXT, "t", Path::new(""), &[0.25, 0.0625]).expect("edited");
        assert!(
            edited.contains("lr = 0.25   # hand-picked\nmomentum = 0.9"),
            "{edited}"
        );
        assert!(
            edited.contains("[[runs]]\nlr = 0.0625\noptimizer = \"adam\"\n"),
            "{edited}"
        );
        let before: Vec<&str> = TEXT.lines().filter(|l| !l.starts_with("lr")).collect();
        let after: Vec<&str> = edited.lines().filter(|l| !l.starts_with("lr")).collect();
        assert_eq!(before, after);
        let Preset::Surface(e) = super::super::parse(&edited, "t", &[]).expect("loads") else {
            panic!("a surface preset");
        };
        assert_eq!(e.runs[0].optimizer.lr, 0.25);
        assert_eq!(e.runs[1].optimizer.lr, 0.0625);
    }

    #[test]
    fn a_wrong_count_or_no_runs_is_an_error() {
        assert!(with_run_lrs(TEXT, "t", Path::new(""), &[0.1]).is_err());
        let no_runs = "name = \"t\"\n[problem]\nsurface = \"quadratic\"\n";
        assert!(with_run_lrs(no_runs, "t", Path::new(""), &[]).is_err());
    }
}
