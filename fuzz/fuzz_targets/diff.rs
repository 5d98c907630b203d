//! cargo fuzz target: see fuzz/harness.rs, `diff`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::diff(data));
