//! Serialises a `Duration` as whole milliseconds, the unit of every time in our files.

use std::time::Duration;

use serde::{Deserialize, Deserializer, Serializer};

/// Writes the duration as milliseconds.
pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_millis() as u64)
}

/// Reads milliseconds into a duration.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    Ok(Duration::from_millis(u64::deserialize(d)?))
}
