//! Word lists the detectors match against. (Being written.)
