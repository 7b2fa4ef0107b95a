//! Progress (placeholder while it is written).
