//! tui (to be written).
