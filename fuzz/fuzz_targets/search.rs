//! cargo fuzz target: see fuzz/harness.rs, `search`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::search(data));
