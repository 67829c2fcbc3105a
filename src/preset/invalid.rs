//! What every preset kind shares when it reads and writes its file: an [`Invalid`] knows the
//! file (or built-in name) being read and turns a key, a value and its allowed range into the
//! [`PresetError::Invalid`] that names all three; [`toml_text`] writes a file mirror back.

use super::PresetError;

/// The TOML text of a preset file mirror. Every field is a plain number, string, bool or array
/// of them, so serialisation cannot fail; should it, the file says so in a comment instead of
/// being silently empty.
pub(super) fn toml_text<T: serde::Serialize>(file: &T) -> String {
    match toml::to_string(file) {
        Ok(text) => text,
        Err(e) => format!("# basin could not write this preset: {e}\n"),
    }
}

/// Builds [`PresetError::Invalid`] for `origin`.
pub(super) struct Invalid<'a> {
    pub(super) origin: &'a str,
}

impl Invalid<'_> {
    pub(super) fn err(&self, key: impl Into<String>, message: impl Into<String>) -> PresetError {
        PresetError::Invalid {
            origin: self.origin.to_string(),
            key: key.into(),
            message: message.into(),
        }
    }

    /// The error for a key set where it has no meaning: `key` applies only when `owner_key`
    /// is `owner`, and here it is `actual`.
    pub(super) fn applies_only(
        &self,
        key: &str,
        owner_key: &str,
        owner: &str,
        actual: &str,
    ) -> PresetError {
        self.err(
            key,
            format!("applies only to {owner_key} = \"{owner}\", not \"{actual}\""),
        )
    }

    /// The value named `given` in a `(name, value)` table, `default` when not given; a name
    /// not in the table is an error listing the names.
    pub(super) fn choose<T: Copy>(
        &self,
        key: &str,
        given: Option<&str>,
        table: &[(&'static str, T)],
        default: T,
    ) -> Result<T, PresetError> {
        let Some(name) = given else {
            return Ok(default);
        };
        let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
        table
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, value)| *value)
            .ok_or_else(|| {
                self.err(
                    key,
                    format!("= \"{name}\" is not one of {}", one_of(&names)),
                )
            })
    }

    /// Checks what every preset kind has at its top: a non-empty `name` and a `seed` that
    /// TOML can hold (at most `i64::MAX`).
    pub(super) fn name_and_seed(&self, name: &str, seed: u64) -> Result<(), PresetError> {
        if name.trim().is_empty() {
            return Err(self.err("name", "must not be empty"));
        }
        if i64::try_from(seed).is_err() {
            return Err(self.err("seed", format!("must be in 0..={}", i64::MAX)));
        }
        Ok(())
    }

    pub(super) fn count(
        &self,
        key: &str,
        value: usize,
        range: &std::ops::RangeInclusive<usize>,
    ) -> Result<usize, PresetError> {
        if range.contains(&value) {
            Ok(value)
        } else {
            Err(self.err(
                key,
                format!(
                    "must be in {}..={}, got {value}",
                    range.start(),
                    range.end()
                ),
            ))
        }
    }

    pub(super) fn real(
        &self,
        key: &str,
        value: f64,
        range: &std::ops::RangeInclusive<f64>,
    ) -> Result<f64, PresetError> {
        if value.is_finite() && range.contains(&value) {
            Ok(value)
        } else {
            Err(self.err(
                key,
                format!(
                    "must be in [{}, {}], got {value}",
                    range.start(),
                    range.end()
                ),
            ))
        }
    }

    pub(super) fn range(&self, key: &str, value: [f64; 2]) -> Result<[f64; 2], PresetError> {
        if value.iter().all(|v| v.is_finite()) && value[0] < value[1] {
            Ok(value)
        } else {
            Err(self.err(
                key,
                format!(
                    "must be [min, max] with finite min < max, got [{}, {}]",
                    value[0], value[1]
                ),
            ))
        }
    }
}

/// Names of the choices a key takes, for messages: `"a", "b", "c"`.
pub(super) fn one_of(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}
