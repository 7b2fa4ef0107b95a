//! Renderers (placeholder while they are written).
