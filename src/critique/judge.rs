//! The judge layer (placeholder while it is written).
