//! search (to be written).
