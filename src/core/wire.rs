//! What core's values need to travel as bytes (`jobs::task`: to a Web Worker and back) that
//! serde's derives do not give: error fields that name a key as `&'static str`, and long
//! vectors of floats as one block of bytes ([`floats`]).

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

/// A long `Vec<f64>` (a trajectory's parameter vectors: tens of megabytes for the digits
/// network) as one block of little-endian bytes in a binary format, which decodes at the speed
/// of a copy instead of one float at a time; as a plain sequence in a human-readable one. Use
/// with `#[serde(with = "crate::core::wire::floats")]`.
pub mod floats {
    use serde::{Deserializer, Serializer};

    /// Writes `values` as bytes (binary formats) or as a sequence.
    ///
    /// # Errors
    /// The serializer's.
    pub fn serialize<S: Serializer>(values: &[f64], serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            return serde::Serialize::serialize(values, serializer);
        }
        let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        serializer.serialize_bytes(&bytes)
    }

    /// Reads what [`serialize`] wrote.
    ///
    /// # Errors
    /// Bytes whose length is not a multiple of 8, or the deserializer's.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<f64>, D::Error> {
        if deserializer.is_human_readable() {
            return serde::Deserialize::deserialize(deserializer);
        }
        deserializer.deserialize_bytes(Bytes)
    }

    struct Bytes;

    impl serde::de::Visitor<'_> for Bytes {
        type Value = Vec<f64>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("floats as little-endian bytes")
        }

        fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<Vec<f64>, E> {
            if !bytes.len().is_multiple_of(8) {
                return Err(E::invalid_length(bytes.len(), &self));
            }
            Ok(bytes
                .chunks_exact(8)
                .map(|b| f64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
                .collect())
        }
    }
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

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Floats(#[serde(with = "floats")] Vec<f64>);

    #[test]
    fn floats_travel_as_their_bits_in_both_kinds_of_format() {
        let values = Floats(vec![1.5, -0.0, f64::INFINITY, 1e-310, -2.5e300]);
        let bytes = rmp_serde::to_vec_named(&values).expect("encodes");
        // One block: a 2-byte MessagePack bin header, then 8 bytes a float.
        assert_eq!(bytes.len(), 2 + 5 * 8);
        let back: Floats = rmp_serde::from_slice(&bytes).expect("decodes");
        let bits = |f: &Floats| f.0.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&back), bits(&values));
        let nan = Floats(vec![f64::NAN]);
        let back: Floats = rmp_serde::from_slice(&rmp_serde::to_vec_named(&nan).expect("encodes"))
            .expect("decodes");
        assert_eq!(back.0[0].to_bits(), f64::NAN.to_bits());
        let text = serde_json::to_string(&Floats(vec![0.25, 2.0])).expect("encodes");
        assert_eq!(text, "[0.25,2.0]");
        assert!(rmp_serde::from_slice::<Floats>(&[0xc4, 3, 1, 2, 3]).is_err());
    }
}
