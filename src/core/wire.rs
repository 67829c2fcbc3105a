//! What core's values need to travel as bytes (`jobs::task`: to a Web Worker and back) that
//! serde's derives do not give: error fields that name a key as `&'static str`.

use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

/// A name from the program's own text (a key, a range, a split) in an error. Spelled as an
/// alias so that serde's derive does not take the field as borrowed from its input (it would
/// then ask the input to live forever); deserialize it with [`static_str`].
pub type Name = &'static str;

/// Deserializes a `&'static str` field (a key or range named in an error): each distinct
/// text is kept once for the program's life, so a name arriving again costs nothing, and the
/// texts are the program's own few names.
///
/// # Errors
/// Input that is not a string.
pub fn static_str<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<&'static str, D::Error> {
    static KEPT: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let text = <String as serde::Deserialize>::deserialize(deserializer)?;
    let mut kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
    let kept = kept.get_or_insert_with(HashSet::new);
    if let Some(&name) = kept.get(text.as_str()) {
        return Ok(name);
    }
    let name: &'static str = Box::leak(text.into_boxed_str());
    kept.insert(name);
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_kept_once() {
        let mut de = serde_json::Deserializer::from_str("\"n_train\"");
        let a = static_str(&mut de).expect("a string");
        let mut de = serde_json::Deserializer::from_str("\"n_train\"");
        let b = static_str(&mut de).expect("a string");
        assert_eq!(a, "n_train");
        assert!(std::ptr::eq(a, b));
        let mut de = serde_json::Deserializer::from_str("3");
        assert!(static_str(&mut de).is_err());
    }
}
