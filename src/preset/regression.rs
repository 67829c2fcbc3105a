//! Bias–variance presets (`problem.kind = "regression"`; the keys are listed in
//! ARCHITECTURE.md, "Preset files"): the serde
//! mirror of the file, its validation into a [`RegressionExperiment`], and the way back
//! ([`RegressionFile::from_experiment`]) so that "Save preset" writes a file that reads back
//! to an equal experiment.
//!
//! The mirror says what the user typed: every key but `name` and `problem.kind` is optional,
//! unknown keys are errors (`deny_unknown_fields`). Ranges are checked in one place,
//! [`BiasVarianceConfig::validate`], whose errors already name the dotted preset key; this
//! module adds the checks that only make sense for the file (names of truths, families and
//! feature kinds, keys that belong to another family, `model.complexity` as a range,
//! `model.current`). Nothing here knows about threads or egui.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::PresetError;
use super::data_file::{self, XyKeys};
use super::invalid::{Invalid, one_of};
use crate::core::biasvar::config::limits;
use crate::core::biasvar::observed::{self, Observations};
use crate::core::biasvar::{
    BiasVarianceConfig, Evaluation, Family, FeatureKind, Inputs, Resampling, Truth,
};

/// A validated bias–variance experiment: what the Bias–Variance lab and `basin biasvar` work
/// on.
#[derive(Clone, Debug, PartialEq)]
pub struct RegressionExperiment {
    /// Title shown in the app.
    pub name: String,
    /// One or two sentences shown in the app.
    pub description: String,
    /// Everything the numerics need; `config.seed` is the preset's `seed`, and
    /// `config.validate()` holds.
    pub config: BiasVarianceConfig,
    /// The complexity whose fits the top plot shows (`model.current`); one of
    /// `config.complexities`.
    pub complexity: usize,
    /// A person's own 1-D data (`problem.dataset = "file"`), the truth unknown; `None`: data
    /// drawn from `config.truth`. With data, `config.n_train` is its number of training rows,
    /// `config.resampling` is bootstrap and `config.repeats` is B, the bootstrap resamples.
    pub data: Option<Arc<Observations>>,
}

impl RegressionExperiment {
    /// The experiment's seed (the preset's `seed`).
    #[must_use]
    pub fn seed(&self) -> u64 {
        self.config.seed
    }

    /// The index of [`Self::complexity`] in `config.complexities` (0 if it is missing, which
    /// validation rules out).
    #[must_use]
    pub fn complexity_index(&self) -> usize {
        self.config
            .complexities
            .iter()
            .position(|&c| c == self.complexity)
            .unwrap_or(0)
    }
}

/// The complexity shown first when a preset does not say (`model.current`): a quarter of the
/// way along the list, where most families fit reasonably well (degree 4 of 0–15).
#[must_use]
pub fn default_current(complexities: &[usize]) -> usize {
    complexities
        .get(complexities.len() / 4)
        .copied()
        .unwrap_or(0)
}

/// The complexity of `list` nearest to `wanted` (the lower one on a tie): `model.current`
/// follows a `--set model.complexity=...` that no longer lists it, instead of failing.
#[must_use]
pub fn nearest(list: &[usize], wanted: usize) -> usize {
    list.iter()
        .copied()
        .min_by_key(|&c| (c.abs_diff(wanted), c))
        .unwrap_or(wanted)
}

preset_document! {
    /// A whole `kind = "regression"` preset file.
    RegressionFile { problem: ProblemFile, model: ModelFile, resampling: ResamplingFile }
}

/// `[problem]` of a regression preset.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct ProblemFile {
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    truth: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    n_train: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    noise: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    inputs: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    evaluate_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    test_points: Option<usize>,
    /// `"file"`: a person's own data instead of a truth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dataset: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    train: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    x_column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    y_column: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    test_fraction: Option<f64>,
}

/// `[model]`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct ModelFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    family: Option<String>,
    /// `[lo, hi]`: every complexity from lo to hi.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    complexity: Option<Vec<usize>>,
    /// An explicit, increasing list (instead of `complexity`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    complexities: Option<Vec<usize>>,
    /// The complexity the fits plot shows (snapped to the nearest listed one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    current: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    ridge: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    steps: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    learning_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    shrinkage: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tree_depth: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    features: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    scale: Option<f64>,
}

/// `[resampling]`.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct ResamplingFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    repeats: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    folds: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bag_size: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bag_sets: Option<usize>,
}

const FEATURE_KINDS: [(&str, FeatureKind); 3] = [
    ("relu", FeatureKind::Relu),
    ("fourier", FeatureKind::Fourier),
    ("laplace", FeatureKind::Laplace),
];
const INPUTS: [(&str, Inputs); 2] = [("random", Inputs::Random), ("fixed", Inputs::Fixed)];
const EVALUATIONS: [(&str, Evaluation); 2] = [
    ("grid", Evaluation::Grid),
    ("training_inputs", Evaluation::TrainingInputs),
];
const MODES: [(&str, Resampling); 2] = [
    ("fresh", Resampling::Fresh),
    ("bootstrap", Resampling::Bootstrap),
];

/// The name of `value` in a `(name, value)` table.
fn name_of<T: PartialEq + Copy>(table: &[(&'static str, T)], value: T) -> &'static str {
    table
        .iter()
        .find(|(_, v)| *v == value)
        .map_or("", |(n, _)| n)
}

impl RegressionFile {
    /// Fills in the defaults ([`BiasVarianceConfig::default`]) and checks every value.
    pub(super) fn validate(
        self,
        origin: &str,
        folder: &Path,
    ) -> Result<RegressionExperiment, PresetError> {
        let v = Invalid { origin };
        let err = |key: &str, message: String| v.err(key, message);
        v.name_and_seed(&self.name, self.seed)?;
        let data = observations(&v, &self.problem, &self.resampling, folder)?;
        let defaults = match &data {
            Some(data) => observed::config_on(data, &BiasVarianceConfig::default()),
            None => BiasVarianceConfig::default(),
        };
        let p = self.problem;
        let truth = match p.truth.as_deref() {
            None => defaults.truth,
            Some(name) => Truth::from_name(name).ok_or_else(|| {
                let names: Vec<&str> = Truth::ALL.iter().map(|t| t.name()).collect();
                err(
                    "problem.truth",
                    format!("= \"{name}\" is not one of {}", one_of(&names)),
                )
            })?,
        };
        let inputs = v.choose(
            "problem.inputs",
            p.inputs.as_deref(),
            &INPUTS,
            defaults.inputs,
        )?;
        let evaluate_at = v.choose(
            "problem.evaluate_at",
            p.evaluate_at.as_deref(),
            &EVALUATIONS,
            defaults.evaluate_at,
        )?;

        let m = self.model;
        let family = self::family(&m, &err)?;
        let complexities = match (m.complexity, m.complexities) {
            (Some(_), Some(_)) => {
                return Err(err(
                    "model.complexities",
                    "cannot be given together with model.complexity; use one".into(),
                ));
            }
            (Some(range), None) => complexity_range(&range, &err)?,
            (None, Some(list)) => {
                if !list.windows(2).all(|w| w[0] < w[1]) {
                    return Err(err(
                        "model.complexities",
                        format!("must be strictly increasing, got {list:?}"),
                    ));
                }
                list
            }
            (None, None) => default_complexities(family),
        };
        let r = self.resampling;
        let config = BiasVarianceConfig {
            truth,
            n_train: p.n_train.unwrap_or(defaults.n_train),
            noise: p.noise.unwrap_or(defaults.noise),
            inputs,
            evaluate_at,
            test_points: p.test_points.unwrap_or(defaults.test_points),
            family,
            complexities,
            ridge: m.ridge.unwrap_or(defaults.ridge),
            resampling: v.choose(
                "resampling.mode",
                r.mode.as_deref(),
                &MODES,
                defaults.resampling,
            )?,
            repeats: r.repeats.unwrap_or(defaults.repeats),
            folds: r.folds.unwrap_or(defaults.folds),
            bag_size: r.bag_size.unwrap_or(defaults.bag_size),
            bag_sets: r.bag_sets.unwrap_or(defaults.bag_sets),
            seed: self.seed,
        };
        config
            .validate()
            .map_err(|e| err(e.key, e.message.clone()))?;
        let complexity = match m.current {
            None => default_current(&config.complexities),
            Some(c) => nearest(&config.complexities, c),
        };
        Ok(RegressionExperiment {
            name: self.name,
            description: self.description,
            config,
            complexity,
            data: data.map(Arc::new),
        })
    }

    /// The file that describes `e`, with every key explicit.
    pub(super) fn from_experiment(e: &RegressionExperiment) -> Self {
        let c = &e.config;
        let mut model = ModelFile {
            family: Some(c.family.name().to_string()),
            current: Some(e.complexity),
            ridge: Some(c.ridge),
            ..ModelFile::default()
        };
        match c.complexities.as_slice() {
            [lo, .., hi] if c.complexities.iter().copied().eq(*lo..=*hi) => {
                model.complexity = Some(vec![*lo, *hi]);
            }
            _ => model.complexities = Some(c.complexities.clone()),
        }
        match c.family {
            Family::Polynomial | Family::Knn | Family::Tree => {}
            Family::Mlp {
                steps,
                learning_rate,
            } => {
                model.steps = Some(steps);
                model.learning_rate = Some(learning_rate);
            }
            Family::Boosting {
                shrinkage,
                tree_depth,
            } => {
                model.shrinkage = Some(shrinkage);
                model.tree_depth = Some(tree_depth);
            }
            Family::RandomFeatures { kind, scale } => {
                model.features = Some(name_of(&FEATURE_KINDS, kind).to_string());
                model.scale = Some(scale);
            }
        }
        let (problem, resampling) = match &e.data {
            // Own data: the file and its columns; the keys of a truth do not apply.
            Some(data) => (
                ProblemFile {
                    kind: "regression".into(),
                    dataset: Some("file".into()),
                    train: Some(data.source.clone()),
                    x_column: Some(data.x_column.clone()),
                    y_column: Some(data.y_column.clone()),
                    test_fraction: Some(data.test_fraction),
                    ..ProblemFile::default()
                },
                ResamplingFile {
                    repeats: Some(c.repeats),
                    ..ResamplingFile::default()
                },
            ),
            None => (
                ProblemFile {
                    kind: "regression".into(),
                    truth: Some(c.truth.name().to_string()),
                    n_train: Some(c.n_train),
                    noise: Some(c.noise),
                    inputs: Some(name_of(&INPUTS, c.inputs).to_string()),
                    evaluate_at: Some(name_of(&EVALUATIONS, c.evaluate_at).to_string()),
                    test_points: Some(c.test_points),
                    ..ProblemFile::default()
                },
                ResamplingFile {
                    mode: Some(name_of(&MODES, c.resampling).to_string()),
                    repeats: Some(c.repeats),
                    folds: Some(c.folds),
                    bag_size: Some(c.bag_size),
                    bag_sets: Some(c.bag_sets),
                },
            ),
        };
        Self {
            name: e.name.clone(),
            description: e.description.clone(),
            seed: c.seed,
            problem,
            model,
            resampling,
        }
    }

    /// The TOML text (seeds above `i64::MAX` are written as `i64::MAX`; validation never
    /// produces them).
    pub(super) fn into_toml(mut self) -> String {
        self.seed = self.seed.min(i64::MAX.unsigned_abs());
        super::invalid::toml_text(&self)
    }
}

/// `problem.dataset = "file"`: the data read from `problem.train` (relative to `folder`);
/// `None` for data drawn from a truth. The keys of a truth (and of the resampling that needs
/// one) are errors beside a file, and the file's keys are errors without one.
fn observations(
    v: &Invalid<'_>,
    p: &ProblemFile,
    r: &ResamplingFile,
    folder: &Path,
) -> Result<Option<Observations>, PresetError> {
    const WITH_FILE: &str = "problem.dataset";
    let file_keys = [
        ("problem.train", p.train.is_some()),
        ("problem.x_column", p.x_column.is_some()),
        ("problem.y_column", p.y_column.is_some()),
        ("problem.test_fraction", p.test_fraction.is_some()),
    ];
    match p.dataset.as_deref() {
        None => {
            if let Some((key, _)) = file_keys.iter().find(|(_, set)| *set) {
                return Err(v.err(
                    *key,
                    "applies only with problem.dataset = \"file\" (a person's own data)",
                ));
            }
            Ok(None)
        }
        Some("file") => {
            let truth_keys = [
                ("problem.truth", p.truth.is_some()),
                ("problem.n_train", p.n_train.is_some()),
                ("problem.noise", p.noise.is_some()),
                ("problem.inputs", p.inputs.is_some()),
                ("problem.evaluate_at", p.evaluate_at.is_some()),
                ("problem.test_points", p.test_points.is_some()),
                ("resampling.folds", r.folds.is_some()),
                ("resampling.bag_size", r.bag_size.is_some()),
                ("resampling.bag_sets", r.bag_sets.is_some()),
                (
                    "resampling.mode",
                    r.mode.as_deref().is_some_and(|m| m != "bootstrap"),
                ),
            ];
            if let Some((key, _)) = truth_keys.iter().find(|(_, set)| *set) {
                return Err(v.err(
                    *key,
                    "does not apply with problem.dataset = \"file\": the data are the file's \
                     rows, split once into training rows and held-out points, and the fits are \
                     made on resampling.repeats bootstrap resamples of the training rows",
                ));
            }
            let keys = XyKeys {
                train: p.train.as_deref(),
                x_column: p.x_column.as_deref(),
                y_column: p.y_column.as_deref(),
                test_fraction: p.test_fraction,
            };
            data_file::load_xy(v, &keys, folder, *limits::N_TRAIN.end()).map(Some)
        }
        Some(other) => Err(v.err(
            WITH_FILE,
            format!(
                "= \"{other}\": the only dataset is \"file\" (a CSV file with columns x and y); \
                 leave it out to draw data from problem.truth"
            ),
        )),
    }
}

/// `model.family` and its own keys; keys of another family are errors.
fn family(
    m: &ModelFile,
    err: &impl Fn(&str, String) -> PresetError,
) -> Result<Family, PresetError> {
    let name = m.family.as_deref().unwrap_or("polynomial");
    let Some(family) = Family::from_name(name) else {
        let names: Vec<&str> = Family::ALL.iter().map(|f| f.name()).collect();
        return Err(err(
            "model.family",
            format!("= \"{name}\" is not one of {}", one_of(&names)),
        ));
    };
    let owned_by: [(&str, bool, &str); 6] = [
        ("model.steps", m.steps.is_some(), "mlp"),
        ("model.learning_rate", m.learning_rate.is_some(), "mlp"),
        ("model.shrinkage", m.shrinkage.is_some(), "boosting"),
        ("model.tree_depth", m.tree_depth.is_some(), "boosting"),
        ("model.features", m.features.is_some(), "random_features"),
        ("model.scale", m.scale.is_some(), "random_features"),
    ];
    if let Some((key, _, owner)) = owned_by
        .iter()
        .find(|(_, set, owner)| *set && *owner != name)
    {
        return Err(err(
            key,
            format!("applies only to family = \"{owner}\", not \"{name}\""),
        ));
    }
    Ok(match family {
        Family::Mlp {
            steps,
            learning_rate,
        } => Family::Mlp {
            steps: m.steps.unwrap_or(steps),
            learning_rate: m.learning_rate.unwrap_or(learning_rate),
        },
        Family::Boosting {
            shrinkage,
            tree_depth,
        } => Family::Boosting {
            shrinkage: m.shrinkage.unwrap_or(shrinkage),
            tree_depth: m.tree_depth.unwrap_or(tree_depth),
        },
        Family::RandomFeatures { kind, scale } => {
            let kind = match m.features.as_deref() {
                None => kind,
                Some(given) => FEATURE_KINDS
                    .iter()
                    .find(|(n, _)| *n == given)
                    .map(|(_, k)| *k)
                    .ok_or_else(|| {
                        let names: Vec<&str> = FEATURE_KINDS.iter().map(|(n, _)| *n).collect();
                        err(
                            "model.features",
                            format!("= \"{given}\" is not one of {}", one_of(&names)),
                        )
                    })?,
            };
            Family::RandomFeatures {
                kind,
                scale: m.scale.unwrap_or(scale),
            }
        }
        other => other,
    })
}

/// `model.complexity = [lo, hi]`: every complexity from lo to hi (at most
/// `limits::COMPLEXITIES` of them).
fn complexity_range(
    range: &[usize],
    err: &impl Fn(&str, String) -> PresetError,
) -> Result<Vec<usize>, PresetError> {
    const KEY: &str = "model.complexity";
    let max = *crate::core::biasvar::config::limits::COMPLEXITIES.end();
    match *range {
        [lo, hi] if lo <= hi && hi - lo < max => Ok((lo..=hi).collect()),
        [lo, hi] if lo <= hi => Err(err(
            KEY,
            format!(
                "= [{lo}, {hi}] spans {} complexities; at most {max} are allowed (list a \
                 selection with model.complexities instead)",
                hi - lo + 1
            ),
        )),
        _ => Err(err(
            KEY,
            format!(
                "must be [lo, hi] with lo <= hi (every complexity from lo to hi), got {range:?}"
            ),
        )),
    }
}

/// The x-axis of a family when the preset gives none.
fn default_complexities(family: Family) -> Vec<usize> {
    match family {
        Family::Polynomial => (0..=15).collect(),
        Family::Knn => (1..=20).collect(),
        Family::Mlp { .. } => vec![1, 2, 4, 8, 16, 32],
        Family::Tree => (0..=12).collect(),
        Family::Boosting { .. } => vec![0, 1, 2, 5, 10, 20, 50, 100, 200, 500],
        Family::RandomFeatures { .. } => vec![1, 5, 10, 20, 25, 30, 35, 40, 60, 100, 300, 1000],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<RegressionExperiment, PresetError> {
        let file: RegressionFile = toml::from_str(text).map_err(|e| PresetError::Syntax {
            origin: "test".into(),
            message: e.to_string(),
        })?;
        file.validate("test", Path::new(""))
    }

    const MINIMAL: &str = "name = \"t\"\n[problem]\nkind = \"regression\"\n";

    #[test]
    fn minimal_preset_gets_the_defaults() {
        let e = parse(MINIMAL).expect("minimal");
        let defaults = BiasVarianceConfig::default();
        assert_eq!(e.config, defaults);
        assert_eq!(e.complexity, 4);
        assert_eq!(e.complexity_index(), 4);
    }

    #[test]
    fn family_keys_belong_to_their_family() {
        let text = format!("{MINIMAL}[model]\nfamily = \"tree\"\nshrinkage = 0.1\n");
        let e = parse(&text).expect_err("shrinkage on a tree");
        assert_eq!(e.key(), Some("model.shrinkage"));
        let text = format!(
            "{MINIMAL}[model]\nfamily = \"boosting\"\nshrinkage = 0.3\ntree_depth = 1\n\
             complexity = [0, 40]\ncurrent = 10\n"
        );
        let e = parse(&text).expect("boosting");
        assert_eq!(
            e.config.family,
            Family::Boosting {
                shrinkage: 0.3,
                tree_depth: 1
            }
        );
        assert_eq!(e.config.complexities.len(), 41);
        assert_eq!(e.complexity, 10);
    }

    #[test]
    fn complexity_is_a_range_or_a_list() {
        for (model, key) in [
            ("complexity = [5, 2]", "model.complexity"),
            ("complexity = [1, 2, 3]", "model.complexity"),
            ("complexity = [0, 400]", "model.complexity"),
            ("complexities = [1, 5, 5]", "model.complexities"),
            (
                "complexity = [0, 3]\ncomplexities = [1, 2]",
                "model.complexities",
            ),
            ("family = \"splines\"", "model.family"),
        ] {
            let text = format!("{MINIMAL}[model]\n{model}\n");
            let e = parse(&text).expect_err(model);
            assert_eq!(e.key(), Some(key), "{model}: {e}");
        }
        let text = format!("{MINIMAL}[model]\ncomplexities = [1, 5, 30]\ncurrent = 5\n");
        assert_eq!(
            parse(&text).expect("list").config.complexities,
            vec![1, 5, 30]
        );
        // A current complexity that is not listed snaps to the nearest listed one.
        let text = format!("{MINIMAL}[model]\ncomplexities = [1, 5, 30]\ncurrent = 20\n");
        assert_eq!(parse(&text).expect("snapped").complexity, 30);
        assert_eq!(nearest(&[1, 5, 30], 3), 1);
    }

    #[test]
    fn round_trip_writes_every_key() {
        let text = format!(
            "{MINIMAL}truth = \"cos\"\ninputs = \"fixed\"\nevaluate_at = \"training_inputs\"\n\
             [model]\nfamily = \"random_features\"\nfeatures = \"relu\"\n\
             complexities = [2, 8, 40]\ncurrent = 40\nridge = 0.0\n\
             [resampling]\nmode = \"bootstrap\"\nrepeats = 7\n"
        );
        let e = parse(&text).expect("full");
        let written = RegressionFile::from_experiment(&e).into_toml();
        assert!(written.contains("features = \"relu\""), "{written}");
        let back = parse(&written).expect("round trip");
        assert_eq!(back, e);
        assert_eq!(RegressionFile::from_experiment(&back).into_toml(), written);
    }
}
