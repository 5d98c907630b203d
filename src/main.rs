//! The `strata` binary: argument parsing and dispatch. Everything else lives in the library.

mod cli;

/// mimalloc: a diff or a load makes hundreds of thousands of small allocations, which it serves
/// faster than the system allocator and with fewer page faults (README, "Diff", speed).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}
