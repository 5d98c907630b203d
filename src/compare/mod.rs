//! Alignment and diffs between documents (to be written).
